/* Screen tests of live updates: two mado processes on one database while
 * the CLI changes tickets. The clients notice other processes' commits by
 * PRAGMA data_version (read once a second, no polling of tables), so a
 * change must be on both screens within a second or two. Nothing sleeps:
 * the tests wait for the picture and measure how long it took. */
#include "tests/screen/screen_tap.h"

#include <stdlib.h>
#include <string.h>

#include "tests/screen/mado_run.h"
#include "tests/screen/mado_screen.h"

int main(void);

/* The issue asks for "within a second"; the clients look once a second,
 * and a loaded test machine adds to that. */
enum { LIVE_MS = 3000 };

/* Waits for the row holding key to show text on vt after a change made
 * at start_ms; prints how long it took and checks it was soon enough.
 * Only the first client looked at is timed (start_ms > 0): the other's
 * output waits in its terminal meanwhile. */
static void
arrives(struct vt *vt, long long start_ms, const char *key, const char *text, const char *what)
{
	bool seen = ms_wait_row_with(vt, key, text, SCREEN_WAIT_MS);
	long long took = mr_now_ms() - start_ms;

	screen_ok(vt, seen, "%s", what);
	if (start_ms > 0 && seen) {
		printf("# %s: on screen %lld ms after the change\n", what, took);
		ok(took <= LIVE_MS, "%s: within %d ms (%lld)", what, LIVE_MS, took);
	}
}

static char *
cli_line(const char *db, const char *const args[], const char *what)
{
	char *out = NULL;
	int st = mr_cli(db, args, &out);

	is_int(st, 0, "%s exits 0", what);
	if (out != NULL)
		out[strcspn(out, "\n")] = '\0';
	return out;
}

/* The record selected on the status line of vt. */
static char *
selected_number(const struct vt *vt)
{
	int row = ms_selected_row(vt);

	return row >= 0 ? ms_first_word(vt, row) : calloc(1, 1);
}

static bool
selection_on(struct vt *vt, void *number)
{
	char *now = selected_number(vt);
	bool same = strcmp(now, number) == 0 && ms_row_has(vt, ms_status_row(vt), number);

	free(now);
	return same;
}

/* The number of a record on screen below the top whose status may become
 * "waiting" (new or in progress), else fallback. Newly allocated. */
static char *
open_record_below(const struct vt *vt, const char *fallback)
{
	for (int row = MS_FIRST_ROW + 2; row <= ms_last_row(vt); row++)
		if (ms_row_has(vt, row, " New ") || ms_row_has(vt, row, " In prog"))
			return ms_first_word(vt, row);
	return strdup(fallback);
}

static void
test_cli_changes(const char *db)
{
	const char *const ja[] = { "--lang", "ja", NULL };
	struct vt *a = mr_mado(db, NULL, NULL, 24, 80);
	struct vt *b = mr_mado(db, ja, NULL, 30, 100);
	char *selected, *number, *target;
	long long start;

	screen_ok(a, vt_wait_for(a, "INQ-", SCREEN_WAIT_MS) && ms_wait_status(a, "INQ-", SCREEN_WAIT_MS),
		"client A (en, 80x24) shows the inquiries");
	screen_ok(b, vt_wait_for(b, "INQ-", SCREEN_WAIT_MS) && ms_wait_status(b, "INQ-", SCREEN_WAIT_MS),
		"client B (ja, 100x30) shows the inquiries");
	vt_key(a, "Down");
	screen_ok(a, ms_wait_selected(a, MS_FIRST_ROW + 1, SCREEN_WAIT_MS),
		"A: the second row selected");
	selected = selected_number(a);

	{
		const char *const args[] = { "ticket", "new", "--kind", "inquiry",
			"--subject", "ライブ更新の確認", "--body", "別の端末から登録した問合せです。",
			NULL };

		number = cli_line(db, args, "CLI: ticket new");
	}
	start = mr_now_ms();
	arrives(a, start, number, "ライブ", "A: the new inquiry appears");
	arrives(b, 0, number, "ライブ更新の確認", "B: the new inquiry appears, subject and all");
	screen_ok(a, ms_wait_row(a, MS_FIRST_ROW, number, SCREEN_WAIT_MS),
		"A: the newest change is at the top of the list");
	screen_ok(a, mr_wait(a, selection_on, selected, SCREEN_WAIT_MS),
		"A: the selection stays on the record it was on (%s)", selected);

	/* A record further down, changed: it shows its new status. */
	target = open_record_below(a, number);
	{
		const char *const args[] = { "ticket", "status", target, "waiting", NULL };
		char *out = cli_line(db, args, "CLI: ticket status");

		free(out);
		start = mr_now_ms();
		arrives(a, start, target, "Waiting", "A: the changed status is shown on its row");
		arrives(b, 0, target, "回答待ち", "B: the changed status is shown on its row, in Japanese");
	}
	{
		const char *const args[] = { "ticket", "update", number, "subject=別端末で件名変更", NULL };
		char *out = cli_line(db, args, "CLI: ticket update");

		free(out);
		start = mr_now_ms();
		arrives(a, start, number, "別端末で件名変更", "A: the changed subject is shown");
		arrives(b, 0, number, "別端末で件名変更", "B: the changed subject is shown");
		screen_ok(a, vt_wait_gone(a, "ライブ更新の確認", SCREEN_WAIT_MS),
			"A: the old subject is gone");
	}
	free(target);
	free(number);
	free(selected);
	vt_close(a);
	vt_close(b);
}

/* The value on the detail row whose label is label (" Status "): the
 * text after it, spaces trimmed. Newly allocated. */
static char *
field_value(const struct vt *vt, const char *label)
{
	int row = vt_find_row(vt, label);
	char *s = row >= 0 ? vt_row(vt, row) : strdup(""), *v = strstr(s, label), *out;

	v = v != NULL ? v + strlen(label) : s + strlen(s);
	v += strspn(v, " ");
	out = strdup(v);
	free(s);
	return out;
}

/* Both clients on the same ticket; what one writes the other shows. */
static void
test_tui_changes(const char *db)
{
	struct vt *a = mr_mado(db, NULL, NULL, 30, 100);
	struct vt *b = mr_mado(db, NULL, NULL, 30, 100);
	char *number, *status;
	long long start;

	screen_ok(a, ms_wait_status(a, "INQ-", SCREEN_WAIT_MS), "detail: A shows the list");
	screen_ok(b, ms_wait_status(b, "INQ-", SCREEN_WAIT_MS), "detail: B shows the list");
	number = ms_first_word(b, MS_FIRST_ROW);
	vt_key(a, "Enter");
	vt_key(b, "Enter");
	screen_ok(a, ms_wait_row(a, 0, number, SCREEN_WAIT_MS) && ms_wait_status(a, "line ", SCREEN_WAIT_MS),
		"detail: A opens %s", number);
	screen_ok(b, ms_wait_row(b, 0, number, SCREEN_WAIT_MS) && ms_wait_status(b, "line ", SCREEN_WAIT_MS),
		"detail: B opens %s", number);

	vt_key(a, "N");
	screen_ok(a, ms_wait_row(a, 0, "Internal note on", SCREEN_WAIT_MS),
		"detail: A writes a note");
	vt_send(a, "別の端末からのメモ");
	vt_key(a, "C-s");
	screen_ok(a, vt_wait_for(a, "internal note saved", SCREEN_WAIT_MS), "detail: A saved it");
	start = mr_now_ms();
	vt_key(b, "End");
	arrives(b, start, "別の端末からのメモ", "│", "detail: B shows A's note");

	vt_key(a, "t");
	screen_ok(a, vt_wait_for(a, "New status of", SCREEN_WAIT_MS),
		"detail: A opens the status picker");
	vt_key(a, "Enter");
	screen_ok(a, vt_wait_for(a, "status changed", SCREEN_WAIT_MS),
		"detail: A changed the status");
	start = mr_now_ms();
	vt_key(a, "Home");
	vt_key(b, "Home");
	screen_ok(a, ms_wait_row(a, 1, "Number", SCREEN_WAIT_MS), "detail: A shows its fields");
	status = field_value(a, " Status ");
	arrives(b, start, " Status ", status, "detail: B shows A's new status");
	free(status);
	free(number);
	vt_close(a);
	vt_close(b);
}

int
main(void)
{
	const char *const gen[] = { "--tickets", "120", "--kb", "5", "--calllogs", "5", "--seed", "5",
		NULL };
	struct mr_fixture f;

	mr_fixture_new(&f, "mado-screen-live", gen);
	test_cli_changes(f.db);
	test_tui_changes(f.db);
	mr_fixture_free(&f);
	return tap_done();
}
