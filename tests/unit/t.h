/*
 * t.h - the unit-test macros: each CHECK prints "ok - ..." or
 * "not ok - ..." (tests/run.sh counts them) and main returns failures.
 */
#ifndef AD_T_H
#define AD_T_H

#include <stdio.h>
#include <string.h>

static int t_failed;

#define CHECK(cond, ...)                                                   \
	do {                                                               \
		int t_c = (cond) ? 1 : 0;                                  \
		if (t_c) {                                                 \
			printf("ok - ");                                   \
		} else {                                                   \
			printf("not ok - ");                               \
			t_failed++;                                        \
		}                                                          \
		printf(__VA_ARGS__);                                       \
		if (!t_c)                                                  \
			printf("  (%s:%d: %s)", __FILE__, __LINE__, #cond); \
		printf("\n");                                              \
	} while (0)

#define CHECK_STR(a, b, name)                                                    \
	do {                                                                     \
		const char *t_a = (a), *t_b = (b);                               \
		int t_ok = (t_a && t_b) ? strcmp(t_a, t_b) == 0 : t_a == t_b;    \
		CHECK(t_ok, "%s", name);                                         \
		if (!t_ok)                                                       \
			printf("#   got '%s', want '%s'\n", t_a ? t_a : "(null)", \
			       t_b ? t_b : "(null)");                            \
	} while (0)

#define T_DONE() return t_failed ? 1 : 0

#endif
