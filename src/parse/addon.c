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
