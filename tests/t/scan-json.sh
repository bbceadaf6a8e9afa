#!/bin/sh
# scan-json.sh - the scan JSON contract (docs/scan.md) on the scan fixtures:
#   - every line parses; every (file, target) object has check's fields
#     (path, real_path, target, outcome, error, code, cause, why, fix,
#     package, evidence[], by_reasoning) plus loader, used, status, via,
#     version, package_dir, wanted; the last line is the summary and its
#     counts match the objects;
#   - a node-gyp-build prebuild for another platform/arch than the target's
#     is never `used`, a used file always has an outcome, an unused one none;
#   - package records ("record":"package", one per (package, target)) carry
#     their own fields, a `require` outcome from a fixed set, and agree with
#     the file objects of that package: a package whose used file loads
#     "loads", one with a missing file "throws" (or "unknown" without a
#     known message), and every package with a used or missing object has
#     a record;
#   - the default target is the node on PATH read as check reads it (same
#     target string as `check --json`), not a built-in version;
#   - with no arguments, in a directory without addons, the tool points at
#     the bundled example and exits 0.
set -u
NODE=$(command -v node || true)
[ -n "$NODE" ] || { echo "skip - scan-json: no node to parse JSON with"; exit 0; }
[ -d "$FX/scan/demo" ] || { echo "not ok - scan-json: fixtures missing ($FX/scan)"; exit 0; }
cd "$FX" || exit 1

cat >"$WORK/scan-json.js" <<'JS'
// argv: file with scan --json output.  Prints ok/not ok lines.
const fs = require('fs');
const [file, label, needUnused] = process.argv.slice(2);
const lines = fs.readFileSync(file, 'utf8').split('\n').filter((l) => l.length);
const bad = [];
const objs = [];
for (const [i, l] of lines.entries()) {
  try { objs.push(JSON.parse(l)); } catch (e) { bad.push(`line ${i + 1} does not parse: ${e.message}`); }
}
const sum = objs.pop();
const pkgKeys = ['record', 'package', 'version', 'package_dir', 'target', 'loader', 'require', 'file', 'error', 'code', 'cause', 'fix', 'why', 'native'];
const requires = ['loads', 'throws', 'crashes', 'falls-back', 'unknown'];
const precs = [];
for (let i = objs.length - 1; i >= 0; i--)
  if (objs[i].record === 'package') precs.unshift(...objs.splice(i, 1));
for (const p of precs) {
  if (Object.keys(p).join() !== pkgKeys.join()) bad.push(`package record keys ${Object.keys(p).join()}`);
  if (!requires.includes(p.require)) bad.push(`package record require=${p.require}`);
  const mine = objs.filter((o) => o.package === p.package && o.target === p.target && o.status !== 'not-used');
  if (p.require === 'loads' && !objs.some((o) => o.target === p.target && o.status === 'loads' && o.real_path === p.file))
    bad.push(`package ${p.package} on ${p.target} loads ${p.file}, no file object says so`);
  if (p.require === 'throws' && !p.file && !mine.some((o) => o.status === 'missing' && o.error === p.error))
    bad.push(`package ${p.package} on ${p.target} throws, no missing object with that error`);
}
for (const o of objs)
  if (o.package && o.status !== 'not-used' && o.status !== 'missing' &&
      !precs.some((p) => p.target === o.target && (p.package === o.package || p.file === o.real_path ||
                                                   (o.status !== 'loads' && p.require !== 'loads'))))
    bad.push(`no package record for ${o.package} on ${o.target}`);
if (!precs.length) bad.push('no package records');
if (!sum || sum.summary !== true) bad.push('last line is not the summary');
const check = ['path', 'real_path', 'target', 'outcome', 'error', 'code', 'cause', 'why', 'fix', 'package', 'evidence', 'by_reasoning'];
const own = ['loader', 'used', 'status', 'via', 'version', 'package_dir', 'wanted'];
const counts = { loads: 0, fails: 0, 'not-used': 0, missing: 0, unknown: 0, 'falls-back': 0 };
const hostPlat = `${process.platform}-${process.arch}`;
for (const o of objs) {
  const keys = Object.keys(o);
  const want = check.concat(own);
  if (keys.join() !== want.join()) bad.push(`keys ${keys.join()} != ${want.join()}`);
  if (!Array.isArray(o.evidence)) bad.push(`evidence not an array: ${o.path}`);
  if (typeof o.used !== 'boolean' || typeof o.by_reasoning !== 'boolean') bad.push(`used/by_reasoning not boolean: ${o.path}`);
  if (!(o.status in counts)) bad.push(`unknown status ${o.status}`); else counts[o.status]++;
  if (o.used && !o.outcome) bad.push(`used without outcome: ${o.path} on ${o.target}`);
  if (o.status === 'not-used' && (o.outcome !== null || o.used)) bad.push(`not-used with an outcome: ${o.path}`);
  if (o.status === 'missing' && (o.path !== null || !o.wanted)) bad.push(`missing without wanted: ${o.package}`);
  // node-gyp-build prebuilds/<platform>-<arch[+arch]>/: another platform is never used
  const m = o.path && o.loader === 'node-gyp-build' && o.path.match(/\/prebuilds\/([a-z0-9]+)-([a-z0-9+]+)\//);
  if (m) {
    const slash = o.target.indexOf('/');
    const tp = slash >= 0 ? o.target.slice(slash + 1).split('-').slice(0, 2).join('-') : hostPlat;
    const [plat, arch] = tp.split('-');
    const fits = m[1] === plat && m[2].split('+').includes(arch);
    if (!fits && o.used) bad.push(`prebuild for ${m[1]}-${m[2]} used on ${o.target}: ${o.path}`);
  }
}
if (sum) {
  for (const [k, n] of Object.entries(counts)) {
    const sk = k === 'not-used' ? 'not_used' : k === 'falls-back' ? 'falls_back' : k;
    if (sum[sk] !== n) bad.push(`summary ${sk}=${sum[sk]}, objects say ${n}`);
  }
  if (sum.exit !== (counts.fails + counts.missing + counts.unknown ? 1 : 0)) bad.push(`summary exit ${sum.exit}`);
}
if (needUnused && !objs.some((o) => o.used === false && o.status === 'not-used')) bad.push('no not-used object to test');
console.log(bad.length ? `not ok - scan-json ${label}\n# ${bad.slice(0, 10).join('\n# ')}` : `ok - scan-json ${label} (${objs.length} objects)`);
JS

run() { # run LABEL NEED-UNUSED(1/"") ARGS...
	label=$1 unused=$2; shift 2
	"$AD" --json "$@" >"$WORK/scan-json-$label.out" 2>"$WORK/scan-json-$label.err"
	"$NODE" "$WORK/scan-json.js" "$WORK/scan-json-$label.out" "$label" "$unused"
}
run demo 1 --target node@20 --target node@22/linux-arm64-musl --target node@20/darwin-arm64 --target electron@31 scan/demo
run ngb 1 --target node@20 --target node@22/linux-arm64-musl --target node@20/darwin-arm64 --target node@20/win32-x64 --target electron@31 scan/ngb
run napi 1 --target node@20 --target node@20/linux-x64-musl --target node@20/darwin-arm64 scan/napi
run default "" scan/npm

# The default target is check's: the node on PATH, read.
st=$(sed -n 's/.*"targets":\["\([^"]*\)"\].*/\1/p' "$WORK/scan-json-default.out")
ct=$("$AD" check --json scan/npm/node_modules/b/build/Release/b.node 2>/dev/null | sed -n 's/.*"target":"\([^"]*\)".*/\1/p')
case $st in
"") echo "not ok - scan-json: default target missing from the summary" ;;
*"on PATH"*) if [ "$st" = "$ct" ]; then echo "ok - scan-json: default target is the node on PATH ($st)"
	else echo "not ok - scan-json: default target '$st' differs from check's '$ct'"; fi ;;
*) echo "not ok - scan-json: default target '$st' is not the node on PATH" ;;
esac

# No arguments in a directory without addons: what to do next; the bundled
# example only where it exists (an npm user has none; issue 17).
E=$WORK/scan-json-empty
rm -rf "$E" && mkdir -p "$E"
out=$(cd "$E" && "$AD" 2>&1); rc=$?
ex=$(cd "$ROOT" && "$AD" "$E" 2>&1)
if [ $rc -eq 0 ] && ! printf '%s\n' "$out" | grep -q 'examples/demo' &&
   printf '%s\n' "$out" | grep -q 'npm install' && printf '%s\n' "$ex" | grep -q 'addon-doctor examples/demo' &&
   printf '%s\n' "$out" | grep -q '^No native addons'; then
	echo "ok - scan-json: no arguments, no addons: says to install first; the example only in the source tree"
else
	echo "not ok - scan-json: no arguments, no addons (exit $rc)"; printf '%s\n' "$out" | sed 's/^/# /'
fi
