#!/bin/sh
# refresh-codepages.sh - regenerates data/console-codepages.tsv: the
# characters of the Windows console (OEM) code pages 850 and 437 for bytes
# 0x80..0xff, as the Unicode Consortium's mapping tables define them
# (https://www.unicode.org/Public/MAPPINGS/VENDORS/MICSFT/PC/CP850.TXT,
# CP437.TXT), here taken from Python's codecs, which are generated from
# those tables.  Used to undo a paste whose UTF-8 a console showed in its
# code page ("N├úo foi poss├¡vel" for "Não foi possível").
#
#   tools/refresh-codepages.sh > data/console-codepages.tsv
#
# Run by hand, never at build time; review the diff.
set -eu
python3 - <<'PY'
print("# Windows console (OEM) code pages: the character of each byte 0x80..0xff,")
print("# 128 code points in hex, byte order.  Source: the Unicode Consortium's")
print("# MAPPINGS/VENDORS/MICSFT/PC/CP850.TXT and CP437.TXT, via Python's codecs")
print("# (tools/refresh-codepages.sh).  850 is the console's page on Western")
print("# European and Latin American Windows (pt-BR, es, fr, de, it), 437 on US.")
print("# codepage\tcharacters")
for cp in ("850", "437"):
    s = bytes(range(0x80, 0x100)).decode("cp" + cp)
    print("cp%s\t%s" % (cp, " ".join("%04x" % ord(c) for c in s)))
PY
