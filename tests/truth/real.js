// real.js AD KNOWN LIST RUNTIME... - ground truth for `check` on real
// prebuilt npm addons (tests/t/truth-real.sh).  LIST has one
// "label<TAB>absolute path" line per file.  For every (file, runtime) the file
// is require()d by that real node in a fresh child process (an addon may
// crash its process, and a loaded addon stays loaded), and the result is
// compared with what `AD check --node RUNTIME --json` predicted, using the
// conventions of compare.js: outcome "loads" / "throws" (code + message) /
// "crashes" (SIGSEGV/SIGBUS) / "loads-then-crashes" (ld.so's fatal lazy
// binding error, exit 127, its first stderr line is the message; or
// require() returned and LD_BIND_NOW=1 makes dlopen() name the same unbound
// symbol).
// Loads run TRUTH_JOBS at a time (default: the number of CPUs); predictions
// come from one `check` run per runtime for many files.  KNOWN lists
// "file-suffix<TAB>version-prefix<TAB>reason": such a mismatch prints
// "ok ... # known failure: reason" with both results.
// Then the round trip (explain-roundtrip.js): the real error's stack (what
// an uncaught require() prints, in every Node.js release), or ld.so's line,
// must read in `AD explain` as check's cause.
'use strict';
const { spawnSync } = require('child_process');
const { runProbe, predictAll, exitNote } = require('./probe-run');
const { roundTrip } = require('./explain-roundtrip.js');
const fs = require('fs');
const os = require('os');
const [AD, KNOWN, LIST, ...runtimes] = process.argv.slice(2);
const probe = `
let r;
try { require(process.argv[1]); r = { outcome: 'loads', code: null, message: null }; }
catch (e) { r = { outcome: 'throws', code: e.code === undefined ? null : e.code, message: e.message, paste: String(e.stack) }; }
process.stdout.write(JSON.stringify(r) + '\\n');`;
const files = fs.readFileSync(LIST, 'utf8').split('\n').filter(Boolean).map(l => l.split('\t'));
const known = fs.existsSync(KNOWN) ? fs.readFileSync(KNOWN, 'utf8').split('\n')
  .filter(l => l && !l.startsWith('#')).map(l => l.split('\t')) : [];
const jobs = Math.max(1, Number(process.env.TRUTH_JOBS) || os.cpus().length);

function realLoad(runtime, abs, env) {
  return runProbe(runtime, ['-e', probe, abs], env, 20000);
}

function predict(runtime) {
  return predictAll(AD, files.map(f => f[1]), ['--node', runtime]);
}

async function main() {
  const versions = runtimes.map(rt => spawnSync(rt, ['-p', 'process.versions.node']).stdout.toString().trim());
  const preds = runtimes.map(predict);
  const work = [];
  runtimes.forEach((rt, r) => files.forEach((f, i) => work.push([r, i])));
  const results = new Array(work.length);
  let next = 0;
  async function worker() {
    while (next < work.length) {
      const k = next++;
      const [r, i] = work[k];
      results[k] = await realLoad(runtimes[r], files[i][1]);
      // "loads-then-crashes" predicts that require() returns unless the
      // addon's init itself makes the call (then ld.so kills the process,
      // exit 127).  When require() returned, the unbound call is confirmed
      // with LD_BIND_NOW=1: glibc then binds every call inside dlopen() and
      // must throw "<object>: undefined symbol: <the predicted symbol>".
      const pred = preds[r].get(files[i][1]);
      if (pred && pred.outcome === 'loads-then-crashes' && results[k].outcome === 'loads' && pred.error) {
        const bound = await realLoad(runtimes[r], files[i][1], { ...process.env, LD_BIND_NOW: '1' });
        const want = pred.error.replace(/^.*?: symbol lookup error: /, '');
        if (bound.outcome === 'throws' && bound.message === want)
          results[k] = { outcome: 'loads-then-crashes', code: null, message: pred.error, confirmedBy: 'LD_BIND_NOW' };
        else
          results[k].boundNow = bound;
      }
    }
  }
  await Promise.all(Array.from({ length: jobs }, worker));
  let agree = 0, knownFail = 0, eagree = 0, etotal = 0;
  work.forEach(([r, i], k) => {
    const real = results[k], [label, abs] = files[i];
    const pred = preds[r].get(abs) || { outcome: 'no-prediction', error: 'check printed nothing for this file' };
    if (pred.cause && (real.outcome === 'throws' || real.outcome === 'loads-then-crashes') && real.outcome === pred.outcome) {
      const rt = roundTrip(AD, `${label} on node ${versions[r]}`, real.paste || real.message, pred.cause);
      rt.lines.forEach(l => console.log(l));
      eagree += rt.agree; etotal += rt.total;
    }
    const predMsg = pred.error === undefined ? null : pred.error;
    const same = pred.outcome === real.outcome && predMsg === real.message &&
      (real.outcome !== 'throws' || pred.code === real.code);
    const name = `${label} on node ${versions[r]}`;
    if (same) {
      agree++;
      console.log(`ok - ${name}: ${real.outcome}${real.confirmedBy ? ' (require() returned; ' + real.confirmedBy + ' shows the unbound call)' : ''}${exitNote(real)}`);
      return;
    }
    const kn = known.find(([kf, kv]) => abs.endsWith(kf) && versions[r].startsWith(kv));
    if (kn) knownFail++;
    // A listed disagreement is reported (ok, with its reason) and does not
    // fail the run, as altruntime.js and scan-truth do; an unlisted one fails.
    console.log(kn ? `ok - ${name}: real ${real.outcome}, predicted ${pred.outcome} # known failure: ${kn[2]}` : `not ok - ${name}`);
    console.log(`#   real:      ${JSON.stringify(real)}`);
    if (real.boundNow) console.log(`#   with LD_BIND_NOW=1: ${JSON.stringify(real.boundNow)}`);
    console.log(`#   predicted: ${JSON.stringify({ outcome: pred.outcome, code: pred.code, message: predMsg, cause: pred.cause })}`);
  });
  console.log(`# real truth: files x runtimes = ${files.length} x ${runtimes.length} = ${work.length}, agree ${agree}` +
    (knownFail ? `, known failures ${knownFail}` : '') + `; explain on the real texts: ${eagree}/${etotal} name check's cause`);
}
main();
