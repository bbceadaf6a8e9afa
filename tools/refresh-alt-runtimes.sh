#!/bin/sh
# refresh-alt-runtimes.sh - regenerates the Bun and Deno tables from the real
# runtimes as npm publishes them:
#
#   data/bun-releases.tsv  data/bun-exports.tsv
#   data/deno-releases.tsv data/deno-exports.tsv
#
#   tools/refresh-alt-runtimes.sh                           (every platform)
#   PLATFORMS=linux-arm64-glibc tools/refresh-alt-runtimes.sh (only those rows;
#                                        the other platforms' rows are kept)
#
# Why: `check --target bun@1.2` has no executable to read, and what Bun and
# Deno do after dlopen() (which registrations they accept, which code and
# text a failed dlopen() gets) is nowhere in their binaries' symbols.  So
# each measured (release, platform) gets one row, filled from:
#   - the binary itself: its defined dynamic symbols (readelf --dyn-syms,
#     GLOBAL/WEAK, symbol versions dropped: an addon's references carry
#     none) and its DT_NEEDED libraries (readelf -d);
#   - one run of it: process.versions.node / .modules / .napi;
#   - two tiny addons built here with that platform's cc and required by
#     it: one linked -z now against a symbol nothing defines (does the
#     dlopen() error carry code ERR_DLOPEN_FAILED, is anything appended to
#     the dlerror() text?), one whose constructor calls node_module_register
#     with nm_version 72 (does the runtime check the version, refuse legacy
#     addons, or not export node_module_register at all?).
# Platforms and binaries (`npm pack`, no install script runs, cached under
# ~/.cache/addon-doctor-tests/runtimes/<tarball name>/package/):
#   linux-x64-glibc    @oven/bun-linux-x64@V, @deno/linux-x64-glibc@V; run here
#   linux-arm64-glibc  @oven/bun-linux-aarch64@V, @deno/linux-arm64-glibc@V;
#                      run by qemu-aarch64 (-cpu max,pauth-impdef=on) against
#                      the Debian 12 arm64 root filesystem that
#                      tests/truth/fetch-foreign.sh caches; probes built with
#                      aarch64-linux-gnu-gcc (AARCH64_CC)
# Not measured: the musl builds (@oven/bun-linux-x64-musl,
# @oven/bun-linux-aarch64-musl) need a libstdc++.so.6 built for musl, which
# Debian's archive does not ship, so they cannot be run here; the x64
# "-baseline" build is the same release for CPUs without AVX2 (same exports,
# checked by tests/t/bun-deno-truth.sh), not a row of its own.
# Run by hand, never at build time.  Needs npm, readelf, cc (and for arm64
# qemu-aarch64, apt-get, dpkg, aarch64-linux-gnu-gcc).
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
ALL_PLATFORMS="linux-x64-glibc linux-arm64-glibc"
PLATFORMS=${PLATFORMS:-$ALL_PLATFORMS}
BUN_VERSIONS=${BUN_VERSIONS:-"1.0.36 1.1.0 1.1.38 1.2.0 1.2.23 1.3.14 1.4.5"}
DENO_VERSIONS=${DENO_VERSIONS:-"2.0.6 2.1.4 2.5.6 2.7.14 2.8.3 2.9.6"}
# npm publishes fewer arm64 releases (no bun 1.0.36/1.1.0/1.2.0, deno from 2.2.3)
BUN_ARM64_VERSIONS=${BUN_ARM64_VERSIONS:-"1.1.38 1.2.23 1.3.14 1.4.5"}
DENO_ARM64_VERSIONS=${DENO_ARM64_VERSIONS:-"2.2.3 2.7.7 2.9.6"}
CACHE=${AD_RUNTIME_CACHE:-${HOME:-/tmp}/.cache/addon-doctor-tests/runtimes}
mkdir -p "$CACHE"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

# Unpacks package NAME@VER into the cache; prints the directory.
fetch() {
	tgz=$(printf '%s' "$1" | sed 's/^@//; s/\//-/; s/@/-/').tgz
	dir=$CACHE/${tgz%.tgz}
	if [ ! -d "$dir/package" ]; then
		[ -s "$CACHE/$tgz" ] || (cd "$CACHE" && npm pack --ignore-scripts --silent "$1" >/dev/null)
		mkdir -p "$dir" && tar -xzf "$CACHE/$tgz" -C "$dir" --no-same-owner
	fi
	printf '%s\n' "$dir/package"
}

# The probe addons (plain C, no Node headers needed).
cat >"$TMP/undef.c" <<'EOF'
extern int addon_doctor_probe_missing(void);
void *napi_register_module_v1(void *env, void *exports) { addon_doctor_probe_missing(); return exports; }
EOF
cat >"$TMP/legacy.c" <<'EOF'
struct node_module { int nm_version; unsigned nm_flags; void *nm_dso_handle; const char *nm_filename;
	void *nm_register_func; void *nm_context_register_func; const char *nm_modname; void *nm_priv; void *nm_link; };
extern void node_module_register(void *);
static void reg(void *e, void *m, void *p) { (void)e; (void)m; (void)p; }
static struct node_module mod = { 72, 0, 0, "legacy.c", (void *)reg, 0, "probe", 0, 0 };
__attribute__((constructor)) static void ctor(void) { node_module_register(&mod); }
EOF
cat >"$TMP/probe.cjs" <<'EOF'
const f = process.argv[process.argv.length - 1];
let r;
try { require(f); r = { loads: true }; } catch (e) { r = { code: e.code === undefined ? null : e.code, message: e.message }; }
console.log(JSON.stringify(r));
EOF
cat >"$TMP/versions.cjs" <<'EOF'
console.log([process.versions.node, process.versions.modules, process.versions.napi].join('\t'));
EOF

# setup PLATFORM: the packages, releases, compiler and runner of one
# platform (sets BUNPKG DENOPKG BUNLIST DENOLIST CCP RUNNER); the probes
# are built into $TMP/PLATFORM/.
setup() {
	case $1 in
	linux-x64-glibc)
		BUNPKG=@oven/bun-linux-x64 DENOPKG=@deno/linux-x64-glibc
		BUNLIST=$BUN_VERSIONS DENOLIST=$DENO_VERSIONS CCP=${CC:-cc} RUNNER="" ;;
	linux-arm64-glibc)
		BUNPKG=@oven/bun-linux-aarch64 DENOPKG=@deno/linux-arm64-glibc
		BUNLIST=$BUN_ARM64_VERSIONS DENOLIST=$DENO_ARM64_VERSIONS CCP=${AARCH64_CC:-aarch64-linux-gnu-gcc}
		rootfs=$("$ROOT/tests/truth/fetch-foreign.sh" arm64 arm64 | sed -n 's/^rootfs //p')
		[ -n "$rootfs" ] || { echo "refresh-alt-runtimes: no arm64 root filesystem" >&2; exit 1; }
		RUNNER="qemu-aarch64 -cpu max,pauth-impdef=on -L $rootfs" ;;
	*) echo "refresh-alt-runtimes: unknown platform $1" >&2; exit 1 ;;
	esac
	mkdir -p "$TMP/$1"
	$CCP -shared -fPIC -Wl,-z,now -o "$TMP/$1/undef.node" "$TMP/undef.c"
	$CCP -shared -fPIC -o "$TMP/$1/legacy.node" "$TMP/legacy.c"
}

# run KIND BIN SCRIPT ARG: one run of the runtime, stdout+stderr.
run() {
	# shellcheck disable=SC2086 # RUNNER is a command and its options
	if [ "$1" = deno ]; then
		timeout 120 $RUNNER "$2" run --allow-read --allow-ffi "$3" "$4" 2>&1 || true
	else
		timeout 120 $RUNNER "$2" "$3" "$4" 2>&1 || true
	fi
}

# One releases row: version platform node modules napi dlopen_code suffix legacy needed
row() {
	kind=$1 ver=$2 plat=$3 bin=$4
	vers=$(run "$kind" "$bin" "$TMP/versions.cjs" x | head -1)
	u=$(run "$kind" "$bin" "$TMP/probe.cjs" "$TMP/$plat/undef.node" | head -1)
	l=$(run "$kind" "$bin" "$TMP/probe.cjs" "$TMP/$plat/legacy.node" | head -1)
	code=$(printf '%s' "$u" | grep -q '"code":"ERR_DLOPEN_FAILED"' && echo ERR_DLOPEN_FAILED || echo -)
	# what follows the dlerror() text: Deno 2.9 appends "\n  path: FILE"
	suffix=$(printf '%s' "$u" | grep -q 'addon_doctor_probe_missing\\n  path: ' && echo path || echo -)
	case $l in
	*"undefined symbol: node_module_register"*) legacy=none ;;
	*"NODE_MODULE_VERSION 72. This version of Bun"*) legacy=abi-check ;;
	*"legacy Node.js native addon API"*) legacy=refuse ;;
	*) legacy="unmeasured:$(printf '%s' "$l" | tr '\t' ' ' | cut -c1-60)" ;;
	esac
	needed=$(readelf -d "$bin" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p' | tr '\n' ' ' | sed 's/ $//')
	printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$ver" "$plat" "$vers" "$code" "$suffix" "$legacy" "$needed"
}

exports() {
	readelf --dyn-syms -W "$1" |
		awk '$1 ~ /^[0-9]+:$/ && $7 != "UND" && ($5 == "GLOBAL" || $5 == "WEAK") && ($4 == "FUNC" || $4 == "OBJECT") { n = $8; sub(/@.*/, "", n); if (n != "") print n }' |
		LC_ALL=C sort -u
}

for kind in bun deno; do
	if [ $kind = bun ]; then exe=bin/bun; Name=Bun; else exe=deno; Name=Deno; fi
	rel=$ROOT/data/$kind-releases.tsv exp=$ROOT/data/$kind-exports.tsv
	{
		echo "# $Name releases measured by tools/refresh-alt-runtimes.sh (written $(date -u +%Y-%m-%d);"
		echo "# PLATFORMS=... rewrites only those platforms' rows and keeps the others)."
		echo "# Source, per platform: linux-x64-glibc npm @oven/bun-linux-x64@VERSION /"
		echo "# @deno/linux-x64-glibc@VERSION run here; linux-arm64-glibc npm"
		echo "# @oven/bun-linux-aarch64@VERSION / @deno/linux-arm64-glibc@VERSION run by"
		echo "# qemu-aarch64 against a Debian 12 arm64 root filesystem (readelf -d for needed;"
		echo "# process.versions of one run for node/modules/napi; two probe addons required"
		echo "# by it for dlopen_code, suffix and legacy, see the script).  Columns:"
		echo "#   platform     os-arch-libc of the binary measured"
		echo "#   dlopen_code  code of the Error a failed dlopen() throws (- none)"
		printf '%s\n' "#   suffix       path: the dlerror() text is followed by \"\\n  path: FILE\""
		echo "#   legacy       a constructor calling node_module_register: abi-check (its"
		echo "#                nm_version is compared), refuse (rejected outright), none (the"
		echo "#                runtime does not export node_module_register)"
		echo "# A release between two rows of one platform is taken to behave as the row at"
		echo "# or below it.  Not measured: the musl builds (they cannot run here, see the script)."
		printf '# version\tplatform\tnode\tmodules\tnapi\tdlopen_code\tsuffix\tlegacy\tneeded\n'
	} >"$rel.new"
	{
		echo "# Defined dynamic symbols (GLOBAL/WEAK functions and objects, symbol versions"
		echo "# dropped) of each (release, platform) in $kind-releases.tsv: what an addon can"
		echo "# bind to.  Source: readelf --dyn-syms of the npm binary ($exe) of that row;"
		echo "# regenerate with tools/refresh-alt-runtimes.sh.  version<TAB>platform<TAB>symbol"
	} >"$exp.new"
	for plat in $ALL_PLATFORMS; do
		case " $PLATFORMS " in
		*" $plat "*) ;;
		*)	# kept as they are
			[ -f "$rel" ] && awk -F'\t' -v p="$plat" '!/^#/ && $2 == p' "$rel" >>"$rel.new"
			[ -f "$exp" ] && awk -F'\t' -v p="$plat" '!/^#/ && $2 == p' "$exp" >>"$exp.new"
			continue ;;
		esac
		setup "$plat"
		if [ $kind = bun ]; then pkg=$BUNPKG list=$BUNLIST; else pkg=$DENOPKG list=$DENOLIST; fi
		for v in $list; do
			d=$(fetch "$pkg@$v")
			row $kind "$v" "$plat" "$d/$exe" >>"$rel.new"
			exports "$d/$exe" | sed "s/^/$v	$plat	/" >>"$exp.new"
		done
	done
	mv "$rel.new" "$rel" && mv "$exp.new" "$exp"
done
