/* page_login.c: /login and /logout — the web session's start and end. */
/* SPDX-License-Identifier: MIT */
#include <stdio.h>
#include <string.h>
#include <sodium.h>
#include "fcgi.h"
#include "ui.h"
#include "util/log.h"

/* Login CSRF: a double-submit cookie (there is no session yet). */
#define LOGIN_COOKIE "sa_login"
#define TOKEN_CHARS \
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"

static void
login_form(struct req *r, int status, const char *email, const char *error)
{
	char token[SESSION_TOKEN_LEN + 1], cookie[160];
	json_object *ctx = ui_ctx(r, "Sign in", NULL);

	/* reuse the browser's token, so two open sign-in tabs both work */
	if (!session_cookie_get(r->cookie, LOGIN_COOKIE, token, sizeof(token)) ||
	    strlen(token) != SESSION_TOKEN_LEN ||
	    strspn(token, TOKEN_CHARS) != SESSION_TOKEN_LEN)
		session_random_token(token);
	snprintf(cookie, sizeof(cookie), "%s=%s; Path=/login; HttpOnly; "
	    "SameSite=Strict%s", LOGIN_COOKIE, token, r->https ? "; Secure" : "");
	reply_header(r, "Set-Cookie", cookie);
	ui_set(ctx, "login_token", token);
	ui_set(ctx, "email", email);
	ui_set(ctx, "error", error);
	ui_set_bool(ctx, "bare", true);
	ui_render(r, status, "login", ctx);
}

/* GET / */
void
page_root(struct req *r)
{
	ui_redirect(r, "/sites");
}

/* GET /login */
void
page_login(struct req *r)
{
	login_form(r, 200, NULL, NULL);
}

static bool
login_csrf_ok(const struct req *r)
{
	char form[SESSION_TOKEN_LEN + 2], cookie[SESSION_TOKEN_LEN + 2];

	if (!ui_origin_ok(r) || ui_form(r, "_login", form, sizeof(form)) != 1 ||
	    !session_cookie_get(r->cookie, LOGIN_COOKIE, cookie, sizeof(cookie)))
		return false;
	return strlen(form) == SESSION_TOKEN_LEN && strlen(cookie) == SESSION_TOKEN_LEN &&
	    sodium_memcmp(form, cookie, SESSION_TOKEN_LEN) == 0;
}

static void
start_session(struct req *r, struct session *s)
{
	char token[SESSION_TOKEN_LEN + 1], cookie[200];

	if (session_create(r->db, s, token) != SA_OK) {
		ui_db_fail(r);
		return;
	}
	session_cookie_header(cookie, sizeof(cookie), token, r->https);
	sodium_memzero(token, sizeof(token));
	ui_redirect(r, "/sites");
	reply_header(r, "Set-Cookie", cookie);
	log_info("login: user %s", s->user_id);
}

/* POST /login */
void
page_login_post(struct req *r)
{
	char email[256] = "", pw[1024] = "";
	struct session s;

	if (!login_csrf_ok(r)) {
		login_form(r, 403, NULL, "Your sign-in form expired. Please try again.");
		return;
	}
	if (ui_form(r, "email", email, sizeof(email)) != 1 ||
	    ui_form(r, "password", pw, sizeof(pw)) != 1 || !email[0] || !pw[0]) {
		login_form(r, 400, email, "Enter your email and password.");
		goto out;
	}
	switch (session_login(r->db, email, pw, &s)) {
	case LOGIN_OK:
		start_session(r, &s);
		break;
	case LOGIN_FAILED:
		login_form(r, 401, email, "That email and password do not match, or "
		    "the account is locked for a few minutes after repeated failures.");
		break;
	case LOGIN_DBERR:
		ui_db_fail(r);
		break;
	}
out:
	sodium_memzero(pw, sizeof(pw));
}

/* POST /logout (the session gate has checked the CSRF token) */
void
page_logout(struct req *r)
{
	char token[SESSION_TOKEN_LEN + 2], cookie[200];
	const char *name = r->https ? SESSION_COOKIE_HTTPS : SESSION_COOKIE_HTTP;

	if (session_cookie_get(r->cookie, name, token, sizeof(token)))
		session_destroy(r->db, token);
	session_cookie_header(cookie, sizeof(cookie), NULL, r->https);
	ui_redirect(r, "/login?notice=logged_out");
	reply_header(r, "Set-Cookie", cookie);
}
