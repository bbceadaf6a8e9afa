/*
 * cli.c - how every command reports its own problems (not findings).
 */
#include "commands.h"

#include <stdarg.h>
#include <stdio.h>

void cli_error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("addon-doctor: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
}

int cli_usage_error(const char *cmd, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("addon-doctor: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	if (cmd)
		fprintf(stderr, "addon-doctor: try 'addon-doctor %s --help'\n", cmd);
	else
		fputs("addon-doctor: try 'addon-doctor --help'\n", stderr);
	return 2;
}

