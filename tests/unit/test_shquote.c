/*
 * test_shquote.c - shell words and npm package names (util/shquote.h): the
 * names validate-npm-package-name accepts for existing packages pass, the
 * ones it rejects and anything that reads as an option do not; every word
 * that is not plain comes back single-quoted.
 */
#include "t.h"

#include "util/arena.h"
#include "util/shquote.h"

int main(void)
{
	static const char *const good[] = {
		"bcrypt", "better-sqlite3", "@swc/core", "@img/sharp-linux-x64", "JSONStream",
		"node.extend", "a_b", "ws", "@napi-rs/canvas-linux-x64-gnu", "fs-ext", "lodash.merge",
	};
	static const char *const bad[] = {
		"", "-g", "--script-shell=/tmp/pwn.sh", "--", ".hidden", "_private", " leading", "trailing ",
		"a b", "a;touch pwned", "$(touch x)", "@x/../../y", "@x/.y", "@-x/y", "@x/-y", "@x", "@/y",
		"a/b", "node_modules", "favicon.ico", "a,b", "a\nb", "caf\xc3\xa9", "a=b", "@x/y/z",
	};
	for (size_t i = 0; i < sizeof good / sizeof good[0]; i++)
		CHECK(npm_name_valid(good[i]), "npm name '%s' is valid", good[i]);
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		CHECK(!npm_name_valid(bad[i]), "npm name '%s' is refused", bad[i]);
	char longname[216];
	memset(longname, 'a', 215);
	longname[215] = 0;
	CHECK(!npm_name_valid(longname), "a 215-byte name is refused (214 at most)");
	longname[214] = 0;
	CHECK(npm_name_valid(longname), "a 214-byte name is valid");

	struct arena a;
	arena_init(&a);
	CHECK_STR(sh_word(&a, "npm"), "npm", "a plain word stays as it is");
	CHECK_STR(sh_word(&a, "@x/y-1.2"), "@x/y-1.2", "@, /, - and . need no quotes");
	CHECK_STR(sh_word(&a, "a b"), "'a b'", "a blank is quoted");
	CHECK_STR(sh_word(&a, "it's"), "'it'\\''s'", "a single quote is closed, escaped and reopened");
	CHECK_STR(sh_word(&a, "$(x)"), "'$(x)'", "command substitution is quoted");
	CHECK_STR(sh_word(&a, ""), "''", "the empty word is two quotes");
	arena_release(&a);
	T_DONE();
}
