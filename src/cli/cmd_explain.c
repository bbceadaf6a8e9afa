/* cmd_explain.c - placeholder until the 'explain' command lands (see issues). */
#include "commands.h"

int cmd_explain(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	cli_error("'explain' is not implemented yet");
	return 2;
}
