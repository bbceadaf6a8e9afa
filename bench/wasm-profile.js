'use strict';
// bench/wasm-profile.js - where the time of one `npx addon-doctor` run goes.
//
//   node bench/wasm-profile.js [--imports] [--tiering] [--wasm FILE] -- ARGS...
//
// Runs the npm launcher (npm/run.js) in this process exactly as the bin
// does, and prints to stderr, for each phase, wall and CPU milliseconds
// (CPU is process.cpuUsage(): every thread, V8's compiling threads included):
//   node start-up   process start to this script's first line (process.uptime)
//   launcher        run() called -> WebAssembly.compile() called (require
//                   wasi, reading the module)
//   compile         compile() called -> module ready, overlapping with
//   host facts/WASI the rest of run() before instantiation
//   instantiate     imports built and WebAssembly.instantiate() done
//   run             wasi.start(): the tool itself, WASI calls included
// With --imports, every WASI import is wrapped to count its calls and time
// (the wrapping itself adds about 1 us per call, shown as "accounting").
// --tiering runs without the baseline-only flag the bin sets (run.js).
// The tool's stdout goes to /dev/null.
const t0 = process.hrtime.bigint();
const c0 = process.cpuUsage();
const fs = require('fs');
const path = require('path');

const argv = process.argv.slice(2);
const sep = argv.indexOf('--');
const opts = sep < 0 ? argv : argv.slice(0, sep);
const args = sep < 0 ? [] : argv.slice(sep + 1);
const accounting = opts.includes('--imports');
const tiering = opts.includes('--tiering');
const wasmAt = opts.indexOf('--wasm');
const wasm = wasmAt >= 0 ? path.resolve(opts[wasmAt + 1]) : undefined;

const marks = [];
const mark = (name) => marks.push({ name, t: process.hrtime.bigint(), c: process.cpuUsage() });
const calls = new Map();

const realCompile = WebAssembly.compile;
WebAssembly.compile = function (bytes) {
  mark('launcher');
  return realCompile.call(WebAssembly, bytes).then((m) => { mark('compile'); return m; });
};
const realInstantiate = WebAssembly.instantiate;
WebAssembly.instantiate = function (mod, imports) {
  mark('host facts, WASI, waiting for compile');
  if (accounting) {
    const wrapped = {};
    for (const [name, f] of Object.entries(imports.wasi_snapshot_preview1)) {
      const s = { n: 0, ns: 0n };
      calls.set(name, s);
      wrapped[name] = (...a) => {
        const t = process.hrtime.bigint();
        try { return f(...a); } finally { s.n++; s.ns += process.hrtime.bigint() - t; }
      };
    }
    imports = { ...imports, wasi_snapshot_preview1: wrapped };
  }
  return realInstantiate.call(WebAssembly, mod, imports).then((r) => { mark('instantiate'); return r; });
};

const startMs = process.uptime() * 1000 - Number(process.hrtime.bigint() - t0) / 1e6;
const out = fs.openSync('/dev/null', 'w');
const { run } = require('../npm/run.js');
const began = { t: t0, c: c0 };
run(args, { stdout: out, wasm, baselineOnly: !tiering }).then((code) => {
  mark('run');
  const rows = [`node start-up                       wall ${startMs.toFixed(1)}  cpu ${((c0.user + c0.system) / 1000).toFixed(1)}`];
  let prev = began;
  for (const m of marks) {
    const w = Number(m.t - prev.t) / 1e6, c = (m.c.user + m.c.system - prev.c.user - prev.c.system) / 1000;
    rows.push(`${m.name.padEnd(36)}wall ${w.toFixed(1)}  cpu ${c.toFixed(1)}`);
    prev = m;
  }
  const total = Number(prev.t - t0) / 1e6 + startMs;
  rows.push(`${'total before exit'.padEnd(36)}wall ${total.toFixed(1)}  (exit status ${code})`);
  if (accounting) {
    let sum = 0n, n = 0;
    for (const [name, s] of [...calls].filter(([, s]) => s.n).sort((a, b) => Number(b[1].ns - a[1].ns))) {
      rows.push(`  ${name.padEnd(22)}${String(s.n).padStart(7)} calls ${(Number(s.ns) / 1e6).toFixed(2).padStart(8)} ms`);
      sum += s.ns; n += s.n;
    }
    rows.push(`  ${'all WASI calls'.padEnd(22)}${String(n).padStart(7)} calls ${(Number(sum) / 1e6).toFixed(2).padStart(8)} ms`);
  }
  process.stderr.write(rows.join('\n') + '\n');
});
