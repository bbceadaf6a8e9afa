/*
 * foreign.c - dyld (darwin) and the Windows loader, by reasoning from the
 * facts sheet (loader-facts §7, §8): nothing here was checked against a real
 * run, and every result says so (by_reasoning).  Only what those loaders
 * decide from the file itself is predicted: the format and architecture
 * checks, and dependencies that lie in the project; anything that depends on
 * the target system is left "unknown".
 */
#include <stdio.h>
#include <string.h>

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

void win32_predict(struct loader *L, const char *path, struct ld_result *r)
{
	struct arena *a = L->ra;
	r->by_reasoning = true;
	struct binary *b = parse_file(L, path, r);
	/* Node passes the \\?\ form of the path and appends it after the
	 * system text, which ends in CRLF (loader-facts §8). */
	const char *wp = arena_printf(a, "\\\\?\\%s", r->real);
	if (!b || b->format != BIN_PE || !b->arch || strcmp(b->arch, L->t->arch)) {
		r->outcome = "throws";
		r->cause = b && b->format == BIN_PE ? "wrong-arch" : b && b->format != BIN_UNKNOWN ? "wrong-os" : "not-an-addon";
		r->code = "ERR_DLOPEN_FAILED";
		r->error = arena_printf(a, "%s is not a valid Win32 application.\r\n%s", wp, wp);
		ld_evidence(a, r, "LoadLibraryExW fails with ERROR_BAD_EXE_FORMAT (193)");
		ld_evidence(a, r, "the path is shown as the target sees it; on Windows it is the C:\\... form");
		return;
	}
	lib_outcome(L, r, b);
}
