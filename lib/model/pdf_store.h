/* pdf_store.h: report PDFs in the file store (files.dir/reports/<id>.pdf). */
/* SPDX-License-Identifier: MIT */
#ifndef SA_PDF_STORE_H
#define SA_PDF_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include "conf.h"
#include "db/db.h"

/* "<files_dir>/reports/<report_id>.pdf" into out[n]; SA_ETOOBIG. */
enum sa_err pdf_store_path(const char *files_dir, const char *report_id,
    char *out, size_t n);

/*
 * Renders report report_id of org org_id (its report_json, scan date and
 * site name) to its file in cf->files_dir, atomically, unless the file is
 * there already and force is false. SA_ENOTFOUND: no such report in that
 * org; SA_EDB; SA_EIO (directory, fonts or file); SA_ENOMEM.
 */
enum sa_err pdf_store_render(struct db *db, const struct conf *cf,
    const char *org_id, const char *report_id, bool force);

#endif
