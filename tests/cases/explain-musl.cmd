# musl loader texts (loader-facts.md 6.1): glibc builds on Alpine, missing libraries, foreign formats
for m in \
 "Error: Error loading shared library ld-linux-x86-64.so.2: No such file or directory (needed by /app/node_modules/grpc/src/node/extension_binary/node-v57-linux-x64-glibc/grpc_node.node)" \
 "Error: Error relocating /app/node_modules/couchbase/build/Release/couchbase_impl.node: __strncpy_chk: symbol not found" \
 "Error loading shared library libfoo.so: No such file or directory (needed by /w/needfoo.node)" \
 "Error loading shared library /w/node_modules/x/x.node: Exec format error"; do
  $AD explain --no-inspect "$m"; echo "exit $?"
done
# the needed-library line cut after the name (sharp's wrapper): a dependency, not the addon file
$AD explain --no-inspect "Error: Could not load the \"sharp\" module using the linuxmusl-arm64 runtime
ERR_DLOPEN_FAILED: Error loading shared library libstdc++.so.6: "; echo "exit $?"
