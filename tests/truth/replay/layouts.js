// layouts.js - the synthetic packages of tests/truth/loader-replay.js, and
// the targets they are tried on.
//
// A layout is { name, files, extra, pkg }: files are paths inside the
// package directory (node_modules/<pkg>/...), extra are paths from the
// project root (platform packages beside it), each mapped to 'addon' (a
// copy of the tiny ELF addon), an object (written as JSON) or a string.
// pkg adds fields to the package's package.json.
'use strict';

// process.versions of the runtimes faked (from the releases themselves;
// Electron 31.0.0 embeds Node 20.14.0, NODE_MODULE_VERSION 125).
const RUNTIMES = {
	node16: { node: '16.20.2', modules: 93, napi: 8, uv: '1.44.2' },
	node18: { node: '18.20.8', modules: 108, napi: 9, uv: '1.44.2' },
	node20: { node: '20.20.2', modules: 115, napi: 9, uv: '1.46.0' },
	node22: { node: '22.23.3', modules: 127, napi: 10, uv: '1.51.0' },
	electron31: { node: '20.14.0', modules: 125, napi: 9, uv: '1.48.0', electron: '31.0.0' },
};
const PLATFORMS = {
	'linux-x64-glibc': { platform: 'linux', arch: 'x64', libc: 'glibc' },
	'linux-x64-musl': { platform: 'linux', arch: 'x64', libc: 'musl' },
	'linux-arm64-glibc': { platform: 'linux', arch: 'arm64', libc: 'glibc' },
	'linux-arm64-musl': { platform: 'linux', arch: 'arm64', libc: 'musl' },
	'linux-arm-glibc': { platform: 'linux', arch: 'arm', libc: 'glibc', arm_version: 7 },
	'linux-arm-musl': { platform: 'linux', arch: 'arm', libc: 'musl', arm_version: 7 },
	'darwin-x64': { platform: 'darwin', arch: 'x64', libc: null },
	'darwin-arm64': { platform: 'darwin', arch: 'arm64', libc: null },
	'win32-x64': { platform: 'win32', arch: 'x64', libc: null },
	'freebsd-x64': { platform: 'freebsd', arch: 'x64', libc: null },
};

function target(rt, plat) {
	const r = RUNTIMES[rt], p = PLATFORMS[plat];
	const name = (r.electron ? 'electron@' + r.electron : 'node@' + r.node) + '/' + plat;
	return Object.assign({ spec: name, glibc: '2.36', musl: '1.2.5' }, r, p, { electron: r.electron || null });
}

const GYP_TARGETS = [
	['node16', 'linux-x64-glibc'], ['node18', 'linux-x64-glibc'], ['node20', 'linux-x64-glibc'],
	['node22', 'linux-x64-glibc'], ['node20', 'linux-x64-musl'], ['node20', 'linux-arm64-glibc'],
	['node20', 'linux-arm-glibc'], ['node20', 'darwin-arm64'], ['node20', 'darwin-x64'],
	['node20', 'win32-x64'], ['electron31', 'linux-x64-glibc'],
].map(([r, p]) => target(r, p));
const NAPIRS_TARGETS = [
	'linux-x64-glibc', 'linux-x64-musl', 'linux-arm64-glibc', 'linux-arm64-musl', 'linux-arm-glibc',
	'linux-arm-musl', 'darwin-x64', 'darwin-arm64', 'win32-x64', 'freebsd-x64',
].map((p) => target('node20', p));

// node-gyp-build 4, 3 and -optional-packages: the package is "nat".
const NGB = [
	{ name: 'release-beats-prebuilds', files: { 'build/Release/nat.node': 'addon', 'prebuilds/linux-x64/node.napi.node': 'addon' } },
	{ name: 'debug-only', files: { 'build/Debug/nat.node': 'addon' } },
	{ name: 'release-two-files', files: { 'build/Release/b.node': 'addon', 'build/Release/a.node': 'addon', 'build/Release/a.txt': 'x' } },
	{ name: 'napi-per-platform', files: {
		'prebuilds/linux-x64/node.napi.node': 'addon', 'prebuilds/linux-arm64/node.napi.node': 'addon',
		'prebuilds/linux-arm/node.napi.armv7.node': 'addon', 'prebuilds/darwin-x64+arm64/node.napi.node': 'addon',
		'prebuilds/win32-x64/node.napi.node': 'addon' } },
	{ name: 'abi-specific', files: {
		'prebuilds/linux-x64/node.abi108.node': 'addon', 'prebuilds/linux-x64/node.abi115.node': 'addon',
		'prebuilds/linux-x64/node.napi.node': 'addon', 'prebuilds/linux-x64/electron.abi125.node': 'addon' } },
	{ name: 'abi-only', files: { 'prebuilds/linux-x64/node.abi108.node': 'addon', 'prebuilds/linux-x64/node.abi127.node': 'addon' } },
	{ name: 'libc-tags', files: { 'prebuilds/linux-x64/node.napi.glibc.node': 'addon', 'prebuilds/linux-x64/node.napi.musl.node': 'addon' } },
	{ name: 'musl-only', files: { 'prebuilds/linux-x64/nat.musl.node': 'addon' } },
	{ name: 'single-arch-stops', files: { 'prebuilds/linux-x64/node.abi99.node': 'addon', 'prebuilds/linux-x64+arm64/node.napi.node': 'addon' } },
	{ name: 'malformed-tuples', files: { 'prebuilds/linux-x64-extra/node.napi.node': 'addon', 'prebuilds/linuxx64/node.napi.node': 'addon', 'prebuilds/-x64/node.napi.node': 'addon', 'prebuilds/linux-/node.napi.node': 'addon' } },
	{ name: 'nothing', files: {} },
	{ name: 'armv-uv-tags', files: { 'prebuilds/linux-arm/node.napi.armv6.node': 'addon', 'prebuilds/linux-arm/node.napi.armv7.node': 'addon',
		'prebuilds/linux-x64/node.napi.uv1.node': 'addon', 'prebuilds/linux-x64/node.napi.uv2.node': 'addon', 'prebuilds/linux-arm64/node.napi.armv8.node': 'addon' } },
	{ name: 'untagged-name', files: { 'prebuilds/linux-x64/nat.node': 'addon', 'prebuilds/darwin-arm64/nat.node': 'addon' } },
	{ name: 'multi-arch-darwin', files: { 'prebuilds/darwin-x64+arm64/node.napi.node': 'addon', 'prebuilds/darwin-arm64/node.abi115.node': 'addon' } },
	{ name: 'electron-napi', files: { 'prebuilds/linux-x64/electron.napi.node': 'addon', 'prebuilds/linux-x64/node.napi.node': 'addon' } },
	{ name: 'unknown-tags', files: { 'prebuilds/linux-x64/nat.napi.node.extra.node': 'addon', 'prebuilds/linux-x64/nat.glibc.node': 'addon' } },
	// node-gyp-build 3.x file names
	{ name: 'v3-names', files: { 'prebuilds/linux-x64/node-115.node': 'addon', 'prebuilds/linux-x64/node-napi.node': 'addon',
		'prebuilds/linux-x64/electron-125.node': 'addon', 'prebuilds/linuxmusl-x64/node-napi.node': 'addon', 'prebuilds/darwin-x64/node-115.node': 'addon' } },
	{ name: 'v3-glibc-dir', files: { 'prebuilds/linuxglibc-x64/node-napi.node': 'addon', 'prebuilds/linux-arm64/node-115.node': 'addon',
		'prebuilds/linux-arm-v7/node-115.node': 'addon' } },
	// node-gyp-build-optional-packages: the platform package @nat/nat-<platform>-<arch>,
	// which must resolve (require.resolve) to be looked into: published ones
	// (@lmdb/lmdb-linux-x64 3.2.6) hold an index.js beside the tagged files.
	{ name: 'platform-package', files: {}, extra: {
		'node_modules/@nat/nat-linux-x64/package.json': { name: '@nat/nat-linux-x64', version: '1.0.0', os: ['linux'], cpu: ['x64'] },
		'node_modules/@nat/nat-linux-x64/index.js': '',
		'node_modules/@nat/nat-linux-x64/node.napi.glibc.node': 'addon', 'node_modules/@nat/nat-linux-x64/node.napi.musl.node': 'addon',
		'node_modules/@nat/nat-darwin-arm64/package.json': { name: '@nat/nat-darwin-arm64', version: '1.0.0', os: ['darwin'], cpu: ['arm64'] },
		'node_modules/@nat/nat-darwin-arm64/index.js': '',
		'node_modules/@nat/nat-darwin-arm64/node.abi115.node': 'addon' } },
	{ name: 'platform-package-and-prebuilds', files: { 'prebuilds/linux-x64/node.napi.node': 'addon' }, extra: {
		'node_modules/@nat/nat-linux-x64/package.json': { name: '@nat/nat-linux-x64', version: '1.0.0', os: ['linux'], cpu: ['x64'] },
		'node_modules/@nat/nat-linux-x64/index.js': '',
		'node_modules/@nat/nat-linux-x64/node.abi115.node': 'addon' } },
	{ name: 'platform-package-no-entry', files: {}, extra: {
		'node_modules/@nat/nat-linux-x64/package.json': { name: '@nat/nat-linux-x64', version: '1.0.0', os: ['linux'], cpu: ['x64'] },
		'node_modules/@nat/nat-linux-x64/node.napi.node': 'addon' } },
];

// bindings: bindings('nat')
const BINDINGS = [
	{ name: 'build-release', files: { 'build/Release/nat.node': 'addon' } },
	{ name: 'debug-before-release', files: { 'build/Release/nat.node': 'addon', 'build/Debug/nat.node': 'addon' } },
	{ name: 'build-root', files: { 'build/nat.node': 'addon', 'build/Release/nat.node': 'addon' } },
	{ name: 'out-and-root-dirs', files: { 'out/Release/nat.node': 'addon', 'Release/nat.node': 'addon', 'Debug/nat.node': 'addon' } },
	{ name: 'build-default', files: { 'build/default/nat.node': 'addon' } },
	{ name: 'compiled', files: { 'compiled/20.20.2/linux/x64/nat.node': 'addon', 'compiled/18.20.8/linux/x64/nat.node': 'addon',
		'compiled/20.20.2/darwin/arm64/nat.node': 'addon' } },
	{ name: 'addon-build', files: { 'addon-build/release/install-root/nat.node': 'addon', 'addon-build/default/install-root/nat.node': 'addon' } },
	{ name: 'node-pre-gyp-dir', files: { 'lib/binding/node-v115-linux-x64/nat.node': 'addon', 'lib/binding/node-v127-linux-x64/nat.node': 'addon',
		'lib/binding/node-v115-darwin-arm64/nat.node': 'addon' } },
	{ name: 'wrong-name-only', files: { 'build/Release/other.node': 'addon', 'prebuilds/linux-x64/node.napi.node': 'addon' } },
	{ name: 'nothing', files: {} },
];

// @mapbox/node-pre-gyp find(): package "nat", module_name "nat"
function npg(name, binary, files, extraPkg) {
	return { name, files, pkg: Object.assign({ binary: Object.assign({ module_name: 'nat', host: 'https://example.invalid/' }, binary) }, extraPkg || {}) };
}
// napi_versions needs {napi_build_version} (or {node_napi_label}) in
// package_name or remote_path too (napi.js validate_package_json), as real
// packages have it; 'napi-no-package-name' keeps the invalid config.
const NAPI_PKG = '{module_name}-v{version}-{napi_build_version}-{platform}-{arch}.tar.gz';
const NPG = [
	npg('abi-platform-arch', { module_path: './lib/binding/{node_abi}-{platform}-{arch}' }, {
		'lib/binding/node-v115-linux-x64/nat.node': 'addon', 'lib/binding/node-v108-linux-x64/nat.node': 'addon',
		'lib/binding/electron-v31.0-linux-x64/nat.node': 'addon', 'lib/binding/node-v115-darwin-arm64/nat.node': 'addon' }),
	npg('napi-versions', { module_path: './lib/binding/napi-v{napi_build_version}', napi_versions: [3, 6, 9], package_name: NAPI_PKG }, {
		'lib/binding/napi-v3/nat.node': 'addon', 'lib/binding/napi-v6/nat.node': 'addon' }),
	npg('napi-above-runtime', { module_path: './lib/binding/napi-v{napi_build_version}', napi_versions: [10, 11], package_name: NAPI_PKG }, {
		'lib/binding/napi-v10/nat.node': 'addon' }),
	npg('node-napi-label', { module_path: './lib/binding/{node_napi_label}-{platform}-{arch}', napi_versions: [8],
		remote_path: 'v{version}/{node_napi_label}' }, {
		'lib/binding/napi-v8-linux-x64/nat.node': 'addon', 'lib/binding/node-v115-linux-x64/nat.node': 'addon' }),
	npg('node-napi-label-no-napi', { module_path: './lib/binding/{node_napi_label}-{platform}-{arch}' }, {
		'lib/binding/node-v115-linux-x64/nat.node': 'addon' }),
	npg('libc', { module_path: './lib/binding/{configuration}/{node_abi}-{platform}-{libc}-{arch}' }, {
		'lib/binding/Release/node-v115-linux-glibc-x64/nat.node': 'addon', 'lib/binding/Release/node-v115-linux-musl-x64/nat.node': 'addon',
		'lib/binding/Release/node-v115-darwin-unknown-arm64/nat.node': 'addon' }),
	npg('libc-version', { module_path: './prebuild/{node_abi}-{platform}-{arch}-{libc}-{libc_version}/' }, {
		'prebuild/node-v115-linux-x64-glibc-2.36/nat.node': 'addon', 'prebuild/node-v115-linux-x64-glibc-{libc_version}/nat.node': 'addon' }),
	npg('runtime-target-arch', { module_path: './lib/{runtime}/{target_arch}/{platform}' }, {
		'lib/node/x64/linux/nat.node': 'addon', 'lib/electron/x64/linux/nat.node': 'addon' }),
	npg('name-version-parts', { module_path: './lib/{name}-{version}/{major}.{minor}.{patch}/{module_name}' }, {
		'lib/nat-1.2.3/1.2.3/nat/nat.node': 'addon' }),
	npg('napi-no-package-name', { module_path: './lib/binding/napi-v{napi_build_version}', napi_versions: [3, 6] }, {
		'lib/binding/napi-v6/nat.node': 'addon' }),
	npg('double-slash', { module_path: './lib//binding' }, { 'lib/binding/nat.node': 'addon' }),
	npg('absent', { module_path: './lib/binding/{node_abi}-{platform}-{arch}' }, { 'build/Release/nat.node': 'addon' }),
	npg('module-name-dash', { module_name: 'nat-core', module_path: './binding/{platform}-{arch}' }, {
		'binding/linux-x64/nat-core.node': 'addon', 'binding/darwin-arm64/nat-core.node': 'addon' }),
];

// napi-rs layouts: filled per template (binary name, package name).
function napirs(bin, pkg) {
	const plat = (triple, os, cpu, libc) => {
		const o = { [`node_modules/${pkg}-${triple}/package.json`]: Object.assign({ name: `${pkg}-${triple}`, version: '1.0.0',
			os: [os], cpu: [cpu], main: `${bin}.${triple}.node` }, libc ? { libc: [libc] } : {}),
			[`node_modules/${pkg}-${triple}/${bin}.${triple}.node`]: 'addon' };
		return o;
	};
	const all = Object.assign({}, plat('linux-x64-gnu', 'linux', 'x64', 'glibc'), plat('linux-x64-musl', 'linux', 'x64', 'musl'),
		plat('linux-arm64-gnu', 'linux', 'arm64', 'glibc'), plat('linux-arm64-musl', 'linux', 'arm64', 'musl'),
		plat('linux-arm-gnueabihf', 'linux', 'arm'), plat('linux-arm-musleabihf', 'linux', 'arm'),
		plat('darwin-x64', 'darwin', 'x64'), plat('darwin-arm64', 'darwin', 'arm64'), plat('darwin-universal', 'darwin', 'x64'),
		plat('win32-x64-msvc', 'win32', 'x64'), plat('freebsd-x64', 'freebsd', 'x64'));
	return [
		{ name: 'gnu-package', extra: plat('linux-x64-gnu', 'linux', 'x64', 'glibc') },
		{ name: 'nothing', extra: {} },
		{ name: 'local-beats-package', files: { [`${bin}.linux-x64-gnu.node`]: 'addon', [`${bin}.darwin-arm64.node`]: 'addon' },
			extra: Object.assign({}, plat('linux-x64-gnu', 'linux', 'x64', 'glibc'), plat('darwin-arm64', 'darwin', 'arm64')) },
		{ name: 'musl-package-only', extra: plat('linux-x64-musl', 'linux', 'x64', 'musl') },
		{ name: 'every-platform', extra: all },
		{ name: 'universal-and-x64', extra: Object.assign({}, plat('darwin-universal', 'darwin', 'x64'), plat('darwin-x64', 'darwin', 'x64')) },
		{ name: 'arm-eabihf', extra: Object.assign({}, plat('linux-arm-gnueabihf', 'linux', 'arm'), plat('linux-arm-musleabihf', 'linux', 'arm')) },
		{ name: 'local-files-only', files: { [`${bin}.linux-x64-gnu.node`]: 'addon', [`${bin}.linux-x64-musl.node`]: 'addon', [`${bin}.darwin-universal.node`]: 'addon' } },
	];
}

// Sentry's profiler: shipped, the .node names the real package holds in
// lib/ (its if-tree names exactly those); the others are what a user's
// build from source or sentry-prune-profiler-binaries leave.
function sentry(shipped) {
	const lib = (names) => Object.fromEntries(names.map((n) => ['lib/' + n, 'addon']));
	return [
		{ name: 'as-published', files: lib(shipped) },
		{ name: 'pruned-to-linux-x64-glibc-115', files: lib(['sentry_cpu_profiler-linux-x64-glibc-115.node']) },
		// ABIs the if-tree may not name (node 16's 93, Electron 31's 125):
		// reached only through the identifier's last require()
		{ name: 'built-from-source', files: lib(['sentry_cpu_profiler-linux-x64-glibc-93.node',
			'sentry_cpu_profiler-linux-x64-glibc-125.node', 'sentry_cpu_profiler-linux-arm-glibc-115.node']) },
		{ name: 'electron-rebuilt', files: Object.assign(lib(shipped), { 'build/Release/sentry_cpu_profiler.node': 'addon' }) },
		{ name: 'nothing', files: {} },
	];
}

module.exports = { RUNTIMES, PLATFORMS, target, GYP_TARGETS, NAPIRS_TARGETS, NGB, BINDINGS, NPG, napirs, sentry };
