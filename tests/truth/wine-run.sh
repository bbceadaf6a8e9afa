#!/bin/sh
# wine-run.sh RUNS NODE_EXE VERSION FILE - one real require() of FILE by the
# official node.exe VERSION under Wine (tests/t/wine-truth.sh), stored as
# RUNS/<key>.json.  The key is the sha256 of the version, the file's
# bytes and the bytes of every .dll beside it (Windows looks for an
# addon's DLLs in its own directory first), so a re-run only runs what
# changed.  The file's Windows path is stored as @WINPATH@, so the same
# bytes at another place reuse the run.  Needs WINEPREFIX (made by the
# caller), runs headless (DISPLAY empty) with Wine's debug output off.
set -u
RUNS=$1 EXE=$2 VER=$3 FILE=$4
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
real=$(realpath "$FILE") || exit 1
key=$( { echo "node $VER"; sha256sum <"$real"; for d in "$(dirname "$real")"/*.dll "$(dirname "$real")"/*.DLL; do
	[ -f "$d" ] && { basename "$d"; sha256sum <"$d"; }; done; } | sha256sum | cut -c1-32)
out=$RUNS/$key.json
[ -s "$out" ] && { echo "$key"; exit 0; }
# Wine maps / to drive Z:; require() resolves to this path, and Node
# prints it in its \\?\ form.
win="Z:$(printf '%s' "$real" | tr '/' '\\')"
tmp=$RUNS/.$key.$$
# A run that dies without a word is tried up to 3 times: under load, Wine
# now and then ends node.exe with status 1 before it starts (seen once in
# ~1000 runs, not reproducible); a real crash happens every time.
for try in 1 2 3; do
	rm -f "$tmp"
	WINEDEBUG=-all DISPLAY= NODE_SKIP_PLATFORM_CHECK=1 timeout 120 wine "$EXE" \
		"Z:$(printf '%s' "$ROOT/tests/truth/wine-probe.js" | tr '/' '\\')" \
		"Z:$(printf '%s' "$tmp" | tr '/' '\\')" "$win" </dev/null >/dev/null 2>"$tmp.err"
	rc=$?
	{ [ -s "$tmp" ] || [ $rc -eq 124 ]; } && break
done
if [ -s "$tmp" ]; then
	res=$(cat "$tmp")
elif [ $rc -eq 124 ]; then
	res='{"outcome":"hangs"}'
else
	res="{\"outcome\":\"crashes\",\"status\":$rc}"
fi
# \ is doubled in the JSON text: the path is matched in that form.
wj=$(printf '%s' "\\\\?\\$win" | sed 's/\\/\\\\/g')
printf '%s\n' "$res" | WJ="$wj" awk '{ s = $0; w = ENVIRON["WJ"]; out = "";
	while ((i = index(s, w)) > 0) { out = out substr(s, 1, i - 1) "@WINPATH@"; s = substr(s, i + length(w)) }
	print out s }' >"$tmp.json" && mv "$tmp.json" "$out"
rm -f "$tmp" "$tmp.err"
echo "$key"
