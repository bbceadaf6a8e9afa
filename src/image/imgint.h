/*
 * imgint.h - what the image/ files share: the container (oci.c), the
 * merged view of the layers (layers.c), the copy-out (materialise.c).
 * Only built with libarchive.
 */
#ifndef AD_IMGINT_H
#define AD_IMGINT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../util/arena.h"

struct archive;

/* Caps that every hostile image meets; ADDON_DOCTOR_IMAGE_MAX_BYTES raises
 * the byte caps (total copied, largest entry, bytes decompressed). */
#define IMG_MAX_ENTRIES   2000000u
#define IMG_MAX_LAYERS    256u
#define IMG_MAX_SMALL     (8u << 20)    /* manifests, configs, index.json */
#define IMG_MAX_LINKS     40            /* symlinks followed per lookup, as Linux */
uint64_t img_byte_cap(void);

/* The container: where its blobs are. */
struct img_src {
	const char *path;   /* as the user gave it, for messages */
	bool dir;           /* a layout directory; else a tar archive */
};

/* Reads a small member (manifest, config) whole, NUL-terminated. */
char *img_read_small(struct arena *a, const struct img_src *s, const char *name, size_t *len, const char **err);

/* Opens a member as a tar stream (gzip, zstd or none), positioned before
 * its first header; img_layer_close ends it. */
struct img_layer;
struct img_layer *img_layer_open(struct arena *a, const struct img_src *s, const char *name, const char **err);
struct archive *img_layer_archive(struct img_layer *l);
void img_layer_close(struct img_layer *l);

/* One entry of the merged view. */
enum vtype { VT_FILE, VT_DIR, VT_LINK, VT_OTHER };
struct ventry {
	char *name;          /* normalised: no leading '/', no "." or ".." parts, no trailing '/' */
	enum vtype type;
	bool gone;           /* deleted by a whiteout of a later layer */
	bool want;           /* to be copied out */
	unsigned layer;      /* where its content is (VT_FILE) */
	uint64_t ordinal;    /* the header's position in that layer */
	int64_t size;
	unsigned mode;
	char *link;          /* VT_LINK target as written */
	bool nocontent;      /* a hard link whose target was not found */
};

struct view {
	struct arena *a;
	struct ventry **slot;
	size_t cap, n;
	const char *image;   /* for messages */
	const char *const *layers;
	unsigned nlayers;
};

/* Index every layer in order, whiteouts applied.  -1 with *err. */
int view_build(struct view *v, struct arena *a, const struct img_src *s, const char *const *layers,
	       unsigned nlayers, const char **err);
struct ventry *view_get(const struct view *v, const char *name);
/* Resolves NAME as the image's kernel would inside a chroot: absolute link
 * targets start at the image root, ".." stops there.  Returns the
 * canonical name (in *canon) and its entry (NULL when absent); each
 * symlink passed through gets want=true when MARK.  -1 on a loop. */
int view_resolve(struct view *v, const char *name, bool follow_last, bool mark, char **canon,
		 struct ventry **out);

/* Marks what a scan reads: the loader's files and libraries, the node
 * on PATH_ENV (its canonical name in *node, NULL when none), the app
 * directory APP (absolute, canonical name in *app_out; -1 when it is not
 * a directory of the image; NULL: none, *app_out NULL).  LLP: the config's
 * LD_LIBRARY_PATH or NULL, its relative elements taken from WD (the
 * WorkingDir, absolute). */
int view_select(struct view *v, const char *path_env, const char *llp, const char *wd, const char *app,
		char **node, char **app_out, const char **err);

/* Wants NAME (resolved) and its directory's entries; its canonical name,
 * or NULL when it is not a file of the image. */
const char *view_want_file(struct view *v, const char *name);

/* Copies the wanted entries into ROOT.  -1 with *err. */
int view_materialise(struct view *v, const struct img_src *s, const char *root, size_t *files, size_t *bytes,
		     const char **err);

#endif
