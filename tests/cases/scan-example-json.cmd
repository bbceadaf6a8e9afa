# needs: scan/demo
$AD --json --target node@20 --target node@22/linux-arm64-musl scan/demo
