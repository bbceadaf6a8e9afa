/* test_rfile.c - the bounded reader: every width, both orders, edge offsets. */
#include "t.h"
#include "io/rfile.h"
#include "util/arena.h"

#include <stdint.h>
#include <stdlib.h>
#include <unistd.h>
#include <errno.h>

int main(void)
{
	const uint8_t d[] = {1, 2, 3, 4, 5, 6, 7, 8, 'a', 'b', 0, 'c'};
	struct rfile rf;
	rfile_init_mem(&rf, d, sizeof d);
	uint16_t v16; uint32_t v32; uint64_t v64;
	CHECK(rf_u16(&rf, 0, LE, &v16) && v16 == 0x0201, "u16 LE");
	CHECK(rf_u16(&rf, 0, BE, &v16) && v16 == 0x0102, "u16 BE");
	CHECK(rf_u32(&rf, 0, LE, &v32) && v32 == 0x04030201, "u32 LE");
	CHECK(rf_u32(&rf, 0, BE, &v32) && v32 == 0x01020304, "u32 BE");
	CHECK(rf_u64(&rf, 0, LE, &v64) && v64 == 0x0807060504030201ull, "u64 LE");
	CHECK(rf_u64(&rf, 0, BE, &v64) && v64 == 0x0102030405060708ull, "u64 BE");
	CHECK(rf_u32(&rf, 8, LE, &v32), "u32 ending exactly at EOF");
	CHECK(!rf_u32(&rf, 9, LE, &v32), "u32 one byte past EOF refused");
	CHECK(!rf_u64(&rf, UINT64_MAX - 3, LE, &v64), "offset near UINT64_MAX refused");
	CHECK(!rf_u16(&rf, sizeof d, LE, &v16), "read at EOF refused");

	struct arena a;
	arena_init(&a);
	const char *s = rf_str(&rf, &a, 8, sizeof d, 100);
	CHECK(s && !strcmp(s, "ab"), "string inside its table");
	CHECK(rf_str(&rf, &a, 8, 10, 100) == NULL, "string whose NUL lies past its table end refused");
	CHECK(rf_str(&rf, &a, 11, sizeof d, 100) == NULL, "unterminated string at EOF refused");
	CHECK(rf_str(&rf, &a, 8, sizeof d, 1) == NULL, "string longer than max_len refused");
	CHECK(rf_str(&rf, &a, 100, 200, 10) == NULL, "string start past EOF refused");

	/* The pread path: a file larger than one cache block. */
	char path[] = "/tmp/ad-rfile-XXXXXX";
	int fd = mkstemp(path);
	size_t big = RF_BLOCK_SIZE * 3 + 17;
	uint8_t *buf = malloc(big);
	for (size_t i = 0; i < big; i++)
		buf[i] = (uint8_t)(1 + i % 251);
	buf[RF_BLOCK_SIZE * 2 + 5] = 0;
	CHECK(fd >= 0 && write(fd, buf, big) == (ssize_t)big, "temp file written");
	close(fd);
	struct rfile f;
	CHECK(rfile_open(&f, path) == 0, "rfile_open regular file");
	uint8_t span[8];
	CHECK(rf_read(&f, RF_BLOCK_SIZE - 4, span, 8) && span[0] == buf[RF_BLOCK_SIZE - 4] &&
	      span[7] == buf[RF_BLOCK_SIZE + 3], "read spanning two blocks");
	CHECK(rf_u8(&f, big - 1, span) && span[0] == buf[big - 1], "last byte");
	CHECK(!rf_u8(&f, big, span), "byte at EOF refused (size %llu)", (unsigned long long)f.size);
	const char *ls = rf_str(&f, &a, RF_BLOCK_SIZE + 1, big, RF_BLOCK_SIZE * 2);
	CHECK(ls && strlen(ls) == RF_BLOCK_SIZE + 4, "string spanning blocks");
	CHECK(f.bytes_read <= big, "never read more than the file");
	rfile_close(&f);
	unlink(path);
	free(buf);

	CHECK(rfile_open(&f, "/") == EISDIR, "directory refused");
	CHECK(rfile_open(&f, "/dev/null") == ENODEV, "device refused");
	CHECK(rfile_open(&f, "/nonexistent/x.node") == ENOENT, "missing file");
	arena_release(&a);
	T_DONE();
}
