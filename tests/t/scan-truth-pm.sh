#!/bin/sh
# scan-truth-pm.sh - whole-project ground truth for `scan` on trees installed
# by the OTHER package managers: the 22 native packages of
# tests/real/scan-truth-pm/packages.tsv (a subset of scan-truth's: node-gyp-
# build 4, node-gyp-build-optional-packages platform packages, node-pre-gyp,
# bindings left unbuilt, napi-rs platform packages through
# optionalDependencies, sharp with @img/*, JS fallbacks, esbuild) installed
# from the committed lockfiles of tests/real/scan-truth-pm/locks/ by
#   pnpm9              pnpm 9.15.9, isolated: node_modules/<name> links to
#                      node_modules/.pnpm/<name>@<ver>/node_modules/<name>,
#                      the rest hoisted into node_modules/.pnpm/node_modules
#   pnpm10             pnpm 10.34.9, the same layout
#   pnpm10-hoisted     node-linker=hoisted (flat, like npm)
#   pnpm10-scripts     running the install scripts that need no network
#                      (node-gyp-build / -optional-packages finding the
#                      prebuilds, esbuild's check: onlyBuiltDependencies)
#   pnpm10-gvs         enable-global-virtual-store: every package a link out
#                      of the project into <store>/links/...
#   pnpm10-no-optional --no-optional: no platform packages
#   pnpm10-allarch     supportedArchitectures x64+arm64, glibc+musl: foreign
#                      platform packages beside the host's in .pnpm
#   yarn1              yarn 1.22.22 (classic, flat; both libcs installed)
#   yarn1-no-optional  --ignore-optional
#   yarn4              yarn 4.18.1 (@yarnpkg/cli-dist), nodeLinker: node-modules
#   yarn4-pnpm         nodeLinker: pnpm (node_modules/.store/<id>/package)
#   bun                bun 1.4.5 --linker hoisted
#   bun-isolated       --linker isolated (node_modules/.bun/<name>@<ver>/...)
#   bun-no-optional    --omit optional
# All but pnpm10-scripts with scripts off (--ignore-scripts, enableScripts:
# false).  The package managers come from the npm registry by `npm pack`
# (nothing installed globally; their stores, caches and state stay in the
# cache; bun is the copy tests/t/bun-deno-truth.sh caches).  Each tree is
# installed once into ~/.cache/addon-doctor-tests/pm/trees keyed by its
# inputs, its state recorded (<tree>.manifest) and checked before every run,
# as scan-truth.sh does.  Then tests/truth/scan-truth.js: a fresh real node
# (the official 20.20.2 on every layout, 22.23.3 on five of them, on all with
# SCAN_TRUTH_PM_FULL=1) require()s each top-level package in a
# hard-link copy of the tree, and `scan --json --node NODE` must say the
# same: outcome, code, message byte for byte (Require stack aside).  Known
# disagreements: tests/real/scan-truth-pm/known-failures.tsv.  No registry
# and nothing cached gives a skip line.  tests/t/scan-pm-layouts.sh holds
# small synthetic trees for what this suite found scan getting wrong.
set -u
HOSTNODE=$(command -v node || true)
[ -n "$HOSTNODE" ] || { echo "skip - scan-truth-pm: no node on PATH"; exit 0; }
BASE=${AD_TEST_CACHE:-${HOME:-/tmp}/.cache/addon-doctor-tests}
PM=$BASE/pm
RT=${AD_RUNTIME_CACHE:-${HOME:-/tmp}/.cache/addon-doctor-tests/runtimes}
SRC=$ROOT/tests/real/scan-truth-pm
OUT=$WORK/scan-truth-pm
rm -rf "$OUT" && mkdir -p "$OUT" "$PM/tools" || exit 0
# The package managers keep their stores, caches and state here, never in
# the user's home.
export XDG_CACHE_HOME="$PM/xdg/cache" XDG_DATA_HOME="$PM/xdg/data" \
	XDG_CONFIG_HOME="$PM/xdg/config" XDG_STATE_HOME="$PM/xdg/state" \
	BUN_INSTALL_CACHE_DIR="$PM/store/bun" YARN_ENABLE_TELEMETRY=0 \
	YARN_ENABLE_GLOBAL_CACHE=0 DO_NOT_TRACK=1 COREPACK_ENABLE_STRICT=0

# tool DIR PKG@VER FILE: the unpacked package's FILE, fetched with npm pack
# (which runs nothing) when absent.
tool() {
	d=$1/$(printf '%s' "$2" | sed 's/^@//; s/\//-/; s/@/-/')
	if [ ! -f "$d/package/$3" ] && command -v npm >/dev/null; then
		t=$(cd "$1" && npm pack --ignore-scripts --silent "$2" 2>>"$OUT/fetch.log" | tail -1)
		[ -n "$t" ] && [ -s "$1/$t" ] && mkdir -p "$d" && tar -xzf "$1/$t" -C "$d" --no-same-owner 2>>"$OUT/fetch.log"
	fi
	[ -f "$d/package/$3" ] && printf '%s\n' "$d/package/$3"
}
PNPM9=$(tool "$PM/tools" pnpm@9.15.9 bin/pnpm.cjs)
PNPM10=$(tool "$PM/tools" pnpm@10.34.9 bin/pnpm.cjs)
YARN1=$(tool "$PM/tools" yarn@1.22.22 bin/yarn.js)
YARN4=$(tool "$PM/tools" @yarnpkg/cli-dist@4.18.1 bin/yarn.js)
mkdir -p "$RT"
BUN=$(tool "$RT" @oven/bun-linux-x64@1.4.5 bin/bun)
[ -n "$BUN" ] && [ ! -x "$BUN" ] && chmod +x "$BUN"

# The offline-safe install scripts of pnpm10-scripts: each finds the
# prebuilt binary the package ships (or its platform package) and stops.
BUILT="bufferutil utf-8-validate classic-level sodium-native cbor-extract msgpackr-extract lmdb esbuild"

# install_layout LAYOUT DIR: installs the lockfile's tree into DIR with LAYOUT's
# package manager; fails when it cannot.
install_layout() {
	cp "$SRC/package.json" "$2/" || return 1
	case $1 in
	pnpm*)
		cp "$SRC/locks/pnpm-lock.yaml" "$2/"
		pm=$PNPM10
		[ "$1" = pnpm9 ] && pm=$PNPM9
		[ -n "$pm" ] || return 1
		scripts=--ignore-scripts
		: >"$2/.npmrc"
		[ "$1" = pnpm10-hoisted ] && echo "node-linker=hoisted" >>"$2/.npmrc"
		[ "$1" = pnpm10-gvs ] && echo "enable-global-virtual-store=true" >>"$2/.npmrc"
		[ "$1" = pnpm10-no-optional ] && scripts="$scripts --no-optional"
		# every libc and both arches (what a Docker build context is
		# installed with): musl and arm64 platform packages sit beside
		# the glibc x64 ones in .pnpm
		[ "$1" = pnpm10-allarch ] &&
			printf 'supportedArchitectures:\n  os: [current]\n  cpu: [x64, arm64]\n  libc: [glibc, musl]\n' >"$2/pnpm-workspace.yaml"
		if [ "$1" = pnpm10-scripts ]; then
			scripts=
			for b in $BUILT; do echo "only-built-dependencies[]=$b"; done >>"$2/.npmrc"
		fi
		# shellcheck disable=SC2086 # $scripts is one flag or none
		(cd "$2" && "$HOSTNODE" "$pm" install --frozen-lockfile $scripts --store-dir "$PM/store/pnpm" \
			--prefer-offline --reporter=append-only --config.confirmModulesPurge=false)
		;;
	yarn1*)
		[ -n "$YARN1" ] || return 1
		opt=
		[ "$1" = yarn1-no-optional ] && opt=--ignore-optional
		cp "$SRC/locks/yarn1.lock" "$2/yarn.lock"
		# --ignore-engines: better-sqlite3 13 declares node >= 22 and yarn 1
		# refuses the whole install on 20 otherwise.
		(cd "$2" && "$HOSTNODE" "$YARN1" install --frozen-lockfile --ignore-scripts --ignore-engines $opt \
			--cache-folder "$PM/store/yarn1" --prefer-offline --no-progress --non-interactive)
		;;
	yarn4*)
		[ -n "$YARN4" ] || return 1
		cp "$SRC/locks/yarn4.lock" "$2/yarn.lock"
		linker="node-modules"
		[ "$1" = yarn4-pnpm ] && linker=pnpm
		printf 'nodeLinker: %s\nenableGlobalCache: false\ncacheFolder: %s\nenableScripts: false\nenableTelemetry: false\n' \
			"$linker" "$PM/store/yarn4" >"$2/.yarnrc.yml"
		(cd "$2" && "$HOSTNODE" "$YARN4" install --immutable)
		;;
	bun*)
		[ -n "$BUN" ] || return 1
		cp "$SRC/locks/bun.lock" "$2/"
		linker=hoisted
		[ "$1" = bun-isolated ] && linker=isolated
		opt=
		[ "$1" = bun-no-optional ] && opt="--omit optional"
		# shellcheck disable=SC2086 # $opt is two words or none
		(cd "$2" && "$BUN" install --frozen-lockfile --ignore-scripts --linker "$linker" $opt --no-progress)
		;;
	*) return 1 ;;
	esac
}

# SCAN_TRUTH_PM_LAYOUTS: a subset (for debugging one layout).
LAYOUTS=${SCAN_TRUTH_PM_LAYOUTS:-"pnpm9 pnpm10 pnpm10-hoisted pnpm10-scripts pnpm10-gvs pnpm10-no-optional pnpm10-allarch yarn1 yarn1-no-optional yarn4 yarn4-pnpm bun bun-isolated bun-no-optional"}
SPECS=
for l in $LAYOUTS; do
	key=$( (printf 'pm-1 %s %s\n' "$l" "$BUILT"; cat "$SRC/package.json" "$SRC/locks/"*) | cksum | cut -d' ' -f1)
	c=$PM/trees/$l-$key
	if [ -f "$c/.complete" ] && ! ch=$("$HOSTNODE" "$ROOT/tests/truth/scan-truth.js" --verify "$c/tree" "$c/tree.manifest"); then
		echo "not ok - scan-truth-pm: $l: the cached tree $c/tree is not as installed ($ch); installing it again"
		rm -f "$c/.complete"
	fi
	if [ ! -f "$c/.complete" ]; then
		if ! { rm -rf "$c" && mkdir -p "$c/tree"; }; then continue; fi
		if ! install_layout "$l" "$c/tree" >"$OUT/install-$l.log" 2>&1; then
			rm -rf "$c"
			echo "skip - scan-truth-pm: $l: cannot install the tree (no package manager, or registry unreachable?): $(grep -m1 -i 'err' "$OUT/install-$l.log")"
			continue
		fi
		"$HOSTNODE" "$ROOT/tests/truth/scan-truth.js" --manifest "$c/tree" >"$c/tree.manifest" || continue
		touch "$c/.complete"
	fi
	SPECS="$SPECS $l:$c/tree:$SRC/packages.tsv"
done
[ -n "$SPECS" ] || exit 0

RUNTIMES=
for v in 20.20.2 22.23.3; do
	n=$("$ROOT/tests/truth/fetch-node.sh" "$v" 2>>"$OUT/fetch-node.log")
	if [ -n "$n" ] && [ -x "$n" ]; then
		RUNTIMES="$RUNTIMES $n"
	else
		echo "skip - scan-truth-pm: node $v not cached and cannot be fetched (see $OUT/fetch-node.log)"
	fi
done
# The second runtime on one layout of each shape (virtual store with and
# without platform packages, flat, yarn's store, bun's) unless
# SCAN_TRUTH_PM_FULL=1: every probe is a fresh node, and the layouts it
# leaves out differ from these in how they were installed, not in shape.
SECOND="pnpm10 pnpm10-no-optional yarn1 yarn4-pnpm bun-isolated"
first=1
for node in $RUNTIMES; do
	specs=$SPECS
	if [ -z "$first" ] && [ "${SCAN_TRUTH_PM_FULL:-0}" != 1 ]; then
		specs=
		for s in $SPECS; do
			case " $SECOND " in *" ${s%%:*} "*) specs="$specs $s" ;; esac
		done
	fi
	first=
	[ -n "$specs" ] || continue
	# shellcheck disable=SC2086 # specs is a list of colon-joined words
	"$HOSTNODE" "$ROOT/tests/truth/scan-truth.js" "$AD" "$node" "$SRC/known-failures.tsv" "$OUT" $specs |
		sed 's/scan-truth /scan-truth-pm /; s/^# scan-truth:/# scan-truth-pm:/'
done
exit 0
