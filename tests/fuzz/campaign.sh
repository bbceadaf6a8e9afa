#!/bin/sh
# tests/fuzz/campaign.sh SECONDS TARGET... - a long fuzzing campaign: runs
# each libFuzzer target for SECONDS (JOBS=N at a time, default 1, each at
# nice 19), seeded from the fixtures and tests/fuzz/regressions/<target>/,
# keeping the grown corpus in build/fuzz/corpus/<target>.  Prints one
# record per target (date, commit, executions, seconds, findings, corpus
# size) and appends it to build/fuzz/campaign.tsv, for docs/reliability.md.
# `make fuzz-build` first.  Findings land in build/fuzz/findings/<target>/.
set -u
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
secs=$1; shift
JOBS=${JOBS:-1}
FX=${FX:-$ROOT/build/test/fixtures}
commit=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)
out=$ROOT/build/fuzz/campaign.tsv
mkdir -p "$ROOT/build/fuzz"
[ -s "$out" ] || printf 'date\tcommit\ttarget\texecutions\tseconds\tcrashes+hangs+leaks\tslow units\tcorpus\n' >"$out"

run_one() {
	t=$1
	corpus=$ROOT/build/fuzz/corpus/$t
	findings=$ROOT/build/fuzz/findings/$t
	mkdir -p "$corpus" "$findings"
	case $t in
	json) find "$ROOT/data" "$ROOT/examples" -name '*.json' -size -256k 2>/dev/null | head -200 | xargs -r cp -t "$corpus" 2>/dev/null ;;
	# check: the first byte picks the target (0 glibc, 1 musl, 2 darwin, 3 win32)
	check) [ -d "$FX" ] && find "$FX/check" "$FX/elf" -maxdepth 2 -type f -size -256k 2>/dev/null | head -150 | while read -r f; do h=$(echo "$f" | md5sum | cut -c1-12); for k in 0 1; do { printf "\\$k"; cat "$f"; } >"$corpus/$k-$h" 2>/dev/null; done; done ;;
	explain) [ -f "$ROOT/tests/explain/corpus.tsv" ] && awk -F'\t' -v d="$corpus" '!/^#/ && NF >= 4 { f = sprintf("%s/msg-%04d", d, NR); printf "%s", $4 > f; close(f) }' "$ROOT/tests/explain/corpus.tsv" ;;
	lib|nodebin|ldcache) sh "$ROOT/tests/fuzz/seeds.sh" "$t" "$corpus" ;;
	*) [ -d "$FX" ] && find "$FX" -maxdepth 4 -type f -size -2M 2>/dev/null | head -400 | while read -r f; do cp "$f" "$corpus/$(echo "$f" | md5sum | cut -c1-16)" 2>/dev/null; done ;;
	esac
	seeds=$corpus
	[ -d "$ROOT/tests/fuzz/regressions/$t" ] && seeds="$seeds $ROOT/tests/fuzz/regressions/$t"
	log=$ROOT/build/fuzz/campaign-$t.log
	# crash-, leak-, timeout-, oom- files are findings; slow-unit- ones
	# (an input that took over 10 s once, e.g. on a loaded machine) are
	# counted apart
	before=$(ls "$findings" | grep -c '^\(crash\|leak\|timeout\|oom\)-')
	slow_before=$(ls "$findings" | grep -c '^slow-unit-')
	start=$(date +%s)
	# -max_len: headers, dynamic section and tables of a small addon fit in
	# 16 KiB; bigger inputs only slow mutation (MAX_LEN= to change)
	nice -n 19 "$ROOT/build/fuzz/fuzz_$t" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 \
		-max_len=${MAX_LEN:-16384} -print_final_stats=1 -artifact_prefix="$findings/" $seeds >"$log" 2>&1
	rc=$?
	took=$(($(date +%s) - start))
	execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)
	found=$(($(ls "$findings" | grep -c '^\(crash\|leak\|timeout\|oom\)-') - before))
	slow=$(($(ls "$findings" | grep -c '^slow-unit-') - slow_before))
	size=$(ls "$corpus" | wc -l)
	[ $rc -eq 0 ] || found="$found (exit $rc, see $log)"
	line=$(printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s' "$(date -u +%Y-%m-%d)" "$commit" "$t" "${execs:-?}" "$took" "$found" "$slow" "$size")
	echo "$line"
	echo "$line" >>"$out"
}

running=0
for t in "$@"; do
	run_one "$t" &
	running=$((running + 1))
	if [ $running -ge "$JOBS" ]; then
		wait
		running=0
	fi
done
wait
