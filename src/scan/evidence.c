/*
 * evidence.c - does a package need a native addon, and how does its own
 * code load it?  Decided from what is on disk without any built file
 * existing (so a package whose install script never ran is still seen),
 * and never by running anything.
 *
 * Evidence, strongest first: a binding.gyp (npm runs `node-gyp rebuild`
 * for it when there is no install script), an install script that runs a
 * native build or download tool, a `binary` field (node-pre-gyp), a
 * `napi` field, a dependency on a loader or addon helper library.  Then a
 * static read of the package's entry file and the files it requires
 * relatively (bounded): `require('bindings')('x')`, `require('../build/
 * Release/x.node')`, and a `catch` that falls back to JavaScript
 * (bufferutil, utf-8-validate), which makes a missing addon harmless.
 */
#include "scan.h"

#include <ctype.h>
#include <string.h>
#include <sys/stat.h>

#include "../util/jsonread.h"

#define JS_MAX_FILES 12
#define JS_MAX_BYTES ((size_t)512 << 10)
/* The second, depth-first pass (read_deep): files it reads beyond the
 * first pass's, the relative requires kept per file, and its stack. */
#define JS_DEEP_FILES 48
#define JS_MAX_KIDS 64
#define JS_DEEP_STACK 512
#define JS_MAX_REQUIRED 16      /* .node files kept in required_order */

/* Evidence of an addon needed at run time: not a devDependency. */
static bool dep_on(const struct jv *json, const char *name)
{
	return scan_json_dep(json, name, DEP_RUNTIME | DEP_PEER);
}

static const char *install_script(const struct jv *json)
{
	static const char *const hooks[] = { "preinstall", "install", "postinstall" };
	const struct jv *s = jv_get(json, "scripts");
	static const char *const tools[] = {
		"node-gyp", "prebuild-install", "node-pre-gyp", "cmake-js", "cmake-ts", "pkg-prebuilds",
		"node-gyp-build", "napi build", "prebuildify",
	};
	for (size_t h = 0; s && h < 3; h++) {
		const char *v = jv_get_str(s, hooks[h]);
		for (size_t i = 0; v && i < sizeof tools / sizeof tools[0]; i++)
			if (strstr(v, tools[i]))
				return tools[i];
	}
	return NULL;
}

/* Any install-time hook at all (skia-canvas's `node lib/prebuild.mjs
 * download`): not evidence by itself, but its code is worth reading. */
static bool any_install_hook(const struct jv *json)
{
	static const char *const hooks[] = { "preinstall", "install", "postinstall" };
	const struct jv *s = jv_get(json, "scripts");
	for (size_t h = 0; s && h < 3; h++)
		if (jv_get_str(s, hooks[h]))
			return true;
	return false;
}

/* --- the static read of the package's JavaScript ------------------------ */

struct jsread {
	struct arena *a;
	struct scan_pkg *pkg;
	const char *files[JS_MAX_FILES];
	size_t nfiles;
	bool full;              /* a relative require found no room in files[] */
	bool deep;              /* the depth-first pass: files[] is not added to */
	/* the relative requires of the file being read, in its order (at most
	 * JS_MAX_KIDS), for the depth-first pass */
	const char **kids;
	size_t nkids;
	/* files reached only through a require() in a try that swallows its
	 * failure: what they require() in turn is soft too (fast-crc32c's
	 * loop over './impls/sse4_crc32c', whose require('sse4_crc32') fails
	 * into the next implementation) */
	bool soft[JS_MAX_FILES];
	bool cur_soft;          /* the file being read is one of them */
};

static const char *skip_ws(const char *p, const char *end)
{
	while (p < end && isspace((unsigned char)*p))
		p++;
	return p;
}

/*
 * The '(' of a call whose name ends at p, after at most 4 blanks (spaces or
 * tabs: `require (`../build/Release/x.node`)` in @abandonware/bluetooth-
 * hci-socket 0.5's lib/native.js; JavaScript allows any whitespace there,
 * a line break between a name and its arguments is not taken for a call
 * here); NULL when there is none before end.
 */
static const char *call_paren(const char *p, const char *end)
{
	for (int k = 0; k < 4 && p < end && (*p == ' ' || *p == '\t'); k++)
		p++;
	return p < end && *p == '(' ? p : NULL;
}

/* A string literal at p ('...', "...", `...` without ${}); NULL otherwise. */
static const char *literal(struct arena *a, const char *p, const char *end, const char **after)
{
	if (p >= end || (*p != '\'' && *p != '"' && *p != '`'))
		return NULL;
	char q = *p++;
	const char *s = p;
	while (p < end && *p != q && *p != '\n' && *p != '\\' && !(q == '`' && *p == '$'))
		p++;
	if (p >= end || *p != q || p - s > 200)
		return NULL;
	if (after)
		*after = p + 1;
	return arena_strndup(a, s, (size_t)(p - s));
}

/*
 * dir_of(from) + "/" + spec with "." and ".." resolved; NULL when it would
 * climb out of the package (nothing outside it is read).
 */
const char *scan_rel_join(struct arena *a, const char *from, const char *spec)
{
	const char *slash = from ? strrchr(from, '/') : NULL;
	const char *joined = slash ? arena_printf(a, "%.*s/%s", (int)(slash - from), from, spec) : spec;
	if (!joined)
		return NULL;
	size_t jl = strlen(joined);
	char *out = arena_alloc(a, jl + 1);
	if (!out)
		return NULL;
	size_t o = 0;
	for (const char *c = joined; *c;) {
		size_t n = strcspn(c, "/");
		if (n == 0 || (n == 1 && c[0] == '.')) {
			/* nothing */
		} else if (n == 2 && c[0] == '.' && c[1] == '.') {
			if (o == 0)
				return NULL;
			while (o > 0 && out[o - 1] != '/')
				o--;
			if (o > 0)
				o--;
		} else {
			if (o)
				out[o++] = '/';
			memcpy(out + o, c, n);
			o += n;
		}
		c += n;
		if (*c)
			c++;
	}
	out[o] = 0;
	return o ? out : NULL;
}

/* Adds a relative module path required by dir/file to the files to read
 * (breadth-first), and to the requiring file's own list (depth-first). */
static void queue_soft(struct jsread *r, const char *from, const char *spec, bool soft);

static void queue(struct jsread *r, const char *from, const char *spec)
{
	queue_soft(r, from, spec, r->cur_soft);
}

static void queue_soft(struct jsread *r, const char *from, const char *spec, bool soft)
{
	if (strncmp(spec, "./", 2) && strncmp(spec, "../", 3))
		return;
	bool kids_full = !r->kids || r->nkids >= JS_MAX_KIDS;
	if (kids_full && (r->deep || r->nfiles >= JS_MAX_FILES)) {
		/* nowhere to put it (a file of 30 000 requires): not even joined */
		r->full |= !r->deep;
		return;
	}
	const char *path = scan_rel_join(r->a, from, spec);
	size_t l = path ? strlen(path) : 0;
	if (!path || (l > 5 && !strcmp(path + l - 5, ".node")) || (l > 5 && !strcmp(path + l - 5, ".json")))
		return;
	if (!kids_full)
		r->kids[r->nkids++] = path;
	if (r->deep)
		return;
	for (size_t k = 0; k < r->nfiles; k++)
		if (!strcmp(r->files[k], path)) {
			r->soft[k] &= soft;   /* reached outside a swallowing try too */
			return;
		}
	if (r->nfiles >= JS_MAX_FILES) {
		r->full = true;
		return;
	}
	/* which of path, path.js, path/index.js exists: decided when read */
	r->soft[r->nfiles] = soft;
	r->files[r->nfiles++] = path;
}

/* A require() of the package's own compiled addon: "x.node", or a path
 * into node-gyp's output without the extension ('./build/Release/addon',
 * which require() resolves by trying ".node"). */
static bool is_build_output(const char *spec)
{
	size_t sl = strlen(spec);
	if (sl > 5 && !strcmp(spec + sl - 5, ".node"))
		return true;
	return (strstr(spec, "build/Release/") || strstr(spec, "build/Debug/")) && !strchr(strrchr(spec, '/'), '.');
}

/*
 * Is the require() at [q, after) inside a try block whose catch swallows
 * the error (ssh2's `catch {}`, bigint-buffer's console.warn): no throw
 * and no second attempt in the catch block?  Then require(pkg) returns
 * and the package runs without its addon.
 */
static bool swallowed(const char *text, const char *q, const char *after, const char *end)
{
	const char *from = q - text > 300 ? q - 300 : text, *t = NULL;
	for (const char *b = q - text >= 3 ? q - 3 : NULL; b && b >= from; b = b > from ? b - 1 : NULL)
		if (!memcmp(b, "try", 3) && (b == text || !isalnum((unsigned char)b[-1]))) {
			const char *o = skip_ws(b + 3, q);
			if (o < q && *o == '{') {
				t = o;
				break;
			}
		}
	if (!t)
		return false;
	int depth = 0;
	for (const char *c = t; c < q; c++)
		depth += *c == '{' ? 1 : *c == '}' ? -1 : 0;
	if (depth < 1)
		return false;   /* that try block closed before the require */
	const char *lim = end - after > 600 ? after + 600 : end;
	for (const char *c = after; c < lim; c++) {
		if (*c == '{')
			depth++;
		else if (*c == '}' && --depth == 0) {
			const char *k = skip_ws(c + 1, lim);
			if ((size_t)(lim - k) < 5 || memcmp(k, "catch", 5))
				return false;
			const char *open = memchr(k, '{', (size_t)(lim - k));
			if (!open)
				return false;
			int d = 0;
			for (const char *e = open; e < lim; e++) {
				if (*e == '{')
					d++;
				else if (*e == '}' && --d == 0)
					return true;
				else if ((size_t)(lim - e) >= 12 &&
					 (!memcmp(e, "throw", 5) || !memcmp(e, "require", 7) || !memcmp(e, "process.exit", 12) ||
					  !memcmp(e, "push(", 5) || !memcmp(e, "rror = ", 7) || !memcmp(e, "rror=", 5) ||
					  !memcmp(e, "return", 6)))
					return false;   /* rethrown, retried, or kept for a later throw (napi-rs) */
			}
			return false;
		}
	}
	return false;
}

/* The identifier of "catch (<id>)" at p, or "" for "catch {". */
static bool ident_char(char c)
{
	return isalnum((unsigned char)c) || c == '_' || c == '$';
}

static const char *catch_ident(struct arena *a, const char *p, const char *end)
{
	p = skip_ws(p + 5, end);
	if (p >= end || *p != '(')
		return "";
	p = skip_ws(p + 1, end);
	const char *s = p;
	while (p < end && (isalnum((unsigned char)*p) || *p == '_' || *p == '$'))
		p++;
	return arena_strndup(a, s, (size_t)(p - s));
}

/*
 * After a require('./build/Release/x.node') ending at p: is it followed,
 * inside its catch, by a second require of a .node file (the Debug build)?
 * Then the error require() reports is the second one's, unless the catch
 * rethrows the first error (node-pty 0.10: `throw outerError`).  Returns
 * true when the second one's error is the one thrown; *second is set
 * whenever there is a second try.
 */
static bool second_try(struct arena *a, const char *p, const char *end, const char **second)
{
	*second = NULL;
	const char *lim = end - p > 400 ? p + 400 : end;
	const char *c = NULL;
	for (const char *q = p; q + 5 <= lim && !c; q++)
		if (!memcmp(q, "catch", 5))
			c = q;
	if (!c)
		return false;
	const char *id = catch_ident(a, c, end);
	for (const char *q = c; q + 8 <= lim; q++) {
		const char *paren = memcmp(q, "require", 7) ? NULL : call_paren(q + 7, lim);
		if (!paren)
			continue;
		const char *after = NULL;
		const char *spec = literal(a, skip_ws(paren + 1, end), end, &after);
		size_t sl = spec ? strlen(spec) : 0;
		(void)sl;
		if (!spec || !is_build_output(spec))
			return false;
		*second = spec;
		/* a rethrow of the first catch's error within the inner catch;
		 * an inner catch that binds the same name shadows it, and its
		 * `throw err` rethrows the second error (os-dns-native 1.x:
		 * catch (err) { try { require(Debug) } catch (err) { throw err } }) */
		const char *tl = end - after > 300 ? after + 300 : end;
		for (const char *t = after; id && *id && t + 6 <= tl; t++) {
			if (!memcmp(t, "catch", 5) && !ident_char(t[5]) && (t == after || !ident_char(t[-1]))) {
				const char *inner = catch_ident(a, t, end);
				if (inner && !strcmp(inner, id))
					break;
			}
			if (!memcmp(t, "throw", 5)) {
				const char *w = skip_ws(t + 5, tl);
				size_t il = strlen(id);
				if ((size_t)(tl - w) >= il && !memcmp(w, id, il) && !isalnum((unsigned char)w[il]))
					return false;
			}
		}
		return true;
	}
	return false;
}


/* Is id (il bytes) defined before p as `id = <... process.config.
 * target_defaults ... default_configuration ...>;` (zstd-napi's buildType)? */
static bool config_name(struct arena *a, const char *text, const char *p, const char *id, size_t il)
{
	for (const char *b = text; b + il < p; b++) {
		if (memcmp(b, id, il) || (b > text && ident_char(b[-1])) || ident_char(b[il]))
			continue;
		const char *eq = skip_ws(b + il, p);
		if (eq >= p || *eq != '=' || eq[1] == '=')
			continue;
		const char *semi = memchr(eq, ';', (size_t)(p - eq));
		const char *def = arena_strndup(a, eq, (size_t)((semi ? semi : p) - eq));
		if (def && strstr(def, "process.config.target_defaults") && strstr(def, "default_configuration"))
			return true;
	}
	return false;
}

/*
 * A template literal naming the addon by what the running node says:
 *   require(`./build/${buildType}/binding.node`), buildType from
 *     `process.config.target_defaults?.default_configuration ?? 'Release'`
 *     (zstd-napi): node's own build configuration, "Release" in every
 *     official and distribution build, substituted here;
 *   require(`../bin/napi-v6/${process.platform}/${process.arch}/x.node`)
 *     (onnxruntime-node): kept as "${process.platform}", "${process.arch}"
 *     for scan_direct_spec to fill in per target (*per_target set).
 * NULL for a template with any other expression.
 */
static const char *config_template(struct arena *a, const char *text, const char *p, const char *end,
				   const char **after, bool *per_target)
{
	if (p >= end || *p != '`')
		return NULL;
	const char *lim = end - p > 300 ? p + 300 : end;
	const char *close = memchr(p + 1, '`', (size_t)(lim - p - 1));
	if (!close || memchr(p + 1, '\n', (size_t)(close - p - 1)) || memchr(p + 1, '\\', (size_t)(close - p - 1)))
		return NULL;
	char *out = arena_alloc(a, (size_t)(close - p) * 2 + 16);
	if (!out)
		return NULL;
	size_t o = 0;
	bool any = false;
	for (const char *c = p + 1; c < close;) {
		if (*c != '$' || c + 1 >= close || c[1] != '{') {
			out[o++] = *c++;
			continue;
		}
		const char *e = memchr(c + 2, '}', (size_t)(close - c - 2));
		if (!e)
			return NULL;
		const char *x = skip_ws(c + 2, e), *xe = e;
		while (xe > x && isspace((unsigned char)xe[-1]))
			xe--;
		size_t xl = (size_t)(xe - x);
		const char *put;
		if (xl == 16 && !memcmp(x, "process.platform", 16)) {
			put = "${process.platform}";
			*per_target = true;
		} else if (xl == 12 && !memcmp(x, "process.arch", 12)) {
			put = "${process.arch}";
			*per_target = true;
		} else if (xl && config_name(a, text, p, x, xl))
			put = "Release";
		else
			return NULL;
		for (const char *k = x; k < xe; k++)
			if (!ident_char(*k) && *k != '.')
				return NULL;
		memcpy(out + o, put, strlen(put));
		o += strlen(put);
		any = true;
		c = e + 1;
	}
	if (!any)
		return NULL;
	out[o] = 0;
	*after = close + 1;
	return out;
}

const char *scan_direct_spec(struct arena *a, const struct scan_pkg *p, const struct target *t)
{
	const char *s = p->direct_require;
	if (!s || !p->direct_per_target)
		return s;
	char *out = arena_alloc(a, strlen(s) + strlen(t->platform) + strlen(t->arch) + 1);
	if (!out)
		return NULL;
	size_t o = 0;
	while (*s) {
		if (!strncmp(s, "${process.platform}", 19)) {
			memcpy(out + o, t->platform, strlen(t->platform));
			o += strlen(t->platform);
			s += 19;
		} else if (!strncmp(s, "${process.arch}", 15)) {
			memcpy(out + o, t->arch, strlen(t->arch));
			o += strlen(t->arch);
			s += 15;
		} else
			out[o++] = *s++;
	}
	out[o] = 0;
	return out;
}

/* A literal that starts a concatenated path into build/ ('./src/build/' + x). */
static bool build_prefix(const char *spec, const char *after, const char *end)
{
	const char *c = skip_ws(after, end);
	return c < end && *c == '+' && (!strncmp(spec, "./", 2) || !strncmp(spec, "../", 3)) &&
	       (strstr(spec, "build/") || (strlen(spec) >= 6 && !strcmp(spec + strlen(spec) - 6, "/build")));
}

/*
 * A require of the directory a "binary" field's module_path names, without
 * an extension (isolated-vm 5: module_path "out", require('./out/isolated_vm'),
 * which require() resolves by trying ".node").
 */
static bool in_module_path(struct jsread *r, const char *from, const char *spec)
{
	const struct jv *b = jv_get(r->pkg->json, "binary");
	const char *mp = b && b->type == JV_OBJ ? jv_get_str(b, "module_path") : NULL;
	if (!mp || strchr(mp, '{'))
		return false;
	const char *dir = scan_rel_join(r->a, NULL, mp);
	const char *path = scan_rel_join(r->a, from, spec);
	if (!dir || !path)
		return false;
	size_t dl = strlen(dir);
	const char *base = path + dl + 1;
	return !strncmp(path, dir, dl) && path[dl] == '/' && *base && !strchr(base, '/') && !strchr(base, '.');
}

/*
 * Keeps the file a direct require of a .node file names (from's directory
 * joined with spec, ".node" added when its last part has no extension, as
 * require() tries it) in the package's required_order, once, at most
 * JS_MAX_REQUIRED of them.  When a package requires several addons, node
 * throws the first one's failure (lz4 0.6: xxhash.node before lz4.node);
 * project.c's decisive() reads the order.
 */
static void note_required(struct jsread *r, const char *from, const char *spec)
{
	struct scan_pkg *p = r->pkg;
	const char *w = scan_rel_join(r->a, from, spec);
	const char *base = w ? strrchr(w, '/') : NULL;
	base = base ? base + 1 : w;
	if (w && !strchr(base, '.'))
		w = arena_printf(r->a, "%s.node", w);
	if (!w || p->required_order.n >= JS_MAX_REQUIRED)
		return;
	for (size_t i = 0; i < p->required_order.n; i++)
		if (!strcmp(p->required_order.v[i], w))
			return;
	const char **e = VEC_PUSH(r->a, &p->required_order);
	if (e)
		*e = w;
}

/* The identifier that `<id> = ` assigns the expression starting at q, or NULL. */
static const char *assigned_ident(struct arena *a, const char *text, const char *q)
{
	const char *b = q;
	while (b > text && isspace((unsigned char)b[-1]))
		b--;
	if (b == text || b[-1] != '=' || (b - 1 > text && strchr("=!<>+-*/%&|^", b[-2])))
		return NULL;
	b--;
	while (b > text && isspace((unsigned char)b[-1]))
		b--;
	const char *e = b;
	while (b > text && ident_char(b[-1]))
		b--;
	if (b == e || isdigit((unsigned char)*b))
		return NULL;
	return arena_strndup(a, b, (size_t)(e - b));
}

/* The string literal of the first call `<id>('<literal>'` in [p, end). */
static const char *call_literal(struct arena *a, const char *id, const char *p, const char *end)
{
	size_t il = strlen(id);
	for (; p + il < end; p++) {
		if (memcmp(p, id, il) || ident_char(p[il]) || ident_char(p[-1]) || p[-1] == '.')
			continue;
		const char *c = skip_ws(p + il, end);
		if (c < end && *c == '(')
			return literal(a, skip_ws(c + 1, end), end, NULL);
	}
	return NULL;
}

/*
 * require(<id>) at q (arg: the id) where id is the variable of an
 * enclosing `for (const <id> of <list>)` and <list> an array of string
 * literals assigned in the file before (fast-crc32c 2's loader.js:
 * const impls = ['./impls/sse4_crc32c', './impls/js_crc32c'];
 * for (const impl of impls) { try { ... require(impl) ... } catch (e) {} }):
 * each relative one is read, soft when the try swallows the failure.
 * At most 8 names; the loop within 400 bytes before the call.
 */
static void loop_requires(struct jsread *r, const char *used, const char *text, const char *q, const char *arg,
			  const char *end)
{
	const char *e = arg;
	while (e < end && ident_char(*e))
		e++;
	size_t il = (size_t)(e - arg);
	const char *close = skip_ws(e, end);
	if (il == 0 || il > 64 || close >= end || *close != ')')
		return;
	const char *from = q - text > 400 ? q - 400 : text;
	const char *list = NULL;
	size_t ll = 0;
	for (const char *b = q - 4; b >= from && !list; b--) {
		if (memcmp(b, "for", 3) || (b > text && ident_char(b[-1])))
			continue;
		const char *c = skip_ws(b + 3, q);
		if (c >= q || *c != '(')
			continue;
		c = skip_ws(c + 1, q);
		for (size_t k = 0; k < 3; k++) {
			static const char *const kw[] = { "const", "let", "var" };
			size_t kl = strlen(kw[k]);
			if ((size_t)(q - c) > kl && !memcmp(c, kw[k], kl) && isspace((unsigned char)c[kl])) {
				c = skip_ws(c + kl, q);
				break;
			}
		}
		if ((size_t)(q - c) <= il || memcmp(c, arg, il) || ident_char(c[il]))
			continue;
		c = skip_ws(c + il, q);
		if ((size_t)(q - c) < 3 || memcmp(c, "of", 2) || ident_char(c[2]))
			continue;
		c = skip_ws(c + 2, q);
		const char *le = c;
		while (le < q && ident_char(*le))
			le++;
		if (le == c || le - c > 64 || *skip_ws(le, q) != ')')
			continue;
		list = c;
		ll = (size_t)(le - c);
	}
	if (!list)
		return;
	/* `<list> = [` before the loop, within 64 KiB (a call of this form in
	 * every function of a bundle costs no more than that each) */
	const char *arr = NULL;
	for (const char *b = list - text > 65536 ? list - 65536 : text; b + ll < list && !arr; b++) {
		if (memcmp(b, list, ll) || ident_char(b[ll]) || (b > text && (ident_char(b[-1]) || b[-1] == '.')))
			continue;
		const char *c = skip_ws(b + ll, list);
		if (c < list && *c == '=' && c + 1 < list && c[1] != '=') {
			c = skip_ws(c + 1, list);
			if (c < list && *c == '[')
				arr = c + 1;
		}
	}
	if (!arr)
		return;
	const char *after_call = close + 1;
	bool soft = r->cur_soft || swallowed(text, q, after_call, end);
	const char *c = arr;
	for (int n = 0; n < 8; n++) {
		c = skip_ws(c, end);
		const char *after = NULL;
		const char *spec = literal(r->a, c, end, &after);
		if (!spec)
			return;   /* not a list of names only */
		if (!r->deep)
			queue_soft(r, used, spec, soft);
		c = skip_ws(after, end);
		if (c < end && *c == ',')
			c++;
		else
			return;
	}
}

/*
 * `import <id> from 'bindings'` (id over [s, e)): the first call
 * <id>('x') or <id>.default('x') names the addon (ttf2woff2 2's
 * bindings.default('addon.node')), and a try around that call whose
 * catch swallows the failure is a fallback.
 */
static void import_bindings(struct jsread *r, const char *text, const char *s, const char *e, const char *end)
{
	struct scan_pkg *p = r->pkg;
	while (e > s && isspace((unsigned char)e[-1]))
		e--;
	size_t il = (size_t)(e - s);
	if (il == 0 || il > 64)
		return;
	for (const char *k = s; k < e; k++)
		if (!ident_char(*k))
			return;   /* a named or namespace import: not the default */
	p->uses_bindings = true;
	for (const char *q = e; q + il < end; q++) {
		if (memcmp(q, s, il) || ident_char(q[il]) || ident_char(q[-1]) || q[-1] == '.')
			continue;
		const char *c = q + il;
		if (end - c > 8 && !memcmp(c, ".default", 8))
			c += 8;
		c = skip_ws(c, end);
		if (c >= end || *c != '(')
			continue;
		const char *after = NULL;
		const char *nm = literal(r->a, skip_ws(c + 1, end), end, &after);
		if (!nm)
			continue;
		if (!p->bindings_name)
			p->bindings_name = nm;
		if (!p->napi_main && !p->napi_candidate && swallowed(text, q, after, end))
			p->js_fallback = true;
		return;
	}
}

/*
 * An ES module's static imports of its own files, in order (they run
 * before its body, as a CommonJS file's requires run in turn): `import x
 * from './binding.cjs'`, `import { a } from "../x.js"`, `import './y.js'`.
 * node-zopfli-es 2's lib/zopfli.js reaches its require('./binding/
 * zopfli.node') through one (Node 20.19+ and 22.12+ require() ES modules).
 * Dynamic import() and import.meta are not imports.
 */
static void read_imports(struct jsread *r, const char *used, const char *text, const char *end)
{
	unsigned bindings_seen = 0;
	for (const char *q = text; (q = memchr(q, 'i', (size_t)(end - q))) != NULL; q++) {
		if (end - q < 8 || memcmp(q, "import", 6) || (q > text && (ident_char(q[-1]) || q[-1] == '.')))
			continue;
		const char *c = q + 6;
		if (!isspace((unsigned char)*c) && *c != '{' && *c != '*' && *c != '\'' && *c != '"')
			continue;
		/* up to the module's name: the first quote, within one statement */
		const char *lim = end - c > 600 ? c + 600 : end;
		const char *quote = c;
		while (quote < lim && *quote != '\'' && *quote != '"' && *quote != ';' && *quote != '(' && *quote != '=')
			quote++;
		if (quote >= lim || (*quote != '\'' && *quote != '"'))
			continue;
		/* nothing between import and the name (a bare import), else
		 * the word from right before it */
		const char *b = quote;
		while (b > c && isspace((unsigned char)b[-1]))
			b--;
		if (b != skip_ws(c, end) && !(b - c >= 4 && !memcmp(b - 4, "from", 4) && !ident_char(b[-5])))
			continue;
		const char *after = NULL;
		const char *spec = literal(r->a, quote, end, &after);
		if (spec && !strcmp(spec, "bindings")) {
			/* the first import of it only: each reads the rest of the file */
			if (!bindings_seen++)
				import_bindings(r, text, skip_ws(c, end), b - 4, end);
		} else if (spec)
			queue(r, used, spec);
	}
}

static void read_js(struct jsread *r, const char *rel)
{
	struct scan_pkg *p = r->pkg;
	const char *cands[3] = {
		rel, arena_printf(r->a, "%s.js", rel), arena_printf(r->a, "%s/index.js", rel),
	};
	size_t len = 0;
	char *text = NULL;
	const char *used = NULL;
	for (int i = 0; i < 3 && !text; i++) {
		size_t cl = cands[i] ? strlen(cands[i]) : 0;
		if (!cands[i] || cl < 3 || (strcmp(cands[i] + cl - 3, ".js") && (cl < 4 || strcmp(cands[i] + cl - 4, ".cjs"))))
			continue;
		const char *full = arena_printf(r->a, "%s/%s", p->dir, cands[i]);
		text = full ? scan_read_small(r->a, full, JS_MAX_BYTES, &len) : NULL;
		used = cands[i];
	}
	if (!text)
		return;
	const char *end = text + len;
	read_imports(r, used, text, end);
	for (const char *q = text; (q = memchr(q, 'r', (size_t)(end - q))) != NULL; q++) {
		/* require('<literal>') */
		/* require(...), or a bundler's createRequire alias require$1(...) */
		size_t rl = 0;
		if ((size_t)(end - q) > 8 && !memcmp(q, "require", 7)) {
			const char *c = q + 7;
			if (*c == '$')
				for (c++; c < end && isdigit((unsigned char)*c); c++)
					;
			c = call_paren(c, end);
			if (c)
				rl = (size_t)(c + 1 - q);
		}
		/* createRequire(import.meta.url)('./build/Release/x') in an ES
		 * module (fs-xattr 0.4): q is the 'r' of "create" */
		bool created = false;
		if (!rl && q > text && (size_t)(end - q) > 14 && !memcmp(q - 1, "createRequire(", 14)) {
			const char *c = q + 13, *lim = end - c > 80 ? c + 80 : end;
			while (c < lim && *c != ')' && *c != '(' && *c != '\n')
				c++;
			if (c < lim && *c == ')' && (c = skip_ws(c + 1, end)) < end && *c == '(') {
				rl = (size_t)(c + 1 - q);
				created = true;
			}
		}
		const char *w = created ? q - 1 : q;
		if (rl && (w == text || (!isalnum((unsigned char)w[-1]) && w[-1] != '_' && w[-1] != '.'))) {
			const char *after = NULL;
			const char *arg = skip_ws(q + rl, end);
			const char *spec = literal(r->a, arg, end, &after);
			bool per_target = false;
			if (!spec)
				spec = config_template(r->a, text, arg, end, &after, &per_target);
			if (spec && build_prefix(spec, after, end)) {
				/* require('./src/build/' + builds[i] + '/X'): a loop over
				 * build types (dtrace-provider); the exact path is not
				 * known, only whether a failure is swallowed */
				if (!p->napi_main && !p->napi_candidate && swallowed(text, q, after, end))
					p->js_fallback = true;
				p->uses_build_loop = true;
				continue;
			}
			if (!spec) {
				loop_requires(r, used, text, q, arg, end);
				continue;
			}
			if (!strcmp(spec, "bindings")) {
				/* require('bindings')('x') / ({ bindings: 'x' }) */
				const char *c = skip_ws(after, end);
				if (c < end && *c == ')')
					c = skip_ws(c + 1, end);
				if (c < end && *c == '(') {
					c = skip_ws(c + 1, end);
					const char *nm = literal(r->a, c, end, NULL);
					if (!nm && c < end && *c == '{') {
						const char *k = c;
						const char *lim = end - k > 300 ? k + 300 : end;
						for (; k + 8 < lim; k++)
							if (!memcmp(k, "bindings", 8)) {
								const char *col = skip_ws(k + 8 + (k[8] == '\'' || k[8] == '"'), lim);
								if (col < lim && *col == ':') {
									nm = literal(r->a, skip_ws(col + 1, lim), lim, NULL);
									break;
								}
							}
					}
					if (nm && !p->bindings_name)
						p->bindings_name = nm;
				} else if (!p->bindings_name) {
					/* var getBindings = require("bindings"); getBindings("xmljs")
					 * (libxmljs 1.x, compiled TypeScript) */
					const char *id = assigned_ident(r->a, text, q);
					const char *nm = id ? call_literal(r->a, id, after, end) : NULL;
					if (nm)
						p->bindings_name = nm;
				}
				p->uses_bindings = true;
				if (!p->napi_main && !p->napi_candidate && swallowed(text, q, after, end))
					p->js_fallback = true;
			} else if ((is_build_output(spec) || in_module_path(r, used, spec)) &&
				   (!strncmp(spec, "./", 2) || !strncmp(spec, "../", 3))) {
				if (!per_target)
					note_required(r, used, spec);
				if (p->direct_require)
					continue;   /* the first one is the package's direct require */
				p->direct_require = spec;
				p->direct_per_target = per_target;
				p->direct_from = used;
				p->direct_thrown = second_try(r->a, after, end, &p->direct_second) ? p->direct_second : spec;
				if (!p->napi_main && !p->napi_candidate && swallowed(text, q, after, end))
					p->js_fallback = true;
			} else if (!strcmp(spec, "loady")) {
				/* require('loady')('bcrypto', __dirname): loady 0.0.x's
				 * search for <name>.node in build/ from that directory up */
				const char *c = skip_ws(after, end);
				if (c < end && *c == ')')
					c = skip_ws(c + 1, end);
				const char *nm = c < end && *c == '(' ? literal(r->a, skip_ws(c + 1, end), end, &c) : NULL;
				c = nm ? skip_ws(c, end) : NULL;
				const char *dn = c && c < end && *c == ',' ? skip_ws(c + 1, end) : NULL;
				if (dn && end - dn >= 9 && !memcmp(dn, "__dirname", 9) && !p->loady_name && !strchr(nm, '/')) {
					p->loady_name = nm;
					p->loady_from = used;
				}
			} else if (!strcmp(spec, "node-gyp-build")) {
				bool first = !p->uses_ngb;
				p->uses_ngb = true;
				if (!first)
					continue;   /* its call is looked for once: each look reads the rest of the file */
				/* require('node-gyp-build')(dir), or its name called
				 * later (instana's autoprofile 5: this.addon =
				 * nodeGypBuild(...) in a try whose catch only logs), in a
				 * try that swallows the failure: a fallback */
				const char *c = skip_ws(after, end);
				if (c < end && *c == ')')
					c = skip_ws(c + 1, end);
				const char *at = NULL, *past = NULL;
				if (c < end && *c == '(') {
					at = q;
					past = c + 1;
				} else {
					const char *id = assigned_ident(r->a, text, q);
					size_t il = id ? strlen(id) : 0;
					for (const char *k = after; il && k + il < end && !at; k++) {
						if (memcmp(k, id, il) || ident_char(k[il]) || ident_char(k[-1]) || k[-1] == '.')
							continue;
						const char *o = skip_ws(k + il, end);
						if (o < end && *o == '(') {
							at = k;
							past = o + 1;
						}
					}
				}
				if (at && !p->napi_main && !p->napi_candidate && swallowed(text, at, past, end))
					p->js_fallback = true;
			} else if (strlen(spec) >= 12 && !strcmp(spec + strlen(spec) - 12, "node-pre-gyp")) {
				p->uses_npg = true;
			} else if (!r->deep && strstr(spec, "fallback") && (!strncmp(spec, "./", 2) || !strncmp(spec, "../", 3))) {
				/* try { ...addon... } catch { module.exports = require('./fallback') } */
				const char *back = q - text > 400 ? q - 400 : text;
				for (const char *b = back; b + 5 <= q; b++)
					if (!memcmp(b, "catch", 5)) {
						p->js_fallback = true;
						break;
					}
			} else if (spec[0] != '.' && spec[0] != '/' && strncmp(spec, "node:", 5)) {
				/* a package required in a try that swallows its failure
				 * (the depth-first pass looks only for the loader call),
				 * or from a file reached only through one */
				if (r->deep || (!r->cur_soft && !swallowed(text, q, after, end)))
					continue;
				const char **e = p->soft_requires.n < 8 ? VEC_PUSH(r->a, &p->soft_requires) : NULL;
				if (e)
					*e = spec;
			} else {
				queue_soft(r, used, spec, r->cur_soft || (!r->deep && swallowed(text, q, after, end)));
			}
		}
	}
}

/* Has the static read found how the package loads its addon? */
static bool loader_seen(const struct scan_pkg *p)
{
	return p->direct_require || p->uses_bindings || p->loady_name || p->uses_ngb || p->uses_npg ||
	       p->uses_build_loop;
}

/*
 * The second pass, for a package whose entry reaches its loader call only
 * past the files the breadth-first read takes (bcrypto 5: lib/bcrypto.js
 * requires 80 modules, the first of which reaches lib/native/binding.js,
 * and loady, three files down).  Node runs a module's requires in order,
 * each to its end before the next (depth-first), and so does this pass,
 * from the entry, until the loader call is seen, over at most
 * JS_DEEP_FILES files not read before.  A file the first pass read is not
 * read again: its requires are kids[i].  Only the loader call is looked
 * for (a soft require or a fallback module further down is not taken).
 */
static void read_deep(struct jsread *r, const char *entry, const char **const *kids, const size_t *nkids)
{
	const char **stack = arena_alloc(r->a, JS_DEEP_STACK * sizeof *stack);
	const char **seen = arena_alloc(r->a, (JS_MAX_FILES + JS_DEEP_FILES) * sizeof *seen);
	if (!stack || !seen)
		return;
	size_t sp = 0, nseen = 0, reads = 0;
	stack[sp++] = entry;
	r->deep = true;
	r->cur_soft = false;
	while (sp > 0 && reads < JS_DEEP_FILES && nseen < JS_MAX_FILES + JS_DEEP_FILES && !loader_seen(r->pkg)) {
		const char *path = stack[--sp];
		bool again = false;
		for (size_t k = 0; k < nseen && !again; k++)
			again = !strcmp(seen[k], path);
		if (again)
			continue;   /* node's module cache: a module runs once */
		seen[nseen++] = path;
		const char *const *mine = NULL;
		size_t n = 0;
		bool first_pass = false;
		for (size_t i = 0; i < r->nfiles && i < JS_MAX_FILES && !first_pass; i++)
			if (!strcmp(r->files[i], path)) {
				first_pass = true;
				mine = kids[i];
				n = nkids[i];
			}
		if (!first_pass) {
			r->kids = arena_alloc(r->a, JS_MAX_KIDS * sizeof *r->kids);
			r->nkids = 0;
			read_js(r, path);
			reads++;
			mine = r->kids;
			n = r->nkids;
		}
		if (!mine)
			continue;
		/* the first require on top: it runs first; with no room for
		 * all, the ones that run first are kept */
		size_t m = n < JS_DEEP_STACK - sp ? n : JS_DEEP_STACK - sp;
		for (size_t k = m; k-- > 0;)
			stack[sp++] = mine[k];
	}
	r->deep = false;
	r->kids = NULL;
}

static void read_package_js(struct arena *a, struct scan_pkg *p)
{
	struct jsread r = { .a = a, .pkg = p };
	const char *main = jv_get_str(p->json, "main");
	if (!main) {
		/* "exports": the entry require() takes ("." then "require",
		 * "node", "default"; a string at any level) */
		const struct jv *e = jv_get(p->json, "exports");
		if (e && e->type == JV_OBJ && jv_get(e, "."))
			e = jv_get(e, ".");
		for (int depth = 0; e && e->type == JV_OBJ && depth < 4; depth++) {
			const struct jv *n = jv_get(e, "require");
			if (!n)
				n = jv_get(e, "node");
			if (!n)
				n = jv_get(e, "default");
			e = n;
		}
		if (e && e->type == JV_STR)
			main = e->str;
	}
	if (main) {
		while (!strncmp(main, "./", 2))
			main += 2;
	}
	/* the entry, normalised; one that climbs out of the package is not read */
	const char *entry = main && *main ? scan_rel_join(a, NULL, main) : "index";
	if (!entry)
		return;
	r.files[r.nfiles++] = entry;
	const char **kids[JS_MAX_FILES] = { 0 };
	size_t nkids[JS_MAX_FILES] = { 0 };
	for (size_t i = 0; i < r.nfiles && i < JS_MAX_FILES; i++) {
		r.kids = kids[i] = arena_alloc(a, JS_MAX_KIDS * sizeof *r.kids);
		r.nkids = 0;
		r.cur_soft = r.soft[i];
		read_js(&r, r.files[i]);
		nkids[i] = r.nkids;
	}
	if (r.full && !loader_seen(p) && (p->native_why || p->files.n))
		read_deep(&r, entry, kids, nkids);
}

void scan_pkg_evidence(struct arena *a, struct scan_pkg *p)
{
	if (!p || !p->json || p->evidence_done)
		return;
	p->evidence_done = true;
	const struct jv *j = p->json;
	const char *why = NULL;
	struct stat st;
	const char *gyp = arena_printf(a, "%s/binding.gyp", p->dir);
	const char *tool = install_script(j);
	if (gyp && stat(gyp, &st) == 0 && S_ISREG(st.st_mode))
		why = "binding.gyp";
	else if (jv_get(j, "gypfile") && jv_get(j, "gypfile")->type == JV_BOOL && jv_get(j, "gypfile")->b)
		why = "\"gypfile\": true";
	else if (tool)
		why = arena_printf(a, "its install script runs %s", tool);
	else if (jv_get(j, "binary") && jv_get(j, "binary")->type == JV_OBJ && jv_get_str(jv_get(j, "binary"), "module_path"))
		why = "a \"binary\" field (node-pre-gyp)";
	else if (jv_get(j, "napi"))
		why = "a \"napi\" field (napi-rs)";
	else {
		static const char *const libs[] = {
			"node-gyp-build", "node-gyp-build-optional-packages", "prebuild-install", "@mapbox/node-pre-gyp",
			"node-pre-gyp", "bindings", "nan", "node-addon-api", "cmake-js", "pkg-prebuilds",
		};
		for (size_t i = 0; i < sizeof libs / sizeof libs[0] && !why; i++)
			if (dep_on(j, libs[i]))
				why = arena_printf(a, "a dependency on %s", libs[i]);
	}
	p->native_why = why;
	/* the JS is read for packages that need an addon, and for those with
	 * optional dependencies (msgpackr's msgpackr-extract), which may load
	 * a native package softly */
	const struct jv *opt = jv_get(j, "optionalDependencies");
	if (why || p->files.n || (opt && opt->type == JV_OBJ && opt->n) || any_install_hook(j))
		read_package_js(a, p);
	if (!why && p->direct_require) {
		/* the code names its compiled addon: that is the evidence */
		p->native_why = arena_printf(a, "its code require()s %s", p->direct_require);
	}
	if (p->loader == LOADER_UNKNOWN || p->loader == LOADER_PREBUILD_INSTALL || p->loader == LOADER_NODE_GYP) {
		if (p->uses_bindings && p->bindings_name)
			p->loader = LOADER_BINDINGS;
	} else if (p->loader == LOADER_NODE_PRE_GYP && p->uses_bindings && p->bindings_name && !p->uses_npg) {
		/* a "binary" field for the install script's node-pre-gyp, but the
		 * code loads with bindings (libxmljs 1.x): bindings' search and
		 * text are what require() gives */
		p->loader = LOADER_BINDINGS;
	}
}

/*
 * A .node file that nothing would load: it sits under a test, fixture,
 * example or benchmark directory of a package with no evidence of an addon
 * of its own (no binding.gyp, no build tool, no loader dependency), and
 * the package's code names no .node file.  Such files (a test fixture
 * shipped by mistake) are not reasons for a rebuild or a reinstall.
 */
bool scan_stray_file(const struct scan_pkg *p, const char *rel)
{
	if (!p || p->native_why || p->direct_require || p->uses_bindings || p->uses_ngb ||
	    p->napi_platform || p->napi_main || p->platform_of || p->ngbo_main)
		return false;
	static const char *const dirs[] = {
		"test/", "tests/", "__tests__/", "fixtures/", "fixture/", "example/", "examples/", "bench/",
		"benchmark/", "spec/",
	};
	for (size_t i = 0; i < sizeof dirs / sizeof dirs[0]; i++) {
		size_t dl = strlen(dirs[i]);
		for (const char *c = rel; c; c = strchr(c, '/'), c = c ? c + 1 : NULL)
			if (!strncmp(c, dirs[i], dl))
				return true;
	}
	return false;
}
