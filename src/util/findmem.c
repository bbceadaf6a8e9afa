/*
 * findmem.c - memmem in bounded windows (findmem.h).
 */
/* memmem (glibc, musl and wasi-libc declare it for _GNU_SOURCE): linear
 * time (two-way), which a hand loop over hostile input would not be. */
#define _GNU_SOURCE
#include "findmem.h"

#include <string.h>

#define FIND_WINDOW ((size_t)64 << 10)

const char *find_mem(const char *t, size_t n, const char *w, size_t wl)
{
	size_t from = 0;
	if (!wl)
		return NULL;
	while (from < n && wl <= n - from) {
		size_t e = n - from > FIND_WINDOW + wl ? from + FIND_WINDOW + wl - 1 : n;
		const char *hit = memmem(t + from, e - from, w, wl);
		if (hit)
			return hit;
		if (e == n)
			break;
		from = e - (wl - 1);
	}
	return NULL;
}
