/*
 * fuzz_nodebin.c - libFuzzer entry point where the fuzzed bytes are the
 * node executable (`--node PATH`, or the node on PATH: as hostile as any
 * file the tool reads).  Each input is written to a private file and read
 * as `check --node` reads it (runtime/nodebin.c: the parse as a library,
 * .rodata, the release URL and register-symbol strings), then a fixed
 * Node-API addon (fuzz_addon.h: imports napi_create_object at load time
 * and napi_module_register lazily) is checked against it, which looks
 * those names up through the executable's own hash tables and walks its
 * dependencies on this machine.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fuzz_addon.h"
#include "verdict/verdict.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char node[64], addon[64];

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	snprintf(node, sizeof node, "/tmp/fuzz-nodebin-%ld", (long)getpid());
	snprintf(addon, sizeof addon, "/tmp/fuzz-nodebin-%ld.node", (long)getpid());
	static const struct fuzz_import imp[] = {
		{ "napi_create_object", NULL, 0 }, { "napi_module_register", NULL, 1 },
	};
	if (fuzz_write_addon(addon, NULL, imp, 2) != 0) {
		fprintf(stderr, "fuzz_nodebin: cannot write %s\n", addon);
		abort();
	}
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	FILE *f = fopen(node, "wb");
	if (!f)
		return 0;
	if (size && fwrite(data, 1, size, f) != size) {
		fclose(f);
		return 0;
	}
	fclose(f);
	struct arena a, ra;
	arena_init(&a);
	arena_init(&ra);
	struct verdict_target vt;
	memset(&vt, 0, sizeof vt);
	const char *err = NULL, *warn = NULL;
	if (target_from_node(&a, node, node, &vt.t, &err) == 0) {
		if (!vt.t.node || !vt.t.node->version[0] || !vt.t.node->why)
			abort(); /* a node that was read says what it is and why */
		if (verdict_target_init(&a, &vt, NULL, &warn) == 0) {
			struct ld_result r;
			struct verdict_words w;
			verdict_check_file(&ra, &vt, addon, &r, &w);
			if (!r.outcome)
				abort();
		}
		verdict_target_close(&vt);
	} else if (!err) {
		abort(); /* a refusal says why */
	}
	arena_release(&ra);
	arena_release(&a);
	return 0;
}
