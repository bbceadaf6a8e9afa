/*
 * cmd_inspect.c - `addon-doctor inspect [--json] [--symbols] FILE...`
 *
 * One arena per file, released as soon as the file is reported, so memory
 * stays flat however many files are named.  A file that cannot be read or
 * understood is reported on stderr (and as a JSON line with "error") and
 * makes the exit status 2; the other files are still reported.
 */
#include "commands.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "../io/rfile.h"
#include "../parse/parse.h"
#include "../report/inspect.h"
#include "../report/term.h"

static const char inspect_help[] =
	"usage: addon-doctor inspect [--json] [--symbols] FILE...\n"
	"\n"
	"Reads each file (never loads or runs it) and shows what it is: format\n"
	"(ELF, Mach-O thin or universal, PE), platform and CPU in Node's words\n"
	"(process.platform / process.arch), libc and the newest glibc/libstdc++\n"
	"versions it needs, the libraries it needs and where it looks for them,\n"
	"and how it registers with Node: Node-API (with the Node-API level its\n"
	"imports need) or ABI-specific (with its NODE_MODULE_VERSION).\n"
	"\n"
	"  --json      one JSON object per line per file (fields: docs/inspect.md)\n"
	"  --symbols   also list every exported and imported symbol\n"
	"\n"
	"Example:\n"
	"  addon-doctor inspect node_modules/better-sqlite3/build/Release/*.node\n"
	"\n"
	"Exit status: 0 every file was read, 2 a file could not be read or\n"
	"understood (it is named on stderr; the other files are still shown).\n";

static const char *open_error(int e, char *buf, size_t cap)
{
	switch (e) {
	case EISDIR: return "is a directory";
	case ENODEV: return "not a regular file (device, FIFO or socket)";
	default:
		snprintf(buf, cap, "cannot open: %s", strerror(e));
		return buf;
	}
}

int cmd_inspect(int argc, char **argv)
{
	struct inspect_opts o = {0};
	bool json = false;
	int first = argc;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (!strcmp(a, "--")) {
			first = i + 1;
			break;
		}
		if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			fputs(inspect_help, stdout);
			return 0;
		}
		if (!strcmp(a, "--json"))
			json = true;
		else if (!strcmp(a, "--symbols"))
			o.symbols = true;
		else if (a[0] == '-' && a[1])
			return cli_usage_error("inspect", "unknown option '%s'", a);
		else {
			first = i;
			break;
		}
	}
	/* Options may also follow the files. */
	int nfiles = 0;
	for (int i = first; i < argc; i++) {
		if (!strcmp(argv[i], "--json") && i > first)
			json = true;
		else if (!strcmp(argv[i], "--symbols") && i > first)
			o.symbols = true;
		else
			nfiles++;
	}
	if (nfiles == 0)
		return cli_usage_error("inspect", "no file named");
	o.color = !json && term_use_color(stdout);

	int status = 0;
	bool printed = false;
	for (int i = first; i < argc; i++) {
		const char *path = argv[i];
		if (i > first && (!strcmp(path, "--json") || !strcmp(path, "--symbols")))
			continue;
		struct rfile rf;
		int e = rfile_open(&rf, path);
		if (e) {
			char ebuf[160];
			const char *why = open_error(e, ebuf, sizeof ebuf);
			fflush(stdout);
			fputs("addon-doctor: '", stderr);
			term_puts(stderr, path);
			fprintf(stderr, "': %s\n", why);
			if (json)
				inspect_json_error(stdout, path, BIN_UNKNOWN, why);
			status = 2;
			continue;
		}
		struct arena a;
		arena_init(&a);
		struct binary *b = NULL;
		const char *err = NULL;
		int rc = binary_parse(&rf, &a, path, &b, &err);
		if (rc != 0 && rf.err)
			err = arena_printf(&a, "read error: %s", strerror(rf.err));
		rfile_close(&rf);
		if (rc != 0) {
			fflush(stdout);
			fputs("addon-doctor: '", stderr);
			term_puts(stderr, path);
			fputs("': ", stderr);
			term_puts(stderr, err ? err : "cannot be parsed");
			fputc('\n', stderr);
			if (json)
				inspect_json_error(stdout, path, b ? b->format : BIN_UNKNOWN, err);
			status = 2;
		} else if (json) {
			inspect_json(stdout, b, &o);
		} else {
			if (printed)
				fputc('\n', stdout);
			inspect_text(stdout, b, &o);
			printed = true;
		}
		arena_release(&a);
	}
	return status;
}
