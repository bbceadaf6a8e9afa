/*
 * verdict.c - the (file, target) verdict as scan sees it: the one place
 * where the `check` verdict (issue 3) plugs in.
 *
 * Until that lands this is an interim, header-level prediction from the
 * binary model alone: format/OS, class and machine, libc family, the
 * NODE_MODULE_VERSION and Node-API checks of Node's DLOpen, with the texts
 * of loader-facts.md §1.4, §5.2 and §6.1.  It does not resolve libraries or
 * symbol versions; its evidence says so.
 */
#include "scan.h"

#include <errno.h>
#include <string.h>

#include "../io/rfile.h"
#include "../parse/parse.h"
#include "../runtime/abi.h"

static const char INTERIM[] = "interim header-level check (libraries and symbol versions not resolved)";

static void set(struct scan_verdict *v, const char *outcome, const char *cause, const char *error,
		const char *why, const char *fix, const char *evidence)
{
	v->outcome = outcome;
	v->cause = cause;
	v->error = error;
	v->code = error ? "ERR_DLOPEN_FAILED" : NULL;
	v->why = why;
	v->fix = fix;
	v->evidence = evidence;
}

/* dlerror() text for a header-level rejection on a Linux target. */
static const char *linux_reject(struct arena *a, const struct scan_target *t, const char *path,
				const char *glibc_text)
{
	if (t->libc && !strcmp(t->libc, "musl"))
		return arena_printf(a, "Error loading shared library %s: Exec format error", path);
	return arena_printf(a, "%s: %s", path, glibc_text);
}

static const char *rebuild_fix(const struct scan_target *t)
{
	return !strcmp(t->runtime, "electron") ? "rebuild for Electron (@electron/rebuild)"
					      : "rebuild or reinstall the package for this Node.js";
}

void scan_verdict(struct arena *a, const struct scan_file *f, const struct scan_target *t,
		  struct scan_verdict *v)
{
	memset(v, 0, sizeof *v);
	const char *path = f->real;
	struct rfile rf;
	int e = rfile_open(&rf, path);
	if (e != 0) {
		set(v, "throws", "not-found",
		    arena_printf(a, "%s: cannot open shared object file: %s", path, strerror(e)),
		    "the file cannot be opened", "reinstall the package", INTERIM);
		return;
	}
	struct binary *b = NULL;
	const char *err = NULL;
	int rc = binary_parse(&rf, a, path, &b, &err);
	uint64_t size = rf.size;
	rfile_close(&rf);
	bool linux_t = !strcmp(t->platform, "linux");
	if (rc != 0 || !b) {
		const char *txt = size < 64 ? "file too short" : "invalid ELF header";
		set(v, "throws", size < 64 ? "truncated" : "corrupt",
		    linux_t ? linux_reject(a, t, path, txt) : NULL,
		    arena_printf(a, "not a loadable binary: %s", err ? err : "unknown format"),
		    "reinstall the package (the file is damaged or not a binary)", INTERIM);
		return;
	}
	/* A universal Mach-O: the target's slice decides. */
	if (b->format == BIN_FAT && !strcmp(t->platform, "darwin"))
		for (size_t i = 0; i < b->slices.n; i++)
			if (b->slices.v[i]->arch && !strcmp(b->slices.v[i]->arch, t->arch))
				b = b->slices.v[i];
	if (b->os && strcmp(b->os, t->platform)) {
		set(v, "throws", "wrong-os",
		    linux_t ? linux_reject(a, t, path, "invalid ELF header") : NULL,
		    arena_printf(a, "built for %s-%s, the target is %s-%s", b->os, b->arch ? b->arch : "?",
				 t->platform, t->arch),
		    "reinstall the package on the target platform", INTERIM);
		return;
	}
	if (b->arch && strcmp(b->arch, t->arch)) {
		const char *txt;
		bool target64 = strcmp(t->arch, "ia32") && strcmp(t->arch, "arm");
		if (b->format == BIN_ELF && b->bits && (b->bits == 64) != target64)
			txt = target64 ? "wrong ELF class: ELFCLASS32" : "wrong ELF class: ELFCLASS64";
		else
			txt = "cannot open shared object file: No such file or directory";
		set(v, "throws", "wrong-arch", linux_t ? linux_reject(a, t, path, txt) : NULL,
		    arena_printf(a, "built for %s, the target is %s", b->arch, t->arch),
		    "reinstall the package with the target's own node (npm_config_arch to override)", INTERIM);
		return;
	}
	if (linux_t && b->libc && t->libc && strcmp(b->libc, t->libc)) {
		const char *need = NULL;
		for (size_t i = 0; i < b->libs.n && !need; i++)
			if (strstr(b->libs.v[i].name, !strcmp(t->libc, "musl") ? "ld-linux" : "musl"))
				need = b->libs.v[i].name;
		if (!need && b->libs.n)
			need = b->libs.v[0].name;
		const char *error = !need ? NULL :
			!strcmp(t->libc, "musl")
			? arena_printf(a, "Error loading shared library %s: No such file or directory (needed by %s)", need, path)
			: arena_printf(a, "%s: cannot open shared object file: No such file or directory", need);
		set(v, "throws", "wrong-libc", error,
		    arena_printf(a, "built for %s, the target uses %s", b->libc, t->libc),
		    "reinstall the package inside the target image (libc is chosen at install time)", INTERIM);
		return;
	}
	const struct addon_facts *ad = &b->addon;
	if (ad->kind == ADDON_NONE) {
		set(v, "throws", "not-an-addon",
		    arena_printf(a, "Module did not self-register: '%s'.", path),
		    "the library registers no Node.js module", "reinstall the package", INTERIM);
		return;
	}
	/* Only an exported node_register_module_v<N>: Node looks up its own N,
	 * finds nothing, and says the module did not register (§1.3 step 5). */
	if (ad->kind == ADDON_ABI && ad->abi > 0 && ad->abi != t->modules) {
		set(v, "throws", !strcmp(t->runtime, "electron") ? "electron-abi-mismatch" : "abi-mismatch",
		    arena_printf(a, "Module did not self-register: '%s'.", path),
		    arena_printf(a, "exports node_register_module_v%d; %s %s looks for node_register_module_v%d",
				 ad->abi, t->runtime, t->version, t->modules),
		    rebuild_fix(t), INTERIM);
		return;
	}
	if (ad->kind != ADDON_NAPI && ad->abi > 0 && ad->abi != t->modules) {
		char have[96], want[96];
		abi_describe(ad->abi, have, sizeof have);
		abi_describe(t->modules, want, sizeof want);
		set(v, "throws", !strcmp(t->runtime, "electron") ? "electron-abi-mismatch" : "abi-mismatch",
		    arena_printf(a, "The module '%s'\nwas compiled against a different Node.js version using\n"
				    "NODE_MODULE_VERSION %d. This version of Node.js requires\n"
				    "NODE_MODULE_VERSION %d. Please try re-compiling or re-installing\n"
				    "the module (for instance, using `npm rebuild` or `npm install`).",
				 path, ad->abi, t->modules),
		    arena_printf(a, "built for NODE_MODULE_VERSION %d (%s); %s %s uses %d (%s)", ad->abi, have,
				 t->runtime, t->version, t->modules, want),
		    rebuild_fix(t), INTERIM);
		return;
	}
	int need = ad->napi_declared > ad->napi_min ? ad->napi_declared : ad->napi_min;
	if (ad->kind == ADDON_NAPI && t->napi > 0 && need > t->napi) {
		set(v, "crashes", "napi-too-new", NULL,
		    arena_printf(a, "needs Node-API %d, %s %s has %d", need, t->runtime, t->version, t->napi),
		    "use a newer Node.js, or an older version of the package", INTERIM);
		return;
	}
	set(v, "loads", NULL, NULL, NULL, NULL, INTERIM);
}
