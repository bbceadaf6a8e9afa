#!/bin/sh
# wasm-readonly.sh - the npm launcher (npm/run.js) gives the WebAssembly
# module a read-only filesystem even though node:wasi preopens "/" with
# every right: a probe module compiled for WASI tries each way to write,
# and the files it aims at must be unchanged afterwards.
set -u
cd "$ROOT" || exit 1
command -v node >/dev/null || { echo "skip - wasm-readonly: node not installed"; exit 0; }
d=$WORK/wasm-readonly
rm -rf "$d"; mkdir -p "$d/t/dir"
cat >"$d/probe.c" <<'C'
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
static char p[4096], q[4096];
static const char *at(char *b, const char *d, const char *n) { snprintf(b, 4096, "%s/%s", d, n); return b; }
static void say(const char *what, int done) { printf("%s: %s\n", what, done ? "DONE" : "denied"); }
int main(int argc, char **argv)
{
	if (argc < 2)
		return 2;
	const char *d = argv[1];
	char buf[16] = {0};
	int fd = open(at(p, d, "keep"), O_RDONLY);
	printf("read: %s\n", fd >= 0 && read(fd, buf, 8) == 8 && !strcmp(buf, "original") ? "ok" : "FAILED");
	fd = open(at(p, d, "new"), O_WRONLY | O_CREAT, 0644);
	say("create", fd >= 0);
	fd = open(at(p, d, "keep"), O_WRONLY);
	say("open for writing and write", fd >= 0 && write(fd, "X", 1) == 1);
	fd = open(at(p, d, "keep"), O_RDWR);
	say("open read-write and write", fd >= 0 && write(fd, "X", 1) == 1);
	fd = open(at(p, d, "keep"), O_RDONLY | O_TRUNC);
	say("open with O_TRUNC", fd >= 0);
	say("truncate", truncate(at(p, d, "keep"), 0) == 0);
	say("unlink", unlink(at(p, d, "gone")) == 0);
	say("rename", rename(at(p, d, "keep"), at(q, d, "moved")) == 0);
	say("mkdir", mkdir(at(p, d, "sub"), 0755) == 0);
	say("rmdir", rmdir(at(p, d, "dir")) == 0);
	say("symlink", symlink("keep", at(p, d, "ln")) == 0);
	say("link", link(at(p, d, "keep"), at(q, d, "hard")) == 0);
	return 0;
}
C
if ! ${WASMCC:-clang} --target=wasm32-wasi --sysroot="${WASI_SYSROOT:-/usr}" -O1 -o "$d/probe.wasm" "$d/probe.c" >"$d/build.log" 2>&1; then
	echo "skip - wasm-readonly: WASI toolchain missing (Debian wasi-libc, libclang-rt-14-dev-wasm32)"; exit 0
fi
printf 'original' >"$d/t/keep"; printf 'x' >"$d/t/gone"
before=$(cd "$d/t" && ls -A | sort | tr '\n' ' ')
node -e "require(process.argv[1]).run([process.argv[2]], { wasm: process.argv[3] }).then((c) => { process.exitCode = c; })" \
	"$ROOT/npm/run.js" "$d/t" "$d/probe.wasm" >"$d/out" 2>"$d/err"; rc=$?
if [ $rc -eq 0 ] && grep -qx 'read: ok' "$d/out"; then
	echo "ok - wasm-readonly: the module can read"
else
	echo "not ok - wasm-readonly: the probe could not read (exit $rc)"; sed 's/^/# /' "$d/out" "$d/err" | head -10
fi
if [ "$(grep -c ': denied$' "$d/out")" -eq 11 ]; then
	echo "ok - wasm-readonly: all 11 ways to write are refused"
else
	echo "not ok - wasm-readonly: the module could write"; grep -v ': denied$' "$d/out" | sed 's/^/# /'
fi
after=$(cd "$d/t" && ls -A | sort | tr '\n' ' ')
if [ "$before" = "$after" ] && [ "$(cat "$d/t/keep")" = original ]; then
	echo "ok - wasm-readonly: the files are unchanged"
else
	echo "not ok - wasm-readonly: files changed: '$before' -> '$after', keep='$(cat "$d/t/keep" 2>/dev/null)'"
fi
