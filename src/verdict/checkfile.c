/*
 * checkfile.c - the one code path from (file, target) to a verdict, used by
 * `check` for the files it is given and by `scan` for every file a target's
 * loader would pick: loader simulation (loader/), Node's own checks
 * (nodesteps.c, called by the loader) and the words (verdict.c).  Each
 * target keeps one loader for the whole run, so every system library is
 * read once however many addons are checked.
 */
#include "verdict.h"

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

void verdict_check_file(struct arena *a, struct verdict_target *vt, const char *path,
			struct ld_result *r, struct verdict_words *w)
{
	loader_predict(&vt->L, path, r);
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
