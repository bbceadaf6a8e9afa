/* abi.c - placeholder until the runtime tables land (issue 7). */
#include "abi.h"

#include <stdio.h>

bool abi_node_release(const char *spec, struct node_release *out)
{
	(void)spec;
	(void)out;
	return false;
}

bool abi_electron_release(const char *spec, struct electron_release *out)
{
	(void)spec;
	(void)out;
	return false;
}

const char *abi_describe(int modules, char *buf, size_t cap)
{
	snprintf(buf, cap, "an unknown runtime (NODE_MODULE_VERSION %d)", modules);
	return buf;
}
