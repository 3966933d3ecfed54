/* api_page_audits.c: POST /api/mcp/page-audits, GET /api/mcp/page-audits/{id} (003). */
/* SPDX-License-Identifier: MIT */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "api_common.h"
#include "audit/fetch.h"
#include "mcp.h"
#include "model/billing.h"
#include "util/uuid.h"
#include "web/body.h"

static const char sql_get[] =
    "SELECT id, site_id, page_url, status, mode, credits_charged, summary,"
    " modifications_json, error_message, created_at, started_at, completed_at"
    " FROM page_audits WHERE id = ? AND org_id = ?";
enum { G_ID, G_SITE, G_URL, G_STATUS, G_MODE, G_CREDITS, G_SUMMARY, G_MODS,
	G_ERROR, G_CREATED, G_STARTED, G_COMPLETED };

enum { F_PROJECT, F_URL, F__N };
static const struct field fields[F__N] = {
	[F_PROJECT] = { "projectId", FIELD_UUID, true, 0, 0, NULL },
	[F_URL] = { "pageUrl", FIELD_URL, true, 0, 2048, NULL },
};

/* The document's error shape: success / ok false, error, message. */
static json_object *
fail_obj(const char *code, const char *message)
{
	json_object *o = json_object_new_object();

	json_object_object_add(o, "success", json_object_new_boolean(false));
	json_object_object_add(o, "ok", json_object_new_boolean(false));
	json_object_object_add(o, "error", json_object_new_string(code));
	json_object_object_add(o, "message", json_object_new_string(message));
	return o;
}

/* Page audits need the member role at least: customer keys are refused. */
static bool
role_ok(struct req *r)
{
	if (strcmp(r->auth.role, "customer") != 0)
		return true;
	reply_json(r, 403, fail_obj("forbidden", "Page audits need the member"
	    " role at least; this key belongs to a customer user."));
	return false;
}

/* "growth" → "GROWTH" into out[16]. */
static const char *
plan_upper(const char *plan, char out[16])
{
	size_t i = 0;

	for (; plan[i] && i < 15; i++)
		out[i] = (char)toupper((unsigned char)plan[i]);
	out[i] = '\0';
	return out;
}

/* The development bypass (docs/page-audits.md): config `billing.bypass`. */
static bool
bypass_enabled(const struct req *r)
{
	return r->conf->billing_bypass;
}

/* https only (http too where private targets are allowed: tests), public. */
static bool
page_url_ok(struct req *r, const char *url)
{
	char why[256];

	if (strncmp(url, "https://", 8) != 0 &&
	    !(r->conf->allow_private_targets && strncmp(url, "http://", 7) == 0)) {
		reply_json(r, 422, fail_obj("validation_error",
		    "pageUrl must be a full https:// URL."));
		return false;
	}
	if (fetch_check_url(url, r->conf->allow_private_targets, why,
	    sizeof(why)) == FETCH_OK)
		return true;
	reply_json(r, 422, fail_obj("fetch_failed", "Could not fetch the page. The"
	    " URL may be private, redirecting, or blocking crawlers."));
	return false;
}

static void
reply_queued(struct req *r, const char *id, const struct billing_state *st,
    const struct billing_decision *d)
{
	json_object *o = json_object_new_object();
	char plan[16], loc[96];
	bool credits = strcmp(d->mode, "credits") == 0;

	json_object_object_add(o, "success", json_object_new_boolean(true));
	json_object_object_add(o, "auditId", json_object_new_string(id));
	json_object_object_add(o, "status", json_object_new_string("PENDING"));
	json_object_object_add(o, "plan", json_object_new_string(plan_upper(st->plan, plan)));
	json_object_object_add(o, "mode", json_object_new_string(d->mode));
	if (credits || strcmp(d->mode, "bypass") == 0) {
		json_object_object_add(o, "creditsCharged", json_object_new_int64(d->charge));
		json_object_object_add(o, "remainingCredits", json_object_new_int64(
		    credits ? d->remaining : st->balance));
	} else {
		json_object_object_add(o, "remainingAuditsThisMonth",
		    json_object_new_int64(d->remaining));
	}
	json_object_object_add(o, "message", json_object_new_string("Audit queued."
	    " Poll get_page_audit with this auditId to fetch results when status"
	    " transitions to COMPLETED."));
	snprintf(loc, sizeof(loc), "/api/mcp/page-audits/%s", id);
	reply_json(r, 202, o);
	reply_header(r, "Location", loc);
}

static void
reply_refused(struct req *r, const struct billing_state *st,
    const struct billing_decision *d)
{
	json_object *o = fail_obj("quota_exceeded", "Workspace cannot run another"
	    " page audit right now. Inspect the `reason` and either upgrade or"
	    " raise the overage cap.");
	char plan[16];

	json_object_object_add(o, "plan", json_object_new_string(plan_upper(st->plan, plan)));
	json_object_object_add(o, "reason",
	    json_object_new_string(billing_reason_name(d->reason)));
	if (d->reason == BILL_QUOTA_REACHED) {
		json_object_object_add(o, "auditsThisPeriod", json_object_new_int64(st->used));
		json_object_object_add(o, "quotaPerMonth", json_object_new_int64(d->quota));
	} else if (d->reason == BILL_INSUFFICIENT_CREDITS) {
		json_object_object_add(o, "remainingCredits", json_object_new_int64(st->balance));
		json_object_object_add(o, "creditsRequired",
		    json_object_new_int64(BILLING_AUDIT_CREDITS));
	}
	json_object_object_add(o, "upgradeUrl", json_object_new_string("/billing"));
	reply_json(r, 402, o);
}

static void
queue(struct req *r, const char *site, const char *url)
{
	char id[UUID_STRLEN + 1], plan[16];
	struct billing_audit a = { id, r->auth.org_id, site, r->auth.user_id, url,
	    bypass_enabled(r) };
	struct billing_state st;
	struct billing_decision d;

	memset(&st, 0, sizeof(st));
	uuid_v7(id);
	if (billing_queue_audit(r->db, &a, &st, &d, plan) != SA_OK)
		api_db_fail(r);
	else if (d.reason == BILL_OK)
		reply_queued(r, id, &st, &d);
	else
		reply_refused(r, &st, &d);
}

void
api_page_audit_create(struct req *r)
{
	struct field_val v[F__N];
	struct db_res *site = NULL;
	json_object *body;

	if (!role_ok(r))
		return;
	if ((body = body_json(r)) == NULL)
		return;
	if (body_validate(r, body, fields, F__N, v) &&
	    api_site_load(r, v[F_PROJECT].str, &site) &&
	    page_url_ok(r, v[F_URL].str))
		queue(r, v[F_PROJECT].str, v[F_URL].str);
	db_res_free(site);
	json_object_put(body);
}

static void
add_done(json_object *o, const struct db_res *res)
{
	const char *status = db_res_get(res, 0, G_STATUS);
	const char *mods = db_res_get(res, 0, G_MODS);

	if (strcmp(status, "COMPLETED") == 0) {
		json_object_object_add(o, "summary", api_str(db_res_get(res, 0, G_SUMMARY)));
		json_object_object_add(o, "modifications",
		    mods ? json_tokener_parse(mods) : json_object_new_array());
		json_object_object_add(o, "completedAt",
		    api_time(db_res_get(res, 0, G_COMPLETED)));
	} else if (strcmp(status, "FAILED") == 0) {
		json_object_object_add(o, "errorMessage", api_str(db_res_get(res, 0, G_ERROR)));
		json_object_object_add(o, "completedAt",
		    api_time(db_res_get(res, 0, G_COMPLETED)));
	}
}

static json_object *
audit_json(const struct db_res *res)
{
	json_object *o = json_object_new_object();

	json_object_object_add(o, "success", json_object_new_boolean(true));
	json_object_object_add(o, "auditId", api_str(db_res_get(res, 0, G_ID)));
	json_object_object_add(o, "status", api_str(db_res_get(res, 0, G_STATUS)));
	json_object_object_add(o, "projectId", api_str(db_res_get(res, 0, G_SITE)));
	json_object_object_add(o, "pageUrl", api_str(db_res_get(res, 0, G_URL)));
	json_object_object_add(o, "mode", api_str(db_res_get(res, 0, G_MODE)));
	json_object_object_add(o, "creditsCharged", api_num(db_res_get(res, 0, G_CREDITS)));
	json_object_object_add(o, "createdAt", api_time(db_res_get(res, 0, G_CREATED)));
	add_done(o, res);
	return o;
}

void
api_page_audit_get(struct req *r)
{
	const char *id;
	struct db_param p[2];
	struct db_res *res = NULL;

	if (!role_ok(r) || (id = api_path_uuid(r, 0, "page audit")) == NULL)
		return;
	p[0] = DB_STR(id);
	p[1] = DB_STR(r->auth.org_id);
	if (db_query(r->db, sql_get, p, 2, &res) != SA_OK)
		api_db_fail(r);
	else if (res->nrows != 1)
		api_not_found(r, "page audit");
	else
		reply_json(r, 200, audit_json(res));
	db_res_free(res);
}
