/*
 * macho.c - Mach-O (thin 32/64-bit, either byte order) and universal files.
 *
 * Fills struct binary from the header and load commands: CPU in Node's and
 * dyld's words, platform and minimum OS, the dylibs and LC_RPATHs dyld will
 * search, exported names (export trie, else symtab), imported names with
 * their two-level library or flat lookup, and whether dyld binds each import
 * while dlopen runs or only on first call (lazy bind opcodes).
 * Facts come from <mach-o/loader.h>, <mach-o/fat.h>, <mach-o/nlist.h> and
 * dyld (dyld-1378: MachOFile.cpp, Loader.cpp); see reference/loader-facts §7.
 * Every count and offset is checked against the load-command window or the
 * slice; a lie leaves a note and a partial answer, never a crash or a hang.
 */
#include "parse.h"

#include <string.h>

/* <mach-o/loader.h> */
#define MH_MAGIC        0xfeedfaceu
#define MH_MAGIC_64     0xfeedfacfu
#define MH_CIGAM        0xcefaedfeu
#define MH_CIGAM_64     0xcffaedfeu
#define FAT_MAGIC       0xcafebabeu
#define FAT_MAGIC_64    0xcafebabfu
#define MH_OBJECT       1
#define MH_TWOLEVEL     0x80u

#define LC_REQ_DYLD             0x80000000u
#define LC_SEGMENT              0x1u
#define LC_SYMTAB               0x2u
#define LC_DYSYMTAB             0xbu
#define LC_LOAD_DYLIB           0xcu
#define LC_ID_DYLIB             0xdu
#define LC_LOAD_WEAK_DYLIB      (0x18u | LC_REQ_DYLD)
#define LC_SEGMENT_64           0x19u
#define LC_UUID                 0x1bu
#define LC_RPATH                (0x1cu | LC_REQ_DYLD)
#define LC_CODE_SIGNATURE       0x1du
#define LC_REEXPORT_DYLIB       (0x1fu | LC_REQ_DYLD)
#define LC_LAZY_LOAD_DYLIB      0x20u
#define LC_DYLD_INFO            0x22u
#define LC_DYLD_INFO_ONLY       (0x22u | LC_REQ_DYLD)
#define LC_LOAD_UPWARD_DYLIB    (0x23u | LC_REQ_DYLD)
#define LC_VERSION_MIN_MACOSX   0x24u
#define LC_VERSION_MIN_IPHONEOS 0x25u
#define LC_VERSION_MIN_TVOS     0x2fu
#define LC_VERSION_MIN_WATCHOS  0x30u
#define LC_BUILD_VERSION        0x32u
#define LC_DYLD_EXPORTS_TRIE    (0x33u | LC_REQ_DYLD)
#define LC_DYLD_CHAINED_FIXUPS  (0x34u | LC_REQ_DYLD)

/* <mach/machine.h> */
#define CPU_ARCH_ABI64      0x01000000u
#define CPU_ARCH_ABI64_32   0x02000000u
#define CPU_TYPE_X86        7u
#define CPU_TYPE_ARM        12u
#define CPU_TYPE_PPC        18u
#define CPU_SUBTYPE_MASK    0xff000000u /* capability bits, e.g. arm64e PAC ABI */

/* <mach-o/nlist.h> */
#define N_STAB      0xe0u
#define N_PEXT      0x10u
#define N_TYPE      0x0eu
#define N_EXT       0x01u
#define N_UNDF      0x0u
#define N_ABS       0x2u
#define N_SECT      0xeu
#define N_WEAK_REF  0x0040u
#define N_WEAK_DEF  0x0080u
#define SELF_LIBRARY_ORDINAL   0x0u
#define DYNAMIC_LOOKUP_ORDINAL 0xfeu
#define EXECUTABLE_ORDINAL     0xffu

/* Section attributes that mark code (section flags). */
#define S_ATTR_PURE_INSTRUCTIONS 0x80000000u
#define S_ATTR_SOME_INSTRUCTIONS 0x00000400u
#define SECTION_TYPE             0xffu

/* Export trie terminal flags (<mach-o/loader.h>). */
#define EXPORT_KIND_MASK          0x03u
#define EXPORT_KIND_THREAD_LOCAL  0x01u
#define EXPORT_WEAK_DEFINITION    0x04u
#define EXPORT_REEXPORT           0x08u
#define EXPORT_STUB_AND_RESOLVER  0x10u

/* Limits on hostile structures (ours, far past real binaries). */
#define TRIE_MAX_DEPTH   128
#define TRIE_MAX_NODES   2000000u
#define MAX_SECTIONS     255u    /* n_sect is 8 bits: no symbol can name more */
#define MAX_LOAD_CMDS    100000u

/* What an image says where is its code and data, for vmaddr -> offset. */
struct mo_range {
	uint64_t vmaddr, vmsize, fileoff, filesize;
	uint32_t flags;     /* section flags; 0 for a segment */
	bool is_section;
};

/* Per-thin-image parse state.  Offsets are relative to `base`. */
struct mo {
	struct rfile *rf;
	struct arena *a;
	struct binary *b;
	uint64_t base, size;
	enum endian e;
	bool is64;
	uint32_t filetype, flags;
	VEC(struct mo_range) ranges;   /* segments and sections, in file order */
	size_t nsections;
	uint32_t sect_flags[MAX_SECTIONS + 1]; /* by 1-based n_sect */
	uint64_t header_vmaddr;        /* vmaddr of the segment holding the header */
	bool have_header_vmaddr;
	bool have_symtab;
	uint32_t symoff, nsyms, stroff, strsize;
	bool have_dyld_info;
	uint32_t bind_off, bind_size, lazy_off, lazy_size, export_off, export_size;
	bool have_exports_trie;
	uint32_t trie_off, trie_size;
	bool have_chained;
	uint32_t chained_off, chained_size;
	int module_sym_found;          /* local __module / __ZL7_module */
	uint64_t module_vmaddr;
};

/* --- bounded reads inside the image window ---------------------------- */

static bool get8(struct mo *m, uint64_t off, uint8_t *v)
{
	return range_ok(off, 1, m->size) && rf_u8(m->rf, m->base + off, v);
}
static bool get16(struct mo *m, uint64_t off, uint16_t *v)
{
	return range_ok(off, 2, m->size) && rf_u16(m->rf, m->base + off, m->e, v);
}
static bool get32(struct mo *m, uint64_t off, uint32_t *v)
{
	return range_ok(off, 4, m->size) && rf_u32(m->rf, m->base + off, m->e, v);
}
static bool get64(struct mo *m, uint64_t off, uint64_t *v)
{
	return range_ok(off, 8, m->size) && rf_u64(m->rf, m->base + off, m->e, v);
}
static bool getword(struct mo *m, uint64_t off, uint64_t *v)
{
	if (m->is64)
		return get64(m, off, v);
	uint32_t w;
	if (!get32(m, off, &w))
		return false;
	*v = w;
	return true;
}

/* A string at off that must end before `end` (its command or table). */
static char *get_str(struct mo *m, uint64_t off, uint64_t end, size_t max)
{
	if (end > m->size)
		end = m->size;
	if (off >= end)
		return NULL;
	return rf_str(m->rf, m->a, m->base + off, m->base + end, max);
}

/* Copies the string at off (ending before end) into buf; false if there is
 * no NUL within cap bytes.  For names we only compare: no arena copy. */
static bool get_cstr(struct mo *m, uint64_t off, uint64_t end, char *buf, size_t cap, size_t *len)
{
	if (end > m->size)
		end = m->size;
	size_t n = 0;
	while (off < end && n < cap) {
		uint64_t want = end - off;
		size_t chunk = want < 256 ? (size_t)want : 256;
		if (chunk > cap - n)
			chunk = cap - n;
		if (!rf_read(m->rf, m->base + off, buf + n, chunk))
			return false;
		char *z = memchr(buf + n, 0, chunk);
		if (z) {
			*len = (size_t)(z - buf);
			return true;
		}
		n += chunk;
		off += chunk;
	}
	return false;
}

/* ULEB128 as used by dyld's opcode streams and export trie. */
static bool uleb(struct mo *m, uint64_t *pos, uint64_t end, uint64_t *out)
{
	uint64_t v = 0;
	for (unsigned shift = 0; shift < 64; shift += 7) {
		uint8_t byte;
		if (*pos >= end || !get8(m, *pos, &byte))
			return false;
		(*pos)++;
		v |= (uint64_t)(byte & 0x7f) << shift;
		if (!(byte & 0x80)) {
			*out = v;
			return true;
		}
	}
	return false; /* more than 64 bits */
}

/* Clamps a (offset, size) table to the image; notes when it had to. */
static bool table_window(struct mo *m, const char *what, uint32_t off, uint32_t *size)
{
	if (*size == 0)
		return false;
	if (off >= m->size) {
		bin_note(m->a, m->b, "%s at offset 0x%x lies past the end of the image (%llu bytes)",
			 what, off, (unsigned long long)m->size);
		return false;
	}
	if (!range_ok(off, *size, m->size)) {
		bin_note(m->a, m->b, "%s at 0x%x claims %u bytes, only %llu in the image; read what is there",
			 what, off, *size, (unsigned long long)(m->size - off));
		*size = (uint32_t)(m->size - off);
	}
	return true;
}

/* --- words ------------------------------------------------------------- */

static const char *arm_subtype_name(uint32_t sub)
{
	static const char *const names[] = {
		[5] = "armv4t", [6] = "armv6", [7] = "armv5", [8] = "xscale", [9] = "armv7",
		[10] = "armv7f", [11] = "armv7s", [12] = "armv7k", [13] = "armv8", [14] = "armv6m",
		[15] = "armv7m", [16] = "armv7em", [17] = "armv8m",
	};
	return sub < sizeof names / sizeof *names && names[sub] ? names[sub] : "arm";
}

/*
 * cputype/cpusubtype -> process.arch word and dyld's arch name, the name
 * dyld prints in "(have 'x86_64', need 'arm64e' or 'arm64')"
 * (mach_o/Architecture.cpp).  The subtype's top byte holds capability bits
 * (arm64e pointer-auth ABI version), so it is masked before comparing.
 */
static void cpu_words(struct arena *a, uint32_t cpu, uint32_t subtype, const char **arch,
		      const char **detail)
{
	uint32_t sub = subtype & ~CPU_SUBTYPE_MASK;
	*arch = NULL;
	switch (cpu) {
	case CPU_TYPE_X86 | CPU_ARCH_ABI64:
		*arch = "x64";
		*detail = sub == 8 ? "x86_64h" : "x86_64";
		return;
	case CPU_TYPE_X86:
		*arch = "ia32";
		*detail = "i386";
		return;
	case CPU_TYPE_ARM | CPU_ARCH_ABI64:
		*arch = "arm64";
		*detail = sub == 2 ? "arm64e" : "arm64";
		return;
	case CPU_TYPE_ARM | CPU_ARCH_ABI64_32:
		*detail = "arm64_32"; /* watchOS ILP32: Node has no word for it */
		return;
	case CPU_TYPE_ARM:
		*arch = "arm";
		*detail = arm_subtype_name(sub);
		return;
	case CPU_TYPE_PPC:
		*arch = "ppc";
		*detail = "ppc";
		return;
	case CPU_TYPE_PPC | CPU_ARCH_ABI64:
		*arch = "ppc64";
		*detail = "ppc64";
		return;
	}
	*detail = arena_printf(a, "cputype 0x%x subtype 0x%x", cpu, subtype);
}

static const char *filetype_word(struct arena *a, uint32_t t)
{
	static const char *const names[] = {
		[1] = "object", [2] = "executable", [3] = "fvmlib", [4] = "core",
		[5] = "preload", [6] = "dylib", [7] = "dylinker", [8] = "bundle",
		[9] = "dylib-stub", [10] = "dsym", [11] = "kext-bundle", [12] = "fileset",
	};
	if (t < sizeof names / sizeof *names && names[t])
		return names[t];
	return arena_printf(a, "filetype %u", t);
}

/* LC_BUILD_VERSION platform numbers (<mach-o/loader.h> PLATFORM_*). */
static const char *platform_word(uint32_t p)
{
	static const char *const names[] = {
		[1] = "macos", [2] = "ios", [3] = "tvos", [4] = "watchos", [5] = "bridgeos",
		[6] = "maccatalyst", [7] = "iossimulator", [8] = "tvossimulator",
		[9] = "watchossimulator", [10] = "driverkit", [11] = "visionos",
		[12] = "visionossimulator",
	};
	return p < sizeof names / sizeof *names ? names[p] : NULL;
}

/* xxxx.yy.zz nibbles -> "x.y" or "x.y.z". */
static const char *version_str(struct arena *a, uint32_t v)
{
	if (v & 0xff)
		return arena_printf(a, "%u.%u.%u", v >> 16, (v >> 8) & 0xff, v & 0xff);
	return arena_printf(a, "%u.%u", v >> 16, (v >> 8) & 0xff);
}

static void set_platform(struct mo *m, const char *word, uint32_t minos, uint32_t sdk,
			 const char *source)
{
	struct binary *b = m->b;
	if (b->macho.platform && strcmp(b->macho.platform, word) != 0) {
		/* A zippered macOS + Catalyst dylib carries two; macOS decides. */
		if (strcmp(word, "macos") != 0)
			return;
	}
	b->macho.platform = word;
	b->macho.min_os = version_str(m->a, minos);
	b->macho.sdk = sdk ? version_str(m->a, sdk) : NULL;
	/* Node says "darwin" for macOS; Catalyst binaries also run there. */
	if (!strcmp(word, "macos") || !strcmp(word, "maccatalyst"))
		b->os = "darwin";
	else
		b->os = word;
	b->os_why = arena_printf(m->a, "%s platform %s, minimum %s", source, word, b->macho.min_os);
}

/* --- load commands ----------------------------------------------------- */

static void add_range(struct mo *m, uint64_t vmaddr, uint64_t vmsize, uint64_t fileoff,
		      uint64_t filesize, uint32_t flags, bool is_section)
{
	struct mo_range *r = VEC_PUSH(m->a, &m->ranges);
	if (!r)
		return;
	r->vmaddr = vmaddr;
	r->vmsize = vmsize;
	r->fileoff = fileoff;
	r->filesize = filesize;
	r->flags = flags;
	r->is_section = is_section;
}

static void parse_segment(struct mo *m, uint64_t off, uint32_t cmdsize, unsigned idx)
{
	uint64_t vmaddr, vmsize, fileoff, filesize;
	uint32_t nsects;
	uint64_t hdr = m->is64 ? 72 : 56, secsz = m->is64 ? 80 : 68;
	if (cmdsize < hdr) {
		bin_note(m->a, m->b, "load command %u: segment command too small (%u bytes)", idx, cmdsize);
		return;
	}
	int w = m->is64 ? 8 : 4;
	if (!getword(m, off + 24, &vmaddr) || !getword(m, off + 24 + w, &vmsize) ||
	    !getword(m, off + 24 + 2 * w, &fileoff) || !getword(m, off + 24 + 3 * w, &filesize) ||
	    !get32(m, off + 24 + 4 * w + 8, &nsects))
		return;
	uint64_t end;
	if (!ckd_add_u64(&end, fileoff, filesize)) {
		bin_note(m->a, m->b, "load command %u: segment file range overflows", idx);
		return;
	}
	if (end > m->b->macho.segs_end)
		m->b->macho.segs_end = end;
	if (fileoff == 0 && filesize > 0 && !m->have_header_vmaddr) {
		m->header_vmaddr = vmaddr;
		m->have_header_vmaddr = true;
	}
	add_range(m, vmaddr, vmsize, fileoff, filesize, 0, false);

	if ((uint64_t)nsects > (cmdsize - hdr) / secsz) {
		bin_note(m->a, m->b, "load command %u: %u sections do not fit in its %u bytes", idx,
			 nsects, cmdsize);
		nsects = (uint32_t)((cmdsize - hdr) / secsz);
	}
	for (uint32_t i = 0; i < nsects; i++) {
		uint64_t s = off + hdr + i * secsz;
		uint64_t addr, size;
		uint32_t offset, flags;
		if (!getword(m, s + 32, &addr) || !getword(m, s + 32 + w, &size) ||
		    !get32(m, s + 32 + 2 * w, &offset) || !get32(m, s + 32 + 2 * w + 16, &flags))
			return;
		if (m->nsections >= MAX_SECTIONS) {
			bin_note(m->a, m->b, "more than %u sections; the rest are ignored", MAX_SECTIONS);
			return;
		}
		uint32_t type = flags & SECTION_TYPE;
		/* zerofill sections (S_ZEROFILL 1, S_GB_ZEROFILL 0xc,
		 * S_THREAD_LOCAL_ZEROFILL 0x12) have no file bytes. */
		bool zerofill = type == 0x1 || type == 0xc || type == 0x12;
		add_range(m, addr, size, offset, zerofill ? 0 : size, flags, true);
		m->sect_flags[++m->nsections] = flags;
	}
}

static void add_lib(struct mo *m, uint64_t off, uint32_t cmdsize, uint32_t cmd, unsigned idx)
{
	uint32_t name_off;
	struct binary *b = m->b;
	if (cmdsize < 24 || !get32(m, off + 8, &name_off)) {
		bin_note(m->a, b, "load command %u: dylib command too small", idx);
		return;
	}
	if (b->libs.n >= BIN_MAX_LIBS) {
		bin_note(m->a, b, "more than %zu dylibs; the rest are ignored", BIN_MAX_LIBS);
		return;
	}
	const char *name = NULL;
	if (name_off >= 24 && name_off < cmdsize)
		name = get_str(m, off + name_off, off + cmdsize, BIN_MAX_PATHLEN);
	if (!name) {
		bin_note(m->a, b, "load command %u: dylib name at offset %u is not a string inside the command",
			 idx, name_off);
		/* Keep the slot: symbol library ordinals count every dylib command. */
		name = arena_printf(m->a, "(unreadable dylib name, load command %u)", idx);
	}
	if (cmd == LC_ID_DYLIB) {
		b->macho.install_name = name;
		return;
	}
	struct bin_lib *l = VEC_PUSH(m->a, &b->libs);
	if (!l)
		return;
	l->name = name;
	l->kind = cmd == LC_LOAD_WEAK_DYLIB ? LIB_WEAK
		: cmd == LC_REEXPORT_DYLIB ? LIB_REEXPORT
		: cmd == LC_LOAD_UPWARD_DYLIB ? LIB_UPWARD
		: cmd == LC_LAZY_LOAD_DYLIB ? LIB_LAZY : LIB_NEEDED;
}

static void parse_load_commands(struct mo *m, uint32_t ncmds, uint32_t sizeofcmds, uint64_t hdr)
{
	struct binary *b = m->b;
	uint64_t end = hdr + sizeofcmds;
	if (end > m->size) {
		bin_note(m->a, b, "load commands claim %u bytes but the file ends %llu bytes after the header",
			 sizeofcmds, (unsigned long long)(m->size - hdr));
		end = m->size;
	}
	uint64_t off = hdr;
	unsigned align = m->is64 ? 8 : 4;
	bool misaligned_noted = false;
	if (ncmds > MAX_LOAD_CMDS) {
		bin_note(m->a, b, "%u load commands claimed; reading at most %u", ncmds, MAX_LOAD_CMDS);
		ncmds = MAX_LOAD_CMDS;
	}
	for (uint32_t i = 0; i < ncmds; i++) {
		uint32_t cmd, cmdsize;
		if (off + 8 > end || !get32(m, off, &cmd) || !get32(m, off + 4, &cmdsize)) {
			bin_note(m->a, b, "load command %u of %u lies outside the %u bytes of load commands",
				 i, ncmds, sizeofcmds);
			return;
		}
		if (cmdsize < 8 || cmdsize > end - off) {
			bin_note(m->a, b, "load command %u (0x%x) has size %u, outside the load command area",
				 i, cmd, cmdsize);
			return;
		}
		if (cmdsize % align && !misaligned_noted) {
			/* dyld rejects this (MachOFile::validLoadCommands). */
			bin_note(m->a, b, "load command %u (0x%x) size %u is not a multiple of %u",
				 i, cmd, cmdsize, align);
			misaligned_noted = true;
		}
		uint32_t v1, v2, v3;
		switch (cmd) {
		case LC_SEGMENT:
			if (!m->is64)
				parse_segment(m, off, cmdsize, i);
			break;
		case LC_SEGMENT_64:
			if (m->is64)
				parse_segment(m, off, cmdsize, i);
			break;
		case LC_LOAD_DYLIB:
		case LC_LOAD_WEAK_DYLIB:
		case LC_REEXPORT_DYLIB:
		case LC_LOAD_UPWARD_DYLIB:
		case LC_LAZY_LOAD_DYLIB:
		case LC_ID_DYLIB:
			add_lib(m, off, cmdsize, cmd, i);
			break;
		case LC_RPATH: {
			const char *p = NULL;
			if (cmdsize >= 12 && get32(m, off + 8, &v1) && v1 >= 12 && v1 < cmdsize)
				p = get_str(m, off + v1, off + cmdsize, BIN_MAX_PATHLEN);
			if (!p) {
				bin_note(m->a, b, "load command %u: LC_RPATH path is not a string inside the command", i);
				break;
			}
			const char **slot = b->rpaths.n < BIN_MAX_LIBS ? VEC_PUSH(m->a, &b->rpaths) : NULL;
			if (slot)
				*slot = p;
			break;
		}
		case LC_BUILD_VERSION:
			if (cmdsize >= 24 && get32(m, off + 8, &v1) && get32(m, off + 12, &v2) &&
			    get32(m, off + 16, &v3)) {
				const char *w = platform_word(v1);
				if (!w)
					w = arena_printf(m->a, "platform %u", v1);
				set_platform(m, w, v2, v3, "LC_BUILD_VERSION");
			}
			break;
		case LC_VERSION_MIN_MACOSX:
		case LC_VERSION_MIN_IPHONEOS:
		case LC_VERSION_MIN_TVOS:
		case LC_VERSION_MIN_WATCHOS:
			if (cmdsize >= 16 && get32(m, off + 8, &v1) && get32(m, off + 12, &v2)) {
				const char *w = cmd == LC_VERSION_MIN_MACOSX ? "macos"
					: cmd == LC_VERSION_MIN_IPHONEOS ? "ios"
					: cmd == LC_VERSION_MIN_TVOS ? "tvos" : "watchos";
				const char *src = cmd == LC_VERSION_MIN_MACOSX ? "LC_VERSION_MIN_MACOSX"
					: cmd == LC_VERSION_MIN_IPHONEOS ? "LC_VERSION_MIN_IPHONEOS"
					: cmd == LC_VERSION_MIN_TVOS ? "LC_VERSION_MIN_TVOS" : "LC_VERSION_MIN_WATCHOS";
				set_platform(m, w, v1, v2, src);
			}
			break;
		case LC_UUID:
			if (cmdsize >= 24 && range_ok(off + 8, 16, m->size) &&
			    rf_read(m->rf, m->base + off + 8, b->macho.uuid, 16))
				b->macho.has_uuid = true;
			break;
		case LC_SYMTAB:
			if (cmdsize >= 24 && get32(m, off + 8, &m->symoff) && get32(m, off + 12, &m->nsyms) &&
			    get32(m, off + 16, &m->stroff) && get32(m, off + 20, &m->strsize))
				m->have_symtab = true;
			break;
		case LC_DYSYMTAB:
			break; /* the symtab's own type bits say local/defined/undefined */
		case LC_DYLD_INFO:
		case LC_DYLD_INFO_ONLY:
			if (cmdsize >= 48 && get32(m, off + 16, &m->bind_off) && get32(m, off + 20, &m->bind_size) &&
			    get32(m, off + 32, &m->lazy_off) && get32(m, off + 36, &m->lazy_size) &&
			    get32(m, off + 40, &m->export_off) && get32(m, off + 44, &m->export_size))
				m->have_dyld_info = true;
			break;
		case LC_DYLD_EXPORTS_TRIE:
			if (cmdsize >= 16 && get32(m, off + 8, &m->trie_off) && get32(m, off + 12, &m->trie_size))
				m->have_exports_trie = true;
			break;
		case LC_DYLD_CHAINED_FIXUPS:
			b->macho.chained_fixups = true;
			if (cmdsize >= 16 && get32(m, off + 8, &m->chained_off) &&
			    get32(m, off + 12, &m->chained_size))
				m->have_chained = true;
			break;
		case LC_CODE_SIGNATURE:
			b->macho.has_code_signature = true;
			break;
		default:
			break;
		}
		off += cmdsize;
	}
}

/* --- symbols ----------------------------------------------------------- */

static struct bin_sym *new_sym(struct mo *m)
{
	if (m->b->syms.n >= BIN_MAX_SYMS) {
		if (m->b->syms.n == BIN_MAX_SYMS)
			bin_note(m->a, m->b, "more than %zu symbols; the rest are ignored", BIN_MAX_SYMS);
		return NULL;
	}
	return VEC_PUSH(m->a, &m->b->syms);
}

/* The range (section preferred) that holds vmaddr, or NULL. */
static const struct mo_range *range_of(const struct mo *m, uint64_t vmaddr)
{
	for (size_t pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < m->ranges.n; i++) {
			const struct mo_range *r = &m->ranges.v[i];
			if (r->is_section != (pass == 0))
				continue;
			if (vmaddr >= r->vmaddr && vmaddr - r->vmaddr < r->vmsize)
				return r;
		}
	return NULL;
}

/* vmaddr -> image offset with `avail` file bytes from there on. */
static bool vm_to_off(const struct mo *m, uint64_t vmaddr, uint64_t *off, uint64_t *avail)
{
	const struct mo_range *r = range_of(m, vmaddr);
	if (!r || vmaddr - r->vmaddr >= r->filesize)
		return false;
	if (!ckd_add_u64(off, r->fileoff, vmaddr - r->vmaddr) || *off >= m->size)
		return false;
	*avail = r->filesize - (vmaddr - r->vmaddr);
	if (*avail > m->size - *off)
		*avail = m->size - *off;
	return true;
}

static uint8_t sym_type_at(const struct mo *m, uint64_t vmaddr)
{
	const struct mo_range *r = range_of(m, vmaddr);
	if (!r || !r->is_section)
		return SYM_NOTYPE;
	if (r->flags & (S_ATTR_PURE_INSTRUCTIONS | S_ATTR_SOME_INSTRUCTIONS))
		return SYM_FUNC;
	return SYM_OBJECT;
}

/* Reads LC_SYMTAB: imports always, exports only when there is no trie. */
static void read_symtab(struct mo *m, bool exports_from_trie)
{
	struct binary *b = m->b;
	uint64_t entsz = m->is64 ? 16 : 12;
	uint32_t strsize = m->strsize;
	if (!table_window(m, "string table", m->stroff, &strsize))
		return;
	uint64_t bytes = (uint64_t)m->nsyms * entsz;
	uint64_t nsyms = m->nsyms;
	if (m->symoff >= m->size) {
		bin_note(m->a, b, "symbol table at 0x%x lies past the end of the image", m->symoff);
		return;
	}
	if (!range_ok(m->symoff, bytes, m->size)) {
		nsyms = (m->size - m->symoff) / entsz;
		bin_note(m->a, b, "symbol table claims %u entries, only %llu fit in the file", m->nsyms,
			 (unsigned long long)nsyms);
	}
	uint64_t strend = (uint64_t)m->stroff + strsize;
	size_t bad_strx = 0;
	for (uint64_t i = 0; i < nsyms; i++) {
		uint64_t e = m->symoff + i * entsz;
		uint32_t strx;
		uint8_t type, sect;
		uint16_t desc;
		uint64_t value;
		if (!get32(m, e, &strx) || !get8(m, e + 4, &type) || !get8(m, e + 5, &sect) ||
		    !get16(m, e + 6, &desc) || !getword(m, e + 8, &value)) {
			bin_note(m->a, b, "symbol %llu unreadable", (unsigned long long)i);
			return;
		}
		if (type & N_STAB)
			continue;
		uint8_t kind = type & N_TYPE;
		bool ext = (type & N_EXT) && !(type & N_PEXT);
		bool undef = kind == N_UNDF && (type & N_EXT) && value == 0;
		bool want_local_module = !ext && kind == N_SECT && !m->module_sym_found;
		if (!undef && !(ext && !exports_from_trie && (kind == N_SECT || kind == N_ABS || kind == N_UNDF)) &&
		    !want_local_module)
			continue;
		if (strx >= strsize) {
			bad_strx++;
			continue;
		}
		if (want_local_module) {
			/* NODE_MODULE's `static node_module _module`: C++ mangles
			 * it __ZL7_module (__Z7_module when not static), C keeps
			 * __module (leading '_' added). */
			char nb[16];
			size_t len;
			if (get_cstr(m, m->stroff + strx, strend, nb, sizeof nb, &len) &&
			    (!strcmp(nb, "__ZL7_module") || !strcmp(nb, "__Z7_module") || !strcmp(nb, "__module"))) {
				m->module_sym_found = 1;
				m->module_vmaddr = value;
			}
			continue;
		}
		const char *name = get_str(m, m->stroff + strx, strend, BIN_MAX_STRLEN);
		if (!name) {
			bad_strx++;
			continue;
		}
		struct bin_sym *s = new_sym(m);
		if (!s)
			return;
		s->name = name;
		if (undef) {
			s->defined = false;
			s->bind = (desc & N_WEAK_REF) ? SYM_WEAK : SYM_GLOBAL;
			s->weak_ref = (desc & N_WEAK_REF) != 0;
			if (m->filetype == MH_OBJECT) {
				s->when = SYM_WHEN_NA; /* resolved by the static linker */
				continue;
			}
			s->when = SYM_WHEN_LOAD;
			/* Two-level namespace: the high byte of n_desc names the
			 * dylib (GET_LIBRARY_ORDINAL, <mach-o/nlist.h>).  Without
			 * MH_TWOLEVEL every lookup is flat. */
			if (!(m->flags & MH_TWOLEVEL)) {
				s->flat_lookup = true;
				continue;
			}
			unsigned ord = (desc >> 8) & 0xff;
			if (ord == DYNAMIC_LOOKUP_ORDINAL)
				s->flat_lookup = true;
			else if (ord == EXECUTABLE_ORDINAL)
				s->lib = "(main executable)";
			else if (ord != SELF_LIBRARY_ORDINAL) {
				if (ord <= b->libs.n)
					s->lib = b->libs.v[ord - 1].name;
				else
					bin_note(m->a, b, "%s names dylib #%u but there are %zu", name, ord, b->libs.n);
			}
		} else {
			s->defined = true;
			s->value = value;
			s->bind = (desc & N_WEAK_DEF) ? SYM_WEAK : SYM_GLOBAL;
			if (kind == N_SECT && sect >= 1 && sect <= m->nsections)
				s->type = (m->sect_flags[sect] & (S_ATTR_PURE_INSTRUCTIONS | S_ATTR_SOME_INSTRUCTIONS))
					? SYM_FUNC : SYM_OBJECT;
		}
	}
	if (bad_strx)
		bin_note(m->a, b, "%zu symbols have names outside the string table", bad_strx);
}

/* --- export trie ------------------------------------------------------- */

struct trie {
	struct mo *m;
	uint64_t start, size;
	uint8_t *seen;        /* one bit per trie byte: node visited */
	char *name;
	size_t name_cap;
	unsigned nodes;
	bool stop;
};

static void trie_export(struct trie *t, size_t len, uint64_t pos, uint64_t end)
{
	struct mo *m = t->m;
	uint64_t flags, addr = 0;
	if (!uleb(m, &pos, end, &flags))
		return;
	if (flags & EXPORT_REEXPORT) {
		uint64_t ord;
		if (!uleb(m, &pos, end, &ord))
			return;
	} else if (!uleb(m, &pos, end, &addr)) {
		return;
	}
	struct bin_sym *s = new_sym(m);
	if (!s) {
		t->stop = true;
		return;
	}
	s->name = arena_strndup(m->a, t->name, len);
	s->defined = true;
	s->bind = (flags & EXPORT_WEAK_DEFINITION) ? SYM_WEAK : SYM_GLOBAL;
	if (!(flags & EXPORT_REEXPORT)) {
		/* Trie addresses are offsets from the mach header. */
		s->value = m->header_vmaddr + addr;
		s->type = (flags & EXPORT_KIND_MASK) == EXPORT_KIND_THREAD_LOCAL ? SYM_TLS
			: (flags & EXPORT_STUB_AND_RESOLVER) ? SYM_IFUNC : sym_type_at(m, s->value);
	}
}

/*
 * One node: terminal info, then children (edge string, node offset).
 * dyld itself rejects a trie whose walk revisits a node; a hostile trie can
 * point a child at itself or an ancestor, so each node is visited once and
 * depth is bounded.
 */
static void trie_walk(struct trie *t, uint64_t node, size_t len, int depth)
{
	struct mo *m = t->m;
	if (t->stop)
		return;
	if (depth > TRIE_MAX_DEPTH) {
		bin_note(m->a, m->b, "export trie deeper than %d levels; stopped there", TRIE_MAX_DEPTH);
		t->stop = true;
		return;
	}
	if (node >= t->size) {
		bin_note(m->a, m->b, "export trie child offset 0x%llx is past the trie (%llu bytes)",
			 (unsigned long long)node, (unsigned long long)t->size);
		t->stop = true;
		return;
	}
	if (t->seen[node / 8] & (1u << (node % 8))) {
		bin_note(m->a, m->b, "export trie loops back to node 0x%llx; stopped there",
			 (unsigned long long)node);
		t->stop = true;
		return;
	}
	t->seen[node / 8] |= (uint8_t)(1u << (node % 8));
	if (++t->nodes > TRIE_MAX_NODES) {
		bin_note(m->a, m->b, "export trie has more than %u nodes; stopped there", TRIE_MAX_NODES);
		t->stop = true;
		return;
	}
	uint64_t end = t->start + t->size;
	uint64_t pos = t->start + node, term;
	if (!uleb(m, &pos, end, &term) || term > end - pos) {
		bin_note(m->a, m->b, "export trie node 0x%llx is malformed", (unsigned long long)node);
		t->stop = true;
		return;
	}
	if (term)
		trie_export(t, len, pos, pos + term);
	pos += term;
	uint8_t nchild;
	if (pos >= end || !get8(m, pos, &nchild))
		return;
	pos++;
	for (unsigned i = 0; i < nchild && !t->stop; i++) {
		size_t elen;
		if (!get_cstr(m, pos, end, t->name + len, t->name_cap - len, &elen)) {
			bin_note(m->a, m->b, "export trie edge at 0x%llx is not a string inside the trie",
				 (unsigned long long)(pos - t->start));
			t->stop = true;
			return;
		}
		pos += elen + 1;
		uint64_t child;
		if (!uleb(m, &pos, end, &child)) {
			bin_note(m->a, m->b, "export trie child offset unreadable");
			t->stop = true;
			return;
		}
		trie_walk(t, child, len + elen, depth + 1);
	}
}

static bool read_export_trie(struct mo *m, uint32_t off, uint32_t size)
{
	if (!table_window(m, "export trie", off, &size))
		return false;
	struct trie t = {.m = m, .start = off, .size = size};
	t.seen = arena_calloc(m->a, (size + 7) / 8, 1);
	/* A name is a concatenation of edges, so never longer than the trie. */
	t.name_cap = size < BIN_MAX_STRLEN ? size + 1 : BIN_MAX_STRLEN;
	t.name = arena_alloc(m->a, t.name_cap);
	if (!t.seen || !t.name)
		return false;
	trie_walk(&t, 0, 0, 0);
	return true;
}

/* --- bind opcodes: which imports are lazily bound ---------------------- */

/* name -> index in b->syms, for undefined symbols only. */
struct symidx {
	size_t *slot;   /* index + 1; 0 = empty */
	size_t mask;
};

static uint32_t hash_name(const char *s)
{
	uint32_t h = 2166136261u;
	for (; *s; s++)
		h = (h ^ (uint8_t)*s) * 16777619u;
	return h;
}

static bool symidx_build(struct mo *m, struct symidx *ix)
{
	size_t n = 0;
	for (size_t i = 0; i < m->b->syms.n; i++)
		n += !m->b->syms.v[i].defined;
	size_t cap = 16;
	while (cap < n * 2)
		cap *= 2;
	ix->slot = arena_calloc(m->a, cap, sizeof *ix->slot);
	ix->mask = cap - 1;
	if (!ix->slot)
		return false;
	for (size_t i = 0; i < m->b->syms.n; i++) {
		if (m->b->syms.v[i].defined)
			continue;
		size_t h = hash_name(m->b->syms.v[i].name) & ix->mask;
		while (ix->slot[h])
			h = (h + 1) & ix->mask;
		ix->slot[h] = i + 1;
	}
	return true;
}

static long symidx_find(const struct mo *m, const struct symidx *ix, const char *name)
{
	size_t h = hash_name(name) & ix->mask;
	for (size_t probes = 0; ix->slot[h] && probes <= ix->mask; probes++) {
		size_t i = ix->slot[h] - 1;
		if (!strcmp(m->b->syms.v[i].name, name))
			return (long)i;
		h = (h + 1) & ix->mask;
	}
	return -1;
}

/*
 * Walks a bind opcode stream (<mach-o/loader.h> BIND_OPCODE_*) and ORs
 * `bit` into marks[] for every import it binds.  The lazy stream separates
 * entries with BIND_OPCODE_DONE, so DONE ends only the non-lazy stream.
 */
static void scan_binds(struct mo *m, const struct symidx *ix, uint8_t *marks, uint32_t off,
		       uint32_t size, uint8_t bit, const char *what)
{
	if (!table_window(m, what, off, &size))
		return;
	uint64_t pos = off, end = (uint64_t)off + size;
	long cur = -1;
	char name[4096];
	while (pos < end) {
		uint8_t byte;
		uint64_t skip;
		if (!get8(m, pos, &byte))
			return;
		pos++;
		uint8_t op = byte & 0xf0, imm = byte & 0x0f;
		switch (op) {
		case 0x00: /* DONE */
			if (bit == 1)
				return;
			break;
		case 0x10: /* SET_DYLIB_ORDINAL_IMM */
		case 0x30: /* SET_DYLIB_SPECIAL_IMM */
		case 0x50: /* SET_TYPE_IMM */
			break;
		case 0x20: /* SET_DYLIB_ORDINAL_ULEB */
		case 0x60: /* SET_ADDEND_SLEB: skipping it only needs its length */
		case 0x70: /* SET_SEGMENT_AND_OFFSET_ULEB */
		case 0x80: /* ADD_ADDR_ULEB */
			if (!uleb(m, &pos, end, &skip))
				goto bad;
			break;
		case 0x40: { /* SET_SYMBOL_TRAILING_FLAGS_IMM + name */
			size_t len;
			cur = -1;
			if (get_cstr(m, pos, end, name, sizeof name, &len)) {
				cur = symidx_find(m, ix, name);
			} else {
				char *big = get_str(m, pos, end, BIN_MAX_STRLEN);
				if (!big)
					goto bad;
				len = strlen(big);
				cur = symidx_find(m, ix, big);
			}
			pos += len + 1;
			break;
		}
		case 0x90: /* DO_BIND */
		case 0xb0: /* DO_BIND_ADD_ADDR_IMM_SCALED */
			if (cur >= 0)
				marks[cur] |= bit;
			break;
		case 0xa0: /* DO_BIND_ADD_ADDR_ULEB */
			if (!uleb(m, &pos, end, &skip))
				goto bad;
			if (cur >= 0)
				marks[cur] |= bit;
			break;
		case 0xc0: /* DO_BIND_ULEB_TIMES_SKIPPING_ULEB */
			if (!uleb(m, &pos, end, &skip) || !uleb(m, &pos, end, &skip))
				goto bad;
			if (cur >= 0)
				marks[cur] |= bit;
			break;
		case 0xd0: /* THREADED: 0 = SET_BIND_ORDINAL_TABLE_SIZE_ULEB, 1 = APPLY */
			if (imm == 0 && !uleb(m, &pos, end, &skip))
				goto bad;
			break;
		default:
			bin_note(m->a, m->b, "%s: unknown opcode 0x%02x at 0x%llx", what, byte,
				 (unsigned long long)(pos - 1));
			return;
		}
	}
	return;
bad:
	bin_note(m->a, m->b, "%s: truncated or malformed near 0x%llx", what, (unsigned long long)pos);
}

/*
 * dyld binds an import on first call only if it appears solely in the lazy
 * bind stream.  dyld3/dyld4 bind lazies up front too, but a missing one is
 * pointed at __dyld_missing_symbol_abort instead of failing dlopen (dyld
 * Loader.cpp resolveSymbol, "lazy bound symbols can be bound to
 * __dyld_missing_symbol_abort"); dyld2 bound it at first call.  Either way a
 * missing lazy import only fails when called.  Chained fixups have no lazy
 * binding, so those images keep SYM_WHEN_LOAD.
 */
static void mark_lazy(struct mo *m)
{
	if (!m->have_dyld_info || !m->lazy_size || m->b->macho.chained_fixups)
		return;
	struct symidx ix;
	uint8_t *marks = arena_calloc(m->a, m->b->syms.n ? m->b->syms.n : 1, 1);
	if (!marks || !symidx_build(m, &ix))
		return;
	scan_binds(m, &ix, marks, m->bind_off, m->bind_size, 1, "bind opcodes");
	scan_binds(m, &ix, marks, m->lazy_off, m->lazy_size, 2, "lazy bind opcodes");
	for (size_t i = 0; i < m->b->syms.n; i++)
		if (marks[i] == 2 && m->b->syms.v[i].when == SYM_WHEN_LOAD)
			m->b->syms.v[i].when = SYM_WHEN_LAZY;
}

/* --- chained fixups imports ------------------------------------------- */

/*
 * dyld_chained_fixups_header (<mach-o/fixup-chains.h>): the imports table
 * lists each bound name with its library ordinal, so a binary whose symtab
 * was stripped of undefined symbols still says what it needs.
 */
static void read_chained_imports(struct mo *m)
{
	struct binary *b = m->b;
	uint32_t size = m->chained_size;
	if (!table_window(m, "chained fixups", m->chained_off, &size))
		return;
	uint64_t h = m->chained_off, hend = h + size;
	uint32_t version, imports_off, symbols_off, count, imp_fmt, sym_fmt;
	if (size < 28 || !get32(m, h, &version) || !get32(m, h + 8, &imports_off) ||
	    !get32(m, h + 12, &symbols_off) || !get32(m, h + 16, &count) ||
	    !get32(m, h + 20, &imp_fmt) || !get32(m, h + 24, &sym_fmt)) {
		bin_note(m->a, b, "chained fixups header truncated");
		return;
	}
	if (sym_fmt != 0) {
		bin_note(m->a, b, "chained fixups symbol names are compressed (format %u); imports not listed",
			 sym_fmt);
		return;
	}
	uint64_t entsz = imp_fmt == 1 ? 4 : imp_fmt == 2 ? 8 : imp_fmt == 3 ? 16 : 0;
	if (!entsz) {
		bin_note(m->a, b, "chained fixups imports format %u unknown", imp_fmt);
		return;
	}
	if (imports_off > size || count > (size - imports_off) / entsz) {
		bin_note(m->a, b, "chained fixups: %u imports do not fit in the table", count);
		count = imports_off > size ? 0 : (uint32_t)((size - imports_off) / entsz);
	}
	for (uint32_t i = 0; i < count; i++) {
		uint64_t e = h + imports_off + i * entsz;
		unsigned ord;
		bool weak;
		uint64_t name_off;
		if (imp_fmt == 3) {
			uint64_t v;
			if (!get64(m, e, &v))
				return;
			ord = (unsigned)(v & 0xffff);
			weak = (v >> 16) & 1;
			name_off = v >> 32;
			/* 16-bit special ordinals -> their 8-bit spellings */
			if (ord >= 0xfff0)
				ord &= 0xff;
		} else {
			uint32_t v;
			if (!get32(m, e, &v))
				return;
			ord = v & 0xff;
			weak = (v >> 8) & 1;
			name_off = v >> 9;
		}
		const char *name = symbols_off < size
			? get_str(m, h + symbols_off + name_off, hend, BIN_MAX_STRLEN) : NULL;
		if (!name) {
			bin_note(m->a, b, "chained fixups import %u: name outside the symbol pool", i);
			continue;
		}
		struct bin_sym *s = new_sym(m);
		if (!s)
			return;
		s->name = name;
		s->bind = weak ? SYM_WEAK : SYM_GLOBAL;
		s->weak_ref = weak;
		s->when = SYM_WHEN_LOAD;
		if (ord == DYNAMIC_LOOKUP_ORDINAL || !(m->flags & MH_TWOLEVEL))
			s->flat_lookup = true;
		else if (ord == EXECUTABLE_ORDINAL)
			s->lib = "(main executable)";
		else if (ord == 0xfd)
			s->flat_lookup = true; /* BIND_SPECIAL_DYLIB_WEAK_LOOKUP: searched in load order */
		else if (ord != SELF_LIBRARY_ORDINAL && ord <= b->libs.n)
			s->lib = b->libs.v[ord - 1].name;
		else if (ord != SELF_LIBRARY_ORDINAL)
			bin_note(m->a, b, "%s names dylib #%u but there are %zu", name, ord, b->libs.n);
	}
}

/* --- Node addon facts -------------------------------------------------- */

static const struct bin_sym *find_defined(const struct binary *b, const char *name)
{
	for (size_t i = 0; i < b->syms.n; i++)
		if (b->syms.v[i].defined && b->syms.v[i].name && !strcmp(b->syms.v[i].name, name))
			return &b->syms.v[i];
	return NULL;
}

static bool imports(const struct binary *b, const char *name)
{
	for (size_t i = 0; i < b->syms.n; i++)
		if (!b->syms.v[i].defined && b->syms.v[i].name && !strcmp(b->syms.v[i].name, name))
			return true;
	return false;
}


/*
 * Node <= 0.10: NODE_MODULE(name, fn) exported `_<name>_module`, a struct
 * whose first field is the module version (node v0.10 src/node.cc).  Only
 * looked for when nothing newer registers.
 */
/*
 * A stripped legacy addon has no `_module` symbol, but its static
 * constructor (listed in a S_MOD_INIT_FUNC_POINTERS section) passes the
 * struct to node_module_register: on x86-64 the body starts with
 * `lea rdi,[rip+disp32]` (48 8d 3d) shortly before a call or jmp (e8/e9).
 * Pointers in that section are plain addresses in images without chained
 * fixups; chained images are left alone (their pointers are encoded).
 */
static bool module_from_constructor(struct mo *m, uint64_t *addr)
{
	if (!m->is64 || m->have_chained || !m->b->arch || strcmp(m->b->arch, "x64"))
		return false;
	for (size_t i = 0; i < m->ranges.n; i++) {
		const struct mo_range *r = &m->ranges.v[i];
		if (!r->is_section || (r->flags & SECTION_TYPE) != 0x9 /* S_MOD_INIT_FUNC_POINTERS */)
			continue;
		uint64_t count = r->filesize / 8;
		if (count > 64)
			count = 64;
		for (uint64_t k = 0; k < count; k++) {
			uint64_t fn, off, avail;
			uint8_t code[48];
			if (!getword(m, r->fileoff + 8 * k, &fn) || !vm_to_off(m, fn, &off, &avail))
				continue;
			size_t n = avail < sizeof code ? (size_t)avail : sizeof code;
			if (n < 12 || !rf_read(m->rf, m->base + off, code, n))
				continue;
			for (size_t j = 0; j + 7 <= n; j++) {
				if (code[j] != 0x48 || code[j + 1] != 0x8d || code[j + 2] != 0x3d)
					continue;
				int32_t disp = (int32_t)((uint32_t)code[j + 3] | (uint32_t)code[j + 4] << 8 |
							 (uint32_t)code[j + 5] << 16 | (uint32_t)code[j + 6] << 24);
				bool calls = false;
				for (size_t c = j + 7; c < n && c < j + 7 + 16; c++)
					calls |= code[c] == 0xe8 || code[c] == 0xe9;
				if (!calls)
					break;
				*addr = fn + j + 7 + (uint64_t)(int64_t)disp;
				return true;
			}
		}
	}
	return false;
}

static void node010_module(struct mo *m, struct binary *b)
{
	struct addon_facts *f = &b->addon;
	for (size_t i = 0; i < b->syms.n; i++) {
		const struct bin_sym *sym = &b->syms.v[i];
		if (!sym->defined || !sym->name)
			continue;
		if (!strcmp(sym->name, "_napi_register_module_v1") || !strncmp(sym->name, "_node_register_module_v", 23))
			return;
	}
	for (size_t i = 0; i < b->syms.n; i++) {
		const struct bin_sym *sym = &b->syms.v[i];
		if (!sym->defined || sym->bind == SYM_LOCAL || !sym->name || sym->name[0] != '_')
			continue;
		size_t n = strlen(sym->name);
		if (n <= 8 || strcmp(sym->name + n - 7, "_module"))
			continue;
		uint64_t off, avail;
		uint32_t ver;
		if (!vm_to_off(m, sym->value, &off, &avail) || avail < 4 || !get32(m, off, &ver) ||
		    ver == 0 || ver > 99)
			continue;
		f->legacy_nm_version = (int)ver;
		f->legacy_has_entry = true;
		f->abi_why = arena_printf(m->a, "version %u in the exported %s struct (Node <= 0.10 style)",
					  ver, sym->name + 1);
		return;
	}
}

static void addon_facts(struct mo *m)
{
	struct binary *b = m->b;
	struct addon_facts *f = &b->addon;
	const struct bin_sym *v = find_defined(b, "_node_api_module_get_api_version_v1");
	if (v) {
		uint64_t off, avail;
		uint8_t code[32];
		int64_t level;
		if (!vm_to_off(m, v->value, &off, &avail)) {
			bin_note(m->a, b, "node_api_module_get_api_version_v1 at 0x%llx is not in the file",
				 (unsigned long long)v->value);
		} else {
			size_t n = avail < sizeof code ? (size_t)avail : sizeof code;
			/* arm64_32 (watchOS) runs AArch64 instructions. */
			const char *isa = b->arch ? b->arch
				: m->b->macho.cputype == (CPU_TYPE_ARM | CPU_ARCH_ABI64_32) ? "arm64" : NULL;
			if (rf_read(m->rf, m->base + off, code, n) &&
			    addon_decode_const_return(code, n, isa, (enum bin_endian)m->e, &level) &&
			    level >= 0 && level <= 0x7fffffff) {
				f->napi_declared = (int)level;
				f->napi_declared_why = arena_printf(m->a,
					"node_api_module_get_api_version_v1 returns %d (code at file offset 0x%llx)",
					(int)level, (unsigned long long)(m->base + off));
			} else {
				bin_note(m->a, b, "node_api_module_get_api_version_v1 is not a recognised constant return");
			}
		}
	}
	if (imports(b, "_node_module_register")) {
		/* struct node_module (node.h): int nm_version at +0, then
		 * flags, dso handle, filename, register_func, context_register
		 * (pointers from +8; +24/+32 on 64-bit, +16/+20 on 32-bit). */
		uint64_t off, avail;
		int w = m->is64 ? 8 : 4;
		uint64_t reg, ctx;
		uint32_t ver;
		const char *where = "_module";
		if (!m->module_sym_found && module_from_constructor(m, &m->module_vmaddr)) {
			m->module_sym_found = 1;
			where = "the address its constructor passes to node_module_register";
		}
		if (!m->module_sym_found) {
			bin_note(m->a, b, "imports node_module_register but has no local _module symbol (stripped?); nm_version unknown");
		} else if (!vm_to_off(m, m->module_vmaddr, &off, &avail) || avail < (uint64_t)(8 + 4 * w) ||
			   !get32(m, off, &ver) || !getword(m, off + 8 + 2 * w, &reg) ||
			   !getword(m, off + 8 + 3 * w, &ctx)) {
			bin_note(m->a, b, "node_module struct at 0x%llx is not readable in the file",
				 (unsigned long long)m->module_vmaddr);
		} else if (ver == 0 || ver > 100000) {
			bin_note(m->a, b, "node_module struct has implausible nm_version %u", ver);
		} else {
			f->legacy_nm_version = (int)ver;
			f->legacy_has_entry = reg != 0 || ctx != 0;
			f->abi_why = arena_printf(m->a, "nm_version of the node_module at %s (file offset 0x%llx)",
						  where, (unsigned long long)(m->base + off));
		}
	}
	if (!imports(b, "_node_module_register"))
		node010_module(m, b);
	addon_classify(m->a, b, true);
}

/* --- thin image -------------------------------------------------------- */

static int parse_thin(struct rfile *rf, uint64_t base, uint64_t size, struct arena *a,
		      struct binary *b, const char **err)
{
	uint32_t magic;
	if (size < 4 || !rf_u32(rf, base, BE, &magic)) {
		*err = arena_printf(a, "truncated Mach-O header: file has %llu bytes, needs 28",
				    (unsigned long long)size);
		return -1;
	}
	struct mo mo = {.rf = rf, .a = a, .b = b, .base = base, .size = size};
	struct mo *m = &mo;
	switch (magic) {
	case MH_MAGIC: m->e = BE; m->is64 = false; break;
	case MH_CIGAM: m->e = LE; m->is64 = false; break;
	case MH_MAGIC_64: m->e = BE; m->is64 = true; break;
	case MH_CIGAM_64: m->e = LE; m->is64 = true; break;
	default:
		*err = arena_printf(a, "not a Mach-O file: magic 0x%08x", magic);
		return -1;
	}
	/* the magic says Mach-O: a truncated header is still one (inspect --json) */
	b->format = BIN_MACHO;
	uint64_t hdr = m->is64 ? 32 : 28;
	uint32_t cpu, sub, ncmds, sizeofcmds;
	if (size < hdr || !get32(m, 4, &cpu) || !get32(m, 8, &sub) || !get32(m, 12, &m->filetype) ||
	    !get32(m, 16, &ncmds) || !get32(m, 20, &sizeofcmds) || !get32(m, 24, &m->flags)) {
		*err = arena_printf(a, "truncated Mach-O header: file has %llu bytes, needs %llu",
				    (unsigned long long)size, (unsigned long long)hdr);
		return -1;
	}
	b->format = BIN_MACHO;
	b->bits = m->is64 ? 64 : 32;
	b->endian = m->e == BE ? BIN_BIG : BIN_LITTLE;
	b->macho.cputype = cpu;
	b->macho.cpusubtype = sub;
	b->macho.filetype = m->filetype;
	b->macho.flags = m->flags;
	b->macho.ncmds = ncmds;
	b->macho.two_level = (m->flags & MH_TWOLEVEL) != 0;
	b->filetype = filetype_word(a, m->filetype);
	cpu_words(a, cpu, sub, &b->arch, &b->arch_detail);
	b->libc = NULL; /* no libc flavours on Apple platforms */

	parse_load_commands(m, ncmds, sizeofcmds, hdr);

	if (!b->os && (cpu == (CPU_TYPE_X86 | CPU_ARCH_ABI64) || cpu == (CPU_TYPE_ARM | CPU_ARCH_ABI64) ||
		       cpu == CPU_TYPE_X86 || cpu == CPU_TYPE_PPC || cpu == (CPU_TYPE_PPC | CPU_ARCH_ABI64))) {
		/* dyld on macOS treats a binary without a platform load
		 * command as a macOS one (MachOFile::forEachSupportedPlatform). */
		b->os = "darwin";
		b->os_why = "no platform load command (dyld on macOS assumes macOS)";
	}
	if (b->macho.segs_end > size)
		bin_note(a, b, "segments end at offset %llu but the file has %llu bytes (truncated?)",
			 (unsigned long long)b->macho.segs_end, (unsigned long long)size);

	bool trie = false;
	if (m->have_exports_trie && m->trie_size)
		trie = read_export_trie(m, m->trie_off, m->trie_size);
	else if (m->have_dyld_info && m->export_size)
		trie = read_export_trie(m, m->export_off, m->export_size);
	size_t before = b->syms.n;
	if (m->have_symtab)
		read_symtab(m, trie);
	bool symtab_imports = false;
	for (size_t i = before; i < b->syms.n; i++)
		symtab_imports |= !b->syms.v[i].defined;
	if (m->have_chained && !symtab_imports)
		read_chained_imports(m);
	mark_lazy(m);
	addon_facts(m);
	return 0;
}

/* --- universal file ---------------------------------------------------- */

static int parse_fat(struct rfile *rf, uint64_t base, uint64_t size, struct arena *a,
		     struct binary *b, const char **err, bool is64)
{
	uint32_t nfat;
	if (size < 8 || !rf_u32(rf, base + 4, BE, &nfat)) {
		*err = arena_printf(a, "truncated universal header: file has %llu bytes, needs 8",
				    (unsigned long long)size);
		return -1;
	}
	b->format = BIN_FAT;
	uint64_t entsz = is64 ? 32 : 20;
	uint32_t n = nfat;
	if (n > BIN_MAX_SLICES) {
		bin_note(a, b, "universal header claims %u slices; reading the first %zu", nfat, BIN_MAX_SLICES);
		n = (uint32_t)BIN_MAX_SLICES;
	}
	if (8 + n * entsz > size) {
		n = (uint32_t)((size - 8) / entsz);
		bin_note(a, b, "universal header lists %u slices but only %u entries fit in the file", nfat, n);
	}
	if (n == 0)
		bin_note(a, b, "universal file with no slices");
	uint64_t offs[BIN_MAX_SLICES], lens[BIN_MAX_SLICES];
	bool accepted[BIN_MAX_SLICES] = {0};
	uint64_t table_end = 8 + n * entsz;
	const char *os = NULL;
	bool os_agree = true;
	size_t detail_len = 0;
	for (uint32_t i = 0; i < n; i++) {
		uint64_t e = base + 8 + i * entsz;
		uint32_t cpu, sub, o32, s32;
		uint64_t off, len;
		if (!rf_u32(rf, e, BE, &cpu) || !rf_u32(rf, e + 4, BE, &sub))
			break;
		if (is64) {
			if (!rf_u64(rf, e + 8, BE, &off) || !rf_u64(rf, e + 16, BE, &len))
				break;
		} else {
			if (!rf_u32(rf, e + 8, BE, &o32) || !rf_u32(rf, e + 12, BE, &s32))
				break;
			off = o32;
			len = s32;
		}
		offs[i] = off;
		lens[i] = len;
		struct binary *s = binary_new(a, b->path, len);
		struct binary **slot = s ? VEC_PUSH(a, &b->slices) : NULL;
		if (!slot)
			return 0;
		*slot = s;
		s->macho.fat_offset = off;
		s->macho.fat_size = len;
		s->macho.cputype = cpu;
		s->macho.cpusubtype = sub;
		cpu_words(a, cpu, sub, &s->arch, &s->arch_detail);

		const char *why = NULL;
		if (!range_ok(off, len, size))
			why = "lies outside the file";
		else if (off < table_end && len)
			why = "overlaps the universal header";
		for (uint32_t j = 0; j < i && !why; j++)
			if (accepted[j] && len && lens[j] && off < offs[j] + lens[j] && offs[j] < off + len)
				why = arena_printf(a, "overlaps slice %u", j);
		uint32_t magic = 0;
		if (!why)
			accepted[i] = true; /* its bytes are claimed, even if they do not parse */
		if (!why && (!rf_u32(rf, base + off, BE, &magic) || magic == FAT_MAGIC || magic == FAT_MAGIC_64))
			why = "is itself a universal file";
		const char *serr = NULL;
		if (!why && parse_thin(rf, base + off, len, a, s, &serr) != 0)
			why = serr;
		if (why) {
			bin_note(a, b, "slice %u (%s, offset %llu, %llu bytes) %s", i, s->arch_detail,
				 (unsigned long long)off, (unsigned long long)len, why);
			bin_note(a, s, "slice not parsed: %s", why);
			s->macho.cputype = cpu;
			s->macho.cpusubtype = sub;
		} else if (s->macho.cputype != cpu ||
			   (s->macho.cpusubtype & ~CPU_SUBTYPE_MASK) != (sub & ~CPU_SUBTYPE_MASK)) {
			bin_note(a, b, "slice %u: universal header says %s but the slice is %s", i,
				 arena_printf(a, "cputype 0x%x/0x%x", cpu, sub), s->arch_detail);
		}
		s->macho.fat_offset = off;
		s->macho.fat_size = len;
		if (i == 0 || !b->bits) {
			b->bits = s->bits;
			b->endian = s->endian;
			b->filetype = s->filetype;
		}
		if (s->os) {
			if (os && strcmp(os, s->os) != 0)
				os_agree = false;
			os = os ? os : s->os;
		}
		detail_len += strlen(s->arch_detail) + 1;
	}
	if (os && os_agree) {
		b->os = os;
		b->os_why = "every slice agrees";
	}
	/* dyld's wording: "fat file, but missing compatible architecture
	 * (have 'x86_64,arm64', need ...)" lists slice names joined by ','. */
	if (b->slices.n) {
		char *d = arena_alloc(a, detail_len + 1);
		if (d) {
			d[0] = '\0';
			for (size_t i = 0; i < b->slices.n; i++) {
				if (i)
					strcat(d, ",");
				strcat(d, b->slices.v[i]->arch_detail);
			}
			b->arch_detail = d;
		}
	}
	/* The top-level addon facts are the slices' when they all agree. */
	bool agree = b->slices.n > 0;
	for (size_t i = 0; i < b->slices.n && agree; i++)
		agree = b->slices.v[i]->format == BIN_MACHO &&
			b->slices.v[i]->addon.kind == b->slices.v[0]->addon.kind;
	if (agree)
		b->addon = b->slices.v[0]->addon;
	return 0;
}

int macho_parse(struct rfile *rf, uint64_t base, uint64_t size, struct arena *a,
		struct binary *b, const char **err)
{
	uint32_t magic;
	if (size < 4 || !rf_u32(rf, base, BE, &magic)) {
		*err = arena_printf(a, "truncated Mach-O header: file has %llu bytes, needs 28",
				    (unsigned long long)size);
		return -1;
	}
	if (magic == FAT_MAGIC || magic == FAT_MAGIC_64)
		return parse_fat(rf, base, size, a, b, err, magic == FAT_MAGIC_64);
	return parse_thin(rf, base, size, a, b, err);
}
