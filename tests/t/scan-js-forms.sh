#!/bin/sh
# scan-js-forms.sh - the ways a package's own JavaScript names an addon that
# was never built, as the static read (src/scan/evidence.c, select.c) must
# see them, each in a synthetic package with no .node file, checked against
# real node require()ing it (no addon exists, so nothing native is loaded):
#   loady     require('loady')('ldx', __dirname) from lib/native/ (bcrypto):
#             loady's walk through build/ of every parent
#   varbind   var getBindings = require("bindings"); getBindings("vb")
#             (libxmljs 1.x), with bindings 1.3.1 (9 places) and 1.5.0 (13)
#   modpath   require('./out/mp') where "binary": {"module_path": "out"}
#             (isolated-vm 5)
#   config    require(`./build/${buildType}/cfg.node`), buildType from
#             process.config.target_defaults.default_configuration (zstd-napi)
#   loop      require('./src/build/' + builds[i] + '/lp') in a try that
#             falls back to a stub (dtrace-provider)
#   hook      an install hook that is no known build tool and a
#             require('../hk.node') two files deep (skia-canvas)
#   perplat   one build per platform in directories that say so
#             (lib/<platform>-<arch>/pp.node, this host's a fixture built here), picked by a path the static
#             read cannot evaluate: the other platforms' files are not
#             used, this target's is (a real Node-API fixture from $FX)
#   deeppkg   the loady call four files deep behind an entry that requires
#             14 modules first (bcrypto 5's lib/bcrypto.js): past the files
#             the breadth-first read takes
#   orderpkg  two broken addons, build/Release/zz (no extension) required
#             before build/Release/aa.node (lz4 0.6's xxhash before lz4):
#             node fails on the one required first, not the first by name
#   spacedpkg require (`../build/Release/sp.node`) with blanks before the
#             parenthesis, in a package whose "binary" field names
#             node-pre-gyp's path (@abandonware/bluetooth-hci-socket)
#   shadowpkg require('./build/Release/sh.node'), in its catch a try of
#             build/Debug whose own catch binds the same name and rethrows
#             it (os-dns-native): the Debug require's error is thrown
#   nomainpkg "main": "build/Release/nm.node", never built (authenticate-pam):
#             Node's own text for a "main" that leads nowhere
#   looppkg   for (const impl of impls) { try { ... require(impl) } catch {} }
#             over ['./impls/native', './impls/js'], the first requiring an
#             unbuilt package (fast-crc32c 2 over sse4_crc32): a fallback
# The real loady 0.0.5, bindings 1.5.0 (with its file-uri-to-path 1.0.0)
# and bindings 1.3.1 (libxmljs's pin) are npm tarballs cached under
# ~/.cache/addon-doctor-tests/js-forms; without them and no registry, a
# skip line.
set -u
NODE=$(command -v node || true)
[ -n "$NODE" ] || { echo "skip - scan-js-forms: no node on PATH"; exit 0; }
BASE=${AD_TEST_CACHE:-${HOME:-/tmp}/.cache/addon-doctor-tests}/js-forms
mkdir -p "$BASE" || exit 1
for spec in loady@0.0.5 bindings@1.5.0 bindings@1.3.1 file-uri-to-path@1.0.0; do
	[ -d "$BASE/$spec/package" ] && continue
	rm -rf "$BASE/$spec.tmp" && mkdir -p "$BASE/$spec.tmp" &&
		(cd "$BASE/$spec.tmp" && npm pack "$spec" --silent >/dev/null 2>&1 && tar xzf ./*.tgz) &&
		[ -f "$BASE/$spec.tmp/package/package.json" ] && mv "$BASE/$spec.tmp" "$BASE/$spec" ||
		{ rm -rf "$BASE/$spec.tmp"; echo "skip - scan-js-forms: cannot fetch $spec from the npm registry"; exit 0; }
done
T=$WORK/scan-js-forms
rm -rf "$T" && mkdir -p "$T/node_modules" || exit 1
printf '{"name":"forms","version":"1.0.0","dependencies":{"ldpkg":"1.0.0","vb13":"1.0.0","vb15":"1.0.0","mppkg":"1.0.0","cfgpkg":"1.0.0","lppkg":"1.0.0","hkpkg":"1.0.0"}}\n' >"$T/package.json"
cp -R "$BASE/loady@0.0.5/package" "$T/node_modules/loady"
cp -R "$BASE/bindings@1.5.0/package" "$T/node_modules/bindings"
cp -R "$BASE/file-uri-to-path@1.0.0/package" "$T/node_modules/file-uri-to-path"
gyp='{"targets":[{"target_name":"x","sources":["x.cc"]}]}'

p=$T/node_modules/ldpkg
mkdir -p "$p/lib/native"
printf '{"name":"ldpkg","version":"1.0.0","main":"./lib/index.js","gypfile":true,"dependencies":{"loady":"~0.0.5"}}\n' >"$p/package.json"
printf '%s\n' "$gyp" >"$p/binding.gyp"
printf "'use strict';\nmodule.exports = require('./native/binding');\n" >"$p/lib/index.js"
printf "'use strict';\nconst binding = require('loady')('ldx', __dirname);\nmodule.exports = binding;\n" >"$p/lib/native/binding.js"

for v in 13 15; do
	p=$T/node_modules/vb$v
	mkdir -p "$p/dist/lib/bindings"
	printf '{"name":"vb%s","version":"1.0.0","main":"dist/index.js","dependencies":{"bindings":"~1.%s.0"},"binary":{"module_name":"vb","module_path":"./build/Release/"},"scripts":{"install":"node-pre-gyp install --fallback-to-build"}}\n' "$v" "${v#1}" >"$p/package.json"
	printf '"use strict";\nObject.defineProperty(exports, "__esModule", { value: true });\nvar bindings_1 = require("./lib/bindings");\nexports.x = bindings_1.x;\n' >"$p/dist/index.js"
	printf '"use strict";\nvar getBindings = require("bindings");\nvar bindings = getBindings("vb");\nexports.x = bindings;\n' >"$p/dist/lib/bindings/index.js"
done
mkdir -p "$T/node_modules/vb13/node_modules"
cp -R "$BASE/bindings@1.3.1/package" "$T/node_modules/vb13/node_modules/bindings"

p=$T/node_modules/mppkg
mkdir -p "$p"
printf '{"name":"mppkg","version":"1.0.0","main":"mp.js","gypfile":true,"binary":{"module_path":"out"},"scripts":{"install":"prebuild-install || node-gyp rebuild --release"}}\n' >"$p/package.json"
printf '%s\n' "$gyp" >"$p/binding.gyp"
printf "module.exports = require('./out/mp').ivm;\n" >"$p/mp.js"

p=$T/node_modules/cfgpkg
mkdir -p "$p/dist"
printf '{"name":"cfgpkg","version":"1.0.0","main":"dist/index.js","scripts":{"install":"prebuild-install -r napi || node-gyp rebuild"}}\n' >"$p/package.json"
printf '%s\n' "$gyp" >"$p/binding.gyp"
printf '"use strict";\nconst binding = require("../binding");\nexports.b = binding;\n' >"$p/dist/index.js"
printf "const buildType =\n  process.config.target_defaults?.default_configuration ?? 'Release';\nmodule.exports = require(\`./build/\${buildType}/cfg.node\`);\n" >"$p/binding.js"

p=$T/node_modules/lppkg
mkdir -p "$p"
printf '{"name":"lppkg","version":"1.0.0","main":"./lp.js","scripts":{"install":"node-gyp rebuild || node suppress-error.js"}}\n' >"$p/package.json"
printf '%s\n' "$gyp" >"$p/binding.gyp"
cat >"$p/lp.js" <<'JS'
var P;
function Stub() {}
var builds = ['Release', 'default', 'Debug'];
var err = null;
for (var i = 0; i < builds.length; i++) {
    try {
        var binding = require('./src/build/' + builds[i] + '/lp');
        P = binding.P;
        break;
    } catch (e) {
        if (err === null) {
            err = e;
        }
    }
}
if (!P) {
    P = Stub;
}
exports.P = P;
JS

p=$T/node_modules/hkpkg
mkdir -p "$p/lib/classes"
printf '{"name":"hkpkg","version":"1.0.0","main":"./lib/index.js","scripts":{"install":"node lib/prebuild.mjs download --or-compile"}}\n' >"$p/package.json"
printf "const { Thing } = require('./classes/thing');\nmodule.exports = { Thing };\n" >"$p/lib/index.js"
printf "const native = require('../hk.node');\nclass Thing {}\nmodule.exports = { Thing, native };\n" >"$p/lib/classes/thing.js"

p=$T/node_modules/perplat
host=$("$NODE" -p 'process.platform + "-" + process.arch')
mkdir -p "$p/lib/$host" "$p/lib/darwin-arm64" "$p/lib/win32-x64"
printf '{"name":"perplat","version":"1.0.0","main":"index.js"}\n' >"$p/package.json"
printf "const dir = process.platform + '-' + process.arch;\nmodule.exports = require('./lib/' + dir + '/pp.node');\n" >"$p/index.js"
cp "$FX/check/napi.node" "$p/lib/$host/pp.node" &&
	cp "$FX/macho/napi-arm64.node" "$p/lib/darwin-arm64/pp.node" &&
	printf 'MZ not really a PE file\n' >"$p/lib/win32-x64/pp.node" || { echo "not ok - scan-js-forms: fixtures missing under $FX"; exit 0; }
sed -i 's/"hkpkg":"1.0.0"}/"hkpkg":"1.0.0","perplat":"1.0.0","deeppkg":"1.0.0","orderpkg":"1.0.0","spacedpkg":"1.0.0"}/' "$T/package.json"

p=$T/node_modules/deeppkg
mkdir -p "$p/lib/native" "$p/lib/js" "$p/lib/internal"
printf '{"name":"deeppkg","version":"1.0.0","main":"./lib/deep.js","gypfile":true,"dependencies":{"loady":"~0.0.5"}}\n' >"$p/package.json"
printf '%s\n' "$gyp" >"$p/binding.gyp"
{
	printf "'use strict';\nexports.aead = require('./aead');\n"
	i=1
	while [ $i -le 13 ]; do printf "exports.m%d = require('./m%d');\n" $i $i; i=$((i + 1)); done
} >"$p/lib/deep.js"
i=1
while [ $i -le 13 ]; do printf "'use strict';\nmodule.exports = %d;\n" $i >"$p/lib/m$i.js"; i=$((i + 1)); done
printf "'use strict';\nif (process.env.NODE_BACKEND === 'js')\n  module.exports = require('./js/aead');\nelse\n  module.exports = require('./native/aead');\n" >"$p/lib/aead.js"
printf "'use strict';\nmodule.exports = {};\n" >"$p/lib/js/aead.js"
printf "'use strict';\nmodule.exports = function assert(x) { if (!x) throw new Error('assertion'); };\n" >"$p/lib/internal/assert.js"
printf "'use strict';\nconst assert = require('../internal/assert');\nconst binding = require('./binding');\nmodule.exports = binding.aead;\n" >"$p/lib/native/aead.js"
printf "'use strict';\nconst binding = require('loady')('dpx', __dirname);\nmodule.exports = binding;\n" >"$p/lib/native/binding.js"

p=$T/node_modules/orderpkg
mkdir -p "$p/lib" "$p/build/Release"
printf '{"name":"orderpkg","version":"1.0.0","main":"./lib/order.js","gypfile":true}\n' >"$p/package.json"
printf '%s\n' "$gyp" >"$p/binding.gyp"
printf "module.exports = require('./utils');\n" >"$p/lib/order.js"
printf "var zz = require('../build/Release/zz');\nexports.zz = zz;\nexports.aa = require('../build/Release/aa.node');\n" >"$p/lib/utils.js"
# zz: an ELF cut after its first 200 bytes; aa: not an ELF file at all
head -c 200 "$FX/check/napi.node" >"$p/build/Release/zz.node" &&
	printf 'not an addon, just text\n' >"$p/build/Release/aa.node" || { echo "not ok - scan-js-forms: fixtures missing under $FX"; exit 0; }

p=$T/node_modules/spacedpkg
mkdir -p "$p/lib"
printf '{"name":"spacedpkg","version":"1.0.0","main":"index.js","dependencies":{"@mapbox/node-pre-gyp":"^1.0.11"},"scripts":{"install":"node-pre-gyp install --build-from-source"},"binary":{"module_name":"sp","module_path":"./lib/binding/","host":"https://example.invalid/","package_name":"{module_name}-{version}-{node_abi}-{platform}-{arch}.tar.gz"}}\n' >"$p/package.json"
printf '%s\n' "$gyp" >"$p/binding.gyp"
printf "var os = require('os');\nif (os.platform() === 'win32')\n  module.exports = require('./lib/other.js');\nelse\n  module.exports = require('./lib/native');\n" >"$p/index.js"
printf "module.exports = {};\n" >"$p/lib/other.js"
printf "const events = require('events');\nconst {Sp} = require \t(\`../build/Release/sp.node\`);\nmodule.exports = Sp;\n" >"$p/lib/native.js"

p=$T/node_modules/shadowpkg
mkdir -p "$p"
printf '{"name":"shadowpkg","version":"1.0.0","main":"index.js","gypfile":true}\n' >"$p/package.json"
printf '%s\n' "$gyp" >"$p/binding.gyp"
cat >"$p/index.js" <<'JS'
'use strict';
let sh;
try {
  sh = require('./build/Release/sh.node');
} catch (err) {
  try {
    sh = require('./build/Debug/sh.node');
  } catch (err) {
    throw err;
  }
}
module.exports = sh;
JS

p=$T/node_modules/nomainpkg
mkdir -p "$p"
printf '{"name":"nomainpkg","version":"1.0.0","main":"build/Release/nm.node","gypfile":true}\n' >"$p/package.json"
printf '%s\n' "$gyp" >"$p/binding.gyp"
p=$T/node_modules/looppkg
mkdir -p "$p/impls"
printf '{"name":"looppkg","version":"1.0.0","main":"./loader","optionalDependencies":{"loopdep":"1.0.0"}}\n' >"$p/package.json"
cat >"$p/loader.js" <<'JS'
module.exports = (function() {
  const impls = [
    './impls/native',
    './impls/js',
  ];
  for (const impl of impls) {
    try {
      const m = require(impl);
      if (m.ok()) {
        return m;
      }
    } catch(e) {
      // ignore the error and try the next implementation
    }
  }
  return {};
})();
JS
printf "const dep = require('loopdep');\nmodule.exports = { ok: () => true, dep };\n" >"$p/impls/native.js"
printf "module.exports = { ok: () => true };\n" >"$p/impls/js.js"
p=$T/node_modules/loopdep
mkdir -p "$p"
printf '{"name":"loopdep","version":"1.0.0","main":"index.js","gypfile":true}\n' >"$p/package.json"
printf '%s\n' "$gyp" >"$p/binding.gyp"
printf "module.exports = require('./build/Release/ld.node');\n" >"$p/index.js"
sed -i 's/"spacedpkg":"1.0.0"}/"spacedpkg":"1.0.0","shadowpkg":"1.0.0","nomainpkg":"1.0.0","looppkg":"1.0.0"}/' "$T/package.json"

# The real outcome of each package, one JSON line: {name, require, code, error}
(cd "$T" && "$NODE" -e '
for (const n of process.argv.slice(1)) {
	let r;
	try { require(n); r = { name: n, require: "loads" }; }
	catch (e) { r = { name: n, require: "throws", code: e.code || null, error: String(e.message).split("\nRequire stack:")[0] }; }
	console.log(JSON.stringify(r));
}' ldpkg vb13 vb15 mppkg cfgpkg lppkg hkpkg perplat deeppkg orderpkg spacedpkg shadowpkg nomainpkg looppkg) >"$T/real.jsonl" 2>"$T/real.err"
"$AD" scan --json "$T" >"$T/scan.jsonl" 2>"$T/scan.err"
rc=$?
[ $rc -le 1 ] || echo "not ok - scan-js-forms: scan exited $rc ($(head -c 300 "$T/scan.err"))"
"$NODE" -e '
const fs = require("fs");
const real = fs.readFileSync(process.argv[1], "utf8").trim().split("\n").map(JSON.parse);
const recs = fs.readFileSync(process.argv[2], "utf8").trim().split("\n").map(l => { try { return JSON.parse(l); } catch { return {}; } })
	.filter(r => r.record === "package");
for (const r of real) {
	const s = recs.find(x => x.package === r.name);
	// node returning with no addon mapped is a fallback to JavaScript
	const want = r.require === "loads" ? (r.name === "perplat" ? "loads" : "falls-back") : "throws";
	const got = s ? s.require : "no record";
	const show = x => JSON.stringify(x).slice(0, 300);
	if (got !== want)
		console.log(`not ok - scan-js-forms ${r.name}: node ${r.require}${r.error ? " " + show(r.error) : ""}; scan says ${got}${s && s.why ? " (" + s.why.slice(0, 200) + ")" : ""}`);
	else if (want === "throws" && (s.error !== r.error || (s.code || null) !== r.code))
		console.log(`not ok - scan-js-forms ${r.name}: node throws ${r.code} ${show(r.error)}; scan says ${s.code} ${show(s.error)}`);
	else
		console.log(`ok - scan-js-forms ${r.name}: ${want}${r.error ? " " + show(r.error.split("\n")[0]) : ""}`);
}' "$T/real.jsonl" "$T/scan.jsonl"
exit 0
