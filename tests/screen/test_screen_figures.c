/* Screen test of the call figures in the real mado: `:figures YYYY-MM`
 * and the view-figures key (this month) show the month's totals, the
 * same as `mado --format json report calls` for that month, numbers
 * right-aligned; a malformed month and a user below supervisor are
 * refused on the message line. */
#include "tests/screen/screen_tap.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "tests/screen/mado_run.h"
#include "tests/screen/mado_screen.h"

int main(void);

enum { NTOTALS = 7, JST_OFFSET = 9 * 3600 };

/* The totals' labels on screen and their keys in the JSON total row. */
static const struct {
	const char *label, *key;
} totals[NTOTALS] = {
	{ "Received", "received" },
	{ "Handled", "handled" },
	{ "Transferred", "transferred" },
	{ "One-stop rate", "one_stop_rate" },
	{ "Average talk time", "avg_talk_s" },
	{ "Average handling time", "avg_handling_s" },
	{ "Open records", "open" },
};

/* The value of "key": "…" in json, or "". Newly allocated. */
static char *
json_value(const char *json, const char *key)
{
	char pat[64];
	const char *at;

	snprintf(pat, sizeof pat, "\"%s\": \"", key);
	at = json != NULL ? strstr(json, pat) : NULL;
	if (at == NULL)
		return strdup("");
	at += strlen(pat);
	return strndup(at, strcspn(at, "\""));
}

/* `mado --format json report calls` for [from, to): its one row (no
 * breakdown asked) is the total. Newly allocated, or NULL. */
static char *
report(const char *db, const char *from, const char *to)
{
	const char *args[] = { "--format", "json", "report", "calls", "--from", from, "--to", to,
		NULL };
	char *out = NULL;

	if (mr_cli(db, args, &out) != 0) {
		free(out);
		return NULL;
	}
	return out;
}

/* The first day of year-month and of the month after, "YYYY-MM-01". */
static void
month_bounds(int year, int month, char *from, char *to, size_t size)
{
	snprintf(from, size, "%04d-%02d-01", year, month);
	snprintf(to, size, "%04d-%02d-01", year + month / 12, month % 12 + 1);
}

/* Every total on its labelled row as the report has it, their last
 * digits in one column (right-aligned by cells). */
static void
check_totals(struct vt *vt, const char *json, const char *what)
{
	int end = -1;
	bool aligned = true;

	/* Read the whole picture, not a frame still being painted. */
	vt_settle(vt, 100, SCREEN_WAIT_MS);
	for (int i = 0; i < NTOTALS; i++) {
		char *want = json_value(json, totals[i].key);
		int row, col;

		screen_ok(vt, want[0] != '\0' && ms_wait_row_with(vt, totals[i].label, want,
			SCREEN_WAIT_MS), "%s: %s %s as in mado report calls", what, totals[i].label,
			want);
		row = vt_find_row(vt, totals[i].label);
		col = row >= 0 ? vt_col_of(vt, row, want) + (int)strlen(want) : -1;
		if (end < 0)
			end = col;
		aligned = aligned && col == end && col > 0;
		free(want);
	}
	screen_ok(vt, aligned, "%s: the totals are right-aligned in one column", what);
}

static void
test_month(const char *db)
{
	struct vt *vt = mr_mado(db, NULL, NULL, 40, 100);
	char from[32], to[32], *json, *received;

	month_bounds(2025, 5, from, to, sizeof from);
	json = report(db, from, to);
	received = json_value(json, "received");
	ok(json != NULL && atoi(received) > 0, "month: the report has calls in 2025-05: %s",
		received);
	screen_ok(vt, ms_wait_status(vt, "INQ-", SCREEN_WAIT_MS), "month: the list is shown");
	vt_send(vt, ":figures 2025-05\r");
	screen_ok(vt, ms_wait_row(vt, 0, "Call figures 2025-05", SCREEN_WAIT_MS),
		"month: :figures 2025-05 opens the figures");
	check_totals(vt, json, "month");
	screen_ok(vt, vt_wait_for(vt, "By day", SCREEN_WAIT_MS)
		&& vt_wait_for(vt, "2025-05-", SCREEN_WAIT_MS),
		"month: the breakdown by day follows, with the month's days");
	vt_key(vt, "End");
	screen_ok(vt, vt_wait_for(vt, "Most used FAQs", SCREEN_WAIT_MS),
		"month: the top FAQs at the end");
	vt_key(vt, "q");
	screen_ok(vt, vt_wait_gone(vt, "Call figures", SCREEN_WAIT_MS), "month: q closes it");
	vt_send(vt, ":figures 2025-13\r");
	screen_ok(vt, ms_wait_message(vt, "YYYY-MM", SCREEN_WAIT_MS),
		"month: a malformed month is refused");
	vt_key(vt, "Q");
	screen_ok(vt, vt_wait_exit(vt, SCREEN_WAIT_MS), "month: Q quits");
	vt_close(vt);
	free(received);
	free(json);
}

/* The key (7) opens this month's figures, the month in JST. */
static void
test_this_month(const char *db)
{
	time_t now = time(NULL) + JST_OFFSET;
	struct tm tm;
	struct vt *vt;
	char from[32], to[32], title[32], *json;

	gmtime_r(&now, &tm);
	month_bounds(tm.tm_year + 1900, tm.tm_mon + 1, from, to, sizeof from);
	snprintf(title, sizeof title, "Call figures %.7s", from);
	json = report(db, from, to);
	vt = mr_mado(db, NULL, NULL, 40, 100);
	screen_ok(vt, ms_wait_status(vt, "INQ-", SCREEN_WAIT_MS), "key: the list is shown");
	vt_key(vt, "7");
	screen_ok(vt, ms_wait_row(vt, 0, title, SCREEN_WAIT_MS), "key: 7 opens %s", title);
	check_totals(vt, json, "key");
	vt_close(vt);
	free(json);
}

/* The user running the tests is the fixture's administrator; made an
 * operator, the figures are refused with core's message. */
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
	vt_send(vt, ":figures 2025-05\r");
	screen_ok(vt, ms_wait_message(vt, "supervisor", SCREEN_WAIT_MS)
		&& !ms_row_has(vt, 0, "Call figures"),
		"operator: the figures are refused on the message line");
	vt_close(vt);
}

int
main(void)
{
	const char *const gen[] = { "--tickets", "20", "--kb", "5", "--calllogs", "300", "--seed", "7",
		NULL };
	struct mr_fixture f;

	mr_fixture_new(&f, "mado-screen-figures", gen);
	test_month(f.db);
	test_this_month(f.db);
	test_operator(f.db);
	mr_fixture_free(&f);
	return tap_done();
}
