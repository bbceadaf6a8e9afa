#!/bin/bash
# bench/run.sh - times `addon-doctor scan` against the tools people use instead, on one
# large real node_modules tree (bench/build-tree.sh), in one run:
#   find -name '*.node'            the floor: walking the tree costs at least this
#   find | xargs readelf -dW --dyn-syms   reading every addon's dynamic section
#   lddtree / libtree per addon    dependency trees, one process per ELF addon
#   node -e 'require(f)'           actually loading, one process per Linux x64 addon
#   addon-doctor scan              one target, the four-target matrix, --json
#   addon-doctor check             per addon, one process each (vs node per addon)
# Each command runs once to warm the page cache, then BENCH_FAST_RUNS (7) times when it
# is one process or BENCH_RUNS (3) times when it is a per-addon loop, under GNU time;
# the table shows the median of each measure.  Writes bench/results.md.
#
# usage: bench/run.sh [TREE]     (default: the tree bench/build-tree.sh builds)
set -u

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
RUNS=${BENCH_RUNS:-3}            # runs of the per-addon loops (tens of seconds each)
FAST_RUNS=${BENCH_FAST_RUNS:-7}  # runs of the single-process commands (under 2 s each)
AD=${AD:-$root/addon-doctor}
TIME=/usr/bin/time
MATRIX=(--target node@20 --target node@22 --target electron@31 --target node@22/linux-arm64-musl)
notes=()

if [ $# -ge 1 ]; then
    TREE=$1
else
    TREE=$("$here/build-tree.sh" | tail -1) || { echo "run.sh: could not build the tree" >&2; exit 2; }
fi
[ -d "$TREE" ] || { echo "run.sh: no tree at $TREE" >&2; exit 2; }

# GNU time (Debian package "time") reports wall, user, sys and peak RSS of a command
# and of every descendant it waited for; bash's `time` keyword has no RSS.
if [ ! -x $TIME ]; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        echo "run.sh: /usr/bin/time missing: installing the Debian package 'time'" >&2
        apt-get install -y time >/dev/null 2>&1 || { echo "run.sh: apt-get install time failed" >&2; exit 2; }
        notes+=("/usr/bin/time was missing; this run installed the Debian package \`time\`.")
    else
        echo "run.sh: needs GNU time at /usr/bin/time (Debian: apt-get install time)" >&2
        exit 2
    fi
fi

make -s -C "$root" >/dev/null || { echo "run.sh: make failed" >&2; exit 2; }
[ -x "$AD" ] || { echo "run.sh: no $AD" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# --- the inputs, listed once (not timed) -----------------------------------------
find "$TREE" -name '*.node' | LC_ALL=C sort >"$work/all"
: >"$work/elf"
: >"$work/x64"
while IFS= read -r f; do
    # ELF magic, then EI_CLASS (02 = 64-bit) and e_machine (3e00 = x86-64, little-endian)
    h=$(od -An -tx1 -N20 "$f" 2>/dev/null | tr -d ' \n')
    case $h in
    7f454c46*)
        echo "$f" >>"$work/elf"
        [ "${h:8:2}" = 02 ] && [ "${h:36:4}" = 3e00 ] && echo "$f" >>"$work/x64"
        ;;
    esac
done <"$work/all"
n_all=$(wc -l <"$work/all")
n_elf=$(wc -l <"$work/elf")
n_x64=$(wc -l <"$work/x64")
n_files=$(find "$TREE" -type f | wc -l)
echo "tree $TREE: $n_files files, $n_all .node files ($n_elf ELF, $n_x64 ELF x86-64)" >&2

# --- measuring -----------------------------------------------------------------
# median N...: the middle value (lower middle for an even count)
median() { printf '%s\n' "$@" | LC_ALL=C sort -g | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }

rows=()          # "name|items|wall|cpu|rss_kb"
declare -A WALL CPU RSS ITEMS

# measure RUNS NAME ITEMS CMD...: warm-up run, then RUNS runs under GNU time, output
# discarded.
measure() {
    local runs=$1 name=$2 items=$3
    shift 3
    echo "  $name ..." >&2
    "$@" >/dev/null 2>&1
    local w=() c=() m=() i line
    for ((i = 0; i < runs; i++)); do
        $TIME -f '%e %U %S %M' -o "$work/time" "$@" >/dev/null 2>&1
        line=$(tail -1 "$work/time")   # GNU time puts "Command exited with ..." first
        w+=("$(echo "$line" | awk '{print $1}')")
        c+=("$(echo "$line" | awk '{printf "%.2f", $2 + $3}')")
        m+=("$(echo "$line" | awk '{print $4}')")
    done
    WALL[$name]=$(median "${w[@]}")
    CPU[$name]=$(median "${c[@]}")
    RSS[$name]=$(median "${m[@]}")
    ITEMS[$name]=$items
    rows+=("$name")
}

# Per-addon loops, each addon in its own process like a user would run them.
cat >"$work/each.sh" <<'EOF'
# each.sh LIST CMD...: runs CMD FILE for every FILE in LIST, ignoring failures
list=$1; shift
while IFS= read -r f; do "$@" "$f" >/dev/null 2>&1; done <"$list"
exit 0
EOF

echo "measuring (one warm-up run, then $FAST_RUNS runs of single commands, $RUNS of per-addon loops):" >&2
measure $FAST_RUNS "find -name '*.node' (floor)" "$n_all" find "$TREE" -name '*.node'
measure $FAST_RUNS "find | xargs readelf -dW --dyn-syms" "$n_all" \
    sh -c 'find "$1" -name "*.node" -print0 | xargs -0 readelf -dW --dyn-syms' sh "$TREE"

if [ -x /usr/bin/lddtree ] && /usr/bin/python3 -c 'import elftools' 2>/dev/null; then
    # Debian's lddtree is Python (pyelftools); run it with the system python3 so a
    # python3 earlier on PATH (pyenv, venv) without elftools does not break it.
    measure $RUNS "lddtree per ELF addon" "$n_elf" sh "$work/each.sh" "$work/elf" /usr/bin/python3 /usr/bin/lddtree
else
    notes+=("lddtree skipped: needs Debian packages pax-utils and python3-pyelftools.")
fi
if command -v libtree >/dev/null 2>&1; then
    measure $RUNS "libtree per ELF addon" "$n_elf" sh "$work/each.sh" "$work/elf" libtree
else
    notes+=("libtree skipped: needs the Debian package libtree.")
fi

NODE=$(command -v node || true)
if [ -n "$NODE" ]; then
    # One untimed pass first: which addons node actually loads, and what
    # addon-doctor check predicts for the same file on this machine.
    : >"$work/node-status"
    while IFS= read -r f; do
        out=$("$NODE" -e 'require(process.argv[1])' "$f" 2>&1)
        rc=$?
        if [ $rc = 0 ]; then
            ns=loads; msg=
        elif [ $rc -gt 128 ]; then
            ns=crashes; msg="(node killed by signal $((rc - 128)) while loading it)"
        else
            ns=fails
            # node prints the stack's source line first; the message follows "Error: "
            msg=$(printf '%s\n' "$out" | sed -n 's/^[A-Za-z]*Error: //p' | head -1)
        fi
        report=$("$AD" check "$f" 2>/dev/null)
        ads=$(printf '%s\n' "$report" | sed -n 's/^ *verdict: \([a-z-]*\).*/\1/p' | head -1)
        admsg=$(printf '%s\n' "$report" | sed -n '/^ *Node throws:/{n;s/^ *//;p;q}')
        printf '%s\t%s\t%s\t%s\t%s\n' "$f" "$ns" "${ads:-?}" "$msg" "$admsg" >>"$work/node-status"
    done <"$work/x64"
    measure $RUNS "node -e 'require(f)' per x64 addon" "$n_x64" sh "$work/each.sh" "$work/x64" "$NODE" -e 'require(process.argv[1])'
else
    notes+=("node not on PATH: the require() comparison is skipped.")
fi
measure $RUNS "addon-doctor check per x64 addon" "$n_x64" sh "$work/each.sh" "$work/x64" "$AD" check
measure $FAST_RUNS "addon-doctor scan (1 target)" "$n_all" "$AD" scan "$TREE"
measure $FAST_RUNS "addon-doctor scan (4-target matrix)" "$n_all" "$AD" scan "$TREE" "${MATRIX[@]}"
measure $FAST_RUNS "addon-doctor scan --json" "$n_all" "$AD" scan "$TREE" --json

# --- the report ------------------------------------------------------------------
floor=${WALL["find -name '*.node' (floor)"]}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }'; }
perms() { awk -v a="$1" -v n="$2" 'BEGIN { if (n > 0) printf "%.2f", 1000 * a / n; else print "-" }'; }
mb() { awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; }

cpu_model=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)
rev=$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)
[ -n "$(git -C "$root" status --porcelain -- src 2>/dev/null)" ] && rev="$rev + uncommitted src changes"

out="$work/results.md"
{
    echo "# addon-doctor bench results"
    echo
    echo "- date: $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo "- machine: $(nproc) CPUs, $cpu_model, $(uname -sr)"
    echo "- addon-doctor: $rev"
    echo "- node: $(${NODE:-false} --version 2>/dev/null || echo none); $(find --version | head -1); $(readelf --version | head -1)"
    echo "- tree: $TREE: $n_files files, $n_all .node files ($n_elf ELF, $n_x64 ELF x86-64)"
    echo "- method: each command run once to warm the page cache, then $FAST_RUNS times (single commands) or $RUNS times (per-addon loops); medians of each column (GNU time: %e, %U+%S, %M)"
    echo
    echo "| command | addons | wall s | CPU s | peak RSS MB | wall / find | ms per addon |"
    echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"
    for r in "${rows[@]}"; do
        echo "| $r | ${ITEMS[$r]} | ${WALL[$r]} | ${CPU[$r]} | $(mb "${RSS[$r]}") | $(ratio "${WALL[$r]}" "$floor") | $(perms "${WALL[$r]}" "${ITEMS[$r]}") |"
    done
    echo
    echo "## Against the targets"
    echo
    s1="addon-doctor scan (1 target)"
    s4="addon-doctor scan (4-target matrix)"
    sj="addon-doctor scan --json"
    r1=$(ratio "${WALL[$s1]}" "$floor")
    r4=$(ratio "${WALL[$s4]}" "$floor")
    verdict() { awk -v v="$1" -v lim="$2" -v dir="$3" 'BEGIN { ok = (dir == "<") ? v < lim : v >= lim; print ok ? "met" : "MISSED" }'; }
    echo "| target | measured | |"
    echo "| --- | ---: | --- |"
    echo "| full scan, one target, within 1.5x of find | ${r1}x | $(verdict "$r1" 1.5 '<') |"
    echo "| four-target matrix within 2x of find | ${r4}x | $(verdict "$r4" 2 '<') |"
    nk="node -e 'require(f)' per x64 addon"
    ck="addon-doctor check per x64 addon"
    if [ -n "${WALL[$nk]:-}" ]; then
        node_per=$(perms "${WALL[$nk]}" "$n_x64")
        chk_per=$(perms "${WALL[$ck]}" "$n_x64")
        scan_per=$(perms "${WALL[$s1]}" "$n_all")
        x_chk=$(ratio "$node_per" "$chk_per")
        x_scan=$(ratio "$node_per" "$scan_per")
        echo "| >= 100x faster per addon than node, one process each (check vs require) | ${x_chk}x (${chk_per} vs ${node_per} ms) | $(verdict "$x_chk" 100 '>=') |"
        echo "| >= 100x faster per addon than node, inside one scan (whole scan / addons) | ${x_scan}x (${scan_per} vs ${node_per} ms) | $(verdict "$x_scan" 100 '>=') |"
    fi
    maxrss=0
    for r in "$s1" "$s4" "$sj"; do [ "${RSS[$r]}" -gt "$maxrss" ] && maxrss=${RSS[$r]}; done
    echo "| peak RSS under 16 MB (worst of the three scans) | $(mb "$maxrss") MB | $(verdict "$(mb "$maxrss")" 16 '<') |"
    if [ -s "$work/node-status" ]; then
        echo
        echo "## What node did with each Linux x64 addon, and what addon-doctor check predicted"
        echo
        loads=$(awk -F'\t' '$2 == "loads"' "$work/node-status" | wc -l)
        agree=$(awk -F'\t' '($2 == "loads") == ($3 == "loads")' "$work/node-status" | wc -l)
        same=$(awk -F'\t' '$2 != "loads" && $4 == $5' "$work/node-status" | wc -l)
        fails=$(awk -F'\t' '$2 != "loads"' "$work/node-status" | wc -l)
        echo "node loaded $loads of $n_x64 (failures are expected: other ABIs, musl builds, missing companions)."
        echo "addon-doctor check agreed on loads/fails for $agree of $n_x64; where node failed, its"
        echo "first message line equals the one check predicted for $same of $fails."
        echo
        echo "| file (under the tree) | node | addon-doctor check | node's message (first line) | same message |"
        echo "| --- | --- | --- | --- | --- |"
        while IFS=$'\t' read -r f ns ads msg admsg; do
            mark=
            [ "$ns" = loads ] && [ "$ads" != loads ] && mark=" **(disagrees)**"
            [ "$ns" != loads ] && [ "$ads" = loads ] && mark=" **(disagrees)**"
            same=
            if [ "$ns" != loads ]; then
                if [ "$msg" = "$admsg" ]; then same=yes; else same="no: check says ${admsg//|/\\|}"; fi
            fi
            echo "| ${f#"$TREE"/} | $ns | $ads$mark | ${msg//|/\\|} | $same |"
        done <"$work/node-status"
    fi
    if [ ${#notes[@]} -gt 0 ]; then
        echo
        echo "## Notes"
        echo
        for n in "${notes[@]}"; do echo "- $n"; done
    fi
} >"$out"

cp "$out" "$here/results.md"
sed -n '1,/^## What node did/p' "$out" | sed '$d'
echo "(full report with the per-addon node comparison: bench/results.md)"
