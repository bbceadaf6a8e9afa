#!/bin/sh
# truth-glibc.sh - ground truth for `check` on glibc: every fixture of
# tests/fixtures/check.sh is require()d by real official Node binaries of
# several majors (cached by tests/truth/fetch-node.sh outside the repo; the
# first run downloads them once) and by this machine's node, and the
# prediction of `check --node <that runtime>` must match outcome, code and
# message byte for byte.  Known failures are in tests/truth/known-failures.tsv.
set -u
HOSTNODE=$(command -v node || true)
if [ -z "$HOSTNODE" ]; then echo "skip - truth-glibc: no node on PATH to drive the comparison"; exit 0; fi
if [ ! -d "$FX/check" ]; then echo "not ok - truth-glibc: fixtures missing ($FX/check)"; exit 0; fi
RUNTIMES=$("$ROOT/tests/truth/fetch-node.sh" 2>"$WORK/truth-fetch.log")
[ -n "$RUNTIMES" ] || echo "skip - truth-glibc: no cached Node runtimes and none could be fetched (see $WORK/truth-fetch.log)"
FILES=$(find "$FX/check" -name '*.node' | sort)
# The machine's node is compared with the ASan build ($AD); the fetched
# runtimes with the optimised build (ASan makes 6 x 30 predictions slow).
TRUTH_AD=${TRUTH_AD:-$ROOT/addon-doctor}
[ -x "$TRUTH_AD" ] || TRUTH_AD=$AD
FX=$FX "$HOSTNODE" "$ROOT/tests/truth/compare.js" "$AD" "$HOSTNODE" "$ROOT/tests/truth/known-failures.tsv" $FILES
for rt in $RUNTIMES; do
	FX=$FX "$HOSTNODE" "$ROOT/tests/truth/compare.js" "$TRUTH_AD" "$rt" "$ROOT/tests/truth/known-failures.tsv" $FILES
done
