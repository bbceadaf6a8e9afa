/*
 * runcmd.c - runs one command of the fix plan for `scan --fix`: an argument
 * vector (never a shell: package names come from package.json files, which
 * anyone can write), in the project directory, with the tool's stdout and
 * stderr, and waits for it.  The only place addon-doctor starts a process,
 * and only when the user asked for --fix; the files under inspection are
 * never among the things run.
 */
#include "commands.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef __wasi__
#include <sys/wait.h>
#include <unistd.h>
#endif

int cli_run(const char *dir, const char *const *argv, const char *env_name, const char *env_value)
{
#ifdef __wasi__
	(void)dir;
	(void)argv;
	(void)env_name;
	(void)env_value;
	return -1;
#else
	fflush(stdout);
	fflush(stderr);
	pid_t pid = fork();
	if (pid < 0) {
		cli_error("cannot start %s: %s", argv[0], strerror(errno));
		return -1;
	}
	if (pid == 0) {
		if (dir && chdir(dir) != 0) {
			fprintf(stderr, "addon-doctor: cannot enter %s: %s\n", dir, strerror(errno));
			_exit(127);
		}
		if (env_name && setenv(env_name, env_value, 1) != 0)
			_exit(127);
		execvp(argv[0], (char *const *)argv);
		fprintf(stderr, "addon-doctor: cannot run %s: %s\n", argv[0], strerror(errno));
		_exit(127);
	}
	int st;
	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR)
			return -1;
	if (WIFEXITED(st))
		return WEXITSTATUS(st);
	return 128 + (WIFSIGNALED(st) ? WTERMSIG(st) : 0);
#endif
}
