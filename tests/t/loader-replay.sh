#!/bin/sh
# loader-replay.sh - scan's loader replays against the REAL published
# JavaScript loaders (tests/truth/loader-replay.js): node-gyp-build 4.8.4
# and 3.9.0, node-gyp-build-optional-packages 5.2.2, bindings 1.5.0,
# @mapbox/node-pre-gyp 1.0.11 and the newest 2.x (find()), and napi-rs
# loaders as published in real packages, one per generation of @napi-rs/cli:
#   @node-rs/bcrypt 1.1.0    cli 1.x era: @node-rs/helper's loadBinding()
#   @node-rs/argon2 1.1.0    cli 2.x index.js, no darwin-universal
#   @node-rs/argon2 1.5.0    cli 2.x index.js with darwin-universal
#   @napi-rs/canvas 0.1.50   cli 2.18 js-binding.js
#   @node-rs/argon2 1.7.0    cli 3.0.0-alpha.33 (throws the last load error)
#   @node-rs/argon2 2.0.2    cli 3.0.0-alpha.64 ("Failed to load native binding")
#   @napi-rs/canvas 0.1.70   cli 3.0.0-alpha.70
#   @napi-rs/canvas 1.0.0    cli 3.5.0
#   @napi-rs/canvas 1.1.1    cli 3.8.3 ("Cannot find native binding. npm has a bug ...")
# and Sentry's CPU profiler, one per loader shape (loader_custom.c):
#   @sentry-internal/node-cpu-profiler 2.4.1   lib/index.js, the last require() thrown
#   @sentry/node-cpu-profiler 2.4.4            the same, that require() caught
#   @sentry/profiling-node 8.55.2              lib/cjs/index.js (createRequire, no Electron branch)
# Each is fetched once with `npm pack` (no script of it runs) into
# ~/.cache/addon-doctor-tests/loaders/<name>@<version>/ (outside the repo);
# the packages whose loading code needs their own dependencies (detect-libc,
# semver, nopt, file-uri-to-path, @node-rs/helper, node-abi, @sentry/node) get them with
# `npm install --ignore-scripts --omit=dev --omit=optional` inside that
# directory.  No registry and no cache: a skip line.
set -u
NODE=$(command -v node || true)
[ -n "$NODE" ] || { echo "skip - loader-replay: no node on PATH"; exit 0; }
BASE=${AD_TEST_CACHE:-${HOME:-/tmp}/.cache/addon-doctor-tests}
LOADERS=$BASE/loaders
OUT=$WORK/loader-replay
rm -rf "$OUT" && mkdir -p "$OUT" "$LOADERS" || exit 1

# fetch SPEC: the package unpacked into $LOADERS/<name>@<version>/
fetch() {
	spec=$1
	case $spec in
	*@2) for d in "$LOADERS/${spec%@2}"@2.*; do [ -f "$d/.complete" ] && return 0; done ;;
	*) [ -f "$LOADERS/$spec/.complete" ] && return 0 ;;
	esac
	command -v npm >/dev/null || { echo "skip - loader-replay $spec: no npm and not cached"; return 1; }
	tmp=$OUT/fetch && rm -rf "$tmp" && mkdir -p "$tmp"
	if ! (cd "$tmp" && npm pack --ignore-scripts --silent --fetch-retries=0 --fetch-timeout=30000 "$spec") >"$tmp/log" 2>&1; then
		echo "skip - loader-replay $spec: npm pack failed (registry unreachable?): $(grep -m1 -i err "$tmp/log")"
		return 1
	fi
	mkdir -p "$tmp/x" && tar xzf "$tmp"/*.tgz -C "$tmp/x" || return 1
	id=$("$NODE" -p 'const p = require(process.argv[1]); p.name + "@" + p.version' "$tmp/x/package/package.json")
	dest=$LOADERS/$id
	rm -rf "$dest" && mkdir -p "$(dirname "$dest")" && mv "$tmp/x/package" "$dest" || return 1
	if "$NODE" -e 'process.exit(Object.keys(require(process.argv[1]).dependencies || {}).length ? 0 : 1)' "$dest/package.json"; then
		if ! (cd "$dest" && npm install --ignore-scripts --omit=dev --omit=optional --omit=peer --no-package-lock \
			--no-audit --no-fund --fetch-retries=0 --fetch-timeout=30000) >"$tmp/log" 2>&1; then
			echo "skip - loader-replay $spec: cannot install its dependencies: $(grep -m1 -i err "$tmp/log")"
			rm -rf "$dest"; return 1
		fi
	fi
	touch "$dest/.complete"
}
for spec in node-gyp-build@4.8.4 node-gyp-build@3.9.0 node-gyp-build-optional-packages@5.2.2 bindings@1.5.0 \
	@mapbox/node-pre-gyp@1.0.11 @mapbox/node-pre-gyp@2 \
	@node-rs/bcrypt@1.1.0 @node-rs/argon2@1.1.0 @node-rs/argon2@1.5.0 @napi-rs/canvas@0.1.50 @node-rs/argon2@1.7.0 \
	@node-rs/argon2@2.0.2 @napi-rs/canvas@0.1.70 @napi-rs/canvas@1.0.0 @napi-rs/canvas@1.1.1 \
	@sentry-internal/node-cpu-profiler@2.4.1 @sentry/node-cpu-profiler@2.4.4 @sentry/profiling-node@8.55.2; do
	fetch "$spec"
done
rm -rf "$OUT/fetch"

# The one addon every candidate location gets a copy of: a real Node-API
# ELF for this machine, built without Node's headers (examples/src/napi.c).
if ! ${CC:-cc} -shared -fPIC -O1 -o "$OUT/addon.node" "$ROOT/examples/src/napi.c" 2>"$OUT/cc.log"; then
	echo "not ok - loader-replay: cannot build the addon"; sed 's/^/# /' "$OUT/cc.log"; exit 0
fi
"$NODE" "$ROOT/tests/truth/loader-replay.js" "$AD" "$LOADERS" "$OUT/run" "$OUT/addon.node"
