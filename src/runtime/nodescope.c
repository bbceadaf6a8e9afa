/*
 * nodescope.c - the node process before any addon, as ld.so builds it at
 * startup: the executable, then its DT_NEEDED closure breadth-first (glibc
 * _dl_map_object_deps), which is also the global scope every addon's
 * symbols are looked up in, in that order.  The loader (loader/elfload.c
 * loader_init) resolves the closure with the target's search rules; this
 * file only asks questions of it, so there is one copy of the search order.
 */
#include "nodescope.h"

#include <string.h>

#include "../loader/loader.h"
#include "host.h"
#include "syslibs.h"
#include "target.h"

static bool obj_is(const struct ld_obj *o, const char *name)
{
	if ((o->soname && !strcmp(o->soname, name)) || !strcmp(o->name, name))
		return true;
	for (size_t k = 0; k < o->aliases.n; k++)
		if (!strcmp(o->aliases.v[k], name))
			return true;
	return false;
}

/* The system the node in nb is being identified on: this machine (ld.so
 * would run it here with this process's LD_LIBRARY_PATH and ld.so.cache),
 * or, with a sysroot, that tree (an unpacked image: its ld.so.cache and
 * directories, whatever its architecture).  false with *why when this
 * machine's loader would not run it. */
static bool scope_target(struct arena *a, struct node_binary *nb, const char *sysroot, struct target *t,
			 const char **why)
{
	memset(t, 0, sizeof *t);
	if (!nb->bin || !nb->bin->os || strcmp(nb->bin->os, "linux")) {
		*why = "not a Linux executable: its libraries are not looked for";
		return false;
	}
	t->runtime = "node";
	t->platform = "linux";
	t->arch = nb->bin->arch ? nb->bin->arch : "unknown";
	t->libc = nb->bin->libc ? nb->bin->libc : "glibc";
	const char *hl = host_libc();
	t->host = !sysroot && !strcmp(host_platform(), "linux") && !strcmp(t->arch, host_arch()) && hl &&
		  !strcmp(hl, t->libc);
	t->napi = t->modules = -1;
	t->node = nb;
	t->argv0 = nb->bin->path;
	if (!t->host && !sysroot) {
		*why = arena_printf(a, "a %s-%s node is not run by this machine's loader", t->arch, t->libc);
		return false;
	}
	return true;
}

const char *nodescope_find_lib(struct arena *a, struct node_binary *nb, const char *sysroot, const char *name,
			       const char **target_path, const char **why)
{
	*target_path = NULL;
	*why = NULL;
	struct target t;
	if (!scope_target(a, nb, sysroot, &t, why))
		return NULL;
	struct sysenv env;
	const char *err = NULL;
	if (sysenv_init(a, &env, &t, sysroot, &err) != 0) {
		*why = err ? err : "the system's library search could not be set up";
		return NULL;
	}
	struct loader L;
	if (loader_init(&L, a, &t, &env) != 0) {
		*why = "out of memory";
		return NULL;
	}
	const char *host = NULL;
	for (size_t i = 1; i < L.global.n && !host; i++) {
		struct ld_obj *o = L.global.v[i];
		if (obj_is(o, name) && o->host) {
			host = o->host;
			*target_path = o->name;
		}
	}
	if (!host) {
		const char *tried = "";
		for (size_t i = 0; i < L.global_deps.n; i++) {
			const struct ld_dep *d = L.global_deps.v[i];
			if (d->obj || strcmp(d->name, name))
				continue;
			for (size_t k = 0; k < d->tried.n && k < 8; k++)
				tried = arena_printf(a, "%s%s%s", tried, k ? ", " : "; tried ", d->tried.v[k]);
			break;
		}
		int st;
		bool unk;
		const char *fatal = nodescope_startup_error(a, &L, nb->bin->path, &st, &unk);
		*why = arena_printf(a, "%s is not found by %s library search (%s, ld.so.cache, default "
				    "directories), so node cannot start %s%s%s%s%s", name,
				    sysroot ? "the sysroot's" : "this machine's",
				    sysroot && !env.ld_library_path.n ? "its RUNPATH" : "LD_LIBRARY_PATH, its RUNPATH",
				    sysroot ? "there" : "here",
				    fatal ? "; ld.so prints \"" : "", fatal ? fatal : "", fatal ? "\"" : "", tried);
	}
	loader_close(&L);
	return host;
}

const char *nodescope_host_start(struct arena *a, struct node_binary *nb, const char *progname, int *status,
				 bool *unknown)
{
	*status = 0;
	*unknown = true;
	struct target t;
	const char *why = NULL, *err = NULL;
	if (!scope_target(a, nb, NULL, &t, &why))
		return NULL;
	struct sysenv env;
	struct loader L;
	if (sysenv_init(a, &env, &t, NULL, &err) != 0 || loader_init(&L, a, &t, &env) != 0)
		return NULL;
	const char *text = nodescope_startup_error(a, &L, progname, status, unknown);
	loader_close(&L);
	return text;
}

/* glibc elf/dl-version.c: version names are compared as strings; a
 * provider without any version definitions is accepted (only `ldd -v`
 * mentions "no version information available"). */
static bool defines_version(const struct ld_obj *p, const char *ver)
{
	if (!p->bin->verdefs.n)
		return true;
	for (size_t d = 0; d < p->bin->verdefs.n; d++)
		if (!strcmp(p->bin->verdefs.v[d], ver))
			return true;
	return false;
}

const char *nodescope_startup_error(struct arena *a, const struct loader *L, const char *progname,
				    int *status, bool *unknown)
{
	*status = 0;
	*unknown = false;
	if (!L->exe || !L->env->known || strcmp(L->t->platform, "linux")) {
		*unknown = true;
		return NULL;
	}
	if (L->t->libc && !strcmp(L->t->libc, "musl")) {
		*unknown = true; /* musl's startup texts are not modelled */
		return NULL;
	}
	/* 1. Mapping (rtld.c dl_main -> _dl_map_object_deps): the first
	 * DT_NEEDED that is not found, breadth-first, ends the process with
	 * _dl_signal_error's fatal text and status 127. */
	for (size_t i = 0; i < L->global_deps.n; i++) {
		const struct ld_dep *d = L->global_deps.v[i];
		if (d->obj)
			continue;
		if (d->rule && !strncmp(d->rule, "unknown", 7)) {
			*unknown = true;
			return NULL;
		}
		*status = 127;
		if (d->fatal) /* open_verify's error on a candidate is fatal, not skipped */
			return arena_printf(a, "%s: error while loading shared libraries: %s", progname, d->fatal);
		return arena_printf(a, "%s: error while loading shared libraries: %s: cannot open shared object "
				    "file: No such file or directory", progname, d->name);
	}
	/* 2. Versions (rtld.c version_check_doit -> _dl_check_all_versions):
	 * every object in load order, every need in its order; each missing
	 * version is printed by print_missing_version as "<argv0>: <provider's
	 * l_name>: version `V' not found (required by <requirer>)" - the main
	 * program's l_name is empty, so argv0 stands for it (DSO_FILENAME) -
	 * and the process exits 1 once all are printed. */
	const char *text = NULL;
	for (size_t i = 0; i < L->global.n; i++) {
		const struct ld_obj *o = L->global.v[i];
		if (!o->bin)
			continue;
		for (size_t k = 0; k < o->bin->verneeds.n; k++) {
			const struct bin_verneed *vn = &o->bin->verneeds.v[k];
			if (vn->weak || !vn->file || !vn->name)
				continue;
			const struct ld_obj *p = NULL;
			for (size_t j = 0; j < L->global.n && !p; j++)
				if (obj_is(L->global.v[j], vn->file))
					p = L->global.v[j];
			if (!p || !p->bin || defines_version(p, vn->name))
				continue;
			const char *line = arena_printf(a, "%s: %s: version `%s' not found (required by %s)", progname,
							p->name, vn->name, o == L->exe ? progname : o->name);
			text = text ? arena_printf(a, "%s\n%s", text, line) : line;
			*status = 1;
		}
	}
	return text;
}
