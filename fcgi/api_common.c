/* api_common.c: helpers shared by the REST API handlers. */
/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "api_common.h"
#include "util/log.h"
#include "util/uuid.h"

static const char sql_site[] =
    "SELECT id, name, url, strategy, page_limit, schedule, schedule_hour,"
    " schedule_weekday, schedule_monthday, next_run_at, created_at"
    " FROM sites WHERE id = ? AND org_id = ?";

void
api_db_fail(struct req *r)
{
	if (r->db)
		log_warn("%s %s: %s", r->method, r->path, db_error(r->db));
	reply_error(r, 503, "unavailable",
	    "The service is temporarily unavailable; try again shortly.");
}

void
api_not_found(struct req *r, const char *what)
{
	char msg[96];

	snprintf(msg, sizeof(msg), "No such %s.", what);
	reply_error(r, 404, "not_found", msg);
}

const char *
api_path_uuid(struct req *r, size_t i, const char *what)
{
	const char *id = i < r->match.nparams ? r->match.params[i] : NULL;

	if (id == NULL || !uuid_valid(id)) {
		api_not_found(r, what);
		return NULL;
	}
	return id;
}

bool
api_site_load(struct req *r, const char *id, struct db_res **site)
{
	struct db_param p[2] = { DB_STR(id), DB_STR(r->auth.org_id) };

	*site = NULL;
	if (!uuid_valid(id)) {
		api_not_found(r, "site");
		return false;
	}
	if (r->db == NULL || db_query(r->db, sql_site, p, 2, site) != SA_OK) {
		api_db_fail(r);
		return false;
	}
	if ((*site)->nrows != 1) {
		db_res_free(*site);
		*site = NULL;
		api_not_found(r, "site");
		return false;
	}
	return true;
}

json_object *
api_schedule_json(const struct db_res *site, size_t row)
{
	json_object *o = json_object_new_object();
	const char *freq = db_res_get(site, row, SITE_SCHEDULE);

	json_object_object_add(o, "frequency", api_str(freq));
	json_object_object_add(o, "enabled",
	    json_object_new_boolean(freq && strcmp(freq, "off") != 0));
	json_object_object_add(o, "hour", api_num(db_res_get(site, row, SITE_HOUR)));
	json_object_object_add(o, "weekday",
	    api_num(db_res_get(site, row, SITE_WEEKDAY)));
	json_object_object_add(o, "monthday",
	    api_num(db_res_get(site, row, SITE_MONTHDAY)));
	json_object_object_add(o, "timezone", json_object_new_string("UTC"));
	json_object_object_add(o, "nextRunAt",
	    api_time(db_res_get(site, row, SITE_NEXT_RUN)));
	return o;
}

/* Copies n digits of s into out, or '0's when s runs short. */
static void
digits(char *out, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		bool ok = s && s[i] >= '0' && s[i] <= '9';

		out[i] = ok ? s[i] : '0';
		if (!ok)
			s = NULL;
	}
}

json_object *
api_time(const char *cell)
{
	char iso[25];

	if (cell == NULL || strlen(cell) < 19)
		return NULL;
	memcpy(iso, cell, 19);           /* "YYYY-MM-DD HH:MM:SS" */
	iso[10] = 'T';
	iso[19] = '.';
	digits(iso + 20, cell[19] == '.' ? cell + 20 : NULL, 3);
	iso[23] = 'Z';
	iso[24] = '\0';
	return json_object_new_string(iso);
}

json_object *
api_str(const char *cell)
{
	return cell ? json_object_new_string(cell) : NULL;
}

json_object *
api_double(double d)
{
	char txt[32];

	if (!isfinite(d))
		return NULL;
	if (d == floor(d) && fabs(d) < 1e15)
		return json_object_new_int64((int64_t)d);
	snprintf(txt, sizeof(txt), "%.15g", d);
	return json_object_new_double_s(d, txt);
}

json_object *
api_num(const char *cell)
{
	char *end;
	double d;

	if (cell == NULL || *cell == '\0')
		return NULL;
	errno = 0;
	d = strtod(cell, &end);
	if (*end != '\0' || errno != 0)
		return NULL;
	return api_double(d);
}

json_object *
api_scores_json(const struct db_res *res, size_t row, size_t col,
    bool with_security)
{
	json_object *o = json_object_new_object();

	json_object_object_add(o, "health", api_num(db_res_get(res, row, col)));
	json_object_object_add(o, "performance",
	    api_num(db_res_get(res, row, col + 1)));
	json_object_object_add(o, "seo", api_num(db_res_get(res, row, col + 3)));
	json_object_object_add(o, "accessibility",
	    api_num(db_res_get(res, row, col + 2)));
	json_object_object_add(o, "bestPractices",
	    api_num(db_res_get(res, row, col + 4)));
	if (with_security) {
		json_object_object_add(o, "security",
		    api_num(db_res_get(res, row, col + 5)));
		api_scores_add_agent(o, db_res_get(res, row, col + 6));
	}
	return o;
}

void
api_scores_add_agent(json_object *scores, const char *cell)
{
	json_object_object_add(scores, "agentReadiness", api_num(cell));
}

void
api_rate_limited(struct req *r, long long usec, const char *limit)
{
	long long secs = (usec + 999999) / 1000000;
	char hdr[24], msg[256];

	if (secs < 1)
		secs = 1;
	snprintf(hdr, sizeof(hdr), "%lld", secs);
	snprintf(msg, sizeof(msg), "%s; retry in %lld seconds.", limit, secs);
	reply_error(r, 429, "rate_limited", msg);
	reply_header(r, "Retry-After", hdr);   /* after: reply_error resets */
}
