/* test_a11y.c: every accessibility check against its failing and passing
 * fixtures in tests/fixtures/a11y/ (run with cwd = repo root). */
/* SPDX-License-Identifier: MIT */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "audit/check.h"
#include "audit/css.h"
#include "audit/dom.h"

#define FIX "tests/fixtures/a11y/"

struct page {
	char *html;
	GumboOutput *out;
	struct css_sheet *css;
	struct page_ctx ctx;
};

static void
page_load(struct page *pg, const char *name)
{
	char path[256];
	FILE *f;
	long len;

	snprintf(path, sizeof(path), FIX "%s.html", name);
	f = fopen(path, "rb");
	if (f == NULL)
		fail_msg("cannot open %s", path);
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	len = ftell(f);
	rewind(f);
	pg->html = calloc(1, (size_t)len + 1);
	assert_non_null(pg->html);
	assert_int_equal(fread(pg->html, 1, (size_t)len, f), (size_t)len);
	fclose(f);
	pg->out = gumbo_parse_with_options(&kGumboDefaultOptions, pg->html,
	    (size_t)len);
	pg->css = css_sheet_new();
	assert_int_equal(css_sheet_add_styles(pg->css, pg->out->document), SA_OK);
	pg->ctx = (struct page_ctx){ .url = "http://localhost/a11y.html",
	    .status = 200, .html = pg->html, .html_len = (size_t)len,
	    .gumbo = pg->out, .css = pg->css };
}

static void
page_free(struct page *pg)
{
	gumbo_destroy_output(&kGumboDefaultOptions, pg->out);
	css_sheet_free(pg->css);
	free(pg->html);
}

static const struct check_def *
def_of(const char *id)
{
	for (size_t i = 0; i < audit_checks_a11y_count; i++)
		if (strcmp(audit_checks_a11y[i].id, id) == 0)
			return &audit_checks_a11y[i];
	fail_msg("no check %s", id);
	return NULL;
}

static void
run_on(const char *id, const char *fixture, struct check_result *r)
{
	struct page pg;

	page_load(&pg, fixture);
	*r = (struct check_result){ .verdict = CHECK_NA };
	def_of(id)->run(&pg.ctx, r);
	page_free(&pg);
}

struct tcase {
	const char *id;
	size_t      nfail;   /* items on the failing page */
	const char *sel;     /* first item's selector */
	const char *sel2;    /* second item's selector, when nfail > 1 */
};

static const struct tcase cases[] = {
	{ "image-alt", 2, "img#hero", "main > p > img" },
	{ "input-image-alt", 1, "input#go", NULL },
	{ "area-alt", 1, "area#about", NULL },
	{ "object-alt", 1, "object#movie", NULL },
	{ "svg-img-alt", 1, "svg#chart", NULL },
	{ "label", 2, "input#email", "main > form > textarea" },
	{ "select-name", 1, "select#size", NULL },
	{ "button-name", 2, "button#close", "main > button:nth-of-type(2)" },
	{ "link-name", 1, "a#home", NULL },
	{ "frame-title", 1, "iframe#ad", NULL },
	{ "html-has-lang", 1, "html", NULL },
	{ "html-lang-valid", 1, "html", NULL },
	{ "valid-lang", 1, "p#quote", NULL },
	{ "document-title", 1, "html", NULL },
	{ "duplicate-id-aria", 1, "main > span:nth-of-type(1)", NULL },
	{ "heading-order", 1, "h4#skip", NULL },
	{ "empty-heading", 1, "h2#empty", NULL },
	{ "list", 1, "ul#menu", NULL },
	{ "listitem", 1, "li#orphan", NULL },
	{ "definition-list", 1, "dl#terms", NULL },
	{ "dlitem", 1, "dt#lonely", NULL },
	{ "meta-viewport", 1, "meta#vp", NULL },
	{ "meta-refresh", 1, "meta#refresh", NULL },
	{ "tabindex", 1, "a#first", NULL },
	{ "bypass", 1, "html", NULL },
	{ "aria-valid-attr", 1, "div#status", NULL },
	{ "aria-valid-attr-value", 1, "div#opt", NULL },
	{ "aria-allowed-role", 1, "button#fake", NULL },
	{ "aria-roles", 1, "div#menu", NULL },
	{ "aria-required-attr", 1, "div#chk", NULL },
	{ "aria-hidden-body", 1, "body", NULL },
	{ "aria-hidden-focus", 1, "div#modal", NULL },
	{ "td-headers-attr", 1, "td#ann", NULL },
	{ "th-has-data-cells", 2, "th#name",
	  "main > table > tbody > tr > th:nth-of-type(2)" },
	{ "color-contrast", 2, "p#faint", "main > p:nth-of-type(2)" },
	/* axe-core 4.14.1 rules: fixtures e-<id>-fail / -pass */
	{ "aria-required-children", 1, "div#tabs", NULL },
	{ "aria-required-parent", 1, "div#orphan", NULL },
	{ "aria-allowed-attr", 1, "div#save", NULL },
	{ "aria-prohibited-attr", 1, "div#swatch", NULL },
	{ "aria-conditional-attr", 1, "input#agree", NULL },
	{ "aria-command-name", 1, "div#close", NULL },
	{ "aria-dialog-name", 1, "div#saved", NULL },
	{ "aria-input-field-name", 1, "div#note", NULL },
	{ "aria-toggle-field-name", 1, "div#opt", NULL },
	{ "aria-tooltip-name", 1, "div#tip", NULL },
	{ "aria-treeitem-name", 1, "li#leaf", NULL },
	{ "aria-text", 1, "span#price", NULL },
	{ "input-button-name", 1, "input#go", NULL },
	{ "table-duplicate-name", 1, "table#prices", NULL },
	{ "autocomplete-valid", 1, "input#nm", NULL },
	{ "presentation-role-conflict", 1, "h2#deals", NULL },
};

/* The fixture of check id: e-<id>-<kind> for the rules added from axe-core
 * 4.14.1 when that file exists, else <id>-<kind>. */
static void
fixture_name(char *out, size_t len, const char *id, const char *kind)
{
	char path[256];
	FILE *f;

	snprintf(path, sizeof(path), FIX "e-%s-%s.html", id, kind);
	if ((f = fopen(path, "rb")) != NULL) {
		fclose(f);
		snprintf(out, len, "e-%s-%s", id, kind);
		return;
	}
	snprintf(out, len, "%s-%s", id, kind);
}

static void
test_every_check_has_a_case(void **state)
{
	(void)state;
	assert_int_equal(SA_NITEMS(cases), audit_checks_a11y_count);
	for (size_t i = 0; i < audit_checks_a11y_count; i++) {
		const struct check_def *d = &audit_checks_a11y[i];
		size_t j;
		for (j = 0; j < SA_NITEMS(cases); j++)
			if (strcmp(cases[j].id, d->id) == 0)
				break;
		if (j == SA_NITEMS(cases))
			fail_msg("check %s has no fixture case", d->id);
		assert_int_equal(d->dim, DIM_ACCESSIBILITY);
		assert_true(d->weight >= 0 && d->weight <= 10);
		assert_non_null(d->title);
	}
}

static void
test_fail_fixtures(void **state)
{
	char name[96];

	(void)state;
	for (size_t i = 0; i < SA_NITEMS(cases); i++) {
		const struct tcase *c = &cases[i];
		struct check_result r;

		fixture_name(name, sizeof(name), c->id, "fail");
		run_on(c->id, name, &r);
		if (r.verdict != CHECK_FAIL || r.nitems != c->nfail)
			fail_msg("%s: verdict %d, %zu items (want FAIL, %zu)",
			    c->id, r.verdict, r.nitems, c->nfail);
		assert_string_equal(r.items[0].selector, c->sel);
		assert_non_null(r.items[0].snippet);
		if (c->sel2 != NULL)
			assert_string_equal(r.items[1].selector, c->sel2);
		check_result_free(&r);
	}
}

static void
test_pass_fixtures(void **state)
{
	char name[96];

	(void)state;
	for (size_t i = 0; i < SA_NITEMS(cases); i++) {
		struct check_result r;

		fixture_name(name, sizeof(name), cases[i].id, "pass");
		run_on(cases[i].id, name, &r);
		if (r.verdict != CHECK_PASS || r.nitems != 0)
			fail_msg("%s: verdict %d, %zu items (first %s) (want PASS)",
			    cases[i].id, r.verdict, r.nitems,
			    r.nitems ? r.items[0].selector : "-");
		check_result_free(&r);
	}
}

static bool
always_applies(const char *id)
{
	/* na.html still has <html lang>, a title, a viewport and text. */
	static const char *const ids[] = { "html-has-lang", "html-lang-valid",
	    "document-title", "aria-hidden-body", "color-contrast",
	    "meta-viewport" };

	for (size_t i = 0; i < SA_NITEMS(ids); i++)
		if (strcmp(ids[i], id) == 0)
			return true;
	return false;
}

static void
test_not_applicable(void **state)
{
	(void)state;
	for (size_t i = 0; i < audit_checks_a11y_count; i++) {
		const char *id = audit_checks_a11y[i].id;
		enum check_verdict want = always_applies(id) ? CHECK_PASS :
		    CHECK_NA;
		struct check_result r;

		run_on(id, "na", &r);
		if (r.verdict != want)
			fail_msg("%s on na.html: verdict %d, want %d", id,
			    r.verdict, want);
		check_result_free(&r);
	}
}

static void
test_contrast_note(void **state)
{
	struct check_result r;

	(void)state;
	run_on("color-contrast", "color-contrast-fail", &r);
	assert_int_equal(r.verdict, CHECK_FAIL);
	assert_non_null(strstr(r.items[0].note, "contrast 2.32:1"));
	assert_non_null(strstr(r.items[0].note, "needs 4.5:1"));
	assert_non_null(strstr(r.items[1].note, "foreground #999999"));
	check_result_free(&r);
}

static const char *const bad_fails[] = {
	"image-alt", "label", "html-has-lang", "document-title",
	"color-contrast",
};

static const char *const bad_sels[] = {
	"img#hero", "input#q", "html", "html", "p#promo",
};

static void
test_bad_page(void **state)
{
	(void)state;
	for (size_t i = 0; i < audit_checks_a11y_count; i++) {
		const char *id = audit_checks_a11y[i].id;
		struct check_result r;
		size_t j;

		run_on(id, "bad", &r);
		for (j = 0; j < SA_NITEMS(bad_fails); j++)
			if (strcmp(bad_fails[j], id) == 0)
				break;
		if (j < SA_NITEMS(bad_fails)) {
			if (r.verdict != CHECK_FAIL)
				fail_msg("bad.html: %s did not fail", id);
			assert_string_equal(r.items[0].selector, bad_sels[j]);
		} else if (r.verdict == CHECK_FAIL) {
			fail_msg("bad.html: %s failed on %s", id,
			    r.items[0].selector);
		}
		check_result_free(&r);
	}
}

static void
test_good_page(void **state)
{
	size_t passed = 0;

	(void)state;
	for (size_t i = 0; i < audit_checks_a11y_count; i++) {
		struct check_result r;

		run_on(audit_checks_a11y[i].id, "good", &r);
		if (r.verdict == CHECK_FAIL)
			fail_msg("good.html: %s failed on %s (%s)",
			    audit_checks_a11y[i].id, r.items[0].selector,
			    r.items[0].note ? r.items[0].note : "");
		passed += r.verdict == CHECK_PASS;
		check_result_free(&r);
	}
	assert_true(passed >= 25);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_check_has_a_case),
		cmocka_unit_test(test_fail_fixtures),
		cmocka_unit_test(test_pass_fixtures),
		cmocka_unit_test(test_not_applicable),
		cmocka_unit_test(test_contrast_note),
		cmocka_unit_test(test_bad_page),
		cmocka_unit_test(test_good_page),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
