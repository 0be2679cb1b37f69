#include "report_monthly_store.h"

#include <stdbool.h>
#include <stddef.h>

/* JST is UTC+9 all year: 32400 s. */
#define MONTH(col) "CAST(strftime('%m', " col " + 32400, 'unixepoch') AS INTEGER)"

static const char requests_sql[] =
	"SELECT t.number, t.subject, r.request_kind,"
	" COALESCE(CASE WHEN ?3 = 'en' AND c.name_en <> '' THEN c.name_en ELSE c.name END,"
	"  r.request_kind), COALESCE(r.work_start, 0), COALESCE(r.work_end, 0), t.closed_at"
	" FROM ticket t JOIN ticket_request r ON r.ticket_id = t.id"
	" LEFT JOIN choice c ON c.list = 'request_kind' AND c.code = r.request_kind"
	" WHERE t.closed_at >= ?1 AND t.closed_at < ?2 AND t.kind = 'request'"
	" ORDER BY COALESCE(c.sort, 999), r.request_kind, t.closed_at, t.id";

static const char incidents_sql[] =
	"SELECT COALESCE(t.category_id, 0),"
	" SUM(t.created_at >= ?1), SUM(t.closed_at >= ?1 AND t.closed_at < ?2),"
	" SUM(t.closed_at IS NULL OR t.closed_at >= ?2)"
	" FROM ticket t WHERE t.id IN " REPORT_INCIDENTS_LIVE("?1", "?2")
	" GROUP BY 1 ORDER BY 1";

static const char inquiries_sql[] =
	"SELECT t.number, t.kind, t.subject, t.status, COALESCE(q.name, ''),"
	" COALESCE(o.name, ''), t.created_at, COALESCE(t.due_at, 0), COUNT(*) OVER ()"
	" FROM ticket t LEFT JOIN queue q ON q.id = t.queue_id"
	" LEFT JOIN staff o ON o.id = t.owner_id"
	" WHERE t.kind = 'inquiry' AND t.created_at >= ?1 AND t.created_at < ?2"
	" ORDER BY t.created_at, t.id LIMIT ?3";

#define TICKETS(kind) \
	" FROM ticket t WHERE t.kind = '" kind "' AND t.created_at >= ?1 AND t.created_at < ?2"

/* Indexed by enum monthly_count: key, month, count. */
static const char *const count_sql[] = {
	[MONTHLY_ALERTS] = "SELECT '', " MONTH("a.at") ", COUNT(*) FROM alert_occurrence a"
		" WHERE a.kind = 'problem' AND a.at >= ?1 AND a.at < ?2 GROUP BY 2",
	[MONTHLY_ALERT_INCIDENTS] = "SELECT '', " MONTH("t.created_at") ", COUNT(*)"
		TICKETS("incident") " AND t.source = 'alert' GROUP BY 2",
	[MONTHLY_AFTER_HOURS] = "SELECT i.callout <> 0, " MONTH("t.created_at") ", COUNT(*)"
		" FROM ticket t JOIN ticket_incident i ON i.ticket_id = t.id"
		" WHERE t.kind = 'incident' AND t.created_at >= ?1 AND t.created_at < ?2"
		" AND i.after_hours <> 0 GROUP BY 1, 2",
	[MONTHLY_REQUEST_KINDS] = "SELECT r.request_kind, " MONTH("t.created_at") ", COUNT(*)"
		" FROM ticket t JOIN ticket_request r ON r.ticket_id = t.id"
		" WHERE t.kind = 'request' AND t.created_at >= ?1 AND t.created_at < ?2"
		" GROUP BY 1, 2",
	[MONTHLY_INCIDENT_CATEGORY] = "SELECT COALESCE(t.category_id, 0), "
		MONTH("t.created_at") ", COUNT(*)" TICKETS("incident") " GROUP BY 1, 2",
};

int
monthly_store_requests(struct db *db, int64_t from, int64_t to, const char *lang,
	done_request_fn fn, void *ctx, struct mado_err *e)
{
	sqlite3_stmt *st = db_prepare_range(db, requests_sql, from, to, e);
	int rc;

	if (st == NULL)
		return e->status;
	db_bind_text(st, 3, lang);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct done_request r = {
			db_col_text(st, 0), db_col_text(st, 1), db_col_text(st, 2), db_col_text(st, 3),
			sqlite3_column_int64(st, 4), sqlite3_column_int64(st, 5),
			sqlite3_column_int64(st, 6),
		};

		fn(&r, ctx);
	}
	return db_rows_done(db, st, rc, "monthly report", e);
}

int
monthly_store_incidents(struct db *db, int64_t from, int64_t to, incident_status_fn fn,
	void *ctx, struct mado_err *e)
{
	sqlite3_stmt *st = db_prepare_range(db, incidents_sql, from, to, e);
	int rc;

	if (st == NULL)
		return e->status;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		fn(sqlite3_column_int64(st, 0), sqlite3_column_int64(st, 1),
			sqlite3_column_int64(st, 2), sqlite3_column_int64(st, 3), ctx);
	return db_rows_done(db, st, rc, "monthly report", e);
}

int
monthly_store_inquiries(struct db *db, int64_t from, int64_t to, int limit,
	shift_ticket_fn fn, void *ctx, struct mado_err *e)
{
	sqlite3_stmt *st = db_prepare_range(db, inquiries_sql, from, to, e);
	int rc;

	if (st == NULL)
		return e->status;
	sqlite3_bind_int(st, 3, limit);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct shift_ticket t = {
			.number = db_col_text(st, 0), .kind = db_col_text(st, 1), .subject = db_col_text(st, 2),
			.status = db_col_text(st, 3), .queue = db_col_text(st, 4), .owner = db_col_text(st, 5),
			.created_at = sqlite3_column_int64(st, 6),
			.due_at = sqlite3_column_int64(st, 7), .total = sqlite3_column_int64(st, 8),
			.system = "", .impact = "", .note = "",
		};

		fn(&t, ctx);
	}
	return db_rows_done(db, st, rc, "monthly report", e);
}

int
monthly_store_count(struct db *db, enum monthly_count what, int64_t from, int64_t to,
	monthly_count_fn fn, void *ctx, struct mado_err *e)
{
	sqlite3_stmt *st = db_prepare_range(db, count_sql[what], from, to, e);
	int rc;

	if (st == NULL)
		return e->status;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		fn(db_col_text(st, 0), sqlite3_column_int(st, 1), sqlite3_column_int64(st, 2), ctx);
	return db_rows_done(db, st, rc, "monthly report", e);
}

int
monthly_store_categories(struct db *db, category_fn fn, void *ctx, struct mado_err *e)
{
	sqlite3_stmt *st = db_prepare(db,
		"SELECT id, name FROM category WHERE scope = 'incident' ORDER BY id", e);
	int rc;

	if (st == NULL)
		return e->status;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		fn(sqlite3_column_int64(st, 0), db_col_text(st, 1), ctx);
	return db_rows_done(db, st, rc, "monthly report", e);
}
