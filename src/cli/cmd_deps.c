/*
 * cmd_deps.c - `addon-doctor deps [--target SPEC | --node PATH] [--sysroot DIR] FILE`:
 * the dependency tree the target's loader would build for FILE (the same
 * simulation as `check`), each library with where it was found and by which
 * rule, or every path tried when it was not found.  Nothing is run.
 */
#include "commands.h"

#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "../loader/loader.h"
#include "../report/term.h"
#include "../runtime/syslibs.h"
#include "../runtime/target.h"

static const char deps_help[] =
	"usage: addon-doctor deps [--target SPEC | --node PATH] [--sysroot DIR] FILE\n"
	"\n"
	"Shows the dependency tree the loader would build for FILE, like libtree,\n"
	"without running anything: each DT_NEEDED library with the file it\n"
	"resolves to and the rule that found it (already loaded by node, RPATH,\n"
	"LD_LIBRARY_PATH, RUNPATH, ld.so.cache, default directory), or every\n"
	"path tried when it is not found.  The walk stops where the loader stops.\n"
	"\n"
	"  --target SPEC   runtime whose loader to simulate (see 'check --help')\n"
	"  --node PATH     the node executable to model (default: node on PATH)\n"
	"  --sysroot DIR   resolve libraries inside DIR (an unpacked image)\n"
	"\n"
	"Example:\n"
	"  addon-doctor deps node_modules/sharp/build/Release/sharp-linux-x64.node\n"
	"\n"
	"Exit status: 0 every library was found, 1 one was not, 2 usage or I/O error.\n";

static void print_tree(const struct ld_result *r, const struct ld_obj *from, int depth, int *missing)
{
	if (depth > 32)
		return;
	for (size_t i = 0; i < r->deps.n; i++) {
		const struct ld_dep *d = r->deps.v[i];
		if (d->from != from)
			continue;
		printf("%*s", 2 * (depth + 1), "");
		term_puts(stdout, d->name);
		if (d->obj) {
			fputs(" => ", stdout);
			term_puts(stdout, d->obj->name);
			fputs(" [", stdout);
			term_puts(stdout, d->rule ? d->rule : "?");
			fputs("]\n", stdout);
			/* children are listed once, under the edge that first loaded them */
			bool first = true;
			for (size_t k = 0; k < i; k++)
				if (r->deps.v[k]->obj == d->obj)
					first = false;
			if (first && !d->obj->preloaded && d->obj != from)
				print_tree(r, d->obj, depth + 1, missing);
		} else {
			(*missing)++;
			fputs(" => not found", stdout);
			if (d->rule) {
				fputs(" [", stdout);
				term_puts(stdout, d->rule);
				fputc(']', stdout);
			}
			fputc('\n', stdout);
			for (size_t k = 0; k < d->tried.n; k++) {
				printf("%*s  tried ", 2 * (depth + 1), "");
				term_puts(stdout, d->tried.v[k]);
				fputc('\n', stdout);
			}
		}
	}
}

int cmd_deps(int argc, char **argv)
{
	const char *spec = NULL, *node_path = NULL, *sysroot = NULL, *file = NULL;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
			fputs(deps_help, stdout);
			return 0;
		} else if (!strcmp(a, "--target") || !strcmp(a, "--node") || !strcmp(a, "--sysroot")) {
			if (i + 1 >= argc)
				return cli_usage_error("deps", "%s needs a value", a);
			const char *v = argv[++i];
			if (!strcmp(a, "--target"))
				spec = v;
			else if (!strcmp(a, "--node"))
				node_path = v;
			else
				sysroot = v;
		} else if (a[0] == '-' && a[1]) {
			return cli_usage_error("deps", "unknown option '%s'", a);
		} else if (file) {
			return cli_usage_error("deps", "one FILE at a time");
		} else {
			file = a;
		}
	}
	if (!file)
		return cli_usage_error("deps", "name an addon file");
	struct stat st;
	if (stat(file, &st) || !S_ISREG(st.st_mode)) {
		cli_error("%s: not a readable regular file", file);
		return 2;
	}
	struct arena a;
	arena_init(&a);
	struct target t;
	struct sysenv env;
	struct loader L;
	const char *err = NULL;
	int rc = node_path ? target_from_node(&a, node_path, node_path, &t, &err)
		 : spec ? target_parse(&a, spec, &t, &err) : target_default(&a, &t, &err);
	if (rc) {
		cli_error("%s", err);
		arena_release(&a);
		return 2;
	}
	err = NULL;
	if (sysenv_init(&a, &env, &t, sysroot, &err) == 0 && err)
		cli_error("%s (ignored)", err);
	if (loader_init(&L, &a, &t, &env)) {
		arena_release(&a);
		return 2;
	}
	struct ld_result r;
	loader_predict(&L, &a, file, &r);
	printf("target: ");
	term_puts(stdout, t.spec);
	fputc('\n', stdout);
	term_puts(stdout, r.real);
	fputc('\n', stdout);
	int missing = 0;
	/* the addon's own edges have from->name == r.real */
	const struct ld_obj *root = NULL;
	for (size_t i = 0; i < r.deps.n && !root; i++)
		if (!strcmp(r.deps.v[i]->from->name, r.real))
			root = r.deps.v[i]->from;
	if (root)
		print_tree(&r, root, 0, &missing);
	if (r.error && strcmp(r.outcome, "loads")) {
		fputs("loader stops: ", stdout);
		term_puts(stdout, r.error);
		fputc('\n', stdout);
	}
	fflush(stdout);
	loader_close(&L);
	arena_release(&a);
	return missing ? 1 : 0;
}
