#!/bin/sh
# explain-hostile.sh - `explain` on hostile pastes (issue 13, items 3 and 9).
#
# 1. Inputs up to the 4 MiB cap that made matching quadratic: a run of
#    blanks against patterns that start with a blank, and one long line of
#    a repeated shape (find_unless rescanned the line per occurrence).  The
#    bound is a generous timeout, not a timing target: linear matching takes
#    well under a second here even under ASan, the quadratic one hours.
# 2. Files named in pasted text: only regular files with an addon's or a
#    library's name are opened, and nothing of a file that is not a binary
#    is ever quoted ("The module '/etc/shadow' ..." printed root:*:...).
# 3. Pastes cut short inside each shape added for issue 16's later batches,
#    and 4 MiB of those shapes: no crash, no hang.
set -u
D=$WORK/explain-hostile
rm -rf "$D"; mkdir -p "$D"
T=${EXPLAIN_HOSTILE_TIMEOUT:-60}
CAP=4194304
ok() { if eval "$2"; then echo "ok - $1"; else echo "not ok - $1"; sed 's/^/# /' "$D/out" | head -20; fi; }
# run NAME FILE [ARGS]: explain --json on FILE under the timeout; sets rc
run() {
	f=$1; shift
	timeout "$T" "$AD" explain --no-inspect --json "$@" - <"$f" >"$D/out" 2>&1
	rc=$?
}
blanks() { head -c "$1" /dev/zero | tr '\0' "$2"; }

# --- 1. bounded work per byte ---------------------------------------------
blanks $CAP ' ' >"$D/spaces"
run "$D/spaces"
ok "4 MiB of spaces: done within ${T}s, not recognised" '[ $rc -eq 1 ] && grep -q "\"cause\":\"unknown\"" "$D/out"'

# blank runs of every kind, then a message: still found after the run
{ blanks 1400000 ' '; blanks 1400000 '\n'; blanks 1300000 '\t'; printf 'Error: /w/x.node: invalid ELF header\n'; } >"$D/blanks-msg"
run "$D/blanks-msg"
ok "4 MiB of mixed blanks then a message: done within ${T}s, recognised" '[ $rc -eq 0 ] && grep -q "\"recognised\":\"glibc-invalid-elf-header\"" "$D/out" && grep -q "\"file\":\"/w/x.node\"" "$D/out"'

# blanks inside a pattern's place: " requires Node-API version " with wide gaps
{ printf 'x.node'; blanks 2000000 ' '; printf 'requires Node-API version'; blanks 2000000 ' '; printf '9\n'; } >"$D/wide"
run "$D/wide"
ok "a message with 2 MB blank gaps: done within ${T}s, recognised" '[ $rc -eq 0 ] && grep -q "\"recognised\":\"napi-version-too-new\"" "$D/out"'

# one 4 MiB line: "symbol lookup error" then ": undefined symbol: x" repeated
{ printf '/usr/bin/node: symbol lookup error'; yes ': undefined symbol: x' | head -n 199000 | tr -d '\n'; printf '\n'; } >"$D/repeat"
run "$D/repeat"
ok "4 MiB line of a repeated shape: done within ${T}s, lazy symbol recognised" '[ $rc -eq 0 ] && grep -q "\"recognised\":\"glibc-symbol-lookup-error\"" "$D/out"'

# the same with an eager ": undefined symbol:" on a later line: still found
{ cat "$D/repeat"; printf 'Error: /w/y.node: undefined symbol: napi_foo\n'; } >"$D/repeat2"
run "$D/repeat2"
ok "repeated-shape line then another shape: both found" '[ $rc -eq 0 ] && grep -q "\"also\":\[\"glibc-undefined-symbol\"\]" "$D/out"'

# 4 MiB of ": " (a dozen patterns start with ':') and a 4 MiB path line
yes ': ' | head -n 1400000 | tr -d '\n' | head -c $CAP >"$D/colons"
run "$D/colons"
ok "4 MiB of ': ': done within ${T}s" '[ $rc -eq 1 ]'
{ blanks 4000000 'x'; printf ': ELF file version ident does not match current one\n'; } >"$D/longpath"
run "$D/longpath"
ok "a 4 MB path before the message: done within ${T}s, recognised" '[ $rc -eq 0 ] && grep -q "\"recognised\":\"glibc-bad-ident\"" "$D/out"'

# past the cap: cut and said so
{ cat "$D/spaces"; printf 'Error: /w/x.node: invalid ELF header\n'; } >"$D/over"
run "$D/over"
ok "input past 4 MiB: cut, input_truncated" '[ $rc -eq 1 ] && grep -q "\"input_truncated\":true" "$D/out"'

# --- 1b. paste cleaning (clean.c) and the localised Windows texts -------
# Every prefix strip consumes bytes and every other pass is one walk, so
# 4 MiB of prefixes, colour-code near misses, escapes or near-miss
# localised texts cost a walk, and what follows is still recognised.
yes '0|app  | > [2024-01-02 03:04:05] ' | head -c $((CAP - 200)) >"$D/prefixes"
echo 'Error: /w/node_modules/x/x.node: invalid ELF header' >>"$D/prefixes"
run "$D/prefixes"
ok "4 MiB of stacked line prefixes: done within ${T}s" '[ $rc -le 1 ]'
yes '[1;2;3;4;5;6;7;8;9' | tr -d '\n' | head -c $((CAP - 100)) >"$D/csi"
printf '\nError: /w/x.node: invalid ELF header\n' >>"$D/csi"
run "$D/csi"
ok "4 MiB of unterminated colour codes: done, recognised" '[ $rc -eq 0 ] && grep -q "\"cause\":\"wrong-os\"" "$D/out"'
{ printf '"stack":"'; yes '\\n\\u00e9\\' | tr -d '\n' | head -c $((CAP - 100)); } >"$D/json"
run "$D/json"
ok "4 MiB of JSON escapes: done within ${T}s" '[ $rc -le 1 ]'
yes 'Das angegebene Modul wurde nicht gefunde' | tr -d '\n' | head -c $((CAP - 100)) >"$D/winloc"
run "$D/winloc"
ok "4 MiB of near-miss localised texts: done within ${T}s, not recognised" '[ $rc -eq 1 ]'
# glibc's translated texts (l10n.c): near misses of the key whose
# fragments share the longest prefixes (the costliest position of the
# table), translations whose English is longer than they are (the output's
# growth is capped: past it the text stays as it was, and an English
# message after them is still read), and 4 MiB of mojibake lines.
yes 'не може да се задели памет за заглавието на програмат#' | tr -d '\n' | head -c $((CAP - 100)) >"$D/l10n-near"
run "$D/l10n-near"
ok "4 MiB of near-miss glibc translations: done within ${T}s, not recognised" '[ $rc -eq 1 ]'
{ yes '载入共享库时出错' | tr -d '\n' | head -c $((CAP - 200)); printf '\nError: /w/x.node: invalid ELF header\n'; } >"$D/l10n-grow"
run "$D/l10n-grow"
ok "4 MiB of translations longer in English: done within ${T}s, the message after them recognised" '[ $rc -eq 0 ] && grep -q "\"cause\":\"wrong-os\"" "$D/out"'
{ yes 'nÃ£o Ã© possÃ­vel ' | head -c $((CAP - 300)); printf '\nError: /w/x.node: cabeÃ§alho de ELF invÃ¡lido\n'; } >"$D/l10n-moji"
run "$D/l10n-moji"
ok "4 MiB of mojibake lines: done within ${T}s, the pt_BR mojibake message recognised" '[ $rc -eq 0 ] && grep -q "\"cause\":\"wrong-os\"" "$D/out"'

# One 4 MiB line of glibc version lines (the fuzzer's find): every one is
# read to pick the highest, so finding each one's provider and requirer
# must not walk the whole line.
yes 'Error: /lib64/libm.so.6: version `GLIBC_2.29'"'"' not found (required by /v/A.so.6: ' | tr -d '\n' | head -c $((CAP - 100)) >"$D/vlines"
run "$D/vlines"
ok "4 MiB line of version lines: done within ${T}s, recognised" '[ $rc -eq 0 ] && grep -q "\"cause\":\"glibc-too-old\"" "$D/out"'

# --- 2. the file a paste names --------------------------------------------
abi() { printf "Error: The module '%s'\nwas compiled against a different Node.js version using\nNODE_MODULE_VERSION 93. This version of Node.js requires\nNODE_MODULE_VERSION 115." "$1"; }
printf 'root:SECRET-hash-0123:19000:0:99999:7:::\ndaemon:*:19000:0:99999:7:::\n' >"$D/shadow"
"$AD" explain --json "$(abi "$D/shadow")" >"$D/out" 2>&1; rc=$?
ok "a non-addon name (./shadow): not inspected, nothing quoted" '[ $rc -eq 0 ] && ! grep -q "SECRET\|root:" "$D/out" && grep -q "\"verdict\":\"not inspected: the name is not" "$D/out" && grep -q "\"facts\":\[\]" "$D/out"'

# the same bytes under an addon's name: inspected, size only, never content
cp "$D/shadow" "$D/secret.node"
for mode in "" --json; do
	"$AD" explain $mode "$(abi "$D/secret.node")" >"$D/out" 2>&1; rc=$?
	ok "text under a .node name${mode:+ ($mode)}: not quoted" '[ $rc -eq 0 ] && ! grep -q "SECRET\|root:\|daemon" "$D/out" && grep -q "is not an ELF, Mach-O or PE binary" "$D/out"'
done

# a symlink with an addon's name to a real system text file
if [ -r /etc/passwd ]; then
	ln -s /etc/passwd "$D/passwd.node"
	"$AD" explain "$(abi "$D/passwd.node")" >"$D/out" 2>&1
	ok "x.node -> /etc/passwd: its first bytes are not printed" '! grep -q "root:\|looks like text" "$D/out"'
else
	echo "skip - x.node -> /etc/passwd: no readable /etc/passwd"
fi

# a device or a FIFO under an addon's name: never read, never blocks
ln -s /dev/zero "$D/zero.node"
timeout 10 "$AD" explain --json "$(abi "$D/zero.node")" >"$D/out" 2>&1; rc=$?
ok "x.node -> /dev/zero: not a regular file, not inspected" '[ $rc -eq 0 ] && grep -q "\"verdict\":\"not inspected: the name is not a regular file here\"" "$D/out"'
if mkfifo "$D/fifo.node" 2>/dev/null; then
	timeout 10 "$AD" explain --json "$(abi "$D/fifo.node")" >"$D/out" 2>&1; rc=$?
	ok "a FIFO named x.node: does not block, not inspected" '[ $rc -eq 0 ] && grep -q "\"verdict\":\"not inspected: the name is not a regular file here\"" "$D/out"'
else
	echo "skip - FIFO: mkfifo failed"
fi

# a shared library's name is inspected (a real ELF: facts from its header)
lib=$(ls /lib/x86_64-linux-gnu/libc.so.6 /lib/aarch64-linux-gnu/libc.so.6 /lib64/libc.so.6 /usr/lib/libc.so.6 2>/dev/null | head -n 1)
if [ -n "$lib" ]; then
	"$AD" explain --json "Error: $lib: wrong ELF class: ELFCLASS32" >"$D/out" 2>&1
	ok "libc.so.6 named: inspected as an ELF" 'grep -q "this file is a .*ELF" "$D/out"'
else
	echo "skip - shared library: no libc.so.6 found"
fi
# --- 3. the shapes added for issue 16's later batches, cut short ---------
# every scanner of a new shape stops at the end of a paste that ends inside
# it: an autolink, util.inspect's join, a syslog prefix, a wrapped musl
# line, a quoted name, a UUID, a dyld reason; never a crash, never a hang
n=0; badc=0
for frag in '[libssl.so](http://libssl.so' '[x](https://x' "'a\\n' +" "'a\\n' +\n" "x' +\n  'y' +\n" \
	'Dec  7 10:11' 'Dec 17 10:11:12 host' 'Dec 17 10:11:12 host prog[1]:' '>>' 'Error relocating\n' 'Error relocating\n/x.node:\n' \
	'Dynamic require of "' 'Dynamic require of "../x.node' "dlopen failed: couldn't map \"" 'exec /usr/local/bin/node: exec format error' \
	'exec : exec format error' 'message text for message number 0x%1' 'package.json does not exist at ' \
	'Referenced from: <' 'Referenced from: <4C4C' 'not valid for use in process Electron Framework.framework Referenced from: <' \
	"' is not yet supported in Bun" 'Found bindings for the following environments:' 'Found bindings for the following environments:\n\n  - Linux 64-bit with Node' \
	'was compiled against the ABI-stable Node.js API (N-API) --napi-modules' 'Cannot find module "../build/Release/x.node" from "' \
	'undefined symbol: ' 'Error: Bindings not found. @swc/core' '不是有效的' '不是有效的win32' 'Unknown system error -86'; do
	n=$((n + 1))
	printf '%b' "$frag" >"$D/frag"
	run "$D/frag"
	if [ $rc -gt 1 ] || grep -q 'Sanitizer\|runtime error' "$D/out"; then badc=$((badc + 1)); sed 's/^/# /' "$D/out" | head -5; fi
done
ok "$n pastes cut inside a new shape: no crash, no hang" '[ $badc -eq 0 ]'

# the new scanners on 4 MiB of their own shape: linear, within the timeout
python3 -c "import sys; sys.stdout.write('[a.so](http://a.so' * 230000)" >"$D/links" 2>/dev/null &&
	{ run "$D/links"; ok "4 MiB of unclosed autolinks: done within ${T}s" '[ $rc -le 1 ]'; }
python3 -c "import sys; sys.stdout.write(\"'a\\\\n' +\\n\" * 500000)" >"$D/joins" 2>/dev/null &&
	{ run "$D/joins"; ok "4 MiB of util.inspect joins: done within ${T}s" '[ $rc -le 1 ]'; }
python3 -c "import sys; sys.stdout.write('不是有效的 ' * 260000)" >"$D/cjk" 2>/dev/null &&
	{ run "$D/cjk"; ok "4 MiB of a CJK message's start: done within ${T}s" '[ $rc -le 1 ]'; }
python3 -c "import sys; sys.stdout.write('Dec 17 10:11:12 h p[1]: x\\n' * 150000)" >"$D/syslog" 2>/dev/null &&
	{ run "$D/syslog"; ok "4 MiB of syslog lines: done within ${T}s" '[ $rc -le 1 ]'; }
exit 0
