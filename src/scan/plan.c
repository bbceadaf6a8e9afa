/*
 * plan.c - the fix plan as data: for every problem of a run, which command
 * fixes it (in the project's package manager's syntax), for which targets,
 * whether --fix may run it here, and why not.  The report prints the steps
 * (report/scan_report.c); `scan --fix` runs the runnable ones
 * (cli/cmd_scan.c).  Both use the same argument vector.
 *
 * Package names come from package.json files anyone can write: only names
 * that pass pkg_rebuildable() become arguments; others are listed as
 * refused.
 */
#include "scan.h"

#include <stdio.h>
#include <string.h>

#include "../util/shquote.h"

/* names of one kind, the packages they stand for, and the targets */
struct kindset {
	VEC(const char *) names;
	VEC(const struct scan_pkg *) pkgs;
	VEC(size_t) targets;
};

struct plan {
	struct kindset k[FIX_KINDS];
	VEC(const char *) refused;
};
#define names_of(pl, kind) ((pl)->k[kind].names)

/* What to do about a missing file, in words (the plan gives commands). */
const char *scan_missing_fix(struct arena *a, const struct scan_missing *m, const struct target *t)
{
	const char *name = m->pkg ? sh_word(a, m->pkg->name) : "<package>";
	if (!name)
		name = "<package>";
	if (m->optional_absent && m->loader == LOADER_NGB_OPTIONAL)
		return arena_printf(a, "install %s (an optional dependency: npm installs only the installing "
				    "machine's platform packages)", m->wanted);
	if (m->optional_absent && m->loader == LOADER_UNKNOWN)
		return arena_printf(a, "install %s's platform packages for %s (optional dependencies: npm installs only "
				    "the installing machine's)", name, scan_target_platform(a, t));
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
					    name, scan_target_platform(a, t));
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
	for (size_t i = 0; i < pl->k[k].names.n; i++)
		seen |= !strcmp(pl->k[k].names.v[i], name);
	const char **n = seen ? NULL : VEC_PUSH(a, &pl->k[k].names);
	const struct scan_pkg **np = n ? VEC_PUSH(a, &pl->k[k].pkgs) : NULL;
	if (n)
		*n = name;
	if (np)
		*np = pkg;
	bool tseen = false;
	for (size_t i = 0; i < pl->k[k].targets.n; i++)
		tseen |= pl->k[k].targets.v[i] == target;
	size_t *t = tseen ? NULL : VEC_PUSH(a, &pl->k[k].targets);
	if (t)
		*t = target;
}

#define plan_add(a, pl, kind, name, target) plan_add_pkg(&r->tree, a, pl, kind, name, x->pkg, target)

/* Does the project's package-lock.json list node_modules/<name>? */
static bool lockfile_lists(struct scan_run *r, const char *name)
{
	const char *lf = r->pkgs.lockfile;
	if (!name || !lf || strcmp(r->pkgs.pm, "npm"))
		return false;
	size_t ll = strlen(lf);
	if (ll < 17 || strcmp(lf + ll - 17, "package-lock.json"))
		return false;
	if (!r->lock_read) {
		r->lock_read = true;
		r->lock_text = scan_read_small(&r->a, lf, (size_t)256 << 20, &r->lock_len);
	}
	const char *key = arena_printf(&r->a, "\"node_modules/%s\"", name);
	return r->lock_text && key && strstr(r->lock_text, key);
}

/*
 * Which fix a result calls for.  t->host (runtime/target.c: same platform,
 * arch and libc as this machine, whether the target was named or read from
 * PATH) decides between a command to run here and one to run inside the
 * target environment.
 */
static void classify_fix(struct scan_run *r, struct plan *pl, const struct scan_result *x)
{
	const struct target *t = (&r->targets[x->target].t);
	const char *name = x->pkg ? x->pkg->name : NULL;
	if (x->st == ST_MISSING) {
		if (x->m.loader == LOADER_NAPI_RS && x->m.unpublished)
			plan_add(&r->a, pl, FIX_UNPUBLISHED, name, x->target);
		else if ((x->m.loader == LOADER_NAPI_RS || x->m.optional_absent) && t->host &&
			 lockfile_lists(r, x->m.wanted))
			/* the lockfile has it (npm 7+ records every platform's optional
			 * packages): node_modules came from another machine, and a clean
			 * install from the lockfile brings it; no need to drop the lockfile */
			plan_add(&r->a, pl, FIX_REINSTALL_HERE, name, x->target);
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
	/* --no-addons (an image's NODE_OPTIONS): nothing to rebuild or
	 * reinstall; the record's fix names the option */
	if (!strcmp(c, "addons-disabled"))
		return;
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
	else if (!strcmp(c, "napi-too-new") || !strcmp(c, "node-too-old"))
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
	size_t nn = pl ? pl->k[k].names.n : 0;
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
			len += strlen(pl->k[k].names.v[i]) + strlen(join);
		char *j = arena_alloc(a, len);
		if (!j)
			return NULL;
		for (size_t i = 0; i < nn; i++) {
			if (i)
				strcat(j, join);
			strcat(j, pl->k[k].names.v[i]);
		}
		v[n++] = j;
	} else {
		for (size_t i = 0; i < nn; i++)
			v[n++] = pl->k[k].names.v[i];
	}
	v[n] = NULL;
	return v;
}


/* The names of kind k joined by sep: as shell words (quote) or as they are. */
static const char *joined(struct arena *a, const struct plan *pl, enum fix_kind k, const char *sep, bool quote)
{
	const char *s = "";
	for (size_t i = 0; i < pl->k[k].names.n && s; i++) {
		const char *w = quote ? sh_word(a, pl->k[k].names.v[i]) : pl->k[k].names.v[i];
		s = arena_printf(a, "%s%s%s", s, i ? sep : "", w ? w : "?");
	}
	return s ? s : "?";
}

/* The targets of one kind: "linux-arm64-musl, darwin-arm64". */
static const char *platforms(struct scan_run *r, const struct plan *pl, enum fix_kind k)
{
	const char *s = "";
	for (size_t i = 0; i < pl->k[k].targets.n && s; i++) {
		const char *p = scan_target_platform(&r->a, &r->targets[pl->k[k].targets.v[i]].t);
		bool dup = false;
		for (size_t j = 0; j < i; j++)
			dup |= !strcmp(p, scan_target_platform(&r->a, &r->targets[pl->k[k].targets.v[j]].t));
		if (!dup)
			s = arena_printf(&r->a, "%s%s%s", s, *s ? ", " : "", p);
	}
	return s ? s : "?";
}

/* Every target of kind k is this machine: only then is it ours to run. */
static bool all_here(struct scan_run *r, const struct plan *pl, enum fix_kind k)
{
	for (size_t i = 0; i < pl->k[k].targets.n; i++)
		if (!r->targets[pl->k[k].targets.v[i]].t.host)
			return false;
	return pl->k[k].targets.n > 0;
}

static struct plan_step *step(struct scan_run *r, struct scan_plan *out, const struct plan *pl, enum fix_kind k)
{
	struct plan_step *s = VEC_PUSH(&r->a, &out->steps);
	if (s) {
		s->kind = k;
		s->words = fix_kind_words[k];
		s->here = all_here(r, pl, k);
	}
	return s;
}

size_t scan_plan_compute(struct scan_run *r, struct scan_plan *out)
{
	memset(out, 0, sizeof *out);
	struct plan pl;
	memset(&pl, 0, sizeof pl);
	for (size_t i = 0; i < r->res.n; i++)
		if (scan_is_problem(r->res.v[i].st)) {
			classify_fix(r, &pl, &r->res.v[i]);
			out->problems++;
		}
	struct arena *a = &r->a;
	const char *pm = r->pkgs.pm;
	bool npm = !strcmp(pm, "npm") || !strcmp(pm, "bun") || r->yarn_classic;
	const char *rebuild = npm ? "npm rebuild" : !strcmp(pm, "pnpm") ? "pnpm rebuild" : "yarn rebuild";
	const char *ci = !strcmp(pm, "pnpm") ? "pnpm install --frozen-lockfile" :
			 !strcmp(pm, "yarn") ? (r->yarn_classic ? "yarn install --frozen-lockfile" : "yarn install --immutable") :
			 !strcmp(pm, "bun") ? "bun install --frozen-lockfile" : "npm ci";
	out->pm = pm;
	out->lockfile = r->pkgs.lockfile;
	out->refused.v = pl.refused.v;
	out->refused.n = pl.refused.n;
	out->refused.cap = pl.refused.cap;
	for (int ki = 0; ki < FIX_KINDS; ki++) {
		enum fix_kind k = (enum fix_kind)ki;
		if (!pl.k[k].names.n)
			continue;
		struct plan_step *s;
		switch (k) {
		case FIX_REBUILD:
			if (!(s = step(r, out, &pl, k)))
				return out->problems;
			s->argv = s->run_argv = fix_argv(a, rebuild, &pl, k, NULL, NULL, npm);
			s->note = "rebuild with the target's Node.js on PATH (this machine)";
			break;
		case FIX_FROM_SOURCE:
		case FIX_FROM_SOURCE_TARGET:
		case FIX_UPDATE_BINARY: {
			if (!(s = step(r, out, &pl, k)))
				return out->problems;
			bool upd = k == FIX_UPDATE_BINARY;
			s->argv = s->run_argv = fix_argv(a, rebuild, &pl, k, NULL,
							 npm ? (upd ? "--update-binary" : "--build-from-source") : NULL, npm);
			if (!npm) {
				s->env_name = upd ? "npm_config_update_binary" : "npm_config_build_from_source";
				s->env_value = "true";
			}
			if (k == FIX_FROM_SOURCE) {
				s->note = "compile on this machine: no usable prebuilt binary";
			} else if (upd) {
				s->note = "node-pre-gyp keeps an existing binary unless told to replace it";
			} else {
				s->suffix = arena_printf(a, "   # run inside the target environment (%s), not here", platforms(r, &pl, k));
				s->note = "compile where it runs: the prebuilt binary does not fit that system";
				s->not_run = "it is for another system";
			}
			break;
		}
		case FIX_ELECTRON:
			if (!(s = step(r, out, &pl, k)))
				return out->problems;
			/* -w takes the list as its value; no element starts
			 * with '-' (pkg_rebuildable) */
			s->argv = s->run_argv = fix_argv(a, "npx @electron/rebuild -f -w", &pl, k, ",", NULL, false);
			s->note = "rebuild against Electron's headers and ABI";
			break;
		case FIX_REINSTALL_HERE:
			/* Binaries installed on another OS/arch/libc: a clean install
			 * from the lockfile (rm -rf node_modules && npm ci) is the
			 * fix, the same words verdict.c gives the problem.  The
			 * lockfile is right (only node_modules came from elsewhere),
			 * so it is kept; deleting it (the optional-packages step
			 * below) is for npm/cli#4828 only and is never run by --fix.
			 * So this step stays even when that one is in the plan:
			 * one cause, one fix, said one way, and --fix can run it. */
		case FIX_REINSTALL_DAMAGED:
			if (!(s = step(r, out, &pl, k)))
				return out->problems;
			s->text = arena_printf(a, "rm -rf node_modules && %s", ci);
			s->note = k == FIX_REINSTALL_HERE
				? arena_printf(a, "node_modules was installed on another platform (%s); reinstall",
					       joined(a, &pl, k, ", ", false))
				: arena_printf(a, "damaged, incomplete or non-addon files (%s); reinstall",
					       joined(a, &pl, k, ", ", false));
			if (strcmp(pm, "npm"))
				s->not_run = "a clean reinstall deletes node_modules first; run it yourself";
			else
				s->run_argv = fix_argv(a, "npm ci", NULL, FIX_REBUILD, NULL, NULL, false); /* npm ci empties node_modules itself */
			break;
		case FIX_REINSTALL_TARGET:
			if (!(s = step(r, out, &pl, k)))
				return out->problems;
			s->text = ci;
			s->suffix = arena_printf(a, "   # run inside the target environment (%s), not here", platforms(r, &pl, k));
			s->note = arena_printf(a, "%s: binaries are chosen at install time for the installing machine",
					       joined(a, &pl, k, ", ", false));
			s->not_run = "it is for another system";
			break;
		case FIX_OPTIONAL_HERE:
			if (!(s = step(r, out, &pl, k)))
				return out->problems;
			s->text = !strcmp(pm, "pnpm") ? "pnpm install --force" :
				  !strcmp(pm, "yarn") ? "yarn install --check-files" :
				  "rm -rf node_modules package-lock.json && npm install";
			s->note = arena_printf(a, "optional platform packages were skipped (npm/cli#4828) for: %s",
					       joined(a, &pl, k, ", ", false));
			s->not_run = "it deletes the lockfile (npm/cli#4828); run it yourself";
			break;
		case FIX_OPTIONAL_TARGET:
			for (size_t i = 0; i < pl.k[k].targets.n; i++) {
				const struct target *tt = &r->targets[pl.k[k].targets.v[i]].t;
				if (!(s = step(r, out, &pl, k)))
					return out->problems;
				if (npm)
					s->text = arena_printf(a, "npm install --os=%s --cpu=%s%s%s", tt->platform, tt->arch,
							       tt->libc ? " --libc=" : "", tt->libc ? tt->libc : "");
				else if (!strcmp(pm, "pnpm"))
					s->text = arena_printf(a, "# add {\"os\":[\"%s\"],\"cpu\":[\"%s\"]%s%s%s} to pnpm.supportedArchitectures in package.json, then: pnpm install",
							       tt->platform, tt->arch, tt->libc ? ",\"libc\":[\"" : "", tt->libc ? tt->libc : "",
							       tt->libc ? "\"]" : "");
				else
					s->text = arena_printf(a, "# add os: [%s], cpu: [%s]%s%s%s to supportedArchitectures in .yarnrc.yml, then: yarn install",
							       tt->platform, tt->arch, tt->libc ? ", libc: [" : "", tt->libc ? tt->libc : "",
							       tt->libc ? "]" : "");
				if (i + 1 == pl.k[k].targets.n)
					s->note = arena_printf(a, "install the platform packages of %s for the target, too",
							       joined(a, &pl, k, ", ", false));
				s->not_run = "it is for another system";
			}
			break;
		case FIX_UNPUBLISHED:
			if (!(s = step(r, out, &pl, k)))
				return out->problems;
			s->text = arena_printf(a, "no published binary for %s: %s", platforms(r, &pl, k), joined(a, &pl, k, ", ", false));
			s->note = "build from source on the target, or use another package";
			s->not_run = "it is for another system";
			break;
		case FIX_SYSTEM_LIBRARY:
			if (!(s = step(r, out, &pl, k)))
				return out->problems;
			s->text = arena_printf(a, "install the system packages that provide: %s", joined(a, &pl, k, ", ", false));
			s->note = "the loader finds these libraries nowhere it looks";
			s->not_run = "system packages are installed with root rights; run it yourself";
			break;
		case FIX_EXEC_STACK:
			if (!(s = step(r, out, &pl, k)))
				return out->problems;
			s->text = arena_printf(a, "patchelf --clear-execstack %s", joined(a, &pl, k, " ", true));
			s->note = "glibc 2.41 and later refuse an executable stack (ask upstream for -z noexecstack)";
			s->not_run = "it patches a vendor's binary; run it yourself if you accept that";
			break;
		case FIX_UPGRADE_NODE:
			if (!(s = step(r, out, &pl, k)))
				return out->problems;
			s->text = arena_printf(a, "use a newer Node.js (the addon needs a newer Node-API level): %s",
					       joined(a, &pl, k, ", ", false));
			s->not_run = "which Node.js to use is your choice";
			break;
		case FIX_LOOK_INSIDE:
			if (!(s = step(r, out, &pl, k)))
				return out->problems;
			s->text = "addon-doctor --sysroot DIR ...   # DIR: the target's filesystem (an unpacked image)";
			s->note = arena_printf(a, "cannot be predicted without looking at the target system (%s): %s",
					       platforms(r, &pl, k), joined(a, &pl, k, ", ", false));
			s->not_run = "it is for another system";
			break;
		case FIX_KINDS:
			break;
		}
	}
	for (int k = 0; k < FIX_KINDS; k++)
		for (size_t i = 0; i < pl.k[k].names.n; i++)
			for (size_t j = 0; j < sizeof alternatives / sizeof alternatives[0]; j++)
				if (!strcmp(pl.k[k].names.v[i], alternatives[j].addon)) {
					const char **e = VEC_PUSH(a, &out->alternatives);
					if (e)
						*e = arena_printf(a, "or replace %s with %s", alternatives[j].addon, alternatives[j].alt);
				}
	return out->problems;
}
