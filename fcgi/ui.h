/* ui.h: shared pieces of the web UI: sessions, roles, rendering, forms, streaming. */
/* SPDX-License-Identifier: MIT */
#ifndef SA_UI_H
#define SA_UI_H

#include <stdbool.h>
#include <stddef.h>
#include <json-c/json.h>
#include "auth/session.h"
#include "db/db.h"
#include "web/req.h"

/* Roles in rising order of power: customers view and export, members also
 * scan, admins and owners manage keys, budgets, schedules and sites. */
enum ui_role { ROLE_CUSTOMER, ROLE_MEMBER, ROLE_ADMIN, ROLE_OWNER };

/*
 * The AUTH_SESSION gate, called by the worker before the handler. Resolves
 * the session cookie into r->auth (org_id, user_id, role, plan) and, for
 * any method but GET / HEAD, checks the Origin header and the form's
 * _csrf token. On failure it has replied (303 to /login for pages, 401
 * JSON under /api/, 403 page for a CSRF failure) and returns false.
 */
bool session_check(struct req *r);

/* The session of r (set by session_check), or NULL on other routes. */
const struct session *ui_session(const struct req *r);
/* True when the signed-in user's role is at least min. */
bool ui_can(const struct req *r, enum ui_role min);
/* The role named s (ROLE_CUSTOMER for anything unknown). */
enum ui_role ui_role_parse(const char *s);

/* True when the Origin header is absent or names this server. */
bool ui_origin_ok(const struct req *r);
/* form_get() on r's body (only for urlencoded bodies; else 0). */
int ui_form(const struct req *r, const char *name, char *out, size_t outlen);
/* form_get_long() on r's body. */
int ui_form_long(const struct req *r, const char *name, long min, long max,
    long *out);

/* "good" (>= 90), "fair" (>= 50), "poor"; NULL for no score (page_sites.c). */
const char *ui_grade(const char *score);
/*
 * Loads site id of the signed-in org into ctx under "site" (id, name, url,
 * strategy, page_limit, schedule, hour, weekday, monthday, next_run,
 * active). False after replying 404 (also for a NULL id) or 503.
 */
bool ui_load_site(struct req *r, const char *id, json_object *ctx);

/*
 * A new page context: title, user (email, role, can_* flags), csrf, nav
 * (the active tab) and a notice for ?notice=<code>. Caller owns it.
 */
json_object *ui_ctx(struct req *r, const char *title, const char *nav);
/* Renders templates/<page>.html in the layout with ctx (dropped). */
void ui_render(struct req *r, int status, const char *page, json_object *ctx);
/* 303 See Other to a local path. */
void ui_redirect(struct req *r, const char *location);
/* An error page (status, title, one sentence). */
void ui_error(struct req *r, int status, const char *title, const char *msg);
/* The error page for a database failure (503). */
void ui_db_fail(struct req *r);

/* JSON helpers: NULL text becomes JSON null; numbers from DB cells. */
void ui_set(json_object *o, const char *key, const char *s);
void ui_set_num(json_object *o, const char *key, const char *cell);
void ui_set_bool(json_object *o, const char *key, bool v);
/* Path parameter i if it is a UUID, else NULL. */
const char *ui_path_uuid(const struct req *r, size_t i);

/*
 * Streaming responses (exports): begin writes the status line and the
 * headers of r, after which the worker writes nothing; write sends bytes
 * straight to the FastCGI stream. Both return false when the client went
 * away or there is no stream.
 */
bool ui_stream_begin(struct req *r);
bool ui_stream_write(struct req *r, const char *p, size_t n);

#endif
