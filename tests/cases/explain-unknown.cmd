# text that is no load failure: said plainly, exit 1, no cause invented; usage errors
$AD explain "TypeError: Cannot read properties of undefined (reading 'foo')"; echo "exit $?"
$AD explain --json "Error: Cannot find module 'lodash'"; echo "exit $?"
printf '' | $AD explain -; echo "exit $?"
$AD explain --bogus x
