/* page_sites.c: the sites list and adding a site. */
/* SPDX-License-Identifier: MIT */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "fcgi.h"
#include "model/accounts.h"
#include "model/ui_sites.h"
#include "ui.h"

/* "good" ≥ 90, "fair" ≥ 50, else "poor"; NULL without a score. */
const char *
ui_grade(const char *score)
{
	long v;

	if (score == NULL || *score == '\0')
		return NULL;
	v = strtol(score, NULL, 10);
	return v >= 90 ? "good" : v >= 50 ? "fair" : "poor";
}

static json_object *
site_row(const struct db_res *res, size_t i)
{
	json_object *o = json_object_new_object();
	const char *health = db_res_get(res, i, SL_HEALTH);

	ui_set(o, "id", db_res_get(res, i, SL_ID));
	ui_set(o, "name", db_res_get(res, i, SL_NAME));
	ui_set(o, "url", db_res_get(res, i, SL_URL));
	ui_set(o, "schedule", db_res_get(res, i, SL_SCHEDULE));
	ui_set_num(o, "health", health);
	ui_set(o, "grade", ui_grade(health));
	ui_set(o, "scanned_at", db_res_get(res, i, SL_SCANNED_AT));
	ui_set(o, "active", db_res_get(res, i, SL_ACTIVE));
	return o;
}

/* GET /sites */
void
page_sites(struct req *r)
{
	struct db_res *res = NULL;
	json_object *ctx, *list;

	if (ui_sites_list(r->db, r->auth.org_id, &res) != SA_OK) {
		ui_db_fail(r);
		return;
	}
	ctx = ui_ctx(r, "Sites", "sites");
	list = json_object_new_array();
	for (size_t i = 0; i < res->nrows; i++)
		json_object_array_add(list, site_row(res, i));
	json_object_object_add(ctx, "sites", list);
	db_res_free(res);
	ui_render(r, 200, "sites", ctx);
}

static void
new_form(struct req *r, int status, const char *name, const char *url,
    const char *error)
{
	json_object *ctx = ui_ctx(r, "Add a site", "sites");

	ui_set(ctx, "name", name);
	ui_set(ctx, "url", url);
	ui_set(ctx, "error", error);
	ui_render(r, status, "site_new", ctx);
}

/* GET /sites/new */
void
page_site_new(struct req *r)
{
	if (!ui_can(r, ROLE_ADMIN)) {
		ui_error(r, 403, "Not allowed", "Only admins and owners can add sites.");
		return;
	}
	new_form(r, 200, NULL, NULL, NULL);
}

static const char *
check_site(const char *name, const char *url)
{
	if (name[0] == '\0' || strlen(name) > 200)
		return "Give the site a name of 1 to 200 characters.";
	if (strncmp(url, "http://", 7) != 0 && strncmp(url, "https://", 8) != 0)
		return "The address must start with http:// or https://.";
	if (strlen(url) < 10 || strpbrk(url, " \t\r\n<>\"'") != NULL)
		return "That does not look like a web address.";
	return NULL;
}

/* POST /sites */
void
page_site_create(struct req *r)
{
	char name[256] = "", url[2100] = "", id[UUID_STRLEN + 1], err[160];
	char loc[64];
	const char *bad;

	if (!ui_can(r, ROLE_ADMIN)) {
		ui_error(r, 403, "Not allowed", "Only admins and owners can add sites.");
		return;
	}
	if (ui_form(r, "name", name, sizeof(name)) < 0 ||
	    ui_form(r, "url", url, sizeof(url)) < 0)
		bad = "The name or address is too long.";
	else
		bad = check_site(name, url);
	if (bad) {
		new_form(r, 422, name, url, bad);
		return;
	}
	if (acct_site_create(r->db, r->auth.org_id, name, url, id, err,
	    sizeof(err)) != SA_OK) {
		ui_db_fail(r);
		return;
	}
	snprintf(loc, sizeof(loc), "/sites/%s?notice=site_created", id);
	ui_redirect(r, loc);
}
