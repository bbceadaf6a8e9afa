/*
 * test_json.c - escaping of hostile strings: JSON (report/json.c) and the
 * terminal (report/term.c).  C1 controls are escaped in both, and a byte
 * that is not UTF-8 must never look like a real character in JSON.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/json.h"
#include "report/term.h"
#include "t.h"

static char outbuf[4096];

static const char *capture(void (*fn)(FILE *, const char *), const char *in)
{
	FILE *f = fmemopen(outbuf, sizeof outbuf, "w");
	if (!f)
		return "(fmemopen failed)";
	fn(f, in);
	fclose(f); /* writes the terminating NUL */
	return outbuf;
}

static const char *js(const char *in) { return capture(json_escape, in); }
static const char *tm(const char *in) { return capture(term_puts, in); }

int main(void)
{
	/* JSON: C1 controls (valid UTF-8 for U+0080..U+009F) are escaped */
	CHECK_STR(js("a\xc2\x9b[31mb"), "a\\u009b[31mb", "json: CSI U+009B is \\u009b");
	CHECK_STR(js("\xc2\x80\xc2\x85\xc2\x9f"), "\\u0080\\u0085\\u009f", "json: U+0080, NEL, U+009F escaped");
	CHECK_STR(js("\xc2\xa0\xc3\xbf\xe2\x82\xac\xf0\x9f\x98\x80"), "\xc2\xa0\xc3\xbf\xe2\x82\xac\xf0\x9f\x98\x80",
		  "json: U+00A0, U+00FF, U+20AC, U+1F600 pass as UTF-8");
	CHECK_STR(js("\x1b[0m\x7f\"\\"), "\\u001b[0m\\u007f\\\"\\\\", "json: C0, DEL, quote, backslash");

	/* JSON: invalid bytes are \udcNN (surrogateescape), distinct from U+00NN */
	CHECK_STR(js("\xff"), "\\udcff", "json: byte 0xff is \\udcff");
	char *raw = strdup(js("\xff")), *chr = strdup(js("\xc3\xbf"));
	CHECK(raw && chr && strcmp(raw, chr) != 0 && strcmp(raw, "\\u00ff") != 0,
	      "json: byte 0xff and U+00FF are told apart");
	free(raw);
	free(chr);
	CHECK_STR(js("x\x80y"), "x\\udc80y", "json: lone continuation byte");
	CHECK_STR(js("\xe2\x82"), "\\udce2\\udc82", "json: truncated sequence at the end");
	CHECK_STR(js("\xc0\x9b"), "\\udcc0\\udc9b", "json: overlong ESC");
	CHECK_STR(js("\xed\xa0\x80"), "\\udced\\udca0\\udc80", "json: UTF-8-encoded surrogate");
	CHECK_STR(js("\xf4\x90\x80\x80"), "\\udcf4\\udc90\\udc80\\udc80", "json: past U+10FFFF");
	CHECK_STR(js("\xc2"), "\\udcc2", "json: lead byte of C1 cut off by the end");

	/* terminal: the same characters are escaped, bytes shown as \xNN */
	CHECK_STR(tm("a\xc2\x9b[31mb"), "a\\xc2\\x9b[31mb", "term: CSI U+009B escaped");
	CHECK_STR(tm("\xc2\x85"), "\\xc2\\x85", "term: NEL escaped");
	CHECK_STR(tm("\x1b[0m\x7f"), "\\x1b[0m\\x7f", "term: ESC and DEL escaped");
	CHECK_STR(tm("\xc2\xa0\xc3\xbf\xe2\x82\xac"), "\xc2\xa0\xc3\xbf\xe2\x82\xac", "term: printable UTF-8 passes");
	CHECK_STR(tm("\xc0\x9b"), "\\xc0\\x9b", "term: overlong ESC escaped");
	CHECK_STR(tm("\xe0\x82\x9b"), "\\xe0\\x82\\x9b", "term: overlong CSI escaped");
	CHECK_STR(tm("\xed\xa0\x80"), "\\xed\\xa0\\x80", "term: UTF-8-encoded surrogate escaped");
	CHECK_STR(tm("\xf4\x90\x80\x80"), "\\xf4\\x90\\x80\\x80", "term: past U+10FFFF escaped");
	T_DONE();
}
