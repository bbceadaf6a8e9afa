/*
 * cmd_scan.c - `addon-doctor [scan] [--target SPEC]... [--json] [DIR]`, the
 * default command.
 *
 * Only wires: options and targets (the node on PATH, the project's
 * Electron), then the pipeline of src/scan (walk, packages, each package's
 * loader, check's verdict per file: scan_run_results; the fix plan as data:
 * scan_plan_compute), then the reports (report/scan_report.c).  With --fix
 * it runs the plan's commands that are for this machine (cli/runcmd.c) and
 * scans again.  Without --fix it never writes or runs anything.
 */
#include "commands.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "../image/image.h"
#include "../io/rfile.h"
#include "../report/scan_report.h"
#include "../report/term.h"
#include "../runtime/pins.h"
#include "../runtime/target.h"
#include "../scan/scan.h"
#include "../util/jsonread.h"
#include "../util/shquote.h"
#include "../verdict/verdict.h"

#define MAX_TARGETS SCAN_MAX_TARGETS

static const char scan_help[] =
	"usage: addon-doctor [scan] [--target SPEC]... [--node PATH] [--sysroot DIR] [--image IMAGE [--platform P]] [--json] [--fix] [DIR]\n"
	"\n"
	"For every package under DIR (default: the current directory) that needs\n"
	"a native addon -- npm nested trees, pnpm's .pnpm store and symlinks, yarn,\n"
	"workspaces, linked packages -- says what require() of it does on each\n"
	"target: its own loader (node-gyp-build, bindings, node-pre-gyp, napi-rs,\n"
	"prebuild-install, sharp's, ...) is replayed to find the file it would\n"
	"load, and that file gets exactly the prediction of 'addon-doctor check'\n"
	"(libraries, symbol versions, Node's own checks).  A package whose binary\n"
	"was never built (install scripts skipped or failed) gets the error its\n"
	"loader throws; one that falls back to JavaScript is not a problem.\n"
	"Nothing is loaded, run, or written (except with --fix, below).\n"
	"\n"
	"  --target SPEC  node@22, node@22.3.0, electron@31, optionally with a\n"
	"                 platform: node@20/linux-arm64-musl, electron@30/darwin-arm64.\n"
	"                 Repeat for a matrix.  Without a platform: this machine.\n"
	"                 Default: the node on PATH, read (never run), and the\n"
	"                 project's Electron when it depends on one.\n"
	"  --node PATH    also check against this Node executable, read (never run)\n"
	"  --sysroot DIR  resolve the targets' libraries inside DIR (an unpacked\n"
	"                 container image) instead of this machine\n"
	"  --image IMAGE  the target is a container image: a docker save archive,\n"
	"                 an OCI layout directory or an OCI archive (gzip, zstd or\n"
	"                 plain layers).  Its layers are merged with their whiteouts;\n"
	"                 the node on the image's PATH, its libraries and the app\n"
	"                 directory (DIR-IN-IMAGE, default the WorkingDir) are\n"
	"                 copied to a private directory, removed at exit, and read\n"
	"                 there.  Nothing in the image is run (docs/image.md)\n"
	"  --platform P   with a multi-platform image: only linux/arm64 (etc.);\n"
	"                 default every platform, one scan each\n"
	"  --json         one JSON object per line per (file, target), one per\n"
	"                 (package, target) (\"record\":\"package\"), then a summary\n"
	"                 object (fields: docs/scan.md)\n"
	"  --fix          run the fix plan's commands for this machine (rebuilds,\n"
	"                 npm ci), each shown before it runs, then scan again and\n"
	"                 show what changed.  Commands for other systems, system\n"
	"                 packages and anything that deletes a lockfile are only\n"
	"                 printed.  Without --fix nothing is ever run or written.\n"
	"\n"
	"Example:\n"
	"  addon-doctor --target node@22 --target node@22/linux-arm64-musl .\n"
	"\n"
	"Exit status: 0 nothing that would be loaded fails, 1 something fails, is\n"
	"missing or cannot be predicted, 2 usage or I/O error.\n";

/* --- progress ------------------------------------------------------------ */

static struct timespec scan_start;

static double elapsed(void)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(now.tv_sec - scan_start.tv_sec) + (double)(now.tv_nsec - scan_start.tv_nsec) / 1e9;
}

static bool progress_shown;

static void progress(size_t dirs, size_t files)
{
	if (elapsed() < 0.5)
		return;
	fprintf(stderr, "\rscanning: %zu directories, %zu addons", dirs, files);
	progress_shown = true;
}

static bool is_yarn_classic(const char *lockfile)
{
	/* io/rfile: regular files only, never blocks on a FIFO named yarn.lock */
	struct rfile rf;
	char buf[129] = "";
	if (!lockfile || rfile_open(&rf, lockfile) != 0)
		return false;
	size_t n = rf.size < 128 ? (size_t)rf.size : 128;
	bool ok = rf_read(&rf, 0, buf, n);
	rfile_close(&rf);
	buf[ok ? n : 0] = 0;
	return strstr(buf, "yarn lockfile v1") != NULL;
}

/* --- --fix ---------------------------------------------------------------- */

/* The run before the fixes, while the re-check runs (see run_fixes). */
static struct scan_run *fix_before;

/*
 * Runs the part of the fix plan that belongs to this machine, one command
 * at a time (shown first, output streamed), then scans again with the same
 * arguments and reports what changed.  Returns the exit status.
 */
static int run_fixes(struct scan_run *r, const char *dir, int argc, char **argv, int status)
{
	struct scan_plan pl;
	if (!scan_plan_compute(r, &pl)) {
		fputs("\n--fix: nothing to fix\n", stdout);
		return status;
	}
#ifdef __wasi__
	(void)dir;
	(void)argc;
	(void)argv;
	cli_error("--fix is not available in the WebAssembly (npx) build: it cannot start commands. "
		  "Run the fix plan above yourself, or use a native build of addon-doctor (from its source tree: make install)");
	return 2;
#else
	/* Commands run in the scanned directory, and only when it is a project
	 * (a package.json): never in a sub-project the scan happened to find. */
	struct stat pst;
	if (stat(arena_printf(&r->a, "%s/package.json", dir), &pst) != 0) {
		printf("\n--fix: %s has no package.json; the plan's commands run in a project's own directory, "
		       "so nothing was run\n", dir);
		return status;
	}
	printf("\nRunning the fix plan for this machine in %s:\n", dir);
	size_t ran = 0, failed = 0;
	for (size_t i = 0; i < pl.steps.n; i++) {
		const struct plan_step *s = &pl.steps.v[i];
		const char *skip = s->not_run ? s->not_run : !s->here ? "it is for another system" : NULL;
		if (skip || !s->run_argv) {
			printf("  not run: ");
			term_puts(stdout, s->words);
			printf(" (%s)\n", skip ? skip : "it names only files outside any package");
			continue;
		}
		scan_report_words(stdout, "$ ", s->env_name, s->env_value, s->run_argv);
		fputc('\n', stdout);
		int rc = cli_run(dir, s->run_argv, s->env_name, s->env_value);
		ran++;
		if (rc != 0) {
			failed++;
			if (rc < 0)
				printf("  (could not be started)\n");
			else
				printf("  (exit status %d)\n", rc);
		}
	}
	if (!ran) {
		fputs("--fix: nothing in the plan is for this machine; nothing was run\n", stdout);
		return status;
	}
	/* the same scan again, without --fix, reporting only what changed */
	char **av2 = arena_calloc(&r->a, (size_t)argc + 1, sizeof *av2);
	if (!av2)
		return 2;
	int n2 = 0;
	for (int i = 0; i < argc; i++)
		if (strcmp(argv[i], "--fix"))
			av2[n2++] = argv[i];
	fflush(stdout);
	fix_before = r;
	int after = cmd_scan(n2, av2);
	fix_before = NULL;
	if (failed)
		printf("%zu of %zu command%s failed\n", failed, ran, ran == 1 ? "" : "s");
	return after == 0 && failed ? 1 : after;
#endif
}

/* The project pins a Node the default node does not satisfy (.nvmrc,
 * engines.node, volta, ...): say so, and check against the pinned one too
 * (runtime/pins.c decides which: an installed copy, else the tables). */
static void add_pinned_targets(struct scan_run *r, const char *dir)
{
	struct pin_check pc[PINS_MAX];
	const char *have = r->ntargets ? r->targets[0].t.version : NULL;
	int n = pins_check(&r->a, dir, have, pc, PINS_MAX);
	for (int i = 0; i < n; i++) {
		const struct pin *p = &pc[i].pin;
		if (pc[i].satisfied < 0) {
			cli_error("note: %s (%s) pins Node '%s', which cannot be read: %s", p->source, p->file, p->raw,
				  p->why ? p->why : "not a version");
			continue;
		}
		if (pc[i].satisfied || !pc[i].version[0])
			continue;
		bool dup = false;
		for (size_t k = 0; k < r->ntargets; k++)
			dup |= !strcmp(r->targets[k].t.version, pc[i].version);
		const char *how = pc[i].node_path ? arena_printf(&r->a, "the copy %s installed: %s", pc[i].installed_by,
								 pc[i].node_path)
						  : "from the ABI tables: no installed copy found";
		cli_error("note: %s pins Node '%s'%s; %s%s%s", p->source, p->raw,
			  have ? arena_printf(&r->a, ", which the node on PATH (%s) does not satisfy", have)
			       : "",
			  dup ? "already checked: node@" : "also checking node@", pc[i].version,
			  dup ? "" : arena_printf(&r->a, " (%s)", how));
		if (dup || r->ntargets >= MAX_TARGETS)
			continue;
		const char *err = NULL;
		struct target *t = &r->targets[r->ntargets].t;
		int rc = pc[i].node_path ? target_from_node(&r->a, pc[i].node_path, "node", t, &err)
					 : target_parse(&r->a, arena_printf(&r->a, "node@%s", pc[i].version), t, &err);
		if (rc == 0) {
			if (pc[i].node_path)
				t->spec = arena_printf(&r->a, "node@%s (%s, pinned by %s)", t->version, pc[i].node_path, p->source);
			r->ntargets++;
		} else {
			cli_error("note: cannot check node@%s: %s", pc[i].version, err ? err : "unknown");
		}
	}
}

int cmd_scan(int argc, char **argv)
{
	struct scan_run *r = calloc(1, sizeof *r);
	if (!r) {
		cli_error("out of memory");
		return 2;
	}
	arena_init(&r->a);
	const char *dir = NULL, *node_path = NULL, *sysroot = NULL, *image = NULL, *platform = NULL;
	const char *specs[MAX_TARGETS];
	size_t nspecs = 0;
	bool json = false, fix = false;
	int status = 2;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
			fputs(scan_help, stdout);
			status = 0;
			goto out;
		} else if (!strcmp(a, "--json")) {
			json = true;
		} else if (!strcmp(a, "--fix")) {
			fix = true;
		} else if (!strcmp(a, "--target") || !strncmp(a, "--target=", 9)) {
			const char *spec = a[8] == '=' ? a + 9 : (i + 1 < argc ? argv[++i] : NULL);
			if (!spec) {
				status = cli_usage_error("scan", "--target needs a value, e.g. node@22");
				goto out;
			}
			if (nspecs >= MAX_TARGETS) {
				status = cli_usage_error("scan", "at most %d --target options", MAX_TARGETS);
				goto out;
			}
			specs[nspecs++] = spec;
		} else if (!strcmp(a, "--node") || !strncmp(a, "--node=", 7) ||
			   !strcmp(a, "--sysroot") || !strncmp(a, "--sysroot=", 10)) {
			bool node = !strncmp(a, "--node", 6);
			size_t n = node ? 6 : 9;
			const char *v = a[n] == '=' ? a + n + 1 : (i + 1 < argc ? argv[++i] : NULL);
			if (!v) {
				status = cli_usage_error("scan", "%s needs a value", node ? "--node" : "--sysroot");
				goto out;
			}
			*(node ? &node_path : &sysroot) = v;
		} else if (!strcmp(a, "--image") || !strcmp(a, "--platform")) {
			if (i + 1 >= argc) {
				status = cli_usage_error("scan", "%s needs a value", a);
				goto out;
			}
			*(a[2] == 'i' ? &image : &platform) = argv[++i];
		} else if (!strcmp(a, "--")) {
			if (i + 1 < argc)
				dir = argv[++i];
		} else if (a[0] == '-' && a[1]) {
			status = cli_usage_error("scan", "unknown option '%s'", a);
			goto out;
		} else if (dir) {
			status = cli_usage_error("scan", "one directory at a time (got '%s' and '%s')", dir, a);
			goto out;
		} else {
			dir = a;
		}
	}
	if (fix && json) {
		status = cli_usage_error("scan", "--fix shows commands and their output as they run; use it without --json");
		goto out;
	}
	if (image && fix) {
		status = cli_usage_error("scan", "--fix does not go with --image: it would change a copy, not the image");
		goto out;
	}
	if (platform && !image) {
		status = cli_usage_error("scan", "--platform picks a manifest of an --image");
		goto out;
	}
	if (image) {
		/* the image gives the directory, node and system: image/image.h */
		if (!platform && (status = image_scan_matrix(image, argc, argv)) >= 0)
			goto out;
		if ((status = image_scan_setup(&r->a, image, platform, &dir, &node_path, &sysroot, nspecs > 0)))
			goto out;
		status = 2;
	}
	if (!dir)
		dir = ".";
	/* The same targets as check: --node first, then each --target, else the
	 * node on PATH (read, never run). */
	const char *err = NULL;
	if (node_path) {
		if (target_from_node_in(&r->a, node_path, node_path, sysroot, &r->targets[r->ntargets].t, &err) != 0) {
			cli_error("--node: %s", err ? err : "cannot read it");
			goto out;
		}
		r->ntargets++;
	}
	for (size_t i = 0; i < nspecs; i++) {
		if (target_parse(&r->a, specs[i], &r->targets[r->ntargets].t, &err) != 0) {
			status = cli_usage_error("scan", "--target %s: %s", specs[i], err ? err : "bad target");
			goto out;
		}
		r->ntargets++;
	}
	const char *default_err = NULL;
	if (r->ntargets == 0) {
		if (target_default_in(&r->a, dir, &r->targets[0].t, &default_err) == 0)
			r->ntargets = 1;
		else if (!default_err)
			default_err = "cannot determine the default target";
		if (r->ntargets)
			add_pinned_targets(r, dir);
		/* An Electron app's addons are loaded by its Electron: that is a
		 * default target too (node stays, for build scripts and tests) */
		const char *ev = scan_project_electron(&r->a, dir ? dir : ".");
		if (ev && r->ntargets < MAX_TARGETS) {
			const char *eerr = NULL;
			const char *spec = arena_printf(&r->a, "electron@%s", ev);
			if (spec && target_parse(&r->a, spec, &r->targets[r->ntargets].t, &eerr) == 0)
				r->ntargets++;
			else
				cli_error("'%s/node_modules/electron/package.json': Electron %s is not in the ABI table (%s); "
					  "checking against node only", dir ? dir : ".", ev, eerr ? eerr : "unknown version");
		}
	}
	if (sysroot) {
		struct stat st;
		if (stat(sysroot, &st) || !S_ISDIR(st.st_mode)) {
			cli_error("--sysroot %s: not a directory", sysroot);
			goto out;
		}
	}
	clock_gettime(CLOCK_MONOTONIC, &scan_start);
	bool tty_err = isatty(2);
	if (scan_walk(&r->a, dir, &r->tree, stderr, tty_err ? progress : NULL) != 0)
		goto out;
	if (progress_shown)
		fputs("\r\033[K", stderr);
	scan_attribute(&r->a, &r->tree, &r->pkgs);
	r->yarn_classic = !strcmp(r->pkgs.pm, "yarn") && is_yarn_classic(r->pkgs.lockfile);
	r->color = !json && term_use_color(stdout);
	if (default_err) {
		/* No node to model: only an empty tree can still be reported on. */
		if (r->tree.files.n == 0 && !json) {
			scan_report_nothing(dir, &r->tree);
			status = 0;
		} else {
			cli_error("%s", default_err);
		}
		goto out;
	}
	for (size_t t = 0; t < r->ntargets; t++) {
		const char *warn = NULL;
		int rc = verdict_target_init(&r->a, &r->targets[t], sysroot, &warn);
		image_target_env(&r->a, &r->targets[t].env, &r->targets[t].t);
		if (warn)
			cli_error("%s (ignored)", warn);
		if (rc) {
			cli_error("out of memory");
			goto out;
		}
	}

	if (scan_run_results(r) != 0) {
		cli_error("out of memory");
		goto out;
	}
	if (rf_budget_spent())
		cli_error("the run's read budget of %llu bytes is spent: the files after that point are reported "
			  "as unknown (ADDON_DOCTOR_READ_BUDGET raises it)", (unsigned long long)rf_budget_total());
	bool bad = false;
	for (size_t i = 0; i < r->res.n; i++)
		bad |= scan_is_problem(r->res.v[i].st);
	status = bad ? 1 : 0;

	if (fix_before && !json)
		scan_report_changes(fix_before, r, stdout);
	else if (json)
		scan_report_json(r, stdout, status);
	else if (r->res.n == 0)
		scan_report_nothing(dir, &r->tree);
	else
		scan_report_text(r, stdout);
	if (fix && !fix_before)
		status = run_fixes(r, dir, argc, argv, status);
	if (fflush(stdout) != 0)
		status = 2;
out:
	for (size_t t = 0; t < r->ntargets; t++)
		verdict_target_close(&r->targets[t]);
	arena_release(&r->a);
	free(r);
	return status;
}
