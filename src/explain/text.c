/*
 * text.c - text helpers shared by every room: whitespace-tolerant matching, finding, copying ranges, paths and package names, setting the result: one room of the message recogniser (explain.c
 * holds the driver and the matcher table; see explain_int.h).
 */
#include "explain_int.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../parse/parse.h"
#include "../runtime/abi.h"
#include "data.h"

/* ---- text helpers ------------------------------------------------------ */

bool is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* Matches pat at s; a ' ' in pat matches one or more blanks.  Returns the
 * end of the match or NULL. */
const char *match_at(const char *s, const char *end, const char *pat)
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
const char *find_from(const char *from, const char *end, const char *pat, const char **mend)
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

const char *find(struct ctx *c, const char *pat, const char **mend)
{
	return find_from(c->t, c->end, pat, mend);
}

const char *line_start(struct ctx *c, const char *p)
{
	while (p > c->t && p[-1] != '\n')
		p--;
	return p;
}

const char *line_end(struct ctx *c, const char *p)
{
	while (p < c->end && *p != '\n' && *p != '\r')
		p++;
	return p;
}

const char *dup_range(struct ctx *c, const char *s, const char *e)
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
const char *path_before(struct ctx *c, const char *at)
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
const char *quoted_after(struct ctx *c, const char *p, char close)
{
	const char *e = p;
	while (e < c->end && *e != close && *e != '\n' && (size_t)(e - p) < 4096)
		e++;
	if (e >= c->end || *e != close)
		return NULL;
	return arena_strndup(c->a, p, (size_t)(e - p));
}

/* Reads a decimal number at p (skipping blanks); -1 if none. */
long number_at(const char *p, const char *end, const char **after)
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
const char *token_at(struct ctx *c, const char *p)
{
	const char *e = p;
	while (e < c->end && (isalnum((unsigned char)*e) || strchr("_.@/-+", *e)) && e - p < 512)
		e++;
	return e > p ? arena_strndup(c->a, p, (size_t)(e - p)) : NULL;
}

void number(struct ctx *c, const char *label, const char *value, const char *meaning)
{
	struct explain_number *n = VEC_PUSH(c->a, &c->ex->numbers);
	if (n) {
		n->label = label;
		n->value = value;
		n->meaning = meaning;
	}
}

const char *abi_words(struct ctx *c, long n)
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
const char *package_of(struct arena *a, const char *path)
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
bool is_node_binary(const char *path)
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
bool is_program(const char *path)
{
	if (!path || !*path)
		return false;
	if (is_node_binary(path))
		return true;
	if (strstr(path, ".node") || strstr(path, ".so") || strstr(path, ".dll") || strstr(path, ".dylib") || strchr(path, ' '))
		return false;
	/* inside node_modules only a package's own executable in a bin/
	 * directory (esbuild's bin/esbuild, a packaged tool's binary) */
	return !strstr(path, "node_modules") || ((strstr(path, "/bin/") || strstr(path, "\\bin\\")) && !strstr(path, ".js"));
}

void set(struct ctx *c, const char *shape, const char *cause, const char *origin, const char *title)
{
	c->ex->recognised = shape;
	c->ex->subject = "addon";
	c->ex->cause = cause;
	c->ex->origin = origin;
	c->ex->title = title;
}

const char *pkg_or(struct ctx *c, const char *fallback)
{
	return c->ex->package ? c->ex->package : fallback;
}

void set_file(struct ctx *c, const char *file)
{
	c->ex->file = file;
	c->ex->package = package_of(c->a, file);
}

/* Like find(), skipping occurrences on a line that also holds `unless`
 * (that line belongs to a more specific shape). */
const char *find_unless(struct ctx *c, const char *pat, const char *unless, const char **mend)
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

bool has(struct ctx *c, const char *pat)
{
	return find(c, pat, NULL) != NULL;
}

/* Signs in the text that Electron, not Node.js, is the runtime: its asar
 * loader's frames, its main-process dialog text, its js2c frames, its
 * name. */
/* Atom's incompatible-packages view (an Electron app) lists each native
 * module as "<name>@<version>" with "Error message: ..." on the next line. */
bool atom_module_list(struct ctx *c)
{
	if (has(c, "incompatible native modules"))
		return true;
	const char *e, *p = find(c, "\nError message: ", &e);
	for (int k = 0; p && k < 64; k++, p = find_from(e, c->end, "\nError message: ", &e)) {
		/* the line before: a bare name@1.2.3 (blank lines between, in
		 * a paste that doubled each line break, are skipped) */
		const char *le = p, *ls = line_start(c, p), *at = NULL;
		while (ls < le && is_blank(*ls))
			ls++;
		for (int b = 0; b < 3 && ls == le && le > c->t; b++) {
			le = line_start(c, le) > c->t ? line_start(c, le) - 1 : c->t;
			ls = line_start(c, le);
			while (ls < le && is_blank(*ls))
				ls++;
		}
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

bool electron_clues(struct ctx *c)
{
	/* MagicMirror² runs its modules inside Electron (npm start); its
	 * modules are installed by npm for the system's Node.js */
	return electron_word(c) || electron_strong_clues(c) || has(c, "/MagicMirror/") || has(c, "\\MagicMirror\\");
}

/* The clues that only an Electron process prints (not merely the word, which
 * a directory or project name may hold). */
bool electron_strong_clues(struct ctx *c)
{
	/* atom-shell is Electron's name before 2015: ATOM_SHELL_ASAR.js frames,
	 * "A JavaScript error occured in the browser process" */
	return has(c, "ELECTRON_ASAR.js") || has(c, "A JavaScript error occurred in the main process") ||
	       has(c, "electron/js2c") || has(c, "app.asar") || has(c, "ATOM_SHELL") ||
	       has(c, "atom-shell") || has(c, "error occured in the browser process") ||
	       has(c, "error occurred in the browser process") ||
	       /* Electron's default_app logs this when the app's main script throws */
	       has(c, "App threw an error during load") || atom_module_list(c) ||
	       /* the Atom editor (built on atom-shell / Electron): its bundle's
	        * own asar.js and its paths */
	       has(c, "Atom.app/Contents/") || has(c, "/atom/common/lib/asar.js") || has(c, "\\atom\\common\\lib\\asar.js") ||
	       has(c, "Atom Helper") || has(c, "/.atom/packages/") || has(c, "\\.atom\\packages\\") ||
	       /* VS Code's extension host (Electron's Node.js) */
	       has(c, "Activating extension '") || electron_dialog_line(c) ||
	       /* Chromium's console log line ("[pid:MMDD/hhmmss:INFO:CONSOLE(83)] "Uncaught
	        * Error: ..."): a renderer's console, Electron's (NW.js names itself) */
	       (has(c, ":INFO:CONSOLE(") && !nwjs_clues(c));
}

/* NW.js (node-webkit) as the runtime; a packaged NW.js app runs from the
 * directory it extracts itself to (%TEMP%\nw<pid>_<n>). */
bool nwjs_clues(struct ctx *c)
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
bool old_node_stack(struct ctx *c)
{
	return has(c, "at Error (native)") || has(c, "(module.js:") || has(c, "module.js:") || has(c, "io.js");
}
