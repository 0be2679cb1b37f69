/* The master tables as value vectors (see master_store.h). Every table has
 * its statements written out: a select list whose columns follow the kind's
 * column order in core/master.c, and insert/update statements binding value
 * i to parameter ?i+1, references resolved from codes by sub-selects. */
#include "master_store.h"

#include <stdlib.h>
#include <string.h>

struct master_sql {
	const char *kind;
	size_t ncols;
	const char *list;    /* all rows: id, then the ncols values, by key */
	const char *get;     /* the same for one row, key columns bound to ?1.. */
	const char *insert;
	const char *update;  /* ?1..?n and :id */
	const char *remove;  /* ?1 = id */
	const char *refs;    /* rows (table, count) pointing at ?1 */
};

#define DEPARTMENT_SELECT \
	"SELECT id, code, name, name_en, phone, email, active FROM department"
#define STAFF_SELECT \
	"SELECT s.id, s.login, s.name, s.name_kana, s.email, COALESCE(d.code, ''), s.role," \
	" s.lang, s.active FROM staff s LEFT JOIN department d ON d.id = s.department_id"
#define QUEUE_SELECT \
	"SELECT q.id, q.code, q.name, COALESCE(d.code, ''), q.email, q.active" \
	" FROM queue q LEFT JOIN department d ON d.id = q.department_id"
#define PHONEBOOK_SELECT \
	"SELECT p.id, p.code, p.name, COALESCE(d.code, ''), p.phone, p.note, p.active" \
	" FROM phonebook p LEFT JOIN department d ON d.id = p.department_id"
#define CATEGORY_SELECT \
	"SELECT c.id, c.code, c.name, c.scope, COALESCE(d.code, ''), c.active" \
	" FROM category c LEFT JOIN department d ON d.id = c.department_id"
#define FAQ_CLASS_SELECT "SELECT id, code, name, active FROM faq_class"
#define VENDOR_SELECT "SELECT id, code, name, phone, email, active FROM vendor"
#define VENDOR_CONTACT_SELECT \
	"SELECT c.id, v.code, c.email, c.name, c.phone, c.active" \
	" FROM vendor_contact c JOIN vendor v ON v.id = c.vendor_id"
#define SYSTEM_SELECT \
	"SELECT s.id, s.code, s.name, COALESCE(v.code, ''), COALESCE(d.code, ''), s.active" \
	" FROM managed_system s LEFT JOIN vendor v ON v.id = s.vendor_id" \
	" LEFT JOIN department d ON d.id = s.department_id"

/* A reference bound as a code; "" finds no row and so stores NULL. */
#define DEPT_ID(p) "(SELECT id FROM department WHERE code = " p ")"
#define VENDOR_ID(p) "(SELECT id FROM vendor WHERE code = " p ")"

/* The reference lists name every foreign key of the schema that points at
 * the table. Should a later migration add one without listing it here,
 * the foreign key itself still refuses the delete (as a constraint error). */
static const struct master_sql tables[] = {
	{
		.kind = "department", .ncols = 6,
		.list = DEPARTMENT_SELECT " ORDER BY code",
		.get = DEPARTMENT_SELECT " WHERE code = ?1",
		.insert = "INSERT INTO department(code, name, name_en, phone, email, active)"
			" VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
		.update = "UPDATE department SET code = ?1, name = ?2, name_en = ?3,"
			" phone = ?4, email = ?5, active = ?6 WHERE id = :id",
		.remove = "DELETE FROM department WHERE id = ?1",
		.refs = "SELECT 'staff', count(*) FROM staff WHERE department_id = ?1"
			" UNION ALL SELECT 'queue', count(*) FROM queue WHERE department_id = ?1"
			" UNION ALL SELECT 'phonebook', count(*) FROM phonebook WHERE department_id = ?1"
			" UNION ALL SELECT 'category', count(*) FROM category WHERE department_id = ?1"
			" UNION ALL SELECT 'system', count(*) FROM managed_system WHERE department_id = ?1"
			" UNION ALL SELECT 'kb_article', count(*) FROM kb_article WHERE department_id = ?1"
			" UNION ALL SELECT 'calllog', count(*) FROM calllog WHERE department_id = ?1",
	},
	{
		.kind = "staff", .ncols = 8,
		.list = STAFF_SELECT " ORDER BY s.login",
		.get = STAFF_SELECT " WHERE s.login = ?1",
		.insert = "INSERT INTO staff(login, name, name_kana, email, department_id, role,"
			" lang, active) VALUES (?1, ?2, ?3, ?4, " DEPT_ID("?5") ", ?6, ?7, ?8)",
		.update = "UPDATE staff SET login = ?1, name = ?2, name_kana = ?3, email = ?4,"
			" department_id = " DEPT_ID("?5") ", role = ?6, lang = ?7, active = ?8"
			" WHERE id = :id",
		.remove = "DELETE FROM staff WHERE id = ?1",
		.refs = "SELECT 'ticket', count(*) FROM ticket"
			"   WHERE ?1 IN (owner_id, requester_staff_id, created_by)"
			" UNION ALL SELECT 'ticket_request', count(*) FROM ticket_request"
			"   WHERE approved_by = ?1"
			" UNION ALL SELECT 'comment', count(*) FROM comment WHERE author_id = ?1"
			" UNION ALL SELECT 'worklog', count(*) FROM worklog WHERE staff_id = ?1"
			" UNION ALL SELECT 'link', count(*) FROM link WHERE created_by = ?1"
			" UNION ALL SELECT 'attachment', count(*) FROM attachment WHERE created_by = ?1"
			" UNION ALL SELECT 'kb_article', count(*) FROM kb_article WHERE created_by = ?1"
			" UNION ALL SELECT 'kb_version', count(*) FROM kb_version WHERE changed_by = ?1"
			" UNION ALL SELECT 'calllog', count(*) FROM calllog WHERE operator_id = ?1"
			" UNION ALL SELECT 'audit', count(*) FROM audit WHERE actor_id = ?1",
	},
	{
		.kind = "queue", .ncols = 5,
		.list = QUEUE_SELECT " ORDER BY q.code",
		.get = QUEUE_SELECT " WHERE q.code = ?1",
		.insert = "INSERT INTO queue(code, name, department_id, email, active)"
			" VALUES (?1, ?2, " DEPT_ID("?3") ", ?4, ?5)",
		.update = "UPDATE queue SET code = ?1, name = ?2, department_id = " DEPT_ID("?3")
			", email = ?4, active = ?5 WHERE id = :id",
		.remove = "DELETE FROM queue WHERE id = ?1",
		.refs = "SELECT 'ticket', count(*) FROM ticket WHERE queue_id = ?1",
	},
	{
		.kind = "phonebook", .ncols = 6,
		.list = PHONEBOOK_SELECT " ORDER BY p.code",
		.get = PHONEBOOK_SELECT " WHERE p.code = ?1",
		.insert = "INSERT INTO phonebook(code, name, department_id, phone, note, active)"
			" VALUES (?1, ?2, " DEPT_ID("?3") ", ?4, ?5, ?6)",
		.update = "UPDATE phonebook SET code = ?1, name = ?2, department_id = "
			DEPT_ID("?3") ", phone = ?4, note = ?5, active = ?6 WHERE id = :id",
		.remove = "DELETE FROM phonebook WHERE id = ?1",
		.refs = "SELECT 'calllog', count(*) FROM calllog WHERE transfer_to_id = ?1",
	},
	{
		.kind = "category", .ncols = 5,
		.list = CATEGORY_SELECT " ORDER BY c.code",
		.get = CATEGORY_SELECT " WHERE c.code = ?1",
		.insert = "INSERT INTO category(code, name, scope, department_id, active)"
			" VALUES (?1, ?2, ?3, " DEPT_ID("?4") ", ?5)",
		.update = "UPDATE category SET code = ?1, name = ?2, scope = ?3, department_id = "
			DEPT_ID("?4") ", active = ?5 WHERE id = :id",
		.remove = "DELETE FROM category WHERE id = ?1",
		.refs = "SELECT 'ticket', count(*) FROM ticket WHERE category_id = ?1"
			" UNION ALL SELECT 'kb_article', count(*) FROM kb_article WHERE category_id = ?1"
			" UNION ALL SELECT 'calllog', count(*) FROM calllog WHERE category_id = ?1",
	},
	{
		.kind = "faq_class", .ncols = 3,
		.list = FAQ_CLASS_SELECT " ORDER BY code",
		.get = FAQ_CLASS_SELECT " WHERE code = ?1",
		.insert = "INSERT INTO faq_class(code, name, active) VALUES (?1, ?2, ?3)",
		.update = "UPDATE faq_class SET code = ?1, name = ?2, active = ?3 WHERE id = :id",
		.remove = "DELETE FROM faq_class WHERE id = ?1",
		.refs = "SELECT 'kb_article', count(*) FROM kb_article WHERE faq_class_id = ?1",
	},
	{
		.kind = "system", .ncols = 5,
		.list = SYSTEM_SELECT " ORDER BY s.code",
		.get = SYSTEM_SELECT " WHERE s.code = ?1",
		.insert = "INSERT INTO managed_system(code, name, vendor_id, department_id, active)"
			" VALUES (?1, ?2, " VENDOR_ID("?3") ", " DEPT_ID("?4") ", ?5)",
		.update = "UPDATE managed_system SET code = ?1, name = ?2, vendor_id = " VENDOR_ID("?3")
			", department_id = " DEPT_ID("?4") ", active = ?5 WHERE id = :id",
		.remove = "DELETE FROM managed_system WHERE id = ?1",
		.refs = "SELECT 'ticket_incident', count(*) FROM ticket_incident"
			" WHERE system_id = ?1",
	},
	{
		.kind = "vendor", .ncols = 5,
		.list = VENDOR_SELECT " ORDER BY code",
		.get = VENDOR_SELECT " WHERE code = ?1",
		.insert = "INSERT INTO vendor(code, name, phone, email, active)"
			" VALUES (?1, ?2, ?3, ?4, ?5)",
		.update = "UPDATE vendor SET code = ?1, name = ?2, phone = ?3, email = ?4,"
			" active = ?5 WHERE id = :id",
		.remove = "DELETE FROM vendor WHERE id = ?1",
		.refs = "SELECT 'vendor_contact', count(*) FROM vendor_contact WHERE vendor_id = ?1"
			" UNION ALL SELECT 'system', count(*) FROM managed_system WHERE vendor_id = ?1",
	},
	{
		/* No unique key in the schema: the oldest row wins a tie. */
		.kind = "vendor_contact", .ncols = 5,
		.list = VENDOR_CONTACT_SELECT " ORDER BY v.code, c.email, c.id",
		.get = VENDOR_CONTACT_SELECT " WHERE v.code = ?1 AND c.email = ?2"
			" ORDER BY c.id LIMIT 1",
		.insert = "INSERT INTO vendor_contact(vendor_id, email, name, phone, active)"
			" VALUES (" VENDOR_ID("?1") ", ?2, ?3, ?4, ?5)",
		.update = "UPDATE vendor_contact SET vendor_id = " VENDOR_ID("?1") ", email = ?2,"
			" name = ?3, phone = ?4, active = ?5 WHERE id = :id",
		.remove = "DELETE FROM vendor_contact WHERE id = ?1",
		.refs = "SELECT 'ticket', count(*) FROM ticket WHERE requester_contact_id = ?1",
	},
};

static const struct master_sql *
find_table(const char *kind, struct mado_err *e)
{
	for (size_t i = 0; i < sizeof tables / sizeof tables[0]; i++)
		if (strcmp(tables[i].kind, kind) == 0)
			return &tables[i];
	mado_err_set(e, MADO_EFAIL, "master store: no table for kind '%s'", kind);
	return NULL;
}

/* The statements of kind, checked against the caller's column count so
 * that a registry out of step with this file fails loudly, not silently. */
static const struct master_sql *
table_of(const char *kind, size_t n, struct mado_err *e)
{
	const struct master_sql *t = find_table(kind, e);

	if (t != NULL && t->ncols != n) {
		mado_err_set(e, MADO_EFAIL, "master store: %s has %zu columns, caller passed %zu",
			kind, t->ncols, n);
		return NULL;
	}
	return t;
}

/* Binds value i to ?i+1, as far as the statement has parameters. */
static void
bind_values(sqlite3_stmt *st, const char *const *values, size_t n)
{
	int max = sqlite3_bind_parameter_count(st);

	for (size_t i = 0; i < n && (int)i < max; i++)
		db_bind_text(st, (int)i + 1, values[i]);
}

void
master_values_free(char **values)
{
	if (values == NULL)
		return;
	for (char **v = values; *v != NULL; v++)
		free(*v);
	free(values);
}

/* The n values after the id column of the current row; caller frees. */
static char **
row_values(sqlite3_stmt *st, size_t n)
{
	char **v = calloc(n + 1, sizeof *v);

	if (v == NULL)
		return NULL;
	for (size_t i = 0; i < n; i++) {
		v[i] = db_col_strdup(st, (int)i + 1);
		if (v[i] == NULL) {
			master_values_free(v);
			return NULL;
		}
	}
	return v;
}

int
master_store_get(struct db *db, const char *kind, const char *const *key, size_t nkey,
	size_t n, int64_t *id, char ***values, struct mado_err *e)
{
	const struct master_sql *t = table_of(kind, n, e);
	sqlite3_stmt *st = t ? db_prepare(db, t->get, e) : NULL;
	int rc;

	*id = 0;
	if (values != NULL)
		*values = NULL;
	if (st == NULL)
		return e->status;
	bind_values(st, key, nkey);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*id = sqlite3_column_int64(st, 0);
		if (values != NULL && (*values = row_values(st, n)) == NULL)
			rc = SQLITE_NOMEM;
	}
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return MADO_OK;
	if (rc == SQLITE_DONE)
		return mado_err_set(e, MADO_ENOTFOUND, "%s: no such row", kind);
	return db_fail(db, rc, e, kind);
}

int
master_store_insert(struct db *db, const char *kind, const char *const *values, size_t n,
	int64_t *id, struct mado_err *e)
{
	const struct master_sql *t = table_of(kind, n, e);
	sqlite3_stmt *st = t ? db_prepare(db, t->insert, e) : NULL;
	int rc;

	if (st == NULL)
		return e->status;
	bind_values(st, values, n);
	rc = db_step_done(db, st, e);
	if (rc == MADO_OK)
		*id = sqlite3_last_insert_rowid(db_handle(db));
	return rc;
}

int
master_store_update(struct db *db, const char *kind, int64_t id, const char *const *values,
	size_t n, struct mado_err *e)
{
	const struct master_sql *t = table_of(kind, n, e);
	sqlite3_stmt *st = t ? db_prepare(db, t->update, e) : NULL;

	if (st == NULL)
		return e->status;
	bind_values(st, values, n);
	sqlite3_bind_int64(st, sqlite3_bind_parameter_index(st, ":id"), id);
	return db_step_done(db, st, e);
}

int
master_store_delete(struct db *db, const char *kind, int64_t id, struct mado_err *e)
{
	const struct master_sql *t = find_table(kind, e);
	sqlite3_stmt *st = t ? db_prepare(db, t->remove, e) : NULL;

	if (st == NULL)
		return e->status;
	sqlite3_bind_int64(st, 1, id);
	return db_step_done(db, st, e);
}

int
master_store_references(struct db *db, const char *kind, int64_t id, master_ref_fn fn,
	void *ctx, struct mado_err *e)
{
	const struct master_sql *t = find_table(kind, e);
	sqlite3_stmt *st = t ? db_prepare(db, t->refs, e) : NULL;
	int rc;

	if (st == NULL)
		return e->status;
	sqlite3_bind_int64(st, 1, id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		if (sqlite3_column_int64(st, 1) > 0)
			fn((const char *)sqlite3_column_text(st, 0), sqlite3_column_int64(st, 1), ctx);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? MADO_OK : db_fail(db, rc, e, "references");
}

int
master_store_list(struct db *db, const char *kind, size_t n, master_row_fn fn, void *ctx,
	struct mado_err *e)
{
	const struct master_sql *t = table_of(kind, n, e);
	sqlite3_stmt *st = t ? db_prepare(db, t->list, e) : NULL;
	const char *v[16];
	int rc = SQLITE_DONE, st2 = MADO_OK;

	if (st == NULL)
		return e->status;
	if (n > sizeof v / sizeof v[0])
		return mado_err_set(e, MADO_EFAIL, "master store: %s has too many columns", kind);
	while (st2 == MADO_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		for (size_t i = 0; i < n; i++) {
			const unsigned char *s = sqlite3_column_text(st, (int)i + 1);

			v[i] = s != NULL ? (const char *)s : "";
		}
		st2 = fn(v, n, ctx);
	}
	sqlite3_reset(st);
	if (st2 != MADO_OK)
		return st2;
	return rc == SQLITE_DONE ? MADO_OK : db_fail(db, rc, e, kind);
}
