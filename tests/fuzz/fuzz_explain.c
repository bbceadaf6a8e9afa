/*
 * fuzz_explain.c - libFuzzer entry point for `explain`'s message parser:
 * any pasted text (binary junk, cut-off messages, huge paths, NULs) must be
 * recognised or not, never crash or hang.  explain_confirm is left out: it
 * reads the file a message names, which makes runs depend on this machine.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "explain/explain.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena a;
	arena_init(&a);
	struct explain ex;
	memset(&ex, 0, sizeof ex);
	explain_text(&a, (const char *)data, size, &ex);
	arena_release(&a);
	return 0;
}
