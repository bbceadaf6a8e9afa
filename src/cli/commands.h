/*
 * commands.h - every subcommand's entry point.
 *
 * Each takes the arguments after the global options, argv[0] being the
 * subcommand's own name, and returns the process exit status:
 *   0  everything fine (check: everything loads)
 *   1  a predicted failure (check/scan), or an unrecognised message (explain)
 *   2  usage error, or a file that could not be read / understood
 * Subcommands print their report to stdout and their own problems to stderr
 * as "addon-doctor: <what went wrong>".
 */
#ifndef AD_COMMANDS_H
#define AD_COMMANDS_H

int cmd_inspect(int argc, char **argv);
int cmd_check(int argc, char **argv);
int cmd_deps(int argc, char **argv);
int cmd_scan(int argc, char **argv);
int cmd_explain(int argc, char **argv);
int cmd_abi(int argc, char **argv);
int cmd_env(int argc, char **argv);

/* Shared helpers for commands (cli/main.c). */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* "addon-doctor: <msg>" + "try 'addon-doctor CMD --help'", returns 2 */
int cli_usage_error(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/*
 * Runs argv (no shell) in dir with env_name=env_value added (both may be
 * NULL), sharing stdout/stderr; returns its exit status (128+N for a
 * signal), or -1 when it could not be started (always under WASI, which
 * cannot start processes).  cli/runcmd.c.
 */
int cli_run(const char *dir, const char *const *argv, const char *env_name, const char *env_value);

#endif
