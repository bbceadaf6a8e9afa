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
#include "../runtime/abi.h"
#include "../runtime/nodehistory.h"

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
		/* the same ids as `check` (src/loader/elfload.c): empty, or no
		 * binary at all, is corrupt */
		if (size < 64) {
			correct(a, ex, "corrupt", "");
			/* what the message's reading said about foreign binaries no
			 * longer applies: the file is none */
			ex->why = arena_printf(a, "%s It is no binary of any platform: an interrupted download or extraction, or a placeholder saved under the addon's name (a Git LFS pointer, an HTML error page, a text file).",
					       size == 0 ? "The file is empty." : "The file is only a few bytes long, and not the start of a binary.");
		} else if (!strcmp(ex->cause, "wrong-os") || !strcmp(ex->cause, "wrong-arch"))
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
	/* "did not self-register" from a file whose only registration is an
	 * exported node_register_module_v<N>: node_binding.cc looks that
	 * symbol up under its own ABI number, so a runtime of another ABI
	 * finds nothing to call - a build for another Node.js, not a second
	 * load (a second load of such a file finds the same export again). */
	bool selfreg = ex->recognised && !strcmp(ex->recognised, "module-did-not-self-register");
	/* the same from a Node-API file that registers only by exporting
	 * napi_register_module_v1 (napi-rs, node-addon-api builds): Node.js
	 * looks it up on every load (so a second load is no cause), from
	 * 10.1 / 8.x releases on (runtime/nodehistory.c); an older runtime
	 * finds nothing.  And an exported node_register_module_v<N> under a
	 * Node.js <= 9 stack: releases before 9.8 do not look that up. */
	bool napi_only = b->addon.exports_napi_register && !b->addon.imports_napi_module_register &&
			 !b->addon.imports_node_module_register && b->addon.abi_export < 0;
	bool abi_old = b->addon.kind == ADDON_ABI && b->addon.abi_export > 0 && !b->addon.exports_napi_register &&
		       ex->old_runtime_text;
	if (selfreg && addon_node010_export(b, path)) {
		correct(a, ex, strcmp(ex->cause, "electron-abi-mismatch") ? "abi-mismatch" : "electron-abi-mismatch", "");
		ex->why = "The file exports the <name>_module symbol that Node.js 0.10 registered an addon by: it is a build for Node.js 0.10 (or node-webkit of that era), which later releases never look up, so they find nothing to call.";
		ex->fix = arena_printf(a, "rebuild %s with the Node.js that runs it (npm rebuild %s), or install a release of the package built for it",
				       ex->package ? ex->package : "the addon", ex->package ? ex->package : "<package>");
		return;
	}
	if (selfreg && (napi_only || abi_old)) {
		correct(a, ex, "node-too-old", "");
		ex->why = napi_only
			? arena_printf(a, "The file registers only by exporting napi_register_module_v1 (a Node-API addon), which Node.js looks up on every load from %s on: the runtime that printed this is older and finds nothing to call. (A second load is no cause here: the export is found each time.)",
				       node_trait_since(NODE_NAPI_SYMBOL))
			: arena_printf(a, "The file registers only by exporting node_register_module_v%d, which Node.js looks up from %s on; the stack is an older Node.js's (lib/module.js), which finds nothing to call.",
				       b->addon.abi_export, node_trait_since(NODE_ABI_SYMBOL));
		ex->fix = napi_only
			? arena_printf(a, "upgrade Node.js (Node-API addons need %s or later; the package's engines field says which it supports), or install an older release of %s built for this Node.js",
				       node_trait_since(NODE_NAPI_SYMBOL), ex->package ? ex->package : "the package")
			: arena_printf(a, "upgrade Node.js to the release the addon was built for (NODE_MODULE_VERSION %d), or rebuild %s with this one",
				       b->addon.abi_export, ex->package ? ex->package : "the addon");
		return;
	}
	if (selfreg && b->addon.kind == ADDON_ABI && b->addon.abi_export > 0 && !b->addon.exports_napi_register &&
	    strcmp(ex->cause, "electron-abi-mismatch")) {
		char built[512];
		abi_describe(b->addon.abi_export, built, sizeof built);
		correct(a, ex, "abi-mismatch", "");
		ex->why = arena_printf(a, "The file registers only through node_register_module_v%d (built for %s): Node.js looks that symbol up under its own NODE_MODULE_VERSION, so a runtime of another ABI finds nothing to call and says the module did not self-register.",
				       b->addon.abi_export, built);
		ex->fix = arena_printf(a, "rebuild %s with the Node.js that runs it (npm rebuild %s), or run it with a Node.js of NODE_MODULE_VERSION %d",
				       ex->package ? ex->package : "the addon", ex->package ? ex->package : "<package>",
				       b->addon.abi_export);
		return;
	}
	if (!strcmp(ex->cause, "wrong-arch") || !strcmp(ex->cause, "wrong-os")) {
		ex->verdict = "not confirmed: the file matches this machine's CPU and OS (the error may come from another machine, or the file was replaced)";
		return;
	}
	ex->verdict = "inspected";
}
