/*
 * arena.h - one bump allocator per analysis.
 *
 * Ownership rule for the whole model: everything a parser produces (strings,
 * arrays, sub-images) is allocated from the arena passed to it and freed at
 * once by arena_release().  Nothing in the model is freed individually, so
 * nothing in the model may point at memory that is not arena-owned (never at
 * file bytes: files are closed right after parsing).
 *
 * Allocation failure is reported as NULL; callers propagate it.  Requests are
 * capped (ARENA_MAX_TOTAL) so a hostile count can never make us ask the
 * system for gigabytes.
 */
#ifndef AD_ARENA_H
#define AD_ARENA_H

#include <stddef.h>
#include <stdint.h>

#define ARENA_MAX_TOTAL ((size_t)1 << 30) /* 1 GiB per arena, far past any real binary */

struct arena_block;

struct arena {
	struct arena_block *head;
	size_t total;     /* bytes obtained from malloc so far */
	int failed;       /* set once an allocation was refused */
};

void arena_init(struct arena *a);
void arena_release(struct arena *a);

/* Zeroed, 16-byte aligned memory; NULL on overflow, cap or OOM. */
void *arena_alloc(struct arena *a, size_t size);
/* The same without zeroing, for buffers the caller fills at once (file
 * tables read in bulk, a hash table of node's 75,000 symbols). */
void *arena_alloc_raw(struct arena *a, size_t size);
/* count * size with overflow check. */
void *arena_calloc(struct arena *a, size_t count, size_t size);
char *arena_strndup(struct arena *a, const char *s, size_t n);
char *arena_strdup(struct arena *a, const char *s);
/* printf into the arena. */
char *arena_printf(struct arena *a, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/*
 * A growable array whose storage lives in the arena.  Growth doubles and
 * abandons the old block (the arena frees it later); that costs at most 2x
 * and keeps the model free of individual frees.
 */
#define VEC(type) struct { type *v; size_t n, cap; }

int vec_grow_(struct arena *a, void **v, size_t *cap, size_t n, size_t elem);

/* Appends one zeroed element and returns a pointer to it, or NULL. */
#define VEC_PUSH(a, vec) \
	(((vec)->n < (vec)->cap || \
	  vec_grow_((a), (void **)&(vec)->v, &(vec)->cap, (vec)->n, sizeof *(vec)->v) == 0) \
		 ? &(vec)->v[(vec)->n++] : NULL)

#endif
