/*
 * walk.c - discovery: every regular file named *.node under a directory,
 * and the lockfile that names the project's package manager.
 *
 * Behaves like `find DIR -name '*.node'`: an explicit stack instead of
 * recursion (a 10 000-deep tree costs heap, never C stack), d_type from
 * readdir to avoid a stat per entry, symlinked directories never descended
 * (so cycles cannot loop) but remembered with their realpath, so a file in
 * pnpm's .pnpm store is also reported under node_modules/<name>.
 *
 * A symlink leading outside DIR is walked as an extra root (once per
 * (st_dev, st_ino)) only where a package manager puts one: at
 * node_modules/<name> or node_modules/@scope/<name>, leading to a directory
 * with a regular package.json (npm link and file: deps, workspaces, pnpm's
 * links into a virtual store outside the tree, yarn's link:/portal:, bun
 * link).  Anything else is one diagnostic line and not followed: one link
 * `node_modules/p -> /` (or -> /proc/self/root) would otherwise make the
 * whole machine's addons the project's.  /, /proc, /sys and /dev are never
 * entered, compared by (st_dev, st_ino) and by filesystem as well as by
 * name, so magic links and bind mounts are caught too.  The number of
 * directories read in one run is capped (SCAN_MAX_DIRS).
 *
 * Special files are only ever lstat'ed.
 */
#include "scan.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../util/jsonread.h"

#ifdef __wasi__
#include <wasi/api.h>
#endif

#define MAX_EXTRA_ROOTS 4096

struct root {
	const char *disp;       /* displayed prefix */
	const char *real;
	size_t real_len;
	dev_t dev;
	ino_t ino;
};

struct pending {
	char *rel;              /* malloc'd, relative to its root; NULL for the root */
	unsigned depth;
	unsigned root;
};

struct walker {
	struct arena *a;
	struct scan_tree *t;
	FILE *diag;
	struct pending *stack;
	size_t n, cap;
	struct root *roots;
	size_t nroots, rootcap;
	bool too_many_files;
	char *dirbuf;           /* WASI: one buffer for whole directories */
	size_t max_dirs;
	/* /, /proc, /sys, /dev as stat() saw them; own_fs when one is a
	 * filesystem of its own (not a plain directory of /'s) */
	struct { dev_t dev; ino_t ino; bool ok, own_fs; } sys[4];
};

static const char *const sys_dirs[4] = { "/", "/proc", "/sys", "/dev" };

/*
 * A directory's entries, one at a time.  Natively: readdir().  Under WASI,
 * readdir() asks the runtime for 4 KiB at a time, and Node's WASI layer
 * (uvwasi) re-reads the directory from its start for every request, so a
 * node_modules of 1,500 entries was read about 15 times over (2 of the 3 s
 * a scan of a big tree took).  Asking once with a buffer big enough for
 * the whole directory reads it once.
 */
struct dirit {
	int fd;
#ifdef __wasi__
	char *buf;
	size_t used, pos;
	__wasi_dircookie_t cookie;
	bool last;              /* the runtime returned less than asked: no more */
	char name[4096];
#else
	DIR *d;
#endif
};

#define DIRBUF_SIZE ((size_t)256 * 1024)

static bool dirit_open(struct walker *w, struct dirit *it, int fd)
{
	it->fd = fd;
#ifdef __wasi__
	if (!w->dirbuf && !(w->dirbuf = malloc(DIRBUF_SIZE)))
		return false;
	it->buf = w->dirbuf;
	it->used = it->pos = 0;
	it->cookie = __WASI_DIRCOOKIE_START;
	it->last = false;
	return true;
#else
	(void)w;
	it->d = fdopendir(fd);
	return it->d != NULL;
#endif
}

/* The next entry; false at the end, with errno set on an error. */
static bool dirit_next(struct dirit *it, const char **name, unsigned char *type)
{
#ifdef __wasi__
	for (;;) {
		size_t hdr = sizeof(__wasi_dirent_t);
		if (it->pos + hdr <= it->used) {
			__wasi_dirent_t de;
			memcpy(&de, it->buf + it->pos, hdr);
			if (it->pos + hdr + de.d_namlen <= it->used) {
				size_t n = de.d_namlen < sizeof it->name ? de.d_namlen : sizeof it->name - 1;
				memcpy(it->name, it->buf + it->pos + hdr, n);
				it->name[n] = '\0';
				it->pos += hdr + de.d_namlen;
				it->cookie = de.d_next;
				static const unsigned char map[] = {
					[__WASI_FILETYPE_UNKNOWN] = DT_UNKNOWN,
					[__WASI_FILETYPE_BLOCK_DEVICE] = DT_BLK,
					[__WASI_FILETYPE_CHARACTER_DEVICE] = DT_CHR,
					[__WASI_FILETYPE_DIRECTORY] = DT_DIR,
					[__WASI_FILETYPE_REGULAR_FILE] = DT_REG,
					[__WASI_FILETYPE_SOCKET_DGRAM] = DT_UNKNOWN, /* stat says what it is */
					[__WASI_FILETYPE_SOCKET_STREAM] = DT_UNKNOWN,
					[__WASI_FILETYPE_SYMBOLIC_LINK] = DT_LNK,
				};
				*type = de.d_type < sizeof map ? map[de.d_type] : DT_UNKNOWN;
				*name = it->name;
				if (n != de.d_namlen)
					continue; /* a name longer than any path allows: skip it */
				return true;
			}
		}
		/* this batch is used up (or ends in a cut entry) */
		if (it->last)
			return false;
		__wasi_size_t got = 0;
		__wasi_errno_t e = __wasi_fd_readdir(it->fd, (uint8_t *)it->buf, DIRBUF_SIZE, it->cookie, &got);
		if (e) {
			errno = e;
			return false;
		}
		it->used = got;
		it->pos = 0;
		it->last = got < DIRBUF_SIZE;
		if (got == 0)
			return false;
	}
#else
	struct dirent *e = readdir(it->d);
	if (!e)
		return false;
	*name = e->d_name;
	*type = e->d_type;
	return true;
#endif
}

static void dirit_close(struct dirit *it)
{
#ifdef __wasi__
	close(it->fd);
#else
	closedir(it->d);
#endif
}

static void diag(struct walker *w, const char *path, const char *what)
{
	w->t->problems++;
	if (!w->diag)
		return;
	fputs("addon-doctor: '", w->diag);
	/* Names come from the filesystem: print them escaped, never raw. */
	/* A 10 000-deep path is not worth 20 000 characters of message. */
	size_t n = strlen(path);
	const unsigned char *p = (const unsigned char *)path;
	if (n > 240) {
		fprintf(w->diag, "%.60s...", path);
		p += n - 120;
	}
	for (; *p; p++) {
		if (*p < 0x20 || *p == 0x7f || *p >= 0x80)
			fprintf(w->diag, "\\x%02x", *p);
		else
			fputc(*p, w->diag);
	}
	fprintf(w->diag, "': %s\n", what);
}

static char *join(const char *a, const char *b)
{
	if (!a)
		return strdup(b);
	size_t la = strlen(a), lb = strlen(b);
	char *s = malloc(la + lb + 2);
	if (!s)
		return NULL;
	memcpy(s, a, la);
	s[la] = '/';
	memcpy(s + la + 1, b, lb + 1);
	return s;
}

static int push(struct walker *w, char *rel, unsigned depth, unsigned root)
{
	if (w->n == w->cap) {
		size_t cap = w->cap ? w->cap * 2 : 256;
		struct pending *s = realloc(w->stack, cap * sizeof *s);
		if (!s)
			return -1;
		w->stack = s;
		w->cap = cap;
	}
	w->stack[w->n++] = (struct pending){ rel, depth, root };
	return 0;
}

static const char *arena_path(struct arena *a, const char *prefix, const char *rel, const char *name)
{
	/* Scanning "." shows "node_modules/x", not "./node_modules/x". */
	if (!strcmp(prefix, ".") && (rel || name)) {
		if (rel && name)
			return arena_printf(a, "%s/%s", rel, name);
		return arena_strdup(a, rel ? rel : name);
	}
	if (rel && name)
		return arena_printf(a, "%s/%s/%s", prefix, rel, name);
	if (rel || name)
		return arena_printf(a, "%s/%s", prefix, rel ? rel : name);
	return arena_strdup(a, prefix);
}

static bool ends_with_node(const char *name)
{
	size_t n = strlen(name);
	return n >= 5 && memcmp(name + n - 5, ".node", 5) == 0;
}

/* "x/node_modules/name" or "x/node_modules/@scope/name": a package directory. */
static bool under_node_modules(const char *rel)
{
	const char *last = strrchr(rel, '/');
	if (!last)
		return false;
	size_t plen = (size_t)(last - rel);
	if (plen >= 12 && !memcmp(rel + plen - 12, "node_modules", 12) &&
	    (plen == 12 || rel[plen - 13] == '/'))
		return true;
	if (last[1] == '@' || plen == 0)
		return false;
	/* @scope/name */
	const char *prev = last;
	while (prev > rel && prev[-1] != '/')
		prev--;
	if (*prev != '@' || prev == rel)
		return false;
	plen = (size_t)(prev - 1 - rel);
	return plen >= 12 && !memcmp(rel + plen - 12, "node_modules", 12) &&
	       (plen == 12 || rel[plen - 13] == '/');
}

/*
 * stat() of the symlink dir/name, resolved by realpath first.  Node's WASI
 * layer (uvwasi) fails to follow some relative links that climb with ".."
 * (pnpm's .pnpm/<pkg>/node_modules/<dep> -> ../../<dep>/node_modules/<dep>);
 * realpath resolves one component at a time, and the path it returns has
 * no link left to follow.
 */
static bool stat_resolved(const char *dir, const char *name, struct stat *st)
{
	char *link = join(dir, name);
	char *rp = link ? realpath(link, NULL) : NULL;
	bool ok = rp && stat(rp, st) == 0;
	free(rp);
	free(link);
	return ok;
}

/* Is `real` inside a tree we walk anyway?  Then a link to it is an alias. */
static bool inside_walked(struct walker *w, const char *real)
{
	for (size_t i = 0; i < w->nroots; i++) {
		const struct root *r = &w->roots[i];
		if (!strncmp(real, r->real, r->real_len) &&
		    (real[r->real_len] == '/' || real[r->real_len] == 0 ||
		     (r->real_len == 1 && r->real[0] == '/')))
			return true;
	}
	return false;
}

/* Is `real` an ancestor of the scanned tree, or of the linked package the
 * link was found in?  Walking it would walk that tree again from above, and
 * everything beside it.  (Not of any other extra root: whether that one was
 * met first depends on readdir order.) */
static bool holds_walked(struct walker *w, const char *real, unsigned from)
{
	size_t n = strlen(real);
	if (n == 1 && real[0] == '/')
		return true;
	for (unsigned i = 0; i < 2; i++) {
		const struct root *r = &w->roots[i ? from : 0];
		if (r->real_len > n && !strncmp(r->real, real, n) && r->real[n] == '/')
			return true;
	}
	return false;
}

/* Is it /, or inside /proc, /sys or /dev?  By (st_dev, st_ino), and by
 * filesystem where the directory is a mount of its own, so /proc/self/root
 * (whose realpath is "/"), /proc/<pid>/cwd and bind mounts are caught; by
 * name where stat cannot tell (WASI, a chroot without /proc mounted). */
static bool is_system_dir(struct walker *w, const char *real, const struct stat *st)
{
	for (size_t i = 0; i < sizeof sys_dirs / sizeof sys_dirs[0]; i++) {
		if (w->sys[i].ok && st->st_dev == w->sys[i].dev &&
		    (st->st_ino == w->sys[i].ino || w->sys[i].own_fs))
			return true;
		size_t n = strlen(sys_dirs[i]);
		if (i > 0 && !strncmp(real, sys_dirs[i], n) && (real[n] == 0 || real[n] == '/'))
			return true;
	}
	return !strcmp(real, "/");
}

/* A regular package.json (not a link to one, not a directory) in dir. */
static bool has_package_json(const char *dir)
{
	char *pj = join(dir, "package.json");
	struct stat st;
	bool ok = pj && lstat(pj, &st) == 0 && S_ISREG(st.st_mode);
	free(pj);
	return ok;
}

/*
 * A directory symlink at rel (inside root `from`) leads to real, outside every
 * tree walked so far: NULL when it is a package manager's link, which the
 * walk follows, else why it is not followed.
 */
static const char *refuse_link(struct walker *w, unsigned from, const char *rel, const char *real,
			       const struct stat *st)
{
	if (is_system_dir(w, real, st))
		return "symlink to / or into /proc, /sys or /dev; not followed";
	if (holds_walked(w, real, from))
		return "symlink to a directory that holds the scanned tree; not followed";
	if (!under_node_modules(rel))
		return "symlink out of the scanned tree, not at node_modules/<name>; not followed";
	if (!has_package_json(real))
		return "symlink out of the scanned tree to a directory with no package.json; not followed";
	return NULL;
}

static int add_root(struct walker *w, const char *disp, const char *real, const struct stat *st)
{
	for (size_t i = 0; i < w->nroots; i++)
		if (w->roots[i].dev == st->st_dev && w->roots[i].ino == st->st_ino)
			return 1;
	if (w->nroots >= MAX_EXTRA_ROOTS) {
		diag(w, disp, "too many symlinked directories outside the scanned tree; not followed");
		return 1;
	}
	if (w->nroots == w->rootcap) {
		size_t cap = w->rootcap ? w->rootcap * 2 : 8;
		struct root *r = realloc(w->roots, cap * sizeof *r);
		if (!r)
			return -1;
		w->roots = r;
		w->rootcap = cap;
	}
	w->roots[w->nroots++] = (struct root){ disp, real, strlen(real), st->st_dev, st->st_ino };
	return push(w, NULL, 0, (unsigned)(w->nroots - 1));
}

static void add_file(struct walker *w, const char *disp, const char *real, const struct stat *st)
{
	if (w->t->files.n >= SCAN_MAX_FILES) {
		if (!w->too_many_files)
			diag(w, disp, "more than 200000 .node files; the rest are not checked");
		w->too_many_files = true;
		return;
	}
	struct scan_file *f = VEC_PUSH(w->a, &w->t->files);
	if (!f)
		return;
	f->path = disp;
	f->real = real;
	f->dev = st->st_dev;
	f->ino = st->st_ino;
}

/* A CACHEDIR.TAG (bford.info/cachedir) marks a cache: nothing in it is loaded. */
static bool is_cachedir_tag(int dfd)
{
	static const char sig[] = "Signature: 8a477f597d28d172789f06886806bc55";
	char buf[sizeof sig - 1];
	int fd = openat(dfd, "CACHEDIR.TAG", O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0)
		return false;
	struct stat st;
	bool ok = fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
		  read(fd, buf, sizeof buf) == (ssize_t)sizeof buf && !memcmp(buf, sig, sizeof buf);
	close(fd);
	return ok;
}

static void read_dir(struct walker *w, struct pending p)
{
	const struct root *r = &w->roots[p.root];
	char *full = p.rel ? join(r->disp, p.rel) : strdup(r->disp);
	if (!full)
		return;
	/* The root may itself be a symlink (extra roots are); inner dirs never are. */
	int flags = O_RDONLY | O_DIRECTORY | O_CLOEXEC | (p.rel ? O_NOFOLLOW : 0);
	int fd = open(full, flags);
	struct dirit it;
	if (fd < 0 || !dirit_open(w, &it, fd)) {
		char msg[160];
		snprintf(msg, sizeof msg, "cannot read directory: %s", strerror(errno));
		diag(w, full, msg);
		if (fd >= 0)
			close(fd);
		free(full);
		return;
	}
	w->t->dirs++;
	size_t stack_mark = w->n, files_mark = w->t->files.n, alias_mark = w->t->aliases.n;
	bool deep_reported = false;
	const char *name;
	unsigned char type;
	while ((errno = 0, dirit_next(&it, &name, &type))) {
		if (name[0] == '.' && (!name[1] || (name[1] == '.' && !name[2])))
			continue;
		struct stat st;
		bool have_st = false;
		if (type == DT_UNKNOWN) {
			if (fstatat(fd, name, &st, AT_SYMLINK_NOFOLLOW) != 0)
				continue;
			have_st = true;
			type = S_ISDIR(st.st_mode) ? DT_DIR : S_ISREG(st.st_mode) ? DT_REG :
			       S_ISLNK(st.st_mode) ? DT_LNK : DT_FIFO;
		}
		if (type == DT_DIR) {
			if (!strcmp(name, ".git"))
				continue;
			if (!strcmp(name, "node_modules"))
				w->t->has_node_modules = true;
			if (p.depth + 1 >= SCAN_MAX_DEPTH) {
				if (!deep_reported)
					diag(w, full, "directories nested more than 512 deep; not descended further");
				deep_reported = true;
				continue;
			}
			char *rel = join(p.rel, name);
			if (!rel || push(w, rel, p.depth + 1, p.root) != 0)
				free(rel);
			continue;
		}
		if (type == DT_REG) {
			if (ends_with_node(name)) {
				if (!have_st && fstatat(fd, name, &st, AT_SYMLINK_NOFOLLOW) != 0)
					continue;
				const char *disp = arena_path(w->a, r->disp, p.rel, name);
				const char *real = arena_path(w->a, r->real, p.rel, name);
				if (disp && real)
					add_file(w, disp, real, &st);
			} else if (!strcmp(name, "package.json") && (p.rel ? under_node_modules(p.rel) : p.root > 0)) {
				/* an extra root is a package directory: it was taken
				 * only as node_modules/<name> with a package.json (pnpm's
				 * global virtual store links every package out of the
				 * project) */
				struct scan_alias *pd = VEC_PUSH(w->a, &w->t->pkgdirs);
				if (pd) {
					pd->link = arena_path(w->a, r->disp, p.rel, NULL);
					pd->real = arena_path(w->a, r->real, p.rel, NULL);
				}
			} else if (!strcmp(name, "CACHEDIR.TAG") && p.rel && is_cachedir_tag(fd)) {
				/* Forget what this directory added so far and stop reading it. */
				for (size_t i = stack_mark; i < w->n; i++)
					free(w->stack[i].rel);
				w->n = stack_mark;
				w->t->files.n = files_mark;
				w->t->aliases.n = alias_mark;
				break;
			}
			continue;
		}
		if (type == DT_LNK) {
			if (fstatat(fd, name, &st, 0) != 0 && !stat_resolved(full, name, &st)) {
				if (ends_with_node(name))
					diag(w, arena_path(w->a, r->disp, p.rel, name),
					     "symlink to nothing (dangling); skipped");
				continue;
			}
			if (S_ISDIR(st.st_mode)) {
				if (!strcmp(name, "node_modules"))
					w->t->has_node_modules = true;
				char *link = join(full, name);
				char *real = link ? realpath(link, NULL) : NULL;
				if (real) {
					const char *ldisp = arena_strdup(w->a, link);
					const char *lreal = arena_strdup(w->a, real);
					if (ldisp && lreal) {
						if (inside_walked(w, real)) {
							struct scan_alias *al = VEC_PUSH(w->a, &w->t->aliases);
							if (al)
								*al = (struct scan_alias){ ldisp, lreal };
						} else {
							char *lrel = join(p.rel, name);
							const char *why = lrel ? refuse_link(w, p.root, lrel, real, &st) :
									  "out of memory; not followed";
							free(lrel);
							if (why)
								diag(w, arena_path(w->a, r->disp, p.rel, name), why);
							else
								add_root(w, ldisp, lreal, &st);
						}
					}
				}
				free(real);
				free(link);
			} else if (S_ISREG(st.st_mode) && ends_with_node(name)) {
				const char *disp = arena_path(w->a, r->disp, p.rel, name);
				char *real = realpath(disp ? disp : "", NULL);
				if (disp && real)
					add_file(w, disp, arena_strdup(w->a, real), &st);
				free(real);
			}
			continue;
		}
		/* FIFO, socket, device: never opened; report only the ones named like addons. */
		if (ends_with_node(name)) {
			if (!have_st && fstatat(fd, name, &st, AT_SYMLINK_NOFOLLOW) != 0)
				continue;
			const char *kind = S_ISFIFO(st.st_mode) ? "a FIFO" : S_ISSOCK(st.st_mode) ? "a socket" :
					   S_ISCHR(st.st_mode) ? "a character device" :
					   S_ISBLK(st.st_mode) ? "a block device" : "not a regular file";
			char msg[96];
			snprintf(msg, sizeof msg, "%s, not an addon file; skipped", kind);
			diag(w, arena_path(w->a, r->disp, p.rel, name), msg);
		}
	}
	if (errno != 0) {
		char msg[160];
		snprintf(msg, sizeof msg, "error reading directory: %s", strerror(errno));
		diag(w, full, msg);
	}
	dirit_close(&it);
	free(full);
}

/*
 * Lockfiles, in the order that decides when one directory holds several and
 * its package.json's "packageManager" names none of them: a pnpm, yarn or
 * bun lockfile is there because someone chose that tool, while a stray
 * package-lock.json is what any `npm install` run by mistake leaves behind.
 * npm itself prefers npm-shrinkwrap.json to package-lock.json; bun prefers
 * bun.lock (text, since bun 1.2) to bun.lockb.
 */
static const struct { const char *file, *pm; } lock_names[] = {
	{ "pnpm-lock.yaml", "pnpm" }, { "yarn.lock", "yarn" }, { "bun.lock", "bun" },
	{ "bun.lockb", "bun" }, { "npm-shrinkwrap.json", "npm" }, { "package-lock.json", "npm" },
};
#define N_LOCKS (sizeof lock_names / sizeof lock_names[0])
#define PKG_JSON_CAP ((size_t)1 << 20)

/* The tool named by dir/package.json's "packageManager" (corepack's
 * "pnpm@9.1.0+sha512...": "pnpm"), or NULL. */
static const char *package_manager_field(struct arena *a, const char *dir)
{
	char *path = join(dir, "package.json");
	int fd = path ? open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY) : -1;
	free(path);
	if (fd < 0)
		return NULL;
	struct stat st;
	char *buf = NULL;
	size_t got = 0;
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && (uint64_t)st.st_size <= PKG_JSON_CAP &&
	    (buf = malloc((size_t)st.st_size + 1))) {
		while (got < (size_t)st.st_size) {
			ssize_t r = read(fd, buf + got, (size_t)st.st_size - got);
			if (r <= 0)
				break;
			got += (size_t)r;
		}
	}
	close(fd);
	const struct jv *doc = buf ? json_parse(a, buf, got) : NULL;
	free(buf);
	const char *pm = doc && doc->type == JV_OBJ ? jv_get_str(doc, "packageManager") : NULL;
	if (!pm)
		return NULL;
	const char *at = strchr(pm, '@');
	return arena_strndup(a, pm, at ? (size_t)(at - pm) : strlen(pm));
}

/* The lockfiles in directory real (shown as disp), best first, into
 * t->lockfiles; how many. */
static size_t find_lockfiles(struct walker *w, const char *disp, const char *real)
{
	bool have[N_LOCKS];
	size_t n = 0;
	for (size_t i = 0; i < N_LOCKS; i++) {
		char *path = join(real, lock_names[i].file);
		struct stat st;
		have[i] = path && stat(path, &st) == 0 && S_ISREG(st.st_mode);
		n += have[i];
		free(path);
	}
	const char *want = n > 1 ? package_manager_field(w->a, real) : NULL;
	for (int pass = 0; pass < 2; pass++) {
		for (size_t i = 0; i < N_LOCKS; i++) {
			bool named = want && !strcmp(want, lock_names[i].pm);
			if (!have[i] || named != (pass == 0))
				continue;
			const char **l = VEC_PUSH(w->a, &w->t->lockfiles);
			size_t dl = strlen(disp);
			if (l)
				*l = dl && disp[dl - 1] == '/' ? arena_printf(w->a, "%s%s", disp, lock_names[i].file) :
				     arena_path(w->a, disp, NULL, lock_names[i].file);
		}
	}
	return n;
}

/*
 * The project's lockfiles: the scanned directory's own, else those of its
 * nearest ancestor that has any (a workspace member scanned alone, whose
 * lockfile is at the workspace root).  Never one found deeper in the tree:
 * a linked package or a sub-project's lockfile says nothing about which
 * tool installed this project.
 */
static void project_lockfiles(struct walker *w, const char *disp)
{
	if (find_lockfiles(w, disp, w->t->root_real))
		return;
	char *dir = strdup(w->t->root_real);
	while (dir && dir[0] == '/' && dir[1]) {
		char *slash = strrchr(dir, '/');
		slash[slash == dir] = 0;
		const char *d = arena_strdup(w->a, dir);
		if (!d || find_lockfiles(w, d, d))
			break;
	}
	free(dir);
}

int scan_walk(struct arena *a, const char *root, struct scan_tree *t, FILE *dg,
	      void (*progress)(size_t dirs, size_t files))
{
	struct walker w = { .a = a, .t = t, .diag = dg, .max_dirs = SCAN_MAX_DIRS };
	struct stat st;
	const char *cap = getenv("ADDON_DOCTOR_MAX_DIRS");
	if (cap && *cap >= '0' && *cap <= '9') {
		char *end;
		unsigned long long v = strtoull(cap, &end, 10);
		if (!*end && v > 0)
			w.max_dirs = v > SIZE_MAX ? SIZE_MAX : (size_t)v;
	}
	for (size_t i = 0; i < sizeof sys_dirs / sizeof sys_dirs[0]; i++) {
		struct stat s;
		if (stat(sys_dirs[i], &s) != 0)
			continue;
		w.sys[i].ok = true;
		w.sys[i].dev = s.st_dev;
		w.sys[i].ino = s.st_ino;
		w.sys[i].own_fs = i > 0 && w.sys[0].ok && s.st_dev != w.sys[0].dev;
	}
	t->root = root;
	if (stat(root, &st) != 0) {
		if (dg)
			fprintf(dg, "addon-doctor: '%s': %s\n", root, strerror(errno));
		return -1;
	}
	if (!S_ISDIR(st.st_mode)) {
		if (dg)
			fprintf(dg, "addon-doctor: '%s': not a directory\n", root);
		return -1;
	}
	char *real = realpath(root, NULL);
	if (!real) {
		if (dg)
			fprintf(dg, "addon-doctor: '%s': %s\n", root, strerror(errno));
		return -1;
	}
	t->root_real = arena_strdup(a, real);
	free(real);
	/* Display paths keep what the user typed, minus a trailing slash. */
	size_t rl = strlen(root);
	while (rl > 1 && root[rl - 1] == '/')
		rl--;
	const char *disp = arena_strndup(a, root, rl);
	if (!t->root_real || !disp || add_root(&w, disp, t->root_real, &st) < 0)
		return -1;
	size_t next_progress = 2048;
	while (w.n > 0) {
		if (t->dirs >= w.max_dirs) {
			char msg[160];
			snprintf(msg, sizeof msg, "stopped after %zu directories; the rest of the tree is not "
				 "scanned (ADDON_DOCTOR_MAX_DIRS raises the cap)", t->dirs);
			diag(&w, disp, msg);
			while (w.n > 0)
				free(w.stack[--w.n].rel);
			break;
		}
		struct pending p = w.stack[--w.n];
		read_dir(&w, p);
		free(p.rel);
		if (progress && t->dirs >= next_progress) {
			progress(t->dirs, t->files.n);
			next_progress += 2048;
		}
	}
	project_lockfiles(&w, disp);
	free(w.stack);
	free(w.roots);
	free(w.dirbuf);
	return 0;
}
