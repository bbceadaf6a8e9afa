/*
 * package_texts.c - the load-failure texts that a package's own JavaScript
 * loader throws (workerd, sass-embedded, @sentry/cli, ...), as data
 * (data/package-texts.tsv) instead of one C matcher each.
 *
 * A pattern is literal text with %p (an npm package name, captured), %s
 * (any other interpolation, on one line) and spaces that match any run of
 * blanks, line breaks included (pastes rewrap).  Every paste is hostile and
 * up to 4 MiB, so the work is bounded: each row is searched for the longest
 * word of its first literal piece with memmem, and only the hits are
 * verified, backwards to the pattern's start and forwards to its end, with
 * no backtracking except a %p shortened (at most NPM_NAME_MAX bytes); a %s
 * ends at the first occurrence of what follows it, found through a cache
 * that only moves forward, so a row costs O(n) memmem work plus a bounded
 * amount per hit.
 */
#include "explain.h"

#include <stdint.h>

#include "../util/findmem.h"
#include <string.h>

#include "data.h"

/* npm refuses names longer than 214 characters. */
#define NPM_NAME_MAX 214
/* A rewrapped space is a few blanks and a line break and an indent; a
 * longer run is not the same sentence any more. */
#define BLANK_MAX 256
/* An interpolation (a path, a version, a list of paths) stays on its line
 * and is never longer than this in a real paste. */
#define ANY_MAX 4096
/* Tokens in one pattern: the longest real one has about 30. */
#define TOK_MAX 64

enum tok_kind { T_WORD, T_BLANK, T_PKG, T_ANY };

struct tok {
	enum tok_kind kind;
	const char *s; /* T_WORD: the bytes (not NUL-terminated) */
	size_t len;
};

struct row {
	const char *package, *version, *file, *cause, *title, *why, *fix, *source;
	struct tok tok[TOK_MAX];
	size_t ntok;
	size_t anchor; /* index of the longest T_WORD before the first placeholder */
	size_t before; /* most bytes the tokens before the anchor can span */
	bool word_start; /* the pattern begins with a letter or digit */
};

struct table {
	struct row *row;
	size_t n;
};

static bool is_blank(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static bool is_alnum(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

static bool is_pkg_char(unsigned char c)
{
	return is_alnum(c) || c == '@' || c == '.' || c == '_' || c == '/' || c == '-';
}

/* Splits a pattern into tokens; false for a pattern this matcher cannot
 * run in bounded time (starting with a placeholder, two placeholders in a
 * row, a placeholder followed by a space and then another placeholder). */
static bool tokenize(const char *p, size_t n, struct row *r)
{
	size_t i = 0;
	r->ntok = 0;
	while (i < n) {
		if (r->ntok == TOK_MAX)
			return false;
		struct tok *t = &r->tok[r->ntok];
		unsigned char c = (unsigned char)p[i];
		if (c == ' ') {
			while (i < n && p[i] == ' ')
				i++;
			t->kind = T_BLANK;
		} else if (c == '%' && i + 1 < n && (p[i + 1] == 'p' || p[i + 1] == 's')) {
			t->kind = p[i + 1] == 'p' ? T_PKG : T_ANY;
			i += 2;
		} else {
			size_t b = i;
			while (i < n && p[i] != ' ' && !(p[i] == '%' && i + 1 < n && (p[i + 1] == 'p' || p[i + 1] == 's')))
				i++;
			t->kind = T_WORD;
			t->s = p + b;
			t->len = i - b;
		}
		r->ntok++;
	}
	if (r->ntok == 0 || r->tok[0].kind != T_WORD || r->tok[r->ntok - 1].kind == T_BLANK)
		return false;
	size_t best = 0, bestlen = 0;
	for (size_t k = 0; k < r->ntok; k++) {
		enum tok_kind kd = r->tok[k].kind;
		if (kd == T_PKG || kd == T_ANY) {
			/* what follows a placeholder must be a word (or a blank
			 * then a word), so that its end can be found */
			if (k + 1 < r->ntok) {
				size_t nx = r->tok[k + 1].kind == T_BLANK ? k + 2 : k + 1;
				if (nx >= r->ntok || r->tok[nx].kind != T_WORD)
					return false;
			}
			if (!bestlen)
				return false;
			break;
		}
		if (kd == T_WORD && r->tok[k].len > bestlen) {
			best = k;
			bestlen = r->tok[k].len;
		}
	}
	if (!bestlen)
		return false;
	r->anchor = best;
	r->before = 0;
	for (size_t k = 0; k < best; k++)
		r->before += r->tok[k].kind == T_WORD ? r->tok[k].len : BLANK_MAX;
	r->word_start = is_alnum((unsigned char)r->tok[0].s[0]);
	return true;
}

/* One row: 8 tab-separated fields. */
static bool parse_row(struct arena *a, const char *line, size_t n, struct row *r)
{
	const char *f[8];
	size_t fl[8];
	size_t k = 0, b = 0;
	for (size_t i = 0; i <= n && k < 8; i++) {
		if (i == n || line[i] == '\t') {
			f[k] = line + b;
			fl[k] = i - b;
			k++;
			b = i + 1;
		}
	}
	if (k != 8 || b <= n)
		return false;
	for (size_t i = 0; i < 8; i++)
		if (!fl[i])
			return false;
	char *pat = arena_strndup(a, f[4], fl[4]);
	r->package = arena_strndup(a, f[0], fl[0]);
	r->version = arena_strndup(a, f[1], fl[1]);
	r->file = arena_strndup(a, f[2], fl[2]);
	r->cause = arena_strndup(a, f[3], fl[3]);
	r->title = arena_strndup(a, f[5], fl[5]);
	r->why = arena_strndup(a, f[6], fl[6]);
	r->fix = arena_strndup(a, f[7], fl[7]);
	if (!pat || !r->package || !r->version || !r->file || !r->cause || !r->title || !r->why || !r->fix)
		return false;
	r->source = arena_printf(a, "%s@%s %s", r->package, r->version, r->file);
	if (!r->source || !tokenize(pat, fl[4], r))
		return false;
	/* {p} needs a capture */
	bool has_pkg = false;
	for (size_t i = 0; i < r->ntok; i++)
		has_pkg |= r->tok[i].kind == T_PKG;
	return has_pkg || !strstr(r->fix, "{p}");
}

/* A malformed row is skipped (the refresh script and the unit test say
 * which); the rest still work. */
static bool build(struct arena *a, const char *tab, size_t len, struct table *t)
{
	size_t lines = 0;
	for (size_t i = 0; i < len; i++)
		lines += tab[i] == '\n';
	t->row = arena_calloc(a, lines + 1, sizeof *t->row);
	t->n = 0;
	if (!t->row)
		return false;
	for (size_t i = 0; i < len;) {
		const char *nl = memchr(tab + i, '\n', len - i);
		size_t e = nl ? (size_t)(nl - tab) : len;
		if (e > i && tab[i] != '#' && t->n <= lines && parse_row(a, tab + i, e - i, &t->row[t->n]))
			t->n++;
		i = e + 1;
	}
	return true;
}

/* w in [from, n): its offset, or n when it is not there */
static size_t find(const char *t, size_t n, size_t from, const char *w, size_t wl)
{
	const char *hit = from < n ? find_mem(t + from, n - from, w, wl) : NULL;
	return hit ? (size_t)(hit - t) : n;
}

/* The literal piece of tokens [k, end) (words and blanks) at `at`; *e
 * its end. */
static bool match_literal(const char *t, size_t n, const struct row *r, size_t k, size_t end, size_t at, size_t *e)
{
	size_t cur = at;
	for (; k < end; k++) {
		const struct tok *tk = &r->tok[k];
		if (tk->kind == T_WORD) {
			if (tk->len > n - cur || memcmp(t + cur, tk->s, tk->len) != 0)
				return false;
			cur += tk->len;
		} else {
			size_t b = cur;
			while (cur < n && cur - b <= BLANK_MAX && is_blank((unsigned char)t[cur]))
				cur++;
			if (cur == b || cur - b > BLANK_MAX)
				return false;
		}
	}
	*e = cur;
	return true;
}

/* The end of the literal piece that starts at token k (the next
 * placeholder or the pattern's end). */
static size_t piece_end(const struct row *r, size_t k)
{
	while (k < r->ntok && (r->tok[k].kind == T_WORD || r->tok[k].kind == T_BLANK))
		k++;
	return k;
}

/* "The first position at or after q" caches for one row and one text:
 * what a %s looks for, and line breaks.  The hits of a row are tried in
 * increasing order, so queries mostly grow and each search starts where
 * the last one stopped; a query behind the last one searches only the
 * part before it. */
struct next_cache {
	size_t q, at; /* `at`: the first answer at or after q (n when none) */
	bool valid;
};

/* Where the literal piece [wk, pe) matches first at or after `from`,
 * counting from its first word (wk is a T_WORD). */
static size_t scan_piece(const char *t, size_t n, const struct row *r, size_t wk, size_t pe, size_t from, size_t to)
{
	const struct tok *w = &r->tok[wk];
	size_t e;
	while (from < to) {
		size_t o = find(t, to, from, w->s, w->len);
		if (o >= to)
			break;
		if (match_literal(t, n, r, wk, pe, o, &e))
			return o;
		from = o + 1;
	}
	return n;
}

static size_t next_piece(const char *t, size_t n, const struct row *r, size_t wk, struct next_cache *c, size_t from)
{
	size_t pe = piece_end(r, wk);
	if (c->valid && from >= c->q && c->at >= from)
		return c->at;
	if (c->valid && from < c->q) {
		size_t to = c->q + r->tok[wk].len - 1 < n ? c->q + r->tok[wk].len - 1 : n;
		size_t o = scan_piece(t, n, r, wk, pe, from, to);
		return o < n && o < c->q ? o : c->at;
	}
	c->q = from;
	c->at = scan_piece(t, n, r, wk, pe, from, n);
	c->valid = true;
	return c->at;
}

static size_t next_nl(const char *t, size_t n, struct next_cache *c, size_t from)
{
	if (c->valid && from >= c->q && c->at >= from)
		return c->at;
	if (c->valid && from < c->q) {
		const char *hit = memchr(t + from, '\n', c->q - from);
		return hit ? (size_t)(hit - t) : c->at;
	}
	const char *hit = from < n ? memchr(t + from, '\n', n - from) : NULL;
	c->q = from;
	c->at = hit ? (size_t)(hit - t) : n;
	c->valid = true;
	return c->at;
}

struct match_state {
	struct next_cache piece[TOK_MAX];
	struct next_cache nl;
};

static bool word_at(const char *t, size_t n, size_t at, const struct tok *w)
{
	return at <= n && w->len <= n - at && memcmp(t + at, w->s, w->len) == 0;
}

/* Forward from cur over tokens [k, ntok); *end the end of the match. */
static bool match_forward(const char *t, size_t n, const struct row *r, size_t k, size_t cur, struct match_state *ms,
			  size_t *end, size_t *cap_at, size_t *cap_len)
{
	while (k < r->ntok) {
		const struct tok *tk = &r->tok[k];
		if (tk->kind == T_WORD || tk->kind == T_BLANK) {
			size_t pe = piece_end(r, k);
			if (!match_literal(t, n, r, k, pe, cur, &cur))
				return false;
			k = pe;
		} else if (tk->kind == T_PKG) {
			size_t b = cur, lim = n - cur < NPM_NAME_MAX ? n - cur : NPM_NAME_MAX;
			size_t len = 0;
			while (len < lim && is_pkg_char((unsigned char)t[b + len]))
				len++;
			if (len == NPM_NAME_MAX && b + len < n && is_pkg_char((unsigned char)t[b + len]))
				return false; /* longer than any npm name */
			/* a name ends before a '.' or '/' that the pattern has
			 * next ("%p." at a sentence end): shorten until it fits */
			const struct tok *nx = k + 1 < r->ntok && r->tok[k + 1].kind == T_WORD ? &r->tok[k + 1] : NULL;
			if (nx)
				while (len > 0 && !word_at(t, n, b + len, nx))
					len--;
			if (!len)
				return false;
			if (!*cap_len) {
				*cap_at = b;
				*cap_len = len;
			}
			cur = b + len;
			k++;
		} else { /* T_ANY: up to where the next literal piece matches */
			size_t nl = next_nl(t, n, &ms->nl, cur);
			if (k + 1 == r->ntok) {
				/* the rest of the line */
				if (nl - cur > ANY_MAX)
					return false;
				cur = nl;
				break;
			}
			size_t wk = r->tok[k + 1].kind == T_BLANK ? k + 2 : k + 1;
			size_t o = next_piece(t, n, r, wk, &ms->piece[wk], cur);
			if (o >= n)
				return false;
			size_t e = o;
			if (wk == k + 2)
				while (e > cur && is_blank((unsigned char)t[e - 1]))
					e--;
			if (e > nl || e - cur > ANY_MAX)
				return false;
			cur = e;
			k++;
		}
	}
	*end = cur;
	return true;
}

/* Backward from the anchor at `at` over tokens [0, anchor); *start. */
static bool match_backward(const char *t, const struct row *r, size_t at, size_t *start)
{
	size_t cur = at;
	for (size_t k = r->anchor; k-- > 0;) {
		const struct tok *tk = &r->tok[k];
		if (tk->kind == T_WORD) {
			if (cur < tk->len || memcmp(t + cur - tk->len, tk->s, tk->len) != 0)
				return false;
			cur -= tk->len;
		} else { /* T_BLANK: placeholders never come before the anchor */
			size_t b = cur;
			while (cur > 0 && b - cur <= BLANK_MAX && is_blank((unsigned char)t[cur - 1]))
				cur--;
			if (cur == b || b - cur > BLANK_MAX)
				return false;
		}
	}
	if (r->word_start && cur > 0 && is_alnum((unsigned char)t[cur - 1]))
		return false;
	*start = cur;
	return true;
}

/* The first match of row r in [t, t+n) starting before `limit`. */
static bool match_row(const char *t, size_t n, const struct row *r, size_t limit, size_t *start, size_t *cap_at,
		      size_t *cap_len)
{
	const struct tok *an = &r->tok[r->anchor];
	struct match_state ms;
	memset(&ms, 0, sizeof ms);
	size_t from = 0;
	while (from < n) {
		size_t at = find(t, n, from, an->s, an->len), s, e;
		if (at >= n)
			return false;
		from = at + 1;
		if (at >= limit + r->before)
			return false; /* no later hit can start before limit */
		if (!match_backward(t, r, at, &s) || s >= limit)
			continue;
		*cap_at = 0;
		*cap_len = 0;
		if (match_forward(t, n, r, r->anchor + 1, at + an->len, &ms, &e, cap_at, cap_len)) {
			*start = s;
			return true;
		}
	}
	return false;
}

/* fix with {p} and {pkg} put in. */
static const char *substitute(struct arena *a, const char *fix, const char *p, const char *pkg)
{
	size_t plen = p ? strlen(p) : 0, pkglen = strlen(pkg), need = 1;
	for (const char *s = fix; *s;) {
		if (!strncmp(s, "{pkg}", 5)) {
			need += pkglen;
			s += 5;
		} else if (!strncmp(s, "{p}", 3)) {
			need += p ? plen : 3;
			s += 3;
		} else {
			need++;
			s++;
		}
	}
	char *o = arena_alloc_raw(a, need), *w = o;
	if (!o)
		return NULL;
	for (const char *s = fix; *s;) {
		if (!strncmp(s, "{pkg}", 5)) {
			memcpy(w, pkg, pkglen);
			w += pkglen;
			s += 5;
		} else if (!strncmp(s, "{p}", 3) && p) {
			memcpy(w, p, plen);
			w += plen;
			s += 3;
		} else {
			*w++ = *s++;
		}
	}
	*w = '\0';
	return o;
}

static const struct table *table(void)
{
	/* Built once per process in an arena that lives as long as it (the
	 * table is constant; l10n.c does the same with its own). */
	static struct arena own;
	static struct table tab;
	static int state; /* 0 not built, 1 built, -1 failed */
	if (!state) {
		arena_init(&own);
		state = build(&own, (const char *)data_package_texts_tsv, data_package_texts_tsv_len, &tab) ? 1 : -1;
	}
	return state > 0 ? &tab : NULL;
}

size_t explain_package_text_rows(void)
{
	const struct table *tab = table();
	return tab ? tab->n : 0;
}

bool explain_package_text(struct arena *a, const char *t, size_t n, struct pkg_text_hit *out)
{
	memset(out, 0, sizeof *out);
	const struct table *tab = table();
	if (!tab || !t)
		return false;
	if (n > EXPLAIN_MAX_INPUT)
		n = EXPLAIN_MAX_INPUT;
	const struct row *best = NULL;
	size_t best_at = n, best_cap = 0, best_caplen = 0;
	for (size_t i = 0; i < tab->n; i++) {
		size_t s, ca, cl;
		if (match_row(t, n, &tab->row[i], best ? best_at : n, &s, &ca, &cl) && (!best || s < best_at)) {
			best = &tab->row[i];
			best_at = s;
			best_cap = ca;
			best_caplen = cl;
		}
	}
	if (!best)
		return false;
	const char *cap = best_caplen ? arena_strndup(a, t + best_cap, best_caplen) : NULL;
	out->package = best->package;
	out->cause = best->cause;
	out->title = best->title;
	out->why = best->why;
	out->fix = substitute(a, best->fix, cap, best->package);
	out->captured = cap;
	out->source = best->source;
	out->at = best_at;
	return out->fix != NULL;
}
