/*
 * shquote.h - words the tool prints for people to paste into a shell.
 *
 * Every command line addon-doctor prints (fix plans, `fix` strings, the
 * `$ ...` echo of --fix) is built from words, some of which come from
 * files anyone can write (package names).  sh_word() gives each word the
 * way a POSIX shell needs it to stay one word with no expansion.
 */
#ifndef AD_SHQUOTE_H
#define AD_SHQUOTE_H

#include <stdbool.h>

#include "arena.h"

/* True when s needs no quoting: non-empty, only [A-Za-z0-9@%+=:,./_-]. */
bool sh_plain(const char *s);
/* s itself when plain, else s in single quotes ('\'' for a quote); NULL on OOM. */
const char *sh_word(struct arena *a, const char *s);

/*
 * validate-npm-package-name's rules for a name that may exist in the
 * registry ("validForOldPackages"), tightened for the command line: not
 * empty, at most 214 bytes, no leading '.' or '_' (or '-', which every
 * package manager would read as an option), no surrounding blanks, not
 * "node_modules" / "favicon.ico", and every byte one that
 * encodeURIComponent leaves alone, except one '/' after an "@scope".
 */
bool npm_name_valid(const char *name);

#endif
