#!/bin/sh
# explain-confirm.sh - explain checks its diagnosis against the file the message
# names: builds tiny foreign binaries (clang + lld) and a truncated file, then
# asserts the facts and the confirmed/corrected cause.
set -u
D=$WORK/explain-confirm
rm -rf "$D"; mkdir -p "$D"
host=$(uname -m)
LLD=$(command -v ld.lld || command -v ld.lld-14 || true)
ok() { if eval "$2"; then echo "ok - $1"; else echo "not ok - $1"; sed 's/^/# /' "$D/out"; fi; }

# 1. an arm64 ELF named in glibc's "No such file" text (foreign e_machine)
if [ "$host" = x86_64 ] && command -v clang >/dev/null && [ -n "$LLD" ]; then
	echo 'int f(void){return 1;}' | clang --target=aarch64-linux-gnu --ld-path="$LLD" -shared -nostdlib -o "$D/arm64.node" -x c - 2>"$D/cc.log"
	"$AD" explain "Error: $D/arm64.node: cannot open shared object file: No such file or directory" >"$D/out"; rc=$?
	ok "foreign ELF: exit 0" '[ $rc -eq 0 ]'
	ok "foreign ELF: fact names arm64 ELF" 'grep -q "this file is a 64-bit arm64 ELF" "$D/out"'
	ok "foreign ELF: host named" 'grep -q "this machine is linux x64" "$D/out"'
	ok "foreign ELF: wrong-arch confirmed" 'grep -q "^Cause: *wrong-arch" "$D/out" && grep -q "Diagnosis: *confirmed by the file" "$D/out"'
	# The same file under a message that claimed another cause is corrected.
	"$AD" explain --json "Error: $D/arm64.node: invalid ELF header" >"$D/out"
	ok "foreign ELF under 'invalid ELF header': corrected to wrong-arch" 'grep -q "\"cause\":\"wrong-arch\"" "$D/out" && grep -q "\"verdict\":\"corrected" "$D/out"'
else
	echo "skip - foreign ELF: needs an x86_64 host, clang and ld.lld"
fi

# 2. a Mach-O copied onto Linux
if command -v clang >/dev/null && command -v ld64.lld-14 >/dev/null; then
	echo 'int f(void){return 1;}' >"$D/a.c"
	clang --target=arm64-apple-macos11 -c "$D/a.c" -o "$D/a.o" 2>>"$D/cc.log" &&
	ld64.lld-14 -arch arm64 -platform_version macos 11.0 11.0 -bundle -undefined dynamic_lookup -o "$D/mac.node" "$D/a.o" 2>>"$D/cc.log"
	"$AD" explain "Error: $D/mac.node: invalid ELF header" >"$D/out"
	ok "Mach-O under 'invalid ELF header': wrong-os, Mach-O fact" 'grep -q "^Cause: *wrong-os" "$D/out" && grep -q "Mach-O" "$D/out"'
else
	echo "skip - Mach-O: needs clang and ld64.lld-14"
fi

# 3. a 10-byte file: not a binary at all -> corrupt (check's id for it:
#    no ELF magic; truncated is an ELF cut short), and a 6-byte ELF start
#    cut short -> truncated
printf 'not a bin\n' >"$D/short.node"
"$AD" explain "Error: $D/short.node: invalid ELF header" >"$D/out"
ok "10-byte file: corrected to corrupt" 'grep -q "^Cause: *corrupt" "$D/out" && grep -q "corrected" "$D/out" && ! grep -q "nearly always a macOS" "$D/out"'
printf '\177ELF\2\1' >"$D/cut.node"
"$AD" explain "Error: $D/cut.node: invalid ELF header" >"$D/out"
ok "6-byte ELF start: corrected to truncated" 'grep -q "^Cause: *truncated" "$D/out" && grep -q "corrected" "$D/out"'
"$AD" check --json "$D/cut.node" >"$D/out"
ok "6-byte ELF start: check says truncated too" 'grep -q "\"cause\":\"truncated\"" "$D/out"'

# 4. --no-inspect and a file that is not here
"$AD" explain --no-inspect "Error: $D/arm64.node: invalid ELF header" >"$D/out"
ok "--no-inspect leaves the diagnosis alone" 'grep -q "^Cause: *wrong-os" "$D/out" && ! grep -q "^The file:" "$D/out"'
"$AD" explain --json "Error: /nonexistent/x.node: invalid ELF header" >"$D/out"
ok "missing file: not inspected" 'grep -q "not inspected: the file is not on this machine" "$D/out"'

# 5. the whole corpus and the class regressions through the command line
#    (stdin, CRLF preserved) never crash and give the expected cause
for tsv in corpus classes; do
n=0; bad=0
while IFS='	' read -r cause shape src msg; do
	case $cause in "#"*|"") continue ;; esac
	n=$((n + 1))
	printf '%b' "$msg" | "$AD" explain --json - >"$D/out" 2>&1
	rc=$?
	[ $rc -le 1 ] || bad=$((bad + 1))
	grep -q "\"cause\":\"$cause\"" "$D/out" || bad=$((bad + 1))
done <"$ROOT/tests/explain/$tsv.tsv"
ok "$tsv via stdin: $n messages, every cause as expected and no crash ($bad bad)" '[ $bad -eq 0 ] && [ $n -gt 25 ]'
done
