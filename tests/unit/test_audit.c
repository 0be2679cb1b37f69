/* The audit chain: rows chain by hash, verification finds tampering, and
 * the table refuses UPDATE and DELETE. */
#include "db/audit_store.h"
#include "tests/testdb.h"

struct append_ctx {
	int n;
};

static int
append_txn(struct db *db, void *p, struct mado_err *e)
{
	struct append_ctx *c = p;
	int st = MADO_OK;

	for (int i = 0; i < c->n && st == MADO_OK; i++) {
		char v[32];
		struct audit_entry a = { "update", "ticket", i + 1, "subject", i ? "old" : NULL, v };

		snprintf(v, sizeof v, "件名%d", i);
		st = audit_append(db, 7, "s.tanaka", &a, e);
	}
	return st;
}

static int
exec_sql(struct db *db, const char *sql)
{
	return sqlite3_exec(db_handle(db), sql, NULL, NULL, NULL);
}

int
main(void)
{
	struct db *db = testdb_open();
	struct mado_err e = { 0 };
	struct append_ctx c = { 5 };
	int64_t bad = -1;

	is_int(audit_verify(db, &bad, &e), MADO_OK, "an empty trail is intact");
	is_int(db_txn(db, append_txn, &c, &e), MADO_OK, "append five rows");
	is_int(audit_verify(db, &bad, &e), MADO_OK, "chain verifies");
	ok(exec_sql(db, "UPDATE audit SET new_value = 'x' WHERE id = 3") != SQLITE_OK,
		"UPDATE refused by trigger");
	ok(exec_sql(db, "DELETE FROM audit WHERE id = 3") != SQLITE_OK, "DELETE refused by trigger");
	/* Someone with the file drops the triggers and edits a row. */
	exec_sql(db, "DROP TRIGGER audit_no_update; DROP TRIGGER audit_no_delete");
	exec_sql(db, "UPDATE audit SET new_value = '改ざん' WHERE id = 3");
	is_int(audit_verify(db, &bad, &e), MADO_EDATA, "edited row detected");
	is_int(bad, 3, "at row 3");
	ok(strstr(e.msg, "row 3") != NULL, "message names the row: %s", e.msg);
	exec_sql(db, "UPDATE audit SET new_value = '件名2' WHERE id = 3");
	is_int(audit_verify(db, &bad, &e), MADO_OK, "restored row verifies again");
	exec_sql(db, "DELETE FROM audit WHERE id = 2");
	is_int(audit_verify(db, &bad, &e), MADO_EDATA, "removed row detected");
	is_int(bad, 3, "at the row after the gap");
	db_close(db);
	return tap_done();
}
