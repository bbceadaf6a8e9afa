# needs: pe/napi-delay-x64.node pe/legacy-ia32.node pe/legacy-arm64.node pe/deps-x64.node pe/helper.dll
$AD inspect --json --symbols pe/napi-delay-x64.node pe/legacy-ia32.node pe/legacy-arm64.node pe/deps-x64.node pe/helper.dll
