/*
 * verdict.c - the plain-words "why" and the "fix" for each cause id
 * (docs/causes.md), with the fix commands of loader-facts §9.5.
 */
#include "verdict.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../explain/explain.h"
#include "../io/rfile.h"
#include "../parse/parse.h"
#include "../runtime/abi.h"
#include "../runtime/nodehistory.h"
#include "../runtime/altruntime.h"
#include "../util/jsonread.h"
#include "../util/shquote.h"

/* A symbol for people: C++ names demangled, the raw name kept beside them
 * (it is what the loader prints and what nm shows). */
static const char *symbol_words(struct arena *a, const char *name, const char *fallback)
{
	char buf[512];
	if (!name)
		return fallback;
	if (demangle(name, buf, sizeof buf))
		return arena_printf(a, "%s (%s)", buf, name);
	return name;
}

/*
 * The package whose name goes into the fix ("npm rebuild <name>"): the
 * nearest package.json with a "name" above the addon's real path, within
 * bounds, because a tree is other people's files and the directories
 * above it may be other users':
 *
 *  - Inside node_modules the walk ends at the package directory the file
 *    sits in (the innermost node_modules/<name> or node_modules/@scope/
 *    <name>), through any nameless package.json on the way ({"type":
 *    "module"} in lib/ is a scope, not a package): the project that
 *    installed it is not its owner.  A file directly in node_modules/ (or
 *    node_modules/@scope/) has none.
 *  - Elsewhere (a project's own build/Release/x.node) it ends at the first
 *    directory with a package.json, named or not.
 *  - It never reads the package.json of "/" or of a directory any user may
 *    write into (mode o+w: /tmp, where another local user could plant a
 *    FIFO or a name that becomes a command), and goes no further up.
 *  - A package.json that is there but unusable (not a regular file,
 *    unreadable, over 1 MiB, not a JSON object, a "name" that is not a
 *    string) ends the walk with no owner: handing the addon to the
 *    enclosing project would name the wrong package.  One stderr line per
 *    such file names it (report_unusable).
 *  - At most 32 levels.
 * Reads go through rfile_slurp_small: a FIFO or a device named
 * package.json is refused without being opened.
 */
enum { PKG_JSON_CAP = 1 << 20 };

/* One line per unusable package.json and run, however many addons and
 * targets meet it (FNV-1a hashes of the paths seen; past 64 files repeats
 * are possible, silence is not). */
static void report_unusable(const char *pj, const char *what)
{
	static uint64_t seen[64];
	static unsigned nseen;
	uint64_t h = 1469598103934665603u;
	for (const char *c = pj; *c; c++)
		h = (h ^ (unsigned char)*c) * 1099511628211u;
	for (unsigned i = 0; i < nseen && i < 64; i++)
		if (seen[i] == h)
			return;
	seen[nseen++ % 64] = h;
	fputs("addon-doctor: '", stderr);
	/* names come from the filesystem: escaped, never raw */
	for (const unsigned char *c = (const unsigned char *)pj; *c; c++) {
		if (*c < 0x20 || *c == 0x7f || *c >= 0x80)
			fprintf(stderr, "\\x%02x", *c);
		else
			fputc(*c, stderr);
	}
	fprintf(stderr, "': %s; its addons are not attributed to any package\n", what);
}

/* The directory the walk may not go above: the package directory of the
 * innermost node_modules, "" for a file directly in node_modules (no
 * owner), NULL when the path is under no node_modules. */
static const char *package_floor(struct arena *a, const char *dir)
{
	const char *nm = NULL;
	for (const char *p = dir; (p = strstr(p, "node_modules")) != NULL; p++)
		if ((p == dir || p[-1] == '/') && (p[12] == '/' || p[12] == '\0'))
			nm = p;
	if (!nm)
		return NULL;
	const char *pkg = nm + 12;
	if (*pkg != '/')
		return "";
	pkg++;
	const char *end = strchr(pkg, '/');
	if (*pkg == '@') {
		if (!end)
			return "";
		end = strchr(end + 1, '/');
	}
	return end ? arena_strndup(a, dir, (size_t)(end - dir)) : dir;
}

static const char *owning_package(struct arena *a, const char *path)
{
	const char *slash = path ? strrchr(path, '/') : NULL;
	if (!slash)
		return NULL;
	char *dir = arena_strndup(a, path, (size_t)(slash - path));
	const char *floor = dir ? package_floor(a, dir) : NULL;
	if (floor && !*floor)
		return NULL;
	size_t floor_len = floor ? strlen(floor) : 0;
	for (int depth = 0; dir && *dir && depth < 32; depth++) {
		struct stat st;
		if (stat(dir, &st) != 0 || (st.st_mode & S_IWOTH))
			return NULL;
		const char *pj = arena_printf(a, "%s/package.json", dir);
		size_t n = 0;
		int e = 0;
		char *text = pj ? rfile_slurp_small(a, pj, PKG_JSON_CAP, &n, &e) : NULL;
		if (!text && e != ENOENT && e != ENOTDIR) {
			report_unusable(pj, e == EFBIG ? "larger than 1 MiB" : rfile_strerror(e));
			return NULL;
		}
		if (text) {
			struct jv *j = json_parse(a, text, n);
			const struct jv *name = j ? jv_get(j, "name") : NULL;
			if (!j || j->type != JV_OBJ || (name && name->type != JV_STR)) {
				report_unusable(pj, !j ? "not valid JSON" : j->type != JV_OBJ ? "not a JSON object"
										   : "its \"name\" is not a string");
				return NULL;
			}
			if (name && *name->str)
				return name->str;
			if (!floor)
				return NULL;
		}
		if (floor && strlen(dir) <= floor_len)
			return NULL;
		char *up = strrchr(dir, '/');
		if (!up)
			return NULL;
		*up = '\0';
	}
	return NULL;
}

void verdict_explain(struct arena *a, const struct target *t, const struct ld_result *r,
		     struct verdict_words *w)
{
	memset(w, 0, sizeof *w);
	w->package = owning_package(a, r->real);
	/* the fix is a command line people paste: the name is one shell word */
	const char *pkg = w->package ? sh_word(a, w->package) : "<package>";
	if (!pkg)
		pkg = "<package>";
	const char *c = r->cause ? r->cause : "";
	const struct binary *b = r->bin;
	char w1[128], w2[128];
	bool electron = !strcmp(t->runtime, "electron");
	/* Bun and Deno (runtime/altruntime.c) are named as themselves */
	const char *rt_name = electron ? "Electron" : t->alt ? t->alt->name : "Node.js";
	const char *rebuild = electron ? arena_printf(a, "npx @electron/rebuild -f -w %s", pkg)
				       : arena_printf(a, "npm rebuild %s --build-from-source", pkg);
	if (!strcmp(r->outcome, "loads")) {
		w->why = t->alt ? arena_printf(a, "the loader and %s accept it", rt_name) : "the loader and Node accept it";
		return;
	}
	bool cxx_sym = cxx_node_api_symbol(r->subject);
	if ((!strcmp(c, "abi-mismatch") || !strcmp(c, "electron-abi-mismatch")) && cxx_sym) {
		/* src/loader/elfload.c cxx_api_cause: a V8 / node:: symbol missing */
		bool lazy = !strcmp(r->outcome, "loads-then-crashes");
		w->why = arena_printf(a, "it %s %s, part of V8's or Node.js's C++ API, which %s %s does not export: it was compiled against another runtime's headers%s",
				      lazy ? "calls" : "uses", symbol_words(a, r->subject, "a V8 function"), rt_name, t->version,
				      lazy ? " (the call is bound lazily, so require() succeeds and the first call kills the process)" : "");
		w->fix = electron ? rebuild : arena_printf(a, "npm rebuild %s with the Node.js that runs it (delete its build/ directory first), or use a release of %s built for Node.js %s",
							   pkg, pkg, t->version);
	} else if (!strcmp(c, "abi-mismatch") || !strcmp(c, "electron-abi-mismatch")) {
		int have = b ? b->addon.abi : -1;
		/* abi_describe already names the number when no runtime uses it. */
		const char *built = abi_describe(have, w1, sizeof w1);
		if (strstr(built, "NODE_MODULE_VERSION") == NULL)
			built = arena_printf(a, "%s (NODE_MODULE_VERSION %d)", built, have);
		w->why = arena_printf(a, "it was built for %s but runs on %s %s, which needs %d (%s)",
				      built, rt_name,
				      t->version, t->modules, abi_describe(t->modules, w2, sizeof w2));
		w->fix = electron ? rebuild : arena_printf(a, "npm rebuild %s", pkg);
	} else if (!strcmp(c, "napi-too-new") && r->subject && napi_function_level(r->subject) >= 0) {
		/* src/loader/elfload.c: a Node-API function the runtime lacks */
		int lv = napi_function_level(r->subject);
		bool lazy = !strcmp(r->outcome, "loads-then-crashes");
		w->why = arena_printf(a, "it %s %s, %s function that %s %s (Node-API %d) does not have: it was built for a newer Node-API%s",
				      lazy ? "calls" : "uses", r->subject,
				      lv > 0 ? arena_printf(a, "a Node-API %d", lv) : "an experimental Node-API", rt_name, t->version, t->napi,
				      lazy ? " (the call is bound lazily, so require() succeeds and the first call kills the process)" : "");
		w->fix = lv > 0 ? arena_printf(a, "upgrade %s to a release with Node-API %d (addon-doctor abi), or install a version of %s built for Node-API %d",
					       rt_name, lv, pkg, t->napi)
				: arena_printf(a, "upgrade %s to a release that exports %s, or install a version of %s built without NAPI_EXPERIMENTAL",
					       rt_name, r->subject, pkg);
	} else if (!strcmp(c, "napi-too-new")) {
		w->why = arena_printf(a, "it declares Node-API level %d, above the %d of %s %s, which then crashes",
				      b ? b->addon.napi_declared : -1, t->napi, rt_name, t->version);
		w->fix = arena_printf(a, "upgrade %s to a release with Node-API %d, or %s", rt_name,
				      b ? b->addon.napi_declared : -1, rebuild);
	} else if (!strcmp(c, "node-too-old")) {
		/* verdict/nodesteps.c: an entry point this release does not look up */
		w->why = arena_printf(a, "it registers through an entry point (%s) that Node.js %s does not look up yet",
				      b && b->addon.exports_napi_register ? "napi_register_module_v1" : "node_register_module_v<ABI>",
				      t->version);
		w->fix = b && b->addon.exports_napi_register
			? arena_printf(a, "upgrade Node.js to a release that looks it up (official releases from %s; an LTS "
				       "release: see `addon-doctor abi`)", node_trait_since(NODE_NAPI_SYMBOL))
			: arena_printf(a, "npm rebuild %s (with this Node.js's headers it registers from a constructor), or upgrade Node.js", pkg);
	} else if (!strcmp(c, "wrong-arch")) {
		/* a DLL it imports (loader/foreign.c); else the addon itself, and
		 * on the same machine the other ABI (ARM soft-float) by name */
		const char *built = !b || !b->arch ? "another CPU"
				    : !strcmp(b->arch, t->arch) && b->arch_detail ? b->arch_detail : b->arch;
		w->why = r->subject && !strcmp(t->platform, "win32")
			? arena_printf(a, "it needs %s, which is not built for the runtime's %s", r->subject, t->arch)
			: arena_printf(a, "it is built for %s, the runtime is %s", built, t->arch);
		w->fix = arena_printf(a, "reinstall %s with the target's own %s (npm_config_arch=%s npm rebuild %s), or reinstall its optional platform packages",
				      pkg, t->alt ? t->alt->kind : "node", t->arch, pkg);
	} else if (!strcmp(c, "wrong-os")) {
		w->why = arena_printf(a, "it is built for %s, the runtime is %s", b && b->os ? b->os : "another OS", t->platform);
		/* A clean install from the lockfile: the lockfile is right, only
		 * node_modules came from another OS (scan/plan.c's step for this
		 * cause says the same command; deleting the lockfile is only for
		 * npm/cli#4828's skipped optional packages). */
		w->fix = arena_printf(a, "reinstall dependencies on the target system (rm -rf node_modules && npm ci), "
				      "not copied from another OS");
	} else if (!strcmp(c, "wrong-libc")) {
		w->why = arena_printf(a, "it is built against %s but the runtime uses %s",
				      b && b->libc ? b->libc : "another C library", t->libc ? t->libc : "another C library");
		/* say which import gives it away: a glibc-only function or glibc's loader */
		if (r->subject && !strcmp(r->outcome, "loads-then-crashes"))
			w->why = arena_printf(a, "%s: it calls %s, which %s does not have, so the first call kills the process",
					      w->why, r->subject, t->libc ? t->libc : "the runtime's C library");
		else if (r->subject && r->error && strstr(r->error, "symbol not found"))
			w->why = arena_printf(a, "%s: it uses %s, which %s does not have", w->why, r->subject,
					      t->libc ? t->libc : "the runtime's C library");
		else if (r->subject && !strncmp(r->subject, "ld-linux", 8))
			w->why = arena_printf(a, "%s: it needs glibc's loader %s", w->why, r->subject);
		w->fix = arena_printf(a, "reinstall %s inside the target image so the %s build is picked (or npm rebuild %s --build-from-source there)",
				      pkg, t->libc ? t->libc : "right", pkg);
	} else if (!strcmp(c, "glibc-too-old")) {
		w->why = arena_printf(a, "it needs %s but the system's C library is older", r->subject ? r->subject : "a newer glibc");
		w->fix = arena_printf(a, "npm rebuild %s --build-from-source on this system, or use a base image with a newer glibc", pkg);
	} else if (!strcmp(c, "libstdcxx-too-old")) {
		w->why = arena_printf(a, "it needs %s but the loaded libstdc++ is older", r->subject ? r->subject : "a newer libstdc++");
		w->fix = arena_printf(a, "npm rebuild %s --build-from-source on this system, or install a newer libstdc++6", pkg);
	} else if (!strcmp(c, "library-too-old")) {
		w->why = arena_printf(a, "it needs version %s of %s, which the library found does not define",
				      r->subject ? r->subject : "?", r->subject2 ? r->subject2 : "a library");
		w->fix = arena_printf(a, "install the library version %s was built against, or npm rebuild %s --build-from-source", pkg, pkg);
	} else if (!strcmp(c, "missing-library")) {
		w->why = arena_printf(a, "it needs %s and the loader finds it nowhere", r->subject ? r->subject : "a library");
		w->fix = arena_printf(a, "install the package that provides %s (or the companion npm package that ships it), then retry",
				      r->subject ? r->subject : "the library");
	} else if (!strcmp(c, "undefined-symbol")) {
		w->why = arena_printf(a, "it uses %s, which nothing loaded defines", symbol_words(a, r->subject, "a symbol"));
		w->fix = rebuild;
	} else if (!strcmp(c, "lazy-undefined-symbol")) {
		w->why = arena_printf(a, "it calls %s, which nothing loaded defines: the call is bound lazily, so require() "
				      "succeeds (unless the addon's init makes that call) and the first call kills the process",
				      symbol_words(a, r->subject, "a function"));
		w->fix = arena_printf(a, "%s (against this runtime's headers), or upgrade the runtime", rebuild);
	} else if (!strcmp(c, "needs-node-api")) {
		w->why = arena_printf(a, "it is built against Node's own ABI (not Node-API), and %s %s loads Node-API addons only",
				      rt_name, t->version);
		w->fix = arena_printf(a, "use a Node-API build of %s (a newer release, or an N-API alternative), or run it under Node.js", pkg);
	} else if (!strcmp(c, "not-an-addon")) {
		w->why = t->alt ? arena_printf(a, "the file is not a Node-API addon %s can register", rt_name)
				: "the file is not a Node.js addon Node can register";
		w->fix = arena_printf(a, "reinstall %s (rm -rf node_modules/%s && npm install)", pkg, pkg);
	} else if (!strcmp(c, "truncated")) {
		w->why = r->outcome && !strcmp(r->outcome, "throws") ? "the file is cut short inside its ELF header"
									 : "the file is cut short: its segments lie past the end of the file";
		w->fix = arena_printf(a, "reinstall %s (the download or copy was incomplete)", pkg);
	} else if (!strcmp(c, "corrupt")) {
		w->why = "the file is damaged or not a loadable shared object";
		w->fix = arena_printf(a, "reinstall %s", pkg);
	} else if (!strcmp(c, "exec-stack")) {
		w->why = "it asks for an executable stack, which glibc 2.41 and later refuse";
		w->fix = arena_printf(a, "patchelf --clear-execstack %s (and ask upstream to link with -z noexecstack); "
				      "stopgap: GLIBC_TUNABLES=glibc.rtld.execstack=2", r->real);
	} else if (!strcmp(c, "addons-disabled")) {
		w->why = "Node runs with --no-addons (NODE_OPTIONS), which refuses every native addon";
		w->fix = "remove --no-addons from NODE_OPTIONS (the image's ENV), or add --addons after it";
	} else if (!strcmp(c, "not-found") || !strcmp(c, "not-readable")) {
		w->why = "the file cannot be opened";
		w->fix = arena_printf(a, "reinstall %s", pkg);
	} else {
		w->why = "the outcome depends on something that cannot be read from here";
		w->fix = "run with --sysroot pointing at the target's filesystem, or --node with the target's node";
	}
}
