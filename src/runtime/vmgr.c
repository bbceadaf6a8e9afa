/*
 * vmgr.c - Node version managers read from their files (see vmgr.h).
 *
 * Layouts and rules, from each manager's documentation:
 *   nvm     $NVM_DIR (~/.nvm)/versions/node/vX.Y.Z/bin/node; PATH names the
 *           real directory, so there is no shim to resolve.
 *   fnm     $FNM_DIR (~/.local/share/fnm, or ~/.fnm)/node-versions/vX.Y.Z/
 *           installation/bin/node; PATH holds a link to it.
 *   n       $N_PREFIX (/usr/local)/n/versions/node/X.Y.Z/bin/node; the active
 *           one is copied to $N_PREFIX/bin/node.
 *   volta   $VOLTA_HOME (~/.volta)/bin/node is a link to the `volta-shim`
 *           binary; it runs tools/image/node/X.Y.Z/bin/node, the version from
 *           the nearest package.json's "volta" (with "extends"), else the
 *           default in tools/user/platform.json {"node":{"runtime":...}}.
 *   asdf    $ASDF_DATA_DIR (~/.asdf)/shims/node is a script ("asdf exec");
 *           the version: $ASDF_NODEJS_VERSION, else the nearest
 *           .tool-versions (or $ASDF_DEFAULT_TOOL_VERSIONS_FILENAME) walking
 *           up, with .nvmrc/.node-version in the same directory when
 *           legacy_version_file = yes in ~/.asdfrc, else ~/.tool-versions;
 *           of several versions on the line the first installed one runs;
 *           installs/nodejs/X.Y.Z/bin/node; "system" and "path:DIR" too.
 *   nodenv  $NODENV_ROOT (~/.nodenv)/shims/node is a script ("nodenv exec");
 *           $NODENV_VERSION, else the nearest .node-version walking up,
 *           else $NODENV_ROOT/version, else "system"; versions/X.Y.Z/bin/node.
 *   mise    shims/node is a link to the mise binary; $MISE_NODE_VERSION, else
 *           the nearest mise.toml/.mise.toml [tools] node = "..." or
 *           .tool-versions walking up, else ~/.config/mise/config.toml; a
 *           prefix ("20") means the newest installed match; installs/node/X.
 */
#include "vmgr.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../io/rfile.h"
#include "../util/compat.h"
#include "../util/jsonread.h"
#include "pins.h"
#include "semver.h"

#define SCRIPT_MAX   (64u << 10)   /* a shim script; larger is not one */
#define JSON_MAX     (4u << 20)
#define DIR_ENTRIES  512           /* versions listed per manager directory */
#define WALK_UP_MAX  64

static const char *env_or(struct arena *a, const char *var, const char *home, const char *rel)
{
	const char *v = getenv(var);
	if (v && *v)
		return v;
	if (!home)
		return NULL;
	return arena_printf(a, "%s/%s", home, rel);
}

static const char *home_dir(void)
{
	const char *h = getenv("HOME");
	return h && *h == '/' ? h : NULL;
}

static const char *xdg_data(struct arena *a, const char *home)
{
	const char *x = getenv("XDG_DATA_HOME");
	if (x && *x == '/')
		return x;
	return home ? arena_printf(a, "%s/.local/share", home) : NULL;
}

static bool is_exec(const char *p)
{
	struct stat st;
	return p && stat(p, &st) == 0 && S_ISREG(st.st_mode) && access(p, X_OK) == 0;
}

/* ---- installed copies --------------------------------------------------- */

static int list_versions(struct arena *a, const char *manager, const char *dir, const char *tail,
			 struct installed_node *out, int n, int max)
{
	if (!dir)
		return n;
	DIR *d = opendir(dir);
	if (!d)
		return n;
	int seen = 0;
	struct dirent *e;
	while (n < max && seen++ < DIR_ENTRIES && (e = readdir(d))) {
		int v[3];
		if (e->d_name[0] == '.' || !semver_parse(e->d_name, v))
			continue;
		const char *p = arena_printf(a, "%s/%s/%s", dir, e->d_name, tail);
		if (!is_exec(p))
			continue;
		out[n].manager = manager;
		memcpy(out[n].v, v, sizeof v);
		out[n].path = p;
		n++;
	}
	closedir(d);
	return n;
}

int vmgr_installed(struct arena *a, struct installed_node *out, int max)
{
	const char *home = home_dir();
	const char *data = xdg_data(a, home);
	int n = 0;
	const char *nvm = env_or(a, "NVM_DIR", home, ".nvm");
	n = list_versions(a, "nvm", nvm ? arena_printf(a, "%s/versions/node", nvm) : NULL, "bin/node", out, n, max);
	const char *fnm = getenv("FNM_DIR");
	if (fnm && *fnm) {
		n = list_versions(a, "fnm", arena_printf(a, "%s/node-versions", fnm), "installation/bin/node", out, n, max);
	} else {
		if (data)
			n = list_versions(a, "fnm", arena_printf(a, "%s/fnm/node-versions", data),
					  "installation/bin/node", out, n, max);
		if (home)
			n = list_versions(a, "fnm", arena_printf(a, "%s/.fnm/node-versions", home),
					  "installation/bin/node", out, n, max);
	}
	const char *volta = env_or(a, "VOLTA_HOME", home, ".volta");
	n = list_versions(a, "volta", volta ? arena_printf(a, "%s/tools/image/node", volta) : NULL, "bin/node", out, n, max);
	const char *asdf = env_or(a, "ASDF_DATA_DIR", home, ".asdf");
	n = list_versions(a, "asdf", asdf ? arena_printf(a, "%s/installs/nodejs", asdf) : NULL, "bin/node", out, n, max);
	const char *nodenv = env_or(a, "NODENV_ROOT", home, ".nodenv");
	n = list_versions(a, "nodenv", nodenv ? arena_printf(a, "%s/versions", nodenv) : NULL, "bin/node", out, n, max);
	const char *np = getenv("N_PREFIX");
	n = list_versions(a, "n", arena_printf(a, "%s/n/versions/node", np && *np ? np : "/usr/local"), "bin/node", out, n, max);
	const char *mise = getenv("MISE_DATA_DIR");
	const char *mdir = mise && *mise ? mise : data ? arena_printf(a, "%s/mise", data) : NULL;
	n = list_versions(a, "mise", mdir ? arena_printf(a, "%s/installs/node", mdir) : NULL, "bin/node", out, n, max);
	return n;
}

/* ---- shims --------------------------------------------------------------- */

/* Directory part of a path, in the arena. */
static const char *dir_of(struct arena *a, const char *p)
{
	const char *s = strrchr(p, '/');
	return s ? (s == p ? "/" : arena_strndup(a, p, (size_t)(s - p))) : ".";
}

/* Which manager's shim cand is, or NULL for a real executable. */
static const char *shim_kind(struct arena *a, const char *cand, const char **script_why)
{
	*script_why = NULL;
	struct stat lst;
	if (lstat(cand, &lst) == 0 && S_ISLNK(lst.st_mode)) {
		char real[PATH_MAX];
		if (realpath(cand, real)) {
			const char *base = strrchr(real, '/');
			base = base ? base + 1 : real;
			if (!strcmp(base, "volta-shim"))
				return "volta";
			if (!strcmp(base, "mise") || !strcmp(base, "rtx"))
				return "mise";
		}
		return NULL;
	}
	struct rfile rf;
	if (rfile_open(&rf, cand) != 0)
		return NULL;
	char head[2] = {0, 0};
	bool script = rf_read(&rf, 0, head, 2) && head[0] == '#' && head[1] == '!';
	rfile_close(&rf);
	if (!script)
		return strstr(cand, "/.volta/bin/") ? "volta" : NULL;
	size_t len;
	int err;
	const char *text = rfile_slurp_small(a, cand, SCRIPT_MAX, &len, &err);
	if (text && strstr(text, "asdf"))
		return "asdf";
	if (text && strstr(text, "nodenv"))
		return "nodenv";
	if (text && strstr(text, "mise"))
		return "mise";
	if (text && strstr(text, "volta"))
		return "volta";
	/* A script of no manager we know: not resolved, and read as what it
	 * is (nodebin says "not a Node.js executable ... looks like text"). */
	return NULL;
}

static struct jv *read_json(struct arena *a, const char *path)
{
	size_t len;
	int err;
	char *text = rfile_slurp_small(a, path, JSON_MAX, &len, &err);
	return text ? json_parse(a, text, len) : NULL;
}

static void resolve_volta(struct arena *a, const char *dir, struct path_node *pn)
{
	const char *home = home_dir();
	const char *vh = env_or(a, "VOLTA_HOME", home, ".volta");
	const char *ver = NULL, *from = NULL;
	/* The nearest package.json with a "volta" key; "extends" (a path
	 * relative to it) is followed a few steps, as volta does. */
	char cur[PATH_MAX];
	if (realpath(dir, cur)) {
		for (int depth = 0; depth < WALK_UP_MAX && !ver; depth++) {
			const char *pj = arena_printf(a, "%s/package.json", strcmp(cur, "/") ? cur : "");
			struct jv *root = read_json(a, pj);
			const struct jv *vo = root && root->type == JV_OBJ ? jv_get(root, "volta") : NULL;
			for (int hop = 0; vo && vo->type == JV_OBJ && hop < 4; hop++) {
				const char *nv = jv_get_str(vo, "node");
				if (nv) {
					ver = nv;
					from = pj;
					break;
				}
				const char *ext = jv_get_str(vo, "extends");
				if (!ext)
					break;
				pj = ext[0] == '/' ? ext : arena_printf(a, "%s/%s", dir_of(a, pj), ext);
				root = read_json(a, pj);
				vo = root && root->type == JV_OBJ ? jv_get(root, "volta") : NULL;
			}
			if (ver || vo)
				break;
			if (!pins_parent(cur))
				break;
		}
	}
	if (!ver && vh) {
		const char *pf = arena_printf(a, "%s/tools/user/platform.json", vh);
		struct jv *root = read_json(a, pf);
		const struct jv *node = root && root->type == JV_OBJ ? jv_get(root, "node") : NULL;
		const char *rt = node && node->type == JV_OBJ ? jv_get_str(node, "runtime") : NULL;
		if (rt) {
			ver = rt;
			from = pf;
		}
	}
	if (!ver) {
		pn->why_not = "volta has no Node pinned for this project (package.json \"volta\") and no default "
			      "(tools/user/platform.json): running node there fails";
		return;
	}
	const char *path = vh ? arena_printf(a, "%s/tools/image/node/%s/bin/node", vh, ver) : NULL;
	pn->how = arena_printf(a, "volta: node %s from %s", ver, from);
	if (is_exec(path))
		pn->real = path;
	else
		pn->why_not = arena_printf(a, "volta would run node %s (%s), which is not installed under %s/tools/image/node "
				  "(volta downloads it on first use): install it with `volta install node@%s`, or name "
				  "--target node@%s", ver, from, vh ? vh : "$VOLTA_HOME", ver, ver);
}

static bool asdf_legacy(struct arena *a, const char *home)
{
	const char *rc = getenv("ASDF_CONFIG_FILE");
	if (!rc || !*rc)
		rc = home ? arena_printf(a, "%s/.asdfrc", home) : NULL;
	size_t len;
	int err;
	char *text = rc ? rfile_slurp_small(a, rc, SCRIPT_MAX, &len, &err) : NULL;
	for (char *line = text; line && *line;) {
		char *nl = strchr(line, '\n');
		if (nl)
			*nl = '\0';
		char key[64], val[16];
		if (sscanf(line, " %63[a-z_] = %15s", key, val) == 2 && !strcmp(key, "legacy_version_file"))
			return !strcmp(val, "yes");
		line = nl ? nl + 1 : NULL;
	}
	return false;
}

/* Picks the first of a space-separated version list that is installed
 * under base/<v>/bin/node; "system" sets *system. */
static const char *first_installed(struct arena *a, const char *list, const char *base, bool *system,
				   const char **first)
{
	*system = false;
	*first = NULL;
	char buf[512];
	snprintf(buf, sizeof buf, "%s", list);
	for (char *tok = strtok(buf, " \t\r"); tok; tok = strtok(NULL, " \t\r")) {
		if (!*first)
			*first = arena_strdup(a, tok);
		if (!strcmp(tok, "system")) {
			*system = true;
			return NULL;
		}
		const char *p;
		if (!strncmp(tok, "path:", 5))
			p = arena_printf(a, "%s/bin/node", tok + 5);
		else
			p = base ? arena_printf(a, "%s/%s/bin/node", base, tok) : NULL;
		if (is_exec(p))
			return p;
	}
	return NULL;
}

static void resolve_asdf(struct arena *a, const char *dir, struct path_node *pn, bool *system)
{
	const char *home = home_dir();
	const char *data = env_or(a, "ASDF_DATA_DIR", home, ".asdf");
	const char *base = data ? arena_printf(a, "%s/installs/nodejs", data) : NULL;
	const char *list = getenv("ASDF_NODEJS_VERSION"), *from = "$ASDF_NODEJS_VERSION";
	const char *name = getenv("ASDF_DEFAULT_TOOL_VERSIONS_FILENAME");
	if (!name || !*name || strchr(name, '/'))
		name = ".tool-versions";
	bool legacy = asdf_legacy(a, home);
	char cur[PATH_MAX], start[PATH_MAX];
	if ((!list || !*list) && realpath(dir, cur)) {
		memcpy(start, cur, sizeof start);
		dir = start;
		list = NULL;
		for (int depth = 0; depth < WALK_UP_MAX && !list; depth++) {
			const char *d = strcmp(cur, "/") ? cur : "";
			const char *tv = arena_printf(a, "%s/%s", d, name);
			if ((list = pins_tool_versions(a, tv))) {
				from = tv;
				break;
			}
			for (int i = 0; legacy && i < 2 && !list; i++) {
				const char *lf = arena_printf(a, "%s/%s", d, i ? ".node-version" : ".nvmrc");
				const char *w = pins_first_word(a, lf);
				if (w) {
					/* asdf-nodejs strips a leading v from legacy files. */
					list = w[0] == 'v' ? w + 1 : w;
					from = lf;
				}
			}
			if (!pins_parent(cur))
				break;
		}
		if (!list && home) {
			const char *tv = arena_printf(a, "%s/%s", home, name);
			if ((list = pins_tool_versions(a, tv)))
				from = tv;
		}
	}
	if (!list || !*list) {
		pn->why_not = arena_printf(a, "asdf has no nodejs version set for %s (no %s up from it, none in ~/%s): "
				  "running node there fails with \"No version is set for command node\"", dir, name, name);
		return;
	}
	const char *first;
	const char *p = first_installed(a, list, base, system, &first);
	pn->how = arena_printf(a, "asdf: nodejs %s from %s", list, from);
	if (*system)
		return;
	if (p)
		pn->real = p;
	else
		pn->why_not = arena_printf(a, "asdf would run nodejs %s (%s), which is not installed under %s: "
				  "`asdf install nodejs %s`, or name --target node@%s",
				  list, from, base ? base : "$ASDF_DATA_DIR/installs/nodejs", first ? first : list,
				  first ? first : list);
}

static void resolve_nodenv(struct arena *a, const char *dir, struct path_node *pn, bool *system)
{
	const char *home = home_dir();
	const char *root = env_or(a, "NODENV_ROOT", home, ".nodenv");
	const char *ver = getenv("NODENV_VERSION"), *from = "$NODENV_VERSION";
	if (!ver || !*ver) {
		const char *f = pins_find_up(a, dir, ".node-version");
		ver = f ? pins_first_word(a, f) : NULL;
		from = f;
		if (!ver && root) {
			f = arena_printf(a, "%s/version", root);
			ver = pins_first_word(a, f);
			from = f;
		}
	}
	if (!ver || !strcmp(ver, "system")) {
		*system = true;
		pn->how = ver ? arena_printf(a, "nodenv: system from %s", from) : "nodenv: no version set (system)";
		return;
	}
	pn->how = arena_printf(a, "nodenv: node %s from %s", ver, from);
	const char *p = root ? arena_printf(a, "%s/versions/%s/bin/node", root, ver) : NULL;
	/* nodenv also accepts the version written with a leading v. */
	if (!is_exec(p) && ver[0] == 'v' && root)
		p = arena_printf(a, "%s/versions/%s/bin/node", root, ver + 1);
	if (is_exec(p))
		pn->real = p;
	else
		pn->why_not = arena_printf(a, "nodenv would run node %s (%s), which is not installed under %s/versions: "
				  "`nodenv install %s`, or name --target node@%s",
				  ver, from, root ? root : "$NODENV_ROOT", ver, ver[0] == 'v' ? ver + 1 : ver);
}

/* `node = "20"` (or a list/table whose first string is the version) in a
 * mise TOML file's [tools] table. */
static const char *mise_toml_node(struct arena *a, const char *path)
{
	size_t len;
	int err;
	char *text = rfile_slurp_small(a, path, SCRIPT_MAX, &len, &err);
	bool tools = false;
	for (char *line = text; line && *line;) {
		char *nl = strchr(line, '\n');
		if (nl)
			*nl = '\0';
		char *p = line;
		while (*p == ' ' || *p == '\t')
			p++;
		if (*p == '[')
			tools = !strncmp(p, "[tools]", 7);
		else if (tools && (!strncmp(p, "node", 4) || !strncmp(p, "\"node\"", 6))) {
			p += *p == '"' ? 6 : 4;
			while (*p == ' ' || *p == '\t')
				p++;
			char *q = *p == '=' ? strchr(p, '"') : NULL;
			char *e = q ? strchr(q + 1, '"') : NULL;
			if (e && e > q + 1)
				return arena_strndup(a, q + 1, (size_t)(e - q - 1));
		}
		line = nl ? nl + 1 : NULL;
	}
	return NULL;
}

static void resolve_mise(struct arena *a, const char *dir, struct path_node *pn, bool *system)
{
	const char *home = home_dir();
	const char *ver = getenv("MISE_NODE_VERSION"), *from = "$MISE_NODE_VERSION";
	static const char *const files[] = {"mise.local.toml", "mise.toml", ".mise.toml", ".config/mise.toml",
					    ".tool-versions"};
	char cur[PATH_MAX];
	if ((!ver || !*ver) && realpath(dir, cur)) {
		ver = NULL;
		for (int depth = 0; depth < WALK_UP_MAX && !ver; depth++) {
			const char *d = strcmp(cur, "/") ? cur : "";
			for (size_t i = 0; i < sizeof files / sizeof *files && !ver; i++) {
				const char *f = arena_printf(a, "%s/%s", d, files[i]);
				const char *v = i == 4 ? pins_tool_versions(a, f) : mise_toml_node(a, f);
				if (v) {
					size_t n = strcspn(v, " \t");
					ver = arena_strndup(a, v, n);
					from = f;
				}
			}
			if (ver || !pins_parent(cur))
				break;
		}
		if (!ver && home) {
			const char *g = arena_printf(a, "%s/.config/mise/config.toml", home);
			if ((ver = mise_toml_node(a, g)))
				from = g;
		}
	}
	if (!ver) {
		pn->why_not = "mise has no node version set for this directory: running node there fails";
		return;
	}
	if (!strcmp(ver, "system")) {
		*system = true;
		return;
	}
	pn->how = arena_printf(a, "mise: node %s from %s", ver, from);
	/* A prefix ("20", "20.11", "latest") means the newest installed match. */
	struct installed_node inst[VMGR_INSTALLED_MAX];
	int n = vmgr_installed(a, inst, VMGR_INSTALLED_MAX), best = -1;
	const char *want = ver[0] == 'v' ? ver + 1 : ver;
	const char *range = !strcmp(want, "latest") ? "*" : want;
	for (int i = 0; i < n; i++) {
		if (strcmp(inst[i].manager, "mise"))
			continue;
		char vs[48];
		snprintf(vs, sizeof vs, "%d.%d.%d", inst[i].v[0], inst[i].v[1], inst[i].v[2]);
		if (semver_satisfies(range, vs) == 1 && (best < 0 || semver_cmp(inst[i].v, inst[best].v) > 0))
			best = i;
	}
	if (best >= 0)
		pn->real = inst[best].path;
	else
		pn->why_not = arena_printf(a, "mise would run node %s (%s), which is not installed: `mise install node@%s`, "
				  "or name --target node@%s", ver, from, want, want);
}

int vmgr_node_on_path(struct arena *a, const char *dir, struct path_node *out)
{
	memset(out, 0, sizeof *out);
	const char *path = getenv("PATH");
	if (!path || !*path)
		path = "/usr/local/bin:/usr/bin:/bin";
	/* Directories a "system" shim sends the search past. */
	const char *skip[8];
	int nskip = 0;
	for (int round = 0; round < 8; round++) {
		const char *cand = NULL, *p = path;
		while (*p) {
			const char *colon = strchr(p, ':');
			size_t n = colon ? (size_t)(colon - p) : strlen(p);
			const char *d = n ? arena_strndup(a, p, n) : ".";
			bool skipped = false;
			for (int i = 0; i < nskip; i++)
				skipped |= d && !strcmp(d, skip[i]);
			const char *c = d && !skipped && n < PATH_MAX ? arena_printf(a, "%s/node", d) : NULL;
			if (is_exec(c)) {
				cand = c;
				break;
			}
			p += n;
			if (*p == ':')
				p++;
		}
		if (!cand)
			return out->found ? 0 : -1;
		const char *script_why;
		const char *kind = shim_kind(a, cand, &script_why);
		if (!out->found)
			out->found = cand;
		if (!kind) {
			/* A real executable (possibly behind a "system" shim). */
			out->real = cand;
			if (out->manager && !out->how)
				out->how = arena_printf(a, "%s: system", out->manager);
			return 0;
		}
		out->manager = kind;
		out->how = NULL;
		out->why_not = NULL;
		bool system = false;
		if (!strcmp(kind, "volta"))
			resolve_volta(a, dir, out);
		else if (!strcmp(kind, "asdf"))
			resolve_asdf(a, dir, out, &system);
		else if (!strcmp(kind, "nodenv"))
			resolve_nodenv(a, dir, out, &system);
		else if (!strcmp(kind, "mise"))
			resolve_mise(a, dir, out, &system);
		else
			out->why_not = script_why;
		if (!system)
			return 0;
		if (nskip < 8)
			skip[nskip++] = dir_of(a, cand);
	}
	return 0;
}
