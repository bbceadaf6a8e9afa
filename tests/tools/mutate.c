/*
 * mutate.c - writes hostile variants of one binary for tests/t/hostile.sh.
 *
 *   mutate [-n MAX] FIXTURE OUTDIR
 *
 * Variants: truncations (every 4 bytes up to 512, every 64 up to 4 KiB, and
 * one byte either side of every header/table boundary the ELF, Mach-O, fat
 * or PE headers name), and in the first 4 KiB every aligned 2/4/8-byte word
 * replaced by 0, all-ones, the largest and smallest signed value, the file
 * size and the file size + 1 (in the file's byte order).  Deterministic:
 * when there are more than MAX (default 3000), truncations and the first
 * 256 bytes' words are kept and the rest is sampled with a fixed-seed
 * generator.  Prints the number of variants written.  Standalone on
 * purpose: it must not share code (or bugs) with the parsers it attacks.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_INPUT ((size_t)64 * 1024 * 1024)
#define WORD_REGION 4096

struct variant {
	uint64_t trunc;  /* truncate to this many bytes; UINT64_MAX: word variant */
	uint32_t off;    /* word offset */
	uint8_t width;   /* 2, 4, 8 */
	uint8_t kind;    /* index into kind_names */
};

static const char kind_names[] = "zfmnsS"; /* zero, ff.., 7f.., 80.., size, size+1 */

static struct variant *vs;
static size_t nvs, capvs;

static void add(struct variant v)
{
	if (nvs == capvs) {
		capvs = capvs ? capvs * 2 : 1024;
		vs = realloc(vs, capvs * sizeof *vs);
		if (!vs) {
			perror("mutate: realloc");
			exit(1);
		}
	}
	vs[nvs++] = v;
}

static uint8_t *buf;
static size_t len;
static int big_endian;

static uint64_t get(size_t off, int width)
{
	uint64_t v = 0;
	if (off > len || (size_t)width > len - off)
		return 0;
	for (int i = 0; i < width; i++) {
		int shift = big_endian ? 8 * (width - 1 - i) : 8 * i;
		v |= (uint64_t)buf[off + (size_t)i] << shift;
	}
	return v;
}

static void put(uint8_t *p, int width, uint64_t v)
{
	for (int i = 0; i < width; i++) {
		int shift = big_endian ? 8 * (width - 1 - i) : 8 * i;
		p[i] = (uint8_t)(v >> shift);
	}
}

/* Truncation at a boundary and one byte either side of it. */
static void boundary(uint64_t b)
{
	for (int d = -1; d <= 1; d++) {
		uint64_t t = b + (uint64_t)(int64_t)d;
		if (b == 0 && d < 0)
			continue;
		if (t > 0 && t < len)
			add((struct variant){ .trunc = t });
	}
}

static void elf_boundaries(void)
{
	if (len < 52)
		return;
	int is64 = buf[4] == 2;
	big_endian = buf[5] == 2;
	uint64_t phoff = is64 ? get(32, 8) : get(28, 4);
	uint64_t shoff = is64 ? get(40, 8) : get(32, 4);
	size_t e = is64 ? 52 : 40;
	uint64_t phentsize = get(e + 2, 2), phnum = get(e + 4, 2);
	uint64_t shentsize = get(e + 6, 2), shnum = get(e + 8, 2);
	boundary(is64 ? 64 : 52);
	boundary(phoff);
	boundary(phoff + phentsize * phnum);
	boundary(shoff);
	boundary(shoff + shentsize * shnum);
	for (uint64_t i = 0; i < phnum && i < 64 && phentsize >= 32; i++) {
		uint64_t p = phoff + i * phentsize;
		uint64_t off = is64 ? get(p + 8, 8) : get(p + 4, 4);
		uint64_t fsz = is64 ? get(p + 32, 8) : get(p + 16, 4);
		boundary(off);
		boundary(off + fsz);
	}
	for (uint64_t i = 0; i < shnum && i < 256 && shentsize >= 40; i++) {
		uint64_t s = shoff + i * shentsize;
		uint64_t off = is64 ? get(s + 24, 8) : get(s + 16, 4);
		uint64_t sz = is64 ? get(s + 32, 8) : get(s + 20, 4);
		boundary(off);
		boundary(off + sz);
	}
}

static void macho_boundaries(uint64_t base)
{
	if (base > len || len - base < 28)
		return;
	uint32_t magic = (uint32_t)buf[base] << 24 | (uint32_t)buf[base + 1] << 16 |
			 (uint32_t)buf[base + 2] << 8 | buf[base + 3];
	int is64 = magic == 0xfeedfacf || magic == 0xcffaedfe;
	big_endian = magic == 0xfeedface || magic == 0xfeedfacf;
	uint64_t ncmds = get(base + 16, 4), sizeofcmds = get(base + 20, 4);
	uint64_t p = base + (is64 ? 32 : 28);
	boundary(p);
	boundary(p + sizeofcmds);
	for (uint64_t i = 0; i < ncmds && i < 256; i++) {
		uint64_t cmd = get(p, 4), size = get(p + 4, 4);
		boundary(p);
		if (size < 8)
			break;
		/* segment file ranges: LC_SEGMENT (1) / LC_SEGMENT_64 (0x19) */
		if (cmd == 0x19) {
			boundary(base + get(p + 40, 8));
			boundary(base + get(p + 40, 8) + get(p + 48, 8));
		} else if (cmd == 1) {
			boundary(base + get(p + 32, 4));
			boundary(base + get(p + 32, 4) + get(p + 36, 4));
		} else if (cmd == 2) { /* LC_SYMTAB: symoff nsyms stroff strsize */
			boundary(base + get(p + 8, 4));
			boundary(base + get(p + 16, 4));
			boundary(base + get(p + 16, 4) + get(p + 20, 4));
		}
		p += size;
	}
}

static void fat_boundaries(void)
{
	big_endian = 1;
	uint64_t n = get(4, 4);
	int is64 = buf[3] == 0xbf;
	size_t entry = is64 ? 32 : 20;
	boundary(8);
	boundary(8 + n * entry);
	for (uint64_t i = 0; i < n && i < 16; i++) {
		uint64_t e = 8 + i * entry;
		uint64_t off = is64 ? get(e + 8, 8) : get(e + 8, 4);
		uint64_t size = is64 ? get(e + 16, 8) : get(e + 12, 4);
		boundary(off);
		boundary(off + size);
		macho_boundaries(off);
		big_endian = 1;
	}
	big_endian = 1; /* words in the fat header are big-endian */
}

static void pe_boundaries(void)
{
	big_endian = 0;
	uint64_t pe = get(0x3c, 4);
	boundary(0x40);
	boundary(pe);
	boundary(pe + 24);
	uint64_t nsec = get(pe + 6, 2), optsize = get(pe + 20, 2);
	uint64_t sec = pe + 24 + optsize;
	boundary(sec);
	boundary(sec + 40 * nsec);
	for (uint64_t i = 0; i < nsec && i < 96; i++) {
		uint64_t s = sec + 40 * i;
		uint64_t rawsize = get(s + 16, 4), rawptr = get(s + 20, 4);
		boundary(rawptr);
		boundary(rawptr + rawsize);
	}
}

/* xorshift64: a fixed seed makes the sample the same on every run. */
static uint64_t rng = 0x9e3779b97f4a7c15u;
static uint64_t next_rand(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

static int write_file(const char *path, const uint8_t *data, size_t n)
{
	FILE *f = fopen(path, "wb");
	if (!f)
		return -1;
	size_t w = n ? fwrite(data, 1, n, f) : 0;
	if (fclose(f) != 0 || w != n)
		return -1;
	return 0;
}

int main(int argc, char **argv)
{
	size_t max = 3000;
	int ai = 1;
	if (argc > 2 && !strcmp(argv[1], "-n")) {
		max = (size_t)strtoul(argv[2], NULL, 10);
		ai = 3;
	}
	if (argc - ai != 2 || max == 0) {
		fprintf(stderr, "usage: mutate [-n MAX] FIXTURE OUTDIR\n");
		return 2;
	}
	const char *in = argv[ai], *outdir = argv[ai + 1];
	FILE *f = fopen(in, "rb");
	if (!f) {
		fprintf(stderr, "mutate: %s: %s\n", in, strerror(errno));
		return 1;
	}
	buf = malloc(MAX_INPUT);
	if (!buf)
		return 1;
	len = fread(buf, 1, MAX_INPUT, f);
	int more = fgetc(f) != EOF;
	fclose(f);
	if (more) {
		fprintf(stderr, "mutate: %s: larger than %zu bytes\n", in, MAX_INPUT);
		return 1;
	}

	/* 1. truncations: fixed steps, then the boundaries the headers name */
	for (uint64_t t = 0; t < 512 && t < len; t += 4)
		add((struct variant){ .trunc = t });
	for (uint64_t t = 512; t < WORD_REGION && t < len; t += 64)
		add((struct variant){ .trunc = t });
	if (len >= 4 && buf[0] == 0x7f && buf[1] == 'E' && buf[2] == 'L' && buf[3] == 'F')
		elf_boundaries();
	else if (len >= 8 && buf[0] == 0xca && buf[1] == 0xfe && buf[2] == 0xba && (buf[3] == 0xbe || buf[3] == 0xbf))
		fat_boundaries();
	else if (len >= 4 && ((buf[0] == 0xfe && buf[1] == 0xed) || (buf[2] == 0xed && buf[3] == 0xfe)))
		macho_boundaries(0);
	else if (len >= 0x40 && buf[0] == 'M' && buf[1] == 'Z')
		pe_boundaries();
	/* drop duplicate truncations (boundaries often coincide) */
	size_t ntrunc = 0;
	for (size_t i = 0; i < nvs; i++) {
		size_t j = 0;
		while (j < ntrunc && vs[j].trunc != vs[i].trunc)
			j++;
		if (j == ntrunc)
			vs[ntrunc++] = vs[i];
	}
	nvs = ntrunc;
	if (nvs > max)
		nvs = max;
	ntrunc = nvs;

	/* 2. word replacements in the first 4 KiB */
	size_t region = len < WORD_REGION ? len : WORD_REGION;
	size_t first_word = nvs;
	for (int width = 2; width <= 8; width *= 2)
		for (size_t off = 0; off + (size_t)width <= region; off += (size_t)width)
			for (uint8_t k = 0; k < 6; k++)
				add((struct variant){ .trunc = UINT64_MAX, .off = (uint32_t)off,
						      .width = (uint8_t)width, .kind = k });
	size_t nwords = nvs - first_word;
	size_t room = max > ntrunc ? max - ntrunc : 0;
	if (nwords > room) {
		/* keep every word of the first 256 bytes (the headers), then a
		 * deterministic sample of the rest (partial Fisher-Yates) */
		struct variant *w = vs + first_word;
		size_t keep = 0;
		for (size_t i = 0; i < nwords; i++)
			if (w[i].off < 256 && keep < room) {
				struct variant t = w[keep];
				w[keep++] = w[i];
				w[i] = t;
			}
		for (size_t i = keep; i < room; i++) {
			size_t j = i + (size_t)(next_rand() % (nwords - i));
			struct variant t = w[i];
			w[i] = w[j];
			w[j] = t;
		}
		nvs = first_word + room;
	}

	/* 3. write them */
	const char *base = strrchr(in, '/');
	base = base ? base + 1 : in;
	char path[4096];
	size_t written = 0;
	for (size_t i = 0; i < nvs; i++) {
		struct variant v = vs[i];
		int rc;
		if (v.trunc != UINT64_MAX) {
			snprintf(path, sizeof path, "%s/%s.t%llu", outdir, base, (unsigned long long)v.trunc);
			rc = write_file(path, buf, (size_t)v.trunc);
		} else {
			uint64_t bits = 8u * v.width;
			uint64_t ones = bits == 64 ? UINT64_MAX : ((uint64_t)1 << bits) - 1;
			uint64_t val[6] = { 0, ones, ones >> 1, (ones >> 1) + 1, len, (uint64_t)len + 1 };
			uint8_t saved[8];
			memcpy(saved, buf + v.off, v.width);
			put(buf + v.off, v.width, val[v.kind] & ones);
			snprintf(path, sizeof path, "%s/%s.w%u@%u%c", outdir, base, v.width, v.off,
				 kind_names[v.kind]);
			rc = write_file(path, buf, len);
			memcpy(buf + v.off, saved, v.width);
		}
		if (rc != 0) {
			fprintf(stderr, "mutate: %s: %s\n", path, strerror(errno));
			return 1;
		}
		written++;
	}
	printf("%zu\n", written);
	free(vs);
	free(buf);
	return 0;
}
