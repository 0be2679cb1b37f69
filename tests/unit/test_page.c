/* Wrapping the text of a detail page by screen cells: Japanese without
 * spaces, English by words, closing marks kept off the start of a line,
 * tabs, line breaks, and widths too narrow for a wide character. */
#include "tests/tap.h"

#include <glib.h>

#include "base/textwidth.h"
#include "tui/page.h"

int main(void);

/* The wrapped lines joined by "|", for comparing; caller frees. */
static char *
wrapped(const char *text, int cells, int ambi)
{
	GPtrArray *out = g_ptr_array_new_with_free_func(g_free);
	char *joined;

	page_wrap(text, cells, ambi, out);
	g_ptr_array_add(out, NULL);
	joined = g_strjoinv("|", (char **)out->pdata);
	g_ptr_array_free(out, TRUE);
	return joined;
}

static void
check(const char *text, int cells, int ambi, const char *want, const char *name)
{
	char *got = wrapped(text, cells, ambi);

	is_str(got, want, "%s", name);
	g_free(got);
}

/* No line may be wider than asked. */
static void
check_widths(const char *text, int cells, int ambi, const char *name)
{
	GPtrArray *out = g_ptr_array_new_with_free_func(g_free);
	bool fits = true;

	page_wrap(text, cells, ambi, out);
	for (guint i = 0; i < out->len; i++)
		fits = fits && tw_width(g_ptr_array_index(out, i), -1, ambi) <= cells;
	ok(fits && out->len > 1, "%s", name);
	g_ptr_array_free(out, TRUE);
}

int
main(void)
{
	check("住民票の写しを請求", 8, TW_AMBI_NARROW, "住民票の|写しを請|求",
		"Japanese breaks between any two characters");
	check("市民課です。", 10, TW_AMBI_NARROW, "市民課で|す。",
		"a full stop does not start a line: the character before goes down with it");
	check("「はい」と", 6, TW_AMBI_NARROW, "「は|い」と", "nor does a closing bracket");
	check("the quick brown fox", 10, TW_AMBI_NARROW, "the quick|brown fox",
		"English breaks at spaces");
	check("abcdefghijkl", 5, TW_AMBI_NARROW, "abcde|fghij|kl", "a word longer than a line is cut");
	check("一行目\n\n三行目", 20, TW_AMBI_NARROW, "一行目||三行目", "line breaks and blank lines kept");
	check("a\tb", 20, TW_AMBI_NARROW, "a       b", "a tab goes to the next stop of 8");
	check("窓口\r\n", 20, TW_AMBI_NARROW, "窓口|", "carriage returns dropped");
	check("", 10, TW_AMBI_NARROW, "", "empty text is one empty line");
	check("窓口", 1, TW_AMBI_NARROW, "窓|口", "too narrow: a character per line anyway");
	check("○○○", 4, TW_AMBI_WIDE, "○○|○", "ambiguous characters two cells wide when asked");
	check("○○○", 4, TW_AMBI_NARROW, "○○○", "and one cell when not");
	check_widths("申請書は、市民課（本庁舎1階）または各出張所の窓口でお受け取りください。"
		" Download the form from https://example.jp/forms/juminhyo.pdf if you prefer.",
		13, TW_AMBI_NARROW, "mixed text: no line wider than asked");
	return tap_done();
}
