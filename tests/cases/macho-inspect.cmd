# needs: macho/napi-fat.node macho/legacy-x64.node macho/build/deps-x64.node macho/napi-ios-arm64.node macho/obj-i386.o macho/lib/libfoo.dylib
$AD inspect macho/napi-fat.node macho/legacy-x64.node macho/build/deps-x64.node macho/napi-ios-arm64.node macho/obj-i386.o macho/lib/libfoo.dylib
