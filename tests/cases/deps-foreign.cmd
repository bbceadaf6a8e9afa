# needs: check/arm64.node
$AD deps --target node@22/linux-arm64 check/arm64.node
