/* fault.c: test-only fault points (see fault.h and docs/runner.md). */
/* SPDX-License-Identifier: MIT */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "util/fault.h"
#include "util/log.h"

static const char *spec;
static pthread_once_t once = PTHREAD_ONCE_INIT;

/* Read once: getenv is not safe against a concurrent setenv, and the
 * runner's worker threads call fault_point() concurrently. */
static void
load_spec(void)
{
	const char *s = getenv("SITEAUDIT_FAULT");

	spec = s && s[0] ? s : NULL;
}

int
fault_armed(const char *s, const char *name)
{
	size_t n = strlen(name);

	if (s == NULL || n == 0)
		return 0;
	for (const char *p = s; *p; ) {
		size_t len = strcspn(p, "|,");

		if (len == n && strncmp(p, name, n) == 0)
			return 1;
		p += len;
		if (*p)
			p++;
	}
	return 0;
}

void
fault_point(const char *name)
{
	pthread_once(&once, load_spec);
	if (spec == NULL || !fault_armed(spec, name))
		return;
	log_warn("fault point %s: exiting with status 137 (SITEAUDIT_FAULT)",
	    name);
	_exit(137);
}
