#!/bin/sh
# gen-man.sh BINARY - writes the addon-doctor(1) man page to stdout.
# One source: the text comes from the binary's own --help output (global and
# per command), so the man page and --help cannot drift apart.
set -eu
bin=$1
esc() { sed -e 's/\\/\\e/g' -e 's/^\./\\\&./' -e "s/^'/\\\\\\&'/"; }
ver=$("$bin" --version | awk '{print $2}')
cat <<EOF2
.TH ADDON-DOCTOR 1 "" "addon-doctor $ver" "User Commands"
.SH NAME
addon-doctor \- predict what require() does with native Node.js addons, without loading them
.SH SYNOPSIS
.B addon-doctor
[\fICOMMAND\fR] [\fIOPTIONS\fR] [\fIARGS\fR]
.SH DESCRIPTION
.nf
EOF2
"$bin" --help | esc
echo ".fi"
for cmd in $("$bin" --help | awk '/^Commands:/{f=1;next} f&&/^  [a-z]/{print $1} f&&/^$/{exit}'); do
	echo ".SH \"$(echo "$cmd" | tr a-z A-Z)\""
	echo ".nf"
	"$bin" "$cmd" --help | esc
	echo ".fi"
done
cat <<'EOF2'
.SH EXIT STATUS
0 everything fine; 1 something would fail to load (check, scan) or a message was not recognised (explain); 2 usage error, or a file that could not be read.
.SH ENVIRONMENT
NO_COLOR disables colour. LD_LIBRARY_PATH is modelled as the target's when the target is this machine.
.SH SEE ALSO
node(1), ld.so(8), ldd(1)
EOF2
