/*
 * explain.c - the message recogniser: pasted text -> which load failure.
 *
 * Each shape is a matcher over the text, tried most specific first (the
 * table at the bottom); the first that matches fills the result and later
 * ones are listed in `also`.  Matching is whitespace-tolerant (a space in a
 * pattern matches any run of blanks, CR and LF), because Node's messages
 * contain line breaks that logs re-wrap.  Message texts and their meaning
 * come from shared/reference/loader-facts.md (sections named per matcher).
 * Pure: no filesystem, no printing.
 *
 * This file is the driver: the matcher table (its order is the priority)
 * and refine(); the matchers live in the match_*.c rooms, the helpers in
 * text.c (see explain_int.h).
 */
#include "explain_int.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../parse/parse.h"
#include "../runtime/abi.h"
#include "data.h"

/* ---- driver ----------------------------------------------------------------- */

/* node-pre-gyp's binding dir names the ABI: lib/binding/node-v83-linux-x64/
 * (NODE_MODULE_VERSION 83), electron-v8.2-... or napi-v6-...; translate it
 * like any other number when the message itself did not give one. */
static bool has_abi_number(struct ctx *c)
{
	for (size_t i = 0; i < c->ex->numbers.n; i++)
		if (strstr(c->ex->numbers.v[i].label, "NODE_MODULE_VERSION"))
			return true;
	return false;
}

static void npg_path_abi(struct ctx *c)
{
	const char *f = c->ex->file;
	if (f && !has_abi_number(c))
		for (const char *s = f; (s = strstr(s, "node-v")) != NULL; s += 6) {
			/* a directory (binding/node-v83-linux-x64) or a prefixed one
			 * (native/roaring-node-v83-linux-x64) */
			if (s > f && s[-1] != '/' && s[-1] != '\\' && s[-1] != '-')
				continue;
			const char *after;
			long v = number_at(s + 6, s + strlen(s), &after);
			if (v <= 0 || *after != '-')
				continue;
			number(c, arena_printf(c->a, "NODE_MODULE_VERSION of the binding directory (node-v%ld)", v), arena_printf(c->a, "%ld", v), abi_words(c, v));
			return;
		}
	/* fibers: bin/<platform>-<arch>-<ABI>[-<libc>]/fibers.node */
	const char *e, *p = find(c, "fibers/bin/", &e);
	if (!p)
		p = find(c, "fibers\\bin\\", &e);
	if (p && !has_abi_number(c)) {
		const char *d = e, *de = d;
		while (de < c->end && (isalnum((unsigned char)*de) || *de == '-' || *de == '.') && de - d < 64)
			de++;
		/* the third dash-separated part, when it is all digits */
		const char *q = d;
		for (int k = 0; k < 2 && q < de; k++) {
			while (q < de && *q != '-')
				q++;
			if (q < de)
				q++;
		}
		const char *after;
		long v = q < de ? number_at(q, de, &after) : -1;
		if (v > 0 && (after == de || *after == '-'))
			number(c, "NODE_MODULE_VERSION of the fibers binary looked for", arena_printf(c->a, "%ld", v), abi_words(c, v));
	}
}

/* Fixes that depend on the runtime: an architecture mismatch inside
 * Electron is fixed by rebuilding for Electron's arch, not node.exe's. */
static void refine(struct ctx *c)
{
	npg_path_abi(c);
	/* Deno 2.9 appends "\n  path: FILE" to a dlopen() error: the addon */
	const char *epath = NULL, *ppath = NULL;
	for (const char *nl = c->t; nl && nl < c->end; nl = memchr(nl + 1, '\n', (size_t)(c->end - nl - 1))) {
		if (*nl == '\n' && c->end - nl > 9 && !memcmp(nl, "\n  path: ", 9)) {
			ppath = nl;
			epath = nl + 9;
			break;
		}
		if (c->end - nl <= 1)
			break;
	}
	if (ppath && epath < c->end && (*epath == '/' || *epath == '\\' || isalpha((unsigned char)*epath))) {
		const char *f = dup_range(c, epath, line_end(c, epath));
		if (f && strstr(f, ".node") && (!c->ex->file || strcmp(c->ex->file, f))) {
			if (!c->ex->file || !strstr(c->ex->file, ".node"))
				set_file(c, f);
		}
	}
	/* "<program>: error while loading shared libraries: ..." is ld.so
	 * starting a program, not dlopen() loading an addon: the runtime (node,
	 * nw, an Electron app, a pkg executable) fails before any addon. */
	const char *el, *pl = find(c, "error while loading shared libraries: ", &el);
	if (pl && strcmp(c->ex->subject ? c->ex->subject : "", "runtime")) {
		const char *prog = path_before(c, pl);
		if (prog && (*prog == '"' || *prog == '\'' || *prog == '`'))
			prog = NULL;
		c->ex->subject = "runtime";
		c->ex->package = NULL;
		c->ex->file = prog;
		const char *who = prog ? arena_printf(c->a, "the program %s itself", prog) : "the program itself (node, an Electron/NW.js app, a packaged executable)";
		c->ex->why = arena_printf(c->a, "This is ld.so failing to start %s (\"error while loading shared libraries\"), before any addon is loaded: no npm rebuild of an addon helps. %s", who, c->ex->why ? c->ex->why : "");
		if (!strcmp(c->ex->cause, "missing-library") && c->ex->library) {
			bool cxx = !strncmp(c->ex->library, "libstdc++.so", 12) || !strncmp(c->ex->library, "libgcc_s.so", 11);
			c->ex->why = arena_printf(c->a, "This is ld.so failing to start %s (\"error while loading shared libraries\"), before any addon is loaded: no npm rebuild of an addon helps. The program lists %s as a dependency and the loader found it in no search directory.",
						  who, c->ex->library);
			c->ex->fix = cxx ? arena_printf(c->a, "install the C++ runtime: apt install libstdc++6 / dnf install libstdc++; on Alpine (musl) a glibc build of %s needs a musl build instead (apk add libstdc++ alone does not make a glibc binary run)", prog ? prog : "the program")
				 : arena_printf(c->a, "install the system package that provides %s for %s (apt-file search %s / dnf provides '*/%s'); Electron and NW.js apps need Chromium's system libraries (libnss3, libgbm1, libasound2, libgtk-3-0)",
						c->ex->library, prog ? prog : "the program", c->ex->library, c->ex->library);
		} else if (!strcmp(c->ex->cause, "static-tls")) {
			c->ex->why = arena_printf(c->a, "This is ld.so failing to start %s (\"error while loading shared libraries\"), before any addon is loaded: no npm rebuild of an addon helps. The libraries the program itself links need more initial-exec TLS than this glibc reserves at startup (seen with newer builds on old glibc, e.g. CentOS 6).", who);
			c->ex->fix = arena_printf(c->a, "run a build of %s made for this system (for Node.js: an older major, or the distribution's own package) or move to a newer OS; the program's own libraries need more static TLS than this glibc reserves",
						  prog ? prog : "the program");
		}
	}
	/* Electron docs ("Using Native Node Modules", troubleshooting): an
	 * addon built for Node.js links against node.exe/node.dll, which an
	 * Electron process does not have under that name; its import
	 * resolution then fails while the DLL initialises.  A dependency DLL
	 * of the addon failing is the other reading, so only when the failing
	 * file is the addon itself. */
	/* Chromium's devtools console ("Uncaught Error: ..." on Windows, in a
	 * renderer) is an Electron app's (NW.js names itself, see nwjs_clues) */
	bool addon_file = c->ex->file && strlen(c->ex->file) > 5 && !strcmp(c->ex->file + strlen(c->ex->file) - 5, ".node");
	bool el_win = addon_file && !nwjs_clues(c) && (electron_clues(c) || has(c, "Uncaught Error: "));
	if (el_win && c->ex->recognised && !strcmp(c->ex->recognised, "windows-procedure-not-found")) {
		c->ex->cause = "electron-abi-mismatch";
		c->ex->title = "a function the addon imports is missing inside Electron: almost always a build for Node.js or another Electron";
		c->ex->why = "ERROR_PROC_NOT_FOUND for a .node file loaded by Electron: an addon built for Node.js, or against another Electron's headers, imports V8/Node.js functions by name (from node.exe, through the delay-load hook, from electron.exe), and this Electron does not export one of them. Rebuilding it against this Electron's headers fixes it.";
		c->ex->fix = arena_printf(c->a, "npx @electron/rebuild -f -w %s   (with the Electron version and arch the app uses; dependencies under devDependencies are skipped unless listed)", pkg_or(c, "<package>"));
	}
	/* ... but a Node-API prebuild (prebuildify's <name>.napi.node or
	 * electron.napi.node, node-pre-gyp's napi-v<N> directory) is not tied
	 * to Node.js's or Electron's ABI: its DllMain failing is its own */
	bool napi_build = c->ex->file && (strstr(c->ex->file, ".napi.node") || strstr(c->ex->file, "napi-v"));
	if (!strcmp(c->ex->cause, "dll-init-failed") && el_win && !napi_build) {
		c->ex->cause = "electron-abi-mismatch";
		c->ex->title = "the addon failed to initialise inside Electron: almost always a build for Node.js, not for this Electron";
		c->ex->why = "ERROR_DLL_INIT_FAILED for a .node file loaded by Electron: an addon compiled for Node.js (node-gyp against Node's headers, or a Node prebuild such as win32-x64-<ABI>) resolves its runtime imports against node.exe; Electron exports them from electron.exe, so the addon fails while it loads. Rebuilding it against Electron's headers (with the delay-load hook) fixes it.";
		c->ex->fix = arena_printf(c->a, "npx @electron/rebuild -f -w %s   (with the Electron version and arch the app uses)", pkg_or(c, "<package>"));
	}
	/* sharp >= 0.33 ships libvips in its own optional package
	 * (@img/sharp-libvips-<platform>-<arch>) that the @img/sharp-<p>-<a>
	 * binary finds by RPATH: libvips-cpp.so missing is that package not
	 * installed (pnpm/yarn skipping it, or a packaged app leaving it out),
	 * not a system library to install. */
	const char *vips = c->ex->library ? c->ex->library : "";
	if (!strncmp(vips, "@rpath/", 7))
		vips += 7; /* dyld's "Library not loaded: @rpath/libvips-cpp.42.dylib" */
	if (!strcmp(c->ex->cause, "missing-library") && (!strncmp(vips, "libvips-cpp.so", 14) || (!strncmp(vips, "libvips-cpp.", 12) && strstr(vips, ".dylib"))) &&
	    (has(c, "Could not load the \"sharp\" module") || (c->ex->file && strstr(c->ex->file, "@img/sharp-")))) {
		const char *e, *p = find(c, "Could not load the \"sharp\" module using the ", &e);
		const char *rt = p ? token_at(c, e) : NULL;
		c->ex->cause = "missing-platform-package";
		c->ex->title = "sharp's libvips package is not installed";
		c->ex->package = "sharp";
		c->ex->why = arena_printf(c->a, "sharp >= 0.33 loads libvips from the optional package @img/sharp-libvips-%s, found next to @img/sharp-%s; %s is missing, so that package was not installed (pnpm or yarn skipping an optional dependency, --omit=optional, a lockfile from another platform) or a packaged app left it out.",
					  rt ? rt : "<platform>-<arch>", rt ? rt : "<platform>-<arch>", c->ex->library);
		c->ex->fix = electron_clues(c)
			? arena_printf(c->a, "install @img/sharp-libvips-%s next to sharp and keep both @img packages in the packaged app, unpacked from the asar (asarUnpack: node_modules/sharp/** and node_modules/@img/**)", rt ? rt : "<platform>-<arch>")
			: arena_printf(c->a, "npm install --include=optional sharp (or add @img/sharp-libvips-%s explicitly; with pnpm, allow its optional dependencies), on the machine that runs it", rt ? rt : "<platform>-<arch>");
	}
	/* Electron Forge's webpack plugin copies each .node it meets into
	 * .webpack/<target>/ (the asset relocator's native_modules/, or
	 * node-loader under a hashed name) and the bundle loads that copy:
	 * when the copy is refused, the bundling is the cause, not the
	 * package's binary (which loads from node_modules). */
	const char *wf = c->ex->file ? c->ex->file : "";
	if ((strstr(wf, "/.webpack/") || strstr(wf, "\\.webpack\\")) &&
	    (!strcmp(c->ex->cause, "wrong-os") || !strcmp(c->ex->cause, "corrupt") ||
	     (!strcmp(c->ex->cause, "wrong-arch") && c->ex->recognised && !strcmp(c->ex->recognised, "windows-bad-exe-format")))) {
		/* (a loader that names both architectures, dyld's "have x86_64,
		 * need arm64", is plain about the copy's CPU: that reading stays) */
		c->ex->cause = "bundled-addon";
		c->ex->title = "the copy of the addon that Electron Forge's webpack plugin made cannot be loaded";
		c->ex->why = arena_printf(c->a, "%s is the copy Electron Forge's webpack plugin (the asset relocator or node-loader) put in .webpack/, and that copy is what the bundle loads; the loader refused it. The package in node_modules is not what failed: the bundling moved (and here broke) its binary.", wf);
		c->ex->fix = arena_printf(c->a, "keep %s out of the webpack bundle (externals, e.g. with @timfish/forge-externals-plugin) so it is required from node_modules and packaged unpacked (asar.unpack: **/*.node); or update @electron-forge/plugin-webpack and @vercel/webpack-asset-relocator-loader", pkg_or(c, "the native package"));
	}
	/* A dylib the package ships beside its .node (found through @rpath or
	 * @loader_path) missing next to a .node in app.asar.unpacked: the
	 * packager unpacked the .node and left the dylib inside the asar,
	 * where dyld cannot read it. */
	if (!strcmp(c->ex->cause, "missing-library") && c->ex->library && strstr(wf, "app.asar.unpacked") &&
	    (!strncmp(c->ex->library, "@rpath/", 7) || !strncmp(c->ex->library, "@loader_path/", 13))) {
		c->ex->cause = "bundled-addon";
		c->ex->title = "the packaged app unpacked the addon but left its dylib inside app.asar";
		c->ex->why = arena_printf(c->a, "The addon was loaded from app.asar.unpacked, and the library it ships beside itself (%s, found through @rpath) is not there: the packager unpacked only the .node file and left the package's dylibs inside app.asar, where dyld cannot open them.", c->ex->library);
		c->ex->fix = "unpack the package's libraries too (electron-builder asarUnpack / Electron Forge packagerConfig.asar.unpack: \"**/*.{node,dylib,so,dll}\" or the whole package directory), then rebuild the app";
	}
	/* A Node-API function the runtime does not export (napi-functions.tsv
	 * knows it: an older Node-API level, or experimental): Node.js, or an
	 * Electron, older than the addon's Node-API; the same for a Node-API
	 * addon in a Node.js without any (Node.js <= 7: napi_module_register).
	 * Bun and Deno (alt runtimes), Android's libnode (bionic hides it) and
	 * a runtime that failed itself keep their own readings. */
	if ((!strcmp(c->ex->cause, "undefined-symbol") || !strcmp(c->ex->cause, "lazy-undefined-symbol")) && c->ex->symbol &&
	    strcmp(c->ex->subject ? c->ex->subject : "", "runtime") && strncmp(c->ex->recognised ? c->ex->recognised : "", "android-", 8) &&
	    !has(c, "bun: ") && !has(c, "/bun ") && !has(c, "deno: ")) {
		const char *sy = c->ex->symbol;
		if (sy[0] == '_' && (!strncmp(sy + 1, "napi_", 5) || !strncmp(sy + 1, "node_api_", 9)))
			sy++; /* Mach-O's leading underscore */
		int lvl = napi_function_level(sy);
		if (lvl >= 0) {
			bool lazy = !strcmp(c->ex->cause, "lazy-undefined-symbol");
			c->ex->cause = "napi-too-new";
			c->ex->title = "the addon calls a Node-API function this runtime does not have: it needs a newer Node.js (or Electron)";
			c->ex->why = lvl > 0 ? arena_printf(c->a, "%s is a Node-API function added in Node-API %d. The runtime that loaded the addon exports an older Node-API (or none: Node.js 7 and older, Electron before 3), so the addon was built for a newer one than this runtime has.", sy, lvl)
					     : arena_printf(c->a, "%s is an experimental Node-API function (NAPI_EXPERIMENTAL) that this runtime does not export: it came in a newer Node.js, or the addon was built against experimental headers.", sy);
			if (lazy)
				c->ex->why = arena_printf(c->a, "%s The addon itself loaded: the function was looked up at its first call, and the process ended there.", c->ex->why);
			c->ex->fix = arena_printf(c->a, "upgrade Node.js (or Electron) to a release with Node-API %s (see 'addon-doctor abi'), or install a version of %s that supports this one",
						  lvl > 0 ? arena_printf(c->a, "%d or newer", lvl) : "that exports it", pkg_or(c, "the package"));
		}
	}
	/* A V8 / node:: C++ API function missing from an installed package's
	 * addon: V8's C++ API changes between Node.js majors, so the package
	 * was compiled against another runtime's headers (a build made under
	 * another Node.js, npm's nodedir/target pointing elsewhere): rebuild
	 * it for this one.  The same holds for an addon installed outside
	 * node_modules (/opt, /usr/lib: a copy built for the Node.js that was
	 * there before an upgrade).  In a project's own build output
	 * (build/Release, build/Debug) the addon was just compiled, normally
	 * against this Node.js's headers, so the plain reading stays: the
	 * source calls something this Node.js declares but does not export. */
	bool own_build = c->ex->file && !strstr(c->ex->file, "node_modules") &&
			 (strstr(c->ex->file, "/build/Release/") || strstr(c->ex->file, "/build/Debug/") ||
			  strstr(c->ex->file, "\\build\\Release\\") || strstr(c->ex->file, "\\build\\Debug\\"));
	/* On Android the why already names the one common cause (Node.js is
	 * libnode.so there, and bionic shows its exports only to an addon
	 * linked against it), whatever the symbol. */
	bool android = c->ex->recognised && !strncmp(c->ex->recognised, "android-", 8);
	if ((!strcmp(c->ex->cause, "undefined-symbol") || !strcmp(c->ex->cause, "lazy-undefined-symbol")) && c->ex->symbol && c->ex->file && !own_build &&
	    !android && strcmp(c->ex->subject ? c->ex->subject : "", "runtime")) {
		const char *sy = c->ex->symbol[0] == '_' && c->ex->symbol[1] == '_' ? c->ex->symbol + 1 : c->ex->symbol;
		if (cxx_node_api_symbol(sy)) {
			bool elx = electron_clues(c);
			c->ex->cause = elx ? "electron-abi-mismatch" : "abi-mismatch";
			c->ex->title = "the addon calls a V8/Node.js C++ function this runtime does not have: it was built for another runtime version";
			c->ex->why = arena_printf(c->a, "%s is part of V8's or Node.js's C++ API, which changes between Node.js (and Electron) versions. The package's addon was compiled against another runtime's headers (built under another Node.js, npm's nodedir/--target pointing at other headers, or node_modules carried over from another version), so this runtime does not export it.",
						  c->ex->demangled && strncmp(c->ex->demangled, "a mangled", 9) ? c->ex->demangled : c->ex->symbol);
			bool in_nm = c->ex->file && strstr(c->ex->file, "node_modules");
			if (elx)
				c->ex->fix = arena_printf(c->a, "npx @electron/rebuild -f -w %s", pkg_or(c, "<package>"));
			else if (in_nm || c->ex->package)
				c->ex->fix = arena_printf(c->a, "npm rebuild %s with the Node.js that runs it (unset npm_config_nodedir / --target if set; delete its build/ directory first), or use a release of the package that supports this Node.js",
							  pkg_or(c, "<package>"));
			else
				c->ex->fix = "rebuild the addon against the headers of the Node.js that runs it (node-gyp rebuild, with that node first on PATH); if it no longer compiles, its source uses a V8 API this version removed: port it, or use the Node.js it was written for";
		}
	}
	/* A missing .node under a single-file executable's own file system
	 * (deno compile: <tmp>/deno-compile-<name>/; bun build --compile:
	 * /$bunfs/, B:/~BUN/; pkg: /snapshot/): the compiler left the addon
	 * out of the executable.  The package is installed where it was
	 * built, which is why running the source (deno run, node) works. */
	/* glibc's "cannot open shared object file" for the addon itself reads
	 * as another CPU's build only for a file that exists; inside such an
	 * executable's file system it is the missing file. */
	/* node-pre-gyp's directory for this ABI missing inside the snapshot
	 * is the same: pkg packed the JavaScript, not the binding */
	/* pkg's note after a failed require inside its snapshot */
	bool pkg_note = has(c, "If you want to compile the package/file into executable");
	if (pkg_note && (!strcmp(c->ex->cause, "not-found") || !strcmp(c->ex->cause, "missing-prebuild")) && c->ex->file &&
	    (strstr(c->ex->file, ".node") || strstr(c->ex->file, "build/Release") || strstr(c->ex->file, "build\\Release"))) {
		c->ex->cause = "bundled-addon";
		c->ex->title = "the addon is not inside the pkg executable";
		c->ex->why = "pkg's own note follows the error: the require ran inside the executable's snapshot (/snapshot, C:\\snapshot), where pkg put the JavaScript but not the addon, which it cannot pack; the loader's computed path points into the snapshot.";
		c->ex->fix = "ship the .node file beside the executable and load it from there (pkg assets plus a path built from process.execPath), or keep the native package out of the executable";
	}
	/* a package's own "binary missing" text (data/package-texts.tsv) for
	 * a path inside pkg's snapshot: pkg left the binary out */
	if (!strcmp(c->ex->cause, "missing-prebuild") && c->ex->recognised && !strcmp(c->ex->recognised, "package-text") &&
	    (has(c, "/snapshot/") || has(c, "\\snapshot\\"))) {
		c->ex->cause = "bundled-addon";
		c->ex->title = "the addon is not inside the pkg executable";
		c->ex->why = arena_printf(c->a, "The path is inside a pkg executable's snapshot (/snapshot/...), where pkg put the package's JavaScript but not its native binary, which it cannot pack. %s", c->ex->why ? c->ex->why : "");
		c->ex->fix = "ship the .node file beside the executable and load it from there (pkg assets plus a path built from process.execPath), or keep the native package out of the executable";
	}
	bool gone = !strcmp(c->ex->cause, "not-found") || (c->ex->recognised && !strcmp(c->ex->recognised, "node-addon-never-built")) ||
		    (!strcmp(c->ex->cause, "wrong-arch") && c->ex->recognised && !strcmp(c->ex->recognised, "glibc-cannot-open-self")) ||
		    (c->ex->recognised && !strcmp(c->ex->recognised, "node-pre-gyp-binding-missing"));
	/* Bun names the requiring file after the path: 'Cannot find module
	 * "./x.node" from "/$bunfs/root/app"' */
	bool bunfs_from = has(c, "\" from \"/$bunfs/") || has(c, "\" from \"B:/~BUN/") || has(c, "\" from \"B:\\~BUN\\");
	if (gone && c->ex->file && (strstr(c->ex->file, ".node") || strstr(c->ex->file, "/build/Release/") || strstr(c->ex->file, "/build/Debug/")) &&
	    (strstr(c->ex->file, "deno-compile-") || strstr(c->ex->file, "/$bunfs/") || strstr(c->ex->file, "~BUN") ||
	     strstr(c->ex->file, "/snapshot/") || strstr(c->ex->file, "\\snapshot\\") || bunfs_from)) {
		c->ex->cause = "bundled-addon";
		c->ex->title = "the addon is not inside the compiled single-file executable";
		c->ex->why = "The path is inside a single-file executable's embedded file system (deno compile, bun build --compile, pkg), and the .node file was not put there: the compiler includes only what it sees required statically or is told to include, and an addon's loader computes its path at run time. The package itself is installed where the build ran, so the same code works when run from source.";
		c->ex->fix = "make the compiler include the .node file (deno compile --include <the package's .node or its directory>; bun build --compile: require the .node by a static path; pkg: list it under pkg.assets), or ship the .node beside the executable and load it from there";
	}
	/* Loaders that try every build for the OS and CPU (napi-rs, @node-rs/
	 * helper, Next.js's swc) report each attempt: the other C library's
	 * build failing on this system is expected, and the cause is the one
	 * for this system's C library that is not installed.  Which C library
	 * this system has shows in the failure: musl's own loader wording, or
	 * glibc's failing to open musl's libc. */
	if (!strcmp(c->ex->cause, "wrong-libc")) {
		bool host_glibc = has(c, "libc.musl-") && has(c, "cannot open shared object file");
		bool host_musl = !host_glibc && (has(c, "Error loading shared library ld-linux") || has(c, "Error relocating "));
		const char *want = NULL;
		static const char *const leads[] = { "Cannot find module '", "Attempted to load " };
		for (size_t i = 0; i < sizeof leads / sizeof leads[0] && !want && (host_glibc || host_musl); i++) {
			const char *e, *p = find(c, leads[i], &e);
			for (int k = 0; p && k < 32 && !want; k++, p = find_from(e, c->end, leads[i], &e)) {
				const char *nm = i == 0 ? quoted_after(c, e, '\'') : token_at(c, e);
				/* a scoped platform package for Linux (token_at stops
				 * before the comma of "X, but it was not installed") */
				if (!nm || !strchr(nm, '/') || strstr(nm, ".node") || !strstr(nm, "linux"))
					continue;
				if (i == 1) {
					const char *le = line_end(c, e);
					if (!find_from(e, le, "but it was not installed", NULL))
						continue;
				}
				bool musl_name = strstr(nm, "musl") != NULL;
				if ((host_musl && musl_name) || (host_glibc && !musl_name))
					want = nm;
			}
		}
		if (want) {
			c->ex->cause = "missing-platform-package";
			c->ex->title = "the platform package for this system's C library is not installed";
			c->ex->package = want;
			number(c, "missing package", want, NULL);
			c->ex->why = arena_printf(c->a, "The loader tries the build for each C library in turn: %s, the one for this system's (%s), is not installed, and the other one it then found cannot load here, as expected. npm did not install %s: a lockfile or node_modules made on the other kind of system (a glibc machine for an Alpine image, or the reverse), npm's optional-dependency bug (npm/cli#4828), or --omit=optional.",
						  want, host_musl ? "musl" : "glibc", want);
			c->ex->fix = "install in the environment that runs it: rm -rf node_modules package-lock.json && npm install there (in Docker: node_modules in .dockerignore, install inside the image); or add the package explicitly";
		}
	}
	/* a platform package the package never published (data/platform-
	 * packages.tsv): nothing to reinstall, there is no build for it */
	const char *pp_pkg, *pp_want, *pp_list;
	if (!strcmp(c->ex->cause, "missing-platform-package") &&
	    platform_never_published(c->a, c->t, c->end, &pp_pkg, &pp_want, &pp_list)) {
		c->ex->cause = "missing-prebuild";
		c->ex->title = arena_printf(c->a, "%s publishes no build for this platform", pp_pkg);
		number(c, "platform package asked for, never published", pp_want, NULL);
		c->ex->why = arena_printf(c->a, "The loader asks for %s, which %s does not publish: its latest release ships platform packages for %s only (the npm registry, data/platform-packages.tsv). No reinstall can fetch it; the binary has to come from somewhere else.",
					  pp_want, pp_pkg, pp_list);
		c->ex->fix = arena_printf(c->a, "run on a platform %s publishes (see the list above; e.g. a glibc image instead of Alpine, x64/arm64 instead of another CPU), build %s from source for this platform if the project supports it, or use its WebAssembly build where there is one",
					  pp_pkg, pp_pkg);
	}
	/* Atom (an Electron app) rebuilds its packages' addons itself */
	if (!strcmp(c->ex->cause, "electron-abi-mismatch") && atom_module_list(c))
		c->ex->fix = arena_printf(c->a, "%s; for an Atom package: apm rebuild, or the Rebuild Packages button of Atom's Incompatible Packages view", c->ex->fix);
	if (!strcmp(c->ex->cause, "wrong-arch") && electron_clues(c) && strcmp(c->ex->recognised, "sharp-unsupported-cpu")) {
		c->ex->fix = arena_printf(c->a, "npx @electron/rebuild -f -w %s --arch <the Electron app's arch: x64, arm64 or ia32>   (Electron loads it, so Electron's architecture counts, not the node that ran npm install)",
					  pkg_or(c, "<package>"));
	}
}

static bool (*const matchers[])(struct ctx *) = {
	m_oracle, m_napi_too_new, m_abi_mismatch, m_alt_runtime, m_crash_on_call, m_old_version_mismatch, m_context_aware, m_addons_disabled,
	m_v8_sandbox, m_exec_stack, m_static_tls, m_noexec, m_page_align, m_version_not_found, m_lazy_symbol,
	m_musl_relocating, m_musl_loading, m_undefined_symbol, m_elf_header, m_cannot_open, m_dyld, m_android_exec, m_android, m_bsd_rtld,
	m_bun_loadlibrary, m_windows, m_self_register, m_node010_symbol, m_no_entry, m_dynamic_require, m_swc_bindings, m_package_texts, m_node_gyp_build, m_sea_require, m_sharp, m_tfjs, m_no_interpreter, m_nexe, m_esbuild, m_next_swc, m_parcel_watcher, m_require_addon, m_main_entry_missing, m_cli_platform_package, m_node_sass, m_grpc, m_prisma, m_napi_rs, m_webpack_parse, m_deno_loadlibrary, m_bindings,
	m_cannot_find_module, m_node_pre_gyp, m_exec_format, m_platform_package_named,
};

bool explain_text(struct arena *a, const char *text, size_t len, struct explain *out)
{
	memset(out, 0, sizeof *out);
	out->cause = "unknown";
	if (len > EXPLAIN_MAX_INPUT) {
		len = EXPLAIN_MAX_INPUT;
		out->truncated_input = true;
	}
	/* A private, NUL-terminated copy: matchers may read until NUL safely. */
	char *t = arena_strndup(a, text ? text : "", text ? len : 0);
	if (!t)
		return false;
	size_t n = strlen(t); /* an embedded NUL ends the text */
	t = explain_clean(a, t, n, &n);
	if (!t)
		return false;
	struct ctx c = { a, t, t + n, out };
	bool found = false;
	for (size_t i = 0; i < sizeof matchers / sizeof matchers[0]; i++) {
		if (!found) {
			found = matchers[i](&c);
			continue;
		}
		/* Note other shapes without letting them overwrite the answer;
		 * the last-resort reading of a platform package's name adds
		 * nothing to an answer already found */
		if (matchers[i] == m_platform_package_named)
			continue;
		struct explain saved = *out, probe;
		memset(&probe, 0, sizeof probe);
		c.ex = &probe;
		if (matchers[i](&c) && probe.recognised && strcmp(probe.recognised, saved.recognised)) {
			*out = saved;
			const char **s = VEC_PUSH(a, &out->also);
			if (s)
				*s = probe.recognised;
		} else {
			*out = saved;
		}
		c.ex = out;
	}
	if (!found) {
		out->cause = "unknown";
		out->recognised = NULL;
		return false;
	}
	refine(&c);
	return true;
}
