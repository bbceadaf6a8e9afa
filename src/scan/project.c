/*
 * project.c - the whole project on every target: each file a target's
 * loader picks goes through check's pipeline (scan_verdict), each package
 * whose loader finds nothing gets the loader's own error (select.c), and a
 * package that catches its addon's failure falls back to JavaScript.  The
 * results are data for the fix plan (plan.c) and the reports
 * (report/scan_report.c); nothing here prints.
 */
#include "scan.h"

#include <string.h>

#include "../util/jsonread.h"

const char *const scan_status_word[ST_COUNT] = {
	"loads", "fails", "not-used", "missing", "unknown", "falls-back",
};

bool scan_is_problem(enum scan_status st)
{
	return st == ST_FAILS || st == ST_MISSING || st == ST_UNKNOWN;
}

bool scan_falls_back(const struct scan_pkg *p)
{
	for (int hops = 0; p && hops < 4; hops++) {
		if (p->js_fallback)
			return true;
		p = p->platform_of ? p->platform_of : p->ngbo_main;
	}
	return false;
}

bool scan_belongs_to(const struct scan_pkg *q, const struct scan_pkg *p)
{
	for (int hops = 0; q && hops < 4; hops++) {
		if (q == p)
			return true;
		q = q->platform_of ? q->platform_of : q->ngbo_main;
	}
	return false;
}

size_t scan_addon_packages(const struct scan_run *r)
{
	size_t n = 0;
	for (size_t i = 0; i < r->pkgs.all.n; i++)
		n += r->pkgs.all.v[i]->files.n > 0;
	return n;
}

const char *scan_target_platform(struct arena *a, const struct target *t)
{
	return arena_printf(a, "%s-%s%s%s", t->platform, t->arch, t->libc ? "-" : "", t->libc ? t->libc : "");
}

/*
 * The Electron version a project runs its addons in: the project depends
 * on "electron" and node_modules/electron is installed (its package.json
 * version).  @electron/rebuild's users expect that Electron to be the
 * target, beside node for build scripts and tests.
 */
const char *scan_project_electron(struct arena *a, const char *dir)
{
	size_t len = 0;
	char *pj = scan_read_small(a, arena_printf(a, "%s/package.json", dir), (size_t)4 << 20, &len);
	struct jv *root = pj ? json_parse(a, pj, len) : NULL;
	bool dep = false;
	static const char *const fields[] = { "dependencies", "devDependencies", "optionalDependencies" };
	for (size_t i = 0; root && i < 3; i++) {
		const struct jv *d = jv_get(root, fields[i]);
		dep |= d && d->type == JV_OBJ && jv_get(d, "electron");
	}
	if (!dep)
		return NULL;
	char *ej = scan_read_small(a, arena_printf(a, "%s/node_modules/electron/package.json", dir), (size_t)1 << 20, &len);
	struct jv *e = ej ? json_parse(a, ej, len) : NULL;
	const char *v = e ? jv_get_str(e, "version") : NULL;
	return v && *v >= '1' && *v <= '9' ? v : NULL;
}

int scan_run_results(struct scan_run *r)
{
	for (size_t t = 0; t < r->ntargets; t++) {
		const struct target *tg = &r->targets[t].t;
		for (size_t i = 0; i < r->tree.files.n; i++) {
			struct scan_file *f = &r->tree.files.v[i];
			struct scan_result *x = VEC_PUSH(&r->a, &r->res);
			if (!x)
				return -1;
			x->f = f;
			x->pkg = f->pkg;
			x->target = t;
			if (scan_select(&r->a, f, tg, &x->not_used_why) == USE_NOT_USED) {
				x->st = ST_NOT_USED;
				continue;
			}
			/* the file's model lives in a scratch arena; the report
			 * keeps only its texts, so memory stays flat in the
			 * number of addons */
			struct arena fa;
			arena_init(&fa);
			scan_verdict(&fa, &r->targets[t], f, &x->v, &x->w);
			verdict_keep(&r->a, &x->v, &x->w);
			arena_release(&fa);
			/* loads-then-crashes: require() returns; a symbol bound on
			 * first call is missing, on a path the package may never
			 * take (lmdb on Node 22): a warning in the table, not a
			 * failure of require() */
			x->st = !strcmp(x->v.outcome, "loads") || !strcmp(x->v.outcome, "loads-then-crashes") ? ST_LOADS :
				!strcmp(x->v.outcome, "unknown") ? ST_UNKNOWN : ST_FAILS;
			if (x->st == ST_FAILS && (scan_falls_back(f->pkg) || scan_custom_caught(&r->a, f, tg)))
				x->st = ST_FALLBACK;
		}
		for (size_t i = 0; i < r->pkgs.all.n; i++) {
			struct scan_missing m;
			if (!scan_find_missing(&r->a, &r->pkgs, r->pkgs.all.v[i], tg, &m))
				continue;
			struct scan_result *x = VEC_PUSH(&r->a, &r->res);
			if (!x)
				return -1;
			x->pkg = r->pkgs.all.v[i];
			x->target = t;
			x->st = scan_falls_back(x->pkg) || m.caught ? ST_FALLBACK : ST_MISSING;
			x->m = m;
		}
	}
	return 0;
}

/* The result that decides require(p) on target t: the worst of its own and
 * its platform packages' (a failing file, a missing one, unknown, loads);
 * of two files as bad, the one the package's code requires first (node
 * stops at the first that throws: lz4 0.6's xxhash.node before lz4.node),
 * else the first found. */
static const struct scan_result *decisive(const struct scan_run *r, const struct scan_pkg *p, size_t t)
{
	const struct scan_result *pick = NULL;
	int rank = -1;
	for (size_t i = 0; i < r->res.n; i++) {
		const struct scan_result *x = &r->res.v[i];
		if (x->target != t || !scan_belongs_to(x->pkg, p) || x->st == ST_NOT_USED)
			continue;
		int k = x->st == ST_FAILS ? 5 : x->st == ST_MISSING ? 4 : x->st == ST_FALLBACK ? 3 :
			x->st == ST_UNKNOWN ? 2 : 1;
		if (k > rank || (k == rank && x->f && pick->f && scan_required_first(x->f) < scan_required_first(pick->f))) {
			rank = k;
			pick = x;
		}
	}
	return pick;
}

static const char *require_word(const struct scan_result *x)
{
	return x->st == ST_LOADS ? "loads" : x->st == ST_FALLBACK ? "falls-back" :
	       x->st == ST_UNKNOWN ? "unknown" :
	       x->st == ST_MISSING ? (x->m.error ? "throws" : "unknown") :
	       !strcmp(x->v.outcome, "crashes") ? "crashes" : "throws";
}

bool scan_package_outcome(struct scan_run *r, const struct scan_pkg *p, size_t t, struct scan_pkg_outcome *o)
{
	memset(o, 0, sizeof *o);
	if (p->platform_of || p->ngbo_main || !p->name[0])
		return false;
	o->pick = decisive(r, p, t);
	if (o->pick) {
		const struct scan_result *x = o->pick;
		o->require = require_word(x);
		o->error = x->f ? x->v.error : x->m.error;
		o->code = x->f ? x->v.code : x->m.code;
		o->why = x->f ? x->w.why : x->m.why;
		/* a package-specific loader that quotes the file's failure in its
		 * own text (sharp): loader_custom.c */
		const char *fwhy = NULL;
		if (x->f && x->st == ST_FAILS && !strcmp(o->require, "throws") &&
		    scan_custom_wrap(&r->a, x->pkg, x->f, &r->targets[t].t, &o->error, &o->code, &fwhy) < 0) {
			o->require = "unknown";
			o->error = o->code = NULL;
		}
		if (fwhy)
			o->why = fwhy;
		return true;
	}
	/* No addon of its own: a package that require()s a native one inside
	 * a try whose catch swallows the failure (msgpackr -> msgpackr-extract)
	 * loads it when it works and runs without it when it does not. */
	for (size_t i = 0; i < p->soft_requires.n; i++) {
		const char *at = scan_resolve_dir(&r->a, p->dir_real, p->soft_requires.v[i]);
		for (size_t j = 0; at && j < r->pkgs.all.n; j++) {
			const struct scan_pkg *q = r->pkgs.all.v[j];
			if (strcmp(q->name, p->soft_requires.v[i]) || strcmp(q->dir_real, at))
				continue;
			const struct scan_result *x = decisive(r, q, t);
			if (!x)
				continue;
			o->pick = x;
			o->via = q;
			o->require = x->st == ST_LOADS ? "loads" : "falls-back";
			o->error = x->f ? x->v.error : x->m.error;
			o->code = x->f ? x->v.code : x->m.code;
			o->why = x->f ? x->w.why : x->m.why;
			return true;
		}
	}
	return false;
}
