# needs: check/napi.node
# a spec with something the parser does not know after the version, or a
# platform glued to it with '-', is refused with where it went wrong;
# nothing falls back silently to the host (node@20-linux-x64-musl used to
# check this machine's glibc instead of musl)
for t in node@20-linux-x64-musl electron@31-darwin-arm64 node@20x node@20.1.0x electron@31x node@20/linux-x64-muslx node@20/linux-x64-gnux; do
  $AD check --target $t check/napi.node; echo "exit $?"
done
# still accepted: a line with .x, arm's gnueabihf / musleabihf, a pre-release of Electron
for t in node@20.x node@20/linux-arm-gnueabihf node@20/linux-arm-musleabihf electron@31.0.0-beta.1; do
  $AD check --json --target $t check/napi.node 2>&1 | sed 's/"evidence".*//'; echo "exit $?"
done
