#!/usr/bin/env node
'use strict';
// `npx addon-doctor ...`: the same tool as the native build, compiled to
// WebAssembly so that it works wherever Node runs (a doctor for broken
// native binaries must not itself be a native binary that can fail to load).
// baselineOnly: this process exists only for this run (see run.js).
require('../run.js')
  .run(process.argv.slice(2), { baselineOnly: true })
  .then((code) => { process.exitCode = code; })
  .catch((err) => {
    process.stderr.write(`addon-doctor: ${err && err.message ? err.message : err}\n`);
    process.exitCode = 2;
  });
