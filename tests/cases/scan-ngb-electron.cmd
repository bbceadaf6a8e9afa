# needs: scan/ngb-none
# node-gyp-build's "No native build" message on exact Electron releases: it
# names the Node inside each (data/electron-node.tsv: 31.0.0 -> 20.14.0,
# 31.7.7 -> 20.18.0); 25.9.8 is a release whose Node no offline source has;
# 31.99.0 is not a release at all
$AD --target electron@31.0.0 --target electron@31.7.7 --target electron@25.9.8 scan/ngb-none; echo "exit $?"
$AD --target electron@31.99.0 scan/ngb-none
