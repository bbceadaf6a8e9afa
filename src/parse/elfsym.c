/*
 * elfsym.c - "does this ELF object define that symbol?", answered the way
 * ld.so answers it (glibc elf/dl-lookup.c do_lookup_x, musl ldso/dynlink.c
 * find_sym): through the object's own DT_GNU_HASH or DT_HASH table, one
 * probe per name, reading only the few symbol entries and names the chain
 * points at.  The hash table itself (a few hundred KiB for node's 75,000
 * exports) is read once into the arena; everything else is read on demand.
 * This replaces reading and sorting every symbol of node, libc and
 * libstdc++, which made one `check` as slow as starting node itself.
 */
#include "parse.h"

#include <string.h>

/* Caps: far above real objects (node has ~37,000 buckets, 75,000 symbols). */
#define MAX_BUCKETS ((uint64_t)1 << 24)
#define MAX_BLOOM   ((uint64_t)1 << 24)
/*
 * Per lookup: chain entries walked, and names compared (a file read each).
 * Linkers size the buckets so chains hold a few entries and a full 32-bit
 * hash rarely matches twice; a hostile table that puts every symbol in one
 * chain with one hash would cost each of an addon's thousand lookups a
 * million reads.  Past a cap the answer is "cannot tell".
 */
#define MAX_CHAIN_STEPS (1u << 16)
#define MAX_PROBES      1024u

struct elf_symindex {
	bool gnu;
	/* DT_GNU_HASH */
	uint32_t nbuckets, symoffset, bloom_n, shift;
	bool musl;             /* the object is musl's: shift mod 32 (elf_lookup) */
	uint64_t *bloom;
	uint32_t *buckets;
	uint32_t *chain;       /* chain[i - symoffset] for hashed symbol i */
	uint64_t nchain;
	/* DT_HASH */
	uint32_t *sbucket, *schain;
	uint32_t snbucket, snchain;
};

static uint32_t gnu_hash(const char *s)
{
	uint32_t h = 5381;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		h = h * 33 + *p;
	return h;
}

static uint32_t sysv_hash(const char *s)
{
	uint32_t h = 0;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		h = (h << 4) + *p;
		uint32_t g = h & 0xf0000000u;
		if (g)
			h ^= g >> 24;
		h &= ~g;
	}
	return h;
}

static enum endian file_endian(const struct binary *b)
{
	return b->endian == BIN_BIG ? BE : LE;
}

static uint32_t u32_at(const uint8_t *p, enum endian e)
{
	return e == LE ? (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24
		       : (uint32_t)p[3] | (uint32_t)p[2] << 8 | (uint32_t)p[1] << 16 | (uint32_t)p[0] << 24;
}

static uint64_t word_at(const uint8_t *p, enum endian e, int bits)
{
	if (bits == 32)
		return u32_at(p, e);
	uint64_t lo = u32_at(p + (e == LE ? 0 : 4), e), hi = u32_at(p + (e == LE ? 4 : 0), e);
	return hi << 32 | lo;
}

/* n 32-bit words at off (inside [off, off + avail)) into a new array. */
static uint32_t *read_words(struct rfile *rf, struct arena *a, uint64_t off, uint64_t avail,
			    uint64_t n, enum endian e)
{
	uint64_t bytes;
	if (!ckd_mul_u64(&bytes, n, 4) || bytes > avail || bytes > SIZE_MAX)
		return NULL;
	uint32_t *v = arena_alloc_raw(a, n ? (size_t)bytes : 4);
	if (!v)
		return NULL;
	if (!n)
		return v;
	/* read in place, then convert: the array is its own buffer */
	if (!rf_read_direct(rf, off, v, (size_t)bytes))
		return NULL;
	for (uint64_t i = 0; i < n; i++)
		v[i] = u32_at((const uint8_t *)&v[i], e);
	return v;
}

static bool load_gnu(struct rfile *rf, const struct binary *b, struct arena *a, struct elf_symindex *ix)
{
	const struct elf_symtab *st = &b->elf.symtab;
	enum endian e = file_endian(b);
	uint64_t off = st->gnu_hash_off, avail = st->gnu_hash_avail;
	uint8_t h[16];
	if (avail < 16 || !rf_read_direct(rf, off, h, sizeof h))
		return false;
	ix->nbuckets = u32_at(h, e);
	ix->symoffset = u32_at(h + 4, e);
	ix->bloom_n = u32_at(h + 8, e);
	ix->shift = u32_at(h + 12, e);
	ix->musl = b->libc && !strcmp(b->libc, "musl");
	/* Both loaders index the Bloom words with bloom_n - 1 as a mask: glibc
	 * asserts a power of two (_dl_setup_hash; the assertion kills the
	 * process), zero words wrap the mask to 0xffffffff, and no bucket
	 * makes the first lookup divide by zero.  None of that is an answer
	 * about one symbol: no index, "cannot tell". */
	if (!ix->nbuckets || ix->nbuckets > MAX_BUCKETS || !ix->bloom_n || ix->bloom_n > MAX_BLOOM ||
	    (ix->bloom_n & (ix->bloom_n - 1)))
		return false;
	uint64_t w = (uint64_t)b->bits / 8;
	uint64_t bloom_bytes = (uint64_t)ix->bloom_n * w;
	uint64_t pos = 16;
	if (bloom_bytes > avail - pos)
		return false;
	ix->bloom = arena_calloc(a, ix->bloom_n, sizeof *ix->bloom);
	uint8_t *raw = arena_alloc_raw(a, (size_t)bloom_bytes);
	if (!ix->bloom || !raw || !rf_read_direct(rf, off + pos, raw, (size_t)bloom_bytes))
		return false;
	for (uint32_t i = 0; i < ix->bloom_n; i++)
		ix->bloom[i] = word_at(raw + (uint64_t)i * w, e, b->bits);
	pos += bloom_bytes;
	ix->buckets = read_words(rf, a, off + pos, avail - pos, ix->nbuckets, e);
	if (!ix->buckets)
		return false;
	pos += (uint64_t)ix->nbuckets * 4;
	/* The chain array has one word per hashed symbol; its length is not
	 * stored: it ends with the last chain (bit 0 set) of the highest bucket. */
	uint32_t maxb = 0;
	for (uint32_t i = 0; i < ix->nbuckets; i++)
		if (ix->buckets[i] > maxb)
			maxb = ix->buckets[i];
	if (maxb < ix->symoffset) {
		ix->nchain = 0; /* no hashed symbol at all */
		ix->chain = NULL;
		ix->gnu = true;
		return true;
	}
	uint64_t left = (avail - pos) / 4;
	uint64_t n = (uint64_t)(maxb - ix->symoffset) + 1;
	if (n > left || n > BIN_MAX_SYMS)
		return false;
	/* Find the end (bit 0 set) from the highest bucket's first entry, in
	 * fixed chunks, then read the chain once: a last chain that runs on
	 * costs one pass over it, never a re-read per step. */
	uint64_t end = 0;
	uint32_t chunk[1024];
	for (uint64_t at = n - 1; !end && at < left && at < BIN_MAX_SYMS;) {
		uint64_t k = left - at < 1024 ? left - at : 1024;
		if (!rf_read_direct(rf, off + pos + at * 4, chunk, (size_t)k * 4))
			return false;
		for (uint64_t j = 0; j < k; j++)
			if (u32_at((const uint8_t *)&chunk[j], e) & 1) {
				end = at + j + 1;
				break;
			}
		at += k;
	}
	if (!end || end > BIN_MAX_SYMS)
		return false; /* the last chain never ends inside the table */
	ix->chain = read_words(rf, a, off + pos, avail - pos, end, e);
	if (!ix->chain)
		return false;
	ix->nchain = end;
	ix->gnu = true;
	return true;
}

uint64_t elf_hash_word_size(const struct binary *b)
{
	/* EM_S390 22, EM_ALPHA 0x9026 (binutils elf64-s390.c, elf64-alpha.c) */
	return b->bits == 64 && (b->elf.machine == 22 || b->elf.machine == 0x9026) ? 8 : 4;
}

/* n hash words of 8 bytes (64-bit s390, alpha) at off, kept as 32-bit
 * indexes; a value that does not fit is no symbol index. */
static uint32_t *read_words8(struct rfile *rf, struct arena *a, uint64_t off, uint64_t avail,
			     uint64_t n, enum endian e)
{
	uint64_t bytes;
	if (!ckd_mul_u64(&bytes, n, 8) || bytes > avail || bytes > SIZE_MAX)
		return NULL;
	uint8_t *raw = arena_alloc_raw(a, n ? (size_t)bytes : 8);
	uint32_t *v = arena_alloc_raw(a, n ? (size_t)(n * 4) : 4);
	if (!raw || !v || (n && !rf_read_direct(rf, off, raw, (size_t)bytes)))
		return NULL;
	for (uint64_t i = 0; i < n; i++) {
		uint64_t w = word_at(raw + i * 8, e, 64);
		v[i] = w > UINT32_MAX ? UINT32_MAX : (uint32_t)w;
	}
	return v;
}

static bool load_sysv(struct rfile *rf, const struct binary *b, struct arena *a, struct elf_symindex *ix)
{
	const struct elf_symtab *st = &b->elf.symtab;
	enum endian e = file_endian(b);
	uint64_t w = elf_hash_word_size(b);
	uint8_t h[16];
	if (st->hash_avail < 2 * w || !rf_read_direct(rf, st->hash_off, h, (size_t)(2 * w)))
		return false;
	uint64_t nb = w == 8 ? word_at(h, e, 64) : u32_at(h, e);
	uint64_t nc = w == 8 ? word_at(h + 8, e, 64) : u32_at(h + 4, e);
	if (!nb || nb > MAX_BUCKETS || nc > BIN_MAX_SYMS)
		return false;
	ix->snbucket = (uint32_t)nb;
	ix->snchain = (uint32_t)nc;
	ix->sbucket = w == 8 ? read_words8(rf, a, st->hash_off + 16, st->hash_avail - 16, nb, e)
			     : read_words(rf, a, st->hash_off + 8, st->hash_avail - 8, nb, e);
	if (!ix->sbucket)
		return false;
	uint64_t cpos = 2 * w + nb * w;
	if (cpos > st->hash_avail)
		return false;
	ix->schain = w == 8 ? read_words8(rf, a, st->hash_off + cpos, st->hash_avail - cpos, nc, e)
			    : read_words(rf, a, st->hash_off + cpos, st->hash_avail - cpos, nc, e);
	return ix->schain != NULL;
}

struct elf_symindex *elf_symindex_load(struct rfile *rf, const struct binary *b, struct arena *a)
{
	const struct elf_symtab *st = &b->elf.symtab;
	if (b->format != BIN_ELF || !st->deferred)
		return NULL;
	struct elf_symindex *ix = arena_alloc(a, sizeof *ix);
	if (!ix)
		return NULL;
	/* glibc prefers DT_GNU_HASH when both exist (_dl_setup_hash) */
	if (st->has_gnu_hash && load_gnu(rf, b, a, ix))
		return ix;
	memset(ix, 0, sizeof *ix);
	if (st->has_hash && load_sysv(rf, b, a, ix))
		return ix;
	return NULL;
}

/*
 * Is symbol idx a definition of `name` that a reference asking for `ver`
 * binds to?  1 yes, 0 no, -1 unreadable.
 */
static int match(struct rfile *rf, const struct binary *b, uint64_t idx, const char *name, size_t nl,
		 const char *ver)
{
	const struct elf_symtab *st = &b->elf.symtab;
	enum endian e = file_endian(b);
	uint64_t esz = b->bits == 64 ? 24 : 16;
	uint64_t at;
	if (!ckd_mul_u64(&at, idx, esz) || at + esz > st->sym_avail)
		return -1;
	uint8_t s[24];
	if (!rf_read_direct(rf, st->sym_off + at, s, (size_t)esz))
		return -1;
	uint32_t st_name = u32_at(s, e);
	uint8_t info = b->bits == 64 ? s[4] : s[12];
	const uint8_t *shp = b->bits == 64 ? s + 6 : s + 14;
	uint16_t shndx = e == LE ? (uint16_t)(shp[0] | shp[1] << 8) : (uint16_t)(shp[1] | shp[0] << 8);
	if (shndx == 0 || (info >> 4) == 0) /* undefined, or STB_LOCAL */
		return 0;
	/* the name: exactly nl bytes and a NUL inside the string table */
	uint64_t so;
	if (!ckd_add_u64(&so, st->str_off, st_name) || so >= st->str_end || st->str_end - so < nl + 1)
		return 0;
	char buf[256];
	size_t left = nl + 1, done = 0;
	while (left) {
		size_t k = left < sizeof buf ? left : sizeof buf;
		if (!rf_read_direct(rf, so + done, buf, k))
			return -1;
		if (memcmp(buf, name + done, k)) /* name[nl] is the NUL */
			return 0;
		done += k;
		left -= k;
	}
	if (!st->has_versym)
		return 1;
	uint64_t vo;
	uint8_t v[2];
	if (!ckd_mul_u64(&vo, idx, 2) || vo + 2 > st->versym_avail ||
	    !rf_read_direct(rf, st->versym_off + vo, v, 2))
		return -1;
	uint16_t vs = e == LE ? (uint16_t)(v[0] | v[1] << 8) : (uint16_t)(v[1] | v[0] << 8);
	uint32_t ndx = vs & 0x7fff;
	const char *dv = ndx >= 2 && ndx < st->nver ? st->ver_name[ndx] : NULL;
	if (!dv)
		return 1; /* an unversioned definition satisfies any reference */
	if (!ver)
		return !(vs & 0x8000); /* only the default (@@) version, never a hidden one */
	return !strcmp(dv, ver);
}

int elf_lookup(struct rfile *rf, const struct binary *b, const struct elf_symindex *ix,
	       const char *name, const char *ver)
{
	if (!ix)
		return -1;
	size_t nl = strlen(name);
	bool unreadable = false;
	if (ix->gnu) {
		uint32_t h = gnu_hash(name);
		unsigned cls = (unsigned)b->bits;
		uint64_t word = ix->bloom[(h / cls) & (ix->bloom_n - 1)];
		/* The Bloom filter first, as ld.so does: a name it rules out is not
		 * found even if a chain holds it.  The second bit is h >> shift,
		 * and a shift of 32 or more is undefined in C; what the loaders'
		 * code does with it is the CPU's shift: glibc shifts a
		 * uint_fast32_t (64 bits on 64-bit targets, so shift mod 64 of a
		 * 32-bit value), musl a uint32_t (shift mod 32). */
		unsigned sh = ix->shift & (cls == 64 && !ix->musl ? 63u : 31u);
		uint64_t h2 = (uint64_t)h >> sh;
		if (!((word >> (h % cls)) & (word >> (h2 % cls)) & 1))
			return 0;
		uint32_t i = ix->buckets[h % ix->nbuckets];
		if (i < ix->symoffset)
			return 0; /* 0: empty bucket; below symoffset: not hashed */
		unsigned steps = 0, probes = 0;
		for (uint64_t k = (uint64_t)i - ix->symoffset; k < ix->nchain; k++) {
			if (++steps > MAX_CHAIN_STEPS)
				return -1;
			uint32_t c = ix->chain[k];
			if (((c ^ h) >> 1) == 0) {
				if (++probes > MAX_PROBES)
					return -1;
				int m = match(rf, b, k + ix->symoffset, name, nl, ver);
				if (m > 0)
					return 1;
				unreadable |= m < 0;
			}
			if (c & 1)
				break;
		}
		return unreadable ? -1 : 0;
	}
	uint32_t h = sysv_hash(name);
	uint32_t i = ix->sbucket[h % ix->snbucket];
	/* a chain longer than the table has a loop; each step reads a symbol */
	for (uint32_t steps = 0; i != 0 && i < ix->snchain && steps < ix->snchain; steps++) {
		if (steps >= MAX_PROBES)
			return -1;
		int m = match(rf, b, i, name, nl, ver);
		if (m > 0)
			return 1;
		unreadable |= m < 0;
		i = ix->schain[i];
	}
	return unreadable ? -1 : 0;
}
