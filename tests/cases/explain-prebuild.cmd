# prebuilt-binary loaders (loader-facts.md 9): node-gyp-build, napi-rs / platform packages, bindings, node-pre-gyp, missing build
$AD explain --no-inspect "Error: No native build was found for platform=darwin arch=arm64 runtime=node abi=93 uv=1 armv=8 libc=glibc node=16.19.1
    loaded from: /Users/u/app/node_modules/@dimensional/napi-canon-cameras"; echo "exit $?"
$AD explain --no-inspect "Error: Cannot find module @rollup/rollup-linux-x64-gnu. npm has a bug related to optional dependencies (https://github.com/npm/cli/issues/4828). Please try \`npm i\` again after removing both package-lock.json and node_modules directory."; echo "exit $?"
$AD explain --no-inspect "Error: Cannot find native binding. npm has a bug related to optional dependencies (https://github.com/npm/cli/issues/4828)."; echo "exit $?"
$AD explain --no-inspect "Error: Could not locate the bindings file. Tried:
 → /app/node_modules/x/build/x.node
 → /app/node_modules/x/build/Release/x.node"; echo "exit $?"
$AD explain --no-inspect "Error: Cannot find module '/w/node_modules/x/build/Release/x.node'
Require stack:
- /w/index.js"; echo "exit $?"
$AD explain --no-inspect "Error: Loading non-context-aware native module in renderer: '/app/node_modules/x/build/Release/x.node'. See https://github.com/electron/electron/issues/18397."; echo "exit $?"
# a build/Release request without the extension (old loaders) is the compiled addon
$AD explain --no-inspect "Error: Cannot find module '../build/Release/canvas'
    at Object.<anonymous> (/srv/node_modules/canvas/lib/bindings.js:2:18)"; echo "exit $?"
