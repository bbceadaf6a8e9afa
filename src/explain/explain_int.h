/*
 * explain_int.h - internal to src/explain (not for other directories):
 * the matching context, the text helpers and what each room of the
 * recogniser exports to the others and to the driver.
 *
 * Which file holds what:
 *   text.c               text helpers shared by every room: whitespace-tolerant matching, finding, copying ranges, paths and package names, setting the result
 *   match_node.c         Node's own messages
 *   match_glibc.c        glibc's dlerror() texts
 *   match_altrt.c        Bun and Deno
 *   match_musl.c         musl's loader
 *   match_dyld.c         macOS dyld
 *   match_bsd_android.c  Android's bionic linker and FreeBSD's rtld
 *   match_windows.c      Windows LoadLibrary
 *   match_prebuild.c     prebuild loaders (node-gyp-build, prebuild-install and kin)
 *   match_packages.c     packages' own loader texts
 *   explain.c            driver
 */
#ifndef EXPLAIN_INT_H
#define EXPLAIN_INT_H

#include <stdbool.h>
#include <stddef.h>

#include "explain.h"

struct ctx {
	struct arena *a;
	const char *t, *end;   /* the text */
	struct explain *ex;
};

/* text.c */
bool is_blank(char c);
const char *match_at(const char *s, const char *end, const char *pat);
const char *find_from(const char *from, const char *end, const char *pat, const char **mend);
const char *find(struct ctx *c, const char *pat, const char **mend);
const char *line_start(struct ctx *c, const char *p);
const char *line_end(struct ctx *c, const char *p);
const char *dup_range(struct ctx *c, const char *s, const char *e);
const char *path_before(struct ctx *c, const char *at);
const char *quoted_after(struct ctx *c, const char *p, char close);
long number_at(const char *p, const char *end, const char **after);
const char *token_at(struct ctx *c, const char *p);
void number(struct ctx *c, const char *label, const char *value, const char *meaning);
const char *abi_words(struct ctx *c, long n);
const char *package_of(struct arena *a, const char *path);
bool is_node_binary(const char *path);
bool is_program(const char *path);
void set(struct ctx *c, const char *shape, const char *cause, const char *origin, const char *title);
const char *pkg_or(struct ctx *c, const char *fallback);
void set_file(struct ctx *c, const char *file);
const char *find_unless(struct ctx *c, const char *pat, const char *unless, const char **mend);
bool has(struct ctx *c, const char *pat);
bool atom_module_list(struct ctx *c);
bool electron_clues(struct ctx *c);
bool electron_strong_clues(struct ctx *c);
bool nwjs_clues(struct ctx *c);
bool old_node_stack(struct ctx *c);

/* match_node.c */
bool m_napi_too_new(struct ctx *c);
bool m_abi_mismatch(struct ctx *c);
bool m_old_version_mismatch(struct ctx *c);
bool m_context_aware(struct ctx *c);
bool m_addons_disabled(struct ctx *c);
bool m_v8_sandbox(struct ctx *c);
bool m_self_register(struct ctx *c);
bool m_node010_symbol(struct ctx *c);
bool m_no_entry(struct ctx *c);

/* match_glibc.c */
bool m_exec_stack(struct ctx *c);
bool m_static_tls(struct ctx *c);
bool m_noexec(struct ctx *c);
bool m_page_align(struct ctx *c);
int vfamily(const char *ver);
bool m_version_not_found(struct ctx *c);
int glibc_only_symbol(const char *s);
void explain_symbol(struct ctx *c, const char *sym);
const char *symbol_story(struct ctx *c, const char *sym);

/* match_altrt.c */
bool legacy_abi_symbol(const char *sym);
void old_node_register(struct ctx *c, const char *sym);
bool m_crash_on_call(struct ctx *c);
bool m_alt_runtime(struct ctx *c);
bool m_bun_loadlibrary(struct ctx *c);
bool m_lazy_symbol(struct ctx *c);
bool m_undefined_symbol(struct ctx *c);

/* match_musl.c */
bool m_musl_relocating(struct ctx *c);
bool m_musl_loading(struct ctx *c);
bool m_cannot_open(struct ctx *c);
bool m_elf_header(struct ctx *c);

/* match_dyld.c */
bool m_dyld(struct ctx *c);

/* match_bsd_android.c */
bool m_bsd_rtld(struct ctx *c);
bool m_android_exec(struct ctx *c);
bool m_android(struct ctx *c);

/* platform_packages.c: the text names only platform packages of a package
 * (data/platform-packages.tsv) that its latest release does not publish;
 * *pkg the package, *wanted the first such name, *list what it publishes */
bool platform_never_published(struct arena *a, const char *t, const char *end, const char **pkg,
			      const char **wanted, const char **list);

/* match_windows.c */
bool m_windows(struct ctx *c);

/* match_prebuild.c; the words that mark a platform-named file or package
 * (also read by match_packages.c; the size makes the compiler check it) */
#define PLATFORM_WORDS_N 7
extern const char *const platform_words[PLATFORM_WORDS_N];
bool m_node_gyp_build(struct ctx *c);
bool m_sharp(struct ctx *c);
bool m_tfjs(struct ctx *c);

/* match_packages.c */
bool m_esbuild(struct ctx *c);
bool m_parcel_watcher(struct ctx *c);
bool m_node_sass(struct ctx *c);
bool m_grpc(struct ctx *c);
bool m_prisma(struct ctx *c);
bool m_oracle(struct ctx *c);
bool m_next_swc(struct ctx *c);
bool m_require_addon(struct ctx *c);
bool m_cli_platform_package(struct ctx *c);
bool m_no_interpreter(struct ctx *c);
bool m_nexe(struct ctx *c);
bool m_platform_package_named(struct ctx *c);
bool m_sea_require(struct ctx *c);
bool m_napi_rs(struct ctx *c);
bool m_cannot_find_module(struct ctx *c);
bool m_webpack_parse(struct ctx *c);
bool m_dynamic_require(struct ctx *c);
bool m_swc_bindings(struct ctx *c);
bool m_main_entry_missing(struct ctx *c);
bool m_package_texts(struct ctx *c);
bool m_deno_loadlibrary(struct ctx *c);
bool m_bindings(struct ctx *c);
bool m_node_pre_gyp(struct ctx *c);
bool m_exec_format(struct ctx *c);

#endif
