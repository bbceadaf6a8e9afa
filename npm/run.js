'use strict';
// run.js - runs addon-doctor.wasm under Node's built-in WASI.
//
// What the WebAssembly side can touch: the tool reads files anywhere (an
// addon's RPATH, a pnpm symlink or --sysroot can point anywhere), so the
// whole filesystem is preopened at "/".  Node's WASI (uvwasi) gives a
// preopened directory every right, writing included, and node:wasi has no
// option to narrow them (Node 20: version, args, env, preopens,
// returnOnExit, stdin, stdout, stderr; its docs say not to rely on it as a
// sandbox).  So the launcher narrows them itself, at the WASI boundary:
// readOnly() below strips the write rights from every file the module
// opens, refuses creating and truncating opens, and refuses every call that
// changes the filesystem (unlink, rename, mkdir, rmdir, links, symlinks,
// times, sizes) and fd_write to anything but stdout and stderr.  The tool
// never writes, so this only matters if a bug in it were exploited.  What
// stays possible is reading any file this user can read.
// The caller's directory goes in ADDON_DOCTOR_CWD so relative paths mean
// what the user typed.  The node running this launcher is not passed on:
// the default target, in this build as in the native one, is the node a
// shell in the project would run (PATH, a version manager's shim resolved;
// runtime/vmgr.c), which is what the addons will meet.  The launcher's own
// node can be another one (`/opt/node22/bin/node $(which addon-doctor)`,
// an npx of another install); --node names any executable explicitly.
// Besides ADDON_DOCTOR_CWD and the host facts the WebAssembly side cannot
// learn itself (hostFacts), the environment goes through as the caller set
// it, so both builds see the same variables (tests/t/npm-majors.sh checks
// that a launcher run by another node than PATH's gives the native build's
// default target).
//
// node:wasi differs between the majors package.json's engines allows
// (checked on the official 16.0.0, 16.20.2, 18.0.0, 18.20.8, 20.0.0, 22, 24
// and 26 builds by tests/t/npm-majors.sh):
//   16      require('wasi') fails (MODULE_NOT_FOUND) unless node runs with
//           --experimental-wasi-unstable-preview1, which cannot be turned on
//           from inside a running process: run() then runs the tool in a
//           child node started with that flag (one more node start-up).
//   16, 18  no getImportObject(); 18 ignores the `version` option, 16 too.
//   20+     `version` is required; getImportObject() exists.
// Every one of them has wasiImport, the preview1 functions themselves, so
// the import object is built from it: { wasi_snapshot_preview1: wasiImport }.

const fs = require('fs');
const path = require('path');

const WASI_FLAG = '--experimental-wasi-unstable-preview1';

// The WASI class, or null when this node hides node:wasi behind WASI_FLAG.
function loadWasi() {
  // node:wasi is experimental and says so on stderr; that line would only
  // confuse people reading our report, so this one warning is filtered.
  const emit = process.emitWarning;
  process.emitWarning = function (warning, ...rest) {
    const text = String(warning && warning.message ? warning.message : warning);
    if (/WASI/.test(text)) return;
    return emit.call(process, warning, ...rest);
  };
  try {
    return require('wasi').WASI;
  } catch (e) {
    if (e && e.code === 'MODULE_NOT_FOUND' && !process.execArgv.includes(WASI_FLAG)) return null;
    throw e;
  } finally {
    process.emitWarning = emit;
  }
}

// Which libc this node runs on.  Its ELF program interpreter says it
// (ld-musl-* for musl; ld-linux-*, ld64.so.* or ld.so.* for glibc), read
// from the first 64 KiB of the executable in well under a millisecond.
// process.report.getReport() says it too (header.glibcVersionRuntime, the
// test detect-libc makes) but builds the whole diagnostic report, 5 ms or
// more: it is asked only when the executable has no readable interpreter
// (a static build, an unusual layout).
function elfInterpreter(file) {
  let fd;
  try {
    fd = fs.openSync(file, 'r');
    const b = Buffer.alloc(65536);
    const n = fs.readSync(fd, b, 0, b.length, 0);
    if (n < 52 || b.readUInt32BE(0) !== 0x7f454c46) return undefined;
    const is64 = b[4] === 2, le = b[5] === 1;
    if (!is64 && b[4] !== 1) return undefined;
    const u16 = (o) => (le ? b.readUInt16LE(o) : b.readUInt16BE(o));
    const u32 = (o) => (le ? b.readUInt32LE(o) : b.readUInt32BE(o));
    const word = (o) => (is64 ? Number(le ? b.readBigUInt64LE(o) : b.readBigUInt64BE(o)) : u32(o));
    if (is64 && n < 64) return undefined;
    const phoff = word(is64 ? 0x20 : 0x1c), phentsize = u16(is64 ? 0x36 : 0x2a), phnum = u16(is64 ? 0x38 : 0x2c);
    if (phentsize < (is64 ? 56 : 32)) return undefined;
    for (let i = 0; i < phnum; i++) {
      const ph = phoff + i * phentsize;
      if (ph + phentsize > n) return undefined;
      if (u32(ph) !== 3) continue; // PT_INTERP
      const off = word(ph + (is64 ? 8 : 4)), size = word(ph + (is64 ? 32 : 16));
      if (size < 2 || size > 4096 || off + size > n) return undefined;
      return b.toString('latin1', off, off + size - 1);
    }
    return undefined;
  } catch (e) {
    return undefined;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

function nodeLibc(file = process.execPath) {
  const interp = path.basename(elfInterpreter(file) || '');
  if (/^ld-musl-/.test(interp)) return 'musl';
  if (/^(ld-linux|ld64\.so|ld\.so)/.test(interp)) return 'glibc';
  if (file !== process.execPath) return 'unknown'; // (tests) the report describes only this node
  let glibc;
  try { glibc = process.report.getReport().header.glibcVersionRuntime; } catch (e) { glibc = undefined; }
  return glibc ? 'glibc' : 'musl';
}

// What the WebAssembly side cannot see for itself: the machine Node runs on.
function hostFacts() {
  const facts = { ADDON_DOCTOR_HOST_PLATFORM: process.platform, ADDON_DOCTOR_HOST_ARCH: process.arch };
  if (process.platform === 'linux') facts.ADDON_DOCTOR_HOST_LIBC = nodeLibc();
  return facts;
}

// WASI preview1 numbers (wasi_snapshot_preview1.witx).
const ENOTCAPABLE = 76;
const O_CREAT = 1, O_EXCL = 4, O_TRUNC = 8;
const READ_RIGHTS =
  (1n << 1n) |  // fd_read
  (1n << 2n) |  // fd_seek
  (1n << 5n) |  // fd_tell
  (1n << 7n) |  // fd_advise
  (1n << 13n) | // path_open
  (1n << 14n) | // fd_readdir
  (1n << 15n) | // path_readlink
  (1n << 18n) | // path_filestat_get
  (1n << 21n) | // fd_filestat_get
  (1n << 26n);  // poll_fd_readwrite
const WRITING_CALLS = [
  'fd_allocate', 'fd_filestat_set_size', 'fd_filestat_set_times', 'fd_pwrite',
  'path_create_directory', 'path_filestat_set_times', 'path_link', 'path_remove_directory',
  'path_rename', 'path_symlink', 'path_unlink_file',
];

// The import object with every way to change the filesystem closed.
// uvwasi opens a file for writing only when the rights asked for include a
// write right, so masking the rights makes the host open() read-only.
function readOnly(imports) {
  const w = { ...imports };
  const open = imports.path_open;
  w.path_open = (fd, dirflags, path, pathLen, oflags, base, inheriting, fdflags, opened) => {
    if (oflags & (O_CREAT | O_EXCL | O_TRUNC)) return ENOTCAPABLE;
    return open(fd, dirflags, path, pathLen, oflags,
      BigInt(base) & READ_RIGHTS, BigInt(inheriting) & READ_RIGHTS, fdflags, opened);
  };
  const write = imports.fd_write;
  w.fd_write = (fd, ...rest) => (fd === 1 || fd === 2 ? write(fd, ...rest) : ENOTCAPABLE);
  for (const name of WRITING_CALLS) w[name] = () => ENOTCAPABLE;
  return w;
}

const modulePromises = new Map();
function compile(file) {
  if (!modulePromises.has(file)) modulePromises.set(file, WebAssembly.compile(fs.readFileSync(file)));
  return modulePromises.get(file);
}

// V8 runs WebAssembly first with its baseline compiler (Liftoff) and
// recompiles hot functions with its optimising one (TurboFan) on background
// threads.  A run of the tool lasts tens of milliseconds: the optimised code
// arrives too late to pay for itself, and the compiling threads compete with
// the run for the CPU (bench/README.md: a 23-package scan took 0.32 s of CPU
// with tiering and 0.07 s without).  So the command-line launcher keeps
// every function on Liftoff unless it runs a very long time: V8 10+ (node
// 18+) takes a tier-up budget of 2^31-1 "bytes executed" per function even
// once started (V8 12+, node 24+, ignores --liftoff-only set at run time);
// V8 9 (node 16, which runs the tool in a child anyway) gets --liftoff-only
// on the child's command line.  The flags are process-wide, so only the
// command-line launcher sets them (baselineOnly), never the API in somebody
// else's process.
const v8Major = Number(process.versions.v8.split('.')[0]);
const BASELINE_FLAG = v8Major >= 10 ? '--wasm-tiering-budget=2147483647' : '--liftoff-only';
function useBaselineOnly() {
  require('v8').setFlagsFromString(BASELINE_FLAG);
}

// Runs the tool with argv; output goes to the given fds (default: ours).
// Resolves to the exit status.  (wasm: another module, for tests/t/wasm-readonly.sh;
// baselineOnly: see useBaselineOnly.)
async function run(args, { stdin = 0, stdout = 1, stderr = 2, env = process.env, cwd = process.cwd(), wasm, baselineOnly = false } = {}) {
  const WASI = loadWasi();
  if (!WASI) return runInChild(args, { stdin, stdout, stderr, env, cwd, wasm, baselineOnly });
  if (baselineOnly) useBaselineOnly();
  // Compiling runs on V8's background threads: start it before the rest.
  const mod = compile(wasm || path.join(__dirname, 'addon-doctor.wasm'));
  const wasi = new WASI({
    version: 'preview1',
    args: ['addon-doctor', ...args],
    env: { ...env, ...hostFacts(), ADDON_DOCTOR_CWD: cwd },
    preopens: { '/': '/' },
    stdin,
    stdout,
    stderr,
    returnOnExit: true,
  });
  const imports = { wasi_snapshot_preview1: readOnly(wasi.wasiImport) };
  const instance = await WebAssembly.instantiate(await mod, imports);
  return wasi.start(instance);
}

// Node 16: the same run in a child node that has node:wasi (WASI_FLAG),
// started as `node FLAG run.js CWD WASM BASELINE -- ARGS...` with the
// tool's environment as its own and our fds as its stdio.
function runInChild(args, { stdin, stdout, stderr, env, cwd, wasm, baselineOnly }) {
  const { spawn } = require('child_process');
  const flags = [WASI_FLAG, ...(baselineOnly ? [BASELINE_FLAG] : [])];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath,
      [...flags, __filename, cwd, wasm || '', baselineOnly ? '1' : '0', '--', ...args],
      { stdio: [stdin, stdout, stderr], env });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (signal) reject(new Error(`the WebAssembly runner (${process.execPath} ${WASI_FLAG}) was killed by ${signal}`));
      else resolve(code);
    });
  });
}

if (require.main === module) {
  // The child of runInChild.
  const [cwd, wasm, baseline, sep, ...args] = process.argv.slice(2);
  if (sep !== '--') {
    process.stderr.write('run.js is the addon-doctor launcher\'s library; run bin/addon-doctor.js\n');
    process.exitCode = 2;
  } else {
    run(args, { cwd, wasm: wasm || undefined, baselineOnly: baseline === '1' })
      .then((code) => { process.exitCode = code; })
      .catch((err) => {
        process.stderr.write(`addon-doctor: ${err && err.message ? err.message : err}\n`);
        process.exitCode = 2;
      });
  }
}

module.exports = { run };
// Not API: for tests/t/wasm.sh, which feeds it executables of every layout.
Object.defineProperty(module.exports, '_hostLibcOf', { value: (file) => nodeLibc(file) });
