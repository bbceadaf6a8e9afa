#!/bin/sh
# tests/t/elf-readelf.sh - cross-checks `inspect --json` on every ELF
# fixture against binutils readelf -hdlVW --dyn-syms: machine, class, byte
# order, NEEDED, SONAME, RPATH/RUNPATH, BIND_NOW, version-need names, the
# number of undefined dynamic symbols and PT_GNU_STACK.  Then the addon
# facts the fixture sources fix by construction (declared levels, ABI 115
# from Node 20 headers, hand-written nm_version values).
set -u
D=$FX/elf
READELF=$(command -v readelf || true)
NODE=$(command -v node || true)
if [ ! -d "$D" ]; then echo "skip - elf-readelf: no ELF fixtures"; exit 0; fi
if [ -z "$READELF" ] || [ -z "$NODE" ]; then
	echo "skip - elf-readelf: readelf or node missing"; exit 0
fi
export READELF D
exec "$NODE" - <<'EOF'
'use strict';
const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');
const { AD, READELF, D } = process.env;

function run(cmd, args) {
	return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 << 20 });
}
let failed = 0;
function check(cond, what, detail) {
	console.log(`${cond ? 'ok' : 'not ok'} - elf-readelf ${what}`);
	if (!cond) { failed++; if (detail) console.log('# ' + String(detail).replace(/\n/g, '\n# ')); }
}
function same(a, b, what) {
	const ja = JSON.stringify(a), jb = JSON.stringify(b);
	check(ja === jb, what, `inspect: ${ja}\nreadelf: ${jb}`);
}

const files = [];
(function walk(dir) {
	for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
		const p = path.join(dir, e.name);
		if (e.isDirectory()) walk(p);
		else if (/\.(node|so|o)$|^prog-/.test(e.name)) files.push(p);
	}
})(D);
files.sort();

// readelf's Machine: text -> e_machine (binutils include/elf/common.h)
const MACHINE = {
	'Advanced Micro Devices X86-64': 62, 'Intel 80386': 3, 'AArch64': 183, 'ARM': 40,
	'PowerPC64': 21, 'PowerPC': 20, 'RISC-V': 243, 'IBM S/390': 22, 'LoongArch': 258, 'MIPS R3000': 8,
};

const results = {};
for (const file of files) {
	const rel = path.relative(D, file);
	let j;
	try {
		j = JSON.parse(run(AD, ['inspect', '--json', file]));
	} catch (e) {
		check(false, `${rel}: inspect --json runs`, e.message);
		continue;
	}
	results[rel] = j;
	const out = run(READELF, ['-hdlVW', '--dyn-syms', file]);
	const hdr = (k) => { const m = out.match(new RegExp('^\\s*' + k + ':\\s*(.*)$', 'm')); return m ? m[1].trim() : null; };
	same(j.bits, hdr('Class') === 'ELF64' ? 64 : 32, `${rel}: class`);
	same(j.endian, /little/.test(hdr('Data')) ? 'little' : 'big', `${rel}: byte order`);
	const mtxt = hdr('Machine');
	same(j.elf && j.elf.machine, MACHINE[mtxt] !== undefined ? MACHINE[mtxt] : `readelf says ${mtxt}`, `${rel}: e_machine`);

	const dyn = (tag) => [...out.matchAll(new RegExp('\\(' + tag + '\\)\\s+(.*)$', 'gm'))].map((m) => m[1]);
	const bracket = (s) => { const m = s.match(/\[(.*)\]/); return m ? m[1] : s; };
	same(j.needed, dyn('NEEDED').map(bracket), `${rel}: NEEDED`);
	const son = dyn('SONAME').map(bracket);
	same(j.elf.soname, son.length ? son[0] : null, `${rel}: SONAME`);
	const rp = dyn('RPATH').map(bracket), rn = dyn('RUNPATH').map(bracket);
	same(j.rpath.join(':'), rp.length ? rp[0] : '', `${rel}: RPATH`);
	same(j.runpath.join(':'), rn.length ? rn[0] : '', `${rel}: RUNPATH`);
	const flags = dyn('FLAGS').join(' '), flags1 = dyn('FLAGS_1').join(' ');
	const now = dyn('BIND_NOW').length > 0 || /\bBIND_NOW\b/.test(flags) || /\bNOW\b/.test(flags1);
	same(j.elf.bind_now, now, `${rel}: bind now`);

	// Version needs: "  0x0010:   Name: GLIBC_2.2.5  Flags: none  Version: 3"
	const vsec = out.split(/Version needs section/)[1] || '';
	const vn = [...vsec.matchAll(/Name: (\S+)\s+Flags:/g)].map((m) => m[1]).sort();
	same(j.versions_needed.map((v) => v.version).sort(), vn, `${rel}: version needs`);

	// Undefined dynamic symbols (index 0 excluded).
	const dsec = (out.split(/Symbol table '\.dynsym'/)[1] || '').split('\n');
	let und = 0;
	for (const l of dsec) {
		const f = l.trim().split(/\s+/);
		if (f.length >= 7 && /^\d+:$/.test(f[0]) && f[0] !== '0:' && f[6] === 'UND') und++;
	}
	same(j.imports, und, `${rel}: undefined dynamic symbols`);

	const gs = out.match(/^\s*GNU_STACK\s.*$/m);
	same(j.elf.gnu_stack, !!gs, `${rel}: PT_GNU_STACK present`);
	if (gs) same(j.elf.exec_stack, /RWE\s+0x/.test(gs[0]), `${rel}: exec stack from PT_GNU_STACK`);
}

// Facts fixed by the fixture sources.
function fact(rel, key, want) {
	if (!results[rel]) { console.log(`skip - elf-readelf fact ${rel}: fixture missing`); return; }
	same(results[rel][key], want, `${rel}: ${key}`);
}
fact('napi.node', 'addon_kind', 'napi');
fact('napi.node', 'napi_declared', 8);            // NAPI_VERSION default of Node 20 headers
fact('napi-init.node', 'napi_declared', 9);
fact('napi-init.node', 'napi_min', 9);            // node_api_symbol_for
fact('level-10.node', 'napi_declared', 10);
fact('level-99.node', 'napi_declared', 99);
fact('x-aarch64.node', 'napi_declared', 9);
fact('x-i386.node', 'napi_declared', 9);
fact('gcc-aarch64.node', 'napi_declared', 6);
fact('nm.node', 'abi', 115);
fact('nm.node', 'addon_kind', 'legacy');
fact('nm-stripped.node', 'abi', 115);
fact('nm-init.node', 'abi', 115);
fact('handmod-93.node', 'abi', 93);
fact('handmod-93-stripped.node', 'abi', 93);
fact('handmod-1.node', 'abi', 1);
fact('handmod-lld-stripped.node', 'abi', 108);
fact('x-handmod-aarch64-stripped.node', 'abi', 115);
fact('x-handmod-i386-stripped.node', 'abi', 83);
fact('gcc-i386-handmod-stripped.node', 'abi', 72);
fact('plain.so', 'addon_kind', 'none');
fact('highglibc.so', 'min_glibc', '2.36');
fact('highglibc.so', 'libc', 'glibc');
fact('highglibc.so', 'os', 'linux');
fact('musl.so', 'libc', 'musl');
fact('x-freebsd.node', 'os', 'freebsd');
fact('x-ppc64.node', 'arch', 'ppc64');
fact('x-riscv64.node', 'arch', 'riscv64');
fact('x-armv7.node', 'arch', 'arm');
fact('x-s390x.o', 'arch', 's390x');
fact('x-s390x.o', 'filetype', 'relocatable');
fact('prog-exec', 'filetype', 'executable');
fact('prog-pie', 'filetype', 'pie-executable');
fact('execstack.so', 'filetype', 'shared-object');
if (results['execstack.so']) same(results['execstack.so'].elf.exec_stack, true, 'execstack.so: exec_stack');
// When each undefined symbol must be found (glibc: only PLT slots are lazy).
function binds(rel) {
	try {
		const j = JSON.parse(run(AD, ['inspect', '--json', '--symbols', path.join(D, rel)]));
		const m = {};
		for (const s of j.symbols) if (!s.defined) m[s.name] = s.bind;
		return m;
	} catch (e) { return null; }
}
for (const [rel, want] of [
	['undef.so', { missing_data: 'load', missing_func: 'lazy' }],
	['undef-now.so', { missing_data: 'load', missing_func: 'load' }],
	['gcc-i386.so', { missing_data: 'load', missing_func: 'lazy' }],
	['musl.so', { missing_data: 'load', missing_func: 'lazy' }],
]) {
	if (!results[rel]) { console.log(`skip - elf-readelf binding ${rel}: fixture missing`); continue; }
	const b = binds(rel);
	same(b && { missing_data: b.missing_data, missing_func: b.missing_func }, want, `${rel}: binding times`);
}

// Ground truth from the node on this machine: the nm_version we read is
// the one Node reports (or, for its own ABI, the addon simply loads).
const modules = Number(process.versions.modules);
for (const rel of ['nm.node', 'nm-stripped.node', 'handmod-93.node', 'handmod-93-stripped.node', 'handmod-1.node']) {
	const j = results[rel];
	if (!j || j.arch !== process.arch) continue;
	let msg = null;
	try { require(path.join(D, rel)); } catch (e) { msg = e.message; }
	if (j.abi === modules) check(msg === null, `${rel}: node ${process.version} loads it (abi ${j.abi})`, msg);
	else check(msg !== null && msg.includes(`NODE_MODULE_VERSION ${j.abi}.`), `${rel}: node reports NODE_MODULE_VERSION ${j.abi}`, msg);
}
process.exit(failed ? 1 : 0);
EOF
