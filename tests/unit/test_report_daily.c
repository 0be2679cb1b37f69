/* The daily shift summary on a small fixed data set with every figure
 * computed by hand: the early shift of Monday 2026-11-02 and its late
 * shift, which crosses midnight into 文化の日 (3 November, a holiday, so
 * the next 4 business hours run into the 4th); the shift configuration
 * and its errors; the handover with its role check and audit rows. */
#include "tests/testdb.h"

#include <stdint.h>

#include "core/config.h"
#include "core/handover.h"
#include "core/report_daily.h"
#include "db/audit_store.h"
#include "tests/rdoc_probe.h"

int main(void);

static struct db *db;
static struct actor sup, op1, op2;
static struct config cfg;

/* B is 2026-11-02 00:00 JST. */
enum { B = 1793545200, H = 3600 };

static void
at(int64_t t)
{
	char buf[32];

	g_snprintf(buf, sizeof buf, "%lld", (long long)t);
	g_setenv("MADO_NOW", buf, TRUE);
}

static int
status_audit_txn(struct db *d, void *p, struct mado_err *e)
{
	struct audit_entry a = { .action = "status", .entity = "ticket", .entity_id = 2,
		.field = "status", .old_value = "in_progress", .new_value = "answered" };

	(void)p;
	return actor_audit(d, &sup, &a, e);
}

/*        kind      queue  created      status       due            closed
 *   T1   inquiry   HD     11-02 09:00  in_progress  11-02 10:00
 *   T2   inquiry   HD     11-01 09:00  answered     -              (status audit 11-02 10:00)
 *   T3   incident  NW     11-02 20:00  in_progress  -              occurred 20:00, 住民基本
 *   T4   incident  NW     10-31 09:00  recovered    -              recovered 11-02 12:00
 *   T5   request   HD     11-02 08:00  approved     11-04 10:00
 *   T6   inquiry   HD     11-02 22:00  new          11-04 13:00
 *   T7   inquiry   HD     11-01 09:00  closed       -              11-02 11:00
 * Audit: op1 logs in 11-02 08:45, sup changes T2 at 10:00, op2 logs in
 * at 18:00. One call at 09:00, answered. */
static void
seed(void)
{
	struct mado_err e = { 0 };

	testdb_exec(db, 
		"INSERT INTO queue(id, code, name) VALUES (1, 'HD', 'ヘルプデスク'),"
		" (2, 'NW', 'ネットワーク');"
		"INSERT INTO managed_system(id, code, name) VALUES (1, 'JUKI', '住民基本情報システム');"
		"INSERT INTO ticket(id, kind, number, subject, status, queue_id, created_at,"
		" updated_at, due_at, closed_at) VALUES"
		" (1, 'inquiry', 'INQ-1', '印刷できない', 'in_progress', 1, 1793577600, 0,"
		"  1793581200, NULL),"
		" (2, 'inquiry', 'INQ-2', '回答済み', 'answered', 1, 1793491200, 0, NULL, NULL),"
		" (3, 'incident', 'INC-1', '住基停止', 'in_progress', 2, 1793617200, 0, NULL, NULL),"
		" (4, 'incident', 'INC-2', '回線断', 'recovered', 2, 1793404800, 0, NULL, NULL),"
		" (5, 'request', 'REQ-1', '入室申請', 'approved', 1, 1793574000, 0, 1793754000, NULL),"
		" (6, 'inquiry', 'INQ-3', 'VPN', 'new', 1, 1793624400, 0, 1793764800, NULL),"
		" (7, 'inquiry', 'INQ-4', '終了済み', 'closed', 1, 1793491200, 0, NULL, 1793584800);"
		"INSERT INTO ticket_incident(ticket_id, system_id, occurred_at, recovered_at, impact)"
		" VALUES (3, 1, 1793617200, NULL, '全庁'), (4, NULL, NULL, 1793588400, '本庁舎');"
		"INSERT INTO ticket_request(ticket_id, request_kind) VALUES (5, 'dc_entry');"
		"INSERT INTO calllog(receipt_no, operator_id, started_at, ended_at, wrapup_at,"
		" outcome_id) VALUES ('C1', 2, 1793577600, 1793577660, 1793577720,"
		" (SELECT id FROM choice WHERE list = 'outcome' AND code = 'answered'));");
	at(B + 8 * H + 45 * 60);
	if (session_event(db, &op1, "login", &e) != MADO_OK)
		printf("Bail out! %s\n", e.msg);
	at(B + 10 * H);
	if (db_txn(db, status_audit_txn, NULL, &e) != MADO_OK)
		printf("Bail out! %s\n", e.msg);
	at(B + 18 * H);
	if (session_event(db, &op2, "login", &e) != MADO_OK)
		printf("Bail out! %s\n", e.msg);
}

static void
check_config(void)
{
	char path[400];
	struct config c;
	struct mado_err e = { 0 };
	const struct shift *s;
	char day[11];

	g_snprintf(path, sizeof path, "%s/shift.conf", testdb_dir);
	g_setenv("MADO_CONFIG", path, TRUE);
	g_file_set_contents(path, "[shift early]\nstart = 09:00\nend = 17:00\n"
		"[shift night]\nstart = 22:00\nend = 06:00\n", -1, NULL);
	is_int(config_load(&c, &e), MADO_OK, "a config with shifts loads");
	s = shift_find(&c.shifts, "early");
	ok(s != NULL && s->start_min == 540 && s->end_min == 1020, "early replaced: 09:00–17:00");
	s = shift_find(&c.shifts, "late");
	ok(s != NULL && s->start_min == 1035 && s->end_min == 510, "late kept from the defaults");
	s = shift_find(&c.shifts, "night");
	ok(s != NULL && s->start_min == 1320 && s->end_min == 360, "night added");
	s = shift_find(&c.shifts, "all");
	ok(s != NULL && s->start_min == 540, "all starts with the first shift");
	s = shift_at(&c.shifts, B + 23 * H, day, sizeof day);
	ok(s != NULL && strcmp(s->name, "late") == 0 && strcmp(day, "2026-11-02") == 0,
		"23:00 is in the late shift of its own day (the first match)");
	s = shift_at(&c.shifts, B + 86400 + 3 * H, day, sizeof day);
	ok(strcmp(s->name, "late") == 0 && strcmp(day, "2026-11-02") == 0,
		"03:00 on the 3rd belongs to the late shift that began on the 2nd");
	config_free(&c);

	g_file_set_contents(path, "[shift night]\nstart = 25:00\nend = 06:00\n", -1, NULL);
	is_int(config_load(&c, &e), MADO_ECONFIG, "a bad time is a configuration error");
	ok(strstr(e.msg, "shift.conf: [shift night] start: '25:00'") != NULL,
		"the message names the file, shift and key: %s", e.msg);
	g_file_set_contents(path, "[shift night]\nstart = 22:00\n", -1, NULL);
	is_int(config_load(&c, &e), MADO_ECONFIG, "a missing end is an error");
	ok(strstr(e.msg, "[shift night] end: missing") != NULL, "says end is missing: %s", e.msg);
	g_file_set_contents(path, "[shift all]\nstart = 08:00\nend = 09:00\n", -1, NULL);
	is_int(config_load(&c, &e), MADO_ECONFIG, "'all' cannot be configured");
	g_file_set_contents(path, "[report]\noutput_dir = reports\n", -1, NULL);
	is_int(config_load(&c, &e), MADO_ECONFIG, "[report] output_dir must be absolute");
	g_setenv("MADO_CONFIG", "/nonexistent/madoguchi.conf", TRUE);
	if (config_load(&cfg, &e) != MADO_OK)
		printf("Bail out! %s\n", e.msg);
}

static void
check_spec(void)
{
	struct daily_spec s;
	struct mado_err e = { 0 };

	is_int(report_daily_spec(&cfg, "2026-11-02", "late", &s, &e), MADO_OK, "late spec");
	ok(s.from == B + 17 * H + 15 * 60 && s.to == B + 86400 + 8 * H + 30 * 60,
		"the late shift runs 17:15 to 08:30 the next day");
	is_int(report_daily_spec(&cfg, "2026-11-02", NULL, &s, &e), MADO_OK, "no shift: all");
	ok(strcmp(s.shift, "all") == 0 && s.from == B + 8 * H + 30 * 60 &&
		s.to == B + 86400 + 8 * H + 30 * 60, "all is 08:30 to 08:30");
	at(B + 86400 + 7 * H);
	is_int(report_daily_spec(&cfg, NULL, "early", &s, &e), MADO_OK, "no date");
	is_str(s.day, "2026-11-02", "07:00 on the 3rd is still the business day of the 2nd");
	is_int(report_daily_spec(&cfg, "2026-11-31", "early", &s, &e), MADO_EUSAGE,
		"2026-11-31 is refused");
	ok(strstr(e.msg, "--date") != NULL, "naming --date: %s", e.msg);
	is_int(report_daily_spec(&cfg, "2026-11-02", "night", &s, &e), MADO_EUSAGE,
		"an unknown shift is refused");
	ok(strstr(e.msg, "--shift") != NULL, "naming --shift: %s", e.msg);
	s = (struct daily_spec){ "2026-11-02", "early", 0, 0 };
	{
		char *name = report_daily_filename(&s);

		is_str(name, "Daily operations report-2026-11-02-early.pdf", "the PDF's name");
		g_free(name);
	}
}

static void
check_handover(void)
{
	struct handover_key k = { &cfg.shifts, "2026-11-02", "early" };
	struct handover_key bad = { &cfg.shifts, "2026-11-02", "noon" };
	struct mado_err e = { 0 };
	int before;

	at(B + 16 * H);
	is_int(handover_set_note(db, &op1, &k, "x", &e), MADO_EPERM, "an operator cannot write it");
	is_int(handover_set_note(db, &sup, &bad, "x", &e), MADO_EUSAGE, "an unknown shift");
	before = testdb_int(db_handle(db), "SELECT count(*) FROM audit WHERE entity = 'handover'");
	is_int(handover_set_note(db, &sup, &k, "空調点検あり", &e), MADO_OK, "note set");
	is_int(handover_pick(db, &sup, &k, "INQ-1", "要フォロー", &e), MADO_OK, "INQ-1 picked");
	is_int(handover_pick(db, &sup, &k, "INC-2", NULL, &e), MADO_OK, "INC-2 picked");
	is_int(handover_unpick(db, &sup, &k, "INC-2", &e), MADO_OK, "INC-2 taken out");
	is_int(handover_unpick(db, &sup, &k, "INC-2", &e), MADO_ENOTFOUND, "not there twice");
	is_int(handover_pick(db, &sup, &k, "INQ-99", NULL, &e), MADO_ENOTFOUND,
		"an unknown ticket");
	is_int(testdb_int(db_handle(db), "SELECT count(*) FROM audit WHERE entity = 'handover'")
		- before, 4, "four changes, four audit rows");
	is_int(testdb_int(db_handle(db), "SELECT count(*) FROM handover_item"), 1, "one item left");
}

static void
check_early(void)
{
	struct daily_spec s;
	struct rdoc d;
	struct mado_err e = { 0 };
	char *t;

	report_daily_spec(&cfg, "2026-11-02", "early", &s, &e);
	is_int(report_daily(db, &op1, &cfg, &s, &d, &e), MADO_EPERM, "an operator is refused");
	rdoc_free(&d);
	is_int(report_daily(db, &sup, &cfg, &s, &d, &e), MADO_OK, "early shift summary");
	is_str(d.subtitle, "2026-11-02 early shift", "subtitle: date and shift");
	ok(probe_paragraph(&d, "Period: 2026-11-02 08:30 – 2026-11-02 17:15"), "the period");
	t = probe_table(&d, "Period and staff on duty");
	is_str(t, "op1|op1|2026-11-02 08:45|2026-11-02 08:45;"
		"sup|sup|2026-11-02 10:00|2026-11-02 16:00;", "staff on duty: op1 and sup, not op2");
	g_free(t);
	t = probe_table(&d, "Tickets by kind and queue");
	is_str(t, "Inquiry|ヘルプデスク|1|2|1;Request|ヘルプデスク|0|0|1;*Total||1|2|2;",
		"new 1, done 2 (a status change, a closing), open 2");
	g_free(t);
	t = probe_table(&d, "Incidents open or recovered during the shift");
	is_str(t, "INC-2|2026-10-31 09:00|—|本庁舎|Recovered|2026-11-02 12:00;",
		"the incident recovered in the shift");
	g_free(t);
	t = probe_table(&d, "SLA breaches: open and past due at the end of the shift");
	is_str(t, "INQ-1|Inquiry|2026-11-02 10:00|In progress|—|印刷できない;", "one breach");
	g_free(t);
	t = probe_table(&d, "At risk: due within the next 4 business hours");
	is_str(t, "REQ-1|Request|2026-11-04 10:00|Approved|—|入室申請;",
		"at risk: the 3rd is a holiday, so the 4 hours end 11-04 12:30");
	g_free(t);
	t = probe_table(&d, "Calls");
	is_str(t, "Received|1;Handled|1;One-stop rate|100.0 %;", "calls of the shift");
	g_free(t);
	ok(probe_paragraph(&d, "空調点検あり"), "the handover note");
	ok(probe_paragraph(&d, "Written by sup, 2026-11-02 16:00"), "who wrote it and when");
	t = probe_table(&d, "Notable items");
	is_str(t, "INQ-1|In progress|印刷できない|要フォロー;", "the picked ticket and its note");
	g_free(t);
	t = probe_table(&d, "Open items for the next shift, oldest first");
	is_str(t, "REQ-1|Request|2026-11-02 08:00|Approved|ヘルプデスク|—|入室申請;"
		"INQ-1|Inquiry|2026-11-02 09:00|In progress|ヘルプデスク|—|印刷できない;",
		"open items oldest first");
	g_free(t);
	rdoc_free(&d);
}

static void
check_late(void)
{
	struct daily_spec s;
	struct rdoc d;
	struct mado_err e = { 0 };
	char *t;

	report_daily_spec(&cfg, "2026-11-02", "late", &s, &e);
	is_int(report_daily(db, &sup, &cfg, &s, &d, &e), MADO_OK, "late shift summary");
	t = probe_table(&d, "Period and staff on duty");
	is_str(t, "op2|op2|2026-11-02 18:00|2026-11-02 18:00;", "op2 on duty after midnight too");
	g_free(t);
	t = probe_table(&d, "Tickets by kind and queue");
	is_str(t, "Inquiry|ヘルプデスク|1|0|2;Incident|ネットワーク|1|0|1;"
		"Request|ヘルプデスク|0|0|1;*Total||2|0|4;", "counts across midnight");
	g_free(t);
	t = probe_table(&d, "Incidents open or recovered during the shift");
	is_str(t, "INC-1|2026-11-02 20:00|住民基本情報システム|全庁|Recovering|;",
		"the incident of the night; the one recovered before is gone");
	g_free(t);
	t = probe_table(&d, "At risk: due within the next 4 business hours");
	is_str(t, "REQ-1|Request|2026-11-04 10:00|Approved|—|入室申請;",
		"from 11-03 08:30 (a holiday) the 4 hours end 11-04 12:30; INQ-3 at 13:00 is not");
	g_free(t);
	ok(!probe_heading(&d, "Calls"), "no calls, no calls section");
	ok(probe_paragraph(&d, "No handover note."), "no note for the late shift");
	is_str(probe_paragraph_after(&d, "Notable items"), "None.",
		"an empty list is one line, no table");
	ok(probe_paragraph_after(&d, "SLA breaches: open and past due at the end of the shift")
		== NULL, "a list with rows is a table");
	t = probe_table(&d, "Open items for the next shift, oldest first");
	is_str(t, "REQ-1|Request|2026-11-02 08:00|Approved|ヘルプデスク|—|入室申請;"
		"INQ-1|Inquiry|2026-11-02 09:00|In progress|ヘルプデスク|—|印刷できない;"
		"INC-1|Incident|2026-11-02 20:00|Recovering|ネットワーク|—|住基停止;"
		"INQ-3|Inquiry|2026-11-02 22:00|New|ヘルプデスク|—|VPN;", "four open items");
	g_free(t);
	rdoc_free(&d);
}

int
main(void)
{
	db = testdb_open();
	testdb_actor(db, "sup", "supervisor", &sup);
	testdb_actor(db, "op1", "operator", &op1);
	testdb_actor(db, "op2", "operator", &op2);
	check_config();
	seed();
	check_spec();
	check_handover();
	check_early();
	check_late();
	config_free(&cfg);
	db_close(db);
	return tap_done();
}
