// run-real.js - runs in a node faked by fake-target.js (node -r): for every
// package directory of ENTRIES.json, require()s it the way an application
// does and reports the real loader's pick (the first `.node` it required,
// realpath'd by Node's resolution) or the exact message it throws.
//
//   node -r fake-target.js run-real.js ENTRIES.json
// Prints one JSON line per entry: {id, pick} or {id, error, code}.
'use strict';
const fs = require('fs');
const util = require('util');
const entries = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
// stdout carries the results: what a loader prints (Sentry's profiler
// logs the error it catches) goes to stderr
for (const k of ['log', 'info', 'warn', 'debug'])
	console[k] = (...args) => { process.stderr.write(util.format(...args) + '\n'); };
const out = [];
for (const e of entries) {
	global.__adPicked.length = 0;
	try {
		require(e.dir);
		out.push({ id: e.id, pick: global.__adPicked[0] || null });
	} catch (err) {
		out.push({ id: e.id, error: String(err && err.message), code: (err && err.code) || null,
			pick: global.__adPicked[0] || null });
	}
}
fs.writeSync(1, out.map((o) => JSON.stringify(o)).join('\n') + '\n');
