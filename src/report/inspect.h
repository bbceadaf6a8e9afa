/*
 * inspect.h - rendering struct binary for `addon-doctor inspect`.
 * Render only: no decisions are made here.
 */
#ifndef AD_REPORT_INSPECT_H
#define AD_REPORT_INSPECT_H

#include <stdbool.h>
#include <stdio.h>

#include "../model/binary.h"

struct inspect_opts {
	bool symbols;   /* list every imported/exported symbol */
	bool color;
};

void inspect_json(FILE *f, const struct binary *b, const struct inspect_opts *o);
/* One JSON line for a file that could not be read or understood. */
/* A file that could not be parsed: its format when the magic named one
 * (a truncated ELF is still "elf"), and the error. */
void inspect_json_error(FILE *f, const char *path, enum bin_format format, const char *error);
void inspect_text(FILE *f, const struct binary *b, const struct inspect_opts *o);

/* Words for enums, shared by reports. */
const char *format_name(enum bin_format f);
const char *addon_kind_name(enum addon_kind k);

#endif
