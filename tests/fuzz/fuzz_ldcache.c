/*
 * fuzz_ldcache.c - libFuzzer entry point where the fuzzed bytes are
 * /etc/ld.so.cache (a --sysroot's is whatever the unpacked image holds):
 * runtime/syslibs.c's parser on the bytes in memory, lookups of a few
 * names for every arch, then the whole target setup with the bytes as
 * the sysroot's etc/ld.so.cache (the cache's path for libc.so.6 is then
 * resolved inside that sysroot and read for its glibc version).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "runtime/syslibs.h"
#include "runtime/target.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char root[64], cache[96];
static struct arena long_lived;
static struct target t;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	arena_init(&long_lived);
	const char *err = NULL;
	if (target_parse(&long_lived, "node@22/linux-x64-glibc", &t, &err) != 0) {
		fprintf(stderr, "fuzz_ldcache: target: %s\n", err ? err : "?");
		abort();
	}
	snprintf(root, sizeof root, "/tmp/fuzz-ldcache-%ld", (long)getpid());
	char etc[80];
	snprintf(etc, sizeof etc, "%s/etc", root);
	snprintf(cache, sizeof cache, "%s/etc/ld.so.cache", root);
	if ((mkdir(root, 0700) != 0 && access(root, W_OK) != 0) || (mkdir(etc, 0700) != 0 && access(etc, W_OK) != 0)) {
		fprintf(stderr, "fuzz_ldcache: cannot make %s\n", etc);
		abort();
	}
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena a;
	arena_init(&a);
	struct rfile rf;
	rfile_init_mem(&rf, data, size);
	struct ldcache c;
	memset(&c, 0, sizeof c);
	const char *err = NULL;
	if (ldcache_parse(&rf, &a, &c, &err) == 0) {
		static const char *const names[] = { "libc.so.6", "libstdc++.so.6", "libz.so.1", "" };
		static const char *const arches[] = { "x64", "arm64", "ia32", "riscv64", "nope" };
		for (size_t i = 0; i < c.e.n; i++)
			if (!c.e.v[i].key || !c.e.v[i].value || strlen(c.e.v[i].key) > 4096)
				abort();
		for (size_t n = 0; n < sizeof names / sizeof names[0]; n++)
			for (size_t k = 0; k < sizeof arches / sizeof arches[0]; k++) {
				const char *p = ldcache_lookup(&c, names[n], arches[k]);
				if (p)
					(void)strlen(p);
			}
	} else if (!err) {
		abort(); /* a refusal says why */
	}
	rfile_close(&rf);
	FILE *f = fopen(cache, "wb");
	if (f) {
		int ok = !size || fwrite(data, 1, size, f) == size;
		if (fclose(f) == 0 && ok) {
			struct sysenv env;
			err = NULL;
			sysenv_init(&a, &env, &t, root, &err);
		}
	}
	arena_release(&a);
	return 0;
}
