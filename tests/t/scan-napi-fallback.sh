#!/bin/sh
# scan-napi-fallback.sh - napi-rs loaders that end with napi-postinstall's
# fallback (unrs-resolver 1.x):
#   if (!nativeBinding && process.env["SKIP_<NAME>_FALLBACK"] !== '1')
#     try { nativeBinding = require('napi-postinstall/fallback')(require.resolve('./package.json'), true) }
#     catch (err) { loadErrors.push(err) }
# With the platform package absent, napi-postinstall 0.3's fallback.js
# downloads it from the npm registry at require() time (its cli, run
# synchronously) and require()s the package again, so scan must not claim
# the template's "Cannot find native binding" throw: `unknown`, its why
# naming the download and the offline error.  The throw stays when the
# fallback cannot run or does nothing: napi-postinstall not installed, the
# skip variable (as the JS names it) set to 1 in the environment, the
# target's package not among optionalDependencies.  A synthetic tree in
# $WORK; nothing is run but scan.
set -u
NODE=$(command -v node || true)
[ -n "$NODE" ] || { echo "skip - scan-napi-fallback: no node on PATH"; exit 0; }
# the skip variable is read from scan's own environment only for a target
# that is this machine (linux-x64 glibc here)
case $("$NODE" -p 'process.platform + "-" + process.arch + (process.report.getReport().header.glibcVersionRuntime ? "-gnu" : "")') in
linux-x64-gnu) ;;
*) echo "skip - scan-napi-fallback: the host is not linux-x64 glibc (the skip-variable cases need a host target)"; exit 0 ;;
esac
T=$WORK/scan-napi-fallback
rm -rf "$T" && mkdir -p "$T" || exit 1
ERR='Cannot find native binding. npm has a bug related to optional dependencies (https://github.com/npm/cli/issues/4828). Please try `npm i` again after removing both package-lock.json and node_modules directory.'

# mk DIR OPTIONAL(yes/no) POSTINSTALL(yes/no)
mk() {
	d=$T/$1
	mkdir -p "$d/node_modules/fbpkg"
	printf '{"name":"proj","version":"1.0.0","dependencies":{"fbpkg":"1.2.3"}}\n' >"$d/package.json"
	if [ "$2" = yes ]; then opt='"optionalDependencies":{"fbpkg-linux-x64-gnu":"1.2.3","fbpkg-darwin-arm64":"1.2.3"},'
	else opt='"optionalDependencies":{"fbpkg-darwin-arm64":"1.2.3"},'; fi
	printf '{"name":"fbpkg","version":"1.2.3","main":"index.js",%s"dependencies":{"napi-postinstall":"^0.3.7"},"napi":{"binaryName":"fb","packageName":"fbpkg","targets":["x86_64-unknown-linux-gnu","aarch64-apple-darwin"]}}\n' \
		"$opt" >"$d/node_modules/fbpkg/package.json"
	cat >"$d/node_modules/fbpkg/index.js" <<'JS'
let nativeBinding = null
const loadErrors = []
function requireNative() {
  if (process.platform === 'linux' && process.arch === 'x64') {
    try {
      return require('./fb.linux-x64-gnu.node')
    } catch (e) {
      loadErrors.push(e)
    }
    try {
      return require('fbpkg-linux-x64-gnu')
    } catch (e) {
      loadErrors.push(e)
    }
  } else if (process.platform === 'darwin' && process.arch === 'arm64') {
    try {
      return require('./fb.darwin-arm64.node')
    } catch (e) {
      loadErrors.push(e)
    }
    try {
      return require('fbpkg-darwin-arm64')
    } catch (e) {
      loadErrors.push(e)
    }
  }
}
nativeBinding = requireNative()
if (!nativeBinding && process.env["SKIP_FBPKG_FALLBACK"] !== '1') {
  try {
    nativeBinding = require('napi-postinstall/fallback')(
      require.resolve('./package.json'),
      true,
    )
  } catch (err) {
    loadErrors.push(err)
  }
}
if (!nativeBinding) {
  if (loadErrors.length > 0) {
    throw new Error(
      `Cannot find native binding. ` +
        `npm has a bug related to optional dependencies (https://github.com/npm/cli/issues/4828). ` +
        'Please try `npm i` again after removing both package-lock.json and node_modules directory.',
    )
  }
  throw new Error(`Failed to load native binding`)
}
module.exports = nativeBinding
JS
	if [ "$3" = yes ]; then
		mkdir -p "$d/node_modules/napi-postinstall/lib"
		printf '{"name":"napi-postinstall","version":"0.3.8","main":"./lib/index.js","exports":{".":"./lib/index.js","./fallback":"./lib/fallback.js","./package.json":"./package.json"}}\n' \
			>"$d/node_modules/napi-postinstall/package.json"
		printf 'module.exports = function fallback() { throw new Error("stub: never run") }\n' \
			>"$d/node_modules/napi-postinstall/lib/fallback.js"
	fi
}
mk fallback yes yes
mk nopostinstall yes no
mk unlisted no yes

# check NAME DIR WANT-REQUIRE WANT-ERROR WHY-TEXT [env...]
check() {
	name=$1 dir=$2 want=$3 werr=$4 wwhy=$5
	shift 5
	env "$@" "$AD" scan --json --target node@20/linux-x64 "$T/$dir" >"$T/$name.out" 2>"$T/$name.err"
	"$NODE" -e '
		const [file, name, want, werr, wwhy] = process.argv.slice(1);
		const recs = require("fs").readFileSync(file, "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l));
		const p = recs.find((r) => r.record === "package" && r.package === "fbpkg");
		const bad = [];
		if (!p) bad.push("no package record for fbpkg");
		else {
			if (p.require !== want) bad.push(`require ${p.require}, want ${want}`);
			if ((p.error || "") !== werr) bad.push(`error ${JSON.stringify(p.error)}`);
			if (wwhy && !(p.why || "").includes(wwhy)) bad.push(`why ${JSON.stringify(p.why)} lacks ${JSON.stringify(wwhy)}`);
			// the real fix is the install with optional dependencies
			if (want === "unknown" && !/install fbpkg-linux-x64-gnu|npm ci/.test(p.fix || ""))
				bad.push(`fix ${JSON.stringify(p.fix)} does not install the optional package`);
		}
		console.log(bad.length ? `not ok - scan-napi-fallback ${name}: ${bad.join("; ")}` : `ok - scan-napi-fallback ${name}`);
	' "$T/$name.out" "$name" "$want" "$werr" "$wwhy"
}
WHY='downloads fbpkg-linux-x64-gnu@1.2.3 from the npm registry at require() time'
check fallback fallback unknown '' "$WHY" SKIP_FBPKG_FALLBACK=
check fallback-offline-error fallback unknown '' 'else it throws "Cannot find native binding."' SKIP_FBPKG_FALLBACK=
check fallback-skip-var-named fallback unknown '' '(unless SKIP_FBPKG_FALLBACK=1 is set)' SKIP_FBPKG_FALLBACK=
check skip-env-set fallback throws "$ERR" '' SKIP_FBPKG_FALLBACK=1
check other-skip-env-set fallback unknown '' "$WHY" SKIP_OTHER_FALLBACK=1
check no-napi-postinstall nopostinstall throws "$ERR" ''
check not-in-optional unlisted throws "$ERR" ''
# another target: its own package named, the same download
"$AD" scan --json --target node@20/darwin-arm64 "$T/fallback" >"$T/darwin.out" 2>&1
if grep -q '"record":"package".*"require":"unknown".*downloads fbpkg-darwin-arm64@1.2.3' "$T/darwin.out"; then
	echo "ok - scan-napi-fallback darwin-arm64 target"
else
	echo "not ok - scan-napi-fallback darwin-arm64 target: $(grep -m1 '"record":"package"' "$T/darwin.out")"
fi
# a local binding: the fallback never runs, the file is what loads
mkdir -p "$T/local" && cp -R "$T/fallback/." "$T/local/"
cp "$AD" "$T/local/node_modules/fbpkg/fb.linux-x64-gnu.node" 2>/dev/null
"$AD" scan --json --target node@20/linux-x64 "$T/local" >"$T/local.out" 2>&1
if grep '"record":"package"' "$T/local.out" | grep -q '"file":"[^"]*fb.linux-x64-gnu.node"'; then
	echo "ok - scan-napi-fallback local binding picked, no fallback"
else
	echo "not ok - scan-napi-fallback local binding: $(grep -m1 '"record":"package"' "$T/local.out")"
fi
exit 0
