/*
 * match_altrt.c - Bun and Deno: one room of the message recogniser (explain.c
 * holds the driver and the matcher table; see explain_int.h).
 */
#include "explain_int.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../parse/parse.h"
#include "../runtime/abi.h"
#include "data.h"

/* ---- Bun and Deno (altsteps.c; texts of real bun 1.1/1.4 and deno 2.7/2.9 runs) ---- */

/* "bun" / "deno" when the program ld.so names before "symbol lookup
 * error" (its path's last segment) is one of them, else NULL. */
static const char *alt_program(struct ctx *c, const char *at)
{
	const char *ls = line_start(c, at), *q = at;
	while (q > ls && (q[-1] == ' ' || q[-1] == ':'))
		q--;
	const char *b = q;
	while (b > ls && b[-1] != '/' && b[-1] != '\\' && !is_blank(b[-1]) && b[-1] != '`')
		b--;
	if (q - b == 3 && !memcmp(b, "bun", 3))
		return "bun";
	if (q - b == 4 && !memcmp(b, "deno", 4))
		return "deno";
	if (q - b == 7 && !memcmp(b, "bun.exe", 7))
		return "bun";
	return NULL;
}

/* Symbols only Node's own ABI provides to NAN / raw-V8 addons: the legacy
 * registration (node_module_register) and node_register_module_v<N>. */
bool legacy_abi_symbol(const char *sym)
{
	return sym && (!strcmp(sym, "node_module_register") || !strncmp(sym, "node_register_module_v", 22));
}

static void needs_node_api(struct ctx *c, const char *alt)
{
	bool bun = !strcmp(alt, "bun");
	c->ex->why = arena_printf(c->a,
		"%s loads Node-API addons (napi_register_module_v1). This one was built against Node.js's own ABI "
		"(NODE_MODULE / NAN / V8 C++ API: it registers with node_module_register or exports node_register_module_v<N>), "
		"which %s%s. No rebuild of the same source helps.",
		bun ? "Bun" : "Deno", bun ? "Bun implements only in part and only at its own NODE_MODULE_VERSION" : "Deno does not implement",
		bun ? "" : " (Deno 2.8+ says so; older releases die in ld.so or report no Node-API module)");
	c->ex->fix = arena_printf(c->a, "run it under Node.js, or use a version of %s (or an alternative package) built with Node-API (N-API)",
				  pkg_or(c, "the package"));
}

/* node_module_register exists in every Node.js since 0.11: an addon that
 * cannot find it in a node process was built for a newer Node.js than the
 * one running it (Node 0.10 or older, often an old binary first on PATH). */

void old_node_register(struct ctx *c, const char *sym)
{
	/* Node.js 0.10 shows in its stack (lib/module.js); without it the
	 * process is far more likely Bun or Deno, whose missing
	 * node_module_register is the NAN / V8 addon they cannot load (Bun
	 * before 1.1.x, Deno before 2.x said nothing else) */
	/* Node.js throws "Error: <path>: undefined symbol: ..." at a line's
	 * start; Bun and Deno print "error: ..." (and dyld's own abort names
	 * no runtime) */
	bool node_error = false;
	{
		const char *e, *p = find(c, "Error: ", &e);
		for (int k = 0; p && k < 64 && !node_error; k++, p = find_from(e, c->end, "Error: ", &e)) {
			const char *q = p;
			while (q > c->t && (q[-1] == ' ' || q[-1] == '\t'))
				q--;
			node_error = q == c->t || q[-1] == '\n';
		}
	}
	/* an old Node.js named in the paste (a logger's "version=v0.10.29",
	 * Debian's old /usr/bin/nodejs binary, "node v0.10") */
	bool old_named = has(c, "v0.10.") || has(c, "v0.8.") || has(c, "/usr/bin/nodejs") || has(c, "node 0.10") || has(c, "Node 0.10") ||
			 has(c, "node-v0.10");
	if (!old_node_stack(c) && !node_error && !old_named) {
		c->ex->cause = "needs-node-api";
		c->ex->title = "the addon registers the way only Node.js provides: a NAN / V8 addon in a runtime that loads Node-API ones";
		c->ex->why = arena_printf(c->a,
			"%s is how addons built with NAN or the V8 API (not Node-API) register; every Node.js since 0.11 exports it, and Bun and Deno (older releases; later ones say so in their own words) do not. "
			"The stack is not Node.js 0.10's, so the runtime is most likely Bun or Deno: no rebuild of the same source helps. (Under a Node.js 0.10 binary first on PATH the same text means the addon is newer than that node.)", sym);
		c->ex->fix = arena_printf(c->a, "run it under Node.js, or use a version of %s (or an alternative package) built with Node-API (N-API)", pkg_or(c, "the package"));
		return;
	}
	c->ex->cause = "abi-mismatch";
	c->ex->title = "the addon was built for a newer Node.js than the one running it";
	c->ex->why = arena_printf(c->a,
		"%s is how addons built for Node.js 0.11 and later register themselves; every Node.js since 0.11 exports it. "
		"The process that loaded this addon does not: it is Node.js 0.10 or older (typically an old node binary found "
		"first on PATH), or another runtime that does not implement Node's addon ABI (Bun, Deno).", sym);
	c->ex->fix = arena_printf(c->a, "run it with the Node.js it was installed with (check 'which -a node' and 'node -v'; remove the old binary), or npm rebuild %s with the node that runs it",
				  pkg_or(c, "<package>"));
}

/* Bun's and Deno's "Module did not self-register": nothing registered a
 * Node-API module.  The causes, most likely first. */
static void no_napi_module(struct ctx *c, const char *rt, const char *twice)
{
	c->ex->why = arena_printf(c->a,
		"dlopen() succeeded but no Node-API module registered (no napi_register_module_v1, no napi_module_register call). "
		"The common causes, most likely first: (1) a Node-API addon loaded a second time in the same process (%s): %s does not run its registration again; "
		"(2) an addon built against Node.js's own ABI (NODE_MODULE / NAN / V8: it exports node_register_module_v<N>), which %s never looks up: it loads Node-API addons only; "
		"(3) a file that is not an addon at all.", twice, rt, rt);
	c->ex->fix = arena_printf(c->a, "if it fails only on reload or in a Worker, load the addon once (outside hot-reloaded code, or in the main thread); otherwise use a Node-API build of %s, or run it under Node.js",
				  pkg_or(c, "the package"));
}

/* Bun's crash handler ("Crashed while loading native module: FILE") and
 * dyld's abort for a call through a symbol that was missing at load time
 * ("dyld[pid]: missing symbol called", macOS 12+ with chained fixups).
 * Under Bun both are, in the public threads, an addon using V8's or
 * Node.js's C++ API, which Bun implements only in part; under Node.js the
 * dyld text is a lazily bound function nobody exports. */
bool m_crash_on_call(struct ctx *c)
{
	const char *e, *p = find(c, "Crashed while loading native module: ", &e);
	bool bun = has(c, "Bun has crashed") || has(c, "bun run") || has(c, "bun ") || has(c, "/bun") || has(c, "oh no: Bun");
	if (p) {
		set(c, "bun-crash-loading-addon", "needs-node-api", "bun", "Bun crashed while loading the addon: an addon built against Node.js's C++ API (V8 / NAN), which Bun implements only in part");
		set_file(c, dup_range(c, e, line_end(c, e)));
		c->ex->why = "Bun's crash handler reports that the process died inside a native module's load. Bun loads Node-API addons; an addon built against V8's C++ API or NAN (better-sqlite3, for instance) calls functions Bun does not implement or implements differently, and crashes there (oven-sh/bun#4290 tracks V8 API support). A Bun bug in its Node-API is the other, rarer reading: then the same addon loads under Node.js and a Bun upgrade may help.";
		c->ex->fix = arena_printf(c->a, "run it under Node.js, or use a Node-API package instead of %s (for SQLite under Bun: bun:sqlite); try the newest Bun if the addon is a Node-API one", pkg_or(c, "this one"));
		return true;
	}
	if (!(p = find(c, ": missing symbol called", &e)))
		return false;
	const char *ls = line_start(c, p);
	while (ls < p && is_blank(*ls))
		ls++;
	if (!match_at(ls, c->end, "dyld"))
		return false;
	/* The line alone, no runtime named: in the public threads it is Bun
	 * (better-sqlite3 and other V8-API addons: oven-sh/bun#8724, #15834,
	 * #3407); under Node.js an addon of another ABI is refused before any
	 * call (NODE_MODULE_VERSION), so there it is rarer */
	bool node_named = has(c, "node ") || has(c, "/node") || has(c, "node:internal") || has(c, "node.exe") || has(c, "electron") || has(c, "Electron");
	if (bun || !node_named) {
		if (!bun) {
			set(c, "dyld-missing-symbol-called", "needs-node-api", "dyld", "the process died calling a function nobody exports: in the public threads, an addon built against Node.js's C++ API (V8 / NAN) under Bun");
			c->ex->why = "dyld aborted the process when code called a symbol that was left unbound at load time (\"missing symbol called\"). The text names no runtime. In the public threads this line is Bun running an addon built against V8's C++ API or NAN (better-sqlite3 and others; oven-sh/bun#4290): Bun implements that API only in part, and no rebuild of the same source helps. Under Node.js the same line means the addon calls a function this Node.js lacks (a newer Node-API one, or a library that is not loaded).";
			c->ex->fix = "under Bun: run it under Node.js, or use a Node-API version of the package (for SQLite: bun:sqlite); under Node.js: upgrade Node.js, or reinstall the package for it (DYLD_PRINT_BINDINGS=1 shows which function is missing)";
			return true;
		}
		set(c, "dyld-missing-symbol-called", "needs-node-api", "bun", "under Bun, the addon called a function Bun does not export: it is built against Node.js's C++ API (V8 / NAN)");
		c->ex->why = "dyld aborted the process when code called a symbol that was left unbound at load time (\"missing symbol called\"). Under Bun this is an addon built against V8's C++ API or NAN, which Bun implements only in part (oven-sh/bun#4290): a function it calls is not in Bun. No rebuild of the same source helps.";
		c->ex->fix = "run it under Node.js, or use a Node-API version of the package (for SQLite under Bun: bun:sqlite)";
		return true;
	}
	set(c, "dyld-missing-symbol-called", "lazy-undefined-symbol", "dyld", "the addon loaded, then the process died calling a function nobody defines");
	c->ex->why = "dyld aborted the process when code called a symbol that no loaded image defined (\"missing symbol called\": it was left unbound at load time, as addons linked with -undefined dynamic_lookup allow). The addon was built against another runtime's exports (another Node.js or Electron, a Node-API function this one lacks) or against a library that is not loaded.";
	c->ex->fix = "rebuild the addon against the runtime that runs it (npm rebuild <package>), or upgrade Node.js if the missing function is a Node-API one (run with DYLD_PRINT_BINDINGS=1, or 'addon-doctor deps FILE', to see which)";
	return true;
}

bool m_alt_runtime(struct ctx *c)
{
	const char *e, *p;
	/* Bun >= 1.1.38: a NODE_MODULE addon whose nm_version is not Bun's */
	if ((p = find(c, "was compiled against a different Node.js ABI version using NODE_MODULE_VERSION", &e))) {
		const char *after;
		long built = number_at(e, c->end, &after);
		const char *e2, *q = find_from(after, c->end, "This version of Bun requires NODE_MODULE_VERSION", &e2);
		if (built < 0 || !q)
			return false;
		long need = number_at(e2, c->end, NULL);
		set(c, "bun-module-version-mismatch", "abi-mismatch", "bun",
		    "a NAN / V8 addon built for another NODE_MODULE_VERSION than Bun's");
		const char *e3, *m = find(c, "The module '", &e3);
		if (m && m < p)
			number(c, "module name", quoted_after(c, e3, '\''), NULL);
		number(c, "addon built for NODE_MODULE_VERSION", arena_printf(c->a, "%ld", built), abi_words(c, built));
		if (need >= 0)
			number(c, "this Bun requires NODE_MODULE_VERSION", arena_printf(c->a, "%ld", need), "Bun's own number");
		c->ex->why = "Bun loads NODE_MODULE (NAN / V8 API) addons only when they were built for its own NODE_MODULE_VERSION, and implements V8's C++ API only in part; Node-API addons load whatever their build.";
		c->ex->fix = arena_printf(c->a, "use a Node-API build of %s (most packages ship one), or run it under the Node.js it was built for",
					  pkg_or(c, "the package"));
		return true;
	}
	/* Bun's own refusal of a package it knows it cannot run (its module
	 * loader names better-sqlite3 and a few other V8-API addons so, before
	 * any dlopen): "'better-sqlite3' is not yet supported in Bun." */
	if ((p = find(c, "' is not yet supported in Bun", &e))) {
		const char *q = p;
		while (q > c->t && q[-1] != '\'' && p - q < 214)
			q--;
		set(c, "bun-not-yet-supported", "needs-node-api", "bun", "Bun refuses this package: an addon built against Node.js's C++ API (V8 / NAN), which Bun does not implement");
		if (q > c->t && q < p)
			c->ex->package = dup_range(c, q, p);
		needs_node_api(c, "bun");
		if (c->ex->package && !strcmp(c->ex->package, "better-sqlite3"))
			c->ex->fix = "use bun:sqlite (Bun's built-in SQLite; many ORMs have a Bun driver for it), or run it under Node.js";
		return true;
	}
	/* Bun: no napi_register_module_v1 and no constructor registered */
	if ((p = find(c, "symbol 'napi_register_module_v1' not found in native module", &e))) {
		set(c, "bun-no-napi-module", "not-an-addon", "bun", "Bun loaded the file but found no Node-API module in it");
		no_napi_module(c, "Bun", "bun --hot reloading it, a Worker requiring it again");
		return true;
	}
	/* Deno: the same, and Deno 2.8+'s refusal of NODE_MODULE addons */
	if ((p = find(c, "Unable to find register Node-API module at ", &e)) ||
	    (p = find(c, "Cannot load native addon at ", &e))) {
		bool legacy = find(c, "legacy Node.js native addon API", NULL) != NULL;
		if (legacy)
			set(c, "deno-legacy-addon", "needs-node-api", "deno", "Deno loads Node-API addons only, and this is a NAN / V8 one");
		else
			set(c, "deno-no-napi-module", "not-an-addon", "deno", "Deno loaded the file but found no Node-API module in it");
		const char *f = e, *fe = f;
		while (fe < line_end(c, f) && !(fe[0] == ':' && fe + 1 < c->end && fe[1] == ' '))
			fe++;
		set_file(c, dup_range(c, f, fe));
		if (legacy)
			needs_node_api(c, "deno");
		else
			no_napi_module(c, "Deno", "a Worker requiring it again");
		return true;
	}
	return false;
}

/*
 * Bun on Windows: "LoadLibrary failed: <the Windows message>" (Deno says
 * "LoadLibraryExW failed"; Node prints the message alone), the message in
 * the system's language and often cut short.  An addon of Node's own ABI
 * (NAN / V8) imports node.exe's V8 and libuv functions, which bun.exe
 * resolves only in part: the import fails while the DLL initialises
 * (1114) or as a missing procedure (127).  Both are Bun's limits, no
 * rebuild of the same source helps (the threads of oven-sh/bun with
 * better-sqlite3, cpu-features and segfault-handler are such addons).  A
 * missing DLL (126) and another CPU (193) read as under Node.
 */
bool m_bun_loadlibrary(struct ctx *c)
{
	const char *e, *p = find(c, "LoadLibrary failed: ", &e);
	if (!p)
		return false;
	int code = windows_message_prefix(e, line_end(c, e));
	if (code == 1114 || code == 127) {
		set(c, code == 1114 ? "bun-windows-dll-init-failed" : "bun-windows-procedure-not-found", "needs-node-api", "bun",
		    "Bun on Windows could not bind the addon to the functions it imports from node.exe");
		const char *e2, *f = find(c, ".node", &e2);
		if (f) {
			const char *s = f;
			while (s > c->t && !is_blank(s[-1]) && s[-1] != '\'' && s[-1] != '"' && s[-1] != '(' && f - s < 4096)
				s--;
			set_file(c, dup_range(c, s, e2));
		}
		c->ex->why = arena_printf(c->a, "Bun prints \"LoadLibrary failed\" with the Windows error %s: the addon was loaded by Bun, not Node.js. "
					  "An addon built against Node's V8 API (NAN or plain V8/node.h rather than Node-API) imports V8 and "
					  "libuv functions from node.exe, and Bun provides only part of them, so binding its imports fails. "
					  "A Node-API addon does not depend on them.",
					  code == 1114 ? "1114 (a DLL initialization routine failed)" : "127 (a procedure could not be found)");
		c->ex->fix = arena_printf(c->a, "run it under Node.js, or use a Node-API package instead of %s (or a version of it that is Node-API); rebuilding the same source for Bun does not help",
					  pkg_or(c, "the package"));
		return true;
	}
	return false;
}

/*
 * An undefined libuv function (uv_default_loop, uv_async_init) in a text
 * that names no runtime: every Node.js build exports libuv to addons
 * (official builds link it in; distribution builds load the system
 * libuv.so.1, which defines all of them), Electron too.  So the process
 * is another runtime: Bun, which implements libuv only in part.  A
 * rebuild of the same source does not help.
 */
static void libuv_missing(struct ctx *c, const char *sym, const char *when, bool at_load)
{
	/* at load time the addon cannot be used at all: a runtime question;
	 * bound lazily it loaded and died at the call (the corpus's
	 * lazy-undefined-symbol, as for Bun named) */
	if (at_load) {
		c->ex->cause = "needs-node-api";
		c->ex->title = "the runtime does not provide a libuv function the addon calls";
	}
	c->ex->why = arena_printf(c->a, "The addon calls libuv's %s directly. Every Node.js (and Electron) exports libuv's "
				  "functions to addons, so the process that loaded it is another runtime: Bun implements Node-API "
				  "but libuv only in part; %s.", sym, when);
	c->ex->fix = arena_printf(c->a, "run it under Node.js, or use a version of %s that does not call libuv directly; no rebuild helps",
				  pkg_or(c, "the package"));
}

bool m_lazy_symbol(struct ctx *c)
{
	const char *e, *p = find(c, "symbol lookup error: ", &e);
	if (!p)
		return false;
	const char *e2, *q = find_from(e, c->end, ": undefined symbol: ", &e2);
	if (!q)
		return false;
	const char *sym = token_at(c, e2);
	const char *alt = alt_program(c, p);
	bool v8api = cxx_node_api_symbol(sym);
	if (alt && (legacy_abi_symbol(sym) || v8api)) {
		set(c, "alt-runtime-legacy-addon", "needs-node-api", alt,
		    arena_printf(c->a, "a Node.js-ABI (NAN / V8) addon in %s, which loads Node-API addons only", alt));
		set_file(c, dup_range(c, e, q));
		explain_symbol(c, sym);
		number(c, "undefined symbol", sym, c->ex->demangled);
		needs_node_api(c, alt);
		return true;
	}
	set(c, "glibc-symbol-lookup-error", "lazy-undefined-symbol", "glibc",
	    "the addon loaded, then the process died calling a function nobody defines");
	set_file(c, dup_range(c, e, q));
	explain_symbol(c, sym);
	number(c, "undefined symbol", sym, c->ex->demangled);
	if (c->ex->file && is_node_binary(c->ex->file)) {
		/* "/usr/bin/nodejs: symbol lookup error: /usr/bin/nodejs: ..."
		 * is node's own call: a distribution build links V8, libuv,
		 * OpenSSL, ICU as shared libraries, and another version of one
		 * of them was found first */
		c->ex->subject = "runtime";
		c->ex->package = NULL;
		c->ex->title = "Node.js itself called a function its own shared libraries do not have";
		c->ex->why = arena_printf(c->a, "The object that misses %s is the node program itself, not an addon: no npm rebuild helps. A Node.js built against shared libraries (Debian's and other distributions' nodejs: libnode, libv8, libuv, libssl, libicu) found another version of one of them first - a self-built copy in /usr/local/lib or /usr/lib, or a directory on LD_LIBRARY_PATH - which lacks that function.",
					  c->ex->demangled && strncmp(c->ex->demangled, "a mangled", 9) ? c->ex->demangled : sym ? sym : "a symbol");
		c->ex->fix = arena_printf(c->a, "see which copy node loads (ldd %s), then remove or move the other library out of the loader's path (unset LD_LIBRARY_PATH; sudo ldconfig after moving it) or reinstall the nodejs package with its matching libraries", c->ex->file);
		return true;
	}
	if (legacy_abi_symbol(sym)) {
		old_node_register(c, sym);
		return true;
	}
	if (alt && sym && !strncmp(sym, "uv_", 3)) {
		c->ex->origin = alt;
		c->ex->why = arena_printf(c->a, "The addon calls libuv's %s directly (Node.js exports libuv to addons); %s implements Node-API but does not export that libuv function, so the process dies at the first call (ld.so exits with status 127).",
					  sym, !strcmp(alt, "bun") ? "Bun" : "Deno");
		c->ex->fix = arena_printf(c->a, "run it under Node.js, or use a version of %s that does not call libuv directly; no rebuild helps", pkg_or(c, "the package"));
		return true;
	}
	if (sym && !strncmp(sym, "uv_", 3)) {
		libuv_missing(c, sym, "the process dies at its first call (ld.so exits with status 127)", false);
		return true;
	}
	c->ex->why = arena_printf(c->a,
		"Node.js loads addons with RTLD_LAZY, so a missing function is only looked up at its first call; "
		"ld.so then prints this and exits the process with status 127.%s", symbol_story(c, sym));
	c->ex->fix = arena_printf(c->a, "rebuild %s against the runtime that runs it (npm rebuild %s), or upgrade Node.js if it is a Node-API function",
				  pkg_or(c, "the addon"), pkg_or(c, "<package>"));
	return true;
}

bool m_undefined_symbol(struct ctx *c)
{
	const char *e, *p = find_unless(c, ": undefined symbol: ", "symbol lookup error", &e);
	/* the line pasted without the file before it ("undefined symbol:
	 * _Z21dqlite_version_number"): still glibc's wording, at a line start */
	if (!p) {
		const char *e1, *q = find_unless(c, "undefined symbol: ", "symbol lookup error", &e1);
		const char *ls = q ? line_start(c, q) : NULL;
		while (ls && ls < q && (is_blank(*ls) || *ls == '`' || *ls == '>'))
			ls++;
		if (!q || ls != q)
			return false;
		p = q;
		e = e1;
	}
	set(c, "glibc-undefined-symbol", "undefined-symbol", "glibc", "a symbol the addon needs at load time is not defined anywhere");
	set_file(c, path_before(c, p));
	const char *sym = token_at(c, e);
	if (sym) {
		char *comma = strchr(sym, ',');
		if (comma)
			*comma = '\0';
	}
	explain_symbol(c, sym);
	number(c, "undefined symbol", sym, c->ex->demangled);
	if (legacy_abi_symbol(sym)) {
		old_node_register(c, sym);
		return true;
	}
	/* Deno's Node compatibility layer (its frames are node:module:<line>,
	 * Node.js's node:internal/modules/...): an addon symbol that is not a
	 * Node-API function is one Node.js exports to addons (OpenSSL, V8,
	 * libuv, zlib) and Deno does not */
	if (sym && napi_function_level(sym) < 0 && strncmp(sym, "napi_", 5) && (has(c, "(node:module:") || has(c, " node:module:"))) {
		c->ex->cause = "needs-node-api";
		c->ex->origin = "deno";
		c->ex->title = "the addon needs a symbol Node.js exports and Deno does not";
		c->ex->why = arena_printf(c->a, "The stack is Deno's Node compatibility layer (node:module frames). %s is not a Node-API function but one Node.js exports to addons from its own OpenSSL, V8, libuv or zlib; Deno provides Node-API only, so an addon that links against Node's other exports (NAN/V8 addons, ones that borrow Node's OpenSSL) cannot load there. No rebuild of the same source helps.", sym);
		c->ex->fix = arena_printf(c->a, "run it under Node.js, or use a version of %s (or an alternative package) built with Node-API that links its own libraries", pkg_or(c, "the package"));
		return true;
	}
	if (sym && !strncmp(sym, "uv_", 3)) {
		libuv_missing(c, sym, "dlopen() binds it at load time here", true);
		return true;
	}
	c->ex->why = arena_printf(c->a, "dlopen() had to bind this symbol at load time (data reference, or an addon linked with -z now) and no loaded library defines it.%s",
				  symbol_story(c, sym));
	c->ex->fix = arena_printf(c->a, "rebuild %s for the runtime that loads it (npm rebuild %s); if a shared library is missing the symbol, install the version it was built against",
				  pkg_or(c, "the addon"), pkg_or(c, "<package>"));
	return true;
}
