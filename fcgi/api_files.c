/* api_files.c: GET /files/reports/{id}.pdf — signed, expiring PDF links. */
/* SPDX-License-Identifier: MIT */
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "api_common.h"
#include "fcgi.h"
#include "model/pdf_store.h"
#include "pdf/sign.h"
#include "util/uuid.h"

#define QV_MAX 80   /* longest expires / sig value read */

/* The report id of "<uuid>.pdf" into id[UUID_STRLEN + 1]; false if not. */
static bool
file_id(const char *file, char id[UUID_STRLEN + 1])
{
	size_t n = strlen(file);

	if (n != UUID_STRLEN + 4 || strcmp(file + UUID_STRLEN, ".pdf") != 0)
		return false;
	memcpy(id, file, UUID_STRLEN);
	id[UUID_STRLEN] = '\0';
	return uuid_valid(id);
}

static void
refuse(struct req *r, enum sign_verdict v)
{
	if (v == SIGN_EXPIRED)
		reply_error(r, 410, "link_expired", "This download link has "
		    "expired; request a new one with format=pdf_url.");
	else
		reply_error(r, 403, "bad_signature", "This download link is not "
		    "valid: its signature does not match.");
	reply_header(r, "Cache-Control", "no-store");
}

/* Hands the file to nginx's internal /_files/ location. */
static void
accel(struct req *r, const char *id)
{
	char loc[96], disp[128], path[4096];

	if (pdf_store_path(r->conf->files_dir, id, path, sizeof(path)) != SA_OK ||
	    access(path, R_OK) != 0) {
		reply_error(r, 404, "not_found", "No such report PDF.");
		return;
	}
	snprintf(loc, sizeof(loc), "/_files/reports/%s.pdf", id);
	snprintf(disp, sizeof(disp), "inline; filename=\"report-%s.pdf\"", id);
	r->status = 200;
	reply_header(r, "X-Accel-Redirect", loc);
	reply_header(r, "Content-Type", "application/pdf");
	reply_header(r, "Content-Disposition", disp);
	reply_header(r, "Cache-Control", "private, no-store");
}

void
api_file_report(struct req *r)
{
	char exp[QV_MAX], sig[QV_MAX], id[UUID_STRLEN + 1];
	const char *file = r->match.nparams ? r->match.params[0] : "";
	enum sign_verdict v = SIGN_BAD;

	if (req_query(r, "expires", exp, sizeof(exp)) == 1 &&
	    req_query(r, "sig", sig, sizeof(sig)) == 1 && file_id(file, id))
		v = sign_verify(r->conf->signing_secret, r->path, exp, sig,
		    time(NULL));
	if (v != SIGN_VALID)
		refuse(r, v);
	else
		accel(r, id);
}
