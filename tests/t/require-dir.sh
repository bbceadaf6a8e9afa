#!/bin/sh
# require-dir.sh - a directory named like an addon (y.node): require()
# resolves it as a file, then X.js/.json/.node, then as a package, and
# throws MODULE_NOT_FOUND when nothing is there.  The truth is this
# machine's node; Node's "\nRequire stack:..." tail is cut (it names the
# caller).  A directory holding an index.js is left unknown.
set -u
OUT=$WORK/require-dir
rm -rf "$OUT" && mkdir -p "$OUT/y.node" "$OUT/pkg.node"
echo 'module.exports = 1;' >"$OUT/pkg.node/index.js"
NODE=$(command -v node || true)
[ -n "$NODE" ] || { echo "skip - require-dir: no node on PATH"; exit 0; }
real=$("$NODE" -e 'try { require(process.argv[1]); console.log("loads") } catch (e) { console.log(e.code + " " + e.message.replace(/\nRequire stack:[\s\S]*$/, "")) }' "$OUT/y.node")
j=$("$AD" check --json "$OUT/y.node" 2>&1)
pred="$(printf '%s' "$j" | sed -n 's/.*"code":"\([^"]*\)".*/\1/p') $(printf '%s' "$j" | sed -n 's/.*"error":"\([^"]*\)".*/\1/p')"
if [ "$real" = "$pred" ]; then echo "ok - require-dir: an empty directory y.node: $real"
else echo "not ok - require-dir: an empty directory y.node: real '$real', predicted '$pred'"; fi
j=$("$AD" check --json "$OUT/pkg.node" 2>&1)
case $j in
*'"outcome":"unknown"'*index.js*) echo "ok - require-dir: a directory with index.js is unknown (JavaScript not followed)" ;;
*) echo "not ok - require-dir: a directory with index.js is unknown"; echo "# got: $j" ;;
esac
