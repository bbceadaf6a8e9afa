# needs: pe/napi-x64.node pe/napi-delay-ia32.node pe/napi-arm64.node pe/legacy-x64.node pe/abi-x64.node pe/deps-x64.node pe/exe-x64.exe
$AD inspect pe/napi-x64.node pe/napi-delay-ia32.node pe/napi-arm64.node pe/legacy-x64.node pe/abi-x64.node pe/deps-x64.node pe/exe-x64.exe
