# needs: pe/deps-x64.node pe/helper.dll pe/abi-x64.node pe/legacy-x64.node pe/napi-arm64.node
# The Windows loader model on a DLL's own imports (loader/foreign.c):
# helper.dll beside the addon (loads), absent (126), present but without
# the imported names (127), of another CPU (193); and a /NOENTRY DLL whose
# constructor never runs (did not self-register).
rm -rf w32 && mkdir -p w32/missing w32/noexport w32/badarch
cp pe/deps-x64.node w32/missing/deps.node
cp pe/deps-x64.node w32/noexport/deps.node && cp pe/abi-x64.node w32/noexport/helper.dll
cp pe/deps-x64.node w32/badarch/deps.node && cp pe/napi-arm64.node w32/badarch/HELPER.DLL
$AD check --target node@22.23.3/win32-x64 pe/deps-x64.node w32/missing/deps.node w32/noexport/deps.node w32/badarch/deps.node pe/legacy-x64.node
$AD check --json --target node@22.23.3/win32-x64 w32/missing/deps.node w32/noexport/deps.node
