/* Mail intake on a real database file: new tickets from Japanese mail,
 * threading, exactly-once per queue, one ticket for one message to two
 * addresses, alert folding with after-hours times, recovery, bounces,
 * loop and noise protection, the attachment limit and the audit trail. */
#include <glib.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alert_rule.h"
#include "core/calendar.h"
#include "core/mail_intake.h"
#include "core/ticket.h"
#include "db/mail_store.h"
#include "tests/tap.h"
#include "tests/testdb.h"

static struct db *db;
static struct mail_intake_opts opts = { .autoreply_per_hour = 2 };

static void
exec_sql(const char *sql)
{
	char *err = NULL;

	if (sqlite3_exec(db_handle(db), sql, NULL, NULL, &err) != SQLITE_OK) {
		printf("Bail out! %s: %s\n", sql, err);
		exit(2);
	}
}

/* The first column of the first row of sql as text ("" when none). */
static char *
sql_text(const char *sql)
{
	sqlite3_stmt *st;
	char *s = NULL;

	if (sqlite3_prepare_v2(db_handle(db), sql, -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0) != NULL)
		s = g_strdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return s != NULL ? s : g_strdup("");
}

static int
sql_int(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static int
sql_int(const char *fmt, ...)
{
	va_list ap;
	char *sql;
	int n;

	va_start(ap, fmt);
	sql = g_strdup_vprintf(fmt, ap);
	va_end(ap);
	n = testdb_int(db_handle(db), sql);
	g_free(sql);
	return n;
}

static void
like_text(const char *s, const char *needle, const char *name)
{
	if (!ok(s != NULL && strstr(s, needle) != NULL, "%s", name))
		printf("#   got [%s]\n#   want it to contain [%s]\n", s ? s : "(null)", needle);
}

static int
take(const char *queue, const char *raw, size_t len, struct mail_intake_result *r)
{
	struct mado_err e = { 0 };
	int st = mail_intake(db, &opts, queue, raw, len, r, &e);

	if (st != MADO_OK)
		printf("# mail_intake: %s\n", e.msg);
	return st;
}

static int
take_file(const char *name, const char *queue, struct mail_intake_result *r)
{
	char *path = g_build_filename(g_getenv("MADO_TESTDATA"), "mail", name, NULL), *raw;
	gsize len;
	int st;

	if (!g_file_get_contents(path, &raw, &len, NULL)) {
		printf("Bail out! cannot read %s\n", path);
		exit(2);
	}
	st = take(queue, raw, len, r);
	g_free(raw);
	g_free(path);
	return st;
}

/* A plain message; headers is extra header lines ending in CRLF. */
static int
take_mail(const char *queue, const char *from, const char *subject, const char *headers,
	const char *body, struct mail_intake_result *r)
{
	char *raw = g_strdup_printf("From: %s\r\nTo: %s@city.example.lg.jp\r\nSubject: %s\r\n%s"
		"MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n"
		"Content-Transfer-Encoding: 8bit\r\n\r\n%s\r\n", from, queue, subject, headers, body);
	int st = take(queue, raw, strlen(raw), r);

	g_free(raw);
	return st;
}

static void
setup(void)
{
	db = testdb_open();
	exec_sql(
		"INSERT INTO queue(code, name, email) VALUES"
		" ('helpdesk', 'ヘルプデスク', 'helpdesk@city.example.lg.jp'),"
		" ('infra', '基盤担当', 'Infra@City.example.lg.jp');"
		"INSERT INTO staff(login, name, email, role) VALUES"
		" ('h.yamada', '山田 花子', 'hanako.yamada@city.example.lg.jp', 'staff');"
		"INSERT INTO vendor(code, name) VALUES ('v1', '株式会社サンプル');"
		"INSERT INTO vendor_contact(vendor_id, name, email) VALUES"
		" (1, 'Taro Suzuki', 'taro.suzuki@vendor.example.co.jp');"
		"INSERT INTO managed_system(code, name) VALUES ('groupware', 'グループウェアシステム');"
		"INSERT INTO category(code, name) VALUES ('nw', 'NW関連');");
}

static void
test_new_japanese(void)
{
	struct mail_intake_result r, again;
	char *s;

	testdb_now(jst_to_time(2026, 11, 20, 9, 31, 0));
	is_int(take_file("intake-iso2022jp.eml", "helpdesk", &r), MADO_OK,
		"an ISO-2022-JP mail is taken in");
	is_int(r.disposition, MAIL_NEW, "it makes a new ticket");
	is_str(r.number, "INQ-2026-000001", "an inquiry numbered by its rule");
	s = sql_text("SELECT subject FROM ticket WHERE id = 1");
	is_str(s, "プリンターで印刷できません", "the subject decoded exactly");
	g_free(s);
	s = sql_text("SELECT rtrim(body, char(10)) FROM ticket WHERE id = 1");
	is_str(s, "情報政策課 御中\n\n3階の複合機から印刷できません。\nエラー表示は「用紙切れ」です。\n\n"
		"山田 花子", "the body decoded exactly");
	g_free(s);
	s = sql_text("SELECT requester_name || ' / ' || requester_email || ' / ' || source"
		" || ' / ' || (SELECT code FROM queue WHERE id = queue_id) FROM ticket WHERE id = 1");
	is_str(s, "山田 花子 / hanako.yamada@city.example.lg.jp / mail / helpdesk",
		"requester, source and queue from the mail");
	g_free(s);
	is_int(sql_int("SELECT requester_staff_id FROM ticket WHERE id = 1"), 1,
		"the sender is matched to the staff member with that address");
	is_int(sql_int("SELECT count(*) FROM outbox WHERE event = 'ack' AND ticket_id = 1"
		" AND recipient = 'hanako.yamada@city.example.lg.jp'"), 1, "one acknowledgement queued");
	is_int(sql_int("SELECT count(*) FROM attachment WHERE owner_type = 'ticket' AND owner_id = 1"
		" AND filename = 'message.eml' AND mime = 'message/rfc822'"
		" AND sha256 = (SELECT raw_sha256 FROM mail_message WHERE id = %lld)",
		(long long)r.mail_id), 1, "the raw message is attached as message.eml");
	is_int(sql_int("SELECT length(data) FROM blob WHERE sha256 ="
		" (SELECT raw_sha256 FROM mail_message WHERE id = %lld)", (long long)r.mail_id), 527,
		"the raw bytes are kept whole");
	s = sql_text("SELECT message_id || ' ' || disposition FROM mail_message WHERE id = 1");
	is_str(s, "20261120093000.0001@mail.city.example.lg.jp new", "the Message-ID is recorded");
	g_free(s);

	is_int(take_file("intake-iso2022jp.eml", "helpdesk", &again), MADO_OK,
		"the same message again is fine");
	is_int(again.disposition, MAIL_DUPLICATE, "and a duplicate");
	is_int(again.mail_id, r.mail_id, "pointing at the first copy");
	is_int(sql_int("SELECT count(*) FROM ticket"), 1, "no second ticket");
	is_int(sql_int("SELECT count(*) FROM mail_message"), 1, "no second row");

	is_int(take_file("intake-iso2022jp.eml", "infra", &again), MADO_OK,
		"the message reaching a second address");
	is_int(again.disposition, MAIL_DUPLICATE, "is a duplicate there");
	is_int(again.ticket_id, 1, "of the same ticket");
	is_int(sql_int("SELECT count(*) FROM ticket"), 1, "one message to two addresses: one ticket");
	is_int(sql_int("SELECT count(*) FROM mail_message WHERE ticket_id = 1"
		" AND disposition = 'duplicate' AND queue_id = 2"), 1, "its copy is recorded for infra");
	is_int(sql_int("SELECT count(*) FROM outbox"), 1, "and acknowledged once");
}

static void
test_threading(void)
{
	struct mail_intake_result r;
	struct mado_err e = { 0 };
	struct actor sys;
	struct mail_insert out = {
		.direction = "out", .queue = "helpdesk",
		.message_id = "madoguchi.out.1@city.example.lg.jp", .ticket_id = 1,
		.disposition = "sent", .at = 1,
	};
	char *s;
	int outbox;

	identity_system(&sys);
	ok(ticket_set_status(db, &sys, 1, "answered", &e) == MADO_OK, "the inquiry is answered");
	exec_sql("DELETE FROM outbox WHERE event = 'status'");
	is_int(take_mail("helpdesk", "hanako.yamada@city.example.lg.jp",
		"Re: [INQ-2026-000001] printer", "Message-ID: <reply-1@city.example.lg.jp>\r\n",
		"Still does not print.", &r), MADO_OK, "a reply with the ticket tag");
	is_int(r.disposition, MAIL_REPLY, "joins its ticket");
	is_int(r.ticket_id, 1, "the tagged one");
	s = sql_text("SELECT kind || ': ' || author_name || ': ' || rtrim(body, char(10))"
		" FROM comment WHERE ticket_id = 1 ORDER BY id DESC LIMIT 1");
	is_str(s, "incoming: hanako.yamada@city.example.lg.jp: Still does not print.",
		"as incoming mail from the sender");
	g_free(s);
	s = sql_text("SELECT status FROM ticket WHERE id = 1");
	is_str(s, "in_progress", "the answered inquiry is reopened by its workflow");
	g_free(s);

	is_int(take_mail("helpdesk", "Hanako <hanako.yamada@city.example.lg.jp>", "Re: printer",
		"Message-ID: <reply-2@city.example.lg.jp>\r\n"
		"In-Reply-To: <20261120093000.0001@mail.city.example.lg.jp>\r\n", "Thanks.", &r),
		MADO_OK, "a reply by In-Reply-To to the received message");
	ok(r.disposition == MAIL_REPLY && r.ticket_id == 1, "joins the ticket");

	ok(mail_insert(db, &out, NULL, &e) == MADO_OK, "a message we sent about the ticket");
	is_int(take_mail("helpdesk", "hanako.yamada@city.example.lg.jp", "Re: your answer",
		"Message-ID: <reply-3@city.example.lg.jp>\r\n"
		"References: <madoguchi.out.1@city.example.lg.jp> <elsewhere@example.jp>\r\n",
		"One more question.", &r), MADO_OK, "a reply by References to what we sent");
	ok(r.disposition == MAIL_REPLY && r.ticket_id == 1, "joins the ticket too");
	is_int(sql_int("SELECT count(*) FROM comment WHERE ticket_id = 1 AND kind = 'incoming'"), 3,
		"three incoming comments");
	is_int(sql_int("SELECT count(*) FROM outbox WHERE event = 'ack'"), 1,
		"replies are not acknowledged");
	is_int(sql_int("SELECT count(*) FROM outbox WHERE event = 'status'"), 0,
		"nor is the reopening sent to the one who reopened it");
	outbox = sql_int("SELECT count(*) FROM outbox");

	is_int(take_file("intake-bounce.eml", "helpdesk", &r), MADO_OK, "a bounce");
	is_int(r.disposition, MAIL_BOUNCE, "is a bounce");
	is_int(r.ticket_id, 1, "of the ticket whose message it reports on");
	s = sql_text("SELECT body FROM comment WHERE ticket_id = 1 ORDER BY id DESC LIMIT 1");
	like_text(s, "could not be delivered", "noted on the ticket as incoming mail");
	g_free(s);
	is_int(sql_int("SELECT count(*) FROM outbox"), outbox, "and never acknowledged");
	{
		/* A mail we sent coming back in (to a requester address that is
		 * one of ours): not a reply from anyone, nothing reopened. */
		int comments = sql_int("SELECT count(*) FROM comment WHERE ticket_id = 1");

		is_int(take_mail("helpdesk", "desk@city.example.lg.jp", "[INQ-2026-000001] Answer",
			"Message-ID: <madoguchi.out.1@city.example.lg.jp>\r\n", "Our answer.", &r),
			MADO_OK, "our own sent message arriving in a queue");
		is_int(r.disposition, MAIL_DUPLICATE, "is recognised as ours");
		is_int(r.ticket_id, 1, "of the ticket it was sent about");
		is_int(sql_int("SELECT count(*) FROM comment WHERE ticket_id = 1"), comments,
			"and adds nothing to it");
	}
	is_int(take_mail("helpdesk", "MAILER-DAEMON@mx.example.jp", "Undelivered Mail",
		"Message-ID: <dsn-9@mx.example.jp>\r\n", "unknown user", &r), MADO_OK,
		"a bounce of nothing we sent");
	ok(r.disposition == MAIL_IGNORED && r.ticket_id == 0, "is kept but belongs to nothing");
}

/* Acknowledgements: none to automatic mail, lists, daemons, our own
 * addresses, or beyond the per-hour limit. */
static void
test_no_ack(void)
{
	static const struct {
		const char *from, *headers, *why;
	} quiet[] = {
		{ "someone@example.jp", "Auto-Submitted: auto-replied\r\n", "an auto-reply" },
		{ "news@example.jp", "Precedence: bulk\r\n", "bulk mail" },
		{ "list@example.jp", "List-Id: <users.example.jp>\r\n", "list mail" },
		{ "infra@city.example.lg.jp", "", "mail from our own address" },
		{ "no-reply@service.example.jp", "", "a no-reply sender" },
		{ "NoReply-News@service.example.jp", "", "a noreply sender" },
	};
	struct mail_intake_result r;
	int acks = sql_int("SELECT count(*) FROM outbox WHERE event = 'ack'");

	testdb_now(jst_to_time(2026, 11, 20, 13, 0, 0));
	for (size_t i = 0; i < G_N_ELEMENTS(quiet); i++) {
		char *hdr = g_strdup_printf("Message-ID: <quiet-%zu@example.jp>\r\n%s", i,
			quiet[i].headers);

		is_int(take_mail("helpdesk", quiet[i].from, "A question", hdr, "Hello.", &r), MADO_OK,
			"%s is taken in", quiet[i].why);
		is_int(r.disposition, MAIL_NEW, "%s makes a ticket", quiet[i].why);
		is_int(sql_int("SELECT count(*) FROM outbox WHERE ticket_id = %lld",
			(long long)r.ticket_id), 0, "%s is not acknowledged", quiet[i].why);
		g_free(hdr);
	}
	for (int i = 0; i < 3; i++) {
		char *hdr = g_strdup_printf("Message-ID: <many-%d@example.jp>\r\n", i);

		take_mail("helpdesk", "Citizen <citizen@example.jp>", "Question", hdr, "Hi.", &r);
		g_free(hdr);
	}
	is_int(sql_int("SELECT count(*) FROM outbox WHERE event = 'ack'") - acks, 2,
		"three mails from one sender in an hour: two acknowledgements (the limit)");
	testdb_now(jst_to_time(2026, 11, 20, 14, 1, 0));
	take_mail("helpdesk", "citizen@example.jp", "Question", "Message-ID: <many-9@example.jp>\r\n",
		"Hi.", &r);
	is_int(sql_int("SELECT count(*) FROM outbox WHERE event = 'ack'") - acks, 3,
		"an hour later the sender is acknowledged again");
	is_int(take_mail("helpdesk", "citizen@example.jp", "No id", "", "Same bytes.", &r), MADO_OK,
		"a message without a Message-ID");
	is_int(take_mail("helpdesk", "citizen@example.jp", "No id", "", "Same bytes.", &r), MADO_OK,
		"the same bytes again");
	is_int(r.disposition, MAIL_DUPLICATE, "are known by their content hash");
	is_int(sql_int("SELECT count(*) FROM mail_message WHERE message_id LIKE 'sha256:%%'"), 1,
		"stored once under sha256:HEX");
	{
		/* The same message without a Message-ID delivered to two of our
		 * mailboxes: the MTA's trace fields on top differ, the rest not. */
		static const char body[] = "From: citizen@example.jp\r\n"
			"To: helpdesk@city.example.lg.jp, infra@city.example.lg.jp\r\n"
			"Subject: No id, two mailboxes\r\nDate: Fri, 20 Nov 2026 14:02:00 +0900\r\n\r\n"
			"Same bytes.\r\n";
		char *one = g_strdup_printf("Return-Path: <citizen@example.jp>\r\n"
			"Delivered-To: helpdesk@city.example.lg.jp\r\nReceived: from mx by box1;\r\n"
			"\tFri, 20 Nov 2026 14:02:01 +0900\r\n%s", body);
		char *two = g_strdup_printf("Return-Path: <citizen@example.jp>\r\n"
			"Delivered-To: infra@city.example.lg.jp\r\nReceived: from mx by box2;\r\n"
			"\tFri, 20 Nov 2026 14:02:03 +0900\r\n%s", body);
		struct mail_intake_result r2;

		take("helpdesk", one, strlen(one), &r);
		is_int(r.disposition, MAIL_NEW, "without a Message-ID, to the help desk's mailbox: new");
		take("infra", two, strlen(two), &r2);
		is_int(r2.disposition, MAIL_DUPLICATE, "the copy in infra's mailbox: a duplicate");
		is_int(r2.ticket_id, r.ticket_id, "of the same ticket");
		g_free(one);
		g_free(two);
	}
}

/* Header text that no ticket field takes as it is: made to fit. */
static void
test_odd_headers(void)
{
	struct mail_intake_result r;
	char *s;

	is_int(take_mail("helpdesk", "\"Odd\xc2\x85Name\" <odd@example.jp>",
		"=?UTF-8?B?YWJjwoVkZWYJZ2hp?=", "Message-ID: <odd-1@example.jp>\r\n", "x", &r),
		MADO_OK, "a subject and name with C1 controls and a tab");
	s = sql_text("SELECT subject || '|' || requester_name FROM ticket ORDER BY id DESC LIMIT 1");
	is_str(s, "abc def ghi|Odd Name", "become one clean line each");
	g_free(s);
	is_int(take_mail("helpdesk", "odd@example.jp", "=?UTF-8?B?44CA44CA?=",
		"Message-ID: <odd-2@example.jp>\r\n", "x", &r), MADO_OK,
		"a subject of ideographic spaces only");
	s = sql_text("SELECT subject FROM ticket ORDER BY id DESC LIMIT 1");
	is_str(s, "(no subject)", "has no subject");
	g_free(s);
}

static void
test_attachments(void)
{
	struct mail_intake_result r;
	char *s;

	exec_sql("UPDATE setting SET value = '100' WHERE key = 'attachment.max_bytes'");
	is_int(take_file("intake-attach.eml", "helpdesk", &r), MADO_OK, "a mail with attachments");
	is_int(r.disposition, MAIL_NEW, "makes a ticket");
	is_int(sql_int("SELECT requester_contact_id FROM ticket WHERE id = %lld",
		(long long)r.ticket_id), 1, "the sender is matched to the vendor contact");
	s = sql_text("SELECT group_concat(filename, ',') FROM (SELECT filename FROM attachment"
		" WHERE owner_type = 'ticket' ORDER BY id DESC LIMIT 2)");
	is_str(s, "small.log,message.eml",
		"the part within attachment.max_bytes is attached, with the raw message");
	g_free(s);
	s = sql_text("SELECT body FROM ticket ORDER BY id DESC LIMIT 1");
	like_text(s, "The logs are attached.", "the text is the body");
	like_text(s, "Not attached: big.bin", "and a note names the part left out");
	g_free(s);
	exec_sql("UPDATE setting SET value = '20971520' WHERE key = 'attachment.max_bytes'");
}

static const char rules_text[] =
	"# test rules\n"
	"[rule nagios]\n"
	"sender = nagios@*.example.lg.jp\n"
	"subject = ^\\*\\* PROBLEM Service Alert: (?<host>[^/ ]+)/(?<check>.+) is CRITICAL \\*\\*$\n"
	"recovery = ^\\*\\* RECOVERY Service Alert: (?<host>[^/ ]+)/(?<check>.+) is OK \\*\\*$\n"
	"system_by_host = gw*=groupware;db*=nosuch\n"
	"category = nw\n"
	"priority = 2\n";

static char *
write_file(const char *name, const char *text)
{
	char *path = g_build_filename(testdb_dir, name, NULL);

	g_file_set_contents(path, text, -1, NULL);
	return path;
}

static void
rules_error(const char *text, const char *want, const char *name)
{
	char *path = write_file("bad.conf", text), *full;
	struct alert_rules *rules = NULL;
	struct mado_err e = { 0 };

	full = g_strdup_printf("%s%s", path, want);
	is_int(alert_rules_load(path, &rules, &e), MADO_ECONFIG, "%s: a configuration error", name);
	if (!ok(g_str_has_prefix(e.msg, full), "%s: the message names the place", name))
		printf("#   got  [%s]\n#   want [%s...]\n", e.msg, full);
	ok(rules == NULL, "%s: no rules", name);
	g_free(full);
	g_free(path);
}

static void
test_rules_file(void)
{
	struct alert_rules *rules = NULL;
	struct mado_err e = { 0 };
	char *path = alert_rules_default_path();

	is_int(alert_rules_load(path, &rules, &e), MADO_OK, "the shipped share/alerts.conf loads");
	ok(alert_rules_count(rules) >= 2, "with its rules");
	alert_rules_free(rules);
	g_free(path);
	rules_error("[rule a]\nsubject = ^x$\nthis line is wrong\n", ":3: ", "a syntax error");
	rules_error("[rule a]\nsubject = (?<host>x\n", ": [rule a] subject: ", "a bad pattern");
	rules_error("[rule a]\nsubject = ^PROBLEM (.*)$\n", ": [rule a] subject: ",
		"a pattern without host");
	rules_error("[rule a]\nsubject = (?<host>x)\nrecovery = ^OK$\n", ": [rule a] recovery: ",
		"a recovery without host");
	rules_error("[rule a]\nsubject = (?<host>x)\ncolour = red\n", ": [rule a] colour: ",
		"an unknown key");
	rules_error("[rule a]\nsubject = (?<host>x)\npriority = 9\n", ": [rule a] priority: ",
		"a priority out of range");
	rules_error("[rule a]\nsubject = (?<host>x)\nsystem_by_host = gw*\n",
		": [rule a] system_by_host: ", "a map entry without a system");
	rules_error("[alerts]\nsubject = (?<host>x)\n", ": [alerts]: ", "a group that is no rule");
	rules_error("[rule a]\nsender = x@y\n", ": [rule a] subject: ", "a rule without subject");
}

static char *
alert_mail(int i, const char *what, const char *host, const char *date)
{
	return g_strdup_printf("From: Nagios <nagios@mon.example.lg.jp>\r\n"
		"To: infra@city.example.lg.jp\r\n"
		"Subject: ** %s Service Alert: %s/HTTP is %s **\r\n"
		"Message-ID: <alert-%d@mon.example.lg.jp>\r\n%s%s%s"
		"Content-Type: text/plain\r\n\r\nService HTTP on %s\r\n",
		what, host, strcmp(what, "PROBLEM") == 0 ? "CRITICAL" : "OK", i,
		date ? "Date: " : "", date ? date : "", date ? "\r\n" : "", host);
}

static int
take_alert(int i, const char *what, const char *host, const char *date,
	struct mail_intake_result *r)
{
	char *raw = alert_mail(i, what, host, date);
	int st = take("infra", raw, strlen(raw), r);

	g_free(raw);
	return st;
}

static void
test_alerts(void)
{
	struct alert_rules *rules = NULL;
	struct mail_intake_result r;
	struct mado_err e = { 0 };
	char *path = write_file("alerts.conf", rules_text), *s;
	int64_t inc, fails = 0, night = jst_to_time(2026, 11, 18, 2, 0, 0);
	int outbox = sql_int("SELECT count(*) FROM outbox");

	is_int(alert_rules_load(path, &rules, &e), MADO_OK, "alert rules load");
	opts.alerts = rules;
	/* Wednesday 02:00-02:49 JST, taken in at 02:50: after hours by the Date. */
	testdb_now(night + 50 * 60);
	for (int i = 0; i < 50; i++) {
		char date[64];
		struct jst j;

		jst_from_time(night + i * 60, &j);
		snprintf(date, sizeof date, "Wed, 18 Nov 2026 %02d:%02d:00 +0900", j.hour, j.min);
		if (take_alert(i, "PROBLEM", "gw01", date, &r) != MADO_OK ||
		    r.disposition != MAIL_ALERT)
			fails++;
	}
	is_int(fails, 0, "50 problem alerts are taken in as alerts");
	inc = r.ticket_id;
	is_int(sql_int("SELECT count(*) FROM ticket WHERE kind = 'incident'"), 1,
		"an alert storm folds into one incident");
	is_str(r.number, "INC-2026-000001", "numbered as an incident");
	s = sql_text("SELECT i.occurrences || ' ' || i.after_hours || ' ' || t.source || ' '"
		" || t.priority || ' ' || s.code || ' ' || c.code || ' ' || q.code"
		" FROM ticket t JOIN ticket_incident i ON i.ticket_id = t.id"
		" JOIN managed_system s ON s.id = i.system_id JOIN category c ON c.id = t.category_id"
		" JOIN queue q ON q.id = t.queue_id");
	is_str(s, "50 1 alert 2 groupware nw infra",
		"50 occurrences, after hours, the rule's system, category and priority, the queue");
	g_free(s);
	is_int(sql_int("SELECT count(*) FROM alert_occurrence WHERE ticket_id = %lld"
		" AND kind = 'problem' AND after_hours = 1", (long long)inc), 50,
		"each occurrence recorded after hours");
	is_int(sql_int("SELECT max(at) - min(at) FROM alert_occurrence"), 49 * 60,
		"at the times the alerts were written");
	is_int(sql_int("SELECT count(*) FROM alert_state WHERE open = 1 AND host = 'gw01'"
		" AND check_name = 'HTTP' AND rule = 'nagios'"), 1, "one open failure");
	is_int(sql_int("SELECT count(*) FROM attachment WHERE owner_type = 'ticket'"
		" AND owner_id = %lld", (long long)inc), 1, "the first alert's mail is attached");
	is_int(sql_int("SELECT count(*) FROM outbox") - outbox, 0, "alerts are never acknowledged");
	is_int(sql_int("SELECT count(*) FROM audit WHERE entity = 'ticket' AND entity_id = %lld"
		" AND field = 'occurrences' AND actor = 'root'", (long long)inc), 49,
		"each folded alert is in the audit trail");

	/* Recovery at 10:00 on the same day, no Date: arrival time, office hours. */
	testdb_now(jst_to_time(2026, 11, 18, 10, 0, 0));
	is_int(take_alert(100, "RECOVERY", "GW01", NULL, &r), MADO_OK, "a recovery alert");
	is_int(r.disposition, MAIL_RECOVERY, "is a recovery");
	is_int(r.ticket_id, inc, "of the open incident (host names fold case)");
	is_int(sql_int("SELECT recovered_at = %lld FROM ticket_incident WHERE ticket_id = %lld",
		(long long)jst_to_time(2026, 11, 18, 10, 0, 0), (long long)inc), 1,
		"the incident's recovery time is noted");
	is_int(sql_int("SELECT count(*) FROM alert_state WHERE open = 1"), 0, "the failure is closed");
	is_int(sql_int("SELECT count(*) FROM alert_occurrence WHERE kind = 'recovery'"
		" AND after_hours = 0"), 1, "the recovery is an occurrence in office hours");
	is_int(sql_int("SELECT count(*) FROM comment WHERE ticket_id = %lld AND kind = 'incoming'",
		(long long)inc), 1, "and a comment on the incident");
	is_int(take_alert(101, "RECOVERY", "gw01", NULL, &r), MADO_OK, "a recovery of nothing open");
	ok(r.disposition == MAIL_IGNORED && r.ticket_id == 0, "creates nothing");

	testdb_now(jst_to_time(2026, 11, 18, 19, 0, 0));
	is_int(take_alert(102, "PROBLEM", "db01", NULL, &r), MADO_OK, "a new failure at 19:00");
	ok(r.disposition == MAIL_ALERT && r.ticket_id != inc, "is a new incident");
	is_int(sql_int("SELECT after_hours FROM ticket_incident WHERE ticket_id = %lld",
		(long long)r.ticket_id), 1, "after hours by its arrival (no Date)");
	s = sql_text("SELECT body FROM ticket ORDER BY id DESC LIMIT 1");
	like_text(s, "no managed system 'nosuch'", "a system the masters lack is named, not fatal");
	g_free(s);
	is_int(take_alert(102, "PROBLEM", "db01", NULL, &r), MADO_OK, "the same alert again");
	is_int(r.disposition, MAIL_DUPLICATE, "is a duplicate, not another occurrence");
	opts.alerts = NULL;
	alert_rules_free(rules);
	g_free(path);
}

static void
out_row(const char *message_id, int64_t ticket)
{
	struct mail_insert out = {
		.direction = "out", .queue = "helpdesk", .message_id = message_id,
		.ticket_id = ticket, .disposition = "sent", .at = 1,
	};
	struct mado_err e = { 0 };

	if (mail_insert(db, &out, NULL, &e) != MADO_OK) {
		printf("Bail out! %s\n", e.msg);
		exit(2);
	}
}

/* The parser's own fixtures (tests/data/mail) through the intake. */
static void
test_parser_fixtures(void)
{
	static const char zabbix[] =
		"[rule zabbix]\n"
		"sender = zabbix@monitor.city.example.lg.jp\n"
		"subject = ^\\[PROBLEM\\] (?<host>\\S+) (?<check>.+) CRITICAL$\n"
		"recovery = ^\\[RECOVERY\\] (?<host>\\S+) (?<check>.+) OK$\n";
	struct alert_rules *rules = NULL;
	struct mail_intake_result r;
	struct mado_err e = { 0 };
	struct actor sys;
	int64_t inq;
	char *s;

	identity_system(&sys);
	testdb_now(jst_to_time(2026, 4, 24, 12, 0, 0));
	take_mail("helpdesk", "kato@kyouiku.city.example.lg.jp", "Question", "", "?", &r);
	inq = r.ticket_id;
	ok(ticket_set_status(db, &sys, inq, "answered", &e) == MADO_OK, "an answered inquiry");
	out_row("inq-2026-000130.20260424101000.1@helpdesk.city.example.lg.jp", inq);
	is_int(take_file("autoreply-vacation.eml", "helpdesk", &r), MADO_OK,
		"a vacation auto-reply to our answer");
	ok(r.disposition == MAIL_REPLY && r.ticket_id == inq, "joins the ticket by In-Reply-To");
	s = sql_text("SELECT status FROM ticket ORDER BY id DESC LIMIT 1");
	is_str(s, "answered", "but an automatic reply reopens nothing");
	g_free(s);
	out_row("inq-2026-000123.20260424101500.1@helpdesk.city.example.lg.jp", inq);
	is_int(take_file("bounce-undelivered.eml", "helpdesk", &r), MADO_OK, "a Postfix bounce");
	ok(r.disposition == MAIL_BOUNCE && r.ticket_id == inq,
		"joins the ticket of the message it returns");
	is_int(take_file("list-bulk-newsletter.eml", "helpdesk", &r), MADO_OK, "a newsletter");
	is_int(sql_int("SELECT count(*) FROM outbox WHERE ticket_id = %lld", (long long)r.ticket_id),
		0, "is not acknowledged");

	is_int(alert_rules_parse("zabbix.conf", zabbix, sizeof zabbix - 1, &rules, &e), MADO_OK,
		"a rule for the Zabbix fixtures");
	opts.alerts = rules;
	testdb_now(jst_to_time(2026, 4, 15, 23, 0, 0));
	is_int(take_file("alert-problem-web01.eml", "helpdesk", &r), MADO_OK, "a Zabbix problem");
	is_int(r.disposition, MAIL_ALERT, "is an alert");
	is_int(sql_int("SELECT after_hours FROM ticket_incident WHERE ticket_id = %lld",
		(long long)r.ticket_id), 1, "at 22:41 by its Date: after hours");
	is_int(take_file("alert-recovery-web01.eml", "helpdesk", &r), MADO_OK, "its recovery");
	is_int(r.disposition, MAIL_RECOVERY, "is noted on the incident");
	is_int(sql_int("SELECT recovered_at - occurred_at FROM ticket_incident"
		" WHERE ticket_id = %lld", (long long)r.ticket_id), 17 * 60 + 30,
		"17 min 30 s after the problem, by their Date: headers");
	opts.alerts = NULL;
	alert_rules_free(rules);
}

static void
test_audit(void)
{
	struct actor sys;
	struct mado_err e = { 0 };
	int64_t bad = 0;

	identity_system(&sys);
	is_int(sql_int("SELECT count(*) FROM audit WHERE entity = 'mail_message'"),
		sql_int("SELECT count(*) FROM mail_message WHERE direction = 'in'"),
		"every stored message has its audit row");
	is_int(sql_int("SELECT count(*) FROM audit WHERE actor <> 'root'"), 0,
		"everything is written as the system account");
	ok(sql_int("SELECT count(*) FROM audit WHERE action = 'create' AND field = 'number'") ==
		sql_int("SELECT count(*) FROM ticket"), "each ticket's creation is audited");
	is_int(audit_check(db, &sys, &bad, &e), MADO_OK, "the audit chain is intact");
}

int
main(void)
{
	setup();
	test_new_japanese();
	test_threading();
	test_no_ack();
	test_odd_headers();
	test_attachments();
	test_rules_file();
	test_alerts();
	test_parser_fixtures();
	test_audit();
	db_close(db);
	return tap_done();
}
