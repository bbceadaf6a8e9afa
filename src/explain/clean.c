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
	if (!has_lit(s, n, "\\n"))
		return false;
	return has_lit(s, n, "\\n    at ") || has_lit(s, n, "\\\"") || has_lit(s, n, "\"message\":\"") ||
	       has_lit(s, n, "\"stack\":\"") || has_lit(s, n, "\"msg\":\"") || has_lit(s, n, "\\\\node_modules\\\\") ||
	       has_lit(s, n, "\\nwas compiled against");
}

static size_t json_decode(const char *s, size_t n, char *o)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
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

/* ANSI escapes, CR, typographic quotes, "**". */
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
	static const char *const lits[] = { "npm ERR! ", "npm error ", "npm warn ", "npm WARN ", "remote: ", "> ", ">\t" };
	for (size_t i = 0; i < sizeof lits / sizeof lits[0]; i++) {
		size_t k = strlen(lits[i]);
		if ((size_t)(e - s) >= k && !memcmp(s, lits[i], k))
			return k;
	}
	if (e - s == 1 && *s == '>')
		return 1;
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
		const char *q = s + 1;
		while (q < e && q - s <= 20 && (isalnum((unsigned char)*q) || *q == '-' || *q == '_'))
			q++;
		if (q > s + 1 && q + 1 < e && *q == ']' && (q[1] == ' ' || q[1] == '\t'))
			return (size_t)(q + 2 - s);
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
			if (q < e && (*q == ' ' || *q == '\t')) {
				while (q < e && (*q == ' ' || *q == '\t'))
					q++;
				return (size_t)(q - s);
			}
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

char *explain_clean(struct arena *a, const char *text, size_t n, size_t *outlen)
{
	char *b1 = arena_alloc_raw(a, n + 1), *b2 = arena_alloc_raw(a, n + 1);
	char *b3 = arena_alloc_raw(a, n + EXPLAIN_L10N_GROWTH + 1);
	if (!b1 || !b2 || !b3)
		return NULL;
	size_t k = n;
	const char *cur = text;
	if (json_escaped(text, n)) {
		k = json_decode(text, n, b1);
		cur = b1;
	}
	/* mojibake before chars_pass: its quote folding would turn a
	 * CP1252 "\u2018" (byte 0x91) into a plain quote, losing the byte */
	k = explain_unmojibake(cur, k, b2);
	k = chars_pass(b2, k, b1);
	k = lines_pass(b1, k, b2);
	k = explain_l10n(b2, k, b3, k + EXPLAIN_L10N_GROWTH);
	b3[k] = '\0';
	*outlen = k;
	return b3;
}
