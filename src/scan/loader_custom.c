/*
 * loader_custom.c - package-specific loaders: packages that find their own
 * addon with their own JavaScript, each replayed from the published code
 * of the versions named below (read for facts, never run).
 *
 *   sharp 0.33 - 0.35   lib/sharp.js, dist/sharp.cjs: src/build/Release,
 *                       then @img/sharp-<platform><libc>-<arch>, then
 *                       @img/sharp-wasm32; "Could not load the "sharp"
 *                       module using the <p> runtime" with every error that
 *                       is not MODULE_NOT_FOUND quoted
 *   sharp 0.29 - 0.32   build/Release/sharp-<platform>-<arch>.node, else
 *                       "\nSomething went wrong installing the "sharp" ..."
 *   node-pty 1.x        lib/utils.js loadNativeModule: build/Release,
 *                       build/Debug, prebuilds/<platform>-<arch> from ".."
 *                       then "."; throws with the last attempt's error
 *   @parcel/watcher 2.2+ index.js: @parcel/watcher-<p>-<a>[-glibc|-musl],
 *                       build/Release, build/Debug
 *   zeromq 6 (cmake-ts 1.0) build/manifest.json: the configurations with
 *                       the runtime's os/arch/libc, highest abi first
 *   deasync             bin/<p>-<a>-node-<maj.min>, bin/<p>-<a>-node-<maj>,
 *                       then require('bindings')('deasync')
 *   pkg-prebuilds 1.x   (node-hid 3, @julusian/jpeg-turbo, and any package
 *                       calling it from a root file, @julusian/midi 3):
 *                       build/Debug, build/Release, then
 *                       prebuilds/<name>-<p>-<a>[-musl]/node-napi-v<N>.node
 *   node-sass 4.x - 9.x vendor/<p>[_musl]-<a>-<abi>/binding.node, else its
 *                       own texts (the runtime table is read from its code)
 *   Sentry's profiler   @sentry-internal/node-cpu-profiler 2.x and
 *                       @sentry/node-cpu-profiler (lib/index.js), and
 *                       @sentry/profiling-node 8.x (lib/cjs/index.js):
 *                       sentry_cpu_profiler-<p>-<a>[-<libc>]-<abi>.node,
 *                       named in its if-tree or else required by that
 *                       identifier (2.4.2+ catch that last require and
 *                       run without profiling); on Electron 2.x take only
 *                       build/Release/sentry_cpu_profiler.node
 *   koffi 2.x, 3.x      build/koffi/<p>_<a>/koffi.node (2.x), or the
 *                       package @koromix/koffi-<p>-<a> (3.x); musl_<a> on
 *                       a musl target
 *   @lydell/node-pty 1.x @lydell/node-pty-<p>-<a>/pty.node, else one of
 *                       requireBinary.js's three texts
 *   oracledb 6.x        Thin mode: require() loads no addon; Thick mode's
 *                       build/Release/oracledb-<v>-<p>-<a>.node named
 *   @roamhq/wrtc 0.8+   build-<p>-<a>/, the package @roamhq/wrtc-<p>-<a>,
 *                       else "Could not find wrtc binary on any of the paths"
 *   jazz-midi 1.x       bin/[10_15/|11_15/]<its platform name>/jazz.node by
 *                       process.versions.node's major
 *   libsql 0.4+         the package @libsql/<@neon-rs/load's currentTarget()>
 *   addon-tools-raub    (segfault-raub and other node-3d packages): the main's
 *                       require(`./${getBin()}/<name>`), bin-<its platform name>
 *   couchbase 4.x       build/{,Release,RelWithDebInfo,Debug}/ (a .node), then
 *                       @couchbase/couchbase-<p>-<a>-napi's one matching file
 *
 * Detection is precise: the package's name and the shape of its loader
 * (every literal text replayed below must be in the installed loader file),
 * else the generic code in select.c judges it.  When the code matches but a
 * step depends on something a static scan cannot see, the answer is
 * `unknown` with the reason, never a guessed text.
 *
 * What is assumed of the target and said here once: no npm_config_* /
 * SASS_BINARY_* / SENTRY_PROFILER_BINARY_* / BUILD_PLATFORM / BUILD_ARCH
 * variables set at run time; on Linux, the musl target is
 * Alpine (/etc/alpine-release, which cmake-ts and pkg-prebuilds test); an
 * x64 CPU has the v2 micro-architecture sharp 0.34+ checks after loading;
 * the first candidate that exists is the file (these loaders go on to the
 * next candidate when it fails to load; that second chance is not
 * replayed).  Messages leave Node's "Require stack" out.
 */
#include "scan.h"

#include <ctype.h>
#include <dirent.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "../runtime/altruntime.h"
#include "../util/jsonread.h"

#define JS_CAP (512u * 1024u)
#define MANIFEST_CAP (1024u * 1024u)

/* What one replay says for (main package, target). */
struct custom_pick {
	const char *path;       /* realpath of the file it loads; NULL: none */
	const char *error;      /* when none: its err.message; NULL: unknown */
	const char *code;
	const char *cause;      /* "not-built", NULL: "not-found" */
	const char *wanted;
	const char *why;
	bool optional_absent;
	bool caught;            /* the loader catches this file's failure or absence
	                         * and goes on without it (require() succeeds) */
	bool not_at_require;    /* require() loads no file at all (oracledb's Thin
	                         * mode); why says when one is loaded */
};

/* --- helpers ------------------------------------------------------------- */

static const char *read_js(struct arena *a, const struct scan_pkg *m, const char *rel)
{
	size_t len;
	const char *p = arena_printf(a, "%s/%s", m->dir_real, rel);
	return p ? scan_read_small(a, p, JS_CAP, &len) : NULL;
}

/* Every marker is in text: the loader is the code replayed here. */
static bool shaped(const char *text, const char *const *markers)
{
	if (!text)
		return false;
	for (size_t i = 0; markers[i]; i++)
		if (!strstr(text, markers[i]))
			return false;
	return true;
}

/* realpath of a regular file, in the arena; NULL when there is none. */
static const char *file_at(struct arena *a, const char *path)
{
	struct stat st;
	if (!path || stat(path, &st) != 0 || !S_ISREG(st.st_mode))
		return NULL;
	char *rp = realpath(path, NULL);
	const char *r = rp ? arena_strdup(a, rp) : NULL;
	free(rp);
	return r;
}

static bool dir_exists(const char *path)
{
	struct stat st;
	return path && stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* strstr ignoring ASCII case (a JS /x/i test) */
static bool has_nocase(const char *hay, const char *needle)
{
	size_t n = strlen(needle);
	for (; *hay; hay++)
		if (!strncasecmp(hay, needle, n))
			return true;
	return false;
}

/* process.versions.node of t: a Node target's version, an Electron
 * release's embedded Node (data/electron-node.tsv), a Bun or Deno
 * release's Node compat version (its measured row); NULL when not known
 * (an Electron line or a release whose Node no source gave). */
static const char *process_node(struct arena *a, const struct target *t)
{
	if (t->alt)
		return t->alt->rel.node[0] ? t->alt->rel.node : NULL;
	if (!strcmp(t->runtime, "node"))
		return t->version;
	if (!strcmp(t->runtime, "electron"))
		return scan_electron_node(a, t->version);
	return NULL;
}

/* Why process_node() is NULL, in words. */
static const char *process_node_unknown(struct arena *a, const struct target *t)
{
	if (!strcmp(t->runtime, "electron")) {
		const char *dot = strchr(t->version, '.');
		bool exact = dot && strchr(dot + 1, '.');
		return arena_printf(a, "the Node.js inside Electron %s is not in data/electron-node.tsv%s", t->version,
				    exact ? "" : " (a line names no single release)");
	}
	return arena_printf(a, "%s %s's process.versions.node is not known", t->runtime, t->version);
}

static bool is_musl(const struct target *t)
{
	return !strcmp(t->platform, "linux") && t->libc && !strcmp(t->libc, "musl");
}

/* "a.b.c" -> numbers; false when it does not start so. */
static bool parse_ver(const char *s, int v[3])
{
	v[0] = v[1] = v[2] = 0;
	for (int i = 0; i < 3; i++) {
		if (!s || !isdigit((unsigned char)*s))
			return i > 0;
		long n = strtol(s, (char **)&s, 10);
		if (n < 0 || n > 100000)
			return false;
		v[i] = (int)n;
		if (*s != '.')
			return true;
		s++;
	}
	return true;
}

static int cmp_ver(const int a[3], const int b[3])
{
	for (int i = 0; i < 3; i++)
		if (a[i] != b[i])
			return a[i] < b[i] ? -1 : 1;
	return 0;
}

static bool ver_in(const char *version, int maj, int min_lo, int min_hi)
{
	int v[3];
	return parse_ver(version, v) && v[0] == maj && v[1] >= min_lo && v[1] <= min_hi;
}

/*
 * semver.satisfies for the ranges packages put in "engines": '||' of
 * space-separated comparators (>=, >, <=, <, =, ^, ~, bare x.y.z).
 * Returns 1 / 0, or -1 when the range has another form.
 */
static int semver_satisfies(const char *version, const char *range)
{
	int v[3];
	if (!parse_ver(version, v) || !range)
		return -1;
	const char *p = range;
	bool any = false;
	for (;;) {
		bool ok = true, empty = true;
		for (;;) {
			while (*p == ' ')
				p++;
			if (!*p || (p[0] == '|' && p[1] == '|'))
				break;
			char op[3] = "";
			size_t ol = strspn(p, "<>=^~");
			if (ol > 2)
				return -1;
			memcpy(op, p, ol);
			op[ol] = 0;
			p += ol;
			int w[3];
			if (!isdigit((unsigned char)*p) || !parse_ver(p, w))
				return -1;
			int parts = 1;
			while (isdigit((unsigned char)*p) || *p == '.')
				parts += *p++ == '.';
			if (*p && *p != ' ' && *p != '|')
				return -1;
			int c = cmp_ver(v, w);
			bool r;
			if (!strcmp(op, ">="))
				r = c >= 0;
			else if (!strcmp(op, ">"))
				r = c > 0;
			else if (!strcmp(op, "<="))
				r = c <= 0;
			else if (!strcmp(op, "<"))
				r = c < 0;
			else if (!strcmp(op, "^")) {
				int hi[3] = { w[0] + 1, 0, 0 };
				if (w[0] == 0)
					return -1;   /* ^0.x: not seen in engines */
				r = c >= 0 && cmp_ver(v, hi) < 0;
			} else if (!strcmp(op, "~")) {
				int hi[3] = { w[0], w[1] + 1, 0 };
				r = c >= 0 && cmp_ver(v, hi) < 0;
			} else if (!op[0] || !strcmp(op, "=")) {
				if (parts < 3)
					return -1;   /* x-ranges: not replayed */
				r = c == 0;
			} else
				return -1;
			ok &= r;
			empty = false;
		}
		if (empty)
			return -1;
		any |= ok;
		if (!*p)
			break;
		p += 2;
	}
	return any;
}

/* Lines joined by '\n' (a JS help.join("\n")). */
struct lines {
	const char *v[48];
	size_t n;
};

static void add(struct lines *l, const char *s)
{
	if (l->n < sizeof l->v / sizeof l->v[0] && s)
		l->v[l->n++] = s;
}

static const char *joined(struct arena *a, const struct lines *l)
{
	size_t len = 1;
	for (size_t i = 0; i < l->n; i++)
		len += strlen(l->v[i]) + 1;
	char *s = arena_alloc(a, len);
	if (!s)
		return NULL;
	char *o = s;
	for (size_t i = 0; i < l->n; i++) {
		if (i)
			*o++ = '\n';
		size_t k = strlen(l->v[i]);
		memcpy(o, l->v[i], k);
		o += k;
	}
	*o = 0;
	return s;
}

/* The file package `name`'s subpath resolves to from m: its "exports"
 * entry when a string, else the path itself; NULL when not installed. */
static const char *resolve_in(struct arena *a, const struct scan_pkg *m, const char *name, const char *sub,
			      const char **dir_out)
{
	const char *dir = scan_resolve_dir(a, m->dir_real, name);
	if (dir_out)
		*dir_out = dir;
	if (!dir)
		return NULL;
	size_t len;
	const char *pj = scan_read_small(a, arena_printf(a, "%s/package.json", dir), 1u << 20, &len);
	const struct jv *j = pj ? json_parse(a, pj, len) : NULL;
	const struct jv *ex = j ? jv_get(j, "exports") : NULL;
	const char *target = sub;
	if (ex && ex->type == JV_OBJ) {
		const char *key = arena_printf(a, "./%s", sub);
		const struct jv *e = jv_get(ex, key);
		if (!e || e->type != JV_STR)
			return NULL;
		target = e->str;
	}
	while (target[0] == '.' && target[1] == '/')
		target += 2;
	return arena_printf(a, "%s/%s", dir, target);
}

/* --- sharp 0.33 - 0.35 ----------------------------------------------------- */

/* runtimePlatformArch(): platform + "musl" on non-glibc Linux + "-" + arch */
static const char *sharp_rp(struct arena *a, const struct target *t)
{
	return arena_printf(a, "%s%s-%s", t->platform, is_musl(t) ? "musl" : "", t->arch);
}

/* The platform package's file: its "./sharp.node" export, which is the
 * .node itself (0.33, 0.34) or a wrapper that require()s "./lib/x.node"
 * (0.35).  NULL *why: not installed, or the file is absent. */
static const char *sharp_platform_file(struct arena *a, const struct scan_pkg *m, const char *pkgname,
				       const char **why)
{
	*why = NULL;
	const char *p = resolve_in(a, m, pkgname, "sharp.node", NULL);
	if (!p)
		return NULL;
	size_t pl = strlen(p);
	if (pl > 5 && !strcmp(p + pl - 5, ".node"))
		return file_at(a, p);
	size_t len;
	const char *js = scan_read_small(a, p, JS_CAP, &len);
	static const char lead[] = "module.exports = require('./";
	const size_t ll = sizeof lead - 1;
	const char *req = js ? strstr(js, lead) : NULL;
	const char *end = req ? strstr(req + ll, ".node');") : NULL;
	if (!end || memchr(req + ll, '\n', (size_t)(end - req - ll)) || strstr(end, "require('./")) {
		*why = arena_printf(a, "%s's sharp.node entry (%s) is not the wrapper this replay reads", pkgname, p);
		return NULL;
	}
	const char *dir = arena_strdup(a, p);
	char *slash = dir ? strrchr(dir, '/') : NULL;
	if (!slash)
		return NULL;
	*slash = 0;
	return file_at(a, arena_printf(a, "%s/%.*s.node", dir, (int)(end - req - ll), req + ll));
}

enum sharp_gen { SHARP_033, SHARP_035 };

struct sharp_env {
	enum sharp_gen gen;
	const char *src, *libvips_src;
};

static const char *const SHARP_HELP_033[] = {
	"`Could not load the \"sharp\" module using the ${runtimePlatform} runtime`",
	"help.push(`${err.code}: ${err.message}`);",
	"'- Please upgrade Node.js:'", "`    Found ${found}`", "`    Requires ${expected}`",
	"'- Ensure optional dependencies can be installed:'", "'    npm install --include=optional sharp'",
	"'- Ensure your package manager supports multi-platform installation:'",
	"'    See https://sharp.pixelplumbing.com/install#cross-platform'",
	"'- Add platform-specific dependencies:'",
	"`    npm install --os=${os.replace('musl', '')}${libc} --cpu=${cpu} sharp`",
	"`- Manually install libvips >= ${minimumLibvipsVersion}`",
	"'- Add experimental WebAssembly-based dependencies:'", "'    npm install --cpu=wasm32 sharp'",
	"'    npm install @img/sharp-wasm32'",
	"'- Update Homebrew:'", "'    brew update && brew upgrade vips'",
	"'- Using the canvas package on Windows?'", "'    See https://sharp.pixelplumbing.com/install#canvas-and-windows'",
	"'- Check for outdated versions of sharp in the dependency tree:'", "'    npm ls sharp'",
	"'- Consult the installation documentation:'", "'    See https://sharp.pixelplumbing.com/install'",
	"`../src/build/Release/sharp-${runtimePlatform}.node`", "'../src/build/Release/sharp-wasm32.node'",
	"`@img/sharp-${runtimePlatform}/sharp.node`", "'@img/sharp-wasm32/sharp.node'",
	"if (err.code !== 'MODULE_NOT_FOUND') {",
	NULL,
};

static const char *const SHARP_HELP_035[] = {
	"`Could not load the \"sharp\" module using the ${runtimePlatform} runtime`",
	"help.push(err.code ? `${err.code}: ${err.message}` : err.message);",
	"if (!err.code?.endsWith(\"MODULE_NOT_FOUND\")) {",
	"\"- Please upgrade Node.js:\"", "`    Found ${found}`", "`    Requires ${expected}`",
	"prebuiltPlatforms.includes(runtimePlatform) && !/libstdc\\+\\+\\.so/.test(messages)",
	"\"- Ensure optional dependencies can be installed:\"", "\"    npm install --include=optional sharp\"",
	"\"- Ensure your package manager supports multi-platform installation:\"",
	"\"    See https://sharp.pixelplumbing.com/install#cross-platform\"",
	"\"- Add platform-specific dependencies:\"",
	"`    npm install --os=${os.replace(\"musl\", \"\")}${libc} --cpu=${cpu} sharp`",
	"`- Manually install libvips >= ${minimumLibvipsVersion}`",
	"\"    See https://sharp.pixelplumbing.com/install#building-from-source\"",
	"\"- Add WebAssembly-based dependencies:\"", "\"    npm install sharp @img/sharp-wasm32\"",
	"\"- Update Homebrew:\"", "\"    brew update && brew upgrade vips\"",
	"\"- Using the canvas package on Windows?\"", "\"    See https://sharp.pixelplumbing.com/install#canvas-and-windows\"",
	"\"- Check for outdated versions of sharp in the dependency tree:\"", "\"    npm ls sharp\"",
	"\"- Consult the installation documentation:\"", "\"    See https://sharp.pixelplumbing.com/install\"",
	"require(`../src/build/Release/sharp-${runtimePlatform}-${version}.node`)",
	"require(`../src/build/Release/sharp-wasm32-${version}.node`)",
	"sharp = require(\"@img/sharp-wasm32/sharp.node\");",
	NULL,
};

static bool sharp_detect(struct arena *a, const struct scan_pkg *m, struct sharp_env *e)
{
	if (ver_in(m->version, 0, 35, 35)) {
		e->gen = SHARP_035;
		e->src = read_js(a, m, "dist/sharp.cjs");
		e->libvips_src = read_js(a, m, "dist/libvips.cjs");
		return shaped(e->src, SHARP_HELP_035);
	}
	if (ver_in(m->version, 0, 33, 34)) {
		e->gen = SHARP_033;
		e->src = read_js(a, m, "lib/sharp.js");
		e->libvips_src = read_js(a, m, "lib/libvips.js");
		return shaped(e->src, SHARP_HELP_033);
	}
	return false;
}

/* prebuiltPlatforms as the installed libvips.js lists them. */
static int sharp_prebuilt(const char *libvips_src, const char *rp)
{
	const char *p = libvips_src ? strstr(libvips_src, "const prebuiltPlatforms = [") : NULL;
	const char *end = p ? strstr(p, "];") : NULL;
	if (!end)
		return -1;
	char q[64];
	snprintf(q, sizeof q, "'%s'", rp);
	const char *hit = strstr(p, q);
	return hit && hit < end;
}

/* semver.coerce(pkg.config.libvips).version */
static const char *sharp_min_libvips(struct arena *a, const struct scan_pkg *m)
{
	const struct jv *cfg = jv_get(m->json, "config");
	const char *s = cfg ? jv_get_str(cfg, "libvips") : NULL;
	while (s && *s && !isdigit((unsigned char)*s))
		s++;
	int v[3];
	if (!s || !*s || !parse_ver(s, v))
		return NULL;
	return arena_printf(a, "%d.%d.%d", v[0], v[1], v[2]);
}

/*
 * The help text sharp throws, with inner (the errors that are not
 * MODULE_NOT_FOUND, already as "code: message") quoted; NULL with *why
 * when a branch depends on what a scan cannot know.
 */
static const char *sharp_help(struct arena *a, const struct scan_pkg *m, const struct target *t,
			      const struct sharp_env *e, const char *inner, const char **why)
{
	const char *rp = sharp_rp(a, t);
	const char *messages = inner ? inner : "";
	/* the MODULE_NOT_FOUND texts carry paths under the project too */
	const char *hay = arena_printf(a, "%s %s", messages, m->dir_real);
	struct lines l = { .n = 0 };
	add(&l, arena_printf(a, "Could not load the \"sharp\" module using the %s runtime", rp));
	if (inner)
		add(&l, inner);
	add(&l, "Possible solutions:");
	const char *engines = jv_get(m->json, "engines") ? jv_get_str(jv_get(m->json, "engines"), "node") : NULL;
	const char *node = process_node(a, t);
	if (!node) {
		*why = arena_printf(a, "sharp compares process.versions.node with its engines, and %s",
				    process_node_unknown(a, t));
		return NULL;
	}
	int sat = engines ? semver_satisfies(node, engines) : -1;
	int pre = sharp_prebuilt(e->libvips_src, rp);
	if (sat < 0 || pre < 0) {
		*why = "sharp's engines range or prebuiltPlatforms list has a form this replay does not read";
		return NULL;
	}
	bool libstdcxx = e->gen == SHARP_035 && strstr(hay, "libstdc++.so");
	if (!sat) {
		add(&l, "- Please upgrade Node.js:");
		add(&l, arena_printf(a, "    Found %s", node));
		add(&l, arena_printf(a, "    Requires %s", engines));
	} else if (pre && !libstdcxx) {
		char os[32], cpu[32];
		const char *dash = strchr(rp, '-');
		snprintf(os, sizeof os, "%.*s", (int)(dash - rp), rp);
		snprintf(cpu, sizeof cpu, "%s", dash + 1);
		bool musl = strlen(os) >= 4 && !strcmp(os + strlen(os) - 4, "musl");
		char *mu = strstr(os, "musl");
		if (mu)
			memmove(mu, mu + 4, strlen(mu + 4) + 1);
		add(&l, "- Ensure optional dependencies can be installed:");
		add(&l, "    npm install --include=optional sharp");
		add(&l, "- Ensure your package manager supports multi-platform installation:");
		add(&l, "    See https://sharp.pixelplumbing.com/install#cross-platform");
		add(&l, "- Add platform-specific dependencies:");
		add(&l, arena_printf(a, "    npm install --os=%s%s --cpu=%s sharp", os, musl ? " --libc=musl" : "", cpu));
	} else {
		const char *mv = sharp_min_libvips(a, m);
		if (!mv) {
			*why = "sharp's config.libvips is not a version this replay reads";
			return NULL;
		}
		add(&l, arena_printf(a, "- Manually install libvips >= %s", mv));
		if (e->gen == SHARP_035) {
			add(&l, "    See https://sharp.pixelplumbing.com/install#building-from-source");
			add(&l, "- Add WebAssembly-based dependencies:");
			add(&l, "    npm install sharp @img/sharp-wasm32");
		} else {
			add(&l, "- Add experimental WebAssembly-based dependencies:");
			add(&l, "    npm install --cpu=wasm32 sharp");
			add(&l, "    npm install @img/sharp-wasm32");
		}
	}
	bool on_linux = !strncmp(rp, "linux", 5);
	if (on_linux && (has_nocase(hay, "symbol not found") || strstr(hay, "CXXABI_"))) {
		*why = "sharp then quotes the C library found on the machine (detect-libc), which a scan does not replay";
		return NULL;
	}
	if (on_linux && strstr(hay, "/snap/core")) {
		*why = "sharp's Snap hint depends on paths under /snap/core";
		return NULL;
	}
	if (!strncmp(rp, "darwin", 6) && strstr(hay, "Incompatible library version")) {
		add(&l, "- Update Homebrew:");
		add(&l, "    brew update && brew upgrade vips");
	}
	if (!strncmp(rp, "win32", 5) && strstr(hay, "The specified procedure could not be found")) {
		add(&l, "- Using the canvas package on Windows?");
		add(&l, "    See https://sharp.pixelplumbing.com/install#canvas-and-windows");
		add(&l, "- Check for outdated versions of sharp in the dependency tree:");
		add(&l, "    npm ls sharp");
	}
	add(&l, "- Consult the installation documentation:");
	add(&l, "    See https://sharp.pixelplumbing.com/install");
	return joined(a, &l);
}

/* 0.35's switch: the package each runtimePlatform takes; NULL none. */
static const char *sharp_platform_pkg(struct arena *a, const struct sharp_env *e, const char *rp)
{
	if (e->gen == SHARP_033)
		return arena_printf(a, "@img/sharp-%s", rp);
	static const char *const own[] = {
		"darwin-arm64", "darwin-x64", "linux-arm", "linux-arm64", "linux-ppc64", "linux-riscv64",
		"linux-s390x", "linux-x64", "linuxmusl-arm64", "linuxmusl-x64", "win32-arm64", "win32-ia32",
		"win32-x64",
	};
	for (size_t i = 0; i < sizeof own / sizeof own[0]; i++)
		if (!strcmp(rp, own[i]))
			return arena_printf(a, "@img/sharp-%s", rp);
	if (!strcmp(rp, "freebsd-arm64") || !strcmp(rp, "freebsd-x64"))
		return "@img/sharp-freebsd-wasm32";
	if (!strcmp(rp, "linux-wasm32"))
		return "@img/sharp-webcontainers-wasm32";
	return NULL;
}

static bool sharp_new(struct arena *a, const struct scan_pkg *m, const struct target *t, struct custom_pick *k)
{
	struct sharp_env e;
	if (!sharp_detect(a, m, &e))
		return false;
	const char *rp = sharp_rp(a, t);
	const char *local = e.gen == SHARP_035
		? arena_printf(a, "%s/src/build/Release/sharp-%s-%s.node", m->dir_real, rp, m->version)
		: arena_printf(a, "%s/src/build/Release/sharp-%s.node", m->dir_real, rp);
	const char *local_wasm = e.gen == SHARP_035
		? arena_printf(a, "%s/src/build/Release/sharp-wasm32-%s.node", m->dir_real, m->version)
		: arena_printf(a, "%s/src/build/Release/sharp-wasm32.node", m->dir_real);
	if ((k->path = file_at(a, local)) || (k->path = file_at(a, local_wasm)))
		return true;
	const char *pp = sharp_platform_pkg(a, &e, rp);
	const char *why = NULL;
	if (pp && (k->path = sharp_platform_file(a, m, pp, &why)))
		return true;
	if (why) {
		k->why = why;
		return true;
	}
	if (scan_resolve_dir(a, m->dir_real, "@img/sharp-wasm32")) {
		k->why = "sharp falls back to @img/sharp-wasm32 (WebAssembly, no .node file to check)";
		return true;
	}
	k->wanted = pp ? pp : arena_printf(a, "@img/sharp-%s", rp);
	k->error = sharp_help(a, m, t, &e, NULL, &k->why);
	k->optional_absent = pp != NULL;
	if (k->error)
		k->why = pp ? arena_printf(a, "sharp loads its binary from the optional package %s, which is not installed "
					   "(optional dependencies skipped, or node_modules installed on another platform)", pp)
			    : arena_printf(a, "sharp %s has no prebuilt binary for %s and none was built", m->version, rp);
	return true;
}

/* --- sharp 0.29 - 0.32 ----------------------------------------------------- */

static const char *const SHARP_OLD[] = {
	"module.exports = require(`../build/Release/sharp-${platformAndArch}.node`);",
	"const help = ['', 'Something went wrong installing the \"sharp\" module', '', err.message, '', 'Possible solutions:'];",
	"'- Install with verbose logging and look for errors: \"npm install --ignore-scripts=false --foreground-scripts --verbose sharp\"'",
	"`- Install for the current ${platformAndArch} runtime: \"npm install --platform=${platform} --arch=${arch} sharp\"`",
	"'- Consult the installation documentation: https://sharp.pixelplumbing.com/install'",
	"help.push('- Update Homebrew: \"brew update && brew upgrade vips\"');",
	"help.push('- Using worker threads? See https://sharp.pixelplumbing.com/install#worker-threads');",
	NULL,
};
static const char *const SHARP_OLD_PLATFORM[] = {
	"const libcId = platform !== 'linux' || libc === detectLibc.GLIBC ? '' : libc;",
	"const fallback = process.versions.electron ? '7' : '6';",
	"platformId.push(`arm64v${env.npm_config_arm_version || '8'}`);",
	NULL,
};

static const char *sharp_old_pa(struct arena *a, const struct target *t)
{
	const char *arch = t->arch;
	if (!strcmp(arch, "arm"))
		/* process.config.variables.arm_version: 7 on official arm builds */
		arch = "armv7";
	else if (!strcmp(arch, "arm64"))
		arch = "arm64v8";
	return arena_printf(a, "%s%s-%s", t->platform, is_musl(t) ? "musl" : "", arch);
}

static const char *sharp_old_help(struct arena *a, const struct target *t, const char *msg)
{
	const char *pa = sharp_old_pa(a, t);
	struct lines l = { .n = 0 };
	add(&l, "");
	add(&l, "Something went wrong installing the \"sharp\" module");
	add(&l, "");
	add(&l, msg);
	add(&l, "");
	add(&l, "Possible solutions:");
	if (strstr(msg, "dylib") && strstr(msg, "Incompatible library version")) {
		add(&l, "- Update Homebrew: \"brew update && brew upgrade vips\"");
	} else {
		const char *dash = strchr(pa, '-');
		char plat[32];
		snprintf(plat, sizeof plat, "%.*s", (int)(dash - pa), pa);
		if (!strcmp(plat, "linux") && strstr(msg, "Module did not self-register"))
			add(&l, "- Using worker threads? See https://sharp.pixelplumbing.com/install#worker-threads");
		add(&l, "- Install with verbose logging and look for errors: \"npm install --ignore-scripts=false --foreground-scripts --verbose sharp\"");
		add(&l, arena_printf(a, "- Install for the current %s runtime: \"npm install --platform=%s --arch=%s sharp\"",
				     pa, plat, dash + 1));
	}
	/* then a "- Ensure the version of sharp aligns with ..." line when
	 * another package's sharp is in require.cache: never in a fresh
	 * require() of this one */
	add(&l, "- Consult the installation documentation: https://sharp.pixelplumbing.com/install");
	(void)t;
	return joined(a, &l);
}

static bool sharp_old(struct arena *a, const struct scan_pkg *m, const struct target *t, struct custom_pick *k)
{
	if (!ver_in(m->version, 0, 29, 32) || !shaped(read_js(a, m, "lib/sharp.js"), SHARP_OLD) ||
	    !shaped(read_js(a, m, "lib/platform.js"), SHARP_OLD_PLATFORM))
		return false;
	const char *rel = arena_printf(a, "build/Release/sharp-%s.node", sharp_old_pa(a, t));
	if ((k->path = file_at(a, arena_printf(a, "%s/%s", m->dir_real, rel))))
		return true;
	k->wanted = rel;
	k->cause = "not-built";
	k->error = sharp_old_help(a, t, arena_printf(a, "Cannot find module '../%s'", rel));
	k->why = arena_printf(a, "sharp %s loads %s, which its install script downloads or builds: it did not run "
			      "(--ignore-scripts), failed, or node_modules was copied from elsewhere", m->version, rel);
	return true;
}

static bool sharp_replay(struct arena *a, const struct scan_pkg *m, const struct target *t, struct custom_pick *k)
{
	return sharp_new(a, m, t, k) || sharp_old(a, m, t, k);
}

/* --- node-pty 1.x ------------------------------------------------------------ */

static const char *const PTY_UTILS[] = {
	"function loadNativeModule(name) {",
	"var dirs = ['build/Release', 'build/Debug', \"prebuilds/\" + process.platform + \"-\" + process.arch];",
	"var relative = ['..', '.'];",
	"var dir = r + \"/\" + d + \"/\";",
	"return { dir: dir, module: require(dir + \"/\" + name + \".node\") };",
	"throw new Error(\"Failed to load native module: \" + name + \".node, checked: \" + dirs.join(', ') + \": \" + lastError);",
	NULL,
};
static const char *const PTY_INDEX[] = {
	"exports.native = (process.platform !== 'win32' ? utils_1.loadNativeModule('pty').module : null);",
	NULL,
};

static bool pty_replay(struct arena *a, const struct scan_pkg *m, const struct target *t, struct custom_pick *k)
{
	if (!m->version || m->version[0] < '1' || m->version[1] != '.' ||
	    !shaped(read_js(a, m, "lib/utils.js"), PTY_UTILS) || !shaped(read_js(a, m, "lib/index.js"), PTY_INDEX))
		return false;
	if (!strcmp(t->platform, "win32")) {
		k->why = "node-pty loads conpty or winpty on Windows when a terminal is spawned, not at require()";
		return true;
	}
	const char *pb = arena_printf(a, "prebuilds/%s-%s", t->platform, t->arch);
	const char *dirs[3] = { "build/Release", "build/Debug", pb };
	/* relative to lib/: ".." is the package, "." is lib/ itself */
	for (size_t d = 0; d < 3; d++)
		for (int r = 0; r < 2; r++) {
			const char *p = arena_printf(a, "%s/%s%s/pty.node", m->dir_real, r ? "lib/" : "", dirs[d]);
			if ((k->path = file_at(a, p)))
				return true;
		}
	k->wanted = arena_printf(a, "build/Release/pty.node or %s/pty.node", pb);
	k->cause = "not-built";
	/* lastError is the last attempt's, "./<prebuilds>//pty.node"; String(e)
	 * puts "Error: " before its message */
	k->error = arena_printf(a, "Failed to load native module: pty.node, checked: build/Release, build/Debug, %s: "
			       "Error: Cannot find module './%s//pty.node'", pb, pb);
	k->why = arena_printf(a, "node-pty %s ships prebuilds for other platforms only, so %s-%s needs "
			      "build/Release/pty.node, which its install script builds: it did not run (--ignore-scripts), "
			      "failed, or node_modules was copied from elsewhere", m->version, t->platform, t->arch);
	return true;
}

/* --- @parcel/watcher 2.2+ ------------------------------------------------------ */

static const char *const WATCHER[] = {
	"let name = `@parcel/watcher-${process.platform}-${process.arch}`;",
	"name += '-musl';",
	"name += '-glibc';",
	"binding = require(name);",
	"binding = require('./build/Release/watcher.node');",
	"binding = require('./build/Debug/watcher.node');",
	"`No prebuild or local build of @parcel/watcher found. Tried ${name}. Please ensure it is installed "
	"(don't use --no-optional when installing with npm). Otherwise it is possible we don't support your "
	"platform yet. If this is the case, please report an issue to https://github.com/parcel-bundler/watcher.`",
	"if (err?.code !== 'MODULE_NOT_FOUND') {",
	NULL,
};

static bool watcher_replay(struct arena *a, const struct scan_pkg *m, const struct target *t, struct custom_pick *k)
{
	const char *main = jv_get_str(m->json, "main");
	if (!main || !shaped(read_js(a, m, main), WATCHER))
		return false;
	const char *name = arena_printf(a, "@parcel/watcher-%s-%s%s", t->platform, t->arch,
					!strcmp(t->platform, "linux") ? (is_musl(t) ? "-musl" : "-glibc") : "");
	const char *dir = scan_resolve_dir(a, m->dir_real, name);
	if (dir) {
		size_t len;
		const char *pj = scan_read_small(a, arena_printf(a, "%s/package.json", dir), 1u << 20, &len);
		const struct jv *j = pj ? json_parse(a, pj, len) : NULL;
		const char *pm = j ? jv_get_str(j, "main") : NULL;
		if (!pm || jv_get(j, "exports")) {
			k->why = arena_printf(a, "%s's package.json has no plain \"main\" this replay reads", name);
			return true;
		}
		if ((k->path = file_at(a, arena_printf(a, "%s/%s", dir, pm))))
			return true;
	}
	if ((k->path = file_at(a, arena_printf(a, "%s/build/Release/watcher.node", m->dir_real))) ||
	    (k->path = file_at(a, arena_printf(a, "%s/build/Debug/watcher.node", m->dir_real))))
		return true;
	k->wanted = name;
	k->optional_absent = !dir;
	k->error = arena_printf(a, "No prebuild or local build of @parcel/watcher found. Tried %s. Please ensure it is installed "
			       "(don't use --no-optional when installing with npm). Otherwise it is possible we don't support your "
			       "platform yet. If this is the case, please report an issue to https://github.com/parcel-bundler/watcher.",
			       name);
	k->why = dir ? arena_printf(a, "%s is installed but holds no binary, and there is no build/", name)
		     : arena_printf(a, "@parcel/watcher loads its binary from the optional package %s, which is not installed "
				    "(optional dependencies skipped, or node_modules installed on another platform)", name);
	return true;
}

/* --- zeromq 6: cmake-ts 1.0 --------------------------------------------------- */

static const char *const ZMQ_LOAD[] = {
	"require(\"cmake-ts/build/loader\")",
	"(0, loader_1.loadAddon)(path_1.default.resolve(__dirname, \"..\", \"build\"))",
	NULL,
};
static const char *const CMAKE_TS_LOADER[] = {
	"t===\"linux\"?u.existsSync(\"/etc/alpine-release\")?\"musl\":\"glibc\":t===\"darwin\"?\"libc\":t===\"win32\"?\"msvc\":\"unknown\"",
	"if(o.os!==e.os||o.arch!==e.arch||o.libc!==e.libc)",
	"r.push([o,h.resolve(this.buildDir,a)])",
	"((d=a.abi)!=null?d:0)-((m=i.abi)!=null?m:0)",
	"for(const[a,c]of i)try{",
	"if(e===void 0)throw new Error(\"No compatible zeromq.js addon found\")",
	NULL,
};

static bool zmq_replay(struct arena *a, const struct scan_pkg *m, const struct target *t, struct custom_pick *k)
{
	if (!ver_in(m->version, 6, 0, INT_MAX) || !shaped(read_js(a, m, "lib/load-addon.js"), ZMQ_LOAD))
		return false;
	const char *cts = scan_resolve_dir(a, m->dir_real, "cmake-ts");
	size_t len;
	const char *ctsjs = cts ? scan_read_small(a, arena_printf(a, "%s/build/loader.js", cts), JS_CAP, &len) : NULL;
	if (!shaped(ctsjs, CMAKE_TS_LOADER)) {
		k->why = cts ? "zeromq loads through cmake-ts, whose installed build/loader.js is not the 1.0 code replayed here"
			     : "zeromq loads through cmake-ts, which is not installed where it can be resolved";
		return true;
	}
	const char *mtext = scan_read_small(a, arena_printf(a, "%s/build/manifest.json", m->dir_real), MANIFEST_CAP, &len);
	const struct jv *man = mtext ? json_parse(a, mtext, len) : NULL;
	if (!man || man->type != JV_OBJ) {
		/* "Failed to load zeromq.js addon.node: <the inner error's stack>" */
		k->why = "zeromq's build/manifest.json is missing or unreadable: cmake-ts then throws with a JavaScript stack trace in its message";
		k->cause = "not-built";
		return true;
	}
	const char *libc = !strcmp(t->platform, "linux") ? (is_musl(t) ? "musl" : "glibc") :
			   !strcmp(t->platform, "darwin") ? "libc" : !strcmp(t->platform, "win32") ? "msvc" : "unknown";
	/* the compatible configurations in manifest order, then a stable sort
	 * by abi, highest first (a configuration without one counts 0) */
	size_t n = 0;
	const char **paths = arena_alloc(a, (man->n + 1) * sizeof *paths);
	double *abis = arena_alloc(a, (man->n + 1) * sizeof *abis);
	if (!paths || !abis)
		return false;
	for (size_t i = 0; i < man->n; i++) {
		const struct jv *c = json_parse(a, man->keys[i], strlen(man->keys[i]));
		if (!c || c->type != JV_OBJ || man->vals[i]->type != JV_STR)
			continue;   /* cmake-ts warns and skips it */
		const char *os = jv_get_str(c, "os"), *ar = jv_get_str(c, "arch"), *lc = jv_get_str(c, "libc");
		if (!os || !ar || !lc || strcmp(os, t->platform) || strcmp(ar, t->arch) || strcmp(lc, libc))
			continue;
		const struct jv *abi = jv_get(c, "abi");
		double v = abi && abi->type == JV_NUM ? abi->num : 0;
		char *rel = arena_strdup(a, man->vals[i]->str);
		if (!rel)
			return false;
		/* path.resolve on Windows reads '\' as a separator */
		for (char *q = rel; !strcmp(t->platform, "win32") && *q; q++)
			if (*q == '\\')
				*q = '/';
		size_t at = n++;
		while (at > 0 && abis[at - 1] < v) {
			abis[at] = abis[at - 1];
			paths[at] = paths[at - 1];
			at--;
		}
		abis[at] = v;
		paths[at] = rel[0] == '/' ? rel : arena_printf(a, "%s/build/%s", m->dir_real, rel);
	}
	if (n == 0) {
		k->why = arena_printf(a, "zeromq's build/manifest.json has no configuration for %s %s %s: cmake-ts then throws "
				      "with a JavaScript stack trace in its message", t->platform, t->arch, libc);
		return true;
	}
	for (size_t i = 0; i < n; i++)
		if ((k->path = file_at(a, paths[i])))
			return true;
	k->wanted = paths[0];
	k->error = "No compatible zeromq.js addon found";
	k->why = arena_printf(a, "zeromq's build/manifest.json lists %zu configuration%s for %s %s %s, and none of their files is installed",
			      n, n == 1 ? "" : "s", t->platform, t->arch, libc);
	return true;
}

/* --- deasync ----------------------------------------------------------------- */

static const char *const DEASYNC[] = {
	"var nodeV = 'node-' + /[0-9]+\\.[0-9]+/.exec(process.versions.node)[0]",
	"var nodeVM = 'node-' + /[0-9]+/.exec(process.versions.node)[0]",
	"var modPath = path.join(__dirname, 'bin', process.platform + '-' + process.arch + '-' + nodeV, 'deasync')",
	"modPath = path.join(__dirname, 'bin', process.platform + '-' + process.arch + '-' + nodeVM, 'deasync')",
	"binding = require('bindings')('deasync')",
	NULL,
};

static bool deasync_replay(struct arena *a, const struct scan_pkg *m, const struct target *t, struct custom_pick *k)
{
	if (!shaped(read_js(a, m, "index.js"), DEASYNC))
		return false;
	const char *node = process_node(a, t);
	if (!node) {
		k->why = arena_printf(a, "deasync picks its directory by process.versions.node, and %s", process_node_unknown(a, t));
		return true;
	}
	int v[3];
	if (!parse_ver(node, v))
		return false;
	const char *b = arena_printf(a, "%s/bin/%s-%s-node-", m->dir_real, t->platform, t->arch);
	if ((k->path = file_at(a, arena_printf(a, "%s%d.%d/deasync.node", b, v[0], v[1]))) ||
	    (k->path = file_at(a, arena_printf(a, "%s%d/deasync.node", b, v[0]))))
		return true;
	if (!scan_resolve_dir(a, m->dir_real, "bindings")) {
		k->why = "deasync falls back to require('bindings'), which is not installed where it resolves";
		return true;
	}
	const char *c[BINDINGS_CANDIDATES];
	size_t n = scan_bindings_candidates(a, m, "deasync", t, c, BINDINGS_CANDIDATES);
	for (size_t i = 0; i < n; i++)
		if ((k->path = file_at(a, arena_printf(a, "%s/%s", m->dir_real, c[i]))))
			return true;
	k->wanted = arena_printf(a, "bin/%s-%s-node-%d/deasync.node", t->platform, t->arch, v[0]);
	k->cause = "not-built";
	k->error = scan_bindings_error(a, m->dir_real, c, n);
	k->why = arena_printf(a, "deasync %s ships no bin/%s-%s-node-%d.%d or -node-%d binary, and nothing was built for "
			      "bindings to find", m->version, t->platform, t->arch, v[0], v[1], v[0]);
	return true;
}

/* --- pkg-prebuilds 1.x (node-hid 3, @julusian/jpeg-turbo) --------------------- */

static const char *const PKGPB_BINDINGS[] = {
	"path.join(basePath, 'build', 'Debug', `${options.name}.node`),",
	"path.join(basePath, 'build', 'Release', `${options.name}.node`)",
	"candidates.push(path.join(basePath, 'prebuilds', prebuildName))",
	"if (isAlpine(platform)) libc = 'musl'",
	"const candidatesStr = candidates.map((cand) => ` - ${cand}`).join('\\n')",
	"throw new Error(`Failed to find binding for ${options.name}\\nTried paths:\\n${candidatesStr}`)",
	NULL,
};
static const char *const PKGPB_NAME[] = {
	"options.libc && options.platform === 'linux' ? options.libc : null,",
	"return `${tokens.filter((t) => !!t).join('-')}/${options.runtime}-napi-v${options.napi_version}.node`",
	NULL,
};

/* The name and napi_versions of a binding-options.js of the form
 * module.exports = { name: 'x', napi_versions: [n, ...] }. */
static bool pkgpb_options(struct arena *a, const char *js, const char **name, int *vers, size_t *nv)
{
	const char *p = js ? strstr(js, "name:") : NULL;
	if (!js || !strstr(js, "module.exports") || !p)
		return false;
	p += 5;
	while (*p == ' ')
		p++;
	char q = *p;
	const char *end = (q == '\'' || q == '"') ? strchr(p + 1, q) : NULL;
	if (!end || end - p > 200)
		return false;
	*name = arena_printf(a, "%.*s", (int)(end - p - 1), p + 1);
	p = strstr(js, "napi_versions:");
	if (!p)
		return false;
	p += 14;
	while (*p == ' ')
		p++;
	if (*p++ != '[')
		return false;
	*nv = 0;
	for (;;) {
		while (*p == ' ' || *p == ',')
			p++;
		if (*p == ']')
			break;
		if (!isdigit((unsigned char)*p) || *nv >= 16)
			return false;
		vers[(*nv)++] = (int)strtol(p, (char **)&p, 10);
	}
	return *nv > 0 && *name && **name;
}

/*
 * Another package's call of pkg-prebuilds from a file at its root:
 *   const pkgPrebuilds = require('pkg-prebuilds')
 *   const bindingOptions = require('./binding-options.js')
 *   ... pkgPrebuilds(__dirname, bindingOptions) ...
 * (@julusian/midi 3's load-native.js).  The file's name, else NULL.  The
 * root holds a few files: at most 64 entries are looked at, and 16 files
 * of at most 16 KiB read.
 */
static const char *pkgpb_caller(struct arena *a, const struct scan_pkg *m)
{
	if (!jv_get_str(jv_get(m->json, "dependencies"), "pkg-prebuilds"))
		return NULL;
	DIR *d = opendir(m->dir_real);
	if (!d)
		return NULL;
	const char *found = NULL;
	struct dirent *e;
	int tried = 0;
	for (int i = 0; !found && i < 64 && tried < 16 && (e = readdir(d)); i++) {
		size_t n = strlen(e->d_name);
		if (n < 4 || strcmp(e->d_name + n - 3, ".js") || !strcmp(e->d_name, "binding-options.js"))
			continue;
		/* a loader stub is small: larger files are not read, and at most
		 * 16 are (this runs for every file and target of the package) */
		struct stat st;
		const char *full = arena_printf(a, "%s/%s", m->dir_real, e->d_name);
		if (!full || stat(full, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size > 16384)
			continue;
		tried++;
		const char *js = read_js(a, m, e->d_name);
		const char *v = js ? strstr(js, "require('pkg-prebuilds')") : NULL;
		if (!v && js)
			v = strstr(js, "require(\"pkg-prebuilds\")");
		if (!v || (!strstr(js, "require('./binding-options.js')") && !strstr(js, "require(\"./binding-options.js\")") &&
			   !strstr(js, "require('./binding-options')") && !strstr(js, "require(\"./binding-options\")")))
			continue;
		/* the name it is bound to, called with __dirname */
		const char *b = v;
		while (b > js && (b[-1] == ' ' || b[-1] == '='))
			b--;
		const char *id_end = b;
		while (b > js && (isalnum((unsigned char)b[-1]) || b[-1] == '_' || b[-1] == '$'))
			b--;
		if (b == id_end || id_end - b > 64)
			continue;
		const char *call = arena_printf(a, "%.*s(__dirname, ", (int)(id_end - b), b);
		if (call && strstr(v, call))
			found = arena_strdup(a, e->d_name);
	}
	closedir(d);
	return found;
}

static bool pkgpb_replay(struct arena *a, const struct scan_pkg *m, const struct target *t, struct custom_pick *k)
{
	const char *main = jv_get_str(m->json, "main");
	const char *js = main ? read_js(a, m, main) : NULL;
	bool hid = js && strstr(js, "require(\"pkg-prebuilds/bindings\")(__dirname, options)") != NULL;
	const char *caller = NULL;
	if (!hid && (!js || !strstr(js, "require(\"pkg-prebuilds\")(\n  __dirname,\n  require(\"./binding-options\")\n)")) &&
	    !(caller = pkgpb_caller(a, m)))
		return false;
	const char *pp = scan_resolve_dir(a, m->dir_real, "pkg-prebuilds");
	size_t len;
	const char *bjs = pp ? scan_read_small(a, arena_printf(a, "%s/bindings.js", pp), JS_CAP, &len) : NULL;
	const char *njs = pp ? scan_read_small(a, arena_printf(a, "%s/lib/prebuild.js", pp), JS_CAP, &len) : NULL;
	const char *name = NULL;
	int vers[16];
	size_t nv = 0;
	if (!shaped(bjs, PKGPB_BINDINGS) || !shaped(njs, PKGPB_NAME) ||
	    !pkgpb_options(a, read_js(a, m, "binding-options.js"), &name, vers, &nv)) {
		k->why = "the package loads through pkg-prebuilds, whose installed code or its binding-options.js is not the form replayed here";
		return true;
	}
	/* node-hid 3's nodehid.js: the hidraw driver on Linux unless
	 * setDriverType('libusb') was called first */
	if (hid) {
		if (!strstr(js, "if (process.platform === \"linux\" && (!driverType || driverType === \"hidraw\")) {") ||
		    !strstr(js, "options.name = 'HID_hidraw';")) {
			k->why = "the package picks its pkg-prebuilds name with code this replay does not read";
			return true;
		}
		if (!strcmp(t->platform, "linux"))
			name = "HID_hidraw";
	}
	const char *c[2 + 16];
	size_t n = 0;
	c[n++] = arena_printf(a, "%s/build/Debug/%s.node", m->dir_real, name);
	c[n++] = arena_printf(a, "%s/build/Release/%s.node", m->dir_real, name);
	for (size_t i = 0; i < nv; i++)
		c[n++] = arena_printf(a, "%s/prebuilds/%s-%s-%s%s/node-napi-v%d.node", m->dir_real, name, t->platform,
				      t->arch, is_musl(t) ? "-musl" : "", vers[i]);
	for (size_t i = 0; i < n; i++)
		if ((k->path = file_at(a, c[i])))
			return true;
	struct lines l = { .n = 0 };
	add(&l, arena_printf(a, "Failed to find binding for %s", name));
	add(&l, "Tried paths:");
	for (size_t i = 0; i < n; i++)
		add(&l, arena_printf(a, " - %s", c[i]));
	k->error = joined(a, &l);
	k->wanted = c[2 < n ? 2 : 1] + strlen(m->dir_real) + 1;
	k->why = arena_printf(a, "%s ships pkg-prebuilds prebuilds, but none for %s-%s%s, and there is no build/",
			      m->name, t->platform, t->arch, is_musl(t) ? " (musl)" : "");
	if (caller) {
		/* called from a file of its own, maybe inside a try (@julusian/midi
		 * keeps the error for later): what require() then does is not replayed */
		k->why = arena_printf(a, "%s; pkg-prebuilds throws \"Failed to find binding for %s\" in its %s, and whether "
				      "the package's code catches that is not replayed", k->why, name, caller);
		k->error = NULL;
	}
	return true;
}

/* --- node-sass 4.x - 9.x -------------------------------------------------------- */

static const char *const SASS_EXT[] = {
	"defaultBinaryDir = path.join(__dirname, '..', 'vendor');",
	"return [binaryName, 'binding.node'].join('_');",
	"if (contents.indexOf('libc.musl-x86_64.so.1') !== -1) {",
	"binaryPath = path.join(getBinaryDir(), getBinaryName().replace(/_(?=binding\\.node)/, '/'));",
	"case 'linux': return 'Linux';",
	"case 'linux_musl': return 'Linux/musl';",
	"case 'x64': return '64-bit';",
	"runtime = 'Unsupported runtime (' + parts[2] + ')';",
	"return fs.readdirSync(getBinaryDir());",
	NULL,
};
static const char *const SASS_BINDING[] = {
	"if (!ext.hasBinary(ext.getBinaryPath())) {",
	"if (!ext.isSupportedEnvironment()) {",
	"throw new Error(errors.unsupportedEnvironment());",
	"throw new Error(errors.missingBinary());",
	NULL,
};
static const char *const SASS_ERRORS[] = {
	"'Node Sass does not yet support your current environment: ' + humanEnvironment(),",
	"'For more information on which environments are supported please see:',",
	"'https://github.com/sass/node-sass/releases/tag/v' + pkg.version",
	"return sass.getInstalledBinaries().map(function(env) {",
	NULL,
};

/* getHumanNodeVersion's "case <abi>: return '<name>';" table, as installed. */
static const char *sass_human_abi(struct arena *a, const char *ext, int abi)
{
	const char *p = strstr(ext, "function getHumanNodeVersion(abi) {");
	const char *end = p ? strstr(p, "default: return false;") : NULL;
	char key[32];
	snprintf(key, sizeof key, "case %d: return '", abi);
	const char *hit = p ? strstr(p, key) : NULL;
	if (!hit || hit > end)
		return NULL;
	hit += strlen(key);
	const char *q = strchr(hit, '\'');
	return q && q < end ? arena_printf(a, "%.*s", (int)(q - hit), hit) : NULL;
}

static bool sass_replay(struct arena *a, const struct scan_pkg *m, const struct target *t, struct custom_pick *k)
{
	const char *ext = read_js(a, m, "lib/extensions.js");
	if (!ver_in(m->version, 4, 0, INT_MAX) && !ver_in(m->version, 5, 0, INT_MAX) && !ver_in(m->version, 6, 0, INT_MAX) &&
	    !ver_in(m->version, 7, 0, INT_MAX) && !ver_in(m->version, 8, 0, INT_MAX) && !ver_in(m->version, 9, 0, INT_MAX))
		return false;
	if (!shaped(ext, SASS_EXT) || !shaped(read_js(a, m, "lib/binding.js"), SASS_BINDING) ||
	    !shaped(read_js(a, m, "lib/errors.js"), SASS_ERRORS) ||
	    !strstr(read_js(a, m, "lib/index.js") ? read_js(a, m, "lib/index.js") : "", "require('./binding')(sass)"))
		return false;
	const struct jv *nsc = jv_get(m->json, "nodeSassConfig");
	if (nsc && (jv_get(nsc, "binaryName") || jv_get(nsc, "binaryDir") || jv_get(nsc, "binaryPath"))) {
		k->why = "node-sass's package.json nodeSassConfig moves or renames its binary; not replayed";
		return true;
	}
	/* getPlatformVariant: "musl" when the node executable holds the x86_64
	 * musl loader's name, so only on x64 */
	bool variant = is_musl(t) && !strcmp(t->arch, "x64");
	const char *bname = arena_printf(a, "%s%s-%s-%d", t->platform, variant ? "_musl" : "", t->arch, t->modules);
	const char *rel = arena_printf(a, "vendor/%s/binding.node", bname);
	if ((k->path = file_at(a, arena_printf(a, "%s/%s", m->dir_real, rel))))
		return true;
	k->wanted = rel;
	k->cause = "not-built";
	const char *hp = !strcmp(t->platform, "darwin") ? "OS X" : !strcmp(t->platform, "freebsd") ? "FreeBSD" :
			 !strcmp(t->platform, "linux") ? "Linux" : !strcmp(t->platform, "win32") ? "Windows" : NULL;
	const char *ha = !strcmp(t->arch, "ia32") || !strcmp(t->arch, "x86") ? "32-bit" : !strcmp(t->arch, "x64") ? "64-bit" : NULL;
	const char *hn = sass_human_abi(a, ext, t->modules);
	k->why = arena_printf(a, "node-sass %s loads %s, which its install script downloads: it did not run (--ignore-scripts), "
			      "failed, or node_modules was copied from elsewhere", m->version, rel);
	if (!hp || !ha || !hn) {
		/* the environment named as getHumanEnvironment(binaryName) reads it */
		const char *vp = variant ? "Linux/musl" : hp;
		k->error = arena_printf(a, "Node Sass does not yet support your current environment: %s%s%s %s%s%s with %s%s%s\n"
				       "For more information on which environments are supported please see:\n"
				       "https://github.com/sass/node-sass/releases/tag/v%s",
				       vp ? vp : "Unsupported platform (", vp ? "" : arena_printf(a, "%s%s", t->platform, variant ? "_musl" : ""), vp ? "" : ")",
				       ha ? ha : "Unsupported architecture (", ha ? "" : t->arch, ha ? "" : ")",
				       hn ? hn : "Unsupported runtime (", hn ? "" : arena_printf(a, "%d", t->modules), hn ? "" : ")",
				       m->version);
		k->why = arena_printf(a, "node-sass %s has no binary for %s-%s ABI %d at all (its release table stops before it)",
				      m->version, t->platform, t->arch, t->modules);
		return true;
	}
	const char *vendor = arena_printf(a, "%s/vendor", m->dir_real);
	if (!dir_exists(vendor)) {
		/* missingBinary() lists vendor/ first, which throws */
		k->error = arena_printf(a, "ENOENT: no such file or directory, scandir '%s'", vendor);
		k->code = "ENOENT";
		return true;
	}
	k->why = arena_printf(a, "node-sass's \"Missing binding\" text lists vendor/'s entries, which this replay does not read (%s)", k->why);
	return true;
}

/* --- Sentry's CPU profiler ----------------------------------------------------- */

/*
 * The code every version replayed here holds: the identifier from
 * detect-libc's familySync() (null off Linux: the filter drops it),
 * os.platform(), os.arch() and node-abi's getAbi(process.versions.node,
 * 'node'), which returns process.versions.modules when given the running
 * node's own version (node-abi index.js getAbi), i.e. the target's
 * NODE_MODULE_VERSION, Electron's included.
 */
static const char *const SENTRY_COMMON[] = {
	"familySync)()", "getAbi)(node_process_1.versions.node, 'node');",
	"var identifier = [platform, arch, stdlib, abi].filter(function (c) { return c !== undefined && c !== null; }).join('-');",
	"var platform = process.env['BUILD_PLATFORM'] || (0, node_os_1.platform)();",
	"var arch = process.env['BUILD_ARCH'] || (0, node_os_1.arch)();",
	"if (node_process_1.env['SENTRY_PROFILER_BINARY_PATH']) {",
	"if (node_process_1.env['SENTRY_PROFILER_BINARY_DIR']) {",
	"exports.PrivateCpuProfilerBindings = importCppBindingsModule();",
	NULL,
};
/* 2.x (lib/index.js, tsc output): the if-tree, then the identifier */
static const char *const SENTRY_2_FALLBACK = "return require(\"./sentry_cpu_profiler-\".concat(identifier, \".node\"));";
/* 2.4.2+: that last require() inside a try whose catch logs and returns
 * undefined (the bindings' methods then do nothing) */
static const char *const SENTRY_2_CAUGHT[] = {
	"    try {\n        return require(\"./sentry_cpu_profiler-\".concat(identifier, \".node\"));\n    }\n    catch (e) {\n"
	"        console.log(\"[Profiling] Could not import binary: \".concat(identifier, \". Profiling does not work on "
	"non-LTS Node.js versions. Detailed Error:\"));\n        console.log(e);\n        return undefined;\n    }\n}",
	NULL,
};
static const char *const SENTRY_2_ELECTRON[] = {
	"    if (process.versions.electron) {\n        try {\n            return require('../build/Release/sentry_cpu_profiler.node');\n"
	"        }\n        catch (e) {\n            console.warn(",
	"            throw e;\n        }\n    }",
	NULL,
};
/* @sentry/profiling-node 8.x (lib/cjs/index.js, rollup output) */
static const char *const SENTRY_8[] = {
	"const stdlib = detectLibc.familySync();",
	"const platform = process.env['BUILD_PLATFORM'] || node_os.platform();",
	"const arch = process.env['BUILD_ARCH'] || node_os.arch();",
	"const abi = nodeAbi.getAbi(node_process.versions.node, 'node');",
	"const identifier = [platform, arch, stdlib, abi].filter(c => c !== undefined && c !== null).join('-');",
	"if (node_process.env['SENTRY_PROFILER_BINARY_PATH']) {",
	"if (node_process.env['SENTRY_PROFILER_BINARY_DIR']) {",
	"  const built_from_source_path = node_path.resolve(esmCompatibleDirname, '..', `sentry_cpu_profiler-${identifier}`);\n"
	"  return createdRequire(`${built_from_source_path}.node`);\n}",
	"const PrivateCpuProfilerBindings = importCppBindingsModule();",
	NULL,
};

static bool sentry_replay(struct arena *a, const struct scan_pkg *m, const struct target *t, struct custom_pick *k)
{
	const char *main = jv_get_str(m->json, "main");
	const char *js = main ? read_js(a, m, main) : NULL;
	bool v8 = false, caught = false, electron_branch = false;
	if (shaped(js, SENTRY_COMMON) && strstr(js, SENTRY_2_FALLBACK)) {
		caught = shaped(js, SENTRY_2_CAUGHT);
		electron_branch = shaped(js, SENTRY_2_ELECTRON);
	} else if (shaped(js, SENTRY_8)) {
		v8 = true;
	} else
		return false;
	/* the directory of the main file: requires are relative to it */
	const char *mdir = arena_printf(a, "%s/%s", m->dir_real, main);
	char *slash = mdir ? strrchr(mdir, '/') : NULL;
	if (!slash)
		return false;
	*slash = 0;
	if (electron_branch && !strcmp(t->runtime, "electron")) {
		/* process.versions.electron: only a build made for it, never
		 * the shipped binaries (built against Node's V8) */
		if ((k->path = file_at(a, arena_printf(a, "%s/../build/Release/sentry_cpu_profiler.node", mdir))))
			return true;
		k->error = "Cannot find module '../build/Release/sentry_cpu_profiler.node'";
		k->code = "MODULE_NOT_FOUND";
		k->cause = "not-built";
		k->wanted = "build/Release/sentry_cpu_profiler.node";
		k->why = arena_printf(a, "%s %s on Electron loads only build/Release/sentry_cpu_profiler.node, which "
				      "@electron/rebuild builds (it warns so before rethrowing)", m->name, m->version);
		return true;
	}
	if (t->modules < 0) {
		k->why = "Sentry's profiler names its binary by the runtime's NODE_MODULE_VERSION, which is not known";
		return true;
	}
	/* detect-libc's familySync(): "glibc" or "musl" on Linux, null elsewhere */
	bool on_linux = !strcmp(t->platform, "linux");
	const char *id = arena_printf(a, "%s-%s%s%s-%d", t->platform, t->arch, on_linux ? "-" : "",
				      on_linux ? (is_musl(t) ? "musl" : "glibc") : "", t->modules);
	const char *lit = v8 ? arena_printf(a, "return createdRequire('../sentry_cpu_profiler-%s.node');", id)
			     : arena_printf(a, "return require('./sentry_cpu_profiler-%s.node');", id);
	bool named = strstr(js, lit) != NULL;
	const char *libdir = v8 ? arena_printf(a, "%s/..", mdir) : mdir;
	const char *file = arena_printf(a, "%s/sentry_cpu_profiler-%s.node", libdir, id);
	if (!id || !lit || !libdir || !file)
		return false;
	k->path = file_at(a, file);
	/* only the identifier's last require() is in the try */
	k->caught = caught && !named;
	if (k->path)
		return true;
	/* the lib directory as Node names it: realpath (Node takes the
	 * realpath of __filename), then relative to the package */
	char *rp = realpath(libdir, NULL);
	const char *lib = rp ? arena_strdup(a, rp) : libdir;
	free(rp);
	size_t dl = strlen(m->dir_real);
	const char *rel = !strncmp(lib, m->dir_real, dl) && lib[dl] == '/' ? lib + dl + 1 : "";
	k->wanted = arena_printf(a, "%s%ssentry_cpu_profiler-%s.node", rel, *rel ? "/" : "", id);
	k->code = "MODULE_NOT_FOUND";
	if (named) {
		k->error = v8 ? arena_printf(a, "Cannot find module '../sentry_cpu_profiler-%s.node'", id)
			      : arena_printf(a, "Cannot find module './sentry_cpu_profiler-%s.node'", id);
		k->why = arena_printf(a, "%s %s ships sentry_cpu_profiler-%s.node, but the file is not installed "
				      "(removed, e.g. by sentry-prune-profiler-binaries for another target)", m->name, m->version, id);
		return true;
	}
	/* path.resolve(esmCompatibleDirname, '..', ...): the absolute path, from
	 * the realpath Node gives __filename */
	k->error = v8 ? arena_printf(a, "Cannot find module '%s/sentry_cpu_profiler-%s.node'", lib, id)
		      : arena_printf(a, "Cannot find module './sentry_cpu_profiler-%s.node'", id);
	k->cause = "not-built";
	k->why = caught
		? arena_printf(a, "%s %s ships no binary for %s and none was built; it catches the failure and runs "
			       "without profiling", m->name, m->version, id)
		: arena_printf(a, "%s %s ships no binary for %s (NODE_MODULE_VERSION %d), and none was built from source",
			       m->name, m->version, id, t->modules);
	return true;
}

/* --- koffi 2.x and 3.x ----------------------------------------------------------- */

/*
 * koffi 3 (src/koffi/index.cjs, src/koffi/src/static.cjs): require() of the
 * platform package @koromix/koffi-<platform>-<arch>, whose index.js picks
 * <libc>_<arch>/koffi.node by node's own ELF interpreter (ld-musl-* or not)
 * and on failure tries both files, musl's first, throwing the last error;
 * then build/koffi/<triplet>/koffi.node in the koffi package; nothing: "Cannot
 * find the native Koffi module; did you bundle it correctly?".
 * koffi 2.x (index.js): build/koffi/<platform>_<arch>/koffi.node in the
 * package, then musl_<arch> on Linux, then the same list again in init(),
 * throwing the first error.  On a glibc target the first candidate's error
 * is the one thrown in both; on musl 2.x tries linux_<arch> first, which
 * needs glibc's loader: its musl_<arch> is the file that loads (when
 * linux_<arch> fails there, as it does without gcompat).  Only the
 * architectures whose koffi name is node's process.arch (x64, arm64) are
 * replayed: arm and riscv take a name from node's ELF flags.
 */
static const char *const KOFFI3[] = { "loadStatic", "Cannot find the native Koffi module", NULL };
static const char *const KOFFI3_PLATFORM[] = { "determineLibc", "koffi.node", NULL };
static const char *const KOFFI2[] = { "Cannot find the native Koffi module", "/build/koffi/", "musl_", NULL };
static const char KOFFI_NONE[] = "Cannot find the native Koffi module; did you bundle it correctly?";

static bool koffi_replay(struct arena *a, const struct scan_pkg *m, const struct target *t, struct custom_pick *k)
{
	bool v3 = shaped(read_js(a, m, "src/koffi/index.cjs"), KOFFI3);
	if (!v3 && !shaped(read_js(a, m, "index.js"), KOFFI2))
		return false;
	if (strcmp(t->arch, "x64") && strcmp(t->arch, "arm64")) {
		k->why = arena_printf(a, "koffi names its %s build from node's ELF flags; that choice is not replayed", t->arch);
		return true;
	}
	bool linux = !strcmp(t->platform, "linux");
	const char *own = arena_printf(a, "%s_%s", t->platform, t->arch);
	const char *musl = arena_printf(a, "musl_%s", t->arch);
	if (v3) {
		const char *name = arena_printf(a, "@koromix/koffi-%s-%s", t->platform, t->arch);
		const char *dir = scan_resolve_dir(a, m->dir_real, name);
		if (dir) {
			if (!shaped(scan_read_small(a, arena_printf(a, "%s/index.js", dir), JS_CAP, &(size_t){ 0 }),
				    linux ? KOFFI3_PLATFORM : (const char *const[]){ "koffi.node", NULL })) {
				k->why = arena_printf(a, "%s's index.js is not the loader this replay knows", name);
				return true;
			}
			/* when that file is missing or fails, both are tried and the
			 * last error thrown: which one that is, is not replayed */
			const char *first = linux && is_musl(t) ? musl : own;
			if ((k->path = file_at(a, arena_printf(a, "%s/%s/koffi.node", dir, first))))
				return true;
			k->why = arena_printf(a, "%s holds no %s/koffi.node; what it then throws is not replayed", name, first);
			return true;
		}
		const char *b = arena_printf(a, "%s/build/koffi", m->dir_real);
		if ((k->path = file_at(a, arena_printf(a, "%s/%s/koffi.node", b, own))) ||
		    (linux && (k->path = file_at(a, arena_printf(a, "%s/%s/koffi.node", b, musl)))))
			return true;
		k->wanted = name;
		k->optional_absent = jv_get(jv_get(m->json, "optionalDependencies"), name) != NULL;
		k->error = KOFFI_NONE;
		k->why = k->optional_absent
				 ? arena_printf(a, "koffi %s loads its binary from the optional package %s, which is not installed "
						"(optional dependencies skipped, or node_modules installed on another platform)",
						m->version, name)
				 : arena_printf(a, "koffi %s has no package %s and no build/koffi/%s", m->version, name, own);
		return true;
	}
	const char *first = linux && is_musl(t) ? musl : own;
	if ((k->path = file_at(a, arena_printf(a, "%s/build/koffi/%s/koffi.node", m->dir_real, first))) ||
	    (linux && first == own && (k->path = file_at(a, arena_printf(a, "%s/build/koffi/%s/koffi.node", m->dir_real, musl)))))
		return true;
	k->wanted = arena_printf(a, "build/koffi/%s/koffi.node", first);
	k->cause = "not-built";
	k->error = KOFFI_NONE;
	k->why = arena_printf(a, "koffi %s ships build/koffi/<platform>_<arch>/koffi.node files, but not %s", m->version, k->wanted);
	return true;
}

/* --- @lydell/node-pty 1.x --------------------------------------------------------- */

/*
 * requireBinary.js: require("@lydell/node-pty-<platform>-<arch>/pty.node")
 * from unixTerminal.js at require() time; a MODULE_NOT_FOUND becomes one of
 * three texts, by whether ./package.json's optionalDependencies name that
 * package.  On win32 the binaries are conpty.node and friends, loaded when
 * a terminal is made: not replayed.
 */
static const char *const LYDELL_PTY[] = {
	"var PACKAGE_NAME = \"@lydell/node-pty-\" + process.platform + \"-\" + process.arch;",
	"return require(PACKAGE_NAME + \"/\" + file);",
	"if (error && error.code === 'MODULE_NOT_FOUND') {",
	"PACKAGE_NAME in optionalDependencies",
	NULL,
};
static const char LYDELL_HELP[] =
	"This can happen if you use the \"--omit=optional\" (or \"--no-optional\") npm flag.\n"
	"The \"optionalDependencies\" package.json feature is used to install the correct\n"
	"binary executable for your current platform. Remove that flag to use @lydell/node-pty.\n\n"
	"This can also happen if the \"node_modules\" folder was copied between two operating systems\n"
	"that need different binaries - including \"virtual\" operating systems like Docker and WSL.\n"
	"If so, try installing with npm rather than copying \"node_modules\".";

static bool lydell_pty_replay(struct arena *a, const struct scan_pkg *m, const struct target *t, struct custom_pick *k)
{
	const char *js = read_js(a, m, "requireBinary.js");
	/* the help text as the JS string spells it (escaped), first words */
	if (!shaped(js, LYDELL_PTY) || !strstr(js, "var help = \"\\nThis can happen if you use the \\\"--omit=optional\\\"") ||
	    !shaped(read_js(a, m, "unixTerminal.js"), (const char *const[]){ "requireBinary('pty.node')", NULL }))
		return false;
	if (!strcmp(t->platform, "win32")) {
		k->why = "@lydell/node-pty loads its Windows binaries when a terminal is made: not replayed";
		return true;
	}
	const char *name = arena_printf(a, "@lydell/node-pty-%s-%s", t->platform, t->arch);
	const char *dir = scan_resolve_dir(a, m->dir_real, name);
	if (dir && (k->path = file_at(a, arena_printf(a, "%s/pty.node", dir))))
		return true;
	const struct jv *opt = jv_get(m->json, "optionalDependencies");
	bool listed = jv_get(opt, name) != NULL;
	const char *pt = arena_printf(a, "%s-%s", t->platform, t->arch);
	k->wanted = arena_printf(a, "%s/pty.node", name);
	k->optional_absent = listed && !dir;
	k->error = !opt || opt->type != JV_OBJ
			   ? arena_printf(a, "The @lydell/node-pty package could not find the binary package: %s\n\n%s\n\n"
					  "Your platform (%s) might not be supported.", k->wanted, LYDELL_HELP, pt)
		   : listed ? arena_printf(a, "The @lydell/node-pty package supports your platform (%s), but it could not find "
					   "the binary package for it: %s\n\n%s", pt, k->wanted, LYDELL_HELP)
			    : arena_printf(a, "The @lydell/node-pty package currently does not support your platform: %s", pt);
	k->why = listed ? arena_printf(a, "@lydell/node-pty loads its binary from the optional package %s, which is %s", name,
				       dir ? "installed without pty.node" : "not installed (optional dependencies skipped, or "
				       "node_modules installed on another platform)")
			: arena_printf(a, "@lydell/node-pty %s publishes no binary package for %s", m->version, pt);
	return true;
}

/* --- oracledb 6.x ------------------------------------------------------------------ */

/*
 * lib/oracledb.js: Thin mode (pure JavaScript) is the default; the add-on
 * is require()d only by initOracleClient() (Thick mode), from
 * binaryLocations: build/Release/oracledb-<version>-<platform>-<arch>.node
 * (lib/util.js BINARY_FILE), build/Release/oracledb.node, build/Debug/
 * oracledb.node, then two webpack paths.  So require('oracledb') loads no
 * .node file at all; the why names the one Thick mode would load.
 */
static const char *const ORACLEDB6[] = {
	"settings.thinDriverInitialized",
	"'../' + nodbUtil.RELEASE_DIR + '/' + nodbUtil.BINARY_FILE,",
	"function initOracleClient(",
	NULL,
};
static const char *const ORACLEDB6_UTIL[] = {
	"const RELEASE_DIR = 'build/Release';",
	"const BINARY_FILE = 'oracledb-' + PACKAGE_JSON_VERSION + '-' + process.platform + '-' + process.arch + '.node';",
	NULL,
};

static bool oracledb_replay(struct arena *a, const struct scan_pkg *m, const struct target *t, struct custom_pick *k)
{
	if (!shaped(read_js(a, m, "lib/oracledb.js"), ORACLEDB6) || !shaped(read_js(a, m, "lib/util.js"), ORACLEDB6_UTIL))
		return false;
	const char *rel[] = {
		arena_printf(a, "build/Release/oracledb-%s-%s-%s.node", m->version, t->platform, t->arch),
		"build/Release/oracledb.node", "build/Debug/oracledb.node",
	};
	const char *thick = NULL;
	for (size_t i = 0; i < 3 && !thick; i++)
		if (rel[i] && file_at(a, arena_printf(a, "%s/%s", m->dir_real, rel[i])))
			thick = rel[i];
	k->not_at_require = true;
	k->why = thick ? arena_printf(a, "oracledb %s runs in Thin mode (JavaScript) unless initOracleClient() is called, "
				      "which loads %s (Thick mode)", m->version, thick)
		       : arena_printf(a, "oracledb %s runs in Thin mode (JavaScript) unless initOracleClient() is called; "
				      "Thick mode would find no binary for %s-%s (%s)", m->version, t->platform, t->arch, rel[0]);
	return true;
}

/* --- @roamhq/wrtc 0.8+ ------------------------------------------------------------- */

/*
 * lib/binding.js: require() of ../build-<platform>-<arch>/wrtc.node, its
 * Debug/ and Release/, the package @roamhq/wrtc-<platform>-<arch> (whose
 * index.js require()s ./wrtc.node), then two ./node_modules/ paths beside
 * lib/; every error is ignored and the next tried; none: "Could not find
 * wrtc binary on any of the paths: <the six, comma-joined>".  The first that
 * exists is taken as the file (a failing one would be passed over: not
 * replayed, as said at the top).
 */
static const char *const WRTC[] = {
	"const triple = `${os.platform()}-${os.arch()}`;",
	"`../build-${triple}/wrtc.node`,", "`@roamhq/wrtc-${triple}`,",
	"`./node_modules/@roamhq/wrtc-${triple}/wrtc.node`,",
	"`Could not find wrtc binary on any of the paths: ${pathsToTry}`,",
	NULL,
};

static bool wrtc_replay(struct arena *a, const struct scan_pkg *m, const struct target *t, struct custom_pick *k)
{
	const char *js = read_js(a, m, "lib/binding.js");
	if (!shaped(js, WRTC))
		return false;
	const char *tr = arena_printf(a, "%s-%s", t->platform, t->arch);
	const char *lib = arena_printf(a, "%s/lib", m->dir_real);
	const char *name = arena_printf(a, "@roamhq/wrtc-%s", tr);
	const char *p[6] = {
		arena_printf(a, "../build-%s/wrtc.node", tr), arena_printf(a, "../build-%s/Debug/wrtc.node", tr),
		arena_printf(a, "../build-%s/Release/wrtc.node", tr), name,
		arena_printf(a, "./node_modules/%s", name), arena_printf(a, "./node_modules/%s/wrtc.node", name),
	};
	for (size_t i = 0; i < 6; i++) {
		if (!p[i] || !lib)
			return false;
		if (i == 3 || i == 4) {
			const char *dir = i == 3 ? scan_resolve_dir(a, lib, name) : arena_printf(a, "%s/%s", lib, p[i]);
			if (dir && dir_exists(dir)) {
				if (!shaped(scan_read_small(a, arena_printf(a, "%s/index.js", dir), JS_CAP, &(size_t){ 0 }),
					    (const char *const[]){ "require(\"./wrtc.node\")", NULL }) &&
				    !shaped(scan_read_small(a, arena_printf(a, "%s/index.js", dir), JS_CAP, &(size_t){ 0 }),
					    (const char *const[]){ "require('./wrtc.node')", NULL })) {
					k->why = arena_printf(a, "%s's index.js is not the one this replay knows", name);
					return true;
				}
				if ((k->path = file_at(a, arena_printf(a, "%s/wrtc.node", dir))))
					return true;
			}
			continue;
		}
		if ((k->path = file_at(a, arena_printf(a, "%s/%s", lib, p[i]))))
			return true;
	}
	k->wanted = name;
	k->optional_absent = jv_get(jv_get(m->json, "optionalDependencies"), name) != NULL;
	k->error = arena_printf(a, "Could not find wrtc binary on any of the paths: %s,%s,%s,%s,%s,%s", p[0], p[1], p[2], p[3],
				p[4], p[5]);
	k->why = k->optional_absent ? arena_printf(a, "@roamhq/wrtc loads its binary from the optional package %s, which is not "
						   "installed (optional dependencies skipped, or node_modules installed on "
						   "another platform)", name)
				    : arena_printf(a, "@roamhq/wrtc %s has no binary package for %s and no build-%s/", m->version, tr, tr);
	return true;
}

/* --- jazz-midi 1.x ------------------------------------------------------------------ */

/*
 * index.js: './bin/' + '10_15/' when process.versions.node's major is 10
 * or less, '11_15/' when 11, then one directory per (platform, arch)
 * (win32, win64, macos64, macosa64, linux64, linuxa7) + 'jazz', and
 * require() of that; any other pair throws the string
 * "<arch> on <platform> is not yet supported" (no Error: no code).
 */
static const char *const JAZZ[] = {
	"var path='./bin/';",
	"var v=process.versions.node.split('.');",
	"if (v[0]<=10) path+='10_15/';",
	"else if (v[0]<=11) path+='11_15/';",
	"if(process.platform==\"win32\"&&process.arch==\"ia32\") path+='win32/jazz';",
	"else if(process.platform==\"win32\"&&process.arch==\"x64\") path+='win64/jazz';",
	"else if(process.platform==\"darwin\"&&process.arch==\"x64\") path+='macos64/jazz';",
	"else if(process.platform==\"darwin\"&&process.arch==\"arm64\") path+='macosa64/jazz';",
	"else if(process.platform==\"linux\"&&process.arch==\"x64\") path+='linux64/jazz';",
	"else if(process.platform==\"linux\"&&process.arch==\"arm\") path+='linuxa7/jazz';",
	"else throw process.arch + ' on ' + process.platform + ' is not yet supported';",
	"module.exports=require(path);",
	NULL,
};

static bool jazz_replay(struct arena *a, const struct scan_pkg *m, const struct target *t, struct custom_pick *k)
{
	const char *main = jv_get_str(m->json, "main");
	if (!main || strcmp(main, "index.js") || !shaped(read_js(a, m, "index.js"), JAZZ))
		return false;
	const char *node = process_node(a, t);
	int v[3];
	if (!node || !parse_ver(node, v)) {
		k->why = arena_printf(a, "jazz-midi picks its directory by process.versions.node, and %s",
				      node ? "that version is not a number" : process_node_unknown(a, t));
		return true;
	}
	static const struct { const char *platform, *arch, *dir; } dirs[] = {
		{ "win32", "ia32", "win32" }, { "win32", "x64", "win64" }, { "darwin", "x64", "macos64" },
		{ "darwin", "arm64", "macosa64" }, { "linux", "x64", "linux64" }, { "linux", "arm", "linuxa7" },
	};
	const char *dir = NULL;
	for (size_t i = 0; i < sizeof dirs / sizeof dirs[0] && !dir; i++)
		if (!strcmp(t->platform, dirs[i].platform) && !strcmp(t->arch, dirs[i].arch))
			dir = dirs[i].dir;
	if (!dir) {
		k->error = arena_printf(a, "%s on %s is not yet supported", t->arch, t->platform);
		k->wanted = "a jazz-midi build for this platform";
		k->why = arena_printf(a, "jazz-midi %s has no build for %s on %s", m->version, t->arch, t->platform);
		return true;
	}
	const char *rel = arena_printf(a, "bin/%s%s/jazz", v[0] <= 10 ? "10_15/" : v[0] <= 11 ? "11_15/" : "", dir);
	/* require('./bin/.../jazz'): the extension added, .js first */
	static const char *const exts[] = { "", ".js", ".json", ".node" };
	const char *path = arena_printf(a, "%s/%s", m->dir_real, rel);
	for (size_t i = 0; i < 4; i++)
		if ((k->path = file_at(a, arena_printf(a, "%s%s", path, exts[i])))) {
			if (i == 3)
				return true;
			k->path = NULL;
			k->why = arena_printf(a, "jazz-midi's ./%s resolves to a file that is not an addon", rel);
			return true;
		}
	k->code = "MODULE_NOT_FOUND";
	k->error = arena_printf(a, "Cannot find module './%s'", rel);
	k->wanted = arena_printf(a, "%s.node", rel);
	k->why = arena_printf(a, "jazz-midi %s ships no %s.node", m->version, rel);
	return true;
}

/* --- libsql 0.4+ (@neon-rs/load 0.0.x) ------------------------------------------------ */

/*
 * index.js requireNative(): LIBSQL_JS_DEV unset, target = @neon-rs/load's
 * currentTarget() (dist/index.js): win32-<a>-msvc, darwin-<a>, on Linux
 * linux-<a>-gnu when process.report's header has glibcVersionRuntime (a
 * glibc node) else linux-<a>-musl for x64 and arm64, linux-arm-gnueabihf,
 * android-arm-eabi / android-arm64, freebsd-x64; any other pair throws
 * "Neon: unsupported <OS> architecture: <arch>" or "Neon: unsupported
 * system: <platform>".  libsql then turns a musl name into the gnu one
 * when detect-libc says glibc, and arm's into musleabihf on musl, and
 * require()s @libsql/<target>, whose "main" is its index.node.
 */
static const char *const LIBSQL[] = {
	"const { load, currentTarget } = require(\"@neon-rs/load\");",
	"let target = currentTarget();",
	"case \"linux-x64-musl\":",
	"target = \"linux-x64-gnu\";",
	"if (target === \"linux-arm-gnueabihf\" && familySync() == MUSL) {",
	"return require(`@libsql/${target}`);",
	NULL,
};
static const char *const NEON_TARGET[] = {
	"? `linux-${process.arch}-gnu`",
	": `linux-${process.arch}-musl`;",
	"return 'linux-arm-gnueabihf';",
	"return 'win32-x64-msvc';",
	"return 'darwin-arm64';",
	"throw new Error(`Neon: unsupported ${os} architecture: ${process.arch}`);",
	"throw new Error(`Neon: unsupported system: ${process.platform}`);",
	NULL,
};

static bool libsql_replay(struct arena *a, const struct scan_pkg *m, const struct target *t, struct custom_pick *k)
{
	const char *main = jv_get_str(m->json, "main");
	if (!main || strcmp(main, "index.js") || !shaped(read_js(a, m, "index.js"), LIBSQL))
		return false;
	const char *nd = scan_resolve_dir(a, m->dir_real, "@neon-rs/load");
	size_t len;
	const char *njs = nd ? scan_read_small(a, arena_printf(a, "%s/dist/index.js", nd), JS_CAP, &len) : NULL;
	if (!shaped(njs, NEON_TARGET)) {
		k->why = "libsql names its platform package by @neon-rs/load's currentTarget(), whose installed code is not the one replayed here";
		return true;
	}
	static const struct { const char *platform, *arch, *name; } names[] = {
		{ "android", "arm", "android-arm-eabi" }, { "android", "arm64", "android-arm64" },
		{ "win32", "x64", "win32-x64-msvc" }, { "win32", "arm64", "win32-arm64-msvc" },
		{ "win32", "ia32", "win32-ia32-msvc" }, { "darwin", "x64", "darwin-x64" },
		{ "darwin", "arm64", "darwin-arm64" }, { "linux", "arm", "linux-arm-gnueabihf" },
		{ "freebsd", "x64", "freebsd-x64" },
	};
	static const struct { const char *platform, *os; } oses[] = {
		{ "android", "Android" }, { "win32", "Windows" }, { "darwin", "macOS" }, { "linux", "Linux" }, { "freebsd", "FreeBSD" },
	};
	const char *target = NULL;
	if (!strcmp(t->platform, "linux") && (!strcmp(t->arch, "x64") || !strcmp(t->arch, "arm64"))) {
		if (!t->libc) {
			k->why = "libsql's platform package depends on the target's libc, which is not known";
			return true;
		}
		/* a musl name becomes gnu again when detect-libc says glibc */
		target = arena_printf(a, "linux-%s-%s", t->arch, is_musl(t) ? "musl" : "gnu");
	}
	for (size_t i = 0; i < sizeof names / sizeof names[0] && !target; i++)
		if (!strcmp(t->platform, names[i].platform) && !strcmp(t->arch, names[i].arch))
			target = names[i].name;
	if (target && !strcmp(target, "linux-arm-gnueabihf") && is_musl(t))
		target = "linux-arm-musleabihf";
	if (!target) {
		const char *os = NULL;
		for (size_t i = 0; i < sizeof oses / sizeof oses[0] && !os; i++)
			if (!strcmp(t->platform, oses[i].platform))
				os = oses[i].os;
		k->error = os ? arena_printf(a, "Neon: unsupported %s architecture: %s", os, t->arch)
			      : arena_printf(a, "Neon: unsupported system: %s", t->platform);
		k->wanted = "a libsql build for this platform";
		k->why = arena_printf(a, "@neon-rs/load names no target for %s-%s", t->platform, t->arch);
		return true;
	}
	const char *pkg = arena_printf(a, "@libsql/%s", target);
	const char *dir = scan_resolve_dir(a, m->dir_real, pkg);
	k->wanted = pkg;
	if (!dir) {
		bool listed = jv_get(jv_get(m->json, "optionalDependencies"), pkg) != NULL;
		k->code = "MODULE_NOT_FOUND";
		k->error = arena_printf(a, "Cannot find module '%s'", pkg);
		k->optional_absent = listed;
		k->why = listed ? arena_printf(a, "libsql loads its binary from the optional package %s, which is not installed "
					      "(optional dependencies skipped, or node_modules installed on another platform)", pkg)
				: arena_printf(a, "libsql %s publishes no %s among its optionalDependencies", m->version, pkg);
		return true;
	}
	const char *pj = scan_read_small(a, arena_printf(a, "%s/package.json", dir), 1u << 20, &len);
	const struct jv *j = pj ? json_parse(a, pj, len) : NULL;
	const char *pmain = j ? jv_get_str(j, "main") : NULL;
	if (!pmain || strcmp(pmain, "index.node") || !(k->path = file_at(a, arena_printf(a, "%s/index.node", dir))))
		k->why = arena_printf(a, "%s's \"main\" is not the index.node replayed here, or that file is not there", pkg);
	return true;
}

/* --- couchbase 4.x (scripts/prebuilds.js) -------------------------------------------- */

/*
 * dist/binding.js: CN_PREBUILD_PATH_OVERRIDE unset, loadPrebuild(<package
 * dir>): the first *.node (readdirSync's order: libuv sorts by name) of
 * build/, build/Release/, build/RelWithDebInfo/, build/Debug/; else the
 * package @couchbase/couchbase-<linux|linuxmusl|platform>-<arch>-napi when
 * it is a supported one (darwin, linux, linuxmusl, win32 x x64, arm64, no
 * win32-arm64), and there the one file couchbase-...-<plat>-<arch>-<ssl>.node
 * (seven or more '-' tokens; ssl boringssl, or openssl3 on Node 18+ and
 * openssl1 before); else "Could not find native build for platform=...,
 * arch=..., runtime=napi, nodeVersion=..., sslType=..., libc=... loaded
 * from <dir>." (libc only on Linux).  Electron's runtime (experimental) and
 * Bun or Deno are not replayed.
 */
static const char *const COUCHBASE_BINDING[] = {
	"require('../scripts/prebuilds').loadPrebuild(path_1.default.resolve(__dirname, '..'));",
	NULL,
};
static const char *const COUCHBASE_PREBUILDS[] = {
	"const supportedPlatforms = ['darwin', 'linux', 'linuxmusl', 'win32']",
	"const supportedArches = ['x64', 'arm64']",
	"return `linux${familySync() === MUSL ? 'musl' : ''}`",
	"if (plat === 'win32' && arch === 'arm64') return",
	"path.join('build', 'RelWithDebInfo'),",
	"if (tokens.length < 7) return false",
	"if (nodeVersionMajor >= 18) {",
	"if (platformPrebuild && platformPrebuild.length == 1) {",
	"`Could not find native build for ${target.join(', ')} loaded from ${dir}.`",
	NULL,
};

static int cmp_str(const void *x, const void *y)
{
	return strcmp(*(const char *const *)x, *(const char *const *)y);
}

/* The names in dir, sorted as libuv's scandir sorts them; at most cap. */
static size_t sorted_names(struct arena *a, const char *dir, const char **out, size_t cap)
{
	DIR *d = dir ? opendir(dir) : NULL;
	if (!d)
		return 0;
	size_t n = 0;
	struct dirent *e;
	while (n < cap && (e = readdir(d)))
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
			out[n++] = arena_strdup(a, e->d_name);
	closedir(d);
	for (size_t i = 0; i < n; i++)
		if (!out[i])
			return 0;
	qsort(out, n, sizeof *out, cmp_str);
	return n;
}

static bool ends_with(const char *s, const char *suf)
{
	size_t n = strlen(s), k = strlen(suf);
	return n >= k && !strcmp(s + n - k, suf);
}

static bool couchbase_replay(struct arena *a, const struct scan_pkg *m, const struct target *t, struct custom_pick *k)
{
	size_t len;
	const char *pjs = scan_read_small(a, arena_printf(a, "%s/scripts/prebuilds.js", m->dir_real), JS_CAP, &len);
	if (!shaped(read_js(a, m, "dist/binding.js"), COUCHBASE_BINDING) || !shaped(pjs, COUCHBASE_PREBUILDS))
		return false;
	if (t->alt || strcmp(t->runtime, "node")) {
		k->why = "couchbase's prebuild choice is replayed for Node.js only (Electron's is experimental; Bun and Deno are not measured)";
		return true;
	}
	int v[3];
	if (!parse_ver(t->version, v) || !strchr(t->version, '.')) {
		k->why = "couchbase's message and its OpenSSL build depend on the exact Node.js version, which is not known";
		return true;
	}
	enum { CAP = 4096 };
	const char **names = arena_alloc(a, CAP * sizeof *names);
	if (!names)
		return false;
	static const char *const local[] = { "build", "build/Release", "build/RelWithDebInfo", "build/Debug" };
	for (size_t i = 0; i < 4; i++) {
		const char *dir = arena_printf(a, "%s/%s", m->dir_real, local[i]);
		size_t n = sorted_names(a, dir, names, CAP);
		for (size_t j = 0; j < n; j++)
			if (ends_with(names[j], ".node")) {
				/* the first by name, whatever it is */
				if (!(k->path = file_at(a, arena_printf(a, "%s/%s", dir, names[j]))))
					k->why = arena_printf(a, "couchbase takes %s/%s, which is not a regular file", local[i], names[j]);
				return true;
			}
	}
	bool linux = !strcmp(t->platform, "linux");
	if (linux && !t->libc) {
		k->why = "couchbase's platform package depends on the target's libc, which is not known";
		return true;
	}
	const char *plat = linux ? (is_musl(t) ? "linuxmusl" : "linux") : t->platform;
	const char *ssl = v[0] >= 18 ? "openssl3" : "openssl1";
	bool supported = (!strcmp(plat, "darwin") || !strcmp(plat, "linux") || !strcmp(plat, "linuxmusl") ||
			  !strcmp(plat, "win32")) &&
			 (!strcmp(t->arch, "x64") || !strcmp(t->arch, "arm64")) &&
			 !(!strcmp(plat, "win32") && !strcmp(t->arch, "arm64"));
	const char *pkg = arena_printf(a, "@couchbase/couchbase-%s-%s-napi", plat, t->arch);
	k->wanted = pkg;
	const char *pdir = supported ? scan_resolve_dir(a, m->dir_real, pkg) : NULL;
	if (pdir) {
		/* packageRequire.resolve(): its entry (no "main": index.js) must
		 * resolve, or the error is caught and the text below thrown */
		const char *pj = scan_read_small(a, arena_printf(a, "%s/package.json", pdir), 1u << 20, &len);
		const struct jv *j = pj ? json_parse(a, pj, len) : NULL;
		const char *pmain = j ? jv_get_str(j, "main") : NULL;
		if (!j || jv_get(j, "exports") || (pmain && strcmp(pmain, "index.js") && strcmp(pmain, "./index.js"))) {
			k->why = arena_printf(a, "%s's entry is not the index.js replayed here", pkg);
			return true;
		}
		if (!file_at(a, arena_printf(a, "%s/index.js", pdir))) {
			pdir = NULL;
		} else {
			size_t n = sorted_names(a, pdir, names, CAP);
			const char *hit = NULL;
			size_t hits = 0;
			for (size_t j2 = 0; j2 < n; j2++) {
				const char *f = names[j2];
				if (!strcmp(f, "index.js") || !strcmp(f, "package.json") || !strcmp(f, "README.md") || !ends_with(f, ".node"))
					continue;
				/* the last three '-' tokens: <plat>-<arch>-<ssl>.node, of seven or more */
				const char *tok[3] = { 0 };
				size_t ntok = 1;
				for (const char *c = f; *c; c++)
					if (*c == '-') {
						ntok++;
						tok[0] = tok[1];
						tok[1] = tok[2];
						tok[2] = c + 1;
					}
				if (ntok < 7 || !tok[0])
					continue;
				const char *sslw = tok[2];
				bool ssl_ok = !strcmp(sslw, "boringssl.node") || !strcmp(sslw, arena_printf(a, "%s.node", ssl));
				size_t al = (size_t)(tok[2] - tok[1] - 1), pl = (size_t)(tok[1] - tok[0] - 1);
				if (ssl_ok && al == strlen(t->arch) && !strncmp(tok[1], t->arch, al) && pl == strlen(plat) &&
				    !strncmp(tok[0], plat, pl)) {
					hit = f;
					hits++;
				}
			}
			if (hits == 1) {
				if (!(k->path = file_at(a, arena_printf(a, "%s/%s", pdir, hit))))
					k->why = arena_printf(a, "couchbase takes %s/%s, which is not a regular file", pkg, hit);
				return true;
			}
		}
	}
	k->error = arena_printf(a, "Could not find native build for platform=%s, arch=%s, runtime=napi, nodeVersion=%s, "
				"sslType=%s%s loaded from %s.", t->platform, t->arch, t->version, ssl,
				linux ? (is_musl(t) ? ", libc=linuxmusl" : ", libc=linux") : "", m->dir_real);
	k->optional_absent = supported && !pdir && jv_get(jv_get(m->json, "optionalDependencies"), pkg);
	k->why = !supported ? arena_printf(a, "couchbase %s has no platform package for %s-%s", m->version, plat, t->arch)
		 : !pdir ? arena_printf(a, "couchbase loads its binary from the optional package %s, which is not installed "
					 "(optional dependencies skipped, or node_modules installed on another platform), and "
					 "nothing was built in build/", pkg)
			 : arena_printf(a, "%s holds no single couchbase-*-%s-%s-{boringssl,%s}.node", pkg, plat, t->arch, ssl);
	return true;
}

/* --- addon-tools-raub 7-8 (segfault-raub and the node-3d packages) ----------------------- */

/*
 * The package's main: const { getBin } = require('addon-tools-raub');
 * require(`./${getBin()}/<name>`).  addon-tools-raub's include/index.js:
 * getBin() is 'bin-' + platformNames[`${platform}-${arch}`] (win32-x64
 * 'windows', linux-x64 'linux', darwin-x64 'osx', linux-arm64 'aarch64'),
 * else the pair itself.  The directory comes from the package's own
 * postinstall download; absent: MODULE_NOT_FOUND for that relative path.
 */
static const char *const RAUB_TOOLS[] = {
	"const nameWindows = 'windows';",
	"const platformAndArch = `${process.platform}-${process.arch}`;",
	"'win32-x64': nameWindows,",
	"'linux-x64': 'linux',",
	"'darwin-x64': 'osx',",
	"'linux-arm64': 'aarch64',",
	"const platformName = platformNames[platformAndArch] || platformAndArch;",
	"return `bin-${platformName}`;",
	NULL,
};

static bool raub_replay(struct arena *a, const struct scan_pkg *m, const struct target *t, struct custom_pick *k)
{
	const char *main = jv_get_str(m->json, "main");
	const char *js = main && !strchr(main, '/') ? read_js(a, m, main) : NULL;
	static const char call[] = "require(`./${getBin()}/";
	const char *c = js && strstr(js, "const { getBin } = require('addon-tools-raub');") ? strstr(js, call) : NULL;
	if (!c)
		return false;
	c += sizeof call - 1;
	size_t n = strcspn(c, "`/'\"$\n");
	if (n == 0 || n > 100 || strncmp(c + n, "`)", 2))
		return false;
	const char *name = arena_printf(a, "%.*s", (int)n, c);
	const char *td = scan_resolve_dir(a, m->dir_real, "addon-tools-raub");
	size_t len;
	const char *tjs = td ? scan_read_small(a, arena_printf(a, "%s/include/index.js", td), JS_CAP, &len) : NULL;
	if (!shaped(tjs, RAUB_TOOLS)) {
		k->why = "the package names its directory by addon-tools-raub's getBin(), whose installed code is not the one replayed here";
		return true;
	}
	static const struct { const char *pair, *name; } names[] = {
		{ "win32-x64", "windows" }, { "linux-x64", "linux" }, { "darwin-x64", "osx" }, { "linux-arm64", "aarch64" },
	};
	const char *pair = arena_printf(a, "%s-%s", t->platform, t->arch), *pn = pair;
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (!strcmp(pair, names[i].pair))
			pn = names[i].name;
	const char *rel = arena_printf(a, "bin-%s/%s", pn, name);
	const char *path = arena_printf(a, "%s/%s", m->dir_real, rel);
	static const char *const exts[] = { "", ".js", ".json", ".node" };
	for (size_t i = 0; i < 4; i++)
		if ((k->path = file_at(a, arena_printf(a, "%s%s", path, exts[i])))) {
			if (i == 3)
				return true;
			k->path = NULL;
			k->why = arena_printf(a, "%s's ./%s resolves to a file that is not an addon", m->name, rel);
			return true;
		}
	k->code = "MODULE_NOT_FOUND";
	k->error = arena_printf(a, "Cannot find module './%s'", rel);
	k->cause = "not-built";
	k->wanted = arena_printf(a, "%s.node", rel);
	k->why = arena_printf(a, "%s loads ./%s.node, which its postinstall script downloads: the script did not run "
			      "(--ignore-scripts), failed, or node_modules was copied from elsewhere", m->name, rel);
	return true;
}

/* --- the table ------------------------------------------------------------------ */

typedef bool (*custom_replay_fn)(struct arena *, const struct scan_pkg *, const struct target *, struct custom_pick *);

static const struct {
	const char *name;
	custom_replay_fn replay;
} CUSTOM[] = {
	{ "sharp", sharp_replay },
	{ "node-pty", pty_replay },
	{ "@parcel/watcher", watcher_replay },
	{ "zeromq", zmq_replay },
	{ "deasync", deasync_replay },
	{ "node-hid", pkgpb_replay },
	{ "@julusian/jpeg-turbo", pkgpb_replay },
	{ "node-sass", sass_replay },
	{ "@sentry-internal/node-cpu-profiler", sentry_replay },
	{ "@sentry/node-cpu-profiler", sentry_replay },
	{ "@sentry/profiling-node", sentry_replay },
	{ "koffi", koffi_replay },
	{ "@lydell/node-pty", lydell_pty_replay },
	{ "oracledb", oracledb_replay },
	{ "@roamhq/wrtc", wrtc_replay },
	{ "jazz-midi", jazz_replay },
	{ "libsql", libsql_replay },
	{ "couchbase", couchbase_replay },
};

/* The replay of main's own loader for t; false: no package-specific loader. */
static bool custom_replay(struct arena *a, const struct scan_pkg *m, const struct target *t, struct custom_pick *k)
{
	memset(k, 0, sizeof *k);
	if (!m || !m->json || !m->name || !m->version || !m->dir_real)
		return false;
	for (size_t i = 0; i < sizeof CUSTOM / sizeof CUSTOM[0]; i++)
		if (!strcmp(m->name, CUSTOM[i].name))
			return CUSTOM[i].replay(a, m, t, k);
	/* pkg-prebuilds called by any package, from a file at its root */
	if (jv_get_str(jv_get(m->json, "dependencies"), "pkg-prebuilds"))
		return pkgpb_replay(a, m, t, k);
	if (jv_get_str(jv_get(m->json, "dependencies"), "addon-tools-raub"))
		return raub_replay(a, m, t, k);
	return false;
}

int scan_custom_select(struct arena *a, const struct scan_file *f, const struct target *t, const char **why)
{
	if (!f->pkg)
		return -1;
	const struct scan_pkg *m = f->pkg->platform_of ? f->pkg->platform_of : f->pkg;
	struct custom_pick k;
	if (!custom_replay(a, m, t, &k))
		return -1;
	if (k.path && f->real && !strcmp(k.path, f->real) && !k.not_at_require)
		return USE_LOADED;
	*why = k.not_at_require ? k.why : k.path ? arena_printf(a, "%s's own loader loads %s on this target", m->name, k.path)
		      : k.error ? arena_printf(a, "%s's own loader does not look for this file on this target", m->name)
				: k.why;
	return USE_NOT_USED;
}

int scan_custom_missing(struct arena *a, struct scan_pkg *pkg, const struct target *t, struct scan_missing *m)
{
	struct custom_pick k;
	if (pkg->platform_of) {
		/* judged through its main package when that one is replayed here */
		return custom_replay(a, pkg->platform_of, t, &k) ? 0 : -1;
	}
	if (!custom_replay(a, pkg, t, &k))
		return -1;
	if (k.path || k.not_at_require)
		return 0;
	m->loader = LOADER_UNKNOWN;
	m->error = k.error;
	m->code = k.code;
	m->cause = k.cause;
	m->wanted = k.wanted ? k.wanted : "a .node file";
	m->why = k.why;
	m->optional_absent = k.optional_absent;
	m->caught = k.caught;
	return 1;
}

bool scan_custom_caught(struct arena *a, const struct scan_file *f, const struct target *t)
{
	if (!f->pkg)
		return false;
	const struct scan_pkg *m = f->pkg->platform_of ? f->pkg->platform_of : f->pkg;
	struct custom_pick k;
	return custom_replay(a, m, t, &k) && k.caught && k.path && f->real && !strcmp(k.path, f->real);
}

int scan_custom_wrap(struct arena *a, const struct scan_pkg *pkg, const struct scan_file *f, const struct target *t,
		     const char **error, const char **code, const char **why)
{
	const struct scan_pkg *m = pkg->platform_of ? pkg->platform_of : pkg;
	if (!m->json || !m->name || strcmp(m->name, "sharp") || !m->version || !*error)
		return 0;
	struct custom_pick k;
	if (!custom_replay(a, m, t, &k) || !k.path || !f->real || strcmp(k.path, f->real))
		return 0;
	struct sharp_env e;
	if (sharp_detect(a, m, &e)) {
		/* the platform package's file failed: @img/sharp-wasm32 is tried next */
		if (scan_resolve_dir(a, m->dir_real, "@img/sharp-wasm32")) {
			*why = "sharp then falls back to @img/sharp-wasm32 (WebAssembly), not replayed";
			return -1;
		}
		const char *inner = e.gen == SHARP_035 && !*code ? *error
				    : arena_printf(a, "%s: %s", *code ? *code : "undefined", *error);
		const char *w = NULL;
		const char *msg = sharp_help(a, m, t, &e, inner, &w);
		if (!msg) {
			*why = w;
			return -1;
		}
		*error = msg;
		*code = NULL;
		return 1;
	}
	/* 0.29 - 0.32: err.message inside its help */
	*error = sharp_old_help(a, t, *error);
	*code = NULL;
	return 1;
}
