# needs: elf/undef.so elf/veruser.so elf/lib/libver.so
$AD inspect --json --symbols elf/undef.so elf/veruser.so elf/lib/libver.so
