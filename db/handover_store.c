#include "handover_store.h"

#include <stdlib.h>

struct head {
	int64_t id, at;
	char *note, *by;
};

static void
fill_head(sqlite3_stmt *st, void *p)
{
	struct head *h = p;

	h->id = sqlite3_column_int64(st, 0);
	h->note = db_col_strdup(st, 1);
	h->by = db_col_strdup(st, 2);
	h->at = sqlite3_column_int64(st, 3);
}

static int
read_head(struct db *db, const char *day, const char *shift, struct head *h,
	struct mado_err *e)
{
	sqlite3_stmt *st = db_prepare(db,
		"SELECT h.id, h.note, COALESCE(s.name, ''), h.updated_at FROM handover h"
		" LEFT JOIN staff s ON s.id = h.updated_by WHERE h.day = ?1 AND h.shift = ?2", e);

	if (st == NULL)
		return e->status;
	db_bind_text(st, 1, day);
	db_bind_text(st, 2, shift);
	return db_fetch_one(db, st, fill_head, h, "handover", e);
}

int
handover_store_open(struct db *db, const char *day, const char *shift, int64_t staff_id,
	int64_t now, int64_t *id, char **note, struct mado_err *e)
{
	sqlite3_stmt *st = db_prepare(db,
		"INSERT INTO handover(day, shift, updated_by, updated_at) VALUES (?1, ?2, ?3, ?4)"
		" ON CONFLICT(day, shift) DO NOTHING", e);
	struct head h = { 0 };
	int rc;

	if (st == NULL)
		return e->status;
	db_bind_text(st, 1, day);
	db_bind_text(st, 2, shift);
	db_bind_id(st, 3, staff_id);
	sqlite3_bind_int64(st, 4, now);
	if ((rc = db_step_done(db, st, e)) != MADO_OK)
		return rc;
	if ((rc = read_head(db, day, shift, &h, e)) != MADO_OK)
		return rc == MADO_ENOTFOUND ? db_fail(db, SQLITE_ERROR, e, "handover") : rc;
	*id = h.id;
	*note = h.note;
	free(h.by);
	return MADO_OK;
}

int
handover_store_set_note(struct db *db, int64_t id, const char *note, int64_t staff_id,
	int64_t now, struct mado_err *e)
{
	sqlite3_stmt *st = db_prepare(db,
		"UPDATE handover SET note = ?2, updated_by = ?3, updated_at = ?4 WHERE id = ?1", e);

	if (st == NULL)
		return e->status;
	sqlite3_bind_int64(st, 1, id);
	db_bind_text(st, 2, note);
	db_bind_id(st, 3, staff_id);
	sqlite3_bind_int64(st, 4, now);
	return db_step_done(db, st, e);
}

static void
fill_note(sqlite3_stmt *st, void *p)
{
	*(char **)p = db_col_strdup(st, 0);
}

int
handover_store_pick(struct db *db, int64_t id, int64_t ticket_id, const char *note,
	char **old_note, struct mado_err *e)
{
	sqlite3_stmt *st = db_prepare(db,
		"SELECT note FROM handover_item WHERE handover_id = ?1 AND ticket_id = ?2", e);
	int rc;

	*old_note = NULL;
	if (st == NULL)
		return e->status;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, ticket_id);
	rc = db_fetch_one(db, st, fill_note, old_note, "handover item", e);
	if (rc != MADO_OK && rc != MADO_ENOTFOUND)
		return rc;
	st = db_prepare(db,
		"INSERT INTO handover_item(handover_id, ticket_id, note) VALUES (?1, ?2, ?3)"
		" ON CONFLICT(handover_id, ticket_id) DO UPDATE SET note = excluded.note", e);
	if (st == NULL)
		return e->status;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, ticket_id);
	db_bind_text(st, 3, note);
	return db_step_done(db, st, e);
}

int
handover_store_unpick(struct db *db, int64_t id, int64_t ticket_id, struct mado_err *e)
{
	sqlite3_stmt *st = db_prepare(db,
		"DELETE FROM handover_item WHERE handover_id = ?1 AND ticket_id = ?2", e);
	int rc;

	if (st == NULL)
		return e->status;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, ticket_id);
	if ((rc = db_step_done(db, st, e)) != MADO_OK)
		return rc;
	return sqlite3_changes(db_handle(db)) > 0 ? MADO_OK : MADO_ENOTFOUND;
}

int
handover_store_note(struct db *db, const char *day, const char *shift, char **note,
	char **by, int64_t *at, struct mado_err *e)
{
	struct head h = { 0 };
	int rc = read_head(db, day, shift, &h, e);

	if (rc == MADO_ENOTFOUND) {
		h.note = calloc(1, 1);
		h.by = calloc(1, 1);
		rc = MADO_OK;
	}
	*note = h.note;
	*by = h.by;
	*at = h.at;
	return rc;
}

int
handover_store_items(struct db *db, const char *day, const char *shift,
	shift_ticket_fn fn, void *ctx, struct mado_err *e)
{
	sqlite3_stmt *st = db_prepare(db,
		"SELECT t.number, t.kind, t.subject, t.status, COALESCE(q.name, ''),"
		" COALESCE(o.name, ''), t.created_at, COALESCE(t.due_at, 0), i.note"
		" FROM handover h JOIN handover_item i ON i.handover_id = h.id"
		" JOIN ticket t ON t.id = i.ticket_id"
		" LEFT JOIN queue q ON q.id = t.queue_id LEFT JOIN staff o ON o.id = t.owner_id"
		" WHERE h.day = ?1 AND h.shift = ?2 ORDER BY t.created_at, t.id", e);
	int rc;

	if (st == NULL)
		return e->status;
	db_bind_text(st, 1, day);
	db_bind_text(st, 2, shift);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct shift_ticket t = {
			.number = db_col_text(st, 0), .kind = db_col_text(st, 1), .subject = db_col_text(st, 2),
			.status = db_col_text(st, 3), .queue = db_col_text(st, 4), .owner = db_col_text(st, 5),
			.created_at = sqlite3_column_int64(st, 6),
			.due_at = sqlite3_column_int64(st, 7), .system = "", .impact = "",
			.note = db_col_text(st, 8),
		};

		fn(&t, ctx);
	}
	return db_rows_done(db, st, rc, "handover items", e);
}
