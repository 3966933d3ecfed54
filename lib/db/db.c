/* db.c: MariaDB Connector/C wrapper: prepared statements, cached per link. */
/* SPDX-License-Identifier: MIT */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <mysql.h>
#include <errmsg.h>
#include "db/db.h"
#include "util/log.h"

#define STMT_CACHE 96
#define MAX_PARAMS 64
#define CELL_INLINE 64   /* bytes bound per column for short values */

struct cached {
	const char *sql;
	MYSQL_STMT *stmt;
};

struct db {
	MYSQL        *my;
	const struct conf *conf;
	bool          in_tx;
	unsigned int  errnum;   /* MariaDB errno of the last failure */
	char          err[512];
	struct cached cache[STMT_CACHE];
	size_t        ncache;
};

static void
set_err(struct db *db, const char *what, const char *detail)
{
	snprintf(db->err, sizeof(db->err), "%s: %s", what, detail);
	db->errnum = db->my ? mysql_errno(db->my) : 0;
}

const char *
db_error(const struct db *db)
{
	return db->err;
}

unsigned int
db_errno(const struct db *db)
{
	return db->errnum;
}

bool
db_transient(const struct db *db)
{
	/* ER_LOCK_DEADLOCK, ER_LOCK_WAIT_TIMEOUT: the transaction was rolled
	 * back or gave up; running it again later is the cure */
	return db->errnum == 1213 || db->errnum == 1205;
}

static void
drop_cache(struct db *db)
{
	for (size_t i = 0; i < db->ncache; i++)
		mysql_stmt_close(db->cache[i].stmt);
	db->ncache = 0;
}

static enum sa_err
connect_link(struct db *db)
{
	const struct conf *c = db->conf;
	unsigned int timeout = 3, rw = 60;
	bool on = 1;

	if ((db->my = mysql_init(NULL)) == NULL)
		return SA_ENOMEM;
	mysql_options(db->my, MYSQL_OPT_CONNECT_TIMEOUT, &timeout);
	mysql_options(db->my, MYSQL_OPT_READ_TIMEOUT, &rw);
	mysql_options(db->my, MYSQL_OPT_WRITE_TIMEOUT, &rw);
	mysql_options(db->my, MYSQL_SET_CHARSET_NAME, "utf8mb4");
	mysql_options(db->my, MYSQL_REPORT_DATA_TRUNCATION, &on);
	if (!mysql_real_connect(db->my, c->db_host, c->db_user, c->db_password,
	    c->db_name, (unsigned)c->db_port, c->db_host ? NULL : c->db_socket,
	    CLIENT_MULTI_STATEMENTS | CLIENT_FOUND_ROWS)) {
		set_err(db, "connect", mysql_error(db->my));
		mysql_close(db->my);
		db->my = NULL;
		return SA_EDB;
	}
	if (mysql_real_query(db->my, "SET time_zone = '+00:00'", 24) != 0) {
		set_err(db, "session setup", mysql_error(db->my));
		mysql_close(db->my);
		db->my = NULL;
		return SA_EDB;
	}
	return SA_OK;
}

enum sa_err
db_open(struct db **out, const struct conf *c, char *err, size_t errlen)
{
	struct db *db = calloc(1, sizeof(*db));
	enum sa_err rc;

	*out = NULL;
	if (db == NULL)
		return SA_ENOMEM;
	db->conf = c;
	if ((rc = connect_link(db)) != SA_OK) {
		if (err)
			snprintf(err, errlen, "%s", db->err);
		free(db);
		return rc;
	}
	*out = db;
	return SA_OK;
}

void
db_close(struct db *db)
{
	if (db == NULL)
		return;
	drop_cache(db);
	if (db->my)
		mysql_close(db->my);
	free(db);
}

static void
disconnect(struct db *db)
{
	drop_cache(db);
	if (db->my)
		mysql_close(db->my);
	db->my = NULL;
	db->in_tx = false;
}

bool
db_ping(struct db *db)
{
	if (db->my && mysql_ping(db->my) == 0)
		return true;
	disconnect(db);
	return connect_link(db) == SA_OK;
}

static bool
link_lost(unsigned int e)
{
	return e == CR_SERVER_GONE_ERROR || e == CR_SERVER_LOST ||
	    e == CR_CONNECTION_ERROR || e == CR_CONN_HOST_ERROR;
}

static MYSQL_STMT *
prepare(struct db *db, const char *sql, unsigned int *errnum)
{
	MYSQL_STMT *st;

	*errnum = 0;
	for (size_t i = 0; i < db->ncache; i++)
		if (db->cache[i].sql == sql)
			return db->cache[i].stmt;
	if (db->my == NULL && connect_link(db) != SA_OK) {
		*errnum = CR_CONNECTION_ERROR;
		return NULL;
	}
	if ((st = mysql_stmt_init(db->my)) == NULL) {
		set_err(db, "prepare", "out of memory");
		return NULL;
	}
	if (mysql_stmt_prepare(st, sql, strlen(sql)) != 0) {
		*errnum = mysql_stmt_errno(st);
		set_err(db, "prepare", mysql_stmt_error(st));
		mysql_stmt_close(st);
		return NULL;
	}
	if (db->ncache == STMT_CACHE) {
		mysql_stmt_close(db->cache[0].stmt);
		memmove(db->cache, db->cache + 1, (STMT_CACHE - 1) * sizeof(db->cache[0]));
		db->ncache--;
	}
	db->cache[db->ncache++] = (struct cached){ sql, st };
	return st;
}

static void
bind_params(MYSQL_BIND *b, const struct db_param *p, size_t np,
    unsigned long *lens)
{
	memset(b, 0, np * sizeof(*b));
	for (size_t i = 0; i < np; i++) {
		switch (p[i].t) {
		case DBP_NULL:
			b[i].buffer_type = MYSQL_TYPE_NULL;
			break;
		case DBP_STR:
			lens[i] = p[i].len ? p[i].len : strlen(p[i].s);
			b[i].buffer_type = MYSQL_TYPE_STRING;
			b[i].buffer = (void *)p[i].s;
			b[i].buffer_length = lens[i];
			b[i].length = &lens[i];
			break;
		case DBP_INT:
			b[i].buffer_type = MYSQL_TYPE_LONGLONG;
			b[i].buffer = (void *)&p[i].i;
			break;
		case DBP_DOUBLE:
			b[i].buffer_type = MYSQL_TYPE_DOUBLE;
			b[i].buffer = (void *)&p[i].d;
			break;
		}
	}
}

void
db_res_free(struct db_res *r)
{
	if (r == NULL)
		return;
	for (size_t i = 0; i < r->nrows * r->ncols; i++)
		free(r->cells[i]);
	for (size_t i = 0; i < r->ncols; i++)
		free(r->names[i]);
	free(r->cells);
	free(r->lens);
	free(r->names);
	free(r);
}

const char *
db_res_get(const struct db_res *r, size_t row, size_t col)
{
	if (r == NULL || row >= r->nrows || col >= r->ncols)
		return NULL;
	return r->cells[row * r->ncols + col];
}

static enum sa_err
res_grow(struct db_res *r, size_t *cap)
{
	size_t n = *cap ? *cap * 2 : 8;
	char **c = realloc(r->cells, n * r->ncols * sizeof(*c));
	size_t *l;

	if (c == NULL)
		return SA_ENOMEM;
	r->cells = c;
	if ((l = realloc(r->lens, n * r->ncols * sizeof(*l))) == NULL)
		return SA_ENOMEM;
	r->lens = l;
	*cap = n;
	return SA_OK;
}

/*
 * Copies the current row's columns into r. Each column is bound to a small
 * inline buffer: short values (and every number, which the library converts
 * to text only into a real buffer) are copied from it; longer ones are
 * fetched whole with mysql_stmt_fetch_column.
 */
static enum sa_err
take_row(MYSQL_STMT *st, struct db_res *r, const unsigned long *len,
    const my_bool *isnull, const char *small)
{
	size_t base = r->nrows * r->ncols;

	for (size_t c = 0; c < r->ncols; c++) {
		MYSQL_BIND b;
		char *cell = NULL;

		r->lens[base + c] = 0;
		r->cells[base + c] = NULL;
		if (isnull[c])
			continue;
		if ((cell = malloc(len[c] + 1)) == NULL)
			return SA_ENOMEM;
		if (len[c] < CELL_INLINE) {
			memcpy(cell, small + c * CELL_INLINE, len[c]);
			cell[len[c]] = '\0';
			r->cells[base + c] = cell;
			r->lens[base + c] = len[c];
			continue;
		}
		memset(&b, 0, sizeof(b));
		b.buffer_type = MYSQL_TYPE_STRING;
		b.buffer = cell;
		b.buffer_length = len[c] + 1;
		if (len[c] && mysql_stmt_fetch_column(st, &b, (unsigned)c, 0) != 0) {
			free(cell);
			return SA_EDB;
		}
		cell[len[c]] = '\0';
		r->cells[base + c] = cell;
		r->lens[base + c] = len[c];
	}
	r->nrows++;
	return SA_OK;
}

static enum sa_err
fetch_all(struct db *db, MYSQL_STMT *st, MYSQL_RES *meta, struct db_res **out)
{
	size_t ncols = mysql_num_fields(meta), cap = 0;
	struct db_res *r = calloc(1, sizeof(*r));
	MYSQL_BIND *b = calloc(ncols ? ncols : 1, sizeof(*b));
	unsigned long *len = calloc(ncols ? ncols : 1, sizeof(*len));
	my_bool *isnull = calloc(ncols ? ncols : 1, sizeof(*isnull));
	char *small = calloc(ncols ? ncols : 1, CELL_INLINE);
	MYSQL_FIELD *f = mysql_fetch_fields(meta);
	enum sa_err rc = SA_ENOMEM;
	int frc;

	if (!r || !b || !len || !isnull || !small || !(r->names = calloc(ncols + 1, sizeof(char *))))
		goto out;
	r->ncols = ncols;
	for (size_t i = 0; i < ncols; i++) {
		if ((r->names[i] = strdup(f[i].name)) == NULL)
			goto out;
		b[i].buffer_type = MYSQL_TYPE_STRING;
		b[i].buffer = small + i * CELL_INLINE;
		b[i].buffer_length = CELL_INLINE;
		b[i].length = &len[i];
		b[i].is_null = &isnull[i];
	}
	rc = SA_EDB;
	if (mysql_stmt_bind_result(st, b) != 0 || mysql_stmt_store_result(st) != 0) {
		set_err(db, "fetch", mysql_stmt_error(st));
		goto out;
	}
	rc = SA_OK;
	while (rc == SA_OK && ((frc = mysql_stmt_fetch(st)) == 0 ||
	    frc == MYSQL_DATA_TRUNCATED)) {
		if (r->nrows == cap && (rc = res_grow(r, &cap)) != SA_OK)
			break;
		rc = take_row(st, r, len, isnull, small);
	}
	if (rc == SA_OK && frc == 1) {
		set_err(db, "fetch", mysql_stmt_error(st));
		rc = SA_EDB;
	}
out:
	mysql_stmt_free_result(st);
	free(b);
	free(len);
	free(isnull);
	free(small);
	if (rc == SA_OK)
		*out = r;
	else
		db_res_free(r);
	return rc;
}

static enum sa_err
run_once(struct db *db, const char *sql, const struct db_param *p, size_t np,
    unsigned long long *affected, struct db_res **res, unsigned int *errnum)
{
	MYSQL_BIND pb[MAX_PARAMS];
	unsigned long plen[MAX_PARAMS];
	MYSQL_STMT *st;
	MYSQL_RES *meta;
	enum sa_err rc = SA_OK;

	if (np > MAX_PARAMS) {
		set_err(db, "bind", "too many parameters");
		return SA_EINVAL;
	}
	if ((st = prepare(db, sql, errnum)) == NULL)
		return SA_EDB;
	if (mysql_stmt_param_count(st) != np) {
		set_err(db, "bind", "parameter count does not match the statement");
		return SA_EINVAL;
	}
	bind_params(pb, p, np, plen);
	if ((np && mysql_stmt_bind_param(st, pb) != 0) || mysql_stmt_execute(st) != 0) {
		*errnum = mysql_stmt_errno(st);
		set_err(db, "execute", mysql_stmt_error(st));
		db->errnum = *errnum;
		return SA_EDB;
	}
	if (affected)
		*affected = mysql_stmt_affected_rows(st);
	if ((meta = mysql_stmt_result_metadata(st)) != NULL) {
		if (res)
			rc = fetch_all(db, st, meta, res);
		else
			mysql_stmt_free_result(st);
		mysql_free_result(meta);
	} else if (res) {
		*res = calloc(1, sizeof(**res));
		rc = *res ? SA_OK : SA_ENOMEM;
	}
	return rc;
}

static enum sa_err
run(struct db *db, const char *sql, const struct db_param *p, size_t np,
    unsigned long long *affected, struct db_res **res)
{
	unsigned int errnum = 0;
	enum sa_err rc;

	if (res)
		*res = NULL;
	rc = run_once(db, sql, p, np, affected, res, &errnum);
	if (rc == SA_EDB && errnum)
		db->errnum = errnum;
	if (rc == SA_EDB && link_lost(errnum) && !db->in_tx) {
		log_warn("database link lost (%s); reconnecting", db->err);
		disconnect(db);
		rc = run_once(db, sql, p, np, affected, res, &errnum);
	} else if (rc == SA_EDB && link_lost(errnum)) {
		disconnect(db);
	}
	return rc;
}

enum sa_err
db_exec(struct db *db, const char *sql, const struct db_param *p, size_t np,
    unsigned long long *affected)
{
	return run(db, sql, p, np, affected, NULL);
}

enum sa_err
db_query(struct db *db, const char *sql, const struct db_param *p, size_t np,
    struct db_res **res)
{
	return run(db, sql, p, np, NULL, res);
}

static enum sa_err
simple(struct db *db, const char *what, const char *sql)
{
	if (db->my == NULL && connect_link(db) != SA_OK)
		return SA_EDB;
	if (mysql_real_query(db->my, sql, strlen(sql)) != 0) {
		set_err(db, what, mysql_error(db->my));
		if (link_lost(mysql_errno(db->my)))
			disconnect(db);
		return SA_EDB;
	}
	return SA_OK;
}

enum sa_err
db_begin(struct db *db)
{
	enum sa_err rc = simple(db, "begin", "START TRANSACTION");

	db->in_tx = rc == SA_OK;
	return rc;
}

enum sa_err
db_commit(struct db *db)
{
	db->in_tx = false;
	return simple(db, "commit", "COMMIT");
}

enum sa_err
db_rollback(struct db *db)
{
	db->in_tx = false;
	return simple(db, "rollback", "ROLLBACK");
}

enum sa_err
db_exec_script(struct db *db, const char *script)
{
	int status;

	if (simple(db, "script", script) != SA_OK)
		return SA_EDB;
	do {
		MYSQL_RES *r = mysql_store_result(db->my);
		if (r)
			mysql_free_result(r);
		else if (mysql_field_count(db->my) != 0)
			break;
		if ((status = mysql_next_result(db->my)) > 0) {
			set_err(db, "script", mysql_error(db->my));
			return SA_EDB;
		}
	} while (status == 0);
	return SA_OK;
}
