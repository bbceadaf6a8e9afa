#!/bin/sh
# fetch-real-packages.sh - downloads the real npm packages named in
# tests/real/packages.tsv into a cache OUTSIDE the repository and unpacks
# them, for tests/t/real-packages.sh and tests/t/hostile.sh.
#
#   tools/fetch-real-packages.sh [PACKAGES.TSV]
#
# Cache: $AD_TEST_CACHE, default ~/.cache/addon-doctor-tests/npm.  Layout:
#   tgz/NAME@VER.tgz       the tarball exactly as `npm pack` fetched it
#   pkg/NAME@VER/package/  its unpacked contents   ('/' in a scope -> '+')
# Idempotent: a package whose pkg/ directory is complete is skipped, so a
# second run needs no network.  Uses `npm pack` (fetches the registry
# tarball, runs no install script).  Never called by the build.
# Prints one line per package: "cached NAME", "fetched NAME" or
# "failed NAME: why"; exits 0 when every package is in the cache, 1 if not.
set -u
ROOT=$(cd "$(dirname "$0")/.." && pwd)
LIST=${1:-$ROOT/tests/real/packages.tsv}
CACHE=${AD_TEST_CACHE:-${HOME:-/tmp}/.cache/addon-doctor-tests/npm}
mkdir -p "$CACHE/tgz" "$CACHE/pkg" "$CACHE/tmp" || exit 1

missing=0
for spec in $(grep -v '^#' "$LIST" | cut -f1 | grep . | sort -u); do
	safe=$(printf '%s' "$spec" | tr '/' '+')
	dir=$CACHE/pkg/$safe
	if [ -f "$dir/.complete" ]; then
		echo "cached $spec"
		continue
	fi
	tgz=$CACHE/tgz/$safe.tgz
	if [ ! -s "$tgz" ]; then
		tmp=$CACHE/tmp/$safe
		rm -rf "$tmp" && mkdir -p "$tmp"
		# --json prints the tarball's file name; scripts never run for a
		# registry spec, --ignore-scripts makes sure of it.
		if ! out=$(cd "$tmp" && npm pack --ignore-scripts --silent "$spec" 2>"$tmp.err"); then
			echo "failed $spec: $(grep -v '^npm warn' "$tmp.err" | head -2 | tr '\n' ' ')"
			missing=$((missing + 1)); rm -rf "$tmp" "$tmp.err"
			continue
		fi
		f=$(printf '%s\n' "$out" | tail -1)
		if [ ! -s "$tmp/$f" ]; then
			echo "failed $spec: npm pack wrote no tarball"
			missing=$((missing + 1)); rm -rf "$tmp" "$tmp.err"
			continue
		fi
		mv "$tmp/$f" "$tgz" && rm -rf "$tmp" "$tmp.err"
	fi
	rm -rf "$dir" && mkdir -p "$dir"
	# --no-same-owner/permissions: unpack as files we own; never follow
	# anything outside $dir (tar refuses absolute and ../ names by default).
	if tar -xzf "$tgz" -C "$dir" --no-same-owner 2>"$dir.err"; then
		# Some tarballs store their files read-only; the tests only read.
		touch "$dir/.complete"; rm -f "$dir.err"
		echo "fetched $spec"
	else
		echo "failed $spec: tar: $(head -1 "$dir.err")"
		rm -rf "$dir" "$dir.err" "$tgz"
		missing=$((missing + 1))
	fi
done
[ $missing -eq 0 ]
