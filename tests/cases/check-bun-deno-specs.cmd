# Bun and Deno specs that are refused, each with its reason (a platform with
# no measured row: musl, darwin; a release below the first measured on
# arm64); then a release between two measured ones, taken as the one below
# (said in the evidence); then the arm64 rows, and the text report naming
# the runtime that throws.
for s in bun@2 bun@1.9.0 bun@abc bun@1.x/linux-x64-musl bun@1.0/linux-arm64 bun@1.4/darwin-arm64 deno@2.99; do $AD check --target $s check/napi.node; echo "exit $?"; done
$AD check --target bun@1.3.1 --target deno@2.6.0 check/napi.node
$AD check --json --target bun@1.x/linux-arm64 --target deno@2.x/linux-arm64 --target deno@2.8.3/linux-arm64 check/napi.node
$AD check --target bun@1.x --target deno@2.9.6 check/plain.node check/missing-func-now.node
