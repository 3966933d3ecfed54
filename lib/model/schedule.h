/* schedule.h: site scan schedules — next occurrence (pure) and the DB side. */
/* SPDX-License-Identifier: MIT */
#ifndef SA_SCHEDULE_H
#define SA_SCHEDULE_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>
#include "db/db.h"
#include "sa.h"

enum sched_kind { SCHED_OFF, SCHED_DAILY, SCHED_WEEKLY, SCHED_MONTHLY, SCHED__MAX };

/* "off", "daily", "weekly", "monthly" — the sites.schedule ENUM values. */
extern const char *const sched_kind_names[SCHED__MAX];

/* A site's schedule: all times in UTC. */
struct sched {
	enum sched_kind kind;
	int             hour;       /* 0..23 */
	int             weekday;    /* 0 = Sunday .. 6 (weekly) */
	int             monthday;   /* 1..28 (monthly) */
};

/* The kind named s, or -1 when s is NULL or unknown. */
int sched_kind_parse(const char *s);

/* True when every field is in range (whatever the kind). */
bool sched_valid(const struct sched *s);

/*
 * The first scheduled instant strictly after `after` (UTC, whole hours):
 * daily at hour; weekly on weekday at hour; monthly on monthday at hour.
 * Returns (time_t)-1 for SCHED_OFF or an invalid schedule. Pure.
 */
time_t sched_next(const struct sched *s, time_t after);

/* Formats t as "YYYY-MM-DD HH:MM:SS" (UTC) into out[20]. */
void sched_format(time_t t, char out[20]);

/*
 * Gives every site with a schedule but no next_run_at one (computed from
 * now). Returns how many sites were updated, or -1 on a database error.
 */
int sched_fill_missing(struct db *db, time_t now);

/*
 * Enqueues a scan (kind 'scan', trigger 'schedule') for every site whose
 * next_run_at has passed and advances next_run_at past now, in one
 * transaction. A site with a scan already queued or running is skipped
 * (the runs.active_site_id unique key refuses the duplicate) but still
 * advanced. Returns how many scans were enqueued, or -1 on a DB error.
 */
int sched_enqueue_due(struct db *db, time_t now);

/*
 * Sets site's schedule (admin). hour / weekday / monthday < 0 keep the
 * stored value. Writes the resulting next run ("" when off) into next[20].
 * SA_EINVAL (bad input, why in err), SA_ENOTFOUND (no such site), SA_EDB.
 */
enum sa_err sched_site_set(struct db *db, const char *site, const char *kind,
    int hour, int weekday, int monthday, char next[20], char *err,
    size_t errlen);

#endif
