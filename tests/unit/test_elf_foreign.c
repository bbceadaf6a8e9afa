/* test_elf_foreign.c - the parts that differ on the other machines Node
 * ships Linux builds for: the Node-API level decoded from
 * node_api_module_get_api_version_v1 in arm (A32 and Thumb), ppc64le,
 * s390x, riscv64 and loong64 code (byte sequences as clang 14 and gcc emit
 * them, checked with llvm-objdump), and a big-endian ld.so.cache (as the
 * s390x guest's own ldconfig writes it). */
#include "t.h"

#include <stdint.h>
#include <stdlib.h>

#include "io/rfile.h"
#include "parse/parse.h"
#include "runtime/syslibs.h"

static int64_t dec(const char *arch, enum bin_endian e, const uint8_t *c, size_t n)
{
	int64_t v = -12345;
	if (!addon_decode_const_return(c, n, arch, e, &v))
		return -12345;
	return v;
}

#define DEC(arch, e, ...) ({ static const uint8_t b_[] = { __VA_ARGS__ }; dec(arch, e, b_, sizeof b_); })

static size_t put32be(uint8_t *b, size_t at, uint32_t v)
{
	for (int i = 0; i < 4; i++)
		b[at + i] = (uint8_t)(v >> (8 * (3 - i)));
	return at + 4;
}

int main(void)
{
	enum bin_endian L = BIN_LITTLE, B = BIN_BIG;
	/* arm A32: mov r0,#10; bx lr / mvn r0,#0x80000000; bx lr / movw+movt */
	CHECK(DEC("arm", L, 0x0a, 0x00, 0xa0, 0xe3, 0x1e, 0xff, 0x2f, 0xe1) == 10, "A32 mov r0,#10; bx lr");
	CHECK(DEC("arm", L, 0x02, 0x01, 0xe0, 0xe3, 0x1e, 0xff, 0x2f, 0xe1) == 2147483647, "A32 mvn r0,#0x80000000");
	CHECK(DEC("arm", L, 0x2c, 0x01, 0x00, 0xe3, 0x1e, 0xff, 0x2f, 0xe1) == 300, "A32 movw r0,#300");
	CHECK(DEC("arm", L, 0x0a, 0x00, 0xa0, 0xe3, 0x00, 0x00, 0x00, 0x00) == -12345, "A32 without a return is no body");
	/* Thumb: movs r0,#10; bx lr / mvn.w r0,#0x80000000; bx lr */
	CHECK(DEC("arm-thumb", L, 0x0a, 0x20, 0x70, 0x47) == 10, "Thumb movs r0,#10; bx lr");
	CHECK(DEC("arm-thumb", L, 0x6f, 0xf0, 0x00, 0x40, 0x70, 0x47) == 2147483647, "Thumb mvn.w r0,#0x80000000");
	CHECK(DEC("arm-thumb", L, 0x40, 0xf2, 0x2c, 0x10, 0x70, 0x47) == 300, "Thumb movw r0,#300");
	CHECK(DEC("arm", L, 0x0a, 0x20, 0x70, 0x47) == -12345, "Thumb bytes are not A32");
	/* gcc with a frame pointer (argon2 0.45.1's linux-arm prebuild):
	 * push {r7}; movs r0,#10; add r7,sp,#0; mov sp,r7; ldr r7,[sp],#4; bx lr */
	CHECK(DEC("arm-thumb", L, 0x80, 0xb4, 0x0a, 0x20, 0x00, 0xaf, 0xbd, 0x46, 0x5d, 0xf8, 0x04, 0x7b,
		  0x70, 0x47) == 10, "Thumb with gcc's r7 frame");
	CHECK(DEC("arm-thumb", L, 0x80, 0xb4, 0x0a, 0x21, 0x70, 0x47) == -12345, "Thumb movs r1 is not the result");
	/* str fp,[sp,#-4]!; add fp,sp,#0; mov r0,#10; sub sp,fp,#0; ldr fp,[sp],#4; bx lr */
	CHECK(DEC("arm", L, 0x04, 0xb0, 0x2d, 0xe5, 0x00, 0xb0, 0x8d, 0xe2, 0x0a, 0x00, 0xa0, 0xe3,
		  0x00, 0xd0, 0x4b, 0xe2, 0x04, 0xb0, 0x9d, 0xe4, 0x1e, 0xff, 0x2f, 0xe1) == 10, "A32 with gcc's fp frame");
	/* ppc64le: li 3,10; blr / lis 3,32767; ori 3,3,65535; blr */
	CHECK(DEC("ppc64", L, 0x0a, 0x00, 0x60, 0x38, 0x20, 0x00, 0x80, 0x4e) == 10, "ppc64le li 3,10; blr");
	CHECK(DEC("ppc64", L, 0xff, 0x7f, 0x60, 0x3c, 0xff, 0xff, 0x63, 0x60, 0x20, 0x00, 0x80, 0x4e) == 2147483647,
	      "ppc64le lis+ori");
	/* s390x: lghi %r2,10; br %r14 / lgfi %r2,0x7fffffff; br %r14 */
	CHECK(DEC("s390x", B, 0xa7, 0x29, 0x00, 0x0a, 0x07, 0xfe) == 10, "s390x lghi %%r2,10; br %%r14");
	CHECK(DEC("s390x", B, 0xc0, 0x21, 0x7f, 0xff, 0xff, 0xff, 0x07, 0xfe) == 2147483647, "s390x lgfi");
	/* gcc's %r11 frame (sharp 0.33.5's linux-s390x build): ldgr %f0,%r11;
	 * lgr %r11,%r15; lghi %r2,9; lgdr %r11,%f0; br %r14 */
	CHECK(DEC("s390x", B, 0xb3, 0xc1, 0x00, 0x0b, 0xb9, 0x04, 0x00, 0xbf, 0xa7, 0x29, 0x00, 0x09,
		  0xb3, 0xcd, 0x00, 0xb0, 0x07, 0xfe) == 9, "s390x with gcc's frame");
	/* riscv64: c.li a0,10; c.ret / lui a0,0x80000; c.addiw a0,-1; c.ret */
	CHECK(DEC("riscv64", L, 0x29, 0x45, 0x82, 0x80) == 10, "riscv64 c.li a0,10; c.ret");
	CHECK(DEC("riscv64", L, 0x37, 0x05, 0x00, 0x80, 0x7d, 0x35, 0x82, 0x80) == 2147483647, "riscv64 lui+c.addiw");
	CHECK(DEC("riscv64", L, 0x13, 0x05, 0xa0, 0x00, 0x67, 0x80, 0x00, 0x00) == 10, "riscv64 addi a0,zero,10; ret");
	/* loong64: ori $a0,$zero,10; jirl $zero,$ra,0 */
	CHECK(DEC("loong64", L, 0x04, 0x28, 0x80, 0x03, 0x20, 0x00, 0x00, 0x4c) == 10, "loong64 ori; jirl");
	CHECK(DEC("loong64", L, 0x04, 0x28, 0x80, 0x03) == -12345, "loong64 truncated body");

	/* A big-endian ld.so.cache with one s390x entry and the big-endian
	 * flag of glibc >= 2.32 (cache_file_new_flags_endian_big). */
	uint8_t buf[256] = { 0 };
	memcpy(buf, "glibc-ld.so.cache1.1", 20);
	put32be(buf, 20, 1);
	buf[28] = 3;
	const char *k = "libz.so.1", *v = "/lib/s390x-linux-gnu/libz.so.1";
	size_t ko = 48 + 24, vo = ko + strlen(k) + 1;
	memcpy(buf + ko, k, strlen(k) + 1);
	memcpy(buf + vo, v, strlen(v) + 1);
	put32be(buf, 24, (uint32_t)(vo + strlen(v) + 1 - ko));
	put32be(buf, 48, 0x0403); /* FLAG_S390_LIB64 | FLAG_ELF_LIBC6 */
	put32be(buf, 52, (uint32_t)ko);
	put32be(buf, 56, (uint32_t)vo);
	struct arena a;
	arena_init(&a);
	struct rfile rf;
	struct ldcache c = { 0 };
	const char *err = NULL;
	rfile_init_mem(&rf, buf, vo + strlen(v) + 1);
	CHECK(ldcache_parse(&rf, &a, &c, &err) == 0 && c.e.n == 1, "big-endian ld.so.cache parses (%s)", err ? err : "");
	CHECK_STR(ldcache_lookup(&c, "libz.so.1", "s390x"), v, "s390x lookup in a big-endian cache");
	/* the same without the flag byte (a glibc < 2.32 cache): the order in
	 * which the count fits the file */
	buf[28] = 0;
	struct ldcache c2 = { 0 };
	rfile_init_mem(&rf, buf, vo + strlen(v) + 1);
	CHECK(ldcache_parse(&rf, &a, &c2, &err) == 0 && c2.e.n == 1, "big-endian cache without the flag parses");
	arena_release(&a);
	T_DONE();
}
