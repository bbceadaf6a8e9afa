# a project without addons: what to do next, and the bundled example only
# where it exists (the source tree), never for an npm user
cd "$WORK" || exit 1
rm -rf nothing-a nothing-b && mkdir -p nothing-a nothing-b/node_modules/left-pad
echo '{"name":"left-pad","version":"1.3.0"}' >nothing-b/node_modules/left-pad/package.json
(cd nothing-a && $AD --target node@20); echo "exit $?"
$AD --target node@20 nothing-b; echo "exit $?"
(cd "$ROOT" && $AD --target node@20 docs); echo "exit $?"
