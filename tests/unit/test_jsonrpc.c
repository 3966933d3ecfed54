/* test_jsonrpc.c: JSON-RPC 2.0 classification and MCP revision rules. */
/* SPDX-License-Identifier: MIT */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include "web/jsonrpc.h"

static enum jsonrpc_kind
kind(const char *text)
{
	json_object *msg = json_tokener_parse(text), *id, *params;
	const char *method, *why = NULL;
	enum jsonrpc_kind k = jsonrpc_classify(msg, &method, &id, &params, &why);

	if (k == JSONRPC_BAD)
		assert_non_null(why);
	json_object_put(msg);
	return k;
}

static void
classify(void **state)
{
	(void)state;
	assert_int_equal(kind("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}"),
	    JSONRPC_REQUEST);
	assert_int_equal(kind("{\"jsonrpc\":\"2.0\",\"id\":\"x\",\"method\":\"a\","
	    "\"params\":{}}"), JSONRPC_REQUEST);
	assert_int_equal(kind("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/"
	    "initialized\"}"), JSONRPC_NOTIFICATION);
	assert_int_equal(kind("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}}"),
	    JSONRPC_RESPONSE);
	assert_int_equal(kind("{\"id\":1,\"method\":\"ping\"}"), JSONRPC_BAD);
	assert_int_equal(kind("{\"jsonrpc\":\"1.0\",\"id\":1,\"method\":\"p\"}"),
	    JSONRPC_BAD);
	assert_int_equal(kind("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":5}"),
	    JSONRPC_BAD);
	assert_int_equal(kind("{\"jsonrpc\":\"2.0\",\"id\":1.5,\"method\":\"p\"}"),
	    JSONRPC_BAD);
	assert_int_equal(kind("{\"jsonrpc\":\"2.0\",\"id\":null,\"method\":\"p\"}"),
	    JSONRPC_BAD);
	assert_int_equal(kind("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"p\","
	    "\"params\":3}"), JSONRPC_BAD);
	assert_int_equal(kind("[1]"), JSONRPC_BAD);
	assert_int_equal(kind("{\"jsonrpc\":\"2.0\",\"id\":1}"), JSONRPC_BAD);
}

static void
replies(void **state)
{
	json_object *id = json_object_new_int(7);
	json_object *ok = jsonrpc_result(id, json_object_new_object());
	json_object *err = jsonrpc_error(NULL, JSONRPC_METHOD, "Method not found");

	(void)state;
	assert_string_equal(json_object_to_json_string_ext(ok, JSON_C_TO_STRING_PLAIN),
	    "{\"jsonrpc\":\"2.0\",\"id\":7,\"result\":{}}");
	assert_string_equal(json_object_to_json_string_ext(err, JSON_C_TO_STRING_PLAIN),
	    "{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32601,"
	    "\"message\":\"Method not found\"}}");
	json_object_put(ok);
	json_object_put(err);
	json_object_put(id);
}

static void
versions(void **state)
{
	(void)state;
	assert_string_equal(mcp_negotiate("2025-11-25"), "2025-11-25");
	assert_string_equal(mcp_negotiate("2025-06-18"), "2025-06-18");
	assert_string_equal(mcp_negotiate("2025-03-26"), "2025-03-26");
	assert_string_equal(mcp_negotiate("2024-01-01"), "2025-11-25");
	assert_string_equal(mcp_negotiate(NULL), "2025-11-25");
	assert_string_equal(mcp_negotiate("2026-07-28"), "2025-11-25");
	assert_true(mcp_version_known("2026-07-28"));
	assert_false(mcp_version_known("2099-01-01"));
}

static void
origins(void **state)
{
	(void)state;
	assert_true(mcp_origin_ok(NULL, "a.example"));
	assert_true(mcp_origin_ok("", "a.example"));
	assert_true(mcp_origin_ok("https://a.example", "a.example"));
	assert_true(mcp_origin_ok("http://127.0.0.1:8080", "127.0.0.1:8080"));
	assert_false(mcp_origin_ok("https://evil.example", "a.example"));
	assert_false(mcp_origin_ok("https://a.example.evil", "a.example"));
	assert_false(mcp_origin_ok("null", "a.example"));
	assert_false(mcp_origin_ok("https://a.example", ""));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(classify),
		cmocka_unit_test(replies),
		cmocka_unit_test(versions),
		cmocka_unit_test(origins),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
