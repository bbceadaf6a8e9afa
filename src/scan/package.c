/*
 * package.c - ownership: which package a .node file belongs to, which
 * loader mechanism picks it, and which package manager installed the tree.
 *
 * The owner is the nearest package.json with a "name" above the file (a
 * nameless one, e.g. {"type":"module"} in a sub-directory, is skipped as
 * Node's own package scope lookup skips nothing but npm identity needs the
 * name), never above the node_modules/<name> directory the file sits in
 * nor past an unusable package.json.  Results are cached per directory.  The mechanism follows the
 * evidence table of loader-facts.md §9.5.
 */
#include "scan.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../io/rfile.h"
#include "../util/jsonread.h"

#define PKG_JSON_MAX ((size_t)4 << 20)   /* package.json past 4 MB is not real */

const char *scan_loader_name(enum scan_loader l)
{
	switch (l) {
	case LOADER_NODE_GYP_BUILD: return "node-gyp-build";
	case LOADER_PREBUILD_INSTALL: return "prebuild-install";
	case LOADER_NODE_PRE_GYP: return "node-pre-gyp";
	case LOADER_NAPI_RS: return "napi-rs";
	case LOADER_BINDINGS: return "bindings";
	case LOADER_NODE_GYP: return "node-gyp";
	case LOADER_NGB_OPTIONAL: return "node-gyp-build-optional-packages";
	case LOADER_UNKNOWN: break;
	}
	return "unknown";
}

/* Reads a small regular file into the arena (NUL-terminated): the one
 * small-file reader (io/rfile.h), which never blocks on a FIFO nor opens a
 * device.  NULL when it is absent (*present false) or unusable (not
 * regular, unreadable, bigger than cap: *present true). */
static char *read_small(struct arena *a, const char *path, size_t cap, size_t *len, bool *present)
{
	int e = 0;
	char *text = rfile_slurp_small(a, path, cap, len, &e);
	*present = text || (e != ENOENT && e != ENOTDIR);
	return text;
}

char *scan_read_small(struct arena *a, const char *path, size_t cap, size_t *len)
{
	bool present;
	return read_small(a, path, cap, len, &present);
}

/* FNV-1a, 64-bit on every target (size_t is 32 bits under WASI). */
static size_t hash_str(const char *s)
{
	uint64_t h = 1469598103934665603u;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211u;
	return (size_t)(h ^ (h >> 32));
}

static struct scan_pkgslot *slot_for(struct scan_pkgs *p, const char *dir)
{
	size_t i = hash_str(dir) & (p->nslots - 1);
	while (p->slots[i].dir && strcmp(p->slots[i].dir, dir))
		i = (i + 1) & (p->nslots - 1);
	return &p->slots[i];
}

static int grow(struct arena *a, struct scan_pkgs *p)
{
	if (p->slots && p->used * 2 < p->nslots)
		return 0;
	size_t n = p->nslots ? p->nslots * 2 : 1024;
	struct scan_pkgslot *old = p->slots;
	size_t oldn = p->nslots;
	p->slots = arena_calloc(a, n, sizeof *p->slots);
	if (!p->slots) {
		p->slots = old;
		return -1;
	}
	p->nslots = n;
	for (size_t i = 0; i < oldn; i++)
		if (old[i].dir)
			*slot_for(p, old[i].dir) = old[i];
	return 0;
}

bool scan_json_dep(const struct jv *json, const char *name, unsigned which)
{
	static const struct { unsigned bit; const char *field; } fields[] = {
		{ DEP_RUNTIME, "dependencies" }, { DEP_RUNTIME, "optionalDependencies" },
		{ DEP_PEER, "peerDependencies" }, { DEP_BUNDLED, "bundledDependencies" },
		{ DEP_DEV, "devDependencies" },
	};
	for (size_t i = 0; json && i < sizeof fields / sizeof fields[0]; i++) {
		if (!(which & fields[i].bit))
			continue;
		const struct jv *d = jv_get(json, fields[i].field);
		if (d && d->type == JV_OBJ && jv_get(d, name))
			return true;
	}
	return false;
}

/* The loader a package uses, from its dependencies (devDependencies too:
 * some list their loader there and ship it bundled). */
static bool has_dep(const struct jv *json, const char *name)
{
	return scan_json_dep(json, name, DEP_RUNTIME | DEP_DEV);
}

static bool script_mentions(const struct jv *json, const char *word)
{
	const struct jv *s = jv_get(json, "scripts");
	const char *inst = s ? jv_get_str(s, "install") : NULL;
	return inst && strstr(inst, word);
}

/* napi-rs platform words (loader-facts.md §9.4). */
static const char *const napi_triples[] = {
	"darwin-x64", "darwin-arm64", "darwin-universal", "win32-x64-msvc", "win32-ia32-msvc",
	"win32-arm64-msvc", "win32-x64-gnu", "linux-x64-gnu", "linux-x64-musl", "linux-arm64-gnu",
	"linux-arm64-musl", "linux-arm-gnueabihf", "linux-arm-musleabihf", "linux-riscv64-gnu",
	"linux-riscv64-musl", "linux-loong64-gnu", "linux-loong64-musl", "linux-ppc64-gnu",
	"linux-s390x-gnu", "freebsd-x64", "freebsd-arm64", "android-arm64", "android-arm-eabi",
	"wasm32-wasi",
};

const char *scan_napi_suffix(const char *name, char sep)
{
	for (size_t i = 0; i < sizeof napi_triples / sizeof napi_triples[0]; i++) {
		size_t tl = strlen(napi_triples[i]), nl = strlen(name);
		if (nl > tl && name[nl - tl - 1] == sep && !strcmp(name + nl - tl, napi_triples[i]))
			return napi_triples[i];
	}
	return NULL;
}

static bool optional_platform_deps(const struct jv *json)
{
	const struct jv *o = jv_get(json, "optionalDependencies");
	if (!o || o->type != JV_OBJ)
		return false;
	for (size_t i = 0; i < o->n; i++)
		if (scan_napi_suffix(o->keys[i], '-'))
			return true;
	return false;
}

static struct scan_pkg *load_pkg(struct arena *a, const char *dir, const char *dir_real)
{
	char *path = arena_printf(a, "%s/package.json", dir);
	size_t len = 0;
	bool present = false;
	char *text = path ? read_small(a, path, PKG_JSON_MAX, &len, &present) : NULL;
	if (!present)
		return NULL;
	struct scan_pkg *pkg = arena_alloc(a, sizeof *pkg);
	if (!pkg)
		return NULL;
	pkg->dir = dir;
	pkg->dir_real = dir_real;
	/* json stays NULL for a package.json that is there but unusable
	 * (unreadable, too big, not a JSON object): scan_attribute stops at it */
	pkg->json = text ? json_parse(a, text, len) : NULL;
	if (pkg->json && pkg->json->type != JV_OBJ)
		pkg->json = NULL;
	const char *name = pkg->json ? jv_get_str(pkg->json, "name") : NULL;
	const char *ver = pkg->json ? jv_get_str(pkg->json, "version") : NULL;
	pkg->name = name ? name : "";
	pkg->version = ver ? ver : "";
	if (pkg->json) {
		const struct jv *os = jv_get(pkg->json, "os"), *cpu = jv_get(pkg->json, "cpu");
		pkg->napi_platform = os && os->type == JV_ARR && cpu && cpu->type == JV_ARR &&
				     name && scan_napi_suffix(name, '-');
		/* A "napi" field says napi-rs outright; platform-suffixed optional
		 * dependencies alone may also be executables (esbuild, TypeScript
		 * 7, turbo): decided once the installed ones are known (below). */
		pkg->napi_main = jv_get(pkg->json, "napi") != NULL;
		pkg->napi_candidate = !pkg->napi_main && optional_platform_deps(pkg->json);
		if (has_dep(pkg->json, "node-gyp-build-optional-packages")) {
			/* its platform packages look like napi-rs ones, but the
			 * choice among their files is node-gyp-build's */
			pkg->loader = LOADER_NGB_OPTIONAL;
			pkg->napi_main = false;
		} else if (has_dep(pkg->json, "node-gyp-build"))
			pkg->loader = LOADER_NODE_GYP_BUILD;
		else if (jv_get(pkg->json, "binary") &&
			 (has_dep(pkg->json, "@mapbox/node-pre-gyp") || has_dep(pkg->json, "node-pre-gyp") ||
			  script_mentions(pkg->json, "node-pre-gyp")))
			pkg->loader = LOADER_NODE_PRE_GYP;
		else if (has_dep(pkg->json, "prebuild-install") || script_mentions(pkg->json, "prebuild-install"))
			pkg->loader = LOADER_PREBUILD_INSTALL;
		else if (pkg->napi_platform || pkg->napi_main || pkg->napi_candidate)
			pkg->loader = LOADER_NAPI_RS;
		else if (has_dep(pkg->json, "bindings"))
			pkg->loader = LOADER_BINDINGS;
	}
	return pkg;
}

struct scan_pkg *scan_pkg_at(struct arena *a, struct scan_pkgs *p, const char *dir,
			     const char *dir_real)
{
	if (grow(a, p) != 0)
		return NULL;
	struct scan_pkgslot *s = slot_for(p, dir);
	if (s->dir)
		return s->pkg;
	struct scan_pkg *pkg = load_pkg(a, dir, dir_real);
	s = slot_for(p, dir);
	s->dir = dir;
	s->pkg = pkg;
	p->used++;
	if (pkg) {
		struct scan_pkg **e = VEC_PUSH(a, &p->all);
		if (e)
			*e = pkg;
	}
	return pkg;
}

/* The mechanism for one file, from where it sits inside its package. */
static enum scan_loader file_loader(const struct scan_pkg *pkg, const char *rel)
{
	const char *base = strrchr(rel, '/');
	base = base ? base + 1 : rel;
	/* the package's code calls bindings (evidence.c): bindings alone picks,
	 * whatever layout a file sits in (lib/binding/, prebuilds/) */
	if (pkg->loader == LOADER_BINDINGS && !pkg->uses_ngb)
		return LOADER_BINDINGS;
	/* prebuilds/<tuple>/<file>: prebuildify's layout, which node-gyp-build
	 * reads; a file directly in prebuilds/ (better-sqlite3 12+) is the
	 * package's own loader's, unless the package uses node-gyp-build. */
	if (!strncmp(rel, "prebuilds/", 10) &&
	    (strchr(rel + 10, '/') || pkg->loader == LOADER_NODE_GYP_BUILD))
		return LOADER_NODE_GYP_BUILD;
	if (pkg->napi_platform)
		return LOADER_NAPI_RS;
	if (pkg->loader == LOADER_NODE_PRE_GYP)
		return LOADER_NODE_PRE_GYP;
	if (!strncmp(rel, "lib/binding/", 12))
		return LOADER_NODE_PRE_GYP;
	size_t bl = strlen(base);
	if (bl > 5) {
		char stem[256];
		if (bl - 5 < sizeof stem) {
			memcpy(stem, base, bl - 5);
			stem[bl - 5] = 0;
			if (scan_napi_suffix(stem, '.'))
				return LOADER_NAPI_RS;
		}
	}
	if (pkg->loader != LOADER_UNKNOWN && pkg->loader != LOADER_NAPI_RS)
		return pkg->loader;
	if (!strncmp(rel, "build/", 6))
		return LOADER_NODE_GYP;
	return pkg->loader;
}

/* Parent directory as a new arena string; NULL at the top. */
static char *parent_dir(struct arena *a, const char *path)
{
	const char *slash = strrchr(path, '/');
	if (!slash)
		return NULL;
	if (slash == path)
		return NULL;
	return arena_strndup(a, path, (size_t)(slash - path));
}

/* Is dir a package directory right inside node_modules: .../node_modules/
 * <name> or .../node_modules/@scope/<name>? */
static bool is_nm_package_dir(const char *dir)
{
	const char *end = dir + strlen(dir), *name = end;
	while (name > dir && name[-1] != '/')
		name--;
	if (name == dir || name == end)
		return false;
	const char *pend = name - 1, *parent = pend;
	while (parent > dir && parent[-1] != '/')
		parent--;
	if (pend - parent == 12 && !memcmp(parent, "node_modules", 12))
		return *name != '@';
	if (*parent != '@' || parent == dir)
		return false;
	const char *gend = parent - 1, *g = gend;
	while (g > dir && g[-1] != '/')
		g--;
	return gend - g == 12 && !memcmp(g, "node_modules", 12);
}

static void detect_pm(struct scan_tree *t, struct scan_pkgs *p)
{
	static const struct { const char *file, *pm; } locks[] = {
		{ "pnpm-lock.yaml", "pnpm" }, { "yarn.lock", "yarn" }, { "bun.lockb", "bun" },
		{ "bun.lock", "bun" }, { "package-lock.json", "npm" }, { "npm-shrinkwrap.json", "npm" },
	};
	/* walk.c found the project's own lockfiles, best first */
	const char *best = t->lockfiles.n ? t->lockfiles.v[0] : NULL;
	p->pm = "npm";
	if (!best)
		return;
	p->lockfile = best;
	const char *base = strrchr(best, '/');
	base = base ? base + 1 : best;
	for (size_t i = 0; i < sizeof locks / sizeof locks[0]; i++)
		if (!strcmp(base, locks[i].file))
			p->pm = locks[i].pm;
}

static int cmp_file(const void *x, const void *y)
{
	const struct scan_file *a = x, *b = y;
	return strcmp(a->path, b->path);
}

static int cmp_pkg(const void *x, const void *y)
{
	const struct scan_pkg *a = *(struct scan_pkg *const *)x, *b = *(struct scan_pkg *const *)y;
	return strcmp(a->dir, b->dir);
}

static int cmp_inode(const void *x, const void *y)
{
	const struct scan_file *a = *(struct scan_file *const *)x, *b = *(struct scan_file *const *)y;
	if (a->dev != b->dev)
		return a->dev < b->dev ? -1 : 1;
	if (a->ino != b->ino)
		return a->ino < b->ino ? -1 : 1;
	return strcmp(a->path, b->path);
}

/* Same real file reached twice (a symlinked .node, overlapping roots): keep
 * the one with the smallest path, list the others as `via`. */
static void merge_duplicates(struct arena *a, struct scan_tree *t)
{
	struct scan_file **idx = arena_calloc(a, t->files.n ? t->files.n : 1, sizeof *idx);
	if (!idx)
		return;
	for (size_t i = 0; i < t->files.n; i++)
		idx[i] = &t->files.v[i];
	qsort(idx, t->files.n, sizeof *idx, cmp_inode);
	for (size_t i = 1; i < t->files.n; i++) {
		struct scan_file *keep = idx[i - 1];
		while (i < t->files.n && idx[i]->dev == keep->dev && idx[i]->ino == keep->ino) {
			const char **v = keep->via.n < SCAN_MAX_VIA ? VEC_PUSH(a, &keep->via) : NULL;
			if (v)
				*v = idx[i]->path;
			idx[i]->path = NULL;
			i++;
		}
	}
	size_t out = 0;
	for (size_t i = 0; i < t->files.n; i++)
		if (t->files.v[i].path)
			t->files.v[out++] = t->files.v[i];
	t->files.n = out;
}

static void add_aliases(struct arena *a, struct scan_tree *t)
{
	for (size_t i = 0; i < t->aliases.n; i++) {
		const struct scan_alias *al = &t->aliases.v[i];
		size_t rl = strlen(al->real);
		for (size_t j = 0; j < t->files.n; j++) {
			struct scan_file *f = &t->files.v[j];
			if (strncmp(f->real, al->real, rl) || f->real[rl] != '/' || f->via.n >= SCAN_MAX_VIA)
				continue;
			const char **v = VEC_PUSH(a, &f->via);
			if (v)
				*v = arena_printf(a, "%s%s", al->link, f->real + rl);
		}
	}
}

/*
 * node-gyp-build-optional-packages (v5): after its own build/ and prebuilds/,
 * the main package M loads from the platform package "@M/M-<platform>-<arch>"
 * ("@s/M-<platform>-<arch>" when M is scoped "@s/M"), resolved from M's
 * directory like require.resolve.  Link every installed one to M; the
 * choice among its files is made per target (loader_ngb.c).  A package
 * loading with node-gyp-build 4/3 gets its packages so named linked too:
 * that loader never looks at them, so their files are not used.
 */
static void link_ngbo(struct arena *a, struct scan_pkgs *p)
{
	for (size_t i = 0; i < p->all.n; i++) {
		struct scan_pkg *m = p->all.v[i];
		if ((m->loader != LOADER_NGB_OPTIONAL && (m->loader != LOADER_NODE_GYP_BUILD || m->napi_main)) ||
		    !m->name[0])
			continue;
		const char *prefix = m->name[0] == '@' ? arena_printf(a, "%s-", m->name)
						       : arena_printf(a, "@%s/%s-", m->name, m->name);
		const char *own = scan_resolve_dir(a, m->dir_real, "node-gyp-build-optional-packages");
		struct scan_pkg *lp = own ? scan_pkg_at(a, p, own, own) : NULL;
		if (m->loader == LOADER_NGB_OPTIONAL)
			m->ngbo_version = lp ? lp->version : "";
		size_t pl = prefix ? strlen(prefix) : 0;
		for (size_t j = 0; prefix && j < p->all.n; j++) {
			struct scan_pkg *q = p->all.v[j];
			if (q == m || strncmp(q->name, prefix, pl))
				continue;
			/* one platform package can serve several copies of M (a
			 * nested cbor-extract resolves the top-level one); an
			 * -optional-packages M takes it from a node-gyp-build one */
			bool taken = q->ngbo_main && (q->ngbo_main->loader == LOADER_NGB_OPTIONAL ||
						      m->loader != LOADER_NGB_OPTIONAL);
			if (taken && m->loader != LOADER_NGB_OPTIONAL)
				continue;
			const char *at = scan_resolve_dir(a, m->dir_real, q->name);
			char *rp = at ? realpath(at, NULL) : NULL;
			bool same = rp && !strcmp(rp, q->dir_real);
			free(rp);
			if (!same)
				continue;
			struct scan_pkg **e = VEC_PUSH(a, &m->ngbo_platforms);
			if (!e)
				return;
			*e = q;
			if (taken)
				continue;
			q->ngbo_main = m;
			q->loader = m->loader;
			q->napi_platform = false;
			for (size_t k = 0; k < q->files.n; k++)
				q->files.v[k]->loader = m->loader;
		}
	}
}

/*
 * node-gyp-build is resolved from the package's own directory (require()
 * from its index.js); which one answers decides the replay: 3.x looks in
 * prebuilds/<platform>[<libc>]-<arch>/ for fixed names, 4.x parses tags.
 */
static void ngb_versions(struct arena *a, struct scan_pkgs *p)
{
	for (size_t i = 0; i < p->all.n; i++) {
		struct scan_pkg *m = p->all.v[i];
		if (m->loader != LOADER_NODE_GYP_BUILD)
			continue;
		const char *own = scan_resolve_dir(a, m->dir_real, "node-gyp-build");
		struct scan_pkg *lp = own ? scan_pkg_at(a, p, own, own) : NULL;
		m->ngb_version = lp ? lp->version : "";
	}
}

/*
 * A package whose optional dependencies are named like platform packages is
 * a napi-rs addon only if one of those that is installed holds a .node
 * file; esbuild's or TypeScript 7's hold executables, and nothing of theirs
 * goes through require() of a native addon.
 */
static void confirm_napi(struct scan_pkgs *p)
{
	for (size_t i = 0; i < p->all.n; i++) {
		struct scan_pkg *m = p->all.v[i];
		if (!m->napi_candidate)
			continue;
		const struct jv *o = jv_get(m->json, "optionalDependencies");
		for (size_t k = 0; o && o->type == JV_OBJ && k < o->n && !m->napi_main; k++)
			for (size_t j = 0; j < p->all.n && !m->napi_main; j++)
				if (p->all.v[j]->files.n && !strcmp(p->all.v[j]->name, o->keys[k]))
					m->napi_main = true;
		if (!m->napi_main && m->loader == LOADER_NAPI_RS && !m->files.n)
			m->loader = LOADER_UNKNOWN;
	}
}

/*
 * The installed optional dependencies of a main package that carry "os" /
 * "cpu" / "libc" (napi-rs platform packages, sharp's @img/sharp-*, ...):
 * require(main) loads their binaries, so their results are the main
 * package's.  Resolved from the main package's directory as Node would.
 */
static void link_platforms(struct arena *a, struct scan_pkgs *p)
{
	for (size_t i = 0; i < p->all.n; i++) {
		struct scan_pkg *m = p->all.v[i];
		const struct jv *o = m->json ? jv_get(m->json, "optionalDependencies") : NULL;
		if (!o || o->type != JV_OBJ || m->platform_of)
			continue;
		for (size_t k = 0; k < o->n; k++) {
			const char *at = scan_resolve_dir(a, m->dir_real, o->keys[k]);
			char *rp = at ? realpath(at, NULL) : NULL;
			for (size_t j = 0; rp && j < p->all.n; j++) {
				struct scan_pkg *q = p->all.v[j];
				if (q == m || q->platform_of || strcmp(q->dir_real, rp) || !q->json)
					continue;
				if (jv_get(q->json, "os") || jv_get(q->json, "cpu") || jv_get(q->json, "libc"))
					q->platform_of = m;
			}
			free(rp);
		}
	}
	/* napi-rs: its loader require()s '<main>-<triple>' whether or not the
	 * main package lists that name (an older release may not list
	 * darwin-universal or linux-arm-musleabihf): any installed package so
	 * named that resolves from the main package is one of its platforms */
	for (size_t i = 0; i < p->all.n; i++) {
		struct scan_pkg *m = p->all.v[i];
		if (!m->napi_main || m->platform_of || !m->name[0])
			continue;
		size_t ml = strlen(m->name);
		for (size_t j = 0; j < p->all.n; j++) {
			struct scan_pkg *q = p->all.v[j];
			if (q == m || q->platform_of || !q->json || strncmp(q->name, m->name, ml) || q->name[ml] != '-' ||
			    !scan_napi_suffix(q->name, '-') || strcmp(scan_napi_suffix(q->name, '-'), q->name + ml + 1))
				continue;
			const char *at = scan_resolve_dir(a, m->dir_real, q->name);
			char *rp = at ? realpath(at, NULL) : NULL;
			if (rp && !strcmp(rp, q->dir_real))
				q->platform_of = m;
			free(rp);
		}
	}
}

static int cmp_str(const void *x, const void *y)
{
	return strcmp(*(const char *const *)x, *(const char *const *)y);
}

/* By real directory, then walk order. */
static int cmp_alias_real(const void *x, const void *y)
{
	const struct scan_alias *a = *(const struct scan_alias *const *)x, *b = *(const struct scan_alias *const *)y;
	int c = strcmp(a->real, b->real);
	return c ? c : a < b ? -1 : a > b;
}

static void add_linked_packages(struct arena *a, struct scan_tree *t, struct scan_pkgs *p)
{
	size_t nl = 0, np = p->all.n;
	const struct scan_alias **links = arena_calloc(a, t->aliases.n ? t->aliases.n : 1, sizeof *links);
	const char **reals = arena_calloc(a, np ? np : 1, sizeof *reals);
	if (!links || !reals)
		return;
	for (size_t i = 0; i < t->aliases.n; i++)
		if (is_nm_package_dir(t->aliases.v[i].link))
			links[nl++] = &t->aliases.v[i];
	for (size_t i = 0; i < np; i++)
		reals[i] = p->all.v[i]->dir_real ? p->all.v[i]->dir_real : "";
	qsort(links, nl, sizeof *links, cmp_alias_real);
	qsort(reals, np, sizeof *reals, cmp_str);
	for (size_t i = 0; i < nl; i++) {
		const struct scan_alias *al = links[i];
		if (i && !strcmp(links[i - 1]->real, al->real))
			continue;
		if (np && bsearch(&al->real, reals, np, sizeof *reals, cmp_str))
			continue;
		struct stat st;
		const char *pj = arena_printf(a, "%s/package.json", al->real);
		if (pj && stat(pj, &st) == 0 && S_ISREG(st.st_mode))
			scan_pkg_at(a, p, al->link, al->real);
	}
}

int scan_attribute(struct arena *a, struct scan_tree *t, struct scan_pkgs *p)
{
	if (t->files.n > 1)
		qsort(t->files.v, t->files.n, sizeof *t->files.v, cmp_file);
	merge_duplicates(a, t);
	add_aliases(a, t);
	detect_pm(t, p);
	for (size_t i = 0; i < t->files.n; i++) {
		struct scan_file *f = &t->files.v[i];
		char *dir = parent_dir(a, f->path);
		char *real = parent_dir(a, f->real);
		struct scan_pkg *pkg = NULL;
		/* Up to the scanned root, no further (its parents are not ours),
		 * and never above the package directory inside node_modules the
		 * file sits in (node_modules/<name>, node_modules/@scope/<name>):
		 * a package.json there that is unusable or nameless does not make
		 * the project that installed it the owner.  An unusable one on the
		 * way ends the walk too (the verdict's owner lookup reports it). */
		for (unsigned hops = 0; dir && real && hops < SCAN_MAX_DEPTH; hops++) {
			pkg = scan_pkg_at(a, p, dir, real);
			if (pkg && pkg->name[0])
				break;
			bool unusable = pkg && !pkg->json;
			pkg = NULL;
			if (unusable || is_nm_package_dir(dir) || !strcmp(dir, t->root) ||
			    !strcmp(real, t->root_real))
				break;
			dir = parent_dir(a, dir);
			real = parent_dir(a, real);
		}
		if (!pkg && !dir && strcmp(t->root, ".") == 0)
			pkg = scan_pkg_at(a, p, ".", t->root_real);
		if (pkg && !pkg->name[0])
			pkg = NULL;
		f->pkg = pkg;
		if (pkg) {
			size_t dl = strlen(pkg->dir);
			f->rel = !strcmp(pkg->dir, ".") ? f->path : f->path + dl + 1;
			f->loader = file_loader(pkg, f->rel);
			struct scan_file **e = VEC_PUSH(a, &pkg->files);
			if (e)
				*e = f;
		} else {
			f->rel = f->path;
			f->loader = !strncmp(f->path, "build/", 6) || strstr(f->path, "/build/") ?
				    LOADER_NODE_GYP : LOADER_UNKNOWN;
		}
	}
	/* Every installed package, not only those holding a .node file: a
	 * package whose install script never ran has no binary, and that is
	 * the commonest failure of all (evidence.c decides which need one).
	 * One package per real directory: a pnpm link and its store entry, or
	 * an extra root reached twice, are the same package. */
	for (size_t i = 0; i < t->pkgdirs.n; i++) {
		const struct scan_alias *d = &t->pkgdirs.v[i];
		scan_pkg_at(a, p, d->link, d->real);
	}
	/* A package whose real directory is not at node_modules/<name>, only
	 * linked from there (yarn 4's pnpm linker unpacks each one at
	 * node_modules/.store/<id>/package): the first link names it. */
	add_linked_packages(a, t, p);
	for (size_t i = 0; i < p->all.n; i++)
		if (p->all.v[i]->name[0])
			scan_pkg_evidence(a, p->all.v[i]);
	/* the static read can name the loader (bindings): files follow it */
	for (size_t i = 0; i < t->files.n; i++)
		if (t->files.v[i].pkg)
			t->files.v[i].loader = file_loader(t->files.v[i].pkg, t->files.v[i].rel);
	if (p->all.n > 1)
		qsort(p->all.v, p->all.n, sizeof *p->all.v, cmp_pkg);
	link_ngbo(a, p);
	ngb_versions(a, p);
	confirm_napi(p);
	link_platforms(a, p);
	return 0;
}
