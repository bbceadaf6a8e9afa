/*
 * materialise.c - what a scan of an image reads, copied out of its layers
 * into a private directory standing for the image's "/".
 *
 * The scan pipeline reads real paths (io/rfile.c, runtime/syslibs.c with
 * --sysroot, scan/walk.c), so the entries it needs are written out, and
 * only those: the app directory (and directories its symlinks lead to),
 * the node found on the image's PATH, shared libraries in the standard
 * library directories and LD_LIBRARY_PATH, the loader's configuration
 * (/etc/ld.so.cache, ld.so.conf, /etc/ld-musl-*.path) and os-release.
 * Nothing is executed.
 *
 * Safety: every name written is the canonical name in the image's merged
 * view (layers.c resolves links inside the image root), its parents are
 * real directories created here, files are created O_EXCL|O_NOFOLLOW,
 * symlinks are rewritten as relative links to their canonical target, so
 * following one never leaves the private root.  Devices, FIFOs and
 * sockets are never created; sizes are capped (img_byte_cap).
 */
#ifdef AD_HAVE_LIBARCHIVE

#include <archive.h>
#include <archive_entry.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "imgint.h"

static bool under(const char *name, const char *dir)
{
	size_t n = strlen(dir);
	if (n == 0)
		return true;
	return !strncmp(name, dir, n) && name[n] == '/';
}

static const char *parent_of(struct arena *a, const char *name)
{
	const char *sl = strrchr(name, '/');
	return sl ? arena_strndup(a, name, (size_t)(sl - name)) : "";
}

static bool is_libname(const char *base)
{
	size_t n = strlen(base);
	return (n > 3 && !strcmp(base + n - 3, ".so")) || strstr(base, ".so.") || !strncmp(base, "ld-", 3);
}

/* the directories ld.so and musl search by default, and one level below
 * them (the multiarch triplet directories) */
static bool in_libdir(struct arena *a, const char *name)
{
	static const char *const dirs[] = { "lib", "lib64", "lib32", "libx32", "usr/lib", "usr/lib64",
					    "usr/lib32", "usr/libx32", "usr/local/lib" };
	const char *p = parent_of(a, name), *pp = parent_of(a, p);
	for (size_t i = 0; i < sizeof dirs / sizeof dirs[0]; i++)
		if (!strcmp(p, dirs[i]) || !strcmp(pp, dirs[i]))
			return true;
	return false;
}

static void want_resolved(struct view *v, const char *name)
{
	char *canon;
	struct ventry *e;
	if (view_resolve(v, name, true, true, &canon, &e) == 0 && e && e->type != VT_OTHER && !e->nocontent)
		e->want = true;
}

static void want_tree(struct view *v, const char *dir)
{
	for (size_t i = 0; i < v->cap; i++) {
		struct ventry *e = v->slot[i];
		if (e && !e->gone && e->type != VT_OTHER && !e->nocontent && under(e->name, dir))
			e->want = true;
	}
}

int view_select(struct view *v, const char *path_env, const char *llp, const char *wd, const char *app,
		char **node, char **app_out, const char **err)
{
	struct arena *a = v->a;
	static const char *const files[] = { "etc/os-release", "usr/lib/os-release", "etc/ld.so.cache",
					     "etc/ld.so.conf", "etc/debian_version", "etc/alpine-release" };
	for (size_t i = 0; i < sizeof files / sizeof files[0]; i++)
		want_resolved(v, files[i]);

	/* LD_LIBRARY_PATH's directories, canonical */
	const char *lldirs[32];
	size_t nll = 0;
	/* glibc splits at ':' and ';', musl at ':' and newline: every
	 * element either would name is copied.  An empty or relative one is
	 * taken from the working directory, as the image's process would. */
	for (const char *p = llp && *llp ? llp : NULL; p && nll < 32;) {
		size_t n = strcspn(p, ":;\n");
		const char *d = !n ? wd : p[0] == '/' ? arena_strndup(a, p, n) : arena_printf(a, "%s/%.*s", wd, (int)n, p);
		char *canon;
		struct ventry *e;
		if (d && view_resolve(v, d, true, true, &canon, &e) == 0)
			lldirs[nll++] = canon;
		p = p[n] ? p + n + 1 : NULL;
	}
	for (size_t i = 0; i < v->cap; i++) {
		struct ventry *e = v->slot[i];
		if (!e || e->gone || e->type == VT_OTHER || e->nocontent)
			continue;
		const char *base = strrchr(e->name, '/');
		base = base ? base + 1 : e->name;
		if (!strchr(e->name, '/') && e->type == VT_LINK)
			e->want = true;           /* /lib -> usr/lib and the like */
		else if (under(e->name, "etc/ld.so.conf.d") || !strncmp(e->name, "etc/ld-musl-", 12))
			e->want = true;
		else if (e->type != VT_DIR && is_libname(base) && in_libdir(a, e->name))
			e->want = true;
		else if (e->type != VT_DIR && is_libname(base))
			for (size_t k = 0; k < nll; k++)
				if (!strcmp(parent_of(a, e->name), lldirs[k]))
					e->want = true;
	}

	/* the node a shell would find on the image's PATH */
	*node = NULL;
	for (const char *p = path_env; p && *p && !*node;) {
		size_t n = strcspn(p, ":");
		if (n && p[0] == '/') {
			char *canon;
			struct ventry *e;
			const char *cand = arena_printf(a, "%.*s/node", (int)n, p);
			if (view_resolve(v, cand, true, false, &canon, &e) == 0 && e && e->type == VT_FILE &&
			    !e->nocontent && (e->mode & 0111)) {
				view_resolve(v, cand, true, true, &canon, &e);
				e->want = true;
				*node = canon;
				/* the release header next to an official build */
				const char *prefix = parent_of(a, parent_of(a, canon));
				want_resolved(v, arena_printf(a, "%s%sinclude/node/node_version.h", prefix,
							      *prefix ? "/" : ""));
			}
		}
		p += n;
		if (*p)
			p++;
	}

	/* the app directory, and directories its symlinks lead to (pnpm,
	 * workspaces), each once */
	char *canon;
	struct ventry *e;
	*app_out = NULL;
	if (!app)
		goto links;
	if (view_resolve(v, app, true, true, &canon, &e) != 0 || (canon[0] && (!e || e->type != VT_DIR))) {
		*err = arena_printf(a, "'%s': %s is not a directory in the image", v->image, app);
		return -1;
	}
	*app_out = canon;
	const char *trees[64];
	size_t ntrees = 0, done = 0;
	trees[ntrees++] = canon;
	while (done < ntrees) {
		const char *t = trees[done++];
		want_tree(v, t);
		for (size_t i = 0; i < v->cap; i++) {
			struct ventry *l = v->slot[i];
			if (!l || l->gone || l->type != VT_LINK || !under(l->name, t))
				continue;
			char *c2;
			struct ventry *t2;
			if (view_resolve(v, l->name, true, true, &c2, &t2) || !t2 || t2->type != VT_DIR)
				continue;
			bool have = false;
			for (size_t k = 0; k < ntrees; k++)
				have |= under(c2, trees[k]) || !strcmp(c2, trees[k]);
			if (!have && ntrees < 64)
				trees[ntrees++] = c2;
		}
	}

links:
	/* every wanted link's target, so that it resolves in the copy too */
	for (size_t i = 0; i < v->cap; i++) {
		struct ventry *l = v->slot[i];
		if (l && !l->gone && l->want && l->type == VT_LINK)
			want_resolved(v, l->name);
	}
	return 0;
}

const char *view_want_file(struct view *v, const char *name)
{
	char *canon;
	struct ventry *e;
	if (view_resolve(v, name, true, true, &canon, &e) || !e || e->type != VT_FILE || e->nocontent)
		return NULL;
	e->want = true;
	const char *dir = parent_of(v->a, canon);
	for (size_t i = 0; i < v->cap; i++) {
		struct ventry *s = v->slot[i];
		if (s && !s->gone && s->type != VT_OTHER && !s->nocontent && s->type != VT_DIR &&
		    !strcmp(parent_of(v->a, s->name), dir)) {
			s->want = true;
			if (s->type == VT_LINK)
				want_resolved(v, s->name);
		}
	}
	return canon;
}

/* --- writing --------------------------------------------------------------- */

static int mkdirs(const char *root, const char *rel)
{
	char p[PATH_MAX];
	if (snprintf(p, sizeof p, "%s/%s", root, rel) >= (int)sizeof p)
		return -1;
	for (char *s = p + strlen(root) + 1; *s; s++) {
		if (*s != '/')
			continue;
		*s = '\0';
		if (mkdir(p, 0755) && errno != EEXIST)
			return -1;
		*s = '/';
	}
	if (mkdir(p, 0755) && errno != EEXIST)
		return -1;
	return 0;
}

static int cmp_src(const void *x, const void *y)
{
	const struct ventry *a = *(struct ventry *const *)x, *b = *(struct ventry *const *)y;
	if (a->layer != b->layer)
		return a->layer < b->layer ? -1 : 1;
	if (a->ordinal != b->ordinal)
		return a->ordinal < b->ordinal ? -1 : 1;
	return strcmp(a->name, b->name);
}

int view_materialise(struct view *v, const struct img_src *s, const char *root, size_t *files, size_t *bytes,
		     const char **err)
{
	struct arena *a = v->a;
	uint64_t cap = img_byte_cap(), total = 0;
	VEC(struct ventry *) fl = { 0 };
	*files = 0;
	for (size_t i = 0; i < v->cap; i++) {
		struct ventry *e = v->slot[i];
		if (!e || e->gone || !e->want)
			continue;
		/* only names whose parent is canonical: then nothing on the way
		 * to them in the copy is a symlink */
		const char *par = parent_of(a, e->name);
		char *cp;
		struct ventry *pe;
		if (*par && (view_resolve(v, par, true, false, &cp, &pe) || strcmp(cp, par)))
			continue;
		if (*par && mkdirs(root, par)) {
			*err = arena_printf(a, "'%s': cannot write '%s' under %s: %s", s->path, par, root, strerror(errno));
			return -1;
		}
		/* too long for this machine: left out (the scan cannot open it either) */
		char path[PATH_MAX];
		if (snprintf(path, sizeof path, "%s/%s", root, e->name) >= (int)sizeof path)
			continue;
		if (e->type == VT_DIR) {
			if (mkdir(path, 0755) && errno != EEXIST) {
				*err = arena_printf(a, "'%s': cannot write '%s': %s", s->path, e->name, strerror(errno));
				return -1;
			}
		} else if (e->type == VT_LINK) {
			char *canon;
			struct ventry *t;
			if (view_resolve(v, e->name, true, false, &canon, &t))
				continue;   /* a loop: left out, as ELOOP */
			const char *text = canon[0] ? canon : ".";
			for (const char *q = par; *q; q++)
				if (q == par || *q == '/')
					text = arena_printf(a, "../%s", text);
			if (symlink(text, path) && errno != EEXIST) {
				*err = arena_printf(a, "'%s': cannot write '%s': %s", s->path, e->name, strerror(errno));
				return -1;
			}
		} else if (e->type == VT_FILE && !e->nocontent) {
			struct ventry **p = VEC_PUSH(a, &fl);
			if (!p)
				return -1;
			*p = e;
		}
	}
	qsort(fl.v, fl.n, sizeof *fl.v, cmp_src);
	char *buf = arena_alloc(a, 65536);
	if (!buf)
		return -1;
	size_t i = 0;
	while (i < fl.n) {
		unsigned li = fl.v[i]->layer;
		struct img_layer *l = img_layer_open(a, s, v->layers[li], err);
		if (!l)
			return -1;
		struct archive *ar = img_layer_archive(l);
		struct archive_entry *ae;
		uint64_t ord = 0;
		int r = ARCHIVE_OK;
		while (i < fl.n && fl.v[i]->layer == li) {
			while (ord < fl.v[i]->ordinal &&
			       ((r = archive_read_next_header(ar, &ae)) == ARCHIVE_OK || r == ARCHIVE_WARN))
				ord++;
			if (ord != fl.v[i]->ordinal) {
				*err = arena_printf(a, "'%s': layer %u (%s) changed or is unreadable: %s", s->path, li + 1,
						    v->layers[li], archive_error_string(ar) ? archive_error_string(ar) : "");
				img_layer_close(l);
				return -1;
			}
			struct ventry *e = fl.v[i];
			if (total + (uint64_t)e->size > cap) {
				*err = arena_printf(a, "'%s': copying '%s' would pass the cap of %llu bytes "
						    "(ADDON_DOCTOR_IMAGE_MAX_BYTES)", s->path, e->name,
						    (unsigned long long)cap);
				img_layer_close(l);
				return -1;
			}
			char path[PATH_MAX];
			(void)snprintf(path, sizeof path, "%s/%s", root, e->name);   /* fits: checked above */
			int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600 | (e->mode & 0100));
			if (fd < 0) {
				*err = arena_printf(a, "'%s': cannot write '%s': %s", s->path, e->name, strerror(errno));
				img_layer_close(l);
				return -1;
			}
			uint64_t got = 0;
			la_ssize_t n;
			while ((n = archive_read_data(ar, buf, 65536)) > 0) {
				got += (uint64_t)n;
				if (got > (uint64_t)e->size || write(fd, buf, (size_t)n) != n) {
					n = -1;
					break;
				}
			}
			close(fd);
			if (n < 0) {
				*err = arena_printf(a, "'%s': layer %u (%s): entry '%s': %s", s->path, li + 1, v->layers[li],
						    e->name, archive_error_string(ar) ? archive_error_string(ar)
										      : "cannot copy it");
				img_layer_close(l);
				return -1;
			}
			total += got;
			(*files)++;
			/* hard links to the same content */
			size_t j = i + 1;
			for (; j < fl.n && fl.v[j]->layer == li && fl.v[j]->ordinal == e->ordinal; j++) {
				char p2[PATH_MAX];
				if (snprintf(p2, sizeof p2, "%s/%s", root, fl.v[j]->name) < (int)sizeof p2 &&
				    link(path, p2) == 0)
					(*files)++;
			}
			i = j;
		}
		img_layer_close(l);
	}
	*bytes = (size_t)total;
	return 0;
}

#endif
