/*
 * winmsg.c - the localised texts of the Windows loader errors that Node.js
 * prints for an addon (data/windows-messages.tsv): on a Windows whose
 * English message table is missing, libuv's FormatMessage falls back to
 * the system language, so "Le module spécifié est introuvable." stands
 * where "The specified module could not be found." would.
 */
#include "explain.h"

#include <stdlib.h>
#include <string.h>

#include "data.h"

static const char *find_bytes(const char *s, const char *end, const char *pat, size_t n)
{
	for (; s && s + n <= end; s++) {
		s = memchr(s, pat[0], (size_t)(end - s));
		if (!s || s + n > end)
			return NULL;
		if (!memcmp(s, pat, n))
			return s;
	}
	return NULL;
}

/* One row of data/windows-messages.tsv ("code TAB lang TAB text TAB
 * source"); *p moves past it.  False at the end of the table; a comment,
 * blank or short row gives true with *text NULL. */
struct winmsg_row {
	int code;
	const char *lang; /* up to the next tab, not NUL-terminated */
	const char *text;
	size_t len;
};

static bool next_row(const char **p, const char *dend, struct winmsg_row *r)
{
	if (*p >= dend)
		return false;
	const char *line = *p, *eol = memchr(line, '\n', (size_t)(dend - line));
	if (!eol)
		eol = dend;
	*p = eol < dend ? eol + 1 : dend;
	r->text = NULL;
	if (line == eol || *line == '#')
		return true;
	const char *t1 = memchr(line, '\t', (size_t)(eol - line));
	const char *t2 = t1 ? memchr(t1 + 1, '\t', (size_t)(eol - t1 - 1)) : NULL;
	const char *t3 = t2 ? memchr(t2 + 1, '\t', (size_t)(eol - t2 - 1)) : NULL;
	if (!t3 || t3 == t2 + 1)
		return true;
	r->code = atoi(line);
	r->lang = t1 + 1;
	r->text = t2 + 1;
	r->len = (size_t)(t3 - t2 - 1);
	return true;
}

static bool is_sp(char ch)
{
	return ch == ' ' || ch == '\t';
}

static char lower(char ch)
{
	return ch >= 'A' && ch <= 'Z' ? (char)(ch - 'A' + 'a') : ch;
}

/* pat at s, ignoring ASCII spaces and case on both sides: retyped texts in
 * CJK titles drop the spaces around Latin words ("不是有效的win32应用程序"
 * for "不是有效的 Win32 应用程序").  Returns the end of the match. */
static const char *loose_at(const char *s, const char *end, const char *pat, size_t n)
{
	size_t i = 0;
	while (i < n) {
		if (is_sp(pat[i])) {
			i++;
			continue;
		}
		while (s < end && is_sp(*s))
			s++;
		if (s >= end || lower(*s) != lower(pat[i]))
			return NULL;
		s++;
		i++;
	}
	return s;
}

/* The loose search, only for a text that starts with a non-ASCII byte
 * (the CJK ones): its lead byte is rare in a paste, so candidates are few. */
static const char *find_loose(const char *s, const char *end, const char *pat, size_t n, const char **mend)
{
	if (!n || (unsigned char)pat[0] < 0x80)
		return NULL;
	for (; s < end; s++) {
		s = memchr(s, pat[0], (size_t)(end - s));
		if (!s)
			return NULL;
		const char *e = loose_at(s, end, pat, n);
		if (e) {
			*mend = e;
			return s;
		}
	}
	return NULL;
}

int windows_localized(const char *s, const char *end, const char **at, const char **mend, const char **lang)
{
	const char *p = data_windows_messages_tsv, *dend = p + data_windows_messages_tsv_len;
	const char *best = NULL;
	int code = 0;
	struct winmsg_row r;
	while (next_row(&p, dend, &r)) {
		if (!r.text)
			continue;
		const char *hit = find_bytes(s, end, r.text, r.len), *he = hit ? hit + r.len : NULL;
		if (!hit)
			hit = find_loose(s, end, r.text, r.len, &he);
		/* the earliest text in the paste wins, as the first line is the cause */
		if (hit && (!best || hit < best)) {
			best = hit;
			code = r.code;
			*at = hit;
			*mend = he;
			if (lang)
				*lang = r.lang;
		}
	}
	return code;
}

/* The English texts (FormatMessage's, without the final stop) of the
 * codes windows_message_prefix knows; the localised ones are the table's. */
static const struct {
	int code;
	const char *text;
} english[] = {
	{ 126, "The specified module could not be found" },
	{ 127, "The specified procedure could not be found" },
	{ 1114, "A dynamic link library (DLL) initialization routine failed" },
};

/* [s, e) against text: the whole text at s, or s..e a prefix of it of at
 * least 12 bytes that runs to e (a runtime that cut the message short). */
static bool starts_as(const char *s, const char *e, const char *text, size_t tn)
{
	size_t n = (size_t)(e - s);
	if (n >= tn)
		return !memcmp(s, text, tn);
	return n >= 12 && !memcmp(s, text, n);
}

int windows_message_prefix(const char *s, const char *e)
{
	while (s < e && (*s == ' ' || *s == '\t'))
		s++;
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r' || e[-1] == '.'))
		e--;
	for (size_t i = 0; i < sizeof english / sizeof english[0]; i++)
		if (starts_as(s, e, english[i].text, strlen(english[i].text)))
			return english[i].code;
	const char *p = data_windows_messages_tsv, *dend = p + data_windows_messages_tsv_len;
	struct winmsg_row r;
	while (next_row(&p, dend, &r))
		if (r.text && starts_as(s, e, r.text, r.len))
			return r.code;
	return 0;
}
