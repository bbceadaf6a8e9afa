/* test_ldcache.c - ld.so.cache parsing on hand-built caches (valid, lying
 * counts, offsets past the end, old+new format) and target spec parsing. */
#include "t.h"

#include <stdint.h>
#include <stdlib.h>

#include "io/rfile.h"
#include "runtime/syslibs.h"
#include "runtime/target.h"

static size_t put32(uint8_t *b, size_t at, uint32_t v)
{
	for (int i = 0; i < 4; i++)
		b[at + i] = (uint8_t)(v >> (8 * i));
	return at + 4;
}

/* A new-format cache at base with two entries; strings after the entries. */
static size_t build(uint8_t *b, size_t base, uint32_t nlibs_claim)
{
	memcpy(b + base, "glibc-ld.so.cache1.1", 20);
	put32(b, base + 20, nlibs_claim);
	size_t str = 48 + 2 * 24;
	const char *s[] = { "libz.so.1", "/lib/x86_64-linux-gnu/libz.so.1", "libarm.so", "/lib/aarch64-linux-gnu/libarm.so" };
	uint32_t off[4];
	size_t at = str;
	for (int i = 0; i < 4; i++) {
		off[i] = (uint32_t)at;
		memcpy(b + base + at, s[i], strlen(s[i]) + 1);
		at += strlen(s[i]) + 1;
	}
	put32(b, base + 24, (uint32_t)(at - str));
	put32(b, base + 48, 0x0303);
	put32(b, base + 52, off[0]);
	put32(b, base + 56, off[1]);
	put32(b, base + 72, 0x0a03);
	put32(b, base + 76, off[2]);
	put32(b, base + 80, off[3]);
	return base + at;
}

int main(void)
{
	uint8_t buf[1024] = { 0 };
	struct arena a;
	arena_init(&a);
	struct rfile rf;
	const char *err = NULL;

	size_t n = build(buf, 0, 2);
	struct ldcache c = { 0 };
	rfile_init_mem(&rf, buf, n);
	CHECK(ldcache_parse(&rf, &a, &c, &err) == 0 && c.e.n == 2, "new-format cache parses 2 entries");
	CHECK_STR(ldcache_lookup(&c, "libz.so.1", "x64"), "/lib/x86_64-linux-gnu/libz.so.1", "x64 lookup");
	CHECK(ldcache_lookup(&c, "libz.so.1", "arm64") == NULL, "an x64 entry does not serve arm64");
	CHECK_STR(ldcache_lookup(&c, "libarm.so", "arm64"), "/lib/aarch64-linux-gnu/libarm.so", "arm64 lookup");
	CHECK(ldcache_lookup(&c, "libnope.so", "x64") == NULL, "absent name");

	struct ldcache c2 = { 0 };
	rfile_init_mem(&rf, buf, n);
	memset(buf + 20, 0xff, 4); /* nlibs = 4 billion */
	CHECK(ldcache_parse(&rf, &a, &c2, &err) == -1, "lying entry count refused: %s", err);

	struct ldcache c3 = { 0 };
	n = build(buf, 0, 2);
	put32(buf, 56, 100000); /* value offset past the end */
	rfile_init_mem(&rf, buf, n);
	CHECK(ldcache_parse(&rf, &a, &c3, &err) == 0 && c3.e.n == 1, "entry with out-of-file string dropped");

	struct ldcache c4 = { 0 };
	CHECK(ldcache_parse(&rf, &a, &c4, &err) == 0, "parses again");
	rfile_init_mem(&rf, buf, 30);
	struct ldcache c5 = { 0 };
	CHECK(ldcache_parse(&rf, &a, &c5, &err) == -1, "truncated header refused: %s", err);

	/* old format part (1 entry of 12 bytes) then the new one at 8-aligned 32 */
	uint8_t ob[1024] = { 0 };
	memcpy(ob, "ld.so-1.7.0", 11);
	put32(ob, 12, 1);
	n = build(ob, 32, 2);
	rfile_init_mem(&rf, ob, n);
	struct ldcache c6 = { 0 };
	CHECK(ldcache_parse(&rf, &a, &c6, &err) == 0 && c6.e.n == 2, "old+new cache: new part found");

	/* target specs */
	struct target t;
	CHECK(target_parse(&a, "node@20/linux-arm64-musl", &t, &err) == 0 &&
	      !strcmp(t.arch, "arm64") && !strcmp(t.libc, "musl") && !t.host, "node@20/linux-arm64-musl");
	CHECK(target_parse(&a, "node@18/win32-x64", &t, &err) == 0 && !strcmp(t.platform, "win32") &&
	      t.libc == NULL, "node@18/win32-x64");
	CHECK(target_parse(&a, "deno@1", &t, &err) == -1, "unknown runtime refused: %s", err);
	CHECK(target_parse(&a, "node@20/linux-sparc", &t, &err) == -1, "unknown arch refused: %s", err);
	CHECK(target_parse(&a, "node", &t, &err) == -1, "missing version refused: %s", err);
	CHECK(napi_level_for_node("20.0.0") == 8 && napi_level_for_node("20.3.0") == 9 &&
	      napi_level_for_node("22.14.0") == 10 && napi_level_for_node("18.17.0") == 9 &&
	      napi_level_for_node("16.20.2") == 8, "Node-API matrix");
	arena_release(&a);
	return t_failed ? 1 : 0;
}
