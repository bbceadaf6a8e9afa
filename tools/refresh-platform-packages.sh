#!/bin/sh
# tools/refresh-platform-packages.sh - rewrites data/platform-packages.tsv
# from the npm registry: for each package below that ships its native
# binary as per-platform npm packages (the napi-rs / esbuild pattern), the
# optionalDependencies naming a platform, of every release, grouped by
# their common prefix.  explain reads the table to tell a platform package
# that exists but was not installed (missing-platform-package) from one
# that was never published (missing-prebuild: no build for that platform at
# all).  Run by hand (it needs the npm registry), never at build time; it
# reads registry metadata only, nothing is downloaded or run.
#
#   tools/refresh-platform-packages.sh [OUT]      (default data/platform-packages.tsv)
set -u
ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT=${1:-$ROOT/data/platform-packages.tsv}
command -v npm >/dev/null || { echo "refresh-platform-packages: npm not found" >&2; exit 2; }
command -v node >/dev/null || { echo "refresh-platform-packages: node not found" >&2; exit 2; }

# Packages people meet in load errors (tests/explain/*.tsv), whose loader
# requires a per-platform package.
PACKAGES="esbuild @swc/core @swc/html @swc/css next rollup rolldown lightningcss @parcel/watcher
@tailwindcss/oxide @rspack/binding @biomejs/biome turbo @napi-rs/canvas @napi-rs/keyring @napi-rs/image
@node-rs/bcrypt @node-rs/argon2 @node-rs/jieba @node-rs/xxhash @node-rs/crc32 sharp libsql vectordb
@lancedb/lancedb @tauri-apps/cli @sentry/cli @ast-grep/napi @resvg/resvg-js oxc-parser oxc-resolver
unrs-resolver oxlint bun @typescript/native-preview @vscode/vsce-sign snappy nx lefthook @ast-grep/cli
@node-rs/jsonwebtoken @napi-rs/pinyin @node-rs/deno-lint @farmfe/core oxfmt oxc-transform oxc-minify @parcel/css
@napi-rs/simple-git @napi-rs/lzma"

tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
cat >"$tmp/read.js" <<'JS'
// The abbreviated metadata of every release (application/vnd.npm.install-v1+json):
// the union of their optionalDependencies, so that a platform an older
// release published counts as published.
const reg = process.env.REGISTRY.replace(/\/?$/, '/');
const os = /(^|[-/.])(darwin|linux|win32|windows|freebsd|openbsd|netbsd|android|sunos|aix|wasm32)([-.]|$)/;
(async () => {
	for (const name of process.argv.slice(2)) {
		let j;
		try {
			const r = await fetch(reg + name.replace('/', '%2f'), { headers: { accept: 'application/vnd.npm.install-v1+json' } });
			if (!r.ok) { console.error(`refresh-platform-packages: ${name}: HTTP ${r.status}`); continue; }
			j = await r.json();
		} catch (e) { console.error(`refresh-platform-packages: ${name}: ${e.message}`); continue; }
		const latest = (j['dist-tags'] || {}).latest;
		// each platform package's prefix is the text before its OS word
		// ("@esbuild/" + "linux-x64", and the older "esbuild-" + "linux-64")
		const byPrefix = new Map();
		for (const v of Object.values(j.versions || {}))
			for (const d of Object.keys(v.optionalDependencies || {})) {
				const bare = d.replace(/^@[^/]*\//, ''), m = os.exec(bare);
				if (!m) continue;
				const at = d.length - bare.length + m.index + m[1].length;
				const pre = d.slice(0, at), sfx = d.slice(at);
				if (!pre || !sfx) continue;
				if (!byPrefix.has(pre)) byPrefix.set(pre, new Set());
				byPrefix.get(pre).add(sfx);
			}
		const stem = name.replace(/^@[^/]*\//, '');
		for (const [pre, sfx] of byPrefix)
			if (sfx.size >= 2)
				process.stdout.write(`${pre}\t${name}@${latest}\t${stem}\t${[...sfx].sort().join(' ')}\n`);
	}
})();
JS
REGISTRY=$(npm config get registry 2>/dev/null || echo https://registry.npmjs.org/)
# shellcheck disable=SC2086 # one argument per package
REGISTRY=$REGISTRY node "$tmp/read.js" $PACKAGES >"$tmp/rows" || exit 1
[ -s "$tmp/rows" ] || { echo "refresh-platform-packages: nothing read from $REGISTRY" >&2; exit 1; }
{
	echo "# Per-platform npm packages of packages whose loader requires one (the napi-rs /"
	echo "# esbuild pattern): every platform any of their releases published.  Source: the"
	echo "# npm registry's metadata of every release (the optionalDependencies naming an"
	echo "# OS), read on $(date -u +%Y-%m-%d) by tools/refresh-platform-packages.sh (rerun it to refresh)."
	echo "# explain (src/explain/platform_packages.c): a text that names only platform"
	echo "# packages of a row that are not in its list asks for a platform the package never"
	echo "# published (missing-prebuild), not one npm failed to install."
	echo "# Columns: prefix of the platform packages <TAB> package@latest version <TAB> stem of"
	echo "# the napi-rs local file (<stem>.<platform>.node) <TAB> platforms published (space-separated)"
	sort -u "$tmp/rows"
} >"$OUT.tmp" && mv "$OUT.tmp" "$OUT"
echo "refresh-platform-packages: $(grep -vc '^#' "$OUT") rows in $OUT"
