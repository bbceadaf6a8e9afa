/*
 * pins.h - the Node versions a project pins, read from the files version
 * managers and package managers read: .nvmrc (nvm, fnm), .node-version
 * (nodenv, fnm, mise), .tool-versions (asdf, mise), package.json
 * engines.node (npm, pnpm, yarn), volta.node (volta) and
 * devEngines.runtime (npm 10.9+).  Read, never run; each pin says what it
 * means as an npm range, or plainly why it could not be understood.
 */
#ifndef AD_PINS_H
#define AD_PINS_H

#include <stdbool.h>

#include "../util/arena.h"

#define PINS_MAX 8

struct pin {
	const char *source;  /* ".nvmrc", "package.json engines.node", ... */
	const char *file;    /* the file it was read from */
	const char *raw;     /* as written there */
	const char *range;   /* an npm range it means ("20.x", "^18.17.0"), NULL if not understood */
	const char *why;     /* when range is NULL: why (an unknown alias, not a range) */
	bool system;         /* "system": the manager defers to the node on PATH */
};

/*
 * The pins that apply to a project in dir: version files from dir upward
 * (the first of each name, as nvm/nodenv/asdf search), the fields of
 * dir/package.json.  Returns how many were written to out (at most max).
 */
int pins_read(struct arena *a, const char *dir, struct pin *out, int max);

/*
 * What a version file's text means ("lts/iron", "node", "v20.1", "system"):
 * an npm range, or NULL with *why.  nvm's aliases come from data/node-lts.tsv.
 */
const char *pins_alias_range(struct arena *a, const char *text, bool *system, const char **why);

/* Walks up from dir (at most 64 levels) for a file called name; the first
 * found, or NULL. */
const char *pins_find_up(struct arena *a, const char *dir, const char *name);

/* The versions of the first "nodejs" (asdf) or "node" (mise) line of a
 * .tool-versions, as written (space-separated, comments cut), or NULL. */
const char *pins_tool_versions(struct arena *a, const char *path);

/* Cuts an absolute, canonical path to its parent in place ("/a/b" ->
 * "/a" -> "/"); false at "/" (every walk up from a project stops there). */
bool pins_parent(char *cur);

/* The first word of a small text file, comments ('#') and blank lines
 * skipped; NULL when the file is absent or empty. */
const char *pins_first_word(struct arena *a, const char *path);

#endif

/* One pin weighed against the node that would run (see pins_check). */
struct pin_check {
	struct pin pin;
	int satisfied;          /* 1 the node satisfies it, 0 not, -1 not decidable (pin.why) */
	char version[24];       /* the release to check against too ("18.20.8"), "" none */
	const char *node_path;  /* an installed copy of it (version managers' dirs), or NULL: the tables */
	const char *installed_by; /* "nvm", "volta", ... with node_path */
};

/*
 * The project's pins against node_version (the version of the node that
 * would run; NULL when there is none): for each pin it does not satisfy,
 * the newest installed copy that does (runtime/vmgr.h), else the newest
 * release the tables know that does.  Returns how many were written.
 */
int pins_check(struct arena *a, const char *dir, const char *node_version, struct pin_check *out, int max);
