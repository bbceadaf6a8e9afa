/* test_explain.c - the message recogniser over the corpus of real messages
 * (tests/explain/corpus.tsv) and the class regressions of issue 16
 * (tests/explain/classes.tsv), the demangler, and hostile input. */
#include "t.h"
#include "explain/explain.h"

#include <stdlib.h>

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	size_t cap = 1 << 20, n = 0;
	char *b = malloc(cap + 1);
	size_t r;
	while (b && (r = fread(b + n, 1, cap - n, f)) > 0)
		n += r;
	fclose(f);
	if (b)
		b[n] = '\0';
	*len = n;
	return b;
}

/* \n \r \t \\ escapes, in place. */
static void unescape(char *s)
{
	char *o = s;
	for (; *s; s++) {
		if (*s == '\\' && s[1]) {
			s++;
			*o++ = *s == 'n' ? '\n' : *s == 'r' ? '\r' : *s == 't' ? '\t' : *s;
		} else {
			*o++ = *s;
		}
	}
	*o = '\0';
}

static void corpus(const char *file, int min_rows)
{
	const char *root = getenv("ROOT");
	char path[4096];
	snprintf(path, sizeof path, "%s/tests/explain/%s", root ? root : ".", file);
	size_t len;
	char *buf = slurp(path, &len);
	CHECK(buf != NULL, "corpus readable at %s", path);
	if (!buf)
		return;
	int rows = 0;
	for (char *line = buf, *next; line && *line; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		if (*line == '#' || !*line)
			continue;
		char *f[4] = { line, NULL, NULL, NULL };
		for (int i = 1; i < 4; i++) {
			char *tab = f[i - 1] ? strchr(f[i - 1], '\t') : NULL;
			if (tab) {
				*tab = '\0';
				f[i] = tab + 1;
			}
		}
		CHECK(f[3] != NULL, "corpus row %d has 4 fields", rows + 1);
		if (!f[3])
			continue;
		unescape(f[3]);
		struct arena a;
		arena_init(&a);
		struct explain ex;
		bool ok = explain_text(&a, f[3], strlen(f[3]), &ex);
		bool want_known = strcmp(f[0], "unknown") != 0;
		CHECK(ok == want_known && !strcmp(ex.cause, f[0]) &&
		      (!want_known || (ex.recognised && !strcmp(ex.recognised, f[1]))),
		      "corpus: %s -> %s / %s (got %s / %s)", f[2], f[0], f[1], ex.cause,
		      ex.recognised ? ex.recognised : "-");
		if (ok)
			CHECK(ex.why && ex.fix && ex.title, "corpus: %s has why, fix and title", f[2]);
		arena_release(&a);
		rows++;
	}
	CHECK(rows >= min_rows, "%s has %d messages", file, rows);
	free(buf);
}

static void dm(const char *in, const char *want)
{
	char out[512];
	bool ok = demangle(in, out, sizeof out);
	if (want)
		CHECK_STR(ok ? out : NULL, want, in);
	else
		CHECK(!ok, "outside the subset refused: %s", in);
}

static void fields(void)
{
	struct arena a;
	arena_init(&a);
	struct explain ex;
	const char *m = "Error: The module '/a/node_modules/@scope/pkg/build/Release/x.node'\n"
			"was compiled against a different Node.js version using\n"
			"NODE_MODULE_VERSION 93. This version of Node.js requires\nNODE_MODULE_VERSION 115.";
	CHECK(explain_text(&a, m, strlen(m), &ex), "abi message recognised");
	CHECK_STR(ex.file, "/a/node_modules/@scope/pkg/build/Release/x.node", "abi: file");
	CHECK_STR(ex.package, "@scope/pkg", "abi: scoped package");
	CHECK(ex.numbers.n == 2, "abi: two numbers");
	if (ex.numbers.n == 2) {
		CHECK_STR(ex.numbers.v[0].meaning, "Node.js 16.x", "93 = Node.js 16.x");
		CHECK_STR(ex.numbers.v[1].meaning, "Node.js 20.x", "115 = Node.js 20.x");
	}
	CHECK(strstr(ex.fix, "npm rebuild @scope/pkg") != NULL, "abi: fix names the package");

	m = "Error: \\\\?\\C:\\app\\node_modules\\canvas\\build\\Release\\canvas.node is not a valid Win32 application.\r\n"
	    "\\\\?\\C:\\app\\node_modules\\canvas\\build\\Release\\canvas.node";
	CHECK(explain_text(&a, m, strlen(m), &ex), "windows recognised");
	CHECK_STR(ex.file, "\\\\?\\C:\\app\\node_modules\\canvas\\build\\Release\\canvas.node", "windows: \\\\?\\ path");
	CHECK_STR(ex.package, "canvas", "windows: package from a backslash path");

	m = "Error: /lib64/libm.so.6: version `GLIBC_2.29' not found (required by /v/node_modules/sqlite3/b.node)";
	CHECK(explain_text(&a, m, strlen(m), &ex), "glibc version recognised");
	CHECK_STR(ex.library, "/lib64/libm.so.6", "glibc: provider");
	CHECK_STR(ex.file, "/v/node_modules/sqlite3/b.node", "glibc: requirer");
	const char *mean = ex.numbers.n == 1 ? ex.numbers.v[0].meaning : "";
	const char *old = strstr(mean, "Too old: ");
	CHECK(old && strstr(old, "CentOS/RHEL 7 (2.17)") && strstr(old, "Debian 10 (2.28)") &&
	      !strstr(old, "Debian 11") && strstr(mean, "Debian 11 (2.31)") < old,
	      "GLIBC_2.29: Debian 11 has it, Debian 10 and CentOS 7 do not (%s)", mean);

	m = "x: undefined symbol: _ZNK2v85Value7IsArrayEv";
	CHECK(explain_text(&a, m, strlen(m), &ex) && ex.demangled && !strcmp(ex.demangled, "v8::Value::IsArray() const"),
	      "undefined symbol demangled (got %s)", ex.demangled ? ex.demangled : "-");


	/* issue 16: the fields each class must get right, not only the cause */
	m = "node: /lib64/libm.so.6: version `GLIBC_2.27' not found (required by node)\n"
	    "node: /lib64/libc.so.6: version `GLIBC_2.28' not found (required by node)";
	CHECK(explain_text(&a, m, strlen(m), &ex) && ex.subject && !strcmp(ex.subject, "runtime"), "node itself: subject runtime");
	CHECK(ex.numbers.n >= 1 && !strcmp(ex.numbers.v[0].value, "GLIBC_2.28"), "node itself: the highest version (2.28) decides");
	CHECK(ex.fix && !strstr(ex.fix, "npm rebuild") && strstr(ex.fix, "glibc-217"), "node itself: no rebuild, a Node build for the system (%s)", ex.fix ? ex.fix : "-");
	CHECK(ex.numbers.n >= 1 && strstr(ex.numbers.v[0].meaning, "Too old: ") &&
	      strstr(strstr(ex.numbers.v[0].meaning, "Too old: "), "Ubuntu 18.04 (2.27)"),
	      "2.28: Ubuntu 18.04 is too old, not 'has it'");
	m = "/usr/local/bin/node: /lib64/libc.so.6: version `GLIBC_2.28' not found (required by /usr/local/bin/node)";
	CHECK(explain_text(&a, m, strlen(m), &ex), "node path recognised");
	CHECK_STR(ex.library, "/lib64/libc.so.6", "Library: the provider, not the program path");
	CHECK(ex.package == NULL, "node itself: no package");
	m = "/lib/libstdc++.so.6: version `GLIBCXX_3.4.14' not found (required by /a/node_modules/q/q.node)";
	CHECK(explain_text(&a, m, strlen(m), &ex) && ex.numbers.n == 1 && strstr(ex.numbers.v[0].meaning, "GCC 4.5.0 or newer"),
	      "GLIBCXX_3.4.14 is GCC 4.5.0 (%s)", ex.numbers.n ? ex.numbers.v[0].meaning : "-");
	m = "Error loading shared library libstdc++.so.6: No such file or directory (needed by /usr/local/bin/node)\n"
	    "Error relocating /usr/local/bin/node: _ZSt28__throw_bad_array_new_lengthv: symbol not found";
	CHECK(explain_text(&a, m, strlen(m), &ex) && !strcmp(ex.cause, "missing-library") && ex.fix && !strcmp(ex.fix, "apk add libstdc++"),
	      "musl: the first line decides, apk add libstdc++ (got %s / %s)", ex.cause, ex.fix ? ex.fix : "-");
	m = "Error relocating /a/node_modules/s/s.node: backtrace: symbol not found";
	CHECK(explain_text(&a, m, strlen(m), &ex) && !strcmp(ex.cause, "wrong-libc") && strstr(ex.fix, "does not help"),
	      "musl: glibc-only API says rebuilding does not help");
	m = "Error: /a/node_modules/x.node: invalid ELF header";
	CHECK(explain_text(&a, m, strlen(m), &ex) && ex.package == NULL && !strstr(ex.fix, "x.node"), "no package x.node");
	m = "Error: /a/node_modules/.pnpm/@img+sharp-linux-x64@0.33.0/node_modules/@img/sharp-linux-x64/lib/s.node: invalid ELF header";
	CHECK(explain_text(&a, m, strlen(m), &ex), "pnpm path");
	CHECK_STR(ex.package, "@img/sharp-linux-x64", "pnpm: scoped package");
	m = "Error: The module '/a/node_modules/x/x.node'\nwas compiled against a different Node.js version using\n"
	    "NODE_MODULE_VERSION 108. This version of Node.js requires\nNODE_MODULE_VERSION 115.\n    at Object.func (ELECTRON_ASAR.js:140:31)";
	CHECK(explain_text(&a, m, strlen(m), &ex) && !strcmp(ex.cause, "electron-abi-mismatch") && strstr(ex.fix, "@electron/rebuild"),
	      "ELECTRON_ASAR.js frame: electron-abi-mismatch");
	m = "Error: /opt/App/resources/app.asar.unpacked/node_modules/x/x.node: wrong ELF class: ELFCLASS32";
	CHECK(explain_text(&a, m, strlen(m), &ex) && strstr(ex.fix, "@electron/rebuild") && strstr(ex.fix, "--arch"), "Electron arch: --arch");
	m = "Error: /a/node_modules/sqlite3/lib/binding/node-v83-linux-x64/node_sqlite3.node: invalid ELF header";
	CHECK(explain_text(&a, m, strlen(m), &ex) && ex.numbers.n == 1 && !strcmp(ex.numbers.v[0].meaning, "Node.js 14.x"), "node-v83 = Node.js 14.x");
	/* Node.js 12+ names the file: an installed addon that registers
	 * nothing there was loaded a second time (a build for another ABI
	 * gets the NODE_MODULE_VERSION message instead) */
	m = "Error: Module did not self-register: '/a/node_modules/x/x.node'.";
	CHECK(explain_text(&a, m, strlen(m), &ex) && !strcmp(ex.cause, "not-context-aware") && strstr(ex.why, "worker") &&
	      strstr(ex.why, "not a Node.js addon") && strstr(ex.why, "worker") < strstr(ex.why, "not a Node.js addon"),
	      "self-register, Node.js 12+: second load first, then not an addon");
	/* Node.js <= 9 (module.js frames): a build for another runtime first */
	m = "Error: Module did not self-register.\n    at Error (native)\n    at Object.Module._extensions..node (module.js:568:18)";
	CHECK(explain_text(&a, m, strlen(m), &ex) && !strcmp(ex.cause, "abi-mismatch") && strstr(ex.why, "another runtime") && strstr(ex.why, "worker") &&
	      strstr(ex.why, "another runtime") < strstr(ex.why, "worker") && strstr(ex.why, "worker") < strstr(ex.why, "not a Node.js addon"),
	      "self-register, old Node.js: causes in order");
	m = "C:\\node_modules\\nan\\x.node: invalid ELF header";
	CHECK(explain_text(&a, m, strlen(m), &ex) && ex.file && strstr(ex.file, "\\node_modules\\nan"), "a bare Windows path's \\n is not a line break");

	/* Bun and Deno (real-run texts): numbers, the file, the fix */
	m = "error: The module 'dd_pprof' was compiled against a different Node.js ABI version using NODE_MODULE_VERSION 108. "
	    "This version of Bun requires NODE_MODULE_VERSION 147. Please try re-compiling or re-installing the module.";
	CHECK(explain_text(&a, m, strlen(m), &ex) && !strcmp(ex.cause, "abi-mismatch") && !strcmp(ex.origin, "bun"), "bun ABI text: abi-mismatch from bun");
	bool n108 = false, n147 = false;
	for (size_t i = 0; i < ex.numbers.n; i++) {
		n108 |= !strcmp(ex.numbers.v[i].value, "108");
		n147 |= !strcmp(ex.numbers.v[i].value, "147");
	}
	CHECK(n108 && n147, "bun ABI text: both numbers");
	CHECK(!strstr(ex.fix, "npm rebuild"), "bun ABI text: no npm rebuild (%s)", ex.fix);
	m = "bun: symbol lookup error: node_modules/robotjs/build/Release/robotjs.node: undefined symbol: node_module_register";
	CHECK(explain_text(&a, m, strlen(m), &ex) && !strcmp(ex.cause, "needs-node-api") && !strstr(ex.fix, "rebuild"),
	      "bun, node_module_register: needs-node-api, no rebuild offered (%s)", ex.cause);
	CHECK_STR(ex.package, "robotjs", "bun, node_module_register: package");
	{
		/* esbuild's other-platform text with the installed package's
		 * opening quote cut off: no name made of the 200 bytes before */
		static char big[512];
		memset(big, 'x', 300);
		strcpy(big + 300, "\" package is present but this platform needs the \"@esbuild/linux-x64\" package");
		CHECK(explain_text(&a, big, strlen(big), &ex) && !strcmp(ex.cause, "missing-platform-package"), "esbuild cut text: recognised");
		bool junk = false;
		for (size_t i = 0; i < ex.numbers.n; i++)
			junk |= ex.numbers.v[i].value[0] == 'x';
		CHECK(!junk, "esbuild cut text: no installed-package name made up");
		CHECK_STR(ex.package, "@esbuild/linux-x64", "esbuild cut text: the package this platform needs");
	}
	m = "Error: /o/node_modules/sleep/build/Release/node_sleep.node: undefined symbol: node_module_register";
	CHECK(explain_text(&a, m, strlen(m), &ex) && !strcmp(ex.cause, "abi-mismatch"), "node_module_register under node: a newer build on an old node");
	m = "TypeError: /w/x.node: invalid ELF header\n  path: /w/node_modules/p/prebuilds/darwin-x64/node.napi.node";
	CHECK(explain_text(&a, m, strlen(m), &ex), "deno path line recognised");
	m = "TypeError: libvips-cpp.so.42: cannot open shared object file: No such file or directory\n  path: /w/node_modules/@img/sharp-linux-x64/lib/sharp-linux-x64.node";
	CHECK(explain_text(&a, m, strlen(m), &ex), "deno path line: recognised");
	CHECK_STR(ex.file, "/w/node_modules/@img/sharp-linux-x64/lib/sharp-linux-x64.node", "deno path line: the addon");
	/* dyld looked in a macOS system library: built for a newer macOS */
	m = "Error: dlopen(/u/node_modules/@napi-rs/canvas-darwin-x64/skia.darwin-x64.node, 1): Symbol not found: __ZTTNSt3__118basic_stringstreamIcNS_11char_traitsIcEENS_9allocatorIcEEEE\n"
	    "  Referenced from: /u/node_modules/@napi-rs/canvas-darwin-x64/skia.darwin-x64.node\n  Expected in: /usr/lib/libc++.1.dylib";
	CHECK(explain_text(&a, m, strlen(m), &ex) && strstr(ex.fix, "macOS") && ex.library && !strcmp(ex.library, "/usr/lib/libc++.1.dylib"),
	      "dyld, symbol expected in a system library: a newer macOS is needed (%s)", ex.fix);
	/* paste noise: concurrently's [1] prefix; quotes inside a path */
	m = "The module 'p/node_modules/x/lib/x.node'\n[1] was compiled against a different Node.js version using\n"
	    "[1] NODE_MODULE_VERSION 76. This version of Node.js requires\n[1] NODE_MODULE_VERSION 70.";
	CHECK(explain_text(&a, m, strlen(m), &ex) && ex.numbers.n == 2, "[1] prefixes stripped: both numbers (%zu)", ex.numbers.n);
	m = "Error: /home/\"user\"/\"my dir\"/\"plug in\".node: cannot open shared object file: No such file or directory";
	CHECK(explain_text(&a, m, strlen(m), &ex) && !strcmp(ex.cause, "wrong-arch"), "quotes inside a path: the addon itself (%s)", ex.cause);
	CHECK_STR(ex.file, "/home/\"user\"/\"my dir\"/\"plug in\".node", "quotes inside a path: file");

	/* unseen3 classes: a missing addon file on macOS; a build/Release
	 * request without the extension; --no-addons named by its code */
	m = "Error: dlopen(/a/node_modules/q/build/Release/q.node, 0x0001): tried: '/a/node_modules/q/build/Release/q.node' (no such file), "
	    "'/System/Volumes/Preboot/Cryptexes/OS/a/node_modules/q/build/Release/q.node' (no such file)";
	CHECK(explain_text(&a, m, strlen(m), &ex) && !strcmp(ex.cause, "not-found"), "dyld, every tried path missing: not-found (%s)", ex.cause);
	CHECK_STR(ex.file, "/a/node_modules/q/build/Release/q.node", "dyld missing file: the dlopen path");
	CHECK_STR(ex.package, "q", "dyld missing file: package");
	m = "Error: dlopen(/a/x.node, 0x0001): tried: '/a/x.node' (no such file), '/b/x.node' (mach-o file, but is an incompatible architecture (have 'arm64', need 'x86_64'))";
	CHECK(explain_text(&a, m, strlen(m), &ex) && !strcmp(ex.cause, "wrong-arch"), "dyld: one entry of another arch decides (%s)", ex.cause);
	m = "Error: dlopen(/a/x.node, 0x0001): tried: '/a/x.node' (no such file)\n    at f ('/a/y.js' (eval))";
	CHECK(explain_text(&a, m, strlen(m), &ex) && !strcmp(ex.cause, "not-found"), "dyld: a quote in a stack frame is not a tried entry (%s)", ex.cause);
	m = "Error: dlopen(/a/x.node, 0x0001): tried: ";
	CHECK(!explain_text(&a, m, strlen(m), &ex), "dyld: an empty tried list is not recognised");
	m = "Error: Cannot find module '../build/Release/canvas'\n    at Object.<anonymous> (/s/node_modules/canvas/lib/bindings.js:2:18)";
	CHECK(explain_text(&a, m, strlen(m), &ex) && !strcmp(ex.cause, "missing-prebuild") && strstr(ex.fix, "npm rebuild"),
	      "build/Release request without .node: the package's build never ran, rebuild (%s)", ex.cause);
	CHECK_STR(ex.package, "canvas", "build/Release request: the package from the requiring frame");
	CHECK(strstr(ex.fix, "npm rebuild canvas") != NULL, "build/Release request: the fix names it (%s)", ex.fix);
	m = "Error: Cannot find module '../build/Release/canvas.node'\nRequire stack:\n- /h/p/node_modules/canvas/lib/bindings.js\n- /h/p/node_modules/canvas/lib/canvas.js";
	CHECK(explain_text(&a, m, strlen(m), &ex), "relative .node request recognised");
	CHECK_STR(ex.package, "canvas", "relative .node request: the package from the Require stack");
	m = "Error: Cannot find module '../build/Release/x.node'\n    at Function._load (/usr/lib/node_modules/pm2/node_modules/pmx/lib/transaction.js:62:21)";
	CHECK(explain_text(&a, m, strlen(m), &ex) && ex.package == NULL, "a process manager's frame names no package (%s)", ex.package ? ex.package : "-");
	m = "Error: Cannot find module '../build/Release/'";
	CHECK(!explain_text(&a, m, strlen(m), &ex), "build/Release/ with no name is not an addon");
	m = "Error: Cannot find module 'C:\\a\\node_modules\\x\\build\\Release\\x'";
	CHECK(explain_text(&a, m, strlen(m), &ex) && !strcmp(ex.cause, "missing-prebuild"), "backslash build\\Release request in node_modules: never built (%s)", ex.cause);
	m = "node:internal/modules/cjs/loader:1586\n  code: 'ERR_DLOPEN_DISABLED'";
	CHECK(explain_text(&a, m, strlen(m), &ex) && !strcmp(ex.cause, "addons-disabled") && strstr(ex.fix, "NODE_OPTIONS") && !strstr(ex.fix, "rebuild"),
	      "ERR_DLOPEN_DISABLED alone: addons-disabled, look at NODE_OPTIONS, no rebuild (%s)", ex.fix ? ex.fix : "-");

	/* Lost line breaks glue Node's ABI message at its fixed break points. */
	m = "Error: The module '/o/node_modules/better-sqlite3/build/Release/better_sqlite3.node'was compiled against a different Node.js version usingNODE_MODULE_VERSION 108. This version of Node.js requiresNODE_MODULE_VERSION 115. Please try";
	CHECK(explain_text(&a, m, strlen(m), &ex) && !strcmp(ex.cause, "abi-mismatch"), "glued ABI message recognised (%s)", ex.cause);
	CHECK(ex.numbers.n == 2 && !strcmp(ex.numbers.v[0].value, "108") && !strcmp(ex.numbers.v[1].value, "115"), "glued ABI message: both numbers");
	CHECK_STR(ex.file, "/o/node_modules/better-sqlite3/build/Release/better_sqlite3.node", "glued ABI message: the file ends at its quote");
	m = "Error: The module '/o/x.node' was compiled against a different Node.js versionusingNODE_MODULE_VERSION 108.";
	CHECK(!explain_text(&a, m, strlen(m), &ex), "only Node's own break points may be glued (versionusing is not one)");
	/* musl's needed-library line cut after the name: a dependency, no file */
	m = "ERR_DLOPEN_FAILED: Error loading shared library libstdc++.so.6: \n";
	CHECK(explain_text(&a, m, strlen(m), &ex) && !strcmp(ex.cause, "missing-library") && ex.file == NULL, "cut musl line: a missing library, no addon file (%s)", ex.cause);
	CHECK_STR(ex.library, "libstdc++.so.6", "cut musl line: the library");
	CHECK(ex.fix && strstr(ex.fix, "apk add libstdc++"), "cut musl line: apk add (%s)", ex.fix ? ex.fix : "-");
	m = "Error: Error loading shared library /a/node_modules/x/x.node: ";
	CHECK(explain_text(&a, m, strlen(m), &ex) && !strcmp(ex.cause, "not-found"), "cut musl line on the addon's own path stays the file (%s)", ex.cause);
	m = "Error: Error loading shared library libfoo.so: Exec format error";
	CHECK(explain_text(&a, m, strlen(m), &ex) && strcmp(ex.cause, "missing-library") != 0, "a bare name refused for its format is not a missing library (%s)", ex.cause);
	/* old dyld's first bytes */
	m = "Error: dlopen(/Users/u/n/node_modules/q/q.node, 1): no suitable image found.  Did find:\n\t/Users/u/n/node_modules/q/q.node: unknown file type, first eight bytes: 0x7F 0x45 0x4C 0x46 0x02 0x01 0x01 0x03";
	CHECK(explain_text(&a, m, strlen(m), &ex) && !strcmp(ex.cause, "wrong-os"), "dyld unknown file type, ELF: wrong-os (%s)", ex.cause);
	CHECK_STR(ex.file, "/Users/u/n/node_modules/q/q.node", "dyld unknown file type: the file");
	CHECK(ex.fix && !strstr(ex.fix, "npm rebuild"), "dyld unknown file type: reinstall, not a rebuild (%s)", ex.fix ? ex.fix : "-");
	m = "x.node: unknown file type, first eight bytes: 0x7F 0x45";
	CHECK(explain_text(&a, m, strlen(m), &ex) && !strcmp(ex.cause, "corrupt"), "two bytes are not an ELF magic (%s)", ex.cause);
	/* Android's linker */
	m = "E nodejs  : Error: dlopen failed: cannot locate symbol \"napi_get_cb_info\" referenced by \"/data/data/a.b/files/p/node_modules/fsx/prebuilds/android-arm64/fsx.node\"...";
	CHECK(explain_text(&a, m, strlen(m), &ex) && !strcmp(ex.cause, "undefined-symbol"), "bionic cannot locate symbol (%s)", ex.cause);
	CHECK_STR(ex.symbol, "napi_get_cb_info", "bionic: the symbol");
	CHECK_STR(ex.file, "/data/data/a.b/files/p/node_modules/fsx/prebuilds/android-arm64/fsx.node", "bionic: the file");
	CHECK_STR(ex.package, "fsx", "bionic: the package");
	m = "Error: dlopen failed: library \"libc.so.6\" not found: needed by /data/x/node_modules/y/build/Release/y.node in namespace default";
	CHECK(explain_text(&a, m, strlen(m), &ex) && !strcmp(ex.cause, "wrong-libc"), "bionic asked for glibc's libc: a linux build (%s)", ex.cause);
	CHECK_STR(ex.file, "/data/x/node_modules/y/build/Release/y.node", "bionic needed by: the file");
	m = "Error: dlopen failed: \"/data/x/y.node\" has bad ELF magic: cffaedfe";
	CHECK(explain_text(&a, m, strlen(m), &ex) && !strcmp(ex.cause, "wrong-os"), "bionic bad ELF magic (%s)", ex.cause);
	m = "Error: dlopen failed: \"/data/x/y.node";
	CHECK(!explain_text(&a, m, strlen(m), &ex), "bionic: an unterminated quote is not recognised");

	/* Hostile: NULs, huge input, unterminated quotes. */
	char *big = malloc(EXPLAIN_MAX_INPUT + 100);
	memset(big, 'A', EXPLAIN_MAX_INPUT + 100);
	memcpy(big + EXPLAIN_MAX_INPUT + 10, "Module did not self-register", 28);
	CHECK(!explain_text(&a, big, EXPLAIN_MAX_INPUT + 100, &ex) && ex.truncated_input,
	      "input past the cap is cut (and what lies beyond is not seen)");
	free(big);
	const char nul[] = "abc\0Module did not self-register";
	CHECK(!explain_text(&a, nul, sizeof nul - 1, &ex), "an embedded NUL ends the text");
	m = "The module '/never/closed\nwas compiled against a different Node.js version using NODE_MODULE_VERSION 99999999999999";
	CHECK(explain_text(&a, m, strlen(m), &ex) || !strcmp(ex.cause, "unknown"), "absurd numbers do not crash");
	m = "version `GLIBC_2.99";
	CHECK(!explain_text(&a, m, strlen(m), &ex), "unterminated version quote is not recognised");
	arena_release(&a);
}

/* l10n.c: translated glibc texts back to English, mojibake repaired. */
static const char *l10n_run(struct arena *a, const char *tab, const char *in, size_t cap_extra)
{
	size_t n = strlen(in), cap = n + cap_extra;
	char *o = arena_alloc_raw(a, cap + 1);
	size_t k = explain_l10n_table(a, tab, strlen(tab), in, n, o, cap, NULL);
	o[k] = '\0';
	return o;
}

static void l10n(void)
{
	struct arena a;
	arena_init(&a);
	char buf[512];
	/* a format msgid: each long enough fragment is rewritten, the
	 * arguments stay; a short fragment ("«") is left alone */
	const char *tab = "# test table\n"
			  "xx\tfailed to load shared object `%s'\tFehler beim Laden des Shared Objects \xc2\xbb%s\xc2\xab\n"
			  "xx\tversion `%s' not found (required by %s)\tVersion \xe2\x80\x9e%s\xe2\x80\x9c nicht gefunden (gebraucht von %s)\n"
			  "xx\tswap %s and %s\tzuerst %2$s dann %1$s\n"
			  "xx\tInvalid argument\tkurz\n";
	CHECK_STR(l10n_run(&a, tab, "x: Fehler beim Laden des Shared Objects \xc2\xbb/a/b.so\xc2\xab", 64),
		  "x: failed to load shared object `/a/b.so\xc2\xab", "l10n: a format msgid's fragments, the argument kept");
	/* typographic quotes in the table are folded as chars_pass folds them in the text */
	CHECK_STR(l10n_run(&a, tab, "Version \xe2\x80\x9eGLIBC_2.99\" nicht gefunden (gebraucht von /x.node)", 64),
		  "version `GLIBC_2.99' not found (required by /x.node)", "l10n: folded quotes, two arguments");
	CHECK_STR(l10n_run(&a, tab, "zuerst a dann b", 64), "zuerst a dann b", "l10n: reordered positional arguments are not paired");
	CHECK_STR(l10n_run(&a, tab, "kurz", 64), "kurz", "l10n: a fragment under 8 bytes is not rewritten");
	CHECK_STR(l10n_run(&a, tab, "XFehler beim Laden des Shared Objects \xc2\xbb", 64), "XFehler beim Laden des Shared Objects \xc2\xbb",
		  "l10n: not inside a word");
	/* growth past the capacity: the rest stays as it was, nothing written past it */
	const char *grow = "xx\tcannot open shared object file, a long English text\t12345678\n";
	CHECK_STR(l10n_run(&a, grow, "12345678 12345678", 50), "cannot open shared object file, a long English text 12345678",
		  "l10n: a replacement that does not fit the capacity is left out");
	CHECK_STR(l10n_run(&a, grow, "12345678 12345678", 0), "12345678 12345678", "l10n: no room, no rewrite");

	/* the real table (data/glibc-messages.tsv) */
	size_t work = 0;
	char one[1];
	explain_l10n_table(&a, "", 0, "", 0, one, 0, &work);
	CHECK(work == 0, "l10n: an empty table costs nothing");
	{
		extern const char data_glibc_messages_tsv[];
		extern const size_t data_glibc_messages_tsv_len;
		explain_l10n_table(&a, data_glibc_messages_tsv, data_glibc_messages_tsv_len, "", 0, one, 0, &work);
	}
	CHECK(work > 0 && work <= 1024, "l10n: one text position costs at most %zu bytes of comparison (bound 1024)", work);
	const char *pt = "/x.node: n\xc3\xa3o \xc3\xa9 poss\xc3\xadvel abrir arquivo compartilhado: Arquivo ou diret\xc3\xb3rio inexistente";
	size_t k = explain_l10n(pt, strlen(pt), buf, sizeof buf - 1);
	buf[k] = '\0';
	CHECK_STR(buf, "/x.node: cannot open shared object file: No such file or directory", "l10n: pt_BR cannot open + ENOENT");
	const char *en = "/x.node: cannot open shared object file: No such file or directory";
	k = explain_l10n(en, strlen(en), buf, sizeof buf - 1);
	buf[k] = '\0';
	CHECK_STR(buf, en, "l10n: English stays as it is");

	/* mojibake: Windows-1252 and Latin-1 renderings of UTF-8 */
	const char *mj = "n\xc3\x83\xc2\xa3o foi poss\xc3\x83\xc2\xadvel\nline two \xc3\xa3 ok\n\xc3\x90\xc2\xbd\xc3\x90\xc2\xb5 \xc3\x91\xe2\x80\x9a";
	k = explain_unmojibake(mj, strlen(mj), buf);
	buf[k] = '\0';
	CHECK_STR(buf, "n\xc3\xa3o foi poss\xc3\xadvel\nline two \xc3\xa3 ok\n\xd0\xbd\xd0\xb5 \xd1\x82",
		  "mojibake: CP1252 lines repaired (U+201A = byte 0x82), a correct UTF-8 line kept");
	const char *c1 = "\xc3\x90\xc2\x9d\xc3\x90\xc2\xb5"; /* 0x9d, undefined in CP1252, passed through as U+009D */
	k = explain_unmojibake(c1, strlen(c1), buf);
	buf[k] = '\0';
	CHECK_STR(buf, "\xd0\x9d\xd0\xb5", "mojibake: Latin-1 C1 controls stand for their bytes");
	const char *latin = "Ung\xc3\xbcltiger ELF-Header";
	k = explain_unmojibake(latin, strlen(latin), buf);
	buf[k] = '\0';
	CHECK_STR(buf, latin, "mojibake: real text whose bytes would not be UTF-8 is kept");
	const char *cut = "x \xc3\x83"; /* Ã alone: byte C3 with no continuation */
	k = explain_unmojibake(cut, strlen(cut), buf);
	CHECK(k == strlen(cut) && !memcmp(buf, cut, k), "mojibake: a cut sequence is kept");
	const char *bad = "\xc3\x83\xc2\xa3 \xff";
	k = explain_unmojibake(bad, strlen(bad), buf);
	CHECK(k == strlen(bad) && !memcmp(buf, bad, k), "mojibake: a line with invalid UTF-8 is kept");

	/* a Windows console showing UTF-8 in its OEM code page (850, 437) */
	const char *oem = " N\xe2\x94\x9c\xc3\xbao foi poss\xe2\x94\x9c\xc2\xa1vel encontrar o procedimento especificado.";
	k = explain_unmojibake(oem, strlen(oem), buf);
	buf[k] = '\0';
	CHECK_STR(buf, " N\xc3\xa3o foi poss\xc3\xadvel encontrar o procedimento especificado.", "mojibake: CP850 console rendering repaired");
	const char *tree = "\xe2\x94\x9c\xe2\x94\x80\xe2\x94\x80 sharp@0.33.5";
	k = explain_unmojibake(tree, strlen(tree), buf);
	CHECK(k == strlen(tree) && !memcmp(buf, tree, k), "mojibake: an npm ls tree line (box drawing) is kept");
	const char *shy = "n\xc3\x83\xc2\xa3o foi poss\xc3\x83vel";
	k = explain_unmojibake(shy, strlen(shy), buf);
	buf[k] = '\0';
	CHECK_STR(buf, "n\xc3\xa3o foi poss\xc3\xadvel", "mojibake: Latin-1's hidden soft hyphen (the second byte of U+00ED) put back");

	/* through explain_text: translation, mojibake and the other paste noise together */
	struct explain ex;
	const char *m = "0|app  | Error: /a/node_modules/x/x.node: \xe9\x94\x99\xe8\xaf\xaf\xe7\x9a\x84 ELF \xe7\xb1\xbb\xef\xbc\x9a" "ELFCLASS32";
	CHECK(explain_text(&a, m, strlen(m), &ex) && !strcmp(ex.cause, "wrong-arch"), "zh_CN wrong ELF class under a pm2 prefix (%s)", ex.cause);
	CHECK_STR(ex.file, "/a/node_modules/x/x.node", "zh_CN wrong ELF class: the file");
	m = "{\"msg\":\"Error: /a/x.node: n\\u00c3\\u00a3o \\u00c3\\u00a9 poss\\u00c3\\u00advel abrir arquivo compartilhado: Arquivo ou diret\\u00c3\\u00b3rio inexistente\\n    at Module._extensions..node (node:internal/modules/cjs/loader:1460:18)\"}";
	CHECK(explain_text(&a, m, strlen(m), &ex) && !strcmp(ex.recognised, "glibc-cannot-open-self"), "JSON-escaped pt_BR mojibake (%s)",
	      ex.recognised ? ex.recognised : "-");
	arena_release(&a);
}

int main(void)
{
	corpus("corpus.tsv", 60);
	corpus("classes.tsv", 30);
	fields();
	l10n();
	dm("_ZN2v86Object3GetENS_5LocalINS_7ContextEEENS1_INS_5ValueEEE",
	   "v8::Object::Get(v8::Local<v8::Context>, v8::Local<v8::Value>)");
	dm("_ZN4node12AtExitCallbackEPFvPvES0_", NULL); /* function types: outside the subset */
	dm("_ZN2v811HandleScopeC1EPNS_7IsolateE", "v8::HandleScope::HandleScope(v8::Isolate*)");
	dm("_ZN2v811HandleScopeD1Ev", "v8::HandleScope::~HandleScope()");
	dm("_ZNK2v85Value7IsArrayEv", "v8::Value::IsArray() const");
	dm("_ZN2v86String11NewFromUtf8EPNS_7IsolateEPKcNS_13NewStringTypeEi",
	   "v8::String::NewFromUtf8(v8::Isolate*, char const*, v8::NewStringType, int)");
	dm("_ZNSt7__cxx1112basic_stringIcSt11char_traitsIcESaIcEE9_M_createERmm",
	   "std::__cxx11::basic_string<char, std::char_traits<char>, std::allocator<char> >::_M_create(unsigned long&, unsigned long)");
	/* template parameters (T_) and substitutions of them; the return type is left out */
	dm("_ZSt4endlIcSt11char_traitsIcEERSt13basic_ostreamIT_T0_ES6_",
	   "std::endl<char, std::char_traits<char> >(std::basic_ostream<char, std::char_traits<char> >&)");
	dm("_ZNSt6vectorIiSaIiEE9push_backERKi", "std::vector<int, std::allocator<int> >::push_back(int const&)");
	dm("_ZdlPv", NULL); /* operator delete at top level: not in the subset */
	dm("_Z3fooi", "foo(int)");
	dm("_ZN3foo3barE", "foo::bar");
	dm("napi_create_string_utf8", NULL);
	dm("_Z", NULL);
	dm("_ZN", NULL);
	dm("_ZN999999999x", NULL);
	dm("_ZN1aS9_E", NULL);
	/* deep nesting is refused, not a stack overflow */
	char deep[2200] = "_Z1f";
	for (int i = 0; i < 500; i++)
		strcat(deep, "P");
	strcat(deep, "i");
	dm(deep, NULL);
	T_DONE();
}
