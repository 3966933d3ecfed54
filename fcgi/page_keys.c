/* page_keys.c: API keys — create (shown once), list, revoke. */
/* SPDX-License-Identifier: MIT */
#include <stdio.h>
#include <string.h>
#include <sodium.h>
#include "fcgi.h"
#include "model/accounts.h"
#include "model/ui_keys.h"
#include "ui.h"
#include "util/log.h"

static bool
may_manage(struct req *r)
{
	if (ui_can(r, ROLE_ADMIN))
		return true;
	ui_error(r, 403, "Not allowed", "Only admins and owners can manage API keys.");
	return false;
}

static void
keys_page(struct req *r, int status, const char *new_key, const char *error)
{
	static const char *const keys[KL__N] = { "id", "name", "prefix", "role",
	    "email", "created", "last_used", "revoked" };
	struct db_res *res = NULL;
	json_object *ctx, *a;

	if (ui_keys_list(r->db, r->auth.org_id, &res) != SA_OK) {
		ui_db_fail(r);
		return;
	}
	ctx = ui_ctx(r, "API keys", "keys");
	a = json_object_new_array();
	for (size_t i = 0; i < res->nrows; i++) {
		json_object *o = json_object_new_object();
		for (size_t c = 0; c < KL__N; c++)
			ui_set(o, keys[c], db_res_get(res, i, c));
		json_object_array_add(a, o);
	}
	db_res_free(res);
	json_object_object_add(ctx, "keys", a);
	ui_set(ctx, "new_key", new_key);
	ui_set(ctx, "error", error);
	ui_set_bool(ctx, "paid", strcmp(r->auth.plan, "starter") != 0);
	ui_render(r, status, "keys", ctx);
}

/* GET /keys */
void
page_keys(struct req *r)
{
	if (may_manage(r))
		keys_page(r, 200, NULL, NULL);
}

/* POST /keys — the key is shown in this response only, never again. */
void
page_key_create(struct req *r)
{
	char name[128] = "", key[APIKEY_LEN + 1], id[UUID_STRLEN + 1], err[160];

	if (!may_manage(r))
		return;
	if (ui_form(r, "name", name, sizeof(name)) < 0 || strlen(name) > 100) {
		keys_page(r, 422, NULL, "Key names are at most 100 characters.");
		return;
	}
	if (acct_key_create(r->db, r->auth.user_id, name, key, id, err,
	    sizeof(err)) != SA_OK) {
		ui_db_fail(r);
		return;
	}
	log_info("web ui: user %s created API key %s", r->auth.user_id, id);
	keys_page(r, 200, key, NULL);
	sodium_memzero(key, sizeof(key));
}

/* POST /keys/{keyId}/revoke */
void
page_key_revoke(struct req *r)
{
	const char *id = ui_path_uuid(r, 0);
	enum sa_err rc;

	if (!may_manage(r))
		return;
	rc = id ? ui_key_revoke(r->db, r->auth.org_id, id) : SA_ENOTFOUND;
	if (rc == SA_ENOTFOUND)
		ui_error(r, 404, "Key not found", "There is no such live key.");
	else if (rc != SA_OK)
		ui_db_fail(r);
	else
		ui_redirect(r, "/keys?notice=key_revoked");
}
