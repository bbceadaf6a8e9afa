#!/bin/sh
# bench/wasm-bench.sh - the WebAssembly build (`npx addon-doctor`) against the
# native one, on whole-project scans.
#
# usage: bench/wasm-bench.sh [TREE...]
#   default trees: the 23-package project (bench/build-tree.sh --project) and
#   the big tree (bench/build-tree.sh), each built first when missing.
# env:   BENCH_RUNS (15) timed runs per row, after one untimed warm-up
#        BENCH_NODE  the node that runs the launcher (default: node on PATH)
#        BENCH_BEFORE another copy of npm/ (e.g. an older commit's, with its
#                     addon-doctor.wasm) measured as one more row
#
# Rows: `node -e 0` (what any npx command costs before our code runs), the
# native `addon-doctor scan TREE`, the launcher's `--version` (start-up,
# compile, instantiate, a trivial run) and `scan TREE` through
# npm/bin/addon-doctor.js.  Medians of wall and CPU (user+sys of the whole
# process tree, from wait4's rusage; 1 us resolution where GNU time has
# 10 ms, too coarse for a 10 ms native run).  The wasm and native scans are
# compared byte for byte first.  Needs python3 (the timer) and node.
# bench/wasm-profile.js splits one run into its phases.
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
RUNS=${BENCH_RUNS:-15}
NODE=${BENCH_NODE:-$(command -v node)}
[ -n "$NODE" ] || { echo "wasm-bench: no node" >&2; exit 2; }
command -v python3 >/dev/null || { echo "wasm-bench: needs python3 (the timer)" >&2; exit 2; }
make -s -C "$root" >/dev/null && make -s -C "$root" wasm >/dev/null ||
	{ echo "wasm-bench: make / make wasm failed" >&2; exit 2; }

if [ $# -eq 0 ]; then
	set -- "$("$here/build-tree.sh" --project | tail -1)" "$("$here/build-tree.sh" | tail -1)"
fi

timer() { # timer LABEL CMD...: one markdown row
	python3 - "$RUNS" "$@" <<'PY'
import os, statistics, subprocess, sys, time
runs, label, cmd = int(sys.argv[1]), sys.argv[2], sys.argv[3:]
def once():
    t = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, _, ru = os.wait4(p.pid, 0)
    return (time.perf_counter() - t) * 1e3, (ru.ru_utime + ru.ru_stime) * 1e3, ru.ru_maxrss / 1024
once()
r = [once() for _ in range(runs)]
med = lambda i: statistics.median(x[i] for x in r)
print(f"| {label} | {med(0):.1f} | {min(x[0] for x in r):.1f} | {med(1):.1f} | {med(2):.0f} |")
PY
}

echo "- date: $(date -u '+%Y-%m-%d %H:%M UTC'); $(nproc) CPUs; load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "- addon-doctor $(git -C "$root" rev-parse --short HEAD 2>/dev/null); node $("$NODE" --version) ($NODE)"
if [ -n "${NODE_EXTRA_CA_CERTS:-}" ]; then
	echo "- NODE_EXTRA_CA_CERTS is set ($NODE_EXTRA_CA_CERTS): every node start-up parses that file"
else
	echo "- NODE_EXTRA_CA_CERTS is unset"
fi
echo "- $RUNS runs per row after one warm-up; medians (and the fastest wall)"
for tree in "$@"; do
	[ -d "$tree" ] || { echo "wasm-bench: no tree $tree" >&2; continue; }
	pk=$(find "$tree/node_modules" -name package.json -not -path '*/node_modules/*/node_modules/*/node_modules/*' 2>/dev/null | wc -l)
	echo
	echo "### $tree ($(find "$tree" -type f | wc -l) files, $(find "$tree" -name '*.node' | wc -l) .node, about $pk package.json)"
	echo
	"$root/addon-doctor" scan "$tree" >/tmp/wasm-bench.$$.n 2>&1
	"$NODE" "$root/npm/bin/addon-doctor.js" scan "$tree" >/tmp/wasm-bench.$$.w 2>&1
	if cmp -s /tmp/wasm-bench.$$.n /tmp/wasm-bench.$$.w; then echo "same output from both builds ($(wc -l </tmp/wasm-bench.$$.n) lines)"
	else echo "**the outputs differ**"; fi
	rm -f /tmp/wasm-bench.$$.n /tmp/wasm-bench.$$.w
	echo
	echo "| command | wall ms | fastest wall | CPU ms | peak RSS MB |"
	echo "| --- | ---: | ---: | ---: | ---: |"
	timer "\`node -e 0\` (floor)" "$NODE" -e 0
	timer "native \`addon-doctor scan\`" "$root/addon-doctor" scan "$tree"
	timer "wasm \`--version\`" "$NODE" "$root/npm/bin/addon-doctor.js" --version
	timer "wasm \`scan\`" "$NODE" "$root/npm/bin/addon-doctor.js" scan "$tree"
	[ -n "${BENCH_BEFORE:-}" ] && timer "wasm \`scan\`, $BENCH_BEFORE" "$NODE" "$BENCH_BEFORE/bin/addon-doctor.js" scan "$tree"
done
exit 0
