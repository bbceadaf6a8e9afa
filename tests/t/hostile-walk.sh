#!/bin/sh
# hostile-walk.sh - scan discovery on hostile trees (docs/reliability.md,
# "Symlinks out of the tree" and "The project's lockfile"):
#   1. symlinks out of the tree: node_modules/p -> /, node_modules/q ->
#      /proc/self/root, -> /proc, -> /sys, a link to an ancestor of the tree,
#      a link not at node_modules/<name>, a node_modules/<name> link to a
#      directory without package.json.  Each scan must end within `timeout
#      30`, exit 0 or 1, report no file outside the tree (an addon planted
#      beside it must stay unreported), print one line naming each refused
#      link, and still follow a real package link (npm link / file:).
#   2. the directory cap: ADDON_DOCTOR_MAX_DIRS=40 on 200 directories stops
#      with one "stopped after 40 directories" line.
#   3. the package manager comes from the project's own lockfile: a linked
#      package's pnpm-lock.yaml, or a sub-project's yarn.lock, never decides;
#      a workspace member scanned alone gets its workspace root's lockfile;
#      several lockfiles at the root are ordered by package.json's
#      "packageManager", else pnpm, yarn, bun, npm - whatever readdir says.
set -u
[ -f "$FX/scan/napi.node" ] || { echo "not ok - hostile-walk: fixtures missing ($FX/scan/napi.node)"; exit 0; }
T=$WORK/hostile-walk
rm -rf "$T" && mkdir -p "$T" || exit 1
T=$(cd "$T" && pwd -P)
ADDON=$FX/scan/napi.node
pkg() { mkdir -p "$1" && printf '%s\n' "$2" >"$1/package.json"; }
addon() { mkdir -p "$(dirname "$1")" && cp "$ADDON" "$1"; }

# scan NAME DIR [ENV=VALUE]: runs scan --json, leaves $T/NAME.out/.err/.rc
scan() {
	n=$1 d=$2
	shift 2
	env "$@" timeout 30 "$AD" --target node@20 --json "$d" >"$T/$n.out" 2>"$T/$n.err"
	echo $? >"$T/$n.rc"
}
# verdict NAME LABEL PROBLEMS...: ok when PROBLEMS is empty
verdict() {
	n=$1 label=$2
	shift 2
	if [ -z "$*" ]; then echo "ok - hostile-walk: $label"
	else echo "not ok - hostile-walk: $label:$*"; sed 's/^/# /' "$T/$n.err" | head -10; fi
}
common() { # common NAME: problems every scan must not have
	p=""
	rc=$(cat "$T/$1.rc")
	case $rc in 0|1) ;; 124) p="$p timed out (30 s)" ;; *) p="$p exit $rc" ;; esac
	grep -q -E 'Sanitizer|runtime error:' "$T/$1.err" && p="$p sanitizer report"
	tail -1 "$T/$1.out" | grep -q '"summary":true' || p="$p no summary line"
	printf '%s' "$p"
}
pm_of() { tail -1 "$T/$1.out" | sed -n 's/.*"package_manager":"\([a-z]*\)".*/\1/p'; }
lock_of() { tail -1 "$T/$1.out" | sed -n 's/.*"lockfile":\(null\|"[^"]*"\).*/\1/p'; }

# --- 1. symlinks out of the tree -------------------------------------------
# Planted beside the project: reachable through / and through ../.., and a
# package on its own (a real npm link target).
pkg "$T/beside" '{ "name": "beside", "version": "1.0.0" }'
addon "$T/beside/build/Release/beside.node"
pkg "$T/linked" '{ "name": "linked", "version": "1.0.0" }'
addon "$T/linked/build/Release/linked.node"
mkdir -p "$T/nopkg/build/Release" && cp "$ADDON" "$T/nopkg/build/Release/nopkg.node"
P=$T/proj
pkg "$P" '{ "name": "proj", "version": "1.0.0" }'
printf '{ "lockfileVersion": 3 }\n' >"$P/package-lock.json"
pkg "$P/node_modules/own" '{ "name": "own", "version": "1.0.0" }'
addon "$P/node_modules/own/build/Release/own.node"
ln -s "$T/linked" "$P/node_modules/linked"        # npm link: followed

check_links() { # check_links NAME LABEL LINK... : the refused links
	n=$1 label=$2
	shift 2
	p=$(common "$n")
	grep -q '"path":"[^"]*own.node"' "$T/$n.out" || p="$p own.node not reported"
	grep -q '"real_path":"[^"]*/linked/build/Release/linked.node"' "$T/$n.out" ||
		p="$p the npm-linked package was not followed"
	# every file reported lies in the tree or in the linked package
	bad=$(grep -o '"real_path":"[^"]*"' "$T/$n.out" | grep -v -e "\"real_path\":\"$P/" -e "\"real_path\":\"$T/linked/" | head -3)
	[ -n "$bad" ] && p="$p reported from outside: $(echo $bad | cut -c1-200)"
	grep -q beside.node "$T/$n.out" && p="$p beside.node (outside the tree) reported"
	for l in "$@"; do
		c=$(grep -c "^addon-doctor: '[^']*node_modules/$l': .*not followed" "$T/$n.err")
		[ "$c" = 1 ] || p="$p $c lines for $l (want 1)"
	done
	verdict "$n" "$label" $p
}

ln -s / "$P/node_modules/p"
scan root "$P"
check_links root "node_modules/p -> / is not walked" p
rm "$P/node_modules/p"

ln -s /proc/self/root "$P/node_modules/q"
ln -s /proc "$P/node_modules/r"
[ -d /sys/class ] && ln -s /sys/class "$P/node_modules/s"
scan proc "$P"
check_links proc "node_modules/q -> /proc/self/root, r -> /proc, s -> /sys/class are not walked" q r $([ -d /sys/class ] && echo s)
rm -f "$P/node_modules/q" "$P/node_modules/r" "$P/node_modules/s"

# /proc/<pid>/cwd is the same directory as $T, by another name
ln -s /proc/self/cwd "$P/node_modules/cwd"
( cd "$T" && scan cwd "$P" )
check_links cwd "node_modules/cwd -> /proc/self/cwd is not walked" cwd
rm "$P/node_modules/cwd"

ln -s ../.. "$P/node_modules/up"                  # $T: holds the tree and beside/
mkdir -p "$P/node_modules/@s"
ln -s "$T/nopkg" "$P/node_modules/@s/nopkg"       # a package link without package.json
mkdir -p "$P/vendor"
ln -s "$T/beside" "$P/vendor/beside"              # not where a package manager links
scan shapes "$P"
check_links shapes "links to an ancestor, to a directory without package.json, outside node_modules are not walked" up @s/nopkg
c=$(grep -c "^addon-doctor: '[^']*vendor/beside': .*not followed" "$T/shapes.err")
verdict shapes "a link outside node_modules gets one line" $([ "$c" = 1 ] || echo " $c lines")
rm -rf "$P/node_modules/up" "$P/node_modules/@s" "$P/vendor"

# npm link of a monorepo and of one of its packages: both followed, whichever
# the walk meets first (a link to an ancestor of another linked package is
# not "a directory that holds the scanned tree")
pkg "$T/mono-src" '{ "name": "mono-src", "version": "1.0.0" }'
addon "$T/mono-src/build/Release/top.node"
pkg "$T/mono-src/packages/sub" '{ "name": "sub", "version": "1.0.0" }'
addon "$T/mono-src/packages/sub/build/Release/sub.node"
for order in "a-sub z-mono" "z-sub a-mono"; do
	set -- $order
	ln -s "$T/mono-src/packages/sub" "$P/node_modules/$1"
	ln -s "$T/mono-src" "$P/node_modules/$2"
	scan "mono-$1" "$P"
	p=$(common "mono-$1")
	for f in top.node sub.node; do
		grep -q "\"real_path\":\"$T/mono-src/[^\"]*$f\"" "$T/mono-$1.out" || p="$p $f not reported"
	done
	grep -q 'not followed' "$T/mono-$1.err" && p="$p a link was refused"
	verdict "mono-$1" "a linked monorepo and its linked package are both walked ($1 $2)" $p
	rm "$P/node_modules/$1" "$P/node_modules/$2"
done

# --- 2. the directory cap --------------------------------------------------
C=$T/cap
pkg "$C" '{ "name": "cap", "version": "1.0.0" }'
i=0
while [ $i -lt 200 ]; do mkdir -p "$C/node_modules/d$i"; i=$((i + 1)); done
scan cap "$C" ADDON_DOCTOR_MAX_DIRS=40
p=$(common cap)
c=$(grep -c "^addon-doctor: '[^']*cap': stopped after 40 directories" "$T/cap.err")
[ "$c" = 1 ] || p="$p $c 'stopped after 40 directories' lines (want 1)"
verdict cap "ADDON_DOCTOR_MAX_DIRS=40 stops the walk with one line" $p
scan nocap "$C"
p=$(common nocap)
grep -q 'stopped after' "$T/nocap.err" && p="$p the default cap stopped 201 directories"
verdict nocap "the default cap leaves 201 directories alone" $p

# --- 3. the project's lockfile ---------------------------------------------
want_pm() { # want_pm NAME LABEL PM LOCKFILE-SUFFIX|null
	p=$(common "$1")
	got=$(pm_of "$1") lock=$(lock_of "$1")
	[ "$got" = "$3" ] || p="$p package_manager $got (want $3)"
	case $4 in
	null) [ "$lock" = null ] || p="$p lockfile $lock (want null)" ;;
	*) case $lock in *"$4\"") ;; *) p="$p lockfile $lock (want .../$4)" ;; esac ;;
	esac
	verdict "$1" "$2" $p
}
pkg "$T/pnpmlib" '{ "name": "pnpmlib", "version": "1.0.0" }'
printf 'lockfileVersion: 9.0\n' >"$T/pnpmlib/pnpm-lock.yaml"
addon "$T/pnpmlib/build/Release/pnpmlib.node"

# an npm project (package-lock=false: no lockfile) linking a pnpm-built package
L=$T/nolock
pkg "$L" '{ "name": "nolock", "version": "1.0.0" }'
mkdir -p "$L/node_modules" && ln -s "$T/pnpmlib" "$L/node_modules/pnpmlib"
scan nolock "$L"
want_pm nolock "a linked package's pnpm-lock.yaml does not make an npm project pnpm" npm null

# a workspace member scanned alone: the lockfile is the workspace root's
W=$T/ws
pkg "$W" '{ "name": "ws", "private": true, "workspaces": ["packages/*"] }'
printf '{ "lockfileVersion": 3 }\n' >"$W/package-lock.json"
pkg "$W/packages/app" '{ "name": "app", "version": "1.0.0" }'
mkdir -p "$W/packages/app/node_modules" && ln -s "$T/pnpmlib" "$W/packages/app/node_modules/pnpmlib"
scan member "$W/packages/app"
want_pm member "a workspace member gets its workspace root's package-lock.json" npm "ws/package-lock.json"

# a sub-project's lockfile below the scanned directory does not decide
M=$T/mono
pkg "$M" '{ "name": "mono", "version": "1.0.0" }'
pkg "$M/tools/bench" '{ "name": "bench", "version": "1.0.0" }'
printf '# yarn lockfile v1\n' >"$M/tools/bench/yarn.lock"
addon "$M/tools/bench/node_modules/x/build/Release/x.node"
pkg "$M/tools/bench/node_modules/x" '{ "name": "x", "version": "1.0.0" }'
scan mono "$M"
want_pm mono "a sub-project's yarn.lock does not decide for the scanned directory" npm null

# several lockfiles at the root: packageManager, else a fixed order
two() { # two NAME PACKAGEMANAGER-JSON LOCKFILE...
	d=$T/$1 j=$2
	shift 2
	pkg "$d" "{ \"name\": \"two\", \"version\": \"1.0.0\"$j }"
	for f in "$@"; do printf 'x\n' >"$d/$f"; done
	scan "$(basename "$d")" "$d"
}
two pm-npm ', "packageManager": "npm@10.8.2"' pnpm-lock.yaml package-lock.json
want_pm pm-npm "packageManager npm@10.8.2 picks package-lock.json over pnpm-lock.yaml" npm package-lock.json
two pm-pnpm ', "packageManager": "pnpm@9.12.0+sha512.deadbeef"' pnpm-lock.yaml package-lock.json
want_pm pm-pnpm "packageManager pnpm@9.12.0+sha512 picks pnpm-lock.yaml over package-lock.json" pnpm pnpm-lock.yaml
two order-a '' package-lock.json yarn.lock
two order-b '' yarn.lock package-lock.json
want_pm order-a "no packageManager: yarn.lock before package-lock.json (created first)" yarn yarn.lock
want_pm order-b "no packageManager: yarn.lock before package-lock.json (created last)" yarn yarn.lock
two order-c ', "packageManager": "bun@1.1.0"' bun.lockb bun.lock package-lock.json
want_pm order-c "packageManager bun: bun.lock before bun.lockb" bun bun.lock
exit 0
