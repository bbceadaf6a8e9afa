/*
 * syslibs.c - the loader configuration of the target system: ld.so.cache
 * (glibc's binary format, parsed with every offset checked), LD_LIBRARY_PATH,
 * the default directories, $LIB/$PLATFORM, the glibc version libc.so.6
 * defines, and path resolution inside a --sysroot.
 *
 * Format of ld.so.cache from glibc sysdeps/generic/dl-cache.h: a 48-byte
 * header ("glibc-ld.so.cache" "1.1", nlibs, len_strings, flags, padding,
 * extension_offset, 3 unused words) then nlibs 24-byte entries
 * {int32 flags; uint32 key, value; uint32 osversion; uint64 hwcap}; key and
 * value are offsets from the start of that header.  Old caches start with an
 * "ld.so-1.7.0" part (16-byte header, 12-byte entries) padded to 8 bytes.
 * A sysroot's cache is whatever the unpacked image holds: the file is read
 * once (at most CACHE_MAX_BYTES) and entries point into that copy, so
 * memory is the file's size however many entries share one string.
 */
#include "syslibs.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../parse/parse.h"

#define CACHE_MAX_ENTRIES 200000u
#define CACHE_MAX_BYTES ((uint64_t)64 << 20) /* real caches: 100 KiB - a few MiB */
#define CACHE_MAX_SCAN  ((uint64_t)256 << 20) /* bytes looked at for terminators */
#define CACHE_MAX_STR   4096u                 /* a path, far past PATH_MAX uses */

static uint32_t rd32e(const uint8_t *p, enum endian e)
{
	return e == LE ? (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24
		       : (uint32_t)p[3] | (uint32_t)p[2] << 8 | (uint32_t)p[1] << 16 | (uint32_t)p[0] << 24;
}

/* The last string found: [lo, nul] holds no NUL before nul. */
struct span { uint64_t lo, nul; bool ok; };

/*
 * The string at off inside img (size bytes, NUL-padded), at most
 * CACHE_MAX_STR long, or NULL.  An offset inside the last string found
 * (the same string, or a tail of it) is answered without scanning; *work
 * counts the bytes scanned.
 */
static const char *cache_str(const char *img, uint64_t size, uint64_t off, struct span *last,
			     uint64_t *work)
{
	if (off >= size)
		return NULL;
	if (last->ok && off >= last->lo && off <= last->nul)
		return last->nul - off <= CACHE_MAX_STR ? img + off : NULL;
	uint64_t lim = size - off < CACHE_MAX_STR + 1 ? size - off : CACHE_MAX_STR + 1;
	const char *nul = memchr(img + off, 0, (size_t)lim);
	*work += nul ? (uint64_t)(nul - (img + off)) + 1 : lim;
	if (!nul)
		return NULL;
	*last = (struct span){ off, (uint64_t)(nul - img), true };
	return img + off;
}
#define MAX_SYMLINKS 40 /* Linux's limit for one path resolution */

int ldcache_parse(struct rfile *rf, struct arena *a, struct ldcache *c, const char **err)
{
	static const char old_magic[] = "ld.so-1.7.0";
	static const char new_magic[] = "glibc-ld.so.cache1.1";
	char m[20];
	uint64_t base = 0;
	if (!rf_read(rf, 0, m, sizeof m)) {
		*err = "ld.so.cache too short for a header";
		return -1;
	}
	if (!memcmp(m, old_magic, sizeof old_magic - 1)) {
		uint32_t nold;
		if (!rf_u32(rf, 12, LE, &nold)) {
			*err = "truncated old-format ld.so.cache header";
			return -1;
		}
		if (!ckd_mul_u64(&base, nold, 12) || !ckd_add_u64(&base, base, 16)) {
			*err = "old-format ld.so.cache entry count overflows";
			return -1;
		}
		base = (base + 7) & ~(uint64_t)7;
		if (!rf_read(rf, base, m, sizeof m)) {
			*err = "old-format ld.so.cache has no new-format part";
			return -1;
		}
	}
	if (memcmp(m, new_magic, sizeof new_magic - 1)) {
		*err = "not a glibc-ld.so.cache1.1 file";
		return -1;
	}
	/* The cache is written in the byte order of the ldconfig that wrote
	 * it, the target's (s390x: big-endian).  glibc >= 2.32 says which in
	 * the header's flags byte (dl-cache.h cache_file_new_flags_endian_*:
	 * 2 little, 3 big); an older cache says nothing, and then the order
	 * in which the entry count fits the file is the one. */
	enum endian e = LE;
	uint8_t fl;
	uint32_t nlibs, len_strings, nbe;
	if (!rf_read(rf, base + 28, &fl, 1) || !rf_u32(rf, base + 20, LE, &nlibs) ||
	    !rf_u32(rf, base + 20, BE, &nbe) || !rf_u32(rf, base + 24, LE, &len_strings)) {
		*err = "truncated ld.so.cache header";
		return -1;
	}
	if ((fl & 3) == 3 || ((fl & 3) != 2 && (uint64_t)nlibs * 24 + 48 > rf->size - base &&
			      (uint64_t)nbe * 24 + 48 <= rf->size - base)) {
		e = BE;
		nlibs = nbe;
	}
	if (nlibs > CACHE_MAX_ENTRIES || (uint64_t)nlibs * 24 + 48 > rf->size - base) {
		*err = arena_printf(a, "ld.so.cache claims %u entries, more than the file holds", nlibs);
		return -1;
	}
	/* The file is read once and the strings point into that copy: entries
	 * that share one string (glibc's ldconfig merges tails, a hostile cache
	 * points 200,000 entries at one long string) cost nothing each, and
	 * the memory is the file's size, never entries x string length. */
	if (rf->size > CACHE_MAX_BYTES) {
		*err = arena_printf(a, "ld.so.cache is %llu bytes, more than the %llu MiB this tool reads",
				    (unsigned long long)rf->size, (unsigned long long)(CACHE_MAX_BYTES >> 20));
		return -1;
	}
	char *img = arena_alloc_raw(a, (size_t)rf->size + 1);
	c->e.v = nlibs ? arena_calloc(a, nlibs, sizeof *c->e.v) : NULL;
	if (!img || (nlibs && !c->e.v)) {
		*err = arena_printf(a, "out of memory reading %u entries (%llu bytes)", nlibs,
				    (unsigned long long)rf->size);
		return -1;
	}
	if (!rf_read_direct(rf, 0, img, (size_t)rf->size)) {
		*err = "cannot read ld.so.cache";
		return -1;
	}
	img[rf->size] = '\0';
	c->e.cap = nlibs;
	c->e.n = 0;
	struct span last = { 0, 0, false };
	uint64_t work = 0;
	for (uint32_t i = 0; i < nlibs; i++) {
		const uint8_t *p = (const uint8_t *)img + base + 48 + (uint64_t)i * 24;
		uint32_t flags = rd32e(p, e), key = rd32e(p + 4, e), value = rd32e(p + 8, e);
		uint32_t h0 = rd32e(p + 16, e), h1 = rd32e(p + 20, e);
		uint64_t hwcap = e == LE ? (uint64_t)h0 | (uint64_t)h1 << 32 : (uint64_t)h1 | (uint64_t)h0 << 32;
		const char *k = cache_str(img, rf->size, base + key, &last, &work);
		const char *v = cache_str(img, rf->size, base + value, &last, &work);
		if (work > CACHE_MAX_SCAN) {
			*err = arena_printf(a, "ld.so.cache strings cost more than %llu MiB of scanning "
					    "(%u entries sharing long strings?)",
					    (unsigned long long)(CACHE_MAX_SCAN >> 20), nlibs);
			c->e.n = 0;
			return -1;
		}
		if (!k || !v)
			continue; /* an entry whose strings lie outside the file is unusable */
		struct ldcache_entry *ent = &c->e.v[c->e.n++];
		ent->flags = (int32_t)flags;
		ent->hwcap = hwcap;
		ent->key = k;
		ent->value = v;
	}
	c->present = true;
	return 0;
}

int32_t ldcache_flags_for_arch(const char *arch)
{
	/* glibc sysdeps/generic/ldconfig.h FLAG_* values, | FLAG_ELF_LIBC6 (3) */
	static const struct { const char *arch; int32_t flags; } t[] = {
		{ "x64", 0x0303 }, { "ia32", 0x0003 }, { "arm64", 0x0a03 }, { "arm", 0x0903 },
		{ "ppc64", 0x0503 }, { "s390x", 0x0403 }, { "riscv64", 0x1003 }, { "loong64", 0x1203 },
	};
	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++)
		if (!strcmp(t[i].arch, arch))
			return t[i].flags;
	return -1;
}

const char *ldcache_lookup(const struct ldcache *c, const char *name, const char *arch)
{
	int32_t want = ldcache_flags_for_arch(arch);
	for (size_t i = 0; i < c->e.n; i++) {
		const struct ldcache_entry *en = &c->e.v[i];
		if (en->hwcap & ((uint64_t)1 << 62))
			continue; /* glibc-hwcaps subdirectory entry: CPU-dependent */
		if (strcmp(en->key, name))
			continue;
		if ((en->flags & 0xff) == 3 && (want < 0 || en->flags == want))
			return en->value;
	}
	return NULL;
}

const char *multiarch_triple(const char *arch)
{
	static const struct { const char *arch, *triple; } t[] = {
		{ "x64", "x86_64-linux-gnu" }, { "arm64", "aarch64-linux-gnu" },
		{ "ia32", "i386-linux-gnu" }, { "arm", "arm-linux-gnueabihf" },
		{ "ppc64", "powerpc64le-linux-gnu" }, { "s390x", "s390x-linux-gnu" },
		{ "riscv64", "riscv64-linux-gnu" }, { "loong64", "loongarch64-linux-gnu" },
	};
	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++)
		if (!strcmp(t[i].arch, arch))
			return t[i].triple;
	return NULL;
}

static const char *platform_token(const char *arch)
{
	/* AT_PLATFORM as the kernel reports it */
	if (!strcmp(arch, "x64")) return "x86_64";
	if (!strcmp(arch, "arm64")) return "aarch64";
	if (!strcmp(arch, "ia32")) return "i686";
	if (!strcmp(arch, "arm")) return "v7l";
	if (!strcmp(arch, "ppc64")) return "power8";
	return arch;
}

/* realpath inside root: absolute symlink targets are re-rooted. */
char *sys_resolve(struct arena *a, const struct sysenv *env, const char *path,
		  const char **target_real, int *errn)
{
	const char *root = env->sysroot ? env->sysroot : "";
	char cur[PATH_MAX] = "";         /* resolved prefix, target view, no trailing '/' */
	char rest[PATH_MAX];
	int links = 0;
	if (path[0] != '/') {
		/* relative (host only): let the OS resolve it */
		char buf[PATH_MAX];
		if (env->sysroot || !realpath(path, buf)) {
			*errn = env->sysroot ? ENOENT : errno;
			return NULL;
		}
		if (target_real)
			*target_real = arena_strdup(a, buf);
		return arena_strdup(a, buf);
	}
	if (snprintf(rest, sizeof rest, "%s", path) >= (int)sizeof rest) {
		*errn = ENAMETOOLONG;
		return NULL;
	}
	char *p = rest;
	while (*p) {
		while (*p == '/')
			p++;
		if (!*p)
			break;
		char *slash = strchr(p, '/');
		size_t n = slash ? (size_t)(slash - p) : strlen(p);
		if (n == 1 && p[0] == '.') {
			p += n;
			continue;
		}
		if (n == 2 && p[0] == '.' && p[1] == '.') {
			char *last = strrchr(cur, '/');
			if (last)
				*last = '\0';
			p += n;
			continue;
		}
		size_t cl = strlen(cur);
		if (cl + 1 + n + 1 > sizeof cur) {
			*errn = ENAMETOOLONG;
			return NULL;
		}
		cur[cl] = '/';
		memcpy(cur + cl + 1, p, n);
		cur[cl + 1 + n] = '\0';
		p += n;
		char host[PATH_MAX];
		if (snprintf(host, sizeof host, "%s%s", root, cur) >= (int)sizeof host) {
			*errn = ENAMETOOLONG;
			return NULL;
		}
		struct stat st;
		if (lstat(host, &st) != 0) {
			*errn = errno;
			return NULL;
		}
		if (S_ISLNK(st.st_mode)) {
			if (++links > MAX_SYMLINKS) {
				*errn = ELOOP;
				return NULL;
			}
			char tgt[PATH_MAX];
			ssize_t tl = readlink(host, tgt, sizeof tgt - 1);
			if (tl < 0) {
				*errn = errno;
				return NULL;
			}
			tgt[tl] = '\0';
			char nrest[PATH_MAX];
			/* p is "" or "/more": appending it as is keeps a final
			 * symlink from gaining a trailing slash (ENOTDIR). */
			if (snprintf(nrest, sizeof nrest, "%s%s", tgt, p) >= (int)sizeof nrest) {
				*errn = ENAMETOOLONG;
				return NULL;
			}
			if (tgt[0] == '/') {
				cur[0] = '\0';
			} else {
				char *last = strrchr(cur, '/');
				*last = '\0';
			}
			memcpy(rest, nrest, sizeof rest);
			p = rest;
		} else if (*p && !S_ISDIR(st.st_mode)) {
			*errn = ENOTDIR;
			return NULL;
		}
	}
	if (!cur[0])
		strcpy(cur, "/");
	if (target_real)
		*target_real = arena_strdup(a, cur);
	return arena_printf(a, "%s%s", root, cur);
}

static void push_dir(struct arena *a, struct sysenv *env, const char *d)
{
	const char **s = VEC_PUSH(a, &env->default_dirs);
	if (s)
		*s = arena_strdup(a, d);
}

static bool dir_exists(struct arena *a, const struct sysenv *env, const char *d)
{
	int e;
	char *h = sys_resolve(a, env, d, NULL, &e);
	struct stat st;
	return h && stat(h, &st) == 0 && S_ISDIR(st.st_mode);
}

/* Newest GLIBC_2.x that the target's libc.so.6 defines (its verdefs). */
static void find_glibc_version(struct arena *a, struct sysenv *env)
{
	const char *p = env->cache.present ? ldcache_lookup(&env->cache, "libc.so.6", env->arch) : NULL;
	for (size_t i = 0; !p && i < env->default_dirs.n; i++) {
		const char *cand = arena_printf(a, "%s/libc.so.6", env->default_dirs.v[i]);
		int e;
		if (sys_resolve(a, env, cand, NULL, &e))
			p = cand;
	}
	if (!p)
		return;
	int e;
	const char *real;
	char *host = sys_resolve(a, env, p, &real, &e);
	struct rfile rf;
	if (!host || rfile_open(&rf, host))
		return;
	struct binary *b;
	const char *err;
	int maj = 0, min = 0;
	if (binary_parse_as(&rf, a, host, BIN_PARSE_LIBRARY, &b, &err) == 0) {
		for (size_t i = 0; i < b->verdefs.n; i++) {
			int M, m;
			if (sscanf(b->verdefs.v[i], "GLIBC_%d.%d", &M, &m) == 2 &&
			    (M > maj || (M == maj && m > min))) {
				maj = M;
				min = m;
			}
		}
	}
	rfile_close(&rf);
	if (maj) {
		env->glibc_version = arena_printf(a, "%d.%d", maj, min);
		env->glibc_version_why = arena_printf(a, "%s defines GLIBC_%d.%d", p, maj, min);
	}
}

/* the environment of a sysroot's processes (an image's config) */
static const char *sysroot_llp, *sysroot_cwd;

void sysenv_set_sysroot_env(const char *ld_library_path, const char *cwd)
{
	sysroot_llp = ld_library_path;
	sysroot_cwd = cwd;
}

int sysenv_init(struct arena *a, struct sysenv *env, const struct target *t, const char *sysroot,
		const char **err)
{
	memset(env, 0, sizeof *env);
	env->arch = t->arch;
	env->libc = t->libc;
	env->sysroot = sysroot;
	env->known = t->host || sysroot;
	env->dollar_platform = platform_token(t->arch);
	if (!env->known || strcmp(t->platform, "linux"))
		return 0;
	/* LD_LIBRARY_PATH: this machine's process environment, or the one a
	 * sysroot's processes start with (sysenv_set_sysroot_env: an image's
	 * Env), relative elements taken from their working directory.  glibc
	 * (elf/dl-load.c fillin_rpath) splits at ':' and ';' and an empty
	 * element is the working directory; musl (ldso/dynlink.c path_open)
	 * splits at ':' and newline and skips empty elements. */
	const char *llp = sysroot ? sysroot_llp : getenv("LD_LIBRARY_PATH");
	const char *cwd = sysroot ? (sysroot_cwd ? sysroot_cwd : "/") : NULL;
	bool musl_llp = t->libc && !strcmp(t->libc, "musl");
	/* an empty value is no value (glibc _dl_init_paths); a final empty
	 * element ("/a:") is an element */
	for (llp = llp && *llp ? llp : NULL; llp;) {
		size_t n = strcspn(llp, musl_llp ? ":\n" : ":;");
		const char *d = n ? arena_strndup(a, llp, n) : musl_llp ? NULL : ".";
		if (d && cwd && d[0] != '/')
			d = !strcmp(d, ".") ? cwd : arena_printf(a, "%s%s%s", cwd, cwd[strlen(cwd) - 1] == '/' ? "" : "/", d);
		const char **s = d ? VEC_PUSH(a, &env->ld_library_path) : NULL;
		if (s)
			*s = d;
		llp = llp[n] ? llp + n + 1 : NULL;
	}
	const char *triple = multiarch_triple(t->arch);
	if (t->libc && !strcmp(t->libc, "musl")) {
		/* musl ldso/dynlink.c: <prefix>/etc/ld-musl-<ARCH>.path, else the builtin list */
		static const struct { const char *arch, *name; } m[] = {
			{ "x64", "x86_64" }, { "arm64", "aarch64" }, { "ia32", "i386" }, { "arm", "armhf" },
			{ "ppc64", "powerpc64le" }, { "s390x", "s390x" }, { "riscv64", "riscv64" },
		};
		const char *mname = t->arch;
		for (size_t i = 0; i < sizeof m / sizeof m[0]; i++)
			if (!strcmp(m[i].arch, t->arch))
				mname = m[i].name;
		const char *pf = arena_printf(a, "/etc/ld-musl-%s.path", mname);
		int e;
		char *h = sys_resolve(a, env, pf, NULL, &e);
		/* A sysroot is someone else's tree: the file may be a FIFO or a
		 * device, which must not block or be opened (rfile_slurp_small).
		 * An unusable one gets the builtin list, as an absent one. */
		size_t got = 0;
		char *line = h ? rfile_slurp_small(a, h, 64 * 1024, &got, &e) : NULL;
		if (line) {
			env->musl_path_file = pf;
			for (char *tok = strtok(line, ":\n"); tok; tok = strtok(NULL, ":\n"))
				if (*tok)
					push_dir(a, env, tok);
		} else {
			push_dir(a, env, "/lib");
			push_dir(a, env, "/usr/local/lib");
			push_dir(a, env, "/usr/lib");
		}
		return 0;
	}
	struct rfile rf;
	const char *cache_path = "/etc/ld.so.cache";
	int e;
	char *h = sys_resolve(a, env, cache_path, NULL, &e);
	if (h && rfile_open(&rf, h) == 0) {
		const char *cerr;
		env->cache.path = cache_path;
		if (ldcache_parse(&rf, a, &env->cache, &cerr)) {
			env->cache.present = false;
			*err = arena_printf(a, "%s%s: %s", sysroot ? sysroot : "", cache_path, cerr);
		}
		rfile_close(&rf);
	}
	/* The compiled-in system directories (glibc SYSTEM_DIRS): Debian-style
	 * multiarch builds list /lib/<triple>, /usr/lib/<triple>, /lib, /usr/lib
	 * (ld.so --help); lib64 distributions /lib64, /usr/lib64. */
	if (triple && dir_exists(a, env, arena_printf(a, "/lib/%s", triple))) {
		push_dir(a, env, arena_printf(a, "/lib/%s", triple));
		push_dir(a, env, arena_printf(a, "/usr/lib/%s", triple));
		push_dir(a, env, "/lib");
		push_dir(a, env, "/usr/lib");
		env->dollar_lib = arena_printf(a, "lib/%s", triple);
	} else if (strstr("x64 arm64 ppc64 s390x riscv64 loong64", t->arch) &&
		   dir_exists(a, env, "/usr/lib64")) {
		push_dir(a, env, "/lib64");
		push_dir(a, env, "/usr/lib64");
		env->dollar_lib = "lib64";
	} else {
		push_dir(a, env, "/lib");
		push_dir(a, env, "/usr/lib");
		env->dollar_lib = "lib";
	}
	find_glibc_version(a, env);
	return 0;
}
