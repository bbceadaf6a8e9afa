#!/bin/sh
# fetch-foreign.sh DEBARCH NODEARCH VERSION... - caches, OUTSIDE the
# repository, what tests/t/qemu-truth.sh runs under qemu user mode:
#   ~/.cache/addon-doctor-tests/rootfs/<debarch>/     a Debian 12 root filesystem
#       holding the packages a Node runtime needs (libc6, libc-bin,
#       libstdc++6, libgcc-s1, libatomic1, zlib1g) unpacked with dpkg -x, and
#       an ld.so.cache written by the guest's own (static) ldconfig run under
#       qemu, so its format and per-architecture flags are the guest's.
#   ~/.cache/addon-doctor-tests/node-<nodearch>/<version>/bin/node
#       from the npm package node-linux-<nodearch>@<version> (the official
#       release tarball republished; `npm pack` only downloads).
# The Debian packages come from this machine's apt sources through a private
# apt state directory (APT::Architecture=<debarch>), so the host's dpkg
# architecture list is never changed.  Idempotent; prints
# "rootfs <dir>" then one "node <path>" per version; exit 1 if any part is
# missing.  Never run at build time.
set -u
DEBARCH=$1 NODEARCH=$2; shift 2
BASE=${AD_TEST_CACHE:-$HOME/.cache/addon-doctor-tests}
ROOTFS=$BASE/rootfs/$DEBARCH
case $DEBARCH in
arm64) QEMU=qemu-aarch64 ;; armhf) QEMU=qemu-arm ;; ppc64el) QEMU=qemu-ppc64le ;;
s390x) QEMU=qemu-s390x ;; *) echo "fetch-foreign: unknown architecture $DEBARCH" >&2; exit 1 ;;
esac
rc=0
if [ ! -f "$ROOTFS/.complete" ]; then
	A=$BASE/apt-$DEBARCH
	mkdir -p "$A/lists/partial" "$A/cache/archives/partial" "$A/debs" && : >"$A/status"
	O="-o APT::Architecture=$DEBARCH -o APT::Architectures::=$DEBARCH -o Dir::State::Lists=$A/lists
	   -o Dir::State::status=$A/status -o Dir::Cache=$A/cache -o Debug::NoLocking=1"
	# shellcheck disable=SC2086
	if apt-get $O update >"$A/update.log" 2>&1 &&
		(cd "$A/debs" && apt-get $O download libc6 libc-bin libstdc++6 libgcc-s1 libatomic1 zlib1g \
			>"$A/download.log" 2>&1); then
		rm -rf "$ROOTFS" && mkdir -p "$ROOTFS"
		for d in "$A"/debs/*.deb; do dpkg -x "$d" "$ROOTFS" || rc=1; done
		# The guest's ldconfig is static: qemu runs it without a loader;
		# -r makes it chroot into the root filesystem (we are root).
		if [ $rc = 0 ] && "$QEMU" "$ROOTFS/sbin/ldconfig" -r "$ROOTFS" 2>"$A/ldconfig.log" &&
			[ -s "$ROOTFS/etc/ld.so.cache" ]; then
			touch "$ROOTFS/.complete"
		else
			echo "fetch-foreign: $DEBARCH: guest ldconfig failed (see $A/ldconfig.log)" >&2; rc=1
		fi
	else
		echo "fetch-foreign: $DEBARCH: apt failed (see $A/update.log, $A/download.log)" >&2; rc=1
	fi
fi
# qemu -L opens ROOTFS/<path>, and the kernel then follows an absolute
# symlink on the host (Debian ppc64el's /lib64/ld64.so.2 ->
# /lib/powerpc64le-linux-gnu/ld64.so.2): make such links relative, which
# means the same inside the root filesystem.
if [ -f "$ROOTFS/.complete" ]; then
	find "$ROOTFS" -type l -lname '/*' | while IFS= read -r l; do
		t=$(readlink "$l") d=$(dirname "${l#"$ROOTFS"}") up=""
		while [ "$d" != / ]; do up="../$up"; d=$(dirname "$d"); done
		ln -sfn "${up}${t#/}" "$l"
	done
	echo "rootfs $ROOTFS"
fi
for v in "$@"; do
	d=$BASE/node-$NODEARCH/$v
	if [ ! -f "$d/bin/node" ]; then
		mkdir -p "$BASE/node-$NODEARCH"
		tmp=$(mktemp -d "$BASE/node-$NODEARCH/.tmp.XXXXXX")
		if (cd "$tmp" && npm pack --silent "node-linux-$NODEARCH@$v" >/dev/null 2>&1 &&
			tar -xzf node-linux-"$NODEARCH"-"$v".tgz && rm -rf "$d" && mkdir -p "$d" &&
			mv package/bin "$d/bin"); then :; else
			echo "fetch-foreign: cannot fetch node-linux-$NODEARCH@$v" >&2; rc=1
		fi
		rm -rf "$tmp"
	fi
	[ -f "$d/bin/node" ] && echo "node $d/bin/node"
done
exit $rc
