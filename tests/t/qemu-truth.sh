#!/bin/sh
# qemu-truth.sh - ground truth for `check` on other architectures, by real
# runs: the official node-linux-<arch> binaries from npm run under qemu user
# mode against a Debian 12 root filesystem of that architecture (its own
# glibc loader, ld.so.cache and libraries; tests/truth/fetch-foreign.sh),
# require() every real addon of the real-package suite (tests/real/
# packages.tsv, tools/fetch-real-packages.sh) built for that architecture
# (every ELF file of that machine: Linux glibc and musl, Android, FreeBSD),
# and `check --node <that node> --sysroot <rootfs> --json` must predict
# outcome, code and message byte for byte (tests/truth/qemu.js).
#
#   arm64    node 20.11.0 and 22.23.3     (Debian arm64)
#   armv7l   node 20.11.0                 (Debian armhf)
#   ppc64le  node 20.11.0                 (Debian ppc64el)
#   s390x    node 20.11.0                 (Debian s390x, big-endian)
#
# A guest start costs seconds, so by default a representative subset of each
# architecture's files runs (QEMU_SUBSET per architecture, default 6, spread
# over the sorted list); FULL=1 runs every file.  Real results are cached
# under ~/.cache/addon-doctor-tests/qemu-truth (a rerun starts no guest for
# a file already run).  Needs qemu-user (Debian package; no binfmt needed:
# qemu-<arch> is run explicitly), npm and node; missing ones give skip lines.
set -u
HOSTNODE=$(command -v node || true)
[ -n "$HOSTNODE" ] || { echo "skip - qemu-truth: no node on PATH to drive the comparison"; exit 0; }
BASE=${AD_TEST_CACHE:-${HOME:-/tmp}/.cache/addon-doctor-tests}
NPMCACHE=$BASE/npm
OUT=$WORK/qemu-truth
rm -rf "$OUT" && mkdir -p "$OUT"
if command -v npm >/dev/null; then
	AD_TEST_CACHE=$NPMCACHE "$ROOT/tools/fetch-real-packages.sh" >"$OUT/fetch.log" 2>&1 ||
		grep '^failed' "$OUT/fetch.log" | sed 's/^/# /'
fi
[ -d "$NPMCACHE/pkg" ] || { echo "skip - qemu-truth: no real packages cached (see $OUT/fetch.log)"; exit 0; }
TRUTH_AD=${TRUTH_AD:-$ROOT/addon-doctor}
[ -x "$TRUTH_AD" ] || TRUTH_AD=$AD

# The arch of every cached real .node file, from the tool's own reading.
find "$NPMCACHE/pkg" -name '*.node' -type f | sort >"$OUT/all.txt"
: >"$OUT/arches.tsv"
xargs -d '\n' -n 200 "$TRUTH_AD" inspect --json <"$OUT/all.txt" 2>/dev/null |
	"$HOSTNODE" -e '
	let buf = "";
	process.stdin.on("data", d => buf += d).on("end", () => {
	  for (const l of buf.split("\n")) {
	    let j; try { j = JSON.parse(l); } catch (e) { continue; }
	    if (j.format === "elf")
	      console.log(j.arch + "\t" + j.path);
	  }
	});' >"$OUT/arches.tsv"

# Build tests/t/foreign-abi.sh's fixtures (quietly) and read their arches.
FXA=$WORK/foreign-abi
sh "$ROOT/tests/t/foreign-abi.sh" >/dev/null 2>&1
find "$FXA" -name '*.node' -type f 2>/dev/null | grep -v '/cxx/\|/abs.node$' | sort |
	xargs -r -d '\n' "$TRUTH_AD" inspect --json 2>/dev/null |
	sed -n 's/.*"path":"\([^"]*\)".*"arch":"\([^"]*\)".*/\2\t\1/p' >"$OUT/fx-arches.tsv"

run_arch() { # debarch nodearch qemu arch-word versions...
	debarch=$1 nodearch=$2 qemu=$3 word=$4; shift 4
	if ! command -v "$qemu" >/dev/null; then
		echo "skip - qemu-truth: $nodearch: no $qemu (Debian package qemu-user)"; return
	fi
	AD_TEST_CACHE=$BASE "$ROOT/tests/truth/fetch-foreign.sh" "$debarch" "$nodearch" "$@" \
		>"$OUT/$nodearch.fetch" 2>"$OUT/$nodearch.fetch.err"
	rootfs=$(sed -n 's/^rootfs //p' "$OUT/$nodearch.fetch")
	nodes=$(sed -n 's/^node //p' "$OUT/$nodearch.fetch")
	if [ -z "$rootfs" ] || [ -z "$nodes" ]; then
		echo "skip - qemu-truth: $nodearch: root filesystem or node not available ($(head -1 "$OUT/$nodearch.fetch.err"))"
		return
	fi
	awk -F'\t' -v w="$word" '$1 == w { print $2 }' "$OUT/arches.tsv" >"$OUT/$nodearch.all"
	total=$(wc -l <"$OUT/$nodearch.all")
	if [ "$total" -eq 0 ]; then echo "skip - qemu-truth: $nodearch: no real $word file cached"; return; fi
	if [ "${FULL:-}" = 1 ]; then
		cp "$OUT/$nodearch.all" "$OUT/$nodearch.sel"
	else
		# every k-th file, so the subset spans the packages
		n=${QEMU_SUBSET:-6}
		awk -v n="$n" -v t="$total" 'BEGIN { s = t / n; if (s < 1) s = 1 } { if (NR - 1 >= next_pick) { print; next_pick += s } }' \
			"$OUT/$nodearch.all" | head -n "$n" >"$OUT/$nodearch.sel"
	fi
	while IFS= read -r f; do printf '%s\t%s\n' "${f#"$NPMCACHE/pkg/"}" "$f"; done \
		<"$OUT/$nodearch.sel" >"$OUT/$nodearch.files"
	# one file of each other machine: the header checks of this glibc
	# (another machine, another byte order or class); 2 by default
	awk -F'\t' -v w="$word" '$1 != w && !seen[$1]++ { print $2 }' "$OUT/arches.tsv" |
		head -n "$([ "${FULL:-}" = 1 ] && echo 100 || echo 2)" |
		while IFS= read -r f; do printf 'other-arch %s\t%s\n' "${f#"$NPMCACHE/pkg/"}" "$f"; done >>"$OUT/$nodearch.files"
	# and the fixtures of tests/t/foreign-abi.sh for that architecture
	# (float ABI, declared Node-API level, $ORIGIN beside an addon
	# outside the sysroot): the real loader on what the unit tests reason about
	awk -F'\t' -v w="$word" -v d="$FXA/" '$1 == w && index($2, d) == 1 { print $2 }' "$OUT/fx-arches.tsv" |
		while IFS= read -r f; do printf 'fixture %s\t%s\n' "${f#"$FXA/"}" "$f"; done >>"$OUT/$nodearch.files"
	echo "# qemu-truth: $nodearch: $(wc -l <"$OUT/$nodearch.sel") of $total real $word files$([ "${FULL:-}" = 1 ] || echo ' (subset; FULL=1 for all)'), $(grep -c '^other-arch ' "$OUT/$nodearch.files") of other machines, $(grep -c '^fixture ' "$OUT/$nodearch.files") fixtures"
	# the ASan build over the same files once (the optimised one predicts)
	# shellcheck disable=SC2086
	set -- $nodes
	cut -f2 "$OUT/$nodearch.files" | xargs -d '\n' "$AD" check --json --node "$1" --sysroot "$rootfs" \
		>/dev/null 2>"$OUT/$nodearch.asan"
	if grep -q 'ERROR: AddressSanitizer\|runtime error:' "$OUT/$nodearch.asan"; then
		echo "not ok - qemu-truth: $nodearch: ASan build reports a memory error"
		grep -m5 'ERROR: AddressSanitizer\|runtime error:' "$OUT/$nodearch.asan" | sed 's/^/# /'
	else
		echo "ok - qemu-truth: $nodearch: ASan build checks every file without a sanitizer report"
	fi
	# shellcheck disable=SC2086
	QEMU_TRUTH_CACHE=$BASE/qemu-truth "$HOSTNODE" "$ROOT/tests/truth/qemu.js" "$TRUTH_AD" \
		"$ROOT/tests/truth/qemu-known-failures.tsv" "$OUT/$nodearch.files" "$(command -v "$qemu")" "$rootfs" $nodes
}

run_arch arm64 arm64 qemu-aarch64 arm64 20.11.0 22.23.3
run_arch armhf armv7l qemu-arm arm 20.11.0
run_arch ppc64el ppc64le qemu-ppc64le ppc64 20.11.0
run_arch s390x s390x qemu-s390x s390x 20.11.0
