/* ui_chart.h: the server-drawn SVG score trend chart. */
/* SPDX-License-Identifier: MIT */
#ifndef SA_UI_CHART_H
#define SA_UI_CHART_H

#include <stdbool.h>
#include <json-c/json.h>
#include "db/db.h"

/*
 * The SVG for a ui_report_trend() result (newest first; drawn oldest to
 * newest): health plus the four dimension lines on a 0–100 scale, and
 * agentReadiness (outside health) as a dashed line when measured. Built
 * from numbers and escaped dates only, and returned as tmpl_markup (the
 * caller owns it); NULL when there is no scan yet.
 */
json_object *ui_chart_svg(const struct db_res *trend);
/* Whether any scan of the trend measured agentReadiness (its dashed line
 * is drawn, and the legend names it, only then). */
bool ui_chart_has_agent(const struct db_res *trend);

#endif
