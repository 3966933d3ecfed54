/* cmd_api_pdf.c: `siteaudit api report ID --pdf FILE` — the signed link. */
/* SPDX-License-Identifier: MIT */
/*
 * The API answers ?format=pdf_url with a short-lived signed link, relative
 * to the server or absolute (files.base_url). The link carries its own
 * authorisation, so the download is sent without the API key: the key
 * never goes to a host the user did not name with --url.
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include "cmd_api.h"

#define PDF_CAP (512u << 20)

/* The link as an absolute URL in out; -1 when it is neither form. */
static int
resolve_link(const struct api_ctx *x, const char *link, char *out, size_t n)
{
	int w;

	if (link[0] == '/' && link[1] != '/')
		w = snprintf(out, n, "%s%s", x->c.base, link);
	else if (strncasecmp(link, "http://", 7) == 0 ||
	    strncasecmp(link, "https://", 8) == 0)
		w = snprintf(out, n, "%s", link);
	else
		return -1;
	return w > 0 && (size_t)w < n ? 0 : -1;
}

/* Downloads the link into FILE: AX_OK, or the exit code after a message. */
static int
save_pdf(struct api_ctx *x, const char *url)
{
	char why[8400];
	struct out_file f;
	struct api_resp r;
	int rc;

	if (outf_open(&f, x->o.pdf, why, sizeof(why)) != 0)
		return api_err(x, AX_USAGE, "writing %s", why);
	rc = api_download(x, url, f.f, PDF_CAP, &r);
	if (rc == AX_OK && (r.streamed < 5 || memcmp(r.head, "%PDF-", 5) != 0))
		rc = api_err(x, AX_SERVER, "the download is not a PDF (%zu bytes,"
		    " %s)", r.streamed, r.ctype[0] ? r.ctype : "no type");
	if (rc != AX_OK)
		outf_abort(&f);
	else if (outf_commit(&f, why, sizeof(why)) != 0)
		rc = api_err(x, AX_USAGE, "writing %s", why);
	if (rc == AX_OK)
		printf("%s (%zu bytes)\n", x->o.pdf, r.streamed);
	api_resp_free(&r);
	return rc;
}

int
api_report_pdf(struct api_ctx *x, const char *report_id)
{
	char path[128], url[4096];
	json_object *o = NULL;
	int rc;

	snprintf(path, sizeof(path), "/api/mcp/reports/%s?format=pdf_url", report_id);
	if ((rc = api_req(x, "GET", path, NULL, 200, &o)) != AX_OK)
		return rc;
	if (js(o, "url") == NULL || resolve_link(x, js(o, "url"), url,
	    sizeof(url)) != 0) {
		json_object_put(o);
		return api_err(x, AX_SERVER, "the answer holds no usable PDF link");
	}
	json_object_put(o);
	return save_pdf(x, url);
}
