/*
 * abi.h - the runtime tables: Node release -> NODE_MODULE_VERSION and
 * Node-API level, Electron release -> ABI.
 *
 * Data lives in data/node-releases.tsv and data/electron-abi.tsv (each names
 * its upstream source; tools/refresh-abi.sh regenerates them), and
 * data/electron-node.tsv (Electron release -> its Node and Node-API level;
 * tools/refresh-electron-node.sh), embedded at build time.  Functions here
 * never allocate and never print.
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

/* One row of data/electron-node.tsv: a known Electron release. */
struct electron_node {
	char version[40];   /* "31.0.0", "31.0.0-beta.8", "2.1.0-unsupported.20180809" */
	char node[24];      /* its process.versions.node, "" when unknown */
	int napi;           /* its process.versions.napi: 0 none, -1 unknown */
};

/*
 * The exact Electron release "version" ("31.0.0"; a leading "v" or
 * "electron@" is skipped).  False when it is not a release the table
 * knows; true with node "" and napi -1 for a release whose Node is unknown.
 */
bool abi_electron_node(const char *version, struct electron_node *out);

/*
 * The Node-API level an Electron target has: for an exact release its row;
 * for "31" or "31.2" the level every known release (prereleases aside) of
 * that major or minor shares.  -1 when unknown: no row, a release whose
 * Node is unknown, or releases that differ.
 */
int abi_electron_napi(const char *spec);

/*
 * The newest known release (prereleases aside) of the Electron line of
 * "version" (its major; 0.x and 1.x: major.minor, as electron-abi.tsv
 * counts them) into buf.  False when the table has no release of it.
 */
bool abi_electron_newest(const char *version, char *buf, size_t cap);

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
