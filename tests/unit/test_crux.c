/* test_crux.c: CrUX API response parsing, fallback helpers and the report's crux object. */
/* SPDX-License-Identifier: MIT */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "audit/audit.h"
#include "audit/crux.h"
#include "audit/report.h"
#include "conf.h"

#define FX "tests/fixtures/crux/"

static char *
slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *b;
	long n;

	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	b = malloc((size_t)n + 1);
	assert_non_null(b);
	*len = fread(b, 1, (size_t)n, f);
	b[*len] = '\0';
	fclose(f);
	return b;
}

static enum sa_err
parse_file(const char *name, long status, struct crux_data *d)
{
	char path[256];
	size_t len;
	char *body;
	enum sa_err rc;

	snprintf(path, sizeof(path), FX "%s", name);
	body = slurp(path, &len);
	rc = crux_parse(status, body, len, d);
	free(body);
	return rc;
}

static void
page_record(void **state)
{
	struct crux_data d;

	(void)state;
	assert_int_equal(parse_file("page.json", 200, &d), SA_OK);
	assert_true(d.has);
	assert_float_equal(d.lcp_ms, 2613, 0.001);
	assert_float_equal(d.cls, 0.07, 1e-9);   /* p75 given as a string */
	assert_float_equal(d.inp_ms, 187, 0.001);
}

static void
origin_record(void **state)
{
	struct crux_data d;

	(void)state;
	assert_int_equal(parse_file("origin.json", 200, &d), SA_OK);
	assert_true(d.has);
	assert_float_equal(d.lcp_ms, 3120, 0.001);   /* "3120": a string */
	assert_float_equal(d.cls, 0.12, 1e-9);
	assert_float_equal(d.inp_ms, 243, 0.001);
}

static void
not_found(void **state)
{
	struct crux_data d;

	(void)state;
	assert_int_equal(parse_file("notfound.json", 404, &d), SA_ENOTFOUND);
	assert_false(d.has);
	assert_true(d.lcp_ms < 0 && d.cls < 0 && d.inp_ms < 0);
}

static void
malformed(void **state)
{
	struct crux_data d;

	(void)state;
	assert_int_equal(parse_file("malformed.json", 200, &d), SA_EINVAL);
	assert_false(d.has);
	/* a good body under an error status is not data either */
	assert_int_equal(parse_file("page.json", 500, &d), SA_EINVAL);
	assert_false(d.has);
	assert_int_equal(crux_parse(200, "", 0, &d), SA_EINVAL);
	assert_int_equal(crux_parse(200, "[1]", 3, &d), SA_EINVAL);
}

static void
partial_and_bad_values(void **state)
{
	static const char only_lcp[] = "{\"record\":{\"metrics\":{"
	    "\"largest_contentful_paint\":{\"percentiles\":{\"p75\":1500}},"
	    "\"cumulative_layout_shift\":{\"percentiles\":{\"p75\":\"x\"}}}}}";
	static const char none[] = "{\"record\":{\"metrics\":{"
	    "\"first_contentful_paint\":{\"percentiles\":{\"p75\":900}}}}}";
	struct crux_data d;

	(void)state;
	assert_int_equal(crux_parse(200, only_lcp, strlen(only_lcp), &d), SA_OK);
	assert_true(d.has);
	assert_float_equal(d.lcp_ms, 1500, 0.001);
	assert_true(d.cls < 0);   /* "x" is not a number */
	assert_true(d.inp_ms < 0);
	assert_int_equal(crux_parse(200, none, strlen(none), &d), SA_ENOTFOUND);
	assert_false(d.has);
}

static void
origin_of_url(void **state)
{
	char *o;

	(void)state;
	o = crux_origin("https://www.example.com/a/b?c=1#d");
	assert_string_equal(o, "https://www.example.com");
	free(o);
	o = crux_origin("http://127.0.0.1:8080/x");
	assert_string_equal(o, "http://127.0.0.1:8080");
	free(o);
	assert_null(crux_origin("ftp://example.com/"));
	assert_null(crux_origin("not a url"));
}

static void
no_key_no_query(void **state)
{
	struct crux_opts o = { NULL, "http://127.0.0.1:9/", 200 };
	struct crux_data d;

	(void)state;
	assert_int_equal(crux_query(&o, "https://example.com/", STRATEGY_MOBILE,
	    &d), SA_ENOTFOUND);
	assert_false(d.has);
	o.api_key = "";
	assert_int_equal(crux_query(&o, "https://example.com/", STRATEGY_MOBILE,
	    &d), SA_ENOTFOUND);
	/* a key but nothing listening: a transport error, still no data */
	o.api_key = "k";
	assert_int_equal(crux_query(&o, "https://example.com/", STRATEGY_DESKTOP,
	    &d), SA_EIO);
	assert_false(d.has);
}

static void
conf_keys(void **state)
{
	struct conf c;
	struct crux_opts o;
	char *err = NULL;

	(void)state;
	assert_int_equal(conf_defaults(&c), SA_OK);
	assert_null(c.crux_api_key);
	assert_string_equal(c.crux_endpoint, CRUX_DEFAULT_ENDPOINT);
	assert_int_equal(c.crux_timeout_ms, 3000);
	conf_free(&c);
	assert_int_equal(conf_parse(&c, "t.conf", "[crux]\napi_key = abc\n"
	    "endpoint = http://127.0.0.1:1/q\ntimeout_ms = 250\n", &err), SA_OK);
	crux_opts_from_conf(&o, &c);
	assert_string_equal(o.api_key, "abc");
	assert_string_equal(o.endpoint, "http://127.0.0.1:1/q");
	assert_int_equal(o.timeout_ms, 250);
	conf_free(&c);
	free(err);
	err = NULL;
	assert_int_equal(conf_parse(&c, "t.conf", "[crux]\ntimeout_ms = 5\n",
	    &err), SA_ECONF);
	conf_free(&c);
	free(err);
}

/* The report's crux and coreWebVitals objects follow the page's data. */
static void
report_json(void **state)
{
	static const char html[] = "<!doctype html><html lang=en><title>t</title>"
	    "<p>hi</p></html>";
	struct audit_opts o;
	struct audit_report *r;
	json_object *doc, *pg, *cx, *cwv, *v;

	(void)state;
	audit_opts_init(&o);
	assert_int_equal(audit_html("https://example.com/", html, strlen(html),
	    &o, &r), SA_OK);
	doc = report_to_json(r);
	pg = json_object_array_get_idx(json_object_object_get(doc, "pages"), 0);
	cx = json_object_object_get(pg, "crux");
	assert_false(json_object_get_boolean(json_object_object_get(cx,
	    "hasCruxData")));
	assert_null(json_object_object_get(cx, "lcp"));
	json_object_put(doc);

	assert_int_equal(parse_file("page.json", 200, &r->pages[0].crux), SA_OK);
	doc = report_to_json(r);
	pg = json_object_array_get_idx(json_object_object_get(doc, "pages"), 0);
	cx = json_object_object_get(pg, "crux");
	assert_true(json_object_get_boolean(json_object_object_get(cx,
	    "hasCruxData")));
	assert_int_equal(json_object_get_int(json_object_object_get(cx, "lcp")),
	    2613);
	assert_int_equal(json_object_get_int(json_object_object_get(cx, "inp")),
	    187);
	v = json_object_object_get(cx, "cls");
	assert_float_equal(json_object_get_double(v), 0.07, 1e-9);
	cwv = json_object_object_get(pg, "coreWebVitals");
	assert_float_equal(json_object_get_double(json_object_object_get(cwv,
	    "cls")), 0.07, 1e-9);
	assert_int_equal(json_object_get_int(json_object_object_get(cwv, "inp")),
	    187);
	json_object_put(doc);
	audit_report_free(r);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(page_record),
		cmocka_unit_test(origin_record),
		cmocka_unit_test(not_found),
		cmocka_unit_test(malformed),
		cmocka_unit_test(partial_and_bad_values),
		cmocka_unit_test(origin_of_url),
		cmocka_unit_test(no_key_no_query),
		cmocka_unit_test(conf_keys),
		cmocka_unit_test(report_json),
	};

	return cmocka_run_group_tests_name("crux", tests, NULL, NULL);
}
