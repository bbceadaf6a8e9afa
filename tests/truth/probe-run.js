// probe-run.js - what the real-run harnesses (real.js, altruntime.js, qemu.js)
// share: running one probe process that require()s a file and reading its
// outcome the same way, and asking addon-doctor check for predictions in
// chunks.  One copy, so the suites classify real runs identically.
'use strict';
const { spawn, spawnSync } = require('child_process');

// Runs cmd args; the probe prints one JSON line {outcome, code, message}.
// A fatal signal before the result line is a crash (SIGSEGV/SIGBUS; an
// abort without a line is 'unexpected'); after it, the line stands and the
// death is noted; ld.so's exit status 127 after a lazy-binding failure is
// loads-then-crashes with its first stderr line; anything else unreadable
// is 'unexpected' (never kept as truth by the callers).
function runProbe(cmd, args, env, timeoutMs) {
  return new Promise(resolve => {
    const c = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], env: env || process.env });
    const out = [], err = [];
    c.stdout.on('data', d => out.push(d));
    c.stderr.on('data', d => err.push(d));
    const timer = setTimeout(() => c.kill('SIGKILL'), timeoutMs);
    c.on('close', (st, sig) => {
      clearTimeout(timer);
      const stdout = Buffer.concat(out).toString(), stderr = Buffer.concat(err).toString();
      if (st === 127)
        return resolve({ outcome: 'loads-then-crashes', code: null, message: stderr.split('\n')[0] });
      let line = null;
      try { line = JSON.parse(stdout.split('\n')[0]); } catch (e) { /* no result line */ }
      const died = sig === 'SIGSEGV' || sig === 'SIGBUS' || sig === 'SIGABRT' || st === 139 || st === 135 || st === 134;
      // The result line is written after require() has returned or thrown,
      // so a process that dies after it died at exit (ffi-napi on Node 16:
      // libuv's uv_close assertion or a SIGSEGV, whichever the teardown race
      // gives): require()'s outcome is the line's, the death is noted.
      if (line && died) line.diedAtExit = sig || `exit ${st}`;
      if (line) return resolve(line);
      if (died && sig !== 'SIGABRT' && st !== 134)
        return resolve({ outcome: 'crashes', code: null, message: null });
      resolve({ outcome: 'unexpected', code: null, message: `exit ${st} ${sig} ${stderr.slice(0, 300)}` });
    });
  });
}

// addon-doctor check ARGS --json on every file (100 per run): path -> record;
// a run that fails as a whole marks its files 'no-prediction'.
function predictAll(AD, paths, args) {
  const byPath = new Map();
  for (let i = 0; i < paths.length; i += 100) {
    const chunk = paths.slice(i, i + 100);
    const p = spawnSync(AD, ['check', ...args, '--json', ...chunk], { maxBuffer: 1 << 28 });
    for (const line of p.stdout.toString().split('\n').filter(Boolean)) {
      try { const j = JSON.parse(line); byPath.set(j.path, j); } catch (e) { /* reported as missing */ }
    }
    if (p.status !== 0 && p.status !== 1)
      for (const f of chunk) if (!byPath.has(f))
        byPath.set(f, { outcome: 'no-prediction', error: `exit ${p.status}: ${p.stderr.toString().slice(0, 300)}` });
  }
  return byPath;
}

// What an ok line adds when the process died after writing its result.
function exitNote(real) {
  return real.diedAtExit ? ` (the process then died at exit: ${real.diedAtExit})` : '';
}

module.exports = { runProbe, predictAll, exitNote };
