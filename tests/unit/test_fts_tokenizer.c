/* The FTS5 tokenizer "mado": tokens of mixed scripts, normalisation,
 * offsets into the original text, kana folding, bad input, long runs;
 * then real FTS5 tables in a test database. */
#include "tests/testdb.h"

#include <glib.h>

#include "db/fts_tokenizer.h"

int main(void);

#define DOC FTS5_TOKENIZE_DOCUMENT
#define QUERY FTS5_TOKENIZE_QUERY

/* Tokens joined by spaces, colocated ones marked with '+'; with offsets,
 * each followed by @start-end. */
struct collect {
	GString *out;
	int offsets;
	int n, colocated, maxlen, bad;   /* bad: offsets outside or not UTF-8 */
	int len;                         /* of the input */
	int stop_after;                  /* return SQLITE_ABORT after this many */
};

static int
collect_cb(void *ctx, int tflags, const char *tok, int ntok, int start, int end)
{
	struct collect *c = ctx;

	if (c->out != NULL) {
		if (c->out->len > 0)
			g_string_append_c(c->out, ' ');
		if (tflags & FTS5_TOKEN_COLOCATED)
			g_string_append_c(c->out, '+');
		g_string_append_len(c->out, tok, ntok);
		if (c->offsets)
			g_string_append_printf(c->out, "@%d-%d", start, end);
	}
	c->n++;
	if (tflags & FTS5_TOKEN_COLOCATED)
		c->colocated++;
	if (ntok > c->maxlen)
		c->maxlen = ntok;
	if (start < 0 || end > c->len || start >= end || ntok <= 0 ||
	    !g_utf8_validate(tok, ntok, NULL))
		c->bad++;
	if (c->stop_after > 0 && c->n >= c->stop_after)
		return SQLITE_ABORT;
	return SQLITE_OK;
}

/* The tokens of s (len bytes, or strlen when -1); newly allocated. */
static char *
tokens_len(const char *s, int len, int flags, unsigned opts, int offsets)
{
	struct collect c = { .out = g_string_new(""), .offsets = offsets };

	c.len = len < 0 ? (int)strlen(s) : len;
	db_fts_tokenize(s, c.len, flags, opts, collect_cb, &c);
	if (c.bad > 0)
		g_string_append(c.out, " BAD-TOKEN");
	return g_string_free(c.out, FALSE);
}

/* Text, FTS5 reason, options, the tokens wanted, the test's name. */
struct tok_case {
	const char *text;
	int flags;
	unsigned opts;
	const char *want, *name;
};

static const struct tok_case tok_cases[] = {
	/* Latin words */
	{ "Outlook", QUERY, 0, "outlook", "a Latin word is one token, folded" },
	{ "OUTLOOK Express", QUERY, 0, "outlook express", "space separates words" },
	{ "E-102", QUERY, 0, "e 102", "'-' separates (E-102)" },
	{ "Win10 user_id v1.2", QUERY, 0, "win10 user id v1 2",
		"letters and digits join; '_' and '.' separate" },
	{ "mado@example.jp", QUERY, 0, "mado example jp", "a mail address is its parts" },
	{ "Straße ÉCOLE", QUERY, 0, "strasse école", "Unicode case folding" },
	{ "e\xcc\x81" "cole", QUERY, 0, "école", "a decomposed é is the composed one" },
	{ "Ⅻ ﬁle", QUERY, 0, "xii file", "compatibility letters (Ⅻ, ﬁ)" },
	/* CJK bigrams */
	{ "印刷できない", QUERY, 0, "印刷 刷で でき きな ない", "query: overlapping bigrams" },
	{ "印刷できない", DOC, 0, "印刷 +印 刷で +刷 でき +で きな +き ない +な +い",
		"document: bigrams with colocated unigrams" },
	{ "印", QUERY, 0, "印", "a single character is itself (query)" },
	{ "印", DOC, 0, "印", "a single character is itself (document)" },
	{ "印 刷", DOC, 0, "印 刷", "two runs of one character" },
	{ "Outlookでメールが送れない", QUERY, 0, "outlook でメ メー ール ルが が送 送れ れな ない",
		"mixed scripts" },
	{ "メール送信エラー", QUERY, 0, "メー ール ル送 送信 信エ エラ ラー",
		"katakana with ー, then kanji" },
	{ "々〆〇", QUERY, 0, "々〆 〆〇", "々 〆 〇 are CJK" },
	{ "한국어", QUERY, 0, "한국 국어", "Hangul" },
	{ "障害、申請。", QUERY, 0, "障害 申請", "Japanese punctuation separates" },
	{ "「印刷」（至急）", QUERY, 0, "印刷 至急", "brackets, full-width parentheses" },
	{ "ＰＣ故障", QUERY, 0, "pc 故障", "Latin then CJK: no cross bigram" },
	/* normalisation */
	{ "ＡＢＣ１２３", QUERY, 0, "abc123", "full-width letters and digits" },
	{ "０３－１２３４", QUERY, 0, "03 1234", "full-width hyphen separates" },
	{ "ｶﾅ", QUERY, 0, "カナ", "half-width katakana" },
	{ "ﾃﾞｽｸﾄｯﾌﾟ", QUERY, 0, "デス スク クト トッ ップ",
		"half-width voiced marks compose (ﾃﾞ → デ)" },
	{ "ｶﾀｶﾅｰ", QUERY, 0, "カタ タカ カナ ナー", "half-width ｰ is ー" },
	{ "か\xe3\x82\x99", QUERY, 0, "が", "か + combining voiced mark is が" },
	{ "①②", QUERY, 0, "12", "circled digits" },
	{ "㈱山田", QUERY, 0, "株 山田", "㈱ → (株)" },
	{ "㍻", QUERY, 0, "平成", "㍻ → 平成 (one source character, two CJK)" },
	{ "⼀", QUERY, 0, "一", "Kangxi radical → ideograph" },
	{ "ᏽ Ᏽ", QUERY, 0, "ᏽ ᏽ",
		"Cherokee folds to one case (GLib's casefold alone does not)" },
	{ "ß\xcc\x81", QUERY, 0, "sś", "NFKC again after folding: ß + acute → sś" },
	{ "ㄱㅡ", QUERY, 0, "\xe1\x84\x80\xe1\x85\xb3",
		"compatibility jamo: a bigram of two jamo" },
	/* kana folding */
	{ "パスワード", QUERY, DB_FTS_KANA, "ぱす すわ わー ーど",
		"kana: katakana folded, ー kept" },
	{ "ﾊﾟｽﾜｰﾄﾞ", QUERY, DB_FTS_KANA, "ぱす すわ わー ーど", "kana: half-width too" },
	{ "パスワード", QUERY, 0, "パス スワ ワー ード", "no kana: katakana kept" },
	{ "ぱすわーど", QUERY, DB_FTS_KANA, "ぱす すわ わー ーど", "kana: hiragana unchanged" },
	{ "ヽヴ", QUERY, DB_FTS_KANA, "ゝゔ", "kana: ヽ → ゝ, ヴ → ゔ" },
	{ "ヷ", QUERY, DB_FTS_KANA, "ヷ", "kana: ヷ has no hiragana, kept" },
	{ "パス", DOC, DB_FTS_KANA, "ぱす +ぱ +す", "kana: unigrams folded too" },
	/* what is not indexed, bad bytes */
	{ "", QUERY, 0, "", "empty input: no tokens" },
	{ "  、。！？", QUERY, 0, "", "only punctuation: no tokens" },
	{ "印刷😀できない", QUERY, 0, "印刷 でき きな ない", "an emoji separates" },
	{ "👍🏻OK❤️ok", QUERY, 0, "ok ok", "emoji with modifiers and selectors skipped" },
	{ "👨‍👩‍👧", QUERY, 0, "", "an emoji sequence: nothing" },
	{ "→★※〒", QUERY, 0, "", "symbols: nothing" },
	{ "ab\xff" "cd", QUERY, 0, "ab cd", "a bad byte separates" },
	{ "印\x80刷", QUERY, 0, "印 刷", "a stray continuation byte separates" },
	{ "\xe5\x8d", QUERY, 0, "", "a cut character: nothing" },
	{ "\xc0\xaf" "a\xed\xa0\x80" "b\xf4\x90\x80\x80", QUERY, 0, "a b",
		"overlong, surrogate, beyond U+10FFFF: skipped" },
	{ "\xcc\x81\xcc\x81" "a", QUERY, 0, "a", "marks with no base: dropped" },
};

static void
test_cases(void)
{
	for (size_t i = 0; i < G_N_ELEMENTS(tok_cases); i++) {
		const struct tok_case *tc = &tok_cases[i];
		char *got = tokens_len(tc->text, -1, tc->flags, tc->opts, 0);

		is_str(got, tc->want, "%s", tc->name);
		g_free(got);
	}
}

static void
test_edges(void)
{
	char *got = tokens_len("ab\0cd", 5, QUERY, 0, 0);

	is_str(got, "ab cd", "an embedded NUL separates");
	g_free(got);

	struct collect c = { 0 };

	is_int(db_fts_tokenize(NULL, 0, QUERY, 0, collect_cb, &c), SQLITE_OK, "NULL text: OK");
	is_int(c.n, 0, "  ... and no tokens");
}

static void
test_offsets(void)
{
	const char *s = "Ｗｉｎ10で印刷";
	char *got = tokens_len(s, -1, DOC, 0, 1);

	/* Ｗｉｎ is 9 bytes, 10 two, each kana and kanji 3. */
	is_str(got, "win10@0-11 で印@11-17 +で@11-14 印刷@14-20 +印@14-17 +刷@17-20",
		"offsets are bytes of the original text");
	g_free(got);
	got = tokens_len("ﾃﾞｽｸ ㈱", -1, QUERY, 0, 1);
	is_str(got, "デス@0-9 スク@6-12 株@13-16", "a composed kana spans both source characters");
	g_free(got);
	got = tokens_len("a\xff" "b", -1, QUERY, 0, 1);
	is_str(got, "a@0-1 b@2-3", "offsets skip the bad byte");
	g_free(got);
}

static void
test_long(void)
{
	int n = 1 << 20;
	char *s = g_malloc(n);
	struct collect c = { 0 };
	GString *cjk = g_string_new("");
	gint64 t0;

	memset(s, 'a', n);
	c.len = n;
	db_fts_tokenize(s, n, DOC, 0, collect_cb, &c);
	is_int(c.n, (n + DB_FTS_TOKEN_MAX - 1) / DB_FTS_TOKEN_MAX,
		"a 1 MiB word is cut into %d-byte pieces", DB_FTS_TOKEN_MAX);
	is_int(c.maxlen, DB_FTS_TOKEN_MAX, "  ... none longer");
	is_int(c.bad, 0, "  ... offsets inside the input");
	g_free(s);

	for (int i = 0; i < 100000; i++)
		g_string_append(cjk, i % 2 ? "漢" : "字");
	memset(&c, 0, sizeof c);
	c.len = (int)cjk->len;
	t0 = g_get_monotonic_time();
	db_fts_tokenize(cjk->str, (int)cjk->len, DOC, 0, collect_cb, &c);
	is_int(c.n, 99999 + 100000, "a run of 100000 kanji: 99999 bigrams and 100000 unigrams");
	is_int(c.colocated, 100000, "  ... the unigrams colocated");
	is_int(c.maxlen, 6, "  ... the longest token is a bigram");
	/* Linear: quadratic work would take minutes here, even under ASan. */
	ok(g_get_monotonic_time() - t0 < 10 * G_USEC_PER_SEC, "  ... in linear time");
	g_string_free(cjk, TRUE);

	GString *zalgo = g_string_new("a");

	for (int i = 0; i < 5000; i++)
		g_string_append(zalgo, "\xcc\x81");
	g_string_append(zalgo, "b");
	memset(&c, 0, sizeof c);
	c.len = (int)zalgo->len;
	db_fts_tokenize(zalgo->str, (int)zalgo->len, QUERY, 0, collect_cb, &c);
	ok(c.n >= 1 && c.maxlen <= DB_FTS_TOKEN_MAX && c.bad == 0,
		"5000 combining marks: short valid tokens");
	g_string_free(zalgo, TRUE);
}

static void
test_stop(void)
{
	struct collect c = { .stop_after = 2 };
	const char *s = "one two three four";

	c.len = (int)strlen(s);
	is_int(db_fts_tokenize(s, c.len, QUERY, 0, collect_cb, &c), SQLITE_ABORT,
		"the callback's error is returned");
	is_int(c.n, 2, "  ... and tokenizing stops");
}

/* End to end: FTS5 tables on a connection from db_open(). */
static sqlite3 *h;

static void
exec_sql(const char *sql)
{
	char *msg = NULL;

	if (sqlite3_exec(h, sql, NULL, NULL, &msg) != SQLITE_OK) {
		printf("Bail out! %s: %s\n", sql, msg ? msg : "?");
		exit(1);
	}
}

/* The three test tables and their fixed statements. */
static const struct {
	const char *name, *select, *insert;
} tables[] = {
	{ "t", "SELECT rowid FROM t WHERE t MATCH ?1 ORDER BY rowid",
	  "INSERT INTO t(rowid, x) VALUES (?1, ?2)" },
	{ "k", "SELECT rowid FROM k WHERE k MATCH ?1 ORDER BY rowid",
	  "INSERT INTO k(rowid, x) VALUES (?1, ?2)" },
	{ "tri", "SELECT rowid FROM tri WHERE tri MATCH ?1 ORDER BY rowid",
	  "INSERT INTO tri(rowid, x) VALUES (?1, ?2)" },
};

static int
table_index(const char *name)
{
	for (size_t i = 0; i < G_N_ELEMENTS(tables); i++)
		if (strcmp(tables[i].name, name) == 0)
			return (int)i;
	printf("Bail out! no test table %s\n", name);
	exit(1);
}

/* The rowids matching q in table, in order, as "1 4"; "error" on failure. */
static char *
match(const char *table, const char *q)
{
	GString *out = g_string_new("");
	const char *sql = tables[table_index(table)].select;
	sqlite3_stmt *st;
	int rc;

	if (sqlite3_prepare_v2(h, sql, -1, &st, NULL) != SQLITE_OK) {
		g_string_free(out, TRUE);
		return g_strdup("error");
	}
	sqlite3_bind_text(st, 1, q, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		g_string_append_printf(out, "%s%lld", out->len ? " " : "",
			(long long)sqlite3_column_int64(st, 0));
	if (rc != SQLITE_DONE)
		g_string_assign(out, "error");
	sqlite3_finalize(st);
	return g_string_free(out, FALSE);
}

static void
match_is(const char *table, const char *q, const char *want, const char *name)
{
	char *got = match(table, q);

	is_str(got, want, "%s: %s", table, name);
	g_free(got);
}

static const char *const docs[] = {
	"プリンターで印刷できない。至急対応をお願いします。",
	"ネットワーク障害が発生しました。メールが送れない。",
	"休暇の申請方法を教えてください",
	"Outlookでメールが送れない場合の対処",
	"ＰＣの電源が入らない（ﾃﾞｽｸﾄｯﾌﾟ）",
	"印鑑の登録について",
	"印刷 できない",
};

static void
insert_docs(const char *table)
{
	const char *sql = tables[table_index(table)].insert;
	sqlite3_stmt *st;

	if (sqlite3_prepare_v2(h, sql, -1, &st, NULL) != SQLITE_OK) {
		printf("Bail out! %s\n", sqlite3_errmsg(h));
		exit(1);
	}
	for (size_t i = 0; i < G_N_ELEMENTS(docs); i++) {
		sqlite3_bind_int64(st, 1, (sqlite3_int64)i + 1);
		sqlite3_bind_text(st, 2, docs[i], -1, SQLITE_STATIC);
		if (sqlite3_step(st) != SQLITE_DONE) {
			printf("Bail out! insert: %s\n", sqlite3_errmsg(h));
			exit(1);
		}
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
}

static void
highlight_is(const char *q, sqlite3_int64 rowid, const char *want, const char *name)
{
	sqlite3_stmt *st;
	char *got = NULL;

	if (sqlite3_prepare_v2(h, "SELECT highlight(t, 0, '[', ']') FROM t"
	    " WHERE t MATCH ?1 AND rowid = ?2", -1, &st, NULL) == SQLITE_OK) {
		sqlite3_bind_text(st, 1, q, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 2, rowid);
		if (sqlite3_step(st) == SQLITE_ROW)
			got = g_strdup((const char *)sqlite3_column_text(st, 0));
		sqlite3_finalize(st);
	}
	is_str(got, want, "highlight: %s", name);
	g_free(got);
}

static void
test_fts5(void)
{
	struct db *db = testdb_open();
	struct mado_err e = { 0 };
	struct db *again;

	h = db_handle(db);
	exec_sql("CREATE VIRTUAL TABLE t USING fts5(x, tokenize='mado')");
	exec_sql("CREATE VIRTUAL TABLE k USING fts5(x, tokenize='mado kana')");
	exec_sql("CREATE VIRTUAL TABLE tri USING fts5(x, tokenize='trigram')");
	insert_docs("t");
	insert_docs("k");
	insert_docs("tri");

	match_is("t", "印刷", "1 7", "two-character word 印刷");
	match_is("t", "障害", "2", "two-character word 障害");
	match_is("t", "申請", "3", "two-character word 申請");
	match_is("tri", "印刷", "", "the trigram tokenizer cannot find 印刷");
	match_is("tri", "障害", "", "... nor 障害");
	match_is("t", "\"印刷できない\"", "1", "phrase: adjacent bigrams only");
	match_is("t", "印刷 できない", "1 7", "two words ANDed");
	match_is("t", "\"メールが送れない\"", "2 4", "phrase across kana and kanji");
	match_is("t", "\"印刷ない\"", "", "non-adjacent bigrams do not match a phrase");
	match_is("t", "印", "1 6 7", "a single character (start of a run)");
	match_is("t", "す", "1", "a single character at the end of a run");
	match_is("t", "法", "3", "a single character inside a run");
	match_is("t", "\"印\"*", "1 6 7", "a single character as a prefix");
	match_is("t", "pc", "5", "pc finds full-width ＰＣ");
	match_is("t", "ＰＣ", "5", "full-width ＰＣ finds it too");
	match_is("t", "デスクトップ", "5", "full-width katakana finds half-width ﾃﾞｽｸﾄｯﾌﾟ");
	match_is("t", "ﾌﾟﾘﾝﾀｰ", "1", "half-width katakana finds full-width プリンター");
	match_is("t", "OUTLOOK", "4", "case folded");
	match_is("t", "\"out\"*", "4", "a Latin prefix");
	match_is("t", "ぷりんたー", "", "no kana folding: hiragana does not find katakana");
	match_is("k", "ぷりんたー", "1", "kana: hiragana finds katakana");
	match_is("k", "ﾈｯﾄﾜｰｸ", "2", "kana: half-width finds full-width");
	match_is("k", "印刷", "1 7", "kana: kanji unchanged");

	highlight_is("障害", 2, "ネットワーク[障害]が発生しました。メールが送れない。",
		"a bigram marks its two characters");
	highlight_is("pc", 5, "[ＰＣ]の電源が入らない（ﾃﾞｽｸﾄｯﾌﾟ）",
		"offsets point at the full-width original");
	highlight_is("デスクトップ", 5, "ＰＣの電源が入らない（[ﾃﾞｽｸﾄｯﾌﾟ]）",
		"offsets point at the half-width original");

	exec_sql("INSERT INTO t(rowid, x) VALUES (101, '窓口の受付時間')");
	match_is("t", "窓口", "101", "a row added later is found");

	/* Every connection of ours has the tokenizer. */
	if (db_open(testdb_path, 0, &again, &e) != MADO_OK) {
		printf("Bail out! %s\n", e.msg);
		exit(1);
	}
	h = db_handle(again);
	match_is("t", "受付", "101", "a second connection reads the index");
	db_close(again);
	db_close(db);
}

int
main(void)
{
	test_cases();
	test_edges();
	test_offsets();
	test_long();
	test_stop();
	test_fts5();
	return tap_done();
}
