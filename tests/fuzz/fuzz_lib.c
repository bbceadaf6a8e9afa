/*
 * fuzz_lib.c - libFuzzer entry point where the fuzzed bytes are a library
 * an addon needs.  The addon is fixed (fuzz_addon.h: needs libfuzzdep.so
 * through DT_RUNPATH $ORIGIN, imports dep_fn@DEP_1 bound at load time and
 * dep_lazy lazily); each input is written as libfuzzdep.so beside it, in a
 * private directory, and the glibc loader simulation of this machine runs
 * on the addon: the library's headers, its own dependencies, its version
 * definitions and the lookups through its DT_GNU_HASH / DT_HASH tables
 * (parse/elfsym.c) - bytes that sit beside an addon in a package are as
 * hostile as the addon.  The system (ld.so.cache, default directories) is
 * read once; every input gets a fresh loader, whose object cache would
 * otherwise keep the first library read under that path.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fuzz_addon.h"
#include "verdict/verdict.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct arena long_lived;
static struct verdict_target vt;
static char dir[64], addon[96], lib[96];

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	arena_init(&long_lived);
	const char *err = NULL;
	if (target_parse(&long_lived, "node@22", &vt.t, &err) != 0 ||
	    sysenv_init(&long_lived, &vt.env, &vt.t, NULL, &err) != 0) {
		fprintf(stderr, "fuzz_lib: target: %s\n", err ? err : "init failed");
		abort();
	}
	snprintf(dir, sizeof dir, "/tmp/fuzz-lib-%ld", (long)getpid());
	snprintf(addon, sizeof addon, "%s/addon.node", dir);
	snprintf(lib, sizeof lib, "%s/libfuzzdep.so", dir);
	static const struct fuzz_import imp[] = {
		{ "dep_fn", "DEP_1", 0 }, { "dep_lazy", NULL, 1 }, { "napi_create_object", NULL, 0 },
	};
	if ((mkdir(dir, 0700) != 0 && access(dir, W_OK) != 0) ||
	    fuzz_write_addon(addon, "libfuzzdep.so", imp, 3) != 0) {
		fprintf(stderr, "fuzz_lib: cannot write %s\n", addon);
		abort();
	}
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	FILE *f = fopen(lib, "wb");
	if (!f)
		return 0;
	if (size && fwrite(data, 1, size, f) != size) {
		fclose(f);
		return 0;
	}
	fclose(f);
	struct arena la, a;
	arena_init(&la);
	arena_init(&a);
	if (loader_init(&vt.L, &la, &vt.t, &vt.env) == 0) {
		struct ld_result r;
		struct verdict_words w;
		verdict_check_file(&a, &vt, addon, &r, &w);
		if (!r.outcome)
			abort(); /* every prediction has an outcome */
		size_t sum = 0;
		const char *texts[] = { r.error, r.cause, w.why, w.fix };
		for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++)
			sum += texts[i] ? strlen(texts[i]) : 0;
		for (size_t i = 0; i < r.evidence.n; i++)
			sum += strlen(r.evidence.v[i]);
		(void)sum;
	}
	loader_close(&vt.L);
	arena_release(&a);
	arena_release(&la);
	return 0;
}
