# glibc dlerror() texts (loader-facts.md 5.2-5.5)
for m in \
 "Error: /app/node_modules/bcrypt/lib/binding/bcrypt_lib.node: invalid ELF header" \
 "Error: /w/node_modules/x/x.node: wrong ELF class: ELFCLASS32" \
 "Error: /w/node_modules/x/build/Release/x.node: cannot open shared object file: No such file or directory" \
 "Error: libvips-cpp.so.42: cannot open shared object file: No such file or directory" \
 "Error: /lib64/libm.so.6: version \`GLIBC_2.29' not found (required by /var/task/node_modules/sqlite3/lib/binding/napi-v6-linux-glibc-x64/node_sqlite3.node)" \
 "Error: /lib/x86_64-linux-gnu/libstdc++.so.6: version \`GLIBCXX_3.4.30' not found (required by /app/node_modules/canvas/build/Release/canvas.node)" \
 "/usr/bin/node: symbol lookup error: /w/node_modules/x/build/Release/x.node: undefined symbol: node_api_create_buffer_from_arraybuffer" \
 "Error: /w/node_modules/x/build/Release/x.node: undefined symbol: _ZN2v86Object3GetENS_5LocalINS_7ContextEEENS1_INS_5ValueEEE" \
 "Error: /w/sodium.node: cannot enable executable stack as shared object requires: Invalid argument" \
 "Error: /w/empty.node: file too short"; do
  $AD explain --no-inspect "$m"; echo "exit $?"
done
