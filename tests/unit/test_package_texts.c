/* test_package_texts.c - the table of packages' own loader texts
 * (data/package-texts.tsv, src/explain/package_texts.c): each pattern kind,
 * a %p capture, a rewrapped line, a text cut short, hostile input, no match. */
#include <string.h>

#include "t.h"
#include "data.h"
#include "explain/explain.h"

#include <stdlib.h>
#include <time.h>

static bool hit(struct arena *a, const char *text, struct pkg_text_hit *h)
{
	return explain_package_text(a, text, strlen(text), h);
}

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(void)
{
	struct arena a;
	arena_init(&a);
	struct pkg_text_hit h;

	/* every row of the data file parses: a malformed one would be skipped,
	 * so the parsed count must be the file's count of row lines */
	size_t want_rows = 0;
	for (const char *p = (const char *)data_package_texts_tsv, *end = p + data_package_texts_tsv_len; p < end;) {
		const char *eol = memchr(p, '\n', (size_t)(end - p));
		if (!eol)
			eol = end;
		if (eol > p && *p != '#')
			want_rows++;
		p = eol + 1;
	}
	CHECK(want_rows >= 20 && explain_package_text_rows() == want_rows, "every row of data/package-texts.tsv parses (%zu of %zu)",
	      explain_package_text_rows(), want_rows);

	/* %p: captured, put into the fix as {p} */
	const char *wd = "Error: The package \"@cloudflare/workerd-linux-64\" could not be found, and is needed by workerd.\n"
			 "\n    at generateBinPath (/app/node_modules/workerd/lib/main.js:119:15)";
	CHECK(hit(&a, wd, &h), "workerd's text is recognised");
	CHECK_STR(h.package, "workerd", "workerd: package of the row");
	CHECK_STR(h.cause, "missing-platform-package", "workerd: cause");
	CHECK_STR(h.captured, "@cloudflare/workerd-linux-64", "workerd: %p captures the platform package");
	CHECK(h.fix && strstr(h.fix, "npm install @cloudflare/workerd-linux-64") != NULL, "workerd: {p} put into the fix");
	CHECK(h.fix && !strstr(h.fix, "{p}"), "workerd: no {p} left in the fix");
	CHECK(h.at == 7, "workerd: match starts at the text, after 'Error: ' (%zu)", h.at);
	CHECK_STR(h.source, "workerd@1.20261123.1 package/lib/main.js", "workerd: source names tarball and file");

	/* %p at the end of a pattern, followed by more words in the text */
	const char *se = "Error: Embedded Dart Sass couldn't find the embedded compiler executable. Please make sure the "
			 "optional dependency sass-embedded-linux-musl-x64 is installed in node_modules.";
	CHECK(hit(&a, se, &h), "sass-embedded's text is recognised");
	CHECK_STR(h.captured, "sass-embedded-linux-musl-x64", "sass-embedded: the musl package captured");
	CHECK(h.fix && strstr(h.fix, "npm install sass-embedded-linux-musl-x64"), "sass-embedded: the musl package in the fix");

	/* the same place matched by two rows: the earlier (longer) row wins,
	 * the shorter one still matches the older text alone */
	CHECK(hit(&a, "Embedded Dart Sass couldn't find the embedded compiler executable.\n    at x (y.js:1:1)", &h) &&
		      h.captured == NULL && h.fix && !strstr(h.fix, "{p}"),
	      "sass-embedded's older, shorter text matches its own row");

	/* a rewrapped line: the space before "compiler" became a line break
	 * and an indent, and two spaces elsewhere */
	const char *wrapped = "Embedded Dart Sass couldn't find the embedded\n    compiler executable.  Please make sure the "
			      "optional\r\ndependency sass-embedded-linux-x64 or sass is installed";
	CHECK(hit(&a, wrapped, &h), "a rewrapped sass-embedded text is recognised");
	CHECK_STR(h.captured, "sass-embedded-linux-x64", "rewrapped: capture still right");

	/* a blank inside a word is not a rewrap */
	CHECK(!hit(&a, "Embedded Dart Sass couldn't find the embed ded compiler executable. Please make sure the "
		       "optional dependency x",
		   &h),
	      "a space the pattern does not have: no match");

	/* %s in the middle, three times */
	const char *ff = "Could not find ffmpeg executable, tried \"/a/node_modules/@ffmpeg-installer/linux-x64/ffmpeg\", "
			 "\"/b/ffmpeg\" and \"/c/ffmpeg\"";
	CHECK(hit(&a, ff, &h), "@ffmpeg-installer's text with three %%s is recognised");
	CHECK_STR(h.package, "@ffmpeg-installer/ffmpeg", "ffmpeg: package");
	CHECK(h.captured == NULL, "ffmpeg: no %%p, nothing captured");
	/* %s stays on its line */
	CHECK(!hit(&a, "Could not find ffmpeg executable, tried \"/a/ff\nmpeg\", \"/b\" and \"/c\"", &h),
	      "%%s does not cross a line break");

	/* %s at the end: the rest of the line */
	CHECK(hit(&a, "Unsupported platform/architecture: linux-riscv64\nmore", &h), "trailing %%s matches");
	CHECK_STR(h.cause, "missing-prebuild", "ffmpeg unsupported: cause");

	/* %s between literals on one line (koffi) */
	CHECK(hit(&a, "Error: This engine is based on Node 16.20.2, but koffi does not support the Node 16.x branch (Node-API < 9)",
		  &h),
	      "koffi's Node-API text is recognised");
	CHECK_STR(h.cause, "needs-node-api", "koffi: cause");

	/* a pure literal */
	CHECK(hit(&a, "Error: Cannot find the native Koffi module; did you bundle it correctly?\n    at x (/app/dist/main.js:1:1)",
		  &h),
	      "koffi's bundling text is recognised");
	CHECK_STR(h.cause, "bundled-addon", "koffi bundle: cause");

	/* {pkg}-free fix of a generic row: nothing left to substitute */
	CHECK(hit(&a, "Native binding package version mismatch, expected 2.1.2 but got 2.0.0. You can reinstall dependencies to "
		      "fix this issue.",
		  &h),
	      "napi-rs's version-mismatch text is recognised");

	/* a text cut in the middle: no match, and nothing read past the end */
	{
		const char *full = "The package \"@cloudflare/workerd-linux-64\" could not be found, and is needed by workerd.";
		size_t len = strlen(full);
		int cut_matches = 0;
		for (size_t k = 0; k < len - 1; k++) {
			char *b = malloc(k ? k : 1); /* exactly k bytes: ASan sees a read past them */
			memcpy(b, full, k);
			cut_matches += explain_package_text(&a, b, k, &h);
			free(b);
		}
		CHECK(cut_matches == 0, "every cut of workerd's text is no match (%d matched)", cut_matches);
	}
	/* a %p cut at the end of the buffer */
	{
		const char *s = "Please make sure the optional dependency sass-emb";
		const char *pre = "Embedded Dart Sass couldn't find the embedded compiler executable. ";
		size_t l1 = strlen(pre), l2 = strlen(s);
		char *b = malloc(l1 + l2);
		memcpy(b, pre, l1);
		memcpy(b + l1, s, l2);
		bool m = explain_package_text(&a, b, l1 + l2, &h);
		CHECK(m && h.captured && !strcmp(h.captured, "sass-emb"), "a %%p cut at the buffer's end is what is there");
		free(b);
	}

	/* earliest position wins */
	{
		const char *two = "Prebuild binary missing for platform.\nError: The package \"x-linux\" could not be found, and is "
				  "needed by workerd.";
		CHECK(hit(&a, two, &h), "two texts: recognised");
		CHECK_STR(h.package, "@homebridge/node-pty-prebuilt-multiarch", "two texts: the earlier one wins");
	}

	/* no match */
	CHECK(!hit(&a, "Error: Cannot find module 'left-pad'", &h), "an unrelated text: no match");
	CHECK(h.cause == NULL && h.fix == NULL, "no match leaves *out empty");
	CHECK(!explain_package_text(&a, "", 0, &h), "empty text: no match");
	CHECK(!hit(&a, "The package \"\" could not be found, and is needed by workerd.", &h), "an empty %%p: no match");
	CHECK(!hit(&a, "XThe package \"p\" could not be found, and is needed by workerd.", &h),
	      "a pattern starting with a letter does not match in the middle of a word");

	/* hostile: 4 MiB built to make each kind of step slow */
	{
		size_t n = EXPLAIN_MAX_INPUT;
		char *b = malloc(n);
		const char *units[] = {
			/* anchor hits whose %s never finds what follows it */
			"Could not find ffmpeg executable, tried \"",
			/* the %p class for its whole length */
			"dependency aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
			/* blank runs before and after an anchor */
			"The                                   package   ",
			/* anchors of every row with nothing around them */
			"Sentry CLI failed to locate the \"",
			/* a %s whose following piece starts densely and fails */
			"Native binding package version mismatch, expected x but got 2. Yo. Yo. Yo. Yo. Yo. ",
			/* %s between quotes, the closing piece almost there */
			"Could not find ffmpeg executable, tried \"a\", \"b\", \"c\", \"d\" an",
		};
		for (size_t u = 0; u < sizeof units / sizeof *units; u++) {
			size_t ul = strlen(units[u]);
			for (size_t i = 0; i < n; i++)
				b[i] = units[u][i % ul];
			double t0 = now();
			bool m = explain_package_text(&a, b, n, &h);
			double dt = now() - t0;
			CHECK(!m, "hostile input %zu: no match", u);
			CHECK(dt < 2.0, "hostile input %zu: 4 MiB in %.3f s", u, dt);
		}
		/* one long line of letters: %p longer than any npm name */
		memset(b, 'a', n);
		const char *p = "Embedded Dart Sass couldn't find the embedded compiler executable. Please make sure the optional dependency ";
		memcpy(b, p, strlen(p));
		double t0 = now();
		bool m = explain_package_text(&a, b, n, &h);
		double dt = now() - t0;
		CHECK(!m || h.captured == NULL, "a %%p of 4 MiB of letters is no package name (only the short row, without %%p, matches)");
		CHECK(dt < 2.0, "the long %%p: %.3f s", dt);
		free(b);
	}

	arena_release(&a);
	T_DONE();
}
