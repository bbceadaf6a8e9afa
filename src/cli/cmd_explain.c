/*
 * cmd_explain.c - `addon-doctor explain [--json] [--no-inspect] [TEXT... | -]`
 *
 * Reads the message (arguments joined by spaces, or standard input for "-"
 * or when no argument is given and stdin is not a terminal, capped at
 * EXPLAIN_MAX_INPUT), hands it to the recogniser (explain/explain.c), lets
 * confirm.c check it against the named file, and prints the result.
 */
#include "commands.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../explain/explain.h"
#include "../report/json.h"
#include "../report/term.h"

static const char explain_help[] =
	"usage: addon-doctor explain [--json] [--no-inspect] [TEXT... | -]\n"
	"\n"
	"Paste an error - one line, a stack trace, a CI log, npm output - and get\n"
	"which native-addon load failure it is, what its numbers mean\n"
	"(NODE_MODULE_VERSION 93 = Node.js 16.x, GLIBC_2.38 = which distributions\n"
	"have it), the cause, and the fix.  Recognises Node's ERR_DLOPEN_FAILED\n"
	"texts (Node.js 0.10 to today, io.js, NW.js, Electron), Bun's and Deno's,\n"
	"glibc, musl, macOS dyld and Windows loader messages (also localised\n"
	"Windows texts),\n"
	"node-gyp-build, napi-rs, bindings, node-pre-gyp and sharp failures, and\n"
	"says when node itself, not an addon, is the binary that fails.  Paste noise\n"
	"(pm2 / CI prefixes, timestamps, colours, markdown, JSON-escaped logs) is\n"
	"taken off first.\n"
	"When the message names a file that exists here, the file is read (never\n"
	"loaded) and the diagnosis confirmed or corrected from what it really is.\n"
	"\n"
	"  TEXT...       the message (quote it); '-' or no TEXT reads standard input\n"
	"  --json        one JSON object: cause, recognised, subject (addon/runtime),\n"
	"                numbers, why, fix, facts\n"
	"  --no-inspect  do not look at the file the message names\n"
	"\n"
	"Examples:\n"
	"  addon-doctor explain \"NODE_MODULE_VERSION 93. This version of Node.js requires NODE_MODULE_VERSION 115\"\n"
	"  npm test 2>&1 | addon-doctor explain -\n"
	"\n"
	"Cause ids: abi-mismatch electron-abi-mismatch napi-too-new wrong-arch wrong-os\n"
	"wrong-libc glibc-too-old libstdcxx-too-old library-too-old missing-library\n"
	"undefined-symbol lazy-undefined-symbol not-an-addon corrupt truncated\n"
	"not-found exec-stack missing-prebuild missing-platform-package\n"
	"not-context-aware addons-disabled static-tls page-alignment code-signature\n"
	"dll-init-failed v8-sandbox bundled-addon noexec-mount needs-node-api\n"
	"node-too-old unknown.\n"
	"\n"
	"Exit status: 0 the message was recognised, 1 it was not (nothing is\n"
	"guessed), 2 usage error or unreadable input.\n";

/* Reads stdin up to the cap; sets *cut when more was there. */
static char *read_stdin(size_t *len, bool *cut)
{
	size_t cap = 65536, n = 0;
	char *buf = malloc(cap + 1);
	if (!buf)
		return NULL;
	*cut = false;
	for (;;) {
		if (n == cap) {
			if (cap >= EXPLAIN_MAX_INPUT) {
				char sink[4096];
				*cut = fread(sink, 1, sizeof sink, stdin) > 0;
				break;
			}
			size_t ncap = cap * 2 > EXPLAIN_MAX_INPUT ? EXPLAIN_MAX_INPUT : cap * 2;
			char *nb = realloc(buf, ncap + 1);
			if (!nb) {
				free(buf);
				return NULL;
			}
			buf = nb;
			cap = ncap;
		}
		size_t r = fread(buf + n, 1, cap - n, stdin);
		if (r == 0)
			break;
		n += r;
	}
	buf[n] = '\0';
	*len = n;
	return buf;
}

static void print_text(const struct explain *ex, bool recognised)
{
	if (!recognised) {
		puts("Not recognised: this text matches none of the native-addon load failures");
		puts("addon-doctor knows (see 'addon-doctor explain --help'). No cause is guessed.");
		puts("Paste the whole error, including the line with the file path, if you have it.");
		return;
	}
	printf("Recognised: %s (%s)\n", ex->title, ex->recognised);
	printf("Cause:      %s\n", ex->cause);
	if (ex->subject && !strcmp(ex->subject, "runtime"))
		puts("Failing:    the runtime itself (node, an Electron app, a packaged executable), not an addon: rebuilding addons does not help");
	if (ex->file) {
		fputs("File:       ", stdout);
		term_puts(stdout, ex->file);
		fputc('\n', stdout);
	}
	if (ex->package) {
		fputs("Package:    ", stdout);
		term_puts(stdout, ex->package);
		fputc('\n', stdout);
	}
	if (ex->library) {
		fputs("Library:    ", stdout);
		term_puts(stdout, ex->library);
		fputc('\n', stdout);
	}
	if (ex->symbol && ex->demangled) {
		fputs("Symbol:     ", stdout);
		term_puts(stdout, ex->symbol);
		fputs("\n            = ", stdout);
		term_puts(stdout, ex->demangled);
		fputc('\n', stdout);
	}
	if (ex->numbers.n) {
		puts("Numbers:");
		for (size_t i = 0; i < ex->numbers.n; i++) {
			const struct explain_number *n = &ex->numbers.v[i];
			fputs("  ", stdout);
			term_puts(stdout, n->label);
			fputs(": ", stdout);
			term_puts(stdout, n->value ? n->value : "?");
			if (n->meaning) {
				fputs(" = ", stdout);
				term_puts(stdout, n->meaning);
			}
			fputc('\n', stdout);
		}
	}
	if (ex->facts.n) {
		puts("The file:");
		for (size_t i = 0; i < ex->facts.n; i++) {
			fputs("  ", stdout);
			term_puts(stdout, ex->facts.v[i].text);
			fputc('\n', stdout);
		}
	}
	if (ex->verdict && ex->facts.n) {
		fputs("Diagnosis:  ", stdout);
		term_puts(stdout, ex->verdict);
		fputc('\n', stdout);
	}
	fputs("Why:        ", stdout);
	term_puts(stdout, ex->why ? ex->why : "");
	fputs("\nFix:        ", stdout);
	term_puts(stdout, ex->fix ? ex->fix : "");
	fputc('\n', stdout);
	if (ex->also.n) {
		fputs("Also in the text:", stdout);
		for (size_t i = 0; i < ex->also.n; i++)
			printf(" %s", ex->also.v[i]);
		fputc('\n', stdout);
	}
	if (ex->truncated_input)
		puts("(input cut at 4 MiB)");
}

static void print_json(const struct explain *ex, bool recognised)
{
	struct jw w;
	jw_init(&w, stdout);
	jw_obj(&w);
	jw_kstr(&w, "cause", ex->cause);
	jw_kstr(&w, "recognised", recognised ? ex->recognised : NULL);
	jw_kstr(&w, "title", recognised ? ex->title : NULL);
	jw_kstr(&w, "origin", ex->origin);
	jw_kstr(&w, "subject", recognised ? ex->subject : NULL);
	jw_kstr(&w, "file", ex->file);
	jw_kstr(&w, "package", ex->package);
	jw_kstr(&w, "library", ex->library);
	jw_kstr(&w, "symbol", ex->symbol);
	jw_kstr(&w, "demangled", ex->demangled);
	jw_key(&w, "numbers");
	jw_arr(&w);
	for (size_t i = 0; i < ex->numbers.n; i++) {
		jw_obj(&w);
		jw_kstr(&w, "label", ex->numbers.v[i].label);
		jw_kstr(&w, "value", ex->numbers.v[i].value);
		jw_kstr(&w, "meaning", ex->numbers.v[i].meaning);
		jw_obj_end(&w);
	}
	jw_arr_end(&w);
	jw_kstr(&w, "why", ex->why);
	jw_kstr(&w, "fix", ex->fix);
	jw_key(&w, "facts");
	jw_arr(&w);
	for (size_t i = 0; i < ex->facts.n; i++)
		jw_str(&w, ex->facts.v[i].text);
	jw_arr_end(&w);
	jw_kstr(&w, "verdict", ex->verdict);
	jw_key(&w, "also");
	jw_arr(&w);
	for (size_t i = 0; i < ex->also.n; i++)
		jw_str(&w, ex->also.v[i]);
	jw_arr_end(&w);
	jw_kbool(&w, "input_truncated", ex->truncated_input);
	jw_obj_end(&w);
	jw_newline(&w);
}

int cmd_explain(int argc, char **argv)
{
	bool json = false, inspect = true, from_stdin = false;
	int first = argc;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (!strcmp(a, "--")) {
			first = i + 1;
			break;
		}
		if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			fputs(explain_help, stdout);
			return 0;
		}
		if (!strcmp(a, "--json"))
			json = true;
		else if (!strcmp(a, "--no-inspect"))
			inspect = false;
		else if (!strcmp(a, "-"))
			from_stdin = true;
		else if (a[0] == '-' && a[1] == '-')
			return cli_usage_error("explain", "unknown option '%s'", a);
		else {
			first = i;
			break;
		}
	}
	char *text = NULL;
	size_t len = 0;
	bool cut = false;
	if (from_stdin || first >= argc) {
		if (!from_stdin && isatty(STDIN_FILENO))
			return cli_usage_error("explain", "give the message as an argument, or '-' to read it from standard input");
		text = read_stdin(&len, &cut);
		if (!text) {
			cli_error("cannot read standard input");
			return 2;
		}
	} else {
		size_t total = 0;
		for (int i = first; i < argc; i++)
			total += strlen(argv[i]) + 1;
		text = malloc(total + 1);
		if (!text)
			return 2;
		text[0] = '\0';
		for (int i = first; i < argc; i++) {
			if (i > first)
				strcat(text, " ");
			strcat(text, argv[i]);
		}
		len = strlen(text);
	}
	struct arena a;
	arena_init(&a);
	struct explain ex;
	bool ok = explain_text(&a, text, len, &ex);
	free(text);
	if (cut)
		ex.truncated_input = true;
	if (ok && inspect)
		explain_confirm(&a, &ex);
	if (json)
		print_json(&ex, ok);
	else
		print_text(&ex, ok);
	arena_release(&a);
	return ok ? 0 : 1;
}
