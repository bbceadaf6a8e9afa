// scan-truth.js - compares `addon-doctor scan` with what real Node does when
// each top-level package of a real npm tree is require()d, package by package.
//
//   node scan-truth.js AD NODE KNOWN.TSV OUTDIR TREESPEC...
//   TREESPEC = VARIANT:TREE:PACKAGES.TSV[:ONLY]
//
// Every TREE (a cached tree, never written) is first hard-link copied to
// OUTDIR/run-LABEL/VARIANT; scan and the real runs see the copy, scan
// before any real run could write into it, and the copy is removed at the
// end.  One line per tree says whether the cached tree stayed unchanged
// (not ok when a run reached it, e.g. by rewriting a hard-linked file).
//
// For every tree: `AD scan --json --node NODE TREE` once; then for every line
// of PACKAGES.TSV (name, packages holding its binaries, a forcing call) a
// fresh NODE in TREE require()s the package and, for a package that loads
// its addon lazily, runs the forcing call on the exports (`m`).  It records
// the real outcome: `loads` (with the .node files of the package's
// directories that /proc/self/maps holds), `falls-back` (require() returned
// and no addon of the package is mapped: a pure-JS fallback), `throws`
// (err.code, err.message) or `dies` (signal / exit status).  ONLY limits a
// tree to one package (the sharp-without-libvips copy).
//
// Scan's side: the per-package record (`"record":"package"`: require =
// loads|throws|crashes|falls-back|unknown, file, error, code) when scan
// emits one; else, for scans that predate it, today's per-file records
// (status loads/fails/missing/not-used) of the packages concerned.  The
// outcome must agree, and for `throws` the code and the message byte for
// byte, Require stack aside: every "\nRequire stack:\n- …" block is cut
// from both sides (the stack names the requiring files, which scan does not
// model), everything else - first line, "Tried:"/"checked:" lists, texts
// quoted by the package's own message - must be equal.  A package scan says
// nothing about is `not ok` unless node too loads no addon.
//
// Prints one ok / not ok line per package per tree, then the runtime's
// summary `# scan-truth: outcomes A/B, messages C/D` (C/D counts the
// packages node makes throw).  KNOWN.TSV lists accepted disagreements
// (package or VARIANT/package, runtime major or *, reason[, a text the
// not-ok line must contain]); they print `ok - … # known failure: reason`
// only while they still fail as described, and `not ok` once they pass.
// OUTDIR/disagreements-LABEL.tsv gets every disagreement.
// Probes run two at a time (the machine is shared).
'use strict';
const fs = require('fs');
const path = require('path');
const { spawn, spawnSync } = require('child_process');

// Helper modes for tests/t/scan-truth.sh: `--manifest DIR` prints DIR's
// state (see manifest()) as JSON, taken right after the install;
// `--verify DIR FILE` prints what changed since and exits 1 when anything did.
if (process.argv[2] === '--manifest') {
	process.stdout.write(JSON.stringify([...manifest(process.argv[3])]) + '\n');
	process.exit(0);
}
if (process.argv[2] === '--verify') {
	let was;
	try { was = new Map(JSON.parse(fs.readFileSync(process.argv[4], 'utf8'))); } catch { was = null; }
	const ch = was ? changes(was, manifest(process.argv[3])) : ['(no install-time manifest)'];
	if (ch.length)
		console.log(`${ch.length}: ${ch.slice(0, 6).join(' ')}${ch.length > 6 ? ' ...' : ''}`);
	process.exit(ch.length ? 1 : 0);
}
const [AD, NODE, KNOWN, OUTDIR, ...SPECS] = process.argv.slice(2);
const version = spawnSync(NODE, ['-p', 'process.versions.node'], { encoding: 'utf8' }).stdout.trim();
const MAJOR = version.split('.')[0];
const LABEL = `node${version}`;
const JOBS = 2;

// Run in the child: require the package, run the forcing call, report the
// outcome and the mapped addons.  The report is written synchronously and
// the process exits at once: watchers and devices keep the loop alive.
const PROBE = `
const fs = require('fs');
const [name, force] = process.argv.slice(1);
const err = (e, at) => ({ outcome: 'throws', at, code: e && e.code != null ? String(e.code) : '',
	message: e && e.message != null ? String(e.message) : String(e) });
let out;
try {
	const m = require(name);
	out = { outcome: 'loads' };
	if (force)
		try { (new Function('m', force))(m); } catch (e) { out = err(e, 'force'); }
} catch (e) { out = err(e, 'require'); }
out.maps = [...new Set(fs.readFileSync('/proc/self/maps', 'latin1').split('\\n')
	.map((l) => l.split(/\\s+/).slice(5).join(' ')).filter((p) => p.endsWith('.node')))];
fs.writeSync(1, '\\nSCAN-TRUTH ' + JSON.stringify(out) + '\\n');
process.exit(0);
`;

function run(cmd, args, opts) {
	return new Promise((resolve) => {
		const c = spawn(cmd, args, { ...opts, stdio: ['ignore', 'pipe', 'pipe'] });
		let stdout = '', stderr = '';
		// decode across chunk boundaries (a multi-byte character split
		// between two reads must not turn into U+FFFD)
		c.stdout.setEncoding('utf8');
		c.stderr.setEncoding('utf8');
		c.stdout.on('data', (d) => { stdout += d; });
		c.stderr.on('data', (d) => { if (stderr.length < 65536) stderr += d; });
		const t = setTimeout(() => c.kill('SIGKILL'), opts.timeout || 60000);
		c.on('close', (status, signal) => { clearTimeout(t); resolve({ status, signal, stdout, stderr }); });
		c.on('error', (e) => { clearTimeout(t); resolve({ status: null, signal: null, stdout, stderr: String(e) }); });
	});
}

async function pool(tasks) {
	const res = new Array(tasks.length);
	let next = 0;
	const worker = async () => {
		while (next < tasks.length) {
			const i = next++;
			res[i] = await tasks[i]();
		}
	};
	await Promise.all(Array.from({ length: Math.min(JOBS, tasks.length) }, worker));
	return res;
}

// Node's MODULE_NOT_FOUND text appends "\nRequire stack:\n- a\n- b"; a
// package that quotes the error quotes the stack too, mid-message.
function unstack(s) {
	return s == null ? null : String(s).replace(/\nRequire stack:(\n- [^\n]*)*/g, '').replace(/\s+$/, '');
}
const firstLine = (s) => (s == null ? null : String(s).split('\n')[0]);
const real = (p) => { try { return fs.realpathSync(p); } catch { return p; } };
const show = (s) => JSON.stringify(s.length > 300 ? s.slice(0, 300) + '…' : s);

function loadKnown() {
	if (!KNOWN || !fs.existsSync(KNOWN))
		return [];
	return fs.readFileSync(KNOWN, 'utf8').split('\n').filter((l) => l && !l.startsWith('#')).map((l) => {
		const [pkg, rt = '*', reason = '', expect = ''] = l.split('\t');
		return { pkg, rt, reason, expect };
	});
}
const known = loadKnown();
const knownFor = (variant, name) => known.find((k) => (k.pkg === name || k.pkg === `${variant}/${name}`) &&
	(k.rt === '*' || k.rt === MAJOR));

// What scan says about the package: its package record, else the per-file
// records of the packages that hold its binaries.
function scanSays(records, name, owned, pkgDir, tree) {
	const at = (p) => real(path.resolve(tree, p));
	const prec = records.filter((r) => r.record === 'package' && r.package === name);
	if (prec.length) {
		const r = prec.find((x) => x.package_dir && at(x.package_dir) === pkgDir) || prec[0];
		return { kind: r.require, file: r.file ? at(r.file) : null, code: r.code || '', error: r.error,
			cause: r.cause, src: 'package' };
	}
	// Only the copies node resolves from the package: the package itself at
	// its own directory, and a helper package nested inside it when there
	// is one there (cbor-x/node_modules/cbor-extract), else any copy.
	const under = (r) => r.package_dir && at(r.package_dir).startsWith(pkgDir + '/');
	const nested = new Set(records.filter((r) => r.status && r.package !== name && owned(r.package) && under(r))
		.map((r) => r.package));
	const mineRec = (r) => (r.package === name ? r.package_dir && at(r.package_dir) === pkgDir :
		owned(r.package) && (!nested.has(r.package) || under(r)));
	const used = records.filter((r) => r.status && mineRec(r) && r.status !== 'not-used');
	if (!used.length)
		return { kind: 'none', src: 'file' };
	const miss = used.find((r) => r.status === 'missing');
	if (miss)
		return { kind: 'throws', code: miss.code || '', error: miss.error, cause: miss.cause, src: 'file' };
	const bad = used.find((r) => r.outcome !== 'loads' && r.outcome !== 'loads-then-crashes');
	if (bad)
		return { kind: bad.outcome === 'crashes' ? 'crashes' : 'throws', code: bad.code || '', error: bad.error,
			cause: bad.cause, src: 'file' };
	// The package's own addon: the one in its own directory, else the first.
	const own = used.find((r) => r.package === name) || used[0];
	return { kind: 'loads', file: own.real_path ? at(own.real_path) : null,
		files: used.map((r) => at(r.real_path)), src: 'file' };
}

// The node_modules directories a tree's packages can sit in: the tree's
// own, and those of the virtual stores of pnpm, bun and yarn's pnpm linker.
const basesOf = new Map();
function storeBases(tree) {
	if (basesOf.has(tree))
		return basesOf.get(tree);
	const nm = path.join(tree, 'node_modules');
	const out = [nm];
	for (const store of ['.pnpm', '.bun', '.store']) {
		const s = path.join(nm, store);
		let ents = [];
		try { ents = fs.readdirSync(s, { withFileTypes: true }); } catch { continue; }
		for (const e of ents)
			if (e.isDirectory())
				out.push(e.name === 'node_modules' ? path.join(s, e.name) : path.join(s, e.name, 'node_modules'));
	}
	basesOf.set(tree, out);
	return out;
}

function describeScan(s, rel) {
	switch (s.kind) {
	case 'loads': return `loads ${s.file ? rel(s.file) : '(no file)'}`;
	case 'throws': return `throws ${s.code || '-'} ${s.error == null ? '(no message)' : show(unstack(s.error))}`;
	case 'none': return 'nothing (no record for the package)';
	default: return s.kind + (s.cause ? ` (${s.cause})` : '');
	}
}

// A tree's state, for telling whether a run changed it: every entry's
// type, size, mode, mtime and symlink target (not its link count, which
// the throwaway hard-link copies raise).
function manifest(dir) {
	const m = new Map();
	const walk = (d, rel) => {
		let ents;
		try { ents = fs.readdirSync(d, { withFileTypes: true }); } catch { return; }
		for (const e of ents) {
			const p = path.join(d, e.name), r = rel ? rel + '/' + e.name : e.name;
			let st;
			try { st = fs.lstatSync(p); } catch { continue; }
			m.set(r, `${st.mode} ${st.size} ${st.mtimeMs}${st.isSymbolicLink() ? ' -> ' + fs.readlinkSync(p) : ''}`);
			if (st.isDirectory())
				walk(p, r);
		}
	};
	walk(dir, '');
	return m;
}
function changes(before, after) {
	const out = [];
	for (const [k, v] of after)
		if (!before.has(k)) out.push('+' + k);
		else if (before.get(k) !== v) out.push('~' + k);
	for (const k of before.keys())
		if (!after.has(k)) out.push('-' + k);
	return out;
}

// The real runs happen in a throwaway hard-link copy of each cached tree
// (OUTDIR/run-LABEL/VARIANT, removed afterwards): a package's loader may
// write into node_modules at require() time (unrs-resolver's napi-
// postinstall fallback downloads its platform package there), and that
// must land in the copy, never in the cache later runs and other runtimes
// read.  Files created in the copy are new inodes; a loader that rewrote a
// hard-linked file in place would still reach the cache, which the
// manifest comparison below reports as not ok.
function copyTree(src, dst) {
	fs.rmSync(dst, { recursive: true, force: true });
	fs.mkdirSync(dst, { recursive: true });
	let r = spawnSync('cp', ['-al', src + '/.', dst + '/']);
	if (r.status !== 0) {
		fs.rmSync(dst, { recursive: true, force: true });
		fs.mkdirSync(dst, { recursive: true });
		r = spawnSync('cp', ['-R', src + '/.', dst + '/']);
	}
	if (r.status !== 0)
		return false;
	// A relative symlink that leads out of the tree (pnpm's global virtual
	// store: node_modules/x -> ../../store/v10/links/...) would dangle in a
	// copy elsewhere: it gets the absolute path of what it led to.  What it
	// leads to is not copied (the store is shared, as in real use); the
	// packages the suites run do not write into their own directories.
	const top = path.resolve(src);
	const fix = (d, rel) => {
		let ents;
		try { ents = fs.readdirSync(d, { withFileTypes: true }); } catch { return; }
		for (const e of ents) {
			const p = path.join(d, e.name), r2 = rel ? rel + '/' + e.name : e.name;
			if (e.isSymbolicLink()) {
				const to = fs.readlinkSync(p);
				if (path.isAbsolute(to))
					continue;
				const was = path.resolve(top, path.dirname(r2), to);
				if (was !== top && !was.startsWith(top + '/')) {
					fs.unlinkSync(p);
					fs.symlinkSync(was, p);
				}
			} else if (e.isDirectory()) {
				fix(p, r2);
			}
		}
	};
	fix(dst, '');
	return true;
}

async function main() {
	const trees = SPECS.map((spec) => {
		const [variant, cached, tsv, only] = spec.split(':');
		return { variant, cached, tsv, only };
	});
	const RUNDIR = path.join(OUTDIR || require('os').tmpdir(), `run-${LABEL}`);
	for (const t of trees) {
		t.before = manifest(t.cached);
		t.tree = path.join(RUNDIR, t.variant);
		if (!copyTree(t.cached, t.tree)) {
			console.log(`not ok - scan-truth ${LABEL} ${t.variant}: cannot copy ${t.cached} to ${t.tree}`);
			t.tree = null;
		}
	}
	const live = trees.filter((t) => t.tree);
	// scan first, on every pristine copy, before any real run can write
	// into it: scan and node must start from the same state.
	await pool(live.map((t) => async () => {
		t.scan = await run(AD, ['scan', '--json', '--node', NODE, t.tree], { timeout: 300000 });
	}));
	for (const t of live)
		t.copyBefore = manifest(t.tree);
	const tasks = [];
	for (const t of live) {
		t.pkgs = fs.readFileSync(t.tsv, 'utf8').split('\n').filter((l) => l && !l.startsWith('#')).map((l) => {
			const [name, extra = '', force = ''] = l.split('\t');
			return { name, extra, force };
		}).filter((p) => !t.only || p.name === t.only);
		for (const p of t.pkgs)
			tasks.push(async () => {
				p.run = await run(NODE, ['-e', PROBE, p.name, p.force], { cwd: t.tree, timeout: 60000 });
			});
	}
	await pool(tasks);

	for (const t of trees) {
		const ch = changes(t.before, manifest(t.cached));
		if (ch.length)
			console.log(`not ok - scan-truth ${LABEL} ${t.variant}: the cached tree ${t.cached} changed during the run ` +
				`(${ch.length}: ${ch.slice(0, 6).join(' ')}${ch.length > 6 ? ' ...' : ''}); it is no longer pristine`);
		else
			console.log(`ok - scan-truth ${LABEL} ${t.variant}: the cached tree is unchanged by the run`);
		if (t.tree) {
			const w = changes(t.copyBefore, manifest(t.tree)).filter((c) => !c.startsWith('~'));
			if (w.length)
				console.log(`# scan-truth ${LABEL} ${t.variant}: the real runs wrote into their copy of the tree: ` +
					`${w.slice(0, 6).join(' ')}${w.length > 6 ? ` ... (${w.length})` : ''}`);
		}
	}

	let outcomes = 0, outcomesOk = 0, messages = 0, messagesOk = 0;
	const dis = [];
	for (const t of live) {
		const rel = (p) => path.relative(t.tree, p);
		const sc = t.scan;
		let records = [];
		if (sc.status === null || sc.status > 2) {
			console.log(`not ok - scan-truth ${LABEL} ${t.variant}: scan --json exited ${sc.status} ${sc.signal || ''}`);
			console.log(sc.stderr.split('\n').slice(0, 5).map((l) => '# ' + l).join('\n'));
		} else {
			// the ASan+UBSan build reports on stderr and may still exit 1
			if (/AddressSanitizer|LeakSanitizer|runtime error:/.test(sc.stderr))
				console.log(`not ok - scan-truth ${LABEL} ${t.variant}: scan --json: a sanitizer report: ` +
					show(sc.stderr.split('\n').find((l) => /Sanitizer|runtime error:/.test(l)) || ''));
			records = sc.stdout.split('\n').filter(Boolean).map((l) => { try { return JSON.parse(l); } catch { return {}; } });
		}
		for (const p of t.pkgs) {
			const tag = `scan-truth ${LABEL} ${t.variant}/${p.name}`;
			const pkgDir = path.join(t.tree, 'node_modules', p.name);
			if (!fs.existsSync(path.join(pkgDir, 'package.json'))) {
				console.log(`skip - ${tag}: not installed in the tree`);
				continue;
			}
			const pats = [p.name, ...p.extra.split(',').map((s) => s.trim()).filter(Boolean)];
			const owned = (pkg) => pkg != null && pats.some((x) => (x.endsWith('*') ? pkg.startsWith(x.slice(0, -1)) : pkg === x));
			const s = scanSays(records, p.name, owned, real(pkgDir), t.tree);

			// Node's side.
			const m = /^SCAN-TRUTH (.*)$/m.exec(p.run.stdout);
			let n;
			if (!m) {
				n = { outcome: 'dies', how: p.run.signal ? `killed by ${p.run.signal}` : `exit status ${p.run.status}` };
			} else {
				n = JSON.parse(m[1]);
				const dirs = new Set([real(pkgDir)]);
				for (const r of records)
					if ((owned(r.package) || r.package === p.name) && r.package_dir)
						dirs.add(real(path.resolve(t.tree, r.package_dir)));
				// Platform packages named in packages.tsv, wherever the package
				// manager put them: node_modules, and the virtual stores of pnpm
				// (node_modules/.pnpm/<id>/node_modules, hoisted ones in
				// node_modules/.pnpm/node_modules) and bun's isolated linker
				// (node_modules/.bun/...) and yarn's pnpm linker (node_modules/.store/...).
				for (const x of pats.slice(1)) {
					const [scope, rest] = x.includes('/') ? x.split('/') : ['', x];
					for (const base of storeBases(t.tree)) {
						const d = scope ? path.join(base, scope) : base;
						if (!fs.existsSync(d))
							continue;
						for (const e of fs.readdirSync(d))
							if (rest.endsWith('*') ? e.startsWith(rest.slice(0, -1)) : e === rest)
								dirs.add(real(path.join(d, e)));
					}
				}
				n.mine = n.maps.filter((f) => [...dirs].some((d) => f.startsWith(d + '/')));
				if (n.outcome === 'loads' && !n.mine.length)
					n.outcome = 'falls-back';
			}

			let ok, nodeSays, msgOk = null;
			switch (n.outcome) {
			case 'loads':
				nodeSays = `loads ${n.mine.map(rel).join(', ')}`;
				ok = s.kind === 'loads' && s.file != null && n.mine.includes(s.file);
				break;
			case 'falls-back':
				nodeSays = 'loads no addon of the package (falls back to JS, or none)';
				// Before package records scan had no word for it: silence or not-used is it.
				ok = s.kind === 'falls-back' || (s.kind === 'none' && (s.src === 'file' ||
					!records.some((r) => r.record === 'package' && r.package === p.name)));
				break;
			case 'dies':
				nodeSays = `dies (${n.how})`;
				ok = s.kind === 'crashes';
				break;
			default: {
				const want = unstack(n.message);
				nodeSays = `throws ${n.code || '-'} ${show(want)}${n.at === 'force' ? ' (at the forcing call)' : ''}`;
				const outcomeOk = s.kind === 'throws';
				msgOk = outcomeOk && s.error != null && unstack(s.error) === want && (s.code || '') === n.code;
				messages++;
				if (msgOk)
					messagesOk++;
				ok = msgOk;
				if (outcomeOk && !msgOk)
					n.why = s.error == null ? 'scan gives no message' :
						firstLine(unstack(s.error)) !== firstLine(want) ? 'first line differs' :
						(s.code || '') !== n.code ? 'code differs' : 'later lines differ';
				break;
			}
			}
			const outcomeOk = n.outcome === 'throws' ? s.kind === 'throws' : ok;
			outcomes++;
			if (outcomeOk)
				outcomesOk++;
			const scanText = describeScan(s, rel);
			const k = knownFor(t.variant, p.name);
			const detail = ok ? nodeSays : `node ${nodeSays}; scan says ${scanText}${n.why ? ` [${n.why}]` : ''}`;
			if (ok) {
				console.log(`${k ? 'not ok' : 'ok'} - ${tag}: ${detail}${k ? ` # listed as a known failure (${k.reason}) but passes: remove it from known-failures.tsv` : ''}`);
			} else {
				dis.push([t.variant, p.name, MAJOR, nodeSays, scanText + (n.why ? ` [${n.why}]` : '')].join('\t'));
				if (k && (!k.expect || detail.includes(k.expect)))
					console.log(`ok - ${tag}: ${detail} # known failure: ${k.reason}`);
				else
					console.log(`not ok - ${tag}: ${detail}`);
			}
		}
	}
	console.log(`# scan-truth: outcomes ${outcomesOk}/${outcomes}, messages ${messagesOk}/${messages} (${LABEL})`);
	if (OUTDIR)
		fs.writeFileSync(path.join(OUTDIR, `disagreements-${LABEL}.tsv`),
			'# variant\tpackage\truntime\tnode says\tscan says\n' + dis.map((l) => l + '\n').join(''));
	fs.rmSync(RUNDIR, { recursive: true, force: true });
}

main().catch((e) => { console.log(`not ok - scan-truth ${LABEL}: ${e.stack.split('\n')[0]}`); });
