/* test_schedule.c: sched_next() — the next occurrence of a site's schedule. */
/* SPDX-License-Identifier: MIT */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include "model/schedule.h"

/* UTC "YYYY-MM-DD HH:MM:SS" → time_t. */
static time_t
utc(const char *s)
{
	struct tm tm = { 0 };

	assert_non_null(strptime(s, "%Y-%m-%d %H:%M:%S", &tm));
	return timegm(&tm);
}

static void
expect_next(const struct sched *s, const char *after, const char *want)
{
	char got[20];

	sched_format(sched_next(s, utc(after)), got);
	assert_string_equal(got, want);
}

static void
daily(void **state)
{
	struct sched s = { SCHED_DAILY, 3, 1, 1 };

	(void)state;
	expect_next(&s, "2024-05-10 01:00:00", "2024-05-10 03:00:00");
	expect_next(&s, "2024-05-10 03:00:00", "2024-05-11 03:00:00");  /* strictly after */
	expect_next(&s, "2024-05-10 02:59:59", "2024-05-10 03:00:00");
	expect_next(&s, "2024-12-31 23:30:00", "2025-01-01 03:00:00");
	s.hour = 0;
	expect_next(&s, "2024-02-28 12:00:00", "2024-02-29 00:00:00");  /* leap day */
}

static void
weekly(void **state)
{
	struct sched s = { SCHED_WEEKLY, 9, 1, 1 };   /* Mondays 09:00 */

	(void)state;
	/* 2024-05-10 is a Friday */
	expect_next(&s, "2024-05-10 12:00:00", "2024-05-13 09:00:00");
	expect_next(&s, "2024-05-13 08:00:00", "2024-05-13 09:00:00");
	expect_next(&s, "2024-05-13 09:00:00", "2024-05-20 09:00:00");
	s.weekday = 0;                                 /* Sunday, across a year */
	expect_next(&s, "2024-12-30 00:00:00", "2025-01-05 09:00:00");
	s.weekday = 5;                                 /* same weekday, later hour */
	expect_next(&s, "2024-05-10 08:59:59", "2024-05-10 09:00:00");
}

static void
monthly(void **state)
{
	struct sched s = { SCHED_MONTHLY, 6, 1, 15 };

	(void)state;
	expect_next(&s, "2024-05-10 12:00:00", "2024-05-15 06:00:00");
	expect_next(&s, "2024-05-15 06:00:00", "2024-06-15 06:00:00");
	expect_next(&s, "2024-12-20 00:00:00", "2025-01-15 06:00:00");
	s.monthday = 28;
	expect_next(&s, "2023-01-28 07:00:00", "2023-02-28 06:00:00");
	s.monthday = 1;
	expect_next(&s, "2024-01-31 23:00:00", "2024-02-01 06:00:00");
}

static void
off_and_invalid(void **state)
{
	struct sched s = { SCHED_OFF, 3, 1, 1 };

	(void)state;
	assert_int_equal(sched_next(&s, utc("2024-05-10 00:00:00")), (time_t)-1);
	s.kind = SCHED_DAILY, s.hour = 24;
	assert_false(sched_valid(&s));
	assert_int_equal(sched_next(&s, utc("2024-05-10 00:00:00")), (time_t)-1);
	s.hour = 3, s.monthday = 29;
	assert_false(sched_valid(&s));
	s.monthday = 1, s.weekday = 7;
	assert_false(sched_valid(&s));
	s.weekday = 6;
	assert_true(sched_valid(&s));
}

static void
kind_names(void **state)
{
	(void)state;
	assert_int_equal(sched_kind_parse("off"), SCHED_OFF);
	assert_int_equal(sched_kind_parse("weekly"), SCHED_WEEKLY);
	assert_int_equal(sched_kind_parse("hourly"), -1);
	assert_int_equal(sched_kind_parse(NULL), -1);
	assert_string_equal(sched_kind_names[SCHED_MONTHLY], "monthly");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(daily),
		cmocka_unit_test(weekly),
		cmocka_unit_test(monthly),
		cmocka_unit_test(off_and_invalid),
		cmocka_unit_test(kind_names),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
