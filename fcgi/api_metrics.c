/* api_metrics.c: GET /metrics — Prometheus text: request counters shared by
 * the worker pool, latency histograms, and gauges read from MariaDB. */
/* SPDX-License-Identifier: MIT */
#include <string.h>
#include <sodium.h>
#include "fcgi.h"
#include "util/log.h"
#include "web/metrics.h"

#define PROM_TYPE "text/plain; version=0.0.4; charset=utf-8"

/* Audit durations (runs.finished_at - started_at, last hour), seconds. */
static const char *const dur_le[] = { "1", "5", "10", "30", "60", "120",
	"300", "600", "1800", "3600" };

static const char q_runs[] =
    "SELECT status, COUNT(*) FROM runs GROUP BY status";
static const char q_audits[] =
    "SELECT status, COUNT(*) FROM page_audits GROUP BY status";
static const char q_hooks[] =
    "SELECT COUNT(*) FROM webhook_deliveries WHERE status = 'pending'";
static const char q_dur[] =
    "SELECT COUNT(*), COALESCE(SUM(d), 0),"
    " SUM(d <= 1), SUM(d <= 5), SUM(d <= 10), SUM(d <= 30), SUM(d <= 60),"
    " SUM(d <= 120), SUM(d <= 300), SUM(d <= 600), SUM(d <= 1800),"
    " SUM(d <= 3600) FROM (SELECT TIMESTAMPDIFF(MICROSECOND, started_at,"
    " finished_at) / 1000000 AS d FROM runs WHERE finished_at >="
    " NOW(3) - INTERVAL 1 HOUR AND started_at IS NOT NULL"
    " AND status IN ('completed', 'failed')) t";

/* Loopback, or the configured bearer token (compared in constant time). */
static bool
allowed(const struct req *r)
{
	const char *tok = r->conf->metrics_token, *a = r->authorization;
	unsigned char h1[32], h2[32];

	if (strcmp(r->remote_addr, "127.0.0.1") == 0 ||
	    strcmp(r->remote_addr, "::1") == 0)
		return true;
	if (tok == NULL || *tok == '\0' || a == NULL ||
	    strncmp(a, "Bearer ", 7) != 0)
		return false;
	crypto_generichash(h1, sizeof(h1), (const unsigned char *)tok,
	    strlen(tok), NULL, 0);
	crypto_generichash(h2, sizeof(h2), (const unsigned char *)a + 7,
	    strlen(a + 7), NULL, 0);
	return sodium_memcmp(h1, h2, sizeof(h1)) == 0;
}

static const char *
route_name(size_t i)
{
	return i < fcgi_routes_count ? fcgi_routes[i].pattern : "unmatched";
}

/*
 * Series owners: routes sharing a pattern (GET and POST /login) are summed
 * into the first of them, so each series appears once; the last slot holds
 * unmatched paths. own[j] is the slot whose series slot j counts in.
 */
struct view {
	size_t nr;
	size_t own[METRICS_MAX_ROUTES];
};

static void
view_init(struct view *v)
{
	v->nr = fcgi_routes_count < METRICS_MAX_ROUTES - 1 ?
	    fcgi_routes_count : METRICS_MAX_ROUTES - 1;
	for (size_t j = 0; j < METRICS_MAX_ROUTES; j++) {
		v->own[j] = j;
		for (size_t i = 0; j < v->nr && i < j; i++)
			if (strcmp(fcgi_routes[i].pattern, fcgi_routes[j].pattern) == 0) {
				v->own[j] = i;
				break;
			}
	}
}

/* The slots reported: one per pattern, and the unmatched slot. */
static bool
slot_used(const struct view *v, size_t i)
{
	return (i < v->nr && v->own[i] == i) || i == METRICS_MAX_ROUTES - 1;
}

static uint64_t
requests(const struct view *v, size_t i, int status)
{
	uint64_t n = 0;

	for (size_t j = i; j < METRICS_MAX_ROUTES; j++)
		if (v->own[j] == i)
			n += metrics_requests(j, status);
	return n;
}

static uint64_t
bucket(const struct view *v, size_t i, size_t b)
{
	uint64_t n = 0;

	for (size_t j = i; j < METRICS_MAX_ROUTES; j++)
		if (v->own[j] == i)
			n += metrics_bucket(j, b);
	return n;
}

static double
latency_sum(const struct view *v, size_t i)
{
	double d = 0;

	for (size_t j = i; j < METRICS_MAX_ROUTES; j++)
		if (v->own[j] == i)
			d += metrics_sum(j);
	return d;
}

static void
emit_requests(struct buf *b, const struct view *v)
{
	buf_adds(b, "# HELP siteaudit_http_requests_total HTTP requests by route"
	    " pattern and status.\n# TYPE siteaudit_http_requests_total counter\n");
	for (size_t i = 0; i < METRICS_MAX_ROUTES; i++)
		for (int s = 100; s < 600 && slot_used(v, i); s++) {
			uint64_t n = requests(v, i, s);
			if (n)
				buf_printf(b, "siteaudit_http_requests_total{route=\"%s\","
				    "status=\"%d\"} %llu\n", route_name(i), s,
				    (unsigned long long)n);
		}
}

static void
emit_latency(struct buf *b, const struct view *v)
{
	buf_adds(b, "# HELP siteaudit_http_request_duration_seconds Request"
	    " latency by route pattern.\n"
	    "# TYPE siteaudit_http_request_duration_seconds histogram\n");
	for (size_t i = 0; i < METRICS_MAX_ROUTES; i++) {
		uint64_t total = bucket(v, i, METRICS_NBUCKETS);
		const char *rn = route_name(i);
		if (total == 0 || !slot_used(v, i))
			continue;
		for (size_t k = 0; k < METRICS_NBUCKETS; k++)
			buf_printf(b, "siteaudit_http_request_duration_seconds_bucket"
			    "{route=\"%s\",le=\"%g\"} %llu\n", rn, metrics_buckets[k],
			    (unsigned long long)bucket(v, i, k));
		buf_printf(b, "siteaudit_http_request_duration_seconds_bucket"
		    "{route=\"%s\",le=\"+Inf\"} %llu\n"
		    "siteaudit_http_request_duration_seconds_sum{route=\"%s\"} %.6f\n"
		    "siteaudit_http_request_duration_seconds_count{route=\"%s\"} %llu\n",
		    rn, (unsigned long long)total, rn, latency_sum(v, i), rn,
		    (unsigned long long)total);
	}
}

/* One gauge per status, every known status listed (0 when absent). */
static bool
emit_by_status(struct req *r, struct buf *b, const char *sql,
    const char *name, const char *help, const char *const *st, size_t n)
{
	struct db_res *res = NULL;

	if (r->db == NULL || db_query(r->db, sql, NULL, 0, &res) != SA_OK)
		return false;
	buf_printf(b, "# HELP %s %s\n# TYPE %s gauge\n", name, help, name);
	for (size_t i = 0; i < n; i++) {
		const char *v = "0";
		for (size_t k = 0; k < res->nrows; k++)
			if (strcasecmp(db_res_get(res, k, 0), st[i]) == 0)
				v = db_res_get(res, k, 1);
		buf_printf(b, "%s{status=\"%s\"} %s\n", name, st[i], v);
	}
	db_res_free(res);
	return true;
}

static bool
emit_duration(struct req *r, struct buf *b)
{
	static const char n[] = "siteaudit_audit_duration_seconds";
	struct db_res *res = NULL;
	const char *v;

	if (r->db == NULL || db_query(r->db, q_dur, NULL, 0, &res) != SA_OK)
		return false;
	buf_printf(b, "# HELP %s Run durations finished in the last hour.\n"
	    "# TYPE %s histogram\n", n, n);
	for (size_t i = 0; i < SA_NITEMS(dur_le); i++) {
		v = db_res_get(res, 0, i + 2);
		buf_printf(b, "%s_bucket{le=\"%s\"} %s\n", n, dur_le[i], v ? v : "0");
	}
	v = db_res_get(res, 0, 0);
	buf_printf(b, "%s_bucket{le=\"+Inf\"} %s\n%s_sum %s\n%s_count %s\n", n,
	    v ? v : "0", n, db_res_get(res, 0, 1) ? db_res_get(res, 0, 1) : "0",
	    n, v ? v : "0");
	db_res_free(res);
	return true;
}

static bool
emit_db(struct req *r, struct buf *b)
{
	static const char *const rs[] = { "queued", "running", "completed",
	    "failed" }, *const as[] = { "PENDING", "GENERATING", "COMPLETED",
	    "FAILED" };
	struct db_res *res = NULL;
	bool ok;

	ok = emit_by_status(r, b, q_runs, "siteaudit_runs",
	    "Runs by status.", rs, SA_NITEMS(rs)) &&
	    emit_by_status(r, b, q_audits, "siteaudit_page_audits",
	    "Page audits by status.", as, SA_NITEMS(as)) &&
	    db_query(r->db, q_hooks, NULL, 0, &res) == SA_OK;
	if (ok)
		buf_printf(b, "# HELP siteaudit_webhook_deliveries_pending Webhook"
		    " deliveries waiting.\n# TYPE siteaudit_webhook_deliveries_pending"
		    " gauge\nsiteaudit_webhook_deliveries_pending %s\n",
		    db_res_get(res, 0, 0) ? db_res_get(res, 0, 0) : "0");
	db_res_free(res);
	return ok && emit_duration(r, b);
}

void
api_metrics(struct req *r)
{
	struct view v;
	struct buf db;
	bool up;

	if (!allowed(r)) {
		reply_error(r, 403, "forbidden",
		    "Metrics are served to loopback or with the metrics token.");
		return;
	}
	view_init(&v);
	buf_init(&db, 1u << 20);
	up = emit_db(r, &db);
	emit_requests(&r->out, &v);
	emit_latency(&r->out, &v);
	buf_printf(&r->out, "# HELP siteaudit_db_up Whether MariaDB answered this"
	    " scrape.\n# TYPE siteaudit_db_up gauge\nsiteaudit_db_up %d\n", up);
	if (up && db.ptr)
		buf_adds(&r->out, buf_str(&db));
	buf_free(&db);
	r->status = 200;
	reply_header(r, "Content-Type", PROM_TYPE);
	reply_header(r, "Cache-Control", "no-store");
}
