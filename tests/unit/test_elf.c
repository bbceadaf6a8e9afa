/*
 * test_elf.c - the ELF parser on synthesized images: a small valid shared
 * object (every field the parser reports), then hostile variants of it:
 * truncation at every length, huge e_phnum, DT_STRTAB outside the file, a
 * string without NUL, a hash table claiming 2^32 symbols, a GNU hash chain
 * that never ends, a version-need loop, and bad ident bytes.  Real
 * toolchain output is checked by tests/t/elf-readelf.sh.
 */
#include "t.h"
#include "parse/parse.h"

#include <stdint.h>
#include <stdlib.h>

struct img {
	uint8_t d[4096];
	size_t n;
	int be;
};

static void p8(struct img *im, size_t off, uint8_t v)
{
	im->d[off] = v;
	if (off + 1 > im->n)
		im->n = off + 1;
}
static void p16(struct img *im, size_t off, uint16_t v)
{
	p8(im, off, (uint8_t)(im->be ? v >> 8 : v));
	p8(im, off + 1, (uint8_t)(im->be ? v : v >> 8));
}
static void p32(struct img *im, size_t off, uint32_t v)
{
	for (int i = 0; i < 4; i++)
		p8(im, off + (size_t)i, (uint8_t)(im->be ? v >> (24 - 8 * i) : v >> (8 * i)));
}
static void p64(struct img *im, size_t off, uint64_t v)
{
	if (im->be) {
		p32(im, off, (uint32_t)(v >> 32));
		p32(im, off + 4, (uint32_t)v);
	} else {
		p32(im, off, (uint32_t)v);
		p32(im, off + 4, (uint32_t)(v >> 32));
	}
}
static void pmem(struct img *im, size_t off, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		p8(im, off + i, (uint8_t)s[i]);
}

/*
 * Layout of the synthesized x86-64 shared object (vaddr == file offset,
 * one PT_LOAD over everything):
 *   0x000 ELF header        0x040 two program headers (LOAD, DYNAMIC)
 *   0x0b0 dynamic section   0x1f0 dynstr (42 bytes)
 *   0x220 DT_HASH           0x238 dynsym (3 entries)
 *   0x280 verneed + aux     0x2a0 one JUMP_SLOT relocation (DT_JMPREL)
 *   0x2b8 versym (3 x u16)  0x2c0 one GLOB_DAT relocation (DT_RELA)
 *   end 0x2d8
 */
#define DYN 0x0b0
#define STR 0x1f0
#define HASH 0x220
#define SYM 0x238
#define VERNEED 0x280
#define JMPREL 0x2a0
#define VERSYM 0x2b8
#define RELA 0x2c0
#define END 0x2d8

static const char strtab[] = "\0libc.so.6\0libx.so\0a:b\0foo\0bar\0GLIBC_2.28"; /* 42 with the last NUL */

static size_t dyn(struct img *im, size_t i, uint64_t tag, uint64_t val)
{
	p64(im, DYN + 16 * i, tag);
	p64(im, DYN + 16 * i + 8, val);
	return i + 1;
}

/* bind_now: add DT_FLAGS_1 DF_1_NOW. */
static void build(struct img *im, int bind_now)
{
	memset(im, 0, sizeof *im);
	pmem(im, 0, "\177ELF\2\1\1", 7);
	p16(im, 16, 3);          /* ET_DYN */
	p16(im, 18, 62);         /* EM_X86_64 */
	p32(im, 20, 1);
	p64(im, 32, 0x40);       /* e_phoff */
	p16(im, 52, 64);         /* e_ehsize */
	p16(im, 54, 56);         /* e_phentsize */
	p16(im, 56, 2);          /* e_phnum */
	p16(im, 58, 64);         /* e_shentsize */
	/* PT_LOAD R+X over the whole image */
	p32(im, 0x40, 1);
	p32(im, 0x44, 5);
	p64(im, 0x48, 0);
	p64(im, 0x50, 0);
	p64(im, 0x60, END);
	p64(im, 0x68, END);
	p64(im, 0x70, 0x1000);
	/* PT_DYNAMIC */
	p32(im, 0x78, 2);
	p32(im, 0x7c, 6);
	p64(im, 0x80, DYN);
	p64(im, 0x88, DYN);
	p64(im, 0x98, STR - DYN);
	p64(im, 0xa0, STR - DYN);
	size_t i = 0;
	i = dyn(im, i, 1, 1);          /* NEEDED libc.so.6 */
	i = dyn(im, i, 1, 11);         /* NEEDED libx.so */
	i = dyn(im, i, 29, 19);        /* RUNPATH a:b */
	i = dyn(im, i, 14, 11);        /* SONAME libx.so */
	i = dyn(im, i, 5, STR);
	i = dyn(im, i, 10, 42);
	i = dyn(im, i, 6, SYM);
	i = dyn(im, i, 11, 24);
	i = dyn(im, i, 4, HASH);
	i = dyn(im, i, 0x6ffffffe, VERNEED);
	i = dyn(im, i, 0x6fffffff, 1);
	i = dyn(im, i, 0x6ffffff0, VERSYM);
	i = dyn(im, i, 23, JMPREL);
	i = dyn(im, i, 2, 24);
	i = dyn(im, i, 20, 7);         /* PLTREL = RELA */
	if (bind_now)
		i = dyn(im, i, 0x6ffffffb, 1); /* FLAGS_1 = DF_1_NOW */
	else
		i = dyn(im, i, 7, RELA);   /* RELA (GLOB_DAT for bar would be defined: ignored) */
	i = dyn(im, i, 8, 24);
	dyn(im, i, 0, 0);
	pmem(im, STR, strtab, sizeof strtab);
	/* hash: nbucket 1, nchain 3 */
	p32(im, HASH, 1);
	p32(im, HASH + 4, 3);
	/* sym 1: foo, undefined global func; sym 2: bar, defined global func */
	p32(im, SYM + 24, 23);
	p8(im, SYM + 24 + 4, 0x12);
	p32(im, SYM + 48, 27);
	p8(im, SYM + 48 + 4, 0x12);
	p16(im, SYM + 48 + 6, 5);
	p64(im, SYM + 48 + 8, 0x100);
	/* verneed: libc.so.6 needs GLIBC_2.28 as index 2 */
	p16(im, VERNEED, 1);
	p16(im, VERNEED + 2, 1);
	p32(im, VERNEED + 4, 1);
	p32(im, VERNEED + 8, 16);
	p16(im, VERNEED + 16 + 6, 2);
	p32(im, VERNEED + 16 + 8, 31);
	/* JUMP_SLOT against foo */
	p64(im, JMPREL, 0x1000);
	p64(im, JMPREL + 8, (1ull << 32) | 7);
	/* versym: foo -> 2, bar -> 1 */
	p16(im, VERSYM + 2, 2);
	p16(im, VERSYM + 4, 1);
	/* GLOB_DAT against bar (defined: no refs recorded) */
	p64(im, RELA, 0x1008);
	p64(im, RELA + 8, (2ull << 32) | 6);
	im->n = END;
}

static int parse(const struct img *im, size_t n, struct arena *a, struct binary **b, const char **err)
{
	struct rfile rf;
	rfile_init_mem(&rf, im->d, n);
	int rc = binary_parse(&rf, a, "synth.so", b, err);
	rfile_close(&rf);
	return rc;
}

static bool has_note(const struct binary *b, const char *needle)
{
	for (size_t i = 0; i < b->notes.n; i++)
		if (strstr(b->notes.v[i], needle))
			return true;
	return false;
}

static const struct bin_sym *sym(const struct binary *b, const char *name)
{
	for (size_t i = 0; i < b->syms.n; i++)
		if (b->syms.v[i].name && !strcmp(b->syms.v[i].name, name))
			return &b->syms.v[i];
	return NULL;
}

static struct img im;

static void test_valid(void)
{
	struct arena a;
	struct binary *b;
	const char *err;
	arena_init(&a);
	build(&im, 0);
	int rc = parse(&im, im.n, &a, &b, &err);
	CHECK(rc == 0, "valid: parses (%s)", err ? err : "ok");
	CHECK(b->format == BIN_ELF && b->bits == 64 && b->endian == BIN_LITTLE, "valid: ELF64 LE");
	CHECK_STR(b->arch, "x64", "valid: arch x64");
	CHECK_STR(b->filetype, "shared-object", "valid: shared-object");
	CHECK(b->libs.n == 2, "valid: two NEEDED (%zu)", b->libs.n);
	CHECK_STR(b->libs.n > 1 ? b->libs.v[1].name : NULL, "libx.so", "valid: second NEEDED");
	CHECK_STR(b->elf.soname, "libx.so", "valid: soname");
	CHECK_STR(b->elf.runpath_raw, "a:b", "valid: runpath raw");
	CHECK(b->runpaths.n == 2 && !strcmp(b->runpaths.v[0], "a") && !strcmp(b->runpaths.v[1], "b"),
	      "valid: runpath split on ':'");
	CHECK(b->rpaths.n == 0, "valid: no rpath");
	CHECK(b->verneeds.n == 1, "valid: one verneed");
	CHECK_STR(b->min_glibc, "2.28", "valid: min_glibc");
	CHECK_STR(b->libc, "glibc", "valid: libc glibc");
	CHECK_STR(b->os, "linux", "valid: os linux");
	const struct bin_sym *foo = sym(b, "foo"), *bar = sym(b, "bar");
	CHECK(foo && !foo->defined && foo->refs == SYM_REF_PLT && foo->when == SYM_WHEN_LAZY,
	      "valid: foo is a lazy PLT import");
	CHECK_STR(foo ? foo->version : NULL, "GLIBC_2.28", "valid: foo version");
	CHECK_STR(foo ? foo->lib : NULL, "libc.so.6", "valid: foo version file");
	CHECK(bar && bar->defined && bar->value == 0x100 && bar->when == SYM_WHEN_NA, "valid: bar defined");
	CHECK(!b->elf.gnu_stack && b->elf.exec_stack, "valid: no PT_GNU_STACK on x86-64 = executable stack");
	CHECK(b->notes.n == 0, "valid: no notes (%zu)", b->notes.n);
	arena_release(&a);

	arena_init(&a);
	build(&im, 1);
	rc = parse(&im, im.n, &a, &b, &err);
	foo = rc == 0 ? sym(b, "foo") : NULL;
	CHECK(rc == 0 && b->elf.bind_now, "DF_1_NOW: bind_now");
	CHECK(foo && foo->when == SYM_WHEN_LOAD, "DF_1_NOW: the PLT import is bound at load");
	arena_release(&a);
}

static void test_truncation(void)
{
	build(&im, 0);
	size_t full = im.n;
	int bad = 0, bad_short = 0;
	for (size_t n = 0; n <= full; n++) {
		struct arena a;
		struct binary *b;
		const char *err;
		arena_init(&a);
		int rc = parse(&im, n, &a, &b, &err);
		if (n < 64) {
			if (rc != -1 || !err)
				bad_short++;
		} else if (rc != 0) {
			bad++;
		}
		arena_release(&a);
	}
	CHECK(bad_short == 0, "truncated below the ELF header: clean error at every length");
	CHECK(bad == 0, "truncated after the ELF header: partial answer at every length");

	struct arena a;
	struct binary *b;
	const char *err;
	arena_init(&a);
	parse(&im, 40, &a, &b, &err);
	CHECK_STR(err, "truncated ELF header: file has 40 bytes, needs 64", "truncated: error text");
	arena_release(&a);
	arena_init(&a);
	int rc = parse(&im, DYN + 40, &a, &b, &err);
	CHECK(rc == 0 && b->libs.n == 0 && b->notes.n > 0, "cut inside the dynamic section: no libs, a note");
	arena_release(&a);
}

static void test_hostile(void)
{
	struct arena a;
	struct binary *b;
	const char *err;

	/* e_phnum huge: the table runs past EOF */
	build(&im, 0);
	p16(&im, 56, 0xffff);
	arena_init(&a);
	int rc = parse(&im, im.n, &a, &b, &err);
	CHECK(rc == 0 && has_note(b, "program headers"), "e_phnum 65535: partial, noted");
	arena_release(&a);

	/* DT_STRTAB outside the file */
	build(&im, 0);
	p64(&im, DYN + 16 * 4 + 8, 0x7fff0000);
	arena_init(&a);
	rc = parse(&im, im.n, &a, &b, &err);
	CHECK(rc == 0 && b->libs.n == 0 && has_note(b, "DT_STRTAB"), "DT_STRTAB outside the file: no strings, noted");
	arena_release(&a);

	/* a string without NUL: DT_STRSZ ends inside "GLIBC_2.28" */
	build(&im, 0);
	p64(&im, DYN + 16 * 5 + 8, 36);
	arena_init(&a);
	rc = parse(&im, im.n, &a, &b, &err);
	CHECK(rc == 0 && b->verneeds.n == 0 && b->libs.n == 2, "string without NUL inside DT_STRSZ: dropped");
	arena_release(&a);

	/* DT_STRSZ larger than the file: clipped to the mapped bytes */
	build(&im, 0);
	p64(&im, DYN + 16 * 5 + 8, 0xffffffffffffull);
	arena_init(&a);
	rc = parse(&im, im.n, &a, &b, &err);
	CHECK(rc == 0 && b->libs.n == 2 && has_note(b, "DT_STRSZ"), "DT_STRSZ past EOF: clipped, noted");
	arena_release(&a);

	/* hash table claiming 2^32-1 symbols */
	build(&im, 0);
	p32(&im, HASH + 4, 0xffffffff);
	arena_init(&a);
	rc = parse(&im, im.n, &a, &b, &err);
	CHECK(rc == 0 && has_note(b, "symbols but the mapped file holds"), "nchain 2^32-1: capped, noted");
	CHECK(b->syms.n < 40, "nchain 2^32-1: only what the file holds (%zu)", b->syms.n);
	arena_release(&a);

	/* GNU hash whose last chain never sets its end bit: bounded by the segment */
	build(&im, 0);
	p64(&im, DYN + 16 * 8, 0x6ffffef5);  /* DT_HASH -> DT_GNU_HASH at the same place */
	p32(&im, HASH, 1);                     /* nbuckets */
	p32(&im, HASH + 4, 1);                 /* symoffset */
	p32(&im, HASH + 8, 0);                 /* bloom words */
	p32(&im, HASH + 16, 2);                /* bucket 0 -> symbol 2 */
	arena_init(&a);
	rc = parse(&im, im.n, &a, &b, &err);
	CHECK(rc == 0, "unterminated GNU hash chain: parses");
	arena_release(&a);

	/* version need list that loops on itself */
	build(&im, 0);
	p32(&im, VERNEED + 12, 0);             /* vn_next = 0 would end; make it loop: */
	p64(&im, DYN + 16 * 10 + 8, 1000000);  /* VERNEEDNUM huge */
	p32(&im, VERNEED + 16 + 12, 0);
	arena_init(&a);
	rc = parse(&im, im.n, &a, &b, &err);
	CHECK(rc == 0 && b->verneeds.n == 1, "VERNEEDNUM huge, vn_next 0: stops");
	arena_release(&a);
	build(&im, 0);
	p64(&im, DYN + 16 * 10 + 8, 1000000);
	p32(&im, VERNEED + 12, 0xfffffff0u + 0x10u); /* wraps to 0: treated as end */
	p32(&im, VERNEED + 16 + 12, (uint32_t)-16);  /* aux points back at the verneed */
	arena_init(&a);
	rc = parse(&im, im.n, &a, &b, &err);
	CHECK(rc == 0 && b->verneeds.n <= 4096, "vernaux pointing backwards: bounded (%zu)", b->verneeds.n);
	arena_release(&a);

	/* relocation table size past EOF */
	build(&im, 0);
	p64(&im, DYN + 16 * 13 + 8, 0x7fffffffffffffffull);
	arena_init(&a);
	rc = parse(&im, im.n, &a, &b, &err);
	CHECK(rc == 0 && has_note(b, "DT_JMPREL"), "DT_PLTRELSZ past EOF: clipped, noted");
	arena_release(&a);

	/* bad ident bytes */
	build(&im, 0);
	im.d[4] = 3;
	arena_init(&a);
	rc = parse(&im, im.n, &a, &b, &err);
	CHECK(rc == -1 && err && strstr(err, "class"), "EI_CLASS 3: clean error (%s)", err ? err : "");
	arena_release(&a);
	build(&im, 0);
	im.d[5] = 0;
	arena_init(&a);
	rc = parse(&im, im.n, &a, &b, &err);
	CHECK(rc == -1 && err && strstr(err, "data encoding"), "EI_DATA 0: clean error");
	arena_release(&a);

	/* e_phentsize wrong: headers not read, noted */
	build(&im, 0);
	p16(&im, 54, 32);
	arena_init(&a);
	rc = parse(&im, im.n, &a, &b, &err);
	CHECK(rc == 0 && b->libs.n == 0 && has_note(b, "e_phentsize"), "e_phentsize 32 in ELF64: noted");
	arena_release(&a);
}

/* min_glibc compares numerically: GLIBC_2.17 > GLIBC_2.9 (a string compare says otherwise). */
static void test_version_order(void)
{
	struct arena a;
	struct binary *b;
	const char *err;
	build(&im, 0);
	pmem(&im, END, "GLIBC_2.17\0GLIBC_2.9", 21);
	p64(&im, DYN + 16 * 5 + 8, END + 21 - STR);    /* DT_STRSZ covers the new strings */
	size_t vn = END + 32;
	p16(&im, vn, 1);
	p16(&im, vn + 2, 2);
	p32(&im, vn + 4, 1);
	p32(&im, vn + 8, 16);
	p16(&im, vn + 16 + 6, 2);
	p32(&im, vn + 16 + 8, END - STR);
	p32(&im, vn + 16 + 12, 16);
	p16(&im, vn + 32 + 6, 3);
	p32(&im, vn + 32 + 8, END - STR + 11);
	p32(&im, vn + 32 + 12, 0);                     /* vna_next: last */
	p64(&im, DYN + 16 * 9 + 8, vn);                /* DT_VERNEED */
	p64(&im, 0x60, vn + 48);                       /* PT_LOAD p_filesz */
	p64(&im, 0x68, vn + 48);
	arena_init(&a);
	int rc = parse(&im, im.n, &a, &b, &err);
	CHECK(rc == 0 && b->verneeds.n == 2, "two version needs (%zu)", b->verneeds.n);
	CHECK_STR(b->min_glibc, "2.17", "min_glibc: 2.17 beats 2.9");
	arena_release(&a);
}

/* OS from PT_NOTE: the Android ident note (API level), NT_GNU_ABI_TAG. */
static void test_notes(void)
{
	static const struct { const char *name; uint32_t namesz, descsz; uint32_t desc[4]; const char *os, *libc; } cases[] = {
		{"Android", 8, 4, {30, 0, 0, 0}, "android", "bionic"},
		{"GNU", 4, 16, {0, 3, 2, 0}, "linux", NULL},
		{"NetBSD", 7, 4, {900000000, 0, 0, 0}, "netbsd", NULL},
	};
	for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
		struct arena a;
		struct binary *b;
		const char *err;
		build(&im, 0);
		/* the PT_DYNAMIC header becomes a PT_NOTE over a note at END */
		p32(&im, 0x78, 4);
		p64(&im, 0x80, END);
		p64(&im, 0x88, END);
		p64(&im, 0x98, 32);
		p64(&im, 0xa0, 32);
		p64(&im, 0xa8, 4);
		p32(&im, END, cases[k].namesz);
		p32(&im, END + 4, cases[k].descsz);
		p32(&im, END + 8, 1);
		pmem(&im, END + 12, cases[k].name, cases[k].namesz);
		size_t d = END + 12 + ((cases[k].namesz + 3) & ~3u);
		for (unsigned i = 0; i < cases[k].descsz / 4; i++)
			p32(&im, d + 4 * i, cases[k].desc[i]);
		arena_init(&a);
		int rc = parse(&im, im.n, &a, &b, &err);
		CHECK(rc == 0, "%s note: parses", cases[k].name);
		CHECK_STR(b->os, cases[k].os, "note: os");
		CHECK_STR(b->libc, cases[k].libc, "note: libc");
		arena_release(&a);
	}
}

/* A bare ELF32 big-endian header: arch from e_machine, both classes. */
static void test_headers(void)
{
	struct arena a;
	struct binary *b;
	const char *err;
	memset(&im, 0, sizeof im);
	im.be = 1;
	pmem(&im, 0, "\177ELF\1\2\1", 7);
	p16(&im, 16, 2);  /* ET_EXEC */
	p16(&im, 18, 20); /* EM_PPC */
	p32(&im, 20, 1);
	im.n = 52;
	arena_init(&a);
	int rc = parse(&im, im.n, &a, &b, &err);
	CHECK(rc == 0 && b->bits == 32 && b->endian == BIN_BIG, "ELF32 BE header parses");
	CHECK_STR(b->arch, "ppc", "ELF32 BE EM_PPC: ppc");
	CHECK_STR(b->filetype, "executable", "ET_EXEC: executable");
	CHECK(b->elf.exec_stack, "32-bit powerpc without PT_GNU_STACK: executable stack (glibc default)");
	CHECK(b->os == NULL && b->os_why, "no evidence: os NULL, with a reason");
	arena_release(&a);
	im.be = 0;

	CHECK_STR(elf_machine_arch(62, 64, BIN_LITTLE), "x64", "arch: x64");
	CHECK(elf_machine_arch(62, 32, BIN_LITTLE) == NULL, "arch: x32 has no Node word");
	CHECK_STR(elf_machine_arch(3, 32, BIN_LITTLE), "ia32", "arch: ia32");
	CHECK_STR(elf_machine_arch(183, 64, BIN_LITTLE), "arm64", "arch: arm64");
	CHECK_STR(elf_machine_arch(40, 32, BIN_LITTLE), "arm", "arch: arm");
	CHECK_STR(elf_machine_arch(21, 64, BIN_BIG), "ppc64", "arch: ppc64 BE");
	CHECK_STR(elf_machine_arch(21, 64, BIN_LITTLE), "ppc64", "arch: ppc64 LE");
	CHECK_STR(elf_machine_arch(22, 64, BIN_BIG), "s390x", "arch: s390x");
	CHECK_STR(elf_machine_arch(243, 64, BIN_LITTLE), "riscv64", "arch: riscv64");
	CHECK_STR(elf_machine_arch(258, 64, BIN_LITTLE), "loong64", "arch: loong64");
	CHECK_STR(elf_machine_arch(8, 32, BIN_LITTLE), "mipsel", "arch: mipsel");
	CHECK_STR(elf_machine_arch(8, 64, BIN_LITTLE), "mips64el", "arch: mips64el");
	CHECK(elf_machine_arch(0x1234, 64, BIN_LITTLE) == NULL, "arch: unknown machine NULL");
}

int main(void)
{
	test_valid();
	test_truncation();
	test_hostile();
	test_version_order();
	test_notes();
	test_headers();
	T_DONE();
}
