/* score.h: dimension and overall scores from check results (Lighthouse-style). */
/* SPDX-License-Identifier: MIT */
#ifndef SA_SCORE_H
#define SA_SCORE_H

#include <stddef.h>
#include "audit/check.h"

/* A dimension that did not run or had no applicable check has no score. */
#define SCORE_ABSENT (-1)

/*
 * Rounds a 0..1 fraction to a 0..100 score the way Lighthouse does:
 * Math.round(fraction * 100), halves up. Clamps to 0..100.
 */
int score_round(double fraction);

/*
 * Score of dimension dim over n checks: the weighted mean of the results of
 * defs[i] whose ->dim is dim (pass = 1, fail = 0; NA and INFO left out,
 * as are weight-0 checks), rounded with score_round(). SCORE_ABSENT when no
 * such check applies. defs[i] pairs with results[i].
 */
int score_dimension(const struct check_def *const *defs,
    const struct check_result *results, size_t n, enum audit_dim dim);

/* Fills scores[DIM__MAX] with score_dimension() for each dimension. */
void score_page(const struct check_def *const *defs,
    const struct check_result *results, size_t n, int scores[DIM__MAX]);

/*
 * The overall score: the arithmetic mean of the present (non-absent)
 * dimension scores, rounded half up; SCORE_ABSENT when none is present.
 */
int score_overall(const int scores[DIM__MAX]);

/*
 * Mean of n per-page scores of one dimension, skipping absent ones,
 * rounded half up; SCORE_ABSENT when all are absent (or n == 0).
 */
int score_mean(const int *scores, size_t n);

#endif
