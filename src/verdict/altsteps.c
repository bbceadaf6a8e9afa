/*
 * altsteps.c - what Bun and Deno do around dlopen(), in place of Node's
 * steps (nodesteps.c), as measured on their releases (data/bun-releases.tsv,
 * data/deno-releases.tsv; probe runs with tools/refresh-alt-runtimes.sh):
 *
 *  - both dlopen() with RTLD_LAZY: a missing function the addon calls is
 *    the same "symbol lookup error" exit 127 as under Node;
 *  - a failed dlopen() throws the dlerror() text, with code
 *    ERR_DLOPEN_FAILED only from Bun 1.2 (Bun 1.0/1.1 and Deno: a TypeError
 *    without code); Deno 2.9 appends "\n  path: FILE";
 *  - registration: napi_register_module_v1 or napi_module_register from a
 *    constructor.  Neither looks up node_register_module_v<N> (Bun: a
 *    TypeError "symbol 'napi_register_module_v1' not found in native
 *    module. Is this a Node API (napi) module?"; Deno: "Unable to find
 *    register Node-API module at FILE"), and neither reads the level an
 *    addon declares with node_api_module_get_api_version_v1 (levels 9, 10,
 *    11 and 99 all load);
 *  - a constructor calling node_module_register: Bun 1.1.38+ compares
 *    nm_version with its own NODE_MODULE_VERSION ("The module '<nm_modname>'
 *    was compiled against a different Node.js ABI version using ..."),
 *    Deno 2.8+ refuses every such addon, older releases do not export the
 *    function, so the constructor's call cannot bind (the loader says so).
 */
#include "altsteps.h"

#include <string.h>

#include "../runtime/altruntime.h"
#include "verdict.h"

static void throw_(struct ld_result *r, const char *cause, const char *msg)
{
	r->outcome = "throws";
	r->cause = cause;
	r->error = msg;
	r->code = NULL;
}

/* The registration steps on an addon dlopen() loaded; false when they throw. */
static bool alt_steps(struct arena *a, const struct target *t, const struct alt_runtime *alt, struct ld_result *r)
{
	const struct addon_facts *f = &r->bin->addon;
	const char *file = r->real;
	bool bun = !strcmp(alt->kind, "bun");
	if (f->imports_node_module_register && (f->legacy_nm_version >= 0 || f->kind == ADDON_LEGACY)) {
		if (alt->rel.legacy == ALT_LEGACY_NONE) {
			/* the constructor's call is pending in r->after (lazy) or the
			 * loader already failed; nothing of the runtime's runs */
			ld_evidence(a, r, "its constructor calls node_module_register, which %s %s does not export",
				    alt->name, t->version);
			/* That call runs inside dlopen(), before anything else the
			 * addon calls: it is the symbol ld.so names when it dies. */
			const char *u = r->after.lazy && r->after.error ? strstr(r->after.error, ": undefined symbol: ") : NULL;
			if (u) {
				r->outcome = "loads-then-crashes";
				r->cause = r->after.cause;
				r->error = arena_printf(a, "%.*s: undefined symbol: node_module_register",
							(int)(u - r->after.error), r->after.error);
				r->code = NULL;
				r->subject = "node_module_register";
				r->subject2 = r->after.subject2;
				return false;
			}
			return true;
		}
		if (alt->rel.legacy == ALT_LEGACY_REFUSE) {
			throw_(r, "needs-node-api",
			       arena_printf(a, "Cannot load native addon at %s: it was built against the legacy Node.js "
					       "native addon API (NODE_MODULE / nan), which Deno does not support. Only "
					       "Node-API (N-API) addons are supported.", file));
			ld_evidence(a, r, "its constructor calls node_module_register: %s %s loads Node-API addons only",
				    alt->name, t->version);
			return false;
		}
		if (f->legacy_nm_version < 0) {
			r->outcome = "unknown";
			r->cause = "unknown";
			ld_evidence(a, r, "registers from a constructor, but its NODE_MODULE_VERSION could not be read");
			return false;
		}
		ld_evidence(a, r, "registers from a constructor with NODE_MODULE_VERSION %d; %s %s requires %d",
			    f->legacy_nm_version, alt->name, t->version, t->modules);
		if (f->legacy_nm_version == t->modules)
			return true;
		/* The text names the module by its nm_modname (parse/elf.c reads it);
		 * without it the outcome is known, the exact message is not. */
		const char *text = arena_printf(a, "The module '%s' was compiled against a different Node.js ABI version "
						   "using NODE_MODULE_VERSION %d. This version of Bun requires NODE_MODULE_VERSION %d. "
						   "Please try re-compiling or re-installing the module.",
						f->legacy_modname ? f->legacy_modname : "<nm_modname>", f->legacy_nm_version, t->modules);
		throw_(r, "abi-mismatch", f->legacy_modname ? text : NULL);
		if (!f->legacy_modname)
			ld_evidence(a, r, "%s throws \"%s\" (nm_modname could not be read)", alt->name, text);
		return false;
	}
	if (f->imports_napi_module_register) {
		ld_evidence(a, r, "registers from a constructor with napi_module_register (Node-API)");
		return true;
	}
	if (f->exports_napi_register) {
		ld_evidence(a, r, "Node-API addon (exports napi_register_module_v1)");
		if (f->napi_declared >= 0)
			ld_evidence(a, r, "declares Node-API level %d, which %s does not check (its own level: %d)",
				    f->napi_declared, alt->name, t->napi);
		if (f->napi_min > t->napi && t->napi >= 0)
			ld_evidence(a, r, "imports %s (Node-API %d) above the level %d %s reports",
				    f->napi_min_sym ? f->napi_min_sym : "a function", f->napi_min, t->napi, alt->name);
		return true;
	}
	const char *msg = bun ? "symbol 'napi_register_module_v1' not found in native module. Is this a Node API (napi) module?"
			      : arena_printf(a, "Unable to find register Node-API module at %s", file);
	if (f->abi_export >= 0) {
		throw_(r, "needs-node-api", msg);
		ld_evidence(a, r, "exports node_register_module_v%d, which %s never looks up: it loads Node-API addons only",
			    f->abi_export, alt->name);
		return false;
	}
	throw_(r, "not-an-addon", msg);
	ld_evidence(a, r, "exports no napi_register_module_v1 and no constructor registers a module");
	return false;
}

void alt_stage(struct arena *a, const struct target *t, struct ld_result *r)
{
	const struct alt_runtime *alt = t->alt;
	if (!alt)
		return;
	ld_evidence(a, r, "%s", alt->why);
	if (alt->platform_unmeasured) {
		/* No row for this build's platform (the musl builds cannot be run
		 * here): the loader's part is modelled, how the runtime wraps a
		 * failure and which registrations it accepts are not. */
		if (r->outcome && !strcmp(r->outcome, "loads"))
			stage_apply_pending(a, r); /* a lazily bound miss, as the loader sees it */
		if (r->outcome)
			ld_evidence(a, r, "the loader alone predicts %s%s%s%s%s", r->outcome, r->cause ? " (" : "",
				    r->cause ? r->cause : "", r->cause ? ")" : "",
				    r->error ? arena_printf(a, ": %s", r->error) : "");
		r->outcome = "unknown";
		r->cause = "unknown";
		r->error = NULL;
		r->code = NULL;
		r->subject = r->subject2 = NULL;
		return;
	}
	if (r->outcome && !strcmp(r->outcome, "throws") && r->code && !strcmp(r->code, "ERR_DLOPEN_FAILED")) {
		/* dlopen() failed: the same dlerror() text, the runtime's own wrapping */
		if (!alt->rel.dlopen_code)
			r->code = NULL;
		if (alt->rel.path_suffix && r->error)
			r->error = arena_printf(a, "%s\n  path: %s", r->error, r->real);
		return;
	}
	if (!r->outcome || strcmp(r->outcome, "loads") || !r->bin)
		return;
	if (!alt_steps(a, t, alt, r))
		return;
	stage_apply_pending(a, r);
}
