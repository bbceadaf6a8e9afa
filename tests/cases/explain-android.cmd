# Android's linker (bionic) under nodejs-mobile / Termux: dlopen failed: <linker text>
for m in \
 "Error: dlopen failed: cannot locate symbol \"napi_get_cb_info\" referenced by \"/data/data/com.example/files/nodejs-project/node_modules/fs-native-extensions/prebuilds/android-arm64/fs-native-extensions.node\"..." \
 "Error: dlopen failed: library \"libc++_shared.so\" not found: needed by /data/data/com.example/files/nodejs-project/node_modules/z/build/Release/z.node in namespace classloader-namespace" \
 "Error: dlopen failed: \"/data/data/com.example/files/nodejs-project/node_modules/z/build/Release/z.node\" has unexpected e_machine: 62 (EM_X86_64)"; do
  $AD explain --no-inspect "$m"; echo "exit $?"
done
