/* cli_conf.h: the API client's settings — flags, environment, cli.conf. */
/* SPDX-License-Identifier: MIT */
#ifndef SA_CLI_CONF_H
#define SA_CLI_CONF_H

#include <stdbool.h>
#include <stddef.h>

/* Where the server URL and the API key came from (for error messages). */
struct cli_conf {
	char  path[1024];     /* the config file read, "" when none */
	char  url[1024];      /* resolved base URL, "" when none */
	char  key[512];       /* resolved API key, "" when none; never printed */
	char  key_src[1100];  /* "SITEAUDIT_API_KEY", "api_key in FILE", … */
};

/*
 * Resolves the base URL and the API key, highest first:
 *   URL: url_flag, $SITEAUDIT_URL, `url =` in the config file;
 *   key: $key_env (default SITEAUDIT_API_KEY), `api_key =` in the config.
 * config_flag names the file (it must exist); NULL uses
 * $XDG_CONFIG_HOME/siteaudit/cli.conf or ~/.config/siteaudit/cli.conf when
 * it exists. A config holding api_key must be mode 0600 or stricter, else it
 * is refused. An explicit key_env that is unset is an error rather than a
 * silent fall-back to the file. Returns 0, or -1 with a one-line reason in
 * why (the key itself never appears in it).
 */
int cli_conf_resolve(struct cli_conf *c, const char *url_flag,
    const char *key_env, const char *config_flag, char *why, size_t whylen);

/* Overwrites the key in memory (called before exit). */
void cli_conf_wipe(struct cli_conf *c);

#endif
