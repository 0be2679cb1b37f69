/* The monthly report on a small fixed data set with every figure
 * computed by hand, around the fiscal-year boundary (31 March 23:59 is
 * FY2025, 1 April 00:00 FY2026) and a month boundary at JST midnight
 * (30 April 23:59:59 is April, 1 May 00:00 is May): April 2026, the
 * whole of FY2026, and March 2026 (the last month of FY2025). */
#include "tests/testdb.h"

#include <stdint.h>

#include "core/report_monthly.h"
#include "tests/rdoc_probe.h"

int main(void);

static struct db *db;
static struct actor sup, op;

/*        created (JST)        category  after hours  closed
 *   I1   2026-03-31 23:59     SUP       出勤有       -       source alert
 *   I2   2026-04-01 00:00     NW        出勤無       -       source alert
 *   I3   2026-04-30 23:59:59  SUP       -            2026-05-01 00:00
 *   I4   2026-05-01 00:00     -         -            -
 *   I5   2027-03-31 15:00     HW        出勤有       -
 *   R1   2026-04-10 user_id, work 04-15 10:00–12:00, closed 04-20 17:00
 *   R2   2026-04-30 23:00 dc_entry, closed 2026-05-02 10:00
 *   R3   2027-04-01 00:00 infra_work (FY2027)
 *   Q0   2026-03-10, Q1 2026-04-01 09:00, Q2 2026-05-01 00:00 (inquiries) */
static void
seed(void)
{
	testdb_exec(db, 
		"INSERT INTO queue(id, code, name) VALUES (1, 'HD', 'ヘルプデスク');"
		"INSERT INTO category(id, code, name, scope) VALUES (1, 'SUP', 'サポート', 'incident'),"
		" (2, 'NW', 'NW関連', 'incident'), (3, 'HW', 'ハード対応', 'incident'),"
		" (4, 'LIFE', '暮らし', 'calllog');"
		"INSERT INTO ticket(id, kind, number, subject, status, queue_id, category_id, source,"
		" created_at, updated_at, closed_at) VALUES"
		" (1, 'incident', 'INC-1', '監視アラート', 'new', 1, 1, 'alert', 1774969140, 0, NULL),"
		" (2, 'incident', 'INC-2', '回線断', 'new', 1, 2, 'alert', 1774969200, 0, NULL),"
		" (3, 'incident', 'INC-3', 'PC故障', 'closed', 1, 1, 'phone', 1777561199, 0,"
		"  1777561200),"
		" (4, 'incident', 'INC-4', '不明', 'new', 1, NULL, 'phone', 1777561200, 0, NULL),"
		" (5, 'incident', 'INC-5', 'サーバ故障', 'new', 1, 3, 'phone', 1806472800, 0, NULL),"
		" (6, 'request', 'REQ-1', 'ID設置', 'closed', 1, NULL, 'phone', 1775779200, 0,"
		"  1776672000),"
		" (7, 'request', 'REQ-2', '入室', 'closed', 1, NULL, 'phone', 1777557600, 0,"
		"  1777683600),"
		" (8, 'request', 'REQ-3', '基盤作業', 'submitted', 1, NULL, 'phone', 1806505200, 0,"
		"  NULL),"
		" (9, 'inquiry', 'INQ-1', 'VPN', 'new', 1, NULL, 'phone', 1775001600, 0, NULL),"
		" (10, 'inquiry', 'INQ-2', '印刷', 'new', 1, NULL, 'phone', 1777561200, 0, NULL),"
		" (11, 'inquiry', 'INQ-0', '昨年度', 'new', 1, NULL, 'phone', 1773100800, 0, NULL);"
		"INSERT INTO ticket_incident(ticket_id, after_hours, callout) VALUES"
		" (1, 1, 1), (2, 1, 0), (3, 0, 0), (4, 0, 0), (5, 1, 1);"
		"INSERT INTO ticket_request(ticket_id, request_kind, work_start, work_end) VALUES"
		" (6, 'user_id', 1776214800, 1776222000), (7, 'dc_entry', NULL, NULL),"
		" (8, 'infra_work', NULL, NULL);");
}

/* A statistics row as the probe shows it: months after last blank. */
static void
row(GString *s, bool total, const char *name, int last, const int n[12])
{
	int sum = 0;

	g_string_append_printf(s, "%s%s", total ? "*" : "", name);
	for (int m = 0; m < 12; m++) {
		sum += n[m];
		if (m <= last)
			g_string_append_printf(s, "|%d", n[m]);
		else
			g_string_append(s, "|");
	}
	g_string_append_printf(s, "|%d;", sum);
}

static void
check_stat(const struct rdoc *d, const char *heading, int last, int nrows,
	const char *const *names, const int (*n)[12], bool total, const char *what)
{
	GString *want = g_string_new(NULL);
	int sums[12] = { 0 };
	char *got = probe_table(d, heading);

	for (int r = 0; r < nrows; r++) {
		row(want, false, names[r], last, n[r]);
		for (int m = 0; m < 12; m++)
			sums[m] += n[r][m];
	}
	if (total)
		row(want, true, "Total", last, sums);
	is_str(got, want->str, "%s", what);
	g_free(got);
	g_string_free(want, TRUE);
}

static void
check_april(void)
{
	struct monthly_spec s;
	struct rdoc d;
	struct mado_err e = { 0 };
	char *t;

	is_int(report_monthly_spec(2026, 4, &s, &e), MADO_OK, "April 2026");
	is_int(report_monthly(db, &op, &s, &d, &e), MADO_EPERM, "an operator is refused");
	rdoc_free(&d);
	is_int(report_monthly(db, &sup, &s, &d, &e), MADO_OK, "April's report");
	is_str(d.subtitle, "FY2026, month 4", "subtitle");
	t = probe_table(&d, "Routine work done (requests completed)");
	is_str(t, "Infrastructure work request|0;Production work request|0;"
		"In-building work notice|0;User-ID request|1;Data-centre entry request|0;"
		"Fiscal-year renewal|0;*Total|1;",
		"R1 closed in April; R2 closed in May");
	g_free(t);
	t = probe_table_n(&d, "Routine work done (requests completed)", 0);
	g_free(t);
	{
		/* The list is the second table under the heading. */
		int i, tables = 0;

		for (i = 0; i < d.nblocks; i++)
			if (d.blocks[i].kind == RDOC_TABLE && ++tables == 2)
				break;
		ok(i < d.nblocks && d.blocks[i].table.nrows == 1 &&
			strcmp(d.blocks[i].table.cells[0], "REQ-1") == 0 &&
			strcmp(d.blocks[i].table.cells[3], "2026-04-15 10:00") == 0 &&
			strcmp(d.blocks[i].table.cells[4], "2026-04-15 12:00") == 0 &&
			strcmp(d.blocks[i].table.cells[5], "2026-04-20 17:00") == 0,
			"the request with its work start and end");
	}
	t = probe_table(&d, "Incident status");
	is_str(t, "サポート|1|0|2;NW関連|1|0|1;ハード対応|0|0|0;*Total|2|0|3;",
		"April: I3 at 23:59:59 opened, its closing at 05-01 00:00 not; I1 still open");
	g_free(t);
	t = probe_table(&d, "Inquiries");
	is_str(t, "INQ-1|2026-04-01|VPN|New|ヘルプデスク;", "April's inquiries: Q1 only");
	g_free(t);
	ok(probe_paragraph(&d, "1 inquiries in the period."), "their number");
	{
		static const char *const alerts[] = { "Incidents from alerts" };
		static const int a[1][12] = { { 1 } };
		static const char *const after[] = { "Called out (出勤有)", "No call-out (出勤無)" };
		static const int ah[2][12] = { { 0 }, { 1 } };
		static const char *const kinds[] = { "Infrastructure work request",
			"Production work request", "In-building work notice", "User-ID request",
			"Data-centre entry request", "Fiscal-year renewal" };
		static const int k[6][12] = { { 0 }, { 0 }, { 0 }, { 1 }, { 1 }, { 0 } };
		static const char *const cats[] = { "サポート", "NW関連", "ハード対応" };
		static const int c[3][12] = { { 1 }, { 1 }, { 0 } };

		check_stat(&d, "Alerts received", 0, 1, alerts, a, false,
			"no alert rows: incidents from alert mail, I1 (FY2025) left out");
		check_stat(&d, "After-hours incidents", 0, 2, after, ah, true,
			"after hours: I2 without call-out");
		check_stat(&d, "Applications per kind", 0, 6, kinds, k, true,
			"applications: R2 created at 23:00 on 30 April counts in April");
		check_stat(&d, "Incidents per category", 0, 3, cats, c, true,
			"categories through April, later months blank");
	}
	rdoc_free(&d);
}

static void
check_year(void)
{
	struct monthly_spec s;
	struct rdoc d;
	struct mado_err e = { 0 };
	char *t;

	is_int(report_monthly_spec(2026, 0, &s, &e), MADO_OK, "the whole of FY2026");
	is_int(report_monthly(db, &sup, &s, &d, &e), MADO_OK, "FY2026's report");
	is_str(d.subtitle, "FY2026, whole year", "subtitle");
	t = probe_table(&d, "Routine work done (requests completed)");
	is_str(t, "Infrastructure work request|0;Production work request|0;"
		"In-building work notice|0;User-ID request|1;Data-centre entry request|1;"
		"Fiscal-year renewal|0;*Total|2;", "the year's completed requests, no list");
	g_free(t);
	t = probe_table(&d, "Incident status");
	is_str(t, "サポート|1|1|1;NW関連|1|0|1;ハード対応|1|0|1;Uncategorised|1|0|1;"
		"*Total|4|1|4;", "the year's incidents; I4 without a category on its own row");
	g_free(t);
	ok(probe_paragraph(&d, "2 inquiries in the period."), "the year's inquiries counted");
	{
		static const char *const after[] = { "Called out (出勤有)", "No call-out (出勤無)" };
		static const int ah[2][12] = { { [11] = 1 }, { 1 } };
		static const char *const cats[] = { "サポート", "NW関連", "ハード対応",
			"Uncategorised" };
		static const int c[4][12] = { { 1 }, { 1 }, { [11] = 1 }, { 0, 1 } };

		check_stat(&d, "After-hours incidents", 11, 2, after, ah, true,
			"I5 on 31 March 2027 is FY2026's March");
		check_stat(&d, "Incidents per category", 11, 4, cats, c, true,
			"every month shown; I4 at 05-01 00:00 in May");
	}
	rdoc_free(&d);

	/* With monitoring alerts recorded, those are counted instead. */
	testdb_exec(db, "INSERT INTO alert_occurrence(ticket_id, kind, at) VALUES"
		" (2, 'problem', 1780250400), (2, 'recovery', 1780250400),"
		" (2, 'problem', 1806505200);");
	report_monthly(db, &sup, &s, &d, &e);
	{
		static const char *const alerts[] = { "Alerts received" };
		static const int a[1][12] = { { 0, 0, 1 } };

		check_stat(&d, "Alerts received", 11, 1, alerts, a, false,
			"alert rows of kind problem: one in June; recovery and FY2027 left out");
	}
	rdoc_free(&d);
}

static void
check_march(void)
{
	struct monthly_spec s;
	struct rdoc d;
	struct mado_err e = { 0 };
	char *t, *name;

	is_int(report_monthly_spec(2025, 3, &s, &e), MADO_OK, "March of FY2025");
	ok(s.from == 1772290800 && s.to == 1774969200, "2026-03-01 to 2026-04-01 JST");
	is_int(report_monthly(db, &sup, &s, &d, &e), MADO_OK, "March 2026's report");
	t = probe_table(&d, "Incident status");
	is_str(t, "サポート|1|0|1;NW関連|0|0|0;ハード対応|0|0|0;*Total|1|0|1;",
		"I1 at 23:59 on 31 March is in March");
	g_free(t);
	{
		static const char *const after[] = { "Called out (出勤有)", "No call-out (出勤無)" };
		static const int ah[2][12] = { { [11] = 1 }, { 0 } };

		check_stat(&d, "After-hours incidents", 11, 2, after, ah, true,
			"FY2025's table: I1 in March, I2 (1 April) not");
	}
	t = probe_table(&d, "Inquiries");
	is_str(t, "INQ-0|2026-03-10|昨年度|New|ヘルプデスク;", "March's inquiry");
	g_free(t);
	rdoc_free(&d);
	name = report_monthly_filename(&s);
	is_str(name, "Monthly operations report-FY2025-03.pdf", "file name");
	g_free(name);
	is_int(report_monthly_spec(2026, 13, &s, &e), MADO_EUSAGE, "month 13 is refused");
	ok(strstr(e.msg, "--month") != NULL, "naming --month: %s", e.msg);
}

/* More incident categories than the statistics grid has rows: the ones
 * past it are counted under Uncategorised, not dropped from the totals. */
static void
check_many_categories(void)
{
	struct monthly_spec s;
	struct rdoc d;
	struct mado_err e = { 0 };
	char *t;

	for (int i = 100; i < 170; i++) {
		char id[16];
		const char *args[] = { id };

		g_snprintf(id, sizeof id, "%d", i);
		testdb_exec_args(db, "INSERT INTO category(id, code, name, scope)"
			" VALUES (?1, 'C' || ?1, '分類' || ?1, 'incident')", args, 1);
	}
	testdb_exec(db, "INSERT INTO ticket(id, kind, number, subject, status, queue_id,"
		" category_id, source, created_at, updated_at, closed_at) VALUES"
		" (20, 'incident', 'INC-20', '最後の分類', 'new', 1, 169, 'phone', 1775001600, 0, NULL);"
		"INSERT INTO ticket_incident(ticket_id, after_hours, callout) VALUES (20, 0, 0);");
	report_monthly_spec(2026, 4, &s, &e);
	is_int(report_monthly(db, &sup, &s, &d, &e), MADO_OK, "April with 73 categories");
	t = probe_table(&d, "Incidents per category");
	ok(strstr(t, "*Total|3|") != NULL, "per category: INC-20 of the 73rd category counted"
		" in April's total (I2, I3 and it)");
	ok(strstr(t, "Uncategorised|1|") != NULL, "under Uncategorised");
	g_free(t);
	t = probe_table(&d, "Incident status");
	ok(g_str_has_suffix(t, "*Total|3|0|4;"), "status: INC-20 opened and open (%s)",
		strrchr(t, '*') ? strrchr(t, '*') : t);
	g_free(t);
	rdoc_free(&d);
}

int
main(void)
{
	db = testdb_open();
	testdb_actor(db, "sup", "supervisor", &sup);
	testdb_actor(db, "op", "operator", &op);
	seed();
	g_setenv("MADO_NOW", "1790000000", TRUE);
	check_april();
	check_year();
	check_march();
	check_many_categories();
	db_close(db);
	return tap_done();
}
