/* api_health.c: GET /healthz — is this worker up, and can it reach MariaDB? */
/* SPDX-License-Identifier: MIT */
#include "fcgi.h"

void
api_healthz(struct req *r)
{
	struct json_object *o = json_object_new_object();
	bool up = r->db != NULL && db_ping(r->db);

	json_object_object_add(o, "status", json_object_new_string(up ? "ok" : "unavailable"));
	json_object_object_add(o, "db", json_object_new_string(up ? "ok" : "down"));
	reply_header(r, "Cache-Control", "no-store");
	reply_json(r, up ? 200 : 503, o);
}
