/*
 * jsonread.h - a small, bounded JSON reader for package.json-sized files.
 *
 * Parses a whole document into a tree in an arena.  Hostile input is
 * expected (a node_modules tree is other people's files): depth, size and
 * element counts are capped, and any syntax error simply yields NULL.
 * Strings are decoded (escapes, \uXXXX with surrogate pairs) to UTF-8.
 * Duplicate keys collapse into one member, the last value winning.
 */
#ifndef AD_JSONREAD_H
#define AD_JSONREAD_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"

enum jv_type { JV_NULL, JV_BOOL, JV_NUM, JV_STR, JV_ARR, JV_OBJ };

struct jv {
	enum jv_type type;
	bool b;
	double num;
	const char *str;          /* JV_STR */
	size_t n;                 /* JV_ARR / JV_OBJ element count */
	const char **keys;        /* JV_OBJ */
	struct jv **vals;         /* JV_ARR / JV_OBJ */
};

#define JSONREAD_MAX_DEPTH 64

/* NULL on a syntax error, trailing garbage, or a cap being hit. */
struct jv *json_parse(struct arena *a, const char *text, size_t len);

/* Member of an object by key, or NULL.  Keys of a parsed object are
 * unique: a duplicate key keeps the first one's place and takes the last
 * one's value, as JSON.parse and npm have it. */
const struct jv *jv_get(const struct jv *obj, const char *key);
/* String member, or NULL when absent or not a string. */
const char *jv_get_str(const struct jv *obj, const char *key);

#endif
