# every command words a bad option the same way ("unknown option"), env
# included (it said "unexpected argument"); a stray argument to env is named
# as such; abi says Node-API once per row
for c in scan check inspect deps explain abi env; do $AD $c --bogus; echo "exit $?"; done
$AD env --target node@22; echo "exit $?"
$AD env extra; echo "exit $?"
$AD deps --target node@22.99.0 check/napi.node; echo "exit $?"
$AD abi 115; $AD abi 48
