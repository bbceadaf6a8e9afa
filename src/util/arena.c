/*
 * arena.c - bump allocator: a list of malloc'd blocks, freed all at once.
 */
#include "arena.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct arena_block {
	struct arena_block *next;
	size_t used, cap;
	_Alignas(16) unsigned char data[];
};

#define ARENA_BLOCK_MIN ((size_t)16 * 1024)

void arena_init(struct arena *a)
{
	a->head = NULL;
	a->total = 0;
	a->failed = 0;
}

void arena_release(struct arena *a)
{
	struct arena_block *b = a->head;
	while (b) {
		struct arena_block *next = b->next;
		free(b);
		b = next;
	}
	arena_init(a);
}

void *arena_alloc(struct arena *a, size_t size)
{
	void *p = arena_alloc_raw(a, size);
	if (p)
		memset(p, 0, (size + 15) & ~(size_t)15);
	return p;
}

void *arena_alloc_raw(struct arena *a, size_t size)
{
	size = (size + 15) & ~(size_t)15;
	if (size == 0)
		size = 16;
	if (size > ARENA_MAX_TOTAL) {
		a->failed = 1;
		return NULL;
	}
	struct arena_block *b = a->head;
	if (!b || b->cap - b->used < size) {
		size_t cap = size > ARENA_BLOCK_MIN ? size : ARENA_BLOCK_MIN;
		if (a->total + cap > ARENA_MAX_TOTAL) {
			a->failed = 1;
			return NULL;
		}
		b = malloc(sizeof *b + cap);
		if (!b) {
			a->failed = 1;
			return NULL;
		}
		b->used = 0;
		b->cap = cap;
		a->total += cap;
		/* A big one-off block goes behind the current head so the
		 * head's free space stays usable for small allocations. */
		if (a->head && cap > ARENA_BLOCK_MIN && a->head->cap - a->head->used > 256) {
			b->next = a->head->next;
			a->head->next = b;
		} else {
			b->next = a->head;
			a->head = b;
		}
	}
	void *p = b->data + b->used;
	b->used += size;
	return p;
}

void *arena_calloc(struct arena *a, size_t count, size_t size)
{
	if (size && count > ARENA_MAX_TOTAL / size) {
		a->failed = 1;
		return NULL;
	}
	return arena_alloc(a, count * size);
}

char *arena_strndup(struct arena *a, const char *s, size_t n)
{
	if (n == SIZE_MAX)
		return NULL;
	char *p = arena_alloc(a, n + 1);
	if (p) {
		memcpy(p, s, n);
		p[n] = '\0';
	}
	return p;
}

char *arena_strdup(struct arena *a, const char *s)
{
	return s ? arena_strndup(a, s, strlen(s)) : NULL;
}

char *arena_printf(struct arena *a, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return NULL;
	char *p = arena_alloc(a, (size_t)n + 1);
	if (!p)
		return NULL;
	va_start(ap, fmt);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return p;
}

int vec_grow_(struct arena *a, void **v, size_t *cap, size_t n, size_t elem)
{
	size_t ncap = *cap ? *cap * 2 : 8;
	if (ncap < n + 1)
		ncap = n + 1;
	void *nv = arena_calloc(a, ncap, elem);
	if (!nv)
		return -1;
	if (n)
		memcpy(nv, *v, n * elem);
	*v = nv;
	*cap = ncap;
	return 0;
}
