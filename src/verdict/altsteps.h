/*
 * altsteps.h - Bun's and Deno's steps around dlopen() (altsteps.c), run by
 * node_stage in place of Node's when the target is one of them.
 */
#ifndef AD_ALTSTEPS_H
#define AD_ALTSTEPS_H

#include "../loader/loader.h"

/* Rewrites a dlopen() failure the runtime's way, or runs its registration
 * steps on an addon dlopen() loaded, then what the loader left pending. */
void alt_stage(struct arena *a, const struct target *t, struct ld_result *r);

#endif
