/* job_page_audits.c: run queued page audits — fetch, audit, suggest edits. */
/* SPDX-License-Identifier: MIT */
#include <stdio.h>
#include <string.h>
#include "audit/agent_site.h"
#include "audit/audit.h"
#include "audit/fetch.h"
#include "audit/llm.h"
#include "audit/modifications.h"
#include "model/billing.h"
#include "model/page_audit.h"
#include "runner.h"
#include "util/log.h"

#define PER_TICK 8   /* audits one tick handles at most */

/* With [llm] url set, the texts of the edits are rewritten by the model
 * (one request; on any failure the rules' texts stay). */
static void
llm_texts(const struct runner *rn, const char *url,
    const struct fetch_resp *page, json_object *mods)
{
	struct llm_opts lo = { rn->conf->llm_url, rn->conf->llm_model,
	    rn->conf->llm_api_key, rn->conf->llm_timeout_ms };

	if (lo.url && *lo.url)
		llm_rewrite(&lo, url, page->body, page->body_len, mods);
}

/* Completes c from the fetched page; SA_EDB on a database error. */
static enum sa_err
complete(struct runner *rn, const struct page_audit_claim *c,
    const struct fetch_resp *page)
{
	struct audit_opts ao;
	struct audit_report *rep = NULL;
	struct agent_site as;
	struct fetch_opts fo;
	const char *url = page->final_url ? page->final_url : c->url;
	json_object *res, *sum = NULL, *mods = NULL;
	enum sa_err rc = SA_ENOMEM;

	audit_opts_init(&ao);
	/* the site's llms.txt / ai-catalog, so the agent checks and their
	 * edits (an llms.txt draft only when it is missing or failing) know
	 * them; a failed fetch is recorded, never fatal */
	fetch_opts_from_conf(&fo, rn->conf);
	if (agent_site_fetch(&as, url, NULL, page, NULL, &fo, 3) == SA_OK)
		ao.agent_site = &as;
	audit_html(url, page->body, page->body_len, &ao, &rep);
	res = mods_build(url, page->body, page->body_len, rep);
	if (res && json_object_object_get_ex(res, "summary", &sum) &&
	    json_object_object_get_ex(res, "modifications", &mods)) {
		llm_texts(rn, url, page, mods);
		rc = page_audit_complete(rn->db, c->id, rn->id,
		    json_object_get_string(sum), json_object_to_json_string_ext(mods,
		    JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE));
	}
	json_object_put(res);
	audit_report_free(rep);
	agent_site_free(&as);
	return rc;
}

static enum sa_err
fail(struct runner *rn, const struct page_audit_claim *c,
    const struct fetch_resp *page)
{
	char msg[400];

	snprintf(msg, sizeof(msg), "fetch_failed: Could not fetch the page (%s)."
	    " The URL may be private, redirecting, or blocking crawlers; no"
	    " credits were charged.", page->err != FETCH_OK ? page->errmsg :
	    page->status >= 400 ? "the server answered with an error status" :
	    "the response was empty");
	return billing_fail_refund(rn->db, c->id, rn->id, msg);
}

static enum sa_err
execute(struct runner *rn, const struct page_audit_claim *c)
{
	struct fetch_opts fo;
	struct fetch_resp page;
	enum sa_err rc;

	fetch_opts_from_conf(&fo, rn->conf);
	fetch_url(c->url, &fo, &page);
	if (page.err != FETCH_OK || page.status >= 400 || page.body == NULL ||
	    page.body_len == 0)
		rc = fail(rn, c, &page);
	else
		rc = complete(rn, c, &page);
	fetch_resp_free(&page);
	if (rc == SA_ENOTFOUND)
		log_warn("page audit %s: lease lost", c->id);
	return rc;
}

int
job_page_audits(struct runner *rn)
{
	struct page_audit_claim c;
	int n = 0, stale;
	enum sa_err rc;

	if ((stale = page_audit_fail_stale(rn->db, rn->id)) < 0)
		return -1;
	while (n < PER_TICK) {
		rc = page_audit_claim(rn->db, rn->id, rn->conf->runner_lease_seconds, &c);
		if (rc == SA_ENOTFOUND)
			break;
		if (rc != SA_OK || execute(rn, &c) == SA_EDB)
			return -1;
		n++;
	}
	return n + stale;
}
