/* nodebin.c - placeholder until the runtime model lands (issue 3). */
#include "nodebin.h"

int nodebin_read(const char *path, struct arena *a, struct node_binary *out, const char **err)
{
	(void)path;
	(void)a;
	(void)out;
	*err = "reading a node executable is not implemented yet";
	return -1;
}
