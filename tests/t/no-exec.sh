#!/bin/sh
# no-exec.sh - proof that nothing under inspection is executed, loaded or
# written.  Runs the tool under `strace -f` on fixtures and asserts:
#   - the only execve is the tool's own start (no child processes at all);
#   - every open of a file is read-only (no O_WRONLY/O_RDWR/O_CREAT/O_TRUNC);
#   - no inspected file is ever mmap'ed (we read with pread; in particular
#     nothing is mapped PROT_EXEC, which is what dlopen would do);
#   - nothing is created, renamed or removed.
set -u
BIN=${ROOT}/addon-doctor           # the plain build: fewer runtime-library syscalls than ASan
command -v strace >/dev/null || { echo "skip - no-exec: strace not installed"; exit 0; }
[ -x "$BIN" ] || { echo "not ok - no-exec: $BIN not built"; exit 0; }
files=$(find "$FX" -type f \( -name '*.node' -o -name '*.so*' -o -name '*.dylib' -o -name '*.dll' \) 2>/dev/null | head -200)
[ -n "$files" ] || { echo "skip - no-exec: no fixtures built"; exit 0; }

run() {
	name=$1; shift
	log=$WORK/strace-$name.log
	# shellcheck disable=SC2086
	strace -f -qq -e trace=execve,execveat,open,openat,creat,mmap,rename,renameat,renameat2,unlink,unlinkat,mkdir,mkdirat,truncate,ftruncate,clone,clone3,fork,vfork \
		-o "$log" "$BIN" "$@" >/dev/null 2>&1
	bad=$(awk '
		/execve\(/ { n_exec++; if (n_exec > 1) print "execve: " $0 }
		/execveat\(|clone\(|clone3\(|fork\(|vfork\(/ { print "process: " $0 }
		/open(at)?\(/ && /O_WRONLY|O_RDWR|O_CREAT|O_TRUNC/ { print "write-open: " $0 }
		/creat\(|rename|unlink|mkdir|truncate\(/ && !/ENOENT/ { print "modify: " $0 }
	' "$log")
	# mmap of an inspected file: track fds returned by opens of inspected paths.
	mapped=$(awk -v files="$files" '
		BEGIN { n = split(files, f, "\n"); for (i = 1; i <= n; i++) want[f[i]] = 1 }
		/open(at)?\(/ { if (match($0, /"[^"]*"/)) { p = substr($0, RSTART + 1, RLENGTH - 2); if (p in want && match($0, /= [0-9]+$/)) fd[substr($0, RSTART + 2)] = p } }
		/mmap\(/ && !/MAP_ANONYMOUS/ { split($0, a, ", "); x = a[5]; if (x in fd) print "mmap of inspected file " fd[x] ": " $0 }
	' "$log")
	if [ -z "$bad$mapped" ]; then
		echo "ok - no-exec: $name runs no process, writes nothing, maps no inspected file"
	else
		echo "not ok - no-exec: $name"
		printf '%s\n%s\n' "$bad" "$mapped" | head -20 | sed 's/^/# /'
	fi
}

# shellcheck disable=SC2086
run inspect inspect --json $files
for cmd in check scan; do
	if "$BIN" $cmd --help >/dev/null 2>&1; then
		# shellcheck disable=SC2086
		[ $cmd = check ] && run check check --json $files
		[ $cmd = scan ] && run scan scan --json "$FX"
	else
		echo "skip - no-exec: '$cmd' not implemented yet"
	fi
done
