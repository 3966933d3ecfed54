/* score.c: dimension and overall scores from check results (Lighthouse-style). */
/* SPDX-License-Identifier: MIT */
#include <math.h>
#include "audit/score.h"

int
score_round(double fraction)
{
	double v;

	if (!(fraction > 0))        /* also NaN */
		return 0;
	if (fraction >= 1)
		return 100;
	/* Lighthouse: clampTo2Decimals(mean) = Math.round(mean * 100) / 100,
	 * shown as Math.round(score * 100). Same IEEE doubles here, so the
	 * same binary noise (0.285 * 100 = 28.499999999999996 gives 28). */
	v = floor(fraction * 100 + 0.5);
	return (int)v;
}

int
score_dimension(const struct check_def *const *defs,
    const struct check_result *results, size_t n, enum audit_dim dim)
{
	double sum = 0, total = 0;

	for (size_t i = 0; i < n; i++) {
		const struct check_def *d = defs[i];
		enum check_verdict v = results[i].verdict;

		if (d->dim != dim || d->weight <= 0)
			continue;
		if (v != CHECK_PASS && v != CHECK_FAIL)
			continue;
		total += d->weight;
		if (v == CHECK_PASS)
			sum += d->weight;
	}
	if (total <= 0)
		return SCORE_ABSENT;
	return score_round(sum / total);
}

void
score_page(const struct check_def *const *defs,
    const struct check_result *results, size_t n, int scores[DIM__MAX])
{
	for (int d = 0; d < DIM__MAX; d++)
		scores[d] = score_dimension(defs, results, n, (enum audit_dim)d);
}

int
score_mean(const int *scores, size_t n)
{
	long sum = 0;
	long count = 0;

	for (size_t i = 0; i < n; i++) {
		if (scores[i] == SCORE_ABSENT)
			continue;
		sum += scores[i];
		count++;
	}
	if (count == 0)
		return SCORE_ABSENT;
	return (int)((sum * 2 + count) / (count * 2));   /* half up */
}

int
score_overall(const int scores[DIM__MAX])
{
	return score_mean(scores, DIM_OVERALL_COUNT);
}
