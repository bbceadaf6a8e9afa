#!/bin/sh
# manpage.sh - the man page tools/gen-man.sh makes from the --help texts is a
# real one (NAME, SYNOPSIS, DESCRIPTION, a section per command, EXIT STATUS,
# ENVIRONMENT, FILES, EXAMPLES, SEE ALSO, in that order), groff reads it
# without a warning, every option of every command's --help is in that
# command's section and in the bash completion for that command, and
# `make install DESTDIR=... PREFIX=...` puts the binary, this man page and
# the completion where man, bash and PATH look.
set -u
MAN=$WORK/manpage.1
if ! sh "$ROOT/tools/gen-man.sh" "$AD" >"$MAN" 2>"$WORK/manpage.err"; then
	echo "not ok - manpage: tools/gen-man.sh failed"; sed 's/^/# /' "$WORK/manpage.err"; exit 0
fi
grep -q '^\.TH ADDON\\-DOCTOR 1 ' "$MAN" && echo "ok - manpage: .TH names addon-doctor(1)" \
	|| echo "not ok - manpage: no .TH line"

# the sections, each once, in man-pages(7) order
got=$(sed -n 's/^\.SH //p' "$MAN" | tr -d '"' | tr '\n' '|')
want="NAME|SYNOPSIS|DESCRIPTION|COMMANDS|EXIT STATUS|ENVIRONMENT|FILES|EXAMPLES|SEE ALSO|"
[ "$got" = "$want" ] && echo "ok - manpage: sections $want" \
	|| echo "not ok - manpage: sections are '$got', want '$want'"

if command -v groff >/dev/null; then
	warn=$(groff -man -Tutf8 -ww -z "$MAN" 2>&1)
	[ -z "$warn" ] && echo "ok - manpage: groff -ww reads it without a warning" \
		|| { echo "not ok - manpage: groff warns"; printf '%s\n' "$warn" | sed 's/^/# /' | head; }
	# what a reader sees: no roff request leaked into the text
	groff -man -Tutf8 "$MAN" 2>/dev/null | sed 's/.\x08//g' >"$WORK/manpage.txt"
	grep -nE '^ *\.[A-Z]{1,2}( |$)|\\f[BIR]' "$WORK/manpage.txt" >"$WORK/manpage.leak" \
		&& { echo "not ok - manpage: markup shows in the rendered page"; sed 's/^/# /' "$WORK/manpage.leak" | head; } \
		|| echo "ok - manpage: the rendered page shows no markup"
else
	echo "skip - manpage: groff not installed (rendering not checked)"
fi

COMP=$ROOT/tools/addon-doctor.bash-completion
empty=$WORK/manpage-empty; rm -rf "$empty"; mkdir -p "$empty"
complete_words() {
	(cd "$empty" && bash -c '. "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _addon_doctor; printf "%s\n" "${COMPREPLY[@]}"' \
		sh "$COMP" "$@") | sort -u | tr '\n' ' '
}
cmds=$("$AD" --help | awk '/^Commands:/{f=1;next} f&&/^  [a-z]/{print $1} f&&/^$/{exit}')
[ -n "$cmds" ] || echo "not ok - manpage: no command list in --help"
for cmd in $cmds; do
	# this command's section: from ".SS cmd" to the next .SS or .SH
	sec=$(awk -v c="$cmd" '$0 == ".SS " c {f=1; next} f && /^\.S[SH] /{exit} f' "$MAN")
	if [ -z "$sec" ]; then echo "not ok - manpage: no section for $cmd"; continue; fi
	h=$("$AD" "$cmd" --help)
	opts=$({ printf '%s\n' "$h" | sed -n 1p | grep -o -- '--[a-z][a-z-]*'
		 printf '%s\n' "$h" | sed -n 's/^  \(--[a-z][a-z-]*\).*/\1/p'; } | sort -u)
	# the usage line is the section's synopsis
	syn=$(printf '%s\n' "$h" | sed -n 1p | sed 's/^usage: //')
	printf '%s\n' "$sec" | sed -e 's/\\f[BIR]//g' -e 's/\\-/-/g' -e 's/\\e/\\/g' | grep -qxF -- "$syn" \
		&& echo "ok - manpage: $cmd's section shows its usage line" \
		|| echo "not ok - manpage: $cmd's section lacks its usage line '$syn'"
	lacks=""; nocomp=""
	comp=" $(complete_words addon-doctor "$cmd" --)"
	for o in $opts; do
		roff=$(printf '%s' "$o" | sed 's/-/\\\\-/g')
		# an option item (.TP) of this section, not just a mention
		printf '%s\n' "$sec" | awk -v o="\\\\fB$roff\\\\fR" 'prev == ".TP" && index($0, o) == 1 {f=1} {prev=$0} END {exit !f}' \
			|| lacks="$lacks $o"
		case $comp in *" $o "*) ;; *) nocomp="$nocomp $o" ;; esac
	done
	[ -z "$lacks" ] && echo "ok - manpage: $cmd's section describes every option of its --help ($(echo $opts))" \
		|| echo "not ok - manpage: $cmd's section lacks:$lacks"
	[ -z "$nocomp" ] && echo "ok - manpage: the completion offers $cmd every option of its --help" \
		|| echo "not ok - manpage: the completion does not offer $cmd:$nocomp"
	# its exit status, in the EXIT STATUS section too
	ex=$(printf '%s\n' "$h" | sed -n 's/^Exit status: *//p' | cut -c1-30)
	awk '/^\.SH "?EXIT STATUS/{f=1;next} f&&/^\.SH /{exit} f' "$MAN" | sed 's/\\-/-/g' | grep -qF -- "$ex" \
		&& echo "ok - manpage: EXIT STATUS has $cmd's" || echo "not ok - manpage: EXIT STATUS lacks $cmd's ('$ex')"
done
# every example of every --help is in EXAMPLES
exs=$(for cmd in $cmds; do "$AD" "$cmd" --help | awk '/^Examples?:$/{f=1;next} f&&/^$/{f=0} f{sub(/^  /,"");print}'; done)
sec=$(awk '/^\.SH EXAMPLES/{f=1;next} f&&/^\.SH /{exit} f' "$MAN" | sed -e 's/\\-/-/g' -e 's/\\e/\\/g' -e 's/^\\&//')
missing=$(printf '%s\n' "$exs" | while IFS= read -r l; do printf '%s\n' "$sec" | grep -qxF -- "$l" || echo "$l"; done)
[ -z "$missing" ] && echo "ok - manpage: EXAMPLES holds every --help example ($(printf '%s\n' "$exs" | wc -l))" \
	|| { echo "not ok - manpage: EXAMPLES lacks some"; printf '%s\n' "$missing" | sed 's/^/# /'; }

# make install: binary, man page, completion under DESTDIR/PREFIX
d=$WORK/manpage-destdir; rm -rf "$d"
if (cd "$ROOT" && make -s install DESTDIR="$d" PREFIX=/opt/ad) >"$WORK/manpage-install.log" 2>&1; then
	bad=""
	for f in bin/addon-doctor share/man/man1/addon-doctor.1 share/bash-completion/completions/addon-doctor; do
		[ -s "$d/opt/ad/$f" ] || bad="$bad $f"
	done
	[ -z "$bad" ] && echo "ok - manpage: make install DESTDIR PREFIX installs the binary, the man page and the completion" \
		|| echo "not ok - manpage: make install did not install:$bad"
	# the installed page is the generated one (of the installed binary)
	sh "$ROOT/tools/gen-man.sh" "$d/opt/ad/bin/addon-doctor" >"$WORK/manpage-installed.1" 2>/dev/null
	cmp -s "$WORK/manpage-installed.1" "$d/opt/ad/share/man/man1/addon-doctor.1" \
		&& echo "ok - manpage: the installed man page is generated from the installed binary" \
		|| echo "not ok - manpage: the installed man page is not the installed binary's"
	if command -v man >/dev/null; then
		MANPATH=$d/opt/ad/share/man MANWIDTH=80 man addon-doctor 2>/dev/null | grep -q 'EXIT STATUS' \
			&& echo "ok - manpage: man finds it under PREFIX/share/man" \
			|| echo "not ok - manpage: man addon-doctor with MANPATH=PREFIX/share/man"
	else
		echo "skip - manpage: man not installed"
	fi
else
	echo "not ok - manpage: make install DESTDIR=... PREFIX=/opt/ad failed"; sed 's/^/# /' "$WORK/manpage-install.log" | tail
fi
