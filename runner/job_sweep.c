/* job_sweep.c: housekeeping — expired sessions, runs whose leases ran out. */
/* SPDX-License-Identifier: MIT */
#include "runner.h"

static const char sql_sessions[] =
    "DELETE FROM sessions WHERE expires_at < NOW(3)";
/* a run whose runner vanished and that used up its attempts is failed */
static const char sql_dead_runs[] =
    "UPDATE runs SET status = 'failed', finished_at = NOW(3), lease_owner = NULL,"
    " error = 'The audit was interrupted too many times and was given up.'"
    " WHERE status = 'running' AND lease_expires_at < NOW(3) AND attempts >= ?";

int
job_sweep(struct runner *rn)
{
	struct db_param p = DB_INT(rn->conf->runner_max_attempts);
	unsigned long long a = 0, b = 0;

	if (db_exec(rn->db, sql_sessions, NULL, 0, &a) != SA_OK ||
	    db_exec(rn->db, sql_dead_runs, &p, 1, &b) != SA_OK)
		return -1;
	return (int)(a + b);
}
