#include "dashboard_store.h"

#include <string.h>

/* The tickets whose (kind, status) pair is in the JSON array ?1: SQLite
 * seeks ticket_kind_status_updated once per pair. */
#define PAIRS \
	" (t.kind, t.status) IN (SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]')" \
	" FROM json_each(?1))"
#define OPEN_TICKETS " FROM ticket t INDEXED BY ticket_kind_status_updated"
#define WEEK_SECONDS "604800"
/* The kinds the schema allows, so the created order's index
 * (kind, created_at) is read as three ranges. */
#define KINDS "('inquiry', 'incident', 'request')"

static const char by_kind_sql[] =
	"SELECT t.kind, count(*), COALESCE(sum(t.due_at <= ?2), 0),"
	" COALESCE(sum(t.due_at > ?2 AND t.due_at <= ?3), 0)"
	OPEN_TICKETS " WHERE" PAIRS " GROUP BY t.kind";

static const char created_sql[] =
	"SELECT t.kind, (t.created_at - ?1) / " WEEK_SECONDS ", count(*)"
	" FROM ticket t INDEXED BY ticket_kind_created"
	" WHERE t.kind IN " KINDS " AND t.created_at >= ?1 AND t.created_at < ?2"
	" GROUP BY 1, 2";

static const char closed_sql[] =
	"SELECT t.kind, (t.closed_at - ?1) / " WEEK_SECONDS ", count(*)"
	" FROM ticket t INDEXED BY ticket_closed"
	" WHERE t.closed_at >= ?1 AND t.closed_at < ?2 GROUP BY 1, 2";

static const char by_queue_sql[] =
	"SELECT COALESCE(q.code, ''), COALESCE(q.name, ''), count(*)" OPEN_TICKETS
	" LEFT JOIN queue q ON q.id = t.queue_id WHERE" PAIRS
	" GROUP BY t.queue_id ORDER BY 3 DESC, 1";

static const char by_department_sql[] =
	"SELECT COALESCE(d.code, ''),"
	" COALESCE(CASE WHEN ?2 = 'en' AND d.name_en <> '' THEN d.name_en ELSE d.name END, ''),"
	" count(*)" OPEN_TICKETS
	" LEFT JOIN queue q ON q.id = t.queue_id LEFT JOIN department d ON d.id = q.department_id"
	" WHERE" PAIRS " GROUP BY q.department_id ORDER BY 3 DESC, 1";

static const char oldest_sql[] =
	"SELECT t.id, t.created_at, COALESCE(t.due_at, 0), t.number, t.kind, t.subject,"
	" COALESCE(q.code, '')" OPEN_TICKETS
	" LEFT JOIN queue q ON q.id = t.queue_id WHERE" PAIRS
	" ORDER BY t.created_at, t.id LIMIT ?2";

static const char kb_sums_sql[] =
	"SELECT count(*), COALESCE(sum(views), 0), COALESCE(sum(helpful), 0),"
	" COALESCE(sum(not_helpful), 0) FROM kb_article";

static const char top_viewed_sql[] =
	"SELECT faq_no, title, views, helpful, not_helpful FROM kb_article"
	" WHERE views > 0 ORDER BY views DESC, faq_no LIMIT ?1";

/* The expression of the kb_stale index, written as the index has it. */
#define REVIEWED "COALESCE(reviewed_at, created_at)"
static const char stale_count_sql[] =
	"SELECT count(*) FROM kb_article INDEXED BY kb_stale WHERE " REVIEWED " < ?1";
static const char stale_oldest_sql[] =
	"SELECT faq_no, title, " REVIEWED " FROM kb_article INDEXED BY kb_stale"
	" WHERE " REVIEWED " < ?1 ORDER BY " REVIEWED ", id LIMIT 1";

/* The outcome code is fixed by the schema's seed; the subquery is
 * uncorrelated, so it runs once per statement. */
static const char calls_sql[] =
	"SELECT count(*), COALESCE(sum(c.outcome_id ="
	" (SELECT id FROM choice WHERE list = 'outcome' AND code = 'answered')"
	" AND COALESCE(c.faq1_id, c.faq2_id, c.faq3_id) IS NOT NULL), 0)"
	" FROM calllog c INDEXED BY calllog_started WHERE c.started_at >= ?1 AND c.started_at < ?2";

/* An FAQ made from the inquiry (kb_article.source_ticket_id) is linked
 * answered_with_faq too; it did not answer it, so it does not count. */
static const char inquiries_sql[] =
	"SELECT count(*), COALESCE(sum(EXISTS (SELECT 1 FROM link l"
	"  WHERE l.src_type = 'ticket' AND l.src_id = t.id AND l.rel = 'answered_with_faq'"
	"  AND l.dst_type = 'kb' AND NOT EXISTS (SELECT 1 FROM kb_article k"
	"   WHERE k.id = l.dst_id AND k.source_ticket_id = t.id))), 0)"
	" FROM ticket t INDEXED BY ticket_kind_created"
	" JOIN ticket_inquiry i ON i.ticket_id = t.id"
	" WHERE t.kind = 'inquiry' AND t.created_at >= ?1 AND t.created_at < ?2"
	" AND i.answered_at IS NOT NULL";

/* Finishes a statement's rows: SQLITE_DONE is success. */
static int
finish(struct db *db, sqlite3_stmt *st, int rc, struct mado_err *e)
{
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? MADO_OK : db_fail(db, rc, e, "dashboard");
}

static const char *
col_text(sqlite3_stmt *st, int col)
{
	const char *s = (const char *)sqlite3_column_text(st, col);

	return s != NULL ? s : "";
}

int
dash_store_by_kind(struct db *db, const char *pairs_json, int64_t now, int64_t soon,
	dash_kind_fn fn, void *ctx, struct mado_err *e)
{
	sqlite3_stmt *st = db_prepare(db, by_kind_sql, e);
	int rc;

	if (st == NULL)
		return e->status;
	db_bind_text(st, 1, pairs_json);
	sqlite3_bind_int64(st, 2, now);
	sqlite3_bind_int64(st, 3, soon);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		fn(col_text(st, 0), sqlite3_column_int64(st, 1), sqlite3_column_int64(st, 2),
			sqlite3_column_int64(st, 3), ctx);
	return finish(db, st, rc, e);
}

static int
weekly(struct db *db, const char *sql, int64_t from, int weeks, dash_week_fn fn, void *ctx,
	struct mado_err *e)
{
	sqlite3_stmt *st = db_prepare(db, sql, e);
	int rc;

	if (st == NULL)
		return e->status;
	sqlite3_bind_int64(st, 1, from);
	sqlite3_bind_int64(st, 2, from + (int64_t)weeks * 604800);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		fn(col_text(st, 0), sqlite3_column_int(st, 1), sqlite3_column_int64(st, 2), ctx);
	return finish(db, st, rc, e);
}

int
dash_store_created_weekly(struct db *db, int64_t from, int weeks, dash_week_fn fn, void *ctx,
	struct mado_err *e)
{
	return weekly(db, created_sql, from, weeks, fn, ctx, e);
}

int
dash_store_closed_weekly(struct db *db, int64_t from, int weeks, dash_week_fn fn, void *ctx,
	struct mado_err *e)
{
	return weekly(db, closed_sql, from, weeks, fn, ctx, e);
}

static int
groups(struct db *db, const char *sql, const char *pairs_json, const char *lang,
	dash_group_fn fn, void *ctx, struct mado_err *e)
{
	sqlite3_stmt *st = db_prepare(db, sql, e);
	int rc;

	if (st == NULL)
		return e->status;
	db_bind_text(st, 1, pairs_json);
	if (lang != NULL)
		db_bind_text(st, 2, lang);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		fn(col_text(st, 0), col_text(st, 1), sqlite3_column_int64(st, 2), ctx);
	return finish(db, st, rc, e);
}

int
dash_store_by_queue(struct db *db, const char *pairs_json, dash_group_fn fn, void *ctx,
	struct mado_err *e)
{
	return groups(db, by_queue_sql, pairs_json, NULL, fn, ctx, e);
}

int
dash_store_by_department(struct db *db, const char *pairs_json, const char *lang,
	dash_group_fn fn, void *ctx, struct mado_err *e)
{
	return groups(db, by_department_sql, pairs_json, lang, fn, ctx, e);
}

int
dash_store_oldest(struct db *db, const char *pairs_json, int limit, dash_item_fn fn,
	void *ctx, struct mado_err *e)
{
	sqlite3_stmt *st = db_prepare(db, oldest_sql, e);
	int rc;

	if (st == NULL)
		return e->status;
	db_bind_text(st, 1, pairs_json);
	sqlite3_bind_int(st, 2, limit);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct dash_item_row r = {
			.id = sqlite3_column_int64(st, 0), .created_at = sqlite3_column_int64(st, 1),
			.due_at = sqlite3_column_int64(st, 2), .number = col_text(st, 3),
			.kind = col_text(st, 4), .subject = col_text(st, 5), .queue = col_text(st, 6),
		};

		fn(&r, ctx);
	}
	return finish(db, st, rc, e);
}

static void
fill_kb_sums(sqlite3_stmt *st, void *p)
{
	struct dash_kb_sums *s = p;

	s->articles = sqlite3_column_int64(st, 0);
	s->views = sqlite3_column_int64(st, 1);
	s->helpful = sqlite3_column_int64(st, 2);
	s->not_helpful = sqlite3_column_int64(st, 3);
}

int
dash_store_kb_sums(struct db *db, struct dash_kb_sums *out, struct mado_err *e)
{
	sqlite3_stmt *st = db_prepare(db, kb_sums_sql, e);

	memset(out, 0, sizeof *out);
	return st == NULL ? e->status : db_fetch_one(db, st, fill_kb_sums, out, "dashboard", e);
}

int
dash_store_top_viewed(struct db *db, int limit, dash_article_fn fn, void *ctx,
	struct mado_err *e)
{
	sqlite3_stmt *st = db_prepare(db, top_viewed_sql, e);
	int rc;

	if (st == NULL)
		return e->status;
	sqlite3_bind_int(st, 1, limit);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		fn(sqlite3_column_int64(st, 0), col_text(st, 1), sqlite3_column_int64(st, 2),
			sqlite3_column_int64(st, 3), sqlite3_column_int64(st, 4), ctx);
	return finish(db, st, rc, e);
}

static void
fill_count(sqlite3_stmt *st, void *p)
{
	*(int64_t *)p = sqlite3_column_int64(st, 0);
}

struct oldest {
	int64_t faq_no, at;
	char *title;
};

static void
fill_oldest(sqlite3_stmt *st, void *p)
{
	struct oldest *o = p;

	o->faq_no = sqlite3_column_int64(st, 0);
	o->title = db_col_strdup(st, 1);
	o->at = sqlite3_column_int64(st, 2);
}

int
dash_store_stale(struct db *db, int64_t before, int64_t *count, int64_t *oldest_faq_no,
	char **oldest_title, int64_t *oldest_at, struct mado_err *e)
{
	sqlite3_stmt *st = db_prepare(db, stale_count_sql, e);
	struct oldest o = { 0 };
	int rc;

	*count = 0;
	if (st == NULL)
		return e->status;
	sqlite3_bind_int64(st, 1, before);
	if ((rc = db_fetch_one(db, st, fill_count, count, "dashboard", e)) != MADO_OK)
		return rc;
	if ((st = db_prepare(db, stale_oldest_sql, e)) == NULL)
		return e->status;
	sqlite3_bind_int64(st, 1, before);
	rc = db_fetch_one(db, st, fill_oldest, &o, "dashboard", e);
	*oldest_faq_no = o.faq_no;
	*oldest_title = o.title;
	*oldest_at = o.at;
	return rc == MADO_ENOTFOUND ? MADO_OK : rc;
}

static void
fill_pair(sqlite3_stmt *st, void *p)
{
	int64_t *pair = p;

	pair[0] = sqlite3_column_int64(st, 0);
	pair[1] = sqlite3_column_int64(st, 1);
}

static int
range_pair(struct db *db, const char *sql, int64_t from, int64_t to, int64_t pair[2],
	struct mado_err *e)
{
	sqlite3_stmt *st = db_prepare(db, sql, e);

	if (st == NULL)
		return e->status;
	sqlite3_bind_int64(st, 1, from);
	sqlite3_bind_int64(st, 2, to);
	return db_fetch_one(db, st, fill_pair, pair, "dashboard", e);
}

int
dash_store_faq_sums(struct db *db, int64_t from, int64_t to, struct dash_faq_sums *out,
	struct mado_err *e)
{
	int64_t calls[2] = { 0, 0 }, inquiries[2] = { 0, 0 };
	int st = range_pair(db, calls_sql, from, to, calls, e);

	if (st == MADO_OK)
		st = range_pair(db, inquiries_sql, from, to, inquiries, e);
	out->calls = calls[0];
	out->calls_faq = calls[1];
	out->inquiries_answered = inquiries[0];
	out->inquiries_faq = inquiries[1];
	return st;
}
