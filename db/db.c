#include "db.h"
#include "fts_tokenizer.h"
#include "schema.h"

#include <glib.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/i18n.h"

/* Total time db_txn() keeps retrying a busy database before giving up. */
#define TXN_RETRY_MS 30000
/* How long one statement waits on a lock before returning SQLITE_BUSY. */
#define BUSY_TIMEOUT_MS 5000

struct db {
	sqlite3 *handle;
	char *path;
	GHashTable *stmts; /* SQL text -> sqlite3_stmt*, finalized on close */
	int in_txn;
	int64_t busy_since; /* monotonic µs when the current wait began */
};

int
db_fail(struct db *db, int rc, struct mado_err *e, const char *what)
{
	int base = rc & 0xff;
	const char *msg = db != NULL && db->handle != NULL
		? sqlite3_errmsg(db->handle) : sqlite3_errstr(rc);

	if (base == SQLITE_BUSY || base == SQLITE_LOCKED)
		return mado_err_set(e, MADO_ETEMP, _("%s: database busy: %s"), what, msg);
	if (base == SQLITE_CONSTRAINT)
		return mado_err_set(e, MADO_EDATA, "%s: %s", what, msg);
	return mado_err_set(e, MADO_EFAIL, "%s: %s", what, msg);
}

static void
stmt_finalize(gpointer p)
{
	sqlite3_finalize(p);
}

sqlite3_stmt *
db_prepare(struct db *db, const char *sql, struct mado_err *e)
{
	sqlite3_stmt *st = g_hash_table_lookup(db->stmts, sql);
	int rc;

	if (st != NULL) {
		sqlite3_reset(st);
		sqlite3_clear_bindings(st);
		return st;
	}
	rc = sqlite3_prepare_v3(db->handle, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL);
	if (rc != SQLITE_OK) {
		db_fail(db, rc, e, "prepare");
		return NULL;
	}
	g_hash_table_insert(db->stmts, g_strdup(sql), st);
	return st;
}

int
db_step_done(struct db *db, sqlite3_stmt *st, struct mado_err *e)
{
	int rc = sqlite3_step(st);

	sqlite3_reset(st);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return db_fail(db, rc, e, "write");
	return MADO_OK;
}

int
db_fetch_one(struct db *db, sqlite3_stmt *st, db_fill_fn fill, void *row, const char *what,
	struct mado_err *e)
{
	int rc = sqlite3_step(st);

	if (rc == SQLITE_ROW)
		fill(st, row);
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return MADO_OK;
	return rc == SQLITE_DONE ? MADO_ENOTFOUND : db_fail(db, rc, e, what);
}

char *
db_col_strdup(sqlite3_stmt *st, int col)
{
	const unsigned char *s = sqlite3_column_text(st, col);

	return strdup(s != NULL ? (const char *)s : "");
}

sqlite3_stmt *
db_prepare_range(struct db *db, const char *sql, int64_t from, int64_t to, struct mado_err *e)
{
	sqlite3_stmt *st = db_prepare(db, sql, e);

	if (st != NULL) {
		sqlite3_bind_int64(st, 1, from);
		sqlite3_bind_int64(st, 2, to);
	}
	return st;
}

int
db_rows_done(struct db *db, sqlite3_stmt *st, int rc, const char *what, struct mado_err *e)
{
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? MADO_OK : db_fail(db, rc, e, what);
}

const char *
db_col_text(sqlite3_stmt *st, int col)
{
	const unsigned char *s = sqlite3_column_text(st, col);

	return s != NULL ? (const char *)s : "";
}

int
db_bind_text(sqlite3_stmt *st, int idx, const char *s)
{
	if (s == NULL)
		return sqlite3_bind_null(st, idx);
	return sqlite3_bind_text(st, idx, s, -1, SQLITE_TRANSIENT);
}

int
db_bind_id(sqlite3_stmt *st, int idx, int64_t id)
{
	if (id <= 0)
		return sqlite3_bind_null(st, idx);
	return sqlite3_bind_int64(st, idx, id);
}

static int
exec(struct db *db, const char *sql, struct mado_err *e, const char *what)
{
	int rc = sqlite3_exec(db->handle, sql, NULL, NULL, NULL);

	return rc == SQLITE_OK ? MADO_OK : db_fail(db, rc, e, what);
}

static void
sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

/* Waiting for the write lock. SQLite's own busy_timeout sleeps in steps
 * growing to 100 ms, so with thirty writers a process that lost a few
 * times sleeps while others take the lock again and again: saves of a
 * fraction of a millisecond then waited seconds. Retrying every
 * millisecond or so (with jitter, so waiters do not retry in step) gives
 * every waiter about the same chance at each release. */
static int
busy_wait(void *p, int count)
{
	int64_t *since = p;
	int64_t now = g_get_monotonic_time();

	if (count == 0)
		*since = now;
	else if (now - *since >= BUSY_TIMEOUT_MS * 1000LL)
		return 0;
	g_usleep((gulong)g_random_int_range(500, 1500));
	return 1;
}

int
db_txn(struct db *db, db_txn_fn fn, void *ctx, struct mado_err *e)
{
	/* The whole wait counts, SQLite's busy waits included. */
	int64_t start = g_get_monotonic_time();
	long delay = 2;
	int st;

	if (db->in_txn) /* nested call joins the outer unit of work */
		return fn(db, ctx, e);
	for (;;) {
		mado_err_clear(e);
		st = exec(db, "BEGIN IMMEDIATE", e, "begin");
		if (st == MADO_OK) {
			db->in_txn = 1;
			st = fn(db, ctx, e);
			db->in_txn = 0;
			if (st == MADO_OK)
				st = exec(db, "COMMIT", e, "commit");
			if (st != MADO_OK)
				sqlite3_exec(db->handle, "ROLLBACK", NULL, NULL, NULL);
		}
		if (st != MADO_ETEMP || g_get_monotonic_time() - start >= TXN_RETRY_MS * 1000LL)
			return st;
		/* Back off with jitter so competing writers do not retry in step. */
		sleep_ms(delay + g_random_int_range(0, (int)delay + 1));
		if (delay < 200)
			delay *= 2;
	}
}

int
db_read(struct db *db, db_txn_fn fn, void *ctx, struct mado_err *e)
{
	int st;

	if (db->in_txn)
		return fn(db, ctx, e);
	/* A deferred BEGIN takes no lock; the snapshot starts at the first read. */
	if ((st = exec(db, "BEGIN", e, "begin")) != MADO_OK)
		return st;
	db->in_txn = 1;
	st = fn(db, ctx, e);
	db->in_txn = 0;
	/* Nothing was written: ending it cannot lose work, and its status
	 * matters only when fn succeeded. */
	if (st == MADO_OK)
		st = exec(db, "COMMIT", e, "commit");
	else
		sqlite3_exec(db->handle, "ROLLBACK", NULL, NULL, NULL);
	return st;
}

int64_t
db_data_version(struct db *db)
{
	sqlite3_stmt *st = db_prepare(db, "PRAGMA data_version", NULL);
	int64_t v = -1;

	if (st != NULL && sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	if (st != NULL)
		sqlite3_reset(st);
	return v;
}

int
db_schema_latest(void)
{
	return schema_step_count();
}

int
db_schema_version(struct db *db)
{
	sqlite3_stmt *st = db_prepare(db, "PRAGMA user_version", NULL);
	int v = -1;

	if (st != NULL && sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int(st, 0);
	if (st != NULL)
		sqlite3_reset(st);
	return v;
}

struct migrate_ctx {
	int from;
};

static int
migrate_step(struct db *db, void *p, struct mado_err *e)
{
	struct migrate_ctx *m = p;
	char pragma[64];
	int st;

	/* Re-read inside the write lock: another process may have migrated. */
	if (db_schema_version(db) != m->from)
		return MADO_OK;
	st = exec(db, schema_step(m->from), e, "migration");
	if (st != MADO_OK) {
		mado_err_prefix(e, "schema step %d -> %d: ", m->from, m->from + 1);
		return st;
	}
	/* PRAGMA takes no bound parameters; the value is our own integer. */
	g_snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d", m->from + 1);
	return exec(db, pragma, e, "set schema version");
}

static int
migrate(struct db *db, struct mado_err *e)
{
	int v;

	while ((v = db_schema_version(db)) < db_schema_latest()) {
		struct migrate_ctx m = { v };
		int st;

		if (v < 0)
			return mado_err_set(e, MADO_EFAIL, _("cannot read the schema version"));
		st = db_txn(db, migrate_step, &m, e);
		if (st != MADO_OK)
			return st;
	}
	if (v > db_schema_latest())
		return mado_err_set(e, MADO_ECONFIG,
			_("schema version %d is newer than this program knows (%d); "
			"upgrade Madoguchi"), v, db_schema_latest());
	return MADO_OK;
}

int
db_open(const char *path, int create, struct db **out, struct mado_err *e)
{
	struct db *db;
	int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;
	int rc, st;

	*out = NULL;
	if (create)
		flags |= SQLITE_OPEN_CREATE;
	db = calloc(1, sizeof *db);
	if (db == NULL)
		return mado_err_set(e, MADO_EFAIL, "out of memory");
	db->path = strdup(path);
	db->stmts = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, stmt_finalize);
	rc = sqlite3_open_v2(path, &db->handle, flags, NULL);
	if (rc != SQLITE_OK) {
		st = mado_err_set(e, rc == SQLITE_CANTOPEN ? MADO_ENOTFOUND : MADO_EFAIL,
			_("%s: cannot open database: %s"), path,
			db->handle ? sqlite3_errmsg(db->handle) : sqlite3_errstr(rc));
		db_close(db);
		return st;
	}
	sqlite3_extended_result_codes(db->handle, 1);
	sqlite3_busy_handler(db->handle, busy_wait, &db->busy_since);
	/* Before migrations: a step may create an FTS5 table using it. */
	st = db_fts_register(db->handle, e);
	if (st == MADO_OK)
		st = exec(db, "PRAGMA journal_mode=WAL", e, "journal mode");
	/* trusted_schema ON: the search index (db/search_store.h) is kept in
	 * step by triggers that write to an FTS5 table, which SQLite refuses
	 * in a trigger ("unsafe use of virtual table") when it is OFF. The
	 * schema is our own, made by db/schema.c in a file that only mado and
	 * madod write (ARCHITECTURE: setgid, no caller-chosen path). */
	if (st == MADO_OK)
		st = exec(db, "PRAGMA foreign_keys=ON; PRAGMA synchronous=FULL;"
			" PRAGMA trusted_schema=ON", e, "pragmas");
	/* With the schema trusted, nothing may rewrite it behind SQLite's
	 * back (writable_schema, direct edits of the schema table). */
	if (st == MADO_OK &&
	    sqlite3_db_config(db->handle, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL) != SQLITE_OK)
		st = db_fail(db, sqlite3_errcode(db->handle), e, "defensive mode");
	if (st == MADO_OK)
		st = migrate(db, e);
	if (st != MADO_OK) {
		mado_err_prefix(e, "%s: ", path);
		db_close(db);
		return st;
	}
	*out = db;
	return MADO_OK;
}

void
db_close(struct db *db)
{
	if (db == NULL)
		return;
	if (db->stmts != NULL)
		g_hash_table_destroy(db->stmts);
	if (db->handle != NULL)
		sqlite3_close(db->handle);
	free(db->path);
	free(db);
}

sqlite3 *
db_handle(struct db *db)
{
	return db->handle;
}

const char *
db_path(const struct db *db)
{
	return db->path;
}
