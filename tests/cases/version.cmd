# --version and -V print "addon-doctor" and npm/package.json's version, the version's only home
v=$(sed -n 's/^ *"version": *"\([^"]*\)".*/\1/p' "$ROOT/npm/package.json")
for o in --version -V; do out=$($AD $o 2>&1); [ -n "$v" ] && [ "$out" = "addon-doctor $v" ] && echo "$o: addon-doctor <npm/package.json version>" || echo "$o: got '$out', package.json says '$v'"; done
