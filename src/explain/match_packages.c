/*
 * match_packages.c - packages' own loader texts: one room of the message recogniser (explain.c
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

/* ---- packages' own loader texts ------------------------------------------
 * Packages that pick a platform binary in JavaScript print their own
 * message when none fits; the texts below are each package's (read in its
 * published loader: esbuild's lib/main.js, @parcel/watcher's index.js,
 * node-sass's lib/binding.js and lib/extensions.js, grpc's
 * src/grpc_extension.js, @prisma/client's runtime). */

/* esbuild (>= 0.15: @esbuild/<platform>-<arch>; older: esbuild-<platform>-64)
 * "The package "X" could not be found, and is needed by esbuild.", and
 * "You installed esbuild for another platform than the one you're currently
 * using. ... Specifically the "A" package is present but this platform
 * needs the "B" package instead." */
bool m_esbuild(struct ctx *c)
{
	const char *e, *p;
	if ((p = find(c, "\" package is present but this platform", &e))) {
		const char *ls = p, *e2;
		while (ls > c->t && p - ls < 200 && ls[-1] != '"')
			ls--;
		const char *present = ls > c->t && ls[-1] == '"' ? dup_range(c, ls, p) : NULL;
		const char *nq = find_from(e, c->end, "needs the \"", &e2);
		const char *need = nq ? quoted_after(c, e2, '"') : NULL;
		set(c, "esbuild-wrong-platform-package", "missing-platform-package", "esbuild", "esbuild was installed for another platform than the one running it");
		c->ex->package = need;
		if (present)
			number(c, "platform package installed", present, NULL);
		if (need)
			number(c, "platform package this system needs", need, NULL);
		bool rosetta = present && need && strstr(present, "darwin") && strstr(need, "darwin");
		c->ex->why = rosetta ? "esbuild's binary comes in one optional package per platform; npm installed the other Mac CPU's package: npm ran under Rosetta 2 (x86_64) and node runs natively on arm64, or the reverse."
				     : "esbuild's binary comes in one optional package per platform, and npm installs only the one of the machine that ran npm install: node_modules (or a lockfile made without the other platforms, or a Docker build context) was carried from another OS or CPU, e.g. a Mac's node_modules mounted into a Linux container, or shared between Windows and WSL.";
		c->ex->fix = "install on the machine (or in the image) that runs it: rm -rf node_modules && npm install there; in Docker add node_modules to .dockerignore and run npm ci in the image; with a shared lockfile, keep optional dependencies (no --omit=optional)";
		return true;
	}
	if ((p = find(c, "The package \"", &e)) && find_from(e, line_end(c, e), "\" could not be found, and is needed by esbuild", NULL)) {
		const char *pkg = quoted_after(c, e, '"');
		set(c, "esbuild-platform-package-missing", "missing-platform-package", "esbuild", "esbuild's platform package is not installed");
		c->ex->package = pkg;
		if (pkg)
			number(c, "missing package", pkg, NULL);
		c->ex->why = arena_printf(c->a, "esbuild ships its binary in %s, an optional dependency for this platform, and it is not installed: optional dependencies were omitted (--no-optional, --omit=optional, NODE_ENV/production settings of some tools), npm's optional-dependency bug (npm/cli#4828), a lockfile made on another platform, or node_modules copied from another machine.",
					  pkg ? pkg : "a platform package");
		c->ex->fix = "rm -rf node_modules package-lock.json && npm install on this machine, without --no-optional / --omit=optional (or add the platform package explicitly)";
		return true;
	}
	return false;
}

/* @parcel/watcher: "No prebuild or local build of @parcel/watcher found.
 * Tried @parcel/watcher-<platform>-<arch>[-glibc|-musl]." */
bool m_parcel_watcher(struct ctx *c)
{
	const char *e, *p = find(c, "No prebuild or local build of @parcel/watcher found", &e);
	if (!p)
		return false;
	const char *e2, *t = find_from(e, line_end(c, e), "Tried ", &e2);
	const char *pkg = NULL;
	if (t) {
		const char *q = e2;
		while (q < c->end && !is_blank(*q) && *q != ',')
			q++;
		if (q > e2 && q[-1] == '.')
			q--;
		pkg = dup_range(c, e2, q);
	}
	set(c, "parcel-watcher-no-build", "missing-platform-package", "@parcel/watcher", "the platform package of @parcel/watcher is not installed");
	c->ex->package = pkg ? pkg : "@parcel/watcher";
	if (pkg)
		number(c, "missing package", pkg, NULL);
	c->ex->why = arena_printf(c->a, "@parcel/watcher loads its binary from %s, an optional dependency for this platform (and libc), and it is not installed: optional dependencies omitted, npm's optional-dependency bug (npm/cli#4828), a lockfile or node_modules from another OS/CPU/libc (a glibc install copied into Alpine), or a platform with no published build.",
				  pkg ? pkg : "a per-platform package");
	c->ex->fix = "rm -rf node_modules package-lock.json && npm install on the machine (or in the image) that runs it, keeping optional dependencies; on a platform with no build, install build tools so @parcel/watcher compiles";
	return true;
}

/* node-sass (lib/binding.js, lib/extensions.js): the binding lives in
 * vendor/<platform>-<arch>-<ABI>/binding.node, downloaded at install. */
bool m_node_sass(struct ctx *c)
{
	const char *e, *p;
	if ((p = find(c, "Node Sass does not yet support your current environment", &e))) {
		set(c, "node-sass-unsupported-environment", "missing-prebuild", "node-sass", "this node-sass release has no binary (and no support) for this Node.js");
		const char *e2, *u = find_from(e, line_end(c, e), "Unsupported runtime (", &e2);
		if (u) {
			long abi = number_at(e2, c->end, NULL);
			if (abi > 0)
				number(c, "NODE_MODULE_VERSION of this runtime", arena_printf(c->a, "%ld", abi), abi_words(c, abi));
			const char *w = abi > 0 ? abi_words(c, abi) : "";
			if (abi > 0 && strstr(w, "Electron") && !strstr(w, "Node.js")) {
				/* an Electron-only number: node-sass inside an Electron app,
				 * which no node-sass release supports */
				c->ex->cause = "electron-abi-mismatch";
				c->ex->package = "node-sass";
				c->ex->title = "node-sass loaded by Electron, which it has no binary for";
				c->ex->why = arena_printf(c->a, "The runtime's NODE_MODULE_VERSION %ld is %s's, not a Node.js release's: node-sass runs inside an Electron app (or an editor built on it), and node-sass publishes binaries for Node.js only.", abi, w);
				c->ex->fix = "use sass (Dart Sass, pure JavaScript) instead of node-sass in the Electron app; or npx @electron/rebuild -f -w node-sass to compile it for Electron (needs python and a C++ compiler)";
				return true;
			}
		}
		c->ex->package = "node-sass";
		c->ex->why = "Each node-sass release knows a fixed list of Node.js versions and publishes binaries for them only; this Node.js is newer than the release installed (node-sass is deprecated and has no release for recent Node.js majors).";
		c->ex->fix = "replace node-sass with sass (Dart Sass: npm uninstall node-sass && npm install sass; sass-loader uses it as is), or upgrade node-sass to the release that supports this Node.js, or run the Node.js version it supports";
		return true;
	}
	if ((p = find(c, "Node Sass could not find a binding for your current environment", &e))) {
		set(c, "node-sass-missing-binding", "missing-prebuild", "node-sass", "node-sass's binary for this environment is not installed");
		c->ex->package = "node-sass";
		const char *e2, *mb = find(c, "Missing binding ", &e2);
		if (mb) {
			const char *file = dup_range(c, e2, line_end(c, e2));
			set_file(c, file);
			c->ex->package = "node-sass"; /* set_file took it from the path */
			const char *v = file ? strstr(file, "vendor/") : NULL;
			if (!v && file)
				v = strstr(file, "vendor\\");
			if (v) {
				const char *d = v + 7, *de = d;
				while (*de && *de != '/' && *de != '\\')
					de++;
				const char *dash = de;
				while (dash > d && dash[-1] != '-')
					dash--;
				long abi = dash < de ? atol(dash) : 0;
				if (abi > 0)
					number(c, "NODE_MODULE_VERSION this runtime looks for", arena_printf(c->a, "%ld", abi), abi_words(c, abi));
			}
		}
		/* "Found bindings for the following environments:\n  - OS X
		 * 64-bit with Node.js 12.x": what was installed, and for whom */
		const char *e3, *fb = find(c, "Found bindings for the following environments:", &e3);
		const char *envline = find(c, "for your current environment: ", &e2) ? dup_range(c, e2, line_end(c, e2)) : NULL;
		const char *found = NULL;
		if (fb) {
			/* node-sass lists each as "  - X"; a paste through markdown
			 * may lose the dash and gain a blank line */
			const char *q = line_end(c, e3);
			while (q < c->end && (is_blank(*q) || *q == '\n' || *q == '\r') && q - e3 < 16)
				q++;
			if (q < c->end && *q == '-') {
				q++;
				while (q < c->end && *q == ' ')
					q++;
			}
			if (q < c->end && find_from(q, line_end(c, q), " with ", NULL))
				found = dup_range(c, q, line_end(c, q));
		}
		if (envline)
			number(c, "this environment", envline, NULL);
		if (found)
			number(c, "binding installed for", found, NULL);
		/* the OS word before "64-bit"/"32-bit": Linux, OS X, Windows,
		 * Linux/musl; a different one means node_modules came from
		 * another OS */
		bool other_os = false, other_node = false;
		if (envline && found) {
			const char *a = strstr(envline, " with "), *b = strstr(found, " with ");
			if (a && b) {
				other_os = (size_t)(a - envline) != (size_t)(b - found) || strncmp(envline, found, (size_t)(a - envline));
				other_node = strcmp(a, b) != 0;
			}
		}
		bool musl_diff = envline && found && !strncmp(envline, "Linux", 5) && !strncmp(found, "Linux", 5) &&
				 (!strncmp(envline, "Linux/musl", 10)) != (!strncmp(found, "Linux/musl", 10));
		const char *sp1 = envline ? strchr(envline, ' ') : NULL, *sp2 = found ? strchr(found, ' ') : NULL;
		bool same_os_word = sp1 && sp2 && sp1 - envline == sp2 - found && !strncmp(envline, found, (size_t)(sp1 - envline));
		if (other_os && musl_diff) {
			c->ex->cause = "wrong-libc";
			c->ex->title = "node-sass was installed for another C library (glibc vs musl)";
			c->ex->why = "node-sass downloads the binding of the system that ran npm install; the one here is for the other Linux C library (a glibc install copied into Alpine, or the reverse).";
			c->ex->fix = "npm rebuild node-sass inside the image that runs it (node_modules in .dockerignore), or replace node-sass with sass";
		} else if (other_os && same_os_word) {
			c->ex->cause = "wrong-arch";
			c->ex->title = "node-sass was installed for another CPU";
			c->ex->why = "node-sass downloads the binding of the node that ran npm install; the one here is for another architecture (a 32-bit and a 64-bit node, an arm64 and an x64 one, Rosetta).";
			c->ex->fix = "npm rebuild node-sass with the node that runs it, or replace node-sass with sass";
		} else if (other_os) {
			c->ex->cause = "wrong-os";
			c->ex->title = "node-sass was installed on another OS (or libc, or CPU) than the one running it";
			c->ex->why = "node-sass downloads the binding of the machine that ran npm install; the only one here is for another system: node_modules was copied or mounted from another machine (a Mac's or Windows' node_modules in a Linux container, a glibc install in Alpine).";
			c->ex->fix = "install on the machine (or in the image) that runs it: rm -rf node_modules && npm install there (in Docker: node_modules in .dockerignore); better, replace node-sass with sass";
		} else if (other_node) {
			c->ex->cause = "abi-mismatch";
			c->ex->title = "node-sass was installed with another Node.js version";
			/* "... with Node.js 12.x" / "with Node 0.10.x": that major's ABI */
			const char *w = strstr(found, " with Node");
			if (w) {
				w += strlen(" with Node");
				if (!strncmp(w, ".js", 3))
					w += 3;
				while (*w == ' ')
					w++;
				char spec[16];
				size_t k = 0;
				while (k + 1 < sizeof spec && (isdigit((unsigned char)w[k]) || w[k] == '.') && !(w[k] == '.' && w[k + 1] == 'x'))
					spec[k] = w[k], k++;
				spec[k] = '\0';
				struct node_release nr;
				if (k && abi_node_release(spec, &nr))
					number(c, "NODE_MODULE_VERSION of the binding installed", arena_printf(c->a, "%d", nr.modules),
					       arena_printf(c->a, "Node.js %s", spec));
			}
			c->ex->why = "node-sass keeps one binding per Node.js ABI (vendor/<platform>-<arch>-<ABI>); the one here is for the Node.js that ran npm install, not the one running now (nvm/volta switch, a CI image upgrade).";
			c->ex->fix = "npm rebuild node-sass with the Node.js that runs it (it downloads that binding), or replace node-sass with sass";
		} else {
			c->ex->why = "node-sass downloads vendor/<platform>-<arch>-<ABI>/binding.node in its install script; it is not there: install scripts skipped (--ignore-scripts), the download blocked (proxy, GitHub release gone for old versions) and the fallback compile failed.";
			c->ex->fix = "npm rebuild node-sass (read its output), or replace node-sass with sass (Dart Sass, no binary)";
		}
		return true;
	}
	return false;
}

/* grpc (the deprecated native package): "Failed to load gRPC binary module
 * because it was not installed for the current system\nExpected directory:
 * node-v83-linux-x64-glibc\nFound: [node-v72-darwin-x64-unknown]". */
/* "node-v83-linux-x64-glibc" -> "83", "linux", "x64", "glibc"; returns how
 * many parts were read (4 for a well-formed name). */
static int grpc_dir_parts(const char *dir, char part[4][32])
{
	if (strncmp(dir, "node-v", 6))
		return 0;
	int n = 0;
	for (const char *q = dir + 6; *q && n < 4; n++) {
		size_t k = strcspn(q, "-");
		snprintf(part[n], 32, "%.*s", (int)(k < 31 ? k : 31), q);
		q += k;
		if (*q == '-')
			q++;
	}
	return n;
}

bool m_grpc(struct ctx *c)
{
	const char *e, *p = find(c, "Failed to load gRPC binary module because it was not installed for the current system", &e);
	if (!p)
		return false;
	const char *e2, *ed = find_from(e, c->end, "Expected directory: ", &e2);
	const char *want = ed ? dup_range(c, e2, line_end(c, e2)) : NULL;
	const char *e3, *fd = find_from(e, c->end, "Found: [", &e3);
	const char *got = NULL;
	if (fd) {
		const char *q = e3;
		while (q < c->end && *q != ']' && *q != ',' && *q != '\n')
			q++;
		got = q > e3 ? dup_range(c, e3, q) : NULL;
	}
	set(c, "grpc-binary-not-installed", "missing-prebuild", "grpc", "grpc's binary for this system is not installed");
	c->ex->package = "grpc";
	if (want)
		number(c, "directory this system needs", want, NULL);
	if (got)
		number(c, "directory installed", got, NULL);
	/* an Electron directory asked for, a Node.js one installed: npm
	 * installed grpc for Node.js and nothing rebuilt it for Electron */
	/* an Electron directory asked for, another Electron's installed: built
	 * (or downloaded) for another Electron version than the one running */
	if (want && got && !strncmp(want, "electron-v", 10) && !strncmp(got, "electron-v", 10) && strcmp(want, got)) {
		c->ex->cause = "electron-abi-mismatch";
		c->ex->title = "grpc was built for another Electron version";
		c->ex->why = arena_printf(c->a, "The Electron that runs it looks for grpc's binary in %s; the one installed is %s, made for another Electron version (the app's Electron was upgraded, or the rebuild targeted the wrong version).", want, got);
		c->ex->fix = "npx @electron/rebuild -f -w grpc (it reads the app's Electron version); better, move to @grpc/grpc-js, which has no binary";
		return true;
	}
	if (want && got && !strncmp(want, "electron-v", 10) && !strncmp(got, "node-v", 6)) {
		c->ex->cause = "electron-abi-mismatch";
		c->ex->title = "grpc was installed for Node.js, not rebuilt for this Electron";
		long v = atol(got + 6);
		if (v > 0)
			number(c, "NODE_MODULE_VERSION of the installed binary", arena_printf(c->a, "%ld", v), abi_words(c, v));
		c->ex->why = arena_printf(c->a, "Electron (an app, or an editor such as VS Code running an extension) looks for grpc's binary in %s; only %s is there, the one npm install made for the Node.js that ran it. grpc's binary must be built for Electron's ABI.", want, got);
		c->ex->fix = "npx @electron/rebuild -f -w grpc (for the Electron version and arch that loads it: npm rebuild grpc --runtime=electron --target=<version> --dist-url=https://electronjs.org/headers); better, move to @grpc/grpc-js, which has no binary";
		return true;
	}
	/* node-v<ABI>-<platform>-<arch>-<libc>: compare part by part */
	char wp[4][32] = { { 0 } }, gp[4][32] = { { 0 } };
	int wn = want && got ? grpc_dir_parts(want, wp) : 0, gn = want && got ? grpc_dir_parts(got, gp) : 0;
	/* number() keeps the pointer: copy out of these stack buffers */
	if (wn == 4 && isdigit((unsigned char)wp[0][0]))
		number(c, "NODE_MODULE_VERSION this runtime needs", arena_printf(c->a, "%s", wp[0]), abi_words(c, atol(wp[0])));
	if (gn == 4 && isdigit((unsigned char)gp[0][0]))
		number(c, "NODE_MODULE_VERSION of the installed binary", arena_printf(c->a, "%s", gp[0]), abi_words(c, atol(gp[0])));
	if (wn == 4 && gn == 4) {
		if (strcmp(wp[1], gp[1])) {
			c->ex->cause = "wrong-os";
			c->ex->title = "grpc was installed on another OS than the one running it";
			c->ex->why = arena_printf(c->a, "grpc installs the binary of the machine that ran npm install (%s here); this system needs %s: node_modules was copied or mounted from another OS (a Mac's node_modules in a Linux container).", got, want);
			c->ex->fix = "npm rebuild grpc on the machine (or in the image) that runs it (in Docker: node_modules in .dockerignore, npm ci in the image); better, move to @grpc/grpc-js, which has no binary";
			return true;
		}
		if (strcmp(wp[2], gp[2])) {
			c->ex->cause = "wrong-arch";
			c->ex->title = "grpc was installed for another CPU";
			c->ex->why = arena_printf(c->a, "The installed binary (%s) is for another CPU than this process needs (%s).", got, want);
			c->ex->fix = "npm rebuild grpc with the node that runs it (same architecture), or move to @grpc/grpc-js";
			return true;
		}
		if (strcmp(wp[3], gp[3]) && strcmp(gp[3], "unknown")) {
			c->ex->cause = "wrong-libc";
			c->ex->title = "grpc was installed for another C library (glibc vs musl)";
			c->ex->why = arena_printf(c->a, "The installed binary (%s) is for another C library than this system's (%s): node_modules from a glibc system in Alpine, or the reverse.", got, want);
			c->ex->fix = "npm rebuild grpc inside the image that runs it, or move to @grpc/grpc-js";
			return true;
		}
		if (strcmp(wp[0], gp[0])) {
			c->ex->cause = "abi-mismatch";
			c->ex->title = "grpc was installed with another Node.js version";
			c->ex->why = arena_printf(c->a, "The installed binary (%s) is for another Node.js ABI than the running one (%s): node_modules was installed with another Node.js.", got, want);
			c->ex->fix = "npm rebuild grpc with the Node.js that runs it, or move to @grpc/grpc-js";
			return true;
		}
	}
	c->ex->why = "grpc's install script downloads (or compiles) the binary for the installing system; none for this one is there: install scripts skipped, the download failed and the compile too, or no binary exists for this Node.js (grpc is deprecated and stopped at Node.js 14/16).";
	c->ex->fix = "npm rebuild grpc (read its output), or move to @grpc/grpc-js, which has no binary";
	return true;
}

/* Prisma: the query engine for this platform was never generated ("Prisma
 * Client could not locate the Query Engine for runtime "X"" ... "generated
 * for "Y", but the actual deployment required "X"").  A load failure of
 * an engine that is there ("Unable to require(`...so.node`)" with
 * "Details: <loader text>") is left to the loader's own text. */
bool m_prisma(struct ctx *c)
{
	const char *e, *p = find(c, "could not locate the Query Engine for runtime \"", &e);
	if (!p)
		return false;
	const char *rt = quoted_after(c, e, '"');
	const char *e2, *g = find(c, "was generated for \"", &e2);
	const char *gen = g ? quoted_after(c, e2, '"') : NULL;
	set(c, "prisma-engine-not-generated", "missing-prebuild", "prisma", "Prisma's query engine for this platform was not generated");
	c->ex->package = "@prisma/client";
	if (rt)
		number(c, "engine this system needs", rt, NULL);
	if (gen)
		number(c, "engine generated", gen, NULL);
	c->ex->why = arena_printf(c->a, "prisma generate downloads the query engine of the machine it runs on (%s%s) plus the schema's binaryTargets; the deployment runs on %s, whose engine was not generated: the client was generated on another platform (a developer machine, a build image with another libc or OpenSSL) and copied.",
				  gen ? gen : "its own platform", gen ? "" : "", rt ? rt : "another platform");
	c->ex->fix = arena_printf(c->a, "add \"%s\" to binaryTargets in schema.prisma's generator block (binaryTargets = [\"native\", \"%s\"]) and run prisma generate again, or run prisma generate where it runs (in the image)",
				  rt ? rt : "<the runtime named above>", rt ? rt : "<it>");
	return true;
}

/* Oracle's ODPI-C (node-oracledb's Thick mode): "DPI-1047: Cannot locate a
 * 64-bit Oracle Client library: "<the loader's text>"": the Oracle Client
 * (Instant Client) libraries are not installed or not on the search path,
 * or are for the other architecture.  node-oracledb's own NJS-045 ("cannot
 * load a node-oracledb [Thick mode] binary ... Looked for ...") and NJS-067
 * ("a pre-built ... binary was not found for <platform>") are its binary's
 * absence; an NJS-045 with "require('oracledb') error was:" is left to the
 * loader text it quotes. */
bool m_oracle(struct ctx *c)
{
	const char *e, *p;
	if ((p = find(c, "DPI-1047: Cannot locate a ", &e))) {
		if (has(c, ": file too short"))
			return false; /* the library is there, damaged: m_elf_header */
		bool arch = has(c, "wrong ELF class") || has(c, "incompatible architecture") || has(c, "not a valid Win32 application") ||
			    has(c, "wrong architecture");
		set(c, "oracle-client-not-found", arch ? "wrong-arch" : "missing-library", "oracledb",
		    arch ? "the Oracle Client libraries found are for another architecture" : "the Oracle Client libraries are not installed or not found");
		c->ex->package = "oracledb";
		bool win = has(c, "oci.dll") || has(c, "specified module could not be found") || has(c, "Win32") || has(c, ":\\");
		c->ex->library = win ? "oci.dll" : has(c, "libclntsh.dylib") || has(c, "dlopen(") ? "libclntsh.dylib" : "libclntsh.so";
		c->ex->why = arch ? "node-oracledb's Thick mode loads the Oracle Client libraries (Instant Client) at run time, and the ones found are for the other architecture (a 32-bit Instant Client for a 64-bit node, or an x86_64 one on Apple silicon)."
				  : "node-oracledb's Thick mode loads the Oracle Client libraries (Instant Client: libclntsh / oci.dll) at run time, and the loader found none: Instant Client is not installed, or not on the library search path (LD_LIBRARY_PATH or ldconfig on Linux, PATH on Windows; macOS needs libDir), or a dependency of it is missing (libaio on Linux, the Visual C++ runtime on Windows). The .node itself loaded fine.";
		c->ex->fix = arch ? "install the Instant Client of node's architecture (node -p process.arch), and point initOracleClient({libDir}) at it; or use Thin mode (node-oracledb 6+, no Oracle Client needed)"
				  : "use Thin mode (node-oracledb 6+: do not call initOracleClient) if the database allows it; otherwise install Oracle Instant Client (Basic) for this platform and architecture, with libaio1 on Linux, and pass its directory to oracledb.initOracleClient({libDir}) or put it on the library path (ldconfig, PATH)";
		return true;
	}
	if ((p = find(c, "NJS-067: a pre-built node-oracledb", &e))) {
		set(c, "oracledb-no-binary-available", "missing-prebuild", "oracledb", "node-oracledb has no pre-built Thick mode binary for this platform");
		c->ex->package = "oracledb";
		c->ex->why = "node-oracledb ships pre-built Thick mode binaries for a few platforms only; this one (its name follows the message) has none.";
		c->ex->fix = "use Thin mode (node-oracledb 6+: do not call initOracleClient), or build node-oracledb from source for this platform (see its INSTALL notes)";
		return true;
	}
	if ((p = find(c, "NJS-045: cannot load a node-oracledb", &e))) {
		if (has(c, "error was:"))
			return false; /* the quoted loader text decides */
		set(c, "oracledb-cannot-load-binary", "missing-prebuild", "oracledb", "node-oracledb's binary is not there");
		c->ex->package = "oracledb";
		c->ex->why = "node-oracledb looked for its binary (build/Release/oracledb-<version>-<platform>-<arch>.node and the others listed) and found none: the package was installed for another platform or Node.js (a copied node_modules), its binary was left out by a bundler (webpack changes __dirname: the build/ directory must be copied), or no pre-built binary exists for this platform.";
		c->ex->fix = "reinstall oracledb on this machine (rm -rf node_modules/oracledb && npm install); with webpack copy node_modules/oracledb/build/ to the output (or use Thin mode, which needs no binary)";
		return true;
	}
	return false;
}

/* Next.js: "Failed to load SWC binary for linux/x64" after "Attempted to
 * load @next/swc-<platform>, but an error occurred: <text>" lines; the
 * quoted loader text, if any, is matched first (the list order). */
bool m_next_swc(struct ctx *c)
{
	const char *e, *p = find(c, "Failed to load SWC binary for ", &e);
	if (!p)
		return false;
	const char *pl = token_at(c, e);
	set(c, "next-swc-not-loaded", "missing-platform-package", "next", "Next.js found no working @next/swc binary for this platform");
	c->ex->package = "next";
	if (pl)
		number(c, "platform/arch", pl, NULL);
	c->ex->why = "Next.js compiles with SWC, whose binary comes in one optional package per platform (@next/swc-linux-x64-gnu, -musl, darwin-arm64, win32-x64-msvc...). None loaded: the platform's package was not installed (optional dependencies omitted, npm's optional-dependency bug npm/cli#4828, a lockfile or node_modules from another OS/CPU/libc), or its version does not match next's. Next.js then tries the WASM fallback, which is not available for every command.";
	c->ex->fix = "rm -rf node_modules package-lock.json && npm install on the machine (or in the image) that builds it, keeping optional dependencies; check that @next/swc-<platform> has the same version as next";
	return true;
}

static bool bundle_output_path(const char *f);

/* require-addon (Holepunch: sodium-native 4+, udx-native, rocksdb-native):
 * "Cannot find addon '<specifier>' imported from '<parent URL>'".  It tries
 * the package's prebuilds/<platform>-<arch>/ files and swallows every
 * require() error, so the text covers both "no build for this host" and
 * "a build that fails to load" (another libc, ABI, or a missing library). */
bool m_require_addon(struct ctx *c)
{
	const char *e, *p = find(c, "Cannot find addon '", &e);
	if (!p)
		return false;
	const char *e2, *q = find_from(e, line_end(c, e), "' imported from '", &e2);
	if (!q)
		return false;
	const char *parent = quoted_after(c, e2, '\'');
	const char *pdir = parent && !strncmp(parent, "file://", 7) ? parent + 7 : parent;
	bool bundled = pdir && !strstr(pdir, "node_modules") && (bundle_output_path(pdir) || strstr(pdir, "/snapshot/") || strstr(pdir, "$bunfs") || strstr(pdir, "~BUN"));
	set(c, bundled ? "require-addon-bundled" : "require-addon-not-found", bundled ? "bundled-addon" : "missing-prebuild", "require-addon",
	    bundled ? "require-addon searched beside a bundle, not in the package" : "require-addon found no addon of this package that loads here");
	if (pdir) {
		c->ex->package = package_of(c->a, pdir);
		number(c, "imported from", parent, NULL);
	}
	c->ex->why = bundled ? "require-addon resolves the addon from the package that imports it (its package.json and prebuilds/<platform>-<arch>/); the importing file is a bundle or a packaged executable's file, so the package's prebuilds are not there."
			     : "require-addon looks in the package's prebuilds/<platform>-<arch>/ (and build/) for a .node and require()s each; none worked. Either the package has no prebuild for this platform and CPU (and was not built here), or the one it has fails to load and the error was swallowed: a glibc build on musl (Alpine), a build for another Node.js ABI, or a missing system library. 'addon-doctor inspect' on the file in prebuilds/ tells which.";
	c->ex->fix = bundled ? "keep the native package out of the bundle (externals) so it is imported from node_modules"
			     : arena_printf(c->a, "check prebuilds/ in %s for this platform-arch; if there is none, build it from source (npm rebuild %s with a C/C++ toolchain, or the package's own build script); if there is one, run addon-doctor inspect on it to see why it cannot load",
					    pkg_or(c, "the package"), pkg_or(c, "<package>"));
	return true;
}

/* Executables shipped as per-platform npm packages, with their launcher's
 * own text when the platform's package is not installed: Turborepo's
 * bin/turbo and Biome's bin/biome. */
bool m_cli_platform_package(struct ctx *c)
{
	const char *p = find(c, "Turborepo did not find the correct binary for your platform", NULL);
	const char *tool = "turbo";
	if (!p && (p = find(c, "The Biome CLI package doesn't ship with prebuilt binaries for your platform yet", NULL)))
		tool = "@biomejs/biome";
	if (!p)
		return false;
	set(c, "cli-platform-package-missing", "missing-platform-package", tool, "the tool's platform package is not installed");
	c->ex->package = tool;
	c->ex->why = arena_printf(c->a, "%s's binary comes in one optional package per platform, and the launcher found none for this one: optional dependencies omitted (--no-optional, --omit=optional), npm's optional-dependency bug (npm/cli#4828), a lockfile or node_modules from another OS/CPU, or a platform the tool does not build for.", tool);
	c->ex->fix = "rm -rf node_modules package-lock.json && npm install on the machine (or in the image) that runs it, keeping optional dependencies";
	return true;
}

/* Executables: a glibc-linked program (node, a tool's binary) started on a
 * system without glibc's loader (Alpine/musl): the kernel finds no ELF
 * interpreter, and the shell says "not found" for a file that is there;
 * musl's own loader names the missing interpreter. */
bool m_no_interpreter(struct ctx *c)
{
	const char *e, *p = find(c, "Could not open '/lib64/ld-linux-", &e);
	if (!p)
		p = find(c, "Could not open '/lib/ld-linux-", &e);
	if (p) {
		set(c, "missing-glibc-interpreter", "wrong-libc", "musl", "a glibc program on a system without glibc (musl/Alpine)");
		c->ex->library = quoted_after(c, p + strlen("Could not open '"), '\'');
		c->ex->why = arena_printf(c->a, "The program is linked against glibc and asks for its loader %s, which this system does not have: it is a musl system (Alpine), where a glibc build cannot start. The package installed the glibc (-gnu) build of a tool whose musl build exists, or has none.", c->ex->library ? c->ex->library : "ld-linux");
		c->ex->fix = "install the musl build (for npm packages with per-platform binaries: reinstall inside the Alpine image so the -musl package is chosen, e.g. rm -rf node_modules && npm ci there), or use a glibc-based image (node:<version>-slim); gcompat runs some glibc programs";
		return true;
	}
	/* NixOS: /lib64/ld-linux-x86-64.so.2 is nix-ld's stub (programs.nix-ld
	 * off), which prints this for any binary built for a usual Linux
	 * system (an FHS path to glibc's loader) and exits */
	if ((p = find(c, "Could not start dynamically linked executable: ", &e))) {
		const char *prog = dup_range(c, e, line_end(c, e));
		set(c, "nixos-stub-ld", "missing-library", "nixos", "a program built for other Linux systems cannot start on NixOS: there is no glibc loader at the usual path");
		c->ex->library = "/lib64/ld-linux-x86-64.so.2 (NixOS's stub-ld)";
		if (prog && is_node_binary(prog)) {
			c->ex->subject = "runtime";
			c->ex->file = prog;
		} else
			set_file(c, prog);
		c->ex->why = arena_printf(c->a, "NixOS keeps glibc and every library in /nix/store, not at the paths a generic Linux binary names: %s asks for its loader at /lib64/ld-linux-x86-64.so.2, where NixOS has only a stub that prints this and exits (https://nix.dev/permalink/stub-ld). The program never ran, so no npm rebuild helps.",
					  prog ? prog : "the program");
		c->ex->fix = prog && is_node_binary(prog)
			? "use NixOS's own Node.js (nix-shell -p nodejs, or nodejs in the flake/devShell) instead of the downloaded one, or enable programs.nix-ld (with the libraries it needs) to run generic Linux binaries"
			: "use the program from nixpkgs, patch it (patchelf --set-interpreter, autoPatchelfHook), or enable programs.nix-ld to run generic Linux binaries";
		return true;
	}
	/* busybox sh: "sh: ./node: not found" for an existing file */
	const char *e2, *q = find(c, "sh: ", &e2);
	for (int k = 0; q && k < 16; k++, q = find_from(e2, c->end, "sh: ", &e2)) {
		const char *le = line_end(c, e2), *nf = find_from(e2, le, ": not found", NULL);
		if (!nf || nf - e2 > 1024)
			continue;
		const char *prog = dup_range(c, e2, nf);
		if (!prog || !strchr(prog, '/') || strchr(prog, ' ') || !is_node_binary(prog))
			continue;
		set(c, "musl-shell-not-found", "wrong-libc", "musl", "node itself is a glibc build on a musl system (Alpine)");
		c->ex->subject = "runtime";
		c->ex->file = prog;
		c->ex->why = arena_printf(c->a, "The shell says \"not found\" for %s although the path is given: the file is there, but the kernel cannot find its ELF interpreter. An official nodejs.org Linux build links glibc (/lib64/ld-linux-x86-64.so.2), which Alpine (musl) does not have. No npm rebuild helps.", prog);
		c->ex->fix = "use Node.js built for musl: apk add nodejs, the node:<version>-alpine image, or the unofficial linux-x64-musl builds (unofficial-builds.nodejs.org); or run on a glibc-based image";
		return true;
	}
	return false;
}

/* nexe 1.x (browserify bundles): NativeModule.require of a .node it cannot
 * embed, "No such native module <name or path>" */
bool m_nexe(struct ctx *c)
{
	const char *e, *p = find(c, "Error: No such native module ", &e);
	if (!p)
		return false;
	set(c, "nexe-no-native-module", "bundled-addon", "nexe", "the packed executable cannot load the native module");
	number(c, "native module", token_at(c, e), NULL);
	c->ex->why = "nexe packed the application's JavaScript into the executable (nexe 1.x through browserify), and a native module cannot be packed: its require() goes to the executable's own module table, which has no such module. nexe's maintainers: native modules are not supported inside the binary.";
	c->ex->fix = "ship the native module beside the executable and require it by an absolute path at run time, or use a packager that supports addons (pkg with the .node as an asset, Node's single-executable applications with the addon outside)";
	return true;
}

/* The last resort for packages' own wordings: a line that says a package
 * named after a platform (@scope/darwin-arm64, tool-linux-x64-gnu,
 * @scope/cli-win32-x64) could not be found or loaded.  Tools that ship
 * per-platform optional packages all fail this way when it is absent. */
bool m_platform_package_named(struct ctx *c)
{
	static const char *const plats[] = { "darwin-", "linux-", "win32-", "android-", "freebsd-" };
	static const char *const says[] = { "Could not find", "could not find", "Cannot find", "cannot find", "not found", "not installed", "Failed to load", "failed to load", "is missing" };
	for (const char *ls = c->t; ls < c->end;) {
		const char *le = line_end(c, ls);
		bool said = false;
		for (size_t i = 0; i < sizeof says / sizeof says[0] && !said; i++)
			said = find_from(ls, le, says[i], NULL) != NULL;
		for (size_t i = 0; said && i < sizeof plats / sizeof plats[0]; i++) {
			const char *e, *q = find_from(ls, le, plats[i], &e);
			if (!q || q == ls || (q[-1] != '/' && q[-1] != '-'))
				continue;
			/* an arch right after: x64, arm64, ia32, arm, ppc64, s390x, universal */
			if (!(match_at(e, le, "x64") || match_at(e, le, "arm64") || match_at(e, le, "ia32") || match_at(e, le, "arm") ||
			      match_at(e, le, "ppc64") || match_at(e, le, "s390x") || match_at(e, le, "universal")))
				continue;
			const char *b = q, *t = e;
			while (b > ls && (isalnum((unsigned char)b[-1]) || strchr("@/-_.", b[-1])))
				b--;
			while (t < le && (isalnum((unsigned char)*t) || strchr("-_", *t)))
				t++;
			const char *name = dup_range(c, b, t);
			if (!name || strstr(name, ".node") || (name[0] != '@' && !strchr(name, '-')))
				continue;
			set(c, "platform-package-named-missing", "missing-platform-package", "package", "a package's per-platform binary package is not installed");
			c->ex->package = name;
			number(c, "missing package", name, NULL);
			c->ex->why = arena_printf(c->a, "%s is the optional package that carries the tool's or addon's binary for this platform, and it is not there: optional dependencies omitted (--no-optional, --omit=optional), npm's optional-dependency bug (npm/cli#4828), a lockfile or node_modules from another OS/CPU, or a version of it that was never published.", name);
			c->ex->fix = arena_printf(c->a, "rm -rf node_modules package-lock.json && npm install on the machine that runs it, keeping optional dependencies; if %s was never published at that version, pin the package to a version whose platform packages exist", name);
			return true;
		}
		ls = le < c->end ? le + 1 : le;
	}
	return false;
}

/* A single-executable application (node --experimental-sea-config, and
 * sharp's loader quoting it): the embedded main script's require() only
 * loads built-in modules, so every addon path fails with
 * ERR_UNKNOWN_BUILTIN_MODULE (Node's single-executable-applications doc). */
bool m_sea_require(struct ctx *c)
{
	const char *e, *p = find(c, "No such built-in module: ", &e);
	if (!p)
		return false;
	const char *name = token_at(c, e);
	if (!name || strlen(name) < 5 || strcmp(name + strlen(name) - 5, ".node"))
		return false;
	set(c, "sea-require-builtin-only", "not-found", "node", "a single-executable app's require() cannot load files, only built-in modules");
	set_file(c, name);
	if (has(c, "Could not load the \"sharp\" module"))
		c->ex->package = "sharp";
	c->ex->why = "In a Node.js single-executable application (or a bundle run as one) the embedded script's require() resolves built-in modules only, so an addon's .node file is never looked up on disk (ERR_UNKNOWN_BUILTIN_MODULE). The addon is not missing; it cannot be reached this way.";
	c->ex->fix = "load addons through a real require: const { createRequire } = require('node:module'); createRequire(__filename)(...) with the .node files shipped next to the executable (Node's single-executable-applications docs), or do not bundle the native package into the executable";
	return true;
}

/* napi-rs generated loaders (@napi-rs/cli js-binding template): v3 "Cannot
 * find native binding. npm has a bug ..." with each attempt in
 * error.cause; v2 "Failed to load native binding" when nothing was tried,
 * and "Unsupported OS: <p>, architecture: <a>" / "Unsupported architecture
 * on <OS>: <a>" for a platform it has no entry for. */
bool m_napi_rs(struct ctx *c)
{
	const char *e, *p;
	if ((p = find(c, "Unsupported OS: ", &e)) && find_from(e, line_end(c, e), ", architecture: ", NULL)) {
		set(c, "napi-rs-unsupported-platform", "missing-prebuild", "napi-rs", "the napi-rs package has no binary for this OS/CPU at all");
		number(c, "platform, architecture", dup_range(c, e, line_end(c, e)), NULL);
		c->ex->why = "The package's generated loader has no entry for this OS and CPU: the package publishes no build for it.";
		c->ex->fix = "run on a supported platform, or build the package from source with @napi-rs/cli (needs Rust) if its repository supports it";
		return true;
	}
	if ((p = find(c, "Unsupported architecture on ", &e))) {
		set(c, "napi-rs-unsupported-platform", "missing-prebuild", "napi-rs", "the napi-rs package has no binary for this CPU");
		number(c, "OS: architecture", dup_range(c, e, line_end(c, e)), NULL);
		c->ex->why = "The package's generated loader knows this OS but not this CPU: no build for it is published.";
		c->ex->fix = "run on a supported CPU, or build the package from source with @napi-rs/cli (needs Rust) if its repository supports it";
		return true;
	}
	/* @node-rs/helper's loadBinding (swc and @node-rs packages, 2020-21) */
	if ((p = find(c, "Can not find node binding files from ", &e))) {
		set(c, "node-rs-helper-no-binding", "missing-platform-package", "napi-rs", "none of the napi-rs platform packages loaded");
		number(c, "packages tried", dup_range(c, e, line_end(c, e)), NULL);
		c->ex->why = "@node-rs/helper tried each platform package (and the local .node) and none loaded. Usually the one for this platform is not installed (npm's optional-dependency bug npm/cli#4828, a registry mirror that has not synced it, a lockfile from another OS/CPU); the helper hides the load error, so a present package that fails to load (e.g. a glibc too old for it) looks the same: require the platform package directly to see its error.";
		c->ex->fix = "rm -rf node_modules package-lock.json && npm install on the machine that runs it; if the platform package is installed, require() it directly to see why it does not load";
		return true;
	}
	p = find(c, "Cannot find native binding.", NULL);
	if (!p)
		p = find(c, "Cannot find native binding", NULL);
	if (!p)
		p = find(c, "Failed to load native binding", NULL);
	if (!p)
		return false;
	/* The loader runs inside a single-file executable: its require() looks
	 * in the executable's virtual file system, where the platform package
	 * was never put (bun build --compile: /$bunfs/, B:/~BUN/; pkg:
	 * /snapshot/; deno compile: deno-compile-). */
	if (has(c, "/$bunfs/") || has(c, "~BUN") || has(c, "/snapshot/") || has(c, "\\snapshot\\") || has(c, "deno-compile-")) {
		set(c, "napi-rs-binding-not-in-executable", "bundled-addon", "napi-rs",
		    "a napi-rs addon's loader runs inside a single-file executable that does not contain the platform package");
		c->ex->why = "The stack runs inside a compiled single-file executable (bun build --compile, pkg, deno compile). The napi-rs loader require()s its platform package (<pkg>-<platform>-<arch>) from the executable's embedded file system, and the bundler did not embed it: the package is installed where the build ran, not inside the executable.";
		c->ex->fix = "make the bundler embed the .node file: require the platform package's .node by a static path so it is bundled (bun build --compile embeds directly required .node files), or ship the .node beside the executable and load it with createRequire(process.execPath); or keep the package out of the bundle";
		return true;
	}
	set(c, "napi-rs-missing-binding", "missing-platform-package", "napi-rs", "the platform package of a napi-rs addon is not installed");
	c->ex->why = "napi-rs packages ship each platform's binary as an optional dependency (e.g. <pkg>-linux-x64-gnu). It was not installed: npm's optional-dependency bug (npm/cli#4828), a lockfile made on another OS/CPU, --omit=optional, or node_modules copied between machines.";
	c->ex->fix = "rm -rf node_modules package-lock.json && npm install (on the machine that runs it); or add the platform package explicitly";
	return true;
}

/* A node-pre-gyp binding directory in `path`: a segment "node-v<abi>-<os>-...",
 * "electron-v<x.y>-<os>-..." or "napi-v<n>-<os>-..." (module_path's
 * {node_abi}, {napi_build_version} and {platform} parts; sqlite3's
 * lib/binding/, grpc's extension_binary/).  Returns 'n', 'e', 'a' or 0;
 * *abi gets the number of a node-v segment, *seg the segment. */
static int npg_dir(struct ctx *c, const char *path, long *abi, const char **seg)
{
	static const char *const os[] = { "linux", "darwin", "win32", "freebsd", "openbsd", "sunos", "android", "aix" };
	static const char *const kinds[] = { "node-v", "electron-v", "napi-v", "node-webkit-v" };
	for (const char *s = path; *s; s++) {
		if (s != path && s[-1] != '/' && s[-1] != '\\')
			continue;
		for (size_t k = 0; k < 4; k++) {
			size_t kl = strlen(kinds[k]);
			if (strncmp(s, kinds[k], kl))
				continue;
			const char *q = s + kl, *d = q;
			while (*q && (isdigit((unsigned char)*q) || ((k == 1 || k == 3) && *q == '.')))
				q++;
			if (q == d)
				continue;
			/* bcrypt 5's module_path is lib/binding/napi-v{napi_build_version}
			 * with no platform part: a Node-API directory all the same */
			if (k == 2 && (*q == '/' || *q == '\\') && s >= path + 8 && !strncmp(s - 8, "binding", 7)) {
				*seg = arena_strndup(c->a, s, (size_t)(q - s));
				*abi = -1;
				return 'a';
			}
			if (*q != '-')
				continue;
			bool plat = false;
			for (size_t i = 0; i < sizeof os / sizeof os[0]; i++)
				if (!strncmp(q + 1, os[i], strlen(os[i])))
					plat = true;
			if (!plat)
				continue;
			const char *e = q;
			while (*e && *e != '/' && *e != '\\')
				e++;
			*seg = arena_strndup(c->a, s, (size_t)(e - s));
			*abi = k == 0 ? atol(d) : -1;
			return k == 0 ? 'n' : k == 1 ? 'e' : k == 3 ? 'w' : 'a';
		}
	}
	return 0;
}

/* require('../build/Release/canvas'): a request into node-gyp's
 * build/Release or build/Debug, or node-waf's build/default, whose last
 * component has no extension.  require() tries .js, .json and .node there;
 * only a compiled addon lives in those directories (a name with an
 * extension such as config.js is a plain module). */
/* node-gyp's output directories (build/default: node-waf's) */
static const char *const gyp_dirs[] = { "build/Release/", "build/Debug/", "build/default/",
					"build\\Release\\", "build\\Debug\\", "build\\default\\" };

static bool gyp_output_request(const char *name)
{
	for (size_t i = 0; i < sizeof gyp_dirs / sizeof gyp_dirs[0]; i++) {
		const char *d = strstr(name, gyp_dirs[i]);
		if (!d)
			continue;
		const char *last = d + strlen(gyp_dirs[i]);
		if (*last && !strpbrk(last, "./\\"))
			return true;
	}
	return false;
}

/* The missing file is an installed package's own build output
 * (node-gyp's build/Release, build/Debug): the package is there, its
 * install step never produced the binary (scripts skipped by
 * --ignore-scripts, pnpm or Bun; the compile failed; node_modules copied
 * without it).  That is the binary never built, not a wrong path. */
static void never_built(struct ctx *c, const char *name)
{
	bool out = false;
	for (size_t i = 0; i < sizeof gyp_dirs / sizeof gyp_dirs[0]; i++)
		out = out || strstr(name, gyp_dirs[i]) != NULL;
	/* Electron Forge's asset relocator puts its copies in native_modules/:
	 * a missing one there is the bundling's (refine keeps it so) */
	if (!out || strstr(name, "native_modules/"))
		return;
	c->ex->cause = "missing-prebuild";
	c->ex->recognised = "node-addon-never-built";
	c->ex->title = "the package's addon was never built: its build output is missing";
	c->ex->why = arena_printf(c->a, "%s is the package's own node-gyp build output, and it is not there: the package was installed but its build never ran or failed. Install scripts are skipped by --ignore-scripts, by Bun and by pnpm 10 for dependencies not marked trusted (trustedDependencies, onlyBuiltDependencies); a compile that fails (no python or C++ toolchain) leaves the directory empty; node_modules copied or restored from a cache may lack it.", name);
	bool bun = has(c, "bun ") || has(c, "\" from \"");
	c->ex->fix = bun ? arena_printf(c->a, "bun pm trust %s (or add it to trustedDependencies and reinstall), or build it: cd node_modules/%s && npx node-gyp rebuild", pkg_or(c, "<package>"), pkg_or(c, "<package>"))
			 : arena_printf(c->a, "npm rebuild %s and read its build output for the error (pnpm: pnpm rebuild %s after allowing it in onlyBuiltDependencies)", pkg_or(c, "<package>"), pkg_or(c, "<package>"));
}

/* require('../build/Release/x.node') names no package: the module that
 * asked does.  Node's "Require stack:" lists it first; older releases have
 * no such list, and the requiring module is the first top-level frame
 * ("Object.<anonymous> (<path>:line:col)") under node_modules. */
static void set_requirer_package(struct ctx *c, const char *name)
{
	if (c->ex->package || !name || name[0] != '.')
		return;
	const char *e, *p = find(c, "Require stack:", &e);
	if (p) {
		const char *e2, *d = find_from(e, c->end, "- ", &e2);
		if (d && d - e < 8) {
			c->ex->package = package_of(c->a, dup_range(c, e2, line_end(c, e2)));
			if (c->ex->package)
				return;
		}
	}
	/* Bun names the requiring file after the request:
	 * 'Cannot find module "../build/Release/pty.node" from "<file>"' */
	const char *eb, *fb = find(c, "\" from \"", &eb);
	if (fb) {
		const char *r = quoted_after(c, eb, '"');
		if (r && strstr(r, "node_modules")) {
			c->ex->package = package_of(c->a, r);
			if (c->ex->package)
				return;
		}
	}
	const char *from = c->t;
	for (int k = 0; k < 64 && (p = find_from(from, c->end, "Object.<anonymous> (", &e)); k++, from = e) {
		const char *le = line_end(c, e);
		if (find_from(e, le, "node_modules", NULL)) {
			c->ex->package = package_of(c->a, dup_range(c, e, le));
			return;
		}
	}
}

/* The file of the first stack frame after `from` ("    at f (FILE:L:C)" or
 * "    at FILE:L:C"), or NULL. */
static const char *first_frame_file(struct ctx *c, const char *from)
{
	const char *e, *p = find_from(from, c->end, "\n", NULL);
	for (int k = 0; p && k < 64; k++) {
		const char *ls = p + 1, *le = line_end(c, ls);
		while (ls < le && is_blank(*ls))
			ls++;
		if (le - ls > 3 && !memcmp(ls, "at ", 3)) {
			const char *o = find_from(ls, le, "(", &e);
			const char *s0 = o ? e : ls + 3, *s1 = o ? find_from(e, le, ")", NULL) : le;
			return dup_range(c, s0, s1 ? s1 : le);
		}
		p = le < c->end ? le : NULL;
	}
	return NULL;
}

/* The first file of Node's "Require stack:" list after `from` ("- FILE"),
 * the module that made the require(), or NULL. */
static const char *first_requirer(struct ctx *c, const char *from)
{
	const char *e, *p = find_from(from, c->end, "Require stack:", &e);
	if (!p)
		return NULL;
	const char *ls = e;
	while (ls < c->end && (is_blank(*ls)))
		ls++;
	if (ls >= c->end || *ls != '-')
		return NULL;
	ls++;
	while (ls < c->end && *ls == ' ')
		ls++;
	const char *le = line_end(c, ls);
	return le > ls ? dup_range(c, ls, le) : NULL;
}

/* A bundler's or framework's output directory in a path outside
 * node_modules: code there was bundled, and its require() of a relative
 * .node looks beside the bundle, not in the package. */
static bool bundle_output_path(const char *f)
{
	static const char *const marks[] = { "/.next/", "\\.next\\", "chunks/", "chunks\\", "webpack-runtime", "webpack:", "/.webpack/", "\\.webpack\\",
					     "/.output/server/", "/.vite/", "/out/main/", "\\out\\main\\", "/dist_electron/", "\\dist_electron\\", "/.nuxt/",
					     "/.svelte-kit/", "/.vercel/output/" };
	if (!f || strstr(f, "node_modules"))
		return false;
	for (size_t i = 0; i < sizeof marks / sizeof marks[0]; i++)
		if (strstr(f, marks[i]))
			return true;
	return false;
}

/* An installed (packaged) application's own directory: the packager put
 * the app there, and a .node missing there was left out of the package. */
static bool installed_app_path(const char *f)
{
	return f && (strstr(f, "\\Program Files\\") || strstr(f, "\\Program Files (x86)\\") || strstr(f, "\\AppData\\Local\\Programs\\") ||
		     strstr(f, "/Applications/") || strstr(f, ".app/Contents/Resources/"));
}

/* "<name>_<platform>_<arch>_<ABI>.node" (uWebSockets.js: one binary per
 * runtime ABI in the package): the ABI number, or -1. */
static long per_abi_binary(const char *name)
{
	static const char *const plats[] = { "win32", "linux", "darwin", "freebsd" };
	static const char *const arches[] = { "x64", "ia32", "arm64", "arm", "ppc64", "s390x" };
	size_t n = strlen(name);
	if (n < 6 || strcmp(name + n - 5, ".node"))
		return -1;
	for (size_t i = 0; i < sizeof plats / sizeof plats[0]; i++)
		for (const char *q = strstr(name, plats[i]); q; q = strstr(q + 1, plats[i])) {
			if (q == name || (q[-1] != '_' && q[-1] != '-'))
				continue;
			const char *r = q + strlen(plats[i]);
			if (*r != '_' && *r != '-')
				continue;
			r++;
			for (size_t j = 0; j < sizeof arches / sizeof arches[0]; j++) {
				size_t al = strlen(arches[j]);
				if (strncmp(r, arches[j], al) || (r[al] != '_' && r[al] != '-'))
					continue;
				const char *d = r + al + 1, *de;
				/* an optional C library part: -glibc-, -musl- (Sentry's
				 * sentry_cpu_profiler-linux-x64-glibc-115.node) */
				static const char *const libcs[] = { "glibc", "musl", "gnu" };
				for (size_t l = 0; l < sizeof libcs / sizeof libcs[0]; l++)
					if (!strncmp(d, libcs[l], strlen(libcs[l])) && (d[strlen(libcs[l])] == '-' || d[strlen(libcs[l])] == '_'))
						d += strlen(libcs[l]) + 1;
				de = d;
				while (isdigit((unsigned char)*de))
					de++;
				if (de > d && de - d <= 3 && !strcmp(de, ".node"))
					return atol(d);
			}
		}
	return -1;
}

bool m_cannot_find_module(struct ctx *c)
{
	const char *e, *p = find(c, "Cannot find module ", &e);
	/* Parcel's resolver says it its own way ("@parcel/transformer-css:
	 * Could not resolve module \".../x.darwin-arm64.node\" from ...") */
	if (!p)
		p = find(c, "Could not resolve module ", &e);
	if (!p)
		return false;
	const char *name;
	if (e < c->end && (*e == '\'' || *e == '"'))
		name = quoted_after(c, e + 1, *e);
	else
		name = token_at(c, e);
	/* a quote the paste never closed: the word after it */
	if (!name && e < c->end && (*e == '\'' || *e == '"'))
		name = token_at(c, e + 1);
	if (!name)
		return false;
	size_t n = strlen(name);
	while (n && name[n - 1] == '.' && (n < 5 || strcmp(name + n - 5, ".node")))
		((char *)name)[--n] = '\0';
	/* webpack replaced the package's run-time require(path) with a
	 * context of the files it saw at build time, and the .node was not
	 * among them: webpackEmptyContext / webpackMissingModule frames */
	/* (a request for node-gyp's output without the extension, as winax's
	 * './build/Release/node_activex', is the same addon) */
	if (((n > 5 && !strcmp(name + n - 5, ".node")) || gyp_output_request(name)) && (has(c, "webpackEmptyContext") || has(c, "webpackMissingModule"))) {
		set(c, "webpack-context-missing-addon", "bundled-addon", "webpack", "webpack bundled the addon's loader, and the .node file is not in the bundle");
		set_file(c, name);
		set_requirer_package(c, name);
		c->ex->why = "The require() of the .node file ran inside webpack's bundle (webpackEmptyContext: webpack found no file for a require whose path is computed at run time), so it never reached node_modules. The package and its .node file are usually installed and fine; the bundler took the package's JavaScript away from them.";
		c->ex->fix = arena_printf(c->a, "keep %s out of the bundle (webpack externals; vue-cli-plugin-electron-builder: externals: ['%s'] in pluginOptions.electronBuilder; electron-vite externalizeDepsPlugin), so it is required from node_modules at run time; when packaging Electron, unpack its .node files (asarUnpack)",
					  pkg_or(c, "the native package"), pkg_or(c, "<package>"));
		return true;
	}
	/* sharp >= 0.33 (lib/sharp.js) tries a local build
	 * ../build/Release/sharp-<platform>.node first, then the optional
	 * package @img/sharp-<platform>; a paste that keeps only the first
	 * attempt still says the package was not there */
	{
		const char *sp = strstr(name, "build/Release/sharp-");
		if (!sp)
			sp = strstr(name, "build\\Release\\sharp-");
		if (sp && n > 5 && !strcmp(name + n - 5, ".node") && !strstr(name, "wasm32") && strncmp(name, "undefined", 9)) {
			const char *plat = sp + strlen("build/Release/sharp-");
			const char *pkg = arena_printf(c->a, "@img/sharp-%.*s", (int)(name + n - 5 - plat), plat);
			set(c, "sharp-platform-package-missing", "missing-platform-package", "sharp", "sharp's platform package is not installed");
			c->ex->package = pkg;
			number(c, "missing package", pkg, NULL);
			c->ex->why = arena_printf(c->a, "sharp 0.33 and later look for a local build (%s) first and then for the optional package %s, which carries the binary for this platform; neither is there, so %s was not installed: npm's optional-dependency bug (npm/cli#4828), a lockfile or node_modules made on another platform (a glibc or macOS install mounted into an Alpine container), --omit=optional, or pnpm/yarn skipping it.",
						  name, pkg, pkg);
			c->ex->fix = arena_printf(c->a, "install where it runs: npm install --include=optional sharp (or npm install --os=<os> --cpu=<cpu> --libc=<libc> sharp for another platform), with node_modules not shared between systems; %s can be added explicitly", pkg);
			return true;
		}
	}
	/* Electron Forge's webpack asset relocator rewrote the package's
	 * require to its copy, native_modules/<path> beside the bundle; the
	 * copy is not where the bundle looks (a renderer's bundle, a changed
	 * output layout) */
	if (n > 5 && !strcmp(name + n - 5, ".node") && (strstr(name, "native_modules/") || strstr(name, "native_modules\\"))) {
		set(c, "forge-relocated-addon-missing", "bundled-addon", "webpack", "the bundle requires Electron Forge's relocated copy of the addon, which is not there");
		set_file(c, name);
		c->ex->package = NULL;
		c->ex->why = arena_printf(c->a, "%s is the path Electron Forge's webpack plugin (its asset relocator) wrote into the bundle for its copy of the addon, relative to the bundle; the copy is not there (a renderer bundle whose output directory differs from main's, or the relocator did not copy it). The package in node_modules is fine.", name);
		c->ex->fix = "keep the native package out of the webpack bundle (externals, e.g. with @timfish/forge-externals-plugin) and require it from node_modules in the main process (or a preload), packaged unpacked (asar.unpack: **/*.node)";
		return true;
	}
	/* @vercel/ncc compiled the package's require of a module it could not
	 * find at build time into a stub (@@notfound.js) that throws: the
	 * platform package (or addon) was not where ncc ran, so it is not in
	 * the single-file output */
	if (has(c, "/@@notfound.js") || has(c, "\\@@notfound.js")) {
		set(c, "ncc-notfound-stub", "bundled-addon", "ncc", "@vercel/ncc compiled this require into a not-found stub: the module is not in the bundle");
		set_file(c, name);
		c->ex->why = arena_printf(c->a, "The require of %s runs from @vercel/ncc's @@notfound.js: when ncc built the single-file output it could not resolve the module (a platform package installed only for the machine that ran ncc, or a .node it cannot pack) and put a stub there that throws this error. Installing it where the bundle runs does not help: the bundle never looks in node_modules.", name);
		c->ex->fix = arena_printf(c->a, "keep %s out of the ncc bundle (ncc build -e %s) and install it next to the bundle at run time, or ship the bundle's node_modules for every platform it runs on", name, name);
		return true;
	}
	/* "undefinedbuild/Release/x.node", "undefined/x.node": the loader
	 * joined its directory variable to the file name, and the bundle
	 * (webpack's asset relocator, a __dirname rewrite) left that variable
	 * undefined */
	if (n > 5 && !strcmp(name + n - 5, ".node") && !strncmp(name, "undefined", 9) &&
	    (name[9] == '/' || name[9] == '\\' || !strncmp(name + 9, "build", 5) || !strncmp(name + 9, "prebuilds", 9))) {
		set(c, "bundler-undefined-dir", "bundled-addon", "node", "a bundler left the addon's directory undefined: the path begins with \"undefined\"");
		set_file(c, name);
		c->ex->package = NULL;
		c->ex->why = arena_printf(c->a, "The path %s begins with \"undefined\": the package's loader builds it from a directory variable (__dirname, a relocated base path) that the bundler rewrote and left undefined (webpack's asset relocator in Electron Forge and vercel/ncc do this). The package and its .node file are installed; the bundled JavaScript lost track of them.", name);
		c->ex->fix = "keep the native package out of the bundle (webpack externals, Electron Forge: list it in the webpack plugin's externals and let @timfish/forge-externals-plugin copy it; electron-vite externalizeDepsPlugin), or use a loader that copies the .node file (node-loader)";
		return true;
	}
	/* pkg's snapshot filesystem cannot hold a native addon: pkg warns
	 * "Cannot include addon ... into executable" and the addon must ship
	 * beside the executable */
	if (n > 5 && !strcmp(name + n - 5, ".node") && !strstr(name, "snapshot") &&
	    (has(c, "pkg/prelude/bootstrap.js") || has(c, "Cannot include addon"))) {
		set(c, "pkg-addon-not-included", "bundled-addon", "pkg", "a pkg executable looks for the addon inside its snapshot, which cannot hold it");
		set_file(c, name);
		set_requirer_package(c, name);
		c->ex->why = "The stack runs inside a pkg executable (pkg/prelude/bootstrap.js). pkg cannot put a native addon into the executable's snapshot filesystem (it warns \"Cannot include addon ... into executable\" at build time), so the addon's relative path resolves to nothing at run time.";
		c->ex->fix = "ship the .node file beside the executable and load it from there (pkg copies addons listed in \"assets\" out to a temporary directory only when they are required by a literal path), or bundle with a tool that keeps native addons as files (Node.js single executable applications, nexe with resources)";
		return true;
	}
	bool relative = name[0] == '.' && (name[1] == '/' || name[1] == '\\' || (name[1] == '.' && (name[2] == '/' || name[2] == '\\')));
	if (n > 5 && !strcmp(name + n - 5, ".node") && relative &&
	    (bundle_output_path(first_frame_file(c, e)) || bundle_output_path(first_requirer(c, e)))) {
		set(c, "bundled-relative-addon", "bundled-addon", "node", "a bundle requires the addon by a relative path, beside the bundle");
		set_file(c, name);
		c->ex->package = NULL;
		c->ex->why = arena_printf(c->a, "The require() of %s runs in bundled code (the first frame is in a bundler's or framework's output, such as .next/server/chunks), so the relative path is resolved beside the bundle, where the .node file is not: the bundler took the package's JavaScript into the bundle and left its binary behind. The package itself is installed and fine.", name);
		c->ex->fix = "keep the native package out of the bundle: Next.js serverExternalPackages (experimental.serverComponentsExternalPackages before 15) or webpack externals; vite/rollup build.rollupOptions.external; electron-vite externalizeDepsPlugin";
		return true;
	}
	long per_abi = per_abi_binary(name);
	if (per_abi > 0) {
		set(c, "per-abi-binary-missing", "missing-prebuild", "node", "the package has no binary for this runtime's ABI");
		set_file(c, name);
		set_requirer_package(c, name);
		number(c, "NODE_MODULE_VERSION the package looks for", arena_printf(c->a, "%ld", per_abi), abi_words(c, per_abi));
		c->ex->why = arena_printf(c->a, "The package ships one binary per platform, CPU and runtime ABI and picks the one named after this process (%s); it has none for NODE_MODULE_VERSION %ld (%s): this runtime (a Node.js or Electron version) is newer or older than the ones the installed release was built for.",
					  name, per_abi, abi_words(c, per_abi));
		c->ex->fix = arena_printf(c->a, "install a release of %s built for this runtime (a newer version usually adds it), or run a Node.js/Electron version it has a binary for", pkg_or(c, "the package"));
		return true;
	}
	for (size_t i = 0; n > 5 && !strcmp(name + n - 5, ".node") && i < sizeof platform_words / sizeof platform_words[0]; i++) {
		/* napi-rs's local "./<name>.<platform>-<arch>[-abi].node": the
		 * binary lives in a platform package, not in a build step */
		char dotted[24];
		snprintf(dotted, sizeof dotted, ".%s", platform_words[i] + 1);
		if (strstr(name, dotted)) {
			set(c, "napi-rs-local-binding-missing", "missing-platform-package", "napi-rs", "the platform binary of a napi-rs addon is not installed");
			set_file(c, name);
			number(c, "missing binary", name, NULL);
			c->ex->why = "A napi-rs loader first tries the local ./<name>.<platform>-<arch>.node and then the <package>-<platform>-<arch> optional dependency; neither is here: npm's optional-dependency bug (npm/cli#4828), a lockfile made on another OS/CPU, --omit=optional, or node_modules copied between machines.";
			c->ex->fix = "rm -rf node_modules package-lock.json && npm install (on the machine that runs it); or add the platform package explicitly";
			return true;
		}
	}
	long abi = -1;
	const char *seg = NULL;
	/* a node-pre-gyp directory decides even when the file name was
	 * mistyped in the paste (".../node-v11-linux-arm/serialport,node"):
	 * the directory has a file after it */
	int kind = npg_dir(c, name, &abi, &seg);
	if (kind && !(n > 5 && !strcmp(name + n - 5, ".node"))) {
		const char *sp = seg ? strstr(name, seg) : NULL;
		const char *after = sp ? sp + strlen(seg) : NULL;
		if (!after || (*after != '/' && *after != '\\') || !after[1])
			kind = 0;
	}
	if (kind == 'n') {
		/* node-pre-gyp's {node_abi} is the running runtime's ABI: the
		 * directory for it is missing, so what was installed (if
		 * anything) is for another Node.js */
		set(c, "node-pre-gyp-binding-missing", "abi-mismatch", "node-pre-gyp", "no binary for this Node.js ABI: node_modules was installed for another Node.js");
		set_file(c, name);
		number(c, arena_printf(c->a, "NODE_MODULE_VERSION this runtime looks for (node-pre-gyp directory %s)", seg), arena_printf(c->a, "%ld", abi), abi_words(c, abi));
		/* another directory of the same package in the text ("but I can
		 * find .../node-v48-linux-x64/..."): what was installed */
		const char *e4, *o = find(c, "node-v", &e4);
		for (int k = 0; o && k < 64; k++, o = find_from(e4, c->end, "node-v", &e4)) {
			const char *after;
			long v = number_at(e4, c->end, &after);
			if (v > 0 && v != abi && after < c->end && *after == '-' && (o == c->t || o[-1] == '/' || o[-1] == '\\')) {
				number(c, "NODE_MODULE_VERSION the installed binary was built for", arena_printf(c->a, "%ld", v), abi_words(c, v));
				break;
			}
		}
		c->ex->why = arena_printf(c->a, "node-pre-gyp looks for the binary in a directory named after the running runtime's ABI (%s = NODE_MODULE_VERSION %ld, %s). "
			"It is not there: node_modules was installed (or the binary built) with another Node.js version, then run by this one (nvm/volta switch, a system node in a service or IDE, a copied node_modules); less often the install's download and build both failed.",
			seg, abi, abi_words(c, abi));
		if (electron_clues(c)) {
			c->ex->cause = "electron-abi-mismatch";
			c->ex->fix = arena_printf(c->a, "npx @electron/rebuild -f -w %s", pkg_or(c, "<package>"));
		} else if (nwjs_clues(c)) {
			c->ex->fix = arena_printf(c->a, "rebuild %s for NW.js (node-pre-gyp rebuild --runtime=node-webkit --target=<NW.js version>, or nw-gyp), with the NW.js architecture (ia32/x64)", pkg_or(c, "the package"));
		} else {
			c->ex->fix = arena_printf(c->a, "npm rebuild %s with the Node.js that runs it (check 'node -v' and 'which node' where it fails), or rm -rf node_modules && npm install with that Node.js", pkg_or(c, "<package>"));
		}
		return true;
	}
	if (kind == 'e') {
		set(c, "node-pre-gyp-binding-missing", "electron-abi-mismatch", "node-pre-gyp", "no binary for this Electron: the package was installed for Node.js or another Electron");
		set_file(c, name);
		number(c, "node-pre-gyp directory", seg, NULL);
		c->ex->why = "node-pre-gyp looks for the binary in a directory named after the running Electron version; it was installed or built for another runtime.";
		c->ex->fix = arena_printf(c->a, "npx @electron/rebuild -f -w %s", pkg_or(c, "<package>"));
		return true;
	}
	if (kind == 'w') {
		/* {node_abi} under NW.js is node-webkit-v<NW.js version>: few
		 * packages publish such binaries, so one is built at install
		 * time with --runtime=node-webkit or not at all */
		set(c, "node-pre-gyp-binding-missing", "missing-prebuild", "node-pre-gyp", "no binary of the package was built for this NW.js");
		set_file(c, name);
		number(c, "node-pre-gyp directory", seg, NULL);
		const char *ver = seg + strlen("node-webkit-v"), *ve = ver;
		while (*ve && (isdigit((unsigned char)*ve) || *ve == '.'))
			ve++;
		const char *nwver = arena_strndup(c->a, ver, (size_t)(ve - ver));
		const char *arch = strstr(seg, "-ia32") ? "ia32" : strstr(seg, "-x64") ? "x64" : strstr(seg, "-arm64") ? "arm64" : NULL;
		c->ex->why = arena_printf(c->a, "node-pre-gyp looks for the binary in a directory named after the running NW.js (%s), and none was made: npm installed the package for Node.js (its node-v<ABI> directory), and prebuilt binaries for NW.js are rarely published, so the package must be built for NW.js %s at install time.", seg, nwver);
		c->ex->fix = arena_printf(c->a, "npm install %s --build-from-source --runtime=node-webkit --target=%s%s%s (needs python3 and a C++ compiler), or build it with nw-gyp",
					  pkg_or(c, "<package>"), nwver, arch ? " --target_arch=" : "", arch ? arch : "");
		return true;
	}
	if (kind == 'a') {
		set(c, "node-pre-gyp-binding-missing", "missing-prebuild", "node-pre-gyp", "the package's prebuilt binary was never downloaded or built");
		set_file(c, name);
		number(c, "node-pre-gyp directory", seg, NULL);
		c->ex->why = "node-pre-gyp's Node-API directory does not depend on the Node.js version, so its absence means the install step neither downloaded the prebuilt binary nor compiled it: install scripts skipped (--ignore-scripts, a copied or cached node_modules), the download blocked, or the build failed; or a bundler/packager left the file out.";
		c->ex->fix = electron_clues(c)
			? arena_printf(c->a, "npx @electron/rebuild -f -w %s (or npm rebuild %s), and keep the .node file in the packaged app (asarUnpack)", pkg_or(c, "<package>"), pkg_or(c, "<package>"))
			: arena_printf(c->a, "npm rebuild %s (read its output: it downloads the prebuilt binary, or compiles it with python3, make and a C++ compiler)", pkg_or(c, "<package>"));
		return true;
	}
	if (n > 5 && !strcmp(name + n - 5, ".node") && installed_app_path(name)) {
		set(c, "packaged-app-addon-missing", "bundled-addon", "node", "the installed application does not contain the addon's binary");
		set_file(c, name);
		c->ex->package = NULL;
		c->ex->why = "The path is inside an installed application's own directory (Program Files, AppData\\Local\\Programs, /Applications), so it is the packaged app that lacks the .node file: the packager left it out (the native package bundled by webpack instead of packaged from node_modules, a devDependency, a file not unpacked from app.asar). It works in development because node_modules is there.";
		c->ex->fix = "package the native module with the app: keep it in the app's dependencies (electron-react-boilerplate: release/app/package.json), out of the webpack bundle (externals), and unpacked (asarUnpack: **/*.node); then rebuild the installer";
		return true;
	}
	if (n > 5 && !strcmp(name + n - 5, ".node")) {
		set(c, "node-cannot-find-addon", "not-found", "node", "the compiled addon file does not exist");
		set_file(c, name);
		set_requirer_package(c, name);
		c->ex->why = "require() resolved the package but its .node file was never produced: the install script did not run (--ignore-scripts, a cached/copied node_modules) or the compile failed during install.";
		c->ex->fix = arena_printf(c->a, "npm rebuild %s (and read its build output for the compiler error)", pkg_or(c, "<package>"));
		never_built(c, name);
		return true;
	}
	if (gyp_output_request(name)) {
		set(c, "node-cannot-find-addon", "not-found", "node", "the compiled addon file does not exist");
		set_file(c, name);
		set_requirer_package(c, name);
		never_built(c, name);
		c->ex->why = "The request names node-gyp's (or node-waf's) output directory without the .node extension, which require() adds: the addon was never compiled there (the install script did not run, or the compile failed during install).";
		c->ex->fix = arena_printf(c->a, "npm rebuild %s (and read its build output for the compiler error)", pkg_or(c, "<package>"));
		return true;
	}
	for (size_t i = 0; i < sizeof platform_words / sizeof platform_words[0]; i++)
		if (strstr(name, platform_words[i])) {
			set(c, "missing-platform-package", "missing-platform-package", "node", "the platform-specific package of a native dependency is not installed");
			c->ex->package = name;
			number(c, "missing package", name, NULL);
			c->ex->why = arena_printf(c->a, "%s is the optional dependency that carries the native binary for one platform. npm did not install it: npm's optional-dependency bug (npm/cli#4828), a lockfile generated on another OS/CPU, --omit=optional, or node_modules copied from another machine.", name);
			c->ex->fix = "rm -rf node_modules package-lock.json && npm install (on the target machine / in the target image)";
			return true;
		}
	return false;
}

/* bindings' "Tried:" list pasted without its header: two or more
 * " → <path>/build/.../x.node" lines. */
static const char *tried_list(struct ctx *c, const char **mend)
{
	const char *e, *p = find(c, "\xe2\x86\x92 ", &e);
	if (!p)
		return NULL;
	int n = 0;
	for (const char *from = p; n < 2;) {
		const char *e2, *q = find_from(from, c->end, "\xe2\x86\x92 ", &e2);
		if (!q)
			break;
		const char *le = line_end(c, e2);
		if (find_from(e2, le, ".node", NULL) && (find_from(e2, le, "build", NULL) || find_from(e2, le, "compiled", NULL)))
			n++;
		from = le;
	}
	if (n < 2)
		return NULL;
	*mend = e;
	return p;
}

/* bindings' own failures when its code runs from a bundle: "Could not find
 * module root given file: X" (it walks up from its caller's file to a
 * directory with package.json or node_modules, and a bundle chunk, an
 * app:// URL or a packager's virtual file system has none), and a
 * TypeError reading process.versions.modules in a browser-like target. */
static bool bindings_bundled(struct ctx *c)
{
	const char *e, *p = find(c, "Could not find module root given file", &e);
	bool versions = false;
	if (!p && (has(c, "bindings.js") || has(c, "bindings/bindings")) &&
	    ((p = find(c, "Cannot read property 'modules' of undefined", &e)) ||
	     (p = find(c, "Cannot read properties of undefined (reading 'modules')", &e))))
		versions = true;
	if (!p)
		return false;
	set(c, versions ? "bindings-no-process-versions" : "bindings-module-root", "bundled-addon", "bindings",
	    versions ? "bindings runs inside a browser-like bundle, where process.versions is missing" : "bindings could not find the package's directory: its code runs from a bundle or packaged file system");
	c->ex->package = NULL;
	c->ex->why = versions
		? "bindings reads process.versions.modules to build its paths; here process.versions is undefined, so its code runs in a bundle made for a browser-like target (a renderer chunk without Node.js integration, webpack's process polyfill), not from node_modules under Node.js."
		: "bindings finds the package's directory by walking up from the file that called it until a directory holds package.json or node_modules. That file is a bundle chunk, an app:// URL or a path inside a packaged executable's file system (nexe, pkg), which has neither: the package's JavaScript was bundled or packed away from its .node file.";
	c->ex->fix = "keep the native package out of the bundle (webpack externals; vue-cli-plugin-electron-builder: externals in pluginOptions.electronBuilder; electron-vite externalizeDepsPlugin) so it is required from node_modules, and use it from Node.js code (main process or preload with nodeIntegration), not a browser target; a packaged executable (nexe, pkg) must ship the package's directory beside it";
	return true;
}

/* Node's tryPackage: "Cannot find module '<dir>/<main>'. Please verify
 * that the package.json has a valid "main" entry": the package directory
 * and its package.json are there, the file its "main" names is not.  For a
 * .node main that is a per-platform binary package installed without its
 * binary (an interrupted or filtered install, a release published without
 * the file): the package is not missing, its prebuilt binary is. */
bool m_main_entry_missing(struct ctx *c)
{
	const char *e, *p = find(c, "Please verify that the package.json has a valid \"main\" entry", &e);
	if (!p)
		return false;
	const char *ls = line_start(c, p), *e2, *q = find_from(ls, p, "Cannot find module '", &e2);
	if (!q)
		return false;
	const char *fe = e2;
	while (fe < p && *fe != '\'')
		fe++;
	if (fe - e2 < 6 || memcmp(fe - 5, ".node", 5))
		return false;
	const char *f = dup_range(c, e2, fe);
	set(c, "node-main-entry-missing", "missing-prebuild", "node", "the package is installed but the binary its \"main\" names is missing");
	set_file(c, f);
	c->ex->why = "Node found the package's directory and its package.json, but not the .node file its \"main\" field names: the package itself is installed without its prebuilt binary (an install that was interrupted or filtered the file out, an antivirus quarantine, or a release published without it for this platform).";
	c->ex->fix = arena_printf(c->a, "reinstall it: delete node_modules/%s and run npm install again; if the file is still missing, the published package lacks it for this platform: use another version (or the package's source build / WASM fallback)",
				  c->ex->package ? c->ex->package : "<package>");
	return true;
}

/* webpack tried to bundle the .node file itself as JavaScript ("Module
 * parse failed: Unexpected character" with a .node in the import trace):
 * the native package is being bundled. */
/* @swc/core 1.3 (index.js): the native binding ('./binding', napi-rs's
 * loader of @swc/core-<platform>) is required inside a try whose catch
 * only falls back to @swc/wasm; with neither, every call throws "Bindings
 * not found." and the loader's own error is gone.  The platform package
 * not installed is the usual reason (a lockfile from another OS, Windows
 * on ARM, --omit=optional); a binary that cannot load here (an old glibc)
 * reads the same, so the fix shows how to see the real error. */
bool m_swc_bindings(struct ctx *c)
{
	if (!has(c, "Error: Bindings not found.") || !(has(c, "@swc/core") || has(c, "@swc\\core")))
		return false;
	set(c, "swc-bindings-not-found", "missing-platform-package", "swc", "@swc/core loaded neither its native binding nor @swc/wasm");
	c->ex->package = "@swc/core";
	c->ex->why = "@swc/core requires its native binding (the optional package @swc/core-<platform>, chosen by its loader) inside a try and, when that fails, only tries @swc/wasm; with neither installed it throws \"Bindings not found.\" and the loader's own error is lost. Usually the platform package for this OS/CPU was not installed (npm's optional-dependency bug npm/cli#4828, a lockfile made on another OS, Windows on ARM64, --omit=optional); less often it is installed but cannot load here (an old glibc, musl).";
	c->ex->fix = "see the real error with: node -e \"require('@swc/core/binding')\"; if it names a missing @swc/core-<platform> package: rm -rf node_modules package-lock.json && npm install on this machine (or npm install @swc/wasm as a fallback)";
	return true;
}

/* esbuild's ESM output replaces require with a shim that throws
 * 'Dynamic require of "X" is not supported' for any require it did not
 * resolve while bundling: the package's computed require of its .node
 * (or of its platform package) was bundled away from node_modules.  It
 * comes before the packages' own texts, which quote it as a detail (sharp
 * lists each attempt so). */
bool m_dynamic_require(struct ctx *c)
{
	const char *e, *p = find(c, "Dynamic require of \"", &e);
	for (int k = 0; p && k < 32; k++, p = find_from(e, c->end, "Dynamic require of \"", &e)) {
		const char *name = quoted_after(c, e, '"');
		if (!name)
			continue;
		const char *q = e + strlen(name);
		if (!match_at(q, c->end, "\" is not supported"))
			continue;
		size_t n = strlen(name);
		bool addon = (n > 5 && !strcmp(name + n - 5, ".node")) || strstr(name, "/build/Release") || has(c, ".node\" is not supported");
		if (!addon)
			continue;
		set(c, "esbuild-dynamic-require", "bundled-addon", "esbuild", "an ESM bundle (esbuild) cannot require the addon: the require was bundled away from node_modules");
		set_file(c, name);
		c->ex->package = NULL;
		c->ex->why = arena_printf(c->a, "\"Dynamic require of ... is not supported\" is thrown by the require shim esbuild puts in ESM output (also used by tsup, Vite's SSR build, wrangler): the package's require of %s was bundled, and in an ES module there is no require to reach node_modules at run time. On a platform that cannot load native addons at all (Cloudflare Workers, other edge runtimes) no configuration makes it load.", name);
		c->ex->fix = "keep the native package out of the bundle (esbuild --external:<package>, tsup/Vite ssr.external, or an output format of cjs) so it is required from node_modules; on Cloudflare Workers or another edge runtime use a WebAssembly or service-based alternative instead";
		return true;
	}
	return false;
}

bool m_webpack_parse(struct ctx *c)
{
	const char *e, *p = find(c, "Module parse failed: ", &e);
	/* esbuild's: 'error: No loader is configured for ".node" files: X' */
	if ((!p || !has(c, ".node")) && (p = find(c, "No loader is configured for \".node\" files", &e))) {
		set(c, "esbuild-no-node-loader", "bundled-addon", "esbuild", "esbuild tried to bundle the addon's binary");
		const char *e2, *q = find_from(e, line_end(c, e), ": ", &e2);
		if (q)
			set_file(c, dup_range(c, e2, line_end(c, e2)));
		c->ex->why = "esbuild followed the package's require() of its .node file while bundling (a framework adapter or a build step bundles the server code: SvelteKit's adapter-vercel, a Lambda bundler) and has no loader for binaries. The native package must stay outside the bundle and be required from node_modules at run time.";
		c->ex->fix = "mark the package external (esbuild --external:<package>; the adapter's or bundler's external list), so node_modules/<package> is deployed and required at run time";
		return true;
	}
	/* webpack's node-loader output run where it cannot work: in a browser
	 * target ("Cannot read property 'dlopen' of undefined": no process),
	 * or pointing inside Electron's own electron.asar */
	if ((!p || !has(c, ".node")) && (((p = find(c, "Cannot read property 'dlopen' of undefined", &e)) ||
					  (p = find(c, "Cannot read properties of undefined (reading 'dlopen')", &e))) ||
					 ((p = find(c, "node-loader: Error: ", &e)) && has(c, ".node")))) {
		bool browser = has(c, "'dlopen'");
		set(c, browser ? "node-loader-no-process" : "node-loader-path", "bundled-addon", "webpack", "webpack's node-loader output cannot load the addon here");
		const char *e3, *q = find(c, ".node", &e3);
		if (q) {
			const char *s0 = q;
			while (s0 > c->t && !is_blank(s0[-1]) && s0[-1] != '\'' && s0[-1] != '"' && s0[-1] != ',')
				s0--;
			set_file(c, dup_range(c, s0, e3));
		}
		c->ex->why = browser ? "The .node was bundled with webpack's node-loader, whose code calls process.dlopen; here process is undefined: the bundle runs in a browser-like target (a web build, a renderer without Node integration), where no addon can load."
				     : "webpack's node-loader emitted the .node under a hashed name and computes its path at run time; that path does not lead to the file (here inside Electron's own electron.asar), a known problem of some node-loader versions and targets.";
		c->ex->fix = "keep the native package out of the bundle (webpack externals) and require it from node_modules in Node.js code (main process, or preload with Node integration); for a web build, do not use the native package at all";
		return true;
	}
	/* "ReferenceError: bindings is not defined" inside a webpack bundle:
	 * the bindings helper was declared external or ignored (IgnorePlugin,
	 * externals: { bindings: ... }) while the package that calls it was
	 * bundled, so its require('bindings') became a missing global */
	if ((!p || !has(c, ".node")) && (p = find(c, "bindings is not defined", &e)) &&
	    (has(c, "__webpack_require__") || has(c, "webpack-internal:") || has(c, "bundle.js"))) {
		set(c, "webpack-bindings-undefined", "bundled-addon", "webpack", "the native package was bundled by webpack without its bindings helper");
		c->ex->why = "The package that loads the addon through the bindings helper runs inside a webpack bundle (the __webpack_require__ frames), and the bundle has no 'bindings': webpack was told to leave it out (externals, IgnorePlugin) or could not follow its dynamic require. Even with it, bindings looks for the .node beside the bundle, not in node_modules.";
		c->ex->fix = "keep the native package out of the bundle (webpack externals for the package itself, e.g. externals: { serialport: 'commonjs serialport' }; electron-forge/electron-builder: mark it external and ship node_modules/<package> unpacked) and require it from node_modules in the main process";
		return true;
	}
	if (!p || !has(c, ".node"))
		return false;
	set(c, "webpack-parse-addon", "bundled-addon", "webpack", "webpack tried to bundle the addon's binary as JavaScript");
	const char *e2, *q = find(c, ".node", &e2);
	if (q) {
		const char *s0 = q;
		while (s0 > c->t && !is_blank(s0[-1]) && s0[-1] != '\'' && s0[-1] != '"')
			s0--;
		set_file(c, dup_range(c, s0, e2));
	}
	c->ex->why = "webpack followed the package's require() of its .node file and tried to parse the binary as a JavaScript module: the native package is being bundled (Next.js server or edge code, an Electron main bundle), and webpack has no loader for binaries. Native packages must stay outside the bundle and be required from node_modules at run time.";
	c->ex->fix = "mark the package external: Next.js serverExternalPackages: ['<package>'] (experimental.serverComponentsExternalPackages before 15), webpack externals, or use it only in server code that is not bundled; node-loader only copies the file and breaks packages that compute their own paths";
	return true;
}

/* Deno on Windows reports only "LoadLibraryExW failed" (no Win32 error,
 * no path; denoland/deno#36625).  From a deno compile executable (its
 * extraction directory deno-compile-<name> in the stack) the addon is a
 * copy the compiler made: the one thing the text says. */
bool m_deno_loadlibrary(struct ctx *c)
{
	if (!has(c, "LoadLibraryExW failed") || !has(c, "deno-compile-"))
		return false;
	set(c, "deno-compile-loadlibrary-failed", "bundled-addon", "deno", "the addon fails to load from a deno compile executable");
	c->ex->why = "Deno on Windows prints only \"LoadLibraryExW failed\", without the Windows error; the stack shows the addon's package inside the executable's own extraction directory (deno-compile-<name>), so it is the copy deno compile packed, not the installed package: the compiled executable left out the .node file or a DLL beside it, or an older Deno could not load addons from it. The same code under deno run loads the installed package.";
	c->ex->fix = "upgrade Deno (deno upgrade) and compile again, including the package's native files (deno compile --include <the package's directory>); meanwhile run it with deno run";
	return true;
}

bool m_bindings(struct ctx *c)
{
	if (bindings_bundled(c))
		return true;
	const char *e, *p = find(c, "Could not locate the bindings file.", &e);
	if (!p && (p = tried_list(c, &e)) != NULL)
		e = p;
	if (!p)
		return false;
	set(c, "bindings-not-found", "missing-prebuild", "bindings", "the package's compiled addon was never built or downloaded");
	const char *e2, *t = find_from(e, c->end, "\xe2\x86\x92 ", &e2);
	if (t)
		set_file(c, dup_range(c, e2, line_end(c, e2)));
	/* bindings searches from the root of the package that calls it,
	 * found from the caller's file name.  When the caller is a bundle
	 * (webpack, electron-vue, a pkg/asar packaging), that root is the
	 * application's, so every tried path lies outside node_modules. */
	int paths = 0, in_nm = 0, in_snap = 0, in_asar = 0;
	const char *from = e;
	for (int k = 0; k < 64 && from < c->end; k++) {
		const char *ls = from, *le = line_end(c, from);
		while (ls < le && is_blank(*ls))
			ls++;
		if (le - ls >= 3 && !memcmp(ls, "at ", 3))
			break;
		if (find_from(ls, le, ".node", NULL)) {
			paths++;
			if (find_from(ls, le, "node_modules", NULL))
				in_nm++;
			if (find_from(ls, le, "/snapshot/", NULL) || find_from(ls, le, "\\snapshot\\", NULL))
				in_snap++;
			if ((find_from(ls, le, ".asar/", NULL) || find_from(ls, le, ".asar\\", NULL)) && !find_from(ls, le, ".asar.unpacked", NULL))
				in_asar++;
		}
		from = le < c->end ? le + 1 : le;
	}
	if (paths >= 2 && in_snap == paths) {
		c->ex->cause = "bundled-addon";
		c->ex->recognised = "bindings-in-executable";
		c->ex->title = "bindings searched inside a single-file executable: the addon was not packed into it";
		c->ex->why = "Every path bindings tried is inside pkg's /snapshot/ file system: the package's JavaScript was packed into the executable, but its .node file was not (pkg cannot put native addons into the snapshot; it warns and expects them beside the executable).";
		c->ex->fix = "ship the .node file beside the executable and load it from there (pkg copies listed assets; see pkg's 'Native addons' notes), or keep the native package out of the executable";
		return true;
	}
	if (paths >= 1 && in_asar == paths) {
		c->ex->cause = "bundled-addon";
		c->ex->recognised = "bindings-in-asar";
		c->ex->title = "bindings searched inside app.asar: the packaged app did not unpack the addon";
		c->ex->why = "Every path bindings tried is inside the app's app.asar archive. Electron can read JavaScript from an asar archive but the .node file was either left out of the package or not unpacked next to it (app.asar.unpacked), which the packager must be told to do (electron-builder does it for what it detects as native; a build step that copies or bundles node_modules hides that).";
		c->ex->fix = "unpack native modules when packaging (electron-builder: asarUnpack: [\"**/*.node\"] or the package's directory; electron-forge: the auto-unpack-natives plugin, or packagerConfig.asar.unpack), and keep the native package in the app's own dependencies so it is packaged with its build/ directory";
		return true;
	}
	if (paths >= 2 && !in_nm) {
		c->ex->cause = "bundled-addon";
		c->ex->recognised = "bindings-bundled";
		c->ex->title = "bindings searched beside a bundle, not in the package: the addon's JavaScript was bundled";
		c->ex->package = NULL;
		c->ex->why = "None of the paths bindings tried is inside node_modules: it looked in the application's own directory (or inside app.asar), which is what happens when a bundler (webpack, electron-vue, vite) or packager moved the package's JavaScript into a bundle, so bindings' search starts from the bundle instead of the package. The .node file itself is usually installed and fine. (If this is your own addon project rather than a package, it was simply never built: node-gyp rebuild.)";
		c->ex->fix = "keep the native package out of the bundle (webpack externals / externals-plugin, electron-vite externalizeDepsPlugin, vite build.rollupOptions.external) so it is required from node_modules; when packaging Electron, also unpack the .node files (asarUnpack)";
		return true;
	}
	c->ex->why = "The `bindings` helper looked in build/Release, build/Debug, compiled/... and found no .node file: the install step neither downloaded a prebuilt binary nor compiled one (install scripts skipped, or the build failed).";
	c->ex->fix = arena_printf(c->a, "npm rebuild %s (needs python3, make and a C++ compiler when no prebuild exists)", pkg_or(c, "<package>"));
	return true;
}

bool m_node_pre_gyp(struct ctx *c)
{
	/* node-pre-gyp's find() (lib/pre-binding.js) reads the package.json
	 * next to the calling module: "package.json does not exist at X", or
	 * one without node-pre-gyp's "binary" section ("package.json must
	 * declare these properties: binary").  In an installed package both
	 * are there; a bundler moved the module, so the path is computed
	 * from the bundle's directory and reaches the app's own package.json
	 * or none. */
	const char *e0, *q0 = find(c, "package.json does not exist at ", &e0);
	bool declare = !q0 && find(c, "package.json must declare these properties:", NULL) != NULL;
	const char *pj = q0 ? dup_range(c, e0, line_end(c, e0)) : NULL;
	if ((pj && !strstr(pj, "node_modules")) || declare) {
		set(c, declare ? "node-pre-gyp-package-json-no-binary" : "node-pre-gyp-package-json-missing", "bundled-addon", "node-pre-gyp",
		    "node-pre-gyp looked for the package's package.json beside a bundle: the native package was bundled");
		if (pj)
			set_file(c, pj);
		c->ex->why = declare ? "node-pre-gyp reads the \"binary\" section of the package.json beside the module that calls it; the one it found has none, so it is not the native package's own: the package's JavaScript was bundled (webpack, esbuild, ncc) and the path now leads to the app's package.json."
				     : "node-pre-gyp reads the package.json beside the module that calls it to find the binary; here that directory is the bundle's output (the frames are in a bundled file), so the native package's JavaScript was bundled away from its package.json and its binary.";
		c->ex->fix = "keep the native package out of the bundle (webpack externals, esbuild --external:<package>, electron-vite externalizeDepsPlugin) so it is required from node_modules with its package.json and binary";
		return true;
	}
	const char *p = find(c, "Pre-built binaries not installable", NULL);
	if (!p)
		p = find(c, "Pre-built binaries not found for", NULL);
	if (!p)
		return false;
	set(c, "node-pre-gyp-no-prebuild", "missing-prebuild", "node-pre-gyp", "node-pre-gyp could not download a prebuilt binary");
	c->ex->why = "No prebuilt binary was published for this Node ABI / platform (HTTP 404), or the download failed; node-pre-gyp then falls back to compiling, which needs a toolchain.";
	c->ex->fix = "install build tools (python3, make, g++) and run npm rebuild --build-from-source, or use a package version with prebuilds for this Node.js";
	return true;
}

bool m_exec_format(struct ctx *c)
{
	/* macOS's EBADARCH (errno 86) running a program: libuv has no name for
	 * it ("Unknown system error -86"), the shell says "Bad CPU type in
	 * executable": an x64 program on Apple silicon without Rosetta 2, or
	 * an arm64 one on an Intel Mac */
	if (has(c, "Unknown system error -86") || has(c, "Bad CPU type in executable")) {
		set(c, "macos-bad-cpu-type", "wrong-arch", "kernel", "macOS cannot run the program: it is built for the other CPU (x64 vs Apple silicon)");
		bool rosetta = has(c, "Rosetta");
		c->ex->why = arena_printf(c->a, "macOS refused to start the program with EBADARCH (errno 86, \"Bad CPU type in executable\"): it is built for the other CPU than this Mac runs.%s",
					  rosetta ? " The text says the package fell back to the x64 build, which on Apple silicon needs Rosetta 2, and Rosetta 2 is not installed." : " On Apple silicon an x64-only program needs Rosetta 2.");
		c->ex->fix = rosetta ? "install Rosetta 2 (softwareupdate --install-rosetta --agree-to-license), or upgrade the package to a release with an arm64 build (for esbuild: 0.17 or newer, e.g. through a resolutions/overrides entry for the old nested copy)"
				     : "install the package's build for this Mac's CPU (reinstall with a node of this architecture: node -p process.arch), or install Rosetta 2 for an x64-only program (softwareupdate --install-rosetta)";
		return true;
	}
	const char *p = find_unless(c, "Exec format error", "Error loading shared library", NULL);
	/* a container runtime's (runc, containerd: Go's error string) for the
	 * image's entrypoint: "exec /usr/local/bin/node: exec format error" */
	const char *go = p ? NULL : find(c, ": exec format error", NULL);
	if (go) {
		const char *ls0 = line_start(c, go), *x = NULL, *ex;
		for (const char *q = find_from(ls0, go, "exec ", &ex); q; q = find_from(ex, go, "exec ", &ex))
			x = ex;
		const char *prog = x && x < go ? dup_range(c, x, go) : NULL;
		/* a script (entrypoint.sh) fails so for a missing shebang or CRLF
		 * line ends, not for its CPU: only programs, named without a suffix */
		const char *base = prog ? strrchr(prog, '/') : NULL;
		if (!prog || strchr(prog, ' ') || (*prog != '/' && *prog != '.') || strchr(base ? base : prog, '.'))
			return false;
		set(c, "container-exec-format-error", "wrong-arch", "kernel", "the container's program is built for another CPU than this machine");
		set_file(c, prog);
		if (is_node_binary(prog)) {
			c->ex->subject = "runtime";
			c->ex->package = NULL;
		}
		c->ex->why = arena_printf(c->a, "The container runtime could not start %s: the kernel refused its format, so the image (or this binary in it) is for another CPU architecture than the host (an amd64 image on an arm64 host, or the reverse) and no emulation (binfmt/QEMU) is registered. Nothing ran; no npm rebuild helps.", prog);
		c->ex->fix = "use the image variant for this host's CPU (docker pull --platform linux/arm64 or linux/amd64; check 'docker image inspect' Architecture against 'uname -m'), rebuild a multi-arch image with docker buildx --platform, or register emulation (docker run --privileged tonistiigi/binfmt --install all)";
		return true;
	}
	if (!p)
		return false;
	set(c, "exec-format-error", "wrong-arch", "kernel", "a binary for another CPU or OS");
	const char *ls = line_start(c, p);
	/* the shell names the program it could not run: "-bash: PROG:
	 * cannot execute binary file: Exec format error", "sh: exec: PROG:
	 * Exec format error"; the file is PROG, not the shell */
	const char *prog = NULL;
	for (const char *s = ls, *se; s < p && (se = find_from(s, p, ": ", NULL)) != NULL; s = se + 2) {
		const char *w = s;
		while (w < se && *w == ' ')
			w++;
		if (se > w && (*w == '/' || *w == '.' || *w == '~') && !find_from(w, se, " ", NULL))
			prog = dup_range(c, w, se);
	}
	const char *colon = find_from(ls, p, ": ", NULL);
	if (prog)
		set_file(c, prog);
	else if (colon)
		set_file(c, path_before(c, colon));
	if (prog && is_node_binary(prog)) {
		c->ex->subject = "runtime";
		c->ex->package = NULL;
		c->ex->title = "node itself is built for another CPU than this machine";
		c->ex->why = arena_printf(c->a, "The kernel refused to run %s: the Node.js binary is for another CPU architecture (an x64 or arm64 tarball on a 32-bit ARM board, an arm64 build on x64), so nothing runs at all. No npm rebuild of an addon helps.", prog);
		c->ex->fix = "install the Node.js build for this machine's CPU: 'uname -m' says which (armv7l -> linux-armv7l, aarch64 -> linux-arm64, x86_64 -> linux-x64; a 64-bit board running a 32-bit OS needs armv7l)";
		return true;
	}
	c->ex->why = "The kernel (or musl's loader) refused the binary's format: it is for another CPU architecture or OS (e.g. an x64 binary on arm64 without emulation).";
	c->ex->fix = "install the build for this machine's CPU (reinstall on this machine; check 'uname -m' against the binary with 'addon-doctor inspect FILE')";
	return true;
}

/* The loader texts of data/package-texts.tsv (package_texts.c): fixed
 * wordings that packages' own JavaScript throws, each read in the
 * package's published source (tools/refresh-package-texts.sh checks they
 * are still there). */
bool m_package_texts(struct ctx *c)
{
	struct pkg_text_hit h;
	if (!explain_package_text(c->a, c->t, (size_t)(c->end - c->t), &h))
		return false;
	set(c, "package-text", h.cause, h.package, h.title);
	c->ex->subject = "addon";
	c->ex->package = h.captured ? h.captured : h.package;
	c->ex->why = h.why;
	c->ex->fix = h.fix;
	return true;
}
