# Bun and Deno specs that are refused, each with its reason; then a release
# between two measured ones, taken as the one below (said in the evidence).
for s in bun@2 bun@1.9.0 bun@abc deno@2.9.6/linux-arm64 bun@1.4/darwin-arm64 deno@2.99; do $AD check --target $s check/napi.node; echo "exit $?"; done
$AD check --target bun@1.3.1 --target deno@2.6.0 check/napi.node
