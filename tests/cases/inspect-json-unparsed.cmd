# a file whose magic names a format but that cannot be parsed keeps that
# format next to its error; only a file no magic matches is "unknown"
cd "$WORK" || exit 1
printf '\177ELF\2\1\1\0\0\0' >unparsed-elf10.node
printf 'MZ' >unparsed-mz.node
printf '\317\372\355\376\7\0\0\1' >unparsed-macho8.node
printf 'hello there' >unparsed-text.node
for f in unparsed-elf10 unparsed-mz unparsed-macho8 unparsed-text; do $AD inspect --json $f.node; echo "exit $?"; done
$AD inspect --json unparsed-does-not-exist.node; echo "exit $?"
