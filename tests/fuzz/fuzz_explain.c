/*
 * fuzz_explain.c - libFuzzer entry point for `explain`'s message parser:
 * any pasted text (binary junk, cut-off messages, huge paths, NULs) must be
 * recognised or not, never crash or hang.  explain_confirm is left out: it
 * reads the file a message names, which makes runs depend on this machine.
 *
 * Quadratic matching only shows on big inputs, and libFuzzer's default
 * max_len is 4 KB: an input whose first byte is 0xA5 is the unit of a
 * repeat instead, its remaining bytes repeated to 1 MiB, so that every
 * run's -timeout catches work that grows faster than the text (a run of
 * blanks, one long line of a repeated shape).  Run with
 * -max_len=4194304 to feed whole inputs up to the cap as well.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "explain/explain.h"

#define REPEAT_MARK 0xA5
#define REPEAT_TO ((size_t)1 << 20)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *big = NULL;
	const char *text = (const char *)data;
	size_t len = size;
	if (size >= 2 && data[0] == REPEAT_MARK) {
		big = malloc(REPEAT_TO);
		if (!big)
			return 0;
		size_t unit = size - 1;
		for (size_t off = 0; off < REPEAT_TO; off += unit)
			memcpy(big + off, data + 1, REPEAT_TO - off < unit ? REPEAT_TO - off : unit);
		text = big;
		len = REPEAT_TO;
	}
	struct arena a;
	arena_init(&a);
	struct explain ex;
	memset(&ex, 0, sizeof ex);
	explain_text(&a, text, len, &ex);
	arena_release(&a);
	free(big);
	return 0;
}
