/* napi.c - the smallest Node-API addon: exports napi_register_module_v1
 * and imports one Node-API function, as every real Node-API addon does. */
typedef struct napi_env__ *napi_env;
typedef struct napi_value__ *napi_value;
int napi_create_object(napi_env env, napi_value *result);

napi_value napi_register_module_v1(napi_env env, napi_value exports)
{
	napi_value obj;
	napi_create_object(env, &obj);
	return exports;
}
