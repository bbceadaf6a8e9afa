/*
 * test_altruntime.c - Bun/Deno specs and recognition from hostile bytes
 * (runtime/altruntime.c): every spec either picks a measured row or is
 * refused with a reason; a version string cut by the end of the file, too
 * long, without its terminator, or of a release nobody measured never
 * reads past the data and never invents a row.
 */
#include <stdlib.h>
#include <unistd.h>

#include "parse/parse.h"
#include "runtime/altruntime.h"
#include "runtime/nodebin.h"
#include "runtime/target.h"
#include "t.h"

/* As nodebin_read: the executable's platform is known before the strings are read. */
static bool identify_on(struct arena *a, const char *bytes, size_t n, struct node_binary *nb, const char *os,
			const char *arch, const char *libc)
{
	char path[] = "/tmp/ad-alt-XXXXXX";
	int fd = mkstemp(path);
	if (fd < 0 || write(fd, bytes, n) != (ssize_t)n)
		return false;
	close(fd);
	struct rfile rf;
	bool got = false;
	memset(nb, 0, sizeof *nb);
	nb->bin = binary_new(a, "bun", 0);
	if (nb->bin) {
		nb->bin->os = os;
		nb->bin->arch = arch;
		nb->bin->libc = libc;
	}
	if (nb->bin && rfile_open(&rf, path) == 0) {
		got = altrt_identify(&rf, 0, rf.size, a, nb);
		rfile_close(&rf);
	}
	unlink(path);
	return got;
}

static bool identify(struct arena *a, const char *bytes, size_t n, struct node_binary *nb)
{
	char path[] = "/tmp/ad-alt-XXXXXX";
	int fd = mkstemp(path);
	if (fd < 0 || write(fd, bytes, n) != (ssize_t)n)
		return false;
	close(fd);
	struct rfile rf;
	bool got = false;
	memset(nb, 0, sizeof *nb);
	if (rfile_open(&rf, path) == 0) {
		got = altrt_identify(&rf, 0, rf.size, a, nb);
		rfile_close(&rf);
	}
	unlink(path);
	return got;
}

static void spec(struct arena *a, const char *s, const char *want_version, const char *want_row)
{
	struct target t;
	const char *err = NULL;
	int rc = target_parse(a, s, &t, &err);
	if (!want_version) {
		CHECK(rc != 0 && err && *err, "%s is refused (%s)", s, err ? err : "no reason");
		return;
	}
	CHECK(rc == 0 && t.alt, "%s parses (%s)", s, err ? err : "");
	if (rc || !t.alt)
		return;
	CHECK_STR(t.version, want_version, s);
	CHECK_STR(t.alt->rel.version, want_row, s);
	CHECK(t.node && t.node->bin && t.node->bin->syms.n > 100, "%s: exports modelled from the table (%zu)", s,
	      t.node && t.node->bin ? t.node->bin->syms.n : 0);
}

int main(void)
{
	struct arena a;
	arena_init(&a);
	spec(&a, "bun@1.x", "1.4.5", "1.4.5");
	spec(&a, "bun@1", "1.4.5", "1.4.5");
	spec(&a, "bun@1.1", "1.1.38", "1.1.38");
	spec(&a, "bun@1.1.20", "1.1.20", "1.1.0");
	spec(&a, "bun@v1.2.23/linux-x64-glibc", "1.2.23", "1.2.23");
	spec(&a, "deno@2.x", "2.9.6", "2.9.6");
	spec(&a, "deno@2.6.0", "2.6.0", "2.5.6");
	spec(&a, "bun@", NULL, NULL);
	spec(&a, "bun@1..2", NULL, NULL);
	spec(&a, "bun@-1", NULL, NULL);
	spec(&a, "bun@1.4.99", NULL, NULL);
	spec(&a, "bun@0.8.1", NULL, NULL);
	spec(&a, "bun@99999999999999999999", NULL, NULL);
	spec(&a, "deno@2.9.6/linux-x64-musl", NULL, NULL);
	spec(&a, "deno@2.9.6/plan9-x64", NULL, NULL);
	/* linux-arm64: its own rows (measured under qemu), never x64's */
	spec(&a, "bun@1.x/linux-arm64", "1.4.5", "1.4.5");
	spec(&a, "bun@1.2.0/linux-arm64", "1.2.0", "1.1.38"); /* x64 has a 1.2.0 row, arm64 not */
	spec(&a, "deno@2.8.3/linux-arm64-glibc", "2.8.3", "2.7.7");
	spec(&a, "bun@1.0/linux-arm64", NULL, NULL);
	spec(&a, "bun@1.1.0/linux-arm64", NULL, NULL);
	spec(&a, "bun@1.x/linux-arm64-musl", NULL, NULL);
	spec(&a, "bun@1.x/linux-x64-musl", NULL, NULL);
	{
		struct target t;
		const char *err = NULL;
		CHECK(target_parse(&a, "bun@1.x/linux-arm64", &t, &err) == 0 && t.alt &&
		      !strcmp(t.alt->rel.platform, "linux-arm64-glibc") && t.node && t.node->bin &&
		      t.node->bin->libs.n > 0 && !strcmp(t.node->bin->libs.v[1].name, "ld-linux-aarch64.so.1"),
		      "bun@1.x/linux-arm64 is modelled with the arm64 row's libraries");
	}

	struct node_binary nb;
	static const char bun[] = "xx https://github.com/oven-sh/bun/releases/download/bun-v1.4.5/bun-linux-x64.zip";
	CHECK(identify(&a, bun, sizeof bun - 1, &nb) && nb.alt && !strcmp(nb.alt->kind, "bun") &&
	      !strcmp(nb.version, "1.4.5") && nb.modules == 147, "bun 1.4.5 from its release URL");
	static const char cut[] = "xx/oven-sh/bun/releases/download/bun-v1.4.5";
	CHECK(!identify(&a, cut, sizeof cut - 1, &nb), "a release URL cut by the end of the file is no bun");
	static const char deno[] = "...Deno/2.9.6+e518fbd...";
	CHECK(identify(&a, deno, sizeof deno - 1, &nb) && nb.alt && !strcmp(nb.alt->kind, "deno") &&
	      nb.alt->rel.path_suffix, "deno 2.9.6 from its user agent");
	static const char noplus[] = "...Deno/2.9.6 and more text here";
	CHECK(!identify(&a, noplus, sizeof noplus - 1, &nb), "Deno/X.Y.Z without its '+commit' is not taken");
	static const char longv[] = "Deno/2.9.99999999999999999999999999999999+x........";
	CHECK(!identify(&a, longv, sizeof longv - 1, &nb), "an over-long version is not taken");
	static const char future[] = "...Deno/3.0.0+abcdef0.........";
	CHECK(identify(&a, future, sizeof future - 1, &nb) && nb.alt && !nb.alt->measured &&
	      !strcmp(nb.alt->rel.version, "2.9.6"), "an unmeasured newer deno behaves as the newest measured, said so");
	static const char old[] = "...Deno/1.46.3+abcdef0.........";
	CHECK(identify(&a, old, sizeof old - 1, &nb) && nb.alt && !nb.alt->measured,
	      "an unmeasured older deno is still deno, marked not measured");
	CHECK(identify_on(&a, bun, sizeof bun - 1, &nb, "linux", "arm64", "glibc") && nb.alt &&
	      nb.alt->measured && !nb.alt->platform_unmeasured && !strcmp(nb.alt->rel.platform, "linux-arm64-glibc"),
	      "an arm64 bun 1.4.5 is the arm64 row");
	CHECK(identify_on(&a, bun, sizeof bun - 1, &nb, "linux", "x64", "musl") && nb.alt &&
	      !nb.alt->measured && nb.alt->platform_unmeasured && !strcmp(nb.version, "1.4.5"),
	      "a musl bun is bun, of a platform no row measured");
	static const char deno28[] = "...Deno/2.8.0+abcdef0.........";
	CHECK(identify_on(&a, deno28, sizeof deno28 - 1, &nb, "linux", "x64", "musl") && nb.alt &&
	      !strcmp(nb.alt->rel.version, "2.7.14"),
	      "no row of its platform: the highest release below it of any platform (%s)",
	      nb.alt ? nb.alt->rel.version : "-");
	CHECK(identify_on(&a, deno28, sizeof deno28 - 1, &nb, "linux", "arm64", "glibc") && nb.alt &&
	      !nb.alt->measured && !strcmp(nb.alt->rel.version, "2.7.7"), "an arm64 deno 2.8.0 behaves as arm64's 2.7.7");
	static const char none[] = "https://nodejs.org/download/release/v26.3.0/ node_register_module_v147";
	CHECK(!identify(&a, none, sizeof none - 1, &nb), "an official node's strings are no bun or deno");
	arena_release(&a);
	T_DONE();
}
