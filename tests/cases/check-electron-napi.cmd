# needs: elf/level-10.node elf/level-99.node elf/napi.node
# An Electron target's Node-API level is its embedded Node's (data/electron-
# node.tsv's napi column, derived from that Node release): Electron 31.0.0
# (Node 20.14.0, Node-API 9) reads an addon's declared level as that Node
# does and dies on 10 and 99 (the Node rule, loader-facts 1.5; no Electron
# was run here); Electron 37 (Node-API 10) loads 10; 25.9.8 (Node 18.15.0,
# Node-API 8) does not read it; 42.11.9's Node is unknown, so its level too.
$AD check --target electron@31.0.0 --target electron@37 --target electron@25.9.8 --target electron@42.11.9 elf/level-10.node elf/level-99.node elf/napi.node; echo "exit $?"
$AD check --json --target electron@31 --target electron@37.2.0 elf/level-99.node | grep -o '"target":"[^"]*"\|"outcome":"[^"]*"\|"cause":"[^"]*"'
