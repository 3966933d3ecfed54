/* api_common.h: helpers shared by the REST API handlers (fcgi/api_*.c). */
/* SPDX-License-Identifier: MIT */
#ifndef SA_API_COMMON_H
#define SA_API_COMMON_H

#include <stdbool.h>
#include <json-c/json.h>
#include "db/db.h"
#include "web/req.h"

/* Columns of api_site_load()'s row, in order. */
enum site_col {
	SITE_ID, SITE_NAME, SITE_URL, SITE_STRATEGY, SITE_PAGE_LIMIT,
	SITE_SCHEDULE, SITE_HOUR, SITE_WEEKDAY, SITE_MONTHDAY, SITE_NEXT_RUN,
	SITE_CREATED, SITE__NCOLS
};

/* 503 {"error":"unavailable"}: the database failed under the request. */
void api_db_fail(struct req *r);
/* 404 {"error":"not_found","message":"No such <what>."}. */
void api_not_found(struct req *r, const char *what);
/*
 * 429 rate_limited with Retry-After: the seconds (at least 1) until usec
 * microseconds have passed; limit names the rule in the message, e.g.
 * "Scans are limited to 5 per user per hour".
 */
void api_rate_limited(struct req *r, long long usec, const char *limit);

/*
 * Path parameter i when it is a canonical UUID; otherwise replies 404
 * (a malformed id is as missing as an unknown one) and returns NULL.
 */
const char *api_path_uuid(struct req *r, size_t i, const char *what);

/*
 * Loads site id of the caller's org into *site (one row, enum site_col
 * columns; caller frees with db_res_free). On any failure replies (404
 * for a malformed, missing or other org's id; 503 on a database error)
 * and returns false with *site NULL.
 */
bool api_site_load(struct req *r, const char *id, struct db_res **site);

/* The site's schedule object: frequency, hour, weekday, monthday, … */
json_object *api_schedule_json(const struct db_res *site, size_t row);

/* A DATETIME(3) cell as ISO 8601 UTC with ms ("…T10:05:00.000Z"), or NULL. */
json_object *api_time(const char *cell);
/* A cell as a JSON string, or NULL (JSON null) for SQL NULL. */
json_object *api_str(const char *cell);
/* A numeric cell as a JSON integer or number, or NULL for SQL NULL. */
json_object *api_num(const char *cell);
/* d as a JSON integer when integral, else a number with up to 15 digits. */
json_object *api_double(double d);

/*
 * Scores of a report row: columns col..col+5 are health, performance,
 * accessibility, seo, best_practices, security (and col+6 agent_readiness
 * when with_security). Returns the object
 * { health, performance, seo, accessibility, bestPractices } plus
 * security and agentReadiness when with_security (null when not scored).
 */
json_object *api_scores_json(const struct db_res *res, size_t row, size_t col,
    bool with_security);
/*
 * Adds "agentReadiness" (the sixth score, outside health) to scores: the
 * cell's number, or null (SQL NULL) when the scan did not measure it — the
 * API's rule for optional values, as for the other scores.
 */
void api_scores_add_agent(json_object *scores, const char *cell);

#endif
