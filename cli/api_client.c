/* api_client.c: HTTP + JSON calls from the CLI to a siteaudit server. */
/* SPDX-License-Identifier: MIT */
/*
 * This talks to the operator's own siteaudit instance (a URL the user gives
 * on the command line), not to sites being audited, so it uses libcurl
 * directly rather than the SSRF-guarded fetcher in lib/audit/.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <curl/curl.h>
#include "api_client.h"

#define JSON_CAP (64u << 20)

int
api_client_init(struct api_client *c, const char *base, const char *key_env,
    char *why, size_t whylen)
{
	const char *key = getenv(key_env ? key_env : "SITEAUDIT_API_KEY");

	memset(c, 0, sizeof(*c));
	if (base == NULL)
		base = getenv("SITEAUDIT_URL");
	if (base == NULL || *base == '\0') {
		snprintf(why, whylen, "no server: pass --url or set SITEAUDIT_URL");
		return -1;
	}
	if (key == NULL || *key == '\0') {
		snprintf(why, whylen, "no API key: set %s",
		    key_env ? key_env : "SITEAUDIT_API_KEY");
		return -1;
	}
	return api_client_setup(c, base, key, why, whylen);
}

static bool
is_http_url(const char *u)
{
	return strncasecmp(u, "http://", 7) == 0 || strncasecmp(u, "https://", 8) == 0;
}

/* "https://user:pw@host/…": an '@' before the first '/' of the authority. */
static bool
has_userinfo(const char *u)
{
	const char *auth = strstr(u, "://") + 3;
	size_t n = strcspn(auth, "/?#");

	return memchr(auth, '@', n) != NULL;
}

int
api_client_setup(struct api_client *c, const char *base, const char *key,
    char *why, size_t whylen)
{
	size_t n;

	memset(c, 0, sizeof(*c));
	if (!is_http_url(base) || strlen(base) >= sizeof(c->base)) {
		snprintf(why, whylen, "the server URL must start with http:// or"
		    " https://");
		return -1;
	}
	if (has_userinfo(base)) {   /* it would end up in error messages */
		snprintf(why, whylen, "the server URL must not hold credentials"
		    " (user:password@): the API key authenticates");
		return -1;
	}
	/* A key with a line break would split the header: refuse, unprinted. */
	if (strpbrk(key, "\r\n") || strlen(key) > 400) {
		snprintf(why, whylen, "the API key is malformed (line break or"
		    " over 400 bytes)");
		return -1;
	}
	snprintf(c->base, sizeof(c->base), "%s", base);
	n = strlen(c->base);
	while (n && c->base[n - 1] == '/')
		c->base[--n] = '\0';
	snprintf(c->auth, sizeof(c->auth), "Authorization: Bearer %s", key);
	c->timeout_ms = 30000;
	return 0;
}

void
api_client_wipe(struct api_client *c)
{
	explicit_bzero(c->auth, sizeof(c->auth));
}

/* Where an answer's body goes: r->body, or with a sink a 200 body to it. */
struct dest {
	CURL            *h;
	struct api_resp *r;
	FILE            *sink;
	size_t           cap;       /* for the sink */
	int              err;       /* errno of a failed sink write */
};

static size_t
on_body(char *p, size_t size, size_t n, void *arg)
{
	struct dest *d = arg;
	struct api_resp *r = d->r;
	size_t len = size * n, k;
	long st = 0;

	if (d->sink)   /* the headers, so the status, are in by now */
		curl_easy_getinfo(d->h, CURLINFO_RESPONSE_CODE, &st);
	if (st != 200)
		return buf_add(&r->body, p, len) == SA_OK ? len : 0;
	if (len > d->cap - r->streamed) {
		d->err = EFBIG;
		return 0;
	}
	if (fwrite(p, 1, len, d->sink) != len) {
		d->err = errno ? errno : EIO;
		return 0;
	}
	for (k = 0; r->streamed + k < sizeof(r->head) && k < len; k++)
		r->head[r->streamed + k] = p[k];
	r->streamed += len;
	return len;
}

static CURL *
make_handle(const struct api_client *c, const char *method, const char *url,
    struct curl_slist *hdrs, struct dest *d)
{
	CURL *h = curl_easy_init();

	if (h == NULL)
		return NULL;
	d->h = h;
	curl_easy_setopt(h, CURLOPT_URL, url);
	curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, method);
	curl_easy_setopt(h, CURLOPT_HTTPHEADER, hdrs);
	curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(h, CURLOPT_WRITEDATA, d);
	curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
	if (d->sink == NULL) {
		curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, c->timeout_ms);
	} else {
		/* A big download may take long: give up only when it stalls. */
		curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, c->timeout_ms);
		curl_easy_setopt(h, CURLOPT_LOW_SPEED_LIMIT, 1L);
		curl_easy_setopt(h, CURLOPT_LOW_SPEED_TIME, c->timeout_ms / 1000);
	}
	return h;
}

/* --verbose: the request line without the query (a signed link's
 * signature stays off the terminal) and never a header. */
static void
trace(const struct api_client *c, const char *method, const char *target,
    const struct api_resp *r, double ms)
{
	int n = (int)strcspn(target, "?");

	if (!c->verbose)
		return;
	fprintf(stderr, "> %s %.*s%s\n", method, n, target, target[n] ? "?…" : "");
	if (r->status)
		fprintf(stderr, "< %ld %s, %zu bytes, %.0f ms\n", r->status,
		    r->ctype[0] ? r->ctype : "(no type)", r->body.len + r->streamed, ms);
}

static double
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static void
perform(const struct api_client *c, const struct dest *d, struct api_resp *r,
    char *why, size_t whylen)
{
	CURLcode rc = curl_easy_perform(d->h);
	char *ct = NULL;

	if (rc == CURLE_WRITE_ERROR && d->err) {
		snprintf(why, whylen, "writing the answer: %s", d->err == EFBIG ?
		    "larger than the size cap" : strerror(d->err));
		return;
	}
	if (rc != CURLE_OK) {
		snprintf(why, whylen, "%s: %s", c->base, curl_easy_strerror(rc));
		return;
	}
	curl_easy_getinfo(d->h, CURLINFO_RESPONSE_CODE, &r->status);
	if (curl_easy_getinfo(d->h, CURLINFO_CONTENT_TYPE, &ct) == CURLE_OK && ct)
		snprintf(r->ctype, sizeof(r->ctype), "%s", ct);
}

/* Both api_fetch and api_fetch_to: d says where the body goes. */
static long
request(const struct api_client *c, const char *method, const char *target,
    const char *body, struct dest *d, char *why, size_t whylen)
{
	bool signed_link = target[0] != '/';
	struct curl_slist *hdrs = NULL;
	char url[4096];
	double t0 = now_ms();

	snprintf(why, whylen, "unexpected error");
	if (snprintf(url, sizeof(url), "%s%s", signed_link ? "" : c->base,
	    target) >= (int)sizeof(url) || (signed_link && !is_http_url(target))) {
		snprintf(why, whylen, "bad request URL");
		return 0;
	}
	if (!signed_link)
		hdrs = curl_slist_append(hdrs, c->auth);
	if (body)
		hdrs = curl_slist_append(hdrs, "Content-Type: application/json");
	hdrs = curl_slist_append(hdrs, signed_link ? "Accept: */*" :
	    "Accept: application/json");
	if (make_handle(c, method, url, hdrs, d) == NULL) {
		snprintf(why, whylen, "out of memory");
	} else {
		if (body)
			curl_easy_setopt(d->h, CURLOPT_POSTFIELDS, body);
		perform(c, d, d->r, why, whylen);
		curl_easy_cleanup(d->h);
	}
	curl_slist_free_all(hdrs);
	trace(c, method, target, d->r, now_ms() - t0);
	return d->r->status;
}

long
api_fetch(const struct api_client *c, const char *method, const char *target,
    const char *body, size_t cap, struct api_resp *r, char *why, size_t whylen)
{
	struct dest d = { .r = r };

	memset(r, 0, sizeof(*r));
	buf_init(&r->body, cap);
	return request(c, method, target, body, &d, why, whylen);
}

long
api_fetch_to(const struct api_client *c, const char *target, FILE *sink,
    size_t cap, struct api_resp *r, char *why, size_t whylen)
{
	struct dest d = { .r = r, .sink = sink, .cap = cap };

	memset(r, 0, sizeof(*r));
	buf_init(&r->body, 1u << 20);   /* an error's JSON */
	return request(c, "GET", target, NULL, &d, why, whylen);
}

void
api_resp_free(struct api_resp *r)
{
	buf_free(&r->body);
}

long
api_call(const struct api_client *c, const char *method, const char *path,
    json_object *body, json_object **out, char *why, size_t whylen)
{
	struct api_resp r;
	long status;

	*out = NULL;
	status = api_fetch(c, method, path,
	    body ? json_object_to_json_string(body) : NULL, JSON_CAP, &r, why,
	    whylen);
	if (status && r.body.len)
		*out = json_tokener_parse(buf_str(&r.body));
	api_resp_free(&r);
	return status;
}

const char *
api_error_text(json_object *o, const char *fallback)
{
	json_object *m;

	if (o && json_object_object_get_ex(o, "message", &m))
		return json_object_get_string(m);
	if (o && json_object_object_get_ex(o, "error", &m))
		return json_object_get_string(m);
	return fallback;
}
