/* cmd_api_scan.c: `siteaudit api scan | export` — the 001 site endpoints. */
/* SPDX-License-Identifier: MIT */
#include <stdio.h>
#include <string.h>
#include "cmd_api.h"

#define EXPORT_CAP ((size_t)4 << 30)   /* streamed: a sanity bound only */

/*
 * After a 409 SCAN_ALREADY_ACTIVE, --wait joins the scan in flight: the
 * newest queued or running scan in the site's history.
 */
static int
active_scan(struct api_ctx *x, const char *site, char *id, size_t n)
{
	json_object *o = NULL, *runs;
	char path[128];
	int rc;

	snprintf(path, sizeof(path), "/api/mcp/sites/%s/history?limit=20", site);
	if ((rc = api_req(x, "GET", path, NULL, 200, &o)) != AX_OK)
		return rc;
	runs = jo(o, "runs");
	for (size_t i = 0; runs && i < json_object_array_length(runs); i++) {
		json_object *r = json_object_array_get_idx(runs, i);
		const char *st = js(r, "status");
		if (js(r, "kind") && strcmp(js(r, "kind"), "scan") == 0 && st &&
		    (strcmp(st, "queued") == 0 || strcmp(st, "running") == 0) &&
		    js(r, "runId")) {
			snprintf(id, n, "%s", js(r, "runId"));
			json_object_put(o);
			return AX_OK;
		}
	}
	json_object_put(o);
	return api_err(x, AX_SERVER, "the server reports a scan in flight but"
	    " the history shows none");
}

/* POST /api/external/scan: AX_OK with the scan (= run) id in id. */
static int
trigger(struct api_ctx *x, char *id, size_t n)
{
	json_object *body = json_object_new_object(), *res = NULL;
	struct api_resp r;
	char why[1400];
	long st;

	json_object_object_add(body, "siteId", json_object_new_string(x->o.pos[0]));
	if (x->o.strategy)
		json_object_object_add(body, "strategy",
		    json_object_new_string(x->o.strategy));
	/* Raw fetch: a 409 is an answer to act on here, not only an error. */
	st = api_fetch(&x->c, "POST", "/api/external/scan",
	    json_object_to_json_string(body), 1u << 20, &r, why, sizeof(why));
	json_object_put(body);
	if (st && r.body.len)
		res = json_tokener_parse(buf_str(&r.body));
	buf_reset(&x->last);
	buf_add(&x->last, buf_str(&r.body), r.body.len);
	api_resp_free(&r);
	if (st == 202 && js(res, "scanId")) {
		snprintf(id, n, "%s", js(res, "scanId"));
		json_object_put(res);
		return AX_OK;
	}
	if (st == 409 && x->o.wait) {
		json_object_put(res);
		fprintf(stderr, "a scan of this site is already in flight: waiting"
		    " for it\n");
		return active_scan(x, x->o.pos[0], id, n);
	}
	st = api_fail(x, st, res, why);
	json_object_put(res);
	return (int)st;
}

int
api_cmd_scan(struct api_ctx *x)
{
	char id[64];
	int rc;

	if ((rc = trigger(x, id, sizeof(id))) != AX_OK)
		return rc;
	return api_queued_or_wait(x, "scan", id);
}

/* The export bytes, unchanged and streamed, into -o FILE (atomically). */
static int
export_to_file(struct api_ctx *x, const char *path)
{
	char why[8400];
	struct out_file f;
	struct api_resp r;
	int rc;

	if (outf_open(&f, x->o.out, why, sizeof(why)) != 0)
		return api_err(x, AX_USAGE, "writing %s", why);
	rc = api_download(x, path, f.f, EXPORT_CAP, &r);
	if (rc != AX_OK)
		outf_abort(&f);
	else if (outf_commit(&f, why, sizeof(why)) != 0)
		rc = api_err(x, AX_USAGE, "writing %s", why);
	if (rc == AX_OK)
		fprintf(stderr, "%s (%zu bytes)\n", x->o.out, r.streamed);
	api_resp_free(&r);
	return rc;
}

int
api_cmd_export(struct api_ctx *x)
{
	const char *fmt = x->o.format ? x->o.format : x->o.json ? "json" : "csv";
	char path[256];
	struct api_resp r;
	int rc;

	snprintf(path, sizeof(path), "/api/external/sites/%s/export?format=%s%s%s",
	    x->o.pos[0], fmt, x->o.scan ? "&scanId=" : "", x->o.scan ? x->o.scan : "");
	if (x->o.out && strcmp(x->o.out, "-") != 0)
		return export_to_file(x, path);
	rc = api_download(x, path, stdout, EXPORT_CAP, &r);
	if (rc == AX_OK && fflush(stdout) != 0)
		rc = api_err(x, AX_USAGE, "writing to standard output failed");
	api_resp_free(&r);
	return rc;
}
