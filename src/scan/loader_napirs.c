/*
 * loader_napirs.c - the loaders @napi-rs/cli generates into a package's
 * index.js (or js-binding.js), replayed per generation, read for facts from
 * the published packages (tests/t/loader-replay.sh lists them):
 *
 *   helper  cli 1.x: loadBinding(__dirname, '<bin>', '<pkg>') of
 *           @node-rs/helper 1.x; for every triple @napi-rs/triples 2.x lists
 *           for process.platform/arch (no libc detection: linux-x64 tries
 *           gnu, gnux32, then musl), the package <pkg>-<triple> first, then
 *           the local <bin>.<triple>.node.  None: "Can not load bindings\n"
 *           and "Installed packages: [<siblings named <pkg>*>]".
 *   v2      cli 2.x and 3.0 alphas up to ~.40 (localFileExisted): one triple
 *           per target, the local file if it exists, else the package; the
 *           error is the raw one of that last require(), as Node words it
 *           (Cannot find module '<pkg>-<triple>'; its Require stack left out).
 *   v3a     later 3.0 alphas (loadErrors[]): the local file, then the
 *           package, each in try/catch; "Failed to load native binding".
 *   v3      newest 3.x: the same order; "Cannot find native binding. npm has
 *           a bug ...".
 *
 * Every generation except helper tries darwin-universal (local, package)
 * before darwin-<arch> when its code has that branch, and tests isMusl() on
 * linux-arm only when the code names linux-arm-musleabihf.  The names come
 * from the code itself ('./<bin>.<triple>.node', '<pkg>-<triple>'); a
 * target whose triple the code does not name is not replayed (unknown).
 * The first candidate that exists is the file loaded, whatever happens when
 * it loads.  lightningcss and rollup, built with napi-rs, carry loaders of
 * their own (own_loader below).  A template outside main (js-binding.js)
 * whose error main may catch (@swc/core 1.3) gives no error (unknown), and
 * so does a loader ending with napi-postinstall's fallback (unrs-resolver),
 * which downloads the missing platform package at require() time
 * (postinstall_fallback below).  The code is read, never executed.
 */
#include "scan.h"

#include <dirent.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../util/jsonread.h"

#define NAPI_JS_MAX (2u << 20)

static const char NAPI_RS_ERROR[] =
	"Cannot find native binding. npm has a bug related to optional dependencies "
	"(https://github.com/npm/cli/issues/4828). Please try `npm i` again after removing "
	"both package-lock.json and node_modules directory.";

/*
 * The template in a file other than main (js-binding.js, binding.js): its
 * error reaches require(pkg) only when main require()s it outside a try
 * block (@napi-rs/canvas does; @swc/core 1.3 catches it and falls back to
 * @swc/wasm).  True when that cannot be seen: no relative require() of
 * it in main, or a `try` shortly before that require().
 */
static bool wrapped(struct arena *a, const char *main_code, const char *main_rel, const char *file)
{
	if (!main_code || !file)
		return true;
	if (!main_rel)
		main_rel = "index.js";
	for (const char *p = strstr(main_code, "require("); p; p = strstr(p + 1, "require(")) {
		const char *q = p + 8, *end = (*q == '\'' || *q == '"') ? strchr(q + 1, *q) : NULL;
		if (!end || end - q > 256 || q[1] != '.')
			continue;
		const char *spec = arena_printf(a, "%.*s", (int)(end - q - 1), q + 1);
		const char *to = spec ? scan_rel_join(a, main_rel, spec) : NULL;
		const char *tojs = to ? arena_printf(a, "%s.js", to) : NULL;
		if (!to || (strcmp(to, file) && (!tojs || strcmp(tojs, file))))
			continue;
		for (const char *b = p; b > main_code && p - b < 400; b--)
			if (!strncmp(b, "try", 3) && (b[3] == ' ' || b[3] == '{' || b[3] == '\n'))
				return true;
		return false;
	}
	return true;
}

/* The file a template lives in: main, else the names napi-rs generates. */
static void napi_read_code(struct arena *a, struct scan_pkg *m)
{
	m->napi_read = true;
	const char *main = m->json ? jv_get_str(m->json, "main") : NULL;
	/* <napi.name>.js: the file the CLI generated beside a hand-written
	 * index.js in some packages (@napi-rs/uuid 0.2: uuid.js) */
	const struct jv *nf = m->json ? jv_get(m->json, "napi") : NULL;
	const char *nn = nf && nf->type == JV_OBJ ? jv_get_str(nf, "name") : NULL;
	if (!nn && nf && nf->type == JV_OBJ)
		nn = jv_get_str(nf, "binaryName");
	const char *own = nn && !strchr(nn, '/') && strlen(nn) < 128 ? arena_printf(a, "%s.js", nn) : NULL;
	const char *tries[] = { main, "index.js", "js-binding.js", "binding.js", "dist/native.js", own };
	const char *main_code = NULL, *main_at = NULL;
	for (size_t i = 0; i < sizeof tries / sizeof tries[0]; i++) {
		if (!tries[i] || strlen(tries[i]) > 256 || strstr(tries[i], ".."))
			continue;
		const char *path = arena_printf(a, "%s/%s", m->dir_real, tries[i]);
		size_t len = 0;
		char *code = path ? scan_read_small(a, path, NAPI_JS_MAX, &len) : NULL;
		if (!code || memchr(code, 0, len))
			continue;
		if (!main_code) {
			main_code = code;
			main_at = tries[i];
		}
		enum scan_napi_tpl tpl = NAPI_TPL_NONE;
		if (strstr(code, "@node-rs/helper") && strstr(code, "loadBinding("))
			tpl = NAPI_TPL_HELPER;
		else if (strstr(code, "Cannot find native binding"))
			tpl = NAPI_TPL_V3;
		else if (strstr(code, "loadErrors") && strstr(code, "Failed to load native binding"))
			tpl = NAPI_TPL_V3A;
		else if (strstr(code, "localFileExisted") && strstr(code, "loadError"))
			tpl = NAPI_TPL_V2;
		else if (strstr(code, "`lightningcss-${parts.join('-')}`"))
			tpl = NAPI_TPL_LIGHTNINGCSS;
		else if (strstr(code, "requireWithFriendlyError") && strstr(code, "bindingsByPlatformAndArch") &&
			 strstr(code, "`@rollup/rollup-${packageBase}`"))
			tpl = NAPI_TPL_ROLLUP;
		if (tpl != NAPI_TPL_NONE) {
			m->napi_tpl = tpl;
			m->napi_code = code;
			/* rollup 4's dist/native.js is required at the top of
			 * dist/shared/parseAst.js, outside any try, so its error
			 * reaches require('rollup') (scan-truth's ground truth) */
			if (code != main_code && tpl != NAPI_TPL_ROLLUP)
				m->napi_wrapped = wrapped(a, main_code, main_at, tries[i]);
			return;
		}
	}
}

/* The quoted literal in code that ends with suffix (its closing quote
 * included in suffix): the literal's text before suffix; NULL when none.
 * want_dot_slash: the literal must start with "./" (a file), else not. */
static const char *literal_ending(struct arena *a, const char *code, const char *suffix, bool want_dot_slash)
{
	for (const char *p = strstr(code, suffix); p; p = strstr(p + 1, suffix)) {
		const char *q = p;
		while (q > code && q[-1] != '\'' && q[-1] != '"' && q[-1] != '`' && q[-1] != '\n' && p - q < 200)
			q--;
		if (q == code || (q[-1] != '\'' && q[-1] != '"'))
			continue;
		if (want_dot_slash != !strncmp(q, "./", 2))
			continue;
		return arena_printf(a, "%.*s", (int)(p - q), q);
	}
	return NULL;
}

/* @napi-rs/triples 2.1's platformArchABI list for platform/arch, the
 * part of it a project can be on. */
static size_t helper_triples(const struct target *t, const char **out)
{
	const char *p = t->platform, *c = t->arch;
	size_t n = 0;
	if (!strcmp(p, "linux")) {
		if (!strcmp(c, "x64")) {
			out[n++] = "linux-x64-gnu"; out[n++] = "linux-x64-gnux32"; out[n++] = "linux-x64-musl";
		} else if (!strcmp(c, "arm64")) {
			out[n++] = "linux-arm64-gnu"; out[n++] = "linux-arm64-musl";
		} else if (!strcmp(c, "arm")) {
			out[n++] = "linux-arm-gnu"; out[n++] = "linux-arm-gnueabihf";
			out[n++] = "linux-arm-musl"; out[n++] = "linux-arm-musleabihf";
		} else if (!strcmp(c, "ia32")) {
			out[n++] = "linux-ia32-gnu"; out[n++] = "linux-ia32-musl";
		}
	} else if (!strcmp(p, "darwin")) {
		if (!strcmp(c, "x64") || !strcmp(c, "arm64"))
			out[n++] = !strcmp(c, "x64") ? "darwin-x64" : "darwin-arm64";
	} else if (!strcmp(p, "win32")) {
		if (!strcmp(c, "x64")) {
			out[n++] = "win32-x64-gnu"; out[n++] = "win32-x64-gnullvm"; out[n++] = "win32-x64-msvc";
		} else if (!strcmp(c, "arm64")) {
			out[n++] = "win32-arm64-gnullvm"; out[n++] = "win32-arm64-msvc";
		} else if (!strcmp(c, "ia32")) {
			out[n++] = "win32-ia32-gnu"; out[n++] = "win32-ia32-gnullvm"; out[n++] = "win32-ia32-msvc";
		}
	} else if (!strcmp(p, "freebsd") && !strcmp(c, "x64")) {
		out[n++] = "freebsd-x64";
	}
	return n;
}

/* The i-th quoted argument of loadBinding(...), NULL when not a literal. */
static const char *helper_arg(struct arena *a, const char *code, int i)
{
	/* the call, not a mention: loadBinding(__dirname, ... */
	const char *p = strstr(code, "loadBinding(__dirname");
	if (!p)
		return NULL;
	p += strlen("loadBinding(");
	for (int k = 0; k <= i; k++) {
		while (*p == ' ' || *p == '\n' || *p == '\t')
			p++;
		const char *start = p;
		if (*p == '\'' || *p == '"') {
			const char *end = strchr(p + 1, *p);
			if (!end || end - p > 256)
				return NULL;
			if (k == i)
				return arena_printf(a, "%.*s", (int)(end - p - 1), p + 1);
			p = end + 1;
		} else {
			if (k == i)
				return NULL;
			while (*p && *p != ',' && *p != ')' && p - start < 64)
				p++;
		}
		while (*p == ' ')
			p++;
		if (*p != ',')
			return NULL;
		p++;
	}
	return NULL;
}

static bool regular(const char *path)
{
	struct stat st;
	return path && stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* realpath as an arena string, NULL when it does not resolve. */
static const char *real_of(struct arena *a, const char *path)
{
	char *rp = path ? realpath(path, NULL) : NULL;
	const char *r = rp ? arena_strdup(a, rp) : NULL;
	free(rp);
	return r;
}

/* require('<name>') from dir: the file it loads (package.json main, else
 * index.node... as Node tries them, the few napi-rs ones), NULL if none. */
static const char *package_file(struct arena *a, const char *from_real, const char *name)
{
	const char *dir = scan_resolve_dir(a, from_real, name);
	if (!dir)
		return NULL;
	size_t len = 0;
	const char *pj = arena_printf(a, "%s/package.json", dir);
	char *text = pj ? scan_read_small(a, pj, 1u << 20, &len) : NULL;
	const struct jv *json = text ? json_parse(a, text, len) : NULL;
	const char *main = json && json->type == JV_OBJ ? jv_get_str(json, "main") : NULL;
	if (main && strlen(main) < 512) {
		const char *f = arena_printf(a, "%s/%s", dir, main);
		if (regular(f))
			return real_of(a, f);
	}
	static const char *const idx[] = { "index.js", "index.json", "index.node" };
	for (size_t i = 0; i < 3; i++) {
		const char *f = arena_printf(a, "%s/%s", dir, idx[i]);
		if (regular(f))
			return real_of(a, f);
	}
	return NULL;
}

/* @node-rs/helper's "Installed packages": the siblings of the main
 * package's directory whose names start with its unscoped name (libuv's
 * scandir order), from two levels above its resolved main file. */
static const char *helper_installed(struct arena *a, const struct scan_pkg *m, const char *pkgname)
{
	const char *mainf = package_file(a, m->dir_real, pkgname);
	if (!mainf)
		return "";
	char *d = arena_strdup(a, mainf);
	for (int up = 0; d && up < 2; up++) {
		char *s = strrchr(d, '/');
		if (!s || s == d)
			return "";
		*s = 0;
	}
	const char *base = strrchr(pkgname, '/');
	base = base ? base + 1 : pkgname;
	DIR *dh = d ? opendir(d) : NULL;
	if (!dh)
		return "";
	VEC(const char *) names = { 0 };
	size_t bl = strlen(base);
	for (struct dirent *e; (e = readdir(dh)) && names.n < 256;)
		if (strcmp(e->d_name, base) && !strncmp(e->d_name, base, bl)) {
			const char **slot = VEC_PUSH(a, &names);
			if (slot)
				*slot = arena_strdup(a, e->d_name);
		}
	closedir(dh);
	/* insertion sort by strcmp: a handful of names */
	for (size_t i = 1; i < names.n; i++)
		for (size_t j = i; j > 0 && names.v[j] && names.v[j - 1] && strcmp(names.v[j - 1], names.v[j]) > 0; j--) {
			const char *x = names.v[j];
			names.v[j] = names.v[j - 1];
			names.v[j - 1] = x;
		}
	const char *list = "";
	for (size_t i = 0; i < names.n; i++)
		list = arena_printf(a, "%s%s%s", list, i ? ", " : "", names.v[i] ? names.v[i] : "");
	return list && *list ? arena_printf(a, "Installed packages: [%s]", list) : "";
}

static void add(struct arena *a, struct scan_napi_replay *r, bool pkg, const char *name, const char *file)
{
	if (r->n >= SCAN_NAPI_CANDIDATES || !name)
		return;
	r->cand[r->n].is_pkg = pkg;
	r->cand[r->n].name = name;
	r->cand[r->n].file = file;
	if (!r->found && file) {
		r->found = file;
		r->found_idx = (int)r->n;
	}
	(void)a;
	r->n++;
}

/* One triple's pair, local file then package (the helper: package first). */
static bool add_triple(struct arena *a, const struct scan_pkg *m, struct scan_napi_replay *r,
		       const char *triple, bool helper, const char *hbin, const char *hpkg)
{
	const char *code = m->napi_code;
	const char *local, *pkg;
	if (helper) {
		local = hbin ? arena_printf(a, "%s.%s.node", hbin, triple) : NULL;
		pkg = hpkg ? arena_printf(a, "%s-%s", hpkg, triple) : NULL;
	} else {
		/* generated with '...'; minified copies (@resvg/resvg-js) use "..." */
		local = pkg = NULL;
		for (const char *qc = "'\""; *qc && !local && !pkg; qc++) {
			const char *ls = arena_printf(a, ".%s.node%c", triple, *qc), *ps = arena_printf(a, "-%s%c", triple, *qc);
			local = ls ? literal_ending(a, code, ls, true) : NULL;
			pkg = ps ? literal_ending(a, code, ps, false) : NULL;
		}
		if (local)
			local = arena_printf(a, "%s.%s.node", local + 2, triple);
		if (pkg)
			pkg = arena_printf(a, "%s-%s", pkg, triple);
		if (!local && !pkg)
			return false;
	}
	const char *lf = local ? arena_printf(a, "%s/%s", m->dir_real, local) : NULL;
	const char *lreal = lf && regular(lf) ? real_of(a, lf) : NULL;
	const char *preal = pkg ? package_file(a, m->dir_real, pkg) : NULL;
	if (helper) {
		if (pkg)
			add(a, r, true, pkg, preal);
		if (local)
			add(a, r, false, local, lreal);
	} else {
		if (local)
			add(a, r, false, local, lreal);
		if (pkg)
			add(a, r, true, pkg, preal);
	}
	return true;
}

/*
 * Two napi-rs-built packages with loaders of their own:
 *   lightningcss 1.x node/index.js: parts = platform, arch, then on linux
 *     "musl" (detect-libc) or "gnueabihf" (arm) or "gnu", on win32 "msvc";
 *     require('lightningcss-<parts>'), and when that throws,
 *     require('../lightningcss.<parts>.node'), whose raw error propagates.
 *   rollup 4 dist/native.js: base from its own table (napi-rs words; arm
 *     musleabihf by isMusl()); './rollup.<base>.node' beside native.js if
 *     it exists, else '@rollup/rollup-<base>'; a missing module becomes
 *     "Cannot find module <id>. npm has a bug ...".
 */
static bool own_loader(struct arena *a, struct scan_pkg *m, const struct target *t, struct scan_napi_replay *r)
{
	bool musl = t->libc && !strcmp(t->libc, "musl");
	const char *p = t->platform, *c = t->arch;
	if (r->tpl == NAPI_TPL_LIGHTNINGCSS) {
		const char *parts = !strcmp(p, "linux")
			? arena_printf(a, "linux-%s-%s", c, musl ? "musl" : !strcmp(c, "arm") ? "gnueabihf" : "gnu")
			: !strcmp(p, "win32") ? arena_printf(a, "win32-%s-msvc", c) : arena_printf(a, "%s-%s", p, c);
		r->triple = parts;
		const char *pkg = arena_printf(a, "lightningcss-%s", parts);
		const char *local = arena_printf(a, "lightningcss.%s.node", parts);
		const char *lf = local ? arena_printf(a, "%s/%s", m->dir_real, local) : NULL;
		add(a, r, true, pkg, pkg ? package_file(a, m->dir_real, pkg) : NULL);
		add(a, r, false, local, lf && regular(lf) ? real_of(a, lf) : NULL);
		if (!r->found) {
			r->error = arena_printf(a, "Cannot find module '../%s'", local);
			r->code = "MODULE_NOT_FOUND";
		}
		return true;
	}
	/* rollup: the platforms its table has (4.x); others throw its own
	 * "not yet supported" text, which lists the table: not replayed */
	static const char *const known[] = {
		"android-arm-eabi", "android-arm64", "android-x64", "darwin-arm64", "darwin-x64", "freebsd-arm64",
		"freebsd-x64", "linux-arm-gnueabihf", "linux-arm-musleabihf", "linux-arm64-gnu", "linux-arm64-musl",
		"linux-loong64-gnu", "linux-loong64-musl", "linux-ppc64-gnu", "linux-ppc64-musl", "linux-riscv64-gnu",
		"linux-riscv64-musl", "linux-s390x-gnu", "linux-x64-gnu", "linux-x64-musl", "openbsd-x64",
		"openharmony-arm64", "win32-arm64-msvc", "win32-ia32-msvc", "win32-x64-msvc",
	};
	const char *base = scan_napi_triple(a, t);
	bool ok = false;
	for (size_t i = 0; base && i < sizeof known / sizeof known[0]; i++)
		ok |= !strcmp(known[i], base);
	r->triple = base;
	if (!ok) {
		r->why = arena_printf(a, "rollup has no native build for %s (its \"not yet supported\" error is not replayed)",
				      base ? base : p);
		return true;
	}
	const char *local = arena_printf(a, "dist/rollup.%s.node", base);
	const char *lf = local ? arena_printf(a, "%s/%s", m->dir_real, local) : NULL;
	const char *pkg = arena_printf(a, "@rollup/rollup-%s", base);
	if (lf && regular(lf))
		add(a, r, false, local, real_of(a, lf));
	else
		add(a, r, true, pkg, pkg ? package_file(a, m->dir_real, pkg) : NULL);
	if (!r->found)
		r->error = arena_printf(a, "Cannot find module %s. npm has a bug related to optional dependencies "
				       "(https://github.com/npm/cli/issues/4828). Please try `npm i` again after removing "
				       "both package-lock.json and node_modules directory.", pkg);
	return true;
}

/*
 * napi-postinstall's fallback, which newer napi-rs loaders (unrs-resolver
 * 1.x) call when no binding loaded:
 *   if (!nativeBinding && process.env.SKIP_<NAME>_FALLBACK !== '1')
 *     try { nativeBinding = require('napi-postinstall/fallback')(
 *             require.resolve('./package.json'), true) } catch (e) { loadErrors.push(e) }
 * Its lib/fallback.js (0.3.x) runs `node napi-postinstall/cli <name>
 * <version> 1` synchronously, and that downloads the platform package
 * (npm install, else the tarball straight from the registry) when it is
 * among the package's optionalDependencies, writes it into node_modules,
 * then require()s the package again.  So whether require() loads depends
 * on the registry being reachable at that moment: the outcome is unknown,
 * not the confident throw of the template.  Nothing changes when the call
 * is absent, napi-postinstall is not where require() finds it (require
 * throws, caught), the skip variable is "1" in this environment (host
 * targets: scan's own environment is the one node would inherit), or the
 * package lists no package for this target (the cli installs nothing).
 * Returns the why, NULL when the fallback does not apply.
 */
static const char *postinstall_fallback(struct arena *a, const struct scan_pkg *m, const struct target *t,
					const char *want, const char *offline)
{
	const char *code = m->napi_code, *p = NULL;
	if (!code || !want)
		return NULL;
	p = strstr(code, "require('napi-postinstall/fallback')");
	if (!p)
		p = strstr(code, "require(\"napi-postinstall/fallback\")");
	if (!p)
		return NULL;
	/* the skip variable the code tests just before the call, as written:
	 * process.env["NAME"], process.env['NAME'] or process.env.NAME */
	const char *var = NULL;
	const char *from = p - code > 400 ? p - 400 : code;
	for (const char *e = strstr(from, "process.env"); e && e < p; e = strstr(e + 1, "process.env")) {
		const char *q = e + 11;
		char quote = 0;
		if (*q == '.')
			q++;
		else if (*q == '[' && (q[1] == '"' || q[1] == '\''))
			quote = q[1], q += 2;
		else
			continue;
		size_t n = 0;
		while (n < 128 && q[n] && (q[n] == '_' || (q[n] >= 'A' && q[n] <= 'Z') || (q[n] >= 'a' && q[n] <= 'z') ||
					   (q[n] >= '0' && q[n] <= '9')))
			n++;
		if (!n || n >= 128 || (quote && q[n] != quote))
			continue;
		var = arena_printf(a, "%.*s", (int)n, q);
	}
	if (var && t->host) {
		const char *v = getenv(var);
		if (v && !strcmp(v, "1"))
			return NULL;
	}
	const char *dir = scan_resolve_dir(a, m->dir_real, "napi-postinstall");
	if (!dir)
		return NULL;
	size_t len = 0;
	const char *pj = arena_printf(a, "%s/package.json", dir);
	char *text = pj ? scan_read_small(a, pj, 1u << 20, &len) : NULL;
	const struct jv *json = text ? json_parse(a, text, len) : NULL;
	const struct jv *exp = json && json->type == JV_OBJ ? jv_get(json, "exports") : NULL;
	const char *ff = arena_printf(a, "%s/fallback.js", dir);
	if (!(exp && exp->type == JV_OBJ && jv_get(exp, "./fallback")) && !(!exp && regular(ff)))
		return NULL;
	const struct jv *opt = m->json ? jv_get(m->json, "optionalDependencies") : NULL;
	if (!opt || opt->type != JV_OBJ || !jv_get(opt, want))
		return NULL;
	const char *ver = m->json ? jv_get_str(m->json, "version") : NULL;
	const char *dot = offline ? strstr(offline, ". ") : NULL;
	return arena_printf(a, "%s loads its binary from the optional package %s, which is not installed; its loader then "
			    "runs napi-postinstall's fallback, which downloads %s@%s from the npm registry at require() "
			    "time and writes it into node_modules%s%s%s: it loads if the registry is reachable then, "
			    "else it throws \"%.*s\"",
			    m->name, want, want, ver ? ver : "<version>", var ? " (unless " : "", var ? var : "",
			    var ? "=1 is set)" : "", offline ? (int)(dot ? (size_t)(dot - offline) + 1 : strlen(offline)) : 0,
			    offline ? offline : "");
}

bool scan_napi_replay(struct arena *a, struct scan_pkg *m, const struct target *t, struct scan_napi_replay *r)
{
	memset(r, 0, sizeof *r);
	r->found_idx = -1;
	if (!m->napi_read)
		napi_read_code(a, m);
	r->tpl = m->napi_tpl;
	if (r->tpl == NAPI_TPL_NONE)
		return false;
	const char *code = m->napi_code;
	if (r->tpl == NAPI_TPL_HELPER) {
		const char *bin = helper_arg(a, code, 1), *pkg = helper_arg(a, code, 2);
		if (!bin)
			bin = "index";   /* loadBinding's default filename */
		const char *tr[8];
		size_t n = helper_triples(t, tr);
		if (!n) {
			r->why = arena_printf(a, "@node-rs/helper has no triple list for %s-%s here (not replayed)",
					      t->platform, t->arch);
			return true;
		}
		for (size_t i = 0; i < n; i++)
			add_triple(a, m, r, tr[i], true, bin, pkg);
		r->triple = tr[0];
		if (!r->found)
			r->error = arena_printf(a, "Can not load bindings\n%s", pkg ? helper_installed(a, m, pkg) : "");
		return true;
	}
	if (r->tpl == NAPI_TPL_LIGHTNINGCSS || r->tpl == NAPI_TPL_ROLLUP)
		return own_loader(a, m, t, r);
	const char *triple = scan_napi_triple(a, t);
	/* linux-arm: isMusl() only in the templates that name musleabihf */
	if (!strcmp(t->platform, "linux") && !strcmp(t->arch, "arm") && !strstr(code, "linux-arm-musleabihf"))
		triple = "linux-arm-gnueabihf";
	r->triple = triple;
	if (!strcmp(t->platform, "darwin") && (strstr(code, ".darwin-universal.node'") || strstr(code, ".darwin-universal.node\"")))
		add_triple(a, m, r, "darwin-universal", false, NULL, NULL);
	size_t before = r->n;
	if (!add_triple(a, m, r, triple, false, NULL, NULL) || r->n == before) {
		r->why = arena_printf(a, "%s's napi-rs loader has no branch for %s (its error is not replayed)",
				      m->name, triple);
		r->n = before;
		if (r->found_idx >= (int)before)
			r->found = NULL;
		return true;
	}
	if (r->found)
		return true;
	if (m->napi_wrapped) {
		r->why = arena_printf(a, "%s's own code may catch its napi-rs loader's error (not replayed)", m->name);
		return true;
	}
	const struct scan_napi_cand *last = &r->cand[r->n - 1];
	switch (r->tpl) {
	case NAPI_TPL_V2:
		/* the raw error of the last require(): a package name, or the
		 * './x.node' literal as written */
		r->error = arena_printf(a, "Cannot find module '%s%s'", last->is_pkg ? "" : "./", last->name);
		r->code = "MODULE_NOT_FOUND";
		break;
	case NAPI_TPL_V3A:
		r->error = "Failed to load native binding";
		break;
	default:
		r->error = NAPI_RS_ERROR;
		break;
	}
	const char *want = NULL;
	for (size_t i = r->n; i-- > 0 && !want;)
		if (r->cand[i].is_pkg)
			want = r->cand[i].name;
	const char *fb = postinstall_fallback(a, m, t, want, r->error);
	if (fb) {
		r->why = fb;
		r->error = r->code = NULL;
	}
	return true;
}
