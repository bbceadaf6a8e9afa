/*
 * json.h - a small streaming JSON writer (one object per line output).
 *
 * Strings from binaries are hostile: they may hold control characters,
 * quotes or invalid UTF-8.  jw_str writes valid UTF-8 as it is, except that
 * C0 controls, DEL and C1 controls (U+0080..U+009F, which include CSI) are
 * escaped as \uXXXX.  Each byte that is not part of valid UTF-8 (RFC 3629:
 * no overlong forms, no surrogates) becomes \udcNN, NN its value (0x80..
 * 0xff): Python's "surrogateescape".  Valid UTF-8 never decodes to a lone
 * surrogate, so \udcNN cannot be mistaken for a real character, and the
 * original bytes can be recovered (Python: s.encode("utf-8",
 * "surrogateescape")).  The output is always JSON (RFC 8259 allows the
 * escape; some readers, jq among them, turn a lone surrogate into U+FFFD).
 * Commas and nesting are tracked here, never by callers.
 */
#ifndef AD_JSON_H
#define AD_JSON_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

/* Deep enough for deps --json: a 33-level tree, two levels (an array and
 * an object) per library, plus its own object and arrays. */
#define JW_MAX_DEPTH 80

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

/* Length of the valid UTF-8 sequence at NUL-terminated s (1 for ASCII),
 * or 0 when the byte at s does not start one.  Shared with term.c. */
int utf8_seq_len(const char *s);

#endif
