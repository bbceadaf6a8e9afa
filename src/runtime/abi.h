/*
 * abi.h - the runtime tables: Node release -> NODE_MODULE_VERSION and
 * Node-API level, Electron release -> ABI.
 *
 * Data lives in data/node-releases.tsv and data/electron-abi.tsv (each names
 * its upstream source; tools/refresh-abi.sh regenerates them) and is
 * embedded at build time.  Functions here never allocate and never print.
 */
#ifndef AD_ABI_H
#define AD_ABI_H

#include <stdbool.h>
#include <stddef.h>

struct node_release {
	char version[24];   /* "22.3.0" (no leading v) */
	int modules;        /* NODE_MODULE_VERSION (process.versions.modules) */
	int napi;           /* highest Node-API version (process.versions.napi), -1 unknown */
};

struct electron_release {
	char version[24];   /* first version of that ABI row, e.g. "31.0.0" */
	int modules;
};

/*
 * Resolves a Node version spec: "22" or "v22" (newest known of the major),
 * "22.3" (newest known of that minor), "22.3.0" (exact; when the exact
 * release is not in the table, the row of the newest release <= it in the
 * same major is used, since NODE_MODULE_VERSION never changes inside a
 * release line).  False when the major is unknown.
 */
bool abi_node_release(const char *spec, struct node_release *out);

/* "31", "31.2.0": the ABI of that Electron release.  False when unknown. */
bool abi_electron_release(const char *spec, struct electron_release *out);

/*
 * Human words for an ABI number: "Node.js 20.x", "Electron 29",
 * "Node.js 20.x or Electron 26" ... written into buf.  Returns buf, or
 * "an unknown runtime (NODE_MODULE_VERSION N)" when no row has N.
 */
const char *abi_describe(int modules, char *buf, size_t cap);

/* --- listing the tables (added for `addon-doctor abi`, issue 7) --------- */

/* One row of data/node-releases.tsv or data/electron-abi.tsv. */
struct abi_row {
	bool electron;
	char version[24];   /* "22.14.0", "16.0.0-pre", "31.0.0-beta.7" */
	int modules;
	int napi;           /* Node rows: highest Node-API from this version (0 none), else -1 */
	char kind[12];      /* node: line napi last future pre variant; electron: release future */
	char note[160];
};

/* Walks one table in file order (ascending version).  No allocation. */
struct abi_iter {
	const char *p, *end;
	bool electron;
};
void abi_iter_init(struct abi_iter *it, bool electron);
bool abi_iter_next(struct abi_iter *it, struct abi_row *out);

/*
 * Compares two versions "a.b.c[-pre]" numerically, a prerelease before its
 * release, prerelease identifiers as semver does.  Missing parts are 0.
 */
int abi_version_cmp(const char *a, const char *b);

#endif
