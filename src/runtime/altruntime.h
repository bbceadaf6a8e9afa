/*
 * altruntime.h - Bun and Deno as targets.  Both load Node-API addons
 * through their own dlopen() path; what each release implements (its
 * exports, the registrations it accepts, the code and text of a failed
 * load) was measured on npm's binaries, per platform (linux-x64-glibc,
 * linux-arm64-glibc), into data/bun-*.tsv and data/deno-*.tsv
 * (tools/refresh-alt-runtimes.sh).
 *
 *   --target bun@1.x, bun@1.2, bun@1.1.38, deno@2.x, deno@2.9.6
 *            [/linux-x64[-glibc] | /linux-arm64[-glibc]]
 *   --node PATH, where PATH is a bun or deno executable (read, never run;
 *            its platform is the binary's: machine and interpreter)
 */
#ifndef AD_ALTRUNTIME_H
#define AD_ALTRUNTIME_H

#include <stdbool.h>
#include <stdint.h>

#include "../io/rfile.h"
#include "../util/arena.h"

struct target;
struct node_binary;

/* What a runtime does with an addon whose constructor calls node_module_register. */
enum alt_legacy {
	ALT_LEGACY_NONE,      /* does not export node_module_register: the call cannot bind */
	ALT_LEGACY_ABI_CHECK, /* compares nm_version with its NODE_MODULE_VERSION (Bun 1.1.38+) */
	ALT_LEGACY_REFUSE,    /* rejects every legacy addon with its own message (Deno 2.8+) */
};

/* One measured release: a row of data/<kind>-releases.tsv. */
struct alt_release {
	char version[24];     /* "1.4.5" */
	char platform[32];    /* "linux-arm64-glibc": the binary it was measured on */
	char node[24];        /* process.versions.node it reports */
	int modules;          /* process.versions.modules */
	int napi;             /* process.versions.napi */
	bool dlopen_code;     /* a failed dlopen() throws with code ERR_DLOPEN_FAILED */
	bool path_suffix;     /* dlerror() text followed by "\n  path: FILE" */
	enum alt_legacy legacy;
	const char *needed;   /* its DT_NEEDED libraries, space-separated */
};

struct alt_runtime {
	const char *kind;     /* "bun" or "deno" */
	const char *name;     /* "Bun" or "Deno" */
	char version[24];     /* the release asked for or read from the binary */
	struct alt_release rel; /* the measured row it behaves as */
	bool measured;        /* version == rel.version, on rel.platform */
	/* --node read a bun or deno of a platform no row was measured on (the
	 * musl builds): its steps are unknown; rel is the same release (or
	 * nearest) measured elsewhere, for process.versions only. */
	bool platform_unmeasured;
	const char *why;      /* how it was identified, in words */
};

/*
 * target_parse's hook: 0 when spec is not bun@... or deno@... (nothing
 * touched), 1 when t was filled, -1 with *err.
 */
int altrt_target_parse(struct arena *a, const char *spec, struct target *t, const char **err);

/*
 * nodebin_read's hook: is the executable (its read-only data at
 * [off, off+len)) a bun or a deno?  Then fills out (version, modules,
 * napi, why, alt) and returns true.
 */
bool altrt_identify(struct rfile *rf, uint64_t off, uint64_t len, struct arena *a,
		    struct node_binary *out);

/* target_from_node's hook: a bun or deno read by --node becomes that runtime. */
void altrt_from_node(struct arena *a, struct target *t);

#endif
