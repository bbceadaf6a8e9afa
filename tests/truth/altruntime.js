// altruntime.js AD LIST CACHEDIR KNOWN KIND@VERSION=BIN... - ground truth for
// `check` against real Bun and Deno (tests/t/bun-deno-truth.sh).  LIST has
// one "label<TAB>absolute path" line per file.  Every file is require()d by
// each real runtime in a fresh process (bun FILE.cjs PATH; deno run
// --allow-read --allow-ffi FILE.cjs PATH: Deno's Node compat gives a .cjs
// file require(), and loading an addon needs both permissions), and the
// result is compared with two predictions: `check --node BIN` (the binary
// read) and `check --target KIND@VERSION` (the tables alone).  Same rules
// as real.js: outcome, code and message byte for byte; exit 127 is
// "loads-then-crashes" with stderr's first line as the message; a predicted
// lazy crash where require() returned is confirmed with LD_BIND_NOW=1.
// Real results are cached in CACHEDIR/<kind>-<version>.json, keyed by path,
// size and mtime (and /etc/ld.so.cache's), so a second run only predicts.  KNOWN lists
// "path-part<TAB>kind@version-prefix<TAB>reason" for known mismatches.
// A runtime is KIND@VERSION[/PLATFORM][+TAG]=BIN: PLATFORM goes to --target
// (bun@1.4.5/linux-arm64), TAG only names the cache (bun@1.4.5+baseline).
// With ALT_QEMU and ALT_ROOTFS set (tests/t/bun-deno-truth.sh's arm64
// part), every real run is ALT_QEMU -cpu max,pauth-impdef=on -L ALT_ROOTFS
// BIN ... (as tests/truth/qemu.js: the guest's own glibc loader,
// ld.so.cache and libraries, the addons where they are) and both
// predictions get --sysroot ALT_ROOTFS.
'use strict';
const { runProbe, predictAll, exitNote } = require('./probe-run');
const fs = require('fs');
const os = require('os');
const path = require('path');
const [AD, LIST, CACHEDIR, KNOWN, ...rts] = process.argv.slice(2);
const files = fs.readFileSync(LIST, 'utf8').split('\n').filter(Boolean).map(l => l.split('\t'));
const known = fs.existsSync(KNOWN) ? fs.readFileSync(KNOWN, 'utf8').split('\n')
  .filter(l => l && !l.startsWith('#')).map(l => l.split('\t')) : [];
const QEMU = process.env.ALT_QEMU || '', ROOTFS = process.env.ALT_ROOTFS || '';
const jobs = Math.max(1, Number(process.env.TRUTH_JOBS) || (QEMU ? 2 : os.cpus().length));
const probe = path.join(os.tmpdir(), `ad-alt-probe-${process.pid}.cjs`);
fs.writeFileSync(probe, `
let r;
const f = process.argv[process.argv.length - 1];
try { require(f); r = { outcome: 'loads', code: null, message: null }; }
catch (e) { r = { outcome: 'throws', code: e.code === undefined ? null : e.code, message: e.message }; }
process.stdout.write(JSON.stringify(r) + '\\n');
`);
process.on('exit', () => { try { fs.unlinkSync(probe); } catch (e) { /* gone */ } });

function realLoad(kind, bin, abs, env) {
  const args = kind === 'deno' ? ['run', '--allow-read', '--allow-ffi', probe, abs] : [probe, abs];
  if (QEMU) // a guest start costs seconds (deno ~8 s)
    return runProbe(QEMU, ['-cpu', 'max,pauth-impdef=on', '-L', ROOTFS, bin, ...args], env, 180000);
  return runProbe(bin, args, env, 30000);
}

function predict(args) {
  return predictAll(AD, files.map(f => f[1]), ROOTFS ? [...args, '--sysroot', ROOTFS] : args);
}

async function main() {
  const runtimes = rts.map(s => {
    const [tagged, bin] = s.split('=');
    const [id, tag] = tagged.split('+');
    const [kind, rest] = id.split('@');
    const [version, platform] = rest.split('/');
    const name = [kind, version, platform, tag].filter(Boolean).join('-');
    return { id, kind, version, bin, name, label: tag ? `${id} (${tag})` : id };
  });
  fs.mkdirSync(CACHEDIR, { recursive: true });
  for (const rt of runtimes) {
    const cfile = path.join(CACHEDIR, `${rt.name}.json`);
    let cache = {};
    try { cache = JSON.parse(fs.readFileSync(cfile, 'utf8')); } catch (e) { /* none yet */ }
    // A library installed or removed since (ld.so.cache rewritten) changes
    // real outcomes: the cache key carries the loader cache's identity.
    let sys = '';
    try { const c = fs.statSync(path.join(ROOTFS || '/', 'etc/ld.so.cache')); sys = `${c.size}:${c.mtimeMs}`; } catch (e) { /* none */ }
    const key = abs => { const s = fs.statSync(abs); return `${abs}\t${s.size}\t${s.mtimeMs}\t${sys}`; };
    const preds = { node: predict(['--node', rt.bin]), target: predict(['--target', rt.id]) };
    const results = new Array(files.length);
    let next = 0, ran = 0;
    async function worker() {
      while (next < files.length) {
        const i = next++;
        const abs = files[i][1], k = key(abs);
        // the LD_BIND_NOW confirmation depends on the prediction: keyed with it
        const pred = preds.node.get(abs);
        const lazy = pred && pred.outcome === 'loads-then-crashes' && pred.error ? pred.error : '';
        const ck = k + '\t' + lazy;
        if (cache[ck]) { results[i] = cache[ck]; continue; }
        ran++;
        let real = await realLoad(rt.kind, rt.bin, abs);
        if (lazy && real.outcome === 'loads') {
          const bound = await realLoad(rt.kind, rt.bin, abs, { ...process.env, LD_BIND_NOW: '1' });
          const want = lazy.replace(/^.*?: symbol lookup error: /, '');
          // Deno 2.9 appends "\n  path: FILE" to every dlopen() error
          if (bound.outcome === 'throws' && bound.message !== null && (bound.message === want || bound.message.split('\n')[0] === want))
            real = { outcome: 'loads-then-crashes', code: null, message: lazy, confirmedBy: 'LD_BIND_NOW' };
          else
            real.boundNow = bound;
        }
        results[i] = cache[ck] = real;
      }
    }
    await Promise.all(Array.from({ length: jobs }, worker));
    fs.writeFileSync(cfile, JSON.stringify(cache));
    for (const how of ['node', 'target']) {
      let agree = 0, knownFail = 0;
      const figures = {};
      files.forEach(([label, abs], i) => {
        const real = results[i];
        // --target names the tables' runtime: the lazy-crash text starts with its argv0 ("bun")
        let pred = preds[how].get(abs) || { outcome: 'no-prediction', error: 'check printed nothing for this file' };
        let predMsg = pred.error === undefined ? null : pred.error;
        let realMsg = real.message;
        if (how === 'target' && real.outcome === 'loads-then-crashes' && realMsg)
          realMsg = realMsg.replace(/^.*?: symbol lookup error: /, `${rt.kind}: symbol lookup error: `);
        const same = pred.outcome === real.outcome && predMsg === realMsg &&
          (real.outcome !== 'throws' || pred.code === real.code);
        figures[real.outcome] = (figures[real.outcome] || 0) + 1;
        const name = `${label} on ${rt.label} (${how === 'node' ? '--node' : '--target'}${QEMU ? ', qemu' : ''})`;
        if (same) {
          agree++;
          console.log(`ok - ${name}: ${real.outcome}${real.confirmedBy ? ' (require() returned; LD_BIND_NOW shows the unbound call)' : ''}${exitNote(real)}`);
          return;
        }
        const kn = known.find(([kf, kv]) => abs.includes(kf) && rt.id.startsWith(kv));
        if (kn) knownFail++;
        // A listed disagreement is reported (ok, with its reason) and does not
        // fail the run, as scan-truth's known failures; an unlisted one fails.
        console.log(kn ? `ok - ${name}: real ${real.outcome}, predicted ${pred.outcome} # known failure: ${kn[2]}`
          : `not ok - ${name}`);
        console.log(`#   real:      ${JSON.stringify(real)}`);
        console.log(`#   predicted: ${JSON.stringify({ outcome: pred.outcome, code: pred.code, message: predMsg, cause: pred.cause })}`);
      });
      console.log(`# ${rt.label}${QEMU ? ' under qemu' : ''} ${how === 'node' ? '--node' : '--target'}: files ${files.length}, agree ${agree}` +
        (knownFail ? `, known failures ${knownFail}` : '') + ` (real outcomes: ${JSON.stringify(figures)}; real runs this time: ${how === 'node' ? ran : 0})`);
    }
  }
}
main();
