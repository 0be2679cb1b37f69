/* The supervisors' dashboard on a small fixed data set, every figure
 * computed by hand. "Now" is pinned to Wednesday 2027-04-28 15:00 JST, so
 * the twelve weeks run from Monday 2027-02-08 to the week of 04-26, and
 * week 7 (03-29 to 04-04) crosses both a month's end and the fiscal
 * year's (FY2026 ends 03-31). Four office hours from now end on Friday
 * 04-30 at 10:15: 2 h 15 min left today, Thursday 04-29 is a holiday
 * (昭和の日), then 1 h 45 min from 08:30. Also: the role check and the
 * read transaction's single snapshot (db_read). */
#include "tests/testdb.h"

#include <math.h>
#include <stdint.h>

#include "base/env.h"
#include "core/dashboard.h"

int main(void);

static struct db *db;

/* A moment in JST as SQL text; newly allocated. */
static char *
at(int y, int mo, int d, int h, int mi, int s)
{
	return g_strdup_printf("%lld", (long long)jst_to_time(y, mo, d, h, mi, s));
}

/* One ticket: id, kind, status, queue id (0 none), created, due (NULL
 * none), closed (NULL none). */
static void
ticket(int id, const char *kind, const char *status, int queue, char *created, char *due,
	char *closed)
{
	char ids[16], queues[16];
	const char *args[] = { ids, kind, status, queues, created, due, closed };

	g_snprintf(ids, sizeof ids, "%d", id);
	g_snprintf(queues, sizeof queues, "%d", queue);
	testdb_exec_args(db, "INSERT INTO ticket(id, kind, number, subject, status, queue_id,"
		" created_at, updated_at, due_at, closed_at) VALUES (?1, ?2, 'T-' || ?1,"
		" '件名' || ?1, ?3, NULLIF(CAST(?4 AS INTEGER), 0), ?5, ?5, ?6, ?7)", args, 7);
	g_free(created);
	g_free(due);
	g_free(closed);
}

/* The tickets (queue Q1 and Q3 belong to D1, Q2 to D2):
 *
 *   id  kind      status       queue created (JST)    due          closed
 *   1   inquiry   new          Q1    03-29 08:00 w7   04-28 14:00  overdue
 *   2   inquiry   in_progress  Q1    04-01 09:00 w7   04-29 12:00  at risk
 *   3   inquiry   waiting      Q2    02-08 00:00 w0   04-30 11:00  (not at risk)
 *   4   inquiry   answered     Q1    03-31 23:59 w7   -            resolved, FAQ A1
 *   5   inquiry   closed       Q1    02-07 23:59 -    -            04-26 00:00 w11
 *   6   inquiry   closed       Q1    04-05 10:00 w8   -            04-05 15:00 w8,
 *                                                                  FAQ A2 made from it
 *   11  incident  new          Q3    04-27 10:00 w11  04-30 10:00  at risk
 *   12  incident  recovered    -     03-01 10:00 w3   -            resolved
 *   13  incident  closed       -     01-10 -          -            03-31 20:00 w7
 *   21  request   submitted    -     04-28 14:59 w11  04-28 15:00  overdue (= now)
 *   22  request   done         Q2    02-15 00:00 w1   -            resolved
 *   23  request   closed       Q2    02-01 -          -            02-08 00:00 w0
 *
 * Ticket 1 was created on Sunday 28 March in UTC, Monday in JST: week 7. */
static void
seed_tickets(void)
{
	testdb_exec(db, "INSERT INTO department(id, code, name, name_en) VALUES"
		" (1, 'D1', '情報政策課', 'IT Policy'), (2, 'D2', '市民課', '');"
		"INSERT INTO queue(id, code, name, department_id) VALUES"
		" (1, 'Q1', '窓口一次', 1), (2, 'Q2', '住民系', 2), (3, 'Q3', '基盤', 1);");
	ticket(1, "inquiry", "new", 1, at(2027, 3, 29, 8, 0, 0), at(2027, 4, 28, 14, 0, 0), NULL);
	ticket(2, "inquiry", "in_progress", 1, at(2027, 4, 1, 9, 0, 0), at(2027, 4, 29, 12, 0, 0),
		NULL);
	ticket(3, "inquiry", "waiting", 2, at(2027, 2, 8, 0, 0, 0), at(2027, 4, 30, 11, 0, 0), NULL);
	ticket(4, "inquiry", "answered", 1, at(2027, 3, 31, 23, 59, 59), NULL, NULL);
	ticket(5, "inquiry", "closed", 1, at(2027, 2, 7, 23, 59, 59), NULL, at(2027, 4, 26, 0, 0, 0));
	ticket(6, "inquiry", "closed", 1, at(2027, 4, 5, 10, 0, 0), NULL, at(2027, 4, 5, 15, 0, 0));
	ticket(11, "incident", "new", 3, at(2027, 4, 27, 10, 0, 0), at(2027, 4, 30, 10, 0, 0), NULL);
	ticket(12, "incident", "recovered", 0, at(2027, 3, 1, 10, 0, 0), NULL, NULL);
	ticket(13, "incident", "closed", 0, at(2027, 1, 10, 10, 0, 0), NULL,
		at(2027, 3, 31, 20, 0, 0));
	ticket(21, "request", "submitted", 0, at(2027, 4, 28, 14, 59, 0), at(2027, 4, 28, 15, 0, 0),
		NULL);
	ticket(22, "request", "done", 2, at(2027, 2, 15, 0, 0, 0), NULL, NULL);
	ticket(23, "request", "closed", 2, at(2027, 2, 1, 10, 0, 0), NULL, at(2027, 2, 8, 0, 0, 0));
}

/* Articles (views/helpful/not helpful, last reviewed):
 *   A1 FAQ-101  30/5/1  reviewed 2026-05-01          not stale
 *   A2 FAQ-102  10/1/2  never; created 2026-04-28 14:00, stale (the
 *                       cut-off is 2026-04-28 15:00), made from ticket 6
 *   A3 FAQ-103   0/0/0  reviewed 2025-01-01          stale, the oldest
 *   A4 FAQ-104  50/0/0  never; created 2027-01-01     not stale
 * Inquiry 4 was answered with A1; inquiry 6 is linked to A2, made from it,
 * which does not count. Both were answered; inquiry 5 too, but it was
 * created before the weeks. Calls in the weeks: C1 answered with FAQ 1,
 * C2 answered without one, C3 transferred with one, C5 answered with
 * only its third FAQ, C6 answered with one; C4, before the weeks, does
 * not count. Calls 5, with an FAQ 3 (0.6); inquiries 2, with an FAQ 1
 * (0.5); together 4 of 7. */
static void
seed_knowledge(void)
{
	char *t[] = {
		at(2026, 5, 1, 0, 0, 0), at(2026, 4, 28, 14, 0, 0), at(2025, 1, 1, 0, 0, 0),
		at(2027, 1, 1, 0, 0, 0),
		at(2027, 4, 1, 10, 0, 0), at(2027, 2, 8, 10, 0, 0), at(2027, 4, 5, 15, 0, 0),
		at(2027, 2, 8, 9, 0, 0), at(2027, 3, 1, 9, 0, 0), at(2027, 4, 1, 9, 0, 0),
		at(2027, 2, 5, 9, 0, 0), at(2027, 4, 28, 9, 0, 0), at(2027, 4, 28, 14, 0, 0),
	};
	char *sql = g_strdup_printf(
		"INSERT INTO kb_article(id, faq_no, title, views, helpful, not_helpful, reviewed_at,"
		" created_at, updated_at, source_ticket_id) VALUES"
		" (1, 101, 'パスワード再設定', 30, 5, 1, %s, 0, 0, NULL),"
		" (2, 102, 'プリンタ設定', 10, 1, 2, NULL, %s, 0, 6),"
		" (3, 103, '古い手順', 0, 0, 0, %s, 0, 0, NULL),"
		" (4, 104, 'VPN接続', 50, 0, 0, NULL, %s, 0, NULL);"
		"INSERT INTO ticket_inquiry(ticket_id, answered_at) VALUES"
		" (4, %s), (5, %s), (6, %s), (1, NULL);"
		"INSERT INTO link(src_type, src_id, dst_type, dst_id, rel, created_at) VALUES"
		" ('ticket', 4, 'kb', 1, 'answered_with_faq', 0),"
		" ('ticket', 6, 'kb', 2, 'answered_with_faq', 0),"
		" ('ticket', 1, 'ticket', 2, 'related', 0);"
		"CREATE TEMP TABLE oc AS SELECT code, id FROM choice WHERE list = 'outcome';"
		"INSERT INTO calllog(receipt_no, operator_id, started_at, outcome_id, faq1_id,"
		" faq3_id) VALUES"
		" ('C1', 1, %s, (SELECT id FROM oc WHERE code = 'answered'), 1, NULL),"
		" ('C2', 1, %s, (SELECT id FROM oc WHERE code = 'answered'), NULL, NULL),"
		" ('C3', 1, %s, (SELECT id FROM oc WHERE code = 'transferred'), 2, NULL),"
		" ('C4', 1, %s, (SELECT id FROM oc WHERE code = 'answered'), 1, NULL),"
		" ('C5', 1, %s, (SELECT id FROM oc WHERE code = 'answered'), NULL, 4),"
		" ('C6', 1, %s, (SELECT id FROM oc WHERE code = 'answered'), 4, NULL);",
		t[0], t[1], t[2], t[3], t[4], t[5], t[6], t[7], t[8], t[9], t[10], t[11], t[12]);

	testdb_exec(db, sql);
	g_free(sql);
	for (size_t i = 0; i < G_N_ELEMENTS(t); i++)
		g_free(t[i]);
}

/* "n n n ..." of a week series. */
static char *
series(const int64_t *v)
{
	GString *s = g_string_new(NULL);

	for (int w = 0; w < DASH_WEEKS; w++)
		g_string_append_printf(s, "%s%lld", w > 0 ? " " : "", (long long)v[w]);
	return g_string_free(s, FALSE);
}

static void
check_series(const int64_t *v, const char *want, const char *what)
{
	char *got = series(v);

	is_str(got, want, "%s", what);
	g_free(got);
}

static char *
groups(const struct dash_group *g, int n)
{
	GString *s = g_string_new(NULL);

	for (int i = 0; i < n; i++)
		g_string_append_printf(s, "%s %s %lld;", g[i].code, g[i].name, (long long)g[i].open);
	return g_string_free(s, FALSE);
}

static void
test_weeks(const struct dashboard *d)
{
	is_int(d->now, jst_to_time(2027, 4, 28, 15, 0, 0), "now is MADO_NOW");
	is_int(d->week_start[DASH_WEEKS - 1], jst_to_time(2027, 4, 26, 0, 0, 0),
		"this week starts on Monday 04-26 00:00 JST");
	is_int(d->week_start[0], jst_to_time(2027, 2, 8, 0, 0, 0),
		"twelve weeks back: Monday 02-08");
	is_int(d->week_start[7], jst_to_time(2027, 3, 29, 0, 0, 0),
		"week 7 starts 03-29, across the month and the fiscal year");
	is_int(dashboard_week_of(jst_to_time(2027, 4, 4, 23, 59, 59)),
		jst_to_time(2027, 3, 29, 0, 0, 0), "Sunday night JST is still the week of Monday 03-29");
	is_int(dashboard_week_of(jst_to_time(2027, 3, 29, 0, 0, 0)),
		jst_to_time(2027, 3, 29, 0, 0, 0), "Monday 00:00 JST starts its own week");
	is_int(d->risk_until, jst_to_time(2027, 4, 30, 10, 15, 0),
		"four office hours from now end Friday 10:15 (Thursday is a holiday)");
	is_int(d->stale_before, jst_to_time(2026, 4, 28, 15, 0, 0), "stale: twelve months back");
}

static void
test_kinds(const struct dashboard *d)
{
	const struct dash_kind *inq = &d->kinds[0], *inc = &d->kinds[1], *req = &d->kinds[2];

	is_str(inq->kind, "inquiry", "kinds in order: inquiry");
	is_str(inc->kind, "incident", "incident");
	is_str(req->kind, "request", "request");
	is_int(inq->open, 3, "inquiries open: new, in progress, waiting");
	is_int(inq->resolved, 1, "inquiries resolved: answered");
	is_int(inc->open, 1, "incidents open");
	is_int(inc->resolved, 1, "incidents resolved: recovered");
	is_int(req->open, 1, "requests open: submitted");
	is_int(req->resolved, 1, "requests resolved: done");
	is_int(inq->overdue, 1, "inquiries overdue: due an hour ago");
	is_int(inq->at_risk, 1, "inquiries at risk: due on the holiday, before Friday 10:15");
	is_int(inc->overdue, 0, "no incident overdue");
	is_int(inc->at_risk, 1, "incident at risk: due Friday 10:00");
	is_int(req->overdue, 1, "request overdue: due exactly now");
	is_int(req->at_risk, 0, "no request at risk");
	check_series(inq->created, "1 0 0 0 0 0 0 3 1 0 0 0",
		"inquiries created per week (03-29 08:00 JST is Sunday in UTC, still week 7)");
	check_series(inq->closed, "0 0 0 0 0 0 0 0 1 0 0 1", "inquiries closed per week");
	check_series(inc->created, "0 0 0 1 0 0 0 0 0 0 0 1", "incidents created per week");
	check_series(inc->closed, "0 0 0 0 0 0 0 1 0 0 0 0",
		"incidents closed per week (31 March, end of FY2026, in week 7)");
	check_series(req->created, "0 1 0 0 0 0 0 0 0 0 0 1", "requests created per week");
	check_series(req->closed, "1 0 0 0 0 0 0 0 0 0 0 0",
		"requests closed per week (exactly at the first week's start)");
	is_int(inq->created_total, 5, "inquiries created in the weeks");
	is_int(inq->closed_total, 2, "inquiries closed in the weeks");
}

static void
test_breakdowns(const struct dashboard *d)
{
	char *q = groups(d->queues, d->nqueues), *dep = groups(d->departments, d->ndepartments);

	is_str(q, "Q1 窓口一次 2;  1;Q2 住民系 1;Q3 基盤 1;",
		"open per queue, most first, then code (none: \"\")");
	is_str(dep, "D1 IT Policy 3;  1;D2 市民課 1;",
		"open per department of the queue (Q1 and Q3 are D1's), English names where kept");
	g_free(q);
	g_free(dep);
}

static void
test_oldest(const struct dashboard *d)
{
	GString *s = g_string_new(NULL);

	for (int i = 0; i < d->noldest; i++)
		g_string_append_printf(s, "%s %s %s;", d->oldest[i].number, d->oldest[i].kind,
			d->oldest[i].queue);
	is_str(s->str,
		"T-3 inquiry Q2;T-1 inquiry Q1;T-2 inquiry Q1;T-11 incident Q3;T-21 request ;",
		"the open tickets, oldest first");
	g_string_free(s, TRUE);
}

static void
test_knowledge(const struct dashboard *d)
{
	GString *s = g_string_new(NULL);

	is_int(d->kb.articles, 4, "articles");
	is_int(d->kb.views, 90, "views summed");
	is_int(d->kb.helpful, 6, "helpful votes");
	is_int(d->kb.not_helpful, 3, "not-helpful votes");
	for (int i = 0; i < d->ntop; i++)
		g_string_append_printf(s, "%lld %lld;", (long long)d->top[i].faq_no,
			(long long)d->top[i].views);
	is_str(s->str, "104 50;101 30;102 10;", "most viewed, none unviewed");
	g_string_free(s, TRUE);
	is_int(d->stale, 2, "stale: never reviewed a year ago, and reviewed in 2025");
	is_int(d->stale_oldest_faq_no, 103, "the oldest stale article");
	is_str(d->stale_oldest_title, "古い手順", "its title");
	is_int(d->stale_oldest_at, jst_to_time(2025, 1, 1, 0, 0, 0), "its last review");
	is_int(d->faq.calls, 5, "calls in the weeks");
	is_int(d->faq.calls_faq, 3, "answered by the operator with an FAQ");
	is_int(d->faq.inquiries_answered, 2, "inquiries created in the weeks and answered");
	is_int(d->faq.inquiries_faq, 1, "answered with an FAQ (not one made from it)");
	ok(fabs(d->calls_faq_rate - 0.6) < 1e-9, "calls: 3 / 5");
	ok(fabs(d->inquiries_faq_rate - 0.5) < 1e-9, "inquiries: 1 / 2");
	ok(fabs(d->faq_rate - 4.0 / 7.0) < 1e-9, "self-resolution rate: 4 / 7");
}

static void
count_tickets(struct db *h, int64_t *n)
{
	*n = testdb_int(db_handle(h), "SELECT count(*) FROM ticket");
}

/* Inside db_read, another connection's commit between two reads does
 * not show: both reads see one snapshot. */
static int
snapshot_txn(struct db *h, void *p, struct mado_err *e)
{
	int64_t *n = p;
	struct db *other;

	count_tickets(h, &n[0]);
	if (db_open(testdb_path, 0, &other, e) != MADO_OK)
		return e->status;
	sqlite3_exec(db_handle(other), "INSERT INTO ticket(kind, number, subject, status,"
		" created_at, updated_at) VALUES ('inquiry', 'T-99', 'x', 'new', 0, 0)", NULL, NULL,
		NULL);
	db_close(other);
	count_tickets(h, &n[1]);
	return MADO_OK;
}

static void
test_snapshot(void)
{
	int64_t n[3];
	struct mado_err e = { 0 };

	is_int(db_read(db, snapshot_txn, n, &e), MADO_OK, "db_read runs");
	is_int(n[1], n[0], "a read transaction sees one snapshot (%lld)", (long long)n[0]);
	count_tickets(db, &n[2]);
	is_int(n[2], n[0] + 1, "after it, the other connection's ticket shows");
}

int
main(void)
{
	struct actor sv, op;
	struct dashboard d;
	struct mado_err e = { 0 };
	struct calendar cal;
	char *now;

	db = testdb_open();
	testdb_actor(db, "sv", "supervisor", &sv);
	testdb_actor(db, "op", "operator", &op);
	seed_tickets();
	seed_knowledge();
	calendar_default(&cal);
	now = at(2027, 4, 28, 15, 0, 0);
	g_setenv("MADO_NOW", now, TRUE);
	g_free(now);

	is_int(dashboard_read(db, &op, &cal, &d, &e), MADO_EPERM, "an operator is refused");
	ok(strstr(e.msg, "supervisor") != NULL, "the refusal names the role: %s", e.msg);
	dashboard_clear(&d);
	mado_err_clear(&e);
	is_int(dashboard_read(db, &sv, &cal, &d, &e), MADO_OK, "a supervisor reads it: %s", e.msg);
	test_weeks(&d);
	test_kinds(&d);
	test_breakdowns(&d);
	test_oldest(&d);
	test_knowledge(&d);
	dashboard_clear(&d);
	test_snapshot();
	db_close(db);
	return tap_done();
}
