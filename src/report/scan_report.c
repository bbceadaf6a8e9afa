/*
 * scan_report.c - renders a scan run (scan/scan.h: results per file,
 * package and target, and the fix plan as data) for people (a packages x
 * targets table, the details of every problem, the plan) and for programs
 * (one JSON object per line; fields in docs/scan.md).  Decides nothing:
 * every outcome, message and command comes from the pipeline.
 */
#include "scan_report.h"

#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "json.h"
#include "term.h"
#include "../util/shquote.h"

static const struct target *tgt(const struct scan_run *r, size_t i)
{
	return &r->targets[i].t;
}

/* A target's name in the table and headings: the spec without the
 * "(/usr/bin/node, on PATH)" that target_default adds. */
static const char *target_label(struct arena *a, const struct target *t)
{
	const char *sp = strstr(t->spec, " (");
	return sp ? arena_strndup(a, t->spec, (size_t)(sp - t->spec)) : t->spec;
}

/* "    label     text", continuation lines indented under the text; each
 * line written whole, so UTF-8 (bindings' " → ") passes term_puts. */
static void indent_block(FILE *o, const char *label, const char *text)
{
	struct arena a;
	arena_init(&a);
	/* the indent goes only in front of text: an empty line of the text
	 * (Node's own messages have them) ends in no spaces */
	bool first = true;
	for (const char *p = text;;) {
		const char *nl = strchr(p, '\n');
		const char *line = nl ? arena_strndup(&a, p, (size_t)(nl - p)) : p;
		if (!line)
			line = "?";
		if (first)
			fprintf(o, *line ? "    %-10s" : "    %s", label);
		else if (*line)
			fputs("              ", o);
		term_puts(o, line);
		first = false;
		if (!nl)
			break;
		fputc('\n', o);
		p = nl + 1;
	}
	arena_release(&a);
	fputc('\n', o);
}

static const char *pkg_label(struct arena *a, const struct scan_pkg *p, const struct scan_file *f)
{
	if (!p)
		return f ? f->path : "?";
	return p->version[0] ? arena_printf(a, "%s@%s", p->name, p->version) : p->name;
}

/*
 * A command line as a shell needs it, so the line can be pasted: each
 * argument one shell word (util/shquote.h), terminal-escaped.  The plan
 * prints its commands with this and --fix echoes what it runs with it, so
 * both show the same argument vector.
 */
void scan_report_words(FILE *o, const char *lead, const char *env_name, const char *env_value,
			const char *const *argv)
{
	struct arena a;
	arena_init(&a);
	fputs(lead, o);
	if (env_name) {
		term_puts(o, env_name);
		fputc('=', o);
		const char *w = sh_word(&a, env_value);
		term_puts(o, w ? w : "?");
		fputc(' ', o);
	}
	for (size_t i = 0; argv && argv[i]; i++) {
		if (i)
			fputc(' ', o);
		const char *w = sh_word(&a, argv[i]);
		term_puts(o, w ? w : "?");
	}
	arena_release(&a);
}

static void print_plan(struct scan_run *r, FILE *o)
{
	struct scan_plan pl;
	if (!scan_plan_compute(r, &pl))
		return;
	fprintf(o, "\nFix plan (%s%s%s%s):\n", pl.pm, pl.lockfile ? ", from " : "",
		pl.lockfile ? pl.lockfile : "", pl.lockfile ? "" : ", no lockfile found");
	for (size_t i = 0; i < pl.steps.n; i++) {
		const struct plan_step *s = &pl.steps.v[i];
		if (s->argv)
			scan_report_words(o, "  ", s->env_name, s->env_value, s->argv);
		else {
			fputs("  ", o);
			term_puts(o, s->text ? s->text : "?");
		}
		if (s->suffix)
			term_puts(o, s->suffix);
		fputc('\n', o);
		if (s->note) {
			fputs("      ", o);
			for (const char *p = s->note; *p;) {
				const char *nl = strchr(p, '\n');
				const char *line = nl ? arena_strndup(&r->a, p, (size_t)(nl - p)) : p;
				term_puts(o, line ? line : "?");
				if (!nl)
					break;
				fputs("\n      ", o);
				p = nl + 1;
			}
			fputc('\n', o);
		}
	}
	for (size_t i = 0; i < pl.alternatives.n; i++) {
		fputs("  ", o);
		term_puts(o, pl.alternatives.v[i]);
		fputc('\n', o);
	}
	for (size_t i = 0; i < pl.refused.n; i++) {
		fputs("  left out: ", o);
		const char *w = sh_word(&r->a, pl.refused.v[i]);
		term_puts(o, w ? w : "?");
		fputs("\n      not a valid npm package name installed at node_modules/<name>, so no package\n"
		      "      manager command names it (and --fix never does): rebuild it by hand\n", o);
	}
}

/* --- human report ---------------------------------------------------------- */

struct row {
	struct scan_pkg *pkg;       /* NULL: a file outside any package */
	struct scan_file *f;
	const char *label;
};

static const char *cell_for(struct scan_run *r, const struct row *rw, size_t t, enum scan_status *st_out)
{
	enum scan_status best = ST_NOT_USED;
	const char *cause = NULL;
	bool any = false;
	for (size_t i = 0; i < r->res.n; i++) {
		const struct scan_result *x = &r->res.v[i];
		if (x->target != t || x->pkg != rw->pkg || (!rw->pkg && x->f != rw->f))
			continue;
		any = true;
		if (x->st == ST_FAILS) {
			if (best != ST_FAILS)
				cause = x->v.cause;
			best = ST_FAILS;
		} else if (x->st == ST_MISSING && best != ST_FAILS) {
			best = ST_MISSING;
			cause = x->m.cause;
		} else if (x->st == ST_UNKNOWN && best != ST_FAILS && best != ST_MISSING) {
			if (best != ST_UNKNOWN)
				cause = x->v.cause;
			best = ST_UNKNOWN;
		} else if (x->st == ST_FALLBACK && (best == ST_NOT_USED || best == ST_LOADS)) {
			best = ST_FALLBACK;
		} else if (x->st == ST_LOADS && best == ST_NOT_USED) {
			best = ST_LOADS;
			if (x->v.outcome && !strcmp(x->v.outcome, "loads-then-crashes"))
				cause = x->v.cause;
		}
	}
	*st_out = best;
	if (!any)
		return "-";
	if (best == ST_FAILS)
		return arena_printf(&r->a, "fails: %s", cause ? cause : "unknown");
	if (best == ST_MISSING)
		return cause && !strcmp(cause, "not-built") ? "throws: not built" : "missing";
	if (best == ST_UNKNOWN)
		return cause && strcmp(cause, "unknown") ? arena_printf(&r->a, "unknown: %s", cause) : "unknown";
	if (best == ST_FALLBACK)
		return "falls back to JS";
	if (best == ST_LOADS && cause)
		return arena_printf(&r->a, "loads (lazy: %s)", cause);
	return best == ST_LOADS ? "loads" : "not used";
}

struct rows { struct row *v; size_t n, cap; };

/* The table's rows: packages with files or results, then loose files. */
static void table_rows(struct scan_run *r, struct rows *rows)
{
	memset(rows, 0, sizeof *rows);
	for (size_t i = 0; i < r->pkgs.all.n; i++) {
		struct scan_pkg *p = r->pkgs.all.v[i];
		bool has = p->files.n > 0;
		for (size_t j = 0; j < r->res.n && !has; j++)
			has = r->res.v[j].pkg == p;
		struct row *rw = has ? VEC_PUSH(&r->a, rows) : NULL;
		if (rw)
			*rw = (struct row){ p, NULL, pkg_label(&r->a, p, NULL) };
	}
	for (size_t i = 0; i < r->tree.files.n; i++) {
		struct scan_file *f = &r->tree.files.v[i];
		struct row *rw = f->pkg ? NULL : VEC_PUSH(&r->a, rows);
		if (rw)
			*rw = (struct row){ NULL, f, f->path };
	}
}

void scan_report_text(struct scan_run *r, FILE *o)
{
	struct rows rows;
	table_rows(r, &rows);
	size_t w0 = 7;
	for (size_t i = 0; i < rows.n; i++) {
		size_t l = strlen(rows.v[i].label);
		if (l > w0)
			w0 = l;
	}
	if (w0 > 64)
		w0 = 64;
	size_t owners = scan_addon_packages(r);
	size_t loose = 0, expecting = 0;
	for (size_t i = 0; i < rows.n; i++) {
		loose += rows.v[i].pkg == NULL;
		expecting += rows.v[i].pkg && rows.v[i].pkg->files.n == 0;
	}
	if (!loose)
		fprintf(o, "%zu addon file%s in %zu package%s", r->tree.files.n, r->tree.files.n == 1 ? "" : "s",
			owners, owners == 1 ? "" : "s");
	else if (!owners)
		fprintf(o, "%zu addon file%s, none in a package,", r->tree.files.n, r->tree.files.n == 1 ? "" : "s");
	else
		fprintf(o, "%zu addon files (%zu in %zu package%s, %zu outside any package)", r->tree.files.n,
			r->tree.files.n - loose, owners, owners == 1 ? "" : "s", loose);
	fprintf(o, " under %s (%s)", r->tree.root, r->pkgs.pm);
	if (expecting)
		fprintf(o, "; %zu more package%s lack%s one", expecting, expecting == 1 ? "" : "s",
			expecting == 1 ? "s" : "");
	fputc('\n', o);
	for (size_t t = 0; t < r->ntargets; t++) {
		const struct target *tg = tgt(r, t);
		const char *exe = tg->node && tg->node->bin ? tg->node->bin->path : NULL;
		fprintf(o, "target %s: %s %s, NODE_MODULE_VERSION %d, Node-API %s, %s", tg->spec, tg->runtime,
			tg->version, tg->modules, tg->napi >= 0 ? arena_printf(&r->a, "%d", tg->napi) : "unknown",
			scan_target_platform(&r->a, tg));
		if (tg->host)
			fputs(" (this machine)", o);
		if (exe && !strstr(tg->spec, exe))
			fprintf(o, ", read from %s", exe);
		if (r->targets[t].env.sysroot)
			fprintf(o, ", libraries from %s", r->targets[t].env.sysroot);
		fputc('\n', o);
	}
	fputc('\n', o);
	size_t cw = 26;
	for (size_t t = 0; t < r->ntargets; t++) {
		size_t l = strlen(target_label(&r->a, tgt(r, t)));
		if (l + 1 > cw)
			cw = l + 1;
	}
	/* Columns are padded between cells, never after the last one: no
	 * line of the text output ends in spaces (issue 17). */
	fprintf(o, "%-*s", (int)w0 + 2, "package");
	for (size_t t = 0; t < r->ntargets; t++)
		fprintf(o, "  %-*s", t + 1 < r->ntargets ? (int)cw : 0, target_label(&r->a, tgt(r, t)));
	fputc('\n', o);
	for (size_t i = 0; i < rows.n; i++) {
		term_puts(o, rows.v[i].label);
		size_t l = strlen(rows.v[i].label);
		fprintf(o, "%*s", (int)(l < w0 + 2 ? w0 + 2 - l : 1), "");
		for (size_t t = 0; t < r->ntargets; t++) {
			enum scan_status st;
			const char *c = cell_for(r, &rows.v[i], t, &st);
			const char *col = !r->color ? "" : st == ST_LOADS ? "\033[32m" :
					  st == ST_NOT_USED ? "\033[2m" : st == ST_UNKNOWN ? "\033[33m" : "\033[31m";
			fprintf(o, "  %s%-*s%s", col, t + 1 < r->ntargets ? (int)cw : 0, c, r->color ? "\033[0m" : "");
		}
		fputc('\n', o);
	}
	bool header = false;
	for (size_t i = 0; i < r->res.n; i++) {
		const struct scan_result *x = &r->res.v[i];
		if (!scan_is_problem(x->st))
			continue;
		if (!header)
			fputs("\nProblems:\n", o);
		header = true;
		const struct target *t = tgt(r, x->target);
		fprintf(o, "\n  %s", r->color ? "\033[1m" : "");
		term_puts(o, pkg_label(&r->a, x->pkg, x->f));
		fprintf(o, " on %s%s: %s\n", target_label(&r->a, t), r->color ? "\033[0m" : "",
			x->st == ST_MISSING ? (x->m.cause ? arena_printf(&r->a, "throws (%s)", x->m.cause) : "a needed binary is missing") :
			arena_printf(&r->a, "%s (%s)%s", x->v.outcome, x->v.cause ? x->v.cause : "unknown",
				     x->v.by_reasoning ? " [by reasoning]" : ""));
		if (x->st == ST_MISSING) {
			indent_block(o, "loader", scan_loader_name(x->m.loader));
			indent_block(o, "wanted", x->m.wanted ? x->m.wanted : "?");
			indent_block(o, "error", x->m.error ? x->m.error : "(not known: the package loads it with its own code)");
			indent_block(o, "why", x->m.why ? x->m.why : "?");
			indent_block(o, "fix", scan_missing_fix(&r->a, &x->m, t));
			continue;
		}
		indent_block(o, "file", x->f->path);
		for (size_t j = 0; j < x->f->via.n; j++)
			indent_block(o, "also", x->f->via.v[j]);
		indent_block(o, "loader", scan_loader_name(x->f->loader));
		if (x->v.error)
			indent_block(o, "error", x->v.error);
		if (x->w.why)
			indent_block(o, "why", x->w.why);
		for (size_t j = 0; j < x->v.evidence.n; j++)
			indent_block(o, j ? "" : "evidence", x->v.evidence.v[j]);
		if (x->w.fix)
			indent_block(o, "fix", x->w.fix);
	}
	print_plan(r, o);
}

/* --- JSON ------------------------------------------------------------------- */

/*
 * What require(p) does on target t, from the results of its files and of
 * its platform packages' files: the file its loader picks and that file's
 * verdict, or the loader's own error when no file is there.  One record
 * per package that needs an addon (docs/scan.md "Package records").
 */
static void print_package_record(struct scan_run *r, struct jw *w, const struct scan_pkg *p, size_t t)
{
	struct scan_pkg_outcome po;
	if (!scan_package_outcome(r, p, t, &po))
		return;
	const struct scan_result *pick = po.pick;
	const struct target *tg = tgt(r, t);
	jw_obj(w);
	jw_kstr(w, "record", "package");
	jw_kstr(w, "package", p->name);
	jw_kstr(w, "version", p->version);
	jw_kstr(w, "package_dir", p->dir);
	jw_kstr(w, "target", tg->spec);
	jw_kstr(w, "loader", scan_loader_name(pick->f ? pick->f->loader : pick->m.loader));
	jw_kstr(w, "require", po.require);
	jw_kstr(w, "file", pick->f && pick->st != ST_FALLBACK && strcmp(po.require, "falls-back") ? pick->f->real : NULL);
	jw_kstr(w, "error", po.error);
	jw_kstr(w, "code", po.code);
	jw_kstr(w, "cause", pick->f ? pick->v.cause : pick->m.cause ? pick->m.cause : "not-found");
	jw_kstr(w, "fix", pick->f ? pick->w.fix : scan_missing_fix(&r->a, &pick->m, tg));
	jw_kstr(w, "why", po.via ? arena_printf(&r->a, "%s loads %s inside a try whose catch goes on without it: %s", p->name,
						 po.via->name, po.why ? po.why : "?")
			 : po.why);
	jw_kstr(w, "native", p->native_why ? p->native_why : po.via ? arena_printf(&r->a, "it loads %s when it can", po.via->name) : NULL);
	jw_obj_end(w);
	jw_newline(w);
}

/*
 * One line per (file, target): check's fields (verdict_json_fields, the same
 * function `check --json` uses), then scan's own.  A file the target does
 * not load and a missing file get the same fields, filled as docs/scan.md says.
 */
void scan_report_json(struct scan_run *r, FILE *o, int status)
{
	struct jw w;
	jw_init(&w, o);
	size_t counts[ST_COUNT] = { 0 };
	for (size_t i = 0; i < r->res.n; i++) {
		const struct scan_result *x = &r->res.v[i];
		const struct target *t = tgt(r, x->target);
		counts[x->st]++;
		jw_obj(&w);
		if (x->f && (x->st == ST_LOADS || x->st == ST_FAILS || x->st == ST_UNKNOWN || x->st == ST_FALLBACK)) {
			verdict_json_fields(&w, x->f->path, t, &x->v, &x->w);
		} else {
			struct ld_result v;
			struct verdict_words vw;
			memset(&v, 0, sizeof v);
			memset(&vw, 0, sizeof vw);
			vw.package = x->pkg ? x->pkg->name : NULL;
			if (x->st == ST_MISSING || (x->st == ST_FALLBACK && !x->f)) {
				v.outcome = "throws";
				v.error = x->m.error;
				v.code = x->m.code;
				v.cause = x->m.cause ? x->m.cause : "not-found";
				v.by_reasoning = true;
				const char **e = VEC_PUSH(&r->a, &v.evidence);
				if (e)
					*e = arena_printf(&r->a, "%s looks for %s",
							  /* not "unknown looks for": no loader is named "unknown" */
							  x->m.loader == LOADER_UNKNOWN ? "the package's own loader"
							  : scan_loader_name(x->m.loader),
							  x->m.wanted ? x->m.wanted : "?");
				vw.why = x->m.why;
				vw.fix = scan_missing_fix(&r->a, &x->m, t);
			} else {
				v.real = x->f->real;
				vw.why = x->not_used_why;
			}
			verdict_json_fields(&w, x->f ? x->f->path : NULL, t, &v, &vw);
		}
		jw_kstr(&w, "loader", scan_loader_name(x->f ? x->f->loader : x->m.loader));
		jw_kbool(&w, "used", x->f && x->st != ST_NOT_USED);
		jw_kstr(&w, "status", scan_status_word[x->st]);
		jw_key(&w, "via");
		jw_arr(&w);
		for (size_t j = 0; x->f && j < x->f->via.n; j++)
			jw_str(&w, x->f->via.v[j]);
		jw_arr_end(&w);
		jw_kstr(&w, "version", x->pkg ? x->pkg->version : NULL);
		jw_kstr(&w, "package_dir", x->pkg ? x->pkg->dir : NULL);
		jw_kstr(&w, "wanted", !x->f ? x->m.wanted : NULL);
		jw_obj_end(&w);
		jw_newline(&w);
	}
	for (size_t t = 0; t < r->ntargets; t++)
		for (size_t i = 0; i < r->pkgs.all.n; i++)
			print_package_record(r, &w, r->pkgs.all.v[i], t);
	jw_obj(&w);
	jw_kbool(&w, "summary", true);
	jw_kstr(&w, "dir", r->tree.root);
	jw_kint(&w, "files", (int64_t)r->tree.files.n);
	jw_kint(&w, "packages", (int64_t)scan_addon_packages(r)); /* that own addon files */
	jw_key(&w, "targets");
	jw_arr(&w);
	for (size_t t = 0; t < r->ntargets; t++)
		jw_str(&w, tgt(r, t)->spec);
	jw_arr_end(&w);
	jw_kint(&w, "loads", (int64_t)counts[ST_LOADS]);
	jw_kint(&w, "fails", (int64_t)counts[ST_FAILS]);
	jw_kint(&w, "not_used", (int64_t)counts[ST_NOT_USED]);
	jw_kint(&w, "missing", (int64_t)counts[ST_MISSING]);
	jw_kint(&w, "unknown", (int64_t)counts[ST_UNKNOWN]);
	jw_kint(&w, "falls_back", (int64_t)counts[ST_FALLBACK]);
	jw_kstr(&w, "package_manager", r->pkgs.pm);
	jw_kstr(&w, "lockfile", r->pkgs.lockfile);
	/* what the walk could not read or follow (each also said on stderr);
	 * "problems", its first name, stays for programs that read it */
	jw_kint(&w, "walk_problems", (int64_t)r->tree.problems);
	jw_kint(&w, "problems", (int64_t)r->tree.problems);
	jw_kint(&w, "exit", status);
	jw_obj_end(&w);
	jw_newline(&w);
}

/* After the fixes: what changed, per package and target, against before. */
void scan_report_changes(struct scan_run *before, struct scan_run *after, FILE *o)
{
	struct rows nr, orows;
	table_rows(after, &nr);
	table_rows(before, &orows);
	size_t changed = 0, remaining = 0;
	fputs("\nAfter the fixes:\n", o);
	for (size_t i = 0; i < nr.n; i++) {
		const struct row *o_rw = NULL;
		for (size_t j = 0; j < orows.n && !o_rw; j++)
			if (!strcmp(orows.v[j].label, nr.v[i].label))
				o_rw = &orows.v[j];
		for (size_t t = 0; t < after->ntargets; t++) {
			enum scan_status st, ost = ST_NOT_USED;
			const char *now = cell_for(after, &nr.v[i], t, &st);
			const char *was = o_rw && t < before->ntargets ? cell_for(before, o_rw, t, &ost) : "-";
			remaining += scan_is_problem(st);
			if (!strcmp(now, was))
				continue;
			changed++;
			fputs("  ", o);
			term_puts(o, nr.v[i].label);
			fprintf(o, " on %s: %s -> %s\n", target_label(&after->a, tgt(after, t)), was, now);
		}
	}
	for (size_t j = 0; j < orows.n; j++) {
		bool still = false;
		for (size_t i = 0; i < nr.n && !still; i++)
			still = !strcmp(orows.v[j].label, nr.v[i].label);
		if (!still) {
			changed++;
			fputs("  ", o);
			term_puts(o, orows.v[j].label);
			fputs(": gone from the tree\n", o);
		}
	}
	if (!changed)
		fputs("  nothing changed\n", o);
	if (remaining)
		fprintf(o, "%zu problem%s remain%s: run 'addon-doctor scan' for the details\n", remaining,
			remaining == 1 ? "" : "s", remaining == 1 ? "s" : "");
	else
		fputs("no problems remain\n", o);
}

void scan_report_nothing(const char *dir, const struct scan_tree *tree)
{
	/* "under ." then a full stop read as "under .."; say what "." is */
	bool here = !strcmp(dir, ".") || !strcmp(dir, "./");
	printf("No native addons (.node files) under %s%s%s.\n", here ? "the current directory" : dir,
	       tree->has_node_modules ? "" : ", and no node_modules",
	       here && !tree->has_node_modules ? " directory" : "");
	if (!tree->has_node_modules) {
		/* the usual cause: nothing installed yet, or the wrong directory */
		printf("addon-doctor reads the packages installed under node_modules: run it after\n"
		       "'npm install' (or npm ci, pnpm install, yarn), in the project's directory\n"
		       "or with that directory as its argument: addon-doctor path/to/project\n");
	} else {
		puts("None of the installed packages has or needs a native addon: nothing here can\n"
		     "fail to load one.");
	}
	/* The bundled example exists only in the addon-doctor source tree (an
	 * npm user has none): point at it only when it is there. */
	struct stat st;
	if (stat("examples/demo/package.json", &st) == 0 && S_ISREG(st.st_mode) && strcmp(dir, "examples/demo"))
		puts("To see a report, scan the bundled example (built by 'make' in this source tree):\n"
		     "  addon-doctor examples/demo");
}

