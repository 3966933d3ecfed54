/* api_hooks.c: POST /api/hooks/site-publish/{token} — the deploy hook. */
/* SPDX-License-Identifier: MIT */
#include <stdio.h>
#include <string.h>
#include "api_common.h"
#include "fcgi.h"
#include "model/hook.h"

static void
reply_limited(struct req *r, long long usec)
{
	long long secs = (usec + 999999) / 1000000;
	char hdr[24], msg[160];

	if (secs < 1)
		secs = 1;
	snprintf(hdr, sizeof(hdr), "%lld", secs);
	snprintf(msg, sizeof(msg), "Deploy hooks are limited to %d scans per "
	    "site per hour; retry in %lld seconds.", HOOK_PER_SITE_HOUR, secs);
	reply_error(r, 429, "rate_limited", msg);
	reply_header(r, "Retry-After", hdr);   /* after: reply_error resets */
}

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
		reply_limited(r, usec);
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
