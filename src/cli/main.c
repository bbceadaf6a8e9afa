/*
 * main.c - the command table, global help, and the exit-status policy.
 *
 * Exit statuses (documented in docs/addon-doctor.1.md):
 *   0 fine, 1 predicted failure, 2 usage or I/O error.
 */
#include "commands.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../io/rfile.h"

/* From npm/package.json, the version's only home (see the Makefile). */
#ifndef AD_VERSION
#error "AD_VERSION is not defined: build with make, which reads it from npm/package.json"
#endif

struct command {
	const char *name;
	int (*fn)(int argc, char **argv);
	const char *summary;
};

static const struct command commands[] = {
	{ "scan",    cmd_scan,    "check every addon in a project (the default command)" },
	{ "check",   cmd_check,   "predict what require() does with addon files on a target runtime" },
	{ "inspect", cmd_inspect, "show what an addon binary is: format, arch, libc, needs, Node ABI" },
	{ "deps",    cmd_deps,    "show the dependency tree the loader would build, without running it" },
	{ "explain", cmd_explain, "explain an error message (ERR_DLOPEN_FAILED and friends)" },
	{ "abi",     cmd_abi,     "NODE_MODULE_VERSION / Node-API / Electron ABI tables" },
	{ "env",     cmd_env,     "describe this machine as a target: node, libc, package manager" },
};

static void usage(FILE *f)
{
	fputs("usage: addon-doctor [COMMAND] [OPTIONS] [ARGS]\n"
	      "\n"
	      "Reads Node.js native addons (.node files: ELF, Mach-O, PE) without loading\n"
	      "them and predicts what require() will do on a target runtime: whether it\n"
	      "loads, the exact error Node would throw, why, and the command that fixes it.\n"
	      "\n"
	      "Commands:\n", f);
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
		fprintf(f, "  %-8s  %s\n", commands[i].name, commands[i].summary);
	fputs("\n"
	      "With no command, addon-doctor scans the current directory (like 'scan').\n"
	      "'addon-doctor COMMAND --help' describes each command;\n"
	      "'addon-doctor --version' (-V) prints the version.\n"
	      "\n"
	      "Exit status: 0 all good, 1 something would fail to load, 2 usage or I/O error.\n", f);
}

int main(int argc, char **argv)
{
#ifdef __wasi__
	/* WASI starts in "/"; the npm launcher passes the caller's directory
	 * so that relative paths mean what the user typed. */
	const char *cwd = getenv("ADDON_DOCTOR_CWD");
	if (cwd && *cwd && chdir(cwd) != 0)
		cli_error("cannot change to '%s'", cwd);
#endif
	if (argc >= 2 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") ||
			  !strcmp(argv[1], "help"))) {
		usage(stdout);
		return 0;
	}
	if (argc >= 2 && (!strcmp(argv[1], "--version") || !strcmp(argv[1], "-V"))) {
		puts("addon-doctor " AD_VERSION);
		return 0;
	}
	/* Before any work: a budget that cannot be read must not be half
	 * applied (rfile.h). */
	const char *budget_err = rf_budget_init();
	if (budget_err) {
		cli_error("%s", budget_err);
		return 2;
	}
	if (argc >= 2) {
		for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
			if (!strcmp(argv[1], commands[i].name))
				return commands[i].fn(argc - 1, argv + 1);
	}
	/* No command word: everything is for scan ("addon-doctor DIR", "addon-doctor --json"). */
	if (argc >= 2 && argv[1][0] != '-' && strchr(argv[1], '/') == NULL) {
		/* A bare word that is neither a command nor an existing path is a typo. */
		/* stat, not open: the word may name a FIFO or a device */
		struct stat st;
		if (stat(argv[1], &st) != 0)
			return cli_usage_error(NULL, "unknown command '%s'", argv[1]);
	}
	static char scan_name[] = "scan";
	argv[0] = scan_name;
	return cmd_scan(argc, argv);
}
