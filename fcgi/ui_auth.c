/* ui_auth.c: the AUTH_SESSION gate — session cookie, Origin and CSRF checks. */
/* SPDX-License-Identifier: MIT */
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include "ui.h"
#include "web/form.h"

/* The session of the request being handled (one request at a time per
 * worker). ui_session() hands it out only when it matches r->auth, which
 * req_init() clears for every request, so it can never leak across. */
static struct session cur;

static const char *const role_names[] = {
	[ROLE_CUSTOMER] = "customer", [ROLE_MEMBER] = "member",
	[ROLE_ADMIN] = "admin", [ROLE_OWNER] = "owner",
};

enum ui_role
ui_role_parse(const char *s)
{
	for (size_t i = 0; s && i < SA_NITEMS(role_names); i++)
		if (strcmp(s, role_names[i]) == 0)
			return (enum ui_role)i;
	return ROLE_CUSTOMER;
}

const struct session *
ui_session(const struct req *r)
{
	if (r->auth.user_id[0] == '\0' || strcmp(cur.user_id, r->auth.user_id) != 0)
		return NULL;
	return &cur;
}

bool
ui_can(const struct req *r, enum ui_role min)
{
	return ui_session(r) && ui_role_parse(r->auth.role) >= min;
}

int
ui_form(const struct req *r, const char *name, char *out, size_t outlen)
{
	if (r->body == NULL || !form_is_urlencoded(r->content_type))
		return 0;
	return form_get(r->body, r->body_len, name, out, outlen);
}

int
ui_form_long(const struct req *r, const char *name, long min, long max,
    long *out)
{
	if (r->body == NULL || !form_is_urlencoded(r->content_type))
		return 0;
	return form_get_long(r->body, r->body_len, name, min, max, out);
}

/* Compares origin with "scheme://host[:port]" of base (a URL, maybe with
 * a path): equal when the origin is base's scheme and authority. */
static bool
same_origin(const char *origin, const char *base)
{
	const char *auth, *end;
	size_t n;

	if (base == NULL || (auth = strstr(base, "://")) == NULL)
		return false;
	end = auth + 3 + strcspn(auth + 3, "/?#");
	n = (size_t)(end - base);
	return strlen(origin) == n && strncasecmp(origin, base, n) == 0;
}

bool
ui_origin_ok(const struct req *r)
{
	char self[512];

	if (r->origin == NULL)
		return true;   /* old browsers: the CSRF token still guards */
	if (same_origin(r->origin, r->conf ? r->conf->base_url : NULL))
		return true;
	snprintf(self, sizeof(self), "%s://%s", r->https ? "https" : "http", r->host);
	return r->host[0] && same_origin(r->origin, self);
}

static bool
is_api(const struct req *r)
{
	return strncmp(r->path, "/api/", 5) == 0;
}

static bool
deny_unauth(struct req *r)
{
	if (is_api(r)) {
		reply_error(r, 401, "unauthorized",
		    "Sign in to the web app: this endpoint takes a session cookie only.");
		return false;
	}
	ui_redirect(r, "/login");
	return false;
}

static bool
state_change_ok(struct req *r)
{
	char token[SESSION_CSRF_LEN + 2];

	if (strcmp(r->method, "GET") == 0 || strcmp(r->method, "HEAD") == 0)
		return true;
	if (ui_origin_ok(r) && ui_form(r, "_csrf", token, sizeof(token)) == 1 &&
	    session_csrf_ok(&cur, token))
		return true;
	ui_error(r, 403, "This form has expired",
	    "The request did not carry a valid form token or came from another "
	    "site. Go back, reload the page and try again.");
	return false;
}

static void
fill_auth(struct req *r)
{
	snprintf(r->auth.org_id, sizeof(r->auth.org_id), "%s", cur.org_id);
	snprintf(r->auth.user_id, sizeof(r->auth.user_id), "%s", cur.user_id);
	snprintf(r->auth.role, sizeof(r->auth.role), "%s", cur.role);
	snprintf(r->auth.plan, sizeof(r->auth.plan), "%s", cur.plan);
}

bool
session_check(struct req *r)
{
	char token[SESSION_TOKEN_LEN + 2];
	const char *name = r->https ? SESSION_COOKIE_HTTPS : SESSION_COOKIE_HTTP;

	memset(&cur, 0, sizeof(cur));
	memset(&r->auth, 0, sizeof(r->auth));
	if (!session_cookie_get(r->cookie, name, token, sizeof(token)))
		return deny_unauth(r);
	switch (session_lookup(r->db, token, &cur)) {
	case SESSION_OK:
		break;
	case SESSION_NONE:
		return deny_unauth(r);
	case SESSION_DBERR:
		if (is_api(r))
			reply_error(r, 503, "unavailable",
			    "The service is temporarily unavailable; try again shortly.");
		else
			ui_db_fail(r);
		return false;
	}
	fill_auth(r);
	return state_change_ok(r);
}
