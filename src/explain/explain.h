/*
 * explain.h - recognising addon load-failure messages (ERR_DLOPEN_FAILED and
 * friends) in pasted text, separately from printing them.
 *
 * explain_text() is pure: it reads only the text (and the embedded tables),
 * allocates from the arena, prints nothing.  It finds the message shapes of
 * shared/reference/loader-facts.md (Node, glibc, musl, dyld, Windows,
 * node-gyp-build, napi-rs, bindings, node-pre-gyp, Electron), picks the most
 * specific one, and fills cause / numbers / why / fix.  Text it does not
 * recognise gets cause "unknown" and no invented reason.
 *
 * explain_confirm() (confirm.c) is the part that touches the filesystem: it
 * parses the file the message names, when it exists, and confirms or
 * corrects the diagnosis with facts from the binary.
 */
#ifndef AD_EXPLAIN_H
#define AD_EXPLAIN_H

#include <stdbool.h>
#include <stddef.h>

#include "../util/arena.h"
#include "../runtime/host.h"

/* Input is capped: a CI log larger than this is cut (and says so). */
#define EXPLAIN_MAX_INPUT ((size_t)4 << 20)

struct explain_number {
	const char *label;    /* "addon NODE_MODULE_VERSION", "needed glibc symbol version" */
	const char *value;    /* "93", "GLIBC_2.38" */
	const char *meaning;  /* "Node.js 16.x", "glibc 2.38: Ubuntu 24.04 ..., not Debian 12 ..." */
};

struct explain_fact {
	const char *text;     /* "this file is an arm64 ELF shared object (linux, glibc)" */
};

struct explain {
	const char *cause;      /* stable cause id, or "unknown" */
	const char *recognised; /* id of the message shape matched, NULL when none */
	const char *title;      /* one line: which failure this is */
	const char *origin;     /* who printed it: "node", "glibc", "musl", "dyld", "windows", ... */
	const char *subject;    /* which binary failed: "addon" (or a library it loads), "runtime"
	                           (node itself: no rebuild of an addon helps), NULL when unknown */
	const char *file;       /* the addon / object the message names, or NULL */
	const char *library;    /* a dependency it names, or NULL */
	const char *symbol;     /* a symbol it names, or NULL */
	const char *demangled;  /* the symbol as C++, or NULL */
	const char *package;    /* npm package guessed from the path, or NULL */
	VEC(struct explain_number) numbers;
	const char *why;
	const char *fix;
	VEC(const char *) also; /* other message shapes found in the same text */
	VEC(struct explain_fact) facts; /* from inspecting the named file (confirm.c) */
	const char *verdict;    /* "confirmed", "corrected", "not inspected: why" */
	bool truncated_input;
	bool old_runtime_text;  /* the text's stack is Node.js <= 9's (lib/module.js): confirm.c */
};

/* Recognises `text` (len bytes, need not be NUL-terminated; capped at
 * EXPLAIN_MAX_INPUT).  Returns true when a shape was recognised. */
bool explain_text(struct arena *a, const char *text, size_t len, struct explain *out);

/* The pasted text without its paste noise (clean.c): JSON escapes, ANSI
 * colours, CR, typographic quotes, log/markdown prefixes, timestamps; a
 * line of mojibake repaired and glibc's translated texts put back into
 * English (l10n.c).  At most EXPLAIN_L10N_GROWTH bytes longer than the
 * input; NUL-terminated. */
char *explain_clean(struct arena *a, const char *text, size_t n, size_t *outlen);

/* How much longer than its input explain_clean's output may be: an English
 * text can be longer than its translation.  Real pastes need a few hundred
 * bytes; past this, the rest of a (hostile) paste stays as it was. */
#define EXPLAIN_L10N_GROWTH ((size_t)64 << 10)

/* l10n.c: glibc's translated loader and strerror texts in [s, s+n)
 * (data/glibc-messages.tsv) rewritten to English into o, which has room
 * for cap >= n bytes; returns the length written (<= cap). */
size_t explain_l10n(const char *s, size_t n, char *o, size_t cap);
/* The same with another table (lang TAB english TAB translation lines);
 * *maxwork, when asked for, gets the most bytes one text position costs. */
size_t explain_l10n_table(struct arena *a, const char *tab, size_t tablen, const char *s, size_t n, char *o, size_t cap,
			  size_t *maxwork);
/* l10n.c: each line of [s, s+n) that is UTF-8 shown as Latin-1/CP1252 and
 * encoded again ("nÃ£o") back to its UTF-8 ("não"), into o (room for n
 * bytes; never writes more than it reads); returns the length. */
size_t explain_unmojibake(const char *s, size_t n, char *o);

/* Localised Windows loader texts (data/windows-messages.tsv): the error
 * code (126, 127, 193) whose text in some language occurs in [s, end),
 * with *at / *mend the match and *lang its language tag (ends at a tab,
 * not NUL-terminated); 0 when none. */
int windows_localized(const char *s, const char *end, const char **at, const char **mend, const char **lang);
/* The Windows loader message that [s, e) begins with (English or a
 * localised one of data/windows-messages.tsv, or a prefix of one of at
 * least 12 bytes reaching e: Bun cuts them short); its code, or 0. */
int windows_message_prefix(const char *s, const char *e);

/* package_texts.c: the texts that a package's own JavaScript loader throws
 * when its native binary or platform package is missing (workerd,
 * sass-embedded, @sentry/cli, ...), from data/package-texts.tsv.  The
 * first row whose pattern matches in [t, t+n) (earliest start wins) fills
 * *out: package (the row's), cause (an explain cause id), title, why, fix
 * ({p} and {pkg} put in, arena-allocated), captured (the %p package name,
 * arena-allocated, or NULL), source ("package@version file" of the row) and
 * at (offset of the match in t).  Pure; bounded work on any input. */
struct pkg_text_hit {
	const char *package, *cause, *title, *why, *fix, *captured, *source;
	size_t at;
};
bool explain_package_text(struct arena *a, const char *t, size_t n, struct pkg_text_hit *out);
/* Rows of the table that parsed (a malformed row is skipped). */
size_t explain_package_text_rows(void);

/* Inspects ex->file when it exists here; adds facts and may correct the cause. */
void explain_confirm(struct arena *a, struct explain *ex);

/* This machine, as explain and env describe it. */

/* glibc / libstdc++ version -> distributions (data/glibc-distros.tsv). */
const char *glibc_distros(struct arena *a, const char *version);      /* "2.38" */
const char *glibcxx_meaning(struct arena *a, const char *symver);     /* "GLIBCXX_3.4.30" / "CXXABI_1.3.13" */

/* Itanium C++ demangling of common names; false when outside the subset. */
bool demangle(const char *mangled, char *out, size_t cap);

#endif
