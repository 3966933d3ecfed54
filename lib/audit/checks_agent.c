/* checks_agent.c: the agent-readiness checks (the sixth score). */
/* SPDX-License-Identifier: MIT */
#include "audit/check.h"

/* Filled by the agent-readiness work (issue 12); scored as absent until then. */
const struct check_def audit_checks_agent[1];
const size_t audit_checks_agent_count = 0;
