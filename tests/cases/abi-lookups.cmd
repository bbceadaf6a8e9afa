# both directions, prereleases, distribution variants, unknowns, JSON, usage errors
for q in 116 92 65 146 9999 node@18.16.1 node@22 v20.3.0 0.11.9 node@28 electron@14.0.1 electron@31 electron@99 electron@31.7.7 electron@31.99.0 electron@25.9.8 electron@42.11.9 electron@1.3.1; do
  $AD abi $q; echo "exit $?"
done
$AD abi --json 93; echo "exit $?"
$AD abi --json node@22.14.0; echo "exit $?"
$AD abi --json electron@26; echo "exit $?"
$AD abi --json electron@31.0.0; echo "exit $?"
$AD abi bogus; echo "exit $?"
$AD abi 1 2
