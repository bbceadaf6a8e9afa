/*
 * match_glibc.c - glibc's dlerror() texts: one room of the message recogniser (explain.c
 * holds the driver and the matcher table; see explain_int.h).
 */
#include "explain_int.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../parse/parse.h"
#include "../runtime/abi.h"
#include "data.h"

/* ---- glibc dlerror() texts (loader-facts.md 5.2, 5.3, 5.4, 5.5) ---------- */

bool m_exec_stack(struct ctx *c)
{
	const char *p = find(c, "cannot enable executable stack as shared object requires", NULL);
	if (!p) /* glibc's zh_CN translation (gettext), as printed in a public NapCatQQ log */
		p = find(c, "\xe6\x97\xa0\xe6\xb3\x95\xe5\x90\xaf\xe7\x94\xa8\xe5\x85\xb1\xe4\xba\xab\xe7\x9b\xae\xe6\xa0\x87\xe9\x9c\x80\xe8\xa6\x81\xe7\x9a\x84\xe5\x8f\xaf\xe6\x89\xa7\xe8\xa1\x8c\xe6\xa0\x88", NULL);
	if (!p)
		return false;
	set(c, "glibc-execstack", "exec-stack", "glibc", "glibc refuses an addon that asks for an executable stack");
	set_file(c, path_before(c, p));
	c->ex->why = "The file's PT_GNU_STACK asks for an executable stack (or it has none). glibc 2.41+ refuses such objects in dlopen (\"Invalid argument\"); older glibc made the stack executable, or failed under SELinux.";
	c->ex->fix = "clear the flag (patchelf --clear-execstack FILE, or execstack -c FILE) and ask upstream to link with -z noexecstack; stopgap: GLIBC_TUNABLES=glibc.rtld.execstack=2";
	return true;
}

/* musl: an addon compiled with the initial-exec TLS model for a variable
 * that lives in a dynamically loaded library ("Error relocating X: sym:
 * initial-exec TLS resolves to dynamic definition in LIB"); musl has no
 * static TLS reserve for objects loaded after startup. */
static bool musl_ie_tls(struct ctx *c)
{
	const char *e, *p = find(c, ": initial-exec TLS resolves to dynamic definition in ", &e);
	if (!p)
		return false;
	set(c, "musl-initial-exec-tls", "static-tls", "musl", "the addon uses initial-exec TLS for a variable of a dynamically loaded library (musl)");
	const char *e2, *r = find(c, "Error relocating ", &e2);
	if (r && r < p) {
		const char *colon = find_from(e2, p, ": ", NULL);
		set_file(c, dup_range(c, e2, colon ? colon : p));
	}
	c->ex->library = dup_range(c, e, line_end(c, e));
	c->ex->why = "The addon (or a library it loads) reaches a thread-local variable with the initial-exec TLS model, which assumes the variable is in the static TLS block set up at program start; it is defined in a library loaded later with dlopen(), and musl has no static TLS reserve for such objects (glibc keeps a small one).";
	c->ex->fix = arena_printf(c->a, "rebuild %s so it uses the global-dynamic TLS model (-ftls-model=global-dynamic, -fPIC without -ftls-model=initial-exec), or use a build made for musl",
				  pkg_or(c, "the addon"));
	return true;
}

bool m_static_tls(struct ctx *c)
{
	if (musl_ie_tls(c))
		return true;
	const char *p = find(c, "cannot allocate memory in static TLS block", NULL);
	if (!p)
		return false;
	set(c, "glibc-static-tls", "static-tls", "glibc", "the addon needs more static TLS than the process has left");
	set_file(c, path_before(c, p));
	c->ex->why = "Libraries using initial-exec TLS must fit in the static TLS reserve, which is fixed at startup; loading many of them late (dlopen) exhausts it (napi-rs/napi-rs#1060).";
	c->ex->fix = "preload the library (LD_PRELOAD=...) or raise the reserve: GLIBC_TUNABLES=glibc.rtld.optional_static_tls=16384";
	return true;
}

/* glibc's _dl_map_segments: mmap of a PT_LOAD segment with PROT_EXEC
 * failed.  EPERM ("Operation not permitted") is the kernel refusing
 * executable mappings of a file on a noexec mount (/tmp, a "users" or
 * "user" fstab entry, a container volume); old glibc printed no errno.
 * Other errnos (ENOMEM) are not this cause and are left unrecognised. */
bool m_noexec(struct ctx *c)
{
	const char *e, *p = find(c, "failed to map segment from shared object", &e);
	if (!p)
		return false;
	const char *le = line_end(c, e), *q = e;
	while (q < le && (*q == ':' || *q == ' '))
		q++;
	if (q < le && !match_at(q, le, "Operation not permitted") && !match_at(q, le, "Permission denied") && *q != '`' && *q != '\'' && *q != '"')
		return false;
	set(c, "glibc-map-segment-eperm", "noexec-mount", "glibc", "the kernel refused to map the addon's code: the file is on a noexec mount");
	set_file(c, path_before(c, p));
	bool tmp = c->ex->file && (!strncmp(c->ex->file, "/tmp/", 5) || strstr(c->ex->file, "/.org.chromium."));
	c->ex->why = arena_printf(c->a, "glibc could not mmap the file's code segment executable (EPERM). The kernel refuses executable mappings of files on a filesystem mounted noexec%s; the file itself is fine.",
				  tmp ? " (here a temporary file: Electron copies an addon packed inside app.asar to the temp directory before loading it, and /tmp is mounted noexec)" : " (/tmp, /home with the fstab option \"user\" or \"users\", which imply noexec, some container volumes)");
	c->ex->fix = tmp ? "unpack the addon from the asar (electron-builder asarUnpack / @electron/packager --asar.unpack=*.node) so it loads in place, or point TMPDIR at a filesystem mounted with exec"
			 : "move the project to a filesystem mounted with exec, or remount it with exec (mount -o remount,exec <mountpoint>; in /etc/fstab put exec after user/users); check with 'findmnt -T <file>'";
	return true;
}

bool m_page_align(struct ctx *c)
{
	const char *p = find(c, "ELF load command address/offset not page-aligned", NULL);
	if (!p)
		p = find(c, "ELF load command address/offset not properly aligned", NULL);
	if (!p)
		p = find(c, "ELF load command alignment not page-aligned", NULL);
	if (!p)
		return false;
	set(c, "glibc-page-alignment", "page-alignment", "glibc", "the file's segments are aligned for a smaller page size than this kernel uses");
	set_file(c, path_before(c, p));
	c->ex->why = "Typical on arm64 kernels with 16K or 64K pages: the binary was linked for 4K pages.";
	c->ex->fix = "rebuild with -Wl,-z,max-page-size=65536 (or install a build made for this page size)";
	return true;
}

static const char *distro_phrase(struct ctx *c, const char *ver)
{
	const char *d = glibc_distros(c->a, ver);
	return d ? d : "";
}

/* One "<provider>: version `V' not found (required by <requirer>)" line. */
struct vline {
	const char *ver, *provider, *requirer;
};

/* The provider is the last ": "-separated field before the match, so a
 * line that starts with the program ("/usr/bin/node: /lib64/libc.so.6:
 * version ...") names only the library. */
static const char *provider_before(struct ctx *c, const char *p)
{
	/* bounded walk back (not to the line start: a 4 MiB line of version
	 * lines would make that quadratic) */
	const char *ls = p - c->t > 4096 ? p - 4096 : c->t, *s = p;
	while (s > ls && s[-1] != '\n' && !(s[-1] == ' ' && s - 1 > ls && s[-2] == ':'))
		s--;
	const char *e = p;
	while (s < e && strchr(" '\"`([", *s))
		s++;
	while (e > s && strchr(" '\"`", e[-1]))
		e--;
	return dup_range(c, s, e);
}

static const char *version_line(struct ctx *c, const char *from, struct vline *v)
{
	for (;;) {
		const char *e, *p = find_from(from, c->end, " version ", &e);
		if (!p)
			return NULL;
		from = e;
		/* glibc writes "<lib>: version `V' not found"; a retyped title
		 * may drop the colon: then the word before must be a library */
		if (p > c->t && p[-1] == ':')
			p--;
		else {
			const char *w = p;
			while (w > c->t && !is_blank(w[-1]) && p - w < 4096)
				w--;
			if (!find_from(w, p, ".so", NULL))
				continue;
		}
		/* quotes as pasted: `V' (glibc), 'V', `V`, and typographic ones
		 * (made plain by clean.c) */
		/* unquoted (a log that dropped the quotes): only the names glibc's
		 * versions have, so "version 2 not found" stays unrecognised */
		bool bare = e < c->end && (!strncmp(e, "GLIBC", 5) || !strncmp(e, "CXXABI_", 7));
		if (e >= c->end || (*e != '`' && *e != '\'' && !bare))
			continue;
		const char *q = bare ? e : e + 1, *qe = q;
		while (qe < c->end && (isalnum((unsigned char)*qe) || *qe == '_' || *qe == '.') && qe - q < 64)
			qe++;
		if (!bare && (qe >= c->end || (*qe != '\'' && *qe != '`')))
			continue;
		if (qe == q)
			continue;
		const char *e2, *nf = match_at(bare ? qe : qe + 1, c->end, " not found");
		if (!nf)
			continue;
		v->ver = arena_strndup(c->a, q, (size_t)(qe - q));
		v->provider = provider_before(c, p);
		/* "(required by X)" after " not found", which a wrapped paste may
		 * have put on the next line */
		const char *le = nf;
		while (le < c->end && *le != '\n' && le - nf < 4096)
			le++;
		const char *r = find_from(nf, le, "(required by ", &e2);
		v->requirer = r ? quoted_after(c, e2, ')') : NULL;
		return qe;
	}
}

int vfamily(const char *ver)
{
	return !strncmp(ver, "GLIBC_", 6) && isdigit((unsigned char)ver[6]) ? 1 : !strncmp(ver, "GLIBCXX_", 8) ? 2 : !strncmp(ver, "CXXABI_", 7) ? 3 : 0;
}

bool m_version_not_found(struct ctx *c)
{
	/* Every missing version in the text; per family the highest decides
	 * (glibc reports the first it meets, not the one the system lacks
	 * most: Node 18 on Amazon Linux 2 prints GLIBC_2.27 and GLIBC_2.28). */
	struct vline best[4] = { { 0 } }, first = { 0 }, v;
	/* the other glibc versions named, for the numbers (distinct, in order) */
	const char *others[8];
	int nothers = 0;
	int lines = 0;
	for (const char *from = c->t; lines < 10000 && (from = version_line(c, from, &v)) != NULL; lines++) {
		if (!lines)
			first = v;
		int f = vfamily(v.ver);
		if (f >= 1 && nothers < 8) {
			bool seen = false;
			for (int i = 0; i < nothers && !seen; i++)
				seen = !strcmp(others[i], v.ver);
			if (!seen)
				others[nothers++] = v.ver;
		}
		if (!best[f].ver || abi_version_cmp(strchr(v.ver, '_') ? strchr(v.ver, '_') + 1 : v.ver,
						    strchr(best[f].ver, '_') ? strchr(best[f].ver, '_') + 1 : best[f].ver) > 0)
			best[f] = v;
	}
	if (!lines) {
		/* a paste cut before "version": "GLIBC_2.15' not found (required
		 * by X)"; only glibc's own version names count */
		const char *e, *p = find(c, " not found (required by ", &e);
		if (!p || p == c->t || (p[-1] != '\'' && p[-1] != '`'))
			return false;
		const char *q = p - 1, *ve = q;
		while (q > c->t && (isalnum((unsigned char)q[-1]) || q[-1] == '_' || q[-1] == '.') && ve - q < 64)
			q--;
		const char *ver = ve > q ? arena_strndup(c->a, q, (size_t)(ve - q)) : NULL;
		int f = ver ? vfamily(ver) : 0;
		if (!f)
			return false;
		best[f].ver = ver;
		best[f].requirer = quoted_after(c, e, ')');
		first = best[f];
	}
	const struct vline *m = best[1].ver ? &best[1] : best[2].ver ? &best[2] : best[3].ver ? &best[3] : &first;
	/* the requirer is a program (node, ./code-server, an Electron app's
	 * binary), not a loadable object: the runtime failed, not an addon */
	bool node = is_node_binary(m->requirer);
	bool runtime = node || is_program(m->requirer);
	set_file(c, m->requirer);
	c->ex->library = m->provider;
	const char *ver = m->ver;
	if (best[1].ver) {
		set(c, "glibc-version-not-found", "glibc-too-old", "glibc",
		    runtime ? (node ? "node itself needs a newer glibc than this system has" : "the program itself needs a newer glibc than this system has") : "the addon needs a newer glibc than this system has");
		number(c, runtime ? (node ? "glibc symbol version node needs" : "glibc symbol version the program needs") : "glibc symbol version the addon needs", ver, distro_phrase(c, ver + 6));
		for (int i = 0; i < nothers; i++)
			if (vfamily(others[i]) == 1 && strcmp(others[i], ver))
				number(c, "also missing (a lower glibc version)", others[i], NULL);
	} else if (best[2].ver || best[3].ver) {
		set(c, "libstdcxx-version-not-found", "libstdcxx-too-old", "glibc",
		    runtime ? (node ? "node itself needs a newer libstdc++ than the one loaded" : "the program itself needs a newer libstdc++ than the one loaded") : "the addon needs a newer libstdc++ than the one loaded");
	} else {
		set(c, "library-version-not-found", "library-too-old", "glibc", "a library the addon needs is too old");
		number(c, "symbol version the addon needs", ver, NULL);
	}
	for (int f = 2; f <= 3; f++)
		if (best[f].ver) {
			number(c, runtime ? (node ? "libstdc++ symbol version node needs" : "libstdc++ symbol version the program needs") : "libstdc++ symbol version the addon needs", best[f].ver,
			       glibcxx_meaning(c->a, best[f].ver));
			for (int i = 0; i < nothers; i++)
				if (vfamily(others[i]) == f && strcmp(others[i], best[f].ver))
					number(c, "also missing (a lower libstdc++ version)", others[i], NULL);
		}
	if (runtime && !node) {
		c->ex->subject = "runtime";
		c->ex->package = NULL;
		const char *need = best[1].ver ? best[1].ver : best[2].ver ? best[2].ver : best[3].ver;
		c->ex->why = arena_printf(c->a,
			"The failing binary is the program %s itself, not an addon: it (or the Node.js runtime bundled inside it) was linked against %s, which this system's %s lacks. "
			"No npm rebuild of an addon can help: the program never gets to load one.", m->requirer, need, best[1].ver ? "glibc" : "libstdc++");
		c->ex->fix = arena_printf(c->a, "use a build of %s made for this system (an older release, or one built for older glibc), or move to a newer OS that has %s",
					  m->requirer, need);
		return true;
	}
	if (runtime) {
		c->ex->subject = "runtime";
		c->ex->package = NULL;
		const char *need = best[1].ver ? best[1].ver : best[2].ver ? best[2].ver : best[3].ver;
		c->ex->why = arena_printf(c->a,
			"The failing binary is node itself (%s), not an addon: this Node.js build was linked against %s, which this system's %s lacks. "
			"No npm rebuild can help, the process never gets to load an addon. Official Node.js 18 and later Linux builds need glibc 2.28 "
			"and GLIBCXX_3.4.21; Node.js 16 and older need glibc 2.17.", m->requirer, need, best[1].ver ? "glibc" : "libstdc++");
		c->ex->fix = best[1].ver && abi_version_cmp(best[1].ver + 6, "2.28") <= 0
			? "run a Node.js build made for this system: Node.js 16 (official builds need glibc 2.17), the unofficial glibc-2.17 builds of newer majors (unofficial-builds.nodejs.org, linux-x64-glibc-217), or the distribution's own nodejs package; or move to a newer OS (glibc 2.28+: RHEL/Rocky 8, Debian 10, Ubuntu 20.04, Amazon Linux 2023)"
			: "run a Node.js build made for this system (an older Node.js major, or the distribution's own nodejs package), or move to a newer OS that has this version";
		return true;
	}
	if (best[1].ver) {
		c->ex->why = arena_printf(c->a,
			"The addon (or a library it loads) was linked against glibc %s or newer; this system's glibc is older. "
			"Prebuilt binaries are built on one distribution and fail on older ones (CentOS 7, Amazon Linux 2, old Debian/Ubuntu).%s",
			ver + 6, best[2].ver || best[3].ver ? " It also needs a newer libstdc++ (see the numbers)." : "");
		c->ex->fix = arena_printf(c->a, "build from source on this system (npm rebuild %s --build-from-source), "
					  "use an older package version whose prebuilds target an older glibc, or run on a newer distribution",
					  pkg_or(c, "<package>"));
	} else if (best[2].ver || best[3].ver) {
		c->ex->why = "The addon was compiled with a newer GCC than the one that provided this system's libstdc++.so.6. "
			     "Note: the libstdc++ that counts is the one already loaded into the process (node or Electron loaded it first).";
		c->ex->fix = arena_printf(c->a, "build from source here (npm rebuild %s --build-from-source), install a newer libstdc++ "
					  "(e.g. a newer libstdc++6 / gcc-toolset runtime), or use a newer distribution",
					  pkg_or(c, "<package>"));
	} else {
		c->ex->why = arena_printf(c->a, "The library %s was found but does not define version %s: it is older than the one the addon was built against.",
					  m->provider ? m->provider : "named", ver);
		c->ex->fix = "install the newer library version, or rebuild the addon against the installed one";
	}
	return true;
}

/* Is `name` one of the names musl's libc.so exports (data/musl-libc-symbols.tsv)? */
/* NAME is a line of an embedded one-name-per-line list (# comments). */
static bool in_name_list(const char *list, size_t len, const char *name)
{
	size_t n = strlen(name);
	const char *p = list, *end = list + len;
	while (p < end) {
		const char *eol = memchr(p, '\n', (size_t)(end - p));
		if (!eol)
			eol = end;
		if ((size_t)(eol - p) == n && !memcmp(p, name, n))
			return true;
		p = eol + 1;
	}
	return false;
}

static bool musl_has(const char *name)
{
	return in_name_list(data_musl_libc_symbols_tsv, data_musl_libc_symbols_tsv_len, name);
}

/*
 * glibc symbols that only a glibc-built object asks for (musl lacks them).
 * Two kinds: 1 = made by the compiler or glibc's headers (fortify
 * __*_chk, __isoc99_*, __strtod_internal, fcntl64 from _FILE_OFFSET_BITS):
 * a build from source on musl does not ask for them; 2 = a glibc API the
 * source itself calls (backtrace, gnu_get_libc_version, mallinfo, error,
 * argp_*): rebuilding from source on musl fails or gives the same import.
 * 0 = not glibc-only.  Beyond the patterns, any name glibc exports and
 * musl does not (data/glibc-only-symbols.tsv) is glibc-only: reserved
 * names (a leading underscore) are header by-products, the rest APIs.
 */
int glibc_only_symbol(const char *s)
{
	if (musl_has(s))
		return 0;
	static const char *const api[] = { "backtrace", "backtrace_symbols", "backtrace_symbols_fd", "gnu_get_libc_version",
					   "gnu_get_libc_release", "mallinfo", "mallinfo2", "malloc_trim", "malloc_stats",
					   "error", "error_at_line", "obstack_free", "__obstack_vprintf_chk",
					   /* ucontext: declared by musl's headers, not implemented */
					   "getcontext", "setcontext", "makecontext", "swapcontext" };
	for (size_t i = 0; i < sizeof api / sizeof api[0]; i++)
		if (!strcmp(s, api[i]))
			return 2;
	if (!strncmp(s, "gnu_", 4) || !strncmp(s, "obstack_", 8) || !strncmp(s, "_obstack_", 9))
		return 2;
	if (!strncmp(s, "__", 2) && (strstr(s, "_chk") || !strncmp(s, "__libc_", 7) || !strcmp(s, "__register_atfork") ||
				     !strncmp(s, "__isoc", 6)))
		return 1;
	if (!strcmp(s, "fcntl64") || !strcmp(s, "__xpg_basename"))
		return 1;
	if (in_name_list(data_glibc_only_symbols_tsv, data_glibc_only_symbols_tsv_len, s))
		return s[0] == '_' ? 1 : 2;
	return 0;
}

void explain_symbol(struct ctx *c, const char *sym)
{
	c->ex->symbol = sym;
	if (sym && !strncmp(sym, "_Z", 2)) {
		char buf[1024];
		c->ex->demangled = demangle(sym, buf, sizeof buf) ? arena_strdup(c->a, buf) : "a mangled C++ name (outside the demangler's subset)";
	}
}

const char *symbol_story(struct ctx *c, const char *sym)
{
	if (!sym)
		return "";
	int lvl = napi_function_level(sym);
	if (lvl > 0)
		return arena_printf(c->a, " %s is a Node-API function added in Node-API %d: the running Node.js is older than the one the addon was built for (see 'addon-doctor abi').", sym, lvl);
	if (lvl == 0)
		return arena_printf(c->a, " %s is an experimental Node-API function: this Node.js does not export it.", sym);
	const char *d = c->ex->demangled ? c->ex->demangled : "";
	if (!strncmp(d, "v8::", 4) || !strncmp(d, "node::", 6) || strstr(sym, "2v8") || strstr(sym, "4node"))
		return " It is a V8/Node.js C++ API symbol: the addon was built against another Node.js or Electron version (V8's C++ API is not stable).";
	if (!strncmp(d, "std::", 5) || strstr(sym, "St7__cxx11") || strstr(sym, "NSt"))
		return " It is a C++ standard library symbol: the addon was built with a different libstdc++ / C++ ABI than the one loaded.";
	return "";
}
