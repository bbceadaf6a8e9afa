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
// what the user typed.  The Node running this launcher is the natural
// default target: its path is passed in ADDON_DOCTOR_NODE.

const fs = require('fs');
const path = require('path');

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
  } finally {
    process.emitWarning = emit;
  }
}

// What the WebAssembly side cannot see for itself: the machine Node runs on.
function hostFacts() {
  const facts = { ADDON_DOCTOR_HOST_PLATFORM: process.platform, ADDON_DOCTOR_HOST_ARCH: process.arch };
  if (process.platform === 'linux') {
    // The same test detect-libc makes first: a glibc Node reports its glibc.
    let glibc;
    try { glibc = process.report.getReport().header.glibcVersionRuntime; } catch (e) { glibc = undefined; }
    facts.ADDON_DOCTOR_HOST_LIBC = glibc ? 'glibc' : 'musl';
  }
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

// Runs the tool with argv; output goes to the given fds (default: ours).
// Resolves to the exit status.  (wasm: another module, for tests/t/wasm-readonly.sh.)
async function run(args, { stdout = 1, stderr = 2, env = process.env, cwd = process.cwd(), wasm } = {}) {
  const WASI = loadWasi();
  const wasi = new WASI({
    version: 'preview1',
    args: ['addon-doctor', ...args],
    env: { ...env, ...hostFacts(), ADDON_DOCTOR_CWD: cwd, ADDON_DOCTOR_NODE: process.execPath },
    preopens: { '/': '/' },
    stdout,
    stderr,
    returnOnExit: true,
  });
  const mod = await compile(wasm || path.join(__dirname, 'addon-doctor.wasm'));
  const imports = wasi.getImportObject();
  imports.wasi_snapshot_preview1 = readOnly(imports.wasi_snapshot_preview1);
  const instance = await WebAssembly.instantiate(mod, imports);
  return wasi.start(instance);
}

module.exports = { run };
