/* ui_settings.h: a site's budgets and alert rules, edited from the web UI. */
/* SPDX-License-Identifier: MIT */
#ifndef SA_UI_SETTINGS_H
#define SA_UI_SETTINGS_H

#include "db/db.h"

/* All functions bind org and site: another org's rows are never touched. */

enum { BU_ID, BU_METRIC, BU_OPERATOR, BU_THRESHOLD, BU__N };
enum sa_err ui_budgets_list(struct db *db, const char *org, const char *site,
    struct db_res **out);
/* Adds a budget; metric and op must already be validated. */
enum sa_err ui_budget_add(struct db *db, const char *org, const char *site,
    const char *metric, const char *op, double threshold);
/* Deletes one budget; SA_ENOTFOUND when no row matched. */
enum sa_err ui_budget_del(struct db *db, const char *org, const char *site,
    const char *id);

enum { AL_ID, AL_KIND, AL_METRIC, AL_THRESHOLD, AL__N };
enum sa_err ui_alerts_list(struct db *db, const char *org, const char *site,
    struct db_res **out);
/* kind: "score_drop" | "metric_worsened" (validated by the caller). */
enum sa_err ui_alert_add(struct db *db, const char *org, const char *site,
    const char *kind, const char *metric, double threshold);
enum sa_err ui_alert_del(struct db *db, const char *org, const char *site,
    const char *id);

#endif
