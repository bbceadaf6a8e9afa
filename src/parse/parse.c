/*
 * parse.c - sniff the magic, dispatch to one format parser.
 *
 * The magic alone decides the parser.  0xCAFEBABE is shared by universal
 * Mach-O files and Java class files; a Java class has its major version
 * (45 and up) where a universal header has its slice count, so a "count"
 * above 30 means Java, as file(1) decides it.
 */
#include "parse.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void bin_note(struct arena *a, struct binary *b, const char *fmt, ...)
{
	char buf[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	if (b->notes.n >= 64)
		return; /* enough to explain; a hostile file could produce millions */
	const char **slot = VEC_PUSH(a, &b->notes);
	if (slot)
		*slot = arena_strdup(a, buf);
}

struct binary *binary_new(struct arena *a, const char *path, uint64_t size)
{
	struct binary *b = arena_alloc(a, sizeof *b);
	if (!b)
		return NULL;
	b->path = path ? arena_strdup(a, path) : NULL;
	b->file_size = size;
	b->addon.abi = -1;
	b->addon.abi_export = -1;
	b->addon.napi_declared = -1;
	b->addon.napi_min = -1;
	b->addon.legacy_nm_version = -1;
	return b;
}

/* A short, printable description of what the file starts with. */
static const char *describe_start(struct arena *a, const uint8_t *m, size_t n)
{
	size_t printable = 0;
	while (printable < n && ((m[printable] >= 0x20 && m[printable] < 0x7f) ||
				 m[printable] == '\n' || m[printable] == '\t' || m[printable] == '\r'))
		printable++;
	if (printable == n) {
		char txt[17];
		size_t k = 0;
		for (size_t i = 0; i < n && k < 16; i++)
			txt[k++] = (m[i] == '\n' || m[i] == '\t' || m[i] == '\r') ? ' ' : (char)m[i];
		txt[k] = '\0';
		return arena_printf(a, "looks like text (\"%s\")", txt);
	}
	return arena_printf(a, "starts with bytes %02x %02x %02x %02x",
			    m[0], n > 1 ? m[1] : 0, n > 2 ? m[2] : 0, n > 3 ? m[3] : 0);
}

int binary_parse(struct rfile *rf, struct arena *a, const char *path,
		 struct binary **out, const char **err)
{
	return binary_parse_as(rf, a, path, 0, out, err);
}

int binary_parse_as(struct rfile *rf, struct arena *a, const char *path, unsigned flags,
		    struct binary **out, const char **err)
{
	*out = NULL;
	*err = NULL;
	struct binary *b = binary_new(a, path, rf->size);
	if (!b) {
		*err = "out of memory";
		return -1;
	}
	b->parse_library = (flags & BIN_PARSE_LIBRARY) != 0;
	*out = b;

	if (rf->size == 0) {
		*err = "empty file (0 bytes)";
		return -1;
	}
	uint8_t m[16] = {0};
	size_t n = rf->size < sizeof m ? (size_t)rf->size : sizeof m;
	if (!rf_read(rf, 0, m, n)) {
		*err = "cannot read the first bytes";
		return -1;
	}
	int rc;
	if (n >= 4 && m[0] == 0x7f && m[1] == 'E' && m[2] == 'L' && m[3] == 'F') {
		rc = elf_parse(rf, 0, rf->size, a, b, err);
	} else if (n >= 4 && ((m[0] == 0xfe && m[1] == 0xed && m[2] == 0xfa && (m[3] == 0xce || m[3] == 0xcf)) ||
			      ((m[0] == 0xce || m[0] == 0xcf) && m[1] == 0xfa && m[2] == 0xed && m[3] == 0xfe))) {
		rc = macho_parse(rf, 0, rf->size, a, b, err);
	} else if (n >= 4 && m[0] == 0xca && m[1] == 0xfe && m[2] == 0xba && (m[3] == 0xbe || m[3] == 0xbf)) {
		uint32_t count = n >= 8 ? (uint32_t)m[4] << 24 | (uint32_t)m[5] << 16 | (uint32_t)m[6] << 8 | m[7] : 0;
		if (m[3] == 0xbe && count > 30) {
			*err = "a Java class file, not a universal Mach-O binary";
			return -1;
		}
		rc = macho_parse(rf, 0, rf->size, a, b, err);
	} else if (n >= 2 && m[0] == 'M' && m[1] == 'Z') {
		rc = pe_parse(rf, 0, rf->size, a, b, err);
	} else {
		*err = arena_printf(a, "not an ELF, Mach-O or PE file: %s", describe_start(a, m, n));
		return -1;
	}
	if (rc != 0 && !*err)
		*err = "cannot be parsed";
	if (rf->over_cap && rf_budget_spent()) {
		/* the run's budget, not this file, ran out */
		if (rc != 0)
			*err = arena_printf(a, "not read: the run's read budget of %llu bytes is spent "
					    "(ADDON_DOCTOR_READ_BUDGET)", (unsigned long long)rf_budget_total());
		else
			bin_note(a, b, "stopped reading: the run's read budget of %llu bytes is spent; tables may be incomplete",
				 (unsigned long long)rf_budget_total());
	} else if (rc == 0 && rf->over_cap) {
		bin_note(a, b, "stopped reading after %llu bytes (read cap); tables may be incomplete",
			 (unsigned long long)rf->bytes_read);
	}
	if (a->failed) {
		*err = "out of memory (or the file asks for more than the allocation cap)";
		return -1;
	}
	return rc;
}
