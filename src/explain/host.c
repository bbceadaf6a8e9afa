/*
 * host.c - this machine as a load target (CPU, libc), and the glibc /
 * libstdc++ version tables (data/glibc-distros.tsv).
 *
 * The libc is identified the way detect-libc does it, minus running
 * anything (loader-facts.md 6.4): /etc/alpine-release and the text of
 * /usr/bin/ldd name the family; the glibc version comes from the
 * file name of the loader's libc (libc-2.31.so) or from the "GNU C Library"
 * banner inside libc.so.6, read as bytes.  Nothing is ever executed.
 */
#include "explain.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>

#include "../io/rfile.h"
#include "../runtime/abi.h"
#include "data.h"

const char *uname_arch(void)
{
	struct utsname u;
	if (uname(&u) != 0)
		return NULL;
	static const struct { const char *m, *arch; } map[] = {
		{ "x86_64", "x64" }, { "amd64", "x64" }, { "aarch64", "arm64" }, { "arm64", "arm64" },
		{ "i386", "ia32" }, { "i486", "ia32" }, { "i586", "ia32" }, { "i686", "ia32" },
		{ "armv7l", "arm" }, { "armv6l", "arm" }, { "ppc64le", "ppc64" }, { "ppc64", "ppc64" },
		{ "s390x", "s390x" }, { "riscv64", "riscv64" }, { "loongarch64", "loong64" },
	};
	for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
		if (!strcmp(u.machine, map[i].m))
			return map[i].arch;
	return NULL;
}

/* Searches the first `cap` bytes of a file for `needle`; returns a copy of
 * the rest of that line (bounded), or NULL. */
static const char *grep_file(struct arena *a, const char *path, const char *needle, uint64_t cap)
{
	struct rfile rf;
	if (rfile_open(&rf, path) != 0)
		return NULL;
	const char *found = NULL;
	size_t nl = strlen(needle);
	uint64_t size = rf.size < cap ? rf.size : cap;
	char buf[65536 + 256];
	for (uint64_t off = 0; off < size && !found; off += 65536) {
		size_t n = (size_t)(size - off < sizeof buf ? size - off : sizeof buf);
		if (!rf_read(&rf, off, buf, n))
			break;
		for (size_t i = 0; i + nl <= n; i++)
			if (!memcmp(buf + i, needle, nl)) {
				size_t e = i + nl;
				while (e < n && e - i < 200 && buf[e] != '\n' && buf[e] != '\0')
					e++;
				found = arena_strndup(a, buf + i, e - i);
				break;
			}
	}
	rfile_close(&rf);
	return found;
}

const char *machine_libc(struct arena *a, const char **version, const char **why)
{
	*version = NULL;
	*why = NULL;
	struct rfile rf;
	if (rfile_open(&rf, "/etc/alpine-release") == 0) {
		rfile_close(&rf);
		*why = "/etc/alpine-release exists";
		return "musl";
	}
	const char *ldd = grep_file(a, "/usr/bin/ldd", "musl", 1 << 20);
	if (ldd) {
		*why = "/usr/bin/ldd mentions musl";
		return "musl";
	}
	/* glibc: the version banner inside libc.so.6 ("GNU C Library (Debian GLIBC 2.36-9) ... version 2.36."). */
	static const char *const libcs[] = {
		"/lib/x86_64-linux-gnu/libc.so.6", "/lib/aarch64-linux-gnu/libc.so.6", "/lib64/libc.so.6",
		"/lib/libc.so.6", "/usr/lib/libc.so.6", "/lib/arm-linux-gnueabihf/libc.so.6",
		"/lib/i386-linux-gnu/libc.so.6", "/usr/lib64/libc.so.6",
	};
	for (size_t i = 0; i < sizeof libcs / sizeof libcs[0]; i++) {
		const char *banner = grep_file(a, libcs[i], "GNU C Library", 16u << 20);
		if (!banner)
			continue;
		const char *v = strstr(banner, "version ");
		if (v) {
			v += 8;
			size_t n = 0;
			while (v[n] && (isdigit((unsigned char)v[n]) || v[n] == '.'))
				n++;
			while (n && v[n - 1] == '.')
				n--;
			if (n)
				*version = arena_strndup(a, v, n);
		}
		*why = arena_printf(a, "the version banner in %s", libcs[i]);
		return "glibc";
	}
	if (grep_file(a, "/usr/bin/ldd", "GNU C Library", 1 << 20)) {
		*why = "/usr/bin/ldd is glibc's";
		return "glibc";
	}
	*why = "no libc found in the usual places";
	return NULL;
}

/* ---- data/glibc-distros.tsv ------------------------------------------------ */

struct distro_row {
	char kind[8], name[40], glibc[12], glibcxx[12], cxxabi[12];
};

static bool next_row(const char **p, const char *end, struct distro_row *r)
{
	while (*p < end) {
		const char *line = *p;
		const char *eol = memchr(line, '\n', (size_t)(end - line));
		if (!eol)
			eol = end;
		*p = eol < end ? eol + 1 : end;
		if (line == eol || *line == '#')
			continue;
		char *fields[5] = { r->kind, r->name, r->glibc, r->glibcxx, r->cxxabi };
		size_t caps[5] = { sizeof r->kind, sizeof r->name, sizeof r->glibc, sizeof r->glibcxx, sizeof r->cxxabi };
		const char *s = line;
		int nf = 0;
		for (; nf < 5 && s <= eol; nf++) {
			const char *tab = memchr(s, '\t', (size_t)(eol - s));
			const char *fe = tab ? tab : eol;
			size_t n = (size_t)(fe - s);
			if (n >= caps[nf])
				n = caps[nf] - 1;
			memcpy(fields[nf], s, n);
			fields[nf][n] = '\0';
			if (!tab) {
				nf++;
				break;
			}
			s = tab + 1;
		}
		if (nf == 5)
			return true;
	}
	return false;
}

const char *glibc_distros(struct arena *a, const char *version)
{
	char have[512] = "", lack[512] = "";
	size_t hl = 0, ll = 0;
	const char *p = data_glibc_distros_tsv, *end = p + data_glibc_distros_tsv_len;
	struct distro_row r;
	while (next_row(&p, end, &r)) {
		if (strcmp(r.kind, "distro"))
			continue;
		bool ok = abi_version_cmp(r.glibc, version) >= 0;
		char *dst = ok ? have : lack;
		size_t *len = ok ? &hl : &ll;
		int n = snprintf(dst + *len, 512 - *len, "%s%s (%s)", *len ? ", " : "", r.name, r.glibc);
		if (n > 0 && (size_t)n < 512 - *len)
			*len += (size_t)n;
	}
	return arena_printf(a, "glibc %s or newer. Has it: %s. Too old: %s. Alpine (musl) has no glibc.", version,
			    hl ? have : "none of the listed distributions", ll ? lack : "none of the listed distributions");
}

const char *glibcxx_meaning(struct arena *a, const char *symver)
{
	bool cxxabi = !strncmp(symver, "CXXABI_", 7);
	const char *v = strchr(symver, '_');
	if (!v)
		return NULL;
	v++;
	const char *p = data_glibc_distros_tsv, *end = p + data_glibc_distros_tsv_len;
	struct distro_row r;
	const char *gcc = NULL;
	char have[512] = "", lack[512] = "";
	size_t hl = 0, ll = 0;
	while (next_row(&p, end, &r)) {
		const char *col = cxxabi ? r.cxxabi : r.glibcxx;
		if (!strcmp(r.kind, "gcc")) {
			if (!gcc && abi_version_cmp(col, v) >= 0)
				gcc = arena_strdup(a, r.name);
			continue;
		}
		bool ok = abi_version_cmp(col, v) >= 0;
		char *dst = ok ? have : lack;
		size_t *len = ok ? &hl : &ll;
		int n = snprintf(dst + *len, 512 - *len, "%s%s", *len ? ", " : "", r.name);
		if (n > 0 && (size_t)n < 512 - *len)
			*len += (size_t)n;
	}
	return arena_printf(a, "libstdc++ from %s or newer. System libstdc++ has it: %s. Too old: %s.",
			    gcc ? gcc : "a GCC newer than this table knows", hl ? have : "none of the listed distributions",
			    ll ? lack : "none of the listed distributions");
}
