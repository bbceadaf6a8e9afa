# needs: scan/ngb
$AD --json --target node@20 --target node@22/linux-arm64-musl --target electron@31 --target node@20/darwin-arm64 --target node@20/win32-x64 scan/ngb | sed -n "s/.*\"path\":\"scan\/ngb\/node_modules\/\([^\"]*\)\".*\"target\":\"\([^\"]*\)\".*\"status\":\"\([^\"]*\)\".*/\2 \3 \1/p"
