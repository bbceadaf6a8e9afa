#!/bin/sh
# fuzz-smoke.sh - every libFuzzer target runs for a short while on each test
# run (FUZZ_SECONDS, default 15), seeded from the fixtures just built.  Longer
# campaigns: `make fuzz FUZZ_SECONDS=600`.  A finding is a failure; its input
# is left in build/fuzz/findings/<target>/ to be committed as a regression
# input under tests/fuzz/regressions/<target>/ once fixed.
set -u
command -v clang >/dev/null || { echo "skip - fuzz: clang not installed"; exit 0; }
cd "$ROOT" || exit 1
if ! make -s fuzz-build >"$WORK/fuzz-build.log" 2>&1; then
	if grep -q 'libclang_rt.fuzzer\|fsanitize=fuzzer' "$WORK/fuzz-build.log"; then
		echo "skip - fuzz: libFuzzer runtime missing (Debian libclang-rt-14-dev)"
		exit 0
	fi
	echo "not ok - fuzz: targets do not build"; sed 's/^/# /' "$WORK/fuzz-build.log" | tail -20
	exit 0
fi
FX=$FX tests/fuzz/run.sh "${FUZZ_SECONDS:-15}" parse elf macho pe json check explain lib nodebin ldcache
exit 0
