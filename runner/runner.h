/* runner.h: the runner's job kinds, its audit pool and its shared state. */
/* SPDX-License-Identifier: MIT */
#ifndef SA_RUNNER_H
#define SA_RUNNER_H

#include <stdatomic.h>
#include <stdbool.h>
#include "conf.h"
#include "db/db.h"
#include "model/runs.h"

struct pool;

struct runner {
	const struct conf *conf;
	struct db         *db;           /* housekeeping connection */
	char               id[96];       /* lease owner: host:pid:random */
	int                failed_ticks;
	atomic_int        *stop;         /* set by SIGTERM / SIGINT */
	struct pool       *pool;         /* the audit workers, when started */
};

/* One job kind: does what is due, returns how many items it handled or -1. */
struct job_kind {
	const char *name;
	int (*run)(struct runner *rn);
};

/* Sets rn->id, the lease owner name: host:pid:random. Call once first. */
void runner_set_id(struct runner *rn);
/* Runs every housekeeping job kind once (connecting first when needed). */
void runner_tick(struct runner *rn);
void runner_close(struct runner *rn);

/*
 * Starts runner.concurrency audit workers (one DB connection each) and a
 * lease heartbeat thread. With once, workers exit when no run is left to
 * claim; otherwise they poll every runner.poll_seconds until *rn->stop.
 * Either way a worker finishes the run it holds before it exits.
 * Returns 0, or -1 when no thread could be started.
 */
int runner_pool_start(struct runner *rn, bool once);
/*
 * Waits for every worker, then stops the heartbeat and frees the pool.
 * Returns how many runs were handled; worker errors add to failed_ticks.
 */
int runner_pool_join(struct runner *rn);

/*
 * Audits claimed run c on db and records the outcome (completed with a
 * report, or failed with the engine's message), unless *lost says the
 * heartbeat lost the lease. Returns 0, or -1 on a database error.
 */
int run_execute(const struct conf *cf, struct db *db, const char *owner,
    const struct run_claim *c, const atomic_bool *lost);

/* Job kinds, one file each. */
int job_sweep(struct runner *rn);
int job_schedule(struct runner *rn);
int job_page_audits(struct runner *rn);   /* job_page_audits.c */
int job_webhooks(struct runner *rn);   /* job_webhooks.c */
int job_retention(struct runner *rn);  /* job_retention.c */

#endif
