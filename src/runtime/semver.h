/*
 * semver.h - npm's version ranges, as projects pin Node with them
 * (engines.node, devEngines.runtime.version, .nvmrc "20", ".x" forms).
 *
 * The grammar is node-semver's (range-set of "||"-separated ranges; a range
 * is a hyphen range or space-separated comparators; comparators may be
 * partial "1.2", x-ranges "1.x"/"*", tilde "~1.2.3" and caret "^0.2"), with
 * its desugaring rules.  Release versions only: a range with a prerelease
 * tag is taken as its release part, which is what matters for a Node pin.
 */
#ifndef AD_SEMVER_H
#define AD_SEMVER_H

#include <stdbool.h>

/* "v20.11.1", "20.11.1" -> 20, 11, 1.  False unless all three numbers are
 * present (and nothing but a prerelease/build tag follows). */
bool semver_parse(const char *v, int out[3]);

/* -1, 0, 1 */
int semver_cmp(const int a[3], const int b[3]);

/*
 * Does version satisfy range?  Returns 1 yes, 0 no, -1 when range is not a
 * range node-semver would accept (so the caller can say so instead of
 * guessing).
 */
int semver_satisfies(const char *range, const char *version);

/* An exact version ("20.11.1", "=v20.11.1"): written to out[3]. */
bool semver_exact(const char *range, int out[3]);

#endif
