/* test_abi.c - the runtime tables: Node/Electron version -> ABI and back. */
#include "t.h"
#include "runtime/abi.h"

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
