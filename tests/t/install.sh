#!/bin/sh
# install.sh - `make install` puts the binary, a man page generated from the
# binary's own --help (one source), and bash completion under PREFIX.
set -u
cd "$ROOT" || exit 1
p=$WORK/prefix; rm -rf "$p"
if make -s install PREFIX="$p" >"$WORK/install.log" 2>&1; then echo "ok - install: make install PREFIX=..."
else echo "not ok - install: make install"; sed 's/^/# /' "$WORK/install.log" | tail; exit 0; fi
for f in bin/addon-doctor share/man/man1/addon-doctor.1 share/bash-completion/completions/addon-doctor; do
	[ -s "$p/$f" ] && echo "ok - install: $f" || echo "not ok - install: $f missing"
done
"$p/bin/addon-doctor" --version >/dev/null && echo "ok - install: installed binary runs" || echo "not ok - install: installed binary"
# Every command's --help text is in the man page, and the man page has a section per command.
missing=""
for cmd in scan check inspect deps explain abi env; do
	first=$("$p/bin/addon-doctor" "$cmd" --help | head -1)
	# the usage line, read through the man markup (fonts, \- for "-")
	sed -e 's/\\f[BIR]//g' -e 's/\\-/-/g' "$p/share/man/man1/addon-doctor.1" |
		grep -qF -- "${first#usage: }" || missing="$missing $cmd"
done
[ -z "$missing" ] && echo "ok - install: man page holds every command's --help" || echo "not ok - install: man page lacks:$missing"
bash -n "$p/share/bash-completion/completions/addon-doctor" && echo "ok - install: completion script parses" || echo "not ok - install: completion script"
