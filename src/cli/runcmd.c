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
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#endif

#ifndef __wasi__
/*
 * argv[0] looked up in PATH the way execvp would, but before the chdir into
 * the project and over absolute entries only: a relative entry ("", ".",
 * node_modules/.bin) would run the scanned tree's own `npm`.  The first
 * regular, executable file wins.  Returns 0 and fills out, or -1.
 */
static int resolve_program(const char *prog, char *out, size_t outsz)
{
	if (strchr(prog, '/'))
		return -1; /* plan commands are bare names; never a path from the tree */
	const char *path = getenv("PATH");
	if (!path)
		path = "/usr/local/bin:/usr/bin:/bin";
	for (const char *p = path; *p;) {
		const char *colon = strchr(p, ':');
		size_t l = colon ? (size_t)(colon - p) : strlen(p);
		int w = l > 0 && p[0] == '/' && l < outsz ? snprintf(out, outsz, "%.*s/%s", (int)l, p, prog) : -1;
		if (w > 0 && (size_t)w < outsz) {
			struct stat st;
			if (stat(out, &st) == 0 && S_ISREG(st.st_mode) && access(out, X_OK) == 0)
				return 0;
		}
		if (!colon)
			break;
		p = colon + 1;
	}
	return -1;
}
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
	char prog[4096];
	if (resolve_program(argv[0], prog, sizeof prog) != 0) {
		cli_error("cannot run %s: not found in an absolute directory of PATH", argv[0]);
		return -1;
	}
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
		execv(prog, (char *const *)argv);
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
