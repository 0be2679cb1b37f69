/* Screen test of the supervisors' dashboard in the real mado, on 80x24:
 * `:dashboard` and the view-dashboard key (0) show the open and resolved
 * counts per kind as the database has them (read here with sqlite3 and
 * the workflows' open statuses written out), sparklines of the weekly
 * trends and bars per queue in block characters; charts = ascii in
 * mado.conf draws them with # and .:-=+*# instead (and NO_COLOR leaves
 * every figure readable), as does a locale that is not UTF-8; a ticket the mado CLI creates in another process
 * shows on the open dashboard by itself; an operator is refused with
 * core's message. "Now" is pinned to the day the data was generated. */
#include "tests/screen/screen_tap.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "tests/screen/mado_run.h"
#include "tests/screen/mado_screen.h"

int main(void);

static const char *const now_env[] = { "MADO_NOW=" MR_GENERATED_AT, NULL };

/* The statuses that are open (neither resolved nor closed) in
 * share/workflows/KIND.wf, and those resolved. */
#define OPEN_PAIRS \
	"((kind = 'inquiry' AND status IN ('new', 'in_progress', 'waiting')) OR" \
	" (kind = 'incident' AND status IN ('new', 'triage', 'in_progress')) OR" \
	" (kind = 'request' AND status IN ('submitted', 'approved', 'in_progress')))"
#define RESOLVED_PAIRS \
	"((kind = 'inquiry' AND status = 'answered') OR" \
	" (kind = 'incident' AND status = 'recovered') OR" \
	" (kind = 'request' AND status IN ('done', 'rejected')))"

static const char *const block_chars[] = { "▏", "▎", "▍", "▌", "▋", "▊", "▉", "█", NULL };
static const char *const spark_chars[] = { "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█", NULL };

/* The first line sqlite3 prints for sql, without its newline. Newly
 * allocated. */
static char *
sql_line(const char *db, const char *sql)
{
	char *out = mr_sql(db, sql);

	out[strcspn(out, "\n")] = '\0';
	return out;
}

/* Open and resolved tickets of kind, as "OPEN RESOLVED". Newly
 * allocated. One fixed query counts every kind ("KIND OPEN RESOLVED" a
 * line), so no SQL text is made from the kind. */
static char *
expected_counts(const char *db, const char *kind)
{
	char *all = mr_sql(db, "SELECT kind || ' ' || sum(" OPEN_PAIRS ") || ' ' || sum("
		RESOLVED_PAIRS ") FROM ticket GROUP BY kind");
	size_t n = strlen(kind);
	char *out = NULL;

	for (char *line = all; line != NULL && *line != '\0' && out == NULL;) {
		char *end = line + strcspn(line, "\n");

		if (strncmp(line, kind, n) == 0 && line[n] == ' ')
			out = strndup(line + n + 1, (size_t)(end - line - (ptrdiff_t)n - 1));
		line = *end != '\0' ? end + 1 : NULL;
	}
	free(all);
	if (out == NULL && (out = strdup("0 0")) == NULL)
		abort();
	return out;
}

/* text with every run of spaces made one, and one space at each end.
 * Newly allocated. */
static char *
squeeze(const char *text)
{
	char *out = malloc(strlen(text) + 3), *o = out;

	if (out == NULL)
		abort();
	*o++ = ' ';
	for (const char *c = text; *c != '\0'; c++)
		if (*c != ' ' || o[-1] != ' ')
			*o++ = *c;
	if (o[-1] != ' ')
		*o++ = ' ';
	*o = '\0';
	return out;
}

/* Whether the row holding want[0] (a kind's label) shows the numbers of
 * want[1] ("OPEN RESOLVED") right after it, as words. */
static bool
row_shows_counts(struct vt *vt, void *arg)
{
	const char *const *want = arg;
	int row = vt_find_row(vt, want[0]);
	char *text = row >= 0 ? vt_row(vt, row) : NULL, *words, needle[128];
	bool found;

	if (text == NULL)
		return false;
	words = squeeze(text);
	snprintf(needle, sizeof needle, " %s %s ", want[0], want[1]);
	found = strstr(words, needle) != NULL;
	free(words);
	free(text);
	return found;
}

static bool
screen_has_any(const struct vt *vt, const char *const chars[])
{
	char *s = vt_screen(vt);
	bool any = false;

	for (int i = 0; chars[i] != NULL && !any; i++)
		any = strstr(s, chars[i]) != NULL;
	free(s);
	return any;
}

/* The row of text, or -1; its contents after the text's column. */
static char *
row_after(const struct vt *vt, const char *text)
{
	int row = vt_find_row(vt, text);
	char *line = row >= 0 ? vt_row(vt, row) : NULL, *rest;

	if (line == NULL)
		return strdup("");
	rest = strdup(strstr(line, text) + strlen(text));
	free(line);
	return rest;
}

static void
check_counts(struct vt *vt, const char *db, const char *what)
{
	static const struct {
		const char *kind, *label;
	} kinds[] = { { "inquiry", "Inquiries" }, { "incident", "Incidents" },
		{ "request", "Requests" } };

	for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
		char *want = expected_counts(db, kinds[i].kind);
		const char *arg[] = { kinds[i].label, want };

		screen_ok(vt, mr_wait(vt, row_shows_counts, arg, SCREEN_WAIT_MS),
			"%s: %s open and resolved: %s", what, kinds[i].label, want);
		free(want);
	}
}

/* The queue with the most open tickets: "NAME COUNT" (ties: by code). */
static char *
top_queue(const char *db)
{
	return sql_line(db, "SELECT q.name || ' ' || count(*) FROM ticket t JOIN queue q"
		" ON q.id = t.queue_id WHERE " OPEN_PAIRS " GROUP BY t.queue_id"
		" ORDER BY count(*) DESC, q.code LIMIT 1");
}

static void
test_open(const char *db)
{
	struct vt *vt = mr_mado(db, NULL, now_env, 24, 80);
	char *top = top_queue(db), *name = strndup(top, strcspn(top, " "));
	char *count = strdup(top + strlen(name) + 1), *rest;

	screen_ok(vt, ms_wait_status(vt, "INQ-", SCREEN_WAIT_MS), "open: the list is shown");
	vt_send(vt, ":dashboard\r");
	screen_ok(vt, ms_wait_row(vt, 0, "Dashboard 2025-06-02 12:00", SCREEN_WAIT_MS),
		"open: :dashboard opens it, as of now in JST");
	screen_ok(vt, vt_wait_for(vt, "Knowledge", SCREEN_WAIT_MS), "open: the panels are drawn");
	vt_settle(vt, 100, SCREEN_WAIT_MS);
	check_counts(vt, db, "open");
	rest = row_after(vt, "Inquiries");
	ok(screen_has_any(vt, spark_chars) && strstr(rest, "▁") != NULL,
		"open: the weekly trends are sparklines of ▁▂▃▄▅▆▇█");
	free(rest);
	screen_ok(vt, vt_wait_for(vt, "Open by queue", SCREEN_WAIT_MS) && screen_has_any(vt,
		block_chars), "open: the queues are bars of ▏▎▍▌▋▊▉█");
	rest = row_after(vt, name);
	ok(strstr(rest, count) != NULL && strstr(rest, "█") != NULL,
		"open: the busiest queue %s has its %s open and the longest bar", name, count);
	free(rest);
	screen_ok(vt, vt_wait_for(vt, "Oldest open", SCREEN_WAIT_MS)
		&& vt_wait_for(vt, "Self-resolution (FAQ)", SCREEN_WAIT_MS),
		"open: the oldest items and the self-resolution rate fit on 80x24");
	vt_key(vt, "q");
	screen_ok(vt, vt_wait_gone(vt, "Dashboard", SCREEN_WAIT_MS), "open: q closes it");
	vt_key(vt, "0");
	screen_ok(vt, ms_wait_row(vt, 0, "Dashboard", SCREEN_WAIT_MS), "key: 0 opens it");
	vt_close(vt);
	free(top);
	free(name);
	free(count);
}

/* Another process (the mado CLI) creates an inquiry: the open dashboard
 * counts it without a key being pressed. */
static void
test_live(const char *db)
{
	const char *const args[] = { "ticket", "new", "--kind", "inquiry", "--subject",
		"ダッシュボードのライブ更新", NULL };
	struct vt *vt = mr_mado(db, NULL, now_env, 24, 80);
	char *out = NULL, *want;
	const char *arg[] = { "Inquiries", NULL };

	screen_ok(vt, ms_wait_status(vt, "INQ-", SCREEN_WAIT_MS), "live: the list is shown");
	vt_key(vt, "0");
	screen_ok(vt, vt_wait_for(vt, "Knowledge", SCREEN_WAIT_MS), "live: the dashboard is up");
	check_counts(vt, db, "live, before");
	is_int(mr_cli(db, args, &out), 0, "live: the CLI creates an inquiry");
	want = expected_counts(db, "inquiry");
	arg[1] = want;
	screen_ok(vt, mr_wait(vt, row_shows_counts, arg, SCREEN_WAIT_MS),
		"live: the dashboard shows it by itself: inquiries %s", want);
	free(want);
	free(out);
	vt_close(vt);
}

static void
test_ascii(const char *db, const char *dir)
{
	char *conf = mr_settings(dir, "ascii", "[client]\ncharts = ascii\n"), *rest;
	const char *const env[] = { "MADO_NOW=" MR_GENERATED_AT, "NO_COLOR=1", conf, NULL };
	struct vt *vt = mr_mado(db, NULL, env, 24, 80);
	char *top = top_queue(db), *name = strndup(top, strcspn(top, " "));

	screen_ok(vt, ms_wait_status(vt, "INQ-", SCREEN_WAIT_MS), "ascii: the list is shown");
	vt_key(vt, "0");
	screen_ok(vt, vt_wait_for(vt, "Knowledge", SCREEN_WAIT_MS), "ascii: the dashboard is up");
	vt_settle(vt, 100, SCREEN_WAIT_MS);
	check_counts(vt, db, "ascii (NO_COLOR)");
	ok(!screen_has_any(vt, block_chars) && !screen_has_any(vt, spark_chars),
		"ascii: no block character anywhere");
	rest = row_after(vt, name);
	ok(strstr(rest, "#") != NULL, "ascii: the busiest queue's bar is of # (%s)", rest);
	free(rest);
	rest = row_after(vt, "Inquiries");
	ok(strspn(rest, " 0123456789.:-=+*#") == strlen(rest) && strpbrk(rest, ".:-=+*#") != NULL,
		"ascii: the trends are sparklines of .:-=+*# (%s)", rest);
	free(rest);
	vt_close(vt);
	free(top);
	free(name);
	free(conf);
}

/* Without charts in the settings, a locale that is not UTF-8 (LC_ALL=C)
 * gets the ASCII charts by itself. */
static void
test_locale(const char *db)
{
	const char *const env[] = { "MADO_NOW=" MR_GENERATED_AT, "LC_ALL=C", NULL };
	struct vt *vt = mr_mado(db, NULL, env, 24, 80);
	char *rest;

	screen_ok(vt, ms_wait_status(vt, "INQ-", SCREEN_WAIT_MS), "C locale: the list is shown");
	vt_key(vt, "0");
	screen_ok(vt, vt_wait_for(vt, "Knowledge", SCREEN_WAIT_MS), "C locale: the dashboard is up");
	vt_settle(vt, 100, SCREEN_WAIT_MS);
	check_counts(vt, db, "C locale");
	rest = row_after(vt, "Inquiries");
	ok(!screen_has_any(vt, block_chars) && !screen_has_any(vt, spark_chars) &&
		strpbrk(rest, ".:-=+*#") != NULL,
		"C locale: the charts are ASCII without being asked (%s)", rest);
	free(rest);
	vt_close(vt);
}

/* The user running the tests is the fixture's administrator; made an
 * operator, the dashboard is refused with core's message. */
static void
test_operator(const char *db)
{
	struct vt *vt;

	if (!mr_set_role(db, "operator")) {
		tap_skip("operator: cannot make the test's user an operator");
		return;
	}
	vt = mr_mado(db, NULL, now_env, 24, 80);
	screen_ok(vt, ms_wait_status(vt, "INQ-", SCREEN_WAIT_MS), "operator: mado is up");
	vt_key(vt, "0");
	screen_ok(vt, ms_wait_message(vt, "reading the dashboard needs the supervisor role",
		SCREEN_WAIT_MS) && !ms_row_has(vt, 0, "Dashboard"),
		"operator: the dashboard is refused on the message line");
	vt_send(vt, ":dashboard\r");
	screen_ok(vt, ms_wait_message(vt, "supervisor", SCREEN_WAIT_MS)
		&& !ms_row_has(vt, 0, "Dashboard"), "operator: :dashboard too");
	vt_close(vt);
}

int
main(void)
{
	const char *const gen[] = { "--tickets", "300", "--kb", "20", "--calllogs", "200",
		"--seed", "7", NULL };
	struct mr_fixture f;

	mr_fixture_new(&f, "mado-screen-dashboard", gen);
	/* The CLI, run from here, works on the same day as the screens. */
	setenv("MADO_NOW", MR_GENERATED_AT, 1);
	test_open(f.db);
	test_live(f.db);
	test_ascii(f.db, f.dir);
	test_locale(f.db);
	test_operator(f.db);
	mr_fixture_free(&f);
	return tap_done();
}
