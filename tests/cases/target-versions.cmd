# needs: check/napi.node
# versions the tables do not know are refused, naming the newest known of the
# line (22.99.0 would otherwise silently take 22.23.3's row); releases before
# Node-API (0.x to 7.x) are refused: their loader is not modelled; known
# releases, lines and minors still work; abi says the same for a version
for t in node@22.99.0 node@22.23.4 node@22.99 node@0.10 node@0.10.99 node@7 node@6.0.0 node@99; do
  $AD check --target $t check/napi.node; echo "exit $?"
done
for t in node@22 node@22.23.3 node@22.3 node@22.3.1 node@8.6.0 node@0.12.18; do
  $AD check --json --target $t check/napi.node 2>&1 | sed 's/"evidence".*//'; echo "exit $?"
done
$AD scan --target node@26.99.0 scan/napi; echo "exit $?"
$AD abi node@22.99.0; echo "exit $?"
$AD abi --json node@22.99.0; echo "exit $?"
$AD abi node@0.10; echo "exit $?"
