/*
 * layers.c - the merged filesystem of an image's layers, in memory.
 *
 * Each layer (a tar, gzip or zstd, read by libarchive) is read once, in
 * order: names, types, sizes, link targets and each header's position are
 * kept; contents are skipped.  Whiteouts follow the OCI image spec
 * (layer.md, "Whiteouts"): ".wh.<name>" removes <name> and everything
 * under it from the layers below, ".wh..wh..opq" in a directory removes
 * everything the layers below put in it.  Entries of the layer that holds
 * the whiteout stay.
 *
 * Names are hostile: a leading "/" or "./" is dropped (the name is taken
 * from the image root, as docker extracts), a ".." part is an error naming
 * the image, layer and entry.  Lookups resolve symlinks as a kernel does
 * inside a chroot of the image root, so no link ever leads out of it.
 */
#ifdef AD_HAVE_LIBARCHIVE

#include <archive.h>
#include <archive_entry.h>
#include <stdlib.h>
#include <string.h>

#include "imgint.h"

static size_t hash(const char *s)
{
	size_t h = 1469598103934665603u;
	while (*s)
		h = (h ^ (unsigned char)*s++) * 1099511628211u;
	return h;
}

static struct ventry **find_slot(const struct view *v, const char *name)
{
	size_t i = hash(name) & (v->cap - 1);
	while (v->slot[i] && strcmp(v->slot[i]->name, name))
		i = (i + 1) & (v->cap - 1);
	return &v->slot[i];
}

struct ventry *view_get(const struct view *v, const char *name)
{
	struct ventry *e = *find_slot(v, name);
	return e && !e->gone ? e : NULL;
}

static int grow(struct view *v)
{
	size_t ncap = v->cap ? v->cap * 2 : 4096;
	struct ventry **ns = arena_calloc(v->a, ncap, sizeof *ns);
	if (!ns)
		return -1;
	struct ventry **old = v->slot;
	size_t ocap = v->cap;
	v->slot = ns;
	v->cap = ncap;
	for (size_t i = 0; i < ocap; i++)
		if (old[i])
			*find_slot(v, old[i]->name) = old[i];
	return 0;
}

/* Normalises a tar name into buf; -1 for a ".." part, -2 when too long. */
static int norm(const char *in, char *buf, size_t cap)
{
	size_t o = 0;
	for (const char *p = in; *p;) {
		while (*p == '/')
			p++;
		if (!*p)
			break;
		size_t n = strcspn(p, "/");
		if (n == 1 && p[0] == '.') {
			p += n;
			continue;
		}
		if (n == 2 && p[0] == '.' && p[1] == '.')
			return -1;
		if (o + n + 2 > cap)
			return -2;
		if (o)
			buf[o++] = '/';
		memcpy(buf + o, p, n);
		o += n;
		p += n;
	}
	buf[o] = '\0';
	return 0;
}

static struct ventry *put(struct view *v, const char *name)
{
	if ((v->n + 1) * 2 > v->cap && grow(v))
		return NULL;
	struct ventry **s = find_slot(v, name);
	if (!*s) {
		if (v->n >= IMG_MAX_ENTRIES)
			return NULL;
		*s = arena_calloc(v->a, 1, sizeof **s);
		if (!*s || !((*s)->name = arena_strdup(v->a, name)))
			return NULL;
		v->n++;
	}
	struct ventry *e = *s;
	char *nm = e->name;
	memset(e, 0, sizeof *e);
	e->name = nm;
	return e;
}

/* whiteouts of one layer: a set of names, the opaque ones flagged */
struct wh {
	char *name;
	bool opaque;
};

static int wh_cmp(const void *x, const void *y)
{
	const struct wh *a = x, *b = y;
	int c = strcmp(a->name, b->name);
	return c ? c : (int)a->opaque - (int)b->opaque;
}

static bool wh_has(const struct wh *w, size_t nw, const char *name, bool opaque)
{
	struct wh key = { (char *)name, opaque };
	return bsearch(&key, w, nw, sizeof *w, wh_cmp) != NULL;
}

/* Removed when the name or a parent is whited out, or a parent (the root
 * included) is opaque.  W is sorted: a lookup per parent. */
static bool whited(const struct wh *w, size_t nw, const char *name)
{
	char buf[4096];
	if (wh_has(w, nw, "", true))
		return true;
	size_t n = strlen(name);
	if (n >= sizeof buf)
		return false;
	memcpy(buf, name, n + 1);
	for (size_t i = 0; i <= n; i++) {
		if (buf[i] != '/' && buf[i] != '\0')
			continue;
		char c = buf[i];
		buf[i] = '\0';
		bool hit = wh_has(w, nw, buf, false) || (c == '/' && wh_has(w, nw, buf, true));
		buf[i] = c;
		if (hit)
			return true;
	}
	return false;
}

int view_build(struct view *v, struct arena *a, const struct img_src *s, const char *const *layers,
	       unsigned nlayers, const char **err)
{
	memset(v, 0, sizeof *v);
	v->a = a;
	v->image = s->path;
	v->layers = layers;
	v->nlayers = nlayers;
	if (grow(v))
		return -1;
	uint64_t cap = img_byte_cap(), total = 0;
	char name[4096], tgt[4096];
	for (unsigned li = 0; li < nlayers; li++) {
		struct img_layer *l = img_layer_open(a, s, layers[li], err);
		if (!l)
			return -1;
		struct archive *ar = img_layer_archive(l);
		struct archive_entry *e;
		VEC(struct wh) wh = { 0 };
		uint64_t ord = 0;
		int r;
		while ((r = archive_read_next_header(ar, &e)) == ARCHIVE_OK || r == ARCHIVE_WARN) {
			ord++;
			const char *raw = archive_entry_pathname(e);
			if (!raw)
				raw = "";
			int nr = norm(raw, name, sizeof name);
			if (nr || ord > IMG_MAX_ENTRIES) {
				*err = arena_printf(a, "'%s': layer %u (%s): entry '%.200s': %s", s->path, li + 1, layers[li],
						    raw, nr == -1 ? "the name leaves the image root"
						    : nr ? "the name is longer than 4095 bytes" : "too many entries in one layer");
				img_layer_close(l);
				return -1;
			}
			int64_t sz = archive_entry_size(e);
			if (sz < 0 || (uint64_t)sz > cap) {
				*err = arena_printf(a, "'%s': layer %u (%s): entry '%s' claims %lld bytes, more than the "
						    "cap of %llu (ADDON_DOCTOR_IMAGE_MAX_BYTES)", s->path, li + 1,
						    layers[li], raw, (long long)sz, (unsigned long long)cap);
				img_layer_close(l);
				return -1;
			}
			const char *base = strrchr(name, '/');
			base = base ? base + 1 : name;
			if (!strncmp(base, ".wh.", 4)) {
				struct wh *w = VEC_PUSH(a, &wh);
				if (!w)
					return -1;
				w->opaque = !strcmp(base, ".wh..wh..opq");
				size_t dlen = (size_t)(base - name);
				if (w->opaque)
					w->name = arena_strndup(a, name, dlen ? dlen - 1 : 0);
				else
					w->name = arena_printf(a, "%.*s%s", (int)dlen, name, base + 4);
				if (!w->name)
					return -1;
				continue;
			}
			if (!*name)
				continue;   /* "./" itself: the root */
			struct ventry *ve = put(v, name);
			if (!ve) {
				*err = arena_printf(a, "'%s': more than %u entries", s->path, IMG_MAX_ENTRIES);
				img_layer_close(l);
				return -1;
			}
			ve->layer = li;
			ve->ordinal = ord;
			ve->size = sz;
			ve->mode = archive_entry_perm(e);
			const char *hl = archive_entry_hardlink(e);
			if (hl) {
				/* a hard link: the content is the named entry's, in
				 * this layer or one below */
				struct ventry *t = NULL;
				int hr = norm(hl, tgt, sizeof tgt);
				if (hr == -1) {
					*err = arena_printf(a, "'%s': layer %u (%s): entry '%.200s': the hard link's target "
							    "'%.200s' leaves the image root", s->path, li + 1, layers[li], raw, hl);
					img_layer_close(l);
					return -1;
				}
				if (hr == 0)
					t = view_get(v, tgt);
				if (t && t->type == VT_FILE && t != ve) {
					ve->type = VT_FILE;
					ve->layer = t->layer;
					ve->ordinal = t->ordinal;
					ve->size = t->size;
				} else {
					ve->type = VT_FILE;
					ve->nocontent = true;
				}
				continue;
			}
			switch (archive_entry_filetype(e)) {
			case AE_IFREG:
				ve->type = VT_FILE;
				total += (uint64_t)sz;
				break;
			case AE_IFDIR:
				ve->type = VT_DIR;
				break;
			case AE_IFLNK:
				ve->type = VT_LINK;
				ve->link = arena_strdup(a, archive_entry_symlink(e) ? archive_entry_symlink(e) : "");
				break;
			default:
				ve->type = VT_OTHER;   /* devices, FIFOs, sockets: never copied */
			}
			if (total > cap) {
				*err = arena_printf(a, "'%s': the layers hold more than %llu bytes "
						    "(ADDON_DOCTOR_IMAGE_MAX_BYTES)", s->path, (unsigned long long)cap);
				img_layer_close(l);
				return -1;
			}
		}
		if (r != ARCHIVE_EOF) {
			*err = arena_printf(a, "'%s': layer %u (%s): %s", s->path, li + 1, layers[li],
					    archive_error_string(ar) ? archive_error_string(ar) : "unreadable");
			img_layer_close(l);
			return -1;
		}
		img_layer_close(l);
		if (wh.n) {
			qsort(wh.v, wh.n, sizeof *wh.v, wh_cmp);
			for (size_t i = 0; i < v->cap; i++) {
				struct ventry *ve = v->slot[i];
				if (ve && !ve->gone && ve->layer < li && whited(wh.v, wh.n, ve->name))
					ve->gone = true;
			}
		}
	}
	return 0;
}

int view_resolve(struct view *v, const char *name, bool follow_last, bool mark, char **canon,
		 struct ventry **out)
{
	/* cur: resolved prefix; rest: what is left, consumed part by part */
	char cur[4096] = "", rest[8192];
	int links = 0;
	if (strlen(name) >= sizeof rest)
		return -1;
	strcpy(rest, name);
	struct ventry *e = NULL;
	for (;;) {
		char *p = rest;
		while (*p == '/')
			p++;
		if (!*p)
			break;
		size_t n = strcspn(p, "/");
		char part[4096];
		if (n >= sizeof part)
			return -1;
		memcpy(part, p, n);
		part[n] = '\0';
		memmove(rest, p + n, strlen(p + n) + 1);
		if (!strcmp(part, "."))
			continue;
		if (!strcmp(part, "..")) {
			char *sl = strrchr(cur, '/');
			if (sl)
				*sl = '\0';
			else
				cur[0] = '\0';
			continue;
		}
		size_t cl = strlen(cur);
		if (cl + n + 2 > sizeof cur)
			return -1;
		char next[4096];
		memcpy(next, cur, cl);
		size_t o = cl;
		if (cl)
			next[o++] = '/';
		memcpy(next + o, part, n + 1);
		e = view_get(v, next);
		bool last = rest[strspn(rest, "/")] == '\0';
		if (e && e->type == VT_LINK && (!last || follow_last)) {
			if (++links > IMG_MAX_LINKS)
				return -1;
			if (mark)
				e->want = true;
			char nr[8192];
			size_t ll = strlen(e->link), rl = strlen(rest);
			if (ll + rl + 2 > sizeof nr)
				return -1;
			memcpy(nr, e->link, ll);
			nr[ll] = '/';
			memcpy(nr + ll + 1, rest, rl + 1);
			memcpy(rest, nr, ll + rl + 2);
			if (e->link[0] == '/')
				cur[0] = '\0';     /* absolute: from the image root */
			e = NULL;
			continue;
		}
		strcpy(cur, next);
	}
	*canon = arena_strdup(v->a, cur);
	*out = cur[0] ? view_get(v, cur) : NULL;
	return *canon ? 0 : -1;
}

#endif
