/*
 * match_musl.c - musl's loader: one room of the message recogniser (explain.c
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

/* ---- musl (loader-facts.md 6.1, 6.3) ------------------------------------- */

bool m_musl_relocating(struct ctx *c)
{
	const char *e, *p = find(c, "Error relocating ", &e);
	/* an app's logger wrapped the line after its lead words:
	 * "Error relocating\n<obj>:\n<sym>: symbol not found" */
	if (!p && (p = find(c, "Error relocating\n", &e)) != NULL)
		while (e < c->end && (*e == '\n' || *e == '\r' || is_blank(*e)))
			e++;
	if (!p) {
		/* the lead words lost in a quote: "<obj>.node: <sym>: symbol
		 * not found" is still musl's shape (glibc says "undefined
		 * symbol"); the object must look like one */
		const char *q = find(c, ": symbol not found", NULL);
		if (!q)
			return false;
		const char *ls = line_start(c, q), *c1 = NULL;
		for (const char *r = q - 1; r > ls; r--)
			if (r[0] == ':' && r[1] == ' ') {
				c1 = r;
				break;
			}
		if (!c1)
			return false;
		const char *s0 = ls;
		while (s0 < c1 && (is_blank(*s0) || *s0 == '"' || *s0 == '\'' || *s0 == '`'))
			s0++;
		if (!find_from(s0, c1, ".node", NULL) && !find_from(s0, c1, ".so", NULL))
			return false;
		e = s0;
		p = s0;
	}
	/* musl reports a missing library first and then every symbol it
	 * would have given: the first line is the cause */
	const char *ld = find(c, "Error loading shared library ", NULL);
	if (ld && ld < p)
		return false;
	const char *e2, *q = find_from(e, c->end, ": symbol not found", &e2);
	const char *u = find_from(e, c->end, ": unsupported relocation type", NULL);
	if (u && (!q || u < q)) {
		set(c, "musl-unsupported-relocation", "wrong-arch", "musl", "musl could not relocate the addon: it is for another CPU");
		set_file(c, dup_range(c, e, u));
		c->ex->why = "musl does not check the ELF machine field, so an addon for another CPU (same 32/64-bit class) is mapped and then fails at relocation.";
		c->ex->fix = arena_printf(c->a, "reinstall %s on this machine (or with npm_config_arch set to this CPU) so the right build is fetched", pkg_or(c, "the package"));
		return true;
	}
	if (!q)
		return false;
	/* "Error relocating <obj>: <sym>: symbol not found" */
	const char *colon = NULL;
	for (const char *s = q - 1; s > e; s--)
		if (s[0] == ':' && (s[1] == ' ' || s[1] == '\n')) {
			colon = s;
			break;
		}
	if (!colon)
		return false;
	const char *file = dup_range(c, e, colon);
	const char *sym = dup_range(c, colon + 2, q);
	set_file(c, file);
	explain_symbol(c, sym);
	int kind = sym ? glibc_only_symbol(sym) : 0;
	if (kind) {
		set(c, "musl-symbol-not-found", "wrong-libc", "musl", "a glibc-built addon on a musl system (Alpine)");
		if (is_program(file)) {
			c->ex->subject = "runtime";
			c->ex->package = NULL;
			if (!is_node_binary(file)) {
				c->ex->title = "a glibc-built program on a musl system (Alpine)";
				number(c, "glibc-only symbol", sym, "defined by glibc, not by musl");
				c->ex->why = arena_printf(c->a, "%s exists only in glibc: the program %s itself (a packaged Node.js executable, e.g. from pkg, or another runtime) was built for glibc and this system uses musl. No npm rebuild of an addon helps.", sym, file);
				c->ex->fix = "build the executable for musl (pkg: a node<version>-alpine-<arch> target) or run it on a glibc-based image (e.g. debian/ubuntu, node:<version>-slim)";
				return true;
			}
		}
		number(c, "glibc-only symbol", sym, "defined by glibc, not by musl");
		c->ex->why = arena_printf(c->a, "%s exists only in glibc: the %s was built for glibc (a -gnu / glibc build) and this system uses musl.%s", sym,
					  is_node_binary(file) ? "node binary" : "addon",
					  kind == 2 ? " It is a glibc API that the source itself calls, not a by-product of the build: compiling the same source on musl does not remove it." : "");
		if (is_node_binary(file))
			c->ex->fix = "use a Node.js built for musl (the node:<version>-alpine images, Alpine's nodejs package, or the unofficial linux-x64-musl builds); a glibc node binary does not run on Alpine";
		else if (kind == 2)
			c->ex->fix = arena_printf(c->a, "use the package's musl build if it ships one (reinstall %s inside the Alpine environment); rebuilding from source does not help while the source calls %s; otherwise run on a glibc-based image (e.g. node:<version>-slim)",
						  pkg_or(c, "the package"), sym);
		else
			c->ex->fix = arena_printf(c->a, "reinstall %s inside the musl (Alpine) environment so the musl build is chosen (npm rebuild %s, or --build-from-source); do not copy node_modules from a glibc machine",
						  pkg_or(c, "the package"), pkg_or(c, "<package>"));
		return true;
	}
	/* A C++ standard library symbol: musl has no symbol versions, so a
	 * libstdc++ older than the one the binary was built with shows up as
	 * missing std:: symbols instead of a GLIBCXX_ version line. */
	static const char *const stdpre[] = { "_ZNSt", "_ZNKSt", "_ZSt", "_ZTVSt", "_ZTVNSt", "_ZTISt", "_ZTINSt", "_ZNSs", "_ZNKSs" };
	for (size_t i = 0; sym && i < sizeof stdpre / sizeof stdpre[0]; i++)
		if (!strncmp(sym, stdpre[i], strlen(stdpre[i]))) {
			set(c, "musl-symbol-not-found", "libstdcxx-too-old", "musl", "the addon needs a newer libstdc++ than this system has (musl)");
			number(c, "missing C++ library symbol", sym, c->ex->demangled);
			if (is_program(file)) {
				/* node (or another program) itself: an Alpine edge nodejs on
				 * an older base image, a packaged executable */
				c->ex->subject = "runtime";
				c->ex->package = NULL;
				c->ex->title = "the program itself needs a newer libstdc++ than this system has (musl)";
				c->ex->why = arena_printf(c->a, "The symbol belongs to the C++ standard library and the program %s itself needs it, before any addon: on musl a libstdc++ older than the one it was built against shows as missing std:: symbols (a nodejs package from a newer Alpine release, such as edge, on an older base image). No npm rebuild of an addon helps.", file);
				c->ex->fix = "install the program from the same Alpine release as the system (or upgrade the system: apk upgrade), or use an image whose node is built in (node:<version>-alpine)";
				return true;
			}
			c->ex->why = "The symbol belongs to the C++ standard library. On musl there are no GLIBCXX_ version names to report, so a libstdc++ older than the one the binary was compiled against shows as missing std:: symbols (an old Alpine release with a newer prebuild).";
			c->ex->fix = arena_printf(c->a, "use a newer Alpine release (newer libstdc++: apk upgrade libstdc++), or build %s from source on this system", pkg_or(c, "the package"));
			return true;
		}
	set(c, "musl-symbol-not-found", "undefined-symbol", "musl", "a symbol the addon needs is not defined (musl)");
	number(c, "undefined symbol", sym, c->ex->demangled);
	if (is_node_binary(file)) {
		/* node itself: a distribution's node (Alpine's nodejs links the
		 * system's sqlite, icu, openssl, libuv) meeting an older
		 * library of the image; no addon is involved */
		c->ex->subject = "runtime";
		c->ex->package = NULL;
		c->ex->title = "node itself needs a symbol no system library defines (musl)";
		c->ex->why = arena_printf(c->a, "musl could not bind %s for the program %s itself, before any addon: a distribution's node links system libraries (sqlite, icu, openssl, libuv, ...), and the installed one is older than the one node was built against (a partial upgrade, or an old base image with a newer nodejs package). No npm rebuild of an addon helps.",
					  sym ? sym : "a symbol", file);
		c->ex->fix = "upgrade the system's packages together (apk upgrade, or apk add --upgrade nodejs with its dependencies), or use a node:<version>-alpine image whose node is built in";
		return true;
	}
	c->ex->why = arena_printf(c->a, "musl binds the symbol when the addon is loaded and no loaded library defines it.%s", symbol_story(c, sym));
	c->ex->fix = arena_printf(c->a, "rebuild %s on this system (npm rebuild %s --build-from-source)", pkg_or(c, "the addon"), pkg_or(c, "<package>"));
	return true;
}

bool m_musl_loading(struct ctx *c)
{
	const char *e, *p = find(c, "Error loading shared library ", &e);
	if (!p)
		p = find(c, "error loading shared library ", &e); /* retyped in lower case */
	if (!p)
		return false;
	const char *rl = find(c, "Error relocating ", NULL);
	if (rl && rl < p)
		return false;
	const char *colon = find_from(e, line_end(c, e), ": ", NULL);
	/* the reason left out ("error loading shared library ld-linux-x86-64.so.2"):
	 * the name runs to the end of the line */
	const char *ne = colon ? colon : line_end(c, e);
	while (ne > e && is_blank(ne[-1]))
		ne--;
	if (ne == e || ne - e > 256 || memchr(e, ' ', (size_t)(ne - e)))
		return false;
	const char *name = dup_range(c, e, ne);
	const char *rest = colon ? colon + 2 : line_end(c, e);
	const char *e2, *nb = find_from(rest, line_end(c, rest), "(needed by ", &e2);
	/* "(needed by ...)" cut off, with the reason too ("Error loading shared
	 * library libstdc++.so.6: " as sharp's wrapper quotes it): Node passes
	 * dlopen() the addon's absolute path, so a bare soname (no slash, not
	 * a .node) is a library something needs, not the addon itself.  Only
	 * when musl's reason is "not found" or gone: another reason for a bare
	 * name (Exec format error) is about that library's file. */
	const char *rle = line_end(c, rest), *r = rest;
	while (r < rle && is_blank(*r))
		r++;
	bool bare = !nb && name && !strchr(name, '/') && !strchr(name, '\\') &&
		    !(strlen(name) > 5 && !strcmp(name + strlen(name) - 5, ".node")) &&
		    (r == rle || match_at(r, rle, "No such file or directory"));
	if (nb || bare) {
		if (nb)
			set_file(c, quoted_after(c, e2, ')'));
		c->ex->library = name;
		/* glibc's own libraries, which musl folds into libc and does not
		 * ship under these names: asking for one means a glibc build */
		static const char *const glibc_libs[] = { "libc.so.6", "libresolv.so.2", "libpthread.so.0", "libdl.so.2", "librt.so.1", "libm.so.6", "libutil.so.1", "libcrypt.so.1", "libnsl.so.1" };
		bool glibc_lib = false;
		for (size_t i = 0; name && i < sizeof glibc_libs / sizeof glibc_libs[0]; i++)
			if (!strcmp(name, glibc_libs[i]))
				glibc_lib = true;
		if (name && (strstr(name, "ld-linux") || glibc_lib || strstr(name, "libgcompat"))) {
			set(c, "musl-needed-glibc-loader", "wrong-libc", "musl", "a glibc-built addon on a musl system (Alpine)");
			if (!strncmp(name, "ld-linux-", 9))
				number(c, "CPU of the glibc loader it names", dup_range(c, name + 9, name + strcspn(name, ".")), "if this machine is another CPU, the file is also built for another architecture");
			c->ex->why = strstr(name, "ld-linux") ? arena_printf(c->a, "%s is glibc's dynamic loader, which a glibc-built addon names; musl systems do not have it.", name)
				: arena_printf(c->a, "%s is one of glibc's own libraries, which a glibc-built addon (or library) names; musl has these functions inside its libc and ships no such file.", name);
			c->ex->fix = arena_printf(c->a, "reinstall %s inside the musl (Alpine) environment so the musl build is chosen; workaround: apk add gcompat",
						  pkg_or(c, "the package"));
		} else {
			/* Alpine packages of the libraries a C++ build needs (apk) */
			const char *apk = !name ? NULL : !strncmp(name, "libstdc++.so", 12) ? "libstdc++" : !strncmp(name, "libgcc_s.so", 11) ? "libgcc" : NULL;
			bool rt = is_node_binary(c->ex->file) || is_program(c->ex->file);
			set(c, "musl-needed-library-missing", "missing-library", "musl",
			    rt ? "a library node itself needs is not installed" : "a library the addon needs is not installed");
			if (rt) {
				c->ex->subject = "runtime";
				c->ex->package = NULL;
			}
			c->ex->why = arena_printf(c->a, "%s lists %s as a dependency and musl found it in no search directory.%s%s",
						  rt ? "The node binary itself" : "The addon (or one of its libraries)", name,
						  rt ? " The lines after this one (Error relocating ... symbol not found) follow from it." : "",
						  nb ? "" : " (The line is cut after the library's name; a bare name there is a dependency, since the addon itself is loaded by its full path.)");
			c->ex->fix = apk ? arena_printf(c->a, "apk add %s", apk)
					 : arena_printf(c->a, "install the package that provides %s (apk search %s), or rebuild the addon", name, name);
		}
		return true;
	}
	set_file(c, name);
	if (match_at(rest, c->end, "Exec format error") && name && strstr(name, "node_modules")) {
		/* musl checks the header's type, class and byte order, not the
		 * CPU (loader-facts.md 6.1): a glibc or musl x64 build copied
		 * from another Linux machine would pass this check, so an
		 * installed package's file refused here is, in practice, a
		 * macOS or Windows build - node_modules installed on the host
		 * and mounted or copied into the (Alpine) container. */
		set(c, "musl-exec-format-error", "wrong-os", "musl", "musl refused the file's header: not a Linux ELF, most likely a macOS or Windows build");
		c->ex->why = "musl says \"Exec format error\" when the file is not an ELF shared object of this machine's class and byte order. A package's .node refused here is nearly always a macOS (Mach-O) or Windows (PE) build: node_modules installed on the host and mounted or copied into an Alpine container (an x64 Linux build from another machine would pass this check). Rarer: a 32-bit build, or a damaged file.";
		c->ex->fix = arena_printf(c->a, "install %s inside the container, never from the host: add node_modules to .dockerignore, keep the host's node_modules out of bind mounts (an anonymous volume for <app>/node_modules), and run npm ci in the image", pkg_or(c, "the packages"));
		return true;
	}
	if (match_at(rest, c->end, "Exec format error")) {
		set(c, "musl-exec-format-error", "wrong-arch", "musl", "musl refused the file's header");
		c->ex->why = "musl says \"Exec format error\" for anything that is not an ELF of this machine's class and byte order: a macOS/Windows build, a 32-bit file on a 64-bit system, or a damaged file.";
		c->ex->fix = arena_printf(c->a, "reinstall %s on this machine (delete node_modules copied from another OS or CPU)", pkg_or(c, "the package"));
		return true;
	}
	set(c, "musl-cannot-open", "not-found", "musl", "the addon file could not be opened");
	c->ex->why = "musl could not open the file itself (missing, or no permission).";
	c->ex->fix = arena_printf(c->a, "reinstall %s", pkg_or(c, "the package"));
	return true;
}

bool m_cannot_open(struct ctx *c)
{
	const char *e, *p = find(c, ": cannot open shared object file: ", &e);
	if (!p)
		return false;
	const char *name = path_before(c, p);
	bool enoent = match_at(e, c->end, "No such file or directory") != NULL;
	bool is_path = name && (strchr(name, '/') || strchr(name, '\\'));
	bool is_addon = name && strlen(name) > 5 && !strcmp(name + strlen(name) - 5, ".node");
	if (!enoent) {
		set(c, "glibc-cannot-open", "not-found", "glibc", "the file could not be opened");
		set_file(c, name);
		c->ex->why = arena_printf(c->a, "open() failed: %s", dup_range(c, e, line_end(c, e)));
		c->ex->fix = "check the file's permissions and that it is on a readable mount";
		return true;
	}
	if (is_path || is_addon) {
		set(c, "glibc-cannot-open-self", "wrong-arch", "glibc", "glibc refused the addon itself: almost always a build for another CPU");
		set_file(c, name);
		c->ex->why = "require() only calls dlopen() on a file that exists, so \"No such file or directory\" for the addon's own path means glibc rejected it: "
			     "glibc reports an ELF for another machine (e.g. arm64 on x64) with this exact text. Rarely, the file vanished between resolution and loading.";
		c->ex->fix = arena_printf(c->a, "reinstall %s on this machine, with the node that will run it (npm rebuild %s; check npm_config_arch and that node is not running under emulation)",
					  pkg_or(c, "the package"), pkg_or(c, "<package>"));
		return true;
	}
	c->ex->library = name;
	if (name && (!strncmp(name, "libc.musl-", 10) || !strcmp(name, "libc.so"))) {
		set(c, "glibc-needed-musl-libc", "wrong-libc", "glibc", "a musl-built addon on a glibc system");
		c->ex->why = arena_printf(c->a, "%s is musl's C library: the addon was built for Alpine/musl and this system uses glibc.", name);
		c->ex->fix = "reinstall the package on this system so the glibc (-gnu) build is chosen; do not copy node_modules from an Alpine image";
		return true;
	}
	set(c, "glibc-needed-library-missing", "missing-library", "glibc", "a shared library the addon needs is not installed");
	c->ex->why = arena_printf(c->a, "The addon lists %s as a dependency (DT_NEEDED) and the loader found it in no search directory (RPATH, LD_LIBRARY_PATH, RUNPATH, ld.so.cache, /lib, /usr/lib).", name);
	c->ex->fix = arena_printf(c->a, "install the system package that provides %s (apt-file search %s / dnf provides '*/%s'), or rebuild the addon so it bundles or does not need it",
				  name, name, name);
	return true;
}

bool m_elf_header(struct ctx *c)
{
	static const struct {
		const char *text, *shape, *cause, *title, *why;
	} h[] = {
		{ ": invalid ELF header", "glibc-invalid-elf-header", "wrong-os", "the file is not an ELF binary at all",
		  "glibc found no ELF magic. For a .node file this is nearly always a macOS (Mach-O) or Windows (PE) build copied onto Linux, e.g. node_modules installed on the host and mounted/copied into a container; otherwise the file is damaged." },
		{ ": wrong ELF class: ELFCLASS32", "glibc-wrong-elf-class", "wrong-arch", "a 32-bit binary in a 64-bit process",
		  "The file is a 32-bit ELF (e.g. ia32 or armv7) and this node is 64-bit." },
		{ ": wrong ELF class: ELFCLASS64", "glibc-wrong-elf-class", "wrong-arch", "a 64-bit binary in a 32-bit process",
		  "The file is a 64-bit ELF and this node is 32-bit." },
		{ ": ELF file data encoding not ", "glibc-wrong-endianness", "wrong-arch", "a binary for a CPU of the other byte order",
		  "The file is big-endian on a little-endian machine (or the reverse): it was built for another CPU." },
		{ ": file too short", "glibc-file-too-short", "truncated", "the file is shorter than an ELF header",
		  "The file is empty or a few bytes long: an interrupted download or install, or a placeholder (Git LFS pointer, failed extraction)." },
		{ ": cannot read file data", "glibc-cannot-read", "truncated", "the file ends before its headers do",
		  "The file is cut short: an interrupted download or a damaged package cache." },
		{ ": ELF file OS ABI invalid", "glibc-osabi-invalid", "wrong-os", "an ELF built for another operating system",
		  "The ELF header's OS ABI says another system (e.g. FreeBSD); glibc only accepts SYSV and GNU." },
		{ ": cannot dynamically load position-independent executable", "glibc-cannot-load-pie", "not-an-addon", "the file is a program, not a shared library",
		  "The file is an executable (PIE), not a shared object: something other than the addon was built or copied to this path." },
		{ ": cannot dynamically load executable", "glibc-cannot-load-executable", "not-an-addon", "the file is a program, not a shared library",
		  "The file is an executable, not a shared object: something other than the addon was built or copied to this path." },
		{ ": only ET_DYN and ET_EXEC can be loaded", "glibc-not-dyn", "not-an-addon", "the file is an object file, not a shared library",
		  "The file is a relocatable object (.o) or core file, not a linked shared object." },
		{ ": ELF file version ident does not match current one", "glibc-bad-ident", "corrupt", "the ELF header is damaged", "The ELF identification bytes are invalid: the file is damaged." },
		{ ": ELF file version does not match current one", "glibc-bad-version", "corrupt", "the ELF header is damaged", "The ELF header's version field is invalid: the file is damaged." },
		{ ": nonzero padding in e_ident", "glibc-bad-padding", "corrupt", "the ELF header is damaged", "The ELF identification padding is not zero: the file is damaged or was patched." },
		{ ": ELF file ABI version invalid", "glibc-bad-abiversion", "corrupt", "the ELF header is damaged", "The ELF ABI version byte is not one glibc accepts: the file is damaged or built for another system." },
		{ ": ELF file's phentsize not the expected size", "glibc-bad-phentsize", "corrupt", "the ELF header is damaged", "The program header size is wrong: the file is damaged." },
		{ ": object file has no dynamic section", "glibc-no-dynamic", "not-an-addon", "the file is not a shared library", "The ELF has no dynamic section: it is not a shared object." },
		{ ": object file has no loadable segments", "glibc-no-load", "corrupt", "the file has nothing to load", "The ELF has no loadable segments: it is damaged or not a real library." },
	};
	for (size_t i = 0; i < sizeof h / sizeof h[0]; i++) {
		const char *p = find(c, h[i].text, NULL);
		if (!p)
			continue;
		set(c, h[i].shape, h[i].cause, "glibc", h[i].title);
		const char *name = path_before(c, p);
		c->ex->why = h[i].why;
		if (!strcmp(h[i].shape, "glibc-wrong-elf-class"))
			number(c, "ELF class of the file", strstr(h[i].text, "ELFCLASS64") ? "ELFCLASS64" : "ELFCLASS32",
			       strstr(h[i].text, "ELFCLASS64") ? "64-bit: the process is 32-bit" : "32-bit: the process is 64-bit");
		bool is_dep = name && !strchr(name, '/') && !strchr(name, '\\');
		if (!strcmp(h[i].shape, "glibc-invalid-elf-header") && name) {
			size_t n = strlen(name);
			if (n >= 7 && !strcmp(name + n - 7, "libc.so")) {
				c->ex->cause = "wrong-libc";
				c->ex->title = "a musl-built addon on a glibc system";
				c->ex->library = name;
				c->ex->why = "The addon needs libc.so (a musl toolchain's name for the C library); on glibc systems that path is a text linker script, hence \"invalid ELF header\". The addon was built for musl.";
				c->ex->fix = "reinstall the package on this system so the glibc build is chosen";
				return true;
			}
			if (n < 5 || strcmp(name + n - 5, ".node"))
				is_dep = true;
		}
		/* "libclntsh.so: file too short": an unversioned library name is
		 * the development symlink to libX.so.N; a few bytes long, it is
		 * that link stored as a text file (an SDK zip extracted on
		 * Windows or by a tool without symlinks, a COPY that flattened
		 * it), not a cut download */
		size_t nl = name ? strlen(name) : 0;
		const char *base = name ? strrchr(name, '/') : NULL;
		base = base ? base + 1 : name;
		bool versioned_lib = name && strstr(base ? base : "", ".so.") && !strstr(name, ".node") && !strncmp(base, "lib", 3);
		if (!strcmp(h[i].shape, "glibc-file-too-short") && versioned_lib) {
			c->ex->cause = "corrupt";
			c->ex->title = "a library the addon loads is damaged (shorter than an ELF header)";
			c->ex->library = name;
			c->ex->why = arena_printf(c->a, "%s, a library the addon loads (not the addon itself), is shorter than an ELF header: a symbolic link stored as a small text file (an archive extracted without symlink support), or a damaged copy in a bundled tarball.", name);
			c->ex->fix = "reinstall the package or application that ships that library (extract its archive again on this system); where it should be a link to the real lib...so.N.M file, recreate it with ln -sf";
			return true;
		}
		if (!strcmp(h[i].shape, "glibc-file-too-short") && nl > 3 && !strcmp(name + nl - 3, ".so") && base && !strncmp(base, "lib", 3)) {
			c->ex->cause = "corrupt";
			c->ex->title = "a library's symbolic link was stored as a small text file";
			c->ex->library = name;
			c->ex->why = arena_printf(c->a, "%s is shorter than an ELF header. An unversioned library name (lib<name>.so) is normally a symbolic link to the real lib<name>.so.<N>; here it is a plain file holding the link's target as text: the archive (an SDK or client zip) was extracted on Windows or by a tool without symlinks, or copied in a way that flattened the links.", name);
			c->ex->fix = arena_printf(c->a, "recreate the link (cd to its directory; ln -sf <the real lib...so.N file> %s), or extract the archive again on Linux (unzip / tar there, not on Windows)", base);
			return true;
		}
		if (is_dep) {
			c->ex->library = name;
			c->ex->why = arena_printf(c->a, "%s (this time about %s, a library the addon loads, not the addon itself)", h[i].why, name);
		} else {
			set_file(c, name);
		}
		c->ex->fix = arena_printf(c->a, "delete and reinstall %s on this machine (npm rebuild %s, or rm -rf node_modules && npm ci); never copy node_modules between operating systems or CPUs",
					  pkg_or(c, "the package"), pkg_or(c, "<package>"));
		return true;
	}
	return false;
}
