#!/bin/sh
# hostile-js.sh - the static read of packages' JavaScript (src/scan/evidence.c)
# on hostile packages: an entry that climbs out of the package is never read
# (its bindings name must not reach the report), truncated calls at the end
# of a file (requires and ES imports), a FIFO as index.js, a 600 KB file of
# requires, 6000 imports of bindings and requires of node-gyp-build (420 KB), a
# pkg-prebuilds dependent with 60 root files, a chain of 100 relative requires and 40 files requiring each other all end cleanly,
# in bounded time, with no sanitizer report.  Runs the ASan build under
# `timeout`.
set -u
W=$WORK/hostile-js
rm -rf "$W" && mkdir -p "$W/proj/node_modules"
P=$W/proj
NM=$P/node_modules
printf '{"name":"proj","version":"1.0.0"}\n' >"$P/package.json"
pkg() { mkdir -p "$NM/$1"; printf '%s\n' "$2" >"$NM/$1/package.json"; printf "{ 'targets': [] }\n" >"$NM/$1/binding.gyp"; }

# 1. an entry outside the package: ../../../outside.js names "leakname"
printf "module.exports = require('bindings')('leakname')\n" >"$W/outside.js"
pkg esc '{"name":"esc","version":"1.0.0","main":"../../../outside.js","dependencies":{"bindings":"*"}}'
# 2. truncated calls at the very end of the files
pkg trunc '{"name":"trunc","version":"1.0.0","main":"index.js"}'
printf "try { require('bindings')(" >"$NM/trunc/index.js"
pkg trunc2 '{"name":"trunc2","version":"1.0.0","main":"index.js"}'
printf "try { x = require('./build/Release/a.node') } catch (e" >"$NM/trunc2/index.js"
pkg trunc3 '{"name":"trunc3","version":"1.0.0","main":"index.js"}'
printf "require\$1('../build/Release/x.node'); require(" >"$NM/trunc3/index.js"
# the forms read since: loady's call, a bindings variable, createRequire,
# a template, each cut at the end of the file (padding before the cut)
pkg trunc4 '{"name":"trunc4","version":"1.0.0","main":"index.js"}'
printf "require('loady')('x',          " >"$NM/trunc4/index.js"
pkg trunc5 '{"name":"trunc5","version":"1.0.0","main":"index.js"}'
printf "var gb = require('bindings'); gb" >"$NM/trunc5/index.js"
pkg trunc6 '{"name":"trunc6","version":"1.0.0","main":"index.js"}'
printf "const r = createRequire(import.meta.url" >"$NM/trunc6/index.js"
pkg trunc7 '{"name":"trunc7","version":"1.0.0","main":"index.js"}'
printf 'const t = process.config.target_defaults; require(`./build/${t' >"$NM/trunc7/index.js"
# blanks between require and its parenthesis, cut in the blanks, after
# the parenthesis, and after four blanks (the most read)
pkg trunc8 '{"name":"trunc8","version":"1.0.0","main":"index.js"}'
printf "x = require  \t" >"$NM/trunc8/index.js"
pkg trunc9 '{"name":"trunc9","version":"1.0.0","main":"index.js"}'
printf "x = require \t (" >"$NM/trunc9/index.js"
pkg trunc10 '{"name":"trunc10","version":"1.0.0","main":"index.js"}'
printf "try { x = require('./build/Release/a.node') } catch (e) { require    " >"$NM/trunc10/index.js"
# the same cut in a file of 32766 bytes: its buffer (the size + 2, in its
# own arena block) ends 2 bytes after the text, so under ASan a read 2 or
# more bytes past the end of the text is caught
pkg trunc11 '{"name":"trunc11","version":"1.0.0","main":"index.js"}'
{ head -c 32751 /dev/zero | tr '\0' ' '; printf "x = require   \t"; } >"$NM/trunc11/index.js"
# ES module imports cut at the end: in the module name, after the word,
# after a bindings import's call parenthesis
pkg trunc12 '{"name":"trunc12","version":"1.0.0","main":"index.js"}'
printf "import b from 'bindin" >"$NM/trunc12/index.js"
pkg trunc13 '{"name":"trunc13","version":"1.0.0","main":"index.js"}'
printf "x = 1; import" >"$NM/trunc13/index.js"
pkg trunc14 '{"name":"trunc14","version":"1.0.0","main":"index.js"}'
printf "import b from 'bindings'; try { b.default(" >"$NM/trunc14/index.js"
# 6000 imports of bindings never called and 6000 requires of
# node-gyp-build whose name is never called: each would read the rest of
# the file (quadratic) if looked at more than once
pkg manyimp '{"name":"manyimp","version":"1.0.0","main":"index.js"}'
awk 'BEGIN { for (i = 0; i < 6000; i++) printf "import b%d from \"bindings\";\nvar g%d = require(\"node-gyp-build\");\n", i, i }' >"$NM/manyimp/index.js"
# a pkg-prebuilds dependent with 60 root files, none its caller
pkg ppmany '{"name":"ppmany","version":"1.0.0","main":"index.js","dependencies":{"pkg-prebuilds":"*"}}'
i=0
while [ $i -lt 60 ]; do
	awk 'BEGIN { for (k = 0; k < 400; k++) printf "const pkgPrebuilds = require(\"pkg-prebuilds\"); // %d\n", k }' >"$NM/ppmany/f$i.js"
	i=$((i + 1))
done
mkdir -p "$NM/ppmany/build/Release" && printf 'not an addon\n' >"$NM/ppmany/build/Release/pp.node"
# 3. a FIFO as the entry
pkg fifo '{"name":"fifo","version":"1.0.0","main":"index.js"}'
mkfifo "$NM/fifo/index.js" 2>/dev/null || true
# 4. 600 KB of requires (past the 512 KB read cap) and 5. a chain of 100 files
pkg big '{"name":"big","version":"1.0.0","main":"index.js"}'
awk 'BEGIN { for (i = 0; i < 30000; i++) printf "require(\"./m%d\");\n", i }' >"$NM/big/index.js"
pkg chain '{"name":"chain","version":"1.0.0","main":"c0.js"}'
i=0
while [ $i -lt 100 ]; do printf "require('./c%d')\n" $((i + 1)) >"$NM/chain/c$i.js"; i=$((i + 1)); done
# 6. 40 files that each require all 40 (cycles everywhere, no loader
# call): past the breadth-first read's files, the depth-first pass must
# stop at its own bound and never loop
pkg wide '{"name":"wide","version":"1.0.0","main":"w0.js"}'
i=0
while [ $i -lt 40 ]; do
	awk 'BEGIN { for (k = 39; k >= 0; k--) printf "require(\"./w%d\");\n", k }' >"$NM/wide/w$i.js"
	i=$((i + 1))
done

timeout 60 "$AD" scan --json --target node@20 "$P" >"$W/out" 2>"$W/err"; rc=$?
if [ $rc -le 1 ] && ! grep -q 'AddressSanitizer\|runtime error' "$W/err"; then
	echo "ok - hostile-js: truncated calls, a FIFO entry, 600 KB, a 100-file chain and a 40-file cycle: scan ends (exit $rc), no sanitizer report"
else
	echo "not ok - hostile-js: scan exit $rc"; head -5 "$W/err" | sed 's/^/# /'
fi
if [ -s "$W/out" ] && ! grep -q 'leakname' "$W/out"; then
	echo "ok - hostile-js: an entry outside the package (main: ../../../outside.js) is not read"
else
	echo "not ok - hostile-js: the entry outside the package was read (or no output)"; grep -o '.\{40\}leakname.\{20\}' "$W/out" | head -2 | sed 's/^/# /'
fi
missing=
for p in trunc trunc2 trunc3 trunc8 trunc9 trunc10 trunc11 trunc12 trunc13 trunc14 manyimp big chain fifo wide; do
	grep -q "\"record\":\"package\",\"package\":\"$p\"" "$W/out" || missing="$missing $p"
done
if [ -z "$missing" ]; then echo "ok - hostile-js: every hostile package still gets its package record"
else echo "not ok - hostile-js: no package record for:$missing (each has a binding.gyp)"; fi
