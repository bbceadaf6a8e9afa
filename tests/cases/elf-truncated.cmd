# needs: elf/nm.node
# cut copies of a real addon: inside the ELF header, inside the program
# headers, and past them (segments beyond EOF, tables lost); then a bad EI_CLASS
N=$FX/elf/nm.node
cd "$WORK" || exit 1
head -c 40 "$N" >elf-cut40.node
head -c 200 "$N" >elf-cut200.node
head -c 3000 "$N" >elf-cut3000.node
{ head -c 4 "$N"; printf '\003'; tail -c +6 "$N"; } >elf-class3.node
for f in elf-cut40 elf-cut200 elf-cut3000 elf-class3; do $AD inspect $f.node; echo "exit $?"; done
