# issue 16 classes: node itself, several versions, musl's first line, Electron, paste noise, localised Windows, sharp, old runtimes
for m in \
 "node: /lib64/libm.so.6: version \`GLIBC_2.27' not found (required by node)
node: /lib64/libc.so.6: version \`GLIBC_2.28' not found (required by node)" \
 "Error loading shared library libstdc++.so.6: No such file or directory (needed by /usr/local/bin/node)
Error relocating /usr/local/bin/node: _ZSt28__throw_bad_array_new_lengthv: symbol not found" \
 "Error relocating /app/node_modules/segfault-handler/build/Release/segfault-handler.node: backtrace: symbol not found" \
 "Uncaught Exception:
Error: /opt/App/resources/app.asar.unpacked/node_modules/x/build/Release/x.node: wrong ELF class: ELFCLASS32" \
 "0|app  | Error: The module '/a/node_modules/.pnpm/canvas@2.11.2/node_modules/canvas/build/Release/canvas.node'
0|app  | was compiled against a different Node.js version using
0|app  | NODE_MODULE_VERSION 93. This version of Node.js requires
0|app  | NODE_MODULE_VERSION 115." \
 "Error: Das angegebene Modul wurde nicht gefunden.
\\\\?\\C:\\app\\node_modules\\canvas\\build\\Release\\canvas.node" \
 'Error: Could not load the "sharp" module using the linuxmusl-x64 runtime' \
 "Error: Symbol serialport_module not found." \
 "Error: Module did not self-register: '/a/node_modules/x/x.node'."; do
  $AD explain --no-inspect "$m"; echo "exit $?"
done
$AD explain --no-inspect --json "/usr/local/bin/node: /lib64/libc.so.6: version 'GLIBC_2.28' not found (required by /usr/local/bin/node)"
