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
#include "../verdict/verdict.h"

struct jv;

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
	/* the project's lockfiles (the scanned directory's, else its nearest
	 * ancestor's that has one), best first: the one its package.json's
	 * "packageManager" names, then pnpm, yarn, bun, npm (walk.c) */
	VEC(const char *) lockfiles;
	VEC(struct scan_alias) pkgdirs; /* node_modules/<name> dirs with a package.json */
	size_t dirs;            /* directories read */
	size_t problems;        /* diagnostics printed */
	bool has_node_modules;
};

#define SCAN_MAX_DEPTH 512      /* node_modules nesting past this is not real */
#define SCAN_MAX_FILES 200000
#define SCAN_MAX_DIRS  1000000  /* directories read per run; ADDON_DOCTOR_MAX_DIRS */
#define SCAN_MAX_VIA   16

/*
 * Walks root like `find root -name '*.node'` (no symlinked directory is
 * descended into, except package links leading outside root,
 * node_modules/[@scope/]<name> -> a directory with a package.json, which are
 * walked as extra roots once per (st_dev, st_ino); never /, /proc, /sys,
 * /dev), at most SCAN_MAX_DIRS directories.  Problems (unreadable directory,
 * too deep, a FIFO named x.node, a link not followed) are printed to diag,
 * one line each, and the walk goes on.  Fills t->lockfiles.  Returns 0, or
 * -1 when root itself cannot be read.
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
	struct scan_pkg *ngbo_main; /* also set for such a package of a node-gyp-build
	                             * 4/3 package, which never looks at it */
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
	bool uses_npg;              /* require('@mapbox/node-pre-gyp') or another node-pre-gyp */
	const char *loady_name;     /* require('loady')('<name>', __dirname) */
	const char *loady_from;     /* the file (package-relative) that does it */
	bool uses_build_loop;       /* require('./build/' + type + '/x'): a path not known exactly */
	const char *direct_require; /* require('../build/Release/x.node') as written */
	const char *direct_from;    /* the file (package-relative) that does it */
	const char *direct_second;  /* a second try in its catch (build/Debug), or NULL */
	const char *direct_thrown;  /* the one whose error require() reports */
	bool direct_per_target;     /* direct_require holds ${process.platform} / ${process.arch} */
	/* every direct require of a .node file the static read met, as the
	 * package-relative file it names (".node" added as require() adds
	 * it), in the order read: the files read in turn, each top to bottom
	 * (lz4 0.6 requires build/Release/xxhash before build/Release/lz4) */
	VEC(const char *) required_order;
	bool js_fallback;           /* catches the addon's failure and uses JavaScript */
	VEC(const char *) soft_requires; /* packages it require()s in a try that swallows failure */
	/* a platform package (napi-rs, sharp's @img/...) of this main package */
	struct scan_pkg *platform_of;
	/* loader_npg.c: the node-pre-gyp the package resolves (filled once) */
	bool npg_done;
	int npg_flavor;             /* enum scan_npg_flavor */
	const char *npg_dir;        /* its directory, NULL when not installed */
	const char *npg_version;    /* "" unknown */
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

/* Does package.json json list name in these dependency fields? */
enum { DEP_RUNTIME = 1, DEP_PEER = 2, DEP_BUNDLED = 4, DEP_DEV = 8 };
bool scan_json_dep(const struct jv *json, const char *name, unsigned which);

/* evidence.c: fills the package's native_why and JavaScript facts (once). */
void scan_pkg_evidence(struct arena *a, struct scan_pkg *p);
/* A test/example .node of a package with no addon of its own. */
bool scan_stray_file(const struct scan_pkg *p, const char *rel);
/* evidence.c: the package's direct_require as target t's node would
 * spell it (${process.platform} and ${process.arch} filled in). */
const char *scan_direct_spec(struct arena *a, const struct scan_pkg *p, const struct target *t);

/* dirname(from)/spec normalised; NULL when it leaves the package. */
const char *scan_rel_join(struct arena *a, const char *from, const char *spec);

/* loader_bindings.c: bindings' candidates for name on t, package-relative,
 * in its order (out holds at least BINDINGS_CANDIDATES), as the bindings
 * that pkg's code resolves lists them; and its error when none exists,
 * with root_real (the package's realpath) before each. */
#define BINDINGS_CANDIDATES 13
size_t scan_bindings_candidates(struct arena *a, const struct scan_pkg *pkg, const char *name,
				const struct target *t, const char **out, size_t cap);
const char *scan_bindings_error(struct arena *a, const char *root_real, const char *const *cands, size_t n);

/* loader_npg.c: node-pre-gyp's find() for pkg on t (@mapbox/node-pre-gyp
 * 1.x and 2.x, @discordjs/node-pre-gyp, node-pre-gyp 0.x). */
enum scan_npg_flavor { NPG_NONE = 0, NPG_MAPBOX, NPG_DISCORDJS, NPG_LEGACY };
struct scan_npg {
	const char *abs;        /* the path find() returns (what require() is given) */
	const char *path;       /* the same inside the package, NULL when outside */
	const char *error;      /* find() throws this instead (no err.code) */
	bool config;            /* ... because package.json's "binary" is invalid */
	bool napi_too_new;      /* ... because every napi_versions level is above the runtime's */
	const char *unknown;    /* not replayable: why (then the fields above are NULL) */
};
void scan_npg_find(struct arena *a, struct scan_pkg *pkg, const struct target *t, struct scan_npg *r);
/* process.versions.napi of t as node-pre-gyp reads it, -1 unknown. */
int scan_npg_napi(const struct target *t);
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

/* Where f stands in its package's required_order (0: required first);
 * SIZE_MAX when the static read saw no require of it. */
size_t scan_required_first(const struct scan_file *f);

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
	bool caught;            /* the package's loader catches its absence (require() succeeds) */
};
/* Fills *m and returns true when pkg needs a file for t that is absent. */
bool scan_find_missing(struct arena *a, struct scan_pkgs *p, struct scan_pkg *pkg,
		       const struct target *t, struct scan_missing *m);

/* loader_custom.c: package-specific loaders (sharp, node-pty, @parcel/watcher, Sentry's profiler,
 * zeromq 6, deasync, pkg-prebuilds, node-sass, koffi, oracledb, @roamhq/wrtc, jazz-midi, libsql,
 * couchbase, addon-tools-raub's getBin()), replayed from their code.
 * scan_custom_select: -1 when no such loader owns f's package, else the
 * enum scan_use.  scan_custom_missing: -1 not owned, 0 nothing missing, 1
 * *m filled (error NULL: unknown, why says why).  scan_custom_wrap: the
 * loader quotes the picked file's failure in its own text: 1 with *error
 * and *code replaced, -1 when that text cannot be known (*why), 0 no wrap. */
int scan_custom_select(struct arena *a, const struct scan_file *f, const struct target *t, const char **why);
int scan_custom_missing(struct arena *a, struct scan_pkg *pkg, const struct target *t, struct scan_missing *m);
int scan_custom_wrap(struct arena *a, const struct scan_pkg *pkg, const struct scan_file *f, const struct target *t,
		     const char **error, const char **code, const char **why);
/* The package-specific loader picks f on t inside a try that swallows its
 * failure (Sentry's profiler 2.4.2+): require() of the package survives. */
bool scan_custom_caught(struct arena *a, const struct scan_file *f, const struct target *t);
/* loader_ngb.c: node-gyp-build 4.x/3.x and node-gyp-build-optional-packages
 * 5.x.  scan_ngb_pick: the file node-gyp-build (the package's version of
 * it) returns on t, NULL when none.  scan_ngb_select: scan_select for a file
 * of either loader.  scan_ngb_missing: 1 when pkg (of either loader) needs
 * a file for t that is absent (*m filled; error NULL when its message is not
 * known), 0 when not, -1 when pkg is not theirs to judge. */
const struct scan_file *scan_ngb_pick(struct arena *a, const struct scan_pkg *pkg, const struct target *t);
enum scan_use scan_ngb_select(struct arena *a, const struct scan_file *f, const struct target *t, const char **why);
int scan_ngb_missing(struct arena *a, struct scan_pkg *pkg, const struct target *t, struct scan_missing *m);
/* The Node.js version Electron release `electron` embeds (data/electron-
 * node.tsv, exact releases only), NULL when not known. */
const char *scan_electron_node(struct arena *a, const char *electron);
/* loader_npg.c: scan_select and scan_find_missing for node-pre-gyp. */
enum scan_use scan_npg_select(struct arena *a, const struct scan_file *f, const struct target *t, const char **why);
bool scan_npg_missing(struct arena *a, struct scan_pkg *pkg, const struct target *t, struct scan_missing *m);

/* Node's resolution of a bare package name from directory from_real: the
 * first <ancestor>/node_modules/<name> holding a package.json, as its
 * realpath (what Node takes), or NULL. */
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

/* --- the run: one result per (file, target) and per missing file ------ */

#define SCAN_MAX_TARGETS 16

/* ST_FALLBACK: the addon would fail or is missing, but the package catches
 * that and uses its JavaScript implementation (bufferutil): not a problem. */
enum scan_status { ST_LOADS, ST_FAILS, ST_NOT_USED, ST_MISSING, ST_UNKNOWN, ST_FALLBACK, ST_COUNT };
extern const char *const scan_status_word[ST_COUNT];

struct scan_result {
	struct scan_file *f;        /* NULL for a missing file */
	struct scan_pkg *pkg;
	size_t target;
	enum scan_status st;
	const char *not_used_why;
	struct ld_result v;         /* check's result (used files) */
	struct verdict_words w;     /* check's words (used files) */
	struct scan_missing m;
};

struct scan_run {
	struct arena a;
	struct scan_tree tree;
	struct scan_pkgs pkgs;
	/* one loader context per target for the whole run: never moved */
	struct verdict_target targets[SCAN_MAX_TARGETS + 1]; /* + --node */
	size_t ntargets;
	VEC(struct scan_result) res;
	bool color;
	bool yarn_classic;
	/* package-lock.json's text, read once for the plan (plan.c) */
	bool lock_read;
	const char *lock_text;
	size_t lock_len;
};

/* project.c: every (file, target) through its loader and check's pipeline,
 * then every (package, target) whose loader finds nothing.  0, or -1 OOM. */
int scan_run_results(struct scan_run *r);
bool scan_is_problem(enum scan_status st);
/* require() of p (or of its main package) survives its addon failing */
bool scan_falls_back(const struct scan_pkg *p);
/* q is p, or a platform package whose binary require(p) loads */
bool scan_belongs_to(const struct scan_pkg *q, const struct scan_pkg *p);
/* What require(p) does on target t: the result that decides it, and the
 * word for it (loads, throws, crashes, falls-back, unknown); via: the
 * native package it loads softly (p has no addon of its own).  False when
 * p needs no addon (no record). */
struct scan_pkg_outcome {
	const struct scan_result *pick;
	const char *require;
	const struct scan_pkg *via;
	/* the file's failure as require(p) reports it: the file's own error,
	 * or a package-specific loader's text around it (sharp) */
	const char *error, *code, *why;
};
bool scan_package_outcome(struct scan_run *r, const struct scan_pkg *p, size_t t, struct scan_pkg_outcome *o);
/* The installed Electron a project depends on, NULL when none. */
const char *scan_project_electron(struct arena *a, const char *dir);
const char *scan_target_platform(struct arena *a, const struct target *t);
/* Packages that own at least one addon file. */
size_t scan_addon_packages(const struct scan_run *r);

/* --- the fix plan, as data (plan.c) ------------------------------------- */

enum fix_kind {
	FIX_REBUILD,            /* <pm> rebuild a b */
	FIX_FROM_SOURCE,        /* rebuild --build-from-source, here */
	FIX_FROM_SOURCE_TARGET, /* the same, inside the target environment */
	FIX_UPDATE_BINARY,      /* node-pre-gyp keeps a stale file otherwise */
	FIX_ELECTRON,           /* npx @electron/rebuild -f -w a,b */
	FIX_REINSTALL_HERE,     /* node_modules from another platform */
	FIX_REINSTALL_TARGET,   /* install inside the target environment */
	FIX_REINSTALL_DAMAGED,  /* a file that is cut short or not an addon */
	FIX_OPTIONAL_HERE,      /* optional platform packages skipped */
	FIX_OPTIONAL_TARGET,    /* install a target's platform packages */
	FIX_UNPUBLISHED,        /* no platform package exists for the target */
	FIX_SYSTEM_LIBRARY,     /* a shared library the system lacks */
	FIX_EXEC_STACK,         /* patchelf --clear-execstack */
	FIX_UPGRADE_NODE,
	FIX_LOOK_INSIDE,        /* unknown: give the target's filesystem */
	FIX_KINDS
};

/*
 * One line of the plan.  The report prints `argv` (each argument a shell
 * word, after env_name=env_value) or `text`, then `suffix`, then `note` on
 * the lines below; --fix runs `run_argv` when `not_run` is NULL and every
 * target of the step is this machine.  The printed argv is the one run.
 */
struct plan_step {
	enum fix_kind kind;
	const char *const *argv;
	const char *env_name, *env_value;
	const char *text;
	const char *suffix;
	const char *note;           /* may hold '\n' between lines */
	const char *const *run_argv;
	const char *not_run;        /* why --fix leaves it to the user */
	const char *words;          /* the kind in words, for "not run:" */
	bool here;                  /* every target of the step is this machine */
};

struct scan_plan {
	const char *pm, *lockfile;
	VEC(struct plan_step) steps;
	VEC(const char *) alternatives;  /* "or replace X with Y" */
	VEC(const char *) refused;       /* names no command may carry */
	size_t problems;
};

/* The plan for every problem of the run; returns how many problems. */
size_t scan_plan_compute(struct scan_run *r, struct scan_plan *pl);
/* What to do about a missing file, in words. */
const char *scan_missing_fix(struct arena *a, const struct scan_missing *m, const struct target *t);

#endif
