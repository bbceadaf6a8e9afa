# needs: check/napi.node check/legacy-v108.node check/abi127.node check/missing-func-now.node check/missing-func.node check/plain.node check/arm64.node
# Bun and Deno targets from the tables alone (data/bun-*.tsv, data/deno-*.tsv):
# registration styles, dlopen() failures and lazily bound missing functions
# as each measured release gives them (tests/t/bun-deno-truth.sh compares
# with real runs).
$AD check --json --target bun@1.x --target bun@1.1.38 --target bun@1.0 --target deno@2.9.6 --target deno@2.1 check/napi.node check/legacy-v108.node check/abi127.node check/missing-func-now.node check/missing-func.node check/plain.node check/arm64.node
