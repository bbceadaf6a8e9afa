# needs: check/with-helper.node check/missing-lib.node check/lib/libadhelper.so
# deps --json: the tree the text prints, as one object; a library found by
# RUNPATH, one not found (every path tried), the same one in a sysroot
sr=$WORK/deps-json-sysroot; rm -rf "$sr"; mkdir -p "$sr/usr/lib"
$AD deps --json --target node@22/linux-x64-glibc check/with-helper.node; echo "exit $?"
$AD deps --json --target node@22/linux-x64-glibc --sysroot "$sr" check/missing-lib.node; echo "exit $?"
cp check/lib/libadhelper.so "$sr/usr/lib/libadgone.so"
$AD deps --target node@22/linux-x64-glibc --sysroot "$sr" check/missing-lib.node; echo "exit $?"
$AD deps --json --target node@22/linux-x64-glibc --sysroot "$sr" check/missing-lib.node; echo "exit $?"
