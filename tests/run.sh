#!/bin/sh
# tests/run.sh - runs every test against the ASan+UBSan build.
#
#   tests/run.sh                 everything
#   tests/run.sh PATTERN         only tests whose name contains PATTERN
#   UPDATE=1 tests/run.sh NAME   rewrite the golden output of matching cases
#
# Kinds of test, each reporting "ok - NAME", "not ok - NAME" or "skip - NAME: why":
#   tests/unit/test_*.c    C unit tests linked with the library objects
#   tests/fixtures/*.sh    build fixtures from tiny sources into $FX (a build
#                          failure is a test failure; a missing toolchain a skip)
#   tests/cases/*.cmd      golden cases: command -> stdout, stderr, exit status
#   tests/t/*.sh           scripted checks (cross-checks, mutations, real files)
# The last line is "N passed, N failed, N skipped".
set -u
ROOT=$(cd "$(dirname "$0")/.." && pwd)
AD=${AD:-$ROOT/build/asan/addon-doctor}
WORK=${WORK:-$ROOT/build/test}
FX=$WORK/fixtures
PAT=${1:-}
export ROOT AD WORK FX
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
export NO_COLOR=1
mkdir -p "$WORK" "$FX"

pass=0; fail=0; skip=0
tally() {
	# reads "ok - x" / "not ok - x" / "skip - x" lines on stdin, echoes them, counts
	while IFS= read -r line; do
		printf '%s\n' "$line"
		case $line in
		"ok "*|"ok") pass=$((pass + 1)) ;;
		"not ok"*) fail=$((fail + 1)) ;;
		"skip "*) skip=$((skip + 1)) ;;
		esac
	done
}
want() { [ -z "$PAT" ] || case $1 in *"$PAT"*) return 0 ;; *) return 1 ;; esac; }

# 1. unit tests
LIBOBJ=$(ls "$ROOT"/build/asan/*/*.o 2>/dev/null | grep -v '/cli/main.o$')
SAN="-O1 -g -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer"
for t in "$ROOT"/tests/unit/test_*.c; do
	[ -e "$t" ] || continue
	name=$(basename "$t" .c)
	want "$name" || continue
	bin=$WORK/$name
	if ! ${CC:-cc} -std=c11 -D_DEFAULT_SOURCE -Wall -Wextra -Werror -I"$ROOT/src" -I"$ROOT/build/gen" \
		$SAN -o "$bin" "$t" $LIBOBJ $(pkg-config --libs libarchive 2>/dev/null) 2>"$WORK/$name.build.log"; then
		echo "not ok - $name: does not build"; sed 's/^/# /' "$WORK/$name.build.log"
		fail=$((fail + 1)); continue
	fi
	"$bin" >"$WORK/$name.log" 2>&1; rc=$?
	tally <"$WORK/$name.log"
	grep -v '^\(ok\|not ok\|skip\)' "$WORK/$name.log" | sed 's/^/# /' | head -40
	if [ $rc -ne 0 ] && ! grep -q '^not ok' "$WORK/$name.log"; then
		echo "not ok - $name: exited $rc"; fail=$((fail + 1))
	fi
done

# 2. fixtures (always built: cases and scripts depend on them)
for s in "$ROOT"/tests/fixtures/*.sh; do
	[ -e "$s" ] || continue
	name=fixtures/$(basename "$s" .sh)
	sh "$s" "$FX" >"$WORK/$(basename "$s").log" 2>&1; rc=$?
	grep '^skip ' "$WORK/$(basename "$s").log" | tally
	if [ $rc -eq 0 ]; then echo "ok - $name"; pass=$((pass + 1))
	else echo "not ok - $name (exit $rc)"; sed 's/^/# /' "$WORK/$(basename "$s").log" | tail -30; fail=$((fail + 1)); fi
done

# 3. golden cases
# Longest first: FX and WORK usually lie inside ROOT.
normalize() { sed -e "s#$FX#<FX>#g" -e "s#$WORK#<WORK>#g" -e "s#$ROOT#<ROOT>#g"; }
for c in "$ROOT"/tests/cases/*.cmd; do
	[ -e "$c" ] || continue
	name=$(basename "$c" .cmd)
	want "$name" || continue
	need=$(sed -n 's/^# needs: *//p' "$c")
	missing=""
	for f in $need; do [ -e "$FX/$f" ] || missing="$missing $f"; done
	if [ -n "$missing" ]; then echo "skip - case $name: fixture missing:$missing"; skip=$((skip + 1)); continue; fi
	exp=${c%.cmd}.out
	act=$WORK/cases/$name.out
	mkdir -p "$WORK/cases"
	( cd "$FX" && sh -c "$(grep -v '^#' "$c")" >"$act.stdout" 2>"$act.stderr"; echo $? >"$act.rc" )
	{ normalize <"$act.stdout"; echo "--- stderr"; normalize <"$act.stderr"; echo "--- exit $(cat "$act.rc")"; } >"$act"
	if [ "${UPDATE:-}" = 1 ]; then cp "$act" "$exp"; echo "ok - case $name (updated)"; pass=$((pass + 1)); continue; fi
	if [ -f "$exp" ] && diff -u "$exp" "$act" >"$act.diff"; then
		echo "ok - case $name"; pass=$((pass + 1))
	else
		echo "not ok - case $name"; [ -f "$exp" ] || echo "# no golden file: UPDATE=1 tests/run.sh $name"
		sed 's/^/# /' "$act.diff" 2>/dev/null | head -40; fail=$((fail + 1))
	fi
done

# 4. scripted checks
for s in "$ROOT"/tests/t/*.sh; do
	[ -e "$s" ] || continue
	name=$(basename "$s" .sh)
	want "$name" || continue
	sh "$s" >"$WORK/t-$name.log" 2>&1; rc=$?
	tally <"$WORK/t-$name.log"
	if [ $rc -ne 0 ] && ! grep -q '^not ok' "$WORK/t-$name.log"; then
		echo "not ok - $name: exited $rc"; tail -20 "$WORK/t-$name.log" | sed 's/^/# /'; fail=$((fail + 1))
	fi
done

echo "$pass passed, $fail failed, $skip skipped"
[ $fail -eq 0 ]
