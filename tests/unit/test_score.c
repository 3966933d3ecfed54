/* test_score.c: unit tests for scoring (lib/audit/score.c) and docs/scoring.md. */
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
#include "audit/score.h"

static void
nop(const struct page_ctx *p, struct check_result *r)
{
	(void)p;
	(void)r;
}

static const struct check_def defs[] = {
	{ "a", DIM_SEO, 4.043, SEV_CRITICAL, "A", "", nop },
	{ "b", DIM_SEO, 1, SEV_MINOR, "B", "", nop },
	{ "c", DIM_SEO, 1, SEV_MINOR, "C", "", nop },
	{ "d", DIM_SEO, 0, SEV_MINOR, "D", "", nop },
	{ "e", DIM_ACCESSIBILITY, 10, SEV_SERIOUS, "E", "", nop },
	{ "f", DIM_ACCESSIBILITY, 3, SEV_SERIOUS, "F", "", nop },
};

static int
score_of(const enum check_verdict *v, enum audit_dim dim)
{
	const struct check_def *p[SA_NITEMS(defs)];
	struct check_result r[SA_NITEMS(defs)];

	memset(r, 0, sizeof(r));
	for (size_t i = 0; i < SA_NITEMS(defs); i++) {
		p[i] = &defs[i];
		r[i].verdict = v[i];
	}
	return score_dimension(p, r, SA_NITEMS(defs), dim);
}

static void
test_round(void **state)
{
	(void)state;
	assert_int_equal(score_round(0), 0);
	assert_int_equal(score_round(-1), 0);
	assert_int_equal(score_round(1), 100);
	assert_int_equal(score_round(2), 100);
	assert_int_equal(score_round(0.125), 13);     /* half up */
	assert_int_equal(score_round(0.5), 50);
	assert_int_equal(score_round(0.994), 99);
	assert_int_equal(score_round(0.995), 100);
	assert_int_equal(score_round(0.285), 28);     /* JS: 28.499999999999996 */
}

static void
test_weighted_mean(void **state)
{
	enum check_verdict all_pass[] = { CHECK_PASS, CHECK_PASS, CHECK_PASS,
	    CHECK_PASS, CHECK_PASS, CHECK_PASS };
	enum check_verdict crawl_fail[] = { CHECK_FAIL, CHECK_PASS, CHECK_PASS,
	    CHECK_FAIL, CHECK_FAIL, CHECK_PASS };
	enum check_verdict na_info[] = { CHECK_NA, CHECK_FAIL, CHECK_INFO,
	    CHECK_INFO, CHECK_NA, CHECK_NA };

	(void)state;
	assert_int_equal(score_of(all_pass, DIM_SEO), 100);
	/* 2 / 6.043 = 0.3309… → 33 (Lighthouse: failing is-crawlable < 69) */
	assert_int_equal(score_of(crawl_fail, DIM_SEO), 33);
	assert_int_equal(score_of(crawl_fail, DIM_ACCESSIBILITY), 23);
	assert_int_equal(score_of(na_info, DIM_SEO), 0);
	assert_int_equal(score_of(na_info, DIM_ACCESSIBILITY), SCORE_ABSENT);
	assert_int_equal(score_of(all_pass, DIM_PERFORMANCE), SCORE_ABSENT);
}

static void
test_weight_zero_never_counts(void **state)
{
	enum check_verdict only_d[] = { CHECK_NA, CHECK_NA, CHECK_NA,
	    CHECK_FAIL, CHECK_NA, CHECK_NA };

	(void)state;
	assert_int_equal(score_of(only_d, DIM_SEO), SCORE_ABSENT);
}

/* agentReadiness, the sixth score, never moves overall (docs/scoring.md). */
static void
test_overall_ignores_agent(void **state)
{
	int s[DIM__MAX] = { 90, 80, 70, 60, 50, 0 };
	int only_agent[DIM__MAX] = { SCORE_ABSENT, SCORE_ABSENT, SCORE_ABSENT,
	    SCORE_ABSENT, SCORE_ABSENT, 100 };

	(void)state;
	assert_int_equal(DIM_OVERALL_COUNT, 5);
	assert_int_equal(score_overall(s), 70);
	s[DIM_AGENT_READINESS] = 100;
	assert_int_equal(score_overall(s), 70);
	s[DIM_AGENT_READINESS] = SCORE_ABSENT;
	assert_int_equal(score_overall(s), 70);
	assert_int_equal(score_overall(only_agent), SCORE_ABSENT);
	assert_string_equal(audit_dim_names[DIM_AGENT_READINESS], "agentReadiness");
}

static void
test_overall(void **state)
{
	int s[DIM__MAX] = { SCORE_ABSENT, 90, 81, SCORE_ABSENT, SCORE_ABSENT };
	int none[DIM__MAX] = { SCORE_ABSENT, SCORE_ABSENT, SCORE_ABSENT,
	    SCORE_ABSENT, SCORE_ABSENT };
	int zero[DIM__MAX] = { 0, 100, SCORE_ABSENT, SCORE_ABSENT, 0 };
	int pages[] = { 70, SCORE_ABSENT, 81 };

	(void)state;
	assert_int_equal(score_overall(s), 86);      /* 85.5 rounds up */
	assert_int_equal(score_overall(none), SCORE_ABSENT);
	assert_int_equal(score_overall(zero), 33);   /* a real 0 counts */
	assert_int_equal(score_mean(pages, 3), 76);
	assert_int_equal(score_mean(pages, 0), SCORE_ABSENT);
}

static void
test_page(void **state)
{
	const struct check_def *p[] = { &defs[0], &defs[4] };
	struct check_result r[2];
	int s[DIM__MAX];

	(void)state;
	memset(r, 0, sizeof(r));
	r[0].verdict = CHECK_PASS;
	r[1].verdict = CHECK_FAIL;
	score_page(p, r, 2, s);
	assert_int_equal(s[DIM_SEO], 100);
	assert_int_equal(s[DIM_ACCESSIBILITY], 0);
	assert_int_equal(s[DIM_PERFORMANCE], SCORE_ABSENT);
	assert_int_equal(s[DIM_BEST_PRACTICES], SCORE_ABSENT);
	assert_int_equal(s[DIM_SECURITY], SCORE_ABSENT);
}

static char *
slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *s;
	long n;

	if (f == NULL)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	s = calloc(1, (size_t)n + 1);
	if (s && fread(s, 1, (size_t)n, f) != (size_t)n) {
		free(s);
		s = NULL;
	}
	fclose(f);
	return s;
}

/* docs/scoring.md lists every check as "| `id` | dimension | weight |". */
static void
assert_documented(const char *doc, const struct check_def *d)
{
	char row[256];

	snprintf(row, sizeof(row), "| `%s` | %s | %g |", d->id,
	    audit_dim_names[d->dim], d->weight);
	if (strstr(doc, row) == NULL)
		fail_msg("docs/scoring.md has no row starting \"%s\"", row);
}

static void
test_docs_list_every_check(void **state)
{
	char *doc = slurp("docs/scoring.md");

	(void)state;
	assert_non_null(doc);
	for (size_t i = 0; i < audit_checks_seo_count; i++)
		assert_documented(doc, &audit_checks_seo[i]);
	for (size_t i = 0; i < audit_checks_a11y_count; i++)
		assert_documented(doc, &audit_checks_a11y[i]);
	for (size_t i = 0; i < audit_checks_perf_count; i++)
		assert_documented(doc, &audit_checks_perf[i]);
	for (size_t i = 0; i < audit_checks_agent_count; i++)
		assert_documented(doc, &audit_checks_agent[i]);
	free(doc);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_round),
		cmocka_unit_test(test_weighted_mean),
		cmocka_unit_test(test_weight_zero_never_counts),
		cmocka_unit_test(test_overall),
		cmocka_unit_test(test_overall_ignores_agent),
		cmocka_unit_test(test_page),
		cmocka_unit_test(test_docs_list_every_check),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
