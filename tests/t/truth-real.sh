#!/bin/sh
# truth-real.sh - ground truth for `check` on REAL prebuilt npm addons: every
# .node file of the packages in tests/real/packages.tsv (all platforms: a
# foreign file must be predicted as the failure real Node gives on this
# machine) is require()d by every cached official Node runtime and by this
# machine's node, and `check --node <runtime> --json` must predict outcome,
# code and message byte for byte (tests/truth/real.js does the comparing).
# Also sharp in a node_modules layout, with and without
# @img/sharp-libvips-linux-x64 beside it (found through the addon's RPATH
# $ORIGIN/../../sharp-libvips-linux-x64/lib).  Caches live outside the repo
# (tools/fetch-real-packages.sh, tests/truth/fetch-node.sh); an empty cache
# with no registry gives skip lines.  Known failures: tests/truth/known-failures.tsv.
set -u
HOSTNODE=$(command -v node || true)
[ -n "$HOSTNODE" ] || { echo "skip - truth-real: no node on PATH to drive the comparison"; exit 0; }
CACHE=${AD_TEST_CACHE:-${HOME:-/tmp}/.cache/addon-doctor-tests/npm}
OUT=$WORK/truth-real
rm -rf "$OUT" && mkdir -p "$OUT"
if command -v npm >/dev/null; then
	AD_TEST_CACHE=$CACHE "$ROOT/tools/fetch-real-packages.sh" >"$OUT/fetch.log" 2>&1 ||
		grep '^failed' "$OUT/fetch.log" | sed 's/^/# /'
fi
RUNTIMES=$("$ROOT/tests/truth/fetch-node.sh" 2>"$OUT/fetch-node.log")
[ -n "$RUNTIMES" ] || echo "skip - truth-real: no cached Node runtimes and none could be fetched (see $OUT/fetch-node.log)"

# label<TAB>path for every cached real .node file.
[ -d "$CACHE/pkg" ] && find "$CACHE/pkg" -name '*.node' -type f | sort | while IFS= read -r f; do
	printf '%s\t%s\n' "${f#"$CACHE/pkg/"}" "$f"
done >"$OUT/files.tsv"
# sharp in node_modules: RPATH $ORIGIN/../../sharp-libvips-linux-x64/lib
# reaches node_modules/@img/sharp-libvips-linux-x64/lib.  Copies (hard links
# when possible), never symlinks: require() realpath()s the file, so $ORIGIN
# would be the cache.
SHARP=$CACHE/pkg/@img+sharp-linux-x64@0.33.5/package
VIPS=$CACHE/pkg/@img+sharp-libvips-linux-x64@1.0.4/package
if [ -f "$SHARP/lib/sharp-linux-x64.node" ] && [ -f "$VIPS/lib/libvips-cpp.so.42" ]; then
	for layout in with-libvips without-libvips; do
		nm=$OUT/$layout/node_modules/@img
		mkdir -p "$nm/sharp-linux-x64"
		cp -lR "$SHARP/." "$nm/sharp-linux-x64/" 2>/dev/null || cp -R "$SHARP/." "$nm/sharp-linux-x64/"
		if [ $layout = with-libvips ]; then
			mkdir -p "$nm/sharp-libvips-linux-x64"
			cp -lR "$VIPS/." "$nm/sharp-libvips-linux-x64/" 2>/dev/null || cp -R "$VIPS/." "$nm/sharp-libvips-linux-x64/"
		fi
		printf '%s\t%s\n' "$layout/node_modules/@img/sharp-linux-x64/lib/sharp-linux-x64.node" \
			"$nm/sharp-linux-x64/lib/sharp-linux-x64.node" >>"$OUT/files.tsv"
	done
else
	echo "skip - truth-real: sharp layouts: @img/sharp-linux-x64 or @img/sharp-libvips-linux-x64 not cached"
fi
if [ ! -s "$OUT/files.tsv" ]; then
	echo "skip - truth-real: no real packages cached and none could be fetched (see $OUT/fetch.log)"
	echo "# real truth: files x runtimes = 0, agree 0"
	exit 0
fi

# The optimised build predicts (ASan would make ~2000 predictions slow); the
# ASan build is run once over every file to catch memory errors.
TRUTH_AD=${TRUTH_AD:-$ROOT/addon-doctor}
[ -x "$TRUTH_AD" ] || TRUTH_AD=$AD
cut -f2 "$OUT/files.tsv" | xargs -d '\n' sh -c '"$0" check --node "$1" --json "$@" >/dev/null 2>"$2.err"; echo $? >"$2.rc"' \
	"$AD" "$HOSTNODE" "$OUT/asan" 2>/dev/null
if grep -q 'ERROR: AddressSanitizer\|runtime error:' "$OUT/asan.err" 2>/dev/null; then
	echo "not ok - truth-real: ASan build reports a memory error checking the real files"
	grep -m5 'ERROR: AddressSanitizer\|runtime error:' "$OUT/asan.err" | sed 's/^/# /'
else
	echo "ok - truth-real: ASan build checks every real file without a sanitizer report"
fi
"$HOSTNODE" "$ROOT/tests/truth/real.js" "$TRUTH_AD" "$ROOT/tests/truth/known-failures.tsv" \
	"$OUT/files.tsv" "$HOSTNODE" $RUNTIMES
