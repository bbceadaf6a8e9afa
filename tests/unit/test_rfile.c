/* test_rfile.c - the bounded reader: every width, both orders, edge offsets. */
#include "t.h"
#include "io/rfile.h"
#include "util/arena.h"

#include <stdint.h>
#include <stdlib.h>
#include <unistd.h>
#include <errno.h>
#include <sys/stat.h>

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

	/* rfile_slurp_small: regular files only, never blocking, capped. */
	char sp[] = "/tmp/ad-slurp-XXXXXX";
	int sfd = mkstemp(sp);
	CHECK(sfd >= 0 && write(sfd, "{\"name\":\"x\"}", 12) == 12, "small file written");
	close(sfd);
	size_t len = 99;
	int e = -1;
	char *txt = rfile_slurp_small(&a, sp, 12, &len, &e);
	CHECK(txt && e == 0 && len == 12 && txt[12] == '\0' && !memcmp(txt, "{\"name\":\"x\"}", 12),
	      "slurp: a file exactly at the cap, NUL-terminated");
	CHECK(!rfile_slurp_small(&a, sp, 11, &len, &e) && e == EFBIG, "slurp: one byte over the cap is EFBIG");
	unlink(sp);
	CHECK(!rfile_slurp_small(&a, sp, 100, &len, &e) && e == ENOENT, "slurp: absent is ENOENT");
	CHECK(!rfile_slurp_small(&a, "/", 100, &len, &e) && e == EISDIR, "slurp: a directory is EISDIR");
	CHECK(!rfile_slurp_small(&a, "/dev/zero", 100, &len, &e) && e == ENODEV, "slurp: a device is ENODEV");
	char fifo[] = "/tmp/ad-fifo-XXXXXX";
	int ffd = mkstemp(fifo);
	close(ffd);
	unlink(fifo);
	CHECK(mkfifo(fifo, 0600) == 0, "fifo made");
	/* a blocking open would hang here: alarm turns that into a failure */
	alarm(10);
	CHECK(!rfile_slurp_small(&a, fifo, 100, &len, &e) && e == ENODEV, "slurp: a FIFO is ENODEV, without blocking");
	CHECK(rfile_open(&f, fifo) == ENODEV, "rfile_open: a FIFO is ENODEV");
	alarm(0);
	unlink(fifo);
	CHECK(!strcmp(rfile_strerror(ENODEV), "not a regular file (a FIFO, socket or device)"), "ENODEV in words");

	/* ADDON_DOCTOR_READ_BUDGET's syntax */
	uint64_t sz = 7;
	CHECK(rf_parse_size("123", &sz) == 0 && sz == 123, "size: bytes");
	CHECK(rf_parse_size("5k", &sz) == 0 && sz == 5120, "size: 5k");
	CHECK(rf_parse_size("5K", &sz) == 0 && sz == 5120, "size: 5K");
	CHECK(rf_parse_size("2M", &sz) == 0 && sz == 2u << 20, "size: 2M");
	CHECK(rf_parse_size("16g", &sz) == 0 && sz == (uint64_t)16 << 30, "size: 16g");
	CHECK(rf_parse_size("18446744073709551615", &sz) == 0 && sz == UINT64_MAX, "size: 2^64-1");
	const char *badv[] = { "", "garbage", "-1", "+5", " 5", "5 ", "5kb", "5x", "1.5k",
			       "18446744073709551616", "17179869184G", "k" };
	for (size_t i = 0; i < sizeof badv / sizeof badv[0]; i++)
		CHECK(rf_parse_size(badv[i], &sz) == -1, "size: '%s' refused", badv[i]);
	setenv("ADDON_DOCTOR_READ_BUDGET", "garbage", 1);
	const char *berr = rf_budget_init();
	CHECK(berr && strstr(berr, "ADDON_DOCTOR_READ_BUDGET='garbage'"), "budget: a bad value is named");
	setenv("ADDON_DOCTOR_READ_BUDGET", "0", 1);
	CHECK(rf_budget_init() != NULL, "budget: 0 refused");
	setenv("ADDON_DOCTOR_READ_BUDGET", "64k", 1);
	CHECK(rf_budget_init() == NULL && rf_budget_total() == 65536, "budget: 64k is 65536 bytes");
	unsetenv("ADDON_DOCTOR_READ_BUDGET");
	CHECK(rf_budget_init() == NULL && rf_budget_total() == RF_DEFAULT_RUN_BUDGET, "budget: unset is the default");
	arena_release(&a);
	T_DONE();
}
