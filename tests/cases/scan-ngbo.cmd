# needs: scan/ngbo
$AD --target node@20 --target node@22 --target node@20/linux-x64-musl --target node@20/darwin-arm64 scan/ngbo
