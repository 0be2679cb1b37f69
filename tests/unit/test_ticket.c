/* Core ticket operations on a real database: creation and numbering,
 * roles, workflow, assignment, comments, links, audit and outbox. */
#include "core/ticket.h"
#include "core/workflow.h"
#include "db/audit_store.h"
#include "tests/testdb.h"

static struct db *db;
static struct actor staff, op, sup, adm;

static int
count(const char *sql)
{
	return testdb_int(db_handle(db), sql);
}

static void
setup(void)
{
	db = testdb_open();
	sqlite3_exec(db_handle(db),
		"INSERT INTO department(code, name) VALUES ('joho', '情報政策課');"
		"INSERT INTO queue(code, name) VALUES ('helpdesk', 'ヘルプデスク'), ('net', 'ネットワーク');"
		"INSERT INTO category(code, name, scope) VALUES ('print', '印刷室関連', 'incident');"
		"INSERT INTO managed_system(code, name) VALUES ('juki', '住民基本情報システム');"
		"INSERT INTO kb_article(faq_no, title, created_at, updated_at) VALUES (12, 'パスワード', 0, 0);",
		NULL, NULL, NULL);
	testdb_actor(db, "k.staff", "staff", &staff);
	testdb_actor(db, "o.op", "operator", &op);
	testdb_actor(db, "s.sup", "supervisor", &sup);
	testdb_actor(db, "a.adm", "admin", &adm);
}

static int64_t
create(const struct actor *a, const char *kind, const char *subject, char *number)
{
	struct ticket_draft d = { .kind = kind, .subject = subject, .body = "本文\n二行目",
		.queue = "helpdesk", .requester_email = "user@example.jp" };
	struct mado_err e = { 0 };
	int64_t id = 0;

	static const char *const names[] = { "request_type", "department", "persons", "system",
		"start_date" };
	static const char *const values[] = { "new", "joho", "3", "juki", "2026-12-01" };

	if (strcmp(kind, "request") == 0) {
		d.request_kind = "user_id";
		d.field_names = names;
		d.field_values = values;
		d.nfields = 5;
	}
	if (ticket_create(db, a, &d, &id, number, &e) != MADO_OK)
		printf("# create: %s\n", e.msg);
	return id;
}

static void
test_create(void)
{
	char num[TICKET_NUMBER_MAX];
	struct ticket_draft d = { .kind = "inquiry", .subject = "  " };
	struct mado_err e = { 0 };
	int64_t id = create(&staff, "inquiry", "プリンターで印刷できない", num);
	struct ticket_row r;

	ok(id > 0, "staff may file an inquiry");
	ok(g_str_has_prefix(num, "INQ-") && strlen(num) == strlen("INQ-2026-000001"),
		"numbered by the inquiry rule: %s", num);
	ticket_read(db, &staff, id, &r, &e);
	is_str(r.status, "new", "starts in the workflow's initial status");
	is_str(r.queue, "helpdesk", "queue set");
	ticket_row_clear(&r);
	is_int(count("SELECT count(*) FROM outbox WHERE event = 'ack'"), 1,
		"acknowledgement queued for the requester");
	is_int(count("SELECT count(*) FROM audit WHERE action = 'create'"), 2,
		"creation audited");
	is_int(ticket_create(db, &op, &d, NULL, NULL, &e), MADO_EDATA, "blank subject refused");
	is_str(e.msg, "subject: must not be empty", "message names the field");
	d.subject = "改行\nを含む件名";
	is_int(ticket_create(db, &op, &d, NULL, NULL, &e), MADO_EDATA, "newline in subject refused");
	d.subject = "ok";
	d.queue = "nosuch";
	is_int(ticket_create(db, &op, &d, NULL, NULL, &e), MADO_EDATA, "unknown queue refused");
	is_str(e.msg, "queue: no such queue 'nosuch'", "message names queue");
	d.queue = NULL;
	d.kind = "request";
	is_int(ticket_create(db, &op, &d, NULL, NULL, &e), MADO_EDATA, "request without its kind");
	d.kind = "inquiry";
	d.owner = "s.sup";
	is_int(ticket_create(db, &op, &d, NULL, NULL, &e), MADO_EPERM,
		"operator cannot create for someone else");
	id = create(&op, "request", "ユーザID設置申請", num);
	ok(g_str_has_prefix(num, "REQ-"), "requests have their own numbers: %s", num);
	is_int(count("SELECT persons FROM ticket_request"), 3, "persons stored in the request");
	is_int(count("SELECT count(*) FROM ticket_field WHERE name IN ('department', 'system',"
		" 'start_date', 'request_type')"), 4, "the other form fields stored");
	{
		static const char *const names[] = { "persons", "department", "colour", "system" };
		static const char *const values[] = { "0", "nosuch", "red", "nosuch" };
		struct ticket_draft rq = { .kind = "request", .subject = "不備のある申請",
			.request_kind = "user_id", .field_names = names, .field_values = values,
			.nfields = 4 };

		is_int(ticket_create(db, &op, &rq, NULL, NULL, &e), MADO_EDATA, "bad form fields refused");
		ok(strstr(e.msg, "persons:") && strstr(e.msg, "colour:") && strstr(e.msg, "start_date:"),
			"every problem reported at once: %s", e.msg);
		rq.request_kind = "../etc/passwd";
		is_int(ticket_create(db, &op, &rq, NULL, NULL, &e), MADO_EDATA,
			"a request kind cannot name a path");
		is_int(count("SELECT count(*) FROM ticket WHERE subject = '不備のある申請'"), 0,
			"nothing written");
	}
	{
		static const char *const names[] = { "request_type", "department", "persons",
			"system", "start_date" };
		static const char *const values[] = { "new", "nosuch", "2", "juki", "2026-12-01" };
		struct ticket_draft rq = { .kind = "request", .subject = "所属が不明", .request_kind = "user_id",
			.field_names = names, .field_values = values, .nfields = 5 };

		is_int(ticket_create(db, &op, &rq, NULL, NULL, &e), MADO_EDATA, "unknown master code refused");
		is_str(e.msg, "department: no such department 'nosuch'", "naming field and code");
	}
}

static void
test_workflow_and_roles(void)
{
	char num[TICKET_NUMBER_MAX];
	int64_t id = create(&op, "inquiry", "VPNに接続できない", num);
	struct mado_err e = { 0 };
	struct ticket_row r;

	{
		struct workflow wf;
		const char *names[8], *labels[8];
		int n = ticket_next_statuses(db, &op, id, &wf, names, labels, 8, "ja", &e);

		is_int(n, 3, "an operator may move a new inquiry to three statuses");
		ok(n == 3 && strcmp(names[0], "in_progress") == 0 && strcmp(labels[0], "対応中") == 0,
			"first the workflow's first transition, with its label");
		is_int(ticket_next_statuses(db, &sup, id, &wf, names, labels, 8, "en", &e), 4,
			"a supervisor may also close it");
		is_int(ticket_next_statuses(db, &staff, id, &wf, names, labels, 8, "en", &e), 0,
			"staff may move it nowhere");
	}
	is_int(ticket_set_status(db, &staff, id, "in_progress", &e), MADO_EPERM, "staff cannot work it");
	is_int(ticket_set_status(db, &op, id, "in_progress", &e), MADO_OK, "operator starts work");
	is_int(ticket_set_status(db, &op, id, "closed", &e), MADO_EPERM,
		"closing unanswered needs supervisor");
	is_int(ticket_set_status(db, &op, id, "bogus", &e), MADO_EDATA, "unknown status refused");
	ok(strstr(e.msg, "waiting") != NULL, "refusal lists allowed statuses: %s", e.msg);
	is_int(ticket_set_status(db, &op, id, "answered", &e), MADO_OK, "answered");
	is_int(count("SELECT count(*) FROM ticket_inquiry WHERE answered_at IS NOT NULL"), 1,
		"answered time recorded");
	is_int(ticket_close(db, &op, id, &e), MADO_OK, "close from answered");
	ticket_read(db, &op, id, &r, &e);
	is_str(r.status, "closed", "closed");
	ok(r.closed_at > 0, "closed_at set");
	ticket_row_clear(&r);
	is_int(ticket_reopen(db, &op, id, &e), MADO_EPERM, "reopening a closed inquiry needs supervisor");
	is_int(ticket_reopen(db, &sup, id, &e), MADO_OK, "supervisor reopens");
	ticket_read(db, &op, id, &r, &e);
	is_str(r.status, "in_progress", "reopened to in_progress");
	is_int(r.closed_at, 0, "closed_at cleared");
	ticket_row_clear(&r);
	is_int(count("SELECT count(*) FROM audit WHERE action = 'status' AND entity_id = "
		"(SELECT max(id) FROM ticket WHERE kind = 'inquiry')"), 4, "each status change audited");
}

static void
test_assign_comment_link(void)
{
	char num[TICKET_NUMBER_MAX], num2[TICKET_NUMBER_MAX];
	int64_t id = create(&op, "incident", "住民基本情報システム 応答遅延", num);
	int64_t id2 = create(&op, "incident", "住基 応答遅延 (重複)", num2);
	struct mado_err e = { 0 };
	const char *f[] = { "system", "impact", "after_hours" };
	const char *v[] = { "juki", "窓口業務全般", "yes" };
	const char *bad[] = { "impact", "nosuchfield" };

	is_int(ticket_assign(db, &op, id, NULL, "o.op", &e), MADO_OK, "operator takes a ticket");
	is_int(ticket_assign(db, &op, id, NULL, "s.sup", &e), MADO_EPERM,
		"operator cannot give it to others");
	is_int(ticket_assign(db, &sup, id, "net", "o.op", &e), MADO_OK, "supervisor assigns queue");
	is_int(ticket_assign(db, &sup, id, NULL, "nobody", &e), MADO_EDATA, "unknown owner refused");
	is_int(ticket_update(db, &op, id, f, v, 3, &e), MADO_OK, "update incident fields");
	is_int(count("SELECT after_hours FROM ticket_incident WHERE system_id IS NOT NULL"), 1,
		"detail updated");
	is_int(ticket_update(db, &op, id, bad, v, 2, &e), MADO_EUSAGE, "unknown field refused");
	ok(strstr(e.msg, "recovery_plan") != NULL, "message lists the fields");
	is_int(count("SELECT count(*) FROM ticket_incident WHERE impact = 'x'"), 0,
		"nothing written when one field is bad");
	is_int(ticket_comment(db, &op, id, false, "再起動で復旧しました。", &e), MADO_OK, "reply");
	is_int(ticket_comment(db, &op, id, true, "ベンダーに確認中", &e), MADO_OK, "note");
	is_int(ticket_comment(db, &op, id, true, " \n", &e), MADO_EDATA, "empty note refused");
	is_int(count("SELECT count(*) FROM outbox WHERE event = 'reply'"), 1,
		"only the reply is mailed");
	is_int(ticket_link(db, &op, id2, "duplicate-of", num, &e), MADO_OK, "link duplicate");
	is_int(ticket_link(db, &op, id2, "duplicate-of", num, &e), MADO_EDATA, "same link twice refused");
	is_int(ticket_link(db, &op, id, "answered-with-faq", "FAQ-12", &e), MADO_OK, "link FAQ");
	is_int(ticket_link(db, &op, id, "related", num, &e), MADO_EDATA, "self link refused");
	is_int(ticket_link(db, &op, id, "likes", num2, &e), MADO_EUSAGE, "unknown link type");
	is_int(count("SELECT count(*) FROM link"), 2, "two links stored");
}

static void
brief_count(const struct ticket_brief *b, void *p)
{
	(*(int *)p)++;
}

struct ids {
	int64_t id[64], updated[64];
	int n;
};

static void
collect_ids(const struct ticket_brief *b, void *p)
{
	struct ids *ids = p;

	if (ids->n < 64) {
		ids->id[ids->n] = b->id;
		ids->updated[ids->n++] = b->updated_at;
	}
}

/* Paging up from a row gives the rows above it, nearest first. */
static void
test_backward(void)
{
	struct ticket_filter f = { .limit = 64 };
	struct ids down = { 0 }, up = { 0 };
	struct mado_err e = { 0 };
	bool more, same = true;

	ticket_list(db, &staff, &f, false, collect_ids, &down, &more, &e);
	ok(down.n >= 3, "some tickets to page through (%d)", down.n);
	f.backward = 1;
	f.after_updated = down.updated[down.n - 1];
	f.after_id = down.id[down.n - 1];
	is_int(ticket_list(db, &staff, &f, false, collect_ids, &up, &more, &e), MADO_OK, "page up");
	is_int(up.n, down.n - 1, "every row above the last one");
	for (int i = 0; i < up.n; i++)
		same = same && up.id[i] == down.id[down.n - 2 - i];
	ok(same && !more, "nearest first, in the same order read backwards");
	f.after_id = 0;
	up.n = 0;
	f.limit = 1;
	ticket_list(db, &staff, &f, false, collect_ids, &up, &more, &e);
	ok(up.n == 1 && up.id[0] == down.id[down.n - 1] && more, "no cursor backwards: the bottom row");
}

static void
test_list(void)
{
	struct ticket_filter f = { .kind = "inquiry", .limit = 1 };
	struct mado_err e = { 0 };
	bool more;
	int n = 0;

	is_int(ticket_list(db, &staff, &f, false, brief_count, &n, &more, &e), MADO_OK, "list");
	is_int(n, 1, "a page holds limit rows");
	ok(more, "and says more follow");
	f.limit = 0;
	is_int(ticket_list(db, &staff, &f, false, brief_count, &n, &more, &e), MADO_EUSAGE,
		"a limit of 0 is refused");
	n = 0;
	f.limit = 100;
	ticket_list(db, &staff, &f, true, brief_count, &n, &more, &e);
	ok(!more, "a page with room to spare says no more follow");
	is_int(n, count("SELECT count(*) FROM ticket WHERE kind = 'inquiry' AND status NOT IN"
		" ('answered', 'closed')"), "open filter uses the workflow's flags");
	n = 0;
	f.kind = NULL;
	f.owner = "o.op";
	ticket_list(db, &staff, &f, false, brief_count, &n, &more, &e);
	is_int(n, 1, "owner filter");
}

static void
test_counts(void)
{
	struct desk_counts c;
	struct mado_err e = { 0 };

	is_int(desk_counts(db, &op, &c, &e), MADO_OK, "desk counts");
	is_int(c.mine_open, count("SELECT count(*) FROM ticket WHERE owner_id = (SELECT id FROM staff"
		" WHERE login = 'o.op') AND status NOT IN ('answered','closed','recovered','done',"
		"'rejected')"), "the operator's open tickets");
	is_int(c.unowned_new, count("SELECT count(*) FROM ticket WHERE owner_id IS NULL AND status IN"
		" ('new', 'submitted')"), "new tickets nobody owns");
	is_int(c.mail_failed, 0, "operators are not shown mail failures");
	sqlite3_exec(db_handle(db), "UPDATE outbox SET state = 'failed' WHERE id = 1", NULL, NULL, NULL);
	desk_counts(db, &sup, &c, &e);
	is_int(c.mail_failed, 1, "supervisors see failed notifications");
}

int
main(void)
{
	struct mado_err e = { 0 };
	int64_t bad;

	setup();
	test_create();
	test_workflow_and_roles();
	test_assign_comment_link();
	test_list();
	test_backward();
	test_counts();
	is_int(audit_verify(db, &bad, &e), MADO_OK, "audit chain intact after everything");
	db_close(db);
	return tap_done();
}
