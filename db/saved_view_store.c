#include "saved_view_store.h"

#include <stddef.h>

int
saved_view_put(struct db *db, const struct saved_view_row *r, int64_t *id,
	struct mado_err *e)
{
	sqlite3_stmt *st = db_prepare(db,
		"INSERT INTO saved_view(staff_id, name, kind, filter_json, created_at)"
		" VALUES (?1, ?2, ?3, json_object('status', ?4, 'queue', ?5, 'owner', ?6,"
		"  'category', ?7, 'text', ?8, 'sort', ?9, 'created_from', ?10,"
		"  'created_to', ?11), ?12)"
		" ON CONFLICT(staff_id, name) DO UPDATE"
		"  SET kind = excluded.kind, filter_json = excluded.filter_json"
		" RETURNING id", e);
	int rc;

	if (st == NULL)
		return e->status;
	sqlite3_bind_int64(st, 1, r->staff_id);
	db_bind_text(st, 2, r->name);
	db_bind_text(st, 3, r->kind);
	db_bind_text(st, 4, r->status);
	db_bind_text(st, 5, r->queue);
	db_bind_text(st, 6, r->owner);
	db_bind_text(st, 7, r->category);
	db_bind_text(st, 8, r->text);
	db_bind_text(st, 9, r->sort);
	db_bind_id(st, 10, r->created_from);
	db_bind_id(st, 11, r->created_to);
	sqlite3_bind_int64(st, 12, r->created_at);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*id = sqlite3_column_int64(st, 0);
	/* RETURNING: the change is made when the row comes back; step to the
	 * end so the statement is finished before it is reset. */
	if (rc == SQLITE_ROW)
		rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? MADO_OK : db_fail(db, rc, e, "saved view");
}

#define ROW_COLS \
	"SELECT id, staff_id, created_at, name, kind, filter_json," \
	" json_extract(filter_json, '$.status'), json_extract(filter_json, '$.queue')," \
	" json_extract(filter_json, '$.owner'), json_extract(filter_json, '$.category')," \
	" json_extract(filter_json, '$.text'), json_extract(filter_json, '$.sort')," \
	" COALESCE(json_extract(filter_json, '$.created_from'), 0)," \
	" COALESCE(json_extract(filter_json, '$.created_to'), 0)" \
	" FROM saved_view WHERE staff_id = ?1"

static const char *
col_text(sqlite3_stmt *st, int col)
{
	return (const char *)sqlite3_column_text(st, col);
}

/* Steps st to the end, calling fn for each row; resets st. */
static int
each_row(struct db *db, sqlite3_stmt *st, saved_view_row_fn fn, void *ctx, struct mado_err *e)
{
	int rc;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct saved_view_row r = {
			.id = sqlite3_column_int64(st, 0), .staff_id = sqlite3_column_int64(st, 1),
			.created_at = sqlite3_column_int64(st, 2), .name = col_text(st, 3),
			.kind = col_text(st, 4), .json = col_text(st, 5), .status = col_text(st, 6),
			.queue = col_text(st, 7), .owner = col_text(st, 8), .category = col_text(st, 9),
			.text = col_text(st, 10), .sort = col_text(st, 11),
			.created_from = sqlite3_column_int64(st, 12),
			.created_to = sqlite3_column_int64(st, 13),
		};
		fn(&r, ctx);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? MADO_OK : db_fail(db, rc, e, "saved views");
}

int
saved_view_get(struct db *db, int64_t staff_id, const char *name, saved_view_row_fn fn,
	void *ctx, struct mado_err *e)
{
	sqlite3_stmt *st = db_prepare(db, ROW_COLS " AND name = ?2", e);

	if (st == NULL)
		return e->status;
	sqlite3_bind_int64(st, 1, staff_id);
	db_bind_text(st, 2, name);
	return each_row(db, st, fn, ctx, e);
}

int
saved_view_each(struct db *db, int64_t staff_id, saved_view_row_fn fn, void *ctx,
	struct mado_err *e)
{
	sqlite3_stmt *st = db_prepare(db, ROW_COLS " ORDER BY name", e);

	if (st == NULL)
		return e->status;
	sqlite3_bind_int64(st, 1, staff_id);
	return each_row(db, st, fn, ctx, e);
}

int
saved_view_remove(struct db *db, int64_t id, struct mado_err *e)
{
	sqlite3_stmt *st = db_prepare(db, "DELETE FROM saved_view WHERE id = ?1", e);

	if (st == NULL)
		return e->status;
	sqlite3_bind_int64(st, 1, id);
	return db_step_done(db, st, e);
}
