#include "staff_store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"

#define STAFF_COLS \
	"s.id, s.login, s.name, s.name_kana, s.email, s.role, s.lang," \
	" COALESCE(d.code, ''), s.active, COALESCE(s.last_login, 0)" \
	" FROM staff s LEFT JOIN department d ON d.id = s.department_id"

static void
row_fill(sqlite3_stmt *st, struct staff_row *row)
{
	row->id = sqlite3_column_int64(st, 0);
	row->login = db_col_strdup(st, 1);
	row->name = db_col_strdup(st, 2);
	row->name_kana = db_col_strdup(st, 3);
	row->email = db_col_strdup(st, 4);
	row->role = db_col_strdup(st, 5);
	row->lang = db_col_strdup(st, 6);
	row->department = db_col_strdup(st, 7);
	row->active = sqlite3_column_int(st, 8);
	row->last_login = sqlite3_column_int64(st, 9);
}

void
staff_row_clear(struct staff_row *row)
{
	free(row->login);
	free(row->name);
	free(row->name_kana);
	free(row->email);
	free(row->role);
	free(row->lang);
	free(row->department);
	memset(row, 0, sizeof *row);
}

static int
fetch_one(struct db *db, sqlite3_stmt *st, struct staff_row *row, const char *what,
	struct mado_err *e)
{
	int rc = sqlite3_step(st);

	memset(row, 0, sizeof *row);
	if (rc == SQLITE_ROW) {
		row_fill(st, row);
		sqlite3_reset(st);
		return MADO_OK;
	}
	sqlite3_reset(st);
	if (rc == SQLITE_DONE)
		return mado_err_set(e, MADO_ENOTFOUND, _("no staff member %s"), what);
	return db_fail(db, rc, e, "staff");
}

int
staff_by_login(struct db *db, const char *login, struct staff_row *row, struct mado_err *e)
{
	sqlite3_stmt *st = db_prepare(db, "SELECT " STAFF_COLS " WHERE s.login = ?1", e);

	if (st == NULL)
		return e->status;
	db_bind_text(st, 1, login);
	return fetch_one(db, st, row, login, e);
}

int
staff_by_id(struct db *db, int64_t id, struct staff_row *row, struct mado_err *e)
{
	sqlite3_stmt *st = db_prepare(db, "SELECT " STAFF_COLS " WHERE s.id = ?1", e);
	char what[32];

	if (st == NULL)
		return e->status;
	sqlite3_bind_int64(st, 1, id);
	snprintf(what, sizeof what, "#%lld", (long long)id);
	return fetch_one(db, st, row, what, e);
}

int
staff_by_email(struct db *db, const char *email, struct staff_row *row, struct mado_err *e)
{
	sqlite3_stmt *st = db_prepare(db, "SELECT " STAFF_COLS
		" WHERE s.email = ?1 COLLATE NOCASE AND s.email <> '' AND s.active = 1"
		" ORDER BY s.id LIMIT 1", e);

	if (st == NULL)
		return e->status;
	db_bind_text(st, 1, email);
	return fetch_one(db, st, row, email, e);
}

int
staff_insert(struct db *db, const struct staff_row *row, int64_t *id, struct mado_err *e)
{
	sqlite3_stmt *st;
	int rc;

	if (row->department != NULL && row->department[0] != '\0') {
		st = db_prepare(db, "SELECT 1 FROM department WHERE code = ?1", e);
		if (st == NULL)
			return e->status;
		db_bind_text(st, 1, row->department);
		rc = sqlite3_step(st);
		sqlite3_reset(st);
		if (rc != SQLITE_ROW)
			return mado_err_set(e, MADO_EDATA, _("department: no department with code '%s'"),
				row->department);
	}
	st = db_prepare(db,
		"INSERT INTO staff(login, name, name_kana, email, role, lang, department_id, active)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6,"
		" (SELECT id FROM department WHERE code = ?7), ?8)"
		" ON CONFLICT(login) DO NOTHING", e);
	if (st == NULL)
		return e->status;
	db_bind_text(st, 1, row->login);
	db_bind_text(st, 2, row->name);
	db_bind_text(st, 3, row->name_kana ? row->name_kana : "");
	db_bind_text(st, 4, row->email ? row->email : "");
	db_bind_text(st, 5, row->role);
	db_bind_text(st, 6, row->lang && row->lang[0] ? row->lang : "ja");
	db_bind_text(st, 7, row->department);
	sqlite3_bind_int(st, 8, row->active);
	rc = db_step_done(db, st, e);
	if (rc != MADO_OK)
		return rc;
	if (sqlite3_changes(db_handle(db)) == 0)
		return mado_err_set(e, MADO_EDATA, _("login: '%s' is already registered"), row->login);
	if (id != NULL)
		*id = sqlite3_last_insert_rowid(db_handle(db));
	return MADO_OK;
}

int
staff_set_role(struct db *db, int64_t id, const char *role, struct mado_err *e)
{
	sqlite3_stmt *st = db_prepare(db, "UPDATE staff SET role = ?2 WHERE id = ?1", e);

	if (st == NULL)
		return e->status;
	sqlite3_bind_int64(st, 1, id);
	db_bind_text(st, 2, role);
	return db_step_done(db, st, e);
}

int
staff_touch_login(struct db *db, int64_t id, int64_t at, struct mado_err *e)
{
	sqlite3_stmt *st = db_prepare(db, "UPDATE staff SET last_login = ?2 WHERE id = ?1", e);

	if (st == NULL)
		return e->status;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, at);
	return db_step_done(db, st, e);
}

int
staff_list(struct db *db, const char *after_login, int limit, staff_row_fn fn, void *ctx,
	struct mado_err *e)
{
	sqlite3_stmt *st = db_prepare(db,
		"SELECT " STAFF_COLS " WHERE s.login > ?1 ORDER BY s.login LIMIT ?2", e);
	int rc, st2 = MADO_OK;

	if (st == NULL)
		return e->status;
	db_bind_text(st, 1, after_login ? after_login : "");
	sqlite3_bind_int(st, 2, limit);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct staff_row row;

		row_fill(st, &row);
		st2 = fn(&row, ctx);
		staff_row_clear(&row);
		if (st2 != MADO_OK)
			break;
	}
	sqlite3_reset(st);
	if (st2 != MADO_OK)
		return st2;
	return rc == SQLITE_DONE || rc == SQLITE_ROW ? MADO_OK : db_fail(db, rc, e, "staff list");
}
