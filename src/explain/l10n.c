/*
 * l10n.c - puts glibc's translated loader texts back into English before
 * the matchers see a paste, and repairs pastes whose UTF-8 was shown as
 * Latin-1 / Windows-1252 and encoded again ("nÃ£o foi possÃ­vel"), or by a
 * Windows console in its OEM code page 850 or 437 ("N├úo foi poss├¡vel",
 * data/console-codepages.tsv).
 *
 * glibc's dlerror() passes the loader's error string and the errno text
 * through gettext (libc.mo), so a process that called setlocale(LC_ALL,
 * "") in a pt_BR session reports "não é possível abrir arquivo
 * compartilhado: Arquivo ou diretório inexistente" for "cannot open shared
 * object file: No such file or directory".  (node never calls setlocale:
 * node's own dlopen errors are English whatever LANG says; other hosts -
 * GTK applications, whose gtk_init calls it, embedders, Python - show the
 * translations.)  The texts and their translations are data,
 * data/glibc-messages.tsv, from Debian's libc-l10n
 * (tools/refresh-glibc-messages.sh).
 *
 * Every input is hostile (a paste is up to 4 MiB):
 * - the translation pass tries each position of the text against the
 *   fragments that share its first L10N_KEY bytes only (a bitmap of first
 *   byte pairs, then a hash of the 8-byte key), so the work per position
 *   is bounded by the table, not by the text: at most the summed length of
 *   one key's fragments (explain_l10n_table reports that bound; the unit
 *   test keeps it small);
 * - its output may be longer than its input (an English text can be longer
 *   than its translation), so the caller gives it an explicit capacity and
 *   a replacement that would not fit leaves the rest of the text as it was;
 * - the mojibake repair reads each line once and writes fewer bytes than it
 *   reads.
 */
#include "explain.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "data.h"

/* A fragment shorter than this is not distinctive enough to be rewritten
 * (a translated ": " or "»" would rewrite ordinary text). */
#define L10N_MIN 8
/* The hash key: the first L10N_KEY bytes of a fragment (<= L10N_MIN). */
#define L10N_KEY 8

struct frag {
	const char *t, *e;   /* translated fragment, its English */
	size_t tn, en;
	uint64_t key;
};

struct l10n_index {
	struct frag *f;      /* sorted by key, then longest first */
	size_t nf;
	uint32_t *slot;      /* open addressing: 1 + index of a key's first fragment, 0 empty */
	size_t mask;
	uint8_t *pair;       /* bitmap of first two bytes, 65536 bits */
	size_t maxwork;      /* bytes compared at one position, at most (when asked for) */
};

static uint64_t key_at(const char *s)
{
	uint64_t k;
	memcpy(&k, s, sizeof k);
	return k;
}

static size_t hash_key(uint64_t k)
{
	k ^= k >> 33;
	k *= 0xff51afd7ed558ccdULL;
	k ^= k >> 33;
	return (size_t)k;
}

/* chars_pass (clean.c) turns typographic quotes into ASCII ones before this
 * pass runs; the table's texts get the same treatment so they still match. */
static size_t fold_quotes(const char *s, size_t n, char *o)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		if ((unsigned char)s[i] == 0xe2 && i + 2 < n && (unsigned char)s[i + 1] == 0x80) {
			unsigned char d = (unsigned char)s[i + 2];
			if (d == 0x98 || d == 0x99 || d == 0x9c || d == 0x9d) {
				o[k++] = d <= 0x99 ? '\'' : '"';
				i += 2;
				continue;
			}
		}
		o[k++] = s[i];
	}
	return k;
}

/* Length of a printf conversion at s ('%' ... conversion), 0 when s does
 * not start one; *pos gets its N of "%N$", 0 when it has none. */
static size_t conversion_at(const char *s, const char *end, int *pos)
{
	*pos = 0;
	if (s >= end || *s != '%')
		return 0;
	const char *p = s + 1;
	if (p < end && *p == '%')
		return 2;
	const char *q = p;
	int v = 0;
	while (q < end && *q >= '0' && *q <= '9' && v < 100)
		v = v * 10 + (*q++ - '0');
	if (q > p && q < end && *q == '$') {
		*pos = v;
		p = q + 1;
	}
	while (p < end && strchr("-+ #0'I", *p))
		p++;
	while (p < end && ((*p >= '0' && *p <= '9') || *p == '*' || *p == '.'))
		p++;
	while (p < end && strchr("hlLqjzt", *p))
		p++;
	if (p < end && strchr("diouxXeEfFgGaAcspnmC", *p))
		return (size_t)(p + 1 - s);
	return 0;
}

#define MAX_PARTS 8

/* Splits [s, end) at its conversions: part i is [b[i], e[i]); returns the
 * number of parts, or 0 when there are too many or the positional
 * arguments are not in order (the parts could not be paired then). */
static int split_format(const char *s, const char *end, const char **b, const char **e)
{
	int np = 0, last = 0;
	const char *start = s;
	for (const char *p = s; p < end;) {
		int pos;
		size_t c = conversion_at(p, end, &pos);
		if (!c) {
			p++;
			continue;
		}
		if (pos && pos <= last)
			return 0;
		if (pos)
			last = pos;
		if (np + 1 >= MAX_PARTS)
			return 0;
		b[np] = start;
		e[np++] = p;
		p += c;
		start = p;
	}
	b[np] = start;
	e[np++] = end;
	return np;
}

static int frag_cmp(const void *x, const void *y)
{
	const struct frag *a = x, *b = y;
	if (a->key != b->key)
		return a->key < b->key ? -1 : 1;
	if (a->tn != b->tn)
		return a->tn > b->tn ? -1 : 1;
	return 0;
}

static size_t lcp(const struct frag *x, const struct frag *y)
{
	size_t n = 0;
	while (n < x->tn && n < y->tn && x->t[n] == y->t[n])
		n++;
	return n;
}

/* The most bytes a lookup compares among one key's fragments f[0..n):
 * comparing the text with fragment g costs its common prefix with g plus
 * the byte that differs, and the sum over g is largest for a text that
 * follows one fragment to its end (the common prefixes only shrink off
 * that path), so the bound is the largest such sum over the fragments. */
static size_t group_work(const struct frag *f, size_t n)
{
	size_t most = 0;
	for (size_t e = 0; e < n; e++) {
		size_t w = 0;
		for (size_t g = 0; g < n; g++) {
			size_t l = lcp(f + e, f + g);
			w += l < f[g].tn ? l + 1 : l;
		}
		if (w > most)
			most = w;
	}
	return most;
}

/* bound: compute ix->maxwork (quadratic in a key's fragments, so only
 * when asked: the unit test checks it). */
static bool build_index(struct arena *a, const char *tab, size_t tablen, struct l10n_index *ix, bool bound)
{
	memset(ix, 0, sizeof *ix);
	VEC(struct frag) fv = { 0 };
	const char *p = tab, *end = tab + tablen;
	while (p < end) {
		const char *line = p, *eol = memchr(line, '\n', (size_t)(end - line));
		if (!eol)
			eol = end;
		p = eol < end ? eol + 1 : end;
		if (line == eol || *line == '#')
			continue;
		const char *t1 = memchr(line, '\t', (size_t)(eol - line));
		const char *t2 = t1 ? memchr(t1 + 1, '\t', (size_t)(eol - t1 - 1)) : NULL;
		if (!t2 || t2 == t1 + 1 || t2 + 1 >= eol)
			continue;
		char *tr = arena_alloc_raw(a, (size_t)(eol - t2));
		if (!tr)
			return false;
		size_t trn = fold_quotes(t2 + 1, (size_t)(eol - t2 - 1), tr);
		const char *eb[MAX_PARTS], *ee[MAX_PARTS], *tb[MAX_PARTS], *te[MAX_PARTS];
		int ne = split_format(t1 + 1, t2, eb, ee), nt = split_format(tr, tr + trn, tb, te);
		if (!ne || ne != nt)
			continue;
		for (int i = 0; i < nt; i++) {
			size_t tn = (size_t)(te[i] - tb[i]), en = (size_t)(ee[i] - eb[i]);
			if (tn < L10N_MIN || (tn == en && !memcmp(tb[i], eb[i], tn)))
				continue;
			struct frag *f = VEC_PUSH(a, &fv);
			if (!f)
				return false;
			*f = (struct frag){ tb[i], eb[i], tn, en, key_at(tb[i]) };
		}
	}
	if (!fv.n)
		return true;
	qsort(fv.v, fv.n, sizeof fv.v[0], frag_cmp);
	size_t cap = 16;
	while (cap < fv.n * 2)
		cap *= 2;
	ix->slot = arena_calloc(a, cap, sizeof *ix->slot);
	ix->pair = arena_alloc(a, 65536 / 8);
	if (!ix->slot || !ix->pair)
		return false;
	ix->f = fv.v;
	ix->nf = fv.n;
	ix->mask = cap - 1;
	size_t maxgroup = 0;
	for (size_t i = 0; i < fv.n;) {
		size_t j = i;
		while (j < fv.n && fv.v[j].key == fv.v[i].key)
			j++;
		size_t work = bound ? group_work(fv.v + i, j - i) : 0;
		size_t h = hash_key(fv.v[i].key) & ix->mask;
		while (ix->slot[h])
			h = (h + 1) & ix->mask;
		ix->slot[h] = (uint32_t)(i + 1);
		unsigned pr = (unsigned char)fv.v[i].t[0] | (unsigned)(unsigned char)fv.v[i].t[1] << 8;
		ix->pair[pr >> 3] |= (uint8_t)(1u << (pr & 7));
		if (work > maxgroup)
			maxgroup = work;
		i = j;
	}
	/* a lookup probes at most the longest run of filled slots (the table
	 * is at most half full, so there is an empty one), then compares one
	 * key's fragments */
	size_t run = 0, longest = 0;
	for (size_t h = 0; h < 2 * cap; h++) {
		run = ix->slot[h & ix->mask] ? run + 1 : 0;
		if (run > longest)
			longest = run;
	}
	ix->maxwork = maxgroup + (longest + 1) * L10N_KEY;
	return true;
}

static bool is_word(unsigned char c)
{
	return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
}

/* The longest fragment at s[i..n) (NULL when none). */
static const struct frag *lookup(const struct l10n_index *ix, const char *s, size_t i, size_t n)
{
	if (n - i < L10N_MIN)
		return NULL;
	unsigned pr = (unsigned char)s[i] | (unsigned)(unsigned char)s[i + 1] << 8;
	if (!(ix->pair[pr >> 3] & (1u << (pr & 7))))
		return NULL;
	uint64_t k = key_at(s + i);
	for (size_t h = hash_key(k) & ix->mask; ix->slot[h]; h = (h + 1) & ix->mask) {
		size_t j = ix->slot[h] - 1;
		if (ix->f[j].key != k)
			continue;
		for (; j < ix->nf && ix->f[j].key == k; j++) {
			const struct frag *f = &ix->f[j];
			if (f->tn > n - i || memcmp(s + i, f->t, f->tn))
				continue;
			/* a fragment that starts or ends with a letter of a
			 * Latin word must not begin or end inside a word */
			if (is_word((unsigned char)f->t[0]) && i > 0 && is_word((unsigned char)s[i - 1]))
				continue;
			if (is_word((unsigned char)f->t[f->tn - 1]) && i + f->tn < n && is_word((unsigned char)s[i + f->tn]))
				continue;
			return f;
		}
		return NULL;
	}
	return NULL;
}

static size_t rewrite(const struct l10n_index *ix, const char *s, size_t n, char *o, size_t cap)
{
	if (cap < n)
		n = cap;
	if (!ix || !ix->nf) {
		memcpy(o, s, n);
		return n;
	}
	/* invariant: k + (n - i) <= cap, so the rest always fits verbatim */
	size_t k = 0;
	for (size_t i = 0; i < n;) {
		const struct frag *f = lookup(ix, s, i, n);
		if (f && k + f->en + (n - i - f->tn) <= cap) {
			memcpy(o + k, f->e, f->en);
			k += f->en;
			i += f->tn;
			continue;
		}
		o[k++] = s[i++];
	}
	return k;
}

size_t explain_l10n_table(struct arena *a, const char *tab, size_t tablen, const char *s, size_t n, char *o, size_t cap,
			  size_t *maxwork)
{
	struct l10n_index ix;
	bool built = build_index(a, tab, tablen, &ix, maxwork != NULL);
	if (maxwork)
		*maxwork = built ? ix.maxwork : 0;
	return rewrite(built ? &ix : NULL, s, n, o, cap);
}

size_t explain_l10n(const char *s, size_t n, char *o, size_t cap)
{
	/* The embedded table is constant, so its index is built once per
	 * process (in an arena of its own that lives as long as the process)
	 * instead of once per paste: building it costs far more than
	 * rewriting a paste, and a corpus run or a fuzzer explains thousands. */
	static struct arena own;
	static struct l10n_index ix;
	static int state; /* 0 not built, 1 built, -1 failed (rewrite nothing) */
	if (!state) {
		arena_init(&own);
		state = build_index(&own, data_glibc_messages_tsv, data_glibc_messages_tsv_len, &ix, false) ? 1 : -1;
	}
	return rewrite(state > 0 ? &ix : NULL, s, n, o, cap);
}

/* ---- mojibake ------------------------------------------------------------ */

/* A code page a paste's UTF-8 may have been shown in: the character of
 * each byte 0x80..0xff, and the same pairs sorted by character for the
 * way back. */
struct codepage {
	uint32_t ch[128];
	struct cp_pair {
		uint32_t ch;
		uint8_t byte;
	} by_ch[160];
	size_t n; /* entries of by_ch (characters the page has) */
};

/* Windows-1252's characters for bytes 0x80..0x9f (0 where it has none: a
 * decoder passes those bytes through as U+0080..U+009F). */
static const uint16_t cp1252[32] = {
	0x20ac, 0, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017d, 0,
	0, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0, 0x017e, 0x0178,
};

static int pair_cmp(const void *a, const void *b)
{
	const struct cp_pair *x = a, *y = b;
	return x->ch < y->ch ? -1 : x->ch > y->ch;
}

static void index_page(struct codepage *p, bool latin1)
{
	p->n = 0;
	for (int i = 0; i < 128; i++)
		if (p->ch[i])
			p->by_ch[p->n++] = (struct cp_pair){p->ch[i], (uint8_t)(0x80 + i)};
	/* Latin-1 and Windows-1252 at once: a decoder of either shows bytes
	 * 0x80..0x9f, as CP1252's characters or as the C1 controls U+0080..
	 * U+009F (ch[] holds the CP1252 ones where it has them) */
	for (int i = 0; latin1 && i < 32; i++)
		if (p->ch[i] != (uint32_t)(0x80 + i))
			p->by_ch[p->n++] = (struct cp_pair){(uint32_t)(0x80 + i), (uint8_t)(0x80 + i)};
	qsort(p->by_ch, p->n, sizeof p->by_ch[0], pair_cmp);
}

/* The console code pages of data/console-codepages.tsv ("cpNNN TAB 128
 * hex code points"); a row that does not parse is left out (its page is
 * then not tried), it never half-fills one. */
static size_t load_console_pages(struct codepage *out, size_t max)
{
	size_t n = 0;
	const char *s = data_console_codepages_tsv, *end = s + data_console_codepages_tsv_len;
	while (s < end && n < max) {
		const char *le = memchr(s, '\n', (size_t)(end - s));
		if (!le)
			le = end;
		const char *p = s;
		s = le < end ? le + 1 : end;
		if (*p == '#' || le - p < 3 || memcmp(p, "cp", 2))
			continue;
		p = memchr(p, '\t', (size_t)(le - p));
		if (!p)
			continue;
		p++;
		int i = 0;
		while (i < 128 && p < le) {
			uint32_t v = 0;
			int d = 0;
			for (; p < le && d < 6; p++, d++) {
				char c = *p;
				int x = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
				if (x < 0)
					break;
				v = v << 4 | (uint32_t)x;
			}
			if (!d || (p < le && *p != ' '))
				break;
			out[n].ch[i++] = v;
			if (p < le)
				p++;
		}
		if (i == 128 && p >= le) {
			index_page(&out[n], false);
			n++;
		}
	}
	return n;
}

/* Latin-1 / Windows-1252 first (a browser or editor that guessed wrong),
 * then the console pages (a Windows console showing node's UTF-8 output
 * in its OEM code page, then copied as Unicode). */
static const struct codepage *pages(size_t *n)
{
	static struct codepage all[4];
	static size_t count;
	static int state;
	if (!state) {
		for (int i = 0; i < 128; i++)
			all[0].ch[i] = i < 32 ? (cp1252[i] ? cp1252[i] : (uint32_t)(0x80 + i)) : (uint32_t)(0x80 + i);
		index_page(&all[0], true);
		count = 1 + load_console_pages(all + 1, sizeof all / sizeof all[0] - 1);
		state = 1;
	}
	*n = count;
	return all;
}

/* One UTF-8 character at s (strict: no overlong forms, no surrogates);
 * its length, 0 when invalid. */
static size_t utf8_at(const unsigned char *s, const unsigned char *end, uint32_t *cp)
{
	unsigned char c = s[0];
	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	size_t n = c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3 : c >= 0xf0 && c <= 0xf4 ? 4 : 0;
	if (!n || (size_t)(end - s) < n)
		return 0;
	uint32_t v = c & (0x7f >> n);
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		v = v << 6 | (s[i] & 0x3f);
	}
	if ((n == 3 && (v < 0x800 || (v >= 0xd800 && v <= 0xdfff))) || (n == 4 && (v < 0x10000 || v > 0x10ffff)))
		return 0;
	*cp = v;
	return n;
}

/* The byte the page showed as cp, or -1. */
static int byte_of(const struct codepage *p, uint32_t cp)
{
	if (cp < 0x80)
		return (int)cp;
	size_t lo = 0, hi = p->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (p->by_ch[mid].ch == cp)
			return p->by_ch[mid].byte;
		if (p->by_ch[mid].ch < cp)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

/* Writes the line [s, e) back to the bytes page p decoded it from into o
 * when every character is one the page produces and the bytes are valid
 * UTF-8 with at least one character outside ASCII; returns the length
 * written, or 0 when the line is not this page's mojibake.
 * Latin-1 shows byte 0xad (the second byte of "í", C3 AD) as a soft
 * hyphen, which browsers hide and copies drop: "possÃvel".  So in the
 * Latin-1 page a 0xc3 that no continuation byte follows gets its 0xad
 * back when a letter follows (no other letter's second byte is invisible
 * there; a 0xc3 at the end of a line is a cut sequence and stays).  The output is
 * never longer than the line: each character above ASCII took two bytes
 * or more and gives one (or two, for that Ã). */
static size_t unmojibake_line(const struct codepage *p, bool latin1, const unsigned char *s, const unsigned char *e, char *o)
{
	size_t k = 0, high = 0;
	for (const unsigned char *q = s; q < e;) {
		uint32_t cp;
		size_t l = utf8_at(q, e, &cp);
		int b = l ? byte_of(p, cp) : -1;
		if (b < 0)
			return 0;
		high += b >= 0x80;
		o[k++] = (char)b;
		q += l;
		if (latin1 && b == 0xc3 && q < e && ((*q >= 'a' && *q <= 'z') || (*q >= 'A' && *q <= 'Z')))
			o[k++] = (char)0xad; /* the hidden soft hyphen */
	}
	if (!high)
		return 0;
	const unsigned char *r = (const unsigned char *)o, *rend = r + k;
	for (const unsigned char *q = r; q < rend;) {
		uint32_t cp;
		size_t l = utf8_at(q, rend, &cp);
		if (!l)
			return 0;
		q += l;
	}
	return k;
}

size_t explain_unmojibake(const char *s, size_t n, char *o)
{
	size_t np;
	const struct codepage *pg = pages(&np);
	size_t k = 0;
	const char *end = s + n;
	for (const char *ls = s; ls < end;) {
		const char *le = memchr(ls, '\n', (size_t)(end - ls));
		if (!le)
			le = end;
		size_t w = 0;
		for (size_t i = 0; i < np && !w; i++)
			w = unmojibake_line(&pg[i], i == 0, (const unsigned char *)ls, (const unsigned char *)le, o + k);
		if (!w) {
			memcpy(o + k, ls, (size_t)(le - ls));
			w = (size_t)(le - ls);
		}
		k += w;
		if (le < end)
			o[k++] = '\n';
		ls = le < end ? le + 1 : end;
	}
	return k;
}
