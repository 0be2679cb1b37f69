/* Search on a fixed corpus written here: Japanese two-character words,
 * phrases, exclusions, filters, synonyms, who sees what, direct hits by
 * number, the triggers that keep the index in step, and the migration
 * that builds the index over an existing database. */
#include "tests/testdb.h"

#include <glib.h>
#include <stdarg.h>

#include "core/kb.h"
#include "core/search.h"
#include "core/synonym.h"
#include "core/ticket.h"
#include "db/schema.h"

int main(void);

static struct db *db;
static struct actor staff, op, adm;

/* The corpus: articles by FAQ number, tickets by number. */
enum { FAQ_PRINT = 101, FAQ_JUMIN, FAQ_FORM, FAQ_OUTAGE, FAQ_PASSWORD, FAQ_PW, FAQ_PRINTOUT };
static char t_network[TICKET_NUMBER_MAX], t_slow[TICKET_NUMBER_MAX];
static char t_userid[TICKET_NUMBER_MAX], t_mail[TICKET_NUMBER_MAX];
static int64_t id_slow;

static void
exec_sql(const char *sql)
{
	char *msg = NULL;

	if (sqlite3_exec(db_handle(db), sql, NULL, NULL, &msg) != SQLITE_OK) {
		printf("Bail out! %s: %s\n", sql, msg ? msg : "?");
		exit(1);
	}
}

static void
add_faq(int64_t no, const char *title, const char *answer, const char *category, bool public)
{
	struct kb_draft d = { .title = title, .answer = answer, .category = category,
		.public = public, .faq_no = no };
	struct mado_err e = { 0 };
	int64_t got;

	if (kb_add(db, &op, &d, &got, &e) != MADO_OK) {
		printf("Bail out! kb_add %s: %s\n", title, e.msg);
		exit(1);
	}
}

static int64_t
add_ticket(const char *kind, const char *subject, const char *body, char *number)
{
	static const char *const names[] = { "request_type", "department", "persons", "system",
		"start_date" };
	static const char *const values[] = { "new", "joho", "3", "juki", "2026-12-01" };
	struct ticket_draft d = { .kind = kind, .subject = subject, .body = body,
		.queue = "helpdesk" };
	struct mado_err e = { 0 };
	int64_t id = 0;

	if (strcmp(kind, "request") == 0) {
		d.request_kind = "user_id";
		d.field_names = names;
		d.field_values = values;
		d.nfields = 5;
	}
	if (ticket_create(db, &op, &d, &id, number, &e) != MADO_OK) {
		printf("Bail out! ticket_create %s: %s\n", subject, e.msg);
		exit(1);
	}
	return id;
}

static void
comment(int64_t id, bool note, const char *body)
{
	struct mado_err e = { 0 };

	if (ticket_comment(db, &op, id, note, body, &e) != MADO_OK) {
		printf("Bail out! comment: %s\n", e.msg);
		exit(1);
	}
}

static void
corpus(void)
{
	exec_sql("INSERT INTO department(code, name) VALUES ('joho', '情報政策課'),"
		" ('shimin', '市民課');"
		"INSERT INTO queue(code, name, department_id) VALUES ('helpdesk', 'ヘルプデスク', 1),"
		" ('madoguchi', '窓口', 2);"
		"INSERT INTO category(code, name, scope, department_id) VALUES"
		" ('PRINT', '印刷', 'any', 1), ('LIFE', '暮らし・手続き', 'kb', 2);"
		"INSERT INTO managed_system(code, name) VALUES ('juki', '住民基本情報システム');");
	add_faq(FAQ_PRINT, "プリンタで印刷できないとき",
		"トナーと用紙を確認し、プリンタの電源を入れ直してください。", "PRINT", true);
	add_faq(FAQ_JUMIN, "住民票の写しの請求",
		"市民課の窓口で申請してください。手数料は1通300円です。", "LIFE", true);
	add_faq(FAQ_FORM, "申請書の書き方", "黒のボールペンで記入してください。", "LIFE", true);
	add_faq(FAQ_OUTAGE, "障害発生時の連絡網",
		"夜間の障害は当番に電話で連絡します。", NULL, false);
	add_faq(FAQ_PASSWORD, "パスワードの変更方法",
		"統合認証のパスワードは設定画面から変更します。", NULL, true);
	add_faq(FAQ_PW, "PWを忘れたとき", "ヘルプデスクで初期化します。", NULL, true);
	add_faq(FAQ_PRINTOUT, "プリントアウトの設定", "両面で出す設定の方法です。", NULL, true);
	add_ticket("incident", "ネットワーク障害", "3階でネットワークに接続できない。", t_network);
	id_slow = add_ticket("inquiry", "印刷が遅い", "共有プリンタで印刷に時間がかかる。", t_slow);
	comment(id_slow, false, "ドライバを更新しました。");
	comment(id_slow, true, "内部メモ: 機種交換の予算は秘匿事項。");
	add_ticket("request", "ユーザID申請", "新規職員のID申請です。", t_userid);
	add_ticket("inquiry", "Outlookでメールが送れない", "送信するとエラー E-102 が出る。", t_mail);
}

/* ---- running searches ---- */

/* The hits of a search as "FAQ-101 INQ-...", or "error: message". */
static char *
hits_of(const struct actor *a, enum search_scope scope, const char *text, int limit)
{
	struct search_request req = { .text = text, .scope = scope, .limit = limit };
	struct search_result res;
	struct mado_err e = { 0 };
	GString *s = g_string_new(NULL);

	if (search_run(db, a, &req, &res, &e) != MADO_OK)
		g_string_append_printf(s, "error %d: %s", e.status, e.msg);
	for (size_t i = 0; i < res.nhits; i++) {
		const struct search_hit *h = &res.hits[i];

		if (i > 0)
			g_string_append_c(s, ' ');
		if (strcmp(h->kind, "kb") == 0)
			g_string_append_printf(s, "FAQ-%lld", (long long)h->faq_no);
		else
			g_string_append(s, h->number);
	}
	if (res.direct)
		g_string_append(s, " (direct)");
	search_result_clear(&res);
	return g_string_free(s, FALSE);
}

static void G_GNUC_PRINTF(5, 6)
hits_are(const struct actor *a, enum search_scope scope, const char *text, const char *want,
	const char *fmt, ...)
{
	char *got = hits_of(a, scope, text, 0), *name;
	va_list ap;

	va_start(ap, fmt);
	name = g_strdup_vprintf(fmt, ap);
	va_end(ap);
	is_str(got, want, "%s [%s]", name, text);
	g_free(name);
	g_free(got);
}

/* Whether the hits of a search contain ref. */
static bool
finds(const struct actor *a, enum search_scope scope, const char *text, const char *ref)
{
	char *got = hits_of(a, scope, text, 0);
	char **words = g_strsplit(got, " ", -1);
	bool found = g_strv_contains((const char *const *)words, ref);

	g_strfreev(words);
	g_free(got);
	return found;
}

static char *
faq(int no)
{
	static char buf[4][16];
	static int i;

	i = (i + 1) % 4;
	snprintf(buf[i], sizeof buf[i], "FAQ-%d", no);
	return buf[i];
}

/* ---- the tests ---- */

static void
test_two_character_words(void)
{
	char want[160];

	/* Title matches rank above body matches; every article and ticket
	 * with the word is found, nothing else. */
	snprintf(want, sizeof want, "%s %s", faq(FAQ_PRINT), t_slow);
	hits_are(&op, SEARCH_ALL, "印刷", want, "印刷: the title matches, article first");
	snprintf(want, sizeof want, "%s %s %s", t_userid, faq(FAQ_FORM), faq(FAQ_JUMIN));
	hits_are(&op, SEARCH_ALL, "申請", want, "申請: two titles, then the body match");
	snprintf(want, sizeof want, "%s %s", faq(FAQ_FORM), faq(FAQ_JUMIN));
	hits_are(&op, SEARCH_KB, "申請", want, "kb search leaves tickets out");
	snprintf(want, sizeof want, "%s %s", faq(FAQ_OUTAGE), t_network);
	hits_are(&op, SEARCH_ALL, "障害", want, "障害: the operator sees the internal article");
	hits_are(&staff, SEARCH_ALL, "障害", t_network, "staff do not see internal articles");
	hits_are(&staff, SEARCH_KB, "障害", "", "nor in a kb search");
	ok(finds(&op, SEARCH_ALL, "印", faq(FAQ_PRINT)), "one kanji finds the article (印)");
	ok(finds(&op, SEARCH_ALL, "outlook", t_mail), "an English word, in any case");
	ok(finds(&op, SEARCH_ALL, "ＯＵＴＬＯＯＫ", t_mail), "typed in full width");
	ok(finds(&op, SEARCH_ALL, "e-102", t_mail), "an error code with a hyphen");
}

static void
test_phrases_exclusions(void)
{
	hits_are(&op, SEARCH_ALL, "\"印刷できない\"", faq(FAQ_PRINT), "a phrase");
	hits_are(&op, SEARCH_ALL, "\"できない印刷\"", "", "the same characters in another order");
	hits_are(&op, SEARCH_ALL, "\"ネットワークに接続\"", t_network, "a phrase in a ticket body");
	hits_are(&op, SEARCH_ALL, "印刷 -トナー", t_slow, "-トナー leaves the article out");
	hits_are(&op, SEARCH_ALL, "印刷 -\"電源を入れ直して\"", t_slow, "an excluded phrase");
	hits_are(&op, SEARCH_ALL, "プリンタ 時間", t_slow, "two words, both required");
}

static void
test_filters(void)
{
	char want[160];

	hits_are(&op, SEARCH_ALL, "kind:incident 障害", t_network, "kind:incident");
	hits_are(&op, SEARCH_ALL, "kind:kb 障害", faq(FAQ_OUTAGE), "kind:kb");
	hits_are(&op, SEARCH_ALL, "kind:request 申請", t_userid, "kind:request");
	snprintf(want, sizeof want, "%s %s", faq(FAQ_FORM), faq(FAQ_JUMIN));
	hits_are(&op, SEARCH_ALL, "category:LIFE 申請", want, "category:");
	snprintf(want, sizeof want, "%s %s", faq(FAQ_PRINT), t_slow);
	hits_are(&op, SEARCH_ALL, "dept:joho 印刷", want,
		"dept: an article by its department, a ticket by its queue's");
	hits_are(&op, SEARCH_ALL, "dept:shimin 印刷", "", "another department");
	hits_are(&op, SEARCH_ALL, "status:new 印刷", t_slow, "status: tickets only");
	hits_are(&op, SEARCH_ALL, "no:101 印刷", faq(FAQ_PRINT), "no: with a word");
	hits_are(&op, SEARCH_ALL, "category:NOPE 印刷",
		"error 65: category: no entry with code 'NOPE'", "unknown category");
	hits_are(&op, SEARCH_KB, "kind:incident 障害",
		"error 65: kind: a knowledge search finds articles only; search everything for incident",
		"kind: in a kb search");
}

static void
test_visibility(void)
{
	struct search_request req = { .text = "印刷", .scope = SEARCH_ALL };
	struct search_result res;
	struct mado_err e = { 0 };

	hits_are(&op, SEARCH_ALL, "秘匿", t_slow, "the operator finds a word of a note");
	hits_are(&staff, SEARCH_ALL, "秘匿", "", "staff do not");
	ok(finds(&staff, SEARCH_ALL, "印刷 -秘匿", t_slow),
		"nor can staff probe notes with an exclusion");
	hits_are(&op, SEARCH_ALL, "印刷 -秘匿", faq(FAQ_PRINT), "the operator's exclusion reads notes");
	hits_are(&staff, SEARCH_ALL, "ドライバ", t_slow, "staff find replies");
	is_int(search_run(db, &staff, &req, &res, &e), MADO_OK, "staff search");
	for (size_t i = 0; i < res.nhits; i++)
		if (strcmp(res.hits[i].number, t_slow) == 0)
			ok(strstr(res.hits[i].excerpt, "秘匿") == NULL &&
			   strstr(res.hits[i].excerpt, "内部メモ") == NULL,
			   "a staff excerpt shows no note: %s", res.hits[i].excerpt);
	search_result_clear(&res);
	req.text = "秘匿";
	is_int(search_run(db, &op, &req, &res, &e), MADO_OK, "operator search of a note word");
	ok(res.nhits == 1 && strstr(res.hits[0].excerpt, "«秘匿»") != NULL,
		"the operator's excerpt shows the note with the match marked: %s",
		res.nhits ? res.hits[0].excerpt : "");
	search_result_clear(&res);
}

static void
test_marks_and_more(void)
{
	struct search_request req = { .text = "印刷", .scope = SEARCH_ALL, .limit = 1 };
	struct search_result res;
	struct mado_err e = { 0 };

	is_int(search_run(db, &op, &req, &res, &e), MADO_OK, "limit 1");
	is_int(res.nhits, 1, "one hit");
	ok(res.more, "more: another match was left out");
	is_str(res.hits[0].title, "プリンタで«印刷»できないとき", "the title marks the match");
	ok(strchr(res.hits[0].excerpt, '\n') == NULL, "the excerpt is one line");
	search_result_clear(&res);
	req.text = "印刷 トナー";
	req.limit = 0;
	is_int(search_run(db, &op, &req, &res, &e), MADO_OK, "two words");
	ok(res.nhits == 1 && !res.more, "all shown: no more");
	ok(res.nhits == 1 && strstr(res.hits[0].excerpt, "«トナー»") != NULL,
		"the excerpt marks the body's match: %s", res.nhits ? res.hits[0].excerpt : "");
	search_result_clear(&res);
}

static void
test_direct(void)
{
	char want[160];

	snprintf(want, sizeof want, "%s (direct)", faq(FAQ_PRINT));
	hits_are(&staff, SEARCH_KB, "101", want, "a bare number opens the FAQ");
	hits_are(&staff, SEARCH_ALL, "FAQ-101", want, "FAQ-101 too");
	hits_are(&staff, SEARCH_ALL, "no:101", want, "no:101 alone too");
	snprintf(want, sizeof want, "%s (direct)", t_network);
	hits_are(&staff, SEARCH_ALL, t_network, want, "a ticket number opens the ticket");
	hits_are(&staff, SEARCH_ALL, "no:104", "error 66: FAQ 104: no such article",
		"staff cannot open an internal article by number");
	hits_are(&op, SEARCH_ALL, "no:104", "FAQ-104 (direct)", "the operator can");
	hits_are(&op, SEARCH_ALL, "no:999", "error 66: FAQ 999: no such article", "no such FAQ");
	hits_are(&op, SEARCH_ALL, "300", faq(FAQ_JUMIN),
		"a number that is no FAQ is searched for as text");
	hits_are(&op, SEARCH_KB, t_network, "", "a ticket number in a kb search is text");
}

static void
test_synonyms(void)
{
	const char *pw[] = { "PW", "パスワ" };
	const char *print[] = { "プリント" };
	char want[160];
	int64_t group = 0;
	struct mado_err e = { 0 };

	hits_are(&op, SEARCH_KB, "パスワード", faq(FAQ_PASSWORD), "before synonyms");
	is_int(synonym_add(db, &op, "パスワード", pw, 2, &group, &e), MADO_EPERM,
		"an operator may not edit synonyms");
	is_int(synonym_add(db, &adm, "パスワード", pw, 2, &group, &e), MADO_OK, "admin adds a group");
	is_int(synonym_add(db, &adm, "印刷", print, 1, &group, &e), MADO_OK, "and another");
	snprintf(want, sizeof want, "%s %s", faq(FAQ_PASSWORD), faq(FAQ_PW));
	hits_are(&op, SEARCH_KB, "パスワード", want, "パスワード also finds PW");
	hits_are(&op, SEARCH_KB, "pw", want, "pw finds パスワード (case folded)");
	hits_are(&op, SEARCH_KB, "\"パスワード\"", faq(FAQ_PASSWORD), "a phrase is not widened");
	ok(finds(&op, SEARCH_KB, "印刷", faq(FAQ_PRINTOUT)), "印刷 finds プリント");
	hits_are(&op, SEARCH_KB, "印刷 -プリント", "", "an exclusion is widened too");
	is_int(synonym_remove(db, &adm, (const char *const[]){ "プリント" }, 1, &e), MADO_OK,
		"remove a term");
	ok(!finds(&op, SEARCH_KB, "印刷", faq(FAQ_PRINTOUT)), "印刷 no longer finds プリント");
	is_int(testdb_int(db_handle(db), "SELECT count(*) FROM synonym WHERE norm = '印刷'"), 0,
		"the pair's other term went with it");
	is_int(testdb_int(db_handle(db),
		"SELECT count(*) FROM audit WHERE entity = 'synonym'"), 7,
		"every term added and removed is audited");
}

static void
test_errors(void)
{
	char want[160];

	hits_are(&op, SEARCH_ALL, "",
		"error 65: nothing to search for: type a word, a \"phrase\" or a FAQ number"
		" (-word only leaves out)", "an empty query");
	hits_are(&op, SEARCH_ALL, "-印刷",
		"error 65: nothing to search for: type a word, a \"phrase\" or a FAQ number"
		" (-word only leaves out)", "exclusions only");
	hits_are(&op, SEARCH_ALL, "!!! ☆",
		"error 65: nothing to search for: type a word, a \"phrase\" or a FAQ number"
		" (-word only leaves out)", "only punctuation");
	snprintf(want, sizeof want, "%s %s", faq(FAQ_PRINT), t_slow);
	hits_are(&op, SEARCH_ALL, "印刷 !!!", want, "punctuation beside a word is left out");
}

/* The index compared with the records: MADO_OK when they match. */
static int
integrity(void)
{
	struct mado_err e = { 0 };

	return search_upkeep(db, &adm, SEARCH_CHECK, &e);
}

static void
test_triggers(void)
{
	const char *fields[] = { "subject" }, *values[] = { "複合機の紙詰まり" };
	struct mado_err e = { 0 };
	char number[TICKET_NUMBER_MAX];
	int64_t id;

	is_int(integrity(), MADO_OK, "the index matches the corpus");
	is_int(ticket_update(db, &op, id_slow, fields, values, 1, &e), MADO_OK, "rename a ticket");
	hits_are(&op, SEARCH_ALL, "紙詰まり", t_slow, "the new subject is found");
	ok(!finds(&op, SEARCH_ALL, "遅い", t_slow), "the old one is not");
	ok(finds(&op, SEARCH_ALL, "ドライバ", t_slow), "its replies still are");
	comment(id_slow, false, "トレイを交換しました。");
	hits_are(&op, SEARCH_ALL, "トレイ", t_slow, "a new reply is found");
	comment(id_slow, true, "部品番号は秘密です。");
	hits_are(&op, SEARCH_ALL, "部品番号", t_slow, "a new note, by the operator");
	hits_are(&staff, SEARCH_ALL, "部品番号", "", "not by staff");
	id = add_ticket("incident", "庁舎停電", "本庁舎で停電が発生。", number);
	hits_are(&op, SEARCH_ALL, "停電", number, "a new ticket is found at once");
	exec_sql("UPDATE comment SET body = '差し替えた返信' WHERE body = 'トレイを交換しました。'");
	ok(!finds(&op, SEARCH_ALL, "トレイ", t_slow) && finds(&op, SEARCH_ALL, "差し替え", t_slow),
		"an edited comment is indexed as edited");
	exec_sql("DELETE FROM comment WHERE body = '差し替えた返信'");
	ok(!finds(&op, SEARCH_ALL, "差し替え", t_slow), "a deleted comment is gone");
	exec_sql("UPDATE kb_article SET title = '両面印刷の設定' WHERE faq_no = 107");
	ok(finds(&op, SEARCH_KB, "両面印刷", faq(FAQ_PRINTOUT)), "an edited article title");
	exec_sql("UPDATE kb_article SET public = 0 WHERE faq_no = 107");
	ok(!finds(&staff, SEARCH_KB, "両面印刷", faq(FAQ_PRINTOUT)),
		"an article made internal is hidden from staff");
	is_int(integrity(), MADO_OK, "the index still matches after the changes");
	{
		char sql[128];

		snprintf(sql, sizeof sql, "DELETE FROM ticket WHERE id = %lld", (long long)id);
		exec_sql("PRAGMA foreign_keys = OFF");   /* the outbox keeps a reference */
		exec_sql(sql);
		exec_sql("PRAGMA foreign_keys = ON");
	}
	hits_are(&op, SEARCH_ALL, "停電", "", "a deleted ticket is gone");
	exec_sql("DELETE FROM kb_version WHERE article_id = (SELECT id FROM kb_article"
		" WHERE faq_no = 107); DELETE FROM kb_article WHERE faq_no = 107");
	ok(!finds(&op, SEARCH_KB, "両面印刷", faq(FAQ_PRINTOUT)), "a deleted article is gone");
	is_int(integrity(), MADO_OK, "and the index matches after deletes");
	is_int(testdb_int(db_handle(db), "SELECT count(*) FROM search_doc"),
		testdb_int(db_handle(db), "SELECT (SELECT count(*) FROM ticket)"
			" + (SELECT count(*) FROM kb_article)"), "one document per ticket and article");
}

/* A change made behind the triggers' back is found, and mended. */
static void
test_upkeep(void)
{
	struct mado_err e = { 0 };

	is_int(search_upkeep(db, &op, SEARCH_OPTIMIZE, &e), MADO_EPERM, "upkeep needs admin");
	is_int(search_upkeep(db, &adm, SEARCH_OPTIMIZE, &e), MADO_OK, "optimize (%s)", e.msg);
	is_int(testdb_int(db_handle(db), "SELECT count(DISTINCT id >> 37) FROM search_fts_data"
		" WHERE id >= 137438953472"), 1, "the index is one segment");
	ok(finds(&op, SEARCH_ALL, "紙詰まり", t_slow), "and still finds what it found");
	exec_sql("DROP TRIGGER search_comment_bu; DROP TRIGGER search_comment_au;"
		" UPDATE comment SET body = '索引にない語' WHERE body = 'ドライバを更新しました。'");
	is_int(integrity(), MADO_EDATA, "check finds an index that differs from the records");
	is_int(search_upkeep(db, &adm, SEARCH_REBUILD, &e), MADO_OK, "rebuild");
	is_int(integrity(), MADO_OK, "then they match");
	hits_are(&op, SEARCH_ALL, "索引にない語", t_slow, "and the change is found");
}

static void
test_ranking(void)
{
	int64_t year = 365 * 86400;

	ok(search_score(1.0, false, 0, 0, 0, 0) > search_score(1.0, false, year, 0, 0, 0),
		"newer ranks higher");
	ok(search_score(1.0, true, year, 500, 50, 0) > search_score(1.0, true, year, 0, 0, 0),
		"a much-read helpful article ranks higher");
	ok(search_score(1.0, true, year, 500, 50, 0) > search_score(1.0, true, year, 500, 0, 50),
		"helpful beats not helpful");
	ok(search_score(2.0, true, 10 * year, 0, 0, 0) > search_score(1.0, true, 0, 100000, 1000, 0),
		"twice the relevance outweighs freshness and use");
}

/* A database made at the schema before search, with data, then opened:
 * the migration indexes what was there. */
static void
test_migration(void)
{
	char path[320];
	struct db *old;
	struct mado_err e = { 0 };
	struct search_request req = { .text = "紙詰まり", .scope = SEARCH_ALL };
	struct search_result res;
	sqlite3 *h;
	int search_step = -1;

	for (int i = 0; i < db_schema_latest() && search_step < 0; i++)
		if (strstr(schema_step(i), "CREATE TABLE search_doc") != NULL)
			search_step = i;
	snprintf(path, sizeof path, "%s/old.db", testdb_dir);
	sqlite3_open(path, &h);
	for (int i = 0; i < search_step; i++)
		sqlite3_exec(h, schema_step(i), NULL, NULL, NULL);
	sqlite3_exec(h,
		"INSERT INTO ticket(kind, number, subject, body, status, created_at, updated_at)"
		" VALUES ('inquiry', 'INQ-2020-000001', 'コピー機', '紙詰まりが頻発', 'new', 1, 1);"
		"INSERT INTO comment(ticket_id, kind, body, created_at)"
		" VALUES (1, 'note', '保守契約を確認', 2);"
		"INSERT INTO kb_article(faq_no, title, answer, public, created_at, updated_at)"
		" VALUES (5, '紙詰まりの直し方', 'トレイを開けます', 1, 1, 1);", NULL, NULL, NULL);
	{
		char pragma[64];

		snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d", search_step);
		sqlite3_exec(h, pragma, NULL, NULL, NULL);
	}
	sqlite3_close(h);
	is_int(db_open(path, 0, &old, &e), MADO_OK, "an older database opens (%s)", e.msg);
	if (old == NULL)
		return;
	is_int(search_run(old, &op, &req, &res, &e), MADO_OK, "and can be searched");
	is_int(res.nhits, 2, "the migration indexed its ticket and article");
	search_result_clear(&res);
	req.text = "保守契約";
	search_run(old, &op, &req, &res, &e);
	is_int(res.nhits, 1, "and the ticket's notes");
	search_result_clear(&res);
	db_close(old);
	for (int i = 0; i < 3; i++) {
		char p[340];

		snprintf(p, sizeof p, "%s%s", path, (const char *[]){ "", "-wal", "-shm" }[i]);
		unlink(p);
	}
}

int
main(void)
{
	db = testdb_open();
	testdb_actor(db, "k.staff", "staff", &staff);
	testdb_actor(db, "o.op", "operator", &op);
	testdb_actor(db, "a.adm", "admin", &adm);
	corpus();
	test_two_character_words();
	test_phrases_exclusions();
	test_filters();
	test_visibility();
	test_marks_and_more();
	test_direct();
	test_synonyms();
	test_errors();
	test_triggers();
	test_upkeep();   /* drops triggers: after every test that needs them */
	test_ranking();
	test_migration();
	db_close(db);
	return tap_done();
}
