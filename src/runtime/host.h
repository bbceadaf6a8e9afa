/*
 * host.h - this machine (runtime/host.c): one module answers it for the
 * whole tool.
 */
#ifndef AD_HOST_H
#define AD_HOST_H

#include "../util/arena.h"

/* The machine this build runs as, in Node's words (process.platform,
 * process.arch, "glibc"/"musl"/NULL). */
const char *host_platform(void);
const char *host_arch(void);
const char *host_libc(void);
/* The kernel's CPU from uname(), as a process.arch word ("x64"), NULL if unknown. */
const char *uname_arch(void);
/* The libc on disk: "glibc"/"musl"/NULL, with its version and why. */
const char *machine_libc(struct arena *a, const char **version, const char **why);

#endif
