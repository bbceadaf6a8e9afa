#!/bin/sh
# scan-truth.sh - whole-project ground truth for `scan` on REAL npm trees:
# every package of tests/real/scan-truth/packages.tsv (67 native packages
# across node-gyp-build 3/4, node-gyp-build-optional-packages, bindings,
# prebuild-install, node-pre-gyp, cmake-js, cmake-ts, pkg-prebuilds,
# napi-rs templates and package-specific loaders, JS fallbacks, binding.gyp
# packages left unbuilt) and tests/real/scan-truth-alt/packages.tsv (other
# versions of 18 of them, and Sentry's profiler 2.4.1 / 2.4.4) and
# tests/real/scan-truth-unseen/packages.tsv, unseen2/ and unseen3/ (29, 39 and
# 40 packages new to the suite, each batch first measured before the fixes it
# drove) is require()d by a fresh real
# node, with a forcing call for lazy loaders, and `scan --json --node NODE`
# must say the same, package by package: outcome, and for a throw the code
# and the message byte for byte (Require stack aside).
# tests/truth/scan-truth.js compares.
#
# Variants (hard-linked copies, no download): main, main-no-optional,
# alt-no-optional, unseen-no-optional, unseen2-no-optional and
# unseen3-no-optional (every package the lockfile marks optional removed: napi-rs
# and other platform packages absent, as after `npm install --omit=optional`
# or a lockfile made on another OS), main-no-libvips (sharp without
# @img/sharp-libvips-linux-x64).
#
# Runtimes: this machine's node and the official 22 and 24 (fetched into the
# cache by tests/truth/fetch-node.sh, as truth-real.sh does; one that cannot
# be had is a skip line).  The trees are installed once with `npm install
# --ignore-scripts` (exact versions from the committed lockfiles; no install
# script runs, so nothing is built or downloaded by the packages) into a
# cache OUTSIDE the repo keyed by each tree's lockfile hash; no registry and
# no cache gives a skip line.  The cache stays as installed: each tree's
# state is recorded then (<variant>.manifest) and checked before every run
# (a changed tree is a not ok line and is installed afresh), and the real
# runs happen in throwaway hard-link copies (scan-truth.js), since a loader
# may write into node_modules at require() time (unrs-resolver's
# napi-postinstall fallback downloads its platform package).  Known
# disagreements: tests/real/scan-truth/known-failures.tsv.
set -u
HOSTNODE=$(command -v node || true)
[ -n "$HOSTNODE" ] || { echo "skip - scan-truth: no node on PATH"; exit 0; }
BASE=${AD_TEST_CACHE:-${HOME:-/tmp}/.cache/addon-doctor-tests}
OUT=$WORK/scan-truth
rm -rf "$OUT" && mkdir -p "$OUT"

# install_tree NAME: installs tests/real/NAME into the cache once; prints the
# cached copy's directory, or nothing (then a skip line is in $OUT/skips).
install_tree() {
	src=$ROOT/tests/real/$1
	# "pristine-1": trees whose install-time state is recorded (*.manifest),
	# kept apart from the older harnesses' trees, whose real runs wrote
	# into them (unrs-resolver's napi-postinstall fallback)
	key=$( (printf 'pristine-1\n'; cat "$src/package.json" "$src/package-lock.json") | cksum | cut -d' ' -f1)
	cache=$BASE/scan-truth/$1-$key
	# A cached tree that is not as installed (a real run wrote into it, or
	# anything else did) is reported and installed afresh: every run must
	# start from the lockfile's tree.
	if [ -f "$cache/.complete" ]; then
		for d in tree no-optional no-libvips; do
			[ -d "$cache/$d" ] || continue
			if ! ch=$("$HOSTNODE" "$ROOT/tests/truth/scan-truth.js" --verify "$cache/$d" "$cache/$d.manifest"); then
				echo "not ok - scan-truth: $1: the cached tree $cache/$d is not as installed ($ch); installing it again" >>"$OUT/skips"
				rm -f "$cache/.complete"
				break
			fi
		done
	fi
	if [ ! -f "$cache/.complete" ]; then
		if ! command -v npm >/dev/null; then
			echo "skip - scan-truth: $1: no npm to install the tree and no cached tree" >>"$OUT/skips"; return
		fi
		rm -rf "$cache" && mkdir -p "$cache/tree" || return
		cp "$src/package.json" "$src/package-lock.json" "$cache/tree/"
		# --ignore-scripts: nothing of the packages runs at install time.
		# npm install, not npm ci: the lockfile lacks the foreign platform
		# packages the registry could not give when it was made (optional:
		# npm skips them), which npm ci takes for a lockfile out of sync.
		if ! (cd "$cache/tree" && npm install --ignore-scripts --no-audit --no-fund --prefer-offline \
			--fetch-retries=0 --fetch-timeout=30000) >"$OUT/npm-$1.log" 2>&1; then
			rm -rf "$cache"
			echo "skip - scan-truth: $1: cannot install the tree (npm registry unreachable?): $(grep -m1 -i 'err' "$OUT/npm-$1.log")" >>"$OUT/skips"
			return
		fi
		# Without the optional packages: what --omit=optional, or a lockfile
		# made on another platform, leaves.  Hard links: the copy is cheap.
		mkdir -p "$cache/no-optional"
		cp -al "$cache/tree/." "$cache/no-optional/" 2>/dev/null || cp -R "$cache/tree/." "$cache/no-optional/"
		"$HOSTNODE" -e '
			const lock = require(process.argv[1] + "/package-lock.json");
			for (const [k, v] of Object.entries(lock.packages || {}))
				if (k && v.optional)
					require("fs").rmSync(process.argv[1] + "/" + k, { recursive: true, force: true });' \
			"$cache/no-optional"
		for d in tree no-optional; do
			"$HOSTNODE" "$ROOT/tests/truth/scan-truth.js" --manifest "$cache/$d" >"$cache/$d.manifest" || return
		done
		touch "$cache/.complete"
	fi
	echo "$cache"
}
MAIN=$(install_tree scan-truth)
ALT=$(install_tree scan-truth-alt)
UNSEEN=$(install_tree scan-truth-unseen)
UNSEEN2=$(install_tree scan-truth-unseen2)
UNSEEN3=$(install_tree scan-truth-unseen3)
[ -f "$OUT/skips" ] && cat "$OUT/skips"
SPECS=
if [ -n "$MAIN" ]; then
	TSV=$ROOT/tests/real/scan-truth/packages.tsv
	SPECS="main:$MAIN/tree:$TSV main-no-optional:$MAIN/no-optional:$TSV"
	# sharp without its libvips companion.
	if [ ! -d "$MAIN/no-libvips" ] && [ -d "$MAIN/tree/node_modules/@img/sharp-libvips-linux-x64" ]; then
		mkdir -p "$MAIN/no-libvips.tmp"
		cp -al "$MAIN/tree/." "$MAIN/no-libvips.tmp/" 2>/dev/null || cp -R "$MAIN/tree/." "$MAIN/no-libvips.tmp/"
		rm -rf "$MAIN/no-libvips.tmp/node_modules/@img/sharp-libvips-linux-x64"
		"$HOSTNODE" "$ROOT/tests/truth/scan-truth.js" --manifest "$MAIN/no-libvips.tmp" >"$MAIN/no-libvips.manifest.tmp" &&
			mv "$MAIN/no-libvips.tmp" "$MAIN/no-libvips" && mv "$MAIN/no-libvips.manifest.tmp" "$MAIN/no-libvips.manifest"
	fi
	[ -d "$MAIN/no-libvips" ] && SPECS="$SPECS main-no-libvips:$MAIN/no-libvips:$TSV:sharp"
fi
if [ -n "$ALT" ]; then
	TSV=$ROOT/tests/real/scan-truth-alt/packages.tsv
	SPECS="$SPECS alt:$ALT/tree:$TSV alt-no-optional:$ALT/no-optional:$TSV"
fi
if [ -n "$UNSEEN" ]; then
	TSV=$ROOT/tests/real/scan-truth-unseen/packages.tsv
	SPECS="$SPECS unseen:$UNSEEN/tree:$TSV unseen-no-optional:$UNSEEN/no-optional:$TSV"
fi
if [ -n "$UNSEEN2" ]; then
	TSV=$ROOT/tests/real/scan-truth-unseen2/packages.tsv
	SPECS="$SPECS unseen2:$UNSEEN2/tree:$TSV unseen2-no-optional:$UNSEEN2/no-optional:$TSV"
fi
if [ -n "$UNSEEN3" ]; then
	TSV=$ROOT/tests/real/scan-truth-unseen3/packages.tsv
	SPECS="$SPECS unseen3:$UNSEEN3/tree:$TSV unseen3-no-optional:$UNSEEN3/no-optional:$TSV"
fi
[ -n "$SPECS" ] || exit 0

# The host's node and the official 22 and 24.
HOSTMAJOR=$("$HOSTNODE" -p 'process.versions.node.split(".")[0]')
RUNTIMES=$HOSTNODE
for v in 22.23.3 24.21.0; do
	[ "${v%%.*}" = "$HOSTMAJOR" ] && continue
	n=$("$ROOT/tests/truth/fetch-node.sh" "$v" 2>>"$OUT/fetch-node.log")
	if [ -n "$n" ] && [ -x "$n" ]; then
		RUNTIMES="$RUNTIMES $n"
	else
		echo "skip - scan-truth: node $v not cached and cannot be fetched (see $OUT/fetch-node.log)"
	fi
done

for node in $RUNTIMES; do
	# shellcheck disable=SC2086 # SPECS is a list of colon-joined words
	"$HOSTNODE" "$ROOT/tests/truth/scan-truth.js" "$AD" "$node" \
		"$ROOT/tests/real/scan-truth/known-failures.tsv" "$OUT" $SPECS
done
exit 0
