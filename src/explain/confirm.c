/*
 * confirm.c - checks an explanation against the file the message names,
 * when that file exists on this machine: parses it (never loads it) and
 * adds facts ("this file is an arm64 ELF; this machine is x64"), marking
 * the diagnosis confirmed or corrected.  Only header-level facts are used:
 * format, OS, CPU, libc, NODE_MODULE_VERSION.
 */
#include "explain.h"

#include <stdlib.h>
#include <string.h>

#include "../io/rfile.h"
#include "../parse/parse.h"

static void fact(struct arena *a, struct explain *ex, const char *text)
{
	struct explain_fact *f = VEC_PUSH(a, &ex->facts);
	if (f)
		f->text = text;
}

static const char *format_word(const struct binary *b)
{
	switch (b->format) {
	case BIN_ELF: return "ELF";
	case BIN_MACHO: return "Mach-O";
	case BIN_FAT: return "universal Mach-O";
	case BIN_PE: return "PE (Windows)";
	default: return "unrecognised";
	}
}

static void correct(struct arena *a, struct explain *ex, const char *cause, const char *why)
{
	if (strcmp(ex->cause, cause)) {
		ex->verdict = arena_printf(a, "corrected: the file shows %s, not %s", cause, ex->cause);
		ex->cause = cause;
		ex->why = arena_printf(a, "%s %s", why, ex->why ? ex->why : "");
	} else {
		ex->verdict = "confirmed by the file";
	}
}

void explain_confirm(struct arena *a, struct explain *ex)
{
	const char *path = ex->file;
	if (!path) {
		ex->verdict = "not inspected: the message names no file";
		return;
	}
	struct rfile rf;
	int e = rfile_open(&rf, path);
	if (e != 0) {
		ex->verdict = "not inspected: the file is not on this machine";
		return;
	}
	struct binary *b = NULL;
	const char *err = NULL;
	int rc = binary_parse(&rf, a, path, &b, &err);
	uint64_t size = rf.size;
	rfile_close(&rf);
	const char *harch = uname_arch();
	if (rc != 0 || !b) {
		fact(a, ex, arena_printf(a, "this file (%llu bytes) is not a binary addon-doctor can read: %s",
					 (unsigned long long)size, err ? err : "unknown format"));
		if (size < 64)
			correct(a, ex, "truncated", "The file is only a few bytes long.");
		else if (!strcmp(ex->cause, "wrong-os") || !strcmp(ex->cause, "wrong-arch"))
			correct(a, ex, "corrupt", "The file is not a binary of any platform:");
		else
			ex->verdict = "inspected: the file is not a readable binary";
		return;
	}
	fact(a, ex, arena_printf(a, "this file is a %s%s %s %s (%s%s%s)", b->bits ? (b->bits == 64 ? "64-bit " : "32-bit ") : "",
				 b->arch ? b->arch : "unknown-CPU", format_word(b), b->filetype ? b->filetype : "file",
				 b->os ? b->os : "unknown OS", b->libc ? ", " : "", b->libc ? b->libc : ""));
	if (harch)
		fact(a, ex, arena_printf(a, "this machine is linux %s", harch));
	if (b->addon.abi > 0)
		fact(a, ex, arena_printf(a, "it was built for NODE_MODULE_VERSION %d (%s)", b->addon.abi,
					 b->addon.abi_why ? b->addon.abi_why : "from the binary"));
	else if (b->addon.kind == ADDON_NAPI)
		fact(a, ex, "it is a Node-API addon (not tied to one NODE_MODULE_VERSION)");

	/* Compare with the diagnosis. */
	if (b->os && strcmp(b->os, "linux") && b->format != BIN_ELF) {
		correct(a, ex, "wrong-os", arena_printf(a, "This file is a %s binary for %s.", format_word(b), b->os));
		return;
	}
	if (b->arch && harch && strcmp(b->arch, harch)) {
		correct(a, ex, "wrong-arch", arena_printf(a, "This file is for %s; this machine is %s.", b->arch, harch));
		return;
	}
	if (!strcmp(ex->cause, "abi-mismatch") || !strcmp(ex->cause, "electron-abi-mismatch")) {
		if (ex->numbers.n && b->addon.abi > 0 && ex->numbers.v[0].value &&
		    b->addon.abi == atoi(ex->numbers.v[0].value))
			ex->verdict = "confirmed by the file";
		else if (b->addon.abi > 0)
			ex->verdict = arena_printf(a, "the file on disk is built for %d now: it may have been rebuilt since the error", b->addon.abi);
		else
			ex->verdict = "inspected: the file's NODE_MODULE_VERSION could not be read";
		return;
	}
	if (!strcmp(ex->cause, "wrong-arch") || !strcmp(ex->cause, "wrong-os")) {
		ex->verdict = "not confirmed: the file matches this machine's CPU and OS (the error may come from another machine, or the file was replaced)";
		return;
	}
	ex->verdict = "inspected";
}
