/* api_client.c: HTTP + JSON calls from the CLI to a siteaudit server. */
/* SPDX-License-Identifier: MIT */
/*
 * This talks to the operator's own siteaudit instance (a URL the user gives
 * on the command line), not to sites being audited, so it uses libcurl
 * directly rather than the SSRF-guarded fetcher in lib/audit/.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <curl/curl.h>
#include "api_client.h"
#include "util/buf.h"

int
api_client_init(struct api_client *c, const char *base, const char *key_env,
    char *why, size_t whylen)
{
	const char *key = getenv(key_env ? key_env : "SITEAUDIT_API_KEY");
	size_t n;

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
	snprintf(c->base, sizeof(c->base), "%s", base);
	n = strlen(c->base);
	while (n && c->base[n - 1] == '/')
		c->base[--n] = '\0';
	snprintf(c->auth, sizeof(c->auth), "Authorization: Bearer %s", key);
	c->timeout_ms = 30000;
	return 0;
}

static size_t
on_body(char *p, size_t size, size_t n, void *arg)
{
	return buf_add(arg, p, size * n) == SA_OK ? size * n : 0;
}

static CURL *
make_handle(const struct api_client *c, const char *method, const char *url,
    struct curl_slist *hdrs, struct buf *resp)
{
	CURL *h = curl_easy_init();

	if (h == NULL)
		return NULL;
	curl_easy_setopt(h, CURLOPT_URL, url);
	curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, method);
	curl_easy_setopt(h, CURLOPT_HTTPHEADER, hdrs);
	curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(h, CURLOPT_WRITEDATA, resp);
	curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, c->timeout_ms);
	curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
	return h;
}

long
api_call(const struct api_client *c, const char *method, const char *path,
    json_object *body, json_object **out, char *why, size_t whylen)
{
	struct curl_slist *hdrs = NULL;
	struct buf resp;
	char url[2048];
	long status = 0;
	CURL *h;
	CURLcode rc;

	*out = NULL;
	buf_init(&resp, 64u << 20);
	snprintf(url, sizeof(url), "%s%s", c->base, path);
	hdrs = curl_slist_append(hdrs, c->auth);
	hdrs = curl_slist_append(hdrs, "Content-Type: application/json");
	hdrs = curl_slist_append(hdrs, "Accept: application/json");
	if ((h = make_handle(c, method, url, hdrs, &resp)) == NULL) {
		snprintf(why, whylen, "out of memory");
		goto out;
	}
	if (body)
		curl_easy_setopt(h, CURLOPT_POSTFIELDS, json_object_to_json_string(body));
	if ((rc = curl_easy_perform(h)) != CURLE_OK)
		snprintf(why, whylen, "%s: %s", c->base, curl_easy_strerror(rc));
	else
		curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
	if (status && resp.len)
		*out = json_tokener_parse(buf_str(&resp));
	curl_easy_cleanup(h);
out:
	curl_slist_free_all(hdrs);
	buf_free(&resp);
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
