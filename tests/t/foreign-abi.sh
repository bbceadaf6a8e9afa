#!/bin/sh
# foreign-abi.sh - addons for the other machines Node ships Linux builds
# for, built here from one C file with clang (and s390x-linux-gnu-ld, which
# lld 14 lacks), checked without running them (tests/t/qemu-truth.sh runs
# them for real):
#  - glibc's per-machine header rules (elf_machine_matches_host): an EABI5
#    soft-float ARM object (what the Android NDK makes) on the hard-float
#    linux-armv7l target is skipped as another machine's: "cannot open
#    shared object file"; a riscv64 lp64 (soft-float) object on lp64d too;
#  - the declared Node-API level read from arm, Thumb, ppc64le, riscv64
#    and s390x code (a level above the runtime's crashes Node 20.3+);
#  - a big-endian s390x object with 8-byte DT_HASH words is read.
set -u
OUT=$WORK/foreign-abi
rm -rf "$OUT" && mkdir -p "$OUT"
command -v clang >/dev/null || { echo "skip - foreign-abi: no clang"; exit 0; }
LLD=$(command -v ld.lld || command -v ld.lld-14 || true)
[ -n "$LLD" ] || { echo "skip - foreign-abi: no ld.lld"; exit 0; }
cat >"$OUT/n.c" <<'EOF'
typedef struct napi_env__ *napi_env; typedef struct napi_value__ *napi_value;
napi_value napi_register_module_v1(napi_env env, napi_value exports) { (void)env; return exports; }
int node_api_module_get_api_version_v1(void) { return 10; }
EOF
cc_so() { # out target flags...
	o=$1 t=$2; shift 2
	clang --target="$t" "$@" -O2 --ld-path="$LLD" -shared -nostdlib -o "$OUT/$o" "$OUT/n.c" 2>"$OUT/$o.err"
}
# expect FILE TARGET WANT-OUTCOME WANT-CAUSE [WANT-ERROR-SUFFIX]
expect() {
	f=$OUT/$1
	[ -f "$f" ] || { echo "skip - foreign-abi: $1 not built ($(head -1 "$f.err" 2>/dev/null))"; return; }
	j=$("$AD" check --json --target "$2" "$f" 2>"$OUT/$1.stderr")
	o=$(printf '%s' "$j" | sed -n 's/.*"outcome":"\([^"]*\)".*/\1/p')
	c=$(printf '%s' "$j" | sed -n 's/.*"cause":"\{0,1\}\([^",]*\)"\{0,1\},.*/\1/p')
	e=$(printf '%s' "$j" | sed -n 's/.*"error":"\([^"]*\)".*/\1/p')
	if [ "$o" = "$3" ] && [ "$c" = "$4" ] && { [ -z "${5:-}" ] || [ "$e" = "$f: $5" ]; }; then
		echo "ok - foreign-abi: $1 on $2: $3 ($4)"
	else
		echo "not ok - foreign-abi: $1 on $2: want $3 ($4) ${5:-}"; echo "# got: $j"
	fi
}
cc_so arm-soft.node armv7a-linux-gnueabihf -mfloat-abi=soft
cc_so arm-softfp.node armv7a-linux-gnueabihf -mfloat-abi=softfp
cc_so arm-android.node armv7a-linux-androideabi21
cc_so arm-hard.node armv7a-linux-gnueabihf
cc_so thumb-hard.node armv7a-linux-gnueabihf -mthumb
cc_so rv-lp64.node riscv64-linux-gnu -mabi=lp64 -march=rv64imac
cc_so rv-lp64d.node riscv64-linux-gnu
cc_so ppc64le.node powerpc64le-linux-gnu
ENOENT="cannot open shared object file: No such file or directory"
expect arm-soft.node node@20.11.0/linux-arm throws wrong-arch "$ENOENT"
expect arm-softfp.node node@20.11.0/linux-arm throws wrong-arch "$ENOENT"
expect arm-android.node node@20.11.0/linux-arm throws wrong-arch "$ENOENT"
expect rv-lp64.node node@20.11.0/linux-riscv64 throws wrong-arch "$ENOENT"
# the level (10) is above Node 20.11's 9: Node crashes; 22's is 10: loads
expect arm-hard.node node@20.11.0/linux-arm crashes napi-too-new
expect thumb-hard.node node@20.11.0/linux-arm crashes napi-too-new
expect rv-lp64d.node node@20.11.0/linux-riscv64 crashes napi-too-new
expect ppc64le.node node@20.11.0/linux-ppc64 crashes napi-too-new
expect thumb-hard.node node@22/linux-arm loads null
if command -v s390x-linux-gnu-ld >/dev/null; then
	clang --target=s390x-linux-gnu -O2 -c -o "$OUT/s390x.o" "$OUT/n.c" 2>"$OUT/s390x.node.err" &&
		s390x-linux-gnu-ld -shared -o "$OUT/s390x.node" "$OUT/s390x.o" 2>>"$OUT/s390x.node.err"
	expect s390x.node node@20.11.0/linux-s390x crashes napi-too-new
else
	echo "skip - foreign-abi: s390x: no s390x-linux-gnu-ld (Debian binutils-s390x-linux-gnu)"
fi

# --sysroot with the addon outside it: a library beside the addon, found
# through RUNPATH $ORIGIN, is where the addon really is (the target sees
# the addon's directory at the same path), not inside the sysroot.
mkdir -p "$OUT/sr/lib/aarch64-linux-gnu" "$OUT/pkg"
echo 'int side(void){return 1;}' >"$OUT/side.c"
printf '%s\n' 'int side(void);' 'void *napi_register_module_v1(void *e, void *x) { (void)e; side(); return x; }' >"$OUT/a.c"
if clang --target=aarch64-linux-gnu --ld-path="$LLD" -shared -nostdlib -Wl,-soname,libside.so \
	-o "$OUT/pkg/libside.so" "$OUT/side.c" 2>"$OUT/side.err" &&
	clang --target=aarch64-linux-gnu --ld-path="$LLD" -shared -nostdlib -Wl,-rpath,'$ORIGIN' \
		-o "$OUT/pkg/origin.node" "$OUT/a.c" "$OUT/pkg/libside.so" 2>>"$OUT/side.err"; then
	j=$("$AD" check --json --target node@20/linux-arm64 --sysroot "$OUT/sr" "$OUT/pkg/origin.node" 2>&1)
	case $j in
	*'"outcome":"loads"'*) echo "ok - foreign-abi: \$ORIGIN of an addon outside the sysroot is its real directory" ;;
	*) echo "not ok - foreign-abi: \$ORIGIN of an addon outside the sysroot is its real directory"; echo "# got: $j" ;;
	esac
	# the same library named in RUNPATH by an absolute path is looked up
	# inside the sysroot: the tool assumes only what is reached from the
	# addon's own directory ($ORIGIN) is seen at its host path (qemu -L
	# would also find it on the host: tests/t/qemu-truth.sh leaves it out)
	clang --target=aarch64-linux-gnu --ld-path="$LLD" -shared -nostdlib -Wl,-rpath,"$OUT/pkg" \
		-o "$OUT/pkg/abs.node" "$OUT/a.c" "$OUT/pkg/libside.so" 2>>"$OUT/side.err"
	j=$("$AD" check --json --target node@20/linux-arm64 --sysroot "$OUT/sr" "$OUT/pkg/abs.node" 2>&1)
	case $j in
	*'"cause":"missing-library"'*) echo "ok - foreign-abi: an absolute RUNPATH entry stays inside the sysroot" ;;
	*) echo "not ok - foreign-abi: an absolute RUNPATH entry stays inside the sysroot"; echo "# got: $j" ;;
	esac
else
	echo "skip - foreign-abi: \$ORIGIN fixture not built ($(head -1 "$OUT/side.err"))"
fi

# A target of another architecture without --sysroot: its base libraries
# are assumed present but not read, so a symbol version need on one of them
# (tree-sitter's GLIBCXX_3.4.31 on Debian 12 arm64, whose libstdc++ stops
# at 3.4.30) cannot be decided: unknown, not a confident "loads".
printf 'GLIBCXX_3.4.31 { global: cxx_new; };\n' >"$OUT/cxx.map"
echo 'int cxx_new(void){return 1;}' >"$OUT/cxx.c"
printf '%s\n' 'int cxx_new(void);' 'void *napi_register_module_v1(void *e, void *x) { (void)e; cxx_new(); return x; }' >"$OUT/b.c"
mkdir -p "$OUT/cxx"
if clang --target=aarch64-linux-gnu --ld-path="$LLD" -shared -nostdlib -Wl,-soname,libstdc++.so.6 \
	-Wl,--version-script="$OUT/cxx.map" -o "$OUT/cxx/libstdc++.so.6" "$OUT/cxx.c" 2>"$OUT/cxx.err" &&
	clang --target=aarch64-linux-gnu --ld-path="$LLD" -shared -nostdlib -o "$OUT/cxx/needs-glibcxx.node" \
		"$OUT/b.c" "$OUT/cxx/libstdc++.so.6" 2>>"$OUT/cxx.err"; then
	rm -f "$OUT/cxx/libstdc++.so.6"
	j=$("$AD" check --json --target node@22/linux-arm64 "$OUT/cxx/needs-glibcxx.node" 2>&1)
	case $j in
	*'"outcome":"unknown"'*GLIBCXX_3.4.31*) echo "ok - foreign-abi: a version need on a base library of an unread foreign system is unknown" ;;
	*) echo "not ok - foreign-abi: a version need on a base library of an unread foreign system is unknown"; echo "# got: $j" ;;
	esac
else
	echo "skip - foreign-abi: GLIBCXX fixture not built ($(head -1 "$OUT/cxx.err"))"
fi
