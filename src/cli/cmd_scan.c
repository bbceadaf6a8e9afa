/* cmd_scan.c - placeholder until the 'scan' command lands (see issues). */
#include "commands.h"

int cmd_scan(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	cli_error("'scan' is not implemented yet");
	return 2;
}
