#include "ticket_store.h"

#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"

/* Checks that a code names a row; returns MADO_EDATA naming the field. */
static int
ref_exists(struct db *db, const char *sql, const char *field, const char *code,
	struct mado_err *e)
{
	sqlite3_stmt *st;
	int rc;

	if (code == NULL || *code == '\0')
		return MADO_OK;
	st = db_prepare(db, sql, e);
	if (st == NULL)
		return e->status;
	db_bind_text(st, 1, code);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return MADO_OK;
	if (rc != SQLITE_DONE)
		return db_fail(db, rc, e, field);
	return mado_err_set(e, MADO_EDATA, _("%s: no such %s '%s'"), field, field, code);
}

#define Q_QUEUE "SELECT id FROM queue WHERE code = ?1 AND active"
#define Q_STAFF "SELECT id FROM staff WHERE login = ?1 AND active"
#define Q_CATEGORY "SELECT id FROM category WHERE code = ?1 AND active"
#define Q_SYSTEM "SELECT id FROM managed_system WHERE code = ?1 AND active"
#define Q_REQKIND "SELECT id FROM choice WHERE list = 'request_kind' AND code = ?1 AND active"

int
ticket_insert(struct db *db, const struct ticket_insert *t, int64_t *id, struct mado_err *e)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = ref_exists(db, Q_QUEUE, "queue", t->queue, e)) ||
	    (rc = ref_exists(db, Q_STAFF, "owner", t->owner, e)) ||
	    (rc = ref_exists(db, Q_CATEGORY, "category", t->category, e)) ||
	    (rc = ref_exists(db, Q_SYSTEM, "system", t->system, e)) ||
	    (rc = ref_exists(db, Q_REQKIND, "request_kind", t->request_kind, e)))
		return rc;
	st = db_prepare(db,
		"INSERT INTO ticket(kind, number, subject, body, status, priority, queue_id,"
		" owner_id, category_id, requester_staff_id, requester_name, requester_email,"
		" source, created_at, created_by, updated_at, due_at, requester_contact_id)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, (SELECT id FROM queue WHERE code = ?7),"
		" (SELECT id FROM staff WHERE login = ?8), (SELECT id FROM category WHERE code = ?9),"
		" ?10, ?11, ?12, ?13, ?14, ?15, ?14, ?16, ?17)", e);
	if (st == NULL)
		return e->status;
	db_bind_text(st, 1, t->kind);
	db_bind_text(st, 2, t->number);
	db_bind_text(st, 3, t->subject);
	db_bind_text(st, 4, t->body ? t->body : "");
	db_bind_text(st, 5, t->status);
	sqlite3_bind_int(st, 6, t->priority);
	db_bind_text(st, 7, t->queue);
	db_bind_text(st, 8, t->owner);
	db_bind_text(st, 9, t->category);
	db_bind_id(st, 10, t->requester_staff_id);
	db_bind_text(st, 11, t->requester_name ? t->requester_name : "");
	db_bind_text(st, 12, t->requester_email ? t->requester_email : "");
	db_bind_text(st, 13, t->source ? t->source : "phone");
	sqlite3_bind_int64(st, 14, t->created_at);
	db_bind_id(st, 15, t->created_by);
	if (t->due_at > 0)
		sqlite3_bind_int64(st, 16, t->due_at);
	db_bind_id(st, 17, t->requester_contact_id);
	if ((rc = db_step_done(db, st, e)) != MADO_OK)
		return rc;
	*id = sqlite3_last_insert_rowid(db_handle(db));
	if (strcmp(t->kind, "inquiry") == 0)
		st = db_prepare(db, "INSERT INTO ticket_inquiry(ticket_id) VALUES (?1)", e);
	else if (strcmp(t->kind, "incident") == 0)
		st = db_prepare(db,
			"INSERT INTO ticket_incident(ticket_id, system_id, occurred_at, after_hours)"
			" VALUES (?1, (SELECT id FROM managed_system WHERE code = ?2), ?3, ?4)", e);
	else
		st = db_prepare(db,
			"INSERT INTO ticket_request(ticket_id, request_kind) VALUES (?1, ?5)", e);
	if (st == NULL)
		return e->status;
	sqlite3_bind_int64(st, 1, *id);
	if (strcmp(t->kind, "incident") == 0) {
		db_bind_text(st, 2, t->system);
		sqlite3_bind_int64(st, 3, t->occurred_at > 0 ? t->occurred_at : t->created_at);
		sqlite3_bind_int(st, 4, t->after_hours);
	} else if (strcmp(t->kind, "request") == 0)
		db_bind_text(st, 5, t->request_kind);
	return db_step_done(db, st, e);
}

int
ticket_field_put(struct db *db, int64_t id, const char *name, const char *value,
	struct mado_err *e)
{
	sqlite3_stmt *st = db_prepare(db,
		"INSERT INTO ticket_field(ticket_id, name, value) VALUES (?1, ?2, ?3)"
		" ON CONFLICT(ticket_id, name) DO UPDATE SET value = excluded.value", e);

	if (st == NULL)
		return e->status;
	sqlite3_bind_int64(st, 1, id);
	db_bind_text(st, 2, name);
	db_bind_text(st, 3, value);
	return db_step_done(db, st, e);
}

int
ticket_id_by_number(struct db *db, const char *number, int64_t *id, struct mado_err *e)
{
	sqlite3_stmt *st = db_prepare(db, "SELECT id FROM ticket WHERE number = ?1", e);
	int rc;

	if (st == NULL)
		return e->status;
	db_bind_text(st, 1, number);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*id = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (rc == SQLITE_DONE)
		return mado_err_set(e, MADO_ENOTFOUND, _("no ticket %s"), number);
	return rc == SQLITE_ROW ? MADO_OK : db_fail(db, rc, e, "ticket");
}

int
ticket_get(struct db *db, int64_t id, struct ticket_row *r, struct mado_err *e)
{
	sqlite3_stmt *st = db_prepare(db,
		"SELECT t.id, t.kind, t.number, t.subject, t.body, t.status, t.source, t.priority,"
		" COALESCE(q.code, ''), COALESCE(q.name, ''), COALESCE(o.login, ''),"
		" COALESCE(o.name, ''), COALESCE(c.code, ''), COALESCE(c.name, ''),"
		" t.requester_name, t.requester_email, COALESCE(b.login, ''),"
		" t.created_at, t.updated_at, COALESCE(t.due_at, 0), COALESCE(t.closed_at, 0)"
		" FROM ticket t LEFT JOIN queue q ON q.id = t.queue_id"
		" LEFT JOIN staff o ON o.id = t.owner_id LEFT JOIN category c ON c.id = t.category_id"
		" LEFT JOIN staff b ON b.id = t.created_by WHERE t.id = ?1", e);
	int rc;

	memset(r, 0, sizeof *r);
	if (st == NULL)
		return e->status;
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		r->id = sqlite3_column_int64(st, 0);
		r->kind = db_col_strdup(st, 1);
		r->number = db_col_strdup(st, 2);
		r->subject = db_col_strdup(st, 3);
		r->body = db_col_strdup(st, 4);
		r->status = db_col_strdup(st, 5);
		r->source = db_col_strdup(st, 6);
		r->priority = sqlite3_column_int(st, 7);
		r->queue = db_col_strdup(st, 8);
		r->queue_name = db_col_strdup(st, 9);
		r->owner = db_col_strdup(st, 10);
		r->owner_name = db_col_strdup(st, 11);
		r->category = db_col_strdup(st, 12);
		r->category_name = db_col_strdup(st, 13);
		r->requester_name = db_col_strdup(st, 14);
		r->requester_email = db_col_strdup(st, 15);
		r->created_by = db_col_strdup(st, 16);
		r->created_at = sqlite3_column_int64(st, 17);
		r->updated_at = sqlite3_column_int64(st, 18);
		r->due_at = sqlite3_column_int64(st, 19);
		r->closed_at = sqlite3_column_int64(st, 20);
	}
	sqlite3_reset(st);
	if (rc == SQLITE_DONE)
		return mado_err_set(e, MADO_ENOTFOUND, _("no ticket #%lld"), (long long)id);
	return rc == SQLITE_ROW ? MADO_OK : db_fail(db, rc, e, "ticket");
}

void
ticket_row_clear(struct ticket_row *r)
{
	char **strs[] = {
		&r->kind, &r->number, &r->subject, &r->body, &r->status, &r->source,
		&r->queue, &r->queue_name, &r->owner, &r->owner_name, &r->category,
		&r->category_name, &r->requester_name, &r->requester_email, &r->created_by,
	};

	for (size_t i = 0; i < sizeof strs / sizeof strs[0]; i++)
		free(*strs[i]);
	memset(r, 0, sizeof *r);
}

/* Each changeable field with its own fixed statements. check is the query
 * that must find a code (NULL for plain values). */
struct value_field {
	const char *name, *kind, *get, *set, *check;
	int not_null; /* text columns that are NOT NULL take "" for no value */
};

#define T_TEXT(n) { #n, "", "SELECT " #n " FROM ticket WHERE id = ?1", \
	"UPDATE ticket SET " #n " = ?2 WHERE id = ?1", NULL, 1 }
#define T_INT(n) { #n, "", "SELECT " #n " FROM ticket WHERE id = ?1", \
	"UPDATE ticket SET " #n " = ?2 WHERE id = ?1", NULL, 0 }
#define T_REF(n, col, table, key, chk) { n, "", \
	"SELECT r." key " FROM ticket t JOIN " table " r ON r.id = t." col " WHERE t.id = ?1", \
	"UPDATE ticket SET " col " = (SELECT id FROM " table " WHERE " key " = ?2) WHERE id = ?1", \
	chk, 0 }
#define D_TEXT(k, n) { #n, #k, "SELECT " #n " FROM ticket_" #k " WHERE ticket_id = ?1", \
	"UPDATE ticket_" #k " SET " #n " = ?2 WHERE ticket_id = ?1", NULL, 1 }
#define D_INT(k, n) { #n, #k, "SELECT " #n " FROM ticket_" #k " WHERE ticket_id = ?1", \
	"UPDATE ticket_" #k " SET " #n " = ?2 WHERE ticket_id = ?1", NULL, 0 }

static const struct value_field value_fields[] = {
	T_TEXT(subject), T_TEXT(body), T_TEXT(status), T_INT(priority),
	T_TEXT(requester_name), T_TEXT(requester_email), T_INT(due_at), T_INT(closed_at),
	T_REF("queue", "queue_id", "queue", "code", Q_QUEUE),
	T_REF("owner", "owner_id", "staff", "login", Q_STAFF),
	T_REF("category", "category_id", "category", "code", Q_CATEGORY),
	{ "system", "incident",
	  "SELECT s.code FROM ticket_incident i JOIN managed_system s ON s.id = i.system_id"
	  " WHERE i.ticket_id = ?1",
	  "UPDATE ticket_incident SET system_id = (SELECT id FROM managed_system WHERE code = ?2)"
	  " WHERE ticket_id = ?1", Q_SYSTEM, 0 },
	D_INT(incident, occurred_at), D_INT(incident, recovered_at),
	D_TEXT(incident, triage), D_TEXT(incident, impact), D_TEXT(incident, cause),
	D_TEXT(incident, recovery_plan), D_TEXT(incident, recovery_report),
	D_TEXT(incident, prevention), D_INT(incident, after_hours), D_INT(incident, callout),
	D_INT(incident, occurrences),
	{ "request_kind", "request", "SELECT request_kind FROM ticket_request WHERE ticket_id = ?1",
	  "UPDATE ticket_request SET request_kind = ?2 WHERE ticket_id = ?1", Q_REQKIND, 1 },
	D_INT(request, persons), D_INT(request, work_start), D_INT(request, work_end),
	D_INT(inquiry, answered_at),
};

static const struct value_field *
value_field(const char *name)
{
	for (size_t i = 0; i < sizeof value_fields / sizeof value_fields[0]; i++)
		if (strcmp(value_fields[i].name, name) == 0)
			return &value_fields[i];
	return NULL;
}

int
ticket_value_known(const char *field)
{
	return value_field(field) != NULL;
}

int
ticket_value_get(struct db *db, int64_t id, const char *field, char **out,
	struct mado_err *e)
{
	const struct value_field *f = value_field(field);
	sqlite3_stmt *st;
	int rc;

	*out = NULL;
	if (f == NULL)
		return mado_err_set(e, MADO_EUSAGE, _("unknown field '%s'"), field);
	if ((st = db_prepare(db, f->get, e)) == NULL)
		return e->status;
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL &&
	    sqlite3_column_bytes(st, 0) > 0)
		*out = db_col_strdup(st, 0);
	sqlite3_reset(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? MADO_OK : db_fail(db, rc, e, field);
}

int
ticket_value_set(struct db *db, int64_t id, const char *field, const char *value,
	int64_t now, struct mado_err *e)
{
	const struct value_field *f = value_field(field);
	sqlite3_stmt *st;
	int rc;

	if (f == NULL)
		return mado_err_set(e, MADO_EUSAGE, _("unknown field '%s'"), field);
	if (f->check != NULL && (rc = ref_exists(db, f->check, field, value, e)) != MADO_OK)
		return rc;
	if ((st = db_prepare(db, f->set, e)) == NULL)
		return e->status;
	sqlite3_bind_int64(st, 1, id);
	db_bind_text(st, 2, value == NULL && f->not_null ? "" : value);
	if ((rc = db_step_done(db, st, e)) != MADO_OK)
		return rc;
	return ticket_touch(db, id, now, e);
}

int
ticket_touch(struct db *db, int64_t id, int64_t now, struct mado_err *e)
{
	sqlite3_stmt *st = db_prepare(db, "UPDATE ticket SET updated_at = ?2 WHERE id = ?1", e);

	if (st == NULL)
		return e->status;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, now);
	return db_step_done(db, st, e);
}

int
faq_id_by_no(struct db *db, const char *no, int64_t *id, struct mado_err *e)
{
	sqlite3_stmt *st = db_prepare(db,
		"SELECT id FROM kb_article WHERE faq_no = CAST(?1 AS INTEGER) AND ?1 GLOB '[0-9]*'", e);
	int rc;

	if (st == NULL)
		return e->status;
	db_bind_text(st, 1, no);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*id = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (rc == SQLITE_DONE)
		return mado_err_set(e, MADO_ENOTFOUND, _("no FAQ %s"), no);
	return rc == SQLITE_ROW ? MADO_OK : db_fail(db, rc, e, "FAQ");
}

int
ticket_detail_each(struct db *db, int64_t id, ticket_kv_fn fn, void *ctx, struct mado_err *e)
{
	sqlite3_stmt *st = db_prepare(db, "SELECT kind FROM ticket WHERE id = ?1", e);
	char kind[16] = "";
	int rc;

	if (st == NULL)
		return e->status;
	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) == SQLITE_ROW)
		snprintf(kind, sizeof kind, "%s", (const char *)sqlite3_column_text(st, 0));
	sqlite3_reset(st);
	for (size_t i = 0; i < sizeof value_fields / sizeof value_fields[0]; i++) {
		char *v;

		if (strcmp(value_fields[i].kind, kind) != 0)
			continue;
		if ((rc = ticket_value_get(db, id, value_fields[i].name, &v, e)) != MADO_OK)
			return rc;
		if (v != NULL)
			fn(value_fields[i].name, v, ctx);
		free(v);
	}
	st = db_prepare(db, "SELECT name, value FROM ticket_field WHERE ticket_id = ?1 ORDER BY name", e);
	if (st == NULL)
		return e->status;
	sqlite3_bind_int64(st, 1, id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		fn((const char *)sqlite3_column_text(st, 0), (const char *)sqlite3_column_text(st, 1), ctx);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? MADO_OK : db_fail(db, rc, e, "ticket fields");
}

int
comment_insert(struct db *db, int64_t ticket_id, const char *kind, int64_t author_id,
	const char *author_name, const char *body, int64_t at, int64_t *id, struct mado_err *e)
{
	sqlite3_stmt *st = db_prepare(db,
		"INSERT INTO comment(ticket_id, kind, author_id, author_name, body, created_at)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6)", e);
	int rc;

	if (st == NULL)
		return e->status;
	sqlite3_bind_int64(st, 1, ticket_id);
	db_bind_text(st, 2, kind);
	db_bind_id(st, 3, author_id);
	db_bind_text(st, 4, author_name);
	db_bind_text(st, 5, body);
	sqlite3_bind_int64(st, 6, at);
	if ((rc = db_step_done(db, st, e)) == MADO_OK && id != NULL)
		*id = sqlite3_last_insert_rowid(db_handle(db));
	return rc;
}

int
comment_each(struct db *db, int64_t ticket_id, comment_fn fn, void *ctx, struct mado_err *e)
{
	sqlite3_stmt *st = db_prepare(db,
		"SELECT c.id, c.created_at, c.kind, COALESCE(s.name, c.author_name), c.body"
		" FROM comment c LEFT JOIN staff s ON s.id = c.author_id"
		" WHERE c.ticket_id = ?1 ORDER BY c.created_at, c.id", e);
	int rc;

	if (st == NULL)
		return e->status;
	sqlite3_bind_int64(st, 1, ticket_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct comment_row c = {
			.id = sqlite3_column_int64(st, 0), .at = sqlite3_column_int64(st, 1),
			.kind = (const char *)sqlite3_column_text(st, 2),
			.author = (const char *)sqlite3_column_text(st, 3),
			.body = (const char *)sqlite3_column_text(st, 4),
		};
		fn(&c, ctx);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? MADO_OK : db_fail(db, rc, e, "comments");
}

static void
comment_body_fill(sqlite3_stmt *st, void *out)
{
	*(char **)out = db_col_strdup(st, 0);
}

int
comment_body_get(struct db *db, int64_t id, char **body, struct mado_err *e)
{
	sqlite3_stmt *st = db_prepare(db, "SELECT body FROM comment WHERE id = ?1", e);

	*body = NULL;
	if (st == NULL)
		return e->status;
	sqlite3_bind_int64(st, 1, id);
	return db_fetch_one(db, st, comment_body_fill, body, "comment", e);
}

int
link_insert(struct db *db, const char *src_type, int64_t src_id, const char *dst_type,
	int64_t dst_id, const char *rel, int64_t by, int64_t at, struct mado_err *e)
{
	sqlite3_stmt *st = db_prepare(db,
		"INSERT INTO link(src_type, src_id, dst_type, dst_id, rel, created_at, created_by)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT DO NOTHING", e);
	int rc;

	if (st == NULL)
		return e->status;
	db_bind_text(st, 1, src_type);
	sqlite3_bind_int64(st, 2, src_id);
	db_bind_text(st, 3, dst_type);
	sqlite3_bind_int64(st, 4, dst_id);
	db_bind_text(st, 5, rel);
	sqlite3_bind_int64(st, 6, at);
	db_bind_id(st, 7, by);
	if ((rc = db_step_done(db, st, e)) != MADO_OK)
		return rc;
	if (sqlite3_changes(db_handle(db)) == 0)
		return mado_err_set(e, MADO_EDATA, _("this link exists already"));
	return MADO_OK;
}

int
link_each_of_ticket(struct db *db, int64_t ticket_id, link_fn fn, void *ctx,
	struct mado_err *e)
{
	/* Both directions; the other end shown by its number and title. */
	sqlite3_stmt *st = db_prepare(db,
		"SELECT l.rel, l.other_type, l.outgoing,"
		" CASE l.other_type WHEN 'ticket' THEN t.number WHEN 'kb' THEN 'FAQ-' || k.faq_no"
		"  ELSE c.receipt_no END,"
		" CASE l.other_type WHEN 'ticket' THEN t.subject WHEN 'kb' THEN k.title"
		"  ELSE substr(c.inquiry_text, 1, 80) END"
		" FROM (SELECT rel, dst_type AS other_type, dst_id AS other_id, 1 AS outgoing, id"
		"         FROM link WHERE src_type = 'ticket' AND src_id = ?1"
		"       UNION ALL"
		"       SELECT rel, src_type, src_id, 0, id FROM link"
		"         WHERE dst_type = 'ticket' AND dst_id = ?1) l"
		" LEFT JOIN ticket t ON l.other_type = 'ticket' AND t.id = l.other_id"
		" LEFT JOIN kb_article k ON l.other_type = 'kb' AND k.id = l.other_id"
		" LEFT JOIN calllog c ON l.other_type = 'calllog' AND c.id = l.other_id"
		" ORDER BY l.id", e);
	int rc;

	if (st == NULL)
		return e->status;
	sqlite3_bind_int64(st, 1, ticket_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct link_row l = {
			.rel = (const char *)sqlite3_column_text(st, 0),
			.other_type = (const char *)sqlite3_column_text(st, 1),
			.outgoing = sqlite3_column_int(st, 2),
			.other_ref = (const char *)sqlite3_column_text(st, 3),
			.other_title = (const char *)sqlite3_column_text(st, 4),
		};
		fn(&l, ctx);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? MADO_OK : db_fail(db, rc, e, "links");
}

static int
count_one(struct db *db, const char *sql, const char *a, const char *b, int64_t *n,
	struct mado_err *e)
{
	sqlite3_stmt *st = db_prepare(db, sql, e);
	int rc;

	*n = 0;
	if (st == NULL)
		return e->status;
	db_bind_text(st, 1, a);
	db_bind_text(st, 2, b);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*n = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? MADO_OK : db_fail(db, rc, e, "count");
}

int
ticket_count_owned(struct db *db, const char *login, const char *statuses_json, int64_t *n,
	struct mado_err *e)
{
	return count_one(db, "SELECT count(*) FROM ticket INDEXED BY ticket_owner_updated"
		" WHERE owner_id = (SELECT id FROM staff WHERE login = ?1)"
		" AND status IN (SELECT value FROM json_each(?2))", login, statuses_json, n, e);
}

int
ticket_count_unowned(struct db *db, const char *statuses_json, int64_t *n, struct mado_err *e)
{
	return count_one(db, "SELECT count(*) FROM ticket INDEXED BY ticket_owner_updated"
		" WHERE owner_id IS NULL AND status IN (SELECT value FROM json_each(?1))"
		" AND ?2 IS NULL", statuses_json, NULL, n, e);
}

int
outbox_count_failed(struct db *db, int64_t *n, struct mado_err *e)
{
	return count_one(db, "SELECT count(*) FROM outbox WHERE state = 'failed'"
		" AND ?1 IS NULL AND ?2 IS NULL", NULL, NULL, n, e);
}

int
outbox_add(struct db *db, const char *event, int64_t ticket_id, int64_t comment_id,
	const char *recipient, const char *lang, int64_t at, struct mado_err *e)
{
	sqlite3_stmt *st = db_prepare(db,
		"INSERT INTO outbox(created_at, event, ticket_id, comment_id, recipient, lang,"
		" next_attempt_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?1)", e);

	if (st == NULL)
		return e->status;
	sqlite3_bind_int64(st, 1, at);
	db_bind_text(st, 2, event);
	db_bind_id(st, 3, ticket_id);
	db_bind_id(st, 4, comment_id);
	db_bind_text(st, 5, recipient);
	db_bind_text(st, 6, lang);
	return db_step_done(db, st, e);
}

/* The page queries, one per index that serves them, each ordered by the
 * index's own order so SQLite reads just `limit` rows past the cursor.
 * Other filters are checked on the rows read. */
#define BRIEF_COLS(key) \
	"SELECT t.id, " key ", t.created_at, t.kind, t.number, t.subject, t.status," \
	" COALESCE((SELECT code FROM queue WHERE id = t.queue_id), '')," \
	" COALESCE((SELECT login FROM staff WHERE id = t.owner_id), ''), t.priority," \
	" t.updated_at, COALESCE(t.due_at, 0) FROM ticket t "
/* The text filter scans the rows the index yields (LIKE with a leading
 * wildcard cannot use an index); full-text search replaces it later. */
#define FILTERS \
	" AND (?1 IS NULL OR t.kind = ?1) AND (?2 IS NULL OR t.status = ?2)" \
	" AND (?3 IS NULL OR t.status IN (SELECT value FROM json_each(?3)))" \
	" AND (?4 IS NULL OR t.queue_id = (SELECT id FROM queue WHERE code = ?4))" \
	" AND (?5 IS NULL OR t.owner_id = (SELECT id FROM staff WHERE login = ?5))" \
	" AND (?9 IS NULL OR t.category_id = (SELECT id FROM category WHERE code = ?9))" \
	" AND (?10 IS NULL OR t.created_at >= ?10) AND (?11 IS NULL OR t.created_at <= ?11)" \
	" AND (?12 IS NULL OR t.subject LIKE ?12 ESCAPE '\\')"
/* After the cursor going down the key, and up it (the caller of an up
 * read reverses the page). The key alone is compared first because
 * SQLite seeks an expression index by that, not by the row value. */
#define DOWN(key) FILTERS " AND " key " <= ?6 AND (" key ", t.id) < (?6, ?7)" \
	" ORDER BY " key " DESC, t.id DESC LIMIT ?8"
#define UP(key) FILTERS " AND " key " >= ?6 AND (" key ", t.id) > (?6, ?7)" \
	" ORDER BY " key " ASC, t.id ASC LIMIT ?8"
/* Forward reads down the key, backward up it. Every order runs down its
 * key, as the list widget expects (tui/list.h). */
#define PAGES(from, key) { BRIEF_COLS(key) from DOWN(key), BRIEF_COLS(key) from UP(key) }

#define OWNER_IS " t.owner_id = (SELECT id FROM staff WHERE login = ?5)"
/* The due order's key, written exactly as in the index ticket_owner_due
 * (db/schema.c) so SQLite matches it: the due date, or for a ticket
 * without one its last change pushed past every due date (2^62), negated
 * so that the soonest comes first going down. */
#define DUE_KEY "-COALESCE(t.due_at, t.updated_at + 4611686018427387904)"

enum page_path {
	BY_OWNER, BY_QUEUE, BY_KIND_STATUS, BY_KIND, BY_ALL,
	BY_KIND_CREATED, BY_ALL_CREATED, BY_OWNER_DUE,
};

static const char *const page_sql[][2] = {
	[BY_OWNER] = PAGES("INDEXED BY ticket_owner_updated WHERE" OWNER_IS, "t.updated_at"),
	[BY_QUEUE] = PAGES("INDEXED BY ticket_queue_updated"
		" WHERE t.queue_id = (SELECT id FROM queue WHERE code = ?4)", "t.updated_at"),
	[BY_KIND_STATUS] = PAGES("INDEXED BY ticket_kind_status_updated"
		" WHERE t.kind = ?1 AND t.status = ?2", "t.updated_at"),
	[BY_KIND] = PAGES("INDEXED BY ticket_kind_updated WHERE t.kind = ?1", "t.updated_at"),
	[BY_ALL] = PAGES("INDEXED BY ticket_updated WHERE 1", "t.updated_at"),
	[BY_KIND_CREATED] = PAGES("INDEXED BY ticket_kind_created WHERE t.kind = ?1",
		"t.created_at"),
	[BY_ALL_CREATED] = PAGES("INDEXED BY ticket_created WHERE 1", "t.created_at"),
	[BY_OWNER_DUE] = PAGES("INDEXED BY ticket_owner_due WHERE" OWNER_IS
		" AND t.closed_at IS NULL", DUE_KEY),
};

/* The query that serves the filter. */
static int
page_path(const struct ticket_filter *f, struct mado_err *e)
{
	switch (f->sort) {
	case TICKET_SORT_UPDATED:
		return f->owner ? BY_OWNER : f->queue ? BY_QUEUE
			: f->kind && f->status ? BY_KIND_STATUS : f->kind ? BY_KIND : BY_ALL;
	case TICKET_SORT_CREATED:
		return f->kind ? BY_KIND_CREATED : BY_ALL_CREATED;
	case TICKET_SORT_DUE:
		if (f->owner != NULL)
			return BY_OWNER_DUE;
		mado_err_set(e, MADO_EUSAGE, _("sorting by due date needs an owner"));
		return -1;
	}
	mado_err_set(e, MADO_EUSAGE, _("sort: unknown order %d"), (int)f->sort);
	return -1;
}

/* The text as a LIKE pattern matching it anywhere, its own % _ and \
 * taken literally. Caller frees. */
static char *
like_pattern(const char *text)
{
	GString *p = g_string_new("%");

	for (const char *c = text; *c; c++) {
		if (*c == '%' || *c == '_' || *c == '\\')
			g_string_append_c(p, '\\');
		g_string_append_c(p, *c);
	}
	g_string_append_c(p, '%');
	return g_string_free(p, FALSE);
}

/* Where the read starts: the cursor, else the first row in reading order.
 * In the created order the date bounds lie on the index too, so a read
 * starts at the bound rather than scan every row beyond it. */
static void
start_at(const struct ticket_filter *f, int64_t *key, int64_t *id)
{
	*key = *id = f->backward ? INT64_MIN : INT64_MAX;
	if (f->after_id > 0) {
		*key = f->after_updated;
		*id = f->after_id;
	}
	if (f->sort != TICKET_SORT_CREATED)
		return;
	if (!f->backward && f->created_to != 0 && *key > f->created_to) {
		*key = f->created_to;
		*id = INT64_MAX;
	} else if (f->backward && f->created_from != 0 && *key < f->created_from) {
		*key = f->created_from;
		*id = INT64_MIN;
	}
}

static void
bind_page(sqlite3_stmt *st, const struct ticket_filter *f, const char *like)
{
	int64_t key, id;

	start_at(f, &key, &id);
	db_bind_text(st, 1, f->kind);
	db_bind_text(st, 2, f->status);
	db_bind_text(st, 3, f->statuses_json);
	db_bind_text(st, 4, f->queue);
	db_bind_text(st, 5, f->owner);
	sqlite3_bind_int64(st, 6, key);
	sqlite3_bind_int64(st, 7, id);
	sqlite3_bind_int(st, 8, f->limit);
	db_bind_text(st, 9, f->category);
	if (f->created_from != 0)
		sqlite3_bind_int64(st, 10, f->created_from);
	if (f->created_to != 0)
		sqlite3_bind_int64(st, 11, f->created_to);
	db_bind_text(st, 12, like);
}

int
ticket_list_page(struct db *db, const struct ticket_filter *f, ticket_brief_fn fn, void *ctx,
	struct mado_err *e)
{
	int which = page_path(f, e);
	char *like = f->text != NULL && *f->text ? like_pattern(f->text) : NULL;
	sqlite3_stmt *st;
	int rc;

	if (which < 0 || (st = db_prepare(db, page_sql[which][f->backward != 0], e)) == NULL) {
		g_free(like);
		return e->status;
	}
	bind_page(st, f, like);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct ticket_brief b = {
			.id = sqlite3_column_int64(st, 0),
			.key = sqlite3_column_int64(st, 1),
			.created_at = sqlite3_column_int64(st, 2),
			.kind = (const char *)sqlite3_column_text(st, 3),
			.number = (const char *)sqlite3_column_text(st, 4),
			.subject = (const char *)sqlite3_column_text(st, 5),
			.status = (const char *)sqlite3_column_text(st, 6),
			.queue = (const char *)sqlite3_column_text(st, 7),
			.owner = (const char *)sqlite3_column_text(st, 8),
			.priority = sqlite3_column_int(st, 9),
			.updated_at = sqlite3_column_int64(st, 10),
			.due_at = sqlite3_column_int64(st, 11),
		};
		fn(&b, ctx);
	}
	sqlite3_reset(st);
	g_free(like);
	return rc == SQLITE_DONE ? MADO_OK : db_fail(db, rc, e, "ticket list");
}
