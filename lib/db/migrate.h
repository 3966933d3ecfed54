/* migrate.h: applies sql/NNN_*.sql migrations in order, each exactly once. */
/* SPDX-License-Identifier: MIT */
#ifndef SA_MIGRATE_H
#define SA_MIGRATE_H

#include <stddef.h>
#include "db/db.h"

/* Called once per migration file as it is applied (name = file name). */
typedef void (*migrate_progress_fn)(const char *name, void *arg);

/*
 * Applies every file of dir named NNN_*.sql that schema_migrations does not
 * list yet, in name order, recording each. Serialised across processes with
 * a named lock. *applied (may be NULL) gets how many ran. On failure err
 * names the file and the database message.
 */
enum sa_err migrate_run(struct db *db, const char *dir, int *applied,
    migrate_progress_fn progress, void *arg, char *err, size_t errlen);

/* True when name looks like a migration file: three digits, '_', ".sql". */
int migrate_name_ok(const char *name);

#endif
