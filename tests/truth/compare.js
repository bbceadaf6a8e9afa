// compare.js AD RUNTIME KNOWN FILE... - the ground truth for `check`.
// Loads every FILE with the real node RUNTIME in a child process (require()
// in `node -e`), records what really happened, asks `AD check --node RUNTIME
// --json FILE` what it predicted, and prints one ok/not ok line per file.
// Outcome from the child: "loads" (required fine), "throws" (code + message),
// "crashes" (killed by SIGSEGV/SIGBUS: exit 139/135, nothing to compare),
// "loads-then-crashes" (ld.so's fatal lazy-binding error, exit 127: its
// stderr line is the message).  KNOWN lists "file<TAB>version-prefix<TAB>reason"
// lines: such a mismatch is reported "not ok ... # TODO known failure: reason".
// Then the round trip (explain-roundtrip.js): the text the runtime really
// printed - an uncaught require()'s whole stderr, as users paste it, or
// ld.so's line - goes to `AD explain`, which must name check's cause.
'use strict';
const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');
const { roundTrip } = require('./explain-roundtrip.js');
const [AD, RUNTIME, KNOWN, ...files] = process.argv.slice(2);
const probe = `
let r;
try { require(process.argv[1]); r = { outcome: 'loads', code: null, message: null }; }
catch (e) { r = { outcome: 'throws', code: e.code === undefined ? null : e.code, message: e.message }; }
process.stdout.write(JSON.stringify(r) + '\\n');`;
const version = spawnSync(RUNTIME, ['-p', 'process.versions.node']).stdout.toString().trim();
const known = fs.existsSync(KNOWN) ? fs.readFileSync(KNOWN, 'utf8').split('\n')
  .filter(l => l && !l.startsWith('#')).map(l => l.split('\t')) : [];
let agree = 0, total = 0, eagree = 0, etotal = 0;
for (const f of files) {
  const abs = path.resolve(f);
  const c = spawnSync(RUNTIME, ['-e', probe, abs], { timeout: 20000 });
  let real;
  const st = c.status, sig = c.signal;
  if (sig === 'SIGSEGV' || sig === 'SIGBUS' || st === 139 || st === 135) {
    real = { outcome: 'crashes', code: null, message: null };
  } else if (st === 127) {
    const line = c.stderr.toString().split('\n')[0];
    real = { outcome: 'loads-then-crashes', code: null, message: line };
  } else {
    try { real = JSON.parse(c.stdout.toString().split('\n')[0]); }
    catch (e) { real = { outcome: 'unexpected', code: null, message: `exit ${st} ${sig} ${c.stderr}` }; }
  }
  const p = spawnSync(AD, ['check', '--node', RUNTIME, '--json', abs]);
  let pred;
  try { pred = JSON.parse(p.stdout.toString().split('\n')[0]); }
  catch (e) { pred = { outcome: 'no-prediction', error: p.stderr.toString() }; }
  const predMsg = pred.error === undefined ? null : pred.error;
  const same = pred.outcome === real.outcome && predMsg === real.message &&
    (real.outcome !== 'throws' || pred.code === real.code);
  total++;
  const name = `${path.relative(process.env.FX || '.', abs)} on node ${version}`;
  if ((real.outcome === 'throws' || real.outcome === 'loads-then-crashes') && pred.cause) {
    const paste = real.outcome === 'throws'
      ? spawnSync(RUNTIME, ['-e', 'require(process.argv[1])', abs], { timeout: 20000 }).stderr.toString()
      : c.stderr.toString();
    const r = roundTrip(AD, name, paste, pred.cause);
    r.lines.forEach(l => console.log(l));
    eagree += r.agree; etotal += r.total;
  }
  if (same) { agree++; console.log(`ok - ${name}: ${real.outcome}`); continue; }
  const k = known.find(([kf, kv]) => abs.endsWith(kf) && version.startsWith(kv));
  console.log(`not ok - ${name}${k ? ' # TODO known failure: ' + k[2] : ''}`);
  console.log(`#   real:      ${JSON.stringify(real)}`);
  console.log(`#   predicted: ${JSON.stringify({ outcome: pred.outcome, code: pred.code, message: predMsg })}`);
}
console.log(`# truth node ${version}: ${agree}/${total} agree (outcome, code and message byte for byte); explain on the real texts: ${eagree}/${etotal} name check's cause`);
