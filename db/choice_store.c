/* The code lists of table `choice` (see choice_store.h). */
#include "choice_store.h"

#include <stddef.h>

int
choice_store_list(struct db *db, const char *list, choice_row_fn fn, void *ctx,
	struct mado_err *e)
{
	sqlite3_stmt *st = db_prepare(db, "SELECT code, name, name_en FROM choice"
		" WHERE list = ?1 AND active = 1 ORDER BY sort, code", e);
	int rc = SQLITE_DONE, stop = 0;

	if (st == NULL)
		return e->status;
	db_bind_text(st, 1, list);
	/* The three columns are NOT NULL, so their text is never NULL. */
	while (stop == 0 && (rc = sqlite3_step(st)) == SQLITE_ROW)
		stop = fn((const char *)sqlite3_column_text(st, 0),
			(const char *)sqlite3_column_text(st, 1),
			(const char *)sqlite3_column_text(st, 2), ctx);
	sqlite3_reset(st);
	if (stop != 0)
		return stop;
	return rc == SQLITE_DONE ? MADO_OK : db_fail(db, rc, e, list);
}
