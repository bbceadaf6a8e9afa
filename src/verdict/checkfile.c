/*
 * checkfile.c - the one code path from (file, target) to a verdict, used by
 * `check` for the files it is given and by `scan` for every file a target's
 * loader would pick: loader simulation (loader/), then Node's own checks
 * (nodesteps.c node_stage, the next stage), then the words (verdict.c).  Each
 * target keeps one loader for the whole run, so every system library is
 * read once however many addons are checked.
 */
#include "verdict.h"

#include <string.h>
#include <sys/stat.h>

#include "../io/rfile.h"
#include "../report/json.h"

int verdict_target_init(struct arena *a, struct verdict_target *vt, const char *sysroot,
			const char **warn)
{
	const char *err = NULL;
	*warn = NULL;
	/* A sysenv that cannot be fully read still serves: the loader then
	 * says what it could not look at. */
	if (sysenv_init(a, &vt->env, &vt->t, sysroot, &err) == 0 && err)
		*warn = err;
	return loader_init(&vt->L, a, &vt->t, &vt->env);
}

void verdict_keep(struct arena *to, struct ld_result *r, struct verdict_words *w)
{
	r->outcome = arena_strdup(to, r->outcome);
	r->error = arena_strdup(to, r->error);
	r->code = arena_strdup(to, r->code);
	r->cause = arena_strdup(to, r->cause);
	r->subject = arena_strdup(to, r->subject);
	r->subject2 = arena_strdup(to, r->subject2);
	r->real = arena_strdup(to, r->real);
	r->shown = arena_strdup(to, r->shown);
	const char **ev = r->evidence.n ? arena_calloc(to, r->evidence.n, sizeof *ev) : NULL;
	for (size_t i = 0; ev && i < r->evidence.n; i++)
		ev[i] = arena_strdup(to, r->evidence.v[i]);
	r->evidence.v = ev;
	r->evidence.n = r->evidence.cap = ev ? r->evidence.n : 0;
	r->bin = NULL;
	memset(&r->deps, 0, sizeof r->deps);
	w->why = arena_strdup(to, w->why);
	w->fix = arena_strdup(to, w->fix);
	w->package = arena_strdup(to, w->package);
}

void verdict_target_close(struct verdict_target *vt)
{
	loader_close(&vt->L);
}

/*
 * node --no-addons (an image's NODE_OPTIONS): require() of a .node file
 * that resolves to a file reaches process.dlopen, and node_binding.cc
 * DLOpen throws before any dlopen() (THROW_ERR_DLOPEN_DISABLED, same text
 * on Node 16.10 to 24, checked by real runs in tests/t/image-platforms.sh).
 * The loader's finding stays in the evidence as what would happen without.
 */
static void addons_disabled(struct arena *a, const struct target *t, const char *path, struct ld_result *r)
{
	struct stat st;
	if (t->start_refused && !t->alt) {
		/* no require() ever runs: what the addon would do is not known */
		const char *was = r->outcome ? r->outcome : "unknown";
		r->outcome = "unknown";
		r->cause = "unknown";
		r->code = r->error = r->subject = r->subject2 = NULL;
		r->evidence.n = 0;
		ld_evidence(a, r, "node exits before any require(): %s", t->start_refused);
		ld_evidence(a, r, "without it: %s", was);
		return;
	}
	if (!t->addons_disabled || t->alt || stat(path, &st) != 0 || !S_ISREG(st.st_mode))
		return;
	const char *was = r->outcome ? r->outcome : "unknown";
	r->outcome = "throws";
	r->code = "ERR_DLOPEN_DISABLED";
	r->cause = "addons-disabled";
	r->error = "Cannot load native addon because loading addons is disabled.";
	r->subject = r->subject2 = NULL;
	r->by_reasoning = false;
	r->evidence.n = 0;
	ld_evidence(a, r, "%s: Node refuses every addon before loading it", t->addons_disabled);
	ld_evidence(a, r, "without --no-addons: %s", was);
}

void verdict_check_file(struct arena *a, struct verdict_target *vt, const char *path,
			struct ld_result *r, struct verdict_words *w)
{
	if (node_require_dir(a, path, r)) {
		verdict_explain(a, &vt->t, r, w);
		return;
	}
	loader_predict(&vt->L, a, path, r);
	node_stage(a, &vt->t, r);
	addons_disabled(a, &vt->t, path, r);
	if (rf_budget_spent()) {
		/* Reads failed because the run's budget ran out, not because of
		 * the file: any verdict drawn from them would be invented. */
		const char *real = r->real;
		memset(r, 0, sizeof *r);
		r->real = real;
		r->outcome = "unknown";
		r->cause = "unknown";
		ld_evidence(a, r, "not read: the run's read budget of %llu bytes is spent (ADDON_DOCTOR_READ_BUDGET)",
			    (unsigned long long)rf_budget_total());
	}
	verdict_explain(a, &vt->t, r, w);
}

void verdict_json_fields(struct jw *w, const char *path, const struct target *t,
			 const struct ld_result *r, const struct verdict_words *vw)
{
	jw_kstr(w, "path", path);
	jw_kstr(w, "real_path", r->real);
	jw_kstr(w, "target", t->spec);
	jw_kstr(w, "outcome", r->outcome);
	jw_kstr(w, "error", r->error);
	jw_kstr(w, "code", r->code);
	jw_kstr(w, "cause", r->cause);
	jw_kstr(w, "why", vw->why);
	jw_kstr(w, "fix", vw->fix);
	jw_kstr(w, "package", vw->package);
	jw_key(w, "evidence");
	jw_arr(w);
	for (size_t i = 0; i < r->evidence.n; i++)
		jw_str(w, r->evidence.v[i]);
	jw_arr_end(w);
	jw_kbool(w, "by_reasoning", r->by_reasoning);
}
