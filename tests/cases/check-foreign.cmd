# needs: check/arm64.node check/napi.node check/legacy-v108.node
$AD check --json --target node@20/linux-arm64 --target node@18/win32-x64 --target electron@31/darwin-arm64 check/arm64.node check/napi.node check/legacy-v108.node
