/* pool.c: runner.concurrency audit workers and the thread that heartbeats
 * their leases. Each thread has its own database connection. */
/* SPDX-License-Identifier: MIT */
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "runner.h"
#include "util/fault.h"
#include "util/log.h"

struct slot {
	struct pool     *pool;
	pthread_t        th;
	bool             started;
	struct db       *db;
	bool             busy;     /* claim valid; under pool->mu */
	struct run_claim claim;
	atomic_bool      lost;     /* the heartbeat found the lease gone */
};

struct pool {
	struct runner  *rn;
	bool            once;
	pthread_mutex_t mu;
	atomic_int      done;      /* workers joined: heartbeat may stop */
	atomic_int      handled, errors;
	pthread_t       hb;
	bool            hb_started;
	size_t          n;
	struct slot    *slots;
};

static bool
stopping(const struct pool *p)
{
	return p->rn->stop && atomic_load(p->rn->stop);
}

/* Sleeps up to ms, waking early when flag (or the stop signal) is set. */
static void
nap(const struct pool *p, long ms, const atomic_int *flag)
{
	for (long t = 0; t < ms; t += 100) {
		if ((flag && atomic_load(flag)) || (!flag && stopping(p)))
			return;
		usleep(100000);
	}
}

static int
connect_slot(struct pool *p, struct db **db)
{
	char err[256];

	if (*db)
		return 0;
	if (db_open(db, p->rn->conf, err, sizeof(err)) != SA_OK) {
		log_error("database unavailable: %s", err);
		return -1;
	}
	if (runs_session_setup(*db) != SA_OK)
		log_warn("claims without READ COMMITTED: %s", db_error(*db));
	return 0;
}

static void
slot_set(struct slot *s, const struct run_claim *c)
{
	pthread_mutex_lock(&s->pool->mu);
	s->claim = *c;
	atomic_store(&s->lost, false);
	s->busy = true;
	pthread_mutex_unlock(&s->pool->mu);
}

static void
slot_clear(struct slot *s)
{
	pthread_mutex_lock(&s->pool->mu);
	s->busy = false;
	pthread_mutex_unlock(&s->pool->mu);
}

/* Claims and runs one run; 1 ran one, 0 nothing to do, -1 error. */
static int
work_one(struct slot *s)
{
	const struct runner *rn = s->pool->rn;
	struct run_claim c;
	enum sa_err rc;
	int ret;

	if (connect_slot(s->pool, &s->db) != 0)
		return -1;
	rc = runs_claim(s->db, rn->id, rn->conf->runner_lease_seconds,
	    rn->conf->runner_max_attempts, &c);
	if (rc == SA_ENOTFOUND)
		return 0;
	if (rc != SA_OK && db_transient(s->db)) {
		log_warn("claim: %s; trying again", db_error(s->db));
		return 0;
	}
	if (rc != SA_OK) {
		log_error("claim: %s", db_error(s->db));
		return -1;
	}
	log_info("run %s: claimed by %s (attempt %ld, %s, %s)", c.id, rn->id,
	    c.attempts, c.strategy, c.url);
	fault_point("run.claimed");   /* test-only: docs/runner.md */
	slot_set(s, &c);
	ret = run_execute(rn->conf, s->db, rn->id, &c, &s->lost);
	slot_clear(s);
	return ret < 0 ? -1 : 1;
}

static void *
worker_main(void *arg)
{
	struct slot *s = arg;
	struct pool *p = s->pool;
	int r;

	while (!stopping(p)) {
		if ((r = work_one(s)) > 0) {
			atomic_fetch_add(&p->handled, 1);
			continue;
		}
		if (r < 0)
			atomic_fetch_add(&p->errors, 1);
		if (p->once)
			break;
		nap(p, p->rn->conf->runner_poll_seconds * 1000L, NULL);
	}
	db_close(s->db);
	s->db = NULL;
	return NULL;
}

/* Extends the lease of every busy slot; marks the ones that were lost. */
static void
heartbeat_all(struct pool *p, struct db *db)
{
	long lease = p->rn->conf->runner_lease_seconds;

	for (size_t i = 0; i < p->n; i++) {
		struct slot *s = &p->slots[i];
		struct run_claim c;
		bool busy;
		enum sa_err rc;

		pthread_mutex_lock(&p->mu);
		if ((busy = s->busy))
			c = s->claim;
		pthread_mutex_unlock(&p->mu);
		if (!busy)
			continue;
		rc = runs_heartbeat(db, &c, p->rn->id, lease);
		if (rc == SA_ENOTFOUND) {
			log_warn("run %s: lease lost; its result will be dropped", c.id);
			atomic_store(&s->lost, true);
		} else if (rc != SA_OK) {
			log_warn("run %s: heartbeat failed: %s", c.id, db_error(db));
		}
	}
}

static void *
heartbeat_main(void *arg)
{
	struct pool *p = arg;
	long every = p->rn->conf->runner_lease_seconds * 1000L / 3;
	struct db *db = NULL;

	while (!atomic_load(&p->done)) {
		nap(p, every, &p->done);
		if (atomic_load(&p->done) || connect_slot(p, &db) != 0)
			continue;
		heartbeat_all(p, db);
	}
	db_close(db);
	return NULL;
}

/* Starts the threads with SIGTERM / SIGINT blocked: main handles them. */
static void
start_threads(struct pool *p)
{
	sigset_t block, old;

	sigemptyset(&block);
	sigaddset(&block, SIGTERM);
	sigaddset(&block, SIGINT);
	pthread_sigmask(SIG_BLOCK, &block, &old);
	p->hb_started = pthread_create(&p->hb, NULL, heartbeat_main, p) == 0;
	for (size_t i = 0; i < p->n; i++) {
		p->slots[i].pool = p;
		atomic_init(&p->slots[i].lost, false);
		p->slots[i].started = pthread_create(&p->slots[i].th, NULL,
		    worker_main, &p->slots[i]) == 0;
	}
	pthread_sigmask(SIG_SETMASK, &old, NULL);
}

int
runner_pool_start(struct runner *rn, bool once)
{
	struct pool *p = calloc(1, sizeof(*p));

	if (p == NULL || (p->slots = calloc((size_t)rn->conf->runner_concurrency,
	    sizeof(*p->slots))) == NULL) {
		free(p);
		return -1;
	}
	p->rn = rn, p->once = once, p->n = (size_t)rn->conf->runner_concurrency;
	pthread_mutex_init(&p->mu, NULL);
	atomic_init(&p->done, 0);
	atomic_init(&p->handled, 0);
	atomic_init(&p->errors, 0);
	start_threads(p);
	rn->pool = p;
	return p->slots[0].started ? 0 : -1;
}

int
runner_pool_join(struct runner *rn)
{
	struct pool *p = rn->pool;
	int handled;

	if (p == NULL)
		return 0;
	for (size_t i = 0; i < p->n; i++)
		if (p->slots[i].started)
			pthread_join(p->slots[i].th, NULL);
	atomic_store(&p->done, 1);
	if (p->hb_started)
		pthread_join(p->hb, NULL);
	handled = atomic_load(&p->handled);
	rn->failed_ticks += atomic_load(&p->errors);
	pthread_mutex_destroy(&p->mu);
	free(p->slots);
	free(p);
	rn->pool = NULL;
	return handled;
}
