'use strict';
// The programmatic API: the same objects as `--json`, one per line parsed.
//
//   const doctor = require('addon-doctor');
//   const results = await doctor.check(['build/Release/x.node'], { target: 'node@22' });
//   const bad = results.filter((r) => r.outcome !== 'loads');
//
// Usable from a postinstall script to fail fast with a clear message.

const fs = require('fs');
const os = require('os');
const path = require('path');
const { run } = require('./run.js');

async function runJson(args, opts = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'addon-doctor-'));
  const outPath = path.join(dir, 'out.json');
  const errPath = path.join(dir, 'err.txt');
  const out = fs.openSync(outPath, 'w');
  const err = fs.openSync(errPath, 'w');
  let status;
  try {
    status = await run(args, { stdout: out, stderr: err, cwd: opts.cwd || process.cwd() });
  } finally {
    fs.closeSync(out);
    fs.closeSync(err);
  }
  const text = fs.readFileSync(outPath, 'utf8');
  const stderr = fs.readFileSync(errPath, 'utf8');
  fs.rmSync(dir, { recursive: true, force: true });
  if (status === 2 && !text.trim()) {
    const e = new Error(stderr.trim() || `addon-doctor exited with status ${status}`);
    e.status = status;
    throw e;
  }
  return text.split('\n').filter(Boolean).map((line) => JSON.parse(line));
}

function targetArgs(opts) {
  const targets = [].concat(opts.target || []);
  const args = [];
  for (const t of targets) args.push('--target', t);
  if (opts.node) args.push('--node', opts.node);
  if (opts.sysroot) args.push('--sysroot', opts.sysroot);
  return args;
}

// check(paths, { target, node, sysroot }) -> [{ path, target, outcome, error, code, cause, why, fix, evidence, ... }]
async function check(paths, opts = {}) {
  return runJson(['check', '--json', ...targetArgs(opts), ...[].concat(paths)], opts);
}

// scan(dir, { target }) -> per-(file, target) objects plus a final summary object.
async function scan(dir = '.', opts = {}) {
  return runJson(['scan', '--json', ...targetArgs(opts), dir], opts);
}

// inspect(paths) -> one object per file.
async function inspect(paths, opts = {}) {
  return runJson(['inspect', '--json', ...[].concat(paths)], opts);
}

module.exports = { check, scan, inspect };
