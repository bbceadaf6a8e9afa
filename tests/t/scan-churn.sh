#!/bin/sh
# scan-churn.sh - a tree that changes while it is scanned, and the run's
# read budget:
#   - while `scan` runs 25 times, a background loop deletes and recreates
#     addons, truncates them to 0 bytes or a few hundred, replaces one by a
#     FIFO or a directory, swaps symlinks, and rewrites package.json files.
#     Every run must end (timeout 60 s) with exit 0, 1 or 2, never a signal
#     or a sanitizer report;
#   - ADDON_DOCTOR_READ_BUDGET: once spent, the files after that point are
#     "unknown" with the reason, stderr says so once, and nothing is
#     reported as failing because of reads that were refused.
set -u
[ -f "$FX/scan/napi.node" ] && [ -f "$FX/scan/nan108.node" ] || { echo "skip - scan-churn: scan fixtures missing"; exit 0; }
T=$WORK/churn
rm -rf "$T"
mkdir -p "$T/node_modules"
printf '{"name":"churn","version":"1.0.0"}\n' >"$T/package.json"
for i in 1 2 3 4 5 6 7 8; do
	d=$T/node_modules/p$i
	mkdir -p "$d/build/Release" "$d/prebuilds/linux-x64"
	printf '{"name":"p%s","version":"1.0.%s","dependencies":{"node-gyp-build":"4"}}\n' "$i" "$i" >"$d/package.json"
	cp "$FX/scan/napi.node" "$d/build/Release/p.node"
	cp "$FX/scan/nan108.node" "$d/prebuilds/linux-x64/node.napi.node"
done

churn() {
	n=0
	while [ ! -e "$T.stop" ] && [ $n -lt 100000 ]; do
		n=$((n + 1))
		i=$((n % 8 + 1))
		d=$T/node_modules/p$i
		case $((n % 9)) in
		0) rm -f "$d/build/Release/p.node" ;;
		1) cp "$FX/scan/napi.node" "$d/build/Release/p.node" 2>/dev/null ;;
		2) : >"$d/build/Release/p.node" 2>/dev/null ;;
		3) head -c 300 "$FX/scan/napi.node" >"$d/build/Release/p.node" 2>/dev/null ;;
		4) rm -rf "$d/prebuilds/linux-x64/node.napi.node"; mkfifo "$d/prebuilds/linux-x64/node.napi.node" 2>/dev/null ;;
		5) rm -rf "$d/prebuilds/linux-x64/node.napi.node"; mkdir -p "$d/prebuilds/linux-x64/node.napi.node" ;;
		6) rm -rf "$d/prebuilds/linux-x64/node.napi.node"; cp "$FX/scan/nan108.node" "$d/prebuilds/linux-x64/node.napi.node" ;;
		7) ln -sfn "../p$((i % 8 + 1))" "$T/node_modules/alias$i" ;;
		8) printf '{"name":"p%s","version":"2.0.%s"' "$i" "$n" >"$d/package.json"
		   printf '}\n' >>"$d/package.json" ;;
		esac
	done
}

rm -f "$T.stop"
churn &
pid=$!
bad=0
runs=0
while [ $runs -lt 25 ]; do
	runs=$((runs + 1))
	timeout 60 "$AD" scan --target node@20 --target node@22/linux-arm64-musl "$T" >"$WORK/churn.out" 2>"$WORK/churn.err"
	rc=$?
	if [ $rc -gt 2 ] || grep -q 'Sanitizer\|runtime error' "$WORK/churn.err"; then
		bad=$((bad + 1))
		echo "# run $runs: exit $rc"
		head -5 "$WORK/churn.err" | sed 's/^/#   /'
	fi
done
touch "$T.stop"
wait $pid 2>/dev/null
rm -f "$T.stop"
if [ $bad -eq 0 ]; then
	echo "ok - scan-churn: $runs scans of a tree changing underneath (deleted, truncated, FIFO, directory, symlink swaps, package.json rewrites): each ended with 0, 1 or 2"
else
	echo "not ok - scan-churn: $bad of $runs scans crashed, hung or tripped a sanitizer"
fi

# the read budget
B=$WORK/budget
rm -rf "$B"
mkdir -p "$B/node_modules/q/build/Release"
printf '{"name":"q","version":"1.0.0"}\n' >"$B/node_modules/q/package.json"
cp "$FX/scan/nan108.node" "$B/node_modules/q/build/Release/q.node"
ADDON_DOCTOR_READ_BUDGET=1000 "$AD" scan --json --target node@20 "$B" >"$WORK/budget.out" 2>"$WORK/budget.err"
rc=$?
if [ $rc = 1 ] && grep -q '"outcome":"unknown"' "$WORK/budget.out" && grep -q 'read budget of 1000 bytes is spent' "$WORK/budget.out" &&
   [ "$(grep -c 'read budget' "$WORK/budget.err")" = 1 ] && ! grep -q '"outcome":"throws"' "$WORK/budget.out"; then
	echo "ok - scan-churn: a spent read budget gives unknown (with the reason), one message on stderr, no invented failure"
else
	echo "not ok - scan-churn: read budget (exit $rc)"; head -c 600 "$WORK/budget.out" | sed 's/^/#   /'; sed 's/^/#   /' "$WORK/budget.err"
fi
"$AD" scan --json --target node@20 "$B" >"$WORK/budget2.out" 2>&1
if grep -q '"cause":"abi-mismatch"' "$WORK/budget2.out"; then
	echo "ok - scan-churn: with the default budget the same addon is judged (abi-mismatch)"
else
	echo "not ok - scan-churn: default budget: $(head -c 300 "$WORK/budget2.out")"
fi
