/* test_conf.c: the configuration parser — values, errors with file:line, docs. */
/* SPDX-License-Identifier: MIT */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "conf.h"

static void
defaults_are_sane(void **state)
{
	struct conf c;

	(void)state;
	assert_int_equal(conf_defaults(&c), SA_OK);
	assert_int_equal(c.workers, 4);
	assert_false(c.allow_private_targets);
	assert_int_equal(c.max_body_bytes, 1 << 20);
	assert_int_equal(c.max_redirects, 5);
	assert_null(c.db_password);
	assert_string_equal(c.db_name, "siteaudit");
	conf_free(&c);
}

static void
sections_quotes_sizes_and_bools(void **state)
{
	struct conf c;
	char *err = NULL;
	const char *text =
	    "# comment\n; also a comment\n\n[server]\n workers = 8 \n"
	    "listen = \"127.0.0.1:9000\"\nmax_body_bytes = 512K\n"
	    "[audit]\nallow_private_targets = yes\nmax_decoded_bytes = 2M\n"
	    "[database]\npassword = p=w#d\n";

	(void)state;
	conf_defaults(&c);
	assert_int_equal(conf_parse(&c, "t.conf", text, &err), SA_OK);
	assert_null(err);
	assert_int_equal(c.workers, 8);
	assert_string_equal(c.listen, "127.0.0.1:9000");
	assert_int_equal(c.max_body_bytes, 512 * 1024);
	assert_true(c.allow_private_targets);
	assert_int_equal(c.max_decoded_bytes, 2 << 20);
	assert_string_equal(c.db_password, "p=w#d");
	conf_free(&c);
}

static void
errors_name_file_and_line(void **state)
{
	struct conf c;
	char *err = NULL;
	const char *text = "[server]\nworkers = many\nnope = 1\n[runner]\n"
	    "concurrency = 1000\n[audit]\nallow_private_targets = perhaps\n"
	    "garbage line\n[broken\n[log]\nlevel = loud\n";

	(void)state;
	conf_defaults(&c);
	assert_int_equal(conf_parse(&c, "x.conf", text, &err), SA_ECONF);
	assert_non_null(err);
	assert_non_null(strstr(err, "x.conf:2: 'server.workers' expects a whole number"));
	assert_non_null(strstr(err, "x.conf:3: unknown key 'server.nope'"));
	assert_non_null(strstr(err, "x.conf:5: 'runner.concurrency' is out of range"));
	assert_non_null(strstr(err, "x.conf:7: 'audit.allow_private_targets' expects true or false"));
	assert_non_null(strstr(err, "x.conf:8: expected 'key = value'"));
	assert_non_null(strstr(err, "x.conf:9: malformed section header"));
	assert_non_null(strstr(err, "x.conf:11: 'log.level' is not one of the allowed values"));
	assert_int_equal(c.workers, 4);   /* bad values leave the default */
	free(err);
	conf_free(&c);
}

static void
size_overflow_is_rejected(void **state)
{
	struct conf c;
	char *err = NULL;

	(void)state;
	conf_defaults(&c);
	assert_int_equal(conf_parse(&c, "o.conf",
	    "[server]\nmax_body_bytes = 99999999999999999G\n", &err), SA_ECONF);
	assert_non_null(strstr(err, "o.conf:2:"));
	free(err);
	conf_free(&c);
}

static void
missing_file_is_an_error(void **state)
{
	struct conf c;
	char *err = NULL;

	(void)state;
	assert_int_equal(conf_load(&c, "/nonexistent/x.conf", &err), SA_ECONF);
	assert_non_null(strstr(err, "/nonexistent/x.conf: cannot read"));
	free(err);
	conf_free(&c);
}

/* Every key in the table is documented in docs/configuration.md. */
static void
every_key_is_documented(void **state)
{
	FILE *f = fopen("docs/configuration.md", "r");
	static char doc[1 << 18];
	size_t n;

	(void)state;
	assert_non_null(f);
	n = fread(doc, 1, sizeof(doc) - 1, f);
	doc[n] = '\0';
	fclose(f);
	for (size_t i = 0; i < conf_nkeys(); i++) {
		char needle[128];
		snprintf(needle, sizeof(needle), "`%s`", conf_key_name(i));
		if (strstr(doc, needle) == NULL)
			fail_msg("%s is not documented in docs/configuration.md", needle);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(defaults_are_sane),
		cmocka_unit_test(sections_quotes_sizes_and_bools),
		cmocka_unit_test(errors_name_file_and_line),
		cmocka_unit_test(size_overflow_is_rejected),
		cmocka_unit_test(missing_file_is_an_error),
		cmocka_unit_test(every_key_is_documented),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
