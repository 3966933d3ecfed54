/* fuzz_form.c: the other request parsers — form bodies (form_get,
 * form_get_long, form_is_urlencoded), the query string (req_query), percent
 * decoding (url_decode) and the router (route_find, with a table shaped like
 * fcgi/routes.c). Input: "name\nbody"; the body doubles as query and path. */
/* SPDX-License-Identifier: MIT */
#include "web/form.h"
#include "web/req.h"
#include "web/route.h"
#include "fuzz.h"

static void form_nop(struct req *r) { (void)r; }

static const struct route form_routes[] = {
	{ "GET", "/api/health", AUTH_NONE, form_nop },
	{ "POST", "/api/mcp/start-audit", AUTH_KEY, form_nop },
	{ "GET", "/api/mcp/runs/{runId}", AUTH_KEY, form_nop },
	{ "GET", "/api/external/sites/{siteId}/export", AUTH_KEY, form_nop },
	{ "DELETE", "/api/external/webhooks/{id}", AUTH_KEY, form_nop },
	{ "GET", "/sites/{siteId}/reports/{reportId}", AUTH_SESSION, form_nop },
	{ "POST", "/sites/{siteId}/reports/{reportId}", AUTH_SESSION, form_nop },
	{ "GET", "/files/{a}/{b}/{c}/{d}", AUTH_NONE, form_nop },
};

static size_t
form_nparams(const char *pattern)
{
	size_t n = 0;

	for (; *pattern; pattern++)
		n += *pattern == '{';
	return n;
}

static void
form_route(const char *method, const char *path)
{
	struct route_match m;
	enum route_status st = route_find(form_routes, SA_NITEMS(form_routes),
	    method, path, &m);

	if (st == ROUTE_FOUND) {
		FUZZ_CHECK(m.route != NULL &&
		    m.nparams == form_nparams(m.route->pattern));
		for (size_t i = 0; i < m.nparams; i++)
			FUZZ_CHECK(m.params[i][0] != '\0' &&
			    strchr(m.params[i], '/') == NULL &&
			    strlen(m.params[i]) < ROUTE_PARAMLEN);
	} else if (st == ROUTE_BAD_METHOD) {
		FUZZ_CHECK(m.allow[0] != '\0' &&
		    memchr(m.allow, '\0', sizeof(m.allow)) != NULL);
	}
}

static void
form_decode(const char *s, size_t len)
{
	char out[256];
	int n;

	for (int plus = 0; plus < 2; plus++) {
		n = url_decode(s, len, out, sizeof(out), plus);
		FUZZ_CHECK(n >= -1 && n < (int)sizeof(out));
		if (n >= 0)
			FUZZ_CHECK(out[n] == '\0' && strlen(out) == (size_t)n);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *body;
	size_t blen, hlen;
	char *name, *text, out[128];
	struct req r;
	long v = 0;
	int rc;

	fuzz_split(data, size, '\n', &body, &blen, &hlen);
	name = fuzz_str(data, hlen);
	text = fuzz_str(body, blen);
	/* the body as sent: not NUL-terminated, may hold NUL bytes */
	rc = form_get((const char *)body, blen, name, out, sizeof(out));
	FUZZ_CHECK(rc >= -1 && rc <= 1);
	if (rc == 1)
		FUZZ_CHECK(memchr(out, '\0', sizeof(out)) != NULL);
	rc = form_get_long((const char *)body, blen, name, -50, 50, &v);
	FUZZ_CHECK(rc != 1 || (v >= -50 && v <= 50));
	(void)form_is_urlencoded(name);
	req_init(&r);
	r.query = text;
	rc = req_query(&r, name, out, sizeof(out));
	FUZZ_CHECK(rc != 1 || memchr(out, '\0', sizeof(out)) != NULL);
	req_free(&r);
	form_decode((const char *)body, blen);
	form_route(hlen & 1 ? "POST" : "GET", text);
	free(name);
	free(text);
	return 0;
}
