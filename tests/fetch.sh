#!/bin/sh
# tests/fetch.sh - the first stage of tests/run.sh: puts what several tests
# read into the download cache before any of them starts, so that no test
# skips for having run before the one that fetches.
#   - the official Node runtimes (tests/truth/fetch-node.sh: truth-glibc,
#     truth-real, scan-truth, wasm)
#   - the real npm packages of tests/real/packages.tsv
#     (tools/fetch-real-packages.sh: real-packages and truth-real fetch them,
#     hostile and pe-readobj only read what is there)
# The trees and loaders that one test alone uses (scan-truth's npm installs,
# loader-replay's loaders) are fetched by that test.  The cache is outside
# the repository (~/.cache/addon-doctor-tests, or $AD_TEST_CACHE, as each
# script says); each item is downloaded once.  No network: whatever is cached
# is used and the tests that lack something say skip.  Nothing here fails
# the run: the last line says what is in the cache.
set -u
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=${WORK:-$ROOT/build/test}
L=$WORK/fetch
mkdir -p "$L" || exit 0
if ! command -v npm >/dev/null 2>&1; then
	echo "# npm not installed: the tests use what is already cached"
fi
# Both at once: the downloads wait on the network, not on the CPU.
"$ROOT/tests/truth/fetch-node.sh" >"$L/node.out" 2>"$L/node.err" &
"$ROOT/tools/fetch-real-packages.sh" >"$L/npm.out" 2>&1 &
wait
sed 's/^/# /' "$L/node.err"
grep '^failed' "$L/npm.out" | sed 's/^/# /' | head -10
nodes=$(grep -c . "$L/node.out")
nofetch=$(grep -c . "$L/node.err")
pk=$(grep -c '^\(cached\|fetched\)' "$L/npm.out")
got=$(grep -c '^fetched' "$L/npm.out")
pf=$(grep -c '^failed' "$L/npm.out")
msg="$nodes runtimes, $pk packages cached"
[ "$got" -gt 0 ] && msg="$msg ($got just fetched)"
[ $((nofetch + pf)) -gt 0 ] && msg="$msg; $((nofetch + pf)) not fetched"
echo "$msg"
exit 0
