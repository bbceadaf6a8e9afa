/*
 * findmem.h - memmem in bounded windows, for searches repeated over one
 * large hostile text.
 */
#ifndef AD_FINDMEM_H
#define AD_FINDMEM_H
#include <stddef.h>

/* The first w (wl bytes, wl > 0) in t (n bytes), or NULL.  Same answer as
 * memmem; each memmem call reads at most a 64 KiB window (a sanitizer's
 * memmem checks the whole range it is given, which made one search per
 * hit quadratic under ASan). */
const char *find_mem(const char *t, size_t n, const char *w, size_t wl);
#endif
