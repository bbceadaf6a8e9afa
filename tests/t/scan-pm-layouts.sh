#!/bin/sh
# scan-pm-layouts.sh - small synthetic trees in the shapes pnpm and bun's
# isolated linker give (a virtual store, packages reached through symlinks,
# dependencies resolvable only from a package's real path), each checked
# against real node on PATH by tests/truth/scan-truth.js: every package of
# the tree's packages.tsv is require()d in a fresh node and `scan --json`
# must say the same (outcome, code, message byte for byte).  What the real
# trees of scan-truth-pm.sh showed scan getting wrong, in a tree small
# enough to read; no network, no package manager.
set -u
NODE=$(command -v node || true)
[ -n "$NODE" ] || { echo "skip - scan-pm-layouts: no node on PATH"; exit 0; }
T=$WORK/scan-pm-layouts
rm -rf "$T" && mkdir -p "$T" || exit 1
js() { mkdir -p "$(dirname "$1")" && cat >"$1"; }

# soft-via-root: pnpm --no-optional.  `soft` require()s `ext` in a try whose
# catch goes on without it; `ext` is not linked into soft's own
# .pnpm/soft@1.0.0/node_modules (an optional dependency left out) but is a
# direct dependency of the project, so node resolves it from soft's real
# path up to the project's node_modules/ext, a symlink into the store, and
# takes its realpath.  ext's addon was never built: require('ext') throws,
# soft falls back.
P=$T/soft-via-root
S=$P/node_modules/.pnpm
printf '{"name":"proj","version":"1.0.0","dependencies":{"soft":"1.0.0","ext":"1.0.0"}}\n' | js "$P/package.json"
printf 'lockfileVersion: 9.0\n' | js "$P/pnpm-lock.yaml"
printf '{"name":"soft","version":"1.0.0","main":"index.js","optionalDependencies":{"ext":"1.0.0"}}\n' | js "$S/soft@1.0.0/node_modules/soft/package.json"
js "$S/soft@1.0.0/node_modules/soft/index.js" <<'JS'
let ext = null
try {
	ext = require('ext')
} catch (error) {
	// the native module is optional
}
module.exports = { ext }
JS
printf '{"name":"ext","version":"1.0.0","main":"index.js","gypfile":true}\n' | js "$S/ext@1.0.0/node_modules/ext/package.json"
printf "{ 'targets': [ { 'target_name': 'ext', 'sources': [ 'ext.c' ] } ] }\n" | js "$S/ext@1.0.0/node_modules/ext/binding.gyp"
printf "module.exports = require('./build/Release/ext.node')\n" | js "$S/ext@1.0.0/node_modules/ext/index.js"
ln -s .pnpm/soft@1.0.0/node_modules/soft "$P/node_modules/soft"
ln -s .pnpm/ext@1.0.0/node_modules/ext "$P/node_modules/ext"
printf 'soft\text\next\n' >"$T/soft-via-root.tsv"

# gvs: pnpm 10's global virtual store (enable-global-virtual-store): every
# node_modules/<name> of the project is a symlink into a store outside it
# (<store>/links/<name>/<version>/<hash>/node_modules/<name>), and each
# package's dependencies are symlinks inside the store.  `unbuilt` has a
# binding.gyp and no build (require() throws MODULE_NOT_FOUND), `uses`
# require()s it; neither holds a .node file, so only their package.json
# says they are there.
P=$T/gvs/proj
L=$T/gvs/store/links
printf '{"name":"proj","version":"1.0.0","dependencies":{"unbuilt":"1.0.0","uses":"1.0.0"}}\n' | js "$P/package.json"
printf 'lockfileVersion: 9.0\n' | js "$P/pnpm-lock.yaml"
U=$L/unbuilt/1.0.0/aa11/node_modules/unbuilt
printf '{"name":"unbuilt","version":"1.0.0","main":"index.js","gypfile":true}\n' | js "$U/package.json"
printf "{ 'targets': [ { 'target_name': 'unbuilt', 'sources': [ 'u.c' ] } ] }\n" | js "$U/binding.gyp"
printf "module.exports = require('./build/Release/unbuilt.node')\n" | js "$U/index.js"
W=$L/uses/1.0.0/bb22/node_modules/uses
printf '{"name":"uses","version":"1.0.0","main":"index.js","dependencies":{"unbuilt":"1.0.0"}}\n' | js "$W/package.json"
printf "module.exports = require('unbuilt')\n" | js "$W/index.js"
ln -s ../../../../unbuilt/1.0.0/aa11/node_modules/unbuilt "$L/uses/1.0.0/bb22/node_modules/unbuilt"
mkdir -p "$P/node_modules"
ln -s ../../store/links/unbuilt/1.0.0/aa11/node_modules/unbuilt "$P/node_modules/unbuilt"
ln -s ../../store/links/uses/1.0.0/bb22/node_modules/uses "$P/node_modules/uses"
printf 'unbuilt\n' >"$T/gvs.tsv"

# yarn-pnpm: yarn 4's nodeLinker: pnpm.  Each package is unpacked at
# node_modules/.store/<name>-npm-<version>-<hash>/package, a directory named
# "package", never node_modules/<name>; node_modules/<name> and the store
# entry's own node_modules/<name> are symlinks to it.
Y=$T/yarn-pnpm
E=$Y/node_modules/.store/unbuilt-npm-1.0.0-0a1b2c3d4e
printf '{"name":"proj","version":"1.0.0","dependencies":{"unbuilt":"1.0.0"}}\n' | js "$Y/package.json"
printf '__metadata:\n  version: 8\n' | js "$Y/yarn.lock"
printf '{"name":"unbuilt","version":"1.0.0","main":"index.js","gypfile":true}\n' | js "$E/package/package.json"
printf "{ 'targets': [ { 'target_name': 'unbuilt', 'sources': [ 'u.c' ] } ] }\n" | js "$E/package/binding.gyp"
printf "module.exports = require('./build/Release/unbuilt.node')\n" | js "$E/package/index.js"
mkdir -p "$E/node_modules"
ln -s ../package "$E/node_modules/unbuilt"
ln -s .store/unbuilt-npm-1.0.0-0a1b2c3d4e/package "$Y/node_modules/unbuilt"

SPECS="soft-via-root:$T/soft-via-root:$T/soft-via-root.tsv gvs:$P:$T/gvs.tsv yarn-pnpm:$Y:$T/gvs.tsv"
mkdir -p "$T/out"
# shellcheck disable=SC2086 # SPECS is a list of colon-joined words
"$NODE" "$ROOT/tests/truth/scan-truth.js" "$AD" "$NODE" /dev/null "$T/out" $SPECS |
	sed 's/scan-truth /scan-pm-layouts /; s/^# scan-truth:/# scan-pm-layouts:/'
exit 0
