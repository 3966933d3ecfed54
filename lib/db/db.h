/* db.h: MariaDB access through prepared statements only. */
/* SPDX-License-Identifier: MIT */
#ifndef SA_DB_H
#define SA_DB_H

#include <stdbool.h>
#include <stddef.h>
#include "conf.h"
#include "sa.h"

struct db;

enum db_ptype { DBP_NULL, DBP_STR, DBP_INT, DBP_DOUBLE };

/* One bound parameter. Strings are borrowed for the duration of the call. */
struct db_param {
	enum db_ptype t;
	const char   *s;
	size_t        len;   /* 0 with s != NULL: strlen(s) */
	long long     i;
	double        d;
};

/* A string parameter; NULL binds SQL NULL. */
static inline struct db_param
db_str(const char *s)
{
	struct db_param p = { .t = s ? DBP_STR : DBP_NULL, .s = s };

	return p;
}

#define DB_STR(x)  db_str(x)
#define DB_INT(x)  ((struct db_param){ .t = DBP_INT, .i = (long long)(x) })
#define DB_DBL(x)  ((struct db_param){ .t = DBP_DOUBLE, .d = (double)(x) })
#define DB_NULL    ((struct db_param){ .t = DBP_NULL })

/* A fully fetched result set: every cell as text, NULL for SQL NULL. */
struct db_res {
	size_t   nrows, ncols;
	char   **cells;   /* nrows * ncols */
	size_t  *lens;
	char   **names;   /* ncols column names */
};

/*
 * Connects with the [database] settings of c (unix socket unless host is
 * set), utf8mb4, session time zone UTC. On failure returns SA_EDB and a
 * message (no password in it) in err[errlen].
 */
enum sa_err db_open(struct db **out, const struct conf *c, char *err,
    size_t errlen);
void db_close(struct db *db);
/* Cheap liveness check; reconnects once when the link was lost. */
bool db_ping(struct db *db);
/* The last error message of db (static until the next call). */
const char *db_error(const struct db *db);
/* The MariaDB errno of the last failed statement (1062: duplicate key). */
unsigned int db_errno(const struct db *db);
/* True when the last failure was a deadlock or lock wait timeout: the
 * transaction is gone and may simply be tried again. */
bool db_transient(const struct db *db);

/*
 * Runs one prepared statement. Statements are prepared once per connection
 * and cached by the sql pointer, so pass string literals. `affected` and
 * `res` may be NULL; with res, a result set is fetched whole (free it with
 * db_res_free). A lost connection is re-established and the statement
 * retried once, outside transactions.
 */
enum sa_err db_exec(struct db *db, const char *sql,
    const struct db_param *p, size_t np, unsigned long long *affected);
enum sa_err db_query(struct db *db, const char *sql,
    const struct db_param *p, size_t np, struct db_res **res);
/* Cell text or NULL (SQL NULL or out of range). */
const char *db_res_get(const struct db_res *r, size_t row, size_t col);
void db_res_free(struct db_res *r);

enum sa_err db_begin(struct db *db);
enum sa_err db_commit(struct db *db);
enum sa_err db_rollback(struct db *db);

/*
 * Runs a trusted multi-statement script from the repository's sql/ folder
 * (migrations). Never pass client input: use db_exec for that.
 */
enum sa_err db_exec_script(struct db *db, const char *script);

#endif
