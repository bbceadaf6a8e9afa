/*
 * term.c - escaping untrusted strings for a terminal; colour policy.
 */
#include "term.h"

#include <stdlib.h>
#include <unistd.h>

void term_puts(FILE *f, const char *str)
{
	if (!str) {
		fputs("(null)", f);
		return;
	}
	const unsigned char *s = (const unsigned char *)str;
	for (; *s; s++) {
		if (*s < 0x20 || *s == 0x7f)
			fprintf(f, "\\x%02x", *s);
		else if (*s < 0x80)
			fputc(*s, f);
		else {
			/* Pass valid UTF-8 through, escape anything else. */
			int n = (*s & 0xe0) == 0xc0 ? 2 : (*s & 0xf0) == 0xe0 ? 3 : (*s & 0xf8) == 0xf0 ? 4 : 0;
			int ok = n > 0;
			for (int i = 1; ok && i < n; i++)
				ok = (s[i] & 0xc0) == 0x80;
			/* C1 controls (U+0080..U+009F) act as escapes on some terminals. */
			if (ok && n == 2 && s[0] == 0xc2 && s[1] < 0xa0)
				ok = 0;
			if (ok) {
				fwrite(s, 1, (size_t)n, f);
				s += n - 1;
			} else {
				fprintf(f, "\\x%02x", *s);
			}
		}
	}
}

bool term_use_color(FILE *f)
{
	const char *nc = getenv("NO_COLOR");
	if (nc && *nc)
		return false;
	return isatty(fileno(f)) != 0;
}
