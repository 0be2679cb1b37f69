#include "number_store.h"

#include <glib.h>

#include "base/i18n.h"

int
number_pattern(struct db *db, const char *kind, char *out, size_t outsz, struct mado_err *e)
{
	sqlite3_stmt *st = db_prepare(db, "SELECT pattern FROM numbering WHERE kind = ?1", e);
	int rc;

	if (st == NULL)
		return e->status;
	db_bind_text(st, 1, kind);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		g_strlcpy(out, (const char *)sqlite3_column_text(st, 0), outsz);
	sqlite3_reset(st);
	if (rc == SQLITE_DONE)
		return mado_err_set(e, MADO_ENOTFOUND, _("no numbering rule for '%s'"), kind);
	return rc == SQLITE_ROW ? MADO_OK : db_fail(db, rc, e, "numbering");
}

int
number_set_pattern(struct db *db, const char *kind, const char *pattern, struct mado_err *e)
{
	sqlite3_stmt *st = db_prepare(db,
		"INSERT INTO numbering(kind, pattern) VALUES (?1, ?2)"
		" ON CONFLICT(kind) DO UPDATE SET pattern = excluded.pattern", e);

	if (st == NULL)
		return e->status;
	db_bind_text(st, 1, kind);
	db_bind_text(st, 2, pattern);
	return db_step_done(db, st, e);
}

int
number_bump(struct db *db, const char *kind, const char *scope, int64_t *seq,
	struct mado_err *e)
{
	sqlite3_stmt *st = db_prepare(db,
		"INSERT INTO number_counter(kind, scope, last) VALUES (?1, ?2, 1)"
		" ON CONFLICT(kind, scope) DO UPDATE SET last = last + 1 RETURNING last", e);
	int rc;

	if (st == NULL)
		return e->status;
	db_bind_text(st, 1, kind);
	db_bind_text(st, 2, scope);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*seq = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? MADO_OK : db_fail(db, rc, e, "number counter");
}

int
number_raise(struct db *db, const char *kind, const char *scope, int64_t last,
	struct mado_err *e)
{
	sqlite3_stmt *st = db_prepare(db,
		"INSERT INTO number_counter(kind, scope, last) VALUES (?1, ?2, ?3)"
		" ON CONFLICT(kind, scope) DO UPDATE SET last = max(last, excluded.last)", e);

	if (st == NULL)
		return e->status;
	db_bind_text(st, 1, kind);
	db_bind_text(st, 2, scope);
	sqlite3_bind_int64(st, 3, last);
	return db_step_done(db, st, e);
}
