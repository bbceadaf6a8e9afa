/* macho.c - placeholder: the macho parser is being written (issue 2). */
#include "parse.h"

int macho_parse(struct rfile *rf, uint64_t base, uint64_t size, struct arena *a,
	      struct binary *b, const char **err)
{
	(void)rf; (void)base; (void)size; (void)a; (void)b;
	*err = "macho parser not written yet";
	return -1;
}
