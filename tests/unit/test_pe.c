/*
 * test_pe.c - the PE parser on synthesized images: a small, valid PE32+
 * and PE32 DLL built byte by byte (imports by name and ordinal, a
 * delay-load import, exports, a constant-return version function), then
 * hostile variants of it: lying e_lfanew, section counts, optional header
 * size, directories outside every section, walks with no terminator,
 * names with no NUL, huge export counts.  Each must parse to a partial
 * answer with a note, or fail with a one-line error; never crash or hang.
 */
#include "t.h"

#include <stdint.h>
#include <string.h>

#include "io/rfile.h"
#include "parse/parse.h"

#define IMG_SIZE 0x800u
#define TEXT_OFF 0x200u  /* RVA 0x1000 */
#define RDATA_OFF 0x400u /* RVA 0x2000, 0x400 bytes */

static uint8_t img[IMG_SIZE];

static void p16(uint32_t off, uint32_t v) { img[off] = (uint8_t)v; img[off + 1] = (uint8_t)(v >> 8); }
static void p32(uint32_t off, uint32_t v) { p16(off, v & 0xffff); p16(off + 2, v >> 16); }
static void p64(uint32_t off, uint64_t v) { p32(off, (uint32_t)v); p32(off + 4, (uint32_t)(v >> 32)); }
static uint32_t R(uint32_t rva) { return RDATA_OFF + (rva - 0x2000); } /* .rdata RVA -> offset */
static void pstr(uint32_t off, const char *s) { memcpy(img + off, s, strlen(s) + 1); }

static uint32_t opt_off(void) { return 0x40 + 4 + 20; }
static uint32_t dd_off(bool plus) { return opt_off() + (plus ? 112 : 96); }

/* A DLL importing napi_create_function and ordinal 5 from node.exe,
 * delay-importing napi_get_uv_event_loop from late.dll, exporting
 * napi_register_module_v1 and node_api_module_get_api_version_v1
 * (mov eax, 9; ret). */
static void build(bool plus)
{
	memset(img, 0, sizeof img);
	img[0] = 'M'; img[1] = 'Z';
	p32(0x3c, 0x40);
	memcpy(img + 0x40, "PE\0\0", 4);
	uint32_t c = 0x44;
	p16(c, plus ? 0x8664 : 0x14c);
	p16(c + 2, 2);
	p32(c + 4, 0x5f000000);
	p16(c + 16, plus ? 240 : 224);
	p16(c + 18, 0x2022);
	uint32_t o = opt_off();
	p16(o, plus ? 0x20b : 0x10b);
	if (plus)
		p64(o + 24, 0x180000000ull);
	else
		p32(o + 28, 0x10000000u);
	p32(o + 32, 0x1000);
	p32(o + 36, 0x200);
	p32(o + 56, 0x3000);
	p32(o + 60, 0x200);
	p16(o + 68, 2);
	p16(o + 70, 0x160);
	uint32_t dd = dd_off(plus);
	p32(dd - 4, 16);
	p32(dd + 0 * 8, 0x2280); p32(dd + 0 * 8 + 4, 0x80);   /* export */
	p32(dd + 1 * 8, 0x2000); p32(dd + 1 * 8 + 4, 0x28);   /* import */
	p32(dd + 13 * 8, 0x2030); p32(dd + 13 * 8 + 4, 0x40); /* delay import */
	uint32_t st = o + (plus ? 240 : 224);
	memcpy(img + st, ".text", 5);
	p32(st + 8, 0x10); p32(st + 12, 0x1000); p32(st + 16, 0x200); p32(st + 20, TEXT_OFF);
	p32(st + 36, 0x60000020);
	memcpy(img + st + 40, ".rdata", 6);
	p32(st + 48, 0x400); p32(st + 52, 0x2000); p32(st + 56, 0x400); p32(st + 60, RDATA_OFF);
	p32(st + 76, 0x40000040);

	static const uint8_t code[] = { 0xb8, 9, 0, 0, 0, 0xc3 };
	memcpy(img + TEXT_OFF, code, sizeof code);
	img[TEXT_OFF + 0x10] = 0xc3;

	int w = plus ? 8 : 4;
	uint64_t ordflag = plus ? (uint64_t)1 << 63 : (uint64_t)1 << 31;
#define PW(off, v) (plus ? p64((off), (v)) : p32((off), (uint32_t)(v)))
	/* import descriptor + terminator */
	p32(R(0x2000), 0x2100); p32(R(0x2000) + 12, 0x20f0); p32(R(0x2000) + 16, 0x2140);
	PW(R(0x2100), 0x2200); PW(R(0x2100) + w, ordflag | 5);
	PW(R(0x2140), 0x2200); PW(R(0x2140) + w, ordflag | 5);
	pstr(R(0x2200) + 2, "napi_create_function");
	pstr(R(0x20f0), "node.exe");
	/* delay descriptor (RVA-based) + terminator */
	p32(R(0x2030), 1); p32(R(0x2030) + 4, 0x20e0); p32(R(0x2030) + 8, 0x2380);
	p32(R(0x2030) + 12, 0x2390); p32(R(0x2030) + 16, 0x2160);
	PW(R(0x2160), 0x2220);
	pstr(R(0x2220) + 2, "napi_get_uv_event_loop");
	pstr(R(0x20e0), "late.dll");
	/* export directory */
	uint32_t e = R(0x2280);
	p32(e + 12, 0x22d0); p32(e + 16, 1); p32(e + 20, 2); p32(e + 24, 2);
	p32(e + 28, 0x22b0); p32(e + 32, 0x22b8); p32(e + 36, 0x22c0);
	p32(R(0x22b0), 0x1010); p32(R(0x22b0) + 4, 0x1000);
	p32(R(0x22b8), 0x22e0); p32(R(0x22b8) + 4, 0x2300);
	p16(R(0x22c0), 0); p16(R(0x22c0) + 2, 1);
	pstr(R(0x22d0), "t.node");
	pstr(R(0x22e0), "napi_register_module_v1");
	pstr(R(0x2300), "node_api_module_get_api_version_v1");
#undef PW
}

struct res {
	struct arena a;
	struct binary *b;
	const char *err;
	int rc;
};

static void parse(struct res *r, size_t len)
{
	struct rfile rf;
	rfile_init_mem(&rf, img, len);
	arena_init(&r->a);
	r->rc = binary_parse(&rf, &r->a, "t.node", &r->b, &r->err);
	rfile_close(&rf);
}

static const struct bin_sym *sym(const struct binary *b, const char *name)
{
	for (size_t i = 0; i < b->syms.n; i++)
		if (b->syms.v[i].name && !strcmp(b->syms.v[i].name, name))
			return &b->syms.v[i];
	return NULL;
}

static bool has_note(const struct binary *b, const char *part)
{
	for (size_t i = 0; i < b->notes.n; i++)
		if (strstr(b->notes.v[i], part))
			return true;
	return false;
}

static void valid(bool plus)
{
	const char *tag = plus ? "pe32+" : "pe32";
	struct res r;
	build(plus);
	parse(&r, IMG_SIZE);
	CHECK(r.rc == 0, "%s: parses", tag);
	if (r.rc != 0) {
		printf("#   err %s\n", r.err);
		arena_release(&r.a);
		return;
	}
	struct binary *b = r.b;
	CHECK(b->format == BIN_PE && b->bits == (plus ? 64 : 32), "%s: format and bits", tag);
	CHECK_STR(b->arch, plus ? "x64" : "ia32", "arch");
	CHECK_STR(b->os, "win32", "os");
	CHECK_STR(b->filetype, "dll", "filetype");
	CHECK(b->pe.is_dll && b->pe.pe32plus == plus, "%s: pe facts", tag);
	CHECK(b->pe.image_base == (plus ? 0x180000000ull : 0x10000000u), "%s: image base", tag);
	CHECK(b->pe.sections_end == 0x800, "%s: sections_end 0x%llx", tag, (unsigned long long)b->pe.sections_end);
	CHECK(b->pe.timestamp == 0x5f000000, "%s: timestamp", tag);
	CHECK_STR(b->pe.dll_name, "t.node", "export directory name");
	CHECK(b->libs.n == 2, "%s: two libraries (%zu)", tag, b->libs.n);
	if (b->libs.n == 2) {
		CHECK_STR(b->libs.v[0].name, "node.exe", "import DLL");
		CHECK(b->libs.v[0].kind == LIB_NEEDED, "%s: node.exe is a normal import", tag);
		CHECK_STR(b->libs.v[1].name, "late.dll", "delay DLL");
		CHECK(b->libs.v[1].kind == LIB_DELAY, "%s: late.dll is delay-loaded", tag);
	}
	const struct bin_sym *s = sym(b, "napi_create_function");
	CHECK(s && !s->defined && !s->delay && s->when == SYM_WHEN_LOAD && s->lib && !strcmp(s->lib, "node.exe"),
	      "%s: import by name", tag);
	bool ord = false;
	for (size_t i = 0; i < b->syms.n; i++)
		if (!b->syms.v[i].name && !b->syms.v[i].defined && b->syms.v[i].ordinal == 5)
			ord = true;
	CHECK(ord, "%s: import by ordinal 5", tag);
	s = sym(b, "napi_get_uv_event_loop");
	CHECK(s && !s->defined && s->delay && s->when == SYM_WHEN_LAZY && s->lib && !strcmp(s->lib, "late.dll"),
	      "%s: delay import", tag);
	s = sym(b, "napi_register_module_v1");
	CHECK(s && s->defined && s->value == 0x1010 && s->ordinal == 1 && s->type == SYM_FUNC, "%s: export", tag);
	CHECK(b->addon.kind == ADDON_NAPI, "%s: Node-API addon", tag);
	CHECK(b->addon.napi_declared == 9, "%s: declared level 9 (%d)", tag, b->addon.napi_declared);
	CHECK(b->addon.napi_min == 2, "%s: napi_min 2 from napi_get_uv_event_loop (%d)", tag, b->addon.napi_min);
	CHECK(b->notes.n == 0, "%s: no notes (%zu%s%s)", tag, b->notes.n, b->notes.n ? ": " : "",
	      b->notes.n ? b->notes.v[0] : "");
	arena_release(&r.a);
}

/* Expect a -1 with an error containing `want`. */
static void refused(const char *what, size_t len, const char *want)
{
	struct res r;
	parse(&r, len);
	CHECK(r.rc == -1 && r.err && strstr(r.err, want), "%s: refused (%s)", what, r.err ? r.err : "no error");
	arena_release(&r.a);
}

/* Expect 0 with a note containing `want` (NULL: any outcome but a crash). */
static struct binary *partial(struct res *r, const char *what, const char *want)
{
	parse(r, IMG_SIZE);
	if (want)
		CHECK(r->rc == 0 && has_note(r->b, want), "%s: partial answer with a note", what);
	if (want && !(r->rc == 0 && has_note(r->b, want))) {
		printf("#   rc %d err %s\n", r->rc, r->err ? r->err : "-");
		for (size_t i = 0; r->b && i < r->b->notes.n; i++)
			printf("#   note: %s\n", r->b->notes.v[i]);
	}
	return r->rc == 0 ? r->b : NULL;
}

static void hostile(void)
{
	struct res r;
	struct binary *b;

	build(true);
	refused("truncated DOS header", 40, "truncated DOS header");
	p32(0x3c, 0x7ffffff0);
	refused("e_lfanew past EOF", IMG_SIZE, "e_lfanew");
	build(true);
	p32(0x3c, 0xfffffffe);
	refused("e_lfanew near 4 GiB", IMG_SIZE, "e_lfanew");
	build(true);
	memcpy(img + 0x40, "NE\0\0", 4);
	refused("NE executable", IMG_SIZE, "16-bit");
	build(true);
	p16(opt_off(), 0x107);
	refused("unknown optional magic", IMG_SIZE, "optional header magic");
	build(true);
	p16(0x44 + 16, 0);
	refused("no optional header", IMG_SIZE, "optional header");

	build(true);
	p16(0x44 + 2, 0xffff);
	b = partial(&r, "NumberOfSections 0xffff", "NumberOfSections");
	CHECK(b && sym(b, "napi_create_function"), "NumberOfSections 0xffff: real sections still used");
	arena_release(&r.a);

	build(true);
	p16(0x44 + 16, 0xfff0);
	b = partial(&r, "SizeOfOptionalHeader past EOF", "fit in the file");
	CHECK(b && b->libs.n == 0 && b->pe.machine == 0x8664, "SizeOfOptionalHeader lie: headers kept, no imports");
	arena_release(&r.a);

	build(true);
	p16(0x44 + 16, 100); /* shorter than the PE32+ fixed part */
	b = partial(&r, "SizeOfOptionalHeader too small", "cut short");
	arena_release(&r.a);

	build(true);
	p32(dd_off(true) - 4, 0x7fffffff);
	b = partial(&r, "NumberOfRvaAndSizes huge", "NumberOfRvaAndSizes");
	CHECK(b && sym(b, "napi_create_function"), "NumberOfRvaAndSizes huge: first 16 read");
	arena_release(&r.a);

	build(true);
	p32(dd_off(true) + 8, 0x90000);
	b = partial(&r, "import directory outside every section", "import directory");
	CHECK(b && !sym(b, "napi_create_function") && sym(b, "napi_register_module_v1"),
	      "import directory outside: exports still read");
	arena_release(&r.a);

	/* Import descriptors repeating to the end of the section. */
	build(true);
	for (uint32_t d = 0x2000; d + 20 <= 0x2400; d += 20) {
		p32(R(d), 0x2100); p32(R(d) + 4, 0); p32(R(d) + 8, 0); p32(R(d) + 12, 0x20f0); p32(R(d) + 16, 0x2140);
	}
	b = partial(&r, "import descriptors without terminator", "terminating descriptor");
	CHECK(b && b->libs.n >= 1 && b->libs.n <= 2, "descriptor walk: node.exe listed once (%zu libs)", b ? b->libs.n : 0);
	arena_release(&r.a);

	/* A thunk array that never ends: every word to the section end is the name RVA. */
	build(true);
	for (uint32_t t = 0x2100; t + 8 <= 0x2400; t += 8)
		p64(R(t), 0x2200);
	b = partial(&r, "thunks without terminator", "no terminating zero");
	arena_release(&r.a);

	/* Names without NUL to the section end. */
	build(true);
	memset(img + R(0x23c0), 'A', 0x40);
	p32(R(0x2000) + 12, 0x23c0);
	b = partial(&r, "DLL name without NUL", "unreadable");
	arena_release(&r.a);
	build(true);
	memset(img + R(0x23c0), 'A', 0x40);
	p32(R(0x22b8), 0x23c0);
	b = partial(&r, "export name without NUL", "unreadable");
	CHECK(b && sym(b, "node_api_module_get_api_version_v1"), "export name without NUL: the other export kept");
	arena_release(&r.a);

	/* Huge export counts. */
	build(true);
	p32(R(0x2280) + 20, 0xffffffffu);
	p32(R(0x2280) + 24, 0xffffffffu);
	b = partial(&r, "huge export counts", "does not fit");
	arena_release(&r.a);
	build(true);
	p16(R(0x22c0), 0xfff0);
	b = partial(&r, "export ordinal index past NumberOfFunctions", "past NumberOfFunctions");
	arena_release(&r.a);

	/* Sections whose raw data lies past EOF; RVAs in zero-fill. */
	build(true);
	p32(opt_off() + 240 + 40 + 20, 0xfffffe00u);
	b = partial(&r, "section raw data past EOF", "past the end of the file");
	CHECK(b && b->libs.n == 0, "section past EOF: nothing read from it");
	arena_release(&r.a);
	build(true);
	p32(opt_off() + 240 + 40 + 16, 0x80); /* SizeOfRawData 0x80: the rest is zero-fill */
	b = partial(&r, "directories in zero-fill", "not in the file");
	arena_release(&r.a);

	/* Section headers out of address order: noted, still resolved. */
	build(true);
	{
		uint8_t tmp[40];
		uint32_t st = opt_off() + 240;
		memcpy(tmp, img + st, 40);
		memmove(img + st, img + st + 40, 40);
		memcpy(img + st + 40, tmp, 40);
	}
	b = partial(&r, "sections out of order", "ascending");
	CHECK(b && sym(b, "napi_create_function") && b->addon.napi_declared == 9,
	      "sections out of order: imports and code still found");
	arena_release(&r.a);

	/* Import table that points at itself: the name is the descriptor bytes. */
	build(true);
	p32(R(0x2000) + 12, 0x2000);
	b = partial(&r, "self-referential import name", NULL);
	CHECK(r.rc == 0, "self-referential import name: parsed");
	arena_release(&r.a);

	/* Old VA-based delay descriptor (PE32). */
	build(false);
	p32(R(0x2030), 0);
	p32(R(0x2030) + 4, 0x10000000u + 0x20e0);
	p32(R(0x2030) + 16, 0x10000000u + 0x2160);
	p32(R(0x2160), 0x10000000u + 0x2220);
	parse(&r, IMG_SIZE);
	b = r.rc == 0 ? r.b : NULL;
	const struct bin_sym *s = b ? sym(b, "napi_get_uv_event_loop") : NULL;
	CHECK(s && s->delay && s->lib && !strcmp(s->lib, "late.dll"), "VA-based delay descriptor decoded");
	arena_release(&r.a);

	/* A C runtime import: named in libc_why, libc itself stays unknown. */
	build(true);
	pstr(R(0x20e0), "MSVCRT.dll");
	parse(&r, IMG_SIZE);
	CHECK(r.rc == 0 && !r.b->libc && r.b->libc_why && strstr(r.b->libc_why, "MSVCRT.dll"),
	      "C runtime import recorded in libc_why, libc NULL");
	arena_release(&r.a);
	build(true);
	parse(&r, IMG_SIZE);
	CHECK(r.rc == 0 && !r.b->libc_why, "no C runtime import: no libc_why");
	arena_release(&r.a);

	/* Machines without a Node word. */
	build(true);
	p16(0x44, 0xa641);
	parse(&r, IMG_SIZE);
	CHECK(r.rc == 0 && !r.b->arch && r.b->arch_detail && !strcmp(r.b->arch_detail, "arm64ec"), "ARM64EC machine");
	arena_release(&r.a);
	build(true);
	p16(0x44, 0x1234);
	parse(&r, IMG_SIZE);
	CHECK(r.rc == 0 && !r.b->arch && r.b->arch_detail && !strcmp(r.b->arch_detail, "machine 0x1234"),
	      "unknown machine keeps its number");
	arena_release(&r.a);
	build(true);
	p16(0x44 + 18, 0x0022);
	parse(&r, IMG_SIZE);
	CHECK(r.rc == 0 && !strcmp(r.b->filetype, "exe") && !r.b->pe.is_dll, "no IMAGE_FILE_DLL: exe");
	arena_release(&r.a);

	/* Every truncation of the valid image: never a crash. */
	build(true);
	int ok = 0;
	for (size_t len = 1; len <= IMG_SIZE; len++) {
		parse(&r, len);
		if (r.rc == 0 || (r.err && r.err[0]))
			ok++;
		arena_release(&r.a);
	}
	CHECK(ok == (int)IMG_SIZE, "every truncation parses or fails with a message (%d/%u)", ok, IMG_SIZE);

	/* Every single-byte smash of the headers and tables with 0xff. */
	ok = 0;
	for (size_t i = 0; i < IMG_SIZE; i++) {
		build(i & 1);
		img[i] ^= 0xff;
		parse(&r, IMG_SIZE);
		if (r.rc == 0 || (r.err && r.err[0]))
			ok++;
		arena_release(&r.a);
	}
	CHECK(ok == (int)IMG_SIZE, "every byte flip parses or fails with a message (%d/%u)", ok, IMG_SIZE);

	/* Twelve descriptors sharing one 30-entry name table: 360 entries
	 * from a file with room for 256 words.  The walk stops at the
	 * file's own room instead of fanning out (a 16 KiB file used to
	 * yield two million symbols this way). */
	build(true);
	p32(dd_off(true) + 13 * 8, 0); /* no delay imports */
	memset(img + R(0x2000), 0, 0xf0);
	for (uint32_t d = 0; d < 12; d++) {
		p32(R(0x2000) + 20 * d, 0x2180);
		p32(R(0x2000) + 20 * d + 12, 0x20f0);
	}
	memset(img + R(0x2180), 0, 0x100);
	for (uint32_t k = 0; k < 30; k++)
		p64(R(0x2180) + 8 * k, ((uint64_t)1 << 63) | (k + 1));
	b = partial(&r, "descriptors sharing a name table", "share name tables");
	size_t imports = 0;
	for (size_t i = 0; b && i < b->syms.n; i++)
		imports += !b->syms.v[i].defined;
	CHECK(b && imports == IMG_SIZE / 8, "shared name tables: %zu imports listed, the file's room is %u", imports,
	      IMG_SIZE / 8);
	arena_release(&r.a);
}

int main(void)
{
	valid(true);
	valid(false);
	hostile();
	T_DONE();
}
