/*
 * test_hostile.c - binary_parse() against hand-made lying headers.
 *
 * Each input is a small header whose counts, offsets and sizes lie in a way
 * a careless parser would trust: counts of 0xffff/0xffffffff, offsets near
 * UINT64_MAX or pointing back at the header, zero-sized load commands (the
 * classic infinite loop), universal files whose slices are the universal
 * header itself (recursion), PE headers at offset 0 or past the end.
 * Every input, and every truncation of it, must come back (under ASan and
 * UBSan) as either a model (rc 0, format set) or one clean error line
 * (rc -1, *err set, no newline), within a second, with bounded notes and
 * slices, and a universal file's slices must never be universal themselves.
 */
#include "t.h"
#include "io/rfile.h"
#include "parse/parse.h"
#include "util/arena.h"

#include <stdint.h>
#include <string.h>
#include <time.h>

#define BUFSZ 4096
static uint8_t buf[BUFSZ];

static void le16(size_t o, uint16_t v) { buf[o] = (uint8_t)v; buf[o + 1] = (uint8_t)(v >> 8); }
static void le32(size_t o, uint32_t v) { le16(o, (uint16_t)v); le16(o + 2, (uint16_t)(v >> 16)); }
static void le64(size_t o, uint64_t v) { le32(o, (uint32_t)v); le32(o + 4, (uint32_t)(v >> 32)); }
static void be32(size_t o, uint32_t v)
{
	buf[o] = (uint8_t)(v >> 24); buf[o + 1] = (uint8_t)(v >> 16);
	buf[o + 2] = (uint8_t)(v >> 8); buf[o + 3] = (uint8_t)v;
}
static void be64(size_t o, uint64_t v) { be32(o, (uint32_t)(v >> 32)); be32(o + 4, (uint32_t)v); }

/* One parse; returns a description of what is wrong, or NULL. */
static const char *parse_once(const uint8_t *d, size_t n)
{
	static char why[256];
	struct rfile rf;
	rfile_init_mem(&rf, d, n);
	struct arena a;
	arena_init(&a);
	struct binary *b = NULL;
	const char *err = NULL;
	clock_t t0 = clock();
	int rc = binary_parse(&rf, &a, "hostile.node", &b, &err);
	double secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
	const char *bad = NULL;
	if (rc != 0 && rc != -1) {
		snprintf(why, sizeof why, "rc %d", rc);
		bad = why;
	} else if (rc == -1 && (!err || !*err || strchr(err, '\n'))) {
		snprintf(why, sizeof why, "rc -1 without a one-line error (%s)", err ? err : "NULL");
		bad = why;
	} else if (rc == 0 && (!b || b->format == BIN_UNKNOWN)) {
		bad = "rc 0 but no format";
	} else if (rc == 0 && b->notes.n > 64) {
		bad = "more than 64 notes";
	} else if (rc == 0 && b->slices.n > BIN_MAX_SLICES) {
		bad = "more slices than BIN_MAX_SLICES";
	} else if (secs > 1.0) {
		snprintf(why, sizeof why, "took %.2f s", secs);
		bad = why;
	}
	if (!bad && rc == 0)
		for (size_t i = 0; i < b->slices.n; i++)
			if (b->slices.v[i] && (b->slices.v[i]->format == BIN_FAT || b->slices.v[i]->slices.n)) {
				bad = "a slice is itself universal (recursion)";
				break;
			}
	arena_release(&a);
	rfile_close(&rf);
	return bad;
}

/* The whole input and every truncation of it. */
static void attack(const char *name, size_t n)
{
	const char *bad = NULL;
	size_t at = n;
	for (size_t len = 0; len <= n && !bad; len++) {
		bad = parse_once(buf, len);
		at = len;
	}
	CHECK(bad == NULL, "%s: whole and every truncation (%zu bytes)", name, n);
	if (bad)
		printf("#   at %zu bytes: %s\n", at, bad);
}

static void elf64(uint16_t phnum, uint64_t phoff, uint16_t shnum, uint64_t shoff, uint16_t shstrndx)
{
	memset(buf, 0, sizeof buf);
	memcpy(buf, "\177ELF\2\1\1", 7);
	le16(16, 3);      /* ET_DYN */
	le16(18, 62);     /* EM_X86_64 */
	le32(20, 1);
	le64(32, phoff);
	le64(40, shoff);
	le16(52, 64);     /* e_ehsize */
	le16(54, 56);     /* e_phentsize */
	le16(56, phnum);
	le16(58, 64);     /* e_shentsize */
	le16(60, shnum);
	le16(62, shstrndx);
}

/* mach_header_64 for x86_64 with ncmds/sizeofcmds. */
static void macho64(size_t at, uint32_t ncmds, uint32_t sizeofcmds)
{
	le32(at, 0xfeedfacf);
	le32(at + 4, 0x01000007);
	le32(at + 8, 3);
	le32(at + 12, 8);      /* MH_BUNDLE */
	le32(at + 16, ncmds);
	le32(at + 20, sizeofcmds);
}

static void pe(uint32_t lfanew, uint16_t nsec, uint16_t optsize)
{
	memset(buf, 0, sizeof buf);
	buf[0] = 'M'; buf[1] = 'Z';
	le32(0x3c, lfanew);
	if (lfanew >= 2 && lfanew < BUFSZ - 64) {
		memcpy(buf + lfanew, "PE\0\0", 4);
		le16(lfanew + 4, 0x8664);
		le16(lfanew + 6, nsec);
		le16(lfanew + 20, optsize);
		le16(lfanew + 22, 0x2022);     /* DLL | EXECUTABLE | LARGE_ADDRESS */
		le16(lfanew + 24, 0x20b);      /* PE32+ */
	}
}

int main(void)
{
	/* --- ELF ----------------------------------------------------------- */
	elf64(0xffff, 64, 0, 0, 0);
	attack("elf: e_phnum 0xffff, table runs off the end", 256);
	elf64(1, UINT64_MAX - 8, 0xffff, UINT64_MAX - 8, 0xfffe);
	attack("elf: phoff/shoff near UINT64_MAX", 128);
	elf64(0, 0, 4, 64, 200);
	attack("elf: shstrndx out of range", 64 + 4 * 64);
	/* PT_DYNAMIC whose filesz claims the whole address space */
	elf64(1, 64, 0, 0, 0);
	le32(64, 2);                  /* PT_DYNAMIC */
	le64(64 + 8, 120);            /* p_offset */
	le64(64 + 32, UINT64_MAX);    /* p_filesz */
	le64(64 + 40, UINT64_MAX);    /* p_memsz */
	attack("elf: PT_DYNAMIC with filesz UINT64_MAX", 200);
	/* dynamic section: DT_STRTAB/DT_STRSZ/DT_NEEDED lying */
	elf64(2, 64, 0, 0, 0);
	le32(64, 1);                  /* PT_LOAD maps the whole (tiny) file */
	le64(64 + 32, 512);
	le64(64 + 40, 512);
	le32(120, 2);                 /* PT_DYNAMIC */
	le64(120 + 8, 200);
	le64(120 + 16, 200);
	le64(120 + 32, 96);
	le64(120 + 40, 96);
	le64(200, 5);  le64(208, 0xfffffffffff0); /* DT_STRTAB far away */
	le64(216, 10); le64(224, UINT64_MAX);     /* DT_STRSZ huge */
	le64(232, 1);  le64(240, 7);              /* DT_NEEDED */
	le64(248, 15); le64(256, 3);              /* DT_RPATH */
	le64(264, 0x6ffffffe); le64(272, 300);    /* DT_VERNEED */
	le64(280, 0x6fffffff); le64(288, 0xffffffff); /* DT_VERNEEDNUM */
	attack("elf: DT_STRTAB unmapped, DT_STRSZ huge, verneed count huge", 320);
	/* a verneed chain that loops: A(300) -> B(332) -> A (vn_next is
	 * unsigned; B's -32 wraps back to A), DT_VERNEEDNUM 0xffff */
	le64(208, 400); le64(224, 40);                /* DT_STRTAB 400, DT_STRSZ 40 */
	memcpy(buf + 407, "libc.so.6", 10);
	le64(288, 0xffff);                            /* DT_VERNEEDNUM */
	le16(300, 1); le16(302, 1); le32(304, 7); le32(308, 16); le32(312, 32);
	le32(316, 0); le16(320, 0); le16(322, 2); le32(324, 7); le32(328, 0);
	le16(332, 1); le16(334, 1); le32(336, 7); le32(340, 16); le32(344, (uint32_t)-32);
	le32(348, 0); le16(352, 0); le16(354, 3); le32(356, 7); le32(360, 0);
	attack("elf: verneed chain loops A -> B -> A", 420);
	le32(344, 0);
	le32(328, (uint32_t)-12);                     /* vna_next back onto A's vn_aux entry */
	attack("elf: vernaux chain loops", 420);

	/* ELF32 big-endian header with every count at maximum */
	memset(buf, 0, sizeof buf);
	memcpy(buf, "\177ELF\1\2\1", 7);
	buf[16] = 0; buf[17] = 3; buf[18] = 0; buf[19] = 20;  /* ET_DYN, EM_PPC */
	memset(buf + 28, 0xff, 8);                            /* phoff, shoff */
	memset(buf + 42, 0xff, 10);                           /* entsizes, counts, shstrndx */
	attack("elf32 big-endian: every count and offset 0xff..", 64);

	/* --- Mach-O ------------------------------------------------------- */
	memset(buf, 0, sizeof buf);
	macho64(0, 0xffffffff, 0xffffffff);
	attack("macho: ncmds and sizeofcmds 0xffffffff", 64);
	memset(buf, 0, sizeof buf);
	macho64(0, 1000, 64);
	le32(32, 0x0c); le32(36, 0);  /* LC_LOAD_DYLIB with cmdsize 0: a loop for the careless */
	attack("macho: load command with cmdsize 0", 128);
	memset(buf, 0, sizeof buf);
	macho64(0, 3, 3 * 24);
	le32(32, 0x0c); le32(36, 24); le32(40, 0xfffffff0);   /* dylib name offset past the command */
	le32(56, 0x8000001c); le32(60, 24); le32(64, 24);     /* LC_RPATH path offset == cmdsize: no NUL */
	memset(buf + 80, 'A', 24);
	le32(80, 0x0c); le32(84, 7);                          /* cmdsize not a multiple of 8 */
	attack("macho: string offsets past their command, unterminated strings", 128);
	memset(buf, 0, sizeof buf);
	macho64(0, 1, 72);
	le32(32, 0x19); le32(36, 72);                         /* LC_SEGMENT_64 */
	le64(32 + 40, UINT64_MAX - 10); le64(32 + 48, 100);   /* fileoff + filesize wraps */
	le32(32 + 64, 0xffffffff);                            /* nsects */
	attack("macho: segment whose fileoff+filesize wraps, nsects 0xffffffff", 160);
	memset(buf, 0, sizeof buf);
	macho64(0, 2, 48);
	le32(32, 2); le32(36, 24);                            /* LC_SYMTAB */
	le32(40, 0xfffffff0); le32(44, 0xffffffff);           /* symoff, nsyms */
	le32(48, 100); le32(52, 0xffffffff);                  /* stroff, strsize */
	le32(56, 0x80000022); le32(60, 48);                   /* LC_DYLD_INFO_ONLY */
	le32(64, 0xffffff00); le32(68, 0x1000);
	attack("macho: symbol/string tables far past the end", 160);

	/* --- universal ---------------------------------------------------- */
	memset(buf, 0, sizeof buf);
	be32(0, 0xcafebabe); be32(4, 4);
	for (int i = 0; i < 4; i++) {
		be32(8 + 20 * (size_t)i, 0x01000007);
		be32(8 + 20 * (size_t)i + 8, 0);        /* offset 0: the fat header itself */
		be32(8 + 20 * (size_t)i + 12, 4096);
	}
	attack("fat: every slice is the universal header itself", 256);
	memset(buf, 0, sizeof buf);
	be32(0, 0xcafebabe); be32(4, 1);
	be32(8, 0x01000007); be32(16, 64); be32(20, 512);
	be32(64, 0xcafebabe); be32(68, 1);              /* a universal inside the universal */
	be32(72, 0x01000007); be32(80, 128); be32(84, 256);
	macho64(128, 0, 0);
	attack("fat: a universal file nested in a slice", 512);
	memset(buf, 0, sizeof buf);
	be32(0, 0xcafebabf); be32(4, 2);
	be32(8, 0x0100000c); be64(16, UINT64_MAX - 100); be64(24, 1000);
	be32(40, 0x01000007); be64(48, 256); be64(56, UINT64_MAX);
	attack("fat64: slice offset near UINT64_MAX, slice size UINT64_MAX", 300);
	memset(buf, 0, sizeof buf);
	be32(0, 0xcafebabe); be32(4, 30);               /* the most parse.c accepts */
	attack("fat: 30 slices declared, none present", 64);

	/* --- PE ----------------------------------------------------------- */
	pe(0xffffffff, 1, 240);
	attack("pe: e_lfanew 0xffffffff", 128);
	pe(0, 1, 240);
	attack("pe: e_lfanew 0 (points at MZ, not PE)", 512);
	pe(4, 1, 240);
	attack("pe: e_lfanew 4 (PE headers overlap the DOS header and e_lfanew)", 512);
	pe(0x40, 0xffff, 240);
	attack("pe: NumberOfSections 0xffff", 512);
	pe(0x40, 2, 0xffff);
	attack("pe: SizeOfOptionalHeader 0xffff", 512);
	pe(0x40, 1, 240);
	le32(0x40 + 24 + 108, 0xffffffff);                     /* NumberOfRvaAndSizes */
	le32(0x40 + 24 + 112, 0x1000); le32(0x40 + 24 + 116, 0xffffffff); /* export dir */
	le32(0x40 + 24 + 120, 0x1000); le32(0x40 + 24 + 124, 0xffffffff); /* import dir */
	/* one section mapping RVA 0x1000 to file offset 0x200, 0x200 bytes */
	size_t s = 0x40 + 24 + 240;
	memcpy(buf + s, ".rdata", 6);
	le32(s + 8, 0x200); le32(s + 12, 0x1000); le32(s + 16, 0x200); le32(s + 20, 0x200);
	/* export directory at 0x200: NumberOfNames 0xffffffff, tables in a loop */
	le32(0x200 + 24, 0xffffffff); le32(0x200 + 20, 0xffffffff);
	le32(0x200 + 28, 0x1000); le32(0x200 + 32, 0x1000); le32(0x200 + 36, 0x1000);
	le32(0x200 + 12, 0x1000);  /* the DLL name is the directory itself: no NUL soon */
	attack("pe: export directory counts 0xffffffff, tables overlapping", 0x400);
	/* import descriptors that never end: every descriptor names itself */
	for (size_t d = 0x200; d + 20 <= 0x400; d += 20) {
		le32(d, 0x1000); le32(d + 12, 0x1000); le32(d + 16, 0x1000);
	}
	attack("pe: import descriptors without a terminator, thunks pointing at them", 0x400);

	/* --- random bytes behind each magic -------------------------------- */
	uint64_t r = 0x243f6a8885a308d3u;
	static const uint8_t magics[][4] = {
		{0x7f, 'E', 'L', 'F'}, {0xcf, 0xfa, 0xed, 0xfe}, {0xfe, 0xed, 0xfa, 0xce},
		{0xca, 0xfe, 0xba, 0xbe}, {'M', 'Z', 0x90, 0},
	};
	for (size_t m = 0; m < sizeof magics / sizeof magics[0]; m++) {
		const char *bad = NULL;
		for (int round = 0; round < 400 && !bad; round++) {
			for (size_t i = 0; i < 1024; i++) {
				r ^= r << 13; r ^= r >> 7; r ^= r << 17;
				/* mostly small values so offsets land inside the file */
				buf[i] = (uint8_t)(r % 7 == 0 ? r >> 32 : (r >> 40) % 8);
			}
			memcpy(buf, magics[m], 4);
			if (m == 3)
				be32(4, (uint32_t)(r % 5));
			if (m == 4)
				le32(0x3c, (uint32_t)(r % 512));
			bad = parse_once(buf, 1024);
		}
		CHECK(bad == NULL, "400 random 1 KiB bodies behind magic %02x%02x%02x%02x",
		      magics[m][0], magics[m][1], magics[m][2], magics[m][3]);
		if (bad)
			printf("#   %s\n", bad);
	}
	T_DONE();
}
