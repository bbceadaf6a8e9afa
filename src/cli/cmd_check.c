/*
 * cmd_check.c - `addon-doctor check [--target SPEC]... [--node PATH]
 * [--sysroot DIR] [--json] PATH...`: for every (file, target) runs the
 * target's loader simulation and Node's own checks (verdict_check_file,
 * verdict/checkfile.c: the same path `scan` takes) and reports the outcome,
 * the exact message, the cause, evidence and fix.
 *
 * One arena and one loader per target for the whole run, so every system
 * library is read once however many addons are checked.
 */
#include "commands.h"

#include <errno.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "../image/image.h"
#include "../loader/loader.h"
#include "../report/json.h"
#include "../report/term.h"
#include "../runtime/nodescope.h"
#include "../runtime/syslibs.h"
#include "../runtime/altruntime.h"
#include "../runtime/target.h"
#include "../verdict/verdict.h"

static const char check_help[] =
	"usage: addon-doctor check [--target SPEC]... [--node PATH] [--sysroot DIR] [--image IMAGE [--platform P]] [--json] FILE...\n"
	"\n"
	"Predicts what require() does with each addon file on a target runtime,\n"
	"without loading or running anything: whether it loads, the exact message\n"
	"Node would throw (err.message, byte for byte), the cause, the evidence\n"
	"and the one command that fixes it.  It simulates the loader in its own\n"
	"order (glibc or musl on Linux; dyld and Windows by reasoning): header\n"
	"checks, dependencies with RPATH/RUNPATH, LD_LIBRARY_PATH, ld.so.cache and\n"
	"the default directories, symbol versions (GLIBC_, GLIBCXX_), symbols bound\n"
	"at load time and lazily at first call, then Node's registration, its\n"
	"NODE_MODULE_VERSION check and the Node-API level.\n"
	"\n"
	"  --target SPEC   runtime to check against; repeatable.  SPEC is\n"
	"                  node@22.3.0, node@22 (newest known 22.x) or electron@31,\n"
	"                  optionally with /PLATFORM-ARCH[-LIBC]:\n"
	"                  node@20/linux-arm64-musl, electron@30/darwin-arm64,\n"
	"                  node@18/win32-x64.  Without a platform: this machine.\n"
	"                  Also bun@1.x, bun@1.1.38, deno@2.x, on linux-x64-glibc\n"
	"                  or linux-arm64-glibc (deno@2.x/linux-arm64), as measured:\n"
	"                  data/bun-*.tsv, data/deno-*.tsv.\n"
	"  --node PATH     model this Node executable, read (never run): its\n"
	"                  version, ABI, Node-API level, exports and libraries.\n"
	"                  Works for a node of another platform too, and for a\n"
	"                  bun or deno executable (recognised as such).\n"
	"  --sysroot DIR   resolve the target's libraries inside DIR (an unpacked\n"
	"                  container image) instead of this machine.\n"
	"  --image IMAGE   the target is a container image (docker save archive, OCI\n"
	"                  layout or archive): FILE-IN-IMAGE is a path inside it\n"
	"                  (relative: from its WorkingDir), checked against the node\n"
	"                  on the image's PATH and its libraries, copied out to a\n"
	"                  private directory; nothing is run (docs/image.md)\n"
	"  --platform P    with a multi-platform image: the manifest for P\n"
	"  --json          one JSON object per line per (file, target): path, target,\n"
	"                  outcome, error, code, cause, why, fix, evidence,\n"
	"                  by_reasoning (docs/causes.md lists the causes)\n"
	"\n"
	"Default target: the node on PATH, read.  Outcomes: loads, throws, crashes\n"
	"(the process dies inside require()), loads-then-crashes (a missing\n"
	"function kills the process at its first call), unknown (the target system\n"
	"cannot be looked at: a foreign platform without --sysroot).\n"
	"\n"
	"Examples:\n"
	"  addon-doctor check node_modules/better-sqlite3/build/Release/better_sqlite3.node\n"
	"  addon-doctor check --target node@22 --target electron@31 --json build/Release/*.node\n"
	"  addon-doctor check --target node@20/linux-x64-musl --sysroot /tmp/alpine-rootfs x.node\n"
	"\n"
	"Exit status: 0 every file loads on every target, 1 at least one would\n"
	"fail (or cannot be predicted), 2 usage error or a file that cannot be read.\n";

#define MAX_TARGETS 16

static void print_json(struct jw *w, const char *path, const struct verdict_target *c,
		       const struct ld_result *r, const struct verdict_words *vw)
{
	jw_obj(w);
	verdict_json_fields(w, path, &c->t, r, vw);
	jw_obj_end(w);
	jw_newline(w);
}

static void indent_puts(FILE *f, const char *s, const char *pad)
{
	for (const char *p = s; *p;) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);
		char line[4096];
		if (n >= sizeof line)
			n = sizeof line - 1;
		memcpy(line, p, n);
		line[n] = '\0';
		fputs(pad, f);
		term_puts(f, line);
		fputc('\n', f);
		p += n;
		if (*p == '\n')
			p++;
		else
			break;
	}
}

static void print_human(FILE *f, const char *path, const struct verdict_target *c, const struct ld_result *r,
			const struct verdict_words *vw)
{
	term_puts(f, path);
	fputs("  on ", f);
	term_puts(f, c->t.spec);
	fputc('\n', f);
	fprintf(f, "  verdict: %s", r->outcome);
	if (r->cause)
		fprintf(f, " (%s)", r->cause);
	if (r->by_reasoning)
		fputs(" [by reasoning, not verified by a real run]", f);
	fputc('\n', f);
	if (r->error) {
		/* require() is Node's for node and Electron; Bun and Deno throw their own */
		if (!strcmp(r->outcome, "loads-then-crashes"))
			fputs("  the process prints:\n", f);
		else
			fprintf(f, "  %s throws:\n", c->t.alt ? c->t.alt->name : "Node");
		indent_puts(f, r->error, "    ");
		if (r->code)
			fprintf(f, "    (code %s)\n", r->code);
	}
	if (vw->why) {
		fputs("  why: ", f);
		term_puts(f, vw->why);
		fputc('\n', f);
	}
	if (r->evidence.n) {
		fputs("  evidence:\n", f);
		for (size_t i = 0; i < r->evidence.n; i++) {
			fputs("    - ", f);
			term_puts(f, r->evidence.v[i]);
			fputc('\n', f);
		}
	}
	if (vw->fix) {
		fputs("  fix: ", f);
		term_puts(f, vw->fix);
		fputc('\n', f);
	}
}

int cmd_check(int argc, char **argv)
{
	const char *specs[MAX_TARGETS];
	int nspecs = 0;
	const char *node_path = NULL, *sysroot = NULL, *image = NULL, *platform = NULL;
	bool json = false;
	const char **files = calloc((size_t)argc, sizeof *files);
	int nfiles = 0;
	if (!files)
		return 2;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
			fputs(check_help, stdout);
			free(files);
			return 0;
		} else if (!strcmp(a, "--json")) {
			json = true;
		} else if (!strcmp(a, "--target") || !strcmp(a, "--node") || !strcmp(a, "--sysroot")) {
			if (i + 1 >= argc) {
				free(files);
				return cli_usage_error("check", "%s needs a value", a);
			}
			const char *v = argv[++i];
			if (!strcmp(a, "--target")) {
				if (nspecs >= MAX_TARGETS) {
					free(files);
					return cli_usage_error("check", "at most %d --target options", MAX_TARGETS);
				}
				specs[nspecs++] = v;
			} else if (!strcmp(a, "--node")) {
				node_path = v;
			} else {
				sysroot = v;
			}
		} else if (!strcmp(a, "--image") || !strcmp(a, "--platform")) {
			if (i + 1 >= argc) {
				free(files);
				return cli_usage_error("check", "%s needs a value", a);
			}
			*(a[2] == 'i' ? &image : &platform) = argv[++i];
		} else if (!strncmp(a, "--target=", 9) && nspecs < MAX_TARGETS) {
			specs[nspecs++] = a + 9;
		} else if (!strncmp(a, "--node=", 7)) {
			node_path = a + 7;
		} else if (!strncmp(a, "--sysroot=", 10)) {
			sysroot = a + 10;
		} else if (!strcmp(a, "--")) {
			while (++i < argc)
				files[nfiles++] = argv[i];
		} else if (a[0] == '-' && a[1]) {
			free(files);
			return cli_usage_error("check", "unknown option '%s'", a);
		} else {
			files[nfiles++] = a;
		}
	}
	if (nfiles == 0) {
		free(files);
		return cli_usage_error("check", "name at least one addon file");
	}
	if (sysroot) {
		struct stat st;
		if (stat(sysroot, &st) || !S_ISDIR(st.st_mode)) {
			cli_error("--sysroot %s: not a directory", sysroot);
			free(files);
			return 2;
		}
	}
	struct arena a;
	arena_init(&a);
	/* the image gives node, libraries and the files: image/image.h */
	int irc = image ? image_check_setup(&a, image, platform, files, nfiles, &node_path, &sysroot, nspecs > 0)
			: platform ? cli_usage_error("check", "--platform picks a manifest of an --image") : 0;
	if (irc) {
		arena_release(&a);
		free(files);
		return irc;
	}
	struct verdict_target *ctx = arena_calloc(&a, MAX_TARGETS + 1, sizeof *ctx);
	int nt = 0;
	bool node_fails = false;
	const char *err = NULL;
	if (!ctx)
		goto oom;
	if (node_path) {
		if (target_from_node_in(&a, node_path, node_path, sysroot, &ctx[nt].t, &err)) {
			cli_error("--node: %s", err);
			arena_release(&a);
			free(files);
			return 2;
		}
		nt++;
	}
	for (int i = 0; i < nspecs; i++) {
		if (target_parse(&a, specs[i], &ctx[nt].t, &err)) {
			/* err lives in the arena: said before it is released */
			int rc = cli_usage_error("check", "--target %s: %s", specs[i], err);
			arena_release(&a);
			free(files);
			return rc;
		}
		nt++;
	}
	if (nt == 0) {
		if (target_default(&a, &ctx[0].t, &err)) {
			cli_error("%s", err);
			arena_release(&a);
			free(files);
			return 2;
		}
		nt = 1;
	}
	for (int i = 0; i < nt; i++) {
		const char *warn = NULL;
		int rc = verdict_target_init(&a, &ctx[i], sysroot, &warn);
		image_target_env(&a, &ctx[i].env, &ctx[i].t);
		if (warn)
			cli_error("%s (ignored)", warn);
		if (rc)
			goto oom;
		/* A node that cannot start fails every addon the same way:
		 * said once, before any of them (runtime/nodescope.c). */
		int st = 0;
		bool unk = false;
		const char *fatal = ctx[i].t.node ? nodescope_startup_error(&a, &ctx[i].L, ctx[i].t.argv0, &st, &unk) : NULL;
		if (fatal) {
			node_fails = true;
			const char *needs = nodebin_needs_words(&a, ctx[i].t.node);
			cli_error("%s cannot start on this system%s%s%s: ld.so ends it with exit status %d before any addon "
				  "is loaded, printing:", ctx[i].t.argv0, needs ? " (it needs " : "", needs ? needs : "",
				  needs ? ")" : "", st);
			for (const char *l = fatal; *l;) {
				size_t n = strcspn(l, "\n");
				term_puts(stderr, arena_strndup(&a, l, n));
				fputc('\n', stderr);
				l += n + (l[n] == '\n');
			}
		}
	}
	int status = node_fails ? 1 : 0;
	struct jw w;
	jw_init(&w, stdout);
	for (int fi = 0; fi < nfiles; fi++) {
		const char *path = files[fi];
		struct stat st;
		if (stat(path, &st) != 0) {
			cli_error("%s: %s", path, strerror(errno));
			status = 2;
			continue;
		}
		if (!S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode)) { /* a directory: require()'s resolution */
			cli_error("%s: not a regular file", path);
			status = 2;
			continue;
		}
		for (int ti = 0; ti < nt; ti++) {
			struct ld_result r;
			struct verdict_words vw;
			/* one file's model and result: freed once printed */
			struct arena fa;
			arena_init(&fa);
			verdict_check_file(&fa, &ctx[ti], path, &r, &vw);
			if (json)
				print_json(&w, path, &ctx[ti], &r, &vw);
			else
				print_human(stdout, path, &ctx[ti], &r, &vw);
			if (strcmp(r.outcome, "loads") && status == 0)
				status = 1;
			arena_release(&fa);
		}
	}
	fflush(stdout);
	for (int i = 0; i < nt; i++)
		verdict_target_close(&ctx[i]);
	arena_release(&a);
	free(files);
	return status;
oom:
	cli_error("out of memory");
	for (int i = 0; i < nt; i++)
		verdict_target_close(&ctx[i]);
	arena_release(&a);
	free(files);
	return 2;
}
