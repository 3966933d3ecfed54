/* conf.h: the siteaudit configuration file (key = value, [sections]). */
/* SPDX-License-Identifier: MIT */
#ifndef SA_CONF_H
#define SA_CONF_H

#include <stdbool.h>
#include "sa.h"

#define CONF_DEFAULT_PATH "/etc/siteaudit/siteaudit.conf"

struct conf {
	/* [server] */
	char *listen;           /* "unix:/path" or "host:port" */
	long  workers;
	long  max_body_bytes;
	char *base_url;
	char *templates_dir;
	/* [database] */
	char *db_socket;
	char *db_host;
	long  db_port;
	char *db_name;
	char *db_user;
	char *db_password;      /* secret: never logged */
	char *migrations_dir;
	/* [runner] */
	long  runner_concurrency;
	long  runner_lease_seconds;
	long  runner_max_attempts;
	long  runner_poll_seconds;
	/* [retention] — see docs/retention.md */
	long  retention_days;   /* 0: keep forever (orgs may override) */
	long  retention_batch;  /* rows per DELETE of the prune pass */
	/* [audit] */
	bool  allow_private_targets;
	long  connect_timeout_ms;
	long  total_timeout_ms;
	long  max_document_bytes;
	long  max_resource_bytes;
	long  max_decoded_bytes;
	long  max_redirects;
	char *user_agent;
	char *ca_file;          /* extra trusted CAs (PEM); NULL: system store */
	/* [files] */
	char *files_dir;
	char *signing_secret;   /* secret: never logged */
	long  signed_url_ttl;
	/* [billing] */
	bool  billing_bypass;   /* development only: no eligibility check, no charge */
	/* [llm] — an OpenAI-compatible chat endpoint for page-audit texts */
	char *llm_url;          /* e.g. https://api.openai.com/v1/chat/completions */
	char *llm_model;
	char *llm_api_key;      /* secret: never logged */
	long  llm_timeout_ms;
	/* [metrics] */
	char *metrics_token;    /* secret: bearer token for /metrics off loopback */
	/* [log] */
	char *log_level;
	/* [crux] */
	char *crux_api_key;      /* secret: never logged */
	char *crux_endpoint;
	long  crux_timeout_ms;
};

/*
 * Loads defaults, then the file at path (NULL: $SITEAUDIT_CONF, else
 * CONF_DEFAULT_PATH). Unknown keys, malformed lines and bad values are
 * each reported as "file:line: message" lines into err (caller frees with
 * free()); on any of them the result is SA_ECONF and c holds defaults plus
 * whatever parsed. conf_free() releases c in every case.
 */
enum sa_err conf_load(struct conf *c, const char *path, char **err);
/* Defaults only (used by tools that run without a file). */
enum sa_err conf_defaults(struct conf *c);
/* Parses text as if read from a file called name (for tests). */
enum sa_err conf_parse(struct conf *c, const char *name, const char *text,
    char **err);
void conf_free(struct conf *c);
/* The path conf_load() would read for path == NULL. */
const char *conf_default_path(void);

/* Key table introspection (docs test): "section.key" names, in order. */
size_t conf_nkeys(void);
const char *conf_key_name(size_t i);

#endif
