/* csv.h: the RFC 4180 cell writer of the CSV export (pure, so it is fuzzed). */
/* SPDX-License-Identifier: MIT */
#ifndef SA_CSV_H
#define SA_CSV_H

#include "util/buf.h"

/*
 * Appends s as one RFC 4180 field: as is, or quoted (with '"' doubled)
 * when it holds , " CR or LF. NULL appends nothing (an empty cell).
 */
void csv_field(struct buf *b, const char *s);

/*
 * Appends a numeric cell normalised by "%.15g" ("0.08000000001" -> "0.08");
 * a cell that is not wholly a number goes out as csv_field(); NULL or ""
 * appends nothing.
 */
void csv_number(struct buf *b, const char *cell);

#endif
