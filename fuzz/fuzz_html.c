/* fuzz_html.c: the HTML engine on arbitrary bytes — audit_html() with every
 * dimension (so every check, the CSS reader and the load model run), then
 * the report as JSON (both spacings, issues, pages, summaries) and as text. */
/* SPDX-License-Identifier: MIT */
#include <json-c/json.h>
#include "audit/audit.h"
#include "audit/report.h"
#include "audit/score.h"
#include "fuzz.h"

/* The text renderer needs a FILE; its bytes are not looked at. */
static FILE *
html_devnull(void)
{
	static FILE *f;

	if (f == NULL)
		f = fopen("/dev/null", "w");
	FUZZ_CHECK(f != NULL);
	return f;
}

/* The serialised report must be JSON that json-c reads back as an object. */
static void
html_check_json(const struct audit_report *r, bool pretty)
{
	char *s = report_json_string(r, pretty);
	json_object *back;

	FUZZ_CHECK(s != NULL);
	back = json_tokener_parse(s);
	FUZZ_CHECK(back != NULL && json_object_is_type(back, json_type_object));
	json_object_put(back);
	free(s);
}

static void
html_render(const struct audit_report *r)
{
	json_object *o;

	FUZZ_CHECK(r->npages == 1);
	for (int d = 0; d < DIM__MAX; d++) {
		int s = r->scores[d];
		FUZZ_CHECK(s == SCORE_ABSENT || (s >= 0 && s <= 100));
		free(report_summary(r, (enum audit_dim)d));
	}
	html_check_json(r, false);
	html_check_json(r, true);
	json_object_put(report_issues_json(r));
	if ((o = report_pages_json(r)) != NULL)
		json_object_put(o);
	report_print_text(r, html_devnull(), false);
	report_print_text(r, html_devnull(), true);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct audit_report *r = NULL;
	struct audit_opts o;
	enum sa_err rc;

	audit_opts_init(&o);
	o.dims = AUDIT_DIMS_ALL;
	/* the input's length picks the strategy: both device profiles run */
	o.strategy = (size & 1) ? STRATEGY_DESKTOP : STRATEGY_MOBILE;
	rc = audit_html("https://example.com/dir/page.html", (const char *)data,
	    size, &o, &r);
	FUZZ_CHECK(rc == SA_OK || rc == SA_EINVAL || rc == SA_ENOMEM);
	FUZZ_CHECK((rc == SA_OK) == (r != NULL));
	if (r) {
		html_render(r);
		audit_report_free(r);
	}
	return 0;
}
