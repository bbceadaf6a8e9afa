/* test_abi.c - the runtime tables: Node/Electron version -> ABI and back. */
#include "t.h"
#include "runtime/abi.h"
#include "runtime/target.h"
#include "util/arena.h"
#include "data.h"

#include <stdio.h>

static void node(const char *spec, int modules, int napi)
{
	struct node_release r;
	bool ok = abi_node_release(spec, &r);
	CHECK(ok && r.modules == modules && (napi == -2 || r.napi == napi),
	      "node %s -> %d/%d (got %s %d/%d)", spec, modules, napi, ok ? r.version : "-",
	      ok ? r.modules : 0, ok ? r.napi : 0);
}

static void electron(const char *spec, int modules)
{
	struct electron_release r;
	bool ok = abi_electron_release(spec, &r);
	CHECK(ok && r.modules == modules, "electron %s -> %d (got %s %d)", spec, modules,
	      ok ? r.version : "-", ok ? r.modules : 0);
}

/* data/electron-node.tsv: node "" = known release, Node unknown; NULL = not a release */
static void enode(const char *spec, const char *node, int napi)
{
	struct electron_node r;
	bool ok = abi_electron_node(spec, &r);
	CHECK(node ? ok && !strcmp(r.node, node) && r.napi == napi : !ok,
	      "electron-node %s -> %s/%d (got %s %s/%d)", spec, node ? node : "not a release", napi,
	      ok ? "release" : "not a release", ok ? r.node : "", ok ? r.napi : 0);
}

static void enapi(const char *spec, int napi)
{
	int got = abi_electron_napi(spec);
	CHECK(got == napi, "Node-API level of electron %s is %d (got %d)", spec, napi, got);
}

/* --target electron@V: accepted, or refused with a message containing want */
static void etarget(struct arena *a, const char *spec, const char *want)
{
	struct target t;
	const char *err = NULL;
	int rc = target_parse(a, spec, &t, &err);
	if (!want)
		CHECK(rc == 0, "target %s accepted (got %s)", spec, rc ? err : "ok");
	else
		CHECK(rc != 0 && err && strstr(err, want), "target %s refused: '%s' (got %s)", spec, want,
		      rc ? err : "accepted");
}

static void describe(int n, const char *want)
{
	char buf[256];
	CHECK_STR(abi_describe(n, buf, sizeof buf), want, "describe");
}

int main(void)
{
	node("16", 93, 8);
	node("node@16", 93, 8);
	node("v16.20.2", 93, 8);
	node("18.17.0", 108, 9);
	node("18.16.1", 108, 8);
	node("18.16", 108, 8);
	node("18", 108, 9);
	node("20.0.0", 115, 8);
	node("20.2.0", 115, 8);
	node("20.3.0", 115, 9);
	node("20.20.2", 115, 9);
	node("20", 115, 9);
	node("22.0.0", 127, 9);
	node("22.13.1", 127, 9);
	node("22.14.0", 127, 10);
	node("22.23.3", 127, 10);
	node("23.5.0", 131, 9);
	node("23.6.0", 131, 10);
	node("24", 137, 10);
	node("25.9.0", 141, 10);
	node("26", 147, 10);
	node("26.99.0", 147, 10);  /* past the newest known, same line */
	node("0.10", 11, 0);
	node("0.10.48", 11, 0);
	node("0.11.9", 13, 0);
	node("0.12.7", 14, 0);
	node("1.0.4", 42, 0);
	node("1.8.1", 43, 0);
	node("4", 46, 0);
	node("8.11.2", 57, 3);
	node("10.24.1", 64, 7);
	node("12.22.0", 72, 8);
	node("14.0.0", 83, 6);
	node("27", 153, -1);       /* announced by node-abi, not released */

	struct node_release r;
	CHECK(abi_node_release("22", &r) && !strcmp(r.version, "22.23.3"), "node 22 = newest known 22.23.3 (got %s)", r.version);
	CHECK(abi_node_release("18.16", &r) && !strcmp(r.version, "18.16.x"), "node 18.16 = 18.16.x (got %s)", r.version);
	CHECK(!abi_node_release("28", &r), "unknown major refused");
	CHECK(!abi_node_release("0.8", &r), "0.8 is before the table");
	CHECK(!abi_node_release("", &r) && !abi_node_release("abc", &r) && !abi_node_release("v", &r) &&
	      !abi_node_release(NULL, &r), "junk refused");
	CHECK(!abi_node_release("22.0.0; rm -rf", &r), "junk tail refused");

	electron("31", 125);
	electron("31.0.0", 125);
	electron("31.0.0-alpha.2", 123);
	electron("26", 116);
	electron("25.3.1", 116);
	electron("14.0.0", 89);
	electron("14.0.1", 89);
	electron("14.0.2", 97);
	electron("14", 97);
	electron("4.0.3", 64);
	electron("4.0.4", 69);
	electron("0.32.1", 45);
	electron("1.2", 48);
	electron("2", 57);
	electron("9", 80);
	electron("11.0.0-beta.2", 82);  /* semver: beta.2 < beta.11 */
	electron("11.0.0-beta.11", 85);
	electron("42", 146);
	electron("electron@37", 136);
	struct electron_release e;
	CHECK(!abi_electron_release("99", &e), "unknown Electron major refused");
	CHECK(!abi_electron_release("47.1.0", &e), "Electron past the table refused");

	/* Electron release -> embedded Node (electron-releases to 22.0.0-alpha.5,
	 * electron-dependencies from 29.0.0, electron/electron's DEPS between
	 * them) and its derived Node-API level. */
	enode("31.0.0", "20.14.0", 9);   /* also tests/truth/replay/layouts.js' electron31 */
	enode("electron@v31.7.7", "20.18.0", 9);
	enode("31.0.0-beta.8", "20.14.0", 9);
	enode("14.0.1", "14.17.0", 8);
	enode("3.0.0", "10.2.0", 3);
	enode("1.3.1", "6.3.0", 0);      /* Node 6.3: before Node-API */
	enode("0.37.8", "5.10.0", 0);    /* published as electron-prebuilt */
	enode("25.9.8", "18.15.0", 8);   /* from electron/electron's DEPS at v25.9.8 */
	enode("22.0.0", "16.17.1", 8);
	enode("42.11.9", "", -1);        /* a release no source read has the Node of */
	enode("31.99.0", NULL, 0);
	enode("31.0.0-beta.99", NULL, 0);
	enode("31", NULL, 0);
	enode("31.0", NULL, 0);
	enode("", NULL, 0);
	enode(NULL, NULL, 0);
	enode("31.0.0\t20.14.0", NULL, 0);
	enode("31.0.0.0", NULL, 0);
	enode("0.1.0", NULL, 0);         /* npm's electron 0.1.0-0.4.1 was another package */
	enode("99999999999999999999.0.0", NULL, 0);
	enapi("31", 9);
	enapi("31.2", 9);
	enapi("electron@31.7.7", 9);
	enapi("37", 10);
	enapi("26", 8);                  /* every 26.x: Node 18.x, Node-API 8 */
	enapi("22", 8);
	enapi("42", -1);                 /* some 42.x have no known Node */
	enapi("30.0.0-beta.1", 9);
	enapi("25.9.8", 8);
	enapi("42.11.9", -1);
	enapi("31.99.0", -1);
	enapi("x", -1);
	enapi(NULL, -1);
	char newest[24];
	CHECK(abi_electron_newest("31.2.0", newest, sizeof newest) && !strcmp(newest, "31.7.7"),
	      "newest known 31.x is 31.7.7");
	CHECK(abi_electron_newest("0.37.99", newest, sizeof newest) && !strcmp(newest, "0.37.8"),
	      "newest known 0.37.x is 0.37.8");
	CHECK(!abi_electron_newest("46.0.0", newest, sizeof newest), "no release of Electron 46 is known");
	CHECK(!abi_electron_newest("31", newest, 0), "no room: false");

	struct arena a;
	arena_init(&a);
	etarget(&a, "electron@31.0.0", NULL);
	etarget(&a, "electron@31", NULL);
	etarget(&a, "electron@31.2", NULL);
	etarget(&a, "electron@25.9.8", NULL);
	etarget(&a, "electron@42.11.9", NULL);
	etarget(&a, "electron@v31.0.0/linux-x64-glibc", NULL);
	etarget(&a, "electron@31.99.0",
		"Electron 31.99.0 is not a release addon-doctor knows (data/electron-node.tsv; the newest known "
		"31.x is 31.7.7)");
	/* prereleases: the registry lists only some, so one the table lacks
	 * is taken, its Node unknown */
	etarget(&a, "electron@25.0.0-beta.3/linux-x64", NULL);
	etarget(&a, "electron@31.0.0-beta.8", NULL);
	etarget(&a, "electron@45.6.0", "the newest known 45.x is");
	etarget(&a, "electron@1.2.99", "the newest known 1.2.x is 1.2.8");
	etarget(&a, "electron@99.0.0", "unknown Electron version");
	arena_release(&a);

	/* Every electron-node row: a version in ascending order, no duplicate,
	 * and its napi the level abi_node_release() gives its Node (the
	 * derivation tools/refresh-electron-node.sh writes). */
	{
		const char *p = data_electron_node_tsv, *end = p + data_electron_node_tsv_len;
		char prevv[64] = "";
		int n = 0, known = 0, bad_order = 0, bad_row = 0, bad_napi = 0;
		while (p < end) {
			const char *eol = memchr(p, '\n', (size_t)(end - p));
			if (!eol)
				eol = end;
			char line[128];
			size_t len = (size_t)(eol - p) < sizeof line - 1 ? (size_t)(eol - p) : sizeof line - 1;
			memcpy(line, p, len);
			line[len] = '\0';
			p = eol + 1;
			if (!line[0] || line[0] == '#')
				continue;
			char v[64], nodev[64], napis[16];
			struct electron_node r;
			if (sscanf(line, "%63[^\t]\t%63[^\t]\t%15s", v, nodev, napis) != 3 ||
			    !abi_electron_node(v, &r) || strcmp(r.version, v)) {
				bad_row++;
				continue;
			}
			if (n && abi_version_cmp(prevv, v) >= 0)
				bad_order++;
			snprintf(prevv, sizeof prevv, "%s", v);
			n++;
			if (!strcmp(nodev, "-")) {
				bad_row += r.node[0] != '\0' || r.napi != -1 || strcmp(napis, "-");
				continue;
			}
			known++;
			struct node_release nr;
			int want = abi_node_release(nodev, &nr) && nr.napi >= 0 ? nr.napi : -1;
			if (r.napi != want || strcmp(r.node, nodev)) {
				if (bad_napi++ < 5)
					printf("# %s: node %s napi %d, abi_node_release says %d\n", v, nodev, r.napi, want);
			}
		}
		CHECK(n > 1500 && known > 1400 && !bad_row && !bad_order && !bad_napi,
		      "electron-node table: %d rows (%d with a Node), %d unreadable, %d out of order or duplicate, "
		      "%d whose napi is not their Node's", n, known, bad_row, bad_order, bad_napi);
	}
	CHECK(abi_version_cmp("1.0.0-alpha", "1.0.0") < 0, "prerelease before release");
	CHECK(abi_version_cmp("11.0.0-beta.2", "11.0.0-beta.11") < 0, "numeric prerelease ids");
	CHECK(abi_version_cmp("22.14.0", "22.9.0") > 0, "numeric minors");

	describe(93, "Node.js 16.x");
	describe(115, "Node.js 20.x");
	describe(116, "Electron 25 or Electron 26");
	describe(121, "Electron 29");
	describe(57, "Node.js 8.x or Electron 1.8 or Electron 2");
	describe(64, "Node.js 10.x or Electron 3 or Electron 4 before 4.0.4");
	describe(89, "Electron 13 or Electron 14 before 14.0.2 or Electron 15 before 15.0.0-beta.7");
	describe(14, "Node.js 0.11.11+ or Node.js 0.12.x");
	describe(12, "Node.js 0.11.x before 0.11.8");
	describe(42, "io.js 1.x before 1.1.0");
	describe(146, "Electron 42");
	describe(92, "a Node.js 16.0.0-pre development build");
	describe(65, "Node.js 10.x as built by a distribution");
	describe(153, "Node.js 27.x (not yet released)");
	describe(9999, "an unknown runtime (NODE_MODULE_VERSION 9999)");
	char tiny[8];
	abi_describe(115, tiny, sizeof tiny);
	CHECK(strlen(tiny) < sizeof tiny, "describe truncates to the buffer");

	/* Every node row parses and is in ascending order. */
	struct abi_iter it;
	struct abi_row row, prev = {0};
	int rows = 0, bad = 0;
	abi_iter_init(&it, false);
	while (abi_iter_next(&it, &row)) {
		if (rows && abi_version_cmp(prev.version, row.version) > 0)
			bad++;
		if (row.modules <= 0)
			bad++;
		prev = row;
		rows++;
	}
	CHECK(rows > 100 && bad == 0, "node table: %d rows, %d out of order or invalid", rows, bad);
	T_DONE();
}
