#!/bin/sh
# image.sh - scan --image against real images built by real tools (no
# daemon): a Debian root filesystem from `apt-get download` of libc6,
# libgcc-s1, libstdc++6 + `dpkg -x` (and `ldconfig -r` for its
# ld.so.cache), the official node (tests/truth/fetch-node.sh), an app in
# /app with real addon packages (the real-package cache) and fixture addons
# that fail.  umoci turns it into an OCI layout of several layers (the
# second deletes a library: a real whiteout) with Env and WorkingDir set;
# skopeo copies it to a docker archive, an OCI archive and a zstd layout.
#
# Truth: the image's node run on each addon the scan says would be loaded,
# inside the image's unpacked root filesystem (chroot), outcome and message
# compared with `scan --image --json` byte for byte, for each of the four
# forms.  Also: an opaque directory, and hostile archives ("../" names, an
# absolute symlink to /etc, a header claiming a huge size, a FIFO) each
# give a clear error or a safe result.  Images are cached under
# ~/.cache/addon-doctor-tests/images.  Missing tools are a visible skip.
set -u
TOP=${AD_TEST_CACHE_TOP:-${HOME:-/tmp}/.cache/addon-doctor-tests}
IMG=$TOP/images
OUT=$WORK/image
rm -rf "$OUT" && mkdir -p "$OUT/tmp" "$IMG/debs"
# The private copies go under this test's own TMPDIR, so that counting what
# is left behind counts this test's runs only (not another scan's, running
# at the same time on the machine).
TMPDIR=$OUT/tmp
export TMPDIR
HOSTNODE=$(command -v node || true)
PY=$(command -v python3 || true)

# Without libarchive the build must say so plainly.
if ! "$AD" scan --image "$OUT" >/dev/null 2>"$OUT/probe.err" &&
	grep -q 'no image support (libarchive)' "$OUT/probe.err"; then
	echo "skip - image: this build has no image support (libarchive-dev not installed)"
	exit 0
fi
for t in umoci skopeo dpkg apt-get chroot ldconfig cc; do
	command -v $t >/dev/null || { echo "skip - image: no $t (apt-get install umoci skopeo)"; exit 0; }
done
[ -n "$PY" ] && [ -n "$HOSTNODE" ] || { echo "skip - image: needs python3 and node"; exit 0; }
[ "$(id -u)" = 0 ] || { echo "skip - image: chroot for the real runs needs root"; exit 0; }
NODEBIN=$(sh "$ROOT/tests/truth/fetch-node.sh" 22.23.3 2>/dev/null | tail -1)
[ -x "$NODEBIN" ] || { echo "skip - image: no cached node 22.23.3 (tests/truth/fetch-node.sh)"; exit 0; }
PKGS=$TOP/npm/pkg
APP_PKGS="bufferutil@4.0.8 utf-8-validate@6.0.3 leveldown@6.1.1 argon2@0.45.1 @node-rs+crc32-linux-x64-gnu@1.10.8
@img+sharp-linux-x64@0.33.5 @img+sharp-libvips-linux-x64@1.0.4 tree-sitter-javascript@0.25.0"
have=0
for p in $APP_PKGS; do [ -d "$PKGS/$p/package" ] && have=$((have + 1)); done
[ $have -ge 3 ] || { echo "skip - image: real packages not cached yet (tools/fetch-real-packages.sh)"; exit 0; }

pass=0 fail=0
ok() { echo "ok - image: $1"; pass=$((pass + 1)); }
bad() { echo "not ok - image: $1"; fail=$((fail + 1)); }

# --- the root filesystem and the layers -------------------------------------
KEY=v1-22.23.3-$(echo "$APP_PKGS" | cksum | cut -d' ' -f1)
B=$IMG/$KEY
if [ ! -f "$B/done" ]; then
	rm -rf "$B" && mkdir -p "$B"
	(cd "$IMG/debs" && for d in libc6 libgcc-s1 libstdc++6; do
		ls ${d}_*_amd64.deb >/dev/null 2>&1 || apt-get download $d >>"$B/apt.log" 2>&1; done)
	RF=$B/rootfs
	mkdir -p "$RF"
	for d in libc6 libgcc-s1 libstdc++6; do
		f=$(ls "$IMG/debs/${d}"_*_amd64.deb 2>/dev/null | head -1)
		[ -n "$f" ] || { echo "skip - image: cannot download $d (see $B/apt.log)"; exit 0; }
		dpkg -x "$f" "$RF"
	done
	mkdir -p "$RF/usr/local/bin" "$RF/app/node_modules" "$RF/etc" "$RF/tmp" "$RF/dev"
	cp "$NODEBIN" "$RF/usr/local/bin/node"
	for p in $APP_PKGS; do
		[ -d "$PKGS/$p/package" ] || continue
		name=$(echo "${p%@*}" | sed 's#+#/#')
		mkdir -p "$RF/app/node_modules/$(dirname "$name")"
		cp -a "$PKGS/$p/package" "$RF/app/node_modules/$name"
	done
	# fixture addons that fail: a library absent from the image, one a later
	# layer deletes (whiteout), a musl build
	FXB=$B/fx && mkdir -p "$FXB"
	printf 'int absent_fn(void){return 1;}\n' >"$FXB/a.c"
	printf 'int white_fn(void){return 2;}\n' >"$FXB/w.c"
	printf 'extern int absent_fn(void); int use(void){return absent_fn();}\n' >"$FXB/na.c"
	printf 'extern int white_fn(void); int use(void){return white_fn();}\n' >"$FXB/nw.c"
	cc -shared -fPIC -o "$FXB/libabsent.so" "$FXB/a.c" -Wl,-soname,libabsent.so &&
	cc -shared -fPIC -o "$FXB/libwhite.so.1" "$FXB/w.c" -Wl,-soname,libwhite.so.1 &&
	cc -shared -fPIC -o "$FXB/needs-absent.node" "$FXB/na.c" -L"$FXB" -labsent &&
	ln -sf libwhite.so.1 "$FXB/libwhite.so" &&
	cc -shared -fPIC -o "$FXB/needs-white.node" "$FXB/nw.c" -L"$FXB" -lwhite || { echo "skip - image: cc cannot build fixtures"; exit 0; }
	mkdir -p "$RF/app/native"
	cp "$FXB/needs-absent.node" "$FXB/needs-white.node" "$RF/app/native/"
	if command -v musl-gcc >/dev/null; then
		printf 'int use(void){return 3;}\n' >"$FXB/m.c"
		musl-gcc -shared -fPIC -o "$RF/app/native/musl-build.node" "$FXB/m.c" 2>/dev/null || true
	fi
	TRIPLE=x86_64-linux-gnu
	LIBD=$RF/usr/lib/$TRIPLE
	[ -d "$LIBD" ] || LIBD=$RF/lib/$TRIPLE
	cp "$FXB/libwhite.so.1" "$LIBD/"
	printf '{"name":"app","version":"1.0.0","private":true}\n' >"$RF/app/package.json"
	printf 'PRETTY_NAME="image test (Debian libraries)"\nID=debian\nVERSION_ID="12"\n' >"$RF/etc/os-release"
	ldconfig -r "$RF" 2>>"$B/ldconfig.log" || true
	L=$B/oci
	{
		umoci init --layout "$L" && umoci new --image "$L:t" &&
		umoci unpack --image "$L:t" "$B/u1" &&
		cp -a "$RF/." "$B/u1/rootfs/" && umoci repack --image "$L:t" "$B/u1" &&
		umoci unpack --image "$L:t" "$B/u2" &&
		rm "$B/u2/rootfs/${LIBD#$RF/}/libwhite.so.1" &&
		printf 'second layer\n' >"$B/u2/rootfs/app/LAYER2" &&
		umoci repack --image "$L:t" "$B/u2" &&
		umoci config --image "$L:t" --config.workingdir /app \
			--config.env PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
			--config.env NODE_ENV=production --config.cmd node --config.cmd index.js \
			--architecture amd64 --os linux &&
		umoci unpack --image "$L:t" "$B/final" &&
		skopeo copy -q "oci:$L:t" "docker-archive:$B/docker.tar:test/image:t" &&
		skopeo copy -q "oci:$L:t" "oci-archive:$B/oci.tar:t" &&
		skopeo copy -q --dest-compress-format zstd "oci:$L:t" "oci:$B/oci-zstd:t"
	} >"$B/build.log" 2>&1 || { bad "building the image failed"; sed 's/^/# /' "$B/build.log" | tail -20; exit 1; }
	# the unpacked final image is the truth's root; the staging copies go
	rm -rf "$B/u1" "$B/u2" "$RF"
	touch "$B/done"
fi
FINAL=$B/final/rootfs

# a real whiteout in the second layer?
if tar -tzf "$(ls -S "$B"/oci/blobs/sha256/* | head -1)" >/dev/null 2>&1; then :; fi
wh=0
for blob in "$B"/oci/blobs/sha256/*; do
	tar -tzf "$blob" 2>/dev/null | grep -q '\.wh\.libwhite\.so\.1$' && wh=1
done
[ $wh = 1 ] && ok "the second layer holds a real whiteout (.wh.libwhite.so.1)" || bad "no whiteout in the layers"

# --- truth: the image's node on each addon, inside the image's root ---------
mkdir -p "$FINAL/dev" "$FINAL/proc"
cat >"$OUT/probe.js" <<'EOF'
for (const f of process.argv.slice(2)) {
	try { require(f); console.log(f + "\tloads\t"); }
	catch (e) { console.log(f + "\tthrows\t" + String(e.message).split("\n")[0]); }
}
EOF
cp "$OUT/probe.js" "$FINAL/tmp/probe.js"

# compare FORM-NAME IMAGE: every file record scan says is used
compare() {
	name=$1 image=$2
	"$AD" scan --image "$image" --json >"$OUT/$name.json" 2>"$OUT/$name.err"
	rc=$?
	[ $rc -le 1 ] || { bad "$name: scan --image exited $rc: $(head -3 "$OUT/$name.err")"; return; }
	"$HOSTNODE" -e '
		const fs = require("fs");
		for (const l of fs.readFileSync(process.argv[1], "utf8").split("\n")) {
			if (!l.trim()) continue;
			const r = JSON.parse(l);
			if (r.record === "package" || r.summary || !r.outcome || !r.path) continue;
			const out = r.outcome === "throws" ? "throws" : r.outcome === "loads" ? "loads" : r.outcome;
			console.log(r.real_path + "\t" + out + "\t" + (r.outcome === "throws" ? String(r.error).split("\n")[0] : ""));
		}' "$OUT/$name.json" | sort >"$OUT/$name.pred"
	n=$(wc -l <"$OUT/$name.pred")
	[ "$n" -ge 3 ] || { bad "$name: only $n used files in the scan"; head -5 "$OUT/$name.err" | sed 's/^/# /'; return; }
	cut -f1 "$OUT/$name.pred" >"$OUT/$name.files"
	(cd "$FINAL" && chroot "$FINAL" /usr/local/bin/node /tmp/probe.js $(cat "$OUT/$name.files")) 2>&1 |
		sort >"$OUT/$name.real"
	if cmp -s "$OUT/$name.pred" "$OUT/$name.real"; then
		ok "$name: $n of $n used addons: outcome and message as the image's node in its root says"
	else
		agree=$(comm -12 "$OUT/$name.pred" "$OUT/$name.real" | wc -l)
		bad "$name: $agree of $n agree with the real runs"
		diff "$OUT/$name.pred" "$OUT/$name.real" | sed 's/^/# /' | head -20
	fi
}
compare oci-layout "$B/oci"
compare docker-archive "$B/docker.tar"
compare oci-archive "$B/oci.tar"
compare oci-zstd "$B/oci-zstd"

# check --image: the same files by their paths in the image, one run
if [ -s "$OUT/oci-layout.files" ]; then
	"$AD" check --image "$B/docker.tar" --json $(cat "$OUT/oci-layout.files") >"$OUT/check.json" 2>"$OUT/check.err"
	"$HOSTNODE" -e '
		const fs = require("fs"), root = process.argv[2];
		for (const l of fs.readFileSync(process.argv[1], "utf8").split("\n")) {
			if (!l.trim()) continue;
			const r = JSON.parse(l);
			const p = r.path.startsWith(root) ? r.path.slice(root.length) : r.path;
			console.log(p + "\t" + r.outcome + "\t" + (r.outcome === "throws" ? String(r.error).split("\n")[0] : ""));
		}' "$OUT/check.json" "$(grep -o '"path":"[^"]*/addon-doctor-image\.[^/]*' "$OUT/check.json" | head -1 | cut -d'"' -f4)" |
		sort >"$OUT/check.pred"
	n=$(wc -l <"$OUT/oci-layout.real")
	if cmp -s "$OUT/check.pred" "$OUT/oci-layout.real"; then
		ok "check --image: $n of $n files by their image paths agree with the real runs"
	else
		bad "check --image: $(comm -12 "$OUT/check.pred" "$OUT/oci-layout.real" | wc -l) of $n agree"
		diff "$OUT/check.pred" "$OUT/oci-layout.real" | sed 's/^/# /' | head -10; head -3 "$OUT/check.err" | sed 's/^/# /'
	fi
fi

# the deleted library is really missing, in the prediction as in the run
grep -q "needs-white.node	throws	.*libwhite.so.1: cannot open shared object file" "$OUT/oci-layout.real" &&
	grep -q "needs-white.node	throws	.*libwhite.so.1: cannot open shared object file" "$OUT/oci-layout.pred" &&
	ok "whiteout: the library the second layer deletes is missing" || bad "whiteout: libwhite.so.1 not reported missing"
grep -q '(linux/amd64): node /usr/local/bin/node, app /app;' "$OUT/oci-layout.err" &&
	ok "the target comes from the image: node on its PATH, WorkingDir /app" || bad "no image line: $(head -2 "$OUT/oci-layout.err")"
# no private copy left behind
left=$(ls -d "${TMPDIR:-/tmp}"/addon-doctor-image.* 2>/dev/null | wc -l)
[ "$left" = 0 ] && ok "the private copy is removed at exit" || bad "$left private copies left in ${TMPDIR:-/tmp}"

# --- a multi-platform index (nested), made from the layout's own blobs ----
rm -rf "$OUT/multi" && cp -al "$B/oci" "$OUT/multi"
"$PY" - "$OUT/multi" <<'EOF'
import hashlib, json, os, sys
d = sys.argv[1]
def blob(data):
    h = hashlib.sha256(data).hexdigest()
    p = os.path.join(d, "blobs", "sha256", h)
    if not os.path.exists(p):
        open(p, "wb").write(data)
    return "sha256:" + h, len(data)
def read(dg):
    return open(os.path.join(d, "blobs", "sha256", dg.split(":")[1]), "rb").read()
idx = json.load(open(os.path.join(d, "index.json")))
m0 = idx["manifests"][0]
man = json.loads(read(m0["digest"]))
cfg = json.loads(read(man["config"]["digest"]))
cfg["architecture"], cfg["variant"] = "arm64", "v8"
cd, cl = blob(json.dumps(cfg).encode())
man2 = dict(man, config=dict(man["config"], digest=cd, size=cl))
md, ml = blob(json.dumps(man2).encode())
mt = "application/vnd.oci.image.manifest.v1+json"
nested = {"schemaVersion": 2, "mediaType": "application/vnd.oci.image.index.v1+json", "manifests": [
    {"mediaType": mt, "digest": m0["digest"], "size": m0["size"], "platform": {"architecture": "amd64", "os": "linux"}},
    {"mediaType": mt, "digest": md, "size": ml, "platform": {"architecture": "arm64", "os": "linux", "variant": "v8"}},
    {"mediaType": mt, "digest": m0["digest"], "size": m0["size"], "platform": {"architecture": "unknown", "os": "unknown"}}]}
nd, nl = blob(json.dumps(nested).encode())
os.unlink(os.path.join(d, "index.json"))
json.dump({"schemaVersion": 2, "manifests": [{"mediaType": "application/vnd.oci.image.index.v1+json",
           "digest": nd, "size": nl}]}, open(os.path.join(d, "index.json"), "w"))
EOF
"$AD" scan --image "$OUT/multi" >"$OUT/multi.out" 2>"$OUT/multi.err"
[ "$(grep -c '^== .*, platform linux/' "$OUT/multi.out")" = 2 ] && grep -q 'platform linux/arm64/v8$' "$OUT/multi.out" &&
	[ "$(grep -c '(linux/a[mr][dm]64[/v8]*): node' "$OUT/multi.err")" = 2 ] &&
	ok "multi-platform index: one scan per platform, the attestation entry left out" ||
	{ bad "multi-platform index"; head -5 "$OUT/multi.err" | sed 's/^/# /'; }
"$AD" scan --image "$OUT/multi" --platform linux/arm64 --json >/dev/null 2>"$OUT/multi1.err"
grep -q '(linux/arm64/v8): node' "$OUT/multi1.err" && ! grep -q 'linux/amd64' "$OUT/multi1.err" &&
	ok "--platform linux/arm64 picks the arm64/v8 manifest" || bad "--platform linux/arm64: $(head -1 "$OUT/multi1.err")"
"$AD" scan --image "$OUT/multi" --platform linux/s390x >/dev/null 2>"$OUT/multi2.err"; rc=$?
[ $rc = 2 ] && grep -q 'no manifest for platform linux/s390x' "$OUT/multi2.err" &&
	ok "--platform linux/s390x: no such manifest, said plainly" || bad "--platform linux/s390x: exit $rc $(head -1 "$OUT/multi2.err")"

# --- hand-made docker archives: opaque directory, hostile entries ----------
# mk NAME SPEC: a docker-archive whose first layer is the real root's tar
# and whose second is written by python's tarfile from SPEC (python code)
tar -C "$FINAL" -cf "$OUT/base.tar" . 2>/dev/null
mk() {
	"$PY" - "$OUT/$1.tar" "$OUT/base.tar" "$2" "${3:-[\"PATH=/usr/local/bin:/usr/bin:/bin\"]}" <<'EOF'
import io, json, sys, tarfile, hashlib
out, base, spec, env = sys.argv[1], sys.argv[2], sys.argv[3], json.loads(sys.argv[4])
lay = io.BytesIO()
with tarfile.open(fileobj=lay, mode="w", format=tarfile.PAX_FORMAT) as t:
    def add(name, data=b"", type=tarfile.REGTYPE, link="", size=None):
        i = tarfile.TarInfo(name); i.type = type; i.linkname = link; i.mode = 0o755
        i.size = len(data) if size is None else size
        t.addfile(i, io.BytesIO(data) if type == tarfile.REGTYPE and size is None else None)
    exec(spec)
raw = lay.getvalue()
cfg = json.dumps({"architecture": "amd64", "os": "linux", "config": {"WorkingDir": "/app",
      "Env": env}, "rootfs": {"type": "layers", "diff_ids": []}}).encode()
with tarfile.open(out, "w") as t:
    def put(n, d):
        i = tarfile.TarInfo(n); i.size = len(d); t.addfile(i, io.BytesIO(d))
    t.add(base, arcname="base/layer.tar")
    put("top/layer.tar", raw)
    put("config.json", cfg)
    put("manifest.json", json.dumps([{"Config": "config.json", "RepoTags": ["t:t"],
        "Layers": ["base/layer.tar", "top/layer.tar"]}]).encode())
EOF
}
# opaque: /app/native is replaced by a directory holding only a copy of one addon
mk opaque "add('app/native', type=tarfile.DIRTYPE); add('app/native/.wh..wh..opq'); add('app/native/only.node', open('$FINAL/app/native/needs-absent.node','rb').read())"
"$AD" scan --image "$OUT/opaque.tar" --json >"$OUT/opaque.json" 2>"$OUT/opaque.err"
if grep -q '/app/native/only.node' "$OUT/opaque.json" && ! grep -q 'needs-white.node' "$OUT/opaque.json"; then
	ok "opaque directory: the lower layer's files under it are gone, the upper one's stay"
else
	bad "opaque directory not applied"; head -3 "$OUT/opaque.err" | sed 's/^/# /'
fi

# the image's LD_LIBRARY_PATH: a library only it leads to
mk llp "add('opt/lib', type=tarfile.DIRTYPE); add('opt/lib/libabsent.so', open('$B/fx/libabsent.so','rb').read())" \
	'["PATH=/usr/local/bin:/usr/bin:/bin", "LD_LIBRARY_PATH=/opt/lib:/nonexistent"]'
rm -rf "$OUT/llproot" && cp -al "$FINAL" "$OUT/llproot" && mkdir -p "$OUT/llproot/opt/lib" &&
	cp "$B/fx/libabsent.so" "$OUT/llproot/opt/lib/"
(cd "$OUT/llproot" && env LD_LIBRARY_PATH=/opt/lib:/nonexistent chroot "$OUT/llproot" /usr/local/bin/node /tmp/probe.js \
	/app/native/needs-absent.node) >"$OUT/llp.real" 2>&1
"$AD" check --image "$OUT/llp.tar" --json /app/native/needs-absent.node 2>"$OUT/llp.err" |
	"$HOSTNODE" -e 'const r = JSON.parse(require("fs").readFileSync(0, "utf8").split("\n")[0]);
		console.log("/app/native/needs-absent.node\t" + r.outcome + "\t" + (r.outcome === "throws" ? String(r.error).split("\n")[0] : ""))' >"$OUT/llp.pred" 2>&1
cmp -s "$OUT/llp.pred" "$OUT/llp.real" && ok "the image's LD_LIBRARY_PATH is the loader's: $(cut -f2- "$OUT/llp.real" | cut -c1-80)" ||
	{ bad "LD_LIBRARY_PATH of the image"; diff "$OUT/llp.pred" "$OUT/llp.real" | sed 's/^/# /'; head -2 "$OUT/llp.err" | sed 's/^/# /'; }

# NODE_OPTIONS node itself rejects (an unterminated string, a final
# backslash in quotes), and a long one: said, never a crash
for v in '"--no-addons' '"--no-addons \' "$(printf -- '--no-addons %.0s' $(seq 1 5000))"; do
	mk nodeopts "" "$("$PY" -c 'import json,sys; print(json.dumps(["PATH=/usr/local/bin:/usr/bin:/bin", "NODE_OPTIONS=" + sys.argv[1]]))' "$v")"
	"$AD" scan --image "$OUT/nodeopts.tar" --json >"$OUT/nodeopts.json" 2>"$OUT/nodeopts.err"; rc=$?
	# the image's node with it, for real: what it prints and its status
	(cd "$FINAL" && env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin "NODE_OPTIONS=$v" chroot "$FINAL" /usr/local/bin/node -e 1) >/dev/null 2>"$OUT/nodeopts.real"
	real=$?
	said=$(sed -n 's#^/usr/local/bin/node: \(invalid value for NODE_OPTIONS ([^)]*)\)$#\1#p' "$OUT/nodeopts.real")
	if [ $rc -le 1 ] && ! grep -q 'AddressSanitizer\|runtime error' "$OUT/nodeopts.err" &&
		if [ -n "$said" ]; then
			[ $real = 9 ] && grep -qF "which node rejects ($said, exit status 9)" "$OUT/nodeopts.err" &&
				grep -q '"outcome":"unknown"' "$OUT/nodeopts.json" && ! grep -q '"outcome":"\(loads\|throws\)"' "$OUT/nodeopts.json"
		else
			[ $real = 0 ] && grep -q "NODE_OPTIONS=.*--no-addons modelled" "$OUT/nodeopts.err"
		fi; then
		ok "NODE_OPTIONS '$(printf '%s' "$v" | cut -c1-20)': ${said:-node starts; --no-addons modelled}$([ -n "$said" ] && echo ', exit 9, as the real node: every outcome unknown')"
	else
		bad "NODE_OPTIONS '$(printf '%s' "$v" | cut -c1-20)': exit $rc"; grep -v '^addon-doctor: image' "$OUT/nodeopts.err" | head -3 | cut -c1-200 | sed 's/^/# /'
	fi
done

# hostile: each must end in a clear error naming the image and entry, or a
# safe result; nothing may appear outside the private root
hostile() {
	name=$1 want=$2
	rm -f /tmp/addon-doctor-escape
	"$AD" scan --image "$OUT/$name.tar" --json >"$OUT/$name.json" 2>"$OUT/$name.err"
	rc=$?
	if [ -e /tmp/addon-doctor-escape ]; then bad "$name: wrote outside the private root"; return; fi
	if grep -q "ERROR: AddressSanitizer\|runtime error" "$OUT/$name.err"; then bad "$name: sanitizer report"; return; fi
	if [ -n "$want" ]; then
		grep -qF "$want" "$OUT/$name.err" && [ $rc = 2 ] && ok "$name: $(grep -F "$want" "$OUT/$name.err" | head -1 | cut -c1-150)" ||
			{ bad "$name: expected '$want' (exit $rc)"; head -3 "$OUT/$name.err" | sed 's/^/# /'; }
	else
		[ $rc -le 1 ] && ok "$name: safe result (exit $rc)" || { bad "$name: exit $rc"; head -3 "$OUT/$name.err" | sed 's/^/# /'; }
	fi
}
mk dotdot "add('../../../../tmp/addon-doctor-escape', b'x')"
hostile dotdot "entry '../../../../tmp/addon-doctor-escape': the name leaves the image root"
mk abs "add('/tmp/addon-doctor-escape', b'x')"
hostile abs ""
# an absolute symlink to /etc, and a library link through it: resolved in
# the image root, never on this machine
mk etclink "add('app/etc', type=tarfile.SYMTYPE, link='/etc'); add('app/node_modules/evil', type=tarfile.SYMTYPE, link='/etc'); add('usr/lib/x86_64-linux-gnu/libevil.so', type=tarfile.SYMTYPE, link='/etc/shadow')"
hostile etclink ""
if [ -f "$OUT/etclink.json" ] && ! grep -q 'shadow' "$OUT/etclink.json"; then :; fi
mk bomb "add('app/huge.bin', size=1<<62)" 2>/dev/null || mk bomb "add('app/huge.bin', size=(1<<40))"
hostile bomb "claims"
mk fifo "add('app/native/fifo.node', type=tarfile.FIFOTYPE); add('dev/sda', type=tarfile.BLKTYPE)"
hostile fifo ""
mk deep "add('app/x', type=tarfile.SYMTYPE, link='y'); add('app/y', type=tarfile.SYMTYPE, link='x'); add('app/node_modules/loop', type=tarfile.SYMTYPE, link='../node_modules/loop')"
hostile deep ""
mk longname "add('app/' + 'x' * 5000 + '.node', b'x')"
hostile longname "the name is longer than 4095 bytes"
mk hardlink "add('app/native/shadow.node', type=tarfile.LNKTYPE, link='/etc/shadow'); add('app/native/up.node', type=tarfile.LNKTYPE, link='../../../etc/passwd')"
hostile hardlink "entry 'app/native/up.node'"
# no WorkingDir, no directory named: refused rather than copying the whole image
"$AD" scan --image "$OUT/abs.tar" / >/dev/null 2>"$OUT/root.err"; rc=$?
[ $rc = 2 ] && grep -q "the app directory would be the image's root" "$OUT/root.err" &&
	ok "the image root as the app directory is refused: $(cut -c1-100 "$OUT/root.err")" || bad "root as app: exit $rc $(head -1 "$OUT/root.err")"
# a truncated archive
head -c 100000 "$B/docker.tar" >"$OUT/trunc.tar"
"$AD" scan --image "$OUT/trunc.tar" >/dev/null 2>"$OUT/trunc.err"; rc=$?
[ $rc = 2 ] && grep -q "trunc.tar" "$OUT/trunc.err" && ok "truncated archive: $(head -1 "$OUT/trunc.err" | cut -c1-120)" ||
	bad "truncated archive: exit $rc $(head -1 "$OUT/trunc.err")"
left=$(ls -d "${TMPDIR:-/tmp}"/addon-doctor-image.* 2>/dev/null | wc -l)
[ "$left" = 0 ] && ok "no private copy left after the hostile images" || bad "$left private copies left"

echo "# image: $pass passed, $fail failed"
[ $fail = 0 ]
