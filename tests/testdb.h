/* A fresh database file per test program, removed at exit, and actors of
 * each role registered in it. */
#ifndef MADO_TESTDB_H
#define MADO_TESTDB_H

#include <glib.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/identity.h"
#include "db/db.h"
#include "db/staff_store.h"
#include "tests/tap.h"

static char testdb_dir[256];
static char testdb_path[300];

static void
testdb_cleanup(void)
{
	const char *suffix[] = { "", "-wal", "-shm" };

	for (int i = 0; i < 3; i++) {
		char p[320];

		snprintf(p, sizeof p, "%s%s", testdb_path, suffix[i]);
		unlink(p);
	}
	rmdir(testdb_dir);
}

/* Opens a new empty database; exits the test on failure. */
static inline struct db *
testdb_open(void)
{
	struct mado_err e = { 0 };
	struct db *db;

	snprintf(testdb_dir, sizeof testdb_dir, "%s/mado-unit-XXXXXX", g_get_tmp_dir());
	if (g_mkdtemp(testdb_dir) == NULL) {
		perror("mkdtemp");
		exit(2);
	}
	snprintf(testdb_path, sizeof testdb_path, "%s/test.db", testdb_dir);
	atexit(testdb_cleanup);
	if (db_open(testdb_path, 1, &db, &e) != MADO_OK) {
		printf("Bail out! %s\n", e.msg);
		exit(2);
	}
	return db;
}

/* Registers login with role and fills actor; exits on failure. */
static inline void
testdb_actor(struct db *db, const char *login, const char *role, struct actor *a)
{
	struct staff_row row = { .login = (char *)login, .name = (char *)login,
		.role = (char *)role, .lang = (char *)"ja", .active = 1 };
	struct mado_err e = { 0 };

	if (staff_insert(db, &row, NULL, &e) != MADO_OK ||
	    identity_by_login(db, login, a, &e) != MADO_OK) {
		printf("Bail out! %s\n", e.msg);
		exit(2);
	}
}

/* Sets the time mado_now() answers (MADO_NOW). */
static inline void
testdb_now(int64_t t)
{
	char v[32];

	snprintf(v, sizeof v, "%lld", (long long)t);
	setenv("MADO_NOW", v, 1);
}

/* Runs SQL (a seed); bails out on failure. */
static inline void
testdb_exec(struct db *db, const char *sql)
{
	char *msg = NULL;

	if (sqlite3_exec(db_handle(db), sql, NULL, NULL, &msg) != SQLITE_OK) {
		printf("Bail out! %s: %s\n", sql, msg ? msg : "?");
		exit(2);
	}
}

/* Runs one statement with its ?N parameters bound to the n texts of args
 * (NULL binds NULL; column affinity makes numbers of digits); bails out
 * on failure. Seeds made from values, never SQL text made from them. */
static inline void
testdb_exec_args(struct db *db, const char *sql, const char *const *args, int n)
{
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(db_handle(db), sql, -1, &st, NULL);

	for (int i = 0; rc == SQLITE_OK && i < n; i++)
		rc = args[i] != NULL
			? sqlite3_bind_text(st, i + 1, args[i], -1, SQLITE_TRANSIENT)
			: sqlite3_bind_null(st, i + 1);
	if (rc == SQLITE_OK && sqlite3_step(st) != SQLITE_DONE)
		rc = SQLITE_ERROR;
	if (rc != SQLITE_OK) {
		printf("Bail out! %s: %s\n", sql, sqlite3_errmsg(db_handle(db)));
		exit(2);
	}
	sqlite3_finalize(st);
}

/* The first column of the first row of sql as an int, -1 on failure. */
static inline int
testdb_int(sqlite3 *h, const char *sql)
{
	sqlite3_stmt *st;
	int n = -1;

	if (sqlite3_prepare_v2(h, sql, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return n;
}

#endif
