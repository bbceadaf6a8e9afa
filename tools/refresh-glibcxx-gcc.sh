#!/bin/sh
# refresh-glibcxx-gcc.sh - regenerates data/glibcxx-gcc.tsv (GLIBCXX/CXXABI
# symbol version -> first GCC release) from the libstdc++ manual's "ABI
# Policy and Guidelines" list ("Symbol versioning on the libstdc++.so
# binary"), whose items read "GCC 4.5.0: GLIBCXX_3.4.14, CXXABI_1.3.4".
#
#   tools/refresh-glibcxx-gcc.sh ABI.XML-or-ABI.HTML > data/glibcxx-gcc.tsv
#
# Input: libstdc++-v3/doc/xml/manual/abi.xml of a GCC checkout, or a saved
# https://gcc.gnu.org/onlinedocs/libstdc++/manual/abi.html.  Run by hand,
# never at build time; review the diff (the manual's 13.x/14.x entries
# must still be there).  Releases before GCC 3.4 (GLIBCPP_*) are left out:
# libstdc++.so.6 starts at 3.4.0.  A release that names no CXXABI version
# keeps the previous one (the manual: "If a particular release is not
# listed, it has the same version labels as the preceding release").
set -eu
IN=${1:?usage: refresh-glibcxx-gcc.sh ABI.XML-or-ABI.HTML}
[ -r "$IN" ] || { echo "refresh-glibcxx-gcc: cannot read $IN" >&2; exit 2; }
sed -n 1,14p "$(dirname "$0")/../data/glibcxx-gcc.tsv" | grep '^#' | grep -v '^# gcc	'
printf '# gcc\tglibcxx\tcxxabi\n'
# One item per line: strip tags, keep "GCC x.y.z: GLIBCXX_..., CXXABI_...".
sed 's/<[^>]*>//g' "$IN" |
	grep -E '^[[:space:]]*GCC [0-9]+\.[0-9]+\.[0-9]+: *GLIBCXX_' |
	awk '{
		sub(/^[ \t]+/, ""); split($0, kv, ":"); gcc = kv[1];
		gx = ""; ca = "";
		if (match($0, /GLIBCXX_[0-9.]+/)) gx = substr($0, RSTART + 8, RLENGTH - 8);
		if (match($0, /CXXABI_[0-9.]+/)) ca = substr($0, RSTART + 7, RLENGTH - 7);
		sub(/\.$/, "", gx); sub(/\.$/, "", ca);
		if (ca == "") ca = last; last = ca;
		if (!seen[gcc]++) printf "%s\t%s\t%s\n", gcc, gx, ca;
	}'
