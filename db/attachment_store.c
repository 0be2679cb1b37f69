#include "attachment_store.h"

#include <glib.h>
#include <stdlib.h>
#include <string.h>

int
attachment_max_bytes_get(struct db *db, int64_t *out, struct mado_err *e)
{
	sqlite3_stmt *st = db_prepare(db,
		"SELECT value FROM setting WHERE key = 'attachment.max_bytes'", e);
	int64_t v = 0;
	char *end = NULL;
	int rc;

	if (st == NULL)
		return e->status;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		const char *s = (const char *)sqlite3_column_text(st, 0);

		if (s != NULL)
			v = g_ascii_strtoll(s, &end, 10);
		if (end == NULL || end == s || *end != '\0')
			v = 0;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_fail(db, rc, e, "attachment limit");
	if (v <= 0)
		return mado_err_set(e, MADO_ECONFIG,
			"setting attachment.max_bytes: missing or not a positive number of bytes");
	*out = v;
	return MADO_OK;
}

int
attachment_owner_get(struct db *db, const char *owner_type, int64_t owner_id,
	struct attachment_owner *out, struct mado_err *e)
{
	/* One fixed statement per owner type: table names are never spliced. */
	const char *sql = strcmp(owner_type, "ticket") == 0
		? "SELECT 0, number FROM ticket WHERE id = ?1"
		: strcmp(owner_type, "kb") == 0
		? "SELECT public, faq_no FROM kb_article WHERE id = ?1" : NULL;
	sqlite3_stmt *st;
	int rc;

	memset(out, 0, sizeof *out);
	if (sql == NULL)
		return mado_err_set(e, MADO_EDATA, "attachment: no owner type '%s'", owner_type);
	if ((st = db_prepare(db, sql, e)) == NULL)
		return e->status;
	sqlite3_bind_int64(st, 1, owner_id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		const unsigned char *ref = sqlite3_column_text(st, 1);

		out->public = sqlite3_column_int(st, 0);
		g_strlcpy(out->ref, ref != NULL ? (const char *)ref : "", sizeof out->ref);
	}
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return MADO_OK;
	return rc == SQLITE_DONE ? MADO_ENOTFOUND : db_fail(db, rc, e, "attachment owner");
}

int
blob_put(struct db *db, const char *sha256, const void *data, size_t len,
	struct mado_err *e)
{
	sqlite3_stmt *st = db_prepare(db,
		"INSERT OR IGNORE INTO blob(sha256, size, data) VALUES (?1, ?2, ?3)", e);

	if (st == NULL)
		return e->status;
	db_bind_text(st, 1, sha256);
	sqlite3_bind_int64(st, 2, (sqlite3_int64)len);
	/* An empty file is an empty blob, not NULL (which the column refuses). */
	if (len == 0)
		sqlite3_bind_zeroblob(st, 3, 0);
	else
		sqlite3_bind_blob64(st, 3, data, (sqlite3_uint64)len, SQLITE_STATIC);
	return db_step_done(db, st, e);
}

int
blob_get(struct db *db, const char *sha256, void **data, size_t *len, struct mado_err *e)
{
	sqlite3_stmt *st = db_prepare(db, "SELECT data FROM blob WHERE sha256 = ?1", e);
	int rc;

	*data = NULL;
	*len = 0;
	if (st == NULL)
		return e->status;
	db_bind_text(st, 1, sha256);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		const void *p = sqlite3_column_blob(st, 0);
		int n = sqlite3_column_bytes(st, 0);

		*len = (size_t)n;
		*data = malloc(*len + 1);
		if (*data != NULL) {
			if (n > 0)
				memcpy(*data, p, *len);
			((char *)*data)[*len] = '\0';
		}
	}
	sqlite3_reset(st);
	if (rc == SQLITE_ROW && *data == NULL)
		return mado_err_set(e, MADO_EFAIL, "attachment: out of memory for %zu bytes", *len);
	if (rc == SQLITE_ROW)
		return MADO_OK;
	return rc == SQLITE_DONE ? MADO_ENOTFOUND : db_fail(db, rc, e, "blob read");
}

int
attachment_insert(struct db *db, const struct attachment_insert *in, int64_t *id,
	struct mado_err *e)
{
	sqlite3_stmt *st = db_prepare(db,
		"INSERT INTO attachment(owner_type, owner_id, sha256, filename, mime, size,"
		" created_at, created_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)", e);
	int rc;

	if (st == NULL)
		return e->status;
	db_bind_text(st, 1, in->owner_type);
	sqlite3_bind_int64(st, 2, in->owner_id);
	db_bind_text(st, 3, in->sha256);
	db_bind_text(st, 4, in->filename);
	db_bind_text(st, 5, in->mime);
	sqlite3_bind_int64(st, 6, in->size);
	sqlite3_bind_int64(st, 7, in->created_at);
	db_bind_id(st, 8, in->created_by);
	if ((rc = db_step_done(db, st, e)) != MADO_OK)
		return rc;
	*id = sqlite3_last_insert_rowid(db_handle(db));
	return MADO_OK;
}

#define ATTACHMENT_COLUMNS \
	"SELECT a.id, a.owner_type, a.owner_id, a.sha256, a.filename, a.mime, a.size," \
	" a.created_at, COALESCE(s.login, '')" \
	" FROM attachment a LEFT JOIN staff s ON s.id = a.created_by"

static void
row_fill(sqlite3_stmt *st, void *p)
{
	struct attachment_row *row = p;

	row->id = sqlite3_column_int64(st, 0);
	row->owner_type = db_col_strdup(st, 1);
	row->owner_id = sqlite3_column_int64(st, 2);
	row->sha256 = db_col_strdup(st, 3);
	row->filename = db_col_strdup(st, 4);
	row->mime = db_col_strdup(st, 5);
	row->size = sqlite3_column_int64(st, 6);
	row->created_at = sqlite3_column_int64(st, 7);
	row->created_by = db_col_strdup(st, 8);
}

void
attachment_row_clear(struct attachment_row *row)
{
	free(row->owner_type);
	free(row->sha256);
	free(row->filename);
	free(row->mime);
	free(row->created_by);
	memset(row, 0, sizeof *row);
}

int
attachment_get(struct db *db, int64_t id, struct attachment_row *row, struct mado_err *e)
{
	sqlite3_stmt *st = db_prepare(db, ATTACHMENT_COLUMNS " WHERE a.id = ?1", e);

	memset(row, 0, sizeof *row);
	if (st == NULL)
		return e->status;
	sqlite3_bind_int64(st, 1, id);
	return db_fetch_one(db, st, row_fill, row, "attachment read", e);
}

int
attachment_each(struct db *db, const char *owner_type, int64_t owner_id,
	attachment_row_fn fn, void *ctx, struct mado_err *e)
{
	sqlite3_stmt *st = db_prepare(db, ATTACHMENT_COLUMNS
		" WHERE a.owner_type = ?1 AND a.owner_id = ?2 ORDER BY a.id", e);
	int rc;

	if (st == NULL)
		return e->status;
	db_bind_text(st, 1, owner_type);
	sqlite3_bind_int64(st, 2, owner_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct attachment_row row;

		row_fill(st, &row);
		fn(&row, ctx);
		attachment_row_clear(&row);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? MADO_OK : db_fail(db, rc, e, "attachment list");
}
