/*
 * loader_ngb.c - node-gyp-build 4.x and 3.x, and node-gyp-build-optional-
 * packages 5.x (lmdb, msgpackr-extract, cbor-extract): which file
 * require('<loader>')(__dirname) loads on a target, or what it throws.
 * Read for facts from the published sources (node-gyp-build 4.8.4 and
 * 3.9.0, node-gyp-build-optional-packages 5.0.7, 5.1.1 and 5.2.2).
 *
 * All three first take the first *.node of build/Release, then of
 * build/Debug (readdir order: libuv sorts names with strcmp, the order of
 * the package's files here).  Then:
 *   4.x   the prebuilds/<platform>-<arch[+arch...]> tuple with the fewest
 *         archs (ONE tuple: no match in it is not a reason to try the
 *         next), and in it the best file by tags (runtime, abi/napi, uv,
 *         armv, libc; a file without a runtime or abi tag matches any).
 *   3.x   prebuilds/<platform><libc>-<arch>, then <platform>-<arch> (with
 *         -v<armv> variants on arm), fixed names <runtime>-<abi>.node,
 *         <runtime>-napi.node, node-napi.node; no tags.
 *   5.x   4.x's search with stricter tags (a runtime tag and an exact abi,
 *         or napi, are required), then the platform package
 *         @M/M-<platform>-<arch> if require.resolve finds it from M's
 *         real directory; a platform package that resolves but holds no
 *         match makes load() require(undefined), a TypeError.
 * prebuilds "nearby" process.execPath, PREBUILDS_ONLY and <NAME>_PREBUILD
 * are the running process's: a project scan cannot see them.
 *
 * The "No native build" messages of 4.x and 5.x name process.versions.node,
 * which for Electron is the Node inside it: data/electron-node.tsv has it
 * for the exact releases its sources know; for the others (a major-only
 * target, a release whose Node no source has) the message is unknown and
 * we say so rather than print a made-up version.
 */
#include "scan.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../runtime/abi.h"
#include "../runtime/altruntime.h"
#include "../util/jsonread.h"

/* --- the target as the loaders see it ----------------------------------- */

struct ngb_env {
	const char *platform, *arch, *runtime, *libc;
	char abi[16], armv[8];
	const char *uv;
	const char *node;   /* process.versions.node; NULL when not known */
};

const char *scan_electron_node(struct arena *a, const char *electron)
{
	struct electron_node r;
	if (!electron || !abi_electron_node(electron, &r) || !r.node[0])
		return NULL;
	return arena_strdup(a, r.node);
}

static void ngb_env_for(struct arena *a, const struct target *t, struct ngb_env *e)
{
	e->platform = t->platform;
	e->arch = t->arch;
	/* node-gyp-build names a runtime "electron", "node-webkit" or else
	 * "node": under Bun and Deno it is "node" (process.versions.node is
	 * their Node compat version, runtime/altruntime.c) */
	e->runtime = t->alt ? "node" : t->runtime;
	/* LIBC env, else musl iff Alpine (4.x, 3.x, 5.0) or detect-libc
	 * (5.1+), else "glibc" -- on every OS, macOS and Windows included */
	e->libc = t->libc && !strcmp(t->libc, "musl") ? "musl" : "glibc";
	snprintf(e->abi, sizeof e->abi, "%d", t->modules);
	/* armv: "8" on arm64, else process.config.variables.arm_version (7 on
	 * official arm builds, unset elsewhere) */
	snprintf(e->armv, sizeof e->armv, "%s",
		 !strcmp(t->arch, "arm64") ? "8" : !strcmp(t->arch, "arm") ? "7" : "");
	e->uv = "1";   /* libuv has been 1.x since Node 0.12 */
	e->node = t->alt ? t->alt->rel.node : !strcmp(t->runtime, "node") ? t->version
		: !strcmp(t->runtime, "electron") ? scan_electron_node(a, t->version) : NULL;
}

/* --- tags (parseTags, matchTags, compareTags) ---------------------------- */

/* A tag's value, pointing into the file name: JavaScript keeps "" (tag
 * "abi" alone) apart from no tag at all. */
struct word {
	const char *p;
	size_t n;
	bool set;
};

struct tags {
	const char *runtime;    /* NULL: no runtime tag */
	bool napi;
	struct word abi, uv, armv;
	const char *libc;
	int specificity;
};

static bool word_is(const struct word *w, const char *s)
{
	return w->set && w->n == strlen(s) && !memcmp(w->p, s, w->n);
}

static bool parse_tags(const char *file, struct tags *tg)
{
	memset(tg, 0, sizeof *tg);
	size_t n = strlen(file);
	/* arr.pop() is the last '.'-field: it must be "node" */
	const char *last = strrchr(file, '.');
	if (!last || strcmp(last, ".node"))
		return false;
	const char *p = file, *end = last;
	for (;;) {
		const char *dot = memchr(p, '.', (size_t)(end - p));
		size_t len = dot ? (size_t)(dot - p) : (size_t)(end - p);
		bool known = true;
#define IS(s) (len == strlen(s) && !memcmp(p, s, len))
		if (IS("node") || IS("electron") || IS("node-webkit"))
			tg->runtime = IS("node") ? "node" : IS("electron") ? "electron" : "node-webkit";
		else if (IS("napi"))
			tg->napi = true;
		else if (len >= 3 && !memcmp(p, "abi", 3))
			tg->abi = (struct word){ p + 3, len - 3, true };
		else if (len >= 2 && !memcmp(p, "uv", 2))
			tg->uv = (struct word){ p + 2, len - 2, true };
		else if (len >= 4 && !memcmp(p, "armv", 4))
			tg->armv = (struct word){ p + 4, len - 4, true };
		else if (IS("glibc") || IS("musl"))
			tg->libc = IS("glibc") ? "glibc" : "musl";
		else
			known = false;
#undef IS
		tg->specificity += known;
		if (!dot)
			break;
		p = dot + 1;
	}
	(void)n;
	return true;
}

/*
 * matchTags.  strict: node-gyp-build-optional-packages, whose tests are
 * `tags.runtime !== runtime` and `tags.abi !== abi && !tags.napi` without
 * 4.x's "when the tag is there": an untagged file matches nothing.
 * uv, armv: only a non-empty tag is compared.
 */
static bool tags_match(const struct tags *tg, const struct ngb_env *e, bool strict)
{
	bool agnostic = tg->runtime && !strcmp(tg->runtime, "node") && tg->napi;
	if ((tg->runtime || strict) && (!tg->runtime || strcmp(tg->runtime, e->runtime)) && !agnostic)
		return false;
	if (((tg->abi.set && tg->abi.n) || strict) && !word_is(&tg->abi, e->abi) && !tg->napi)
		return false;
	if (tg->uv.set && tg->uv.n && !word_is(&tg->uv, e->uv))
		return false;
	if (tg->armv.set && tg->armv.n && !word_is(&tg->armv, e->armv))
		return false;
	if (tg->libc && strcmp(tg->libc, e->libc))
		return false;
	return true;
}

static bool word_eq(const struct word *a, const struct word *b)
{
	return a->set == b->set && a->n == b->n && (!a->n || !memcmp(a->p, b->p, a->n));
}

/* compareTags(runtime)(a, b), as written: it is not a consistent order for
 * every pair (two files neither of which has the target's runtime, two
 * different abi tags), so the result of a sort depends on which pairs are
 * compared, which tags_sort_first replays. */
static int tags_cmp(const struct tags *a, const struct tags *b, const char *runtime)
{
	bool same_rt = (!a->runtime && !b->runtime) || (a->runtime && b->runtime && !strcmp(a->runtime, b->runtime));
	if (!same_rt)
		return a->runtime && !strcmp(a->runtime, runtime) ? -1 : 1;
	if (!word_eq(&a->abi, &b->abi))
		return a->abi.n ? -1 : 1;   /* `a.abi ? -1 : 1`: "" is false */
	if (a->specificity != b->specificity)
		return a->specificity > b->specificity ? -1 : 1;
	return 0;
}

struct cand {
	const struct scan_file *f;
	struct tags tg;
};

#define NGB_MAX_CANDS 256

/*
 * The first element after candidates.sort(compareTags(runtime)): V8's
 * TimSort, which for fewer than 64 elements is one run (CountAndMakeRun:
 * a strictly descending start is reversed) extended by binary insertion.
 * Past 64 (never seen in a real package) the merge steps are not replayed
 * and the first of the best is taken.
 */
static const struct scan_file *tags_sort_first(struct cand *c, size_t n, const char *runtime)
{
	if (n == 0)
		return NULL;
	if (n >= 64) {
		size_t best = 0;
		for (size_t i = 1; i < n; i++)
			if (tags_cmp(&c[i].tg, &c[best].tg, runtime) < 0)
				best = i;
		return c[best].f;
	}
	size_t run = 1;
	if (n > 1) {
		run = 2;
		bool desc = tags_cmp(&c[1].tg, &c[0].tg, runtime) < 0;
		for (size_t i = 2; i < n; i++) {
			int o = tags_cmp(&c[i].tg, &c[i - 1].tg, runtime);
			if (desc ? o >= 0 : o < 0)
				break;
			run++;
		}
		if (desc)
			for (size_t i = 0, j = run - 1; i < j; i++, j--) {
				struct cand tmp = c[i];
				c[i] = c[j];
				c[j] = tmp;
			}
	}
	for (size_t s = run; s < n; s++) {
		struct cand pivot = c[s];
		size_t left = 0, right = s;
		while (left < right) {
			size_t mid = left + ((right - left) >> 1);
			if (tags_cmp(&pivot.tg, &c[mid].tg, runtime) < 0)
				right = mid;
			else
				left = mid + 1;
		}
		memmove(&c[left + 1], &c[left], (s - left) * sizeof *c);
		c[left] = pivot;
	}
	return c[0].f;
}

/* The winner among the files of pkg directly in dir ("" = the package's
 * top), in name order. */
static const struct scan_file *best_in(const struct scan_pkg *pkg, const char *dir, size_t dl,
				       const struct ngb_env *e, bool strict)
{
	struct cand c[NGB_MAX_CANDS];
	size_t n = 0;
	for (size_t i = 0; i < pkg->files.n && n < NGB_MAX_CANDS; i++) {
		const char *rel = pkg->files.v[i]->rel;
		const char *file = rel;
		if (dl) {
			if (strncmp(rel, dir, dl) || rel[dl] != '/')
				continue;
			file = rel + dl + 1;
		}
		if (strchr(file, '/') || !parse_tags(file, &c[n].tg) || !tags_match(&c[n].tg, e, strict))
			continue;
		c[n++].f = pkg->files.v[i];
	}
	return tags_sort_first(c, n, e->runtime);
}

/* --- the package's own build/ and prebuilds/ ---------------------------- */

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
static const struct scan_file *ngb3_pick_prebuild(const struct scan_pkg *pkg, const struct ngb_env *e)
{
	char names[4][96];
	size_t n = 0;
	snprintf(names[n++], sizeof names[0], "prebuilds/%s-%s", e->platform, e->arch);
	snprintf(names[n++], sizeof names[0], "prebuilds/%s%s-%s", e->platform, e->libc, e->arch);
	if ((!strcmp(e->arch, "arm") || !strcmp(e->arch, "arm64")) && e->armv[0]) {
		/* names.forEach pushes while it walks: only the first two are visited */
		snprintf(names[2], sizeof names[0], "prebuilds/%s-%s-v%s", e->platform, e->arch, e->armv);
		snprintf(names[3], sizeof names[0], "prebuilds/%s%s-%s-v%s", e->platform, e->libc, e->arch, e->armv);
		n = 4;
	}
	char exact[64], rt_napi[64];
	snprintf(exact, sizeof exact, "%s-%s.node", e->runtime, e->abi);
	snprintf(rt_napi, sizeof rt_napi, "%s-napi.node", e->runtime);
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

/*
 * parseTuple + matchTuple: "<platform>-<arch>[+<arch>...]", exactly two
 * '-' fields, a non-empty platform and no empty arch ("linux-x64+" and
 * "linux-+x64" are no tuple).  Returns the arch count, 0 when the tuple
 * is not one for e.
 */
static size_t tuple_archs(const char *tuple, size_t tl, const struct ngb_env *e)
{
	const char *end = tuple + tl, *dash = memchr(tuple, '-', tl);
	if (!dash || dash == tuple || memchr(dash + 1, '-', (size_t)(end - dash - 1)))
		return 0;
	if ((size_t)(dash - tuple) != strlen(e->platform) || strncmp(tuple, e->platform, (size_t)(dash - tuple)))
		return 0;
	size_t archs = 0;
	bool has = false;
	for (const char *p = dash + 1;;) {
		const char *plus = memchr(p, '+', (size_t)(end - p));
		size_t al = plus ? (size_t)(plus - p) : (size_t)(end - p);
		if (al == 0)
			return 0;   /* architectures.every(Boolean) */
		if (al == strlen(e->arch) && !strncmp(p, e->arch, al))
			has = true;
		archs++;
		if (!plus)
			break;
		p = plus + 1;
	}
	return has ? archs : 0;
}

/* build/Release, build/Debug, then prebuilds/: the package's own file. */
static const struct scan_file *own_pick(const struct scan_pkg *pkg, const struct ngb_env *e, bool strict)
{
	static const char *const builds[] = { "build/Release", "build/Debug" };
	for (size_t b = 0; b < 2; b++)
		for (size_t i = 0; i < pkg->files.n; i++)
			if (direct_child(pkg->files.v[i]->rel, builds[b]))
				return pkg->files.v[i];
	if (!strict && ngb_v3(pkg))
		return ngb3_pick_prebuild(pkg, e);
	/* The one best tuple: files come in name order and the sort by arch
	 * count is stable, so the first of the fewest-arch tuples.  (Only
	 * tuple directories that hold a .node file are seen here; an empty
	 * one would stop the real loader too.) */
	const char *best = NULL;
	size_t best_len = 0, best_archs = 0;
	for (size_t i = 0; i < pkg->files.n; i++) {
		const char *rel = pkg->files.v[i]->rel;
		if (strncmp(rel, "prebuilds/", 10))
			continue;
		const char *tuple = rel + 10, *slash = strchr(tuple, '/');
		if (!slash || strchr(slash + 1, '/'))
			continue;
		size_t tl = (size_t)(slash - tuple), archs = tuple_archs(tuple, tl, e);
		if (archs && (!best || archs < best_archs)) {
			best = tuple;
			best_len = tl;
			best_archs = archs;
		}
	}
	if (!best)
		return NULL;
	char dir[600];
	if (best_len + 10 >= sizeof dir)
		return NULL;
	snprintf(dir, sizeof dir, "prebuilds/%.*s", (int)best_len, best);
	return best_in(pkg, dir, strlen(dir), e, strict);
}

const struct scan_file *scan_ngb_pick(struct arena *a, const struct scan_pkg *pkg, const struct target *t)
{
	struct ngb_env e;
	ngb_env_for(a, t, &e);
	return own_pick(pkg, &e, false);
}

/* --- node-gyp-build-optional-packages' platform package ----------------- */

/* "@m/m-<platform>-<arch>", or "@s/m-<platform>-<arch>" for a scoped "@s/m". */
static const char *ngbo_platform_name(struct arena *a, const struct scan_pkg *m, const struct target *t)
{
	return m->name[0] == '@' ? arena_printf(a, "%s-%s-%s", m->name, t->platform, t->arch)
				 : arena_printf(a, "@%s/%s-%s-%s", m->name, m->name, t->platform, t->arch);
}

enum resolved { RES_NONE, RES_DIR, RES_ODD };

static bool is_file(const char *path)
{
	struct stat st;
	return path && stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* tryExtensions(base): base + ".js", ".json", ".node" (the registered
 * extensions of a plain node). */
static bool try_ext(struct arena *a, const char *base)
{
	static const char *const ext[] = { ".js", ".json", ".node" };
	for (size_t i = 0; i < 3; i++)
		if (is_file(arena_printf(a, "%s%s", base, ext[i])))
			return true;
	return false;
}

/*
 * createRequire(<M's real dir>/package.json).resolve(name) as Node's CJS
 * resolution does it for a package directory: each ancestor's
 * node_modules/<name> in turn; a directory with no "main" and no index.*
 * is passed over.  RES_DIR: found, with *dir the package directory (its
 * realpath).  RES_ODD: what Node does is not replayed here ("exports",
 * a "main" that resolves elsewhere or throws, a file named like the
 * package): the outcome is unknown.
 */
static enum resolved ngbo_resolve(struct arena *a, const char *from_real, const char *name, const char **dir)
{
	*dir = NULL;
	char *d = arena_strdup(a, from_real);
	for (unsigned hops = 0; d && hops < 256; hops++) {
		const char *base = strrchr(d, '/');
		if (base && strcmp(base + 1, "node_modules")) {
			const char *cand = arena_printf(a, "%s/node_modules/%s", d, name);
			if (!cand)
				return RES_ODD;
			if (is_file(cand) || try_ext(a, cand))
				return RES_ODD;
			const char *pj = arena_printf(a, "%s/package.json", cand);
			size_t len = 0;
			char *text = is_file(pj) ? scan_read_small(a, pj, (size_t)1 << 20, &len) : NULL;
			const struct jv *j = text ? json_parse(a, text, len) : NULL;
			if (j && jv_get(j, "exports"))
				return RES_ODD;
			const char *mainf = j ? jv_get_str(j, "main") : NULL;
			if (mainf && *mainf) {
				/* tryPackage: main, main + ext, main/index + ext,
				 * then index + ext; else it throws */
				const char *mp = arena_printf(a, "%s/%s", cand, mainf);
				bool direct = is_file(mp) || try_ext(a, mp);
				bool found = direct || try_ext(a, arena_printf(a, "%s/index", mp));
				if (!found && !try_ext(a, arena_printf(a, "%s/index", cand)))
					return RES_ODD;
				/* the entry's directory is the package's only when the
				 * entry is a file at its top */
				const char *m2 = !strncmp(mainf, "./", 2) ? mainf + 2 : mainf;
				if (found && (!direct || strchr(m2, '/') || m2[0] == '.'))
					return RES_ODD;
				char *rp = realpath(cand, NULL);
				*dir = rp ? arena_strdup(a, rp) : NULL;
				free(rp);
				return *dir ? RES_DIR : RES_ODD;
			}
			if (try_ext(a, arena_printf(a, "%s/index", cand))) {
				char *rp = realpath(cand, NULL);
				*dir = rp ? arena_strdup(a, rp) : NULL;
				free(rp);
				return *dir ? RES_DIR : RES_ODD;
			}
		}
		if (!base || base == d)
			break;
		d[base - d] = 0;
	}
	return RES_NONE;
}

/* What -optional-packages does after its own files: the platform package
 * it resolves (*res), and the file it takes there (NULL: none). */
static const struct scan_file *ngbo_platform_pick(struct arena *a, const struct scan_pkg *m, const struct target *t,
						  const struct ngb_env *e, enum resolved *res, const char **pp)
{
	*pp = ngbo_platform_name(a, m, t);
	const char *dir;
	*res = *pp ? ngbo_resolve(a, m->dir_real, *pp, &dir) : RES_ODD;
	if (*res != RES_DIR)
		return NULL;
	for (size_t i = 0; i < m->ngbo_platforms.n; i++) {
		const struct scan_pkg *q = m->ngbo_platforms.v[i];
		if (!strcmp(q->dir_real, dir))
			return best_in(q, "", 0, e, true);
	}
	return NULL;   /* resolved to a package the scan did not link: holds no .node */
}

static const struct scan_file *ngbo_pick(struct arena *a, const struct scan_pkg *m, const struct target *t)
{
	struct ngb_env e;
	ngb_env_for(a, t, &e);
	const struct scan_file *own = own_pick(m, &e, true);
	if (own)
		return own;
	enum resolved res;
	const char *pp;
	return ngbo_platform_pick(a, m, t, &e, &res, &pp);
}

/* --- the messages -------------------------------------------------------- */

/* 4.x and 5.x: "platform=... node=... [electron=...]"; NULL when the
 * node version is not known. */
static char *target_words(struct arena *a, const struct ngb_env *e, const struct target *t)
{
	if (!e->node)
		return NULL;
	bool electron = !strcmp(t->runtime, "electron");
	return arena_printf(a, "platform=%s arch=%s runtime=%s abi=%s uv=%s%s%s libc=%s node=%s%s%s",
			    e->platform, e->arch, e->runtime, e->abi, e->uv, e->armv[0] ? " armv=" : "", e->armv,
			    e->libc, e->node, electron ? " electron=" : "", electron ? t->version : "");
}

static char *ngb_no_build_error(struct arena *a, const struct scan_pkg *pkg, const struct target *t)
{
	struct ngb_env e;
	ngb_env_for(a, t, &e);
	if (ngb_v3(pkg))
		return arena_printf(a, "No native build was found for runtime=%s abi=%s platform=%s%s arch=%s",
				    e.runtime, e.abi, e.platform, e.libc, e.arch);
	char *w = target_words(a, &e, t);
	return w ? arena_printf(a, "No native build was found for %s\n    loaded from: %s\n", w, pkg->dir_real) : NULL;
}

/* 5.0 "loaded from: D and package: P", 5.1 "attempted loading from: D and
 * package: P", 5.2 adds why the platform package did not resolve. */
static char *ngbo_no_build_error(struct arena *a, const struct scan_pkg *m, const struct target *t, const char *pp)
{
	struct ngb_env e;
	ngb_env_for(a, t, &e);
	char *w = target_words(a, &e, t);
	const char *v = m->ngbo_version ? m->ngbo_version : "";
	if (!w || strncmp(v, "5.", 2))
		return NULL;   /* unknown node version, or a loader version not read */
	if (!strncmp(v, "5.0.", 4))
		return arena_printf(a, "No native build was found for %s\n    loaded from: %s and package: %s\n", w,
				    m->dir_real, pp);
	char *msg = arena_printf(a, "No native build was found for %s\n    attempted loading from: %s and package: %s\n",
				 w, m->dir_real, pp);
	if (strncmp(v, "5.1.", 4))
		msg = arena_printf(a, "%sError resolving package: Cannot find module '%s'\nRequire stack:\n- %s/package.json\n",
				   msg, pp, m->dir_real);
	return msg;
}

/* Why the message is not given, when it is not. */
static const char *unknown_why(struct arena *a, const struct scan_pkg *pkg, const struct target *t)
{
	if (!strcmp(t->runtime, "electron")) {
		struct electron_node r;
		if (!abi_electron_node(t->version, &r) && strchr(t->version, '-'))
			return arena_printf(a, "its message names process.versions.node, and Electron %s is a "
					    "prerelease data/electron-node.tsv does not list", t->version);
		if (!abi_electron_node(t->version, &r))
			return arena_printf(a, "its message names process.versions.node, the Node.js inside Electron, "
					    "which changes between releases of Electron %s: name the exact release "
					    "(electron@X.Y.Z)", t->version);
		return arena_printf(a, "its message names process.versions.node, and the Node.js inside Electron %s "
				    "is not in data/electron-node.tsv (no offline source has it)", t->version);
	}
	return arena_printf(a, "%s's loader version (%s) is not one whose message was read",
			    pkg->name, pkg->ngbo_version && *pkg->ngbo_version ? pkg->ngbo_version : "not installed");
}

/* --- the two questions ---------------------------------------------------- */

enum scan_use scan_ngb_select(struct arena *a, const struct scan_file *f, const struct target *t, const char **why)
{
	const struct scan_pkg *pkg = f->pkg;
	/* prebuilds/<tuple>/ files are node-gyp-build's by layout (package.c);
	 * in an -optional-packages package they are its own, stricter search */
	bool ngbo = pkg->loader == LOADER_NGB_OPTIONAL ||
		    (pkg->ngbo_main && pkg->ngbo_main->loader == LOADER_NGB_OPTIONAL);
	if (!ngbo && pkg->ngbo_main && pkg->ngbo_main->loader == LOADER_NODE_GYP_BUILD) {
		*why = arena_printf(a, "%s loads with node-gyp-build %s, which never looks at platform packages",
				    pkg->ngbo_main->name, ngb_v3(pkg->ngbo_main) ? "3.x" : "4.x");
		return USE_NOT_USED;
	}
	if (!ngbo) {
		const struct scan_file *w = scan_ngb_pick(a, pkg, t);
		if (w == f)
			return USE_LOADED;
		*why = w ? arena_printf(a, "node-gyp-build picks %s on this target", w->rel)
			 : "no node-gyp-build tuple or tags match this target";
		return USE_NOT_USED;
	}
	const struct scan_pkg *m = pkg->ngbo_main ? pkg->ngbo_main : pkg;
	const struct scan_file *w = ngbo_pick(a, m, t);
	if (w == f)
		return USE_LOADED;
	*why = w ? arena_printf(a, "node-gyp-build-optional-packages picks %s%s%s on this target",
				w->pkg && w->pkg != pkg ? w->pkg->name : "", w->pkg && w->pkg != pkg ? "/" : "", w->rel)
		 : "no build, prebuild or platform package file matches this target";
	return USE_NOT_USED;
}

static int ngbo_missing(struct arena *a, struct scan_pkg *pkg, const struct target *t, struct scan_missing *m)
{
	m->loader = LOADER_NGB_OPTIONAL;
	if (!pkg->name[0]) {
		/* packageName.toUpperCase() of undefined: not replayed */
		m->why = "the package.json has no name, which node-gyp-build-optional-packages needs";
		m->wanted = "a .node file";
		return 1;
	}
	struct ngb_env e;
	ngb_env_for(a, t, &e);
	if (own_pick(pkg, &e, true))
		return 0;
	enum resolved res;
	const char *pp;
	if (ngbo_platform_pick(a, pkg, t, &e, &res, &pp))
		return 0;
	m->wanted = pp;
	if (res == RES_DIR) {
		/* `return resolveFile(prebuildPackage)` returns undefined, and
		 * load() does require(undefined) */
		m->error = "The \"id\" argument must be of type string. Received undefined";
		m->code = "ERR_INVALID_ARG_TYPE";
		m->why = arena_printf(a, "%s's platform package %s is installed but has no file for %s (%s, ABI %d, %s)",
				      pkg->name, pp, t->arch, t->runtime, t->modules, e.libc);
		return 1;
	}
	if (res == RES_ODD) {
		m->why = arena_printf(a, "%s: how require.resolve('%s') answers (its \"exports\" or \"main\") is not replayed",
				      pkg->name, pp);
		return 1;
	}
	m->optional_absent = true;
	m->error = ngbo_no_build_error(a, pkg, t, pp);
	m->why = m->error
		? arena_printf(a, "%s loads its binary from the optional package %s, which is not installed "
			       "(optional dependencies skipped, or node_modules installed on another platform)",
			       pkg->name, pp)
		: arena_printf(a, "%s loads its binary from the optional package %s, which is not installed; %s",
			       pkg->name, pp, unknown_why(a, pkg, t));
	return 1;
}

static const char *unbuilt(struct arena *a, const struct scan_pkg *pkg, const char *what)
{
	return arena_printf(a, "%s needs a native addon (%s) and %s: its install script did not run "
			    "(--ignore-scripts), failed, or node_modules was copied from elsewhere",
			    pkg->name, pkg->native_why ? pkg->native_why : "its loader", what);
}

int scan_ngb_missing(struct arena *a, struct scan_pkg *pkg, const struct target *t, struct scan_missing *m)
{
	if (pkg->loader == LOADER_NGB_OPTIONAL && !pkg->ngbo_main)
		return ngbo_missing(a, pkg, t, m);
	if (pkg->ngbo_main)
		return 0;   /* judged through its main package */
	bool ngb_pkg = pkg->loader == LOADER_NODE_GYP_BUILD;
	for (size_t i = 0; i < pkg->files.n && !ngb_pkg; i++)
		ngb_pkg = pkg->files.v[i]->loader == LOADER_NODE_GYP_BUILD;
	if (!ngb_pkg)
		return -1;
	bool real_ngb = pkg->loader == LOADER_NODE_GYP_BUILD;
	if (pkg->files.n == 0) {
		/* judged by the napi-rs / platform-package code when it is one */
		if (pkg->napi_platform || pkg->platform_of || pkg->napi_main)
			return -1;
		m->loader = LOADER_NODE_GYP_BUILD;
		m->error = ngb_no_build_error(a, pkg, t);
		m->cause = "not-built";
		m->wanted = "build/Release/*.node or prebuilds/";
		m->why = unbuilt(a, pkg, m->error ? "neither a build nor a prebuild is installed"
					  : arena_printf(a, "neither a build nor a prebuild is installed (%s)",
							 unknown_why(a, pkg, t)));
		return 1;
	}
	if (scan_ngb_pick(a, pkg, t))
		return 0;
	/* prebuildify's layout read by the package's own code (node-pty):
	 * node-gyp-build's words would be invented */
	m->loader = real_ngb ? LOADER_NODE_GYP_BUILD : LOADER_UNKNOWN;
	m->error = real_ngb ? ngb_no_build_error(a, pkg, t) : NULL;
	m->why = arena_printf(a, "%s ships prebuilds, but none for %s-%s (%s, ABI %d), and there is no build/Release%s%s",
			      pkg->name, t->platform, t->arch, t->runtime, t->modules,
			      real_ngb && !m->error ? "; " : "", real_ngb && !m->error ? unknown_why(a, pkg, t) : "");
	m->wanted = real_ngb && ngb_v3(pkg) ? arena_printf(a, "prebuilds/%s%s-%s/", t->platform,
							    t->libc && !strcmp(t->libc, "musl") ? "musl" : "glibc", t->arch)
					    : arena_printf(a, "prebuilds/%s-%s/", t->platform, t->arch);
	return 1;
}
