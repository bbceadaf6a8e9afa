# needs: elf/napi.node
# A package-specific loader that reads process.versions.node (deasync's
# bin/<platform>-<arch>-node-<major.minor>, then -node-<major>) on Electron
# targets: the Node inside each exact release comes from data/electron-
# node.tsv (31.0.0 -> 20.14.0, 25.9.8 -> 18.15.0), so the file is picked;
# 42.11.9's Node and a line's (electron@31) are not known, and said so.
# The index.js holds the lines loader_custom.c replays (deasync 0.1.x).
d=$WORK/scan-custom-electron; rm -rf "$d"; mkdir -p $d/node_modules/deasync/bin/linux-x64-node-20 $d/node_modules/deasync/bin/linux-x64-node-18
printf '{"name":"app","version":"1.0.0","dependencies":{"deasync":"0.1.30"}}\n' >$d/package.json
printf '{"name":"deasync","version":"0.1.30","main":"index.js","dependencies":{"bindings":"^1.5.0"},"gypfile":true}\n' >$d/node_modules/deasync/package.json
cat >$d/node_modules/deasync/index.js <<'JS'
var nodeV = 'node-' + /[0-9]+\.[0-9]+/.exec(process.versions.node)[0]
var nodeVM = 'node-' + /[0-9]+/.exec(process.versions.node)[0]
var modPath = path.join(__dirname, 'bin', process.platform + '-' + process.arch + '-' + nodeV, 'deasync')
modPath = path.join(__dirname, 'bin', process.platform + '-' + process.arch + '-' + nodeVM, 'deasync')
binding = require('bindings')('deasync')
JS
cp elf/napi.node $d/node_modules/deasync/bin/linux-x64-node-20/deasync.node
cp elf/napi.node $d/node_modules/deasync/bin/linux-x64-node-18/deasync.node
$AD scan --target electron@31.0.0 --target electron@25.9.8 --target electron@42.11.9 --target electron@31 $d; echo "exit $?"
$AD scan --json --target electron@31.0.0 --target electron@25.9.8 $d | grep '"status"' | grep -o '"path":"[^"]*"\|"target":"[^"]*"\|"status":"[^"]*"' | paste -d' ' - - -
