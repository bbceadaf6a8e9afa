#!/bin/sh
# refresh-glibc-messages.sh - regenerates data/glibc-messages.tsv: glibc's
# own translations (libc.mo of Debian's libc-l10n) of the loader texts
# dlerror() and ld.so print for a shared object that cannot be loaded, and
# of the strerror texts that follow them.
#
# Why: glibc passes the loader's error string and the errno text through
# gettext, so a process that has called setlocale(LC_ALL, "") on a desktop
# in another language gets "/x.node: não é possível abrir arquivo
# compartilhado: Arquivo ou diretório inexistente" from dlerror() where
# "cannot open shared object file: No such file or directory" would stand.
# `explain` (src/explain/l10n.c) rewrites these back to English before its
# matchers run.  Texts glibc never translates ("undefined symbol: %s",
# "version `%s' not found (required by %s)") are not in libc.pot and so not
# here.  Run by hand, never at build time.
#
#   tools/refresh-glibc-messages.sh [LIBC_L10N.deb | ROOT] > data/glibc-messages.tsv
#
# Default input: Debian's libc-l10n fetched with `apt-get download` (the
# candidate version of this machine's apt sources); a .deb is unpacked with
# dpkg -x; a directory is taken as an unpacked root (/ for the installed
# package).  Needs python3 (its gettext module reads .mo files).
set -eu
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
src=${1:-}
if [ -z "$src" ]; then
	(cd "$tmp" && apt-get download libc-l10n >/dev/null 2>&1) || { echo "refresh-glibc-messages: apt-get download libc-l10n failed" >&2; exit 2; }
	src=$(ls "$tmp"/libc-l10n_*.deb)
fi
if [ -f "$src" ]; then
	ver=$(dpkg-deb -f "$src" Version)
	dpkg -x "$src" "$tmp/root"
	root=$tmp/root
	what="$(dpkg-deb -f "$src" Package) $ver ($(basename "$src"))"
else
	root=$src
	ver=$(dpkg-query -W -f='${Version}' libc-l10n 2>/dev/null || echo unknown)
	what="libc-l10n $ver (unpacked at $root)"
fi
ls "$root"/usr/share/locale/*/LC_MESSAGES/libc.mo >/dev/null 2>&1 || { echo "refresh-glibc-messages: no libc.mo under $root/usr/share/locale" >&2; exit 2; }

cat <<HDR
# glibc's translations of its shared-object loading errors (lang, English
# msgid, translation), one row per language and text, tab-separated.
# Source: every usr/share/locale/<lang>/LC_MESSAGES/libc.mo of Debian's
# $what, read with python3's gettext module;
# regenerate with tools/refresh-glibc-messages.sh.  Texts: the error
# strings of glibc's elf/dl-load.c, dl-open.c, dl-reloc.c, dl-tls.c,
# dl-lookup.c, dl-version.c and rtld.c that dlerror() and ld.so print for an
# object, and the strerror texts that follow them.  Left out: translations
# identical to English, ones containing a tab or line break, ones that occur
# inside an English text of the list (they could rewrite English), and a
# translation that stands for two different English texts in the list
# (which one it was cannot be told).  src/explain/l10n.c rewrites them to
# English; a msgid with printf conversions is matched fragment by fragment.
HDR
python3 - "$root" <<'PY'
import gettext, glob, os, sys

root = sys.argv[1]
# The msgids, exactly as in libc.pot (checked against the catalogs: a msgid
# no catalog has is reported and left out, never guessed).
MSGIDS = [
    # elf/dl-load.c, _dl_map_object and _dl_map_object_from_fd
    "cannot open shared object file",
    "cannot create shared object descriptor",
    "cannot enable executable stack as shared object requires",
    "file too short",
    "invalid ELF header",
    "wrong ELF class: ELFCLASS32",
    "wrong ELF class: ELFCLASS64",
    "ELF file data encoding not big-endian",
    "ELF file data encoding not little-endian",
    "ELF file version ident does not match current one",
    "ELF file OS ABI invalid",
    "ELF file ABI version invalid",
    "nonzero padding in e_ident",
    "ELF file version does not match current one",
    "only ET_DYN and ET_EXEC can be loaded",
    "cannot dynamically load executable",
    "cannot dynamically load position-independent executable",
    "ELF file's phentsize not the expected size",
    "ELF load command address/offset not page-aligned",
    "ELF load command alignment not page-aligned",
    "ELF load command address/offset not properly aligned",
    "cannot read file data",
    "cannot allocate memory for program header",
    "cannot stat shared object",
    "cannot close file descriptor",
    "object file has no loadable segments",
    "object file has no dynamic section",
    "shared object cannot be dlopen()ed",
    "failed to map segment from shared object",
    "cannot map zero-fill pages",
    "cannot change memory protections",
    "cannot create TLS data structures",
    # elf/dl-reloc.c, dl-tls.c
    "cannot allocate memory in static TLS block",
    "cannot make segment writable for relocation",
    "cannot restore segment prot after reloc",
    "cannot apply additional memory protection after relocation",
    # elf/dl-lookup.c, dl-version.c, rtld.c, dl-error
    "symbol lookup error",
    "version lookup error",
    "cannot allocate version reference table",
    "error while loading shared libraries",
    "rebuild shared object with IBT support enabled",
    "rebuild shared object with SHSTK support enabled",
    # strerror texts after "<object>: <error>: "
    "No such file or directory",
    "Permission denied",
    "Operation not permitted",
    "Invalid argument",
    "Cannot allocate memory",
    "Exec format error",
    "Accessing a corrupted shared library",
    "Can not access a needed shared library",
    "Cannot exec a shared library directly",
]
cats = {}
for mo in sorted(glob.glob(os.path.join(root, "usr/share/locale/*/LC_MESSAGES/libc.mo"))):
    lang = mo.split(os.sep)[-3]
    with open(mo, "rb") as f:
        cats[lang] = gettext.GNUTranslations(f)._catalog
for m in MSGIDS:
    if not any(m in c for c in cats.values()):
        print("refresh-glibc-messages: no catalog has %r: left out" % m, file=sys.stderr)
rows = []
for lang in sorted(cats):
    for m in MSGIDS:
        t = cats[lang].get(m)
        if not t or t == m or "\t" in t or "\n" in t or "\r" in t:
            continue
        if any(t in e for e in MSGIDS):
            continue
        rows.append((lang, m, t))
means = {}
for lang, m, t in rows:
    means.setdefault(t, set()).add(m)
dropped = 0
for lang, m, t in rows:
    if len(means[t]) > 1:
        dropped += 1
        continue
    print("%s\t%s\t%s" % (lang, m, t))
print("refresh-glibc-messages: %d rows, %d languages, %d ambiguous rows left out"
      % (len(rows) - dropped, len({r[0] for r in rows}), dropped), file=sys.stderr)
PY
