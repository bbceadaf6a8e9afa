#!/bin/sh
# examples/build.sh DEMO_DIR - builds DEMO_DIR/node_modules for addon-doctor's
# example project from the tiny sources in examples/src (nothing binary is
# committed).  Each package shows one thing the scan reports on a
# linux-x64 glibc machine with Node.js 20+:
#   fast-hash      node-gyp-build; prebuilds for linux-x64 (loads) and
#                  darwin-arm64 / linux-arm64 (not used on this target)
#   old-sqlite     prebuild-install; build/Release built for Node.js 18
#                  (NODE_MODULE_VERSION 108): fails, abi-mismatch
#   bcrypt         node-pre-gyp; lib/binding holds a macOS binary (a
#                  node_modules copied from a Mac): fails, wrong-os
#   @fastlib/core  napi-rs; only its darwin-arm64 platform package is
#                  installed (not used), linux-x64-gnu is missing
# Needs a C compiler (cc).  Mach-O files need clang + ld64.lld; without
# them a hand-written Mach-O header stands in (still not an ELF file).
set -eu
DEMO=${1:?usage: build.sh DEMO_DIR}
SRC=$(cd "$(dirname "$0")" && pwd)/src
CC=${CC:-cc}
CLANG=$(command -v clang-14 || command -v clang || true)
LD64=$(command -v ld64.lld-14 || command -v ld64.lld || true)
NM=$DEMO/node_modules
TMP=$DEMO/node_modules/.build-tmp
rm -rf "$NM"
mkdir -p "$TMP"

elf() { # elf SRC OUT [CFLAGS...]: a Linux shared object for this machine
	src=$1 out=$2
	shift 2
	mkdir -p "$(dirname "$out")"
	# real addons link libc (and the toolchain's --as-needed would drop it)
	$CC -shared -fPIC -O1 -o "$out" "$SRC/$src" "$@" -Wl,--no-as-needed -lc
}
elf_arm64() { # a linux-arm64 object, without needing an arm64 libc
	mkdir -p "$(dirname "$2")"
	if [ -n "$CLANG" ] && command -v ld.lld >/dev/null 2>&1; then
		"$CLANG" --target=aarch64-linux-gnu -fuse-ld=lld -nostdlib -shared -fPIC -O1 -o "$2" "$SRC/$1"
	elif command -v aarch64-linux-gnu-gcc >/dev/null 2>&1; then
		aarch64-linux-gnu-gcc -shared -fPIC -O1 -o "$2" "$SRC/$1"
	else
		cp "$3" "$2"   # fallback: any file; it is never used on this target
	fi
}
macho() { # macho ARCH SRC OUT: a macOS bundle as node-gyp links addons
	mkdir -p "$(dirname "$3")"
	if [ -n "$CLANG" ] && [ -n "$LD64" ]; then
		"$CLANG" --target="$1-apple-macos11" -O1 -c "$SRC/$2" -o "$TMP/$1-$(basename "$2" .c).o"
		"$LD64" -arch "$1" -platform_version macos 11.0 11.0 -bundle -undefined dynamic_lookup \
			-o "$3" "$TMP/$1-$(basename "$2" .c).o"
	else
		# MH_MAGIC_64, CPU_TYPE_X86_64 or ARM64, MH_BUNDLE, no load commands
		case $1 in arm64) cpu='\014\000\000\001' ;; *) cpu='\007\000\000\001' ;; esac
		printf "\317\372\355\376${cpu}\003\000\000\000\010\000\000\000\000\000\000\000\000\000\000\000\000\000\000\000\000\000\000\000" >"$3"
	fi
}
pkg() { # pkg DIR JSON
	mkdir -p "$1"
	printf '%s\n' "$2" >"$1/package.json"
}

# fast-hash: node-gyp-build picks prebuilds/linux-x64 here.
P=$NM/fast-hash
pkg "$P" '{ "name": "fast-hash", "version": "2.1.0", "main": "index.js",
  "dependencies": { "node-gyp-build": "^4.8.0" } }'
elf napi.c "$P/prebuilds/linux-x64/node.napi.node"
elf_arm64 napi.c "$P/prebuilds/linux-arm64/node.napi.armv8.node" "$P/prebuilds/linux-x64/node.napi.node"
macho arm64 napi.c "$P/prebuilds/darwin-arm64/node.napi.node"
pkg "$NM/node-gyp-build" '{ "name": "node-gyp-build", "version": "4.8.4" }'

# old-sqlite: installed while the project used Node.js 18.
P=$NM/old-sqlite
pkg "$P" '{ "name": "old-sqlite", "version": "5.0.0",
  "scripts": { "install": "prebuild-install || node-gyp rebuild" },
  "dependencies": { "prebuild-install": "^7.1.1", "bindings": "^1.5.0" } }'
elf nan.c "$P/build/Release/old_sqlite.node" -DNM_VERSION=108

# bcrypt: node_modules copied from a Mac into a Linux image.
P=$NM/bcrypt
pkg "$P" '{ "name": "bcrypt", "version": "5.1.1",
  "dependencies": { "@mapbox/node-pre-gyp": "^1.0.11" },
  "binary": { "module_name": "bcrypt_lib",
    "module_path": "./lib/binding/napi-v{napi_build_version}",
    "napi_versions": [3] } }'
macho x86_64 napi.c "$P/lib/binding/napi-v3/bcrypt_lib.node"

# @fastlib/core: a napi-rs package whose linux platform package was skipped.
pkg "$NM/@fastlib/core" '{ "name": "@fastlib/core", "version": "1.4.0", "main": "index.js",
  "napi": { "binaryName": "core" },
  "optionalDependencies": { "@fastlib/core-linux-x64-gnu": "1.4.0",
    "@fastlib/core-linux-x64-musl": "1.4.0", "@fastlib/core-linux-arm64-gnu": "1.4.0",
    "@fastlib/core-darwin-arm64": "1.4.0", "@fastlib/core-win32-x64-msvc": "1.4.0" } }'
P=$NM/@fastlib/core-darwin-arm64
pkg "$P" '{ "name": "@fastlib/core-darwin-arm64", "version": "1.4.0",
  "os": ["darwin"], "cpu": ["arm64"], "main": "core.darwin-arm64.node" }'
macho arm64 napi.c "$P/core.darwin-arm64.node"

# fast-db: installed with --ignore-scripts, so its binding.gyp was never
# built: require('fast-db') throws bindings' "Could not locate" list.
P=$NM/fast-db
pkg "$P" '{ "name": "fast-db", "version": "3.2.0", "main": "lib/index.js",
  "scripts": { "install": "node-gyp rebuild" }, "gypfile": true,
  "dependencies": { "bindings": "^1.5.0", "node-addon-api": "^8.0.0" } }'
printf "{ 'targets': [ { 'target_name': 'fast_db', 'sources': [ 'src/db.cc' ] } ] }\n" >"$P/binding.gyp"
mkdir -p "$P/lib"
printf "'use strict';\nmodule.exports = require('bindings')('fast_db');\n" >"$P/lib/index.js"

rm -rf "$TMP"
