/* webhook.h: outgoing webhooks — events, subscriptions, deliveries, signing. */
/* SPDX-License-Identifier: MIT */
#ifndef SA_WEBHOOK_H
#define SA_WEBHOOK_H

#include <stdbool.h>
#include <stddef.h>
#include "db/db.h"
#include "model/runs.h"
#include "util/uuid.h"

#define WEBHOOK_SECRET_LEN   70     /* "whsec_" + 64 hex */
#define WEBHOOK_SIG_LEN      67     /* "v1=" + 64 hex */
#define WEBHOOK_TIMEOUT_MS   10000  /* a 2xx within this is a success */
#define WEBHOOK_BACKOFF_S    30     /* first retry delay; doubles each time */
#define WEBHOOK_BACKOFF_MAX_S 3600  /* cap on a single delay */
#define WEBHOOK_GIVE_UP_S    86400  /* retried for 24 h, then dead */
#define WEBHOOK_DEAD_DISABLE 5      /* dead deliveries in a row disable */
#define WEBHOOK_BATCH        32     /* deliveries per runner round */
#define HOOK_PER_SITE_HOUR   5      /* deploy-hook scans per site per hour */
#define HOOK_TOKEN_LEN       67     /* "dh_" + 64 hex */

/* The event types, in the order of the events SET column. */
enum webhook_event { WH_SCAN_COMPLETED, WH_SCAN_FAILED, WH_REGRESSION,
	WH_BUDGET, WH__MAX };

/* "scan.completed" … "budget.violated". */
const char *webhook_event_name(enum webhook_event e);
/* The event called name, or WH__MAX. */
enum webhook_event webhook_event_parse(const char *name);

/*
 * Inside the caller's transaction (run completion): builds the events of
 * the finished run c (scan.completed with report_id, or scan.failed with
 * error when report_id is NULL; plus regression.detected / budget.violated
 * from the site's alert rules and budgets) and inserts one pending
 * delivery row per event per matching enabled subscription. A run with no
 * matching subscription costs one query. SA_OK or SA_EDB / SA_ENOMEM.
 */
enum sa_err webhook_enqueue_run(struct db *db, const struct run_claim *c,
    const char *report_id, const char *error);

/* A new signing secret "whsec_<64 hex>" into out. */
void webhook_secret_new(char out[WEBHOOK_SECRET_LEN + 1]);

/*
 * "v1=<hex HMAC-SHA256(secret, timestamp "." body)>" into out: the value of
 * the X-Siteaudit-Signature header.
 */
void webhook_sign(const char *secret, long long timestamp, const char *body,
    size_t body_len, char out[WEBHOOK_SIG_LEN + 1]);

/*
 * The delay before retry number attempts + 1 (attempts >= 1 failures so
 * far): WEBHOOK_BACKOFF_S * 2^(attempts-1), capped, with ±20 % jitter.
 */
long webhook_backoff_s(long attempts);

/* A new deploy-hook token "dh_<64 hex>" and its SHA-256 hash (32 bytes). */
void hook_token_new(char out[HOOK_TOKEN_LEN + 1], unsigned char hash[32]);
/* SHA-256 of token (the stored publish_token_hash). */
void hook_token_hash(const char *token, unsigned char hash[32]);

/* Columns of webhook_claim()'s rows, in order. */
enum wh_claim_col { WHC_ID, WHC_SUB, WHC_EVENT_ID, WHC_TYPE, WHC_PAYLOAD,
	WHC_ATTEMPTS, WHC_URL, WHC_SECRET, WHC_AGE_S, WHC__NCOLS };

/*
 * Claims up to max due deliveries (pending, next_attempt_at reached, no
 * live lease, subscription enabled) with SKIP LOCKED and leases them for
 * lease_s seconds. *out (enum wh_claim_col columns; free with
 * db_res_free) may have 0 rows. SA_OK or SA_EDB.
 */
enum sa_err webhook_claim(struct db *db, size_t max, long lease_s,
    struct db_res **out);

/* The outcome of one delivery attempt. */
struct wh_outcome {
	const char *id, *sub_id;
	long        attempts;    /* before this attempt */
	long        age_s;       /* seconds since the delivery was queued */
	long        status;      /* HTTP status, 0: none */
	const char *error;       /* NULL / "" on a response */
};

/*
 * Records an attempt: a 2xx marks it delivered (and resets the
 * subscription's dead streak); otherwise it is retried after
 * webhook_backoff_s(), or marked dead when that would pass
 * WEBHOOK_GIVE_UP_S — then the subscription's dead streak grows and at
 * WEBHOOK_DEAD_DISABLE it is disabled with a reason. Returns whether it
 * was delivered, dead or retried in *state ("delivered" | "dead" |
 * "pending"). SA_OK or SA_EDB.
 */
enum sa_err webhook_record(struct db *db, const struct wh_outcome *o,
    const char **state);

#endif
