/* ui_render.c: page contexts, rendering in the layout, redirects, error pages. */
/* SPDX-License-Identifier: MIT */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "tmpl/tmpl.h"
#include "ui.h"
#include "util/log.h"
#include "util/uuid.h"

/* ?notice=<code> → a fixed message: the page never echoes request text. */
struct notice {
	const char *code;
	const char *kind;   /* "ok" | "warn" */
	const char *text;
};

static const struct notice notices[] = {
	{ "scan_queued", "ok", "Scan queued. Results appear here when it completes." },
	{ "scan_active", "warn", "A scan of this site is already running: "
	    "results appear here when it completes." },
	{ "scan_limited", "warn", "You have started 5 scans in the last hour. "
	    "Try again a little later." },
	{ "site_created", "ok", "Site added. Press Scan now for its first report." },
	{ "budget_saved", "ok", "Budget saved." },
	{ "budget_deleted", "ok", "Budget removed." },
	{ "alert_saved", "ok", "Alert rule saved." },
	{ "alert_deleted", "ok", "Alert rule removed." },
	{ "schedule_saved", "ok", "Schedule saved." },
	{ "hook_revoked", "ok", "Deploy hook revoked. Its URL now answers 404." },
	{ "webhook_deleted", "ok", "Webhook removed." },
	{ "webhook_enabled", "ok", "Webhook enabled again." },
	{ "key_revoked", "ok", "API key revoked. Requests using it now fail." },
	{ "logged_out", "ok", "You are signed out." },
};

void
ui_set(json_object *o, const char *key, const char *s)
{
	json_object_object_add(o, key, s ? json_object_new_string(s) : NULL);
}

void
ui_set_num(json_object *o, const char *key, const char *cell)
{
	double d;
	char *end;

	if (cell == NULL || *cell == '\0') {
		json_object_object_add(o, key, NULL);
		return;
	}
	d = strtod(cell, &end);
	if (*end != '\0')
		json_object_object_add(o, key, NULL);
	else if (d == (double)(long long)d)
		json_object_object_add(o, key, json_object_new_int64((long long)d));
	else
		json_object_object_add(o, key, json_object_new_double(d));
}

void
ui_set_bool(json_object *o, const char *key, bool v)
{
	json_object_object_add(o, key, json_object_new_boolean(v));
}

const char *
ui_path_uuid(const struct req *r, size_t i)
{
	if (i >= r->match.nparams || !uuid_valid(r->match.params[i]))
		return NULL;
	return r->match.params[i];
}

static void
add_notice(json_object *ctx, const struct req *r)
{
	char code[32];
	json_object *n;

	if (req_query(r, "notice", code, sizeof(code)) != 1)
		return;
	for (size_t i = 0; i < SA_NITEMS(notices); i++) {
		if (strcmp(code, notices[i].code) != 0)
			continue;
		n = json_object_new_object();
		ui_set(n, "text", notices[i].text);
		ui_set_bool(n, "ok", strcmp(notices[i].kind, "ok") == 0);
		json_object_object_add(ctx, "notice", n);
		return;
	}
}

static json_object *
user_json(const struct req *r, const struct session *s)
{
	json_object *u = json_object_new_object();

	ui_set(u, "email", s->email);
	ui_set(u, "role", s->role);
	ui_set(u, "org_plan", s->plan);
	ui_set_bool(u, "can_scan", ui_can(r, ROLE_MEMBER));
	ui_set_bool(u, "can_manage", ui_can(r, ROLE_ADMIN));
	return u;
}

json_object *
ui_ctx(struct req *r, const char *title, const char *nav)
{
	json_object *ctx = json_object_new_object();
	const struct session *s = ui_session(r);
	char key[40];

	ui_set(ctx, "title", title);
	if (s) {
		json_object_object_add(ctx, "user", user_json(r, s));
		ui_set(ctx, "csrf", s->csrf);
	}
	if (nav) {
		snprintf(key, sizeof(key), "nav_%s", nav);
		ui_set_bool(ctx, key, true);
	}
	add_notice(ctx, r);
	return ctx;
}

static void
security_headers(struct req *r)
{
	reply_header(r, "Content-Security-Policy", "default-src 'none'; "
	    "style-src 'self'; img-src 'self' data:; script-src 'self'; "
	    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
	reply_header(r, "X-Content-Type-Options", "nosniff");
	reply_header(r, "Referrer-Policy", "same-origin");
	reply_header(r, "X-Frame-Options", "DENY");
	reply_header(r, "Cache-Control", "no-store");
}

void
ui_render(struct req *r, int status, const char *page, json_object *ctx)
{
	const char *dir = r->conf && r->conf->templates_dir ?
	    r->conf->templates_dir : "templates";
	char err[160];

	buf_reset(&r->out);
	if (tmpl_page(dir, page, ctx, &r->out, err, sizeof(err)) != SA_OK) {
		log_error("template %s: %s", page, err);
		buf_free(&r->out);
		buf_init(&r->out, 64u << 20);
		status = 500;
		buf_adds(&r->out, "<!doctype html><title>Error</title>"
		    "<p>Something went wrong rendering this page.</p>");
	}
	json_object_put(ctx);
	r->status = status;
	reply_header(r, "Content-Type", "text/html; charset=utf-8");
	security_headers(r);
}

void
ui_redirect(struct req *r, const char *location)
{
	buf_reset(&r->out);
	r->status = 303;
	reply_header(r, "Location", location);
	reply_header(r, "Cache-Control", "no-store");
}

void
ui_error(struct req *r, int status, const char *title, const char *msg)
{
	json_object *ctx = ui_ctx(r, title, NULL);

	ui_set(ctx, "message", msg);
	ui_render(r, status, "error", ctx);
}

void
ui_db_fail(struct req *r)
{
	log_warn("web ui: database error on %s: %s", r->path,
	    r->db ? db_error(r->db) : "no connection");
	ui_error(r, 503, "Temporarily unavailable",
	    "The service could not reach its database. Try again in a moment.");
}
