/* cmd_api_util.c: requests, errors and JSON helpers of `siteaudit api`. */
/* SPDX-License-Identifier: MIT */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "cmd_api.h"

#define JSON_CAP (64u << 20)

int
api_err(const struct api_ctx *x, int code, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fprintf(stderr, "siteaudit api %s: ", x->cmd);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	return code;
}

/* 404 is "not found"; other client errors are the caller's to fix (2);
 * 429 and 5xx may pass on a retry, like a network error (4). */
static int
exit_for(long status)
{
	if (status == 404)
		return AX_NOTFOUND;
	if (status >= 400 && status < 500 && status != 429 && status != 408)
		return AX_USAGE;
	return AX_SERVER;
}

int
api_fail(struct api_ctx *x, long status, json_object *o, const char *why)
{
	const char *code = js(o, "error");

	if (status == 0)
		return api_err(x, AX_SERVER, "%s", why);
	if (status == 401)
		api_err(x, AX_USAGE, "HTTP 401: %s (the key from %s was refused)",
		    api_error_text(o, "unauthorized"), x->key_src);
	else
		api_err(x, 0, "HTTP %ld%s%s: %s", status, code ? " " : "",
		    code ? code : "", api_error_text(o, "unexpected answer"));
	return exit_for(status);
}

int
api_req(struct api_ctx *x, const char *method, const char *path,
    json_object *body, long want, json_object **out)
{
	struct api_resp r;
	json_object *o = NULL;
	char why[1400];
	long st;

	if (out)
		*out = NULL;
	st = api_fetch(&x->c, method, path, body ?
	    json_object_to_json_string(body) : NULL, JSON_CAP, &r, why, sizeof(why));
	if (st && r.body.len)
		o = json_tokener_parse(buf_str(&r.body));
	if (st != want) {
		int rc = api_fail(x, st, o, why);
		json_object_put(o);
		api_resp_free(&r);
		return rc;
	}
	/* --json prints the answer byte for byte, not a re-serialisation. */
	buf_reset(&x->last);
	buf_add(&x->last, buf_str(&r.body), r.body.len);
	api_resp_free(&r);
	if (o == NULL || !json_object_is_type(o, json_type_object)) {
		json_object_put(o);
		return api_err(x, AX_SERVER, "HTTP %ld but the answer is not a JSON"
		    " object", st);
	}
	if (out)
		*out = o;
	else
		json_object_put(o);
	return AX_OK;
}

void
api_print_last(const struct api_ctx *x)
{
	fwrite(buf_str(&x->last), 1, x->last.len, stdout);
	if (x->last.len == 0 || x->last.ptr[x->last.len - 1] != '\n')
		fputc('\n', stdout);
}

json_object *
jo(json_object *o, const char *key)
{
	json_object *v = NULL;

	if (o && json_object_is_type(o, json_type_object))
		json_object_object_get_ex(o, key, &v);
	return v;
}

const char *
js(json_object *o, const char *key)
{
	json_object *v = jo(o, key);

	return v ? json_object_get_string(v) : NULL;
}

const char *
api_when(const char *iso, char out[24])
{
	if (iso == NULL || strlen(iso) < 19 || iso[10] != 'T')
		return "-";
	memcpy(out, iso, 19);
	out[10] = ' ';
	out[19] = '\0';
	return out;
}

const char *
api_num_text(json_object *o, const char *key, char out[32])
{
	json_object *v = jo(o, key);

	if (v == NULL)
		return "-";
	if (json_object_is_type(v, json_type_double))
		snprintf(out, 32, "%g", json_object_get_double(v));
	else
		snprintf(out, 32, "%s", json_object_get_string(v));
	return out;
}

void
kv(const char *label, const char *value)
{
	printf("%-12s %s\n", label, value ? value : "-");
}
