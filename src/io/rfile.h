/*
 * rfile.h - the one bounded, endian-explicit reader of file bytes.
 *
 * Every byte any parser looks at comes through these functions.  A read is
 * either entirely inside the file (or inside the window a caller narrowed it
 * to) or it fails; nothing ever reads past the end, and no file field is
 * trusted for arithmetic without a checked add.
 *
 * Files are read with pread() through a small block cache instead of mmap:
 * it lets a 50 MB addon cost what its headers and tables cost, works the
 * same under WebAssembly (WASI has no mmap), and a file that shrinks under
 * us produces a read error, not a SIGBUS.
 *
 * Byte order is always a parameter: there is no global "swap" flag.
 */
#ifndef AD_RFILE_H
#define AD_RFILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct arena;

enum endian { LE = 0, BE = 1 };

#define RF_BLOCK_SIZE ((size_t)64 * 1024)
#define RF_BLOCKS 4
/* Parsers stop with a clear error once a file has cost this much reading. */
#define RF_DEFAULT_READ_CAP ((uint64_t)512 * 1024 * 1024)

/*
 * The whole run's budget (a scan of a hostile tree must end even if every
 * file is huge): bytes read by all rfiles together.  Default 16 GiB, far
 * past a real project (the 111k-file bench tree reads about 40 MB);
 * ADDON_DOCTOR_READ_BUDGET sets it (lower for tests, higher for a tree
 * past 16 GiB of reading): bytes, or a number with k/K, m/M, g/G for KiB,
 * MiB, GiB ("512k", "2G"); nothing else.  Once spent, every read fails and
 * rf_budget_spent() says so.  Small-file reads (rfile_slurp_small) are not
 * counted: each is capped by its caller.
 */
#define RF_DEFAULT_RUN_BUDGET ((uint64_t)16 << 30)
/* Reads ADDON_DOCTOR_READ_BUDGET (the CLI does so before any work).
 * Returns NULL, or a message naming the variable when its value is not a
 * size (garbage, "-1", "5x", "0", past 2^64): the caller exits 2. */
const char *rf_budget_init(void);
bool rf_budget_spent(void);
uint64_t rf_budget_total(void);
/* "123", "64k", "2M", "1g" -> bytes; -1 for anything else or overflow. */
int rf_parse_size(const char *s, uint64_t *out);

struct rfile {
	int fd;                  /* -1 for memory-backed */
	const uint8_t *mem;      /* memory-backed contents (fuzzers, tests) */
	uint64_t size;           /* bytes in the file */
	uint64_t bytes_read;     /* what reading has cost so far */
	uint64_t read_cap;
	int err;                 /* errno of the first failed read, or 0 */
	bool over_cap;
	unsigned clock;
	struct {
		uint8_t *data;
		uint64_t off;
		size_t len;
		unsigned stamp;
	} blk[RF_BLOCKS];
};

/* Opens path read-only.  Refuses directories, FIFOs, sockets and devices
 * without opening them (stat first; O_NONBLOCK|O_NOCTTY and an fstat
 * recheck for a file swapped in between).  Returns 0, or an errno value
 * (EISDIR, ENODEV for "not a regular file", ...). */
int rfile_open(struct rfile *rf, const char *path);

/*
 * The one reader of small whole files (package.json, musl's
 * etc/ld-musl-<arch>.path): opened as rfile_open opens (regular files
 * only, never blocking), at most cap bytes.  Returns the contents in the
 * arena, NUL-terminated (*len excludes the NUL), or NULL with *err set:
 * ENOENT/ENOTDIR (absent), EACCES, EISDIR, ENODEV (FIFO, socket, device),
 * EFBIG (larger than cap), ENOMEM, or the read's errno.
 */
char *rfile_slurp_small(struct arena *a, const char *path, size_t cap, size_t *len, int *err);
/* Words for an errno from rfile_open or rfile_slurp_small, for messages. */
const char *rfile_strerror(int e);
void rfile_init_mem(struct rfile *rf, const void *data, size_t len);
void rfile_close(struct rfile *rf);

/* Copies exactly n bytes at off into dst.  False if [off, off+n) is not
 * inside the file, on an I/O error, or past the read cap. */
bool rf_read(struct rfile *rf, uint64_t off, void *dst, size_t n);

/* The same without the block cache: one pread of exactly [off, off+n).
 * For scattered small reads (symbol lookups by hash in a 100 MB node
 * executable) and for bulk tables read once, where 64 KiB blocks would
 * cost more than they save.  Counts against the read cap like rf_read. */
bool rf_read_direct(struct rfile *rf, uint64_t off, void *dst, size_t n);

bool rf_u8(struct rfile *rf, uint64_t off, uint8_t *out);
bool rf_u16(struct rfile *rf, uint64_t off, enum endian e, uint16_t *out);
bool rf_u32(struct rfile *rf, uint64_t off, enum endian e, uint32_t *out);
bool rf_u64(struct rfile *rf, uint64_t off, enum endian e, uint64_t *out);
/* A 32- or 64-bit word, widened (zero-extended) to 64 bits. */
bool rf_word(struct rfile *rf, uint64_t off, enum endian e, int bits, uint64_t *out);

/*
 * A NUL-terminated string that starts at off and must end before `end`
 * (the end of its string table, load command, or section) and before the
 * end of the file.  Returns an arena copy, or NULL when there is no NUL in
 * range, the range is outside the file, or the string is longer than
 * max_len.  The terminator rule is the table's, not the file's.
 */
char *rf_str(struct rfile *rf, struct arena *a, uint64_t off, uint64_t end, size_t max_len);

/* Checked arithmetic for file-derived offsets. */
static inline bool ckd_add_u64(uint64_t *r, uint64_t a, uint64_t b)
{
	*r = a + b;
	return *r >= a;
}
static inline bool ckd_mul_u64(uint64_t *r, uint64_t a, uint64_t b)
{
	if (a && b > UINT64_MAX / a)
		return false;
	*r = a * b;
	return true;
}
/* [off, off+len) inside [0, size)?  Written so that it cannot overflow. */
static inline bool range_ok(uint64_t off, uint64_t len, uint64_t size)
{
	return len <= size && off <= size - len;
}

#endif
