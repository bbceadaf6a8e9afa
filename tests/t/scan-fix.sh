#!/bin/sh
# scan-fix.sh - `scan --fix` with a fake npm first on PATH that logs its
# working directory and each argument, and "rebuilds" by copying a good
# addon over the bad one:
#   - the command is shown, run in the project directory with the exact
#     argument vector, and the re-check reports the change; exit 0;
#   - without --fix nothing is run;
#   - a failing command: its exit status is reported, the re-check says
#     nothing changed, exit 1;
#   - a package name that is not a valid npm name (shell metacharacters,
#     options such as --script-shell=..., -g, @x/../../y) or does not sit at
#     node_modules/<name> (a nested sub/package.json) is never passed to the
#     package manager and the plan says so; names follow a "--";
#   - a relative PATH entry (".", node_modules/.bin) never supplies the npm
#     that runs;
#   - fixes for another system are printed, not run;
#   - --fix with --json is a usage error.
set -u
[ -f "$FX/scan/nan108.node" ] && [ -f "$FX/scan/napi.node" ] || { echo "skip - scan-fix: scan fixtures missing"; exit 0; }
command -v node >/dev/null 2>&1 || { echo "skip - scan-fix: no node on PATH to be the target"; exit 0; }
W=$WORK/scan-fix
rm -rf "$W"
mkdir -p "$W/bin"
LOG=$W/npm.log

# project NAME PKGNAME: a project whose one addon was built for ABI 108
project() {
	P=$W/$1
	mkdir -p "$P/node_modules/$1mod/build/Release"
	printf '{"name":"%s","version":"1.0.0"}\n' "$1" >"$P/package.json"
	printf '{"name":"%s","lockfileVersion":3,"packages":{}}\n' "$1" >"$P/package-lock.json"
	printf '{"name":"%s","version":"1.0.0"}\n' "$2" >"$P/node_modules/$1mod/package.json"
	cp "$FX/scan/nan108.node" "$P/node_modules/$1mod/build/Release/m.node"
}

# fake npm: FAKE_RC decides its exit status; 0 also "rebuilds"
cat >"$W/bin/npm" <<EOF
#!/bin/sh
{ echo "cwd=\$PWD"; for a in "\$@"; do echo "arg=\$a"; done; } >>"$LOG"
[ "\${FAKE_RC:-0}" = 0 ] || exit "\$FAKE_RC"
for f in \$(find "\$PWD/node_modules" -name m.node); do cp "$FX/scan/napi.node" "\$f"; done
EOF
chmod +x "$W/bin/npm"
RUN() { PATH="$W/bin:$PATH" "$AD" scan "$@" >"$W/out" 2>"$W/err"; echo $? >"$W/rc"; }
has() { grep -qF -- "$1" "$W/out"; }

# 1. the fix runs and the re-check sees it
project good goodmod
rm -f "$LOG"
RUN "$W/good"
if [ "$(cat "$W/rc")" = 1 ] && [ ! -e "$LOG" ] && has 'npm rebuild -- goodmod'; then
	echo "ok - scan-fix: without --fix the plan is printed, nothing is run (exit 1)"
else
	echo "not ok - scan-fix: without --fix: rc $(cat "$W/rc"), log $( [ -e "$LOG" ] && echo present || echo absent)"
fi
RUN --fix "$W/good"
if [ "$(cat "$W/rc")" = 0 ] && has '$ npm rebuild -- goodmod' && has 'fails: abi-mismatch -> loads' &&
   has 'no problems remain' && [ "$(cat "$LOG")" = "$(printf 'cwd=%s\narg=rebuild\narg=--\narg=goodmod' "$W/good")" ]; then
	echo "ok - scan-fix: --fix shows and runs 'npm rebuild -- goodmod' in the project, re-check: abi-mismatch -> loads, exit 0"
else
	echo "not ok - scan-fix: --fix: rc $(cat "$W/rc")"; sed 's/^/#   /' "$W/out" "$LOG" | tail -20
fi

# 2. a failing command
project bad badmod
rm -f "$LOG"
FAKE_RC=3 RUN --fix "$W/bad"
if [ "$(cat "$W/rc")" = 1 ] && has '(exit status 3)' && has 'nothing changed' && has '1 of 1 command failed'; then
	echo "ok - scan-fix: a failing command: its status is shown, nothing changed, exit 1"
else
	echo "not ok - scan-fix: failing command: rc $(cat "$W/rc")"; sed 's/^/#   /' "$W/out" | tail -12
fi

# 3. hostile package names: none reaches npm, the plan names each as left out
for bad in 'a;touch pwned' '--script-shell=/tmp/pwn.sh' '-g' '@x/../../y' '$(touch pwned2)' '.hidden' 'a b'; do
	rm -rf "$W/evil"
	project evil "$bad"
	rm -f "$LOG"
	RUN --fix "$W/evil"
	if [ ! -e "$LOG" ] && [ ! -e "$W/evil/pwned" ] && [ ! -e "$W/evil/pwned2" ] && has 'left out:' &&
	   ! grep -q '^\$ npm' "$W/out"; then
		echo "ok - scan-fix: the package name '$bad' is never given to npm; the plan says it is left out"
	else
		echo "not ok - scan-fix: hostile name '$bad'"; sed 's/^/#   /' "$LOG" 2>/dev/null | head; grep -A3 'Fix plan' "$W/out" | sed 's/^/#   /'
	fi
done
# a valid name that is not where it sits: sub/package.json claiming "goodmod"
rm -rf "$W/nested"
project nested nestedmod
mkdir -p "$W/nested/node_modules/nestedmod/sub/build/Release"
printf '{"name":"victim","version":"1.0.0"}\n' >"$W/nested/node_modules/nestedmod/sub/package.json"
cp "$FX/scan/nan108.node" "$W/nested/node_modules/nestedmod/sub/build/Release/m.node"
rm -f "$LOG"
RUN --fix "$W/nested"
if ! grep -qx 'arg=victim' "$LOG" 2>/dev/null && has 'left out: victim' && grep -qx 'arg=nestedmod' "$LOG"; then
	echo "ok - scan-fix: a nested sub/package.json's name (not at node_modules/<name>) is left out; the real package is rebuilt"
else
	echo "not ok - scan-fix: nested package.json name"; sed 's/^/#   /' "$LOG" 2>/dev/null | head; grep -A6 'Fix plan' "$W/out" | sed 's/^/#   /'
fi
# a relative PATH entry with an npm in it never runs: the project's own
# node_modules/.bin/npm and ./npm would log to EVIL
rm -rf "$W/rel"
project rel relmod
mkdir -p "$W/rel/node_modules/.bin"
for f in "$W/rel/node_modules/.bin/npm" "$W/rel/npm"; do
	printf '#!/bin/sh\ntouch "%s/EVIL"\n' "$W/rel" >"$f"; chmod +x "$f"
done
rm -f "$LOG"
(cd "$W/rel" && PATH="node_modules/.bin:.::$W/bin:$PATH" "$AD" scan --fix . >"$W/out" 2>"$W/err")
if [ ! -e "$W/rel/EVIL" ] && grep -qx 'arg=relmod' "$LOG"; then
	echo "ok - scan-fix: relative PATH entries (node_modules/.bin, ., empty) are skipped; the absolute one's npm runs"
else
	echo "not ok - scan-fix: relative PATH: EVIL $( [ -e "$W/rel/EVIL" ] && echo created || echo absent)"; sed 's/^/#   /' "$W/out" | tail -5
fi

# 4. fixes for another system are printed, not run
project other othermod
rm -f "$LOG"
RUN --fix --target node@22/linux-arm64-musl "$W/other"
if [ ! -e "$LOG" ] && has 'not run:' && has 'nothing in the plan is for this machine'; then
	echo "ok - scan-fix: a plan for another system (linux-arm64-musl) is printed, nothing is run"
else
	echo "not ok - scan-fix: foreign target: rc $(cat "$W/rc"), log $( [ -e "$LOG" ] && cat "$LOG")"; sed 's/^/#   /' "$W/out" | tail -8
fi

# 5. --fix --json
RUN --fix --json "$W/other"
if [ "$(cat "$W/rc")" = 2 ] && grep -q -- '--fix' "$W/err"; then
	echo "ok - scan-fix: --fix with --json is a usage error (exit 2)"
else
	echo "not ok - scan-fix: --fix --json: rc $(cat "$W/rc")"
fi

# 6. only in a project's own directory, only package names
mkdir -p "$W/loose/sub/build/Release"
cp "$FX/scan/nan108.node" "$W/loose/sub/build/Release/m.node"
rm -f "$LOG"
RUN --fix "$W/loose"
if [ ! -e "$LOG" ] && has 'has no package.json'; then
	echo "ok - scan-fix: a directory without package.json: nothing is run"
else
	echo "not ok - scan-fix: no package.json: log $( [ -e "$LOG" ] && cat "$LOG")"
fi
printf '{"name":"loose","version":"1.0.0"}\n' >"$W/loose/package.json"
rm -rf "$W/loose/sub"
mkdir -p "$W/loose/build/Release"
cp "$FX/scan/nan108.node" "$W/loose/build/Release/m.node"
cp "$FX/scan/nan108.node" "$W/loose/stray.node"
rm -f "$LOG"
RUN --fix "$W/loose"
if ! grep -q 'arg=.*\.node' "$LOG" 2>/dev/null; then
	echo "ok - scan-fix: paths of files outside any package are never passed to the package manager"
else
	echo "not ok - scan-fix: loose file passed: $(cat "$LOG")"
fi

# 7. a node_modules copied from another machine whose package-lock.json lists
# the missing platform package: the plan is a clean install from the
# lockfile (npm ci), not deleting the lockfile; without the entry in the
# lockfile (npm/cli#4828) the lockfile has to go
if [ -d "$FX/scan/napi/node_modules/@s/core-linux-x64-gnu" ]; then
	for listed in yes no; do
		P=$W/copied-$listed
		rm -rf "$P" && cp -R "$FX/scan/napi" "$P"
		rm -rf "$P/node_modules/@s/core-linux-x64-gnu"
		if [ $listed = yes ]; then
			printf '{"name":"napi","lockfileVersion":3,"packages":{"node_modules/@s/core-linux-x64-gnu":{"version":"1.0.0","optional":true}}}\n' >"$P/package-lock.json"
		else
			printf '{"name":"napi","lockfileVersion":3,"packages":{}}\n' >"$P/package-lock.json"
		fi
		RUN --target node@20 "$P"
		if [ $listed = yes ]; then
			if has 'rm -rf node_modules && npm ci' && ! has 'rm -rf node_modules package-lock.json'; then
				echo "ok - scan-fix: a copied tree whose lockfile lists the platform package: npm ci, the lockfile stays"
			else
				echo "not ok - scan-fix: copied tree, lockfile lists it"; grep -A8 'Fix plan' "$W/out" | sed 's/^/#   /'
			fi
		else
			if has 'rm -rf node_modules package-lock.json && npm install'; then
				echo "ok - scan-fix: the lockfile lacks the platform package (npm/cli#4828): it is deleted and reinstalled"
			else
				echo "not ok - scan-fix: lockfile without it"; grep -A8 'Fix plan' "$W/out" | sed 's/^/#   /'
			fi
		fi
	done
fi

# 8. a junk .node inside a pure-JS package's test fixtures is nothing any
# loader loads: no problem, no plan, and --fix runs nothing (no npm ci)
P=$W/junk
rm -rf "$P" && mkdir -p "$P/node_modules/purejs/test/fixtures"
printf '{"name":"junk","version":"1.0.0"}\n' >"$P/package.json"
printf '{"name":"junk","lockfileVersion":3,"packages":{}}\n' >"$P/package-lock.json"
printf '{"name":"purejs","version":"1.0.0","main":"index.js"}\n' >"$P/node_modules/purejs/package.json"
printf 'module.exports = 1\n' >"$P/node_modules/purejs/index.js"
cp "$FX/scan/nan108.node" "$P/node_modules/purejs/test/fixtures/old.node"
rm -f "$LOG"
RUN --fix "$P"
if [ "$(cat "$W/rc")" = 0 ] && [ ! -e "$LOG" ] && ! has 'Fix plan'; then
	echo "ok - scan-fix: a test fixture .node in a pure-JS package is not used: no plan, nothing run, exit 0"
else
	echo "not ok - scan-fix: junk fixture: rc $(cat "$W/rc"), log $( [ -e "$LOG" ] && cat "$LOG" | tr '\n' ' ')"; sed 's/^/#   /' "$W/out" | head -12
fi
