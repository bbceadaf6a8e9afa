/*
 * target.c - turns "--target node@20/linux-arm64-musl", "--node PATH" or the
 * node on PATH into a struct target: release, NODE_MODULE_VERSION, Node-API
 * level, platform/arch/libc, and whether this machine can stand in for it.
 */
#include "target.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "abi.h"
#include "altruntime.h"
#include "vmgr.h"


/* "22.14.0" -> 22, 14, 0; missing parts are 0. */
static void split_version(const char *v, int *maj, int *min, int *pat)
{
	*maj = *min = *pat = 0;
	sscanf(v, "%d.%d.%d", maj, min, pat);
}

int napi_level_for_node(const char *version)
{
	int M, m, p;
	split_version(version, &M, &m, &p);
	/* n-api.md, "Node-API version matrix"; measured on REL-x (loader-facts §3.5) */
	if (M >= 24 || (M == 23 && m >= 6) || (M == 22 && m >= 14))
		return 10;
	if (M >= 21 || (M == 20 && m >= 3) || (M == 18 && m >= 17) || M == 22 || M == 23)
		return 9;
	if (M >= 16 || (M == 15 && m >= 12) || (M == 14 && m >= 17) || (M == 12 && m >= 22))
		return 8;
	if (M >= 15 || (M == 14 && m >= 12) || (M == 12 && m >= 19) || (M == 10 && m >= 23))
		return 7;
	if (M >= 14 || (M == 12 && m >= 17) || (M == 10 && m >= 20))
		return 6;
	if (M >= 13 || (M == 12 && m >= 11) || (M == 10 && m >= 17))
		return 5;
	if (M >= 12 || (M == 11 && m >= 8) || (M == 10 && m >= 16))
		return 4;
	if (M >= 10)
		return 3;
	return -1;
}

const char *target_node_unknown(struct arena *a, const char *version)
{
	/* "22.3.x" (a minor asked for): its first release is what must exist. */
	char v[24];
	snprintf(v, sizeof v, "%s", version);
	size_t n = strlen(v);
	if (n >= 2 && v[n - 1] == 'x' && v[n - 2] == '.')
		v[n - 1] = '0';
	int M, m, p;
	split_version(v, &M, &m, &p);
	/* The newest release of the line on npm (the table's "last" row; 0.x
	 * lines are major.minor).  abi_node_release takes the row at or below
	 * any version, so 22.99.0 would silently become 22.23.3's row. */
	struct abi_iter it;
	struct abi_row r;
	char last[24] = "";
	abi_iter_init(&it, false);
	while (abi_iter_next(&it, &r)) {
		int rM, rm, rp;
		split_version(r.version, &rM, &rm, &rp);
		if (rM != M || (M == 0 && rm != m) || strcmp(r.kind, "last"))
			continue;
		if (!last[0] || abi_version_cmp(r.version, last) > 0)
			snprintf(last, sizeof last, "%s", r.version);
	}
	if (!last[0] || abi_version_cmp(v, last) <= 0)
		return NULL; /* known, or a line announced but not released (its own row says so) */
	char line[16];
	if (M == 0)
		snprintf(line, sizeof line, "0.%d", m);
	else
		snprintf(line, sizeof line, "%d", M);
	return arena_printf(a, "Node.js %s is not a release addon-doctor knows (the newest known %s.x is %s)",
			    version, line, last);
}

/* "31.2.0", "31.0.0-beta.8": three numeric parts, a prerelease tail. */
static bool is_exact_version(const char *v)
{
	for (int part = 0; part < 3; part++) {
		size_t d = strspn(v, "0123456789");
		if (d == 0)
			return false;
		v += d;
		if (part < 2 && *v++ != '.')
			return false;
	}
	return *v == '\0' || *v == '-';
}

const char *target_electron_unknown(struct arena *a, const char *version)
{
	struct electron_node r;
	char newest[40];
	/* "31", "31.2": a line, not a release; a line with no known release
	 * (a future major) is electron-abi.tsv's to accept or refuse.  A
	 * prerelease ("31.0.0-beta.3") the table lacks is not refused: the
	 * registry lists only some of them (its Node is then unknown). */
	if (!is_exact_version(version) || strchr(version, '-') || abi_electron_node(version, &r) ||
	    !abi_electron_newest(version, newest, sizeof newest))
		return NULL;
	int M, m, p;
	split_version(newest, &M, &m, &p);
	char line[16];
	if (M >= 2)
		snprintf(line, sizeof line, "%d", M);
	else
		snprintf(line, sizeof line, "%d.%d", M, m);
	return arena_printf(a, "Electron %s is not a release addon-doctor knows (data/electron-node.tsv; "
			    "the newest known %s.x is %s); electron@%s names the line without its embedded Node.js",
			    version, line, newest, line);
}

bool node_checks_declared_napi(const struct target *t)
{
	/* Only releases whose own level is >= 9 look the symbol up (EXP 16.20.2
	 * and 20.0.0 ignore it; 18.17.0 .. 26.10.0 read it).  Electron runs its
	 * embedded Node's src/node_api.cc, and its level is that Node's
	 * (derived in data/electron-node.tsv), so the same rule holds; not
	 * measured on an Electron build. */
	return (!strcmp(t->runtime, "node") || !strcmp(t->runtime, "electron")) && t->napi >= 9;
}

/* "linux-arm64-musl", "darwin-arm64", "win32-x64". */
static int parse_platform(struct arena *a, const char *s, struct target *t, const char **err)
{
	static const char *const platforms[] = { "linux", "darwin", "win32", "freebsd", "openbsd",
						 "android", "sunos", "aix", NULL };
	static const char *const arches[] = { "x64", "arm64", "ia32", "arm", "riscv64", "ppc64",
					      "s390x", "loong64", "mips64el", "x86", NULL };
	char *copy = arena_strdup(a, s);
	if (!copy)
		return -1;
	char *arch = strchr(copy, '-');
	if (!arch) {
		*err = arena_printf(a, "platform '%s' must be PLATFORM-ARCH[-LIBC], e.g. linux-arm64-musl", s);
		return -1;
	}
	*arch++ = '\0';
	char *libc = strchr(arch, '-');
	if (libc)
		*libc++ = '\0';
	const char *p = NULL, *ar = NULL;
	for (size_t i = 0; platforms[i]; i++)
		if (!strcmp(copy, platforms[i]))
			p = platforms[i];
	for (size_t i = 0; arches[i]; i++)
		if (!strcmp(arch, arches[i]))
			ar = arches[i];
	if (!p || !ar) {
		*err = arena_printf(a, "unknown %s '%s' in '%s' (platforms: linux darwin win32 freebsd; "
				    "arches: x64 arm64 ia32 arm riscv64 ppc64 s390x loong64)",
				    p ? "arch" : "platform", p ? arch : copy, s);
		return -1;
	}
	if (!strcmp(ar, "x86"))
		ar = "ia32";
	t->platform = p;
	t->arch = ar;
	t->libc = NULL;
	if (!strcmp(p, "linux")) {
		if (!libc || !strcmp(libc, "gnu") || !strcmp(libc, "glibc") || !strcmp(libc, "gnueabi") || !strcmp(libc, "gnueabihf"))
			t->libc = "glibc";
		else if (!strcmp(libc, "musl") || !strcmp(libc, "musleabi") || !strcmp(libc, "musleabihf"))
			t->libc = "musl";
		else {
			*err = arena_printf(a, "unknown libc '%s' in '%s' (glibc or musl)", libc, s);
			return -1;
		}
	} else if (libc && strcmp(libc, "msvc")) {
		*err = arena_printf(a, "a libc ('%s') only goes with linux targets", libc);
		return -1;
	}
	return 0;
}

static void set_host_platform(struct target *t)
{
	t->platform = host_platform();
	t->arch = host_arch();
	t->libc = host_libc();
}

static void decide_host(struct target *t)
{
	const char *hl = host_libc();
	t->host = !strcmp(t->platform, host_platform()) && !strcmp(t->arch, host_arch()) &&
		  ((!t->libc && !hl) || (t->libc && hl && !strcmp(t->libc, hl)));
}

int target_parse(struct arena *a, const char *spec, struct target *t, const char **err)
{
	int alt = altrt_target_parse(a, spec, t, err); /* bun@..., deno@... */
	if (alt)
		return alt < 0 ? -1 : 0;
	memset(t, 0, sizeof *t);
	t->spec = arena_strdup(a, spec);
	t->napi = -1;
	t->modules = -1;
	char *s = arena_strdup(a, spec);
	if (!s || !t->spec)
		return -1;
	char *plat = strchr(s, '/');
	if (plat)
		*plat++ = '\0';
	char *ver = strchr(s, '@');
	if (!ver) {
		*err = arena_printf(a, "target '%s' must be RUNTIME@VERSION, e.g. node@22 or electron@31", spec);
		return -1;
	}
	*ver++ = '\0';
	if (*ver == 'v')
		ver++;
	/* "node@20-linux-x64-musl": the platform written where the version
	 * ends; say where it goes instead of "unknown version" */
	if (!plat) {
		static const char *const platforms[] = { "linux-", "darwin-", "win32-", "freebsd-", "android-", NULL };
		const char *dash = strchr(ver, '-');
		for (size_t i = 0; dash && platforms[i]; i++)
			if (!strncmp(dash + 1, platforms[i], strlen(platforms[i]))) {
				*err = arena_printf(a, "the platform goes after a slash: %s@%.*s/%s", s,
						    (int)(dash - ver), ver, dash + 1);
				return -1;
			}
	}
	if (!strcmp(s, "node")) {
		struct node_release r;
		if (!abi_node_release(ver, &r)) {
			*err = arena_printf(a, "unknown Node.js version '%s' (see 'addon-doctor abi')", ver);
			return -1;
		}
		if (r.napi == 0) {
			/* Releases without Node-API (the table's napi 0: 0.x to 8.5,
			 * 6.x before 6.14.2) register addons differently (0.10 looks
			 * up a <name>_module symbol; up to 12.x "Module did not
			 * self-register." has no file name, loader-facts 1.4): the
			 * node stage (verdict/nodesteps.c) does not model them, and
			 * a prediction for them would be invented. */
			*err = arena_printf(a, "Node.js %s predates Node-API (first in 8.6.0) and registers addons by "
					    "older rules that addon-doctor does not model; name a release from 8.6.0 on",
					    r.version);
			return -1;
		}
		const char *why = target_node_unknown(a, r.version);
		if (why) {
			*err = arena_printf(a, "%s; node@%.*s names the newest of the line, and --node PATH reads "
					    "a node executable of any version", why,
					    (int)(strchr(r.version, '.') && r.version[0] == '0'
						  ? strcspn(r.version + 2, ".") + 2 : strcspn(r.version, ".")),
					    r.version);
			return -1;
		}
		t->runtime = "node";
		snprintf(t->version, sizeof t->version, "%s", r.version);
		t->modules = r.modules;
		t->napi = r.napi >= 0 ? r.napi : napi_level_for_node(r.version);
	} else if (!strcmp(s, "electron")) {
		struct electron_release r;
		if (!abi_electron_release(ver, &r)) {
			*err = arena_printf(a, "unknown Electron version '%s' (see 'addon-doctor abi')", ver);
			return -1;
		}
		const char *why = target_electron_unknown(a, ver);
		if (why) {
			*err = why;
			return -1;
		}
		t->runtime = "electron";
		snprintf(t->version, sizeof t->version, "%s", ver);
		t->modules = r.modules;
		/* process.versions.napi: its embedded Node's level (data/electron-
		 * node.tsv; a line, "31", takes the level all its known releases
		 * share).  -1 when that Node is unknown, and for the releases whose
		 * Node predates Node-API (0), which the node stage does not model. */
		int level = abi_electron_napi(ver);
		t->napi = level > 0 ? level : -1;
	} else {
		*err = arena_printf(a, "unknown runtime '%s' in '%s' (node, electron, bun or deno)", s, spec);
		return -1;
	}
	if (plat) {
		if (parse_platform(a, plat, t, err))
			return -1;
	} else {
		set_host_platform(t);
	}
	decide_host(t);
	t->argv0 = t->runtime;
	return 0;
}

int target_from_node(struct arena *a, const char *path, const char *argv0, struct target *t,
		     const char **err)
{
	return target_from_node_in(a, path, argv0, NULL, t, err);
}

int target_from_node_in(struct arena *a, const char *path, const char *argv0, const char *sysroot,
			struct target *t, const char **err)
{
	memset(t, 0, sizeof *t);
	struct node_binary *nb = arena_alloc(a, sizeof *nb);
	if (!nb)
		return -1;
	if (nodebin_read_in(path, sysroot, a, nb, err))
		return -1;
	t->node = nb;
	t->runtime = "node";
	snprintf(t->version, sizeof t->version, "%s", nb->version);
	t->modules = nb->modules;
	t->napi = nb->napi;
	struct binary *b = nb->bin;
	t->platform = b->os ? b->os : "unknown";
	t->arch = b->arch ? b->arch : "unknown";
	t->libc = !strcmp(t->platform, "linux") ? (b->libc ? b->libc : "glibc") : NULL;
	decide_host(t);
	t->argv0 = argv0 ? argv0 : path;
	t->spec = arena_printf(a, "node@%s/%s-%s%s%s", t->version, t->platform, t->arch,
			       t->libc ? "-" : "", t->libc ? t->libc : "");
	altrt_from_node(a, t); /* a bun or deno read by --node */
	return 0;
}

int target_default(struct arena *a, struct target *t, const char **err)
{
	return target_default_in(a, ".", t, err);
}

int target_default_in(struct arena *a, const char *dir, struct target *t, const char **err)
{
	struct path_node pn;
	if (vmgr_node_on_path(a, dir, &pn) != 0) {
		*err = "no 'node' on PATH: name a target with --target node@22 or --node PATH";
		return -1;
	}
	if (!pn.real) {
		/* A shim whose node cannot be found from the manager's files: the
		 * shim itself is no Node to model, so say what it is and how to
		 * name the real one. */
		*err = arena_printf(a, "the node on PATH (%s) is %s%s shim; %s; name the real executable with "
				    "--node PATH (e.g. the path `which node` prints inside the project, resolved)",
				    pn.found, strcmp(pn.manager, "script") ? (pn.manager[0] == 'a' ? "an " : "a ") : "",
				    strcmp(pn.manager, "script") ? pn.manager : "a script", pn.why_not);
		return -1;
	}
	/* A shell runs `node x.js` with argv[0] "node": that is the name ld.so
	 * prints in front of a lazy-binding failure. */
	if (target_from_node(a, pn.real, "node", t, err))
		return -1;
	if (pn.manager)
		t->spec = arena_printf(a, "node@%s (%s, on PATH: %s %s shim running %s; %s)", t->version, pn.found,
				       pn.manager[0] == 'a' ? "an" : "a", pn.manager, pn.real,
				       pn.how ? pn.how : pn.manager);
	else
		t->spec = arena_printf(a, "node@%s (%s, on PATH)", t->version, pn.found);
	return 0;
}
