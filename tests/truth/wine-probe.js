// wine-probe.js OUT FILE - run by the official node.exe under Wine
// (tests/t/wine-truth.sh): require()s FILE as an application would and
// writes what happened to OUT as one JSON line.  Under Wine, Node's stdout
// to a pipe fails with EBADF, hence a file.  A process that dies writes
// nothing; the driver reads that as "crashes".
'use strict';
const fs = require('fs');
const [out, file] = process.argv.slice(2);
let res;
try {
	require(file);
	res = { outcome: 'loads' };
} catch (e) {
	res = { outcome: 'throws', code: e.code === undefined ? null : e.code, message: String(e.message) };
}
fs.writeFileSync(out, JSON.stringify(res) + '\n');
