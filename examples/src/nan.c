/* nan.c - an ABI-specific addon as NODE_MODULE() builds it: a static
 * struct node_module (node.h layout) handed to node_module_register() by a
 * constructor.  nm_version is the NODE_MODULE_VERSION it was built for
 * (-DNM_VERSION=108 is Node.js 18). */
#ifndef NM_VERSION
#define NM_VERSION 108
#endif
struct node_module {
	int nm_version;
	unsigned int nm_flags;
	void *nm_dso_handle;
	const char *nm_filename;
	void (*nm_register_func)(void *, void *, void *);
	void *nm_context_register_func;
	const char *nm_modname;
	void *nm_priv;
	struct node_module *nm_link;
};
void node_module_register(void *);
static void init(void *exports, void *module, void *priv)
{
	(void)exports; (void)module; (void)priv;
}
static struct node_module module_ = {
	NM_VERSION, 0, 0, "nan.c", init, 0, "addon", 0, 0,
};
/* Real addons export more than their registration (and an ELF whose
 * GNU hash table is empty hides its imports from naive symbol counts). */
int addon_abi_version(void);
int addon_abi_version(void) { return NM_VERSION; }

__attribute__((constructor)) static void register_module(void)
{
	node_module_register(&module_);
}
