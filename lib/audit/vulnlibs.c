/* vulnlibs.c: finds JavaScript libraries and versions; matches advisories. */
/* SPDX-License-Identifier: MIT */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include "audit/vulnlibs.h"
#include "sa.h"

#define MAX_SEGS 32

/* How a library shows in URLs (lower-case aliases) and in file banners. */
struct libdef {
	const char *id;
	const char *name;
	const char *aliases[4];   /* path segments / file name stems */
	const char *markers[3];   /* banner text the version follows */
	const char *requires;     /* body must also mention this, or NULL */
};

static const struct libdef libs[] = {
	{ "jquery-ui", "jQuery UI", { "jquery-ui", "jqueryui", "jquery-ui-dist" },
	  { "jQuery UI - v", "jQuery UI v" }, NULL },
	{ "jquery", "jQuery", { "jquery" },
	  { "jQuery v", "jQuery JavaScript Library v" }, NULL },
	{ "bootstrap", "Bootstrap", { "bootstrap", "twitter-bootstrap" },
	  { "Bootstrap v" }, NULL },
	{ "angularjs", "AngularJS", { "angular", "angularjs", "angular.js" },
	  { "AngularJS v" }, NULL },
	{ "lodash", "Lodash", { "lodash", "lodash.js" },
	  { "var VERSION = '" }, "lodash" },
	{ "underscore", "Underscore.js", { "underscore", "underscore.js" },
	  { "Underscore.js " }, NULL },
	{ "moment", "Moment.js", { "moment", "moment.js" },
	  { "//! version : " }, "moment" },
	{ "handlebars", "Handlebars", { "handlebars", "handlebars.js" },
	  { "handlebars v" }, NULL },
	{ "vue", "Vue.js", { "vue" }, { "Vue.js v" }, NULL },
	{ "react", "React", { "react", "react-dom" }, { "@license React v" },
	  NULL },
	{ "dompurify", "DOMPurify", { "dompurify" }, { "DOMPurify " }, NULL },
};

const char *
vulnlib_name(const char *lib)
{
	for (size_t i = 0; i < SA_NITEMS(libs); i++)
		if (strcmp(libs[i].id, lib) == 0)
			return libs[i].name;
	return lib;
}

/*==== versions ============================================================*/

/*
 * Length of the version at s: digit runs joined by single dots (at least
 * two runs), then an optional pre-release tail ("-beta1", "-rc.1", "b1").
 * 0 when s does not start with such a version.
 */
static size_t
version_len(const char *s)
{
	size_t n = 0, runs = 0;

	while (isdigit((unsigned char)s[n])) {
		while (isdigit((unsigned char)s[n]))
			n++;
		runs++;
		if (s[n] != '.' || !isdigit((unsigned char)s[n + 1]))
			break;
		n++;
	}
	if (runs < 2)
		return 0;
	if ((s[n] == '-' && isalpha((unsigned char)s[n + 1])) ||
	    isalpha((unsigned char)s[n])) {
		if (strncmp(s + n, ".min", 4) == 0 || strncmp(s + n, "-min", 4) == 0)
			return n;
		n++;
		while (isalnum((unsigned char)s[n]) ||
		    (s[n] == '.' && isdigit((unsigned char)s[n + 1])))
			n++;
	}
	return n;
}

/* Copies the version at s (if any) into h->version; true on success. */
static bool
take_version(const char *s, struct vulnlib_hit *h, const char *lib)
{
	size_t n = version_len(s);

	if (n == 0 || n >= sizeof(h->version))
		return false;
	memcpy(h->version, s, n);
	h->version[n] = '\0';
	memcpy(h->lib, lib, strlen(lib) + 1);
	return true;
}

/* Parses the numeric part of v into c[max]; returns the tail after it. */
static const char *
ver_parts(const char *v, long *c, size_t max)
{
	size_t i = 0;

	memset(c, 0, max * sizeof(*c));
	while (isdigit((unsigned char)*v)) {
		char *end;
		long x = strtol(v, &end, 10);

		if (i < max)
			c[i++] = x;
		v = end;
		if (*v != '.' || !isdigit((unsigned char)v[1]))
			break;
		v++;
	}
	return v;
}

int
vulnlib_vercmp(const char *a, const char *b)
{
	long ca[6], cb[6];
	const char *ta = ver_parts(a, ca, 6), *tb = ver_parts(b, cb, 6);

	for (size_t i = 0; i < 6; i++)
		if (ca[i] != cb[i])
			return ca[i] < cb[i] ? -1 : 1;
	if (*ta == '\0' || *tb == '\0')
		return (*ta != '\0') ? -1 : (*tb != '\0') ? 1 : 0;
	return strcmp(ta, tb);
}

size_t
vulnlib_match(const char *lib, const char *version,
    const struct vulnlib_row **out, size_t max)
{
	size_t n = 0;

	for (size_t i = 0; i < vulnlib_nrows; i++) {
		const struct vulnlib_row *w = &vulnlib_rows[i];

		if (strcmp(w->lib, lib) != 0 ||
		    vulnlib_vercmp(version, w->below) >= 0 ||
		    (w->at_or_above && vulnlib_vercmp(version,
		    w->at_or_above) < 0))
			continue;
		if (n < max)
			out[n] = w;
		n++;
	}
	return n;
}

/*==== URLs ================================================================*/

/* Splits the lower-cased path of url (in buf) into segments. */
static size_t
path_segments(const char *url, char *buf, size_t bufsz, char **seg)
{
	const char *p = strstr(url, "://");
	size_t n = 0, len;

	p = p ? strchr(p + 3, '/') : url;
	if (p == NULL)
		return 0;
	len = strcspn(p, "?#");
	if (len >= bufsz)
		len = bufsz - 1;
	for (size_t i = 0; i < len; i++)
		buf[i] = (char)tolower((unsigned char)p[i]);
	buf[len] = '\0';
	for (char *s = buf; *s && n < MAX_SEGS; ) {
		while (*s == '/')
			*s++ = '\0';
		if (*s)
			seg[n++] = s;
		s += strcspn(s, "/");
	}
	return n;
}

/* "jquery-1.8.3.min.js", "vue@2.6.10": alias, a separator, a version. */
static bool
seg_named_version(const char *seg, const char *alias, const char *id,
    struct vulnlib_hit *h)
{
	size_t n = strlen(alias);

	if (strncmp(seg, alias, n) != 0 || strchr("-@._", seg[n]) == NULL ||
	    seg[n] == '\0')
		return false;
	return take_version(seg + n + 1, h, id);
}

/* A file name whose stem (before the first '.') is alias. */
static bool
stem_is(const char *seg, const char *alias)
{
	size_t n = strlen(alias);

	return strncmp(seg, alias, n) == 0 && seg[n] == '.';
}

/* Tries the three URL shapes for one library at segment i. */
static bool
lib_at(const struct libdef *d, char **seg, size_t i, size_t n,
    struct vulnlib_hit *h)
{
	for (size_t a = 0; a < SA_NITEMS(d->aliases) && d->aliases[a]; a++) {
		const char *al = d->aliases[a];

		if (seg_named_version(seg[i], al, d->id, h))
			return true;
		if (i + 1 < n && strcmp(seg[i], al) == 0 &&
		    version_len(seg[i + 1]) == strlen(seg[i + 1]) &&
		    take_version(seg[i + 1], h, d->id))
			return true;
		if (i + 1 < n && version_len(seg[i]) == strlen(seg[i]) &&
		    stem_is(seg[i + 1], al) && take_version(seg[i], h, d->id))
			return true;
	}
	return false;
}

bool
vulnlib_from_url(const char *url, struct vulnlib_hit *h)
{
	char buf[1024], *seg[MAX_SEGS];
	size_t n;

	if (url == NULL)
		return false;
	n = path_segments(url, buf, sizeof(buf), seg);
	for (size_t i = n; i-- > 0; )
		for (size_t k = 0; k < SA_NITEMS(libs); k++)
			if (lib_at(&libs[k], seg, i, n, h))
				return true;
	return false;
}

/*==== banners =============================================================*/

/* The version after the first of d's markers in body, if any. */
static bool
banner_version(const struct libdef *d, const char *body, struct vulnlib_hit *h)
{
	if (d->requires && strcasestr(body, d->requires) == NULL)
		return false;
	for (size_t m = 0; m < SA_NITEMS(d->markers) && d->markers[m]; m++) {
		const char *p = body;

		while ((p = strcasestr(p, d->markers[m])) != NULL) {
			const char *v = p + strlen(d->markers[m]);

			while (*v == ' ')
				v++;
			if (*v == 'v' || *v == 'V')
				v++;
			if (take_version(v, h, d->id))
				return true;
			p++;
		}
	}
	return false;
}

size_t
vulnlib_from_body(const char *body, size_t len, struct vulnlib_hit *hits,
    size_t max)
{
	size_t n = 0;
	char *text;

	if (body == NULL || len == 0)
		return 0;
	/* the banner search is string based: stay within len, whether or not
	 * the caller's buffer has a NUL after it */
	if ((text = strndup(body, len)) == NULL)
		return 0;
	for (size_t k = 0; k < SA_NITEMS(libs) && n < max; k++)
		if (banner_version(&libs[k], text, &hits[n]))
			n++;
	free(text);
	return n;
}
