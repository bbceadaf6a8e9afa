#!/bin/sh
# explain-corpus.sh - measures `explain --json` on every message of the corpus:
# tests/explain/corpus.tsv (the recogniser's own examples) and
# tests/explain/threads.tsv (real texts from public issue threads, each labelled
# with the cause the thread shows it really had).
#
# Per row: the cause must match; when the source column states `num=V`, one of
# explain's numbers must have the value V; when it states `subject=runtime`,
# explain must say the failing binary is the runtime (JSON "subject").  A row
# listed in tests/explain/known-misses.tsv (by its source column) is reported
# as a skip and does not fail; a listed row that now passes is reported so the
# list can be pruned; a listed source that matches no row fails (a stale list
# would hide nothing and mislead).  A crash (exit > 1) always fails.
set -u -f   # -f: the source column is split into words, never globbed
D=$WORK/explain-corpus
rm -rf "$D"; mkdir -p "$D"
KM=$ROOT/tests/explain/known-misses.tsv
TAB=$(printf '\t')
# dash's echo interprets backslashes; sources and messages may hold them.
say() { printf '%s\n' "$*"; }

# known-misses.tsv: source <TAB> miss class <TAB> note; '#' comments.
grep -v '^#' "$KM" 2>/dev/null | grep -v '^$' >"$D/km" || :
: >"$D/km-used"

n=0; right=0; nrows=0; nright=0; srows=0; sright=0; pass=0; known=0; fixed=0; bad=0
tn=0; tright=0
for f in "$ROOT/tests/explain/corpus.tsv" "$ROOT/tests/explain/threads.tsv"; do
	[ -f "$f" ] || { say "not ok - explain corpus: $f missing"; continue; }
	case $f in *threads.tsv) inthreads=1 ;; *) inthreads=0 ;; esac
	while IFS="$TAB" read -r cause shape src msg; do
		case $cause in "#"*|"") continue ;; esac
		n=$((n + 1)); tn=$((tn + inthreads))
		# The escapes (\n \r \t \\) are the only backslashes in the file; %b
		# decodes exactly those ('%' in an argument is literal; no command
		# substitution, so trailing newlines survive).  --no-inspect: the text
		# alone is measured, not whatever files this machine has at those paths.
		printf '%b' "$msg" >"$D/in"
		"$AD" explain --json --no-inspect - <"$D/in" >"$D/out" 2>"$D/err"
		rc=$?
		got=$(sed -n 's/^{"cause":"\([^"]*\)".*/\1/p' "$D/out")
		miss=""
		if [ "$got" = "$cause" ]; then right=$((right + 1)); tright=$((tright + inthreads))
		else miss="cause ${got:-none}, want $cause"; fi
		# Numbers the row states (num=V tokens in the source column).
		hasnum=0; numok=1
		for tok in $src; do
			case $tok in
			num=*)
				v=${tok#num=}
				hasnum=1
				grep -qF "\"value\":\"$v\"" "$D/out" ||
					{ numok=0; miss="${miss:+$miss; }number $v not given"; } ;;
			subject=*)
				v=${tok#subject=}
				srows=$((srows + 1))
				if grep -qF "\"subject\":\"$v\"" "$D/out"; then sright=$((sright + 1))
				else miss="${miss:+$miss; }subject $v not given"; fi ;;
			esac
		done
		[ $hasnum = 1 ] && { nrows=$((nrows + 1)); [ $numok = 1 ] && nright=$((nright + 1)); }
		# ENVIRON, not -v: awk -v would interpret backslashes in the source.
		listed=$(S="$src" awk -F"$TAB" '$1 == ENVIRON["S"] { print $2; exit }' "$D/km")
		[ -n "$listed" ] && printf '%s\n' "$src" >>"$D/km-used"
		if [ $rc -gt 1 ] || grep -q 'Sanitizer\|runtime error' "$D/err"; then
			say "not ok - explain corpus: $src: crashed (exit $rc)"; sed 's/^/# /' "$D/err" | head -20
			bad=$((bad + 1))
		elif [ -z "$miss" ] && [ -z "$listed" ]; then
			say "ok - explain corpus: $src -> $cause"; pass=$((pass + 1))
		elif [ -z "$miss" ]; then
			say "ok - explain corpus: $src -> $cause (listed as a known miss, '$listed': now right, prune it from known-misses.tsv)"
			fixed=$((fixed + 1))
		elif [ -n "$listed" ]; then
			say "skip - explain corpus known miss ($listed): $src: $miss"; known=$((known + 1))
		else
			say "not ok - explain corpus: $src: $miss"; bad=$((bad + 1))
		fi
	done <"$f"
done

# Every listed miss must name a row (a typo or a removed row would hide nothing).
while IFS="$TAB" read -r s cls note; do
	grep -qxF "$s" "$D/km-used" || { say "not ok - known-misses.tsv: '$s' names no corpus row"; bad=$((bad + 1)); }
done <"$D/km"

say "explain corpus: $right of $n right cause (public threads: $tright of $tn); right numbers in $nright of $nrows rows that state them; runtime subject in $sright of $srows"
say "# rows: $pass right, $known known misses, $fixed listed but now right, $bad failing"
# The thread corpus is the measure of issue 16: it must stay at least 200 texts.
if [ $tn -ge 200 ]; then say "ok - explain corpus: threads.tsv has $tn real messages"
else say "not ok - explain corpus: threads.tsv has only $tn real messages (want >= 200)"; fi
