#!/bin/sh
# hostile.sh - the ASan+UBSan build against hostile input.
#
# 1. tests/tools/mutate.c writes truncated and word-smashed variants of every
#    fixture in $FX/elf, $FX/macho, $FX/pe (and of a few cached real-package
#    addons, see tests/t/real-packages.sh); `$AD inspect --json` runs on them
#    in batches.  Each batch must: print no sanitizer report, exit 0 or 2
#    (2 exactly when some file was an error), finish within `timeout 60`,
#    and account for every file: exactly one JSON object naming it on stdout
#    and, for an error object, one stderr line naming it.  Every stdout line
#    must be valid JSON (checked with node when installed).  One ok/not ok
#    line per fixture; a failing file is re-run alone and kept in
#    $WORK/hostile/crashers/.
# 2. Special files: empty, 10 bytes, a directory, unreadable, a FIFO (must
#    not block), /dev/zero, text, a symlink loop, sparse 10 GB files.
# Budget: HOSTILE_VARIANTS (default 30000) variants in all, at most 3000 per
# fixture, so the run stays within a few minutes on 2 cores.
set -u
H=$WORK/hostile
rm -rf "$H" && mkdir -p "$H/crashers" "$H/v"
MUT=$H/mutate
if ! ${CC:-cc} -std=c11 -O2 -Wall -Wextra -Werror -o "$MUT" "$ROOT/tests/tools/mutate.c" 2>"$H/mutate.build.log"; then
	echo "not ok - hostile: tests/tools/mutate.c does not build"; sed 's/^/# /' "$H/mutate.build.log"; exit 0
fi
JSONCHECK=
command -v node >/dev/null && JSONCHECK=node

# One batch: run, then check the contract.  Prints nothing when it holds,
# "BAD <reason>" lines otherwise.
cat >"$H/batch.sh" <<'SH'
#!/bin/sh
out=$1; shift
timeout 60 "$AD" inspect --json "$@" >"$out.out" 2>"$out.err"; rc=$?
case $rc in
0|2) ;;
124) echo "BAD timeout (60 s) in a batch of $# files" ;;
*) echo "BAD exit status $rc" ;;
esac
grep -m1 -E 'Sanitizer|runtime error:' "$out.err" | sed 's/^/BAD sanitizer: /'
for f in "$@"; do printf '%s\n' "$f"; done | awk -v rc="$rc" -v out="$out.out" -v err="$out.err" '
	BEGIN { nerr = 0 }
	{ want[$0] = 1; nfiles++ }
	END {
		while ((getline l < out) > 0) {
			if (l !~ /^\{"schema":1,"path":".*\}$/) { print "BAD stdout line is not a JSON object: " substr(l, 1, 100); continue }
			p = l; sub(/^\{"schema":1,"path":"/, "", p); sub(/".*/, "", p)
			if (!(p in want)) { print "BAD JSON for a file not named: " p; continue }
			seen[p]++
			if (l ~ /"error":"/) { iserr[p] = 1; nerr++ }
		}
		while ((getline l < err) > 0) {
			if (l !~ /^addon-doctor: \x27/) continue
			p = l; sub(/^addon-doctor: \x27/, "", p); sub(/\x27: .*/, "", p)
			errline[p]++
		}
		for (f in want) {
			if (seen[f] != 1) print "BAD " f ": " (seen[f] + 0) " JSON objects"
			else if (iserr[f] && errline[f] != 1) print "BAD " f ": error object but " (errline[f] + 0) " stderr lines"
			else if (!iserr[f] && errline[f]) print "BAD " f ": stderr error line but no error object"
		}
		if ((rc == 2) != (nerr > 0) && (rc == 0 || rc == 2)) print "BAD exit " rc " with " nerr " error objects"
	}'
SH

# Runs every file listed in $1 (one a line) in batches of 300, two at a time.
# Prints the BAD lines; re-runs failing files alone to name the culprits.
run_list() {
	list=$1; tag=$2
	rm -f "$H/$tag".b*
	split -l 300 -d -a 4 "$list" "$H/$tag.b"
	ls "$H/$tag".b[0-9]* | xargs -P 2 -I{} sh -c 'xargs -d "\n" sh "$0" "$1.r" <"$1" >"$1.bad"' "$H/batch.sh" {}
	cat "$H/$tag".b[0-9]*.bad >"$H/$tag.bad" 2>/dev/null
	if [ -n "$JSONCHECK" ] && ! cat "$H/$tag".b*.r.out | node -e '
		let n = 0, bad = 0;
		require("readline").createInterface({ input: process.stdin }).on("line", l => {
			n++; try { JSON.parse(l) } catch (e) { if (bad++ < 3) console.log("BAD invalid JSON: " + l.slice(0, 160)) }
		}).on("close", () => process.exit(bad ? 1 : 0))' >>"$H/$tag.bad"; then :; fi
	[ -s "$H/$tag.bad" ] || return 0
	# name up to 3 culprits: files whose own run breaks the contract
	found=0; : >"$H/$tag.culprits"
	for b in "$H/$tag".b[0-9]*; do
		case $b in *.bad|*.r.*) continue ;; esac
		[ -s "$b.bad" ] || continue
		while IFS= read -r f && [ $found -lt 3 ]; do
			r=$(sh "$H/batch.sh" "$H/one" "$f")
			if [ -n "$r" ]; then
				found=$((found + 1)); cp "$f" "$H/crashers/" 2>/dev/null
				echo "$r" | head -2 | sed "s#^#culprit $(basename "$f") (kept in \$WORK/hostile/crashers): #" >>"$H/$tag.culprits"
				grep -m4 -E 'ERROR|SUMMARY|runtime error|#[0-3] ' "$H/one.err" | sed 's/^/    /' >>"$H/$tag.culprits"
			fi
		done <"$b"
	done
	return 1
}

# --- 1. mutations ---------------------------------------------------------
fixtures=$(find "$FX/elf" "$FX/macho" "$FX/pe" -type f -size +0 -size -2048k 2>/dev/null | sort)
CACHE=${AD_TEST_CACHE:-${HOME:-/tmp}/.cache/addon-doctor-tests/npm}/pkg
reals=""
for r in bufferutil@4.0.8/package/prebuilds/linux-x64/node.napi.node \
	deasync@0.1.29/package/bin/darwin-x64-node-20/deasync.node \
	bufferutil@4.0.8/package/prebuilds/darwin-x64+arm64/node.napi.node \
	bufferutil@4.0.8/package/prebuilds/win32-x64/node.napi.node \
	@node-rs+crc32-linux-arm-gnueabihf@1.10.8/package/crc32.linux-arm-gnueabihf.node \
	@rollup+rollup-linux-s390x-gnu@4.18.0/package/rollup.linux-s390x-gnu.node; do
	[ -f "$CACHE/$r" ] && reals="$reals
$CACHE/$r"
done
all=$(printf '%s%s\n' "$fixtures" "$reals" | grep .)
count=$(printf '%s\n' "$all" | grep -c .)
if [ "$count" -eq 0 ]; then
	echo "skip - hostile: no fixtures in \$FX/elf, \$FX/macho, \$FX/pe and no cached real packages"
else
	per=$(( ${HOSTILE_VARIANTS:-30000} / count ))
	[ $per -gt 3000 ] && per=3000
	[ $per -lt 100 ] && per=100
	i=0
	printf '%s\n' "$all" | while IFS= read -r fx; do
		i=$((i + 1))
		d=$H/v/$i; mkdir -p "$d"
		name=${fx#"$FX"/}; name=${name#"$CACHE"/}
		# big real files get fewer variants: each variant is a full copy
		n=$per; sz=$(stat -c %s "$fx"); [ "$sz" -gt 200000 ] && n=$(( per < 300 ? per : 300 ))
		if ! nv=$("$MUT" -n "$n" "$fx" "$d" 2>"$H/mutate.err"); then
			echo "not ok - hostile: mutate failed on $name: $(head -1 "$H/mutate.err")"; rm -rf "$d"; continue
		fi
		find "$d" -type f | sort >"$H/list.$i"
		t0=$(date +%s)
		if run_list "$H/list.$i" "f$i"; then
			echo "ok - hostile: $name: $nv variants, no sanitizer report, every file reported ($(( $(date +%s) - t0 )) s)"
			rm -rf "$d"
		else
			echo "not ok - hostile: $name ($nv variants)"
			{ cat "$H/f$i.culprits"; head -6 "$H/f$i.bad"
			  [ "$(grep -c . "$H/f$i.bad")" -gt 6 ] && echo "... $(grep -c . "$H/f$i.bad") problems in all"; } | sed 's/^/# /'
			rm -rf "$d"
		fi
	done
fi

# --- 2. special files -----------------------------------------------------
S=$H/special; mkdir -p "$S"
# special NAME EXPECTED-RC PATH: one run, must end within 10 s, no sanitizer
# report, the expected exit status, one JSON object, an error line naming it.
special() {
	what=$1; want=$2; p=$3
	t0=$(date +%s%N)
	timeout 10 "$AD" inspect --json "$p" >"$S/out" 2>"$S/err" </dev/null; rc=$?
	ms=$(( ($(date +%s%N) - t0) / 1000000 ))
	why=""
	[ $rc -eq 124 ] && why="timed out (10 s)"
	[ -z "$why" ] && grep -q -E 'Sanitizer|runtime error:' "$S/err" && why="sanitizer: $(grep -m1 -E 'ERROR|runtime error' "$S/err")"
	[ -z "$why" ] && [ $rc -ne "$want" ] && why="exit $rc, want $want"
	[ -z "$why" ] && [ "$(grep -c . "$S/out")" -ne 1 ] && why="$(grep -c . "$S/out") stdout lines, want one JSON object"
	if [ -z "$why" ] && [ "$want" -eq 2 ] && ! grep -q -F "addon-doctor: '$p'" "$S/err"; then why="no stderr line naming the file"; fi
	if [ -z "$why" ]; then echo "ok - hostile: $what ($ms ms): $(head -1 "$S/err" | cut -c1-120)"
	else echo "not ok - hostile: $what: $why"; head -3 "$S/err" | sed 's/^/# /'; fi
}
: >"$S/empty.node";            special "zero-byte file" 2 "$S/empty.node"
printf '\177ELF\002\001\001\000\000\000' >"$S/ten.node"; special "10-byte file (ELF magic)" 2 "$S/ten.node"
mkdir -p "$S/dir.node";        special "a directory" 2 "$S/dir.node"
printf 'hello, I am not a binary\n' >"$S/text.node"; special "a text file" 2 "$S/text.node"
ln -sf loop2.node "$S/loop1.node"; ln -sf loop1.node "$S/loop2.node"; special "a symlink loop" 2 "$S/loop1.node"
special "/dev/zero" 2 /dev/zero
if mkfifo "$S/fifo.node" 2>/dev/null; then special "a FIFO with no writer (must not block)" 2 "$S/fifo.node"
else echo "skip - hostile: cannot make a FIFO here"; fi
cp "$S/text.node" "$S/noread.node"; chmod 000 "$S/noread.node"
if [ "$(id -u)" -eq 0 ] || cat "$S/noread.node" >/dev/null 2>&1; then
	echo "skip - hostile: unreadable file: running as root, which reads mode-000 files anyway"
else special "an unreadable file (mode 000)" 2 "$S/noread.node"; fi
chmod 600 "$S/noread.node"
# Sparse 10 GB files: reading past the headers would take many seconds.
if truncate -s 10G "$S/x.node" 2>/dev/null; then
	special "sparse 10 GB file of zeros named x.node" 2 "$S/x.node"
	rm -f "$S/x.node"
	# a real addon with 10 GB of zeros after it: parses; the section table
	# is found through the header, nothing beyond is read
	big=$(printf '%s\n' "$fixtures" | grep -m1 '/elf/')
	[ -n "$big" ] || big=$(printf '%s\n' "$reals" | grep -m1 'linux-x64')
	if [ -n "$big" ]; then
		cp "$big" "$S/x.node" && truncate -s 10G "$S/x.node"
		t0=$(date +%s%N)
		timeout 10 "$AD" inspect --json "$S/x.node" >"$S/out" 2>"$S/err"; rc=$?
		ms=$(( ($(date +%s%N) - t0) / 1000000 ))
		if [ $rc -le 2 ] && [ $ms -lt 5000 ] && ! grep -q -E 'Sanitizer|runtime error:' "$S/err"; then
			echo "ok - hostile: ELF addon padded to a sparse 10 GB ($ms ms, exit $rc)"
		else echo "not ok - hostile: ELF addon padded to a sparse 10 GB: exit $rc after $ms ms"; head -3 "$S/err" | sed 's/^/# /'; fi
		rm -f "$S/x.node"
	fi
else
	echo "skip - hostile: cannot create a sparse 10 GB file here"
fi
