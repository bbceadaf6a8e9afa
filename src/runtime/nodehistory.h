/*
 * nodehistory.h - behaviours of process.dlopen() that official Node.js
 * releases gained over time (data/node-loader-history.tsv, measured on the
 * real builds), so that a target of an older release gets the message and
 * outcome that release gives.
 */
#ifndef AD_NODEHISTORY_H
#define AD_NODEHISTORY_H

#include <stdbool.h>

enum node_trait {
	NODE_DLOPEN_CODE,    /* code 'ERR_DLOPEN_FAILED' */
	NODE_SELFREG_PATH,   /* "Module did not self-register: '<path>'." */
	NODE_NAPI_SYMBOL,    /* napi_register_module_v1 looked up */
	NODE_ABI_SYMBOL,     /* node_register_module_v<ABI> looked up */
	NODE_MISMATCH_TEXT,  /* "The module '<path>'\nwas compiled against ..." */
};

/* Does Node.js "version" ("14.17.6", "v12.22.12") have the trait?  A
 * version that does not parse is taken as a current release (true). */
bool node_has(const char *version, enum node_trait trait);

/* The first release of the trait as the data says it, for evidence lines
 * ("14.18.0 (14.x), 15.0.0"); NULL if the data has no row for it. */
const char *node_trait_since(enum node_trait trait);

#endif
