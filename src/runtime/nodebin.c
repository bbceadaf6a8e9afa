/*
 * nodebin.c - identifies a Node.js executable by reading it, never running it.
 *
 * The model (exports, libs, libc, versions needed) comes from binary_parse.
 * The release is read from two strings every official build carries in its
 * read-only data: the release URL "https://nodejs.org/download/release/vX.Y.Z/"
 * (process.release.sourceUrl, node_metadata.cc) and "node_register_module_v<N>"
 * (the symbol name Node looks up in addons, node_binding.cc), which is
 * NODE_MODULE_VERSION itself.  For ELF only .rodata is searched; other formats
 * are searched in 64 KiB windows, stopping as soon as both strings are found.
 */
#include "nodebin.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../io/rfile.h"
#include "../parse/parse.h"
#include "abi.h"
#include "altruntime.h"
#include "nodescope.h"
#include "target.h"

/* Finds .rodata through the section headers: [*off, *off + *len). */
static bool elf_rodata(struct rfile *rf, uint64_t *off, uint64_t *len)
{
	uint8_t id[16];
	if (!rf_read(rf, 0, id, sizeof id) || memcmp(id, "\177ELF", 4))
		return false;
	int bits = id[4] == 2 ? 64 : 32;
	enum endian e = id[5] == 2 ? BE : LE;
	uint64_t shoff, shstr_off = 0, shstr_size = 0;
	uint16_t shentsize, shnum, shstrndx;
	if (!rf_word(rf, bits == 64 ? 0x28 : 0x20, e, bits, &shoff) ||
	    !rf_u16(rf, bits == 64 ? 0x3a : 0x2e, e, &shentsize) ||
	    !rf_u16(rf, bits == 64 ? 0x3c : 0x30, e, &shnum) ||
	    !rf_u16(rf, bits == 64 ? 0x3e : 0x32, e, &shstrndx))
		return false;
	if (shnum == 0 || shstrndx >= shnum || shentsize < (bits == 64 ? 64 : 40))
		return false;
	uint64_t o = bits == 64 ? 0x18 : 0x10, s = bits == 64 ? 0x20 : 0x14;
	uint64_t hdr;
	if (!ckd_add_u64(&hdr, shoff, (uint64_t)shstrndx * shentsize) ||
	    !rf_word(rf, hdr + o, e, bits, &shstr_off) || !rf_word(rf, hdr + s, e, bits, &shstr_size))
		return false;
	uint64_t shstr_end;
	if (!ckd_add_u64(&shstr_end, shstr_off, shstr_size))
		return false;
	for (uint16_t i = 0; i < shnum; i++) {
		uint32_t name;
		uint64_t h;
		if (!ckd_add_u64(&h, shoff, (uint64_t)i * shentsize) || !rf_u32(rf, h, e, &name))
			return false;
		char nm[8];
		uint64_t at;
		if (!ckd_add_u64(&at, shstr_off, name) || at + sizeof nm > shstr_end ||
		    !rf_read(rf, at, nm, sizeof nm))
			continue;
		if (memcmp(nm, ".rodata", 8))
			continue;
		return rf_word(rf, h + o, e, bits, off) && rf_word(rf, h + s, e, bits, len);
	}
	return false;
}

/* Copies the run of characters allowed by `ok` that starts at p (max cap-1). */
static void take(const char *p, const char *end, char *out, size_t cap, int (*ok)(int))
{
	size_t k = 0;
	while (p < end && k + 1 < cap && ok((unsigned char)*p))
		out[k++] = *p++;
	out[k] = '\0';
}

static int version_char(int c) { return isdigit(c) || c == '.'; }
static int digit_char(int c) { return isdigit(c); }

/* Searches [off, off+len) for the release URL and the register symbol name. */
static void find_strings(struct rfile *rf, uint64_t off, uint64_t len, char *version, size_t vcap,
			 int *modules)
{
	static const char url[] = "/download/release/v";
	static const char reg[] = "node_register_module_v";
	enum { WIN = 64 * 1024, OVER = 64 };
	char *buf = malloc(WIN + OVER);
	if (!buf)
		return;
	uint64_t end = off + len < off ? rf->size : off + len;
	if (end > rf->size)
		end = rf->size;
	for (uint64_t at = off; at < end && (!version[0] || *modules < 0); at += WIN) {
		size_t n = (size_t)(end - at < WIN + OVER ? end - at : WIN + OVER);
		if (!rf_read(rf, at, buf, n))
			break;
		const char *lim = buf + n;
		for (const char *p = buf; p < lim; p++) {
			p = memchr(p, '/', (size_t)(lim - p));
			if (!p)
				break;
			if (!version[0] && (size_t)(lim - p) > sizeof url &&
			    !memcmp(p, url, sizeof url - 1))
				take(p + sizeof url - 1, lim, version, vcap, version_char);
		}
		for (const char *p = buf; p < lim && *modules < 0; p++) {
			p = memchr(p, 'n', (size_t)(lim - p));
			if (!p)
				break;
			if ((size_t)(lim - p) > sizeof reg && !memcmp(p, reg, sizeof reg - 1) &&
			    isdigit((unsigned char)p[sizeof reg - 1])) {
				char num[8];
				take(p + sizeof reg - 1, lim, num, sizeof num, digit_char);
				*modules = atoi(num);
			}
		}
		/* a version cut at the window's end is re-read in the overlap */
		size_t vl = strlen(version);
		if (vl && (vl < 5 || version[vl - 1] == '.'))
			version[0] = '\0';
	}
	free(buf);
}

static const char *budget_spent(struct arena *a, const char *path)
{
	return arena_printf(a, "%s: not read: the run's read budget of %llu bytes is spent "
			    "(ADDON_DOCTOR_READ_BUDGET raises it)", path, (unsigned long long)rf_budget_total());
}

/* "2.28" > "2.3.4": dotted numbers compared field by field. */
static int vercmp(const char *x, const char *y)
{
	while (*x || *y) {
		long a = 0, b = 0;
		while (isdigit((unsigned char)*x))
			a = a * 10 + (*x++ - '0') % 1000000;
		while (isdigit((unsigned char)*y))
			b = b * 10 + (*y++ - '0') % 1000000;
		if (a != b)
			return a < b ? -1 : 1;
		if (*x == '.')
			x++;
		if (*y == '.')
			y++;
		if ((*x && !isdigit((unsigned char)*x)) || (*y && !isdigit((unsigned char)*y)))
			return strcmp(x, y);
	}
	return 0;
}

/* Keeps in *best the newest need of b named PREFIX<version>. */
static void newest_need(const struct binary *b, const char *prefix, const char **best)
{
	size_t pl = strlen(prefix);
	for (size_t i = 0; b && i < b->verneeds.n; i++) {
		const char *n = b->verneeds.v[i].name;
		if (!n || strncmp(n, prefix, pl) || !isdigit((unsigned char)n[pl]))
			continue;
		if (!*best || vercmp(n + pl, *best + pl) > 0)
			*best = n;
	}
}

const char *nodebin_kind_words(struct arena *a, const struct node_binary *nb)
{
	switch (nb->kind) {
	case NODE_KIND_OFFICIAL:
		return "one executable (official build layout)";
	case NODE_KIND_LIBNODE:
		return arena_printf(a, "distribution build: a launcher, Node in %s", nb->libnode_path ? nb->libnode_path : nb->libnode);
	default:
		return "unknown";
	}
}

const char *nodebin_needs_words(struct arena *a, const struct node_binary *nb)
{
	const char *w = NULL;
	if (nb->needs_glibc)
		w = arena_printf(a, "glibc >= %s", nb->needs_glibc + 6);
	if (nb->needs_glibcxx || nb->needs_cxxabi)
		w = arena_printf(a, "%s%slibstdc++ with %s%s%s", w ? w : "", w ? ", " : "",
				 nb->needs_glibcxx ? nb->needs_glibcxx : "",
				 nb->needs_glibcxx && nb->needs_cxxabi ? " and " : "",
				 nb->needs_cxxabi ? nb->needs_cxxabi : "");
	return w;
}

/* Reads the release and NODE_MODULE_VERSION from an open, parsed file. */
static bool read_release(struct rfile *rf, const struct binary *b, char *version, size_t vcap, int *modules,
			 bool *section)
{
	rf->bytes_read = 0;
	rf->over_cap = false;
	uint64_t off = 0, len = rf->size;
	*section = b->format == BIN_ELF && elf_rodata(rf, &off, &len);
	find_strings(rf, off, len, version, vcap, modules);
	return version[0] != '\0';
}

/* The DT_NEEDED name of a libnode ("libnode.so.108"), or NULL. */
static const char *libnode_need(const struct binary *b)
{
	for (size_t i = 0; i < b->libs.n; i++) {
		const char *n = b->libs.v[i].name;
		if (n && !strncmp(n, "libnode.so", 10) && (n[10] == '\0' || n[10] == '.'))
			return n;
	}
	return NULL;
}

/*
 * A distribution's node (Debian's nodejs: /usr/bin/node, 26 KB, DT_NEEDED
 * libnode.so.108 and libc.so.6): the facts are in the library, which is
 * the file ld.so would map for it here, or inside the sysroot the node
 * belongs to (runtime/nodescope.c).
 */
static int read_libnode(const char *path, const char *sysroot, struct arena *a, struct node_binary *out,
			const char *need, const char **err)
{
	const char *why = NULL, *tpath = NULL;
	const char *host = nodescope_find_lib(a, out, sysroot, need, &tpath, &why);
	if (!host) {
		*err = arena_printf(a, "%s: a Node.js launcher that needs %s, which cannot be read: %s", path, need,
				    why ? why : "not found");
		return -1;
	}
	struct rfile rf;
	int e = rfile_open(&rf, host);
	if (e) {
		*err = arena_printf(a, "%s: needs %s (%s): cannot open it: %s", path, need, tpath, strerror(e));
		return -1;
	}
	rf.read_cap = (uint64_t)4 << 30;
	const char *perr = NULL;
	struct binary *lb = NULL;
	if (binary_parse_as(&rf, a, host, BIN_PARSE_LIBRARY, &lb, &perr) != 0) {
		rfile_close(&rf);
		*err = rf_budget_spent() ? budget_spent(a, host)
			: arena_printf(a, "%s: needs %s (%s), which is not a readable library (%s)", path, need, tpath,
				       perr ? perr : "unreadable");
		return -1;
	}
	bool section = false;
	bool got = read_release(&rf, lb, out->version, sizeof out->version, &out->modules, &section);
	rfile_close(&rf);
	if (!got) {
		*err = rf_budget_spent() ? budget_spent(a, host)
			: arena_printf(a, "%s: not a Node.js executable (no release URL \".../download/release/vX.Y.Z/\" "
				       "in it or in its %s, %s)", path, need, tpath);
		return -1;
	}
	out->kind = NODE_KIND_LIBNODE;
	out->libnode = need;
	out->libnode_path = tpath;
	out->libnode_bin = lb;
	out->why = arena_printf(a, "release URL for v%s and \"node_register_module_v%d\" in %s of %s "
				"(the executable needs %s, found at %s)", out->version, out->modules,
				section ? ".rodata" : "the data", need, need, tpath);
	return 0;
}

int nodebin_read(const char *path, struct arena *a, struct node_binary *out, const char **err)
{
	return nodebin_read_in(path, NULL, a, out, err);
}

int nodebin_read_in(const char *path, const char *sysroot, struct arena *a, struct node_binary *out,
		    const char **err)
{
	memset(out, 0, sizeof *out);
	out->modules = -1;
	out->napi = -1;
	struct rfile rf;
	int e = rfile_open(&rf, path);
	if (e) {
		*err = arena_printf(a, "cannot open %s: %s", path, strerror(e));
		return -1;
	}
	/* Its exports are looked up by hash later (the loader), not read here;
	 * the cap still allows a full scan of its read-only data below. */
	rf.read_cap = (uint64_t)4 << 30;
	const char *perr = NULL;
	if (binary_parse_as(&rf, a, path, BIN_PARSE_LIBRARY, &out->bin, &perr) != 0) {
		/* Reads that failed for want of budget say nothing about the file. */
		if (rf_budget_spent())
			*err = budget_spent(a, path);
		else
			*err = arena_printf(a, "%s: not a Node.js executable (%s)", path, perr ? perr : "unreadable");
		rfile_close(&rf);
		return -1;
	}
	bool section = false;
	bool got = read_release(&rf, out->bin, out->version, sizeof out->version, &out->modules, &section);
	/* no "node_register_module_v" and no libnode: bun or deno?
	 * (runtime/altruntime.c) */
	if (out->modules < 0 && !libnode_need(out->bin)) {
		uint64_t off = 0, len = rf.size;
		rf.bytes_read = 0;
		rf.over_cap = false;
		if (out->bin->format == BIN_ELF)
			elf_rodata(&rf, &off, &len);
		if (altrt_identify(&rf, off, len, a, out)) {
			rfile_close(&rf);
			return 0;
		}
	}
	rfile_close(&rf);
	if (!got && rf_budget_spent()) {
		*err = budget_spent(a, path);
		return -1;
	}
	const char *need = got ? NULL : libnode_need(out->bin);
	if (need) {
		out->modules = -1;
		if (read_libnode(path, sysroot, a, out, need, err))
			return -1;
	} else if (!got) {
		*err = arena_printf(a, "%s: not a Node.js executable (no release URL "
				    "\".../download/release/vX.Y.Z/\" in its %s)",
				    path, section ? ".rodata" : "data");
		return -1;
	} else {
		out->kind = NODE_KIND_OFFICIAL;
		out->why = arena_printf(a, "release URL for v%s and \"node_register_module_v%d\" in %s",
					out->version, out->modules, section ? ".rodata" : "its data");
	}
	struct node_release rel;
	if (abi_node_release(out->version, &rel)) {
		if (out->modules < 0)
			out->modules = rel.modules;
		out->napi = rel.napi;
	}
	if (out->napi < 0)
		out->napi = napi_level_for_node(out->version);
	if (out->bin->format == BIN_ELF) {
		const struct binary *bs[2] = { out->bin, out->libnode_bin };
		for (int i = 0; i < 2; i++) {
			newest_need(bs[i], "GLIBC_", &out->needs_glibc);
			newest_need(bs[i], "GLIBCXX_", &out->needs_glibcxx);
			newest_need(bs[i], "CXXABI_", &out->needs_cxxabi);
		}
	}
	return 0;
}
