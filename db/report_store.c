#include "report_store.h"

#include <stddef.h>

/* Outcome codes are fixed by the schema's seed ('answered', 'transferred',
 * 'callback', 'other'); the scalar subqueries are uncorrelated, so SQLite
 * evaluates each once per statement, not per row. */
#define OUTCOME(code) "(SELECT id FROM choice WHERE list = 'outcome' AND code = '" code "')"
#define SUMS \
	" COUNT(*), COALESCE(SUM(c.outcome_id = " OUTCOME("transferred") "), 0)," \
	" COALESCE(SUM(c.outcome_id = " OUTCOME("answered") "), 0)," \
	" COALESCE(SUM(c.wrapup_at IS NULL), 0)," \
	" COUNT(c.ended_at), COALESCE(SUM(c.ended_at - c.started_at), 0)," \
	" COUNT(c.wrapup_at), COALESCE(SUM(c.wrapup_at - c.started_at), 0)"
#define RANGE " WHERE c.started_at >= ?1 AND c.started_at < ?2"
#define FROM " FROM calllog c INDEXED BY calllog_started"
#define NAME_IN(t) \
	"COALESCE(CASE WHEN ?3 = 'en' AND " t ".name_en <> '' THEN " t ".name_en" \
	" ELSE " t ".name END, '')"
/* JST is UTC+9 all year: 32400 s. */
#define JST(col) "(" col " + 32400)"

static const char totals_sql[] = "SELECT" SUMS FROM RANGE;

/* Indexed by enum calls_grouping: key, name, sums. ?3 is the language
 * (only the department names have English ones; binding it to the
 * others is a harmless SQLITE_RANGE). */
static const char *const group_sql[] = {
	[CALLS_BY_DAY] = "SELECT date(" JST("c.started_at") ", 'unixepoch') AS k, '',"
		SUMS FROM RANGE " GROUP BY k ORDER BY k",
	[CALLS_BY_HOUR] = "SELECT printf('%02d', " JST("c.started_at") " % 86400 / 3600) AS k,"
		" ''," SUMS FROM RANGE " GROUP BY k ORDER BY k",
	[CALLS_BY_DEPARTMENT] = "SELECT COALESCE(d.code, ''), " NAME_IN("d") "," SUMS FROM
		" LEFT JOIN department d ON d.id = c.department_id" RANGE
		" GROUP BY c.department_id ORDER BY 3 DESC, 1",
	[CALLS_BY_CATEGORY] = "SELECT COALESCE(g.code, ''), COALESCE(g.name, ''),"
		SUMS FROM " LEFT JOIN category g ON g.id = c.category_id" RANGE
		" GROUP BY c.category_id ORDER BY 3 DESC, 1",
	[CALLS_BY_OPERATOR] = "SELECT COALESCE(s.login, ''), COALESCE(s.name, ''),"
		SUMS FROM " LEFT JOIN staff s ON s.id = c.operator_id" RANGE
		" GROUP BY c.operator_id ORDER BY 3 DESC, 1",
};

/* UNION (not UNION ALL) keeps one (call, FAQ) pair per call. */
static const char faq_sql[] =
	"SELECT k.faq_no, k.title, u.n FROM"
	" (SELECT f, COUNT(*) AS n FROM"
	"  (SELECT c.id, c.faq1_id AS f" FROM RANGE " AND c.faq1_id IS NOT NULL"
	"   UNION SELECT c.id, c.faq2_id" FROM RANGE " AND c.faq2_id IS NOT NULL"
	"   UNION SELECT c.id, c.faq3_id" FROM RANGE " AND c.faq3_id IS NOT NULL)"
	"  GROUP BY f) u"
	" JOIN kb_article k ON k.id = u.f ORDER BY u.n DESC, k.faq_no LIMIT ?3";

static const char open_sql[] =
	"SELECT c.receipt_no, COALESCE(s.name, ''), c.started_at" FROM
	" LEFT JOIN staff s ON s.id = c.operator_id" RANGE " AND c.wrapup_at IS NULL"
	" ORDER BY c.started_at, c.id LIMIT ?3";

static void
read_sums(sqlite3_stmt *st, int col, struct calls_sums *s)
{
	s->received = sqlite3_column_int64(st, col);
	s->transferred = sqlite3_column_int64(st, col + 1);
	s->one_stop = sqlite3_column_int64(st, col + 2);
	s->open = sqlite3_column_int64(st, col + 3);
	s->talk_n = sqlite3_column_int64(st, col + 4);
	s->talk_s = sqlite3_column_int64(st, col + 5);
	s->handle_n = sqlite3_column_int64(st, col + 6);
	s->handle_s = sqlite3_column_int64(st, col + 7);
}

int
report_store_totals(struct db *db, int64_t from, int64_t to, struct calls_sums *out,
	struct mado_err *e)
{
	sqlite3_stmt *st = db_prepare_range(db, totals_sql, from, to, e);
	int rc;

	if (st == NULL)
		return e->status;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		read_sums(st, 0, out);
		rc = SQLITE_DONE;
	}
	return db_rows_done(db, st, rc, "call figures", e);
}

int
report_store_groups(struct db *db, enum calls_grouping by, int64_t from, int64_t to,
	const char *lang, calls_group_fn fn, void *ctx, struct mado_err *e)
{
	sqlite3_stmt *st = db_prepare_range(db, group_sql[by], from, to, e);
	struct calls_sums s;
	int rc;

	if (st == NULL)
		return e->status;
	db_bind_text(st, 3, lang);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		read_sums(st, 2, &s);
		fn((const char *)sqlite3_column_text(st, 0), (const char *)sqlite3_column_text(st, 1),
			&s, ctx);
	}
	return db_rows_done(db, st, rc, "call figures", e);
}

int
report_store_top_faqs(struct db *db, int64_t from, int64_t to, int limit, calls_faq_fn fn,
	void *ctx, struct mado_err *e)
{
	sqlite3_stmt *st = db_prepare_range(db, faq_sql, from, to, e);
	int rc;

	if (st == NULL)
		return e->status;
	sqlite3_bind_int(st, 3, limit);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		fn(sqlite3_column_int64(st, 0), (const char *)sqlite3_column_text(st, 1),
			sqlite3_column_int64(st, 2), ctx);
	return db_rows_done(db, st, rc, "call figures", e);
}

int
report_store_open(struct db *db, int64_t from, int64_t to, int limit, calls_open_fn fn,
	void *ctx, struct mado_err *e)
{
	sqlite3_stmt *st = db_prepare_range(db, open_sql, from, to, e);
	int rc;

	if (st == NULL)
		return e->status;
	sqlite3_bind_int(st, 3, limit);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		fn((const char *)sqlite3_column_text(st, 0), (const char *)sqlite3_column_text(st, 1),
			sqlite3_column_int64(st, 2), ctx);
	return db_rows_done(db, st, rc, "call figures", e);
}
