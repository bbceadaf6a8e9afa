# needs: elf/nm.node elf/handmod-1.node elf/level-10.node elf/napi.node
$AD inspect --json elf/nm.node elf/handmod-1.node elf/level-10.node elf/napi.node
