/* elf.c - placeholder: the elf parser is being written (issue 2). */
#include "parse.h"

int elf_parse(struct rfile *rf, uint64_t base, uint64_t size, struct arena *a,
	      struct binary *b, const char **err)
{
	(void)rf; (void)base; (void)size; (void)a; (void)b;
	*err = "elf parser not written yet";
	return -1;
}
