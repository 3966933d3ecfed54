/* runner.c: one tick of the runner — each housekeeping job kind in turn. */
/* SPDX-License-Identifier: MIT */
#include <stdio.h>
#include <unistd.h>
#include "runner.h"
#include "util/log.h"
#include "util/uuid.h"

static const struct job_kind kinds[] = {
	{ "sweep", job_sweep },
	{ "schedule", job_schedule },
	{ "page_audits", job_page_audits },
	{ "webhooks", job_webhooks },
	{ "retention", job_retention },
};

static int
ensure_db(struct runner *rn)
{
	char err[256];

	if (rn->db)
		return 0;
	if (db_open(&rn->db, rn->conf, err, sizeof(err)) != SA_OK) {
		log_error("database unavailable: %s", err);
		return -1;
	}
	return 0;
}

void
runner_set_id(struct runner *rn)
{
	char host[64] = "", tag[UUID_STRLEN + 1];

	/* host:pid plus a random tag, so a restarted runner that got the same
	 * pid (pid 1 in a container) never mistakes old leases for its own */
	gethostname(host, sizeof(host) - 1);
	uuid_v7(tag);
	snprintf(rn->id, sizeof(rn->id), "%s:%ld:%.6s", host, (long)getpid(),
	    tag + UUID_STRLEN - 6);
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
		if (n < 0 && db_transient(rn->db)) {
			log_warn("%s: %s; next round", kinds[i].name, db_error(rn->db));
		} else if (n < 0) {
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
