/* main.c: siteaudit-runner — claims due work from MariaDB and does it. */
/* SPDX-License-Identifier: MIT */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sodium.h>
#include "runner.h"
#include "util/log.h"

static volatile sig_atomic_t stop;

static void
on_term(int sig)
{
	(void)sig;
	stop = 1;
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
	for (long i = 0; i < seconds * 10 && !stop; i++)
		usleep(100000);
}

int
main(int argc, char **argv)
{
	struct conf c;
	struct runner rn = { .conf = &c };
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
	do {
		runner_tick(&rn);
		if (loop)
			sleep_interruptibly(c.runner_poll_seconds);
	} while (loop && !stop);
	runner_close(&rn);
	conf_free(&c);
	return rn.failed_ticks && !loop ? 1 : 0;
}
