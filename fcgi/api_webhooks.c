/* api_webhooks.c: /api/external/webhooks — subscribe, list, delete. */
/* SPDX-License-Identifier: MIT */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "api_common.h"
#include "audit/fetch.h"
#include "fcgi.h"
#include "model/webhook.h"
#include "web/body.h"

#define MAX_SUBS      100   /* subscriptions per org */
#define HISTORY_ROWS  20    /* deliveries listed per subscription */

static const char sql_count[] =
    "SELECT COUNT(*) FROM webhook_subscriptions WHERE org_id = ?";
static const char sql_insert[] =
    "INSERT INTO webhook_subscriptions (id, org_id, site_id, url, events,"
    " format, secret) VALUES (?, ?, ?, ?, ?, ?, ?)";
static const char sql_list[] =
    "SELECT id, site_id, url, events, format, enabled, dead_streak,"
    " disabled_reason, created_at FROM webhook_subscriptions"
    " WHERE org_id = ? ORDER BY created_at, id LIMIT 100";
enum { L_ID, L_SITE, L_URL, L_EVENTS, L_FORMAT, L_ENABLED, L_STREAK,
	L_REASON, L_CREATED };
static const char sql_history[] =
    "SELECT id, event_id, event_type, status, attempts, last_status_code,"
    " last_error, created_at, next_attempt_at, delivered_at"
    " FROM webhook_deliveries WHERE subscription_id = ? AND org_id = ?"
    " ORDER BY created_at DESC, id DESC LIMIT 20";
static const char sql_delete[] =
    "DELETE FROM webhook_subscriptions WHERE id = ? AND org_id = ?";

enum { F_URL, F_SITE, F_FORMAT, F__N };
static const struct field sub_fields[F__N] = {
	[F_URL] = { "url", FIELD_URL, true, 0, 2048, NULL },
	[F_SITE] = { "siteId", FIELD_UUID, false, 0, 0, NULL },
	[F_FORMAT] = { "format", FIELD_ENUM, false, 0, 0, "json|slack" },
};

/* events[] → "a,b" in SET order; replies 422 and returns false if bad. */
static bool
parse_events(struct req *r, json_object *body, char *set, size_t setlen)
{
	json_object *arr = NULL;
	bool want[WH__MAX] = { false };
	size_t n, len = 0;

	if (!json_object_object_get_ex(body, "events", &arr) ||
	    !json_object_is_type(arr, json_type_array) ||
	    (n = json_object_array_length(arr)) == 0 || n > 16)
		goto bad;
	for (size_t i = 0; i < n; i++) {
		json_object *e = json_object_array_get_idx(arr, i);
		enum webhook_event ev = json_object_is_type(e, json_type_string) ?
		    webhook_event_parse(json_object_get_string(e)) : WH__MAX;
		if (ev == WH__MAX)
			goto bad;
		want[ev] = true;
	}
	set[0] = '\0';
	for (int e = 0; e < WH__MAX; e++)
		if (want[e])
			len += (size_t)snprintf(set + len, setlen - len, "%s%s",
			    len ? "," : "", webhook_event_name(e));
	return true;
bad:
	reply_error(r, 422, "validation_error", "events must be a non-empty "
	    "array of scan.completed, scan.failed, regression.detected, "
	    "budget.violated.");
	return false;
}

/* The SSRF rules of audited URLs; replies 422 and returns false if refused. */
static bool
check_target(struct req *r, const char *url)
{
	char why[256], msg[320];
	enum fetch_err e;

	e = fetch_check_url(url, r->conf->allow_private_targets, why, sizeof(why));
	if (e == FETCH_OK)
		return true;
	snprintf(msg, sizeof(msg), "url %s: %s", e == FETCH_EDENIED ?
	    "is not an allowed webhook target" : "is not valid", why);
	reply_error(r, 422, e == FETCH_EDENIED ? "private_target" :
	    "validation_error", msg);
	return false;
}

static bool
under_limit(struct req *r)
{
	struct db_param p = DB_STR(r->auth.org_id);
	struct db_res *res = NULL;
	bool ok;

	if (db_query(r->db, sql_count, &p, 1, &res) != SA_OK) {
		api_db_fail(r);
		return false;
	}
	ok = strtol(db_res_get(res, 0, 0), NULL, 10) < MAX_SUBS;
	db_res_free(res);
	if (!ok)
		reply_error(r, 422, "limit_reached",
		    "An organisation can have at most 100 webhook subscriptions.");
	return ok;
}

static json_object *
events_json(const char *set)
{
	json_object *a = json_object_new_array();

	for (int e = 0; e < WH__MAX; e++)
		if (set && strstr(set, webhook_event_name(e)))
			json_object_array_add(a,
			    json_object_new_string(webhook_event_name(e)));
	return a;
}

static void
reply_created(struct req *r, const char *id, const struct field_val *v,
    const char *set, const char *secret)
{
	json_object *o = json_object_new_object();

	json_object_object_add(o, "id", json_object_new_string(id));
	json_object_object_add(o, "url", json_object_new_string(v[F_URL].str));
	json_object_object_add(o, "events", events_json(set));
	json_object_object_add(o, "siteId", v[F_SITE].present ?
	    json_object_new_string(v[F_SITE].str) : NULL);
	json_object_object_add(o, "format", json_object_new_string(
	    v[F_FORMAT].present ? v[F_FORMAT].str : "json"));
	json_object_object_add(o, "enabled", json_object_new_boolean(1));
	json_object_object_add(o, "secret", json_object_new_string(secret));
	reply_json(r, 201, o);
}

static void
insert_sub(struct req *r, const struct field_val *v, const char *set)
{
	char id[UUID_STRLEN + 1], secret[WEBHOOK_SECRET_LEN + 1];
	struct db_param p[7];

	uuid_v7(id);
	webhook_secret_new(secret);
	p[0] = DB_STR(id), p[1] = DB_STR(r->auth.org_id);
	p[2] = v[F_SITE].present ? DB_STR(v[F_SITE].str) : DB_NULL;
	p[3] = DB_STR(v[F_URL].str), p[4] = DB_STR(set);
	p[5] = DB_STR(v[F_FORMAT].present ? v[F_FORMAT].str : "json");
	p[6] = DB_STR(secret);
	if (db_exec(r->db, sql_insert, p, 7, NULL) != SA_OK)
		api_db_fail(r);
	else
		reply_created(r, id, v, set, secret);
}

void
api_webhook_subscribe(struct req *r)
{
	struct field_val v[F__N];
	struct db_res *site = NULL;
	json_object *body = body_json(r);
	char set[128];

	if (body == NULL || !body_validate(r, body, sub_fields, F__N, v) ||
	    !parse_events(r, body, set, sizeof(set)) ||
	    (v[F_SITE].present && !api_site_load(r, v[F_SITE].str, &site)) ||
	    !check_target(r, v[F_URL].str) || !under_limit(r))
		goto out;
	insert_sub(r, v, set);
out:
	db_res_free(site);
	json_object_put(body);
}

static json_object *
delivery_json(const struct db_res *h, size_t i)
{
	json_object *o = json_object_new_object();

	json_object_object_add(o, "id", api_str(db_res_get(h, i, 0)));
	json_object_object_add(o, "eventId", api_str(db_res_get(h, i, 1)));
	json_object_object_add(o, "event", api_str(db_res_get(h, i, 2)));
	json_object_object_add(o, "status", api_str(db_res_get(h, i, 3)));
	json_object_object_add(o, "attempts", api_num(db_res_get(h, i, 4)));
	json_object_object_add(o, "responseCode", api_num(db_res_get(h, i, 5)));
	json_object_object_add(o, "lastError", api_str(db_res_get(h, i, 6)));
	json_object_object_add(o, "createdAt", api_time(db_res_get(h, i, 7)));
	json_object_object_add(o, "nextAttemptAt", api_time(db_res_get(h, i, 8)));
	json_object_object_add(o, "deliveredAt", api_time(db_res_get(h, i, 9)));
	return o;
}

static json_object *
sub_json(const struct db_res *s, size_t i, const struct db_res *h)
{
	json_object *o = json_object_new_object(), *d = json_object_new_array();

	json_object_object_add(o, "id", api_str(db_res_get(s, i, L_ID)));
	json_object_object_add(o, "siteId", api_str(db_res_get(s, i, L_SITE)));
	json_object_object_add(o, "url", api_str(db_res_get(s, i, L_URL)));
	json_object_object_add(o, "events", events_json(db_res_get(s, i, L_EVENTS)));
	json_object_object_add(o, "format", api_str(db_res_get(s, i, L_FORMAT)));
	json_object_object_add(o, "enabled", json_object_new_boolean(
	    strcmp(db_res_get(s, i, L_ENABLED), "0") != 0));
	json_object_object_add(o, "deadStreak", api_num(db_res_get(s, i, L_STREAK)));
	json_object_object_add(o, "disabledReason",
	    api_str(db_res_get(s, i, L_REASON)));
	json_object_object_add(o, "createdAt", api_time(db_res_get(s, i, L_CREATED)));
	for (size_t k = 0; k < h->nrows; k++)
		json_object_array_add(d, delivery_json(h, k));
	json_object_object_add(o, "deliveries", d);
	return o;
}

void
api_webhook_list(struct req *r)
{
	struct db_param p = DB_STR(r->auth.org_id);
	struct db_res *subs = NULL, *h = NULL;
	json_object *arr = json_object_new_array(), *o;

	if (db_query(r->db, sql_list, &p, 1, &subs) != SA_OK)
		goto fail;
	for (size_t i = 0; i < subs->nrows; i++) {
		struct db_param q[2] = { DB_STR(db_res_get(subs, i, L_ID)),
		    DB_STR(r->auth.org_id) };
		if (db_query(r->db, sql_history, q, 2, &h) != SA_OK)
			goto fail;
		json_object_array_add(arr, sub_json(subs, i, h));
		db_res_free(h);
		h = NULL;
	}
	o = json_object_new_object();
	json_object_object_add(o, "webhooks", arr);
	reply_json(r, 200, o);
	db_res_free(subs);
	return;
fail:
	api_db_fail(r);
	json_object_put(arr);
	db_res_free(subs);
	db_res_free(h);
}

void
api_webhook_delete(struct req *r)
{
	const char *id = api_path_uuid(r, 0, "webhook subscription");
	unsigned long long n = 0;

	if (id == NULL)
		return;
	struct db_param p[2] = { DB_STR(id), DB_STR(r->auth.org_id) };
	if (db_exec(r->db, sql_delete, p, 2, &n) != SA_OK)
		api_db_fail(r);
	else if (n == 0)
		api_not_found(r, "webhook subscription");
	else
		r->status = 204;
}
