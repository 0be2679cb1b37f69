#include "report_daily_store.h"

#include <stdbool.h>
#include <string.h>

/* A ticket line's columns, its joins, and "open": not closed and not in a
 * done status of its kind. COUNT(*) OVER () is the list's length before
 * LIMIT. */
#define TCOLS \
	"t.number, t.kind, t.subject, t.status, COALESCE(q.name, ''), COALESCE(o.name, '')," \
	" t.created_at, COALESCE(t.due_at, 0), COUNT(*) OVER ()"
#define TJOIN \
	" FROM ticket t LEFT JOIN queue q ON q.id = t.queue_id" \
	" LEFT JOIN staff o ON o.id = t.owner_id"
/* Open tickets are read through the partial index of the not closed
 * (schema step 2), so a list costs what is open, not every ticket. */
#define TJOIN_OPEN \
	" FROM ticket t INDEXED BY ticket_owner_due LEFT JOIN queue q ON q.id = t.queue_id" \
	" LEFT JOIN staff o ON o.id = t.owner_id"
#define OPEN(p) \
	" t.closed_at IS NULL AND (t.kind || ':' || t.status)" \
	" NOT IN (SELECT value FROM json_each(" p "))"

static const char staff_sql[] =
	"SELECT s.login, s.name, MIN(a.at), MAX(a.at) FROM audit a"
	" JOIN staff s ON s.id = a.actor_id"
	" WHERE a.at >= ?1 AND a.at < ?2 GROUP BY a.actor_id ORDER BY s.name, s.login";

/* Done: a status change in the period to a done status of the kind, or
 * closed in it. */
static const char counts_sql[] =
	"SELECT c.kind, COALESCE(q.name, ''), SUM(c.n_new), SUM(c.n_done), SUM(c.n_open)"
	" FROM (SELECT t.kind, t.queue_id, 1 AS n_new, 0 AS n_done, 0 AS n_open"
	"   FROM ticket t WHERE t.created_at >= ?1 AND t.created_at < ?2"
	" UNION ALL SELECT t.kind, t.queue_id, 0, 1, 0 FROM ticket t WHERE t.id IN"
	"   (SELECT a.entity_id FROM audit a JOIN ticket d ON d.id = a.entity_id"
	"    WHERE a.at >= ?1 AND a.at < ?2 AND a.entity = 'ticket' AND a.action = 'status'"
	"    AND (d.kind || ':' || a.new_value) IN (SELECT value FROM json_each(?3))"
	"    UNION SELECT id FROM ticket WHERE closed_at >= ?1 AND closed_at < ?2)"
	" UNION ALL SELECT t.kind, t.queue_id, 0, 0, 1 FROM ticket t INDEXED BY ticket_owner_due"
	"   WHERE t.created_at < ?2 AND" OPEN("?3") ") c"
	" LEFT JOIN queue q ON q.id = c.queue_id"
	" GROUP BY c.kind, c.queue_id"
	" ORDER BY instr('inquiry incident request', c.kind), 2";

static const char incidents_sql[] =
	"SELECT " TCOLS ", COALESCE(m.name, ''), i.impact, COALESCE(i.occurred_at, 0),"
	" COALESCE(i.recovered_at, 0)" TJOIN
	" JOIN ticket_incident i ON i.ticket_id = t.id"
	" LEFT JOIN managed_system m ON m.id = i.system_id"
	" WHERE t.id IN " REPORT_INCIDENTS_LIVE("?1", "?2")
	" AND (i.recovered_at IS NULL OR i.recovered_at >= ?1)"
	" ORDER BY t.created_at, t.id LIMIT ?3";

static const char due_sql[] =
	"SELECT " TCOLS TJOIN_OPEN
	" WHERE t.due_at >= ?1 AND t.due_at < ?2 AND" OPEN("?3")
	" ORDER BY t.due_at, t.id LIMIT ?4";

static const char open_sql[] =
	"SELECT " TCOLS TJOIN_OPEN
	" WHERE t.created_at < ?1 AND" OPEN("?2")
	" ORDER BY t.created_at, t.id LIMIT ?3";

/* Steps st, one callback per row; resets it. */
static int
each_ticket(struct db *db, sqlite3_stmt *st, shift_ticket_fn fn, void *ctx, struct mado_err *e)
{
	bool incident = sqlite3_column_count(st) > 9;
	int rc;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct shift_ticket t = {
			.number = db_col_text(st, 0), .kind = db_col_text(st, 1), .subject = db_col_text(st, 2),
			.status = db_col_text(st, 3), .queue = db_col_text(st, 4), .owner = db_col_text(st, 5),
			.created_at = sqlite3_column_int64(st, 6),
			.due_at = sqlite3_column_int64(st, 7), .total = sqlite3_column_int64(st, 8),
			.system = "", .impact = "", .note = "",
		};

		if (incident) {
			t.system = db_col_text(st, 9);
			t.impact = db_col_text(st, 10);
			t.occurred_at = sqlite3_column_int64(st, 11);
			t.recovered_at = sqlite3_column_int64(st, 12);
		}
		fn(&t, ctx);
	}
	return db_rows_done(db, st, rc, "shift summary", e);
}

int
daily_store_staff(struct db *db, int64_t from, int64_t to, shift_staff_fn fn, void *ctx,
	struct mado_err *e)
{
	sqlite3_stmt *st = db_prepare_range(db, staff_sql, from, to, e);
	int rc;

	if (st == NULL)
		return e->status;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		fn(db_col_text(st, 0), db_col_text(st, 1), sqlite3_column_int64(st, 2),
			sqlite3_column_int64(st, 3), ctx);
	return db_rows_done(db, st, rc, "staff on duty", e);
}

int
daily_store_counts(struct db *db, int64_t from, int64_t to, const char *done_json,
	shift_count_fn fn, void *ctx, struct mado_err *e)
{
	sqlite3_stmt *st = db_prepare_range(db, counts_sql, from, to, e);
	int rc;

	if (st == NULL)
		return e->status;
	db_bind_text(st, 3, done_json);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		fn(db_col_text(st, 0), db_col_text(st, 1), sqlite3_column_int64(st, 2),
			sqlite3_column_int64(st, 3), sqlite3_column_int64(st, 4), ctx);
	return db_rows_done(db, st, rc, "ticket counts", e);
}

int
daily_store_incidents(struct db *db, int64_t from, int64_t to, int limit,
	shift_ticket_fn fn, void *ctx, struct mado_err *e)
{
	sqlite3_stmt *st = db_prepare_range(db, incidents_sql, from, to, e);

	if (st == NULL)
		return e->status;
	sqlite3_bind_int(st, 3, limit);
	return each_ticket(db, st, fn, ctx, e);
}

int
daily_store_due(struct db *db, int64_t lo, int64_t hi, const char *done_json, int limit,
	shift_ticket_fn fn, void *ctx, struct mado_err *e)
{
	sqlite3_stmt *st = db_prepare_range(db, due_sql, lo, hi, e);

	if (st == NULL)
		return e->status;
	db_bind_text(st, 3, done_json);
	sqlite3_bind_int(st, 4, limit);
	return each_ticket(db, st, fn, ctx, e);
}

int
daily_store_open(struct db *db, int64_t to, const char *done_json, int limit,
	shift_ticket_fn fn, void *ctx, struct mado_err *e)
{
	sqlite3_stmt *st = db_prepare(db, open_sql, e);

	if (st == NULL)
		return e->status;
	sqlite3_bind_int64(st, 1, to);
	db_bind_text(st, 2, done_json);
	sqlite3_bind_int(st, 3, limit);
	return each_ticket(db, st, fn, ctx, e);
}
