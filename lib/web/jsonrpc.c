/* jsonrpc.c: JSON-RPC 2.0 message classification, replies, MCP revisions. */
/* SPDX-License-Identifier: MIT */
#include <string.h>
#include <strings.h>
#include "sa.h"
#include "web/jsonrpc.h"

#define MCP_LATEST "2025-11-25"
#define MCP_STATELESS "2026-07-28"   /* server/discover; no initialize */

static const char *const versions[] = {
	MCP_STATELESS, MCP_LATEST, "2025-06-18", "2025-03-26",
};

static bool
valid_id(json_object *id)
{
	return json_object_is_type(id, json_type_string) ||
	    json_object_is_type(id, json_type_int);
}

static enum jsonrpc_kind
bad(const char **why, const char *s)
{
	*why = s;
	return JSONRPC_BAD;
}

enum jsonrpc_kind
jsonrpc_classify(json_object *msg, const char **method, json_object **id,
    json_object **params, const char **why)
{
	json_object *v = NULL, *m = NULL;
	bool has_id;

	*method = NULL;
	*id = *params = NULL;
	if (!json_object_is_type(msg, json_type_object) ||
	    !json_object_object_get_ex(msg, "jsonrpc", &v) ||
	    !json_object_is_type(v, json_type_string) ||
	    strcmp(json_object_get_string(v), "2.0") != 0)
		return bad(why, "Not a JSON-RPC 2.0 message.");
	has_id = json_object_object_get_ex(msg, "id", id);
	if (!json_object_object_get_ex(msg, "method", &m))
		return json_object_object_get_ex(msg, "result", &v) ||
		    json_object_object_get_ex(msg, "error", &v) ?
		    JSONRPC_RESPONSE : bad(why, "The message has no method.");
	if (!json_object_is_type(m, json_type_string))
		return bad(why, "method must be a string.");
	*method = json_object_get_string(m);
	if (json_object_object_get_ex(msg, "params", params) && *params &&
	    !json_object_is_type(*params, json_type_object) &&
	    !json_object_is_type(*params, json_type_array))
		return bad(why, "params must be an object or an array.");
	if (!has_id)
		return JSONRPC_NOTIFICATION;
	return valid_id(*id) ? JSONRPC_REQUEST :
	    bad(why, "id must be a string or an integer.");
}

static json_object *
envelope(json_object *id)
{
	json_object *o = json_object_new_object();

	json_object_object_add(o, "jsonrpc", json_object_new_string("2.0"));
	json_object_object_add(o, "id", id ? json_object_get(id) : NULL);
	return o;
}

json_object *
jsonrpc_result(json_object *id, json_object *result)
{
	json_object *o = envelope(id);

	json_object_object_add(o, "result", result);
	return o;
}

json_object *
jsonrpc_error(json_object *id, int code, const char *message)
{
	json_object *o = envelope(id), *e = json_object_new_object();

	json_object_object_add(e, "code", json_object_new_int(code));
	json_object_object_add(e, "message", json_object_new_string(message));
	json_object_object_add(o, "error", e);
	return o;
}

const char *const *
mcp_versions(size_t *n)
{
	*n = SA_NITEMS(versions);
	return versions;
}

bool
mcp_version_known(const char *v)
{
	for (size_t i = 0; v && i < SA_NITEMS(versions); i++)
		if (strcmp(v, versions[i]) == 0)
			return true;
	return false;
}

const char *
mcp_negotiate(const char *want)
{
	if (mcp_version_known(want) && strcmp(want, MCP_STATELESS) != 0)
		return want;
	return MCP_LATEST;
}

bool
mcp_origin_ok(const char *origin, const char *host)
{
	const char *h;

	if (origin == NULL || *origin == '\0')
		return true;
	if (strncasecmp(origin, "https://", 8) == 0)
		h = origin + 8;
	else if (strncasecmp(origin, "http://", 7) == 0)
		h = origin + 7;
	else
		return false;
	return host && *host && strcasecmp(h, host) == 0;
}
