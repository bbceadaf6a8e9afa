# Windows texts (loader-facts.md 8): the \\?\ path on the next line, CRLF line ends
printf 'Error: \\\\?\\C:\\app\\node_modules\\canvas\\build\\Release\\canvas.node is not a valid Win32 application.\r\n\\\\?\\C:\\app\\node_modules\\canvas\\build\\Release\\canvas.node\r\n' | $AD explain --no-inspect -; echo "exit $?"
printf 'Error: The specified module could not be found.\r\n\\\\?\\C:\\Users\\u\\app\\node_modules\\sharp\\build\\Release\\sharp-win32-x64.node\r\n    at Module._extensions..node (node:internal/modules/cjs/loader:1454:18)\r\n' | $AD explain --no-inspect -; echo "exit $?"
printf 'Error: The specified procedure could not be found.\r\n\\\\?\\C:\\w\\node_modules\\canvas\\build\\Release\\canvas.node\r\n' | $AD explain --no-inspect -; echo "exit $?"
