/* Screen test of the synonyms view of the real mado: 6 opens it, n adds
 * a group パスワード/PW, after which `mado kb search PW` finds an article
 * that only says パスワード (and did not before); Enter adds a term to the
 * selected group, d removes one through the picker; an operator sees the
 * list but every edit is refused on the message line before any typing. */
#include "tests/screen/screen_tap.h"

#include <stdlib.h>
#include <string.h>

#include "tests/screen/mado_run.h"
#include "tests/screen/mado_screen.h"

int main(void);

/* Whether `mado kb search QUERY` lists the article FAQ-no (by number:
 * the title comes with its hits marked). */
static bool
search_finds(const char *db, const char *query, const char *no)
{
	const char *const args[] = { "kb", "search", query, NULL };
	char *out = NULL, ref[48];
	bool found;

	snprintf(ref, sizeof ref, "FAQ-%s ", no);
	mr_cli(db, args, &out);
	found = out != NULL && strstr(out, ref) != NULL;
	free(out);
	return found;
}

/* Adds the article; returns its FAQ number (caller frees). */
static char *
add_article(const char *db)
{
	char *no = NULL;
	const char *const args[] = { "kb", "add", "--title", "パスワードの再設定について", "--question",
		"パスワードを忘れてしまいました。", "--answer",
		"本人確認のうえ、窓口でパスワードを再発行します。", "--public", NULL };

	ok(mr_cli(db, args, &no) == 0 && no != NULL && no[0] != '\0',
		"an article that only says パスワード is added");
	if (no == NULL)
		no = strdup("?");
	no[strcspn(no, "\n")] = '\0';
	return no;
}

/* The text typed at the prompt, then Enter. */
static void
answer(struct vt *vt, const char *text)
{
	vt_send(vt, text);
	vt_key(vt, "Enter");
}

static void
test_admin(const char *db, const char *no)
{
	struct vt *vt = mr_mado(db, NULL, NULL, 24, 100);

	screen_ok(vt, ms_wait_status(vt, "INQ-", SCREEN_WAIT_MS), "admin: mado is up");
	vt_key(vt, "6");
	screen_ok(vt, ms_wait_row(vt, 0, "Synonyms", SCREEN_WAIT_MS)
		&& ms_wait_row(vt, MS_HEADER_ROW, "Group", SCREEN_WAIT_MS),
		"admin: 6 opens the synonyms view with its header");
	vt_key(vt, "n");
	screen_ok(vt, ms_wait_message(vt, "New group", SCREEN_WAIT_MS), "admin: n asks for the terms");
	answer(vt, "パスワード, PW");
	screen_ok(vt, ms_wait_message(vt, "saved", SCREEN_WAIT_MS)
		&& ms_wait_row_with(vt, "パスワード", "PW", SCREEN_WAIT_MS),
		"admin: the group パスワード / PW is saved and listed");
	ok(search_finds(db, "PW", no), "admin: mado kb search PW now finds the article");

	vt_key(vt, "Enter");
	screen_ok(vt, ms_wait_message(vt, "Add to group", SCREEN_WAIT_MS),
		"admin: Enter asks for terms to add to the selected group");
	answer(vt, "パスワ");
	screen_ok(vt, ms_wait_row_with(vt, "PW", "/ パスワ", SCREEN_WAIT_MS),
		"admin: パスワ joins the group");
	ok(search_finds(db, "パスワ", no), "admin: mado kb search パスワ finds it too");

	vt_key(vt, "d");
	screen_ok(vt, ms_wait_row(vt, 0, "Remove a term", SCREEN_WAIT_MS),
		"admin: d opens a picker of the group's terms");
	vt_key(vt, "End");
	vt_key(vt, "Enter");
	screen_ok(vt, ms_wait_message(vt, "removed 'パスワ'", SCREEN_WAIT_MS)
		&& ms_wait_swap(vt, "パスワード / PW", "/ パスワ", SCREEN_WAIT_MS),
		"admin: the last term, パスワ, is removed; パスワード / PW stay");

	vt_key(vt, "n");
	answer(vt, "暗証番号 PW");
	screen_ok(vt, ms_wait_message(vt, "group 1 saved", SCREEN_WAIT_MS)
		&& ms_wait_row_with(vt, "PW", "/ 暗証番号", SCREEN_WAIT_MS),
		"admin: a new group naming a term of group 1 joins group 1");
	vt_close(vt);
}

/* The user running the tests is the fixture's administrator; made an
 * operator, the list stays readable and edits are refused at once. */
static void
test_operator(const char *db)
{
	struct vt *vt;

	if (!mr_set_role(db, "operator")) {
		tap_skip("operator: cannot make the test's user an operator");
		return;
	}
	vt = mr_mado(db, NULL, NULL, 24, 100);
	screen_ok(vt, ms_wait_status(vt, "INQ-", SCREEN_WAIT_MS), "operator: mado is up");
	vt_key(vt, "6");
	screen_ok(vt, ms_wait_row_with(vt, "パスワード", "PW", SCREEN_WAIT_MS),
		"operator: the synonyms are listed");
	vt_key(vt, "n");
	screen_ok(vt, ms_wait_message(vt, "admin", SCREEN_WAIT_MS) && vt_find_row(vt, "New group") < 0,
		"operator: n is refused on the message line, no prompt");
	vt_key(vt, "d");
	screen_ok(vt, ms_wait_message(vt, "admin", SCREEN_WAIT_MS)
		&& ms_row_has(vt, 0, "Synonyms"),
		"operator: d is refused too, the list stays");
	vt_close(vt);
}

int
main(void)
{
	const char *const gen[] = { "--tickets", "30", "--kb", "20", "--seed", "17", NULL };
	struct mr_fixture f;
	char *no;

	mr_fixture_new(&f, "mado-screen-synonyms", gen);
	no = add_article(f.db);
	ok(!search_finds(f.db, "PW", no) && search_finds(f.db, "パスワード", no),
		"before any synonym, mado kb search finds FAQ-%s by パスワード, not by PW", no);
	test_admin(f.db, no);
	test_operator(f.db);
	free(no);
	mr_fixture_free(&f);
	return tap_done();
}
