/* test_jsonread.c - the bounded JSON reader on good and hostile input. */
#include "t.h"
#include "util/jsonread.h"

#include <stdlib.h>

static struct jv *parse(struct arena *a, const char *s)
{
	return json_parse(a, s, strlen(s));
}

int main(void)
{
	struct arena a;
	arena_init(&a);
	struct jv *v = parse(&a, "{\"name\":\"@scope/pkg\",\"version\":\"1.2.3\",\"os\":[\"linux\"],"
				 "\"n\":-1.5e2,\"t\":true,\"z\":null,\"e\":\"a\\\"b\\u00e9\\ud83d\\ude00\"}");
	CHECK(v && v->type == JV_OBJ && v->n == 7, "object parsed");
	CHECK_STR(jv_get_str(v, "name"), "@scope/pkg", "string member");
	CHECK(jv_get(v, "os") && jv_get(v, "os")->type == JV_ARR && jv_get(v, "os")->n == 1, "array member");
	CHECK(jv_get(v, "n") && jv_get(v, "n")->num == -150, "number");
	CHECK(jv_get(v, "t") && jv_get(v, "t")->b, "true");
	CHECK_STR(jv_get_str(v, "e"), "a\"b\xc3\xa9\xf0\x9f\x98\x80", "escapes and surrogate pair");
	CHECK(jv_get_str(v, "missing") == NULL, "missing key");
	CHECK(parse(&a, "{\"a\":1,}") == NULL, "trailing comma refused");
	CHECK(parse(&a, "{\"a\":1} x") == NULL, "trailing garbage refused");
	CHECK(parse(&a, "\"unterminated") == NULL, "unterminated string refused");
	CHECK(parse(&a, "{\"a\":\"\\u12\"}") == NULL, "short \\u escape refused");
	CHECK(parse(&a, "") == NULL, "empty input refused");

	/* 100000 nested arrays must be refused by the depth cap, not the stack. */
	size_t deep = 100000;
	char *s = malloc(deep * 2 + 1);
	memset(s, '[', deep);
	memset(s + deep, ']', deep);
	s[deep * 2] = '\0';
	CHECK(parse(&a, s) == NULL, "nesting past the depth cap refused");
	free(s);
	CHECK(parse(&a, "[[[[1]]]]") != NULL, "modest nesting accepted");

	/* Duplicate keys: JSON.parse (and npm) keep the first place, the last value. */
	v = parse(&a, "{\"name\":\"first\",\"version\":\"1.0.0\",\"name\":\"second\",\"name\":\"third\"}");
	CHECK(v && v->n == 2, "duplicate keys collapse into one member");
	CHECK_STR(jv_get_str(v, "name"), "third", "the last duplicate wins");
	CHECK(v && v->n == 2 && !strcmp(v->keys[0], "name") && !strcmp(v->keys[1], "version"),
	      "the member keeps the first one's place");
	v = parse(&a, "{\"d\":{\"x\":1},\"d\":{\"y\":2}}");
	CHECK(v && jv_get(jv_get(v, "d"), "y") && !jv_get(jv_get(v, "d"), "x"), "a duplicate object is replaced, not merged");
	/* 200000 keys, half of them repeats: not quadratic (the run's timeout) */
	size_t nk = 200000;
	char *big = malloc(nk * 20 + 4), *q = big;
	*q++ = '{';
	for (size_t i = 0; i < nk; i++)
		q += sprintf(q, "%s\"k%zu\":%zu", i ? "," : "", i % (nk / 2), i);
	*q++ = '}';
	v = json_parse(&a, big, (size_t)(q - big));
	CHECK(v && v->n == nk / 2 && jv_get(v, "k7") && jv_get(v, "k7")->num == (double)(nk / 2 + 7),
	      "200000 keys with repeats: %zu members, last values", v ? v->n : 0);
	free(big);
	arena_release(&a);
	T_DONE();
}
