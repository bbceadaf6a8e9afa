/*
 * verdict.c - the (file, target) verdict as scan sees it: `check`'s own
 * pipeline (verdict/checkfile.c: the loader simulation with library
 * resolution, symbol versions and binding, then Node's registration, ABI
 * and Node-API checks), so a file scanned and the same file checked get the
 * same outcome, message, cause, words and evidence.
 */
#include "scan.h"

#include "../verdict/verdict.h"

void scan_verdict(struct arena *a, struct verdict_target *vt, const struct scan_file *f,
		  struct ld_result *r, struct verdict_words *w)
{
	/* The path as found, as a user would pass it to check: the loader
	 * takes its realpath for the messages, as require() does. */
	verdict_check_file(a, vt, f->path, r, w);
}
