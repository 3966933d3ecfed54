/* csv.c: the RFC 4180 cell writer of the CSV export. */
/* SPDX-License-Identifier: MIT */
#include <stdlib.h>
#include <string.h>
#include "util/csv.h"

void
csv_field(struct buf *b, const char *s)
{
	if (s == NULL)
		return;
	if (strpbrk(s, ",\"\r\n") == NULL) {
		buf_adds(b, s);
		return;
	}
	buf_addc(b, '"');
	for (; *s; s++) {
		if (*s == '"')
			buf_addc(b, '"');
		buf_addc(b, *s);
	}
	buf_addc(b, '"');
}

void
csv_number(struct buf *b, const char *cell)
{
	char *end;
	double d;

	if (cell == NULL || *cell == '\0')
		return;
	d = strtod(cell, &end);
	if (*end != '\0') {
		csv_field(b, cell);
		return;
	}
	buf_printf(b, "%.15g", d);
}
