/* Screen tests of narrowing and ordering a ticket list in the real mado:
 * a filter chosen through pickers (f), cleared (F), words in the subject
 * through the prompt (/) in Japanese, the order changed (s), the filter
 * saved as a named view (S) and opened again (V), and the : command line
 * with completion. What each list should hold is read from the database
 * with the same conditions and order, through the sqlite3 program. */
#include "tests/screen/screen_tap.h"

#include <stdlib.h>
#include <string.h>

#include "tests/screen/mado_run.h"
#include "tests/screen/mado_screen.h"

int main(void);

#define WORD "プリンター"
#define VIEW_NAME "プリンター調査"

/* Ticket numbers in order, one a line, as sqlite3 prints them. */
struct numbers {
	int n;
	char **v;
};

/* The numbers a query gives, in order. The callers' SQL is whole
 * constant text ("SELECT number FROM ticket WHERE ..."). */
static void
numbers_load(struct numbers *ns, const char *db, const char *sql)
{
	char *out, *line, *save = NULL;

	out = mr_sql(db, sql);
	memset(ns, 0, sizeof *ns);
	for (line = strtok_r(out, "\n", &save); line != NULL; line = strtok_r(NULL, "\n", &save)) {
		ns->v = realloc(ns->v, sizeof *ns->v * (size_t)(ns->n + 1));
		if (ns->v == NULL)
			abort();
		ns->v[ns->n++] = strdup(line);
	}
	free(out);
}

static void
numbers_free(struct numbers *ns)
{
	for (int i = 0; i < ns->n; i++)
		free(ns->v[i]);
	free(ns->v);
}

/* The list rows are exactly ns (as many as fit), then blank rows. */
static bool
list_is(struct vt *vt, void *p)
{
	const struct numbers *ns = p;
	bool same = true;

	for (int row = MS_FIRST_ROW, i = 0; same && row <= ms_last_row(vt); row++, i++) {
		char *w = ms_first_word(vt, row);

		same = i < ns->n ? strcmp(w, ns->v[i]) == 0 : w[0] == '\0';
		free(w);
	}
	return same;
}

static bool
wait_list_is(struct vt *vt, const struct numbers *ns)
{
	return mr_wait(vt, list_is, (void *)ns, SCREEN_WAIT_MS);
}

/* Chooses in an open picker by typing what narrows it to one item. */
static void
pick(struct vt *vt, const char *typed, const char *item, const char *what)
{
	char filter[64];

	snprintf(filter, sizeof filter, "> %s", typed);
	screen_ok(vt, vt_wait_for(vt, "type to narrow", SCREEN_WAIT_MS),
		"%s: a picker opens", what);
	vt_send(vt, typed);
	screen_ok(vt, vt_wait_for(vt, filter, SCREEN_WAIT_MS)
		&& vt_wait_for(vt, item, SCREEN_WAIT_MS),
		"%s: typing %s keeps %s", what, typed, item);
	vt_key(vt, "Enter");
}

/* The last rows of ns, as End shows them (its strings, borrowed). */
static struct numbers
tail_of(const struct numbers *ns, int rows)
{
	struct numbers t = { 0 };
	int from = ns->n > rows ? ns->n - rows : 0;

	t.n = ns->n - from;
	t.v = ns->v + from;
	return t;
}

static void
test_filter(const char *db, struct vt *vt, const struct numbers *all)
{
	struct numbers closed, last;
	int rows = ms_last_row(vt) - MS_FIRST_ROW + 1;

	numbers_load(&closed, db, "SELECT number FROM ticket WHERE kind = 'inquiry'"
		" AND status = 'closed' ORDER BY updated_at DESC, id DESC");
	ok(closed.n > rows && closed.n < all->n, "filter: %d closed inquiries, more than a screen",
		closed.n);
	vt_key(vt, "f");
	screen_ok(vt, vt_wait_for(vt, "Filter by", SCREEN_WAIT_MS)
		&& vt_wait_for(vt, "Words in the subject", SCREEN_WAIT_MS),
		"filter: f offers what to filter by");
	vt_key(vt, "Enter");
	pick(vt, "clos", "Closed", "filter: status");
	screen_ok(vt, ms_wait_row(vt, 0, "status:Closed", SCREEN_WAIT_MS) && wait_list_is(vt, &closed),
		"filter: the title shows the filter; exactly the closed inquiries, in order");
	vt_key(vt, "End");
	last = tail_of(&closed, rows);
	screen_ok(vt, wait_list_is(vt, &last), "filter: End shows the last closed ones");
	vt_key(vt, "F");
	screen_ok(vt, ms_wait_message(vt, "Filter cleared", SCREEN_WAIT_MS) && wait_list_is(vt, all)
		&& !ms_row_has(vt, 0, "status:"), "filter: F clears it; the whole list is back from the top");
	numbers_free(&closed);
}

static void
test_search_sort_save(const char *db, struct vt *vt, const struct numbers *all)
{
	struct numbers word, created;

	numbers_load(&word, db, "SELECT number FROM ticket WHERE kind = 'inquiry' AND subject LIKE '%" WORD "%'"
		" ORDER BY updated_at DESC, id DESC");
	numbers_load(&created, db, "SELECT number FROM ticket WHERE kind = 'inquiry' AND subject LIKE '%" WORD "%'"
		" ORDER BY created_at DESC, id DESC");
	ok(word.n > 1 && word.n < 30, "search: %d inquiries about %s", word.n, WORD);
	vt_key(vt, "/");
	screen_ok(vt, ms_wait_row(vt, ms_message_row(vt), "Words in the subject:", SCREEN_WAIT_MS),
		"search: / opens the prompt");
	vt_send(vt, WORD);
	screen_ok(vt, ms_wait_row(vt, ms_message_row(vt), WORD, SCREEN_WAIT_MS),
		"search: the Japanese word is typed");
	vt_key(vt, "Enter");
	screen_ok(vt, ms_wait_row(vt, 0, "text:" WORD, SCREEN_WAIT_MS) && wait_list_is(vt, &word),
		"search: exactly the inquiries with %s in the subject", WORD);

	vt_key(vt, "s");
	screen_ok(vt, ms_wait_row(vt, 0, "by creation", SCREEN_WAIT_MS)
		&& ms_wait_row(vt, MS_HEADER_ROW, "Created", SCREEN_WAIT_MS) && wait_list_is(vt, &created),
		"sort: s orders them by creation, newest first, the date column follows, the words kept");

	vt_key(vt, "S");
	screen_ok(vt, ms_wait_row(vt, ms_message_row(vt), "Save the view as:", SCREEN_WAIT_MS),
		"save: S asks for a name");
	vt_send(vt, VIEW_NAME);
	vt_key(vt, "Enter");
	screen_ok(vt, ms_wait_message(vt, "Saved as the view '" VIEW_NAME "'", SCREEN_WAIT_MS),
		"save: saved under a Japanese name");
	vt_key(vt, "F");
	screen_ok(vt, ms_wait_message(vt, "Filter cleared", SCREEN_WAIT_MS) && !ms_row_has(vt, 0, "text:"),
		"save: the filter cleared");
	vt_key(vt, "V");
	pick(vt, "調査", VIEW_NAME, "open view");
	screen_ok(vt, ms_wait_row(vt, 0, "text:" WORD, SCREEN_WAIT_MS) && ms_row_has(vt, 0, "by creation")
		&& wait_list_is(vt, &created), "open view: V brings back the words and the order");
	numbers_free(&word);
	numbers_free(&created);
}

static void
test_command_line(struct vt *vt, const char *number)
{
	vt_key(vt, ":");
	screen_ok(vt, ms_wait_row(vt, ms_message_row(vt), ":", SCREEN_WAIT_MS),
		"command: : opens the command line");
	vt_send(vt, "incid");
	vt_key(vt, "Tab");
	screen_ok(vt, ms_wait_row(vt, ms_message_row(vt), ":incidents", SCREEN_WAIT_MS),
		"command: Tab completes incidents");
	vt_key(vt, "Enter");
	screen_ok(vt, ms_wait_row(vt, 0, "Incidents", SCREEN_WAIT_MS) && ms_wait_status(vt, "INC-", SCREEN_WAIT_MS),
		"command: :incidents shows the incidents");
	vt_key(vt, ":");
	vt_send(vt, "open ");
	vt_send(vt, number);
	vt_key(vt, "Enter");
	screen_ok(vt, ms_wait_row(vt, 0, number, SCREEN_WAIT_MS) && ms_wait_status(vt, "line ", SCREEN_WAIT_MS),
		"command: :open %s shows it", number);
	vt_key(vt, ":");
	vt_send(vt, "frobnicate");
	vt_key(vt, "Enter");
	screen_ok(vt, ms_wait_message(vt, "frobnicate: no such command", SCREEN_WAIT_MS),
		"command: an unknown command is named");
	vt_key(vt, ":");
	vt_send(vt, "q");
	vt_key(vt, "Enter");
	screen_ok(vt, vt_wait_exit(vt, SCREEN_WAIT_MS), "command: :q quits");
}

int
main(void)
{
	const char *const gen[] = { "--tickets", "300", "--kb", "5", "--calllogs", "5", "--seed", "3",
		NULL };
	struct mr_fixture f;
	struct numbers all;
	struct vt *vt;

	mr_fixture_new(&f, "mado-screen-filters", gen);
	numbers_load(&all, f.db, "SELECT number FROM ticket WHERE kind = 'inquiry'"
		" ORDER BY updated_at DESC, id DESC");
	vt = mr_mado(f.db, NULL, NULL, 40, 132);
	screen_ok(vt, wait_list_is(vt, &all) && ms_wait_status(vt, all.v[0], SCREEN_WAIT_MS),
		"the inquiries are shown");
	test_filter(f.db, vt, &all);
	test_search_sort_save(f.db, vt, &all);
	test_command_line(vt, all.v[5]);
	is_int(vt_close(vt), 0, "mado exits 0");
	numbers_free(&all);
	mr_fixture_free(&f);
	return tap_done();
}
