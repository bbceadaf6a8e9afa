#!/bin/sh
# tests/run.sh - runs every test against the ASan+UBSan build.
#
#   tests/run.sh                 everything
#   tests/run.sh PATTERN         only tests whose name contains PATTERN
#   UPDATE=1 tests/run.sh NAME   rewrite the golden output of matching cases
#   V=1 tests/run.sh             print every test's every line (default: one
#                                line per test file, details only for what
#                                failed or skipped)
#   JOBS=N tests/run.sh          test files run N at a time (default: the
#                                number of CPUs); JOBS=1 runs one at a time
#
# Kinds of test, each reporting "ok - NAME", "not ok - NAME" or "skip - NAME: why":
#   tests/unit/test_*.c    C unit tests linked with the library objects
#   tests/fixtures/*.sh    build fixtures from tiny sources into $FX (a build
#                          failure is a test failure; a missing toolchain a skip)
#   tests/cases/*.cmd      golden cases: command -> stdout, stderr, exit status
#   tests/t/*.sh           scripted checks (cross-checks, mutations, real files)
# The last line is "N passed, N failed, N skipped"; the exit status is 0 when
# nothing failed.
#
# Each test file is one job; up to JOBS jobs run at once.  What must stay
# ordered, and why:
#   1. tests/fetch.sh (network, not counted in JOBS) fills the download cache
#      with the real Node runtimes and npm packages before any tests/t script
#      that reads the cache starts: several read what another one fetches,
#      and a test that ran first would skip.
#   2. the golden cases wait for every fixture (they read $FX); the tests/t
#      scripts that read $FX wait for the fixtures and the cases (a case
#      writes into $FX and $WORK).
#   3. the scripts that run make in this tree wait for one `make` of their
#      targets, so that two makes never write the same files at once (their
#      own make then finds them up to date).
# Everything else runs in any order, the critical path first (the durations
# of the last run, in $WORK/durations).
# Every job's full output is kept in $WORK/run/<job>.out.
set -u
ROOT=$(cd "$(dirname "$0")/.." && pwd)
AD=${AD:-$ROOT/build/asan/addon-doctor}
WORK=${WORK:-$ROOT/build/test}
FX=$WORK/fixtures
PAT=${1:-}
VERBOSE=${V:-0}
ncpu() { nproc 2>/dev/null || getconf _NPROCESSORS_ONLN 2>/dev/null || echo 1; }
NJOBS=${JOBS:-$(ncpu)}
case $NJOBS in '' | *[!0-9]* | 0) echo "tests/run.sh: JOBS='$NJOBS': want a number >= 1" >&2; exit 2 ;; esac
# V and JOBS are this script's: the tests do not see them (a test's own
# `make` would take them for make variables).
unset V JOBS
export ROOT AD WORK FX
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
export NO_COLOR=1
# Under `make check` these say "a sub-make of a make whose job server you
# cannot reach": the tests' own `make` runs start afresh instead.
unset MAKEFLAGS MFLAGS MAKELEVEL
mkdir -p "$WORK" "$FX"
R=$WORK/run
rm -rf "$R" && mkdir -p "$R" || exit 1

want() { [ -z "$PAT" ] || case $1 in *"$PAT"*) return 0 ;; *) return 1 ;; esac; }
now() { t=$(date +%s.%N 2>/dev/null); case $t in *N* | '') date +%s ;; *) echo "$t" ;; esac; }
# job ids name files: unit/test_abi -> unit+test_abi
file_of() { printf '%s/%s' "$R" "$(printf '%s' "$1" | tr '/' '+')"; }

# --- the jobs: each prints exactly the lines the serial runner printed ------

# 1. unit tests
LIBOBJ=$(ls "$ROOT"/build/asan/*/*.o 2>/dev/null | grep -v '/cli/main.o$')
SAN="-O1 -g -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer"
job_unit() {
	name=$1; t=$ROOT/tests/unit/$name.c
	bin=$WORK/$name
	# shellcheck disable=SC2086 # LIBOBJ and SAN are lists
	if ! ${CC:-cc} -std=c11 -D_DEFAULT_SOURCE -Wall -Wextra -Werror -I"$ROOT/src" -I"$ROOT/build/gen" \
		$SAN -o "$bin" "$t" $LIBOBJ $(pkg-config --libs libarchive 2>/dev/null) 2>"$WORK/$name.build.log"; then
		echo "not ok - $name: does not build"; sed 's/^/# /' "$WORK/$name.build.log"
		return
	fi
	"$bin" >"$WORK/$name.log" 2>&1; rc=$?
	cat "$WORK/$name.log"
	grep -v '^\(ok\|not ok\|skip\)' "$WORK/$name.log" | sed 's/^/# /' | head -40
	if [ $rc -ne 0 ] && ! grep -q '^not ok' "$WORK/$name.log"; then
		echo "not ok - $name: exited $rc"
	fi
}

# 2. fixtures (always built: cases and scripts depend on them)
job_fixture() {
	b=$1; name=fixtures/$b
	sh "$ROOT/tests/fixtures/$b.sh" "$FX" >"$WORK/$b.sh.log" 2>&1; rc=$?
	grep '^skip ' "$WORK/$b.sh.log"
	if [ $rc -eq 0 ]; then echo "ok - $name"
	else echo "not ok - $name (exit $rc)"; sed 's/^/# /' "$WORK/$b.sh.log" | tail -30; fi
}

# 3. golden cases
# Longest first: FX and WORK usually lie inside ROOT.
normalize() { sed -e "s#$FX#<FX>#g" -e "s#$WORK#<WORK>#g" -e "s#$ROOT#<ROOT>#g" -e "$WINNORM"; }
# win32 targets print a path as Windows (Wine's drive Z:) shows it,
# Z:\dir\x.node, in text and doubled in JSON: that prefix becomes <FX> too.
winre() { printf 'Z:%s' "$1" | sed 's#/#\\\\#g'; }
WINNORM="s#$(winre "$FX" | sed 's#\\\\#&&#g')#<FX>#g; s#$(winre "$FX")#<FX>#g"
job_cases() {
	for c in "$ROOT"/tests/cases/*.cmd; do
		[ -e "$c" ] || continue
		name=$(basename "$c" .cmd)
		want "$name" || continue
		need=$(sed -n 's/^# needs: *//p' "$c")
		missing=""
		for f in $need; do [ -e "$FX/$f" ] || missing="$missing $f"; done
		if [ -n "$missing" ]; then echo "skip - case $name: fixture missing:$missing"; continue; fi
		exp=${c%.cmd}.out
		act=$WORK/cases/$name.out
		mkdir -p "$WORK/cases"
		( cd "$FX" && sh -c "$(grep -v '^#' "$c")" >"$act.stdout" 2>"$act.stderr"; echo $? >"$act.rc" )
		{ normalize <"$act.stdout"; echo "--- stderr"; normalize <"$act.stderr"; echo "--- exit $(cat "$act.rc")"; } >"$act"
		if [ "${UPDATE:-}" = 1 ]; then cp "$act" "$exp"; echo "ok - case $name (updated)"; continue; fi
		if [ -f "$exp" ] && diff -u "$exp" "$act" >"$act.diff"; then
			echo "ok - case $name"
		else
			echo "not ok - case $name"; [ -f "$exp" ] || echo "# no golden file: UPDATE=1 tests/run.sh $name"
			sed 's/^/# /' "$act.diff" 2>/dev/null | head -40
		fi
	done
}

# 4. scripted checks
job_t() {
	name=$1
	sh "$ROOT/tests/t/$name.sh" >"$WORK/t-$name.log" 2>&1; rc=$?
	cat "$WORK/t-$name.log"
	if [ $rc -ne 0 ] && ! grep -q '^not ok' "$WORK/t-$name.log"; then
		echo "not ok - $name: exited $rc"; tail -20 "$WORK/t-$name.log" | sed 's/^/# /'
	fi
}

# Tests that run make in this tree, and what they make (install: its
# prerequisites; it then copies them under its own PREFIX).
make_targets() {
	case $1 in
	fuzz-smoke) echo fuzz-build ;;
	wasm) echo wasm ;;
	install) echo man ;;
	esac
}
# Tests that read the download cache (~/.cache/addon-doctor-tests).
reads_cache() { grep -q 'addon-doctor-tests\|fetch-node\|fetch-real-packages' "$ROOT/tests/t/$1.sh"; }
# Tests that read the fixtures (and so wait for them and for the cases,
# which write into $FX); the others start at once.
reads_fx() { grep -q 'FX' "$ROOT/tests/t/$1.sh"; }

# --- what to run --------------------------------------------------------------
units=; fixtures=; tests=; cases=0; fetch=0; maketargets=; cachetests=' '; fxtests=' '
for t in "$ROOT"/tests/unit/test_*.c; do
	[ -e "$t" ] || continue
	n=$(basename "$t" .c); want "$n" && units="$units unit/$n"
done
for s in "$ROOT"/tests/fixtures/*.sh; do
	[ -e "$s" ] && fixtures="$fixtures fixtures/$(basename "$s" .sh)"
done
for c in "$ROOT"/tests/cases/*.cmd; do
	[ -e "$c" ] && want "$(basename "$c" .cmd)" && cases=1
done
for s in "$ROOT"/tests/t/*.sh; do
	[ -e "$s" ] || continue
	n=$(basename "$s" .sh)
	want "$n" || continue
	tests="$tests t/$n"
	if reads_cache "$n"; then fetch=1; cachetests="$cachetests t/$n "; fi
	reads_fx "$n" && fxtests="$fxtests t/$n "
	maketargets="$maketargets $(make_targets "$n")"
done
# The plain build, when it is out of date (tests/run.sh without `make`), is
# made before any script runs: several run ./addon-doctor.
plainstale=0
if [ -n "$tests" ] && ! make -q -C "$ROOT" addon-doctor >/dev/null 2>&1; then
	plainstale=1; maketargets="addon-doctor $maketargets"
fi
maketargets=$(echo $maketargets)

# The order jobs start in: the critical path first.  A job's priority is
# its own seconds plus the longest job waiting for it (the fixtures: the
# cases and the scripts that read $FX; make: the scripts that need its
# targets), its seconds those of the last run ($WORK/durations), else the
# guess below (from a serial run), else 1.  The order changes the wall time
# only, never a result.
GUESS="t/truth-real 240 t/fuzz-smoke 190 make 100 t/loader-replay 75 t/scan-truth 70 t/hostile 50
t/wasm 40 t/install 25 t/truth-glibc 25 t/glibc-header-order 20 t/valgrind 12 fixtures/elf 10 fixtures/scan 10"
DUR=$WORK/durations
[ -f "$DUR" ] || : >"$DUR"
dur() { # id -> seconds
	awk -v id="$1" -v guess="$GUESS" '
		BEGIN { n = split(guess, g); for (i = 1; i < n; i += 2) d[g[i]] = g[i + 1] }
		$1 == id { d[id] = $2 }
		END { print (id in d) ? d[id] : 1 }' "$DUR"
}
max() { awk 'BEGIN { m = 0 } $1 > m { m = $1 } END { print m }'; }
maxfx=$(for id in $fxtests; do dur "$id"; done | max)
maxmk=$(for id in $tests; do
	{ [ "$plainstale" = 1 ] || [ -n "$(make_targets "${id#t/}")" ]; } && dur "$id"; done | max)
pcases=$(awk -v a="$(dur cases)" -v b="$maxfx" 'BEGIN { print a + b }')
[ $cases = 1 ] || pcases=$maxfx
pending=$({
	for id in $fixtures; do awk -v a="$(dur "$id")" -v b="$pcases" -v id="$id" 'BEGIN { print a + b, id }'; done
	[ -n "$maketargets" ] && awk -v a="$(dur make)" -v b="$maxmk" 'BEGIN { print a + b, "make" }'
	[ $cases = 1 ] && echo "$pcases cases"
	for id in $tests $units; do echo "$(dur "$id") $id"; done
} | sort -s -k1,1 -rn | cut -d' ' -f2)
pending=$(echo $pending)

# --- the scheduler ------------------------------------------------------------
# Each job runs in the background and writes its id to a FIFO when done; the
# scheduler blocks reading it.  (POSIX sh has no `wait -n`.)
mkfifo "$R/done" || exit 1
exec 3<>"$R/done"
rm -f "$R/done"   # the open descriptor keeps it

fx_left=$(echo $fixtures | wc -w)
cases_done=$((1 - cases)); fetch_done=$((1 - fetch)); make_done=1
[ -n "$maketargets" ] && make_done=0
running=0; bg=0
pass=0; fail=0; skip=0
T0=$(now)

ready() { # id: 0 when everything it waits for is done
	case $1 in
	unit/* | fixtures/* | make) return 0 ;;
	cases) [ "$fx_left" = 0 ] ;;
	t/*)
		case $fxtests in
		*" $1 "*) [ "$fx_left" = 0 ] && [ "$cases_done" = 1 ] || return 1 ;;
		esac
		if [ "$fetch_done" = 0 ]; then
			case $cachetests in *" $1 "*) return 1 ;; esac
		fi
		if [ "$make_done" = 0 ]; then
			[ "$plainstale" = 1 ] && return 1
			[ -n "$(make_targets "${1#t/}")" ] && return 1
		fi
		return 0 ;;
	esac
}

run_job() { # id: prints the job's lines
	case $1 in
	unit/*) job_unit "${1#unit/}" ;;
	fixtures/*) job_fixture "${1#fixtures/}" ;;
	cases) job_cases ;;
	t/*) job_t "${1#t/}" ;;
	# make's own output goes to make.log: the tests that need the targets
	# run make again and report what it says.
	make) make -k -C "$ROOT" $maketargets >"$WORK/make.log" 2>&1 || echo "# make $maketargets: failed (see $WORK/make.log)" ;;
	fetch) sh "$ROOT/tests/fetch.sh" ;;
	esac
}

launch() { # id
	# the job's own variables may be called anything: these are set again
	# after it, from the id
	( __t0=$(now); run_job "$1" >"$(file_of "$1").out" 2>&1 </dev/null
	  echo "$__t0 $(now)" >"$(file_of "$1").time"; echo "$1" >&3 ) &
}

secs() { awk '{ printf "%.1f", $2 - $1 }' "$1"; }
counts() { # file -> "pass fail skip", as the serial runner counted its lines
	awk '/^ok( |$)/ { p++ } /^not ok/ { f++ } /^skip / { s++ } END { print p + 0, f + 0, s + 0 }' "$1"
}
# the lines worth seeing when not everything passed: each "not ok" with the
# "#" lines under it, and each skip, at most 60 lines
details() { # file
	awk -v f="$1" '
		/^not ok/ { sh = 1; out($0); next }
		/^#/ && sh { out($0); next }
		{ sh = 0 }
		/^skip / { out($0) }
		function out(l) { if (++n <= 60) print l }
		END { if (n > 60) printf "# ... %d more lines in %s\n", n - 60, f }' "$1"
}

report() { # id
	f=$(file_of "$1")
	sec=$(secs "$f.time")
	echo "$1 $sec" >>"$R/durations"
	case $1 in
	fetch)
		if [ "$VERBOSE" = 1 ]; then cat "$f.out"
		else printf '%-28s %-34s %6ss\n' "fetch" "$(tail -1 "$f.out")" "$sec"; grep '^#' "$f.out" | head -20; fi
		return ;;
	make)
		[ "$VERBOSE" = 1 ] && { cat "$f.out"; return; }
		printf '%-28s %-34s %6ss\n' "make" "$maketargets" "$sec"; cat "$f.out"
		return ;;
	esac
	set -- "$1" $(counts "$f.out")
	pass=$((pass + $2)); fail=$((fail + $3)); skip=$((skip + $4))
	if [ "$VERBOSE" = 1 ]; then cat "$f.out"; return; fi
	c="$2 passed"
	[ "$3" -gt 0 ] && c="$c, $3 failed"
	[ "$4" -gt 0 ] && c="$c, $4 skipped"
	mark=ok; [ "$4" -gt 0 ] && mark=skip; [ "$3" -gt 0 ] && mark=FAIL
	printf '%-4s %-23s %-34s %6ss\n' "$mark" "$1" "$c" "$sec"
	[ "$3" -gt 0 ] || [ "$4" -gt 0 ] && details "$f.out"
}

if [ "$fetch" = 1 ]; then launch fetch; bg=1; fi
while :; do
	while [ "$running" -lt "$NJOBS" ]; do
		next=
		for id in $pending; do
			if ready "$id"; then next=$id; break; fi
		done
		[ -n "$next" ] || break
		pending=$(for id in $pending; do [ "$id" = "$next" ] || printf '%s ' "$id"; done)
		launch "$next"; running=$((running + 1))
	done
	if [ "$running" -eq 0 ] && [ "$bg" -eq 0 ]; then
		[ -z "$(echo $pending)" ] && break
		echo "tests/run.sh: nothing can start: $pending" >&2; fail=$((fail + 1)); break
	fi
	read -r id <&3 || break
	case $id in
	fetch) bg=0; fetch_done=1 ;;
	*) running=$((running - 1)) ;;
	esac
	case $id in
	fixtures/*) fx_left=$((fx_left - 1)) ;;
	cases) cases_done=1 ;;
	make) make_done=1 ;;
	esac
	report "$id"
done
wait

# keep the durations of jobs not run this time (a PATTERN run)
if [ -f "$DUR" ]; then
	awk 'NR == FNR { new[$1] = 1; print; next } !($1 in new)' "$R/durations" "$DUR" >"$R/durations.all"
else
	cp "$R/durations" "$R/durations.all"
fi
mv "$R/durations.all" "$DUR"
[ "$VERBOSE" = 1 ] || awk -v a="$T0" -v b="$(now)" -v j="$NJOBS" 'BEGIN { printf "%.0f s with JOBS=%d; every line of each job: V=1, or build/test/run/*.out\n", b - a, j }'
echo "$pass passed, $fail failed, $skip skipped"
[ $fail -eq 0 ]
