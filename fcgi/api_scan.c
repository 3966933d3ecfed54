/* api_scan.c: POST /api/external/scan — queue a site scan (deduped, limited). */
/* SPDX-License-Identifier: MIT */
#include <stdio.h>
#include <stdlib.h>
#include "api_common.h"
#include "fcgi.h"
#include "util/uuid.h"
#include "model/scan.h"
#include "web/body.h"

#define STR_(x) #x
#define STR(x) STR_(x)
#define LIMIT_TEXT \
	"Scans are limited to " STR(SCAN_PER_USER_HOUR) " per user per hour"

enum { F_SITE, F_STRATEGY, F__N };
static const struct field scan_fields[F__N] = {
	[F_SITE] = { "siteId", FIELD_UUID, true, 0, 0, NULL },
	[F_STRATEGY] = { "strategy", FIELD_ENUM, false, 0, 0, "mobile|desktop|both" },
};

static void
reply_outcome(struct req *r, enum scanq_outcome rc, const char *id,
    long long usec)
{
	json_object *o;

	switch (rc) {
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
	case SCANQ_NOTFOUND:   /* deleted between the ownership check and now */
		reply_error(r, 404, "not_found", "No such site.");
		break;
	case SCANQ_DBERR:
		api_db_fail(r);
		break;
	}
}

void
api_scan(struct req *r)
{
	struct field_val v[F__N];
	struct db_res *site = NULL;
	json_object *body = body_json(r);
	char id[UUID_STRLEN + 1] = "";
	struct scanq q;
	enum scanq_outcome rc;
	long long usec = 0;

	if (body == NULL || !body_validate(r, body, scan_fields, F__N, v) ||
	    !api_site_load(r, v[F_SITE].str, &site))
		goto out;
	q = (struct scanq){ .org_id = r->auth.org_id, .user_id = r->auth.user_id,
	    .api_key_id = r->auth.key_id, .site_id = v[F_SITE].str,
	    .trigger = "api",
	    .strategy = v[F_STRATEGY].present ? v[F_STRATEGY].str : NULL };
	rc = scanq_enqueue(r->db, &q, id, &usec);   /* before usec is read */
	reply_outcome(r, rc, id, usec);
out:
	db_res_free(site);
	json_object_put(body);
}
