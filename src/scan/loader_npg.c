/*
 * loader_npg.c - node-pre-gyp's find() (the published sources, read for
 * facts: @mapbox/node-pre-gyp 1.0.11 and 2.0.3 lib/pre-binding.js,
 * lib/util/versioning.js, lib/util/napi.js; @discordjs/node-pre-gyp 0.4.5;
 * node-pre-gyp 0.17.0), and what the package does with its answer: which
 * file require(pkg) loads, or the exact error it throws.
 *
 * find(package.json) runs, in this order:
 *   1. validate_config: main, version, name, binary, binary.module_name /
 *      module_path / host must be there ("<name> package.json is not
 *      node-pre-gyp ready: ..."); host must not be http:; then
 *      napi.validate_package_json (napi_versions against the runtime's
 *      process.versions.napi, and {napi_build_version} / {node_napi_label}
 *      in module_path, remote_path, package_name).
 *   2. the best napi_build_version: the highest listed level <= the
 *      runtime's.
 *   3. evaluate: every template is expanded by eval_template, which walks
 *      the variables in their declaration order and replaces each
 *      "{key}" with String.prototype.replace until none is left (so '$'
 *      patterns in a value are interpreted, and a value holding its own
 *      pattern never ends); module_path is path.join()ed to the package
 *      directory, then module_name + ".node".
 * A variable the flavour does not have stays literally in the path
 * ({libc_version} for @mapbox, {acl} before 2.x).  The package then
 * require()s that absolute path: when it is absent, Node throws
 * "Cannot find module '<path>'" (MODULE_NOT_FOUND).  grpc wraps that in its
 * own message (src/grpc_extension.js).
 *
 * What cannot be replayed exactly (a value the target model does not
 * carry, a JavaScript TypeError whose text is V8's) is "unknown" with the
 * reason, never a guessed text.
 */
#include "scan.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../runtime/abi.h"
#include "../util/jsonread.h"

/* --- the runtime as node-pre-gyp sees it ------------------------------- */

/*
 * process.versions.napi.  Node targets carry it (data/node-releases.tsv);
 * Electron's is its embedded Node's (data/electron-node.tsv, derived from
 * that Node release through data/node-releases.tsv): an exact release's
 * row, for "31" or "31.2" the level all its known releases share.  An
 * Electron whose Node is unknown, or one without Node-API (process.versions
 * .napi undefined, which this replay does not model): -1.
 */
int scan_npg_napi(const struct target *t)
{
	if (t->napi >= 0)
		return t->napi;
	if (strcmp(t->runtime, "electron"))
		return -1;
	int level = abi_electron_napi(t->version);
	return level > 0 ? level : -1;
}

/*
 * detect-libc's versionSync(): on glibc, process.report's
 * glibcVersionRuntime (gnu_get_libc_version()).  Only a target that is
 * this machine has a known one: the glibc on this machine's disk
 * (runtime/host.c, the tool's one answer to "which machine is this").  The
 * target model carries no release for other targets, nor musl's.
 */
static const char *libc_version(struct arena *a, const struct target *t)
{
	if (!t->host || !t->libc || strcmp(t->libc, "glibc"))
		return NULL;
	const char *version = NULL, *why = NULL;
	const char *family = machine_libc(a, &version, &why);
	return family && !strcmp(family, "glibc") ? version : NULL;
}

/* --- which node-pre-gyp ------------------------------------------------ */

static bool dep_of(const struct jv *json, const char *name)
{
	return scan_json_dep(json, name, DEP_RUNTIME | DEP_BUNDLED);
}

/* The version in dir/package.json, "" when unreadable. */
static const char *version_at(struct arena *a, const char *dir)
{
	const char *p = arena_printf(a, "%s/package.json", dir);
	size_t len = 0;
	char *text = p ? scan_read_small(a, p, 1 << 20, &len) : NULL;
	const struct jv *j = text ? json_parse(a, text, len) : NULL;
	const char *v = j ? jv_get_str(j, "version") : NULL;
	return v ? v : "";
}

/* The package's node-pre-gyp: the one its dependencies name, resolved from
 * its directory as its own require() would (once per package). */
static void npg_prepare(struct arena *a, struct scan_pkg *pkg)
{
	if (pkg->npg_done)
		return;
	pkg->npg_done = true;
	pkg->npg_flavor = NPG_NONE;
	pkg->npg_version = "";
	static const struct { const char *name; enum scan_npg_flavor fl; } cand[] = {
		{ "@discordjs/node-pre-gyp", NPG_DISCORDJS },
		{ "@mapbox/node-pre-gyp", NPG_MAPBOX },
		{ "node-pre-gyp", NPG_LEGACY },
	};
	/* the declared one first; without a declaration, whichever resolves */
	for (int pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < sizeof cand / sizeof cand[0]; i++) {
			if (pass == 0 && !dep_of(pkg->json, cand[i].name))
				continue;
			const char *dir = scan_resolve_dir(a, pkg->dir_real, cand[i].name);
			if (!dir && pass == 0) {
				pkg->npg_flavor = cand[i].fl;  /* declared, not installed */
				pkg->npg_dir = NULL;
				return;
			}
			if (!dir)
				continue;
			pkg->npg_flavor = cand[i].fl;
			pkg->npg_dir = dir;
			pkg->npg_version = version_at(a, dir);
			return;
		}
}

/* --- JavaScript's String() of a package.json value ---------------------- */

/* NULL when the text is not plain (an object, a fraction, a huge number). */
static const char *js_string(struct arena *a, const struct jv *v)
{
	if (!v)
		return "undefined";
	switch (v->type) {
	case JV_STR: return v->str;
	case JV_BOOL: return v->b ? "true" : "false";
	case JV_NULL: return "null";
	case JV_NUM:
		if (v->num == (double)(long long)v->num && v->num > -1e15 && v->num < 1e15)
			return arena_printf(a, "%lld", (long long)v->num);
		return NULL;
	default: return NULL;
	}
}

static bool js_truthy(const struct jv *v)
{
	if (!v)
		return false;
	switch (v->type) {
	case JV_NULL: return false;
	case JV_BOOL: return v->b;
	case JV_NUM: return v->num != 0 && v->num == v->num;
	case JV_STR: return v->str[0] != 0;
	default: return true;
	}
}

/* --- semver.parse (strict), as evaluate() reads package.json's version -- */

struct semver { char version[340]; char major[20], minor[20], patch[20], pre[260], build[260]; };

static size_t num_ident(const char *s)
{
	if (s[0] == '0')
		return 1;
	size_t n = strspn(s, "0123456789");
	return n;
}

/* Identifiers separated by '.': [0-9A-Za-z-]+ each; numeric ones with no
 * leading zero when strict_numeric.  Returns the length consumed, 0 bad. */
static size_t idents(const char *s, bool strict_numeric)
{
	size_t i = 0;
	for (;;) {
		size_t n = strspn(s + i, "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-");
		if (!n)
			return 0;
		if (strict_numeric && strspn(s + i, "0123456789") == n && n > 1 && s[i] == '0')
			return 0;
		i += n;
		if (s[i] != '.')
			return i;
		i++;
	}
}

/* false: semver.parse() returns null, or a text we do not model. */
static bool semver_parse(const char *v, struct semver *sv)
{
	memset(sv, 0, sizeof sv[0]);
	/* semver 7 trims and semver 5 does not: whitespace is not modelled */
	if (strlen(v) > 256 || strpbrk(v, " \t\r\n\v\f") || (unsigned char)v[0] >= 0x80)
		return false;
	const char *p = v;
	if (*p == 'v')
		p++;
	char *out[3] = { sv->major, sv->minor, sv->patch };
	for (int k = 0; k < 3; k++) {
		size_t n = num_ident(p);
		if (!n || strspn(p, "0123456789") != n || n > 15)
			return false;
		memcpy(out[k], p, n);
		p += n;
		if (k < 2 && *p++ != '.')
			return false;
	}
	if (*p == '-') {
		size_t n = idents(p + 1, true);
		if (!n)
			return false;
		memcpy(sv->pre, p + 1, n);
		p += 1 + n;
	}
	if (*p == '+') {
		size_t n = idents(p + 1, false);
		if (!n)
			return false;
		memcpy(sv->build, p + 1, n);
		p += 1 + n;
	}
	if (*p)
		return false;
	snprintf(sv->version, sizeof sv->version, "%s.%s.%s%s%s", sv->major, sv->minor, sv->patch,
		 sv->pre[0] ? "-" : "", sv->pre);
	return true;
}

/* --- eval_template ------------------------------------------------------ */

struct tvar { const char *key; const char *val; };   /* val NULL: not known */

#define TPL_MAX 4096

/*
 * String.prototype.replace(pattern, val) of the first occurrence at pos:
 * "$$" is '$', "$&" the match, "$`" what precedes it, "$'" what follows;
 * anything else after '$' stays as written (a string pattern has no
 * groups).  false when the result would be longer than TPL_MAX.
 */
static bool js_replace_at(char *s, size_t pos, size_t plen, const char *val)
{
	char buf[TPL_MAX + 1];
	size_t o = 0, sl = strlen(s);
#define PUT(src, n) do { if (o + (n) > TPL_MAX) return false; memcpy(buf + o, (src), (n)); o += (n); } while (0)
	PUT(s, pos);
	for (const char *v = val; *v; v++) {
		if (*v == '$' && v[1] == '$') {
			PUT("$", 1);
			v++;
		} else if (*v == '$' && v[1] == '&') {
			PUT(s + pos, plen);
			v++;
		} else if (*v == '$' && v[1] == '`') {
			PUT(s, pos);
			v++;
		} else if (*v == '$' && v[1] == '\'') {
			PUT(s + pos + plen, sl - pos - plen);
			v++;
		} else {
			PUT(v, 1);
		}
	}
	PUT(s + pos + plen, sl - pos - plen);
#undef PUT
	buf[o] = 0;
	memcpy(s, buf, o + 1);
	return true;
}

/* Expands tpl into out (TPL_MAX + 1 bytes).  Returns NULL when done, else
 * why it cannot be said (a variable whose value is not known occurs, the
 * expansion never ends or grows past reason). */
static const char *eval_template(const char *tpl, const struct tvar *vars, size_t nv, char *out)
{
	if (strlen(tpl) > TPL_MAX)
		return "a template longer than 4096 bytes";
	strcpy(out, tpl);
	for (size_t i = 0; i < nv; i++) {
		char pat[64];
		if ((size_t)snprintf(pat, sizeof pat, "{%s}", vars[i].key) >= sizeof pat)
			continue;
		for (unsigned rounds = 0;; rounds++) {
			char *hit = strstr(out, pat);
			if (!hit)
				break;
			if (!vars[i].val)
				return "it uses a value the target model does not carry";
			if (rounds > 1000 || !js_replace_at(out, (size_t)(hit - out), strlen(pat), vars[i].val))
				return "its expansion never ends (a value holds its own {name}), so find() would hang";
		}
	}
	return NULL;
}

/* path.normalize of an absolute POSIX path, into the arena. */
static char *normalize_abs(struct arena *a, const char *p)
{
	size_t n = strlen(p);
	char *out = arena_alloc(a, n + 2);
	if (!out)
		return NULL;
	size_t o = 0;
	out[o++] = '/';
	for (const char *s = p; *s;) {
		while (*s == '/')
			s++;
		size_t len = strcspn(s, "/");
		if (!len)
			break;
		if (len == 1 && s[0] == '.') {
		} else if (len == 2 && s[0] == '.' && s[1] == '.') {
			if (o > 1) {
				o--;
				while (o > 1 && out[o - 1] != '/')
					o--;
				if (o > 1)
					o--;
			}
		} else {
			if (o > 1)
				out[o++] = '/';
			memcpy(out + o, s, len);
			o += len;
		}
		s += len;
	}
	out[o] = 0;
	return out;
}

/* --- napi.validate_package_json ---------------------------------------- */

/* v <= S for process.versions.napi S: a number compares as a number, a
 * string as a string; -1 for other values (not modelled). */
static int napi_le(const struct jv *v, int level)
{
	if (v->type == JV_NUM)
		return v->num <= level;
	if (v->type == JV_STR) {
		char s[16];
		snprintf(s, sizeof s, "%d", level);
		return strcmp(v->str, s) <= 0;
	}
	return -1;
}

static bool jv_same(const struct jv *x, const struct jv *y)
{
	if (x->type != y->type)
		return false;
	return x->type == JV_NUM ? x->num == y->num : x->type == JV_STR ? !strcmp(x->str, y->str) : false;
}

/* pathOK(): the string holds {napi_build_version} or {node_napi_label};
 * -1 when it is a truthy non-string (x.indexOf is not a function). */
static int path_ok(const struct jv *v)
{
	if (!js_truthy(v))
		return 0;
	if (v->type != JV_STR)
		return -1;
	return strstr(v->str, "{napi_build_version}") || strstr(v->str, "{node_napi_label}");
}

/* --- find() ------------------------------------------------------------- */

static void unknown(struct scan_npg *r, const char *why)
{
	r->unknown = why;
}

void scan_npg_find(struct arena *a, struct scan_pkg *pkg, const struct target *t, struct scan_npg *r)
{
	memset(r, 0, sizeof *r);
	npg_prepare(a, pkg);
	const struct jv *j = pkg->json;
	if (!j || j->type != JV_OBJ)
		return unknown(r, "its package.json cannot be read");
	if (pkg->npg_flavor == NPG_NONE || !pkg->npg_dir)
		return unknown(r, "node-pre-gyp is not installed where the package can resolve it");
	enum scan_npg_flavor fl = pkg->npg_flavor;
	const struct jv *bin = jv_get(j, "binary");

	/* Run(): parseArgv's expand_commands already walks napi_versions */
	const struct jv *nv = bin && bin->type == JV_OBJ ? jv_get(bin, "napi_versions") : NULL;
	if (js_truthy(nv) && nv->type != JV_ARR)
		return unknown(r, "binary.napi_versions is not an array (find() throws a TypeError)");
	if (!js_truthy(nv))
		nv = NULL;

	/* setBinaryHostProperty: an empty host takes production_host (1.x, 2.x,
	 * @discordjs; 0.x's find() does not call it) */
	const struct jv *host = bin && bin->type == JV_OBJ ? jv_get(bin, "host") : NULL;
	if (fl != NPG_LEGACY && bin && js_truthy(bin) && !js_truthy(host) &&
	    js_truthy(jv_get(bin, "staging_host")) && js_truthy(jv_get(bin, "production_host")))
		host = jv_get(bin, "production_host");

	/* validate_config */
	const char *missing[8];
	size_t nm = 0;
	if (!js_truthy(jv_get(j, "main")))
		missing[nm++] = "main";
	if (!js_truthy(jv_get(j, "version")))
		missing[nm++] = "version";
	if (!js_truthy(jv_get(j, "name")))
		missing[nm++] = "name";
	if (!js_truthy(bin))
		missing[nm++] = "binary";
	static const char *const req[] = { "module_name", "module_path", "host" };
	if (fl == NPG_LEGACY) {
		/* 0.17: missing.pop('binary') drops the last entry (the 'binary'
		 * pushed just before) once; a property counts as missing only
		 * when undefined or "" (any other value passes) */
		for (size_t i = 0; i < 3; i++) {
			if (nm && !strcmp(missing[nm - 1], "binary"))
				nm--;
			const struct jv *v = !js_truthy(bin) ? NULL : i == 2 ? host : jv_get(bin, req[i]);
			if (!js_truthy(bin) || !v || (v->type == JV_STR && !v->str[0]))
				missing[nm++] = arena_printf(a, "binary.%s", req[i]);
			else if (v->type != JV_STR)
				return unknown(r, arena_printf(a, "binary.%s is not a string", req[i]));
		}
	} else if (js_truthy(bin)) {
		for (size_t i = 0; i < 3; i++) {
			const struct jv *v = i == 2 ? host : jv_get(bin, req[i]);
			if (!js_truthy(v) || v->type != JV_STR)
				missing[nm++] = arena_printf(a, "binary.%s", req[i]);
		}
	}
	if (nm) {
		const struct jv *name = jv_get(j, "name");
		const char *ns = js_string(a, name);
		if (!ns)
			return unknown(r, "package.json's name is not a plain value");
		size_t len = 128 + strlen(ns);
		for (size_t i = 0; i < nm; i++)
			len += strlen(missing[i]) + 1;
		char *msg = arena_alloc(a, len);
		if (!msg)
			return unknown(r, "out of memory");
		snprintf(msg, len, "%s package.json is not node-pre-gyp ready:\npackage.json must declare these properties: \n", ns);
		for (size_t i = 0; i < nm; i++) {
			if (i)
				strcat(msg, "\n");
			strcat(msg, missing[i]);
		}
		r->error = msg;
		r->config = true;
		return;
	}
	if (bin->type != JV_OBJ)
		return unknown(r, "binary is not an object");
	/* url.parse(host).protocol: the scheme before ':', lowercased */
	{
		const char *h = host->str;
		while (*h && (unsigned char)*h <= 0x20)
			h++;
		size_t sl = strspn(h, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+-.");
		if (sl == 4 && h[4] == ':' && !strncasecmp(h, "http", 4)) {
			r->error = "'host' protocol (http:) is invalid - only 'https:' is accepted";
			r->config = true;
			return;
		}
	}

	/* napi.validate_package_json */
	int level = scan_npg_napi(t);
	const struct jv *build[256], *raw[256];
	size_t nb = 0, nr = 0;
	if (nv) {
		if (level < 0)
			return unknown(r, arena_printf(a, "the Node-API level of %s@%s is not known", t->runtime, t->version));
		if (nv->n > 256)
			return unknown(r, "binary.napi_versions lists more than 256 levels");
		for (size_t i = 0; i < nv->n; i++) {
			const struct jv *v = nv->vals[i];
			bool dup = false;
			for (size_t k = 0; k < nb; k++)
				dup |= jv_same(build[k], v);
			int le = napi_le(v, level);
			if (le < 0)
				return unknown(r, "binary.napi_versions holds a value that is neither a number nor a string");
			if (!dup && le)
				build[nb++] = v;
			dup = false;
			for (size_t k = 0; k < nr; k++)
				dup |= jv_same(raw[k], v);
			if (!dup)
				raw[nr++] = v;
		}
	}
	for (size_t i = 0; i < nb; i++) {
		const struct jv *v = build[i];
		if (v->type != JV_NUM || v->num != (double)(long long)v->num || v->num <= 0 || v->num >= 1e21) {
			r->error = "All values specified in napi_versions must be positive integers.";
			r->config = true;
			return;
		}
	}
	int mp = path_ok(jv_get(bin, "module_path")), rp = path_ok(jv_get(bin, "remote_path")),
	    pn = path_ok(jv_get(bin, "package_name"));
	if (mp < 0 || rp < 0 || pn < 0)
		return unknown(r, "binary.remote_path or package_name is not a string (find() throws a TypeError)");
	if (nb && (!mp || (!rp && !pn))) {
		r->error = "When napi_versions is specified; module_path and either remote_path or "
			   "package_name must contain the substitution string '{napi_build_version}`.";
		r->config = true;
		return;
	}
	if ((mp || rp || pn) && !nr) {
		r->error = "When the substitution string '{napi_build_version}` is specified in "
			   "module_path, remote_path, or package_name; napi_versions must also be specified.";
		r->config = true;
		return;
	}
	const struct jv *pkgname = jv_get(bin, "package_name");
	bool napi_only = js_truthy(pkgname) && pkgname->type == JV_STR && !strstr(pkgname->str, "{node_napi_label}");
	if (nr && !nb && napi_only) {
		char list[512] = "";
		for (size_t i = 0; i < nr; i++) {
			const char *s = js_string(a, raw[i]);
			if (!s || strlen(list) + strlen(s) + 2 >= sizeof list)
				return unknown(r, "binary.napi_versions cannot be printed as JavaScript would");
			if (i)
				strcat(list, ",");
			strcat(list, s);
		}
		r->error = arena_printf(a, "The Node-API version of this Node instance is %d. This module supports "
					"Node-API version(s) %s. This Node instance cannot run this module.", level, list);
		r->napi_too_new = true;
		return;
	}
	long long best = 0;
	for (size_t i = 0; i < nb; i++)
		if (build[i]->num > best && build[i]->num <= level)
			best = (long long)build[i]->num;

	/* evaluate: semver.parse(version).version and its parts */
	struct semver sv;
	const struct jv *ver = jv_get(j, "version");
	if (!ver || ver->type != JV_STR || !semver_parse(ver->str, &sv))
		return unknown(r, "package.json's version is not one semver.parse() reads (find() throws a TypeError)");
	char node_abi[64];
	if (!strcmp(t->runtime, "electron")) {
		struct semver ev;
		if (!semver_parse(t->version, &ev))
			return unknown(r, "the Electron version is not a full semver");
		snprintf(node_abi, sizeof node_abi, "electron-v%s.%s", ev.major, ev.minor);
	} else if (!strcmp(t->runtime, "node") && t->modules > 0) {
		snprintf(node_abi, sizeof node_abi, "node-v%d", t->modules);
	} else {
		return unknown(r, "the target's runtime is neither Node.js nor Electron");
	}
	char napi_s[16] = "", best_s[24] = "", label[32];
	if (level >= 0)
		snprintf(napi_s, sizeof napi_s, "%d", level);
	if (best)
		snprintf(best_s, sizeof best_s, "%lld", best);
	snprintf(label, sizeof label, "napi-v%lld", best);
	bool linux = !strcmp(t->platform, "linux");
	const char *libc = !linux ? "unknown" : t->libc;   /* detect-libc's family, or 'unknown' */
	const char *mod = jv_get_str(bin, "module_name");
	const char *s3 = js_truthy(jv_get(bin, "s3ForcePathStyle")) ? js_string(a, jv_get(bin, "s3ForcePathStyle")) : "false";
	const char *acl = js_truthy(jv_get(bin, "acl")) ? js_string(a, jv_get(bin, "acl")) : "public-read";
	struct tvar vars[40];
	size_t n = 0;
#define V(k, v) (vars[n].key = (k), vars[n].val = (v), n++)
	V("name", js_string(a, jv_get(j, "name")));
	V("configuration", "Release");
	V("debug", "undefined");
	V("module_name", mod);
	V("version", sv.version);
	V("prerelease", sv.pre);
	V("build", sv.build);
	V("major", sv.major);
	V("minor", sv.minor);
	V("patch", sv.patch);
	V("runtime", t->runtime);
	V("node_abi", node_abi);
	V("node_abi_napi", level > 0 ? "napi" : level < 0 ? NULL : node_abi);
	V("napi_version", level >= 0 ? napi_s : NULL);
	V("napi_build_version", best_s);
	V("node_napi_label", best ? label : node_abi);
	V("target", "");
	V("platform", t->platform);
	V("target_platform", t->platform);
	V("arch", t->arch);
	V("target_arch", t->arch);
	V("libc", libc);
	if (fl == NPG_DISCORDJS)
		V("libc_version", !linux ? "unknown" : libc_version(a, t));
	V("module_main", js_string(a, jv_get(j, "main")));
	V("toolset", "");
	if (fl == NPG_MAPBOX) {
		V("bucket", js_string(a, jv_get(bin, "bucket")));
		V("region", js_string(a, jv_get(bin, "region")));
		V("s3ForcePathStyle", s3);
		/* {acl} arrived in 2.0: in 1.x it stays literal; an
		 * unreadable version leaves its value unknown */
		const char *v = pkg->npg_version;
		bool v1 = v[0] == '1' && v[1] == '.', v2 = v[0] >= '2' && v[0] <= '9';
		if (!v1)
			V("acl", v2 ? acl : NULL);
	}
#undef V
	char out[TPL_MAX + 1];
	/* host, module_path, remote_path and package_name are all expanded:
	 * any of them that never ends hangs find() */
	const char *tpls[4] = { host->str, jv_get_str(bin, "module_path"), jv_get_str(bin, "remote_path"),
				jv_get_str(bin, "package_name") };
	char path[TPL_MAX + 1] = "";
	for (int k = 0; k < 4; k++) {
		if (!tpls[k])
			continue;
		const char *why = eval_template(tpls[k], vars, n, out);
		if (why && (k == 1 || strstr(why, "hang")))
			return unknown(r, arena_printf(a, "node-pre-gyp's binary.%s cannot be expanded for this target: %s",
						       k == 1 ? "module_path" : k == 0 ? "host" : k == 2 ? "remote_path" : "package_name", why));
		if (k == 1)
			strcpy(path, out);
	}
	char *abs = arena_printf(a, "%s/%s/%s.node", pkg->dir_real, path, mod);
	abs = abs ? normalize_abs(a, abs) : NULL;
	if (!abs)
		return unknown(r, "out of memory");
	r->abs = abs;
	size_t dl = strlen(pkg->dir_real);
	if (!strncmp(abs, pkg->dir_real, dl) && abs[dl] == '/')
		r->path = abs + dl + 1;
}

/* --- grpc's own wrapper (grpc 1.x src/grpc_extension.js) --------------- */

static int cmp_str(const void *x, const void *y)
{
	return strcmp(*(const char *const *)x, *(const char *const *)y);
}

/*
 * grpc require()s find()'s path in a try; on failure it lists
 * dirname(dirname(path)) and says whether the expected directory is
 * there.  Returns its message for require's error e, or NULL when the
 * package does not use that wrapper (or the listing cannot be made).
 */
static const char *grpc_wrap(struct arena *a, const struct scan_pkg *pkg, const char *abs, const char *e)
{
	if (strcmp(pkg->name, "grpc"))
		return NULL;
	const char *js = arena_printf(a, "%s/src/grpc_extension.js", pkg->dir_real);
	size_t len;
	const char *text = js ? scan_read_small(a, js, 64 * 1024, &len) : NULL;
	if (!text || !strstr(text, "The gRPC binary module was not installed") ||
	    !strstr(text, "Failed to load gRPC binary module because it was not installed for the current system"))
		return NULL;
	char *parent = arena_strdup(a, abs);
	char *slash = parent ? strrchr(parent, '/') : NULL;
	if (!slash || slash == parent)
		return NULL;
	*slash = 0;
	char *search = strrchr(parent, '/');
	if (!search || search == parent)
		return NULL;
	const char *name = search + 1;
	*search = 0;
	DIR *d = opendir(parent);
	if (!d)
		return arena_printf(a, "The gRPC binary module was not installed. This may be fixed by running \"npm rebuild\"\n"
				       "Original error: %s", e);
	VEC(const char *) names = { 0 };
	struct dirent *de;
	bool found = false, ok = true;
	while ((de = readdir(d)) && ok) {
		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		if (names.n >= 4096) {
			ok = false;
			break;
		}
		const char **slot = VEC_PUSH(a, &names);
		if (!slot || !(*slot = arena_strdup(a, de->d_name)))
			ok = false;
		else if (!strcmp(de->d_name, name))
			found = true;
	}
	closedir(d);
	if (!ok)
		return NULL;
	if (found)
		return arena_printf(a, "Failed to load %s. %s", abs, e);
	/* fs.readdirSync: libuv's scandir sorts the names */
	if (names.n)
		qsort(names.v, names.n, sizeof names.v[0], cmp_str);
	size_t total = 1;
	for (size_t i = 0; i < names.n; i++)
		total += strlen(names.v[i]) + 2;
	char *list = arena_alloc(a, total);
	if (!list)
		return NULL;
	list[0] = 0;
	for (size_t i = 0; i < names.n; i++) {
		if (i)
			strcat(list, ", ");
		strcat(list, names.v[i]);
	}
	return arena_printf(a, "Failed to load gRPC binary module because it was not installed for the current system\n"
			       "Expected directory: %s\nFound: [%s]\n"
			       "This problem can often be fixed by running \"npm rebuild\" on the current system\n"
			       "Original error: %s", name, list, e);
}

/* --- the two questions ------------------------------------------------- */

enum scan_use scan_npg_select(struct arena *a, const struct scan_file *f, const struct target *t, const char **why)
{
	struct scan_npg r;
	scan_npg_find(a, f->pkg, t, &r);
	if (r.unknown || (r.path && !strcmp(r.path, f->rel)))
		return USE_LOADED;   /* not replayable: the file is judged on its own */
	*why = r.error ? arena_printf(a, "node-pre-gyp's find() throws on this target before loading anything")
		       : arena_printf(a, "node-pre-gyp loads %s on this target", r.path ? r.path : r.abs);
	return USE_NOT_USED;
}

bool scan_npg_missing(struct arena *a, struct scan_pkg *pkg, const struct target *t, struct scan_missing *m)
{
	struct scan_npg r;
	scan_npg_find(a, pkg, t, &r);
	m->loader = LOADER_NODE_PRE_GYP;
	if (r.unknown) {
		if (pkg->files.n)
			return false;   /* its files are judged one by one */
		m->error = NULL;
		m->cause = "not-built";
		m->wanted = "a .node file";
		m->why = arena_printf(a, "%s holds no binary (its install script, which downloads or builds it, did not run "
				      "or failed), and node-pre-gyp's answer is not known: %s", pkg->name, r.unknown);
		return true;
	}
	if (r.error) {
		m->error = r.error;
		m->code = NULL;
		m->cause = r.napi_too_new ? "napi-too-new" : "loader-config";
		m->wanted = "binary.napi_versions";
		m->why = r.napi_too_new
			? arena_printf(a, "%s's binary.napi_versions lists only Node-API levels above this runtime's (%d), "
					  "and its package_name has no {node_napi_label}: node-pre-gyp refuses to load it",
				       pkg->name, scan_npg_napi(t))
			: arena_printf(a, "%s's package.json \"binary\" field is not one node-pre-gyp accepts: "
					  "find() throws before looking for the binary", pkg->name);
		if (!r.napi_too_new)
			m->wanted = "binary";
		return true;
	}
	if (r.path)
		for (size_t i = 0; i < pkg->files.n; i++)
			if (!strcmp(pkg->files.v[i]->rel, r.path))
				return false;
	if (!r.path) {
		struct stat st;
		if (stat(r.abs, &st) == 0)
			return false;   /* outside the package: not judged here */
	}
	const char *want = r.path ? r.path : r.abs;
	const char *e = arena_printf(a, "Cannot find module '%s'", r.abs);
	const char *g = grpc_wrap(a, pkg, r.abs, e);
	m->wanted = want;
	m->code = "MODULE_NOT_FOUND";
	m->error = g ? g : e;
	m->why = pkg->files.n
		? arena_printf(a, "node-pre-gyp looks for %s on this target; only builds for other runtimes are installed", want)
		: arena_printf(a, "node-pre-gyp looks for %s on this target; the package holds no binary "
				  "(its install script, which downloads or builds it, did not run or failed)", want);
	return true;
}
