/*
 * select.c - would this target load this file?  And which file does it need
 * that is not there?
 *
 * Replays each loader's own choice (loader-facts.md §9): node-gyp-build
 * and -optional-packages in loader_ngb.c, bindings in loader_bindings.c;
 * here napi-rs platform packages by their package.json
 * "os"/"cpu"/"libc"; node-pre-gyp's find() in loader_npg.c.  Files no
 * loader would pick on a target are "not used on this target", not failures.
 */
#include "scan.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../util/jsonread.h"

/* --- targets ----------------------------------------------------------- */

/* --- layout helpers ------------------------------------------------- */

/* "<dir>/<file>" directly (no deeper slash): the file name, else NULL. */
static const char *direct_child(const char *rel, const char *dir)
{
	size_t n = strlen(dir);
	if (strncmp(rel, dir, n) || rel[n] != '/' || strchr(rel + n + 1, '/'))
		return NULL;
	return rel + n + 1;
}

/* --- napi-rs (§9.4) ----------------------------------------------------- */

const char *scan_napi_triple(struct arena *a, const struct target *t)
{
	const char *p = t->platform, *c = t->arch;
	bool musl = t->libc && !strcmp(t->libc, "musl");
	if (!strcmp(p, "linux")) {
		if (!strcmp(c, "arm"))
			return musl ? "linux-arm-musleabihf" : "linux-arm-gnueabihf";
		return arena_printf(a, "linux-%s-%s", c, musl ? "musl" : "gnu");
	}
	if (!strcmp(p, "win32"))
		return arena_printf(a, "win32-%s-msvc", c);
	if (!strcmp(p, "android") && !strcmp(c, "arm"))
		return "android-arm-eabi";
	return arena_printf(a, "%s-%s", p, c);
}

static bool arr_has(const struct jv *arr, const char *word)
{
	if (!arr || arr->type != JV_ARR)
		return true;   /* absent field: no restriction */
	for (size_t i = 0; i < arr->n; i++)
		if (arr->vals[i]->type == JV_STR && !strcmp(arr->vals[i]->str, word))
			return true;
	return false;
}

/* npm's os/cpu/libc check (npm-install-checks): a "!x" entry excludes. */
static bool platform_pkg_matches(const struct scan_pkg *pkg, const struct target *t)
{
	const struct jv *os = jv_get(pkg->json, "os"), *cpu = jv_get(pkg->json, "cpu");
	const struct jv *libc = jv_get(pkg->json, "libc");
	if (!arr_has(os, t->platform) || !arr_has(cpu, t->arch))
		return false;
	if (libc && libc->type == JV_ARR && libc->n > 0) {
		if (!t->libc)
			return false;
		return arr_has(libc, t->libc);
	}
	return true;
}

/* --- node-pre-gyp: loader_npg.c ---------------------------------------- */


/* --- flat prebuilds/<platform>-<arch>.node (better-sqlite3 12+) -------- */

/* The file name of "prebuilds/X.node" with no deeper directory, else NULL. */
static const char *flat_prebuild(const char *rel)
{
	const char *file = direct_child(rel, "prebuilds");
	size_t n = file ? strlen(file) : 0;
	return n > 5 && !strcmp(file + n - 5, ".node") ? file : NULL;
}

static bool has_flat_prebuilds(const struct scan_pkg *pkg)
{
	for (size_t i = 0; i < pkg->files.n; i++)
		if (flat_prebuild(pkg->files.v[i]->rel))
			return true;
	return false;
}

/* better-sqlite3's lib/binding.js getPrebuildPath: "linuxmusl" on musl
 * (it reads which libc loader /proc/self/maps holds), else the platform. */
static const char *flat_prebuild_want(struct arena *a, const struct target *t)
{
	bool musl = !strcmp(t->platform, "linux") && t->libc && !strcmp(t->libc, "musl");
	return arena_printf(a, "%s-%s.node", musl ? "linuxmusl" : t->platform, t->arch);
}

/* The package-relative file a direct require() names on t: the spec
 * joined to the requiring file's directory, ".node" added when the spec
 * has no extension (require() tries it). */
static const char *direct_want(struct arena *a, const struct scan_pkg *pkg, const struct target *t)
{
	const char *spec = scan_direct_spec(a, pkg, t);
	const char *w = spec ? scan_rel_join(a, pkg->direct_from, spec) : NULL;
	const char *base = w ? strrchr(w, '/') : NULL;
	base = base ? base + 1 : w;
	return w && !strchr(base, '.') ? arena_printf(a, "%s.node", w) : w;
}

static bool has_file(const struct scan_pkg *pkg, const char *rel)
{
	for (size_t i = 0; rel && i < pkg->files.n; i++)
		if (!strcmp(pkg->files.v[i]->rel, rel))
			return true;
	return false;
}

static bool has_install_hook(const struct jv *json)
{
	const struct jv *s = jv_get(json, "scripts");
	return jv_get_str(s, "preinstall") || jv_get_str(s, "install") || jv_get_str(s, "postinstall");
}

/*
 * The platform and CPU a file's path names, by its words (split at / _ - .):
 * "bin/napi-v6/darwin/arm64/x.node", "oracledb-6.0.0-linux-x64.node",
 * "build/koffi/musl_x64/koffi.node".  Unnamed parts stay NULL.
 */
struct path_target {
	const char *platform, *arch;
	bool musl;
};

static struct path_target path_target(const char *rel)
{
	static const char *const plats[] = { "darwin", "linux", "win32", "freebsd", "openbsd", "android", "sunos", "aix" };
	static const struct { const char *word, *arch; } archs[] = {
		{ "x64", "x64" }, { "x86_64", "x64" }, { "amd64", "x64" }, { "arm64", "arm64" }, { "aarch64", "arm64" },
		{ "ia32", "ia32" }, { "i386", "ia32" }, { "arm", "arm" }, { "armhf", "arm" }, { "arm32", "arm" },
		{ "ppc64", "ppc64" }, { "ppc64le", "ppc64" }, { "s390x", "s390x" }, { "riscv64", "riscv64" },
		{ "loong64", "loong64" },
	};
	/* the names packages give their own directories (@picovoice's
	 * lib/{mac,windows,raspberry-pi}/<cpu>/, lib/linux64/): a Raspberry
	 * Pi is Linux on an ARM CPU the word does not say */
	static const struct { const char *word, *platform, *arch; } aliases[] = {
		{ "mac", "darwin", NULL }, { "macos", "darwin", NULL }, { "osx", "darwin", NULL },
		{ "windows", "win32", NULL }, { "win64", "win32", "x64" }, { "linux64", "linux", "x64" },
		{ "raspberry", "linux", NULL },
	};
	struct path_target r = { 0 };
	for (const char *c = rel; *c;) {
		size_t n = strcspn(c, "/_-.");
		/* "x86_64" spans a separator */
		if (!strncmp(c, "x86_64", 6) && (!c[6] || strchr("/-.", c[6])))
			n = 6;
		for (size_t i = 0; i < sizeof plats / sizeof plats[0]; i++)
			if (n == strlen(plats[i]) && !strncmp(c, plats[i], n) && !r.platform)
				r.platform = plats[i];
		for (size_t i = 0; i < sizeof aliases / sizeof aliases[0]; i++)
			if (n == strlen(aliases[i].word) && !strncmp(c, aliases[i].word, n) && !r.platform) {
				r.platform = aliases[i].platform;
				if (aliases[i].arch && !r.arch)
					r.arch = aliases[i].arch;
			}
		if (n == 4 && !strncmp(c, "musl", 4)) {
			r.musl = true;
			if (!r.platform)
				r.platform = "linux";
		}
		for (size_t i = 0; i < sizeof archs / sizeof archs[0]; i++)
			if (n == strlen(archs[i].word) && !strncmp(c, archs[i].word, n) && !r.arch)
				r.arch = archs[i].arch;
		c += n;
		if (*c)
			c++;
	}
	return r;
}

/* Does the path name exactly t's platform and CPU (and libc on Linux)? */
static bool path_names_target(struct path_target p, const struct target *t)
{
	bool musl = t->libc && !strcmp(t->libc, "musl");
	return p.platform && p.arch && !strcmp(p.platform, t->platform) && !strcmp(p.arch, t->arch) &&
	       (strcmp(t->platform, "linux") || p.musl == musl);
}

/*
 * A package whose loader is not replayed but which ships one build per
 * platform in paths that say so (onnxruntime-node's bin/napi-v6/<p>/<a>/,
 * koffi 2's build/koffi/<p>_<a>/): when one of its files names this target
 * exactly, the files naming other targets are not what it loads here.  By
 * reasoning; with no file for this target, every file is judged as before.
 */
static bool other_platform_build(const struct scan_file *f, const struct target *t)
{
	struct path_target mine = path_target(f->rel);
	/* bounded: each file of the package is looked at once per file */
	if (!mine.platform || path_names_target(mine, t) || f->pkg->files.n > 512)
		return false;
	for (size_t i = 0; i < f->pkg->files.n; i++)
		if (f->pkg->files.v[i] != f && path_names_target(path_target(f->pkg->files.v[i]->rel), t))
			return true;
	/* On a musl target with no build that says musl, the loader's
	 * process.platform / process.arch (which say nothing of the libc)
	 * still lead to the Linux build of this CPU (@picovoice's
	 * lib/linux/x86_64/): that one is judged, the others are not used */
	if (!t->libc || strcmp(t->libc, "musl") || (!strcmp(mine.platform, "linux") && mine.arch && !strcmp(mine.arch, t->arch)))
		return false;
	for (size_t i = 0; i < f->pkg->files.n; i++) {
		struct path_target o = path_target(f->pkg->files.v[i]->rel);
		if (o.musl && o.platform && !strcmp(o.platform, "linux"))
			return false;   /* it has musl builds, none for this CPU: as before */
	}
	struct target glibc = *t;
	glibc.libc = "glibc";
	for (size_t i = 0; i < f->pkg->files.n; i++)
		if (f->pkg->files.v[i] != f && path_names_target(path_target(f->pkg->files.v[i]->rel), &glibc))
			return true;
	return false;
}

/* --- bindings (loader_bindings.c) ---------------------------------------- */

/* The file require('bindings')(name) loads on t: the first of its
 * candidates that the walk found in the package. */
static const struct scan_file *bindings_pick(struct arena *a, const struct scan_pkg *pkg, const struct target *t)
{
	const char *c[BINDINGS_CANDIDATES];
	size_t n = scan_bindings_candidates(a, pkg, pkg->bindings_name, t, c, BINDINGS_CANDIDATES);
	for (size_t i = 0; i < n; i++)
		for (size_t k = 0; k < pkg->files.n; k++)
			if (!strcmp(pkg->files.v[k]->rel, c[i]))
				return pkg->files.v[k];
	return NULL;
}

/* --- the order of several addons --------------------------------------- */

size_t scan_required_first(const struct scan_file *f)
{
	const struct scan_pkg *p = f ? f->pkg : NULL;
	for (size_t i = 0; p && f->rel && i < p->required_order.n; i++)
		if (!strcmp(p->required_order.v[i], f->rel))
			return i;
	return SIZE_MAX;
}

/* --- the two questions ------------------------------------------------- */

enum scan_use scan_select(struct arena *a, const struct scan_file *f,
			  const struct target *t, const char **why)
{
	*why = NULL;
	const struct scan_pkg *pkg = f->pkg;
	if (!pkg)
		return USE_LOADED;
	int custom = scan_custom_select(a, f, t, why);
	if (custom >= 0)
		return (enum scan_use)custom;
	switch (f->loader) {
	case LOADER_NODE_GYP_BUILD:
	case LOADER_NGB_OPTIONAL:
		return scan_ngb_select(a, f, t, why);   /* loader_ngb.c */
	case LOADER_NAPI_RS: {
		struct scan_pkg *m = pkg->napi_platform ? pkg->platform_of : f->pkg;
		struct scan_napi_replay r;
		if (m && scan_napi_replay(a, m, t, &r) && (r.found || !r.why)) {
			if (r.found && f->real && !strcmp(r.found, f->real))
				return USE_LOADED;
			*why = r.found ? arena_printf(a, "napi-rs loads %s on this target", r.cand[r.found_idx].name)
				       : arena_printf(a, "napi-rs finds no %s binary on this target", r.triple);
			return USE_NOT_USED;
		}
		if (pkg->napi_platform) {
			if (platform_pkg_matches(pkg, t))
				return USE_LOADED;
			*why = "platform package for another os/cpu/libc";
			return USE_NOT_USED;
		}
		const char *base = strrchr(f->rel, '/');
		base = base ? base + 1 : f->rel;
		const char *want = scan_napi_triple(a, t);
		size_t bl = strlen(base), wl = strlen(want);
		if (bl > wl + 6 && !strcmp(base + bl - 5, ".node") && base[bl - 6 - wl] == '.' &&
		    !strncmp(base + bl - 5 - wl, want, wl))
			return USE_LOADED;
		*why = arena_printf(a, "napi-rs loads *.%s.node on this target", want);
		return USE_NOT_USED;
	}
	case LOADER_BINDINGS: {
		const struct scan_file *w = bindings_pick(a, pkg, t);
		if (w == f)
			return USE_LOADED;
		*why = w ? arena_printf(a, "bindings loads %s on this target", w->rel)
			 : arena_printf(a, "bindings looks for %s in its 13 places; this file is none of them",
					pkg->bindings_name);
		return USE_NOT_USED;
	}
	case LOADER_NODE_PRE_GYP:
		if (pkg->direct_require && !pkg->uses_npg && !pkg->direct_per_target) {
			/* a "binary" field for the install script, but the code
			 * require()s its addon by path (node-zopfli-es 2's
			 * lib/binding.cjs): that file is the one loaded */
			const char *want = direct_want(a, pkg, t);
			if (want && !strcmp(f->rel, want))
				return USE_LOADED;
			*why = arena_printf(a, "%s's code require()s %s, not node-pre-gyp", pkg->name, want ? want : "another file");
			return USE_NOT_USED;
		}
		return scan_npg_select(a, f, t, why);
	default:
		if (pkg->direct_require && pkg->direct_per_target) {
			/* require(`../bin/napi-v6/${process.platform}/${process.arch}/x.node`):
			 * exactly one file per target */
			const char *want = direct_want(a, pkg, t);
			if (want && !strcmp(f->rel, want))
				return USE_LOADED;
			*why = arena_printf(a, "%s's code require()s %s on this target", pkg->name, want ? want : "another file");
			return USE_NOT_USED;
		}
		if (scan_stray_file(pkg, f->rel)) {
			*why = "a test or example file of a package that has no addon of its own: no loader of it loads this";
			return USE_NOT_USED;
		}
		if (flat_prebuild(f->rel)) {
			const char *want = flat_prebuild_want(a, t);
			if (!strcmp(flat_prebuild(f->rel), want))
				return USE_LOADED;
			*why = arena_printf(a, "this target loads prebuilds/%s", want);
			return USE_NOT_USED;
		}
		/* A package that declares "os"/"cpu"/"libc" is a platform package:
		 * npm installs it only where they match, and its main package's
		 * loader (sharp's, say) picks it only there. */
		if ((jv_get(pkg->json, "os") || jv_get(pkg->json, "cpu") || jv_get(pkg->json, "libc")) &&
		    !platform_pkg_matches(pkg, t)) {
			*why = "platform package for another os/cpu/libc";
			return USE_NOT_USED;
		}
		if (other_platform_build(f, t)) {
			*why = "a build for another platform: the package ships one per platform, and one for this target "
			       "(its loader is not replayed; judged from the paths)";
			return USE_NOT_USED;
		}
		return USE_LOADED;
	}
}

const char *scan_resolve_dir(struct arena *a, const char *from_real, const char *name)
{
	char *dir = arena_strdup(a, from_real);
	for (unsigned hops = 0; dir && hops < 256; hops++) {
		const char *base = strrchr(dir, '/');
		if (base && strcmp(base + 1, "node_modules")) {
			char *cand = arena_printf(a, "%s/node_modules/%s/package.json", dir, name);
			struct stat st;
			if (cand && stat(cand, &st) == 0) {
				/* Node takes the realpath of what it finds (a pnpm or
				 * bun link into the virtual store, npm link): its
				 * messages, and the packages it resolves from there
				 * on, are the real directory's */
				cand[strlen(cand) - strlen("/package.json")] = 0;
				char *rp = realpath(cand, NULL);
				const char *out = rp ? arena_strdup(a, rp) : cand;
				free(rp);
				return out;
			}
		}
		if (!base || base == dir)
			break;
		dir[base - dir] = 0;
	}
	return NULL;
}

static bool resolvable(struct arena *a, const char *from_real, const char *name)
{
	return scan_resolve_dir(a, from_real, name) != NULL;
}

/* Does dependency name `dep` carry the target's platform and arch as words
 * of its own scheme ("@img/sharp-linuxmusl-arm64", "@parcel/watcher-linux-
 * x64-glibc")?  want_musl: 1 only names with "musl", 0 only names without,
 * -1 either. */
static bool loose_match(const char *dep, const struct target *t, int want_musl)
{
	const char *base = strrchr(dep, '/');
	base = base ? base + 1 : dep;
	size_t pl = strlen(t->platform);
	bool plat = false, arch = false;
	for (const char *p = base; *p;) {
		size_t n = strcspn(p, "-");
		if (n >= pl && !strncmp(p, t->platform, pl))
			plat = true;   /* "linux", "linuxmusl", "linuxglibc" */
		if (n == strlen(t->arch) && !strncmp(p, t->arch, n))
			arch = true;
		p += n;
		if (*p)
			p++;
	}
	bool musl = strstr(base, "musl") != NULL;
	return plat && arch && (want_musl < 0 || musl == (want_musl == 1));
}

/*
 * The optional dependencies that name this target in a scheme other than
 * napi-rs's: the package's own loader picks among them by rules we do not
 * replay, so only "none of them is installed" can be said.  Fills up to
 * cap names into out; returns how many match.
 */
static size_t other_scheme(const struct jv *opt, const struct target *t, const char **out, size_t cap)
{
	if (!opt || opt->type != JV_OBJ)
		return 0;
	bool musl_target = t->libc && !strcmp(t->libc, "musl");
	size_t n = 0;
	/* a musl target prefers names that say musl; a glibc one never takes them */
	for (int pass = 0; pass < 2 && n == 0; pass++) {
		int want = musl_target ? (pass == 0 ? 1 : 0) : 0;
		if (!musl_target && pass == 1)
			break;
		for (size_t i = 0; i < opt->n; i++) {
			if (scan_napi_suffix(opt->keys[i], '-'))
				continue;   /* a napi-rs name: the scheme we replay */
			if (!loose_match(opt->keys[i], t, want))
				continue;
			if (n < cap)
				out[n] = opt->keys[i];
			n++;
		}
	}
	return n;
}

/* The newest template's words, for a package with a "napi" field whose
 * loader is not one loader_napirs.c recognises. */
static const char NAPI_RS_ERROR[] =
	"Cannot find native binding. npm has a bug related to optional dependencies "
	"(https://github.com/npm/cli/issues/4828). Please try `npm i` again after removing "
	"both package-lock.json and node_modules directory.";

/* Why a package with evidence of an addon has none, in words. */
static const char *unbuilt_why(struct arena *a, const struct scan_pkg *pkg, const char *what)
{
	return arena_printf(a, "%s needs a native addon (%s) and %s: its install script did not run "
			    "(--ignore-scripts), failed, or node_modules was copied from elsewhere",
			    pkg->name, pkg->native_why ? pkg->native_why : "its loader", what);
}

static bool is_regular(const char *path)
{
	struct stat st;
	return path && stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* path, or path with one of require()'s extensions, is a file */
static bool with_exts(struct arena *a, const char *path)
{
	static const char *const exts[] = { ".js", ".json", ".node" };
	for (size_t i = 0; path && i < 3; i++)
		if (is_regular(arena_printf(a, "%s%s", path, exts[i])))
			return true;
	return false;
}

/*
 * require() of a package whose "main" leads nowhere, as Node's CJS loader
 * (lib/internal/modules/cjs/loader.js tryPackage, Node 12 - 24) tries it:
 * main itself, main with .js/.json/.node, main/index.*, then the
 * package's own index.*; none: "Cannot find module '<dir>/<main>'. Please
 * verify that the package.json has a valid "main" entry" (MODULE_NOT_FOUND),
 * before any code of the package runs (authenticate-pam 1.x: "main":
 * "build/Release/authenticate_pam.node", unbuilt).  Only for a package
 * with no "exports" (which takes over from main) and a main that stays in
 * the package.
 */
static const char *main_unresolved(struct arena *a, const struct scan_pkg *pkg)
{
	const char *main = jv_get_str(pkg->json, "main");
	if (!main || !*main || jv_get(pkg->json, "exports") || !pkg->dir_real)
		return NULL;
	const char *rel = main;
	while (!strncmp(rel, "./", 2))
		rel += 2;
	const char *norm = scan_rel_join(a, NULL, rel);
	if (!norm || !*norm || !strcmp(norm, "."))
		return NULL;
	const char *file = arena_printf(a, "%s/%s", pkg->dir_real, norm);
	if (!file || is_regular(file) || with_exts(a, file) || with_exts(a, arena_printf(a, "%s/index", file)) ||
	    with_exts(a, arena_printf(a, "%s/index", pkg->dir_real)))
		return NULL;
	return arena_printf(a, "Cannot find module '%s'. Please verify that the package.json has a valid \"main\" entry",
			    file);
}

/*
 * The packages no branch above judged: bindings' search, node-gyp-build
 * with nothing at all, a package whose code require()s its build output
 * directly, and any other package with evidence of an addon but no file
 * (whose loader is not replayed: its message is not known, and we say so).
 */
static bool missing_unbuilt(struct arena *a, const struct scan_pkg *pkg, const struct target *t,
			    struct scan_missing *m)
{
	if (pkg->napi_platform || pkg->platform_of || pkg->ngbo_main)
		return false;
	const char *nomain = pkg->native_why && pkg->files.n == 0 ? main_unresolved(a, pkg) : NULL;
	if (nomain) {
		m->loader = pkg->loader;
		m->code = "MODULE_NOT_FOUND";
		m->error = nomain;
		m->cause = "not-built";
		m->wanted = jv_get_str(pkg->json, "main");
		m->why = unbuilt_why(a, pkg, arena_printf(a, "its \"main\", %s, is not there", m->wanted));
		return true;
	}
	if (pkg->loader == LOADER_BINDINGS && pkg->bindings_name) {
		if (bindings_pick(a, pkg, t))
			return false;
		const char *c[BINDINGS_CANDIDATES];
		size_t n = scan_bindings_candidates(a, pkg, pkg->bindings_name, t, c, BINDINGS_CANDIDATES);
		m->loader = LOADER_BINDINGS;
		m->error = scan_bindings_error(a, pkg->dir_real, c, n);
		m->cause = "not-built";
		m->wanted = n > 2 ? c[2] : pkg->bindings_name;
		m->why = unbuilt_why(a, pkg, pkg->files.n ? arena_printf(a, "none of bindings' %zu places holds %s for this target",
									  n, pkg->bindings_name)
							  : "no binary was built");
		return true;
	}
	if (pkg->loady_name && pkg->files.n == 0) {
		/* loady: <dir>/build/{,Debug/,Release/,MinSizeRel/,RelWithDebInfo/}
		 * <name>.node for the calling file's directory and each parent up
		 * to the root; the first that exists is loaded */
		const char *name = arena_printf(a, "%s%s", pkg->loady_name,
						strlen(pkg->loady_name) > 5 && !strcmp(pkg->loady_name + strlen(pkg->loady_name) - 5, ".node")
							? "" : ".node");
		const char *from = scan_rel_join(a, pkg->loady_from, ".");
		char *dir = name ? arena_printf(a, "%s%s%s", pkg->dir_real, from ? "/" : "", from ? from : "") : NULL;
		static const char *const types[] = { "", "Debug/", "Release/", "MinSizeRel/", "RelWithDebInfo/" };
		for (int depth = 0; dir && depth < 64; depth++) {
			for (size_t i = 0; i < 5; i++) {
				struct stat st;
				if (stat(arena_printf(a, "%s/build/%s%s", dir, types[i], name), &st) == 0)
					return false;   /* something there: not replayed further */
			}
			char *sl = strrchr(dir, '/');
			if (!sl || !dir[1])
				break;
			sl[sl == dir] = 0;   /* "/a" -> "/" */
		}
		m->loader = pkg->loader;
		m->code = "MODULE_NOT_FOUND";
		m->error = arena_printf(a, "Cannot find module '%s'", name);
		m->cause = "not-built";
		m->wanted = arena_printf(a, "build/Release/%s", name);
		m->why = unbuilt_why(a, pkg, arena_printf(a, "loady finds no %s in a build/ directory of its own or a parent", name));
		return true;
	}
	if (pkg->direct_require && (pkg->files.n == 0 || (pkg->direct_per_target && !has_file(pkg, direct_want(a, pkg, t))))) {
		const char *spec = scan_direct_spec(a, pkg, t);
		const char *want = pkg->direct_per_target ? direct_want(a, pkg, t) : scan_rel_join(a, pkg->direct_from, spec);
		m->loader = pkg->loader;
		m->code = "MODULE_NOT_FOUND";
		m->error = arena_printf(a, "Cannot find module '%s'",
					pkg->direct_thrown && pkg->direct_thrown != pkg->direct_require ? pkg->direct_thrown : spec);
		m->cause = "not-built";
		m->wanted = want ? want : pkg->direct_require;
		m->why = unbuilt_why(a, pkg, arena_printf(a, "%s is not there", m->wanted));
		return true;
	}
	/* A header helper (addon-tools-raub: node-addon-api in its
	 * dependencies for its include/ files) has nothing that builds or
	 * fetches an addon: no binding.gyp, no install step, no code naming one */
	bool headers_only = pkg->native_why && !pkg->uses_bindings && !pkg->uses_ngb && !pkg->uses_npg &&
			    !pkg->uses_build_loop && !pkg->loady_name && !pkg->direct_require && !has_install_hook(pkg->json) &&
			    (!strcmp(pkg->native_why, "a dependency on nan") ||
			     !strcmp(pkg->native_why, "a dependency on node-addon-api"));
	if (pkg->native_why && pkg->files.n == 0 && pkg->loader != LOADER_NAPI_RS && !pkg->napi_main && !headers_only) {
		m->loader = pkg->loader;
		m->error = NULL;
		m->cause = "not-built";
		m->wanted = "a .node file";
		m->why = unbuilt_why(a, pkg, "the package holds no .node file (how its code loads one is not replayed, "
					     "so its exact error is not known)");
		return true;
	}
	return false;
}

bool scan_find_missing(struct arena *a, struct scan_pkgs *p, struct scan_pkg *pkg,
		       const struct target *t, struct scan_missing *m)
{
	(void)p;
	memset(m, 0, sizeof *m);
	m->pkg = pkg;
	if (!pkg->json)
		return false;
	int custom = scan_custom_missing(a, pkg, t, m);
	if (custom >= 0)
		return custom == 1;
	/* node-gyp-build 4/3 and -optional-packages (loader_ngb.c) */
	int ngb = scan_ngb_missing(a, pkg, t, m);
	if (ngb >= 0)
		return ngb > 0;
	if (pkg->loader != LOADER_NODE_GYP_BUILD && has_flat_prebuilds(pkg)) {
		const char *want = flat_prebuild_want(a, t);
		for (size_t i = 0; i < pkg->files.n; i++) {
			const char *w = flat_prebuild(pkg->files.v[i]->rel);
			if ((w && !strcmp(w, want)) || direct_child(pkg->files.v[i]->rel, "build/Release") ||
			    direct_child(pkg->files.v[i]->rel, "build/Debug"))
				return false;
		}
		m->loader = LOADER_UNKNOWN;
		m->error = NULL;
		m->wanted = arena_printf(a, "prebuilds/%s", want);
		m->why = arena_printf(a, "%s ships prebuilds/<platform>-<arch>.node files, but not %s, and there is no build/",
				      pkg->name, m->wanted);
		return true;
	}
	struct scan_napi_replay r;
	if (pkg->napi_main && !pkg->napi_platform && scan_napi_replay(a, pkg, t, &r)) {
		if (r.found)
			return false;
		const struct jv *opt = jv_get(pkg->json, "optionalDependencies");
		const char *want = NULL;
		for (size_t i = r.n; i-- > 0 && !want;)
			if (r.cand[i].is_pkg)
				want = r.cand[i].name;
		m->loader = LOADER_NAPI_RS;
		m->error = r.error;
		m->code = r.code;
		m->wanted = want ? want : r.n ? r.cand[r.n - 1].name : r.triple;
		m->optional_absent = want && jv_get(opt, want);
		m->unpublished = !m->optional_absent;
		m->why = r.why ? r.why
			: m->optional_absent
			? arena_printf(a, "%s loads its binary from the optional package %s, which is not installed "
				       "(optional dependencies skipped, or node_modules installed on another platform)",
				       pkg->name, want)
			: arena_printf(a, "%s publishes no binary for %s (no %s among its optionalDependencies)",
				       pkg->name, r.triple, m->wanted);
		return true;
	}
	if (pkg->napi_main && !pkg->napi_platform) {
		const char *triple = scan_napi_triple(a, t);
		/* A local <binaryName>.<triple>.node in the package wins first. */
		for (size_t i = 0; i < pkg->files.n; i++) {
			const char *rel = pkg->files.v[i]->rel;
			size_t rl = strlen(rel), tl = strlen(triple);
			if (rl > tl + 6 && rel[rl - tl - 6] == '.' && !strncmp(rel + rl - tl - 5, triple, tl) &&
			    !strcmp(rel + rl - 5, ".node"))
				return false;
		}
		const struct jv *opt = jv_get(pkg->json, "optionalDependencies");
		const char *cand = NULL;
		bool any = false;
		if (opt && opt->type == JV_OBJ)
			for (size_t i = 0; i < opt->n; i++) {
				const char *s = scan_napi_suffix(opt->keys[i], '-');
				if (!s)
					continue;
				any = true;
				if (!strcmp(s, triple))
					cand = opt->keys[i];
			}
		if (!any && pkg->files.n > 0)
			return false;   /* ships its binaries inside: judged per file */
		if (!any && !pkg->direct_require && !pkg->uses_bindings && !pkg->uses_ngb && !has_install_hook(pkg->json))
			return false;   /* a "napi" field with nothing native to load: no
					 * binary inside, no platform packages, no install
					 * step (@datadog/native-iast-rewriter 2.x ships
					 * WebAssembly and loads that) */
		if (cand && resolvable(a, pkg->dir_real, cand))
			return false;
		const char *own[8];
		size_t nown = cand ? 0 : other_scheme(opt, t, own, 8);
		if (nown) {
			/* its own names (sharp, @parcel/watcher): judged by what is
			 * installed; missing only when none for this target is */
			for (size_t i = 0; i < nown && i < 8; i++)
				if (resolvable(a, pkg->dir_real, own[i]))
					return false;
			m->loader = LOADER_UNKNOWN;
			m->optional_absent = true;
			m->error = NULL;
			m->wanted = own[0];
			m->why = arena_printf(a, "%s loads its binary from an optional package for %s (%s%s), and none is installed "
					      "(optional dependencies skipped, or node_modules installed on another platform)",
					      pkg->name, scan_napi_triple(a, t), own[0], nown > 1 ? ", ..." : "");
			return true;
		}
		bool napi_field = jv_get(pkg->json, "napi") != NULL;
		m->loader = LOADER_NAPI_RS;
		m->optional_absent = !!cand;
		/* napi-rs's generated loader says this; another loader's words are not known */
		m->error = napi_field ? NAPI_RS_ERROR : NULL;
		m->wanted = cand ? cand : arena_printf(a, "%s-%s", pkg->name, triple);
		m->unpublished = !cand;
		m->why = cand ? arena_printf(a, "%s loads its binary from the optional package %s, which is not installed "
					     "(optional dependencies skipped, or node_modules installed on another platform)",
					     pkg->name, cand)
			      : arena_printf(a, "%s publishes no binary for %s (no %s-%s among its optionalDependencies)",
					     pkg->name, triple, pkg->name, triple);
		return true;
	}
	/* No file at all is the usual case: the binary comes from the install
	 * script's download, which --ignore-scripts (or a failed download)
	 * skipped; bcrypt 5's index.js then throws MODULE_NOT_FOUND for it. */
	if (pkg->loader == LOADER_NODE_PRE_GYP && !pkg->direct_require)
		return scan_npg_missing(a, pkg, t, m);
	return missing_unbuilt(a, pkg, t, m);
}
