#!/bin/sh
# tools/refresh-package-texts.sh - checks data/package-texts.tsv against the
# published npm tarballs: for each row, `npm pack` the package at its
# version-checked (or at latest with --latest) and check that every literal
# piece of the pattern (the text between %p / %s) still occurs in
# file-in-tarball.  Prints a diff-style report:
#   "  package@version file: ok"            every piece found
#   "- package@version file: <piece>"       a piece no longer in the file
#   "! package@version: <why>"              the tarball or the file is gone
# and exits 1 when any row failed.  Run by hand (it needs the npm registry),
# never at build time.  No install scripts run: `npm pack` only downloads.
#
#   tools/refresh-package-texts.sh [--latest] [CACHE_DIR]
# CACHE_DIR (default /tmp/package-texts-cache) keeps the tarballs; it must
# not be inside the repository.
#
# How a piece is looked for: in the file, the joins of JavaScript string
# concatenation ("..." + '...', `...` + "...") are removed, and every run of
# blanks (spaces, tabs, line breaks) becomes one space, in the file and in
# the piece alike: a loader's text is often split over lines and strings
# (a string's \n, \r and \t count as blanks too).
set -u
ROOT=$(cd "$(dirname "$0")/.." && pwd)
# PACKAGE_TEXTS_TSV: another table (to check this script on a changed row)
TSV=${PACKAGE_TEXTS_TSV:-$ROOT/data/package-texts.tsv}
LATEST=0
if [ "${1:-}" = --latest ]; then LATEST=1; shift; fi
CACHE=${1:-/tmp/package-texts-cache}
case $CACHE in "$ROOT" | "$ROOT"/*) echo "refresh-package-texts: the cache must be outside the repository" >&2; exit 2 ;; esac
mkdir -p "$CACHE" || exit 2
command -v npm >/dev/null || { echo "refresh-package-texts: npm not found" >&2; exit 2; }

fail=0
# tab-separated: package version file cause pattern ...
while IFS='	' read -r pkg ver file cause pattern rest; do
	case $pkg in '#'* | '') continue ;; esac
	want=$ver
	[ $LATEST = 1 ] && want=latest
	# one directory per package@version asked for
	dir=$CACHE/$(printf '%s@%s' "$pkg" "$want" | tr '/@' '+_')
	if [ ! -d "$dir/package" ]; then
		mkdir -p "$dir"
		# npm's stdin is not the table (it would read rows away)
		tgz=$(cd "$dir" && npm pack "$pkg@$want" --pack-destination "$dir" </dev/null 2>"$dir/npm.log" | tail -n 1)
		if [ -z "$tgz" ] || [ ! -f "$dir/$tgz" ]; then
			echo "! $pkg@$want: npm pack failed ($(tail -n 1 "$dir/npm.log"))"
			fail=1; rm -rf "$dir"; continue
		fi
		if ! tar xzf "$dir/$tgz" -C "$dir" 2>/dev/null; then
			echo "! $pkg@$want: cannot unpack $tgz"
			fail=1; rm -rf "$dir"; continue
		fi
		[ $LATEST = 1 ] && sed -n 's/^ *"version": *"\([^"]*\)".*/\1/p' "$dir/package/package.json" | head -n 1 >"$dir/version"
	fi
	got=$want
	[ -f "$dir/version" ] && got=$(cat "$dir/version")
	tarpath=$dir/$file
	if [ ! -f "$tarpath" ]; then
		echo "! $pkg@$got: $file is not in the tarball"
		fail=1; continue
	fi
	out=$(python3 - "$tarpath" "$pattern" <<'EOF'
import re, sys
path, pattern = sys.argv[1], sys.argv[2]
src = open(path, encoding="utf-8", errors="replace").read()
# joins of string concatenation: closing quote, +, opening quote
src = re.sub(r"""["'`]\s*\+\s*["'`]""", "", src)
# a string's escaped line breaks and tabs are blanks in the printed text
src = re.sub(r"\\[nrt]", " ", src)
norm = lambda s: re.sub(r"\s+", " ", s)
src = norm(src)
missing = [p for p in (norm(x).strip() for x in re.split(r"%[ps]", pattern)) if p and p not in src]
for p in missing:
    print(p)
EOF
)
	if [ -z "$out" ]; then
		echo "  $pkg@$got $file: ok"
	else
		printf '%s\n' "$out" | while IFS= read -r piece; do echo "- $pkg@$got $file: $piece"; done
		fail=1
	fi
done <"$TSV"
exit $fail
