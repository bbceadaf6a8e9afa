/*
 * json.c - streaming JSON writer; see json.h for the escaping rules.
 */
#include "json.h"

#include <inttypes.h>

void jw_init(struct jw *w, FILE *f)
{
	w->f = f;
	w->depth = 0;
	w->first[0] = true;
	w->after_key = false;
}

static void sep(struct jw *w)
{
	if (w->after_key) {
		w->after_key = false;
		return;
	}
	if (!w->first[w->depth])
		fputc(',', w->f);
	w->first[w->depth] = false;
}

static void open_(struct jw *w, char c)
{
	sep(w);
	fputc(c, w->f);
	if (w->depth + 1 < JW_MAX_DEPTH)
		w->depth++;
	w->first[w->depth] = true;
}

static void close_(struct jw *w, char c)
{
	fputc(c, w->f);
	if (w->depth > 0)
		w->depth--;
}

void jw_obj(struct jw *w) { open_(w, '{'); }
void jw_obj_end(struct jw *w) { close_(w, '}'); }
void jw_arr(struct jw *w) { open_(w, '['); }
void jw_arr_end(struct jw *w) { close_(w, ']'); }

int utf8_seq_len(const char *str)
{
	const unsigned char *s = (const unsigned char *)str;
	if (s[0] < 0x80)
		return 1;
	int n;
	uint32_t cp;
	if ((s[0] & 0xe0) == 0xc0) { n = 2; cp = s[0] & 0x1f; }
	else if ((s[0] & 0xf0) == 0xe0) { n = 3; cp = s[0] & 0x0f; }
	else if ((s[0] & 0xf8) == 0xf0) { n = 4; cp = s[0] & 0x07; }
	else return 0;
	/* A NUL is not a continuation byte, so this never reads past the end. */
	for (int i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (s[i] & 0x3f);
	}
	/* Overlong forms (C0 9B is ESC in disguise), UTF-16 surrogates and
	 * anything past U+10FFFF are not UTF-8 (RFC 3629 section 3). */
	if ((n == 2 && cp < 0x80) || (n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000) ||
	    cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		return 0;
	return n;
}

void json_escape(FILE *f, const char *str)
{
	const unsigned char *s = (const unsigned char *)str;
	while (*s) {
		unsigned char c = *s;
		if (c == '"' || c == '\\') {
			fputc('\\', f);
			fputc(c, f);
			s++;
		} else if (c == '\n') {
			fputs("\\n", f);
			s++;
		} else if (c == '\r') {
			fputs("\\r", f);
			s++;
		} else if (c == '\t') {
			fputs("\\t", f);
			s++;
		} else if (c < 0x20 || c == 0x7f) {
			fprintf(f, "\\u%04x", c);
			s++;
		} else if (c < 0x80) {
			fputc(c, f);
			s++;
		} else {
			int n = utf8_seq_len((const char *)s);
			if (n == 0) {
				/* surrogateescape: valid UTF-8 never decodes to a
				 * lone low surrogate, so \udcNN can only mean the
				 * raw byte NN (always 0x80..0xff here). */
				fprintf(f, "\\udc%02x", c);
				s++;
			} else if (n == 2 && c == 0xc2 && s[1] < 0xa0) {
				/* C1 controls (U+0080..U+009F): U+009B is CSI, the
				 * same as ESC [ to a terminal that shows the JSON. */
				fprintf(f, "\\u%04x", s[1]);
				s += 2;
			} else {
				fwrite(s, 1, (size_t)n, f);
				s += n;
			}
		}
	}
}

void jw_key(struct jw *w, const char *k)
{
	sep(w);
	fputc('"', w->f);
	json_escape(w->f, k);
	fputs("\":", w->f);
	w->after_key = true;
}

void jw_str(struct jw *w, const char *s)
{
	sep(w);
	if (!s) {
		fputs("null", w->f);
		return;
	}
	fputc('"', w->f);
	json_escape(w->f, s);
	fputc('"', w->f);
}

void jw_int(struct jw *w, int64_t v)
{
	sep(w);
	fprintf(w->f, "%" PRId64, v);
}

void jw_int_or_null(struct jw *w, int64_t v)
{
	if (v < 0)
		jw_null(w);
	else
		jw_int(w, v);
}

void jw_bool(struct jw *w, bool v)
{
	sep(w);
	fputs(v ? "true" : "false", w->f);
}

void jw_null(struct jw *w)
{
	sep(w);
	fputs("null", w->f);
}

void jw_kstr(struct jw *w, const char *k, const char *s) { jw_key(w, k); jw_str(w, s); }
void jw_kint(struct jw *w, const char *k, int64_t v) { jw_key(w, k); jw_int(w, v); }
void jw_kint_or_null(struct jw *w, const char *k, int64_t v) { jw_key(w, k); jw_int_or_null(w, v); }
void jw_kbool(struct jw *w, const char *k, bool v) { jw_key(w, k); jw_bool(w, v); }

void jw_newline(struct jw *w)
{
	fputc('\n', w->f);
	w->depth = 0;
	w->first[0] = true;
	w->after_key = false;
}
