/*
 * semver.c - npm version ranges (node-semver's grammar and desugaring, read
 * from its README "Advanced Range Syntax"; our own code).
 *
 * A range is desugared into comparator sets (one per "||" alternative),
 * each an AND of (op, version) pairs; a version satisfies the range when it
 * satisfies every comparator of one set.  Everything is bounded: a range
 * longer than RANGE_MAX or with more than SET_MAX comparators is refused.
 */
#include "semver.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#define RANGE_MAX 512
#define SET_MAX 32
#define TOKENS_MAX 32
#define NUM_MAX 99999999    /* past any real version part; keeps +1 from overflowing */

enum op { OP_GE, OP_GT, OP_LE, OP_LT, OP_EQ, OP_NONE /* matches nothing */ };

struct cmp {
	enum op op;
	int v[3];
};

struct set {
	struct cmp c[SET_MAX];
	int n;
};

/* A partial version: its first n parts are numbers, the rest wildcards. */
struct partial {
	int n;
	int v[3];
};

static bool add(struct set *s, enum op op, int a, int b, int c)
{
	if (s->n >= SET_MAX)
		return false;
	s->c[s->n].op = op;
	s->c[s->n].v[0] = a;
	s->c[s->n].v[1] = b;
	s->c[s->n].v[2] = c;
	s->n++;
	return true;
}

/* Reads "v1.2.3-pre+b", "1.x", "*", "1.2" from p; false on anything else. */
static bool parse_partial(const char *p, struct partial *out)
{
	out->n = 0;
	out->v[0] = out->v[1] = out->v[2] = 0;
	while (*p == '=' || *p == 'v' || *p == 'V')
		p++;
	bool wild = false;
	for (int i = 0; i < 3; i++) {
		if (*p == 'x' || *p == 'X' || *p == '*') {
			wild = true;
			p++;
		} else if (isdigit((unsigned char)*p)) {
			long n = 0;
			while (isdigit((unsigned char)*p)) {
				n = n * 10 + (*p - '0');
				if (n > NUM_MAX)
					return false;
				p++;
			}
			if (!wild) {
				out->v[i] = (int)n;
				out->n = i + 1;
			}
		} else {
			return false;
		}
		if (*p != '.')
			break;
		p++;
		if (!*p)
			return false;
	}
	/* A prerelease or build tag after the version: ignored (see semver.h). */
	if (*p == '-' || *p == '+') {
		if (!p[1])
			return false;
		for (p++; *p; p++)
			if (!isalnum((unsigned char)*p) && *p != '.' && *p != '-' && *p != '+')
				return false;
	}
	return *p == '\0';
}

static bool desugar(struct set *s, const char *op, const struct partial *pv)
{
	const int *v = pv->v;
	int n = pv->n;
	if (!strcmp(op, "") || !strcmp(op, "=")) {
		if (n == 0)
			return true;
		if (n == 3)
			return add(s, OP_EQ, v[0], v[1], v[2]);
		if (n == 1)
			return add(s, OP_GE, v[0], 0, 0) && add(s, OP_LT, v[0] + 1, 0, 0);
		return add(s, OP_GE, v[0], v[1], 0) && add(s, OP_LT, v[0], v[1] + 1, 0);
	}
	if (!strcmp(op, ">")) {
		if (n == 0)
			return add(s, OP_NONE, 0, 0, 0);
		if (n == 3)
			return add(s, OP_GT, v[0], v[1], v[2]);
		if (n == 1)
			return add(s, OP_GE, v[0] + 1, 0, 0);
		return add(s, OP_GE, v[0], v[1] + 1, 0);
	}
	if (!strcmp(op, ">="))
		return n == 0 || add(s, OP_GE, v[0], n > 1 ? v[1] : 0, n > 2 ? v[2] : 0);
	if (!strcmp(op, "<")) {
		if (n == 0)
			return add(s, OP_NONE, 0, 0, 0);
		return add(s, OP_LT, v[0], n > 1 ? v[1] : 0, n > 2 ? v[2] : 0);
	}
	if (!strcmp(op, "<=")) {
		if (n == 0)
			return true;
		if (n == 3)
			return add(s, OP_LE, v[0], v[1], v[2]);
		if (n == 1)
			return add(s, OP_LT, v[0] + 1, 0, 0);
		return add(s, OP_LT, v[0], v[1] + 1, 0);
	}
	if (!strcmp(op, "~") || !strcmp(op, "~>")) {
		if (n == 0)
			return true;
		if (n == 1)
			return add(s, OP_GE, v[0], 0, 0) && add(s, OP_LT, v[0] + 1, 0, 0);
		return add(s, OP_GE, v[0], v[1], n > 2 ? v[2] : 0) && add(s, OP_LT, v[0], v[1] + 1, 0);
	}
	if (!strcmp(op, "^")) {
		if (n == 0)
			return true;
		int lo1 = n > 1 ? v[1] : 0, lo2 = n > 2 ? v[2] : 0;
		if (!add(s, OP_GE, v[0], lo1, lo2))
			return false;
		/* The upper bound keeps the left-most non-zero part given. */
		if (v[0] > 0 || n == 1)
			return add(s, OP_LT, v[0] + 1, 0, 0);
		if (v[1] > 0 || n == 2)
			return add(s, OP_LT, 0, v[1] + 1, 0);
		return add(s, OP_LT, 0, 0, v[2] + 1);
	}
	return false;
}

/* Splits a comparator token into its operator and the partial after it. */
static bool comparator(struct set *s, const char *tok)
{
	static const char *const ops[] = {">=", "<=", "~>", ">", "<", "=", "~", "^"};
	const char *op = "";
	for (size_t i = 0; i < sizeof ops / sizeof *ops; i++) {
		size_t l = strlen(ops[i]);
		if (!strncmp(tok, ops[i], l)) {
			op = ops[i];
			tok += l;
			break;
		}
	}
	struct partial pv;
	return parse_partial(tok, &pv) && desugar(s, op, &pv);
}

static bool is_op_only(const char *t)
{
	return !strcmp(t, ">=") || !strcmp(t, "<=") || !strcmp(t, ">") || !strcmp(t, "<") ||
	       !strcmp(t, "=") || !strcmp(t, "~") || !strcmp(t, "^") || !strcmp(t, "~>");
}

/* One "||" alternative, in place (tokens are cut out of buf). */
static bool parse_set(char *buf, struct set *s)
{
	s->n = 0;
	char *tok[TOKENS_MAX];
	int nt = 0;
	for (char *p = buf;;) {
		while (*p == ' ' || *p == '\t')
			p++;
		if (!*p)
			break;
		if (nt == TOKENS_MAX)
			return false;
		tok[nt++] = p;
		while (*p && *p != ' ' && *p != '\t')
			p++;
		if (*p)
			*p++ = '\0';
	}
	if (nt == 3 && !strcmp(tok[1], "-")) {
		struct partial lo, hi;
		if (!parse_partial(tok[0], &lo) || !parse_partial(tok[2], &hi))
			return false;
		if (lo.n > 0 && !add(s, OP_GE, lo.v[0], lo.v[1], lo.v[2]))
			return false;
		if (hi.n == 3)
			return add(s, OP_LE, hi.v[0], hi.v[1], hi.v[2]);
		if (hi.n == 2)
			return add(s, OP_LT, hi.v[0], hi.v[1] + 1, 0);
		if (hi.n == 1)
			return add(s, OP_LT, hi.v[0] + 1, 0, 0);
		return true;
	}
	for (int i = 0; i < nt; i++) {
		/* ">= 1.2.3": node-semver joins an operator to the version after it. */
		if (is_op_only(tok[i])) {
			if (i + 1 >= nt || is_op_only(tok[i + 1]))
				return false;
			char joined[RANGE_MAX + 4];
			snprintf(joined, sizeof joined, "%s%s", tok[i], tok[i + 1]);
			if (!comparator(s, joined))
				return false;
			i++;
			continue;
		}
		if (!comparator(s, tok[i]))
			return false;
	}
	return true;
}

bool semver_parse(const char *v, int out[3])
{
	struct partial pv;
	if (!v || strlen(v) > RANGE_MAX || !parse_partial(v, &pv) || pv.n != 3)
		return false;
	/* "=1.2.3" is a range, not a version. */
	if (*v == '=')
		return false;
	memcpy(out, pv.v, sizeof pv.v);
	return true;
}

int semver_cmp(const int a[3], const int b[3])
{
	for (int i = 0; i < 3; i++)
		if (a[i] != b[i])
			return a[i] < b[i] ? -1 : 1;
	return 0;
}

static bool set_matches(const struct set *s, const int v[3])
{
	for (int i = 0; i < s->n; i++) {
		int c = semver_cmp(v, s->c[i].v);
		bool ok;
		switch (s->c[i].op) {
		case OP_GE: ok = c >= 0; break;
		case OP_GT: ok = c > 0; break;
		case OP_LE: ok = c <= 0; break;
		case OP_LT: ok = c < 0; break;
		case OP_EQ: ok = c == 0; break;
		default: ok = false; break;
		}
		if (!ok)
			return false;
	}
	return true;
}

int semver_satisfies(const char *range, const char *version)
{
	int v[3];
	if (!range || !semver_parse(version, v))
		return -1;
	size_t len = strlen(range);
	if (len > RANGE_MAX)
		return -1;
	char buf[RANGE_MAX + 1];
	memcpy(buf, range, len + 1);
	/* Alternatives split on "||"; a bare '|' is not part of the grammar. */
	int result = 0;
	for (char *alt = buf;;) {
		char *bar = strstr(alt, "||");
		if (bar)
			*bar = '\0';
		if (strchr(alt, '|'))
			return -1;
		struct set s;
		if (!parse_set(alt, &s))
			return -1;
		if (set_matches(&s, v))
			result = 1;
		if (!bar)
			break;
		alt = bar + 2;
	}
	return result;
}

bool semver_exact(const char *range, int out[3])
{
	if (!range)
		return false;
	while (*range == ' ' || *range == '\t')
		range++;
	if (*range == '=')
		range++;
	char buf[64];
	size_t n = strcspn(range, " \t");
	if (n == 0 || n >= sizeof buf || range[n + strspn(range + n, " \t")] != '\0')
		return false;
	memcpy(buf, range, n);
	buf[n] = '\0';
	return semver_parse(buf, out);
}
