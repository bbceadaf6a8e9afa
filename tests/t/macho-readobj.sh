#!/bin/sh
# tests/t/macho-readobj.sh - cross-checks `inspect --json` on every Mach-O
# fixture (each slice of universal ones) against LLVM's own readers:
# llvm-objdump-14 --macho (header numbers, dylibs, rpaths, dylib id, build
# version, bind/lazy-bind tables) and llvm-nm-14 (undefined count, exported
# names, "dynamically looked up" / "from lib" annotations).  Also checks the
# addon facts the fixture sources fix by construction (Node-API level 9,
# node_register_module_v115, nm_version 108).
set -u
D=$FX/macho
OBJDUMP=$(command -v llvm-objdump-14 || command -v llvm-objdump || true)
NM=$(command -v llvm-nm-14 || command -v llvm-nm || true)
NODE=$(command -v node || true)
if [ ! -d "$D" ]; then echo "skip - macho-readobj: no Mach-O fixtures"; exit 0; fi
if [ -z "$OBJDUMP" ] || [ -z "$NM" ] || [ -z "$NODE" ]; then
	echo "skip - macho-readobj: llvm-objdump-14, llvm-nm-14 or node missing"; exit 0
fi
export OBJDUMP NM D
exec "$NODE" - <<'EOF'
'use strict';
const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');
const { AD, OBJDUMP, NM, D } = process.env;

function run(cmd, args) {
	return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}
function lines(s) { return s.split('\n').filter((l) => l.trim() !== ''); }
let failed = 0;
function check(cond, what, detail) {
	console.log(`${cond ? 'ok' : 'not ok'} - macho-readobj ${what}`);
	if (!cond) { failed++; if (detail) console.log('# ' + String(detail).replace(/\n/g, '\n# ')); }
}
function same(a, b, what) {
	const ja = JSON.stringify(a), jb = JSON.stringify(b);
	check(ja === jb, what, `inspect: ${ja}\nllvm:    ${jb}`);
}

const files = [];
(function walk(dir) {
	for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
		const p = path.join(dir, e.name);
		if (e.isDirectory()) walk(p);
		else if (/\.(node|dylib|o)$/.test(e.name)) files.push(p);
	}
})(D);
files.sort();

const ARCH = { 0x1000007: 'x64', 0x7: 'ia32', 0x100000c: 'arm64', 0xc: 'arm', 0x200000c: null };
const FILETYPE = { 1: 'object', 2: 'executable', 6: 'dylib', 8: 'bundle' };

function unit(file, rel, j, arch) {
	const A = arch ? [`--arch=${arch}`] : [];
	const tag = `${rel}${arch ? '[' + arch + ']' : ''}`;
	// Header numbers.
	const hdr = lines(run(OBJDUMP, ['--macho', '--private-header', '--non-verbose', ...A, file])).pop().trim().split(/\s+/);
	const cpu = Number(hdr[1]), sub = Number(hdr[2]), ft = Number(hdr[4]);
	same(j.arch, ARCH[cpu] === undefined ? 'unknown' : ARCH[cpu], `${tag}: arch`);
	let detail = { 0x1000007: sub === 8 ? 'x86_64h' : 'x86_64', 0x7: 'i386',
		0x100000c: sub === 2 ? 'arm64e' : 'arm64', 0x200000c: 'arm64_32', 0xc: { 9: 'armv7', 11: 'armv7s' }[sub] }[cpu];
	same(j.arch_detail, detail, `${tag}: arch_detail`);
	same(j.filetype, FILETYPE[ft], `${tag}: filetype`);
	same(j.bits, hdr[0] === '0xfeedfacf' ? 64 : 32, `${tag}: bits`);

	// Dylibs (minus the dylib's own id), in load-command order, with weak marks.
	const id = lines(run(OBJDUMP, ['--macho', '--dylib-id', ...A, file])).slice(1).map((l) => l.trim());
	const used = lines(run(OBJDUMP, ['--macho', '--dylibs-used', ...A, file])).slice(1)
		.map((l) => l.trim()).filter((l) => !id.some((x) => l.startsWith(x + ' (')))
		.map((l) => ({ name: l.replace(/ \(compatibility.*$/, ''), kind: /, weak\)$/.test(l) ? 'weak' : 'needed' }));
	same(j.libraries.map((l) => ({ name: l.name, kind: l.kind })), used, `${tag}: dylibs`);
	same(j.macho.install_name, id.length ? id[0] : null, `${tag}: install name`);
	const rp = lines(run(OBJDUMP, ['--macho', '--rpaths', ...A, file])).slice(1).map((l) => l.trim());
	same(j.rpath, rp, `${tag}: rpaths`);

	// Platform minimum version.
	const ph = run(OBJDUMP, ['--macho', '--private-headers', ...A, file]);
	const mv = /^\s+minos (\S+)/m.exec(ph) || /LC_VERSION_MIN_\w+\n\s+cmdsize \d+\n\s+version (\S+)/.exec(ph);
	same(j.macho.min_os, mv ? mv[1] : null, `${tag}: minimum OS`);

	// Symbols.
	const und = lines(run(NM, ['-m', '--undefined-only', ...A, file]));
	same(j.imports, und.length, `${tag}: undefined symbol count`);
	const flat = und.filter((l) => /dynamically looked up/.test(l)).map((l) => l.split(/\s+/).find((w, i, a) => a[i + 1] === '(dynamically')).sort();
	same(j.symbols.filter((s) => !s.defined && s.flat_lookup).map((s) => s.name).sort(), flat, `${tag}: flat-lookup imports`);
	const from = und.map((l) => /(\S+) \(from (\S+)\)/.exec(l)).filter(Boolean).map((m) => `${m[1]}<${m[2]}`).sort();
	same(j.symbols.filter((s) => !s.defined && s.library)
		.map((s) => `${s.name}<${path.basename(s.library).replace(/^lib/, '').replace(/\.dylib$/, '').replace(/^/, 'lib')}`).sort(),
		from, `${tag}: two-level imports and their dylibs`);
	const weak = und.filter((l) => /weak external/.test(l)).map((l) => /(\S+) \(/.exec(l)[1]).sort();
	same(j.symbols.filter((s) => !s.defined && s.weak).map((s) => s.name).sort(), weak, `${tag}: weak imports`);
	const ex = lines(run(NM, ['-gjU', ...A, file])).map((l) => l.trim()).sort();
	same(j.symbols.filter((s) => s.defined).map((s) => s.name).sort(), ex, `${tag}: exported names`);

	// Lazy binding: imports only in the lazy-bind table.
	if (FILETYPE[ft] !== 'object') {
		const tbl = (opt) => new Set(lines(run(OBJDUMP, ['--macho', opt, ...A, file])).slice(2)
			.map((l) => l.trim().split(/\s+/).filter((w) => !w.startsWith('(')).pop()));
		const nonlazy = tbl('--bind'), lazy = tbl('--lazy-bind');
		const want = [...lazy].filter((s) => !nonlazy.has(s)).sort();
		same(j.symbols.filter((s) => s.bind === 'lazy').map((s) => s.name).sort(), want, `${tag}: lazily bound imports`);
	}

	// Facts fixed by the fixture sources.
	const base = path.basename(rel);
	if (/^napi-/.test(base) || /^obj-(i386|arm64_32)/.test(base))
		same([j.addon_kind, j.napi_declared], ['napi', 9], `${tag}: Node-API addon declaring level 9`);
	if (/^abi-/.test(base)) same([j.addon_kind, j.abi], ['abi', 115], `${tag}: ABI 115 from node_register_module_v115`);
	if (/^legacy-/.test(base) || (/^mixed-fat/.test(base) && arch === 'x86_64'))
		same([j.addon_kind, j.abi], ['legacy', 108], `${tag}: legacy nm_version 108`);
	// The constant-return decoder knows x86 and AArch64, not ARM/Thumb.
	const expectNotes = /^obj-armv7/.test(base) ? ['node_api_module_get_api_version_v1 is not a recognised constant return'] : [];
	same(j.notes, expectNotes, `${tag}: parse notes`);
}

for (const file of files) {
	const rel = path.relative(D, file);
	let j;
	try {
		j = JSON.parse(lines(run(AD, ['inspect', '--json', '--symbols', file]))[0]);
	} catch (e) {
		check(false, `${rel}: inspect --json runs`, e.message);
		continue;
	}
	if (j.universal) {
		const archs = lines(run(OBJDUMP, ['--macho', '--universal-headers', file]))
			.map((l) => /^\s*cputype .*$/.test(l) ? l : null).filter(Boolean);
		same(j.slices.length, archs.length, `${rel}: slice count`);
		same(j.arch_detail, j.slices.map((s) => s.arch_detail).join(','), `${rel}: joined slice names`);
		for (const s of j.slices) unit(file, rel, s, s.arch_detail);
	} else {
		unit(file, rel, j, null);
	}
}
process.exit(failed ? 1 : 0);
EOF
