# needs: pe/napi-x64.node
# A PE cut inside its headers, inside its section table and inside its
# section data; and a DOS stub with no PE header.
head -c 100 pe/napi-x64.node >"$WORK/pe-cut-100.node"
head -c 400 pe/napi-x64.node >"$WORK/pe-cut-400.node"
head -c 1100 pe/napi-x64.node >"$WORK/pe-cut-1100.node"
printf 'MZ' >"$WORK/pe-dos.exe"; head -c 200 /dev/zero >>"$WORK/pe-dos.exe"
$AD inspect "$WORK/pe-cut-100.node" "$WORK/pe-cut-400.node" "$WORK/pe-cut-1100.node" "$WORK/pe-dos.exe"
