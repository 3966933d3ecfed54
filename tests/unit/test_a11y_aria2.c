/* test_a11y_aria2.c: the 16 rules ported from axe-core 4.14.1
 * (checks_a11y_aria2.c, _names2.c, _misc2.c, _roles2.c) on inline HTML:
 * a failing and a passing case per rule plus the edge cases where axe
 * says "needs review" (which must not fail here). */
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
#include "audit/checks_a11y.h"
#include "audit/css.h"
#include "audit/dom.h"

enum { NA = CHECK_NA, PASS = CHECK_PASS, FAIL = CHECK_FAIL };

struct tc {
	const char *id;
	const char *body;     /* inside <body> */
	int         want;
	const char *sel;      /* first failing item's selector, for FAIL */
};

static const struct tc cases[] = {
	/* aria-required-children */
	{ "aria-required-children", "<div role=\"list\" id=\"l\"><p>x</p></div>",
	  FAIL, "div#l" },
	{ "aria-required-children", "<div role=\"list\" id=\"l\"><button>b"
	  "</button><div role=\"listitem\">a</div></div>", FAIL, "div#l" },
	{ "aria-required-children", "<div role=\"list\"><div><div role=\""
	  "listitem\">a</div></div></div>", PASS, NULL },
	{ "aria-required-children", "<ul role=\"menu\"><li role=\"none\"><a "
	  "role=\"menuitem\" href=\"#a\">A</a></li></ul>", PASS, NULL },
	{ "aria-required-children", "<div role=\"row\" id=\"r\"></div>", FAIL,
	  "div#r" },
	/* empty list: axe asks for review, not applicable here */
	{ "aria-required-children", "<div role=\"list\"></div>", NA, NULL },
	{ "aria-required-children", "<div role=\"list\" aria-busy=\"true\">"
	  "loading</div>", PASS, NULL },
	{ "aria-required-children", "<div role=\"tablist\" aria-owns=\"t\">"
	  "</div><div role=\"tab\" id=\"t\">T</div>", PASS, NULL },
	{ "aria-required-children", "<table role=\"table\"><tr><td>a</td></tr>"
	  "</table>", PASS, NULL },
	/* aria-required-parent */
	{ "aria-required-parent", "<div role=\"option\" id=\"o\">x</div>",
	  FAIL, "div#o" },
	{ "aria-required-parent", "<div role=\"listbox\"><div><div role=\""
	  "option\">x</div></div></div>", PASS, NULL },
	{ "aria-required-parent", "<ul><li role=\"listitem\">x</li></ul>", PASS,
	  NULL },
	{ "aria-required-parent", "<div role=\"listbox\" aria-owns=\"o\"></div>"
	  "<div role=\"option\" id=\"o\">x</div>", PASS, NULL },
	{ "aria-required-parent", "<div role=\"tree\"><div role=\"treeitem\">a"
	  "<div role=\"group\"><div role=\"treeitem\">b</div></div></div></div>",
	  PASS, NULL },
	{ "aria-required-parent", "<div role=\"list\"><div role=\"group\"><div "
	  "role=\"listitem\" id=\"li\">b</div></div></div>", FAIL, "div#li" },
	{ "aria-required-parent", "<p>no roles</p>", NA, NULL },
	/* aria-allowed-attr */
	{ "aria-allowed-attr", "<div role=\"link\" id=\"a\" aria-pressed=\"true\">"
	  "x</div>", FAIL, "div#a" },
	{ "aria-allowed-attr", "<span id=\"s\" aria-checked=\"true\">x</span>",
	  FAIL, "span#s" },
	{ "aria-allowed-attr", "<div role=\"button\" aria-pressed=\"true\" "
	  "aria-label=\"Bold\"></div>", PASS, NULL },
	{ "aria-allowed-attr", "<div role=\"textbox\" aria-required=\"false\" "
	  "aria-multiline=\"true\"></div>", PASS, NULL },
	/* implicit roles are not judged: no false positive */
	{ "aria-allowed-attr", "<input type=\"checkbox\" aria-checked=\"true\" "
	  "checked>", PASS, NULL },
	{ "aria-allowed-attr", "<div role=\"button\" aria-bogus=\"1\">x</div>",
	  PASS, NULL },
	/* aria-prohibited-attr */
	{ "aria-prohibited-attr", "<span id=\"s\" aria-label=\"x\"></span>",
	  FAIL, "span#s" },
	{ "aria-prohibited-attr", "<p role=\"paragraph\" id=\"p\" aria-label="
	  "\"x\"><img src=\"a.png\" alt=\"\"></p>", FAIL, "p#p" },
	/* text still speaks: axe needs review */
	{ "aria-prohibited-attr", "<span aria-label=\"x\">Hello</span>", PASS,
	  NULL },
	{ "aria-prohibited-attr", "<button><span aria-label=\"Close\"></span>"
	  "</button>", PASS, NULL },
	{ "aria-prohibited-attr", "<div role=\"img\" aria-label=\"Chart\">"
	  "</div>", PASS, NULL },
	{ "aria-prohibited-attr", "<div aria-label=\" \"></div>", NA, NULL },
	/* aria-conditional-attr */
	{ "aria-conditional-attr", "<input type=\"radio\" id=\"r\" checked "
	  "aria-checked=\"false\">", FAIL, "input#r" },
	{ "aria-conditional-attr", "<table><tr id=\"tr\" aria-expanded=\"true\">"
	  "<td>a</td></tr></table>", FAIL, "tr#tr" },
	{ "aria-conditional-attr", "<input type=\"checkbox\" aria-checked=\""
	  "false\">", PASS, NULL },
	{ "aria-conditional-attr", "<div role=\"treegrid\"><div role=\"row\" "
	  "aria-level=\"2\"><div role=\"gridcell\">a</div></div></div>", PASS,
	  NULL },
	/* aria-command-name */
	{ "aria-command-name", "<span role=\"link\" id=\"l\" tabindex=\"0\">"
	  "</span>", FAIL, "span#l" },
	{ "aria-command-name", "<div role=\"menu\"><div role=\"menuitem\" "
	  "id=\"m\" aria-labelledby=\"nothing\"></div></div>", FAIL, "div#m" },
	{ "aria-command-name", "<span id=\"lbl\">Open</span><div role=\"button\""
	  " aria-labelledby=\"lbl\"></div>", PASS, NULL },
	{ "aria-command-name", "<div role=\"button\" title=\"Close\"></div>",
	  PASS, NULL },
	/* native elements are button-name / link-name's */
	{ "aria-command-name", "<button role=\"link\"></button>", NA, NULL },
	/* aria-dialog-name */
	{ "aria-dialog-name", "<div role=\"alertdialog\" id=\"d\">Text</div>",
	  FAIL, "div#d" },
	{ "aria-dialog-name", "<div role=\"dialog\" title=\"Cart\"></div>",
	  PASS, NULL },
	/* hidden by the page's CSS: axe skips it */
	{ "aria-dialog-name", "<style>.closed{display:none}</style><div "
	  "class=\"closed\"><div role=\"dialog\"></div></div>", NA, NULL },
	/* aria-input-field-name */
	{ "aria-input-field-name", "<div role=\"spinbutton\" id=\"s\" "
	  "aria-valuenow=\"1\">1</div>", FAIL, "div#s" },
	{ "aria-input-field-name", "<div role=\"searchbox\" aria-label=\"Find\">"
	  "</div>", PASS, NULL },
	{ "aria-input-field-name", "<div role=\"combobox\"><input aria-label="
	  "\"City\"></div>", NA, NULL },
	{ "aria-input-field-name", "<div role=\"combobox\" aria-controls=\"lb\""
	  " aria-label=\"City\" aria-expanded=\"true\"></div><div role=\""
	  "listbox\" id=\"lb\"></div>", PASS, NULL },
	{ "aria-input-field-name", "<input role=\"combobox\">", NA, NULL },
	/* aria-toggle-field-name */
	{ "aria-toggle-field-name", "<div role=\"listbox\" aria-label=\"L\">"
	  "<div role=\"option\" id=\"o\"></div></div>", FAIL, "div#o" },
	{ "aria-toggle-field-name", "<div role=\"radio\" aria-checked=\"false\">"
	  "Small</div>", PASS, NULL },
	/* aria-tooltip-name */
	{ "aria-tooltip-name", "<div role=\"tooltip\" id=\"t\"> </div>", FAIL,
	  "div#t" },
	{ "aria-tooltip-name", "<div role=\"tooltip\" aria-label=\"Help\">"
	  "</div>", PASS, NULL },
	/* aria-treeitem-name */
	{ "aria-treeitem-name", "<div role=\"tree\"><div role=\"treeitem\" "
	  "id=\"t\"><img src=\"a.png\" alt=\"\"></div></div>", FAIL, "div#t" },
	{ "aria-treeitem-name", "<div role=\"tree\"><div role=\"treeitem\" "
	  "title=\"src\"></div></div>", PASS, NULL },
	/* aria-text */
	{ "aria-text", "<span role=\"text\" id=\"t\">a <button>b</button></span>",
	  FAIL, "span#t" },
	{ "aria-text", "<span role=\"text\">a <span tabindex=\"0\">b</span>"
	  "</span>", PASS, NULL },
	{ "aria-text", "<span role=\"text\">a <a>no href</a></span>", PASS,
	  NULL },
	/* input-button-name */
	{ "input-button-name", "<input type=\"submit\" id=\"s\" value=\"\">",
	  FAIL, "input#s" },
	{ "input-button-name", "<input type=\"RESET\" id=\"r\" value=\"  \">",
	  FAIL, "input#r" },
	{ "input-button-name", "<input type=\"submit\">", PASS, NULL },
	{ "input-button-name", "<label>Send <input type=\"button\"></label>",
	  PASS, NULL },
	{ "input-button-name", "<label for=\"b\">Send</label><input type=\""
	  "button\" id=\"b\">", PASS, NULL },
	{ "input-button-name", "<input type=\"button\" role=\"presentation\">",
	  PASS, NULL },
	{ "input-button-name", "<input type=\"text\">", NA, NULL },
	/* table-duplicate-name */
	{ "table-duplicate-name", "<table id=\"t\" summary=\" Monthly  PRICES\">"
	  "<caption>monthly prices</caption><tr><td>1</td></tr></table>", FAIL,
	  "table#t" },
	{ "table-duplicate-name", "<table summary=\"\"><caption>Prices</caption>"
	  "<tr><td>1</td></tr></table>", PASS, NULL },
	{ "table-duplicate-name", "<table><tr><td>1</td></tr></table>", PASS,
	  NULL },
	/* autocomplete-valid */
	{ "autocomplete-valid", "<input id=\"a\" autocomplete=\"home email "
	  "tel\">", FAIL, "input#a" },
	{ "autocomplete-valid", "<input id=\"a\" autocomplete=\"work name\">",
	  FAIL, "input#a" },
	{ "autocomplete-valid", "<input id=\"a\" autocomplete=\"webauthn\">",
	  FAIL, "input#a" },
	{ "autocomplete-valid", "<input autocomplete=\"section-a billing "
	  "mobile tel-national webauthn\">", PASS, NULL },
	{ "autocomplete-valid", "<select autocomplete=\"Country\"></select>",
	  PASS, NULL },
	/* ignored purposes are "needs review" in axe */
	{ "autocomplete-valid", "<input autocomplete=\"gender\">", PASS, NULL },
	{ "autocomplete-valid", "<input readonly autocomplete=\"bogus\">", NA,
	  NULL },
	{ "autocomplete-valid", "<input type=\"hidden\" autocomplete=\"x\">",
	  NA, NULL },
	/* presentation-role-conflict */
	{ "presentation-role-conflict", "<img id=\"i\" src=\"a.png\" alt=\"\" "
	  "aria-describedby=\"x\"><p id=\"x\">d</p>", FAIL, "img#i" },
	{ "presentation-role-conflict", "<button role=\"none\" id=\"b\">x"
	  "</button>", FAIL, "button#b" },
	{ "presentation-role-conflict", "<img src=\"a.png\" alt=\"\">"
	  "<ul role=\"none\"><li>x</li></ul>", PASS, NULL },
	{ "presentation-role-conflict", "<p>none</p>", NA, NULL },
};

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
run_html(const char *id, const char *body, struct check_result *r)
{
	char *html = NULL;
	GumboOutput *out;
	struct css_sheet *css;
	struct page_ctx ctx;
	int n = asprintf(&html, "<!doctype html><html lang=\"en\"><head>"
	    "<title>t</title></head><body><main>%s</main></body></html>", body);

	assert_true(n > 0);
	out = gumbo_parse(html);
	css = css_sheet_new();
	assert_non_null(css);
	assert_int_equal(css_sheet_add_styles(css, out->document), SA_OK);
	ctx = (struct page_ctx){ .url = "http://localhost/t.html",
	    .status = 200, .html = html, .html_len = (size_t)n, .gumbo = out,
	    .css = css };
	*r = (struct check_result){ .verdict = CHECK_NA };
	def_of(id)->run(&ctx, r);
	gumbo_destroy_output(&kGumboDefaultOptions, out);
	css_sheet_free(css);
	free(html);
}

static void
test_cases(void **state)
{
	(void)state;
	for (size_t i = 0; i < SA_NITEMS(cases); i++) {
		const struct tc *c = &cases[i];
		struct check_result r;

		run_html(c->id, c->body, &r);
		if ((int)r.verdict != c->want)
			fail_msg("case %zu %s: verdict %d, want %d (first %s: %s)",
			    i, c->id, r.verdict, c->want,
			    r.nitems ? r.items[0].selector : "-",
			    r.nitems && r.items[0].note ? r.items[0].note : "-");
		if (c->want == FAIL) {
			assert_int_equal(r.nitems, 1);
			assert_string_equal(r.items[0].selector, c->sel);
			assert_non_null(r.items[0].note);
		} else {
			assert_int_equal(r.nitems, 0);
		}
		check_result_free(&r);
	}
}

static const char *const new_ids[] = { "aria-required-children",
    "aria-required-parent", "aria-allowed-attr", "aria-prohibited-attr",
    "aria-conditional-attr", "aria-command-name", "aria-dialog-name",
    "aria-input-field-name", "aria-toggle-field-name", "aria-tooltip-name",
    "aria-treeitem-name", "aria-text", "input-button-name",
    "table-duplicate-name", "autocomplete-valid",
    "presentation-role-conflict" };

static char *
slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long len;

	if (f == NULL)
		fail_msg("cannot open %s (run from the repo root)", path);
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	len = ftell(f);
	rewind(f);
	buf = calloc(1, (size_t)len + 1);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)len, f), (size_t)len);
	fclose(f);
	return buf;
}

/* e-edge-{fail,pass}.html: Lighthouse 13.5 failed exactly these rules on
 * exactly these elements (docs/lighthouse-comparison.md). */
static const struct { const char *id; size_t n; const char *sel; } edge[] = {
	{ "aria-required-children", 2, "div#mixed" },
	{ "aria-required-parent", 1, "div#grouped" },
	{ "aria-allowed-attr", 1, "span#state" },
	{ "aria-prohibited-attr", 1, "p#para" },
	{ "aria-conditional-attr", 1, "tr#row" },
	{ "aria-command-name", 1, "div#cmd" },
	{ "input-button-name", 1, "input#blank" },
	{ "autocomplete-valid", 1, "input#ac" },
	{ "presentation-role-conflict", 1, "button#btn" },
};

static void
run_file(const char *id, const char *path, struct check_result *r)
{
	char *html = slurp(path);
	GumboOutput *out = gumbo_parse(html);
	struct css_sheet *css = css_sheet_new();
	struct page_ctx ctx;

	assert_non_null(css);
	assert_int_equal(css_sheet_add_styles(css, out->document), SA_OK);
	ctx = (struct page_ctx){ .url = "http://localhost/e.html",
	    .status = 200, .html = html, .html_len = strlen(html),
	    .gumbo = out, .css = css };
	*r = (struct check_result){ .verdict = CHECK_NA };
	def_of(id)->run(&ctx, r);
	gumbo_destroy_output(&kGumboDefaultOptions, out);
	css_sheet_free(css);
	free(html);
}

static void
test_edge_pages(void **state)
{
	(void)state;
	for (size_t i = 0; i < SA_NITEMS(new_ids); i++) {
		struct check_result r;
		size_t j, want = 0;
		const char *sel = NULL;

		run_file(new_ids[i], "tests/fixtures/a11y/e-edge-pass.html", &r);
		if (r.verdict == CHECK_FAIL)
			fail_msg("e-edge-pass: %s failed on %s", new_ids[i],
			    r.items[0].selector);
		check_result_free(&r);
		for (j = 0; j < SA_NITEMS(edge); j++)
			if (strcmp(edge[j].id, new_ids[i]) == 0) {
				want = edge[j].n;
				sel = edge[j].sel;
			}
		run_file(new_ids[i], "tests/fixtures/a11y/e-edge-fail.html", &r);
		if (r.nitems != want)
			fail_msg("e-edge-fail: %s has %zu items, want %zu",
			    new_ids[i], r.nitems, want);
		if (sel != NULL)
			assert_string_equal(r.items[0].selector, sel);
		check_result_free(&r);
	}
}

/* Every new rule has at least one failing and one passing case. */
static void
test_each_rule_covered(void **state)
{
	const char *const *ids = new_ids;

	(void)state;
	for (size_t i = 0; i < SA_NITEMS(new_ids); i++) {
		bool fails = false, passes = false;
		for (size_t j = 0; j < SA_NITEMS(cases); j++) {
			if (strcmp(cases[j].id, ids[i]) != 0)
				continue;
			fails |= cases[j].want == FAIL;
			passes |= cases[j].want == PASS;
		}
		if (!fails || !passes)
			fail_msg("%s lacks a failing or passing case", ids[i]);
	}
}

/* The agent-accessibility-tree check runs the new rules too. */
static void
test_agent_tree_uses_rules(void **state)
{
	const struct check_def *tree = NULL;
	struct check_result r = { .verdict = CHECK_NA };
	char *html = strdup("<!doctype html><html lang=\"en\"><head><title>t"
	    "</title></head><body><main><h1>x</h1><div role=\"tooltip\" "
	    "id=\"tip\"></div></main></body></html>");
	GumboOutput *out = gumbo_parse(html);
	struct page_ctx ctx = { .url = "http://localhost/", .status = 200,
	    .html = html, .html_len = strlen(html), .gumbo = out };

	(void)state;
	for (size_t i = 0; i < audit_checks_agent_count; i++)
		if (strcmp(audit_checks_agent[i].id, "agent-accessibility-tree")
		    == 0)
			tree = &audit_checks_agent[i];
	assert_non_null(tree);
	tree->run(&ctx, &r);
	assert_int_equal(r.verdict, CHECK_FAIL);
	assert_int_equal(r.nitems, 1);
	assert_string_equal(r.items[0].selector, "div#tip");
	assert_non_null(strstr(r.items[0].note, "aria-tooltip-name"));
	check_result_free(&r);
	gumbo_destroy_output(&kGumboDefaultOptions, out);
	free(html);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cases),
		cmocka_unit_test(test_each_rule_covered),
		cmocka_unit_test(test_edge_pages),
		cmocka_unit_test(test_agent_tree_uses_rules),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
