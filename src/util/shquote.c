/*
 * shquote.c - shell words and npm package names (see shquote.h).
 *
 * The name rules are those of validate-npm-package-name (the registry's
 * own check, npm/validate-npm-package-name lib/index.js), read for facts:
 * errors for names no registry package can have.  Its warnings (upper
 * case, core module names, the characters ~'!()*) are names old packages
 * do have, so they pass; a leading '-' is refused on top, because the
 * name goes on a package manager's command line.
 */
#include "shquote.h"

#include <string.h>

bool sh_plain(const char *s)
{
	if (!s || !*s)
		return false;
	for (const char *c = s; *c; c++)
		if (!strchr("@%+=:,./-_", *c) && !(*c >= '0' && *c <= '9') &&
		    !(*c >= 'a' && *c <= 'z') && !(*c >= 'A' && *c <= 'Z'))
			return false;
	return true;
}

const char *sh_word(struct arena *a, const char *s)
{
	if (!s)
		s = "";
	if (sh_plain(s))
		return s;
	size_t n = 2;
	for (const char *c = s; *c; c++)
		n += *c == '\'' ? 4 : 1;
	char *o = arena_alloc_raw(a, n + 1), *p = o;
	if (!o)
		return NULL;
	*p++ = '\'';
	for (const char *c = s; *c; c++) {
		if (*c == '\'') {
			memcpy(p, "'\\''", 4);
			p += 4;
		} else {
			*p++ = *c;
		}
	}
	*p++ = '\'';
	*p = 0;
	return o;
}

/* Bytes encodeURIComponent leaves as they are. */
static bool uri_plain(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       strchr("-_.!~*'()", c);
}

static bool plain_part(const char *s, size_t n)
{
	if (n == 0)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!s[i] || !uri_plain(s[i]))
			return false;
	return true;
}

bool npm_name_valid(const char *name)
{
	if (!name)
		return false;
	size_t n = strlen(name);
	if (n == 0 || n > 214)
		return false;
	if (name[0] == '.' || name[0] == '_' || name[0] == '-')
		return false;
	if (!strcmp(name, "node_modules") || !strcmp(name, "favicon.ico"))
		return false;
	if (name[0] == '@') {
		const char *slash = strchr(name, '/');
		if (!slash)
			return false;
		const char *scope = name + 1, *rest = slash + 1;
		size_t sl = (size_t)(slash - scope), rl = strlen(rest);
		/* the scope and the name each stay one URI component; neither
		 * may begin with a dot ("@x/.." walks out of node_modules) or
		 * read as an option */
		if (!plain_part(scope, sl) || !plain_part(rest, rl))
			return false;
		if (scope[0] == '.' || scope[0] == '-' || rest[0] == '.' || rest[0] == '-' || rest[0] == '_')
			return false;
		return true;
	}
	return plain_part(name, n);
}
