#!/bin/sh
# pe-readobj.sh - every PE fixture (and every PE among the real addons
# cached by real-packages.sh) read by `$AD inspect --json --symbols` must agree with
# llvm-readobj-14 --file-headers --coff-imports --coff-exports on: machine,
# PE32/PE32+, DLL flag, the import and delay-import DLL lists, the names
# imported from each DLL (and how many by ordinal), and the exported names
# (and how many are exported by ordinal only).  One ok/not ok per file.
set -u
READOBJ=$(command -v llvm-readobj-14 || command -v llvm-readobj || true)
PY=$(command -v python3 || true)
# pyenv shims cost ~1 s a start: run the interpreter they resolve to.
[ -n "$PY" ] && PY=$("$PY" -c 'import sys; print(sys.executable)' 2>/dev/null || echo "$PY")
if [ -z "$READOBJ" ] || [ -z "$PY" ]; then
	echo "skip - pe-readobj: llvm-readobj-14 or python3 missing"; exit 0
fi
if ! ls "$FX"/pe/*.node >/dev/null 2>&1; then
	echo "skip - pe-readobj: no PE fixtures (tests/fixtures/pe.sh skipped)"; exit 0
fi
D=$WORK/pe-readobj
rm -rf "$D" && mkdir -p "$D"
# Real Windows addons and DLLs fetched by real-packages.sh, when cached.
CACHE=${AD_TEST_CACHE:-${HOME:-/tmp}/.cache/addon-doctor-tests/npm}
: >"$D/real.list"
if [ -d "$CACHE/pkg" ]; then
	find "$CACHE/pkg" -type f \( -name '*.node' -o -name '*.dll' \) | sort | while IFS= read -r f; do
		[ "$(head -c 2 "$f")" = MZ ] && printf '%s\n' "$f"
	done >"$D/real.list"
fi
{ for f in "$FX"/pe/*.node "$FX"/pe/*.dll "$FX"/pe/*.exe; do [ -e "$f" ] && printf '%s\n' "$f"; done
  cat "$D/real.list"; } >"$D/files"
# One run of each tool over all files: starting them costs more than reading.
tr '\n' '\0' <"$D/files" | xargs -0 "$READOBJ" --file-headers --coff-imports --coff-exports >"$D/readobj" 2>"$D/readobj.err"
tr '\n' '\0' <"$D/files" | xargs -0 "$AD" inspect --json --symbols >"$D/json" 2>"$D/json.err"
"$PY" - "$D/files" "$D/readobj" "$D/json" "$CACHE/pkg/" <<'PYEOF'
import json, re, sys
files = open(sys.argv[1]).read().splitlines()
ro_all = open(sys.argv[2]).read().splitlines()
js_all = {}
for l in open(sys.argv[3]):
    j = json.loads(l)
    js_all[j["path"]] = j
cache = sys.argv[4]
ro_by = {}
cur = None
for line in ro_all:
    if line.startswith("File: "):
        cur = line[6:]; ro_by[cur] = []
    elif cur is not None:
        ro_by[cur].append(line)

def check(path, ro, js, name):
    want = {"imports": {}, "delay": {}, "exports": [], "exports_noname": 0}
    block, cur, exp = None, None, None
    for line in ro:
        s = line.strip()
        if line.startswith("Import {"): block = "imports"; cur = None
        elif line.startswith("DelayImport {"): block = "delay"; cur = None
        elif line.startswith("Export {"): block = "export"; exp = {}
        elif line.startswith("}"):
            if block == "export" and exp is not None and exp.get("rva", 0) != 0:
                if exp.get("name"): want["exports"].append(exp["name"])
                else: want["exports_noname"] += 1
            block = None
        m = re.match(r"Machine: .*\((0x[0-9A-Fa-f]+)\)", s)
        if m: want["machine"] = int(m.group(1), 16)
        m = re.match(r"Magic: (0x[0-9A-Fa-f]+)", s)
        if m and block is None: want["plus"] = int(m.group(1), 16) == 0x20B
        if s.startswith("IMAGE_FILE_DLL"): want["dll"] = True
        if block in ("imports", "delay"):
            m = re.match(r"Name: (.*)", s)
            if m and cur is None:
                cur = m.group(1); want[block].setdefault(cur, [])
            m = re.match(r"Symbol: (.*) \((\d+)\)$", s)
            if m: want[block][cur].append(m.group(1) if m.group(1) else "#" + m.group(2))
        if block == "export":
            m = re.match(r"Name: ?(.*)", s)
            if m: exp["name"] = m.group(1)
            m = re.match(r"RVA: (0x[0-9A-Fa-f]+)", s)
            if m: exp["rva"] = int(m.group(1), 16)

    got = {"imports": {}, "delay": {}, "exports": [], "exports_noname": 0}
    for lib in js["libraries"]:
        got["delay" if lib["kind"] == "delay" else "imports"].setdefault(lib["name"], [])
    for s in js["symbols"]:
        if s["defined"]:
            if s["name"] is None: got["exports_noname"] += 1
            else: got["exports"].append(s["name"])
        else:
            k = "delay" if s.get("delay") else "imports"
            got[k].setdefault(s["library"], []).append(s["name"] if s["name"] is not None else "#")
    # readobj prints the ordinal; the JSON has none: compare "#" counts.
    for k in ("imports", "delay"):
        for dll in want[k]:
            want[k][dll] = sorted(x if not x.startswith("#") else "#" for x in want[k][dll])
        for dll in got[k]:
            got[k][dll] = sorted(got[k][dll])

    bad = []
    if js["pe"]["machine"] != want.get("machine"): bad.append("machine %s vs %s" % (js["pe"]["machine"], want.get("machine")))
    if js["pe"]["pe32plus"] != want.get("plus"): bad.append("pe32plus")
    if (js["bits"] == 64) != want.get("plus"): bad.append("bits")
    if (js["filetype"] == "dll") != want.get("dll", False): bad.append("filetype " + str(js["filetype"]))
    for k in ("imports", "delay"):
        if got[k] != want[k]: bad.append("%s: got %s want %s" % (k, got[k], want[k]))
    if sorted(got["exports"]) != sorted(want["exports"]): bad.append("exports: got %s want %s" % (got["exports"], want["exports"]))
    if got["exports_noname"] != want["exports_noname"]: bad.append("ordinal-only exports: got %d want %d" % (got["exports_noname"], want["exports_noname"]))
    if js["notes"]: bad.append("unexpected notes: %s" % js["notes"])
    nimp = sum(len(v) for v in want["imports"].values()) + sum(len(v) for v in want["delay"].values())
    if bad:
        print("not ok - pe-readobj %s" % name)
        for b in bad: print("#   " + b)
    else:
        print("ok - pe-readobj %s: machine 0x%x, %d DLLs, %d imports, %d exports" % (name, want["machine"],
              len(want["imports"]) + len(want["delay"]), nimp, len(want["exports"]) + want["exports_noname"]))

for path in files:
    name = "real:" + path[len(cache):] if path.startswith(cache) else path.rsplit("/", 1)[-1]
    if path not in ro_by:
        print("not ok - pe-readobj %s: llvm-readobj printed nothing for it" % name); continue
    if path not in js_all or js_all[path].get("error"):
        print("not ok - pe-readobj %s: no inspect JSON (%s)" % (name, js_all.get(path, {}).get("error"))); continue
    check(path, ro_by[path], js_all[path], name)
PYEOF
