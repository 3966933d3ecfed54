/* fcgi.h: siteaudit-fcgi internals shared by the master, workers and routes. */
/* SPDX-License-Identifier: MIT */
#ifndef SA_FCGI_H
#define SA_FCGI_H

#include <stddef.h>
#include "conf.h"
#include "web/req.h"
#include "web/route.h"

/* The route table (routes.c). */
extern const struct route fcgi_routes[];
extern const size_t fcgi_routes_count;

/* Runs one worker's accept loop on listen_fd until told to stop. */
int worker_main(int listen_fd, const struct conf *conf);

/* Handlers, one file per API area. */
void api_healthz(struct req *r);
/* api_runs.c */
void api_start_audit(struct req *r);
void api_run_get(struct req *r);
/* api_reports.c */
void api_report_get(struct req *r);
/* GET /files/reports/{file}: a signed PDF link (fcgi/api_files.c) */
void api_file_report(struct req *r);
/* api_sites.c */
void api_sites_list(struct req *r);
void api_site_history(struct req *r);
void api_site_schedule(struct req *r);
/* api_account.c */
void api_account(struct req *r);
/* api_budget.c */
void api_budget_check(struct req *r);
/* api_scan.c */
void api_scan(struct req *r);
/* api_webhooks.c */
void api_webhook_subscribe(struct req *r);
void api_webhook_list(struct req *r);
void api_webhook_delete(struct req *r);
/* api_hooks.c */
void api_hook_site_publish(struct req *r);
/* page_webhooks.c: the settings page's webhooks and deploy hook */
void page_webhooks_add(struct req *r, const char *site, json_object *ctx);
void page_hook_regenerate(struct req *r);
void page_hook_revoke(struct req *r);
void page_webhook_del(struct req *r);
void page_webhook_enable(struct req *r);
/* page_settings.c: renders the settings page of path site 0 */
void page_settings_show(struct req *r, int status, const char *error);

/* web UI (page_*.c, ui_*.c): session gate, pages, export */
bool session_check(struct req *r);
void page_root(struct req *r);
void page_login(struct req *r);
void page_login_post(struct req *r);
void page_logout(struct req *r);
void page_sites(struct req *r);
void page_site_new(struct req *r);
void page_site_create(struct req *r);
void page_site(struct req *r);
void page_site_scan(struct req *r);
void page_report(struct req *r);
void page_settings(struct req *r);
void page_budget_add(struct req *r);
void page_budget_del(struct req *r);
void page_alert_add(struct req *r);
void page_alert_del(struct req *r);
void page_schedule_set(struct req *r);
void page_keys(struct req *r);
void page_key_create(struct req *r);
void page_key_revoke(struct req *r);
void api_export(struct req *r);
/* api_export.c: the same export with a bearer key (001 Phase 3) */
void api_export_key(struct req *r);
/* api_metrics.c: GET /metrics, Prometheus text (docs/metrics.md) */
void api_metrics(struct req *r);

#endif
