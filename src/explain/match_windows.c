/*
 * match_windows.c - Windows LoadLibrary: one room of the message recogniser (explain.c
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

/* ---- Windows (loader-facts.md 8) ------------------------------------------ */

/* The path Node appends after the system text: the next non-empty line. */
static const char *windows_path(struct ctx *c, const char *after_msg)
{
	/* the path on the message's own line: a paste that lost the line
	 * break ("... could not be found. C:\\app\\x.node  ATOM_SHELL_ASAR.js:140"),
	 * up to the end of its .node name */
	const char *s0 = after_msg, *le0 = line_end(c, after_msg);
	while (s0 < le0 && is_blank(*s0))
		s0++;
	if (s0 < le0 && (match_at(s0, le0, "\\\\?\\") || (le0 - s0 > 2 && isalpha((unsigned char)s0[0]) && s0[1] == ':' && s0[2] == '\\'))) {
		/* ".node" ending a name, not inside one (C:\Users\x\.node-red\...) */
		const char *ne = NULL, *n = s0;
		while ((n = find_from(n, le0, ".node", &ne)) != NULL &&
		       ne < le0 && (isalnum((unsigned char)*ne) || *ne == '-' || *ne == '_' || *ne == '\\' || *ne == '/'))
			n = ne;
		return dup_range(c, s0, n ? ne : le0);
	}
	const char *s = line_end(c, after_msg);
	while (s < c->end && (*s == '\r' || *s == '\n' || *s == ' '))
		s++;
	const char *e = line_end(c, s);
	/* a closing quote or code-span mark of the paste is not the path's */
	while (e > s && (e[-1] == '`' || e[-1] == '\'' || e[-1] == '"' || e[-1] == ' ' || e[-1] == '\t'))
		e--;
	if (s < e && (match_at(s, e, "\\\\?\\") || (e - s > 2 && s[1] == ':')))
		return dup_range(c, s, e);
	return NULL;
}

/* The text comes from a packaged desktop app rather than a project being
 * developed: electron-builder's per-user install directory, an asar archive
 * (or its unpacked twin), the temporary copy Electron makes of a .node it
 * reads from an asar, or the directory NW.js extracts its package to.  Such
 * apps were built on the packager's machine, often another OS.  (A pkg
 * executable is not counted: in the public threads its addon was as often
 * a 32/64-bit mismatch, agracio/edge-js#121, as another OS's build.) */
static bool packaged_app(struct ctx *c)
{
	return has(c, "app.asar") || has(c, "\\AppData\\Local\\Programs\\") || has(c, ".tmp.node") ||
	       has(c, "\\AppData\\Local\\Temp\\nw");
}

/* ... unless the text shows a 32-bit app or build, when the 32/64-bit
 * mismatch is the likelier reading (an --ia32 package, an x86 install). */
static bool thirty_two_bit_app(struct ctx *c)
{
	return has(c, "Program Files (x86)") || has(c, "Program Files(x86)") || has(c, "ia32") || has(c, "32bit") ||
	       has(c, "32-bit") || has(c, "\\x86\\");
}

bool m_windows(struct ctx *c)
{
	const char *e, *p, *lp = NULL, *le = NULL, *lang = NULL;
	int loc = windows_localized(c->t, c->end, &lp, &le, &lang);
	if (!loc) {
		/* libuv's own text when FormatMessage has no message for the error
		 * (src/win/dl.c uv__format_fallback_error, "error: %1!d!"): the bare
		 * Win32 code, then Node's "\r\n<path>" - only before a Windows path,
		 * so that any other "error: 126" is not read as one */
		for (const char *f = c->t; (f = find_from(f, c->end, "error: ", &e)) != NULL; f = e) {
			const char *de;
			long code = number_at(e, c->end, &de);
			if (code != 126 && code != 127 && code != 193 && code != 1114)
				continue;
			const char *w = de;
			while (w < c->end && (*w == '\r' || *w == '\n' || *w == ' ') && w - de < 4)
				w++;
			if (w + 3 <= c->end && ((w[0] == '\\' && w[1] == '\\') || (isalpha((unsigned char)w[0]) && w[1] == ':' && w[2] == '\\'))) {
				loc = (int)code;
				lp = f;
				le = de;
				break;
			}
		}
	}
	bool m193 = (p = find(c, " is not a valid Win32 application", &e)) != NULL ||
		    /* as some retype it */
		    (p = find(c, " is not a valid win32 application", &e)) != NULL;
	if (!m193 && loc == 193) {
		p = lp;
		e = le;
		m193 = true;
	}
	if (m193) {
		set(c, "windows-bad-exe-format", "wrong-arch", "windows", "Windows refused the addon's format: usually the wrong CPU (32/64-bit, ARM64)");
		const char *name = path_before(c, p);
		const char *after = windows_path(c, e);
		set_file(c, after ? after : (name && strcmp(name, "%1") ? name : NULL));
		c->ex->why = "ERROR_BAD_EXE_FORMAT: the DLL is for another architecture than node.exe (x86 vs x64 vs ARM64), or is not a Windows DLL at all (a Linux/macOS build copied over).";
		c->ex->fix = arena_printf(c->a, "reinstall %s with the node.exe that runs it (check 'node -p process.arch')", pkg_or(c, "the package"));
		/* a VS Code extension's own .node: the publisher built the
		 * extension (and the addon in it) on their machine, usually a
		 * Mac or Linux one, and published one package for every OS */
		const char *f = c->ex->file ? c->ex->file : "";
		/* a platform-specific VSIX installs as <publisher>.<name>-<version>-win32-<arch>:
		 * built for Windows, so the mismatch is its CPU */
		bool win_vsix = strstr(f, "-win32-x64\\") || strstr(f, "-win32-arm64\\") || strstr(f, "-win32-ia32\\") ||
				has(c, "-win32-arm64\\") || has(c, "-win32-x64\\");
		if (!win_vsix && (strstr(f, "\\.vscode\\extensions\\") || strstr(f, "\\.vscode-insiders\\extensions\\") ||
				  strstr(f, "\\.cursor\\extensions\\") || strstr(f, "\\.vscode-oss\\extensions\\") || has(c, "Activating extension"))) {
			c->ex->cause = "wrong-os";
			c->ex->title = "a VS Code extension ships an addon built for another OS";
			c->ex->why = "The addon is inside a VS Code extension, which its publisher packaged on their own machine (often macOS or Linux) and published as one package for every OS unless they publish platform-specific ones: its .node is that OS's binary, which Windows refuses (ERROR_BAD_EXE_FORMAT). An x64/ARM64 mismatch gives the same text, less often.";
			c->ex->fix = "update the extension (publishers fix this with platform-specific VSIX packages, vsce package --target win32-x64), or report it to its publisher; until then, install a version built on Windows";
		} else if (!win_vsix && packaged_app(c) && !thirty_two_bit_app(c)) {
			c->ex->cause = "wrong-os";
			c->ex->title = "a packaged app ships an addon built on another OS";
			c->ex->why = "The addon is inside a packaged desktop app (app.asar, an installed app's resources, or the temporary copy Electron or NW.js extracts from the package): it was built on the machine that made the package. electron-builder, electron-packager and nw-builder cannot cross-compile native addons, so a Windows package made on macOS or Linux carries that OS's .node, which Windows refuses (ERROR_BAD_EXE_FORMAT). A 32/64-bit mismatch (an --ia32 package with an x64 addon) gives the same text.";
			c->ex->fix = "build the Windows package on Windows (a Windows CI runner), where npm installs or rebuilds the addon for Windows; for a 32-bit package rebuild the addon with --arch=ia32 (npx @electron/rebuild --arch=ia32)";
		}
		return true;
	}
	if ((p = find(c, "The specified module could not be found.", &e)) || (p = find(c, "the specified module could not be found", &e)) ||
	    /* as some retype or translate it back */
	    (p = find(c, "The specified module was not found.", &e)) ||
	    (loc == 126 && (p = lp) && (e = le))) {
		set(c, "windows-module-not-found", "missing-library", "windows", "a DLL the addon needs was not found");
		set_file(c, windows_path(c, e));
		c->ex->why = "ERROR_MOD_NOT_FOUND: Node names only the addon, but it is almost always a DLL the addon depends on that is missing: the Visual C++ runtime (vcruntime140.dll, msvcp140.dll) or a library the package expects on PATH.";
		c->ex->fix = "install the latest Microsoft Visual C++ Redistributable; list the addon's DLL needs with 'addon-doctor deps FILE' (or dumpbin /dependents) and install what is missing";
		return true;
	}
	if ((p = find(c, "Windows cannot verify the digital signature for this file", &e)) ||
	    (p = find(c, "This program is blocked by group policy", &e))) {
		/* 577 ERROR_INVALID_IMAGE_HASH (code integrity: a signature
		 * check failed, or the system requires signed code) and 1260
		 * ERROR_ACCESS_DISABLED_BY_POLICY (Software Restriction
		 * Policies / AppLocker): the file is there, a policy refused it */
		bool hash = match_at(p, c->end, "Windows cannot verify") != NULL;
		set(c, hash ? "windows-invalid-image-hash" : "windows-blocked-by-policy", "code-signature", "windows",
		    hash ? "Windows refused the addon's digital signature" : "a Windows policy does not allow the addon to load");
		set_file(c, windows_path(c, line_end(c, e)));
		c->ex->why = hash ? "ERROR_INVALID_IMAGE_HASH: Windows' code integrity checked the DLL's signature and refused it: the file was changed after signing (patched, damaged in the download), or this system (or the process, e.g. an Electron app with code-integrity guard) accepts only signed code and the addon is unsigned."
				  : "ERROR_ACCESS_DISABLED_BY_POLICY: Software Restriction Policies or AppLocker (group policy of a managed machine) do not allow DLLs from this location (typically the user profile, where node_modules usually lives) to load. The file itself is fine.";
		c->ex->fix = hash ? arena_printf(c->a, "reinstall %s (delete its folder in node_modules first); if it still fails, the system or app requires signed code: use a signed build, or ask the administrator to allow it", pkg_or(c, "the package"))
				  : "ask the administrator to allow the project's folder (or the package's publisher) in the AppLocker / Software Restriction policy, or work from a folder the policy allows";
		return true;
	}
	if ((p = find(c, "is not compatible with the version of Windows you're running", &e))) {
		/* 216 ERROR_EXE_MACHINE_TYPE_MISMATCH */
		set(c, "windows-machine-type-mismatch", "wrong-arch", "windows", "the addon is built for another CPU than this Windows runs");
		set_file(c, windows_path(c, line_end(c, e)));
		c->ex->why = "ERROR_EXE_MACHINE_TYPE_MISMATCH: the DLL's machine type is not one this Windows can load in this process: an x64 or ARM64 build on 32-bit Windows, or a build for another CPU family.";
		c->ex->fix = arena_printf(c->a, "install %s with a node.exe of this machine's architecture (node -p process.arch; 32-bit Windows needs an ia32 build), or npm rebuild %s --arch=<that arch>",
					  pkg_or(c, "the package"), pkg_or(c, "<package>"));
		return true;
	}
	/* 317 ERROR_MR_MID_NOT_FOUND in place of the real text: Windows had
	 * no message for the code libuv asked about, which is not a Win32
	 * error at all.  The delay-load helper's own exception (0xC06D007E /
	 * 0xC06D007F: a delay-loaded module or function not found) is such a
	 * code: an addon built for Node.js imports node.exe, which an Electron
	 * process is not (the public threads, electron/electron#13897 and
	 * brave/browser-laptop#350, are all that).  Without an Electron clue
	 * the text keeps no cause. */
	if ((p = find(c, "message text for message number 0x%1", &e))) {
		bool el = electron_clues(c) || has(c, "Uncaught Error: ");
		if (!el)
			return false; /* not recognised: the text holds no cause */
		set(c, "windows-no-message-text", "electron-abi-mismatch", "windows", "Windows had no text for the loader's error inside Electron: an addon built for Node.js");
		set_file(c, windows_path(c, line_end(c, e)));
		c->ex->why = "\"The system cannot find message text for message number 0x%1\" is Windows failing to describe the error, because the code is not a Win32 error: the delay-load helper's exception for a module or function it could not resolve. Inside Electron that is an addon built for Node.js (its imports name node.exe, or Node's own V8/libuv functions), not for this Electron.";
		c->ex->fix = arena_printf(c->a, "npx @electron/rebuild -f -w %s   (with the Electron version and arch the app uses)", pkg_or(c, "<package>"));
		return true;
	}
	if ((p = find(c, "side-by-side configuration is incorrect", &e))) {
		/* 14001 ERROR_SXS_CANT_GEN_ACTCTX: the DLL's manifest names a
		 * side-by-side assembly (the Visual C++ 2005/2008 runtime, the
		 * common-controls) that is not installed */
		set(c, "windows-side-by-side", "missing-library", "windows", "a side-by-side runtime the addon's manifest names is not installed");
		set_file(c, windows_path(c, line_end(c, e)));
		c->ex->why = "ERROR_SXS_CANT_GEN_ACTCTX: the addon (or a DLL it loads) carries a manifest that asks for a side-by-side assembly, nearly always an old Visual C++ runtime (2005 or 2008, Microsoft.VC80/VC90.CRT) of its own architecture, and Windows has none installed. sxstrace or the Application event log names the assembly.";
		c->ex->fix = "install the Visual C++ Redistributable the manifest names (2005/2008 for VC80/VC90, of the addon's architecture), or rebuild the addon with a current toolset (npm rebuild <package>), which links the runtime without a side-by-side manifest";
		return true;
	}
	if ((p = find(c, "An Application Control policy has blocked this file", &e))) {
		/* Windows Defender Application Control / Smart App Control
		 * refusing an unsigned or untrusted DLL: the file is present */
		set(c, "windows-app-control-blocked", "code-signature", "windows", "Windows Application Control refused to load the addon");
		set_file(c, windows_path(c, e));
		c->ex->why = "The .node file is there, but a Windows Defender Application Control or Smart App Control policy does not trust it (unsigned, or signed by a publisher the policy does not allow), so LoadLibrary refused it. A loader that then reports a missing binding (napi-rs's \"Cannot find native binding\") is reporting this failure.";
		c->ex->fix = "allow the file or its publisher in the Application Control policy (or turn Smart App Control off, which cannot be undone without a reset), or use a signed build of the package; reinstalling does not help";
		return true;
	}
	if ((p = find(c, "The specified procedure could not be found.", &e)) || (p = find(c, "the specified procedure could not be found", &e)) ||
	    (loc == 127 && (p = lp) && (e = le))) {
		set(c, "windows-procedure-not-found", "undefined-symbol", "windows", "a function the addon imports is missing from a DLL");
		set_file(c, windows_path(c, e));
		/* NW.js: an addon built by npm for Node.js imports node.exe's
		 * exports, which nw.exe resolves only for the ABI it was built
		 * for; nw-gyp builds against NW.js's own headers and import
		 * library */
		if (nwjs_clues(c) && c->ex->file && strstr(c->ex->file, ".node")) {
			c->ex->cause = "abi-mismatch";
			c->ex->title = "an addon built for Node.js, loaded by NW.js";
			c->ex->why = "ERROR_PROC_NOT_FOUND for the addon itself under NW.js: it was built by npm against Node.js's headers and import library, and NW.js does not export the same functions (it has its own V8, Node version and nw.dll). Native modules for NW.js are built with nw-gyp for the exact NW.js version.";
			c->ex->fix = arena_printf(c->a, "rebuild %s for NW.js: npm install -g nw-gyp, then in the package's directory nw-gyp rebuild --target=<NW.js version> --arch=<ia32|x64> (for node-pre-gyp packages: npm install %s --build-from-source --runtime=node-webkit --target=<NW.js version>)",
						  pkg_or(c, "the addon"), pkg_or(c, "<package>"));
			return true;
		}
		c->ex->why = "ERROR_PROC_NOT_FOUND: a DLL the addon imports from is present but too old or different (another version of the same DLL earlier on PATH, or a node.exe/libnode.dll without that export).";
		c->ex->fix = arena_printf(c->a, "rebuild %s for this Node.js/Electron (npm rebuild %s) and make sure no older copy of its DLLs is found first on PATH",
					  pkg_or(c, "the addon"), pkg_or(c, "<package>"));
		return true;
	}
	if ((p = find(c, "A dynamic link library (DLL) initialization routine failed.", &e)) ||
	    /* the wording of some Windows releases */
	    (p = find(c, "A dynamic-link library (DLL) initialization routine failed.", &e)) ||
	    (loc == 1114 && (p = lp) && (e = le))) {
		set(c, "windows-dll-init-failed", "dll-init-failed", "windows", "the addon's or a dependency's DllMain failed");
		set_file(c, windows_path(c, e));
		c->ex->why = "ERROR_DLL_INIT_FAILED: code running while the DLL loads returned failure (often a CPU-feature check, or a dependency that cannot initialise).";
		c->ex->fix = "reinstall the package; check that its prebuild supports this CPU and Windows version";
		return true;
	}
	return false;
}
