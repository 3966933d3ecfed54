/* api_hooks.c: POST /api/hooks/site-publish/{token} — the deploy hook. */
/* SPDX-License-Identifier: MIT */
#include <stdio.h>
#include <string.h>
#include "api_common.h"
#include "fcgi.h"
#include "model/hook.h"

#define STR_(x) #x
#define STR(x) STR_(x)
#define LIMIT_TEXT \
	"Deploy hooks are limited to " STR(HOOK_PER_SITE_HOUR) " scans per site per hour"

void
api_hook_site_publish(struct req *r)
{
	const char *token = r->match.nparams ? r->match.params[0] : "";
	char id[UUID_STRLEN + 1] = "";
	long long usec = 0;
	json_object *o;

	switch (hook_enqueue(r->db, token, id, &usec)) {
	case SCANQ_QUEUED:
		o = json_object_new_object();
		json_object_object_add(o, "scanId", json_object_new_string(id));
		json_object_object_add(o, "status", json_object_new_string("queued"));
		reply_json(r, 202, o);
		break;
	case SCANQ_LIMITED:
		api_rate_limited(r, usec, LIMIT_TEXT);
		break;
	case SCANQ_ACTIVE:
		reply_error(r, 409, "SCAN_ALREADY_ACTIVE",
		    "This site already has a queued or running scan.");
		break;
	case SCANQ_NOTFOUND:
		reply_error(r, 404, "not_found", "No such deploy hook.");
		break;
	case SCANQ_DBERR:
		api_db_fail(r);
		break;
	}
}
