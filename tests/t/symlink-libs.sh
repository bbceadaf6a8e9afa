#!/bin/sh
# symlink-libs.sh - libraries reached through symlinks (the normal case on
# every distribution: libstdc++.so.6 -> libstdc++.so.6.0.30, and a package's
# libfoo.so.1 -> libfoo.so.1.2.3).  check must resolve them as the loader
# does, and agree with real node on the outcome.
set -u
command -v gcc >/dev/null || { echo "skip - symlink-libs: no gcc"; exit 0; }
d=$WORK/symlink-libs; rm -rf "$d"; mkdir -p "$d/lib" "$d/deep/a"
cat >"$d/foo.c" <<'C'
int foo(void) { return 42; }
C
cat >"$d/addon.c" <<'C'
#include <node_api.h>
int foo(void);
static napi_value init(napi_env env, napi_value exports) { (void)env; (void)foo(); return exports; }
NAPI_MODULE(NODE_GYP_MODULE_NAME, init)
C
cat >"$d/cxx.cc" <<'C'
#include <node_api.h>
#include <string>
static napi_value init(napi_env env, napi_value exports) { std::string s("x"); (void)env; return s.size() ? exports : nullptr; }
NAPI_MODULE(NODE_GYP_MODULE_NAME, init)
C
gcc -shared -fPIC -Wl,-soname,libfoo.so.1 -o "$d/lib/libfoo.so.1.2.3" "$d/foo.c" || { echo "not ok - symlink-libs: build"; exit 0; }
ln -s libfoo.so.1.2.3 "$d/lib/libfoo.so.1"                        # relative, final component
ln -s ../../lib "$d/deep/a/lnk"                                      # a symlinked directory on the way
gcc -shared -fPIC -I/usr/include/node -Wl,--enable-new-dtags -Wl,-rpath,'$ORIGIN/lib' -o "$d/addon.node" "$d/addon.c" "$d/lib/libfoo.so.1"
gcc -shared -fPIC -I/usr/include/node -Wl,--enable-new-dtags -Wl,-rpath,'$ORIGIN/deep/a/lnk' -o "$d/addon2.node" "$d/addon.c" "$d/lib/libfoo.so.1"
g++ -shared -fPIC -I/usr/include/node -o "$d/cxx.node" "$d/cxx.cc" 2>/dev/null || echo "skip - symlink-libs: no g++"
for f in "$d"/addon.node "$d"/addon2.node "$d"/cxx.node; do
	[ -f "$f" ] || continue
	want=$(node -e 'try { require(process.argv[1]); console.log("loads") } catch (e) { console.log("throws: " + e.message) }' "$f" 2>&1)
	got=$("$AD" check --json "$f" | node -e 'const r = JSON.parse(require("fs").readFileSync(0, "utf8")); console.log(r.outcome === "loads" ? "loads" : r.outcome + ": " + r.error)')
	if [ "$want" = "$got" ]; then echo "ok - symlink-libs: $(basename "$f"): $got (same as node)"
	else echo "not ok - symlink-libs: $(basename "$f")"; echo "#   node:  $want"; echo "#   check: $got"; fi
done
