# needs: macho/build/deps-x64.node macho/napi-fat.node
# A bundle cut inside its linkedit data, a universal file cut inside its
# second slice (JSON: the text view of an unparsed slice is not settled),
# and a 64-bit header cut short.
head -c 12400 macho/build/deps-x64.node >"$WORK/cut-deps.node"
head -c 60000 macho/napi-fat.node >"$WORK/cut-fat.node"
head -c 20 macho/build/deps-x64.node >"$WORK/cut-header.node"
$AD inspect "$WORK/cut-deps.node" "$WORK/cut-header.node"
$AD inspect --json "$WORK/cut-fat.node"
