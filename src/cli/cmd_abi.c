/* cmd_abi.c - placeholder until the 'abi' command lands (see issues). */
#include "commands.h"

int cmd_abi(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	cli_error("'abi' is not implemented yet");
	return 2;
}
