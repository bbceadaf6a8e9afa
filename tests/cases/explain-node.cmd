# Node's own ERR_DLOPEN_FAILED texts (loader-facts.md 1.4): ABI mismatch (Node and Electron numbers), self-register, entry point, Node-API level
$AD explain --no-inspect "Error: The module '/app/node_modules/better-sqlite3/build/Release/better_sqlite3.node'
was compiled against a different Node.js version using
NODE_MODULE_VERSION 93. This version of Node.js requires
NODE_MODULE_VERSION 115. Please try re-compiling or re-installing
the module (for instance, using \`npm rebuild\` or \`npm install\`)."; echo "exit $?"
$AD explain --no-inspect "The module '/app/node_modules/@serialport/bindings-cpp/build/Release/bindings.node' was compiled against a different Node.js version using NODE_MODULE_VERSION 127. This version of Node.js requires NODE_MODULE_VERSION 136."; echo "exit $?"
$AD explain --no-inspect "Error: Module did not self-register: '/w/node_modules/x/build/Release/x.node'."; echo "exit $?"
$AD explain --no-inspect "Error: Module has no declared entry point."; echo "exit $?"
$AD explain --no-inspect "file:///w/api99.node requires Node-API version 99, but this version of Node.js only supports version 9 add-ons."; echo "exit $?"
# --no-addons (also through NODE_OPTIONS): the message, and the code alone
$AD explain --no-inspect "Error: Cannot load native addon because loading addons is disabled."; echo "exit $?"
$AD explain --no-inspect "{ code: 'ERR_DLOPEN_DISABLED' }"; echo "exit $?"
# the line breaks lost: words glued at Node's break points
$AD explain --no-inspect "[Error: The module '/opt/iobroker/node_modules/better-sqlite3/build/Release/better_sqlite3.node'was compiled against a different Node.js version usingNODE_MODULE_VERSION 108. This version of Node.js requiresNODE_MODULE_VERSION 115. Please try re-compiling or re-installing the module]"; echo "exit $?"
