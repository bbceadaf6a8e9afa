#!/bin/sh
# text-output.sh - the text every command prints for people: no line ends in
# spaces (tables pad between columns, never after the last; an empty line of
# a message is not indented), over every fixture, every scan tree, the abi
# tables, explain, env and every --help; and the glibc-too-old evidence names
# the highest numbered version the library defines (GLIBC_2.36, as readelf
# lists them), never GLIBC_PRIVATE.
set -u
cd "$FX" || exit 1
out=$WORK/text-output; rm -rf "$out"; mkdir -p "$out"
files=$(find . -name '*.node' -type f | sort)
{
	# shellcheck disable=SC2086
	$AD inspect $files
	$AD inspect --symbols $files
	$AD check --target node@22 --target node@20/linux-x64-musl --target node@20/darwin-arm64 \
		--target node@18/win32-x64 --target electron@31 $files
	for f in $(find check elf -maxdepth 1 -name '*.node' -type f | sort); do $AD deps "$f"; done
	for d in scan/*/; do $AD scan --target node@20 --target node@22/linux-arm64-musl "$d"; done
	$AD abi; $AD abi 115; $AD abi 48; $AD abi node@18; $AD abi electron@31; $AD abi node@99
	$AD explain "Error: /lib/x86_64-linux-gnu/libc.so.6: version \`GLIBC_2.38' not found (required by /a/b.node)"
	$AD explain "Error: Module did not self-register: '/x/y.node'."
	$AD explain "something else entirely"
	$AD env
	$AD --help
	for c in scan check inspect deps explain abi env; do $AD $c --help; done
} >"$out/all.txt" 2>/dev/null
n=$(wc -l <"$out/all.txt")
if [ "$n" -lt 500 ]; then
	echo "not ok - text-output: only $n lines of output (fixtures missing?)"
elif grep -nE ' +$' "$out/all.txt" >"$out/trailing.txt"; then
	echo "not ok - text-output: $(wc -l <"$out/trailing.txt") of $n lines end in spaces"
	sed 's/^/# /' "$out/trailing.txt" | head -10
else
	echo "ok - text-output: none of $n lines of text output ends in spaces"
fi

# glibc-too-old: the highest public version of the library that lacks it
g=check/glibc299.node
if [ ! -f "$g" ]; then
	echo "skip - text-output: $g not built"
elif ! command -v readelf >/dev/null; then
	echo "skip - text-output: readelf not installed"
else
	line=$($AD check --target node@22 "$g" 2>&1 | grep 'defines versions up to')
	lib=$(printf '%s\n' "$line" | sed -n 's/^ *- \(.*\) defines versions up to .*/\1/p')
	if [ -z "$lib" ] || [ ! -f "$lib" ]; then
		echo "not ok - text-output: no 'defines versions up to' evidence for $g ($line)"
	else
		want=$(readelf -V --wide "$lib" | sed -n 's/.*Name: \(GLIBC_[0-9][0-9.]*\).*/\1/p' | sort -uV | tail -1)
		case $line in
		*"defines versions up to $want") echo "ok - text-output: glibc-too-old evidence names $want, the highest version $lib defines" ;;
		*) echo "not ok - text-output: evidence '$line', readelf's highest is $want" ;;
		esac
	fi
fi
