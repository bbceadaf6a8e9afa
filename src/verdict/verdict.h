/*
 * verdict.h - turns a loader result into words: why it happens (ABI numbers
 * translated into runtimes), and the one command or action that fixes it,
 * naming the package that owns the file (nearest package.json above it).
 */
#ifndef AD_VERDICT_H
#define AD_VERDICT_H

#include "../loader/loader.h"

struct verdict_words {
	const char *why;
	const char *fix;
	const char *package;   /* owning package name, or NULL */
};

void verdict_explain(struct arena *a, const struct target *t, const struct ld_result *r,
		     struct verdict_words *w);

#endif
