/*
 * scan_image.c - scan --image: the image decides the target.  Turns an
 * image into what a scan takes (a directory, a node, a sysroot), and runs
 * a multi-platform image as one scan per platform.  Works the same with
 * or without libarchive: without it, image_open says the build has none.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../image/image.h"
#include "../runtime/syslibs.h"
#include "../runtime/target.h"
#include "commands.h"

/* its NODE_OPTIONS: does it leave node with --no-addons? */
static bool image_no_addons;
static const char *image_node_options;
static const char *image_options_error; /* node's reason to refuse them, or NULL */

/* Node's own split of NODE_OPTIONS (src/node_options.cc
 * ParseNodeOptionsEnvVar): spaces separate arguments outside double
 * quotes, a backslash inside quotes takes the next character.  Sets
 * *no_addons to what the last of --no-addons / --addons says; every other
 * argument is appended to *rest.  false on a text node rejects (an
 * unterminated string, a final backslash): node would not start. */
static bool node_options_parse(struct arena *a, const char *s, bool *no_addons, const char **rest,
			       const char **why)
{
	*why = "unterminated string";
	*no_addons = false;
	*rest = NULL;
	size_t n = strlen(s);
	char *arg = arena_alloc(a, n + 1);
	if (!arg)
		return false;
	size_t k = 0;
	bool in_str = false, have = false;
	for (size_t i = 0; i <= n; i++) {
		char c = i < n ? s[i] : ' ';
		if (i < n && c == '\\' && in_str) {
			if (i + 1 == n) {
				*why = "invalid escape";
				return false;
			}
			c = s[++i];
		} else if (c == ' ' && !in_str) {
			if (have) {
				arg[k] = '\0';
				if (!strcmp(arg, "--no-addons"))
					*no_addons = true;
				else if (!strcmp(arg, "--addons"))
					*no_addons = false;
				else
					*rest = *rest ? arena_printf(a, "%s %s", *rest, arg) : arena_strdup(a, arg);
			}
			k = 0;
			have = false;
			continue;
		} else if (c == '"') {
			in_str = !in_str;
			have = true; /* "" is an (empty) argument */
			continue;
		}
		arg[k++] = c;
		have = true;
	}
	return !in_str;
}

/* --no-addons exists from Node 16.10.0 and 14.19.0 (doc/api/cli.md) */
static bool node_knows_no_addons(const char *v)
{
	int ma = 0, mi = 0;
	if (sscanf(v, "%d.%d", &ma, &mi) != 2)
		return false;
	return ma > 16 || (ma == 16 && mi >= 10) || (ma == 14 && mi >= 19);
}

/* The stderr note on the image's NODE_OPTIONS: what is modelled, what not. */
static void node_options_note(struct arena *a, const char *opts)
{
	image_no_addons = false;
	image_node_options = opts;
	image_options_error = NULL;
	if (!opts || !*opts)
		return;
	bool no_addons;
	const char *rest, *why;
	if (!node_options_parse(a, opts, &no_addons, &rest, &why)) {
		/* node.cc: "<argv0>: invalid value for NODE_OPTIONS (<why>)", exit 9 */
		image_options_error = arena_printf(a, "invalid value for NODE_OPTIONS (%s)", why);
		fprintf(stderr, "addon-doctor: the image sets NODE_OPTIONS='%s', which node rejects (%s, exit "
			"status 9): its node would not start, so every outcome is unknown\n", opts,
			image_options_error);
		return;
	}
	image_no_addons = no_addons;
	fprintf(stderr, "addon-doctor: the image sets NODE_OPTIONS='%s'%s%s%s\n", opts,
		no_addons ? ": --no-addons modelled (every addon throws ERR_DLOPEN_DISABLED)" : "",
		rest ? (no_addons ? "; not modelled: " : ": not modelled: ") : "", rest ? rest : "");
}

void image_target_env(struct arena *a, struct sysenv *env, struct target *t)
{
	if (image_options_error && t && !t->alt && t->runtime && !strcmp(t->runtime, "node"))
		t->start_refused = arena_printf(a, "it prints \"<argv[0]>: %s\" and exits with status 9",
						image_options_error);
	if (image_no_addons && t && !t->alt && t->runtime && !strcmp(t->runtime, "node")) {
		if (node_knows_no_addons(t->version))
			t->addons_disabled = arena_printf(a, "the image's NODE_OPTIONS ('%s') holds --no-addons",
							  image_node_options);
		else
			cli_error("note: node %s has no --no-addons option; the image's NODE_OPTIONS ('%s') is not "
				  "modelled for it (node would refuse to start)", t->version, image_node_options);
	}
	(void)env; /* the image's LD_LIBRARY_PATH: sysenv_set_sysroot_env, at setup */
}

int image_scan_matrix(const char *image, int argc, char **argv)
{
	struct arena a;
	arena_init(&a);
	const char *plat[IMAGE_MAX_PLATFORMS];
	size_t n = 0;
	const char *err = NULL;
	int status = -1;
	if (image_platforms(&a, image, plat, &n, &err) != 0) {
		cli_error("--image %s", err ? err : "cannot read it");
		status = 2;
	} else if (n > 1) {
		char **av = calloc((size_t)argc + 3, sizeof *av);
		if (!av) {
			cli_error("out of memory");
			status = 2;
		} else {
			status = 0;
			/* --json keeps one object per line: the platform is in each
			 * run's stderr line */
			bool json = false;
			for (int k = 1; k < argc; k++)
				json |= !strcmp(argv[k], "--json");
			for (size_t i = 0; i < n; i++) {
				memcpy(av, argv, (size_t)argc * sizeof *av);
				av[argc] = "--platform";
				av[argc + 1] = (char *)plat[i];
				av[argc + 2] = NULL;
				if (!json)
					printf("%s== %s, platform %s\n", i ? "\n" : "", image, plat[i]);
				fflush(stdout);
				int rc = cmd_scan(argc + 2, av);
				if (rc > status)
					status = rc;
			}
			free(av);
		}
	}
	arena_release(&a);
	return status;
}

int image_scan_setup(struct arena *a, const char *image, const char *platform, const char **dir,
		     const char **node, const char **sysroot, bool have_targets)
{
	if (*node || *sysroot) {
		cli_error("--image: the image gives the node and the system libraries; --node and --sysroot "
			  "do not go with it (--target does)");
		return 2;
	}
	struct image_view v;
	const char *err = NULL;
	sysenv_set_sysroot_env(NULL, NULL);
	if (image_open(a, image, platform, *dir, &v, &err) != 0) {
		cli_error("--image %s", err ? err : "cannot read it");
		return 2;
	}
	if (!v.node && !have_targets) {
		cli_error("'%s': no executable node on the image's PATH; name the runtime with --target", image);
		return 2;
	}
	fprintf(stderr, "addon-doctor: image '%s' (%s): node %s, app %s; %zu files (%zu bytes) copied out "
		"to read them, nothing run\n", image, v.platform, v.node_in_image ? v.node_in_image : "none",
		v.app_in_image, v.files, v.bytes);
	/* glibc's and musl's ld.so take it from the environment the image's
	 * process starts with, in its WorkingDir: every target's system model
	 * (the node's own libnode included) is set up after this */
	sysenv_set_sysroot_env(v.ld_library_path, v.workdir);
	node_options_note(a, v.node_options);
	if (!have_targets)
		*node = v.node;
	*sysroot = v.root;
	*dir = v.app;
	return 0;
}

int image_check_setup(struct arena *a, const char *image, const char *platform, const char **files, int nfiles,
		      const char **node, const char **sysroot, bool have_targets)
{
	if (*node || *sysroot) {
		cli_error("--image: the image gives the node and the system libraries; --node and --sysroot "
			  "do not go with it (--target does)");
		return 2;
	}
	const char *plat[IMAGE_MAX_PLATFORMS];
	size_t n = 0;
	const char *err = NULL;
	if (!platform && image_platforms(a, image, plat, &n, &err) == 0 && n > 1) {
		cli_error("'%s': %zu platforms in the image; pick one with --platform (e.g. %s)", image, n, plat[0]);
		return 2;
	}
	struct image_view v;
	sysenv_set_sysroot_env(NULL, NULL);
	if (image_open_files(a, image, platform, files, nfiles, &v, &err) != 0) {
		cli_error("--image %s", err ? err : "cannot read it");
		return 2;
	}
	if (!v.node && !have_targets) {
		cli_error("'%s': no executable node on the image's PATH; name the runtime with --target", image);
		return 2;
	}
	fprintf(stderr, "addon-doctor: image '%s' (%s): node %s; %zu files (%zu bytes) copied out to read "
		"them, nothing run\n", image, v.platform, v.node_in_image ? v.node_in_image : "none", v.files,
		v.bytes);
	/* glibc's and musl's ld.so take it from the environment the image's
	 * process starts with, in its WorkingDir: every target's system model
	 * (the node's own libnode included) is set up after this */
	sysenv_set_sysroot_env(v.ld_library_path, v.workdir);
	node_options_note(a, v.node_options);
	if (!have_targets)
		*node = v.node;
	*sysroot = v.root;
	return 0;
}
