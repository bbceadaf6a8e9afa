#!/bin/sh
# refresh-musl-symbols.sh - regenerates data/musl-libc-symbols.tsv: every
# name musl's libc.so exports (defined dynamic symbols, GLOBAL or WEAK).
#
# Why: on a musl target the C library is musl itself (ldso/dynlink.c maps
# libc.so.6, libm.so.6, libpthread.so.0, ... onto it), and without a
# --sysroot it cannot be read; this list lets `check` tell a glibc-built
# addon's glibc-only imports (__*_chk, __xstat64, gnu_get_libc_version, ...)
# from names musl provides.  Run by hand, never at build time.
#
#   tools/refresh-musl-symbols.sh [LIBC.SO] > data/musl-libc-symbols.tsv
#
# Default input: Debian's musl package (/usr/lib/x86_64-linux-musl/libc.so,
# `apt-get install musl`).  Needs readelf (binutils).
set -eu
LIB=${1:-/usr/lib/x86_64-linux-musl/libc.so}
[ -r "$LIB" ] || { echo "refresh-musl-symbols: cannot read $LIB (apt-get install musl)" >&2; exit 2; }
ver=$(dpkg-query -W -f='${Version}' musl 2>/dev/null || echo unknown)
cat <<HDR
# Names exported by musl's libc.so (defined dynamic symbols, GLOBAL or WEAK),
# one per line, sorted in the C locale.
# Source: $LIB from Debian's musl package $ver, read with readelf --dyn-syms;
# regenerate with tools/refresh-musl-symbols.sh.
# musl 1.2.4 and later (Alpine 3.18+) no longer export the LFS64 names
# (stat64, open64, mmap64, ...) but their dynamic linker still resolves
# them (ldso/dynlink.c get_lfs64), so this list holds for them as well.
HDR
readelf --dyn-syms -W "$LIB" |
	awk '$1 ~ /^[0-9]+:$/ && $7 != "UND" && ($5 == "GLOBAL" || $5 == "WEAK") { n = $8; sub(/@.*/, "", n); if (n != "") print n }' |
	LC_ALL=C sort -u
