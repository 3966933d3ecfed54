/* test_buf.c: bounded buffers never truncate and hand ownership over. */
/* SPDX-License-Identifier: MIT */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <errno.h>
#include <unistd.h>
#include <string.h>
#include <cmocka.h>
#include "util/buf.h"

static void
append_and_take(void **state)
{
	struct buf b;
	size_t len;
	char *s;

	(void)state;
	buf_init(&b, 64);
	assert_string_equal(buf_str(&b), "");
	assert_int_equal(buf_adds(&b, "hello"), SA_OK);
	assert_int_equal(buf_addc(&b, ' '), SA_OK);
	assert_int_equal(buf_printf(&b, "%d-%s", 42, "x"), SA_OK);
	assert_string_equal(buf_str(&b), "hello 42-x");
	s = buf_take(&b, &len);
	assert_int_equal(len, 10);
	assert_string_equal(s, "hello 42-x");
	assert_null(b.ptr);
	free(s);
}

static void
cap_is_enforced_without_truncation(void **state)
{
	struct buf b;

	(void)state;
	buf_init(&b, 8);
	assert_int_equal(buf_adds(&b, "12345678"), SA_OK);
	assert_int_equal(buf_addc(&b, '9'), SA_ETOOBIG);
	assert_null(b.ptr);           /* freed, not half-filled */
	assert_int_equal(b.len, 0);
	buf_init(&b, 8);
	assert_int_equal(buf_printf(&b, "%s", "far too long for it"), SA_ETOOBIG);
	assert_null(b.ptr);
}

static void
long_printf_grows(void **state)
{
	struct buf b;
	char big[1000];

	(void)state;
	memset(big, 'a', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	buf_init(&b, 1 << 20);
	assert_int_equal(buf_printf(&b, "<%s>", big), SA_OK);
	assert_int_equal(b.len, 1001);
	assert_int_equal(b.ptr[0], '<');
	assert_int_equal(b.ptr[1000], '>');
	assert_int_equal(b.ptr[1001], '\0');
	buf_reset(&b);
	assert_string_equal(buf_str(&b), "");
	buf_free(&b);
}

static void
take_of_empty_is_empty_string(void **state)
{
	struct buf b;
	char *s;

	(void)state;
	buf_init(&b, 8);
	s = buf_take(&b, NULL);
	assert_non_null(s);
	assert_string_equal(s, "");
	free(s);
}

static void
read_file_whole_and_capped(void **state)
{
	char path[] = "/tmp/sa-test-buf-XXXXXX";
	int fd = mkstemp(path);
	char *s;

	(void)state;
	assert_true(fd >= 0);
	assert_int_equal(write(fd, "hello\nfile", 10), 10);
	close(fd);
	s = buf_read_file(path, 64);
	assert_non_null(s);
	assert_string_equal(s, "hello\nfile");
	free(s);
	errno = 0;
	assert_null(buf_read_file(path, 4));         /* over the cap */
	assert_int_equal(errno, EFBIG);
	unlink(path);
	assert_null(buf_read_file(path, 64));        /* gone */
	assert_int_equal(errno, ENOENT);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(append_and_take),
		cmocka_unit_test(cap_is_enforced_without_truncation),
		cmocka_unit_test(long_printf_grows),
		cmocka_unit_test(take_of_empty_is_empty_string),
		cmocka_unit_test(read_file_whole_and_capped),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
