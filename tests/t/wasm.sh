#!/bin/sh
# wasm.sh - the WebAssembly build (what `npx addon-doctor` runs) gives the
# same answers as the native build, and the npm package works when packed
# and installed the way users get it.
set -u
cd "$ROOT" || exit 1
command -v node >/dev/null || { echo "skip - wasm: node not installed"; exit 0; }
# The toolchain first: a C file using libc, compiled and linked the way
# the Makefile does (WASMCC, WASI_SYSROOT).  If that fails, the machine
# lacks wasi-libc, clang's wasm32 target or its builtins: a skip that says
# which.  Only then is a failing `make wasm` a failure of ours.
printf '#include <stdio.h>\n#include <string.h>\nint main(void) { return (int)strlen("x") - 1 + puts(""); }\n' >"$WORK/wasm-probe.c"
if ! ${WASMCC:-clang} --target=wasm32-wasi --sysroot="${WASI_SYSROOT:-/usr}" -O1 -o "$WORK/wasm-probe.wasm" "$WORK/wasm-probe.c" >"$WORK/wasm-probe.log" 2>&1; then
	echo "skip - wasm: WASI toolchain missing (Debian: wasi-libc, libclang-rt-14-dev-wasm32): $({ grep -m1 -i error "$WORK/wasm-probe.log" || head -1 "$WORK/wasm-probe.log"; } | cut -c1-160)"; exit 0
fi
if ! make -s wasm >"$WORK/wasm-build.log" 2>&1; then
	echo "not ok - wasm: make wasm fails (the WASI toolchain works)"; sed 's/^/# /' "$WORK/wasm-build.log" | tail -20; exit 0
fi
W="node $ROOT/npm/bin/addon-doctor.js"
files=$(find "$FX" -maxdepth 3 -type f \( -name '*.node' -o -name '*.so' -o -name '*.dylib' -o -name '*.dll' \) 2>/dev/null | sort | head -200)
[ -n "$files" ] || { echo "skip - wasm: no fixtures"; exit 0; }

same() { # name, then the command's arguments
	name=$1; shift
	"$ROOT/addon-doctor" "$@" >"$WORK/wasm-native.out" 2>"$WORK/wasm-native.err"; n=$?
	$W "$@" >"$WORK/wasm-wasm.out" 2>"$WORK/wasm-wasm.err"; w=$?
	if [ $n -eq $w ] && cmp -s "$WORK/wasm-native.out" "$WORK/wasm-wasm.out" && cmp -s "$WORK/wasm-native.err" "$WORK/wasm-wasm.err"; then
		echo "ok - wasm: $name: same output and exit status ($n) as native"
	else
		echo "not ok - wasm: $name (exit native $n, wasm $w)"
		diff "$WORK/wasm-native.out" "$WORK/wasm-wasm.out" | head -10 | sed 's/^/# /'
		diff "$WORK/wasm-native.err" "$WORK/wasm-wasm.err" | head -6 | sed 's/^/# /'
	fi
}
# shellcheck disable=SC2086
same "inspect --json of $(echo "$files" | wc -l) fixtures" inspect --json $files
# shellcheck disable=SC2046,SC2086
same "check --json for an explicit target" check --json --target node@22/linux-x64-glibc $(echo "$files" | head -60)
same "explain" explain "Error: /x/a.node: wrong ELF class: ELFCLASS32"
# scans: every scan fixture tree (packages, symlinks, node-gyp-build
# tags, optional platform packages), and an addon whose package.json is
# bigger than 64 KiB (it once overflowed the WebAssembly stack)
for tree in demo npm pnpm ngb napi ngbo; do
	[ -d "$FX/scan/$tree" ] && same "scan of scan/$tree" scan --target node@20 --target node@22/linux-arm64-musl "$FX/scan/$tree"
done
big=$WORK/wasm-bigpkg
rm -rf "$big"; mkdir -p "$big/prebuilds/linux-x64"
{ printf '{"name":"big-pkg","version":"1.0.0","description":"'; head -c 100000 /dev/zero | tr '\0' x; printf '"}\n'; } >"$big/package.json"
cp "$(echo "$files" | head -1)" "$big/prebuilds/linux-x64/big.node"
same "check of an addon under a 100 KB package.json" check --target node@20 "$big/prebuilds/linux-x64/big.node"
same "abi table" abi
( cd "$FX" && $W inspect --json "$(basename "$(echo "$files" | head -1)")" >/dev/null 2>&1 ) ; true
rel=$(echo "$files" | head -1)
( cd "$(dirname "$rel")" && $W inspect "$(basename "$rel")" >"$WORK/wasm-rel.out" 2>&1 ); rc=$?
if [ $rc -eq 0 ] && head -1 "$WORK/wasm-rel.out" | grep -qx "$(basename "$rel")"; then
	echo "ok - wasm: relative paths resolve against the caller's directory"
else
	echo "not ok - wasm: relative path (exit $rc)"; head -5 "$WORK/wasm-rel.out" | sed 's/^/# /'
fi

# The launcher tells the tool which libc this node runs on from the node
# executable's ELF interpreter (npm/run.js): every layout of ELF header and
# program headers, and files that are not ELF or are cut short, where it
# must say nothing (then it would ask process.report).
li=$WORK/wasm-libc; rm -rf "$li"; mkdir -p "$li"
printf 'int main(void) { return 0; }\n' >"$li/m.c"
printf 'void _start(void) { for (;;) ; }\n' >"$li/s.c"
want_libc=""
cc -o "$li/glibc-x64" "$li/m.c" 2>/dev/null && want_libc="$want_libc glibc-x64=glibc"
i686-linux-gnu-gcc -o "$li/glibc-i386" "$li/m.c" 2>/dev/null && want_libc="$want_libc glibc-i386=glibc"
musl-gcc -o "$li/musl-x64" "$li/m.c" 2>/dev/null && want_libc="$want_libc musl-x64=musl"
musl-gcc -static -o "$li/static" "$li/m.c" 2>/dev/null && want_libc="$want_libc static=unknown"
# big-endian ELF64 (ppc64): lld, no libc, the interpreter named by hand
clang --target=powerpc64-linux-gnu -fuse-ld=lld -nostdlib -Wl,--dynamic-linker=/lib64/ld64.so.2 \
	-o "$li/glibc-ppc64" "$li/s.c" 2>/dev/null && want_libc="$want_libc glibc-ppc64=glibc"
clang --target=powerpc64-linux-gnu -fuse-ld=lld -nostdlib -Wl,--dynamic-linker=/lib/ld-musl-powerpc64.so.1 \
	-o "$li/musl-ppc64" "$li/s.c" 2>/dev/null && want_libc="$want_libc musl-ppc64=musl"
if [ -f "$li/glibc-x64" ]; then
	head -c 40 "$li/glibc-x64" >"$li/cut-header"; want_libc="$want_libc cut-header=unknown"
	head -c 600 "$li/glibc-x64" >"$li/cut-phdrs"; want_libc="$want_libc cut-phdrs=unknown"
fi
printf '#!/bin/sh\n' >"$li/script"; want_libc="$want_libc script=unknown"
want_libc="$want_libc missing=unknown"
bad=""
for pair in $want_libc; do
	f=${pair%%=*} want=${pair#*=}
	got=$(node -e 'process.stdout.write(require(process.argv[1])._hostLibcOf(process.argv[2]))' "$ROOT/npm/run.js" "$li/$f" 2>&1)
	[ "$got" = "$want" ] || bad="$bad $f:$got(want $want)"
done
if [ -z "$bad" ]; then echo "ok - wasm: launcher's libc from the ELF interpreter:$want_libc"
else echo "not ok - wasm: launcher's libc:$bad"; fi

# The package as published: npm pack, install from the tarball without
# scripts, run the bin and the API.
command -v npm >/dev/null || { echo "skip - wasm: npm not installed"; exit 0; }
pk=$WORK/npm-pack; rm -rf "$pk"; mkdir -p "$pk/app"
if ! (cd "$ROOT/npm" && npm pack --silent --pack-destination "$pk" >"$pk/name" 2>"$pk/err"); then
	echo "not ok - wasm: npm pack fails"; sed 's/^/# /' "$pk/err" | head; exit 0
fi
tgz=$pk/$(tail -1 "$pk/name")
listing=$(tar tzf "$tgz" | sort | tr '\n' ' ')
want="package/LICENSE package/README.md package/addon-doctor.wasm package/bin/addon-doctor.js package/index.js package/package.json package/run.js "
if [ "$listing" = "$want" ]; then echo "ok - wasm: npm pack holds exactly the launcher, API, wasm, README and LICENSE"
else echo "not ok - wasm: npm pack file list"; echo "# got:  $listing"; echo "# want: $want"; fi
(cd "$pk/app" && echo '{"name":"app","version":"1.0.0","private":true}' >package.json &&
	npm install --silent --ignore-scripts --no-audit --no-fund --offline "$tgz" >"$pk/install.log" 2>&1) ||
	(cd "$pk/app" && npm install --silent --ignore-scripts --no-audit --no-fund "$tgz" >"$pk/install.log" 2>&1)
out=$(cd "$pk/app" && ./node_modules/.bin/addon-doctor --version 2>&1); rc=$?
if [ $rc -eq 0 ] && [ "$out" = "$("$ROOT/addon-doctor" --version)" ]; then echo "ok - wasm: installed bin runs ($out)"
else echo "not ok - wasm: installed bin (exit $rc): $out"; sed 's/^/# /' "$pk/install.log" | head; fi
cp "$ROOT/tests/t/wasm-api.test.js" "$pk/app/" 2>/dev/null
(cd "$pk/app" && FX="$FX" node --test wasm-api.test.js >"$pk/api.log" 2>&1); rc=$?
if [ $rc -eq 0 ]; then echo "ok - wasm: JS API (node --test): $(grep -E '^# (pass|fail)' "$pk/api.log" | tr '\n' ' ')"
else echo "not ok - wasm: JS API"; tail -30 "$pk/api.log" | sed 's/^/# /'; fi
