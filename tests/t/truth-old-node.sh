#!/bin/sh
# truth-old-node.sh - check --node against real releases older than the
# ones truth-real.sh runs: 6.17.1 (the old NODE_MODULE_VERSION text),
# 8.17.0 (no napi_register_module_v1 lookup), 10.0.0 (no Node-API symbol
# lookup, node_register_module_v<ABI> looked up), 12.22.12 (the path in
# "did not self-register", no error code) and 14.0.0 (no error code): every
# real .node file of the suite, plus fixtures that register only through
# node_register_module_v<ABI> or napi_register_module_v1, require()d by the
# real node (tests/truth/real.js), compared byte for byte.  What the
# releases do is data/node-loader-history.tsv
# (tools/refresh-node-loader-history.sh bisects it on every release).
set -u
HOSTNODE=$(command -v node || true)
[ -n "$HOSTNODE" ] || { echo "skip - truth-old-node: no node on PATH to drive the comparison"; exit 0; }
CACHE=${AD_TEST_CACHE:-${HOME:-/tmp}/.cache/addon-doctor-tests/npm}
OUT=$WORK/truth-old-node
rm -rf "$OUT" && mkdir -p "$OUT"
OLD="6.17.1 8.17.0 10.0.0 12.22.12 14.0.0"
RUNTIMES=$("$ROOT/tests/truth/fetch-node.sh" $OLD 2>"$OUT/fetch-node.log")
n=$(echo "$RUNTIMES" | grep -c .)
[ "$n" = 5 ] || { echo "skip - truth-old-node: $((5 - n)) of the releases $OLD could not be fetched (see $OUT/fetch-node.log)"; exit 0; }
[ -d "$CACHE/pkg" ] && find "$CACHE/pkg" -name '*.node' -type f | sort | while IFS= read -r f; do
	printf '%s\t%s\n' "${f#"$CACHE/pkg/"}" "$f"
done >"$OUT/files.tsv"
[ -s "$OUT/files.tsv" ] || echo "skip - truth-old-node: no real packages cached (tools/fetch-real-packages.sh)"
# Fixtures: one entry point each, nothing else.
CC=${CC:-cc}
mkdir -p "$OUT/fx"
for abi in 48 57 59 64; do
	printf 'void node_register_module_v%s(void *e, void *m, void *c) { (void)e; (void)m; (void)c; }\n' $abi >"$OUT/fx/abi$abi.c"
done
printf 'void *napi_register_module_v1(void *env, void *exports) { (void)env; return exports; }\n' >"$OUT/fx/napi.c"
for c in "$OUT"/fx/*.c; do
	o=${c%.c}.node
	if $CC -shared -fPIC -o "$o" "$c" 2>>"$OUT/cc.log"; then
		printf 'fixture/%s\t%s\n' "${o##*/}" "$o" >>"$OUT/files.tsv"
	else
		echo "skip - truth-old-node: cannot build the fixture ${c##*/} (see $OUT/cc.log)"
	fi
done
TRUTH_AD=${TRUTH_AD:-$ROOT/addon-doctor}
[ -x "$TRUTH_AD" ] || TRUTH_AD=$AD
# The ASan build on the fixtures with each release (the optimised one predicts the rest).
for rt in $RUNTIMES; do
	"$AD" check --node "$rt" --json "$OUT"/fx/*.node >/dev/null 2>>"$OUT/asan.err"
done
if grep -q 'ERROR: AddressSanitizer\|runtime error:' "$OUT/asan.err" 2>/dev/null; then
	echo "not ok - truth-old-node: ASan build reports a memory error"
	grep -m5 'ERROR: AddressSanitizer\|runtime error:' "$OUT/asan.err" | sed 's/^/# /'
else
	echo "ok - truth-old-node: ASan build checks the fixtures on every release without a sanitizer report"
fi
"$HOSTNODE" "$ROOT/tests/truth/real.js" "$TRUTH_AD" "$ROOT/tests/truth/old-node-known.tsv" \
	"$OUT/files.tsv" $RUNTIMES
