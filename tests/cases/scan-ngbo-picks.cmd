# needs: scan/ngbo
for t in node@20 node@22 electron@31 node@20/linux-x64-musl node@20/darwin-arm64 node@20/linux-arm64; do echo "$t: $($AD scan --json --target $t scan/ngbo | grep '"used":true' | sed 's/.*"path":"\([^"]*\)".*"outcome":"\([^"]*\)".*/\1 \2/' | tr '\n' ' ')"; done
