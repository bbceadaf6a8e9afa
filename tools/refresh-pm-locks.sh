#!/bin/sh
# refresh-pm-locks.sh - regenerates the lockfiles of tests/real/scan-truth-pm/locks/
# (read by tests/t/scan-truth-pm.sh) from tests/real/scan-truth-pm/package.json,
# with the package managers that suite uses, resolved against the npm
# registry now:
#   pnpm-lock.yaml  pnpm 10.34.9 install --lockfile-only (pnpm 9 reads it too)
#   yarn1.lock      yarn 1.22.22 install --ignore-scripts --ignore-engines
#   yarn4.lock      yarn 4.18.1 (@yarnpkg/cli-dist) install --mode=update-lockfile
#   bun.lock        bun 1.4.5 install --lockfile-only
# The package managers are those the suite caches in
# ~/.cache/addon-doctor-tests/pm/tools and .../runtimes (run the suite once
# first); their stores stay in the cache.  Nothing of the packages runs.
# Review the diff before committing: a newer transitive version changes what
# the suite tests.
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
SRC=$ROOT/tests/real/scan-truth-pm
BASE=${AD_TEST_CACHE:-$HOME/.cache/addon-doctor-tests}
PM=$BASE/pm
RT=${AD_RUNTIME_CACHE:-$BASE/runtimes}
export XDG_CACHE_HOME="$PM/xdg/cache" XDG_DATA_HOME="$PM/xdg/data" \
	XDG_CONFIG_HOME="$PM/xdg/config" XDG_STATE_HOME="$PM/xdg/state" \
	BUN_INSTALL_CACHE_DIR="$PM/store/bun" YARN_ENABLE_TELEMETRY=0 YARN_ENABLE_GLOBAL_CACHE=0
PNPM=$PM/tools/pnpm-10.34.9/package/bin/pnpm.cjs
YARN1=$PM/tools/yarn-1.22.22/package/bin/yarn.js
YARN4=$PM/tools/yarnpkg-cli-dist-4.18.1/package/bin/yarn.js
BUN=$RT/oven-bun-linux-x64-1.4.5/package/bin/bun
for f in "$PNPM" "$YARN1" "$YARN4" "$BUN"; do
	[ -f "$f" ] || { echo "refresh-pm-locks: $f missing: run tests/t/scan-truth-pm.sh once" >&2; exit 1; }
done
G=$(mktemp -d "$PM/.locks.XXXXXX")
trap 'rm -rf "$G"' EXIT
for d in pnpm yarn1 yarn4 bun; do mkdir "$G/$d" && cp "$SRC/package.json" "$G/$d/"; done
(cd "$G/pnpm" && node "$PNPM" install --lockfile-only --store-dir "$PM/store/pnpm")
(cd "$G/yarn1" && node "$YARN1" install --ignore-scripts --ignore-engines --cache-folder "$PM/store/yarn1" --non-interactive)
printf 'nodeLinker: node-modules\nenableGlobalCache: false\ncacheFolder: %s\nenableScripts: false\nenableTelemetry: false\n' \
	"$PM/store/yarn4" >"$G/yarn4/.yarnrc.yml"
(cd "$G/yarn4" && touch yarn.lock && node "$YARN4" install --mode=update-lockfile)
(cd "$G/bun" && "$BUN" install --lockfile-only)
cp "$G/pnpm/pnpm-lock.yaml" "$SRC/locks/pnpm-lock.yaml"
cp "$G/yarn1/yarn.lock" "$SRC/locks/yarn1.lock"
cp "$G/yarn4/yarn.lock" "$SRC/locks/yarn4.lock"
cp "$G/bun/bun.lock" "$SRC/locks/bun.lock"
echo "refresh-pm-locks: wrote $SRC/locks/"
