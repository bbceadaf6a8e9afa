/*
 * parse.h - bytes -> struct binary.
 *
 * binary_parse() sniffs the magic and hands the file to one parser.  Each
 * parser is pure: it reads only through rfile (io/rfile.h), allocates only
 * from the arena, never touches the filesystem otherwise, never prints.
 *
 * Return convention for every parser: 0 when the model was filled (possibly
 * partially, with notes in b->notes), -1 when the file cannot be understood
 * at all; then *err is a one-line, lowercase description of the problem
 * (e.g. "truncated ELF header: file has 10 bytes, needs 64").
 *
 * `base` and `size` let a parser work on a window of the file (a slice of a
 * universal Mach-O); offsets inside the format are relative to `base`.
 */
#ifndef AD_PARSE_H
#define AD_PARSE_H

#include "../io/rfile.h"
#include "../model/binary.h"

/* A zeroed model with the "unknown" (-1) defaults set; parsers use it for
 * the slices of a universal file. */
struct binary *binary_new(struct arena *a, const char *path, uint64_t size);

int binary_parse(struct rfile *rf, struct arena *a, const char *path,
		 struct binary **out, const char **err);

/*
 * The same, for a file the loader only needs as a library or executable in
 * scope: ELF dynamic symbols, relocations and addon facts are not read; the
 * symbol table's geometry is kept (b->elf.symtab) for elf_lookup().  Other
 * formats are parsed in full.
 */
#define BIN_PARSE_LIBRARY 1u
int binary_parse_as(struct rfile *rf, struct arena *a, const char *path, unsigned flags,
		    struct binary **out, const char **err);

/*
 * Symbol lookup by name in an ELF object parsed with BIN_PARSE_LIBRARY
 * (parse/elfsym.c).  elf_symindex_load reads its DT_GNU_HASH (or DT_HASH)
 * table once; NULL when it has neither or they cannot be read.
 * elf_lookup: does b define `name` as a global or weak symbol that a
 * reference asking for version `ver` binds to (NULL: an unversioned
 * reference, which takes an unversioned or default "@@" definition, never
 * a hidden one)?  1 defined, 0 not defined, -1 cannot tell.
 */
struct elf_symindex;
struct elf_symindex *elf_symindex_load(struct rfile *rf, const struct binary *b, struct arena *a);

/* Bytes per DT_HASH word: 8 on 64-bit s390 and alpha, 4 elsewhere. */
uint64_t elf_hash_word_size(const struct binary *b);
int elf_lookup(struct rfile *rf, const struct binary *b, const struct elf_symindex *ix,
	       const char *name, const char *ver);

int elf_parse(struct rfile *rf, uint64_t base, uint64_t size, struct arena *a,
	      struct binary *b, const char **err);
/* Thin Mach-O at base, or a universal file (fills b->slices). */
int macho_parse(struct rfile *rf, uint64_t base, uint64_t size, struct arena *a,
		struct binary *b, const char **err);
int pe_parse(struct rfile *rf, uint64_t base, uint64_t size, struct arena *a,
	     struct binary *b, const char **err);

/* --- shared addon knowledge (parse/addon.c) --------------------------- */

/*
 * Fills the format-neutral parts of b->addon from b->syms: registration kind
 * from the exported/imported names, the ABI from node_register_module_v<N>,
 * napi_min from the Node-API function -> level table (data/napi-functions.tsv).
 * Parsers first set what only they can find (napi_declared,
 * legacy_nm_version, legacy_has_entry), then call this.
 * strip_underscore: Mach-O C symbols carry a leading '_'.
 */
void addon_classify(struct arena *a, struct binary *b, bool strip_underscore);

/* Node-API level that introduced `name` (napi_* / node_api_*): 1..N,
 * 0 for an experimental function, -1 when it is not a Node-API function. */
int napi_function_level(const char *name);

/* A function of V8's or Node.js's C++ API (mangled in namespace v8:: or
 * node::): one that changes between Node.js majors, so a missing one means
 * an addon built against another runtime's headers. */
bool cxx_node_api_symbol(const char *name);

/* The file exports "<its base name>_module", the data symbol Node.js 0.10
 * registered an addon by (later releases never look it up). */
bool addon_node010_export(const struct binary *b, const char *file);

/*
 * Recognises the body of `int32_t node_api_module_get_api_version_v1(void)`,
 * a constant return, in machine code for arch (process.arch word).
 * ("arm-thumb" for Thumb code on arm.)
 * Returns true and sets *value when the bytes are such a body.
 */
bool addon_decode_const_return(const uint8_t *code, size_t n, const char *arch,
			       enum bin_endian e, int64_t *value);

/* Mach-O / PE / ELF all name CPU families differently; these map to
 * Node's process.arch words.  NULL when Node has no word for it. */
const char *elf_machine_arch(uint16_t machine, int bits, enum bin_endian e);

#endif
