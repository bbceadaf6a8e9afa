/*
 * pe.c - PE/COFF images (PE32 and PE32+), the Windows form of a .node file.
 *
 * Fills struct binary from the DOS stub pointer, the COFF and optional
 * headers and the section table, then walks the import, delay-load import,
 * export and base-relocation directories.  Layouts and constants are from
 * the Microsoft "PE Format" specification and <winnt.h>/<delayimp.h>;
 * loader behaviour is cited in reference/loader-facts §8.  Every RVA is
 * mapped to file bytes through the section holding it and every walk is
 * bounded by that section's raw data and by a count cap: a lying header
 * leaves a note and a partial answer, never a crash or a hang.
 */
#include "parse.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* PE Format spec, "COFF File Header" / "Optional Header". */
#define PE_DOS_HDR_SIZE        64u
#define PE_COFF_HDR_SIZE       20u
#define PE_SECTION_HDR_SIZE    40u
#define PE_OPT_MAGIC_PE32      0x10bu
#define PE_OPT_MAGIC_PE32PLUS  0x20bu
#define PE_MAX_DIRS            16u

#define IMAGE_FILE_EXECUTABLE_IMAGE 0x0002u
#define IMAGE_FILE_DLL              0x2000u

#define IMAGE_FILE_MACHINE_I386     0x014cu
#define IMAGE_FILE_MACHINE_ARM      0x01c0u
#define IMAGE_FILE_MACHINE_ARMNT    0x01c4u
#define IMAGE_FILE_MACHINE_IA64     0x0200u
#define IMAGE_FILE_MACHINE_RISCV64  0x5064u
#define IMAGE_FILE_MACHINE_LOONG64  0x6264u
#define IMAGE_FILE_MACHINE_AMD64    0x8664u
#define IMAGE_FILE_MACHINE_ARM64EC  0xa641u
#define IMAGE_FILE_MACHINE_ARM64    0xaa64u

/* Data directory indexes (<winnt.h> IMAGE_DIRECTORY_ENTRY_*). */
#define DIR_EXPORT       0
#define DIR_IMPORT       1
#define DIR_BASERELOC    5
#define DIR_DELAY_IMPORT 13

#define IMAGE_SCN_MEM_EXECUTE 0x20000000u

/* Base relocation types ("The .reloc Section"). */
#define IMAGE_REL_BASED_HIGHLOW 3u
#define IMAGE_REL_BASED_DIR64   10u

/* <delayimp.h>: grAttrs bit 0 says the descriptor holds RVAs; without it
 * (VC++ 6 era) every address in it is a VA and ImageBase is subtracted. */
#define DLATTR_RVA 0x1u

/* Our own caps: far past real images, small enough to stay fast. */
#define PE_MAX_SECTIONS      65535u   /* the field's own limit */
#define PE_MAX_THUNKS        65536u   /* imports from one DLL */
#define PE_MAX_EXPORTS       ((uint32_t)1 << 20)
#define PE_MAX_NAME          8192u    /* MSVC truncates decorated names at 4096 */
#define PE_NAME_BUDGET       ((uint64_t)64 << 20) /* bytes of names copied per file */
#define PE_MAX_RELOCS        ((size_t)1 << 20)

struct pe_section {
	char name[9];
	uint32_t va, vsize, raw_size, raw_ptr, flags;
};

struct pe {
	struct rfile *rf;
	uint64_t base, size;        /* the image's window in the file */
	struct arena *a;
	struct binary *b;
	bool plus;                  /* PE32+ */
	int word;                   /* 4 or 8: thunk and pointer size */
	uint64_t image_base;
	uint32_t size_of_headers;
	struct pe_section *sec;
	uint32_t nsec;
	uint32_t dir_rva[PE_MAX_DIRS], dir_size[PE_MAX_DIRS];
	uint32_t ndirs;
	uint64_t name_budget, name_budget_total;
	/* thunk entries left to walk: distinct tables occupy distinct words
	 * of the file, so more than size/word entries means descriptors share
	 * tables; a 16 KiB file must not fan out into millions of symbols */
	uint64_t thunk_budget;
	bool budget_noted, syms_capped, thunks_capped;
	/* sorted RVAs of pointer-sized base relocations (legacy struct search) */
	uint32_t *relocs;
	size_t nrelocs;
};

static bool get16(struct pe *p, uint64_t off, uint16_t *v)
{
	return range_ok(off, 2, p->size) && rf_u16(p->rf, p->base + off, LE, v);
}

static bool get32(struct pe *p, uint64_t off, uint32_t *v)
{
	return range_ok(off, 4, p->size) && rf_u32(p->rf, p->base + off, LE, v);
}

static bool get64(struct pe *p, uint64_t off, uint64_t *v)
{
	return range_ok(off, 8, p->size) && rf_u64(p->rf, p->base + off, LE, v);
}

static bool getword(struct pe *p, uint64_t off, uint64_t *v)
{
	return range_ok(off, (uint64_t)p->word, p->size) &&
	       rf_word(p->rf, p->base + off, LE, p->word * 8, v);
}

/*
 * RVA -> file offset.  The section whose [VirtualAddress, +max(VirtualSize,
 * SizeOfRawData)) holds the RVA decides; only its first SizeOfRawData bytes
 * come from the file (the rest is zero-fill).  RVAs below SizeOfHeaders and
 * in no section map 1:1 onto the headers, as the loader maps them.
 * *avail is how many bytes of the same section follow (never past the
 * window), so table walks stop at the section's end.
 */
static uint64_t sec_span(const struct pe_section *s)
{
	return s->vsize > s->raw_size ? s->vsize : s->raw_size;
}

/* The section holding rva: p->sec is sorted by VirtualAddress (see
 * read_headers), so a binary search finds the last one starting at or
 * below rva; a hostile 65535-section table costs 16 steps a lookup. */
static const struct pe_section *section_of(struct pe *p, uint32_t rva)
{
	uint32_t lo = 0, hi = p->nsec;
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		if (p->sec[mid].va <= rva)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == 0)
		return NULL;
	const struct pe_section *s = &p->sec[lo - 1];
	return (uint64_t)rva - s->va < sec_span(s) ? s : NULL;
}

static bool rva_to_off(struct pe *p, uint32_t rva, uint64_t *off, uint64_t *avail)
{
	const struct pe_section *s = section_of(p, rva);
	if (s) {
		uint64_t delta = (uint64_t)rva - s->va;
		if (delta >= s->raw_size)
			return false; /* zero-fill: not in the file */
		uint64_t o = (uint64_t)s->raw_ptr + delta;
		if (o >= p->size)
			return false;
		uint64_t left = (uint64_t)s->raw_size - delta;
		if (left > p->size - o)
			left = p->size - o;
		*off = o;
		*avail = left;
		return true;
	}
	if (rva < p->size_of_headers && rva < p->size) {
		uint64_t end = p->size_of_headers < p->size ? p->size_of_headers : p->size;
		*off = rva;
		*avail = end - rva;
		return true;
	}
	return false;
}

/* A NUL-terminated name at an RVA, bounded by its section and by the
 * per-file name budget (a hostile table could name one megabyte of
 * non-NUL bytes two million times). */
static const char *name_at(struct pe *p, uint32_t rva)
{
	uint64_t off, avail;
	if (!rva_to_off(p, rva, &off, &avail))
		return NULL;
	if (p->name_budget == 0) {
		if (!p->budget_noted)
			bin_note(p->a, p->b, "names total more than %llu bytes; stopped reading names",
				 (unsigned long long)p->name_budget_total);
		p->budget_noted = true;
		return NULL;
	}
	char *s = rf_str(p->rf, p->a, p->base + off, p->base + off + avail, PE_MAX_NAME);
	uint64_t cost = s ? strlen(s) + 1 : (avail < PE_MAX_NAME ? avail : PE_MAX_NAME);
	p->name_budget = cost < p->name_budget ? p->name_budget - cost : 0;
	return s;
}

static bool dir_present(struct pe *p, unsigned i)
{
	return i < p->ndirs && p->dir_rva[i] != 0;
}

static struct bin_sym *new_sym(struct pe *p)
{
	if (p->b->syms.n >= BIN_MAX_SYMS) {
		if (!p->syms_capped)
			bin_note(p->a, p->b, "more than %zu symbols; the rest are not listed", BIN_MAX_SYMS);
		p->syms_capped = true;
		return NULL;
	}
	return VEC_PUSH(p->a, &p->b->syms);
}

/* Windows compares module names case-insensitively; one entry per name. */
static void add_lib(struct pe *p, const char *name, enum lib_kind kind)
{
	struct binary *b = p->b;
	for (size_t i = 0; i < b->libs.n; i++)
		if (b->libs.v[i].kind == kind && !strcasecmp(b->libs.v[i].name, name))
			return;
	if (b->libs.n >= BIN_MAX_LIBS) {
		if (b->libs.n == BIN_MAX_LIBS)
			bin_note(p->a, b, "more than %zu imported DLLs; the rest are not listed", BIN_MAX_LIBS);
		return;
	}
	struct bin_lib *l = VEC_PUSH(p->a, &b->libs);
	if (l) {
		l->name = name;
		l->kind = kind;
	}
}

/* --- headers ----------------------------------------------------------- */

static const char *machine_arch(uint16_t m, const char **detail, struct arena *a)
{
	*detail = NULL;
	switch (m) {
	case IMAGE_FILE_MACHINE_AMD64: return "x64";
	case IMAGE_FILE_MACHINE_I386: return "ia32";
	case IMAGE_FILE_MACHINE_ARM64: return "arm64";
	case IMAGE_FILE_MACHINE_ARMNT: *detail = "armnt"; return "arm";
	case IMAGE_FILE_MACHINE_ARM: return "arm";
	case IMAGE_FILE_MACHINE_RISCV64: return "riscv64";
	case IMAGE_FILE_MACHINE_LOONG64: return "loong64";
	/* ARM64EC code in a machine-0xa641 image: no Node build runs it. */
	case IMAGE_FILE_MACHINE_ARM64EC: *detail = "arm64ec"; return NULL;
	case IMAGE_FILE_MACHINE_IA64: *detail = "ia64"; return NULL;
	default:
		*detail = arena_printf(a, "machine 0x%04x", m);
		return NULL;
	}
}

static int cmp_section(const void *x, const void *y)
{
	const struct pe_section *a = x, *b = y;
	return a->va < b->va ? -1 : a->va > b->va;
}

/* DOS header, "PE\0\0", COFF header.  Returns the COFF header offset or 0. */
static uint64_t find_pe_header(struct pe *p, const char **err)
{
	uint32_t lfanew, sig;
	if (p->size < PE_DOS_HDR_SIZE || !get32(p, 0x3c, &lfanew)) {
		*err = arena_printf(p->a, "truncated DOS header: file has %llu bytes, needs %u",
				    (unsigned long long)p->size, PE_DOS_HDR_SIZE);
		return 0;
	}
	if (lfanew == 0) {
		*err = "DOS executable without a PE header (e_lfanew is 0)";
		return 0;
	}
	if (lfanew < 4 || !range_ok(lfanew, 4 + PE_COFF_HDR_SIZE, p->size)) {
		*err = arena_printf(p->a, "e_lfanew 0x%x does not point at a PE header inside the file (%llu bytes)",
				    lfanew, (unsigned long long)p->size);
		return 0;
	}
	if (!get32(p, lfanew, &sig)) {
		*err = "cannot read the PE signature";
		return 0;
	}
	if (sig != 0x00004550u) {
		uint8_t c0 = (uint8_t)sig, c1 = (uint8_t)(sig >> 8);
		if ((c0 == 'N' || c0 == 'L') && c1 == 'E')
			*err = arena_printf(p->a, "16-bit %c%c executable (OS/2 or Windows 3.x), not PE", c0, c1);
		else
			*err = arena_printf(p->a, "DOS executable without a PE header (no \"PE\\0\\0\" at e_lfanew 0x%x)",
					    lfanew);
		return 0;
	}
	return (uint64_t)lfanew + 4;
}

static int read_headers(struct pe *p, const char **err)
{
	struct binary *b = p->b;
	uint64_t coff = find_pe_header(p, err);
	if (!coff)
		return -1;
	uint16_t nsec, opt_size, magic;
	uint32_t ts;
	if (!get16(p, coff, &b->pe.machine) || !get16(p, coff + 2, &nsec) || !get32(p, coff + 4, &ts) ||
	    !get16(p, coff + 16, &opt_size) || !get16(p, coff + 18, &b->pe.characteristics)) {
		*err = "truncated COFF header";
		return -1;
	}
	b->pe.timestamp = ts;
	uint64_t opt = coff + PE_COFF_HDR_SIZE;
	if (opt_size < 2 || !get16(p, opt, &magic)) {
		*err = arena_printf(p->a, "no optional header (SizeOfOptionalHeader %u): a COFF object, not an image",
				    opt_size);
		return -1;
	}
	if (magic != PE_OPT_MAGIC_PE32 && magic != PE_OPT_MAGIC_PE32PLUS) {
		*err = arena_printf(p->a, "unknown optional header magic 0x%x (want 0x10b PE32 or 0x20b PE32+)", magic);
		return -1;
	}
	p->plus = magic == PE_OPT_MAGIC_PE32PLUS;
	p->word = p->plus ? 8 : 4;
	b->pe.pe32plus = p->plus;
	b->bits = p->plus ? 64 : 32;
	b->endian = BIN_LITTLE;
	b->os = "win32";
	b->os_why = "PE/COFF image";
	b->arch = machine_arch(b->pe.machine, &b->arch_detail, p->a);
	b->pe.is_dll = (b->pe.characteristics & IMAGE_FILE_DLL) != 0;
	b->filetype = b->pe.is_dll ? "dll" : "exe";
	if (!(b->pe.characteristics & IMAGE_FILE_EXECUTABLE_IMAGE))
		bin_note(p->a, b, "IMAGE_FILE_EXECUTABLE_IMAGE is not set: Windows refuses to load it");

	/* Fields the two layouts share sit at the same offsets from 32 on;
	 * ImageBase is a u32 at 28 (PE32) or a u64 at 24 (PE32+). */
	uint64_t opt_end = opt + opt_size;
	uint64_t dd_off = opt + (p->plus ? 112 : 96);
	uint32_t ib32, nrva = 0;
	bool fixed_ok = opt_end >= dd_off &&
		(p->plus ? get64(p, opt + 24, &p->image_base) : get32(p, opt + 28, &ib32)) &&
		get32(p, opt + 16, &b->pe.entry_rva) &&
		get32(p, opt + 60, &p->size_of_headers) &&
		get16(p, opt + 68, &b->pe.subsystem) && get16(p, opt + 70, &b->pe.dll_characteristics) &&
		get32(p, dd_off - 4, &nrva);
	if (!fixed_ok) {
		bin_note(p->a, b, "optional header is cut short (SizeOfOptionalHeader %u, file %llu bytes)",
			 opt_size, (unsigned long long)p->size);
	} else {
		if (!p->plus)
			p->image_base = ib32;
		/* The loader reads at most 16 directories (<winnt.h>
		 * IMAGE_NUMBEROF_DIRECTORY_ENTRIES), and only those that fit
		 * inside SizeOfOptionalHeader. */
		uint32_t n = nrva;
		if (n > PE_MAX_DIRS) {
			bin_note(p->a, b, "NumberOfRvaAndSizes %u; reading the first 16", nrva);
			n = PE_MAX_DIRS;
		}
		if ((uint64_t)n * 8 > opt_end - dd_off) {
			bin_note(p->a, b, "data directories cut short by SizeOfOptionalHeader %u", opt_size);
			n = (uint32_t)((opt_end - dd_off) / 8);
		}
		for (uint32_t i = 0; i < n; i++) {
			if (!get32(p, dd_off + 8 * i, &p->dir_rva[i]) ||
			    !get32(p, dd_off + 8 * i + 4, &p->dir_size[i])) {
				bin_note(p->a, b, "data directories run past the end of the file");
				break;
			}
			p->ndirs = i + 1;
		}
	}
	b->pe.image_base = p->image_base;

	/* The section table follows the optional header as SizeOfOptionalHeader
	 * says, even when that disagrees with the magic's layout. */
	uint64_t st = opt_end;
	uint64_t fit = st < p->size ? (p->size - st) / PE_SECTION_HDR_SIZE : 0;
	uint32_t count = nsec;
	if (count > fit) {
		bin_note(p->a, b, "NumberOfSections %u but only %llu section headers fit in the file",
			 nsec, (unsigned long long)fit);
		count = (uint32_t)fit;
	}
	if (count > PE_MAX_SECTIONS)
		count = PE_MAX_SECTIONS;
	p->sec = count ? arena_calloc(p->a, count, sizeof *p->sec) : NULL;
	if (count && !p->sec) {
		*err = "out of memory";
		return -1;
	}
	for (uint32_t i = 0; i < count; i++) {
		uint64_t h = st + (uint64_t)i * PE_SECTION_HDR_SIZE;
		struct pe_section *s = &p->sec[p->nsec];
		if (!rf_read(p->rf, p->base + h, s->name, 8) || !get32(p, h + 8, &s->vsize) ||
		    !get32(p, h + 12, &s->va) || !get32(p, h + 16, &s->raw_size) ||
		    !get32(p, h + 20, &s->raw_ptr) || !get32(p, h + 36, &s->flags))
			break;
		s->name[8] = '\0';
		if (s->raw_size) {
			uint64_t end = (uint64_t)s->raw_ptr + s->raw_size;
			if (end > b->pe.sections_end)
				b->pe.sections_end = end;
		}
		p->nsec++;
	}
	/* The Windows loader wants sections in ascending, non-overlapping
	 * address order (PE spec: "in ascending order and adjacent"); sort a
	 * table that is not, so lookups stay a binary search, and say so. */
	bool ordered = true;
	for (uint32_t i = 1; i < p->nsec; i++)
		if (p->sec[i].va < p->sec[i - 1].va ||
		    (uint64_t)p->sec[i].va - p->sec[i - 1].va < sec_span(&p->sec[i - 1]))
			ordered = false;
	if (!ordered) {
		bin_note(p->a, b, "sections overlap or are not in ascending address order (Windows refuses such an image)");
		qsort(p->sec, p->nsec, sizeof *p->sec, cmp_section);
	}
	if (b->pe.sections_end > p->size)
		bin_note(p->a, b, "section data ends at 0x%llx, past the end of the file (%llu bytes): truncated?",
			 (unsigned long long)b->pe.sections_end, (unsigned long long)p->size);
	return 0;
}

/* --- imports ----------------------------------------------------------- */

static void note_unreadable(struct pe *p, const char *dll, uint64_t n, uint64_t first_rva)
{
	if (n)
		bin_note(p->a, p->b, "%llu import%s from %s: name unreadable (first at RVA 0x%llx)",
			 (unsigned long long)n, n == 1 ? "" : "s", dll, (unsigned long long)first_rva);
}

/*
 * One import name table (thunk array), shared by normal and delay imports:
 * words until a zero word; the top bit set means "by ordinal" (low 16 bits),
 * otherwise the low 31 bits are the RVA of IMAGE_IMPORT_BY_NAME {u16 hint;
 * char name[]}.  va_based: old delay descriptors hold VAs, not RVAs.
 */
static void walk_thunks(struct pe *p, uint32_t table_rva, const char *dll, bool delay, bool va_based)
{
	uint64_t off, avail;
	if (!rva_to_off(p, table_rva, &off, &avail)) {
		bin_note(p->a, p->b, "import name table of %s at RVA 0x%x is not in the file", dll, table_rva);
		return;
	}
	uint64_t ord_flag = (uint64_t)1 << (p->word * 8 - 1);
	uint64_t max = avail / (uint64_t)p->word;
	uint64_t i, unreadable = 0, first_bad = 0, t = 1;
	for (i = 0; i < max && i < PE_MAX_THUNKS; i++) {
		if (!getword(p, off + i * (uint64_t)p->word, &t))
			break;
		if (t == 0)
			break;
		if (p->thunk_budget == 0) {
			if (!p->thunks_capped)
				bin_note(p->a, p->b, "import descriptors share name tables: more entries than the file has room for; the rest are not listed");
			p->thunks_capped = true;
			return;
		}
		p->thunk_budget--;
		struct bin_sym *s = new_sym(p);
		if (!s)
			break;
		s->lib = dll;
		s->defined = false;
		s->delay = delay;
		s->when = delay ? SYM_WHEN_LAZY : SYM_WHEN_LOAD;
		if (t & ord_flag) {
			s->ordinal = (uint32_t)(t & 0xffff);
			continue;
		}
		uint64_t rva = t;
		if (va_based)
			rva = t >= p->image_base ? t - p->image_base : 0;
		rva &= 0x7fffffffu;
		s->name = name_at(p, (uint32_t)rva + 2);
		if (!s->name && unreadable++ == 0)
			first_bad = rva;
	}
	note_unreadable(p, dll, unreadable, first_bad);
	if (t == 0 || p->syms_capped)
		return;
	if (i >= PE_MAX_THUNKS)
		bin_note(p->a, p->b, "more than %u imports from %s; the rest are not listed", PE_MAX_THUNKS, dll);
	else
		bin_note(p->a, p->b, "import name table of %s has no terminating zero entry", dll);
}

static void read_imports(struct pe *p)
{
	if (!dir_present(p, DIR_IMPORT))
		return;
	uint64_t off, avail;
	if (!rva_to_off(p, p->dir_rva[DIR_IMPORT], &off, &avail)) {
		bin_note(p->a, p->b, "import directory at RVA 0x%x is not in the file", p->dir_rva[DIR_IMPORT]);
		return;
	}
	/* IMAGE_IMPORT_DESCRIPTOR, 20 bytes: OriginalFirstThunk, TimeDateStamp,
	 * ForwarderChain, Name, FirstThunk.  The loader walks to the entry
	 * with no Name (normally all zero) and ignores the directory's Size,
	 * so the walk is bounded by the section instead. */
	uint64_t max = avail / 20;
	uint64_t i;
	for (i = 0; i < max && i <= BIN_MAX_LIBS; i++) {
		uint64_t d = off + i * 20;
		uint32_t oft, name_rva, ft;
		if (!get32(p, d, &oft) || !get32(p, d + 12, &name_rva) || !get32(p, d + 16, &ft))
			break;
		if (name_rva == 0)
			return;
		const char *dll = name_at(p, name_rva);
		if (p->budget_noted || p->syms_capped || p->thunks_capped)
			return; /* out of budget: the rest would be noise */
		if (!dll) {
			bin_note(p->a, p->b, "import descriptor %llu: DLL name at RVA 0x%x is unreadable",
				 (unsigned long long)i, name_rva);
			continue;
		}
		add_lib(p, dll, LIB_NEEDED);
		/* OriginalFirstThunk is the unbound name table; old Borland
		 * linkers leave it 0 and only FirstThunk (the IAT) has names. */
		uint32_t table = oft ? oft : ft;
		if (table)
			walk_thunks(p, table, dll, false, false);
	}
	if (i > BIN_MAX_LIBS)
		bin_note(p->a, p->b, "import directory: more than %zu descriptors; stopped", BIN_MAX_LIBS);
	else
		bin_note(p->a, p->b, "import directory has no terminating descriptor inside its section");
}

static void read_delay_imports(struct pe *p)
{
	if (!dir_present(p, DIR_DELAY_IMPORT))
		return;
	uint64_t off, avail;
	if (!rva_to_off(p, p->dir_rva[DIR_DELAY_IMPORT], &off, &avail)) {
		bin_note(p->a, p->b, "delay-load import directory at RVA 0x%x is not in the file",
			 p->dir_rva[DIR_DELAY_IMPORT]);
		return;
	}
	/* ImgDelayDescr (<delayimp.h>), 32 bytes: grAttrs, rvaDLLName, rvaHmod,
	 * rvaIAT, rvaINT, rvaBoundIAT, rvaUnloadIAT, dwTimeStamp; the table
	 * ends with a zeroed entry. */
	uint64_t max = avail / 32;
	uint64_t i;
	for (i = 0; i < max && i <= BIN_MAX_LIBS; i++) {
		uint64_t d = off + i * 32;
		uint32_t attrs, name, iat, intab;
		if (!get32(p, d, &attrs) || !get32(p, d + 4, &name) || !get32(p, d + 12, &iat) ||
		    !get32(p, d + 16, &intab))
			break;
		if (name == 0)
			return;
		bool va_based = !(attrs & DLATTR_RVA);
		if (va_based) {
			/* VA fields are 32-bit here: this form predates PE32+. */
			uint32_t ib = (uint32_t)p->image_base;
			name = name >= ib ? name - ib : 0;
			intab = intab >= ib ? intab - ib : 0;
			iat = iat >= ib ? iat - ib : 0;
		}
		const char *dll = name_at(p, name);
		if (p->budget_noted || p->syms_capped || p->thunks_capped)
			return;
		if (!dll) {
			bin_note(p->a, p->b, "delay-load descriptor %llu: DLL name is unreadable", (unsigned long long)i);
			continue;
		}
		add_lib(p, dll, LIB_DELAY);
		uint32_t table = intab ? intab : iat;
		if (table)
			walk_thunks(p, table, dll, true, va_based);
	}
	if (i > BIN_MAX_LIBS)
		bin_note(p->a, p->b, "delay-load import directory: more than %zu descriptors; stopped", BIN_MAX_LIBS);
	else
		bin_note(p->a, p->b, "delay-load import directory has no terminating descriptor inside its section");
}

/* --- exports ----------------------------------------------------------- */

/* A forwarder's "address" is an RVA inside the export directory naming
 * "DLL.function" (PE spec, Export Address Table); otherwise code or data
 * by the section it lands in. */
static uint8_t export_type(struct pe *p, uint32_t rva, uint32_t dir_rva, uint32_t dir_size)
{
	if (rva >= dir_rva && rva - dir_rva < dir_size)
		return SYM_TYPE_OTHER;
	const struct pe_section *s = section_of(p, rva);
	return s && !(s->flags & IMAGE_SCN_MEM_EXECUTE) ? SYM_OBJECT : SYM_FUNC;
}

static void read_exports(struct pe *p)
{
	if (!dir_present(p, DIR_EXPORT))
		return;
	struct binary *b = p->b;
	uint32_t dir_rva = p->dir_rva[DIR_EXPORT], dir_size = p->dir_size[DIR_EXPORT];
	uint64_t off, avail;
	if (!rva_to_off(p, dir_rva, &off, &avail) || avail < 40) {
		bin_note(p->a, b, "export directory at RVA 0x%x is not in the file", dir_rva);
		return;
	}
	/* IMAGE_EXPORT_DIRECTORY: Name at 12, Base 16, NumberOfFunctions 20,
	 * NumberOfNames 24, AddressOfFunctions 28, AddressOfNames 32,
	 * AddressOfNameOrdinals 36. */
	uint32_t name, ord_base, nfunc, nname, funcs, names, ords;
	if (!get32(p, off + 12, &name) || !get32(p, off + 16, &ord_base) || !get32(p, off + 20, &nfunc) ||
	    !get32(p, off + 24, &nname) || !get32(p, off + 28, &funcs) || !get32(p, off + 32, &names) ||
	    !get32(p, off + 36, &ords)) {
		bin_note(p->a, b, "export directory is cut short");
		return;
	}
	if (name)
		b->pe.dll_name = name_at(p, name);

	uint64_t f_off = 0, f_avail = 0, n_off = 0, n_avail = 0, o_off = 0, o_avail = 0;
	if (nfunc && !rva_to_off(p, funcs, &f_off, &f_avail)) {
		bin_note(p->a, b, "export address table at RVA 0x%x is not in the file", funcs);
		return;
	}
	uint64_t nf = nfunc;
	if (nf > f_avail / 4 || nf > PE_MAX_EXPORTS) {
		bin_note(p->a, b, "NumberOfFunctions %u does not fit in its section; reading %llu", nfunc,
			 (unsigned long long)(f_avail / 4 < PE_MAX_EXPORTS ? f_avail / 4 : PE_MAX_EXPORTS));
		nf = f_avail / 4 < PE_MAX_EXPORTS ? f_avail / 4 : PE_MAX_EXPORTS;
	}
	uint64_t nn = nname;
	if (nn && (!rva_to_off(p, names, &n_off, &n_avail) || !rva_to_off(p, ords, &o_off, &o_avail))) {
		bin_note(p->a, b, "export name tables are not in the file");
		nn = 0;
	}
	if (nn > n_avail / 4 || nn > o_avail / 2 || nn > PE_MAX_EXPORTS) {
		uint64_t fit = n_avail / 4 < o_avail / 2 ? n_avail / 4 : o_avail / 2;
		if (fit > PE_MAX_EXPORTS)
			fit = PE_MAX_EXPORTS;
		bin_note(p->a, b, "NumberOfNames %u does not fit in its section; reading %llu", nname,
			 (unsigned long long)fit);
		nn = fit;
	}
	/* Which address-table slots have a name: the rest export by ordinal. */
	uint8_t *named = nf ? arena_calloc(p->a, (size_t)nf, 1) : NULL;
	if (nf && !named)
		return;

	for (uint64_t i = 0; i < nn; i++) {
		uint32_t nrva, frva = 0;
		uint16_t idx;
		if (!get32(p, n_off + 4 * i, &nrva) || !get16(p, o_off + 2 * i, &idx))
			break;
		if (idx >= nf || !get32(p, f_off + 4 * (uint64_t)idx, &frva)) {
			bin_note(p->a, b, "export %llu names address slot %u, past NumberOfFunctions",
				 (unsigned long long)i, idx);
			continue;
		}
		named[idx] = 1;
		struct bin_sym *s = new_sym(p);
		if (!s)
			return;
		s->name = name_at(p, nrva);
		if (!s->name)
			bin_note(p->a, b, "export %llu: name at RVA 0x%x is unreadable", (unsigned long long)i, nrva);
		s->defined = true;
		s->bind = SYM_GLOBAL;
		s->type = export_type(p, frva, dir_rva, dir_size);
		s->value = frva;
		s->ordinal = ord_base + idx;
	}
	for (uint64_t i = 0; i < nf; i++) {
		uint32_t frva;
		if (named[i] || !get32(p, f_off + 4 * i, &frva) || frva == 0)
			continue;
		struct bin_sym *s = new_sym(p);
		if (!s)
			return;
		s->defined = true;
		s->bind = SYM_GLOBAL;
		s->type = export_type(p, frva, dir_rva, dir_size);
		s->value = frva;
		s->ordinal = ord_base + (uint32_t)i;
	}
}

/* --- Node addon facts -------------------------------------------------- */

static const struct bin_sym *find_sym(const struct binary *b, const char *name, bool defined)
{
	for (size_t i = 0; i < b->syms.n; i++)
		if (b->syms.v[i].defined == defined && b->syms.v[i].name && !strcmp(b->syms.v[i].name, name))
			return &b->syms.v[i];
	return NULL;
}

static void declared_napi_level(struct pe *p)
{
	struct binary *b = p->b;
	const struct bin_sym *v = find_sym(b, "node_api_module_get_api_version_v1", true);
	if (!v || v->type != SYM_FUNC)
		return;
	uint32_t rva = (uint32_t)v->value;
	uint8_t code[32];
	for (int hop = 0; hop < 2; hop++) {
		uint64_t off, avail;
		if (!rva_to_off(p, rva, &off, &avail)) {
			bin_note(p->a, b, "node_api_module_get_api_version_v1 at RVA 0x%x is not in the file", rva);
			return;
		}
		size_t n = avail < sizeof code ? (size_t)avail : sizeof code;
		if (!rf_read(p->rf, p->base + off, code, n))
			return;
		int64_t level;
		if (addon_decode_const_return(code, n, b->arch, BIN_LITTLE, &level) && level >= 0 &&
		    level <= 0x7fffffff) {
			b->addon.napi_declared = (int)level;
			b->addon.napi_declared_why = arena_printf(p->a,
				"node_api_module_get_api_version_v1 returns %d (code at file offset 0x%llx)",
				(int)level, (unsigned long long)(p->base + off));
			return;
		}
		/* MSVC incremental linking (the Debug default) exports a
		 * `jmp rel32` thunk; follow one. */
		bool x86 = b->arch && (!strcmp(b->arch, "x64") || !strcmp(b->arch, "ia32"));
		if (!x86 || n < 5 || code[0] != 0xe9)
			break;
		uint32_t rel = (uint32_t)code[1] | (uint32_t)code[2] << 8 | (uint32_t)code[3] << 16 |
			       (uint32_t)code[4] << 24;
		rva = rva + 5 + rel;
	}
	bin_note(p->a, b, "node_api_module_get_api_version_v1 is not a recognised constant return");
}

static int cmp_u32(const void *x, const void *y)
{
	uint32_t a = *(const uint32_t *)x, b = *(const uint32_t *)y;
	return a < b ? -1 : a > b;
}

static bool has_reloc(const struct pe *p, uint64_t rva)
{
	size_t lo = 0, hi = p->nrelocs;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (p->relocs[mid] < rva)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < p->nrelocs && p->relocs[lo] == rva;
}

/* Pointer-sized base relocations, sorted: the slots the loader patches
 * when the image moves, i.e. exactly the pointers in initialised data. */
static bool read_relocs(struct pe *p)
{
	if (!dir_present(p, DIR_BASERELOC))
		return false;
	uint64_t off, avail;
	if (!rva_to_off(p, p->dir_rva[DIR_BASERELOC], &off, &avail))
		return false;
	uint64_t end = p->dir_size[DIR_BASERELOC] < avail ? p->dir_size[DIR_BASERELOC] : avail;
	size_t cap = (size_t)(end / 2) < PE_MAX_RELOCS ? (size_t)(end / 2) : PE_MAX_RELOCS;
	if (!cap)
		return false;
	p->relocs = arena_calloc(p->a, cap, sizeof *p->relocs);
	if (!p->relocs)
		return false;
	unsigned want = p->plus ? IMAGE_REL_BASED_DIR64 : IMAGE_REL_BASED_HIGHLOW;
	/* Blocks: {u32 PageRVA, u32 BlockSize, u16 entries[]}; each entry is
	 * type << 12 | offset in page. */
	uint64_t pos = 0;
	while (pos + 8 <= end && p->nrelocs < cap) {
		uint32_t page, bsize;
		if (!get32(p, off + pos, &page) || !get32(p, off + pos + 4, &bsize))
			break;
		if (bsize < 8 || bsize > end - pos)
			break;
		for (uint64_t e = 8; e + 2 <= bsize && p->nrelocs < cap; e += 2) {
			uint16_t ent;
			if (!get16(p, off + pos + e, &ent))
				break;
			if ((unsigned)(ent >> 12) == want)
				p->relocs[p->nrelocs++] = page + (ent & 0xfffu);
		}
		pos += bsize;
	}
	qsort(p->relocs, p->nrelocs, sizeof *p->relocs, cmp_u32);
	return p->nrelocs > 0;
}

/* A pointer slot whose target is a NUL-terminated, printable string. */
static bool points_at_string(struct pe *p, uint64_t slot_off)
{
	uint64_t va, off, avail;
	if (!getword(p, slot_off, &va) || va < p->image_base || va - p->image_base > 0xffffffffu)
		return false;
	if (!rva_to_off(p, (uint32_t)(va - p->image_base), &off, &avail))
		return false;
	char buf[256];
	size_t n = avail < sizeof buf ? (size_t)avail : sizeof buf;
	if (!rf_read(p->rf, p->base + off, buf, n))
		return false;
	for (size_t i = 0; i < n; i++) {
		if (buf[i] == '\0')
			return i > 0;
		if ((unsigned char)buf[i] < 0x20 || (unsigned char)buf[i] == 0x7f)
			return false;
	}
	return false;
}

static bool points_at_code(struct pe *p, uint64_t slot_off)
{
	uint64_t va;
	if (!getword(p, slot_off, &va) || va < p->image_base || va - p->image_base > 0xffffffffu)
		return false;
	const struct pe_section *s = section_of(p, (uint32_t)(va - p->image_base));
	return s && (s->flags & IMAGE_SCN_MEM_EXECUTE);
}

/*
 * NODE_MODULE on Windows: a C++ dynamic initializer passes &_module to
 * node_module_register (node.h NODE_C_CTOR).  With no symbol table, the
 * struct is found by its shape: struct node_module (loader-facts §2.1)
 * has nm_filename and nm_modname pointing at strings, nm_register_func or
 * nm_context_register_func pointing at code, each covered by a base
 * relocation, and none on nm_version/nm_flags.  nm_version is a literal
 * int at +0.  Only a single unambiguous match is believed.
 */
static void legacy_module(struct pe *p)
{
	struct binary *b = p->b;
	struct addon_facts *f = &b->addon;
	if (!read_relocs(p)) {
		bin_note(p->a, b, "imports node_module_register but has no base relocations to find the node_module struct; nm_version unknown");
		return;
	}
	uint32_t w = (uint32_t)p->word;
	uint32_t o_file = 8 + w, o_reg = 8 + 2 * w, o_ctx = 8 + 3 * w, o_name = 8 + 4 * w;
	int found = 0, version = -1;
	bool entry = false;
	uint64_t at = 0;
	for (size_t i = 0; i < p->nrelocs && found <= 4; i++) {
		uint32_t r = p->relocs[i];
		if (r < o_file)
			continue;
		uint32_t s = r - o_file; /* candidate struct start */
		if (!has_reloc(p, (uint64_t)s + o_name) || has_reloc(p, s) || has_reloc(p, (uint64_t)s + 4) ||
		    has_reloc(p, (uint64_t)s + 8))
			continue;
		bool reg = has_reloc(p, (uint64_t)s + o_reg), ctx = has_reloc(p, (uint64_t)s + o_ctx);
		if (!reg && !ctx)
			continue;
		uint64_t off, avail;
		uint32_t ver, flags;
		if (!rva_to_off(p, s, &off, &avail) || avail < (uint64_t)o_name + w ||
		    !get32(p, off, &ver) || !get32(p, off + 4, &flags))
			continue;
		if (ver == 0 || ver > 10000 || flags > 0xff)
			continue;
		if (!points_at_string(p, off + o_file) || !points_at_string(p, off + o_name) ||
		    (reg && !points_at_code(p, off + o_reg)) || (ctx && !points_at_code(p, off + o_ctx)))
			continue;
		if (found && (int)ver != version) {
			found = 5; /* disagreeing candidates: believe none */
			break;
		}
		found++;
		version = (int)ver;
		entry = true;
		at = off;
	}
	if (found == 1) {
		f->legacy_nm_version = version;
		f->legacy_has_entry = entry;
		f->abi_why = arena_printf(p->a,
			"nm_version of the node_module struct found by its relocations (file offset 0x%llx)",
			(unsigned long long)(p->base + at));
	} else if (found == 0) {
		bin_note(p->a, b, "imports node_module_register but no node_module struct was found in the data; nm_version unknown");
	} else {
		bin_note(p->a, b, "imports node_module_register and several node_module-like structs disagree; nm_version unknown");
	}
}

/*
 * Node <= 0.10 (node.h NODE_MODULE): the addon exports a data struct
 * `<modname>_module` = {int version; void *dso_handle; const char
 * *filename; register_func; const char *modname}, and DLOpen compared its
 * version with NODE_MODULE_VERSION.  Believed only when both string
 * pointers lead to strings.
 */
static void old_exported_module(struct pe *p)
{
	struct binary *b = p->b;
	uint64_t w = (uint64_t)p->word;
	for (size_t i = 0; i < b->syms.n; i++) {
		const struct bin_sym *s = &b->syms.v[i];
		size_t len = s->name ? strlen(s->name) : 0;
		if (!s->defined || s->type != SYM_OBJECT || len <= 7 || strcmp(s->name + len - 7, "_module"))
			continue;
		uint64_t off, avail;
		uint32_t ver;
		if (!rva_to_off(p, (uint32_t)s->value, &off, &avail) || avail < 5 * w ||
		    !get32(p, off, &ver) || ver == 0 || ver > 100 ||
		    !points_at_string(p, off + 2 * w) || !points_at_string(p, off + 4 * w))
			continue;
		b->addon.legacy_nm_version = (int)ver;
		b->addon.legacy_has_entry = true;
		b->addon.abi_why = arena_printf(p->a, "version field of the exported %s struct (Node <= 0.10)",
						s->name);
		return;
	}
}

/*
 * libc stays NULL on Windows (there is no glibc/musl-style split to match
 * against a target), but which C runtime an addon needs decides whether
 * LoadLibrary finds it: VCRUNTIME140.dll / MSVCP140.dll come from the
 * Visual C++ redistributable, the api-ms-win-crt-* sets and ucrtbase.dll
 * from the OS (Universal CRT), msvcrt.dll from MinGW builds.
 */
static void note_c_runtime(struct pe *p)
{
	static const char *const crt[] = { "vcruntime", "msvcp", "msvcr", "ucrtbase", "api-ms-win-crt-" };
	struct binary *b = p->b;
	for (size_t i = 0; i < b->libs.n; i++)
		for (size_t k = 0; k < sizeof crt / sizeof crt[0]; k++)
			if (!strncasecmp(b->libs.v[i].name, crt[k], strlen(crt[k]))) {
				b->libc_why = arena_printf(p->a, "imports the Microsoft C runtime (%s)", b->libs.v[i].name);
				return;
			}
}

/* --- entry ------------------------------------------------------------- */

int pe_parse(struct rfile *rf, uint64_t base, uint64_t size, struct arena *a,
	     struct binary *b, const char **err)
{
	struct pe p;
	memset(&p, 0, sizeof p);
	p.rf = rf;
	p.base = base;
	p.size = size;
	p.a = a;
	p.b = b;
	/* real names are distinct bytes of the file; a budget of a few times
	 * the file's size only stops hostile tables that name the same long
	 * string over and over */
	p.name_budget = size < PE_NAME_BUDGET / 8 ? size * 8 + ((uint64_t)1 << 20) : PE_NAME_BUDGET;
	p.name_budget_total = p.name_budget;
	b->format = BIN_PE;
	b->file_size = size;
	if (read_headers(&p, err) != 0)
		return -1;
	p.thunk_budget = size / (uint64_t)p.word;
	read_imports(&p);
	read_delay_imports(&p);
	note_c_runtime(&p);
	read_exports(&p);
	declared_napi_level(&p);
	if (find_sym(b, "node_module_register", false))
		legacy_module(&p);
	else
		old_exported_module(&p);
	addon_classify(a, b, false);
	return 0;
}
