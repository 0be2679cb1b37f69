/* Screen test of recording a call in the real mado: F5 starts a call
 * from the list (its receipt id on screen, the talk timer running), the
 * inquiry is typed in Japanese, the outcome 'transferred' is chosen
 * through the picker and the save is refused next to 転送先 until a
 * destination is chosen from the phone book; an FAQ is found in the
 * search pane and recorded as 利用FAQ; F6 starts the after-call work and
 * C-s saves. A second call becomes an inquiry with C-t. What was
 * recorded is read back through the CLI. */
#include "tests/screen/screen_tap.h"

#include <stdlib.h>
#include <string.h>

#include "tests/screen/mado_run.h"
#include "tests/screen/mado_screen.h"

int main(void);

#define ASKED "住民票の写しを郵送で請求したい"
#define ASKED2 "口座振替の申込み方法を知りたい"
/* A word that finds FAQ-1004 (口座振替の申込み) in madogen's articles. */
#define FAQ_WORD "口座振替"
#define FAQ_NO "1004"
/* The call's fields, chosen with ms_select_nth, are in a fixed order: 0
 * 受付区分, 1 問い合わせ受付区分, 2 対応区分, 3 カテゴリー, 4 受付内容,
 * 5 対応内容, 6 転送先, 7 利用FAQ. */

/* The receipt id on the timer's row ("Receipt C…"), or "". Newly allocated. */
static char *
receipt_shown(const struct vt *vt)
{
	int row = vt_find_row(vt, "Receipt C");
	char *s = vt_row(vt, row >= 0 ? row : 0), *at = strstr(s, "Receipt C"), *r;

	r = strdup(at != NULL ? at + strlen("Receipt ") : "");
	r[strcspn(r, " ")] = '\0';
	free(s);
	return r;
}


/* Opens the picker of the selected field, types filter and chooses the
 * first item left once expect shows. */
static bool
choose(struct vt *vt, const char *filter, const char *expect)
{
	vt_key(vt, "Enter");
	if (!vt_wait_for(vt, "type to narrow", SCREEN_WAIT_MS))
		return false;
	vt_send(vt, filter);
	if (!vt_wait_for(vt, expect, SCREEN_WAIT_MS))
		return false;
	vt_key(vt, "Enter");
	/* Done when the hint and the picker's box are both gone: the status
	 * line is repainted before the view under the box. */
	return vt_wait_gone(vt, "type to narrow", SCREEN_WAIT_MS)
		&& vt_wait_gone(vt, "└", SCREEN_WAIT_MS);
}

/* Opens the search pane in FAQ mode with key (on the 利用FAQ row for
 * Enter), finds FAQ_WORD and records the FAQ with Tab. */
static bool
pick_faq(struct vt *vt, const char *key)
{
	ms_select_nth(vt, 7);
	vt_key(vt, key);
	if (!ms_wait_row(vt, 0, "Search", SCREEN_WAIT_MS))
		return false;
	vt_send(vt, FAQ_WORD);
	if (!vt_wait_for(vt, "FAQ-" FAQ_NO, SCREEN_WAIT_MS))
		return false;
	vt_key(vt, "Tab");
	return vt_wait_for(vt, "Receipt C", SCREEN_WAIT_MS)
		&& ms_wait_row_with(vt, "FAQ used (", "FAQ-" FAQ_NO, SCREEN_WAIT_MS);
}

/* Types text into 受付内容 of the open call. */
static bool
type_inquiry(struct vt *vt, const char *text)
{
	ms_select_nth(vt, 4);
	vt_key(vt, "Enter");
	if (!ms_wait_row(vt, 0, "Inquiry", SCREEN_WAIT_MS))
		return false;
	vt_send(vt, text);
	if (!vt_wait_for(vt, text, SCREEN_WAIT_MS))
		return false;
	vt_key(vt, "C-s");
	return vt_wait_for(vt, "On the call", SCREEN_WAIT_MS)
		&& ms_wait_row_with(vt, "Inquiry (", text, SCREEN_WAIT_MS);
}

static void
test_call(const char *db)
{
	struct vt *vt = mr_mado(db, NULL, NULL, 24, 100);
	const char *show[] = { "calllog", "show", NULL, NULL };
	char *receipt, *out = NULL, *timer;
	int row;

	screen_ok(vt, ms_wait_status(vt, "INQ-", SCREEN_WAIT_MS), "call: the list is shown");
	vt_key(vt, "F5");
	screen_ok(vt, vt_wait_for(vt, "On the call", SCREEN_WAIT_MS), "call: F5 starts a call");
	receipt = receipt_shown(vt);
	ok(receipt[0] == 'C' && strlen(receipt) > 8, "call: the receipt id is shown: %s", receipt);
	row = vt_find_row(vt, "On the call");
	timer = vt_row(vt, row);
	screen_ok(vt, vt_wait_gone(vt, timer, 3000), "call: the talk timer runs");
	free(timer);

	ms_select_nth(vt, 4);
	vt_key(vt, "Enter");
	screen_ok(vt, ms_wait_row(vt, 0, "Inquiry", SCREEN_WAIT_MS),
		"call: Enter on 受付内容 opens the text area");
	vt_send(vt, ASKED);
	screen_ok(vt, vt_wait_for(vt, ASKED, SCREEN_WAIT_MS), "call: Japanese typed");
	vt_key(vt, "C-s");
	screen_ok(vt, vt_wait_for(vt, "On the call", SCREEN_WAIT_MS)
		&& ms_wait_row_with(vt, "Inquiry (", ASKED, SCREEN_WAIT_MS),
		"call: 受付内容 shows in the call");

	ms_select_nth(vt, 2);
	screen_ok(vt, choose(vt, "trans", "Transferred")
		&& ms_wait_row_with(vt, "Outcome (", "transferred", SCREEN_WAIT_MS),
		"call: the outcome 'transferred' chosen in the picker");
	vt_wait_for(vt, "required when the outcome is transferred", SCREEN_WAIT_MS);
	row = vt_find_row(vt, "required when the outcome is transferred");
	screen_ok(vt, row > 0 && row == vt_find_row(vt, "Transferred to") + 1,
		"call: 転送先 says it is required for a transfer");
	vt_key(vt, "C-s");
	screen_ok(vt, ms_wait_message(vt, "transfer_to:", SCREEN_WAIT_MS)
		&& vt_find_row(vt, "transfer_to:") == vt_find_row(vt, "Transferred to") + 1,
		"call: saving without 転送先 is refused, next to the field");

	ms_select_nth(vt, 6);
	screen_ok(vt, choose(vt, "", "PB") && vt_wait_gone(vt, "transfer_to:", SCREEN_WAIT_MS),
		"call: a 転送先 chosen from the phone book; the refusal is gone");
	screen_ok(vt, pick_faq(vt, "Enter"),
		"call: Enter on 利用FAQ searches FAQs; Tab records FAQ-" FAQ_NO);
	vt_key(vt, "F6");
	screen_ok(vt, vt_wait_for(vt, "After-call work", SCREEN_WAIT_MS),
		"call: F6 ends the call, the after-call work timer runs");
	vt_key(vt, "C-s");
	screen_ok(vt, ms_wait_message(vt, "saved", SCREEN_WAIT_MS)
		&& vt_wait_for(vt, "Saved", SCREEN_WAIT_MS),
		"call: C-s saves it and the timer stops");
	vt_key(vt, "Esc");
	screen_ok(vt, vt_wait_gone(vt, "Receipt C", SCREEN_WAIT_MS), "call: Esc closes it");
	vt_key(vt, "Q");
	screen_ok(vt, vt_wait_exit(vt, SCREEN_WAIT_MS), "call: Q quits");
	vt_close(vt);

	show[2] = receipt;
	ok(mr_cli(db, show, &out) == 0 && out != NULL, "call: mado calllog show %s", receipt);
	ok(out != NULL && strstr(out, ASKED) != NULL, "call: 受付内容 recorded");
	ok(out != NULL && strstr(out, "Outcome:        Transferred") != NULL,
		"call: the outcome recorded");
	ok(out != NULL && strstr(out, "Transferred to: ") != NULL
		&& strstr(out, "Transferred to: \n") == NULL, "call: 転送先 recorded");
	ok(out != NULL && strstr(out, "Ended:          2") != NULL
		&& strstr(out, "Wrap-up done:   2") != NULL && strstr(out, "Started:        2") != NULL,
		"call: start, end and wrap-up times recorded");
	ok(out != NULL && strstr(out, "FAQs used:      " FAQ_NO) != NULL,
		"call: 利用FAQ recorded");
	free(out);
	free(receipt);
}

/* The number of the inquiry on the title row ("INQ-…"), or "". Newly
 * allocated. */
static char *
inquiry_shown(const struct vt *vt)
{
	char *s = vt_row(vt, 0), *at = strstr(s, "INQ-"), *r;

	r = strdup(at != NULL ? at : "");
	r[strcspn(r, " ")] = '\0';
	free(s);
	return r;
}

/* A call turned into an inquiry with C-t: the inquiry opens, holds the
 * call's text and links to the call. */
static void
test_to_inquiry(const char *db)
{
	struct vt *vt = mr_mado(db, NULL, NULL, 24, 100);
	const char *show[] = { "ticket", "show", NULL, NULL };
	char *receipt, *number, *out = NULL;

	screen_ok(vt, ms_wait_status(vt, "INQ-", SCREEN_WAIT_MS), "inquiry: the list is shown");
	vt_key(vt, "F5");
	screen_ok(vt, vt_wait_for(vt, "On the call", SCREEN_WAIT_MS), "inquiry: F5 starts a call");
	receipt = receipt_shown(vt);
	screen_ok(vt, type_inquiry(vt, ASKED2), "inquiry: 受付内容 typed");
	screen_ok(vt, pick_faq(vt, "F3"), "inquiry: F3 searches FAQs; Tab records FAQ-" FAQ_NO);
	vt_key(vt, "C-t");
	screen_ok(vt, ms_wait_message(vt, "created from call", SCREEN_WAIT_MS)
		&& ms_wait_row(vt, 0, "INQ-", SCREEN_WAIT_MS),
		"inquiry: C-t opens a new inquiry");
	number = inquiry_shown(vt);
	ok(strlen(number) > 8, "inquiry: its number is shown: %s", number);
	screen_ok(vt, vt_wait_for(vt, ASKED2, SCREEN_WAIT_MS),
		"inquiry: the call's text is in the inquiry");
	vt_key(vt, "Q");
	screen_ok(vt, vt_wait_exit(vt, SCREEN_WAIT_MS), "inquiry: Q quits");
	vt_close(vt);

	show[2] = number;
	ok(mr_cli(db, show, &out) == 0 && out != NULL, "inquiry: mado ticket show %s", number);
	ok(out != NULL && strstr(out, ASKED2) != NULL, "inquiry: the call's text recorded");
	ok(out != NULL && receipt[0] == 'C' && strstr(out, receipt) != NULL
		&& strstr(out, "Links:") != NULL && strstr(strstr(out, "Links:"), receipt) != NULL,
		"inquiry: linked to the call %s", receipt);
	free(out);
	free(number);
	free(receipt);
}

int
main(void)
{
	const char *const gen[] = { "--tickets", "20", "--kb", "5", "--calllogs", "5", "--seed", "7",
		NULL };
	struct mr_fixture f;

	mr_fixture_new(&f, "mado-screen-call", gen);
	test_call(f.db);
	test_to_inquiry(f.db);
	mr_fixture_free(&f);
	return tap_done();
}
