/*
 * loader.h - simulates the dynamic loader a target runtime would use on an
 * addon (glibc ld.so, musl, dyld, the Windows loader), in the loader's own
 * order, stopping where it stops, without loading or running anything.
 *
 * One struct loader per (target, system) serves many addons: every library
 * it reads is parsed once and kept (ld_obj cache), including the node
 * executable's own dependency closure, which the process has loaded before
 * any addon.
 */
#ifndef AD_LOADER_H
#define AD_LOADER_H

#include <stdbool.h>

#include "../io/rfile.h"
#include "../model/binary.h"
#include "../runtime/syslibs.h"
#include "../runtime/target.h"

/* One file the loader opened (or, for a foreign base system, assumed). */
struct ld_obj {
	const char *name;       /* l_name: the path as the loader found it (target view) */
	const char *host;       /* the file read on this machine, NULL when assumed */
	const char *soname;
	struct binary *bin;     /* NULL when assumed or unparsable */
	bool assumed;           /* part of the target's base system, not read */
	bool preloaded;         /* loaded by the node process before any addon */
	const char **defs;      /* sorted "name" or "name@VER" of defined globals */
	size_t ndefs;
	bool defs_built;
	VEC(const char *) aliases; /* DT_NEEDED names it was loaded under */
	/* lookups by hash (ELF objects parsed as libraries): the file, opened
	 * on first use, and its hash table, read once */
	struct rfile lk_rf;
	bool lk_open, lk_tried;
	struct elf_symindex *lk_idx;
};

struct ld_dep;
struct objvec { struct ld_obj **v; size_t n, cap; };
struct depvec { struct ld_dep **v; size_t n, cap; };

/* One DT_NEEDED edge as the loader resolved it. */
struct ld_dep {
	const char *name;          /* as written in DT_NEEDED */
	struct ld_obj *from;       /* the object that needs it */
	struct ld_obj *obj;        /* NULL: not found */
	const char *rule;          /* how it was found, in words */
	const char *fatal;         /* not found because a candidate ended the search:
	                            * "PATH: file too short" (ld.so's text) */
	VEC(const char *) tried;   /* "PATH (why)" for every candidate looked at */
	int depth;
};

struct ld_result {
	const char *outcome;   /* loads, throws, crashes, loads-then-crashes, unknown */
	const char *error;     /* what err.message (or the fatal text) would be, or NULL */
	const char *code;      /* "ERR_DLOPEN_FAILED" or NULL */
	const char *cause;     /* stable id, docs/causes.md */
	const char *subject;   /* what failed: a library, a symbol, a version */
	const char *subject2;  /* the provider / requirer, when there is one */
	bool by_reasoning;     /* no real run of this loader backs the texts */
	const char *real;      /* the addon path as require() resolves it */
	const char *shown;     /* as Node prints it when not real (win32: \\?\Z:\...) */
	struct binary *bin;    /* the addon model, NULL when not parsable */
	VEC(const char *) evidence;
	struct depvec deps;       /* breadth-first, as the loader walks them */
	/* What the loader leaves to the stage after it (verdict/nodesteps.c
	 * node_stage), applied only when Node's own steps let the addon load:
	 * a lazily bound symbol no object defines, and evidence lines. */
	struct ld_after {
		bool lazy;
		const char *cause, *error, *subject, *subject2;
		VEC(const char *) evidence;
	} after;
};

struct loader {
	struct arena *a;               /* long-lived: cached objects */
	struct arena *ra;              /* the current addon's result and search */
	unsigned lookup_files;         /* objects with lk_rf open */
	const struct target *t;
	const struct sysenv *env;
	struct ld_obj *exe;            /* the node executable, NULL when not read */
	struct objvec objs;            /* every object read: the cache */
	struct objvec global;          /* exe + its closure, in load order */
	struct depvec global_deps;     /* the closure's DT_NEEDED edges, breadth-first
	                                * (runtime/nodescope.c: can node start at all) */
	VEC(const char *) setup_notes; /* how the global scope was built */
	bool lazy_enabled;             /* RTLD_LAZY is honoured (no LD_BIND_NOW) */
	const char **musl_names;       /* data/musl-libc-symbols.tsv, built on first use */
	size_t nmusl;
	bool musl_built;
};

int loader_init(struct loader *L, struct arena *a, const struct target *t, const struct sysenv *env);

/* Runs the target's loader on one file (dlopen's part; Node's own checks
 * are the next stage, verdict/nodesteps.c node_stage).  The result
 * (and the addon's model, r->bin) is allocated from ra, which the caller may
 * release afterwards; libraries read on the way stay cached in the loader. */
void loader_predict(struct loader *L, struct arena *ra, const char *path, struct ld_result *r);

/* Closes the files kept open for symbol lookups. */
void loader_close(struct loader *L);

/* Appends a formatted evidence line. */
void ld_evidence(struct arena *a, struct ld_result *r, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));


/* Per-platform loaders (loader/foreign.c): dyld and the Windows loader,
 * by reasoning from the facts sheet. */
void darwin_predict(struct loader *L, const char *path, struct ld_result *r);
void win32_predict(struct loader *L, const char *path, struct ld_result *r);

#endif
