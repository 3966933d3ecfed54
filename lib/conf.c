/* conf.c: table-driven parser for the key = value configuration file. */
/* SPDX-License-Identifier: MIT */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "conf.h"
#include "util/buf.h"

enum ctype { C_STR, C_INT, C_BOOL, C_SIZE, C_ENUM };

struct key {
	const char *name;   /* "section.key" */
	enum ctype  type;
	size_t      off;
	long        min, max;
	const char *def;    /* default, parsed like a file value; NULL = unset */
	const char *choices;/* C_ENUM: "a|b|c" */
};

#define S(n, f, d)          { n, C_STR, offsetof(struct conf, f), 0, 0, d, NULL }
#define I(n, f, lo, hi, d)  { n, C_INT, offsetof(struct conf, f), lo, hi, d, NULL }
#define Z(n, f, lo, hi, d)  { n, C_SIZE, offsetof(struct conf, f), lo, hi, d, NULL }
#define B(n, f, d)          { n, C_BOOL, offsetof(struct conf, f), 0, 1, d, NULL }
#define E(n, f, d, ch)      { n, C_ENUM, offsetof(struct conf, f), 0, 0, d, ch }

static const struct key keys[] = {
	S("server.listen", listen, "unix:/run/siteaudit/fcgi.sock"),
	I("server.workers", workers, 1, 256, "4"),
	Z("server.max_body_bytes", max_body_bytes, 1024, 64L << 20, "1M"),
	S("server.base_url", base_url, "http://localhost"),
	S("server.templates_dir", templates_dir, "/usr/local/share/siteaudit/templates"),
	S("database.socket", db_socket, "/run/mysqld/mysqld.sock"),
	S("database.host", db_host, NULL),
	I("database.port", db_port, 1, 65535, "3306"),
	S("database.name", db_name, "siteaudit"),
	S("database.user", db_user, "siteaudit"),
	S("database.password", db_password, NULL),
	S("database.migrations_dir", migrations_dir, "/usr/local/share/siteaudit/sql"),
	I("runner.concurrency", runner_concurrency, 1, 64, "2"),
	I("runner.lease_seconds", runner_lease_seconds, 5, 86400, "120"),
	I("runner.max_attempts", runner_max_attempts, 1, 20, "3"),
	I("runner.poll_seconds", runner_poll_seconds, 1, 3600, "5"),
	I("retention.days", retention_days, 0, 36500, "365"),
	I("retention.batch", retention_batch, 1, 100000, "500"),
	B("audit.allow_private_targets", allow_private_targets, "false"),
	I("audit.connect_timeout_ms", connect_timeout_ms, 100, 120000, "5000"),
	I("audit.total_timeout_ms", total_timeout_ms, 500, 600000, "20000"),
	Z("audit.max_document_bytes", max_document_bytes, 1024, 256L << 20, "5M"),
	Z("audit.max_resource_bytes", max_resource_bytes, 1024, 256L << 20, "10M"),
	Z("audit.max_decoded_bytes", max_decoded_bytes, 1024, 1L << 30, "20M"),
	I("audit.max_redirects", max_redirects, 0, 20, "5"),
	S("audit.user_agent", user_agent, "siteaudit/0.1 (+https://github.com/siteaudit)"),
	S("audit.ca_file", ca_file, ""),
	S("files.dir", files_dir, "/var/lib/siteaudit/files"),
	S("files.signing_secret", signing_secret, NULL),
	I("files.signed_url_ttl", signed_url_ttl, 10, 86400, "300"),
	B("billing.bypass", billing_bypass, "false"),
	S("llm.url", llm_url, NULL),
	S("llm.model", llm_model, "gpt-4o-mini"),
	S("llm.api_key", llm_api_key, NULL),
	I("llm.timeout_ms", llm_timeout_ms, 500, 120000, "20000"),
	S("metrics.token", metrics_token, NULL),
	E("log.level", log_level, "info", "debug|info|warn|error"),
	S("crux.api_key", crux_api_key, NULL),
	S("crux.endpoint", crux_endpoint, "https://chromeuxreport.googleapis.com/v1/records:queryRecord"),
	I("crux.timeout_ms", crux_timeout_ms, 100, 60000, "3000"),
};

size_t
conf_nkeys(void)
{
	return SA_NITEMS(keys);
}

const char *
conf_key_name(size_t i)
{
	return i < SA_NITEMS(keys) ? keys[i].name : NULL;
}

const char *
conf_default_path(void)
{
	const char *p = getenv("SITEAUDIT_CONF");

	return p && *p ? p : CONF_DEFAULT_PATH;
}

static const struct key *
find_key(const char *name)
{
	for (size_t i = 0; i < SA_NITEMS(keys); i++)
		if (strcmp(keys[i].name, name) == 0)
			return &keys[i];
	return NULL;
}

static int
parse_bool(const char *v, long *out)
{
	static const char *const t[] = { "true", "yes", "on", "1" };
	static const char *const f[] = { "false", "no", "off", "0" };

	for (size_t i = 0; i < 4; i++) {
		if (strcasecmp(v, t[i]) == 0)
			return *out = 1, 0;
		if (strcasecmp(v, f[i]) == 0)
			return *out = 0, 0;
	}
	return -1;
}

/* Integer with an optional K / M / G suffix (powers of 1024) for sizes. */
static int
parse_long(const char *v, bool size, long *out)
{
	char *end;
	long n, mul = 1;

	errno = 0;
	n = strtol(v, &end, 10);
	if (end == v || errno == ERANGE)
		return -1;
	if (size && *end) {
		switch (toupper((unsigned char)*end)) {
		case 'K': mul = 1L << 10; break;
		case 'M': mul = 1L << 20; break;
		case 'G': mul = 1L << 30; break;
		default: return -1;
		}
		end++;
	}
	if (*end != '\0' || (n > 0 && n > LONG_MAX / mul) ||
	    (n < 0 && n < LONG_MIN / mul))   /* no signed overflow below */
		return -1;
	*out = n * mul;
	return 0;
}

/* Stores value v for key k into c; returns an error sentence or NULL. */
static bool
is_choice(const char *choices, const char *v)
{
	size_t n = strlen(v);

	for (const char *p = choices; *p; p += strcspn(p, "|"), p += *p == '|') {
		if (strncmp(p, v, n) == 0 && (p[n] == '|' || p[n] == '\0') && n)
			return true;
	}
	return false;
}

static const char *
set_value(struct conf *c, const struct key *k, const char *v)
{
	char *field = (char *)c + k->off;
	long n;

	switch (k->type) {
	case C_ENUM:
		if (!is_choice(k->choices, v))
			return "is not one of the allowed values";
		/* fall through */
	case C_STR: {
		char *dup = strdup(v);
		if (dup == NULL)
			return "out of memory";
		free(*(char **)field);
		*(char **)field = dup;
		return NULL;
	}
	case C_BOOL:
		if (parse_bool(v, &n) != 0)
			return "expects true or false";
		*(bool *)field = n != 0;
		return NULL;
	case C_INT:
	case C_SIZE:
		if (parse_long(v, k->type == C_SIZE, &n) != 0)
			return k->type == C_SIZE ? "expects a size such as 512K or 5M"
			    : "expects a whole number";
		if (n < k->min || n > k->max)
			return "is out of range";
		*(long *)field = n;
		return NULL;
	}
	return "has an unknown type";
}

static char *
trim(char *s)
{
	char *e;

	while (isspace((unsigned char)*s))
		s++;
	e = s + strlen(s);
	while (e > s && isspace((unsigned char)e[-1]))
		*--e = '\0';
	return s;
}

/* Strips one pair of matching double quotes, if present. */
static char *
unquote(char *v)
{
	size_t n = strlen(v);

	if (n >= 2 && v[0] == '"' && v[n - 1] == '"') {
		v[n - 1] = '\0';
		return v + 1;
	}
	return v;
}

static void report(struct buf *e, const char *name, int line,
    const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static void
report(struct buf *e, const char *name, int line, const char *fmt, ...)
{
	va_list ap;

	buf_printf(e, "%s:%d: ", name, line);
	va_start(ap, fmt);
	buf_vprintf(e, fmt, ap);
	va_end(ap);
	buf_addc(e, '\n');
}

static void
parse_line(struct conf *c, char *s, char *section, size_t seclen,
    const char *name, int lineno, struct buf *e)
{
	char full[160], *eq, *k, *v;
	const struct key *key;
	const char *why;

	s = trim(s);
	if (*s == '\0' || *s == '#' || *s == ';')
		return;
	if (*s == '[') {
		char *end = strchr(s, ']');
		if (end == NULL || end[1] != '\0' || end == s + 1 ||
		    (size_t)(end - s) >= seclen) {
			report(e, name, lineno, "malformed section header '%s'", s);
			return;
		}
		*end = '\0';
		snprintf(section, seclen, "%s", trim(s + 1));
		return;
	}
	if ((eq = strchr(s, '=')) == NULL) {
		report(e, name, lineno, "expected 'key = value', got '%s'", s);
		return;
	}
	*eq = '\0';
	k = trim(s);
	v = unquote(trim(eq + 1));
	if (*section)
		snprintf(full, sizeof(full), "%s.%s", section, k);
	else
		snprintf(full, sizeof(full), "%s", k);
	if ((key = find_key(full)) == NULL) {
		report(e, name, lineno, "unknown key '%s'", full);
		return;
	}
	if ((why = set_value(c, key, v)) != NULL)
		report(e, name, lineno, "'%s' %s", full, why);
}

enum sa_err
conf_defaults(struct conf *c)
{
	memset(c, 0, sizeof(*c));
	for (size_t i = 0; i < SA_NITEMS(keys); i++)
		if (keys[i].def && set_value(c, &keys[i], keys[i].def) != NULL)
			return SA_ECONF;
	return SA_OK;
}

enum sa_err
conf_parse(struct conf *c, const char *name, const char *text, char **err)
{
	char section[64] = "";
	struct buf e;
	char *copy, *line, *next;
	int lineno = 0;
	bool lost = false;

	buf_init(&e, 1 << 16);
	if ((copy = strdup(text)) == NULL)
		return SA_ENOMEM;
	for (line = copy; line; line = next) {
		size_t before = e.len;
		if ((next = strchr(line, '\n')) != NULL)
			*next++ = '\0';
		parse_line(c, line, section, sizeof(section), name, ++lineno, &e);
		/* a report past the cap frees e: the errors must not be lost
		 * with it, or a file with enough of them would load as valid */
		lost |= e.len < before;
	}
	free(copy);
	if (e.len == 0 && lost)
		buf_printf(&e, "%s: too many errors to list\n", name);
	if (e.len == 0) {
		buf_free(&e);
		if (err)
			*err = NULL;
		return SA_OK;
	}
	if (err)
		*err = buf_take(&e, NULL);
	buf_free(&e);
	return SA_ECONF;
}

enum sa_err
conf_load(struct conf *c, const char *path, char **err)
{
	char *text;
	enum sa_err rc;

	if (err)
		*err = NULL;
	if ((rc = conf_defaults(c)) != SA_OK)
		return rc;
	if (path == NULL)
		path = conf_default_path();
	if ((text = buf_read_file(path, 1u << 20)) == NULL) {
		if (err) {
			struct buf e;
			buf_init(&e, 4096);
			buf_printf(&e, "%s: cannot read: %s\n", path, strerror(errno));
			*err = buf_take(&e, NULL);
		}
		return SA_ECONF;
	}
	rc = conf_parse(c, path, text, err);
	free(text);
	return rc;
}

/* Keys whose values are wiped from memory when the config is freed. */
static bool
is_secret(size_t off)
{
	static const size_t secrets[] = {
		offsetof(struct conf, db_password),
		offsetof(struct conf, signing_secret),
		offsetof(struct conf, crux_api_key),
		offsetof(struct conf, llm_api_key),
		offsetof(struct conf, metrics_token),
	};

	for (size_t i = 0; i < SA_NITEMS(secrets); i++)
		if (secrets[i] == off)
			return true;
	return false;
}

void
conf_free(struct conf *c)
{
	for (size_t i = 0; i < SA_NITEMS(keys); i++) {
		if (keys[i].type == C_STR || keys[i].type == C_ENUM) {
			char **p = (char **)((char *)c + keys[i].off);
			if (is_secret(keys[i].off) && *p)
				memset(*p, 0, strlen(*p));
			free(*p);
			*p = NULL;
		}
	}
}
