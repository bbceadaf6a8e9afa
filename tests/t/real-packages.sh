#!/bin/sh
# real-packages.sh - truth from outside: real npm packages' prebuilt addons.
#
# tests/real/packages.tsv lists exact package versions and, for every binary
# in each tarball, the facts the package's own naming states (platform, arch,
# libc, Node-API vs ABI-specific, NODE_MODULE_VERSION).  This fetches them
# (tools/fetch-real-packages.sh, cached outside the repo), runs
# `$AD inspect --json` on every file and prints one ok / not ok line per
# (file, fact), then checks that no inspected file was modified.
# No registry and an empty cache: "skip" lines, not failures.
# Ends with "# real files: N, facts checked: M, agree: K".
set -u
LIST=$ROOT/tests/real/packages.tsv
CACHE=${AD_TEST_CACHE:-${HOME:-/tmp}/.cache/addon-doctor-tests/npm}
export AD_TEST_CACHE=$CACHE
OUT=$WORK/real
mkdir -p "$OUT"

command -v node >/dev/null || { echo "skip - real-packages: node (used to read the JSON) not installed"; exit 0; }
if command -v npm >/dev/null; then
	"$ROOT/tools/fetch-real-packages.sh" "$LIST" >"$OUT/fetch.log" 2>&1
	grep '^failed' "$OUT/fetch.log" | sed 's/^/# /'
else
	echo "# npm not installed: using whatever is cached in $CACHE"
fi

# Files present in the cache, as "spec<TAB>relpath<TAB>abspath".
: >"$OUT/files.tsv"
grep -v '^#' "$LIST" | cut -f1,2 | while IFS='	' read -r spec rel; do
	[ -n "$spec" ] || continue
	safe=$(printf '%s' "$spec" | tr '/' '+')
	f=$CACHE/pkg/$safe/package/$rel
	if [ -f "$CACHE/pkg/$safe/.complete" ] && [ -f "$f" ]; then
		printf '%s\t%s\t%s\n' "$spec" "$rel" "$f" >>"$OUT/files.tsv"
	elif [ -f "$CACHE/pkg/$safe/.complete" ]; then
		printf 'not ok - real: %s %s: listed but not in the tarball\n' "$spec" "$rel"
	fi
done
for spec in $(grep -v '^#' "$LIST" | cut -f1 | sort -u); do
	safe=$(printf '%s' "$spec" | tr '/' '+')
	[ -f "$CACHE/pkg/$safe/.complete" ] || echo "skip - real: $spec not fetched (registry unreachable?)"
done
[ -s "$OUT/files.tsv" ] || { echo "# real files: 0, facts checked: 0, agree: 0"; exit 0; }

# Fingerprint every file before, to prove inspection modified nothing.
fingerprint() { cut -f3 "$OUT/files.tsv" | while IFS= read -r f; do
	printf '%s %s\n' "$(stat -c '%s %Y %a' "$f")" "$(sha256sum <"$f" | cut -c1-64)"; done; }
fingerprint >"$OUT/before"

# Many files per run (fast even under ASan), 60 at a time to keep argv short.
: >"$OUT/inspect.jsonl"; : >"$OUT/inspect.err"; bad_rc=""
cut -f3 "$OUT/files.tsv" | xargs -d '\n' -n 60 sh -c '
	timeout 120 "$0" inspect --json "$@"; rc=$?
	[ $rc -eq 0 ] || [ $rc -eq 2 ] || echo "exit $rc" >&2' "$AD" >>"$OUT/inspect.jsonl" 2>>"$OUT/inspect.err"
if grep -q 'ERROR: AddressSanitizer\|runtime error:\|^exit ' "$OUT/inspect.err"; then
	echo "not ok - real: inspect crashed, sanitizer report, or exit status other than 0/2"
	grep -m5 'ERROR: AddressSanitizer\|runtime error:\|^exit ' "$OUT/inspect.err" | sed 's/^/# /'
else
	echo "ok - real: inspect ran on every file without a sanitizer report, exit 0 or 2"
fi

fingerprint >"$OUT/after"
if cmp -s "$OUT/before" "$OUT/after"; then
	echo "ok - real: no inspected file was modified (size, mtime, mode, sha256)"
else
	echo "not ok - real: an inspected file changed"; diff "$OUT/before" "$OUT/after" | head -5 | sed 's/^/# /'
fi

node - "$LIST" "$OUT/files.tsv" "$OUT/inspect.jsonl" <<'JS'
const fs = require('fs');
const [list, filesTsv, jsonl] = process.argv.slice(2);
const expect = new Map();
for (const line of fs.readFileSync(list, 'utf8').split('\n')) {
	if (!line || line[0] === '#') continue;
	const [spec, rel, facts, why, investigated] = line.split('\t');
	expect.set(spec + '\t' + rel, { facts, why, investigated });
}
const byPath = new Map();
for (const line of fs.readFileSync(jsonl, 'utf8').split('\n')) {
	if (!line.trim()) continue;
	let o;
	try { o = JSON.parse(line); } catch (e) { console.log(`not ok - real: inspect printed a line that is not JSON: ${line.slice(0, 120)}`); continue; }
	byPath.set(o.path, o);
}
let files = 0, checked = 0, agree = 0, nameWrong = 0, unknown = 0;
const str = v => v === undefined ? 'absent' : JSON.stringify(v);
for (const line of fs.readFileSync(filesTsv, 'utf8').split('\n')) {
	if (!line) continue;
	const [spec, rel, abs] = line.split('\t');
	const e = expect.get(spec + '\t' + rel);
	const o = byPath.get(abs);
	files++;
	const name = `${spec} ${rel}`;
	for (const kv of e.facts.split(' ')) {
		// key=NAMEVALUE!TRUTH: the name says NAMEVALUE, but column 5 records
		// an investigation (readelf / llvm tools) showing TRUTH; assert TRUTH.
		const [k, spec2] = kv.split('=');
		const [nameSays, truth] = spec2.split('!');
		const want = truth === undefined ? nameSays : truth;
		if (truth !== undefined) nameWrong++;
		checked++;
		let got, ok;
		if (!o) { got = 'no JSON object for this file'; ok = false; }
		else if (o.error) { got = `error: ${o.error}`; ok = false; }
		else {
			// A universal file's per-architecture facts live in its slices:
			// the fact holds when every slice agrees.
			const slices = Array.isArray(o.slices) && o.slices.length ? o.slices : null;
			const each = f => slices && (o[f] === undefined || o[f] === null) ? slices.map(s => s[f]) : [o[f]];
			switch (k) {
			case 'format': got = o.format; ok = got === want; break;
			case 'universal': {
				const archs = (slices || []).map(s => s.arch).sort();
				got = o.universal === true ? `universal with slices ${archs.join(',') || '(none)'}` : `universal=${str(o.universal)}`;
				ok = o.universal === true && archs.join(',') === want.split(',').sort().join(',');
				break;
			}
			case 'bits': case 'abi': { const g = each(k); got = g.map(str).join(','); ok = g.every(x => want === 'none' ? (x === null || x === undefined) : x === Number(want)); break; }
			case 'kind': {
				const g = each('addon_kind'); got = g.map(str).join(',');
				ok = g.every(x => want === 'abi' ? (x === 'abi' || x === 'legacy') : x === want);
				break;
			}
			default: { const g = each(k); got = g.map(str).join(','); ok = g.every(x => x === want); }
			}
		}
		const note = truth === undefined ? '' : ` (the name says ${nameSays}; investigated, see packages.tsv)`;
		// "unknown" is not a wrong answer, but it is no confirmation either:
		// the tool found no OS evidence in the file (no needed libc, no OS
		// note) and says so rather than guessing.  Shown as a skip with its
		// reason, never counted as agreement.
		if (!ok && k === 'os' && o && !o.error && o.os === null) {
			unknown++;
			console.log(`skip - real: ${name}: os: tool says unknown (no OS evidence in the file), ${e.why} says ${want}`);
			continue;
		}
		if (ok) { agree++; console.log(`ok - real: ${name}: ${k}=${want}${note}`); }
		else console.log(`not ok - real: ${name}: ${k}: tool says ${got}, ${truth === undefined ? e.why : 'investigation'} says ${want}${note}`);
	}
}
console.log(`# real files: ${files}, facts checked: ${checked}, agree: ${agree}, tool says unknown: ${unknown}` +
	(nameWrong ? ` (${nameWrong} facts where the name misleads, checked against the investigated truth)` : ''));
JS
