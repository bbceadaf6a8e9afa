/*
 * pins.c - the Node versions a project pins (see pins.h).
 *
 * Facts used (each manager's documentation): nvm and fnm read the nearest
 * .nvmrc walking up from the working directory, whose text may be a
 * version ("20", "v20.11.1"), "node"/"stable"/"latest" (the newest
 * release), "lts/" plus a star (the newest LTS line), "lts/<codename>", "lts/-N" (N
 * lines before the newest LTS) or "system"; nvm >= 0.40 allows comments.
 * .node-version holds one version; .tool-versions lines are "<tool>
 * <version>..." with the tool "nodejs" (asdf) or "node" (mise).
 */
#include "pins.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../io/rfile.h"
#include "../util/compat.h"
#include "../util/jsonread.h"
#include "data.h"
#include "abi.h"
#include "semver.h"
#include "vmgr.h"

#define VERSION_FILE_MAX  4096u          /* an .nvmrc is a line; past this it is not one */
#define PKG_JSON_MAX      (4u << 20)
#define WALK_UP_MAX       64

bool pins_parent(char *cur)
{
	char *slash = strrchr(cur, '/');
	if (!slash || !strcmp(cur, "/"))
		return false;
	if (slash == cur)
		strcpy(cur, "/");
	else
		*slash = '\0';
	return true;
}

const char *pins_find_up(struct arena *a, const char *dir, const char *name)
{
	char cur[PATH_MAX];
	if (!realpath(dir, cur))
		return NULL;
	for (int depth = 0; depth < WALK_UP_MAX; depth++) {
		const char *cand = arena_printf(a, "%s/%s", strcmp(cur, "/") ? cur : "", name);
		size_t len;
		int err = 0;
		/* Only a regular file counts (rfile_slurp_small refuses FIFOs and
		 * devices without opening them): a directory called .nvmrc is not one. */
		if (cand && rfile_slurp_small(a, cand, VERSION_FILE_MAX, &len, &err))
			return cand;
		if (cand && err && err != ENOENT && err != ENOTDIR && err != EISDIR)
			return cand;        /* present but unreadable: the caller says so */
		if (!pins_parent(cur))
			break;
	}
	return NULL;
}

const char *pins_first_word(struct arena *a, const char *path)
{
	size_t len;
	int err;
	char *text = rfile_slurp_small(a, path, VERSION_FILE_MAX, &len, &err);
	if (!text)
		return NULL;
	for (char *line = text; line && *line;) {
		char *nl = strchr(line, '\n');
		if (nl)
			*nl = '\0';
		char *hash = strchr(line, '#');
		if (hash)
			*hash = '\0';
		char *p = line;
		while (isspace((unsigned char)*p))
			p++;
		size_t n = 0;
		while (p[n] && !isspace((unsigned char)p[n]))
			n++;
		if (n > 0)
			return arena_strndup(a, p, n);
		line = nl ? nl + 1 : NULL;
	}
	return NULL;
}

/* data/node-lts.tsv: codename -> major, in ascending order; the newest
 * line whose LTS start is not in the future is what "lts/" followed by a star names. */
static int lts_major(const char *name, int back)
{
	const char *p = data_node_lts_tsv, *end = p + data_node_lts_tsv_len;
	int majors[64], n = 0, found = -1;
	char today[16];
	time_t now = time(NULL);
	struct tm tm;
	gmtime_r(&now, &tm);
	strftime(today, sizeof today, "%Y-%m-%d", &tm);
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t l = nl ? (size_t)(nl - p) : (size_t)(end - p);
		char line[128];
		if (l < sizeof line && *p != '#') {
			memcpy(line, p, l);
			line[l] = '\0';
			char code[32], start[16] = "";
			int major;
			if (sscanf(line, "%31s %d %15s", code, &major, start) >= 2 && n < 64) {
				if (name && !strcmp(code, name))
					found = major;
				if (strcmp(start, today) <= 0)
					majors[n++] = major;
			}
		}
		p = nl ? nl + 1 : end;
	}
	if (name)
		return found;
	return back < n ? majors[n - 1 - back] : -1;
}

const char *pins_alias_range(struct arena *a, const char *text, bool *system, const char **why)
{
	*system = false;
	*why = NULL;
	if (!text || !*text) {
		*why = "empty";
		return NULL;
	}
	char low[64];
	size_t n = strlen(text);
	if (n >= sizeof low) {
		*why = "too long for a version";
		return NULL;
	}
	for (size_t i = 0; i <= n; i++)
		low[i] = (char)tolower((unsigned char)text[i]);
	if (!strcmp(low, "system")) {
		*system = true;
		return NULL;
	}
	if (!strcmp(low, "node") || !strcmp(low, "stable") || !strcmp(low, "latest") ||
	    !strcmp(low, "current"))
		return "*";
	if (!strncmp(low, "lts/", 4) || !strcmp(low, "lts")) {
		const char *c = low[3] ? low + 4 : "*";
		int major;
		if (!strcmp(c, "*"))
			major = lts_major(NULL, 0);
		else if (c[0] == '-' && isdigit((unsigned char)c[1]) && strlen(c) < 4)
			major = lts_major(NULL, atoi(c + 1));
		else
			major = lts_major(c, 0);
		if (major < 0) {
			*why = arena_printf(a, "'%s' is not an LTS line known to data/node-lts.tsv", text);
			return NULL;
		}
		return arena_printf(a, "%d.x", major);
	}
	if (!strncmp(low, "iojs", 4)) {
		*why = "an io.js version (not modelled)";
		return NULL;
	}
	/* A version or a range ("20", "v20.11", ">=18"): node-semver decides. */
	if (semver_satisfies(text, "0.0.0") < 0) {
		*why = arena_printf(a, "'%s' is not a version or an npm range", text);
		return NULL;
	}
	return arena_strdup(a, text);
}

static int add_pin(struct arena *a, struct pin *out, int n, int max, const char *source,
		   const char *file, const char *raw, bool alias)
{
	if (n >= max || !raw)
		return n;
	struct pin *p = &out[n];
	memset(p, 0, sizeof *p);
	p->source = source;
	p->file = file;
	p->raw = raw;
	if (alias) {
		p->range = pins_alias_range(a, raw, &p->system, &p->why);
	} else if (semver_satisfies(raw, "0.0.0") >= 0) {
		p->range = raw;
	} else {
		p->why = arena_printf(a, "'%s' is not an npm range", raw);
	}
	return n + 1;
}

const char *pins_tool_versions(struct arena *a, const char *path)
{
	size_t len;
	int err;
	char *text = rfile_slurp_small(a, path, VERSION_FILE_MAX * 16, &len, &err);
	for (char *line = text; line && *line;) {
		char *nl = strchr(line, '\n');
		if (nl)
			*nl = '\0';
		char *hash = strchr(line, '#');
		if (hash)
			*hash = '\0';
		char *p = line;
		while (*p == ' ' || *p == '\t')
			p++;
		size_t tl = !strncmp(p, "nodejs", 6) ? 6 : !strncmp(p, "node", 4) ? 4 : 0;
		if (tl && (p[tl] == ' ' || p[tl] == '\t')) {
			p += tl;
			while (*p == ' ' || *p == '\t')
				p++;
			if (*p)
				return arena_strdup(a, p);
		}
		line = nl ? nl + 1 : NULL;
	}
	return NULL;
}

int pins_read(struct arena *a, const char *dir, struct pin *out, int max)
{
	int n = 0;
	const char *f;
	if ((f = pins_find_up(a, dir, ".nvmrc")))
		n = add_pin(a, out, n, max, ".nvmrc", f, pins_first_word(a, f), true);
	if ((f = pins_find_up(a, dir, ".node-version")))
		n = add_pin(a, out, n, max, ".node-version", f, pins_first_word(a, f), true);
	if ((f = pins_find_up(a, dir, ".tool-versions"))) {
		/* the first version of the line: asdf's fallbacks after it are
		 * only tried when it is not installed */
		const char *list = pins_tool_versions(a, f);
		n = add_pin(a, out, n, max, ".tool-versions", f,
			    list ? arena_strndup(a, list, strcspn(list, " \t\r")) : NULL, true);
	}

	const char *pj = arena_printf(a, "%s/package.json", dir);
	size_t len;
	int err;
	char *text = pj ? rfile_slurp_small(a, pj, PKG_JSON_MAX, &len, &err) : NULL;
	struct jv *root = text ? json_parse(a, text, len) : NULL;
	if (!root || root->type != JV_OBJ)
		return n;
	const struct jv *eng = jv_get(root, "engines");
	if (eng && eng->type == JV_OBJ)
		n = add_pin(a, out, n, max, "package.json engines.node", pj, jv_get_str(eng, "node"), false);
	const struct jv *volta = jv_get(root, "volta");
	if (volta && volta->type == JV_OBJ)
		n = add_pin(a, out, n, max, "package.json volta.node", pj, jv_get_str(volta, "node"), false);
	/* devEngines.runtime: one object or an array of them, {name, version}. */
	const struct jv *dev = jv_get(root, "devEngines");
	const struct jv *rt = dev && dev->type == JV_OBJ ? jv_get(dev, "runtime") : NULL;
	if (rt && rt->type == JV_OBJ) {
		const char *name = jv_get_str(rt, "name");
		if (name && !strcmp(name, "node"))
			n = add_pin(a, out, n, max, "package.json devEngines.runtime", pj,
				    jv_get_str(rt, "version"), false);
	} else if (rt && rt->type == JV_ARR) {
		for (size_t i = 0; i < rt->n; i++) {
			const struct jv *e = rt->vals[i];
			const char *name = e && e->type == JV_OBJ ? jv_get_str(e, "name") : NULL;
			if (name && !strcmp(name, "node")) {
				n = add_pin(a, out, n, max, "package.json devEngines.runtime", pj,
					    jv_get_str(e, "version"), false);
				break;
			}
		}
	}
	return n;
}

/* The release to check a pin against when no installed copy satisfies it:
 * the newest release of the oldest line the range allows (">=18" while
 * running 16: 18.20.8, the smallest upgrade), or of any line for "*"
 * ("node", "latest").  data/node-releases.tsv holds each line's first
 * release, Node-API changes and newest release, so a line's newest known
 * release is always a row. */
static bool newest_known(const char *range, char out[24])
{
	struct abi_iter it;
	struct abi_row r;
	bool any = !strcmp(range, "*");
	int line = -1;
	bool found = false;
	abi_iter_init(&it, false);
	while (abi_iter_next(&it, &r)) {
		if (strcmp(r.kind, "line") && strcmp(r.kind, "napi") && strcmp(r.kind, "last"))
			continue;
		if (semver_satisfies(range, r.version) != 1)
			continue;
		int major = atoi(r.version);
		if (!any && line >= 0 && major != line)
			continue;
		if (!found || abi_version_cmp(r.version, out) > 0) {
			snprintf(out, 24, "%s", r.version);
			found = true;
			line = major;
		}
	}
	return found;
}

int pins_check(struct arena *a, const char *dir, const char *node_version, struct pin_check *out, int max)
{
	struct pin pins[PINS_MAX];
	int np = pins_read(a, dir, pins, PINS_MAX), n = 0;
	struct installed_node inst[VMGR_INSTALLED_MAX];
	int ni = -1;
	for (int i = 0; i < np && n < max; i++) {
		struct pin_check *c = &out[n++];
		memset(c, 0, sizeof *c);
		c->pin = pins[i];
		if (pins[i].system) {
			c->satisfied = 1;
			continue;
		}
		if (!pins[i].range) {
			c->satisfied = -1;
			continue;
		}
		c->satisfied = node_version && *node_version ? semver_satisfies(pins[i].range, node_version) : 0;
		if (c->satisfied != 0)
			continue;
		if (ni < 0)
			ni = vmgr_installed(a, inst, VMGR_INSTALLED_MAX);
		int best = -1;
		for (int k = 0; k < ni; k++) {
			char vs[48];
			snprintf(vs, sizeof vs, "%d.%d.%d", inst[k].v[0], inst[k].v[1], inst[k].v[2]);
			if (semver_satisfies(pins[i].range, vs) == 1 && (best < 0 || semver_cmp(inst[k].v, inst[best].v) > 0))
				best = k;
		}
		int ex[3];
		if (best >= 0) {
			snprintf(c->version, sizeof c->version, "%d.%d.%d", inst[best].v[0], inst[best].v[1], inst[best].v[2]);
			c->node_path = inst[best].path;
			c->installed_by = inst[best].manager;
		} else if (semver_exact(pins[i].range, ex)) {
			snprintf(c->version, sizeof c->version, "%d.%d.%d", ex[0], ex[1], ex[2]);
		} else if (!newest_known(pins[i].range, c->version)) {
			c->version[0] = '\0';
		}
	}
	return n;
}
