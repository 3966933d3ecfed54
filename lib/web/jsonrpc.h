/* jsonrpc.h: JSON-RPC 2.0 messages and MCP revision negotiation (for POST /mcp). */
/* SPDX-License-Identifier: MIT */
#ifndef SA_JSONRPC_H
#define SA_JSONRPC_H

#include <stdbool.h>
#include <json-c/json.h>

enum {
	JSONRPC_PARSE = -32700, JSONRPC_INVALID = -32600, JSONRPC_METHOD = -32601,
	JSONRPC_PARAMS = -32602, JSONRPC_INTERNAL = -32603,
};

enum jsonrpc_kind {
	JSONRPC_REQUEST,        /* method + id: must be answered */
	JSONRPC_NOTIFICATION,   /* method, no id */
	JSONRPC_RESPONSE,       /* result / error, no method */
	JSONRPC_BAD,            /* anything else: answer -32600 */
};

/*
 * Classifies one parsed message. For a request / notification *method,
 * *id and *params (NULL when absent) are borrowed from msg; for
 * JSONRPC_BAD, *why is a static sentence. A request whose params is not an
 * object or array, or whose id is not a string or integer, is BAD.
 */
enum jsonrpc_kind jsonrpc_classify(json_object *msg, const char **method,
    json_object **id, json_object **params, const char **why);

/* {"jsonrpc":"2.0","id":id,"result":result}; takes result, refs id. */
json_object *jsonrpc_result(json_object *id, json_object *result);
/* {"jsonrpc":"2.0","id":id|null,"error":{"code","message"}}; refs id. */
json_object *jsonrpc_error(json_object *id, int code, const char *message);

/* The MCP revisions this server speaks, newest first; *n gets the count. */
const char *const *mcp_versions(size_t *n);
/* True for a revision in mcp_versions(). */
bool mcp_version_known(const char *v);
/* initialize's answer to a client asking for want (may be NULL): want when
 * we speak it (and it uses initialize), else our latest ("2025-11-25"). */
const char *mcp_negotiate(const char *want);
/* An Origin header (NULL / "" = none) is allowed when it names host. */
bool mcp_origin_ok(const char *origin, const char *host);

#endif
