/*
 * nodesteps.c - what Node does after dlopen() succeeded (node_binding.cc
 * DLOpen; loader-facts §1.3-§1.5): the module a constructor registered, or
 * the symbol lookups node_register_module_v<ABI> then napi_register_module_v1,
 * the NODE_MODULE_VERSION check, the entry point, and the Node-API level the
 * addon declares (releases with Node-API >= 9 crash on a level above theirs).
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "verdict.h"
#include "altsteps.h"

#include "../loader/loader.h"
#include "../parse/parse.h"
#include "../runtime/abi.h"
#include "../runtime/nodehistory.h"

static void throw_(struct ld_result *r, const char *cause, const char *msg)
{
	r->outcome = "throws";
	r->cause = cause;
	r->error = msg;
	r->code = "ERR_DLOPEN_FAILED";
}

/* Node releases before an older one's behaviour (runtime/nodehistory.h):
 * only official Node is modelled; Electron's embedded Node is current. */
static bool has_(const struct target *t, enum node_trait trait)
{
	return strcmp(t->runtime, "node") || node_has(t->version, trait);
}

static const char *selfreg_text(struct arena *a, const struct target *t, const char *file)
{
	if (!has_(t, NODE_SELFREG_PATH))
		return "Module did not self-register.";
	return arena_printf(a, "Module did not self-register: '%s'.", file);
}

static const char *mismatch_text(struct arena *a, const struct target *t, const char *file, int addon, int node)
{
	if (!has_(t, NODE_MISMATCH_TEXT))
		return arena_printf(a, "Module version mismatch. Expected %d, got %d.", node, addon);
	return arena_printf(a,
		"The module '%s'\n"
		"was compiled against a different Node.js version using\n"
		"NODE_MODULE_VERSION %d. This version of Node.js requires\n"
		"NODE_MODULE_VERSION %d. Please try re-compiling or re-installing\n"
		"the module (for instance, using `npm rebuild` or `npm install`).",
		file, addon, node);
}

static bool node_steps(struct arena *a, const struct target *t, struct ld_result *r)
{
	const struct binary *b = r->bin;
	const struct addon_facts *f = &b->addon;
	const char *file = r->shown ? r->shown : r->real;
	bool electron = !strcmp(t->runtime, "electron");
	/* 1. a static constructor called node_module_register(&module) */
	if (f->imports_node_module_register && (f->legacy_nm_version >= 0 || f->kind == ADDON_LEGACY)) {
		if (f->legacy_nm_version < 0) {
			r->outcome = "unknown";
			r->cause = "unknown";
			ld_evidence(a, r, "registers from a constructor, but its NODE_MODULE_VERSION could not be read");
			return false;
		}
		ld_evidence(a, r, "registers from a constructor with NODE_MODULE_VERSION %d (%s)",
			    f->legacy_nm_version, f->abi_why ? f->abi_why : "node_module.nm_version");
		if (f->legacy_nm_version != t->modules && f->abi_export != t->modules) {
			char w1[128], w2[128];
			throw_(r, electron ? "electron-abi-mismatch" : "abi-mismatch",
			       mismatch_text(a, t, file, f->legacy_nm_version, t->modules));
			ld_evidence(a, r, "built for %s; %s %s requires NODE_MODULE_VERSION %d (%s)",
				    abi_describe(f->legacy_nm_version, w1, sizeof w1), electron ? "Electron" : "Node.js",
				    t->version, t->modules, abi_describe(t->modules, w2, sizeof w2));
			return false;
		}
		if (f->legacy_nm_version == t->modules && !f->legacy_has_entry) {
			throw_(r, "not-an-addon", "Module has no declared entry point.");
			ld_evidence(a, r, "its node_module has neither nm_register_func nor nm_context_register_func");
			return false;
		}
		return true;
	}
	if (f->imports_napi_module_register) {
		ld_evidence(a, r, "registers from a constructor with napi_module_register (Node-API, level 8)");
		return true;
	}
	/* 2. symbol lookups (releases before them: runtime/nodehistory.h) */
	bool abi_lookup = has_(t, NODE_ABI_SYMBOL), napi_lookup = has_(t, NODE_NAPI_SYMBOL);
	if (f->abi_export >= 0 && !abi_lookup) {
		throw_(r, "node-too-old", selfreg_text(a, t, file));
		ld_evidence(a, r, "exports node_register_module_v%d, which Node.js %s does not look up "
			    "(official releases do from %s)", f->abi_export, t->version, node_trait_since(NODE_ABI_SYMBOL));
		return false;
	}
	if (f->exports_napi_register && !napi_lookup) {
		throw_(r, "node-too-old", selfreg_text(a, t, file));
		ld_evidence(a, r, "Node-API addon (exports napi_register_module_v1), which Node.js %s does not look up "
			    "(official releases do from %s)", t->version, node_trait_since(NODE_NAPI_SYMBOL));
		return false;
	}
	if (f->abi_export >= 0 && f->abi_export == t->modules) {
		ld_evidence(a, r, "exports node_register_module_v%d", f->abi_export);
		return true;
	}
	if (f->exports_napi_register) {
		ld_evidence(a, r, "Node-API addon (exports napi_register_module_v1)");
		if (f->napi_declared >= 0)
			ld_evidence(a, r, "declares Node-API level %d (%s)", f->napi_declared,
				    f->napi_declared_why ? f->napi_declared_why : "node_api_module_get_api_version_v1");
		if (f->napi_declared > t->napi && f->napi_declared != INT_MAX && t->napi >= 0) {
			/* Electron's level is its embedded Node's (runtime/target.c) */
			struct electron_node en;
			bool el = !strcmp(t->runtime, "electron");
			bool en_known = el && abi_electron_node(t->version, &en) && en.node[0];
			const char *rt = !el ? arena_printf(a, "Node.js %s", t->version)
					 : en_known ? arena_printf(a, "Electron %s (Node.js %s inside)", t->version, en.node)
					 : arena_printf(a, "Electron %s's Node.js", t->version);
			const char *rt_level = !el ? arena_printf(a, "Node.js %s (Node-API %d)", t->version, t->napi)
					       : en_known ? arena_printf(a, "Electron %s (Node.js %s inside, Node-API %d)", t->version,
									 en.node, t->napi)
					       : arena_printf(a, "Electron %s's Node.js (Node-API %d)", t->version, t->napi);
			if (node_checks_declared_napi(t)) {
				r->outcome = "crashes";
				r->cause = "napi-too-new";
				r->error = NULL;
				r->code = NULL;
				ld_evidence(a, r, "%s supports Node-API %d and rejects a higher declared level "
					    "without checking the result: the process dies with SIGSEGV (exit status 139)",
					    rt, t->napi);
				return false;
			}
			ld_evidence(a, r, "%s does not read the declared level", rt_level);
		} else if (f->napi_declared > 8 && f->napi_declared != INT_MAX && t->napi < 0 &&
			   !strcmp(t->runtime, "electron"))
			ld_evidence(a, r, "the Node-API level of Electron %s is not known (its Node.js is not in "
				    "data/electron-node.tsv), so the declared level is not checked", t->version);
		if (f->napi_min > t->napi && t->napi >= 0)
			ld_evidence(a, r, "imports %s (Node-API %d) above the runtime's level %d",
				    f->napi_min_sym ? f->napi_min_sym : "a function", f->napi_min, t->napi);
		return true;
	}
	if (f->abi_export >= 0) {
		char w1[128];
		ld_evidence(a, r, "exports node_register_module_v%d (%s), but %s %s looks up node_register_module_v%d",
			    f->abi_export, abi_describe(f->abi_export, w1, sizeof w1),
			    electron ? "Electron" : "Node.js", t->version, t->modules);
		throw_(r, electron ? "electron-abi-mismatch" : "abi-mismatch", selfreg_text(a, t, file));
		return false;
	}
	if (addon_node010_export(b, r->real)) {
		throw_(r, electron ? "electron-abi-mismatch" : "abi-mismatch", selfreg_text(a, t, file));
		ld_evidence(a, r, "exports the <name>_module symbol Node.js 0.10 registered an addon by, which %s %s does not look up: built for Node.js 0.10",
			    electron ? "Electron" : "Node.js", t->version);
		return false;
	}
	throw_(r, "not-an-addon", selfreg_text(a, t, file));
	ld_evidence(a, r, "exports neither napi_register_module_v1 nor node_register_module_v%d, "
		    "and no constructor calls node_module_register", t->modules);
	return false;
}

/*
 * require(X) with X a directory (lib/internal/modules/cjs/loader.js
 * Module._findPath): X itself is not a file, so X.js, X.json, X.node are
 * tried, then X as a package (package.json "main", index.js, index.json,
 * index.node); none there: MODULE_NOT_FOUND.  Node appends
 * "\nRequire stack:\n- <requiring file>" to the message, which depends on
 * the caller and is left out (as scan's loader replays do).
 */
bool node_require_dir(struct arena *a, const char *path, struct ld_result *r)
{
	struct stat st;
	if (stat(path, &st) != 0 || !S_ISDIR(st.st_mode))
		return false;
	memset(r, 0, sizeof *r);
	char *abs = realpath(path, NULL);
	r->real = arena_strdup(a, abs ? abs : path);
	free(abs);
	/* the request as require() is given it: the absolute path */
	const char *req = path;
	if (path[0] != '/') {
		char cwd[PATH_MAX];
		if (getcwd(cwd, sizeof cwd))
			req = arena_printf(a, "%s/%s", cwd, path);
	}
	static const char *const sib[] = { ".js", ".json", ".node" };
	static const char *const inner[] = { "/package.json", "/index.js", "/index.json", "/index.node" };
	for (size_t i = 0; i < 3; i++) {
		const char *p = arena_printf(a, "%s%s", path, sib[i]);
		if (p && stat(p, &st) == 0 && S_ISREG(st.st_mode)) {
			r->outcome = "unknown";
			r->cause = "unknown";
			ld_evidence(a, r, "%s is a directory: require() takes %s instead, which this check does not follow", path, p);
			return true;
		}
	}
	for (size_t i = 0; i < 4; i++) {
		const char *p = arena_printf(a, "%s%s", path, inner[i]);
		if (p && stat(p, &st) == 0) {
			r->outcome = "unknown";
			r->cause = "unknown";
			ld_evidence(a, r, "%s is a directory: require() loads it as a package through %s, which this check does not follow",
				    path, p);
			return true;
		}
	}
	r->outcome = "throws";
	r->cause = "not-found";
	r->code = "MODULE_NOT_FOUND";
	r->error = arena_printf(a, "Cannot find module '%s'", req);
	ld_evidence(a, r, "%s is a directory, not a file: require() tries %s.js, .json and .node beside it, then "
		    "package.json and index.{js,json,node} inside it, and finds none", path, path);
	ld_evidence(a, r, "Node appends \"\\nRequire stack:\\n- <the requiring file>\" to the message");
	return true;
}

void stage_apply_pending(struct arena *a, struct ld_result *r)
{
	for (size_t i = 0; i < r->after.evidence.n; i++)
		ld_evidence(a, r, "%s", r->after.evidence.v[i]);
	if (r->after.lazy) {
		r->outcome = "loads-then-crashes";
		r->cause = r->after.cause;
		r->error = r->after.error;
		r->code = NULL;
		r->subject = r->after.subject;
		r->subject2 = r->after.subject2;
	}
}

void node_stage(struct arena *a, const struct target *t, struct ld_result *r)
{
	if (t->alt) { /* Bun or Deno: their own steps and messages */
		alt_stage(a, t, r);
		return;
	}
	if (r->outcome && !strcmp(r->outcome, "loads") && r->bin && node_steps(a, t, r))
		stage_apply_pending(a, r);
	/* process.dlopen()'s errors had no code before 14.18.0 / 15.0.0 */
	if (r->code && !strcmp(r->code, "ERR_DLOPEN_FAILED") && !has_(t, NODE_DLOPEN_CODE)) {
		r->code = NULL;
		ld_evidence(a, r, "Node.js %s's dlopen errors have no code (ERR_DLOPEN_FAILED from %s)",
			    t->version, node_trait_since(NODE_DLOPEN_CODE));
	}
}
