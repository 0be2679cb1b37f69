#include "synonym_store.h"

#include <stdio.h>

static int
each(struct db *db, sqlite3_stmt *st, synonym_row_fn fn, void *ctx, struct mado_err *e)
{
	int rc;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct synonym_row r = {
			.id = sqlite3_column_int64(st, 0),
			.group_id = sqlite3_column_int64(st, 1),
			.term = (const char *)sqlite3_column_text(st, 2),
			.norm = (const char *)sqlite3_column_text(st, 3),
		};

		fn(&r, ctx);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? MADO_OK : db_fail(db, rc, e, "synonyms");
}

int
synonym_each(struct db *db, synonym_row_fn fn, void *ctx, struct mado_err *e)
{
	sqlite3_stmt *st = db_prepare(db,
		"SELECT id, group_id, term, norm FROM synonym ORDER BY group_id, id", e);

	return st == NULL ? e->status : each(db, st, fn, ctx, e);
}

int
synonym_each_alt(struct db *db, const char *norm, synonym_row_fn fn, void *ctx,
	struct mado_err *e)
{
	sqlite3_stmt *st = db_prepare(db,
		"SELECT b.id, b.group_id, b.term, b.norm FROM synonym a"
		" JOIN synonym b ON b.group_id = a.group_id AND b.id <> a.id"
		" WHERE a.norm = ?1 ORDER BY b.id", e);

	if (st == NULL)
		return e->status;
	db_bind_text(st, 1, norm);
	return each(db, st, fn, ctx, e);
}

int
synonym_each_in_group(struct db *db, int64_t group_id, synonym_row_fn fn, void *ctx,
	struct mado_err *e)
{
	sqlite3_stmt *st = db_prepare(db,
		"SELECT id, group_id, term, norm FROM synonym WHERE group_id = ?1 ORDER BY id", e);

	if (st == NULL)
		return e->status;
	sqlite3_bind_int64(st, 1, group_id);
	return each(db, st, fn, ctx, e);
}

int
synonym_find(struct db *db, const char *norm, int64_t *group_id, int64_t *id, char *term,
	size_t termsz, struct mado_err *e)
{
	sqlite3_stmt *st = db_prepare(db,
		"SELECT group_id, id, term FROM synonym WHERE norm = ?1", e);
	int rc;

	if (st == NULL)
		return e->status;
	db_bind_text(st, 1, norm);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		const unsigned char *t = sqlite3_column_text(st, 2);

		*group_id = sqlite3_column_int64(st, 0);
		*id = sqlite3_column_int64(st, 1);
		if (term != NULL && termsz > 0)
			snprintf(term, termsz, "%s", t != NULL ? (const char *)t : "");
	}
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return MADO_OK;
	return rc == SQLITE_DONE ? MADO_ENOTFOUND : db_fail(db, rc, e, "synonym");
}

static int
one_int(struct db *db, sqlite3_stmt *st, int64_t *out, struct mado_err *e)
{
	int rc = sqlite3_step(st);

	if (rc == SQLITE_ROW)
		*out = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? MADO_OK : db_fail(db, rc, e, "synonym");
}

int
synonym_next_group(struct db *db, int64_t *out, struct mado_err *e)
{
	sqlite3_stmt *st = db_prepare(db, "SELECT COALESCE(MAX(group_id), 0) + 1 FROM synonym", e);

	return st == NULL ? e->status : one_int(db, st, out, e);
}

int
synonym_group_size(struct db *db, int64_t group_id, int64_t *out, struct mado_err *e)
{
	sqlite3_stmt *st = db_prepare(db, "SELECT count(*) FROM synonym WHERE group_id = ?1", e);

	if (st == NULL)
		return e->status;
	sqlite3_bind_int64(st, 1, group_id);
	return one_int(db, st, out, e);
}

int
synonym_insert(struct db *db, int64_t group_id, const char *term, const char *norm,
	int64_t *id, struct mado_err *e)
{
	sqlite3_stmt *st = db_prepare(db,
		"INSERT INTO synonym(group_id, term, norm) VALUES (?1, ?2, ?3)", e);
	int rc;

	if (st == NULL)
		return e->status;
	sqlite3_bind_int64(st, 1, group_id);
	db_bind_text(st, 2, term);
	db_bind_text(st, 3, norm);
	rc = db_step_done(db, st, e);
	if (rc == MADO_OK && id != NULL)
		*id = sqlite3_last_insert_rowid(db_handle(db));
	return rc;
}

int
synonym_delete_id(struct db *db, int64_t id, struct mado_err *e)
{
	sqlite3_stmt *st = db_prepare(db, "DELETE FROM synonym WHERE id = ?1", e);

	if (st == NULL)
		return e->status;
	sqlite3_bind_int64(st, 1, id);
	return db_step_done(db, st, e);
}

int
synonym_delete_all(struct db *db, struct mado_err *e)
{
	sqlite3_stmt *st = db_prepare(db, "DELETE FROM synonym", e);

	return st == NULL ? e->status : db_step_done(db, st, e);
}
