#include "outbox_store.h"

#include <stddef.h>


#define OUTBOX_COLS \
	"SELECT id, created_at, COALESCE(ticket_id, 0), COALESCE(comment_id, 0), event," \
	" recipient, lang, state, last_error, COALESCE(message_id, ''), attempts," \
	" next_attempt_at, COALESCE(sent_at, 0)," \
	" COALESCE((SELECT number FROM ticket WHERE id = outbox.ticket_id), '') FROM outbox "

/* Steps st and calls fn for each row; resets st. */
static int
each_row(struct db *db, sqlite3_stmt *st, outbox_row_fn fn, void *ctx, int *nrows,
	struct mado_err *e)
{
	int rc, st_fn = MADO_OK;

	*nrows = 0;
	while (st_fn == MADO_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct outbox_row r = {
			.id = sqlite3_column_int64(st, 0),
			.created_at = sqlite3_column_int64(st, 1),
			.ticket_id = sqlite3_column_int64(st, 2),
			.comment_id = sqlite3_column_int64(st, 3),
			.event = (const char *)sqlite3_column_text(st, 4),
			.recipient = (const char *)sqlite3_column_text(st, 5),
			.lang = (const char *)sqlite3_column_text(st, 6),
			.state = (const char *)sqlite3_column_text(st, 7),
			.last_error = (const char *)sqlite3_column_text(st, 8),
			.message_id = (const char *)sqlite3_column_text(st, 9),
			.attempts = sqlite3_column_int(st, 10),
			.next_attempt_at = sqlite3_column_int64(st, 11),
			.sent_at = sqlite3_column_int64(st, 12),
			.ticket_number = (const char *)sqlite3_column_text(st, 13),
		};

		(*nrows)++;
		st_fn = fn(&r, ctx);
	}
	sqlite3_reset(st);
	if (st_fn != MADO_OK)
		return st_fn;
	return rc == SQLITE_DONE ? MADO_OK : db_fail(db, rc, e, "outbox");
}

int
outbox_due(struct db *db, int64_t now, int limit, outbox_row_fn fn, void *ctx,
	struct mado_err *e)
{
	sqlite3_stmt *st = db_prepare(db, OUTBOX_COLS "INDEXED BY outbox_pending"
		" WHERE state = 'pending' AND next_attempt_at <= ?1"
		" AND (claimed_until IS NULL OR claimed_until < ?1)"
		" AND NOT EXISTS (SELECT 1 FROM outbox AS held INDEXED BY outbox_pending"
		"  WHERE held.state = 'pending' AND held.ticket_id = outbox.ticket_id"
		"  AND held.claimed_until >= ?1)"
		" ORDER BY next_attempt_at, id LIMIT ?2", e);
	int n;

	if (st == NULL)
		return e->status;
	sqlite3_bind_int64(st, 1, now);
	sqlite3_bind_int(st, 2, limit);
	return each_row(db, st, fn, ctx, &n, e);
}

int
outbox_list(struct db *db, const char *state, int64_t before_id, int limit, outbox_row_fn fn,
	void *ctx, struct mado_err *e)
{
	sqlite3_stmt *st = db_prepare(db, OUTBOX_COLS
		" WHERE (?1 IS NULL OR state = ?1) AND (?2 IS NULL OR id < ?2)"
		" ORDER BY id DESC LIMIT ?3", e);
	int n;

	if (st == NULL)
		return e->status;
	db_bind_text(st, 1, state);
	db_bind_id(st, 2, before_id);
	sqlite3_bind_int(st, 3, limit);
	return each_row(db, st, fn, ctx, &n, e);
}

int
outbox_get(struct db *db, int64_t id, outbox_row_fn fn, void *ctx, struct mado_err *e)
{
	sqlite3_stmt *st = db_prepare(db, OUTBOX_COLS " WHERE id = ?1", e);
	int n, rc;

	if (st == NULL)
		return e->status;
	sqlite3_bind_int64(st, 1, id);
	rc = each_row(db, st, fn, ctx, &n, e);
	return rc == MADO_OK && n == 0 ? MADO_ENOTFOUND : rc;
}

int
outbox_set_sent(struct db *db, int64_t id, const char *message_id, int64_t at,
	struct mado_err *e)
{
	sqlite3_stmt *st = db_prepare(db,
		"UPDATE outbox SET state = 'sent', message_id = ?2, sent_at = ?3, last_error = '',"
		" claimed_until = NULL WHERE id = ?1 AND state = 'pending'", e);
	int rc;

	if (st == NULL)
		return e->status;
	sqlite3_bind_int64(st, 1, id);
	db_bind_text(st, 2, message_id);
	sqlite3_bind_int64(st, 3, at);
	if ((rc = db_step_done(db, st, e)) != MADO_OK)
		return rc;
	return sqlite3_changes(db_handle(db)) == 1 ? MADO_OK : MADO_ENOTFOUND;
}

int
outbox_claim(struct db *db, int64_t id, int64_t until, struct mado_err *e)
{
	sqlite3_stmt *st = db_prepare(db,
		"UPDATE outbox SET claimed_until = ?2 WHERE id = ?1", e);

	if (st == NULL)
		return e->status;
	sqlite3_bind_int64(st, 1, id);
	db_bind_id(st, 2, until);
	return db_step_done(db, st, e);
}

int
outbox_retry(struct db *db, int64_t id, int64_t now, struct mado_err *e)
{
	sqlite3_stmt *st = db_prepare(db,
		"UPDATE outbox SET state = 'pending', attempts = 0, next_attempt_at = ?2"
		" WHERE id = ?1 AND state <> 'sent'", e);
	int rc;

	if (st == NULL)
		return e->status;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, now);
	if ((rc = db_step_done(db, st, e)) != MADO_OK)
		return rc;
	return sqlite3_changes(db_handle(db)) == 1 ? MADO_OK : MADO_ENOTFOUND;
}

int
outbox_set_attempt(struct db *db, int64_t id, int attempts, int64_t next_at, const char *state,
	const char *error, struct mado_err *e)
{
	sqlite3_stmt *st = db_prepare(db,
		"UPDATE outbox SET attempts = ?2, next_attempt_at = ?3, state = ?4, last_error = ?5,"
		" claimed_until = NULL WHERE id = ?1 AND state <> 'sent'", e);

	if (st == NULL)
		return e->status;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int(st, 2, attempts);
	sqlite3_bind_int64(st, 3, next_at);
	db_bind_text(st, 4, state);
	db_bind_text(st, 5, error);
	return db_step_done(db, st, e);
}

int
mail_out_insert(struct db *db, const struct mail_out *m, struct mado_err *e)
{
	sqlite3_stmt *st = db_prepare(db,
		"INSERT INTO mail_message(direction, message_id, ticket_id, comment_id, outbox_id,"
		" sender, subject, disposition, raw_sha256, at)"
		" VALUES ('out', ?1, ?2, ?3, ?4, ?5, ?6, 'sent', ?7, ?8)", e);

	if (st == NULL)
		return e->status;
	db_bind_text(st, 1, m->message_id);
	db_bind_id(st, 2, m->ticket_id);
	db_bind_id(st, 3, m->comment_id);
	db_bind_id(st, 4, m->outbox_id);
	db_bind_text(st, 5, m->sender);
	db_bind_text(st, 6, m->subject);
	db_bind_text(st, 7, m->raw_sha256);
	sqlite3_bind_int64(st, 8, m->at);
	return db_step_done(db, st, e);
}

int
mail_ids_of_ticket(struct db *db, int64_t ticket_id, mail_id_fn fn, void *ctx,
	struct mado_err *e)
{
	sqlite3_stmt *st = db_prepare(db,
		"SELECT direction, message_id FROM mail_message INDEXED BY mail_message_ticket"
		" WHERE ticket_id = ?1 AND disposition NOT IN ('bounce', 'duplicate', 'ignored')"
		" ORDER BY at, id", e);
	int rc;

	if (st == NULL)
		return e->status;
	sqlite3_bind_int64(st, 1, ticket_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		fn((const char *)sqlite3_column_text(st, 0),
			(const char *)sqlite3_column_text(st, 1), ctx);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? MADO_OK : db_fail(db, rc, e, "mail of the ticket");
}
