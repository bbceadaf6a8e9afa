/*
 * loader_bindings.c - the `bindings` package's search (TooTallNate/node-
 * bindings bindings.js, v1.3.0 to v1.5.0, read for facts): which file
 * require('bindings')('<name>') loads, or the error it throws.
 *
 * Releases before 1.4.0 (1.2.x, 1.3.x: libxmljs 1.x pins ~1.3.0) list the
 * first 9 patterns only: addon-build/ and lib/binding/ came with 1.4.0.
 *
 * bindings joins module_root (the nearest directory above the calling file
 * holding a package.json or a node_modules; for a package, its realpath,
 * since Node reports real file names) with 13 fixed patterns, and
 * require()s each in turn.  A candidate that is absent throws
 * MODULE_NOT_FOUND and the next one is tried; any other error (a dlopen
 * failure) propagates.  So the first candidate that exists is the file,
 * whatever happens when it loads.  When none exists:
 *   Error: Could not locate the bindings file. Tried:
 *    → <candidate 1>
 *    ...
 * with no err.code.  The name gets ".node" appended unless it ends so.
 */
#include "scan.h"

#include <string.h>

#include "../util/jsonread.h"

/* The number of patterns of the bindings that pkg resolves: 9 for 1.2.x
 * and 1.3.x (read: 1.2.1, 1.3.0, 1.3.1), else (1.4.0 to 1.5.0, or not
 * readable) 13. */
static size_t patterns_of(struct arena *a, const struct scan_pkg *pkg)
{
	const char *dir = pkg && pkg->dir_real ? scan_resolve_dir(a, pkg->dir_real, "bindings") : NULL;
	size_t len;
	char *pj = dir ? scan_read_small(a, arena_printf(a, "%s/package.json", dir), 1u << 20, &len) : NULL;
	const struct jv *j = pj ? json_parse(a, pj, len) : NULL;
	const char *v = j ? jv_get_str(j, "version") : NULL;
	if (v && (!strncmp(v, "1.2.", 4) || !strncmp(v, "1.3.", 4)))
		return 9;
	return BINDINGS_CANDIDATES;
}

size_t scan_bindings_candidates(struct arena *a, const struct scan_pkg *pkg, const char *name,
				const struct target *t, const char **out, size_t cap)
{
	if (!name || !*name || cap < BINDINGS_CANDIDATES)
		return 0;
	size_t patterns = patterns_of(a, pkg);
	size_t nl = strlen(name);
	const char *file = nl >= 5 && !strcmp(name + nl - 5, ".node") ? name : arena_printf(a, "%s.node", name);
	/* process.versions.node: for Electron, the Node inside it
	 * (data/electron-node.tsv, exact releases); when that is not known
	 * the candidate says so */
	const char *nodever = !strcmp(t->runtime, "node") ? t->version : NULL;
	if (!nodever && !strcmp(t->runtime, "electron"))
		nodever = scan_electron_node(a, t->version);
	if (!nodever)
		nodever = "<node version>";
	const char *npg = arena_printf(a, "node-v%d-%s-%s", t->modules, t->platform, t->arch);
	const char *dirs[BINDINGS_CANDIDATES] = {
		"build", "build/Debug", "build/Release", "out/Debug", "Debug", "out/Release", "Release",
		"build/default", arena_printf(a, "compiled/%s/%s/%s", nodever, t->platform, t->arch),
		"addon-build/release/install-root", "addon-build/debug/install-root",
		"addon-build/default/install-root", arena_printf(a, "lib/binding/%s", npg),
	};
	size_t n = 0;
	for (size_t i = 0; i < patterns; i++)
		if (dirs[i] && file)
			out[n++] = arena_printf(a, "%s/%s", dirs[i], file);
	return n;
}

const char *scan_bindings_error(struct arena *a, const char *root_real, const char *const *cands, size_t n)
{
	size_t len = 64;
	for (size_t i = 0; i < n; i++)
		len += strlen(root_real) + strlen(cands[i]) + 8;
	char *msg = arena_alloc(a, len);
	if (!msg)
		return NULL;
	strcpy(msg, "Could not locate the bindings file. Tried:");
	for (size_t i = 0; i < n; i++) {
		strcat(msg, "\n \xe2\x86\x92 ");  /* opts.arrow: " → " */
		strcat(msg, root_real);
		strcat(msg, "/");
		strcat(msg, cands[i]);
	}
	return msg;
}
