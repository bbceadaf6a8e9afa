/*
 * addon.c - what makes a shared object a Node addon, read from its symbols.
 *
 * Node finds an addon's init function in this order (src/node_binding.cc,
 * DLOpen): a node_module registered by a static constructor during dlopen
 * (legacy NODE_MODULE, and old NAPI_MODULE through napi_module_register),
 * then an exported node_register_module_v<NODE_MODULE_VERSION>, then an
 * exported napi_register_module_v1.  The kind we report follows the same
 * precedence, so the loader simulation can replay Node's decision.
 *
 * The Node-API level table is data/napi-functions.tsv, embedded at build
 * time; it is scanned linearly, only for names with a Node-API prefix.
 */
#include "parse.h"

#include <stdlib.h>
#include <string.h>

#include "data.h"

bool cxx_node_api_symbol(const char *name)
{
	return name && (!strncmp(name, "_ZN2v8", 6) || !strncmp(name, "_ZNK2v8", 7) || !strncmp(name, "_ZN4node", 8) ||
			!strncmp(name, "_ZNK4node", 9));
}

int napi_function_level(const char *name)
{
	if (strncmp(name, "napi_", 5) != 0 && strncmp(name, "node_api_", 9) != 0)
		return -1;
	size_t nlen = strlen(name);
	const char *p = data_napi_functions_tsv;
	const char *end = p + data_napi_functions_tsv_len;
	while (p < end) {
		const char *eol = memchr(p, '\n', (size_t)(end - p));
		if (!eol)
			eol = end;
		if (*p != '#') {
			const char *tab = memchr(p, '\t', (size_t)(eol - p));
			if (tab && (size_t)(tab - p) == nlen && memcmp(p, name, nlen) == 0)
				return atoi(tab + 1);
		}
		p = eol + 1;
	}
	return -1;
}

static uint32_t rd32(const uint8_t *p, enum bin_endian e)
{
	return e == BIN_LITTLE ? (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24
			       : (uint32_t)p[3] | (uint32_t)p[2] << 8 | (uint32_t)p[1] << 16 | (uint32_t)p[0] << 24;
}

static uint16_t rd16(const uint8_t *p, enum bin_endian e)
{
	return e == BIN_LITTLE ? (uint16_t)(p[0] | p[1] << 8) : (uint16_t)(p[1] | p[0] << 8);
}

/* ARM (A32) modified immediate: imm8 rotated right by twice rot4. */
static uint32_t arm_imm12(uint32_t imm12)
{
	uint32_t v = imm12 & 0xff, rot = ((imm12 >> 8) & 0xf) * 2;
	return rot ? (v >> rot | v << (32 - rot)) : v;
}

/* Thumb-2 modified immediate i:imm3:imm8 (ThumbExpandImm, ARM ARM A6.3.2). */
static uint32_t thumb_imm12(uint32_t imm12)
{
	uint32_t b = imm12 & 0xff;
	if (!(imm12 & 0xc00)) {
		switch ((imm12 >> 8) & 3) {
		case 0: return b;
		case 1: return b << 16 | b;
		case 2: return b << 24 | b << 8;
		default: return b << 24 | b << 16 | b << 8 | b;
		}
	}
	uint32_t v = 0x80 | (imm12 & 0x7f), rot = (imm12 >> 7) & 0x1f;
	return v >> rot | v << (32 - rot);
}

/* A32 frame bookkeeping with a frame pointer (fp), r0 untouched:
 * str fp,[sp,#-4]!; add fp,sp,#0; sub sp,fp,#0; ldr fp,[sp],#4. */
static bool a32_frame(uint32_t ins)
{
	return ins == 0xe52db004 || ins == 0xe28db000 || ins == 0xe24bd000 || ins == 0xe49db004;
}

/* A32: mov/mvn/movw (+movt) r0, then bx lr or mov pc, lr (or pop {fp, pc}),
 * with gcc's frame-pointer bookkeeping around it. */
static bool decode_a32(const uint8_t *code0, size_t n0, enum bin_endian e, int64_t *value)
{
	size_t skip = 0;
	while (n0 >= skip + 4 && a32_frame(rd32(code0 + skip, e)))
		skip += 4;
	const uint8_t *code = code0 + skip;
	size_t n = n0 - skip;
	if (n < 8)
		return false;
	uint32_t ins = rd32(code, e), v;
	size_t next = 4;
	if ((ins & 0xfffff000) == 0xe3a00000)            /* mov r0, #imm */
		v = arm_imm12(ins & 0xfff);
	else if ((ins & 0xfffff000) == 0xe3e00000)       /* mvn r0, #imm */
		v = ~arm_imm12(ins & 0xfff);
	else if ((ins & 0xfff0f000) == 0xe3000000) {     /* movw r0, #imm16 */
		v = (ins >> 4 & 0xf000) | (ins & 0xfff);
		uint32_t k = rd32(code + 4, e);
		if ((k & 0xfff0f000) == 0xe3400000) {    /* movt r0, #imm16 */
			v |= ((k >> 4 & 0xf000) | (k & 0xfff)) << 16;
			next = 8;
		}
	} else
		return false;
	while (n >= next + 4 && a32_frame(rd32(code + next, e)))
		next += 4;
	if (n < next + 4)
		return false;
	uint32_t ret = rd32(code + next, e);
	if (ret != 0xe12fff1e && ret != 0xe1a0f00e && ret != 0xe8bd8800)
		return false;
	*value = (int32_t)v;
	return true;
}

/* Thumb frame bookkeeping gcc keeps with a frame pointer (r7), which
 * leaves r0 alone: its length, or 0. */
static size_t t32_frame(const uint8_t *c, size_t n, enum bin_endian e)
{
	if (n < 2)
		return 0;
	uint16_t h = rd16(c, e);
	if (h == 0xb480 || h == 0xb580 || h == 0xaf00 || h == 0x46bd || h == 0xbc80)
		return 2; /* push {r7}/{r7,lr}; add r7,sp,#0; mov sp,r7; pop {r7} */
	if (n >= 4 && h == 0xf85d && rd16(c + 2, e) == 0x7b04)
		return 4; /* ldr r7, [sp], #4 */
	return 0;
}

/* Thumb: movs r0,#imm8 | mov.w/mvn.w r0,#const | movw (+movt) r0, then bx
 * lr or pop {r7, pc}, with gcc's frame-pointer bookkeeping around it. */
static bool decode_t32(const uint8_t *code, size_t n, enum bin_endian e, int64_t *value)
{
	size_t i = 0, k;
	while ((k = t32_frame(code + i, n - i, e)) != 0)
		i += k;
	if (n < i + 4)
		return false;
	const uint8_t *c = code + i;
	size_t left = n - i;
	uint16_t h1 = rd16(c, e);
	uint32_t v;
	size_t next;
	if ((h1 & 0xff00) == 0x2000) {                   /* movs r0, #imm8 */
		v = h1 & 0xff;
		next = 2;
	} else {
		if (left < 6)
			return false;
		uint16_t h2 = rd16(c + 2, e);
		if ((h2 & 0x8f00) != 0)                  /* Rd = r0, bit 15 clear */
			return false;
		uint32_t i12 = (uint32_t)(h1 >> 10 & 1) << 11 | (uint32_t)(h2 >> 12 & 7) << 8 | (h2 & 0xff);
		next = 4;
		if ((h1 & 0xfbef) == 0xf04f)             /* mov(s).w r0, #const */
			v = thumb_imm12(i12);
		else if ((h1 & 0xfbef) == 0xf06f)        /* mvn(s).w r0, #const */
			v = ~thumb_imm12(i12);
		else if ((h1 & 0xfbf0) == 0xf240) {      /* movw r0, #imm16 */
			v = (uint32_t)(h1 & 0xf) << 12 | i12;
			if (left >= 10) {
				uint16_t k1 = rd16(c + 4, e), k2 = rd16(c + 6, e);
				if ((k1 & 0xfbf0) == 0xf2c0 && (k2 & 0x8f00) == 0) { /* movt r0 */
					uint32_t hi = (uint32_t)(k1 & 0xf) << 12 | (uint32_t)(k1 >> 10 & 1) << 11 |
						      (uint32_t)(k2 >> 12 & 7) << 8 | (k2 & 0xff);
					v |= hi << 16;
					next = 8;
				}
			}
		} else
			return false;
	}
	while ((k = t32_frame(c + next, left - next, e)) != 0)
		next += k;
	if (left < next + 2)
		return false;
	uint16_t ret = rd16(c + next, e);
	if (ret != 0x4770 && ret != 0xbd80) /* bx lr; pop {r7, pc} */
		return false;
	*value = (int32_t)v;
	return true;
}

/* ppc64 ELFv2: [addis r2,r12 / addi r2,r2 (global entry)] li r3 | lis r3 [+ ori r3,r3], blr. */
static bool decode_ppc64(const uint8_t *code, size_t n, enum bin_endian e, int64_t *value)
{
	size_t i = 0;
	if (n >= 8 && (rd32(code, e) & 0xffff0000) == 0x3c4c0000 && (rd32(code + 4, e) & 0xffff0000) == 0x38420000)
		i = 8;
	if (n < i + 8)
		return false;
	uint32_t ins = rd32(code + i, e);
	int64_t v;
	i += 4;
	if ((ins & 0xffff0000) == 0x38600000)            /* li r3, simm16 */
		v = (int16_t)(ins & 0xffff);
	else if ((ins & 0xffff0000) == 0x3c600000) {     /* lis r3, simm16 */
		v = (int32_t)((ins & 0xffff) << 16);
		uint32_t k = rd32(code + i, e);
		if ((k & 0xffff0000) == 0x60630000) {    /* ori r3, r3, uimm16 */
			v |= k & 0xffff;
			i += 4;
		}
	} else
		return false;
	if (n < i + 4 || rd32(code + i, e) != 0x4e800020) /* blr */
		return false;
	*value = (int32_t)v;
	return true;
}

/* s390x frame-pointer bookkeeping gcc emits (%r11), leaving %r2 alone:
 * ldgr %f0,%r11; lgr %r11,%r15; lgdr %r11,%f0; stmg/lmg of %r3 and up. */
static size_t s390x_frame(const uint8_t *c, size_t n)
{
	if (n >= 4 && ((c[0] == 0xb3 && c[1] == 0xc1 && c[2] == 0 && c[3] == 0x0b) ||
		       (c[0] == 0xb9 && c[1] == 0x04 && c[2] == 0 && c[3] == 0xbf) ||
		       (c[0] == 0xb3 && c[1] == 0xcd && c[2] == 0 && c[3] == 0xb0)))
		return 4;
	if (n >= 6 && c[0] == 0xeb && (c[5] == 0x24 || c[5] == 0x04) && (c[1] >> 4) > 2 &&
	    (c[1] & 0xf) >= (c[1] >> 4))
		return 6;
	return 0;
}

/* s390x (big-endian): lghi / lhi / lgfi / iilf / llilf %r2, then br %r14. */
static bool decode_s390x(const uint8_t *c0, size_t n0, int64_t *value)
{
	int64_t v;
	size_t i, k, skip = 0;
	while ((k = s390x_frame(c0 + skip, n0 - skip)) != 0)
		skip += k;
	const uint8_t *c = c0 + skip;
	size_t n = n0 - skip;
	if (n >= 4 && c[0] == 0xa7 && (c[1] == 0x29 || c[1] == 0x28)) {  /* lghi / lhi %r2 */
		v = (int16_t)(c[2] << 8 | c[3]);
		i = 4;
	} else if (n >= 6 && c[0] == 0xc0 && (c[1] == 0x21 || c[1] == 0x29 || c[1] == 0x2f)) {
		uint32_t w = (uint32_t)c[2] << 24 | (uint32_t)c[3] << 16 | (uint32_t)c[4] << 8 | c[5];
		v = c[1] == 0x21 ? (int64_t)(int32_t)w : (int64_t)w; /* lgfi | iilf, llilf */
		i = 6;
	} else
		return false;
	while ((k = s390x_frame(c + i, n - i)) != 0)
		i += k;
	if (n < i + 2 || c[i] != 0x07 || c[i + 1] != 0xfe)
		return false;
	*value = (int32_t)v;
	return true;
}

/* riscv64: c.li a0 | addi(w) a0,zero | lui a0 [+ addi(w) a0,a0 | c.addiw a0], then ret / c.ret. */
static bool decode_riscv64(const uint8_t *c, size_t n, int64_t *value)
{
	size_t i = 0;
	int64_t v;
	if (n < 4)
		return false;
	uint16_t h = rd16(c, BIN_LITTLE);
	if ((h & 0xef83) == 0x4501) {                    /* c.li a0, imm6 */
		v = (h >> 2 & 0x1f) | (h & 0x1000 ? -32 : 0);
		i = 2;
	} else if (n >= 6) {
		uint32_t ins = rd32(c, BIN_LITTLE);
		i = 4;
		if ((ins & 0x000fffff) == 0x00000513 || (ins & 0x000fffff) == 0x0000051b) /* addi(w) a0, zero */
			v = (int32_t)ins >> 20;
		else if ((ins & 0xfff) == 0x537) {        /* lui a0, imm20 */
			v = (int32_t)(ins & 0xfffff000);
			uint16_t k = rd16(c + 4, BIN_LITTLE);
			uint32_t k32 = n >= 8 ? rd32(c + 4, BIN_LITTLE) : 0;
			if ((k & 0xef83) == 0x2501) {     /* c.addiw a0, imm6 */
				v = (int32_t)(v + ((k >> 2 & 0x1f) | (k & 0x1000 ? -32 : 0)));
				i = 6;
			} else if ((k32 & 0x000fffff) == 0x0005051b || (k32 & 0x000fffff) == 0x00050513) {
				v = (int32_t)(v + ((int32_t)k32 >> 20));
				i = 8;
			}
		} else
			return false;
	} else
		return false;
	if (n >= i + 2 && rd16(c + i, BIN_LITTLE) == 0x8082) { /* c.ret */
		*value = (int32_t)v;
		return true;
	}
	if (n >= i + 4 && rd32(c + i, BIN_LITTLE) == 0x00008067) { /* ret */
		*value = (int32_t)v;
		return true;
	}
	return false;
}

/* loong64: ori / addi.w / addi.d $a0,$zero | lu12i.w $a0 [+ ori $a0,$a0], then jirl $zero,$ra,0. */
static bool decode_loong64(const uint8_t *c, size_t n, int64_t *value)
{
	if (n < 8)
		return false;
	uint32_t ins = rd32(c, BIN_LITTLE);
	size_t i = 4;
	int64_t v;
	if ((ins & 0xffc003ff) == 0x03800004)            /* ori $a0, $zero, ui12 */
		v = ins >> 10 & 0xfff;
	else if ((ins & 0xffc003ff) == 0x02800004 || (ins & 0xffc003ff) == 0x02c00004) /* addi.w/d */
		v = (int32_t)(ins << 10) >> 20;
	else if ((ins & 0xfe00001f) == 0x14000004) {     /* lu12i.w $a0, si20 */
		v = (int32_t)((ins >> 5 & 0xfffff) << 12);
		uint32_t k = rd32(c + 4, BIN_LITTLE);
		if ((k & 0xffc003ff) == 0x03800084) {     /* ori $a0, $a0, ui12 */
			v |= k >> 10 & 0xfff;
			i = 8;
		}
	} else
		return false;
	if (n < i + 4 || rd32(c + i, BIN_LITTLE) != 0x4c000020)
		return false;
	*value = (int32_t)v;
	return true;
}

bool addon_decode_const_return(const uint8_t *code, size_t n, const char *arch,
			       enum bin_endian e, int64_t *value)
{
	if (!arch)
		return false;
	if (!strcmp(arch, "x64") || !strcmp(arch, "ia32")) {
		size_t i = 0;
		bool frame = false;
		if (n >= 4 && code[0] == 0xf3 && code[1] == 0x0f && code[2] == 0x1e &&
		    (code[3] == 0xfa || code[3] == 0xfb))
			i = 4; /* endbr64 / endbr32 */
		if (!strcmp(arch, "x64") && n >= i + 4 && code[i] == 0x55 && code[i + 1] == 0x48 &&
		    code[i + 2] == 0x89 && code[i + 3] == 0xe5) {
			i += 4; /* push rbp; mov rbp,rsp (-O0) */
			frame = true;
		} else if (!strcmp(arch, "ia32") && n >= i + 3 && code[i] == 0x55 &&
			   code[i + 1] == 0x89 && code[i + 2] == 0xe5) {
			i += 3;
			frame = true;
		}
		int64_t v;
		if (n >= i + 5 && code[i] == 0xb8) { /* mov eax, imm32 */
			v = (int32_t)rd32(code + i + 1, BIN_LITTLE);
			i += 5;
		} else if (n >= i + 2 && code[i] == 0x31 && code[i + 1] == 0xc0) { /* xor eax,eax */
			v = 0;
			i += 2;
		} else {
			return false;
		}
		if (frame) {
			if (n < i + 1 || code[i] != 0x5d)
				return false; /* pop rbp */
			i++;
		}
		if (n < i + 1 || code[i] != 0xc3)
			return false;
		*value = v;
		return true;
	}
	if (!strcmp(arch, "arm64")) {
		size_t i = 0;
		/* bti c / paciasp may come first */
		while (n >= i + 4 && (rd32(code + i, e) == 0xd503245f || rd32(code + i, e) == 0xd503233f))
			i += 4;
		if (n < i + 8)
			return false;
		uint32_t ins = rd32(code + i, e);
		int64_t v;
		size_t next = i + 4;
		if ((ins & 0xffe0001f) == 0x52800000) {          /* movz w0, #imm16 */
			v = (ins >> 5) & 0xffff;
			uint32_t k = rd32(code + next, e);
			if ((k & 0xffe0001f) == 0x72a00000) {    /* movk w0, #imm16, lsl 16 */
				v |= (int64_t)((k >> 5) & 0xffff) << 16;
				v = (int32_t)(uint32_t)v;
				next += 4;
			}
		} else if ((ins & 0xffe0001f) == 0x12800000) {   /* movn w0, #imm16 */
			v = (int32_t)~(uint32_t)((ins >> 5) & 0xffff);
		} else if (ins == 0x32007be0) {                  /* mov w0, #0x7fffffff */
			v = 0x7fffffff;
		} else if (ins == 0x2a1f03e0) {                  /* mov w0, wzr */
			v = 0;
		} else {
			return false;
		}
		if (n < next + 4)
			return false;
		uint32_t ret = rd32(code + next, e);
		if (ret == 0xd50323bf && n >= next + 8) /* autiasp */
			ret = rd32(code + next + 4, e);
		if (ret != 0xd65f03c0)
			return false;
		*value = v;
		return true;
	}
	/* The other machines Node ships Linux builds for; "arm-thumb" is
	 * ARM code whose symbol has the Thumb bit set. */
	if (!strcmp(arch, "arm"))
		return decode_a32(code, n, e, value);
	if (!strcmp(arch, "arm-thumb"))
		return decode_t32(code, n, e, value);
	if (!strcmp(arch, "ppc64"))
		return decode_ppc64(code, n, e, value);
	if (!strcmp(arch, "s390x"))
		return decode_s390x(code, n, value);
	if (!strcmp(arch, "riscv64"))
		return decode_riscv64(code, n, value);
	if (!strcmp(arch, "loong64"))
		return decode_loong64(code, n, value);
	return false;
}

static bool parse_abi_suffix(const char *s, int *out)
{
	if (!*s)
		return false;
	long v = 0;
	for (; *s; s++) {
		if (*s < '0' || *s > '9' || v > 100000)
			return false;
		v = v * 10 + (*s - '0');
	}
	*out = (int)v;
	return true;
}

void addon_classify(struct arena *a, struct binary *b, bool strip_underscore)
{
	struct addon_facts *f = &b->addon;
	int best_level = -1;
	const char *best_sym = NULL;
	f->abi_export = -1;

	for (size_t i = 0; i < b->syms.n; i++) {
		const struct bin_sym *s = &b->syms.v[i];
		const char *name = s->name;
		if (!name)
			continue;
		if (strip_underscore) {
			if (name[0] != '_')
				continue;
			name++;
		}
		if (s->defined) {
			if (s->bind == SYM_LOCAL)
				continue;
			if (!strcmp(name, "napi_register_module_v1"))
				f->exports_napi_register = true;
			else if (!strcmp(name, "node_api_module_get_api_version_v1"))
				f->exports_napi_version = true;
			else if (!strncmp(name, "node_register_module_v", 22)) {
				int v;
				if (parse_abi_suffix(name + 22, &v) && f->abi_export < 0)
					f->abi_export = v;
			}
			continue;
		}
		if (!strcmp(name, "node_module_register")) {
			f->imports_node_module_register = true;
			continue;
		}
		if (!strcmp(name, "napi_module_register"))
			f->imports_napi_module_register = true;
		int lvl = napi_function_level(name);
		if (lvl >= 0)
			f->napi_imports++;
		if (lvl > best_level) {
			best_level = lvl;
			best_sym = s->name;
		}
	}
	f->napi_min = best_level > 0 ? best_level : (f->napi_imports ? 1 : -1);
	f->napi_min_sym = best_level > 0 ? best_sym : NULL;

	if (f->abi_export >= 0) {
		f->kind = ADDON_ABI;
		f->abi = f->abi_export;
		f->abi_why = arena_printf(a, "exports node_register_module_v%d", f->abi_export);
		f->registration = f->imports_node_module_register
			? "NODE_MODULE_INIT: exported node_register_module_v<N> and a constructor calling node_module_register"
			: "exported node_register_module_v<N>";
		if (f->imports_node_module_register && f->legacy_nm_version >= 0 &&
		    f->legacy_nm_version != f->abi_export)
			bin_note(a, b, "constructor struct says nm_version %d but the export says %d",
				 f->legacy_nm_version, f->abi_export);
	} else if (f->imports_node_module_register) {
		f->kind = ADDON_LEGACY;
		f->registration = "static constructor calling node_module_register (NODE_MODULE)";
		if (f->legacy_nm_version >= 0) {
			f->abi = f->legacy_nm_version;
			if (!f->abi_why)
				f->abi_why = "nm_version field of the registered node_module";
		} else {
			f->abi = -1;
			if (!f->abi_why)
				f->abi_why = "node_module struct not found in the data";
		}
	} else if (f->exports_napi_register || f->imports_napi_module_register) {
		f->kind = ADDON_NAPI;
		f->abi = -1;
		f->registration = f->exports_napi_register
			? (f->exports_napi_version
				   ? "exported napi_register_module_v1 and node_api_module_get_api_version_v1"
				   : "exported napi_register_module_v1")
			: "static constructor calling napi_module_register (old NAPI_MODULE)";
		/* napi-rs resolves every Node-API function at run time
		 * (its dyn-symbols feature): it registers but imports none. */
		f->napi_rs = f->exports_napi_register && f->napi_imports == 0;
	} else if (f->legacy_nm_version >= 0) {
		/* Node <= 0.10: no registration call; DLOpen looked up an
		 * exported <name>_module struct and compared its version
		 * (node v0.10 src/node.cc).  Only a parser that found one
		 * sets legacy_nm_version without node_module_register. */
		f->kind = ADDON_ABI;
		f->abi = f->legacy_nm_version;
		if (!f->abi_why)
			f->abi_why = "version field of the exported <name>_module struct";
		f->registration = "exported <name>_module struct (Node <= 0.10 NODE_MODULE)";
	} else {
		f->kind = ADDON_NONE;
		f->abi = -1;
		f->registration = "none: no Node registration symbol found";
	}
	if (!f->exports_napi_version && f->napi_declared < 0)
		f->napi_declared = -1;
}

/* Node.js 0.10 (and node-webkit of its era) found an addon by an exported
 * data symbol named after the file, "<basename>_module" (src/node.cc
 * DLOpen: the name without ".node", '-' and '.' made '_'); 0.12 and later
 * never look it up.  Such a file is an addon built for 0.10, not "no
 * addon". */
bool addon_node010_export(const struct binary *b, const char *file)
{
	const char *base = file ? strrchr(file, '/') : NULL;
	base = base ? base + 1 : file;
	if (!base)
		return false;
	size_t n = strlen(base);
	if (n > 5 && !strcmp(base + n - 5, ".node"))
		n -= 5;
	if (!n || n > 200)
		return false;
	char want[220];
	for (size_t i = 0; i < n; i++)
		want[i] = base[i] == '-' || base[i] == '.' ? '_' : base[i];
	memcpy(want + n, "_module", 8);
	for (size_t i = 0; i < b->syms.n; i++) {
		const struct bin_sym *s = &b->syms.v[i];
		if (s->defined && s->name && !strcmp(s->name, want))
			return true;
	}
	return false;
}
