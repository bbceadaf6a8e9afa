/*
 * jsonread.c - recursive-descent JSON parser with caps (see jsonread.h).
 */
#include "jsonread.h"

#include <stdlib.h>
#include <string.h>

struct jp {
	const char *s, *end;
	struct arena *a;
	int depth;
};

static void ws(struct jp *p)
{
	while (p->s < p->end && (*p->s == ' ' || *p->s == '\t' || *p->s == '\n' || *p->s == '\r'))
		p->s++;
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9') return c - '0';
	if (c >= 'a' && c <= 'f') return c - 'a' + 10;
	if (c >= 'A' && c <= 'F') return c - 'A' + 10;
	return -1;
}

static bool hex4(struct jp *p, unsigned *out)
{
	if (p->end - p->s < 4)
		return false;
	unsigned v = 0;
	for (int i = 0; i < 4; i++) {
		int h = hexval(p->s[i]);
		if (h < 0)
			return false;
		v = v << 4 | (unsigned)h;
	}
	p->s += 4;
	*out = v;
	return true;
}

static size_t put_utf8(char *o, unsigned cp)
{
	if (cp < 0x80) { o[0] = (char)cp; return 1; }
	if (cp < 0x800) { o[0] = (char)(0xc0 | cp >> 6); o[1] = (char)(0x80 | (cp & 0x3f)); return 2; }
	if (cp < 0x10000) {
		o[0] = (char)(0xe0 | cp >> 12); o[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		o[2] = (char)(0x80 | (cp & 0x3f)); return 3;
	}
	o[0] = (char)(0xf0 | cp >> 18); o[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
	o[2] = (char)(0x80 | ((cp >> 6) & 0x3f)); o[3] = (char)(0x80 | (cp & 0x3f));
	return 4;
}

static const char *str(struct jp *p)
{
	if (p->s >= p->end || *p->s != '"')
		return NULL;
	p->s++;
	const char *start = p->s;
	/* Decoded text is never longer than the escaped text. */
	const char *q = start;
	while (q < p->end && *q != '"') {
		if (*q == '\\')
			q++;
		q++;
	}
	if (q >= p->end)
		return NULL;
	char *out = arena_alloc(p->a, (size_t)(q - start) + 1);
	if (!out)
		return NULL;
	size_t n = 0;
	while (p->s < p->end && *p->s != '"') {
		unsigned char c = (unsigned char)*p->s++;
		if (c < 0x20)
			return NULL;
		if (c != '\\') {
			out[n++] = (char)c;
			continue;
		}
		if (p->s >= p->end)
			return NULL;
		char e = *p->s++;
		switch (e) {
		case '"': case '\\': case '/': out[n++] = e; break;
		case 'b': out[n++] = '\b'; break;
		case 'f': out[n++] = '\f'; break;
		case 'n': out[n++] = '\n'; break;
		case 'r': out[n++] = '\r'; break;
		case 't': out[n++] = '\t'; break;
		case 'u': {
			unsigned cp;
			if (!hex4(p, &cp))
				return NULL;
			if (cp >= 0xd800 && cp < 0xdc00 && p->end - p->s >= 6 && p->s[0] == '\\' && p->s[1] == 'u') {
				const char *save = p->s;
				unsigned lo;
				p->s += 2;
				if (hex4(p, &lo) && lo >= 0xdc00 && lo < 0xe000)
					cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
				else
					p->s = save;
			}
			if (cp == 0)
				cp = 0xfffd; /* keep C strings whole */
			n += put_utf8(out + n, cp);
			break;
		}
		default:
			return NULL;
		}
	}
	if (p->s >= p->end)
		return NULL;
	p->s++; /* closing quote */
	out[n] = '\0';
	return out;
}

static struct jv *value(struct jp *p);

/* Grows a pair of parallel arrays in the arena (old copies are abandoned). */
static bool grow(struct jp *p, struct jv *v, size_t *cap, bool keys)
{
	size_t ncap = *cap ? *cap * 2 : 8;
	struct jv **nv = arena_calloc(p->a, ncap, sizeof *nv);
	if (!nv)
		return false;
	if (v->n)
		memcpy(nv, v->vals, v->n * sizeof *nv);
	v->vals = nv;
	if (keys) {
		const char **nk = arena_calloc(p->a, ncap, sizeof *nk);
		if (!nk)
			return false;
		if (v->n)
			memcpy(nk, v->keys, v->n * sizeof *nk);
		v->keys = nk;
	}
	*cap = ncap;
	return true;
}

struct keyref {
	const char *k;
	size_t i;
};

static int cmp_keyref(const void *x, const void *y)
{
	const struct keyref *a = x, *b = y;
	int c = strcmp(a->k, b->k);
	return c ? c : a->i < b->i ? -1 : a->i > b->i;
}

/*
 * Duplicate keys, as JSON.parse (and so npm) has them: one member, in the
 * first one's place, with the last one's value.  Sorting costs n log n,
 * so a hostile object of 100 000 keys cannot make this quadratic.
 */
static bool dedup_keys(struct jp *p, struct jv *v)
{
	if (v->n < 2)
		return true;
	struct keyref *r = arena_alloc_raw(p->a, v->n * sizeof *r);
	if (!r)
		return false;
	for (size_t i = 0; i < v->n; i++)
		r[i] = (struct keyref){ v->keys[i], i };
	qsort(r, v->n, sizeof *r, cmp_keyref);
	bool any = false;
	for (size_t g = 0, e; g < v->n; g = e) {
		for (e = g + 1; e < v->n && !strcmp(r[e].k, r[g].k); e++)
			v->keys[r[e].i] = NULL; /* dropped below */
		if (e - g > 1) {
			v->vals[r[g].i] = v->vals[r[e - 1].i];
			any = true;
		}
	}
	if (!any)
		return true;
	size_t out = 0;
	for (size_t i = 0; i < v->n; i++)
		if (v->keys[i]) {
			v->keys[out] = v->keys[i];
			v->vals[out++] = v->vals[i];
		}
	v->n = out;
	return true;
}

static struct jv *container(struct jp *p, bool obj)
{
	if (++p->depth > JSONREAD_MAX_DEPTH)
		return NULL;
	struct jv *v = arena_alloc(p->a, sizeof *v);
	if (!v)
		return NULL;
	v->type = obj ? JV_OBJ : JV_ARR;
	size_t cap = 0;
	p->s++;
	ws(p);
	if (p->s < p->end && *p->s == (obj ? '}' : ']')) {
		p->s++;
		p->depth--;
		return v;
	}
	for (;;) {
		const char *k = NULL;
		ws(p);
		if (obj) {
			if (!(k = str(p)))
				return NULL;
			ws(p);
			if (p->s >= p->end || *p->s != ':')
				return NULL;
			p->s++;
		}
		struct jv *item = value(p);
		if (!item)
			return NULL;
		if (v->n == cap && !grow(p, v, &cap, obj))
			return NULL;
		if (obj)
			v->keys[v->n] = k;
		v->vals[v->n++] = item;
		ws(p);
		if (p->s >= p->end)
			return NULL;
		if (*p->s == ',') {
			p->s++;
			continue;
		}
		if (*p->s == (obj ? '}' : ']')) {
			p->s++;
			p->depth--;
			return !obj || dedup_keys(p, v) ? v : NULL;
		}
		return NULL;
	}
}

static struct jv *value(struct jp *p)
{
	ws(p);
	if (p->s >= p->end)
		return NULL;
	char c = *p->s;
	if (c == '{' || c == '[')
		return container(p, c == '{');
	struct jv *v = arena_alloc(p->a, sizeof *v);
	if (!v)
		return NULL;
	if (c == '"') {
		v->type = JV_STR;
		v->str = str(p);
		return v->str ? v : NULL;
	}
	static const struct { const char *w; enum jv_type t; bool b; } lits[] = {
		{ "true", JV_BOOL, true }, { "false", JV_BOOL, false }, { "null", JV_NULL, false },
	};
	for (size_t i = 0; i < 3; i++) {
		size_t n = strlen(lits[i].w);
		if ((size_t)(p->end - p->s) >= n && !memcmp(p->s, lits[i].w, n)) {
			p->s += n;
			v->type = lits[i].t;
			v->b = lits[i].b;
			return v;
		}
	}
	if (c == '-' || (c >= '0' && c <= '9')) {
		char buf[64];
		size_t n = 0;
		while (p->s < p->end && n < sizeof buf - 1 &&
		       strchr("+-0123456789.eE", *p->s))
			buf[n++] = *p->s++;
		buf[n] = '\0';
		char *endp;
		v->type = JV_NUM;
		v->num = strtod(buf, &endp);
		return *endp ? NULL : v;
	}
	return NULL;
}

struct jv *json_parse(struct arena *a, const char *text, size_t len)
{
	struct jp p = { text, text + len, a, 0 };
	/* A UTF-8 byte order mark is common in hand-edited package.json files. */
	if (len >= 3 && (unsigned char)text[0] == 0xef && (unsigned char)text[1] == 0xbb &&
	    (unsigned char)text[2] == 0xbf)
		p.s += 3;
	struct jv *v = value(&p);
	if (!v)
		return NULL;
	ws(&p);
	return p.s == p.end ? v : NULL;
}

const struct jv *jv_get(const struct jv *obj, const char *key)
{
	if (!obj || obj->type != JV_OBJ)
		return NULL;
	for (size_t i = 0; i < obj->n; i++)
		if (!strcmp(obj->keys[i], key))
			return obj->vals[i];
	return NULL;
}

const char *jv_get_str(const struct jv *obj, const char *key)
{
	const struct jv *v = jv_get(obj, key);
	return v && v->type == JV_STR ? v->str : NULL;
}
