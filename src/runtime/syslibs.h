/*
 * syslibs.h - the filesystem and loader configuration a target loads from:
 * this machine's (LD_LIBRARY_PATH, /etc/ld.so.cache, the default directories)
 * or an unpacked image given with --sysroot, where every path is resolved
 * inside the image (absolute symlinks included).  For a foreign platform
 * without a sysroot nothing can be looked at: `known` is false and callers
 * must say "unknown" rather than guess.
 */
#ifndef AD_SYSLIBS_H
#define AD_SYSLIBS_H

#include <stdbool.h>
#include <stdint.h>

#include "../io/rfile.h"
#include "../util/arena.h"
#include "target.h"

/* One entry of glibc's ld.so.cache (format "glibc-ld.so.cache1.1"). */
struct ldcache_entry {
	const char *key;     /* soname, e.g. "libc.so.6" */
	const char *value;   /* path, e.g. "/lib/x86_64-linux-gnu/libc.so.6" */
	int32_t flags;       /* FLAG_ELF_LIBC6 | arch bits (glibc ldconfig.h) */
	uint64_t hwcap;      /* bit 62: glibc-hwcaps subdirectory entry */
};

struct ldcache {
	bool present;
	const char *path;
	VEC(struct ldcache_entry) e;
};

/* Parses a cache (new format, optionally after an old "ld.so-1.7.0" part).
 * Returns 0, or -1 with *err; every offset is checked against the file. */
int ldcache_parse(struct rfile *rf, struct arena *a, struct ldcache *c, const char **err);

/* The cache flags glibc accepts for a Node arch word (_dl_cache_check_flags). */
int32_t ldcache_flags_for_arch(const char *arch);

/* First entry named `name` whose flags suit arch, skipping glibc-hwcaps
 * subdirectory entries (not modelled); NULL when none. */
const char *ldcache_lookup(const struct ldcache *c, const char *name, const char *arch);

struct sysenv {
	bool known;                  /* a filesystem to look at (host target or sysroot) */
	const char *sysroot;         /* NULL: "/" */
	const char *arch, *libc;
	VEC(const char *) ld_library_path;
	struct ldcache cache;
	VEC(const char *) default_dirs;
	const char *dollar_lib;      /* $LIB expansion */
	const char *dollar_platform; /* $PLATFORM expansion */
	const char *glibc_version;   /* newest GLIBC_2.x libc.so.6 defines, NULL unknown */
	const char *glibc_version_why;
	const char *musl_path_file;  /* musl: /etc/ld-musl-<arch>.path when present */
};

/* The LD_LIBRARY_PATH every --sysroot target's processes start with, and
 * their working directory (relative elements; NULL: "/"): an image's
 * config Env and WorkingDir.  NULL: none (the default).  The strings must
 * outlive every sysenv_init after. */
void sysenv_set_sysroot_env(const char *ld_library_path, const char *cwd);

/* Sets up the environment for target t.  sysroot may be NULL. */
int sysenv_init(struct arena *a, struct sysenv *env, const struct target *t, const char *sysroot,
		const char **err);

/*
 * Resolves `path` (as the target sees it) to the file to read on this machine,
 * following symlinks inside the sysroot.  Returns the host path, or NULL when
 * the file does not exist (*errn = errno).  *target_real gets the canonical
 * path as the target would see it (what realpath() would return there).
 */
char *sys_resolve(struct arena *a, const struct sysenv *env, const char *path,
		  const char **target_real, int *errn);

/* Debian multiarch triple for an arch ("x86_64-linux-gnu"), or NULL. */
const char *multiarch_triple(const char *arch);

#endif
