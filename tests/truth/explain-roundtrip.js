// explain-roundtrip.js - the other half of the ground truth: what a real
// runtime printed, pasted into `explain`, must come back as the cause that
// `check` predicted for the same file.  Used by the truth comparers
// (compare.js, real.js): they hand over the real text (an uncaught
// require()'s stderr, as users paste it, or ld.so's line) and check's cause.
// Two readings are compared: explain with the file beside it (it inspects
// it, as on the user's machine) must agree; explain --no-inspect (the text
// alone, as when the paste comes from elsewhere) must agree too, except for
// the readings listed in explain-text-only.tsv, whose text alone cannot
// tell the cause (the list says why; a few cannot be told with the file
// either: what the runtime was is not in the file).
'use strict';
const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const listFile = path.join(__dirname, 'explain-text-only.tsv');
// shape, check's cause, explain's cause ('*': any), a substring of the file
// ('*': any), where it applies ("text": --no-inspect and a text that names
// no file to inspect; "both": with the file too), why
const textOnly = fs.readFileSync(listFile, 'utf8').split('\n')
  .filter(l => l && !l.startsWith('#')).map(l => l.split('\t'))
  .map(([shape, check, expl, file, modes, why]) => ({ shape, check, expl, file, modes, why }));
function tolerated(j, checkCause, name, inspected) {
  return textOnly.find(t => t.shape === j.recognised && t.check === checkCause &&
    (t.expl === '*' || t.expl === j.cause) && (t.file === '*' || name.includes(t.file)) &&
    (t.modes === 'both' || !inspected));
}

function explainCause(AD, text, inspect) {
  const args = ['explain', '--json', ...(inspect ? [] : ['--no-inspect']), '-'];
  const e = spawnSync(AD, args, { input: text, timeout: 20000 });
  if (e.error) return { cause: `explain did not run: ${e.error.message}`, recognised: null };
  try { return JSON.parse(e.stdout.toString()); } catch (x) {
    return { cause: `no JSON (exit ${e.status}): ${String(e.stderr).slice(0, 200)}`, recognised: null };
  }
}

// Returns { lines, agree, total }: one ok / not ok line per reading.
function roundTrip(AD, name, text, checkCause) {
  const out = [];
  let agree = 0, total = 0;
  for (const inspect of [true, false]) {
    const j = explainCause(AD, text, inspect);
    const how = inspect ? 'explain' : 'explain --no-inspect';
    total++;
    if (j.cause === checkCause) { agree++; out.push(`ok - ${how} ${name}: ${j.cause}`); continue; }
    // an inspected reading of a text that names no file is the text's alone
    const inspected = inspect && !String(j.verdict || '').startsWith('not inspected');
    const tol = tolerated(j, checkCause, name, inspected);
    if (tol) { agree++; out.push(`ok - ${how} ${name}: ${j.cause} (check: ${checkCause}; listed: ${tol.why})`); continue; }
    out.push(`not ok - ${how} ${name}: cause ${j.cause} (${j.recognised}), check says ${checkCause}`);
    out.push(`#   pasted: ${JSON.stringify(text.slice(0, 400))}`);
  }
  return { lines: out, agree, total };
}

module.exports = { roundTrip };
