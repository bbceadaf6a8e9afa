/*
 * platform_packages.c - was the platform package a text asks for ever
 * published?  A napi-rs / esbuild-style loader that cannot find
 * "@parcel/watcher-linux-s390x-glibc" says the same words whether npm
 * skipped an optional dependency that exists (missing-platform-package:
 * reinstall) or the package publishes nothing for that platform
 * (missing-prebuild: no reinstall helps).  data/platform-packages.tsv
 * (tools/refresh-platform-packages.sh, from the registry) lists every
 * platform any release of each package published; a platform it lacks is
 * taken as never published.  Only the names in the text count: a loader that
 * lists several candidates (old @node-rs/helper tries every ARM ABI) is
 * decided only when none of them is published.
 */
#include "explain_int.h"

#include <ctype.h>
#include <string.h>

#include "../util/findmem.h"
#include "data.h"

struct pp_row {
	const char *prefix, *pkgver, *stem, *list;
	size_t nprefix, npkgver, nstem, nlist;
};

static bool next_field(const char **p, const char *eol, const char **f, size_t *n)
{
	if (*p > eol)
		return false;
	const char *tab = memchr(*p, '\t', (size_t)(eol - *p));
	const char *fe = tab ? tab : eol;
	*f = *p;
	*n = (size_t)(fe - *p);
	*p = fe + 1;
	return true;
}

static bool next_row(const char **p, const char *end, struct pp_row *r)
{
	while (*p < end) {
		const char *eol = memchr(*p, '\n', (size_t)(end - *p));
		if (!eol)
			eol = end;
		const char *q = *p;
		*p = eol + 1;
		if (*q == '#' || q == eol)
			continue;
		if (next_field(&q, eol, &r->prefix, &r->nprefix) && next_field(&q, eol, &r->pkgver, &r->npkgver) &&
		    next_field(&q, eol, &r->stem, &r->nstem) && next_field(&q, eol, &r->list, &r->nlist) &&
		    r->nprefix && r->nlist)
			return true;
	}
	return false;
}

/* the length of the package name in "name@version" */
static size_t pkgname_len(const struct pp_row *r)
{
	const char *at = r->pkgver + r->npkgver;
	while (at > r->pkgver + 1 && at[-1] != '@')
		at--;
	return at > r->pkgver + 1 ? (size_t)(at - 1 - r->pkgver) : r->npkgver;
}

static bool name_char(char ch)
{
	return isalnum((unsigned char)ch) || ch == '-' || ch == '_';
}

/* Is the platform word w (n bytes) one of the row's list? */
static bool published(const struct pp_row *r, const char *w, size_t n)
{
	const char *s = r->list, *end = r->list + r->nlist;
	while (s < end) {
		const char *sp = memchr(s, ' ', (size_t)(end - s));
		const char *se = sp ? sp : end;
		if ((size_t)(se - s) == n && !memcmp(s, w, n))
			return true;
		s = se + 1;
	}
	return false;
}

/* A platform word names an OS (linux-s390x-gnu, win32-arm64-msvc), so a
 * prefix that happens to precede another word ("@swc/core-" + "v1") is no
 * platform package. */
static bool cpu_token(const char *w, size_t n)
{
	static const char *const exact[] = { "x64", "64", "32", "ia32", "x86", "amd64", "aarch64", "universal", "wasm32" };
	static const char *const start[] = { "arm", "ppc", "riscv", "mips", "loong", "s390" };
	for (size_t i = 0; i < sizeof exact / sizeof exact[0]; i++)
		if (strlen(exact[i]) == n && !memcmp(w, exact[i], n))
			return true;
	for (size_t i = 0; i < sizeof start / sizeof start[0]; i++)
		if (n >= strlen(start[i]) && !memcmp(w, start[i], strlen(start[i])))
			return true;
	return false;
}

/* It names a CPU too: an old name without one ("@node-rs/bcrypt-linux-musl",
 * which old @node-rs/helper loaders asked for and no release published)
 * says nothing about which CPUs are built. */
static bool names_cpu(const char *w, size_t n)
{
	for (size_t i = 0; i < n;) {
		size_t j = i;
		while (j < n && w[j] != '-')
			j++;
		if (cpu_token(w + i, j - i))
			return true;
		i = j + 1;
	}
	return false;
}

static bool platform_word(const char *w, size_t n)
{
	if (!names_cpu(w, n))
		return false;
	static const char *const os[] = { "linux", "darwin", "win32", "windows", "freebsd", "openbsd", "netbsd", "android", "sunos", "aix", "wasm32" };
	for (size_t i = 0; i < sizeof os / sizeof os[0]; i++) {
		size_t k = strlen(os[i]);
		for (size_t j = 0; j + k <= n; j++)
			if (!memcmp(w + j, os[i], k) && (j == 0 || w[j - 1] == '-') && (j + k == n || w[j + k] == '-'))
				return true;
	}
	return false;
}

/* Every platform word of row r in [t, end): after "<prefix>" (a package
 * name) or in "<stem>.<word>.node" (napi-rs's local file).  Counts the
 * words and the published ones; *first is the first word seen. */
static void scan_row(const struct pp_row *r, const char *t, const char *end, int *named, int *pub,
		     const char **first, size_t *nfirst)
{
	for (int form = 0; form < 2; form++) {
		const char *pat = form ? r->stem : r->prefix;
		size_t np = form ? r->nstem : r->nprefix;
		if (!np)
			continue;
		/* a stem ("cli", "core") is no name of its own: only with the
		 * package named in the text as well */
		if (form && !find_mem(t, (size_t)(end - t), r->pkgver, pkgname_len(r)))
			continue;
		/* at most 256 hits of a prefix per row: hostile text repeats one */
		int hits = 0;
		for (const char *s = t; s + np < end && *named < 64 && hits < 256; hits++) {
			const char *hit = find_mem(s, (size_t)(end - s), pat, np);
			if (!hit)
				break;
			s = hit + np;
			/* the name starts here, not inside a longer one: a path's
			 * segment is one ("node_modules/lightningcss-linux-x64-gnu"),
			 * a scope's name is not ("@vercel/turbo-...") */
			if (hit > t && (name_char(hit[-1]) || hit[-1] == '@' || hit[-1] == '.'))
				continue;
			if (hit > t && hit[-1] == '/' && pat[0] != '@') {
				const char *seg = hit - 1;
				while (seg > t && seg[-1] != '/' && seg[-1] != '\\' && !isspace((unsigned char)seg[-1]) &&
				       seg[-1] != '\'' && seg[-1] != '"')
					seg--;
				if (*seg == '@')
					continue;
			}
			const char *w = s;
			if (form) {
				if (w >= end || *w != '.')
					continue;
				w++;
			}
			const char *we = w;
			while (we < end && name_char(*we) && we - w < 64)
				we++;
			/* the local file's word ends at ".node" */
			if (form && (end - we < 5 || memcmp(we, ".node", 5)))
				continue;
			while (we > w && (we[-1] == '-' || we[-1] == '_'))
				we--;
			size_t n = (size_t)(we - w);
			if (!n || !platform_word(w, n))
				continue;
			if (!*first) {
				*first = w;
				*nfirst = n;
			}
			(*named)++;
			if (published(r, w, n))
				(*pub)++;
		}
	}
}

bool platform_never_published(struct arena *a, const char *t, const char *end, const char **pkg,
			      const char **wanted, const char **list)
{
	const char *p = (const char *)data_platform_packages_tsv;
	const char *dend = p + data_platform_packages_tsv_len;
	struct pp_row r;
	/* every row is read: a package's local file name ("oxfmt.<platform>.node")
	 * matches each of its rows (an old and a new prefix), and a platform
	 * that any of them published is published */
	bool found = false;
	while (next_row(&p, dend, &r)) {
		int named = 0, pub = 0;
		const char *first = NULL;
		size_t nfirst = 0;
		scan_row(&r, t, end, &named, &pub, &first, &nfirst);
		if (!named)
			continue;
		if (pub)
			return false;
		if (found)
			continue;
		found = true;
		*pkg = arena_strndup(a, r.pkgver, pkgname_len(&r));
		*wanted = arena_printf(a, "%.*s%.*s", (int)r.nprefix, r.prefix, (int)nfirst, first);
		*list = arena_strndup(a, r.list, r.nlist);
	}
	return found;
}
