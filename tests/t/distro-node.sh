#!/bin/sh
# distro-node.sh - ground truth for `check --node` with a DISTRIBUTION's
# node: Debian's nodejs (/usr/bin/node, a 26 KB launcher) + libnode<N>
# (libnode.so.<N>: the version, NODE_MODULE_VERSION and every export), with
# OpenSSL, libuv, zlib, brotli, ICU, c-ares, nghttp2 as the system's shared
# libraries.  Every Debian build that `apt-cache madison nodejs` lists from
# Debian's archive is downloaded (`apt-get download`, cached under
# ~/.cache/addon-doctor-tests/distro), unpacked with `dpkg -x`, and run with
# LD_LIBRARY_PATH at its unpacked libnode on the real-addon suite of
# truth-real.sh; `check --node` (with the same LD_LIBRARY_PATH, which the
# loader model honours) must predict outcome, code and message byte for
# byte (tests/truth/real.js compares).
#
# Debian's node loads some builtins from /usr/share/nodejs (node-acorn,
# node-cjs-module-lexer, node-undici) and aborts at startup without them,
# so the real runs happen in a private mount namespace where the unpacked
# /usr/share is overlaid on this machine's: nothing is installed.  No apt,
# no unshare or no overlay mount is a visible skip.
#
# Also "node itself cannot start": the unpacked node run without its
# LD_LIBRARY_PATH (libnode.so.108 is not found), and with a fixture
# libssl.so.3 that lacks the OPENSSL_3.0.0 version libnode needs; ld.so's
# exact text and exit status must be what `check --node` says before any
# addon.
set -u
HOSTNODE=$(command -v node || true)
[ -n "$HOSTNODE" ] || { echo "skip - distro-node: no node on PATH to drive the comparison"; exit 0; }
TOP=${AD_TEST_CACHE_TOP:-${HOME:-/tmp}/.cache/addon-doctor-tests}
CACHE=$TOP/npm
DIST=$TOP/distro
OUT=$WORK/distro-node
rm -rf "$OUT" && mkdir -p "$OUT" "$DIST/debs"
command -v apt-get >/dev/null && command -v dpkg >/dev/null ||
	{ echo "skip - distro-node: no apt-get/dpkg to fetch Debian's nodejs"; exit 0; }
ARCH=$(dpkg --print-architecture)
TRIPLE=$(dpkg-architecture -qDEB_HOST_MULTIARCH 2>/dev/null || echo x86_64-linux-gnu)

# Debian's own builds only (not nodesource's or another repository's).
VERSIONS=$(apt-cache madison nodejs 2>/dev/null | awk -F'|' '$3 ~ /debian\.org/ {gsub(/ /, "", $2); print $2}' | sort -u)
[ -n "$VERSIONS" ] || { echo "skip - distro-node: apt knows no nodejs from Debian's archive (apt-get update?)"; exit 0; }

# fetch NAME=VERSION into debs/ unless cached; prints the .deb path
fetch() {
	pkg=${1%%=*} ver=${1#*=}
	f=$(ls "$DIST/debs/${pkg}_$(printf %s "$ver" | sed 's/^[0-9]*://')_"*.deb 2>/dev/null | head -1)
	if [ -z "$f" ]; then
		(cd "$DIST/debs" && apt-get download "$1" >>"$OUT/apt.log" 2>&1) || return 1
		f=$(ls "$DIST/debs/${pkg}_$(printf %s "$ver" | sed 's/^[0-9]*://')_"*.deb 2>/dev/null | head -1)
	fi
	[ -n "$f" ] && printf '%s\n' "$f"
}
# The JS builtins Debian's node reads at startup: the candidate versions.
SHARE_DEBS=
for p in node-acorn node-cjs-module-lexer node-undici; do
	v=$(apt-cache policy "$p" 2>/dev/null | awk '/Candidate:/ {print $2}')
	d=$([ -n "$v" ] && [ "$v" != "(none)" ] && fetch "$p=$v") || { echo "skip - distro-node: cannot download $p (see $OUT/apt.log)"; exit 0; }
	SHARE_DEBS="$SHARE_DEBS $d"
done

ROOTS=
for v in $VERSIONS; do
	libnode=$(apt-cache show "nodejs=$v" 2>/dev/null | sed -n 's/^Depends:.*\(libnode[0-9]*\) (= [^)]*).*/\1/p' | head -1)
	[ -n "$libnode" ] || { echo "skip - distro-node: nodejs $v: no libnode<N> dependency in its record"; continue; }
	root=$DIST/root-$v
	if [ ! -x "$root/usr/bin/node" ]; then
		a=$(fetch "nodejs=$v") && b=$(fetch "$libnode=$v") ||
			{ echo "skip - distro-node: nodejs $v: cannot download nodejs/$libnode (see $OUT/apt.log)"; continue; }
		rm -rf "$root.tmp" && mkdir -p "$root.tmp"
		for d in $a $b $SHARE_DEBS; do dpkg -x "$d" "$root.tmp" || continue 2; done
		rm -rf "$root" && mv "$root.tmp" "$root"
	fi
	ROOTS="$ROOTS $v"
done
[ -n "$ROOTS" ] || { echo "skip - distro-node: no Debian nodejs could be unpacked"; exit 0; }

# A private mount namespace with the unpacked /usr/share/nodejs visible.
in_ns() { # ROOT CMD...
	r=$1; shift
	unshare -m sh -c 'mount -t overlay overlay -o "lowerdir=$0/usr/share:/usr/share" /usr/share && exec "$@"' "$r" "$@"
}
set -- $ROOTS
first=$DIST/root-$1
if ! in_ns "$first" true 2>"$OUT/ns.err"; then
	echo "skip - distro-node: cannot make a mount namespace with /usr/share overlaid ($(head -c 200 "$OUT/ns.err")); Debian's node needs /usr/share/nodejs"
	exit 0
fi

# The real-addon suite of truth-real.sh.
if command -v npm >/dev/null; then
	AD_TEST_CACHE=$CACHE "$ROOT/tools/fetch-real-packages.sh" >"$OUT/fetch.log" 2>&1 ||
		grep '^failed' "$OUT/fetch.log" | sed 's/^/# /'
fi
[ -d "$CACHE/pkg" ] && find "$CACHE/pkg" -name '*.node' -type f | sort | while IFS= read -r f; do
	printf '%s\t%s\n' "${f#"$CACHE/pkg/"}" "$f"
done >"$OUT/files.tsv"
[ -s "$OUT/files.tsv" ] || { echo "skip - distro-node: no real packages cached and none could be fetched (see $OUT/fetch.log)"; exit 0; }

# startup_cmp NAME PREFIX: PREFIX.real (ld.so's stderr), PREFIX.rc (its exit
# status) against PREFIX.pred (check's stderr: the lines after its "cannot
# start ... exit status N ..., printing:" notice, or the ld.so text quoted
# in its "cannot be read" error when the missing library is libnode).
startup_cmp() {
	want=$(cat "$2.real") rc=$(cat "$2.rc")
	got=$(sed -n '/cannot start on this system/,$p' "$2.pred" | sed 1d)
	grc=$(sed -n 's/.*ld.so ends it with exit status \([0-9]*\).*/\1/p' "$2.pred" | head -1)
	if [ -z "$got" ]; then
		got=$(sed -n 's/.*ld.so prints "\(.*\)"; tried.*/\1/p; s/.*ld.so prints "\(.*\)"$/\1/p' "$2.pred" | head -1)
		case $got in *"error while loading shared libraries"*) grc=127 ;; esac
	fi
	if [ -n "$want" ] && [ "$got" = "$want" ] && [ "$grc" = "$rc" ]; then
		echo "ok - distro-node: $1: node cannot start, ld.so's text and exit status $rc predicted"
	else
		echo "not ok - distro-node: $1"
		printf '# real (exit %s): %s\n# predicted (exit %s): %s\n' "$rc" "$want" "$grc" "$got"
	fi
}

TRUTH_AD=${TRUTH_AD:-$ROOT/addon-doctor}
[ -x "$TRUTH_AD" ] || TRUTH_AD=$AD
total=0 agree=0
for v in $ROOTS; do
	r=$DIST/root-$v
	lib=$r/usr/lib/$TRIPLE
	node=$r/usr/bin/node
	# recognised, facts read from libnode: what `env` says of it on PATH
	real=$(LD_LIBRARY_PATH=$lib in_ns "$r" "$node" -p 'process.versions.node + " " + process.versions.modules + " " + process.versions.napi' 2>&1)
	pred=$(PATH=$r/usr/bin:$PATH LD_LIBRARY_PATH=$lib "$AD" env --json 2>"$OUT/env.err" |
		"$HOSTNODE" -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const j=JSON.parse(s).node;console.log(j.version+" "+j.modules+" "+j.napi)})' 2>&1)
	if [ "$real" = "$pred" ]; then
		echo "ok - distro-node: nodejs $v: version, NODE_MODULE_VERSION, Node-API read from libnode: $pred"
	else
		echo "not ok - distro-node: nodejs $v: facts: real '$real', predicted '$pred'"
		sed 's/^/# /' "$OUT/env.err" | head -3
	fi
	# ASan build over every file once
	cut -f2 "$OUT/files.tsv" | LD_LIBRARY_PATH=$lib xargs -d '\n' sh -c '"$0" check --node "$1" --json "$@" >/dev/null 2>"$2.err"' \
		"$AD" "$node" "$OUT/asan-$v" 2>/dev/null
	if grep -q 'ERROR: AddressSanitizer\|runtime error:' "$OUT/asan-$v.err" 2>/dev/null; then
		echo "not ok - distro-node: nodejs $v: ASan build reports a memory error"
		grep -m5 'ERROR: AddressSanitizer\|runtime error:' "$OUT/asan-$v.err" | sed 's/^/# /'
	else
		echo "ok - distro-node: nodejs $v: ASan build checks every real file without a sanitizer report"
	fi
	LD_LIBRARY_PATH=$lib in_ns "$r" "$HOSTNODE" "$ROOT/tests/truth/real.js" "$TRUTH_AD" \
		"$ROOT/tests/truth/known-failures.tsv" "$OUT/files.tsv" "$node" >"$OUT/real-$v.log" 2>&1
	sed "s/ on node \([0-9.]*\)/ on Debian nodejs $v (node \1)/" "$OUT/real-$v.log" | grep -v '^# real truth'
	n=$(sed -n 's/^# real truth: .* = \([0-9]*\), agree \([0-9]*\).*/\1 \2/p' "$OUT/real-$v.log")
	[ -n "$n" ] || { echo "not ok - distro-node: nodejs $v: real.js gave no figure"; sed 's/^/# /' "$OUT/real-$v.log" | tail -5; continue; }
	total=$((total + ${n% *})) agree=$((agree + ${n#* }))

	# Node itself cannot start: libnode not found (no LD_LIBRARY_PATH).
	f1=$(sed -n '1s/.*\t//p' "$OUT/files.tsv")
	(cd "$r/usr/bin" && ./node -e 0 >/dev/null 2>"$OUT/start1.real"; echo $? >"$OUT/start1.rc")
	(cd "$r/usr/bin" && "$AD" check --node ./node "$f1" >/dev/null 2>"$OUT/start1.pred")
	startup_cmp "nodejs $v without its libnode on the search path" "$OUT/start1"

	# Node itself cannot start: a libssl.so.3 without OPENSSL_3.0.0.
	fx=$OUT/oldssl
	mkdir -p "$fx"
	printf 'OPENSSL_1_1_0 { global: *; };\n' >"$fx/v.map"
	if echo 'int SSL_new(void){return 0;}' | ${CC:-cc} -shared -nostdlib -Wl,-soname,libssl.so.3 \
		-Wl,--version-script,"$fx/v.map" -o "$fx/libssl.so.3" -x c - 2>"$fx/cc.log"; then
		(LD_LIBRARY_PATH=$fx:$lib "$node" -e 0 >/dev/null 2>"$OUT/start2.real"; echo $? >"$OUT/start2.rc")
		(LD_LIBRARY_PATH=$fx:$lib "$AD" check --node "$node" "$f1" >/dev/null 2>"$OUT/start2.pred")
		startup_cmp "nodejs $v with a libssl.so.3 that lacks OPENSSL_3.0.0" "$OUT/start2"
	else
		echo "skip - distro-node: no C compiler for the old-libssl fixture"
	fi
done
echo "# distro truth: (file, Debian build) pairs = $total, agree $agree"
