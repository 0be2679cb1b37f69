/* Call logs through core: pages newest first by keyset in both
 * directions, by operator and by date range, every field of one call log,
 * and the refusal for the staff role, on a real database file. */
#include "tests/testdb.h"

#include <stdint.h>

#include "core/calllog.h"

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

/* Seven calls; two start at the same second, so the id breaks the tie.
 * Newest first they are 7 6 5 4 3 2 1. */
static void
seed(void)
{
	exec_sql(
		"INSERT INTO department(code, name, name_en) VALUES ('HOKEN', '保険年金課', ''),"
		" ('SHIMIN', '市民課', 'Citizens Division');"
		"INSERT INTO category(code, name, scope) VALUES ('LIFE', '暮らし・手続き', 'calllog');"
		"INSERT INTO phonebook(code, name, phone) VALUES ('PB1', '保険年金課 国保係', '内線2301');"
		"INSERT INTO kb_article(faq_no, title, created_at, updated_at) VALUES"
		" (12, '国民健康保険の加入', 0, 0), (34, '高額療養費の払い戻し', 0, 0);"
		"INSERT INTO calllog(id, receipt_no, operator_id, started_at, ended_at, wrapup_at,"
		" contact_type_id, department_id, outcome_id, faq1_id, faq2_id, category_id,"
		" inquiry_text, response_text, transfer_to_id) VALUES"
		" (1, 'C1', 1, 1000, 1100, 1200, 1, 1, 7, 1, 2, 1,"
		"  '医療費が高額になりました。\n払い戻しはありますか', '保険年金課へ転送。', 1),"
		" (2, 'C2', 2, 2000, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, '', '', NULL),"
		" (3, 'C3', 1, 3000, NULL, NULL, 1, 2, 6, NULL, NULL, NULL, '三', '', NULL),"
		" (4, 'C4', 1, 3000, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, '四', '', NULL),"
		" (5, 'C5', 2, 4000, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, '', '', NULL),"
		" (6, 'C6', 1, 5000, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, '', '', NULL),"
		" (7, 'C7', 2, 6000, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, '', '', NULL);");
}

struct page {
	int64_t ids[16];
	int n;
	char first_line[64], contact_type[64], department[64], outcome[64], operator[64];
};

static void
collect(const struct calllog_brief *b, void *p)
{
	struct page *pg = p;

	if (pg->n < 16)
		pg->ids[pg->n++] = b->id;
	if (b->id == 1) {
		g_strlcpy(pg->first_line, b->first_line, sizeof pg->first_line);
		g_strlcpy(pg->contact_type, b->contact_type, sizeof pg->contact_type);
		g_strlcpy(pg->department, b->department, sizeof pg->department);
		g_strlcpy(pg->outcome, b->outcome, sizeof pg->outcome);
		g_strlcpy(pg->operator, b->operator_name, sizeof pg->operator);
	}
}

/* The page's ids as "7 6 5" for comparing, or the error message. */
static const char *
page_of(const struct actor *a, const struct calllog_filter *f, bool *more, char *buf,
	size_t size)
{
	struct page pg = { 0 };
	struct mado_err e = { 0 };

	if (calllog_list(db, a, f, collect, &pg, more, &e) != MADO_OK) {
		g_strlcpy(buf, e.msg, size);
		return buf;
	}
	buf[0] = '\0';
	for (int i = 0; i < pg.n; i++)
		g_snprintf(buf + strlen(buf), size - strlen(buf), "%s%lld", i ? " " : "",
			(long long)pg.ids[i]);
	return buf;
}

/* The cursor a list would pass on: the row's start time and id. */
static void
after(struct calllog_filter *f, int64_t started, int64_t id)
{
	f->after_started = started;
	f->after_id = id;
}

static void
test_forward(const struct actor *op)
{
	struct calllog_filter f = { .limit = 3 };
	char buf[256];
	bool more;

	is_str(page_of(op, &f, &more, buf, sizeof buf), "7 6 5", "first page, newest first");
	ok(more, "first page: more follow");
	after(&f, 4000, 5);
	is_str(page_of(op, &f, &more, buf, sizeof buf), "4 3 2", "second page; the tie by id");
	ok(more, "second page: more follow");
	after(&f, 2000, 2);
	is_str(page_of(op, &f, &more, buf, sizeof buf), "1", "last page");
	ok(!more, "last page: no more");
	/* A list re-reading its screen starts one id past its top row. */
	after(&f, 3000, 5);
	is_str(page_of(op, &f, &more, buf, sizeof buf), "4 3 2", "cursor one past includes the row");
}

static void
test_backward(const struct actor *op)
{
	struct calllog_filter f = { .limit = 3, .backward = 1 };
	char buf[256];
	bool more;

	is_str(page_of(op, &f, &more, buf, sizeof buf), "1 2 3", "from the bottom, nearest first");
	ok(more, "bottom page: more above");
	after(&f, 3000, 3);
	is_str(page_of(op, &f, &more, buf, sizeof buf), "4 5 6", "the page above; the tie by id");
	ok(more, "page above: more above");
	after(&f, 5000, 6);
	is_str(page_of(op, &f, &more, buf, sizeof buf), "7", "the top");
	ok(!more, "the top: nothing above");
}

static void
test_filters(const struct actor *op)
{
	struct calllog_filter f = { .limit = 2, .operator = "op1" };
	char buf[256];
	bool more;

	is_str(page_of(op, &f, &more, buf, sizeof buf), "6 4", "by operator");
	ok(more, "by operator: more follow");
	after(&f, 3000, 4);
	is_str(page_of(op, &f, &more, buf, sizeof buf), "3 1", "by operator, page 2");
	ok(!more, "by operator: no more");
	f = (struct calllog_filter){ .limit = 10, .operator = "op1", .backward = 1 };
	is_str(page_of(op, &f, &more, buf, sizeof buf), "1 3 4 6", "by operator, backward");

	/* [2000, 5000): calls 2 to 5; the rows outside do not count as more. */
	f = (struct calllog_filter){ .limit = 2, .since = 2000, .until = 5000 };
	is_str(page_of(op, &f, &more, buf, sizeof buf), "5 4", "range, newest first");
	ok(more, "range: more follow");
	after(&f, 3000, 4);
	is_str(page_of(op, &f, &more, buf, sizeof buf), "3 2", "range, page 2");
	ok(!more, "range: nothing more inside it");
	f.backward = 1;
	f.after_id = 0;
	f.limit = 10;
	is_str(page_of(op, &f, &more, buf, sizeof buf), "2 3 4 5", "range, backward");
	ok(!more, "range backward: nothing more inside it");
	after(&f, 6000, 7);
	f.backward = 0;
	is_str(page_of(op, &f, &more, buf, sizeof buf), "5 4 3 2",
		"a cursor past the range starts at its end");
	f = (struct calllog_filter){ .limit = 10, .operator = "op2", .since = 3000 };
	is_str(page_of(op, &f, &more, buf, sizeof buf), "7 5", "operator and range together");
}

static void
test_refusals(const struct actor *op, const struct actor *staff)
{
	struct calllog_filter f = { .limit = 3 };
	struct calllog_row row;
	struct mado_err e = { 0 };
	struct page pg = { 0 };
	bool more = true;

	is_int(calllog_list(db, staff, &f, collect, &pg, &more, &e), MADO_EPERM,
		"staff may not list call logs");
	ok(strstr(e.msg, "operator") != NULL && pg.n == 0 && !more,
		"refusal names the role, lists nothing: %s", e.msg);
	is_int(calllog_read(db, staff, 1, &row, &e), MADO_EPERM, "staff may not read a call log");
	calllog_row_clear(&row);
	f.operator = "nobody";
	is_int(calllog_list(db, op, &f, collect, &pg, &more, &e), MADO_EUSAGE, "unknown operator");
	ok(strstr(e.msg, "nobody") != NULL, "message names the login: %s", e.msg);
	f = (struct calllog_filter){ .limit = 3, .since = 5000, .until = 5000 };
	is_int(calllog_list(db, op, &f, collect, &pg, &more, &e), MADO_EUSAGE, "empty range");
	f = (struct calllog_filter){ .limit = 0 };
	is_int(calllog_list(db, op, &f, collect, &pg, &more, &e), MADO_EUSAGE, "limit 0");
	f.limit = CALLLOG_LIST_MAX + 1;
	is_int(calllog_list(db, op, &f, collect, &pg, &more, &e), MADO_EUSAGE, "limit too large");
	is_int(calllog_read(db, op, 99, &row, &e), MADO_ENOTFOUND, "unknown call log");
	ok(strstr(e.msg, "99") != NULL, "not-found message names the id: %s", e.msg);
}

/* Without a catalog messages are English, so masters give English names
 * where they have one and Japanese where they have none. */
static void
test_brief(const struct actor *op)
{
	struct calllog_filter f = { .limit = 10 };
	struct mado_err e = { 0 };
	struct page pg = { 0 };
	bool more;

	is_int(calllog_list(db, op, &f, collect, &pg, &more, &e), MADO_OK, "list: ok");
	is_str(pg.first_line, "医療費が高額になりました。", "list: the first line of 受付内容");
	is_str(pg.contact_type, "Inquiry", "list: contact type in English");
	is_str(pg.department, "保険年金課", "list: a department without English name");
	is_str(pg.outcome, "Transferred", "list: outcome");
	is_str(pg.operator, "op1", "list: operator name");
}

static void
test_read(const struct actor *op)
{
	struct calllog_row row;
	struct mado_err e = { 0 };

	is_int(calllog_read(db, op, 1, &row, &e), MADO_OK, "read: ok (%s)", e.msg);
	is_str(row.receipt_no, "C1", "read: 受付ID");
	ok(strcmp(row.operator, "op1") == 0 && strcmp(row.operator_name, "op1") == 0,
		"read: 受付者");
	ok(row.started_at == 1000 && row.ended_at == 1100 && row.wrapup_at == 1200,
		"read: start, end, after-call work");
	ok(strcmp(row.contact_type, "inquiry") == 0 && strcmp(row.contact_type_name, "Inquiry") == 0,
		"read: 受付区分");
	ok(strcmp(row.department, "HOKEN") == 0 && strcmp(row.department_name, "保険年金課") == 0,
		"read: 問い合わせ受付区分");
	ok(strcmp(row.outcome, "transferred") == 0, "read: 対応区分");
	ok(row.faq[0].faq_no == 12 && strcmp(row.faq[0].title, "国民健康保険の加入") == 0 &&
		row.faq[1].faq_no == 34 && row.faq[2].faq_no == 0 && row.faq[2].title[0] == '\0',
		"read: 利用FAQ numbers and titles");
	ok(strcmp(row.category, "LIFE") == 0 && strcmp(row.category_name, "暮らし・手続き") == 0,
		"read: カテゴリー");
	is_str(row.inquiry_text, "医療費が高額になりました。\n払い戻しはありますか", "read: 受付内容");
	is_str(row.response_text, "保険年金課へ転送。", "read: 対応内容");
	ok(strcmp(row.transfer_to_name, "保険年金課 国保係") == 0 &&
		strcmp(row.transfer_to_phone, "内線2301") == 0, "read: 転送先");
	calllog_row_clear(&row);
	is_int(calllog_read(db, op, 2, &row, &e), MADO_OK, "read a bare call log");
	ok(row.ended_at == 0 && row.contact_type[0] == '\0' && row.transfer_to[0] == '\0',
		"read: absent fields are 0 and empty");
	calllog_row_clear(&row);
}

int
main(void)
{
	struct actor op, op2, staff;

	db = testdb_open();
	testdb_actor(db, "op1", "operator", &op);
	testdb_actor(db, "op2", "operator", &op2);
	testdb_actor(db, "st1", "staff", &staff);
	seed();
	test_forward(&op);
	test_backward(&op2);
	test_filters(&op);
	test_refusals(&op, &staff);
	test_brief(&op);
	test_read(&op);
	db_close(db);
	return tap_done();
}
