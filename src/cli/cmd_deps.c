/* cmd_deps.c - placeholder until the 'deps' command lands (see issues). */
#include "commands.h"

int cmd_deps(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	cli_error("'deps' is not implemented yet");
	return 2;
}
