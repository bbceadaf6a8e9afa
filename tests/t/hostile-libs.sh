#!/bin/sh
# hostile-libs.sh - what an addon is loaded against is as hostile as the
# addon (issue 13 items 6 and 13): a library beside it ($ORIGIN), and a
# sysroot's ld.so.cache.  The ASan+UBSan build must:
# 1. check an addon whose DT_NEEDED library has a DT_GNU_HASH shift of 200
#    (h >> 200 was undefined behaviour) with no sanitizer report;
# 2. inspect 200,000 symbols that share one 1 MiB name (a memchr of 1 MiB per
#    symbol: seconds), and 200,000 names at different offsets into it,
#    within `timeout 3`;
# 3. check with a sysroot whose ld.so.cache has 200,000 entries sharing one
#    4,000-byte string (a copy per entry: 1 GiB, then a bare "out of
#    memory") without running out of memory; the same cache with the
#    string unterminated must be refused in a message naming the file.
set -u
command -v python3 >/dev/null || { echo "skip - hostile-libs: python3 not installed"; exit 0; }
command -v ${CC:-cc} >/dev/null || { echo "skip - hostile-libs: no C compiler"; exit 0; }
H=$WORK/hostile-libs
rm -rf "$H" && mkdir -p "$H"
cat >"$H/craft.py" <<'PY'
# craft.py KIND OUT [ARGS] - hostile files for tests/t/hostile-libs.sh
import struct, sys, subprocess

def sections(data):
    """name -> (offset, size, addr) from an ELF64 LE file's section headers"""
    shoff, = struct.unpack_from('<Q', data, 0x28)
    shentsize, shnum, shstrndx = struct.unpack_from('<HHH', data, 0x3a)
    def sh(i):
        return struct.unpack_from('<IIQQQQIIQQ', data, shoff + i * shentsize)
    stroff = sh(shstrndx)[4]
    out = {}
    for i in range(shnum):
        h = sh(i)
        n = data[stroff + h[0]:data.index(b'\0', stroff + h[0])].decode()
        out[n] = (h[4], h[5], h[3])
    return out

kind, out = sys.argv[1], sys.argv[2]
if kind == 'gnu-shift':          # patch a library's DT_GNU_HASH shift
    src, shift = sys.argv[3], int(sys.argv[4])
    d = bytearray(open(src, 'rb').read())
    off = sections(d)['.gnu.hash'][0]
    struct.pack_into('<I', d, off + 12, shift)
    open(out, 'wb').write(d)
elif kind in ('one-name', 'one-run'):  # N defined symbols sharing one long name (one-run: each at its own offset into it)
    n, namelen = int(sys.argv[3]), int(sys.argv[4])
    ehdr, phdr = 64, 56
    dyn_off = ehdr + 2 * phdr
    ndyn = 7
    hash_off = dyn_off + ndyn * 16
    nchain = n + 1
    sym_off = hash_off + 8 + 4 + nchain * 4
    str_off = sym_off + nchain * 24
    strtab = b'\0' + b'A' * namelen + b'\0'
    size = str_off + len(strtab)
    d = bytearray(size)
    d[0:16] = b'\x7fELF\x02\x01\x01' + bytes(9)
    struct.pack_into('<HHIQQQIHHHHHH', d, 16, 3, 62, 1, 0, ehdr, 0, 0, ehdr, phdr, 2, 64, 0, 0)
    struct.pack_into('<IIQQQQQQ', d, ehdr, 1, 5, 0, 0, 0, size, size, 0x1000)          # PT_LOAD
    struct.pack_into('<IIQQQQQQ', d, ehdr + phdr, 2, 6, dyn_off, dyn_off, dyn_off, ndyn * 16, ndyn * 16, 8)
    dyn = [(4, hash_off), (5, str_off), (6, sym_off), (10, len(strtab)), (11, 24), (0, 0), (0, 0)]
    for i, (t, v) in enumerate(dyn):
        struct.pack_into('<qQ', d, dyn_off + 16 * i, t, v)
    struct.pack_into('<II', d, hash_off, 1, nchain)
    for i in range(1, nchain):
        struct.pack_into('<IBBHQQ', d, sym_off + 24 * i, 1 + (i * 7 % namelen if kind == 'one-run' else 0), 0x12, 0, 5, 0x1000, 0)
    d[str_off:] = strtab
    open(out, 'wb').write(d)
elif kind == 'ldcache':          # n entries whose key and value share one long string
    n, slen = int(sys.argv[3]), int(sys.argv[4])
    hdr = 48
    str_at = hdr + n * 24
    s = b'/' + b'x' * (slen - 1) + b'\0'
    d = bytearray(str_at + len(s))
    d[0:20] = b'glibc-ld.so.cache1.1'
    struct.pack_into('<II', d, 20, n, len(s))
    for i in range(n):
        struct.pack_into('<iIIIQ', d, hdr + 24 * i, 0x0303, str_at, str_at, 0, 0)
    d[str_at:] = s
    open(out, 'wb').write(d)
PY
sanitizer() { grep -m1 -E 'Sanitizer|runtime error:' "$1"; }

# 1. GNU hash shift 200 in a library found through $ORIGIN
printf 'int foo(void) { return 42; }\n' >"$H/foo.c"
printf 'extern int foo(void);\nint bar(void) { return foo(); }\n' >"$H/addon.c"
mkdir -p "$H/shift"
if ${CC:-cc} -shared -fPIC -Wl,--hash-style=gnu -o "$H/libfoo.so" "$H/foo.c" 2>/dev/null &&
   ${CC:-cc} -shared -fPIC -o "$H/shift/addon.node" "$H/addon.c" -L"$H" -lfoo -Wl,-rpath,'$ORIGIN' 2>/dev/null &&
   python3 "$H/craft.py" gnu-shift "$H/shift/libfoo.so" "$H/libfoo.so" 200; then
	"$AD" check "$H/shift/addon.node" >"$H/shift.out" 2>"$H/shift.err"; rc=$?
	if s=$(sanitizer "$H/shift.err"); then echo "not ok - hostile-libs: GNU hash shift 200: $s"
	elif [ $rc -gt 1 ]; then echo "not ok - hostile-libs: GNU hash shift 200: exit $rc"; sed 's/^/# /' "$H/shift.err" | head -5
	else echo "ok - hostile-libs: a library with GNU hash shift 200 is looked up without undefined behaviour"; fi
else
	echo "skip - hostile-libs: cannot build the shift-200 library"
fi

# 2. 200,000 symbols sharing one 1 MiB name / pointing into it
for k in one-name one-run; do
	python3 "$H/craft.py" $k "$H/$k.node" 200000 1048576 || { echo "not ok - hostile-libs: cannot craft $k"; continue; }
	timeout 3 "$AD" inspect --json "$H/$k.node" >"$H/$k.out" 2>"$H/$k.err"; rc=$?
	if [ $rc -eq 124 ]; then echo "not ok - hostile-libs: $k: 200,000 symbols x one 1 MiB name take more than 3 s"
	elif s=$(sanitizer "$H/$k.err"); then echo "not ok - hostile-libs: $k: $s"
	elif ! grep -q '"path":' "$H/$k.out"; then echo "not ok - hostile-libs: $k: no JSON (exit $rc)"; sed 's/^/# /' "$H/$k.err" | head -5
	else echo "ok - hostile-libs: $k: 200,000 symbols sharing one 1 MiB name inspected within 3 s"; fi
done

# 3. ld.so.cache entries sharing one long string
mkdir -p "$H/root/etc" "$H/root2/etc"
if [ -f "$H/shift/addon.node" ] && python3 "$H/craft.py" ldcache "$H/root/etc/ld.so.cache" 200000 4000; then
	"$AD" check --sysroot "$H/root" "$H/shift/addon.node" >"$H/cache.out" 2>"$H/cache.err"; rc=$?
	if s=$(sanitizer "$H/cache.err"); then echo "not ok - hostile-libs: shared-string ld.so.cache: $s"
	elif grep -q 'out of memory' "$H/cache.err" || [ $rc -gt 1 ]; then
		echo "not ok - hostile-libs: shared-string ld.so.cache: exit $rc"; sed 's/^/# /' "$H/cache.err" | head -3
	else echo "ok - hostile-libs: 200,000 ld.so.cache entries sharing one string cost the file's size, not a copy each"; fi
	python3 -c 'import sys; d = bytearray(open(sys.argv[1], "rb").read()); d[-1] = 0x41; open(sys.argv[2], "wb").write(d)' \
		"$H/root/etc/ld.so.cache" "$H/root2/etc/ld.so.cache"
	"$AD" check --sysroot "$H/root2" "$H/shift/addon.node" >"$H/cache2.out" 2>"$H/cache2.err"; rc=$?
	if s=$(sanitizer "$H/cache2.err"); then echo "not ok - hostile-libs: unterminated ld.so.cache: $s"
	elif ! grep -q "^addon-doctor: .*$H/root2/etc/ld.so.cache.*: " "$H/cache2.err"; then
		echo "not ok - hostile-libs: unterminated ld.so.cache: no message naming the file (exit $rc)"; sed 's/^/# /' "$H/cache2.err" | head -3
	else echo "ok - hostile-libs: an ld.so.cache whose entries share an unterminated string is refused, naming the file"; fi
else
	echo "skip - hostile-libs: no addon or cache to check"
fi
exit 0
