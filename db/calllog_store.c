#include "calllog_store.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

/* A master's name in the language asked for (the parameter `lang`), the
 * Japanese one when the master has no English name. */
#define NAME_IN(t, lang) \
	"COALESCE(CASE WHEN " lang " = 'en' AND " t ".name_en <> '' THEN " t ".name_en" \
	" ELSE " t ".name END, '')"

#define MASTER_JOINS \
	" LEFT JOIN staff s ON s.id = c.operator_id" \
	" LEFT JOIN choice ct ON ct.id = c.contact_type_id" \
	" LEFT JOIN department d ON d.id = c.department_id" \
	" LEFT JOIN choice oc ON oc.id = c.outcome_id" \
	" LEFT JOIN category cat ON cat.id = c.category_id"

/* The page queries, one per index that serves them, each ordered by the
 * index's own order so SQLite reads just `limit` rows past the cursor.
 * Only the first line of 受付内容 is read: lists show no more. */
#define BRIEF_COLS(index) \
	"SELECT c.id, c.started_at, c.receipt_no, COALESCE(s.name, '')," \
	" " NAME_IN("ct", "?7") ", " NAME_IN("d", "?7") ", " NAME_IN("oc", "?7") "," \
	" COALESCE(cat.name, '')," \
	" substr(c.inquiry_text, 1, instr(c.inquiry_text || char(10), char(10)) - 1)" \
	" FROM calllog c INDEXED BY " index MASTER_JOINS
#define BY_OPERATOR BRIEF_COLS("calllog_operator") \
	" WHERE c.operator_id = (SELECT id FROM staff WHERE login = ?1)"
#define BY_ALL BRIEF_COLS("calllog_started") " WHERE ?1 IS NULL"
/* Forward: older than the cursor, newest first, down to the range's
 * start. Backward: newer than the cursor, oldest first (nearest the
 * cursor first), up to the range's end. The other end of the range is
 * folded into the cursor (start_key()), so the index is entered right at
 * the cursor however deep the page is. */
#define FORWARD " AND c.started_at >= ?2 AND (c.started_at, c.id) < (?4, ?5)" \
	" ORDER BY c.started_at DESC, c.id DESC LIMIT ?6"
#define BACKWARD " AND c.started_at < ?3 AND (c.started_at, c.id) > (?4, ?5)" \
	" ORDER BY c.started_at ASC, c.id ASC LIMIT ?6"

static const char *const page_sql[][2] = {
	{ BY_OPERATOR FORWARD, BY_OPERATOR BACKWARD },
	{ BY_ALL FORWARD, BY_ALL BACKWARD },
};

/* Where a page starts: the cursor, or without one (or one outside the
 * range) the near end of the range: (until, INT64_MIN) going down admits
 * exactly started_at < until, (since, INT64_MIN) going up started_at >=
 * since, since ids are positive. */
static void
start_key(const struct calllog_filter *f, int64_t *at, int64_t *id)
{
	bool cursor = f->after_id > 0;

	if (!f->backward) {
		cursor = cursor && (f->until == 0 || f->after_started < f->until);
		*at = cursor ? f->after_started : f->until != 0 ? f->until : INT64_MAX;
		*id = cursor ? f->after_id : f->until != 0 ? INT64_MIN : INT64_MAX;
	} else {
		cursor = cursor && (f->since == 0 || f->after_started >= f->since);
		*at = cursor ? f->after_started : f->since != 0 ? f->since : INT64_MIN;
		*id = cursor ? f->after_id : INT64_MIN;
	}
}

static void
bind_page(sqlite3_stmt *st, const struct calllog_filter *f, const char *lang)
{
	int64_t at, id;

	start_key(f, &at, &id);
	db_bind_text(st, 1, f->operator);
	sqlite3_bind_int64(st, 2, f->since != 0 ? f->since : INT64_MIN);
	sqlite3_bind_int64(st, 3, f->until != 0 ? f->until : INT64_MAX);
	sqlite3_bind_int64(st, 4, at);
	sqlite3_bind_int64(st, 5, id);
	sqlite3_bind_int(st, 6, f->limit);
	db_bind_text(st, 7, lang);
}

int
calllog_list_page(struct db *db, const struct calllog_filter *f, const char *lang,
	calllog_brief_fn fn, void *ctx, struct mado_err *e)
{
	sqlite3_stmt *st = db_prepare(db, page_sql[f->operator != NULL ? 0 : 1][f->backward != 0],
		e);
	int rc;

	if (st == NULL)
		return e->status;
	bind_page(st, f, lang);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct calllog_brief b = {
			.id = sqlite3_column_int64(st, 0),
			.started_at = sqlite3_column_int64(st, 1),
			.receipt_no = (const char *)sqlite3_column_text(st, 2),
			.operator_name = (const char *)sqlite3_column_text(st, 3),
			.contact_type = (const char *)sqlite3_column_text(st, 4),
			.department = (const char *)sqlite3_column_text(st, 5),
			.outcome = (const char *)sqlite3_column_text(st, 6),
			.category = (const char *)sqlite3_column_text(st, 7),
			.first_line = (const char *)sqlite3_column_text(st, 8),
		};
		fn(&b, ctx);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? MADO_OK : db_fail(db, rc, e, "call log list");
}

#define FAQ_COLS(k) "COALESCE(" k ".faq_no, 0), COALESCE(" k ".title, '')"

static const char full_sql[] =
	"SELECT c.id, c.receipt_no, COALESCE(s.login, ''), COALESCE(s.name, ''),"
	" c.started_at, COALESCE(c.ended_at, 0), COALESCE(c.wrapup_at, 0),"
	" COALESCE(ct.code, ''), " NAME_IN("ct", "?2") ","
	" COALESCE(d.code, ''), " NAME_IN("d", "?2") ","
	" COALESCE(oc.code, ''), " NAME_IN("oc", "?2") ","
	" " FAQ_COLS("k1") ", " FAQ_COLS("k2") ", " FAQ_COLS("k3") ","
	" COALESCE(cat.code, ''), COALESCE(cat.name, ''), c.inquiry_text, c.response_text,"
	" COALESCE(p.code, ''), COALESCE(p.name, ''), COALESCE(p.phone, '')"
	" FROM calllog c" MASTER_JOINS
	" LEFT JOIN kb_article k1 ON k1.id = c.faq1_id"
	" LEFT JOIN kb_article k2 ON k2.id = c.faq2_id"
	" LEFT JOIN kb_article k3 ON k3.id = c.faq3_id"
	" LEFT JOIN phonebook p ON p.id = c.transfer_to_id"
	" WHERE c.id = ?1";

static void
row_fill(sqlite3_stmt *st, void *p)
{
	struct calllog_row *row = p;

	row->id = sqlite3_column_int64(st, 0);
	row->receipt_no = db_col_strdup(st, 1);
	row->operator = db_col_strdup(st, 2);
	row->operator_name = db_col_strdup(st, 3);
	row->started_at = sqlite3_column_int64(st, 4);
	row->ended_at = sqlite3_column_int64(st, 5);
	row->wrapup_at = sqlite3_column_int64(st, 6);
	row->contact_type = db_col_strdup(st, 7);
	row->contact_type_name = db_col_strdup(st, 8);
	row->department = db_col_strdup(st, 9);
	row->department_name = db_col_strdup(st, 10);
	row->outcome = db_col_strdup(st, 11);
	row->outcome_name = db_col_strdup(st, 12);
	for (int i = 0; i < 3; i++) {
		row->faq[i].faq_no = sqlite3_column_int64(st, 13 + 2 * i);
		row->faq[i].title = db_col_strdup(st, 14 + 2 * i);
	}
	row->category = db_col_strdup(st, 19);
	row->category_name = db_col_strdup(st, 20);
	row->inquiry_text = db_col_strdup(st, 21);
	row->response_text = db_col_strdup(st, 22);
	row->transfer_to = db_col_strdup(st, 23);
	row->transfer_to_name = db_col_strdup(st, 24);
	row->transfer_to_phone = db_col_strdup(st, 25);
}

int
calllog_by_id(struct db *db, int64_t id, const char *lang, struct calllog_row *row,
	struct mado_err *e)
{
	sqlite3_stmt *st = db_prepare(db, full_sql, e);

	memset(row, 0, sizeof *row);
	if (st == NULL)
		return e->status;
	sqlite3_bind_int64(st, 1, id);
	db_bind_text(st, 2, lang);
	return db_fetch_one(db, st, row_fill, row, "call log", e);
}

void
calllog_row_clear(struct calllog_row *row)
{
	char **strings[] = {
		&row->receipt_no, &row->operator, &row->operator_name, &row->contact_type,
		&row->contact_type_name, &row->department, &row->department_name, &row->outcome,
		&row->outcome_name, &row->faq[0].title, &row->faq[1].title, &row->faq[2].title,
		&row->category, &row->category_name, &row->inquiry_text, &row->response_text,
		&row->transfer_to, &row->transfer_to_name, &row->transfer_to_phone,
	};

	for (size_t i = 0; i < sizeof strings / sizeof strings[0]; i++)
		free(*strings[i]);
	memset(row, 0, sizeof *row);
}
