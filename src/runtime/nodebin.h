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

/*
 * What kind of runtime an executable is: decides where its facts are read
 * from and which file holds the symbols addons bind to.  One field, so a
 * new kind (Bun, Deno, ...) is one more value and one more branch in
 * nodebin_read's recognition.
 */
enum node_kind {
	NODE_KIND_UNKNOWN = 0,
	NODE_KIND_OFFICIAL,   /* one executable: facts and exports inside (nodejs.org, nodesource) */
	NODE_KIND_LIBNODE,    /* a launcher: facts and exports in libnode.so.<N> and the system's
	                       * shared OpenSSL, libuv, zlib, ICU... (Debian, Ubuntu, Fedora) */
};

struct node_binary {
	struct binary *bin;   /* the parsed executable (format, arch, os, libc, syms) */
	enum node_kind kind;
	char version[24];     /* "20.20.2", or "" when not found */
	int modules;          /* NODE_MODULE_VERSION, -1 unknown */
	int napi;             /* highest Node-API version, -1 unknown */
	const char *why;      /* how the version was identified, in words */
	/* NODE_KIND_LIBNODE: the library the facts were read from */
	const char *libnode;       /* its DT_NEEDED name, "libnode.so.108" */
	const char *libnode_path;  /* where ld.so finds it here (target view) */
	struct binary *libnode_bin;
	/* The newest version of each it needs from the system (its own
	 * .gnu.version_r, and libnode's), NULL when none: "GLIBC_2.28",
	 * "GLIBCXX_3.4.21", "CXXABI_1.3.9". */
	const char *needs_glibc, *needs_glibcxx, *needs_cxxabi;
	const struct alt_runtime *alt; /* a bun or deno executable (runtime/altruntime.h), else NULL */
};

/* Kind in words: "official build", "distribution build (libnode.so.108)". */
const char *nodebin_kind_words(struct arena *a, const struct node_binary *nb);

/* "glibc >= 2.28, libstdc++ >= GLIBCXX_3.4.21, CXXABI_1.3.9", NULL when it
 * needs no versioned glibc or libstdc++ symbol (or the format has none). */
const char *nodebin_needs_words(struct arena *a, const struct node_binary *nb);

/* Returns 0, or -1 with *err set ("cannot open ...", "not a Node.js executable ..."). */
int nodebin_read(const char *path, struct arena *a, struct node_binary *out, const char **err);
/* The same for a node that belongs to the tree sysroot (an unpacked image,
 * --sysroot; NULL: this machine): a launcher's libnode.so.<N> is looked
 * for there, as that system's ld.so would find it. */
int nodebin_read_in(const char *path, const char *sysroot, struct arena *a, struct node_binary *out,
		    const char **err);

#endif
