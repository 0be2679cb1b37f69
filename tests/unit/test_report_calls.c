/* Contact-center figures on a small fixed set of calls with every figure
 * computed by hand: totals, one-stop rate, averages, days in JST (a call
 * at 08:30 JST is the previous day in UTC), hours, departments,
 * operators, categories, the most used FAQs and the open records, plus
 * the period's parsing and the role check. */
#include "tests/testdb.h"

#include <math.h>
#include <stdint.h>

#include "core/report_calls.h"

int main(void);

static struct db *db;

static void
exec_sql(const char *sql)
{
	char *msg = NULL;

	if (sqlite3_exec(db_handle(db), sql, NULL, NULL, &msg) != SQLITE_OK) {
		printf("Bail out! %s: %s\n", sql, msg ? msg : "?");
		exit(2);
	}
}

/* B = 1793545200 is 2026-11-02 00:00 JST. Staff 1 is the supervisor, 2 op1,
 * 3 op2. The period is 2026-11-01 to 2026-11-04; C0 and C6 fall outside it.
 *
 *        JST start    op  dept    outcome      talk  handling  FAQs
 *   C1   11-01 23:50  op1 HOKEN   answered     900   1020      A B
 *   C2   11-02 08:30  op1 SHIMIN  transferred  120   300       A
 *   C3   11-02 09:40  op2 SHIMIN  callback     180   (open)    B B C
 *   C4   11-02 14:00  op2 -       -            -     (open)
 *   C5   11-03 09:05  op1 HOKEN   answered     60    90        A
 *
 * received 5, transferred 1, handled 4, one-stop 2 (rate 0.4), open 2,
 * average talk 1260 / 4 = 315, average handling 1410 / 3 = 470. */
static void
seed(void)
{
	exec_sql(
		"INSERT INTO department(id, code, name, name_en) VALUES"
		" (1, 'HOKEN', '保険年金課', ''), (2, 'SHIMIN', '市民課', 'Citizens Division');"
		"INSERT INTO category(id, code, name, scope) VALUES (1, 'LIFE', '暮らし', 'calllog');"
		"INSERT INTO kb_article(id, faq_no, title, created_at, updated_at) VALUES"
		" (1, 12, 'A 国民健康保険', 0, 0), (2, 34, 'B 高額療養費', 0, 0),"
		" (3, 56, 'C 住民票', 0, 0);"
		"CREATE TEMP TABLE oc AS SELECT code, id FROM choice WHERE list = 'outcome';"
		"INSERT INTO calllog(id, receipt_no, operator_id, started_at, ended_at, wrapup_at,"
		" department_id, outcome_id, faq1_id, faq2_id, faq3_id, category_id) VALUES"
		" (10, 'C0', 2, 1793545200 - 86400 - 1, 1793545200 - 86400 + 10, NULL, 1,"
		"  NULL, 3, NULL, NULL, NULL),"
		" (11, 'C1', 2, 1793545200 - 600, 1793545200 + 300, 1793545200 + 420, 1,"
		"  (SELECT id FROM oc WHERE code = 'answered'), 1, 2, NULL, 1),"
		" (12, 'C2', 2, 1793545200 + 30600, 1793545200 + 30720, 1793545200 + 30900, 2,"
		"  (SELECT id FROM oc WHERE code = 'transferred'), 1, NULL, NULL, NULL),"
		" (13, 'C3', 3, 1793545200 + 34800, 1793545200 + 34980, NULL, 2,"
		"  (SELECT id FROM oc WHERE code = 'callback'), 2, 2, 3, NULL),"
		" (14, 'C4', 3, 1793545200 + 50400, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),"
		" (15, 'C5', 2, 1793545200 + 86400 + 32700, 1793545200 + 86400 + 32760,"
		"  1793545200 + 86400 + 32790, 1, (SELECT id FROM oc WHERE code = 'answered'),"
		"  1, NULL, NULL, NULL),"
		" (16, 'C6', 3, 1793545200 + 2 * 86400, NULL, NULL, 2, NULL, 3, NULL, NULL, NULL);");
}

/* Groups as "key name r/t/h/1/o talk handling rate%;" for comparing. */
static void
collect(const char *key, const char *name, const struct calls_figures *f, void *p)
{
	GString *s = p;

	g_string_append_printf(s, "%s %s %lld/%lld/%lld/%lld/%lld %.0f %.0f %.0f;", key, name,
		(long long)f->received, (long long)f->transferred, (long long)f->handled,
		(long long)f->one_stop, (long long)f->open, f->avg_talk, f->avg_handling,
		f->one_stop_rate * 100);
}

static void
check_groups(const struct actor *a, enum calls_grouping by, int64_t from, int64_t to,
	const char *want, const char *what)
{
	GString *s = g_string_new(NULL);
	struct mado_err e = { 0 };

	is_int(report_calls_groups(db, a, by, from, to, collect, s, &e), MADO_OK, "%s: runs", what);
	is_str(s->str, want, "%s", what);
	g_string_free(s, TRUE);
}

static void
faq_row(int64_t no, const char *title, int64_t calls, void *p)
{
	g_string_append_printf(p, "%lld %s %lld;", (long long)no, title, (long long)calls);
}

static void
open_row(const char *receipt_no, const char *operator_name, int64_t started_at, void *p)
{
	g_string_append_printf(p, "%s %s %lld;", receipt_no, operator_name,
		(long long)(started_at - 1793545200));
}

static void
test_period(int64_t *from, int64_t *to)
{
	struct mado_err e = { 0 };
	int64_t f, t;

	is_int(report_calls_period("2026-11-01", "2026-11-04", from, to, &e), MADO_OK, "period");
	is_int(*from, 1793545200 - 86400, "period starts at 00:00 JST");
	is_int(*to, 1793545200 + 2 * 86400, "period ends (exclusive) at 00:00 JST");
	is_int(report_calls_period("2026-02-30", "2026-03-01", &f, &t, &e), MADO_EUSAGE,
		"30 February is no date");
	is_int(report_calls_period("2026-11-01", "2026/11/04", &f, &t, &e), MADO_EUSAGE,
		"a date must be YYYY-MM-DD");
	is_int(report_calls_period("2026-11-04", "2026-11-04", &f, &t, &e), MADO_EUSAGE,
		"an empty period is refused");
	is_int(calls_grouping_parse("operator"), CALLS_BY_OPERATOR, "grouping by name");
	is_int(calls_grouping_parse("week"), -1, "unknown grouping");
}

static void
test_totals(const struct actor *sv, int64_t from, int64_t to)
{
	struct calls_figures f;
	struct mado_err e = { 0 };

	is_int(report_calls_totals(db, sv, from, to, &f, &e), MADO_OK, "totals");
	is_int(f.received, 5, "received: every call started in the period");
	is_int(f.transferred, 1, "transferred");
	is_int(f.handled, 4, "handled = received - transferred");
	is_int(f.one_stop, 2, "one-stop: answered by the operator");
	ok(fabs(f.one_stop_rate - 0.4) < 1e-9, "one-stop rate 2 / 5");
	is_int(f.open, 2, "open records");
	ok(fabs(f.avg_talk - 315) < 1e-9, "average talk 1260 / 4 s");
	ok(fabs(f.avg_handling - 470) < 1e-9, "average handling 1410 / 3 s");
	is_int(report_calls_totals(db, sv, to + 86400, to + 2 * 86400, &f, &e), MADO_OK,
		"a day with no call");
	is_int(f.received, 0, "no call received");
	ok(f.one_stop_rate == 0 && f.avg_talk == 0 && f.avg_handling == 0,
		"no division by zero");
}

static void
test_groups(const struct actor *sv, int64_t from, int64_t to)
{
	check_groups(sv, CALLS_BY_DAY, from, to,
		"2026-11-01  1/0/1/1/0 900 1020 100;"
		"2026-11-02  3/1/2/0/2 150 300 0;"
		"2026-11-03  1/0/1/1/0 60 90 100;", "by JST day (08:30 JST is the JST day)");
	check_groups(sv, CALLS_BY_HOUR, from, to,
		"08  1/1/0/0/0 120 300 0;09  2/0/2/1/1 120 90 50;"
		"14  1/0/1/0/1 0 0 0;23  1/0/1/1/0 900 1020 100;", "by JST hour");
	check_groups(sv, CALLS_BY_DEPARTMENT, from, to,
		"HOKEN 保険年金課 2/0/2/2/0 480 555 100;SHIMIN Citizens Division 2/1/1/0/1 150 300 0;"
		"  1/0/1/0/1 0 0 0;", "by department, most calls first (English names in English)");
	check_groups(sv, CALLS_BY_CATEGORY, from, to,
		"  4/1/3/1/2 120 195 25;LIFE 暮らし 1/0/1/1/0 900 1020 100;", "by category");
	check_groups(sv, CALLS_BY_OPERATOR, from, to,
		"op1 op1 3/1/2/2/0 360 470 67;op2 op2 2/0/2/0/2 180 0 0;", "by operator");
}

static void
test_lists(const struct actor *sv, int64_t from, int64_t to)
{
	GString *s = g_string_new(NULL);
	struct mado_err e = { 0 };

	is_int(report_calls_top_faqs(db, sv, from, to, faq_row, s, &e), MADO_OK, "top FAQs");
	is_str(s->str, "12 A 国民健康保険 3;34 B 高額療養費 2;56 C 住民票 1;",
		"top FAQs: calls per FAQ, one per call, outside the period not counted");
	g_string_truncate(s, 0);
	is_int(report_calls_open(db, sv, from, to, 100, open_row, s, &e), MADO_OK, "open");
	is_str(s->str, "C3 op2 34800;C4 op2 50400;", "open records, oldest first");
	g_string_free(s, TRUE);
}

static void
test_refusal(const struct actor *op, int64_t from, int64_t to)
{
	struct calls_figures f;
	struct mado_err e = { 0 };

	is_int(report_calls_totals(db, op, from, to, &f, &e), MADO_EPERM,
		"an operator may not read the office's figures");
	is_int(report_calls_groups(db, op, CALLS_BY_DAY, from, to, collect, NULL, &e), MADO_EPERM,
		"nor its breakdowns");
}

int
main(void)
{
	struct actor sv, op1, op2;
	int64_t from, to;

	db = testdb_open();
	testdb_actor(db, "sv", "supervisor", &sv);
	testdb_actor(db, "op1", "operator", &op1);
	testdb_actor(db, "op2", "operator", &op2);
	seed();
	test_period(&from, &to);
	test_totals(&sv, from, to);
	test_groups(&sv, from, to);
	test_lists(&sv, from, to);
	test_refusal(&op1, from, to);
	db_close(db);
	return tap_done();
}
