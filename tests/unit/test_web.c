/* test_web.c: route matching, 405 Allow lists, query parsing, error bodies. */
/* SPDX-License-Identifier: MIT */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include "web/req.h"
#include "web/route.h"

static void h_a(struct req *r) { (void)r; }
static void h_b(struct req *r) { (void)r; }
static void h_c(struct req *r) { (void)r; }

static const struct route tab[] = {
	{ "GET", "/healthz", AUTH_NONE, h_a },
	{ "GET", "/api/mcp/runs/{runId}", AUTH_KEY, h_b },
	{ "DELETE", "/api/external/webhooks/{id}", AUTH_KEY, h_c },
	{ "GET", "/api/mcp/sites/{siteId}/history", AUTH_KEY, h_a },
	{ "POST", "/api/mcp/start-audit", AUTH_KEY, h_c },
};

static void
exact_and_param_routes(void **state)
{
	struct route_match m;

	(void)state;
	assert_int_equal(route_find(tab, 5, "GET", "/healthz", &m), ROUTE_FOUND);
	assert_ptr_equal(m.route->fn, h_a);
	assert_int_equal(route_find(tab, 5, "GET", "/api/mcp/runs/abc-123", &m), ROUTE_FOUND);
	assert_ptr_equal(m.route->fn, h_b);
	assert_int_equal(m.nparams, 1);
	assert_string_equal(m.params[0], "abc-123");
	assert_int_equal(route_find(tab, 5, "GET", "/api/mcp/sites/s1/history", &m), ROUTE_FOUND);
	assert_string_equal(m.params[0], "s1");
}

static void
not_found_and_bad_method(void **state)
{
	struct route_match m;

	(void)state;
	assert_int_equal(route_find(tab, 5, "GET", "/healthz/", &m), ROUTE_NOT_FOUND);
	assert_int_equal(route_find(tab, 5, "GET", "/api/mcp/runs/", &m), ROUTE_NOT_FOUND);
	assert_int_equal(route_find(tab, 5, "GET", "/api/mcp/runs/a/b", &m), ROUTE_NOT_FOUND);
	assert_int_equal(route_find(tab, 5, "GET", "/", &m), ROUTE_NOT_FOUND);
	assert_int_equal(route_find(tab, 5, "POST", "/healthz", &m), ROUTE_BAD_METHOD);
	assert_string_equal(m.allow, "GET");
	assert_int_equal(route_find(tab, 5, "GET", "/api/mcp/start-audit", &m), ROUTE_BAD_METHOD);
	assert_string_equal(m.allow, "POST");
}

static void
params_are_decoded_and_guarded(void **state)
{
	struct route_match m;
	char longseg[300];

	(void)state;
	assert_int_equal(route_find(tab, 5, "GET", "/api/mcp/runs/a%20b", &m), ROUTE_FOUND);
	assert_string_equal(m.params[0], "a b");
	assert_int_equal(route_find(tab, 5, "GET", "/api/mcp/runs/a+b", &m), ROUTE_FOUND);
	assert_string_equal(m.params[0], "a+b");   /* '+' is literal in paths */
	/* an encoded slash or NUL never becomes part of a parameter */
	assert_int_equal(route_find(tab, 5, "GET", "/api/mcp/runs/a%2Fb", &m), ROUTE_NOT_FOUND);
	assert_int_equal(route_find(tab, 5, "GET", "/api/mcp/runs/a%00b", &m), ROUTE_NOT_FOUND);
	assert_int_equal(route_find(tab, 5, "GET", "/api/mcp/runs/%zz", &m), ROUTE_NOT_FOUND);
	assert_int_equal(route_find(tab, 5, "GET", "/api/mcp/runs/%4", &m), ROUTE_NOT_FOUND);
	memset(longseg, 'x', sizeof(longseg));
	memcpy(longseg, "/api/mcp/runs/", 14);
	longseg[sizeof(longseg) - 1] = '\0';
	assert_int_equal(route_find(tab, 5, "GET", longseg, &m), ROUTE_NOT_FOUND);
}

static void
query_values(void **state)
{
	struct req r;
	char v[32];

	(void)state;
	req_init(&r);
	r.query = "format=csv&scanId=a%2Db&empty=&flag&q=a+b";
	assert_int_equal(req_query(&r, "format", v, sizeof(v)), 1);
	assert_string_equal(v, "csv");
	assert_int_equal(req_query(&r, "scanId", v, sizeof(v)), 1);
	assert_string_equal(v, "a-b");
	assert_int_equal(req_query(&r, "empty", v, sizeof(v)), 1);
	assert_string_equal(v, "");
	assert_int_equal(req_query(&r, "flag", v, sizeof(v)), 1);
	assert_int_equal(req_query(&r, "q", v, sizeof(v)), 1);
	assert_string_equal(v, "a b");
	assert_int_equal(req_query(&r, "form", v, sizeof(v)), 0);
	assert_int_equal(req_query(&r, "missing", v, sizeof(v)), 0);
	r.query = "limit=%G1";
	assert_int_equal(req_query(&r, "limit", v, sizeof(v)), -1);
	req_free(&r);
}

static void
error_bodies_are_json_and_sanitised(void **state)
{
	struct req r;

	(void)state;
	req_init(&r);
	reply_header(&r, "X-Gone", "soon");
	reply_error(&r, 404, "not_found", "No such\nrun \"x\"");
	assert_int_equal(r.status, 404);
	assert_string_equal(buf_str(&r.out),
	    "{\"error\":\"not_found\",\"message\":\"No such run \\\"x\\\"\"}");
	assert_null(strstr(buf_str(&r.headers), "X-Gone"));
	assert_non_null(strstr(buf_str(&r.headers), "Content-Type: application/json\r\n"));
	/* header injection is refused */
	reply_header(&r, "X-Evil", "a\r\nSet-Cookie: x=1");
	assert_null(strstr(buf_str(&r.headers), "Set-Cookie"));
	assert_string_equal(http_reason(422), "Unprocessable Content");
	assert_string_equal(http_reason(299), "Unknown");
	req_free(&r);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(exact_and_param_routes),
		cmocka_unit_test(not_found_and_bad_method),
		cmocka_unit_test(params_are_decoded_and_guarded),
		cmocka_unit_test(query_values),
		cmocka_unit_test(error_bodies_are_json_and_sanitised),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
