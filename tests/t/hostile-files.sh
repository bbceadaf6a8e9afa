#!/bin/sh
# hostile-files.sh - small files and the directories above an addon, made
# hostile (docs/reliability.md, "Small files" and "The owner of an addon").
#
# 1. A FIFO named package.json (in the package, or in a world-writable
#    directory above a project, as another user could leave in /tmp), and a
#    FIFO as a sysroot's etc/ld-musl-<arch>.path: check and scan must end
#    (timeout 20) and say which file they could not use.
# 2. Which package owns an addon: never the project that installed it when
#    the package's own package.json is invalid, oversized, nameless, a
#    device, unreadable; never a package.json in a world-writable directory
#    above; the last of duplicate "name" keys, as npm and JSON.parse.
# 3. Devices named by the input (an addon path, a package.json symlink) are
#    never opened (strace: no open of them at all).
# 4. ADDON_DOCTOR_READ_BUDGET: garbage, "-1", "0" refused with exit 2 and a
#    line naming the variable; "5k" is 5120 bytes; a budget spent on the
#    node executable says so instead of "not a Node.js executable".
# The addons are text files named x.node: the owner lookup runs for every
# verdict, and "corrupt" needs no fixture.
set -u
H=$WORK/hostile-files
chmod -R u+rwx "$H" 2>/dev/null
rm -rf "$H" && mkdir -p "$H"
H=$(cd "$H" && pwd -P)
TO="timeout 20"

ok() { echo "ok - hostile-files: $1"; }
bad() { echo "not ok - hostile-files: $1"; [ -n "${2:-}" ] && [ -f "$2" ] && head -5 "$2" | sed 's/^/# /'; }

# check --json FILE -> $H/out, $H/err, $rc; the owner ("package") in $pkg
check() {
	$TO "$AD" check --json "$@" >"$H/out" 2>"$H/err"; rc=$?
	pkg=$(sed -n 's/.*"package":\("[^"]*"\|null\).*/\1/p' "$H/out" | head -1)
}

# a package "foo" in project P (named "proj"), its package.json given by $2
mkpkg() {
	P=$H/$1
	mkdir -p "$P/node_modules/foo/build/Release"
	echo '{"name":"proj","version":"1.0.0"}' >"$P/package.json"
	echo 'not an elf' >"$P/node_modules/foo/build/Release/x.node"
	X=$P/node_modules/foo/build/Release/x.node
}

# --- 1. FIFOs ---------------------------------------------------------------
mkpkg fifo
mkfifo "$P/node_modules/foo/package.json"
check "$X"
if [ $rc -eq 1 ] && [ "$pkg" = null ] &&
   grep -q "^addon-doctor: '$P/node_modules/foo/package.json': not a regular file" "$H/err"; then
	ok "check: a FIFO package.json neither blocks nor hands the addon to the project"
else
	bad "check with a FIFO package.json: exit $rc (124 = hung), package $pkg" "$H/err"
fi
( cd "$P" && $TO "$AD" scan --json . >"$H/out" 2>"$H/err" ); rc=$?
if [ $rc -eq 1 ] && grep -q '"path":"node_modules/foo/build/Release/x.node".*"package":null' "$H/out" &&
   grep -q '"package_dir":null' "$H/out" && [ "$(grep -c 'package.json' "$H/err")" = 1 ]; then
	ok "scan: a FIFO package.json neither blocks nor hands the addon to the project (one line)"
else
	bad "scan with a FIFO package.json: exit $rc (124 = hung)" "$H/err"
fi

# Above a project without a package.json: a world-writable directory (think
# /tmp) where another user left a FIFO, then a planted name.
W=$H/shared
mkdir -p "$W/app/build/Release" && chmod 1777 "$W"
echo 'not an elf' >"$W/app/build/Release/x.node"
mkfifo "$W/package.json"
check "$W/app/build/Release/x.node"
if [ $rc -eq 1 ] && [ "$pkg" = null ] && ! [ -s "$H/err" ]; then
	ok "check: a FIFO package.json in a world-writable directory above is never read"
else
	bad "check under a world-writable directory with a FIFO package.json: exit $rc (124 = hung), package $pkg" "$H/err"
fi
rm -f "$W/package.json"
echo '{"name":"planted"}' >"$W/package.json"
check "$W/app/build/Release/x.node"
if [ $rc -eq 1 ] && [ "$pkg" = null ]; then
	ok "check: a package.json in a world-writable directory above names no owner"
else
	bad "check under a world-writable directory: package $pkg, exit $rc" "$H/out"
fi

# musl's path file in a sysroot
S=$H/sysroot
mkdir -p "$S/etc" && mkfifo "$S/etc/ld-musl-x86_64.path"
mkpkg musl
echo '{"name":"foo"}' >"$P/node_modules/foo/package.json"
check --sysroot "$S" --target node@20/linux-x64-musl "$X"
if [ $rc -eq 1 ] && [ "$pkg" = '"foo"' ]; then
	ok "check: a FIFO etc/ld-musl-x86_64.path in the sysroot does not block"
else
	bad "check with a FIFO musl path file: exit $rc (124 = hung)" "$H/err"
fi

# --- 2. the owner -----------------------------------------------------------
# name, package.json contents (printf format), wanted owner, wanted stderr pattern
owner_case() {
	mkpkg "$1"
	printf "$2" >"$P/node_modules/foo/package.json"
	check "$X"
	if [ $rc -eq 1 ] && [ "$pkg" = "$3" ] && { [ -z "$4" ] || grep -q "$4" "$H/err"; } &&
	   { [ -n "$4" ] || ! [ -s "$H/err" ]; }; then
		ok "check: owner of an addon whose package.json is $1: $3"
	else
		bad "check: owner of an addon whose package.json is $1: got $pkg (exit $rc), want $3" "$H/err"
	fi
}
owner_case invalid '{"name":"foo",' null "^addon-doctor: '$H/invalid/node_modules/foo/package.json': not valid JSON"
owner_case nameless '{"version":"1.0.0"}' null ""
owner_case not-an-object '["foo"]' null "not a JSON object"
owner_case duplicate-name '{"name":"first","version":"1.0.0","name":"second"}' '"second"' ""
owner_case fine '{"name":"foo"}' '"foo"' ""

mkpkg oversized
{ printf '{"name":"foo","pad":"'; head -c 1100000 /dev/zero | tr '\0' a; printf '"}'; } >"$P/node_modules/foo/package.json"
check "$X"
if [ $rc -eq 1 ] && [ "$pkg" = null ] && grep -q "package.json': larger than 1 MiB" "$H/err"; then
	ok "check: an oversized package.json is reported, not skipped for the project's"
else
	bad "check with a 1.1 MB package.json: package $pkg, exit $rc" "$H/err"
fi

mkpkg directory
mkdir "$P/node_modules/foo/package.json"
check "$X"
if [ $rc -eq 1 ] && [ "$pkg" = null ] && grep -q "package.json': a directory, not a file" "$H/err"; then
	ok "check: a directory named package.json is reported, not skipped for the project's"
else
	bad "check with a directory named package.json: package $pkg, exit $rc" "$H/err"
fi

# scan's own attribution: the package directory bounds it too
for c in invalid nameless; do
	( cd "$H/$c" && $TO "$AD" scan --json . >"$H/out" 2>"$H/err" ); rc=$?
	if [ $rc -eq 1 ] && grep -q '"path":"node_modules/foo/build/Release/x.node".*"package_dir":null' "$H/out"; then
		ok "scan: an addon whose package.json is $c is not the project's"
	else
		bad "scan with a package.json that is $c: exit $rc, $(grep -o '"package_dir":[^,]*' "$H/out" | head -1)" "$H/err"
	fi
done

if [ "$(id -u)" = 0 ]; then
	echo "skip - hostile-files: unreadable package.json (running as root reads it anyway)"
else
	mkpkg unreadable
	echo '{"name":"foo"}' >"$P/node_modules/foo/package.json"
	chmod 000 "$P/node_modules/foo/package.json"
	check "$X"
	if [ $rc -eq 1 ] && [ "$pkg" = null ] && grep -q "package.json': Permission denied" "$H/err"; then
		ok "check: an unreadable package.json is reported, not skipped for the project's"
	else
		bad "check with an unreadable package.json: package $pkg, exit $rc" "$H/err"
	fi
fi

# Outside node_modules the first package.json ends the walk, named or not.
A=$H/nested
mkdir -p "$A/app/build/Release"
echo '{"name":"outer"}' >"$A/package.json"
echo '{"private":true}' >"$A/app/package.json"
echo 'not an elf' >"$A/app/build/Release/x.node"
check "$A/app/build/Release/x.node"
if [ $rc -eq 1 ] && [ "$pkg" = null ]; then
	ok "check: a project's own addon is not given to the package.json above the project"
else
	bad "check of a project's own addon under a nameless package.json: package $pkg" "$H/out"
fi

# A scoped package with a {"type":"module"} scope in lib/: still its own.
mkdir -p "$H/scoped/node_modules/@s/bar/lib"
echo '{"name":"proj"}' >"$H/scoped/package.json"
echo '{"name":"@s/bar"}' >"$H/scoped/node_modules/@s/bar/package.json"
echo '{"type":"module"}' >"$H/scoped/node_modules/@s/bar/lib/package.json"
echo 'not an elf' >"$H/scoped/node_modules/@s/bar/lib/x.node"
check "$H/scoped/node_modules/@s/bar/lib/x.node"
if [ "$pkg" = '"@s/bar"' ]; then
	ok "check: a nameless package scope inside a scoped package is walked through"
else
	bad "check of a scoped package's addon: package $pkg" "$H/out"
fi

# --- 3. devices are never opened ---------------------------------------------
if ! command -v strace >/dev/null; then
	echo "skip - hostile-files: strace not installed (devices never opened)"
else
	mkpkg devlink
	ln -s /dev/zero "$P/node_modules/foo/package.json"
	ln -s /dev/zero "$H/dev.node"
	mkfifo "$H/fifo.node"
	strace -f -qq -e trace=open,openat -o "$H/strace" $TO "$AD" check --json "$X" >"$H/out" 2>"$H/err"; rc=$?
	pkg=$(sed -n 's/.*"package":\("[^"]*"\|null\).*/\1/p' "$H/out" | head -1)
	strace -f -qq -e trace=open,openat -o "$H/strace2" $TO "$AD" inspect --json "$H/dev.node" "$H/fifo.node" >/dev/null 2>"$H/err2"
	grep -E 'foo/package.json", [^)]*\) = [0-9]|"/dev/zero"' "$H/strace" >"$H/opened"
	grep -E '(dev|fifo)\.node", [^)]*\) = [0-9]' "$H/strace2" >"$H/opened2"
	if [ -s "$H/opened" ]; then
		bad "a package.json that is a symlink to /dev/zero is opened" "$H/opened"
	elif [ "$pkg" != null ] || ! grep -q "package.json': not a regular file" "$H/err"; then
		bad "a package.json symlink to /dev/zero: package $pkg (want null and a line)" "$H/err"
	else
		ok "check: a package.json symlink to /dev/zero is refused without being opened"
	fi
	if [ -s "$H/opened2" ]; then
		bad "inspect opens a device or a FIFO named on the command line" "$H/opened2"
	elif [ "$(grep -c 'not a regular file' "$H/err2")" != 2 ]; then
		bad "inspect of a device and a FIFO: want two 'not a regular file' lines" "$H/err2"
	else
		ok "inspect: a device and a FIFO named on the command line are refused without being opened"
	fi
fi

# --- 4. ADDON_DOCTOR_READ_BUDGET ---------------------------------------------
mkpkg budget
echo '{"name":"foo"}' >"$P/node_modules/foo/package.json"
for v in garbage -1 0 5x 1.5k ' 5k' 99999999999999999999; do
	ADDON_DOCTOR_READ_BUDGET=$v $TO "$AD" check --json "$X" >"$H/out" 2>"$H/err"; rc=$?
	if [ $rc -eq 2 ] && ! [ -s "$H/out" ] && grep -q "^addon-doctor: ADDON_DOCTOR_READ_BUDGET='$v': not a read budget" "$H/err"; then
		ok "ADDON_DOCTOR_READ_BUDGET='$v' is refused (exit 2, named)"
	else
		bad "ADDON_DOCTOR_READ_BUDGET='$v': exit $rc, want 2 and a message naming it" "$H/err"
	fi
done
# 5k is 5120 bytes: too little for the node executable, which says so
NODE=$(command -v node || true)
if [ -z "$NODE" ]; then
	echo "skip - hostile-files: node not installed (a budget spent on it)"
else
	ADDON_DOCTOR_READ_BUDGET=5k $TO "$AD" check --node "$NODE" --json "$X" >"$H/out" 2>"$H/err"; rc=$?
	if [ $rc -eq 2 ] && grep -q "not read: the run's read budget of 5120 bytes is spent" "$H/err" &&
	   ! grep -q "not a Node.js executable" "$H/err"; then
		ok "ADDON_DOCTOR_READ_BUDGET=5k is 5120 bytes; spent on the node executable, it says so"
	else
		bad "ADDON_DOCTOR_READ_BUDGET=5k with --node: exit $rc" "$H/err"
	fi
fi
if [ -n "$NODE" ]; then
	ADDON_DOCTOR_READ_BUDGET=5000 $TO "$AD" check --node "$NODE" --json "$X" >"$H/out" 2>"$H/err"; rc=$?
	if [ $rc -eq 2 ] && grep -q "^addon-doctor: .*$NODE: not read: the run's read budget of 5000 bytes is spent" "$H/err" &&
	   ! grep -q "not a Node.js executable" "$H/err"; then
		ok "a read budget spent on the node executable is not called 'not a Node.js executable'"
	else
		bad "ADDON_DOCTOR_READ_BUDGET=5000 with --node: exit $rc" "$H/err"
	fi
fi
ADDON_DOCTOR_READ_BUDGET=1G $TO "$AD" check --json "$X" >"$H/out" 2>"$H/err"; rc=$?
if [ $rc -eq 1 ] && grep -q '"cause":"corrupt"' "$H/out"; then
	ok "ADDON_DOCTOR_READ_BUDGET=1G is accepted"
else
	bad "ADDON_DOCTOR_READ_BUDGET=1G: exit $rc" "$H/err"
fi
exit 0
