/* job_webhooks.c: delivers due webhook deliveries, signed, concurrently. */
/* SPDX-License-Identifier: MIT */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "audit/fetch_post.h"
#include "model/webhook.h"
#include "runner.h"
#include "util/fault.h"
#include "util/log.h"

#define LEASE_S 60          /* > WEBHOOK_TIMEOUT_MS: a lease outlives a round */
#define NHDRS   6

/* The header lines of one delivery (post_req.headers points here). */
struct wh_msg {
	char        lines[NHDRS][160];
	const char *hdrs[NHDRS];
};

static void
build_headers(const struct db_res *due, size_t i, long long ts,
    struct wh_msg *m)
{
	const char *body = db_res_get(due, i, WHC_PAYLOAD);
	char sig[WEBHOOK_SIG_LEN + 1];

	webhook_sign(db_res_get(due, i, WHC_SECRET), ts, body, strlen(body), sig);
	snprintf(m->lines[0], 160, "Content-Type: application/json");
	snprintf(m->lines[1], 160, "X-Siteaudit-Event: %s",
	    db_res_get(due, i, WHC_TYPE));
	snprintf(m->lines[2], 160, "X-Siteaudit-Event-Id: %s",
	    db_res_get(due, i, WHC_EVENT_ID));
	snprintf(m->lines[3], 160, "X-Siteaudit-Delivery: %s",
	    db_res_get(due, i, WHC_ID));
	snprintf(m->lines[4], 160, "X-Siteaudit-Timestamp: %lld", ts);
	snprintf(m->lines[5], 160, "X-Siteaudit-Signature: %s", sig);
	for (int k = 0; k < NHDRS; k++)
		m->hdrs[k] = m->lines[k];
}

static void
prepare(const struct db_res *due, struct post_req *reqs, struct wh_msg *msgs)
{
	long long ts = (long long)time(NULL);

	for (size_t i = 0; i < due->nrows; i++) {
		build_headers(due, i, ts, &msgs[i]);
		reqs[i] = (struct post_req){ .url = db_res_get(due, i, WHC_URL),
		    .body = db_res_get(due, i, WHC_PAYLOAD),
		    .body_len = strlen(db_res_get(due, i, WHC_PAYLOAD)),
		    .headers = msgs[i].hdrs, .nheaders = NHDRS };
	}
}

/* Records every outcome; returns -1 when the database failed. */
static int
record_all(struct db *db, const struct db_res *due, const struct post_req *reqs)
{
	int ret = 0;

	for (size_t i = 0; i < due->nrows; i++) {
		struct wh_outcome o = { .id = db_res_get(due, i, WHC_ID),
		    .sub_id = db_res_get(due, i, WHC_SUB),
		    .attempts = strtol(db_res_get(due, i, WHC_ATTEMPTS), NULL, 10),
		    .age_s = strtol(db_res_get(due, i, WHC_AGE_S), NULL, 10),
		    .status = reqs[i].status, .error = reqs[i].error };
		const char *state = "?";

		if (webhook_record(db, &o, &state) != SA_OK)
			ret = -1;
		else
			log_info("webhook %s (%s): HTTP %ld, %s", o.id,
			    db_res_get(due, i, WHC_TYPE), o.status, state);
	}
	return ret;
}

int
job_webhooks(struct runner *rn)
{
	struct db_res *due = NULL;
	struct post_req *reqs = NULL;
	struct wh_msg *msgs = NULL;
	int n = -1;

	if (webhook_claim(rn->db, WEBHOOK_BATCH, LEASE_S, &due) != SA_OK)
		return -1;
	if (due->nrows == 0) {
		n = 0;
		goto out;
	}
	reqs = calloc(due->nrows, sizeof(*reqs));
	msgs = calloc(due->nrows, sizeof(*msgs));
	if (reqs == NULL || msgs == NULL)
		goto out;   /* the leases expire; retried next round */
	prepare(due, reqs, msgs);
	fetch_post_many(reqs, due->nrows, rn->conf->allow_private_targets,
	    WEBHOOK_TIMEOUT_MS);
	fault_point("webhook.sent");   /* test-only: docs/runner.md */
	n = record_all(rn->db, due, reqs) == 0 ? (int)due->nrows : -1;
out:
	free(reqs);
	free(msgs);
	db_res_free(due);
	return n;
}
