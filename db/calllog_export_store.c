#include "calllog_export_store.h"

#include <stdlib.h>

static const char page_sql[] =
	"SELECT c.id, c.started_at, COALESCE(c.ended_at, 0), COALESCE(c.wrapup_at, 0),"
	" c.receipt_no, COALESCE(s.name, ''), COALESCE(ct.name, ''), COALESCE(d.name, ''),"
	" COALESCE(oc.name, ''), COALESCE(k1.faq_no, 0), COALESCE(k2.faq_no, 0),"
	" COALESCE(k3.faq_no, 0), COALESCE(cat.name, ''), c.inquiry_text, c.response_text,"
	" COALESCE(p.name, '')"
	" FROM calllog c INDEXED BY calllog_started"
	" LEFT JOIN staff s ON s.id = c.operator_id"
	" LEFT JOIN choice ct ON ct.id = c.contact_type_id"
	" LEFT JOIN department d ON d.id = c.department_id"
	" LEFT JOIN choice oc ON oc.id = c.outcome_id"
	" LEFT JOIN category cat ON cat.id = c.category_id"
	" LEFT JOIN kb_article k1 ON k1.id = c.faq1_id"
	" LEFT JOIN kb_article k2 ON k2.id = c.faq2_id"
	" LEFT JOIN kb_article k3 ON k3.id = c.faq3_id"
	" LEFT JOIN phonebook p ON p.id = c.transfer_to_id"
	" WHERE c.started_at < ?2 AND (c.started_at, c.id) > (?3, ?4)"
	" ORDER BY c.started_at ASC, c.id ASC LIMIT ?5";

static const char *
text(sqlite3_stmt *st, int col)
{
	const char *s = (const char *)sqlite3_column_text(st, col);

	return s != NULL ? s : "";
}

int
calllog_export_page(struct db *db, int64_t since, int64_t until, int64_t after_started,
	int64_t after_id, int limit, calllog_export_fn fn, void *ctx, int64_t *last_started,
	int64_t *last_id, int *n, struct mado_err *e)
{
	sqlite3_stmt *st = db_prepare(db, page_sql, e);
	int rc, fst = MADO_OK;

	*n = 0;
	if (st == NULL)
		return e->status;
	/* No cursor yet: (since, 0) admits exactly started_at >= since, as
	 * ids are positive. */
	if (after_id <= 0) {
		after_started = since;
		after_id = 0;
	}
	sqlite3_bind_int64(st, 2, until);
	sqlite3_bind_int64(st, 3, after_started);
	sqlite3_bind_int64(st, 4, after_id);
	sqlite3_bind_int(st, 5, limit);
	while (fst == MADO_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct calllog_export_row r = {
			.id = sqlite3_column_int64(st, 0),
			.started_at = sqlite3_column_int64(st, 1),
			.ended_at = sqlite3_column_int64(st, 2),
			.wrapup_at = sqlite3_column_int64(st, 3),
			.receipt_no = text(st, 4),
			.operator_name = text(st, 5),
			.contact_type = text(st, 6),
			.department = text(st, 7),
			.outcome = text(st, 8),
			.faq_no = { sqlite3_column_int64(st, 9), sqlite3_column_int64(st, 10),
				sqlite3_column_int64(st, 11) },
			.category = text(st, 12),
			.inquiry_text = text(st, 13),
			.response_text = text(st, 14),
			.transfer_to = text(st, 15),
		};
		*last_started = r.started_at;
		*last_id = r.id;
		(*n)++;
		fst = fn(&r, ctx, e);
	}
	sqlite3_reset(st);
	if (fst != MADO_OK)
		return fst;
	return rc == SQLITE_DONE ? MADO_OK : db_fail(db, rc, e, "call log export");
}

int
calllog_oldest_start(struct db *db, int64_t *at, int *found, struct mado_err *e)
{
	sqlite3_stmt *st = db_prepare(db, "SELECT min(started_at) FROM calllog", e);
	int rc;

	if (st == NULL)
		return e->status;
	rc = sqlite3_step(st);
	*found = rc == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL;
	*at = *found ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? MADO_OK : db_fail(db, rc, e, "call log");
}

int
calllog_count_range(struct db *db, int64_t since, int64_t until, int64_t *n,
	struct mado_err *e)
{
	sqlite3_stmt *st = db_prepare(db,
		"SELECT count(*) FROM calllog WHERE started_at >= ?1 AND started_at < ?2", e);
	int rc;

	if (st == NULL)
		return e->status;
	sqlite3_bind_int64(st, 1, since);
	sqlite3_bind_int64(st, 2, until);
	rc = sqlite3_step(st);
	*n = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? MADO_OK : db_fail(db, rc, e, "call log count");
}

/* The batch: the oldest `limit` call logs of the range, in the order the
 * archive lists them. Each statement below selects the same rows, as they
 * all run in one transaction. */
#define BATCH "SELECT id FROM calllog WHERE started_at >= ?1 AND started_at < ?2" \
	" ORDER BY started_at, id LIMIT ?3"

static const char *const delete_sql[] = {
	"DELETE FROM link WHERE src_type = 'calllog' AND src_id IN (" BATCH ")",
	"DELETE FROM link WHERE dst_type = 'calllog' AND dst_id IN (" BATCH ")",
	"DELETE FROM calllog WHERE id IN (" BATCH ")",
};

static const char range_sql[] =
	"SELECT c.receipt_no FROM calllog c WHERE c.id IN (" BATCH ")"
	" ORDER BY c.started_at, c.id";

static int
bind_batch(sqlite3_stmt *st, int64_t since, int64_t until, int limit)
{
	sqlite3_bind_int64(st, 1, since);
	sqlite3_bind_int64(st, 2, until);
	return sqlite3_bind_int(st, 3, limit);
}

int
calllog_delete_batch(struct db *db, int64_t since, int64_t until, int limit,
	int64_t *count, char **first_receipt, char **last_receipt, struct mado_err *e)
{
	sqlite3_stmt *st = db_prepare(db, range_sql, e);
	int rc;

	*count = 0;
	*first_receipt = *last_receipt = NULL;
	if (st == NULL)
		return e->status;
	bind_batch(st, since, until, limit);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*first_receipt == NULL)
			*first_receipt = db_col_strdup(st, 0);
		free(*last_receipt);
		*last_receipt = db_col_strdup(st, 0);
		(*count)++;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return db_fail(db, rc, e, "call log retention");
	for (size_t i = 0; i < sizeof delete_sql / sizeof delete_sql[0]; i++) {
		int st2;

		if ((st = db_prepare(db, delete_sql[i], e)) == NULL)
			return e->status;
		bind_batch(st, since, until, limit);
		if ((st2 = db_step_done(db, st, e)) != MADO_OK)
			return st2;
	}
	return MADO_OK;
}

int
setting_get_text(struct db *db, const char *key, char **value, struct mado_err *e)
{
	sqlite3_stmt *st = db_prepare(db, "SELECT value FROM setting WHERE key = ?1", e);
	int rc;

	*value = NULL;
	if (st == NULL)
		return e->status;
	db_bind_text(st, 1, key);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*value = db_col_strdup(st, 0);
	sqlite3_reset(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? MADO_OK : db_fail(db, rc, e, "setting");
}
