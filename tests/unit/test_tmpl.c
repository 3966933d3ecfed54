/* test_tmpl.c: the template renderer — escaping, sections, loops, partials, markup. */
/* SPDX-License-Identifier: MIT */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>
#include "tmpl/tmpl.h"
#include "tmpl/tmpl_file.h"

static char dir[64];

/* Renders src with the JSON ctx; returns a malloc'd string or NULL on error. */
static char *
render(const char *src, const char *ctx_json)
{
	json_object *ctx = json_tokener_parse(ctx_json);
	struct buf b;
	char err[128];
	char *out = NULL;

	buf_init(&b, 1 << 20);
	if (tmpl_render_text(dir, src, strlen(src), ctx, &b, err, sizeof(err)) == SA_OK)
		out = buf_take(&b, NULL);
	buf_free(&b);
	json_object_put(ctx);
	return out;
}

static void
expect(const char *src, const char *ctx, const char *want)
{
	char *got = render(src, ctx);

	assert_non_null(got);
	assert_string_equal(got, want);
	free(got);
}

static void
escapes_every_special_character(void **state)
{
	(void)state;
	expect("<p title=\"{{t}}\">{{t}}</p>", "{\"t\": \"a&b<c>d\\\"e'f\"}",
	    "<p title=\"a&amp;b&lt;c&gt;d&quot;e&#39;f\">a&amp;b&lt;c&gt;d&quot;e&#39;f</p>");
	expect("{{x}}", "{\"x\": \"<img src=x onerror=alert(1)>\"}",
	    "&lt;img src=x onerror=alert(1)&gt;");
}

static void
no_raw_syntax_for_data(void **state)
{
	(void)state;
	/* Mustache's raw forms {{{x}}} and {{&x}} are syntax errors here */
	assert_null(render("{{{x}}}", "{\"x\": \"<b>\"}"));
	assert_null(render("{{&x}}", "{\"x\": \"<b>\"}"));
}

static void
markup_values_are_the_only_raw_output(void **state)
{
	json_object *ctx = json_object_new_object();
	struct buf b;

	(void)state;
	json_object_object_add(ctx, "svg", tmpl_markup("<svg/>", 6));
	json_object_object_add(ctx, "text", json_object_new_string("<svg/>"));
	buf_init(&b, 1024);
	assert_int_equal(tmpl_render_text(NULL, "{{svg}}|{{text}}", 16, ctx, &b, NULL, 0),
	    SA_OK);
	assert_string_equal(buf_str(&b), "<svg/>|&lt;svg/&gt;");
	assert_true(tmpl_is_markup(json_object_object_get(ctx, "svg")));
	assert_false(tmpl_is_markup(json_object_object_get(ctx, "text")));
	buf_free(&b);
	json_object_put(ctx);
}

static void
numbers_bools_and_missing_keys(void **state)
{
	(void)state;
	expect("[{{n}}|{{d}}|{{b}}|{{missing}}|{{o.missing.deep}}]",
	    "{\"n\": 42, \"d\": 0.08, \"b\": true, \"o\": {}}", "[42|0.08|true||]");
	expect("{{a.b.c}}", "{\"a\": {\"b\": {\"c\": \"deep\"}}}", "deep");
}

static void
loops_push_each_element(void **state)
{
	(void)state;
	expect("<ul>{{#xs}}<li>{{name}}:{{top}}</li>{{/xs}}</ul>",
	    "{\"top\": \"T\", \"xs\": [{\"name\": \"a\"}, {\"name\": \"<b>\"}]}",
	    "<ul><li>a:T</li><li>&lt;b&gt;:T</li></ul>");
	expect("{{#xs}}{{.}},{{/xs}}", "{\"xs\": [1, \"x\", 2]}", "1,x,2,");
	expect("{{#xs.0}}first={{name}}{{/xs.0}}", "{\"xs\": [{\"name\": \"a\"}]}", "first=a");
	expect("{{#xs.0}}never{{/xs.0}}", "{\"xs\": []}", "");
}

static void
conditionals_and_inverted_sections(void **state)
{
	(void)state;
	expect("{{#ok}}yes{{/ok}}{{^ok}}no{{/ok}}", "{\"ok\": true}", "yes");
	expect("{{#ok}}yes{{/ok}}{{^ok}}no{{/ok}}", "{\"ok\": false}", "no");
	expect("{{#ok}}yes{{/ok}}{{^ok}}no{{/ok}}", "{}", "no");
	expect("{{^xs}}empty{{/xs}}", "{\"xs\": []}", "empty");
	expect("{{^s}}empty{{/s}}", "{\"s\": \"\"}", "empty");
	expect("{{#n}}zero is {{n}}{{/n}}", "{\"n\": 0}", "zero is 0");
	expect("{{#o}}{{k}}{{/o}}", "{\"o\": {\"k\": \"v\"}}", "v");
	expect("{{#a}}{{#a}}in{{/a}}{{/a}}", "{\"a\": true}", "in");
	expect("{{! a comment }}x", "{}", "x");
}

static void
syntax_errors_are_reported(void **state)
{
	(void)state;
	assert_null(render("{{#a}}never closed", "{}"));
	assert_null(render("{{#a}}x{{/b}}", "{}"));
	assert_null(render("{{/a}}", "{}"));
	assert_null(render("{{unterminated", "{}"));
	assert_null(render("{{}}", "{}"));
}

static void
write_file(const char *name, const char *text)
{
	char path[128];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s.html", dir, name);
	assert_non_null(f = fopen(path, "w"));
	fputs(text, f);
	fclose(f);
}

static void
partials_and_layout(void **state)
{
	json_object *ctx;
	struct buf b;
	char err[128];

	(void)state;
	write_file("item", "<i>{{name}}</i>");
	write_file("page", "{{#xs}}{{>item}}{{/xs}}");
	write_file("layout", "<main>{{content}}</main><title>{{title}}</title>");
	write_file("loop", "{{>loop}}");
	expect("{{#xs}}{{>item}}{{/xs}}", "{\"xs\": [{\"name\": \"<a>\"}]}", "<i>&lt;a&gt;</i>");
	assert_null(render("{{>missing}}", "{}"));
	assert_null(render("{{>../etc/passwd}}", "{}"));
	assert_null(render("{{>loop}}", "{}"));   /* endless recursion is cut */
	ctx = json_tokener_parse("{\"title\": \"<T>\", \"xs\": [{\"name\": \"n\"}]}");
	buf_init(&b, 4096);
	assert_int_equal(tmpl_page(dir, "page", ctx, &b, err, sizeof(err)), SA_OK);
	assert_string_equal(buf_str(&b), "<main><i>n</i></main><title>&lt;T&gt;</title>");
	buf_free(&b);
	json_object_put(ctx);
}

static int
setup(void **state)
{
	(void)state;
	snprintf(dir, sizeof(dir), "/tmp/test_tmpl.XXXXXX");
	return mkdtemp(dir) ? 0 : -1;
}

static int
teardown(void **state)
{
	const char *names[] = { "item", "page", "layout", "loop" };
	char path[128];

	(void)state;
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		snprintf(path, sizeof(path), "%s/%s.html", dir, names[i]);
		unlink(path);
	}
	rmdir(dir);
	tmpl_file_flush();
	return 0;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(escapes_every_special_character),
		cmocka_unit_test(no_raw_syntax_for_data),
		cmocka_unit_test(markup_values_are_the_only_raw_output),
		cmocka_unit_test(numbers_bools_and_missing_keys),
		cmocka_unit_test(loops_push_each_element),
		cmocka_unit_test(conditionals_and_inverted_sections),
		cmocka_unit_test(syntax_errors_are_reported),
		cmocka_unit_test(partials_and_layout),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
