/*
 * test_npg.c - node-pre-gyp's find() as src/scan/loader_npg.c replays it:
 * the texts validate_config and napi.validate_package_json throw (copied
 * from the published 1.0.11 / 2.0.3 sources' behaviour, checked against
 * them by tests/truth/loader-replay.js), eval_template's order and
 * String.prototype.replace '$' patterns, path.join normalisation, the
 * variables each flavour has, and the Node-API level of Electron targets.
 */
#include <string.h>

#include "../../src/scan/scan.h"
#include "../../src/util/jsonread.h"
#include "t.h"

static struct arena A;

static struct target tgt(const char *runtime, const char *version, int modules, int napi,
			 const char *platform, const char *arch, const char *libc)
{
	struct target t;
	memset(&t, 0, sizeof t);
	t.spec = "test";
	t.runtime = runtime;
	snprintf(t.version, sizeof t.version, "%s", version);
	t.modules = modules;
	t.napi = napi;
	t.platform = platform;
	t.arch = arch;
	t.libc = libc;
	return t;
}

/* find() for a package.json text; flavour and version preset (no lookup). */
static struct scan_npg find(const char *json, int flavor, const char *npgver, const struct target *t)
{
	struct scan_pkg *p = arena_calloc(&A, 1, sizeof *p);
	p->dir = p->dir_real = "/p/node_modules/nat";
	p->name = "nat";
	p->json = json_parse(&A, json, strlen(json));
	p->npg_done = true;
	p->npg_flavor = flavor;
	p->npg_dir = "/p/node_modules/@mapbox/node-pre-gyp";
	p->npg_version = npgver;
	struct scan_npg r;
	scan_npg_find(&A, p, t, &r);
	return r;
}

#define PKG(binary) "{\"name\":\"nat\",\"version\":\"1.2.3\",\"main\":\"index.js\",\"binary\":{\"module_name\":\"nat\"," \
	"\"host\":\"https://example.invalid/\"," binary "}}"

int main(void)
{
	arena_init(&A);
	struct target n20 = tgt("node", "20.20.2", 115, 9, "linux", "x64", "glibc");
	struct target n22 = tgt("node", "22.23.3", 127, 10, "linux", "x64", "glibc");
	struct target e31 = tgt("electron", "31.0.0", 125, -1, "linux", "x64", "glibc");
	struct target mac = tgt("node", "20.20.2", 115, 9, "darwin", "arm64", NULL);
	struct scan_npg r;

	r = find(PKG("\"module_path\":\"./lib/binding/napi-v{napi_build_version}\",\"napi_versions\":[10,11],"
		     "\"package_name\":\"{module_name}-{napi_build_version}.tgz\""), NPG_MAPBOX, "1.0.11", &n20);
	CHECK_STR(r.error, "The Node-API version of this Node instance is 9. This module supports Node-API version(s) "
		  "10,11. This Node instance cannot run this module.", "napi_versions above the runtime's level");
	r = find(PKG("\"module_path\":\"./lib/binding/napi-v{napi_build_version}\",\"napi_versions\":[10,11],"
		     "\"package_name\":\"{module_name}-{napi_build_version}.tgz\""), NPG_MAPBOX, "1.0.11", &n22);
	CHECK_STR(r.path, "lib/binding/napi-v10/nat.node", "napi_versions: the highest level the runtime has");

	r = find(PKG("\"module_path\":\"./lib/binding/napi-v{napi_build_version}\",\"napi_versions\":[3,6,9],"
		     "\"package_name\":\"{module_name}-{napi_build_version}.tgz\""), NPG_MAPBOX, "2.0.3", &e31);
	CHECK_STR(r.path, "lib/binding/napi-v9/nat.node", "Electron 31 has Node-API 9 (Node 20.14)");
	CHECK(scan_npg_napi(&e31) == 9, "scan_npg_napi(electron@31) is 9");

	r = find(PKG("\"module_path\":\"./lib/binding/napi-v{napi_build_version}\",\"napi_versions\":[3,6]"),
		 NPG_MAPBOX, "1.0.11", &n20);
	CHECK_STR(r.error, "When napi_versions is specified; module_path and either remote_path or package_name must "
		  "contain the substitution string '{napi_build_version}`.", "napi_versions without package_name");
	r = find(PKG("\"module_path\":\"./lib/binding/{node_napi_label}-{platform}-{arch}\""), NPG_MAPBOX, "1.0.11", &n20);
	CHECK_STR(r.error, "When the substitution string '{napi_build_version}` is specified in module_path, remote_path, "
		  "or package_name; napi_versions must also be specified.", "{node_napi_label} without napi_versions");
	r = find(PKG("\"module_path\":\"x/napi-v{napi_build_version}\",\"napi_versions\":[\"3\"],\"remote_path\":\"{napi_build_version}\""),
		 NPG_MAPBOX, "1.0.11", &n20);
	CHECK_STR(r.error, "All values specified in napi_versions must be positive integers.", "a string napi version");

	r = find("{\"name\":\"nat\",\"version\":\"1.2.3\",\"binary\":{\"module_name\":\"nat\",\"module_path\":\"x\"}}",
		 NPG_MAPBOX, "1.0.11", &n20);
	CHECK_STR(r.error, "nat package.json is not node-pre-gyp ready:\npackage.json must declare these properties: \nmain\nbinary.host",
		  "validate_config lists what is missing");
	r = find("{\"name\":\"nat\",\"version\":\"1.2.3\",\"main\":\"i.js\",\"binary\":{\"module_name\":\"nat\","
		 "\"module_path\":\"x\",\"host\":\"HTTP://example.invalid/\"}}", NPG_MAPBOX, "1.0.11", &n20);
	CHECK_STR(r.error, "'host' protocol (http:) is invalid - only 'https:' is accepted", "an http: host");
	r = find(PKG("\"module_path\":\"./lib//binding\""), NPG_MAPBOX, "2.0.3", &n20);
	CHECK_STR(r.path, "lib/binding/nat.node", "lib//binding is normalised by path.join");
	r = find(PKG("\"module_path\":\"./prebuild/{node_abi}-{libc}-{libc_version}/\""), NPG_MAPBOX, "1.0.11", &n20);
	CHECK_STR(r.path, "prebuild/node-v115-glibc-{libc_version}/nat.node", "@mapbox has no {libc_version}");
	r = find(PKG("\"module_path\":\"./prebuild/{node_abi}-{platform}-{libc}-{libc_version}\""), NPG_DISCORDJS, "0.4.5", &mac);
	CHECK_STR(r.path, "prebuild/node-v115-darwin-unknown-unknown/nat.node", "@discordjs: libc and its version off Linux");
	r = find(PKG("\"module_path\":\"./lib/{runtime}/{target_arch}/{platform}\""), NPG_MAPBOX, "1.0.11", &e31);
	CHECK_STR(r.path, "lib/electron/x64/linux/nat.node", "{runtime} and {target_arch}");
	r = find(PKG("\"module_path\":\"./b/{node_abi}\""), NPG_MAPBOX, "1.0.11", &e31);
	CHECK_STR(r.path, "b/electron-v31.0/nat.node", "Electron's node_abi is its major.minor");
	r = find(PKG("\"module_path\":\"./lib/{acl}\""), NPG_MAPBOX, "1.0.11", &n20);
	CHECK_STR(r.path, "lib/{acl}/nat.node", "1.x has no {acl}");
	r = find(PKG("\"module_path\":\"./lib/{acl}\""), NPG_MAPBOX, "2.0.3", &n20);
	CHECK_STR(r.path, "lib/public-read/nat.node", "2.x has {acl}");
	r = find(PKG("\"module_path\":\"./lib/{bucket}\",\"bucket\":\"a$$b<$`>\""), NPG_MAPBOX, "1.0.11", &n20);
	CHECK_STR(r.path, "lib/a$b<./lib/>/nat.node", "'$$' and '$`' in a value (String.prototype.replace)");
	r = find(PKG("\"module_path\":\"./lib/{bucket}\",\"bucket\":\"a$&b\""), NPG_MAPBOX, "1.0.11", &n20);
	CHECK(r.unknown && !r.path, "'$&' puts the pattern back: find() never returns");
	r = find(PKG("\"module_path\":\"./lib/{bucket}\",\"bucket\":\"{bucket}\""), NPG_MAPBOX, "1.0.11", &n20);
	CHECK(r.unknown && !r.path && !r.error, "a value holding its own pattern: find() never returns");
	r = find(PKG("\"module_path\":\"../../x\""), NPG_MAPBOX, "1.0.11", &n20);
	CHECK_STR(r.abs, "/p/x/nat.node", "a module_path leaving the package");
	CHECK(r.path == NULL, "... has no package-relative path");

	struct target e99 = tgt("electron", "99.0.0", 200, -1, "linux", "x64", "glibc");
	r = find(PKG("\"module_path\":\"./lib/binding/napi-v{napi_build_version}\",\"napi_versions\":[3],"
		     "\"package_name\":\"{napi_build_version}\""), NPG_MAPBOX, "1.0.11", &e99);
	CHECK(r.unknown != NULL, "an Electron whose Node-API level is not known: unknown, not a guess");

	arena_release(&A);
	T_DONE();
}
