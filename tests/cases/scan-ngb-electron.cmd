# needs: scan/ngb-none
# node-gyp-build's "No native build" message on exact Electron releases: it
# names the Node inside each (data/electron-node.tsv: 31.0.0 -> 20.14.0,
# 31.7.7 -> 20.18.0, 25.9.8 -> 18.15.0 from electron/electron's DEPS); 42.11.9 is a
# release whose Node no source read has;
# 25.0.0-beta.3 is a prerelease the registry does not list (taken, its
# Node unknown); 31.99.0 is not a release at all
$AD --target electron@31.0.0 --target electron@31.7.7 --target electron@25.9.8 --target electron@42.11.9 scan/ngb-none; echo "exit $?"
$AD --json --target electron@25.0.0-beta.3 scan/ngb-none | grep -o '"why":"[^"]*"' | sort -u
$AD --target electron@31.99.0 scan/ngb-none
