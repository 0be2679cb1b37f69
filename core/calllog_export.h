/* Call logs as CSV for Japanese Excel: exactly the fields of the contact
 * center, with Japanese headers, names rather than codes and times as
 * "YYYY-MM-DD HH:MM" JST. Rows are streamed a page at a time, oldest
 * first, so an export of a whole fiscal year never holds it in memory.
 * The retention job archives through the same code. */
#ifndef MADO_CALLLOG_EXPORT_H
#define MADO_CALLLOG_EXPORT_H

#include <stdint.h>
#include <stdio.h>

#include "base/err.h"
#include "core/csv.h"
#include "core/identity.h"
#include "db/db.h"

enum { CALLLOG_EXPORT_COLS = 15, CALLLOG_EXPORT_PAGE = 500 };

/* Writes the header and every call log started in [from, to) to fp in enc;
 * *rows (may be NULL) receives the count. Supervisor role. */
int calllog_export_csv(struct db *db, const struct actor *actor, int64_t from, int64_t to,
	enum csv_encoding enc, FILE *fp, int64_t *rows, struct mado_err *e);

#endif
