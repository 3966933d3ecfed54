/* fault.h: test-only fault points — die at a named stage on request. */
/* SPDX-License-Identifier: MIT */
#ifndef SA_FAULT_H
#define SA_FAULT_H

/*
 * fault_point("run.claimed") makes the process _exit(137) — what a SIGKILL
 * looks like to its parent — when $SITEAUDIT_FAULT names that point
 * (one name, or several separated by '|' or ','). The fault-injection suite
 * (tests/e2e/test_faults.py) uses it to kill the runner at an exact stage
 * of a run. Unset (every production process): one cached getenv, no effect.
 * Points: run.claimed, run.fetched, run.written, webhook.sent
 * (docs/runner.md).
 */
void fault_point(const char *name);

/* True when $SITEAUDIT_FAULT names point name (exposed for the unit test). */
int fault_armed(const char *spec, const char *name);

#endif
