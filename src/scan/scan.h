/*
 * scan.h - the pieces of `addon-doctor scan`: discovery (walk.c), ownership
 * (package.c), what each target would load (select.c) and the verdict
 * (verdict.c).  cli/cmd_scan.c wires them together and reports.
 *
 * Data flow: scan_walk() fills a scan_tree with every regular *.node file
 * and every directory symlink; scan_attribute() gives each file its owning
 * package and the loader mechanism; for each (file, target) scan_select()
 * says whether that target would load the file at all, and for each
 * (package, target) it also finds files the loader needs but that are
 * absent ("missing").  Only the files a target would load are handed to the
 * verdict (scan_verdict, verdict.c: check's own pipeline): one call per
 * (file, target).
 *
 * Everything is arena-allocated (one arena per scan), nothing here prints
 * except the walk's diagnostics, which go to the FILE * it is given.
 */
#ifndef AD_SCAN_H
#define AD_SCAN_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>

#include "../runtime/target.h"
#include "../util/arena.h"

struct jv;
struct ld_result;
struct verdict_target;
struct verdict_words;

/*
 * Targets are runtime/target.h's struct target (target_parse, target_from_node,
 * target_default): one target model for check and scan.
 */

/* --- discovery --------------------------------------------------------- */

struct scan_alias {
	const char *link;       /* displayed path of the symlink, e.g. node_modules/foo */
	const char *real;       /* its realpath */
};

struct scan_pkg;

enum scan_loader {
	LOADER_UNKNOWN = 0,
	LOADER_NODE_GYP_BUILD,
	LOADER_PREBUILD_INSTALL,
	LOADER_NODE_PRE_GYP,
	LOADER_NAPI_RS,
	LOADER_BINDINGS,
	LOADER_NODE_GYP,
	LOADER_NGB_OPTIONAL,    /* node-gyp-build-optional-packages (lmdb, msgpackr-extract, ...) */
};
const char *scan_loader_name(enum scan_loader l);

struct scan_file {
	const char *path;       /* as found under the scanned directory */
	const char *real;       /* realpath: what require() reports */
	dev_t dev;
	ino_t ino;
	VEC(const char *) via;  /* other paths that reach it through symlinks */
	struct scan_pkg *pkg;   /* owning package, NULL when none */
	const char *rel;        /* path inside the package directory */
	enum scan_loader loader;
};

struct scan_tree {
	const char *root;       /* as given */
	const char *root_real;
	VEC(struct scan_file) files;
	VEC(struct scan_alias) aliases;
	VEC(const char *) lockfiles;  /* displayed paths of lockfiles seen */
	VEC(struct scan_alias) pkgdirs; /* node_modules/<name> dirs with a package.json */
	size_t dirs;            /* directories read */
	size_t problems;        /* diagnostics printed */
	bool has_node_modules;
};

#define SCAN_MAX_DEPTH 512      /* node_modules nesting past this is not real */
#define SCAN_MAX_FILES 200000
#define SCAN_MAX_VIA   16

/*
 * Walks root like `find root -name '*.node'` (no symlinked directory is
 * descended into, except symlinks leading outside root, which are walked as
 * extra roots once per (st_dev, st_ino)).  Problems (unreadable directory,
 * too deep, a FIFO named x.node) are printed to diag, one line each, and the
 * walk goes on.  Returns 0, or -1 when root itself cannot be read.
 * progress, when non-NULL, is called now and then with the directory count.
 */
int scan_walk(struct arena *a, const char *root, struct scan_tree *t, FILE *diag,
	      void (*progress)(size_t dirs, size_t files));

/* --- ownership --------------------------------------------------------- */

struct scan_pkg {
	const char *dir;        /* displayed directory */
	const char *dir_real;
	const char *name;       /* "" when package.json has none */
	const char *version;
	const struct jv *json;  /* parsed package.json, NULL when unreadable */
	enum scan_loader loader;/* the package's own mechanism (from deps/layout) */
	bool napi_main;         /* napi-rs main package ("napi" field, or platform
	                         * optionalDependencies of which an installed one
	                         * holds a .node file) */
	bool napi_candidate;    /* platform optionalDependencies, not yet confirmed */
	bool napi_platform;     /* napi-rs platform package ("os"/"cpu" fields) */
	VEC(struct scan_file *) files;
	bool missing_checked;
	/* node-gyp-build-optional-packages: a main package lists the platform
	 * packages it can resolve (@name/name-<platform>-<arch>); each of
	 * those points back at it */
	VEC(struct scan_pkg *) ngbo_platforms;
	struct scan_pkg *ngbo_main;
	const char *ngbo_version;  /* the loader's own version, "" unknown */
	/* node-gyp-build resolved from the package's directory: 3.x has its
	 * own prebuild layout and message; "" when not installed */
	const char *ngb_version;
	/* evidence.c: why the package needs an addon (NULL: no evidence), and
	 * what a static read of its JavaScript says about how it loads it */
	bool evidence_done;
	const char *native_why;
	bool uses_bindings;         /* require('bindings') */
	const char *bindings_name;  /* its argument, when a literal */
	bool uses_ngb;              /* require('node-gyp-build') */
	const char *direct_require; /* require('../build/Release/x.node') as written */
	const char *direct_from;    /* the file (package-relative) that does it */
	bool js_fallback;           /* catches the addon's failure and uses JavaScript */
	/* a platform package (napi-rs, sharp's @img/...) of this main package */
	struct scan_pkg *platform_of;
	/* loader_napirs.c: the napi-rs template its JavaScript holds (read once) */
	bool napi_read;
	int napi_tpl;               /* enum scan_napi_tpl */
	const char *napi_code;
	bool napi_wrapped;          /* its main may catch the template's error */
};

struct scan_pkgs {
	VEC(struct scan_pkg *) all;
	/* directory -> package cache (open addressing) */
	struct scan_pkgslot { const char *dir; struct scan_pkg *pkg; } *slots;
	size_t nslots, used;
	const char *pm;         /* "npm", "pnpm", "yarn", "bun" */
	const char *lockfile;
};

/* Gives every file its package and loader; also finds napi-rs main packages
 * (which hold no .node file themselves) under the tree's node_modules. */
int scan_attribute(struct arena *a, struct scan_tree *t, struct scan_pkgs *p);

/* Reads a small regular file into the arena, NUL-terminated; NULL when it is
 * absent, not a regular file, or bigger than cap. */
char *scan_read_small(struct arena *a, const char *path, size_t cap, size_t *len);

/* evidence.c: fills the package's native_why and JavaScript facts (once). */
void scan_pkg_evidence(struct arena *a, struct scan_pkg *p);
/* dirname(from)/spec normalised; NULL when it leaves the package. */
const char *scan_rel_join(struct arena *a, const char *from, const char *spec);

/* loader_bindings.c: bindings' candidates for name on t, package-relative,
 * in its order (out holds at least BINDINGS_CANDIDATES); and its error
 * when none exists, with root_real (the package's realpath) before each. */
#define BINDINGS_CANDIDATES 13
size_t scan_bindings_candidates(struct arena *a, const char *name, const struct target *t,
				const char **out, size_t cap);
const char *scan_bindings_error(struct arena *a, const char *root_real, const char *const *cands, size_t n);

/* loader_napirs.c: the generated loader of a napi-rs main package. */
enum scan_napi_tpl {
	NAPI_TPL_NONE = 0,  /* no generated loader recognised: not replayed */
	NAPI_TPL_HELPER,    /* cli 1.x, @node-rs/helper's loadBinding() */
	NAPI_TPL_V2,        /* cli 2.x, early 3.0 alphas: throws the last require()'s error */
	NAPI_TPL_V3A,       /* later 3.0 alphas: "Failed to load native binding" */
	NAPI_TPL_V3,        /* newest 3.x: "Cannot find native binding. npm has a bug ..." */
	NAPI_TPL_LIGHTNINGCSS, /* lightningcss's node/index.js */
	NAPI_TPL_ROLLUP,    /* rollup 4's dist/native.js */
};
#define SCAN_NAPI_CANDIDATES 24
struct scan_napi_cand {
	bool is_pkg;            /* a platform package name, else a file beside the loader */
	const char *name;       /* "<pkg>-<triple>" or "<bin>.<triple>.node" */
	const char *file;       /* realpath of what it loads; NULL: absent */
};
struct scan_napi_replay {
	enum scan_napi_tpl tpl;
	const char *triple;     /* the target's word in this template */
	struct scan_napi_cand cand[SCAN_NAPI_CANDIDATES];
	size_t n;               /* in the loader's order */
	const char *found;      /* realpath of the file loaded; NULL: none */
	int found_idx;
	const char *error;      /* none found: exactly what it throws; NULL with why: not replayed */
	const char *code;
	const char *why;
};
/* Replays m's generated loader for t; false when m holds no template it
 * knows (the caller falls back to its older guesses). */
bool scan_napi_replay(struct arena *a, struct scan_pkg *m, const struct target *t, struct scan_napi_replay *r);

/* package.json of a directory, cached; NULL when it has none. */
struct scan_pkg *scan_pkg_at(struct arena *a, struct scan_pkgs *p, const char *dir,
			     const char *dir_real);

/* --- selection --------------------------------------------------------- */

enum scan_use {
	USE_LOADED = 0,      /* the target's loader would pick this file */
	USE_NOT_USED,        /* present, but this target picks another file / none */
};

/* Would target t load file f?  *why: a short reason when not. */
enum scan_use scan_select(struct arena *a, const struct scan_file *f,
			  const struct target *t, const char **why);

/* A file the target needs that is not there. */
struct scan_missing {
	struct scan_pkg *pkg;
	enum scan_loader loader;
	const char *error;      /* exactly what the loader would throw */
	const char *code;       /* its err.code, NULL when none */
	const char *cause;      /* NULL: "not-found"; "not-built": no binary was ever built */
	const char *why;
	const char *wanted;     /* what it looked for: a package name or a path */
	bool unpublished;       /* napi-rs: the package has no binary for this target at all */
	bool optional_absent;   /* the optional platform package that has it is not installed */
};
/* Fills *m and returns true when pkg needs a file for t that is absent. */
bool scan_find_missing(struct arena *a, struct scan_pkgs *p, struct scan_pkg *pkg,
		       const struct target *t, struct scan_missing *m);

/* Node's resolution of a bare package name from directory from_real: the
 * first <ancestor>/node_modules/<name> holding a package.json, or NULL. */
const char *scan_resolve_dir(struct arena *a, const char *from_real, const char *name);

/* The napi-rs platform word that ends name after sep ("@swc/core-linux-x64-gnu"
 * with '-', "x.linux-x64-gnu" with '.'), else NULL. */
const char *scan_napi_suffix(const char *name, char sep);
/* napi-rs platform word for a target: "linux-x64-gnu", "darwin-arm64", ... */
const char *scan_napi_triple(struct arena *a, const struct target *t);

/* --- the verdict for one (file, target) -------------------------------- */

/*
 * What require() does with f on vt's runtime: exactly `check`'s pipeline
 * (verdict_check_file), run on the path as found, so the result, its texts
 * and its JSON fields are check's.  vt is the run's one context for that
 * target: its loader caches every library across files.
 */
void scan_verdict(struct arena *a, struct verdict_target *vt, const struct scan_file *f,
		  struct ld_result *r, struct verdict_words *w);

#endif
