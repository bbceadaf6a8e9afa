/*
 * image.h - a container image as the target of a scan (scan --image).
 *
 * An image (docker save archive, OCI image layout directory, OCI archive)
 * is read, never run: its layers are indexed and merged with their
 * whiteouts in memory, then only the entries a scan needs (the app
 * directory, the node on the image's PATH, the libraries under the
 * standard library directories, the loader's configuration files) are
 * copied into a private directory that stands for the image's "/".  The
 * scan then runs with that directory as its --sysroot.  docs/image.md.
 *
 * Built with libarchive when the Makefile finds it (AD_HAVE_LIBARCHIVE);
 * without it every call says so and nothing else changes.
 */
#ifndef AD_IMAGE_H
#define AD_IMAGE_H

#include <stdbool.h>
#include <stddef.h>

#include "../util/arena.h"

#define IMAGE_MAX_PLATFORMS 16

/* What one platform of an image gives the scan. */
struct image_view {
	const char *platform;        /* "linux/arm64/v8", from the image config */
	const char *root;            /* private directory standing for the image's "/" */
	const char *node;            /* host path of the node found on the image's PATH, or NULL */
	const char *node_in_image;   /* the same as the image sees it */
	const char *app;             /* host path of the app directory */
	const char *app_in_image;
	const char *ld_library_path; /* the config's Env, or NULL */
	const char *workdir;         /* the config's WorkingDir, "/" when none */
	const char *node_options;
	const char *command;         /* Entrypoint + Cmd joined, for the report, or NULL */
	size_t files, bytes;         /* what was copied */
};

/* false when this build has no image support */
bool image_supported(void);

/* The platforms ("os/arch[/variant]") an image offers: one for a single
 * manifest, each of a multi-platform index.  -1 with *err on failure. */
int image_platforms(struct arena *a, const char *image, const char **out, size_t *n, const char **err);

/* Prepares the view of IMAGE for PLATFORM (NULL: the only one, or the
 * first) and the app directory DIR (NULL: the config's WorkingDir; a
 * relative DIR is taken from the WorkingDir).  The private directory is
 * removed at exit.  -1 with *err ("'<image>': ...") on failure. */
int image_open(struct arena *a, const char *image, const char *platform, const char *dir,
	       struct image_view *out, const char **err);

/* check --image: the same for the files FILES (absolute in the image, or
 * relative to its WorkingDir), each rewritten to its host path in the
 * copy; beside each, its directory's entries are copied ($ORIGIN). */
int image_open_files(struct arena *a, const char *image, const char *platform, const char **files, int nfiles,
		     struct image_view *out, const char **err);

/* The wiring of scan --image (cli/scan_image.c), for cli/cmd_scan.c.
 * image_scan_matrix: with several platforms and no --platform, runs
 * cmd_scan once per platform (argv plus --platform P) and returns the
 * worst status; -1 when the image has one platform (the caller goes on).
 * image_scan_setup: the view of the platform; sets the scan's directory,
 * node and sysroot.  0, or 2 after saying why. */
int image_scan_matrix(const char *image, int argc, char **argv);
int image_scan_setup(struct arena *a, const char *image, const char *platform, const char **dir,
		     const char **node, const char **sysroot, bool have_targets);
/* Gives a target's system model the image's LD_LIBRARY_PATH, and a node
 * target the image's NODE_OPTIONS --no-addons (after verdict_target_init;
 * nothing when no image was set up). */
struct sysenv;
struct target;
void image_target_env(struct arena *a, struct sysenv *env, struct target *t);
/* check --image: FILES rewritten to the copy; 0, or 2 after saying why */
int image_check_setup(struct arena *a, const char *image, const char *platform, const char **files, int nfiles,
		      const char **node, const char **sysroot, bool have_targets);

#endif
