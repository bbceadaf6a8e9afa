#!/bin/sh
# reloc-order.sh - when several undefined symbols fail, glibc names the
# first one its relocation walk looks up (elf/do-rel.h: DT_RELA/DT_REL in
# table order, relative ones first, then DT_JMPREL, lazily under Node's
# RTLD_LAZY), not the first in .dynsym.  GNU ld orders .dynsym differently
# from the relocations (isolated-vm's V8-API builds: real
# ...HasCustomHostObject..., once predicted ...IsHostObject...).  Fixtures
# built here with GNU ld and lld; the truth is this machine's node.
set -u
OUT=$WORK/reloc-order
rm -rf "$OUT" && mkdir -p "$OUT"
NODE=$(command -v node || true)
[ -n "$NODE" ] || { echo "skip - reloc-order: no node on PATH"; exit 0; }
command -v cc >/dev/null || { echo "skip - reloc-order: no cc"; exit 0; }
cat >"$OUT/rel.c" <<'C'
extern int sym_b, sym_a, sym_c;
extern void func_d(void);
int *ptrs[] = { &sym_c, &sym_a, &sym_b };
void *napi_register_module_v1(void *e, void *x) { (void)e; func_d(); return x; }
C
for ld in bfd lld; do
	f=$OUT/rel-$ld.node
	if ! cc -shared -fPIC -fuse-ld=$ld -o "$f" "$OUT/rel.c" 2>"$f.err"; then
		echo "skip - reloc-order: cannot link with $ld ($(head -1 "$f.err"))"; continue
	fi
	real=$("$NODE" -e 'try { process.dlopen({ exports: {} }, process.argv[1]); console.log("loads") } catch (e) { console.log(e.message) }' "$f")
	pred=$("$AD" check --json "$f" | sed -n 's/.*"error":"\([^"]*\)".*/\1/p')
	if [ "$real" = "$pred" ]; then
		echo "ok - reloc-order: $ld: the first failing lookup is named ($real)"
	else
		echo "not ok - reloc-order: $ld: real '$real', predicted '$pred'"
	fi
done
