/*
 * vmgr.h - Node version managers, from their own files (never run):
 * which executable the `node` on PATH really is when it is a shim (volta's
 * binary shim, asdf's and nodenv's shell scripts, mise's link), and which
 * Node versions are installed under each manager's directory (nvm, fnm,
 * volta, asdf, nodenv, n, mise).
 */
#ifndef AD_VMGR_H
#define AD_VMGR_H

#include <stdbool.h>

#include "../util/arena.h"

struct path_node {
	const char *found;    /* the `node` PATH gives (possibly a shim) */
	const char *manager;  /* "volta", "asdf", "nodenv", "mise", or NULL: not a shim */
	const char *real;     /* the executable it would run; NULL when not resolved */
	const char *how;      /* for a shim: how the version was chosen, in words */
	const char *why_not;  /* real == NULL: why, and what to do instead */
};

/*
 * The node a shell would run in dir: the first executable `node` on PATH;
 * a shim resolved with the manager's rules for a process started in dir.
 * A shim that defers to "system" continues the PATH search past its own
 * directory.  Returns 0 (out->found set; out->real may be NULL), or -1
 * when PATH has no node at all.
 */
int vmgr_node_on_path(struct arena *a, const char *dir, struct path_node *out);

struct installed_node {
	const char *manager;  /* "nvm", "fnm", "volta", "asdf", "nodenv", "n", "mise" */
	int v[3];
	const char *path;     /* .../bin/node */
};

#define VMGR_INSTALLED_MAX 256

/* Node versions installed under the managers' directories (their
 * documented layouts, with the environment overrides each honours). */
int vmgr_installed(struct arena *a, struct installed_node *out, int max);

#endif
