/*
 * cmd_scan.c - `addon-doctor [scan] [--target SPEC]... [--json] [DIR]`, the
 * default command.
 *
 * Wires src/scan together: walk DIR, attribute files to packages, ask for
 * each (file, target) whether the target's loader would pick the file and,
 * if so, what require() would do (scan_verdict: `check`'s own pipeline, one
 * loader context per target for the whole run); ask each (package, target)
 * whether a needed file is missing.  Then prints a packages x targets table,
 * the details of every failure, and a fix plan in the project's package
 * manager's syntax.  Never writes anything.
 */
#include "commands.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "../io/rfile.h"
#include "../report/json.h"
#include "../report/term.h"
#include "../runtime/target.h"
#include "../scan/scan.h"
#include "../util/shquote.h"
#include "../verdict/verdict.h"

#define MAX_TARGETS 16

static const char scan_help[] =
	"usage: addon-doctor [scan] [--target SPEC]... [--node PATH] [--sysroot DIR] [--json] [--fix] [DIR]\n"
	"\n"
	"Finds every native addon (.node file) under DIR (default: the current\n"
	"directory) -- npm nested trees, pnpm's .pnpm store and symlinks, yarn,\n"
	"workspaces, linked packages, the project's own build/Release -- and says\n"
	"for each target whether the file would be loaded at all (node-gyp-build,\n"
	"prebuild-install, node-pre-gyp, napi-rs and bindings choose one file per\n"
	"platform), whether it would load, and which needed file is missing.\n"
	"Each file a target would load gets exactly the prediction of\n"
	"'addon-doctor check' (libraries, symbol versions, Node's own checks).\n"
	"Nothing is loaded, run, or written (except with --fix, below).\n"
	"\n"
	"  --target SPEC  node@22, node@22.3.0, electron@31, optionally with a\n"
	"                 platform: node@20/linux-arm64-musl, electron@30/darwin-arm64.\n"
	"                 Repeat for a matrix.  Without a platform: this machine.\n"
	"                 Default: the node on PATH, read (never run).\n"
	"  --node PATH    also check against this Node executable, read (never run)\n"
	"  --sysroot DIR  resolve the targets' libraries inside DIR (an unpacked\n"
	"                 container image) instead of this machine\n"
	"  --json         one JSON object per line per (file, target), then a summary\n"
	"                 object (fields: docs/scan.md)\n"
	"  --fix          run the fix plan's commands for this machine (rebuilds,\n"
	"                 npm ci), each shown before it runs, then scan again and\n"
	"                 show what changed.  Commands for other systems, system\n"
	"                 packages and anything that deletes a lockfile are only\n"
	"                 printed.  Without --fix nothing is ever run or written.\n"
	"\n"
	"Example:\n"
	"  addon-doctor --target node@22 --target node@22/linux-arm64-musl .\n"
	"\n"
	"Exit status: 0 nothing that would be loaded fails, 1 something fails, is\n"
	"missing or cannot be predicted, 2 usage or I/O error.\n";

/* ST_FALLBACK: the addon would fail or is missing, but the package catches
 * that and uses its JavaScript implementation (bufferutil): not a problem. */
enum status { ST_LOADS, ST_FAILS, ST_NOT_USED, ST_MISSING, ST_UNKNOWN, ST_FALLBACK, ST_COUNT };
static const char *const status_word[ST_COUNT] = { "loads", "fails", "not-used", "missing", "unknown", "falls-back" };

struct result {
	struct scan_file *f;        /* NULL for a missing file */
	struct scan_pkg *pkg;
	size_t target;
	enum status st;
	const char *not_used_why;
	struct ld_result v;         /* check's result (used files) */
	struct verdict_words w;     /* check's words (used files) */
	struct scan_missing m;
};

struct run {
	struct arena a;
	struct scan_tree tree;
	struct scan_pkgs pkgs;
	/* one loader context per target for the whole run: never moved */
	struct verdict_target targets[MAX_TARGETS + 1]; /* + --node */
	size_t ntargets;
	VEC(struct result) res;
	bool color;
	bool yarn_classic;
};

/* --- progress ------------------------------------------------------------ */

static struct timespec scan_start;

static double elapsed(void)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(now.tv_sec - scan_start.tv_sec) + (double)(now.tv_nsec - scan_start.tv_nsec) / 1e9;
}

static bool progress_shown;

static void progress(size_t dirs, size_t files)
{
	if (elapsed() < 0.5)
		return;
	fprintf(stderr, "\rscanning: %zu directories, %zu addons", dirs, files);
	progress_shown = true;
}

/* --- helpers ------------------------------------------------------------- */

/* Does require() of this package (or of the main package it is a platform
 * package of) survive its addon failing? (evidence.c's static read) */
static bool falls_back(const struct scan_pkg *p)
{
	for (int hops = 0; p && hops < 4; hops++) {
		if (p->js_fallback)
			return true;
		p = p->platform_of ? p->platform_of : p->ngbo_main;
	}
	return false;
}

static const struct target *tgt(const struct run *r, size_t i)
{
	return &r->targets[i].t;
}

/* Packages that own at least one addon file (the same figure in text and JSON). */
static size_t addon_packages(const struct run *r)
{
	size_t n = 0;
	for (size_t i = 0; i < r->pkgs.all.n; i++)
		n += r->pkgs.all.v[i]->files.n > 0;
	return n;
}

static const char *pkg_label(struct arena *a, const struct scan_pkg *p, const struct scan_file *f)
{
	if (!p)
		return f ? f->path : "?";
	return p->version[0] ? arena_printf(a, "%s@%s", p->name, p->version) : p->name;
}

static const char *target_platform(struct arena *a, const struct target *t)
{
	return arena_printf(a, "%s-%s%s%s", t->platform, t->arch, t->libc ? "-" : "", t->libc ? t->libc : "");
}

/* A target's name in the table and headings: the spec without the
 * "(/usr/bin/node, on PATH)" that target_default adds. */
static const char *target_label(struct arena *a, const struct target *t)
{
	const char *sp = strstr(t->spec, " (");
	return sp ? arena_strndup(a, t->spec, (size_t)(sp - t->spec)) : t->spec;
}

static void indent_block(FILE *o, const char *label, const char *text)
{
	fprintf(o, "    %-10s", label);
	for (const char *p = text; *p; p++) {
		if (*p == '\n') {
			fputs("\n              ", o);
			continue;
		}
		char one[2] = { *p, 0 };
		term_puts(o, one);
	}
	fputc('\n', o);
}

/* What to do about a missing file, in words (the plan gives commands). */
static const char *missing_fix(struct arena *a, const struct scan_missing *m, const struct target *t)
{
	const char *name = m->pkg ? sh_word(a, m->pkg->name) : "<package>";
	if (!name)
		name = "<package>";
	if (m->optional_absent && m->loader == LOADER_NGB_OPTIONAL)
		return arena_printf(a, "install %s (an optional dependency: npm installs only the installing "
				    "machine's platform packages)", m->wanted);
	if (m->optional_absent && m->loader == LOADER_UNKNOWN)
		return arena_printf(a, "install %s's platform packages for %s (optional dependencies: npm installs only "
				    "the installing machine's)", name, target_platform(a, t));
	if (m->cause && !strcmp(m->cause, "not-built") && m->loader != LOADER_NODE_PRE_GYP) {
		if (!strcmp(t->runtime, "electron"))
			return arena_printf(a, "npx @electron/rebuild -f -w %s (builds it for this Electron)", name);
		return t->host ? arena_printf(a, "npm rebuild %s (runs the install script that was skipped or failed; "
					      "compiling needs python3, make and a C++ compiler)", name)
			       : arena_printf(a, "install %s on the target system with its install scripts", name);
	}
	switch (m->loader) {
	case LOADER_NAPI_RS:
		if (m->unpublished)
			return arena_printf(a, "%s has no binary for %s: build it from source there, or use another package",
					    name, target_platform(a, t));
		return arena_printf(a, "install %s (an optional dependency: npm installs only the installing "
				    "machine's platform packages)", m->wanted ? m->wanted : "the platform package");
	case LOADER_NODE_PRE_GYP:
		return arena_printf(a, "npm rebuild %s --update-binary (node-pre-gyp fetches or builds the binary for this runtime)", name);
	default:
		if (!strcmp(t->runtime, "electron"))
			return arena_printf(a, "npx @electron/rebuild -f -w %s (no prebuilt binary fits this Electron)", name);
		return t->host ? arena_printf(a, "npm rebuild %s --build-from-source (no prebuilt binary fits this target)", name)
			       : arena_printf(a, "reinstall %s on the target system (no prebuilt binary fits it; it compiles there)", name);
	}
}

/* --- fix plan ------------------------------------------------------------ */

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

#ifndef __wasi__ /* --fix cannot start commands under WASI */
/* What each kind does, in words, for "not run" lines. */
static const char *const fix_kind_words[FIX_KINDS] = {
	[FIX_REBUILD] = "rebuild", [FIX_FROM_SOURCE] = "rebuild from source",
	[FIX_FROM_SOURCE_TARGET] = "rebuild from source on the target",
	[FIX_UPDATE_BINARY] = "rebuild with --update-binary", [FIX_ELECTRON] = "electron-rebuild",
	[FIX_REINSTALL_HERE] = "reinstall node_modules", [FIX_REINSTALL_TARGET] = "install on the target",
	[FIX_REINSTALL_DAMAGED] = "reinstall damaged packages",
	[FIX_OPTIONAL_HERE] = "reinstall skipped optional packages",
	[FIX_OPTIONAL_TARGET] = "install the target's platform packages",
	[FIX_UNPUBLISHED] = "no published binary", [FIX_SYSTEM_LIBRARY] = "install system libraries",
	[FIX_EXEC_STACK] = "clear the executable-stack flag", [FIX_UPGRADE_NODE] = "use a newer Node.js",
	[FIX_LOOK_INSIDE] = "look inside the target system",
};
#endif

struct plan {
	VEC(const char *) names[FIX_KINDS];
	/* the package each name stands for (NULL: a path or a library) */
	VEC(const struct scan_pkg *) pkgs[FIX_KINDS];
	VEC(size_t) targets[FIX_KINDS];
	/* names a package manager must not be given (see pkg_rebuildable) */
	VEC(const char *) refused;
};

/*
 * May this package's name go on a package manager's command line?  Names
 * come from package.json files anyone can write: only a valid npm name
 * (util/shquote.h) that is also where the package sits (its directory ends
 * in node_modules/<name>, as npm, pnpm, yarn and bun lay packages out), so
 * a nested sub/package.json cannot name another package or an option.
 */
/* path (trailing slashes aside) ends in "node_modules/<name>" at a '/' */
static bool ends_in_node_modules_name(const char *path, const char *name)
{
	size_t nl = strlen(name), dl = path ? strlen(path) : 0;
	while (dl > 1 && path[dl - 1] == '/')
		dl--;
	if (dl < nl + 13 || memcmp(path + dl - nl, name, nl) || memcmp(path + dl - nl - 13, "node_modules/", 13))
		return false;
	return dl == nl + 13 || path[dl - nl - 14] == '/';
}

static bool pkg_rebuildable(const struct scan_tree *t, const struct scan_pkg *p)
{
	if (!p || !npm_name_valid(p->name))
		return false;
	if (ends_in_node_modules_name(p->dir, p->name) || ends_in_node_modules_name(p->dir_real, p->name))
		return true;
	/* a workspace or linked package: node_modules/<name> is a link to it */
	for (size_t i = 0; i < t->aliases.n; i++)
		if (p->dir_real && !strcmp(t->aliases.v[i].real, p->dir_real) &&
		    ends_in_node_modules_name(t->aliases.v[i].link, p->name))
			return true;
	return false;
}

/* Kinds whose names become arguments of a package manager command. */
static bool kind_takes_names(enum fix_kind k)
{
	return k == FIX_REBUILD || k == FIX_FROM_SOURCE || k == FIX_FROM_SOURCE_TARGET ||
	       k == FIX_UPDATE_BINARY || k == FIX_ELECTRON;
}

static void plan_add_pkg(const struct scan_tree *tree, struct arena *a, struct plan *pl, enum fix_kind k,
			 const char *name, const struct scan_pkg *pkg, size_t target)
{
	if (kind_takes_names(k) && !pkg_rebuildable(tree, pkg)) {
		bool known = false;
		for (size_t i = 0; i < pl->refused.n; i++)
			known |= !strcmp(pl->refused.v[i], name);
		const char **rn = known ? NULL : VEC_PUSH(a, &pl->refused);
		if (rn)
			*rn = name;
		return;
	}
	bool seen = false;
	for (size_t i = 0; i < pl->names[k].n; i++)
		seen |= !strcmp(pl->names[k].v[i], name);
	const char **n = seen ? NULL : VEC_PUSH(a, &pl->names[k]);
	const struct scan_pkg **np = n ? VEC_PUSH(a, &pl->pkgs[k]) : NULL;
	if (n)
		*n = name;
	if (np)
		*np = pkg;
	bool tseen = false;
	for (size_t i = 0; i < pl->targets[k].n; i++)
		tseen |= pl->targets[k].v[i] == target;
	size_t *t = tseen ? NULL : VEC_PUSH(a, &pl->targets[k]);
	if (t)
		*t = target;
}

#define plan_add(a, pl, k, name, target) plan_add_pkg(&r->tree, a, pl, k, name, x->pkg, target)

/*
 * Which fix a result calls for.  t->host (runtime/target.c: same platform,
 * arch and libc as this machine, whether the target was named or read from
 * PATH) decides between a command to run here and one to run inside the
 * target environment.
 */
static void classify_fix(struct run *r, struct plan *pl, const struct result *x)
{
	const struct target *t = tgt(r, x->target);
	const char *name = x->pkg ? x->pkg->name : NULL;
	if (x->st == ST_MISSING) {
		if (x->m.loader == LOADER_NAPI_RS && x->m.unpublished)
			plan_add(&r->a, pl, FIX_UNPUBLISHED, name, x->target);
		else if (x->m.loader == LOADER_NAPI_RS || x->m.optional_absent)
			plan_add(&r->a, pl, t->host ? FIX_OPTIONAL_HERE : FIX_OPTIONAL_TARGET, name, x->target);
		else if (x->m.loader == LOADER_NODE_PRE_GYP)
			plan_add(&r->a, pl, FIX_UPDATE_BINARY, name, x->target);
		else if (x->m.cause && !strcmp(x->m.cause, "not-built") && strcmp(t->runtime, "electron"))
			plan_add(&r->a, pl, t->host ? FIX_REBUILD : FIX_REINSTALL_TARGET, name, x->target);
		else if (!strcmp(t->runtime, "electron"))
			plan_add(&r->a, pl, FIX_ELECTRON, name, x->target);
		else
			plan_add(&r->a, pl, t->host ? FIX_FROM_SOURCE : FIX_REINSTALL_TARGET, name, x->target);
		return;
	}
	const char *c = x->v.cause ? x->v.cause : "";
	if (!name)
		name = x->f->path;
	/* unknown with a known cause (musl and a foreign machine): act on the cause */
	if (x->st == ST_UNKNOWN && (!x->v.cause || !strcmp(c, "unknown")))
		plan_add(&r->a, pl, FIX_LOOK_INSIDE, name, x->target);
	else if (!strcmp(c, "electron-abi-mismatch") || (!strcmp(t->runtime, "electron") && !strcmp(c, "abi-mismatch")))
		plan_add(&r->a, pl, FIX_ELECTRON, name, x->target);
	else if (!strcmp(c, "abi-mismatch"))
		plan_add(&r->a, pl, x->f->loader == LOADER_NODE_PRE_GYP ? FIX_UPDATE_BINARY :
			 t->host ? FIX_REBUILD : FIX_REINSTALL_TARGET, name, x->target);
	else if (!strcmp(c, "wrong-os") || !strcmp(c, "wrong-arch") || !strcmp(c, "wrong-libc"))
		plan_add(&r->a, pl, t->host ? FIX_REINSTALL_HERE : FIX_REINSTALL_TARGET, name, x->target);
	else if (!strcmp(c, "napi-too-new"))
		plan_add(&r->a, pl, FIX_UPGRADE_NODE, name, x->target);
	else if (!strcmp(c, "glibc-too-old") || !strcmp(c, "libstdcxx-too-old") || !strcmp(c, "library-too-old") ||
		 !strcmp(c, "undefined-symbol") || !strcmp(c, "lazy-undefined-symbol"))
		plan_add(&r->a, pl, t->host ? FIX_FROM_SOURCE : FIX_FROM_SOURCE_TARGET, name, x->target);
	else if (!strcmp(c, "missing-library"))
		plan_add(&r->a, pl, FIX_SYSTEM_LIBRARY,
			 arena_printf(&r->a, "%s (for %s)", x->v.subject ? x->v.subject : "?", name), x->target);
	else if (!strcmp(c, "exec-stack"))
		plan_add(&r->a, pl, FIX_EXEC_STACK, x->v.real ? x->v.real : x->f->path, x->target);
	else if (!strcmp(c, "not-an-addon") || !strcmp(c, "corrupt") || !strcmp(c, "truncated") ||
		 !strcmp(c, "not-found") || !strcmp(c, "not-readable"))
		plan_add(&r->a, pl, FIX_REINSTALL_DAMAGED, name, x->target);
	else
		plan_add(&r->a, pl, t->host ? FIX_REBUILD : FIX_REINSTALL_TARGET, name, x->target);
}

/* The names of kind k as they go on a command line: each a shell word. */
static void join_names(struct arena *a, FILE *o, const struct plan *pl, enum fix_kind k, const char *sep)
{
	for (size_t i = 0; i < pl->names[k].n; i++) {
		if (i)
			fputs(sep, o);
		const char *w = sh_word(a, pl->names[k].v[i]);
		term_puts(o, w ? w : "?");
	}
}

/* The names of kind k in a sentence (not a command): as they are. */
static void list_names(FILE *o, const struct plan *pl, enum fix_kind k, const char *sep)
{
	for (size_t i = 0; i < pl->names[k].n; i++) {
		if (i)
			fputs(sep, o);
		term_puts(o, pl->names[k].v[i]);
	}
}

/* The targets of one plan entry: "linux-arm64-musl, darwin-arm64". */
static void join_platforms(struct run *r, FILE *o, const struct plan *pl, enum fix_kind k)
{
	for (size_t i = 0; i < pl->targets[k].n; i++) {
		const char *p = target_platform(&r->a, tgt(r, pl->targets[k].v[i]));
		bool dup = false;
		for (size_t j = 0; j < i; j++)
			dup |= !strcmp(p, target_platform(&r->a, tgt(r, pl->targets[k].v[j])));
		if (!dup)
			fprintf(o, "%s%s", i ? ", " : "", p);
	}
}

/* Well-known pure-JS replacements, as data. */
static const struct { const char *addon, *alt; } alternatives[] = {
	{ "bcrypt", "bcryptjs (pure JS, same API)" },
	{ "node-sass", "sass (Dart Sass, pure JS; node-sass is deprecated)" },
	{ "sqlite3", "node:sqlite (built into Node.js >= 22.5)" },
	{ "better-sqlite3", "node:sqlite (built into Node.js >= 22.5)" },
	{ "bufferutil", "nothing: ws works without it" },
	{ "utf-8-validate", "nothing: ws works without it" },
	{ "fsevents", "nothing: it is macOS-only and optional" },
};

/* The plan for every problem of the run; returns how many problems. */
static size_t compute_plan(struct run *r, struct plan *pl)
{
	memset(pl, 0, sizeof *pl);
	size_t n = 0;
	for (size_t i = 0; i < r->res.n; i++)
		if (r->res.v[i].st == ST_FAILS || r->res.v[i].st == ST_MISSING || r->res.v[i].st == ST_UNKNOWN) {
			classify_fix(r, pl, &r->res.v[i]);
			n++;
		}
	return n;
}

/*
 * A command line as a shell needs it, so the line can be pasted: each
 * argument one shell word (util/shquote.h), terminal-escaped.  The plan
 * prints its commands with this and --fix echoes what it runs with it, so
 * both show the same argument vector.
 */
static void print_words(FILE *o, const char *lead, const char *env_name, const char *env_value,
			const char *const *argv)
{
	struct arena a;
	arena_init(&a);
	fputs(lead, o);
	if (env_name) {
		term_puts(o, env_name);
		fputc('=', o);
		const char *w = sh_word(&a, env_value);
		term_puts(o, w ? w : "?");
		fputc(' ', o);
	}
	for (size_t i = 0; argv && argv[i]; i++) {
		if (i)
			fputc(' ', o);
		const char *w = sh_word(&a, argv[i]);
		term_puts(o, w ? w : "?");
	}
	arena_release(&a);
}

/*
 * The argument vector of one plan command: words (split on spaces), then
 * the tail words (options), then "--" when dashdash, then the names of
 * kind k in pl (each its own argument, or all in one joined by join);
 * NULL-terminated.  Only names that passed pkg_rebuildable() are in pl, so
 * none starts with '-'; "--" (npm's nopt stops reading options there) is
 * a second wall where the command is known to accept it.  NULL when kind
 * k has no names (nothing a package manager can rebuild) or on OOM.
 */
static const char **fix_argv(struct arena *a, const char *words, const struct plan *pl, enum fix_kind k,
			     const char *join, const char *tail, bool dashdash)
{
	size_t nn = pl ? pl->names[k].n : 0;
	if (pl && !nn)
		return NULL;
	size_t cap = 24 + nn;
	const char **v = arena_calloc(a, cap + 1, sizeof *v);
	if (!v)
		return NULL;
	size_t n = 0;
	const char *lists[2] = { words, tail };
	for (int part = 0; part < 2; part++) {
		for (const char *p = lists[part]; p && *p && n < 20;) {
			const char *sp = strchr(p, ' ');
			size_t l = sp ? (size_t)(sp - p) : strlen(p);
			v[n++] = arena_strndup(a, p, l);
			p = sp ? sp + 1 : NULL;
		}
	}
	if (!nn) {
		v[n] = NULL;
		return v;
	}
	if (dashdash)
		v[n++] = "--";
	if (join) {
		size_t len = 1;
		for (size_t i = 0; i < nn; i++)
			len += strlen(pl->names[k].v[i]) + strlen(join);
		char *j = arena_alloc(a, len);
		if (!j)
			return NULL;
		for (size_t i = 0; i < nn; i++) {
			if (i)
				strcat(j, join);
			strcat(j, pl->names[k].v[i]);
		}
		v[n++] = j;
	} else {
		for (size_t i = 0; i < nn; i++)
			v[n++] = pl->names[k].v[i];
	}
	v[n] = NULL;
	return v;
}

static void print_plan(struct run *r, FILE *o)
{
	struct plan pl;
	if (!compute_plan(r, &pl))
		return;
	const char *pm = r->pkgs.pm;
	bool npm = !strcmp(pm, "npm") || !strcmp(pm, "bun") || r->yarn_classic;
	const char *rebuild = npm ? "npm rebuild" : !strcmp(pm, "pnpm") ? "pnpm rebuild" : "yarn rebuild";
	const char *ci = !strcmp(pm, "pnpm") ? "pnpm install --frozen-lockfile" :
			 !strcmp(pm, "yarn") ? (r->yarn_classic ? "yarn install --frozen-lockfile" : "yarn install --immutable") :
			 !strcmp(pm, "bun") ? "bun install --frozen-lockfile" : "npm ci";
	fprintf(o, "\nFix plan (%s%s%s%s):\n", pm, r->pkgs.lockfile ? ", from " : "",
		r->pkgs.lockfile ? r->pkgs.lockfile : "", r->pkgs.lockfile ? "" : ", no lockfile found");
	for (int k = 0; k < FIX_KINDS; k++) {
		if (!pl.names[k].n)
			continue;
		switch ((enum fix_kind)k) {
		case FIX_REBUILD:
			print_words(o, "  ", NULL, NULL, fix_argv(&r->a, rebuild, &pl, k, NULL, NULL, npm));
			fputs("\n      rebuild with the target's Node.js on PATH (this machine)\n", o);
			break;
		case FIX_FROM_SOURCE:
		case FIX_FROM_SOURCE_TARGET:
			print_words(o, "  ", npm ? NULL : "npm_config_build_from_source", "true",
				    fix_argv(&r->a, rebuild, &pl, k, NULL, npm ? "--build-from-source" : NULL, npm));
			if (k == FIX_FROM_SOURCE) {
				fputs("\n      compile on this machine: no usable prebuilt binary\n", o);
				break;
			}
			fputs("   # run inside the target environment (", o);
			join_platforms(r, o, &pl, k);
			fputs("), not here\n      compile where it runs: the prebuilt binary does not fit that system\n", o);
			break;
		case FIX_UPDATE_BINARY:
			print_words(o, "  ", npm ? NULL : "npm_config_update_binary", "true",
				    fix_argv(&r->a, rebuild, &pl, k, NULL, npm ? "--update-binary" : NULL, npm));
			fputs("\n      node-pre-gyp keeps an existing binary unless told to replace it\n", o);
			break;
		case FIX_ELECTRON:
			print_words(o, "  ", NULL, NULL, fix_argv(&r->a, "npx @electron/rebuild -f -w", &pl, k, ",", NULL, false));
			fputs("\n      rebuild against Electron's headers and ABI\n", o);
			break;
		case FIX_REINSTALL_HERE:
			if (pl.names[FIX_OPTIONAL_HERE].n)
				break;  /* the optional-packages reinstall below redoes node_modules too */
			fprintf(o, "  rm -rf node_modules && %s\n      node_modules was installed on another platform (", ci);
			list_names(o, &pl, k, ", ");
			fputs("); reinstall here\n", o);
			break;
		case FIX_REINSTALL_TARGET:
			fprintf(o, "  %s   # run inside the target environment (", ci);
			join_platforms(r, o, &pl, k);
			fputs("), not here\n      ", o);
			list_names(o, &pl, k, ", ");
			fputs(": binaries are chosen at install time for the installing machine\n", o);
			break;
		case FIX_REINSTALL_DAMAGED:
			fprintf(o, "  rm -rf node_modules && %s\n      damaged, incomplete or non-addon files (", ci);
			list_names(o, &pl, k, ", ");
			fputs("); reinstall\n", o);
			break;
		case FIX_OPTIONAL_HERE:
			if (!strcmp(pm, "pnpm"))
				fputs("  pnpm install --force", o);
			else if (!strcmp(pm, "yarn"))
				fputs("  yarn install --check-files", o);
			else
				fputs("  rm -rf node_modules package-lock.json && npm install", o);
			fputs("\n      optional platform packages were skipped (npm/cli#4828) for: ", o);
			list_names(o, &pl, k, ", ");
			if (pl.names[FIX_REINSTALL_HERE].n) {
				fputs("\n      and node_modules was installed on another platform (", o);
				list_names(o, &pl, FIX_REINSTALL_HERE, ", ");
				fputc(')', o);
			}
			fputc('\n', o);
			break;
		case FIX_OPTIONAL_TARGET:
			for (size_t i = 0; i < pl.targets[k].n; i++) {
				const struct target *tt = tgt(r, pl.targets[k].v[i]);
				if (npm)
					fprintf(o, "  npm install --os=%s --cpu=%s%s%s\n", tt->platform, tt->arch,
						tt->libc ? " --libc=" : "", tt->libc ? tt->libc : "");
				else if (!strcmp(pm, "pnpm"))
					fprintf(o, "  # add {\"os\":[\"%s\"],\"cpu\":[\"%s\"]%s%s%s} to pnpm.supportedArchitectures in package.json, then: pnpm install\n",
						tt->platform, tt->arch, tt->libc ? ",\"libc\":[\"" : "", tt->libc ? tt->libc : "",
						tt->libc ? "\"]" : "");
				else
					fprintf(o, "  # add os: [%s], cpu: [%s]%s%s%s to supportedArchitectures in .yarnrc.yml, then: yarn install\n",
						tt->platform, tt->arch, tt->libc ? ", libc: [" : "", tt->libc ? tt->libc : "",
						tt->libc ? "]" : "");
			}
			fputs("      install the platform packages of ", o);
			list_names(o, &pl, k, ", ");
			fputs(" for the target, too\n", o);
			break;
		case FIX_UNPUBLISHED:
			fputs("  no published binary for ", o);
			join_platforms(r, o, &pl, k);
			fputs(": ", o);
			list_names(o, &pl, k, ", ");
			fputs("\n      build from source on the target, or use another package\n", o);
			break;
		case FIX_SYSTEM_LIBRARY:
			fputs("  install the system packages that provide: ", o);
			list_names(o, &pl, k, ", ");
			fputs("\n      the loader finds these libraries nowhere it looks\n", o);
			break;
		case FIX_EXEC_STACK:
			fputs("  patchelf --clear-execstack ", o);
			join_names(&r->a, o, &pl, k, " ");
			fputs("\n      glibc 2.41 and later refuse an executable stack (ask upstream for -z noexecstack)\n", o);
			break;
		case FIX_UPGRADE_NODE:
			fputs("  use a newer Node.js (the addon needs a newer Node-API level): ", o);
			list_names(o, &pl, k, ", ");
			fputc('\n', o);
			break;
		case FIX_LOOK_INSIDE:
			fputs("  addon-doctor --sysroot DIR ...   # DIR: the target's filesystem (an unpacked image)\n"
			      "      cannot be predicted without looking at the target system (", o);
			join_platforms(r, o, &pl, k);
			fputs("): ", o);
			list_names(o, &pl, k, ", ");
			fputc('\n', o);
			break;
		case FIX_KINDS:
			break;
		}
	}
	for (int k = 0; k < FIX_KINDS; k++)
		for (size_t i = 0; i < pl.names[k].n; i++)
			for (size_t j = 0; j < sizeof alternatives / sizeof alternatives[0]; j++)
				if (!strcmp(pl.names[k].v[i], alternatives[j].addon))
					fprintf(o, "  or replace %s with %s\n", alternatives[j].addon, alternatives[j].alt);
	for (size_t i = 0; i < pl.refused.n; i++) {
		fputs("  left out: ", o);
		const char *w = sh_word(&r->a, pl.refused.v[i]);
		term_puts(o, w ? w : "?");
		fputs("\n      not a valid npm package name installed at node_modules/<name>, so no package\n"
		      "      manager command names it (and --fix never does): rebuild it by hand\n", o);
	}
}

/* --- human report ---------------------------------------------------------- */

struct row {
	struct scan_pkg *pkg;       /* NULL: a file outside any package */
	struct scan_file *f;
	const char *label;
};

static bool is_problem(enum status st)
{
	return st == ST_FAILS || st == ST_MISSING || st == ST_UNKNOWN;
}

static const char *cell_for(struct run *r, const struct row *rw, size_t t, enum status *st_out)
{
	enum status best = ST_NOT_USED;
	const char *cause = NULL;
	bool any = false;
	for (size_t i = 0; i < r->res.n; i++) {
		const struct result *x = &r->res.v[i];
		if (x->target != t || x->pkg != rw->pkg || (!rw->pkg && x->f != rw->f))
			continue;
		any = true;
		if (x->st == ST_FAILS) {
			if (best != ST_FAILS)
				cause = x->v.cause;
			best = ST_FAILS;
		} else if (x->st == ST_MISSING && best != ST_FAILS) {
			best = ST_MISSING;
		} else if (x->st == ST_UNKNOWN && best != ST_FAILS && best != ST_MISSING) {
			if (best != ST_UNKNOWN)
				cause = x->v.cause;
			best = ST_UNKNOWN;
		} else if (x->st == ST_FALLBACK && (best == ST_NOT_USED || best == ST_LOADS)) {
			best = ST_FALLBACK;
		} else if (x->st == ST_LOADS && best == ST_NOT_USED) {
			best = ST_LOADS;
			if (x->v.outcome && !strcmp(x->v.outcome, "loads-then-crashes"))
				cause = x->v.cause;
		}
	}
	*st_out = best;
	if (!any)
		return "-";
	if (best == ST_FAILS)
		return arena_printf(&r->a, "fails: %s", cause ? cause : "unknown");
	if (best == ST_MISSING)
		return "missing";
	if (best == ST_UNKNOWN)
		return cause && strcmp(cause, "unknown") ? arena_printf(&r->a, "unknown: %s", cause) : "unknown";
	if (best == ST_FALLBACK)
		return "falls back to JS";
	if (best == ST_LOADS && cause)
		return arena_printf(&r->a, "loads (lazy: %s)", cause);
	return best == ST_LOADS ? "loads" : "not used";
}

struct rows { struct row *v; size_t n, cap; };

/* The table's rows: packages with files or results, then loose files. */
static void table_rows(struct run *r, struct rows *rows)
{
	memset(rows, 0, sizeof *rows);
	for (size_t i = 0; i < r->pkgs.all.n; i++) {
		struct scan_pkg *p = r->pkgs.all.v[i];
		bool has = p->files.n > 0;
		for (size_t j = 0; j < r->res.n && !has; j++)
			has = r->res.v[j].pkg == p;
		struct row *rw = has ? VEC_PUSH(&r->a, rows) : NULL;
		if (rw)
			*rw = (struct row){ p, NULL, pkg_label(&r->a, p, NULL) };
	}
	for (size_t i = 0; i < r->tree.files.n; i++) {
		struct scan_file *f = &r->tree.files.v[i];
		struct row *rw = f->pkg ? NULL : VEC_PUSH(&r->a, rows);
		if (rw)
			*rw = (struct row){ NULL, f, f->path };
	}
}

static void print_human(struct run *r, FILE *o)
{
	struct rows rows;
	table_rows(r, &rows);
	size_t w0 = 7;
	for (size_t i = 0; i < rows.n; i++) {
		size_t l = strlen(rows.v[i].label);
		if (l > w0)
			w0 = l;
	}
	if (w0 > 64)
		w0 = 64;
	size_t owners = addon_packages(r);
	size_t loose = 0, expecting = 0;
	for (size_t i = 0; i < rows.n; i++) {
		loose += rows.v[i].pkg == NULL;
		expecting += rows.v[i].pkg && rows.v[i].pkg->files.n == 0;
	}
	if (!loose)
		fprintf(o, "%zu addon file%s in %zu package%s", r->tree.files.n, r->tree.files.n == 1 ? "" : "s",
			owners, owners == 1 ? "" : "s");
	else if (!owners)
		fprintf(o, "%zu addon file%s, none in a package,", r->tree.files.n, r->tree.files.n == 1 ? "" : "s");
	else
		fprintf(o, "%zu addon files (%zu in %zu package%s, %zu outside any package)", r->tree.files.n,
			r->tree.files.n - loose, owners, owners == 1 ? "" : "s", loose);
	fprintf(o, " under %s (%s)", r->tree.root, r->pkgs.pm);
	if (expecting)
		fprintf(o, "; %zu more package%s lack%s one", expecting, expecting == 1 ? "" : "s",
			expecting == 1 ? "s" : "");
	fputc('\n', o);
	for (size_t t = 0; t < r->ntargets; t++) {
		const struct target *tg = tgt(r, t);
		const char *exe = tg->node && tg->node->bin ? tg->node->bin->path : NULL;
		fprintf(o, "target %s: %s %s, NODE_MODULE_VERSION %d, Node-API %s, %s", tg->spec, tg->runtime,
			tg->version, tg->modules, tg->napi >= 0 ? arena_printf(&r->a, "%d", tg->napi) : "unknown",
			target_platform(&r->a, tg));
		if (tg->host)
			fputs(" (this machine)", o);
		if (exe && !strstr(tg->spec, exe))
			fprintf(o, ", read from %s", exe);
		if (r->targets[t].env.sysroot)
			fprintf(o, ", libraries from %s", r->targets[t].env.sysroot);
		fputc('\n', o);
	}
	fputc('\n', o);
	size_t cw = 26;
	for (size_t t = 0; t < r->ntargets; t++) {
		size_t l = strlen(target_label(&r->a, tgt(r, t)));
		if (l + 1 > cw)
			cw = l + 1;
	}
	fprintf(o, "%-*s", (int)w0 + 2, "package");
	for (size_t t = 0; t < r->ntargets; t++)
		fprintf(o, "  %-*s", (int)cw, target_label(&r->a, tgt(r, t)));
	fputc('\n', o);
	for (size_t i = 0; i < rows.n; i++) {
		term_puts(o, rows.v[i].label);
		size_t l = strlen(rows.v[i].label);
		fprintf(o, "%*s", (int)(l < w0 + 2 ? w0 + 2 - l : 1), "");
		for (size_t t = 0; t < r->ntargets; t++) {
			enum status st;
			const char *c = cell_for(r, &rows.v[i], t, &st);
			const char *col = !r->color ? "" : st == ST_LOADS ? "\033[32m" :
					  st == ST_NOT_USED ? "\033[2m" : st == ST_UNKNOWN ? "\033[33m" : "\033[31m";
			fprintf(o, "  %s%-*s%s", col, (int)cw, c, r->color ? "\033[0m" : "");
		}
		fputc('\n', o);
	}
	bool header = false;
	for (size_t i = 0; i < r->res.n; i++) {
		const struct result *x = &r->res.v[i];
		if (!is_problem(x->st))
			continue;
		if (!header)
			fputs("\nProblems:\n", o);
		header = true;
		const struct target *t = tgt(r, x->target);
		fprintf(o, "\n  %s", r->color ? "\033[1m" : "");
		term_puts(o, pkg_label(&r->a, x->pkg, x->f));
		fprintf(o, " on %s%s: %s\n", target_label(&r->a, t), r->color ? "\033[0m" : "",
			x->st == ST_MISSING ? (x->m.cause ? arena_printf(&r->a, "throws (%s)", x->m.cause) : "a needed binary is missing") :
			arena_printf(&r->a, "%s (%s)%s", x->v.outcome, x->v.cause ? x->v.cause : "unknown",
				     x->v.by_reasoning ? " [by reasoning]" : ""));
		if (x->st == ST_MISSING) {
			indent_block(o, "loader", scan_loader_name(x->m.loader));
			indent_block(o, "wanted", x->m.wanted ? x->m.wanted : "?");
			indent_block(o, "error", x->m.error ? x->m.error : "(not known: the package loads it with its own code)");
			indent_block(o, "why", x->m.why ? x->m.why : "?");
			indent_block(o, "fix", missing_fix(&r->a, &x->m, t));
			continue;
		}
		indent_block(o, "file", x->f->path);
		for (size_t j = 0; j < x->f->via.n; j++)
			indent_block(o, "also", x->f->via.v[j]);
		indent_block(o, "loader", scan_loader_name(x->f->loader));
		if (x->v.error)
			indent_block(o, "error", x->v.error);
		if (x->w.why)
			indent_block(o, "why", x->w.why);
		for (size_t j = 0; j < x->v.evidence.n; j++)
			indent_block(o, j ? "" : "evidence", x->v.evidence.v[j]);
		if (x->w.fix)
			indent_block(o, "fix", x->w.fix);
	}
	print_plan(r, o);
}

/* --- JSON ------------------------------------------------------------------- */

/* p itself, or a platform package whose binary require(p) loads. */
static bool belongs_to(const struct scan_pkg *q, const struct scan_pkg *p)
{
	for (int hops = 0; q && hops < 4; hops++) {
		if (q == p)
			return true;
		q = q->platform_of ? q->platform_of : q->ngbo_main;
	}
	return false;
}

/*
 * What require(p) does on target t, from the results of its files and of
 * its platform packages' files: the file its loader picks and that file's
 * verdict, or the loader's own error when no file is there.  One record
 * per package that needs an addon (docs/scan.md "Package records").
 */
static void print_package_record(struct run *r, struct jw *w, const struct scan_pkg *p, size_t t)
{
	if (p->platform_of || p->ngbo_main || !p->name[0])
		return;
	const struct result *pick = NULL;
	int rank = -1;
	for (size_t i = 0; i < r->res.n; i++) {
		const struct result *x = &r->res.v[i];
		if (x->target != t || !belongs_to(x->pkg, p) || x->st == ST_NOT_USED)
			continue;
		/* the worst decides: a failing file, a missing one, unknown, loads */
		int k = x->st == ST_FAILS ? 5 : x->st == ST_MISSING ? 4 : x->st == ST_FALLBACK ? 3 :
			x->st == ST_UNKNOWN ? 2 : 1;
		if (k > rank) {
			rank = k;
			pick = x;
		}
	}
	if (!pick)
		return;
	const struct target *tg = tgt(r, t);
	const char *req = pick->st == ST_LOADS ? "loads" : pick->st == ST_FALLBACK ? "falls-back" :
			  pick->st == ST_UNKNOWN ? "unknown" :
			  pick->st == ST_MISSING ? (pick->m.error ? "throws" : "unknown") :
			  !strcmp(pick->v.outcome, "crashes") ? "crashes" : "throws";
	jw_obj(w);
	jw_kstr(w, "record", "package");
	jw_kstr(w, "package", p->name);
	jw_kstr(w, "version", p->version);
	jw_kstr(w, "package_dir", p->dir);
	jw_kstr(w, "target", tg->spec);
	jw_kstr(w, "loader", scan_loader_name(pick->f ? pick->f->loader : pick->m.loader));
	jw_kstr(w, "require", req);
	jw_kstr(w, "file", pick->f ? pick->f->real : NULL);
	if (pick->f) {
		jw_kstr(w, "error", pick->v.error);
		jw_kstr(w, "code", pick->v.code);
		jw_kstr(w, "cause", pick->v.cause);
		jw_kstr(w, "fix", pick->w.fix);
	} else {
		jw_kstr(w, "error", pick->m.error);
		jw_kstr(w, "code", pick->m.code);
		jw_kstr(w, "cause", pick->m.cause ? pick->m.cause : "not-found");
		jw_kstr(w, "fix", missing_fix(&r->a, &pick->m, tg));
	}
	jw_kstr(w, "why", pick->f ? pick->w.why : pick->m.why);
	jw_kstr(w, "native", p->native_why);
	jw_obj_end(w);
	jw_newline(w);
}

/*
 * One line per (file, target): check's fields (verdict_json_fields, the same
 * function `check --json` uses), then scan's own.  A file the target does
 * not load and a missing file get the same fields, filled as docs/scan.md says.
 */
static void print_json(struct run *r, FILE *o, int status)
{
	struct jw w;
	jw_init(&w, o);
	size_t counts[ST_COUNT] = { 0 };
	for (size_t i = 0; i < r->res.n; i++) {
		const struct result *x = &r->res.v[i];
		const struct target *t = tgt(r, x->target);
		counts[x->st]++;
		jw_obj(&w);
		if (x->f && (x->st == ST_LOADS || x->st == ST_FAILS || x->st == ST_UNKNOWN || x->st == ST_FALLBACK)) {
			verdict_json_fields(&w, x->f->path, t, &x->v, &x->w);
		} else {
			struct ld_result v;
			struct verdict_words vw;
			memset(&v, 0, sizeof v);
			memset(&vw, 0, sizeof vw);
			vw.package = x->pkg ? x->pkg->name : NULL;
			if (x->st == ST_MISSING || (x->st == ST_FALLBACK && !x->f)) {
				v.outcome = "throws";
				v.error = x->m.error;
				v.code = x->m.code;
				v.cause = x->m.cause ? x->m.cause : "not-found";
				v.by_reasoning = true;
				const char **e = VEC_PUSH(&r->a, &v.evidence);
				if (e)
					*e = arena_printf(&r->a, "%s looks for %s", scan_loader_name(x->m.loader),
							  x->m.wanted ? x->m.wanted : "?");
				vw.why = x->m.why;
				vw.fix = missing_fix(&r->a, &x->m, t);
			} else {
				v.real = x->f->real;
				vw.why = x->not_used_why;
			}
			verdict_json_fields(&w, x->f ? x->f->path : NULL, t, &v, &vw);
		}
		jw_kstr(&w, "loader", scan_loader_name(x->f ? x->f->loader : x->m.loader));
		jw_kbool(&w, "used", x->f && x->st != ST_NOT_USED);
		jw_kstr(&w, "status", status_word[x->st]);
		jw_key(&w, "via");
		jw_arr(&w);
		for (size_t j = 0; x->f && j < x->f->via.n; j++)
			jw_str(&w, x->f->via.v[j]);
		jw_arr_end(&w);
		jw_kstr(&w, "version", x->pkg ? x->pkg->version : NULL);
		jw_kstr(&w, "package_dir", x->pkg ? x->pkg->dir : NULL);
		jw_kstr(&w, "wanted", !x->f ? x->m.wanted : NULL);
		jw_obj_end(&w);
		jw_newline(&w);
	}
	for (size_t t = 0; t < r->ntargets; t++)
		for (size_t i = 0; i < r->pkgs.all.n; i++)
			print_package_record(r, &w, r->pkgs.all.v[i], t);
	jw_obj(&w);
	jw_kbool(&w, "summary", true);
	jw_kstr(&w, "dir", r->tree.root);
	jw_kint(&w, "files", (int64_t)r->tree.files.n);
	jw_kint(&w, "packages", (int64_t)addon_packages(r)); /* that own addon files */
	jw_key(&w, "targets");
	jw_arr(&w);
	for (size_t t = 0; t < r->ntargets; t++)
		jw_str(&w, tgt(r, t)->spec);
	jw_arr_end(&w);
	jw_kint(&w, "loads", (int64_t)counts[ST_LOADS]);
	jw_kint(&w, "fails", (int64_t)counts[ST_FAILS]);
	jw_kint(&w, "not_used", (int64_t)counts[ST_NOT_USED]);
	jw_kint(&w, "missing", (int64_t)counts[ST_MISSING]);
	jw_kint(&w, "unknown", (int64_t)counts[ST_UNKNOWN]);
	jw_kint(&w, "falls_back", (int64_t)counts[ST_FALLBACK]);
	jw_kstr(&w, "package_manager", r->pkgs.pm);
	jw_kstr(&w, "lockfile", r->pkgs.lockfile);
	jw_kint(&w, "problems", (int64_t)r->tree.problems);
	jw_kint(&w, "exit", status);
	jw_obj_end(&w);
	jw_newline(&w);
}

/* --- the command -------------------------------------------------------------- */

static bool is_yarn_classic(const char *lockfile)
{
	FILE *f = lockfile ? fopen(lockfile, "r") : NULL;
	char buf[128] = "";
	if (!f)
		return false;
	size_t n = fread(buf, 1, sizeof buf - 1, f);
	buf[n] = 0;
	fclose(f);
	return strstr(buf, "yarn lockfile v1") != NULL;
}

/* --- --fix ---------------------------------------------------------------- */

/* The run before the fixes, while the re-check runs (see run_fixes). */
static struct run *fix_before;

#ifndef __wasi__
/* Every target of kind k is this machine: only then is it ours to run. */
static bool all_here(struct run *r, const struct plan *pl, enum fix_kind k)
{
	for (size_t i = 0; i < pl->targets[k].n; i++)
		if (!tgt(r, pl->targets[k].v[i])->host)
			return false;
	return pl->targets[k].n > 0;
}

#endif

/* After the fixes: what changed, per package and target, against fix_before. */
static void print_changes(struct run *after, FILE *o)
{
	struct run *before = fix_before;
	struct rows nr, orows;
	table_rows(after, &nr);
	table_rows(before, &orows);
	size_t changed = 0, remaining = 0;
	fputs("\nAfter the fixes:\n", o);
	for (size_t i = 0; i < nr.n; i++) {
		const struct row *o_rw = NULL;
		for (size_t j = 0; j < orows.n && !o_rw; j++)
			if (!strcmp(orows.v[j].label, nr.v[i].label))
				o_rw = &orows.v[j];
		for (size_t t = 0; t < after->ntargets; t++) {
			enum status st, ost = ST_NOT_USED;
			const char *now = cell_for(after, &nr.v[i], t, &st);
			const char *was = o_rw && t < before->ntargets ? cell_for(before, o_rw, t, &ost) : "-";
			remaining += is_problem(st);
			if (!strcmp(now, was))
				continue;
			changed++;
			fputs("  ", o);
			term_puts(o, nr.v[i].label);
			fprintf(o, " on %s: %s -> %s\n", target_label(&after->a, tgt(after, t)), was, now);
		}
	}
	for (size_t j = 0; j < orows.n; j++) {
		bool still = false;
		for (size_t i = 0; i < nr.n && !still; i++)
			still = !strcmp(orows.v[j].label, nr.v[i].label);
		if (!still) {
			changed++;
			fputs("  ", o);
			term_puts(o, orows.v[j].label);
			fputs(": gone from the tree\n", o);
		}
	}
	if (!changed)
		fputs("  nothing changed\n", o);
	if (remaining)
		fprintf(o, "%zu problem%s remain%s: run 'addon-doctor scan' for the details\n", remaining,
			remaining == 1 ? "" : "s", remaining == 1 ? "s" : "");
	else
		fputs("no problems remain\n", o);
}

/*
 * Runs the part of the fix plan that belongs to this machine, one command
 * at a time (shown first, output streamed), then scans again with the same
 * arguments and reports what changed.  Returns the exit status.
 */
static int run_fixes(struct run *r, const char *dir, int argc, char **argv, int status)
{
	struct plan pl;
	if (!compute_plan(r, &pl)) {
		fputs("\n--fix: nothing to fix\n", stdout);
		return status;
	}
#ifdef __wasi__
	(void)dir;
	(void)argc;
	(void)argv;
	cli_error("--fix is not available in the WebAssembly (npx) build: it cannot start commands. "
		  "Run the fix plan above yourself, or use a native build (make install)");
	return 2;
#else
	const char *pm = r->pkgs.pm;
	bool npm = !strcmp(pm, "npm") || !strcmp(pm, "bun") || r->yarn_classic;
	const char *rebuild = npm ? "npm rebuild" : !strcmp(pm, "pnpm") ? "pnpm rebuild" : "yarn rebuild";
	/* Commands run in the scanned directory, and only when it is a project
	 * (a package.json): never in a sub-project the scan happened to find. */
	const char *where = dir;
	struct stat pst;
	if (stat(arena_printf(&r->a, "%s/package.json", dir), &pst) != 0) {
		printf("\n--fix: %s has no package.json; the plan's commands run in a project's own directory, "
		       "so nothing was run\n", dir);
		return status;
	}
	printf("\nRunning the fix plan for this machine in %s:\n", where);
	size_t ran = 0, failed = 0;
	for (int k = 0; k < FIX_KINDS; k++) {
		if (!pl.names[k].n)
			continue;
		const char **av = NULL, *env = NULL, *envv = NULL, *skip = NULL;
		bool here = all_here(r, &pl, (enum fix_kind)k);
		switch ((enum fix_kind)k) {
		case FIX_REBUILD:
			av = fix_argv(&r->a, rebuild, &pl, k, NULL, NULL, npm);
			break;
		case FIX_FROM_SOURCE:
			av = fix_argv(&r->a, rebuild, &pl, k, NULL, npm ? "--build-from-source" : NULL, npm);
			if (!npm) {
				env = "npm_config_build_from_source";
				envv = "true";
			}
			break;
		case FIX_UPDATE_BINARY:
			av = fix_argv(&r->a, rebuild, &pl, k, NULL, npm ? "--update-binary" : NULL, npm);
			if (!npm) {
				env = "npm_config_update_binary";
				envv = "true";
			}
			break;
		case FIX_ELECTRON:
			/* -w takes the list as its value; no element starts
			 * with '-' (pkg_rebuildable) */
			av = fix_argv(&r->a, "npx @electron/rebuild -f -w", &pl, k, ",", NULL, false);
			break;
		case FIX_REINSTALL_HERE:
		case FIX_REINSTALL_DAMAGED:
			if (strcmp(pm, "npm"))
				skip = "a clean reinstall deletes node_modules first; run it yourself";
			else
				av = fix_argv(&r->a, "npm ci", NULL, FIX_REBUILD, NULL, NULL, false); /* npm ci empties node_modules itself */
			break;
		case FIX_OPTIONAL_HERE:
			skip = "it deletes the lockfile (npm/cli#4828); run it yourself";
			break;
		case FIX_SYSTEM_LIBRARY:
			skip = "system packages are installed with root rights; run it yourself";
			break;
		case FIX_EXEC_STACK:
			skip = "it patches a vendor's binary; run it yourself if you accept that";
			break;
		case FIX_UPGRADE_NODE:
			skip = "which Node.js to use is your choice";
			break;
		default:
			skip = "it is for another system";
			break;
		}
		if (!skip && !here)
			skip = "it is for another system";
		if (skip || !av) {
			printf("  not run: ");
			term_puts(stdout, fix_kind_words[k]);
			printf(" (%s)\n", skip ? skip : "it names only files outside any package");
			continue;
		}
		print_words(stdout, "$ ", env, envv, av);
		fputc('\n', stdout);
		int rc = cli_run(where, av, env, envv);
		ran++;
		if (rc != 0) {
			failed++;
			if (rc < 0)
				printf("  (could not be started)\n");
			else
				printf("  (exit status %d)\n", rc);
		}
	}
	if (!ran) {
		fputs("--fix: nothing in the plan is for this machine; nothing was run\n", stdout);
		return status;
	}
	/* the same scan again, without --fix, reporting only what changed */
	char **av2 = arena_calloc(&r->a, (size_t)argc + 1, sizeof *av2);
	if (!av2)
		return 2;
	int n2 = 0;
	for (int i = 0; i < argc; i++)
		if (strcmp(argv[i], "--fix"))
			av2[n2++] = argv[i];
	fflush(stdout);
	fix_before = r;
	int after = cmd_scan(n2, av2);
	fix_before = NULL;
	if (failed)
		printf("%zu of %zu command%s failed\n", failed, ran, ran == 1 ? "" : "s");
	return after == 0 && failed ? 1 : after;
#endif
}

static void print_nothing(const char *dir, const struct scan_tree *tree)
{
	printf("No native addons (.node files) under %s%s.\n", dir,
	       tree->has_node_modules ? "" : ", and no node_modules");
	puts("Nothing to check.  To see a report, scan the bundled example\n"
	     "(built by 'make' in the addon-doctor source tree):\n"
	     "  addon-doctor examples/demo");
}

int cmd_scan(int argc, char **argv)
{
	struct run *r = calloc(1, sizeof *r);
	if (!r) {
		cli_error("out of memory");
		return 2;
	}
	arena_init(&r->a);
	const char *dir = NULL, *node_path = NULL, *sysroot = NULL;
	const char *specs[MAX_TARGETS];
	size_t nspecs = 0;
	bool json = false, fix = false;
	int status = 2;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
			fputs(scan_help, stdout);
			status = 0;
			goto out;
		} else if (!strcmp(a, "--json")) {
			json = true;
		} else if (!strcmp(a, "--fix")) {
			fix = true;
		} else if (!strcmp(a, "--target") || !strncmp(a, "--target=", 9)) {
			const char *spec = a[8] == '=' ? a + 9 : (i + 1 < argc ? argv[++i] : NULL);
			if (!spec) {
				status = cli_usage_error("scan", "--target needs a value, e.g. node@22");
				goto out;
			}
			if (nspecs >= MAX_TARGETS) {
				status = cli_usage_error("scan", "at most %d --target options", MAX_TARGETS);
				goto out;
			}
			specs[nspecs++] = spec;
		} else if (!strcmp(a, "--node") || !strncmp(a, "--node=", 7) ||
			   !strcmp(a, "--sysroot") || !strncmp(a, "--sysroot=", 10)) {
			bool node = !strncmp(a, "--node", 6);
			size_t n = node ? 6 : 9;
			const char *v = a[n] == '=' ? a + n + 1 : (i + 1 < argc ? argv[++i] : NULL);
			if (!v) {
				status = cli_usage_error("scan", "%s needs a value", node ? "--node" : "--sysroot");
				goto out;
			}
			*(node ? &node_path : &sysroot) = v;
		} else if (!strcmp(a, "--")) {
			if (i + 1 < argc)
				dir = argv[++i];
		} else if (a[0] == '-' && a[1]) {
			status = cli_usage_error("scan", "unknown option '%s'", a);
			goto out;
		} else if (dir) {
			status = cli_usage_error("scan", "one directory at a time (got '%s' and '%s')", dir, a);
			goto out;
		} else {
			dir = a;
		}
	}
	if (fix && json) {
		status = cli_usage_error("scan", "--fix shows commands and their output as they run; use it without --json");
		goto out;
	}
	if (!dir)
		dir = ".";
	/* The same targets as check: --node first, then each --target, else the
	 * node on PATH (read, never run). */
	const char *err = NULL;
	if (node_path) {
		if (target_from_node(&r->a, node_path, node_path, &r->targets[r->ntargets].t, &err) != 0) {
			cli_error("--node: %s", err ? err : "cannot read it");
			goto out;
		}
		r->ntargets++;
	}
	for (size_t i = 0; i < nspecs; i++) {
		if (target_parse(&r->a, specs[i], &r->targets[r->ntargets].t, &err) != 0) {
			status = cli_usage_error("scan", "--target %s: %s", specs[i], err ? err : "bad target");
			goto out;
		}
		r->ntargets++;
	}
	const char *default_err = NULL;
	if (r->ntargets == 0) {
		if (target_default(&r->a, &r->targets[0].t, &default_err) == 0)
			r->ntargets = 1;
		else if (!default_err)
			default_err = "cannot determine the default target";
	}
	if (sysroot) {
		struct stat st;
		if (stat(sysroot, &st) || !S_ISDIR(st.st_mode)) {
			cli_error("--sysroot %s: not a directory", sysroot);
			goto out;
		}
	}
	clock_gettime(CLOCK_MONOTONIC, &scan_start);
	bool tty_err = isatty(2);
	if (scan_walk(&r->a, dir, &r->tree, stderr, tty_err ? progress : NULL) != 0)
		goto out;
	if (progress_shown)
		fputs("\r\033[K", stderr);
	scan_attribute(&r->a, &r->tree, &r->pkgs);
	r->yarn_classic = !strcmp(r->pkgs.pm, "yarn") && is_yarn_classic(r->pkgs.lockfile);
	r->color = !json && term_use_color(stdout);
	if (default_err) {
		/* No node to model: only an empty tree can still be reported on. */
		if (r->tree.files.n == 0 && !json) {
			print_nothing(dir, &r->tree);
			status = 0;
		} else {
			cli_error("%s", default_err);
		}
		goto out;
	}
	for (size_t t = 0; t < r->ntargets; t++) {
		const char *warn = NULL;
		int rc = verdict_target_init(&r->a, &r->targets[t], sysroot, &warn);
		if (warn)
			cli_error("%s (ignored)", warn);
		if (rc) {
			cli_error("out of memory");
			goto out;
		}
	}

	for (size_t t = 0; t < r->ntargets; t++) {
		const struct target *tg = tgt(r, t);
		for (size_t i = 0; i < r->tree.files.n; i++) {
			struct scan_file *f = &r->tree.files.v[i];
			struct result *x = VEC_PUSH(&r->a, &r->res);
			if (!x)
				break;
			x->f = f;
			x->pkg = f->pkg;
			x->target = t;
			if (scan_select(&r->a, f, tg, &x->not_used_why) == USE_NOT_USED) {
				x->st = ST_NOT_USED;
				continue;
			}
			/* the file's model lives in a scratch arena; the report
			 * keeps only its texts, so memory stays flat in the
			 * number of addons */
			struct arena fa;
			arena_init(&fa);
			scan_verdict(&fa, &r->targets[t], f, &x->v, &x->w);
			verdict_keep(&r->a, &x->v, &x->w);
			arena_release(&fa);
			/* loads-then-crashes: require() returns; a symbol bound on
			 * first call is missing, on a path the package may never
			 * take (lmdb on Node 22): a warning in the table, not a
			 * failure of require() */
			x->st = !strcmp(x->v.outcome, "loads") || !strcmp(x->v.outcome, "loads-then-crashes") ? ST_LOADS :
				!strcmp(x->v.outcome, "unknown") ? ST_UNKNOWN : ST_FAILS;
			if (x->st == ST_FAILS && falls_back(f->pkg))
				x->st = ST_FALLBACK;
		}
		for (size_t i = 0; i < r->pkgs.all.n; i++) {
			struct scan_missing m;
			if (!scan_find_missing(&r->a, &r->pkgs, r->pkgs.all.v[i], tg, &m))
				continue;
			struct result *x = VEC_PUSH(&r->a, &r->res);
			if (!x)
				break;
			x->pkg = r->pkgs.all.v[i];
			x->target = t;
			x->st = falls_back(x->pkg) ? ST_FALLBACK : ST_MISSING;
			x->m = m;
		}
	}
	if (rf_budget_spent())
		cli_error("the run's read budget of %llu bytes is spent: the files after that point are reported "
			  "as unknown (ADDON_DOCTOR_READ_BUDGET raises it)", (unsigned long long)rf_budget_total());
	bool bad = false;
	for (size_t i = 0; i < r->res.n; i++)
		bad |= is_problem(r->res.v[i].st);
	status = bad ? 1 : 0;

	if (fix_before && !json)
		print_changes(r, stdout);
	else if (json)
		print_json(r, stdout, status);
	else if (r->res.n == 0)
		print_nothing(dir, &r->tree);
	else
		print_human(r, stdout);
	if (fix && !fix_before)
		status = run_fixes(r, dir, argc, argv, status);
	if (fflush(stdout) != 0)
		status = 2;
out:
	for (size_t t = 0; t < r->ntargets; t++)
		verdict_target_close(&r->targets[t]);
	arena_release(&r->a);
	free(r);
	return status;
}
