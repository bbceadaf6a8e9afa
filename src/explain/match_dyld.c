/*
 * match_dyld.c - macOS dyld: one room of the message recogniser (explain.c
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

/* ---- macOS dyld (loader-facts.md 7) --------------------------------------- */

static const char *dlopen_path(struct ctx *c)
{
	const char *e, *p = find(c, "dlopen(", &e);
	if (!p)
		return NULL;
	const char *comma = e;
	while (comma < c->end && *comma != ',' && *comma != '\n' && comma - e < 4096)
		comma++;
	return comma < c->end && *comma == ',' ? dup_range(c, e, comma) : NULL;
}

static const char *have_need(struct ctx *c, const char *from, const char *key)
{
	const char *e, *p = find_from(from, c->end, key, &e);
	if (!p)
		return NULL;
	char open = *e;
	const char *v = NULL;
	if (open == '\'') {
		/* 'a' or 'b' up to the closing parenthesis; drop the quotes */
		const char *q = quoted_after(c, e, ')');
		if (q) {
			char *w = arena_strdup(c->a, q), *o = w;
			for (const char *r = q; w && *r; r++)
				if (*r != '\'')
					*o++ = *r;
			if (w)
				*o = '\0';
			v = w;
		}
	} else if (open == '(') {
		v = quoted_after(c, e + 1, ')');
	}
	return v;
}

/* pat at s, line feeds and carriage returns in the text skipped: a terminal
 * that wraps a long line breaks it anywhere, inside a word too. */
static bool prefix_skipnl(const char *s, const char *end, const char *pat)
{
	while (*pat) {
		while (s < end && (*s == '\n' || *s == '\r'))
			s++;
		if (s >= end || *s != *pat)
			return false;
		s++;
		pat++;
	}
	return true;
}

/*
 * dyld on an addon file that does not exist.  macOS 12+: "dlopen(P, N):
 * tried: 'P' (no such file), '/System/Volumes/Preboot/Cryptexes/OS/P' (no
 * such file), ..." with every entry missing (an entry with another reason
 * - wrong architecture, code signature - is matched before this).  Before
 * macOS 12: "dlopen(P, 1): image not found" on the dlopen line itself (with
 * a "Library not loaded" line it is a dependency, matched before this).
 * The list ends where the stack starts: a later "' (" in a frame or in
 * the user's words is not one of its entries.
 */
static bool dyld_file_missing(struct ctx *c)
{
	const char *e, *p = find(c, "dlopen(", &e);
	if (!p)
		return false;
	const char *e2, *t = find_from(e, c->end, "): tried: '", &e2);
	if (!t) {
		const char *le = line_end(c, e), *e3;
		return find_from(e, le, "): image not found", &e3) != NULL;
	}
	const char *stop = find_from(e2, c->end, "\n at ", NULL);
	if (!stop)
		stop = c->end;
	int n = 0;
	/* "not a file": a directory (or a device) at that path, no file */
	for (const char *q = e2, *qe; n < 256 && (q = find_from(q, stop, "' (", &qe)); q = qe, n++)
		if (!prefix_skipnl(qe, stop, "no such file") && !prefix_skipnl(qe, stop, "not a file"))
			return false;
	return n > 0;
}

static int hexdigit(char h)
{
	return isdigit((unsigned char)h) ? h - '0' : tolower((unsigned char)h) - 'a' + 10;
}

/* macOS Gatekeeper's dialog for a quarantined addon (downloaded, not
 * notarised): the text of the alert, pasted; no dyld message at all */
static bool gatekeeper(struct ctx *c)
{
	const char *e, *p;
	if (!(p = find(c, "cannot be opened because the developer cannot be verified", &e)) &&
	    !(p = find(c, "cannot be opened because Apple cannot check it for malicious software", &e)) &&
	    !(p = find(c, "Apple could not verify", &e)))
		return false;
	const char *ls = line_start(c, p), *f = NULL;
	const char *e2, *q = find_from(ls, p, ".node", &e2);
	if (q) {
		const char *s0 = q;
		while (s0 > ls && s0[-1] != '"' && s0[-1] != '\'' && !is_blank(s0[-1]))
			s0--;
		f = dup_range(c, s0, e2);
	}
	set(c, "macos-gatekeeper", "code-signature", "macos", "macOS Gatekeeper refused to load an addon that is quarantined and not notarised");
	set_file(c, f);
	c->ex->why = "The .node file carries the quarantine attribute (it came from a download: a browser, an archive, an app's own updater) and is not notarised, so Gatekeeper asks before anything may load it; dlopen fails meanwhile. Files that npm writes are not quarantined, so the file reached node_modules another way.";
	c->ex->fix = arena_printf(c->a, "reinstall %s with npm (which does not quarantine), or clear the attribute on the file: xattr -d com.apple.quarantine <file> (only for a file you trust); a publisher fixes it by notarising the prebuilt binaries",
				  pkg_or(c, "the package"));
	return true;
}

/* dyld 3+ puts the image's UUID before its path ("Referenced from:
 * <4C4C442E-...> /path"): the path starts after it, on [s, le). */
static const char *past_uuid(const char *s, const char *le)
{
	if (s < le && *s == '<') {
		while (s < le && *s != '>')
			s++;
		if (s < le)
			s++;
		while (s < le && is_blank(*s))
			s++;
	}
	return s;
}

bool m_dyld(struct ctx *c)
{
	const char *e, *p;
	if (gatekeeper(c))
		return true;
	/* An app's launch crash report ("Termination Reason: Namespace DYLD,
	 * Code 1, Library missing") for Electron's own framework whose
	 * signature the app's process refuses ("mapping process and mapped
	 * file (non-platform) have different Team IDs"): the app bundle was
	 * signed in parts by different identities (a re-signed app, a
	 * self-signed build).  The program itself never started. */
	if ((p = find(c, "not valid for use in process", &e)) && (has(c, "Electron Framework.framework") || has(c, "Termination Reason: Namespace DYLD"))) {
		set(c, "dyld-app-framework-signature", "code-signature", "dyld", "macOS refused the app's own framework: its code signature does not match the app's");
		c->ex->subject = "runtime";
		const char *e2, *r = find(c, "Referenced from: ", &e2);
		if (r) {
			const char *le = line_end(c, e2);
			c->ex->file = dup_range(c, past_uuid(e2, le), le);
		}
		c->ex->library = has(c, "Electron Framework.framework") ? "Electron Framework.framework" : NULL;
		c->ex->why = arena_printf(c->a, "dyld refused to map %s into the app's process because its code signature is not valid for that process%s: the app's executable and its frameworks were signed by different identities (the app re-signed or self-signed after Electron's framework was signed, or the framework left unsigned while the app enforces library validation). The app itself cannot start; no addon is involved.",
					  c->ex->library ? "Electron's framework" : "a framework of the app", has(c, "different Team IDs") ? " (different Team IDs)" : "");
		c->ex->fix = "sign the whole bundle with one identity (electron-builder / @electron/osx-sign sign every framework and helper; codesign --deep --force --sign <identity> as a last resort; ad-hoc: --sign -), or for a build you trust, ad-hoc re-sign it; an app downloaded with a broken signature needs a fixed release";
		return true;
	}
	if ((p = find(c, "(code signature invalid in ", &e))) {
		/* one entry of dyld's "tried:" list: the file is there, its
		 * signature is not valid (the other entries say "no such file") */
		set(c, "dyld-code-signature", "code-signature", "dyld", "macOS refused the addon's code signature");
		const char *q = find_from(e, line_end(c, e), "'", NULL);
		if (q)
			set_file(c, quoted_after(c, q + 1, '\''));
		c->ex->why = "dyld found the file but its code signature is invalid (errno 85 / EBADMACHO family): the binary was changed after signing or published with a broken signature, or the process enforces library validation and the addon is signed by another team.";
		c->ex->fix = arena_printf(c->a, "reinstall %s (a release with a broken signature needs the previous or next version: pin it); nothing must patch the file after install; ad-hoc re-signing (codesign --force --sign - <file>) works for a file you trust",
					  pkg_or(c, "the package"));
		return true;
	}
	if ((p = find(c, "incompatible architecture (have ", &e)) || (p = find(c, "but wrong architecture", &e))) {
		set(c, "dyld-incompatible-architecture", "wrong-arch", "dyld", "the addon is for another CPU (Apple silicon vs Intel)");
		set_file(c, dlopen_path(c));
		const char *have = have_need(c, p, "(have ");
		const char *need = have_need(c, p, ", need ");
		if (have)
			number(c, "the file is built for", have, NULL);
		if (need)
			number(c, "this process needs", need, NULL);
		c->ex->why = "The addon's Mach-O slice is for another CPU than the node process. Typical: node_modules installed by an x64 node (Rosetta, an old Homebrew/nvm install) and run by an arm64 node, or the reverse.";
		c->ex->fix = arena_printf(c->a, "check 'node -p process.arch' in both the install and run shells, then reinstall %s with the node that runs it (rm -rf node_modules && npm install)", pkg_or(c, "the package"));
		return true;
	}
	if ((p = find(c, "fat file, but missing compatible architecture", &e))) {
		set(c, "dyld-fat-missing-arch", "wrong-arch", "dyld", "the universal addon has no slice for this CPU");
		set_file(c, dlopen_path(c));
		const char *have = have_need(c, p, "(have ");
		const char *need = have_need(c, p, ", need ");
		if (have)
			number(c, "slices in the file", have, NULL);
		if (need)
			number(c, "this process needs", need, NULL);
		c->ex->why = "The universal (fat) Mach-O file holds slices for other CPUs only.";
		c->ex->fix = arena_printf(c->a, "reinstall %s with the node that runs it", pkg_or(c, "the package"));
		return true;
	}
	if ((p = find(c, "incompatible platform (have ", &e))) {
		set(c, "dyld-incompatible-platform", "wrong-os", "dyld", "the addon was built for another Apple platform (iOS, Catalyst...)");
		set_file(c, dlopen_path(c));
		const char *have = have_need(c, p, "(have ");
		if (have)
			number(c, "the file is built for", have, NULL);
		c->ex->why = "The Mach-O's LC_BUILD_VERSION names another platform than macOS.";
		c->ex->fix = arena_printf(c->a, "reinstall %s so the macOS build is used", pkg_or(c, "the package"));
		return true;
	}
	/* "Library not loaded ... Reason: ... code signature in (<lib>) not
	 * valid for use in process using Library Validation": the library is
	 * there, its signature was refused */
	if ((p = find(c, "Library not loaded: ", &e)) && find(c, "code signature in ", NULL) && find(c, "not valid for use in process", NULL)) {
		set(c, "dyld-code-signature", "code-signature", "dyld", "macOS refused the signature of a library the addon loads");
		set_file(c, dlopen_path(c));
		const char *e2, *q = find(c, "code signature in ", &e2);
		if (q && e2 < c->end && (*e2 == '(' || *e2 == '\''))
			c->ex->library = quoted_after(c, e2 + 1, *e2 == '(' ? ')' : '\'');
		c->ex->why = arena_printf(c->a, "dyld found %s but refused its code signature for this process (Library Validation / the hardened runtime): the library was modified after signing (an install script rewrote its paths with install_name_tool, a patch), is signed by another team than the process, or is unsigned and quarantined.",
					  c->ex->library ? c->ex->library : "the library");
		c->ex->fix = "re-sign the library after changing it (codesign --force --sign - <lib>, or with your identity), or install it unmodified; for an app with the hardened runtime, sign it with the app's team or allow unsigned libraries (com.apple.security.cs.disable-library-validation); clear the quarantine (xattr -d com.apple.quarantine <lib>)";
		return true;
	}
	if ((p = find(c, "Library not loaded: ", &e))) {
		set(c, "dyld-library-not-loaded", "missing-library", "dyld", "a dylib the addon needs was not found");
		const char *e2, *r = find_from(e, c->end, "Referenced from: ", &e2);
		/* one line when the paste lost its breaks: "Library not loaded:
		 * X Referenced from: Y Reason: image not found" */
		const char *lle = line_end(c, e);
		c->ex->library = dup_range(c, e, r && r < lle ? r : lle);
		while (c->ex->library && *c->ex->library && is_blank(c->ex->library[strlen(c->ex->library) - 1]))
			((char *)c->ex->library)[strlen(c->ex->library) - 1] = '\0';
		if (r) {
			const char *s = past_uuid(e2, line_end(c, e2));
			const char *le = line_end(c, s), *rs = find_from(s, le, " Reason: ", NULL);
			if (rs)
				le = rs;
			const char *too_new = find_from(s, le, " (built for macOS", NULL);
			set_file(c, dup_range(c, s, too_new ? too_new : le));
		}
		if (!c->ex->file)
			set_file(c, dlopen_path(c));
		if (c->ex->file && is_node_binary(c->ex->file)) {
			c->ex->subject = "runtime";
			c->ex->package = NULL;
			c->ex->title = "Node.js itself cannot start: a library it links is gone";
			c->ex->why = arena_printf(c->a, "dyld is starting the node program itself (%s), before any addon: it links %s, which is not there any more - typically a Homebrew node whose dependency (icu4c, openssl, libuv) was upgraded to a new version and the old one removed. No npm rebuild of an addon helps.",
						  c->ex->file, c->ex->library);
			c->ex->fix = "reinstall or upgrade that Node.js so it links the installed libraries (brew upgrade node, or brew reinstall node; for another node install it again from nodejs.org or your version manager)";
			return true;
		}
		/* "Reason: Incompatible library version: X requires version A or
		 * later, but Y provides version B": found, but an older build
		 * (LC_ID_DYLIB's current version below the one linked against) */
		const char *ie, *iv = find_from(e, c->end, "Incompatible library version: ", &ie);
		const char *re, *rq = iv ? find_from(ie, line_end(c, ie), " requires version ", &re) : NULL;
		const char *pe, *pv = rq ? find_from(re, line_end(c, re), " provides version ", &pe) : NULL;
		if (rq && pv) {
			const char *ve = re;
			while (ve < c->end && (isdigit((unsigned char)*ve) || *ve == '.') && ve - re < 32)
				ve++;
			const char *pve = pe;
			while (pve < c->end && (isdigit((unsigned char)*pve) || *pve == '.') && pve - pe < 32)
				pve++;
			while (ve > re && ve[-1] == '.')
				ve--;
			while (pve > pe && pve[-1] == '.')
				pve--;
			if (ve > re && pve > pe) {
				c->ex->cause = "library-too-old";
				c->ex->recognised = "dyld-incompatible-library-version";
				c->ex->title = "a dylib the addon needs is an older version than it was linked against";
				number(c, "library version the addon needs (or later)", dup_range(c, re, ve), NULL);
				number(c, "library version found", dup_range(c, pe, pve), NULL);
				c->ex->why = arena_printf(c->a, "dyld found %s, but its version (%s) is older than the %s the addon was linked against: another copy of the library (a stale vendored one left by an upgrade, a second copy of the package elsewhere in node_modules, or a Homebrew one) is found first.",
							  c->ex->library, dup_range(c, pe, pve), dup_range(c, re, ve));
				c->ex->fix = arena_printf(c->a, "remove the stale copies and reinstall: rm -rf node_modules && npm install (check 'npm ls %s' for two versions of the package)",
							  pkg_or(c, "<package>"));
				return true;
			}
		}
		c->ex->why = arena_printf(c->a, "dyld looked for %s (through the addon's LC_RPATHs for @rpath, next to it for @loader_path) and found it nowhere.", c->ex->library);
		c->ex->fix = "install the library (e.g. with Homebrew) or reinstall the package so its bundled dylibs come with it";
		return true;
	}
	if ((p = find(c, "code signature in ", &e)) || (p = find(c, "code signature invalid in ", &e))) {
		set(c, "dyld-code-signature", "code-signature", "dyld", "macOS refused the addon's code signature");
		const char *q = find_from(e, c->end, "'", NULL);
		if (q)
			set_file(c, quoted_after(c, q + 1, '\''));
		c->ex->why = "The signature is invalid for this process: the file was modified after signing, is quarantined, or the app enforces library validation (hardened runtime) and the addon is signed by another team.";
		c->ex->fix = "reinstall the package (no patching after install); for Electron apps sign the addon with the app's identity or allow unsigned libraries (com.apple.security.cs.disable-library-validation)";
		return true;
	}
	if ((p = find(c, "symbol not found in flat namespace '", &e)) || (p = find(c, "symbol not found in flat namespace (", &e)) ||
	    (p = find(c, "Symbol not found: ", &e))) {
		bool flat = match_at(p, c->end, "symbol not found in flat namespace ") != NULL;
		/* macOS 12+: '_sym'; some releases print (_sym) */
		const char *sym = flat ? quoted_after(c, e, e[-1] == '(' ? ')' : '\'') : token_at(c, e);
		bool lazy = has(c, "lazy symbol binding failed");
		set(c, "dyld-symbol-not-found", lazy ? "lazy-undefined-symbol" : "undefined-symbol", "dyld", "a symbol the addon needs is not defined");
		set_file(c, dlopen_path(c));
		/* "Referenced from: <UUID> /usr/local/bin/node (which was built
		 * for Mac OS X 10.15)": the image that needs the symbol */
		const char *refd = NULL, *built_for = NULL;
		{
			const char *e2, *r = find_from(e, c->end, "Referenced from: ", &e2);
			if (r) {
				const char *le = line_end(c, e2), *s = past_uuid(e2, le);
				const char *bf, *w = find_from(s, le, " (which was built for ", &bf);
				if (!w)
					w = find_from(s, le, " (built for ", &bf);
				if (w) {
					const char *be = bf;
					while (be < le && *be != ')')
						be++;
					built_for = dup_range(c, bf, be);
				}
				refd = dup_range(c, s, w ? w : le);
				while (refd && *refd && is_blank(refd[strlen(refd) - 1]))
					((char *)refd)[strlen(refd) - 1] = '\0';
			}
		}
		if (!c->ex->file && refd)
			set_file(c, refd);
		/* Mach-O C symbols carry a leading '_'. */
		const char *plain = sym && sym[0] == '_' ? sym + 1 : sym;
		explain_symbol(c, plain);
		number(c, "undefined symbol", sym, c->ex->demangled);
		c->ex->why = arena_printf(c->a, "Addons link with -undefined dynamic_lookup, so Node's symbols are found at load time in the process; this one is not there.%s",
					  symbol_story(c, plain));
		c->ex->fix = arena_printf(c->a, "rebuild %s for the runtime that loads it (npm rebuild %s), or upgrade Node.js for a Node-API function",
					  pkg_or(c, "the addon"), pkg_or(c, "<package>"));
		if (legacy_abi_symbol(plain)) {
			old_node_register(c, plain);
			return true;
		}
		/* "Expected in: /usr/lib/libc++.1.dylib": dyld looked in a
		 * system library that lacks the symbol, not in the process:
		 * the binary was built for a newer macOS than this one */
		const char *ee, *ex = find_from(e, c->end, "Expected in: ", &ee);
		if (ex && (match_at(ee, c->end, "/usr/lib/") || match_at(ee, c->end, "/System/Library/"))) {
			const char *lib = dup_range(c, ee, line_end(c, ee));
			c->ex->library = lib;
			/* the macOS counterpart of glibc's "version not found": the
			 * system library is older than the one the binary needs */
			c->ex->cause = "library-too-old";
			c->ex->title = "a library of macOS itself is older than the binary needs: it was built for a newer macOS";
			c->ex->why = arena_printf(c->a, "dyld looked for the symbol in %s, a library of macOS itself, and this macOS's copy does not define it: the binary was built for a newer macOS than this one (its minimum macOS version is above this system's).%s",
						  lib ? lib : "a system library", symbol_story(c, plain));
			c->ex->fix = arena_printf(c->a, "update macOS, or build %s from source on this Mac (npm rebuild %s --build-from-source), or use an older package version whose binaries support this macOS",
						  pkg_or(c, "the package"), pkg_or(c, "<package>"));
		}
		/* The image that lacks the symbol is node itself (it fails as
		 * `node -v` does, before any addon): no rebuild of an addon can
		 * help, only a Node build for this macOS or a newer macOS. */
		if (refd && is_node_binary(refd)) {
			set_file(c, refd);
			c->ex->subject = "runtime";
			c->ex->package = NULL;
			c->ex->title = "Node.js itself cannot start: it needs a symbol this macOS lacks";
			if (built_for)
				number(c, "node was built for", built_for, "its minimum macOS version");
			c->ex->why = arena_printf(c->a, "dyld is binding a symbol for the node program itself (%s), not for an addon: %s. This Node.js release was built for a newer macOS than this one%s%s. No npm rebuild of an addon helps.",
						  refd, c->ex->library ? arena_printf(c->a, "%s lacks it", c->ex->library) : "the system libraries lack it",
						  built_for ? ": its minimum is " : "", built_for ? built_for : "");
			c->ex->fix = "install a Node.js release that still supports this macOS (an older major; each release's minimum macOS is in its BUILDING.md), or update macOS";
		}
		return true;
	}
	/* dyld2/3 (macOS 11 and older, ImageLoaderMachO.cpp): a file whose
	 * magic is no Mach-O one is reported with its first bytes: "unknown
	 * file type, first eight bytes: 0x7F 0x45 0x4C 0x46 ...".  7F 'E' 'L'
	 * 'F' is a Linux (ELF) build, 'M' 'Z' a Windows one; anything else is
	 * not a binary (EF BF BD: bytes replaced by a text conversion). */
	if ((p = find(c, "unknown file type, first eight bytes: ", &e))) {
		unsigned b[4] = { 0, 0, 0, 0 };
		int nb = 0;
		for (const char *q = e; nb < 4 && q + 4 <= c->end && q[0] == '0' && (q[1] == 'x' || q[1] == 'X') &&
					isxdigit((unsigned char)q[2]) && isxdigit((unsigned char)q[3]); q += 4) {
			b[nb++] = (unsigned)(hexdigit(q[2]) * 16 + hexdigit(q[3]));
			if (q + 4 < c->end && q[4] == ' ')
				q++;
		}
		bool elf = nb == 4 && b[0] == 0x7f && b[1] == 'E' && b[2] == 'L' && b[3] == 'F';
		bool pe = nb >= 2 && b[0] == 'M' && b[1] == 'Z';
		set_file(c, dlopen_path(c));
		number(c, "first bytes of the file", dup_range(c, e, line_end(c, e)),
		       elf ? "an ELF file: a Linux build" : pe ? "MZ: a Windows DLL" : "no binary format: a damaged or replaced file");
		if (elf || pe) {
			set(c, "dyld-unknown-file-type", "wrong-os", "dyld", elf ? "a Linux (ELF) build of the addon on macOS" : "a Windows build of the addon on macOS");
			c->ex->why = arena_printf(c->a, "dyld could not read the file as Mach-O, and its first bytes say it is %s: the package shipped or installed another OS's binary (node_modules copied from Linux/Windows, a CI cache or Docker volume shared between OSes, or a prebuild for the wrong platform).",
						  elf ? "an ELF shared object (Linux)" : "a PE file (Windows)");
			c->ex->fix = arena_printf(c->a, "delete node_modules and reinstall %s on this Mac (npm ci); do not share node_modules or its cache between operating systems", pkg_or(c, "the package"));
		} else {
			set(c, "dyld-unknown-file-type", "corrupt", "dyld", "the addon file is not a binary at all");
			c->ex->why = "dyld could not read the file as Mach-O and its first bytes are no binary format: the file was damaged or replaced (a text conversion, an HTML error page saved as the download, a partial copy).";
			c->ex->fix = arena_printf(c->a, "reinstall %s (delete it from node_modules and the package manager's cache)", pkg_or(c, "the package"));
		}
		return true;
	}
	if (dyld_file_missing(c)) {
		set(c, "dyld-file-not-found", "not-found", "dyld", "the addon file is not there");
		set_file(c, dlopen_path(c));
		c->ex->why = "dyld found no file at the path given to dlopen(), nor at the fallback paths it lists: the .node file was removed or moved after the loader chose that path (a packager's extraction folder such as pkg's temporary copy cleaned up, a partial copy of node_modules), or the path was built wrong.";
		c->ex->fix = arena_printf(c->a, "check that the file exists (ls -l the path above); reinstall %s (npm rebuild %s); a packaged app must ship the .node file unpacked where it is loaded from",
					  pkg_or(c, "the package"), pkg_or(c, "<package>"));
		return true;
	}
	if ((p = find(c, "slice is not valid mach-o file", &e))) {
		set(c, "dyld-bad-slice", "corrupt", "dyld", "a slice of the universal binary is not valid Mach-O");
		set_file(c, dlopen_path(c));
		c->ex->why = "dyld found a universal (fat) file whose slice for this CPU is not a valid Mach-O image: a damaged or badly assembled file.";
		c->ex->fix = arena_printf(c->a, "reinstall %s on this Mac", pkg_or(c, "the package"));
		return true;
	}
	if ((p = find(c, "not a mach-o file", &e))) {
		/* dyld says this of a whole file (not too short, no Mach-O or
		 * fat magic): in public threads an ELF or PE build of another
		 * OS (a package published with the wrong build, node_modules
		 * copied from Linux or Windows), far more often than a damaged
		 * file, which is usually too short instead */
		set(c, "dyld-not-macho", "wrong-os", "dyld", "the file is not a Mach-O binary: most likely a build for Linux or Windows");
		set_file(c, dlopen_path(c));
		c->ex->why = "dyld could not read the file as Mach-O at all: it is most likely a Linux (ELF) or Windows (PE) build copied onto macOS or published in the package by mistake; less often a file damaged in the download (then 'file' shows data or HTML). 'file <path>' or 'addon-doctor inspect <path>' tells which.";
		c->ex->fix = arena_printf(c->a, "reinstall %s on this Mac (delete node_modules and install there, not copied from another OS); if a fresh install gives the same, the package shipped a build for another OS: report it upstream or build it from source",
					  pkg_or(c, "the package"));
		return true;
	}
	return false;
}
