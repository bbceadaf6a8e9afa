/*
 * fuzz_parse.c - libFuzzer entry points for the binary parsers.
 *
 * Built once per target with -DFUZZ_TARGET=<n>: 0 sniff+dispatch
 * (binary_parse), 1 ELF, 2 Mach-O, 3 PE, 4 the JSON reader.  Each feeds the
 * input through a memory-backed rfile, exactly the path real files take
 * after pread, so every bound the parsers rely on is exercised.
 */
#include <stddef.h>
#include <stdint.h>

#include "io/rfile.h"
#include "parse/parse.h"
#include "util/jsonread.h"

#ifndef FUZZ_TARGET
#define FUZZ_TARGET 0
#endif

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena a;
	arena_init(&a);
	struct rfile rf;
	rfile_init_mem(&rf, data, size);
	const char *err = NULL;
	struct binary *b = NULL;
	switch (FUZZ_TARGET) {
	case 0:
		binary_parse(&rf, &a, "fuzz", &b, &err);
		break;
	case 1:
	case 2:
	case 3:
		b = binary_new(&a, "fuzz", size);
		if (b) {
			if (FUZZ_TARGET == 1)
				elf_parse(&rf, 0, size, &a, b, &err);
			else if (FUZZ_TARGET == 2)
				macho_parse(&rf, 0, size, &a, b, &err);
			else
				pe_parse(&rf, 0, size, &a, b, &err);
		}
		break;
	case 4:
		json_parse(&a, (const char *)data, size);
		break;
	}
	arena_release(&a);
	return 0;
}
