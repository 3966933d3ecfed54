/* job_schedule.c: enqueues the scheduled scans that are due. */
/* SPDX-License-Identifier: MIT */
#include <time.h>
#include "model/schedule.h"
#include "runner.h"

int
job_schedule(struct runner *rn)
{
	time_t now = time(NULL);
	int filled, queued;

	if ((filled = sched_fill_missing(rn->db, now)) < 0)
		return -1;
	if ((queued = sched_enqueue_due(rn->db, now)) < 0)
		return -1;
	return filled + queued;
}
