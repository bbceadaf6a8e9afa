/*
 * foreign.c - dyld (darwin) and the Windows loader, by reasoning from the
 * facts sheet (loader-facts §7, §8).  Only what those loaders decide from
 * the file itself is predicted: the format and architecture checks, and
 * dependencies that lie in the project; anything that depends on the target
 * system is left "unknown" or said as an assumption.  No real macOS or
 * Windows run backs a text (by_reasoning); the Windows outcomes and error
 * codes are checked against Wine's independent PE loader running the
 * official node.exe (tests/t/wine-truth.sh), its texts are Windows' own
 * (data/win32-loader-messages.tsv).
 */
#include <dirent.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "data.h"

#include "../io/rfile.h"
#include "../parse/parse.h"
#include "loader.h"

static const char *macho_arch_name(const char *arch)
{
	if (!strcmp(arch, "x64")) return "x86_64";
	if (!strcmp(arch, "arm64")) return "arm64";
	if (!strcmp(arch, "ia32")) return "i386";
	return arch;
}

/* dyld's graded architectures for a third-party process (GradedArchitectures.cpp). */
static const char *dyld_need(const char *arch)
{
	if (!strcmp(arch, "arm64")) return "'arm64e' or 'arm64'";
	if (!strcmp(arch, "x64")) return "'x86_64h' or 'x86_64'";
	return "'?'";
}

static struct binary *parse_file(struct loader *L, const char *path, struct ld_result *r)
{
	struct rfile rf;
	if (rfile_open(&rf, path))
		return NULL;
	const char *err;
	struct binary *b = NULL;
	if (binary_parse(&rf, L->ra, path, &b, &err))
		b = NULL;
	rfile_close(&rf);
	r->bin = b;
	return b;
}

static void lib_outcome(struct loader *L, struct ld_result *r, struct binary *b)
{
	for (size_t i = 0; i < b->libs.n; i++)
		ld_evidence(L->ra, r, "needs %s", b->libs.v[i].name);
	r->outcome = "loads";
	/* said only of an addon Node's own steps accept (verdict/nodesteps.c) */
	const char **e = b->libs.n ? VEC_PUSH(L->ra, &r->after.evidence) : NULL;
	if (e)
		*e = arena_printf(L->ra, "dependencies are not checked for %s targets (no system to look at)", L->t->platform);
}

void darwin_predict(struct loader *L, const char *path, struct ld_result *r)
{
	struct arena *a = L->ra;
	r->by_reasoning = true;
	struct binary *b = parse_file(L, path, r);
	const char *pre = arena_printf(a, "dlopen(%s, 0x0001): tried: '%s' ", r->real, r->real);
	if (!b || (b->format != BIN_MACHO && b->format != BIN_FAT)) {
		r->outcome = "throws";
		r->cause = b && b->format == BIN_ELF ? "wrong-os" : b && b->format == BIN_PE ? "wrong-os" : "not-an-addon";
		r->code = "ERR_DLOPEN_FAILED";
		r->error = NULL; /* dyld's text for a non-Mach-O file varies by release */
		ld_evidence(a, r, "not a Mach-O file: dyld refuses it (exact text depends on the macOS release)");
		return;
	}
	if (b->format == BIN_FAT) {
		struct binary *pick = NULL;
		char have[256] = "";
		for (size_t i = 0; i < b->slices.n; i++) {
			struct binary *s = b->slices.v[i];
			if (s->arch && !strcmp(s->arch, L->t->arch))
				pick = s;
			size_t hl = strlen(have);
			snprintf(have + hl, sizeof have - hl, "%s%s", hl ? "," : "",
				 s->arch_detail ? s->arch_detail : s->arch ? macho_arch_name(s->arch) : "?");
		}
		if (!pick) {
			r->outcome = "throws";
			r->cause = "wrong-arch";
			r->code = "ERR_DLOPEN_FAILED";
			r->error = arena_printf(a, "%s(fat file, but missing compatible architecture (have '%s', need %s))",
						pre, have, dyld_need(L->t->arch));
			ld_evidence(a, r, "universal file with slices %s; the process is %s", have, L->t->arch);
			return;
		}
		r->bin = pick;
		lib_outcome(L, r, pick);
		return;
	}
	if (!b->arch || strcmp(b->arch, L->t->arch)) {
		r->outcome = "throws";
		r->cause = "wrong-arch";
		r->code = "ERR_DLOPEN_FAILED";
		r->error = arena_printf(a, "%s(mach-o file, but is an incompatible architecture (have '%s', need %s))",
					pre, b->arch_detail ? b->arch_detail : "?", dyld_need(L->t->arch));
		ld_evidence(a, r, "Mach-O for %s; the process is %s", b->arch ? b->arch : "?", L->t->arch);
		ld_evidence(a, r, "macOS 13+ also lists the Cryptexes and realpath retries in 'tried:'; the text above is the first entry's");
		return;
	}
	lib_outcome(L, r, b);
}

/* Windows' English text for a Win32 error (data/win32-loader-messages.tsv). */
static const char *win32_text(struct arena *a, unsigned code)
{
	const char *p = data_win32_loader_messages_tsv, *end = p + data_win32_loader_messages_tsv_len;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *le = nl ? nl : end;
		if (*p != '#') {
			unsigned c = 0;
			const char *q = p;
			while (q < le && *q >= '0' && *q <= '9')
				c = c * 10 + (unsigned)(*q++ - '0');
			const char *t1 = q < le && *q == '\t' ? memchr(q + 1, '\t', (size_t)(le - q - 1)) : NULL;
			if (c == code && t1)
				return arena_printf(a, "%.*s", (int)(le - t1 - 1), t1 + 1);
		}
		p = le + 1;
	}
	return NULL;
}

/* The kind of a DLL in data/win32-system-dlls.tsv ("system", "redist"), or NULL. */
static const char *win32_dll_kind(const char *name)
{
	const char *p = data_win32_system_dlls_tsv, *end = p + data_win32_system_dlls_tsv_len;
	size_t n = strlen(name);
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *le = nl ? nl : end;
		if (*p != '#' && (size_t)(le - p) > n && p[n] == '\t' && !strncasecmp(p, name, n)) {
			if ((size_t)(le - p - n - 1) == 6 && !strncmp(p + n + 1, "system", 6)) return "system";
			if ((size_t)(le - p - n - 1) == 6 && !strncmp(p + n + 1, "redist", 6)) return "redist";
		}
		p = le + 1;
	}
	return NULL;
}

/*
 * The path Node prints: require() hands process.dlopen
 * path.toNamespacedPath() of the resolved file, "\\?\C:\dir\x.node"
 * (UNC: "\\?\UNC\server\share\...").  A POSIX path has no Windows form of
 * its own; it is shown as Wine shows it, through drive Z: (which Wine maps
 * to /), and *assumed says so.
 */
static const char *win32_shown_path(struct arena *a, const char *real, bool *assumed)
{
	*assumed = false;
	if (!real)
		return "";
	char *w;
	if (((real[0] | 0x20) >= 'a' && (real[0] | 0x20) <= 'z') && real[1] == ':' && (real[2] == '\\' || real[2] == '/'))
		w = arena_printf(a, "\\\\?\\%s", real);
	else if ((real[0] == '\\' || real[0] == '/') && (real[1] == '\\' || real[1] == '/') && real[2] != '?' && real[2] != '.')
		w = arena_printf(a, "\\\\?\\UNC\\%s", real + 2);
	else if (real[0] == '/') {
		*assumed = true;
		w = arena_printf(a, "\\\\?\\Z:%s", real);
	} else
		return real;
	/* path.resolve() on Windows writes every separator as '\' */
	for (char *q = w ? w + 4 : NULL; q && *q; q++)
		if (*q == '/')
			*q = '\\';
	return w ? w : real;
}

/* ERROR_<code>: the system text, CRLF, the path (libuv puts the path in
 * place of %1, which only 193's text has; loader-facts §8). */
static void win32_fail(struct arena *a, struct ld_result *r, unsigned code, const char *cause)
{
	r->outcome = "throws";
	r->cause = cause;
	r->code = "ERR_DLOPEN_FAILED";
	const char *t = win32_text(a, code);
	if (!t) {
		r->error = NULL;
		return;
	}
	const char *pc = strstr(t, "%1");
	const char *sys = pc ? arena_printf(a, "%.*s%s%s", (int)(pc - t), t, r->shown, pc + 2) : t;
	r->error = arena_printf(a, "%s\r\n%s", sys, r->shown);
}

/* A file NAME in DIR, compared without case as Windows' file systems do
 * (exact name first; a directory scan is bounded). */
static const char *find_beside(struct arena *a, const char *dir, const char *name)
{
	const char *exact = arena_printf(a, "%s/%s", dir, name);
	struct rfile rf;
	if (!rfile_open(&rf, exact)) {
		rfile_close(&rf);
		return exact;
	}
	DIR *d = opendir(dir);
	if (!d)
		return NULL;
	const char *hit = NULL;
	struct dirent *e;
	for (unsigned n = 0; !hit && n < 65536 && (e = readdir(d)); n++)
		if (!strcasecmp(e->d_name, name))
			hit = arena_printf(a, "%s/%s", dir, e->d_name);
	closedir(d);
	return hit;
}

/* Does DLL export what the addon imports from it by name or ordinal?  The
 * first import it lacks, or NULL. */
static const struct bin_sym *missing_import(const struct binary *b, const char *dllname, const struct binary *dll)
{
	for (size_t i = 0; i < b->syms.n; i++) {
		const struct bin_sym *s = &b->syms.v[i];
		if (s->defined || s->delay || !s->lib || strcasecmp(s->lib, dllname))
			continue;
		bool found = false;
		for (size_t j = 0; !found && j < dll->syms.n; j++) {
			const struct bin_sym *x = &dll->syms.v[j];
			if (!x->defined)
				continue;
			found = s->name ? (x->name && !strcmp(x->name, s->name)) : x->ordinal == s->ordinal;
		}
		if (!found)
			return s;
	}
	return NULL;
}

/*
 * The load-time imports (delay-loaded DLLs are resolved at first call, not
 * by LoadLibraryExW).  LOAD_WITH_ALTERED_SEARCH_PATH looks for them in the
 * addon's own directory, then System32 and the Windows directory, the
 * current directory, PATH.  Found here: the host image (node.exe is the
 * process's exe, matched by base name), API set contracts, the DLLs of
 * data/win32-system-dlls.tsv, and files beside the addon.  Anything else
 * is not on a Windows system as installed: ERROR_MOD_NOT_FOUND, unless
 * the user's PATH holds it (said in the evidence).
 */
static bool win32_imports(struct loader *L, const char *path, struct ld_result *r, struct binary *b)
{
	struct arena *a = L->ra;
	const char *slash = strrchr(r->real ? r->real : path, '/');
	const char *dir = slash ? arena_printf(a, "%.*s", (int)(slash - (r->real ? r->real : path)), r->real ? r->real : path) : ".";
	for (size_t i = 0; i < b->libs.n; i++) {
		const char *n = b->libs.v[i].name;
		if (!n)
			continue;
		if (b->libs.v[i].kind == LIB_DELAY) {
			ld_evidence(a, r, "needs %s (delay-loaded: resolved at first call, not by LoadLibraryExW)", n);
			continue;
		}
		if (!strcasecmp(n, "node.exe") && !strcmp(L->t->runtime, "node")) {
			ld_evidence(a, r, "needs %s: the process's own image", n);
			continue;
		}
		if (!strncasecmp(n, "api-ms-win-", 11) || !strncasecmp(n, "ext-ms-", 7)) {
			ld_evidence(a, r, "needs %s: an API set contract, resolved by the system", n);
			continue;
		}
		/* a name with a separator would be a path, not a file beside it */
		const char *beside = strpbrk(n, "/\\") ? NULL : find_beside(a, dir, n);
		struct rfile rf;
		bool opened = beside && !rfile_open(&rf, beside);
		if (opened) {
			const char *err;
			struct binary *d = NULL;
			if (binary_parse(&rf, a, beside, &d, &err))
				d = NULL;
			rfile_close(&rf);
			const struct bin_sym *m = d && d->format == BIN_PE ? missing_import(b, n, d) : NULL;
			/* a damaged DLL (the parser left notes) that seems to lack a
			 * name is more likely cut short than short of exports */
			if (!d || d->format != BIN_PE || !d->arch || strcmp(d->arch, L->t->arch) || (m && d->notes.n)) {
				win32_fail(a, r, 193, "wrong-arch");
				r->subject = n;
				ld_evidence(a, r, "needs %s, found beside the addon (%s), which is not a %s DLL%s: "
					    "ERROR_BAD_EXE_FORMAT (193)", n, beside, L->t->arch,
					    d && d->notes.n ? arena_printf(a, " (%s)", d->notes.v[0]) : "");
				ld_evidence(a, r, "by reasoning: Wine's loader passes over such a file and says "
					    "ERROR_MOD_NOT_FOUND (126) instead");
				return false;
			}
			if (m) {
				win32_fail(a, r, 127, "undefined-symbol");
				r->subject = m->name ? m->name : arena_printf(a, "#%u", m->ordinal);
				r->subject2 = n;
				ld_evidence(a, r, "imports %s from %s (%s), which does not export it: "
					    "ERROR_PROC_NOT_FOUND (127)", r->subject, n, beside);
				return false;
			}
			ld_evidence(a, r, "needs %s: found beside the addon (%s; its own imports are not followed)", n, beside);
			continue;
		}
		const char *kind = win32_dll_kind(n);
		if (kind && !strcmp(kind, "system")) {
			ld_evidence(a, r, "needs %s: a Windows system DLL", n);
			continue;
		}
		if (kind) {
			ld_evidence(a, r, "needs %s: assumed installed (the Visual C++ Redistributable; not part of Windows)", n);
			continue;
		}
		win32_fail(a, r, 126, "missing-library");
		r->subject = n;
		ld_evidence(a, r, "needs %s: not beside the addon and not a Windows system DLL: "
			    "ERROR_MOD_NOT_FOUND (126), unless a directory on PATH holds it", n);
		ld_evidence(a, r, "Node names only the addon, not the missing DLL");
		return false;
	}
	return true;
}

void win32_predict(struct loader *L, const char *path, struct ld_result *r)
{
	struct arena *a = L->ra;
	r->by_reasoning = true;
	struct binary *b = parse_file(L, path, r);
	bool assumed;
	r->shown = win32_shown_path(a, r->real, &assumed);
	if (assumed)
		ld_evidence(a, r, "the path shown is %s, this file as Wine sees it (drive Z: is /); "
			    "on Windows it is where the file lies, e.g. \\\\?\\C:\\app\\node_modules\\...", r->shown);
	if (!b || b->format != BIN_PE || !b->arch || strcmp(b->arch, L->t->arch)) {
		win32_fail(a, r, 193, b && b->format == BIN_PE ? "wrong-arch" : b && b->format != BIN_UNKNOWN ? "wrong-os" : "not-an-addon");
		ld_evidence(a, r, "LoadLibraryExW fails with ERROR_BAD_EXE_FORMAT (193)");
		return;
	}
	if (!win32_imports(L, path, r, b))
		return;
	r->outcome = "loads";
	/* Static constructors run from the C runtime's DllMain, which the
	 * loader calls through AddressOfEntryPoint; a DLL without one (linked
	 * /NOENTRY) never runs them, so a constructor's node_module_register
	 * never happens and Node goes on to its symbol lookups. */
	struct addon_facts *f = &b->addon;
	if (b->pe.entry_rva == 0 && (f->imports_node_module_register || f->imports_napi_module_register)) {
		ld_evidence(a, r, "registers from a static constructor, but AddressOfEntryPoint is 0: "
			    "no DllMain, so the C runtime never runs it");
		f->imports_node_module_register = false;
		f->imports_napi_module_register = false;
	}
}
