/*
 * compat.c - what WASI's libc lacks, written portably.
 *
 * The WebAssembly build (make wasm, run by Node's node:wasi) has no
 * realpath(); require() resolves symlinks and Node's messages show the real
 * path, so the loader simulation needs it.  This version walks the path one
 * component at a time with readlink(), with a cap on symlinks followed
 * (ELOOP, like the kernel's 40).  Native builds use the system realpath.
 */
#ifdef __wasi__
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define COMPAT_MAX_LINKS 40
#define COMPAT_PATH_MAX 4096

char *realpath(const char *restrict path, char *restrict resolved);

/* Appends component c (length n) to out, handling "." and "..". */
static int push(char *out, size_t *len, const char *c, size_t n)
{
	if (n == 0 || (n == 1 && c[0] == '.'))
		return 0;
	if (n == 2 && c[0] == '.' && c[1] == '.') {
		while (*len > 1 && out[*len - 1] != '/')
			(*len)--;
		if (*len > 1)
			(*len)--;
		out[*len] = '\0';
		return 0;
	}
	if (*len + 1 + n >= COMPAT_PATH_MAX)
		return ENAMETOOLONG;
	if (*len > 1)
		out[(*len)++] = '/';
	memcpy(out + *len, c, n);
	*len += n;
	out[*len] = '\0';
	return 0;
}

char *realpath(const char *restrict path, char *restrict resolved)
{
	char out[COMPAT_PATH_MAX], rest[COMPAT_PATH_MAX], link[COMPAT_PATH_MAX];
	size_t len = 0;
	int links = 0;
	if (!path || !*path) {
		errno = ENOENT;
		return NULL;
	}
	if (path[0] == '/') {
		strcpy(out, "/");
		len = 1;
	} else {
		if (!getcwd(out, sizeof out))
			return NULL;
		len = strlen(out);
	}
	if (strlen(path) >= sizeof rest) {
		errno = ENAMETOOLONG;
		return NULL;
	}
	memcpy(rest, path, strlen(path) + 1);
	char *p = rest;
	while (*p) {
		while (*p == '/')
			p++;
		char *e = p;
		while (*e && *e != '/')
			e++;
		size_t n = (size_t)(e - p);
		size_t before = len;
		int err = push(out, &len, p, n);
		if (err) {
			errno = err;
			return NULL;
		}
		p = e;
		if (len == before)
			continue;
		ssize_t k = readlink(out, link, sizeof link - 1);
		if (k < 0) {
			if (errno == EINVAL)
				continue; /* not a symlink */
			if (errno == ENOENT && !*p)
				return NULL;
			return NULL;
		}
		if (++links > COMPAT_MAX_LINKS) {
			errno = ELOOP;
			return NULL;
		}
		link[k] = '\0';
		/* New path = link target + what was left. */
		if ((size_t)k + strlen(p) + 1 >= sizeof rest) {
			errno = ENAMETOOLONG;
			return NULL;
		}
		memmove(rest + k, p, strlen(p) + 1);
		memcpy(rest, link, (size_t)k);
		p = rest;
		if (link[0] == '/') {
			strcpy(out, "/");
			len = 1;
		} else {
			len = before; /* relative to the link's directory */
			out[len] = '\0';
		}
	}
	if (!resolved) {
		resolved = malloc(len + 1);
		if (!resolved)
			return NULL;
	}
	memcpy(resolved, out, len + 1);
	return resolved;
}
#else
/* ISO C forbids an empty translation unit. */
typedef int compat_native_build_needs_nothing;
#endif
