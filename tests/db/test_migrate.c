/* Migrations: from an empty file to the newest schema, and from every
 * earlier version with data in it; a newer file is refused. */
#include "db/schema.h"
#include "tests/testdb.h"

/* Builds a file at schema version v by applying the steps by hand. */
static void
make_at_version(const char *path, int v)
{
	sqlite3 *h;
	char pragma[64];

	unlink(path);
	sqlite3_open(path, &h);
	for (int i = 0; i < v; i++)
		sqlite3_exec(h, schema_step(i), NULL, NULL, NULL);
	snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d", v);
	sqlite3_exec(h, pragma, NULL, NULL, NULL);
	if (v >= 1) /* some data that every later step must keep */
		sqlite3_exec(h, "INSERT INTO department(code, name) VALUES ('soumu', '総務課')",
			NULL, NULL, NULL);
	sqlite3_close(h);
}

int
main(void)
{
	struct db *db = testdb_open();
	struct mado_err e = { 0 };
	char path[320];
	int latest = db_schema_latest();

	is_int(db_schema_version(db), latest, "a new file is migrated to the newest version");
	is_int(testdb_int(db_handle(db), "PRAGMA foreign_keys"), 1, "foreign keys on");
	ok(testdb_int(db_handle(db), "SELECT count(*) FROM numbering") >= 3, "numbering rules seeded");
	{
		sqlite3_stmt *st;
		sqlite3_prepare_v2(db_handle(db), "PRAGMA journal_mode", -1, &st, NULL);
		sqlite3_step(st);
		is_str((const char *)sqlite3_column_text(st, 0), "wal", "WAL mode");
		sqlite3_finalize(st);
	}
	db_close(db);

	snprintf(path, sizeof path, "%s/old.db", testdb_dir);
	for (int v = 0; v < latest; v++) {
		make_at_version(path, v);
		is_int(db_open(path, 0, &db, &e), MADO_OK, "open a version %d file (%s)", v, e.msg);
		if (db == NULL)
			continue;
		is_int(db_schema_version(db), latest, "version %d migrated to %d", v, latest);
		if (v >= 1)
			is_int(testdb_int(db_handle(db), "SELECT count(*) FROM department WHERE code = 'soumu'"),
				1, "data from version %d kept", v);
		db_close(db);
	}

	make_at_version(path, latest);
	{
		sqlite3 *h;
		char pragma[64];

		sqlite3_open(path, &h);
		snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d", latest + 1);
		sqlite3_exec(h, pragma, NULL, NULL, NULL);
		sqlite3_close(h);
	}
	is_int(db_open(path, 0, &db, &e), MADO_ECONFIG, "a newer file is refused");
	ok(strstr(e.msg, "newer") != NULL, "and the message says why: %s", e.msg);
	is_int(db_open("/nonexistent/dir/x.db", 1, &db, &e), MADO_ENOTFOUND, "unopenable path");
	ok(strstr(e.msg, "/nonexistent/dir/x.db") != NULL, "message names the path");
	unlink(path);
	char wal[340];
	snprintf(wal, sizeof wal, "%s-wal", path);
	unlink(wal);
	snprintf(wal, sizeof wal, "%s-shm", path);
	unlink(wal);
	return tap_done();
}
