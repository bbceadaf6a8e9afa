// qemu.js AD KNOWN LIST QEMU ROOTFS NODE... - ground truth for `check` on
// another architecture: every file of LIST (label<TAB>path) is require()d
// by each NODE (an official node-linux-<arch> binary) run by qemu user mode
// against ROOTFS (a Debian root filesystem of that architecture: its own
// glibc loader, ld.so.cache and libraries), and `check --node NODE
// --sysroot ROOTFS --json` must predict outcome, code and message byte for
// byte.  qemu -L makes the guest open ROOTFS/<path> first and the host path
// otherwise, so the addons stay where they are and messages carry the
// paths the tool is given.  Real results are cached in
// $QEMU_TRUTH_CACHE/results.json (key: qemu, rootfs, node, file, size,
// mtime): a second run starts no guest.  Prints one ok/not ok line per
// (file, node) and a "# qemu truth" figure per node.
'use strict';
const { runProbe, predictAll, exitNote } = require('./probe-run');
const fs = require('fs');
const path = require('path');
const [AD, KNOWN, LIST, QEMU, ROOTFS, ...nodes] = process.argv.slice(2);
const CACHE = process.env.QEMU_TRUTH_CACHE;
const jobs = Math.max(1, Number(process.env.TRUTH_JOBS) || 2);
// arm64 Node starts in ~2 s instead of ~60 s with the cheaper pointer
// authentication hash; a command-line option, so the guest's environment
// stays as it is.
const qemuArgs = /aarch64/.test(QEMU) ? ['-cpu', 'max,pauth-impdef=on'] : [];
const probe = `
let r;
try { require(process.argv[1]); r = { outcome: 'loads', code: null, message: null }; }
catch (e) { r = { outcome: 'throws', code: e.code === undefined ? null : e.code, message: e.message }; }
process.stdout.write(JSON.stringify(r) + '\\n');`;
const files = fs.readFileSync(LIST, 'utf8').split('\n').filter(Boolean).map(l => l.split('\t'));
const known = fs.existsSync(KNOWN) ? fs.readFileSync(KNOWN, 'utf8').split('\n')
  .filter(l => l && !l.startsWith('#')).map(l => l.split('\t')) : [];
const cacheFile = CACHE ? path.join(CACHE, 'results.json') : null;
let cache = {};
try { if (cacheFile) cache = JSON.parse(fs.readFileSync(cacheFile, 'utf8')); } catch (e) { cache = {}; }

function key(node, abs, extra) {
  let st = { size: -1, mtimeMs: -1 };
  try { st = fs.statSync(abs); } catch (e) { /* keyed as absent */ }
  return [QEMU, ROOTFS, node, abs, st.size, Math.floor(st.mtimeMs), extra || ''].join('\t');
}

function guestLoad(node, abs, env) {
  const k = key(node, abs, env ? 'LD_BIND_NOW' : '');
  if (cache[k]) return Promise.resolve(cache[k]);
  return runProbe(QEMU, [...qemuArgs, '-L', ROOTFS, node, '-e', probe, abs], env, 180000).then(r => {
    if (r.outcome !== 'unexpected') cache[k] = r; // a timeout or a qemu failure is not kept
    return r;
  });
}

function predict(node) {
  return predictAll(AD, files.map(f => f[1]), ['--node', node, '--sysroot', ROOTFS]);
}

async function main() {
  const versions = nodes.map(n => path.basename(path.dirname(path.dirname(n))));
  const preds = nodes.map(predict);
  const work = [];
  nodes.forEach((n, r) => files.forEach((f, i) => work.push([r, i])));
  const results = new Array(work.length);
  let next = 0;
  async function worker() {
    while (next < work.length) {
      const k = next++;
      const [r, i] = work[k];
      results[k] = await guestLoad(nodes[r], files[i][1]);
      // as tests/truth/real.js: require() returned where a lazily bound
      // call is predicted; LD_BIND_NOW=1 must then name the same symbol
      const pred = preds[r].get(files[i][1]);
      if (pred && pred.outcome === 'loads-then-crashes' && results[k].outcome === 'loads' && pred.error) {
        const bound = await guestLoad(nodes[r], files[i][1], { ...process.env, LD_BIND_NOW: '1' });
        const want = pred.error.replace(/^.*?: symbol lookup error: /, '');
        if (bound.outcome === 'throws' && bound.message === want)
          results[k] = { outcome: 'loads-then-crashes', code: null, message: pred.error, confirmedBy: 'LD_BIND_NOW' };
        else
          results[k] = { ...results[k], boundNow: bound };
      }
    }
  }
  await Promise.all(Array.from({ length: jobs }, worker));
  if (cacheFile) {
    fs.mkdirSync(CACHE, { recursive: true });
    fs.writeFileSync(cacheFile + '.tmp', JSON.stringify(cache));
    fs.renameSync(cacheFile + '.tmp', cacheFile);
  }
  const agree = nodes.map(() => 0), knownFail = nodes.map(() => 0);
  work.forEach(([r, i], k) => {
    const real = results[k], [label, abs] = files[i];
    const pred = preds[r].get(abs) || { outcome: 'no-prediction', error: 'check printed nothing for this file' };
    const predMsg = pred.error === undefined ? null : pred.error;
    const same = pred.outcome === real.outcome && predMsg === real.message &&
      (real.outcome !== 'throws' || pred.code === real.code);
    const name = `${label} on node ${versions[r]} (qemu ${path.basename(QEMU)})`;
    if (same) {
      agree[r]++;
      console.log(`ok - ${name}: ${real.outcome}${exitNote(real)}`);
      return;
    }
    const kn = known.find(([kf, kv]) => abs.endsWith(kf) && versions[r].startsWith(kv));
    if (kn) knownFail[r]++;
    console.log(`not ok - ${name}${kn ? ' # TODO known failure: ' + kn[2] : ''}`);
    console.log(`#   real:      ${JSON.stringify(real)}`);
    console.log(`#   predicted: ${JSON.stringify({ outcome: pred.outcome, code: pred.code, message: predMsg, cause: pred.cause })}`);
  });
  nodes.forEach((n, r) => console.log(`# qemu truth ${path.basename(QEMU)} node ${versions[r]}: ` +
    `${agree[r]} of ${files.length} agree` + (knownFail[r] ? `, known failures ${knownFail[r]}` : '')));
}
main();
