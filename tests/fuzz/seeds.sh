#!/bin/sh
# tests/fuzz/seeds.sh TARGET CORPUS - seeds for the targets whose inputs are
# what an addon is loaded against, built here (cc) or copied from the system:
#   lib      libfuzzdep.so as fuzz_addon.h's addon wants it (dep_fn@DEP_1,
#            dep_lazy), with DT_GNU_HASH, DT_HASH and both; and without dep_fn
#   nodebin  a small executable carrying an official build's two strings
#            and exporting napi_create_object (GNU and SysV hash tables)
#   ldcache  this machine's /etc/ld.so.cache
# A missing compiler leaves the corpus to the committed regression inputs.
set -u
t=$1 corpus=$2
tmp=$(mktemp -d "${TMPDIR:-/tmp}/fuzz-seeds.XXXXXX") || exit 0
trap 'rm -rf "$tmp"' EXIT
cc=${CC:-cc}
case $t in
lib)
	printf 'int dep_fn(void) { return 1; }\nint dep_lazy(void) { return 2; }\n' >"$tmp/d.c"
	printf 'int dep_lazy(void) { return 2; }\n' >"$tmp/e.c"
	echo 'DEP_1 { global: dep_fn; dep_lazy; local: *; };' >"$tmp/d.map"
	for h in gnu sysv both; do
		$cc -shared -fPIC -Wl,--hash-style=$h -Wl,--version-script="$tmp/d.map" -o "$corpus/seed-dep-$h.so" "$tmp/d.c" 2>/dev/null
		$cc -shared -fPIC -Wl,--hash-style=$h -Wl,--version-script="$tmp/d.map" -o "$corpus/seed-nodepfn-$h.so" "$tmp/e.c" 2>/dev/null
	done
	$cc -shared -fPIC -Wl,--hash-style=gnu -o "$corpus/seed-unversioned.so" "$tmp/d.c" 2>/dev/null ;;
nodebin)
	cat >"$tmp/n.c" <<'C'
const char url[] = "https://nodejs.org/download/release/v22.12.0/node-v22.12.0.tar.gz";
const char reg[] = "node_register_module_v127";
int napi_create_object(void *env, void *out) { (void)env; (void)out; return 0; }
int napi_module_register(void *m) { (void)m; return 0; }
int main(void) { return url[0] + reg[0]; }
C
	for h in gnu sysv; do
		$cc -O1 -rdynamic -Wl,--hash-style=$h -o "$corpus/seed-node-$h" "$tmp/n.c" 2>/dev/null
	done ;;
ldcache)
	[ -f /etc/ld.so.cache ] && [ "$(wc -c </etc/ld.so.cache)" -lt 4000000 ] && cp /etc/ld.so.cache "$corpus/seed-host" ;;
esac
exit 0
