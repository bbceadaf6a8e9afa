/*
 * match_bsd_android.c - Android's bionic linker and FreeBSD's rtld: one room of the message recogniser (explain.c
 * holds the driver and the matcher table; see explain_int.h).
 */
#include "explain_int.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../parse/parse.h"
#include "../runtime/abi.h"
#include "data.h"

/* ---- Android (bionic's linker: linker.cpp, linker_phdr.cpp, linker_relocate.cpp) ---- */

/*
 * Node.js builds for Android (nodejs-mobile, Termux) load addons with
 * bionic's dlopen(), whose dlerror() is "dlopen failed: " and one of the
 * linker's own texts.  bionic has no lazy binding: every symbol is bound
 * when the library is loaded, so a missing one fails dlopen() itself.
 */
/* ---- FreeBSD's rtld (libexec/rtld-elf/rtld.c) ------------------------------
 * Its own wordings, none of glibc's: "Shared object "libuv.so.1" not found,
 * required by "node"" (the requirer's basename), "LIB: version V required
 * by OBJ not found", "OBJ: Undefined symbol "S"".  An rc.d script or a
 * shell starting node prints them before any addon: then node is the
 * failing binary. */
bool m_bsd_rtld(struct ctx *c)
{
	const char *e, *p;
	if ((p = find(c, "Shared object \"", &e))) {
		const char *name = quoted_after(c, e, '"');
		const char *e2, *r = name ? find_from(e, line_end(c, e), "\" not found, required by \"", &e2) : NULL;
		if (!name || (!r && !find_from(e, line_end(c, e), "\" not found", NULL)))
			return false;
		const char *req = r ? quoted_after(c, e2, '"') : NULL;
		set(c, "freebsd-shared-object-not-found", "missing-library", "rtld-elf", "a shared library is not found (FreeBSD)");
		c->ex->library = name;
		if (req && is_node_binary(req)) {
			c->ex->subject = "runtime";
			c->ex->file = req;
			c->ex->title = "node itself cannot start: a shared library it links is not found";
			c->ex->why = arena_printf(c->a, "FreeBSD's run-time linker is starting node itself, before any addon, and finds %s in none of its search directories (the ldconfig hints, LD_LIBRARY_PATH, the binary's RPATH). A node built against shared libraries (the ports/pkg build links libuv, ICU, OpenSSL, c-ares) needs them installed and in ldconfig's hints: missing after a partial upgrade, or not yet registered when an rc.d script runs before ldconfig. No npm rebuild of an addon helps.", name);
			c->ex->fix = arena_printf(c->a, "install or upgrade the package that provides %s (pkg install -f node, pkg upgrade) and run service ldconfig start; an rc.d script that starts node must REQUIRE: ldconfig", name);
			return true;
		}
		if (req)
			set_file(c, req);
		c->ex->why = arena_printf(c->a, "FreeBSD's run-time linker found %s in none of its search directories (ldconfig's hints, LD_LIBRARY_PATH, the object's RPATH).", name);
		c->ex->fix = arena_printf(c->a, "install the package that provides %s (pkg provides, or pkg search), then rebuild %s if it was built against another version", name, pkg_or(c, "the addon"));
		return true;
	}
	if ((p = find(c, " required by ", &e))) {
		/* "/usr/lib/libstdc++.so.6: version GLIBCXX_3.4.11 required by
		 * /usr/pbi/x/bin/node not found" */
		const char *ls = p, *le = line_end(c, e);
		while (ls > c->t && ls[-1] != '\n')
			ls--;
		const char *e3, *vp = find_from(ls, p, ": version ", &e3);
		const char *nf = find_from(e, le, " not found", NULL);
		if (!vp || !nf)
			return false;
		const char *ver = dup_range(c, e3, p), *req = dup_range(c, e, nf);
		const char *lib = dup_range(c, ls, vp);
		int f = ver ? vfamily(ver) : 0;
		bool runtime = is_node_binary(req);
		if (f == 2 || f == 3) {
			set(c, "freebsd-version-not-found", "libstdcxx-too-old", "rtld-elf",
			    runtime ? "node itself needs a newer libstdc++ than the one found" : "the addon needs a newer libstdc++ than the one found");
			number(c, runtime ? "libstdc++ symbol version node needs" : "libstdc++ symbol version the addon needs", ver, glibcxx_meaning(c->a, ver));
		} else {
			set(c, "freebsd-version-not-found", "missing-library", "rtld-elf", "a library is older than the one the binary was built against (FreeBSD)");
			number(c, "symbol version needed", ver, NULL);
		}
		c->ex->library = lib;
		set_file(c, req);
		if (runtime) {
			c->ex->subject = "runtime";
			c->ex->package = NULL;
			c->ex->why = arena_printf(c->a, "FreeBSD's run-time linker is starting node itself (%s), before any addon: it was built against a newer %s than %s, the one found first (the base system's old GCC libstdc++ rather than the one of the compiler that built node). No npm rebuild of an addon helps.",
						  req, f == 2 || f == 3 ? "libstdc++" : "library", lib ? lib : "the library found");
			c->ex->fix = "install node from the packages of this FreeBSD release (pkg install node) or with its compiler's runtime library first on the path (LD_LIBRARY_PATH or libmap.conf pointing at the newer lib/gccN/libstdc++.so.6), or upgrade FreeBSD";
			return true;
		}
		c->ex->why = arena_printf(c->a, "FreeBSD's run-time linker found %s, but it does not define version %s: the binary was built against a newer one.", lib ? lib : "the library", ver);
		c->ex->fix = arena_printf(c->a, "rebuild %s on this system (npm rebuild %s --build-from-source), or make the newer library the one found (libmap.conf)", pkg_or(c, "the addon"), pkg_or(c, "<package>"));
		return true;
	}
	if ((p = find(c, ": Undefined symbol \"", &e))) {
		const char *sym = quoted_after(c, e, '"');
		if (!sym)
			return false;
		set(c, "freebsd-undefined-symbol", "undefined-symbol", "rtld-elf", "a symbol the addon needs is not defined (FreeBSD)");
		set_file(c, path_before(c, p));
		explain_symbol(c, sym);
		number(c, "undefined symbol", sym, c->ex->demangled);
		c->ex->why = arena_printf(c->a, "FreeBSD's run-time linker found no definition of %s in the process or the object's libraries.%s", sym, symbol_story(c, sym));
		c->ex->fix = arena_printf(c->a, "rebuild %s for the Node.js that runs it (npm rebuild %s --build-from-source)", pkg_or(c, "the addon"), pkg_or(c, "<package>"));
		return true;
	}
	return false;
}

/* Android's linker starting a program ("CANNOT LINK EXECUTABLE "node":
 * <the dlerror text>"): Termux's node against its own libraries, before
 * any addon.  Termux's packages are upgraded together; one left behind
 * (libc++, libicu, openssl) lacks what the new node needs. */
bool m_android_exec(struct ctx *c)
{
	/* older bionic prints no program name: "CANNOT LINK EXECUTABLE:
	 * library "libc++_shared.so" not found" */
	const char *e, *p = find(c, "CANNOT LINK EXECUTABLE \"", &e), *prog = NULL;
	if (p && !(prog = quoted_after(c, e, '"')))
		return false;
	if (!p && !(p = find(c, "CANNOT LINK EXECUTABLE: ", &e)))
		return false;
	const char *le = line_end(c, e), *e2, *e3;
	const char *sym = NULL, *lib = NULL;
	if (find_from(e, le, "cannot locate symbol \"", &e2))
		sym = quoted_after(c, e2, '"');
	else if (find_from(e, le, "library \"", &e3))
		lib = quoted_after(c, e3, '"');
	if (!sym && !lib)
		return false;
	bool node = prog ? is_node_binary(prog) : has(c, "node");
	set(c, sym ? "android-exec-cannot-locate-symbol" : "android-exec-library-not-found", sym ? "undefined-symbol" : "missing-library", "bionic",
	    node ? "node itself cannot start (Android)" : "the program cannot start (Android)");
	c->ex->subject = "runtime";
	c->ex->package = NULL;
	const char *e4, *rb = sym ? find_from(e2, le, "\" referenced by \"", &e4) : NULL;
	c->ex->file = rb ? quoted_after(c, e4, '"') : prog;
	const char *who = prog ? arena_printf(c->a, "the program %s", prog) : "a program (no name in the text; run from a shell or a package's install script)";
	if (sym) {
		explain_symbol(c, sym);
		number(c, "undefined symbol", sym, c->ex->demangled);
	} else {
		c->ex->library = lib;
	}
	bool termux = has(c, "com.termux") || has(c, "termux");
	c->ex->why = arena_printf(c->a, "Android's linker is starting %s, before any addon, and %s. The program was built against other versions of its libraries than the ones installed (one package upgraded without the others), or a library it needs is not installed. No npm rebuild of an addon helps.",
				  who, sym ? arena_printf(c->a, "finds no %s in its libraries", sym) : arena_printf(c->a, "finds no %s", lib));
	bool cxx = lib && !strncmp(lib, "libc++", 6);
	c->ex->fix = termux || cxx ? arena_printf(c->a, "%supgrade all of Termux's packages together (pkg upgrade; apt full-upgrade), so node and libc++ / libicu / openssl match; then reinstall nodejs if it still fails",
						  cxx ? "install the C++ runtime (Termux: pkg install libc++), and " : "")
			    : "install the program's build for this Android release together with its libraries (update all packages of its distribution together)";
	return true;
}

bool m_android(struct ctx *c)
{
	const char *e, *p = find(c, "dlopen failed: ", &e);
	if (!p)
		return false;
	const char *e2, *e3;
	/* bionic's linker mapping a segment (linker_phdr.cpp): "couldn't map
	 * \"FILE\" segment N: Permission denied" is the kernel refusing an
	 * executable mapping, as on Android's shared storage (/sdcard,
	 * /storage/emulated), which is mounted noexec */
	if ((e2 = match_at(e, c->end, "couldn't map \"")) && find_from(e2, line_end(c, e2), "Permission denied", NULL)) {
		const char *f = quoted_after(c, e2, '"');
		set(c, "android-map-segment-denied", "noexec-mount", "bionic", "Android refused to map the addon's code: it sits on storage mounted noexec");
		set_file(c, f);
		bool shared = f && (strstr(f, "/storage/") || strstr(f, "/sdcard/") || strstr(f, "/mnt/sdcard"));
		c->ex->why = arena_printf(c->a, "Android's linker could not map the file's code executable (EACCES): the kernel refuses executable mappings from a filesystem mounted noexec%s. The addon itself is fine.",
					  shared ? ", and Android's shared storage (/storage/emulated/0, /sdcard), where this project lives, is always mounted so" : "");
		c->ex->fix = "move the project into the app's private storage (in Termux: under $HOME, e.g. ~/project, not /sdcard or /storage/emulated/0) and reinstall there";
		return true;
	}
	if ((e2 = match_at(e, c->end, "cannot locate symbol \""))) {
		const char *sym = quoted_after(c, e2, '"');
		set(c, "android-cannot-locate-symbol", "undefined-symbol", "bionic", "a symbol the addon needs is defined nowhere in the process (Android)");
		if (find_from(e2, line_end(c, e2), "\" referenced by \"", &e3))
			set_file(c, quoted_after(c, e3, '"'));
		explain_symbol(c, sym);
		number(c, "undefined symbol", sym, c->ex->demangled);
		c->ex->why = arena_printf(c->a, "Android's linker binds every symbol when a library is loaded and found no %s in the process or the addon's libraries.%s",
					  sym ? sym : "definition of a symbol", symbol_story(c, sym));
		/* Node's own exports (Node-API even at level 1, libuv, V8/node
		 * C++): in nodejs-mobile, Node is libnode.so loaded by the app
		 * with local visibility, and bionic shows its symbols only to
		 * an addon that links against it, as that runtime's own
		 * native-module build does. */
		int lvl = sym ? napi_function_level(sym) : -1;
		const char *d = c->ex->demangled ? c->ex->demangled : "";
		if (sym && (lvl >= 0 || !strncmp(sym, "uv_", 3) || !strncmp(d, "v8::", 4) || !strncmp(d, "node::", 6)))
			c->ex->why = arena_printf(c->a, "Android's linker binds every symbol when a library is loaded and found no %s. It is one of Node.js's own exports: on Android (nodejs-mobile) Node.js is a library, libnode.so, loaded by the app, and bionic lets an addon see its symbols only when the addon links against libnode.so, as the runtime's own native-module build does; a prebuild made without that link finds none of them.%s",
						  sym, lvl > 1 ? symbol_story(c, sym) : "");
		c->ex->fix = arena_printf(c->a, "rebuild %s for the Node.js that runs it on Android (for nodejs-mobile, with its own native-module build against its libnode), or upgrade that runtime if it is a Node-API function",
					  pkg_or(c, "the addon"));
		return true;
	}
	if ((e2 = match_at(e, c->end, "library \""))) {
		const char *name = quoted_after(c, e2, '"');
		if (!name)
			return false;
		const char *nb = find_from(e2, line_end(c, e2), "\" not found: needed by ", &e3);
		if (nb) {
			const char *le = line_end(c, e3), *ns = find_from(e3, le, " in namespace ", NULL);
			set_file(c, dup_range(c, e3, ns ? ns : le));
		} else if (strchr(name, '/')) {
			/* Node passes the addon's full path: that file is missing */
			set(c, "android-library-not-found", "not-found", "bionic", "the addon file is not there");
			set_file(c, name);
			c->ex->why = "Android's linker found no file at the path given to dlopen().";
			c->ex->fix = arena_printf(c->a, "reinstall %s, and check that the app packs the .node file where it is loaded from", pkg_or(c, "the package"));
			return true;
		}
		c->ex->library = name;
		if (!strcmp(name, "libc.so.6") || !strncmp(name, "ld-linux", 8) || !strcmp(name, "libpthread.so.0") || !strcmp(name, "libdl.so.2") ||
		    !strcmp(name, "libm.so.6") || !strncmp(name, "libc.musl-", 10)) {
			set(c, "android-library-not-found", "wrong-libc", "bionic", "an addon built for Linux's glibc or musl, loaded on Android");
			c->ex->why = arena_printf(c->a, "%s is a library of a desktop Linux C library (glibc or musl); Android's C library is bionic, which has no such file: the addon is a linux-* build, not an android-* one.", name);
			c->ex->fix = arena_printf(c->a, "use an android-arm64 (or android-arm) build of %s, or build it from source for Android with the runtime's toolchain", pkg_or(c, "the package"));
			return true;
		}
		set(c, "android-library-not-found", "missing-library", "bionic", "a shared library the addon needs is not there (Android)");
		c->ex->why = arena_printf(c->a, "The addon lists %s as a dependency and Android's linker found it in none of its namespace's search paths (the app's native library directory and the system's public libraries).", name);
		c->ex->fix = arena_printf(c->a, "ship %s with the app next to the addon (for libc++_shared.so: package the NDK's copy), or build the addon so it does not need it", name);
		return true;
	}
	if (*e == '"') {
		const char *path = quoted_after(c, e + 1, '"');
		const char *after = path ? e + 2 + strlen(path) : NULL;
		if (!after)
			return false;
		if (match_at(after, c->end, " is 32-bit instead of 64-bit") || match_at(after, c->end, " is 64-bit instead of 32-bit")) {
			set(c, "android-wrong-elf-class", "wrong-arch", "bionic", "the addon is a 32-bit/64-bit build of the other kind");
			set_file(c, path);
			c->ex->why = "Android's linker refused the file's ELF class: a 32-bit (armeabi-v7a) build in a 64-bit process, or the reverse.";
			c->ex->fix = arena_printf(c->a, "install the build of %s for the process's ABI (android-arm64 for a 64-bit app)", pkg_or(c, "the package"));
			return true;
		}
		if ((e3 = match_at(after, c->end, " has unexpected e_machine: "))) {
			set(c, "android-wrong-machine", "wrong-arch", "bionic", "the addon is built for another CPU");
			set_file(c, path);
			number(c, "the file's ELF machine", dup_range(c, e3, line_end(c, e3)), NULL);
			c->ex->why = "Android's linker refused the file's ELF machine: it is built for another CPU than this device (an x86-64 Linux build on an arm64 phone, or the reverse).";
			c->ex->fix = arena_printf(c->a, "install the android build of %s for this device's CPU, or build it from source with the runtime's Android toolchain", pkg_or(c, "the package"));
			return true;
		}
		if (match_at(after, c->end, " has bad ELF magic")) {
			set(c, "android-bad-elf-magic", "wrong-os", "bionic", "the addon is not an ELF file: a macOS or Windows build");
			set_file(c, path);
			c->ex->why = "Android's linker found no ELF header: the file is a Mach-O (macOS) or PE (Windows) build, or damaged.";
			c->ex->fix = arena_printf(c->a, "install the android build of %s instead of one copied from a desktop machine", pkg_or(c, "the package"));
			return true;
		}
	}
	return false;
}
