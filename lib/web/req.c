/* req.c: response building for a request: headers, JSON bodies, errors. */
/* SPDX-License-Identifier: MIT */
#include <stdlib.h>
#include <string.h>
#include "web/req.h"

#define MAX_HEADERS_BYTES (16u << 10)
#define MAX_BODY_BYTES    (64u << 20)

struct reason {
	int code;
	const char *text;
};

static const struct reason reasons[] = {
	{ 200, "OK" }, { 201, "Created" }, { 202, "Accepted" },
	{ 204, "No Content" }, { 302, "Found" }, { 303, "See Other" },
	{ 304, "Not Modified" }, { 400, "Bad Request" },
	{ 401, "Unauthorized" }, { 402, "Payment Required" },
	{ 403, "Forbidden" }, { 404, "Not Found" },
	{ 405, "Method Not Allowed" }, { 409, "Conflict" },
	{ 413, "Content Too Large" }, { 415, "Unsupported Media Type" },
	{ 422, "Unprocessable Content" }, { 429, "Too Many Requests" },
	{ 500, "Internal Server Error" }, { 503, "Service Unavailable" },
};

const char *
http_reason(int status)
{
	for (size_t i = 0; i < SA_NITEMS(reasons); i++)
		if (reasons[i].code == status)
			return reasons[i].text;
	return "Unknown";
}

void
req_init(struct req *r)
{
	memset(r, 0, sizeof(*r));
	r->status = 200;
	r->query = "";
	buf_init(&r->headers, MAX_HEADERS_BYTES);
	buf_init(&r->out, MAX_BODY_BYTES);
}

void
req_free(struct req *r)
{
	free(r->body);
	r->body = NULL;
	buf_free(&r->headers);
	buf_free(&r->out);
}

static bool
header_safe(const char *s)
{
	return strpbrk(s, "\r\n") == NULL;
}

void
reply_header(struct req *r, const char *name, const char *value)
{
	if (!header_safe(name) || !header_safe(value))
		return;
	buf_printf(&r->headers, "%s: %s\r\n", name, value);
}

void
reply_json(struct req *r, int status, struct json_object *obj)
{
	const char *s = json_object_to_json_string_ext(obj,
	    JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE);

	r->status = status;
	buf_reset(&r->out);
	buf_adds(&r->out, s);
	reply_header(r, "Content-Type", "application/json");
	json_object_put(obj);
}

void
reply_error(struct req *r, int status, const char *code, const char *message)
{
	struct json_object *o = json_object_new_object();
	char clean[512];
	size_t i;

	for (i = 0; message[i] && i < sizeof(clean) - 1; i++)
		clean[i] = (unsigned char)message[i] < 0x20 ? ' ' : message[i];
	clean[i] = '\0';
	json_object_object_add(o, "error", json_object_new_string(code));
	json_object_object_add(o, "message", json_object_new_string(clean));
	buf_reset(&r->headers);
	reply_json(r, status, o);
}

int
req_query(const struct req *r, const char *name, char *out, size_t outlen)
{
	size_t nlen = strlen(name);
	const char *p = r->query;

	while (p && *p) {
		size_t seg = strcspn(p, "&");
		if (seg > nlen && strncmp(p, name, nlen) == 0 && p[nlen] == '=')
			return url_decode(p + nlen + 1, seg - nlen - 1, out, outlen,
			    true) < 0 ? -1 : 1;
		if (seg == nlen && strncmp(p, name, nlen) == 0)
			return out && outlen ? (out[0] = '\0', 1) : -1;
		p += seg;
		if (*p == '&')
			p++;
	}
	return 0;
}
