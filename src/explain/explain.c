/*
 * explain.c - the message recogniser: pasted text -> which load failure.
 *
 * Each shape is a matcher over the text, tried most specific first (the
 * table at the bottom); the first that matches fills the result and later
 * ones are listed in `also`.  Matching is whitespace-tolerant (a space in a
 * pattern matches any run of blanks, CR and LF), because Node's messages
 * contain line breaks that logs re-wrap.  Message texts and their meaning
 * come from shared/reference/loader-facts.md (sections named per matcher).
 * Pure: no filesystem, no printing.
 */
#include "explain.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../parse/parse.h"
#include "../runtime/abi.h"
#include "data.h"

struct ctx {
	struct arena *a;
	const char *t, *end;   /* the text */
	struct explain *ex;
};

/* ---- text helpers ------------------------------------------------------ */

static bool is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* Matches pat at s; a ' ' in pat matches one or more blanks.  Returns the
 * end of the match or NULL. */
static const char *match_at(const char *s, const char *end, const char *pat)
{
	while (*pat) {
		if (*pat == ' ') {
			if (s >= end || !is_blank(*s))
				return NULL;
			while (s < end && is_blank(*s))
				s++;
			pat++;
			continue;
		}
		if (s >= end || *s != *pat)
			return NULL;
		s++;
		pat++;
	}
	return s;
}

/*
 * First occurrence of pat in [from, end); *mend gets the match end.
 *
 * Work is bounded per byte of text, so a 4 MiB paste costs milliseconds:
 * - a non-blank pattern character is compared with at most one text byte
 *   per start position, so non-blank bytes cost at most strlen(pat) each;
 * - a pattern blank that follows a non-blank character consumes a maximal
 *   run of blanks, and the start position that reaches a given run at a
 *   given pattern blank is unique (the words before it are fixed), so each
 *   blank byte is consumed at most once per blank in pat;
 * - a pattern that starts with a blank would match from every byte of a
 *   run with the same outcome (the run is consumed to its end either way),
 *   so only the run's first byte is tried.  Without that, a run of n blanks
 *   cost n^2/2.
 */
static const char *find_from(const char *from, const char *end, const char *pat, const char **mend)
{
	bool lead_blank = pat[0] == ' ';
	const char *s = from;
	while (s < end) {
		if (lead_blank) {
			while (s < end && !is_blank(*s))
				s++;
			if (s >= end)
				return NULL;
		} else {
			s = memchr(s, pat[0], (size_t)(end - s));
			if (!s)
				return NULL;
		}
		const char *e = match_at(s, end, pat);
		if (e) {
			if (mend)
				*mend = e;
			return s;
		}
		if (lead_blank)
			while (s < end && is_blank(*s))
				s++;
		else
			s++;
	}
	return NULL;
}

static const char *find(struct ctx *c, const char *pat, const char **mend)
{
	return find_from(c->t, c->end, pat, mend);
}

static const char *line_start(struct ctx *c, const char *p)
{
	while (p > c->t && p[-1] != '\n')
		p--;
	return p;
}

static const char *line_end(struct ctx *c, const char *p)
{
	while (p < c->end && *p != '\n' && *p != '\r')
		p++;
	return p;
}

static const char *dup_range(struct ctx *c, const char *s, const char *e)
{
	while (s < e && is_blank(*s))
		s++;
	while (e > s && is_blank(e[-1]))
		e--;
	if (e <= s)
		return NULL;
	return arena_strndup(c->a, s, (size_t)(e - s));
}

/*
 * The object path that precedes `at` on its line, as in "<path>: <error>".
 * Skips what logs put in front: "Error: ", "npm ERR! ", quotes, brackets.
 */
static const char *path_before(struct ctx *c, const char *at)
{
	const char *ls = line_start(c, at);
	const char *best = ls;
	static const char *const cuts[] = { "Error: ", "error: ", "ERR! ", "ERR_DLOPEN_FAILED: ", "shared libraries: ", "'", "\"", "`", "(", "[", "Reason: ", "Details: ", "error occurred: ", "error was: " };
	/* The cut that ends last wins: walk back from `at` and stop at the
	 * first end found, so the cost is the distance to it, not the line
	 * times the number of cuts. */
	for (const char *q = at; q > ls && best == ls; q--)
		for (size_t i = 0; i < sizeof cuts / sizeof cuts[0]; i++) {
			size_t n = strlen(cuts[i]);
			if ((size_t)(q - ls) >= n && q[-1] == cuts[i][n - 1] && !memcmp(q - n, cuts[i], n)) {
				/* a quote inside a path (/home/"user"/x.node) is part
				 * of it: only a quote at a word's start opens one */
				if (n == 1 && strchr("'\"`", cuts[i][0]) && q - 1 > ls && !is_blank(q[-2]) && !strchr("(:=[{,", q[-2]) &&
				    q < at && !is_blank(*q) && *q != ':')
					continue;
				best = q;
				break;
			}
		}
	/* "Uncaught x: /p": take from the first path-looking character. */
	const char *s = best;
	while (s < at && is_blank(*s))
		s++;
	if (s < at && *s != '/' && *s != '\\' && !(isalpha((unsigned char)*s) && s + 1 < at && s[1] == ':')) {
		for (const char *q = s; q < at; q++)
			if (q[0] == ' ' && q + 1 < at && (q[1] == '/' || q[1] == '\\')) {
				s = q + 1;
				break;
			}
	}
	/* "<path>: <error>" where the pattern started after the colon */
	while (at > s && (is_blank(at[-1]) || at[-1] == ':'))
		at--;
	return dup_range(c, s, at);
}

/* The quoted text after pat: pat 'X' -> X (quote is ' or `). */
static const char *quoted_after(struct ctx *c, const char *p, char close)
{
	const char *e = p;
	while (e < c->end && *e != close && *e != '\n' && (size_t)(e - p) < 4096)
		e++;
	if (e >= c->end || *e != close)
		return NULL;
	return arena_strndup(c->a, p, (size_t)(e - p));
}

/* Reads a decimal number at p (skipping blanks); -1 if none. */
static long number_at(const char *p, const char *end, const char **after)
{
	if (after)
		*after = p;
	while (p < end && is_blank(*p))
		p++;
	long v = -1;
	while (p < end && isdigit((unsigned char)*p)) {
		v = (v < 0 ? 0 : v) * 10 + (*p - '0');
		if (v > 100000000)
			return -1;
		p++;
	}
	if (after)
		*after = p;
	return v;
}

/* Token of [A-Za-z0-9_.@/-] characters at p. */
static const char *token_at(struct ctx *c, const char *p)
{
	const char *e = p;
	while (e < c->end && (isalnum((unsigned char)*e) || strchr("_.@/-+", *e)) && e - p < 512)
		e++;
	return e > p ? arena_strndup(c->a, p, (size_t)(e - p)) : NULL;
}

static void number(struct ctx *c, const char *label, const char *value, const char *meaning)
{
	struct explain_number *n = VEC_PUSH(c->a, &c->ex->numbers);
	if (n) {
		n->label = label;
		n->value = value;
		n->meaning = meaning;
	}
}

static const char *abi_words(struct ctx *c, long n)
{
	char buf[512];
	abi_describe((int)n, buf, sizeof buf);
	return arena_strdup(c->a, buf);
}

/* npm package owning a path: the segment(s) after the last node_modules.
 * A .node file lying directly in node_modules/ belongs to no package; in
 * pnpm's store (node_modules/.pnpm/<name>@<ver>/node_modules/<name>/) the
 * last node_modules already names it, and a path that stops inside the
 * store gives <name> from "<name>@<ver>" ("@scope+name@1.0.0" for a scoped
 * one). */
static const char *package_of(struct arena *a, const char *path)
{
	if (!path)
		return NULL;
	const char *last = NULL;
	for (const char *s = path; (s = strstr(s, "node_modules")) != NULL; s += 12)
		if (s[12] == '/' || s[12] == '\\')
			last = s + 13;
	if (!last || !*last)
		return NULL;
	const char *e = last;
	int segs = *last == '@' ? 2 : 1;
	while (*e) {
		if (*e == '/' || *e == '\\') {
			if (--segs == 0)
				break;
		}
		e++;
	}
	if (!*e) {
		/* the path ends in this segment: a file, not a package dir */
		size_t n = (size_t)(e - last);
		if (n >= 5 && !memcmp(e - 5, ".node", 5))
			return NULL;
	}
	if (!strncmp(last, ".pnpm", 5) && (last[5] == '/' || last[5] == '\\')) {
		const char *s = last + 6, *q = s;
		while (*q && *q != '/' && *q != '\\')
			q++;
		const char *at = NULL;
		for (const char *r = s + 1; r < q; r++)
			if (*r == '@') {
				at = r;
				break;
			}
		if (!at)
			return NULL;
		char *p = arena_strndup(a, s, (size_t)(at - s));
		if (p && *p == '@')
			for (char *r = p; *r; r++)
				if (*r == '+') {
					*r = '/';
					break;
				}
		return p;
	}
	if (*last == '.')
		return NULL; /* .bin, .cache, .vite: not packages */
	char *p = arena_strndup(a, last, (size_t)(e - last));
	if (p)
		for (char *q = p; *q; q++)
			if (*q == '\\')
				*q = '/';
	return p;
}

/* Is `path` the node executable (node, nodejs, node.exe; any directory:
 * /usr/local/bin/node, ~/.nvm/versions/node/v18.0.0/bin/node)? */
static bool is_node_binary(const char *path)
{
	if (!path)
		return false;
	const char *base = path;
	for (const char *s = path; *s; s++)
		if (*s == '/' || *s == '\\')
			base = s + 1;
	return !strcmp(base, "node") || !strcmp(base, "nodejs") || !strcmp(base, "node.exe") || !strcmp(base, "iojs");
}

/* A program rather than a loadable object: no .node / .so / .dll / .dylib
 * in its name and not inside node_modules (./dist/app.linux from pkg, an
 * Electron app's binary, nw). */
static bool is_program(const char *path)
{
	if (!path || !*path)
		return false;
	if (is_node_binary(path))
		return true;
	return !strstr(path, ".node") && !strstr(path, ".so") && !strstr(path, ".dll") && !strstr(path, ".dylib") &&
	       !strstr(path, "node_modules") && !strchr(path, ' ');
}

static void set(struct ctx *c, const char *shape, const char *cause, const char *origin, const char *title)
{
	c->ex->recognised = shape;
	c->ex->subject = "addon";
	c->ex->cause = cause;
	c->ex->origin = origin;
	c->ex->title = title;
}

static const char *pkg_or(struct ctx *c, const char *fallback)
{
	return c->ex->package ? c->ex->package : fallback;
}

static void set_file(struct ctx *c, const char *file)
{
	c->ex->file = file;
	c->ex->package = package_of(c->a, file);
}

/* Like find(), skipping occurrences on a line that also holds `unless`
 * (that line belongs to a more specific shape). */
static const char *find_unless(struct ctx *c, const char *pat, const char *unless, const char **mend)
{
	const char *from = c->t, *e;
	for (;;) {
		const char *p = find_from(from, c->end, pat, &e);
		if (!p)
			return NULL;
		const char *ls = line_start(c, p), *le = line_end(c, p);
		if (!find_from(ls, le, unless, NULL)) {
			if (mend)
				*mend = e;
			return p;
		}
		/* Every later occurrence before the next LF has the same line
		 * start and a line end no earlier, so it holds `unless` too:
		 * skip the line instead of rescanning it per occurrence (a
		 * 4 MiB line of repeats was quadratic). */
		const char *nl = memchr(p, '\n', (size_t)(c->end - p));
		if (!nl)
			return NULL;
		from = nl + 1;
	}
}

static bool has(struct ctx *c, const char *pat)
{
	return find(c, pat, NULL) != NULL;
}

/* Signs in the text that Electron, not Node.js, is the runtime: its asar
 * loader's frames, its main-process dialog text, its js2c frames, its
 * name. */
/* Atom's incompatible-packages view (an Electron app) lists each native
 * module as "<name>@<version>" with "Error message: ..." on the next line. */
static bool atom_module_list(struct ctx *c)
{
	if (has(c, "incompatible native modules"))
		return true;
	const char *e, *p = find(c, "\nError message: ", &e);
	for (int k = 0; p && k < 64; k++, p = find_from(e, c->end, "\nError message: ", &e)) {
		/* the line before: a bare name@1.2.3 */
		const char *le = p, *ls = line_start(c, p), *at = NULL;
		while (ls < le && is_blank(*ls))
			ls++;
		bool ok = ls < le;
		for (const char *q = ls; ok && q < le; q++)
			if (*q == '@' && q > ls)
				at = q;
			else if (!isalnum((unsigned char)*q) && !strchr("-_./", *q))
				ok = false;
		if (ok && at && at + 1 < le && isdigit((unsigned char)at[1]))
			return true;
	}
	return false;
}

static bool electron_strong_clues(struct ctx *c);
static bool nwjs_clues(struct ctx *c);

/* The body of Electron's main-process error dialog: a line that is only
 * "Uncaught Exception:", the error on the next (Electron's
 * lib/browser/init.ts).  Node.js prints no such line. */
static bool electron_dialog_line(struct ctx *c)
{
	const char *e, *p = find(c, "Uncaught Exception:", &e);
	for (int k = 0; p && k < 16; k++, p = find_from(e, c->end, "Uncaught Exception:", &e)) {
		const char *q = e;
		while (q < c->end && (*q == ' ' || *q == '\t' || *q == '\r'))
			q++;
		bool at_start = p == c->t || p[-1] == '\n';
		if (at_start && (q == c->end || *q == '\n'))
			return true;
	}
	return false;
}

/* The word "lectron" outside the names of Electron's build tools, which
 * run under Node.js (electron-packager's own dependencies, such as appdmg
 * and macos-alias, are loaded by node, not by Electron). */
static bool electron_word(struct ctx *c)
{
	static const char *const tools[] = { "-packager", " Packager", " packager", "-installer-", "-winstaller" };
	const char *e, *p = find(c, "lectron", &e);
	for (int k = 0; p && k < 256; k++, p = find_from(e, c->end, "lectron", &e)) {
		bool tool = false;
		for (size_t i = 0; i < sizeof tools / sizeof tools[0]; i++)
			if (match_at(e, c->end, tools[i]))
				tool = true;
		if (!tool)
			return true;
	}
	return false;
}

static bool electron_clues(struct ctx *c)
{
	return electron_word(c) || electron_strong_clues(c);
}

/* The clues that only an Electron process prints (not merely the word, which
 * a directory or project name may hold). */
static bool electron_strong_clues(struct ctx *c)
{
	/* atom-shell is Electron's name before 2015: ATOM_SHELL_ASAR.js frames,
	 * "A JavaScript error occured in the browser process" */
	return has(c, "ELECTRON_ASAR.js") || has(c, "A JavaScript error occurred in the main process") ||
	       has(c, "electron/js2c") || has(c, "app.asar") || has(c, "ATOM_SHELL") ||
	       has(c, "atom-shell") || has(c, "error occured in the browser process") ||
	       has(c, "error occurred in the browser process") ||
	       /* Electron's default_app logs this when the app's main script throws */
	       has(c, "App threw an error during load") || atom_module_list(c) ||
	       /* VS Code's extension host (Electron's Node.js) */
	       has(c, "Activating extension '") || electron_dialog_line(c) ||
	       /* Chromium's console log line ("[pid:MMDD/hhmmss:INFO:CONSOLE(83)] "Uncaught
	        * Error: ..."): a renderer's console, Electron's (NW.js names itself) */
	       (has(c, ":INFO:CONSOLE(") && !nwjs_clues(c));
}

/* NW.js (node-webkit) as the runtime; a packaged NW.js app runs from the
 * directory it extracts itself to (%TEMP%\nw<pid>_<n>). */
static bool nwjs_clues(struct ctx *c)
{
	/* nw_shell.cc: NW.js's shell logs uncaught errors under its name */
	if (has(c, "nw.js") || has(c, "NW.js") || has(c, "node-webkit") || has(c, "nwjs") || has(c, "nw_shell.cc"))
		return true;
	const char *e, *p = find(c, "Temp\\nw", &e);
	for (int k = 0; p && k < 64; k++, p = find_from(e, c->end, "Temp\\nw", &e)) {
		const char *q = e;
		while (q < c->end && isdigit((unsigned char)*q))
			q++;
		if (q > e && q < c->end && *q == '_')
			return true;
	}
	return false;
}

/* A stack of Node.js <= 9 (lib/module.js; "at Error (native)" frames are
 * Node <= 6): the era before worker threads, when an addon that registered
 * nothing was nearly always built for Node.js 0.10 (which registered by an
 * exported symbol, not a constructor) or for another runtime. */
static bool old_node_stack(struct ctx *c)
{
	return has(c, "at Error (native)") || has(c, "(module.js:") || has(c, "module.js:") || has(c, "io.js");
}

/* ---- Node's own messages (loader-facts.md 1.4, 1.5) ----------------------- */

static bool m_napi_too_new(struct ctx *c)
{
	const char *e, *p = find(c, " requires Node-API version ", &e);
	if (!p)
		return false;
	const char *after;
	long want = number_at(e, c->end, &after);
	const char *e2, *q = find_from(after, c->end, "only supports version ", &e2);
	long have = q ? number_at(e2, c->end, NULL) : -1;
	if (want < 0)
		return false;
	set(c, "napi-version-too-new", "napi-too-new", "node", "the addon needs a newer Node-API than this Node.js has");
	const char *url = path_before(c, p);
	set_file(c, url && !strncmp(url, "file://", 7) ? url + 7 : url);
	number(c, "Node-API level the addon declares", arena_printf(c->a, "%ld", want), NULL);
	if (have >= 0)
		number(c, "highest Node-API level of this Node.js", arena_printf(c->a, "%ld", have), NULL);
	c->ex->why = arena_printf(c->a,
		"The addon was built for Node-API %ld, but this Node.js only supports up to %ld. "
		"(In practice Node 18.17+ crashes with SIGSEGV here instead of printing this.)", want, have);
	c->ex->fix = "upgrade Node.js to a release with that Node-API level (see 'addon-doctor abi'), or install a version of the package built for an older Node-API";
	return true;
}

/* The earlier of pat and its glued form in [from, end): Node prints its ABI
 * message on four lines, breaking before each NODE_MODULE_VERSION, and a
 * paste that loses the line breaks (some log viewers, web forms) glues the
 * words there ("usingNODE_MODULE_VERSION 108", "requiresNODE_MODULE_VERSION
 * 115").  Only these fixed break points are accepted glued, not any
 * missing blank. */
static const char *find_nmv(const char *from, const char *end, const char *pat, const char *glued, const char **mend)
{
	const char *e1, *e2, *p = find_from(from, end, pat, &e1), *g = find_from(from, end, glued, &e2);
	if (g && (!p || g < p)) {
		*mend = e2;
		return g;
	}
	if (p)
		*mend = e1;
	return p;
}

static bool m_abi_mismatch(struct ctx *c)
{
	const char *e, *p = find_nmv(c->t, c->end, "was compiled against a different Node.js version using NODE_MODULE_VERSION",
				     "was compiled against a different Node.js version usingNODE_MODULE_VERSION", &e);
	/* the text pasted from its second line on: "NODE_MODULE_VERSION 64.
	 * This version of Node.js requires NODE_MODULE_VERSION 57." */
	if (!p) {
		const char *q0, *e0;
		for (q0 = find(c, "NODE_MODULE_VERSION ", &e0); q0; q0 = find_from(e0, c->end, "NODE_MODULE_VERSION ", &e0)) {
			const char *after;
			if (number_at(e0, c->end, &after) >= 0 && (match_at(after, c->end, ". This version of Node.js requires NODE_MODULE_VERSION") ||
								   match_at(after, c->end, ". This version of Node.js requiresNODE_MODULE_VERSION"))) {
				p = q0;
				e = e0;
				break;
			}
		}
	}
	if (!p)
		return false;
	const char *after;
	long built = number_at(e, c->end, &after);
	if (built < 0) {
		/* a placeholder the poster put in for the old number ("xx",
		 * "XX", "??"): the required number still tells the runtime */
		const char *q = e, *r;
		while (q < c->end && is_blank(*q))
			q++;
		for (r = q; r < c->end && r - q < 8 && (isalpha((unsigned char)*r) || *r == '?'); r++)
			;
		if (r == q || r >= c->end || *r != '.')
			return false;
		after = r;
	}
	const char *e2, *q = find_nmv(after, c->end, "requires NODE_MODULE_VERSION", "requiresNODE_MODULE_VERSION", &e2);
	long need = q ? number_at(e2, c->end, NULL) : -1;
	if (built < 0 && need < 0)
		return false;
	const char *e3, *m = find(c, "The module '", &e3);
	if (m && m < p)
		set_file(c, quoted_after(c, e3, '\''));
	const char *wb = built >= 0 ? abi_words(c, built) : "another ABI (its number is not in the text)", *wn = need >= 0 ? abi_words(c, need) : "unknown";
	/* Either number being an Electron release only (not a Node.js one)
	 * puts the addon or the runtime in an Electron app. */
	bool built_el = !strstr(wb, "Node.js") && !strstr(wb, "io.js") && strstr(wb, "Electron");
	bool need_node = need >= 0 && (strstr(wn, "Node.js") || strstr(wn, "io.js")) && !strstr(wn, "Electron");
	/* a test runner's frames: plain Node.js loads it (jest, mocha, vitest) */
	bool runner = has(c, "jest-runtime") || has(c, "Test suite failed to run") || has(c, "/mocha/") ||
		      has(c, "\\mocha\\") || has(c, "vitest") || has(c, "Serialized Error: ");
	/* rebuilt for Electron, then loaded by plain Node.js (tests, scripts):
	 * the number this runtime requires is a Node.js one only, or a test
	 * runner loads it */
	bool el_in_node = built_el && (need_node || (runner && need >= 0 && strstr(wn, "Node.js")));
	/* A required number that is Node.js's only (72: Node.js 12; no
	 * Electron release uses it) is Node.js speaking, whatever the text
	 * says around it ("Electron" in a directory name). */
	bool electron = !el_in_node && (electron_strong_clues(c) ||
					(!need_node && (electron_clues(c) || (need >= 0 && !strstr(wn, "Node.js") && strstr(wn, "Electron")) || built_el)));
	set(c, "node-module-version-mismatch", electron ? "electron-abi-mismatch" : "abi-mismatch", "node",
	    "the addon was built for a different Node.js ABI (NODE_MODULE_VERSION)");
	if (built >= 0)
		number(c, "addon built for NODE_MODULE_VERSION", arena_printf(c->a, "%ld", built), wb);
	if (need >= 0)
		number(c, "this runtime requires NODE_MODULE_VERSION", arena_printf(c->a, "%ld", need), wn);
	c->ex->why = arena_printf(c->a,
		"ABI-specific addons (NAN / raw V8 API) only load in the runtime they were compiled for: "
		"this one was built for %s%s but is being loaded by %s (%ld). Usually node_modules was "
		"installed with another Node.js version%s.", wb, built >= 0 ? arena_printf(c->a, " (%ld)", built) : "", wn, need,
		electron ? ", or the addon was never rebuilt for Electron" : " (nvm/volta switch, upgraded Node, copied node_modules)");
	c->ex->fix = electron ? arena_printf(c->a, "npx @electron/rebuild -f -w %s", pkg_or(c, "<package>"))
			      : arena_printf(c->a, "npm rebuild %s   (with the Node.js that will run it; or delete node_modules and npm install)",
					     pkg_or(c, "<package>"));
	if (el_in_node) {
		c->ex->why = arena_printf(c->a, "The addon was built for %s (%ld), an Electron release, and is being loaded by plain %s (%ld): node_modules was rebuilt for the Electron app (electron-rebuild) and then used by Node.js itself (tests such as jest, scripts, a dev server).",
					  wb, built, wn, need);
		c->ex->fix = arena_printf(c->a, "run that code under Electron's Node (ELECTRON_RUN_AS_NODE=1 electron ...), or npm rebuild %s for Node.js before it and npx @electron/rebuild again before starting the app",
					  pkg_or(c, "<package>"));
	}
	return true;
}

static bool m_old_version_mismatch(struct ctx *c)
{
	const char *e, *p = find(c, "Module version mismatch. Expected ", &e);
	if (!p)
		return false;
	const char *after;
	long need = number_at(e, c->end, &after);
	const char *e2, *q = find_from(after, c->end, ", got ", &e2);
	long built = q ? number_at(e2, c->end, NULL) : -1;
	if (need < 0 || built < 0)
		return false;
	const char *wn = abi_words(c, need), *wb = abi_words(c, built);
	/* Only the required number tells the runtime: a module built with an
	 * Electron-only number fails the same way in Node.js, NW.js (whose
	 * 0.1x releases share those numbers) and another Electron. */
	bool nw = !electron_clues(c) && nwjs_clues(c);
	/* io.js 1.x-3.x numbers (42-45) are Electron 0.2x-0.3x ones too:
	 * io.js counts as a Node.js runtime here */
	bool electron = !nw && (electron_clues(c) || (!strstr(wn, "Node.js") && !strstr(wn, "io.js") && strstr(wn, "Electron")));
	set(c, "module-version-mismatch-old", electron ? "electron-abi-mismatch" : "abi-mismatch", "node",
	    "the addon was built for a different Node.js ABI (old Node.js wording)");
	number(c, "addon built for NODE_MODULE_VERSION", arena_printf(c->a, "%ld", built), wb);
	number(c, "this runtime requires NODE_MODULE_VERSION", arena_printf(c->a, "%ld", need), wn);
	c->ex->why = "The addon was compiled for another runtime ABI (this is the Node.js <= 6 / io.js / old NW.js and Electron form of the NODE_MODULE_VERSION check).";
	c->ex->fix = electron ? arena_printf(c->a, "npx @electron/rebuild -f -w %s", pkg_or(c, "<package>"))
		   : nw ? "rebuild the addon for NW.js with nw-gyp (nw-gyp rebuild --target=<NW.js version>)"
			: arena_printf(c->a, "npm rebuild %s   (with the Node.js that will run it)", pkg_or(c, "<package>"));
	return true;
}

static bool m_context_aware(struct ctx *c)
{
	const char *e, *p = find(c, "Loading non-context-aware native module in renderer", &e);
	if (p) {
		set(c, "electron-non-context-aware", "not-context-aware", "electron",
		    "Electron refuses a non-context-aware addon in a renderer process");
		const char *e2, *q = find_from(e, c->end, ": '", &e2);
		if (q)
			set_file(c, quoted_after(c, e2, '\''));
		c->ex->why = "The addon registers with NODE_MODULE (not context-aware). Electron renderers reuse processes and only accept context-aware or Node-API addons (electron/electron#18397).";
		c->ex->fix = "upgrade the package to a version that uses Node-API or NODE_MODULE_INIT, or load it in the main process";
		return true;
	}
	if (find(c, "Loading non context-aware native modules in the renderer process is deprecated", NULL)) {
		/* Electron 8-10's warning (app.allowRendererProcessReuse): the
		 * same addon that Electron 11+ refuses, named by no file */
		set(c, "electron-non-context-aware-deprecated", "not-context-aware", "electron",
		    "Electron warns that a non-context-aware addon is loaded in a renderer");
		c->ex->why = "An addon in a renderer registers with NODE_MODULE (not context-aware). Electron 8-10 warn about it; Electron 11+ (renderer process reuse on by default) refuse to load it (electron/electron#18397).";
		c->ex->fix = "upgrade the package to a version that uses Node-API or NODE_MODULE_INIT, or load it in the main process (find which one with ELECTRON_ENABLE_STACK_DUMPING or by requiring addons one by one)";
		return true;
	}
	if (!find(c, "Loading non context-aware native addons has been disabled", NULL))
		return false;
	set(c, "non-context-aware-disabled", "not-context-aware", "node",
	    "a non-context-aware addon under --force-context-aware");
	c->ex->why = "Node.js was started with --force-context-aware and the addon registers with the old NODE_MODULE macro.";
	c->ex->fix = "drop --force-context-aware, or use a version of the package built with Node-API / NODE_MODULE_INIT";
	return true;
}

static bool m_addons_disabled(struct ctx *c)
{
	/* ERR_DLOPEN_DISABLED is Node's code for this refusal and nothing
	 * else (lib/internal/errors.js), so a log that keeps only the code
	 * names the cause as well as the message does */
	if (!find(c, "Cannot load native addon because loading addons is disabled", NULL) && !find(c, "ERR_DLOPEN_DISABLED", NULL))
		return false;
	set(c, "addons-disabled", "addons-disabled", "node", "native addons are disabled in this Node.js process");
	c->ex->why = "Node.js runs with --no-addons (on its command line, or in NODE_OPTIONS: a container image's ENV, a CI or service setting), or with the permission model (--permission / --experimental-permission) without --allow-addons. No addon file loads then, whatever it is.";
	c->ex->fix = "remove --no-addons from the node command line or from NODE_OPTIONS (check 'echo $NODE_OPTIONS' where it fails, and the image's ENV), or add --allow-addons to the permission flags";
	return true;
}

static bool m_v8_sandbox(struct ctx *c)
{
	if (!find(c, "must be allocated inside the sandbox address space", NULL))
		return false;
	set(c, "v8-sandbox-external-buffer", "v8-sandbox", "electron",
	    "the addon wraps external memory, which Electron >= 21 (V8 memory cage) forbids");
	c->ex->why = "Electron 21+ enables the V8 sandbox: ArrayBuffers must live inside it, so NAN NewBuffer / napi_create_external_buffer on foreign memory aborts (electron/electron#35801).";
	c->ex->fix = "upgrade the package to a version that copies into V8-allocated buffers (or build with NODE_API_NO_EXTERNAL_BUFFERS_ALLOWED)";
	return true;
}

/* The file Node.js 12+ names after "did not self-register: ", quoted as
 * Node prints it ('...') or as a poster re-quoted it (`...`, "..."). */
static const char *self_register_file(struct ctx *c, const char *e)
{
	if (!match_at(e, c->end, ": "))
		return NULL;
	char qc = e + 2 < c->end ? e[2] : 0;
	if (qc != '\'' && qc != '`' && qc != '"')
		return NULL;
	return quoted_after(c, e + 3, qc);
}

/* Signs of Node.js 10 or later in a text: its internal module frames, the
 * file named in "did not self-register: '...'" (Node.js 12+), or a
 * node-pre-gyp directory for ABI 64 (Node.js 10) or newer. */
static bool modern_node_text(struct ctx *c, const char *file)
{
	if (file || has(c, "internal/modules/cjs/") || has(c, "node:internal/"))
		return true;
	const char *e, *p = find(c, "/node-v", &e);
	for (int k = 0; p && k < 64; k++, p = find_from(e, c->end, "/node-v", &e)) {
		long v = number_at(e, c->end, NULL);
		if (v >= 64 && v < 1000)
			return true;
	}
	return false;
}

static bool m_self_register(struct ctx *c)
{
	const char *e, *p = find(c, "Module did not self-register", &e);
	if (!p)
		p = find(c, "module did not self-register", &e);
	if (!p)
		return false;
	/* Which cause the text points to: Electron or NW.js as the runtime, or
	 * an old Node.js era, make "built for another runtime/ABI" the answer;
	 * with no clue the cause cannot be told from the text (the why lists
	 * them) and the file is taken as not an addon. */
	bool electron = electron_clues(c), nw = !electron && nwjs_clues(c);
	bool old = !electron && !nw && old_node_stack(c);
	/* a worker thread's load (its error event, its frames): the addon
	 * loaded a second time in the process, not context-aware */
	bool worker = !electron && !nw && (has(c, "error from worker") || has(c, "internal/worker.js") || has(c, "node:internal/worker") ||
					   has(c, "Worker.[kOnErrorMessage]") || has(c, "worker_threads") ||
					   /* test runners and pools that run code in worker threads */
					   has(c, "ava/lib/worker") || has(c, "tinypool") || has(c, "vitest/dist/worker") || has(c, "piscina/dist"));
	/* jest's module registry require()s a package afresh for each test
	 * file in the same process: a second dlopen of the same addon */
	bool jest = !electron && !nw && !worker && (has(c, "jest-runtime") || has(c, "jest-circus"));
	/* a watcher that reruns the tests in its own process (gulp watch with
	 * gulp-mocha, mocha --watch) clears the require cache and loads the
	 * addon again: the second dlopen() of the same file */
	bool rerun = !electron && !nw && !worker && !jest &&
		     (has(c, "gulp-mocha") || has(c, "mocha --watch") || has(c, "mocha -w ") || has(c, "Error in plugin 'gulp-"));
	if (rerun) {
		set(c, "module-did-not-self-register", "not-context-aware", "node",
		    "an addon that is not context-aware was loaded a second time, by a watcher rerunning the tests in one process");
		const char *rf = self_register_file(c, e);
		if (rf)
			set_file(c, rf);
		c->ex->why = "The text comes from a test watcher that reruns the tests inside its own process (gulp watch with gulp-mocha, mocha --watch): it clears require's cache and loads the package again, but the addon's file is already loaded, so an old-style addon (NODE_MODULE / NAN, not context-aware) does not register a second time and Node.js says it did not self-register. The first run passes.";
		c->ex->fix = arena_printf(c->a, "run the tests in a new process each time (mocha --watch with --parallel, or spawn mocha from the watch task instead of gulp-mocha), or use a context-aware version of %s (Node-API)",
					  pkg_or(c, "the package"));
		return true;
	}
	if (jest) {
		set(c, "module-did-not-self-register", "not-context-aware", "node",
		    "an addon that is not context-aware was loaded a second time, by jest's module registry");
		const char *jf = self_register_file(c, e);
		if (jf)
			set_file(c, jf);
		c->ex->why = "The stack runs in jest. Jest gives each test file its own module registry, so a package is require()d again in the same process; an old-style addon (NODE_MODULE / NAN, not context-aware) registers itself only the first time it is loaded, and Node.js then says it did not self-register.";
		c->ex->fix = arena_printf(c->a, "use a context-aware version of %s (Node-API), or keep jest from loading it twice: run the tests that use it in one file, or mock it; jest --runInBand does not help (the registry, not the process, repeats the load)",
					  pkg_or(c, "the package"));
		return true;
	}
	if (worker) {
		set(c, "module-did-not-self-register", "not-context-aware", "node",
		    "an addon that is not context-aware was loaded a second time, in a worker thread");
		const char *wf = self_register_file(c, e);
		if (wf)
			set_file(c, wf);
		c->ex->why = "The text comes from a worker thread. An old-style addon (NODE_MODULE / NAN, not context-aware) registers itself once per process, from a static constructor; loaded again in a Worker (or after the main thread loaded it) it does not register a second time, and Node.js says it did not self-register (nodejs/node#21481, #21783).";
		c->ex->fix = arena_printf(c->a, "use a context-aware version of %s (Node-API, or NODE_MODULE_INIT / NAN_MODULE_WORKER_ENABLED), or load the addon only in one thread (the main thread, or one worker) and pass the results by messages",
					  pkg_or(c, "the package"));
		return true;
	}
	const char *file = self_register_file(c, e);
	/* No clue to the runtime: the likeliest cause comes first, a build for
	 * another runtime or ABI, for an installed package (or when the text
	 * names no file).  A file a project built itself (outside
	 * node_modules) that registers nothing is more often not an addon at
	 * all: a misconfigured build (napi-rs without its register step, a
	 * plain shared library). */
	bool own = file && !strstr(file, "node_modules");
	/* Node.js 10+ (internal/modules/cjs, node:internal frames; 12+ names
	 * the file in the message; a node-pre-gyp node-v64+ directory): an
	 * addon built for another Node.js ABI registers with its version and
	 * gets the NODE_MODULE_VERSION message instead, so an installed
	 * package that registers nothing was loaded a second time in the
	 * process (a worker, jest's registry, a reload): node_binding.cc finds
	 * it saved without a context-aware init and says it did not
	 * self-register. */
	bool modern = !electron && !nw && !old && !own && modern_node_text(c, file);
	if (modern) {
		set(c, "module-did-not-self-register", "not-context-aware", "node",
		    "the addon did not register itself: in Node.js 10+ most often an addon that is not context-aware loaded a second time");
		if (file)
			set_file(c, file);
		c->ex->why = "dlopen() succeeded, but no addon registered itself. In Node.js 10 and later an addon built for another ABI still registers (and gets the NODE_MODULE_VERSION message), so the common causes are, most likely first: "
			     "(1) an old-style addon (NODE_MODULE / NAN, not context-aware) loaded a second time in the same process - in a worker thread, by jest's per-file module registry, after a cache reset or a renderer reload - which registers only the first time (nodejs/node#21481, #21783); "
			     "(2) the file is not a Node.js addon at all, or a build that left out its registration; "
			     "(3) a build for a much older runtime (Node.js 0.10).";
		c->ex->fix = arena_printf(c->a, "load %s once per process (in the main thread; keep it out of workers and of code jest or a hot reload re-requires, or mock it in tests), or use a context-aware version of the package (Node-API, or NODE_MODULE_INIT / NAN_MODULE_WORKER_ENABLED); if it fails on the very first load, npm rebuild %s",
					  pkg_or(c, "the addon"), pkg_or(c, "<package>"));
		return true;
	}
	set(c, "module-did-not-self-register", electron ? "electron-abi-mismatch" : nw || old || !own ? "abi-mismatch" : "not-an-addon", "node",
	    electron ? "the addon did not register itself in Electron: almost always built for Node.js or another Electron"
		     : nw ? "the addon did not register itself in NW.js: almost always built for Node.js, not this NW.js"
		     : old ? "the addon did not register itself: in Node.js of this era, almost always built for another Node.js/io.js"
		     : !own ? "the addon did not register itself: most often built for another runtime or ABI, or loaded a second time"
			   : "Node.js loaded the file but no addon registered itself");
	if (file)
		set_file(c, file);
	c->ex->why = "dlopen() succeeded, but no addon registered itself. The common causes, most likely first: "
		     "(1) the addon was built for another runtime or ABI (another Node.js version, io.js, NW.js or Electron) and its registration does not match this one; "
		     "(2) an old-style (NODE_MODULE, not context-aware) addon loaded a second time in the same process, e.g. in a worker thread, "
		     "by jest's module registry or after a cache reset (nodejs/node#21481); "
		     "(3) the file is not a Node.js addon at all (a plain shared library, a build of something else).";
	c->ex->fix = electron ? arena_printf(c->a, "npx @electron/rebuild -f -w %s; if it happens only in workers, load the addon once in the main process or use a Node-API version of the package", pkg_or(c, "<package>"))
		   : nw ? "rebuild the addon for NW.js with nw-gyp (nw-gyp rebuild --target=<NW.js version>); if it happens only after a page reload, use a context-aware (Node-API) version of the package"
		   : old ? arena_printf(c->a, "rebuild %s with the runtime that loads it (npm rebuild %s with that Node.js/io.js; nw-gyp for NW.js, @electron/rebuild for Electron); if it happens only after a reload, the addon was loaded twice", pkg_or(c, "the addon"), pkg_or(c, "<package>"))
		   : !own ? arena_printf(c->a, "rebuild %s for the runtime that loads it (npm rebuild %s under Node.js; npx @electron/rebuild in an Electron app; nw-gyp for NW.js); if it happens only in workers/tests (jest), load the addon once in the main thread or use a Node-API version of the package", pkg_or(c, "the addon"), pkg_or(c, "<package>"))
			: "check that the file is a Node.js addon (it must register with NODE_MODULE / NAPI_MODULE, or napi-rs's register step); rebuild it with the Node.js that runs it; if it happens only in workers/tests (jest), load it once in the main thread";
	return true;
}

/* Node.js 0.10 (node.cc DLOpen): after dlopen it looks up the exported
 * symbol <basename>_module and throws "Symbol <name>_module not found."
 * when it is absent: the file was renamed after the build, or it was built
 * for Node.js 0.11+/io.js, which register with a constructor instead. */
static bool m_node010_symbol(struct ctx *c)
{
	const char *e, *p = find(c, "Symbol ", &e);
	while (p) {
		const char *t = e;
		while (t < c->end && (isalnum((unsigned char)*t) || *t == '_') && t - e < 256)
			t++;
		if (t - e > 7 && !memcmp(t - 7, "_module", 7) && match_at(t, c->end, " not found"))
			break;
		p = find_from(e, c->end, "Symbol ", &e);
	}
	if (!p)
		return false;
	/* In the public threads the usual cause is the addon's own build: the
	 * name given to NODE_MODULE(name, init) differs from binding.gyp's
	 * target_name (the file name), so the symbol has another name. */
	set(c, "node010-symbol-module-not-found", "not-an-addon", "node", "Node.js 0.10 found no <name>_module symbol in the addon: its registration name does not match the file");
	c->ex->why = "Node.js 0.10 looks for an exported <file name>_module symbol. It is missing when the name in the addon's NODE_MODULE(name, init) differs from its file name (binding.gyp target_name, or a .node file renamed after the build), or, less often, when the addon was built for a newer Node.js (0.11+, io.js), which registers differently.";
	c->ex->fix = "make NODE_MODULE's first argument equal binding.gyp's target_name (and keep the .node file's original name), then rebuild; if it was built for a newer Node.js, rebuild it with this one (npm rebuild)";
	return true;
}

static bool m_no_entry(struct ctx *c)
{
	if (!find(c, "Module has no declared entry point", NULL))
		return false;
	set(c, "module-has-no-entry-point", "not-an-addon", "node", "the addon registered a module without an init function");
	c->ex->why = "The addon's node_module struct has neither nm_register_func nor nm_context_register_func: a broken or hand-rolled registration.";
	c->ex->fix = arena_printf(c->a, "npm rebuild %s, or report it to the package's maintainers", pkg_or(c, "<package>"));
	return true;
}

/* ---- glibc dlerror() texts (loader-facts.md 5.2, 5.3, 5.4, 5.5) ---------- */

static bool m_exec_stack(struct ctx *c)
{
	const char *p = find(c, "cannot enable executable stack as shared object requires", NULL);
	if (!p) /* glibc's zh_CN translation (gettext), as printed in a public NapCatQQ log */
		p = find(c, "\xe6\x97\xa0\xe6\xb3\x95\xe5\x90\xaf\xe7\x94\xa8\xe5\x85\xb1\xe4\xba\xab\xe7\x9b\xae\xe6\xa0\x87\xe9\x9c\x80\xe8\xa6\x81\xe7\x9a\x84\xe5\x8f\xaf\xe6\x89\xa7\xe8\xa1\x8c\xe6\xa0\x88", NULL);
	if (!p)
		return false;
	set(c, "glibc-execstack", "exec-stack", "glibc", "glibc refuses an addon that asks for an executable stack");
	set_file(c, path_before(c, p));
	c->ex->why = "The file's PT_GNU_STACK asks for an executable stack (or it has none). glibc 2.41+ refuses such objects in dlopen (\"Invalid argument\"); older glibc made the stack executable, or failed under SELinux.";
	c->ex->fix = "clear the flag (patchelf --clear-execstack FILE, or execstack -c FILE) and ask upstream to link with -z noexecstack; stopgap: GLIBC_TUNABLES=glibc.rtld.execstack=2";
	return true;
}

/* musl: an addon compiled with the initial-exec TLS model for a variable
 * that lives in a dynamically loaded library ("Error relocating X: sym:
 * initial-exec TLS resolves to dynamic definition in LIB"); musl has no
 * static TLS reserve for objects loaded after startup. */
static bool musl_ie_tls(struct ctx *c)
{
	const char *e, *p = find(c, ": initial-exec TLS resolves to dynamic definition in ", &e);
	if (!p)
		return false;
	set(c, "musl-initial-exec-tls", "static-tls", "musl", "the addon uses initial-exec TLS for a variable of a dynamically loaded library (musl)");
	const char *e2, *r = find(c, "Error relocating ", &e2);
	if (r && r < p) {
		const char *colon = find_from(e2, p, ": ", NULL);
		set_file(c, dup_range(c, e2, colon ? colon : p));
	}
	c->ex->library = dup_range(c, e, line_end(c, e));
	c->ex->why = "The addon (or a library it loads) reaches a thread-local variable with the initial-exec TLS model, which assumes the variable is in the static TLS block set up at program start; it is defined in a library loaded later with dlopen(), and musl has no static TLS reserve for such objects (glibc keeps a small one).";
	c->ex->fix = arena_printf(c->a, "rebuild %s so it uses the global-dynamic TLS model (-ftls-model=global-dynamic, -fPIC without -ftls-model=initial-exec), or use a build made for musl",
				  pkg_or(c, "the addon"));
	return true;
}

static bool m_static_tls(struct ctx *c)
{
	if (musl_ie_tls(c))
		return true;
	const char *p = find(c, "cannot allocate memory in static TLS block", NULL);
	if (!p)
		return false;
	set(c, "glibc-static-tls", "static-tls", "glibc", "the addon needs more static TLS than the process has left");
	set_file(c, path_before(c, p));
	c->ex->why = "Libraries using initial-exec TLS must fit in the static TLS reserve, which is fixed at startup; loading many of them late (dlopen) exhausts it (napi-rs/napi-rs#1060).";
	c->ex->fix = "preload the library (LD_PRELOAD=...) or raise the reserve: GLIBC_TUNABLES=glibc.rtld.optional_static_tls=16384";
	return true;
}

/* glibc's _dl_map_segments: mmap of a PT_LOAD segment with PROT_EXEC
 * failed.  EPERM ("Operation not permitted") is the kernel refusing
 * executable mappings of a file on a noexec mount (/tmp, a "users" or
 * "user" fstab entry, a container volume); old glibc printed no errno.
 * Other errnos (ENOMEM) are not this cause and are left unrecognised. */
static bool m_noexec(struct ctx *c)
{
	const char *e, *p = find(c, "failed to map segment from shared object", &e);
	if (!p)
		return false;
	const char *le = line_end(c, e), *q = e;
	while (q < le && (*q == ':' || *q == ' '))
		q++;
	if (q < le && !match_at(q, le, "Operation not permitted") && !match_at(q, le, "Permission denied") && *q != '`' && *q != '\'' && *q != '"')
		return false;
	set(c, "glibc-map-segment-eperm", "noexec-mount", "glibc", "the kernel refused to map the addon's code: the file is on a noexec mount");
	set_file(c, path_before(c, p));
	bool tmp = c->ex->file && (!strncmp(c->ex->file, "/tmp/", 5) || strstr(c->ex->file, "/.org.chromium."));
	c->ex->why = arena_printf(c->a, "glibc could not mmap the file's code segment executable (EPERM). The kernel refuses executable mappings of files on a filesystem mounted noexec%s; the file itself is fine.",
				  tmp ? " (here a temporary file: Electron copies an addon packed inside app.asar to the temp directory before loading it, and /tmp is mounted noexec)" : " (/tmp, /home with the fstab option \"user\" or \"users\", which imply noexec, some container volumes)");
	c->ex->fix = tmp ? "unpack the addon from the asar (electron-builder asarUnpack / @electron/packager --asar.unpack=*.node) so it loads in place, or point TMPDIR at a filesystem mounted with exec"
			 : "move the project to a filesystem mounted with exec, or remount it with exec (mount -o remount,exec <mountpoint>; in /etc/fstab put exec after user/users); check with 'findmnt -T <file>'";
	return true;
}

static bool m_page_align(struct ctx *c)
{
	const char *p = find(c, "ELF load command address/offset not page-aligned", NULL);
	if (!p)
		p = find(c, "ELF load command address/offset not properly aligned", NULL);
	if (!p)
		p = find(c, "ELF load command alignment not page-aligned", NULL);
	if (!p)
		return false;
	set(c, "glibc-page-alignment", "page-alignment", "glibc", "the file's segments are aligned for a smaller page size than this kernel uses");
	set_file(c, path_before(c, p));
	c->ex->why = "Typical on arm64 kernels with 16K or 64K pages: the binary was linked for 4K pages.";
	c->ex->fix = "rebuild with -Wl,-z,max-page-size=65536 (or install a build made for this page size)";
	return true;
}

static const char *distro_phrase(struct ctx *c, const char *ver)
{
	const char *d = glibc_distros(c->a, ver);
	return d ? d : "";
}

/* One "<provider>: version `V' not found (required by <requirer>)" line. */
struct vline {
	const char *ver, *provider, *requirer;
};

/* The provider is the last ": "-separated field before the match, so a
 * line that starts with the program ("/usr/bin/node: /lib64/libc.so.6:
 * version ...") names only the library. */
static const char *provider_before(struct ctx *c, const char *p)
{
	/* bounded walk back (not to the line start: a 4 MiB line of version
	 * lines would make that quadratic) */
	const char *ls = p - c->t > 4096 ? p - 4096 : c->t, *s = p;
	while (s > ls && s[-1] != '\n' && !(s[-1] == ' ' && s - 1 > ls && s[-2] == ':'))
		s--;
	const char *e = p;
	while (s < e && strchr(" '\"`([", *s))
		s++;
	while (e > s && strchr(" '\"`", e[-1]))
		e--;
	return dup_range(c, s, e);
}

static const char *version_line(struct ctx *c, const char *from, struct vline *v)
{
	for (;;) {
		const char *e, *p = find_from(from, c->end, " version ", &e);
		if (!p)
			return NULL;
		from = e;
		/* glibc writes "<lib>: version `V' not found"; a retyped title
		 * may drop the colon: then the word before must be a library */
		if (p > c->t && p[-1] == ':')
			p--;
		else {
			const char *w = p;
			while (w > c->t && !is_blank(w[-1]) && p - w < 4096)
				w--;
			if (!find_from(w, p, ".so", NULL))
				continue;
		}
		/* quotes as pasted: `V' (glibc), 'V', `V`, and typographic ones
		 * (made plain by clean.c) */
		/* unquoted (a log that dropped the quotes): only the names glibc's
		 * versions have, so "version 2 not found" stays unrecognised */
		bool bare = e < c->end && (!strncmp(e, "GLIBC", 5) || !strncmp(e, "CXXABI_", 7));
		if (e >= c->end || (*e != '`' && *e != '\'' && !bare))
			continue;
		const char *q = bare ? e : e + 1, *qe = q;
		while (qe < c->end && (isalnum((unsigned char)*qe) || *qe == '_' || *qe == '.') && qe - q < 64)
			qe++;
		if (!bare && (qe >= c->end || (*qe != '\'' && *qe != '`')))
			continue;
		if (qe == q)
			continue;
		const char *e2;
		if (!match_at(bare ? qe : qe + 1, c->end, " not found"))
			continue;
		v->ver = arena_strndup(c->a, q, (size_t)(qe - q));
		v->provider = provider_before(c, p);
		const char *le = qe;
		while (le < c->end && *le != '\n' && le - qe < 4096)
			le++;
		const char *r = find_from(qe, le, "(required by ", &e2);
		v->requirer = r ? quoted_after(c, e2, ')') : NULL;
		return qe;
	}
}

static int vfamily(const char *ver)
{
	return !strncmp(ver, "GLIBC_", 6) && isdigit((unsigned char)ver[6]) ? 1 : !strncmp(ver, "GLIBCXX_", 8) ? 2 : !strncmp(ver, "CXXABI_", 7) ? 3 : 0;
}

static bool m_version_not_found(struct ctx *c)
{
	/* Every missing version in the text; per family the highest decides
	 * (glibc reports the first it meets, not the one the system lacks
	 * most: Node 18 on Amazon Linux 2 prints GLIBC_2.27 and GLIBC_2.28). */
	struct vline best[4] = { { 0 } }, first = { 0 }, v;
	int lines = 0;
	for (const char *from = c->t; lines < 10000 && (from = version_line(c, from, &v)) != NULL; lines++) {
		if (!lines)
			first = v;
		int f = vfamily(v.ver);
		if (!best[f].ver || abi_version_cmp(strchr(v.ver, '_') ? strchr(v.ver, '_') + 1 : v.ver,
						    strchr(best[f].ver, '_') ? strchr(best[f].ver, '_') + 1 : best[f].ver) > 0)
			best[f] = v;
	}
	if (!lines) {
		/* a paste cut before "version": "GLIBC_2.15' not found (required
		 * by X)"; only glibc's own version names count */
		const char *e, *p = find(c, " not found (required by ", &e);
		if (!p || p == c->t || (p[-1] != '\'' && p[-1] != '`'))
			return false;
		const char *q = p - 1, *ve = q;
		while (q > c->t && (isalnum((unsigned char)q[-1]) || q[-1] == '_' || q[-1] == '.') && ve - q < 64)
			q--;
		const char *ver = ve > q ? arena_strndup(c->a, q, (size_t)(ve - q)) : NULL;
		int f = ver ? vfamily(ver) : 0;
		if (!f)
			return false;
		best[f].ver = ver;
		best[f].requirer = quoted_after(c, e, ')');
		first = best[f];
	}
	const struct vline *m = best[1].ver ? &best[1] : best[2].ver ? &best[2] : best[3].ver ? &best[3] : &first;
	bool runtime = is_node_binary(m->requirer);
	set_file(c, m->requirer);
	c->ex->library = m->provider;
	const char *ver = m->ver;
	if (best[1].ver) {
		set(c, "glibc-version-not-found", "glibc-too-old", "glibc",
		    runtime ? "node itself needs a newer glibc than this system has" : "the addon needs a newer glibc than this system has");
		number(c, runtime ? "glibc symbol version node needs" : "glibc symbol version the addon needs", ver, distro_phrase(c, ver + 6));
	} else if (best[2].ver || best[3].ver) {
		set(c, "libstdcxx-version-not-found", "libstdcxx-too-old", "glibc",
		    runtime ? "node itself needs a newer libstdc++ than the one loaded" : "the addon needs a newer libstdc++ than the one loaded");
	} else {
		set(c, "library-version-not-found", "missing-library", "glibc", "a library the addon needs is too old");
		number(c, "symbol version the addon needs", ver, NULL);
	}
	for (int f = 2; f <= 3; f++)
		if (best[f].ver)
			number(c, runtime ? "libstdc++ symbol version node needs" : "libstdc++ symbol version the addon needs", best[f].ver,
			       glibcxx_meaning(c->a, best[f].ver));
	if (runtime) {
		c->ex->subject = "runtime";
		c->ex->package = NULL;
		const char *need = best[1].ver ? best[1].ver : best[2].ver ? best[2].ver : best[3].ver;
		c->ex->why = arena_printf(c->a,
			"The failing binary is node itself (%s), not an addon: this Node.js build was linked against %s, which this system's %s lacks. "
			"No npm rebuild can help, the process never gets to load an addon. Official Node.js 18 and later Linux builds need glibc 2.28 "
			"and GLIBCXX_3.4.21; Node.js 16 and older need glibc 2.17.", m->requirer, need, best[1].ver ? "glibc" : "libstdc++");
		c->ex->fix = best[1].ver && abi_version_cmp(best[1].ver + 6, "2.28") <= 0
			? "run a Node.js build made for this system: Node.js 16 (official builds need glibc 2.17), the unofficial glibc-2.17 builds of newer majors (unofficial-builds.nodejs.org, linux-x64-glibc-217), or the distribution's own nodejs package; or move to a newer OS (glibc 2.28+: RHEL/Rocky 8, Debian 10, Ubuntu 20.04, Amazon Linux 2023)"
			: "run a Node.js build made for this system (an older Node.js major, or the distribution's own nodejs package), or move to a newer OS that has this version";
		return true;
	}
	if (best[1].ver) {
		c->ex->why = arena_printf(c->a,
			"The addon (or a library it loads) was linked against glibc %s or newer; this system's glibc is older. "
			"Prebuilt binaries are built on one distribution and fail on older ones (CentOS 7, Amazon Linux 2, old Debian/Ubuntu).%s",
			ver + 6, best[2].ver || best[3].ver ? " It also needs a newer libstdc++ (see the numbers)." : "");
		c->ex->fix = arena_printf(c->a, "build from source on this system (npm rebuild %s --build-from-source), "
					  "use an older package version whose prebuilds target an older glibc, or run on a newer distribution",
					  pkg_or(c, "<package>"));
	} else if (best[2].ver || best[3].ver) {
		c->ex->why = "The addon was compiled with a newer GCC than the one that provided this system's libstdc++.so.6. "
			     "Note: the libstdc++ that counts is the one already loaded into the process (node or Electron loaded it first).";
		c->ex->fix = arena_printf(c->a, "build from source here (npm rebuild %s --build-from-source), install a newer libstdc++ "
					  "(e.g. a newer libstdc++6 / gcc-toolset runtime), or use a newer distribution",
					  pkg_or(c, "<package>"));
	} else {
		c->ex->why = arena_printf(c->a, "The library %s was found but does not define version %s: it is older than the one the addon was built against.",
					  m->provider ? m->provider : "named", ver);
		c->ex->fix = "install the newer library version, or rebuild the addon against the installed one";
	}
	return true;
}

/* Is `name` one of the names musl's libc.so exports (data/musl-libc-symbols.tsv)? */
/* NAME is a line of an embedded one-name-per-line list (# comments). */
static bool in_name_list(const char *list, size_t len, const char *name)
{
	size_t n = strlen(name);
	const char *p = list, *end = list + len;
	while (p < end) {
		const char *eol = memchr(p, '\n', (size_t)(end - p));
		if (!eol)
			eol = end;
		if ((size_t)(eol - p) == n && !memcmp(p, name, n))
			return true;
		p = eol + 1;
	}
	return false;
}

static bool musl_has(const char *name)
{
	return in_name_list(data_musl_libc_symbols_tsv, data_musl_libc_symbols_tsv_len, name);
}

/*
 * glibc symbols that only a glibc-built object asks for (musl lacks them).
 * Two kinds: 1 = made by the compiler or glibc's headers (fortify
 * __*_chk, __isoc99_*, __strtod_internal, fcntl64 from _FILE_OFFSET_BITS):
 * a build from source on musl does not ask for them; 2 = a glibc API the
 * source itself calls (backtrace, gnu_get_libc_version, mallinfo, error,
 * argp_*): rebuilding from source on musl fails or gives the same import.
 * 0 = not glibc-only.  Beyond the patterns, any name glibc exports and
 * musl does not (data/glibc-only-symbols.tsv) is glibc-only: reserved
 * names (a leading underscore) are header by-products, the rest APIs.
 */
static int glibc_only_symbol(const char *s)
{
	if (musl_has(s))
		return 0;
	static const char *const api[] = { "backtrace", "backtrace_symbols", "backtrace_symbols_fd", "gnu_get_libc_version",
					   "gnu_get_libc_release", "mallinfo", "mallinfo2", "malloc_trim", "malloc_stats",
					   "error", "error_at_line", "obstack_free", "__obstack_vprintf_chk",
					   /* ucontext: declared by musl's headers, not implemented */
					   "getcontext", "setcontext", "makecontext", "swapcontext" };
	for (size_t i = 0; i < sizeof api / sizeof api[0]; i++)
		if (!strcmp(s, api[i]))
			return 2;
	if (!strncmp(s, "gnu_", 4) || !strncmp(s, "obstack_", 8) || !strncmp(s, "_obstack_", 9))
		return 2;
	if (!strncmp(s, "__", 2) && (strstr(s, "_chk") || !strncmp(s, "__libc_", 7) || !strcmp(s, "__register_atfork") ||
				     !strncmp(s, "__isoc", 6)))
		return 1;
	if (!strcmp(s, "fcntl64") || !strcmp(s, "__xpg_basename"))
		return 1;
	if (in_name_list(data_glibc_only_symbols_tsv, data_glibc_only_symbols_tsv_len, s))
		return s[0] == '_' ? 1 : 2;
	return 0;
}

static void explain_symbol(struct ctx *c, const char *sym)
{
	c->ex->symbol = sym;
	if (sym && !strncmp(sym, "_Z", 2)) {
		char buf[1024];
		c->ex->demangled = demangle(sym, buf, sizeof buf) ? arena_strdup(c->a, buf) : "a mangled C++ name (outside the demangler's subset)";
	}
}

static const char *symbol_story(struct ctx *c, const char *sym)
{
	if (!sym)
		return "";
	int lvl = napi_function_level(sym);
	if (lvl > 0)
		return arena_printf(c->a, " %s is a Node-API function added in Node-API %d: the running Node.js is older than the one the addon was built for (see 'addon-doctor abi').", sym, lvl);
	if (lvl == 0)
		return arena_printf(c->a, " %s is an experimental Node-API function: this Node.js does not export it.", sym);
	const char *d = c->ex->demangled ? c->ex->demangled : "";
	if (!strncmp(d, "v8::", 4) || !strncmp(d, "node::", 6) || strstr(sym, "2v8") || strstr(sym, "4node"))
		return " It is a V8/Node.js C++ API symbol: the addon was built against another Node.js or Electron version (V8's C++ API is not stable).";
	if (!strncmp(d, "std::", 5) || strstr(sym, "St7__cxx11") || strstr(sym, "NSt"))
		return " It is a C++ standard library symbol: the addon was built with a different libstdc++ / C++ ABI than the one loaded.";
	return "";
}

/* ---- Bun and Deno (altsteps.c; texts of real bun 1.1/1.4 and deno 2.7/2.9 runs) ---- */

/* "bun" / "deno" when the program ld.so names before "symbol lookup
 * error" (its path's last segment) is one of them, else NULL. */
static const char *alt_program(struct ctx *c, const char *at)
{
	const char *ls = line_start(c, at), *q = at;
	while (q > ls && (q[-1] == ' ' || q[-1] == ':'))
		q--;
	const char *b = q;
	while (b > ls && b[-1] != '/' && b[-1] != '\\' && !is_blank(b[-1]) && b[-1] != '`')
		b--;
	if (q - b == 3 && !memcmp(b, "bun", 3))
		return "bun";
	if (q - b == 4 && !memcmp(b, "deno", 4))
		return "deno";
	if (q - b == 7 && !memcmp(b, "bun.exe", 7))
		return "bun";
	return NULL;
}

/* Symbols only Node's own ABI provides to NAN / raw-V8 addons: the legacy
 * registration (node_module_register) and node_register_module_v<N>. */
static bool legacy_abi_symbol(const char *sym)
{
	return sym && (!strcmp(sym, "node_module_register") || !strncmp(sym, "node_register_module_v", 22));
}

static void needs_node_api(struct ctx *c, const char *alt)
{
	bool bun = !strcmp(alt, "bun");
	c->ex->why = arena_printf(c->a,
		"%s loads Node-API addons (napi_register_module_v1). This one was built against Node.js's own ABI "
		"(NODE_MODULE / NAN / V8 C++ API: it registers with node_module_register or exports node_register_module_v<N>), "
		"which %s%s. No rebuild of the same source helps.",
		bun ? "Bun" : "Deno", bun ? "Bun implements only in part and only at its own NODE_MODULE_VERSION" : "Deno does not implement",
		bun ? "" : " (Deno 2.8+ says so; older releases die in ld.so or report no Node-API module)");
	c->ex->fix = arena_printf(c->a, "run it under Node.js, or use a version of %s (or an alternative package) built with Node-API (N-API)",
				  pkg_or(c, "the package"));
}

/* node_module_register exists in every Node.js since 0.11: an addon that
 * cannot find it in a node process was built for a newer Node.js than the
 * one running it (Node 0.10 or older, often an old binary first on PATH). */
static bool old_node_stack(struct ctx *c);

static void old_node_register(struct ctx *c, const char *sym)
{
	/* Node.js 0.10 shows in its stack (lib/module.js); without it the
	 * process is far more likely Bun or Deno, whose missing
	 * node_module_register is the NAN / V8 addon they cannot load (Bun
	 * before 1.1.x, Deno before 2.x said nothing else) */
	/* Node.js throws "Error: <path>: undefined symbol: ..." at a line's
	 * start; Bun and Deno print "error: ..." (and dyld's own abort names
	 * no runtime) */
	bool node_error = false;
	{
		const char *e, *p = find(c, "Error: ", &e);
		for (int k = 0; p && k < 64 && !node_error; k++, p = find_from(e, c->end, "Error: ", &e)) {
			const char *q = p;
			while (q > c->t && (q[-1] == ' ' || q[-1] == '\t'))
				q--;
			node_error = q == c->t || q[-1] == '\n';
		}
	}
	if (!old_node_stack(c) && !node_error) {
		c->ex->cause = "needs-node-api";
		c->ex->title = "the addon registers the way only Node.js provides: a NAN / V8 addon in a runtime that loads Node-API ones";
		c->ex->why = arena_printf(c->a,
			"%s is how addons built with NAN or the V8 API (not Node-API) register; every Node.js since 0.11 exports it, and Bun and Deno (older releases; later ones say so in their own words) do not. "
			"The stack is not Node.js 0.10's, so the runtime is most likely Bun or Deno: no rebuild of the same source helps. (Under a Node.js 0.10 binary first on PATH the same text means the addon is newer than that node.)", sym);
		c->ex->fix = arena_printf(c->a, "run it under Node.js, or use a version of %s (or an alternative package) built with Node-API (N-API)", pkg_or(c, "the package"));
		return;
	}
	c->ex->cause = "abi-mismatch";
	c->ex->title = "the addon was built for a newer Node.js than the one running it";
	c->ex->why = arena_printf(c->a,
		"%s is how addons built for Node.js 0.11 and later register themselves; every Node.js since 0.11 exports it. "
		"The process that loaded this addon does not: it is Node.js 0.10 or older (typically an old node binary found "
		"first on PATH), or another runtime that does not implement Node's addon ABI (Bun, Deno).", sym);
	c->ex->fix = arena_printf(c->a, "run it with the Node.js it was installed with (check 'which -a node' and 'node -v'; remove the old binary), or npm rebuild %s with the node that runs it",
				  pkg_or(c, "<package>"));
}

/* Bun's and Deno's "Module did not self-register": nothing registered a
 * Node-API module.  The causes, most likely first. */
static void no_napi_module(struct ctx *c, const char *rt, const char *twice)
{
	c->ex->why = arena_printf(c->a,
		"dlopen() succeeded but no Node-API module registered (no napi_register_module_v1, no napi_module_register call). "
		"The common causes, most likely first: (1) a Node-API addon loaded a second time in the same process (%s): %s does not run its registration again; "
		"(2) an addon built against Node.js's own ABI (NODE_MODULE / NAN / V8: it exports node_register_module_v<N>), which %s never looks up: it loads Node-API addons only; "
		"(3) a file that is not an addon at all.", twice, rt, rt);
	c->ex->fix = arena_printf(c->a, "if it fails only on reload or in a Worker, load the addon once (outside hot-reloaded code, or in the main thread); otherwise use a Node-API build of %s, or run it under Node.js",
				  pkg_or(c, "the package"));
}

/* Bun's crash handler ("Crashed while loading native module: FILE") and
 * dyld's abort for a call through a symbol that was missing at load time
 * ("dyld[pid]: missing symbol called", macOS 12+ with chained fixups).
 * Under Bun both are, in the public threads, an addon using V8's or
 * Node.js's C++ API, which Bun implements only in part; under Node.js the
 * dyld text is a lazily bound function nobody exports. */
static bool m_crash_on_call(struct ctx *c)
{
	const char *e, *p = find(c, "Crashed while loading native module: ", &e);
	bool bun = has(c, "Bun has crashed") || has(c, "bun run") || has(c, "bun ") || has(c, "/bun") || has(c, "oh no: Bun");
	if (p) {
		set(c, "bun-crash-loading-addon", "needs-node-api", "bun", "Bun crashed while loading the addon: an addon built against Node.js's C++ API (V8 / NAN), which Bun implements only in part");
		set_file(c, dup_range(c, e, line_end(c, e)));
		c->ex->why = "Bun's crash handler reports that the process died inside a native module's load. Bun loads Node-API addons; an addon built against V8's C++ API or NAN (better-sqlite3, for instance) calls functions Bun does not implement or implements differently, and crashes there (oven-sh/bun#4290 tracks V8 API support). A Bun bug in its Node-API is the other, rarer reading: then the same addon loads under Node.js and a Bun upgrade may help.";
		c->ex->fix = arena_printf(c->a, "run it under Node.js, or use a Node-API package instead of %s (for SQLite under Bun: bun:sqlite); try the newest Bun if the addon is a Node-API one", pkg_or(c, "this one"));
		return true;
	}
	if (!(p = find(c, ": missing symbol called", &e)) || !match_at(line_start(c, p), c->end, "dyld"))
		return false;
	if (bun) {
		set(c, "dyld-missing-symbol-called", "needs-node-api", "bun", "under Bun, the addon called a function Bun does not export: it is built against Node.js's C++ API (V8 / NAN)");
		c->ex->why = "dyld aborted the process when code called a symbol that was left unbound at load time (\"missing symbol called\"). Under Bun this is an addon built against V8's C++ API or NAN, which Bun implements only in part (oven-sh/bun#4290): a function it calls is not in Bun. No rebuild of the same source helps.";
		c->ex->fix = "run it under Node.js, or use a Node-API version of the package (for SQLite under Bun: bun:sqlite)";
		return true;
	}
	set(c, "dyld-missing-symbol-called", "lazy-undefined-symbol", "dyld", "the addon loaded, then the process died calling a function nobody defines");
	c->ex->why = "dyld aborted the process when code called a symbol that no loaded image defined (\"missing symbol called\": it was left unbound at load time, as addons linked with -undefined dynamic_lookup allow). The addon was built against another runtime's exports (another Node.js or Electron, a Node-API function this one lacks) or against a library that is not loaded.";
	c->ex->fix = "rebuild the addon against the runtime that runs it (npm rebuild <package>), or upgrade Node.js if the missing function is a Node-API one (run with DYLD_PRINT_BINDINGS=1, or 'addon-doctor deps FILE', to see which)";
	return true;
}

static bool m_alt_runtime(struct ctx *c)
{
	const char *e, *p;
	/* Bun >= 1.1.38: a NODE_MODULE addon whose nm_version is not Bun's */
	if ((p = find(c, "was compiled against a different Node.js ABI version using NODE_MODULE_VERSION", &e))) {
		const char *after;
		long built = number_at(e, c->end, &after);
		const char *e2, *q = find_from(after, c->end, "This version of Bun requires NODE_MODULE_VERSION", &e2);
		if (built < 0 || !q)
			return false;
		long need = number_at(e2, c->end, NULL);
		set(c, "bun-module-version-mismatch", "abi-mismatch", "bun",
		    "a NAN / V8 addon built for another NODE_MODULE_VERSION than Bun's");
		const char *e3, *m = find(c, "The module '", &e3);
		if (m && m < p)
			number(c, "module name", quoted_after(c, e3, '\''), NULL);
		number(c, "addon built for NODE_MODULE_VERSION", arena_printf(c->a, "%ld", built), abi_words(c, built));
		if (need >= 0)
			number(c, "this Bun requires NODE_MODULE_VERSION", arena_printf(c->a, "%ld", need), "Bun's own number");
		c->ex->why = "Bun loads NODE_MODULE (NAN / V8 API) addons only when they were built for its own NODE_MODULE_VERSION, and implements V8's C++ API only in part; Node-API addons load whatever their build.";
		c->ex->fix = arena_printf(c->a, "use a Node-API build of %s (most packages ship one), or run it under the Node.js it was built for",
					  pkg_or(c, "the package"));
		return true;
	}
	/* Bun: no napi_register_module_v1 and no constructor registered */
	if ((p = find(c, "symbol 'napi_register_module_v1' not found in native module", &e))) {
		set(c, "bun-no-napi-module", "not-an-addon", "bun", "Bun loaded the file but found no Node-API module in it");
		no_napi_module(c, "Bun", "bun --hot reloading it, a Worker requiring it again");
		return true;
	}
	/* Deno: the same, and Deno 2.8+'s refusal of NODE_MODULE addons */
	if ((p = find(c, "Unable to find register Node-API module at ", &e)) ||
	    (p = find(c, "Cannot load native addon at ", &e))) {
		bool legacy = find(c, "legacy Node.js native addon API", NULL) != NULL;
		if (legacy)
			set(c, "deno-legacy-addon", "needs-node-api", "deno", "Deno loads Node-API addons only, and this is a NAN / V8 one");
		else
			set(c, "deno-no-napi-module", "not-an-addon", "deno", "Deno loaded the file but found no Node-API module in it");
		const char *f = e, *fe = f;
		while (fe < line_end(c, f) && !(fe[0] == ':' && fe + 1 < c->end && fe[1] == ' '))
			fe++;
		set_file(c, dup_range(c, f, fe));
		if (legacy)
			needs_node_api(c, "deno");
		else
			no_napi_module(c, "Deno", "a Worker requiring it again");
		return true;
	}
	return false;
}

/*
 * An undefined libuv function (uv_default_loop, uv_async_init) in a text
 * that names no runtime: every Node.js build exports libuv to addons
 * (official builds link it in; distribution builds load the system
 * libuv.so.1, which defines all of them), Electron too.  So the process
 * is another runtime: Bun, which implements libuv only in part.  A
 * rebuild of the same source does not help.
 */
static void libuv_missing(struct ctx *c, const char *sym, const char *when, bool at_load)
{
	/* at load time the addon cannot be used at all: a runtime question;
	 * bound lazily it loaded and died at the call (the corpus's
	 * lazy-undefined-symbol, as for Bun named) */
	if (at_load) {
		c->ex->cause = "needs-node-api";
		c->ex->title = "the runtime does not provide a libuv function the addon calls";
	}
	c->ex->why = arena_printf(c->a, "The addon calls libuv's %s directly. Every Node.js (and Electron) exports libuv's "
				  "functions to addons, so the process that loaded it is another runtime: Bun implements Node-API "
				  "but libuv only in part; %s.", sym, when);
	c->ex->fix = arena_printf(c->a, "run it under Node.js, or use a version of %s that does not call libuv directly; no rebuild helps",
				  pkg_or(c, "the package"));
}

static bool m_lazy_symbol(struct ctx *c)
{
	const char *e, *p = find(c, "symbol lookup error: ", &e);
	if (!p)
		return false;
	const char *e2, *q = find_from(e, c->end, ": undefined symbol: ", &e2);
	if (!q)
		return false;
	const char *sym = token_at(c, e2);
	const char *alt = alt_program(c, p);
	bool v8api = sym && (!strncmp(sym, "_ZN2v8", 6) || !strncmp(sym, "_ZNK2v8", 7) || !strncmp(sym, "_ZN4node", 8) || !strncmp(sym, "_ZNK4node", 9));
	if (alt && (legacy_abi_symbol(sym) || v8api)) {
		set(c, "alt-runtime-legacy-addon", "needs-node-api", alt,
		    arena_printf(c->a, "a Node.js-ABI (NAN / V8) addon in %s, which loads Node-API addons only", alt));
		set_file(c, dup_range(c, e, q));
		explain_symbol(c, sym);
		number(c, "undefined symbol", sym, c->ex->demangled);
		needs_node_api(c, alt);
		return true;
	}
	set(c, "glibc-symbol-lookup-error", "lazy-undefined-symbol", "glibc",
	    "the addon loaded, then the process died calling a function nobody defines");
	set_file(c, dup_range(c, e, q));
	explain_symbol(c, sym);
	number(c, "undefined symbol", sym, c->ex->demangled);
	if (c->ex->file && is_node_binary(c->ex->file)) {
		/* "/usr/bin/nodejs: symbol lookup error: /usr/bin/nodejs: ..."
		 * is node's own call: a distribution build links V8, libuv,
		 * OpenSSL, ICU as shared libraries, and another version of one
		 * of them was found first */
		c->ex->subject = "runtime";
		c->ex->package = NULL;
		c->ex->title = "Node.js itself called a function its own shared libraries do not have";
		c->ex->why = arena_printf(c->a, "The object that misses %s is the node program itself, not an addon: no npm rebuild helps. A Node.js built against shared libraries (Debian's and other distributions' nodejs: libnode, libv8, libuv, libssl, libicu) found another version of one of them first - a self-built copy in /usr/local/lib or /usr/lib, or a directory on LD_LIBRARY_PATH - which lacks that function.",
					  c->ex->demangled && strncmp(c->ex->demangled, "a mangled", 9) ? c->ex->demangled : sym ? sym : "a symbol");
		c->ex->fix = arena_printf(c->a, "see which copy node loads (ldd %s), then remove or move the other library out of the loader's path (unset LD_LIBRARY_PATH; sudo ldconfig after moving it) or reinstall the nodejs package with its matching libraries", c->ex->file);
		return true;
	}
	if (legacy_abi_symbol(sym)) {
		old_node_register(c, sym);
		return true;
	}
	if (alt && sym && !strncmp(sym, "uv_", 3)) {
		c->ex->origin = alt;
		c->ex->why = arena_printf(c->a, "The addon calls libuv's %s directly (Node.js exports libuv to addons); %s implements Node-API but does not export that libuv function, so the process dies at the first call (ld.so exits with status 127).",
					  sym, !strcmp(alt, "bun") ? "Bun" : "Deno");
		c->ex->fix = arena_printf(c->a, "run it under Node.js, or use a version of %s that does not call libuv directly; no rebuild helps", pkg_or(c, "the package"));
		return true;
	}
	if (sym && !strncmp(sym, "uv_", 3)) {
		libuv_missing(c, sym, "the process dies at its first call (ld.so exits with status 127)", false);
		return true;
	}
	c->ex->why = arena_printf(c->a,
		"Node.js loads addons with RTLD_LAZY, so a missing function is only looked up at its first call; "
		"ld.so then prints this and exits the process with status 127.%s", symbol_story(c, sym));
	c->ex->fix = arena_printf(c->a, "rebuild %s against the runtime that runs it (npm rebuild %s), or upgrade Node.js if it is a Node-API function",
				  pkg_or(c, "the addon"), pkg_or(c, "<package>"));
	return true;
}

static bool m_undefined_symbol(struct ctx *c)
{
	const char *e, *p = find_unless(c, ": undefined symbol: ", "symbol lookup error", &e);
	if (!p)
		return false;
	set(c, "glibc-undefined-symbol", "undefined-symbol", "glibc", "a symbol the addon needs at load time is not defined anywhere");
	set_file(c, path_before(c, p));
	const char *sym = token_at(c, e);
	if (sym) {
		char *comma = strchr(sym, ',');
		if (comma)
			*comma = '\0';
	}
	explain_symbol(c, sym);
	number(c, "undefined symbol", sym, c->ex->demangled);
	if (legacy_abi_symbol(sym)) {
		old_node_register(c, sym);
		return true;
	}
	/* Deno's Node compatibility layer (its frames are node:module:<line>,
	 * Node.js's node:internal/modules/...): an addon symbol that is not a
	 * Node-API function is one Node.js exports to addons (OpenSSL, V8,
	 * libuv, zlib) and Deno does not */
	if (sym && napi_function_level(sym) < 0 && strncmp(sym, "napi_", 5) && (has(c, "(node:module:") || has(c, " node:module:"))) {
		c->ex->cause = "needs-node-api";
		c->ex->origin = "deno";
		c->ex->title = "the addon needs a symbol Node.js exports and Deno does not";
		c->ex->why = arena_printf(c->a, "The stack is Deno's Node compatibility layer (node:module frames). %s is not a Node-API function but one Node.js exports to addons from its own OpenSSL, V8, libuv or zlib; Deno provides Node-API only, so an addon that links against Node's other exports (NAN/V8 addons, ones that borrow Node's OpenSSL) cannot load there. No rebuild of the same source helps.", sym);
		c->ex->fix = arena_printf(c->a, "run it under Node.js, or use a version of %s (or an alternative package) built with Node-API that links its own libraries", pkg_or(c, "the package"));
		return true;
	}
	if (sym && !strncmp(sym, "uv_", 3)) {
		libuv_missing(c, sym, "dlopen() binds it at load time here", true);
		return true;
	}
	c->ex->why = arena_printf(c->a, "dlopen() had to bind this symbol at load time (data reference, or an addon linked with -z now) and no loaded library defines it.%s",
				  symbol_story(c, sym));
	c->ex->fix = arena_printf(c->a, "rebuild %s for the runtime that loads it (npm rebuild %s); if a shared library is missing the symbol, install the version it was built against",
				  pkg_or(c, "the addon"), pkg_or(c, "<package>"));
	return true;
}

/* ---- musl (loader-facts.md 6.1, 6.3) ------------------------------------- */

static bool m_musl_relocating(struct ctx *c)
{
	const char *e, *p = find(c, "Error relocating ", &e);
	if (!p) {
		/* the lead words lost in a quote: "<obj>.node: <sym>: symbol
		 * not found" is still musl's shape (glibc says "undefined
		 * symbol"); the object must look like one */
		const char *q = find(c, ": symbol not found", NULL);
		if (!q)
			return false;
		const char *ls = line_start(c, q), *c1 = NULL;
		for (const char *r = q - 1; r > ls; r--)
			if (r[0] == ':' && r[1] == ' ') {
				c1 = r;
				break;
			}
		if (!c1)
			return false;
		const char *s0 = ls;
		while (s0 < c1 && (is_blank(*s0) || *s0 == '"' || *s0 == '\'' || *s0 == '`'))
			s0++;
		if (!find_from(s0, c1, ".node", NULL) && !find_from(s0, c1, ".so", NULL))
			return false;
		e = s0;
		p = s0;
	}
	/* musl reports a missing library first and then every symbol it
	 * would have given: the first line is the cause */
	const char *ld = find(c, "Error loading shared library ", NULL);
	if (ld && ld < p)
		return false;
	const char *e2, *q = find_from(e, c->end, ": symbol not found", &e2);
	const char *u = find_from(e, c->end, ": unsupported relocation type", NULL);
	if (u && (!q || u < q)) {
		set(c, "musl-unsupported-relocation", "wrong-arch", "musl", "musl could not relocate the addon: it is for another CPU");
		set_file(c, dup_range(c, e, u));
		c->ex->why = "musl does not check the ELF machine field, so an addon for another CPU (same 32/64-bit class) is mapped and then fails at relocation.";
		c->ex->fix = arena_printf(c->a, "reinstall %s on this machine (or with npm_config_arch set to this CPU) so the right build is fetched", pkg_or(c, "the package"));
		return true;
	}
	if (!q)
		return false;
	/* "Error relocating <obj>: <sym>: symbol not found" */
	const char *colon = NULL;
	for (const char *s = q - 1; s > e; s--)
		if (s[0] == ':' && s[1] == ' ') {
			colon = s;
			break;
		}
	if (!colon)
		return false;
	const char *file = dup_range(c, e, colon);
	const char *sym = dup_range(c, colon + 2, q);
	set_file(c, file);
	explain_symbol(c, sym);
	int kind = sym ? glibc_only_symbol(sym) : 0;
	if (kind) {
		set(c, "musl-symbol-not-found", "wrong-libc", "musl", "a glibc-built addon on a musl system (Alpine)");
		if (is_program(file)) {
			c->ex->subject = "runtime";
			c->ex->package = NULL;
			if (!is_node_binary(file)) {
				c->ex->title = "a glibc-built program on a musl system (Alpine)";
				number(c, "glibc-only symbol", sym, "defined by glibc, not by musl");
				c->ex->why = arena_printf(c->a, "%s exists only in glibc: the program %s itself (a packaged Node.js executable, e.g. from pkg, or another runtime) was built for glibc and this system uses musl. No npm rebuild of an addon helps.", sym, file);
				c->ex->fix = "build the executable for musl (pkg: a node<version>-alpine-<arch> target) or run it on a glibc-based image (e.g. debian/ubuntu, node:<version>-slim)";
				return true;
			}
		}
		number(c, "glibc-only symbol", sym, "defined by glibc, not by musl");
		c->ex->why = arena_printf(c->a, "%s exists only in glibc: the %s was built for glibc (a -gnu / glibc build) and this system uses musl.%s", sym,
					  is_node_binary(file) ? "node binary" : "addon",
					  kind == 2 ? " It is a glibc API that the source itself calls, not a by-product of the build: compiling the same source on musl does not remove it." : "");
		if (is_node_binary(file))
			c->ex->fix = "use a Node.js built for musl (the node:<version>-alpine images, Alpine's nodejs package, or the unofficial linux-x64-musl builds); a glibc node binary does not run on Alpine";
		else if (kind == 2)
			c->ex->fix = arena_printf(c->a, "use the package's musl build if it ships one (reinstall %s inside the Alpine environment); rebuilding from source does not help while the source calls %s; otherwise run on a glibc-based image (e.g. node:<version>-slim)",
						  pkg_or(c, "the package"), sym);
		else
			c->ex->fix = arena_printf(c->a, "reinstall %s inside the musl (Alpine) environment so the musl build is chosen (npm rebuild %s, or --build-from-source); do not copy node_modules from a glibc machine",
						  pkg_or(c, "the package"), pkg_or(c, "<package>"));
		return true;
	}
	/* A C++ standard library symbol: musl has no symbol versions, so a
	 * libstdc++ older than the one the binary was built with shows up as
	 * missing std:: symbols instead of a GLIBCXX_ version line. */
	static const char *const stdpre[] = { "_ZNSt", "_ZNKSt", "_ZSt", "_ZTVSt", "_ZTVNSt", "_ZTISt", "_ZTINSt", "_ZNSs", "_ZNKSs" };
	for (size_t i = 0; sym && i < sizeof stdpre / sizeof stdpre[0]; i++)
		if (!strncmp(sym, stdpre[i], strlen(stdpre[i]))) {
			set(c, "musl-symbol-not-found", "libstdcxx-too-old", "musl", "the addon needs a newer libstdc++ than this system has (musl)");
			number(c, "missing C++ library symbol", sym, c->ex->demangled);
			c->ex->why = "The symbol belongs to the C++ standard library. On musl there are no GLIBCXX_ version names to report, so a libstdc++ older than the one the binary was compiled against shows as missing std:: symbols (an old Alpine release with a newer prebuild).";
			c->ex->fix = arena_printf(c->a, "use a newer Alpine release (newer libstdc++: apk upgrade libstdc++), or build %s from source on this system", pkg_or(c, "the package"));
			return true;
		}
	set(c, "musl-symbol-not-found", "undefined-symbol", "musl", "a symbol the addon needs is not defined (musl)");
	number(c, "undefined symbol", sym, c->ex->demangled);
	c->ex->why = arena_printf(c->a, "musl binds the symbol when the addon is loaded and no loaded library defines it.%s", symbol_story(c, sym));
	c->ex->fix = arena_printf(c->a, "rebuild %s on this system (npm rebuild %s --build-from-source)", pkg_or(c, "the addon"), pkg_or(c, "<package>"));
	return true;
}

static bool m_musl_loading(struct ctx *c)
{
	const char *e, *p = find(c, "Error loading shared library ", &e);
	if (!p)
		return false;
	const char *rl = find(c, "Error relocating ", NULL);
	if (rl && rl < p)
		return false;
	const char *colon = find_from(e, line_end(c, e), ": ", NULL);
	if (!colon)
		return false;
	const char *name = dup_range(c, e, colon);
	const char *rest = colon + 2;
	const char *e2, *nb = find_from(rest, line_end(c, rest), "(needed by ", &e2);
	/* "(needed by ...)" cut off, with the reason too ("Error loading shared
	 * library libstdc++.so.6: " as sharp's wrapper quotes it): Node passes
	 * dlopen() the addon's absolute path, so a bare soname (no slash, not
	 * a .node) is a library something needs, not the addon itself.  Only
	 * when musl's reason is "not found" or gone: another reason for a bare
	 * name (Exec format error) is about that library's file. */
	const char *rle = line_end(c, rest), *r = rest;
	while (r < rle && is_blank(*r))
		r++;
	bool bare = !nb && name && !strchr(name, '/') && !strchr(name, '\\') &&
		    !(strlen(name) > 5 && !strcmp(name + strlen(name) - 5, ".node")) &&
		    (r == rle || match_at(r, rle, "No such file or directory"));
	if (nb || bare) {
		if (nb)
			set_file(c, quoted_after(c, e2, ')'));
		c->ex->library = name;
		/* glibc's own libraries, which musl folds into libc and does not
		 * ship under these names: asking for one means a glibc build */
		static const char *const glibc_libs[] = { "libc.so.6", "libresolv.so.2", "libpthread.so.0", "libdl.so.2", "librt.so.1", "libm.so.6", "libutil.so.1", "libcrypt.so.1", "libnsl.so.1" };
		bool glibc_lib = false;
		for (size_t i = 0; name && i < sizeof glibc_libs / sizeof glibc_libs[0]; i++)
			if (!strcmp(name, glibc_libs[i]))
				glibc_lib = true;
		if (name && (strstr(name, "ld-linux") || glibc_lib || strstr(name, "libgcompat"))) {
			set(c, "musl-needed-glibc-loader", "wrong-libc", "musl", "a glibc-built addon on a musl system (Alpine)");
			if (!strncmp(name, "ld-linux-", 9))
				number(c, "CPU of the glibc loader it names", dup_range(c, name + 9, name + strcspn(name, ".")), "if this machine is another CPU, the file is also built for another architecture");
			c->ex->why = strstr(name, "ld-linux") ? arena_printf(c->a, "%s is glibc's dynamic loader, which a glibc-built addon names; musl systems do not have it.", name)
				: arena_printf(c->a, "%s is one of glibc's own libraries, which a glibc-built addon (or library) names; musl has these functions inside its libc and ships no such file.", name);
			c->ex->fix = arena_printf(c->a, "reinstall %s inside the musl (Alpine) environment so the musl build is chosen; workaround: apk add gcompat",
						  pkg_or(c, "the package"));
		} else {
			/* Alpine packages of the libraries a C++ build needs (apk) */
			const char *apk = !name ? NULL : !strncmp(name, "libstdc++.so", 12) ? "libstdc++" : !strncmp(name, "libgcc_s.so", 11) ? "libgcc" : NULL;
			bool rt = is_node_binary(c->ex->file);
			set(c, "musl-needed-library-missing", "missing-library", "musl",
			    rt ? "a library node itself needs is not installed" : "a library the addon needs is not installed");
			if (rt) {
				c->ex->subject = "runtime";
				c->ex->package = NULL;
			}
			c->ex->why = arena_printf(c->a, "%s lists %s as a dependency and musl found it in no search directory.%s%s",
						  rt ? "The node binary itself" : "The addon (or one of its libraries)", name,
						  rt ? " The lines after this one (Error relocating ... symbol not found) follow from it." : "",
						  nb ? "" : " (The line is cut after the library's name; a bare name there is a dependency, since the addon itself is loaded by its full path.)");
			c->ex->fix = apk ? arena_printf(c->a, "apk add %s", apk)
					 : arena_printf(c->a, "install the package that provides %s (apk search %s), or rebuild the addon", name, name);
		}
		return true;
	}
	set_file(c, name);
	if (match_at(rest, c->end, "Exec format error") && name && strstr(name, "node_modules")) {
		/* musl checks the header's type, class and byte order, not the
		 * CPU (loader-facts.md 6.1): a glibc or musl x64 build copied
		 * from another Linux machine would pass this check, so an
		 * installed package's file refused here is, in practice, a
		 * macOS or Windows build - node_modules installed on the host
		 * and mounted or copied into the (Alpine) container. */
		set(c, "musl-exec-format-error", "wrong-os", "musl", "musl refused the file's header: not a Linux ELF, most likely a macOS or Windows build");
		c->ex->why = "musl says \"Exec format error\" when the file is not an ELF shared object of this machine's class and byte order. A package's .node refused here is nearly always a macOS (Mach-O) or Windows (PE) build: node_modules installed on the host and mounted or copied into an Alpine container (an x64 Linux build from another machine would pass this check). Rarer: a 32-bit build, or a damaged file.";
		c->ex->fix = arena_printf(c->a, "install %s inside the container, never from the host: add node_modules to .dockerignore, keep the host's node_modules out of bind mounts (an anonymous volume for <app>/node_modules), and run npm ci in the image", pkg_or(c, "the packages"));
		return true;
	}
	if (match_at(rest, c->end, "Exec format error")) {
		set(c, "musl-exec-format-error", "wrong-arch", "musl", "musl refused the file's header");
		c->ex->why = "musl says \"Exec format error\" for anything that is not an ELF of this machine's class and byte order: a macOS/Windows build, a 32-bit file on a 64-bit system, or a damaged file.";
		c->ex->fix = arena_printf(c->a, "reinstall %s on this machine (delete node_modules copied from another OS or CPU)", pkg_or(c, "the package"));
		return true;
	}
	set(c, "musl-cannot-open", "not-found", "musl", "the addon file could not be opened");
	c->ex->why = "musl could not open the file itself (missing, or no permission).";
	c->ex->fix = arena_printf(c->a, "reinstall %s", pkg_or(c, "the package"));
	return true;
}

static bool m_cannot_open(struct ctx *c)
{
	const char *e, *p = find(c, ": cannot open shared object file: ", &e);
	if (!p)
		return false;
	const char *name = path_before(c, p);
	bool enoent = match_at(e, c->end, "No such file or directory") != NULL;
	bool is_path = name && (strchr(name, '/') || strchr(name, '\\'));
	bool is_addon = name && strlen(name) > 5 && !strcmp(name + strlen(name) - 5, ".node");
	if (!enoent) {
		set(c, "glibc-cannot-open", "not-found", "glibc", "the file could not be opened");
		set_file(c, name);
		c->ex->why = arena_printf(c->a, "open() failed: %s", dup_range(c, e, line_end(c, e)));
		c->ex->fix = "check the file's permissions and that it is on a readable mount";
		return true;
	}
	if (is_path || is_addon) {
		set(c, "glibc-cannot-open-self", "wrong-arch", "glibc", "glibc refused the addon itself: almost always a build for another CPU");
		set_file(c, name);
		c->ex->why = "require() only calls dlopen() on a file that exists, so \"No such file or directory\" for the addon's own path means glibc rejected it: "
			     "glibc reports an ELF for another machine (e.g. arm64 on x64) with this exact text. Rarely, the file vanished between resolution and loading.";
		c->ex->fix = arena_printf(c->a, "reinstall %s on this machine, with the node that will run it (npm rebuild %s; check npm_config_arch and that node is not running under emulation)",
					  pkg_or(c, "the package"), pkg_or(c, "<package>"));
		return true;
	}
	c->ex->library = name;
	if (name && (!strncmp(name, "libc.musl-", 10) || !strcmp(name, "libc.so"))) {
		set(c, "glibc-needed-musl-libc", "wrong-libc", "glibc", "a musl-built addon on a glibc system");
		c->ex->why = arena_printf(c->a, "%s is musl's C library: the addon was built for Alpine/musl and this system uses glibc.", name);
		c->ex->fix = "reinstall the package on this system so the glibc (-gnu) build is chosen; do not copy node_modules from an Alpine image";
		return true;
	}
	set(c, "glibc-needed-library-missing", "missing-library", "glibc", "a shared library the addon needs is not installed");
	c->ex->why = arena_printf(c->a, "The addon lists %s as a dependency (DT_NEEDED) and the loader found it in no search directory (RPATH, LD_LIBRARY_PATH, RUNPATH, ld.so.cache, /lib, /usr/lib).", name);
	c->ex->fix = arena_printf(c->a, "install the system package that provides %s (apt-file search %s / dnf provides '*/%s'), or rebuild the addon so it bundles or does not need it",
				  name, name, name);
	return true;
}

static bool m_elf_header(struct ctx *c)
{
	static const struct {
		const char *text, *shape, *cause, *title, *why;
	} h[] = {
		{ ": invalid ELF header", "glibc-invalid-elf-header", "wrong-os", "the file is not an ELF binary at all",
		  "glibc found no ELF magic. For a .node file this is nearly always a macOS (Mach-O) or Windows (PE) build copied onto Linux, e.g. node_modules installed on the host and mounted/copied into a container; otherwise the file is damaged." },
		{ ": wrong ELF class: ELFCLASS32", "glibc-wrong-elf-class", "wrong-arch", "a 32-bit binary in a 64-bit process",
		  "The file is a 32-bit ELF (e.g. ia32 or armv7) and this node is 64-bit." },
		{ ": wrong ELF class: ELFCLASS64", "glibc-wrong-elf-class", "wrong-arch", "a 64-bit binary in a 32-bit process",
		  "The file is a 64-bit ELF and this node is 32-bit." },
		{ ": ELF file data encoding not ", "glibc-wrong-endianness", "wrong-arch", "a binary for a CPU of the other byte order",
		  "The file is big-endian on a little-endian machine (or the reverse): it was built for another CPU." },
		{ ": file too short", "glibc-file-too-short", "truncated", "the file is shorter than an ELF header",
		  "The file is empty or a few bytes long: an interrupted download or install, or a placeholder (Git LFS pointer, failed extraction)." },
		{ ": cannot read file data", "glibc-cannot-read", "truncated", "the file ends before its headers do",
		  "The file is cut short: an interrupted download or a damaged package cache." },
		{ ": ELF file OS ABI invalid", "glibc-osabi-invalid", "wrong-os", "an ELF built for another operating system",
		  "The ELF header's OS ABI says another system (e.g. FreeBSD); glibc only accepts SYSV and GNU." },
		{ ": cannot dynamically load position-independent executable", "glibc-cannot-load-pie", "not-an-addon", "the file is a program, not a shared library",
		  "The file is an executable (PIE), not a shared object: something other than the addon was built or copied to this path." },
		{ ": cannot dynamically load executable", "glibc-cannot-load-executable", "not-an-addon", "the file is a program, not a shared library",
		  "The file is an executable, not a shared object: something other than the addon was built or copied to this path." },
		{ ": only ET_DYN and ET_EXEC can be loaded", "glibc-not-dyn", "not-an-addon", "the file is an object file, not a shared library",
		  "The file is a relocatable object (.o) or core file, not a linked shared object." },
		{ ": ELF file version ident does not match current one", "glibc-bad-ident", "corrupt", "the ELF header is damaged", "The ELF identification bytes are invalid: the file is damaged." },
		{ ": ELF file version does not match current one", "glibc-bad-version", "corrupt", "the ELF header is damaged", "The ELF header's version field is invalid: the file is damaged." },
		{ ": nonzero padding in e_ident", "glibc-bad-padding", "corrupt", "the ELF header is damaged", "The ELF identification padding is not zero: the file is damaged or was patched." },
		{ ": ELF file ABI version invalid", "glibc-bad-abiversion", "corrupt", "the ELF header is damaged", "The ELF ABI version byte is not one glibc accepts: the file is damaged or built for another system." },
		{ ": ELF file's phentsize not the expected size", "glibc-bad-phentsize", "corrupt", "the ELF header is damaged", "The program header size is wrong: the file is damaged." },
		{ ": object file has no dynamic section", "glibc-no-dynamic", "not-an-addon", "the file is not a shared library", "The ELF has no dynamic section: it is not a shared object." },
		{ ": object file has no loadable segments", "glibc-no-load", "corrupt", "the file has nothing to load", "The ELF has no loadable segments: it is damaged or not a real library." },
	};
	for (size_t i = 0; i < sizeof h / sizeof h[0]; i++) {
		const char *p = find(c, h[i].text, NULL);
		if (!p)
			continue;
		set(c, h[i].shape, h[i].cause, "glibc", h[i].title);
		const char *name = path_before(c, p);
		c->ex->why = h[i].why;
		bool is_dep = name && !strchr(name, '/') && !strchr(name, '\\');
		if (!strcmp(h[i].shape, "glibc-invalid-elf-header") && name) {
			size_t n = strlen(name);
			if (n >= 7 && !strcmp(name + n - 7, "libc.so")) {
				c->ex->cause = "wrong-libc";
				c->ex->title = "a musl-built addon on a glibc system";
				c->ex->library = name;
				c->ex->why = "The addon needs libc.so (a musl toolchain's name for the C library); on glibc systems that path is a text linker script, hence \"invalid ELF header\". The addon was built for musl.";
				c->ex->fix = "reinstall the package on this system so the glibc build is chosen";
				return true;
			}
			if (n < 5 || strcmp(name + n - 5, ".node"))
				is_dep = true;
		}
		/* "libclntsh.so: file too short": an unversioned library name is
		 * the development symlink to libX.so.N; a few bytes long, it is
		 * that link stored as a text file (an SDK zip extracted on
		 * Windows or by a tool without symlinks, a COPY that flattened
		 * it), not a cut download */
		size_t nl = name ? strlen(name) : 0;
		const char *base = name ? strrchr(name, '/') : NULL;
		base = base ? base + 1 : name;
		bool versioned_lib = name && strstr(base ? base : "", ".so.") && !strstr(name, ".node") && !strncmp(base, "lib", 3);
		if (!strcmp(h[i].shape, "glibc-file-too-short") && versioned_lib) {
			c->ex->cause = "corrupt";
			c->ex->title = "a library the addon loads is damaged (shorter than an ELF header)";
			c->ex->library = name;
			c->ex->why = arena_printf(c->a, "%s, a library the addon loads (not the addon itself), is shorter than an ELF header: a symbolic link stored as a small text file (an archive extracted without symlink support), or a damaged copy in a bundled tarball.", name);
			c->ex->fix = "reinstall the package or application that ships that library (extract its archive again on this system); where it should be a link to the real lib...so.N.M file, recreate it with ln -sf";
			return true;
		}
		if (!strcmp(h[i].shape, "glibc-file-too-short") && nl > 3 && !strcmp(name + nl - 3, ".so") && base && !strncmp(base, "lib", 3)) {
			c->ex->cause = "corrupt";
			c->ex->title = "a library's symbolic link was stored as a small text file";
			c->ex->library = name;
			c->ex->why = arena_printf(c->a, "%s is shorter than an ELF header. An unversioned library name (lib<name>.so) is normally a symbolic link to the real lib<name>.so.<N>; here it is a plain file holding the link's target as text: the archive (an SDK or client zip) was extracted on Windows or by a tool without symlinks, or copied in a way that flattened the links.", name);
			c->ex->fix = arena_printf(c->a, "recreate the link (cd to its directory; ln -sf <the real lib...so.N file> %s), or extract the archive again on Linux (unzip / tar there, not on Windows)", base);
			return true;
		}
		if (is_dep) {
			c->ex->library = name;
			c->ex->why = arena_printf(c->a, "%s (this time about %s, a library the addon loads, not the addon itself)", h[i].why, name);
		} else {
			set_file(c, name);
		}
		c->ex->fix = arena_printf(c->a, "delete and reinstall %s on this machine (npm rebuild %s, or rm -rf node_modules && npm ci); never copy node_modules between operating systems or CPUs",
					  pkg_or(c, "the package"), pkg_or(c, "<package>"));
		return true;
	}
	return false;
}

/* ---- macOS dyld (loader-facts.md 7) --------------------------------------- */

static const char *dlopen_path(struct ctx *c)
{
	const char *e, *p = find(c, "dlopen(", &e);
	if (!p)
		return NULL;
	const char *comma = e;
	while (comma < c->end && *comma != ',' && *comma != '\n' && comma - e < 4096)
		comma++;
	return comma < c->end && *comma == ',' ? dup_range(c, e, comma) : NULL;
}

static const char *have_need(struct ctx *c, const char *from, const char *key)
{
	const char *e, *p = find_from(from, c->end, key, &e);
	if (!p)
		return NULL;
	char open = *e;
	const char *v = NULL;
	if (open == '\'') {
		/* 'a' or 'b' up to the closing parenthesis; drop the quotes */
		const char *q = quoted_after(c, e, ')');
		if (q) {
			char *w = arena_strdup(c->a, q), *o = w;
			for (const char *r = q; w && *r; r++)
				if (*r != '\'')
					*o++ = *r;
			if (w)
				*o = '\0';
			v = w;
		}
	} else if (open == '(') {
		v = quoted_after(c, e + 1, ')');
	}
	return v;
}

/* pat at s, line feeds and carriage returns in the text skipped: a terminal
 * that wraps a long line breaks it anywhere, inside a word too. */
static bool prefix_skipnl(const char *s, const char *end, const char *pat)
{
	while (*pat) {
		while (s < end && (*s == '\n' || *s == '\r'))
			s++;
		if (s >= end || *s != *pat)
			return false;
		s++;
		pat++;
	}
	return true;
}

/*
 * dyld on an addon file that does not exist.  macOS 12+: "dlopen(P, N):
 * tried: 'P' (no such file), '/System/Volumes/Preboot/Cryptexes/OS/P' (no
 * such file), ..." with every entry missing (an entry with another reason
 * - wrong architecture, code signature - is matched before this).  Before
 * macOS 12: "dlopen(P, 1): image not found" on the dlopen line itself (with
 * a "Library not loaded" line it is a dependency, matched before this).
 * The list ends where the stack starts: a later "' (" in a frame or in
 * the user's words is not one of its entries.
 */
static bool dyld_file_missing(struct ctx *c)
{
	const char *e, *p = find(c, "dlopen(", &e);
	if (!p)
		return false;
	const char *e2, *t = find_from(e, c->end, "): tried: '", &e2);
	if (!t) {
		const char *le = line_end(c, e), *e3;
		return find_from(e, le, "): image not found", &e3) != NULL;
	}
	const char *stop = find_from(e2, c->end, "\n at ", NULL);
	if (!stop)
		stop = c->end;
	int n = 0;
	/* "not a file": a directory (or a device) at that path, no file */
	for (const char *q = e2, *qe; n < 256 && (q = find_from(q, stop, "' (", &qe)); q = qe, n++)
		if (!prefix_skipnl(qe, stop, "no such file") && !prefix_skipnl(qe, stop, "not a file"))
			return false;
	return n > 0;
}

static int hexdigit(char h)
{
	return isdigit((unsigned char)h) ? h - '0' : tolower((unsigned char)h) - 'a' + 10;
}

static bool m_dyld(struct ctx *c)
{
	const char *e, *p;
	if ((p = find(c, "incompatible architecture (have ", &e)) || (p = find(c, "but wrong architecture", &e))) {
		set(c, "dyld-incompatible-architecture", "wrong-arch", "dyld", "the addon is for another CPU (Apple silicon vs Intel)");
		set_file(c, dlopen_path(c));
		const char *have = have_need(c, p, "(have ");
		const char *need = have_need(c, p, ", need ");
		if (have)
			number(c, "the file is built for", have, NULL);
		if (need)
			number(c, "this process needs", need, NULL);
		c->ex->why = "The addon's Mach-O slice is for another CPU than the node process. Typical: node_modules installed by an x64 node (Rosetta, an old Homebrew/nvm install) and run by an arm64 node, or the reverse.";
		c->ex->fix = arena_printf(c->a, "check 'node -p process.arch' in both the install and run shells, then reinstall %s with the node that runs it (rm -rf node_modules && npm install)", pkg_or(c, "the package"));
		return true;
	}
	if ((p = find(c, "fat file, but missing compatible architecture", &e))) {
		set(c, "dyld-fat-missing-arch", "wrong-arch", "dyld", "the universal addon has no slice for this CPU");
		set_file(c, dlopen_path(c));
		const char *have = have_need(c, p, "(have ");
		const char *need = have_need(c, p, ", need ");
		if (have)
			number(c, "slices in the file", have, NULL);
		if (need)
			number(c, "this process needs", need, NULL);
		c->ex->why = "The universal (fat) Mach-O file holds slices for other CPUs only.";
		c->ex->fix = arena_printf(c->a, "reinstall %s with the node that runs it", pkg_or(c, "the package"));
		return true;
	}
	if ((p = find(c, "incompatible platform (have ", &e))) {
		set(c, "dyld-incompatible-platform", "wrong-os", "dyld", "the addon was built for another Apple platform (iOS, Catalyst...)");
		set_file(c, dlopen_path(c));
		const char *have = have_need(c, p, "(have ");
		if (have)
			number(c, "the file is built for", have, NULL);
		c->ex->why = "The Mach-O's LC_BUILD_VERSION names another platform than macOS.";
		c->ex->fix = arena_printf(c->a, "reinstall %s so the macOS build is used", pkg_or(c, "the package"));
		return true;
	}
	/* "Library not loaded ... Reason: ... code signature in (<lib>) not
	 * valid for use in process using Library Validation": the library is
	 * there, its signature was refused */
	if ((p = find(c, "Library not loaded: ", &e)) && find(c, "code signature in ", NULL) && find(c, "not valid for use in process", NULL)) {
		set(c, "dyld-code-signature", "code-signature", "dyld", "macOS refused the signature of a library the addon loads");
		set_file(c, dlopen_path(c));
		const char *e2, *q = find(c, "code signature in ", &e2);
		if (q && e2 < c->end && (*e2 == '(' || *e2 == '\''))
			c->ex->library = quoted_after(c, e2 + 1, *e2 == '(' ? ')' : '\'');
		c->ex->why = arena_printf(c->a, "dyld found %s but refused its code signature for this process (Library Validation / the hardened runtime): the library was modified after signing (an install script rewrote its paths with install_name_tool, a patch), is signed by another team than the process, or is unsigned and quarantined.",
					  c->ex->library ? c->ex->library : "the library");
		c->ex->fix = "re-sign the library after changing it (codesign --force --sign - <lib>, or with your identity), or install it unmodified; for an app with the hardened runtime, sign it with the app's team or allow unsigned libraries (com.apple.security.cs.disable-library-validation); clear the quarantine (xattr -d com.apple.quarantine <lib>)";
		return true;
	}
	if ((p = find(c, "Library not loaded: ", &e))) {
		set(c, "dyld-library-not-loaded", "missing-library", "dyld", "a dylib the addon needs was not found");
		const char *e2, *r = find_from(e, c->end, "Referenced from: ", &e2);
		/* one line when the paste lost its breaks: "Library not loaded:
		 * X Referenced from: Y Reason: image not found" */
		const char *lle = line_end(c, e);
		c->ex->library = dup_range(c, e, r && r < lle ? r : lle);
		while (c->ex->library && *c->ex->library && is_blank(c->ex->library[strlen(c->ex->library) - 1]))
			((char *)c->ex->library)[strlen(c->ex->library) - 1] = '\0';
		if (r) {
			const char *s = e2;
			if (s < c->end && *s == '<') {
				while (s < c->end && *s != '>')
					s++;
				if (s < c->end)
					s++;
			}
			const char *le = line_end(c, s), *rs = find_from(s, le, " Reason: ", NULL);
			if (rs)
				le = rs;
			const char *too_new = find_from(s, le, " (built for macOS", NULL);
			set_file(c, dup_range(c, s, too_new ? too_new : le));
		}
		if (!c->ex->file)
			set_file(c, dlopen_path(c));
		if (c->ex->file && is_node_binary(c->ex->file)) {
			c->ex->subject = "runtime";
			c->ex->package = NULL;
			c->ex->title = "Node.js itself cannot start: a library it links is gone";
			c->ex->why = arena_printf(c->a, "dyld is starting the node program itself (%s), before any addon: it links %s, which is not there any more - typically a Homebrew node whose dependency (icu4c, openssl, libuv) was upgraded to a new version and the old one removed. No npm rebuild of an addon helps.",
						  c->ex->file, c->ex->library);
			c->ex->fix = "reinstall or upgrade that Node.js so it links the installed libraries (brew upgrade node, or brew reinstall node; for another node install it again from nodejs.org or your version manager)";
			return true;
		}
		c->ex->why = arena_printf(c->a, "dyld looked for %s (through the addon's LC_RPATHs for @rpath, next to it for @loader_path) and found it nowhere.", c->ex->library);
		c->ex->fix = "install the library (e.g. with Homebrew) or reinstall the package so its bundled dylibs come with it";
		return true;
	}
	if ((p = find(c, "code signature in ", &e))) {
		set(c, "dyld-code-signature", "code-signature", "dyld", "macOS refused the addon's code signature");
		const char *q = find_from(e, c->end, "'", NULL);
		if (q)
			set_file(c, quoted_after(c, q + 1, '\''));
		c->ex->why = "The signature is invalid for this process: the file was modified after signing, is quarantined, or the app enforces library validation (hardened runtime) and the addon is signed by another team.";
		c->ex->fix = "reinstall the package (no patching after install); for Electron apps sign the addon with the app's identity or allow unsigned libraries (com.apple.security.cs.disable-library-validation)";
		return true;
	}
	if ((p = find(c, "symbol not found in flat namespace '", &e)) || (p = find(c, "symbol not found in flat namespace (", &e)) ||
	    (p = find(c, "Symbol not found: ", &e))) {
		bool flat = match_at(p, c->end, "symbol not found in flat namespace ") != NULL;
		/* macOS 12+: '_sym'; some releases print (_sym) */
		const char *sym = flat ? quoted_after(c, e, e[-1] == '(' ? ')' : '\'') : token_at(c, e);
		bool lazy = has(c, "lazy symbol binding failed");
		set(c, "dyld-symbol-not-found", lazy ? "lazy-undefined-symbol" : "undefined-symbol", "dyld", "a symbol the addon needs is not defined");
		set_file(c, dlopen_path(c));
		/* "Referenced from: <UUID> /usr/local/bin/node (which was built
		 * for Mac OS X 10.15)": the image that needs the symbol */
		const char *refd = NULL, *built_for = NULL;
		{
			const char *e2, *r = find_from(e, c->end, "Referenced from: ", &e2);
			if (r) {
				const char *s = e2, *le = line_end(c, e2);
				if (s < le && *s == '<') {
					while (s < le && *s != '>')
						s++;
					if (s < le)
						s++;
					while (s < le && is_blank(*s))
						s++;
				}
				const char *bf, *w = find_from(s, le, " (which was built for ", &bf);
				if (!w)
					w = find_from(s, le, " (built for ", &bf);
				if (w) {
					const char *be = bf;
					while (be < le && *be != ')')
						be++;
					built_for = dup_range(c, bf, be);
				}
				refd = dup_range(c, s, w ? w : le);
				while (refd && *refd && is_blank(refd[strlen(refd) - 1]))
					((char *)refd)[strlen(refd) - 1] = '\0';
			}
		}
		if (!c->ex->file && refd)
			set_file(c, refd);
		/* Mach-O C symbols carry a leading '_'. */
		const char *plain = sym && sym[0] == '_' ? sym + 1 : sym;
		explain_symbol(c, plain);
		number(c, "undefined symbol", sym, c->ex->demangled);
		c->ex->why = arena_printf(c->a, "Addons link with -undefined dynamic_lookup, so Node's symbols are found at load time in the process; this one is not there.%s",
					  symbol_story(c, plain));
		c->ex->fix = arena_printf(c->a, "rebuild %s for the runtime that loads it (npm rebuild %s), or upgrade Node.js for a Node-API function",
					  pkg_or(c, "the addon"), pkg_or(c, "<package>"));
		if (legacy_abi_symbol(plain)) {
			old_node_register(c, plain);
			return true;
		}
		/* "Expected in: /usr/lib/libc++.1.dylib": dyld looked in a
		 * system library that lacks the symbol, not in the process:
		 * the binary was built for a newer macOS than this one */
		const char *ee, *ex = find_from(e, c->end, "Expected in: ", &ee);
		if (ex && (match_at(ee, c->end, "/usr/lib/") || match_at(ee, c->end, "/System/Library/"))) {
			const char *lib = dup_range(c, ee, line_end(c, ee));
			c->ex->library = lib;
			c->ex->why = arena_printf(c->a, "dyld looked for the symbol in %s, a library of macOS itself, and this macOS's copy does not define it: the binary was built for a newer macOS than this one (its minimum macOS version is above this system's).%s",
						  lib ? lib : "a system library", symbol_story(c, plain));
			c->ex->fix = arena_printf(c->a, "update macOS, or build %s from source on this Mac (npm rebuild %s --build-from-source), or use an older package version whose binaries support this macOS",
						  pkg_or(c, "the package"), pkg_or(c, "<package>"));
		}
		/* The image that lacks the symbol is node itself (it fails as
		 * `node -v` does, before any addon): no rebuild of an addon can
		 * help, only a Node build for this macOS or a newer macOS. */
		if (refd && is_node_binary(refd)) {
			set_file(c, refd);
			c->ex->subject = "runtime";
			c->ex->package = NULL;
			c->ex->title = "Node.js itself cannot start: it needs a symbol this macOS lacks";
			if (built_for)
				number(c, "node was built for", built_for, "its minimum macOS version");
			c->ex->why = arena_printf(c->a, "dyld is binding a symbol for the node program itself (%s), not for an addon: %s. This Node.js release was built for a newer macOS than this one%s%s. No npm rebuild of an addon helps.",
						  refd, c->ex->library ? arena_printf(c->a, "%s lacks it", c->ex->library) : "the system libraries lack it",
						  built_for ? ": its minimum is " : "", built_for ? built_for : "");
			c->ex->fix = "install a Node.js release that still supports this macOS (an older major; each release's minimum macOS is in its BUILDING.md), or update macOS";
		}
		return true;
	}
	/* dyld2/3 (macOS 11 and older, ImageLoaderMachO.cpp): a file whose
	 * magic is no Mach-O one is reported with its first bytes: "unknown
	 * file type, first eight bytes: 0x7F 0x45 0x4C 0x46 ...".  7F 'E' 'L'
	 * 'F' is a Linux (ELF) build, 'M' 'Z' a Windows one; anything else is
	 * not a binary (EF BF BD: bytes replaced by a text conversion). */
	if ((p = find(c, "unknown file type, first eight bytes: ", &e))) {
		unsigned b[4] = { 0, 0, 0, 0 };
		int nb = 0;
		for (const char *q = e; nb < 4 && q + 4 <= c->end && q[0] == '0' && (q[1] == 'x' || q[1] == 'X') &&
					isxdigit((unsigned char)q[2]) && isxdigit((unsigned char)q[3]); q += 4) {
			b[nb++] = (unsigned)(hexdigit(q[2]) * 16 + hexdigit(q[3]));
			if (q + 4 < c->end && q[4] == ' ')
				q++;
		}
		bool elf = nb == 4 && b[0] == 0x7f && b[1] == 'E' && b[2] == 'L' && b[3] == 'F';
		bool pe = nb >= 2 && b[0] == 'M' && b[1] == 'Z';
		set_file(c, dlopen_path(c));
		number(c, "first bytes of the file", dup_range(c, e, line_end(c, e)),
		       elf ? "an ELF file: a Linux build" : pe ? "MZ: a Windows DLL" : "no binary format: a damaged or replaced file");
		if (elf || pe) {
			set(c, "dyld-unknown-file-type", "wrong-os", "dyld", elf ? "a Linux (ELF) build of the addon on macOS" : "a Windows build of the addon on macOS");
			c->ex->why = arena_printf(c->a, "dyld could not read the file as Mach-O, and its first bytes say it is %s: the package shipped or installed another OS's binary (node_modules copied from Linux/Windows, a CI cache or Docker volume shared between OSes, or a prebuild for the wrong platform).",
						  elf ? "an ELF shared object (Linux)" : "a PE file (Windows)");
			c->ex->fix = arena_printf(c->a, "delete node_modules and reinstall %s on this Mac (npm ci); do not share node_modules or its cache between operating systems", pkg_or(c, "the package"));
		} else {
			set(c, "dyld-unknown-file-type", "corrupt", "dyld", "the addon file is not a binary at all");
			c->ex->why = "dyld could not read the file as Mach-O and its first bytes are no binary format: the file was damaged or replaced (a text conversion, an HTML error page saved as the download, a partial copy).";
			c->ex->fix = arena_printf(c->a, "reinstall %s (delete it from node_modules and the package manager's cache)", pkg_or(c, "the package"));
		}
		return true;
	}
	if (dyld_file_missing(c)) {
		set(c, "dyld-file-not-found", "not-found", "dyld", "the addon file is not there");
		set_file(c, dlopen_path(c));
		c->ex->why = "dyld found no file at the path given to dlopen(), nor at the fallback paths it lists: the .node file was removed or moved after the loader chose that path (a packager's extraction folder such as pkg's temporary copy cleaned up, a partial copy of node_modules), or the path was built wrong.";
		c->ex->fix = arena_printf(c->a, "check that the file exists (ls -l the path above); reinstall %s (npm rebuild %s); a packaged app must ship the .node file unpacked where it is loaded from",
					  pkg_or(c, "the package"), pkg_or(c, "<package>"));
		return true;
	}
	if ((p = find(c, "slice is not valid mach-o file", &e))) {
		set(c, "dyld-bad-slice", "corrupt", "dyld", "a slice of the universal binary is not valid Mach-O");
		set_file(c, dlopen_path(c));
		c->ex->why = "dyld found a universal (fat) file whose slice for this CPU is not a valid Mach-O image: a damaged or badly assembled file.";
		c->ex->fix = arena_printf(c->a, "reinstall %s on this Mac", pkg_or(c, "the package"));
		return true;
	}
	if ((p = find(c, "not a mach-o file", &e))) {
		/* dyld says this of a whole file (not too short, no Mach-O or
		 * fat magic): in public threads an ELF or PE build of another
		 * OS (a package published with the wrong build, node_modules
		 * copied from Linux or Windows), far more often than a damaged
		 * file, which is usually too short instead */
		set(c, "dyld-not-macho", "wrong-os", "dyld", "the file is not a Mach-O binary: most likely a build for Linux or Windows");
		set_file(c, dlopen_path(c));
		c->ex->why = "dyld could not read the file as Mach-O at all: it is most likely a Linux (ELF) or Windows (PE) build copied onto macOS or published in the package by mistake; less often a file damaged in the download (then 'file' shows data or HTML). 'file <path>' or 'addon-doctor inspect <path>' tells which.";
		c->ex->fix = arena_printf(c->a, "reinstall %s on this Mac (delete node_modules and install there, not copied from another OS); if a fresh install gives the same, the package shipped a build for another OS: report it upstream or build it from source",
					  pkg_or(c, "the package"));
		return true;
	}
	return false;
}

/* ---- Android (bionic's linker: linker.cpp, linker_phdr.cpp, linker_relocate.cpp) ---- */

/*
 * Node.js builds for Android (nodejs-mobile, Termux) load addons with
 * bionic's dlopen(), whose dlerror() is "dlopen failed: " and one of the
 * linker's own texts.  bionic has no lazy binding: every symbol is bound
 * when the library is loaded, so a missing one fails dlopen() itself.
 */
/* ---- FreeBSD's rtld (libexec/rtld-elf/rtld.c) ------------------------------
 * Its own wordings, none of glibc's: "Shared object "libuv.so.1" not found,
 * required by "node"" (the requirer's basename), "LIB: version V required
 * by OBJ not found", "OBJ: Undefined symbol "S"".  An rc.d script or a
 * shell starting node prints them before any addon: then node is the
 * failing binary. */
static bool m_bsd_rtld(struct ctx *c)
{
	const char *e, *p;
	if ((p = find(c, "Shared object \"", &e))) {
		const char *name = quoted_after(c, e, '"');
		const char *e2, *r = name ? find_from(e, line_end(c, e), "\" not found, required by \"", &e2) : NULL;
		if (!name || (!r && !find_from(e, line_end(c, e), "\" not found", NULL)))
			return false;
		const char *req = r ? quoted_after(c, e2, '"') : NULL;
		set(c, "freebsd-shared-object-not-found", "missing-library", "rtld-elf", "a shared library is not found (FreeBSD)");
		c->ex->library = name;
		if (req && is_node_binary(req)) {
			c->ex->subject = "runtime";
			c->ex->file = req;
			c->ex->title = "node itself cannot start: a shared library it links is not found";
			c->ex->why = arena_printf(c->a, "FreeBSD's run-time linker is starting node itself, before any addon, and finds %s in none of its search directories (the ldconfig hints, LD_LIBRARY_PATH, the binary's RPATH). A node built against shared libraries (the ports/pkg build links libuv, ICU, OpenSSL, c-ares) needs them installed and in ldconfig's hints: missing after a partial upgrade, or not yet registered when an rc.d script runs before ldconfig. No npm rebuild of an addon helps.", name);
			c->ex->fix = arena_printf(c->a, "install or upgrade the package that provides %s (pkg install -f node, pkg upgrade) and run service ldconfig start; an rc.d script that starts node must REQUIRE: ldconfig", name);
			return true;
		}
		if (req)
			set_file(c, req);
		c->ex->why = arena_printf(c->a, "FreeBSD's run-time linker found %s in none of its search directories (ldconfig's hints, LD_LIBRARY_PATH, the object's RPATH).", name);
		c->ex->fix = arena_printf(c->a, "install the package that provides %s (pkg provides, or pkg search), then rebuild %s if it was built against another version", name, pkg_or(c, "the addon"));
		return true;
	}
	if ((p = find(c, " required by ", &e))) {
		/* "/usr/lib/libstdc++.so.6: version GLIBCXX_3.4.11 required by
		 * /usr/pbi/x/bin/node not found" */
		const char *ls = p, *le = line_end(c, e);
		while (ls > c->t && ls[-1] != '\n')
			ls--;
		const char *e3, *vp = find_from(ls, p, ": version ", &e3);
		const char *nf = find_from(e, le, " not found", NULL);
		if (!vp || !nf)
			return false;
		const char *ver = dup_range(c, e3, p), *req = dup_range(c, e, nf);
		const char *lib = dup_range(c, ls, vp);
		int f = ver ? vfamily(ver) : 0;
		bool runtime = is_node_binary(req);
		if (f == 2 || f == 3) {
			set(c, "freebsd-version-not-found", "libstdcxx-too-old", "rtld-elf",
			    runtime ? "node itself needs a newer libstdc++ than the one found" : "the addon needs a newer libstdc++ than the one found");
			number(c, runtime ? "libstdc++ symbol version node needs" : "libstdc++ symbol version the addon needs", ver, glibcxx_meaning(c->a, ver));
		} else {
			set(c, "freebsd-version-not-found", "missing-library", "rtld-elf", "a library is older than the one the binary was built against (FreeBSD)");
			number(c, "symbol version needed", ver, NULL);
		}
		c->ex->library = lib;
		set_file(c, req);
		if (runtime) {
			c->ex->subject = "runtime";
			c->ex->package = NULL;
			c->ex->why = arena_printf(c->a, "FreeBSD's run-time linker is starting node itself (%s), before any addon: it was built against a newer %s than %s, the one found first (the base system's old GCC libstdc++ rather than the one of the compiler that built node). No npm rebuild of an addon helps.",
						  req, f == 2 || f == 3 ? "libstdc++" : "library", lib ? lib : "the library found");
			c->ex->fix = "install node from the packages of this FreeBSD release (pkg install node) or with its compiler's runtime library first on the path (LD_LIBRARY_PATH or libmap.conf pointing at the newer lib/gccN/libstdc++.so.6), or upgrade FreeBSD";
			return true;
		}
		c->ex->why = arena_printf(c->a, "FreeBSD's run-time linker found %s, but it does not define version %s: the binary was built against a newer one.", lib ? lib : "the library", ver);
		c->ex->fix = arena_printf(c->a, "rebuild %s on this system (npm rebuild %s --build-from-source), or make the newer library the one found (libmap.conf)", pkg_or(c, "the addon"), pkg_or(c, "<package>"));
		return true;
	}
	if ((p = find(c, ": Undefined symbol \"", &e))) {
		const char *sym = quoted_after(c, e, '"');
		if (!sym)
			return false;
		set(c, "freebsd-undefined-symbol", "undefined-symbol", "rtld-elf", "a symbol the addon needs is not defined (FreeBSD)");
		set_file(c, path_before(c, p));
		explain_symbol(c, sym);
		number(c, "undefined symbol", sym, c->ex->demangled);
		c->ex->why = arena_printf(c->a, "FreeBSD's run-time linker found no definition of %s in the process or the object's libraries.%s", sym, symbol_story(c, sym));
		c->ex->fix = arena_printf(c->a, "rebuild %s for the Node.js that runs it (npm rebuild %s --build-from-source)", pkg_or(c, "the addon"), pkg_or(c, "<package>"));
		return true;
	}
	return false;
}

/* Android's linker starting a program ("CANNOT LINK EXECUTABLE "node":
 * <the dlerror text>"): Termux's node against its own libraries, before
 * any addon.  Termux's packages are upgraded together; one left behind
 * (libc++, libicu, openssl) lacks what the new node needs. */
static bool m_android_exec(struct ctx *c)
{
	/* older bionic prints no program name: "CANNOT LINK EXECUTABLE:
	 * library "libc++_shared.so" not found" */
	const char *e, *p = find(c, "CANNOT LINK EXECUTABLE \"", &e), *prog = NULL;
	if (p && !(prog = quoted_after(c, e, '"')))
		return false;
	if (!p && !(p = find(c, "CANNOT LINK EXECUTABLE: ", &e)))
		return false;
	const char *le = line_end(c, e), *e2, *e3;
	const char *sym = NULL, *lib = NULL;
	if (find_from(e, le, "cannot locate symbol \"", &e2))
		sym = quoted_after(c, e2, '"');
	else if (find_from(e, le, "library \"", &e3))
		lib = quoted_after(c, e3, '"');
	if (!sym && !lib)
		return false;
	bool node = prog ? is_node_binary(prog) : has(c, "node");
	set(c, sym ? "android-exec-cannot-locate-symbol" : "android-exec-library-not-found", sym ? "undefined-symbol" : "missing-library", "bionic",
	    node ? "node itself cannot start (Android)" : "the program cannot start (Android)");
	c->ex->subject = "runtime";
	c->ex->package = NULL;
	const char *e4, *rb = sym ? find_from(e2, le, "\" referenced by \"", &e4) : NULL;
	c->ex->file = rb ? quoted_after(c, e4, '"') : prog;
	const char *who = prog ? arena_printf(c->a, "the program %s", prog) : "a program (no name in the text; run from a shell or a package's install script)";
	if (sym) {
		explain_symbol(c, sym);
		number(c, "undefined symbol", sym, c->ex->demangled);
	} else {
		c->ex->library = lib;
	}
	bool termux = has(c, "com.termux") || has(c, "termux");
	c->ex->why = arena_printf(c->a, "Android's linker is starting %s, before any addon, and %s. The program was built against other versions of its libraries than the ones installed (one package upgraded without the others), or a library it needs is not installed. No npm rebuild of an addon helps.",
				  who, sym ? arena_printf(c->a, "finds no %s in its libraries", sym) : arena_printf(c->a, "finds no %s", lib));
	bool cxx = lib && !strncmp(lib, "libc++", 6);
	c->ex->fix = termux || cxx ? arena_printf(c->a, "%supgrade all of Termux's packages together (pkg upgrade; apt full-upgrade), so node and libc++ / libicu / openssl match; then reinstall nodejs if it still fails",
						  cxx ? "install the C++ runtime (Termux: pkg install libc++), and " : "")
			    : "install the program's build for this Android release together with its libraries (update all packages of its distribution together)";
	return true;
}

static bool m_android(struct ctx *c)
{
	const char *e, *p = find(c, "dlopen failed: ", &e);
	if (!p)
		return false;
	const char *e2, *e3;
	if ((e2 = match_at(e, c->end, "cannot locate symbol \""))) {
		const char *sym = quoted_after(c, e2, '"');
		set(c, "android-cannot-locate-symbol", "undefined-symbol", "bionic", "a symbol the addon needs is defined nowhere in the process (Android)");
		if (find_from(e2, line_end(c, e2), "\" referenced by \"", &e3))
			set_file(c, quoted_after(c, e3, '"'));
		explain_symbol(c, sym);
		number(c, "undefined symbol", sym, c->ex->demangled);
		c->ex->why = arena_printf(c->a, "Android's linker binds every symbol when a library is loaded and found no %s in the process or the addon's libraries.%s",
					  sym ? sym : "definition of a symbol", symbol_story(c, sym));
		/* Node's own exports (Node-API even at level 1, libuv, V8/node
		 * C++): in nodejs-mobile, Node is libnode.so loaded by the app
		 * with local visibility, and bionic shows its symbols only to
		 * an addon that links against it, as that runtime's own
		 * native-module build does. */
		int lvl = sym ? napi_function_level(sym) : -1;
		const char *d = c->ex->demangled ? c->ex->demangled : "";
		if (sym && (lvl >= 0 || !strncmp(sym, "uv_", 3) || !strncmp(d, "v8::", 4) || !strncmp(d, "node::", 6)))
			c->ex->why = arena_printf(c->a, "Android's linker binds every symbol when a library is loaded and found no %s. It is one of Node.js's own exports: on Android (nodejs-mobile) Node.js is a library, libnode.so, loaded by the app, and bionic lets an addon see its symbols only when the addon links against libnode.so, as the runtime's own native-module build does; a prebuild made without that link finds none of them.%s",
						  sym, lvl > 1 ? symbol_story(c, sym) : "");
		c->ex->fix = arena_printf(c->a, "rebuild %s for the Node.js that runs it on Android (for nodejs-mobile, with its own native-module build against its libnode), or upgrade that runtime if it is a Node-API function",
					  pkg_or(c, "the addon"));
		return true;
	}
	if ((e2 = match_at(e, c->end, "library \""))) {
		const char *name = quoted_after(c, e2, '"');
		if (!name)
			return false;
		const char *nb = find_from(e2, line_end(c, e2), "\" not found: needed by ", &e3);
		if (nb) {
			const char *le = line_end(c, e3), *ns = find_from(e3, le, " in namespace ", NULL);
			set_file(c, dup_range(c, e3, ns ? ns : le));
		} else if (strchr(name, '/')) {
			/* Node passes the addon's full path: that file is missing */
			set(c, "android-library-not-found", "not-found", "bionic", "the addon file is not there");
			set_file(c, name);
			c->ex->why = "Android's linker found no file at the path given to dlopen().";
			c->ex->fix = arena_printf(c->a, "reinstall %s, and check that the app packs the .node file where it is loaded from", pkg_or(c, "the package"));
			return true;
		}
		c->ex->library = name;
		if (!strcmp(name, "libc.so.6") || !strncmp(name, "ld-linux", 8) || !strcmp(name, "libpthread.so.0") || !strcmp(name, "libdl.so.2") ||
		    !strcmp(name, "libm.so.6") || !strncmp(name, "libc.musl-", 10)) {
			set(c, "android-library-not-found", "wrong-libc", "bionic", "an addon built for Linux's glibc or musl, loaded on Android");
			c->ex->why = arena_printf(c->a, "%s is a library of a desktop Linux C library (glibc or musl); Android's C library is bionic, which has no such file: the addon is a linux-* build, not an android-* one.", name);
			c->ex->fix = arena_printf(c->a, "use an android-arm64 (or android-arm) build of %s, or build it from source for Android with the runtime's toolchain", pkg_or(c, "the package"));
			return true;
		}
		set(c, "android-library-not-found", "missing-library", "bionic", "a shared library the addon needs is not there (Android)");
		c->ex->why = arena_printf(c->a, "The addon lists %s as a dependency and Android's linker found it in none of its namespace's search paths (the app's native library directory and the system's public libraries).", name);
		c->ex->fix = arena_printf(c->a, "ship %s with the app next to the addon (for libc++_shared.so: package the NDK's copy), or build the addon so it does not need it", name);
		return true;
	}
	if (*e == '"') {
		const char *path = quoted_after(c, e + 1, '"');
		const char *after = path ? e + 2 + strlen(path) : NULL;
		if (!after)
			return false;
		if (match_at(after, c->end, " is 32-bit instead of 64-bit") || match_at(after, c->end, " is 64-bit instead of 32-bit")) {
			set(c, "android-wrong-elf-class", "wrong-arch", "bionic", "the addon is a 32-bit/64-bit build of the other kind");
			set_file(c, path);
			c->ex->why = "Android's linker refused the file's ELF class: a 32-bit (armeabi-v7a) build in a 64-bit process, or the reverse.";
			c->ex->fix = arena_printf(c->a, "install the build of %s for the process's ABI (android-arm64 for a 64-bit app)", pkg_or(c, "the package"));
			return true;
		}
		if ((e3 = match_at(after, c->end, " has unexpected e_machine: "))) {
			set(c, "android-wrong-machine", "wrong-arch", "bionic", "the addon is built for another CPU");
			set_file(c, path);
			number(c, "the file's ELF machine", dup_range(c, e3, line_end(c, e3)), NULL);
			c->ex->why = "Android's linker refused the file's ELF machine: it is built for another CPU than this device (an x86-64 Linux build on an arm64 phone, or the reverse).";
			c->ex->fix = arena_printf(c->a, "install the android build of %s for this device's CPU, or build it from source with the runtime's Android toolchain", pkg_or(c, "the package"));
			return true;
		}
		if (match_at(after, c->end, " has bad ELF magic")) {
			set(c, "android-bad-elf-magic", "wrong-os", "bionic", "the addon is not an ELF file: a macOS or Windows build");
			set_file(c, path);
			c->ex->why = "Android's linker found no ELF header: the file is a Mach-O (macOS) or PE (Windows) build, or damaged.";
			c->ex->fix = arena_printf(c->a, "install the android build of %s instead of one copied from a desktop machine", pkg_or(c, "the package"));
			return true;
		}
	}
	return false;
}

/* ---- Windows (loader-facts.md 8) ------------------------------------------ */

/* The path Node appends after the system text: the next non-empty line. */
static const char *windows_path(struct ctx *c, const char *after_msg)
{
	/* the path on the message's own line: a paste that lost the line
	 * break ("... could not be found. C:\\app\\x.node  ATOM_SHELL_ASAR.js:140"),
	 * up to the end of its .node name */
	const char *s0 = after_msg, *le0 = line_end(c, after_msg);
	while (s0 < le0 && is_blank(*s0))
		s0++;
	if (s0 < le0 && (match_at(s0, le0, "\\\\?\\") || (le0 - s0 > 2 && isalpha((unsigned char)s0[0]) && s0[1] == ':' && s0[2] == '\\'))) {
		const char *ne, *n = find_from(s0, le0, ".node", &ne);
		return dup_range(c, s0, n ? ne : le0);
	}
	const char *s = line_end(c, after_msg);
	while (s < c->end && (*s == '\r' || *s == '\n' || *s == ' '))
		s++;
	const char *e = line_end(c, s);
	/* a closing quote or code-span mark of the paste is not the path's */
	while (e > s && (e[-1] == '`' || e[-1] == '\'' || e[-1] == '"' || e[-1] == ' ' || e[-1] == '\t'))
		e--;
	if (s < e && (match_at(s, e, "\\\\?\\") || (e - s > 2 && s[1] == ':')))
		return dup_range(c, s, e);
	return NULL;
}

static bool m_windows(struct ctx *c)
{
	const char *e, *p, *lp = NULL, *le = NULL, *lang = NULL;
	int loc = windows_localized(c->t, c->end, &lp, &le, &lang);
	bool m193 = (p = find(c, " is not a valid Win32 application", &e)) != NULL;
	if (!m193 && loc == 193) {
		p = lp;
		e = le;
		m193 = true;
	}
	if (m193) {
		set(c, "windows-bad-exe-format", "wrong-arch", "windows", "Windows refused the addon's format: usually the wrong CPU (32/64-bit, ARM64)");
		const char *name = path_before(c, p);
		const char *after = windows_path(c, e);
		set_file(c, after ? after : (name && strcmp(name, "%1") ? name : NULL));
		c->ex->why = "ERROR_BAD_EXE_FORMAT: the DLL is for another architecture than node.exe (x86 vs x64 vs ARM64), or is not a Windows DLL at all (a Linux/macOS build copied over).";
		c->ex->fix = arena_printf(c->a, "reinstall %s with the node.exe that runs it (check 'node -p process.arch')", pkg_or(c, "the package"));
		return true;
	}
	if ((p = find(c, "The specified module could not be found.", &e)) || (p = find(c, "the specified module could not be found", &e)) ||
	    /* as some retype or translate it back */
	    (p = find(c, "The specified module was not found.", &e)) ||
	    (loc == 126 && (p = lp) && (e = le))) {
		set(c, "windows-module-not-found", "missing-library", "windows", "a DLL the addon needs was not found");
		set_file(c, windows_path(c, e));
		c->ex->why = "ERROR_MOD_NOT_FOUND: Node names only the addon, but it is almost always a DLL the addon depends on that is missing: the Visual C++ runtime (vcruntime140.dll, msvcp140.dll) or a library the package expects on PATH.";
		c->ex->fix = "install the latest Microsoft Visual C++ Redistributable; list the addon's DLL needs with 'addon-doctor deps FILE' (or dumpbin /dependents) and install what is missing";
		return true;
	}
	if ((p = find(c, "Windows cannot verify the digital signature for this file", &e)) ||
	    (p = find(c, "This program is blocked by group policy", &e))) {
		/* 577 ERROR_INVALID_IMAGE_HASH (code integrity: a signature
		 * check failed, or the system requires signed code) and 1260
		 * ERROR_ACCESS_DISABLED_BY_POLICY (Software Restriction
		 * Policies / AppLocker): the file is there, a policy refused it */
		bool hash = match_at(p, c->end, "Windows cannot verify") != NULL;
		set(c, hash ? "windows-invalid-image-hash" : "windows-blocked-by-policy", "code-signature", "windows",
		    hash ? "Windows refused the addon's digital signature" : "a Windows policy does not allow the addon to load");
		set_file(c, windows_path(c, line_end(c, e)));
		c->ex->why = hash ? "ERROR_INVALID_IMAGE_HASH: Windows' code integrity checked the DLL's signature and refused it: the file was changed after signing (patched, damaged in the download), or this system (or the process, e.g. an Electron app with code-integrity guard) accepts only signed code and the addon is unsigned."
				  : "ERROR_ACCESS_DISABLED_BY_POLICY: Software Restriction Policies or AppLocker (group policy of a managed machine) do not allow DLLs from this location (typically the user profile, where node_modules usually lives) to load. The file itself is fine.";
		c->ex->fix = hash ? arena_printf(c->a, "reinstall %s (delete its folder in node_modules first); if it still fails, the system or app requires signed code: use a signed build, or ask the administrator to allow it", pkg_or(c, "the package"))
				  : "ask the administrator to allow the project's folder (or the package's publisher) in the AppLocker / Software Restriction policy, or work from a folder the policy allows";
		return true;
	}
	if ((p = find(c, "is not compatible with the version of Windows you're running", &e))) {
		/* 216 ERROR_EXE_MACHINE_TYPE_MISMATCH */
		set(c, "windows-machine-type-mismatch", "wrong-arch", "windows", "the addon is built for another CPU than this Windows runs");
		set_file(c, windows_path(c, line_end(c, e)));
		c->ex->why = "ERROR_EXE_MACHINE_TYPE_MISMATCH: the DLL's machine type is not one this Windows can load in this process: an x64 or ARM64 build on 32-bit Windows, or a build for another CPU family.";
		c->ex->fix = arena_printf(c->a, "install %s with a node.exe of this machine's architecture (node -p process.arch; 32-bit Windows needs an ia32 build), or npm rebuild %s --arch=<that arch>",
					  pkg_or(c, "the package"), pkg_or(c, "<package>"));
		return true;
	}
	if ((p = find(c, "side-by-side configuration is incorrect", &e))) {
		/* 14001 ERROR_SXS_CANT_GEN_ACTCTX: the DLL's manifest names a
		 * side-by-side assembly (the Visual C++ 2005/2008 runtime, the
		 * common-controls) that is not installed */
		set(c, "windows-side-by-side", "missing-library", "windows", "a side-by-side runtime the addon's manifest names is not installed");
		set_file(c, windows_path(c, line_end(c, e)));
		c->ex->why = "ERROR_SXS_CANT_GEN_ACTCTX: the addon (or a DLL it loads) carries a manifest that asks for a side-by-side assembly, nearly always an old Visual C++ runtime (2005 or 2008, Microsoft.VC80/VC90.CRT) of its own architecture, and Windows has none installed. sxstrace or the Application event log names the assembly.";
		c->ex->fix = "install the Visual C++ Redistributable the manifest names (2005/2008 for VC80/VC90, of the addon's architecture), or rebuild the addon with a current toolset (npm rebuild <package>), which links the runtime without a side-by-side manifest";
		return true;
	}
	if ((p = find(c, "An Application Control policy has blocked this file", &e))) {
		/* Windows Defender Application Control / Smart App Control
		 * refusing an unsigned or untrusted DLL: the file is present */
		set(c, "windows-app-control-blocked", "code-signature", "windows", "Windows Application Control refused to load the addon");
		set_file(c, windows_path(c, e));
		c->ex->why = "The .node file is there, but a Windows Defender Application Control or Smart App Control policy does not trust it (unsigned, or signed by a publisher the policy does not allow), so LoadLibrary refused it. A loader that then reports a missing binding (napi-rs's \"Cannot find native binding\") is reporting this failure.";
		c->ex->fix = "allow the file or its publisher in the Application Control policy (or turn Smart App Control off, which cannot be undone without a reset), or use a signed build of the package; reinstalling does not help";
		return true;
	}
	if ((p = find(c, "The specified procedure could not be found.", &e)) || (p = find(c, "the specified procedure could not be found", &e)) ||
	    (loc == 127 && (p = lp) && (e = le))) {
		set(c, "windows-procedure-not-found", "undefined-symbol", "windows", "a function the addon imports is missing from a DLL");
		set_file(c, windows_path(c, e));
		/* NW.js: an addon built by npm for Node.js imports node.exe's
		 * exports, which nw.exe resolves only for the ABI it was built
		 * for; nw-gyp builds against NW.js's own headers and import
		 * library */
		if (nwjs_clues(c) && c->ex->file && strstr(c->ex->file, ".node")) {
			c->ex->cause = "abi-mismatch";
			c->ex->title = "an addon built for Node.js, loaded by NW.js";
			c->ex->why = "ERROR_PROC_NOT_FOUND for the addon itself under NW.js: it was built by npm against Node.js's headers and import library, and NW.js does not export the same functions (it has its own V8, Node version and nw.dll). Native modules for NW.js are built with nw-gyp for the exact NW.js version.";
			c->ex->fix = arena_printf(c->a, "rebuild %s for NW.js: npm install -g nw-gyp, then in the package's directory nw-gyp rebuild --target=<NW.js version> --arch=<ia32|x64> (for node-pre-gyp packages: npm install %s --build-from-source --runtime=node-webkit --target=<NW.js version>)",
						  pkg_or(c, "the addon"), pkg_or(c, "<package>"));
		}
		c->ex->why = "ERROR_PROC_NOT_FOUND: a DLL the addon imports from is present but too old or different (another version of the same DLL earlier on PATH, or a node.exe/libnode.dll without that export).";
		c->ex->fix = arena_printf(c->a, "rebuild %s for this Node.js/Electron (npm rebuild %s) and make sure no older copy of its DLLs is found first on PATH",
					  pkg_or(c, "the addon"), pkg_or(c, "<package>"));
		return true;
	}
	if ((p = find(c, "A dynamic link library (DLL) initialization routine failed.", &e)) ||
	    /* the wording of some Windows releases */
	    (p = find(c, "A dynamic-link library (DLL) initialization routine failed.", &e))) {
		set(c, "windows-dll-init-failed", "dll-init-failed", "windows", "the addon's or a dependency's DllMain failed");
		set_file(c, windows_path(c, e));
		c->ex->why = "ERROR_DLL_INIT_FAILED: code running while the DLL loads returned failure (often a CPU-feature check, or a dependency that cannot initialise).";
		c->ex->fix = "reinstall the package; check that its prebuild supports this CPU and Windows version";
		return true;
	}
	return false;
}

/* ---- prebuild loaders (loader-facts.md 9) --------------------------------- */

static const char *kv(struct ctx *c, const char *from, const char *to, const char *key)
{
	const char *e, *p = find_from(from, to, key, &e);
	if (!p)
		return NULL;
	const char *s = e;
	while (e < to && !is_blank(*e))
		e++;
	return e > s ? arena_strndup(c->a, s, (size_t)(e - s)) : NULL;
}

static const char *const platform_words[] = {
	"-linux-", "-darwin-", "-win32-", "-android-", "-freebsd-", "-openharmony-", "-wasm32-",
};

/* node-gyp-build's own frames ("at Function.load.path (FILE:L:C)"; a
 * bundler renames load to load2...): in a file that is not node-gyp-build's
 * index.js, its code was bundled into FILE, and __dirname with it. */
static bool node_gyp_build_frame_bundled(struct ctx *c)
{
	const char *e, *p = find(c, ".path (", &e);
	for (int k = 0; p && k < 64; k++, p = find_from(e, c->end, ".path (", &e)) {
		const char *q = p;
		while (q > c->t && isdigit((unsigned char)q[-1]))
			q--;
		if (q - c->t < 4 || memcmp(q - 4, "load", 4))
			continue;
		const char *close = e;
		while (close < c->end && *close != ')' && *close != '\n')
			close++;
		const char *file = dup_range(c, e, close);
		if (file && !strstr(file, "node-gyp-build") && (strstr(file, ".js:") || strstr(file, ".cjs:") || strstr(file, ".mjs:")))
			return true;
	}
	return false;
}

/* node-gyp-build-optional-packages (lmdb, msgpackr-extract) tries the
 * @scope/<name>-<platform>-<arch> package first and prints "Error
 * resolving package: Cannot find module '<it>'" with its own error. */
static const char *platform_package_not_found(struct ctx *c)
{
	const char *e, *p = find(c, "Cannot find module '", &e);
	for (int k = 0; p && k < 16; k++, p = find_from(e, c->end, "Cannot find module '", &e)) {
		const char *name = quoted_after(c, e, '\'');
		if (!name || strchr(name, '/') != strrchr(name, '/') || name[0] == '.' || name[0] == '/' || strstr(name, ".node"))
			continue;
		for (size_t i = 0; i < sizeof platform_words / sizeof platform_words[0]; i++)
			if (strstr(name, platform_words[i]))
				return name;
	}
	return NULL;
}

static bool m_node_gyp_build(struct ctx *c)
{
	const char *e, *p = find(c, "No native build was found for ", &e);
	if (!p)
		return false;
	const char *le = line_end(c, e);
	set(c, "node-gyp-build-no-prebuild", "missing-prebuild", "node-gyp-build", "node-gyp-build found no binary for this platform/runtime");
	const char *plat = kv(c, e, le, "platform="), *arch = kv(c, e, le, "arch="), *rt = kv(c, e, le, "runtime=");
	const char *abi = kv(c, e, le, "abi="), *libc = kv(c, e, le, "libc="), *node = kv(c, e, le, "node=");
	const char *el = kv(c, e, le, "electron=");
	if (plat && arch)
		number(c, "platform-arch", arena_printf(c->a, "%s-%s", plat, arch), NULL);
	if (rt)
		number(c, "runtime", rt, el ? arena_printf(c->a, "Electron %s", el) : node ? arena_printf(c->a, "Node.js %s", node) : NULL);
	if (abi)
		number(c, "NODE_MODULE_VERSION", abi, abi_words(c, atol(abi)));
	if (libc)
		number(c, "libc", libc, NULL);
	const char *e2, *lf = find_from(le, c->end, "loaded from: ", &e2);
	if (lf) {
		const char *dir = dup_range(c, e2, line_end(c, e2));
		c->ex->package = package_of(c->a, dir ? arena_printf(c->a, "%s/", dir) : NULL);
		c->ex->file = dir;
	}
	/* node-gyp-build searches the directory its caller passes (__dirname
	 * of the package's own file).  Bundled, that is the bundle's: it says
	 * webpack=true under webpack, platform=browser arch=javascript in a
	 * browser-target bundle; "loaded from" an .asar archive, pkg's
	 * /snapshot/ or bun's /$bunfs/ is a packaged copy without the
	 * package's prebuilds/ and build/. */
	const char *lf_dir = c->ex->file;
	bool in_asar = lf_dir && (strstr(lf_dir, ".asar") && !strstr(lf_dir, ".asar.unpacked"));
	bool packed = lf_dir && (strstr(lf_dir, "/snapshot/") || strstr(lf_dir, "\\snapshot\\") || strstr(lf_dir, "/$bunfs/") || strstr(lf_dir, "~BUN"));
	const char *platpkg = platform_package_not_found(c);
	if (platpkg) {
		set(c, "node-gyp-build-platform-package-missing", "missing-platform-package", "node-gyp-build", "the platform-specific package of a native dependency is not installed");
		c->ex->package = platpkg;
		number(c, "missing package", platpkg, NULL);
		c->ex->why = arena_printf(c->a, "The loader (node-gyp-build-optional-packages) looks first for %s, the optional dependency that carries the binary for this platform, and then in the package's own prebuilds/ and build/: neither is there. npm did not install the optional package: a lockfile made on another OS/CPU (it lists only that machine's platform package), npm's optional-dependency bug (npm/cli#4828), --omit=optional, or node_modules copied from another machine.", platpkg);
		c->ex->fix = "install on the machine that runs it without the foreign lockfile (rm -rf node_modules package-lock.json && npm install), or add the platform package explicitly (npm install --save-optional <it>)";
		return true;
	}
	bool frames_bundled = node_gyp_build_frame_bundled(c);

	if (find_from(e, le, "webpack=true", NULL) || (plat && !strcmp(plat, "browser")) || (arch && !strcmp(arch, "javascript")) || in_asar || packed || frames_bundled) {
		c->ex->cause = "bundled-addon";
		c->ex->recognised = "node-gyp-build-bundled";
		c->ex->title = "node-gyp-build searched inside a bundle, not the installed package: the addon's JavaScript was bundled";
		c->ex->why = packed ? "node-gyp-build looked for prebuilds/ and build/ inside a single-file executable's embedded file system (pkg's /snapshot/, bun's /$bunfs/), where the packager did not put the package's .node files: it includes what it sees required statically, and node-gyp-build computes its path at run time. The package itself is installed where the build ran."
			: "node-gyp-build looked for prebuilds/ and build/ in the directory of the code that called it, and that code is a bundle (webpack=true, a browser target, node-gyp-build's own frames inside a bundled file, or a file inside an .asar archive), not the package in node_modules: the bundler moved the package's JavaScript away from its .node files. The installed package is usually fine.";
		c->ex->fix = packed ? "ship the package's .node files with the executable (pkg: list node_modules/<package>/prebuilds/** under pkg.assets; bun --compile: require the .node by a static path), or keep the package out of the single-file build"
			: "keep the native package out of the bundle (webpack externals, electron-vite externalizeDepsPlugin, vite build.rollupOptions.external; a node target, not web, for Electron's main/preload code), so it is required from node_modules; when packaging Electron, unpack its .node files (asarUnpack)";
		return true;
	}
	c->ex->why = "node-gyp-build looked in build/Release, build/Debug and prebuilds/<platform>-<arch>/ and found no file whose tags (runtime, abi or napi, libc, armv) match this process: the package ships no prebuild for this combination and the install-time compile did not run or failed.";
	c->ex->fix = arena_printf(c->a, "npm rebuild %s --build-from-source (needs python3, make and a C++ compiler), or use a package version that ships a prebuild for this platform/runtime",
				  pkg_or(c, "<package>"));
	return true;
}

/*
 * sharp >= 0.33 (lib/sharp.js): "Could not load the "sharp" module using
 * the <platform>-<arch> runtime" when no @img/sharp-<platform>-<arch>
 * package loads; "Unsupported CPU: Prebuilt binaries for linux-x64
 * require v2 microarchitecture" on an x86-64 CPU without SSE4.2/POPCNT.
 * A loader error printed with it (GLIBC too old, ...) is matched first.
 */
static bool m_sharp(struct ctx *c)
{
	const char *e, *p;
	if ((p = find(c, "Unsupported CPU: ", &e)) && find_from(e, line_end(c, e), "microarchitecture", NULL)) {
		set(c, "sharp-unsupported-cpu", "wrong-arch", "sharp", "the CPU is older than the one sharp's prebuilt binaries are compiled for");
		c->ex->package = "sharp";
		c->ex->why = "sharp's prebuilt libvips for linux-x64 is compiled for the x86-64-v2 microarchitecture (SSE4.2, POPCNT). This CPU, or the CPU model a VM or emulator presents (QEMU's default qemu64), lacks it.";
		c->ex->fix = "expose the host CPU to the VM (e.g. QEMU/Proxmox CPU type 'host'), or build libvips and sharp from source on this machine (see sharp's installation docs, 'Building from source')";
		return true;
	}
	/* sharp 0.29-0.32 (lib/sharp.js): its binary build/Release/sharp-<platform>-<arch>.node
	 * comes from its install script, for the platform that ran it */
	/* a JSON log whose inner quotes were not escaped loses them in
	 * clean.c ("installing the\nsharp\n module"): ' ' matches blanks */
	if (!find(c, "Could not load the \"sharp\" module using the ", NULL) &&
	    (find(c, "Something went wrong installing the \"sharp\" module", NULL) || find(c, "Something went wrong installing the sharp module", NULL)) &&
	    (p = find(c, "Cannot find module '", &e))) {
		const char *mod = quoted_after(c, e, '\'');
		const char *b = mod ? strstr(mod, "build/Release/sharp-") : NULL;
		if (b) {
			const char *rt = arena_strndup(c->a, b + strlen("build/Release/sharp-"), strcspn(b + strlen("build/Release/sharp-"), "."));
			const char *dash = rt ? strchr(rt, '-') : NULL;
			if (!rt)
				return false;
			set(c, "sharp-binary-not-installed", "missing-prebuild", "sharp", "sharp's binary for this platform was never installed");
			c->ex->package = "sharp";
			c->ex->file = mod;
			number(c, "sharp runtime (platform-arch)", rt, !strncmp(rt, "linuxmusl-", 10) ? "Linux with musl (Alpine)" : NULL);
			c->ex->why = arena_printf(c->a, "sharp 0.32 and older download build/Release/sharp-%s.node in their install script, for the platform the install ran on. It is not there: node_modules was installed on another OS/CPU/libc and copied in (a Docker COPY of a Mac's or a glibc system's node_modules), or the install script did not run (--ignore-scripts) or failed.", rt);
			c->ex->fix = arena_printf(c->a, "install sharp where it runs (in the image: do not COPY node_modules in - add it to .dockerignore and npm ci there), or npm rebuild sharp there; cross-installing: npm install --platform=%.*s --arch=%s sharp",
						  dash ? (int)(dash - rt) : (int)strlen(rt), rt, dash ? dash + 1 : "<arch>");
			return true;
		}
	}
	if (!(p = find(c, "Could not load the \"sharp\" module using the ", &e)))
		return false;
	const char *rt = token_at(c, e);
	set(c, "sharp-could-not-load", "missing-platform-package", "sharp", "sharp found no binary package for this platform");
	c->ex->package = "sharp";
	if (rt) {
		number(c, "sharp runtime (platform-arch)", rt, !strncmp(rt, "linuxmusl-", 10) ? "Linux with musl (Alpine)" : !strncmp(rt, "linux-", 6) ? "Linux with glibc" : NULL);
		c->ex->why = arena_printf(c->a, "sharp loads its binary from the optional package @img/sharp-%s; it is not installed (optional dependencies omitted, a lockfile or node_modules from another OS/CPU/libc, or npm's optional-dependency bug npm/cli#4828).", rt);
		const char *dash = strchr(rt, '-');
		c->ex->fix = dash ? arena_printf(c->a, "npm install --include=optional sharp on the machine that runs it; when installing for another platform: npm install --os=%.*s --cpu=%s%s sharp",
						 (int)(!strncmp(rt, "linuxmusl", 9) ? 5 : dash - rt), rt, dash + 1,
						 !strncmp(rt, "linuxmusl", 9) ? " --libc=musl" : !strncmp(rt, "linux-", 6) ? " --libc=glibc" : "")
				  : "npm install --include=optional sharp on the machine that runs it";
	} else {
		c->ex->why = "sharp loads its binary from an optional @img/sharp-<platform>-<arch> package, and none loaded.";
		c->ex->fix = "npm install --include=optional sharp on the machine that runs it";
	}
	return true;
}

/* @tensorflow/tfjs-node (dist/index.js): it checks that lib/napi-v<N>/
 * tfjs_binding.node exists before requiring it, and throws "The Node.js
 * native addon module (tfjs_binding.node) can not be found at path: ..."
 * when its install script (which downloads libtensorflow and the
 * binding) did not run or failed. */
static bool m_tfjs(struct ctx *c)
{
	/* the first hit may be Node's echo of tfjs's source line
	 * (throw new Error("The Node.js native addon module (tfjs_binding.node)
	 * can not " +), the message follows */
	const char *e, *p = find(c, "native addon module (", &e), *e2 = NULL, *q = NULL;
	for (int k = 0; p && k < 16 && !q; k++) {
		q = find_from(e, line_end(c, e), ") can not be found at path: ", &e2);
		if (!q)
			p = find_from(e, c->end, "native addon module (", &e);
	}
	if (!q)
		return false;
	set(c, "tfjs-binding-not-found", "missing-prebuild", "tfjs-node", "@tensorflow/tfjs-node's binding was never installed");
	const char *le = line_end(c, e2), *t = le;
	while (t > e2 && (t[-1] == '.' || is_blank(t[-1])))
		t--;
	set_file(c, dup_range(c, e2, t));
	if (!c->ex->package)
		c->ex->package = "@tensorflow/tfjs-node";
	c->ex->why = "tfjs-node downloads libtensorflow and its prebuilt binding (lib/napi-v<N>/tfjs_binding.node) in its install script; the file is not there, so that script did not run (--ignore-scripts, a package manager that skips it) or failed (no network to its storage, no prebuild for this platform, then a compile that failed).";
	c->ex->fix = arena_printf(c->a, "npm rebuild %s (it reruns the download; on a platform without a prebuild: npm rebuild %s --build-from-source), or delete node_modules and install again", c->ex->package, c->ex->package);
	return true;
}

/* ---- packages' own loader texts ------------------------------------------
 * Packages that pick a platform binary in JavaScript print their own
 * message when none fits; the texts below are each package's (read in its
 * published loader: esbuild's lib/main.js, @parcel/watcher's index.js,
 * node-sass's lib/binding.js and lib/extensions.js, grpc's
 * src/grpc_extension.js, @prisma/client's runtime). */

/* esbuild (>= 0.15: @esbuild/<platform>-<arch>; older: esbuild-<platform>-64)
 * "The package "X" could not be found, and is needed by esbuild.", and
 * "You installed esbuild for another platform than the one you're currently
 * using. ... Specifically the "A" package is present but this platform
 * needs the "B" package instead." */
static bool m_esbuild(struct ctx *c)
{
	const char *e, *p;
	if ((p = find(c, "\" package is present but this platform", &e))) {
		const char *ls = p, *e2;
		while (ls > c->t && p - ls < 200 && ls[-1] != '"')
			ls--;
		const char *present = ls > c->t && ls[-1] == '"' ? dup_range(c, ls, p) : NULL;
		const char *nq = find_from(e, c->end, "needs the \"", &e2);
		const char *need = nq ? quoted_after(c, e2, '"') : NULL;
		set(c, "esbuild-wrong-platform-package", "missing-platform-package", "esbuild", "esbuild was installed for another platform than the one running it");
		c->ex->package = need;
		if (present)
			number(c, "platform package installed", present, NULL);
		if (need)
			number(c, "platform package this system needs", need, NULL);
		bool rosetta = present && need && strstr(present, "darwin") && strstr(need, "darwin");
		c->ex->why = rosetta ? "esbuild's binary comes in one optional package per platform; npm installed the other Mac CPU's package: npm ran under Rosetta 2 (x86_64) and node runs natively on arm64, or the reverse."
				     : "esbuild's binary comes in one optional package per platform, and npm installs only the one of the machine that ran npm install: node_modules (or a lockfile made without the other platforms, or a Docker build context) was carried from another OS or CPU, e.g. a Mac's node_modules mounted into a Linux container, or shared between Windows and WSL.";
		c->ex->fix = "install on the machine (or in the image) that runs it: rm -rf node_modules && npm install there; in Docker add node_modules to .dockerignore and run npm ci in the image; with a shared lockfile, keep optional dependencies (no --omit=optional)";
		return true;
	}
	if ((p = find(c, "The package \"", &e)) && find_from(e, line_end(c, e), "\" could not be found, and is needed by esbuild", NULL)) {
		const char *pkg = quoted_after(c, e, '"');
		set(c, "esbuild-platform-package-missing", "missing-platform-package", "esbuild", "esbuild's platform package is not installed");
		c->ex->package = pkg;
		if (pkg)
			number(c, "missing package", pkg, NULL);
		c->ex->why = arena_printf(c->a, "esbuild ships its binary in %s, an optional dependency for this platform, and it is not installed: optional dependencies were omitted (--no-optional, --omit=optional, NODE_ENV/production settings of some tools), npm's optional-dependency bug (npm/cli#4828), a lockfile made on another platform, or node_modules copied from another machine.",
					  pkg ? pkg : "a platform package");
		c->ex->fix = "rm -rf node_modules package-lock.json && npm install on this machine, without --no-optional / --omit=optional (or add the platform package explicitly)";
		return true;
	}
	return false;
}

/* @parcel/watcher: "No prebuild or local build of @parcel/watcher found.
 * Tried @parcel/watcher-<platform>-<arch>[-glibc|-musl]." */
static bool m_parcel_watcher(struct ctx *c)
{
	const char *e, *p = find(c, "No prebuild or local build of @parcel/watcher found", &e);
	if (!p)
		return false;
	const char *e2, *t = find_from(e, line_end(c, e), "Tried ", &e2);
	const char *pkg = NULL;
	if (t) {
		const char *q = e2;
		while (q < c->end && !is_blank(*q) && *q != ',')
			q++;
		if (q > e2 && q[-1] == '.')
			q--;
		pkg = dup_range(c, e2, q);
	}
	set(c, "parcel-watcher-no-build", "missing-platform-package", "@parcel/watcher", "the platform package of @parcel/watcher is not installed");
	c->ex->package = pkg ? pkg : "@parcel/watcher";
	if (pkg)
		number(c, "missing package", pkg, NULL);
	c->ex->why = arena_printf(c->a, "@parcel/watcher loads its binary from %s, an optional dependency for this platform (and libc), and it is not installed: optional dependencies omitted, npm's optional-dependency bug (npm/cli#4828), a lockfile or node_modules from another OS/CPU/libc (a glibc install copied into Alpine), or a platform with no published build.",
				  pkg ? pkg : "a per-platform package");
	c->ex->fix = "rm -rf node_modules package-lock.json && npm install on the machine (or in the image) that runs it, keeping optional dependencies; on a platform with no build, install build tools so @parcel/watcher compiles";
	return true;
}

/* node-sass (lib/binding.js, lib/extensions.js): the binding lives in
 * vendor/<platform>-<arch>-<ABI>/binding.node, downloaded at install. */
static bool m_node_sass(struct ctx *c)
{
	const char *e, *p;
	if ((p = find(c, "Node Sass does not yet support your current environment", &e))) {
		set(c, "node-sass-unsupported-environment", "missing-prebuild", "node-sass", "this node-sass release has no binary (and no support) for this Node.js");
		const char *e2, *u = find_from(e, line_end(c, e), "Unsupported runtime (", &e2);
		if (u) {
			long abi = number_at(e2, c->end, NULL);
			if (abi > 0)
				number(c, "NODE_MODULE_VERSION of this runtime", arena_printf(c->a, "%ld", abi), abi_words(c, abi));
		}
		c->ex->package = "node-sass";
		c->ex->why = "Each node-sass release knows a fixed list of Node.js versions and publishes binaries for them only; this Node.js is newer than the release installed (node-sass is deprecated and has no release for recent Node.js majors).";
		c->ex->fix = "replace node-sass with sass (Dart Sass: npm uninstall node-sass && npm install sass; sass-loader uses it as is), or upgrade node-sass to the release that supports this Node.js, or run the Node.js version it supports";
		return true;
	}
	if ((p = find(c, "Node Sass could not find a binding for your current environment", &e))) {
		set(c, "node-sass-missing-binding", "missing-prebuild", "node-sass", "node-sass's binary for this environment is not installed");
		c->ex->package = "node-sass";
		const char *e2, *mb = find(c, "Missing binding ", &e2);
		if (mb) {
			const char *file = dup_range(c, e2, line_end(c, e2));
			set_file(c, file);
			c->ex->package = "node-sass"; /* set_file took it from the path */
			const char *v = file ? strstr(file, "vendor/") : NULL;
			if (!v && file)
				v = strstr(file, "vendor\\");
			if (v) {
				const char *d = v + 7, *de = d;
				while (*de && *de != '/' && *de != '\\')
					de++;
				const char *dash = de;
				while (dash > d && dash[-1] != '-')
					dash--;
				long abi = dash < de ? atol(dash) : 0;
				if (abi > 0)
					number(c, "NODE_MODULE_VERSION this runtime looks for", arena_printf(c->a, "%ld", abi), abi_words(c, abi));
			}
		}
		/* "Found bindings for the following environments:\n  - OS X
		 * 64-bit with Node.js 12.x": what was installed, and for whom */
		const char *e3, *fb = find(c, "Found bindings for the following environments:", &e3);
		const char *envline = find(c, "for your current environment: ", &e2) ? dup_range(c, e2, line_end(c, e2)) : NULL;
		const char *found = NULL;
		if (fb) {
			const char *q = line_end(c, e3);
			while (q < c->end && (is_blank(*q)))
				q++;
			if (q < c->end && *q == '-') {
				q++;
				while (q < c->end && *q == ' ')
					q++;
				found = dup_range(c, q, line_end(c, q));
			}
		}
		if (envline)
			number(c, "this environment", envline, NULL);
		if (found)
			number(c, "binding installed for", found, NULL);
		/* the OS word before "64-bit"/"32-bit": Linux, OS X, Windows,
		 * Linux/musl; a different one means node_modules came from
		 * another OS */
		bool other_os = false, other_node = false;
		if (envline && found) {
			const char *a = strstr(envline, " with "), *b = strstr(found, " with ");
			if (a && b) {
				other_os = (size_t)(a - envline) != (size_t)(b - found) || strncmp(envline, found, (size_t)(a - envline));
				other_node = strcmp(a, b) != 0;
			}
		}
		bool musl_diff = envline && found && !strncmp(envline, "Linux", 5) && !strncmp(found, "Linux", 5) &&
				 (!strncmp(envline, "Linux/musl", 10)) != (!strncmp(found, "Linux/musl", 10));
		const char *sp1 = envline ? strchr(envline, ' ') : NULL, *sp2 = found ? strchr(found, ' ') : NULL;
		bool same_os_word = sp1 && sp2 && sp1 - envline == sp2 - found && !strncmp(envline, found, (size_t)(sp1 - envline));
		if (other_os && musl_diff) {
			c->ex->cause = "wrong-libc";
			c->ex->title = "node-sass was installed for another C library (glibc vs musl)";
			c->ex->why = "node-sass downloads the binding of the system that ran npm install; the one here is for the other Linux C library (a glibc install copied into Alpine, or the reverse).";
			c->ex->fix = "npm rebuild node-sass inside the image that runs it (node_modules in .dockerignore), or replace node-sass with sass";
		} else if (other_os && same_os_word) {
			c->ex->cause = "wrong-arch";
			c->ex->title = "node-sass was installed for another CPU";
			c->ex->why = "node-sass downloads the binding of the node that ran npm install; the one here is for another architecture (a 32-bit and a 64-bit node, an arm64 and an x64 one, Rosetta).";
			c->ex->fix = "npm rebuild node-sass with the node that runs it, or replace node-sass with sass";
		} else if (other_os) {
			c->ex->cause = "wrong-os";
			c->ex->title = "node-sass was installed on another OS (or libc, or CPU) than the one running it";
			c->ex->why = "node-sass downloads the binding of the machine that ran npm install; the only one here is for another system: node_modules was copied or mounted from another machine (a Mac's or Windows' node_modules in a Linux container, a glibc install in Alpine).";
			c->ex->fix = "install on the machine (or in the image) that runs it: rm -rf node_modules && npm install there (in Docker: node_modules in .dockerignore); better, replace node-sass with sass";
		} else if (other_node) {
			c->ex->cause = "abi-mismatch";
			c->ex->title = "node-sass was installed with another Node.js version";
			c->ex->why = "node-sass keeps one binding per Node.js ABI (vendor/<platform>-<arch>-<ABI>); the one here is for the Node.js that ran npm install, not the one running now (nvm/volta switch, a CI image upgrade).";
			c->ex->fix = "npm rebuild node-sass with the Node.js that runs it (it downloads that binding), or replace node-sass with sass";
		} else {
			c->ex->why = "node-sass downloads vendor/<platform>-<arch>-<ABI>/binding.node in its install script; it is not there: install scripts skipped (--ignore-scripts), the download blocked (proxy, GitHub release gone for old versions) and the fallback compile failed.";
			c->ex->fix = "npm rebuild node-sass (read its output), or replace node-sass with sass (Dart Sass, no binary)";
		}
		return true;
	}
	return false;
}

/* grpc (the deprecated native package): "Failed to load gRPC binary module
 * because it was not installed for the current system\nExpected directory:
 * node-v83-linux-x64-glibc\nFound: [node-v72-darwin-x64-unknown]". */
/* "node-v83-linux-x64-glibc" -> "83", "linux", "x64", "glibc"; returns how
 * many parts were read (4 for a well-formed name). */
static int grpc_dir_parts(const char *dir, char part[4][32])
{
	if (strncmp(dir, "node-v", 6))
		return 0;
	int n = 0;
	for (const char *q = dir + 6; *q && n < 4; n++) {
		size_t k = strcspn(q, "-");
		snprintf(part[n], 32, "%.*s", (int)(k < 31 ? k : 31), q);
		q += k;
		if (*q == '-')
			q++;
	}
	return n;
}

static bool m_grpc(struct ctx *c)
{
	const char *e, *p = find(c, "Failed to load gRPC binary module because it was not installed for the current system", &e);
	if (!p)
		return false;
	const char *e2, *ed = find_from(e, c->end, "Expected directory: ", &e2);
	const char *want = ed ? dup_range(c, e2, line_end(c, e2)) : NULL;
	const char *e3, *fd = find_from(e, c->end, "Found: [", &e3);
	const char *got = NULL;
	if (fd) {
		const char *q = e3;
		while (q < c->end && *q != ']' && *q != ',' && *q != '\n')
			q++;
		got = q > e3 ? dup_range(c, e3, q) : NULL;
	}
	set(c, "grpc-binary-not-installed", "missing-prebuild", "grpc", "grpc's binary for this system is not installed");
	c->ex->package = "grpc";
	if (want)
		number(c, "directory this system needs", want, NULL);
	if (got)
		number(c, "directory installed", got, NULL);
	/* node-v<ABI>-<platform>-<arch>-<libc>: compare part by part */
	char wp[4][32] = { { 0 } }, gp[4][32] = { { 0 } };
	int wn = want && got ? grpc_dir_parts(want, wp) : 0, gn = want && got ? grpc_dir_parts(got, gp) : 0;
	/* number() keeps the pointer: copy out of these stack buffers */
	if (wn == 4 && isdigit((unsigned char)wp[0][0]))
		number(c, "NODE_MODULE_VERSION this runtime needs", arena_printf(c->a, "%s", wp[0]), abi_words(c, atol(wp[0])));
	if (gn == 4 && isdigit((unsigned char)gp[0][0]))
		number(c, "NODE_MODULE_VERSION of the installed binary", arena_printf(c->a, "%s", gp[0]), abi_words(c, atol(gp[0])));
	if (wn == 4 && gn == 4) {
		if (strcmp(wp[1], gp[1])) {
			c->ex->cause = "wrong-os";
			c->ex->title = "grpc was installed on another OS than the one running it";
			c->ex->why = arena_printf(c->a, "grpc installs the binary of the machine that ran npm install (%s here); this system needs %s: node_modules was copied or mounted from another OS (a Mac's node_modules in a Linux container).", got, want);
			c->ex->fix = "npm rebuild grpc on the machine (or in the image) that runs it (in Docker: node_modules in .dockerignore, npm ci in the image); better, move to @grpc/grpc-js, which has no binary";
			return true;
		}
		if (strcmp(wp[2], gp[2])) {
			c->ex->cause = "wrong-arch";
			c->ex->title = "grpc was installed for another CPU";
			c->ex->why = arena_printf(c->a, "The installed binary (%s) is for another CPU than this process needs (%s).", got, want);
			c->ex->fix = "npm rebuild grpc with the node that runs it (same architecture), or move to @grpc/grpc-js";
			return true;
		}
		if (strcmp(wp[3], gp[3]) && strcmp(gp[3], "unknown")) {
			c->ex->cause = "wrong-libc";
			c->ex->title = "grpc was installed for another C library (glibc vs musl)";
			c->ex->why = arena_printf(c->a, "The installed binary (%s) is for another C library than this system's (%s): node_modules from a glibc system in Alpine, or the reverse.", got, want);
			c->ex->fix = "npm rebuild grpc inside the image that runs it, or move to @grpc/grpc-js";
			return true;
		}
		if (strcmp(wp[0], gp[0])) {
			c->ex->cause = "abi-mismatch";
			c->ex->title = "grpc was installed with another Node.js version";
			c->ex->why = arena_printf(c->a, "The installed binary (%s) is for another Node.js ABI than the running one (%s): node_modules was installed with another Node.js.", got, want);
			c->ex->fix = "npm rebuild grpc with the Node.js that runs it, or move to @grpc/grpc-js";
			return true;
		}
	}
	c->ex->why = "grpc's install script downloads (or compiles) the binary for the installing system; none for this one is there: install scripts skipped, the download failed and the compile too, or no binary exists for this Node.js (grpc is deprecated and stopped at Node.js 14/16).";
	c->ex->fix = "npm rebuild grpc (read its output), or move to @grpc/grpc-js, which has no binary";
	return true;
}

/* Prisma: the query engine for this platform was never generated ("Prisma
 * Client could not locate the Query Engine for runtime "X"" ... "generated
 * for "Y", but the actual deployment required "X"").  A load failure of
 * an engine that is there ("Unable to require(`...so.node`)" with
 * "Details: <loader text>") is left to the loader's own text. */
static bool m_prisma(struct ctx *c)
{
	const char *e, *p = find(c, "could not locate the Query Engine for runtime \"", &e);
	if (!p)
		return false;
	const char *rt = quoted_after(c, e, '"');
	const char *e2, *g = find(c, "was generated for \"", &e2);
	const char *gen = g ? quoted_after(c, e2, '"') : NULL;
	set(c, "prisma-engine-not-generated", "missing-prebuild", "prisma", "Prisma's query engine for this platform was not generated");
	c->ex->package = "@prisma/client";
	if (rt)
		number(c, "engine this system needs", rt, NULL);
	if (gen)
		number(c, "engine generated", gen, NULL);
	c->ex->why = arena_printf(c->a, "prisma generate downloads the query engine of the machine it runs on (%s%s) plus the schema's binaryTargets; the deployment runs on %s, whose engine was not generated: the client was generated on another platform (a developer machine, a build image with another libc or OpenSSL) and copied.",
				  gen ? gen : "its own platform", gen ? "" : "", rt ? rt : "another platform");
	c->ex->fix = arena_printf(c->a, "add \"%s\" to binaryTargets in schema.prisma's generator block (binaryTargets = [\"native\", \"%s\"]) and run prisma generate again, or run prisma generate where it runs (in the image)",
				  rt ? rt : "<the runtime named above>", rt ? rt : "<it>");
	return true;
}

/* Oracle's ODPI-C (node-oracledb's Thick mode): "DPI-1047: Cannot locate a
 * 64-bit Oracle Client library: "<the loader's text>"": the Oracle Client
 * (Instant Client) libraries are not installed or not on the search path,
 * or are for the other architecture.  node-oracledb's own NJS-045 ("cannot
 * load a node-oracledb [Thick mode] binary ... Looked for ...") and NJS-067
 * ("a pre-built ... binary was not found for <platform>") are its binary's
 * absence; an NJS-045 with "require('oracledb') error was:" is left to the
 * loader text it quotes. */
static bool m_oracle(struct ctx *c)
{
	const char *e, *p;
	if ((p = find(c, "DPI-1047: Cannot locate a ", &e))) {
		if (has(c, ": file too short"))
			return false; /* the library is there, damaged: m_elf_header */
		bool arch = has(c, "wrong ELF class") || has(c, "incompatible architecture") || has(c, "not a valid Win32 application") ||
			    has(c, "wrong architecture");
		set(c, "oracle-client-not-found", arch ? "wrong-arch" : "missing-library", "oracledb",
		    arch ? "the Oracle Client libraries found are for another architecture" : "the Oracle Client libraries are not installed or not found");
		c->ex->package = "oracledb";
		bool win = has(c, "oci.dll") || has(c, "specified module could not be found") || has(c, "Win32") || has(c, ":\\");
		c->ex->library = win ? "oci.dll" : has(c, "libclntsh.dylib") || has(c, "dlopen(") ? "libclntsh.dylib" : "libclntsh.so";
		c->ex->why = arch ? "node-oracledb's Thick mode loads the Oracle Client libraries (Instant Client) at run time, and the ones found are for the other architecture (a 32-bit Instant Client for a 64-bit node, or an x86_64 one on Apple silicon)."
				  : "node-oracledb's Thick mode loads the Oracle Client libraries (Instant Client: libclntsh / oci.dll) at run time, and the loader found none: Instant Client is not installed, or not on the library search path (LD_LIBRARY_PATH or ldconfig on Linux, PATH on Windows; macOS needs libDir), or a dependency of it is missing (libaio on Linux, the Visual C++ runtime on Windows). The .node itself loaded fine.";
		c->ex->fix = arch ? "install the Instant Client of node's architecture (node -p process.arch), and point initOracleClient({libDir}) at it; or use Thin mode (node-oracledb 6+, no Oracle Client needed)"
				  : "use Thin mode (node-oracledb 6+: do not call initOracleClient) if the database allows it; otherwise install Oracle Instant Client (Basic) for this platform and architecture, with libaio1 on Linux, and pass its directory to oracledb.initOracleClient({libDir}) or put it on the library path (ldconfig, PATH)";
		return true;
	}
	if ((p = find(c, "NJS-067: a pre-built node-oracledb", &e))) {
		set(c, "oracledb-no-binary-available", "missing-prebuild", "oracledb", "node-oracledb has no pre-built Thick mode binary for this platform");
		c->ex->package = "oracledb";
		c->ex->why = "node-oracledb ships pre-built Thick mode binaries for a few platforms only; this one (its name follows the message) has none.";
		c->ex->fix = "use Thin mode (node-oracledb 6+: do not call initOracleClient), or build node-oracledb from source for this platform (see its INSTALL notes)";
		return true;
	}
	if ((p = find(c, "NJS-045: cannot load a node-oracledb", &e))) {
		if (has(c, "error was:"))
			return false; /* the quoted loader text decides */
		set(c, "oracledb-cannot-load-binary", "missing-prebuild", "oracledb", "node-oracledb's binary is not there");
		c->ex->package = "oracledb";
		c->ex->why = "node-oracledb looked for its binary (build/Release/oracledb-<version>-<platform>-<arch>.node and the others listed) and found none: the package was installed for another platform or Node.js (a copied node_modules), its binary was left out by a bundler (webpack changes __dirname: the build/ directory must be copied), or no pre-built binary exists for this platform.";
		c->ex->fix = "reinstall oracledb on this machine (rm -rf node_modules/oracledb && npm install); with webpack copy node_modules/oracledb/build/ to the output (or use Thin mode, which needs no binary)";
		return true;
	}
	return false;
}

/* Next.js: "Failed to load SWC binary for linux/x64" after "Attempted to
 * load @next/swc-<platform>, but an error occurred: <text>" lines; the
 * quoted loader text, if any, is matched first (the list order). */
static bool m_next_swc(struct ctx *c)
{
	const char *e, *p = find(c, "Failed to load SWC binary for ", &e);
	if (!p)
		return false;
	const char *pl = token_at(c, e);
	set(c, "next-swc-not-loaded", "missing-platform-package", "next", "Next.js found no working @next/swc binary for this platform");
	c->ex->package = "next";
	if (pl)
		number(c, "platform/arch", pl, NULL);
	c->ex->why = "Next.js compiles with SWC, whose binary comes in one optional package per platform (@next/swc-linux-x64-gnu, -musl, darwin-arm64, win32-x64-msvc...). None loaded: the platform's package was not installed (optional dependencies omitted, npm's optional-dependency bug npm/cli#4828, a lockfile or node_modules from another OS/CPU/libc), or its version does not match next's. Next.js then tries the WASM fallback, which is not available for every command.";
	c->ex->fix = "rm -rf node_modules package-lock.json && npm install on the machine (or in the image) that builds it, keeping optional dependencies; check that @next/swc-<platform> has the same version as next";
	return true;
}

static bool bundle_output_path(const char *f);

/* require-addon (Holepunch: sodium-native 4+, udx-native, rocksdb-native):
 * "Cannot find addon '<specifier>' imported from '<parent URL>'".  It tries
 * the package's prebuilds/<platform>-<arch>/ files and swallows every
 * require() error, so the text covers both "no build for this host" and
 * "a build that fails to load" (another libc, ABI, or a missing library). */
static bool m_require_addon(struct ctx *c)
{
	const char *e, *p = find(c, "Cannot find addon '", &e);
	if (!p)
		return false;
	const char *e2, *q = find_from(e, line_end(c, e), "' imported from '", &e2);
	if (!q)
		return false;
	const char *parent = quoted_after(c, e2, '\'');
	const char *pdir = parent && !strncmp(parent, "file://", 7) ? parent + 7 : parent;
	bool bundled = pdir && !strstr(pdir, "node_modules") && (bundle_output_path(pdir) || strstr(pdir, "/snapshot/") || strstr(pdir, "$bunfs") || strstr(pdir, "~BUN"));
	set(c, bundled ? "require-addon-bundled" : "require-addon-not-found", bundled ? "bundled-addon" : "missing-prebuild", "require-addon",
	    bundled ? "require-addon searched beside a bundle, not in the package" : "require-addon found no addon of this package that loads here");
	if (pdir) {
		c->ex->package = package_of(c->a, pdir);
		number(c, "imported from", parent, NULL);
	}
	c->ex->why = bundled ? "require-addon resolves the addon from the package that imports it (its package.json and prebuilds/<platform>-<arch>/); the importing file is a bundle or a packaged executable's file, so the package's prebuilds are not there."
			     : "require-addon looks in the package's prebuilds/<platform>-<arch>/ (and build/) for a .node and require()s each; none worked. Either the package has no prebuild for this platform and CPU (and was not built here), or the one it has fails to load and the error was swallowed: a glibc build on musl (Alpine), a build for another Node.js ABI, or a missing system library. 'addon-doctor inspect' on the file in prebuilds/ tells which.";
	c->ex->fix = bundled ? "keep the native package out of the bundle (externals) so it is imported from node_modules"
			     : arena_printf(c->a, "check prebuilds/ in %s for this platform-arch; if there is none, build it from source (npm rebuild %s with a C/C++ toolchain, or the package's own build script); if there is one, run addon-doctor inspect on it to see why it cannot load",
					    pkg_or(c, "the package"), pkg_or(c, "<package>"));
	return true;
}

/* Executables shipped as per-platform npm packages, with their launcher's
 * own text when the platform's package is not installed: Turborepo's
 * bin/turbo and Biome's bin/biome. */
static bool m_cli_platform_package(struct ctx *c)
{
	const char *p = find(c, "Turborepo did not find the correct binary for your platform", NULL);
	const char *tool = "turbo";
	if (!p && (p = find(c, "The Biome CLI package doesn't ship with prebuilt binaries for your platform yet", NULL)))
		tool = "@biomejs/biome";
	if (!p)
		return false;
	set(c, "cli-platform-package-missing", "missing-platform-package", tool, "the tool's platform package is not installed");
	c->ex->package = tool;
	c->ex->why = arena_printf(c->a, "%s's binary comes in one optional package per platform, and the launcher found none for this one: optional dependencies omitted (--no-optional, --omit=optional), npm's optional-dependency bug (npm/cli#4828), a lockfile or node_modules from another OS/CPU, or a platform the tool does not build for.", tool);
	c->ex->fix = "rm -rf node_modules package-lock.json && npm install on the machine (or in the image) that runs it, keeping optional dependencies";
	return true;
}

/* Executables: a glibc-linked program (node, a tool's binary) started on a
 * system without glibc's loader (Alpine/musl): the kernel finds no ELF
 * interpreter, and the shell says "not found" for a file that is there;
 * musl's own loader names the missing interpreter. */
static bool m_no_interpreter(struct ctx *c)
{
	const char *e, *p = find(c, "Could not open '/lib64/ld-linux-", &e);
	if (!p)
		p = find(c, "Could not open '/lib/ld-linux-", &e);
	if (p) {
		set(c, "missing-glibc-interpreter", "wrong-libc", "musl", "a glibc program on a system without glibc (musl/Alpine)");
		c->ex->library = quoted_after(c, p + strlen("Could not open '"), '\'');
		c->ex->why = arena_printf(c->a, "The program is linked against glibc and asks for its loader %s, which this system does not have: it is a musl system (Alpine), where a glibc build cannot start. The package installed the glibc (-gnu) build of a tool whose musl build exists, or has none.", c->ex->library ? c->ex->library : "ld-linux");
		c->ex->fix = "install the musl build (for npm packages with per-platform binaries: reinstall inside the Alpine image so the -musl package is chosen, e.g. rm -rf node_modules && npm ci there), or use a glibc-based image (node:<version>-slim); gcompat runs some glibc programs";
		return true;
	}
	/* busybox sh: "sh: ./node: not found" for an existing file */
	const char *e2, *q = find(c, "sh: ", &e2);
	for (int k = 0; q && k < 16; k++, q = find_from(e2, c->end, "sh: ", &e2)) {
		const char *le = line_end(c, e2), *nf = find_from(e2, le, ": not found", NULL);
		if (!nf || nf - e2 > 1024)
			continue;
		const char *prog = dup_range(c, e2, nf);
		if (!prog || !strchr(prog, '/') || strchr(prog, ' ') || !is_node_binary(prog))
			continue;
		set(c, "musl-shell-not-found", "wrong-libc", "musl", "node itself is a glibc build on a musl system (Alpine)");
		c->ex->subject = "runtime";
		c->ex->file = prog;
		c->ex->why = arena_printf(c->a, "The shell says \"not found\" for %s although the path is given: the file is there, but the kernel cannot find its ELF interpreter. An official nodejs.org Linux build links glibc (/lib64/ld-linux-x86-64.so.2), which Alpine (musl) does not have. No npm rebuild helps.", prog);
		c->ex->fix = "use Node.js built for musl: apk add nodejs, the node:<version>-alpine image, or the unofficial linux-x64-musl builds (unofficial-builds.nodejs.org); or run on a glibc-based image";
		return true;
	}
	return false;
}

/* nexe 1.x (browserify bundles): NativeModule.require of a .node it cannot
 * embed, "No such native module <name or path>" */
static bool m_nexe(struct ctx *c)
{
	const char *e, *p = find(c, "Error: No such native module ", &e);
	if (!p)
		return false;
	set(c, "nexe-no-native-module", "bundled-addon", "nexe", "the packed executable cannot load the native module");
	number(c, "native module", token_at(c, e), NULL);
	c->ex->why = "nexe packed the application's JavaScript into the executable (nexe 1.x through browserify), and a native module cannot be packed: its require() goes to the executable's own module table, which has no such module. nexe's maintainers: native modules are not supported inside the binary.";
	c->ex->fix = "ship the native module beside the executable and require it by an absolute path at run time, or use a packager that supports addons (pkg with the .node as an asset, Node's single-executable applications with the addon outside)";
	return true;
}

/* The last resort for packages' own wordings: a line that says a package
 * named after a platform (@scope/darwin-arm64, tool-linux-x64-gnu,
 * @scope/cli-win32-x64) could not be found or loaded.  Tools that ship
 * per-platform optional packages all fail this way when it is absent. */
static bool m_platform_package_named(struct ctx *c)
{
	static const char *const plats[] = { "darwin-", "linux-", "win32-", "android-", "freebsd-" };
	static const char *const says[] = { "Could not find", "could not find", "Cannot find", "cannot find", "not found", "not installed", "Failed to load", "failed to load", "is missing" };
	for (const char *ls = c->t; ls < c->end;) {
		const char *le = line_end(c, ls);
		bool said = false;
		for (size_t i = 0; i < sizeof says / sizeof says[0] && !said; i++)
			said = find_from(ls, le, says[i], NULL) != NULL;
		for (size_t i = 0; said && i < sizeof plats / sizeof plats[0]; i++) {
			const char *e, *q = find_from(ls, le, plats[i], &e);
			if (!q || q == ls || (q[-1] != '/' && q[-1] != '-'))
				continue;
			/* an arch right after: x64, arm64, ia32, arm, ppc64, s390x, universal */
			if (!(match_at(e, le, "x64") || match_at(e, le, "arm64") || match_at(e, le, "ia32") || match_at(e, le, "arm") ||
			      match_at(e, le, "ppc64") || match_at(e, le, "s390x") || match_at(e, le, "universal")))
				continue;
			const char *b = q, *t = e;
			while (b > ls && (isalnum((unsigned char)b[-1]) || strchr("@/-_.", b[-1])))
				b--;
			while (t < le && (isalnum((unsigned char)*t) || strchr("-_", *t)))
				t++;
			const char *name = dup_range(c, b, t);
			if (!name || strstr(name, ".node") || (name[0] != '@' && !strchr(name, '-')))
				continue;
			set(c, "platform-package-named-missing", "missing-platform-package", "package", "a package's per-platform binary package is not installed");
			c->ex->package = name;
			number(c, "missing package", name, NULL);
			c->ex->why = arena_printf(c->a, "%s is the optional package that carries the tool's or addon's binary for this platform, and it is not there: optional dependencies omitted (--no-optional, --omit=optional), npm's optional-dependency bug (npm/cli#4828), a lockfile or node_modules from another OS/CPU, or a version of it that was never published.", name);
			c->ex->fix = arena_printf(c->a, "rm -rf node_modules package-lock.json && npm install on the machine that runs it, keeping optional dependencies; if %s was never published at that version, pin the package to a version whose platform packages exist", name);
			return true;
		}
		ls = le < c->end ? le + 1 : le;
	}
	return false;
}

/* A single-executable application (node --experimental-sea-config, and
 * sharp's loader quoting it): the embedded main script's require() only
 * loads built-in modules, so every addon path fails with
 * ERR_UNKNOWN_BUILTIN_MODULE (Node's single-executable-applications doc). */
static bool m_sea_require(struct ctx *c)
{
	const char *e, *p = find(c, "No such built-in module: ", &e);
	if (!p)
		return false;
	const char *name = token_at(c, e);
	if (!name || strlen(name) < 5 || strcmp(name + strlen(name) - 5, ".node"))
		return false;
	set(c, "sea-require-builtin-only", "not-found", "node", "a single-executable app's require() cannot load files, only built-in modules");
	set_file(c, name);
	if (has(c, "Could not load the \"sharp\" module"))
		c->ex->package = "sharp";
	c->ex->why = "In a Node.js single-executable application (or a bundle run as one) the embedded script's require() resolves built-in modules only, so an addon's .node file is never looked up on disk (ERR_UNKNOWN_BUILTIN_MODULE). The addon is not missing; it cannot be reached this way.";
	c->ex->fix = "load addons through a real require: const { createRequire } = require('node:module'); createRequire(__filename)(...) with the .node files shipped next to the executable (Node's single-executable-applications docs), or do not bundle the native package into the executable";
	return true;
}

/* napi-rs generated loaders (@napi-rs/cli js-binding template): v3 "Cannot
 * find native binding. npm has a bug ..." with each attempt in
 * error.cause; v2 "Failed to load native binding" when nothing was tried,
 * and "Unsupported OS: <p>, architecture: <a>" / "Unsupported architecture
 * on <OS>: <a>" for a platform it has no entry for. */
static bool m_napi_rs(struct ctx *c)
{
	const char *e, *p;
	if ((p = find(c, "Unsupported OS: ", &e)) && find_from(e, line_end(c, e), ", architecture: ", NULL)) {
		set(c, "napi-rs-unsupported-platform", "missing-prebuild", "napi-rs", "the napi-rs package has no binary for this OS/CPU at all");
		number(c, "platform, architecture", dup_range(c, e, line_end(c, e)), NULL);
		c->ex->why = "The package's generated loader has no entry for this OS and CPU: the package publishes no build for it.";
		c->ex->fix = "run on a supported platform, or build the package from source with @napi-rs/cli (needs Rust) if its repository supports it";
		return true;
	}
	if ((p = find(c, "Unsupported architecture on ", &e))) {
		set(c, "napi-rs-unsupported-platform", "missing-prebuild", "napi-rs", "the napi-rs package has no binary for this CPU");
		number(c, "OS: architecture", dup_range(c, e, line_end(c, e)), NULL);
		c->ex->why = "The package's generated loader knows this OS but not this CPU: no build for it is published.";
		c->ex->fix = "run on a supported CPU, or build the package from source with @napi-rs/cli (needs Rust) if its repository supports it";
		return true;
	}
	/* @node-rs/helper's loadBinding (swc and @node-rs packages, 2020-21) */
	if ((p = find(c, "Can not find node binding files from ", &e))) {
		set(c, "node-rs-helper-no-binding", "missing-platform-package", "napi-rs", "none of the napi-rs platform packages loaded");
		number(c, "packages tried", dup_range(c, e, line_end(c, e)), NULL);
		c->ex->why = "@node-rs/helper tried each platform package (and the local .node) and none loaded. Usually the one for this platform is not installed (npm's optional-dependency bug npm/cli#4828, a registry mirror that has not synced it, a lockfile from another OS/CPU); the helper hides the load error, so a present package that fails to load (e.g. a glibc too old for it) looks the same: require the platform package directly to see its error.";
		c->ex->fix = "rm -rf node_modules package-lock.json && npm install on the machine that runs it; if the platform package is installed, require() it directly to see why it does not load";
		return true;
	}
	p = find(c, "Cannot find native binding.", NULL);
	if (!p)
		p = find(c, "Cannot find native binding", NULL);
	if (!p)
		p = find(c, "Failed to load native binding", NULL);
	if (!p)
		return false;
	/* The loader runs inside a single-file executable: its require() looks
	 * in the executable's virtual file system, where the platform package
	 * was never put (bun build --compile: /$bunfs/, B:/~BUN/; pkg:
	 * /snapshot/; deno compile: deno-compile-). */
	if (has(c, "/$bunfs/") || has(c, "~BUN") || has(c, "/snapshot/") || has(c, "\\snapshot\\") || has(c, "deno-compile-")) {
		set(c, "napi-rs-binding-not-in-executable", "bundled-addon", "napi-rs",
		    "a napi-rs addon's loader runs inside a single-file executable that does not contain the platform package");
		c->ex->why = "The stack runs inside a compiled single-file executable (bun build --compile, pkg, deno compile). The napi-rs loader require()s its platform package (<pkg>-<platform>-<arch>) from the executable's embedded file system, and the bundler did not embed it: the package is installed where the build ran, not inside the executable.";
		c->ex->fix = "make the bundler embed the .node file: require the platform package's .node by a static path so it is bundled (bun build --compile embeds directly required .node files), or ship the .node beside the executable and load it with createRequire(process.execPath); or keep the package out of the bundle";
		return true;
	}
	set(c, "napi-rs-missing-binding", "missing-platform-package", "napi-rs", "the platform package of a napi-rs addon is not installed");
	c->ex->why = "napi-rs packages ship each platform's binary as an optional dependency (e.g. <pkg>-linux-x64-gnu). It was not installed: npm's optional-dependency bug (npm/cli#4828), a lockfile made on another OS/CPU, --omit=optional, or node_modules copied between machines.";
	c->ex->fix = "rm -rf node_modules package-lock.json && npm install (on the machine that runs it); or add the platform package explicitly";
	return true;
}

/* A node-pre-gyp binding directory in `path`: a segment "node-v<abi>-<os>-...",
 * "electron-v<x.y>-<os>-..." or "napi-v<n>-<os>-..." (module_path's
 * {node_abi}, {napi_build_version} and {platform} parts; sqlite3's
 * lib/binding/, grpc's extension_binary/).  Returns 'n', 'e', 'a' or 0;
 * *abi gets the number of a node-v segment, *seg the segment. */
static int npg_dir(struct ctx *c, const char *path, long *abi, const char **seg)
{
	static const char *const os[] = { "linux", "darwin", "win32", "freebsd", "openbsd", "sunos", "android", "aix" };
	static const char *const kinds[] = { "node-v", "electron-v", "napi-v", "node-webkit-v" };
	for (const char *s = path; *s; s++) {
		if (s != path && s[-1] != '/' && s[-1] != '\\')
			continue;
		for (size_t k = 0; k < 4; k++) {
			size_t kl = strlen(kinds[k]);
			if (strncmp(s, kinds[k], kl))
				continue;
			const char *q = s + kl, *d = q;
			while (*q && (isdigit((unsigned char)*q) || ((k == 1 || k == 3) && *q == '.')))
				q++;
			if (q == d)
				continue;
			/* bcrypt 5's module_path is lib/binding/napi-v{napi_build_version}
			 * with no platform part: a Node-API directory all the same */
			if (k == 2 && (*q == '/' || *q == '\\') && s >= path + 8 && !strncmp(s - 8, "binding", 7)) {
				*seg = arena_strndup(c->a, s, (size_t)(q - s));
				*abi = -1;
				return 'a';
			}
			if (*q != '-')
				continue;
			bool plat = false;
			for (size_t i = 0; i < sizeof os / sizeof os[0]; i++)
				if (!strncmp(q + 1, os[i], strlen(os[i])))
					plat = true;
			if (!plat)
				continue;
			const char *e = q;
			while (*e && *e != '/' && *e != '\\')
				e++;
			*seg = arena_strndup(c->a, s, (size_t)(e - s));
			*abi = k == 0 ? atol(d) : -1;
			return k == 0 ? 'n' : k == 1 ? 'e' : k == 3 ? 'w' : 'a';
		}
	}
	return 0;
}

/* require('../build/Release/canvas'): a request into node-gyp's
 * build/Release or build/Debug, or node-waf's build/default, whose last
 * component has no extension.  require() tries .js, .json and .node there;
 * only a compiled addon lives in those directories (a name with an
 * extension such as config.js is a plain module). */
static bool gyp_output_request(const char *name)
{
	static const char *const dirs[] = { "build/Release/", "build/Debug/", "build/default/",
					    "build\\Release\\", "build\\Debug\\", "build\\default\\" };
	for (size_t i = 0; i < sizeof dirs / sizeof dirs[0]; i++) {
		const char *d = strstr(name, dirs[i]);
		if (!d)
			continue;
		const char *last = d + strlen(dirs[i]);
		if (*last && !strpbrk(last, "./\\"))
			return true;
	}
	return false;
}

/* require('../build/Release/x.node') names no package: the module that
 * asked does.  Node's "Require stack:" lists it first; older releases have
 * no such list, and the requiring module is the first top-level frame
 * ("Object.<anonymous> (<path>:line:col)") under node_modules. */
static void set_requirer_package(struct ctx *c, const char *name)
{
	if (c->ex->package || !name || name[0] != '.')
		return;
	const char *e, *p = find(c, "Require stack:", &e);
	if (p) {
		const char *e2, *d = find_from(e, c->end, "- ", &e2);
		if (d && d - e < 8) {
			c->ex->package = package_of(c->a, dup_range(c, e2, line_end(c, e2)));
			if (c->ex->package)
				return;
		}
	}
	const char *from = c->t;
	for (int k = 0; k < 64 && (p = find_from(from, c->end, "Object.<anonymous> (", &e)); k++, from = e) {
		const char *le = line_end(c, e);
		if (find_from(e, le, "node_modules", NULL)) {
			c->ex->package = package_of(c->a, dup_range(c, e, le));
			return;
		}
	}
}

/* The file of the first stack frame after `from` ("    at f (FILE:L:C)" or
 * "    at FILE:L:C"), or NULL. */
static const char *first_frame_file(struct ctx *c, const char *from)
{
	const char *e, *p = find_from(from, c->end, "\n", NULL);
	for (int k = 0; p && k < 64; k++) {
		const char *ls = p + 1, *le = line_end(c, ls);
		while (ls < le && is_blank(*ls))
			ls++;
		if (le - ls > 3 && !memcmp(ls, "at ", 3)) {
			const char *o = find_from(ls, le, "(", &e);
			const char *s0 = o ? e : ls + 3, *s1 = o ? find_from(e, le, ")", NULL) : le;
			return dup_range(c, s0, s1 ? s1 : le);
		}
		p = le < c->end ? le : NULL;
	}
	return NULL;
}

/* A bundler's or framework's output directory in a path outside
 * node_modules: code there was bundled, and its require() of a relative
 * .node looks beside the bundle, not in the package. */
static bool bundle_output_path(const char *f)
{
	static const char *const marks[] = { "/.next/", "\\.next\\", "chunks/", "chunks\\", "webpack-runtime", "webpack:", "/.webpack/", "\\.webpack\\",
					     "/.output/server/", "/.vite/", "/out/main/", "\\out\\main\\", "/dist_electron/", "\\dist_electron\\", "/.nuxt/",
					     "/.svelte-kit/", "/.vercel/output/" };
	if (!f || strstr(f, "node_modules"))
		return false;
	for (size_t i = 0; i < sizeof marks / sizeof marks[0]; i++)
		if (strstr(f, marks[i]))
			return true;
	return false;
}

/* An installed (packaged) application's own directory: the packager put
 * the app there, and a .node missing there was left out of the package. */
static bool installed_app_path(const char *f)
{
	return f && (strstr(f, "\\Program Files\\") || strstr(f, "\\Program Files (x86)\\") || strstr(f, "\\AppData\\Local\\Programs\\") ||
		     strstr(f, "/Applications/") || strstr(f, ".app/Contents/Resources/"));
}

/* "<name>_<platform>_<arch>_<ABI>.node" (uWebSockets.js: one binary per
 * runtime ABI in the package): the ABI number, or -1. */
static long per_abi_binary(const char *name)
{
	static const char *const plats[] = { "win32", "linux", "darwin", "freebsd" };
	static const char *const arches[] = { "x64", "ia32", "arm64", "arm", "ppc64", "s390x" };
	size_t n = strlen(name);
	if (n < 6 || strcmp(name + n - 5, ".node"))
		return -1;
	for (size_t i = 0; i < sizeof plats / sizeof plats[0]; i++)
		for (const char *q = strstr(name, plats[i]); q; q = strstr(q + 1, plats[i])) {
			if (q == name || (q[-1] != '_' && q[-1] != '-'))
				continue;
			const char *r = q + strlen(plats[i]);
			if (*r != '_' && *r != '-')
				continue;
			r++;
			for (size_t j = 0; j < sizeof arches / sizeof arches[0]; j++) {
				size_t al = strlen(arches[j]);
				if (strncmp(r, arches[j], al) || (r[al] != '_' && r[al] != '-'))
					continue;
				const char *d = r + al + 1, *de;
				/* an optional C library part: -glibc-, -musl- (Sentry's
				 * sentry_cpu_profiler-linux-x64-glibc-115.node) */
				static const char *const libcs[] = { "glibc", "musl", "gnu" };
				for (size_t l = 0; l < sizeof libcs / sizeof libcs[0]; l++)
					if (!strncmp(d, libcs[l], strlen(libcs[l])) && (d[strlen(libcs[l])] == '-' || d[strlen(libcs[l])] == '_'))
						d += strlen(libcs[l]) + 1;
				de = d;
				while (isdigit((unsigned char)*de))
					de++;
				if (de > d && de - d <= 3 && !strcmp(de, ".node"))
					return atol(d);
			}
		}
	return -1;
}

static bool m_cannot_find_module(struct ctx *c)
{
	const char *e, *p = find(c, "Cannot find module ", &e);
	if (!p)
		return false;
	const char *name;
	if (e < c->end && (*e == '\'' || *e == '"'))
		name = quoted_after(c, e + 1, *e);
	else
		name = token_at(c, e);
	/* a quote the paste never closed: the word after it */
	if (!name && e < c->end && (*e == '\'' || *e == '"'))
		name = token_at(c, e + 1);
	if (!name)
		return false;
	size_t n = strlen(name);
	while (n && name[n - 1] == '.' && (n < 5 || strcmp(name + n - 5, ".node")))
		((char *)name)[--n] = '\0';
	/* webpack replaced the package's run-time require(path) with a
	 * context of the files it saw at build time, and the .node was not
	 * among them: webpackEmptyContext / webpackMissingModule frames */
	if (n > 5 && !strcmp(name + n - 5, ".node") && (has(c, "webpackEmptyContext") || has(c, "webpackMissingModule"))) {
		set(c, "webpack-context-missing-addon", "bundled-addon", "webpack", "webpack bundled the addon's loader, and the .node file is not in the bundle");
		set_file(c, name);
		set_requirer_package(c, name);
		c->ex->why = "The require() of the .node file ran inside webpack's bundle (webpackEmptyContext: webpack found no file for a require whose path is computed at run time), so it never reached node_modules. The package and its .node file are usually installed and fine; the bundler took the package's JavaScript away from them.";
		c->ex->fix = arena_printf(c->a, "keep %s out of the bundle (webpack externals; vue-cli-plugin-electron-builder: externals: ['%s'] in pluginOptions.electronBuilder; electron-vite externalizeDepsPlugin), so it is required from node_modules at run time; when packaging Electron, unpack its .node files (asarUnpack)",
					  pkg_or(c, "the native package"), pkg_or(c, "<package>"));
		return true;
	}
	bool relative = name[0] == '.' && (name[1] == '/' || name[1] == '\\' || (name[1] == '.' && (name[2] == '/' || name[2] == '\\')));
	if (n > 5 && !strcmp(name + n - 5, ".node") && relative && bundle_output_path(first_frame_file(c, e))) {
		set(c, "bundled-relative-addon", "bundled-addon", "node", "a bundle requires the addon by a relative path, beside the bundle");
		set_file(c, name);
		c->ex->package = NULL;
		c->ex->why = arena_printf(c->a, "The require() of %s runs in bundled code (the first frame is in a bundler's or framework's output, such as .next/server/chunks), so the relative path is resolved beside the bundle, where the .node file is not: the bundler took the package's JavaScript into the bundle and left its binary behind. The package itself is installed and fine.", name);
		c->ex->fix = "keep the native package out of the bundle: Next.js serverExternalPackages (experimental.serverComponentsExternalPackages before 15) or webpack externals; vite/rollup build.rollupOptions.external; electron-vite externalizeDepsPlugin";
		return true;
	}
	long per_abi = per_abi_binary(name);
	if (per_abi > 0) {
		set(c, "per-abi-binary-missing", "missing-prebuild", "node", "the package has no binary for this runtime's ABI");
		set_file(c, name);
		set_requirer_package(c, name);
		number(c, "NODE_MODULE_VERSION the package looks for", arena_printf(c->a, "%ld", per_abi), abi_words(c, per_abi));
		c->ex->why = arena_printf(c->a, "The package ships one binary per platform, CPU and runtime ABI and picks the one named after this process (%s); it has none for NODE_MODULE_VERSION %ld (%s): this runtime (a Node.js or Electron version) is newer or older than the ones the installed release was built for.",
					  name, per_abi, abi_words(c, per_abi));
		c->ex->fix = arena_printf(c->a, "install a release of %s built for this runtime (a newer version usually adds it), or run a Node.js/Electron version it has a binary for", pkg_or(c, "the package"));
		return true;
	}
	for (size_t i = 0; n > 5 && !strcmp(name + n - 5, ".node") && i < sizeof platform_words / sizeof platform_words[0]; i++) {
		/* napi-rs's local "./<name>.<platform>-<arch>[-abi].node": the
		 * binary lives in a platform package, not in a build step */
		char dotted[24];
		snprintf(dotted, sizeof dotted, ".%s", platform_words[i] + 1);
		if (strstr(name, dotted)) {
			set(c, "napi-rs-local-binding-missing", "missing-platform-package", "napi-rs", "the platform binary of a napi-rs addon is not installed");
			set_file(c, name);
			number(c, "missing binary", name, NULL);
			c->ex->why = "A napi-rs loader first tries the local ./<name>.<platform>-<arch>.node and then the <package>-<platform>-<arch> optional dependency; neither is here: npm's optional-dependency bug (npm/cli#4828), a lockfile made on another OS/CPU, --omit=optional, or node_modules copied between machines.";
			c->ex->fix = "rm -rf node_modules package-lock.json && npm install (on the machine that runs it); or add the platform package explicitly";
			return true;
		}
	}
	long abi = -1;
	const char *seg = NULL;
	/* a node-pre-gyp directory decides even when the file name was
	 * mistyped in the paste (".../node-v11-linux-arm/serialport,node"):
	 * the directory has a file after it */
	int kind = npg_dir(c, name, &abi, &seg);
	if (kind && !(n > 5 && !strcmp(name + n - 5, ".node"))) {
		const char *sp = seg ? strstr(name, seg) : NULL;
		const char *after = sp ? sp + strlen(seg) : NULL;
		if (!after || (*after != '/' && *after != '\\') || !after[1])
			kind = 0;
	}
	if (kind == 'n') {
		/* node-pre-gyp's {node_abi} is the running runtime's ABI: the
		 * directory for it is missing, so what was installed (if
		 * anything) is for another Node.js */
		set(c, "node-pre-gyp-binding-missing", "abi-mismatch", "node-pre-gyp", "no binary for this Node.js ABI: node_modules was installed for another Node.js");
		set_file(c, name);
		number(c, arena_printf(c->a, "NODE_MODULE_VERSION this runtime looks for (node-pre-gyp directory %s)", seg), arena_printf(c->a, "%ld", abi), abi_words(c, abi));
		/* another directory of the same package in the text ("but I can
		 * find .../node-v48-linux-x64/..."): what was installed */
		const char *e4, *o = find(c, "node-v", &e4);
		for (int k = 0; o && k < 64; k++, o = find_from(e4, c->end, "node-v", &e4)) {
			const char *after;
			long v = number_at(e4, c->end, &after);
			if (v > 0 && v != abi && after < c->end && *after == '-' && (o == c->t || o[-1] == '/' || o[-1] == '\\')) {
				number(c, "NODE_MODULE_VERSION the installed binary was built for", arena_printf(c->a, "%ld", v), abi_words(c, v));
				break;
			}
		}
		c->ex->why = arena_printf(c->a, "node-pre-gyp looks for the binary in a directory named after the running runtime's ABI (%s = NODE_MODULE_VERSION %ld, %s). "
			"It is not there: node_modules was installed (or the binary built) with another Node.js version, then run by this one (nvm/volta switch, a system node in a service or IDE, a copied node_modules); less often the install's download and build both failed.",
			seg, abi, abi_words(c, abi));
		if (electron_clues(c)) {
			c->ex->cause = "electron-abi-mismatch";
			c->ex->fix = arena_printf(c->a, "npx @electron/rebuild -f -w %s", pkg_or(c, "<package>"));
		} else if (nwjs_clues(c)) {
			c->ex->fix = arena_printf(c->a, "rebuild %s for NW.js (node-pre-gyp rebuild --runtime=node-webkit --target=<NW.js version>, or nw-gyp), with the NW.js architecture (ia32/x64)", pkg_or(c, "the package"));
		} else {
			c->ex->fix = arena_printf(c->a, "npm rebuild %s with the Node.js that runs it (check 'node -v' and 'which node' where it fails), or rm -rf node_modules && npm install with that Node.js", pkg_or(c, "<package>"));
		}
		return true;
	}
	if (kind == 'e') {
		set(c, "node-pre-gyp-binding-missing", "electron-abi-mismatch", "node-pre-gyp", "no binary for this Electron: the package was installed for Node.js or another Electron");
		set_file(c, name);
		number(c, "node-pre-gyp directory", seg, NULL);
		c->ex->why = "node-pre-gyp looks for the binary in a directory named after the running Electron version; it was installed or built for another runtime.";
		c->ex->fix = arena_printf(c->a, "npx @electron/rebuild -f -w %s", pkg_or(c, "<package>"));
		return true;
	}
	if (kind == 'w') {
		/* {node_abi} under NW.js is node-webkit-v<NW.js version>: few
		 * packages publish such binaries, so one is built at install
		 * time with --runtime=node-webkit or not at all */
		set(c, "node-pre-gyp-binding-missing", "missing-prebuild", "node-pre-gyp", "no binary of the package was built for this NW.js");
		set_file(c, name);
		number(c, "node-pre-gyp directory", seg, NULL);
		const char *ver = seg + strlen("node-webkit-v"), *ve = ver;
		while (*ve && (isdigit((unsigned char)*ve) || *ve == '.'))
			ve++;
		const char *nwver = arena_strndup(c->a, ver, (size_t)(ve - ver));
		const char *arch = strstr(seg, "-ia32") ? "ia32" : strstr(seg, "-x64") ? "x64" : strstr(seg, "-arm64") ? "arm64" : NULL;
		c->ex->why = arena_printf(c->a, "node-pre-gyp looks for the binary in a directory named after the running NW.js (%s), and none was made: npm installed the package for Node.js (its node-v<ABI> directory), and prebuilt binaries for NW.js are rarely published, so the package must be built for NW.js %s at install time.", seg, nwver);
		c->ex->fix = arena_printf(c->a, "npm install %s --build-from-source --runtime=node-webkit --target=%s%s%s (needs python3 and a C++ compiler), or build it with nw-gyp",
					  pkg_or(c, "<package>"), nwver, arch ? " --target_arch=" : "", arch ? arch : "");
		return true;
	}
	if (kind == 'a') {
		set(c, "node-pre-gyp-binding-missing", "missing-prebuild", "node-pre-gyp", "the package's prebuilt binary was never downloaded or built");
		set_file(c, name);
		number(c, "node-pre-gyp directory", seg, NULL);
		c->ex->why = "node-pre-gyp's Node-API directory does not depend on the Node.js version, so its absence means the install step neither downloaded the prebuilt binary nor compiled it: install scripts skipped (--ignore-scripts, a copied or cached node_modules), the download blocked, or the build failed; or a bundler/packager left the file out.";
		c->ex->fix = electron_clues(c)
			? arena_printf(c->a, "npx @electron/rebuild -f -w %s (or npm rebuild %s), and keep the .node file in the packaged app (asarUnpack)", pkg_or(c, "<package>"), pkg_or(c, "<package>"))
			: arena_printf(c->a, "npm rebuild %s (read its output: it downloads the prebuilt binary, or compiles it with python3, make and a C++ compiler)", pkg_or(c, "<package>"));
		return true;
	}
	if (n > 5 && !strcmp(name + n - 5, ".node") && installed_app_path(name)) {
		set(c, "packaged-app-addon-missing", "bundled-addon", "node", "the installed application does not contain the addon's binary");
		set_file(c, name);
		c->ex->package = NULL;
		c->ex->why = "The path is inside an installed application's own directory (Program Files, AppData\\Local\\Programs, /Applications), so it is the packaged app that lacks the .node file: the packager left it out (the native package bundled by webpack instead of packaged from node_modules, a devDependency, a file not unpacked from app.asar). It works in development because node_modules is there.";
		c->ex->fix = "package the native module with the app: keep it in the app's dependencies (electron-react-boilerplate: release/app/package.json), out of the webpack bundle (externals), and unpacked (asarUnpack: **/*.node); then rebuild the installer";
		return true;
	}
	if (n > 5 && !strcmp(name + n - 5, ".node")) {
		set(c, "node-cannot-find-addon", "not-found", "node", "the compiled addon file does not exist");
		set_file(c, name);
		set_requirer_package(c, name);
		c->ex->why = "require() resolved the package but its .node file was never produced: the install script did not run (--ignore-scripts, a cached/copied node_modules) or the compile failed during install.";
		c->ex->fix = arena_printf(c->a, "npm rebuild %s (and read its build output for the compiler error)", pkg_or(c, "<package>"));
		return true;
	}
	if (gyp_output_request(name)) {
		set(c, "node-cannot-find-addon", "not-found", "node", "the compiled addon file does not exist");
		set_file(c, name);
		set_requirer_package(c, name);
		c->ex->why = "The request names node-gyp's (or node-waf's) output directory without the .node extension, which require() adds: the addon was never compiled there (the install script did not run, or the compile failed during install).";
		c->ex->fix = arena_printf(c->a, "npm rebuild %s (and read its build output for the compiler error)", pkg_or(c, "<package>"));
		return true;
	}
	for (size_t i = 0; i < sizeof platform_words / sizeof platform_words[0]; i++)
		if (strstr(name, platform_words[i])) {
			set(c, "missing-platform-package", "missing-platform-package", "node", "the platform-specific package of a native dependency is not installed");
			c->ex->package = name;
			number(c, "missing package", name, NULL);
			c->ex->why = arena_printf(c->a, "%s is the optional dependency that carries the native binary for one platform. npm did not install it: npm's optional-dependency bug (npm/cli#4828), a lockfile generated on another OS/CPU, --omit=optional, or node_modules copied from another machine.", name);
			c->ex->fix = "rm -rf node_modules package-lock.json && npm install (on the target machine / in the target image)";
			return true;
		}
	return false;
}

/* bindings' "Tried:" list pasted without its header: two or more
 * " → <path>/build/.../x.node" lines. */
static const char *tried_list(struct ctx *c, const char **mend)
{
	const char *e, *p = find(c, "\xe2\x86\x92 ", &e);
	if (!p)
		return NULL;
	int n = 0;
	for (const char *from = p; n < 2;) {
		const char *e2, *q = find_from(from, c->end, "\xe2\x86\x92 ", &e2);
		if (!q)
			break;
		const char *le = line_end(c, e2);
		if (find_from(e2, le, ".node", NULL) && (find_from(e2, le, "build", NULL) || find_from(e2, le, "compiled", NULL)))
			n++;
		from = le;
	}
	if (n < 2)
		return NULL;
	*mend = e;
	return p;
}

/* bindings' own failures when its code runs from a bundle: "Could not find
 * module root given file: X" (it walks up from its caller's file to a
 * directory with package.json or node_modules, and a bundle chunk, an
 * app:// URL or a packager's virtual file system has none), and a
 * TypeError reading process.versions.modules in a browser-like target. */
static bool bindings_bundled(struct ctx *c)
{
	const char *e, *p = find(c, "Could not find module root given file", &e);
	bool versions = false;
	if (!p && (has(c, "bindings.js") || has(c, "bindings/bindings")) &&
	    ((p = find(c, "Cannot read property 'modules' of undefined", &e)) ||
	     (p = find(c, "Cannot read properties of undefined (reading 'modules')", &e))))
		versions = true;
	if (!p)
		return false;
	set(c, versions ? "bindings-no-process-versions" : "bindings-module-root", "bundled-addon", "bindings",
	    versions ? "bindings runs inside a browser-like bundle, where process.versions is missing" : "bindings could not find the package's directory: its code runs from a bundle or packaged file system");
	c->ex->package = NULL;
	c->ex->why = versions
		? "bindings reads process.versions.modules to build its paths; here process.versions is undefined, so its code runs in a bundle made for a browser-like target (a renderer chunk without Node.js integration, webpack's process polyfill), not from node_modules under Node.js."
		: "bindings finds the package's directory by walking up from the file that called it until a directory holds package.json or node_modules. That file is a bundle chunk, an app:// URL or a path inside a packaged executable's file system (nexe, pkg), which has neither: the package's JavaScript was bundled or packed away from its .node file.";
	c->ex->fix = "keep the native package out of the bundle (webpack externals; vue-cli-plugin-electron-builder: externals in pluginOptions.electronBuilder; electron-vite externalizeDepsPlugin) so it is required from node_modules, and use it from Node.js code (main process or preload with nodeIntegration), not a browser target; a packaged executable (nexe, pkg) must ship the package's directory beside it";
	return true;
}

/* webpack tried to bundle the .node file itself as JavaScript ("Module
 * parse failed: Unexpected character" with a .node in the import trace):
 * the native package is being bundled. */
static bool m_webpack_parse(struct ctx *c)
{
	const char *e, *p = find(c, "Module parse failed: ", &e);
	/* esbuild's: 'error: No loader is configured for ".node" files: X' */
	if ((!p || !has(c, ".node")) && (p = find(c, "No loader is configured for \".node\" files", &e))) {
		set(c, "esbuild-no-node-loader", "bundled-addon", "esbuild", "esbuild tried to bundle the addon's binary");
		const char *e2, *q = find_from(e, line_end(c, e), ": ", &e2);
		if (q)
			set_file(c, dup_range(c, e2, line_end(c, e2)));
		c->ex->why = "esbuild followed the package's require() of its .node file while bundling (a framework adapter or a build step bundles the server code: SvelteKit's adapter-vercel, a Lambda bundler) and has no loader for binaries. The native package must stay outside the bundle and be required from node_modules at run time.";
		c->ex->fix = "mark the package external (esbuild --external:<package>; the adapter's or bundler's external list), so node_modules/<package> is deployed and required at run time";
		return true;
	}
	/* webpack's node-loader output run where it cannot work: in a browser
	 * target ("Cannot read property 'dlopen' of undefined": no process),
	 * or pointing inside Electron's own electron.asar */
	if ((!p || !has(c, ".node")) && (((p = find(c, "Cannot read property 'dlopen' of undefined", &e)) ||
					  (p = find(c, "Cannot read properties of undefined (reading 'dlopen')", &e))) ||
					 ((p = find(c, "node-loader: Error: ", &e)) && has(c, ".node")))) {
		bool browser = has(c, "'dlopen'");
		set(c, browser ? "node-loader-no-process" : "node-loader-path", "bundled-addon", "webpack", "webpack's node-loader output cannot load the addon here");
		const char *e3, *q = find(c, ".node", &e3);
		if (q) {
			const char *s0 = q;
			while (s0 > c->t && !is_blank(s0[-1]) && s0[-1] != '\'' && s0[-1] != '"' && s0[-1] != ',')
				s0--;
			set_file(c, dup_range(c, s0, e3));
		}
		c->ex->why = browser ? "The .node was bundled with webpack's node-loader, whose code calls process.dlopen; here process is undefined: the bundle runs in a browser-like target (a web build, a renderer without Node integration), where no addon can load."
				     : "webpack's node-loader emitted the .node under a hashed name and computes its path at run time; that path does not lead to the file (here inside Electron's own electron.asar), a known problem of some node-loader versions and targets.";
		c->ex->fix = "keep the native package out of the bundle (webpack externals) and require it from node_modules in Node.js code (main process, or preload with Node integration); for a web build, do not use the native package at all";
		return true;
	}
	if (!p || !has(c, ".node"))
		return false;
	set(c, "webpack-parse-addon", "bundled-addon", "webpack", "webpack tried to bundle the addon's binary as JavaScript");
	const char *e2, *q = find(c, ".node", &e2);
	if (q) {
		const char *s0 = q;
		while (s0 > c->t && !is_blank(s0[-1]) && s0[-1] != '\'' && s0[-1] != '"')
			s0--;
		set_file(c, dup_range(c, s0, e2));
	}
	c->ex->why = "webpack followed the package's require() of its .node file and tried to parse the binary as a JavaScript module: the native package is being bundled (Next.js server or edge code, an Electron main bundle), and webpack has no loader for binaries. Native packages must stay outside the bundle and be required from node_modules at run time.";
	c->ex->fix = "mark the package external: Next.js serverExternalPackages: ['<package>'] (experimental.serverComponentsExternalPackages before 15), webpack externals, or use it only in server code that is not bundled; node-loader only copies the file and breaks packages that compute their own paths";
	return true;
}

/* Deno on Windows reports only "LoadLibraryExW failed" (no Win32 error,
 * no path; denoland/deno#36625).  From a deno compile executable (its
 * extraction directory deno-compile-<name> in the stack) the addon is a
 * copy the compiler made: the one thing the text says. */
static bool m_deno_loadlibrary(struct ctx *c)
{
	if (!has(c, "LoadLibraryExW failed") || !has(c, "deno-compile-"))
		return false;
	set(c, "deno-compile-loadlibrary-failed", "bundled-addon", "deno", "the addon fails to load from a deno compile executable");
	c->ex->why = "Deno on Windows prints only \"LoadLibraryExW failed\", without the Windows error; the stack shows the addon's package inside the executable's own extraction directory (deno-compile-<name>), so it is the copy deno compile packed, not the installed package: the compiled executable left out the .node file or a DLL beside it, or an older Deno could not load addons from it. The same code under deno run loads the installed package.";
	c->ex->fix = "upgrade Deno (deno upgrade) and compile again, including the package's native files (deno compile --include <the package's directory>); meanwhile run it with deno run";
	return true;
}

static bool m_bindings(struct ctx *c)
{
	if (bindings_bundled(c))
		return true;
	const char *e, *p = find(c, "Could not locate the bindings file.", &e);
	if (!p && (p = tried_list(c, &e)) != NULL)
		e = p;
	if (!p)
		return false;
	set(c, "bindings-not-found", "missing-prebuild", "bindings", "the package's compiled addon was never built or downloaded");
	const char *e2, *t = find_from(e, c->end, "\xe2\x86\x92 ", &e2);
	if (t)
		set_file(c, dup_range(c, e2, line_end(c, e2)));
	/* bindings searches from the root of the package that calls it,
	 * found from the caller's file name.  When the caller is a bundle
	 * (webpack, electron-vue, a pkg/asar packaging), that root is the
	 * application's, so every tried path lies outside node_modules. */
	int paths = 0, in_nm = 0, in_snap = 0, in_asar = 0;
	const char *from = e;
	for (int k = 0; k < 64 && from < c->end; k++) {
		const char *ls = from, *le = line_end(c, from);
		while (ls < le && is_blank(*ls))
			ls++;
		if (le - ls >= 3 && !memcmp(ls, "at ", 3))
			break;
		if (find_from(ls, le, ".node", NULL)) {
			paths++;
			if (find_from(ls, le, "node_modules", NULL))
				in_nm++;
			if (find_from(ls, le, "/snapshot/", NULL) || find_from(ls, le, "\\snapshot\\", NULL))
				in_snap++;
			if ((find_from(ls, le, ".asar/", NULL) || find_from(ls, le, ".asar\\", NULL)) && !find_from(ls, le, ".asar.unpacked", NULL))
				in_asar++;
		}
		from = le < c->end ? le + 1 : le;
	}
	if (paths >= 2 && in_snap == paths) {
		c->ex->cause = "bundled-addon";
		c->ex->recognised = "bindings-in-executable";
		c->ex->title = "bindings searched inside a single-file executable: the addon was not packed into it";
		c->ex->why = "Every path bindings tried is inside pkg's /snapshot/ file system: the package's JavaScript was packed into the executable, but its .node file was not (pkg cannot put native addons into the snapshot; it warns and expects them beside the executable).";
		c->ex->fix = "ship the .node file beside the executable and load it from there (pkg copies listed assets; see pkg's 'Native addons' notes), or keep the native package out of the executable";
		return true;
	}
	if (paths >= 1 && in_asar == paths) {
		c->ex->cause = "bundled-addon";
		c->ex->recognised = "bindings-in-asar";
		c->ex->title = "bindings searched inside app.asar: the packaged app did not unpack the addon";
		c->ex->why = "Every path bindings tried is inside the app's app.asar archive. Electron can read JavaScript from an asar archive but the .node file was either left out of the package or not unpacked next to it (app.asar.unpacked), which the packager must be told to do (electron-builder does it for what it detects as native; a build step that copies or bundles node_modules hides that).";
		c->ex->fix = "unpack native modules when packaging (electron-builder: asarUnpack: [\"**/*.node\"] or the package's directory; electron-forge: the auto-unpack-natives plugin, or packagerConfig.asar.unpack), and keep the native package in the app's own dependencies so it is packaged with its build/ directory";
		return true;
	}
	if (paths >= 2 && !in_nm) {
		c->ex->cause = "bundled-addon";
		c->ex->recognised = "bindings-bundled";
		c->ex->title = "bindings searched beside a bundle, not in the package: the addon's JavaScript was bundled";
		c->ex->package = NULL;
		c->ex->why = "None of the paths bindings tried is inside node_modules: it looked in the application's own directory (or inside app.asar), which is what happens when a bundler (webpack, electron-vue, vite) or packager moved the package's JavaScript into a bundle, so bindings' search starts from the bundle instead of the package. The .node file itself is usually installed and fine. (If this is your own addon project rather than a package, it was simply never built: node-gyp rebuild.)";
		c->ex->fix = "keep the native package out of the bundle (webpack externals / externals-plugin, electron-vite externalizeDepsPlugin, vite build.rollupOptions.external) so it is required from node_modules; when packaging Electron, also unpack the .node files (asarUnpack)";
		return true;
	}
	c->ex->why = "The `bindings` helper looked in build/Release, build/Debug, compiled/... and found no .node file: the install step neither downloaded a prebuilt binary nor compiled one (install scripts skipped, or the build failed).";
	c->ex->fix = arena_printf(c->a, "npm rebuild %s (needs python3, make and a C++ compiler when no prebuild exists)", pkg_or(c, "<package>"));
	return true;
}

static bool m_node_pre_gyp(struct ctx *c)
{
	const char *p = find(c, "Pre-built binaries not installable", NULL);
	if (!p)
		p = find(c, "Pre-built binaries not found for", NULL);
	if (!p)
		return false;
	set(c, "node-pre-gyp-no-prebuild", "missing-prebuild", "node-pre-gyp", "node-pre-gyp could not download a prebuilt binary");
	c->ex->why = "No prebuilt binary was published for this Node ABI / platform (HTTP 404), or the download failed; node-pre-gyp then falls back to compiling, which needs a toolchain.";
	c->ex->fix = "install build tools (python3, make, g++) and run npm rebuild --build-from-source, or use a package version with prebuilds for this Node.js";
	return true;
}

static bool m_exec_format(struct ctx *c)
{
	const char *p = find_unless(c, "Exec format error", "Error loading shared library", NULL);
	if (!p)
		return false;
	set(c, "exec-format-error", "wrong-arch", "kernel", "a binary for another CPU or OS");
	const char *ls = line_start(c, p);
	const char *colon = find_from(ls, p, ": ", NULL);
	if (colon)
		set_file(c, path_before(c, colon));
	c->ex->why = "The kernel (or musl's loader) refused the binary's format: it is for another CPU architecture or OS (e.g. an x64 binary on arm64 without emulation).";
	c->ex->fix = "install the build for this machine's CPU (reinstall on this machine; check 'uname -m' against the binary with 'addon-doctor inspect FILE')";
	return true;
}

/* ---- driver ----------------------------------------------------------------- */

/* node-pre-gyp's binding dir names the ABI: lib/binding/node-v83-linux-x64/
 * (NODE_MODULE_VERSION 83), electron-v8.2-... or napi-v6-...; translate it
 * like any other number when the message itself did not give one. */
static void npg_path_abi(struct ctx *c)
{
	const char *f = c->ex->file;
	if (!f)
		return;
	for (const char *s = f; (s = strstr(s, "node-v")) != NULL; s += 6) {
		if (s > f && s[-1] != '/' && s[-1] != '\\')
			continue;
		const char *after;
		long v = number_at(s + 6, s + strlen(s), &after);
		if (v <= 0 || *after != '-')
			continue;
		for (size_t i = 0; i < c->ex->numbers.n; i++)
			if (strstr(c->ex->numbers.v[i].label, "NODE_MODULE_VERSION"))
				return;
		number(c, "NODE_MODULE_VERSION of the node-pre-gyp binding directory", arena_printf(c->a, "node-v%ld", v), abi_words(c, v));
		return;
	}
}

/* Fixes that depend on the runtime: an architecture mismatch inside
 * Electron is fixed by rebuilding for Electron's arch, not node.exe's. */
static void refine(struct ctx *c)
{
	npg_path_abi(c);
	/* Deno 2.9 appends "\n  path: FILE" to a dlopen() error: the addon */
	const char *epath = NULL, *ppath = NULL;
	for (const char *nl = c->t; nl && nl < c->end; nl = memchr(nl + 1, '\n', (size_t)(c->end - nl - 1))) {
		if (*nl == '\n' && c->end - nl > 9 && !memcmp(nl, "\n  path: ", 9)) {
			ppath = nl;
			epath = nl + 9;
			break;
		}
		if (c->end - nl <= 1)
			break;
	}
	if (ppath && epath < c->end && (*epath == '/' || *epath == '\\' || isalpha((unsigned char)*epath))) {
		const char *f = dup_range(c, epath, line_end(c, epath));
		if (f && strstr(f, ".node") && (!c->ex->file || strcmp(c->ex->file, f))) {
			if (!c->ex->file || !strstr(c->ex->file, ".node"))
				set_file(c, f);
		}
	}
	/* "<program>: error while loading shared libraries: ..." is ld.so
	 * starting a program, not dlopen() loading an addon: the runtime (node,
	 * nw, an Electron app, a pkg executable) fails before any addon. */
	const char *el, *pl = find(c, "error while loading shared libraries: ", &el);
	if (pl && strcmp(c->ex->subject ? c->ex->subject : "", "runtime")) {
		const char *prog = path_before(c, pl);
		if (prog && (*prog == '"' || *prog == '\'' || *prog == '`'))
			prog = NULL;
		c->ex->subject = "runtime";
		c->ex->package = NULL;
		c->ex->file = prog;
		const char *who = prog ? arena_printf(c->a, "the program %s itself", prog) : "the program itself (node, an Electron/NW.js app, a packaged executable)";
		c->ex->why = arena_printf(c->a, "This is ld.so failing to start %s (\"error while loading shared libraries\"), before any addon is loaded: no npm rebuild of an addon helps. %s", who, c->ex->why ? c->ex->why : "");
		if (!strcmp(c->ex->cause, "missing-library") && c->ex->library) {
			bool cxx = !strncmp(c->ex->library, "libstdc++.so", 12) || !strncmp(c->ex->library, "libgcc_s.so", 11);
			c->ex->why = arena_printf(c->a, "This is ld.so failing to start %s (\"error while loading shared libraries\"), before any addon is loaded: no npm rebuild of an addon helps. The program lists %s as a dependency and the loader found it in no search directory.",
						  who, c->ex->library);
			c->ex->fix = cxx ? arena_printf(c->a, "install the C++ runtime: apt install libstdc++6 / dnf install libstdc++; on Alpine (musl) a glibc build of %s needs a musl build instead (apk add libstdc++ alone does not make a glibc binary run)", prog ? prog : "the program")
				 : arena_printf(c->a, "install the system package that provides %s for %s (apt-file search %s / dnf provides '*/%s'); Electron and NW.js apps need Chromium's system libraries (libnss3, libgbm1, libasound2, libgtk-3-0)",
						c->ex->library, prog ? prog : "the program", c->ex->library, c->ex->library);
		} else if (!strcmp(c->ex->cause, "static-tls")) {
			c->ex->why = arena_printf(c->a, "This is ld.so failing to start %s (\"error while loading shared libraries\"), before any addon is loaded: no npm rebuild of an addon helps. The libraries the program itself links need more initial-exec TLS than this glibc reserves at startup (seen with newer builds on old glibc, e.g. CentOS 6).", who);
			c->ex->fix = arena_printf(c->a, "run a build of %s made for this system (for Node.js: an older major, or the distribution's own package) or move to a newer OS; the program's own libraries need more static TLS than this glibc reserves",
						  prog ? prog : "the program");
		}
	}
	/* Electron docs ("Using Native Node Modules", troubleshooting): an
	 * addon built for Node.js links against node.exe/node.dll, which an
	 * Electron process does not have under that name; its import
	 * resolution then fails while the DLL initialises.  A dependency DLL
	 * of the addon failing is the other reading, so only when the failing
	 * file is the addon itself. */
	/* Chromium's devtools console ("Uncaught Error: ..." on Windows, in a
	 * renderer) is an Electron app's (NW.js names itself, see nwjs_clues) */
	bool addon_file = c->ex->file && strlen(c->ex->file) > 5 && !strcmp(c->ex->file + strlen(c->ex->file) - 5, ".node");
	bool el_win = addon_file && !nwjs_clues(c) && (electron_clues(c) || has(c, "Uncaught Error: "));
	if (el_win && c->ex->recognised && !strcmp(c->ex->recognised, "windows-procedure-not-found")) {
		c->ex->cause = "electron-abi-mismatch";
		c->ex->title = "a function the addon imports is missing inside Electron: almost always a build for Node.js or another Electron";
		c->ex->why = "ERROR_PROC_NOT_FOUND for a .node file loaded by Electron: an addon built for Node.js, or against another Electron's headers, imports V8/Node.js functions by name (from node.exe, through the delay-load hook, from electron.exe), and this Electron does not export one of them. Rebuilding it against this Electron's headers fixes it.";
		c->ex->fix = arena_printf(c->a, "npx @electron/rebuild -f -w %s   (with the Electron version and arch the app uses; dependencies under devDependencies are skipped unless listed)", pkg_or(c, "<package>"));
	}
	if (!strcmp(c->ex->cause, "dll-init-failed") && el_win) {
		c->ex->cause = "electron-abi-mismatch";
		c->ex->title = "the addon failed to initialise inside Electron: almost always a build for Node.js, not for this Electron";
		c->ex->why = "ERROR_DLL_INIT_FAILED for a .node file loaded by Electron: an addon compiled for Node.js (node-gyp against Node's headers, or a Node prebuild such as win32-x64-<ABI>) resolves its runtime imports against node.exe; Electron exports them from electron.exe, so the addon fails while it loads. Rebuilding it against Electron's headers (with the delay-load hook) fixes it.";
		c->ex->fix = arena_printf(c->a, "npx @electron/rebuild -f -w %s   (with the Electron version and arch the app uses)", pkg_or(c, "<package>"));
	}
	/* sharp >= 0.33 ships libvips in its own optional package
	 * (@img/sharp-libvips-<platform>-<arch>) that the @img/sharp-<p>-<a>
	 * binary finds by RPATH: libvips-cpp.so missing is that package not
	 * installed (pnpm/yarn skipping it, or a packaged app leaving it out),
	 * not a system library to install. */
	const char *vips = c->ex->library ? c->ex->library : "";
	if (!strncmp(vips, "@rpath/", 7))
		vips += 7; /* dyld's "Library not loaded: @rpath/libvips-cpp.42.dylib" */
	if (!strcmp(c->ex->cause, "missing-library") && (!strncmp(vips, "libvips-cpp.so", 14) || (!strncmp(vips, "libvips-cpp.", 12) && strstr(vips, ".dylib"))) &&
	    (has(c, "Could not load the \"sharp\" module") || (c->ex->file && strstr(c->ex->file, "@img/sharp-")))) {
		const char *e, *p = find(c, "Could not load the \"sharp\" module using the ", &e);
		const char *rt = p ? token_at(c, e) : NULL;
		c->ex->cause = "missing-platform-package";
		c->ex->title = "sharp's libvips package is not installed";
		c->ex->package = "sharp";
		c->ex->why = arena_printf(c->a, "sharp >= 0.33 loads libvips from the optional package @img/sharp-libvips-%s, found next to @img/sharp-%s; %s is missing, so that package was not installed (pnpm or yarn skipping an optional dependency, --omit=optional, a lockfile from another platform) or a packaged app left it out.",
					  rt ? rt : "<platform>-<arch>", rt ? rt : "<platform>-<arch>", c->ex->library);
		c->ex->fix = electron_clues(c)
			? arena_printf(c->a, "install @img/sharp-libvips-%s next to sharp and keep both @img packages in the packaged app, unpacked from the asar (asarUnpack: node_modules/sharp/** and node_modules/@img/**)", rt ? rt : "<platform>-<arch>")
			: arena_printf(c->a, "npm install --include=optional sharp (or add @img/sharp-libvips-%s explicitly; with pnpm, allow its optional dependencies), on the machine that runs it", rt ? rt : "<platform>-<arch>");
	}
	/* A Node-API function the runtime does not export (napi-functions.tsv
	 * knows it: an older Node-API level, or experimental): Node.js, or an
	 * Electron, older than the addon's Node-API; the same for a Node-API
	 * addon in a Node.js without any (Node.js <= 7: napi_module_register).
	 * Bun and Deno (alt runtimes), Android's libnode (bionic hides it) and
	 * a runtime that failed itself keep their own readings. */
	if ((!strcmp(c->ex->cause, "undefined-symbol") || !strcmp(c->ex->cause, "lazy-undefined-symbol")) && c->ex->symbol &&
	    strcmp(c->ex->subject ? c->ex->subject : "", "runtime") && strncmp(c->ex->recognised ? c->ex->recognised : "", "android-", 8) &&
	    !has(c, "bun: ") && !has(c, "/bun ") && !has(c, "deno: ")) {
		const char *sy = c->ex->symbol;
		if (sy[0] == '_' && (!strncmp(sy + 1, "napi_", 5) || !strncmp(sy + 1, "node_api_", 9)))
			sy++; /* Mach-O's leading underscore */
		int lvl = napi_function_level(sy);
		if (lvl >= 0) {
			bool lazy = !strcmp(c->ex->cause, "lazy-undefined-symbol");
			c->ex->cause = "napi-too-new";
			c->ex->title = "the addon calls a Node-API function this runtime does not have: it needs a newer Node.js (or Electron)";
			c->ex->why = lvl > 0 ? arena_printf(c->a, "%s is a Node-API function added in Node-API %d. The runtime that loaded the addon exports an older Node-API (or none: Node.js 7 and older, Electron before 3), so the addon was built for a newer one than this runtime has.", sy, lvl)
					     : arena_printf(c->a, "%s is an experimental Node-API function (NAPI_EXPERIMENTAL) that this runtime does not export: it came in a newer Node.js, or the addon was built against experimental headers.", sy);
			if (lazy)
				c->ex->why = arena_printf(c->a, "%s The addon itself loaded: the function was looked up at its first call, and the process ended there.", c->ex->why);
			c->ex->fix = arena_printf(c->a, "upgrade Node.js (or Electron) to a release with Node-API %s (see 'addon-doctor abi'), or install a version of %s that supports this one",
						  lvl > 0 ? arena_printf(c->a, "%d or newer", lvl) : "that exports it", pkg_or(c, "the package"));
		}
	}
	/* A V8 / node:: C++ API function missing from an installed package's
	 * addon: V8's C++ API changes between Node.js majors, so the package
	 * was compiled against another runtime's headers (a build made under
	 * another Node.js, npm's nodedir/target pointing elsewhere): rebuild
	 * it for this one.  The same holds for an addon installed outside
	 * node_modules (/opt, /usr/lib: a copy built for the Node.js that was
	 * there before an upgrade).  In a project's own build output
	 * (build/Release, build/Debug) the addon was just compiled, normally
	 * against this Node.js's headers, so the plain reading stays: the
	 * source calls something this Node.js declares but does not export. */
	bool own_build = c->ex->file && !strstr(c->ex->file, "node_modules") &&
			 (strstr(c->ex->file, "/build/Release/") || strstr(c->ex->file, "/build/Debug/") ||
			  strstr(c->ex->file, "\\build\\Release\\") || strstr(c->ex->file, "\\build\\Debug\\"));
	/* On Android the why already names the one common cause (Node.js is
	 * libnode.so there, and bionic shows its exports only to an addon
	 * linked against it), whatever the symbol. */
	bool android = c->ex->recognised && !strncmp(c->ex->recognised, "android-", 8);
	if ((!strcmp(c->ex->cause, "undefined-symbol") || !strcmp(c->ex->cause, "lazy-undefined-symbol")) && c->ex->symbol && c->ex->file && !own_build &&
	    !android && strcmp(c->ex->subject ? c->ex->subject : "", "runtime")) {
		const char *sy = c->ex->symbol[0] == '_' && c->ex->symbol[1] == '_' ? c->ex->symbol + 1 : c->ex->symbol;
		if (!strncmp(sy, "_ZN2v8", 6) || !strncmp(sy, "_ZNK2v8", 7) || !strncmp(sy, "_ZN4node", 8) || !strncmp(sy, "_ZNK4node", 9)) {
			bool elx = electron_clues(c);
			c->ex->cause = elx ? "electron-abi-mismatch" : "abi-mismatch";
			c->ex->title = "the addon calls a V8/Node.js C++ function this runtime does not have: it was built for another runtime version";
			c->ex->why = arena_printf(c->a, "%s is part of V8's or Node.js's C++ API, which changes between Node.js (and Electron) versions. The package's addon was compiled against another runtime's headers (built under another Node.js, npm's nodedir/--target pointing at other headers, or node_modules carried over from another version), so this runtime does not export it.",
						  c->ex->demangled && strncmp(c->ex->demangled, "a mangled", 9) ? c->ex->demangled : c->ex->symbol);
			bool in_nm = c->ex->file && strstr(c->ex->file, "node_modules");
			if (elx)
				c->ex->fix = arena_printf(c->a, "npx @electron/rebuild -f -w %s", pkg_or(c, "<package>"));
			else if (in_nm || c->ex->package)
				c->ex->fix = arena_printf(c->a, "npm rebuild %s with the Node.js that runs it (unset npm_config_nodedir / --target if set; delete its build/ directory first), or use a release of the package that supports this Node.js",
							  pkg_or(c, "<package>"));
			else
				c->ex->fix = "rebuild the addon against the headers of the Node.js that runs it (node-gyp rebuild, with that node first on PATH); if it no longer compiles, its source uses a V8 API this version removed: port it, or use the Node.js it was written for";
		}
	}
	/* A missing .node under a single-file executable's own file system
	 * (deno compile: <tmp>/deno-compile-<name>/; bun build --compile:
	 * /$bunfs/, B:/~BUN/; pkg: /snapshot/): the compiler left the addon
	 * out of the executable.  The package is installed where it was
	 * built, which is why running the source (deno run, node) works. */
	/* glibc's "cannot open shared object file" for the addon itself reads
	 * as another CPU's build only for a file that exists; inside such an
	 * executable's file system it is the missing file. */
	/* node-pre-gyp's directory for this ABI missing inside the snapshot
	 * is the same: pkg packed the JavaScript, not the binding */
	/* pkg's note after a failed require inside its snapshot */
	bool pkg_note = has(c, "If you want to compile the package/file into executable");
	if (pkg_note && (!strcmp(c->ex->cause, "not-found") || !strcmp(c->ex->cause, "missing-prebuild")) && c->ex->file &&
	    (strstr(c->ex->file, ".node") || strstr(c->ex->file, "build/Release") || strstr(c->ex->file, "build\\Release"))) {
		c->ex->cause = "bundled-addon";
		c->ex->title = "the addon is not inside the pkg executable";
		c->ex->why = "pkg's own note follows the error: the require ran inside the executable's snapshot (/snapshot, C:\\snapshot), where pkg put the JavaScript but not the addon, which it cannot pack; the loader's computed path points into the snapshot.";
		c->ex->fix = "ship the .node file beside the executable and load it from there (pkg assets plus a path built from process.execPath), or keep the native package out of the executable";
	}
	bool gone = !strcmp(c->ex->cause, "not-found") ||
		    (!strcmp(c->ex->cause, "wrong-arch") && c->ex->recognised && !strcmp(c->ex->recognised, "glibc-cannot-open-self")) ||
		    (c->ex->recognised && !strcmp(c->ex->recognised, "node-pre-gyp-binding-missing"));
	if (gone && c->ex->file && (strstr(c->ex->file, ".node") || strstr(c->ex->file, "/build/Release/") || strstr(c->ex->file, "/build/Debug/")) &&
	    (strstr(c->ex->file, "deno-compile-") || strstr(c->ex->file, "/$bunfs/") || strstr(c->ex->file, "~BUN") ||
	     strstr(c->ex->file, "/snapshot/") || strstr(c->ex->file, "\\snapshot\\"))) {
		c->ex->cause = "bundled-addon";
		c->ex->title = "the addon is not inside the compiled single-file executable";
		c->ex->why = "The path is inside a single-file executable's embedded file system (deno compile, bun build --compile, pkg), and the .node file was not put there: the compiler includes only what it sees required statically or is told to include, and an addon's loader computes its path at run time. The package itself is installed where the build ran, so the same code works when run from source.";
		c->ex->fix = "make the compiler include the .node file (deno compile --include <the package's .node or its directory>; bun build --compile: require the .node by a static path; pkg: list it under pkg.assets), or ship the .node beside the executable and load it from there";
	}
	/* Atom (an Electron app) rebuilds its packages' addons itself */
	if (!strcmp(c->ex->cause, "electron-abi-mismatch") && atom_module_list(c))
		c->ex->fix = arena_printf(c->a, "%s; for an Atom package: apm rebuild, or the Rebuild Packages button of Atom's Incompatible Packages view", c->ex->fix);
	if (!strcmp(c->ex->cause, "wrong-arch") && electron_clues(c) && strcmp(c->ex->recognised, "sharp-unsupported-cpu")) {
		c->ex->fix = arena_printf(c->a, "npx @electron/rebuild -f -w %s --arch <the Electron app's arch: x64, arm64 or ia32>   (Electron loads it, so Electron's architecture counts, not the node that ran npm install)",
					  pkg_or(c, "<package>"));
	}
}

static bool (*const matchers[])(struct ctx *) = {
	m_oracle, m_napi_too_new, m_abi_mismatch, m_alt_runtime, m_crash_on_call, m_old_version_mismatch, m_context_aware, m_addons_disabled,
	m_v8_sandbox, m_exec_stack, m_static_tls, m_noexec, m_page_align, m_version_not_found, m_lazy_symbol,
	m_musl_relocating, m_musl_loading, m_undefined_symbol, m_elf_header, m_cannot_open, m_dyld, m_android_exec, m_android, m_bsd_rtld,
	m_windows, m_self_register, m_node010_symbol, m_no_entry, m_node_gyp_build, m_sea_require, m_sharp, m_tfjs, m_no_interpreter, m_nexe, m_esbuild, m_next_swc, m_parcel_watcher, m_require_addon, m_cli_platform_package, m_node_sass, m_grpc, m_prisma, m_napi_rs, m_webpack_parse, m_deno_loadlibrary, m_bindings,
	m_cannot_find_module, m_node_pre_gyp, m_exec_format, m_platform_package_named,
};

bool explain_text(struct arena *a, const char *text, size_t len, struct explain *out)
{
	memset(out, 0, sizeof *out);
	out->cause = "unknown";
	if (len > EXPLAIN_MAX_INPUT) {
		len = EXPLAIN_MAX_INPUT;
		out->truncated_input = true;
	}
	/* A private, NUL-terminated copy: matchers may read until NUL safely. */
	char *t = arena_strndup(a, text ? text : "", text ? len : 0);
	if (!t)
		return false;
	size_t n = strlen(t); /* an embedded NUL ends the text */
	t = explain_clean(a, t, n, &n);
	if (!t)
		return false;
	struct ctx c = { a, t, t + n, out };
	bool found = false;
	for (size_t i = 0; i < sizeof matchers / sizeof matchers[0]; i++) {
		if (!found) {
			found = matchers[i](&c);
			continue;
		}
		/* Note other shapes without letting them overwrite the answer;
		 * the last-resort reading of a platform package's name adds
		 * nothing to an answer already found */
		if (matchers[i] == m_platform_package_named)
			continue;
		struct explain saved = *out, probe;
		memset(&probe, 0, sizeof probe);
		c.ex = &probe;
		if (matchers[i](&c) && probe.recognised && strcmp(probe.recognised, saved.recognised)) {
			*out = saved;
			const char **s = VEC_PUSH(a, &out->also);
			if (s)
				*s = probe.recognised;
		} else {
			*out = saved;
		}
		c.ex = out;
	}
	if (!found) {
		out->cause = "unknown";
		out->recognised = NULL;
		return false;
	}
	refine(&c);
	return true;
}
