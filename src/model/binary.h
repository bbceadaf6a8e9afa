/*
 * binary.h - the one format-neutral model of an addon binary.
 *
 * The three parsers (parse/elf.c, parse/macho.c, parse/pe.c) fill it; every
 * later stage (inspect output, loader simulation, scan) reads only this.
 * After parsing, the model is host-endian, 64-bit-widened and self-contained:
 * every pointer in it is arena-owned (see util/arena.h), nothing points into
 * file bytes, and the file is closed.
 *
 * Vocabulary: `os` and `arch` use Node's own words (process.platform and
 * process.arch), so they can be compared with a target directly.  A field
 * the parser could not determine is NULL / -1, never a guess; the `*_why`
 * strings say where a value came from so reports can show their evidence.
 */
#ifndef AD_BINARY_H
#define AD_BINARY_H

#include <stdbool.h>
#include <stdint.h>

#include "../util/arena.h"

enum bin_format {
	BIN_UNKNOWN = 0,
	BIN_ELF,
	BIN_MACHO,     /* thin Mach-O */
	BIN_FAT,       /* universal Mach-O: see `slices` */
	BIN_PE,
};

enum bin_endian { BIN_LITTLE = 0, BIN_BIG = 1 };

/* How a library reference is made. */
enum lib_kind {
	LIB_NEEDED = 0,  /* ELF DT_NEEDED, Mach-O LC_LOAD_DYLIB, PE import */
	LIB_WEAK,        /* Mach-O LC_LOAD_WEAK_DYLIB: missing is not an error */
	LIB_REEXPORT,    /* Mach-O LC_REEXPORT_DYLIB */
	LIB_UPWARD,      /* Mach-O LC_LOAD_UPWARD_DYLIB */
	LIB_LAZY,        /* Mach-O LC_LAZY_LOAD_DYLIB */
	LIB_DELAY,       /* PE delay-load import: resolved at first call */
};

struct bin_lib {
	const char *name;
	enum lib_kind kind;
};

enum sym_bind { SYM_LOCAL = 0, SYM_GLOBAL, SYM_WEAK, SYM_UNIQUE, SYM_BIND_OTHER };
enum sym_type {
	SYM_NOTYPE = 0, SYM_OBJECT, SYM_FUNC, SYM_SECTION, SYM_FILE,
	SYM_COMMON, SYM_TLS, SYM_IFUNC, SYM_TYPE_OTHER,
};

/* When the loader must find an undefined symbol. */
enum sym_when {
	SYM_WHEN_NA = 0,  /* defined, or never referenced by a relocation */
	SYM_WHEN_LOAD,    /* bound while dlopen runs: missing => dlopen fails */
	SYM_WHEN_LAZY,    /* bound at first call (PLT under RTLD_LAZY, PE delay import) */
};

/* Which kinds of relocation reference a symbol (ELF).  glibc defers only
 * PLT slots under RTLD_LAZY; musl also defers GOT slots (GLOB_DAT). */
enum {
	SYM_REF_PLT = 1,    /* JUMP_SLOT in DT_JMPREL */
	SYM_REF_GOT = 2,    /* GLOB_DAT */
	SYM_REF_OTHER = 4,  /* absolute, TLS, COPY, ...: always bound at load */
};

struct bin_sym {
	const char *name;       /* as in the table (Mach-O keeps its leading '_') */
	const char *version;    /* ELF symbol version (e.g. "GLIBC_2.14"), or NULL */
	const char *lib;        /* ELF: file named by the version need; Mach-O:
	                         * install name of the two-level library, NULL for
	                         * flat lookup; PE: the DLL it is imported from */
	uint64_t value, size;   /* ELF st_value/st_size for defined symbols */
	uint32_t ordinal;       /* PE import/export by ordinal (name may be NULL) */
	uint8_t bind;           /* enum sym_bind */
	uint8_t type;           /* enum sym_type */
	uint8_t when;           /* enum sym_when, for undefined symbols */
	uint8_t refs;           /* ELF: SYM_REF_* bits, which relocations name it */
	uint32_t rel_order;     /* ELF: position of the first relocation naming it in
	                         * glibc's processing order (DT_REL/DT_RELA, then DT_JMPREL) */
	bool defined;
	bool version_hidden;    /* ELF: '@' rather than '@@' */
	bool flat_lookup;       /* Mach-O: dynamic_lookup / flat namespace */
	bool weak_ref;          /* undefined but weak: missing is not an error */
	bool delay;             /* PE: from the delay-load import table */
};

/* One version a library must provide (ELF .gnu.version_r). */
struct bin_verneed {
	const char *file;       /* DT_NEEDED name it applies to, e.g. "libc.so.6" */
	const char *name;       /* e.g. "GLIBC_2.28" */
	bool weak;              /* VER_FLG_WEAK: missing is only a warning */
};

/* A PT_LOAD segment, for the loader's alignment and file-size checks. */
struct bin_segment {
	uint64_t offset, vaddr, filesz, memsz, align;
	uint32_t flags;         /* PF_R/W/X */
};

/* Node addon facts derived from the binary alone (parse/addon.c). */
enum addon_kind {
	ADDON_NONE = 0,  /* registers nothing Node can find */
	ADDON_NAPI,      /* Node-API: napi_register_module_v1 or napi_module_register */
	ADDON_ABI,       /* exports node_register_module_v<N> */
	ADDON_LEGACY,    /* constructor calls node_module_register(&struct) */
};

struct addon_facts {
	enum addon_kind kind;
	const char *registration;   /* how it registers, in words */
	int abi;                    /* NODE_MODULE_VERSION, or -1 */
	const char *abi_why;        /* where the number was read from */
	int napi_declared;          /* node_api_module_get_api_version_v1 result, -1 none/unknown */
	const char *napi_declared_why;
	int napi_min;               /* level implied by imported Node-API functions, -1 none */
	const char *napi_min_sym;   /* the import that sets napi_min */
	bool exports_napi_register; /* napi_register_module_v1 */
	bool exports_napi_version;  /* node_api_module_get_api_version_v1 */
	bool imports_node_module_register;
	bool imports_napi_module_register;
	int abi_export;             /* N of an exported node_register_module_v<N>, or -1 */
	int legacy_nm_version;      /* nm_version recovered from the node_module data, or -1 */
	bool legacy_has_entry;      /* the recovered struct has a register function */
	const char *legacy_modname; /* its nm_modname string (Bun's ABI message names it), or NULL */
	int napi_imports;           /* how many Node-API functions it imports */
	bool napi_rs;               /* looks like napi-rs (resolves Node-API at run time) */
};

/*
 * Where an ELF object's dynamic symbols are, so the loader can look a name
 * up the way ld.so does (through DT_GNU_HASH or DT_HASH) instead of reading
 * every symbol.  A library parse (BIN_PARSE_LIBRARY) leaves b->syms empty
 * and sets `deferred`: node alone has 75,000 exports, of which an addon
 * needs a few hundred.  Offsets are file offsets inside the parsed window.
 */
struct elf_symtab {
	bool deferred;              /* syms not read: look names up here */
	bool has_gnu_hash, has_hash, has_versym;
	uint64_t sym_off, sym_avail;/* DT_SYMTAB and the mapped bytes after it */
	uint64_t str_off, str_end;  /* DT_STRTAB window */
	uint64_t gnu_hash_off, gnu_hash_avail;
	uint64_t hash_off, hash_avail;
	uint64_t versym_off, versym_avail;
	const char **ver_name;      /* version index -> defined version name (verdef) */
	uint32_t nver;
};

struct elf_facts {
	uint8_t ident[16];
	uint16_t type, machine, phentsize, phnum, ehsize, shnum;
	uint32_t version, flags;
	uint64_t entry, phoff, shoff;
	const char *interp;         /* PT_INTERP, for executables */
	bool has_dynamic, has_interp;
	bool gnu_stack;             /* PT_GNU_STACK present */
	bool exec_stack;            /* the loader would want an executable stack */
	uint64_t load_end;          /* max p_offset + p_filesz over PT_LOAD */
	VEC(struct bin_segment) loads;
	const char *soname;
	const char *rpath_raw, *runpath_raw;
	uint64_t dt_flags, dt_flags_1;
	bool bind_now;              /* DT_BIND_NOW, DF_BIND_NOW or DF_1_NOW */
	bool nodeflib;              /* DF_1_NODEFLIB */
	bool has_relr;              /* DT_RELR */
	bool textrel;
	const char *abi_tag_os;     /* NT_GNU_ABI_TAG os, e.g. "linux" */
	const char *abi_tag_version;
	uint64_t tls_memsz;         /* PT_TLS size, for static TLS reasoning */
	struct elf_symtab symtab;   /* for lookups by name (elf_lookup) */
};

struct macho_facts {
	uint32_t cputype, cpusubtype, filetype, flags, ncmds;
	const char *install_name;   /* LC_ID_DYLIB */
	const char *platform;       /* "macos", "ios", "maccatalyst", ... */
	const char *min_os;         /* "11.0" */
	const char *sdk;
	bool two_level;             /* MH_TWOLEVEL */
	bool chained_fixups;
	bool has_uuid;
	uint8_t uuid[16];
	uint64_t fat_offset, fat_size; /* for a slice of a universal file */
	uint64_t segs_end;          /* max fileoff + filesize over segments */
	bool has_code_signature;
};

struct pe_facts {
	uint16_t machine, characteristics, subsystem, dll_characteristics;
	bool pe32plus;
	bool is_dll;
	uint64_t image_base;
	uint64_t sections_end;      /* max PointerToRawData + SizeOfRawData */
	uint32_t timestamp;
	uint32_t entry_rva;         /* AddressOfEntryPoint; 0: no DllMain, no C runtime start-up */
	const char *dll_name;       /* export directory name */
};

struct binary {
	enum bin_format format;
	bool parse_library;         /* input: read as a library (BIN_PARSE_LIBRARY) */
	const char *path;
	uint64_t file_size;         /* of the whole file (a slice: of the slice) */

	const char *os;             /* process.platform word, or NULL */
	const char *os_why;
	const char *arch;           /* process.arch word, or NULL */
	const char *arch_detail;    /* finer name: "arm64e", "x86_64h", "armv7", "e_machine 0x1234" */
	int bits;                   /* 32 or 64; 0 unknown */
	enum bin_endian endian;
	const char *filetype;       /* "shared-object", "executable", "pie-executable",
	                             * "relocatable", "core", "bundle", "dylib", "dll", "exe", ... */

	const char *libc;           /* "glibc", "musl", "bionic", or NULL */
	const char *libc_why;
	const char *min_glibc;      /* highest GLIBC_x.y required, e.g. "2.28", or NULL */
	const char *min_glibcxx;    /* highest GLIBCXX_ required, e.g. "3.4.29" */
	const char *min_cxxabi;     /* highest CXXABI_ required, e.g. "1.3.9" */

	VEC(struct bin_lib) libs;
	VEC(const char *) rpaths;   /* ELF DT_RPATH split on ':'; Mach-O LC_RPATH */
	VEC(const char *) runpaths; /* ELF DT_RUNPATH split on ':' */
	VEC(struct bin_sym) syms;   /* exported (defined) and imported (undefined) */
	VEC(struct bin_verneed) verneeds;
	VEC(const char *) verdefs;  /* versions this object defines */

	struct addon_facts addon;
	struct elf_facts elf;
	struct macho_facts macho;
	struct pe_facts pe;

	VEC(struct binary *) slices; /* BIN_FAT only */
	VEC(const char *) notes;     /* parse problems that left a partial answer */
};

/* Caps on what one file may make us collect: past them we stop and note it. */
#define BIN_MAX_SYMS     ((size_t)2000000)
#define BIN_MAX_LIBS     ((size_t)4096)
#define BIN_MAX_SLICES   ((size_t)64)
#define BIN_MAX_STRLEN   ((size_t)1 << 20)  /* a symbol name; C++ can be long */
#define BIN_MAX_PATHLEN  ((size_t)64 * 1024)

/* Appends a formatted note about a partial parse (never fails loudly). */
void bin_note(struct arena *a, struct binary *b, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#endif
