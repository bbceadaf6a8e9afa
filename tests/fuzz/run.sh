#!/bin/sh
# tests/fuzz/run.sh SECONDS TARGET... - run each libFuzzer target for SECONDS,
# seeded from the built fixtures and the committed regression inputs in
# tests/fuzz/regressions/<target>/.  Findings land in build/fuzz/findings/.
# Prints one ok/not ok line per target with the executions it ran.
set -u
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
secs=$1; shift
FX=${FX:-$ROOT/build/test/fixtures}
fails=0
for t in "$@"; do
	corpus=$ROOT/build/fuzz/corpus/$t
	mkdir -p "$corpus" "$ROOT/build/fuzz/findings/$t"
	case $t in
	json) find "$ROOT/data" "$ROOT/examples" -name '*.json' -size -256k 2>/dev/null | head -200 | xargs -r cp -t "$corpus" 2>/dev/null ;;
	explain) [ -f "$ROOT/tests/explain/corpus.tsv" ] && awk -F'\t' -v d="$corpus" '!/^#/ && NF >= 4 { f = sprintf("%s/msg-%04d", d, NR); printf "%s", $4 > f; close(f) }' "$ROOT/tests/explain/corpus.tsv" ;;
	# check: the first byte picks the target (0 glibc, 1 musl, 2 darwin, 3 win32)
	check) [ -d "$FX" ] && find "$FX/check" "$FX/elf" -maxdepth 2 -type f -size -256k 2>/dev/null | head -150 | while read -r f; do h=$(echo "$f" | md5sum | cut -c1-12); for k in 0 1; do { printf "\\$k"; cat "$f"; } >"$corpus/$k-$h" 2>/dev/null; done; done ;;
	lib|nodebin|ldcache) sh "$ROOT/tests/fuzz/seeds.sh" "$t" "$corpus" ;;
	*) [ -d "$FX" ] && find "$FX" -maxdepth 4 -type f -size -2M 2>/dev/null | head -400 | while read -r f; do cp "$f" "$corpus/$(echo "$f" | md5sum | cut -c1-16)" 2>/dev/null; done ;;
	esac
	seeds=$corpus
	[ -d "$ROOT/tests/fuzz/regressions/$t" ] && seeds="$seeds $ROOT/tests/fuzz/regressions/$t"
	log=$ROOT/build/fuzz/$t.log
	"$ROOT/build/fuzz/fuzz_$t" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 \
		-artifact_prefix="$ROOT/build/fuzz/findings/$t/" $seeds >"$log" 2>&1
	rc=$?
	execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)
	[ -n "$execs" ] || execs=$(sed -n "s/^Done \([0-9]*\) runs.*/\1/p" "$log" | tail -1)
	if [ $rc -eq 0 ]; then
		echo "ok - fuzz $t: ${execs:-?} executions in ${secs}s, no crash, hang or leak"
	else
		echo "not ok - fuzz $t (exit $rc): see $log and build/fuzz/findings/$t/"
		fails=$((fails + 1))
	fi
done
[ $fails -eq 0 ]
