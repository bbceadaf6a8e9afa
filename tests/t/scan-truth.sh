#!/bin/sh
# scan-truth.sh - ground truth for `scan` on a REAL npm tree: every top-level
# package of tests/real/scan-truth/package.json (native packages whose
# loaders scan replays: node-gyp-build 3 and 4, node-gyp-build-optional-
# packages, napi-rs, sharp's, node-pre-gyp without its download, custom
# loaders) is require()d by real node, and `scan --json --node NODE` must
# say the same: the same file loads, or the same first error line (and
# code), or a crash.  Runtimes: this machine's node and one cached official
# one (tests/truth/fetch-node.sh's cache; none is downloaded here).  Also
# sharp with its @img/sharp-libvips-linux-x64 companion removed.
#
# The tree is installed once with `npm install --ignore-scripts` (exact versions
# from the committed lockfile; no install script runs, so bcrypt's
# node-pre-gyp download is absent) into a cache OUTSIDE the repo, keyed by
# the lockfile's hash; no registry and no cache gives a skip line.
set -u
HOSTNODE=$(command -v node || true)
[ -n "$HOSTNODE" ] || { echo "skip - scan-truth: no node on PATH"; exit 0; }
SRC=$ROOT/tests/real/scan-truth
BASE=${AD_TEST_CACHE:-${HOME:-/tmp}/.cache/addon-doctor-tests}
KEY=$(cat "$SRC/package.json" "$SRC/package-lock.json" | cksum | cut -d' ' -f1)
CACHE=$BASE/scan-truth/$KEY
TREE=$CACHE/tree
OUT=$WORK/scan-truth
rm -rf "$OUT" && mkdir -p "$OUT"

if [ ! -f "$CACHE/.complete" ]; then
	if ! command -v npm >/dev/null; then
		echo "skip - scan-truth: no npm to install the tree and no cached tree"; exit 0
	fi
	rm -rf "$CACHE" && mkdir -p "$TREE" || exit 1
	cp "$SRC/package.json" "$SRC/package-lock.json" "$TREE/"
	# --ignore-scripts: nothing of the packages runs at install time.  npm
	# install, not npm ci: the lockfile lacks the foreign platform packages
	# the registry could not give when it was made (optional: npm skips
	# them), which npm ci takes for a lockfile out of sync.
	if ! (cd "$TREE" && npm install --ignore-scripts --no-audit --no-fund --prefer-offline \
		--fetch-retries=0 --fetch-timeout=30000) >"$OUT/npm.log" 2>&1; then
		rm -rf "$CACHE"
		echo "skip - scan-truth: cannot install the tree (npm registry unreachable?): $(grep -m1 -i 'err' "$OUT/npm.log")"
		exit 0
	fi
	# sharp without its libvips companion: hard links, the copy is cheap.
	mkdir -p "$CACHE/no-libvips"
	cp -al "$TREE/." "$CACHE/no-libvips/" 2>/dev/null || cp -R "$TREE/." "$CACHE/no-libvips/"
	rm -rf "$CACHE/no-libvips/node_modules/@img/sharp-libvips-linux-x64"
	touch "$CACHE/.complete"
fi

# The host's node and one other official runtime, if one is cached.
HOSTMAJOR=$("$HOSTNODE" -p 'process.versions.node.split(".")[0]')
OTHER=
for v in 22.23.3 $(ls "$BASE/node" 2>/dev/null); do
	n=$BASE/node/$v/bin/node
	[ -x "$n" ] && [ "${v%%.*}" != "$HOSTMAJOR" ] && { OTHER=$n; break; }
done
[ -n "$OTHER" ] || echo "skip - scan-truth: no second Node runtime cached (run tests/truth/fetch-node.sh)"

for node in "$HOSTNODE" $OTHER; do
	label=node$("$node" -p 'process.versions.node')
	"$HOSTNODE" "$ROOT/tests/truth/scan-truth.js" "$AD" "$TREE" "$SRC/packages.tsv" "$label" "$node"
	[ -d "$CACHE/no-libvips/node_modules/@img/sharp-linux-x64" ] &&
		"$HOSTNODE" "$ROOT/tests/truth/scan-truth.js" "$AD" "$CACHE/no-libvips" "$SRC/packages.tsv" \
			"$label-no-libvips" "$node" sharp
done
exit 0
