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

#endif
