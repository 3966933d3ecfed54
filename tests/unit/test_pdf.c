/* test_pdf.c: the PDF renderer — valid files, atomic writes, odd input. */
/* SPDX-License-Identifier: MIT */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>
#include "pdf/pdf.h"

static char dir[] = "/tmp/test_pdf.XXXXXX";

static json_object *
page(int i)
{
	char buf[512];

	snprintf(buf, sizeof(buf), "{\"pageUrl\":\"https://ex.test/p%d\","
	    "\"pagePath\":\"/p%d\",\"strategy\":\"mobile\",\"scores\":{"
	    "\"performance\":%d,\"seo\":90,\"accessibility\":40,\"bestPractices\""
	    ":100},\"metrics\":{\"lcp\":%d,\"cls\":0.1,\"ttfb\":90,\"fcp\":800,"
	    "\"tbt\":10},\"opportunities\":[{\"id\":\"o\",\"title\":\"Opp\","
	    "\"savingsMs\":100,\"savingsBytes\":2048}]}", i, i, i % 101,
	    1000 + i);
	return json_tokener_parse(buf);
}

static json_object *
doc(int npages, const char *url)
{
	json_object *d = json_tokener_parse("{\"strategy\":\"mobile\","
	    "\"overall\":73,\"scores\":{\"performance\":45,\"accessibility\":89,"
	    "\"seo\":90,\"bestPractices\":100,\"security\":0},\"summaries\":{"
	    "\"seo\":\"SEO is fine.\"},\"issues\":[{\"id\":\"image-alt\","
	    "\"dimension\":\"accessibility\",\"severity\":\"critical\","
	    "\"title\":\"Images have alt\",\"description\":\"Describe images.\","
	    "\"count\":2,\"examples\":[{\"page\":\"https://ex.test/\","
	    "\"selector\":\"img\",\"snippet\":\"<img src=a>\"}]}],\"pages\":[]}");
	json_object *pages = NULL;

	json_object_object_add(d, "url", json_object_new_string(url));
	json_object_object_get_ex(d, "pages", &pages);
	for (int i = 0; i < npages; i++)
		json_object_array_add(pages, page(i));
	return d;
}

static void
render_ok(const char *url, int npages, const char *site)
{
	char path[256], head[6] = { 0 };
	struct pdf_meta m = { site, NULL, 1700000000 };
	json_object *d = doc(npages, url);
	FILE *f;

	snprintf(path, sizeof(path), "%s/r.pdf", dir);
	assert_int_equal(pdf_render_file(d, &m, path), SA_OK);
	assert_non_null(f = fopen(path, "rb"));
	assert_int_equal(fread(head, 1, 5, f), 5);
	assert_string_equal(head, "%PDF-");
	fclose(f);
	json_object_put(d);
}

/* Only r.pdf in the directory: no temporary file is left behind. */
static void
assert_no_temp(void)
{
	DIR *d = opendir(dir);
	struct dirent *e;

	assert_non_null(d);
	while ((e = readdir(d)) != NULL)
		assert_null(strstr(e->d_name, ".tmp."));
	closedir(d);
}

static void
renders_a_report(void **state)
{
	(void)state;
	render_ok("https://ex.test/", 3, "Example");
	assert_no_temp();
}

static void
renders_a_100_page_site(void **state)
{
	(void)state;
	render_ok("https://ex.test/", 100, NULL);
	assert_no_temp();
}

static void
renders_unicode_and_bad_bytes(void **state)
{
	(void)state;
	render_ok("https://ex.test/\xff\xfe", 1, "Caf\xc3\xa9 \xd0\x9f\xd1\x80"
	    "\xd0\xb8 \xe6\x9d\xb1\xe4\xba\xac\x01\xc3");
	render_ok("https://ex.test/", 0, "");
}

static void
renders_an_empty_document(void **state)
{
	char path[256];
	struct pdf_meta m = { NULL, NULL, 0 };
	json_object *d = json_object_new_object();

	(void)state;
	snprintf(path, sizeof(path), "%s/r.pdf", dir);
	assert_int_equal(pdf_render_file(d, &m, path), SA_OK);
	json_object_put(d);
}

static void
refuses_bad_input_and_paths(void **state)
{
	struct pdf_meta m = { NULL, NULL, 0 };
	json_object *a = json_object_new_array(), *d = doc(1, "https://ex.test/");

	(void)state;
	assert_int_equal(pdf_render_file(a, &m, "/tmp/x.pdf"), SA_EINVAL);
	assert_int_equal(pdf_render_file(NULL, &m, "/tmp/x.pdf"), SA_EINVAL);
	assert_int_equal(pdf_render_file(d, &m, "/nonexistent-dir/x/r.pdf"),
	    SA_EIO);
	assert_int_equal(access("/nonexistent-dir/x/r.pdf", F_OK), -1);
	json_object_put(a);
	json_object_put(d);
}

static int
setup(void **state)
{
	(void)state;
	return mkdtemp(dir) == NULL ? -1 : 0;
}

static int
teardown(void **state)
{
	char path[256];

	(void)state;
	snprintf(path, sizeof(path), "%s/r.pdf", dir);
	unlink(path);
	return rmdir(dir);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(renders_a_report),
		cmocka_unit_test(renders_a_100_page_site),
		cmocka_unit_test(renders_unicode_and_bad_bytes),
		cmocka_unit_test(renders_an_empty_document),
		cmocka_unit_test(refuses_bad_input_and_paths),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
