/* route.c: matching request paths against the route table. */
/* SPDX-License-Identifier: MIT */
#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include "web/route.h"

static int
hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = tolower(c);
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

int
url_decode(const char *s, size_t len, char *out, size_t outlen, bool plus)
{
	size_t o = 0;

	for (size_t i = 0; i < len; i++) {
		int c = (unsigned char)s[i];
		if (c == '%') {
			int hi, lo;
			if (i + 2 >= len || (hi = hexval(s[i + 1])) < 0 ||
			    (lo = hexval(s[i + 2])) < 0)
				return -1;
			c = hi * 16 + lo;
			i += 2;
		} else if (c == '+' && plus) {
			c = ' ';
		}
		if (c == 0 || o + 1 >= outlen)
			return -1;
		out[o++] = (char)c;
	}
	if (outlen == 0)
		return -1;
	out[o] = '\0';
	return (int)o;
}

/* Matches one pattern; fills params. Both strings start with '/'. */
static bool
match(const char *pat, const char *path, struct route_match *m)
{
	m->nparams = 0;
	while (*pat && *path) {
		if (*pat == '{') {
			const char *pe = strchr(pat, '}');
			size_t seg = strcspn(path, "/");
			if (pe == NULL || seg == 0 || m->nparams == ROUTE_MAXPARAMS)
				return false;
			if (url_decode(path, seg, m->params[m->nparams], ROUTE_PARAMLEN,
			    false) < 0 ||
			    strchr(m->params[m->nparams], '/'))
				return false;
			m->nparams++;
			pat = pe + 1;
			path += seg;
			continue;
		}
		if (*pat++ != *path++)
			return false;
	}
	return *pat == '\0' && *path == '\0';
}

static void
add_allow(struct route_match *m, const char *method)
{
	size_t n = strlen(m->allow);

	if (strstr(m->allow, method))
		return;
	snprintf(m->allow + n, sizeof(m->allow) - n, "%s%s", n ? ", " : "", method);
}

enum route_status
route_find(const struct route *tab, size_t n, const char *method,
    const char *path, struct route_match *m)
{
	struct route_match tmp;
	bool other = false;

	memset(m, 0, sizeof(*m));
	for (size_t i = 0; i < n; i++) {
		if (!match(tab[i].pattern, path, &tmp))
			continue;
		if (strcmp(tab[i].method, method) == 0) {
			memcpy(m->params, tmp.params, sizeof(tmp.params));
			m->nparams = tmp.nparams;
			m->route = &tab[i];
			return ROUTE_FOUND;
		}
		other = true;
		add_allow(m, tab[i].method);
	}
	return other ? ROUTE_BAD_METHOD : ROUTE_NOT_FOUND;
}
