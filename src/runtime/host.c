/*
 * host.c - the one answer to "which machine is this": the platform, arch
 * and libc this build of the tool runs as (what a target must match to be
 * "this machine"; under WASI the npm launcher passes the real machine's),
 * the kernel's CPU (uname, which differs under emulation: an x64 node on
 * an arm64 Mac), and the libc found on disk.
 *
 * The libc is identified the way detect-libc does it, minus running
 * anything (loader-facts.md 6.4): /etc/alpine-release and the text of
 * /usr/bin/ldd name the family; the glibc version comes from the
 * "GNU C Library" banner inside libc.so.6, read as bytes.  Nothing is
 * ever executed.
 */
#include "host.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>

#include "../io/rfile.h"

const char *host_platform(void)
{
#if defined(__wasi__)
	const char *p = getenv("ADDON_DOCTOR_HOST_PLATFORM");
	return p && *p ? p : "unknown";
#elif defined(__APPLE__)
	return "darwin";
#elif defined(__FreeBSD__)
	return "freebsd";
#elif defined(_WIN32)
	return "win32";
#else
	return "linux";
#endif
}

const char *host_arch(void)
{
#if defined(__wasi__)
	/* Under WASI the CPU is the machine Node runs on: the npm launcher
	 * passes process.arch (npm/run.js). */
	const char *a = getenv("ADDON_DOCTOR_HOST_ARCH");
	return a && *a ? a : "unknown";
#elif defined(__x86_64__)
	return "x64";
#elif defined(__aarch64__)
	return "arm64";
#elif defined(__i386__)
	return "ia32";
#elif defined(__arm__)
	return "arm";
#elif defined(__riscv) && __riscv_xlen == 64
	return "riscv64";
#elif defined(__powerpc64__)
	return "ppc64";
#elif defined(__s390x__)
	return "s390x";
#else
	return "unknown";
#endif
}

const char *host_libc(void)
{
#if defined(__wasi__)
	const char *l = getenv("ADDON_DOCTOR_HOST_LIBC");
	return l && *l ? l : NULL;
#elif defined(__GLIBC__)
	return "glibc";
#elif defined(__linux__)
	return "musl";
#else
	return NULL;
#endif
}

const char *uname_arch(void)
{
	struct utsname u;
	if (uname(&u) != 0)
		return NULL;
	static const struct { const char *m, *arch; } map[] = {
		{ "x86_64", "x64" }, { "amd64", "x64" }, { "aarch64", "arm64" }, { "arm64", "arm64" },
		{ "i386", "ia32" }, { "i486", "ia32" }, { "i586", "ia32" }, { "i686", "ia32" },
		{ "armv7l", "arm" }, { "armv6l", "arm" }, { "ppc64le", "ppc64" }, { "ppc64", "ppc64" },
		{ "s390x", "s390x" }, { "riscv64", "riscv64" }, { "loongarch64", "loong64" },
	};
	for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
		if (!strcmp(u.machine, map[i].m))
			return map[i].arch;
	return NULL;
}

/* Searches the first `cap` bytes of a file for `needle`; returns a copy of
 * the rest of that line (bounded), or NULL. */
static const char *grep_file(struct arena *a, const char *path, const char *needle, uint64_t cap)
{
	struct rfile rf;
	if (rfile_open(&rf, path) != 0)
		return NULL;
	const char *found = NULL;
	size_t nl = strlen(needle);
	uint64_t size = rf.size < cap ? rf.size : cap;
	char buf[65536 + 256];
	for (uint64_t off = 0; off < size && !found; off += 65536) {
		size_t n = (size_t)(size - off < sizeof buf ? size - off : sizeof buf);
		if (!rf_read(&rf, off, buf, n))
			break;
		for (size_t i = 0; i + nl <= n; i++)
			if (!memcmp(buf + i, needle, nl)) {
				size_t e = i + nl;
				while (e < n && e - i < 200 && buf[e] != '\n' && buf[e] != '\0')
					e++;
				found = arena_strndup(a, buf + i, e - i);
				break;
			}
	}
	rfile_close(&rf);
	return found;
}

const char *machine_libc(struct arena *a, const char **version, const char **why)
{
	*version = NULL;
	*why = NULL;
	struct rfile rf;
	if (rfile_open(&rf, "/etc/alpine-release") == 0) {
		rfile_close(&rf);
		*why = "/etc/alpine-release exists";
		return "musl";
	}
	const char *ldd = grep_file(a, "/usr/bin/ldd", "musl", 1 << 20);
	if (ldd) {
		*why = "/usr/bin/ldd mentions musl";
		return "musl";
	}
	/* glibc: the version banner inside libc.so.6 ("GNU C Library (Debian GLIBC 2.36-9) ... version 2.36."). */
	static const char *const libcs[] = {
		"/lib/x86_64-linux-gnu/libc.so.6", "/lib/aarch64-linux-gnu/libc.so.6", "/lib64/libc.so.6",
		"/lib/libc.so.6", "/usr/lib/libc.so.6", "/lib/arm-linux-gnueabihf/libc.so.6",
		"/lib/i386-linux-gnu/libc.so.6", "/usr/lib64/libc.so.6",
	};
	for (size_t i = 0; i < sizeof libcs / sizeof libcs[0]; i++) {
		const char *banner = grep_file(a, libcs[i], "GNU C Library", 16u << 20);
		if (!banner)
			continue;
		const char *v = strstr(banner, "version ");
		if (v) {
			v += 8;
			size_t n = 0;
			while (v[n] && (isdigit((unsigned char)v[n]) || v[n] == '.'))
				n++;
			while (n && v[n - 1] == '.')
				n--;
			if (n)
				*version = arena_strndup(a, v, n);
		}
		*why = arena_printf(a, "the version banner in %s", libcs[i]);
		return "glibc";
	}
	if (grep_file(a, "/usr/bin/ldd", "GNU C Library", 1 << 20)) {
		*why = "/usr/bin/ldd is glibc's";
		return "glibc";
	}
	*why = "no libc found in the usual places";
	return NULL;
}

