/*
 * test_elfsym.c - lookups by hash (parse/elfsym.c) against the full symbol
 * read (parse/elf.c) on real objects: node, libc, libstdc++, libm, and
 * small libraries built here with only DT_HASH, only DT_GNU_HASH and with
 * versioned, hidden and default symbols.  Two independent readings of the
 * same table must agree on every one of their (tens of thousands of)
 * symbols, and names that are not defined must not be found.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "io/rfile.h"
#include "parse/parse.h"
#include "t.h"

/* What the full read says about one name, over all its definitions. */
struct namefacts {
	const char *name;
	bool def, default_def, unversioned_def;
};

static int cmp_facts(const void *x, const void *y)
{
	return strcmp(((const struct namefacts *)x)->name, ((const struct namefacts *)y)->name);
}

/* Sorted, one entry per name of a defined, non-local symbol. */
static struct namefacts *index_names(const struct binary *b, size_t *n)
{
	struct namefacts *v = calloc(b->syms.n + 1, sizeof *v);
	size_t k = 0;
	for (size_t i = 0; v && i < b->syms.n; i++) {
		const struct bin_sym *s = &b->syms.v[i];
		if (!s->defined || s->bind == SYM_LOCAL || !s->name)
			continue;
		v[k].name = s->name;
		v[k].def = true;
		v[k].default_def = !s->version || !s->version_hidden;
		v[k].unversioned_def = !s->version;
		k++;
	}
	if (!v) {
		*n = 0;
		return NULL;
	}
	qsort(v, k, sizeof *v, cmp_facts);
	size_t m = 0;
	for (size_t i = 0; i < k; i++) {
		if (m && !strcmp(v[m - 1].name, v[i].name)) {
			v[m - 1].default_def |= v[i].default_def;
			v[m - 1].unversioned_def |= v[i].unversioned_def;
		} else {
			v[m++] = v[i];
		}
	}
	*n = m;
	return v;
}

static const struct namefacts *facts(const struct namefacts *v, size_t n, const char *name)
{
	static const struct namefacts none;
	struct namefacts key = { .name = name };
	const struct namefacts *f = v ? bsearch(&key, v, n, sizeof *v, cmp_facts) : NULL;
	return f ? f : &none;
}

/* want_gnu / want_sysv: 1 present, 0 absent, -1 either */
static void compare(const char *path, const char *label, int want_gnu, int want_sysv)
{
	struct rfile rf;
	if (rfile_open(&rf, path) != 0) {
		printf("skip - %s: %s not readable\n", label, path);
		return;
	}
	rf.read_cap = (uint64_t)4 << 30;
	struct arena fa, la;
	arena_init(&fa);
	arena_init(&la);
	struct binary *full = NULL, *lib = NULL;
	const char *err = NULL;
	int rc1 = binary_parse(&rf, &fa, path, &full, &err);
	int rc2 = binary_parse_as(&rf, &la, path, BIN_PARSE_LIBRARY, &lib, &err);
	CHECK(rc1 == 0 && rc2 == 0, "%s: both parses succeed", label);
	if (rc1 || rc2)
		goto out;
	const struct elf_symtab *st = &lib->elf.symtab;
	CHECK(st->deferred, "%s: library parse defers the symbols to the hash table", label);
	CHECK((want_gnu < 0 || st->has_gnu_hash == want_gnu) && (want_sysv < 0 || st->has_hash == want_sysv),
	      "%s: hash tables present: gnu %d sysv %d (want %d %d)", label, st->has_gnu_hash, st->has_hash,
	      want_gnu, want_sysv);
	size_t undefined_kept = 0, defined_kept = 0;
	for (size_t i = 0; i < lib->syms.n; i++)
		lib->syms.v[i].defined ? defined_kept++ : undefined_kept++;
	size_t undefined_full = 0;
	for (size_t i = 0; i < full->syms.n; i++)
		undefined_full += !full->syms.v[i].defined;
	/* GNU ld hashes an executable's undefined functions that have a PLT
	 * address (st_value != 0), above symoffset: those are not kept, and
	 * need not be, since a preloaded executable's imports are never
	 * checked.  A shared object's imports are all below symoffset. */
	bool exe = !strcmp(full->filetype, "executable") || !strcmp(full->filetype, "pie-executable");
	CHECK(defined_kept == 0 && (exe ? undefined_kept <= undefined_full : undefined_kept == undefined_full),
	      "%s: library parse keeps the %zu undefined symbols and no defined one (kept %zu, %zu)",
	      label, undefined_full, undefined_kept, defined_kept);
	struct elf_symindex *ix = elf_symindex_load(&rf, lib, &la);
	CHECK(ix != NULL, "%s: hash table loads", label);
	if (!ix)
		goto out;
	size_t nf = 0;
	struct namefacts *fv = index_names(full, &nf);
	size_t defs = 0, bad_exact = 0, bad_plain = 0, bad_wrongver = 0, bad_absent = 0, bad_undef = 0;
	char name[512];
	for (size_t i = 0; i < full->syms.n; i++) {
		const struct bin_sym *s = &full->syms.v[i];
		if (!s->name || strlen(s->name) > 400)
			continue;
		if (!s->defined) {
			/* only imported here: not a definition */
			if (!facts(fv, nf, s->name)->def && elf_lookup(&rf, lib, ix, s->name, s->version) != 0)
				bad_undef++;
			continue;
		}
		if (s->bind == SYM_LOCAL)
			continue;
		defs++;
		if (elf_lookup(&rf, lib, ix, s->name, s->version) != 1)
			bad_exact++;
		/* an unversioned reference: found exactly when some definition
		 * is unversioned or a default (@@) version */
		if (elf_lookup(&rf, lib, ix, s->name, NULL) != (facts(fv, nf, s->name)->default_def ? 1 : 0))
			bad_plain++;
		/* a version nobody defines: only an unversioned definition binds */
		if (elf_lookup(&rf, lib, ix, s->name, "NO_SUCH_VERSION_9.9") !=
		    (facts(fv, nf, s->name)->unversioned_def ? 1 : 0))
			bad_wrongver++;
		snprintf(name, sizeof name, "%s_not_here", s->name);
		if (!facts(fv, nf, name)->def && elf_lookup(&rf, lib, ix, name, NULL) != 0)
			bad_absent++;
	}
	CHECK(defs > 0 && bad_exact == 0, "%s: all %zu definitions found with their own version (%zu not)",
	      label, defs, bad_exact);
	CHECK(bad_plain == 0, "%s: unversioned references bind exactly to default/unversioned definitions (%zu wrong)",
	      label, bad_plain);
	CHECK(bad_wrongver == 0, "%s: a version nobody defines binds only to unversioned definitions (%zu wrong)",
	      label, bad_wrongver);
	CHECK(bad_absent == 0 && bad_undef == 0, "%s: absent and import-only names are not found (%zu, %zu wrong)",
	      label, bad_absent, bad_undef);
	free(fv);
out:
	arena_release(&fa);
	arena_release(&la);
	rfile_close(&rf);
}

/* Builds a small versioned library with the given hash style; NULL when no compiler. */
static const char *build_lib(const char *dir, const char *style)
{
	static char out[2][512];
	int k = !strcmp(style, "sysv");
	char src[512], map[512], cmd[2048];
	snprintf(src, sizeof src, "%s/v.c", dir);
	snprintf(map, sizeof map, "%s/v.map", dir);
	snprintf(out[k], sizeof out[k], "%s/libv-%s.so", dir, style);
	FILE *f = fopen(src, "w");
	if (!f)
		return NULL;
	fputs("int plain(void) { return 1; }\n"
	      "int old_impl(void) { return 1; }\n"
	      "int new_impl(void) { return 2; }\n"
	      "__asm__(\".symver old_impl,both@V_1\");\n"
	      "__asm__(\".symver new_impl,both@@V_2\");\n"
	      "int hidden_impl(void) { return 3; }\n"
	      "__asm__(\".symver hidden_impl,onlyhidden@V_1\");\n"
	      "int in_v2(void) { return 4; }\n"
	      "int data_sym = 5;\n", f);
	for (int i = 0; i < 300; i++)
		fprintf(f, "int filler_%d(void) { return %d; }\n", i, i);
	fclose(f);
	f = fopen(map, "w");
	if (!f)
		return NULL;
	fputs("V_1 { global: plain; data_sym; filler_*; }; V_2 { global: in_v2; } V_1;\n", f);
	fclose(f);
	snprintf(cmd, sizeof cmd, "cc -shared -fPIC -o %s %s -Wl,--version-script=%s -Wl,--hash-style=%s 2>/dev/null",
		 out[k], src, map, style);
	return system(cmd) == 0 ? out[k] : NULL;
}

int main(void)
{
	const char *node = getenv("NODE_BIN");
	compare(node && *node ? node : "/usr/bin/node", "node executable", 1, -1);
	compare("/lib/x86_64-linux-gnu/libc.so.6", "libc.so.6", 1, -1);
	compare("/lib/x86_64-linux-gnu/libstdc++.so.6", "libstdc++.so.6", 1, -1);
	compare("/lib/x86_64-linux-gnu/libm.so.6", "libm.so.6", 1, -1);

	char dir[] = "/tmp/ad-elfsym-XXXXXX";
	if (!mkdtemp(dir)) {
		printf("skip - no temporary directory\n");
		T_DONE();
	}
	const char *sysv = build_lib(dir, "sysv");
	const char *gnu = build_lib(dir, "gnu");
	if (!sysv || !gnu) {
		printf("skip - cannot build test libraries (no cc)\n");
	} else {
		compare(sysv, "DT_HASH-only library", 0, 1);
		compare(gnu, "DT_GNU_HASH-only library", 1, 0);
		/* the cases by name, on both tables */
		const char *libs[2] = { sysv, gnu };
		for (int k = 0; k < 2; k++) {
			struct rfile rf;
			struct arena a;
			arena_init(&a);
			struct binary *b = NULL;
			const char *err = NULL;
			if (rfile_open(&rf, libs[k]) != 0)
				continue;
			binary_parse_as(&rf, &a, libs[k], BIN_PARSE_LIBRARY, &b, &err);
			struct elf_symindex *ix = b ? elf_symindex_load(&rf, b, &a) : NULL;
			const char *h = k ? "gnu" : "sysv";
			CHECK(ix && elf_lookup(&rf, b, ix, "both", "V_1") == 1, "%s: both@V_1 (hidden) binds a V_1 reference", h);
			CHECK(ix && elf_lookup(&rf, b, ix, "both", "V_2") == 1, "%s: both@@V_2 binds a V_2 reference", h);
			CHECK(ix && elf_lookup(&rf, b, ix, "both", NULL) == 1, "%s: an unversioned reference binds the default both@@V_2", h);
			CHECK(ix && elf_lookup(&rf, b, ix, "onlyhidden", NULL) == 0, "%s: an unversioned reference never binds hidden onlyhidden@V_1", h);
			CHECK(ix && elf_lookup(&rf, b, ix, "onlyhidden", "V_1") == 1, "%s: a V_1 reference binds hidden onlyhidden@V_1", h);
			CHECK(ix && elf_lookup(&rf, b, ix, "in_v2", "V_1") == 0, "%s: in_v2@@V_2 does not satisfy a V_1 reference", h);
			CHECK(ix && elf_lookup(&rf, b, ix, "filler_299", "V_1") == 1, "%s: filler_299@@V_1 found", h);
			CHECK(ix && elf_lookup(&rf, b, ix, "filler_300", NULL) == 0, "%s: filler_300 is not there", h);
			CHECK(ix && elf_lookup(&rf, b, ix, "", NULL) == 0, "%s: the empty name is not a definition", h);
			rfile_close(&rf);
			arena_release(&a);
		}
	}
	char cmd[600];
	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	if (system(cmd) != 0)
		printf("# could not remove %s\n", dir);

	/* a hostile index: a lying header must give "cannot tell", never a crash */
	static uint8_t img[4096];
	struct rfile mrf;
	rfile_init_mem(&mrf, img, sizeof img);
	struct arena ha;
	arena_init(&ha);
	struct binary *hb = binary_new(&ha, "hostile", sizeof img);
	hb->format = BIN_ELF;
	hb->bits = 64;
	hb->elf.symtab = (struct elf_symtab){ .deferred = true, .has_gnu_hash = true, .gnu_hash_off = 0,
					      .gnu_hash_avail = sizeof img, .sym_off = 1024, .sym_avail = 3072,
					      .str_off = 0, .str_end = sizeof img };
	/* nbuckets 1, symoffset 0, bloom 1 word, shift 0; bucket 0 -> symbol 1;
	 * no chain entry ever ends (bit 0 clear): the table runs off the end */
	uint32_t hdr[4] = { 1, 0, 1, 0 };
	memcpy(img, hdr, sizeof hdr);
	memset(img + 16, 0xff, 8);
	uint32_t one = 1;
	memcpy(img + 24, &one, 4);
	CHECK(elf_symindex_load(&mrf, hb, &ha) == NULL, "hostile GNU hash whose last chain never ends: no index");
	hdr[2] = 3; /* bloom size not a power of two */
	memcpy(img, hdr, sizeof hdr);
	CHECK(elf_symindex_load(&mrf, hb, &ha) == NULL, "hostile GNU hash with a bloom size of 3: no index");
	CHECK(elf_lookup(&mrf, hb, NULL, "x", NULL) == -1, "no index: cannot tell");
	arena_release(&ha);
	T_DONE();
}
