/* agent_catalog_fmt.c: the string formats ai-catalog.schema.json names. */
/* SPDX-License-Identifier: MIT */
#include <ctype.h>
#include <string.h>
#include "audit/agent_checks.h"

/* ajv-formats "uri": a scheme, ':' and no white space. */
bool
agent_fmt_uri(const char *s)
{
	size_t n = 0;

	if (!isalpha((unsigned char)s[0]))
		return false;
	while (isalnum((unsigned char)s[n]) || s[n] == '+' || s[n] == '-' ||
	    s[n] == '.')
		n++;
	if (s[n] != ':' || s[n + 1] == '\0')
		return false;
	for (const char *p = s; *p; p++)
		if (isspace((unsigned char)*p) || *p == '"' || *p == '<' || *p == '>')
			return false;
	return true;
}

/* n digits at s */
static bool
digits(const char *s, int n)
{
	for (int i = 0; i < n; i++)
		if (!isdigit((unsigned char)s[i]))
			return false;
	return true;
}

/* ajv-formats "date-time" (RFC 3339): date 'T' time, fraction, zone. */
bool
agent_fmt_date_time(const char *s)
{
	if (!digits(s, 4) || s[4] != '-' || !digits(s + 5, 2) || s[7] != '-' ||
	    !digits(s + 8, 2) || (s[10] != 'T' && s[10] != 't' && s[10] != ' '))
		return false;
	s += 11;
	if (!digits(s, 2) || s[2] != ':' || !digits(s + 3, 2) || s[5] != ':' ||
	    !digits(s + 6, 2))
		return false;
	s += 8;
	if (*s == '.') {
		if (!isdigit((unsigned char)*++s))
			return false;
		while (isdigit((unsigned char)*s))
			s++;
	}
	if ((*s == 'Z' || *s == 'z') && s[1] == '\0')
		return true;
	return (*s == '+' || *s == '-') && digits(s + 1, 2) && s[3] == ':' &&
	    digits(s + 4, 2) && s[6] == '\0';
}

/* The schema's "^urn:air:[a-zA-Z0-9.-]+(:[a-zA-Z0-9._-]+)+$". */
bool
agent_urn_schema(const char *s)
{
	size_t n, segs = 0;

	if (strncmp(s, "urn:air:", 8) != 0)
		return false;
	s += 8;
	if ((n = strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "0123456789.-")) == 0)
		return false;
	for (s += n; *s == ':'; s += n + 1, segs++)
		if ((n = strspn(s + 1, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMN"
		    "OPQRSTUVWXYZ0123456789._-")) == 0)
			return false;
	return *s == '\0' && segs > 0;
}
