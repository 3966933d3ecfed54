/* test_report.c: unit tests for the engine (audit_html) and the report JSON / text. */
/* SPDX-License-Identifier: MIT */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "audit/audit.h"
#include "audit/report.h"
#include "audit/score.h"

#define URL "https://shop.example.com/widgets?page=2"

static const char bad_page[] =
    "<!doctype html><html><head><meta charset=utf-8></head><body>"
    "<h1>Widgets</h1>"
    "<p><a href=/a>Click here</a> or <a href=/b>read more</a>.</p>"
    "<img src=1.png><img src=2.png><img src=3.png><img src=4.png>"
    "<img src=5.png><img src=6.png><img src=7.png>"
    "<form><input name=q></form>"
    "</body></html>";

static const char good_page[] =
    "<!doctype html><html lang=en><head><meta charset=utf-8>"
    "<meta name=viewport content='width=device-width, initial-scale=1'>"
    "<title>Steel widgets for workshops | Acme</title>"
    "<meta name=description content='Acme makes sturdy steel widgets for "
    "workshops: prices, sizes and delivery times for every model.'>"
    "</head><body><main><h1>Widgets</h1>"
    "<p><a href=/prices>Widget prices</a></p>"
    "<img src=w.png alt='A steel widget'>"
    "<label for=q>Search</label><input id=q name=q>"
    "</main></body></html>";

static struct audit_report *
run(const char *html, unsigned dims)
{
	struct audit_opts o;
	struct audit_report *r = NULL;

	audit_opts_init(&o);
	o.dims = dims;
	assert_int_equal(audit_html(URL, html, strlen(html), &o, &r), SA_OK);
	assert_non_null(r);
	return r;
}

static json_object *
get(json_object *o, const char *key)
{
	json_object *v = NULL;

	if (!json_object_object_get_ex(o, key, &v))
		fail_msg("no key %s", key);
	return v;
}

/* The issue with id in dimension dim, or NULL. */
static json_object *
find_issue(json_object *doc, const char *id, const char *dim)
{
	json_object *issues = get(doc, "issues");

	for (size_t i = 0; i < json_object_array_length(issues); i++) {
		json_object *it = json_object_array_get_idx(issues, i);

		if (strcmp(json_object_get_string(get(it, "id")), id) == 0 &&
		    strcmp(json_object_get_string(get(it, "dimension")), dim) == 0)
			return it;
	}
	return NULL;
}

static void
test_deterministic(void **state)
{
	struct audit_report *a = run(bad_page, 0), *b = run(bad_page, 0);
	char *ja, *jb;

	(void)state;
	b->generated_ms = a->generated_ms;
	ja = report_json_string(a, true);
	jb = report_json_string(b, true);
	assert_non_null(ja);
	assert_non_null(jb);
	assert_string_equal(ja, jb);
	free(jb);
	b->generated_ms = a->generated_ms + 1234;
	jb = report_json_string(b, false);
	assert_string_not_equal(jb, ja);
	free(ja);
	free(jb);
	audit_report_free(a);
	audit_report_free(b);
}

static void
test_absent_dimensions(void **state)
{
	struct audit_report *r = run(bad_page, AUDIT_DIM_BIT(DIM_SEO));
	json_object *doc = report_to_json(r), *scores = get(doc, "scores");
	json_object *page, *ps;

	(void)state;
	assert_true(json_object_object_get_ex(scores, "seo", NULL));
	assert_false(json_object_object_get_ex(scores, "accessibility", NULL));
	assert_false(json_object_object_get_ex(scores, "performance", NULL));
	assert_false(json_object_object_get_ex(scores, "bestPractices", NULL));
	assert_false(json_object_object_get_ex(scores, "security", NULL));
	assert_false(json_object_object_get_ex(get(doc, "summaries"),
	    "accessibility", NULL));
	assert_int_equal(json_object_get_int(get(doc, "overall")),
	    json_object_get_int(get(scores, "seo")));
	page = json_object_array_get_idx(get(doc, "pages"), 0);
	ps = get(page, "scores");
	assert_true(json_object_is_type(get(ps, "performance"), json_type_null));
	assert_true(json_object_is_type(get(ps, "accessibility"), json_type_null));
	assert_true(json_object_is_type(get(ps, "seo"), json_type_int));
	assert_null(find_issue(doc, "image-alt", "accessibility"));
	assert_non_null(find_issue(doc, "image-alt", "seo"));
	json_object_put(doc);
	audit_report_free(r);
}

static void
test_issue_aggregation(void **state)
{
	struct audit_report *r = run(bad_page, 0);
	json_object *doc = report_to_json(r), *it, *ex, *e0;

	(void)state;
	it = find_issue(doc, "image-alt", "seo");
	assert_non_null(it);
	assert_int_equal(json_object_get_int(get(it, "count")), 7);
	ex = get(it, "examples");
	assert_int_equal(json_object_array_length(ex), REPORT_MAX_EXAMPLES);
	e0 = json_object_array_get_idx(ex, 0);
	assert_string_equal(json_object_get_string(get(e0, "page")), URL);
	assert_string_equal(json_object_get_string(get(e0, "selector")),
	    "img:nth-of-type(1)");
	assert_string_equal(json_object_get_string(get(e0, "snippet")),
	    "<img src=1.png>");
	it = find_issue(doc, "link-text", "seo");
	assert_int_equal(json_object_get_int(get(it, "count")), 2);
	assert_string_equal(json_object_get_string(get(it, "severity")), "minor");
	it = find_issue(doc, "document-title", "seo");
	assert_string_equal(json_object_get_string(get(json_object_array_get_idx(
	    get(it, "examples"), 0), "selector")), "head");
	assert_null(find_issue(doc, "hreflang", "seo"));   /* NA */
	json_object_put(doc);
	audit_report_free(r);
}

static void
test_issue_order(void **state)
{
	struct audit_report *r = run(bad_page, 0);
	json_object *doc = report_to_json(r), *issues = get(doc, "issues");
	int last_dim = -1;

	(void)state;
	for (size_t i = 0; i < json_object_array_length(issues); i++) {
		const char *dim = json_object_get_string(get(
		    json_object_array_get_idx(issues, i), "dimension"));
		int d;

		for (d = 0; d < DIM__MAX && strcmp(audit_dim_names[d], dim); d++)
			;
		assert_true(d >= last_dim);
		last_dim = d;
	}
	json_object_put(doc);
	audit_report_free(r);
}

static void
test_document_shape(void **state)
{
	static const char *const top[] = { "url", "finalUrl", "strategy",
	    "overall", "scores", "summaries", "issues", "pages", "generatedAt" };
	static const char *const row[] = { "pageUrl", "pagePath", "strategy",
	    "scores", "coreWebVitals", "crux", "opportunities",
	    "thirdPartyScripts", "a11yIssues" };
	struct audit_report *r = run(good_page, 0);
	json_object *doc = report_to_json(r), *page, *crux;

	(void)state;
	for (size_t i = 0; i < SA_NITEMS(top); i++)
		get(doc, top[i]);
	assert_string_equal(json_object_get_string(get(doc, "strategy")), "mobile");
	assert_int_equal(strlen(json_object_get_string(get(doc, "generatedAt"))), 24);
	page = json_object_array_get_idx(get(doc, "pages"), 0);
	for (size_t i = 0; i < SA_NITEMS(row); i++)
		get(page, row[i]);
	assert_string_equal(json_object_get_string(get(page, "pagePath")),
	    "/widgets?page=2");
	assert_true(json_object_is_type(get(get(page, "coreWebVitals"), "ttfb"),
	    json_type_null));
	crux = get(page, "crux");
	assert_false(json_object_get_boolean(get(crux, "hasCruxData")));
	assert_true(json_object_get_int(get(get(doc, "scores"), "seo")) >= 95);
	json_object_put(doc);
	audit_report_free(r);
}

static void
test_summaries(void **state)
{
	struct audit_report *r = run(good_page, AUDIT_DIM_BIT(DIM_SEO));
	char *s = report_summary(r, DIM_SEO);

	(void)state;
	assert_non_null(s);
	assert_non_null(strstr(s, "SEO scored 100/100: all "));
	free(s);
	assert_null(report_summary(r, DIM_PERFORMANCE));
	audit_report_free(r);
	r = run(bad_page, AUDIT_DIM_BIT(DIM_SEO));
	s = report_summary(r, DIM_SEO);
	assert_non_null(strstr(s, "applicable checks failed (document-title, "));
	free(s);
	audit_report_free(r);
}

static void
test_a11y_rows(void **state)
{
	struct audit_report *r = run(bad_page, 0);
	json_object *doc = report_to_json(r), *rows, *first;

	(void)state;
	rows = get(json_object_array_get_idx(get(doc, "pages"), 0), "a11yIssues");
	assert_true(json_object_array_length(rows) > 0);
	first = json_object_array_get_idx(rows, 0);
	get(first, "id");
	get(first, "title");
	assert_int_equal(json_object_get_int(get(first, "score")), 0);
	json_object_put(doc);
	audit_report_free(r);
}

static void
test_text(void **state)
{
	struct audit_report *r = run(bad_page, AUDIT_DIM_BIT(DIM_SEO));
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	(void)state;
	assert_non_null(f);
	report_print_text(r, f, false);
	fclose(f);
	assert_null(strchr(buf, '\033'));
	assert_non_null(strstr(buf, "SEO"));
	assert_non_null(strstr(buf, "link-text"));
	assert_non_null(strstr(buf, "img:nth-of-type(1)"));
	free(buf);
	f = open_memstream(&buf, &len);
	report_print_text(r, f, true);
	fclose(f);
	assert_non_null(strstr(buf, "\033[33m"));   /* amber score */
	free(buf);
	audit_report_free(r);
}

static void
test_parse_dims(void **state)
{
	unsigned m = 0;

	(void)state;
	assert_int_equal(audit_parse_dims("accessibility,seo", &m), SA_OK);
	assert_int_equal(m, AUDIT_DIM_BIT(DIM_ACCESSIBILITY) |
	    AUDIT_DIM_BIT(DIM_SEO));
	assert_int_equal(audit_parse_dims(" SEO , best-practices", &m), SA_OK);
	assert_int_equal(m, AUDIT_DIM_BIT(DIM_SEO) |
	    AUDIT_DIM_BIT(DIM_BEST_PRACTICES));
	assert_int_equal(audit_parse_dims("seo,speed", &m), SA_EINVAL);
	assert_int_equal(audit_parse_dims("", &m), SA_EINVAL);
	assert_int_equal(audit_parse_dims("seo,", &m), SA_OK);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_deterministic),
		cmocka_unit_test(test_absent_dimensions),
		cmocka_unit_test(test_issue_aggregation),
		cmocka_unit_test(test_issue_order),
		cmocka_unit_test(test_document_shape),
		cmocka_unit_test(test_summaries),
		cmocka_unit_test(test_a11y_rows),
		cmocka_unit_test(test_text),
		cmocka_unit_test(test_parse_dims),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
