#!/bin/sh
# valgrind.sh - the plain build (no sanitizers) under valgrind memcheck on
# every command path: inspect of every fixture, check, deps, explain, abi,
# and a scan of the example project.  0 errors and 0 leaks required.
set -u
command -v valgrind >/dev/null || { echo "skip - valgrind: not installed"; exit 0; }
BIN=$ROOT/addon-doctor
[ -x "$BIN" ] || { echo "not ok - valgrind: $BIN not built"; exit 0; }
files=$(find "$FX" -maxdepth 3 -type f \( -name '*.node' -o -name '*.so' -o -name '*.dylib' -o -name '*.dll' \) 2>/dev/null | sort | head -150)
[ -n "$files" ] || { echo "skip - valgrind: no fixtures built"; exit 0; }
vg() {
	name=$1; shift
	log=$WORK/valgrind-$name.log
	valgrind --quiet --error-exitcode=99 --leak-check=full --show-leak-kinds=definite,indirect,possible \
		--errors-for-leak-kinds=definite,indirect,possible --log-file="$log" "$@" >/dev/null 2>&1
	rc=$?
	if [ $rc -eq 99 ] || [ -s "$log" ]; then
		echo "not ok - valgrind: $name (exit $rc)"; head -30 "$log" | sed 's/^/# /'
	else
		echo "ok - valgrind: $name: 0 errors, 0 leaks"
	fi
}
# shellcheck disable=SC2086
vg inspect "$BIN" inspect --json --symbols $files
# shellcheck disable=SC2086
vg check "$BIN" check --json $(echo "$files" | head -40)
vg deps "$BIN" deps /bin/ls
vg explain "$BIN" explain "Error: /x/a.node: version \`GLIBC_2.38' not found (required by /x/a.node)"
vg abi "$BIN" abi
[ -d "$ROOT/examples/demo" ] && vg scan "$BIN" scan --json "$ROOT/examples/demo"
exit 0
