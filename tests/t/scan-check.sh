#!/bin/sh
# scan-check.sh - scan's verdict for a file is check's: for every file a
# target would load in the scan fixtures, `addon-doctor check --json
# --target T FILE` (run on the same path, from the same directory) must give
# the same object for all of check's fields (outcome, error, code, cause,
# why, fix, evidence, by_reasoning, real_path, package, target).  One
# compared object per line would be too chatty: one line per scan.
set -u
NODE=$(command -v node || true)
[ -n "$NODE" ] || { echo "skip - scan-check: no node to parse JSON with"; exit 0; }
[ -d "$FX/scan/demo" ] || { echo "not ok - scan-check: fixtures missing ($FX/scan)"; exit 0; }
cd "$FX" || exit 1

cat >"$WORK/scan-check.js" <<'JS'
const fs = require('fs');
const { execFileSync } = require('child_process');
const [ad, file, label] = process.argv.slice(2);
const objs = fs.readFileSync(file, 'utf8').split('\n').filter((l) => l.length).map((l) => JSON.parse(l));
const fields = ['path', 'real_path', 'target', 'outcome', 'error', 'code', 'cause', 'why', 'fix', 'package', 'evidence', 'by_reasoning'];
const bad = [];
let n = 0;
const seen = new Set();
for (const o of objs) {
  if (o.summary || !o.used) continue;
  const key = `${o.path}\0${o.target}`;
  if (seen.has(key)) continue;
  seen.add(key);
  // the default target's spec ends "(PATH, on PATH)": check's default too
  const args = ['check', '--json'].concat(o.target.includes(', on PATH)') ? [] : ['--target', o.target], [o.path]);
  let out;
  try { out = execFileSync(ad, args, { encoding: 'utf8' }); } catch (e) { out = e.stdout; }
  const c = JSON.parse(out.split('\n')[0]);
  n++;
  for (const f of fields)
    if (JSON.stringify(c[f]) !== JSON.stringify(o[f]))
      bad.push(`${o.path} on ${o.target}: ${f}: scan ${JSON.stringify(o[f])} check ${JSON.stringify(c[f])}`);
  if (Object.keys(c).join() !== Object.keys(o).slice(0, Object.keys(c).length).join())
    bad.push(`${o.path}: scan's first fields are not check's (${Object.keys(c).join()})`);
}
if (n === 0) bad.push('no used file to compare');
console.log(bad.length ? `not ok - scan-check ${label}\n# ${bad.slice(0, 10).join('\n# ')}` : `ok - scan-check ${label}: ${n} (file, target) verdicts equal check's`);
JS

run() { # run LABEL ARGS...
	label=$1; shift
	"$AD" --json "$@" >"$WORK/scan-check-$label.out" 2>/dev/null
	"$NODE" "$WORK/scan-check.js" "$AD" "$WORK/scan-check-$label.out" "$label"
}
run demo --target node@20 --target node@22/linux-arm64-musl --target node@20/darwin-arm64 --target electron@31 --target node@18/win32-x64 scan/demo
run ngb --target node@18 --target node@22/linux-arm64-musl --target electron@31 --target node@20/win32-x64 scan/ngb
run napi --target node@20 --target node@20/linux-x64-musl --target node@20/darwin-arm64 scan/napi
run npm-default scan/npm
run yarn --target node@22 scan/yarn
# every cause check knows: the check fixtures scanned as loose files
run check-fixtures --target node@20 --target node@20/linux-x64-musl check

# One loader context per target for the whole run: this machine's libc is
# read a fixed number of times, not once per addon (29 addons here).
if command -v strace >/dev/null 2>&1 && [ -x "$ROOT/addon-doctor" ]; then
	nfiles=$(find check -name '*.node' | wc -l)
	strace -f -e trace=open,openat -o "$WORK/scan-check-strace.log" "$ROOT/addon-doctor" --target node@20 check >/dev/null 2>&1
	# the first open of libc.so.6 is the tool's own start-up (ld.so), O_CLOEXEC
	nlibc=$(grep 'libc\.so\.6' "$WORK/scan-check-strace.log" | grep -vc 'O_RDONLY|O_CLOEXEC)')
	if [ "$nfiles" -ge 10 ] && [ "$nlibc" -ge 1 ] && [ "$nlibc" -le 3 ]; then
		echo "ok - scan-check: libc.so.6 read $nlibc time(s) for $nfiles addons (one loader per target)"
	else
		echo "not ok - scan-check: libc.so.6 read $nlibc times for $nfiles addons"
	fi
else
	echo "skip - scan-check: library cache check needs strace and the plain build"
fi
