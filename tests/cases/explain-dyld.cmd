# macOS dyld texts (loader-facts.md 7)
for m in \
 "Error: dlopen(/Users/me/app/node_modules/better-sqlite3/build/Release/better_sqlite3.node, 0x0001): tried: '/Users/me/app/node_modules/better-sqlite3/build/Release/better_sqlite3.node' (mach-o file, but is an incompatible architecture (have 'x86_64', need 'arm64e' or 'arm64'))" \
 "Error: dlopen(/a/node_modules/p/build/Release/p.node, 0x0001): Library not loaded: @rpath/libfoo.dylib
  Referenced from: <4C4C44F1-5555-3144-A1F2-0F2E5D6D8E21> /a/node_modules/p/build/Release/p.node
  Reason: tried: '/a/node_modules/p/build/Release/../lib/libfoo.dylib' (no such file)" \
 "Error: dlopen(/a/node_modules/p/p.node, 0x0001): symbol not found in flat namespace '_napi_create_threadsafe_function'" \
 "Error: dlopen(/a/x.node, 0x0001): tried: '/a/x.node' (code signature in <1C2B> '/a/x.node' not valid for use in process: mapped file has no Team ID and is not a platform binary)"; do
  $AD explain --no-inspect "$m"; echo "exit $?"
done
# the addon file itself is missing (every tried path "no such file"; before macOS 12 "image not found")
$AD explain --no-inspect "Error: dlopen(/a/node_modules/lvl/prebuilds/darwin-x64+arm64/node.napi.node, 0x0001): tried: '/a/node_modules/lvl/prebuilds/darwin-x64+arm64/node.napi.node' (no such file), '/System/Volumes/Preboot/Cryptexes/OS/a/node_modules/lvl/prebuilds/darwin-x64+arm64/node.napi.node' (no such file)"; echo "exit $?"
$AD explain --no-inspect "Error: dlopen(/a/node_modules/p/build/Release/p.node, 1): image not found"; echo "exit $?"
# old dyld (macOS 11 and older) on another OS's binary: its first bytes
$AD explain --no-inspect "Error: dlopen(/Users/me/bot/node_modules/oi/lib/oi.node, 1): no suitable image found.  Did find:
	/Users/me/bot/node_modules/oi/lib/oi.node: unknown file type, first eight bytes: 0x7F 0x45 0x4C 0x46 0x02 0x01 0x01 0x03"; echo "exit $?"
