/* Writing rules for call logs (core/writing_rules.h): the shipped set on
 * Japanese texts (each kind of rule, where a finding is, what it
 * suggests, the NFKC cases: half-width katakana, full-width letters and
 * digits, circled numbers), bad rules files refused with file, rule and
 * key, and the site's file chosen through the system configuration
 * (core/config_rules.h). */
#include "tests/tap.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <stdbool.h>
#include <stdlib.h>

#include "base/env.h"
#include "core/config_rules.h"
#include "core/writing_rules.h"

int main(void);

/* The findings of text for field, for one rule. */
static GArray *
findings(const struct writing_rules *r, const char *field, const char *text,
	const char *rule, const char *lang)
{
	GArray *all = writing_rules_check(r, field, text, lang);
	GArray *one = g_array_new(FALSE, TRUE, sizeof(struct wr_finding));

	for (guint i = 0; i < all->len; i++) {
		struct wr_finding *f = &g_array_index(all, struct wr_finding, i);

		if (strcmp(f->rule, rule) != 0)
			continue;
		g_array_append_val(one, *f);
		/* The copy owns the strings now. */
		f->match = f->suggestion = NULL;
	}
	g_array_unref(all);
	return one;
}

static void
free_findings(GArray *a)
{
	for (guint i = 0; i < a->len; i++) {
		g_free(g_array_index(a, struct wr_finding, i).match);
		g_free(g_array_index(a, struct wr_finding, i).suggestion);
	}
	g_array_unref(a);
}

static const struct wr_finding *
nth(const GArray *a, guint i)
{
	return &g_array_index(a, struct wr_finding, i);
}

/* How many findings rule has on text. */
static int
count(const struct writing_rules *r, const char *field, const char *text, const char *rule)
{
	GArray *a = findings(r, field, text, rule, "ja");
	int n = (int)a->len;

	free_findings(a);
	return n;
}

static void
test_hints(const struct writing_rules *r)
{
	GArray *a;

	ok(count(r, "inquiry_text", "住民票の写しを郵送で請求したい", "when") == 1,
		"when: a text without a date gets the hint");
	ok(count(r, "inquiry_text", "昨日の午後に窓口で聞いた件", "when") == 0,
		"when: 昨日の午後 follows it");
	ok(count(r, "inquiry_text", "１２月３日に届いた通知について", "when") == 0,
		"when: full-width １２月３日 is a date too (NFKC)");
	ok(count(r, "inquiry_text", "", "when") == 1, "when: shown before anything is written");
	ok(count(r, "inquiry_text", "ＪＲの駅前の駐輪場", "where") == 0, "where: 駅 is a place");
	ok(count(r, "inquiry_text", "保険料の支払い", "where") == 1, "where: no place, the hint");
	ok(count(r, "inquiry_text", "ｾﾝﾀｰの予約について", "where") == 0,
		"where: half-width ｾﾝﾀｰ is センター to a required word (NFKC)");
	ok(count(r, "inquiry_text", "山田様から、母の介護保険について", "who") == 0,
		"who: 様 names who asked");
	ok(count(r, "response_text", "制度を案内した", "how") == 1,
		"how: a hint with no matcher is always shown");
	ok(count(r, "inquiry_text", "制度を案内した", "how") == 0,
		"how: only for its own field");
	a = findings(r, "inquiry_text", "保険料の支払い", "when", "ja");
	ok(a->len == 1 && nth(a, 0)->kind == WR_HINT && nth(a, 0)->offset == -1 &&
	    nth(a, 0)->position == 0 && nth(a, 0)->match == NULL,
		"a hint says no place in the text");
	is_str(a->len ? nth(a, 0)->message : NULL,
		"いつ: 日時（「11月20日」「昨日の午後」など）を書きましょう", "the message in Japanese");
	free_findings(a);
	a = findings(r, "inquiry_text", "保険料の支払い", "when", "en");
	is_str(a->len ? nth(a, 0)->message : NULL,
		"When: write the date or time (\"11月20日\", \"昨日の午後\")", "and in English");
	free_findings(a);
}

static void
test_required_and_length(const struct writing_rules *r)
{
	GString *longer = g_string_new(NULL);
	GArray *a;

	ok(count(r, "response_text", "高額療養費の制度を説明した", "result") == 0,
		"result: 説明 tells the outcome");
	ok(count(r, "response_text", "ＦＡＱ１００４で回答", "result") == 0,
		"result: 回答 found after full-width letters");
	a = findings(r, "response_text", "後日また電話があるかもしれない", "result", "ja");
	ok(a->len == 1 && nth(a, 0)->kind == WR_CHECK && nth(a, 0)->severity == WR_WARNING &&
	    nth(a, 0)->offset == -1 && nth(a, 0)->length == -1,
		"result: no outcome written is a warning about the whole text");
	free_findings(a);

	a = findings(r, "inquiry_text", "  了解。\n", "too_short", "ja");
	ok(a->len == 1 && nth(a, 0)->length == 3, "too_short: 了解。 is 3 characters, blanks aside");
	free_findings(a);
	ok(count(r, "inquiry_text", "国民健康保険の加入手続き", "too_short") == 0,
		"too_short: 12 characters are enough");
	for (int i = 0; i < 2001; i++)
		g_string_append(longer, "あ");
	a = findings(r, "response_text", longer->str, "too_long", "ja");
	ok(a->len == 1 && nth(a, 0)->severity == WR_ERROR && nth(a, 0)->length == 2001,
		"too_long: 2001 characters break an error-severity rule");
	free_findings(a);
	a = writing_rules_check(r, "response_text", longer->str, "ja");
	is_int(wr_count(a, WR_CHECK, WR_ERROR), 1, "one error among the findings");
	ok(wr_count(a, WR_CHECK, WR_WARNING) >= 2, "counted with the warnings too");
	is_int(wr_count(a, WR_HINT, WR_WARNING), 1, "and the how hint");
	g_array_unref(a);
	g_string_truncate(longer, 2000 * 3);
	ok(count(r, "response_text", longer->str, "too_long") == 0, "2000 characters are allowed");
	g_string_free(longer, TRUE);
}

static void
test_notation(const struct writing_rules *r)
{
	GArray *a;
	char *said;

	a = findings(r, "inquiry_text", "市の ｶﾞｲﾄﾞﾌﾞｯｸ を送付", "hankaku_kana", "ja");
	ok(a->len == 1, "hankaku_kana: one run of half-width katakana");
	if (a->len == 1) {
		is_str(nth(a, 0)->match, "ｶﾞｲﾄﾞﾌﾞｯｸ", "the run as written");
		is_str(nth(a, 0)->suggestion, "ガイドブック", "suggested as its NFKC form");
		is_int(nth(a, 0)->offset, 7, "at byte 7");
		is_int(nth(a, 0)->position, 4, "at character 4");
		said = wr_finding_text(nth(a, 0));
		is_str(said, "character 4 'ｶﾞｲﾄﾞﾌﾞｯｸ' → 'ガイドブック': 半角カナは全角で書きます",
			"said with where and what instead first");
		g_free(said);
	}
	free_findings(a);
	ok(count(r, "inquiry_text", "市のガイドブックを送付", "hankaku_kana") == 0,
		"hankaku_kana: full-width katakana is right");

	a = findings(r, "response_text", "ＴＥＬで連絡、番号は０３", "zenkaku_alnum", "ja");
	ok(a->len == 2 && strcmp(nth(a, 0)->suggestion, "TEL") == 0 &&
	    strcmp(nth(a, 1)->suggestion, "03") == 0 && nth(a, 1)->position == 11,
		"zenkaku_alnum: ＴＥＬ → TEL, ０３ → 03 at character 11");
	free_findings(a);

	a = findings(r, "inquiry_text", "②の書類と①の書類、㈱山田", "machine_dependent", "ja");
	ok(a->len == 3, "machine_dependent: three characters");
	if (a->len == 3) {
		ok(nth(a, 0)->position == 1 && strcmp(nth(a, 0)->suggestion, "(2)") == 0,
			"② first, as (2): in the order of the text");
		ok(nth(a, 1)->position == 6 && strcmp(nth(a, 1)->suggestion, "(1)") == 0,
			"① at character 6, as (1)");
		ok(nth(a, 2)->position == 11 && strcmp(nth(a, 2)->suggestion, "(株)") == 0,
			"㈱ as (株), its NFKC form");
	}
	free_findings(a);

	a = findings(r, "response_text", "申請書をご提出下さい。宜しくお願い致します", "notation", "ja");
	ok(a->len == 3, "notation: 下さい, 宜しく, 致し");
	if (a->len == 3) {
		ok(strcmp(nth(a, 0)->match, "下さい") == 0 &&
		    strcmp(nth(a, 0)->suggestion, "ください") == 0 && nth(a, 0)->position == 8,
			"下さい → ください at character 8");
		ok(strcmp(nth(a, 1)->suggestion, "よろしく") == 0 &&
		    strcmp(nth(a, 2)->suggestion, "いたし") == 0, "宜しく, then 致し");
	}
	free_findings(a);
}

static void
test_order_and_none(const struct writing_rules *r)
{
	GArray *a = writing_rules_check(r, "inquiry_text", "ｶﾅ①", "ja");
	const char *want[] = { "when", "where", "who", "too_short", "hankaku_kana",
		"machine_dependent" };
	bool same = a->len == G_N_ELEMENTS(want);

	for (guint i = 0; same && i < a->len; i++)
		same = strcmp(nth(a, i)->rule, want[i]) == 0;
	ok(same, "findings come in the order of the rules file");
	g_array_unref(a);
	a = writing_rules_check(NULL, "inquiry_text", "ｶﾅ①", "ja");
	ok(a->len == 0, "no rules, no findings");
	g_array_unref(a);
	a = writing_rules_check(r, "subject", "ｶﾅ①", "ja");
	ok(a->len == 0, "a field the rules do not know has none");
	g_array_unref(a);
	a = writing_rules_check(r, "inquiry_text", "ｶﾅ\xff①", "ja");
	ok(a->len > 0, "invalid UTF-8 is checked as made valid, not read past");
	g_array_unref(a);
}

/* parse must fail with a message starting with want. */
static void
refused(const char *text, const char *want, const char *name)
{
	struct writing_rules *r = NULL;
	struct mado_err e = { 0 };
	int st = writing_rules_parse(text, "rules.conf", &r, &e);

	if (!ok(st == MADO_ECONFIG && r == NULL && g_str_has_prefix(e.msg, want), "refused: %s",
	    name))
		printf("#   got  [%s] (%d)\n#   want [%s...]\n", e.msg, st, want);
	writing_rules_free(r);
}

#define RULE "[rule x]\nfield = both\nkind = check\nmessage = 確認\n"

static void
test_bad_files(void)
{
	struct writing_rules *r = NULL;
	struct mado_err e = { 0 };
	GArray *a;

	refused("[rules x]\n", "rules.conf: [rules x]: expected [rule NAME]", "a group not a rule");
	refused("[rule X]\n", "rules.conf: [rule X]: expected [rule NAME]", "an upper-case name");
	refused("[rule x]\nkind = hint\nmessage = a\n",
		"rules.conf: [rule x] field: missing: give one of inquiry_text, response_text, both",
		"no field");
	refused("[rule x]\nfield = memo\nkind = hint\nmessage = a\n",
		"rules.conf: [rule x] field: 'memo' is not one of inquiry_text, response_text, both",
		"an unknown field");
	refused("[rule x]\nfield = both\nkind = rule\nmessage = a\n",
		"rules.conf: [rule x] kind: 'rule' is not one of hint, check", "an unknown kind");
	refused("[rule x]\nfield = both\nkind = hint\nseverity = error\nmessage = a\n",
		"rules.conf: [rule x] severity: only a check has a severity", "a hint's severity");
	refused(RULE "severity = fatal\nmin_length = 3\n",
		"rules.conf: [rule x] severity: 'fatal' is not one of warning, error",
		"an unknown severity");
	refused("[rule x]\nfield = both\nkind = hint\n",
		"rules.conf: [rule x] message: missing", "no message");
	refused(RULE "colour = red\n", "rules.conf: [rule x] colour: unknown key", "an unknown key");
	refused(RULE, "rules.conf: [rule x] kind: a check needs", "a check that checks nothing");
	refused(RULE "forbidden_regex = [ｱ-\n", "rules.conf: [rule x] forbidden_regex: ",
		"a regex that does not compile");
	refused(RULE "required_regex = (日時\n", "rules.conf: [rule x] required_regex: ",
		"an unclosed group");
	refused(RULE "forbidden_regex = 様*\n",
		"rules.conf: [rule x] forbidden_regex: matches an empty text", "a regex matching nothing");
	refused(RULE "min_length = 0\n",
		"rules.conf: [rule x] min_length: must be a whole number from 1 to 100000",
		"min_length 0");
	refused(RULE "max_length = 十\n",
		"rules.conf: [rule x] max_length: must be a whole number", "max_length not a number");
	refused(RULE "min_length = 20\nmax_length = 10\n",
		"rules.conf: [rule x] max_length: is less than min_length", "min above max");
	refused(RULE "forbidden = 下さい;;致し\n",
		"rules.conf: [rule x] forbidden: word 2 of the list is empty", "an empty word");
	refused(RULE "forbidden = =ください\n",
		"rules.conf: [rule x] forbidden: word 1 of the list has nothing before '='",
		"a suggestion without its word");
	refused(RULE "min_length = 2\nsuggest = ください\n",
		"rules.conf: [rule x] suggest: suggests a replacement for forbidden_regex",
		"suggest without forbidden_regex");
	refused(RULE "forbidden_regex = ｶ\nsuggest = カ\nsuggest_nfkc = true\n",
		"rules.conf: [rule x] suggest: give suggest or suggest_nfkc, not both", "both suggestions");
	refused("[rule ok]\nfield = both\nkind = hint\nmessage = a\n\n" RULE "required = \n",
		"rules.conf: [rule x] required: an empty list", "the second rule named, not the first");
	refused("[rule x\nfield = both\n", "rules.conf: ", "a key-file syntax error names the file");

	is_int(writing_rules_load("/nonexistent/rules.conf", &r, &e), MADO_ECONFIG,
		"a missing file is a configuration error");
	ok(strstr(e.msg, "/nonexistent/rules.conf") != NULL, "naming it: %s", e.msg);

	is_int(writing_rules_parse("# none\n", "empty.conf", &r, &e), MADO_OK,
		"a file without rules is allowed");
	a = writing_rules_check(r, "inquiry_text", "ｶﾅ", "ja");
	ok(a->len == 0, "and finds nothing");
	g_array_unref(a);
	writing_rules_free(r);

	is_int(writing_rules_parse(RULE "required_regex = 電話\\s*番号\n", "raw.conf", &r, &e),
		MADO_OK, "a regex is taken as written (\\s is not a key-file escape)");
	a = writing_rules_check(r, "inquiry_text", "電話 番号を変えたい", "ja");
	ok(a->len == 0, "\\s matches the space");
	g_array_unref(a);
	writing_rules_free(r);
}

/* The system configuration names the site's file, or none. */
static void
test_config(void)
{
	char *dir = g_dir_make_tmp("mado-rules-XXXXXX", NULL);
	char *conf = g_build_filename(dir, "madoguchi.conf", NULL);
	char *mine = g_build_filename(dir, "mine.conf", NULL);
	char *text;
	struct config cfg;
	struct writing_rules *r = NULL;
	struct mado_err e = { 0 };
	GArray *a;

	g_setenv("MADO_CONFIG", conf, TRUE);
	is_int(config_load(&cfg, &e), MADO_OK, "no system config");
	is_int(config_writing_rules(&cfg, &r, &e), MADO_OK, "the shipped rules apply (%s)", e.msg);
	ok(r != NULL, "and are loaded");
	writing_rules_free(r);
	config_free(&cfg);

	g_file_set_contents(conf, "[calllog]\nwriting_rules = rules.conf\n", -1, NULL);
	is_int(config_load(&cfg, &e), MADO_ECONFIG, "a relative path is refused");
	text = g_strconcat(conf, ": [calllog] writing_rules: must be an absolute path", NULL);
	ok(g_str_has_prefix(e.msg, text), "naming file, group and key: %s", e.msg);
	g_free(text);

	text = g_strdup_printf("[calllog]\nwriting_rules = %s\n", mine);
	g_file_set_contents(conf, text, -1, NULL);
	g_free(text);
	g_file_set_contents(mine, "[rule mine]\nfield = inquiry_text\nkind = check\n"
		"message = 「至急」は使いません\nforbidden = 至急=早めに\n", -1, NULL);
	is_int(config_load(&cfg, &e), MADO_OK, "the site's file named");
	is_int(config_writing_rules(&cfg, &r, &e), MADO_OK, "the site's rules load");
	a = r != NULL ? writing_rules_check(r, "inquiry_text", "至急", "ja") : NULL;
	ok(a != NULL && a->len == 1 && strcmp(nth(a, 0)->rule, "mine") == 0,
		"the site's rules, not the shipped ones");
	if (a != NULL)
		g_array_unref(a);
	writing_rules_free(r);
	g_file_set_contents(mine, "[rule mine]\nfield = inquiry_text\nkind = check\n"
		"message = x\nforbidden_regex = (\n", -1, NULL);
	is_int(config_writing_rules(&cfg, &r, &e), MADO_ECONFIG, "a bad site file is refused");
	text = g_strconcat(mine, ": [rule mine] forbidden_regex: ", NULL);
	ok(g_str_has_prefix(e.msg, text), "naming its file, rule and key: %s", e.msg);
	g_free(text);
	config_free(&cfg);

	g_file_set_contents(conf, "[calllog]\nwriting_rules =\n", -1, NULL);
	is_int(config_load(&cfg, &e), MADO_OK, "an empty value");
	is_int(config_writing_rules(&cfg, &r, &e), MADO_OK, "turns the rules off");
	ok(r == NULL, "no rules");
	config_free(&cfg);

	g_unlink(conf);
	g_unlink(mine);
	g_rmdir(dir);
	g_free(conf);
	g_free(mine);
	g_free(dir);
}

int
main(void)
{
	char *path = g_build_filename(mado_sharedir(), "writing-rules.conf", NULL);
	struct writing_rules *r = NULL;
	struct mado_err e = { 0 };

	is_int(writing_rules_load(path, &r, &e), MADO_OK, "the shipped rules load (%s)", e.msg);
	g_free(path);
	if (r != NULL) {
		test_hints(r);
		test_required_and_length(r);
		test_notation(r);
		test_order_and_none(r);
	}
	writing_rules_free(r);
	test_bad_files();
	test_config();
	return tap_done();
}
