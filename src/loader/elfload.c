/*
 * elfload.c - glibc's and musl's dlopen() of an ELF addon, simulated.
 *
 * glibc (elf/dl-load.c open_verify, _dl_map_object_from_fd, _dl_map_object;
 * elf/dl-deps.c; elf/dl-version.c; elf/dl-lookup.c): header checks in its
 * order and with its texts, segment checks, DT_NEEDED resolution breadth
 * first (already loaded, RPATH chain, LD_LIBRARY_PATH, RUNPATH, ld.so.cache,
 * default directories), version needs, then relocation in reverse load
 * order where only PLT slots may wait for their first call (RTLD_LAZY).
 * musl (ldso/dynlink.c): "Exec format error" for any header it dislikes, no
 * machine check, LD_LIBRARY_PATH before RPATH, no versions, and GOT as well
 * as PLT references deferred under RTLD_LAZY.
 * Texts: loader-facts.md §5 and §6; each was checked against real runs
 * where tests/t/truth-glibc.sh says so.
 */
#include "loader.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../io/rfile.h"
#include "data.h"
#include "../parse/parse.h"

#define MAX_OBJS_PER_LOAD 512 /* a dependency graph larger than this is hostile */

void ld_evidence(struct arena *a, struct ld_result *r, const char *fmt, ...)
{
	char buf[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	if (r->evidence.n >= 40)
		return;
	const char **s = VEC_PUSH(a, &r->evidence);
	if (s)
		*s = arena_strdup(a, buf);
}

static bool is_musl(const struct loader *L) { return L->t->libc && !strcmp(L->t->libc, "musl"); }

static uint16_t arch_machine(const char *arch)
{
	static const struct { const char *arch; uint16_t m; } t[] = {
		{ "x64", 62 }, { "arm64", 183 }, { "ia32", 3 }, { "arm", 40 }, { "ppc64", 21 },
		{ "s390x", 22 }, { "riscv64", 243 }, { "loong64", 258 }, { "mips64el", 8 },
	};
	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++)
		if (!strcmp(t[i].arch, arch))
			return t[i].m;
	return 0;
}

static int arch_bits(const char *arch)
{
	return (!strcmp(arch, "ia32") || !strcmp(arch, "arm")) ? 32 : 64;
}

/* The byte order glibc was built for on that target (only s390x among
 * the arches Node ships Linux builds for is big-endian). */
static bool arch_big_endian(const char *arch)
{
	return !strcmp(arch, "s390x") || !strcmp(arch, "mips64");
}

enum hdr { HDR_OK, HDR_WRONG_MACHINE, HDR_OTHER_CLASS, HDR_ERROR };

/* A field of the header as the target's ld.so reads it: in its own byte
 * order, whatever EI_DATA says (open_verify() casts the buffer). */
static uint64_t hdr_field(const uint8_t *h, size_t off, size_t n, bool big)
{
	uint64_t v = 0;
	for (size_t i = 0; i < n; i++)
		v = v << 8 | h[big ? off + i : off + n - 1 - i];
	return v;
}

/*
 * elf_machine_matches_host() of the target's glibc (sysdeps/<arch>/
 * dl-machine.h): e_machine, and for some machines e_flags.  A file it
 * rejects is skipped quietly (ENOENT), like one of another machine.
 *  - arm: an EABI5 object marked with the other float ABI
 *    (EF_ARM_ABI_FLOAT_SOFT 0x200 on a hard-float system; the Android NDK
 *    marks its objects so).  Node's linux-armv7l builds are hard-float.
 *    glibc expresses it as VALID_FLOAT_ABI (sysdeps/unix/sysv/linux/arm/
 *    ldsodefs.h); a real run (Debian 12 armhf ld.so under qemu, a
 *    -mfloat-abi=soft .so) answers ENOENT, tests/t/qemu-truth.sh.
 *  - riscv64: EF_RISCV_FLOAT_ABI (0x6) must be DOUBLE (0x4) on lp64d.
 *  - ppc64 (ELFv2, little-endian): EF_PPC64_ABI (0x3) must be 0 or 2.
 *  - x86_64, i386, aarch64, s390x, loongarch: e_machine only.
 */
static bool glibc_machine_matches(const char *arch, uint16_t em, uint32_t flags)
{
	if (em != arch_machine(arch))
		return false;
	if (!strcmp(arch, "arm"))
		return (flags & 0xff000000u) != 0x05000000u || !(flags & 0x200u);
	if (!strcmp(arch, "riscv64"))
		return (flags & 0x6u) == 0x4u;
	if (!strcmp(arch, "ppc64"))
		return (flags & 0x3u) == 0 || (flags & 0x3u) == 2;
	return true;
}

/*
 * glibc open_verify(): the first checks on a candidate, in glibc's order,
 * for a process of the target arch (its class, byte order and machine).
 * *text is the dlerror text after "<path>: " for HDR_ERROR.
 */
static enum hdr glibc_header(struct rfile *rf, const char *arch, const char **text)
{
	int bits = arch_bits(arch);
	bool big = arch_big_endian(arch);
	uint8_t h[64];
	size_t ehsize = bits == 64 ? 64 : 52;
	if (rf->size < ehsize || !rf_read(rf, 0, h, ehsize)) {
		*text = "file too short";
		return HDR_ERROR;
	}
	uint16_t em = (uint16_t)hdr_field(h, 18, 2, big);
	uint32_t flags = (uint32_t)hdr_field(h, bits == 64 ? 48 : 36, 4, big);
	bool machine_ok = glibc_machine_matches(arch, em, flags);
	if (memcmp(h, "\177ELF", 4)) {
		*text = "invalid ELF header";
		return HDR_ERROR;
	}
	if (h[4] != (bits == 64 ? 2 : 1)) {
		/* the text names the class the process is NOT: chosen by host class */
		*text = bits == 64 ? "wrong ELF class: ELFCLASS32" : "wrong ELF class: ELFCLASS64";
		return HDR_OTHER_CLASS;
	}
	/*
	 * The rest of e_ident.  EXP (Debian glibc 2.36, byte-patched copies of
	 * one .so, tests/t/glibc-header-order.sh): when any of these is wrong
	 * AND e_machine is foreign, open_verify() skips the file quietly and
	 * dlopen() reports ENOENT; only a host-machine file gets the specific
	 * text.  So a FreeBSD arm64 .node says "cannot open shared object
	 * file", a FreeBSD x86-64 one "ELF file OS ABI invalid".  ARM's
	 * ldsodefs.h also accepts ELFOSABI_ARM_AEABI (64) there.
	 */
	const char *ident = NULL;
	bool arm = !strcmp(arch, "arm");
	if (h[5] != (big ? 2 : 1))
		ident = big ? "ELF file data encoding not big-endian" : "ELF file data encoding not little-endian";
	else if (h[6] != 1)
		ident = "ELF file version ident does not match current one";
	else if (h[7] != 0 && h[7] != 3 && !(arm && h[7] == 64))
		ident = "ELF file OS ABI invalid";
	else if ((h[7] != 3 && h[8] != 0) || (h[7] == 3 && h[8] > 1))
		ident = "ELF file ABI version invalid";
	else
		for (int i = 9; i < 16 && !ident; i++)
			if (h[i])
				ident = "nonzero padding in e_ident";
	if (ident) {
		if (!machine_ok)
			return HDR_WRONG_MACHINE;
		*text = ident;
		return HDR_ERROR;
	}
	/* e_version is checked before e_machine: a foreign file with a bad
	 * e_version gets this text (same experiment) */
	if (hdr_field(h, 20, 4, big) != 1) {
		*text = "ELF file version does not match current one";
		return HDR_ERROR;
	}
	if (!machine_ok)
		return HDR_WRONG_MACHINE;
	uint16_t type = (uint16_t)hdr_field(h, 16, 2, big);
	if (type != 2 && type != 3) {
		*text = "only ET_DYN and ET_EXEC can be loaded";
		return HDR_ERROR;
	}
	uint16_t phentsize = (uint16_t)hdr_field(h, bits == 64 ? 54 : 42, 2, big);
	uint16_t phnum = (uint16_t)hdr_field(h, bits == 64 ? 56 : 44, 2, big);
	uint64_t phoff = hdr_field(h, bits == 64 ? 32 : 28, bits == 64 ? 8 : 4, big);
	if (phentsize != (bits == 64 ? 56 : 32)) {
		*text = "ELF file's phentsize not the expected size";
		return HDR_ERROR;
	}
	if (!range_ok(phoff, (uint64_t)phnum * phentsize, rf->size)) {
		*text = "cannot read file data";
		return HDR_ERROR;
	}
	return HDR_OK;
}

/* musl map_library(): anything it cannot map is ENOEXEC. */
static enum hdr musl_header(struct rfile *rf, int bits, const char **text)
{
	uint8_t h[64];
	size_t ehsize = bits == 64 ? 64 : 52;
	*text = "Exec format error";
	if (rf->size < ehsize || !rf_read(rf, 0, h, ehsize) || memcmp(h, "\177ELF", 4) ||
	    h[4] != (bits == 64 ? 2 : 1) || h[5] != 1)
		return HDR_ERROR;
	uint16_t type = (uint16_t)(h[16] | h[17] << 8);
	if (type != 2 && type != 3)
		return HDR_ERROR;
	return HDR_OK; /* no e_machine check in musl */
}

static struct ld_obj *find_cached(struct loader *L, const char *host)
{
	for (size_t i = 0; i < L->objs.n; i++)
		if (L->objs.v[i]->host && !strcmp(L->objs.v[i]->host, host))
			return L->objs.v[i];
	return NULL;
}

/*
 * Opens one candidate as the loader would.  Returns the object, or NULL
 * with *why (for the tried list) and *kind.
 */
static struct ld_obj *open_candidate(struct loader *L, const char *tpath, bool on_host, enum hdr *kind,
				     const char **why)
{
	int e = 0;
	const char *treal;
	char *host = sys_resolve(L->ra, L->env, tpath, &treal, &e);
	if (!host && on_host) {
		/* a path made from the $ORIGIN of an object outside the
		 * sysroot: that object's real directory, which the target
		 * sees at the same path (bind-mounted, or qemu -L's fallback
		 * to the host path) */
		struct sysenv hostenv = *L->env;
		hostenv.sysroot = NULL;
		host = sys_resolve(L->ra, &hostenv, tpath, &treal, &e);
	}
	*kind = HDR_ERROR;
	if (!host) {
		*why = e == ENOENT ? "no such file" : strerror(e);
		*kind = HDR_WRONG_MACHINE; /* keep searching, like ENOENT */
		return NULL;
	}
	struct ld_obj *o = find_cached(L, host);
	if (o) {
		*kind = HDR_OK;
		return o;
	}
	struct rfile rf;
	if ((e = rfile_open(&rf, host)) != 0) {
		*why = strerror(e);
		*kind = e == ENOENT ? HDR_WRONG_MACHINE : HDR_ERROR;
		return NULL;
	}
	const char *text = NULL;
	*kind = is_musl(L) ? musl_header(&rf, arch_bits(L->t->arch), &text)
			   : glibc_header(&rf, L->t->arch, &text);
	if (*kind != HDR_OK) {
		*why = *kind == HDR_WRONG_MACHINE ? "wrong machine, skipped"
		       : *kind == HDR_OTHER_CLASS ? "wrong ELF class, skipped" : text;
		rfile_close(&rf);
		return NULL;
	}
	o = arena_alloc(L->a, sizeof *o);
	if (!o) {
		rfile_close(&rf);
		return NULL;
	}
	o->name = arena_strdup(L->a, tpath);
	o->host = arena_strdup(L->a, host);
	const char *perr;
	if (binary_parse_as(&rf, L->a, o->host, BIN_PARSE_LIBRARY, &o->bin, &perr) != 0)
		o->bin = NULL;
	rfile_close(&rf);
	o->soname = o->bin ? o->bin->elf.soname : NULL;
	struct ld_obj **slot = VEC_PUSH(L->a, &L->objs);
	if (slot)
		*slot = o;
	return o;
}

static struct ld_obj *assumed_obj(struct loader *L, const char *name)
{
	for (size_t i = 0; i < L->objs.n; i++)
		if (L->objs.v[i]->assumed && !strcmp(L->objs.v[i]->name, name))
			return L->objs.v[i];
	struct ld_obj *o = arena_alloc(L->a, sizeof *o);
	if (!o)
		return NULL;
	o->name = arena_strdup(L->a, name);
	o->soname = o->name;
	o->assumed = true;
	struct ld_obj **slot = VEC_PUSH(L->a, &L->objs);
	if (slot)
		*slot = o;
	return o;
}

/* Libraries every Linux system of that libc has, and that official Node
 * builds load before any addon (loader-facts §5.3). */
static bool base_system_lib(const struct loader *L, const char *name)
{
	static const char *const glibc[] = {
		"libc.so.6", "libm.so.6", "libdl.so.2", "libpthread.so.0", "librt.so.1",
		"libutil.so.1", "libresolv.so.2", "libstdc++.so.6", "libgcc_s.so.1",
		"libatomic.so.1", "ld-linux-x86-64.so.2", "ld-linux-aarch64.so.1",
		"ld-linux-armhf.so.3", "ld-linux.so.2", "ld64.so.2", "ld64.so.1",
		"ld-linux-riscv64-lp64d.so.1", "ld-linux-loongarch-lp64d.so.1", NULL,
	};
	static const char *const musl[] = { "libstdc++.so.6", "libgcc_s.so.1", NULL };
	const char *const *list = is_musl(L) ? musl : glibc;
	for (size_t i = 0; list[i]; i++)
		if (!strcmp(list[i], name))
			return true;
	return false;
}

/* musl: these names are musl itself (ldso/dynlink.c load_library). */
static bool musl_builtin(const char *name)
{
	static const char *const r[] = { "c.", "pthread.", "rt.", "m.", "dl.", "util.", "xnet.", NULL };
	if (strncmp(name, "lib", 3))
		return !strncmp(name, "ld-musl-", 8);
	for (size_t i = 0; r[i]; i++)
		if (!strncmp(name + 3, r[i], strlen(r[i])))
			return true;
	return !strncmp(name, "libc.musl-", 10);
}

static const char *dirname_of(struct arena *a, const char *p)
{
	const char *s = strrchr(p, '/');
	if (!s)
		return ".";
	if (s == p)
		return "/";
	return arena_strndup(a, p, (size_t)(s - p));
}

/* $ORIGIN, $LIB, $PLATFORM (and ${...}) in an RPATH entry (glibc
 * _dl_dst_substitute; musl expands only ORIGIN: NULL for others). */
static const char *expand_dst(struct loader *L, const char *in, const char *origin)
{
	char out[4096];
	size_t k = 0;
	for (const char *p = in; *p && k < sizeof out - 1;) {
		if (*p != '$') {
			out[k++] = *p++;
			continue;
		}
		const char *name = p + 1;
		bool brace = *name == '{';
		if (brace)
			name++;
		const char *val = NULL;
		size_t nl = 0;
		if (!strncmp(name, "ORIGIN", 6)) {
			val = origin;
			nl = 6;
		} else if (!strncmp(name, "LIB", 3) && !is_musl(L)) {
			val = L->env->dollar_lib ? L->env->dollar_lib : "lib";
			nl = 3;
		} else if (!strncmp(name, "PLATFORM", 8) && !is_musl(L)) {
			val = L->env->dollar_platform;
			nl = 8;
		}
		if (!val || (brace && name[nl] != '}'))
			return NULL; /* an unknown token: glibc drops the entry */
		size_t vl = strlen(val);
		if (k + vl >= sizeof out)
			return NULL;
		memcpy(out + k, val, vl);
		k += vl;
		p = name + nl + (brace ? 1 : 0);
	}
	out[k] = '\0';
	return arena_strdup(L->ra, out);
}

struct search {
	struct loader *L;
	struct ld_dep *d;
	bool other_class;
	const char *fatal;      /* a candidate's header error: ends the dlopen */
	const char *fatal_path;
};

static struct ld_obj *try_path(struct search *s, const char *path, bool on_host, const char *rule)
{
	enum hdr kind;
	const char *why = NULL;
	struct ld_obj *o = open_candidate(s->L, path, on_host, &kind, &why);
	if (o) {
		s->d->rule = rule;
		return o;
	}
	const char **t = VEC_PUSH(s->L->ra, &s->d->tried);
	if (t)
		*t = arena_printf(s->L->ra, "%s (%s)", path, why ? why : "?");
	if (kind == HDR_OTHER_CLASS)
		s->other_class = true;
	else if (kind == HDR_ERROR && !s->fatal) {
		s->fatal = why;
		s->fatal_path = path;
	}
	return NULL;
}

/* With --sysroot: was o read outside the sysroot (the addon the user
 * named lies elsewhere, or a library found beside it)? */
static bool outside_sysroot(const struct loader *L, const struct ld_obj *o)
{
	const char *sr = L->env->sysroot;
	if (!sr || !o || !o->host || o->assumed)
		return false;
	char *rp = realpath(o->host, NULL);
	if (!rp)
		return false;
	size_t n = strlen(sr);
	bool out = strncmp(rp, sr, n) || (rp[n] != '/' && rp[n] != '\0');
	free(rp);
	return out;
}

static bool names_origin(const char *p)
{
	return strstr(p, "$ORIGIN") || strstr(p, "${ORIGIN}");
}

/* dirs: RPATH/RUNPATH entries of `from` ($ORIGIN is its directory), or
 * plain directories when from is NULL. */
static struct ld_obj *try_dirs(struct search *s, const char *const *dirs, size_t n,
			       const struct ld_obj *from, const char *rule)
{
	const char *origin = from ? dirname_of(s->L->ra, from->name) : NULL;
	bool from_outside = from && outside_sysroot(s->L, from);
	for (size_t i = 0; i < n && !s->fatal; i++) {
		const char *dir = origin ? expand_dst(s->L, dirs[i], origin) : dirs[i];
		if (!dir)
			continue;
		const char *path = arena_printf(s->L->ra, "%s%s%s", dir,
						dir[0] && dir[strlen(dir) - 1] == '/' ? "" : "/", s->d->name);
		struct ld_obj *o = try_path(s, path, from_outside && names_origin(dirs[i]),
					    arena_printf(s->L->ra, "%s (%s)", rule, dirs[i]));
		if (o)
			return o;
	}
	return NULL;
}

static bool has_runpath(const struct ld_obj *o)
{
	return o && o->bin && o->bin->runpaths.n > 0;
}

/* The objects that loaded `o`, nearest first (glibc l_loader chain). */
struct chain { struct ld_obj *v[64]; size_t n; };

static struct ld_obj *already_loaded(struct loader *L, struct objvec *loaded, const char *name)
{
	for (size_t i = 0; i < loaded->n; i++) {
		struct ld_obj *o = loaded->v[i];
		if ((o->soname && !strcmp(o->soname, name)) || !strcmp(o->name, name))
			return o;
		for (size_t k = 0; k < o->aliases.n; k++)
			if (!strcmp(o->aliases.v[k], name))
				return o;
	}
	(void)L;
	return NULL;
}

/*
 * Resolves one DT_NEEDED name for `from`, whose loader chain is `ch`.
 * Returns the object, or NULL; d->rule / d->tried say how.
 */
static struct ld_obj *resolve_needed(struct loader *L, struct ld_dep *d, const struct chain *ch,
				     struct search *s)
{
	const char *name = d->name;
	s->L = L;
	s->d = d;
	if (strchr(name, '/')) {
		const char *p = expand_dst(L, name, dirname_of(L->ra, d->from->name));
		return p ? try_path(s, p, names_origin(name) && outside_sysroot(L, d->from), "path named in DT_NEEDED") : NULL;
	}
	if (is_musl(L) && musl_builtin(name)) {
		d->rule = "musl's own libc (ldso/dynlink.c treats this name as libc)";
		return assumed_obj(L, name);
	}
	if (!L->env->known) {
		/* Foreign platform, no sysroot: only the project can be looked at. */
		struct ld_obj *o = NULL;
		for (size_t c = 0; c < ch->n && !o; c++) {
			struct ld_obj *r = ch->v[c];
			if (!r->bin)
				continue;
			if (r->bin->runpaths.n && c == 0)
				o = try_dirs(s, r->bin->runpaths.v, r->bin->runpaths.n, r, "RUNPATH");
			else if (!r->bin->runpaths.n)
				o = try_dirs(s, r->bin->rpaths.v, r->bin->rpaths.n, r, "RPATH");
		}
		if (o || s->fatal)
			return o;
		if (base_system_lib(L, name)) {
			d->rule = "base system library of the target (assumed present, not read)";
			return assumed_obj(L, name);
		}
		if (is_musl(L) && (!strncmp(name, "ld-linux", 8) || !strncmp(name, "ld64.so.", 8))) {
			/* loader-facts 6.3: musl maps libc.so.6 & co. onto itself but
			 * not glibc's loader; only Alpine's gcompat package adds one */
			d->rule = "glibc's dynamic loader: a musl system has none (unless the gcompat package is installed)";
			return NULL;
		}
		d->rule = "unknown: not in the project, not a base system library, and no --sysroot to look in";
		return NULL;
	}
	struct ld_obj *o = NULL;
	const char *lp_rule = "LD_LIBRARY_PATH";
	if (is_musl(L)) {
		/* musl: LD_LIBRARY_PATH, then the rpath chain (RUNPATH wins over RPATH
		 * in one object), then the system path. */
		o = try_dirs(s, L->env->ld_library_path.v, L->env->ld_library_path.n, NULL, lp_rule);
		for (size_t c = 0; c < ch->n && !o && !s->fatal; c++) {
			struct ld_obj *r = ch->v[c];
			if (!r->bin)
				continue;
			if (r->bin->runpaths.n)
				o = try_dirs(s, r->bin->runpaths.v, r->bin->runpaths.n, r, "RUNPATH");
			else
				o = try_dirs(s, r->bin->rpaths.v, r->bin->rpaths.n, r, "RPATH");
		}
		if (!o && !s->fatal)
			o = try_dirs(s, L->env->default_dirs.v, L->env->default_dirs.n, NULL,
				     L->env->musl_path_file ? L->env->musl_path_file : "musl default path");
		return o;
	}
	/* glibc _dl_map_object: RPATHs only when the requester has no RUNPATH. */
	if (!has_runpath(ch->v[0])) {
		for (size_t c = 0; c < ch->n && !o && !s->fatal; c++) {
			struct ld_obj *r = ch->v[c];
			if (!r->bin || has_runpath(r))
				continue;
			o = try_dirs(s, r->bin->rpaths.v, r->bin->rpaths.n, r,
				     r == L->exe ? "RPATH of the node executable" : arena_printf(L->ra, "RPATH of %s", r->name));
		}
	}
	if (!o && !s->fatal)
		o = try_dirs(s, L->env->ld_library_path.v, L->env->ld_library_path.n, NULL, lp_rule);
	if (!o && !s->fatal && has_runpath(ch->v[0]))
		o = try_dirs(s, ch->v[0]->bin->runpaths.v, ch->v[0]->bin->runpaths.n,
			     ch->v[0], "RUNPATH");
	bool nodeflib = ch->v[0]->bin && ch->v[0]->bin->elf.nodeflib;
	if (!o && !s->fatal && L->env->cache.present) {
		const char *p = ldcache_lookup(&L->env->cache, name, L->t->arch);
		if (p)
			o = try_path(s, p, false, "ld.so.cache");
	}
	if (!o && !s->fatal && !nodeflib)
		o = try_dirs(s, L->env->default_dirs.v, L->env->default_dirs.n, NULL, "default directory");
	return o;
}

/* --- symbols ----------------------------------------------------------- */

static int cmp_str(const void *x, const void *y)
{
	return strcmp(*(const char *const *)x, *(const char *const *)y);
}

static void build_defs(struct loader *L, struct ld_obj *o)
{
	if (o->defs_built)
		return;
	o->defs_built = true;
	if (!o->bin)
		return;
	size_t n = 0;
	for (size_t i = 0; i < o->bin->syms.n; i++)
		if (o->bin->syms.v[i].defined && o->bin->syms.v[i].bind != SYM_LOCAL)
			n++;
	o->defs = arena_calloc(L->a, n ? n : 1, sizeof *o->defs);
	if (!o->defs)
		return;
	for (size_t i = 0; i < o->bin->syms.n; i++) {
		const struct bin_sym *s = &o->bin->syms.v[i];
		if (!s->defined || s->bind == SYM_LOCAL || !s->name)
			continue;
		/* "name@VER" for a versioned definition, "name@!VER" for a hidden one */
		o->defs[o->ndefs++] = s->version
			? arena_printf(L->a, "%s@%s%s", s->name, s->version_hidden ? "!" : "", s->version)
			: s->name;
	}
	qsort(o->defs, o->ndefs, sizeof *o->defs, cmp_str);
}

/* Lookup files open at once, at most: a scan may meet many libraries. */
#define MAX_LOOKUP_FILES 32

static void close_lookup_files(struct loader *L)
{
	for (size_t i = 0; i < L->objs.n; i++)
		if (L->objs.v[i]->lk_open) {
			rfile_close(&L->objs.v[i]->lk_rf);
			L->objs.v[i]->lk_open = false;
		}
	if (L->exe && L->exe->lk_open) {
		rfile_close(&L->exe->lk_rf);
		L->exe->lk_open = false;
	}
	L->lookup_files = 0;
}

void loader_close(struct loader *L)
{
	close_lookup_files(L);
}

/* The object's file, open for lookups by hash; false when it cannot be read. */
static bool lookup_file(struct loader *L, struct ld_obj *o)
{
	if (o->lk_open)
		return true;
	if (!o->host || (o->lk_tried && !o->lk_idx))
		return false;
	if (L->lookup_files >= MAX_LOOKUP_FILES)
		close_lookup_files(L);
	if (rfile_open(&o->lk_rf, o->host) != 0) {
		o->lk_tried = true;
		return false;
	}
	o->lk_open = true;
	L->lookup_files++;
	if (!o->lk_tried) {
		o->lk_tried = true;
		o->lk_idx = elf_symindex_load(&o->lk_rf, o->bin, L->a);
	}
	return o->lk_idx != NULL;
}

/* Does o define name (with version ver, or any default version if NULL)?
 * 1 yes, 0 no, -1 cannot tell. */
static int defines(struct loader *L, struct ld_obj *o, const char *name, const char *ver)
{
	if (o->bin->elf.symtab.deferred) {
		/* as ld.so does it: one probe of the object's hash table */
		if (!lookup_file(L, o))
			return -1;
		return elf_lookup(&o->lk_rf, o->bin, o->lk_idx, name, ver);
	}
	build_defs(L, o);
	size_t nl = strlen(name);
	size_t lo = 0, hi = o->ndefs;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (strcmp(o->defs[mid], name) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (size_t i = lo; i < o->ndefs && !strncmp(o->defs[i], name, nl); i++) {
		const char *d = o->defs[i];
		if (d[nl] == '\0')
			return 1; /* unversioned definition satisfies any reference */
		if (d[nl] != '@')
			continue;
		if (!ver)
			return d[nl + 1] != '!';
		const char *dv = d[nl + 1] == '!' ? d + nl + 2 : d + nl + 1;
		if (!strcmp(dv, ver))
			return 1;
	}
	return 0;
}

/*
 * musl's libc is never read (musl maps libc.so.6, libm.so.6, ... onto
 * itself, and a foreign target has no file to read): its exports come from
 * data/musl-libc-symbols.tsv.  1 exported, 0 not.
 */
static int musl_exports(struct loader *L, const char *name)
{
	if (!L->musl_built) {
		L->musl_built = true;
		const char *p = data_musl_libc_symbols_tsv, *end = p + data_musl_libc_symbols_tsv_len;
		size_t n = 0;
		for (const char *q = p; q < end; q++)
			n += *q == '\n';
		L->musl_names = arena_calloc(L->a, n + 1, sizeof *L->musl_names);
		while (L->musl_names && p < end) {
			const char *nl = memchr(p, '\n', (size_t)(end - p));
			size_t len = nl ? (size_t)(nl - p) : (size_t)(end - p);
			if (len && *p != '#' && L->nmusl < n + 1)
				L->musl_names[L->nmusl++] = arena_strndup(L->a, p, len);
			p += len + 1;
		}
	}
	size_t lo = 0, hi = L->nmusl;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = L->musl_names[mid] ? strcmp(L->musl_names[mid], name) : -1;
		if (c == 0)
			return 1;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}

/* A reference glibc's own libraries would answer: on musl nothing else
 * in the process (node, libstdc++, libgcc_s) defines such a name. */
/* A Node-API function Node.js or Electron does not define is a build for
 * a newer Node-API than the runtime has (data/napi-functions.tsv gives the
 * level that added it), whatever the mechanism of the failure. */
static bool node_or_electron(const struct loader *L)
{
	const struct target *t = L->t;
	return t && t->runtime && (!strcmp(t->runtime, "node") || !strcmp(t->runtime, "electron"));
}

/* A Node-API function (data/napi-functions.tsv; level 0 = experimental)
 * Node.js or Electron does not define: a build for a newer Node-API than
 * the runtime has, whatever the mechanism of the failure (explain reads
 * the same texts the same way). */
static bool napi_newer_than_runtime(const struct loader *L, const struct bin_sym *s)
{
	return node_or_electron(L) && s->name && napi_function_level(s->name) >= 0;
}

/* A V8 or node:: C++ API function the runtime does not define, from an
 * installed addon: compiled against another runtime's headers (V8's C++
 * API changes between majors).  An addon a project just built itself
 * (build/Release outside node_modules) keeps the plain reading, as in
 * explain. */
static const char *cxx_api_cause(const struct loader *L, const struct bin_sym *s, const char *addon_path)
{
	if (!node_or_electron(L) || !s->name)
		return NULL;
	if (!cxx_node_api_symbol(s->name))
		return NULL;
	if (addon_path && !strstr(addon_path, "node_modules") &&
	    (strstr(addon_path, "/build/Release/") || strstr(addon_path, "/build/Debug/")))
		return NULL;
	return !strcmp(L->t->runtime, "electron") ? "electron-abi-mismatch" : "abi-mismatch";
}

static bool glibc_versioned(const struct bin_sym *s)
{
	return s->version && !strncmp(s->version, "GLIBC_", 6);
}

static void musl_evidence(struct arena *a, struct ld_result *r, const struct bin_sym *s)
{
	ld_evidence(a, r, "%s@%s is a glibc name: musl's libc does not export it (data/musl-libc-symbols.tsv, "
		    "from musl 1.2.3), and on musl nothing else in the process defines glibc's names", s->name, s->version);
}

/* 1 found, 0 missing, -1 cannot tell (some object in scope was not read). */
static int lookup(struct loader *L, struct ld_obj **scope, size_t n, const struct bin_sym *s)
{
	bool unknown = false, musl_libc = false;
	for (size_t i = 0; i < n; i++) {
		if (!scope[i]->bin) {
			if (scope[i]->assumed && is_musl(L) && musl_builtin(scope[i]->name)) {
				/* musl ignores symbol versions: the name decides */
				if (musl_exports(L, s->name))
					return 1;
				musl_libc = true;
			}
			unknown = true;
			continue;
		}
		int got = defines(L, scope[i], s->name, s->version);
		if (got > 0)
			return 1;
		if (got < 0)
			unknown = true;
	}
	if (musl_libc && glibc_versioned(s))
		return 0;
	if (!L->exe) {
		/* the node executable was not read (a --target spec): a Node-API
		 * function is there when the release's level has it; anything else
		 * (V8, libuv, node::) cannot be checked. */
		int lvl = napi_function_level(s->name);
		if (lvl > 0)
			return L->t->napi >= 0 && lvl > L->t->napi ? 0 : 1;
		if (lvl == 0)
			return -1;
		unknown = true;
	}
	return unknown ? -1 : 0;
}

/* Indexes of b's symbols by first relocation (glibc), ties in table
 * order (a stable merge sort), or NULL: table order. */
static size_t *sym_order(struct arena *a, const struct binary *b, bool musl)
{
	size_t n = b->syms.n;
	if (musl || b->format != BIN_ELF || !n)
		return NULL;
	size_t *v = arena_calloc(a, n, sizeof *v), *t = arena_calloc(a, n, sizeof *t);
	if (!v || !t)
		return NULL;
	for (size_t i = 0; i < n; i++)
		v[i] = i;
	for (size_t w = 1; w < n; w *= 2) {
		for (size_t lo = 0; lo < n; lo += 2 * w) {
			size_t mid = lo + w < n ? lo + w : n, hi = lo + 2 * w < n ? lo + 2 * w : n;
			size_t i = lo, j = mid, k = lo;
			while (i < mid && j < hi)
				t[k++] = b->syms.v[v[j]].rel_order < b->syms.v[v[i]].rel_order ? v[j++] : v[i++];
			while (i < mid)
				t[k++] = v[i++];
			while (j < hi)
				t[k++] = v[j++];
		}
		size_t *sw = v;
		v = t;
		t = sw;
		if (w > n / 2)
			break;
	}
	return v;
}

/* --- the node process before any addon -------------------------------- */

static void load_closure(struct loader *L, struct ld_obj *root, struct objvec *list,
			 struct depvec *deps, bool stop_on_error, const char **fail);

int loader_init(struct loader *L, struct arena *a, const struct target *t, const struct sysenv *env)
{
	memset(L, 0, sizeof *L);
	L->a = a;
	L->ra = a; /* node's own closure is long-lived */
	L->t = t;
	L->env = env;
	const char *bn = getenv("LD_BIND_NOW");
	L->lazy_enabled = !(env->known && !env->sysroot && bn && *bn);
	if (strcmp(t->platform, "linux"))
		return 0;
	struct ld_obj *exe = NULL;
	if (t->node && t->node->bin) {
		exe = arena_alloc(a, sizeof *exe);
		if (!exe)
			return -1;
		/* the main program's $ORIGIN is the directory of /proc/self/exe,
		 * which the kernel gives canonical (glibc _dl_get_origin) */
		char *rp = realpath(t->node->bin->path, NULL);
		exe->name = rp ? arena_strdup(a, rp) : t->node->bin->path;
		free(rp);
		exe->host = t->node->bin->path;
		exe->bin = t->node->bin;
		exe->preloaded = true;
		L->exe = exe;
	} else {
		/* No executable read: official builds need these (REL-x DT_NEEDED). */
		exe = arena_alloc(a, sizeof *exe);
		struct binary *fake = binary_new(a, "node", 0);
		if (!exe || !fake)
			return -1;
		static const char *const needed[] = { "libdl.so.2", "libstdc++.so.6", "libm.so.6",
						      "libgcc_s.so.1", "libpthread.so.0", "libc.so.6" };
		for (size_t i = 0; i < sizeof needed / sizeof needed[0]; i++) {
			struct bin_lib *l = VEC_PUSH(a, &fake->libs);
			if (l)
				l->name = needed[i];
		}
		exe->name = "node";
		exe->bin = fake;
		exe->preloaded = true;
	}
	struct ld_obj **g = VEC_PUSH(a, &L->global);
	if (g)
		*g = exe;
	struct depvec deps = { 0 };
	const char *fail = NULL;
	load_closure(L, exe, &L->global, &deps, false, &fail);
	for (size_t i = 0; i < L->global.n; i++)
		L->global.v[i]->preloaded = true;
	if (L->exe == NULL)
		L->global.v[0]->bin = NULL; /* its exports are unknown */
	L->global_deps = deps;
	for (size_t i = 0; i < deps.n; i++) {
		const char **s = VEC_PUSH(a, &L->setup_notes);
		if (s)
			*s = deps.v[i]->obj
				? arena_printf(a, "node loads %s from %s", deps.v[i]->name, deps.v[i]->obj->name)
				: arena_printf(a, "node's %s was not found here", deps.v[i]->name);
	}
	return 0;
}

/*
 * Breadth-first DT_NEEDED walk from root (glibc _dl_map_object_deps): every
 * object's needs in order, then the next object's.  Appends new objects to
 * list; on the first failure sets *fail (the dlerror text) when stop_on_error.
 */
static void load_closure(struct loader *L, struct ld_obj *root, struct objvec *list,
			 struct depvec *deps, bool stop_on_error, const char **fail)
{
	/* parent links for the l_loader chain */
	struct ld_obj *parent[MAX_OBJS_PER_LOAD];
	size_t start = 0;
	for (size_t i = 0; i < list->n; i++)
		if (list->v[i] == root)
			start = i;
	for (size_t qi = start; qi < list->n && qi < MAX_OBJS_PER_LOAD; qi++) {
		struct ld_obj *o = list->v[qi];
		if (qi == start)
			parent[qi] = NULL;
		if (!o->bin || o->assumed)
			continue;
		struct chain ch = { .n = 0 };
		for (size_t k = qi; ch.n < 63;) {
			ch.v[ch.n++] = list->v[k];
			struct ld_obj *p = parent[k];
			if (!p)
				break;
			size_t pk = 0;
			while (pk < list->n && list->v[pk] != p)
				pk++;
			if (pk >= list->n || pk == k)
				break;
			k = pk;
		}
		if (L->exe && root != L->exe && ch.v[ch.n - 1] != L->exe && ch.n < 64)
			ch.v[ch.n++] = L->exe; /* the main program's RPATH comes last */
		for (size_t li = 0; li < o->bin->libs.n; li++) {
			const char *name = o->bin->libs.v[li].name;
			if (!name)
				continue;
			struct ld_dep *d = arena_alloc(L->ra, sizeof *d);
			if (!d)
				return;
			d->name = name;
			d->from = o;
			struct ld_dep **ds = VEC_PUSH(L->ra, deps);
			if (ds)
				*ds = d;
			struct ld_obj *got = already_loaded(L, &L->global, name);
			if (!got)
				got = already_loaded(L, list, name);
			if (got) {
				d->obj = got;
				d->rule = got->preloaded ? "already loaded by the node process" : "already loaded";
				continue;
			}
			struct search s = { 0 };
			got = resolve_needed(L, d, &ch, &s);
			if (!got) {
				if (s.fatal)
					d->fatal = arena_printf(L->ra, "%s: %s", s.fatal_path, s.fatal);
				if (stop_on_error && !*fail) {
					if (s.fatal)
						*fail = arena_printf(L->ra, "%s: %s", s.fatal_path, s.fatal);
					else if (is_musl(L))
						*fail = arena_printf(L->ra, "Error loading shared library %s: No such file or directory (needed by %s)",
								     name, o->name);
					else if (s.other_class)
						*fail = arena_printf(L->ra, "%s: wrong ELF class: %s", name,
								     arch_bits(L->t->arch) == 64 ? "ELFCLASS32" : "ELFCLASS64");
					else
						*fail = arena_printf(L->ra, "%s: cannot open shared object file: No such file or directory", name);
					return;
				}
				continue;
			}
			d->obj = got;
			/* the alias belongs to the cached object: keep each name once */
			bool known = (got->soname && !strcmp(got->soname, name)) || !strcmp(got->name, name);
			for (size_t k = 0; k < got->aliases.n && !known; k++)
				known = !strcmp(got->aliases.v[k], name);
			const char **al = known ? NULL : VEC_PUSH(L->a, &got->aliases);
			if (al)
				*al = arena_strdup(L->a, name);
			bool present = false;
			for (size_t k = 0; k < list->n; k++)
				present |= list->v[k] == got;
			if (!present && list->n < MAX_OBJS_PER_LOAD) {
				struct ld_obj **slot = VEC_PUSH(L->ra, list);
				if (slot) {
					*slot = got;
					parent[list->n - 1] = o;
				}
			}
		}
	}
}

/* --- one addon ---------------------------------------------------------- */

static void set(struct ld_result *r, const char *outcome, const char *cause, const char *error,
		const char *code)
{
	r->outcome = outcome;
	r->cause = cause;
	r->error = error;
	r->code = code;
}

/* The provider object of a version need: the object loaded for `file`. */
static struct ld_obj *provider_of(struct ld_obj **objs, size_t n, const char *file)
{
	if (!file)
		return NULL; /* the need's file name was unreadable: no provider to hold it to */
	for (size_t i = 0; i < n; i++) {
		struct ld_obj *o = objs[i];
		if ((o->soname && !strcmp(o->soname, file)) || !strcmp(o->name, file))
			return o;
		for (size_t k = 0; k < o->aliases.n; k++)
			if (!strcmp(o->aliases.v[k], file))
				return o;
	}
	return NULL;
}

/* "2.36" vs "2.4": numeric parts left to right (issue 17: the evidence
 * names the highest version a library defines). */
static int version_num_cmp(const char *x, const char *y)
{
	while (*x || *y) {
		unsigned long a = 0, b = 0;
		for (; *x >= '0' && *x <= '9'; x++)
			a = a < 100000000 ? a * 10 + (unsigned long)(*x - '0') : a;
		for (; *y >= '0' && *y <= '9'; y++)
			b = b < 100000000 ? b * 10 + (unsigned long)(*y - '0') : b;
		if (a != b)
			return a < b ? -1 : 1;
		if (*x && (*x < '0' || *x > '9'))
			x++;
		if (*y && (*y < '0' || *y > '9'))
			y++;
	}
	return 0;
}

/* Orders "GLIBCXX_3.4.31" after "GLIBCXX_3.4.9": same prefix, then the
 * dotted numbers.  0 when the prefixes differ (not comparable). */
static int version_cmp(const char *x, const char *y, bool *comparable)
{
	size_t px = strcspn(x, "0123456789"), py = strcspn(y, "0123456789");
	*comparable = px == py && !strncmp(x, y, px);
	if (!*comparable)
		return 0;
	x += px;
	y += py;
	while (*x || *y) {
		unsigned long a = strtoul(x, (char **)&x, 10), b = strtoul(y, (char **)&y, 10);
		if (a != b)
			return a < b ? -1 : 1;
		if (*x == '.') x++; else if (*x) return 0;
		if (*y == '.') y++; else if (*y) return 0;
	}
	return 0;
}

/*
 * A version need on a base library that was assumed, not read (a target
 * of another architecture without --sysroot).  The target runs the node
 * executable, so its library defines every version node itself needs from
 * that file: a need at or below the newest of those stands on that; a
 * newer one depends on the target system.  Returns the newest version
 * node needs that covers `want`, or NULL (with *best the newest it needs).
 */
static const char *covered_by_node(const struct loader *L, const char *file, const char *want, const char **best)
{
	*best = NULL;
	if (!L->exe)
		return NULL;
	for (size_t i = 0; i < L->global.n; i++) {
		const struct ld_obj *o = L->global.v[i];
		if (!o->bin)
			continue;
		for (size_t k = 0; k < o->bin->verneeds.n; k++) {
			const struct bin_verneed *vn = &o->bin->verneeds.v[k];
			bool cmp;
			if (!vn->file || !vn->name || strcmp(vn->file, file))
				continue;
			int c = version_cmp(want, vn->name, &cmp);
			if (!cmp)
				continue;
			if (!*best || (version_cmp(vn->name, *best, &cmp) > 0 && cmp))
				*best = vn->name;
			if (c <= 0)
				return vn->name;
		}
	}
	return NULL;
}

static const char *version_cause(const char *ver)
{
	if (!strncmp(ver, "GLIBC_", 6))
		return "glibc-too-old";
	if (!strncmp(ver, "GLIBCXX_", 8) || !strncmp(ver, "CXXABI_", 7))
		return "libstdcxx-too-old";
	return "library-too-old";
}

static void elf_predict(struct loader *L, const char *path, const char *real, struct ld_result *r)
{
	struct arena *a = L->ra;
	bool musl = is_musl(L);
	int bits = arch_bits(L->t->arch);
	struct rfile rf;
	int e = rfile_open(&rf, path);
	if (e) {
		set(r, "throws", e == EACCES ? "not-readable" : "not-found",
		    musl ? arena_printf(a, "Error loading shared library %s: %s", real, strerror(e))
			 : arena_printf(a, "%s: cannot open shared object file: %s", real, strerror(e)),
		    "ERR_DLOPEN_FAILED");
		return;
	}
	const char *text = NULL;
	enum hdr h = musl ? musl_header(&rf, bits, &text)
			  : glibc_header(&rf, L->t->arch, &text);
	const char *perr = NULL;
	if (binary_parse(&rf, a, path, &r->bin, &perr) != 0)
		r->bin = NULL;
	uint64_t fsize = rf.size; /* rfile_close clears rf */
	uint8_t magic[4] = {0};
	bool elf_magic = fsize >= 4 && rf_read(&rf, 0, magic, 4) && !memcmp(magic, "\177ELF", 4);
	rfile_close(&rf);
	struct binary *b = r->bin;
	if (h != HDR_OK) {
		const char *cause = "corrupt";
		if (b && b->format != BIN_ELF)
			cause = "wrong-os";
		else if (b && b->arch && strcmp(b->arch, L->t->arch))
			cause = "wrong-arch";
		/* an ELF cut inside its header (an interrupted download) is
		 * truncated; an empty file or one that is no binary at all (a
		 * text, HTML or Git LFS pointer saved as .node) is corrupt */
		else if (fsize > 0 && !b && elf_magic && text && !strcmp(text, "file too short"))
			cause = "truncated";
		/* an object file (.o) or core dump: whole, but not a shared object */
		else if (text && !strcmp(text, "only ET_DYN and ET_EXEC can be loaded"))
			cause = "not-an-addon";
		if (b && b->format == BIN_ELF && b->os && strcmp(b->os, "linux") && b->arch &&
		    !strcmp(b->arch, L->t->arch))
			cause = "wrong-os";
		if (h == HDR_WRONG_MACHINE) {
			text = "cannot open shared object file: No such file or directory";
			/* same machine, rejected by elf_machine_matches_host's e_flags rule */
			if (b && b->format == BIN_ELF && b->arch && !strcmp(b->arch, L->t->arch)) {
				cause = "wrong-arch";
				ld_evidence(a, r, "its ABI (%s) is not the one the target's glibc accepts for %s: the loader skips it as if it were for another machine",
					    b->arch_detail ? b->arch_detail : b->arch, L->t->arch);
			}
		}
		if (b)
			ld_evidence(a, r, "file is %s %s%s%s", b->format == BIN_ELF ? "ELF" : b->format == BIN_PE ? "PE" : b->format == BIN_MACHO || b->format == BIN_FAT ? "Mach-O" : "not an executable format",
				    b->os ? b->os : (b->arch ? "(OS unknown)" : ""), b->os && b->arch ? "-" : b->arch ? " " : "",
				    b->arch ? b->arch : "");
		ld_evidence(a, r, "the target process is linux-%s (ELF machine %u, %d-bit)", L->t->arch,
			    arch_machine(L->t->arch), bits);
		if (musl) {
			set(r, "throws", cause, arena_printf(a, "Error loading shared library %s: %s", real, text), "ERR_DLOPEN_FAILED");
		} else {
			set(r, "throws", cause, arena_printf(a, "%s: %s", real, text), "ERR_DLOPEN_FAILED");
		}
		return;
	}
	if (!b) {
		set(r, "unknown", "corrupt", NULL, NULL);
		ld_evidence(a, r, "the file passes the loader's header checks but cannot be read: %s", perr ? perr : "?");
		return;
	}
	if (musl && b->arch && strcmp(b->arch, L->t->arch)) {
		/* musl maps a foreign-machine object; what happens next depends on its
		 * relocations (loader-facts §6.1): no single prediction. */
		set(r, "unknown", "wrong-arch", NULL, NULL);
		ld_evidence(a, r, "file is for %s, target is %s: musl does not check e_machine, so the load fails later in an unpredictable way",
			    b->arch, L->t->arch);
		return;
	}
	/* _dl_map_object_from_fd: segment checks (4 KiB pages assumed) */
	if (!musl) {
		for (size_t i = 0; i < b->elf.loads.n; i++) {
			const struct bin_segment *s = &b->elf.loads.v[i];
			if (s->align & (s->align - 1)) {
				set(r, "throws", "corrupt", arena_printf(a, "%s: ELF load command alignment not power of 2", real), "ERR_DLOPEN_FAILED");
				return;
			}
			if (s->align > 1 && ((s->vaddr - s->offset) & (s->align - 1))) {
				set(r, "throws", "corrupt", arena_printf(a, "%s: ELF load command address/offset not page-aligned", real), "ERR_DLOPEN_FAILED");
				return;
			}
		}
		if (b->elf.loads.n == 0) {
			set(r, "throws", "corrupt", arena_printf(a, "%s: object file has no loadable segments", real), "ERR_DLOPEN_FAILED");
			return;
		}
		if (b->elf.type == 2) {
			set(r, "throws", "not-an-addon", arena_printf(a, "%s: cannot dynamically load executable", real), "ERR_DLOPEN_FAILED");
			ld_evidence(a, r, "e_type is ET_EXEC: a program linked at a fixed address, not a shared object");
			return;
		}
	}
	if (b->elf.load_end > b->file_size) {
		set(r, "crashes", "truncated", NULL, NULL);
		ld_evidence(a, r, "PT_LOAD segments end at byte %llu but the file has %llu bytes: "
			    "touching the missing pages raises SIGBUS (exit status 135)",
			    (unsigned long long)b->elf.load_end, (unsigned long long)b->file_size);
		return;
	}
	if (!musl) {
		if (!b->elf.has_dynamic) {
			set(r, "throws", "not-an-addon", arena_printf(a, "%s: object file has no dynamic section", real), "ERR_DLOPEN_FAILED");
			return;
		}
		if (b->elf.dt_flags_1 & 0x08000000) { /* DF_1_PIE, glibc >= 2.30 */
			set(r, "throws", "not-an-addon",
			    arena_printf(a, "%s: cannot dynamically load position-independent executable", real), "ERR_DLOPEN_FAILED");
			ld_evidence(a, r, "DT_FLAGS_1 has DF_1_PIE: a program, not a shared object");
			return;
		}
		if (b->elf.exec_stack) {
			const char *gv = L->env->glibc_version;
			int M = 0, m = 0;
			if (gv)
				sscanf(gv, "%d.%d", &M, &m);
			if (gv && (M > 2 || (M == 2 && m >= 41))) {
				set(r, "throws", "exec-stack",
				    arena_printf(a, "%s: cannot enable executable stack as shared object requires: Invalid argument", real),
				    "ERR_DLOPEN_FAILED");
				ld_evidence(a, r, "%s", L->env->glibc_version_why);
				ld_evidence(a, r, "%s", b->elf.gnu_stack ? "PT_GNU_STACK asks for an executable stack (RWE)" : "no PT_GNU_STACK: the loader assumes an executable stack");
				return;
			}
			ld_evidence(a, r, "wants an executable stack: loads on glibc < 2.41%s, refused from 2.41 on",
				    gv ? arena_printf(a, " (target has %s)", gv) : "");
		}
	}
	/* DT_NEEDED, breadth first */
	struct ld_obj *self = arena_alloc(a, sizeof *self);
	if (!self)
		return;
	self->name = real;
	self->host = path;
	self->bin = b;
	self->soname = b->elf.soname;
	struct objvec list = { 0 };
	struct ld_obj **sp = VEC_PUSH(a, &list);
	if (!sp)
		return;
	*sp = self;
	const char *fail = NULL;
	load_closure(L, self, &list, &r->deps, true, &fail);
	if (fail) {
		struct ld_dep *last = r->deps.n ? r->deps.v[r->deps.n - 1] : NULL;
		r->subject = last ? last->name : NULL;
		bool unknown = last && !L->env->known && last->rule && !strncmp(last->rule, "unknown", 7);
		if (unknown) {
			set(r, "unknown", "unknown", NULL, NULL);
			ld_evidence(a, r, "needs %s: not in the project and not part of the %s-%s%s%s base system; "
				    "cannot tell without --sysroot", last->name, L->t->platform, L->t->arch,
				    L->t->libc ? "-" : "", L->t->libc ? L->t->libc : "");
			return;
		}
		const char *cause = "missing-library";
		if (last && !strcmp(last->name, "libc.so") )
			cause = "wrong-libc";
		if (last && (!strncmp(last->name, "libc.musl-", 10) || !strncmp(last->name, "ld-linux", 8)))
			cause = "wrong-libc";
		set(r, "throws", cause, fail, "ERR_DLOPEN_FAILED");
		if (last) {
			ld_evidence(a, r, "%s needs %s", last->from->name, last->name);
			if (!last->tried.n && last->rule)
				ld_evidence(a, r, "%s: %s", last->name, last->rule);
			for (size_t i = 0; i < last->tried.n && i < 12; i++)
				ld_evidence(a, r, "tried %s", last->tried.v[i]);
		}
		return;
	}
	/* version needs (glibc dl-version.c), in load order */
	int covered = 0; /* needs on assumed libraries that node's own needs cover */
	if (!musl) {
		for (size_t i = 0; i < list.n; i++) {
			struct ld_obj *o = list.v[i];
			if (!o->bin || o->preloaded)
				continue;
			for (size_t k = 0; k < o->bin->verneeds.n; k++) {
				const struct bin_verneed *vn = &o->bin->verneeds.v[k];
				struct ld_obj *p = provider_of(L->global.v, L->global.n, vn->file);
				if (!p)
					p = provider_of(list.v, list.n, vn->file);
				if (p && !p->bin && p->assumed && !vn->weak && vn->name) {
					const char *best, *cov = covered_by_node(L, vn->file, vn->name, &best);
					if (cov) {
						covered++;
						continue;
					}
					r->subject = vn->name;
					r->subject2 = vn->file;
					set(r, "unknown", "unknown", NULL, NULL);
					ld_evidence(a, r, "%s needs %s from %s; the %s-%s base system is not known (no --sysroot), "
						    "so whether its %s defines %s cannot be told%s%s%s",
						    o->name, vn->name, vn->file, L->t->platform, L->t->arch, vn->file, vn->name,
						    best ? " (the node executable needs only up to " : "", best ? best : "", best ? ")" : "");
					ld_evidence(a, r, "give the target's root filesystem with --sysroot to check it");
					return;
				}
				if (!p || !p->bin || vn->weak)
					continue;
				bool found = false;
				for (size_t d = 0; d < p->bin->verdefs.n && !found; d++)
					found = !strcmp(p->bin->verdefs.v[d], vn->name);
				if (found)
					continue;
				r->subject = vn->name;
				r->subject2 = p->name;
				set(r, "throws", version_cause(vn->name),
				    arena_printf(a, "%s: version `%s' not found (required by %s)", p->name, vn->name, o->name),
				    "ERR_DLOPEN_FAILED");
				ld_evidence(a, r, "%s needs %s from %s", o->name, vn->name, vn->file);
				/* the highest numbered version of that family (GLIBC_2.36),
				 * never GLIBC_PRIVATE, nor the last one in file order */
				const char *newest = NULL;
				size_t pre = strcspn(vn->name, "0123456789");
				for (size_t d = 0; d < p->bin->verdefs.n; d++) {
					const char *vd = p->bin->verdefs.v[d];
					if (!strncmp(vd, vn->name, pre) && vd[pre] >= '0' && vd[pre] <= '9' &&
					    (!newest || version_num_cmp(vd + pre, newest + pre) > 0))
						newest = vd;
				}
				if (newest)
					ld_evidence(a, r, "%s defines versions up to %s", p->name, newest);
				return;
			}
		}
	}
	if (covered)
		ld_evidence(a, r, "%d version need%s on base libraries not read (no --sysroot) %s at or below what the node executable "
			    "needs from the same libraries, so the target, which runs that node, defines %s",
			    covered, covered == 1 ? "" : "s", covered == 1 ? "is" : "are", covered == 1 ? "it" : "them");
	/* relocation: dependencies first (reverse load order) */
	struct ld_obj **scope = arena_calloc(a, L->global.n + list.n + 1, sizeof *scope);
	if (!scope)
		return;
	size_t ns = 0;
	for (size_t i = 0; i < L->global.n; i++)
		scope[ns++] = L->global.v[i];
	for (size_t i = 0; i < list.n; i++)
		scope[ns++] = list.v[i];
	const struct bin_sym *lazy_missing = NULL;
	struct ld_obj *lazy_obj = NULL;
	int unknown_syms = 0;
	for (size_t i = list.n; i-- > 0;) {
		struct ld_obj *o = list.v[i];
		if (!o->bin || o->preloaded)
			continue;
		bool now = o->bin->elf.bind_now || !L->lazy_enabled;
		/* glibc (elf/do-rel.h) walks DT_RELA/DT_REL in table order, then
		 * DT_JMPREL, and stops at the first lookup that fails: visit the
		 * symbols in the order of their first relocation.  (musl starts
		 * with DT_JMPREL; its deferrals make the symbol order matter less.) */
		size_t *ord = sym_order(a, o->bin, musl);
		for (size_t kk = 0; kk < o->bin->syms.n; kk++) {
			const struct bin_sym *s = &o->bin->syms.v[ord ? ord[kk] : kk];
			if (s->defined || s->weak_ref || s->bind == SYM_WEAK || s->when == SYM_WHEN_NA || !s->name)
				continue;
			int got = lookup(L, scope, ns, s);
			if (got == 1)
				continue;
			if (got < 0) {
				unknown_syms++;
				continue;
			}
			/* musl defers GOT slots too (prepare_lazy); glibc only PLT ones */
			bool deferred = !now && (s->when == SYM_WHEN_LAZY ||
						 (musl && !(s->refs & SYM_REF_OTHER) && (s->refs & SYM_REF_GOT)));
			if (deferred) {
				if (!lazy_missing || o == self) {
					if (!lazy_missing || lazy_obj != self) {
						lazy_missing = s;
						lazy_obj = o;
					}
				}
				continue;
			}
			r->subject = s->name;
			r->subject2 = o->name;
			if (musl)
				set(r, "throws", glibc_versioned(s) ? "wrong-libc" : napi_newer_than_runtime(L, s) ? "napi-too-new" : "undefined-symbol",
				    arena_printf(a, "Error relocating %s: %s: symbol not found", o->name, s->name),
				    "ERR_DLOPEN_FAILED");
			else
				set(r, "throws", napi_newer_than_runtime(L, s) ? "napi-too-new"
						 : cxx_api_cause(L, s, r->real) ? cxx_api_cause(L, s, r->real) : "undefined-symbol",
				    arena_printf(a, "%s: undefined symbol: %s%s%s", o->name, s->name,
						 s->version ? ", version " : "", s->version ? s->version : ""),
				    "ERR_DLOPEN_FAILED");
			ld_evidence(a, r, "%s is used as %s, bound while dlopen() runs", s->name,
				    s->refs & SYM_REF_OTHER ? "data (a direct relocation)" : s->refs & SYM_REF_GOT ? "an address (GOT)" : "a function");
			/* the executable by its runtime's name: node, electron, bun, deno */
			ld_evidence(a, r, "no object in the process defines it (%s, %zu librar%s it loaded, %zu loaded with the addon)",
				    L->t && L->t->runtime ? L->t->runtime : "node", L->global.n - 1, L->global.n == 2 ? "y" : "ies", list.n - 1);
			if (o->bin->elf.bind_now)
				ld_evidence(a, r, "%s is linked with BIND_NOW (-z now): no symbol waits for its first call", o->name);
			if (musl && glibc_versioned(s))
				musl_evidence(a, r, s);
			return;
		}
	}
	if (unknown_syms)
		ld_evidence(a, r, "%d imported symbol%s could not be checked (node executable not read, or base libraries assumed)",
			    unknown_syms, unknown_syms == 1 ? "" : "s");
	set(r, "loads", NULL, NULL, NULL);
	if (lazy_missing) {
		/* What the missing lazy symbol does is decided after Node's own
		 * steps (verdict/nodesteps.c node_stage): only an addon Node
		 * accepts gets as far as calling it. */
		struct ld_after *af = &r->after;
		af->lazy = true;
		af->subject = lazy_missing->name;
		af->subject2 = lazy_obj->name;
		af->cause = musl && glibc_versioned(lazy_missing) ? "wrong-libc"
			    : napi_newer_than_runtime(L, lazy_missing) ? "napi-too-new"
			    : cxx_api_cause(L, lazy_missing, r->real) ? cxx_api_cause(L, lazy_missing, r->real) : "lazy-undefined-symbol";
		af->error = musl ? NULL
				 : arena_printf(a, "%s: symbol lookup error: %s: undefined symbol: %s%s%s", L->t->argv0,
						lazy_obj->name, lazy_missing->name,
						lazy_missing->version ? ", version " : "",
						lazy_missing->version ? lazy_missing->version : "");
		struct ld_result tmp;
		memset(&tmp, 0, sizeof tmp);
		ld_evidence(a, &tmp, "%s calls %s, which no loaded object defines: the call is bound lazily (RTLD_LAZY), "
			    "so require() succeeds and the process dies at the first call (%s)",
			    lazy_obj->name, lazy_missing->name, musl ? "SIGSEGV" : "exit status 127");
		if (musl && glibc_versioned(lazy_missing))
			musl_evidence(a, &tmp, lazy_missing);
		for (size_t i = 0; i < tmp.evidence.n; i++) {
			const char **ev = VEC_PUSH(a, &af->evidence);
			if (ev)
				*ev = tmp.evidence.v[i];
		}
	}
}

void loader_predict(struct loader *L, struct arena *ra, const char *path, struct ld_result *r)
{
	/* Everything about this one addon goes to ra (the caller may drop it
	 * afterwards); libraries read on the way stay cached in L->a. */
	L->ra = ra;
	struct arena *a = ra;
	memset(r, 0, sizeof *r);
	const char *real = path;
	char *rp = realpath(path, NULL);
	if (rp) {
		real = arena_strdup(a, rp);
		free(rp);
	}
	/* with a sysroot, a path inside it is shown as the target sees it */
	if (L->env->sysroot) {
		size_t n = strlen(L->env->sysroot);
		if (!strncmp(real, L->env->sysroot, n) && real[n] == '/')
			real += n;
	}
	r->real = real;
	if (!strcmp(L->t->platform, "darwin")) {
		darwin_predict(L, path, r);
		return;
	}
	if (!strcmp(L->t->platform, "win32")) {
		win32_predict(L, path, r);
		return;
	}
	if (strcmp(L->t->platform, "linux")) {
		set(r, "unknown", "unknown", NULL, NULL);
		ld_evidence(a, r, "the %s loader is not modelled", L->t->platform);
		return;
	}
	elf_predict(L, path, real, r);
	if (is_musl(L) || !L->env->known)
		r->by_reasoning = true;
}
