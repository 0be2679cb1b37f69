/* Knowledge articles after they are written, through core: new versions
 * and their history, reviews, votes, "make this ticket an FAQ", and the
 * export for the citizen site; each with its refusals, on a real file. */
#include <glib.h>
#include <stdint.h>

#include "core/kb.h"
#include "core/ticket.h"
#include "db/audit_store.h"
#include "tests/testdb.h"

static struct db *db;
static struct actor staff, staff2, op, sup, sys;

static int
count(const char *sql)
{
	return testdb_int(db_handle(db), sql);
}

static void
set_now(long long t)
{
	char buf[24];

	snprintf(buf, sizeof buf, "%lld", t);
	setenv("MADO_NOW", buf, 1);
}

static void
setup(void)
{
	db = testdb_open();
	sqlite3_exec(db_handle(db),
		"INSERT INTO department(code, name) VALUES ('SHIMIN', '市民課'), ('ZEIMU', '税務課');"
		"INSERT INTO category(code, name, scope, department_id) VALUES"
		" ('LIFE', '暮らし・手続き', 'kb', 1), ('TAX', '税金', 'any', 2),"
		" ('ASK', '問合せ', 'inquiry', NULL);"
		"INSERT INTO category(code, name, active) VALUES ('OLD', '旧分類', 0);"
		"INSERT INTO faq_class(code, name) VALUES ('PROC', '手続き'), ('FEE', '手数料');",
		NULL, NULL, NULL);
	testdb_actor(db, "k.staff", "staff", &staff);
	testdb_actor(db, "m.staff", "staff", &staff2);
	testdb_actor(db, "o.op", "operator", &op);
	testdb_actor(db, "s.sup", "supervisor", &sup);
	identity_system(&sys);
	set_now(1700000000);
}

static int64_t
add(const char *title, const char *answer, const char *category, bool public)
{
	struct kb_draft d = { .title = title, .question = "質問", .answer = answer,
		.category = category, .public = public };
	struct mado_err e = { 0 };
	int64_t no = 0;

	if (kb_add(db, &op, &d, &no, &e) != MADO_OK)
		printf("# add %s: %s\n", title, e.msg);
	return no;
}

/* ---- update and history ---- */

struct versions {
	int n;
	int64_t nums[8];
	char by[8][32], title[8][64];
};

static int
collect_version(const struct kb_version_row *v, void *p)
{
	struct versions *vs = p;

	if (vs->n < 8) {
		vs->nums[vs->n] = v->version;
		g_strlcpy(vs->by[vs->n], v->changed_by, sizeof vs->by[0]);
		g_strlcpy(vs->title[vs->n], v->title, sizeof vs->title[0]);
		if (v->question[0] != '\0' || v->answer[0] != '\0')
			vs->nums[vs->n] = -1; /* lists carry no texts */
	}
	vs->n++;
	return MADO_OK;
}

static void
test_update(void)
{
	int64_t no = add("住民票の写し", "窓口で", "LIFE", true), version = -1;
	struct kb_change c = { .public = -1 };
	struct kb_version_row v;
	struct versions vs = { 0 };
	struct mado_err e = { 0 };
	struct kb_row row;
	int audits = count("SELECT count(*) FROM audit");

	c.answer = "窓口またはコンビニで";
	is_int(kb_update(db, &staff, no, &c, &version, &e), MADO_EPERM, "staff may not update");
	ok(strstr(e.msg, "operator") != NULL, "the refusal names the role: %s", e.msg);
	is_int(count("SELECT version FROM kb_article WHERE faq_no = 1"), 1, "...nothing changed");
	is_int(count("SELECT count(*) FROM audit"), audits, "...and nothing audited");

	set_now(1700000100);
	is_int(kb_update(db, &op, no, &c, &version, &e), MADO_OK, "first update %s", e.msg);
	is_int(version, 2, "version 2");
	c = (struct kb_change){ .title = " 住民票の写しの取り方\u3000", .category = "TAX",
		.faq_class = "FEE", .public = 0, .base_version = 2 };
	set_now(1700000200);
	is_int(kb_update(db, &sup, no, &c, &version, &e), MADO_OK, "second update %s", e.msg);
	is_int(version, 3, "version 3");
	is_int(kb_read(db, &op, no, &row, &e), MADO_OK, "read it");
	is_str(row.title, "住民票の写しの取り方", "title trimmed as on adding");
	is_str(row.answer, "窓口またはコンビニで", "answer of the first update kept");
	is_str(row.question, "質問", "question untouched");
	is_str(row.category, "TAX", "category changed");
	is_str(row.department, "ZEIMU", "the department follows the new category's owner");
	is_str(row.faq_class, "FEE", "class set");
	is_int(row.public, 0, "now internal");
	is_int(row.updated_at, 1700000200, "updated_at is the last change");
	is_int(row.version, 3, "version stored");
	kb_row_clear(&row);

	is_int(kb_history(db, &op, no, collect_version, &vs, &e), MADO_OK, "history");
	ok(vs.n == 3 && vs.nums[0] == 3 && vs.nums[1] == 2 && vs.nums[2] == 1,
		"three versions, newest first, without texts (%d)", vs.n);
	is_str(vs.by[0], "s.sup", "version 3 by the supervisor");
	is_str(vs.by[1], "o.op", "version 2 by the operator");
	is_str(vs.title[0], "住民票の写しの取り方", "version 3's title");
	is_str(vs.title[2], "住民票の写し", "version 1's title");
	is_int(kb_history_version(db, &op, no, 1, &v, &e), MADO_OK, "version 1");
	is_str(v.answer, "窓口で", "version 1 keeps the first answer");
	is_int(v.changed_at, 1700000000, "and when it was written");
	kb_version_clear(&v);
	is_int(kb_history_version(db, &op, no, 2, &v, &e), MADO_OK, "version 2");
	is_str(v.answer, "窓口またはコンビニで", "version 2 has the new answer");
	is_str(v.title, "住民票の写し", "and still the old title");
	kb_version_clear(&v);
	is_int(kb_history_version(db, &op, no, 9, &v, &e), MADO_ENOTFOUND, "no version 9");
	ok(strstr(e.msg, "9") != NULL, "the message names it: %s", e.msg);
	is_int(kb_history(db, &staff, 1, collect_version, &vs, &e), MADO_EPERM,
		"staff may not read the history");

	is_int(count("SELECT count(*) FROM audit WHERE entity = 'kb' AND action = 'update'"
		" AND field = 'answer' AND old_value = 'version 1' AND new_value = 'version 2'"), 1,
		"the answer's change is audited by version");
	is_int(count("SELECT count(*) FROM audit WHERE entity = 'kb' AND action = 'update'"
		" AND field = 'title' AND old_value = '住民票の写し'"
		" AND new_value = '住民票の写しの取り方' AND actor = 's.sup'"), 1, "title audited");
	is_int(count("SELECT count(*) FROM audit WHERE entity = 'kb' AND action = 'update'"
		" AND field = 'department' AND old_value = 'SHIMIN' AND new_value = 'ZEIMU'"), 1,
		"department audited");
	is_int(count("SELECT count(*) FROM audit WHERE entity = 'kb' AND action = 'update'"
		" AND field = 'public' AND old_value = '1' AND new_value = '0'"), 1, "flag audited");
	is_int(count("SELECT count(*) FROM audit WHERE entity = 'kb' AND action = 'update'"
		" AND field = 'question'"), 0, "an unchanged field writes no row");

	audits = count("SELECT count(*) FROM audit");
	c = (struct kb_change){ .title = "住民票の写しの取り方", .category = "TAX", .public = 0 };
	is_int(kb_update(db, &op, no, &c, &version, &e), MADO_OK, "the same values again");
	is_int(version, 0, "...make no new version");
	is_int(count("SELECT count(*) FROM kb_version WHERE article_id = 1"), 3, "...no version row");
	is_int(count("SELECT count(*) FROM audit"), audits, "...and no audit row");

	c = (struct kb_change){ .answer = "古い版からの変更", .public = -1, .base_version = 2 };
	is_int(kb_update(db, &op, no, &c, &version, &e), MADO_EDATA,
		"a change made on an older version is refused");
	ok(strstr(e.msg, "version 3") != NULL, "the message says what is current: %s", e.msg);

	c = (struct kb_change){ .faq_class = "", .public = -1 };
	is_int(kb_update(db, &op, no, &c, &version, &e), MADO_OK, "clear the class");
	is_int(count("SELECT faq_class_id IS NULL FROM kb_article WHERE faq_no = 1"), 1, "cleared");

	c = (struct kb_change){ .title = " \u3000", .public = -1 };
	is_int(kb_update(db, &op, no, &c, &version, &e), MADO_EDATA, "blank title refused");
	c = (struct kb_change){ .answer = "esc \x1b[2J", .public = -1 };
	is_int(kb_update(db, &op, no, &c, &version, &e), MADO_EDATA, "control character refused");
	c = (struct kb_change){ .category = "OLD", .public = -1 };
	is_int(kb_update(db, &op, no, &c, &version, &e), MADO_EDATA, "retired category refused");
	c = (struct kb_change){ .category = "ASK", .public = -1 };
	is_int(kb_update(db, &op, no, &c, &version, &e), MADO_EDATA, "category of inquiries refused");
	c = (struct kb_change){ .department = "NOPE", .public = -1 };
	is_int(kb_update(db, &op, no, &c, &version, &e), MADO_EDATA, "unknown department refused");
	ok(strstr(e.msg, "NOPE") != NULL, "...named: %s", e.msg);
	is_int(kb_update(db, &op, 999, &c, &version, &e), MADO_ENOTFOUND, "no FAQ 999");
	is_int(count("SELECT version FROM kb_article WHERE faq_no = 1"), 4,
		"refused changes left version 4");

	/* An article filed under a category retired since keeps it through
	 * other changes. */
	sqlite3_exec(db_handle(db), "UPDATE category SET active = 0 WHERE code = 'TAX'", NULL, NULL,
		NULL);
	c = (struct kb_change){ .answer = "改訂", .category = "TAX", .public = -1 };
	is_int(kb_update(db, &op, no, &c, &version, &e), MADO_OK,
		"an unchanged retired category is no obstacle %s", e.msg);
	sqlite3_exec(db_handle(db), "UPDATE category SET active = 1 WHERE code = 'TAX'", NULL, NULL,
		NULL);
}

/* ---- review ---- */

/* Whether a list holds article no, and whether it listed anything. */
struct find {
	int64_t no;
	bool hit, seen;
};

static int
find_row(const struct kb_row *r, void *p)
{
	struct find *f = p;

	f->seen = true;
	f->hit = f->hit || r->faq_no == f->no;
	return MADO_OK;
}

static void
test_review(void)
{
	int64_t no, at = 0;
	struct kb_query q = { .public = -1, .stale_days = 30, .limit = 50 };
	struct find found = { 0 };
	struct mado_err e = { 0 };
	struct kb_row row;
	bool more;

	set_now(1700000000);
	no = add("印鑑登録", "本人が来庁", "LIFE", true);
	found.no = no;
	is_int(kb_review(db, &staff, no, &at, &e), MADO_EPERM, "staff may not mark reviewed");
	set_now(1700000000 + 40 * 86400);
	is_int(kb_review(db, &op, no, &at, &e), MADO_OK, "reviewed %s", e.msg);
	is_int(at, 1700000000 + 40 * 86400, "the time given back");
	is_int(kb_read(db, &op, no, &row, &e), MADO_OK, "read");
	is_int(row.reviewed_at, at, "reviewed_at stored");
	is_int(row.version, 1, "a review is no new version");
	is_int(row.updated_at, 1700000000, "nor a change of the text");
	kb_row_clear(&row);
	is_int(count("SELECT count(*) FROM audit WHERE action = 'review' AND field = 'reviewed_at'"
		" AND old_value IS NULL AND new_value = '1703456000' AND actor = 'o.op'"), 1,
		"review audited");
	set_now(1700000000 + 60 * 86400);
	is_int(kb_list(db, &op, &q, find_row, &found, &more, &e), MADO_OK, "stale list");
	ok(found.seen && !found.hit, "the reviewed article left the 30-day stale list");
	found = (struct find){ .no = no };
	q.stale_days = 10;
	is_int(kb_list(db, &op, &q, find_row, &found, &more, &e), MADO_OK, "10-day stale list");
	ok(found.hit, "...but is on the 10-day one");
	is_int(kb_review(db, &op, 999, &at, &e), MADO_ENOTFOUND, "review of an unknown FAQ");
	set_now(1700000000);
}

/* ---- votes ---- */

static void
expect_counts(int64_t no, int helpful, int not_helpful, const char *name)
{
	struct mado_err e = { 0 };
	struct kb_row row;

	if (kb_read(db, &op, no, &row, &e) != MADO_OK) {
		ok(0, "%s: read %s", name, e.msg);
		return;
	}
	ok(row.helpful == helpful && row.not_helpful == not_helpful,
		"%s: helpful %lld, not helpful %lld", name, (long long)row.helpful,
		(long long)row.not_helpful);
	kb_row_clear(&row);
}

static void
test_votes(void)
{
	int64_t pub = add("粗大ごみの出し方", "予約制です", "LIFE", true);
	int64_t internal = add("内部手順", "担当者向け", "LIFE", false);
	enum kb_vote_result r = KB_VOTE_UNCHANGED;
	struct mado_err e = { 0 };
	int mine = 9;

	is_int(kb_my_vote(db, &staff, pub, &mine, &e), MADO_OK, "my vote before voting");
	is_int(mine, -1, "...is none");
	is_int(kb_vote(db, &staff, pub, true, &r, &e), MADO_OK, "staff may vote %s", e.msg);
	is_int(r, KB_VOTE_COUNTED, "a first vote is counted");
	expect_counts(pub, 1, 0, "one helpful");
	is_int(kb_vote(db, &staff, pub, true, &r, &e), MADO_OK, "the same vote again");
	is_int(r, KB_VOTE_UNCHANGED, "...is no new vote");
	expect_counts(pub, 1, 0, "a vote twice counts once");
	is_int(kb_vote(db, &staff, pub, false, &r, &e), MADO_OK, "change of mind");
	is_int(r, KB_VOTE_CHANGED, "...moves the vote");
	expect_counts(pub, 0, 1, "moved to not helpful");
	is_int(kb_my_vote(db, &staff, pub, &mine, &e), MADO_OK, "my vote");
	is_int(mine, 0, "...is not helpful");
	is_int(kb_vote(db, &staff2, pub, true, &r, &e), MADO_OK, "another staff member votes");
	is_int(kb_vote(db, &op, pub, true, &r, &e), MADO_OK, "and an operator");
	expect_counts(pub, 2, 1, "three people, three votes");
	is_int(count("SELECT count(*) FROM kb_vote"), 3, "one row per person");
	is_int(count("SELECT count(*) FROM audit WHERE action = 'vote'"), 4,
		"votes and the change audited, the repeat not");
	is_int(count("SELECT count(*) FROM audit WHERE action = 'vote' AND old_value = 'helpful'"
		" AND new_value = 'not_helpful' AND actor = 'k.staff'"), 1, "the change names both");

	is_int(kb_vote(db, &staff, internal, true, &r, &e), MADO_EPERM,
		"staff may not vote on an internal article");
	is_int(kb_vote(db, &op, internal, false, &r, &e), MADO_OK, "operators may");
	is_int(kb_vote(db, &sys, pub, true, &r, &e), MADO_EPERM,
		"the built-in administrator has no staff record to vote with");
	ok(strstr(e.msg, "staff record") != NULL, "...and is told so: %s", e.msg);
	is_int(kb_vote(db, &staff, 999, true, &r, &e), MADO_ENOTFOUND, "vote on an unknown FAQ");

	/* Counters seeded without vote rows (generated data) never go below 0. */
	sqlite3_exec(db_handle(db), "UPDATE kb_article SET not_helpful = 0 WHERE faq_no = 3",
		NULL, NULL, NULL);
	is_int(kb_vote(db, &staff, pub, true, &r, &e), MADO_OK, "a vote moved from an empty counter");
	expect_counts(pub, 3, 0, "no negative counter");
}

/* ---- make this ticket an FAQ ---- */

static int64_t
new_ticket(const char *subject, const char *body, const char *category, char *number)
{
	struct ticket_draft d = { .kind = "inquiry", .subject = subject, .body = body,
		.category = category };
	struct mado_err e = { 0 };
	int64_t id = 0;

	if (ticket_create(db, &op, &d, &id, number, &e) != MADO_OK)
		printf("# ticket %s: %s\n", subject, e.msg);
	return id;
}

static void
comment(int64_t id, bool note, const char *body)
{
	struct mado_err e = { 0 };

	if (ticket_comment(db, &op, id, note, body, &e) != MADO_OK)
		printf("# comment: %s\n", e.msg);
}

static void
test_from_ticket(void)
{
	char number[TICKET_NUMBER_MAX], number2[TICKET_NUMBER_MAX], sql[256];
	int64_t id = new_ticket("プリンタで印刷できない",
		"3階のプリンタで\r\n印刷できません。\x07", "LIFE", number);
	int64_t id2 = new_ticket("電話で回答済みの件", "", "ASK", number2), no = 0, again = 0;
	struct kb_draft d;
	struct kb_prefill p;
	struct mado_err e = { 0 };
	struct kb_row row;
	int articles;

	comment(id, false, "再起動してください。");
	comment(id, true, "内部メモ：業者に確認済み");
	comment(id, false, "電源を入れ直してください。\n直らなければ内線1234へ。");
	comment(id, true, "最後の内部メモ");
	comment(id2, true, "メモだけ");

	is_int(kb_draft_from_ticket(db, &staff, number, &p, &e), MADO_EPERM,
		"staff may not make an FAQ");
	is_int(kb_draft_from_ticket(db, &op, number, &p, &e), MADO_OK, "prefill %s", e.msg);
	is_str(p.title, "プリンタで印刷できない", "title: the subject");
	is_str(p.question, "3階のプリンタで\n印刷できません。", "question: the body, CRLF and BEL gone");
	is_str(p.answer, "電源を入れ直してください。\n直らなければ内線1234へ。",
		"answer: the last reply, not the last note");
	is_str(p.category, "LIFE", "category kept: articles may be filed under it");
	ok(p.answered && p.faq_no == 0 && p.ticket_id == id, "answered, no FAQ yet");
	is_str(p.ticket_number, number, "the ticket's number");
	articles = count("SELECT count(*) FROM kb_article");
	is_int(articles, count("SELECT count(*) FROM kb_article"), "a prefill saves nothing");

	d = (struct kb_draft){ .title = p.title, .question = p.question, .answer = p.answer,
		.category = p.category, .public = true };
	is_int(kb_add_from_ticket(db, &staff, id, &d, &no, &e), MADO_EPERM, "staff may not save it");
	is_int(kb_add_from_ticket(db, &op, id, &d, &no, &e), MADO_OK, "saved %s", e.msg);
	is_int(kb_read(db, &op, no, &row, &e), MADO_OK, "read the new FAQ");
	is_int(row.public, 0, "created internal, whatever the draft said");
	is_str(row.source_ticket, number, "it names its source ticket");
	ok(strstr(row.answer, "内部メモ") == NULL && strstr(row.question, "内部メモ") == NULL &&
		strstr(row.answer, "最後の") == NULL, "no note went into the FAQ");
	is_str(row.department, "SHIMIN", "filed under the category's department");
	kb_row_clear(&row);
	snprintf(sql, sizeof sql, "SELECT count(*) FROM link l JOIN kb_article k ON k.id = l.dst_id"
		" WHERE l.src_type = 'ticket' AND l.src_id = %lld AND l.dst_type = 'kb'"
		" AND l.rel = 'answered_with_faq' AND k.faq_no = %lld", (long long)id, (long long)no);
	is_int(count(sql), 1, "the ticket links to the FAQ");
	snprintf(sql, sizeof sql, "SELECT count(*) FROM audit WHERE entity = 'ticket'"
		" AND entity_id = %lld AND action = 'link' AND new_value = 'answered_with_faq FAQ-%lld'",
		(long long)id, (long long)no);
	is_int(count(sql), 1, "the ticket's side audited");
	is_int(count("SELECT count(*) FROM audit WHERE entity = 'kb' AND field = 'source_ticket'"),
		1, "the article's source audited");

	is_int(kb_add_from_ticket(db, &op, id, &d, &again, &e), MADO_EDATA,
		"a ticket becomes one FAQ only");
	ok(strstr(e.msg, "FAQ") != NULL, "...and the refusal names it: %s", e.msg);
	kb_prefill_clear(&p); /* d pointed into it */
	is_int(kb_draft_from_ticket(db, &op, number, &p, &e), MADO_OK, "prefill again");
	is_int(p.faq_no, no, "tells the FAQ already made");
	kb_prefill_clear(&p);

	is_int(kb_draft_from_ticket(db, &op, number2, &p, &e), MADO_OK, "a ticket with notes only");
	is_str(p.question, "電話で回答済みの件", "question: the subject when there is no body");
	is_str(p.answer, "", "no reply: empty answer, no note");
	ok(!p.answered, "not answered");
	is_str(p.category, "", "a category for inquiries is not carried over");
	kb_prefill_clear(&p);
	is_int(kb_draft_from_ticket(db, &op, "INQ-1999-999999", &p, &e), MADO_ENOTFOUND,
		"unknown ticket");
	is_int(count("SELECT count(*) FROM kb_article"), articles + 1, "exactly one FAQ was made");
}

/* ---- export ---- */

/* The export of fmt/enc into a string (caller frees), or NULL with *st. */
static char *
export(const struct actor *a, enum kb_export_format fmt, enum csv_encoding enc, size_t *rows,
	int *st, struct mado_err *e)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);

	*st = kb_export_public(db, a, fp, fmt, enc, rows, e);
	fclose(fp);
	if (*st != MADO_OK) {
		free(buf);
		return NULL;
	}
	return buf;
}

static void
test_export(void)
{
	struct mado_err e = { 0 };
	size_t rows = 0;
	int st, public_n;
	char *out;

	add("転入届", "必要なもの：本人確認書類、\"転出証明書\"\n<script>alert(1)</script> & 印鑑",
		NULL, true);
	public_n = count("SELECT count(*) FROM kb_article WHERE public = 1");
	out = export(&op, KB_EXPORT_CSV, CSV_UTF8, &rows, &st, &e);
	is_int(st, MADO_EPERM, "operators may not export");
	out = export(&sup, KB_EXPORT_CSV, CSV_UTF8, &rows, &st, &e);
	is_int(st, MADO_OK, "supervisors may %s", e.msg);
	is_int(rows, public_n, "every public article");
	ok(out != NULL && g_str_has_prefix(out, "faq_no,category,title,question,answer,updated\r\n"),
		"CSV header of keys, CRLF");
	ok(out != NULL && strstr(out, "内部手順") == NULL && strstr(out, "プリンタで印刷") == NULL,
		"no internal article in the CSV");
	ok(out != NULL && strstr(out, "\"必要なもの：本人確認書類、\"\"転出証明書\"\"\n") != NULL,
		"quotes doubled, line break kept inside quotes");
	ok(out != NULL && strstr(out, ",粗大ごみの出し方,") != NULL, "titles present");
	ok(out != NULL && strstr(out, ",2023-11-15\r\n") != NULL, "updated as a JST date");
	free(out);

	out = export(&sup, KB_EXPORT_JSON, CSV_UTF8, &rows, &st, &e);
	is_int(st, MADO_OK, "JSON %s", e.msg);
	is_int(rows, public_n, "the same articles");
	ok(out != NULL && g_str_has_prefix(out, "[\n  {\"faq_no\": "), "an array of objects");
	ok(out != NULL && strstr(out, "\\\"転出証明書\\\"\\n\\u003cscript\\u003ealert(1)"
		"\\u003c/script\\u003e \\u0026 印鑑") != NULL, "quotes, newline, < > & escaped");
	ok(out != NULL && strstr(out, "</") == NULL, "no \"</\" that could end a script");
	ok(out != NULL && strstr(out, "\"category\": null") != NULL, "no category: null");
	ok(out != NULL && strstr(out, "内部手順") == NULL, "no internal article in the JSON");
	ok(out != NULL && g_str_has_suffix(out, "}\n]\n"), "closed");
	free(out);

	out = export(&sup, KB_EXPORT_JSON, CSV_CP932, &rows, &st, &e);
	is_int(st, MADO_EUSAGE, "JSON in CP932 refused");
	add("絵文字😀の記事", "回答", NULL, true);
	out = export(&sup, KB_EXPORT_CSV, CSV_CP932, &rows, &st, &e);
	is_int(st, MADO_EDATA, "a character CP932 lacks is refused");
	ok(strstr(e.msg, "FAQ") != NULL, "...naming the article: %s", e.msg);
	out = export(&sup, KB_EXPORT_CSV, CSV_UTF8_BOM, &rows, &st, &e);
	ok(out != NULL && g_str_has_prefix(out, "\xEF\xBB\xBF" "faq_no,"), "UTF-8 with BOM");
	free(out);
}

int
main(void)
{
	int64_t bad = 0;
	struct mado_err e = { 0 };

	setup();
	test_update();
	test_review();
	test_votes();
	test_from_ticket();
	test_export();
	is_int(audit_verify(db, &bad, &e), MADO_OK, "audit chain intact");
	db_close(db);
	return tap_done();
}
