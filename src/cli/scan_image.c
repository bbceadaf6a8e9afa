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
#include "commands.h"

/* the LD_LIBRARY_PATH of the image being scanned (its config's Env) */
static const char *image_llp;

void image_target_env(struct arena *a, struct sysenv *env)
{
	/* glibc's ld.so takes it from the environment the image's process
	 * starts with; a sysroot's loader model has none of its own.  An empty
	 * element would be the process's working directory: left out. */
	for (const char *p = image_llp; p && *p;) {
		size_t n = strcspn(p, ":;");
		const char **s = n ? VEC_PUSH(a, &env->ld_library_path) : NULL;
		if (s)
			*s = arena_strndup(a, p, n);
		p += n;
		if (*p)
			p++;
	}
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
	image_llp = NULL;
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
	image_llp = v.ld_library_path;
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
	image_llp = NULL;
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
	image_llp = v.ld_library_path;
	if (!have_targets)
		*node = v.node;
	*sysroot = v.root;
	return 0;
}
