/*
 * fuzz_addon.h - a small fixed x86-64 Node-API addon, synthesized, for the
 * fuzz targets whose fuzzed bytes are something the addon loads against (a
 * library it needs, the node executable).  It defines
 * napi_register_module_v1, needs libc.so.6 (and `dep` when given, found
 * through DT_RUNPATH $ORIGIN), and imports each of `imp`: a GLOB_DAT
 * (bound at load time) or JUMP_SLOT (lazy) relocation, with a version
 * from `dep` when one is given - so the loader resolves the dependency,
 * checks its version definitions and looks the names up by hash.
 */
#ifndef FUZZ_ADDON_H
#define FUZZ_ADDON_H

#include <stdint.h>
#include <stdio.h>
#include <string.h>

struct fuzz_import {
	const char *name;
	const char *version; /* from dep, or NULL */
	int lazy;            /* JUMP_SLOT, else GLOB_DAT */
};

struct fuzz_img {
	uint8_t d[4096];
	size_t n;
};

static void fa_put(struct fuzz_img *im, size_t off, uint64_t v, int bytes)
{
	for (int i = 0; i < bytes; i++)
		im->d[off + (size_t)i] = (uint8_t)(v >> (8 * i));
	if (off + (size_t)bytes > im->n)
		im->n = off + (size_t)bytes;
}

static uint32_t fa_str(struct fuzz_img *im, size_t str, size_t *used, const char *s)
{
	uint32_t at = (uint32_t)*used;
	memcpy(im->d + str + at, s, strlen(s) + 1);
	*used += strlen(s) + 1;
	return at;
}

static uint32_t fa_sysv_hash(const char *s)
{
	uint32_t h = 0;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		h = (h << 4) + *p;
		uint32_t g = h & 0xf0000000u;
		h ^= g >> 24;
		h &= ~g;
	}
	return h;
}

/* Writes the addon to path; 0 on success. */
static int fuzz_write_addon(const char *path, const char *dep, const struct fuzz_import *imp, int nimp)
{
	static struct fuzz_img im;
	memset(&im, 0, sizeof im);
	enum { PH = 0x40, DYN = 0x100, STR = 0x300, STRMAX = 0x200, TAB = 0x500, GOT = 0xf00 };
	if (nimp > 16)
		return -1;
	size_t used = 1;
	uint32_t s_libc = fa_str(&im, STR, &used, "libc.so.6");
	uint32_t s_dep = dep ? fa_str(&im, STR, &used, dep) : 0;
	uint32_t s_origin = fa_str(&im, STR, &used, "$ORIGIN");
	uint32_t s_ver = 0;
	const char *ver = NULL;
	uint32_t s_imp[16];
	for (int i = 0; i < nimp; i++) {
		s_imp[i] = fa_str(&im, STR, &used, imp[i].name);
		if (imp[i].version && !ver) {
			ver = imp[i].version;
			s_ver = fa_str(&im, STR, &used, ver);
		}
	}
	uint32_t s_reg = fa_str(&im, STR, &used, "napi_register_module_v1");
	if (used > STRMAX)
		return -1;
	uint32_t nsyms = (uint32_t)nimp + 2; /* null, imports, the register function */
	size_t hash = TAB, sym = hash + 8 + 4 + 4 * (size_t)nsyms;
	sym = (sym + 7) & ~(size_t)7;
	size_t versym = sym + 24 * (size_t)nsyms;
	size_t verneed = (versym + 2 * (size_t)nsyms + 7) & ~(size_t)7;
	size_t rela = verneed + 32, nrela = 0, njmp = 0;
	for (int i = 0; i < nimp; i++)
		nrela += !imp[i].lazy;
	size_t jmprel = rela + 24 * nrela;
	size_t end = jmprel + 24 * ((size_t)nimp - nrela);
	if (end > GOT)
		return -1;
	/* header and program headers: LOAD (RWX over the image), DYNAMIC, GNU_STACK (RW) */
	memcpy(im.d, "\177ELF\2\1\1\3", 8);
	fa_put(&im, 16, 3, 2);
	fa_put(&im, 18, 62, 2);
	fa_put(&im, 20, 1, 4);
	fa_put(&im, 32, PH, 8);
	fa_put(&im, 52, 64, 2);
	fa_put(&im, 54, 56, 2);
	fa_put(&im, 56, 3, 2);
	fa_put(&im, 58, 64, 2);
	size_t total = GOT + 0x100;
	fa_put(&im, PH, 1, 4);
	fa_put(&im, PH + 4, 7, 4);
	fa_put(&im, PH + 32, total, 8);
	fa_put(&im, PH + 40, total, 8);
	fa_put(&im, PH + 48, 0x1000, 8);
	fa_put(&im, PH + 56, 2, 4);
	fa_put(&im, PH + 60, 6, 4);
	fa_put(&im, PH + 64, DYN, 8);
	fa_put(&im, PH + 72, DYN, 8);
	fa_put(&im, PH + 80, DYN, 8);
	fa_put(&im, PH + 88, STR - DYN, 8);
	fa_put(&im, PH + 96, STR - DYN, 8);
	fa_put(&im, PH + 104, 8, 8);
	fa_put(&im, PH + 112, 0x6474e551u, 4);
	fa_put(&im, PH + 116, 6, 4);
	/* dynamic section */
	size_t di = 0;
#define FA_DYN(tag, val) (fa_put(&im, DYN + 16 * di, (tag), 8), fa_put(&im, DYN + 16 * di + 8, (val), 8), di++)
	FA_DYN(1, s_libc);
	if (dep) {
		FA_DYN(1, s_dep);
		FA_DYN(29, s_origin);
	}
	FA_DYN(5, STR);
	FA_DYN(10, used);
	FA_DYN(6, sym);
	FA_DYN(11, 24);
	FA_DYN(4, hash);
	FA_DYN(0x6ffffff0u, versym);
	if (ver) {
		FA_DYN(0x6ffffffeu, verneed);
		FA_DYN(0x6fffffffu, 1);
	}
	if (nrela) {
		FA_DYN(7, rela);
		FA_DYN(8, 24 * nrela);
		FA_DYN(9, 24);
	}
	if ((size_t)nimp > nrela) {
		FA_DYN(23, jmprel);
		FA_DYN(2, 24 * ((size_t)nimp - nrela));
		FA_DYN(20, 7);
	}
	FA_DYN(0, 0);
#undef FA_DYN
	/* DT_HASH: one bucket, every symbol on its chain */
	fa_put(&im, hash, 1, 4);
	fa_put(&im, hash + 4, nsyms, 4);
	fa_put(&im, hash + 8, nsyms - 1, 4);
	for (uint32_t i = 1; i < nsyms; i++)
		fa_put(&im, hash + 12 + 4 * (size_t)i, i - 1, 4);
	/* symbols, versions, relocations */
	for (int i = 0; i < nimp; i++) {
		size_t s = sym + 24 * (size_t)(i + 1);
		fa_put(&im, s, s_imp[i], 4);
		fa_put(&im, s + 4, 0x12, 1); /* GLOBAL FUNC, undefined */
		fa_put(&im, versym + 2 * (size_t)(i + 1), imp[i].version ? 2 : 1, 2);
		size_t r = imp[i].lazy ? jmprel + 24 * njmp++ : rela + 24 * (size_t)(i - (int)njmp);
		fa_put(&im, r, GOT + 8 * (size_t)i, 8);
		fa_put(&im, r + 8, (uint64_t)(i + 1) << 32 | (imp[i].lazy ? 7 : 6), 8);
	}
	size_t sr = sym + 24 * (size_t)(nsyms - 1);
	fa_put(&im, sr, s_reg, 4);
	fa_put(&im, sr + 4, 0x12, 1);
	fa_put(&im, sr + 6, 7, 2); /* defined in some section */
	fa_put(&im, sr + 8, TAB, 8);
	fa_put(&im, versym + 2 * (size_t)(nsyms - 1), 1, 2);
	if (ver) {
		fa_put(&im, verneed, 1, 2);
		fa_put(&im, verneed + 2, 1, 2);
		fa_put(&im, verneed + 4, s_dep, 4);
		fa_put(&im, verneed + 8, 16, 4);
		fa_put(&im, verneed + 16, fa_sysv_hash(ver), 4);
		fa_put(&im, verneed + 22, 2, 2);
		fa_put(&im, verneed + 24, s_ver, 4);
	}
	im.n = total;
	FILE *f = fopen(path, "wb");
	if (!f)
		return -1;
	int ok = fwrite(im.d, 1, im.n, f) == im.n;
	return fclose(f) == 0 && ok ? 0 : -1;
}

#endif
