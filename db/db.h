/* The database connection: one SQLite file in WAL mode shared by every
 * mado and madod process. Opening applies pending migrations. Writes go
 * through db_txn(), which takes the write lock up front (BEGIN IMMEDIATE)
 * and retries the whole unit of work when another process holds it. */
#ifndef MADO_DB_H
#define MADO_DB_H

#include <sqlite3.h>
#include <stdint.h>

#include "base/err.h"

struct db;

/* Opens path (creating it if asked), sets pragmas and migrates to the
 * newest schema. On failure returns a status and *out stays NULL.
 * The caller frees with db_close(). */
int db_open(const char *path, int create, struct db **out, struct mado_err *e);
void db_close(struct db *db);

sqlite3 *db_handle(struct db *db);
const char *db_path(const struct db *db);

/* Runs fn inside BEGIN IMMEDIATE ... COMMIT. When fn or the commit fails
 * with SQLITE_BUSY/LOCKED the transaction is rolled back and fn is called
 * again (with back-off, up to a total wait of about 30 s); any other
 * non-zero status from fn rolls back and is returned. fn must therefore
 * have no effects outside the database. */
typedef int (*db_txn_fn)(struct db *db, void *ctx, struct mado_err *e);
int db_txn(struct db *db, db_txn_fn fn, void *ctx, struct mado_err *e);

/* Runs fn inside a read transaction (BEGIN ... COMMIT, no write lock):
 * every statement fn runs reads the same snapshot of the database, so
 * figures read one after the other agree with each other even while
 * other processes commit. Inside db_txn() or another db_read() it joins
 * the transaction already open. */
int db_read(struct db *db, db_txn_fn fn, void *ctx, struct mado_err *e);

/* Converts a SQLite result code into our status, keeping the message.
 * SQLITE_BUSY/LOCKED become MADO_ETEMP so db_txn() retries. */
int db_fail(struct db *db, int rc, struct mado_err *e, const char *what);

/* Prepared statements cached per connection by their text. The statement
 * is reset and its bindings cleared; do not finalize it. */
sqlite3_stmt *db_prepare(struct db *db, const char *sql, struct mado_err *e);

/* Steps a bound query for one row: fill(st, row) when it comes, then
 * resets st. MADO_OK, MADO_ENOTFOUND (no message: callers name what was
 * missing) when no row, else the failure, named by what. */
typedef void (*db_fill_fn)(sqlite3_stmt *st, void *row);
int db_fetch_one(struct db *db, sqlite3_stmt *st, db_fill_fn fill, void *row, const char *what,
	struct mado_err *e);

/* db_prepare() with ?1 and ?2 bound to the range [from, to). */
sqlite3_stmt *db_prepare_range(struct db *db, const char *sql, int64_t from, int64_t to,
	struct mado_err *e);
/* Ends a walk over a statement's rows: resets st; MADO_OK when the last
 * step returned SQLITE_DONE (rc), else the failure named by what. */
int db_rows_done(struct db *db, sqlite3_stmt *st, int rc, const char *what,
	struct mado_err *e);

/* Runs a statement with no result rows (after binding); resets it. */
int db_step_done(struct db *db, sqlite3_stmt *st, struct mado_err *e);

/* Column text as a newly allocated string ("" for NULL); caller frees. */
char *db_col_strdup(sqlite3_stmt *st, int col);
/* Column text valid until the next step or reset ("" for NULL). */
const char *db_col_text(sqlite3_stmt *st, int col);

/* Binds text, or NULL when s is NULL. */
int db_bind_text(sqlite3_stmt *st, int idx, const char *s);
/* Binds an id, or NULL when id <= 0. */
int db_bind_id(sqlite3_stmt *st, int idx, int64_t id);

/* PRAGMA data_version: changes when another connection commits, so a
 * client can refresh what it shows without polling tables. */
int64_t db_data_version(struct db *db);

/* The schema version the file is at, and the newest this program knows. */
int db_schema_version(struct db *db);
int db_schema_latest(void);

#endif
