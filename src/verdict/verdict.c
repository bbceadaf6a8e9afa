/*
 * verdict.c - the plain-words "why" and the "fix" for each cause id
 * (docs/causes.md), with the fix commands of loader-facts §9.5.
 */
#include "verdict.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../explain/explain.h"
#include "../runtime/abi.h"
#include "../util/jsonread.h"
#include "../util/shquote.h"

/* Name of the nearest package.json above path (at most 32 levels). */
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

static const char *owning_package(struct arena *a, const char *path)
{
	char *dir = arena_strdup(a, path);
	for (int depth = 0; dir && depth < 32; depth++) {
		char *slash = strrchr(dir, '/');
		if (!slash)
			return NULL;
		*slash = '\0';
		const char *pj = arena_printf(a, "%s/package.json", *dir ? dir : "");
		FILE *f = fopen(pj, "r");
		if (!f)
			continue;
		/* package.json files of big packages pass 64 KiB; this one buffer
		 * is on the heap (under WASI the whole stack was 64 KiB) */
		enum { PKG_JSON_CAP = 1 << 20 };
		char *buf = arena_alloc_raw(a, PKG_JSON_CAP);
		size_t n = buf ? fread(buf, 1, PKG_JSON_CAP, f) : 0;
		fclose(f);
		struct jv *j = buf ? json_parse(a, buf, n) : NULL;
		const char *name = j ? jv_get_str(j, "name") : NULL;
		if (name && *name)
			return name;
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
	const char *rebuild = electron ? arena_printf(a, "npx @electron/rebuild -f -w %s", pkg)
				       : arena_printf(a, "npm rebuild %s --build-from-source", pkg);
	if (!strcmp(r->outcome, "loads")) {
		w->why = "the loader and Node accept it";
		return;
	}
	if (!strcmp(c, "abi-mismatch") || !strcmp(c, "electron-abi-mismatch")) {
		int have = b ? b->addon.abi : -1;
		/* abi_describe already names the number when no runtime uses it. */
		const char *built = abi_describe(have, w1, sizeof w1);
		if (strstr(built, "NODE_MODULE_VERSION") == NULL)
			built = arena_printf(a, "%s (NODE_MODULE_VERSION %d)", built, have);
		w->why = arena_printf(a, "it was built for %s but runs on %s %s, which needs %d (%s)",
				      built, electron ? "Electron" : "Node.js",
				      t->version, t->modules, abi_describe(t->modules, w2, sizeof w2));
		w->fix = electron ? rebuild : arena_printf(a, "npm rebuild %s", pkg);
	} else if (!strcmp(c, "napi-too-new")) {
		w->why = arena_printf(a, "it declares Node-API level %d, above the %d of Node.js %s, which then crashes",
				      b ? b->addon.napi_declared : -1, t->napi, t->version);
		w->fix = arena_printf(a, "upgrade Node.js to a release with Node-API %d, or %s",
				      b ? b->addon.napi_declared : -1, rebuild);
	} else if (!strcmp(c, "wrong-arch")) {
		w->why = arena_printf(a, "it is built for %s, the runtime is %s", b && b->arch ? b->arch : "another CPU", t->arch);
		w->fix = arena_printf(a, "reinstall %s with the target's own node (npm_config_arch=%s npm rebuild %s), or reinstall its optional platform packages",
				      pkg, t->arch, pkg);
	} else if (!strcmp(c, "wrong-os")) {
		w->why = arena_printf(a, "it is built for %s, the runtime is %s", b && b->os ? b->os : "another OS", t->platform);
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
	} else if (!strcmp(c, "not-an-addon")) {
		w->why = "the file is not a Node.js addon Node can register";
		w->fix = arena_printf(a, "reinstall %s (rm -rf node_modules/%s && npm install)", pkg, pkg);
	} else if (!strcmp(c, "truncated")) {
		w->why = "the file is cut short: its segments lie past the end of the file";
		w->fix = arena_printf(a, "reinstall %s (the download or copy was incomplete)", pkg);
	} else if (!strcmp(c, "corrupt")) {
		w->why = "the file is damaged or not a loadable shared object";
		w->fix = arena_printf(a, "reinstall %s", pkg);
	} else if (!strcmp(c, "exec-stack")) {
		w->why = "it asks for an executable stack, which glibc 2.41 and later refuse";
		w->fix = arena_printf(a, "patchelf --clear-execstack %s (and ask upstream to link with -z noexecstack); "
				      "stopgap: GLIBC_TUNABLES=glibc.rtld.execstack=2", r->real);
	} else if (!strcmp(c, "not-found") || !strcmp(c, "not-readable")) {
		w->why = "the file cannot be opened";
		w->fix = arena_printf(a, "reinstall %s", pkg);
	} else {
		w->why = "the outcome depends on something that cannot be read from here";
		w->fix = "run with --sysroot pointing at the target's filesystem, or --node with the target's node";
	}
}
