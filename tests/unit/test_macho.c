/*
 * test_macho.c - the Mach-O parser on synthesized images: every field it
 * reports, both byte orders, and hostile structures (huge counts, zero or
 * oversized load commands, strings escaping their command, symbol tables
 * past EOF, export-trie loops, overlapping or nested universal slices).
 * Real toolchain output is checked by tests/t/macho-readobj.sh.
 */
#include "t.h"
#include "parse/parse.h"

#include <stdint.h>
#include <stdlib.h>

/* A little image builder: bytes in either order at explicit offsets. */
struct img {
	uint8_t d[16384];
	size_t n;
	int be;
};

static void p8(struct img *im, size_t off, uint8_t v)
{
	im->d[off] = v;
	if (off + 1 > im->n)
		im->n = off + 1;
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
static void pstr(struct img *im, size_t off, const char *s)
{
	size_t n = strlen(s) + 1;
	for (size_t i = 0; i < n; i++)
		p8(im, off + i, (uint8_t)s[i]);
}

/* mach_header_64 (little-endian) for an x86_64 bundle. */
static void header64(struct img *im, uint32_t cpu, uint32_t sub, uint32_t ncmds, uint32_t sizeofcmds)
{
	memset(im, 0, sizeof *im);
	p32(im, 0, 0xfeedfacf);
	p32(im, 4, cpu);
	p32(im, 8, sub);
	p32(im, 12, 8); /* MH_BUNDLE */
	p32(im, 16, ncmds);
	p32(im, 20, sizeofcmds);
	p32(im, 24, 0x85); /* NOUNDEFS|DYLDLINK|TWOLEVEL */
	p32(im, 28, 0);
}

/* A dylib_command at off; returns its size. */
static uint32_t dylib_cmd(struct img *im, size_t off, uint32_t cmd, const char *name)
{
	uint32_t size = (uint32_t)((24 + strlen(name) + 1 + 7) & ~(size_t)7);
	p32(im, off, cmd);
	p32(im, off + 4, size);
	p32(im, off + 8, 24);
	pstr(im, off + 24, name);
	return size;
}

static struct binary *parse(struct arena *a, const struct img *im, const char **err)
{
	struct rfile rf;
	struct binary *b = NULL;
	rfile_init_mem(&rf, im->d, im->n);
	*err = NULL;
	int rc = binary_parse(&rf, a, "t.node", &b, err);
	return rc == 0 ? b : NULL;
}

static bool has_note(const struct binary *b, const char *part)
{
	for (size_t i = 0; i < b->notes.n; i++)
		if (strstr(b->notes.v[i], part))
			return true;
	return false;
}

static const struct bin_sym *sym(const struct binary *b, const char *name)
{
	for (size_t i = 0; i < b->syms.n; i++)
		if (!strcmp(b->syms.v[i].name, name))
			return &b->syms.v[i];
	return NULL;
}

static struct img im, im2;

static void test_load_commands(void)
{
	struct arena a;
	arena_init(&a);
	const char *err;
	header64(&im, 0x01000007, 3, 6, 0);
	size_t off = 32;
	off += dylib_cmd(&im, off, 0xc, "@rpath/libfoo.dylib");
	off += dylib_cmd(&im, off, 0x80000018, "/usr/lib/libweak.dylib");
	off += dylib_cmd(&im, off, 0xd, "@rpath/self.dylib");
	p32(&im, off, 0x8000001c); p32(&im, off + 4, 32); p32(&im, off + 8, 12);
	pstr(&im, off + 12, "@loader_path/../lib");
	off += 32;
	p32(&im, off, 0x32); p32(&im, off + 4, 24); p32(&im, off + 8, 1);
	p32(&im, off + 12, 0x000c0301); p32(&im, off + 16, 0x000e0000); p32(&im, off + 20, 0);
	off += 24;
	p32(&im, off, 0x1b); p32(&im, off + 4, 24);
	for (int i = 0; i < 16; i++)
		p8(&im, off + 8 + (size_t)i, (uint8_t)(0xa0 + i));
	off += 24;
	p32(&im, 20, (uint32_t)(off - 32));
	im.n = off;
	struct binary *b = parse(&a, &im, &err);
	CHECK(b != NULL, "synthetic x86_64 bundle parses (%s)", err ? err : "ok");
	if (b) {
		CHECK(b->format == BIN_MACHO && b->bits == 64 && b->endian == BIN_LITTLE, "thin 64-bit LE");
		CHECK_STR(b->arch, "x64", "x86_64 -> x64");
		CHECK_STR(b->arch_detail, "x86_64", "dyld arch name x86_64");
		CHECK_STR(b->filetype, "bundle", "MH_BUNDLE -> bundle");
		CHECK_STR(b->os, "darwin", "macos platform -> darwin");
		CHECK_STR(b->macho.platform, "macos", "platform word");
		CHECK_STR(b->macho.min_os, "12.3.1", "minos nibbles x.y.z");
		CHECK_STR(b->macho.sdk, "14.0", "sdk nibbles x.y");
		CHECK(b->libc == NULL, "no libc on darwin");
		CHECK(b->libs.n == 2, "two dylibs (LC_ID_DYLIB is not a dependency): %zu", b->libs.n);
		if (b->libs.n == 2) {
			CHECK_STR(b->libs.v[0].name, "@rpath/libfoo.dylib", "LC_LOAD_DYLIB name");
			CHECK(b->libs.v[0].kind == LIB_NEEDED && b->libs.v[1].kind == LIB_WEAK, "dylib kinds");
		}
		CHECK_STR(b->macho.install_name, "@rpath/self.dylib", "LC_ID_DYLIB install name");
		CHECK(b->rpaths.n == 1 && !strcmp(b->rpaths.v[0], "@loader_path/../lib"), "LC_RPATH");
		CHECK(b->macho.has_uuid && b->macho.uuid[0] == 0xa0 && b->macho.uuid[15] == 0xaf, "LC_UUID");
		CHECK(b->macho.two_level, "MH_TWOLEVEL");
		CHECK(b->notes.n == 0, "no notes on a clean image (%zu)", b->notes.n);
	}

	/* Hostile: ncmds 0xffffffff with a small sizeofcmds. */
	p32(&im, 16, 0xffffffff);
	b = parse(&a, &im, &err);
	CHECK(b && b->libs.n == 2 && has_note(b, "outside"), "huge ncmds stops at sizeofcmds with a note");

	/* cmdsize 0 on the second command. */
	p32(&im, 16, 6);
	uint32_t first = 0;
	memcpy(&first, im.d + 36, 4);
	uint32_t saved = 0;
	memcpy(&saved, im.d + 32 + first + 4, 4);
	p32(&im, 32 + first + 4, 0);
	b = parse(&a, &im, &err);
	CHECK(b && b->libs.n == 1 && has_note(b, "has size 0"), "cmdsize 0 stops the walk with a note");
	/* cmdsize past sizeofcmds */
	p32(&im, 32 + first + 4, 0x7fffffff);
	b = parse(&a, &im, &err);
	CHECK(b && b->libs.n == 1 && has_note(b, "outside the load command area"), "cmdsize past sizeofcmds");
	p32(&im, 32 + first + 4, saved);

	/* dylib name offset outside its command; name without NUL in command */
	p32(&im, 32 + 8, 4000);
	b = parse(&a, &im, &err);
	CHECK(b && b->libs.n == 2 && has_note(b, "not a string inside the command") &&
	      strstr(b->libs.v[0].name, "unreadable"), "dylib name offset outside the command");
	p32(&im, 32 + 8, 24);
	for (size_t i = 32 + 24; i < 32 + first; i++)
		p8(&im, i, 'x');
	b = parse(&a, &im, &err);
	CHECK(b && has_note(b, "not a string inside the command"), "dylib name not terminated inside the command");

	/* sizeofcmds past EOF */
	p32(&im, 20, 0x100000);
	b = parse(&a, &im, &err);
	CHECK(b && has_note(b, "load commands claim"), "sizeofcmds past EOF noted");

	/* truncated header */
	im.n = 10;
	CHECK(parse(&a, &im, &err) == NULL && err && strstr(err, "truncated Mach-O header"),
	      "10-byte file: %s", err ? err : "(no error)");
	arena_release(&a);
}

static void test_cpu_words(void)
{
	struct arena a;
	arena_init(&a);
	const char *err;
	static const struct { uint32_t cpu, sub; const char *arch, *detail; } cases[] = {
		{0x01000007, 8, "x64", "x86_64h"},
		{0x0100000c, 0x80000002, "arm64", "arm64e"},
		{0x0100000c, 0, "arm64", "arm64"},
		{0x0200000c, 1, NULL, "arm64_32"},
		{7, 3, "ia32", "i386"},
		{12, 11, "arm", "armv7s"},
		{18, 0, "ppc", "ppc"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		header64(&im, cases[i].cpu, cases[i].sub, 0, 0);
		struct binary *b = parse(&a, &im, &err);
		CHECK(b != NULL, "cpu 0x%x parses", cases[i].cpu);
		if (!b)
			continue;
		CHECK_STR(b->arch, cases[i].arch, cases[i].detail);
		CHECK_STR(b->arch_detail, cases[i].detail, "arch_detail");
	}
	/* Big-endian 32-bit (PowerPC): MH_MAGIC read big-endian. */
	memset(&im, 0, sizeof im);
	im.be = 1;
	p32(&im, 0, 0xfeedface); p32(&im, 4, 18); p32(&im, 8, 0); p32(&im, 12, 6);
	p32(&im, 16, 2); p32(&im, 24, 0x85);
	size_t off = 28;
	p32(&im, off, 0x24); p32(&im, off + 4, 16); p32(&im, off + 8, 0x000a0500); p32(&im, off + 12, 0);
	off += 16;
	off += dylib_cmd(&im, off, 0xc, "/usr/lib/libSystem.B.dylib");
	p32(&im, 20, (uint32_t)(off - 28));
	im.n = off;
	struct binary *b = parse(&a, &im, &err);
	CHECK(b && b->bits == 32 && b->endian == BIN_BIG, "MH_MAGIC big-endian 32-bit");
	if (b) {
		CHECK_STR(b->arch, "ppc", "ppc");
		CHECK_STR(b->filetype, "dylib", "MH_DYLIB -> dylib");
		CHECK_STR(b->macho.min_os, "10.5", "LC_VERSION_MIN_MACOSX 10.5");
		CHECK(b->libs.n == 1 && !strcmp(b->libs.v[0].name, "/usr/lib/libSystem.B.dylib"), "BE dylib name");
	}
	im.be = 0;
	/* iOS platform: os is the platform word. */
	header64(&im, 0x0100000c, 0, 1, 24);
	p32(&im, 32, 0x32); p32(&im, 36, 24); p32(&im, 40, 2); p32(&im, 44, 0x000e0000);
	im.n = 56;
	b = parse(&a, &im, &err);
	CHECK(b && b->os && !strcmp(b->os, "ios") && !strcmp(b->macho.platform, "ios"), "iOS platform -> os ios");
	p32(&im, 40, 6);
	b = parse(&a, &im, &err);
	CHECK(b && b->os && !strcmp(b->os, "darwin") && b->macho.platform && !strcmp(b->macho.platform, "maccatalyst"),
	      "maccatalyst -> darwin (%s)", b && b->macho.platform ? b->macho.platform : "null");
	arena_release(&a);
}

/*
 * An image with a __TEXT segment (whole file), a code section, symtab,
 * dyld info (binds + lazy binds + export trie) and three dylibs.
 */
static size_t symbols_image(struct img *m)
{
	header64(m, 0x01000007, 3, 0, 0);
	size_t off = 32;
	unsigned ncmds = 0;
	/* LC_SEGMENT_64 __TEXT with one section __text at 0x1000..0x1010 */
	p32(m, off, 0x19); p32(m, off + 4, 72 + 80);
	pstr(m, off + 8, "__TEXT");
	p64(m, off + 24, 0); p64(m, off + 32, 0x4000); p64(m, off + 40, 0); p64(m, off + 48, 0x4000);
	p32(m, off + 64, 1);
	size_t s = off + 72;
	pstr(m, s, "__text"); pstr(m, s + 16, "__TEXT");
	p64(m, s + 32, 0x1000); p64(m, s + 40, 0x10); p32(m, s + 48, 0x1000);
	p32(m, s + 64, 0x80000400);
	off += 152; ncmds++;
	off += dylib_cmd(m, off, 0xc, "@rpath/liba.dylib"); ncmds++;
	off += dylib_cmd(m, off, 0xc, "@rpath/libb.dylib"); ncmds++;
	/* LC_SYMTAB: symbols at 0x2000, strings at 0x2100 */
	p32(m, off, 0x2); p32(m, off + 4, 24);
	p32(m, off + 8, 0x2000); p32(m, off + 12, 6); p32(m, off + 16, 0x2100); p32(m, off + 20, 0x100);
	off += 24; ncmds++;
	/* LC_DYLD_INFO_ONLY: bind 0x2200 (16), lazy 0x2300 (32), export 0x2400 (64) */
	p32(m, off, 0x80000022); p32(m, off + 4, 48);
	p32(m, off + 16, 0x2200); p32(m, off + 20, 16);
	p32(m, off + 32, 0x2300); p32(m, off + 36, 32);
	p32(m, off + 40, 0x2400); p32(m, off + 44, 64);
	off += 48; ncmds++;
	p32(m, 16, ncmds);
	p32(m, 20, (uint32_t)(off - 32));

	/* code: mov eax, 9; ret */
	static const uint8_t code[] = {0xb8, 9, 0, 0, 0, 0xc3};
	for (size_t i = 0; i < sizeof code; i++)
		p8(m, 0x1000 + i, code[i]);

	/* strings */
	size_t st = 0x2100;
	pstr(m, st + 1, "_a_func");                 /* 1 */
	pstr(m, st + 9, "_flat_func");              /* 9 */
	pstr(m, st + 20, "_main_func");             /* 20 */
	pstr(m, st + 31, "_weak_func");             /* 31 */
	pstr(m, st + 42, "_node_api_module_get_api_version_v1"); /* 42 */
	pstr(m, st + 78, "_b_func");                /* 78 */
	/* nlist_64: strx, type, sect, desc, value */
	static const struct { uint32_t strx; uint8_t type, sect; uint16_t desc; uint64_t value; } nl[] = {
		{1, 0x01, 0, 0x0100, 0},          /* undefined, ordinal 1 */
		{9, 0x01, 0, 0xfe00, 0},          /* dynamic lookup */
		{20, 0x01, 0, 0xff00, 0},         /* executable */
		{31, 0x01, 0, 0x0240, 0},         /* ordinal 2, N_WEAK_REF */
		{42, 0x0f, 1, 0, 0x1000},         /* defined external in __text */
		{78, 0x01, 0, 0x0200, 0},         /* ordinal 2 */
	};
	for (size_t i = 0; i < sizeof nl / sizeof *nl; i++) {
		size_t e = 0x2000 + i * 16;
		p32(m, e, nl[i].strx); p8(m, e + 4, nl[i].type); p8(m, e + 5, nl[i].sect);
		p8(m, e + 6, (uint8_t)nl[i].desc); p8(m, e + 7, (uint8_t)(nl[i].desc >> 8));
		p64(m, e + 8, nl[i].value);
	}
	/* bind: ordinal 2, symbol _b_func, DO_BIND, DONE */
	size_t bo = 0x2200;
	p8(m, bo++, 0x12); p8(m, bo++, 0x40); pstr(m, bo, "_b_func"); bo += 8; p8(m, bo++, 0x90); p8(m, bo, 0x00);
	/* lazy: _a_func DO_BIND DONE, _b_func DO_BIND DONE */
	size_t lo = 0x2300;
	p8(m, lo++, 0x11); p8(m, lo++, 0x40); pstr(m, lo, "_a_func"); lo += 8; p8(m, lo++, 0x90); p8(m, lo++, 0x00);
	p8(m, lo++, 0x12); p8(m, lo++, 0x40); pstr(m, lo, "_b_func"); lo += 8; p8(m, lo++, 0x90); p8(m, lo++, 0x00);
	/* export trie: root -> "_node_api_module_get_api_version_v1" -> terminal addr 0x1000 */
	size_t t = 0x2400;
	p8(m, t, 0); p8(m, t + 1, 1);
	pstr(m, t + 2, "_node_api_module_get_api_version_v1");
	size_t child = 2 + 36 + 1;
	p8(m, t + 2 + 36, (uint8_t)child);
	p8(m, t + child, 3); p8(m, t + child + 1, 0); p8(m, t + child + 2, 0x80); p8(m, t + child + 3, 0x20);
	p8(m, t + child + 4, 0);
	m->n = 0x4000; /* the __TEXT segment covers the whole file */
	return t;
}

static void test_symbols(void)
{
	struct arena a;
	arena_init(&a);
	const char *err;
	size_t trie = symbols_image(&im);
	struct binary *b = parse(&a, &im, &err);
	CHECK(b != NULL, "symbols image parses (%s)", err ? err : "ok");
	if (!b)
		return;
	CHECK(b->notes.n == 0, "symbols image: no notes (%zu%s%s)", b->notes.n, b->notes.n ? ": " : "",
	      b->notes.n ? b->notes.v[0] : "");
	const struct bin_sym *s = sym(b, "_a_func");
	CHECK(s && !s->defined && s->lib && !strcmp(s->lib, "@rpath/liba.dylib") && !s->flat_lookup,
	      "ordinal 1 -> first dylib");
	CHECK(s && s->when == SYM_WHEN_LAZY, "only in the lazy stream -> SYM_WHEN_LAZY");
	s = sym(b, "_b_func");
	CHECK(s && s->lib && !strcmp(s->lib, "@rpath/libb.dylib") && s->when == SYM_WHEN_LOAD,
	      "in bind and lazy streams -> SYM_WHEN_LOAD");
	s = sym(b, "_flat_func");
	CHECK(s && s->flat_lookup && !s->lib && s->when == SYM_WHEN_LOAD, "DYNAMIC_LOOKUP_ORDINAL -> flat lookup");
	s = sym(b, "_main_func");
	CHECK(s && s->lib && strstr(s->lib, "executable"), "EXECUTABLE_ORDINAL -> main executable");
	s = sym(b, "_weak_func");
	CHECK(s && s->weak_ref && s->lib && !strcmp(s->lib, "@rpath/libb.dylib"), "N_WEAK_REF -> weak_ref");
	s = sym(b, "_node_api_module_get_api_version_v1");
	CHECK(s && s->defined && s->value == 0x1000 && s->type == SYM_FUNC, "export from the trie, in __text");
	size_t defined = 0;
	for (size_t i = 0; i < b->syms.n; i++)
		defined += b->syms.v[i].defined;
	CHECK(defined == 1, "trie exports are not duplicated from the symtab (%zu)", defined);
	CHECK(b->addon.napi_declared == 9, "napi_declared decoded from the exported body: %d", b->addon.napi_declared);

	/* Hostile: nsyms past EOF, strx past strtab. */
	memcpy(&im2, &im, sizeof im);
	size_t symtab_cmd = 32 + 152 + 48 + 48;
	p32(&im2, symtab_cmd + 12, 0x10000000);
	b = parse(&a, &im2, &err);
	CHECK(b && has_note(b, "symbol table claims"), "nsyms past EOF is clamped with a note");
	memcpy(&im2, &im, sizeof im);
	p32(&im2, 0x2000, 0x7fffff00);
	b = parse(&a, &im2, &err);
	CHECK(b && has_note(b, "names outside the string table") && !sym(b, "_a_func"), "strx outside strtab");
	/* strtab claims more than the file */
	memcpy(&im2, &im, sizeof im);
	p32(&im2, symtab_cmd + 20, 0xffffff00);
	b = parse(&a, &im2, &err);
	CHECK(b && has_note(b, "string table"), "strsize past EOF noted");

	/* Export trie child pointing back at the root: a loop. */
	memcpy(&im2, &im, sizeof im);
	p8(&im2, trie + 2 + 36, 0);
	b = parse(&a, &im2, &err);
	CHECK(b && has_note(b, "loops back"), "export trie loop detected");
	/* Child offset past the trie. */
	p8(&im2, trie + 2 + 36, 0x7f);
	b = parse(&a, &im2, &err);
	CHECK(b && has_note(b, "past the trie"), "export trie child past its end");
	/* Deep chain: every node has one child with a 1-byte edge to the next. */
	memcpy(&im2, &im, sizeof im);
	size_t t = 0x2400, nodes = 0;
	p32(&im2, 32 + 152 + 48 + 48 + 24 + 44, 1400);
	for (nodes = 0; nodes < 300; nodes++) {
		size_t nd = t + nodes * 4;
		p8(&im2, nd, 0); p8(&im2, nd + 1, 1); p8(&im2, nd + 2, 0);
		p8(&im2, nd + 3, (uint8_t)(((nodes + 1) * 4) & 0x7f));
	}
	/* uleb offsets above 127 need two bytes; a 1-byte wrap makes loops,
	 * which must also be caught. */
	b = parse(&a, &im2, &err);
	CHECK(b && (has_note(b, "loops back") || has_note(b, "deeper than")), "long/looping trie chain stops");

	/* Bind stream with an unknown opcode and a truncated uleb. */
	memcpy(&im2, &im, sizeof im);
	p8(&im2, 0x2300, 0xe0);
	b = parse(&a, &im2, &err);
	CHECK(b && has_note(b, "unknown opcode"), "unknown lazy bind opcode noted");
	memcpy(&im2, &im, sizeof im);
	for (size_t i = 0; i < 16; i++)
		p8(&im2, 0x2200 + i, 0xff);
	p8(&im2, 0x2200, 0x70);
	b = parse(&a, &im2, &err);
	CHECK(b && has_note(b, "bind opcodes"), "runaway uleb in bind stream noted");
	arena_release(&a);
}

static void test_chained_imports(void)
{
	struct arena a;
	arena_init(&a);
	const char *err;
	header64(&im, 0x0100000c, 0, 2, 0);
	size_t off = 32;
	off += dylib_cmd(&im, off, 0xc, "/usr/lib/libc++.1.dylib");
	p32(&im, off, 0x80000034); p32(&im, off + 4, 16); p32(&im, off + 8, 0x1000); p32(&im, off + 12, 0x100);
	off += 16;
	p32(&im, 20, (uint32_t)(off - 32));
	size_t h = 0x1000;
	p32(&im, h, 0); p32(&im, h + 4, 0); p32(&im, h + 8, 32); p32(&im, h + 12, 48);
	p32(&im, h + 16, 3); p32(&im, h + 20, 1); p32(&im, h + 24, 0);
	/* DYLD_CHAINED_IMPORT: ordinal:8, weak:1, name_offset:23 */
	p32(&im, h + 32, 1u | (1u << 9));               /* libc++, "_x" */
	p32(&im, h + 36, 0xfeu | (4u << 9));            /* flat, "_napi_y" */
	p32(&im, h + 40, 1u | (1u << 8) | (12u << 9));  /* weak, "_w" */
	pstr(&im, h + 48, "");
	pstr(&im, h + 49, "_x");
	pstr(&im, h + 52, "_napi_y");
	pstr(&im, h + 60, "_w");
	im.n = 0x1100;
	struct binary *b = parse(&a, &im, &err);
	CHECK(b && b->macho.chained_fixups, "LC_DYLD_CHAINED_FIXUPS flag");
	if (!b)
		return;
	const struct bin_sym *s = sym(b, "_x");
	CHECK(s && s->lib && !strcmp(s->lib, "/usr/lib/libc++.1.dylib") && s->when == SYM_WHEN_LOAD,
	      "chained import with ordinal 1");
	s = sym(b, "_napi_y");
	CHECK(s && s->flat_lookup, "chained import with flat lookup");
	s = sym(b, "_w");
	CHECK(s && s->weak_ref, "weak chained import");
	/* imports_count past the table */
	p32(&im, h + 16, 0x10000000);
	b = parse(&a, &im, &err);
	CHECK(b && has_note(b, "do not fit"), "chained imports count clamped");
	p32(&im, h + 16, 3);
	p32(&im, h + 12, 0xfffffff0);
	b = parse(&a, &im, &err);
	CHECK(b && has_note(b, "symbol pool"), "chained import names outside the pool");
	arena_release(&a);
}

/* A universal file from two copies of a tiny thin image. */
static void fat_image(struct img *f, uint32_t magic, uint32_t n, const uint32_t *offs, const uint32_t *sizes)
{
	memset(f, 0, sizeof *f);
	f->be = 1;
	p32(f, 0, magic);
	p32(f, 4, n);
	for (uint32_t i = 0; i < n && i < 4; i++) {
		size_t e = 8 + i * (magic == 0xcafebabf ? 32 : 20);
		p32(f, e, i ? 0x0100000c : 0x01000007);
		p32(f, e + 4, i ? 0 : 3);
		if (magic == 0xcafebabf) {
			p64(f, e + 8, offs[i]); p64(f, e + 16, sizes[i]);
		} else {
			p32(f, e + 8, offs[i]); p32(f, e + 12, sizes[i]);
		}
	}
	f->be = 0;
	for (uint32_t i = 0; i < n && i < 4; i++) {
		if (offs[i] + 64 > sizeof f->d)
			continue;
		struct img t;
		header64(&t, i ? 0x0100000c : 0x01000007, i ? 0 : 3, 1, 24);
		p32(&t, 32, 0x32); p32(&t, 36, 24); p32(&t, 40, 1); p32(&t, 44, 0x000b0000);
		memcpy(f->d + offs[i], t.d, 56);
		if (offs[i] + 56 > f->n)
			f->n = offs[i] + 56;
	}
	f->n = f->n < 0x3000 ? 0x3000 : f->n;
}

static void test_fat(void)
{
	struct arena a;
	arena_init(&a);
	const char *err;
	uint32_t offs[] = {0x1000, 0x2000}, sizes[] = {0x1000, 0x1000};
	fat_image(&im, 0xcafebabe, 2, offs, sizes);
	struct binary *b = parse(&a, &im, &err);
	CHECK(b && b->format == BIN_FAT && b->slices.n == 2, "universal file with 2 slices (%s)", err ? err : "ok");
	if (b && b->slices.n == 2) {
		CHECK_STR(b->arch_detail, "x86_64,arm64", "top-level arch_detail joins slice names");
		CHECK(b->arch == NULL, "universal: no single arch");
		CHECK_STR(b->os, "darwin", "slices agree on darwin");
		CHECK(b->slices.v[1]->macho.fat_offset == 0x2000 && b->slices.v[1]->macho.fat_size == 0x1000,
		      "slice offset and size");
		CHECK_STR(b->slices.v[1]->arch, "arm64", "slice 1 arm64");
		CHECK_STR(b->slices.v[0]->macho.min_os, "11.0", "slice platform");
		CHECK(b->notes.n == 0, "clean universal file has no notes");
	}
	fat_image(&im, 0xcafebabf, 2, offs, sizes);
	b = parse(&a, &im, &err);
	CHECK(b && b->format == BIN_FAT && b->slices.n == 2 && b->slices.v[1]->format == BIN_MACHO,
	      "FAT_MAGIC_64 universal file");

	uint32_t ov_offs[] = {0x1000, 0x1800}, ov_sizes[] = {0x1000, 0x1000};
	fat_image(&im, 0xcafebabe, 2, ov_offs, ov_sizes);
	b = parse(&a, &im, &err);
	CHECK(b && b->slices.n == 2 && has_note(b, "overlaps slice 0") && b->slices.v[1]->format == BIN_UNKNOWN &&
	      b->slices.v[1]->arch_detail && !strcmp(b->slices.v[1]->arch_detail, "arm64"),
	      "overlapping slice rejected, still listed with its header arch");

	uint32_t out_offs[] = {0x1000, 0x2000}, out_sizes[] = {0x1000, 0xfffff000};
	fat_image(&im, 0xcafebabe, 2, out_offs, out_sizes);
	b = parse(&a, &im, &err);
	CHECK(b && has_note(b, "outside the file"), "slice past EOF rejected");

	/* nested universal inside a slice */
	fat_image(&im, 0xcafebabe, 2, offs, sizes);
	im.be = 1;
	p32(&im, 0x2000, 0xcafebabe);
	im.be = 0;
	b = parse(&a, &im, &err);
	CHECK(b && b->slices.n == 2 && b->slices.v[0]->format == BIN_MACHO && has_note(b, "itself a universal"),
	      "nested universal slice is an error for that slice only");

	/* slice header truncated -> slice entry with a note */
	fat_image(&im, 0xcafebabe, 2, offs, sizes);
	uint32_t tiny_offs[] = {0x1000, 0x2ff0}, tiny_sizes[] = {0x1000, 0x10};
	fat_image(&im, 0xcafebabe, 2, tiny_offs, tiny_sizes);
	b = parse(&a, &im, &err);
	CHECK(b && b->slices.n == 2 && has_note(b, "truncated Mach-O header"), "truncated slice noted");

	/* slice count far past the file: capped, no crash */
	fat_image(&im, 0xcafebabe, 2, offs, sizes);
	im.be = 1;
	p32(&im, 4, 29);
	im.be = 0;
	im.n = 0x100;
	b = parse(&a, &im, &err);
	CHECK(b && b->slices.n <= BIN_MAX_SLICES, "many slices, tiny file: %zu slices", b ? b->slices.n : 0);

	/* zero slices and a truncated header */
	im.be = 1;
	p32(&im, 4, 0);
	im.be = 0;
	b = parse(&a, &im, &err);
	CHECK(b && b->format == BIN_FAT && b->slices.n == 0 && has_note(b, "no slices"), "universal with no slices");
	im.n = 6;
	CHECK(parse(&a, &im, &err) == NULL && err, "6-byte universal header refused: %s", err ? err : "");
	arena_release(&a);
}

/* Every prefix of the symbols image parses without crashing. */
static void test_truncations(void)
{
	struct arena a;
	const char *err;
	symbols_image(&im);
	size_t full = im.n, bad = 0;
	for (size_t n = 0; n <= full; n += (n < 512 ? 1 : 61)) {
		arena_init(&a);
		struct rfile rf;
		struct binary *b;
		rfile_init_mem(&rf, im.d, n);
		int rc = binary_parse(&rf, &a, "t", &b, &err);
		if (rc != 0 && n >= 32)
			bad++;
		arena_release(&a);
	}
	CHECK(bad == 0, "every truncation past the header parses partially (%zu refused)", bad);
}

int main(void)
{
	test_load_commands();
	test_cpu_words();
	test_symbols();
	test_chained_imports();
	test_fat();
	test_truncations();
	T_DONE();
}
