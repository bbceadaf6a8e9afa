# the global --help and the --help of every command without a golden of its
# own (abi, env, explain have theirs): the man page and the completion are
# made from these texts (tests/t/manpage.sh)
$AD --help; echo "exit $?"
for c in scan check inspect deps; do $AD $c --help; echo "exit $?"; done
$AD help | head -1; $AD -h | head -1
