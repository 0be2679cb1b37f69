/* Recording call logs through core on a real database file: a whole call
 * (start, end, save), the transfer rule both ways, the FAQ limit, unknown
 * codes, bad text, someone else's call, the audit rows, and a call made
 * into a ticket linked both ways. */
#include "tests/testdb.h"

#include <stdarg.h>
#include <stdint.h>

#include "core/calllog.h"
#include "core/calllog_record.h"

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

/* The count a query gives, with the query's ids formatted in. */
static int __attribute__((format(printf, 1, 2)))
count(const char *fmt, ...)
{
	char sql[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(sql, sizeof sql, fmt, ap);
	va_end(ap);
	return testdb_int(db_handle(db), sql);
}

static void
test_whole_call(const struct actor *op)
{
	static const int64_t faqs[] = { 12, 34 };
	struct calllog_fields f = {
		.contact_type = "inquiry", .department = "HOKEN", .outcome = "answered",
		.category = "LIFE", .inquiry_text = "医療費が高額になりました。\n払い戻しは？",
		.response_text = "高額療養費の制度を案内。", .faq = faqs, .nfaq = 2,
	};
	struct mado_err e = { 0 };
	struct calllog_row row;
	char receipt[CALLLOG_RECEIPT_MAX];
	int64_t id, again;

	is_int(calllog_start(db, op, &id, receipt, &e), MADO_OK, "start: %s", e.msg);
	ok(g_str_has_prefix(receipt, "C") && strchr(receipt, '-') != NULL, "receipt %s", receipt);
	is_int(calllog_resolve(db, receipt, &again, &e), MADO_OK, "resolve receipt");
	is_int(again, id, "the receipt names the call");
	is_int(calllog_end(db, op, id, &e), MADO_OK, "end: %s", e.msg);
	is_int(calllog_end(db, op, id, &e), MADO_EDATA, "ending twice is refused");
	is_int(calllog_save(db, op, id, &f, &e), MADO_OK, "save: %s", e.msg);
	is_int(calllog_read(db, op, id, &row, &e), MADO_OK, "read back");
	is_str(row.operator, "op1", "受付者");
	is_str(row.contact_type, "inquiry", "受付区分");
	is_str(row.department, "HOKEN", "問い合わせ受付区分");
	is_str(row.outcome, "answered", "対応区分");
	is_str(row.category, "LIFE", "カテゴリー");
	is_int(row.faq[0].faq_no, 12, "FAQ 1");
	is_int(row.faq[1].faq_no, 34, "FAQ 2");
	is_int(row.faq[2].faq_no, 0, "no FAQ 3");
	is_str(row.inquiry_text, f.inquiry_text, "受付内容");
	ok(row.ended_at >= row.started_at && row.wrapup_at >= row.ended_at, "times in order");
	calllog_row_clear(&row);
	ok(count("SELECT count(*) FROM audit WHERE entity = 'calllog' AND entity_id = %lld"
		" AND field IN ('contact_type','department','outcome','category','faq',"
		"'inquiry_text','response_text','wrapup_at','ended_at','started_at')", (long long)id) == 10,
		"each change audited");

	/* A later save changes only what it names. */
	f = (struct calllog_fields){ .response_text = "追記" };
	is_int(calllog_save(db, op, id, &f, &e), MADO_OK, "partial save: %s", e.msg);
	is_int(calllog_read(db, op, id, &row, &e), MADO_OK, "read back");
	is_str(row.outcome, "answered", "outcome kept");
	is_int(row.faq[1].faq_no, 34, "FAQs kept");
	is_str(row.response_text, "追記", "response changed");
	calllog_row_clear(&row);
	is_int(calllog_resolve(db, "C-none", &again, &e), MADO_ENOTFOUND, "unknown receipt");
}

static void
test_rules(const struct actor *op, const struct actor *op2, const struct actor *sup)
{
	static const int64_t four[] = { 12, 34, 56, 78 }, missing[] = { 99 }, twice[] = { 12, 12 };
	struct mado_err e = { 0 };
	struct calllog_fields f = { .outcome = "transferred" };
	int64_t id;
	int audits;

	calllog_start(db, op, &id, NULL, &e);
	audits = count("SELECT count(*) FROM audit WHERE entity_id = %lld AND entity = 'calllog'", (long long)id);
	is_int(calllog_save(db, op, id, &f, &e), MADO_EDATA, "transferred without 転送先");
	ok(strstr(e.msg, "transfer_to") != NULL, "message names transfer_to: %s", e.msg);
	f = (struct calllog_fields){ .outcome = "answered", .transfer_to = "PB1" };
	is_int(calllog_save(db, op, id, &f, &e), MADO_EDATA, "answered with a 転送先");
	ok(strstr(e.msg, "transfer_to") != NULL, "message names transfer_to: %s", e.msg);
	f = (struct calllog_fields){ .transfer_to = "PB1" };
	is_int(calllog_save(db, op, id, &f, &e), MADO_EDATA, "a 転送先 with no outcome");
	f = (struct calllog_fields){ .outcome = "transferred", .transfer_to = "NOPE" };
	is_int(calllog_save(db, op, id, &f, &e), MADO_EDATA, "unknown phone book code");
	f = (struct calllog_fields){ .outcome = "hung_up" };
	is_int(calllog_save(db, op, id, &f, &e), MADO_EDATA, "unknown outcome");
	ok(strstr(e.msg, "outcome") != NULL, "message names outcome: %s", e.msg);
	f = (struct calllog_fields){ .contact_type = "answered" };
	is_int(calllog_save(db, op, id, &f, &e), MADO_EDATA, "an outcome code is no contact type");
	f = (struct calllog_fields){ .department = "NODEPT" };
	is_int(calllog_save(db, op, id, &f, &e), MADO_EDATA, "unknown department");
	f = (struct calllog_fields){ .category = "NOCAT" };
	is_int(calllog_save(db, op, id, &f, &e), MADO_EDATA, "unknown category");
	f = (struct calllog_fields){ .faq = four, .nfaq = 4 };
	is_int(calllog_save(db, op, id, &f, &e), MADO_EDATA, "four FAQs refused");
	f = (struct calllog_fields){ .faq = missing, .nfaq = 1 };
	is_int(calllog_save(db, op, id, &f, &e), MADO_EDATA, "unknown FAQ refused");
	f = (struct calllog_fields){ .faq = twice, .nfaq = 2 };
	is_int(calllog_save(db, op, id, &f, &e), MADO_EDATA, "the same FAQ twice refused");
	f = (struct calllog_fields){ .inquiry_text = "bell\a" };
	is_int(calllog_save(db, op, id, &f, &e), MADO_EDATA, "control character refused");
	f = (struct calllog_fields){ .inquiry_text = "\xff\xfe" };
	is_int(calllog_save(db, op, id, &f, &e), MADO_EDATA, "invalid UTF-8 refused");
	is_int(count("SELECT count(*) FROM audit WHERE entity_id = %lld AND entity = 'calllog'", (long long)id),
		audits, "nothing written by refused saves");

	f = (struct calllog_fields){ .outcome = "transferred", .transfer_to = "PB1" };
	is_int(calllog_save(db, op2, id, &f, &e), MADO_EPERM, "someone else's call refused");
	is_int(calllog_end(db, op2, id, &e), MADO_EPERM, "someone else may not end it");
	is_int(calllog_save(db, sup, id, &f, &e), MADO_OK, "a supervisor may: %s", e.msg);
	is_int(count("SELECT transfer_to_id FROM calllog WHERE id = %lld", (long long)id), 1, "転送先 stored");
	f = (struct calllog_fields){ .outcome = "answered" };
	is_int(calllog_save(db, op, id, &f, &e), MADO_EDATA, "outcome changed, 転送先 still there");
	f = (struct calllog_fields){ .outcome = "answered", .transfer_to = "" };
	is_int(calllog_save(db, op, id, &f, &e), MADO_OK, "both changed together: %s", e.msg);
}

static void
test_to_ticket(const struct actor *op, const struct actor *staff)
{
	struct calllog_fields f = { .inquiry_text = "住民票の取り方\n詳しく", .response_text = "案内" };
	struct mado_err e = { 0 };
	char number[TICKET_NUMBER_MAX];
	int64_t id, tid;

	calllog_start(db, op, &id, NULL, &e);
	calllog_save(db, op, id, &f, &e);
	is_int(calllog_to_ticket(db, op, id, "request", &tid, number, &e), MADO_EUSAGE,
		"only inquiry or incident");
	is_int(calllog_to_ticket(db, staff, id, "inquiry", &tid, number, &e), MADO_EPERM,
		"staff may not");
	is_int(calllog_to_ticket(db, op, id, "inquiry", &tid, number, &e), MADO_OK,
		"to ticket: %s", e.msg);
	ok(g_str_has_prefix(number, "INQ-"), "an inquiry number: %s", number);
	is_int(count("SELECT count(*) FROM ticket WHERE id = %lld AND subject = '住民票の取り方'"
		" AND body LIKE '%%詳しく%%案内%%'", (long long)tid), 1, "subject is the first line, body both texts");
	is_int(count("SELECT count(*) FROM link WHERE (src_type = 'ticket' AND src_id = %1$lld"
		" AND dst_type = 'calllog') OR (dst_type = 'ticket' AND dst_id = %1$lld"
		" AND src_type = 'calllog')", (long long)tid), 2, "linked both ways");
	is_int(count("SELECT count(*) FROM audit WHERE entity = 'calllog' AND entity_id = %lld"
		" AND action = 'link'", (long long)id), 1, "the link audited");
	is_int(calllog_to_ticket(db, op, 9999, "incident", &tid, number, &e), MADO_ENOTFOUND,
		"no such call");
}

int
main(void)
{
	struct actor op, op2, sup, staff;
	struct mado_err e = { 0 };
	int64_t id;

	db = testdb_open();
	testdb_actor(db, "op1", "operator", &op);
	testdb_actor(db, "op2", "operator", &op2);
	testdb_actor(db, "sup", "supervisor", &sup);
	testdb_actor(db, "clerk", "staff", &staff);
	exec_sql("INSERT INTO department(code, name) VALUES ('HOKEN', '保険年金課');"
		"INSERT INTO category(code, name, scope) VALUES ('LIFE', '暮らし・手続き', 'calllog');"
		"INSERT INTO phonebook(code, name, phone) VALUES ('PB1', '保険年金課 国保係', '2301');"
		"INSERT INTO kb_article(faq_no, title, created_at, updated_at) VALUES"
		" (12, '国民健康保険の加入', 0, 0), (34, '高額療養費', 0, 0),"
		" (56, 'a', 0, 0), (78, 'b', 0, 0);");
	is_int(calllog_start(db, &staff, &id, NULL, &e), MADO_EPERM, "staff may not take calls");
	test_whole_call(&op);
	test_rules(&op, &op2, &sup);
	test_to_ticket(&op, &staff);
	db_close(db);
	return tap_done();
}
