#include "calllog_write.h"

#include <stddef.h>

int
calllog_insert(struct db *db, const char *receipt_no, int64_t operator_id,
	int64_t started_at, int64_t *id, struct mado_err *e)
{
	sqlite3_stmt *st = db_prepare(db,
		"INSERT INTO calllog(receipt_no, operator_id, started_at) VALUES (?1, ?2, ?3)", e);
	int rc;

	if (st == NULL)
		return e->status;
	db_bind_text(st, 1, receipt_no);
	sqlite3_bind_int64(st, 2, operator_id);
	sqlite3_bind_int64(st, 3, started_at);
	if ((rc = db_step_done(db, st, e)) != MADO_OK)
		return rc;
	*id = sqlite3_last_insert_rowid(db_handle(db));
	return MADO_OK;
}

static int
one_id(struct db *db, sqlite3_stmt *st, int64_t *id, struct mado_err *e)
{
	int rc = sqlite3_step(st);

	if (rc == SQLITE_ROW)
		*id = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return MADO_OK;
	return rc == SQLITE_DONE ? MADO_ENOTFOUND : db_fail(db, rc, e, "call log lookup");
}

int
calllog_id_by_receipt(struct db *db, const char *receipt_no, int64_t *id, struct mado_err *e)
{
	sqlite3_stmt *st = db_prepare(db, "SELECT id FROM calllog WHERE receipt_no = ?1", e);

	if (st == NULL)
		return e->status;
	db_bind_text(st, 1, receipt_no);
	return one_id(db, st, id, e);
}

/* Inactive master rows are not offered any more, so they cannot be
 * chosen for a new record either. */
static const char *const master_sql[] = {
	[CALLLOG_CONTACT_TYPE] =
		"SELECT id FROM choice WHERE list = 'contact_type' AND code = ?1 AND active = 1",
	[CALLLOG_OUTCOME] =
		"SELECT id FROM choice WHERE list = 'outcome' AND code = ?1 AND active = 1",
	[CALLLOG_DEPARTMENT] = "SELECT id FROM department WHERE code = ?1 AND active = 1",
	[CALLLOG_CATEGORY] = "SELECT id FROM category WHERE code = ?1 AND active = 1",
	[CALLLOG_PHONEBOOK] = "SELECT id FROM phonebook WHERE code = ?1 AND active = 1",
	[CALLLOG_FAQ] = "SELECT id FROM kb_article WHERE faq_no = CAST(?1 AS INTEGER)"
		" AND CAST(faq_no AS TEXT) = ?1",
};

int
calllog_master_id(struct db *db, enum calllog_master m, const char *code, int64_t *id,
	struct mado_err *e)
{
	sqlite3_stmt *st = db_prepare(db, master_sql[m], e);

	if (st == NULL)
		return e->status;
	db_bind_text(st, 1, code);
	return one_id(db, st, id, e);
}

static void
bind_time(sqlite3_stmt *st, int idx, int64_t t)
{
	if (t != 0)
		sqlite3_bind_int64(st, idx, t);
	else
		sqlite3_bind_null(st, idx);
}

int
calllog_write(struct db *db, int64_t id, const struct calllog_values *v, struct mado_err *e)
{
	sqlite3_stmt *st = db_prepare(db,
		"UPDATE calllog SET ended_at = ?2, wrapup_at = ?3, contact_type_id = ?4,"
		" department_id = ?5, outcome_id = ?6, category_id = ?7, transfer_to_id = ?8,"
		" faq1_id = ?9, faq2_id = ?10, faq3_id = ?11, inquiry_text = ?12,"
		" response_text = ?13 WHERE id = ?1", e);

	if (st == NULL)
		return e->status;
	sqlite3_bind_int64(st, 1, id);
	bind_time(st, 2, v->ended_at);
	bind_time(st, 3, v->wrapup_at);
	db_bind_id(st, 4, v->contact_type_id);
	db_bind_id(st, 5, v->department_id);
	db_bind_id(st, 6, v->outcome_id);
	db_bind_id(st, 7, v->category_id);
	db_bind_id(st, 8, v->transfer_to_id);
	for (int i = 0; i < 3; i++)
		db_bind_id(st, 9 + i, v->faq_id[i]);
	db_bind_text(st, 12, v->inquiry_text ? v->inquiry_text : "");
	db_bind_text(st, 13, v->response_text ? v->response_text : "");
	return db_step_done(db, st, e);
}

int
calllog_values_get(struct db *db, int64_t id, struct calllog_values *v, struct mado_err *e)
{
	sqlite3_stmt *st = db_prepare(db,
		"SELECT COALESCE(ended_at, 0), COALESCE(wrapup_at, 0), COALESCE(contact_type_id, 0),"
		" COALESCE(department_id, 0), COALESCE(outcome_id, 0), COALESCE(category_id, 0),"
		" COALESCE(transfer_to_id, 0), COALESCE(faq1_id, 0), COALESCE(faq2_id, 0),"
		" COALESCE(faq3_id, 0) FROM calllog WHERE id = ?1", e);
	int rc;

	if (st == NULL)
		return e->status;
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*v = (struct calllog_values){
			.ended_at = sqlite3_column_int64(st, 0),
			.wrapup_at = sqlite3_column_int64(st, 1),
			.contact_type_id = sqlite3_column_int64(st, 2),
			.department_id = sqlite3_column_int64(st, 3),
			.outcome_id = sqlite3_column_int64(st, 4),
			.category_id = sqlite3_column_int64(st, 5),
			.transfer_to_id = sqlite3_column_int64(st, 6),
			.faq_id = { sqlite3_column_int64(st, 7), sqlite3_column_int64(st, 8),
				sqlite3_column_int64(st, 9) },
		};
	}
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return MADO_OK;
	return rc == SQLITE_DONE ? MADO_ENOTFOUND : db_fail(db, rc, e, "call log");
}
