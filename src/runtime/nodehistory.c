/*
 * nodehistory.c - reads data/node-loader-history.tsv (see its header for
 * the rule): a trait is present in version V when a row entry has V's
 * major and V >= it, or V's major is above every entry's major.
 */
#include <stdio.h>
#include <string.h>

#include "nodehistory.h"
#include "semver.h"
#include "data.h"

static const char *const trait_names[] = {
	[NODE_DLOPEN_CODE] = "dlopen-code",
	[NODE_SELFREG_PATH] = "selfreg-path",
	[NODE_NAPI_SYMBOL] = "napi-symbol",
	[NODE_ABI_SYMBOL] = "abi-symbol",
	[NODE_MISMATCH_TEXT] = "mismatch-text",
};

/* The row of trait: [*start, *end) after the name and its tab. */
static bool find_row(enum node_trait trait, const char **start, const char **end)
{
	if ((unsigned)trait >= sizeof trait_names / sizeof trait_names[0])
		return false;
	const char *name = trait_names[trait];
	size_t nl = strlen(name);
	const char *p = data_node_loader_history_tsv, *stop = p + data_node_loader_history_tsv_len;
	while (p < stop) {
		const char *eol = memchr(p, '\n', (size_t)(stop - p));
		if (!eol)
			eol = stop;
		if (*p != '#' && (size_t)(eol - p) > nl && !memcmp(p, name, nl) && p[nl] == '\t') {
			*start = p + nl + 1;
			*end = eol;
			return true;
		}
		p = eol + 1;
	}
	return false;
}

bool node_has(const char *version, enum node_trait trait)
{
	int v[3];
	if (!version || !semver_parse(version, v))
		return true;
	const char *p, *end;
	if (!find_row(trait, &p, &end))
		return true;
	int top_major = -1;
	while (p < end) {
		const char *tab = memchr(p, '\t', (size_t)(end - p));
		const char *e = tab ? tab : end;
		char buf[32];
		size_t n = (size_t)(e - p);
		int since[3];
		if (n > 0 && n < sizeof buf) {
			memcpy(buf, p, n);
			buf[n] = 0;
			if (semver_parse(buf, since)) {
				if (since[0] == v[0])
					return semver_cmp(v, since) >= 0;
				if (since[0] > top_major)
					top_major = since[0];
			}
		}
		p = e + 1;
	}
	return top_major >= 0 && v[0] > top_major;
}

const char *node_trait_since(enum node_trait trait)
{
	static char buf[sizeof trait_names / sizeof trait_names[0]][96];
	const char *p, *end;
	if (!find_row(trait, &p, &end)) /* also refuses a trait out of range */
		return NULL;
	size_t o = 0;
	while (p < end && o + 2 < sizeof buf[trait]) {
		char c = *p++;
		if (c == '\t') {
			buf[trait][o++] = ',';
			buf[trait][o++] = ' ';
		} else {
			buf[trait][o++] = c;
		}
	}
	buf[trait][o] = 0;
	return buf[trait];
}
