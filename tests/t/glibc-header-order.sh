#!/bin/sh
# glibc-header-order.sh - the order of glibc's ELF header checks, against
# real node.  One small N-API addon is byte-patched in e_ident, e_version,
# e_type, e_phentsize and e_machine, alone and in pairs: which fault wins
# decides the text (a FreeBSD arm64 prebuild says "cannot open shared
# object file", a FreeBSD x86-64 one "ELF file OS ABI invalid").  Each copy
# is require()d by this machine's node and `check --json` must give the
# same error byte for byte.  Found by real argon2 prebuilds.
set -u
command -v gcc >/dev/null || { echo "skip - glibc-header-order: no gcc"; exit 0; }
command -v node >/dev/null || { echo "skip - glibc-header-order: no node"; exit 0; }
[ "$(uname -m)" = x86_64 ] || { echo "skip - glibc-header-order: patches assume an x86-64 host"; exit 0; }
d=$WORK/glibc-header-order; rm -rf "$d"; mkdir -p "$d"
cat >"$d/a.c" <<'C'
#include <node_api.h>
static napi_value init(napi_env env, napi_value exports) { (void)env; return exports; }
NAPI_MODULE(NODE_GYP_MODULE_NAME, init)
C
gcc -shared -fPIC -I/usr/include/node -o "$d/base.node" "$d/a.c" || { echo "not ok - glibc-header-order: build"; exit 0; }
# name: offset=byte ...   (18 = e_machine low byte: 0xb7 is aarch64)
node - "$d" <<'JS' || { echo "not ok - glibc-header-order: patching"; exit 0; }
const fs = require('fs'), dir = process.argv[2];
const base = fs.readFileSync(dir + '/base.node');
const faults = { osabi: [7, 9], identver: [6, 2], abiver: [8, 5], pad: [10, 1], data: [5, 2],
                 class: [4, 1], ev: [20, 2], type: [16, 1], phent: [54, 0x30] };
const mk = (name, patches) => {
	const b = Buffer.from(base);
	for (const [o, v] of patches) b[o] = v;
	fs.writeFileSync(`${dir}/${name}.node`, b);
};
for (const [k, p] of Object.entries(faults)) {
	mk(k, [p]);
	mk('arm64-' + k, [p, [18, 0xb7]]);
}
mk('arm64', [[18, 0xb7]]);
mk('osabi-ev', [faults.osabi, faults.ev]);
mk('data-ev', [faults.data, faults.ev]);
mk('class-ev', [faults.class, faults.ev]);
mk('ev-type', [faults.ev, faults.type]);
JS
n=0; bad=0
for f in "$d"/*.node; do
	case $f in */base.node) continue ;; esac
	real=$(node -e 'try { require(process.argv[1]); console.log("loads") } catch (e) { console.log(e.message) }' "$f" 2>&1)
	pred=$("$AD" check --json "$f" 2>/dev/null | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const o=JSON.parse(s.split("\n")[0]);console.log(o.outcome==="loads"?"loads":o.error)})')
	n=$((n + 1))
	if [ "$real" != "$pred" ]; then
		bad=$((bad + 1))
		echo "not ok - glibc-header-order: $(basename "$f")"
		echo "#   real:      $real"
		echo "#   predicted: $pred"
	fi
done
[ $bad -eq 0 ] && echo "ok - glibc-header-order: $n patched headers, every error text as real node gives it"
