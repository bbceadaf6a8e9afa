// scan-truth.js - compares `addon-doctor scan` with what real Node does when
// each top-level package of a real npm tree is require()d.
//
//   node scan-truth.js AD TREE PACKAGES.TSV LABEL NODE [ONLY]
//
// Runs `AD scan --json --node NODE TREE` once, then for every package of
// PACKAGES.TSV (name, and the packages holding its binaries) require()s it
// with NODE in TREE in a fresh process, noting what it throws (or that the
// process dies) and which *.node files /proc/self/maps holds afterwards.
// Prints one ok / not ok / skip line per package.  ONLY limits the run to
// one package (the sharp-without-libvips tree).
'use strict';
const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');

const [AD, TREE, TSV, LABEL, NODE, ONLY] = process.argv.slice(2);

const scan = spawnSync(AD, ['scan', '--json', '--node', NODE, TREE], { encoding: 'utf8', maxBuffer: 64 << 20 });
if (scan.error || scan.status === null || scan.status > 2) {
	console.log(`not ok - scan-truth ${LABEL}: scan --json exited ${scan.status} ${scan.signal || ''}`);
	console.log((scan.stderr || '').split('\n').slice(0, 5).map((l) => '# ' + l).join('\n'));
	process.exit(0);
}
const records = scan.stdout.split('\n').filter(Boolean).map((l) => JSON.parse(l)).filter((r) => r.status);

// Run in the child: require the package, report the outcome and the mapped addons.
const PROBE = `
const fs = require('fs');
let out;
try { require(process.argv[1]); out = { outcome: 'loads' }; }
catch (e) { out = { outcome: 'throws', code: e.code || '', line: String(e.message).split('\\n')[0], full: String(e.message) }; }
out.maps = [...new Set(fs.readFileSync('/proc/self/maps', 'latin1').split('\\n')
	.map((l) => l.split(/\\s+/).slice(5).join(' ')).filter((p) => p.endsWith('.node')))];
console.log('SCAN-TRUTH ' + JSON.stringify(out));
`;

function firstLine(s) {
	return s == null ? null : String(s).split('\n')[0];
}

function scanVerdict(owned) {
	const used = records.filter((r) => owned(r.package) && r.status !== 'not-used');
	if (!used.length)
		return { kind: 'none' };
	const miss = used.find((r) => r.status === 'missing');
	if (miss)
		return { kind: 'missing', code: miss.code, line: firstLine(miss.error), rec: miss };
	// loads-then-crashes: require() returns, a later call dies (lazy binding
	// of a missing symbol): on require() alone that is "loads".
	const bad = used.find((r) => r.outcome !== 'loads' && r.outcome !== 'loads-then-crashes');
	if (bad)
		return { kind: bad.outcome, code: bad.code, line: firstLine(bad.error), rec: bad };
	const later = used.find((r) => r.outcome === 'loads-then-crashes');
	return { kind: 'loads', files: used.map((r) => r.real_path),
		 later: later ? ` (scan adds: a later call dies: ${firstLine(later.error)}; not exercised here)` : '' };
}

const lines = fs.readFileSync(TSV, 'utf8').split('\n').filter((l) => l && !l.startsWith('#'));
for (const l of lines) {
	const [name, extra = ''] = l.split('\t');
	if (ONLY && name !== ONLY)
		continue;
	const pats = [name, ...extra.split(',').map((s) => s.trim()).filter(Boolean)];
	const owned = (pkg) => pkg != null && pats.some((p) => (p.endsWith('*') ? pkg.startsWith(p.slice(0, -1)) : pkg === p));
	const tag = `scan-truth ${LABEL} ${name}`;
	const pkgDir = path.join(TREE, 'node_modules', name);
	if (!fs.existsSync(path.join(pkgDir, 'package.json'))) {
		console.log(`skip - ${tag}: not installed in the tree`);
		continue;
	}
	const run = spawnSync(NODE, ['-e', PROBE, name], { cwd: TREE, encoding: 'utf8', timeout: 60000 });
	const m = /^SCAN-TRUTH (.*)$/m.exec(run.stdout || '');
	const s = scanVerdict(owned);
	const said = s.kind === 'loads' ? 'loads' : `${s.kind} ${s.code || ''} ${s.line || '(no message)'}`.replace(/ +/g, ' ');
	if (!m) {
		// No report: the process died inside require().
		const died = run.signal ? `killed by ${run.signal}` : `exit status ${run.status}`;
		if (s.kind === 'crashes')
			console.log(`ok - ${tag}: node dies (${died}), scan predicts a crash (${s.rec.cause})`);
		else
			console.log(`not ok - ${tag}: node dies (${died}); scan says ${said}`);
		continue;
	}
	const n = JSON.parse(m[1]);
	// The addons node mapped from the package's own directory or from the
	// directories of the packages scan says hold its binaries.
	const dirs = new Set([fs.realpathSync(pkgDir)]);
	for (const r of records)
		if (owned(r.package) && r.package_dir)
			dirs.add(fs.realpathSync(path.resolve(TREE, r.package_dir)));
	const mine = n.maps.filter((p) => [...dirs].some((d) => p.startsWith(d + '/')));
	if (n.outcome === 'loads') {
		if (!mine.length) {
			// require() ran no dlopen of this package's addon: it loads lazily
			// (better-sqlite3 on first `new Database`), so node says nothing.
			console.log(`skip - ${tag}: require() loaded no addon of the package (lazy loading); scan says ${said}`);
			continue;
		}
		if (s.kind === 'loads' && mine.every((p) => s.files.includes(p)))
			console.log(`ok - ${tag}: loads ${mine.map((p) => path.relative(TREE, p)).join(', ')}${s.later}`);
		else
			console.log(`not ok - ${tag}: node loads ${mine.map((p) => path.relative(TREE, p)).join(', ')}; scan says ${said}` +
				(s.files ? ` (${s.files.map((p) => path.relative(TREE, p)).join(', ')})` : ''));
		continue;
	}
	const nodeSays = `${n.code} ${n.line}`.trim();
	const addonError = /\.node\b|native|binding|prebuil|Cannot find module|dlopen/i.test(n.line) || n.code === 'ERR_DLOPEN_FAILED';
	if (s.kind === 'missing' || s.kind === 'throws') {
		if (s.line == null)
			console.log(`ok - ${tag}: node throws, scan says ${s.kind} (scan gives no message; node: ${nodeSays})`);
		else if (s.line === n.line && (s.code || '') === n.code)
			console.log(`ok - ${tag}: ${s.kind}: ${nodeSays}`);
		else if (n.full.split('\n').slice(1).includes(s.code ? `${s.code}: ${s.line}` : s.line))
			// The package's JS catches the addon's error and throws its own
			// message quoting it on a later line (sharp): the addon's error
			// is the predicted one, what the user reads first is not.
			console.log(`ok - ${tag}: ${s.kind}: ${s.code || ''} ${s.line} (quoted under the package's own first line: ${n.line})`);
		else
			console.log(`not ok - ${tag}: node throws ${nodeSays}; scan says ${said}`);
	} else if (!addonError) {
		console.log(`skip - ${tag}: the package's JS throws, not about its addon (${nodeSays}); scan says ${said}`);
	} else {
		console.log(`not ok - ${tag}: node throws ${nodeSays}; scan says ${said}`);
	}
}
