#!/bin/sh
# musl-truth.sh - ground truth for musl targets from the REAL musl loader on
# this machine (Debian's musl package: /lib/ld-musl-x86_64.so.1).  Small
# Node-API addons are built with gcc against glibc (the classic mistake: a
# glibc prebuild on Alpine) and with musl-gcc; a musl-linked program plays
# node: it exports the Node-API functions the addons call and dlopen()s each
# addon with RTLD_LAZY, as node does.  `check --target node@20/linux-x64-musl`
# must predict what musl really did:
#   throws             dlopen() failed: the message is dlerror(), byte for byte
#   loads              dlopen() succeeded, and RTLD_NOW succeeds too
#   loads-then-crashes dlopen() succeeded, RTLD_NOW fails naming the
#                      predicted symbol (musl defers it; a call crashes)
set -u
command -v gcc >/dev/null || { echo "skip - musl-truth: no gcc"; exit 0; }
command -v musl-gcc >/dev/null || { echo "skip - musl-truth: no musl-gcc (apt-get install musl-tools)"; exit 0; }
[ "$(uname -m)" = x86_64 ] || { echo "skip - musl-truth: x86-64 host only"; exit 0; }
d=$WORK/musl-truth; rm -rf "$d"; mkdir -p "$d"
cat >"$d/host.c" <<'C'
/* plays node on musl: exports the Node-API names the addons use */
#include <dlfcn.h>
#include <stdio.h>
#include <string.h>
typedef void *napi_env, *napi_value;
int napi_create_string_utf8(napi_env e, const char *s, size_t n, napi_value *r) { (void)e; (void)s; (void)n; (void)r; return 0; }
int main(int argc, char **argv)
{
	int mode = !strcmp(argv[1], "now") ? RTLD_NOW : RTLD_LAZY;
	void *h = dlopen(argv[2], mode);
	puts(h ? "OK" : dlerror());
	(void)argc;
	return 0;
}
C
musl-gcc -O1 -rdynamic -o "$d/host" "$d/host.c" || { echo "not ok - musl-truth: cannot build the musl host"; exit 0; }
# Each addon: init returns a string built from what it imports.
mk() { # name compiler extra-flags C-body
	cat >"$d/$1.c" <<C
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <gnu/lib-names.h>
typedef void *napi_env, *napi_value;
int napi_create_string_utf8(napi_env, const char *, size_t, napi_value *);
$4
napi_value napi_register_module_v1(napi_env env, napi_value exports)
{
	napi_value s;
	napi_create_string_utf8(env, use(), (size_t)-1, &s);
	(void)exports;
	return s;
}
int node_api_module_get_api_version_v1(void) { return 8; }
C
	$2 -shared -fPIC -O2 $3 -o "$d/$1.node" "$d/$1.c" 2>"$d/$1.build.log" ||
		{ echo "skip - musl-truth: $1 does not build ($(head -1 "$d/$1.build.log"))"; rm -f "$d/$1.node"; }
}
# gnu_get_libc_version: glibc only, called (PLT): musl defers it
mk glibc-call gcc "" '#include <gnu/libc-version.h>
static const char *use(void) { return gnu_get_libc_version(); }'
# its address in initialised data: an absolute relocation, never deferred
mk glibc-data gcc "" '#include <gnu/libc-version.h>
static const char *(*const volatile fp)(void) = gnu_get_libc_version;
static const char *use(void) { return fp(); }'
# _FORTIFY_SOURCE: sprintf becomes __sprintf_chk, which musl lacks
mk glibc-fortify gcc "-D_FORTIFY_SOURCE=2" 'static char buf[64];
static const char *use(void) { sprintf(buf, "%d", (int)sizeof buf); return buf; }'
# only names musl has too (GLIBC_ versions are ignored by musl)
mk glibc-portable gcc "" 'static char buf[64];
static const char *use(void) { struct stat st; snprintf(buf, sizeof buf, "%d", stat("/", &st)); return strdup(buf); }'
# glibc's loader in DT_NEEDED (as TLS-using builds get it)
gcc -shared -fPIC -O2 -o "$d/glibc-ldso.node" "$d/glibc-portable.c" -Wl,--no-as-needed /lib64/ld-linux-x86-64.so.2 2>/dev/null ||
	echo "skip - musl-truth: cannot link ld-linux-x86-64.so.2 into an addon"
# built with musl: loads
sed 's|#include <gnu/lib-names.h>||' "$d/glibc-portable.c" >"$d/musl-built.c"
musl-gcc -shared -fPIC -O2 -o "$d/musl-built.node" "$d/musl-built.c" || echo "skip - musl-truth: musl-built addon does not build"

n=0; bad=0
for f in "$d"/*.node; do
	lazy=$("$d/host" lazy "$f" 2>&1)
	now=$("$d/host" now "$f" 2>&1)
	pred=$("$AD" check --target node@20/linux-x64-musl --json "$f" 2>&1)
	outcome=$(printf '%s' "$pred" | sed -n 's/.*"outcome":"\([^"]*\)".*/\1/p' | head -1)
	error=$(printf '%s' "$pred" | sed -n 's/.*"error":"\(\([^"\\]\|\\.\)*\)".*/\1/p' | head -1)
	name=$(basename "$f")
	n=$((n + 1))
	case $outcome in
	throws) [ "$lazy" = "$error" ] && ok=1 || ok= ;;
	loads) [ "$lazy" = OK ] && [ "$now" = OK ] && ok=1 || ok= ;;
	loads-then-crashes)
		sym=$(printf '%s' "$pred" | sed -n 's/.* calls \([^ ,]*\), which no loaded object defines.*/\1/p' | head -1)
		[ "$lazy" = OK ] && case $now in *": $sym: symbol not found") true ;; *) false ;; esac && ok=1 || ok= ;;
	*) ok= ;;
	esac
	if [ -n "$ok" ]; then
		echo "ok - musl-truth: $name: $outcome"
	else
		bad=$((bad + 1))
		echo "not ok - musl-truth: $name"
		echo "#   real (RTLD_LAZY): $lazy"
		echo "#   real (RTLD_NOW):  $now"
		echo "#   predicted: $outcome ${error:-}"
	fi
done
echo "# musl truth: $n addons against the real musl loader, $((n - bad)) agree"
