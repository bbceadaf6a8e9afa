/*
 * altruntime.c - Bun and Deno: which release a spec or an executable is,
 * the measured row it behaves as (data/bun-releases.tsv,
 * data/deno-releases.tsv), and for --target, an executable modelled from
 * data/<kind>-exports.tsv so the loader checks every import against what
 * that release really exports (Bun's emulated V8 and libuv, Deno's
 * Node-API and few uv_ functions).
 *
 * Every row is one (release, platform): npm's linux-x64 and linux-arm64
 * glibc builds are measured (the arm64 ones under qemu), so a target or an
 * executable of another platform (the musl builds) has no row; --target
 * refuses it, --node says its steps are unknown (verdict/altsteps.c).
 *
 * Recognition reads strings the binaries carry (never runs them): Bun's
 * process.release.sourceUrl ".../oven-sh/bun/releases/download/bun-vX.Y.Z/"
 * and Deno's user agent "Deno/X.Y.Z+<commit>".  Bun 1.2+ also carries a
 * nodejs.org headers URL (process.release.headersUrl), which is why it
 * must be asked before the Node release URL is believed.
 */
#include "altruntime.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../parse/parse.h"
#include "data.h"
#include "nodebin.h"
#include "target.h"

struct kind_data {
	const char *kind, *name;
	const char *rel, *exp;
	size_t rel_len, exp_len;
};

static bool kind_data(const char *kind, struct kind_data *k)
{
	if (!strcmp(kind, "bun")) {
		*k = (struct kind_data){ "bun", "Bun", data_bun_releases_tsv, data_bun_exports_tsv,
					 data_bun_releases_tsv_len, data_bun_exports_tsv_len };
		return true;
	}
	if (!strcmp(kind, "deno")) {
		*k = (struct kind_data){ "deno", "Deno", data_deno_releases_tsv, data_deno_exports_tsv,
					 data_deno_releases_tsv_len, data_deno_exports_tsv_len };
		return true;
	}
	return false;
}

/* "1.2.23" -> {1,2,23}; a missing or wildcard part ("x", "*") is -1. */
static int split(const char *v, int part[3])
{
	part[0] = part[1] = part[2] = -1;
	int n = 0;
	const char *p = v;
	while (n < 3 && *p) {
		if (isdigit((unsigned char)*p)) {
			long x = strtol(p, (char **)&p, 10);
			if (x < 0 || x > 100000)
				return -1;
			part[n] = (int)x;
		} else if (*p == 'x' || *p == 'X' || *p == '*') {
			p++;
		} else {
			return -1;
		}
		n++;
		if (*p == '.')
			p++;
		else if (*p)
			return -1;
	}
	return *p ? -1 : n;
}

static int cmp3(const int a[3], const int b[3])
{
	for (int i = 0; i < 3; i++)
		if (a[i] != b[i])
			return a[i] < b[i] ? -1 : 1;
	return 0;
}

/* Reads the next data row of a releases table into r.  p advances. */
static bool next_row(const char **p, const char *end, struct alt_release *r,
		     struct arena *a)
{
	while (*p < end) {
		const char *nl = memchr(*p, '\n', (size_t)(end - *p));
		const char *le = nl ? nl : end;
		const char *line = *p;
		size_t len = (size_t)(le - *p);
		*p = nl ? nl + 1 : end;
		if (!len || line[0] == '#')
			continue;
		char buf[512];
		if (len >= sizeof buf)
			continue;
		memcpy(buf, line, len);
		buf[len] = '\0';
		char *f[9] = { 0 };
		char *s = buf;
		int n = 0;
		while (n < 9 && s) {
			f[n++] = s;
			s = strchr(s, '\t');
			if (s)
				*s++ = '\0';
		}
		if (n < 9)
			continue;
		memset(r, 0, sizeof *r);
		snprintf(r->version, sizeof r->version, "%s", f[0]);
		snprintf(r->platform, sizeof r->platform, "%s", f[1]);
		snprintf(r->node, sizeof r->node, "%s", f[2]);
		r->modules = atoi(f[3]);
		r->napi = atoi(f[4]);
		r->dlopen_code = !strcmp(f[5], "ERR_DLOPEN_FAILED");
		r->path_suffix = !strcmp(f[6], "path");
		r->legacy = !strcmp(f[7], "abi-check") ? ALT_LEGACY_ABI_CHECK
			  : !strcmp(f[7], "refuse") ? ALT_LEGACY_REFUSE : ALT_LEGACY_NONE;
		r->needed = a ? arena_strdup(a, f[8]) : NULL;
		return true;
	}
	return false;
}

/* Is pl one of the comma-separated list platforms() gives? */
static bool has_platform(const char *list, const char *pl)
{
	size_t n = strlen(pl);
	for (const char *p = list; (p = strstr(p, pl)) != NULL; p += n)
		if ((p == list || p[-1] == ' ') && (!p[n] || p[n] == ','))
			return true;
	return false;
}

/* The platforms the table has rows for, in words: "linux-x64-glibc, linux-arm64-glibc". */
static const char *platforms(struct arena *a, const struct kind_data *k)
{
	const char *p = k->rel, *end = k->rel + k->rel_len, *list = "";
	struct alt_release r;
	while (next_row(&p, end, &r, NULL)) {
		if (has_platform(list, r.platform))
			continue;
		list = *list ? arena_printf(a, "%s, %s", list, r.platform) : arena_strdup(a, r.platform);
		if (!list)
			return "";
	}
	return list;
}

/*
 * The row a version behaves as on platform plat.  A full X.Y.Z: that row,
 * else the highest row below it in the same major when one above it exists
 * too (a release between two measured ones); a prefix ("1", "1.2", "1.x"):
 * the highest row matching it.  *measured says whether the row is the
 * version itself.
 */
static bool pick(struct arena *a, const struct kind_data *k, const char *ver, const char *plat,
		 struct alt_release *out, bool *measured, const char **err)
{
	int want[3];
	int n = split(ver, want);
	if (n <= 0 || want[0] < 0) {
		*err = arena_printf(a, "'%s' is not a %s version (X.Y.Z, X.Y, X or X.x)", ver, k->name);
		return false;
	}
	bool full = n == 3 && want[1] >= 0 && want[2] >= 0;
	const char *p = k->rel, *end = k->rel + k->rel_len;
	struct alt_release r, best;
	bool have = false, above = false;
	char first[24] = "", last[24] = "";
	while (next_row(&p, end, &r, a)) {
		int v[3];
		if (split(r.version, v) != 3 || strcmp(r.platform, plat))
			continue;
		if (!first[0])
			snprintf(first, sizeof first, "%s", r.version);
		snprintf(last, sizeof last, "%s", r.version);
		if (full) {
			if (v[0] != want[0])
				continue;
			if (cmp3(v, want) <= 0) {
				best = r;
				have = true;
			} else {
				above = true;
			}
			continue;
		}
		bool match = v[0] == want[0] && (want[1] < 0 || v[1] == want[1]) &&
			     (n < 3 || want[2] < 0 || v[2] == want[2]);
		if (match) {
			best = r;
			have = true;
		}
	}
	if (full && have) {
		int v[3];
		split(best.version, v);
		*measured = cmp3(v, want) == 0;
		if (!*measured && !above) {
			*err = arena_printf(a, "%s %s is not in data/%s-releases.tsv (measured on %s: %s ... %s; "
					    "tools/refresh-alt-runtimes.sh adds releases)",
					    k->name, ver, k->kind, plat, first, last);
			return false;
		}
	} else {
		*measured = have;
	}
	if (!have) {
		*err = first[0] ? arena_printf(a, "unknown %s version '%s' (measured on %s: %s ... %s, data/%s-releases.tsv)",
					       k->name, ver, plat, first, last, k->kind)
				: arena_printf(a, "no %s release is measured on %s (data/%s-releases.tsv has %s)",
					       k->name, plat, k->kind, platforms(a, k));
		return false;
	}
	*out = best;
	return true;
}

/* The executable a --target release is modelled as: its DT_NEEDED and its
 * exports from the tables, looked up by the loader like a real one. */
static struct node_binary *model_exe(struct arena *a, const struct kind_data *k, const struct alt_runtime *alt,
				     const struct target *t)
{
	struct node_binary *nb = arena_alloc(a, sizeof *nb);
	struct binary *b = binary_new(a, k->kind, 0);
	if (!nb || !b)
		return NULL;
	memset(nb, 0, sizeof *nb);
	b->format = BIN_ELF;
	b->os = t->platform;
	b->arch = t->arch;
	b->libc = t->libc;
	b->bits = 64;
	b->filetype = "executable";
	char *libs = arena_strdup(a, alt->rel.needed ? alt->rel.needed : "");
	for (char *s = libs ? strtok(libs, " ") : NULL; s; s = strtok(NULL, " ")) {
		struct bin_lib *l = VEC_PUSH(a, &b->libs);
		if (l)
			l->name = s;
	}
	/* rows "version<TAB>platform<TAB>symbol" */
	const char *key = arena_printf(a, "%s\t%s\t", alt->rel.version, alt->rel.platform);
	size_t kl = key ? strlen(key) : 0;
	const char *p = k->exp, *end = k->exp + k->exp_len;
	while (key && p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *le = nl ? nl : end;
		const char *line = p;
		size_t len = (size_t)(le - p);
		p = nl ? nl + 1 : end;
		if (len <= kl || line[0] == '#' || memcmp(line, key, kl))
			continue;
		struct bin_sym *s = VEC_PUSH(a, &b->syms);
		if (!s)
			break;
		memset(s, 0, sizeof *s);
		s->name = arena_strndup(a, line + kl, len - kl);
		s->defined = true;
		s->bind = SYM_GLOBAL;
		s->type = SYM_FUNC;
	}
	nb->bin = b;
	snprintf(nb->version, sizeof nb->version, "%s", alt->version);
	nb->modules = alt->rel.modules;
	nb->napi = alt->rel.napi;
	nb->why = alt->why;
	nb->alt = alt;
	return nb;
}

int altrt_target_parse(struct arena *a, const char *spec, struct target *t, const char **err)
{
	struct kind_data k;
	const char *at = strchr(spec, '@');
	if (!at)
		return 0;
	char kind[8];
	size_t kl = (size_t)(at - spec);
	if (kl >= sizeof kind)
		return 0;
	memcpy(kind, spec, kl);
	kind[kl] = '\0';
	if (!kind_data(kind, &k))
		return 0;
	const char *slash = strchr(at, '/');
	char *ver = arena_strndup(a, at + 1, slash ? (size_t)(slash - at - 1) : strlen(at + 1));
	if (!ver)
		return -1;
	if (*ver == 'v')
		ver++;
	/* The platform is read as for Node (any release stands in). */
	struct target plat;
	if (target_parse(a, slash ? arena_printf(a, "node@20%s", slash) : "node@20", &plat, err))
		return -1;
	const char *pl = arena_printf(a, "%s-%s%s%s", plat.platform, plat.arch, plat.libc ? "-" : "",
				      plat.libc ? plat.libc : "");
	const char *have = platforms(a, &k);
	if (!pl || !has_platform(have, pl)) {
		*err = arena_printf(a, "%s targets are modelled for %s only (the platforms npm's binaries were measured on, "
				    "data/%s-releases.tsv), not %s%s",
				    k.name, have, k.kind, pl ? pl : "?",
				    plat.libc && !strcmp(plat.libc, "musl")
					    ? ": the musl builds need a libstdc++ built for musl and could not be run to measure them"
					    : "");
		return -1;
	}
	struct alt_runtime *alt = arena_alloc(a, sizeof *alt);
	if (!alt)
		return -1;
	memset(alt, 0, sizeof *alt);
	alt->kind = k.kind;
	alt->name = k.name;
	if (!pick(a, &k, ver, pl, &alt->rel, &alt->measured, err))
		return -1;
	snprintf(alt->version, sizeof alt->version, "%s",
		 split(ver, (int[3]){ 0 }) == 3 && !strpbrk(ver, "xX*") ? ver : alt->rel.version);
	alt->why = alt->measured
		? arena_printf(a, "%s %s as measured on npm's %s binary (data/%s-releases.tsv, data/%s-exports.tsv)",
			       k.name, alt->version, pl, k.kind, k.kind)
		: arena_printf(a, "%s %s is not measured on %s: taken as %s, the nearest measured release below it "
			       "(data/%s-releases.tsv)", k.name, alt->version, pl, alt->rel.version, k.kind);
	memset(t, 0, sizeof *t);
	t->spec = arena_strdup(a, spec);
	t->runtime = k.kind;
	snprintf(t->version, sizeof t->version, "%s", alt->version);
	t->modules = alt->rel.modules;
	t->napi = alt->rel.napi;
	t->platform = plat.platform;
	t->arch = plat.arch;
	t->libc = plat.libc;
	t->host = plat.host;
	t->argv0 = k.kind;
	t->alt = alt;
	t->node = model_exe(a, &k, alt, t);
	return t->node ? 1 : -1;
}

/* Finds needle in [off, off+len), then copies the version after it. */
static bool find_version(struct rfile *rf, uint64_t off, uint64_t len, const char *needle, bool need_plus,
			 char *out, size_t cap)
{
	enum { WIN = 1 << 20, OVER = 128 };
	size_t nl = strlen(needle);
	char *buf = malloc(WIN + OVER);
	if (!buf)
		return false;
	uint64_t end = off + len < off ? rf->size : off + len;
	if (end > rf->size)
		end = rf->size;
	bool found = false;
	for (uint64_t at = off; at < end && !found; at += WIN) {
		size_t n = (size_t)(end - at < WIN + OVER ? end - at : WIN + OVER);
		if (!rf_read(rf, at, buf, n))
			break;
		for (const char *p = buf; !found && (p = memchr(p, needle[0], (size_t)(buf + n - p))) != NULL; p++) {
			if ((size_t)(buf + n - p) < nl + 8 || memcmp(p, needle, nl))
				continue;
			const char *v = p + nl, *e = v;
			int dots = 0;
			while (e < buf + n && (isdigit((unsigned char)*e) || *e == '.') && (size_t)(e - v) + 1 < cap)
				dots += *e++ == '.';
			if (dots != 2 || e == v || e[-1] == '.' || e >= buf + n || (need_plus && *e != '+') ||
			    (!need_plus && *e != '/'))
				continue;
			memcpy(out, v, (size_t)(e - v));
			out[e - v] = '\0';
			found = true;
		}
	}
	free(buf);
	return found;
}

bool altrt_identify(struct rfile *rf, uint64_t off, uint64_t len, struct arena *a, struct node_binary *out)
{
	char ver[24];
	const char *kind = NULL, *how = NULL;
	if (find_version(rf, off, len, "/oven-sh/bun/releases/download/bun-v", false, ver, sizeof ver)) {
		kind = "bun";
		how = "its release URL \".../oven-sh/bun/releases/download/bun-v%s/\" (process.release.sourceUrl)";
	} else if (find_version(rf, off, len, "Deno/", true, ver, sizeof ver)) {
		kind = "deno";
		how = "its user agent \"Deno/%s+...\"";
	}
	if (!kind)
		return false;
	struct kind_data k;
	kind_data(kind, &k);
	struct alt_runtime *alt = arena_alloc(a, sizeof *alt);
	if (!alt)
		return false;
	memset(alt, 0, sizeof *alt);
	alt->kind = k.kind;
	alt->name = k.name;
	snprintf(alt->version, sizeof alt->version, "%s", ver);
	/* Its platform is the binary's own: machine and interpreter (libc). */
	const struct binary *b = out->bin;
	const char *pl = b && b->os && b->arch
		? arena_printf(a, "%s-%s%s%s", b->os, b->arch, b->libc ? "-" : "", b->libc ? b->libc : "")
		: "unknown";
	if (!pl)
		return false;
	const char *have = platforms(a, &k);
	alt->platform_unmeasured = !has_platform(have, pl);
	const char *err = NULL;
	if (alt->platform_unmeasured || !pick(a, &k, ver, pl, &alt->rel, &alt->measured, &err)) {
		/* Newer (or older) than every measured row of its platform (or no
		 * row for its platform at all): the nearest one, said so. */
		/* The highest row at or below it, else the lowest row; the
		 * table's rows are grouped by platform, so compare versions,
		 * never rely on the order of the file. */
		const char *p = k.rel, *end = k.rel + k.rel_len;
		struct alt_release r, below, lowest;
		bool have_below = false, any = false;
		int want[3], v[3], vb[3] = { 0 }, vl[3] = { 0 };
		split(ver, want);
		alt->measured = false;
		while (next_row(&p, end, &r, a)) {
			if (split(r.version, v) != 3 || (!alt->platform_unmeasured && strcmp(r.platform, pl)))
				continue;
			if (cmp3(v, want) <= 0 && (!have_below || cmp3(v, vb) > 0)) {
				below = r;
				memcpy(vb, v, sizeof vb);
				have_below = true;
			}
			if (!any || cmp3(v, vl) < 0) {
				lowest = r;
				memcpy(vl, v, sizeof vl);
				any = true;
			}
		}
		if (!any)
			return false;
		alt->rel = have_below ? below : lowest;
	}
	char *h = arena_printf(a, how, ver);
	alt->why = alt->platform_unmeasured
		? arena_printf(a, "%s %s for %s, read from %s; no %s release is measured on %s (data/%s-releases.tsv has %s): "
			       "what it does around dlopen() is unknown", k.name, ver, pl, h, k.name, pl, k.kind, have)
		: alt->measured
		? arena_printf(a, "%s %s for %s, read from %s; behaviour as measured (data/%s-releases.tsv)", k.name, ver,
			       pl, h, k.kind)
		: arena_printf(a, "%s %s for %s, read from %s; not measured: behaves as %s is taken (data/%s-releases.tsv)",
			       k.name, ver, pl, h, alt->rel.version, k.kind);
	snprintf(out->version, sizeof out->version, "%s", ver);
	out->modules = alt->rel.modules;
	out->napi = alt->rel.napi;
	out->why = alt->why;
	out->alt = alt;
	return true;
}

void altrt_from_node(struct arena *a, struct target *t)
{
	if (!t->node || !t->node->alt)
		return;
	const struct alt_runtime *alt = t->node->alt;
	t->alt = alt;
	t->runtime = alt->kind;
	snprintf(t->version, sizeof t->version, "%s", alt->version);
	t->modules = alt->rel.modules;
	t->napi = alt->rel.napi;
	t->spec = arena_printf(a, "%s@%s/%s-%s%s%s", alt->kind, t->version, t->platform, t->arch,
			       t->libc ? "-" : "", t->libc ? t->libc : "");
}
