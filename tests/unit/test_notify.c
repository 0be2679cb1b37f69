/* Notifications without a server: templates, the MIME message (read back
 * with mail_parse(), as intake reads mail), composing an outbox row on
 * a real database, header injection from ticket data, and retries. */
#include "base/env.h"
#include "core/mail.h"

#include "core/notify_mime.h"
#include "core/notify_outbox.h"
#include "core/notify_render.h"
#include "core/outbox_admin.h"
#include "core/ticket.h"
#include "tests/testdb.h"

static struct db *db;
static struct actor op, sup;

static int
count(const char *sql)
{
	return testdb_int(db_handle(db), sql);
}

static void
test_render(void)
{
	const struct notify_value v[] = {
		{ "number", "INQ-2026-000001" }, { "subject", "印刷できない\r\nBcc: x@example.com" },
		{ "owner", "" }, { "body", "一行目\r\n二行目\x07" },
	};
	struct mado_err e = { 0 };
	char *subject, *body;

	is_int(notify_render_text("t.txt", "Subject: [{number}] {subject}\n\n本文 {{braces}}\n"
		"担当: {owner?}\n{body}\n", v, 4, &subject, &body, &e), MADO_OK, "render");
	is_str(subject, "[INQ-2026-000001] 印刷できない Bcc: x@example.com",
		"the subject is one line, whatever the values hold");
	is_str(body, "本文 {braces}\n一行目\n二行目\n",
		"{{ }} are braces, a line with an empty {name?} is left out, CRLF becomes LF, "
		"controls go");
	g_free(subject);
	g_free(body);
	{
		const struct notify_value w[] = { { "subject", "{number} {{x}}" }, { "number", "1" } };

		notify_render_text("t.txt", "Subject: {subject}\n\n{subject}\n", w, 2, &subject, &body,
			&e);
		is_str(body, "{number} {{x}}\n", "values are never read as template text");
		g_free(subject);
		g_free(body);
	}
	is_int(notify_render_text("t.txt", "Subject: x\n\nok\n{nosuch}\n", v, 4, &subject, &body, &e),
		MADO_EDATA, "an unknown placeholder is an error");
	is_str(e.msg, "t.txt:4: unknown placeholder {nosuch}", "naming file and line");
	is_int(notify_render_text("t.txt", "Subject: x\n\n{number\n", v, 4, &subject, &body, &e),
		MADO_EDATA, "an open brace");
	is_str(e.msg, "t.txt:3: '{' without '}' (write {{ for a brace)", "is named");
	is_int(notify_render_text("t.txt", "Hello\n\nbody\n", v, 4, &subject, &body, &e),
		MADO_EDATA, "no subject line");
	is_str(e.msg, "t.txt:1: the first line must be 'Subject: ...'", "is named");
	is_int(notify_render_text("t.txt", "Subject: x\nbody\n", v, 4, &subject, &body, &e),
		MADO_EDATA, "no blank line after the subject");
	is_int(notify_render("/nonexistent/ack.txt", v, 4, &subject, &body, &e), MADO_ENOTFOUND,
		"a missing template");
}

static void
test_header_clean(void)
{
	char *s = notify_header_clean("  a\r\nBcc: evil@example.com\x01\tb\xe2\x80\xa8 c  ");

	is_str(s, "a Bcc: evil@example.com b c", "CR, LF, controls and line separators become one space");
	g_free(s);
}

/* Every line ends in CRLF, none longer than 78 in the header. */
static bool
lines_ok(const char *raw)
{
	bool in_header = true;

	for (const char *p = raw; *p; ) {
		const char *nl = strchr(p, '\n');
		size_t n;

		if (nl == NULL || nl == p || nl[-1] != '\r')
			return false;
		n = (size_t)(nl - p - 1);
		if ((in_header && n > 78) || n > 998)
			return false;
		in_header = in_header && n > 0;
		p = nl + 1;
	}
	return true;
}

static void
test_mime(void)
{
	const char *refs[] = { "orig@example.jp", "sha256:00ff", "out1@desk.example.jp" };
	const char *subject = "[INQ-2026-000123] 住民基本台帳システムにログインできない件について"
		"（至急・本庁舎3階 情報政策課）";
	struct notify_mail m = {
		.from = "ヘルプデスク <desk@example.jp>", .to = "yamada@example.jp",
		.subject = subject, .body = "山田様\n\nお問い合わせを受け付けました。\n",
		.lang = "ja", .message_id = "abc.123@desk.example.jp",
		.in_reply_to = "orig@example.jp", .references = refs, .nreferences = 3,
		.auto_submitted = "auto-replied", .date = 1795320000,
	};
	struct mado_err e = { 0 };
	struct mail_msg back;
	char *raw;
	size_t len;

	is_int(notify_mime_build(&m, &raw, &len, &e), MADO_OK, "build a Japanese mail");
	ok(strstr(raw, "=?ISO-2022-JP?B?") != NULL, "subject in ISO-2022-JP B words");
	ok(strstr(raw, "Subject: [INQ-2026-000123]") != NULL,
		"the ticket tag stays readable for threading");
	ok(strstr(raw, "charset=ISO-2022-JP") != NULL && strstr(raw, "7bit") != NULL,
		"body ISO-2022-JP in 7bit");
	ok(lines_ok(raw), "CRLF lines, headers folded");
	ok(strstr(raw, "Date: Sun, 22 Nov 2026 13:00:00 +0900") != NULL, "Date in JST");
	ok(strstr(raw, "sha256:") == NULL, "a content hash is no Message-ID");
	is_int(mail_parse(raw, len, &back, &e), MADO_OK, "read back with our own parser");
	is_str(back.subject, subject, "the subject decodes exactly");
	is_str(back.body, "山田様\n\nお問い合わせを受け付けました。", "the body decodes exactly");
	is_str(back.message_id, "abc.123@desk.example.jp", "Message-ID");
	is_str(back.in_reply_to, "orig@example.jp", "In-Reply-To");
	ok(back.nreferences == 2 && strcmp(back.references[0], "orig@example.jp") == 0 &&
	    strcmp(back.references[1], "out1@desk.example.jp") == 0, "References");
	ok(back.auto_submitted, "Auto-Submitted");
	is_str(back.from.name, "ヘルプデスク", "From name decodes");
	mail_msg_clear(&back);
	g_free(raw);

	m.subject = "髙橋さんの端末①が起動しない";
	m.body = "①から③まで確認しました。";
	is_int(notify_mime_build(&m, &raw, &len, &e), MADO_OK, "characters outside JIS X 0208");
	ok(strstr(raw, "Subject: =?UTF-8?B?") != NULL && strstr(raw, "charset=utf-8") != NULL &&
	    strstr(raw, "base64") != NULL, "go out in UTF-8, base64");
	mail_parse(raw, len, &back, &e);
	is_str(back.subject, m.subject, "and decode exactly");
	is_str(back.body, "①から③まで確認しました。", "body too");
	mail_msg_clear(&back);
	g_free(raw);

	m.to = "a@b.example\r\nBcc: evil@example.com";
	is_int(notify_mime_build(&m, &raw, &len, &e), MADO_EDATA, "a recipient with CRLF is refused");
	m.to = "yamada@example.jp";
	m.from = "no address";
	is_int(notify_mime_build(&m, &raw, &len, &e), MADO_ECONFIG, "a From without an address");
}

static void
setup(void)
{
	db = testdb_open();
	sqlite3_exec(db_handle(db),
		"INSERT INTO queue(code, name) VALUES ('helpdesk', 'ヘルプデスク');"
		"INSERT INTO staff(login, name, role, email, lang)"
		" VALUES ('bob', 'Bob', 'operator', 'Bob@Example.jp', 'en');",
		NULL, NULL, NULL);
	testdb_actor(db, "o.op", "operator", &op);
	testdb_actor(db, "s.sup", "supervisor", &sup);
}

static int
first_row(const struct outbox_row *r, void *ctx)
{
	struct notify_item *it = ((void **)ctx)[0];
	struct notify_settings *s = ((void **)ctx)[1];
	struct mado_err *e = ((void **)ctx)[2];

	return notify_compose(db, s, r, it, e);
}

/* Composes the first due row. */
static int
compose_first(struct notify_settings *s, struct notify_item *it, struct mado_err *e)
{
	void *ctx[] = { it, s, e };

	memset(it, 0, sizeof *it);
	return outbox_due(db, mado_now(), 1, first_row, ctx, e);
}

static int
count_row(const struct outbox_row *r, void *ctx)
{
	(*(int *)ctx)++;
	return MADO_OK;
}

static void
test_compose(void)
{
	struct notify_settings s = { .sharedir = mado_sharedir(), .from = "desk@example.jp",
		.max_attempts = 3 };
	struct ticket_draft d = { .kind = "inquiry", .subject = "ログインできない", .body = "本文",
		.queue = "helpdesk", .requester_email = "yamada@example.jp" };
	struct notify_item it;
	struct mado_err e = { 0 };
	struct desk_counts c;
	struct mail_msg back;
	char number[TICKET_NUMBER_MAX], *header;
	struct notify_outcome sent, fail[2];
	int64_t id, row, other;
	int n = 0;

	ticket_create(db, &op, &d, &id, number, &e);
	/* A subject only the database could hold: core refuses it on input. */
	is_int(sqlite3_exec(db_handle(db), "UPDATE ticket SET subject = 'ログイン' ||"
		" char(13, 10) || 'Bcc: evil@example.com' || char(10) || 'X-Evil: 1'"
		" WHERE id = (SELECT max(id) FROM ticket)", NULL, NULL, NULL), SQLITE_OK,
		"a subject with CR LF and headers in it");
	is_int(compose_first(&s, &it, &e), MADO_OK, "compose the acknowledgement");
	header = g_strndup(it.raw, (gsize)(strstr(it.raw, "\r\n\r\n") - it.raw) + 2);
	ok(strstr(header, "\nBcc:") == NULL && strstr(header, "\nX-Evil") == NULL,
		"no header injected into the bytes sent");
	ok(strstr(it.raw, "\nBcc:") == NULL, "nor a line of its own in the body");
	g_free(header);
	mail_parse(it.raw, it.len, &back, &e);
	is_str(back.subject, it.subject, "one subject, as recorded");
	ok(strstr(it.subject, "ログイン Bcc: evil@example.com X-Evil: 1") != NULL,
		"the text kept on one line");
	mail_msg_clear(&back);
	ok(g_str_has_suffix(it.message_id, "@example.jp"), "Message-ID in the from address's domain");
	sent = (struct notify_outcome){ .outbox_id = it.outbox_id, .sent = &it };
	is_int(notify_record(db, &s, &sent, 1, mado_now(), &e), MADO_OK, "record it sent");
	is_int(count("SELECT count(*) FROM mail_message m JOIN outbox o ON o.id = m.outbox_id"
		" WHERE m.direction = 'out' AND m.message_id = o.message_id AND o.state = 'sent'"
		" AND m.raw_sha256 IN (SELECT sha256 FROM blob)"), 1,
		"row sent, mail_message 'out' with the Message-ID, raw message kept");
	notify_item_clear(&it);
	{
		/* A second pass sent the same row meanwhile: its copy is kept and
		 * the rest of its batch recorded, not the whole batch refused. */
		struct notify_outcome both[2];
		struct notify_item copy;
		int64_t other_row;

		ticket_comment(db, &op, id, false, "二重送信の確認", &e);
		other_row = count("SELECT max(id) FROM outbox");
		testdb_exec(db, "UPDATE outbox SET state = 'pending' WHERE id = (SELECT min(id) FROM outbox)");
		is_int(compose_first(&s, &copy, &e), MADO_OK, "compose the first row again");
		testdb_exec(db, "UPDATE outbox SET state = 'sent' WHERE id = (SELECT min(id) FROM outbox)");
		both[0] = (struct notify_outcome){ .outbox_id = copy.outbox_id, .sent = &copy };
		both[1] = (struct notify_outcome){ .outbox_id = other_row, .why = "421 later" };
		is_int(notify_record(db, &s, both, 2, mado_now(), &e), MADO_OK,
			"a row another pass recorded sent does not fail the batch: %s", e.msg);
		is_int(count("SELECT attempts FROM outbox WHERE last_error = '421 later'"), 1,
			"the other row of the batch is recorded");
		is_int(count("SELECT count(*) FROM mail_message WHERE direction = 'out'"), 2,
			"and both copies of the first are kept");
		testdb_exec(db, "DELETE FROM outbox WHERE last_error = '421 later'");
		notify_item_clear(&copy);
	}

	/* Assignment to a staff member: their address, their language. */
	ticket_assign(db, &sup, id, NULL, "bob", &e);
	is_int(compose_first(&s, &it, &e), MADO_OK, "compose the assignment");
	is_str(it.recipient, "Bob@Example.jp", "to the owner's address");
	ok(strstr(it.subject, "Assigned to you") != NULL, "in English, the owner's language");
	ok(strstr(it.raw, "References: <") != NULL, "threaded after the acknowledgement");
	row = it.outbox_id;
	notify_item_clear(&it);

	/* A template with a wrong placeholder: the error names file and line. */
	{
		char *dir = g_build_filename(testdb_dir, "share", "templates", "mail", "en", NULL);
		char *file = g_build_filename(dir, "assign.txt", NULL);

		g_mkdir_with_parents(dir, 0700);
		g_file_set_contents(file, "Subject: no tag\n\nHello {owner}\n{ownr}\n", -1, NULL);
		s.sharedir = g_build_filename(testdb_dir, "share", NULL);
		is_int(compose_first(&s, &it, &e), MADO_EDATA, "a bad template");
		ok(strstr(e.msg, "assign.txt:4: unknown placeholder {ownr}") != NULL,
			"names FILE:LINE: %s", e.msg);
		notify_item_clear(&it);
		g_file_set_contents(file, "Subject: no tag\n\nHello {owner}\n", -1, NULL);
		is_int(compose_first(&s, &it, &e), MADO_OK, "a template without the tag");
		ok(g_str_has_prefix(it.subject, "[INQ-"), "still gets it: %s", it.subject);
		notify_item_clear(&it);
		g_unlink(file);
		g_free(file);
		g_free(dir);
		g_free((char *)s.sharedir);
		s.sharedir = mado_sharedir();
	}

	/* Retries: 1, 2, 4 … minutes, at most an hour; failed after max_attempts. */
	is_int((int)notify_backoff(1), 60, "first retry after a minute");
	is_int((int)notify_backoff(3), 240, "then doubling");
	is_int((int)notify_backoff(30), 3600, "at most an hour");
	ticket_comment(db, &op, id, false, "回答です。", &e);
	other = count("SELECT max(id) FROM outbox");
	fail[0] = (struct notify_outcome){ .outbox_id = row, .attempts = 0, .why = "421 try later" };
	fail[1] = (struct notify_outcome){ .outbox_id = other, .attempts = 0, .permanent = true,
		.why = "550 no such user" };
	is_int(notify_record(db, &s, fail, 2, mado_now(), &e), MADO_OK, "record two failures at once");
	ok(!fail[0].gave_up, "a temporary failure: try again");
	is_int(count("SELECT attempts FROM outbox WHERE state = 'pending' AND last_error ="
		" '421 try later'"), 1, "one attempt counted, the answer kept");
	ok(fail[1].gave_up, "a permanent refusal fails the row at once");
	fail[0].attempts = 2;
	notify_record(db, &s, fail, 1, mado_now(), &e);
	ok(fail[0].gave_up, "the third attempt: given up");
	is_int(outbox_admin_list(db, &op, NULL, 10, count_row, &n, &e), MADO_EPERM,
		"operators may not list the outbox");
	is_int(outbox_admin_retry(db, &op, row, &e), MADO_EPERM, "nor send one again");
	is_int(outbox_admin_list(db, &sup, "failed", 10, count_row, &n, &e), MADO_OK,
		"supervisors may");
	is_int(n, 2, "the failed ones");
	desk_counts(db, &sup, &c, &e);
	is_int((int)c.mail_failed, 2, "and shown to supervisors in the status line");
}

/* Records the claimed rows sent through connection c, as a sender does
 * once the server took them. */
static int
record_all_sent(struct db *c, const struct notify_settings *s, const struct notify_due *due,
	int n, struct mado_err *e)
{
	struct notify_item it[4];
	struct notify_outcome o[4];
	int st = MADO_OK;

	for (int i = 0; i < n && st == MADO_OK; i++) {
		st = notify_compose(c, s, &due[i].row, &it[i], e);
		o[i] = (struct notify_outcome){ .outbox_id = due[i].row.id, .sent = &it[i] };
	}
	if (st == MADO_OK)
		st = notify_record(c, s, o, n, mado_now(), e);
	for (int i = 0; i < n; i++)
		notify_item_clear(&it[i]);
	return st;
}

/* Two senders on two connections of one database file: a row is taken by
 * one only, a claim that ran out is taken again, and recording lets it go. */
static void
test_claim(void)
{
	struct notify_settings s = { .sharedir = mado_sharedir(), .from = "desk@example.jp",
		.max_attempts = 3, .timeout = 60 };
	struct ticket_draft d = { .kind = "inquiry", .subject = "二重送信", .body = "本文",
		.queue = "helpdesk", .requester_email = "sato@example.jp" };
	struct notify_due a[4], b[4], c[4];
	struct mado_err e = { 0 };
	char number[TICKET_NUMBER_MAX];
	int64_t t1, t2, now = 1795320000;
	int na, nb, nc;
	struct db *other;

	testdb_now(now);
	testdb_exec(db, "UPDATE outbox SET state = 'failed'");
	is_int(db_open(testdb_path, 0, &other, &e), MADO_OK, "a second connection: %s", e.msg);
	ticket_create(db, &op, &d, &t1, number, &e);
	ticket_create(db, &op, &d, &t2, number, &e);
	ticket_comment(db, &op, t1, false, "追って連絡します。", &e);
	is_int(count("SELECT count(*) FROM outbox WHERE state = 'pending'"), 3,
		"three rows pending: two acknowledgements, a reply");

	is_int(notify_claim(db, &s, now, a, 4, &na, &e), MADO_OK, "sender A claims");
	is_int(na, 2, "one row per ticket: the reply waits for its ticket's acknowledgement");
	is_int(count("SELECT count(*) FROM outbox WHERE claimed_until = 1795320000 + 60 * 16"), 2,
		"held for [smtp] timeout x (6 + 5 x rows)");
	is_int(notify_claim(other, &s, now, b, 4, &nb, &e), MADO_OK, "sender B at the same time");
	is_int(nb, 0, "takes nothing: the reply waits while A holds its ticket's acknowledgement");

	/* A dies holding its rows: when the claim runs out, B takes them. */
	testdb_now(now + notify_lease(60, 2) - 1);
	is_int(notify_claim(other, &s, mado_now(), c, 4, &nc, &e), MADO_OK, "before it runs out");
	is_int(nc, 0, "A's claim still holds");
	testdb_now(now + notify_lease(60, 2) + 1);
	is_int(notify_claim(other, &s, mado_now(), c, 4, &nc, &e), MADO_OK, "after");
	is_int(nc, 2, "an expired claim is taken again");
	ok(c[0].row.id == a[0].row.id && c[1].row.id == a[1].row.id, "the same rows");
	/* A was only slow: it sent and records first; B's copies are kept
	 * beside them and its batch recorded (at least once, not lost). */
	is_int(record_all_sent(db, &s, a, na, &e), MADO_OK, "A records: %s", e.msg);
	is_int(record_all_sent(other, &s, c, nc, &e), MADO_OK, "B records the same rows: %s",
		e.msg);
	notify_due_clear(a, na);
	notify_due_clear(c, nc);
	is_int(notify_claim(other, &s, mado_now(), b, 4, &nb, &e), MADO_OK, "B's next batch");
	ok(nb == 1 && b[0].row.ticket_id == t1 && b[0].row.id > a[1].row.id,
		"the reply, once its ticket's acknowledgement is recorded");
	is_int(record_all_sent(other, &s, b, nb, &e), MADO_OK, "B records it: %s", e.msg);
	notify_due_clear(b, nb);
	is_int(count("SELECT count(*) FROM outbox WHERE state = 'sent' AND claimed_until IS NULL"
		" AND ticket_id IN (SELECT id FROM ticket WHERE subject = '二重送信')"), 3,
		"all three sent, no claim left");

	/* A pass that cannot go on lets its rows go at once. */
	ticket_comment(db, &op, t2, false, "完了しました。", &e);
	is_int(notify_claim(db, &s, mado_now(), a, 4, &na, &e), MADO_OK, "claim");
	is_int(na, 1, "the new reply");
	is_int(notify_release(db, a, na, &e), MADO_OK, "let go unsent");
	is_int(notify_claim(other, &s, mado_now(), b, 4, &nb, &e), MADO_OK, "claim again");
	is_int(nb == 1 && b[0].row.id == a[0].row.id, 1, "another sender takes it at once");
	/* a failure recorded lets it go too, for the retry after backoff */
	{
		struct notify_outcome o = { .outbox_id = b[0].row.id, .why = "421 later" };

		is_int(notify_record(other, &s, &o, 1, mado_now(), &e), MADO_OK, "a failure");
		is_int(count("SELECT count(*) FROM outbox WHERE last_error = '421 later'"
			" AND state = 'pending' AND claimed_until IS NULL"), 1, "pending, not held");
	}
	notify_due_clear(a, na);
	notify_due_clear(b, nb);
	db_close(other);
}

/* Someone outside the desk hears back in the language they wrote in,
 * not in that of the operator whose action sent the mail. */
static void
test_outside_language(void)
{
	struct notify_settings s = { .sharedir = mado_sharedir(), .from = "desk@example.jp",
		.max_attempts = 3 };
	struct ticket_draft en = { .kind = "inquiry", .subject = "Cannot log in to the VPN",
		.body = "The client says error 809.", .queue = "helpdesk",
		.requester_email = "engineer@vendor.example.com" };
	struct ticket_draft ja = { .kind = "inquiry", .subject = "VPN error 809",
		.body = "接続できません。", .queue = "helpdesk",
		.requester_email = "tanaka@vendor.example.com" };
	struct notify_item it;
	struct mado_err e = { 0 };
	char number[TICKET_NUMBER_MAX];
	int64_t id;

	testdb_exec(db, "UPDATE outbox SET state = 'sent'");
	is_int(ticket_create(db, &op, &en, &id, number, &e), MADO_OK, "an English inquiry");
	is_int(compose_first(&s, &it, &e), MADO_OK, "compose its acknowledgement");
	ok(strstr(it.subject, "We have received your inquiry") != NULL,
		"in English for an English writer outside the desk: %s", it.subject);
	notify_item_clear(&it);
	testdb_exec(db, "UPDATE outbox SET state = 'sent'");
	is_int(ticket_create(db, &op, &ja, &id, number, &e), MADO_OK, "a Japanese inquiry");
	is_int(compose_first(&s, &it, &e), MADO_OK, "compose its acknowledgement");
	ok(strstr(it.subject, "お問い合わせを受け付けました") != NULL,
		"in Japanese when the text has any: %s", it.subject);
	notify_item_clear(&it);
}

int
main(void)
{
	test_render();
	test_header_clean();
	test_mime();
	setup();
	test_compose();
	test_claim();
	test_outside_language();
	return tap_done();
}
