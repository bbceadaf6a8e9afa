/*
 * test_semver.c - npm ranges (runtime/semver.h) against node-semver itself:
 * the expected rows below were produced by node-semver 7.8.5 (npm's own
 * copy), semver.satisfies(version, range) for every version of VERSIONS,
 * '1' satisfied, '0' not; regenerate with the script in the comment at the
 * end of this file.  Plus hostile ranges: refused (-1), never a crash.
 */
#include "t.h"

#include <string.h>

#include "runtime/semver.h"

static const char *const VERSIONS[] = {
	"0.0.3", "0.0.4", "0.2.5", "0.3.0", "1.0.0", "1.2.2", "1.2.3", "1.2.9", "1.3.0", "1.9.9",
	"2.0.0", "2.3.4", "2.3.5", "2.4.0", "3.0.0", "16.20.2", "17.0.0", "18.16.9", "18.17.0",
	"18.20.8", "20.0.0", "20.3.0", "20.11.1", "20.20.2", "22.0.0", "24.21.0", "25.0.0", "26.10.0",
};

static const struct { const char *range, *want; } ROWS[] = {
	{ "1.2.3 - 2.3.4", "0000001111110000000000000000" },
	{ "1.2 - 2.3.4", "0000011111110000000000000000" },
	{ "1.2.3 - 2.3", "0000001111111000000000000000" },
	{ "1.2.3 - 2", "0000001111111100000000000000" },
	{ "*", "1111111111111111111111111111" },
	{ "", "1111111111111111111111111111" },
	{ "1.x", "0000111111000000000000000000" },
	{ "1.2.x", "0000011100000000000000000000" },
	{ "1", "0000111111000000000000000000" },
	{ "1.2", "0000011100000000000000000000" },
	{ "~1.2.3", "0000001100000000000000000000" },
	{ "~1.2", "0000011100000000000000000000" },
	{ "~1", "0000111111000000000000000000" },
	{ "~0.2.3", "0010000000000000000000000000" },
	{ "^1.2.3", "0000001111000000000000000000" },
	{ "^0.2.3", "0010000000000000000000000000" },
	{ "^0.0.3", "1000000000000000000000000000" },
	{ "^1.2.x", "0000011111000000000000000000" },
	{ "^0.0.x", "1100000000000000000000000000" },
	{ "^0.0", "1100000000000000000000000000" },
	{ "^1.x", "0000111111000000000000000000" },
	{ "^0.x", "1111000000000000000000000000" },
	{ ">=18", "0000000000000000011111111111" },
	{ ">= 18.17.0", "0000000000000000001111111111" },
	{ ">18", "0000000000000000000011111111" },
	{ ">18.1", "0000000000000000011111111111" },
	{ "<=20", "1111111111111111111111110000" },
	{ "<20.1", "1111111111111111111110000000" },
	{ ">=16 <17", "0000000000000001000000000000" },
	{ "^18.17.0 || >=20.3.0", "0000000000000000001101111111" },
	{ "18 || 20 || >=22", "0000000000000000011111111111" },
	{ "v20.11.1", "0000000000000000000000100000" },
	{ "=20.11.1", "0000000000000000000000100000" },
	{ "~>20.1", "0000000000000000000000000000" },
	{ ">=22 <25", "0000000000000000000000001100" },
	{ "<1.2.3 || >2", "1111110000000011111111111111" },
	{ "20.x.x", "0000000000000000000011110000" },
	{ "X", "1111111111111111111111111111" },
	{ ">*", "0000000000000000000000000000" },
	{ "<*", "0000000000000000000000000000" },
	{ "^20.0.0 || ^24", "0000000000000000000011110100" },
};

int main(void)
{
	size_t nv = sizeof VERSIONS / sizeof *VERSIONS;
	for (size_t r = 0; r < sizeof ROWS / sizeof *ROWS; r++) {
		char got[64];
		for (size_t v = 0; v < nv; v++) {
			int s = semver_satisfies(ROWS[r].range, VERSIONS[v]);
			got[v] = s == 1 ? '1' : s == 0 ? '0' : '?';
		}
		got[nv] = '\0';
		char name[160];
		snprintf(name, sizeof name, "range '%s' as node-semver has it", ROWS[r].range);
		CHECK_STR(got, ROWS[r].want, name);
	}
	/* Each is null for node-semver's validRange too.  (One divergence on
	 * purpose: a part past 99999999 is refused here, accepted there.) */
	static const char *const bad[] = {
		"lts/iron", "node", "1.2.3.4", ">=", ">= >= 1", "1 - ", "a || b", "1 | 2", "^", "~~1",
		"1.2.3-", "1..2", ">=1.2.3 <", "\x01", "1.2.3 - 2.3.4 - 5",
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
		CHECK(semver_satisfies(bad[i], "1.2.3") == -1, "'%s' is not a range: refused", bad[i]);
	char longr[2000];
	memset(longr, '1', sizeof longr - 1);
	longr[sizeof longr - 1] = '\0';
	CHECK(semver_satisfies(longr, "1.2.3") == -1, "a 2000-byte range is refused");
	int v[3];
	CHECK(semver_exact("=v20.11.1", v) && v[0] == 20 && v[1] == 11 && v[2] == 1, "=v20.11.1 is exact");
	CHECK(!semver_exact("20.11", v), "20.11 is not exact");
	CHECK(!semver_exact("20.11.1 || 22", v), "an alternative is not exact");
	CHECK(!semver_parse("20.11", v), "a version needs three parts");
	T_DONE();
}

/* Regenerate the rows (node-semver from npm's own node_modules):
 *   node -e 'const s=require("<npm>/node_modules/semver"); for (const r of RANGES)
 *     console.log(r, VERSIONS.map(v => s.satisfies(v, r) ? 1 : 0).join(""))'
 */
