/* cli_conf.c: the API client's settings — flags, environment, cli.conf. */
/* SPDX-License-Identifier: MIT */
/*
 * cli.conf is a few `name = value` lines (url, api_key); '#' starts a
 * comment line. Because it may hold a bearer key, it is treated like an ssh
 * private key: a file holding api_key that group or others can read is
 * refused outright instead of used, so a leaked mode is noticed at once.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "cli_conf.h"

#define CONF_MAX (64u << 10)   /* a real cli.conf is a few lines */

static char *
trim(char *s)
{
	char *e;

	while (*s == ' ' || *s == '\t')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
		*--e = '\0';
	return s;
}

/* Strips one pair of matching quotes around a value. */
static char *
unquote(char *v)
{
	size_t n = strlen(v);

	if (n >= 2 && (v[0] == '"' || v[0] == '\'') && v[n - 1] == v[0]) {
		v[n - 1] = '\0';
		return v + 1;
	}
	return v;
}

/* One line; -1 with why on a syntax error or an unknown name. */
static int
parse_line(struct cli_conf *c, char *line, int lineno, char *why, size_t whylen)
{
	char *eq, *name, *val;
	char *dst;
	size_t cap;

	line = trim(line);
	if (*line == '\0' || *line == '#' || *line == ';')
		return 0;
	if ((eq = strchr(line, '=')) == NULL) {
		snprintf(why, whylen, "%s:%d: expected 'name = value'", c->path, lineno);
		return -1;
	}
	*eq = '\0';
	name = trim(line);
	val = unquote(trim(eq + 1));
	if (strcmp(name, "url") == 0) {
		dst = c->url;
		cap = sizeof(c->url);
	} else if (strcmp(name, "api_key") == 0) {
		dst = c->key;
		cap = sizeof(c->key);
	} else {
		snprintf(why, whylen, "%s:%d: unknown setting '%.64s' (known: url,"
		    " api_key)", c->path, lineno, name);
		return -1;
	}
	if (strlen(val) >= cap) {
		snprintf(why, whylen, "%s:%d: %s is too long", c->path, lineno, name);
		return -1;
	}
	memcpy(dst, val, strlen(val) + 1);
	return 0;
}

static int
parse_text(struct cli_conf *c, char *text, char *why, size_t whylen)
{
	int lineno = 0;
	char *line;

	/* strsep, not strtok: empty lines still count for the line numbers. */
	for (char *p = text; (line = strsep(&p, "\n")) != NULL;) {
		lineno++;
		if (parse_line(c, line, lineno, why, whylen) != 0)
			return -1;
	}
	return 0;
}

/* Reads the whole (small) file behind fd into a NUL-terminated string. */
static char *
read_fd(int fd, size_t size)
{
	char *text = malloc(size + 1);
	size_t got = 0;
	ssize_t n;

	if (text == NULL)
		return NULL;
	while (got < size && (n = read(fd, text + got, size - got)) > 0)
		got += (size_t)n;
	text[got] = '\0';
	return text;
}

/* Loads c->path; the mode is checked on the opened file (no race). */
static int
load_file(struct cli_conf *c, char *why, size_t whylen)
{
	struct stat st;
	char *text;
	int fd, rc;

	if ((fd = open(c->path, O_RDONLY | O_CLOEXEC)) < 0) {
		snprintf(why, whylen, "cannot read %s: %s", c->path, strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size > CONF_MAX) {
		snprintf(why, whylen, "%s: not a regular file of at most 64 KiB", c->path);
		close(fd);
		return -1;
	}
	text = read_fd(fd, (size_t)st.st_size);
	close(fd);
	if (text == NULL) {
		snprintf(why, whylen, "out of memory");
		return -1;
	}
	rc = parse_text(c, text, why, whylen);
	explicit_bzero(text, (size_t)st.st_size);
	free(text);
	if (rc == 0 && c->key[0] && (st.st_mode & 077)) {
		explicit_bzero(c->key, sizeof(c->key));
		snprintf(why, whylen, "%s holds an API key but its mode is %04o:"
		    " other users may read it; run 'chmod 600 %s'", c->path,
		    (unsigned)(st.st_mode & 07777), c->path);
		return -1;
	}
	return rc;
}

/* The default file when it exists: 1 found, 0 none. */
static int
default_path(char *out, size_t n)
{
	const char *xdg = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");
	int w;

	if (xdg && xdg[0] == '/')
		w = snprintf(out, n, "%s/siteaudit/cli.conf", xdg);
	else if (home && home[0])
		w = snprintf(out, n, "%s/.config/siteaudit/cli.conf", home);
	else
		return 0;
	return w > 0 && (size_t)w < n && access(out, F_OK) == 0;
}

/* Fills c->path and reads it, when there is a file to read. */
static int
load_config(struct cli_conf *c, const char *config_flag, char *why,
    size_t whylen)
{
	if (config_flag) {
		if (strlen(config_flag) >= sizeof(c->path)) {
			snprintf(why, whylen, "--config: path too long");
			return -1;
		}
		snprintf(c->path, sizeof(c->path), "%s", config_flag);
	} else if (!default_path(c->path, sizeof(c->path))) {
		c->path[0] = '\0';
		return 0;
	}
	return load_file(c, why, whylen);
}

static int
copy_env(char *dst, size_t cap, const char *val, const char *what,
    char *why, size_t whylen)
{
	if (strlen(val) >= cap) {
		snprintf(why, whylen, "%s is too long", what);
		return -1;
	}
	memcpy(dst, val, strlen(val) + 1);
	return 0;
}

int
cli_conf_resolve(struct cli_conf *c, const char *url_flag, const char *key_env,
    const char *config_flag, char *why, size_t whylen)
{
	const char *var = key_env ? key_env : "SITEAUDIT_API_KEY";
	const char *env_url = getenv("SITEAUDIT_URL"), *env_key = getenv(var);

	memset(c, 0, sizeof(*c));
	if (load_config(c, config_flag, why, whylen) != 0)
		return -1;
	if (c->key[0])
		snprintf(c->key_src, sizeof(c->key_src), "api_key in %s", c->path);
	if (url_flag || (env_url && env_url[0]))
		if (copy_env(c->url, sizeof(c->url), url_flag ? url_flag : env_url,
		    "the server URL", why, whylen) != 0)
			return -1;
	if (env_key && env_key[0]) {
		if (copy_env(c->key, sizeof(c->key), env_key, var, why, whylen) != 0)
			return -1;
		snprintf(c->key_src, sizeof(c->key_src), "$%s", var);
	} else if (key_env) {
		snprintf(why, whylen, "no API key: %s is not set (named by --key-env)",
		    key_env);
		return -1;
	}
	if (c->url[0] == '\0') {
		snprintf(why, whylen, "no server: pass --url, set SITEAUDIT_URL or"
		    " put 'url = …' in %s", c->path[0] ? c->path :
		    "~/.config/siteaudit/cli.conf");
		return -1;
	}
	if (c->key[0] == '\0') {
		snprintf(why, whylen, "no API key: set %s or put 'api_key = …' in a"
		    " mode 0600 %s", var, c->path[0] ? c->path :
		    "~/.config/siteaudit/cli.conf");
		return -1;
	}
	return 0;
}

void
cli_conf_wipe(struct cli_conf *c)
{
	explicit_bzero(c->key, sizeof(c->key));
}
