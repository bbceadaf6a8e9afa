#!/bin/sh
# refresh-electron-node.sh - regenerates data/electron-node.tsv: every
# Electron release addon-doctor knows, the Node.js version it embeds (its
# process.versions.node, which node-gyp-build's "No native build was found
# for ... node=<version>" message and bindings' compiled/<version>/ place
# name) and, derived from that, its Node-API level (process.versions.napi,
# which node-pre-gyp's napi_build_version and "The Node-API version of this
# Node instance is N" read).
#
# Run by hand, never at build time (the build embeds the committed table).
# Needs npm and node, and data/node-releases.tsv (tools/refresh-abi.sh).
#   tools/refresh-electron-node.sh          rewrite data/electron-node.tsv
#   tools/refresh-electron-node.sh OUTDIR   write it to OUTDIR instead (to diff)
#
# Upstream, all on the npm registry:
#   - electron-releases (electron/releases, deprecated in 2023): lite.json,
#     deps.node of each release published as `electron` or, before 1.3.1,
#     as `electron-prebuilt`.  Its data ends with 22.0.0-alpha.5 (Oct 2022).
#   - electron-dependencies (baparham/electron-dependencies): index.json,
#     deps.node.version of each release from 29.0.0-alpha.1 on (read from
#     each Electron tag's DEPS; it starts with 29.0.0).  It ends
#     where its last publish did.
#   - `npm view electron versions`: the releases published as `electron`
#     (from 1.3.1; 0.1.0-0.4.1 are an older, unrelated package).  A release
#     that no source here has gets node "-" (unknown).  The Node line
#     changes in patch releases, so no row is guessed from its neighbours.
# And, when ELECTRON_GIT names a git directory of electron/electron with its
# release tags (a clone of the public repository; not on the npm registry):
#   - DEPS at tag v<release>: 'node_version', the Node.js tag Electron's
#     build checks out (the file electron-dependencies reads, from 11.0.0
#     on; older releases carried Node as a submodule, not in DEPS).  It
#     fills 21.2.0 to 28.x, which neither npm source has.  Only releases
#     published as `electron` are taken from it.
#   Without ELECTRON_GIT those releases stay "-" (the script says so).
# Every release two sources give must agree (electron-releases' deps.node
# is the built release's process.versions.node, so the overlap 11.0.0 to
# 21.x checks DEPS against the built binaries); on any disagreement the
# script stops rather than pick one.
#
# napi is derived here, not read: the Node-API level data/node-releases.tsv
# gives the embedded Node version (its release row at or below that version,
# in that line: the rule abi_node_release() applies to node@X.Y.Z targets);
# 0 = that Node has no Node-API, "-" = node unknown.  tests/unit/test_abi.c
# checks every row against abi_node_release().
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT=${1:-$ROOT/data}
NODE_RELEASES=$ROOT/data/node-releases.tsv
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
cd "$TMP"
mkdir er ed
(cd er && npm pack --silent electron-releases@latest >/dev/null && tar xzf ./*.tgz)
(cd ed && npm pack --silent electron-dependencies@latest >/dev/null && tar xzf ./*.tgz)
npm view electron versions --json >versions.json
# DEPS of every release tag, in one git process: "<tag>\t<node_version>"
: >deps-git.tsv
GIT_HEAD=
if [ -n "${ELECTRON_GIT:-}" ]; then
	GIT_HEAD=$(git --git-dir="$ELECTRON_GIT" rev-parse HEAD)
	git --git-dir="$ELECTRON_GIT" for-each-ref --format='%(refname:short)' 'refs/tags/v*' >tags.txt
	sed 's/$/:DEPS/' tags.txt | git --git-dir="$ELECTRON_GIT" cat-file --batch >deps.batch
	node - tags.txt deps.batch >deps-git.tsv <<'JS'
// cat-file --batch: "<oid> blob <size>\n<content>\n" or "<name> missing\n",
// in the order of the names given
const fs = require('fs');
const tags = fs.readFileSync(process.argv[2], 'utf8').split('\n').filter(Boolean);
const buf = fs.readFileSync(process.argv[3]);
let at = 0;
for (const tag of tags) {
	const nl = buf.indexOf(10, at);
	const head = buf.toString('utf8', at, nl).split(' ');
	at = nl + 1;
	if (head[1] !== 'blob') continue;
	const size = +head[2];
	const text = buf.toString('utf8', at, at + size);
	at += size + 1;
	const m = /'node_version':\s*'v(\d+\.\d+\.\d+)'/.exec(text);
	if (m) process.stdout.write(`${tag.slice(1)}\t${m[1]}\n`);
}
JS
else
	echo "refresh-electron-node: ELECTRON_GIT not set: the releases only electron/electron's DEPS gives stay node \"-\"" >&2
fi
node - "$OUT/electron-node.tsv" "$NODE_RELEASES" "$GIT_HEAD" <<'JS'
const fs = require('fs');
const [outFile, nodeReleases, gitHead] = process.argv.slice(2);
const erPkg = require(process.cwd() + '/er/package/package.json');
const edPkg = require(process.cwd() + '/ed/package/package.json');
const lite = require(process.cwd() + '/er/package/lite.json');
const deps = require(process.cwd() + '/ed/package/index.json');
const published = require(process.cwd() + '/versions.json');

const SEMVER = /^(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?$/;
const cmpPre = (a, b) => {
	const x = a.split('.'), y = b.split('.');
	for (let i = 0; i < Math.max(x.length, y.length); i++) {
		if (x[i] === undefined) return -1;
		if (y[i] === undefined) return 1;
		const nx = /^\d+$/.test(x[i]), ny = /^\d+$/.test(y[i]);
		if (nx && ny && +x[i] !== +y[i]) return +x[i] - +y[i];
		if (nx !== ny) return nx ? -1 : 1;
		if (!nx && x[i] !== y[i]) return x[i] < y[i] ? -1 : 1;
	}
	return 0;
};
const cmp = (a, b) => {
	const x = SEMVER.exec(a), y = SEMVER.exec(b);
	for (let i = 1; i <= 3; i++) if (+x[i] !== +y[i]) return +x[i] - +y[i];
	if (!x[4] !== !y[4]) return x[4] ? -1 : 1;
	return x[4] ? cmpPre(x[4], y[4]) : 0;
};

// Electron release -> { node, from }
const rel = new Map();
const put = (v, node, from) => {
	if (!SEMVER.test(v)) return;
	if (node !== '-' && !SEMVER.test(node)) throw new Error(`${from}: ${v} has node '${node}'`);
	const had = rel.get(v);
	if (had && had.node !== '-' && node !== '-' && had.node !== node)
		throw new Error(`${v}: ${had.from} says node ${had.node}, ${from} says ${node}`);
	if (!had || had.node === '-') rel.set(v, { node, from });
};
for (const r of lite)
	if ((r.npm_package_name === 'electron' || r.npm_package_name === 'electron-prebuilt') && r.deps && r.deps.node)
		put(r.version, r.deps.node, 'electron-releases');
for (const [v, r] of Object.entries(deps))
	if (r && r.deps && r.deps.node && r.deps.node.version)
		put(v, r.deps.node.version, 'electron-dependencies');
const onNpm = new Set(published.filter((v) => SEMVER.test(v) && cmp(v, '1.3.1') >= 0));
for (const l of fs.readFileSync('deps-git.tsv', 'utf8').split('\n').filter(Boolean)) {
	const [v, node] = l.split('\t');
	if (onNpm.has(v) || rel.has(v)) put(v, node, 'electron/electron DEPS');
}
for (const v of onNpm) put(v, '-', 'npm');

// Node release -> Node-API level, by data/node-releases.tsv
const RELEASE_KINDS = new Set(['line', 'napi', 'last', 'future', 'release']);
const lineOf = (v) => { const m = SEMVER.exec(v); return m[1] === '0' ? '0.' + m[2] : m[1]; };
const nodeRows = fs.readFileSync(nodeReleases, 'utf8').split('\n')
	.filter((l) => l && l[0] !== '#').map((l) => l.split('\t'))
	.filter((f) => f.length >= 4 && RELEASE_KINDS.has(f[3]) && SEMVER.test(f[0]))
	.map((f) => ({ v: f[0], napi: +f[2] }));
const napiOf = (node) => {
	let best = null;
	for (const r of nodeRows)
		if (lineOf(r.v) === lineOf(node) && cmp(r.v, node) <= 0 && (!best || cmp(r.v, best.v) >= 0)) best = r;
	return best && best.napi >= 0 ? String(best.napi) : '-';
};

const versions = [...rel.keys()].sort(cmp);
const of = (from) => versions.filter((v) => rel.get(v).from === from);
const span = (from) => { const v = of(from); return `${v.length} rows, ${v[0]} to ${v[v.length - 1]}`; };
const lines = [
	'# Electron release -> the Node.js version it embeds (process.versions.node) and its',
	'# Node-API level (process.versions.napi).  Generated by tools/refresh-electron-node.sh',
	`# on ${new Date().toISOString().slice(0, 10)} from the npm registry:`,
	`#   node: electron-releases@${erPkg.version} lite.json deps.node (releases published as`,
	`#     electron or electron-prebuilt; ${span('electron-releases')}),`,
	`#   electron-dependencies@${edPkg.version} index.json deps.node.version (${span('electron-dependencies')});`,
	...(gitHead ? [`#   electron/electron (github, git ${gitHead.slice(0, 12)}) DEPS node_version at tag v<release>, for releases`,
		`#     the two above lack (${span('electron/electron DEPS')}; checked against them where both have one);`] : []),
	`#   releases neither has: npm view electron versions (${of('npm').length} rows, node "-" = unknown).`,
	'# napi: derived, the Node-API level data/node-releases.tsv gives that Node release (its',
	'#   row at or below it in its line); 0 = no Node-API, "-" = unknown.',
	'# Every row is a known release: an Electron X.Y.Z that is not here is not one addon-doctor',
	'# knows (--target refuses it when its line has rows; prereleases, which the registry lists',
	'# only in part, excepted).  The Node line changes in patch releases: a release with',
	'# node "-" is unknown, never guessed from its neighbours.',
	'# version\tnode\tnapi',
];
for (const v of versions) {
	const n = rel.get(v).node;
	lines.push(`${v}\t${n}\t${n === '-' ? '-' : napiOf(n)}`);
}
fs.writeFileSync(outFile, lines.join('\n') + '\n');
JS
