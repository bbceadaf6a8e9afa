/*
 * clean.c - takes the paste noise off a pasted error before the matchers
 * see it, so they match the loader's own words and nothing else.
 *
 * What users paste around the message (issue 16): JSON-escaped logs
 * ("\n" inside a string), ANSI colour codes (with the ESC byte, or with it
 * lost in the copy: "[31m"), CRLF and lone CR, typographic quotes from
 * chat and issue trackers, and per-line prefixes that process managers,
 * CI systems and markdown add: pm2's "0|app  | ", docker compose's
 * "web-1  | ", BuildKit's "#12 0.532 ", "remote: ", "npm ERR! ",
 * "npm error ", markdown quoting "> " and code fences, "**" emphasis, and
 * timestamps ("2024-01-02T03:04:05.678Z ", "[2024-01-02 03:04:05] ",
 * "[03:04:05] ").  Each pass here writes no more bytes than it reads,
 * and every byte is looked at a bounded number of times (a line prefix is
 * only stripped when it is consumed).  Mojibake and translated glibc texts
 * are l10n.c's; only its English rewrite may lengthen the text, by at most
 * EXPLAIN_L10N_GROWTH.
 */
#include "explain.h"

#include <ctype.h>
#include <string.h>

#include "../util/findmem.h"

static bool has_lit(const char *s, size_t n, const char *lit)
{
	size_t k = strlen(lit);
	for (size_t i = 0; i + k <= n; i++)
		if (s[i] == lit[0] && !memcmp(s + i, lit, k))
			return true;
	return false;
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* A JSON-escaped log: a stack printed as one string, "\n" for line breaks.
 * Only decoded when the text shows it is escaped (an escaped stack frame,
 * an escaped quote, or a JSON message key) - never for a bare Windows path
 * like C:\node_modules\x, whose "\n" is a path separator. */
static bool json_escaped(const char *s, size_t n)
{
	/* a log record's message key: decoded even for a one-line message */
	if (has_lit(s, n, "\"message\":\"") || has_lit(s, n, "\"msg\":\"") || has_lit(s, n, "\"message\": \"") ||
	    has_lit(s, n, "\"msg\": \""))
		return true;
	if (!has_lit(s, n, "\\n"))
		return false;
	return has_lit(s, n, "\\n    at ") || has_lit(s, n, "\\\"") || has_lit(s, n, "\"message\":\"") ||
	       has_lit(s, n, "\"stack\":\"") || has_lit(s, n, "\"msg\":\"") || has_lit(s, n, "\\\\node_modules\\\\") ||
	       has_lit(s, n, "\\nwas compiled against") || has_lit(s, n, "\\nNODE_MODULE_VERSION ") ||
	       /* serialisers that put a blank after the colon (Python's json, jq) */
	       has_lit(s, n, "\"message\": \"") || has_lit(s, n, "\"stack\": \"") || has_lit(s, n, "\"msg\": \"");
}

static size_t json_decode(const char *s, size_t n, char *o)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		/* an unescaped quote delimits the log record's strings ({"level":50,
		 * "msg":"...}): a line break, so the message's first line is its
		 * own and not glued to the record's keys */
		if (s[i] == '"') {
			o[k++] = '\n';
			continue;
		}
		if (s[i] != '\\' || i + 1 >= n) {
			o[k++] = s[i];
			continue;
		}
		char e = s[i + 1];
		if (e == 'u' && i + 5 < n) {
			int v = 0;
			bool ok = true;
			for (int j = 2; j < 6; j++) {
				int h = hexval(s[i + j]);
				if (h < 0)
					ok = false;
				v = v * 16 + (h < 0 ? 0 : h);
			}
			if (ok && v > 0) {
				/* BMP only: 1-3 bytes of UTF-8 for 6 bytes read */
				if (v < 0x80) {
					o[k++] = (char)v;
				} else if (v < 0x800) {
					o[k++] = (char)(0xc0 | (v >> 6));
					o[k++] = (char)(0x80 | (v & 0x3f));
				} else {
					o[k++] = (char)(0xe0 | (v >> 12));
					o[k++] = (char)(0x80 | ((v >> 6) & 0x3f));
					o[k++] = (char)(0x80 | (v & 0x3f));
				}
				i += 5;
				continue;
			}
		}
		char d = e == 'n' ? '\n' : e == 'r' ? '\r' : e == 't' ? '\t' : e == '"' ? '"' : e == '\\' ? '\\' : e == '/' ? '/' : 0;
		if (d) {
			o[k++] = d;
			i++;
		} else {
			o[k++] = s[i];
		}
	}
	return k;
}

/* An HTML character reference at s (&amp; &lt; &gt; &quot; &apos; &#NN;
 * &#xHH; for ASCII): its length, with the character in *out; else 0. */
static size_t entity_at(const char *s, size_t n, char *out)
{
	static const struct {
		const char *name;
		char c;
	} named[] = { { "&amp;", '&' }, { "&lt;", '<' }, { "&gt;", '>' }, { "&quot;", '"' }, { "&apos;", '\'' }, { "&nbsp;", ' ' } };
	for (size_t j = 0; j < sizeof named / sizeof named[0]; j++) {
		size_t l = strlen(named[j].name);
		if (n >= l && !memcmp(s, named[j].name, l)) {
			*out = named[j].c;
			return l;
		}
	}
	if (n < 4 || s[1] != '#')
		return 0;
	bool hex = s[2] == 'x' || s[2] == 'X';
	size_t i = hex ? 3 : 2, start = i;
	int v = 0;
	while (i < n && i - start < 4) {
		int d = hex ? hexval(s[i]) : (isdigit((unsigned char)s[i]) ? s[i] - '0' : -1);
		if (d < 0)
			break;
		v = v * (hex ? 16 : 10) + d;
		i++;
	}
	if (i == start || i >= n || s[i] != ';' || v < 0x20 || v > 0x7e)
		return 0;
	*out = (char)v;
	return i + 1;
}

/* ANSI escapes, CR, typographic quotes, "**", Unicode blanks, HTML entities. */
static size_t links_pass(const char *s, size_t n, char *o)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		/* GitHub's markdown turns a bare name that looks like a domain
		 * into a link, and a copy of the rendered issue keeps its source:
		 * "[libssl.so](http://libssl.so/).1.1" was "libssl.so.1.1" */
		if (c == '[' && i + 3 < n) {
			size_t j = i + 1;
			while (j < n && j - i < 128 && s[j] != ']' && s[j] != '[' && s[j] != '\n' && s[j] != ' ')
				j++;
			size_t tl = j - i - 1;
			if (j + 2 < n && s[j] == ']' && s[j + 1] == '(' && tl > 0) {
				size_t u = j + 2, pre = 0;
				if (n - u > 7 && !memcmp(s + u, "http://", 7))
					pre = 7;
				else if (n - u > 8 && !memcmp(s + u, "https://", 8))
					pre = 8;
				size_t v = u + pre;
				if (pre && n - v >= tl && !memcmp(s + v, s + i + 1, tl)) {
					v += tl;
					if (v < n && s[v] == '/')
						v++;
					if (v < n && s[v] == ')') {
						memcpy(o + k, s + i + 1, tl);
						k += tl;
						i = v;
						continue;
					}
				}
			}
		}
		if (c == '[' && i + 3 < n) {
			size_t j = i + 1;
			while (j < n && j - i < 12 && isdigit((unsigned char)s[j]))
				j++;
			static const char gh[] = "](https://github.com/";
			/* the link may have been wrapped by a console: line breaks
			 * inside it are not part of it */
			size_t g = 0, q = j;
			while (q < n && g < sizeof gh - 1 && q - j < 40) {
				if (s[q] == '\n' || s[q] == '\r') {
					q++;
					continue;
				}
				if (s[q] != gh[g])
					break;
				q++;
				g++;
			}
			if (j > i + 1 && g == sizeof gh - 1) {
				char tgt[400];
				size_t tn = 0;
				while (q < n && q - j < 600 && tn < sizeof tgt && s[q] != ')' && s[q] != ' ') {
					if (s[q] != '\n' && s[q] != '\r')
						tgt[tn++] = s[q];
					q++;
				}
				if (q < n && s[q] == ')' && find_mem(tgt, tn, "/actions/runs/", 14)) {
					memcpy(o + k, s + i + 1, j - i - 1);
					k += j - i - 1;
					i = q;
					continue;
				}
			}
		}
		o[k++] = s[i];
	}
	return k;
}

static size_t chars_pass(const char *s, size_t n, char *o)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == 0x1b) {
			/* CSI: ESC [ params final; other ESC x: two bytes */
			if (i + 1 < n && s[i + 1] == '[') {
				size_t j = i + 2;
				while (j < n && j - i < 32 && ((s[j] >= '0' && s[j] <= '9') || s[j] == ';' || s[j] == '?'))
					j++;
				if (j < n && s[j] >= '@' && s[j] <= '~')
					i = j;
				else
					i = j - 1;
			} else if (i + 1 < n) {
				i++;
			}
			continue;
		}
		if (c == '[' && i + 2 < n && isdigit((unsigned char)s[i + 1])) {
			/* "[31m", "[1;31m", "[0m": colour codes whose ESC was lost */
			size_t j = i + 1;
			while (j < n && j - i < 12 && (isdigit((unsigned char)s[j]) || s[j] == ';'))
				j++;
			if (j < n && s[j] == 'm') {
				i = j;
				continue;
			}
		}
		if (c == '\r') {
			if (i + 1 < n && s[i + 1] == '\n')
				continue;
			o[k++] = '\n';
			continue;
		}
		if (c == 0xe2 && i + 2 < n && (unsigned char)s[i + 1] == 0x80) {
			unsigned char d = (unsigned char)s[i + 2];
			if (d == 0x98 || d == 0x99) { /* U+2018, U+2019 */
				o[k++] = '\'';
				i += 2;
				continue;
			}
			if (d == 0x9c || d == 0x9d) { /* U+201C, U+201D */
				o[k++] = '"';
				i += 2;
				continue;
			}
		}
		if (c == '*' && i + 1 < n && s[i + 1] == '*') {
			i++;
			continue;
		}
		/* HTML's escapes, from a page's source or an e-mail of an issue:
		 * no loader prints an entity, so decoding one loses nothing */
		if (c == '&') {
			size_t m = entity_at(s + i, n - i, &o[k]);
			if (m) {
				k++;
				i += m - 1;
				continue;
			}
		}
		o[k++] = s[i];
	}
	return k;
}

static size_t digits(const char *s, const char *e, size_t max)
{
	size_t n = 0;
	while (s + n < e && n < max && isdigit((unsigned char)s[n]))
		n++;
	return n;
}

/* HH:MM:SS[.frac] at s; returns its length or 0. */
static size_t clock_at(const char *s, const char *e)
{
	if (digits(s, e, 2) != 2 || s + 8 > e || s[2] != ':' || digits(s + 3, e, 2) != 2 || s[5] != ':' ||
	    digits(s + 6, e, 2) != 2)
		return 0;
	size_t n = 8;
	if (s + n < e && (s[n] == '.' || s[n] == ','))
		n += 1 + digits(s + n + 1, e, 9);
	return n;
}

/* YYYY-MM-DD[T ]HH:MM:SS[.frac][Z|+HH:MM] or HH:MM:SS[.frac]; length or 0. */
static size_t stamp_at(const char *s, const char *e)
{
	size_t n = 0;
	if (digits(s, e, 4) == 4 && s + 10 < e && s[4] == '-' && digits(s + 5, e, 2) == 2 && s[7] == '-' &&
	    digits(s + 8, e, 2) == 2 && (s[10] == 'T' || s[10] == ' ')) {
		size_t c = clock_at(s + 11, e);
		if (!c)
			return 0;
		n = 11 + c;
	} else {
		n = clock_at(s, e);
		if (!n)
			return 0;
	}
	if (s + n < e && s[n] == 'Z')
		n++;
	else if (s + n < e && (s[n] == '+' || s[n] == '-') && digits(s + n + 1, e, 2) == 2) {
		n += 3;
		if (s + n < e && s[n] == ':')
			n++;
		n += digits(s + n, e, 2);
	}
	return n;
}

/* Length of one known prefix at the start of a line (s..e), or 0. */
static size_t prefix_at(const char *s, const char *e)
{
	static const char *const lits[] = { "npm ERR! ", "npm error ", "npm warn ", "npm WARN ", "lerna ERR! ", "lerna notice ", "remote: ", "> ", ">\t" };
	for (size_t i = 0; i < sizeof lits / sizeof lits[0]; i++) {
		size_t k = strlen(lits[i]);
		if ((size_t)(e - s) >= k && !memcmp(s, lits[i], k))
			return k;
	}
	if (e - s == 1 && *s == '>')
		return 1;
	/* a nested quote: ">> ", "> > " lose one level at a time */
	if (e - s >= 2 && s[0] == '>' && s[1] == '>')
		return 1;
	/* syslog / journalctl: "Dec  7 10:11:12 host prog[123]: " (month,
	 * day, clock, host, the program tag up to its colon) */
	{
		static const char months[] = "JanFebMarAprMayJunJulAugSepOctNovDec";
		bool mon = false;
		for (int i = 0; i < 12 && e - s > 4; i++)
			mon = mon || !memcmp(s, months + 3 * i, 3);
		if (mon && s[3] == ' ') {
			const char *q = s + 4;
			if (q < e && *q == ' ')
				q++;
			size_t d = digits(q, e, 2);
			q += d;
			size_t cl = d && q < e && *q == ' ' ? clock_at(q + 1, e) : 0;
			if (cl) {
				q += 1 + cl;
				const char *h = q < e && *q == ' ' ? q + 1 : NULL;
				const char *he = h;
				while (he && he < e && he - h < 64 && !isspace((unsigned char)*he))
					he++;
				const char *t = he && he > h && he < e && *he == ' ' ? he + 1 : NULL;
				const char *te = t;
				while (te && te < e && te - t < 64 && *te != ':' && !isspace((unsigned char)*te))
					te++;
				if (te && te > t && te + 1 < e && te[0] == ':' && te[1] == ' ')
					return (size_t)(te + 2 - s);
			}
		}
	}
	/* pm2 "0|app  | ", docker compose "web-1  | ": a name without blanks,
	 * padding, then "| " */
	{
		const char *q = s;
		while (q < e && q - s < 64 && (isalnum((unsigned char)*q) || strchr("._-|", *q)))
			q++;
		const char *name_end = q;
		while (q < e && *q == ' ')
			q++;
		if (name_end > s && q < e && *q == '|' && (q + 1 == e || q[1] == ' ') &&
		    (name_end < q || memchr(s, '|', (size_t)(name_end - s))))
			return (size_t)(q + (q + 1 < e ? 2 : 1) - s);
	}
	/* concurrently's "[1] " / "[web] ", a log level "[INFO] ": a short
	 * bracketed word, then a blank ("[cause]: ..." and "[Error: ...]"
	 * keep their text: a colon follows or sits inside) */
	if (*s == '[') {
		/* also kubectl's "[pod/api-7d9f8b6c5-x2k4q/api] " */
		const char *q = s + 1;
		while (q < e && q - s <= 64 && (isalnum((unsigned char)*q) || strchr("-_/.@", *q)))
			q++;
		if (q > s + 1 && q + 1 < e && *q == ']' && (q[1] == ' ' || q[1] == '\t'))
			return (size_t)(q + 2 - s);
	}
	/* a logger's level between pipes, left after its timestamp:
	 * "| ERROR | " or "ERROR | " (a bare "Error: " is the message) */
	{
		const char *q = s;
		if (q < e && *q == '|')
			q++;
		while (q < e && *q == ' ')
			q++;
		static const char *const levels[] = { "ERROR", "ERR", "WARN", "WARNING", "INFO", "DEBUG", "FATAL", "TRACE", "CRITICAL" };
		for (size_t i = 0; i < sizeof levels / sizeof levels[0]; i++) {
			size_t k = strlen(levels[i]);
			if ((size_t)(e - q) > k && !memcmp(q, levels[i], k) && (q[k] == ' ' || q[k] == '|')) {
				const char *r = q + k;
				while (r < e && *r == ' ')
					r++;
				if (r < e && *r == '|' && (r + 1 == e || r[1] == ' '))
					return (size_t)(r + (r + 1 < e ? 2 : 1) - s);
			}
		}
	}
	/* BuildKit "#12 0.532 " */
	if (*s == '#') {
		size_t d = digits(s + 1, e, 6);
		const char *q = s + 1 + d;
		if (d && q < e && *q == ' ') {
			size_t a = digits(q + 1, e, 8);
			const char *r = q + 1 + a;
			if (a && r < e && *r == '.') {
				size_t b = digits(r + 1, e, 6);
				if (b && r + 1 + b < e && r[1 + b] == ' ')
					return (size_t)(r + 2 + b - s);
			}
		}
	}
	/* timestamps, bare or in brackets, then ": " or blanks */
	{
		const char *q = s;
		bool br = *q == '[';
		if (br)
			q++;
		size_t t = stamp_at(q, e);
		if (t) {
			q += t;
			if (br) {
				if (q >= e || *q != ']')
					return 0;
				q++;
			}
			if (q < e && *q == ':')
				q++;
			/* one blank: what follows may be indented on purpose
			 * (Deno's "  path: ", a stack frame) */
			if (q < e && (*q == ' ' || *q == '\t'))
				return (size_t)(q + 1 - s);
			if (q == e)
				return (size_t)(q - s);
		}
	}
	return 0;
}

static size_t lines_pass(const char *s, size_t n, char *o)
{
	size_t k = 0;
	const char *end = s + n;
	for (const char *ls = s; ls < end;) {
		const char *le = memchr(ls, '\n', (size_t)(end - ls));
		if (!le)
			le = end;
		const char *p = ls, *le_copy = le;
		/* prefixes stack ("0|app  | 2024-...: "), each strip consumes bytes */
		for (;;) {
			size_t k2 = prefix_at(p, le);
			if (!k2)
				break;
			p += k2;
		}
		/* a markdown code fence line carries nothing, unless the fence
		 * is inline: "```Error: ... not found```" on one line keeps
		 * the text between the backticks */
		const char *q = p;
		while (q < le && (*q == ' ' || *q == '\t'))
			q++;
		bool fence = le - q >= 3 && !memcmp(q, "```", 3);
		if (fence) {
			const char *r = q;
			while (r < le && *r == '`')
				r++;
			const char *w = r; /* an info string ("```js", "```console") is one word */
			while (w < le && (isalnum((unsigned char)*w) || strchr("+-_.", *w)))
				w++;
			while (w < le && (*w == ' ' || *w == '\t'))
				w++;
			if (w < le) {
				fence = false;
				p = r;
				const char *t = le;
				while (t > p && (t[-1] == ' ' || t[-1] == '\t'))
					t--;
				while (t > p && t[-1] == '`')
					t--;
				if (t > p)
					le_copy = t;
			}
		}
		if (!fence) {
			memcpy(o + k, p, (size_t)(le_copy - p));
			k += (size_t)(le_copy - p);
		}
		if (le < end && !(fence && k == 0))
			o[k++] = '\n';
		ls = le < end ? le + 1 : end;
	}
	return k;
}

/* Code points in [s, e): UTF-8 continuation bytes do not count. */
static size_t width(const char *s, const char *e)
{
	size_t w = 0;
	for (; s < e; s++)
		if (((unsigned char)*s & 0xc0) != 0x80)
			w++;
	return w;
}

/* A terminal's hard wrap: a paste copied from a console that breaks every
 * long line at its width, mid-word ("...was compiled against a differ" /
 * "ent Node.js version").  The width shows as the longest line length,
 * shared by two or more lines or one of the usual console widths; such a
 * line is joined to the next unless that one starts with an indent (a
 * stack frame, a continuation the program printed itself) or a log prefix. */
static size_t unwrap_pass(const char *s, size_t n, char *o)
{
	const char *end = s + n;
	size_t maxw = 0, at_max = 0;
	for (const char *ls = s; ls < end;) {
		const char *le = memchr(ls, '\n', (size_t)(end - ls));
		if (!le)
			le = end;
		size_t w = width(ls, le);
		if (w > maxw) {
			maxw = w;
			at_max = 1;
		} else if (w == maxw) {
			at_max++;
		}
		ls = le < end ? le + 1 : end;
	}
	/* 80: terminals' default; 120: the Windows console's */
	bool wrapped = maxw >= 60 && (at_max >= 2 || maxw == 80 || maxw == 120);
	size_t k = 0;
	for (const char *ls = s; ls < end;) {
		const char *le = memchr(ls, '\n', (size_t)(end - ls));
		if (!le)
			le = end;
		memcpy(o + k, ls, (size_t)(le - ls));
		k += (size_t)(le - ls);
		if (le < end) {
			const char *nx = le + 1;
			/* a wrapped line's rest never starts with a log prefix of
			 * its own (a timestamp, "0|app  | ") */
			const char *nle = memchr(nx, '\n', (size_t)(end - nx));
			bool join = wrapped && width(ls, le) == maxw && nx < end && *nx != '\n' && *nx != '\t' &&
				    !(*nx == ' ' && (nx + 1 >= end || nx[1] == ' ' || nx[1] == '\t' || nx[1] == '\n')) &&
				    !prefix_at(nx, nle ? nle : end);
			if (!join)
				o[k++] = '\n';
		}
		ls = le < end ? le + 1 : end;
	}
	return k;
}

/* Bytes a and b alike for a shared line prefix: equal, or two digits (a
 * timestamp's or a counter's digits change from line to line). */
static bool prefix_alike(char a, char b)
{
	return a == b || (isdigit((unsigned char)a) && isdigit((unsigned char)b));
}

/* A prefix every line of the paste shares that no known-prefix rule took
 * off: a log format's own ("2024-05-01 10:11:12.123 | ERROR | ", "lerna
 * ERR! ", "pod/web-5d9c7 web ", a test runner's " ❯ ") or a common indent.
 * It is stripped when at least two lines carry it, it ends at a blank, and
 * it looks like a log's (a digit or one of | [ ] # > ! or a runner's
 * mark, and no path, quote or parenthesis) or is only blanks before
 * something other than stack frames: a shared "Error: " is text, not a
 * prefix. */
static size_t common_prefix_pass(const char *s, size_t n, char *o)
{
	const char *end = s + n, *first = NULL;
	size_t len = 0, lines = 0, alone = 0;
	for (const char *ls = s; ls < end;) {
		const char *le = memchr(ls, '\n', (size_t)(end - ls));
		if (!le)
			le = end;
		const char *t = le;
		while (t > ls && (t[-1] == ' ' || t[-1] == '\t'))
			t--;
		if (t > ls) {
			if (!first) {
				first = ls;
				len = (size_t)(t - ls);
			} else {
				size_t j = 0;
				while (j < len && ls + j < t && prefix_alike(first[j], ls[j]))
					j++;
				/* a line that is the prefix alone ("app_1  |") */
				if (ls + j == t && j < len)
					alone++;
				else
					len = j;
			}
			lines++;
		}
		ls = le < end ? le + 1 : end;
	}
	while (len > 0 && first[len - 1] != ' ' && first[len - 1] != '\t')
		len--;
	/* two lines at least carry it with text after it */
	bool take = lines - alone >= 2 && len > 0 && len <= 80;
	if (take) {
		bool blanks = true, loglike = false;
		for (size_t j = 0; j < len; j++) {
			unsigned char ch = (unsigned char)first[j];
			if (ch != ' ' && ch != '\t')
				blanks = false;
			if (isdigit(ch) || strchr("|[]#>!", ch))
				loglike = true;
		}
		/* a path, a quote or a parenthesis is the message's own text
		 * ("node: /usr/lib/libstdc++.so.6: version " on every line of a
		 * multi-version error), never a log format's */
		for (size_t j = 0; j < len; j++)
			if (strchr("/\\`'\"(", first[j]))
				loglike = false;
		/* test runners' and tree printers' marks: U+276F, U+2502, U+203A
		 * (not bindings' U+2192, whose arrow is part of its list) */
		if (has_lit(first, len, "\xe2\x9d\xaf") || has_lit(first, len, "\xe2\x94\x82") || has_lit(first, len, "\xe2\x80\xba"))
			loglike = true;
		if (blanks)
			take = !(first + len + 3 <= end && !memcmp(first + len, "at ", 3));
		else
			take = loglike;
	}
	size_t k = 0;
	for (const char *ls = s; ls < end;) {
		const char *le = memchr(ls, '\n', (size_t)(end - ls));
		if (!le)
			le = end;
		const char *p = ls;
		if (take) {
			size_t j = 0;
			while (j < len && p + j < le && prefix_alike(first[j], p[j]))
				j++;
			p = j == len ? p + len : le; /* the prefix alone: an empty line */
			const char *t = le;
			while (t > ls && (t[-1] == ' ' || t[-1] == '\t'))
				t--;
			if (t == ls)
				p = le;
		}
		memcpy(o + k, p, (size_t)(le - p));
		k += (size_t)(le - p);
		if (le < end)
			o[k++] = '\n';
		ls = le < end ? le + 1 : end;
	}
	return k;
}

/* Spaces a web page or chat client puts for blanks (U+00A0, U+2000-U+200A,
 * U+202F, U+3000) become blanks, marks with no width (U+200B-U+200F,
 * U+2060, U+FEFF) go.  After l10n.c, whose catalogs hold no-break spaces
 * (fr: "classe ELF\u00a0:"). */
static size_t spaces_pass(const char *s, size_t n, char *o)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		/* spaces a web page or chat client puts for blanks: U+00A0,
		 * U+2000-U+200A, U+202F, U+3000; and marks with no width:
		 * U+200B-U+200F, U+2060, U+FEFF */
		if (c == 0xc2 && i + 1 < n && (unsigned char)s[i + 1] == 0xa0) {
			o[k++] = ' ';
			i++;
			continue;
		}
		if (c == 0xe2 && i + 2 < n && (unsigned char)s[i + 1] == 0x80) {
			unsigned char d = (unsigned char)s[i + 2];
			if (d <= 0x8a || d == 0xaf) {
				o[k++] = ' ';
				i += 2;
				continue;
			}
			if (d >= 0x8b && d <= 0x8f) {
				i += 2;
				continue;
			}
		}
		if (c == 0xe2 && i + 2 < n && (unsigned char)s[i + 1] == 0x81 && (unsigned char)s[i + 2] == 0xa0) {
			i += 2;
			continue;
		}
		if (c == 0xe3 && i + 2 < n && (unsigned char)s[i + 1] == 0x80 && (unsigned char)s[i + 2] == 0x80) {
			o[k++] = ' ';
			i += 2;
			continue;
		}
		if (c == 0xef && i + 2 < n && (unsigned char)s[i + 1] == 0xbb && (unsigned char)s[i + 2] == 0xbf) {
			i += 2;
			continue;
		}
		o[k++] = s[i];
	}
	return k;
}

/* Node's util.inspect prints a long string as quoted pieces joined by
 * " +" at line ends ('...\n' +\n      'was compiled ...'), as in an
 * error object logged with console.log: the pieces are one string again.
 * Only a text with two such joins is taken as one. */
static size_t concat_pass(const char *s, size_t n, char *o)
{
	size_t joins = 0;
	for (size_t i = 0; i + 4 < n && joins < 2; i++)
		if ((s[i] == '\'' || s[i] == '"') && s[i + 1] == ' ' && s[i + 2] == '+' && (s[i + 3] == '\n' || (s[i + 3] == '\r' && s[i + 4] == '\n')))
			joins++;
	if (joins < 2) {
		memcpy(o, s, n);
		return n;
	}
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		if ((s[i] == '\'' || s[i] == '"') && i + 3 < n && s[i + 1] == ' ' && s[i + 2] == '+') {
			size_t j = i + 3;
			if (j < n && s[j] == '\r')
				j++;
			if (j < n && s[j] == '\n') {
				j++;
				while (j < n && (s[j] == ' ' || s[j] == '\t'))
					j++;
				if (j < n && (s[j] == '\'' || s[j] == '"')) {
					i = j;
					continue;
				}
			}
		}
		o[k++] = s[i];
	}
	return k;
}

char *explain_clean(struct arena *a, const char *text, size_t n, size_t *outlen)
{
	/* every buffer holds the l10n pass's growth: the passes after it
	 * write no more than they read */
	char *b1 = arena_alloc_raw(a, n + EXPLAIN_L10N_GROWTH + 1), *b2 = arena_alloc_raw(a, n + EXPLAIN_L10N_GROWTH + 1);
	char *b3 = arena_alloc_raw(a, n + EXPLAIN_L10N_GROWTH + 1);
	if (!b1 || !b2 || !b3)
		return NULL;
	size_t k = concat_pass(text, n, b3);
	const char *cur = b3;
	if (json_escaped(b3, k)) {
		k = json_decode(b3, k, b1);
		cur = b1;
	}
	/* mojibake before chars_pass: its quote folding would turn a
	 * CP1252 "\u2018" (byte 0x91) into a plain quote, losing the byte */
	k = explain_unmojibake(cur, k, b2);
	k = chars_pass(b2, k, b1);
	k = explain_l10n(b1, k, b3, k + EXPLAIN_L10N_GROWTH);
	k = spaces_pass(b3, k, b1);
	k = unwrap_pass(b1, k, b2);
	k = links_pass(b2, k, b3);
	k = lines_pass(b3, k, b1);
	k = common_prefix_pass(b1, k, b2);
	b2[k] = '\0';
	*outlen = k;
	return b2;
}
