// fake-target.js - preload (`node -r fake-target.js`) that makes this node
// process look like another machine to the JavaScript loaders of native
// packages, the way their own tests fake it: process.platform / arch /
// versions (node, modules, napi, uv, electron) / config.variables, the
// libc evidence each loader reads, and require() of `.node` files
// intercepted so that nothing is ever loaded.
//
// The target comes as JSON in AD_FAKE_TARGET:
//   {platform, arch, libc ("glibc" | "musl" | null), node, modules, napi,
//    uv, electron (version or null), arm_version, glibc, musl}
//
// libc evidence, per loader (read from the published sources):
//   node-gyp-build 3/4        fs.existsSync('/etc/alpine-release')
//   detect-libc 2.x (node-gyp-build-optional-packages, node-pre-gyp)
//                             /proc/self/exe's ELF interpreter (opened with
//                             fs.openSync), then /usr/bin/ldd's text, then
//                             process.report's header.glibcVersionRuntime and
//                             sharedObjects, then `getconf ...; ldd --version`
//   napi-rs index.js (cli 2)  process.report header.glibcVersionRuntime
//   napi-rs index.js (cli 3)  /usr/bin/ldd (fs.readFileSync), process.report,
//                             execSync('ldd --version')
// All of them are answered consistently: the three paths are redirected to
// files written under AD_FAKE_ROOT (/proc/self/exe is made absent, so the
// interpreter probe falls through to ldd), getReport() and execSync() are
// replaced.
//
// `.node` interception: Module._extensions['.node'] records the resolved
// (realpath'd) file in global.__adPicked and returns an empty exports
// object, so a loader that require()s a candidate inside try/catch (napi-rs,
// bindings, @node-rs/helper) sees the first existing candidate succeed, as
// it would with a loadable binary built for the target.  What this harness
// predicts is the loader's choice of file, not whether that file then loads
// (check's job, tested against real node elsewhere).
'use strict';
const fs = require('fs');
const path = require('path');
const Module = require('module');

const T = JSON.parse(process.env.AD_FAKE_TARGET || '{}');
const ROOT = process.env.AD_FAKE_ROOT;

function define(obj, key, value) {
	Object.defineProperty(obj, key, { value, writable: true, configurable: true, enumerable: true });
}

define(process, 'platform', T.platform);
define(process, 'arch', T.arch);
const versions = Object.assign({}, process.versions, {
	node: T.node, modules: String(T.modules), napi: String(T.napi), uv: T.uv || process.versions.uv,
});
if (T.electron) versions.electron = T.electron;
else delete versions.electron;
define(process, 'versions', versions);
define(process, 'version', 'v' + T.node);
const variables = Object.assign({}, (process.config && process.config.variables) || {});
if (T.arm_version) variables.arm_version = String(T.arm_version);
else delete variables.arm_version;
// node-gyp-build reads process.config.variables.arm_version; napi-rs 3
// reads shlib_suffix / node_target_type on win32 (an msvc build here).
variables.shlib_suffix = T.platform === 'win32' ? 'dll' : T.platform === 'darwin' ? 'dylib' : 'so.' + T.modules;
delete variables.node_target_type;
define(process, 'config', Object.freeze({ target_defaults: {}, variables: Object.freeze(variables) }));

// libc evidence
const linux = T.platform === 'linux';
const musl = linux && T.libc === 'musl';
const FAKE = {
	'/usr/bin/ldd': linux ? path.join(ROOT, musl ? 'ldd-musl' : 'ldd-glibc') : path.join(ROOT, 'absent'),
	'/proc/self/exe': path.join(ROOT, 'absent'),
	'/etc/alpine-release': musl ? path.join(ROOT, 'alpine-release') : path.join(ROOT, 'absent'),
};
function redirect(p) {
	return typeof p === 'string' && Object.prototype.hasOwnProperty.call(FAKE, p) ? FAKE[p] : p;
}
for (const name of ['openSync', 'open', 'readFileSync', 'readFile', 'existsSync', 'accessSync', 'access',
	'statSync', 'stat', 'lstatSync']) {
	const orig = fs[name];
	fs[name] = function (p, ...rest) { return orig.call(this, redirect(p), ...rest); };
}
const report = {
	header: linux && !musl ? { glibcVersionRuntime: T.glibc, glibcVersionCompiler: T.glibc } : {},
	sharedObjects: musl ? ['/lib/ld-musl-' + (T.arch === 'x64' ? 'x86_64' : T.arch) + '.so.1'] : [],
};
if (process.report) {
	const fakeReport = Object.create(null);
	fakeReport.getReport = () => JSON.parse(JSON.stringify(report));
	fakeReport.excludeNetwork = false;
	define(process, 'report', fakeReport);
}
const cp = require('child_process');
function lddOut() {
	if (!linux) throw new Error('not linux');
	return musl ? `getconf: GNU_LIBC_VERSION: invalid variable name\nmusl libc (${T.arch})\nVersion ${T.musl}\n`
		: `glibc ${T.glibc}\nldd (GNU libc) ${T.glibc}\n`;
}
cp.execSync = function () { const o = lddOut(); return arguments[1] && arguments[1].encoding ? o : Buffer.from(o); };
cp.exec = function (cmd, opts, cb) {
	cb = typeof opts === 'function' ? opts : cb;
	let out, err = null;
	try { out = lddOut(); } catch (e) { err = e; }
	setImmediate(() => cb(err, out, ''));
};
for (const k of Object.keys(process.env))
	if (/^(npm_config_|LIBC$|PREBUILDS_ONLY$|ARM_VERSION$|ELECTRON_RUN_AS_NODE$|NAPI_RS_|NODE_BINDINGS_|NODE_PRE_GYP)/i.test(k))
		delete process.env[k];

global.__adPicked = [];
Module._extensions['.node'] = function (module, filename) {
	global.__adPicked.push(filename);
	module.exports = {};
};
