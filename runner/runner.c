/* runner.c: one tick of the runner — each job kind in turn. */
/* SPDX-License-Identifier: MIT */
#include <stdio.h>
#include <unistd.h>
#include "runner.h"
#include "util/log.h"

static const struct job_kind kinds[] = {
	{ "sweep", job_sweep },
};

static int
ensure_db(struct runner *rn)
{
	char err[256], host[64] = "";

	if (rn->db)
		return 0;
	if (db_open(&rn->db, rn->conf, err, sizeof(err)) != SA_OK) {
		log_error("database unavailable: %s", err);
		return -1;
	}
	gethostname(host, sizeof(host) - 1);
	snprintf(rn->id, sizeof(rn->id), "%s:%ld", host, (long)getpid());
	return 0;
}

void
runner_tick(struct runner *rn)
{
	if (ensure_db(rn) != 0) {
		rn->failed_ticks++;
		return;
	}
	for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
		int n = kinds[i].run(rn);
		if (n < 0) {
			log_error("%s: %s", kinds[i].name, db_error(rn->db));
			rn->failed_ticks++;
		} else if (n > 0) {
			log_info("%s: %d item(s)", kinds[i].name, n);
		}
	}
}

void
runner_close(struct runner *rn)
{
	db_close(rn->db);
	rn->db = NULL;
}
