#!/bin/sh
# refresh-glibc-only-symbols.sh - regenerates data/glibc-only-symbols.tsv:
# every name glibc's libraries export (libc.so.6, libm.so.6,
# libpthread.so.0, libdl.so.2, librt.so.1, libresolv.so.2, libutil.so.1:
# defined dynamic symbols, GLOBAL or WEAK, default and compat versions)
# that musl's libc.so does not (data/musl-libc-symbols.tsv).
#
# Why: on musl, "Error relocating X: NAME: symbol not found" for a NAME of
# this list says X was linked against glibc (a -gnu build on Alpine):
# __strtod_internal, __xstat64-era wrappers, argp_*, mallinfo ... no other
# library defines them.  `explain` reads it; run by hand, never at build
# time.
#
#   tools/refresh-glibc-only-symbols.sh [GLIBC_LIBDIR] > data/glibc-only-symbols.tsv
#
# Default input: this machine's glibc (/lib/x86_64-linux-gnu, Debian's
# libc6).  Needs readelf (binutils) and data/musl-libc-symbols.tsv.
set -eu
DIR=${1:-/lib/x86_64-linux-gnu}
HERE=$(cd "$(dirname "$0")/.." && pwd)
MUSL=$HERE/data/musl-libc-symbols.tsv
[ -r "$DIR/libc.so.6" ] || { echo "refresh-glibc-only-symbols: no $DIR/libc.so.6" >&2; exit 2; }
[ -r "$MUSL" ] || { echo "refresh-glibc-only-symbols: no $MUSL" >&2; exit 2; }
ver=$(dpkg-query -W -f='${Version}' libc6 2>/dev/null || echo unknown)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for l in libc.so.6 libm.so.6 libpthread.so.0 libdl.so.2 librt.so.1 libresolv.so.2 libutil.so.1; do
	[ -r "$DIR/$l" ] || continue
	readelf --dyn-syms -W "$DIR/$l"
done |
	awk '$1 ~ /^[0-9]+:$/ && $7 != "UND" && $7 != "ABS" && ($5 == "GLOBAL" || $5 == "WEAK") { n = $8; sub(/@.*/, "", n); if (n != "") print n }' |
	LC_ALL=C sort -u >"$tmp/glibc"
grep -v '^#' "$MUSL" | LC_ALL=C sort -u >"$tmp/musl"
cat <<HDR
# Names glibc exports that musl's libc.so does not (glibc minus
# data/musl-libc-symbols.tsv), one per line, sorted in the C locale.
# Source: libc.so.6 libm.so.6 libpthread.so.0 libdl.so.2 librt.so.1
# libresolv.so.2 libutil.so.1 from $DIR (Debian's libc6 $ver), read with
# readelf --dyn-syms (default and compat versions); regenerate with
# tools/refresh-glibc-only-symbols.sh.
HDR
LC_ALL=C comm -23 "$tmp/glibc" "$tmp/musl"
