/*
 * json.h - a small streaming JSON writer (one object per line output).
 *
 * Strings from binaries are hostile: they may hold control characters,
 * quotes or invalid UTF-8.  jw_str escapes control characters as \uXXXX and
 * replaces bytes that are not valid UTF-8 with \u00XX-escaped code points of
 * the byte (so the output is always valid JSON and round-trips losslessly
 * for ASCII).  Commas and nesting are tracked here, never by callers.
 */
#ifndef AD_JSON_H
#define AD_JSON_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#define JW_MAX_DEPTH 32

struct jw {
	FILE *f;
	int depth;
	bool first[JW_MAX_DEPTH];
	bool after_key;
};

void jw_init(struct jw *w, FILE *f);
void jw_obj(struct jw *w);          /* { */
void jw_obj_end(struct jw *w);      /* } */
void jw_arr(struct jw *w);          /* [ */
void jw_arr_end(struct jw *w);      /* ] */
void jw_key(struct jw *w, const char *k);
void jw_str(struct jw *w, const char *s);      /* NULL -> null */
void jw_int(struct jw *w, int64_t v);
void jw_int_or_null(struct jw *w, int64_t v);  /* negative -> null */
void jw_bool(struct jw *w, bool v);
void jw_null(struct jw *w);
/* key + value shorthands */
void jw_kstr(struct jw *w, const char *k, const char *s);
void jw_kint(struct jw *w, const char *k, int64_t v);
void jw_kint_or_null(struct jw *w, const char *k, int64_t v);
void jw_kbool(struct jw *w, const char *k, bool v);
/* Ends a top-level value with a newline. */
void jw_newline(struct jw *w);

/* Writes s JSON-escaped (without quotes) to f. */
void json_escape(FILE *f, const char *s);

#endif
