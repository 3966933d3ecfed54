/* main.c: siteaudit-runner — claims due work from MariaDB and does it. */
/* SPDX-License-Identifier: MIT */
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sodium.h>
#include "runner.h"
#include "util/log.h"

/* lock-free, so safe to set from a handler and read from the workers */
static atomic_int stop;

static void
on_term(int sig)
{
	(void)sig;
	atomic_store(&stop, 1);
}

static int
usage(void)
{
	fprintf(stderr, "usage: siteaudit-runner --once | --loop\n"
	    "  --once   do what is due now, then exit (what cron runs every minute)\n"
	    "  --loop   keep doing it every runner.poll_seconds until SIGTERM\n"
	    "Configuration comes from $SITEAUDIT_CONF (default %s).\n",
	    CONF_DEFAULT_PATH);
	return 2;
}

static int
load(struct conf *c)
{
	char *err = NULL;
	int lvl;

	if (conf_load(c, NULL, &err) != SA_OK) {
		fprintf(stderr, "%s", err ? err : "configuration error\n");
		free(err);
		return -1;
	}
	if ((lvl = log_level_parse(c->log_level)) >= 0)
		log_set_level((enum log_level)lvl);
	return 0;
}

static void
sleep_interruptibly(long seconds)
{
	for (long i = 0; i < seconds * 10 && !atomic_load(&stop); i++)
		usleep(100000);
}

/* --once: housekeeping, then audits until nothing is left to claim. */
static void
run_once(struct runner *rn)
{
	runner_tick(rn);
	if (rn->db == NULL)
		return;   /* no database: already reported */
	if (runner_pool_start(rn, true) != 0)
		rn->failed_ticks++;
	runner_pool_join(rn);
}

/* --loop: workers poll for runs; housekeeping every poll_seconds. */
static void
run_loop(struct runner *rn)
{
	if (runner_pool_start(rn, false) != 0)
		log_error("could not start the audit workers");
	do {
		runner_tick(rn);
		sleep_interruptibly(rn->conf->runner_poll_seconds);
	} while (!atomic_load(&stop));
	log_info("stopping: finishing the runs in progress");
	runner_pool_join(rn);
}

int
main(int argc, char **argv)
{
	struct conf c;
	struct runner rn = { .conf = &c, .stop = &stop };
	int loop;

	if (argc != 2 || (strcmp(argv[1], "--once") && strcmp(argv[1], "--loop")))
		return usage();
	loop = strcmp(argv[1], "--loop") == 0;
	log_init("siteaudit-runner", LOG_LVL_INFO);
	if (sodium_init() < 0 || load(&c) != 0) {
		conf_free(&c);
		return 78;
	}
	signal(SIGTERM, on_term);
	signal(SIGINT, on_term);
	signal(SIGPIPE, SIG_IGN);
	runner_set_id(&rn);
	if (loop)
		run_loop(&rn);
	else
		run_once(&rn);
	runner_close(&rn);
	conf_free(&c);
	return rn.failed_ticks && !loop ? 1 : 0;
}
