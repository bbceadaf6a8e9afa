/*
 * term.c - escaping untrusted strings for a terminal; colour policy.
 */
#include "term.h"

#include "json.h"

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
			/* Pass valid UTF-8 through (strictly: an overlong C0 9B
			 * is ESC to a lenient decoder), escape anything else. */
			int n = utf8_seq_len((const char *)s);
			/* C1 controls (U+0080..U+009F) act as escapes on some
			 * terminals: U+009B is CSI. */
			if (n == 2 && s[0] == 0xc2 && s[1] < 0xa0)
				n = 0;
			if (n > 0) {
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
