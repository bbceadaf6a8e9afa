/*
 * inspect.c - the `inspect` report: compact text for people, one JSON
 * object per line (schema 1) for programs.  The JSON field list is the
 * documented contract (docs/inspect.md); add fields, never rename them.
 */
#include "inspect.h"

#include <inttypes.h>
#include <string.h>

#include "json.h"
#include "term.h"
#include "../runtime/abi.h"

const char *format_name(enum bin_format f)
{
	switch (f) {
	case BIN_ELF: return "elf";
	case BIN_MACHO: return "macho";
	case BIN_FAT: return "macho";
	case BIN_PE: return "pe";
	default: return "unknown";
	}
}

const char *addon_kind_name(enum addon_kind k)
{
	switch (k) {
	case ADDON_NAPI: return "napi";
	case ADDON_ABI: return "abi";
	case ADDON_LEGACY: return "legacy";
	default: return "none";
	}
}

static const char *lib_kind_name(enum lib_kind k)
{
	switch (k) {
	case LIB_WEAK: return "weak";
	case LIB_REEXPORT: return "reexport";
	case LIB_UPWARD: return "upward";
	case LIB_LAZY: return "lazy";
	case LIB_DELAY: return "delay";
	default: return "needed";
	}
}

static const char *when_name(uint8_t w)
{
	return w == SYM_WHEN_LOAD ? "load" : w == SYM_WHEN_LAZY ? "lazy" : NULL;
}

static size_t count_syms(const struct binary *b, bool defined)
{
	size_t n = 0;
	for (size_t i = 0; i < b->syms.n; i++)
		if (b->syms.v[i].defined == defined && (!defined || b->syms.v[i].bind != SYM_LOCAL))
			n++;
	return n;
}

static void json_strlist(struct jw *w, const char *key, const char *const *v, size_t n)
{
	jw_key(w, key);
	jw_arr(w);
	for (size_t i = 0; i < n; i++)
		jw_str(w, v[i]);
	jw_arr_end(w);
}

static void json_body(struct jw *w, const struct binary *b, const struct inspect_opts *o)
{
	jw_kstr(w, "format", format_name(b->format));
	jw_kbool(w, "universal", b->format == BIN_FAT);
	jw_kstr(w, "os", b->os);
	jw_kstr(w, "arch", b->arch);
	jw_kstr(w, "arch_detail", b->arch_detail);
	jw_key(w, "bits");
	if (b->bits)
		jw_int(w, b->bits);
	else
		jw_null(w);
	jw_kstr(w, "endian", b->bits ? (b->endian == BIN_BIG ? "big" : "little") : NULL);
	jw_kstr(w, "filetype", b->filetype);
	jw_kstr(w, "libc", b->libc);
	jw_kstr(w, "min_glibc", b->min_glibc);
	jw_kstr(w, "min_glibcxx", b->min_glibcxx);
	jw_kstr(w, "min_cxxabi", b->min_cxxabi);

	jw_key(w, "needed");
	jw_arr(w);
	for (size_t i = 0; i < b->libs.n; i++)
		if (b->libs.v[i].kind != LIB_DELAY)
			jw_str(w, b->libs.v[i].name);
	jw_arr_end(w);
	jw_key(w, "libraries");
	jw_arr(w);
	for (size_t i = 0; i < b->libs.n; i++) {
		jw_obj(w);
		jw_kstr(w, "name", b->libs.v[i].name);
		jw_kstr(w, "kind", lib_kind_name(b->libs.v[i].kind));
		jw_obj_end(w);
	}
	jw_arr_end(w);
	json_strlist(w, "rpath", b->rpaths.v, b->rpaths.n);
	json_strlist(w, "runpath", b->runpaths.v, b->runpaths.n);

	const struct addon_facts *f = &b->addon;
	jw_kstr(w, "addon_kind", addon_kind_name(f->kind));
	jw_kstr(w, "registration", f->registration);
	jw_kint_or_null(w, "abi", f->abi);
	jw_kstr(w, "abi_source", f->abi >= 0 ? f->abi_why : NULL);
	jw_kint_or_null(w, "napi_min", f->napi_min);
	jw_kstr(w, "napi_min_symbol", f->napi_min_sym);
	jw_kint_or_null(w, "napi_declared", f->napi_declared);
	jw_kbool(w, "napi_rs", f->napi_rs);

	jw_key(w, "versions_needed");
	jw_arr(w);
	for (size_t i = 0; i < b->verneeds.n; i++) {
		jw_obj(w);
		jw_kstr(w, "file", b->verneeds.v[i].file);
		jw_kstr(w, "version", b->verneeds.v[i].name);
		if (b->verneeds.v[i].weak)
			jw_kbool(w, "weak", true);
		jw_obj_end(w);
	}
	jw_arr_end(w);
	jw_kint(w, "exports", (int64_t)count_syms(b, true));
	jw_kint(w, "imports", (int64_t)count_syms(b, false));

	if (b->format == BIN_ELF) {
		jw_key(w, "elf");
		jw_obj(w);
		jw_kstr(w, "soname", b->elf.soname);
		jw_kstr(w, "interp", b->elf.interp);
		jw_kint(w, "machine", b->elf.machine);
		jw_kint(w, "osabi", b->elf.ident[7]);
		jw_kbool(w, "bind_now", b->elf.bind_now);
		jw_kbool(w, "gnu_stack", b->elf.gnu_stack);
		jw_kbool(w, "exec_stack", b->elf.exec_stack);
		jw_kbool(w, "segments_past_eof", b->elf.load_end > b->file_size);
		jw_obj_end(w);
	} else if (b->format == BIN_MACHO) {
		jw_key(w, "macho");
		jw_obj(w);
		jw_kstr(w, "install_name", b->macho.install_name);
		jw_kstr(w, "platform", b->macho.platform);
		jw_kstr(w, "min_os", b->macho.min_os);
		jw_kstr(w, "sdk", b->macho.sdk);
		jw_kbool(w, "two_level", b->macho.two_level);
		jw_kbool(w, "chained_fixups", b->macho.chained_fixups);
		jw_kbool(w, "code_signature", b->macho.has_code_signature);
		jw_obj_end(w);
	} else if (b->format == BIN_PE) {
		jw_key(w, "pe");
		jw_obj(w);
		jw_kint(w, "machine", b->pe.machine);
		jw_kbool(w, "pe32plus", b->pe.pe32plus);
		jw_kstr(w, "dll_name", b->pe.dll_name);
		jw_obj_end(w);
	}

	if (o->symbols) {
		jw_key(w, "symbols");
		jw_arr(w);
		for (size_t i = 0; i < b->syms.n; i++) {
			const struct bin_sym *s = &b->syms.v[i];
			if (s->defined && s->bind == SYM_LOCAL)
				continue;
			jw_obj(w);
			jw_kstr(w, "name", s->name);
			jw_kbool(w, "defined", s->defined);
			if (s->version)
				jw_kstr(w, "version", s->version);
			if (s->lib)
				jw_kstr(w, "library", s->lib);
			if (!s->defined && when_name(s->when))
				jw_kstr(w, "bind", when_name(s->when));
			if (s->weak_ref || s->bind == SYM_WEAK)
				jw_kbool(w, "weak", true);
			if (s->flat_lookup)
				jw_kbool(w, "flat_lookup", true);
			if (s->delay)
				jw_kbool(w, "delay", true);
			jw_obj_end(w);
		}
		jw_arr_end(w);
	}

	if (b->format == BIN_FAT) {
		jw_key(w, "slices");
		jw_arr(w);
		for (size_t i = 0; i < b->slices.n; i++) {
			jw_obj(w);
			json_body(w, b->slices.v[i], o);
			jw_obj_end(w);
		}
		jw_arr_end(w);
	}
	json_strlist(w, "notes", b->notes.v, b->notes.n);
}

void inspect_json(FILE *f, const struct binary *b, const struct inspect_opts *o)
{
	struct jw w;
	jw_init(&w, f);
	jw_obj(&w);
	jw_kint(&w, "schema", 1);
	jw_kstr(&w, "path", b->path);
	jw_kint(&w, "size", (int64_t)b->file_size);
	json_body(&w, b, o);
	jw_kstr(&w, "error", NULL);
	jw_obj_end(&w);
	jw_newline(&w);
}

void inspect_json_error(FILE *f, const char *path, enum bin_format format, const char *error)
{
	struct jw w;
	jw_init(&w, f);
	jw_obj(&w);
	jw_kint(&w, "schema", 1);
	jw_kstr(&w, "path", path);
	jw_kstr(&w, "format", format_name(format));
	jw_kstr(&w, "error", error);
	jw_obj_end(&w);
	jw_newline(&w);
}

/* ---- text ------------------------------------------------------------ */

static void label(FILE *f, int indent, const char *name)
{
	fprintf(f, "%*s%-9s ", indent, "", name);
}

static void text_body(FILE *f, const struct binary *b, const struct inspect_opts *o, int ind)
{
	label(f, ind, "format");
	if (b->format == BIN_FAT) {
		fprintf(f, "Mach-O universal binary, %zu slices (", b->slices.n);
		term_puts(f, b->arch_detail ? b->arch_detail : "?");
		fputs(")\n", f);
	} else if (b->format == BIN_UNKNOWN) {
		fputs("not readable (see note)\n", f);
	} else {
		fprintf(f, "%s %d-bit %s-endian %s\n",
			b->format == BIN_ELF ? "ELF" : b->format == BIN_MACHO ? "Mach-O" : "PE",
			b->bits, b->endian == BIN_BIG ? "big" : "little", b->filetype ? b->filetype : "?");
	}
	label(f, ind, "platform");
	term_puts(f, b->os ? b->os : "unknown os");
	fputc('-', f);
	term_puts(f, b->arch ? b->arch : "unknown-arch");
	if (b->arch_detail && b->format != BIN_FAT) {
		fputs(" (", f);
		term_puts(f, b->arch_detail);
		fputc(')', f);
	}
	if (b->format == BIN_MACHO && b->macho.min_os) {
		fputs(", ", f);
		term_puts(f, b->macho.platform ? b->macho.platform : "os");
		fputs(" >= ", f);
		term_puts(f, b->macho.min_os);
	}
	fputc('\n', f);
	if (b->format == BIN_FAT) {
		for (size_t i = 0; i < b->slices.n; i++) {
			fprintf(f, "%*sslice %zu:\n", ind, "", i);
			text_body(f, b->slices.v[i], o, ind + 2);
		}
		goto notes;
	}
	if (b->libc || b->min_glibc || b->min_glibcxx) {
		label(f, ind, "libc");
		term_puts(f, b->libc ? b->libc : "unknown");
		if (b->min_glibc) {
			fputs(", needs GLIBC_", f);
			term_puts(f, b->min_glibc);
		}
		if (b->min_glibcxx) {
			fputs(", GLIBCXX_", f);
			term_puts(f, b->min_glibcxx);
		}
		if (b->min_cxxabi) {
			fputs(", CXXABI_", f);
			term_puts(f, b->min_cxxabi);
		}
		fputc('\n', f);
	}
	if (b->libs.n) {
		label(f, ind, "needs");
		for (size_t i = 0; i < b->libs.n; i++) {
			if (i)
				fputc(' ', f);
			term_puts(f, b->libs.v[i].name);
			if (b->libs.v[i].kind != LIB_NEEDED)
				fprintf(f, " (%s)", lib_kind_name(b->libs.v[i].kind));
		}
		fputc('\n', f);
	}
	for (size_t i = 0; i < b->rpaths.n; i++) {
		label(f, ind, i ? "" : "rpath");
		term_puts(f, b->rpaths.v[i]);
		fputc('\n', f);
	}
	for (size_t i = 0; i < b->runpaths.n; i++) {
		label(f, ind, i ? "" : "runpath");
		term_puts(f, b->runpaths.v[i]);
		fputc('\n', f);
	}
	const struct addon_facts *a = &b->addon;
	label(f, ind, "addon");
	char buf[128];
	switch (a->kind) {
	case ADDON_NAPI:
		fputs("Node-API", f);
		if (a->napi_min > 0)
			fprintf(f, ", needs Node-API >= %d", a->napi_min);
		if (a->napi_min_sym) {
			fputs(" (", f);
			term_puts(f, a->napi_min_sym);
			fputc(')', f);
		}
		if (a->napi_declared >= 0)
			fprintf(f, ", declares version %d", a->napi_declared);
		if (a->napi_rs)
			fputs(", napi-rs style (Node-API resolved at run time)", f);
		break;
	case ADDON_ABI:
	case ADDON_LEGACY:
		fputs(a->kind == ADDON_ABI ? "ABI-specific" : "ABI-specific (legacy registration)", f);
		if (a->abi >= 0)
			fprintf(f, ", NODE_MODULE_VERSION %d = %s", a->abi, abi_describe(a->abi, buf, sizeof buf));
		else
			fputs(", NODE_MODULE_VERSION unknown", f);
		break;
	default:
		fputs("none (registers nothing Node can find)", f);
		break;
	}
	fputc('\n', f);
	if (a->registration && a->kind != ADDON_NONE) {
		label(f, ind, "");
		term_puts(f, a->registration);
		if (a->abi >= 0 && a->abi_why) {
			fputs("; ", f);
			term_puts(f, a->abi_why);
		}
		fputc('\n', f);
	}
	label(f, ind, "symbols");
	fprintf(f, "%zu exported, %zu imported", count_syms(b, true), count_syms(b, false));
	if (b->format == BIN_ELF) {
		size_t lazy = 0, load = 0;
		for (size_t i = 0; i < b->syms.n; i++) {
			if (b->syms.v[i].defined)
				continue;
			lazy += b->syms.v[i].when == SYM_WHEN_LAZY;
			load += b->syms.v[i].when == SYM_WHEN_LOAD;
		}
		fprintf(f, " (%zu bound at load, %zu at first call)", load, lazy);
	}
	fputc('\n', f);
	if (b->format == BIN_ELF) {
		if (b->elf.bind_now || b->elf.exec_stack || b->elf.load_end > b->file_size || b->elf.soname) {
			label(f, ind, "flags");
			const char *sep = "";
			if (b->elf.soname) {
				fputs("soname ", f);
				term_puts(f, b->elf.soname);
				sep = ", ";
			}
			if (b->elf.bind_now) {
				fprintf(f, "%sBIND_NOW", sep);
				sep = ", ";
			}
			if (b->elf.exec_stack) {
				fprintf(f, "%sexecutable stack", sep);
				sep = ", ";
			}
			if (b->elf.load_end > b->file_size)
				fprintf(f, "%ssegments extend past end of file (%" PRIu64 " > %" PRIu64 " bytes)",
					sep, b->elf.load_end, b->file_size);
			fputc('\n', f);
		}
	}
	if (b->format == BIN_MACHO && b->macho.install_name) {
		label(f, ind, "id");
		term_puts(f, b->macho.install_name);
		fputc('\n', f);
	}
	if (o->symbols) {
		for (size_t i = 0; i < b->syms.n; i++) {
			const struct bin_sym *s = &b->syms.v[i];
			if (s->defined && s->bind == SYM_LOCAL)
				continue;
			fprintf(f, "%*s  %s ", ind, "", s->defined ? "export" : "import");
			term_puts(f, s->name ? s->name : "(by ordinal)");
			if (s->version) {
				fputc('@', f);
				term_puts(f, s->version);
			}
			if (s->lib) {
				fputs(" from ", f);
				term_puts(f, s->lib);
			}
			if (!s->defined && when_name(s->when))
				fprintf(f, " [%s]", when_name(s->when));
			if (s->flat_lookup)
				fputs(" [flat lookup]", f);
			fputc('\n', f);
		}
	}
notes:
	for (size_t i = 0; i < b->notes.n; i++) {
		label(f, ind, i ? "" : "note");
		term_puts(f, b->notes.v[i]);
		fputc('\n', f);
	}
}

void inspect_text(FILE *f, const struct binary *b, const struct inspect_opts *o)
{
	term_puts(f, b->path);
	fputc('\n', f);
	text_body(f, b, o, 2);
}
