/*
 * select.c - would this target load this file?  And which file does it need
 * that is not there?
 *
 * Replays each loader's own choice (loader-facts.md §9): node-gyp-build's
 * build/Release, build/Debug, then the best prebuilds/<platform>-<arch>
 * tuple and tag set; napi-rs platform packages by their package.json
 * "os"/"cpu"/"libc"; node-pre-gyp's binary.module_path template.  Files no
 * loader would pick on a target are "not used on this target", not failures.
 */
#include "scan.h"

#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "../util/jsonread.h"

/* --- targets ----------------------------------------------------------- */

/*
 * Node-API level node-pre-gyp reads (process.versions.napi).  The ABI table
 * has no Node-API column for Electron; every Electron release it lists (20
 * and later) embeds Node.js 16.15 or newer, so Node-API 8 at least.
 */
static int selection_napi(const struct target *t)
{
	if (t->napi >= 0)
		return t->napi;
	return !strcmp(t->runtime, "electron") ? 8 : -1;
}

/* --- node-gyp-build (ngb v4.8.4, §9.1) ---------------------------------- */

struct ngb_env {
	const char *platform, *arch, *runtime, *libc;
	char abi[16], armv[8];
	const char *uv;
};

static void ngb_env_for(const struct target *t, struct ngb_env *e)
{
	e->platform = t->platform;
	e->arch = t->arch;
	e->runtime = t->runtime;
	/* ngb: LIBC env, else musl iff Alpine, else "glibc" -- on every OS. */
	e->libc = t->libc && !strcmp(t->libc, "musl") ? "musl" : "glibc";
	snprintf(e->abi, sizeof e->abi, "%d", t->modules);
	/* armv: "8" on arm64, else process.config.variables.arm_version (7 on
	 * official arm builds, unset elsewhere). */
	snprintf(e->armv, sizeof e->armv, "%s",
		 !strcmp(t->arch, "arm64") ? "8" : !strcmp(t->arch, "arm") ? "7" : "");
	e->uv = "1";   /* libuv has been 1.x since Node 0.12 */
}

struct tags {
	const char *runtime;
	bool napi;
	char abi[64], uv[64], armv[64], libc[64];
	int specificity;
};

static bool parse_tags(const char *file, struct tags *tg)
{
	memset(tg, 0, sizeof *tg);
	size_t n = strlen(file);
	if (n < 5 || strcmp(file + n - 5, ".node"))
		return false;
	const char *p = file, *end = file + n - 5;
	while (p <= end) {
		const char *dot = memchr(p, '.', (size_t)(end - p));
		size_t len = dot ? (size_t)(dot - p) : (size_t)(end - p);
		char tag[64];
		if (len < sizeof tag) {
			memcpy(tag, p, len);
			tag[len] = 0;
			bool known = true;
			if (!strcmp(tag, "node") || !strcmp(tag, "electron") || !strcmp(tag, "node-webkit"))
				tg->runtime = !strcmp(tag, "node") ? "node" : !strcmp(tag, "electron") ? "electron" : "node-webkit";
			else if (!strcmp(tag, "napi"))
				tg->napi = true;
			else if (!strncmp(tag, "abi", 3))
				snprintf(tg->abi, sizeof tg->abi, "%s", tag + 3);
			else if (!strncmp(tag, "uv", 2))
				snprintf(tg->uv, sizeof tg->uv, "%s", tag + 2);
			else if (!strncmp(tag, "armv", 4))
				snprintf(tg->armv, sizeof tg->armv, "%s", tag + 4);
			else if (!strcmp(tag, "glibc") || !strcmp(tag, "musl"))
				snprintf(tg->libc, sizeof tg->libc, "%s", tag);
			else
				known = false;
			tg->specificity += known;
		}
		if (!dot)
			break;
		p = dot + 1;
	}
	return true;
}

static bool tags_match(const struct tags *tg, const struct ngb_env *e)
{
	bool agnostic = tg->runtime && !strcmp(tg->runtime, "node") && tg->napi;
	if (tg->runtime && strcmp(tg->runtime, e->runtime) && !agnostic)
		return false;
	if (tg->abi[0] && strcmp(tg->abi, e->abi) && !tg->napi)
		return false;
	if (tg->uv[0] && strcmp(tg->uv, e->uv))
		return false;
	if (tg->armv[0] && strcmp(tg->armv, e->armv))
		return false;
	if (tg->libc[0] && strcmp(tg->libc, e->libc))
		return false;
	return true;
}

/* compareTags: exact runtime first, then abi-specific, then more tags.
 * Array.prototype.sort is stable, so ties keep directory (name) order. */
static int tags_better(const struct tags *a, const struct tags *b, const char *runtime)
{
	const char *ra = a->runtime ? a->runtime : "", *rb = b->runtime ? b->runtime : "";
	if (strcmp(ra, rb))
		return !strcmp(ra, runtime) ? -1 : 1;
	if (strcmp(a->abi, b->abi))
		return a->abi[0] ? -1 : 1;
	if (a->specificity != b->specificity)
		return a->specificity > b->specificity ? -1 : 1;
	return 0;
}

/* "<dir>/<file>" directly (no deeper slash): the file name, else NULL. */
static const char *direct_child(const char *rel, const char *dir)
{
	size_t n = strlen(dir);
	if (strncmp(rel, dir, n) || rel[n] != '/' || strchr(rel + n + 1, '/'))
		return NULL;
	return rel + n + 1;
}

/* A node-gyp-build older than 4 (@datadog/native-metrics 4 still uses
 * ^3.9.0); "" (not installed) is taken as 4. */
static bool ngb_v3(const struct scan_pkg *pkg)
{
	const char *v = pkg->ngb_version;
	return v && v[0] >= '0' && v[0] <= '3' && v[1] == '.';
}

/*
 * node-gyp-build 3.9: after build/, the directories prebuilds/<platform>-
 * <arch> and prebuilds/<platform><libc>-<arch> (plus "-v<armv>" variants on
 * arm), most specific first; in each, the first "<runtime>-<abi>.node",
 * then "<runtime>-napi.node", then "node-napi.node".  No tags.
 */
static const struct scan_file *ngb3_pick_prebuild(const struct scan_pkg *pkg, const struct target *t)
{
	struct ngb_env e;
	ngb_env_for(t, &e);
	char names[4][96];
	size_t n = 0;
	snprintf(names[n++], sizeof names[0], "prebuilds/%s-%s", e.platform, e.arch);
	snprintf(names[n++], sizeof names[0], "prebuilds/%s%s-%s", e.platform, e.libc, e.arch);
	if ((!strcmp(e.arch, "arm") || !strcmp(e.arch, "arm64")) && e.armv[0]) {
		/* names.forEach pushes while it walks: only the first two are visited */
		snprintf(names[2], sizeof names[0], "prebuilds/%s-%s-v%s", e.platform, e.arch, e.armv);
		snprintf(names[3], sizeof names[0], "prebuilds/%s%s-%s-v%s", e.platform, e.libc, e.arch, e.armv);
		n = 4;
	}
	char exact[64], rt_napi[64];
	snprintf(exact, sizeof exact, "%s-%s.node", e.runtime, e.abi);
	snprintf(rt_napi, sizeof rt_napi, "%s-napi.node", e.runtime);
	const char *const wanted[] = { exact, rt_napi, "node-napi.node" };
	while (n--)
		for (size_t w = 0; w < 3; w++)
			for (size_t i = 0; i < pkg->files.n; i++) {
				const char *file = direct_child(pkg->files.v[i]->rel, names[n]);
				if (file && !strcmp(file, wanted[w]))
					return pkg->files.v[i];
			}
	return NULL;
}

/* The file node-gyp-build returns for target t among pkg's files, or NULL. */
static const struct scan_file *ngb_pick(const struct scan_pkg *pkg, const struct target *t)
{
	/* The package's files are sorted by path, which is libuv's scandir order. */
	static const char *const builds[] = { "build/Release", "build/Debug" };
	for (size_t b = 0; b < 2; b++)
		for (size_t i = 0; i < pkg->files.n; i++)
			if (direct_child(pkg->files.v[i]->rel, builds[b]))
				return pkg->files.v[i];
	if (ngb_v3(pkg))
		return ngb3_pick_prebuild(pkg, t);
	struct ngb_env e;
	ngb_env_for(t, &e);
	/* Best tuple: platform equal, arch among the '+' list, fewest archs. */
	const char *best_tuple = NULL;
	size_t best_len = 0, best_archs = 0;
	for (size_t i = 0; i < pkg->files.n; i++) {
		const char *rel = pkg->files.v[i]->rel;
		if (strncmp(rel, "prebuilds/", 10))
			continue;
		const char *tuple = rel + 10, *slash = strchr(tuple, '/');
		if (!slash || strchr(slash + 1, '/'))
			continue;
		size_t tl = (size_t)(slash - tuple);
		const char *dash = memchr(tuple, '-', tl);
		if (!dash || memchr(dash + 1, '-', (size_t)(slash - dash - 1)))
			continue;   /* parseTuple wants exactly two '-' fields */
		if ((size_t)(dash - tuple) != strlen(e.platform) || strncmp(tuple, e.platform, (size_t)(dash - tuple)))
			continue;
		size_t archs = 1;
		bool has = false;
		for (const char *p = dash + 1; p < slash;) {
			const char *plus = memchr(p, '+', (size_t)(slash - p));
			size_t al = plus ? (size_t)(plus - p) : (size_t)(slash - p);
			if (al == strlen(e.arch) && !strncmp(p, e.arch, al))
				has = true;
			if (!plus)
				break;
			archs++;
			p = plus + 1;
		}
		if (!has)
			continue;
		/* Files come in name order (libuv's scandir sorts), and the sort
		 * by arch count is stable: the first of the fewest-arch tuples. */
		if (!best_tuple || archs < best_archs) {
			best_tuple = tuple;
			best_len = tl;
			best_archs = archs;
		}
	}
	if (!best_tuple)
		return NULL;
	const struct scan_file *win = NULL;
	struct tags wt;
	for (size_t i = 0; i < pkg->files.n; i++) {
		const char *rel = pkg->files.v[i]->rel;
		if (strncmp(rel + 10, best_tuple, best_len) || rel[10 + best_len] != '/' ||
		    strncmp(rel, "prebuilds/", 10))
			continue;
		const char *file = rel + 10 + best_len + 1;
		struct tags tg;
		if (strchr(file, '/') || !parse_tags(file, &tg) || !tags_match(&tg, &e))
			continue;
		if (!win || tags_better(&tg, &wt, e.runtime) < 0) {
			win = pkg->files.v[i];
			wt = tg;
		}
	}
	return win;
}

static char *ngb_no_build_error(struct arena *a, const struct scan_pkg *pkg, const struct target *t)
{
	struct ngb_env e;
	ngb_env_for(t, &e);
	if (ngb_v3(pkg))
		return arena_printf(a, "No native build was found for runtime=%s abi=%s platform=%s%s arch=%s",
				    e.runtime, e.abi, e.platform, e.libc, e.arch);
	return arena_printf(a, "No native build was found for platform=%s arch=%s runtime=%s abi=%s uv=%s%s%s libc=%s node=%s%s%s\n"
			       "    loaded from: %s\n",
			    e.platform, e.arch, e.runtime, e.abi, e.uv, e.armv[0] ? " armv=" : "", e.armv, e.libc,
			    !strcmp(t->runtime, "node") ? t->version : "?",
			    !strcmp(t->runtime, "electron") ? " electron=" : "",
			    !strcmp(t->runtime, "electron") ? t->version : "", pkg->dir_real);
}

/* --- node-gyp-build-optional-packages (v5.1, v5.2) ---------------------- */

/* "@m/m-<platform>-<arch>", or "@s/m-<platform>-<arch>" for a scoped "@s/m". */
static const char *ngbo_platform_name(struct arena *a, const struct scan_pkg *m, const struct target *t)
{
	return m->name[0] == '@' ? arena_printf(a, "%s-%s-%s", m->name, t->platform, t->arch)
				 : arena_printf(a, "@%s/%s-%s-%s", m->name, m->name, t->platform, t->arch);
}

/*
 * The file it returns for target t, or NULL: the main package's own
 * build/Release, build/Debug and prebuilds/ exactly as node-gyp-build; then
 * (after "nearby" prebuilds next to the node executable, which a project
 * scan cannot see) the best tagged file at the top of the platform package.
 */
static const struct scan_file *ngbo_pick(struct arena *a, const struct scan_pkg *m, const struct target *t)
{
	const struct scan_file *own = ngb_pick(m, t);
	if (own)
		return own;
	const char *want = ngbo_platform_name(a, m, t);
	for (size_t i = 0; want && i < m->ngbo_platforms.n; i++) {
		const struct scan_pkg *q = m->ngbo_platforms.v[i];
		if (strcmp(q->name, want))
			continue;
		struct ngb_env e;
		ngb_env_for(t, &e);
		const struct scan_file *win = NULL;
		struct tags wt;
		for (size_t k = 0; k < q->files.n; k++) {
			struct tags tg;
			if (strchr(q->files.v[k]->rel, '/') || !parse_tags(q->files.v[k]->rel, &tg) ||
			    !tags_match(&tg, &e))
				continue;
			if (!win || tags_better(&tg, &wt, e.runtime) < 0) {
				win = q->files.v[k];
				wt = tg;
			}
		}
		return win;
	}
	return NULL;
}

static char *ngbo_no_build_error(struct arena *a, const struct scan_pkg *m, const struct target *t,
				 bool resolved)
{
	struct ngb_env e;
	ngb_env_for(t, &e);
	const char *pp = ngbo_platform_name(a, m, t);
	char *msg = arena_printf(a, "No native build was found for platform=%s arch=%s runtime=%s abi=%s uv=%s%s%s libc=%s node=%s%s%s\n"
				    "    attempted loading from: %s and package: %s\n",
				 e.platform, e.arch, e.runtime, e.abi, e.uv, e.armv[0] ? " armv=" : "", e.armv, e.libc,
				 !strcmp(t->runtime, "node") ? t->version : "?",
				 !strcmp(t->runtime, "electron") ? " electron=" : "",
				 !strcmp(t->runtime, "electron") ? t->version : "", m->dir_real, pp);
	/* 5.2 adds why the platform package could not be resolved */
	bool v52 = m->ngbo_version && strncmp(m->ngbo_version, "5.0", 3) && strncmp(m->ngbo_version, "5.1", 3) &&
		   m->ngbo_version[0] >= '5';
	if (v52 && !resolved)
		msg = arena_printf(a, "%sError resolving package: Cannot find module '%s'\nRequire stack:\n- %s/package.json\n",
				   msg, pp, m->dir_real);
	return msg;
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

/* --- node-pre-gyp (§9.3) ------------------------------------------------ */

/* binary.module_path + "/" + module_name + ".node" for t, relative to the
 * package; NULL when the template cannot be expanded. */
static char *npg_path(struct arena *a, const struct scan_pkg *pkg, const struct target *t)
{
	const struct jv *bin = jv_get(pkg->json, "binary");
	const char *tpl = bin ? jv_get_str(bin, "module_path") : NULL;
	const char *mod = bin ? jv_get_str(bin, "module_name") : NULL;
	if (!tpl || !mod || strlen(tpl) > 512)
		return NULL;
	char napi[16] = "";
	const struct jv *nv = jv_get(bin, "napi_versions");
	if (nv && nv->type == JV_ARR) {
		/* get_best_napi_build_version: highest listed level the runtime has. */
		int best = -1;
		for (size_t i = 0; i < nv->n; i++)
			if (nv->vals[i]->type == JV_NUM && nv->vals[i]->num <= selection_napi(t) && nv->vals[i]->num > best)
				best = (int)nv->vals[i]->num;
		if (best > 0)
			snprintf(napi, sizeof napi, "%d", best);
	}
	char node_abi[48];
	if (!strcmp(t->runtime, "electron")) {
		int maj = 0, min = 0;
		sscanf(t->version, "%d.%d", &maj, &min);
		snprintf(node_abi, sizeof node_abi, "electron-v%d.%d", maj, min);
	} else {
		snprintf(node_abi, sizeof node_abi, "node-v%d", t->modules);
	}
	const char *libc = t->libc ? t->libc : "unknown";
	const char *ver = pkg->version;
	char out[1024];
	size_t o = 0;
	for (const char *p = tpl; *p && o < sizeof out - 64;) {
		if (*p == '{') {
			const char *close = strchr(p, '}');
			if (!close)
				return NULL;
			size_t n = (size_t)(close - p - 1);
			const char *val = NULL;
			char label[32];
#define VAR(name) (n == strlen(name) && !strncmp(p + 1, name, n))
			if (VAR("node_abi"))
				val = node_abi;
			else if (VAR("platform"))
				val = t->platform;
			else if (VAR("arch"))
				val = t->arch;
			else if (VAR("libc"))
				val = libc;
			else if (VAR("module_name"))
				val = mod;
			else if (VAR("version"))
				val = ver;
			else if (VAR("configuration"))
				val = "Release";
			else if (VAR("napi_build_version")) {
				if (!napi[0])
					return NULL;
				val = napi;
			} else if (VAR("node_napi_label")) {
				if (napi[0]) {
					snprintf(label, sizeof label, "napi-v%s", napi);
					val = label;
				} else {
					val = node_abi;
				}
			} else
				return NULL;
#undef VAR
			size_t vl = strlen(val);
			if (o + vl >= sizeof out - 64)
				return NULL;
			memcpy(out + o, val, vl);
			o += vl;
			p = close + 1;
		} else {
			out[o++] = *p++;
		}
	}
	out[o] = 0;
	/* Normalise "./lib/binding/x/" -> "lib/binding/x". */
	char *s = out;
	while (s[0] == '.' && s[1] == '/')
		s += 2;
	size_t sl = strlen(s);
	while (sl && s[sl - 1] == '/')
		s[--sl] = 0;
	return arena_printf(a, "%s/%s.node", s, mod);
}

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

/* --- bindings (loader_bindings.c) ---------------------------------------- */

/* The file require('bindings')(name) loads on t: the first of its
 * candidates that the walk found in the package. */
static const struct scan_file *bindings_pick(struct arena *a, const struct scan_pkg *pkg, const struct target *t)
{
	const char *c[BINDINGS_CANDIDATES];
	size_t n = scan_bindings_candidates(a, pkg->bindings_name, t, c, BINDINGS_CANDIDATES);
	for (size_t i = 0; i < n; i++)
		for (size_t k = 0; k < pkg->files.n; k++)
			if (!strcmp(pkg->files.v[k]->rel, c[i]))
				return pkg->files.v[k];
	return NULL;
}

/* --- the two questions ------------------------------------------------- */

enum scan_use scan_select(struct arena *a, const struct scan_file *f,
			  const struct target *t, const char **why)
{
	*why = NULL;
	const struct scan_pkg *pkg = f->pkg;
	if (!pkg)
		return USE_LOADED;
	switch (f->loader) {
	case LOADER_NODE_GYP_BUILD: {
		const struct scan_file *w = ngb_pick(pkg, t);
		if (w == f)
			return USE_LOADED;
		*why = w ? arena_printf(a, "node-gyp-build picks %s on this target", w->rel)
			 : "no node-gyp-build tuple or tags match this target";
		return USE_NOT_USED;
	}
	case LOADER_NGB_OPTIONAL: {
		const struct scan_pkg *m = pkg->ngbo_main ? pkg->ngbo_main : pkg;
		const struct scan_file *w = ngbo_pick(a, m, t);
		if (w == f)
			return USE_LOADED;
		*why = w ? arena_printf(a, "node-gyp-build-optional-packages picks %s%s%s on this target",
					w->pkg && w->pkg != pkg ? w->pkg->name : "", w->pkg && w->pkg != pkg ? "/" : "", w->rel)
			 : "no build, prebuild or platform package file matches this target";
		return USE_NOT_USED;
	}
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
	case LOADER_NODE_PRE_GYP: {
		char *want = npg_path(a, pkg, t);
		if (!want || !strcmp(want, f->rel))
			return USE_LOADED;
		*why = arena_printf(a, "node-pre-gyp loads %s on this target", want);
		return USE_NOT_USED;
	}
	default:
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
				cand[strlen(cand) - strlen("/package.json")] = 0;
				return cand;
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
	if (pkg->loader == LOADER_BINDINGS && pkg->bindings_name) {
		if (bindings_pick(a, pkg, t))
			return false;
		const char *c[BINDINGS_CANDIDATES];
		size_t n = scan_bindings_candidates(a, pkg->bindings_name, t, c, BINDINGS_CANDIDATES);
		m->loader = LOADER_BINDINGS;
		m->error = scan_bindings_error(a, pkg->dir_real, c, n);
		m->cause = "not-built";
		m->wanted = n > 2 ? c[2] : pkg->bindings_name;
		m->why = unbuilt_why(a, pkg, pkg->files.n ? arena_printf(a, "none of bindings' 13 places holds %s for this target",
									  pkg->bindings_name)
							  : "no binary was built");
		return true;
	}
	if (pkg->loader == LOADER_NODE_GYP_BUILD && pkg->files.n == 0) {
		m->loader = LOADER_NODE_GYP_BUILD;
		m->error = ngb_no_build_error(a, pkg, t);
		m->cause = "not-built";
		m->wanted = "build/Release/*.node or prebuilds/";
		m->why = unbuilt_why(a, pkg, "neither a build nor a prebuild is installed");
		return true;
	}
	if (pkg->direct_require && pkg->files.n == 0) {
		const char *want = scan_rel_join(a, pkg->direct_from, pkg->direct_require);
		m->loader = pkg->loader;
		m->code = "MODULE_NOT_FOUND";
		m->error = arena_printf(a, "Cannot find module '%s'", pkg->direct_require);
		m->cause = "not-built";
		m->wanted = want ? want : pkg->direct_require;
		m->why = unbuilt_why(a, pkg, arena_printf(a, "%s is not there", m->wanted));
		return true;
	}
	if (pkg->native_why && pkg->files.n == 0 && pkg->loader != LOADER_NAPI_RS && !pkg->napi_main) {
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
	if (pkg->loader == LOADER_NGB_OPTIONAL && !pkg->ngbo_main) {
		if (ngbo_pick(a, pkg, t))
			return false;
		const char *pp = ngbo_platform_name(a, pkg, t);
		bool resolved = false;
		for (size_t i = 0; i < pkg->ngbo_platforms.n; i++)
			resolved |= !strcmp(pkg->ngbo_platforms.v[i]->name, pp);
		if (!resolved)
			resolved = resolvable(a, pkg->dir_real, pp);
		m->loader = LOADER_NGB_OPTIONAL;
		m->optional_absent = !resolved;
		m->error = ngbo_no_build_error(a, pkg, t, resolved);
		m->wanted = pp;
		m->why = resolved
			? arena_printf(a, "%s's platform package %s is installed but has no file for %s (%s, ABI %d, %s)",
				       pkg->name, pp, t->arch, t->runtime, t->modules, t->libc ? t->libc : "glibc")
			: arena_printf(a, "%s loads its binary from the optional package %s, which is not installed "
				       "(optional dependencies skipped, or node_modules installed on another platform)",
				       pkg->name, pp);
		return true;
	}
	if (pkg->ngbo_main)
		return false; /* judged through its main package */
	bool ngb_pkg = pkg->loader == LOADER_NODE_GYP_BUILD;
	for (size_t i = 0; i < pkg->files.n && !ngb_pkg; i++)
		ngb_pkg = pkg->files.v[i]->loader == LOADER_NODE_GYP_BUILD;
	if (ngb_pkg && pkg->files.n > 0) {
		if (ngb_pick(pkg, t))
			return false;
		/* prebuildify's layout read by the package's own code (node-pty):
		 * node-gyp-build's words would be invented */
		bool real_ngb = pkg->loader == LOADER_NODE_GYP_BUILD;
		m->loader = real_ngb ? LOADER_NODE_GYP_BUILD : LOADER_UNKNOWN;
		m->error = real_ngb ? ngb_no_build_error(a, pkg, t) : NULL;
		m->why = arena_printf(a, "%s ships prebuilds, but none for %s-%s (%s, ABI %d), and there is no build/Release",
				      pkg->name, t->platform, t->arch, t->runtime, t->modules);
		m->wanted = real_ngb && ngb_v3(pkg) ? arena_printf(a, "prebuilds/%s%s-%s/", t->platform,
								    t->libc && !strcmp(t->libc, "musl") ? "musl" : "glibc", t->arch)
						    : arena_printf(a, "prebuilds/%s-%s/", t->platform, t->arch);
		return true;
	}
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
	if (pkg->loader == LOADER_NODE_PRE_GYP && !pkg->direct_require) {
		char *want = npg_path(a, pkg, t);
		if (!want)
			return false;
		for (size_t i = 0; i < pkg->files.n; i++)
			if (!strcmp(pkg->files.v[i]->rel, want))
				return false;
		m->loader = LOADER_NODE_PRE_GYP;
		m->wanted = want;
		m->error = arena_printf(a, "Cannot find module '%s/%s'", pkg->dir_real, want);
		m->why = pkg->files.n
			? arena_printf(a, "node-pre-gyp looks for %s on this target; only builds for other runtimes are installed", want)
			: arena_printf(a, "node-pre-gyp looks for %s on this target; the package holds no binary "
					  "(its install script, which downloads or builds it, did not run or failed)", want);
		return true;
	}
	return missing_unbuilt(a, pkg, t, m);
}
