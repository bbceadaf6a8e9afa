/*
 * nodebin.h - a Node.js executable, identified by reading it (never by
 * running it): version, NODE_MODULE_VERSION, Node-API level, the symbols it
 * exports to addons, its libc and the glibc/libstdc++ versions it needs.
 * Works for a node binary of any platform (an arm64 or Windows node read on
 * an x64 Linux machine).
 */
#ifndef AD_NODEBIN_H
#define AD_NODEBIN_H

#include "../model/binary.h"

struct node_binary {
	struct binary *bin;   /* the parsed executable (format, arch, os, libc, syms) */
	char version[24];     /* "20.20.2", or "" when not found */
	int modules;          /* NODE_MODULE_VERSION, -1 unknown */
	int napi;             /* highest Node-API version, -1 unknown */
	const char *why;      /* how the version was identified, in words */
	const struct alt_runtime *alt; /* a bun or deno executable (runtime/altruntime.h), else NULL */
};

/* Returns 0, or -1 with *err set ("cannot open ...", "not a Node.js executable ..."). */
int nodebin_read(const char *path, struct arena *a, struct node_binary *out, const char **err);

#endif
