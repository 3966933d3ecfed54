/* test_dom.c: unit tests for the gumbo DOM helpers (lib/audit/dom.c). */
/* SPDX-License-Identifier: MIT */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "audit/dom.h"

static const char page[] =
    "<!doctype html><html lang=en><head><title>T</title></head><body>"
    "<main><form></form><form>"
    "<input id=q name=q><input name=r><input name=s>"
    "<label for=q>Search <b>terms</b></label>"
    "<label>Wrapped <input id=w2 class=x><select><option>Opt</select></label>"
    "<input aria-labelledby='l1 l2' id=ll><span id=l1>First</span>"
    "<span id=l2 aria-label='Second'>ignored</span>"
    "<input type=submit id=sub><input type=image id=ii alt='Go'>"
    "<input id=ph placeholder='Find'><input id=ti title='Tip'>"
    "</form></main>"
    "<p>  a\n\t b  <script>var x;</script>c </p>"
    "<a href=/x id=lk>Read <img src=a.png alt='more'><span hidden>no</span></a>"
    "<div id=dup></div><div id=dup></div>"
    "<div style='color:red; DISPLAY : none !important'><i id=deep>x</i></div>"
    "<div aria-hidden=' TRUE '><em id=ah>y</em></div>"
    "<my-widget id=w>z</my-widget>"
    "<button id=b1><svg aria-label='Close'></svg></button>"
    "<svg id=s1 role=img><title>Chart</title></svg>"
    "<div id='9bad'><span>q</span></div>"
    "</body></html>";

struct fx {
	GumboOutput *out;
};

static int
setup(void **state)
{
	static struct fx f;

	f.out = gumbo_parse(page);
	*state = &f;
	return f.out ? 0 : -1;
}

static int
teardown(void **state)
{
	struct fx *f = *state;

	gumbo_destroy_output(&kGumboDefaultOptions, f->out);
	return 0;
}

static const GumboNode *
by_id(void **state, const char *id)
{
	struct fx *f = *state;
	const GumboNode *n = dom_by_id(f->out->document, id);

	assert_non_null(n);
	return n;
}

static void
assert_name(void **state, const char *id, const char *want)
{
	struct fx *f = *state;
	char *s = dom_accessible_name(f->out->root, by_id(state, id));

	assert_non_null(s);
	assert_string_equal(s, want);
	free(s);
}

static void
assert_sel(const GumboNode *n, const char *want)
{
	char *s = dom_selector(n);

	assert_non_null(s);
	assert_string_equal(s, want);
	free(s);
}

static void
test_structure(void **state)
{
	struct fx *f = *state;

	assert_true(dom_is(dom_root(f->out), GUMBO_TAG_HTML));
	assert_true(dom_is(dom_head(f->out), GUMBO_TAG_HEAD));
	assert_true(dom_is(dom_body(f->out), GUMBO_TAG_BODY));
	assert_string_equal(dom_attr(dom_root(f->out), "lang"), "en");
	assert_null(dom_attr(dom_body(f->out), "lang"));
	assert_true(dom_is(dom_find(f->out->root, GUMBO_TAG_FORM),
	    GUMBO_TAG_FORM));
	assert_null(dom_find(dom_head(f->out), GUMBO_TAG_FORM));
	assert_string_equal(dom_tag_name(by_id(state, "w")), "my-widget");
	assert_string_equal(dom_tag_name(by_id(state, "q")), "input");
	assert_int_equal(dom_count_id(f->out->root, "dup"), 2);
	assert_null(dom_by_id(f->out->root, "nope"));
}

static bool
count_cb(const GumboNode *n, void *arg)
{
	size_t *c = arg;

	(*c)++;
	return !dom_is(n, GUMBO_TAG_MAIN);
}

static void
test_walk_skip(void **state)
{
	struct fx *f = *state;
	size_t all = 0, head = 0;

	dom_walk(dom_head(f->out), count_cb, &head);
	assert_int_equal(head, 2);            /* head, title */
	dom_walk(f->out->root, count_cb, &all);
	assert_true(all > 20);
	assert_true(all < 40);                /* main's subtree skipped */
}

static void
test_text(void **state)
{
	struct fx *f = *state;
	const GumboNode *p = dom_find(dom_body(f->out), GUMBO_TAG_P);
	char *s = dom_text(p);

	assert_string_equal(s, "a b c");
	free(s);
}

static void
test_names(void **state)
{
	assert_name(state, "q", "Search terms");
	assert_name(state, "w2", "Wrapped");
	assert_name(state, "ll", "First Second");
	assert_name(state, "sub", "Submit");
	assert_name(state, "ii", "Go");
	assert_name(state, "ph", "Find");
	assert_name(state, "ti", "Tip");
	assert_name(state, "lk", "Read more");
	assert_name(state, "b1", "Close");
	assert_name(state, "s1", "Chart");
	assert_name(state, "dup", "");
}

static void
test_hidden(void **state)
{
	assert_true(dom_is_hidden(by_id(state, "deep")));
	assert_true(dom_is_hidden(by_id(state, "ah")));
	assert_false(dom_is_hidden(by_id(state, "q")));
	assert_true(dom_style_has(dom_parent(by_id(state, "deep")),
	    "color", "red"));
	assert_false(dom_style_has(by_id(state, "q"), "color", "red"));
}

static void
test_selector(void **state)
{
	struct fx *f = *state;
	const GumboNode *form = by_id(state, "q")->parent;
	const GumboNode *r = form->v.element.children.data[1];

	assert_sel(by_id(state, "q"), "input#q");
	assert_sel(r, "main > form:nth-of-type(2) > input:nth-of-type(2)");
	assert_sel(by_id(state, "dup"), "div:nth-of-type(1)");
	assert_sel(by_id(state, "9bad")->v.element.children.data[0],
	    "div:nth-of-type(5) > span");
	assert_sel(dom_body(f->out), "body");
	assert_sel(dom_find(f->out->root, GUMBO_TAG_TITLE), "head > title");
}

static void
test_snippet(void **state)
{
	GumboOutput *o = gumbo_parse("<p title='\xc3\xa9\xc3\xa9\xc3\xa9'>x");
	const GumboNode *p = dom_find(o->root, GUMBO_TAG_P);
	char *s = dom_snippet(by_id(state, "q"), 200);

	assert_string_equal(s, "<input id=q name=q>");
	free(s);
	s = dom_snippet(p, 14);     /* "<p title='" is 10 bytes, é is 2 */
	assert_string_equal(s, "<p title='\xe2\x80\xa6");   /* mid-é */
	free(s);
	s = dom_snippet(p, 15);
	assert_string_equal(s, "<p title='\xc3\xa9\xe2\x80\xa6");
	assert_int_equal(strlen(s), 15);
	free(s);
	s = dom_snippet(dom_body(o), 200);   /* implied tag */
	assert_string_equal(s, "<body>");
	free(s);
	gumbo_destroy_output(&kGumboDefaultOptions, o);
}

static void
test_focus(void **state)
{
	GumboOutput *o = gumbo_parse("<a id=a>x</a><a id=b href=#>y</a>"
	    "<div id=c tabindex=-1></div><button id=d disabled></button>"
	    "<input id=e type=hidden><input id=f type=CHECKBOX>");
	const GumboNode *r = o->root;

	(void)state;
	assert_false(dom_is_focusable(dom_by_id(r, "a")));
	assert_true(dom_is_tabbable(dom_by_id(r, "b")));
	assert_true(dom_is_focusable(dom_by_id(r, "c")));
	assert_false(dom_is_tabbable(dom_by_id(r, "c")));
	assert_false(dom_is_focusable(dom_by_id(r, "d")));
	assert_false(dom_is_focusable(dom_by_id(r, "e")));
	assert_string_equal(dom_input_type(dom_by_id(r, "f")), "checkbox");
	assert_null(dom_input_type(dom_by_id(r, "a")));
	gumbo_destroy_output(&kGumboDefaultOptions, o);
}

static void
test_deep_tree(void **state)
{
	size_t n = 20000, i, c = 0;
	char *html = malloc(n * 5 + 1);
	GumboOutput *o;

	(void)state;
	assert_non_null(html);
	for (i = 0; i < n; i++)
		memcpy(html + i * 5, "<div>", 5);
	html[n * 5] = '\0';
	o = gumbo_parse(html);
	dom_walk(o->root, count_cb, &c);
	assert_int_equal(c, n + 3);           /* html, head, body + divs */
	gumbo_destroy_output(&kGumboDefaultOptions, o);
	free(html);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_structure),
		cmocka_unit_test(test_walk_skip),
		cmocka_unit_test(test_text),
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_hidden),
		cmocka_unit_test(test_selector),
		cmocka_unit_test(test_snippet),
		cmocka_unit_test(test_focus),
		cmocka_unit_test(test_deep_tree),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
