/* Knowledge articles through core: validation, numbering, roles, views,
 * audit and versions, and keyset paging, on a fresh database file. */
#include "tests/tap.h"

#include <glib.h>
#include <stdint.h>
#include <unistd.h>

#include "core/identity.h"
#include "core/kb.h"
#include "db/audit_store.h"

int main(void);

static struct db *db;

static void
exec_sql(const char *sql)
{
	char *msg = NULL;

	if (sqlite3_exec(db_handle(db), sql, NULL, NULL, &msg) != SQLITE_OK) {
		printf("Bail out! %s: %s\n", sql, msg ? msg : "?");
		exit(1);
	}
}

static long long
query_int(const char *sql)
{
	sqlite3_stmt *st;
	long long v = -1;

	if (sqlite3_prepare_v2(db_handle(db), sql, -1, &st, NULL) != SQLITE_OK)
		return -2;
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

static void
make_actor(struct actor *a, const char *login, enum role r)
{
	memset(a, 0, sizeof *a);
	g_strlcpy(a->login, login, sizeof a->login);
	g_strlcpy(a->name, login, sizeof a->name);
	g_strlcpy(a->lang, "en", sizeof a->lang);
	a->role = r;
}

/* Adds an article with just a title (and category); returns its number
 * or -status. */
static long long
add_title(const struct actor *a, const char *title, const char *category)
{
	struct kb_draft d = { .title = title, .category = category };
	struct mado_err e = { 0 };
	int64_t no = 0;
	int st = kb_add(db, a, &d, &no, &e);

	return st == MADO_OK ? (long long)no : -(long long)st;
}

static void
test_add_and_tidy(const struct actor *op)
{
	struct kb_draft d = {
		.title = "\u3000 住民票の写しの請求方法 ",
		.question = "\r\n\r\n  住民票はどこで取れますか？\r\n",
		.answer = "\xEF\xBB\xBF" "市民課窓口または\r\nコンビニ交付で取得できます。\n\n\t",
		.category = "LIFE", .faq_class = "PROC", .public = true,
	};
	struct mado_err e = { 0 };
	struct kb_row row;
	int64_t no = 0;

	is_int(kb_add(db, op, &d, &no, &e), MADO_OK, "add: ok (%s)", e.msg);
	is_int(no, 1, "add: first article is FAQ 1");
	is_int(kb_show(db, op, no, &row, &e), MADO_OK, "show: ok");
	is_str(row.title, "住民票の写しの請求方法", "title trimmed, ideographic space too");
	is_str(row.question, "  住民票はどこで取れますか？",
		"question: leading blank lines and CRLF gone, indentation kept");
	is_str(row.answer, "市民課窓口または\nコンビニ交付で取得できます。",
		"answer: BOM dropped, CRLF -> LF, trailing space trimmed");
	is_str(row.category, "LIFE", "category code");
	is_str(row.category_name, "暮らし・手続き", "category name");
	is_str(row.department, "SHIMIN", "department defaults to the category's owner");
	is_str(row.faq_class, "PROC", "class");
	is_int(row.public, 1, "public");
	is_int(row.version, 1, "version 1");
	is_int(row.views, 1, "show counted one view");
	is_int(row.reviewed_at, 0, "never reviewed");
	is_str(row.created_by, "op1", "created by the actor");
	kb_row_clear(&row);
	is_int(query_int("SELECT count(*) FROM kb_version WHERE article_id = 1 AND version = 1"
		" AND answer LIKE '市民課%'"), 1, "kb_version row 1 holds the text");
	is_int(query_int("SELECT count(*) FROM audit WHERE entity = 'kb' AND entity_id = 1"
		" AND action = 'create' AND actor = 'op1'"), 6, "six create audit rows");
	is_int(query_int("SELECT count(*) FROM audit WHERE entity = 'kb' AND field = 'title'"
		" AND new_value = '住民票の写しの請求方法'"), 1, "audit row for the title");
	is_int(kb_show(db, op, no, &row, &e), MADO_OK, "show again");
	is_int(row.views, 2, "views counted again");
	kb_row_clear(&row);
	is_int(query_int("SELECT count(*) FROM audit WHERE entity = 'kb'"), 6,
		"views are not audited");
}

static void
expect_refusal(const struct actor *a, const struct kb_draft *d, int want, const char *pattern,
	const char *name)
{
	struct mado_err e = { 0 };
	int64_t no = 0;
	int st = kb_add(db, a, d, &no, &e);

	is_int(st, want, "%s: status", name);
	if (!ok(strstr(e.msg, pattern) != NULL, "%s: message names it", name))
		printf("#   message [%s], want [%s]\n", e.msg, pattern);
}

static void
test_refusals(const struct actor *op, const struct actor *staff)
{
	char long_title[KB_TITLE_MAX * 3 + 4];
	long long before = query_int("SELECT count(*) FROM kb_article");

	memset(long_title, 0, sizeof long_title);
	for (int i = 0; i <= KB_TITLE_MAX; i++)
		memcpy(long_title + 3 * i, "あ", 3);
	expect_refusal(op, &(struct kb_draft){ .title = " \u3000\t" }, MADO_EDATA, "title",
		"blank title");
	expect_refusal(op, &(struct kb_draft){ .title = long_title }, MADO_EDATA, "title",
		"long title");
	expect_refusal(op, &(struct kb_draft){ .title = "a\nb" }, MADO_EDATA, "title",
		"two-line title");
	expect_refusal(op, &(struct kb_draft){ .title = "x", .answer = "esc \x1b[2J" },
		MADO_EDATA, "answer", "escape in answer");
	expect_refusal(op, &(struct kb_draft){ .title = "x", .question = "\x8f\xe3" },
		MADO_EDATA, "UTF-8", "Shift_JIS question");
	expect_refusal(op, &(struct kb_draft){ .title = "x", .category = "NOPE" },
		MADO_EDATA, "category: no entry with code 'NOPE'", "unknown category");
	expect_refusal(op, &(struct kb_draft){ .title = "x", .category = "OLD" },
		MADO_EDATA, "'OLD' is no longer in use", "retired category");
	expect_refusal(op, &(struct kb_draft){ .title = "x", .category = "INC" },
		MADO_EDATA, "not knowledge articles", "category for incidents");
	expect_refusal(op, &(struct kb_draft){ .title = "x", .department = "NOPE" },
		MADO_EDATA, "department", "unknown department");
	expect_refusal(op, &(struct kb_draft){ .title = "x", .faq_class = "NOPE" },
		MADO_EDATA, "class", "unknown class");
	expect_refusal(op, &(struct kb_draft){ .title = "x", .faq_no = 1 },
		MADO_EDATA, "FAQ number: 1 is already in use", "used number");
	expect_refusal(staff, &(struct kb_draft){ .title = "x" },
		MADO_EPERM, "operator", "staff may not add");
	is_int(query_int("SELECT count(*) FROM kb_article"), before, "nothing was stored");
}

static void
test_numbers(const struct actor *op, const struct actor *staff)
{
	struct kb_draft d = { .title = "番号指定", .faq_no = 100 };
	struct mado_err e = { 0 };
	struct kb_row row;
	int64_t no = 0;

	is_int(kb_add(db, op, &d, &no, &e), MADO_OK, "explicit number");
	is_int(no, 100, "explicit number kept");
	is_int(add_title(op, "次の番号", NULL), 101, "next is max + 1");
	is_int(kb_show(db, staff, 101, &row, &e), MADO_EPERM, "staff may not read an internal article");
	ok(strstr(e.msg, "operator") != NULL, "refusal names the role: %s", e.msg);
	is_int(kb_show(db, op, 101, &row, &e), MADO_OK, "an operator may");
	kb_row_clear(&row);
	is_int(kb_show(db, staff, 4242, &row, &e), MADO_ENOTFOUND, "unknown number");
	ok(strstr(e.msg, "4242") != NULL, "not-found message names the number");

	/* Reading again (a screen refreshing) is not a new view. */
	is_int(kb_read(db, op, 101, &row, &e), MADO_OK, "read without counting");
	is_int(row.views, 1, "read: the count as it was");
	kb_row_clear(&row);
	is_int(query_int("SELECT views FROM kb_article WHERE faq_no = 101"), 1,
		"read: nothing counted");
	is_int(kb_read(db, staff, 101, &row, &e), MADO_EPERM, "read: internal refused to staff");
	is_int(kb_read(db, op, 4242, &row, &e), MADO_ENOTFOUND, "read: unknown number");
}

struct collect {
	int64_t nos[64];
	int n;
	int64_t last_at, last_id;
};

static int
collect_row(const struct kb_row *row, void *p)
{
	struct collect *c = p;

	if (c->n < 64)
		c->nos[c->n++] = row->faq_no;
	c->last_at = kb_reviewed_at(row);
	c->last_id = row->id;
	return MADO_OK;
}

static void
test_lists(const struct actor *reader)
{
	struct kb_query q = { .public = -1, .stale_days = -1, .limit = 2 };
	struct collect c = { 0 };
	struct mado_err e = { 0 };
	bool more;

	/* Articles so far: 1 (LIFE, public), 100 and 101 (internal). */
	is_int(kb_list(db, reader, &q, collect_row, &c, &more, &e), MADO_OK, "list page 1");
	is_int(c.n, 2, "page 1 has two rows");
	ok(c.nos[0] == 1 && c.nos[1] == 100, "page 1 in FAQ-number order");
	ok(more, "page 1 says more follow");
	q.has_after = true;
	q.after_no = c.nos[1];
	c.n = 0;
	is_int(kb_list(db, reader, &q, collect_row, &c, &more, &e), MADO_OK, "list page 2");
	ok(c.n == 1 && c.nos[0] == 101 && !more, "page 2: the rest, and no more");

	/* Backward: from the last article, nearest first, then the page above. */
	q = (struct kb_query){ .public = -1, .stale_days = -1, .limit = 2, .backward = true };
	c.n = 0;
	is_int(kb_list(db, reader, &q, collect_row, &c, &more, &e), MADO_OK, "backward from the end");
	ok(c.n == 2 && c.nos[0] == 101 && c.nos[1] == 100 && more,
		"backward: the last two, highest first, more above");
	q.has_after = true;
	q.after_no = c.nos[1];
	c.n = 0;
	is_int(kb_list(db, reader, &q, collect_row, &c, &more, &e), MADO_OK, "backward page 2");
	ok(c.n == 1 && c.nos[0] == 1 && !more, "backward page 2: the first, and no more");
	q.stale_days = 30;
	is_int(kb_list(db, reader, &q, collect_row, &c, &more, &e), MADO_EUSAGE,
		"stale lists are not read backward");

	q = (struct kb_query){ .category = "LIFE", .public = 1, .stale_days = -1, .limit = 10 };
	c.n = 0;
	is_int(kb_list(db, reader, &q, collect_row, &c, &more, &e), MADO_OK, "list by category");
	ok(c.n == 1 && c.nos[0] == 1 && !more, "only the public LIFE article");
	q.category = "NOPE";
	is_int(kb_list(db, reader, &q, collect_row, &c, &more, &e), MADO_EDATA,
		"unknown category in a list");

	/* Stale: 1 reviewed 400 days ago, 100 created 200 days ago and never
	 * reviewed, 101 reviewed yesterday. */
	exec_sql("UPDATE kb_article SET reviewed_at = 1000000000 - 400 * 86400 WHERE faq_no = 1;"
		"UPDATE kb_article SET created_at = 1000000000 - 200 * 86400 WHERE faq_no = 100;"
		"UPDATE kb_article SET reviewed_at = 1000000000 - 86400 WHERE faq_no = 101;");
	q = (struct kb_query){ .public = -1, .stale_days = 30, .limit = 1 };
	c.n = 0;
	is_int(kb_list(db, reader, &q, collect_row, &c, &more, &e), MADO_OK, "stale page 1");
	ok(c.n == 1 && c.nos[0] == 1 && more, "oldest review first");
	q.has_after = true;
	q.after_at = c.last_at;
	q.after_id = c.last_id;
	c.n = 0;
	is_int(kb_list(db, reader, &q, collect_row, &c, &more, &e), MADO_OK, "stale page 2");
	ok(c.n == 1 && c.nos[0] == 100 && !more, "then the never-reviewed one, and no more");
}

/* Staff see public articles only; operators see internal ones too. */
static void
test_visibility(const struct actor *op, const struct actor *staff)
{
	struct kb_query q = { .public = -1, .stale_days = -1, .limit = 50 };
	struct kb_draft d = { .title = "公開FAQ", .public = true };
	struct collect c = { 0 };
	struct mado_err e = { 0 };
	struct kb_row row;
	int64_t no = 0;
	bool more, internal = false;

	is_int(kb_add(db, op, &d, &no, &e), MADO_OK, "public article");
	is_int(kb_show(db, staff, no, &row, &e), MADO_OK, "staff may read a public article");
	kb_row_clear(&row);
	is_int(kb_list(db, staff, &q, collect_row, &c, &more, &e), MADO_OK, "staff list");
	for (int i = 0; i < c.n; i++)
		internal = internal || c.nos[i] == 100 || c.nos[i] == 101;
	ok(c.n > 0 && !internal, "staff lists show no internal article");
	q.public = 0;
	is_int(kb_list(db, staff, &q, collect_row, &c, &more, &e), MADO_EPERM,
		"staff may not ask for internal articles");
}

int
main(void)
{
	char dir[] = "/tmp/mado-kb-XXXXXX", path[64];
	struct mado_err e = { 0 };
	struct actor op, staff;
	int64_t bad = 0;

	if (mkdtemp(dir) == NULL)
		return 1;
	snprintf(path, sizeof path, "%s/kb.db", dir);
	setenv("MADO_NOW", "1000000000", 1);
	if (db_open(path, 1, &db, &e) != MADO_OK) {
		printf("Bail out! %s\n", e.msg);
		return 1;
	}
	exec_sql("INSERT INTO department(code, name) VALUES ('SHIMIN', '市民課'), ('ZEIMU', '税務課');"
		"INSERT INTO category(code, name, scope, department_id) VALUES"
		" ('LIFE', '暮らし・手続き', 'kb', 1), ('TAX', '税金', 'any', 2),"
		" ('INC', '障害', 'incident', NULL);"
		"INSERT INTO category(code, name, active) VALUES ('OLD', '旧分類', 0);"
		"INSERT INTO faq_class(code, name) VALUES ('PROC', '手続き');"
		"INSERT INTO staff(login, name, role) VALUES ('op1', 'Operator', 'operator'),"
		" ('st1', 'Staff', 'staff');");
	make_actor(&op, "op1", ROLE_OPERATOR);
	op.staff_id = 1;
	make_actor(&staff, "st1", ROLE_STAFF);
	staff.staff_id = 2;

	test_add_and_tidy(&op);
	test_refusals(&op, &staff);
	test_numbers(&op, &staff);
	test_lists(&op);
	test_visibility(&op, &staff);
	is_int(audit_verify(db, &bad, &e), MADO_OK, "audit chain intact");

	db_close(db);
	unlink(path);
	{
		char wal[80];

		snprintf(wal, sizeof wal, "%s-wal", path);
		unlink(wal);
		snprintf(wal, sizeof wal, "%s-shm", path);
		unlink(wal);
	}
	rmdir(dir);
	return tap_done();
}
