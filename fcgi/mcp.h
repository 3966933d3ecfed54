/* mcp.h: the MCP endpoint (POST /mcp) and the page-audit API of document 003. */
/* SPDX-License-Identifier: MIT */
#ifndef SA_MCP_H
#define SA_MCP_H

#include <stdbool.h>
#include <json-c/json.h>
#include "web/req.h"

/* POST /mcp: JSON-RPC 2.0 over Streamable HTTP (docs/mcp.md). */
void api_mcp(struct req *r);

/* POST /api/mcp/page-audits and GET /api/mcp/page-audits/{auditId}. */
void api_page_audit_create(struct req *r);
void api_page_audit_get(struct req *r);

/* mcp_tools.c: the tool table. */

/* The tools/list result: {"tools": [...]}; caller puts. */
json_object *mcp_tools_list(void);

/*
 * tools/call of tool name with args (an object, or NULL for none). On
 * success returns 0 and *result is the CallToolResult (content,
 * structuredContent, isError); a failure of the tool itself is a result
 * with isError true. Returns -32602 with msg[n] filled for an unknown tool
 * or arguments that do not fit the tool's schema.
 */
int mcp_tools_call(struct req *r, const char *name, json_object *args,
    json_object **result, char *msg, size_t n);

#endif
