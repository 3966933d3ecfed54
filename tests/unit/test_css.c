/* test_css.c: unit tests for colour parsing, specificity, the cascade and
 * WCAG contrast maths (lib/audit/css*.c). */
/* SPDX-License-Identifier: MIT */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include <math.h>
#include "audit/css.h"
#include "audit/dom.h"

#define EPS 0.01

static double
fabs_diff(double a, double b)
{
	return fabs(a - b);
}

static struct css_color
color(const char *s)
{
	struct css_color c = { -1, -1, -1, -1 };

	if (!css_parse_color(s, strlen(s), &c))
		fail_msg("%s did not parse", s);
	return c;
}

static void
assert_rgba(struct css_color c, double r, double g, double b, double a)
{
	if (fabs_diff(c.r, r) > 0.6 || fabs_diff(c.g, g) > 0.6 ||
	    fabs_diff(c.b, b) > 0.6 || fabs_diff(c.a, a) > EPS)
		fail_msg("got (%g,%g,%g,%g), want (%g,%g,%g,%g)", c.r, c.g, c.b,
		    c.a, r, g, b, a);
}

static void
test_hex(void **state)
{
	(void)state;
	assert_rgba(color("#fff"), 255, 255, 255, 1);
	assert_rgba(color("#F80"), 255, 136, 0, 1);
	assert_rgba(color("#0008"), 0, 0, 0, 136.0 / 255);
	assert_rgba(color("  #1a2B3c "), 26, 43, 60, 1);
	assert_rgba(color("#11223380"), 17, 34, 51, 128.0 / 255);
}

static void
test_functions(void **state)
{
	(void)state;
	assert_rgba(color("rgb(255, 0, 0)"), 255, 0, 0, 1);
	assert_rgba(color("rgba(0,0,0,.5)"), 0, 0, 0, 0.5);
	assert_rgba(color("rgb(10 20 30 / 50%)"), 10, 20, 30, 0.5);
	assert_rgba(color("RGB(100%, 0%, 50%)"), 255, 0, 127.5, 1);
	assert_rgba(color("rgb(300, -5, 0)"), 255, 0, 0, 1);
	assert_rgba(color("hsl(120, 100%, 50%)"), 0, 255, 0, 1);
	assert_rgba(color("hsl(0 0% 50%)"), 127.5, 127.5, 127.5, 1);
	assert_rgba(color("hsla(240deg, 100%, 50%, 0.25)"), 0, 0, 255, 0.25);
	assert_rgba(color("hsl(0.5turn 100% 50%)"), 0, 255, 255, 1);
	assert_rgba(color("hsl(-120, 100%, 25%)"), 0, 0, 127.5, 1);
}

static void
test_named(void **state)
{
	(void)state;
	assert_rgba(color("RebeccaPurple"), 0x66, 0x33, 0x99, 1);
	assert_rgba(color("white"), 255, 255, 255, 1);
	assert_rgba(color("grey"), 128, 128, 128, 1);
	assert_rgba(color("lightgoldenrodyellow"), 0xfa, 0xfa, 0xd2, 1);
	assert_rgba(color("transparent"), 0, 0, 0, 0);
}

static void
test_invalid(void **state)
{
	static const char *const bad[] = { "#12", "#ggg", "#12345", "rgb(1,2)",
	    "rgb(1,2,3", "rgb(a,b,c)", "notacolour", "", "hsl(1,2,3,4,5)",
	    "rgb(1px, 2, 3)", "var(--brand)" };
	struct css_color c;

	(void)state;
	for (size_t i = 0; i < SA_NITEMS(bad); i++)
		if (css_parse_color(bad[i], strlen(bad[i]), &c))
			fail_msg("\"%s\" parsed", bad[i]);
}

static void
test_specificity(void **state)
{
	static const struct {
		const char *sel;
		long spec;
	} t[] = {
		{ "p", 1 }, { ".a", 100 }, { "#x", 10000 }, { "*", 0 },
		{ "div p.a#b", 10102 }, { "ul > li", 2 }, { "a.b.c", 201 },
		{ "a:hover", -1 }, { "a[href]", -1 }, { "a + b", -1 },
		{ "a ~ b", -1 }, { "p::first-line", -1 }, { "a >", -1 },
	};

	(void)state;
	for (size_t i = 0; i < SA_NITEMS(t); i++)
		if (css_specificity(t[i].sel, strlen(t[i].sel)) != t[i].spec)
			fail_msg("%s: %ld, want %ld", t[i].sel,
			    css_specificity(t[i].sel, strlen(t[i].sel)),
			    t[i].spec);
}

static void
test_contrast_maths(void **state)
{
	struct css_color w = { 255, 255, 255, 1 }, b = { 0, 0, 0, 1 };

	(void)state;
	assert_true(fabs_diff(css_luminance(w), 1) < 1e-9);
	assert_true(fabs_diff(css_luminance(b), 0) < 1e-9);
	assert_true(fabs_diff(css_contrast(b, w), 21) < 1e-9);
	assert_true(fabs_diff(css_contrast(w, b), 21) < 1e-9);
	assert_true(fabs_diff(css_contrast(w, w), 1) < 1e-9);
	/* #767676 is the lightest grey that passes 4.5:1 on white. */
	assert_true(fabs_diff(css_contrast(color("#767676"), w), 4.54) < EPS);
	assert_true(css_contrast(color("#777777"), w) < 4.5);
	assert_true(fabs_diff(css_contrast(color("#aaaaaa"), w), 2.32) < EPS);
	assert_rgba(css_blend(color("rgba(0,0,0,0.5)"), w), 127.5, 127.5,
	    127.5, 1);
}

struct doc {
	GumboOutput *out;
	struct css_sheet *css;
};

static struct doc
parse(const char *html)
{
	struct doc d;

	d.out = gumbo_parse(html);
	d.css = css_sheet_new();
	assert_non_null(d.css);
	assert_int_equal(css_sheet_add_styles(d.css, d.out->document), SA_OK);
	return d;
}

static void
doc_free(struct doc *d)
{
	gumbo_destroy_output(&kGumboDefaultOptions, d->out);
	css_sheet_free(d->css);
}

static struct css_style
style_of(const struct doc *d, const char *id)
{
	struct css_style st;
	const GumboNode *n = dom_by_id(d->out->root, id);

	if (n == NULL)
		fail_msg("no #%s", id);
	css_compute(d->css, n, &st);
	return st;
}

static void
test_cascade_order(void **state)
{
	struct doc d = parse("<style>/* c */ p { color: red }"
	    "#y { color: green } .x { color: blue }"
	    ".z { color: #010101 } .z { color: #020202 }"
	    ".imp { color: #030303 !important } #w { color: #040404 }"
	    "</style><p class=x id=y>a</p><p class=z id=z>b</p>"
	    "<p class=imp id=w>c</p><p id=i style='color: #050505' class=x>d"
	    "</p><p id=ii class=imp style='color:#060606 !important'>e</p>");

	(void)state;
	assert_rgba(style_of(&d, "y").color, 0, 128, 0, 1);       /* id */
	assert_rgba(style_of(&d, "z").color, 2, 2, 2, 1);         /* order */
	assert_rgba(style_of(&d, "w").color, 3, 3, 3, 1);   /* !important */
	assert_rgba(style_of(&d, "i").color, 5, 5, 5, 1);         /* inline */
	assert_rgba(style_of(&d, "ii").color, 6, 6, 6, 1);
	doc_free(&d);
}

static void
test_inheritance_and_background(void **state)
{
	struct doc d = parse("<style>div.dark { background: #000 "
	    "url(x.png) } .box { background-color: rgba(0,0,0,0.5) }"
	    "section { color: #fff; background-color: #036 }"
	    "article > p { color: #111 } a.c { color: #222 }</style>"
	    "<section><p><span id=s>t</span></p></section>"
	    "<div class=box><p id=half>t</p></div>"
	    "<div class=dark><p id=img>t</p></div>"
	    "<article><div><p id=nochild>t</p></div><p id=child>t</p>"
	    "</article><p><a id=link class=c href=x>l</a><a id=plain>p</a>"
	    "<a id=ua href=y>u</a></p>");
	struct css_style st = style_of(&d, "s");

	(void)state;
	assert_rgba(st.color, 255, 255, 255, 1);
	assert_rgba(st.background, 0, 0x33, 0x66, 1);
	assert_false(st.bg_image);
	assert_rgba(style_of(&d, "half").background, 127.5, 127.5, 127.5, 1);
	assert_true(style_of(&d, "img").bg_image);
	assert_rgba(style_of(&d, "nochild").color, 0, 0, 0, 1);
	assert_rgba(style_of(&d, "child").color, 17, 17, 17, 1);
	assert_rgba(style_of(&d, "link").color, 34, 34, 34, 1);
	assert_rgba(style_of(&d, "plain").color, 0, 0, 0, 1);
	assert_rgba(style_of(&d, "ua").color, 0, 0, 238, 1);  /* UA link */
	doc_free(&d);
}

static void
test_fonts(void **state)
{
	struct doc d = parse("<style>.big { font-size: 1.5em } "
	    ".pt { font-size: 18pt } .pc { font-size: 50% } "
	    ".bold { font-weight: bold } .w { font-weight: 600 } "
	    "@media (min-width: 10px) { .pt { font-size: 99px } }"
	    "</style><h1 id=h>x</h1><div class=big><p id=p class=pc>x</p>"
	    "</div><p id=pt class=pt>x</p><p id=b class='pt bold'>x</p>"
	    "<p id=w class=w style='font-size: x-large'>x</p>");
	struct css_style st = style_of(&d, "h");

	(void)state;
	assert_true(fabs_diff(st.font_px, 32) < EPS);
	assert_int_equal(st.font_weight, 700);
	assert_true(css_is_large_text(&st));
	st = style_of(&d, "p");
	assert_true(fabs_diff(st.font_px, 12) < EPS);
	st = style_of(&d, "pt");
	assert_true(fabs_diff(st.font_px, 24) < EPS);
	assert_true(css_is_large_text(&st));
	st = style_of(&d, "w");
	assert_true(fabs_diff(st.font_px, 24) < EPS);
	assert_int_equal(st.font_weight, 600);
	st = (struct css_style){ .font_px = 18.66, .font_weight = 700 };
	assert_true(css_is_large_text(&st));
	st.font_weight = 400;
	assert_false(css_is_large_text(&st));
	doc_free(&d);
}

static void
test_hidden_and_unsupported(void **state)
{
	struct doc d = parse("<style>.off { display: none } a:hover, p[title] "
	    "{ color: red } .v { visibility: hidden } h2, .list { color: "
	    "#0000ff }</style><div class=off><p id=gone>x</p></div>"
	    "<p id=t title=t>x</p><div class=v><span id=inv>x</span></div>"
	    "<h2 id=h2>x</h2><b class=list id=l>x</b>");

	(void)state;
	assert_true(style_of(&d, "gone").hidden);
	assert_true(style_of(&d, "inv").hidden);
	assert_false(style_of(&d, "t").hidden);
	assert_rgba(style_of(&d, "t").color, 0, 0, 0, 1);
	assert_rgba(style_of(&d, "h2").color, 0, 0, 255, 1);
	assert_rgba(style_of(&d, "l").color, 0, 0, 255, 1);
	assert_int_equal(css_sheet_rules(d.css), 4);   /* off, v, h2, .list */
	doc_free(&d);
}

static void
test_garbage(void **state)
{
	static const char *const junk[] = { "}}} {{{ a { color: ", "@media {",
	    "p { color: red; background: url('a;b}') } q { color: blue }",
	    "/* unterminated", "a{}", "\"", "@import 'x.css'; p{color:#000}" };
	struct css_sheet *s = css_sheet_new();

	(void)state;
	for (size_t i = 0; i < SA_NITEMS(junk); i++)
		assert_int_equal(css_sheet_add(s, junk[i], strlen(junk[i])),
		    SA_OK);
	assert_int_equal(css_sheet_rules(s), 3);  /* p, q, p */
	css_sheet_free(s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hex),
		cmocka_unit_test(test_functions),
		cmocka_unit_test(test_named),
		cmocka_unit_test(test_invalid),
		cmocka_unit_test(test_specificity),
		cmocka_unit_test(test_contrast_maths),
		cmocka_unit_test(test_cascade_order),
		cmocka_unit_test(test_inheritance_and_background),
		cmocka_unit_test(test_fonts),
		cmocka_unit_test(test_hidden_and_unsupported),
		cmocka_unit_test(test_garbage),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
