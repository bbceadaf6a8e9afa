# needs: check/napi.node
# Launchers whose libnode is not what it claims: a text file named
# libnode.so.999, a library without a release URL, a libnode that needs
# itself.  Each is an error naming the file, never a guess or a crash.
D=$WORK/libnode-hostile; rm -rf "$D"; mkdir -p "$D/bin" "$D/lib" && cd "$D" || exit 1
CC=${CC:-cc}
echo 'int node_start(void){return 0;}' > l.c
$CC -shared -fPIC -Wl,-soname,libnode.so.999 -o lib/libnode.so.999 l.c
echo 'int node_start(void); int main(void){return node_start();}' > node.c
$CC -o bin/node node.c -Llib -l:libnode.so.999 -Wl,--enable-new-dtags,-rpath,'$ORIGIN/../lib'
echo "== no release URL in libnode"
"$AD" check --node bin/node "$FX/check/napi.node"; echo "exit $?"
echo "== libnode is text: real run, then check"
cp lib/libnode.so.999 keep.so; printf 'not a library\n' > lib/libnode.so.999
bin/node 2>&1; echo "exit $?"
"$AD" check --node bin/node "$FX/check/napi.node"; echo "exit $?"
echo "== libnode needs itself and has the strings"
printf 'const char u[] = "https://nodejs.org/download/release/v99.1.0/x";\nconst char r[] = "node_register_module_v999";\nint node_start(void){return 0;}\n' > l2.c
$CC -shared -fPIC -Wl,-soname,libnode.so.999 -o lib/libnode.so.999 l2.c
cp lib/libnode.so.999 self.so
$CC -shared -fPIC -Wl,-soname,libnode.so.999 -Wl,--no-as-needed -o lib/libnode.so.999 l2.c self.so
"$AD" check --node bin/node --json "$FX/check/napi.node"; echo "exit $?"
