/* cmd_check.c - placeholder until the 'check' command lands (see issues). */
#include "commands.h"

int cmd_check(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	cli_error("'check' is not implemented yet");
	return 2;
}
