/* cmd_env.c - placeholder until the 'env' command lands (see issues). */
#include "commands.h"

int cmd_env(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	cli_error("'env' is not implemented yet");
	return 2;
}
