/* fuzz_csv.c: the CSV export's cell writer (lib/util/csv.h). The input,
 * split at NUL bytes, is a row of cells (database values hold no NUL). It
 * is written twice — every cell as text (csv_field), then every cell as a
 * number column (csv_number) — and read back by a strict RFC 4180 reader
 * here: two records, the same field count, and the values preserved (text
 * exactly; numbers as their "%.15g" form, non-numbers as text). */
/* SPDX-License-Identifier: MIT */
#include "util/csv.h"
#include "fuzz.h"

#define CSV_MAX_CELLS 64

struct csv_reader {
	const char *s;
	size_t      len, pos;
	struct buf  val;      /* the field just read */
};

/* Reads one field into r->val; returns ',' (more in this record), '\n'
 * (record ended by CRLF) or 0 (end of input). Aborts on malformed CSV. */
static int
csv_next(struct csv_reader *r)
{
	const char *s = r->s;

	buf_reset(&r->val);
	buf_adds(&r->val, "");   /* allocates, so buf_str() never sees NULL */
	if (r->pos < r->len && s[r->pos] == '"') {
		for (r->pos++;; r->pos++) {
			FUZZ_CHECK(r->pos < r->len);        /* unterminated quote */
			if (s[r->pos] == '"') {
				if (r->pos + 1 < r->len && s[r->pos + 1] == '"')
					r->pos++;
				else
					break;
			}
			FUZZ_CHECK(buf_addc(&r->val, s[r->pos]) == SA_OK);
		}
		r->pos++;
	} else {
		for (; r->pos < r->len && s[r->pos] != ',' && s[r->pos] != '\r';
		    r->pos++) {
			FUZZ_CHECK(s[r->pos] != '"' && s[r->pos] != '\n');
			FUZZ_CHECK(buf_addc(&r->val, s[r->pos]) == SA_OK);
		}
	}
	if (r->pos == r->len)
		return 0;
	if (s[r->pos] == ',') {
		r->pos++;
		return ',';
	}
	FUZZ_CHECK(s[r->pos] == '\r' && r->pos + 1 < r->len &&
	    s[r->pos + 1] == '\n');
	r->pos += 2;
	return '\n';
}

/* What csv_number() should have stored for cell, as text. */
static void
csv_expect_number(const char *cell, char *out, size_t outlen)
{
	char *end;
	double d;

	if (*cell == '\0') {
		out[0] = '\0';
		return;
	}
	d = strtod(cell, &end);
	if (*end != '\0')
		snprintf(out, outlen, "%s", cell);
	else
		snprintf(out, outlen, "%.15g", d);
}

/* Reads one record of n fields; numeric: compare to csv_expect_number(). */
static void
csv_check_record(struct csv_reader *r, char **cells, size_t n, bool numeric)
{
	char want[4096];

	for (size_t i = 0; i < n; i++) {
		int sep = csv_next(r);
		const char *got = buf_str(&r->val);
		FUZZ_CHECK(sep == (i + 1 < n ? ',' : '\n'));
		if (!numeric) {
			FUZZ_CHECK(strcmp(got, cells[i]) == 0);
		} else if (strlen(cells[i]) < sizeof(want) - 1) {
			csv_expect_number(cells[i], want, sizeof(want));
			FUZZ_CHECK(strcmp(got, want) == 0);
		}
	}
}

static void
csv_write_row(struct buf *b, char **cells, size_t n, bool numeric)
{
	for (size_t i = 0; i < n; i++) {
		if (i)
			buf_addc(b, ',');
		if (numeric)
			csv_number(b, cells[i]);
		else
			csv_field(b, cells[i]);
	}
	buf_adds(b, "\r\n");
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = fuzz_str(data, size), *cells[CSV_MAX_CELLS];
	size_t n = 0, at = 0;
	struct csv_reader r = { 0 };
	struct buf out;

	/* cells: the NUL-separated pieces of the input (text has one more) */
	while (n < CSV_MAX_CELLS && at <= size) {
		cells[n++] = text + at;
		at += strlen(text + at) + 1;
	}
	buf_init(&out, 1u << 24);
	csv_write_row(&out, cells, n, false);
	csv_write_row(&out, cells, n, true);
	FUZZ_CHECK(out.ptr != NULL);
	r.s = out.ptr;
	r.len = out.len;
	buf_init(&r.val, 1u << 24);
	csv_check_record(&r, cells, n, false);
	csv_check_record(&r, cells, n, true);
	FUZZ_CHECK(r.pos == r.len);     /* exactly two records */
	buf_free(&r.val);
	buf_free(&out);
	free(text);
	return 0;
}
