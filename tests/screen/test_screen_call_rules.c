/* Screen test of the writing rules on the call recording screen, in the
 * real mado at 80x24: while 受付内容 is written its hints show under the
 * text (いつ, どこ, 誰) and go as the text follows them; half-width
 * katakana and 下さい typed in Japanese show as findings with where they
 * are and what to write instead, and go once fixed; a response breaking
 * checks is listed under the fields when the field is left and when the
 * call is saved, and the save goes through. With a site's rules file
 * holding an error-severity rule, the save is refused next to the field,
 * saying which rule and where, until the text is fixed. */
#include "tests/screen/screen_tap.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/screen/mado_run.h"
#include "tests/screen/mado_screen.h"

int main(void);

#define BROKEN "ｶﾞｲﾄﾞﾌﾞｯｸを送って下さい"
#define FIXED "昨日、市民センターで山田様にガイドブックを送ってください"
#define RESPONSE "ＴＥＬで了解"
#define URGENT "至急の用件で電話がほしいとのこと"
#define URGENT_CHARS 16
#define NOT_URGENT "早めに電話がほしいとのこと、山田様"
/* The rows of 受付内容 and 対応内容 among the call's fields (ms_select_nth). */
enum { ROW_INQUIRY = 4, ROW_RESPONSE = 5 };


/* Opens the text area of the field on row n (its title starting with title). */
static bool
open_text(struct vt *vt, int n, const char *title)
{
	ms_select_nth(vt, n);
	vt_key(vt, "Enter");
	return ms_wait_row(vt, 0, title, SCREEN_WAIT_MS);
}

/* Erases n characters before the cursor. */
static void
erase(struct vt *vt, int n)
{
	for (int i = 0; i < n; i++)
		vt_key(vt, "BackSpace");
}

/* Leaves the text area with C-s: back on the call, value row showing text. */
static bool
leave_text(struct vt *vt, const char *label, const char *text)
{
	vt_key(vt, "C-s");
	return vt_wait_for(vt, "Receipt C", SCREEN_WAIT_MS)
		&& ms_wait_row_with(vt, label, text, SCREEN_WAIT_MS);
}

static void
test_hints_and_checks(const char *db)
{
	struct vt *vt = mr_mado(db, NULL, NULL, 24, 80);
	int row;

	screen_ok(vt, ms_wait_status(vt, "INQ-", SCREEN_WAIT_MS), "rules: the list is shown");
	vt_key(vt, "F5");
	screen_ok(vt, vt_wait_for(vt, "On the call", SCREEN_WAIT_MS), "rules: F5 starts a call");
	screen_ok(vt, open_text(vt, ROW_INQUIRY, "Inquiry"), "rules: Enter on 受付内容 opens the text area");
	screen_ok(vt, vt_wait_for(vt, "Hint: When: write the date or time", SCREEN_WAIT_MS)
		&& vt_find_row(vt, "Hint: Where:") > 0 && vt_find_row(vt, "Hint: Who:") > 0,
		"rules: the 5W1H hints show under the empty text");
	row = vt_find_row(vt, "Hint: Who:");
	ok(row == ms_last_row(vt), "rules: the hints end on the last row above the status line (%d)",
		row);
	ok(vt_find_row(vt, "Check:") < 0, "rules: no finding before anything is written");

	vt_send(vt, BROKEN);
	screen_ok(vt, vt_wait_for(vt, BROKEN, SCREEN_WAIT_MS), "rules: Japanese with ｶﾞｲﾄﾞﾌﾞｯｸ typed");
	screen_ok(vt, vt_wait_for(vt, "Check: character 1 'ｶﾞｲﾄﾞﾌﾞｯｸ' → 'ガイドブック'",
		SCREEN_WAIT_MS), "rules: half-width katakana found as it is typed, with its full form");
	screen_ok(vt, vt_wait_for(vt, "Check: character 14 '下さい' → 'ください'", SCREEN_WAIT_MS),
		"rules: 下さい found at character 14, with ください");
	ok(vt_find_row(vt, "Check: character 1") < vt_find_row(vt, "Hint: When:"),
		"rules: findings come before the hints");

	erase(vt, 16);
	vt_send(vt, FIXED);
	screen_ok(vt, vt_wait_for(vt, FIXED, SCREEN_WAIT_MS), "rules: the text rewritten");
	screen_ok(vt, vt_wait_gone(vt, "Check:", SCREEN_WAIT_MS),
		"rules: the findings are gone once fixed");
	screen_ok(vt, vt_wait_gone(vt, "Hint:", SCREEN_WAIT_MS),
		"rules: and the hints, once 昨日, 市民センター and 山田様 are written");
	screen_ok(vt, leave_text(vt, "Inquiry (", "昨日、市民センター"),
		"rules: C-s keeps the text in the call");
	ok(vt_find_row(vt, "Writing checks") < 0, "rules: nothing listed for a text that follows them");

	screen_ok(vt, open_text(vt, ROW_RESPONSE, "Response"), "rules: Enter on 対応内容 opens it");
	screen_ok(vt, vt_wait_for(vt, "Hint: How: write what you did", SCREEN_WAIT_MS),
		"rules: the hint with no condition shows for 対応内容");
	vt_send(vt, RESPONSE);
	screen_ok(vt, vt_wait_for(vt, "Check: character 1 'ＴＥＬ' → 'TEL'", SCREEN_WAIT_MS),
		"rules: full-width ＴＥＬ found, TEL suggested");
	screen_ok(vt, leave_text(vt, "Response (", RESPONSE), "rules: the response kept as written");
	screen_ok(vt, vt_wait_for(vt, "Writing checks (3)", SCREEN_WAIT_MS),
		"rules: leaving the field lists its three findings under the fields");
	row = vt_find_row(vt, "Writing checks (3)");
	screen_ok(vt, row > vt_find_row(vt, "FAQ used (") && vt_find_row(vt, "Response: Check:") > row,
		"rules: below the fields, each naming its field");
	ok(vt_find_row(vt, "Response: Check: character 1 'ＴＥＬ' → 'TEL'") > row,
		"rules: with where and what instead");

	vt_key(vt, "C-s");
	screen_ok(vt, ms_wait_message(vt, "saved with 3 writing findings", SCREEN_WAIT_MS)
		&& vt_wait_for(vt, "Saved", SCREEN_WAIT_MS),
		"rules: warnings do not stop the save, and the message says how many");
	ok(vt_find_row(vt, "Writing checks (3)") > 0, "rules: they stay listed after the save");
	vt_key(vt, "Esc");
	screen_ok(vt, vt_wait_gone(vt, "Receipt C", SCREEN_WAIT_MS), "rules: Esc closes the call");
	vt_key(vt, "Q");
	screen_ok(vt, vt_wait_exit(vt, SCREEN_WAIT_MS), "rules: Q quits");
	vt_close(vt);
}

/* A site's rules (MADO_CONFIG naming them) with an error-severity rule. */
static void
test_error_rule(const char *db, const char *dir)
{
	char *conf = mr_path(dir, "madoguchi.conf"), *rules = mr_path(dir, "rules.conf");
	char *conf_text = NULL, *env_conf = NULL;
	const char *env[2];
	struct vt *vt;
	int row;

	conf_text = malloc(strlen(rules) + 64);
	snprintf(conf_text, strlen(rules) + 64, "[calllog]\nwriting_rules = %s\n", rules);
	mr_write_file(conf, conf_text, 0644);
	mr_write_file(rules, "[rule urgent]\nfield = inquiry_text\nkind = check\nseverity = error\n"
		"message = 「至急」は記録に使いません\nmessage_en = Do not write 至急 in a record\n"
		"forbidden = 至急=早めに\n", 0644);
	env_conf = malloc(strlen(conf) + 16);
	snprintf(env_conf, strlen(conf) + 16, "MADO_CONFIG=%s", conf);
	env[0] = env_conf;
	env[1] = NULL;

	vt = mr_mado(db, NULL, env, 24, 80);
	screen_ok(vt, ms_wait_status(vt, "INQ-", SCREEN_WAIT_MS), "error rule: the list is shown");
	vt_key(vt, "F5");
	screen_ok(vt, vt_wait_for(vt, "On the call", SCREEN_WAIT_MS), "error rule: a call started");
	screen_ok(vt, open_text(vt, ROW_INQUIRY, "Inquiry"), "error rule: 受付内容 opened");
	ok(vt_find_row(vt, "Hint:") < 0, "error rule: the site's rules replace the shipped hints");
	vt_send(vt, URGENT);
	screen_ok(vt, vt_wait_for(vt, "Error: character 1 '至急' → '早めに': Do not write 至急",
		SCREEN_WAIT_MS), "error rule: the finding is marked as an error while typing");
	screen_ok(vt, leave_text(vt, "Inquiry (", "至急の用件"), "error rule: the text kept");
	vt_key(vt, "C-s");
	screen_ok(vt, ms_wait_message(vt, "inquiry_text: [urgent] character 1", SCREEN_WAIT_MS),
		"error rule: the save is refused, naming field, rule and where");
	row = vt_find_row(vt, "inquiry_text: [urgent]");
	screen_ok(vt, row > 0 && row == vt_find_row(vt, "Inquiry (") + 1,
		"error rule: the refusal shows next to 受付内容");
	ok(vt_find_row(vt, "Saved") < 0, "error rule: the call is not saved");

	screen_ok(vt, open_text(vt, ROW_INQUIRY, "Inquiry"), "error rule: 受付内容 opened again");
	erase(vt, URGENT_CHARS);
	vt_send(vt, NOT_URGENT);
	screen_ok(vt, vt_wait_for(vt, NOT_URGENT, SCREEN_WAIT_MS)
		&& vt_wait_gone(vt, "Error:", SCREEN_WAIT_MS), "error rule: fixed, the error is gone");
	screen_ok(vt, leave_text(vt, "Inquiry (", "早めに"), "error rule: the fixed text kept");
	screen_ok(vt, vt_wait_gone(vt, "inquiry_text: [urgent]", SCREEN_WAIT_MS),
		"error rule: the refusal is gone with the change");
	vt_key(vt, "C-s");
	screen_ok(vt, ms_wait_message(vt, "saved", SCREEN_WAIT_MS)
		&& vt_wait_for(vt, "Saved", SCREEN_WAIT_MS), "error rule: now the call is saved");
	vt_key(vt, "Esc");
	vt_key(vt, "Q");
	screen_ok(vt, vt_wait_exit(vt, SCREEN_WAIT_MS), "error rule: Q quits");
	vt_close(vt);
	free(env_conf);
	free(conf_text);
	free(conf);
	free(rules);
}

int
main(void)
{
	const char *const gen[] = { "--tickets", "20", "--kb", "5", "--calllogs", "5", "--seed", "7",
		NULL };
	struct mr_fixture f;

	mr_fixture_new(&f, "mado-screen-call-rules", gen);
	test_hints_and_checks(f.db);
	test_error_rule(f.db, f.dir);
	mr_fixture_free(&f);
	return tap_done();
}
