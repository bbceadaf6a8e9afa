// wine-compare.js AD RUNS LIST LIMITS - compares `addon-doctor check
// --target node@V/win32-x64 --json` with real runs of the official node.exe
// under Wine (tests/t/wine-truth.sh).  LIST: label<TAB>path<TAB>version<TAB>run-key.
// Wine's loader is a real, independent PE loader, but its message table is
// its own: a loader error is compared by its Win32 error, which the
// calibration rows (label "calibrate:<code>", files made to give that error)
// tie to Wine's text; a message Node writes itself (NODE_MODULE_VERSION,
// self-register, entry point) is compared byte for byte, and so is the
// path Node appends.  LIMITS (tests/truth/wine-limits.tsv): files whose real
// run fails for a reason of Wine's own (a DLL Windows has and Wine lacks,
// an addon's init that fails under Wine); listed apart, never counted as
// agreeing.  Prints TAP lines and the figure.
'use strict';
const fs = require('fs');
const { spawnSync } = require('child_process');
const [ad, runs, list, limitsFile] = process.argv.slice(2);
const rows = fs.readFileSync(list, 'utf8').split('\n').filter(Boolean).map((l) => {
	const [label, path, version, key] = l.split('\t');
	return { label, path, version, key };
});
const limits = fs.readFileSync(limitsFile, 'utf8').split('\n')
	.filter((l) => l && !l.startsWith('#')).map((l) => l.split('\t'));
const limitOf = (label) => (limits.find(([pat]) => label.includes(pat)) || [])[1];

// Node's own messages: compared byte for byte.
const nodeOwn = (m) => /^The module '|^Module did not self-register: '|^Module has no declared entry point\./.test(m);
// "<system text>\r\n<path>": the text, the path after the line break.
const split = (m) => { const i = m.lastIndexOf('\r\n'); return i < 0 ? [m, null] : [m.slice(0, i), m.slice(i + 2)]; };
const windowsText = {};
for (const l of fs.readFileSync(`${__dirname}/../../data/win32-loader-messages.tsv`, 'utf8').split('\n')) {
	if (!l || l.startsWith('#')) continue;
	const [code, , text] = l.split('\t');
	windowsText[code] = text;
}
const textPattern = (t) => new RegExp('^' + t.split('%1').map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*') + '$', 's');
const classify = (table, sys) => {
	for (const [code, t] of Object.entries(table)) if (textPattern(t).test(sys)) return code;
	return null;
};

const real = (r) => {
	const j = JSON.parse(fs.readFileSync(`${runs}/${r.key}.json`, 'utf8'));
	const win = 'Z:' + fs.realpathSync(r.path).replace(/\//g, '\\');
	if (j.message) j.message = j.message.split('@WINPATH@').join('\\\\?\\' + win);
	return j;
};

// Wine's text per Win32 error, from the calibration files.
const wineText = {};
for (const r of rows.filter((x) => x.label.startsWith('calibrate:'))) {
	const j = real(r);
	const code = r.label.split(':')[1];
	if (j.outcome !== 'throws') { console.log(`not ok - wine-truth: calibration ${r.label} ${r.version} did not fail: ${JSON.stringify(j)}`); continue; }
	const sys = split(j.message)[0].split('\\\\?\\Z:' + fs.realpathSync(r.path).replace(/\//g, '\\')).join('%1');
	if (wineText[code] && wineText[code] !== sys) console.log(`# calibration ${code}: Wine says both "${wineText[code]}" and "${sys}"`);
	wineText[code] = sys;
}
console.log(`# Wine's texts: ${JSON.stringify(wineText)}`);

const byVersion = new Map();
for (const r of rows) { if (!byVersion.has(r.version)) byVersion.set(r.version, []); byVersion.get(r.version).push(r); }
let agree = 0, total = 0, limited = 0, msgSame = 0, msgTotal = 0;
const bad = [], lim = [];
for (const [v, rs] of byVersion) {
	// check exits non-zero when a file would not load: read stdout anyway.
	const res = spawnSync(ad, ['check', '--target', `node@${v}/win32-x64`, '--json', ...rs.map((r) => r.path)],
		{ encoding: 'utf8', maxBuffer: 1 << 28 });
	const out = (res.stdout || '').split('\n').filter(Boolean).map((l) => JSON.parse(l));
	if (out.length !== rs.length) { console.log(`not ok - wine-truth: node ${v}: ${out.length} predictions for ${rs.length} files`); process.exit(1); }
	rs.forEach((r, i) => {
		const p = out[i], j = real(r);
		let why = null;
		const pout = p.outcome === 'loads-then-crashes' ? 'loads' : p.outcome;
		if (pout !== j.outcome) why = `outcome: predicted ${p.outcome}, real ${j.outcome}`;
		else if (j.outcome === 'throws') {
			if (p.code !== j.code) why = `code: predicted ${p.code}, real ${j.code}`;
			else if (nodeOwn(j.message)) {
				msgTotal++;
				if (p.error === j.message) msgSame++;
				else why = `Node's message differs: predicted ${JSON.stringify(p.error)}, real ${JSON.stringify(j.message)}`;
			} else {
				const [rsys, rpath] = split(j.message), [psys, ppath] = split(p.error || '');
				const rc = classify(wineText, rsys.split(rpath).join('%1'));
				const pc = classify(windowsText, psys.split(ppath).join('%1'));
				if (!rc) why = `Wine's text ${JSON.stringify(rsys)} is not one the calibration knows`;
				else if (rc !== pc) why = `Win32 error: predicted ${pc} (${JSON.stringify(psys)}), real ${rc} (${JSON.stringify(rsys)})`;
				else if (rpath !== ppath) why = `path after the text: predicted ${JSON.stringify(ppath)}, real ${JSON.stringify(rpath)}`;
			}
		}
		const limit = limitOf(r.label);
		if (limit && why) { limited++; lim.push(`${r.label} (node ${v}): ${limit}; ${why}`); return; }
		if (limit && !r.label.startsWith('calibrate:')) console.log(`# ${r.label} (node ${v}): listed in wine-limits.tsv but agrees now`);
		total++;
		if (why) bad.push(`${r.label} (node ${v}): ${why}`); else agree++;
	});
}
const versions = [...byVersion.keys()].join(', ');
for (const b of bad) console.log(`# disagrees: ${b}`);
for (const l of lim) console.log(`# Wine's limit: ${l}`);
console.log(`# wine: ${agree} of ${total} outcomes agree (node ${versions}); Node's own messages byte for byte: ${msgSame} of ${msgTotal}; ${limited} set apart as Wine's limits`);
console.log(`${bad.length ? 'not ok' : 'ok'} - wine-truth: wine: ${agree} of ${total} outcomes agree (node ${versions})`);
