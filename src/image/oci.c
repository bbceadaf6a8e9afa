/*
 * oci.c - the container around an image's layers: an OCI image layout
 * directory (oci-layout, index.json, blobs/<alg>/<hex>), the same as a tar
 * (skopeo's oci-archive:), or a `docker save` archive (manifest.json naming
 * a config and layer members).  Picks the manifest of a platform, reads the
 * config (architecture, variant, os, Env, WorkingDir, Entrypoint, Cmd) and
 * drives layers.c and materialise.c.  The OCI image spec
 * (image-layout.md, image-index.md, manifest.md, config.md) and docker's
 * image/spec/v1.2.md are where the fields come from.
 *
 * Member names come from the image: a digest must be <alg>:<hex>, a docker
 * member name must stay inside the archive (no "..", not absolute).
 */
#include "image.h"

#ifndef AD_HAVE_LIBARCHIVE

bool image_supported(void)
{
	return false;
}

int image_platforms(struct arena *a, const char *image, const char **out, size_t *n, const char **err)
{
	(void)out;
	*n = 0;
	*err = arena_printf(a, "'%s': this build has no image support (libarchive)", image);
	return -1;
}

int image_open(struct arena *a, const char *image, const char *platform, const char *dir,
	       struct image_view *out, const char **err)
{
	(void)platform; (void)dir; (void)out;
	*err = arena_printf(a, "'%s': this build has no image support (libarchive)", image);
	return -1;
}

int image_open_files(struct arena *a, const char *image, const char *platform, const char **files, int nfiles,
		     struct image_view *out, const char **err)
{
	(void)files; (void)nfiles;
	return image_open(a, image, platform, NULL, out, err);
}

#else

#include <archive.h>
#include <archive_entry.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "imgint.h"
#include "../util/jsonread.h"

bool image_supported(void)
{
	return true;
}

uint64_t img_byte_cap(void)
{
	const char *e = getenv("ADDON_DOCTOR_IMAGE_MAX_BYTES");
	if (e && *e) {
		char *end;
		unsigned long long v = strtoull(e, &end, 10);
		if (!*end && v > 0)
			return v;
	}
	return (uint64_t)16 << 30;
}

/* A member name of the archive as the image writes it: relative, no "..". */
static bool member_ok(const char *name)
{
	if (!name || !*name || name[0] == '/' || strlen(name) > 1024)
		return false;
	for (const char *p = name; *p;) {
		const char *e = p + strcspn(p, "/");
		if (e - p == 2 && p[0] == '.' && p[1] == '.')
			return false;
		p = *e ? e + 1 : e;
	}
	return true;
}

static const char *strip_dot(const char *n)
{
	while (n[0] == '.' && n[1] == '/')
		n += 2;
	while (*n == '/')
		n++;
	return n;
}

/* "sha256:<hex>" -> "blobs/sha256/<hex>" (image-layout.md) */
static const char *digest_member(struct arena *a, const char *digest)
{
	if (!digest)
		return NULL;
	const char *colon = strchr(digest, ':');
	if (!colon || colon == digest || !colon[1])
		return NULL;
	for (const char *p = digest; p < colon; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '+' || *p == '.' || *p == '_' || *p == '-'))
			return NULL;
	for (const char *p = colon + 1; *p; p++)
		if (!((*p >= 'a' && *p <= 'f') || (*p >= '0' && *p <= '9')))
			return NULL;
	if (strlen(colon + 1) > 256)
		return NULL;
	return arena_printf(a, "blobs/%.*s/%s", (int)(colon - digest), digest, colon + 1);
}

/* Filters libarchive runs in process; one that would start a program
 * (when libarchive was built without the library) is refused. */
static int add_filters(struct archive *ar)
{
	if (archive_read_support_filter_none(ar) != ARCHIVE_OK ||
	    archive_read_support_filter_gzip(ar) != ARCHIVE_OK ||
	    archive_read_support_filter_zstd(ar) != ARCHIVE_OK)
		return -1;
	/* docker also accepts these; optional */
	(void)archive_read_support_filter_xz(ar);
	(void)archive_read_support_filter_bzip2(ar);
	return 0;
}

static struct archive *new_tar_reader(void)
{
	struct archive *ar = archive_read_new();
	if (!ar)
		return NULL;
	if (add_filters(ar) != 0 || archive_read_support_format_tar(ar) != ARCHIVE_OK) {
		archive_read_free(ar);
		return NULL;
	}
	return ar;
}

/* Opens a regular file of a layout directory; FIFOs and devices refused. */
static int open_member_fd(struct arena *a, const struct img_src *s, const char *name, int64_t *size,
			  const char **err)
{
	const char *p = arena_printf(a, "%s/%s", s->path, name);
	int fd = p ? open(p, O_RDONLY | O_NONBLOCK | O_CLOEXEC) : -1;
	if (fd < 0) {
		*err = arena_printf(a, "'%s': %s: %s", s->path, name, strerror(errno));
		return -1;
	}
	struct stat st;
	if (fstat(fd, &st) || !S_ISREG(st.st_mode)) {
		close(fd);
		*err = arena_printf(a, "'%s': %s: not a regular file", s->path, name);
		return -1;
	}
	*size = st.st_size;
	return fd;
}

/* Positions OUTER (a tar of the whole image) at the member NAME. */
static struct archive *open_outer_at(struct arena *a, const struct img_src *s, const char *name, int64_t *size,
				     const char **err)
{
	struct archive *ar = new_tar_reader();
	if (!ar) {
		*err = arena_printf(a, "'%s': cannot set up libarchive", s->path);
		return NULL;
	}
	if (archive_read_open_filename(ar, s->path, 65536) != ARCHIVE_OK) {
		*err = arena_printf(a, "'%s': %s", s->path, archive_error_string(ar));
		archive_read_free(ar);
		return NULL;
	}
	struct archive_entry *e;
	unsigned long count = 0;
	int r;
	while ((r = archive_read_next_header(ar, &e)) == ARCHIVE_OK || r == ARCHIVE_WARN) {
		if (++count > IMG_MAX_ENTRIES)
			break;
		const char *n = archive_entry_pathname(e);
		if (n && !strcmp(strip_dot(n), name)) {
			if (archive_entry_filetype(e) != AE_IFREG) {
				*err = arena_printf(a, "'%s': %s: not a regular file in the archive", s->path, name);
				archive_read_free(ar);
				return NULL;
			}
			*size = archive_entry_size(e);
			return ar;
		}
	}
	*err = r == ARCHIVE_EOF || r == ARCHIVE_OK || r == ARCHIVE_WARN
		? arena_printf(a, "'%s': no member '%s' in the archive", s->path, name)
		: arena_printf(a, "'%s': %s", s->path, archive_error_string(ar));
	archive_read_free(ar);
	return NULL;
}

char *img_read_small(struct arena *a, const struct img_src *s, const char *name, size_t *len, const char **err)
{
	if (!member_ok(name)) {
		*err = arena_printf(a, "'%s': member name '%s' leaves the image", s->path, name ? name : "");
		return NULL;
	}
	int64_t size = 0;
	char *buf = NULL;
	if (s->dir) {
		int fd = open_member_fd(a, s, name, &size, err);
		if (fd < 0)
			return NULL;
		if (size < 0 || (uint64_t)size > IMG_MAX_SMALL) {
			close(fd);
			*err = arena_printf(a, "'%s': %s: %lld bytes, more than a manifest or config can be", s->path,
					    name, (long long)size);
			return NULL;
		}
		buf = arena_alloc(a, (size_t)size + 1);
		ssize_t got = 0;
		while (buf && got < size) {
			ssize_t k = pread(fd, buf + got, (size_t)(size - got), got);
			if (k <= 0)
				break;
			got += k;
		}
		close(fd);
		if (!buf || got != size) {
			*err = arena_printf(a, "'%s': %s: short read", s->path, name);
			return NULL;
		}
	} else {
		struct archive *ar = open_outer_at(a, s, name, &size, err);
		if (!ar)
			return NULL;
		if (size < 0 || (uint64_t)size > IMG_MAX_SMALL) {
			archive_read_free(ar);
			*err = arena_printf(a, "'%s': %s: %lld bytes, more than a manifest or config can be", s->path,
					    name, (long long)size);
			return NULL;
		}
		buf = arena_alloc(a, (size_t)size + 1);
		la_ssize_t got = buf ? archive_read_data(ar, buf, (size_t)size) : -1;
		archive_read_free(ar);
		if (got != size) {
			*err = arena_printf(a, "'%s': %s: short read", s->path, name);
			return NULL;
		}
	}
	buf[size] = '\0';
	*len = (size_t)size;
	return buf;
}

struct img_layer {
	struct archive *outer, *inner;
	int fd;
	char *buf;
};

static la_ssize_t outer_read(struct archive *ar, void *ctx, const void **out)
{
	(void)ar;
	struct img_layer *l = ctx;
	*out = l->buf;
	la_ssize_t n = archive_read_data(l->outer, l->buf, 65536);
	if (n < 0)
		archive_set_error(ar, EIO, "%s", archive_error_string(l->outer));
	return n;
}

struct img_layer *img_layer_open(struct arena *a, const struct img_src *s, const char *name, const char **err)
{
	if (!member_ok(name)) {
		*err = arena_printf(a, "'%s': member name '%s' leaves the image", s->path, name ? name : "");
		return NULL;
	}
	struct img_layer *l = arena_calloc(a, 1, sizeof *l);
	if (!l || !(l->buf = arena_alloc(a, 65536)))
		return NULL;
	l->fd = -1;
	int64_t size = 0;
	l->inner = new_tar_reader();
	if (!l->inner) {
		*err = arena_printf(a, "'%s': cannot set up libarchive", s->path);
		return NULL;
	}
	int r;
	if (s->dir) {
		l->fd = open_member_fd(a, s, name, &size, err);
		if (l->fd < 0) {
			archive_read_free(l->inner);
			return NULL;
		}
		r = archive_read_open_fd(l->inner, l->fd, 65536);
	} else {
		l->outer = open_outer_at(a, s, name, &size, err);
		if (!l->outer) {
			archive_read_free(l->inner);
			return NULL;
		}
		r = archive_read_open(l->inner, l, NULL, outer_read, NULL);
	}
	if (r != ARCHIVE_OK) {
		*err = arena_printf(a, "'%s': layer %s: %s", s->path, name, archive_error_string(l->inner));
		img_layer_close(l);
		return NULL;
	}
	return l;
}

struct archive *img_layer_archive(struct img_layer *l)
{
	return l->inner;
}

void img_layer_close(struct img_layer *l)
{
	if (!l)
		return;
	if (l->inner)
		archive_read_free(l->inner);
	if (l->outer)
		archive_read_free(l->outer);
	if (l->fd >= 0)
		close(l->fd);
	l->inner = l->outer = NULL;
	l->fd = -1;
}

/* --- manifests ------------------------------------------------------------ */

struct choice {
	const char *platform;        /* NULL until the config says */
	const char *manifest;        /* OCI: the manifest member; docker: NULL */
	const char *config;          /* docker: the config member */
	const struct jv *layers;     /* docker: the Layers array */
};

static bool is_index_type(const char *mt)
{
	return mt && (!strcmp(mt, "application/vnd.oci.image.index.v1+json") ||
		      !strcmp(mt, "application/vnd.docker.distribution.manifest.list.v2+json"));
}

static const char *platform_of(struct arena *a, const struct jv *p)
{
	const char *os = jv_get_str(p, "os"), *arch = jv_get_str(p, "architecture"),
		   *var = jv_get_str(p, "variant");
	if (!os || !arch)
		return NULL;
	return var && *var ? arena_printf(a, "%s/%s/%s", os, arch, var) : arena_printf(a, "%s/%s", os, arch);
}

static int add_index(struct arena *a, const struct img_src *s, const struct jv *idx, int depth,
		     struct choice *c, size_t *n, const char **err)
{
	const struct jv *m = jv_get(idx, "manifests");
	if (!m || m->type != JV_ARR) {
		*err = arena_printf(a, "'%s': the index has no manifests", s->path);
		return -1;
	}
	for (size_t i = 0; i < m->n; i++) {
		const struct jv *d = m->vals[i];
		const char *member = digest_member(a, jv_get_str(d, "digest"));
		if (!member) {
			*err = arena_printf(a, "'%s': manifest %zu of the index has no usable digest", s->path, i);
			return -1;
		}
		const char *mt = jv_get_str(d, "mediaType");
		if (is_index_type(mt)) {
			if (depth >= 2) {
				*err = arena_printf(a, "'%s': indexes nested too deep", s->path);
				return -1;
			}
			size_t len;
			char *t = img_read_small(a, s, member, &len, err);
			struct jv *sub = t ? json_parse(a, t, len) : NULL;
			if (!sub) {
				if (t)
					*err = arena_printf(a, "'%s': %s: not JSON", s->path, member);
				return -1;
			}
			if (add_index(a, s, sub, depth + 1, c, n, err) != 0)
				return -1;
			continue;
		}
		const struct jv *p = jv_get(d, "platform");
		const char *plat = p ? platform_of(a, p) : NULL;
		/* buildx's attestation manifests say unknown/unknown: not a platform */
		if (plat && strstr(plat, "unknown"))
			continue;
		if (*n >= IMAGE_MAX_PLATFORMS) {
			*err = arena_printf(a, "'%s': more than %d manifests", s->path, IMAGE_MAX_PLATFORMS);
			return -1;
		}
		c[*n].platform = plat;
		c[*n].manifest = member;
		c[*n].config = NULL;
		c[*n].layers = NULL;
		(*n)++;
	}
	return 0;
}

static int list_choices(struct arena *a, const struct img_src *s, struct choice *c, size_t *n, const char **err)
{
	*n = 0;
	size_t len;
	const char *ierr = NULL;
	char *t = img_read_small(a, s, "index.json", &len, &ierr);
	if (t) {
		struct jv *idx = json_parse(a, t, len);
		if (!idx || idx->type != JV_OBJ) {
			*err = arena_printf(a, "'%s': index.json is not a JSON object", s->path);
			return -1;
		}
		/* docker save (25+) writes both; the OCI index wins, it names platforms */
		if (add_index(a, s, idx, 0, c, n, err) != 0)
			return -1;
	} else {
		const char *merr = NULL;
		t = img_read_small(a, s, "manifest.json", &len, &merr);
		if (!t) {
			/* a damaged archive says so; only absent members are "neither" */
			bool absent = strstr(ierr, "no member") || strstr(ierr, "No such file");
			*err = !absent ? ierr : !strstr(merr, "no member") && !strstr(merr, "No such file") ? merr
				: arena_printf(a, "'%s': neither an OCI layout (index.json) nor a docker archive "
					       "(manifest.json)", s->path);
			return -1;
		}
		struct jv *m = json_parse(a, t, len);
		if (!m || m->type != JV_ARR || m->n == 0) {
			*err = arena_printf(a, "'%s': manifest.json is not a list of images", s->path);
			return -1;
		}
		for (size_t i = 0; i < m->n && *n < IMAGE_MAX_PLATFORMS; i++) {
			const char *cfg = jv_get_str(m->vals[i], "Config");
			const struct jv *ly = jv_get(m->vals[i], "Layers");
			if (!cfg || !ly || ly->type != JV_ARR) {
				*err = arena_printf(a, "'%s': manifest.json entry %zu has no Config or Layers", s->path, i);
				return -1;
			}
			c[*n] = (struct choice){ .config = cfg, .layers = ly };
			(*n)++;
		}
	}
	if (*n == 0) {
		*err = arena_printf(a, "'%s': no image manifest in it", s->path);
		return -1;
	}
	return 0;
}

/* The config and layer members of a choice. */
static int resolve_choice(struct arena *a, const struct img_src *s, struct choice *c, const struct jv **config,
			  const char ***layers, unsigned *nlayers, const char **err)
{
	const char *cfgname = c->config;
	const struct jv *ly = c->layers;
	bool oci = c->manifest != NULL;
	size_t len;
	if (oci) {
		char *t = img_read_small(a, s, c->manifest, &len, err);
		struct jv *m = t ? json_parse(a, t, len) : NULL;
		if (!m) {
			if (t)
				*err = arena_printf(a, "'%s': %s: not JSON", s->path, c->manifest);
			return -1;
		}
		const struct jv *cd = jv_get(m, "config");
		cfgname = cd ? digest_member(a, jv_get_str(cd, "digest")) : NULL;
		ly = jv_get(m, "layers");
		if (!cfgname || !ly || ly->type != JV_ARR) {
			*err = arena_printf(a, "'%s': %s: a manifest without config or layers", s->path, c->manifest);
			return -1;
		}
	}
	if (ly->n > IMG_MAX_LAYERS) {
		*err = arena_printf(a, "'%s': %zu layers, more than %u", s->path, ly->n, IMG_MAX_LAYERS);
		return -1;
	}
	const char **names = arena_calloc(a, ly->n + 1, sizeof *names);
	if (!names)
		return -1;
	for (size_t i = 0; i < ly->n; i++) {
		const struct jv *l = ly->vals[i];
		names[i] = oci ? digest_member(a, jv_get_str(l, "digest")) : (l->type == JV_STR ? l->str : NULL);
		if (!names[i] || !member_ok(names[i])) {
			*err = arena_printf(a, "'%s': layer %zu has no usable name or digest", s->path, i + 1);
			return -1;
		}
	}
	char *t = img_read_small(a, s, cfgname, &len, err);
	struct jv *cfg = t ? json_parse(a, t, len) : NULL;
	if (!cfg || cfg->type != JV_OBJ) {
		if (t)
			*err = arena_printf(a, "'%s': %s: the image config is not a JSON object", s->path, cfgname);
		return -1;
	}
	if (!c->platform)
		c->platform = platform_of(a, cfg);
	*config = cfg;
	*layers = names;
	*nlayers = (unsigned)ly->n;
	return 0;
}

/* A platform "os/arch[/variant]" as containerd normalises it before it
 * compares (github.com/containerd/platforms, database.go normalizeOS and
 * normalizeArch; docker's and podman's --platform go through it): lower
 * case, macos is darwin, x86_64 is amd64, aarch64 is arm64 and arm64/v8
 * plain arm64, armhf is arm/v7 and armel arm/v6, arm without a variant
 * is arm/v7.  A single word is an architecture on linux.  false when a
 * part is empty or too long. */
struct plat {
	char os[32], arch[32], variant[32];
};

static bool plat_part(char *dst, const char *src, size_t n)
{
	if (n >= 32)
		return false;
	for (size_t i = 0; i < n; i++)
		dst[i] = (char)(src[i] >= 'A' && src[i] <= 'Z' ? src[i] - 'A' + 'a' : src[i]);
	dst[n] = '\0';
	return true;
}

static bool plat_norm(const char *s, struct plat *p)
{
	memset(p, 0, sizeof *p);
	if (!s || !*s)
		return false;
	const char *a = strchr(s, '/');
	if (!a) {
		strcpy(p->os, "linux");
		if (!plat_part(p->arch, s, strlen(s)))
			return false;
	} else {
		const char *v = strchr(a + 1, '/');
		size_t an = v ? (size_t)(v - a - 1) : strlen(a + 1);
		if (a == s || !an || !plat_part(p->os, s, (size_t)(a - s)) || !plat_part(p->arch, a + 1, an) ||
		    (v && (!v[1] || strchr(v + 1, '/') || !plat_part(p->variant, v + 1, strlen(v + 1)))))
			return false;
	}
	if (!strcmp(p->os, "macos"))
		strcpy(p->os, "darwin");
	char *arch = p->arch, *var = p->variant;
	if (!strcmp(arch, "i386")) {
		strcpy(arch, "386");
		var[0] = '\0';
	} else if (!strcmp(arch, "x86_64") || !strcmp(arch, "x86-64") || !strcmp(arch, "amd64")) {
		strcpy(arch, "amd64");
		if (!strcmp(var, "v1"))
			var[0] = '\0';
	} else if (!strcmp(arch, "aarch64") || !strcmp(arch, "arm64")) {
		strcpy(arch, "arm64");
		if (!strcmp(var, "8") || !strcmp(var, "v8"))
			var[0] = '\0';
	} else if (!strcmp(arch, "armhf")) {
		strcpy(arch, "arm");
		strcpy(var, "v7");
	} else if (!strcmp(arch, "armel")) {
		strcpy(arch, "arm");
		strcpy(var, "v6");
	} else if (!strcmp(arch, "arm")) {
		if (!var[0] || !strcmp(var, "7"))
			strcpy(var, "v7");
		else if (!strcmp(var, "5") || !strcmp(var, "6") || !strcmp(var, "8")) {
			var[1] = var[0];
			var[0] = 'v';
			var[2] = '\0';
		}
	}
	return true;
}

/* containerd's matcher (platforms.go): os, architecture and variant equal
 * once normalised.  No fallback to an older variant (platforms.Only's
 * arm/v7 -> arm/v6): the manifest asked for, or none. */
static bool platform_matches(const char *have, const char *want)
{
	struct plat h, w;
	return plat_norm(have, &h) && plat_norm(want, &w) && !strcmp(h.os, w.os) && !strcmp(h.arch, w.arch) &&
	       !strcmp(h.variant, w.variant);
}

static int open_src(struct arena *a, const char *image, struct img_src *s, const char **err)
{
	struct stat st;
	if (stat(image, &st)) {
		*err = arena_printf(a, "'%s': %s", image, strerror(errno));
		return -1;
	}
	if (!S_ISDIR(st.st_mode) && !S_ISREG(st.st_mode)) {
		*err = arena_printf(a, "'%s': neither a directory nor an archive file", image);
		return -1;
	}
	s->path = image;
	s->dir = S_ISDIR(st.st_mode);
	return 0;
}

int image_platforms(struct arena *a, const char *image, const char **out, size_t *n, const char **err)
{
	struct img_src s;
	struct choice c[IMAGE_MAX_PLATFORMS];
	if (open_src(a, image, &s, err) || list_choices(a, &s, c, n, err))
		return -1;
	for (size_t i = 0; i < *n; i++) {
		if (!c[i].platform) {
			const struct jv *cfg;
			const char **names;
			unsigned nl;
			if (resolve_choice(a, &s, &c[i], &cfg, &names, &nl, err))
				return -1;
		}
		out[i] = c[i].platform ? c[i].platform : "unknown";
	}
	return 0;
}

/* --- the private root, removed at exit ------------------------------------ */

static char *roots[IMAGE_MAX_PLATFORMS * 2];
static size_t nroots;

static void rm_tree_at(int dfd, const char *name, int depth)
{
	if (depth > 4096)
		return;
	if (unlinkat(dfd, name, 0) == 0 || errno == ENOENT)
		return;
	int fd = openat(dfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return;
	DIR *d = fdopendir(fd);
	if (!d) {
		close(fd);
		return;
	}
	struct dirent *de;
	while ((de = readdir(d)))
		if (strcmp(de->d_name, ".") && strcmp(de->d_name, ".."))
			rm_tree_at(dirfd(d), de->d_name, depth + 1);
	closedir(d);
	unlinkat(dfd, name, AT_REMOVEDIR);
}

static void remove_roots(void)
{
	for (size_t i = 0; i < nroots; i++) {
		rm_tree_at(AT_FDCWD, roots[i], 0);
		free(roots[i]);
	}
	nroots = 0;
}

static char *make_root(void)
{
	static bool registered;
	if (nroots >= sizeof roots / sizeof roots[0])
		return NULL;
	const char *tmp = getenv("TMPDIR");
	if (!tmp || tmp[0] != '/')
		tmp = "/tmp";
	size_t n = strlen(tmp) + 40;
	char *t = malloc(n);
	if (!t)
		return NULL;
	snprintf(t, n, "%s/addon-doctor-image.XXXXXX", tmp);
	if (!mkdtemp(t)) {
		free(t);
		return NULL;
	}
	/* the loader model compares realpath()s against the root */
	char *r = realpath(t, NULL);
	if (!r) {
		rmdir(t);
		free(t);
		return NULL;
	}
	free(t);
	if (!registered) {
		atexit(remove_roots);
		registered = true;
	}
	roots[nroots++] = r;
	return r;
}

/* --- the config ------------------------------------------------------------ */

static const char *env_of(const struct jv *cfg, const char *var)
{
	const struct jv *e = jv_get(cfg, "Env");
	size_t n = strlen(var);
	for (size_t i = 0; e && e->type == JV_ARR && i < e->n; i++) {
		const struct jv *v = e->vals[i];
		if (v->type == JV_STR && !strncmp(v->str, var, n) && v->str[n] == '=')
			return v->str + n + 1;
	}
	return NULL;
}

static const char *joined(struct arena *a, const struct jv *cfg)
{
	const char *out = NULL;
	const char *keys[] = { "Entrypoint", "Cmd" };
	for (int k = 0; k < 2; k++) {
		const struct jv *v = jv_get(cfg, keys[k]);
		for (size_t i = 0; v && v->type == JV_ARR && i < v->n; i++)
			if (v->vals[i]->type == JV_STR)
				out = out ? arena_printf(a, "%s %s", out, v->vals[i]->str) : v->vals[i]->str;
	}
	return out;
}

static int open_view(struct arena *a, const char *image, const char *platform, const char *dir,
		     const char **files, int nfiles, struct image_view *out, const char **err)
{
	memset(out, 0, sizeof *out);
	struct img_src s;
	struct choice c[IMAGE_MAX_PLATFORMS];
	size_t n;
	if (open_src(a, image, &s, err) || list_choices(a, &s, c, &n, err))
		return -1;
	const struct jv *cfg = NULL;
	const char **layers = NULL;
	unsigned nlayers = 0;
	size_t pick = n;
	for (size_t i = 0; i < n; i++) {
		if (!c[i].platform && resolve_choice(a, &s, &c[i], &cfg, &layers, &nlayers, err))
			return -1;
		if (!platform || platform_matches(c[i].platform, platform)) {
			pick = i;
			break;
		}
	}
	if (pick == n) {
		const char *have = NULL;
		for (size_t i = 0; i < n; i++)
			have = arena_printf(a, "%s%s%s", have ? have : "", have ? ", " : "",
					    c[i].platform ? c[i].platform : "unknown");
		*err = arena_printf(a, "'%s': no manifest for platform %s (it has %s)", image, platform, have);
		return -1;
	}
	if (resolve_choice(a, &s, &c[pick], &cfg, &layers, &nlayers, err))
		return -1;
	const struct jv *conf = jv_get(cfg, "config");
	if (!conf)
		conf = jv_get(cfg, "container_config");
	out->platform = c[pick].platform ? c[pick].platform : "unknown";
	out->ld_library_path = conf ? env_of(conf, "LD_LIBRARY_PATH") : NULL;
	out->node_options = conf ? env_of(conf, "NODE_OPTIONS") : NULL;
	out->command = conf ? joined(a, conf) : NULL;
	const char *path_env = conf ? env_of(conf, "PATH") : NULL;
	/* no PATH in Env: what the runtimes set (moby's oci defaults, runc) */
	if (!path_env)
		path_env = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
	const char *wd = conf ? jv_get_str(conf, "WorkingDir") : NULL;
	if (!wd || wd[0] != '/')
		wd = "/";
	const char *app = dir ? (dir[0] == '/' ? dir : arena_printf(a, "%s/%s", wd, dir)) : wd;
	/* check: the named files (and what lies beside them, for $ORIGIN),
	 * and the app directory only when the WorkingDir is one */
	if (files)
		app = strcmp(wd, "/") ? wd : NULL;

	struct view v;
	if (view_build(&v, a, &s, layers, nlayers, err))
		return -1;
	char *node = NULL, *appc = NULL;
	if (view_select(&v, path_env, out->ld_library_path, wd, app, &node, &appc, err))
		return -1;
	/* the whole image is not an app directory: it would be copied whole */
	if (appc && !appc[0] && !files) {
		*err = arena_printf(a, "'%s': the app directory would be the image's root (%s); name it: "
				    "scan --image IMAGE /app", image, dir ? "as given" : "no WorkingDir");
		return -1;
	}
	const char **canon = files ? arena_calloc(a, (size_t)nfiles + 1, sizeof *canon) : NULL;
	for (int i = 0; files && i < nfiles; i++) {
		const char *f = files[i][0] == '/' ? files[i] : arena_printf(a, "%s/%s", wd, files[i]);
		if (!(canon[i] = view_want_file(&v, f))) {
			*err = arena_printf(a, "'%s': %s: not in the image", image, f);
			return -1;
		}
	}
	char *root = make_root();
	if (!root) {
		*err = arena_printf(a, "'%s': cannot make a private directory: %s", image, strerror(errno));
		return -1;
	}
	if (view_materialise(&v, &s, root, &out->files, &out->bytes, err))
		return -1;
	out->root = arena_strdup(a, root);
	out->workdir = wd;
	out->app_in_image = appc ? arena_printf(a, "/%s", appc) : "none";
	out->app = appc ? arena_printf(a, "%s/%s", root, appc) : root;
	for (int i = 0; files && i < nfiles; i++)
		files[i] = arena_printf(a, "%s/%s", root, canon[i]);
	if (node) {
		out->node_in_image = arena_printf(a, "/%s", node);
		out->node = arena_printf(a, "%s/%s", root, node);
	}
	return 0;
}

int image_open(struct arena *a, const char *image, const char *platform, const char *dir,
	       struct image_view *out, const char **err)
{
	return open_view(a, image, platform, dir, NULL, 0, out, err);
}

int image_open_files(struct arena *a, const char *image, const char *platform, const char **files, int nfiles,
		     struct image_view *out, const char **err)
{
	return open_view(a, image, platform, NULL, files, nfiles, out, err);
}

#endif
