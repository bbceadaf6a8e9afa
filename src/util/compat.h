/*
 * compat.h - declarations WASI's libc headers lack (see compat.c).  The
 * WebAssembly build force-includes this file (Makefile WASMFLAGS), so the
 * sources stay plain POSIX.
 */
#ifndef AD_COMPAT_H
#define AD_COMPAT_H
#ifdef __wasi__
char *realpath(const char *restrict path, char *restrict resolved);
#endif
#endif
