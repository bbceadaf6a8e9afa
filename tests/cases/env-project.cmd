# env in a fake project: a PATH whose 'node' is not a Node executable, two lockfiles,
# Electron 31 in node_modules, .npmrc in the project and in HOME, npm_config_* in the
# environment.  Lines that describe the real machine (CPU, libc) are normalised.
D=$WORK/env-project; rm -rf "$D"; mkdir -p "$D/bin" "$D/home" "$D/p/node_modules/electron"
printf '#!/bin/sh\necho fake\n' > "$D/bin/node"; chmod +x "$D/bin/node"
: > "$D/p/package-lock.json"; : > "$D/p/yarn.lock"
printf '{"name":"electron","version":"31.2.0"}\n' > "$D/p/node_modules/electron/package.json"
printf 'build-from-source=true\n# comment\nregistry=https://example.invalid/\nTarget_Arch = arm64\n' > "$D/p/.npmrc"
printf 'nodedir=/opt/node-headers\n' > "$D/home/.npmrc"
cd "$D/p" && env -i PATH="$D/bin" HOME="$D/home" npm_config_libc=musl npm_config_runtime=electron npm_config_loglevel=silly "$AD" env | sed -e '/^This machine/,/^Project/s/^\(  [A-Za-z()]*[A-Za-z() ]*[A-Za-z)] \)  *.*/\1<host>/'
echo "exit $?"
cd "$D/p" && env -i PATH="$D/bin" HOME="$D/home" "$AD" env --json | sed -e 's/"host":{[^}]*}/"host":<host>/'
"$AD" env extra; echo "exit $?"
