/*
 * cmd_abi.c - `addon-doctor abi [--json] [node@V | electron@V | N]`
 *
 * Both directions over the embedded runtime tables (runtime/abi.h): a
 * runtime version to its NODE_MODULE_VERSION and Node-API level, a number
 * to every runtime that uses it (releases, distribution variants and the
 * -pre numbers of Node's development builds, marked as such), and with no
 * argument the whole table, one row per release line / Electron major.
 */
#include "commands.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../report/json.h"
#include "../runtime/abi.h"
#include "../runtime/target.h"

static const char abi_help[] =
	"usage: addon-doctor abi [--json] [node@VERSION | electron@VERSION | NUMBER]\n"
	"\n"
	"The NODE_MODULE_VERSION (process.versions.modules) every Node.js release\n"
	"line and Electron major uses, and the Node-API level of each Node.js release.\n"
	"An addon built for one NODE_MODULE_VERSION loads only in runtimes with the\n"
	"same number; a Node-API addon needs a Node-API level at least as high as the\n"
	"one it was built for.\n"
	"\n"
	"  (no argument)     the whole table: Node.js lines and Electron majors\n"
	"  node@22.3.0       that release (node@22: the newest known 22.x; v22 and 22.3.0 work too)\n"
	"  electron@31       that Electron release or major\n"
	"  127               every runtime that uses NODE_MODULE_VERSION 127\n"
	"  --json            one JSON object\n"
	"\n"
	"Examples:\n"
	"  addon-doctor abi 115\n"
	"  addon-doctor abi node@18.16.1\n"
	"  addon-doctor abi electron@26\n"
	"\n"
	"Data: node-abi's registry, Node's doc/abi_version_registry.json and the\n"
	"Node-API version matrix, embedded when addon-doctor was built: a newer\n"
	"addon-doctor knows newer releases.\n"
	"\n"
	"Exit status: 0 found, 1 the version or number is not in the tables,\n"
	"2 usage error.\n";

/* The release line a Node row belongs to, as printed: "22", "0.12". */
static void line_of(const char *v, char *out, size_t cap)
{
	int major = atoi(v);
	if (major == 0) {
		const char *dot = strchr(v, '.');
		snprintf(out, cap, "0.%d", dot ? atoi(dot + 1) : 0);
	} else {
		snprintf(out, cap, "%d", major);
	}
}

static bool release_kind(const char *k)
{
	return !strcmp(k, "line") || !strcmp(k, "napi") || !strcmp(k, "last") || !strcmp(k, "future");
}

/* ---- the whole table ---------------------------------------------------- */

struct line_sum {
	char line[16];
	char first[24], newest[24];
	int modules[4];
	char modules_from[4][24];
	int nmod;
	int napi[12];
	char napi_from[12][24];
	int nnapi;
	bool future;
};

#define MAX_LINES 64

static int collect_lines(struct line_sum *ls, int max)
{
	struct abi_iter it;
	struct abi_row r;
	int n = 0;
	abi_iter_init(&it, false);
	while (abi_iter_next(&it, &r)) {
		if (!release_kind(r.kind))
			continue;
		char line[16];
		line_of(r.version, line, sizeof line);
		struct line_sum *s = n ? &ls[n - 1] : NULL;
		if (!s || strcmp(s->line, line)) {
			if (n >= max)
				break;
			s = &ls[n++];
			memset(s, 0, sizeof *s);
			snprintf(s->line, sizeof s->line, "%s", line);
			snprintf(s->first, sizeof s->first, "%s", r.version);
		}
		if (!strcmp(r.kind, "last"))
			snprintf(s->newest, sizeof s->newest, "%s", r.version);
		if (!strcmp(r.kind, "future"))
			s->future = true;
		if ((s->nmod == 0 || s->modules[s->nmod - 1] != r.modules) && s->nmod < 4) {
			s->modules[s->nmod] = r.modules;
			snprintf(s->modules_from[s->nmod], 24, "%s", r.version);
			s->nmod++;
		}
		if (r.napi >= 0 && (s->nnapi == 0 || s->napi[s->nnapi - 1] != r.napi) && s->nnapi < 12) {
			s->napi[s->nnapi] = r.napi;
			snprintf(s->napi_from[s->nnapi], 24, "%s", r.version);
			s->nnapi++;
		}
	}
	return n;
}

struct major_sum {
	char major[16];
	int modules[4];
	char modules_from[4][24];
	int nmod;
	bool future;
};

static int collect_majors(struct major_sum *ms, int max)
{
	struct abi_iter it;
	struct abi_row r;
	int n = 0;
	abi_iter_init(&it, true);
	while (abi_iter_next(&it, &r)) {
		char major[16];
		int maj = atoi(r.version);
		if (maj < 2) {
			const char *dot = strchr(r.version, '.');
			snprintf(major, sizeof major, "%d.%d", maj, dot ? atoi(dot + 1) : 0);
		} else {
			snprintf(major, sizeof major, "%d", maj);
		}
		struct major_sum *s = n ? &ms[n - 1] : NULL;
		if (!s || strcmp(s->major, major)) {
			if (n >= max)
				break;
			s = &ms[n++];
			memset(s, 0, sizeof *s);
			snprintf(s->major, sizeof s->major, "%s", major);
		}
		if (!strcmp(r.kind, "future"))
			s->future = true;
		if ((s->nmod == 0 || s->modules[s->nmod - 1] != r.modules) && s->nmod < 4) {
			s->modules[s->nmod] = r.modules;
			snprintf(s->modules_from[s->nmod], 24, "%s", r.version);
			s->nmod++;
		}
	}
	return n;
}

static int print_table(bool json)
{
	static struct line_sum ls[MAX_LINES];
	static struct major_sum ms[MAX_LINES * 2];
	int nl = collect_lines(ls, MAX_LINES);
	int nm = collect_majors(ms, MAX_LINES * 2);
	if (json) {
		struct jw w;
		jw_init(&w, stdout);
		jw_obj(&w);
		jw_key(&w, "node");
		jw_arr(&w);
		for (int i = 0; i < nl; i++) {
			jw_obj(&w);
			jw_kstr(&w, "line", ls[i].line);
			jw_kint(&w, "modules", ls[i].modules[ls[i].nmod - 1]);
			jw_kstr(&w, "newest", ls[i].newest[0] ? ls[i].newest : NULL);
			jw_kbool(&w, "released", !ls[i].future);
			jw_key(&w, "modules_history");
			jw_arr(&w);
			for (int k = 0; k < ls[i].nmod; k++) {
				jw_obj(&w);
				jw_kstr(&w, "from", ls[i].modules_from[k]);
				jw_kint(&w, "modules", ls[i].modules[k]);
				jw_obj_end(&w);
			}
			jw_arr_end(&w);
			jw_key(&w, "napi");
			jw_arr(&w);
			for (int k = 0; k < ls[i].nnapi; k++) {
				jw_obj(&w);
				jw_kstr(&w, "from", ls[i].napi_from[k]);
				jw_kint(&w, "napi", ls[i].napi[k]);
				jw_obj_end(&w);
			}
			jw_arr_end(&w);
			jw_obj_end(&w);
		}
		jw_arr_end(&w);
		jw_key(&w, "electron");
		jw_arr(&w);
		for (int i = 0; i < nm; i++) {
			jw_obj(&w);
			jw_kstr(&w, "major", ms[i].major);
			jw_kint(&w, "modules", ms[i].modules[ms[i].nmod - 1]);
			jw_kbool(&w, "released", !ms[i].future);
			jw_key(&w, "modules_history");
			jw_arr(&w);
			for (int k = 0; k < ms[i].nmod; k++) {
				jw_obj(&w);
				jw_kstr(&w, "from", ms[i].modules_from[k]);
				jw_kint(&w, "modules", ms[i].modules[k]);
				jw_obj_end(&w);
			}
			jw_arr_end(&w);
			jw_obj_end(&w);
		}
		jw_arr_end(&w);
		jw_obj_end(&w);
		jw_newline(&w);
		return 0;
	}
	printf("Node.js     ABI       newest known      Node-API (highest)\n");
	for (int i = 0; i < nl; i++) {
		struct line_sum *s = &ls[i];
		char name[64], abi[48] = "", napi[128] = "";
		int major = atoi(s->line);
		snprintf(name, sizeof name, "%s%.15s.x", major >= 1 && major <= 3 ? "io.js " : "", s->line);
		size_t o = 0;
		for (int k = 0; k < s->nmod && o < sizeof abi - 1; k++) {
			int m = snprintf(abi + o, sizeof abi - o, k ? ",%d" : "%d", s->modules[k]);
			if (m > 0)
				o += (size_t)m < sizeof abi - o ? (size_t)m : sizeof abi - o - 1;
		}
		o = 0;
		bool any = false;
		for (int k = 0; k < s->nnapi && o < sizeof napi - 1; k++) {
			if (s->napi[k] == 0)
				continue;
			int m;
			if (!any && !strcmp(s->napi_from[k], s->first))
				m = snprintf(napi + o, sizeof napi - o, "%d", s->napi[k]);
			else
				m = snprintf(napi + o, sizeof napi - o, "%s%d from %s", any ? ", " : "", s->napi[k],
					     s->napi_from[k]);
			if (m > 0)
				o += (size_t)m < sizeof napi - o ? (size_t)m : sizeof napi - o - 1;
			any = true;
		}
		if (!any)
			snprintf(napi, sizeof napi, "%s", s->future ? "?" : "-");
		printf("%-10s  %-8s  %-16s  %s\n", name, abi,
		       s->future ? "not yet released" : s->newest[0] ? s->newest : "-", napi);
	}
	printf("\nElectron    ABI\n");
	for (int i = 0; i < nm; i++) {
		struct major_sum *s = &ms[i];
		printf("%-10s  %d", s->major, s->modules[s->nmod - 1]);
		if (s->nmod > 1) {
			printf("  (");
			for (int k = 0; k < s->nmod - 1; k++)
				printf("%s%d before %s", k ? ", " : "", s->modules[k], s->modules_from[k + 1]);
			printf(")");
		}
		if (s->future)
			printf("  not yet released");
		printf("\n");
	}
	printf("\nMultiple numbers on a row: the ABI changed inside that line (see 'addon-doctor abi N').\n");
	return 0;
}

/* ---- one number ----------------------------------------------------------- */

static const char *kind_words(const struct abi_row *r)
{
	if (!strcmp(r->kind, "pre"))
		return "development builds only (never in a release)";
	if (!strcmp(r->kind, "variant"))
		return "distribution build";
	if (!strcmp(r->kind, "future"))
		return "not yet released";
	return "release";
}

static int print_number(int n, bool json)
{
	char words[512];
	abi_describe(n, words, sizeof words);
	struct jw w;
	if (json) {
		jw_init(&w, stdout);
		jw_obj(&w);
		jw_kint(&w, "modules", n);
		jw_kstr(&w, "describe", words);
		jw_key(&w, "runtimes");
		jw_arr(&w);
	} else {
		printf("NODE_MODULE_VERSION %d = %s\n", n, words);
	}
	int found = 0;
	for (int e = 0; e < 2; e++) {
		struct abi_iter it;
		struct abi_row r;
		abi_iter_init(&it, e == 1);
		while (abi_iter_next(&it, &r)) {
			if (r.modules != n || !strcmp(r.kind, "last"))
				continue;
			found++;
			if (json) {
				jw_obj(&w);
				jw_kstr(&w, "runtime", e ? "electron" : "node");
				jw_kstr(&w, "from", r.version);
				jw_kstr(&w, "kind", r.kind);
				if (!e)
					jw_kint_or_null(&w, "napi", r.napi);
				jw_kstr(&w, "note", r.note[0] ? r.note : NULL);
				jw_obj_end(&w);
			} else {
				printf("  %-8s from %-16s %s", e ? "Electron" : "Node.js", r.version, kind_words(&r));
				/* a napi row's note is "Node-API N (...)": said once */
				char lvl[32] = "";
				if (!e && r.napi > 0)
					snprintf(lvl, sizeof lvl, "Node-API %d", r.napi);
				size_t ll = strlen(lvl);
				bool note_says_lvl = ll && !strncmp(r.note, lvl, ll) &&
						     (r.note[ll] == '\0' || r.note[ll] == ' ');
				if (ll)
					printf(", %s", note_says_lvl ? r.note : lvl);
				if (r.note[0] && !note_says_lvl)
					printf("; %s", r.note);
				printf("\n");
			}
		}
	}
	if (json) {
		jw_arr_end(&w);
		jw_obj_end(&w);
		jw_newline(&w);
	} else if (!found) {
		printf("  no Node.js or Electron release in the tables uses it\n");
	}
	return found ? 0 : 1;
}

/* ---- one version ---------------------------------------------------------- */

/* The newest release in a table (what "not in the tables" is measured
 * against): a user of the installed tool cannot refresh the tables, only
 * get a newer addon-doctor, so the answer says how far they reach. */
static void newest_known(bool electron, char *out, size_t cap)
{
	struct abi_iter it;
	struct abi_row r;
	out[0] = '\0';
	abi_iter_init(&it, electron);
	while (abi_iter_next(&it, &r)) {
		if (strcmp(r.kind, electron ? "release" : "last"))
			continue;
		if (!out[0] || abi_version_cmp(r.version, out) > 0)
			snprintf(out, cap, "%s", r.version);
	}
}

static int not_known(const char *runtime, const char *spec, const char *why, bool json)
{
	char newest[24];
	bool electron = !strcmp(runtime, "electron");
	newest_known(electron, newest, sizeof newest);
	if (json) {
		struct jw w;
		jw_init(&w, stdout);
		jw_obj(&w);
		jw_kstr(&w, "runtime", runtime);
		jw_kstr(&w, "query", spec);
		jw_kstr(&w, "error", "not in the tables");
		jw_kstr(&w, "reason", why);
		jw_kstr(&w, "newest_known", newest[0] ? newest : NULL);
		jw_obj_end(&w);
		jw_newline(&w);
	} else if (why) {
		printf("%s@%s: %s\n", runtime, spec, why);
	} else {
		printf("%s@%s: not in the tables of this addon-doctor (the newest %s release they know is %s); "
		       "a newer addon-doctor knows newer releases\n",
		       runtime, spec, electron ? "Electron" : "Node.js", newest[0] ? newest : "none");
	}
	return 1;
}

static int print_node(const char *spec, bool json)
{
	struct node_release r;
	if (!abi_node_release(spec, &r))
		return not_known("node", spec, NULL, json);
	struct arena a;
	arena_init(&a);
	const char *why = target_node_unknown(&a, r.version);
	int rc = why ? not_known("node", spec, why, json) : -1;
	arena_release(&a);
	if (rc >= 0)
		return rc;
	char words[512];
	abi_describe(r.modules, words, sizeof words);
	if (json) {
		struct jw w;
		jw_init(&w, stdout);
		jw_obj(&w);
		jw_kstr(&w, "runtime", "node");
		jw_kstr(&w, "query", spec);
		jw_kstr(&w, "version", r.version);
		jw_kint(&w, "modules", r.modules);
		jw_kint_or_null(&w, "napi", r.napi);
		jw_kstr(&w, "modules_shared_with", words);
		jw_obj_end(&w);
		jw_newline(&w);
		return 0;
	}
	printf("Node.js %s\n", r.version);
	printf("  NODE_MODULE_VERSION  %d  (%s)\n", r.modules, words);
	if (r.napi > 0)
		printf("  Node-API             %d  (addons built for Node-API 1..%d load)\n", r.napi, r.napi);
	else if (r.napi == 0)
		printf("  Node-API             none  (Node-API first appeared in 8.6.0)\n");
	else
		printf("  Node-API             unknown\n");
	return 0;
}

static int print_electron(const char *spec, bool json)
{
	struct electron_release r;
	if (!abi_electron_release(spec, &r))
		return not_known("electron", spec, NULL, json);
	/* an exact release not in data/electron-node.tsv is refused, as
	 * --target refuses it */
	struct arena a;
	arena_init(&a);
	const char *why = target_electron_unknown(&a, spec);
	int rc = why ? not_known("electron", spec, why, json) : -1;
	arena_release(&a);
	if (rc >= 0)
		return rc;
	struct electron_node en;
	bool exact = abi_electron_node(spec, &en);
	int napi = abi_electron_napi(spec);
	char words[512];
	abi_describe(r.modules, words, sizeof words);
	if (json) {
		struct jw w;
		jw_init(&w, stdout);
		jw_obj(&w);
		jw_kstr(&w, "runtime", "electron");
		jw_kstr(&w, "query", spec);
		jw_kstr(&w, "row", r.version);
		jw_kint(&w, "modules", r.modules);
		jw_kstr(&w, "modules_shared_with", words);
		jw_kstr(&w, "node", exact && en.node[0] ? en.node : NULL);
		jw_kint_or_null(&w, "napi", napi);
		jw_obj_end(&w);
		jw_newline(&w);
		return 0;
	}
	printf("Electron %s\n", spec);
	printf("  NODE_MODULE_VERSION  %d  (from %s; %s)\n", r.modules, r.version, words);
	if (exact && en.node[0])
		printf("  Node.js inside       %s  (process.versions.node)\n", en.node);
	else
		printf("  Node.js inside       unknown  (%s)\n",
		       exact ? "no offline source has it for this release"
		       : strchr(spec, '-') ? "a prerelease data/electron-node.tsv does not list"
		       : "it changes between releases: name one");
	if (napi > 0)
		printf("  Node-API             %d  (addons built for Node-API 1..%d load)\n", napi, napi);
	else if (napi == 0)
		printf("  Node-API             none  (its Node.js predates Node-API)\n");
	else
		printf("  Node-API             unknown\n");
	if (napi != 0)
		printf("  Node-API addons load too; ABI-specific addons need a rebuild for Electron\n"
		       "  (npx @electron/rebuild).\n");
	else
		printf("  Addons need a rebuild for Electron (npx @electron/rebuild).\n");
	return 0;
}

static bool all_digits(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (!isdigit((unsigned char)*s))
			return false;
	return true;
}

int cmd_abi(int argc, char **argv)
{
	bool json = false;
	const char *arg = NULL;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			fputs(abi_help, stdout);
			return 0;
		}
		if (!strcmp(a, "--json"))
			json = true;
		else if (a[0] == '-' && a[1])
			return cli_usage_error("abi", "unknown option '%s'", a);
		else if (arg)
			return cli_usage_error("abi", "one runtime or number at a time ('%s' and '%s')", arg, a);
		else
			arg = a;
	}
	if (!arg)
		return print_table(json);
	if (!strncmp(arg, "node@", 5))
		return print_node(arg + 5, json);
	if (!strncmp(arg, "electron@", 9))
		return print_electron(arg + 9, json);
	if (all_digits(arg)) {
		if (strlen(arg) > 6)
			return cli_usage_error("abi", "'%s' is not a NODE_MODULE_VERSION", arg);
		return print_number(atoi(arg), json);
	}
	if (arg[0] == 'v' || isdigit((unsigned char)arg[0]))
		return print_node(arg, json);
	return cli_usage_error("abi", "expected node@VERSION, electron@VERSION or a number, not '%s'", arg);
}
