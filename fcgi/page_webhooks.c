/* page_webhooks.c: the settings page's webhooks and deploy-hook sections. */
/* SPDX-License-Identifier: MIT */
#include <stdio.h>
#include <string.h>
#include <sodium.h>
#include "fcgi.h"
#include "model/hook.h"
#include "model/webhook.h"
#include "ui.h"

static const char sql_subs[] =
    "SELECT id, url, events, format, enabled, disabled_reason, dead_streak"
    " FROM webhook_subscriptions WHERE org_id = ?"
    " AND (site_id IS NULL OR site_id = ?) ORDER BY created_at, id LIMIT 100";
static const char sql_recent[] =
    "SELECT event_type, status, last_status_code, attempts, created_at"
    " FROM webhook_deliveries WHERE subscription_id = ? AND org_id = ?"
    " ORDER BY created_at DESC, id DESC LIMIT 5";
static const char sql_delete[] =
    "DELETE FROM webhook_subscriptions WHERE id = ? AND org_id = ?"
    " AND (site_id IS NULL OR site_id = ?)";
static const char sql_enable[] =
    "UPDATE webhook_subscriptions SET enabled = TRUE, dead_streak = 0,"
    " disabled_reason = NULL WHERE id = ? AND org_id = ?"
    " AND (site_id IS NULL OR site_id = ?)";

/*
 * The deploy-hook URL with a freshly made token, shown on the one page
 * that answers the regenerate POST and never again. A worker serves one
 * request at a time, so a file-scope slot is enough; it is wiped after use.
 */
static char shown_url[512];

static json_object *
recent_json(struct req *r, const char *sub)
{
	static const char *const keys[] = { "event", "status", "code",
	    "attempts", "at" };
	struct db_param p[2] = { DB_STR(sub), DB_STR(r->auth.org_id) };
	json_object *a = json_object_new_array();
	struct db_res *res = NULL;

	if (db_query(r->db, sql_recent, p, 2, &res) == SA_OK)
		for (size_t i = 0; i < res->nrows; i++) {
			json_object *o = json_object_new_object();
			for (size_t c = 0; c < SA_NITEMS(keys); c++)
				ui_set(o, keys[c], db_res_get(res, i, c));
			json_object_array_add(a, o);
		}
	db_res_free(res);
	return a;
}

static json_object *
subs_json(struct req *r, const char *site)
{
	struct db_param p[2] = { DB_STR(r->auth.org_id), DB_STR(site) };
	json_object *a = json_object_new_array();
	struct db_res *res = NULL;

	if (db_query(r->db, sql_subs, p, 2, &res) != SA_OK)
		return a;
	for (size_t i = 0; i < res->nrows; i++) {
		json_object *o = json_object_new_object();
		ui_set(o, "id", db_res_get(res, i, 0));
		ui_set(o, "url", db_res_get(res, i, 1));
		ui_set(o, "events", db_res_get(res, i, 2));
		ui_set(o, "format", db_res_get(res, i, 3));
		ui_set_bool(o, "disabled", strcmp(db_res_get(res, i, 4), "0") == 0);
		ui_set(o, "disabled_reason", db_res_get(res, i, 5));
		json_object_object_add(o, "deliveries",
		    recent_json(r, db_res_get(res, i, 0)));
		json_object_array_add(a, o);
	}
	db_res_free(res);
	return a;
}

void
page_webhooks_add(struct req *r, const char *site, json_object *ctx)
{
	json_object *hook = json_object_new_object();

	json_object_object_add(ctx, "webhooks", subs_json(r, site));
	ui_set_bool(hook, "active", hook_token_exists(r->db, r->auth.org_id, site));
	ui_set(hook, "url", shown_url[0] ? shown_url : NULL);
	json_object_object_add(ctx, "hook", hook);
	sodium_memzero(shown_url, sizeof(shown_url));
}

static bool
may_manage(struct req *r)
{
	if (ui_can(r, ROLE_ADMIN))
		return true;
	ui_error(r, 403, "Not allowed",
	    "Only admins and owners can change webhooks and deploy hooks.");
	return false;
}

static void
back(struct req *r, enum sa_err rc, unsigned long long n, const char *notice)
{
	char loc[256];

	if (rc != SA_OK) {
		ui_db_fail(r);
		return;
	}
	if (n == 0) {
		ui_error(r, 404, "Not found", "There is no such site or webhook.");
		return;
	}
	snprintf(loc, sizeof(loc), "/sites/%s/settings?notice=%s",
	    r->match.params[0], notice);
	ui_redirect(r, loc);
}

/* POST /sites/{siteId}/hook — a new deploy-hook token, shown once. */
void
page_hook_regenerate(struct req *r)
{
	const char *site = ui_path_uuid(r, 0);
	char token[HOOK_TOKEN_LEN + 1];
	enum sa_err rc;

	if (!may_manage(r))
		return;
	rc = site ? hook_token_regenerate(r->db, r->auth.org_id, site, token) :
	    SA_ENOTFOUND;
	if (rc != SA_OK) {
		back(r, rc == SA_ENOTFOUND ? SA_OK : rc, 0, "");
		return;
	}
	snprintf(shown_url, sizeof(shown_url), "%s://%s/api/hooks/site-publish/%s",
	    r->https ? "https" : "http", r->host ? r->host : "localhost", token);
	sodium_memzero(token, sizeof(token));
	page_settings_show(r, 200, NULL);
	sodium_memzero(shown_url, sizeof(shown_url));
}

/* POST /sites/{siteId}/hook/revoke */
void
page_hook_revoke(struct req *r)
{
	const char *site = ui_path_uuid(r, 0);
	enum sa_err rc;

	if (!may_manage(r))
		return;
	rc = site ? hook_token_revoke(r->db, r->auth.org_id, site) : SA_ENOTFOUND;
	back(r, rc == SA_ENOTFOUND ? SA_OK : rc, rc == SA_OK, "hook_revoked");
}

static void
sub_change(struct req *r, const char *sql, const char *notice)
{
	const char *site = ui_path_uuid(r, 0), *id = ui_path_uuid(r, 1);
	unsigned long long n = 0;
	enum sa_err rc = SA_OK;

	if (!may_manage(r))
		return;
	if (site && id) {
		struct db_param p[3] = { DB_STR(id), DB_STR(r->auth.org_id),
		    DB_STR(site) };
		rc = db_exec(r->db, sql, p, 3, &n);
	}
	back(r, rc, n, notice);
}

/* POST /sites/{siteId}/webhooks/{webhookId}/delete */
void
page_webhook_del(struct req *r)
{
	sub_change(r, sql_delete, "webhook_deleted");
}

/* POST /sites/{siteId}/webhooks/{webhookId}/enable */
void
page_webhook_enable(struct req *r)
{
	sub_change(r, sql_enable, "webhook_enabled");
}
