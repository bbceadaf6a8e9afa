/*
 * cmd_env.c - `addon-doctor env [--json]`: this machine and project as a
 * load target, in one screen.
 *
 * The node on PATH (found by walking $PATH, identified by reading the
 * executable with nodebin_read(), never by running it), its CPU against the
 * kernel's (an x64 node on an arm64 host runs under emulation and installs
 * x64 addons), the C library, the package manager from the lockfile, the
 * project's Electron and its ABI, and the npm settings that change which
 * native build gets installed (.npmrc in the project and $HOME, npm_config_*).
 */
#include "commands.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../explain/explain.h"
#include "../io/rfile.h"
#include "../report/json.h"
#include "../report/term.h"
#include "../runtime/abi.h"
#include "../runtime/nodebin.h"
#include "../runtime/pins.h"
#include "../runtime/vmgr.h"
#include "../runtime/nodescope.h"
#include "../util/jsonread.h"

static const char env_help[] =
	"usage: addon-doctor env [--json]\n"
	"\n"
	"Describes this machine and the project in the current directory as a\n"
	"target for native addons - the first checks of any \"addon won't load\"\n"
	"investigation, without running anything:\n"
	"  - the node on PATH: path, version, NODE_MODULE_VERSION, Node-API level, CPU\n"
	"    (read from the executable), and whether it runs under emulation\n"
	"  - the C library (glibc and its version, or musl)\n"
	"  - the package manager, from the lockfile\n"
	"  - Electron in node_modules and its ABI\n"
	"  - npm settings that change which native build is installed\n"
	"    (build_from_source, nodedir, arch, target, target_arch, runtime,\n"
	"    disturl, libc, platform) from ./.npmrc, ~/.npmrc and npm_config_*\n"
	"\n"
	"  --json   the same facts as one JSON object\n"
	"\n"
	"Example:\n"
	"  cd my-app && addon-doctor env\n"
	"\n"
	"Exit status: 0 (always, when the options are valid), 2 usage error.\n";

extern char **environ;

#define MAX_SETTINGS 32

struct setting {
	const char *key, *value, *from;
};

struct env {
	const char *node_path, *node_version, *node_arch, *node_libc, *node_why, *node_err;
	const char *shim, *shim_real;       /* a version manager's shim on PATH (runtime/vmgr.c) */
	struct pin_check pins[PINS_MAX];
	int npins;
	const char *node_kind, *node_needs, *node_start; /* runtime/nodebin.h, nodescope.h */
	int node_start_status;
	int node_modules, node_napi;
	const char *host_arch, *libc, *libc_version, *libc_why;
	const char *lockfiles[6];
	int nlock;
	const char *electron_version, *electron_path;
	int electron_modules;
	struct setting settings[MAX_SETTINGS];
	int nsettings;
};

static char *read_small(struct arena *a, const char *path, size_t cap, size_t *len)
{
	struct rfile rf;
	if (rfile_open(&rf, path) != 0)
		return NULL;
	size_t n = rf.size < cap ? (size_t)rf.size : cap;
	char *buf = arena_alloc(a, n + 1);
	if (buf && !rf_read(&rf, 0, buf, n))
		buf = NULL;
	rfile_close(&rf);
	if (buf) {
		buf[n] = '\0';
		*len = n;
	}
	return buf;
}

static const char *const interesting[] = {
	"build_from_source", "nodedir", "arch", "target", "target_arch", "runtime", "disturl",
	"libc", "platform", "target_platform", "python", "msvs_version",
};

/* npm keys are case-insensitive and '-' == '_'. */
static const char *canon_key(struct arena *a, const char *k, size_t n)
{
	char *c = arena_strndup(a, k, n);
	if (!c)
		return NULL;
	for (char *p = c; *p; p++)
		*p = *p == '-' ? '_' : (char)tolower((unsigned char)*p);
	for (size_t i = 0; i < sizeof interesting / sizeof interesting[0]; i++)
		if (!strcmp(c, interesting[i]))
			return interesting[i];
	return NULL;
}

static void add_setting(struct env *v, const char *key, const char *value, const char *from)
{
	if (v->nsettings < MAX_SETTINGS)
		v->settings[v->nsettings++] = (struct setting){ key, value, from };
}

static void read_npmrc(struct arena *a, struct env *v, const char *path, const char *label)
{
	size_t len;
	char *t = read_small(a, path, 256 * 1024, &len);
	if (!t)
		return;
	for (char *line = t, *next; line && *line; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		while (*line == ' ' || *line == '\t')
			line++;
		if (*line == '#' || *line == ';')
			continue;
		char *eq = strchr(line, '=');
		if (!eq)
			continue;
		char *ke = eq;
		while (ke > line && (ke[-1] == ' ' || ke[-1] == '\t'))
			ke--;
		const char *key = canon_key(a, line, (size_t)(ke - line));
		if (!key)
			continue;
		char *val = eq + 1;
		while (*val == ' ' || *val == '\t')
			val++;
		size_t vl = strlen(val);
		while (vl && (val[vl - 1] == '\r' || val[vl - 1] == ' '))
			val[--vl] = '\0';
		add_setting(v, key, val, label);
	}
}

static void gather(struct arena *a, struct env *v)
{
	memset(v, 0, sizeof *v);
	v->node_modules = v->node_napi = -1;
	v->electron_modules = -1;
	v->host_arch = uname_arch();
	v->libc = machine_libc(a, &v->libc_version, &v->libc_why);

	/* The node a shell here would run: a version manager's shim resolves
	 * to the executable it starts (never run, read from its files). */
	struct path_node pn;
	if (vmgr_node_on_path(a, ".", &pn) == 0) {
		v->node_path = pn.found;
		if (pn.manager) {
			v->shim = pn.real ? arena_printf(a, "%s shim running %s (%s)", pn.manager, pn.real,
							 pn.how ? pn.how : pn.manager)
					  : arena_printf(a, "%s shim: %s", pn.manager, pn.why_not);
			v->shim_real = pn.real;
		}
	}
	const char *read_path = v->shim ? v->shim_real : v->node_path;
	if (v->shim && !read_path)
		v->node_err = "a shim whose node could not be resolved (see shim)";
	if (read_path) {
		struct node_binary nb;
		const char *err = NULL;
		if (nodebin_read(read_path, a, &nb, &err) == 0) {
			v->node_version = nb.version[0] ? arena_strdup(a, nb.version) : NULL;
			v->node_modules = nb.modules;
			v->node_napi = nb.napi;
			v->node_why = nb.why;
			if (nb.bin) {
				v->node_arch = nb.bin->arch;
				v->node_libc = nb.bin->libc;
			}
			bool unk = true;
			v->node_kind = nodebin_kind_words(a, &nb);
			v->node_needs = nodebin_needs_words(a, &nb);
			/* a shell runs `node ...` with argv[0] "node" */
			v->node_start = nodescope_host_start(a, &nb, "node", &v->node_start_status, &unk);
			if (!v->node_start && unk)
				v->node_start_status = -1;
		} else {
			v->node_err = err ? err : "could not be read";
		}
	}

	v->npins = pins_check(a, ".", v->node_version, v->pins, PINS_MAX);

	static const struct { const char *file, *pm; } locks[] = {
		{ "package-lock.json", "npm" }, { "npm-shrinkwrap.json", "npm" }, { "pnpm-lock.yaml", "pnpm" },
		{ "yarn.lock", "yarn" }, { "bun.lockb", "bun" }, { "bun.lock", "bun" },
	};
	for (size_t i = 0; i < sizeof locks / sizeof locks[0]; i++) {
		struct stat st;
		if (stat(locks[i].file, &st) == 0 && S_ISREG(st.st_mode) && v->nlock < 6)
			v->lockfiles[v->nlock++] = arena_printf(a, "%s (%s)", locks[i].pm, locks[i].file);
	}

	size_t len;
	char *pj = read_small(a, "node_modules/electron/package.json", 1 << 20, &len);
	if (pj) {
		struct jv *j = json_parse(a, pj, len);
		const char *ver = j ? jv_get_str(j, "version") : NULL;
		if (ver) {
			v->electron_version = ver;
			v->electron_path = "node_modules/electron/package.json";
			struct electron_release er;
			if (abi_electron_release(ver, &er))
				v->electron_modules = er.modules;
		}
	}

	read_npmrc(a, v, ".npmrc", "./.npmrc");
	const char *home = getenv("HOME");
	if (home && *home)
		read_npmrc(a, v, arena_printf(a, "%s/.npmrc", home), "~/.npmrc");
	for (char **e = environ; e && *e; e++) {
		if (strncasecmp(*e, "npm_config_", 11))
			continue;
		const char *eq = strchr(*e, '=');
		if (!eq)
			continue;
		const char *key = canon_key(a, *e + 11, (size_t)(eq - *e - 11));
		if (key)
			add_setting(v, key, eq + 1, arena_printf(a, "environment %.*s", (int)(eq - *e), *e));
	}
}

static void show(const char *label, const char *value)
{
	printf("  %-20s ", label);
	term_puts(stdout, value ? value : "unknown");
	fputc('\n', stdout);
}

static void print_text(struct arena *a, const struct env *v)
{
	char words[512];
	puts("Node.js on PATH");
	if (!v->node_path) {
		show("path", "none (no executable 'node' in $PATH)");
	} else {
		show("path", v->node_path);
		if (v->shim)
			show("shim", v->shim);
		if (v->node_err) {
			show("version", arena_printf(a, "unknown (%s)", v->node_err));
		} else {
			show("version", v->node_version);
			show("NODE_MODULE_VERSION", v->node_modules > 0 ? arena_printf(a, "%d (%s)", v->node_modules, abi_describe(v->node_modules, words, sizeof words)) : NULL);
			show("Node-API", v->node_napi > 0 ? arena_printf(a, "%d", v->node_napi) : NULL);
			show("CPU", v->node_arch);
			if (v->node_libc)
				show("built for libc", v->node_libc);
			show("kind", v->node_kind);
			show("needs", v->node_needs ? v->node_needs : "no versioned glibc or libstdc++ symbol");
			if (v->node_start)
				show("starts here", arena_printf(a, "no: ld.so ends it with exit status %d: %s",
								 v->node_start_status, v->node_start));
			else
				show("starts here", v->node_start_status < 0 ? "unknown (its libraries cannot be looked at here)"
						  : "yes (every library and version it needs is here)");
		}
	}
	puts("This machine");
	show("CPU (kernel)", v->host_arch);
	if (v->node_arch && v->host_arch)
		show("emulation", strcmp(v->node_arch, v->host_arch)
			? arena_printf(a, "yes: %s node on a %s machine; npm installs %s addons", v->node_arch, v->host_arch, v->node_arch)
			: "no");
	show("libc", v->libc ? arena_printf(a, "%s%s%s (%s)", v->libc, v->libc_version ? " " : "", v->libc_version ? v->libc_version : "", v->libc_why)
			     : arena_printf(a, "unknown (%s)", v->libc_why));
	puts("Project (current directory)");
	if (v->nlock == 0)
		show("package manager", "unknown (no lockfile)");
	for (int i = 0; i < v->nlock; i++)
		show(i ? "" : "package manager", v->lockfiles[i]);
	if (v->nlock > 1)
		show("", "several lockfiles: the package managers disagree about what is installed");
	for (int i = 0; i < v->npins; i++) {
		const struct pin_check *c = &v->pins[i];
		show(i ? "" : "pinned Node", arena_printf(a, "%s '%s' (%s): %s", c->pin.source, c->pin.raw, c->pin.file,
			 c->satisfied < 0 ? (c->pin.why ? c->pin.why : "cannot be read")
			 : c->satisfied ? "the node on PATH satisfies it"
			 : c->version[0] ? arena_printf(a, "NOT satisfied by the node on PATH; scan also checks node@%s%s%s", c->version,
							c->node_path ? ", installed: " : " (tables)", c->node_path ? c->node_path : "")
			 : "NOT satisfied by the node on PATH"));
	}
	if (v->electron_version)
		show("Electron", arena_printf(a, "%s (NODE_MODULE_VERSION %s): ABI-specific addons must be rebuilt for it (npx @electron/rebuild)",
					     v->electron_version, v->electron_modules > 0 ? arena_printf(a, "%d", v->electron_modules) : "unknown"));
	else
		show("Electron", "not installed");
	puts("npm settings that change native installs");
	if (v->nsettings == 0)
		show("", "none set");
	for (int i = 0; i < v->nsettings; i++)
		show(v->settings[i].key, arena_printf(a, "%s   (from %s)", v->settings[i].value, v->settings[i].from));
}

static void print_json(const struct env *v)
{
	struct jw w;
	jw_init(&w, stdout);
	jw_obj(&w);
	jw_key(&w, "node");
	jw_obj(&w);
	jw_kstr(&w, "path", v->node_path);
	jw_kstr(&w, "version", v->node_version);
	jw_kint_or_null(&w, "modules", v->node_modules);
	jw_kint_or_null(&w, "napi", v->node_napi);
	jw_kstr(&w, "arch", v->node_arch);
	jw_kstr(&w, "libc", v->node_libc);
	jw_kstr(&w, "error", v->node_err);
	jw_kstr(&w, "shim", v->shim);
	jw_kstr(&w, "kind", v->node_kind);
	jw_kstr(&w, "needs", v->node_needs);
	jw_kstr(&w, "start_error", v->node_start);
	jw_key(&w, "emulated");
	if (v->node_arch && v->host_arch)
		jw_bool(&w, strcmp(v->node_arch, v->host_arch) != 0);
	else
		jw_null(&w);
	jw_obj_end(&w);
	jw_key(&w, "host");
	jw_obj(&w);
	jw_kstr(&w, "arch", v->host_arch);
	jw_kstr(&w, "libc", v->libc);
	jw_kstr(&w, "libc_version", v->libc_version);
	jw_kstr(&w, "libc_why", v->libc_why);
	jw_obj_end(&w);
	jw_key(&w, "lockfiles");
	jw_arr(&w);
	for (int i = 0; i < v->nlock; i++)
		jw_str(&w, v->lockfiles[i]);
	jw_arr_end(&w);
	jw_key(&w, "electron");
	if (v->electron_version) {
		jw_obj(&w);
		jw_kstr(&w, "version", v->electron_version);
		jw_kint_or_null(&w, "modules", v->electron_modules);
		jw_obj_end(&w);
	} else {
		jw_null(&w);
	}
	jw_key(&w, "npm_config");
	jw_arr(&w);
	for (int i = 0; i < v->nsettings; i++) {
		jw_obj(&w);
		jw_kstr(&w, "key", v->settings[i].key);
		jw_kstr(&w, "value", v->settings[i].value);
		jw_kstr(&w, "from", v->settings[i].from);
		jw_obj_end(&w);
	}
	jw_arr_end(&w);
	jw_obj_end(&w);
	jw_newline(&w);
}

int cmd_env(int argc, char **argv)
{
	bool json = false;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
			fputs(env_help, stdout);
			return 0;
		}
		if (!strcmp(argv[i], "--json"))
			json = true;
		else if (argv[i][0] == '-' && argv[i][1]) /* worded as every command words it */
			return cli_usage_error("env", "unknown option '%s'", argv[i]);
		else
			return cli_usage_error("env", "unexpected argument '%s' (env takes no file or directory)", argv[i]);
	}
	struct arena a;
	arena_init(&a);
	struct env v;
	gather(&a, &v);
	if (json)
		print_json(&v);
	else
		print_text(&a, &v);
	arena_release(&a);
	return 0;
}
