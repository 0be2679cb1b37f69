#include "mail_store.h"

#include <stddef.h>

/* The first two columns as ids (NULL as 0). */
static void
fill_ids(sqlite3_stmt *st, void *row)
{
	int64_t *ids = row;

	ids[0] = sqlite3_column_int64(st, 0);
	ids[1] = sqlite3_column_int64(st, 1);
}

int
mail_insert(struct db *db, const struct mail_insert *m, int64_t *id, struct mado_err *e)
{
	sqlite3_stmt *st = db_prepare(db,
		"INSERT INTO mail_message(direction, queue_id, message_id, ticket_id, comment_id,"
		" sender, subject, disposition, raw_sha256, at)"
		" VALUES (?1, (SELECT id FROM queue WHERE code = ?2), ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
		e);
	int rc;

	if (st == NULL)
		return e->status;
	db_bind_text(st, 1, m->direction);
	db_bind_text(st, 2, m->queue);
	db_bind_text(st, 3, m->message_id);
	db_bind_id(st, 4, m->ticket_id);
	db_bind_id(st, 5, m->comment_id);
	db_bind_text(st, 6, m->sender ? m->sender : "");
	db_bind_text(st, 7, m->subject ? m->subject : "");
	db_bind_text(st, 8, m->disposition);
	db_bind_text(st, 9, m->raw_sha256);
	sqlite3_bind_int64(st, 10, m->at);
	if ((rc = db_step_done(db, st, e)) == MADO_OK && id != NULL)
		*id = sqlite3_last_insert_rowid(db_handle(db));
	return rc;
}

int
mail_find_in(struct db *db, const char *queue, const char *message_id, int64_t *id,
	int64_t *ticket_id, struct mado_err *e)
{
	sqlite3_stmt *st = db_prepare(db,
		"SELECT id, ticket_id FROM mail_message WHERE direction = 'in'"
		" AND queue_id = (SELECT id FROM queue WHERE code = ?1) AND message_id = ?2", e);
	int64_t ids[2] = { 0, 0 };
	int rc;

	if (st == NULL)
		return e->status;
	db_bind_text(st, 1, queue);
	db_bind_text(st, 2, message_id);
	rc = db_fetch_one(db, st, fill_ids, ids, "mail_message", e);
	*id = ids[0];
	*ticket_id = ids[1];
	return rc;
}

int
mail_lookup(struct db *db, const char *direction, const char *message_id, int64_t *ticket_id,
	struct mado_err *e)
{
	sqlite3_stmt *st = db_prepare(db,
		"SELECT ticket_id, id FROM mail_message INDEXED BY mail_message_mid"
		" WHERE message_id = ?1 AND (?2 IS NULL OR direction = ?2)"
		" ORDER BY ticket_id IS NULL, at DESC, id DESC LIMIT 1", e);
	int64_t ids[2] = { 0, 0 };
	int rc;

	if (st == NULL)
		return e->status;
	db_bind_text(st, 1, message_id);
	db_bind_text(st, 2, direction);
	rc = db_fetch_one(db, st, fill_ids, ids, "mail_message", e);
	*ticket_id = ids[0];
	return rc;
}

int
mail_is_queue_address(struct db *db, const char *addr, bool *out, struct mado_err *e)
{
	sqlite3_stmt *st = db_prepare(db,
		"SELECT count(*), 0 FROM queue WHERE email <> '' AND lower(trim(email)) = ?1", e);
	int64_t ids[2] = { 0, 0 };
	int rc;

	if (st == NULL)
		return e->status;
	db_bind_text(st, 1, addr);
	rc = db_fetch_one(db, st, fill_ids, ids, "queue", e);
	*out = ids[0] > 0;
	return rc;
}

int
mail_sender_match(struct db *db, const char *addr, int64_t *staff_id, int64_t *contact_id,
	struct mado_err *e)
{
	sqlite3_stmt *st = db_prepare(db,
		"SELECT (SELECT id FROM staff WHERE active = 1 AND email <> ''"
		"   AND lower(email) = ?1 ORDER BY id LIMIT 1),"
		" (SELECT id FROM vendor_contact WHERE active = 1 AND email <> ''"
		"   AND lower(email) = ?1 ORDER BY id LIMIT 1)", e);
	int64_t ids[2] = { 0, 0 };
	int rc;

	if (st == NULL)
		return e->status;
	db_bind_text(st, 1, addr);
	rc = db_fetch_one(db, st, fill_ids, ids, "requester", e);
	*staff_id = ids[0];
	*contact_id = ids[1];
	return rc;
}

int
autoreply_count(struct db *db, const char *sender, int64_t since, int64_t *n,
	struct mado_err *e)
{
	sqlite3_stmt *st = db_prepare(db,
		"DELETE FROM autoreply_log WHERE sender = ?1 AND at < ?2", e);
	int64_t ids[2] = { 0, 0 };
	int rc;

	if (st == NULL)
		return e->status;
	db_bind_text(st, 1, sender);
	sqlite3_bind_int64(st, 2, since);
	if ((rc = db_step_done(db, st, e)) != MADO_OK)
		return rc;
	if ((st = db_prepare(db, "SELECT count(*), 0 FROM autoreply_log WHERE sender = ?1", e))
	    == NULL)
		return e->status;
	db_bind_text(st, 1, sender);
	rc = db_fetch_one(db, st, fill_ids, ids, "autoreply_log", e);
	*n = ids[0];
	return rc;
}

int
autoreply_add(struct db *db, const char *sender, int64_t at, struct mado_err *e)
{
	sqlite3_stmt *st = db_prepare(db,
		"INSERT INTO autoreply_log(sender, at) VALUES (?1, ?2)", e);

	if (st == NULL)
		return e->status;
	db_bind_text(st, 1, sender);
	sqlite3_bind_int64(st, 2, at);
	return db_step_done(db, st, e);
}

int
alert_open_find(struct db *db, const char *rule, const char *host, const char *check,
	int64_t *ticket_id, struct mado_err *e)
{
	sqlite3_stmt *st = db_prepare(db,
		"SELECT ticket_id, 0 FROM alert_state INDEXED BY alert_state_open"
		" WHERE rule = ?1 AND host = ?2 AND check_name = ?3 AND open = 1", e);
	int64_t ids[2] = { 0, 0 };
	int rc;

	if (st == NULL)
		return e->status;
	db_bind_text(st, 1, rule);
	db_bind_text(st, 2, host);
	db_bind_text(st, 3, check);
	rc = db_fetch_one(db, st, fill_ids, ids, "alert_state", e);
	*ticket_id = ids[0];
	return rc;
}

int
alert_open_insert(struct db *db, int64_t ticket_id, const char *rule, const char *host,
	const char *check, int64_t at, struct mado_err *e)
{
	sqlite3_stmt *st = db_prepare(db,
		"INSERT INTO alert_state(ticket_id, rule, host, check_name, first_at, last_at)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?5)", e);

	if (st == NULL)
		return e->status;
	sqlite3_bind_int64(st, 1, ticket_id);
	db_bind_text(st, 2, rule);
	db_bind_text(st, 3, host);
	db_bind_text(st, 4, check);
	sqlite3_bind_int64(st, 5, at);
	return db_step_done(db, st, e);
}

int
alert_seen(struct db *db, int64_t ticket_id, int64_t at, struct mado_err *e)
{
	sqlite3_stmt *st = db_prepare(db,
		"UPDATE alert_state SET last_at = max(last_at, ?2) WHERE ticket_id = ?1", e);

	if (st == NULL)
		return e->status;
	sqlite3_bind_int64(st, 1, ticket_id);
	sqlite3_bind_int64(st, 2, at);
	return db_step_done(db, st, e);
}

int
alert_close(struct db *db, int64_t ticket_id, int64_t at, struct mado_err *e)
{
	sqlite3_stmt *st = db_prepare(db,
		"UPDATE alert_state SET open = 0, recovered_at = ?2 WHERE ticket_id = ?1", e);

	if (st == NULL)
		return e->status;
	sqlite3_bind_int64(st, 1, ticket_id);
	db_bind_id(st, 2, at);
	return db_step_done(db, st, e);
}

int
alert_occurrence_add(struct db *db, int64_t ticket_id, const char *kind, int64_t at,
	bool after_hours, int64_t mail_id, struct mado_err *e)
{
	sqlite3_stmt *st = db_prepare(db,
		"INSERT INTO alert_occurrence(ticket_id, kind, at, after_hours, mail_id)"
		" VALUES (?1, ?2, ?3, ?4, ?5)", e);

	if (st == NULL)
		return e->status;
	sqlite3_bind_int64(st, 1, ticket_id);
	db_bind_text(st, 2, kind);
	sqlite3_bind_int64(st, 3, at);
	sqlite3_bind_int(st, 4, after_hours ? 1 : 0);
	db_bind_id(st, 5, mail_id);
	return db_step_done(db, st, e);
}
