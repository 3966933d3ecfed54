/* mcp.c: POST /mcp — MCP Streamable HTTP transport, JSON-RPC 2.0 dispatch. */
/* SPDX-License-Identifier: MIT */
#include <stdio.h>
#include <string.h>
#include "mcp.h"
#include "web/jsonrpc.h"

/* Writes one JSON-RPC message as the response body. */
static void
rpc_send(struct req *r, int status, json_object *msg)
{
	reply_json(r, status, msg);
}

static void
rpc_reply(struct req *r, json_object *id, json_object *result)
{
	rpc_send(r, 200, jsonrpc_result(id, result));
}

static void
rpc_error(struct req *r, int status, json_object *id, int code, const char *msg)
{
	rpc_send(r, status, jsonrpc_error(id, code, msg));
}

static json_object *
server_info(void)
{
	json_object *o = json_object_new_object();

	json_object_object_add(o, "name", json_object_new_string("siteaudit"));
	json_object_object_add(o, "title", json_object_new_string("siteaudit"));
	json_object_object_add(o, "version", json_object_new_string("0.1.0"));
	return o;
}

static json_object *
capabilities(void)
{
	json_object *o = json_object_new_object(), *t = json_object_new_object();

	json_object_object_add(t, "listChanged", json_object_new_boolean(false));
	json_object_object_add(o, "tools", t);
	return o;
}

static const char instructions[] =
    "Audit web pages and sites. start_audit then get_run until completed,"
    " then get_report. run_page_audit then get_page_audit for concrete edits.";

static json_object *
do_initialize(json_object *params)
{
	json_object *o = json_object_new_object(), *v = NULL;
	const char *want = json_object_object_get_ex(params, "protocolVersion", &v) ?
	    json_object_get_string(v) : NULL;

	json_object_object_add(o, "protocolVersion",
	    json_object_new_string(mcp_negotiate(want)));
	json_object_object_add(o, "capabilities", capabilities());
	json_object_object_add(o, "serverInfo", server_info());
	json_object_object_add(o, "instructions", json_object_new_string(instructions));
	return o;
}

static json_object *
do_discover(void)
{
	json_object *o = json_object_new_object(), *arr = json_object_new_array();
	size_t n;
	const char *const *v = mcp_versions(&n);

	for (size_t i = 0; i < n; i++)
		json_object_array_add(arr, json_object_new_string(v[i]));
	json_object_object_add(o, "supportedVersions", arr);
	json_object_object_add(o, "capabilities", capabilities());
	json_object_object_add(o, "serverInfo", server_info());
	json_object_object_add(o, "instructions", json_object_new_string(instructions));
	return o;
}

static void
do_call(struct req *r, json_object *id, json_object *params)
{
	json_object *name = NULL, *args = NULL, *res = NULL;
	char msg[256];
	int code;

	if (!json_object_object_get_ex(params, "name", &name) ||
	    !json_object_is_type(name, json_type_string)) {
		rpc_error(r, 200, id, JSONRPC_PARAMS, "tools/call needs params.name (a string)");
		return;
	}
	if (json_object_object_get_ex(params, "arguments", &args) && args &&
	    !json_object_is_type(args, json_type_object)) {
		rpc_error(r, 200, id, JSONRPC_PARAMS,
		    "tools/call params.arguments must be an object");
		return;
	}
	code = mcp_tools_call(r, json_object_get_string(name), args, &res, msg, sizeof(msg));
	if (code != 0)
		rpc_error(r, 200, id, code, msg);
	else if (res == NULL)
		rpc_error(r, 200, id, JSONRPC_INTERNAL, "The tool failed unexpectedly.");
	else
		rpc_reply(r, id, res);
}

/* One request (it has an id): dispatch on the method. */
static void
dispatch(struct req *r, const char *method, json_object *id, json_object *params)
{
	if (params && !json_object_is_type(params, json_type_object)) {
		rpc_error(r, 200, id, JSONRPC_PARAMS, "params must be an object");
		return;
	}
	if (strcmp(method, "initialize") == 0)
		rpc_reply(r, id, do_initialize(params));
	else if (strcmp(method, "ping") == 0)
		rpc_reply(r, id, json_object_new_object());
	else if (strcmp(method, "server/discover") == 0)
		rpc_reply(r, id, do_discover());
	else if (strcmp(method, "tools/list") == 0)
		rpc_reply(r, id, mcp_tools_list());
	else if (strcmp(method, "tools/call") == 0)
		do_call(r, id, params);
	else
		rpc_error(r, 200, id, JSONRPC_METHOD, "Method not found");
}

/* A parsed message: requests are answered, the rest acknowledged with 202. */
static void
message(struct req *r, json_object *msg)
{
	json_object *id, *params;
	const char *method, *why = "";

	switch (jsonrpc_classify(msg, &method, &id, &params, &why)) {
	case JSONRPC_REQUEST:
		dispatch(r, method, id, params);
		return;
	case JSONRPC_NOTIFICATION:
	case JSONRPC_RESPONSE:
		r->status = 202;   /* nothing to answer: no body */
		return;
	case JSONRPC_BAD:
		rpc_error(r, 400, NULL, JSONRPC_INVALID, why);
		return;
	}
}

void
api_mcp(struct req *r)
{
	json_object *msg;
	enum json_tokener_error err = json_tokener_success;

	if (!mcp_origin_ok(r->origin, r->host)) {
		reply_error(r, 403, "forbidden", "The Origin of this request is not allowed.");
		return;
	}
	if (r->mcp_version && *r->mcp_version && !mcp_version_known(r->mcp_version)) {
		rpc_error(r, 400, NULL, JSONRPC_INVALID,
		    "Unsupported MCP-Protocol-Version header.");
		return;
	}
	msg = r->body ? json_tokener_parse_verbose(r->body, &err) : NULL;
	if (msg == NULL) {
		rpc_error(r, 400, NULL, JSONRPC_PARSE, "Parse error: the body is not JSON.");
		return;
	}
	if (json_object_is_type(msg, json_type_array))
		rpc_error(r, 400, NULL, JSONRPC_INVALID, "Batches are not supported.");
	else
		message(r, msg);
	json_object_put(msg);
}
