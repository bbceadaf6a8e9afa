/*
 * rfile.c - bounded pread() reader with a tiny block cache.
 *
 * Parsers read small fields at scattered offsets (headers, then tables that
 * are usually contiguous).  Four 64 KiB blocks with least-recently-used
 * replacement make sequential table walks cost one pread per 64 KiB and
 * keep memory per open file at 256 KiB, whatever the file's size.
 */
#include "rfile.h"
#include "../util/arena.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

void rfile_init_mem(struct rfile *rf, const void *data, size_t len)
{
	memset(rf, 0, sizeof *rf);
	rf->fd = -1;
	rf->mem = data;
	rf->size = len;
	rf->read_cap = RF_DEFAULT_READ_CAP;
}

/*
 * Opens a regular file read-only, or says why not (an errno value; EISDIR
 * for a directory, ENODEV for a FIFO, socket or device).  The name comes
 * from hostile input (a DT_NEEDED of "/dev/zero", a package.json that is a
 * symlink to a tape drive, a path in pasted text), and open() alone has
 * effects on some devices (a tape rewinds, a serial line raises DTR) and
 * waits on a FIFO for a writer: so stat first and open only a regular
 * file.  It may be swapped between the two calls: O_NONBLOCK and O_NOCTTY
 * keep that open harmless, and fstat refuses what was opened unless it is
 * still a regular file.
 */
static int open_regular(const char *path, int *fdp, struct stat *st)
{
	*fdp = -1;
	if (stat(path, st) != 0)
		return errno;
	if (S_ISDIR(st->st_mode))
		return EISDIR;
	if (!S_ISREG(st->st_mode))
		return ENODEV;
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
	if (fd < 0)
		return errno;
	if (fstat(fd, st) != 0) {
		int e = errno;
		close(fd);
		return e;
	}
	if (!S_ISREG(st->st_mode)) {
		close(fd);
		return S_ISDIR(st->st_mode) ? EISDIR : ENODEV;
	}
	*fdp = fd;
	return 0;
}

int rfile_open(struct rfile *rf, const char *path)
{
	memset(rf, 0, sizeof *rf);
	rf->fd = -1;
	rf->read_cap = RF_DEFAULT_READ_CAP;
	struct stat st;
	int fd, e = open_regular(path, &fd, &st);
	if (e)
		return e;
	rf->fd = fd;
	rf->size = st.st_size > 0 ? (uint64_t)st.st_size : 0;
	return 0;
}

char *rfile_slurp_small(struct arena *a, const char *path, size_t cap, size_t *len, int *err)
{
	*len = 0;
	struct stat st;
	int fd, e = open_regular(path, &fd, &st);
	if (!e && (uint64_t)st.st_size > cap)
		e = EFBIG;
	char *buf = NULL;
	size_t got = 0;
	if (!e) {
		/* One byte more than fstat said, to notice a file that grew. */
		size_t want = (size_t)st.st_size + 1;
		buf = arena_alloc_raw(a, want + 1);
		if (!buf)
			e = ENOMEM;
		while (buf && got < want) {
			ssize_t r = read(fd, buf + got, want - got);
			if (r < 0 && errno == EINTR)
				continue;
			if (r < 0) {
				e = errno;
				break;
			}
			if (r == 0)
				break;
			got += (size_t)r;
		}
		if (!e && got > cap)
			e = EFBIG;
	}
	if (fd >= 0)
		close(fd);
	*err = e;
	if (e)
		return NULL;
	buf[got] = '\0';
	*len = got;
	return buf;
}

const char *rfile_strerror(int e)
{
	switch (e) {
	case ENODEV: return "not a regular file (a FIFO, socket or device)";
	case EISDIR: return "a directory, not a file";
	case EFBIG: return "too large for this kind of file";
	default: return strerror(e);
	}
}

/* Process-wide accounting for the run budget (rfile.h). */
static uint64_t run_read, run_budget;
static bool run_spent;

int rf_parse_size(const char *s, uint64_t *out)
{
	if (!s || *s < '0' || *s > '9')
		return -1;
	uint64_t v = 0;
	for (; *s >= '0' && *s <= '9'; s++) {
		if (v > (UINT64_MAX - (uint64_t)(*s - '0')) / 10)
			return -1;
		v = v * 10 + (uint64_t)(*s - '0');
	}
	unsigned shift = 0;
	switch (*s) {
	case '\0': break;
	case 'k': case 'K': shift = 10; s++; break;
	case 'm': case 'M': shift = 20; s++; break;
	case 'g': case 'G': shift = 30; s++; break;
	default: return -1;
	}
	if (*s || (shift && v > UINT64_MAX >> shift))
		return -1;
	*out = v << shift;
	return 0;
}

const char *rf_budget_init(void)
{
	static char msg[200];
	const char *e = getenv("ADDON_DOCTOR_READ_BUDGET");
	uint64_t v;
	run_budget = RF_DEFAULT_RUN_BUDGET;
	/* set but empty ("ADDON_DOCTOR_READ_BUDGET= cmd") is the shell's way to unset it */
	if (!e || !*e)
		return NULL;
	if (rf_parse_size(e, &v) != 0 || v == 0) {
		/* The value is the user's: show it, but not a page of it and no
		 * control characters. */
		char shown[44];
		size_t n = 0;
		for (; e[n] && n < 40; n++)
			shown[n] = e[n] >= 0x20 && e[n] < 0x7f ? e[n] : '?';
		shown[n] = '\0';
		snprintf(msg, sizeof msg, "ADDON_DOCTOR_READ_BUDGET='%s%s': not a read budget (a number of "
			 "bytes above 0, optionally followed by k, m or g for KiB, MiB or GiB)",
			 shown, e[n] ? "..." : "");
		return msg;
	}
	run_budget = v;
	return NULL;
}

static uint64_t budget(void)
{
	/* Programs other than the CLI (fuzzers, unit tests) may never call
	 * rf_budget_init: an unusable value then leaves the default. */
	if (!run_budget)
		(void)rf_budget_init();
	return run_budget;
}

bool rf_budget_spent(void)
{
	return run_spent;
}

uint64_t rf_budget_total(void)
{
	return budget();
}

/* May n more bytes be read?  Charges them when yes. */
static bool charge(struct rfile *rf, uint64_t n)
{
	if (run_read + n > budget()) {
		run_spent = true;
		rf->over_cap = true;
		return false;
	}
	run_read += n;
	return true;
}

void rfile_close(struct rfile *rf)
{
	if (rf->fd >= 0)
		close(rf->fd);
	for (int i = 0; i < RF_BLOCKS; i++)
		free(rf->blk[i].data);
	memset(rf, 0, sizeof *rf);
	rf->fd = -1;
}

/* Returns the cache block holding off, loading it if needed. */
static int block_for(struct rfile *rf, uint64_t off)
{
	int victim = 0;
	for (int i = 0; i < RF_BLOCKS; i++) {
		if (rf->blk[i].data && off >= rf->blk[i].off &&
		    off - rf->blk[i].off < rf->blk[i].len) {
			rf->blk[i].stamp = ++rf->clock;
			return i;
		}
		if (!rf->blk[i].data || rf->blk[i].stamp < rf->blk[victim].stamp)
			victim = i;
	}
	if (rf->over_cap || rf->bytes_read >= rf->read_cap) {
		rf->over_cap = true;
		return -1;
	}
	if (!rf->blk[victim].data) {
		rf->blk[victim].data = malloc(RF_BLOCK_SIZE);
		if (!rf->blk[victim].data) {
			rf->err = ENOMEM;
			return -1;
		}
	}
	uint64_t start = off - off % RF_BLOCK_SIZE;
	size_t want = RF_BLOCK_SIZE;
	if (rf->size - start < want)
		want = (size_t)(rf->size - start);
	if (!charge(rf, want))
		return -1;
	size_t got = 0;
	while (got < want) {
		ssize_t r = pread(rf->fd, rf->blk[victim].data + got, want - got,
				  (off_t)(start + got));
		if (r < 0) {
			if (errno == EINTR)
				continue;
			rf->err = errno;
			break;
		}
		if (r == 0)
			break; /* the file shrank since fstat */
		got += (size_t)r;
	}
	rf->bytes_read += got;
	if (got == 0 || got <= off - start) {
		if (!rf->err)
			rf->err = EIO;
		rf->blk[victim].len = 0;
		return -1;
	}
	rf->blk[victim].off = start;
	rf->blk[victim].len = got;
	rf->blk[victim].stamp = ++rf->clock;
	return victim;
}

bool rf_read(struct rfile *rf, uint64_t off, void *dst, size_t n)
{
	if (!range_ok(off, n, rf->size))
		return false;
	if (rf->mem) {
		memcpy(dst, rf->mem + off, n);
		return true;
	}
	uint8_t *d = dst;
	while (n) {
		int b = block_for(rf, off);
		if (b < 0)
			return false;
		size_t in = (size_t)(off - rf->blk[b].off);
		size_t take = rf->blk[b].len - in;
		if (take > n)
			take = n;
		memcpy(d, rf->blk[b].data + in, take);
		d += take;
		off += take;
		n -= take;
	}
	return true;
}

bool rf_read_direct(struct rfile *rf, uint64_t off, void *dst, size_t n)
{
	if (!range_ok(off, n, rf->size))
		return false;
	if (rf->mem) {
		memcpy(dst, rf->mem + off, n);
		return true;
	}
	if (rf->over_cap || n > rf->read_cap - (rf->bytes_read < rf->read_cap ? rf->bytes_read : rf->read_cap)) {
		rf->over_cap = true;
		return false;
	}
	if (!charge(rf, n))
		return false;
	size_t got = 0;
	while (got < n) {
		ssize_t r = pread(rf->fd, (uint8_t *)dst + got, n - got, (off_t)(off + got));
		if (r < 0) {
			if (errno == EINTR)
				continue;
			rf->err = errno;
			return false;
		}
		if (r == 0) {
			rf->err = EIO; /* the file shrank since fstat */
			return false;
		}
		got += (size_t)r;
	}
	rf->bytes_read += got;
	return true;
}

bool rf_u8(struct rfile *rf, uint64_t off, uint8_t *out)
{
	return rf_read(rf, off, out, 1);
}

bool rf_u16(struct rfile *rf, uint64_t off, enum endian e, uint16_t *out)
{
	uint8_t b[2];
	if (!rf_read(rf, off, b, 2))
		return false;
	*out = e == LE ? (uint16_t)(b[0] | b[1] << 8) : (uint16_t)(b[1] | b[0] << 8);
	return true;
}

bool rf_u32(struct rfile *rf, uint64_t off, enum endian e, uint32_t *out)
{
	uint8_t b[4];
	if (!rf_read(rf, off, b, 4))
		return false;
	if (e == LE)
		*out = (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 | (uint32_t)b[3] << 24;
	else
		*out = (uint32_t)b[3] | (uint32_t)b[2] << 8 | (uint32_t)b[1] << 16 | (uint32_t)b[0] << 24;
	return true;
}

bool rf_u64(struct rfile *rf, uint64_t off, enum endian e, uint64_t *out)
{
	uint8_t b[8];
	if (!rf_read(rf, off, b, 8))
		return false;
	uint64_t v = 0;
	for (int i = 0; i < 8; i++)
		v |= (uint64_t)b[e == LE ? i : 7 - i] << (8 * i);
	*out = v;
	return true;
}

bool rf_word(struct rfile *rf, uint64_t off, enum endian e, int bits, uint64_t *out)
{
	if (bits == 64)
		return rf_u64(rf, off, e, out);
	uint32_t v;
	if (!rf_u32(rf, off, e, &v))
		return false;
	*out = v;
	return true;
}

char *rf_str(struct rfile *rf, struct arena *a, uint64_t off, uint64_t end, size_t max_len)
{
	if (end > rf->size)
		end = rf->size;
	if (off >= end)
		return NULL;
	uint64_t avail = end - off;
	size_t limit = avail > (uint64_t)max_len + 1 ? max_len + 1 : (size_t)avail;
	if (rf->mem) {
		const uint8_t *nul = memchr(rf->mem + off, 0, limit);
		if (!nul)
			return NULL;
		return arena_strndup(a, (const char *)rf->mem + off, (size_t)(nul - (rf->mem + off)));
	}
	/* Find the terminator block by block, then copy once. */
	uint64_t p = off;
	size_t scanned = 0;
	while (scanned < limit) {
		int b = block_for(rf, p);
		if (b < 0)
			return NULL;
		size_t in = (size_t)(p - rf->blk[b].off);
		size_t take = rf->blk[b].len - in;
		if (take > limit - scanned)
			take = limit - scanned;
		const uint8_t *nul = memchr(rf->blk[b].data + in, 0, take);
		if (nul) {
			size_t len = scanned + (size_t)(nul - (rf->blk[b].data + in));
			char *s = arena_alloc(a, len + 1);
			if (!s || !rf_read(rf, off, s, len))
				return NULL;
			s[len] = '\0';
			return s;
		}
		scanned += take;
		p += take;
	}
	return NULL;
}
