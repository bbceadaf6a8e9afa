'use strict';
// The npm package's API, run from an installed copy (tests/t/wasm.sh).
const test = require('node:test');
const assert = require('node:assert');
const fs = require('fs');
const path = require('path');
const doctor = require('addon-doctor');

const fx = process.env.FX;
const napi = path.join(fx, 'elf', 'napi.node');

test('inspect returns one object per file with the documented fields', async () => {
  const [r] = await doctor.inspect([napi]);
  assert.strictEqual(r.format, 'elf');
  assert.strictEqual(r.addon_kind, 'napi');
  assert.strictEqual(r.arch, 'x64');
});

test('check predicts an ABI mismatch with Node\'s exact words', async () => {
  const legacy = path.join(fx, 'check');
  const files = fs.readdirSync(legacy).filter((f) => f.endsWith('.node')).map((f) => path.join(legacy, f));
  const results = await doctor.check(files, { target: 'node@22/linux-x64-glibc' });
  assert.strictEqual(results.length, files.length);
  for (const r of results) {
    assert.ok(['loads', 'throws', 'crashes', 'loads-then-crashes', 'unknown'].includes(r.outcome), r.outcome);
    assert.ok('error' in r && 'cause' in r && 'fix' in r);
  }
  const mismatch = results.find((r) => r.cause === 'abi-mismatch' && r.error.startsWith('The module'));
  assert.ok(mismatch, 'a legacy fixture registers another NODE_MODULE_VERSION');
  assert.match(mismatch.error, /^The module '.*'\nwas compiled against a different Node.js version using\nNODE_MODULE_VERSION \d+\. This version of Node.js requires\nNODE_MODULE_VERSION 127\./);
});

test('a file that cannot be read is reported, not thrown', async () => {
  const [r] = await doctor.inspect(['/nonexistent/x.node']);
  assert.strictEqual(r.format, 'unknown');
  assert.match(r.error, /cannot open/);
});
