/*
 * scan_report.h - `scan`'s reports: text for people, JSON for programs
 * (docs/scan.md).  They render a scan_run; they decide nothing.
 */
#ifndef AD_SCAN_REPORT_H
#define AD_SCAN_REPORT_H

#include <stdio.h>

#include "../scan/scan.h"

void scan_report_text(struct scan_run *r, FILE *o);
void scan_report_json(struct scan_run *r, FILE *o, int status);
/* What changed between two runs, per package and target (scan --fix). */
void scan_report_changes(struct scan_run *before, struct scan_run *after, FILE *o);
/* No addon and nothing that needs one: point at the bundled example. */
void scan_report_nothing(const char *dir, const struct scan_tree *tree);
/* A command line as a shell needs it (lead, then env=value, then argv). */
void scan_report_words(FILE *o, const char *lead, const char *env_name, const char *env_value,
		       const char *const *argv);

#endif
