/*
 * target.h - the runtime an addon is checked against: which Node (or
 * Electron) release, on which platform, arch and libc, and - when a real
 * Node executable was read - what that executable exports and loads.
 *
 * Specs: "node@22.3.0", "node@22", "electron@31", optionally followed by
 * "/PLATFORM-ARCH[-LIBC]" ("node@20/linux-arm64-musl", "electron@30/darwin-arm64",
 * "node@18/win32-x64").  A spec without a platform means this machine's.
 */
#ifndef AD_TARGET_H
#define AD_TARGET_H

#include <stdbool.h>

#include "../util/arena.h"
#include "host.h"
#include "nodebin.h"

struct target {
	const char *spec;        /* as the user wrote it, or "node on PATH (/usr/bin/node)" */
	const char *runtime;     /* "node" or "electron" */
	char version[24];        /* "22.3.0"; Electron: its version */
	int modules;             /* NODE_MODULE_VERSION it requires */
	int napi;                /* highest Node-API level, -1 unknown */
	const char *platform;    /* process.platform: linux, darwin, win32, freebsd */
	const char *arch;        /* process.arch: x64, arm64, ia32, arm, ... */
	const char *libc;        /* "glibc" / "musl" on linux, else NULL */
	bool host;               /* same platform/arch/libc as this machine */
	struct node_binary *node;/* the executable read (--node or PATH), or NULL */
	const char *argv0;       /* how node is invoked: ld.so prefixes fatal errors with it */
	const struct alt_runtime *alt; /* Bun or Deno (runtime/altruntime.h), else NULL */
	/* Node runs with --no-addons (an image's NODE_OPTIONS, cli/scan_image.c):
	 * why, in words; every addon then throws ERR_DLOPEN_DISABLED.  NULL: not. */
	const char *addons_disabled;
	/* Node would exit before running anything (an image's NODE_OPTIONS it
	 * rejects): what it prints; every outcome is then unknown.  NULL: not. */
	const char *start_refused;
};

/* Parses a spec.  Returns 0, or -1 with *err ("unknown Node.js version 99"). */
int target_parse(struct arena *a, const char *spec, struct target *t, const char **err);

/* Models the node executable at path (read, never run). */
int target_from_node(struct arena *a, const char *path, const char *argv0,
		     struct target *t, const char **err);
/* The same for a node that belongs to the tree sysroot (--sysroot, an
 * image; NULL: this machine): its libnode is looked for there. */
int target_from_node_in(struct arena *a, const char *path, const char *argv0, const char *sysroot,
			struct target *t, const char **err);

/* The node found on PATH, read.  -1 with *err when there is none. */
int target_default(struct arena *a, struct target *t, const char **err);
/* The same for a process started in dir: a version manager's shim on PATH
 * resolves with that directory's pins (runtime/vmgr.h). */
int target_default_in(struct arena *a, const char *dir, struct target *t, const char **err);

/* This machine: runtime/host.h. */

/*
 * Highest Node-API level of a Node release by the documented version matrix
 * (n-api.md "Node-API version matrix"), for when the ABI table has no row.
 */
int napi_level_for_node(const char *version);

/*
 * NULL when the tables know Node release "version" (as abi_node_release
 * resolved it: "22.3.0", "22.3.x"); else why not, e.g. "Node.js 22.99.0 is
 * not a release addon-doctor knows: the newest known 22.x is 22.23.3 ...".
 */
const char *target_node_unknown(struct arena *a, const char *version);

/*
 * NULL when "version" (an --target electron@ version as written) is a
 * line ("31", "31.2"), a release data/electron-node.tsv knows, a
 * prerelease, or of a line it has no release of; else why not: "Electron
 * 31.99.0 is not a release
 * addon-doctor knows (... the newest known 31.x is 31.7.7) ...".
 */
const char *target_electron_unknown(struct arena *a, const char *version);

/* Does this Node release read node_api_module_get_api_version_v1 (and so
 * crash on a declared level above its own, loader-facts §1.5)? */
bool node_checks_declared_napi(const struct target *t);

#endif
