/*
 * match_node.c - Node's own messages: one room of the message recogniser (explain.c
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

/* ---- Node's own messages (loader-facts.md 1.4, 1.5) ----------------------- */

/* node-pre-gyp's lib/util/napi.js validate_package_json: "The N-API
 * version of this Node instance is 8. This module supports N-API
 * version(s) 9. This Node instance cannot run this module." (Node-API in
 * later releases) - every binding the package publishes needs a newer
 * Node-API than the runtime has. */
static bool npg_napi_too_new(struct ctx *c)
{
	const char *e, *p = find(c, "-API version of this Node instance is ", &e);
	if (!p)
		return false;
	const char *after;
	long have = number_at(e, c->end, &after);
	const char *e2, *q = find_from(after, line_end(c, after), "This module supports ", &e2);
	if (have < 0 || !q)
		return false;
	const char *e3, *vs = find_from(e2, line_end(c, e2), "version(s) ", &e3);
	if (!vs)
		return false;
	long lowest = -1;
	const char *v = e3;
	for (int k = 0; k < 16; k++) {
		const char *ve;
		long n = number_at(v, c->end, &ve);
		if (n < 0)
			break;
		if (lowest < 0 || n < lowest)
			lowest = n;
		if (ve >= c->end || *ve != ',')
			break;
		v = ve + 1;
	}
	if (lowest < 0 || lowest <= have)
		return false;
	set(c, "node-pre-gyp-napi-too-new", "napi-too-new", "node-pre-gyp", "every binding of the package needs a newer Node-API than this runtime has");
	number(c, "highest Node-API level of this runtime", arena_printf(c->a, "%ld", have), NULL);
	number(c, "lowest Node-API level the package supports", arena_printf(c->a, "%ld", lowest), NULL);
	bool deno = has(c, "Deno ") || has(c, ".deno/") || has(c, "deno run") || has(c, "deno repl");
	c->ex->why = arena_printf(c->a,
		"node-pre-gyp checked the package's napi_versions against the runtime before loading anything: the package is built for Node-API %ld and up, and this %s has Node-API %ld, so no binding of this release can load.",
		lowest, deno ? "Deno" : "runtime", have);
	c->ex->fix = deno ? arena_printf(c->a, "upgrade Deno to a release with Node-API %ld, run the script with Node.js, or install an older version of the package that supports Node-API %ld", lowest, have)
			  : arena_printf(c->a, "upgrade the runtime to a release with Node-API %ld (see 'addon-doctor abi'), or install an older version of the package that supports Node-API %ld", lowest, have);
	return true;
}

bool m_napi_too_new(struct ctx *c)
{
	if (npg_napi_too_new(c))
		return true;
	/* Node.js 8.0-8.5 (src/node.cc): a Node-API addon refused because
	 * N-API was still experimental there, behind --napi-modules */
	const char *e0, *p0 = find(c, "was compiled against the ABI-stable Node.js API (N-API)", &e0);
	if (p0 && has(c, "--napi-modules")) {
		set(c, "node8-napi-experimental", "node-too-old", "node", "the runtime is a Node.js from before Node-API was stable (8.0-8.5, or an Electron built on it)");
		const char *e1, *m = find(c, "The module '", &e1);
		if (m && m < p0)
			set_file(c, quoted_after(c, e1, '\''));
		c->ex->why = "The addon is a Node-API one; the runtime that loaded it has Node-API only as an experiment behind --napi-modules (Node.js 8.0 to 8.5, and Electron releases built on them, such as Electron 2 beta). Node-API is on by default from Node.js 8.6 (and every Electron from 3).";
		c->ex->fix = has(c, "App threw an error during load") || electron_clues(c)
			? "use an Electron whose Node.js is 8.6 or newer (Electron 3 and later)"
			: "upgrade Node.js to 8.6 or newer (any current LTS); 'node --napi-modules' enables it on 8.0-8.5";
		return true;
	}
	const char *e, *p = find(c, " requires Node-API version ", &e);
	if (!p)
		return false;
	const char *after;
	long want = number_at(e, c->end, &after);
	const char *e2, *q = find_from(after, c->end, "only supports version ", &e2);
	long have = q ? number_at(e2, c->end, NULL) : -1;
	if (want < 0)
		return false;
	set(c, "napi-version-too-new", "napi-too-new", "node", "the addon needs a newer Node-API than this Node.js has");
	const char *url = path_before(c, p);
	set_file(c, url && !strncmp(url, "file://", 7) ? url + 7 : url);
	number(c, "Node-API level the addon declares", arena_printf(c->a, "%ld", want), NULL);
	if (have >= 0)
		number(c, "highest Node-API level of this Node.js", arena_printf(c->a, "%ld", have), NULL);
	c->ex->why = arena_printf(c->a,
		"The addon was built for Node-API %ld, but this Node.js only supports up to %ld. "
		"(In practice Node 18.17+ crashes with SIGSEGV here instead of printing this.)", want, have);
	c->ex->fix = "upgrade Node.js to a release with that Node-API level (see 'addon-doctor abi'), or install a version of the package built for an older Node-API";
	return true;
}

/* The earlier of pat and its glued form in [from, end): Node prints its ABI
 * message on four lines, breaking before each NODE_MODULE_VERSION, and a
 * paste that loses the line breaks (some log viewers, web forms) glues the
 * words there ("usingNODE_MODULE_VERSION 108", "requiresNODE_MODULE_VERSION
 * 115").  Only these fixed break points are accepted glued, not any
 * missing blank. */
static const char *find_nmv(const char *from, const char *end, const char *pat, const char *glued, const char **mend)
{
	const char *e1, *e2, *p = find_from(from, end, pat, &e1), *g = find_from(from, end, glued, &e2);
	if (g && (!p || g < p)) {
		*mend = e2;
		return g;
	}
	if (p)
		*mend = e1;
	return p;
}

/* Chromium's devtools console prints an uncaught exception as "Uncaught
 * <Name>Error: ..." at the start of a line: a renderer's (Electron's, or
 * NW.js's, which nwjs_clues tells apart), not plain Node.js's. */
static bool devtools_uncaught(struct ctx *c)
{
	for (const char *e, *p = find(c, "Uncaught ", &e); p; p = find_from(e, c->end, "Uncaught ", &e)) {
		if (p != c->t && p[-1] != '\n' && p[-1] != ' ' && p[-1] != '\t' && p[-1] != '>')
			continue;
		const char *q = e;
		while (q < c->end && q - e < 40 && (isalnum((unsigned char)*q) || *q == '_'))
			q++;
		if (q - e >= 5 && !memcmp(q - 5, "Error", 5) && q < c->end && *q == ':')
			return true;
	}
	return false;
}

bool m_abi_mismatch(struct ctx *c)
{
	const char *e, *p = find_nmv(c->t, c->end, "was compiled against a different Node.js version using NODE_MODULE_VERSION",
				     "was compiled against a different Node.js version usingNODE_MODULE_VERSION", &e);
	/* the text pasted from its second line on: "NODE_MODULE_VERSION 64.
	 * This version of Node.js requires NODE_MODULE_VERSION 57." */
	if (!p) {
		const char *q0, *e0;
		for (q0 = find(c, "NODE_MODULE_VERSION ", &e0); q0; q0 = find_from(e0, c->end, "NODE_MODULE_VERSION ", &e0)) {
			const char *after;
			if (number_at(e0, c->end, &after) >= 0 && (match_at(after, c->end, ". This version of Node.js requires NODE_MODULE_VERSION") ||
								   match_at(after, c->end, ". This version of Node.js requiresNODE_MODULE_VERSION"))) {
				p = q0;
				e = e0;
				break;
			}
		}
	}
	if (!p)
		return false;
	const char *after;
	long built = number_at(e, c->end, &after);
	if (built < 0) {
		/* a placeholder the poster put in for the old number ("xx",
		 * "XX", "??"): the required number still tells the runtime */
		const char *q = e, *r;
		while (q < c->end && is_blank(*q))
			q++;
		for (r = q; r < c->end && r - q < 8 && (isalpha((unsigned char)*r) || *r == '?'); r++)
			;
		if (r == q || r >= c->end || *r != '.')
			return false;
		after = r;
	}
	const char *e2, *q = find_nmv(after, c->end, "requires NODE_MODULE_VERSION", "requiresNODE_MODULE_VERSION", &e2);
	long need = q ? number_at(e2, c->end, NULL) : -1;
	if (built < 0 && need < 0)
		return false;
	const char *e3, *m = find(c, "The module '", &e3);
	if (m && m < p)
		set_file(c, quoted_after(c, e3, '\''));
	const char *wb = built >= 0 ? abi_words(c, built) : "another ABI (its number is not in the text)", *wn = need >= 0 ? abi_words(c, need) : "unknown";
	/* Either number being an Electron release only (not a Node.js one)
	 * puts the addon or the runtime in an Electron app. */
	bool built_el = !strstr(wb, "Node.js") && !strstr(wb, "io.js") && strstr(wb, "Electron");
	bool need_node = need >= 0 && (strstr(wn, "Node.js") || strstr(wn, "io.js")) && !strstr(wn, "Electron");
	/* a test runner's frames: plain Node.js loads it (jest, mocha, vitest) */
	bool runner = has(c, "jest-runtime") || has(c, "Test suite failed to run") || has(c, "/mocha/") ||
		      has(c, "\\mocha\\") || has(c, "vitest") || has(c, "Serialized Error: ");
	/* rebuilt for Electron, then loaded by plain Node.js (tests, scripts):
	 * the number this runtime requires is a Node.js one only, or a test
	 * runner loads it */
	bool el_in_node = built_el && (need_node || (runner && need >= 0 && strstr(wn, "Node.js")));
	/* A required number that is Node.js's only (72: Node.js 12; no
	 * Electron release uses it) is Node.js speaking, whatever the text
	 * says around it ("Electron" in a directory name). */
	bool electron = !el_in_node && (electron_strong_clues(c) ||
					(!need_node && (electron_clues(c) || (need >= 0 && !strstr(wn, "Node.js") && strstr(wn, "Electron")) || built_el ||
							(devtools_uncaught(c) && !nwjs_clues(c) && need >= 0 && strstr(wn, "Electron")))));
	set(c, "node-module-version-mismatch", electron ? "electron-abi-mismatch" : "abi-mismatch", "node",
	    "the addon was built for a different Node.js ABI (NODE_MODULE_VERSION)");
	if (built >= 0)
		number(c, "addon built for NODE_MODULE_VERSION", arena_printf(c->a, "%ld", built), wb);
	if (need >= 0)
		number(c, "this runtime requires NODE_MODULE_VERSION", arena_printf(c->a, "%ld", need), wn);
	c->ex->why = arena_printf(c->a,
		"ABI-specific addons (NAN / raw V8 API) only load in the runtime they were compiled for: "
		"this one was built for %s%s but is being loaded by %s (%ld). Usually node_modules was "
		"installed with another Node.js version%s.", wb, built >= 0 ? arena_printf(c->a, " (%ld)", built) : "", wn, need,
		electron ? ", or the addon was never rebuilt for Electron" : " (nvm/volta switch, upgraded Node, copied node_modules)");
	c->ex->fix = electron ? arena_printf(c->a, "npx @electron/rebuild -f -w %s", pkg_or(c, "<package>"))
			      : arena_printf(c->a, "npm rebuild %s   (with the Node.js that will run it; or delete node_modules and npm install)",
					     pkg_or(c, "<package>"));
	if (el_in_node) {
		c->ex->why = arena_printf(c->a, "The addon was built for %s (%ld), an Electron release, and is being loaded by plain %s (%ld): node_modules was rebuilt for the Electron app (electron-rebuild) and then used by Node.js itself (tests such as jest, scripts, a dev server).",
					  wb, built, wn, need);
		c->ex->fix = arena_printf(c->a, "run that code under Electron's Node (ELECTRON_RUN_AS_NODE=1 electron ...), or npm rebuild %s for Node.js before it and npx @electron/rebuild again before starting the app",
					  pkg_or(c, "<package>"));
	}
	return true;
}

bool m_old_version_mismatch(struct ctx *c)
{
	const char *e, *p = find(c, "Module version mismatch. Expected ", &e);
	if (!p && find(c, "Module version mismatch, refusing to load", &e)) {
		/* Node.js 0.8's node.cc (DLOpen): the module's version field is not
		 * its NODE_MODULE_VERSION; it names neither number */
		bool el = electron_clues(c), nw = !el && nwjs_clues(c);
		set(c, "module-version-mismatch-0.8", el ? "electron-abi-mismatch" : "abi-mismatch", "node",
		    "the addon was built for a different Node.js ABI (Node.js 0.8 wording, no numbers)");
		c->ex->why = "Node.js 0.8 refuses a module whose recorded version is not its own: the addon was compiled against another Node.js (or node-webkit / Electron) than the one loading it. This wording names no numbers.";
		c->ex->fix = el ? arena_printf(c->a, "npx @electron/rebuild -f -w %s", pkg_or(c, "<package>"))
			   : nw ? "rebuild the addon for node-webkit with nw-gyp (nw-gyp rebuild --target=<version>)"
				: arena_printf(c->a, "npm rebuild %s   (with the Node.js that will run it)", pkg_or(c, "<package>"));
		return true;
	}
	if (!p)
		return false;
	const char *after;
	long need = number_at(e, c->end, &after);
	const char *e2, *q = find_from(after, c->end, ", got ", &e2);
	long built = q ? number_at(e2, c->end, NULL) : -1;
	if (need < 0 || built < 0)
		return false;
	const char *wn = abi_words(c, need), *wb = abi_words(c, built);
	/* Only the required number tells the runtime: a module built with an
	 * Electron-only number fails the same way in Node.js, NW.js (whose
	 * 0.1x releases share those numbers) and another Electron. */
	bool nw = !electron_clues(c) && nwjs_clues(c);
	/* io.js 1.x-3.x numbers (42-45) are Electron 0.2x-0.3x ones too:
	 * io.js counts as a Node.js runtime here */
	bool electron = !nw && (electron_clues(c) || (!strstr(wn, "Node.js") && !strstr(wn, "io.js") && strstr(wn, "Electron")) ||
				/* a renderer's console, and the required number is an
				 * Electron release's too */
				(devtools_uncaught(c) && strstr(wn, "Electron")));
	set(c, "module-version-mismatch-old", electron ? "electron-abi-mismatch" : "abi-mismatch", "node",
	    "the addon was built for a different Node.js ABI (old Node.js wording)");
	number(c, "addon built for NODE_MODULE_VERSION", arena_printf(c->a, "%ld", built), wb);
	number(c, "this runtime requires NODE_MODULE_VERSION", arena_printf(c->a, "%ld", need), wn);
	c->ex->why = "The addon was compiled for another runtime ABI (this is the Node.js <= 6 / io.js / old NW.js and Electron form of the NODE_MODULE_VERSION check).";
	c->ex->fix = electron ? arena_printf(c->a, "npx @electron/rebuild -f -w %s", pkg_or(c, "<package>"))
		   : nw ? "rebuild the addon for NW.js with nw-gyp (nw-gyp rebuild --target=<NW.js version>)"
			: arena_printf(c->a, "npm rebuild %s   (with the Node.js that will run it)", pkg_or(c, "<package>"));
	return true;
}

bool m_context_aware(struct ctx *c)
{
	const char *e, *p = find(c, "Loading non-context-aware native module in renderer", &e);
	if (p) {
		set(c, "electron-non-context-aware", "not-context-aware", "electron",
		    "Electron refuses a non-context-aware addon in a renderer process");
		const char *e2, *q = find_from(e, c->end, ": '", &e2);
		if (q)
			set_file(c, quoted_after(c, e2, '\''));
		c->ex->why = "The addon registers with NODE_MODULE (not context-aware). Electron renderers reuse processes and only accept context-aware or Node-API addons (electron/electron#18397).";
		c->ex->fix = "upgrade the package to a version that uses Node-API or NODE_MODULE_INIT, or load it in the main process";
		return true;
	}
	if (find(c, "Loading non context-aware native modules in the renderer process is deprecated", NULL)) {
		/* Electron 8-10's warning (app.allowRendererProcessReuse): the
		 * same addon that Electron 11+ refuses, named by no file */
		set(c, "electron-non-context-aware-deprecated", "not-context-aware", "electron",
		    "Electron warns that a non-context-aware addon is loaded in a renderer");
		c->ex->why = "An addon in a renderer registers with NODE_MODULE (not context-aware). Electron 8-10 warn about it; Electron 11+ (renderer process reuse on by default) refuse to load it (electron/electron#18397).";
		c->ex->fix = "upgrade the package to a version that uses Node-API or NODE_MODULE_INIT, or load it in the main process (find which one with ELECTRON_ENABLE_STACK_DUMPING or by requiring addons one by one)";
		return true;
	}
	if (!find(c, "Loading non context-aware native addons has been disabled", NULL))
		return false;
	set(c, "non-context-aware-disabled", "not-context-aware", "node",
	    "a non-context-aware addon under --force-context-aware");
	c->ex->why = "Node.js was started with --force-context-aware and the addon registers with the old NODE_MODULE macro.";
	c->ex->fix = "drop --force-context-aware, or use a version of the package built with Node-API / NODE_MODULE_INIT";
	return true;
}

bool m_addons_disabled(struct ctx *c)
{
	/* ERR_DLOPEN_DISABLED is Node's code for this refusal and nothing
	 * else (lib/internal/errors.js), so a log that keeps only the code
	 * names the cause as well as the message does */
	if (!find(c, "Cannot load native addon because loading addons is disabled", NULL) && !find(c, "ERR_DLOPEN_DISABLED", NULL))
		return false;
	set(c, "addons-disabled", "addons-disabled", "node", "native addons are disabled in this Node.js process");
	c->ex->why = "Node.js runs with --no-addons (on its command line, or in NODE_OPTIONS: a container image's ENV, a CI or service setting), or with the permission model (--permission / --experimental-permission) without --allow-addons. No addon file loads then, whatever it is.";
	c->ex->fix = "remove --no-addons from the node command line or from NODE_OPTIONS (check 'echo $NODE_OPTIONS' where it fails, and the image's ENV), or add --allow-addons to the permission flags";
	return true;
}

bool m_v8_sandbox(struct ctx *c)
{
	if (!find(c, "must be allocated inside the sandbox address space", NULL))
		return false;
	set(c, "v8-sandbox-external-buffer", "v8-sandbox", "electron",
	    "the addon wraps external memory, which Electron >= 21 (V8 memory cage) forbids");
	c->ex->why = "Electron 21+ enables the V8 sandbox: ArrayBuffers must live inside it, so NAN NewBuffer / napi_create_external_buffer on foreign memory aborts (electron/electron#35801).";
	c->ex->fix = "upgrade the package to a version that copies into V8-allocated buffers (or build with NODE_API_NO_EXTERNAL_BUFFERS_ALLOWED)";
	return true;
}

/* The file Node.js 12+ names after "did not self-register: ", quoted as
 * Node prints it ('...') or as a poster re-quoted it (`...`, "..."). */
static const char *self_register_file(struct ctx *c, const char *e)
{
	if (!match_at(e, c->end, ": "))
		return NULL;
	char qc = e + 2 < c->end ? e[2] : 0;
	if (qc != '\'' && qc != '`' && qc != '"')
		return NULL;
	return quoted_after(c, e + 3, qc);
}

/* Signs of Node.js 10 or later in a text: its internal module frames, the
 * file named in "did not self-register: '...'" (Node.js 12+), or a
 * node-pre-gyp directory for ABI 64 (Node.js 10) or newer. */
static bool modern_node_text(struct ctx *c, const char *file)
{
	if (file || has(c, "internal/modules/cjs/") || has(c, "node:internal/"))
		return true;
	const char *e, *p = find(c, "/node-v", &e);
	for (int k = 0; p && k < 64; k++, p = find_from(e, c->end, "/node-v", &e)) {
		long v = number_at(e, c->end, NULL);
		if (v >= 64 && v < 1000)
			return true;
	}
	return false;
}

/* "did not self-register" read as a second load of an addon that is not
 * context-aware, by `how` (a worker, jest's registry, ...): the shape, the
 * file the text names, and why/fix (fix_fmt has one %s: the package). */
static bool second_load(struct ctx *c, const char *e, const char *how, const char *why, const char *fix_fmt)
{
	set(c, "module-did-not-self-register", "not-context-aware", "node",
	    arena_printf(c->a, "an addon that is not context-aware was loaded a second time, %s", how));
	const char *f = self_register_file(c, e);
	if (f)
		set_file(c, f);
	c->ex->why = why;
	c->ex->fix = arena_printf(c->a, fix_fmt, pkg_or(c, "the package"));
	return true;
}

bool m_self_register(struct ctx *c)
{
	const char *e, *p = find(c, "Module did not self-register", &e);
	if (!p)
		p = find(c, "module did not self-register", &e);
	if (!p)
		return false;
	/* Which cause the text points to: Electron or NW.js as the runtime, or
	 * an old Node.js era, make "built for another runtime/ABI" the answer;
	 * with no clue the cause cannot be told from the text (the why lists
	 * them) and the file is taken as not an addon. */
	bool electron = electron_clues(c), nw = !electron && nwjs_clues(c);
	bool old = !electron && !nw && old_node_stack(c);
	c->ex->old_runtime_text = old;
	/* a worker thread's load (its error event, its frames): the addon
	 * loaded a second time in the process, not context-aware */
	bool worker = !electron && !nw && (has(c, "error from worker") || has(c, "internal/worker.js") || has(c, "node:internal/worker") ||
					   has(c, "Worker.[kOnErrorMessage]") || has(c, "worker_threads") ||
					   /* test runners and pools that run code in worker threads */
					   has(c, "ava/lib/worker") || has(c, "tinypool") || has(c, "vitest/dist/worker") || has(c, "piscina/dist") ||
					   /* a Worker's uncaught error, re-emitted on the Worker
					    * object in the parent with no 'error' listener */
					   has(c, "Unhandled 'error' event"));
	/* vm2's NodeVM require()s a package again inside its sandbox context
	 * ("VMError: Failed to load '<file>': [Module did not self-register.]") */
	bool sandbox = !electron && !nw && !worker && (has(c, "VMError: Failed to load") || has(c, "vm2/lib/") || has(c, "NodeVM"));
	if (sandbox)
		return second_load(c, e, "inside a vm2 sandbox",
				   "The text comes from vm2: its NodeVM loads the package again inside the sandbox's own context, after the host (or another sandbox) loaded it. An old-style addon (NODE_MODULE / NAN, not context-aware) registers once per process, so the second load finds no registration and Node.js says it did not self-register.",
				   "load %s once, in the host, and pass it into the sandbox (NodeVM's sandbox option, or require.mock / external with the host's copy), or use a context-aware version of the package (Node-API)");
	/* jest's module registry require()s a package afresh for each test
	 * file in the same process: a second dlopen of the same addon */
	bool jest = !electron && !nw && !worker && (has(c, "jest-runtime") || has(c, "jest-circus"));
	/* a watcher that reruns the tests in its own process (gulp watch with
	 * gulp-mocha, mocha --watch) clears the require cache and loads the
	 * addon again: the second dlopen() of the same file */
	bool rerun = !electron && !nw && !worker && !jest &&
		     (has(c, "gulp-mocha") || has(c, "mocha --watch") || has(c, "mocha -w ") || has(c, "Error in plugin 'gulp-"));
	if (rerun)
		return second_load(c, e, "by a watcher rerunning the tests in one process",
				   "The text comes from a test watcher that reruns the tests inside its own process (gulp watch with gulp-mocha, mocha --watch): it clears require's cache and loads the package again, but the addon's file is already loaded, so an old-style addon (NODE_MODULE / NAN, not context-aware) does not register a second time and Node.js says it did not self-register. The first run passes.",
				   "run the tests in a new process each time (mocha --watch with --parallel, or spawn mocha from the watch task instead of gulp-mocha), or use a context-aware version of %s (Node-API)");
	if (jest)
		return second_load(c, e, "by jest's module registry",
				   "The stack runs in jest. Jest gives each test file its own module registry, so a package is require()d again in the same process; an old-style addon (NODE_MODULE / NAN, not context-aware) registers itself only the first time it is loaded, and Node.js then says it did not self-register.",
				   "use a context-aware version of %s (Node-API), or keep jest from loading it twice: run the tests that use it in one file, or mock it; jest --runInBand does not help (the registry, not the process, repeats the load)");
	/* Next.js's dev server compiles the server code into .next/ and
	 * loads it again on every change (HMR), in the same process: the
	 * addon copy under .next/server is required a second time */
	if (has(c, "/.next/server/") || has(c, "\\.next\\server\\") || has(c, "nextjs-node-loader"))
		return second_load(c, e, "by the Next.js dev server reloading the server code",
				   "The addon is loaded from Next.js's build output (.next/server), which the dev server recompiles and loads again in the same process when code changes. An old-style addon (NODE_MODULE / NAN, not context-aware) registers itself only the first time, so the reload says it did not self-register; the first request works.",
				   "keep %s out of the server bundle (next.config: serverExternalPackages, or experimental.serverComponentsExternalPackages before Next.js 15) so Node.js loads it once from node_modules; or use a context-aware (Node-API) version");
	if (worker)
		return second_load(c, e, "in a worker thread",
				   "The text comes from a worker thread. An old-style addon (NODE_MODULE / NAN, not context-aware) registers itself once per process, from a static constructor; loaded again in a Worker (or after the main thread loaded it) it does not register a second time, and Node.js says it did not self-register (nodejs/node#21481, #21783).",
				   "use a context-aware version of %s (Node-API, or NODE_MODULE_INIT / NAN_MODULE_WORKER_ENABLED), or load the addon only in one thread (the main thread, or one worker) and pass the results by messages");
	const char *file = self_register_file(c, e);
	/* No clue to the runtime: the likeliest cause comes first, a build for
	 * another runtime or ABI, for an installed package (or when the text
	 * names no file).  A file a project built itself (outside
	 * node_modules) that registers nothing is more often not an addon at
	 * all: a misconfigured build (napi-rs without its register step, a
	 * plain shared library). */
	bool own = file && !strstr(file, "node_modules");
	/* Node.js 10+ (internal/modules/cjs, node:internal frames; 12+ names
	 * the file in the message; a node-pre-gyp node-v64+ directory): an
	 * addon built for another Node.js ABI registers with its version and
	 * gets the NODE_MODULE_VERSION message instead, so an installed
	 * package that registers nothing was loaded a second time in the
	 * process (a worker, jest's registry, a reload): node_binding.cc finds
	 * it saved without a context-aware init and says it did not
	 * self-register. */
	bool modern = !electron && !nw && !old && !own && modern_node_text(c, file);
	if (modern) {
		set(c, "module-did-not-self-register", "not-context-aware", "node",
		    "the addon did not register itself: in Node.js 10+ most often an addon that is not context-aware loaded a second time");
		if (file)
			set_file(c, file);
		c->ex->why = "dlopen() succeeded, but no addon registered itself. In Node.js 10 and later an addon built for another ABI still registers (and gets the NODE_MODULE_VERSION message), so the common causes are, most likely first: "
			     "(1) an old-style addon (NODE_MODULE / NAN, not context-aware) loaded a second time in the same process - in a worker thread, by jest's per-file module registry, after a cache reset or a renderer reload - which registers only the first time (nodejs/node#21481, #21783); "
			     "(2) the file is not a Node.js addon at all, or a build that left out its registration; "
			     "(3) a build for a much older runtime (Node.js 0.10).";
		c->ex->fix = arena_printf(c->a, "load %s once per process (in the main thread; keep it out of workers and of code jest or a hot reload re-requires, or mock it in tests), or use a context-aware version of the package (Node-API, or NODE_MODULE_INIT / NAN_MODULE_WORKER_ENABLED); if it fails on the very first load, npm rebuild %s",
					  pkg_or(c, "the addon"), pkg_or(c, "<package>"));
		return true;
	}
	set(c, "module-did-not-self-register", electron ? "electron-abi-mismatch" : nw || old || !own ? "abi-mismatch" : "not-an-addon", "node",
	    electron ? "the addon did not register itself in Electron: almost always built for Node.js or another Electron"
		     : nw ? "the addon did not register itself in NW.js: almost always built for Node.js, not this NW.js"
		     : old ? "the addon did not register itself: in Node.js of this era, almost always built for another Node.js/io.js"
		     : !own ? "the addon did not register itself: most often built for another runtime or ABI, or loaded a second time"
			   : "Node.js loaded the file but no addon registered itself");
	if (file)
		set_file(c, file);
	c->ex->why = "dlopen() succeeded, but no addon registered itself. The common causes, most likely first: "
		     "(1) the addon was built for another runtime or ABI (another Node.js version, io.js, NW.js or Electron) and its registration does not match this one; "
		     "(2) an old-style (NODE_MODULE, not context-aware) addon loaded a second time in the same process, e.g. in a worker thread, "
		     "by jest's module registry or after a cache reset (nodejs/node#21481); "
		     "(3) the file is not a Node.js addon at all (a plain shared library, a build of something else).";
	c->ex->fix = electron ? arena_printf(c->a, "npx @electron/rebuild -f -w %s; if it happens only in workers, load the addon once in the main process or use a Node-API version of the package", pkg_or(c, "<package>"))
		   : nw ? "rebuild the addon for NW.js with nw-gyp (nw-gyp rebuild --target=<NW.js version>); if it happens only after a page reload, use a context-aware (Node-API) version of the package"
		   : old ? arena_printf(c->a, "rebuild %s with the runtime that loads it (npm rebuild %s with that Node.js/io.js; nw-gyp for NW.js, @electron/rebuild for Electron); if it happens only after a reload, the addon was loaded twice", pkg_or(c, "the addon"), pkg_or(c, "<package>"))
		   : !own ? arena_printf(c->a, "rebuild %s for the runtime that loads it (npm rebuild %s under Node.js; npx @electron/rebuild in an Electron app; nw-gyp for NW.js); if it happens only in workers/tests (jest), load the addon once in the main thread or use a Node-API version of the package", pkg_or(c, "the addon"), pkg_or(c, "<package>"))
			: "check that the file is a Node.js addon (it must register with NODE_MODULE / NAPI_MODULE, or napi-rs's register step); rebuild it with the Node.js that runs it; if it happens only in workers/tests (jest), load it once in the main thread";
	return true;
}

/* Node.js 0.10 (node.cc DLOpen): after dlopen it looks up the exported
 * symbol <basename>_module and throws "Symbol <name>_module not found."
 * when it is absent: the file was renamed after the build, or it was built
 * for Node.js 0.11+/io.js, which register with a constructor instead. */
bool m_node010_symbol(struct ctx *c)
{
	const char *e, *p = find(c, "Symbol ", &e);
	while (p) {
		const char *t = e;
		while (t < c->end && (isalnum((unsigned char)*t) || *t == '_') && t - e < 256)
			t++;
		if (t - e > 7 && !memcmp(t - 7, "_module", 7) && match_at(t, c->end, " not found"))
			break;
		p = find_from(e, c->end, "Symbol ", &e);
	}
	if (!p)
		return false;
	/* In the public threads the usual cause is the addon's own build: the
	 * name given to NODE_MODULE(name, init) differs from binding.gyp's
	 * target_name (the file name), so the symbol has another name. */
	set(c, "node010-symbol-module-not-found", "not-an-addon", "node", "Node.js 0.10 found no <name>_module symbol in the addon: its registration name does not match the file");
	c->ex->why = "Node.js 0.10 looks for an exported <file name>_module symbol. It is missing when the name in the addon's NODE_MODULE(name, init) differs from its file name (binding.gyp target_name, or a .node file renamed after the build), or, less often, when the addon was built for a newer Node.js (0.11+, io.js), which registers differently.";
	c->ex->fix = "make NODE_MODULE's first argument equal binding.gyp's target_name (and keep the .node file's original name), then rebuild; if it was built for a newer Node.js, rebuild it with this one (npm rebuild)";
	return true;
}

bool m_no_entry(struct ctx *c)
{
	if (!find(c, "Module has no declared entry point", NULL))
		return false;
	set(c, "module-has-no-entry-point", "not-an-addon", "node", "the addon registered a module without an init function");
	c->ex->why = "The addon's node_module struct has neither nm_register_func nor nm_context_register_func: a broken or hand-rolled registration.";
	c->ex->fix = arena_printf(c->a, "npm rebuild %s, or report it to the package's maintainers", pkg_or(c, "<package>"));
	return true;
}
