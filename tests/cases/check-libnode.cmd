# A distribution-style node built from tiny sources: bin/node is a launcher
# (DT_NEEDED libnode.so.999, RUNPATH $ORIGIN/../lib); the release URL, the
# register symbol name and napi_create_object live in lib/libnode.so.999,
# which needs lib/libuvx.so.1 (version UVX_2).  An addon's uvx_* binds to
# libuvx in node's global scope.  Then node itself failing: libnode not
# found, and an old libuvx.so.1 (only UVX_1) first on LD_LIBRARY_PATH - the
# fixture launcher is run for real beside each prediction.
D=$WORK/libnode-case; rm -rf "$D"; mkdir -p "$D/bin" "$D/lib" "$D/old" && cd "$D" || exit 1
CC=${CC:-cc}
printf 'UVX_2 { global: *; };\n' > v2.map; printf 'UVX_1 { global: *; };\n' > v1.map
echo 'int uvx_now(void){return 1;}' > uvx.c
$CC -shared -fPIC -Wl,-soname,libuvx.so.1 -Wl,--version-script,v2.map -o lib/libuvx.so.1 uvx.c
$CC -shared -fPIC -Wl,-soname,libuvx.so.1 -Wl,--version-script,v1.map -o old/libuvx.so.1 uvx.c
cat > libnode.c <<'C'
int uvx_now(void);
const char node_release_url[] = "https://nodejs.org/download/release/v18.20.4/node-v18.20.4.tar.gz";
const char node_register_name[] = "node_register_module_v108";
int napi_create_object(void *env, void **out) { (void)env; (void)out; return uvx_now(); }
int node_start(void) { return 0; }
C
$CC -shared -fPIC -Wl,-soname,libnode.so.999 -o lib/libnode.so.999 libnode.c -Llib -l:libuvx.so.1 -Wl,--enable-new-dtags,-rpath,'$ORIGIN'
echo 'int node_start(void); int main(void){return node_start();}' > node.c
$CC -o bin/node node.c -Llib -l:libnode.so.999 -Wl,--enable-new-dtags,-rpath,'$ORIGIN/../lib'
cat > addon.c <<'C'
int napi_create_object(void *, void **); int CALL(void);
void *napi_register_module_v1(void *env, void *exports) { void *o; napi_create_object(env, &o); return CALL() ? exports : o; }
C
$CC -shared -fPIC -DCALL=uvx_now -o addon.node addon.c
$CC -shared -fPIC -Wl,-z,now -DCALL=uvx_gone -o addon-gone.node addon.c
echo "== a launcher with its libnode: real run, then check"
bin/node 2>&1; echo "exit $?"
"$AD" check --node bin/node addon.node addon-gone.node; echo "exit $?"
echo "== an old libuvx.so.1 first on LD_LIBRARY_PATH: real run, then check"
LD_LIBRARY_PATH=old bin/node 2>&1; echo "exit $?"
LD_LIBRARY_PATH=old "$AD" check --node bin/node --json addon.node; echo "exit $?"
echo "== libnode not found: real run, then check"
mv lib/libnode.so.999 gone.so
bin/node 2>&1; echo "exit $?"
"$AD" check --node bin/node addon.node; echo "exit $?"
