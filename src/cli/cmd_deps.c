/*
 * cmd_deps.c - `addon-doctor deps [--target SPEC | --node PATH] [--sysroot DIR]
 * [--json] FILE`: the dependency tree the target's loader would build for FILE
 * (the same simulation as `check`), each library with where it was found and
 * by which rule, or every path tried when it was not found.  Nothing is run.
 * --json writes the same tree as one object (fields: docs/inspect.md).
 */
#include "commands.h"

#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "../loader/loader.h"
#include "../verdict/verdict.h"
#include "../report/json.h"
#include "../report/term.h"
#include "../runtime/syslibs.h"
#include "../runtime/target.h"

static const char deps_help[] =
	"usage: addon-doctor deps [--target SPEC | --node PATH] [--sysroot DIR] [--json] FILE\n"
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
	"  --json          the same tree as one JSON object (fields: docs/inspect.md)\n"
	"\n"
	"Example:\n"
	"  addon-doctor deps node_modules/sharp/build/Release/sharp-linux-x64.node\n"
	"\n"
	"Exit status: 0 every library was found, 1 one was not, 2 usage or I/O error.\n";

/* The tree is deeper than this many levels only in a crafted sysroot. */
#define DEPS_MAX_DEPTH 32

/* Is edge i the first to reach its object?  Its children are listed there. */
static bool first_edge(const struct ld_result *r, size_t i)
{
	for (size_t k = 0; k < i; k++)
		if (r->deps.v[k]->obj == r->deps.v[i]->obj)
			return false;
	return true;
}

static void print_tree(const struct ld_result *r, const struct ld_obj *from, int depth, int *missing)
{
	if (depth > DEPS_MAX_DEPTH)
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
			if (first_edge(r, i) && !d->obj->preloaded && d->obj != from)
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

/* The walk of print_tree as an array of edges.  "needs" is null where the
 * text lists no children: preloaded by node, listed under an earlier edge,
 * or past the depth cap. */
static void json_tree(struct jw *w, const struct ld_result *r, const struct ld_obj *from, int depth,
		      int *missing)
{
	jw_arr(w);
	for (size_t i = 0; i < r->deps.n; i++) {
		const struct ld_dep *d = r->deps.v[i];
		if (d->from != from)
			continue;
		if (!d->obj)
			(*missing)++;
		jw_obj(w);
		jw_kstr(w, "name", d->name);
		jw_kbool(w, "found", d->obj != NULL);
		jw_kstr(w, "path", d->obj ? d->obj->name : NULL);
		jw_kstr(w, "rule", d->rule);
		jw_kbool(w, "preloaded", d->obj && d->obj->preloaded);
		jw_key(w, "tried");
		jw_arr(w);
		for (size_t k = 0; k < d->tried.n; k++)
			jw_str(w, d->tried.v[k]);
		jw_arr_end(w);
		jw_key(w, "needs");
		if (d->obj && first_edge(r, i) && !d->obj->preloaded && d->obj != from &&
		    depth < DEPS_MAX_DEPTH)
			json_tree(w, r, d->obj, depth + 1, missing);
		else
			jw_null(w);
		jw_obj_end(w);
	}
	jw_arr_end(w);
}

int cmd_deps(int argc, char **argv)
{
	const char *spec = NULL, *node_path = NULL, *sysroot = NULL, *file = NULL;
	bool json = false;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
			fputs(deps_help, stdout);
			return 0;
		} else if (!strcmp(a, "--json")) {
			json = true;
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
	int rc = node_path ? target_from_node_in(&a, node_path, node_path, sysroot, &t, &err)
		 : spec ? target_parse(&a, spec, &t, &err) : target_default(&a, &t, &err);
	if (rc) {
		/* a bad --target is a usage error, worded as check and scan word it */
		if (!node_path && spec)
			rc = cli_usage_error("deps", "--target %s: %s", spec, err);
		else
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
	node_stage(&a, &t, &r);
	int missing = 0;
	/* the addon's own edges have from->name == r.real */
	const struct ld_obj *root = NULL;
	for (size_t i = 0; i < r.deps.n && !root; i++)
		if (!strcmp(r.deps.v[i]->from->name, r.real))
			root = r.deps.v[i]->from;
	if (json) {
		struct jw w;
		jw_init(&w, stdout);
		jw_obj(&w);
		jw_kstr(&w, "path", file);
		jw_kstr(&w, "real_path", r.real);
		jw_kstr(&w, "target", t.spec);
		jw_kstr(&w, "outcome", r.outcome);
		jw_kstr(&w, "error", r.error);
		jw_kstr(&w, "code", r.code);
		jw_kstr(&w, "cause", r.cause);
		jw_key(&w, "needs");
		if (root) {
			json_tree(&w, &r, root, 0, &missing);
		} else {
			jw_arr(&w);
			jw_arr_end(&w);
		}
		jw_kint(&w, "missing", missing);
		jw_obj_end(&w);
		jw_newline(&w);
	} else {
		printf("target: ");
		term_puts(stdout, t.spec);
		fputc('\n', stdout);
		term_puts(stdout, r.real);
		fputc('\n', stdout);
		if (root)
			print_tree(&r, root, 0, &missing);
		if (r.error && strcmp(r.outcome, "loads")) {
			fputs("loader stops: ", stdout);
			term_puts(stdout, r.error);
			fputc('\n', stdout);
		}
	}
	fflush(stdout);
	loader_close(&L);
	arena_release(&a);
	return missing ? 1 : 0;
}
