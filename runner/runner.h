/* runner.h: the runner's job kinds and its shared state. */
/* SPDX-License-Identifier: MIT */
#ifndef SA_RUNNER_H
#define SA_RUNNER_H

#include "conf.h"
#include "db/db.h"

struct runner {
	const struct conf *conf;
	struct db         *db;
	char               id[96];       /* lease owner: host:pid */
	int                failed_ticks;
};

/* One job kind: does what is due, returns how many items it handled or -1. */
struct job_kind {
	const char *name;
	int (*run)(struct runner *rn);
};

/* Runs every job kind once (connecting first when needed). */
void runner_tick(struct runner *rn);
void runner_close(struct runner *rn);

/* Job kinds, one file each. */
int job_sweep(struct runner *rn);

#endif
