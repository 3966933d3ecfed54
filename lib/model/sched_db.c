/* sched_db.c: scheduled scans in MariaDB — next_run_at upkeep and enqueueing. */
/* SPDX-License-Identifier: MIT */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "model/schedule.h"
#include "util/uuid.h"

#define SCHED_BATCH "200"
#define ER_DUP_ENTRY 1062

static const char sql_missing[] =
    "SELECT id, schedule, schedule_hour, schedule_weekday, schedule_monthday"
    " FROM sites WHERE schedule <> 'off' AND next_run_at IS NULL"
    " LIMIT " SCHED_BATCH;
static const char sql_due[] =
    "SELECT id, schedule, schedule_hour, schedule_weekday, schedule_monthday,"
    " org_id, url, strategy, page_limit FROM sites"
    " WHERE schedule <> 'off' AND next_run_at <= ?"
    " ORDER BY next_run_at LIMIT " SCHED_BATCH " FOR UPDATE SKIP LOCKED";
static const char sql_set_next[] =
    "UPDATE sites SET next_run_at = ? WHERE id = ?";
/* a uq_runs_active_site duplicate (ER_DUP_ENTRY) means a scan is in flight */
static const char sql_enqueue[] =
    "INSERT INTO runs (id, org_id, site_id, url, kind, trigger_source,"
    " strategy, page_limit) VALUES (?, ?, ?, ?, 'scan', 'schedule', ?, ?)";

/* Reads the schedule columns 1..4 of row i into s. */
static void
row_sched(const struct db_res *r, size_t i, struct sched *s)
{
	int k = sched_kind_parse(db_res_get(r, i, 1));

	s->kind = k < 0 ? SCHED_OFF : (enum sched_kind)k;
	s->hour = (int)strtol(db_res_get(r, i, 2), NULL, 10);
	s->weekday = (int)strtol(db_res_get(r, i, 3), NULL, 10);
	s->monthday = (int)strtol(db_res_get(r, i, 4), NULL, 10);
}

/* Sets row i's next_run_at to its next occurrence after now. */
static enum sa_err
advance(struct db *db, const struct db_res *r, size_t i, time_t now)
{
	struct sched s;
	struct db_param p[2];
	char when[20];
	time_t t;

	row_sched(r, i, &s);
	t = sched_next(&s, now);
	sched_format(t, when);
	p[0] = t == (time_t)-1 ? DB_NULL : DB_STR(when);
	p[1] = DB_STR(db_res_get(r, i, 0));
	return db_exec(db, sql_set_next, p, 2, NULL);
}

int
sched_fill_missing(struct db *db, time_t now)
{
	struct db_res *r = NULL;
	int n = 0;

	if (db_query(db, sql_missing, NULL, 0, &r) != SA_OK)
		return -1;
	for (size_t i = 0; i < r->nrows && n >= 0; i++)
		n = advance(db, r, i, now) == SA_OK ? n + 1 : -1;
	db_res_free(r);
	return n;
}

/* Inserts the scan of due row i; 1 when enqueued, 0 when one is in flight. */
static int
enqueue_row(struct db *db, const struct db_res *r, size_t i)
{
	char id[UUID_STRLEN + 1];
	struct db_param p[6];
	unsigned long long n = 0;

	uuid_v7(id);
	p[0] = DB_STR(id), p[1] = DB_STR(db_res_get(r, i, 5));
	p[2] = DB_STR(db_res_get(r, i, 0)), p[3] = DB_STR(db_res_get(r, i, 6));
	p[4] = DB_STR(db_res_get(r, i, 7));
	p[5] = DB_INT(strtol(db_res_get(r, i, 8), NULL, 10));
	if (db_exec(db, sql_enqueue, p, 6, &n) != SA_OK)
		return db_errno(db) == ER_DUP_ENTRY ? 0 : -1;
	return n > 0;
}

int
sched_enqueue_due(struct db *db, time_t now)
{
	struct db_res *r = NULL;
	struct db_param p;
	char when[20];
	int n = 0, k;

	sched_format(now, when);
	p = DB_STR(when);
	if (db_begin(db) != SA_OK)
		return -1;
	if (db_query(db, sql_due, &p, 1, &r) != SA_OK)
		goto fail;
	for (size_t i = 0; i < r->nrows; i++) {
		if ((k = enqueue_row(db, r, i)) < 0 || advance(db, r, i, now) != SA_OK)
			goto fail;
		n += k;
	}
	db_res_free(r);
	return db_commit(db) == SA_OK ? n : -1;
fail:
	db_res_free(r);
	db_rollback(db);
	return -1;
}

/* Loads site's stored schedule into s; SA_ENOTFOUND when there is none. */
static enum sa_err
load_site(struct db *db, const char *site, struct sched *s)
{
	static const char sql[] = "SELECT id, schedule, schedule_hour,"
	    " schedule_weekday, schedule_monthday FROM sites WHERE id = ?";
	struct db_param p = DB_STR(site);
	struct db_res *r = NULL;
	enum sa_err rc;

	if ((rc = db_query(db, sql, &p, 1, &r)) != SA_OK)
		return rc;
	rc = r->nrows ? SA_OK : SA_ENOTFOUND;
	if (rc == SA_OK)
		row_sched(r, 0, s);
	db_res_free(r);
	return rc;
}

static enum sa_err
set_fail(char *err, size_t errlen, enum sa_err rc, const char *msg)
{
	snprintf(err, errlen, "%s", msg);
	return rc;
}

/* Overrides the stored fields with the given ones and validates. */
static enum sa_err
merge(struct sched *s, const char *kind, int hour, int weekday, int monthday,
    char *err, size_t errlen)
{
	int k = sched_kind_parse(kind);

	if (k < 0)
		return set_fail(err, errlen, SA_EINVAL,
		    "--schedule must be off, daily, weekly or monthly");
	s->kind = (enum sched_kind)k;
	if (hour != -1)
		s->hour = hour;
	if (weekday != -1)
		s->weekday = weekday;
	if (monthday != -1)
		s->monthday = monthday;
	if (s->hour < 0 || s->hour > 23)
		return set_fail(err, errlen, SA_EINVAL, "--hour must be 0 to 23 (UTC)");
	if (s->weekday < 0 || s->weekday > 6)
		return set_fail(err, errlen, SA_EINVAL,
		    "--weekday must be 0 (Sunday) to 6 (Saturday)");
	if (s->monthday < 1 || s->monthday > 28)
		return set_fail(err, errlen, SA_EINVAL, "--monthday must be 1 to 28");
	return SA_OK;
}

enum sa_err
sched_site_set(struct db *db, const char *site, const char *kind, int hour,
    int weekday, int monthday, char next[20], char *err, size_t errlen)
{
	static const char sql[] = "UPDATE sites SET schedule = ?, schedule_hour = ?,"
	    " schedule_weekday = ?, schedule_monthday = ?, next_run_at = ?"
	    " WHERE id = ?";
	struct sched s;
	struct db_param p[6];
	enum sa_err rc;

	next[0] = '\0';
	if (!uuid_valid(site))
		return set_fail(err, errlen, SA_EINVAL, "--site must be a UUID");
	if ((rc = load_site(db, site, &s)) != SA_OK)
		return set_fail(err, errlen, rc, rc == SA_ENOTFOUND ? "no such site"
		    : db_error(db));
	if ((rc = merge(&s, kind, hour, weekday, monthday, err, errlen)) != SA_OK)
		return rc;
	if (s.kind != SCHED_OFF)
		sched_format(sched_next(&s, time(NULL)), next);
	p[0] = DB_STR(sched_kind_names[s.kind]), p[1] = DB_INT(s.hour);
	p[2] = DB_INT(s.weekday), p[3] = DB_INT(s.monthday);
	p[4] = next[0] ? DB_STR(next) : DB_NULL, p[5] = DB_STR(site);
	if (db_exec(db, sql, p, 6, NULL) != SA_OK)
		return set_fail(err, errlen, SA_EDB, db_error(db));
	return SA_OK;
}
