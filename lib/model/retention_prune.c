/* retention_prune.c: the batched prune pass of the retention job.
 *
 * Every DELETE touches at most opts->batch rows, in autocommit, with a
 * short pause between batches, so a pass never holds many row locks for
 * long and the API and the audit workers keep going while it runs. */
/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "model/pdf_store.h"
#include "model/retention.h"
#include "util/buf.h"
#include "util/uuid.h"

/* every org with its override (NULL: the configured days apply) */
static const char sql_orgs[] =
    "SELECT id, retention_days FROM orgs ORDER BY id";

/*
 * Finished runs older than the horizon, oldest first, with their report.
 * A report that is the newest of its site (by created_at, id — the order
 * the API's "latest" uses) is kept however old it is.
 */
static const char sql_old_runs[] =
    "SELECT ru.id, rp.id FROM runs ru"
    " LEFT JOIN reports rp ON rp.run_id = ru.id"
    " WHERE ru.org_id = ? AND ru.status IN ('completed', 'failed')"
    " AND ru.created_at < NOW(3) - INTERVAL ? DAY"
    " AND (rp.site_id IS NULL OR EXISTS (SELECT 1 FROM reports nw"
    "  WHERE nw.site_id = rp.site_id AND nw.org_id = rp.org_id"
    "  AND (nw.created_at > rp.created_at"
    "   OR (nw.created_at = rp.created_at AND nw.id > rp.id))))"
    " ORDER BY ru.created_at, ru.id LIMIT ?";

/* one report's page rows, a batch at a time (ix_report_pages_report) */
static const char sql_del_pages[] =
    "DELETE FROM report_pages WHERE report_id = ? ORDER BY id LIMIT ?";

/*
 * The selected runs, by primary key through a JSON array of ids (one
 * statement for the whole batch); their reports go by ON DELETE CASCADE
 * after their pages are already gone. STRAIGHT_JOIN keeps the id list the
 * driving table: otherwise the optimizer may scan (and lock) every run of
 * the org through ix_runs_org. Status is checked again: a queued or
 * running run is never deleted.
 */
static const char sql_del_runs[] =
    "DELETE ru FROM JSON_TABLE(?, '$[*]' COLUMNS (id CHAR(36) PATH '$')) j"
    " STRAIGHT_JOIN runs ru ON ru.id = j.id"
    " WHERE ru.org_id = ? AND ru.status IN ('completed', 'failed')";

static const char sql_del_audits[] =
    "DELETE FROM page_audits WHERE org_id = ?"
    " AND status IN ('COMPLETED', 'FAILED')"
    " AND created_at < NOW(3) - INTERVAL ? DAY ORDER BY created_at LIMIT ?";

/* delivery logs only once final: pending rows are still to be sent */
static const char sql_del_deliveries[] =
    "DELETE FROM webhook_deliveries WHERE org_id = ?"
    " AND status IN ('delivered', 'dead')"
    " AND created_at < NOW(3) - INTERVAL ? DAY ORDER BY created_at LIMIT ?";

struct pass {
	struct db                   *db;
	const struct retention_opts *o;
	struct retention_counts     *n;
	struct timespec              t0;
	const char                  *org;
	long                         days;
};

static double
elapsed(const struct pass *p)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)(t.tv_sec - p->t0.tv_sec) +
	    (double)(t.tv_nsec - p->t0.tv_nsec) / 1e9;
}

/* True (and the pass marked unfinished) when no further batch may start. */
static bool
must_stop(const struct pass *p)
{
	if ((p->o->stop && atomic_load(p->o->stop)) ||
	    elapsed(p) >= p->o->budget_s) {
		p->n->more = true;
		return true;
	}
	return false;
}

/* Lets other transactions in between two batches. */
static void
pause_between(const struct pass *p)
{
	struct timespec ts = { p->o->pause_ms / 1000,
	    (p->o->pause_ms % 1000) * 1000000L };

	if (p->o->pause_ms > 0)
		nanosleep(&ts, NULL);
}

/* The report's PDF, if rendered. The id is a validated UUID, so the path
 * is always <files_dir>/reports/<uuid>.pdf: nothing outside the store. */
static void
remove_pdf(const struct pass *p, const char *report)
{
	char path[4096];

	if (pdf_store_path(p->o->files_dir, report, path, sizeof(path)) != SA_OK)
		return;
	if (unlink(path) == 0)
		p->n->pdfs++;
	else if (errno != ENOENT)
		p->n->pdf_errors++;
}

static enum sa_err
delete_pages(const struct pass *p, const char *report)
{
	struct db_param q[2] = { DB_STR(report), DB_INT(p->o->batch) };
	unsigned long long k;

	do {
		k = 0;
		if (db_exec(p->db, sql_del_pages, q, 2, &k) != SA_OK)
			return SA_EDB;
		p->n->pages += (long)k;
	} while (k >= (unsigned long long)p->o->batch);
	return SA_OK;
}

/*
 * Files first, rows last: a report whose file is gone is re-rendered on
 * demand, but a file whose row is gone would never be found again.
 */
static enum sa_err
drop_reports(const struct pass *p, const struct db_res *r, struct buf *ids)
{
	enum sa_err rc = buf_addc(ids, '[');

	for (size_t i = 0; i < r->nrows && rc == SA_OK; i++) {
		const char *run = db_res_get(r, i, 0), *rep = db_res_get(r, i, 1);

		if (run == NULL || !uuid_valid(run))
			continue;
		if (rep && uuid_valid(rep)) {
			remove_pdf(p, rep);
			if ((rc = delete_pages(p, rep)) != SA_OK)
				break;
			p->n->reports++;
		}
		rc = buf_printf(ids, "%s\"%s\"", ids->len > 1 ? "," : "", run);
	}
	return rc == SA_OK ? buf_addc(ids, ']') : rc;
}

/* One batch of old runs; *more false once nothing (deletable) is left. */
static enum sa_err
prune_run_batch(const struct pass *p, bool *more)
{
	struct db_param q[3] = { DB_STR(p->org), DB_INT(p->days),
	    DB_INT(p->o->batch) };
	struct db_res *r = NULL;
	struct buf ids;
	unsigned long long k = 0;
	enum sa_err rc;

	*more = false;
	if (db_query(p->db, sql_old_runs, q, 3, &r) != SA_OK)
		return SA_EDB;
	if (r->nrows == 0) {
		db_res_free(r);
		return SA_OK;
	}
	buf_init(&ids, (size_t)p->o->batch * (UUID_STRLEN + 3) + 8);
	if ((rc = drop_reports(p, r, &ids)) == SA_OK) {
		struct db_param d[2] = { DB_STR(ids.ptr), DB_STR(p->org) };
		if (db_exec(p->db, sql_del_runs, d, 2, &k) != SA_OK)
			rc = SA_EDB;
		p->n->runs += (long)k;
		/* a full batch that deleted something: there may be more */
		*more = rc == SA_OK && k > 0 && r->nrows >= (size_t)p->o->batch;
	}
	buf_free(&ids);
	db_res_free(r);
	return rc;
}

/* Repeats a LIMIT-ed DELETE of sql (org, days, batch) until it runs dry. */
static enum sa_err
prune_rows(const struct pass *p, const char *sql, long *count)
{
	struct db_param q[3] = { DB_STR(p->org), DB_INT(p->days),
	    DB_INT(p->o->batch) };
	unsigned long long k;

	do {
		if (must_stop(p))
			return SA_OK;
		k = 0;
		if (db_exec(p->db, sql, q, 3, &k) != SA_OK)
			return SA_EDB;
		*count += (long)k;
		if (k >= (unsigned long long)p->o->batch)
			pause_between(p);
	} while (k >= (unsigned long long)p->o->batch);
	return SA_OK;
}

static enum sa_err
prune_org(struct pass *p)
{
	bool more = true;
	enum sa_err rc = SA_OK;

	while (more && rc == SA_OK && !must_stop(p)) {
		rc = prune_run_batch(p, &more);
		if (more)
			pause_between(p);
	}
	if (rc == SA_OK)
		rc = prune_rows(p, sql_del_audits, &p->n->page_audits);
	if (rc == SA_OK)
		rc = prune_rows(p, sql_del_deliveries, &p->n->deliveries);
	return rc;
}

enum sa_err
retention_prune(struct db *db, const struct retention_opts *o,
    struct retention_counts *n)
{
	struct pass p = { .db = db, .o = o, .n = n };
	struct db_res *orgs = NULL;
	enum sa_err rc = SA_OK;

	memset(n, 0, sizeof(*n));
	clock_gettime(CLOCK_MONOTONIC, &p.t0);
	if (o->batch < 1)
		return SA_EINVAL;
	if (db_query(db, sql_orgs, NULL, 0, &orgs) != SA_OK)
		return SA_EDB;
	for (size_t i = 0; i < orgs->nrows && rc == SA_OK; i++) {
		const char *own = db_res_get(orgs, i, 1);

		p.org = db_res_get(orgs, i, 0);
		p.days = retention_effective_days(own ? strtol(own, NULL, 10) :
		    RETENTION_DEFAULT, o->default_days);
		if (p.days == 0)
			continue;   /* kept forever */
		if (must_stop(&p))
			break;
		n->orgs++;
		rc = prune_org(&p);
	}
	db_res_free(orgs);
	return rc;
}
