/*
 * tables.c - the glibc -> distribution table (data/glibc-distros.tsv) and
 * the GLIBCXX/CXXABI -> GCC release table (data/glibcxx-gcc.tsv, from the
 * libstdc++ manual's ABI policy) that explain's words quote.
 */
#include "explain.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../runtime/abi.h"
#include "data.h"

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

/* The first GCC release of data/glibcxx-gcc.tsv whose libstdc++ defines
 * version v of the column (1 GLIBCXX, 2 CXXABI): the rows are in release
 * order, so the first row at or above v is the release that added it. */
static const char *first_gcc(struct arena *a, const char *v, int col)
{
	const char *p = data_glibcxx_gcc_tsv, *end = p + data_glibcxx_gcc_tsv_len;
	while (p < end) {
		const char *line = p, *eol = memchr(line, '\n', (size_t)(end - line));
		if (!eol)
			eol = end;
		p = eol < end ? eol + 1 : end;
		if (line == eol || *line == '#')
			continue;
		const char *f[3] = { line, NULL, NULL };
		for (int i = 1; i < 3; i++) {
			const char *tab = memchr(f[i - 1], '\t', (size_t)(eol - f[i - 1]));
			if (!tab)
				break;
			f[i] = tab + 1;
		}
		if (!f[2])
			continue;
		const char *fe = col == 1 ? f[2] - 1 : eol;
		char ver[16];
		size_t n = (size_t)(fe - f[col]);
		if (n == 0 || n >= sizeof ver)
			continue;
		memcpy(ver, f[col], n);
		ver[n] = '\0';
		if (abi_version_cmp(ver, v) >= 0)
			return arena_strndup(a, line, (size_t)(f[1] - 1 - line));
	}
	return NULL;
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
	const char *gcc = first_gcc(a, v, cxxabi ? 2 : 1);
	char have[512] = "", lack[512] = "";
	size_t hl = 0, ll = 0;
	while (next_row(&p, end, &r)) {
		if (strcmp(r.kind, "distro"))
			continue;
		const char *col = cxxabi ? r.cxxabi : r.glibcxx;
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
