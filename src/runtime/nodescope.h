/*
 * nodescope.h - the node process before any addon: the executable plus its
 * DT_NEEDED closure, as ld.so maps it at startup (the loader's global
 * scope, loader_init), read and never run.  Used for two things:
 *
 *   - a node whose facts and exports live in a library (Debian's, Ubuntu's,
 *     Fedora's /usr/bin/node needs libnode.so.<N>): which file that library
 *     is on this machine, found as ld.so finds it;
 *   - whether that process can start at all on the target system, and the
 *     exact text ld.so prints when it cannot (a missing library, a version
 *     such as GLIBC_2.28 that the system's libc does not define).
 */
#ifndef AD_NODESCOPE_H
#define AD_NODESCOPE_H

#include "../util/arena.h"
#include "nodebin.h"

struct loader;

/*
 * The file ld.so would map for DT_NEEDED `name` of the node executable in
 * nb (nb->bin set), on this machine (LD_LIBRARY_PATH, RUNPATH, ld.so.cache,
 * default directories), or with sysroot non-NULL inside that tree (its
 * ld.so.cache, RUNPATH, default directories; any architecture): the host
 * path, with *target_path the path as the loader names it.  NULL with *why
 * when it is not found.
 */
const char *nodescope_find_lib(struct arena *a, struct node_binary *nb, const char *sysroot, const char *name,
			       const char **target_path, const char **why);

/*
 * What ld.so prints (every line, '\n'-separated, no final newline) when the
 * node of L cannot start on L's system, with argv[0] progname; NULL when it
 * starts, or when the loader could not look (*unknown set true then, with
 * no text).  *status gets the exit status ld.so ends the process with
 * (127 missing library, 1 missing version).
 */
const char *nodescope_startup_error(struct arena *a, const struct loader *L, const char *progname,
				    int *status, bool *unknown);

/* nodescope_startup_error for the node in nb (read by nodebin_read) run
 * on this machine. */
const char *nodescope_host_start(struct arena *a, struct node_binary *nb, const char *progname, int *status,
				 bool *unknown);

#endif
