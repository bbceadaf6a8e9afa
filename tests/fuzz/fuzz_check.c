/*
 * fuzz_check.c - libFuzzer entry point for the whole `check` pipeline on a
 * fuzzed addon: header checks, library resolution (this machine's real
 * libraries, ld.so.cache, RPATH/RUNPATH with $ORIGIN), symbol versions and
 * lookups by hash, Node's registration and ABI checks, and the words.  The
 * first byte picks the target: glibc (this machine), musl, darwin, win32 --
 * four loaders.  The loader takes a path, so each input is written to one
 * private file; the targets live for the whole run (as in a scan, which
 * also exercises the library cache), each input's result in its own arena.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "verdict/verdict.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const specs[] = {
	"node@22", "node@22/linux-x64-musl", "node@20/darwin-arm64", "node@18/win32-x64",
};
#define NT (sizeof specs / sizeof specs[0])
static struct arena long_lived;
static struct verdict_target targets[NT];
static char path[64];

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	arena_init(&long_lived);
	for (size_t i = 0; i < NT; i++) {
		const char *err = NULL, *warn = NULL;
		if (target_parse(&long_lived, specs[i], &targets[i].t, &err) != 0 ||
		    verdict_target_init(&long_lived, &targets[i], NULL, &warn) != 0) {
			fprintf(stderr, "fuzz_check: target %s: %s\n", specs[i], err ? err : "init failed");
			abort();
		}
	}
	snprintf(path, sizeof path, "/tmp/fuzz-check-%ld.node", (long)getpid());
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	FILE *f = fopen(path, "wb");
	if (!f)
		return 0;
	size_t body = size - 1;
	if (body && fwrite(data + 1, 1, body, f) != body) {
		fclose(f);
		return 0;
	}
	fclose(f);
	struct arena a;
	arena_init(&a);
	struct ld_result r;
	struct verdict_words w;
	verdict_check_file(&a, &targets[data[0] % NT], path, &r, &w);
	/* what a report would read: every text must be a valid string */
	size_t sum = 0;
	const char *texts[] = { r.outcome, r.error, r.code, r.cause, r.real, w.why, w.fix };
	for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++)
		sum += texts[i] ? strlen(texts[i]) : 0;
	for (size_t i = 0; i < r.evidence.n; i++)
		sum += strlen(r.evidence.v[i]);
	if (!r.outcome)
		abort(); /* every prediction has an outcome */
	arena_release(&a);
	return (int)(sum & 0);
}
