/* migrate.c: numbered schema migrations recorded in schema_migrations. */
/* SPDX-License-Identifier: MIT */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "db/migrate.h"
#include "util/buf.h"

static const char sql_create[] =
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    " version VARCHAR(255) NOT NULL PRIMARY KEY,"
    " applied_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3)"
    ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4";
static const char sql_lock[] = "SELECT GET_LOCK('siteaudit.migrate', 60)";
static const char sql_unlock[] = "SELECT RELEASE_LOCK('siteaudit.migrate')";
static const char sql_seen[] =
    "SELECT 1 FROM schema_migrations WHERE version = ?";
static const char sql_record[] =
    "INSERT INTO schema_migrations (version) VALUES (?)";

int
migrate_name_ok(const char *name)
{
	size_t n = strlen(name);

	if (n < 9 || !isdigit((unsigned char)name[0]) ||
	    !isdigit((unsigned char)name[1]) || !isdigit((unsigned char)name[2]))
		return 0;
	return name[3] == '_' && strcmp(name + n - 4, ".sql") == 0;
}

static int
cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Lists migration file names of dir, sorted; caller frees each and *out. */
static enum sa_err
list_dir(const char *dir, char ***out, size_t *n)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char **v = NULL, **nv;
	size_t cnt = 0;

	*out = NULL;
	*n = 0;
	if (d == NULL)
		return SA_EIO;
	while ((e = readdir(d)) != NULL) {
		if (!migrate_name_ok(e->d_name))
			continue;
		if ((nv = realloc(v, (cnt + 1) * sizeof(*v))) == NULL ||
		    (nv[cnt] = strdup(e->d_name)) == NULL) {
			closedir(d);
			*out = nv ? nv : v;
			*n = cnt;
			return SA_ENOMEM;
		}
		v = nv;
		cnt++;
	}
	closedir(d);
	if (cnt)
		qsort(v, cnt, sizeof(*v), cmp_names);
	*out = v;
	*n = cnt;
	return SA_OK;
}

static enum sa_err
apply_one(struct db *db, const char *dir, const char *name, int *ran,
    char *err, size_t errlen)
{
	struct db_param p = DB_STR(name);
	struct db_res *r = NULL;
	char path[4096];
	char *text;
	enum sa_err rc;

	*ran = 0;
	if ((rc = db_query(db, sql_seen, &p, 1, &r)) != SA_OK) {
		snprintf(err, errlen, "%s: %s", name, db_error(db));
		return rc;
	}
	if (r->nrows > 0) {
		db_res_free(r);
		return SA_OK;
	}
	db_res_free(r);
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	if ((text = buf_read_file(path, 16u << 20)) == NULL) {
		snprintf(err, errlen, "%s: cannot read: %s", path, strerror(errno));
		return SA_EIO;
	}
	rc = db_exec_script(db, text);
	free(text);
	if (rc == SA_OK)
		rc = db_exec(db, sql_record, &p, 1, NULL);
	if (rc != SA_OK)
		snprintf(err, errlen, "%s: %s", name, db_error(db));
	*ran = rc == SA_OK;
	return rc;
}

static enum sa_err
apply_all(struct db *db, const char *dir, char **names, size_t n,
    int *applied, migrate_progress_fn progress, void *arg, char *err,
    size_t errlen)
{
	enum sa_err rc = SA_OK;
	int ran;

	for (size_t i = 0; i < n && rc == SA_OK; i++) {
		rc = apply_one(db, dir, names[i], &ran, err, errlen);
		if (rc == SA_OK && ran) {
			(*applied)++;
			if (progress)
				progress(names[i], arg);
		}
	}
	return rc;
}

enum sa_err
migrate_run(struct db *db, const char *dir, int *applied,
    migrate_progress_fn progress, void *arg, char *err, size_t errlen)
{
	char **names = NULL;
	size_t n = 0;
	int count = 0;
	enum sa_err rc;

	if ((rc = list_dir(dir, &names, &n)) != SA_OK) {
		snprintf(err, errlen, "%s: cannot list migrations: %s", dir,
		    rc == SA_EIO ? strerror(errno) : sa_strerror(rc));
		goto out;
	}
	if (db_exec(db, sql_create, NULL, 0, NULL) != SA_OK ||
	    db_exec(db, sql_lock, NULL, 0, NULL) != SA_OK) {
		snprintf(err, errlen, "schema_migrations: %s", db_error(db));
		rc = SA_EDB;
		goto out;
	}
	rc = apply_all(db, dir, names, n, &count, progress, arg, err, errlen);
	db_exec(db, sql_unlock, NULL, 0, NULL);
out:
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	if (applied)
		*applied = count;
	return rc;
}
