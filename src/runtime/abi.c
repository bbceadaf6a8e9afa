/*
 * abi.c - lookups in the runtime tables: Node release -> NODE_MODULE_VERSION
 * and Node-API level, Electron release -> ABI, and ABI number -> words.
 *
 * The tables are data/node-releases.tsv and data/electron-abi.tsv, where a
 * row holds from its version up to the next row of the same release line,
 * the way node-abi's getAbi() reads its registry (greatest target <=
 * requested), and data/electron-node.tsv, one row per known Electron
 * release, exact matches only (the Node inside Electron changes in patch
 * releases).  All are embedded at build time (build/gen/data.h).  Nothing
 * here allocates: the tables are small (a few hundred rows; two thousand
 * short ones for Electron's releases) and are scanned on every call.
 */
#include "abi.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "data.h"

/* ---- rows --------------------------------------------------------------- */

static void copy_field(char *dst, size_t cap, const char *s, const char *e)
{
	size_t n = (size_t)(e - s);
	if (n >= cap)
		n = cap - 1;
	memcpy(dst, s, n);
	dst[n] = '\0';
}

static int field_int(const char *s, const char *e)
{
	char buf[16];
	copy_field(buf, sizeof buf, s, e);
	return atoi(buf);
}

void abi_iter_init(struct abi_iter *it, bool electron)
{
	it->electron = electron;
	it->p = electron ? data_electron_abi_tsv : data_node_releases_tsv;
	it->end = it->p + (electron ? data_electron_abi_tsv_len : data_node_releases_tsv_len);
}

bool abi_iter_next(struct abi_iter *it, struct abi_row *out)
{
	while (it->p < it->end) {
		const char *line = it->p;
		const char *eol = memchr(line, '\n', (size_t)(it->end - line));
		if (!eol)
			eol = it->end;
		it->p = eol < it->end ? eol + 1 : it->end;
		if (line == eol || *line == '#')
			continue;
		/* Split on tabs: node rows have 5 fields, electron rows 4. */
		const char *f[6];
		const char *fe[6];
		int nf = 0;
		const char *s = line;
		while (nf < 6) {
			const char *tab = memchr(s, '\t', (size_t)(eol - s));
			f[nf] = s;
			fe[nf] = tab ? tab : eol;
			nf++;
			if (!tab)
				break;
			s = tab + 1;
		}
		int need = it->electron ? 3 : 4;
		if (nf < need)
			continue;
		memset(out, 0, sizeof *out);
		out->electron = it->electron;
		copy_field(out->version, sizeof out->version, f[0], fe[0]);
		out->modules = field_int(f[1], fe[1]);
		if (it->electron) {
			out->napi = -1;
			copy_field(out->kind, sizeof out->kind, f[2], fe[2]);
			if (nf > 3)
				copy_field(out->note, sizeof out->note, f[3], fe[3]);
		} else {
			out->napi = field_int(f[2], fe[2]);
			copy_field(out->kind, sizeof out->kind, f[3], fe[3]);
			if (nf > 4)
				copy_field(out->note, sizeof out->note, f[4], fe[4]);
		}
		return true;
	}
	return false;
}

/* ---- versions ----------------------------------------------------------- */

/* Parses up to three numeric parts; *pre points at the prerelease text or "". */
static int parse_version(const char *v, long part[3], const char **pre)
{
	int n = 0;
	part[0] = part[1] = part[2] = 0;
	*pre = "";
	const char *p = v;
	while (n < 3 && isdigit((unsigned char)*p)) {
		long x = 0;
		while (isdigit((unsigned char)*p)) {
			if (x < 100000000)
				x = x * 10 + (*p - '0');
			p++;
		}
		part[n++] = x;
		if (*p == '.' && isdigit((unsigned char)p[1]))
			p++;
		else
			break;
	}
	if (*p == '-')
		*pre = p + 1;
	return n;
}

/* semver 11.4: dot-separated identifiers, numeric ones compared as numbers. */
static int pre_cmp(const char *a, const char *b)
{
	while (*a && *b) {
		size_t la = strcspn(a, "."), lb = strcspn(b, ".");
		bool na = la > 0 && strspn(a, "0123456789") >= la;
		bool nb = lb > 0 && strspn(b, "0123456789") >= lb;
		int c;
		if (na && nb)
			c = la != lb ? (la < lb ? -1 : 1) : strncmp(a, b, la);
		else if (na != nb)
			c = na ? -1 : 1;
		else {
			size_t m = la < lb ? la : lb;
			c = strncmp(a, b, m);
			if (c == 0 && la != lb)
				c = la < lb ? -1 : 1;
		}
		if (c)
			return c < 0 ? -1 : 1;
		a += la;
		b += lb;
		if (*a == '.')
			a++;
		if (*b == '.')
			b++;
	}
	return *a ? 1 : *b ? -1 : 0;
}

int abi_version_cmp(const char *a, const char *b)
{
	long pa[3], pb[3];
	const char *ra, *rb;
	parse_version(a, pa, &ra);
	parse_version(b, pb, &rb);
	for (int i = 0; i < 3; i++)
		if (pa[i] != pb[i])
			return pa[i] < pb[i] ? -1 : 1;
	if (!*ra != !*rb)
		return *ra ? -1 : 1; /* 1.0.0-alpha < 1.0.0 */
	return pre_cmp(ra, rb);
}

/* Release line of a Node version: the major, or major.minor for 0.x. */
static void node_line(const char *v, char *out, size_t cap)
{
	long p[3];
	const char *pre;
	parse_version(v, p, &pre);
	if (p[0] == 0)
		snprintf(out, cap, "0.%ld", p[1]);
	else
		snprintf(out, cap, "%ld", p[0]);
}

static bool is_release_kind(const char *kind)
{
	return !strcmp(kind, "line") || !strcmp(kind, "napi") || !strcmp(kind, "last") ||
	       !strcmp(kind, "future") || !strcmp(kind, "release");
}

/* Strips "v", "node@"; rejects anything that is not digits, dots, a
 * prerelease tail.  Returns the number of numeric parts, 0 if invalid. */
static int clean_spec(const char *spec, const char *prefix, char *out, size_t cap)
{
	if (!spec)
		return 0;
	size_t pl = strlen(prefix);
	if (!strncmp(spec, prefix, pl))
		spec += pl;
	if (*spec == 'v' || *spec == 'V')
		spec++;
	size_t n = strlen(spec);
	if (n == 0 || n >= cap || !isdigit((unsigned char)*spec))
		return 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)spec[i];
		if (!isalnum(c) && c != '.' && c != '-')
			return 0;
	}
	memcpy(out, spec, n + 1);
	/* After the numbers only ".x", or a pre-release tag after '-'
	 * ("31.0.0-beta.1", "23.0.0-rc.0"): "20x" or "20-linux-x64" is not a
	 * version, and reading its "20" would silently answer another
	 * question. */
	const char *rest = out + strspn(out, "0123456789.");
	if (*rest && !(!strcmp(rest, "x") && rest > out && rest[-1] == '.') && !(rest[0] == '-' && isalnum((unsigned char)rest[1])))
		return 0;
	if (rest[0] == '-') {
		static const char *const platforms[] = { "linux", "darwin", "win32", "windows", "freebsd", "macos", "alpine", "musl", "glibc", NULL };
		for (size_t i = 0; platforms[i]; i++)
			if (!strncmp(rest + 1, platforms[i], strlen(platforms[i])))
				return 0;
	}
	long p[3];
	const char *pre;
	int parts = parse_version(out, p, &pre);
	/* "22.x" and "22.3.x": the x means the whole line / minor. */
	size_t ol = strlen(out);
	if (ol >= 2 && out[ol - 1] == 'x' && out[ol - 2] == '.')
		out[ol - 2] = '\0';
	return parts;
}

bool abi_node_release(const char *spec, struct node_release *out)
{
	char v[24];
	int parts = clean_spec(spec, "node@", v, sizeof v);
	if (parts == 0)
		return false;
	long p[3];
	const char *pre;
	parse_version(v, p, &pre);
	char line[16], rline[16];
	node_line(v, line, sizeof line);
	/* How precise the request is: 0.x lines count their minor as the major. */
	int precision = parts;
	if (p[0] == 0)
		precision = parts == 2 ? 1 : parts == 3 ? 3 : 0;
	if (precision < 1)
		return false;

	/* The version the answer is about: the request, or the newest known. */
	char target[24];
	if (precision == 1) {
		/* Newest "last" row of the line; else its newest release row. */
		struct abi_iter it;
		struct abi_row r, best = {0};
		bool found = false;
		abi_iter_init(&it, false);
		while (abi_iter_next(&it, &r)) {
			node_line(r.version, rline, sizeof rline);
			if (strcmp(rline, line) || !is_release_kind(r.kind))
				continue;
			if (!found || abi_version_cmp(r.version, best.version) >= 0) {
				best = r;
				found = true;
			}
		}
		if (!found)
			return false;
		snprintf(target, sizeof target, "%s", best.version);
	} else if (precision == 2) {
		/* "22.3": the newest release of the minor is 22.3.<any>. */
		snprintf(target, sizeof target, "%ld.%ld.99999", p[0], p[1]);
	} else {
		snprintf(target, sizeof target, "%s", v);
	}

	struct abi_iter it;
	struct abi_row r, best = {0};
	bool found = false;
	abi_iter_init(&it, false);
	while (abi_iter_next(&it, &r)) {
		node_line(r.version, rline, sizeof rline);
		if (strcmp(rline, line) || !is_release_kind(r.kind))
			continue;
		if (abi_version_cmp(r.version, target) > 0)
			continue;
		if (!found || abi_version_cmp(r.version, best.version) >= 0) {
			best = r;
			found = true;
		}
	}
	if (!found)
		return false;
	memset(out, 0, sizeof *out);
	if (precision == 2)
		snprintf(out->version, sizeof out->version, "%ld.%ld.x", p[0], p[1]);
	else
		snprintf(out->version, sizeof out->version, "%s", precision == 1 ? target : v);
	out->modules = best.modules;
	out->napi = best.napi;
	return true;
}

bool abi_electron_release(const char *spec, struct electron_release *out)
{
	char v[24];
	int parts = clean_spec(spec, "electron@", v, sizeof v);
	if (parts == 0)
		return false;
	long p[3];
	const char *pre;
	parse_version(v, p, &pre);
	struct abi_iter it;
	struct abi_row r, best = {0};
	bool found = false;
	long last_major = -1;
	abi_iter_init(&it, true);
	if (parts == 1 && p[0] >= 2) {
		/* "31": the newest row of that major (its prereleases may differ). */
		while (abi_iter_next(&it, &r)) {
			long rp[3];
			const char *rpre;
			parse_version(r.version, rp, &rpre);
			if (rp[0] == p[0] && (!found || abi_version_cmp(r.version, best.version) >= 0)) {
				best = r;
				found = true;
			}
		}
	} else {
		/* node-abi's rule: greatest row <= the version, refused past the table. */
		char target[32];
		if (parts == 1)
			snprintf(target, sizeof target, "%ld.99999.0", p[0]);
		else if (parts == 2)
			snprintf(target, sizeof target, "%ld.%ld.99999", p[0], p[1]);
		else
			snprintf(target, sizeof target, "%s", v);
		while (abi_iter_next(&it, &r)) {
			long rp[3];
			const char *rpre;
			parse_version(r.version, rp, &rpre);
			last_major = rp[0];
			if (abi_version_cmp(r.version, target) <= 0 &&
			    (!found || abi_version_cmp(r.version, best.version) >= 0)) {
				best = r;
				found = true;
			}
		}
		if (p[0] > last_major)
			found = false;
		/* A row of an older major must not answer for an unknown newer major. */
		long bp[3];
		const char *bpre;
		if (found) {
			parse_version(best.version, bp, &bpre);
			if (bp[0] >= 2 && bp[0] != p[0])
				found = false;
		}
	}
	if (!found)
		return false;
	memset(out, 0, sizeof *out);
	snprintf(out->version, sizeof out->version, "%s", best.version);
	out->modules = best.modules;
	return true;
}

/* ---- Electron releases: data/electron-node.tsv ---------------------------- */

/* Next row "version<TAB>node<TAB>napi" ("-" = unknown); false at the end. */
static bool electron_node_next(const char **pp, const char *end, struct electron_node *out)
{
	while (*pp < end) {
		const char *line = *pp;
		const char *eol = memchr(line, '\n', (size_t)(end - line));
		if (!eol)
			eol = end;
		*pp = eol < end ? eol + 1 : end;
		if (line == eol || *line == '#')
			continue;
		const char *t1 = memchr(line, '\t', (size_t)(eol - line));
		const char *t2 = t1 ? memchr(t1 + 1, '\t', (size_t)(eol - t1 - 1)) : NULL;
		if (!t1 || !t2 || t1 == line)
			continue;
		memset(out, 0, sizeof *out);
		copy_field(out->version, sizeof out->version, line, t1);
		if (!(t2 - t1 == 2 && t1[1] == '-'))
			copy_field(out->node, sizeof out->node, t1 + 1, t2);
		out->napi = (eol - t2 == 2 && t2[1] == '-') || eol == t2 + 1 || !isdigit((unsigned char)t2[1])
			    ? -1 : field_int(t2 + 1, eol);
		return true;
	}
	return false;
}

/* An Electron line as electron-abi.tsv counts them: 0.x and 1.x minors
 * had ABIs of their own, majors from 2 on. */
static bool same_electron_line(const long a[3], const long b[3])
{
	return a[0] == b[0] && (a[0] >= 2 || a[1] == b[1]);
}

bool abi_electron_node(const char *version, struct electron_node *out)
{
	char v[40];
	if (clean_spec(version, "electron@", v, sizeof v) != 3)
		return false;
	const char *p = data_electron_node_tsv, *end = p + data_electron_node_tsv_len;
	struct electron_node r;
	while (electron_node_next(&p, end, &r))
		if (!strcmp(r.version, v)) {
			*out = r;
			return true;
		}
	return false;
}

int abi_electron_napi(const char *spec)
{
	char v[40];
	int parts = clean_spec(spec, "electron@", v, sizeof v);
	if (parts == 3) {
		struct electron_node r;
		return abi_electron_node(v, &r) ? r.napi : -1;
	}
	if (parts < 1)
		return -1;
	long want[3];
	const char *pre;
	parse_version(v, want, &pre);
	if (*pre)
		return -1;
	const char *p = data_electron_node_tsv, *end = p + data_electron_node_tsv_len;
	struct electron_node r;
	int level = -2;
	while (electron_node_next(&p, end, &r)) {
		long rp[3];
		const char *rpre;
		parse_version(r.version, rp, &rpre);
		if (*rpre || rp[0] != want[0] || (parts >= 2 && rp[1] != want[1]))
			continue;
		if (r.napi < 0 || (level != -2 && level != r.napi))
			return -1;
		level = r.napi;
	}
	return level == -2 ? -1 : level;
}

bool abi_electron_newest(const char *version, char *buf, size_t cap)
{
	char v[40];
	if (!buf || cap == 0 || clean_spec(version, "electron@", v, sizeof v) < 1)
		return false;
	long want[3];
	const char *pre;
	parse_version(v, want, &pre);
	const char *p = data_electron_node_tsv, *end = p + data_electron_node_tsv_len;
	struct electron_node r;
	char best[40] = "";
	while (electron_node_next(&p, end, &r)) {
		long rp[3];
		const char *rpre;
		parse_version(r.version, rp, &rpre);
		if (*rpre || !same_electron_line(rp, want))
			continue;
		if (!best[0] || abi_version_cmp(r.version, best) > 0)
			snprintf(best, sizeof best, "%s", r.version);
	}
	if (!best[0])
		return false;
	snprintf(buf, cap, "%s", best);
	return true;
}

/* ---- numbers to words --------------------------------------------------- */

struct sbuf {
	char *p;
	size_t cap, len;
};

static void sb_add(struct sbuf *b, const char *fmt, const char *a1, const char *a2)
{
	if (b->len >= b->cap)
		return;
	int n = snprintf(b->p + b->len, b->cap - b->len, fmt, a1, a2);
	if (n > 0)
		b->len += (size_t)n < b->cap - b->len ? (size_t)n : b->cap - b->len - 1;
}

/* Appends one runtime phrase, joining with ", " / " or ". */
static void add_item(char items[][96], int *n, int max, const char *s)
{
	if (*n >= max)
		return;
	for (int i = 0; i < *n; i++)
		if (!strcmp(items[i], s))
			return;
	snprintf(items[*n], 96, "%s", s);
	(*n)++;
}

#define DESCRIBE_MAX_ITEMS 12

/* Node lines that use `modules`, as "Node.js 20.x" / "io.js 1.1.0+" phrases. */
static void node_items(int modules, char items[][96], int *n, const char *want_kind)
{
	struct abi_iter it;
	struct abi_row r, prev = {0};
	bool have_prev = false;
	char line[16], pline[16];
	/* Per line: does every release row share the number? */
	abi_iter_init(&it, false);
	while (abi_iter_next(&it, &r)) {
		if (strcmp(want_kind, "release") == 0 ? !is_release_kind(r.kind) : strcmp(r.kind, want_kind))
			continue;
		if (r.modules != modules)
			continue;
		node_line(r.version, line, sizeof line);
		if (have_prev) {
			node_line(prev.version, pline, sizeof pline);
			if (!strcmp(line, pline))
				continue; /* one phrase per line */
		}
		prev = r;
		have_prev = true;
		long p[3];
		const char *pre;
		parse_version(r.version, p, &pre);
		const char *name = (p[0] >= 1 && p[0] <= 3) ? "io.js" : "Node.js";
		char phrase[160];
		if (!strcmp(want_kind, "pre")) {
			snprintf(phrase, sizeof phrase, "a Node.js %s development build", r.version);
			add_item(items, n, DESCRIBE_MAX_ITEMS, phrase);
			continue;
		}
		if (!strcmp(want_kind, "variant")) {
			snprintf(phrase, sizeof phrase, "Node.js %s.x as built by a distribution", line);
			add_item(items, n, DESCRIBE_MAX_ITEMS, phrase);
			continue;
		}
		/* Whole line, or only part of it? */
		struct abi_iter it2;
		struct abi_row q;
		char qline[16];
		bool whole = true, started = false;
		char first_other_after[24] = "";
		abi_iter_init(&it2, false);
		while (abi_iter_next(&it2, &q)) {
			node_line(q.version, qline, sizeof qline);
			if (strcmp(qline, line) || !is_release_kind(q.kind))
				continue;
			if (q.modules != modules) {
				whole = false;
				if (started && !first_other_after[0])
					snprintf(first_other_after, sizeof first_other_after, "%s", q.version);
			} else if (!strcmp(q.version, r.version)) {
				started = true;
			}
		}
		bool future = !strcmp(r.kind, "future");
		if (whole)
			snprintf(phrase, sizeof phrase, "%s %s.x%s", name, line, future ? " (not yet released)" : "");
		else if (first_other_after[0] && abi_version_cmp(r.version, line) <= 0)
			snprintf(phrase, sizeof phrase, "%s %s.x before %s", name, line, first_other_after);
		else if (first_other_after[0])
			snprintf(phrase, sizeof phrase, "%s %s to before %s", name, r.version, first_other_after);
		else
			snprintf(phrase, sizeof phrase, "%s %s+", name, r.version);
		add_item(items, n, DESCRIBE_MAX_ITEMS, phrase);
	}
}

/* Electron majors (0.x/1.x: minors) that use `modules`. */
static void electron_items(int modules, char items[][96], int *n)
{
	struct abi_iter it;
	struct abi_row r;
	struct abi_row rows[128];
	size_t nr = 0;
	abi_iter_init(&it, true);
	while (abi_iter_next(&it, &r) && nr < sizeof rows / sizeof rows[0])
		rows[nr++] = r;
	for (size_t i = 0; i < nr; i++) {
		if (rows[i].modules != modules)
			continue;
		long p[3];
		const char *pre;
		parse_version(rows[i].version, p, &pre);
		char phrase[160];
		const char *future = !strcmp(rows[i].kind, "future") ? " (not yet released)" : "";
		if (p[0] < 2) {
			long np[3] = {-1, -1, -1};
			if (i + 1 < nr)
				parse_version(rows[i + 1].version, np, &pre);
			if (np[0] == p[0] && np[1] > p[1] + 1)
				snprintf(phrase, sizeof phrase, "Electron %ld.%ld-%ld.%ld", p[0], p[1], p[0], np[1] - 1);
			else
				snprintf(phrase, sizeof phrase, "Electron %ld.%ld", p[0], p[1]);
			add_item(items, n, DESCRIBE_MAX_ITEMS, phrase);
			continue;
		}
		/* The next row of the same major, if any, ends this one. */
		const char *until = NULL;
		for (size_t j = i + 1; j < nr; j++) {
			long q[3];
			parse_version(rows[j].version, q, &pre);
			if (q[0] != p[0])
				break;
			if (rows[j].modules != modules) {
				until = rows[j].version;
				break;
			}
		}
		if (until)
			snprintf(phrase, sizeof phrase, "Electron %ld before %s", p[0], until);
		else
			snprintf(phrase, sizeof phrase, "Electron %ld%s", p[0], future);
		add_item(items, n, DESCRIBE_MAX_ITEMS, phrase);
	}
}

const char *abi_describe(int modules, char *buf, size_t cap)
{
	if (!buf || cap == 0)
		return "";
	char items[DESCRIBE_MAX_ITEMS][96];
	int n = 0;
	node_items(modules, items, &n, "release");
	electron_items(modules, items, &n);
	if (n == 0)
		node_items(modules, items, &n, "variant");
	if (n == 0)
		node_items(modules, items, &n, "pre");
	struct sbuf b = { buf, cap, 0 };
	buf[0] = '\0';
	if (n == 0) {
		snprintf(buf, cap, "an unknown runtime (NODE_MODULE_VERSION %d)", modules);
		return buf;
	}
	for (int i = 0; i < n; i++) {
		const char *sep = i == 0 ? "" : " or ";
		sb_add(&b, "%s%s", sep, items[i]);
	}
	return buf;
}
