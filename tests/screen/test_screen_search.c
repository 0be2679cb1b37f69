/* Screen test of the search pane (issue 4) in the real mado: F3 opens it
 * from a list, typing 印刷 shows results with the match marked «…» (and
 * bold), more words narrow the list, Down moves the selection and the
 * preview follows, Enter opens the article, q and Esc come back; then,
 * from a reply's text area, C-f searches and Tab inserts an FAQ's answer,
 * and the saved reply is read back through the CLI. */
#include "tests/screen/screen_tap.h"

#include <stdlib.h>
#include <string.h>

#include "tests/screen/mado_run.h"
#include "tests/screen/mado_screen.h"

int main(void);

#define TITLE_A "プリンターで印刷できないとき"
#define ANSWER_A "用紙とトナーを確認し、プリンターを再起動してください。"
#define TITLE_B "カラー印刷の設定方法"
#define ANSWER_B "印刷設定でカラーを選んでから印刷してください。"
#define TYPED "お問い合わせありがとうございます。"

/* The pane's rows: the query, what was found, then the results. */
enum { QUERY_ROW = 1, SUMMARY_ROW = 2, FIRST_HIT_ROW = 3 };

/* Adds an article through the CLI; returns its FAQ number, 0 on failure. */
static long
add_article(const char *db, const char *title, const char *answer)
{
	const char *const args[] = { "kb", "add", "--title", title, "--answer", answer, "--public",
		NULL };
	char *out = NULL;
	long no = mr_cli(db, args, &out) == 0 && out != NULL ? strtol(out, NULL, 10) : 0;

	free(out);
	return no;
}

/* Whether some result row shows the marked «印刷» in bold. */
static bool
marked_bold(struct vt *vt, void *unused)
{
	(void)unused;
	for (int row = FIRST_HIT_ROW; row <= ms_last_row(vt); row++) {
		int col = vt_col_of(vt, row, "«印刷»");

		if (col >= 0 && !vt_attr_reverse(vt, row, 0))
			return vt_attr_bold(vt, row, col) && vt_attr_bold(vt, row, col + 1);
	}
	return false;
}

static bool
has_marked_hit(struct vt *vt, void *unused)
{
	(void)unused;
	return vt_find_row(vt, "«印刷»") >= FIRST_HIT_ROW && ms_row_has(vt, SUMMARY_ROW, "found");
}

/* The preview's header (the row below the results) holds text. */
static bool
preview_is(struct vt *vt, void *text)
{
	int row = vt_find_row(vt, text);

	return row > FIRST_HIT_ROW + 1 && vt_attr_underline(vt, row, 0);
}

/* The title of the article on the selected row: A or B. */
static const char *
selected_title(const struct vt *vt)
{
	int row = ms_selected_row(vt);
	char *s = row >= 0 ? vt_row(vt, row) : NULL;
	const char *t = s == NULL ? NULL : strstr(s, "カラー") ? TITLE_B : TITLE_A;

	free(s);
	return t;
}

static void
test_find(const char *db)
{
	struct vt *vt = mr_mado(db, NULL, NULL, 30, 100);
	const char *first, *second;

	screen_ok(vt, ms_wait_status(vt, "INQ-", SCREEN_WAIT_MS), "find: the list is shown");
	vt_key(vt, "F3");
	screen_ok(vt, ms_wait_row(vt, 0, "Search", SCREEN_WAIT_MS)
		&& ms_wait_row(vt, QUERY_ROW, "Search:", SCREEN_WAIT_MS),
		"find: F3 opens the search pane, the query line on top");
	vt_send(vt, "印刷");
	screen_ok(vt, ms_wait_row(vt, QUERY_ROW, "印刷", SCREEN_WAIT_MS)
		&& mr_wait(vt, has_marked_hit, NULL, SCREEN_WAIT_MS),
		"find: typing 印刷 shows results with the match marked «印刷»");
	screen_ok(vt, mr_wait(vt, marked_bold, NULL, SCREEN_WAIT_MS), "find: the marked words are bold, not only coloured");
	vt_send(vt, " kind:kb");
	screen_ok(vt, ms_wait_row(vt, SUMMARY_ROW, "2 found", SCREEN_WAIT_MS)
		&& vt_wait_gone(vt, "INQ-", SCREEN_WAIT_MS)
		&& vt_wait_for(vt, "«印刷»の設定方法", SCREEN_WAIT_MS)
		&& vt_wait_for(vt, "«印刷»できないとき", SCREEN_WAIT_MS)
		&& vt_find_row(vt, "FAQ-") == FIRST_HIT_ROW,
		"find: more words narrow the list to the two articles");
	screen_ok(vt, ms_wait_selected(vt, FIRST_HIT_ROW, SCREEN_WAIT_MS),
		"find: the first result is selected");
	first = selected_title(vt);
	screen_ok(vt, first != NULL && mr_wait(vt, preview_is, (void *)first, SCREEN_WAIT_MS),
		"find: the preview shows the selected article");
	vt_key(vt, "Down");
	screen_ok(vt, ms_wait_selected(vt, FIRST_HIT_ROW + 1, SCREEN_WAIT_MS),
		"find: Down selects the next result");
	second = selected_title(vt);
	screen_ok(vt, second != NULL && first != NULL && strcmp(second, first) != 0
		&& mr_wait(vt, preview_is, (void *)second, SCREEN_WAIT_MS)
		&& vt_wait_for(vt, strcmp(second, TITLE_A) == 0 ? ANSWER_A : ANSWER_B, SCREEN_WAIT_MS),
		"find: the preview follows: its title and answer");
	vt_key(vt, "Enter");
	screen_ok(vt, ms_wait_row(vt, 0, "FAQ No.", SCREEN_WAIT_MS)
		&& ms_wait_row(vt, 0, second, SCREEN_WAIT_MS),
		"find: Enter opens the article");
	vt_key(vt, "q");
	screen_ok(vt, ms_wait_row(vt, 0, "Search", SCREEN_WAIT_MS)
		&& ms_wait_row(vt, QUERY_ROW, "印刷 kind:kb", SCREEN_WAIT_MS)
		&& ms_wait_selected(vt, FIRST_HIT_ROW + 1, SCREEN_WAIT_MS),
		"find: q comes back to the pane, query and selection kept");
	vt_key(vt, "Esc");
	screen_ok(vt, ms_wait_row(vt, 0, "Inquiries", SCREEN_WAIT_MS),
		"find: Esc closes the pane");
	vt_key(vt, "Q");
	screen_ok(vt, vt_wait_exit(vt, SCREEN_WAIT_MS), "find: Q quits");
	vt_close(vt);
}

static void
test_insert(const char *db, long faq_b)
{
	struct vt *vt = mr_mado(db, NULL, NULL, 30, 100);
	char *number, message[64], *shown = NULL;

	screen_ok(vt, ms_wait_status(vt, "INQ-", SCREEN_WAIT_MS), "insert: the list is shown");
	number = ms_first_word(vt, MS_FIRST_ROW);
	vt_key(vt, "Enter");
	screen_ok(vt, ms_wait_row(vt, 0, number, SCREEN_WAIT_MS), "insert: %s opened", number);
	vt_key(vt, "r");
	screen_ok(vt, ms_wait_row(vt, 0, "Reply to the requester", SCREEN_WAIT_MS),
		"insert: r opens the reply");
	vt_send(vt, TYPED);
	vt_key(vt, "Enter");
	screen_ok(vt, vt_wait_for(vt, TYPED, SCREEN_WAIT_MS), "insert: a line typed");
	vt_key(vt, "C-f");
	screen_ok(vt, ms_wait_row(vt, 0, "insert an answer", SCREEN_WAIT_MS),
		"insert: C-f in the text area opens the search to insert an answer");
	vt_send(vt, "カラー印刷 kind:kb");
	screen_ok(vt, ms_wait_row(vt, SUMMARY_ROW, "1 found", SCREEN_WAIT_MS)
		&& ms_wait_row(vt, FIRST_HIT_ROW, "設定方法", SCREEN_WAIT_MS),
		"insert: the article is found");
	vt_key(vt, "Tab");
	snprintf(message, sizeof message, "FAQ-%ld inserted", faq_b);
	screen_ok(vt, ms_wait_message(vt, message, SCREEN_WAIT_MS)
		&& ms_wait_row(vt, 0, "Reply to the requester", SCREEN_WAIT_MS)
		&& vt_wait_for(vt, ANSWER_B, SCREEN_WAIT_MS)
		&& vt_find_row(vt, TYPED) + 1 == vt_find_row(vt, ANSWER_B),
		"insert: Tab puts the answer at the cursor, back in the text area, %s", message);
	vt_key(vt, "C-s");
	screen_ok(vt, ms_wait_message(vt, "reply saved", SCREEN_WAIT_MS), "insert: the reply is saved");
	{
		const char *const args[] = { "ticket", "show", number, NULL };

		is_int(mr_cli(db, args, &shown), 0, "insert: CLI ticket show %s", number);
		ok(shown != NULL && strstr(shown, TYPED "\n" ANSWER_B) != NULL,
			"insert: the reply holds the typed line and the answer after it");
		if (shown != NULL && tap_failed > 0)
			printf("# %s\n", shown);
	}
	vt_key(vt, "Q");
	screen_ok(vt, vt_wait_exit(vt, SCREEN_WAIT_MS), "insert: Q quits");
	is_int(vt_close(vt), 0, "insert: mado exits 0");
	free(shown);
	free(number);
}

int
main(void)
{
	const char *const gen[] = { "--tickets", "100", "--kb", "5", "--calllogs", "5", "--seed", "11",
		NULL };
	struct mr_fixture f;
	long faq_b;

	mr_fixture_new(&f, "mado-screen-search", gen);
	ok(add_article(f.db, TITLE_A, ANSWER_A) > 0, "an article on printing added");
	faq_b = add_article(f.db, TITLE_B, ANSWER_B);
	ok(faq_b > 0, "an article on colour printing added: FAQ-%ld", faq_b);
	test_find(f.db);
	test_insert(f.db, faq_b);
	mr_fixture_free(&f);
	return tap_done();
}
