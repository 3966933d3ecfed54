/* job_retention.c: prunes data older than each org's retention horizon,
 * at most once an hour across all runner hosts (docs/retention.md). */
/* SPDX-License-Identifier: MIT */
#include "model/retention.h"
#include "runner.h"
#include "util/log.h"

#define INTERVAL_S  3600   /* one pass an hour is plenty for day horizons */
#define BUDGET_S    20.0   /* per tick; a backlog continues on the next one */
#define PAUSE_MS    50     /* between batches: let other writers in */

static void
log_pass(const struct retention_counts *n, bool failed)
{
	log_msg(failed ? LOG_LVL_WARN : LOG_LVL_INFO,
	    "retention: %s pass over %ld org(s): %ld run(s), %ld report(s),"
	    " %ld page row(s), %ld PDF file(s), %ld page audit(s),"
	    " %ld webhook delivery log(s) pruned; %ld PDF file(s) not removable",
	    failed ? "failed" : n->more ? "partial" : "complete", n->orgs,
	    n->runs, n->reports, n->pages, n->pdfs, n->page_audits,
	    n->deliveries, n->pdf_errors);
}

int
job_retention(struct runner *rn)
{
	const struct conf *cf = rn->conf;
	struct retention_opts o = { cf->retention_days, cf->retention_batch,
	    PAUSE_MS, BUDGET_S, cf->files_dir, rn->stop };
	struct retention_counts n;
	bool mine = false;
	enum sa_err rc;

	if (retention_claim(rn->db, rn->id, INTERVAL_S, &mine) != SA_OK)
		return -1;
	if (!mine)
		return 0;
	rc = retention_prune(rn->db, &o, &n);
	log_pass(&n, rc != SA_OK);
	/* out of time with work left: due again at the next tick */
	if (rc == SA_OK && n.more && retention_due_now(rn->db) != SA_OK)
		return -1;
	if (rc != SA_OK)
		return -1;
	return (int)(n.runs + n.page_audits + n.deliveries);
}
