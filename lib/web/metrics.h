/* metrics.h: request counters shared by all fcgi workers (one mmap segment). */
/* SPDX-License-Identifier: MIT */
#ifndef SA_METRICS_H
#define SA_METRICS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define METRICS_MAX_ROUTES 128   /* route slots; the last one is "unmatched" */
#define METRICS_NBUCKETS   11    /* latency buckets, +Inf excluded */

/* The standard Prometheus client buckets, in seconds. */
extern const double metrics_buckets[METRICS_NBUCKETS];

/*
 * Creates the shared segment (MAP_SHARED|MAP_ANONYMOUS); call in the master
 * before forking the workers, which inherit it. false on failure (the
 * counters then stay empty; nothing else breaks).
 */
bool metrics_init(void);

/* Counts one request: route slot (>= METRICS_MAX_ROUTES-1 → unmatched),
 * HTTP status 100..599, latency in seconds. Lock-free, async-safe. */
void metrics_observe(size_t route, int status, double seconds);

/* Reads: requests of (route, status); the cumulative count of bucket b
 * (b == METRICS_NBUCKETS is +Inf); the latency sum in seconds. */
uint64_t metrics_requests(size_t route, int status);
uint64_t metrics_bucket(size_t route, size_t b);
double   metrics_sum(size_t route);

#endif
