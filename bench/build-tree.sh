#!/bin/sh
# Builds the benchmark tree: a large, real node_modules from npm (bench/package.json,
# exact versions) in a cache directory outside the repository.  Package scripts never
# run (--ignore-scripts), so no addon is compiled or downloaded by an install hook:
# the tree holds exactly the .node files the tarballs ship.  --force makes npm install
# the other-platform packages listed explicitly (darwin, win32, musl, arm64) instead of
# refusing them with EBADPLATFORM, which is what a node_modules copied between machines
# looks like.
#
# usage: bench/build-tree.sh [DIR]      (default $ADDON_DOCTOR_BENCH_DIR or
#                                        ~/.cache/addon-doctor-bench)
#        bench/build-tree.sh --project [DIR]   the 23-package project of
#                                        bench/project/ (the WebAssembly
#                                        benchmark, bench/wasm-bench.sh), default
#                                        ~/.cache/addon-doctor-bench-project
# Prints the tree's path on its last line.  Idempotent: does nothing when DIR was
# already built from the same package.json.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
if [ "${1:-}" = --project ]; then
    shift
    here=$here/project
    dir=${1:-$HOME/.cache/addon-doctor-bench-project}
else
    dir=${1:-${ADDON_DOCTOR_BENCH_DIR:-$HOME/.cache/addon-doctor-bench}}
fi
stamp="$dir/.built-from"

want=$(cat "$here/package.json" | cksum)
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] && [ -d "$dir/node_modules" ]; then
    echo "tree already built: $dir" >&2
    echo "$dir"
    exit 0
fi

command -v npm >/dev/null 2>&1 || { echo "build-tree: npm not found" >&2; exit 2; }
mkdir -p "$dir"
rm -f "$stamp"
cp "$here/package.json" "$dir/package.json"
# The lock file pins the transitive versions too; when present it is used as is.
if [ -f "$here/package-lock.json" ]; then
    cp "$here/package-lock.json" "$dir/package-lock.json"
fi

echo "build-tree: npm install --ignore-scripts --force in $dir (a few minutes the first time)" >&2
(cd "$dir" && npm install --ignore-scripts --force --no-audit --no-fund \
     --loglevel=error >"$dir/npm-install.log" 2>&1) || {
    echo "build-tree: npm install failed; see $dir/npm-install.log" >&2
    tail -20 "$dir/npm-install.log" >&2
    exit 1
}

if [ ! -f "$here/package-lock.json" ]; then
    cp "$dir/package-lock.json" "$here/package-lock.json"
    echo "build-tree: wrote $here/package-lock.json (commit it)" >&2
fi

files=$(find "$dir/node_modules" -type f | wc -l)
addons=$(find "$dir/node_modules" -name '*.node' | wc -l)
echo "build-tree: $files files, $addons .node files" >&2
echo "$want" >"$stamp"
echo "$dir"
