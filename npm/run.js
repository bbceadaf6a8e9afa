'use strict';
// run.js - runs addon-doctor.wasm under Node's built-in WASI.
//
// The tool only reads files, so the whole filesystem is preopened at "/"
// (read access is what WASI grants to what it preopens; the tool never
// writes).  The caller's directory goes in ADDON_DOCTOR_CWD so relative
// paths mean what the user typed.  The Node running this launcher is the
// natural default target: its path is passed in ADDON_DOCTOR_NODE.

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

let modulePromise;
function compile() {
  if (!modulePromise) {
    const bytes = fs.readFileSync(path.join(__dirname, 'addon-doctor.wasm'));
    modulePromise = WebAssembly.compile(bytes);
  }
  return modulePromise;
}

// Runs the tool with argv; output goes to the given fds (default: ours).
// Resolves to the exit status.
async function run(args, { stdout = 1, stderr = 2, env = process.env, cwd = process.cwd() } = {}) {
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
  const mod = await compile();
  const instance = await WebAssembly.instantiate(mod, wasi.getImportObject());
  return wasi.start(instance);
}

module.exports = { run };
