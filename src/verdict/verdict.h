/*
 * verdict.h - the per-(file, target) pipeline shared by `check` and `scan`:
 * a target made ready once (its system and a loader whose library cache
 * serves every file of the run), the loader simulation plus Node's own
 * checks on one file, and the result turned into words: why it happens (ABI
 * numbers translated into runtimes), and the one command or action that
 * fixes it, naming the package that owns the file (nearest package.json).
 */
#ifndef AD_VERDICT_H
#define AD_VERDICT_H

#include "../loader/loader.h"

struct jw;

struct verdict_words {
	const char *why;
	const char *fix;
	const char *package;   /* owning package name, or NULL */
};

void verdict_explain(struct arena *a, const struct target *t, const struct ld_result *r,
		     struct verdict_words *w);

/*
 * One target ready to check files against.  Fill `t` (target_parse,
 * target_from_node or target_default), then verdict_target_init().  The
 * loader points into the struct: it must not move afterwards.
 */
struct verdict_target {
	struct target t;
	struct sysenv env;
	struct loader L;
};

/*
 * Reads the target's system (this machine, or sysroot when not NULL) and
 * builds its loader.  *warn gets a problem that was worked around (a
 * sysroot without a loader cache...), else NULL.  Returns 0, -1 when out
 * of memory.
 */
int verdict_target_init(struct arena *a, struct verdict_target *vt, const char *sysroot,
			const char **warn);

/*
 * Copies what a report needs of r and w (every text and the evidence) into
 * `to`, and drops the rest (the addon model, the dependency walk), so a
 * caller that keeps many results can release each file's arena at once.
 */
/*
 * The stage after the loader (nodesteps.c): for an addon dlopen() would
 * load, Node's own steps (registration, NODE_MODULE_VERSION, entry point,
 * Node-API level), then what the loader left pending (a lazily bound
 * missing symbol).  Anything else is left as the loader said.
 */
void node_stage(struct arena *a, const struct target *t, struct ld_result *r);
/* After a runtime's own steps let the addon load: what the loader left
 * pending (a lazily bound missing symbol) becomes the outcome, and its
 * evidence is kept.  Shared by node_stage and altsteps.c's alt_stage. */
void stage_apply_pending(struct arena *a, struct ld_result *r);

/* Node's step before dlopen: require() of a directory resolves as a
 * package or throws MODULE_NOT_FOUND.  Returns true (and fills r) when
 * path is a directory. */
bool node_require_dir(struct arena *a, const char *path, struct ld_result *r);

void verdict_keep(struct arena *to, struct ld_result *r, struct verdict_words *w);

/* Closes what the target's loader keeps open (lookup files). */
void verdict_target_close(struct verdict_target *vt);

/* What require(path) does on vt's runtime: the loader, Node's steps, words.
 * Everything about this file is allocated from a, which the caller may
 * release once it has used r and w. */
void verdict_check_file(struct arena *a, struct verdict_target *vt, const char *path,
			struct ld_result *r, struct verdict_words *w);

/*
 * Writes check's JSON fields for one (file, target) into an open object, in
 * check's order: path, real_path, target, outcome, error, code, cause, why,
 * fix, package, evidence, by_reasoning (docs/causes.md).
 */
void verdict_json_fields(struct jw *w, const char *path, const struct target *t,
			 const struct ld_result *r, const struct verdict_words *vw);

#endif
