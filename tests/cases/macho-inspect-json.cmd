# needs: macho/build/deps-x64.node macho/mixed-fat.node
$AD inspect --json --symbols macho/build/deps-x64.node macho/mixed-fat.node
