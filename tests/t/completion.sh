#!/bin/sh
# completion.sh - tools/addon-doctor.bash-completion offers each command
# exactly the options its --help lists, and each command accepts them; the
# first word offers every command in the global --help; each usage line
# names every option its help describes.
set -u
command -v bash >/dev/null || { echo "skip - completion: bash not installed"; exit 0; }
COMP=$ROOT/tools/addon-doctor.bash-completion
empty=$WORK/completion-empty; rm -rf "$empty"; mkdir -p "$empty"
# complete WORD... : what the completion offers for the last word
complete_words() {
	(cd "$empty" && bash -c '. "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _addon_doctor; printf "%s\n" "${COMPREPLY[@]}"' \
		sh "$COMP" "$@") | sort -u | tr '\n' ' '
}
cmds=$("$AD" --help | awk '/^Commands:/{f=1;next} f&&/^  [a-z]/{print $1} f&&/^$/{exit}')
want=$(printf '%s\n' $cmds | sort -u | tr '\n' ' ')
got=$(complete_words addon-doctor "")
[ "$got" = "$want" ] && echo "ok - completion: the first word offers every command" \
	|| echo "not ok - completion: first word offers '$got', --help lists '$want'"
for cmd in $cmds; do
	h=$("$AD" "$cmd" --help)
	want=$({ printf '%s\n' "$h" | sed -n 1p | grep -o -- '--[a-z][a-z-]*'
		 printf '%s\n' "$h" | sed -n 's/^  \(--[a-z][a-z-]*\).*/\1/p'; echo --help; } | sort -u | tr '\n' ' ')
	usage=$(printf '%s\n' "$h" | sed -n 1p)
	lacks=""
	for o in $(printf '%s\n' "$h" | sed -n 's/^  \(--[a-z][a-z-]*\).*/\1/p'); do
		printf '%s\n' "$usage" | grep -qE -- "(\[|\| )$o( |\])" || lacks="$lacks $o"
	done
	[ -z "$lacks" ] && echo "ok - completion: $cmd's usage line names every option" \
		|| echo "not ok - completion: $cmd's usage line lacks:$lacks"
	got=$(complete_words addon-doctor "$cmd" --)
	if [ "$got" = "$want" ]; then
		echo "ok - completion: $cmd offers what its --help lists ($got)"
	else
		echo "not ok - completion: $cmd offers '$got', its --help lists '$want'"
	fi
	bad=""
	for o in $want; do
		[ "$o" = --fix ] && continue # it runs commands: its acceptance is tests/t/scan-fix.sh's
		(cd "$empty" && "$AD" "$cmd" "$o" </dev/null 2>&1) | grep -q "unknown option" && bad="$bad $o"
	done
	[ -z "$bad" ] && echo "ok - completion: $cmd accepts every option it is offered" \
		|| echo "not ok - completion: $cmd rejects:$bad"
done
