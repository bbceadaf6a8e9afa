#!/bin/sh
# explain-l10n.sh - ground truth for `explain` on glibc's translated loader
# texts (src/explain/l10n.c, data/glibc-messages.tsv).
#
# A tiny C program (built here, never by the tool) calls setlocale(LC_ALL,
# "") and dlopen()s real objects that fail in the ways that matter: a
# missing file, a 32-bit ELF, a file that is not an ELF, a missing needed
# library, an undefined symbol (RTLD_NOW), a version need the library does
# not define, and an executable stack the process refuses (PR_SET_MDWE,
# Linux 6.3+).  It prints dlerror() once in the C locale and once under
# LANG=<lang>.UTF-8 for each language whose locale localedef can make
# (into this test's own directory, LOCPATH; nothing system-wide) and whose
# libc.mo is installed.  Each text, wrapped the way Node prints a dlopen
# error, must get the English text's cause from `explain --json
# --no-inspect -`; so must its mojibake (the UTF-8 bytes read as Latin-1
# and encoded again, as iconv does).  Cases or languages this machine
# cannot make are skips.
set -u
D=$WORK/explain-l10n
L=$D/locale               # kept between runs: localedef takes seconds per language
rm -rf "$D/run"; mkdir -p "$D/run" "$L"
R=$D/run
CC=${CC:-cc}
LANGS=${L10N_LANGS:-"pt_BR de_DE fr_FR es_ES it_IT pl_PL ru_RU uk_UA zh_CN zh_TW ja_JP ko_KR"}

if ! command -v "$CC" >/dev/null 2>&1; then echo "skip - explain-l10n: no C compiler"; exit 0; fi
if ! command -v localedef >/dev/null 2>&1; then echo "skip - explain-l10n: no localedef (Debian: locales)"; exit 0; fi

# --- the objects --------------------------------------------------------------
A=$R/app/node_modules/x/build/Release
mkdir -p "$A"
cat >"$R/probe.c" <<'EOF'
#include <dlfcn.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
/* probe [-mdwe] FILE: dlopen(FILE, RTLD_NOW) after setlocale, prints dlerror() */
int main(int argc, char **argv)
{
	int i = 1;
	setlocale(LC_ALL, "");
	if (argc > 2 && !strcmp(argv[1], "-mdwe")) {
		/* PR_SET_MDWE 65, PR_MDWE_REFUSE_EXEC_GAIN 1: mprotect may not add PROT_EXEC */
		if (prctl(65, 1, 0, 0, 0) != 0)
			return 3;
		i = 2;
	}
	void *h = dlopen(argv[i], RTLD_NOW);
	if (h)
		return 2;
	printf("%s\n", dlerror());
	return 0;
}
EOF
if ! "$CC" -o "$R/probe" "$R/probe.c" 2>"$R/cc.log"; then echo "not ok - explain-l10n: the probe does not build"; sed 's/^/# /' "$R/cc.log"; exit 0; fi
echo 'int f(void) { return 1; }' >"$R/f.c"
cases=
add() { cases="$cases $1"; }
# missing: a path that does not exist
add missing; echo "$A/missing.node" >"$R/missing.args"
# class: a 32-bit build
if command -v i686-linux-gnu-gcc >/dev/null 2>&1 && i686-linux-gnu-gcc -shared -o "$A/class.node" "$R/f.c" 2>/dev/null ||
	"$CC" -m32 -shared -o "$A/class.node" "$R/f.c" 2>/dev/null; then
	add class; echo "$A/class.node" >"$R/class.args"
else
	echo "skip - explain-l10n: wrong ELF class: no 32-bit compiler (i686-linux-gnu-gcc or cc -m32)"
fi
# notelf: text under an addon's name
printf 'not an ELF file, a placeholder left by a broken download, long enough to be read\n' >"$A/notelf.node"
add notelf; echo "$A/notelf.node" >"$R/notelf.args"
# needed: a library it needs is missing
if "$CC" -shared -fPIC -o "$R/libzzgone.so.1" -Wl,-soname,libzzgone.so.1 "$R/f.c" &&
	echo 'int f(void); int g(void) { return f(); }' >"$R/g.c" &&
	"$CC" -shared -fPIC -o "$A/needed.node" "$R/g.c" "$R/libzzgone.so.1" 2>/dev/null; then
	rm -f "$R/libzzgone.so.1"; add needed; echo "$A/needed.node" >"$R/needed.args"
fi
# undef: an undefined symbol, bound at load (RTLD_NOW)
echo 'int napi_zz_missing(void); int h(void) { return napi_zz_missing(); }' >"$R/u.c"
"$CC" -shared -fPIC -o "$A/undef.node" "$R/u.c" && { add undef; echo "$A/undef.node" >"$R/undef.args"; }
# version: it needs ZZ_2 of a library that only defines ZZ_1
printf 'ZZ_1 { global: f; local: *; };\nZZ_2 { global: f2; } ZZ_1;\n' >"$R/v2.map"
printf 'ZZ_1 { global: f; local: *; };\n' >"$R/v1.map"
echo 'int f2(void) { return 2; }' >>"$R/f.c"
if "$CC" -shared -fPIC -o "$A/libzzver.so" -Wl,-soname,libzzver.so -Wl,--version-script,"$R/v2.map" "$R/f.c" &&
	echo 'int f2(void); int k(void) { return f2(); }' >"$R/k.c" &&
	"$CC" -shared -fPIC -o "$A/version.node" "$R/k.c" "$A/libzzver.so" '-Wl,-rpath,$ORIGIN' &&
	"$CC" -shared -fPIC -o "$A/libzzver.so" -Wl,-soname,libzzver.so -Wl,--version-script,"$R/v1.map" "$R/f.c"; then
	add version; echo "$A/version.node" >"$R/version.args"
fi
# execstack: an object that asks for an executable stack in a process
# that may not make one (glibc 2.41+ refuses it by itself)
if "$CC" -shared -fPIC -Wl,-z,execstack -o "$A/execstack.node" "$R/f.c" 2>/dev/null &&
	"$R/probe" -mdwe "$A/execstack.node" >/dev/null 2>&1; then
	add execstack; echo "-mdwe $A/execstack.node" >"$R/execstack.args"
else
	echo "skip - explain-l10n: executable stack: this kernel has no PR_SET_MDWE (Linux 6.3+) or the object loaded"
fi

# --- the truth: dlerror() per language ------------------------------------------
# run LOCALE CASE: the dlerror() text, or nothing
run() {
	# shellcheck disable=SC2046 # the args file holds words
	LOCPATH=$L LANGUAGE= LC_ALL= LANG=$1 "$R/probe" $(cat "$R/$2.args") 2>/dev/null
}
cause() {
	printf 'Error: %s\n    at Module._extensions..node (node:internal/modules/cjs/loader:1460:18)\n' "$1" |
		"$AD" explain --json --no-inspect - 2>/dev/null | sed -n 's/^{"cause":"\([^"]*\)".*/\1/p'
}
for c in $cases; do
	t=$(LANGUAGE= LC_ALL=C LANG=C "$R/probe" $(cat "$R/$c.args") 2>/dev/null)
	if [ -z "$t" ]; then echo "skip - explain-l10n: $c: the object did not fail to load"; continue; fi
	printf '%s\n' "$t" >"$R/$c.en"
	cause "$t" >"$R/$c.cause"
	ok=$(cat "$R/$c.cause")
	if [ -n "$ok" ] && [ "$ok" != unknown ]; then echo "ok - English $c: '$t' -> $ok"; else echo "not ok - English $c: '$t' -> ${ok:-no answer}"; fi
done

translated=0
for lang in $LANGS; do
	loc=$lang.UTF-8
	short=${lang%%_*}
	if [ ! -r "/usr/share/locale/$lang/LC_MESSAGES/libc.mo" ] && [ ! -r "/usr/share/locale/$short/LC_MESSAGES/libc.mo" ]; then
		echo "skip - explain-l10n: $lang: no libc.mo (Debian: libc-l10n)"; continue
	fi
	if [ ! -d "$L/$loc" ] && ! localedef -i "$lang" -f UTF-8 "$L/$loc" >"$R/localedef.log" 2>&1 && [ ! -d "$L/$loc" ]; then
		echo "skip - explain-l10n: $lang: localedef cannot make $loc"; continue
	fi
	for c in $cases; do
		[ -s "$R/$c.en" ] || continue
		t=$(run "$loc" "$c")
		en=$(cat "$R/$c.en"); want=$(cat "$R/$c.cause")
		if [ -z "$t" ]; then echo "not ok - $lang $c: no dlerror() text"; continue; fi
		[ "$t" != "$en" ] && translated=$((translated + 1))
		got=$(cause "$t")
		u=; [ "$t" = "$en" ] && u=" (glibc does not translate it)"
		if [ "$got" = "$want" ]; then echo "ok - $lang $c$u: '$t' -> $got"; else echo "not ok - $lang $c: '$t' -> ${got:-no answer}, English '$en' -> $want"; fi
		# mojibake: the UTF-8 bytes shown as Latin-1, encoded again
		if printf '%s' "$t" | LC_ALL=C grep -q '[^ -~]'; then
			m=$(printf '%s' "$t" | iconv -f latin1 -t utf-8 2>/dev/null)
			got=$(cause "$m")
			if [ "$got" = "$want" ]; then echo "ok - $lang $c as mojibake: -> $got"; else echo "not ok - $lang $c as mojibake: '$m' -> ${got:-no answer}, want $want"; fi
		fi
	done
done
if [ "$translated" -eq 0 ]; then
	echo "skip - explain-l10n: no language gave a translated text (locales or libc.mo missing)"
else
	echo "ok - explain-l10n: $translated translated texts measured"
fi
exit 0
