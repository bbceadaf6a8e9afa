/*
 * term.h - safe terminal output for strings that come from binaries.
 *
 * File names and symbol names are attacker-controlled: printed raw they
 * could carry terminal escape sequences.  term_puts writes control bytes
 * and invalid UTF-8 as \xNN so what the user sees is what the file holds.
 */
#ifndef AD_TERM_H
#define AD_TERM_H

#include <stdbool.h>
#include <stdio.h>

void term_puts(FILE *f, const char *s);
/* printf where every %s argument must already be safe; use term_puts for
 * untrusted strings. */

/* Colour is on only for a terminal and when NO_COLOR is unset or empty. */
bool term_use_color(FILE *f);

#endif
