/*
 * confirm.c - checks an explanation against the file the message names,
 * when that file exists on this machine: parses it (never loads it) and
 * adds facts ("this file is an arm64 ELF; this machine is x64"), marking
 * the diagnosis confirmed or corrected.  Only header-level facts are used:
 * format, OS, CPU, libc, NODE_MODULE_VERSION.
 *
 * The path comes from pasted text, which anyone can write, so the file is
 * only opened when it could be what the message says it is: the name of
 * an addon or shared library, a regular file by stat() (devices and FIFOs
 * are never opened: opening some has side effects), opened non-blocking.
 * Of a file that turns out not to be an ELF, Mach-O or PE binary only its
 * size is reported, never its bytes: "The module '/etc/shadow' was
 * compiled ..." must not print the first line of /etc/shadow.
 */
#include "explain.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

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

static bool ends_with(const char *s, size_t n, const char *suffix)
{
	size_t k = strlen(suffix);
	return n >= k && !memcmp(s + n - k, suffix, k);
}

/* The name of something require() or a loader opens: x.node, libx.so,
 * libx.so.1.2, x.dylib, x.bundle, x.dll.  Anything else (/etc/shadow, a
 * key file, a directory) is not what these messages are about. */
static bool object_name(const char *path)
{
	const char *base = path;
	for (const char *s = path; *s; s++)
		if (*s == '/' || *s == '\\')
			base = s + 1;
	size_t n = strlen(base);
	if (ends_with(base, n, ".node") || ends_with(base, n, ".so") || ends_with(base, n, ".dylib") ||
	    ends_with(base, n, ".bundle") || ends_with(base, n, ".dll") || ends_with(base, n, ".DLL"))
		return true;
	/* libfoo.so.1.2.3: ".so" followed by version numbers only */
	for (const char *s = base; (s = strstr(s, ".so.")) != NULL; s++) {
		const char *v = s + 3;
		while (*v == '.' || (*v >= '0' && *v <= '9'))
			v++;
		if (!*v)
			return true;
	}
	return false;
}

/* The magic numbers binary_parse dispatches on: ELF, Mach-O (thin, fat), MZ. */
static bool binary_magic(const uint8_t *m, size_t n)
{
	if (n >= 4 && m[0] == 0x7f && m[1] == 'E' && m[2] == 'L' && m[3] == 'F')
		return true;
	if (n >= 4 && ((m[0] == 0xfe && m[1] == 0xed && m[2] == 0xfa && (m[3] == 0xce || m[3] == 0xcf)) ||
		       ((m[0] == 0xce || m[0] == 0xcf) && m[1] == 0xfa && m[2] == 0xed && m[3] == 0xfe)))
		return true;
	if (n >= 4 && m[0] == 0xca && m[1] == 0xfe && m[2] == 0xba && (m[3] == 0xbe || m[3] == 0xbf))
		return true;
	return n >= 2 && m[0] == 'M' && m[1] == 'Z';
}

void explain_confirm(struct arena *a, struct explain *ex)
{
	const char *path = ex->file;
	if (!path) {
		ex->verdict = "not inspected: the message names no file";
		return;
	}
	if (!object_name(path)) {
		ex->verdict = "not inspected: the name is not an addon's or a shared library's (.node, .so, .dylib, .dll)";
		return;
	}
	/* stat first: a device or FIFO under that name is never opened. */
	struct stat st;
	if (stat(path, &st) != 0) {
		ex->verdict = "not inspected: the file is not on this machine";
		return;
	}
	if (!S_ISREG(st.st_mode)) {
		ex->verdict = "not inspected: the name is not a regular file here";
		return;
	}
	/* rfile_open opens O_NONBLOCK and re-checks with fstat, so a file
	 * swapped for a FIFO or device after the stat is still not read. */
	struct rfile rf;
	int e = rfile_open(&rf, path);
	if (e != 0) {
		ex->verdict = "not inspected: the file cannot be opened as a regular file";
		return;
	}
	uint64_t size = rf.size;
	uint8_t m[4] = {0};
	size_t mn = size < sizeof m ? (size_t)size : sizeof m;
	if (mn == 0 || !rf_read(&rf, 0, m, mn) || !binary_magic(m, mn)) {
		rfile_close(&rf);
		/* Say what it is not, never what it contains. */
		fact(a, ex, arena_printf(a, "this file (%llu bytes) is not an ELF, Mach-O or PE binary",
					 (unsigned long long)size));
		if (size < 64)
			correct(a, ex, "truncated", "The file is only a few bytes long.");
		else if (!strcmp(ex->cause, "wrong-os") || !strcmp(ex->cause, "wrong-arch"))
			correct(a, ex, "corrupt", "The file is not a binary of any platform:");
		else
			ex->verdict = "inspected: the file is not a readable binary";
		return;
	}
	struct binary *b = NULL;
	const char *err = NULL;
	int rc = binary_parse(&rf, a, path, &b, &err);
	rfile_close(&rf);
	const char *harch = uname_arch();
	if (rc != 0 || !b) {
		/* The magic is a binary's, so err describes header fields. */
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
