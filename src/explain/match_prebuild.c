/*
 * match_prebuild.c - prebuild loaders (node-gyp-build, prebuild-install and kin): one room of the message recogniser (explain.c
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

/* ---- prebuild loaders (loader-facts.md 9) --------------------------------- */

static const char *kv(struct ctx *c, const char *from, const char *to, const char *key)
{
	const char *e, *p = find_from(from, to, key, &e);
	if (!p)
		return NULL;
	const char *s = e;
	while (e < to && !is_blank(*e))
		e++;
	return e > s ? arena_strndup(c->a, s, (size_t)(e - s)) : NULL;
}

const char *const platform_words[PLATFORM_WORDS_N] = {
	"-linux-", "-darwin-", "-win32-", "-android-", "-freebsd-", "-openharmony-", "-wasm32-",
};

/* node-gyp-build's own frames ("at Function.load.path (FILE:L:C)"; a
 * bundler renames load to load2...): in a file that is not node-gyp-build's
 * index.js, its code was bundled into FILE, and __dirname with it. */
static bool node_gyp_build_frame_bundled(struct ctx *c)
{
	const char *e, *p = find(c, ".path (", &e);
	for (int k = 0; p && k < 64; k++, p = find_from(e, c->end, ".path (", &e)) {
		const char *q = p;
		while (q > c->t && isdigit((unsigned char)q[-1]))
			q--;
		if (q - c->t < 4 || memcmp(q - 4, "load", 4))
			continue;
		const char *close = e;
		while (close < c->end && *close != ')' && *close != '\n')
			close++;
		const char *file = dup_range(c, e, close);
		if (file && !strstr(file, "node-gyp-build") && (strstr(file, ".js:") || strstr(file, ".cjs:") || strstr(file, ".mjs:")))
			return true;
	}
	return false;
}

/* node-gyp-build-optional-packages (lmdb, msgpackr-extract) tries the
 * @scope/<name>-<platform>-<arch> package first and prints "Error
 * resolving package: Cannot find module '<it>'" with its own error. */
static const char *platform_package_not_found(struct ctx *c)
{
	const char *e, *p = find(c, "Cannot find module '", &e);
	for (int k = 0; p && k < 16; k++, p = find_from(e, c->end, "Cannot find module '", &e)) {
		const char *name = quoted_after(c, e, '\'');
		if (!name || strchr(name, '/') != strrchr(name, '/') || name[0] == '.' || name[0] == '/' || strstr(name, ".node"))
			continue;
		for (size_t i = 0; i < sizeof platform_words / sizeof platform_words[0]; i++)
			if (strstr(name, platform_words[i]))
				return name;
	}
	return NULL;
}

bool m_node_gyp_build(struct ctx *c)
{
	const char *e, *p = find(c, "No native build was found for ", &e);
	if (!p)
		return false;
	const char *le = line_end(c, e);
	set(c, "node-gyp-build-no-prebuild", "missing-prebuild", "node-gyp-build", "node-gyp-build found no binary for this platform/runtime");
	const char *plat = kv(c, e, le, "platform="), *arch = kv(c, e, le, "arch="), *rt = kv(c, e, le, "runtime=");
	const char *abi = kv(c, e, le, "abi="), *libc = kv(c, e, le, "libc="), *node = kv(c, e, le, "node=");
	const char *el = kv(c, e, le, "electron=");
	if (plat && arch)
		number(c, "platform-arch", arena_printf(c->a, "%s-%s", plat, arch), NULL);
	if (rt)
		number(c, "runtime", rt, el ? arena_printf(c->a, "Electron %s", el) : node ? arena_printf(c->a, "Node.js %s", node) : NULL);
	if (abi)
		number(c, "NODE_MODULE_VERSION", abi, abi_words(c, atol(abi)));
	if (libc)
		number(c, "libc", libc, NULL);
	const char *e2, *lf = find_from(le, c->end, "loaded from: ", &e2);
	if (lf) {
		const char *dir = dup_range(c, e2, line_end(c, e2));
		c->ex->package = package_of(c->a, dir ? arena_printf(c->a, "%s/", dir) : NULL);
		c->ex->file = dir;
	}
	/* node-gyp-build searches the directory its caller passes (__dirname
	 * of the package's own file).  Bundled, that is the bundle's: it says
	 * webpack=true under webpack, platform=browser arch=javascript in a
	 * browser-target bundle; "loaded from" an .asar archive, pkg's
	 * /snapshot/ or bun's /$bunfs/ is a packaged copy without the
	 * package's prebuilds/ and build/. */
	const char *lf_dir = c->ex->file;
	bool in_asar = lf_dir && (strstr(lf_dir, ".asar") && !strstr(lf_dir, ".asar.unpacked"));
	bool packed = lf_dir && (strstr(lf_dir, "/snapshot/") || strstr(lf_dir, "\\snapshot\\") || strstr(lf_dir, "/$bunfs/") || strstr(lf_dir, "~BUN"));
	const char *platpkg = platform_package_not_found(c);
	if (platpkg) {
		set(c, "node-gyp-build-platform-package-missing", "missing-platform-package", "node-gyp-build", "the platform-specific package of a native dependency is not installed");
		c->ex->package = platpkg;
		number(c, "missing package", platpkg, NULL);
		c->ex->why = arena_printf(c->a, "The loader (node-gyp-build-optional-packages) looks first for %s, the optional dependency that carries the binary for this platform, and then in the package's own prebuilds/ and build/: neither is there. npm did not install the optional package: a lockfile made on another OS/CPU (it lists only that machine's platform package), npm's optional-dependency bug (npm/cli#4828), --omit=optional, or node_modules copied from another machine.", platpkg);
		c->ex->fix = "install on the machine that runs it without the foreign lockfile (rm -rf node_modules package-lock.json && npm install), or add the platform package explicitly (npm install --save-optional <it>)";
		return true;
	}
	bool frames_bundled = node_gyp_build_frame_bundled(c);

	if (find_from(e, le, "webpack=true", NULL) || (plat && !strcmp(plat, "browser")) || (arch && !strcmp(arch, "javascript")) || in_asar || packed || frames_bundled) {
		c->ex->cause = "bundled-addon";
		c->ex->recognised = "node-gyp-build-bundled";
		c->ex->title = "node-gyp-build searched inside a bundle, not the installed package: the addon's JavaScript was bundled";
		c->ex->why = packed ? "node-gyp-build looked for prebuilds/ and build/ inside a single-file executable's embedded file system (pkg's /snapshot/, bun's /$bunfs/), where the packager did not put the package's .node files: it includes what it sees required statically, and node-gyp-build computes its path at run time. The package itself is installed where the build ran."
			: "node-gyp-build looked for prebuilds/ and build/ in the directory of the code that called it, and that code is a bundle (webpack=true, a browser target, node-gyp-build's own frames inside a bundled file, or a file inside an .asar archive), not the package in node_modules: the bundler moved the package's JavaScript away from its .node files. The installed package is usually fine.";
		c->ex->fix = packed ? "ship the package's .node files with the executable (pkg: list node_modules/<package>/prebuilds/** under pkg.assets; bun --compile: require the .node by a static path), or keep the package out of the single-file build"
			: "keep the native package out of the bundle (webpack externals, electron-vite externalizeDepsPlugin, vite build.rollupOptions.external; a node target, not web, for Electron's main/preload code), so it is required from node_modules; when packaging Electron, unpack its .node files (asarUnpack)";
		return true;
	}
	c->ex->why = "node-gyp-build looked in build/Release, build/Debug and prebuilds/<platform>-<arch>/ and found no file whose tags (runtime, abi or napi, libc, armv) match this process: the package ships no prebuild for this combination and the install-time compile did not run or failed.";
	c->ex->fix = arena_printf(c->a, "npm rebuild %s --build-from-source (needs python3, make and a C++ compiler), or use a package version that ships a prebuild for this platform/runtime",
				  pkg_or(c, "<package>"));
	return true;
}

/*
 * sharp >= 0.33 (lib/sharp.js): "Could not load the "sharp" module using
 * the <platform>-<arch> runtime" when no @img/sharp-<platform>-<arch>
 * package loads; "Unsupported CPU: Prebuilt binaries for linux-x64
 * require v2 microarchitecture" on an x86-64 CPU without SSE4.2/POPCNT.
 * A loader error printed with it (GLIBC too old, ...) is matched first.
 */
/* The OS (darwin, linux, linuxmusl, win32) and CPU of a sharp platform id
 * "<os>-<arch>[v<N>]" in [s, e): false unless it has that form. */
static bool sharp_platform(const char *s, const char *e, char *os, size_t nos, char *cpu, size_t ncpu)
{
	const char *dash = memchr(s, '-', (size_t)(e - s));
	if (!dash || dash == s || (size_t)(dash - s) >= nos || (size_t)(e - dash - 1) >= ncpu || e - dash < 2)
		return false;
	memcpy(os, s, (size_t)(dash - s));
	os[dash - s] = '\0';
	memcpy(cpu, dash + 1, (size_t)(e - dash - 1));
	cpu[e - dash - 1] = '\0';
	return true;
}

bool m_sharp(struct ctx *c)
{
	const char *e, *p;
	/* sharp 0.2x (lib/libvips.js): "'<vendor>' binaries cannot be used on
	 * the '<current>' platform" - its vendored libvips is another
	 * platform's: the OS, the libc (linux vs linuxmusl) or the CPU */
	if ((p = find(c, "' binaries cannot be used on the '", &e))) {
		const char *vs = p;
		while (vs > c->t && vs[-1] != '\'' && p - vs < 40)
			vs--;
		const char *ce = memchr(e, '\'', (size_t)(c->end - e) < 40 ? (size_t)(c->end - e) : 40);
		char vos[24], vcpu[24], cos[24], ccpu[24];
		if (vs > c->t && ce && sharp_platform(vs, p, vos, sizeof vos, vcpu, sizeof vcpu) &&
		    sharp_platform(e, ce, cos, sizeof cos, ccpu, sizeof ccpu)) {
			bool libc = strcmp(vos, cos) && !strncmp(vos, "linux", 5) && !strncmp(cos, "linux", 5);
			bool os = strcmp(vos, cos) && !libc;
			const char *cause = libc ? "wrong-libc" : os ? "wrong-os" : "wrong-arch";
			set(c, "sharp-vendor-platform-mismatch", cause, "sharp", "sharp's vendored libvips is for another platform");
			c->ex->package = "sharp";
			number(c, "platform of the installed binaries", arena_printf(c->a, "%s-%s", vos, vcpu), NULL);
			number(c, "platform of this system", arena_printf(c->a, "%s-%s", cos, ccpu), NULL);
			c->ex->why = arena_printf(c->a, "sharp's install downloaded libvips and its binary for %s-%s, and this system is %s-%s: %s.", vos, vcpu, cos, ccpu,
						  libc ? "node_modules was installed on a glibc system and copied into a musl one (Alpine), or the reverse"
						  : os ? "node_modules was installed on another OS and copied or mounted here (a Mac's or Windows' node_modules in a Linux container)"
						       : "node_modules was installed by a node of another CPU architecture (x64 vs arm64, or an emulated one)");
			c->ex->fix = arena_printf(c->a, "rm -rf node_modules/sharp && npm install on the %s platform itself (in Docker: put node_modules in .dockerignore and install inside the image)", cos);
			return true;
		}
	}
	if ((p = find(c, "Unsupported CPU: ", &e)) && find_from(e, line_end(c, e), "microarchitecture", NULL)) {
		set(c, "sharp-unsupported-cpu", "wrong-arch", "sharp", "the CPU is older than the one sharp's prebuilt binaries are compiled for");
		c->ex->package = "sharp";
		c->ex->why = "sharp's prebuilt libvips for linux-x64 is compiled for the x86-64-v2 microarchitecture (SSE4.2, POPCNT). This CPU, or the CPU model a VM or emulator presents (QEMU's default qemu64), lacks it.";
		c->ex->fix = "expose the host CPU to the VM (e.g. QEMU/Proxmox CPU type 'host'), or build libvips and sharp from source on this machine (see sharp's installation docs, 'Building from source')";
		return true;
	}
	/* sharp 0.29-0.32 (lib/sharp.js): its binary build/Release/sharp-<platform>-<arch>.node
	 * comes from its install script, for the platform that ran it */
	/* a JSON log whose inner quotes were not escaped loses them in
	 * clean.c ("installing the\nsharp\n module"): ' ' matches blanks */
	if (!find(c, "Could not load the \"sharp\" module using the ", NULL) &&
	    (find(c, "Something went wrong installing the \"sharp\" module", NULL) || find(c, "Something went wrong installing the sharp module", NULL)) &&
	    (p = find(c, "Cannot find module '", &e))) {
		const char *mod = quoted_after(c, e, '\'');
		const char *b = mod ? strstr(mod, "build/Release/sharp-") : NULL;
		if (b) {
			const char *rt = arena_strndup(c->a, b + strlen("build/Release/sharp-"), strcspn(b + strlen("build/Release/sharp-"), "."));
			const char *dash = rt ? strchr(rt, '-') : NULL;
			if (!rt)
				return false;
			set(c, "sharp-binary-not-installed", "missing-prebuild", "sharp", "sharp's binary for this platform was never installed");
			c->ex->package = "sharp";
			c->ex->file = mod;
			number(c, "sharp runtime (platform-arch)", rt, !strncmp(rt, "linuxmusl-", 10) ? "Linux with musl (Alpine)" : NULL);
			c->ex->why = arena_printf(c->a, "sharp 0.32 and older download build/Release/sharp-%s.node in their install script, for the platform the install ran on. It is not there: node_modules was installed on another OS/CPU/libc and copied in (a Docker COPY of a Mac's or a glibc system's node_modules), or the install script did not run (--ignore-scripts) or failed.", rt);
			c->ex->fix = arena_printf(c->a, "install sharp where it runs (in the image: do not COPY node_modules in - add it to .dockerignore and npm ci there), or npm rebuild sharp there; cross-installing: npm install --platform=%.*s --arch=%s sharp",
						  dash ? (int)(dash - rt) : (int)strlen(rt), rt, dash ? dash + 1 : "<arch>");
			return true;
		}
	}
	if (!(p = find(c, "Could not load the \"sharp\" module using the ", &e)))
		return false;
	const char *rt = token_at(c, e);
	set(c, "sharp-could-not-load", "missing-platform-package", "sharp", "sharp found no binary package for this platform");
	c->ex->package = "sharp";
	if (rt) {
		number(c, "sharp runtime (platform-arch)", rt, !strncmp(rt, "linuxmusl-", 10) ? "Linux with musl (Alpine)" : !strncmp(rt, "linux-", 6) ? "Linux with glibc" : NULL);
		c->ex->why = arena_printf(c->a, "sharp loads its binary from the optional package @img/sharp-%s; it is not installed (optional dependencies omitted, a lockfile or node_modules from another OS/CPU/libc, or npm's optional-dependency bug npm/cli#4828).", rt);
		const char *dash = strchr(rt, '-');
		c->ex->fix = dash ? arena_printf(c->a, "npm install --include=optional sharp on the machine that runs it; when installing for another platform: npm install --os=%.*s --cpu=%s%s sharp",
						 (int)(!strncmp(rt, "linuxmusl", 9) ? 5 : dash - rt), rt, dash + 1,
						 !strncmp(rt, "linuxmusl", 9) ? " --libc=musl" : !strncmp(rt, "linux-", 6) ? " --libc=glibc" : "")
				  : "npm install --include=optional sharp on the machine that runs it";
	} else {
		c->ex->why = "sharp loads its binary from an optional @img/sharp-<platform>-<arch> package, and none loaded.";
		c->ex->fix = "npm install --include=optional sharp on the machine that runs it";
	}
	return true;
}

/* @tensorflow/tfjs-node (dist/index.js): it checks that lib/napi-v<N>/
 * tfjs_binding.node exists before requiring it, and throws "The Node.js
 * native addon module (tfjs_binding.node) can not be found at path: ..."
 * when its install script (which downloads libtensorflow and the
 * binding) did not run or failed. */
bool m_tfjs(struct ctx *c)
{
	/* the first hit may be Node's echo of tfjs's source line
	 * (throw new Error("The Node.js native addon module (tfjs_binding.node)
	 * can not " +), the message follows */
	const char *e, *p = find(c, "native addon module (", &e), *e2 = NULL, *q = NULL;
	for (int k = 0; p && k < 16 && !q; k++) {
		q = find_from(e, line_end(c, e), ") can not be found at path: ", &e2);
		if (!q)
			p = find_from(e, c->end, "native addon module (", &e);
	}
	if (!q)
		return false;
	set(c, "tfjs-binding-not-found", "missing-prebuild", "tfjs-node", "@tensorflow/tfjs-node's binding was never installed");
	const char *le = line_end(c, e2), *t = le;
	while (t > e2 && (t[-1] == '.' || is_blank(t[-1])))
		t--;
	set_file(c, dup_range(c, e2, t));
	if (!c->ex->package)
		c->ex->package = "@tensorflow/tfjs-node";
	c->ex->why = "tfjs-node downloads libtensorflow and its prebuilt binding (lib/napi-v<N>/tfjs_binding.node) in its install script; the file is not there, so that script did not run (--ignore-scripts, a package manager that skips it) or failed (no network to its storage, no prebuild for this platform, then a compile that failed).";
	c->ex->fix = arena_printf(c->a, "npm rebuild %s (it reruns the download; on a platform without a prebuild: npm rebuild %s --build-from-source), or delete node_modules and install again", c->ex->package, c->ex->package);
	return true;
}
