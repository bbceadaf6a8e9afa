/*
 * elf.c - ELF32/ELF64, either byte order -> struct binary.
 *
 * Reads the headers, the dynamic section and only the tables it names, always
 * through a PT_LOAD that maps the bytes, as the loader sees them (section
 * headers are a fallback: stripped files have none, hostile ones lie).  Then
 * derives libc, OS, minimum library versions and the Node addon facts.
 */
#include "parse.h"

#include <stdlib.h>
#include <string.h>

/* --- ELF constants (System V gABI, glibc elf/elf.h values) ------------- */

enum {
	ET_REL = 1, ET_EXEC = 2, ET_DYN = 3, ET_CORE = 4,
	PT_LOAD = 1, PT_DYNAMIC = 2, PT_INTERP = 3, PT_NOTE = 4, PT_TLS = 7,
	PF_X = 1, PF_W = 2, PF_R = 4,
	SHT_SYMTAB = 2, SHT_DYNSYM = 11,
	SHN_UNDEF = 0,
	EM_SPARC = 2, EM_386 = 3, EM_68K = 4, EM_MIPS = 8, EM_PARISC = 15, EM_SPARC32PLUS = 18,
	EM_PPC = 20, EM_PPC64 = 21, EM_S390 = 22, EM_ARM = 40, EM_SH = 42, EM_SPARCV9 = 43,
	EM_IA_64 = 50, EM_X86_64 = 62, EM_AARCH64 = 183, EM_RISCV = 243, EM_LOONGARCH = 258,
	EM_ALPHA = 0x9026,
	ELFOSABI_SYSV = 0, ELFOSABI_NETBSD = 2, ELFOSABI_GNU = 3, ELFOSABI_SOLARIS = 6,
	ELFOSABI_FREEBSD = 9, ELFOSABI_OPENBSD = 12,
};
#define PT_GNU_STACK 0x6474e551u

enum {
	DT_NULL = 0, DT_NEEDED = 1, DT_PLTRELSZ = 2, DT_HASH = 4, DT_STRTAB = 5, DT_SYMTAB = 6,
	DT_RELA = 7, DT_RELASZ = 8, DT_RELAENT = 9, DT_STRSZ = 10, DT_SYMENT = 11,
	DT_SONAME = 14, DT_RPATH = 15, DT_REL = 17, DT_RELSZ = 18, DT_RELENT = 19,
	DT_PLTREL = 20, DT_TEXTREL = 22, DT_JMPREL = 23, DT_BIND_NOW = 24,
	DT_INIT_ARRAY = 25, DT_INIT_ARRAYSZ = 27, DT_RUNPATH = 29, DT_FLAGS = 30, DT_RELR = 36,
};
#define DT_GNU_HASH   0x6ffffef5u
#define DT_VERSYM     0x6ffffff0u
#define DT_FLAGS_1    0x6ffffffbu
#define DT_VERDEF     0x6ffffffcu
#define DT_VERDEFNUM  0x6ffffffdu
#define DT_VERNEED    0x6ffffffeu
#define DT_VERNEEDNUM 0x6fffffffu
#define DF_TEXTREL    0x4u
#define DF_BIND_NOW   0x8u
#define DF_1_NOW      0x1u
#define DF_1_NODEFLIB 0x800u
#define DF_1_PIE      0x08000000u
#define VER_FLG_BASE  0x1u
#define VER_FLG_WEAK  0x2u

/* Caps that keep a lying count from costing more than the file can hold. */
#define MAX_PHNUM      65535u
#define MAX_DYN        65536u
#define MAX_VERSIONS   4096u
#define MAX_NOTES      256u
#define MAX_RELATIVE   ((size_t)4 << 20)
#define MAX_SHNUM      65536u

struct rel_target { uint64_t where, addend; };
struct str_memo { uint64_t idx; const char *s; bool used; };

struct elf {
	uint32_t rel_seq;   /* relocations seen so far, in glibc's order */
	struct rfile *rf;
	uint64_t base, size;
	struct arena *a;
	struct binary *b;
	enum endian e;
	int bits;
	uint64_t shentsize;
	bool phdrs_complete;         /* every program header was read */

	/* dynamic section values (addresses are virtual) */
	bool has[40];                /* for DT_ tags below 40 */
	uint64_t d[40];
	bool has_gnu_hash, has_versym, has_verneed, has_verdef;
	uint64_t gnu_hash, versym, verneed, verneednum, verdef, verdefnum, flags_1;

	uint64_t str_off, str_end;   /* dynstr window, file offsets */
	bool have_str;
	const char *strbuf;          /* the whole dynstr, read once (NULL: too big) */
	struct str_memo *memo;       /* long names already looked up, by offset */
	size_t memo_cap, memo_n;
	uint64_t str_work;           /* bytes scanned or read for names so far */
	bool str_work_noted;

	uint64_t sym_off;            /* dynsym, file offset */
	uint64_t syment;
	uint32_t nsyms;
	uint32_t *symmap;            /* dynsym index -> index in b->syms, or UINT32_MAX */

	/* version index -> name / file (verneed) */
	const char **ver_name;
	const char **ver_file;
	uint32_t nver;

	VEC(struct rel_target) relative; /* RELATIVE relocations: slot -> target */
	bool keep_relative;          /* only to find a pre-N-API node_module struct */
	bool relative_sorted;
	uint16_t relative_type;
};

/* --- bounded reads inside the window [base, base+size) ---------------- */

static bool rd(struct elf *x, uint64_t off, void *dst, size_t n)
{
	return range_ok(off, n, x->size) && rf_read(x->rf, x->base + off, dst, n);
}
static bool rd8(struct elf *x, uint64_t off, uint8_t *v)
{
	return rd(x, off, v, 1);
}
static bool rd16(struct elf *x, uint64_t off, uint16_t *v)
{
	return range_ok(off, 2, x->size) && rf_u16(x->rf, x->base + off, x->e, v);
}
static bool rd32(struct elf *x, uint64_t off, uint32_t *v)
{
	return range_ok(off, 4, x->size) && rf_u32(x->rf, x->base + off, x->e, v);
}
static bool rdw(struct elf *x, uint64_t off, uint64_t *v)
{
	return range_ok(off, (uint64_t)x->bits / 8, x->size) &&
	       rf_word(x->rf, x->base + off, x->e, x->bits, v);
}
static char *rdstr(struct elf *x, uint64_t off, uint64_t end, size_t max)
{
	if (end > x->size)
		end = x->size;
	if (off >= end)
		return NULL;
	return rf_str(x->rf, x->a, x->base + off, x->base + end, max);
}

/*
 * Virtual address -> file offset, only through a PT_LOAD whose file bytes
 * hold all of [addr, addr+len): the loader maps nothing else from the file
 * (the rest of p_memsz is zero-fill).  *avail is how many bytes from addr
 * the segment still holds in the file.
 */
static bool va_avail(const struct elf *x, uint64_t addr, uint64_t *off, uint64_t *avail)
{
	const struct binary *b = x->b;
	for (size_t i = 0; i < b->elf.loads.n; i++) {
		const struct bin_segment *s = &b->elf.loads.v[i];
		uint64_t vend;
		if (!ckd_add_u64(&vend, s->vaddr, s->filesz))
			continue;
		if (addr < s->vaddr || addr >= vend)
			continue;
		uint64_t o;
		if (!ckd_add_u64(&o, s->offset, addr - s->vaddr) || o >= x->size)
			continue;
		uint64_t in_seg = vend - addr, in_file = x->size - o;
		*off = o;
		*avail = in_seg < in_file ? in_seg : in_file;
		return true;
	}
	return false;
}
static bool va_to_off(const struct elf *x, uint64_t addr, uint64_t len, uint64_t *off)
{
	uint64_t avail;
	return va_avail(x, addr, off, &avail) && len <= avail;
}
static bool va_exec(const struct elf *x, uint64_t addr)
{
	for (size_t i = 0; i < x->b->elf.loads.n; i++) {
		const struct bin_segment *s = &x->b->elf.loads.v[i];
		if ((s->flags & PF_X) && addr >= s->vaddr && addr - s->vaddr < s->memsz)
			return true;
	}
	return false;
}

/* --- machine knowledge -------------------------------------------------- */

const char *elf_machine_arch(uint16_t machine, int bits, enum bin_endian e)
{
	bool le = e == BIN_LITTLE;
	switch (machine) {
	case EM_X86_64: return bits == 64 && le ? "x64" : NULL; /* 32-bit = x32: no Node word */
	case EM_386: return bits == 32 && le ? "ia32" : NULL;
	case EM_AARCH64: return bits == 64 && le ? "arm64" : NULL;
	case EM_ARM: return bits == 32 && le ? "arm" : NULL;
	case EM_RISCV: return bits == 64 && le ? "riscv64" : NULL;
	case EM_PPC64: return bits == 64 ? "ppc64" : NULL;
	case EM_PPC: return bits == 32 ? "ppc" : NULL;
	case EM_S390: return bits == 64 ? "s390x" : "s390";
	case EM_LOONGARCH: return bits == 64 && le ? "loong64" : NULL;
	case EM_MIPS:
		if (bits == 64)
			return le ? "mips64el" : "mips64";
		return le ? "mipsel" : "mips";
	default: return NULL;
	}
}

static const char *machine_detail(struct arena *a, uint16_t m, int bits, enum bin_endian e, uint32_t flags)
{
	switch (m) {
	case EM_X86_64: return bits == 64 ? "x86_64" : "x32";
	case EM_386: return "i386";
	case EM_AARCH64: return e == BIN_LITTLE ? "aarch64" : "aarch64_be";
	case EM_ARM: {
		/* EF_ARM_EABIMASK 0xff000000; EF_ARM_ABI_FLOAT_HARD 0x400 / SOFT 0x200 */
		const char *fl = (flags & 0x400) ? " hard-float" : (flags & 0x200) ? " soft-float" : "";
		return arena_printf(a, "arm%s EABI%u%s", e == BIN_BIG ? "eb" : "", flags >> 24, fl);
	}
	case EM_RISCV: {
		/* EF_RISCV_FLOAT_ABI 0x6: soft / single / double / quad */
		static const char *const fabi[] = {"", "f", "d", "q"};
		return arena_printf(a, "riscv%d %s%s", bits, bits == 64 ? "lp64" : "ilp32", fabi[(flags >> 1) & 3]);
	}
	case EM_PPC64:
		/* EF_PPC64_ABI 0x3: 1 = ELFv1 (function descriptors), 2 = ELFv2 */
		return arena_printf(a, "ppc64%s%s", e == BIN_LITTLE ? "le" : "",
				    (flags & 3) == 2 ? " ELFv2" : (flags & 3) == 1 ? " ELFv1" : "");
	case EM_PPC: return "ppc";
	case EM_S390: return bits == 64 ? "s390x" : "s390";
	case EM_LOONGARCH: return bits == 64 ? "loongarch64" : "loongarch32";
	case EM_MIPS: return arena_printf(a, "mips%s%s", bits == 64 ? "64" : "", e == BIN_LITTLE ? "el" : "");
	case EM_SPARCV9: return "sparcv9";
	case EM_SPARC: return "sparc";
	case EM_IA_64: return "ia64";
	default: return arena_printf(a, "e_machine 0x%x", m);
	}
}

/*
 * Whether glibc gives an object without PT_GNU_STACK an executable stack:
 * DEFAULT_STACK_PERMS in sysdeps/<arch>/stackinfo.h (glibc-2.36; renamed
 * DEFAULT_STACK_PROT_PERMS later, same values).  PF_X on x86_64, i386, arm,
 * mips, s390, 32-bit powerpc, sparc, alpha, hppa, m68k, sh; not on aarch64,
 * riscv, loongarch, ia64 or 64-bit powerpc ("PPC64 doesn't need an
 * executable stack", sysdeps/powerpc/stackinfo.h).
 */
static bool default_stack_exec(uint16_t m, int bits)
{
	switch (m) {
	case EM_X86_64: case EM_386: case EM_ARM: case EM_MIPS: case EM_S390:
	case EM_SPARC: case EM_SPARC32PLUS: case EM_SPARCV9: case EM_ALPHA:
	case EM_PARISC: case EM_68K: case EM_SH:
		return true;
	case EM_PPC: case EM_PPC64:
		return bits == 32;
	default:
		return false;
	}
}

/* Relocation type numbers from each psABI (glibc elf/elf.h). */
struct reloc_types { uint32_t jump_slot, glob_dat, relative, abs; };

static bool machine_relocs(uint16_t m, struct reloc_types *t)
{
	switch (m) {
	case EM_X86_64: *t = (struct reloc_types){7, 6, 8, 1}; return true;
	case EM_386: *t = (struct reloc_types){7, 6, 8, 1}; return true;
	case EM_AARCH64: *t = (struct reloc_types){1026, 1025, 1027, 257}; return true;
	case EM_ARM: *t = (struct reloc_types){22, 21, 23, 2}; return true;
	case EM_PPC64: *t = (struct reloc_types){21, 20, 22, 38}; return true;
	case EM_PPC: *t = (struct reloc_types){21, 20, 22, 1}; return true;
	/* riscv and loongarch have no GLOB_DAT: GOT slots use R_*_64/32, bound at load */
	case EM_RISCV: *t = (struct reloc_types){5, UINT32_MAX, 3, 2}; return true;
	case EM_LOONGARCH: *t = (struct reloc_types){5, UINT32_MAX, 3, 2}; return true;
	case EM_S390: *t = (struct reloc_types){11, 10, 12, 22}; return true;
	case EM_SPARC: case EM_SPARC32PLUS: case EM_SPARCV9: *t = (struct reloc_types){21, 20, 22, UINT32_MAX}; return true;
	default: return false;
	}
}

/* --- program headers and notes ------------------------------------------ */

static void parse_note_seg(struct elf *x, uint64_t off, uint64_t len, uint64_t align)
{
	struct binary *b = x->b;
	uint64_t al = align == 8 ? 8 : 4;
	uint64_t end;
	if (!ckd_add_u64(&end, off, len) || end > x->size) {
		bin_note(x->a, b, "PT_NOTE at 0x%llx extends past the end of the file",
			 (unsigned long long)off);
		if (off >= x->size)
			return;
		end = x->size;
	}
	uint64_t p = off;
	for (unsigned k = 0; k < MAX_NOTES && end - p >= 12; k++) {
		uint32_t namesz, descsz, type;
		if (!rd32(x, p, &namesz) || !rd32(x, p + 4, &descsz) || !rd32(x, p + 8, &type))
			return;
		uint64_t name = p + 12;
		uint64_t desc = name + (((uint64_t)namesz + al - 1) & ~(al - 1));
		uint64_t next = desc + (((uint64_t)descsz + al - 1) & ~(al - 1));
		if (desc > end || next > end || desc < name)
			return;
		char nm[16] = {0};
		if (namesz > 0 && namesz <= sizeof nm && rd(x, name, nm, namesz)) {
			nm[sizeof nm - 1] = '\0';
			uint32_t w[4] = {0};
			for (unsigned i = 0; i < 4 && (uint64_t)i * 4 + 4 <= descsz; i++)
				rd32(x, desc + 4 * i, &w[i]);
			if (!strcmp(nm, "GNU") && type == 1 && descsz >= 16) {
				/* NT_GNU_ABI_TAG: os, then the minimum kernel version */
				static const char *const oses[] = {"linux", "hurd", "solaris", "freebsd"};
				b->elf.abi_tag_os = w[0] < 4 ? oses[w[0]] : arena_printf(x->a, "os %u", w[0]);
				b->elf.abi_tag_version = arena_printf(x->a, "%u.%u.%u", w[1], w[2], w[3]);
			} else if (type == 1 && descsz >= 4 &&
				   (!strcmp(nm, "FreeBSD") || !strcmp(nm, "NetBSD") ||
				    !strcmp(nm, "OpenBSD") || !strcmp(nm, "Android"))) {
				/* NT_FREEBSD_ABI_TAG / NT_NETBSD_IDENT / OpenBSD ident /
				 * NT_ANDROID_TYPE_IDENT (desc = API level) */
				const char *os = !strcmp(nm, "FreeBSD") ? "freebsd" : !strcmp(nm, "NetBSD") ? "netbsd"
					: !strcmp(nm, "OpenBSD") ? "openbsd" : "android";
				if (!b->elf.abi_tag_os || !strcmp(os, "android")) {
					b->elf.abi_tag_os = os;
					b->elf.abi_tag_version = arena_printf(x->a, "%u", w[0]);
				}
			}
		}
		if (next <= p)
			return;
		p = next;
	}
}

static int parse_phdrs(struct elf *x, uint64_t *dyn_off, uint64_t *dyn_size)
{
	struct binary *b = x->b;
	struct elf_facts *ef = &b->elf;
	uint64_t entsz = x->bits == 64 ? 56 : 32;
	x->phdrs_complete = true;
	if (ef->phnum == 0)
		return 0;
	if (ef->phentsize != entsz) {
		bin_note(x->a, b, "e_phentsize is %u, expected %llu: program headers not read",
			 ef->phentsize, (unsigned long long)entsz);
		x->phdrs_complete = false;
		return 0;
	}
	uint64_t n = ef->phnum;
	uint64_t tbl;
	if (!ckd_mul_u64(&tbl, n, entsz) || !range_ok(ef->phoff, tbl, x->size)) {
		uint64_t fit = ef->phoff < x->size ? (x->size - ef->phoff) / entsz : 0;
		bin_note(x->a, b, "program headers (%llu at 0x%llx) extend past the end of the file; read %llu",
			 (unsigned long long)n, (unsigned long long)ef->phoff, (unsigned long long)fit);
		n = fit;
		x->phdrs_complete = false;
	}
	uint64_t note_off[8], note_len[8], note_al[8];
	unsigned nnotes = 0;
	for (uint64_t i = 0; i < n; i++) {
		uint64_t p = ef->phoff + i * entsz;
		uint32_t type, flags;
		uint64_t off, vaddr, filesz, memsz, align;
		bool ok;
		if (x->bits == 64)
			ok = rd32(x, p, &type) && rd32(x, p + 4, &flags) && rdw(x, p + 8, &off) &&
			     rdw(x, p + 16, &vaddr) && rdw(x, p + 32, &filesz) && rdw(x, p + 40, &memsz) &&
			     rdw(x, p + 48, &align);
		else
			ok = rd32(x, p, &type) && rdw(x, p + 4, &off) && rdw(x, p + 8, &vaddr) &&
			     rdw(x, p + 16, &filesz) && rdw(x, p + 20, &memsz) && rd32(x, p + 24, &flags) &&
			     rdw(x, p + 28, &align);
		if (!ok) {
			bin_note(x->a, b, "cannot read program header %llu", (unsigned long long)i);
			x->phdrs_complete = false;
			break;
		}
		switch (type) {
		case PT_LOAD: {
			struct bin_segment *s = VEC_PUSH(x->a, &ef->loads);
			if (!s)
				return -1;
			*s = (struct bin_segment){off, vaddr, filesz, memsz, align, flags};
			uint64_t end;
			if (!ckd_add_u64(&end, off, filesz))
				end = UINT64_MAX;
			if (end > ef->load_end)
				ef->load_end = end;
			break;
		}
		case PT_DYNAMIC:
			if (!ef->has_dynamic) {
				ef->has_dynamic = true;
				*dyn_off = off;
				*dyn_size = filesz;
			}
			break;
		case PT_INTERP:
			if (!ef->has_interp) {
				ef->has_interp = true;
				uint64_t end;
				if (!ckd_add_u64(&end, off, filesz))
					end = UINT64_MAX;
				ef->interp = rdstr(x, off, end, BIN_MAX_PATHLEN);
				if (!ef->interp)
					bin_note(x->a, b, "PT_INTERP at 0x%llx is not a terminated string inside the file",
						 (unsigned long long)off);
			}
			break;
		case PT_GNU_STACK:
			ef->gnu_stack = true;
			ef->exec_stack = (flags & PF_X) != 0;
			break;
		case PT_TLS:
			ef->tls_memsz = memsz;
			break;
		case PT_NOTE:
			if (nnotes < 8) {
				note_off[nnotes] = off;
				note_len[nnotes] = filesz;
				note_al[nnotes++] = align;
			}
			break;
		default:
			break;
		}
	}
	for (unsigned i = 0; i < nnotes; i++)
		parse_note_seg(x, note_off[i], note_len[i], note_al[i]);
	return 0;
}

/* --- dynamic section -------------------------------------------------- */

/*
 * A dynstr string, terminated inside DT_STRSZ.  Symbol names are scattered
 * over the table in no useful order, so the table is read once into the
 * arena (one sequential read, which the symbols need anyway) and strings
 * point into it; a table past the cap is read string by string instead.
 */
#define MAX_DYNSTR_COPY ((uint64_t)64 << 20)

/*
 * Hostile tables make every symbol name the same long string (200,000
 * symbols x one 1 MiB name: 200 GB of scanning, or as many 1 MiB copies), or
 * point them at different places inside one long run of bytes.  So a name of
 * DYNSTR_MEMO_MIN bytes or more is looked for once per offset (the memo
 * returns the same string, or the same "unreadable"), and all name scanning
 * of one file is capped (DYNSTR_WORK_CAP, hundreds of times what node's
 * 75,000 names cost); past the cap names are unreadable and a note says so.
 */
#define DYNSTR_MEMO_MIN 32u
#define DYNSTR_MEMO_MAX ((size_t)1 << 21)
#define DYNSTR_WORK_CAP ((uint64_t)512 << 20)

static struct str_memo *memo_slot(struct elf *x, uint64_t idx)
{
	if (!x->memo_cap)
		return NULL;
	size_t mask = x->memo_cap - 1;
	size_t i = (size_t)((idx * 0x9e3779b97f4a7c15ull) >> 32) & mask;
	while (x->memo[i].used && x->memo[i].idx != idx)
		i = (i + 1) & mask;
	return &x->memo[i];
}

static void memo_put(struct elf *x, uint64_t idx, const char *str)
{
	if (x->memo_n >= DYNSTR_MEMO_MAX)
		return; /* the work cap still bounds what is not remembered */
	if (2 * (x->memo_n + 1) > x->memo_cap) {
		size_t ncap = x->memo_cap ? 2 * x->memo_cap : 256;
		struct str_memo *old = x->memo, *nm = arena_calloc(x->a, ncap, sizeof *nm);
		if (!nm)
			return;
		size_t ocap = x->memo_cap;
		x->memo = nm;
		x->memo_cap = ncap;
		for (size_t i = 0; i < ocap; i++)
			if (old[i].used)
				*memo_slot(x, old[i].idx) = old[i];
	}
	struct str_memo *m = memo_slot(x, idx);
	if (!m->used)
		x->memo_n++;
	*m = (struct str_memo){ .idx = idx, .s = str, .used = true };
}

/* Charges n bytes of name scanning; false once the file's cap is spent. */
static bool str_charge(struct elf *x, uint64_t n)
{
	x->str_work += n;
	if (x->str_work <= DYNSTR_WORK_CAP)
		return true;
	if (!x->str_work_noted) {
		x->str_work_noted = true;
		bin_note(x->a, x->b, "symbol names cost more than %llu bytes of scanning (a hostile string "
			 "table?); the rest are unreadable", (unsigned long long)DYNSTR_WORK_CAP);
	}
	return false;
}

static const char *dynstr_scan(struct elf *x, uint64_t idx, uint64_t off, uint64_t *cost)
{
	if (x->strbuf) {
		size_t left = (size_t)(x->str_end - off);
		size_t lim = left < BIN_MAX_STRLEN + 1 ? left : BIN_MAX_STRLEN + 1;
		const char *s = x->strbuf + idx;
		const char *nul = memchr(s, 0, lim);
		*cost = nul ? (uint64_t)(nul - s) + 1 : lim;
		return nul ? s : NULL;
	}
	/* Names scattered over a big table (a library's, read one at a time):
	 * one small read each, not a 64 KiB cache block each. */
	char buf[192];
	uint64_t end = x->str_end < x->size ? x->str_end : x->size;
	size_t n = end - off < sizeof buf ? (size_t)(end - off) : sizeof buf;
	*cost = n;
	if (n && range_ok(off, n, x->size) && rf_read_direct(x->rf, x->base + off, buf, n)) {
		const char *nul = memchr(buf, 0, n);
		if (nul)
			return arena_strndup(x->a, buf, (size_t)(nul - buf));
	}
	const char *s = rdstr(x, off, x->str_end, BIN_MAX_STRLEN);
	*cost += s ? strlen(s) + 1 : BIN_MAX_STRLEN + 1;
	return s;
}

static const char *dynstr(struct elf *x, uint64_t idx)
{
	uint64_t off;
	if (!x->have_str || !ckd_add_u64(&off, x->str_off, idx) || off >= x->str_end)
		return NULL;
	struct str_memo *m = memo_slot(x, idx);
	if (m && m->used)
		return m->s;
	if (x->str_work > DYNSTR_WORK_CAP)
		return NULL;
	uint64_t cost = 0;
	const char *s = dynstr_scan(x, idx, off, &cost);
	if (!str_charge(x, cost))
		return NULL;
	if (cost >= DYNSTR_MEMO_MIN)
		memo_put(x, idx, s);
	return s;
}

static void load_dynstr(struct elf *x)
{
	uint64_t n = x->str_end - x->str_off;
	if (!n || n > MAX_DYNSTR_COPY)
		return;
	char *buf = arena_alloc_raw(x->a, (size_t)n);
	if (buf && rd(x, x->str_off, buf, (size_t)n))
		x->strbuf = buf;
}

static void split_path(struct elf *x, const char *raw, bool run)
{
	const char *p = raw;
	for (unsigned k = 0; k < 1024; k++) {
		const char *c = strchr(p, ':');
		size_t len = c ? (size_t)(c - p) : strlen(p);
		const char **slot = run ? VEC_PUSH(x->a, &x->b->runpaths) : VEC_PUSH(x->a, &x->b->rpaths);
		if (!slot)
			return;
		*slot = arena_strndup(x->a, p, len);
		if (!c)
			return;
		p = c + 1;
	}
}

static int parse_dynamic(struct elf *x, uint64_t off, uint64_t len)
{
	struct binary *b = x->b;
	uint64_t ent = (uint64_t)x->bits / 4; /* two words */
	uint64_t end;
	if (!ckd_add_u64(&end, off, len) || end > x->size) {
		bin_note(x->a, b, "PT_DYNAMIC at 0x%llx extends past the end of the file",
			 (unsigned long long)off);
		end = x->size;
	}
	VEC(uint64_t) needed = {0};
	uint64_t soname = 0, rpath = 0, runpath = 0;
	bool has_soname = false, has_rpath = false, has_runpath = false;
	unsigned i;
	for (i = 0; i < MAX_DYN && off < end && end - off >= ent; i++, off += ent) {
		uint64_t tag, val;
		if (!rdw(x, off, &tag) || !rdw(x, off + ent / 2, &val))
			break;
		if (tag == DT_NULL)
			break;
		if (tag < 40 && !x->has[tag]) {
			x->has[tag] = true;
			x->d[tag] = val;
		}
		switch (tag) {
		case DT_NEEDED: {
			uint64_t *s = VEC_PUSH(x->a, &needed);
			if (!s)
				return -1;
			*s = val;
			break;
		}
		case DT_SONAME: if (!has_soname) { soname = val; has_soname = true; } break;
		case DT_RPATH: if (!has_rpath) { rpath = val; has_rpath = true; } break;
		case DT_RUNPATH: if (!has_runpath) { runpath = val; has_runpath = true; } break;
		case DT_FLAGS: b->elf.dt_flags = val; break;
		case DT_BIND_NOW: b->elf.bind_now = true; break;
		case DT_TEXTREL: b->elf.textrel = true; break;
		case DT_RELR: b->elf.has_relr = true; break;
		default:
			if (tag == DT_FLAGS_1) b->elf.dt_flags_1 = x->flags_1 = val;
			else if (tag == DT_GNU_HASH) { x->has_gnu_hash = true; x->gnu_hash = val; }
			else if (tag == DT_VERSYM) { x->has_versym = true; x->versym = val; }
			else if (tag == DT_VERNEED) { x->has_verneed = true; x->verneed = val; }
			else if (tag == DT_VERNEEDNUM) x->verneednum = val;
			else if (tag == DT_VERDEF) { x->has_verdef = true; x->verdef = val; }
			else if (tag == DT_VERDEFNUM) x->verdefnum = val;
			break;
		}
	}
	if (i == MAX_DYN)
		bin_note(x->a, b, "dynamic section has more than %u entries; rest ignored", MAX_DYN);
	if (b->elf.dt_flags & DF_BIND_NOW || b->elf.dt_flags_1 & DF_1_NOW)
		b->elf.bind_now = true;
	if (b->elf.dt_flags & DF_TEXTREL)
		b->elf.textrel = true;
	b->elf.nodeflib = (b->elf.dt_flags_1 & DF_1_NODEFLIB) != 0;

	/* The string table: DT_STRTAB for DT_STRSZ bytes, inside one PT_LOAD. */
	if (x->has[DT_STRTAB]) {
		uint64_t so, avail;
		if (va_avail(x, x->d[DT_STRTAB], &so, &avail)) {
			uint64_t sz = x->has[DT_STRSZ] ? x->d[DT_STRSZ] : avail;
			if (sz > avail) {
				bin_note(x->a, b, "DT_STRSZ %llu runs past the mapped file bytes; using %llu",
					 (unsigned long long)sz, (unsigned long long)avail);
				sz = avail;
			}
			x->str_off = so;
			x->str_end = so + sz;
			x->have_str = true;
			/* a library's names are read one at a time, when looked up */
			if (!b->parse_library)
				load_dynstr(x);
		} else {
			bin_note(x->a, b, "DT_STRTAB 0x%llx is not inside any PT_LOAD's file bytes",
				 (unsigned long long)x->d[DT_STRTAB]);
		}
	} else if (needed.n || has_soname || has_rpath || has_runpath) {
		bin_note(x->a, b, "dynamic section names strings but has no DT_STRTAB");
	}

	for (size_t k = 0; k < needed.n && k < BIN_MAX_LIBS; k++) {
		const char *nm = dynstr(x, needed.v[k]);
		if (!nm) {
			bin_note(x->a, b, "DT_NEEDED string at 0x%llx unreadable", (unsigned long long)needed.v[k]);
			continue;
		}
		struct bin_lib *l = VEC_PUSH(x->a, &b->libs);
		if (!l)
			return -1;
		l->name = nm;
		l->kind = LIB_NEEDED;
	}
	if (needed.n > BIN_MAX_LIBS)
		bin_note(x->a, b, "%zu DT_NEEDED entries; kept the first %zu", needed.n, BIN_MAX_LIBS);
	if (has_soname && !(b->elf.soname = dynstr(x, soname)))
		bin_note(x->a, b, "DT_SONAME string unreadable");
	if (has_rpath) {
		b->elf.rpath_raw = dynstr(x, rpath);
		if (b->elf.rpath_raw)
			split_path(x, b->elf.rpath_raw, false);
		else
			bin_note(x->a, b, "DT_RPATH string unreadable");
	}
	if (has_runpath) {
		b->elf.runpath_raw = dynstr(x, runpath);
		if (b->elf.runpath_raw)
			split_path(x, b->elf.runpath_raw, true);
		else
			bin_note(x->a, b, "DT_RUNPATH string unreadable");
	}
	return 0;
}

/* --- versions ------------------------------------------------------------ */

/*
 * Version indexes are small in practice (a few dozen), but the field allows
 * 0x7fff: the tables grow to the highest index actually used instead of
 * being allocated at their maximum (512 KiB per file, zeroed, adds up over
 * a scan of hundreds of addons).
 */
static bool ver_slot(struct elf *x, uint32_t idx)
{
	if (idx >= 0x8000)
		return false;
	if (idx < x->nver)
		return true;
	size_t n = x->nver ? x->nver : 16;
	while (n <= idx)
		n *= 2;
	if (n > 0x8000)
		n = 0x8000;
	const char **names = arena_calloc(x->a, n, sizeof *names);
	const char **files = arena_calloc(x->a, n, sizeof *files);
	if (!names || !files)
		return false;
	if (x->nver) {
		memcpy(names, x->ver_name, x->nver * sizeof *names);
		memcpy(files, x->ver_file, x->nver * sizeof *files);
	}
	x->ver_name = names;
	x->ver_file = files;
	x->nver = (uint32_t)n;
	return true;
}

static int parse_verneed(struct elf *x)
{
	struct binary *b = x->b;
	uint64_t off, avail;
	if (!va_avail(x, x->verneed, &off, &avail)) {
		bin_note(x->a, b, "DT_VERNEED is not inside any PT_LOAD's file bytes");
		return 0;
	}
	uint64_t tend = off + avail;
	uint64_t cnt = x->verneednum ? x->verneednum : MAX_VERSIONS;
	unsigned total = 0;
	for (uint64_t i = 0; i < cnt && i < MAX_VERSIONS; i++) {
		uint16_t vn_cnt;
		uint32_t vn_file, vn_aux, vn_next;
		if (off + 16 > tend || !rd16(x, off + 2, &vn_cnt) || !rd32(x, off + 4, &vn_file) ||
		    !rd32(x, off + 8, &vn_aux) || !rd32(x, off + 12, &vn_next)) {
			bin_note(x->a, b, "version need entry %llu is outside the mapped file", (unsigned long long)i);
			break;
		}
		const char *file = dynstr(x, vn_file);
		uint64_t aux = off + vn_aux;
		for (unsigned j = 0; j < vn_cnt && total < MAX_VERSIONS; j++, total++) {
			uint16_t flags, other;
			uint32_t name, next;
			if (aux + 16 > tend || !rd16(x, aux + 4, &flags) || !rd16(x, aux + 6, &other) ||
			    !rd32(x, aux + 8, &name) || !rd32(x, aux + 12, &next)) {
				bin_note(x->a, b, "version need aux entry outside the mapped file");
				break;
			}
			const char *nm = dynstr(x, name);
			if (nm) {
				struct bin_verneed *v = VEC_PUSH(x->a, &b->verneeds);
				if (!v)
					return -1;
				v->file = file;
				v->name = nm;
				v->weak = (flags & VER_FLG_WEAK) != 0;
				uint32_t idx = other & 0x7fff;
				if (ver_slot(x, idx)) {
					x->ver_name[idx] = nm;
					x->ver_file[idx] = file;
				}
			}
			if (!next)
				break;
			aux += next;
		}
		if (!vn_next)
			break;
		off += vn_next;
	}
	return 0;
}

static int parse_verdef(struct elf *x)
{
	struct binary *b = x->b;
	uint64_t off, avail;
	if (!va_avail(x, x->verdef, &off, &avail)) {
		bin_note(x->a, b, "DT_VERDEF is not inside any PT_LOAD's file bytes");
		return 0;
	}
	uint64_t tend = off + avail;
	uint64_t cnt = x->verdefnum ? x->verdefnum : MAX_VERSIONS;
	for (uint64_t i = 0; i < cnt && i < MAX_VERSIONS; i++) {
		uint16_t flags, ndx;
		uint32_t aux, next, name;
		if (off + 20 > tend || !rd16(x, off + 2, &flags) || !rd16(x, off + 4, &ndx) ||
		    !rd32(x, off + 12, &aux) || !rd32(x, off + 16, &next) ||
		    off + aux + 8 > tend || !rd32(x, off + aux, &name)) {
			bin_note(x->a, b, "version definition %llu is outside the mapped file", (unsigned long long)i);
			break;
		}
		const char *nm = dynstr(x, name);
		if (nm) {
			/* VER_FLG_BASE names the object itself, not a version */
			if (!(flags & VER_FLG_BASE)) {
				const char **v = VEC_PUSH(x->a, &b->verdefs);
				if (!v)
					return -1;
				*v = nm;
			}
			uint32_t idx = ndx & 0x7fff;
			if (ver_slot(x, idx)) {
				x->ver_name[idx] = (flags & VER_FLG_BASE) ? NULL : nm;
				x->ver_file[idx] = NULL;
			}
		}
		if (!next)
			break;
		off += next;
	}
	return 0;
}

/* --- dynamic symbols -------------------------------------------------- */

/* Number of symbols from DT_GNU_HASH: the highest index any chain reaches. */
static bool gnu_hash_count(struct elf *x, uint64_t *count)
{
	uint64_t off, avail;
	if (!va_avail(x, x->gnu_hash, &off, &avail) || avail < 16)
		return false;
	uint32_t nbuckets, symoffset, bloom;
	if (!rd32(x, off, &nbuckets) || !rd32(x, off + 4, &symoffset) || !rd32(x, off + 8, &bloom))
		return false;
	uint64_t buckets = off + 16 + (uint64_t)bloom * ((uint64_t)x->bits / 8);
	uint64_t bsz = (uint64_t)nbuckets * 4;
	if (buckets + bsz > off + avail)
		return false;
	uint32_t maxsym = 0;
	for (uint32_t i = 0; i < nbuckets; i++) {
		uint32_t v;
		if (!rd32(x, buckets + 4 * (uint64_t)i, &v))
			return false;
		if (v > maxsym)
			maxsym = v;
	}
	if (maxsym < symoffset)
		return false; /* no hashed symbol: the table says nothing about the count
		               * (GNU ld then does not keep undefined ones below symoffset) */
	uint64_t chain = buckets + bsz;
	/* walk the last chain to its end (bit 0 set); bounded by the segment
	 * and by the symbol cap */
	for (uint64_t i = maxsym; i - maxsym < BIN_MAX_SYMS; i++) {
		uint64_t at = chain + (i - symoffset) * 4;
		uint32_t h;
		if (at + 4 > off + avail || !rd32(x, at, &h))
			return false;
		if (h & 1) {
			*count = i + 1;
			return true;
		}
	}
	return false;
}

static uint8_t map_bind(uint8_t b)
{
	switch (b) {
	case 0: return SYM_LOCAL;
	case 1: return SYM_GLOBAL;
	case 2: return SYM_WEAK;
	case 10: return SYM_UNIQUE;
	default: return SYM_BIND_OTHER;
	}
}
static uint8_t map_type(uint8_t t)
{
	static const uint8_t m[] = {SYM_NOTYPE, SYM_OBJECT, SYM_FUNC, SYM_SECTION, SYM_FILE, SYM_COMMON, SYM_TLS};
	if (t < sizeof m)
		return m[t];
	return t == 10 ? SYM_IFUNC : SYM_TYPE_OTHER;
}

/* Section header fallback: the .dynsym section whose address is DT_SYMTAB. */
static bool dynsym_section_count(struct elf *x, uint64_t *count)
{
	const struct elf_facts *ef = &x->b->elf;
	uint64_t esz = x->bits == 64 ? 64 : 40;
	if (!ef->shoff || x->shentsize != esz)
		return false;
	for (uint64_t i = 0; i < ef->shnum && i < MAX_SHNUM; i++) {
		uint64_t p = ef->shoff + i * esz;
		uint32_t type;
		uint64_t addr, size, entsize;
		if (!rd32(x, p + 4, &type))
			return false;
		if (type != SHT_DYNSYM)
			continue;
		bool ok = x->bits == 64 ? rdw(x, p + 16, &addr) && rdw(x, p + 32, &size) && rdw(x, p + 56, &entsize)
					: rdw(x, p + 12, &addr) && rdw(x, p + 20, &size) && rdw(x, p + 36, &entsize);
		if (ok && addr == x->d[DT_SYMTAB] && entsize == x->syment) {
			*count = size / entsize;
			return true;
		}
	}
	return false;
}

/*
 * Library parse: remember where the symbols are for elf_lookup() instead of
 * reading them (node: 75,000 entries and 5 MB of names).  Lookups need the
 * symbol table, its strings and a hash table; without a hash table the
 * symbols are read as usual.
 */
static void setup_symtab(struct elf *x)
{
	struct elf_symtab *st = &x->b->elf.symtab;
	uint64_t esz = x->bits == 64 ? 24 : 16;
	uint64_t off, avail;
	if (!x->has[DT_SYMTAB] || !x->have_str || (x->has[DT_SYMENT] && x->d[DT_SYMENT] != esz) ||
	    !va_avail(x, x->d[DT_SYMTAB], &off, &avail))
		return;
	st->sym_off = x->base + off;
	st->sym_avail = avail;
	st->str_off = x->base + x->str_off;
	st->str_end = x->base + x->str_end;
	if (x->has_gnu_hash && va_avail(x, x->gnu_hash, &off, &avail)) {
		st->has_gnu_hash = true;
		st->gnu_hash_off = x->base + off;
		st->gnu_hash_avail = avail;
	}
	if (x->has[DT_HASH] && va_avail(x, x->d[DT_HASH], &off, &avail)) {
		st->has_hash = true;
		st->hash_off = x->base + off;
		st->hash_avail = avail;
	}
	if (x->has_versym && va_avail(x, x->versym, &off, &avail)) {
		st->has_versym = true;
		st->versym_off = x->base + off;
		st->versym_avail = avail;
	}
	st->ver_name = x->ver_name;
	st->nver = x->ver_name ? x->nver : 0;
	st->deferred = st->has_gnu_hash || st->has_hash;
}

static int parse_dynsym(struct elf *x)
{
	struct binary *b = x->b;
	uint64_t esz = x->bits == 64 ? 24 : 16;
	x->syment = x->has[DT_SYMENT] ? x->d[DT_SYMENT] : esz;
	if (x->syment != esz) {
		bin_note(x->a, b, "DT_SYMENT is %llu, expected %llu: symbols not read",
			 (unsigned long long)x->syment, (unsigned long long)esz);
		return 0;
	}
	uint64_t avail;
	if (!va_avail(x, x->d[DT_SYMTAB], &x->sym_off, &avail)) {
		bin_note(x->a, b, "DT_SYMTAB is not inside any PT_LOAD's file bytes");
		return 0;
	}
	uint64_t count = 0;
	const char *how = NULL;
	if (x->has[DT_HASH]) {
		/* 64-bit s390 and alpha use 8-byte hash words (glibc's
		 * Elf_Symndx is uint64_t there; binutils gives .hash
		 * sh_entsize 8): nchain is the second word either way. */
		uint64_t ho;
		if (elf_hash_word_size(b) == 8) {
			if (va_to_off(x, x->d[DT_HASH], 16, &ho) && x->bits == 64 && rdw(x, ho + 8, &count))
				how = "DT_HASH nchain";
		} else {
			uint32_t nchain;
			if (va_to_off(x, x->d[DT_HASH], 8, &ho) && rd32(x, ho + 4, &nchain)) {
				count = nchain;
				how = "DT_HASH nchain";
			}
		}
	}
	if (!how && x->has_gnu_hash && gnu_hash_count(x, &count))
		how = "DT_GNU_HASH chains";
	if (!how && dynsym_section_count(x, &count))
		how = ".dynsym section size";
	if (!how && x->has[DT_STRTAB] && x->d[DT_STRTAB] > x->d[DT_SYMTAB]) {
		/* linkers put .dynstr right after .dynsym: the gap bounds the table */
		count = (x->d[DT_STRTAB] - x->d[DT_SYMTAB]) / esz;
		how = "gap between DT_SYMTAB and DT_STRTAB";
	}
	if (!how) {
		bin_note(x->a, b, "cannot count the dynamic symbols (no usable DT_HASH, DT_GNU_HASH or .dynsym)");
		return 0;
	}
	uint64_t fit = avail / esz;
	if (count > fit) {
		bin_note(x->a, b, "%s says %llu symbols but the mapped file holds %llu; read %llu",
			 how, (unsigned long long)count, (unsigned long long)fit, (unsigned long long)fit);
		count = fit;
	}
	if (count > BIN_MAX_SYMS) {
		bin_note(x->a, b, "%llu dynamic symbols; read the first %zu",
			 (unsigned long long)count, BIN_MAX_SYMS);
		count = BIN_MAX_SYMS;
	}
	/* A library whose definitions are looked up by hash needs only its
	 * undefined symbols here (for its own relocations); GNU ld puts them
	 * all below DT_GNU_HASH's symoffset, the first hashed symbol. */
	bool undef_only = b->elf.symtab.deferred;
	if (undef_only && b->elf.symtab.has_gnu_hash) {
		uint32_t symoffset;
		if (rd32(x, b->elf.symtab.gnu_hash_off - x->base + 4, &symoffset) && symoffset < count)
			count = symoffset;
	}
	x->nsyms = (uint32_t)count;
	if (!count)
		return 0;
	x->symmap = arena_calloc(x->a, count, sizeof *x->symmap);
	if (!x->symmap)
		return -1;
	uint64_t vs_off = 0;
	bool have_versym = false;
	if (x->has_versym) {
		have_versym = va_to_off(x, x->versym, count * 2, &vs_off);
		if (!have_versym)
			bin_note(x->a, b, "DT_VERSYM table is not inside the mapped file; versions not read");
	}
	unsigned bad_names = 0;
	for (uint64_t i = 0; i < count; i++) {
		x->symmap[i] = UINT32_MAX;
		if (i == 0)
			continue; /* STN_UNDEF */
		uint64_t p = x->sym_off + i * esz;
		uint32_t name;
		uint8_t info, other;
		uint16_t shndx;
		uint64_t value, size;
		bool ok = x->bits == 64
			? rd32(x, p, &name) && rd8(x, p + 4, &info) && rd8(x, p + 5, &other) &&
			  rd16(x, p + 6, &shndx) && rdw(x, p + 8, &value) && rdw(x, p + 16, &size)
			: rd32(x, p, &name) && rdw(x, p + 4, &value) && rdw(x, p + 8, &size) &&
			  rd8(x, p + 12, &info) && rd8(x, p + 13, &other) && rd16(x, p + 14, &shndx);
		if (!ok) {
			bin_note(x->a, b, "cannot read dynamic symbol %llu", (unsigned long long)i);
			break;
		}
		if (undef_only && shndx != SHN_UNDEF)
			continue;
		const char *nm = dynstr(x, name);
		if (!nm) {
			bad_names++;
			continue;
		}
		struct bin_sym *s = VEC_PUSH(x->a, &b->syms);
		if (!s)
			return -1;
		x->symmap[i] = (uint32_t)(b->syms.n - 1);
		s->name = nm;
		s->bind = map_bind(info >> 4);
		s->type = map_type(info & 0xf);
		s->defined = shndx != SHN_UNDEF;
		s->value = s->defined ? value : 0;
		s->size = s->defined ? size : 0;
		s->weak_ref = !s->defined && s->bind == SYM_WEAK;
		uint16_t vs;
		if (have_versym && rd16(x, vs_off + i * 2, &vs)) {
			uint32_t idx = vs & 0x7fff;
			if (idx >= 2 && x->ver_name && idx < x->nver && x->ver_name[idx]) {
				s->version = x->ver_name[idx];
				if (!s->defined)
					s->lib = x->ver_file[idx];
				s->version_hidden = s->defined && (vs & 0x8000);
			}
		}
	}
	if (bad_names)
		bin_note(x->a, b, "%u dynamic symbols have unreadable names", bad_names);
	return 0;
}

/* --- relocations -------------------------------------------------------- */

/*
 * Only a legacy addon's node_module struct (legacy_module, node010_module)
 * is found through RELATIVE relocations.  A big N-API addon has hundreds of
 * thousands of them (megabytes), so they are kept only when the symbols
 * leave room for such a struct.
 */
static bool may_be_legacy(const struct binary *b)
{
	bool registers = false;
	for (size_t i = 0; i < b->syms.n; i++) {
		const struct bin_sym *s = &b->syms.v[i];
		if (!s->name)
			continue;
		if (!s->defined && !strcmp(s->name, "node_module_register"))
			return true;
		if (s->defined && (!strcmp(s->name, "napi_register_module_v1") ||
				   !strncmp(s->name, "node_register_module_v", 22)))
			registers = true;
	}
	return !registers;
}

static void ref_sym(struct elf *x, uint64_t symidx, uint8_t bit)
{
	if (symidx == 0 || symidx >= x->nsyms || x->symmap[symidx] == UINT32_MAX)
		return;
	struct bin_sym *s = &x->b->syms.v[x->symmap[symidx]];
	if (!s->defined) {
		/* tables are read in glibc's order: the first reference is the
		 * one whose failed lookup dlopen() reports */
		if (!s->refs)
			s->rel_order = x->rel_seq;
		s->refs |= bit;
	}
}

/* One relocation table; entries inside [skip_lo, skip_hi) are skipped
 * (DT_RELA/DT_REL may include the DT_JMPREL range, as glibc's
 * ELF_DYNAMIC_DO_RELOC allows). */
static int parse_relocs(struct elf *x, uint64_t va, uint64_t sz, bool rela, bool plt,
			const struct reloc_types *rt, uint64_t skip_lo, uint64_t skip_hi, const char *what)
{
	struct binary *b = x->b;
	uint64_t w = (uint64_t)x->bits / 8;
	uint64_t esz = rela ? 3 * w : 2 * w;
	uint64_t off, avail;
	if (!sz)
		return 0;
	if (!va_avail(x, va, &off, &avail)) {
		bin_note(x->a, b, "%s is not inside any PT_LOAD's file bytes", what);
		return 0;
	}
	if (sz > avail) {
		bin_note(x->a, b, "%s size %llu runs past the mapped file bytes", what, (unsigned long long)sz);
		sz = avail;
	}
	uint64_t n = sz / esz;
	for (uint64_t i = 0; i < n; i++) {
		uint64_t rva = va + i * esz;
		if (rva >= skip_lo && rva < skip_hi)
			continue;
		uint64_t p = off + i * esz, where, info, addend = 0;
		if (!rdw(x, p, &where) || !rdw(x, p + w, &info) || (rela && !rdw(x, p + 2 * w, &addend)))
			break;
		uint64_t sym = x->bits == 64 ? info >> 32 : info >> 8;
		uint32_t type = x->bits == 64 ? (uint32_t)info : (uint32_t)(info & 0xff);
		if (x->rel_seq < UINT32_MAX)
			x->rel_seq++;
		if (rt && type == rt->relative && sym == 0) {
			/* kept only to find an addon's node_module struct */
			if (x->relative.n < MAX_RELATIVE && x->keep_relative) {
				if (!rela) {
					/* REL: the addend is the slot's current contents */
					uint64_t so;
					if (!va_to_off(x, where, w, &so) || !rdw(x, so, &addend))
						continue;
				}
				struct rel_target *r = VEC_PUSH(x->a, &x->relative);
				if (!r)
					return -1;
				r->where = where;
				r->addend = addend;
			}
			continue;
		}
		if (!sym)
			continue;
		if (rt && type == rt->abs && x->keep_relative && sym < x->nsyms && x->symmap[sym] != UINT32_MAX &&
		    x->b->syms.v[x->symmap[sym]].defined && x->relative.n < MAX_RELATIVE) {
			/* a word-sized absolute relocation against a defined symbol
			 * (NODE_MODULE_INIT's nm_context_register_func, an exported
			 * init function): keep its target like a RELATIVE one */
			uint64_t so;
			if (rela || (va_to_off(x, where, w, &so) && rdw(x, so, &addend))) {
				struct rel_target *r = VEC_PUSH(x->a, &x->relative);
				if (!r)
					return -1;
				r->where = where;
				r->addend = x->b->syms.v[x->symmap[sym]].value + addend;
			}
		}
		if (!rt)
			ref_sym(x, sym, SYM_REF_OTHER);
		else if (type == rt->jump_slot)
			ref_sym(x, sym, plt ? SYM_REF_PLT : SYM_REF_OTHER);
		else if (type == rt->glob_dat)
			ref_sym(x, sym, SYM_REF_GOT);
		else
			ref_sym(x, sym, SYM_REF_OTHER);
	}
	return 0;
}

static int cmp_rel(const void *pa, const void *pb)
{
	const struct rel_target *ra = pa, *rb = pb;
	return ra->where < rb->where ? -1 : ra->where > rb->where;
}

static int do_relocs(struct elf *x)
{
	struct binary *b = x->b;
	struct reloc_types rt;
	bool known = machine_relocs(b->elf.machine, &rt);
	if (!known && (x->has[DT_RELA] || x->has[DT_REL] || x->has[DT_JMPREL]))
		bin_note(x->a, b, "relocation types of e_machine %u unknown: every symbol reference treated as bound at load",
			 b->elf.machine);
	if (b->elf.machine == EM_MIPS)
		bin_note(x->a, b, "MIPS binds most symbols through the GOT (DT_MIPS_GOTSYM), not relocations; binding times are approximate");
	uint64_t jlo = 0, jhi = 0;
	bool jrela = x->has[DT_PLTREL] ? x->d[DT_PLTREL] == DT_RELA : x->has[DT_RELA];
	if (x->has[DT_JMPREL] && x->has[DT_PLTRELSZ]) {
		jlo = x->d[DT_JMPREL];
		if (!ckd_add_u64(&jhi, jlo, x->d[DT_PLTRELSZ]))
			jhi = UINT64_MAX;
	}
	if (x->has[DT_RELA] &&
	    parse_relocs(x, x->d[DT_RELA], x->has[DT_RELASZ] ? x->d[DT_RELASZ] : 0, true, false,
			 known ? &rt : NULL, jlo, jhi, "DT_RELA") < 0)
		return -1;
	if (x->has[DT_REL] &&
	    parse_relocs(x, x->d[DT_REL], x->has[DT_RELSZ] ? x->d[DT_RELSZ] : 0, false, false,
			 known ? &rt : NULL, jlo, jhi, "DT_REL") < 0)
		return -1;
	if (x->has[DT_JMPREL] &&
	    parse_relocs(x, jlo, jhi - jlo, jrela, true, known ? &rt : NULL, 0, 0, "DT_JMPREL") < 0)
		return -1;
	if (x->relative.n)
		qsort(x->relative.v, x->relative.n, sizeof *x->relative.v, cmp_rel);
	x->relative_sorted = true;

	/* glibc defers only JUMP_SLOT in DT_JMPREL under RTLD_LAZY
	 * (sysdeps/<arch>/dl-machine.h elf_machine_lazy_rel); everything else
	 * is resolved while dlopen runs. */
	for (size_t i = 0; i < b->syms.n; i++) {
		struct bin_sym *s = &b->syms.v[i];
		if (s->defined || !s->refs)
			s->when = SYM_WHEN_NA;
		else if (s->refs == SYM_REF_PLT && !b->elf.bind_now)
			s->when = SYM_WHEN_LAZY;
		else
			s->when = SYM_WHEN_LOAD;
	}
	return 0;
}

/* --- libc, OS, minimum versions ----------------------------------------- */

/* Compares dotted decimal versions numerically: "2.9" < "2.17". */
static int vercmp(const char *p, const char *q)
{
	for (int k = 0; k < 8; k++) {
		char *pe, *qe;
		unsigned long a = strtoul(p, &pe, 10), c = strtoul(q, &qe, 10);
		if (a != c)
			return a < c ? -1 : 1;
		p = pe;
		q = qe;
		bool pm = *p == '.', qm = *q == '.';
		if (!pm && !qm)
			return 0;
		if (!pm || !qm)
			return pm ? 1 : -1;
		p++;
		q++;
	}
	return 0;
}

static bool numeric_version(const char *v)
{
	if (*v < '0' || *v > '9')
		return false;
	for (; *v; v++)
		if ((*v < '0' || *v > '9') && *v != '.')
			return false;
	return true;
}

/*
 * Whether a version need names a glibc library.  libgcc_s defines versions
 * called GLIBC_2.0 too (on musl toolchains as well), so a GLIBC_ name alone
 * is not evidence of glibc: the file it is needed from must be glibc's.
 */
static bool glibc_file(const char *f)
{
	static const char *const libs[] = {
		"libc.so.6", "libm.so.6", "libpthread.so.0", "libdl.so.2", "librt.so.1",
		"libresolv.so.2", "libutil.so.1", "libanl.so.1", "libnsl.so.1", "libmvec.so.1",
		"libBrokenLocale.so.1", "libthread_db.so.1", "libc_malloc_debug.so.0",
		"libc.so.6.1", "libm.so.6.1", /* alpha */
	};
	if (!f)
		return false;
	if (!strncmp(f, "ld-linux", 8) || !strncmp(f, "ld64.so.", 8) || !strncmp(f, "ld.so.1", 7))
		return true;
	for (size_t i = 0; i < sizeof libs / sizeof libs[0]; i++)
		if (!strcmp(f, libs[i]))
			return true;
	return false;
}

static void max_versions(struct binary *b)
{
	static const struct { const char *prefix; size_t len; } pre[3] = {
		{"GLIBC_", 6}, {"GLIBCXX_", 8}, {"CXXABI_", 7}};
	const char **out[3] = {&b->min_glibc, &b->min_glibcxx, &b->min_cxxabi};
	for (size_t i = 0; i < b->verneeds.n; i++) {
		const char *n = b->verneeds.v[i].name;
		for (int k = 0; k < 3; k++) {
			if (strncmp(n, pre[k].prefix, pre[k].len) || !numeric_version(n + pre[k].len))
				continue;
			if (k == 0 && !glibc_file(b->verneeds.v[i].file))
				continue;
			const char *v = n + pre[k].len;
			if (!*out[k] || vercmp(v, *out[k]) > 0)
				*out[k] = v;
		}
	}
}

static bool has_lib(const struct binary *b, const char *prefix, bool exact)
{
	for (size_t i = 0; i < b->libs.n; i++) {
		const char *n = b->libs.v[i].name;
		if (exact ? !strcmp(n, prefix) : !strncmp(n, prefix, strlen(prefix)))
			return true;
	}
	return false;
}

static void libc_and_os(struct elf *x)
{
	struct binary *b = x->b;
	struct arena *a = x->a;
	uint8_t osabi = b->elf.ident[7];
	const char *note_os = b->elf.abi_tag_os;
	const char *interp = b->elf.interp;
	bool glibc_vers = false;
	for (size_t i = 0; i < b->verneeds.n; i++)
		if (!strncmp(b->verneeds.v[i].name, "GLIBC_", 6) && glibc_file(b->verneeds.v[i].file))
			glibc_vers = true;

	if (note_os && !strcmp(note_os, "android")) {
		b->libc = "bionic";
		b->libc_why = arena_printf(a, "Android ident note (API level %s)", b->elf.abi_tag_version);
	} else if (has_lib(b, "libc.so.6", true)) {
		b->libc = "glibc";
		b->libc_why = "libc.so.6 (glibc)";
	} else if (glibc_vers) {
		b->libc = "glibc";
		b->libc_why = "needs GLIBC_ symbol versions";
	} else if (has_lib(b, "ld-linux", false)) {
		b->libc = "glibc";
		b->libc_why = "needs the glibc loader (ld-linux)";
	} else if (interp && strstr(interp, "/ld-linux")) {
		b->libc = "glibc";
		b->libc_why = arena_printf(a, "interpreter %s", interp);
	} else if (has_lib(b, "libc.musl-", false)) {
		b->libc = "musl";
		b->libc_why = "libc.musl-<arch>.so.1 (Alpine musl)";
	} else if (interp && strstr(interp, "/ld-musl-")) {
		b->libc = "musl";
		b->libc_why = arena_printf(a, "interpreter %s", interp);
	} else if (has_lib(b, "libc.so", true) && osabi == ELFOSABI_SYSV && !note_os) {
		/* musl toolchains link "libc.so" and define no symbol versions
		 * (loader-facts §6.4); glibc would need GLIBC_ versions. */
		b->libc = "musl";
		b->libc_why = "libc.so without GLIBC_ versions (musl toolchain)";
	} else if (osabi == ELFOSABI_FREEBSD || (note_os && !strcmp(note_os, "freebsd"))) {
		if (has_lib(b, "libc.so.", false)) {
			b->libc = "freebsd-libc";
			b->libc_why = "FreeBSD object needing libc.so.N";
		}
	}

	if (osabi == ELFOSABI_FREEBSD) { b->os = "freebsd"; b->os_why = "EI_OSABI FreeBSD"; }
	else if (osabi == ELFOSABI_NETBSD) { b->os = "netbsd"; b->os_why = "EI_OSABI NetBSD"; }
	else if (osabi == ELFOSABI_OPENBSD) { b->os = "openbsd"; b->os_why = "EI_OSABI OpenBSD"; }
	else if (osabi == ELFOSABI_SOLARIS) { b->os = "sunos"; b->os_why = "EI_OSABI Solaris"; }
	else if (note_os && !strcmp(note_os, "android")) { b->os = "android"; b->os_why = "Android ident note"; }
	else if (note_os && strcmp(note_os, "linux") && strcmp(note_os, "hurd")) {
		b->os = !strcmp(note_os, "solaris") ? "sunos" : note_os;
		b->os_why = arena_printf(a, "%s ABI note", note_os);
	} else if (b->libc && (!strcmp(b->libc, "glibc") || !strcmp(b->libc, "musl"))) {
		b->os = "linux";
		b->os_why = b->libc_why;
	} else if (note_os && !strcmp(note_os, "linux")) {
		b->os = "linux";
		b->os_why = arena_printf(a, "NT_GNU_ABI_TAG linux %s", b->elf.abi_tag_version);
	} else if (osabi == ELFOSABI_GNU) {
		b->os = "linux";
		b->os_why = "EI_OSABI GNU/Linux";
	} else {
		b->os = NULL;
		b->os_why = arena_printf(a, "unknown: EI_OSABI %u, no OS note, no libc dependency", osabi);
		bin_note(a, b, "cannot tell the target OS: EI_OSABI %u, no OS note and no libc dependency", osabi);
	}
	max_versions(b);
}

/* --- Node addon facts ------------------------------------------------- */

static const struct bin_sym *find_defined(const struct binary *b, const char *name)
{
	for (size_t i = 0; i < b->syms.n; i++) {
		const struct bin_sym *s = &b->syms.v[i];
		if (s->defined && s->bind != SYM_LOCAL && s->name && !strcmp(s->name, name))
			return s;
	}
	return NULL;
}

static void napi_declared(struct elf *x)
{
	struct binary *b = x->b;
	const struct bin_sym *s = find_defined(b, "node_api_module_get_api_version_v1");
	if (!s)
		return;
	uint64_t addr = s->value;
	const char *isa = b->arch;
	if (b->elf.machine == EM_ARM && (addr & 1)) {
		addr &= ~(uint64_t)1; /* Thumb bit: the code is Thumb */
		isa = "arm-thumb";
	}
	uint64_t off, avail;
	if (!va_avail(x, addr, &off, &avail)) {
		bin_note(x->a, b, "node_api_module_get_api_version_v1 at 0x%llx is not in the file's mapped bytes",
			 (unsigned long long)addr);
		return;
	}
	uint8_t code[32];
	size_t n = avail < sizeof code ? (size_t)avail : sizeof code;
	int64_t v;
	if (!rd(x, off, code, n))
		return;
	if (addon_decode_const_return(code, n, isa, b->endian, &v) && v >= 0 && v <= 0x7fffffff) {
		b->addon.napi_declared = (int)v;
		b->addon.napi_declared_why = arena_printf(x->a,
			"node_api_module_get_api_version_v1 returns %lld (code at file offset 0x%llx)",
			(long long)v, (unsigned long long)off);
	} else {
		b->addon.napi_declared_why = "node_api_module_get_api_version_v1 body not recognised";
	}
}

static const struct rel_target *relative_at(const struct elf *x, uint64_t where)
{
	size_t lo = 0, hi = x->relative.n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (x->relative.v[mid].where < where)
			lo = mid + 1;
		else if (x->relative.v[mid].where > where)
			hi = mid;
		else
			return &x->relative.v[mid];
	}
	return NULL;
}

/* A pointer slot's value: a RELATIVE relocation's target when there is one
 * (lld leaves the slot zero), else the bytes in the file. */
static bool ptr_at(struct elf *x, uint64_t addr, uint64_t *val, bool *relocated)
{
	const struct rel_target *r = relative_at(x, addr);
	*relocated = r != NULL;
	if (r) {
		*val = r->addend;
		return true;
	}
	uint64_t off;
	return va_to_off(x, addr, (uint64_t)x->bits / 8, &off) && rdw(x, off, val);
}

static bool printable_string_at(struct elf *x, uint64_t addr)
{
	uint64_t off, avail;
	if (!va_avail(x, addr, &off, &avail))
		return false;
	const char *s = rdstr(x, off, off + (avail < 4096 ? avail : 4096), 4095);
	if (!s || !*s)
		return false;
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || (unsigned char)*s > 0x7e)
			return false;
	return true;
}

/*
 * Whether a node_module at addr looks real (loader-facts §2.1 layout):
 * nm_filename and nm_modname point at strings, nm_register_func or
 * nm_context_register_func at code.  With want_relocs, the string and
 * function slots must be RELATIVE relocations (the pattern search).
 */
static bool check_node_module(struct elf *x, uint64_t addr, bool want_relocs, int32_t *version, bool *has_entry)
{
	uint64_t w = (uint64_t)x->bits / 8;
	uint64_t f_file = 8 + w, f_reg = 8 + 2 * w, f_ctx = 8 + 3 * w, f_name = 8 + 4 * w;
	uint64_t off;
	/* the pattern search tries every relocated slot: rule candidates out
	 * from the sorted relocation list before reading any file bytes */
	if (want_relocs && (!relative_at(x, addr + f_file) || !relative_at(x, addr + f_name) ||
			    (!relative_at(x, addr + f_reg) && !relative_at(x, addr + f_ctx))))
		return false;
	if (!va_to_off(x, addr, 4, &off))
		return false;
	uint32_t v;
	if (!rd32(x, off, &v))
		return false;
	uint64_t pf, pn, pr, pc;
	bool rf, rn, rr, rc;
	if (!ptr_at(x, addr + f_file, &pf, &rf) || !ptr_at(x, addr + f_name, &pn, &rn) ||
	    !ptr_at(x, addr + f_reg, &pr, &rr) || !ptr_at(x, addr + f_ctx, &pc, &rc))
		return false;
	if (want_relocs && (!rf || !rn || (!rr && !rc)))
		return false;
	/* nm_version and nm_flags are plain ints: never relocated; every
	 * NODE_MODULE_VERSION so far is a small positive number */
	if (want_relocs && (relative_at(x, addr) || relative_at(x, addr + 4) || (int32_t)v <= 0 || v >= 10000))
		return false;
	if (want_relocs && (!printable_string_at(x, pf) || !printable_string_at(x, pn)))
		return false;
	bool entry = (pr && va_exec(x, pr)) || (pc && va_exec(x, pc));
	if (want_relocs && !entry)
		return false;
	*version = (int32_t)v;
	*has_entry = entry;
	return true;
}

/* .symtab fallback: a LOCAL OBJECT `_module` / `_ZL7_module` of node_module size. */
static bool find_module_symtab(struct elf *x, uint64_t *addr)
{
	const struct elf_facts *ef = &x->b->elf;
	uint64_t esz = x->bits == 64 ? 64 : 40;
	uint64_t want = x->bits == 64 ? 64 : 36;
	if (!ef->shoff || x->shentsize != esz)
		return false;
	for (uint64_t i = 0; i < ef->shnum && i < MAX_SHNUM; i++) {
		uint64_t p = ef->shoff + i * esz;
		uint32_t type, link;
		uint64_t off, size, entsize;
		if (!rd32(x, p + 4, &type))
			return false;
		if (type != SHT_SYMTAB)
			continue;
		bool ok = x->bits == 64 ? rdw(x, p + 24, &off) && rdw(x, p + 32, &size) && rd32(x, p + 40, &link) && rdw(x, p + 56, &entsize)
					: rdw(x, p + 16, &off) && rdw(x, p + 20, &size) && rd32(x, p + 24, &link) && rdw(x, p + 36, &entsize);
		uint64_t sesz = x->bits == 64 ? 24 : 16;
		if (!ok || entsize != sesz || link >= ef->shnum || link >= MAX_SHNUM)
			return false;
		uint64_t lp = ef->shoff + (uint64_t)link * esz, soff, ssize;
		if (!(x->bits == 64 ? rdw(x, lp + 24, &soff) && rdw(x, lp + 32, &ssize)
				    : rdw(x, lp + 16, &soff) && rdw(x, lp + 20, &ssize)))
			return false;
		uint64_t send;
		if (!ckd_add_u64(&send, soff, ssize))
			return false;
		if (size > x->size)
			size = x->size;
		uint64_t n = size / sesz;
		if (n > BIN_MAX_SYMS)
			n = BIN_MAX_SYMS;
		for (uint64_t k = 1; k < n; k++) {
			uint64_t sp = off + k * sesz, value, ssz;
			uint32_t name;
			uint8_t info;
			bool sok = x->bits == 64 ? rd32(x, sp, &name) && rd8(x, sp + 4, &info) && rdw(x, sp + 8, &value) && rdw(x, sp + 16, &ssz)
						 : rd32(x, sp, &name) && rdw(x, sp + 4, &value) && rdw(x, sp + 8, &ssz) && rd8(x, sp + 12, &info);
			if (!sok)
				return false;
			if (info != 0x01 /* LOCAL OBJECT */ || ssz != want)
				continue;
			char nm[12] = {0};
			uint64_t no;
			if (!ckd_add_u64(&no, soff, name) || no >= send)
				continue;
			uint64_t left = send - no;
			size_t take = left < sizeof nm ? (size_t)left : sizeof nm;
			if (!rd(x, no, nm, take))
				continue;
			if ((take >= 8 && !memcmp(nm, "_module", 8)) || (take >= 12 && !memcmp(nm, "_ZL7_module", 12))) {
				*addr = value;
				return true;
			}
		}
		return false;
	}
	return false;
}

/* x86-64: the constructor's `lea rdi,[rip+X]` before its call/jmp to
 * node_module_register (loader-facts §2.3): X is &_module. */
static bool find_module_ctor(struct elf *x, uint64_t *addr)
{
	if (x->b->elf.machine != EM_X86_64 || x->bits != 64 || !x->has[DT_INIT_ARRAY])
		return false;
	uint64_t n = x->has[DT_INIT_ARRAYSZ] ? x->d[DT_INIT_ARRAYSZ] / 8 : 0;
	for (uint64_t i = 0; i < n && i < 64; i++) {
		uint64_t fn;
		bool rel;
		if (!ptr_at(x, x->d[DT_INIT_ARRAY] + 8 * i, &fn, &rel) || !fn)
			continue;
		uint64_t off, avail;
		if (!va_avail(x, fn, &off, &avail))
			continue;
		uint8_t c[48];
		size_t m = avail < sizeof c ? (size_t)avail : sizeof c;
		if (!rd(x, off, c, m))
			continue;
		for (size_t k = 0; k + 7 <= m; k++) {
			if (c[k] != 0x48 || c[k + 1] != 0x8d || c[k + 2] != 0x3d)
				continue;
			int32_t disp = (int32_t)((uint32_t)c[k + 3] | (uint32_t)c[k + 4] << 8 |
						 (uint32_t)c[k + 5] << 16 | (uint32_t)c[k + 6] << 24);
			/* a call or jmp within the next few instructions */
			bool call = false;
			for (size_t j = k + 7; j < m && j < k + 7 + 12; j++)
				if (c[j] == 0xe8 || c[j] == 0xe9)
					call = true;
			if (!call)
				continue;
			*addr = fn + k + 7 + (uint64_t)(int64_t)disp;
			return true;
		}
	}
	return false;
}

/*
 * Node <= 0.10 had no registration call: NODE_MODULE(name, fn) exported a
 * data symbol `<name>_module` (struct node_module_struct: int version, then
 * dso_handle, filename, register_func, modname: 40 bytes LP64, 20 ILP32)
 * and DLOpen compared its version field (node v0.10 src/node.cc).  Only
 * looked for when nothing newer registers.
 */
static void node010_module(struct elf *x)
{
	struct binary *b = x->b;
	struct addon_facts *f = &b->addon;
	if (f->legacy_nm_version >= 0)
		return;
	uint64_t want = b->bits == 64 ? 40 : 20;
	for (size_t i = 0; i < b->syms.n; i++) {
		const struct bin_sym *sym = &b->syms.v[i];
		if (!sym->defined || sym->bind == SYM_LOCAL || sym->type != SYM_OBJECT || !sym->name)
			continue;
		if (!strcmp(sym->name, "napi_register_module_v1") || !strncmp(sym->name, "node_register_module_v", 22))
			return;
		size_t n = strlen(sym->name);
		if (n <= 7 || strcmp(sym->name + n - 7, "_module") || (sym->size && sym->size != want))
			continue;
		uint64_t off, avail;
		uint32_t ver;
		if (!va_avail(x, sym->value, &off, &avail) || avail < 4 || !rd32(x, off, &ver) ||
		    ver == 0 || ver > 99)
			continue;
		f->legacy_nm_version = (int)ver;
		f->legacy_has_entry = true;
		f->abi_why = arena_printf(x->a, "version %u in the exported %s struct (Node <= 0.10 style)",
					  ver, sym->name);
		return;
	}
}

static void legacy_module(struct elf *x)
{
	struct binary *b = x->b;
	bool imports = false;
	for (size_t i = 0; i < b->syms.n; i++)
		if (!b->syms.v[i].defined && b->syms.v[i].name && !strcmp(b->syms.v[i].name, "node_module_register"))
			imports = true;
	if (!imports)
		return;
	int32_t v = 0;
	bool entry = false;
	uint64_t addr = 0, off;
	const char *how = NULL;
	if (find_module_symtab(x, &addr) && check_node_module(x, addr, false, &v, &entry))
		how = "node_module `_module` (.symtab)";
	if (!how && find_module_ctor(x, &addr) && check_node_module(x, addr, false, &v, &entry) && entry)
		how = "node_module passed by the constructor";
	if (!how) {
		uint64_t w = (uint64_t)x->bits / 8;
		uint64_t f_file = 8 + w;
		unsigned matches = 0;
		int32_t first_v = 0;
		for (size_t i = 0; i < x->relative.n && matches < 16; i++) {
			uint64_t cand = x->relative.v[i].where - f_file;
			if (x->relative.v[i].where < f_file)
				continue;
			int32_t cv;
			bool ce;
			if (check_node_module(x, cand, true, &cv, &ce)) {
				if (!matches) {
					addr = cand;
					first_v = cv;
					entry = ce;
				} else if (cv != first_v) {
					bin_note(x->a, b, "several node_module-like structs with different nm_version (%d, %d); used the first",
						 first_v, cv);
				}
				matches++;
			}
		}
		if (matches) {
			v = first_v;
			how = "node_module found by its relocation pattern";
		}
	}
	if (!how)
		return;
	if (!va_to_off(x, addr, 4, &off))
		return;
	b->addon.legacy_nm_version = v;
	b->addon.legacy_has_entry = entry;
	/* nm_modname (8 + 4 words in): Bun's mismatch message quotes it */
	uint64_t pn, noff, navail;
	bool nrel;
	if (ptr_at(x, addr + 8 + 4 * ((uint64_t)x->bits / 8), &pn, &nrel) && printable_string_at(x, pn) &&
	    va_avail(x, pn, &noff, &navail))
		b->addon.legacy_modname = rdstr(x, noff, noff + (navail < 4096 ? navail : 4096), 4095);
	b->addon.abi_why = arena_printf(x->a, "nm_version %d in %s at file offset 0x%llx",
					v, how, (unsigned long long)off);
}

/* --- entry point -------------------------------------------------------- */

int elf_parse(struct rfile *rf, uint64_t base, uint64_t size, struct arena *a,
	      struct binary *b, const char **err)
{
	struct elf *x = arena_alloc(a, sizeof *x);
	if (!x) {
		*err = "out of memory";
		return -1;
	}
	x->rf = rf;
	x->base = base;
	x->size = size;
	x->a = a;
	x->b = b;
	b->format = BIN_ELF;

	struct elf_facts *ef = &b->elf;
	if (size < 16 || !rd(x, 0, ef->ident, 16)) {
		*err = arena_printf(a, "truncated ELF header: file has %llu bytes, needs at least 16",
				    (unsigned long long)size);
		return -1;
	}
	uint8_t cls = ef->ident[4], data = ef->ident[5];
	if (cls != 1 && cls != 2) {
		*err = arena_printf(a, "invalid ELF class byte %u (EI_CLASS must be 1 or 2)", cls);
		return -1;
	}
	if (data != 1 && data != 2) {
		*err = arena_printf(a, "invalid ELF data encoding byte %u (EI_DATA must be 1 or 2)", data);
		return -1;
	}
	x->bits = cls == 2 ? 64 : 32;
	x->e = data == 2 ? BE : LE;
	b->bits = x->bits;
	b->endian = data == 2 ? BIN_BIG : BIN_LITTLE;
	uint64_t ehsize = x->bits == 64 ? 64 : 52;
	if (size < ehsize) {
		*err = arena_printf(a, "truncated ELF header: file has %llu bytes, needs %llu",
				    (unsigned long long)size, (unsigned long long)ehsize);
		return -1;
	}
	uint64_t w = (uint64_t)x->bits / 8;
	uint16_t shentsize;
	bool ok = rd16(x, 16, &ef->type) && rd16(x, 18, &ef->machine) && rd32(x, 20, &ef->version) &&
		  rdw(x, 24, &ef->entry) && rdw(x, 24 + w, &ef->phoff) && rdw(x, 24 + 2 * w, &ef->shoff) &&
		  rd32(x, 24 + 3 * w, &ef->flags) && rd16(x, 28 + 3 * w, &ef->ehsize) &&
		  rd16(x, 30 + 3 * w, &ef->phentsize) && rd16(x, 32 + 3 * w, &ef->phnum) &&
		  rd16(x, 34 + 3 * w, &shentsize) && rd16(x, 36 + 3 * w, &ef->shnum);
	if (!ok) {
		*err = "cannot read the ELF header";
		return -1;
	}
	x->shentsize = shentsize;

	b->arch = elf_machine_arch(ef->machine, x->bits, b->endian);
	b->arch_detail = machine_detail(a, ef->machine, x->bits, b->endian, ef->flags);
	switch (ef->type) {
	case ET_REL: b->filetype = "relocatable"; break;
	case ET_EXEC: b->filetype = "executable"; break;
	case ET_CORE: b->filetype = "core"; break;
	case ET_DYN: b->filetype = "shared-object"; break;
	default: b->filetype = arena_printf(a, "e_type 0x%x", ef->type); break;
	}

	uint64_t dyn_off = 0, dyn_size = 0;
	if (parse_phdrs(x, &dyn_off, &dyn_size) < 0)
		goto oom;
	/* Only loadable objects get a stack from the loader; a relocatable
	 * object's wish is its .note.GNU-stack section, for the linker. */
	if (!ef->gnu_stack && x->phdrs_complete && (ef->type == ET_DYN || ef->type == ET_EXEC))
		ef->exec_stack = default_stack_exec(ef->machine, x->bits);
	if (ef->has_dynamic) {
		if (parse_dynamic(x, dyn_off, dyn_size) < 0)
			goto oom;
		if (x->has_verneed && parse_verneed(x) < 0)
			goto oom;
		if (x->has_verdef && parse_verdef(x) < 0)
			goto oom;
		if (b->parse_library)
			setup_symtab(x);
		if (x->has[DT_SYMTAB] && parse_dynsym(x) < 0)
			goto oom;
		x->keep_relative = !b->parse_library && may_be_legacy(b);
		if (do_relocs(x) < 0)
			goto oom;
	} else if (ef->type == ET_DYN) {
		bin_note(a, b, "shared object without PT_DYNAMIC");
	}
	/* A PIE is ET_DYN with an interpreter, or flagged DF_1_PIE by the linker. */
	if (ef->type == ET_DYN && (ef->has_interp || (x->flags_1 & DF_1_PIE)))
		b->filetype = "pie-executable";

	libc_and_os(x);
	if (!b->parse_library && (ef->type == ET_DYN || ef->type == ET_EXEC)) {
		napi_declared(x);
		legacy_module(x);
		node010_module(x);
	}
	addon_classify(a, b, false);
	if (a->failed)
		goto oom;
	return 0;
oom:
	*err = "out of memory (or the file asks for more than the allocation cap)";
	return -1;
}
