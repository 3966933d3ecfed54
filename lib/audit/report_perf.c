/* report_perf.c: the load model in the report — metrics, opportunities, third parties. */
/* SPDX-License-Identifier: MIT */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "audit/perf.h"
#include "audit/report.h"
#include "audit/report_int.h"
#include "audit/score.h"
#include "util/buf.h"

#define SUMMARY_OPPS 3

static json_object *
ms_json(double v)
{
	return v >= 0 && !isnan(v) ? json_object_new_int64(llround(v)) : NULL;
}

/* Failing opportunities with savings, best first. */
static size_t
sorted_opps(const struct perf_result *pf, int order[PO__MAX])
{
	size_t n = 0;

	for (int k = 0; k < PO__MAX; k++) {
		const struct perf_opp *o = &pf->opps[k];
		size_t i;

		if (o->verdict != CHECK_FAIL || (o->ms <= 0 && o->bytes == 0))
			continue;
		for (i = n; i > 0; i--) {
			const struct perf_opp *p = &pf->opps[order[i - 1]];

			if (p->ms > o->ms || (p->ms == o->ms && p->bytes >= o->bytes))
				break;
			order[i] = order[i - 1];
		}
		order[i] = k;
		n++;
	}
	return n;
}

json_object *
report_opportunities(const struct perf_result *pf)
{
	json_object *a = json_object_new_array();
	int order[PO__MAX];
	size_t n = pf ? sorted_opps(pf, order) : 0;

	for (size_t i = 0; i < n; i++) {
		const struct perf_opp *o = &pf->opps[order[i]];
		json_object *j = json_object_new_object();

		json_object_object_add(j, "id",
		    json_object_new_string(perf_opp_ids[order[i]]));
		json_object_object_add(j, "title",
		    json_object_new_string(perf_opp_titles[order[i]]));
		json_object_object_add(j, "savingsMs", ms_json(o->ms));
		json_object_object_add(j, "savingsBytes",
		    json_object_new_int64((int64_t)o->bytes));
		json_object_array_add(a, j);
	}
	return a;
}

json_object *
report_third_parties(const struct perf_result *pf)
{
	json_object *a = json_object_new_array();

	for (size_t i = 0; pf && i < pf->nthird; i++) {
		json_object *j = json_object_new_object();

		json_object_object_add(j, "domain",
		    json_object_new_string(pf->third[i].domain));
		json_object_object_add(j, "transferSize",
		    json_object_new_int64((int64_t)pf->third[i].bytes));
		json_object_object_add(j, "blockingTime",
		    ms_json(pf->third[i].blocking_ms));
		json_object_array_add(a, j);
	}
	return a;
}

static json_object *
lcp_element(const struct perf_result *pf)
{
	json_object *o;

	if (pf->lcp_selector == NULL)
		return NULL;
	o = json_object_new_object();
	json_object_object_add(o, "kind", json_object_new_string(pf->lcp_kind));
	json_object_object_add(o, "selector",
	    json_object_new_string(pf->lcp_selector));
	json_object_object_add(o, "snippet", pf->lcp_snippet ?
	    json_object_new_string(pf->lcp_snippet) : NULL);
	return o;
}

json_object *
report_metrics(const struct audit_page *pg)
{
	const struct perf_result *pf = pg->perf;
	json_object *o = json_object_new_object();

	json_object_object_add(o, "fcp", ms_json(pf->fcp_ms));
	json_object_object_add(o, "lcp", ms_json(pf->lcp_ms));
	json_object_object_add(o, "speedIndex", ms_json(pf->si_ms));
	json_object_object_add(o, "tbt", ms_json(pf->tbt_ms));
	json_object_object_add(o, "tti", ms_json(pf->tti_ms));
	json_object_object_add(o, "ttfb", ms_json(pg->ttfb_ms));
	json_object_object_add(o, "cls", NULL);
	json_object_object_add(o, "inp", NULL);
	json_object_object_add(o, "totalBytes",
	    json_object_new_int64((int64_t)pf->total_bytes));
	json_object_object_add(o, "lcpElement", lcp_element(pf));
	json_object_object_add(o, "estimated", json_object_new_boolean(1));
	return o;
}

/* The first page with a model run, or NULL. */
static const struct audit_page *
first_perf(const struct audit_report *r)
{
	for (size_t i = 0; i < r->npages; i++)
		if (r->pages[i].perf)
			return &r->pages[i];
	return NULL;
}

char *
report_perf_summary(const struct audit_report *r)
{
	const struct audit_page *pg = first_perf(r);
	int order[PO__MAX];
	size_t n;
	struct buf b;

	buf_init(&b, 4096);
	buf_printf(&b, "Performance scored %d/100", r->scores[DIM_PERFORMANCE]);
	if (pg == NULL) {
		buf_adds(&b, ".");
		return buf_take(&b, NULL);
	}
	buf_printf(&b, " (estimated, %s): FCP %.1f s, LCP %.1f s, TBT %.0f ms",
	    audit_strategy_name(pg->strategy), pg->perf->fcp_ms / 1000,
	    pg->perf->lcp_ms / 1000, pg->perf->tbt_ms);
	n = sorted_opps(pg->perf, order);
	for (size_t i = 0; i < n && i < SUMMARY_OPPS; i++)
		buf_printf(&b, "%s%s (%.0f ms)", i ? ", " : "; top opportunities: ",
		    perf_opp_ids[order[i]], pg->perf->opps[order[i]].ms);
	buf_adds(&b, ".");
	return buf_take(&b, NULL);
}
