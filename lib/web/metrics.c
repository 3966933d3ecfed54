/* metrics.c: request counters shared by all fcgi workers (one mmap segment). */
/* SPDX-License-Identifier: MIT */
#include <stdatomic.h>
#include <sys/mman.h>
#include "web/metrics.h"

#define NSTATUS 500   /* 100..599 */

const double metrics_buckets[METRICS_NBUCKETS] = {
	0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10,
};

struct route_ctr {
	_Atomic uint64_t status[NSTATUS];
	_Atomic uint64_t bucket[METRICS_NBUCKETS + 1];   /* not cumulative */
	_Atomic uint64_t sum_us;
};

static struct route_ctr *shm;

bool
metrics_init(void)
{
	void *p;

	if (shm != NULL)
		return true;
	p = mmap(NULL, sizeof(struct route_ctr) * METRICS_MAX_ROUTES,
	    PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		return false;
	shm = p;   /* zero-filled by the kernel */
	return true;
}

static size_t
slot(size_t route)
{
	return route < METRICS_MAX_ROUTES ? route : METRICS_MAX_ROUTES - 1;
}

void
metrics_observe(size_t route, int status, double seconds)
{
	struct route_ctr *c;
	size_t b = 0;

	if (shm == NULL || status < 100 || status > 599)
		return;
	c = &shm[slot(route)];
	while (b < METRICS_NBUCKETS && seconds > metrics_buckets[b])
		b++;
	atomic_fetch_add_explicit(&c->status[status - 100], 1, memory_order_relaxed);
	atomic_fetch_add_explicit(&c->bucket[b], 1, memory_order_relaxed);
	if (seconds > 0)
		atomic_fetch_add_explicit(&c->sum_us, (uint64_t)(seconds * 1e6),
		    memory_order_relaxed);
}

uint64_t
metrics_requests(size_t route, int status)
{
	if (shm == NULL || status < 100 || status > 599)
		return 0;
	return atomic_load_explicit(&shm[slot(route)].status[status - 100],
	    memory_order_relaxed);
}

uint64_t
metrics_bucket(size_t route, size_t b)
{
	uint64_t n = 0;

	if (shm == NULL)
		return 0;
	for (size_t i = 0; i <= b && i <= METRICS_NBUCKETS; i++)
		n += atomic_load_explicit(&shm[slot(route)].bucket[i],
		    memory_order_relaxed);
	return n;
}

double
metrics_sum(size_t route)
{
	if (shm == NULL)
		return 0;
	return (double)atomic_load_explicit(&shm[slot(route)].sum_us,
	    memory_order_relaxed) / 1e6;
}
