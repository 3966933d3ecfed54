/* test_sitemap.c: sitemap parsing — urlset, index, gzip, malformed XML, caps. */
/* SPDX-License-Identifier: MIT */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <zlib.h>
#include "audit/sitemap.h"

static const char urlset[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
    " <url><loc> http://h/a </loc><lastmod>2024-01-01</lastmod></url>\n"
    " <url><loc>http://h/b?x=1&amp;y=2</loc></url>\n"
    " <url><loc><![CDATA[http://h/c]]></loc></url>\n"
    " <url><loc></loc></url>\n"
    "</urlset>\n";

static const char index_xml[] =
    "<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"
    "<sitemap><loc>http://h/s1.xml</loc></sitemap>"
    "<sitemap><loc>http://h/s2.xml.gz</loc></sitemap></sitemapindex>";

/* gzip of s into a new buffer (*n bytes). */
static char *
gz(const char *s, size_t *n)
{
	z_stream z = { 0 };
	size_t cap = strlen(s) + 128;
	char *out = malloc(cap);

	assert_int_equal(deflateInit2(&z, 9, Z_DEFLATED, 31, 8,
	    Z_DEFAULT_STRATEGY), Z_OK);
	z.next_in = (Bytef *)(uintptr_t)s;
	z.avail_in = (uInt)strlen(s);
	z.next_out = (Bytef *)out;
	z.avail_out = (uInt)cap;
	assert_int_equal(deflate(&z, Z_FINISH), Z_STREAM_END);
	*n = z.total_out;
	deflateEnd(&z);
	return out;
}

static void
test_urlset(void **state)
{
	struct sitemap sm;

	(void)state;
	assert_int_equal(sitemap_parse(urlset, strlen(urlset), 0, &sm), SA_OK);
	assert_false(sm.is_index);
	assert_int_equal(sm.nlocs, 3);
	assert_string_equal(sm.locs[0], "http://h/a");
	assert_string_equal(sm.locs[1], "http://h/b?x=1&y=2");
	assert_string_equal(sm.locs[2], "http://h/c");
	sitemap_free(&sm);
}

static void
test_index(void **state)
{
	struct sitemap sm;

	(void)state;
	assert_int_equal(sitemap_parse(index_xml, strlen(index_xml), 0, &sm), SA_OK);
	assert_true(sm.is_index);
	assert_int_equal(sm.nlocs, 2);
	assert_string_equal(sm.locs[1], "http://h/s2.xml.gz");
	sitemap_free(&sm);
}

static void
test_gzip(void **state)
{
	struct sitemap sm;
	size_t n;
	char *z = gz(urlset, &n);

	(void)state;
	assert_true(sitemap_is_gzip(z, n));
	assert_int_equal(sitemap_parse(z, n, 0, &sm), SA_OK);
	assert_int_equal(sm.nlocs, 3);
	sitemap_free(&sm);
	assert_int_equal(sitemap_parse(z, n / 2, 0, &sm), SA_EINVAL);  /* cut */
	assert_int_equal(sm.nlocs, 0);
	sitemap_free(&sm);
	free(z);
}

static void
test_gunzip_cap(void **state)
{
	char *big = malloc(100001), *z, *out;
	size_t n, outlen;

	(void)state;
	memset(big, 'a', 100000);
	big[100000] = '\0';
	z = gz(big, &n);
	assert_int_equal(sitemap_gunzip(z, n, 1000, &out, &outlen), SA_ETOOBIG);
	assert_null(out);
	assert_int_equal(sitemap_gunzip(z, n, 100000, &out, &outlen), SA_OK);
	assert_int_equal(outlen, 100000);
	free(out);
	free(z);
	free(big);
}

static void
test_malformed(void **state)
{
	static const char bad[] = "<urlset><url><loc>http://h/a</loc></url>"
	    "<url><loc>http://h/b</loc></ur";
	static const char other[] = "<html><body>not a sitemap</body></html>";
	static const char xxe[] = "<?xml version=\"1.0\"?><!DOCTYPE u ["
	    "<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
	    "<urlset><url><loc>http://h/&e;</loc></url></urlset>";
	struct sitemap sm;

	(void)state;
	assert_int_equal(sitemap_parse(bad, strlen(bad), 0, &sm), SA_EINVAL);
	assert_int_equal(sm.nlocs, 1);          /* what came before the error */
	sitemap_free(&sm);
	assert_int_equal(sitemap_parse(other, strlen(other), 0, &sm), SA_EINVAL);
	assert_int_equal(sm.nlocs, 0);
	sitemap_free(&sm);
	assert_int_equal(sitemap_parse("", 0, 0, &sm), SA_EINVAL);
	sitemap_free(&sm);
	sitemap_parse(xxe, strlen(xxe), 0, &sm);  /* never reads the file */
	for (size_t i = 0; i < sm.nlocs; i++)
		assert_null(strstr(sm.locs[i], "root:"));
	sitemap_free(&sm);
}

static void
test_cap(void **state)
{
	struct sitemap sm;

	(void)state;
	assert_int_equal(sitemap_parse(urlset, strlen(urlset), 2, &sm), SA_OK);
	assert_int_equal(sm.nlocs, 2);
	assert_true(sm.truncated);
	sitemap_free(&sm);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_urlset),
		cmocka_unit_test(test_index),
		cmocka_unit_test(test_gzip),
		cmocka_unit_test(test_gunzip_cap),
		cmocka_unit_test(test_malformed),
		cmocka_unit_test(test_cap),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
