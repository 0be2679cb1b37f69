/* Screen tests of the ticket lists of the real mado: each view by its key,
 * moving by row, page, Home and End, help, the selected row in reverse
 * video (not colour alone), columns aligned in cells whatever the width
 * of the characters (Japanese subjects, Japanese headers and statuses
 * with --lang ja), 80x24 and 132x40, NO_COLOR and plain terminals, and
 * resizing. What a list should show is taken from `mado ticket list`,
 * which reads the same core function in the same order. */
#include "tests/screen/screen_tap.h"

#include <stdlib.h>
#include <string.h>

#include "tests/screen/mado_run.h"
#include "tests/screen/mado_screen.h"

int main(void);

/* One list's records in order, as the CLI gives them. */
struct records {
	int n;
	char **number, **queue, **owner, **updated, **subject;
};

static char **
grow(char **v, int n)
{
	v = realloc(v, sizeof *v * (size_t)(n + 1));
	if (v == NULL)
		abort();
	return v;
}

static void
records_add(struct records *r, const char *line)
{
	int n = r->n;
	char *updated = mr_csv_field(line, 5);

	r->number = grow(r->number, n);
	r->queue = grow(r->queue, n);
	r->owner = grow(r->owner, n);
	r->updated = grow(r->updated, n);
	r->subject = grow(r->subject, n);
	r->number[n] = mr_csv_field(line, 0);
	r->queue[n] = mr_csv_field(line, 3);
	r->owner[n] = mr_csv_field(line, 4);
	/* "2026-11-18 15:04" is shown as "11-18 15:04". */
	r->updated[n] = strdup(updated != NULL && strlen(updated) > 5 ? updated + 5 : "");
	r->subject[n] = mr_csv_field(line, 6);
	free(updated);
	r->n++;
}

/* The tickets `mado ticket list` gives with the two options opt and arg
 * ("--kind", "inquiry"; "--mine", "--open"). False, with a TAP comment,
 * when the CLI could not list them. */
static bool
records_load(struct records *r, const char *db, const char *opt, const char *arg)
{
	const char *const args[] = { "--format", "csv", "ticket", "list", opt, arg,
		"--limit", "1000", NULL };
	char *out = NULL, *line, *save = NULL;
	int st = mr_cli(db, args, &out);

	memset(r, 0, sizeof *r);
	if (st != 0 || out == NULL) {
		printf("# mado ticket list %s %s exited %d\n", opt, arg, st);
		free(out);
		return false;
	}
	/* The first line is the header. */
	line = strtok_r(out, "\n", &save);
	while ((line = strtok_r(NULL, "\n", &save)) != NULL)
		records_add(r, line);
	free(out);
	return true;
}

static void
records_free(struct records *r)
{
	for (int i = 0; i < r->n; i++) {
		free(r->number[i]);
		free(r->queue[i]);
		free(r->owner[i]);
		free(r->updated[i]);
		free(r->subject[i]);
	}
	free(r->number);
	free(r->queue);
	free(r->owner);
	free(r->updated);
	free(r->subject);
}

/* Whether the list rows show records first.. in order, as many as fit. */
static bool
shows_from(const struct vt *vt, const struct records *r, int first)
{
	for (int row = MS_FIRST_ROW, i = first; row <= ms_last_row(vt) && i < r->n; row++, i++) {
		char *w = ms_first_word(vt, row);
		bool same = strcmp(w, r->number[i]) == 0;

		free(w);
		if (!same)
			return false;
	}
	return true;
}

struct expected {
	const struct records *r;
	int first;
};

static bool
shows_expected(struct vt *vt, void *p)
{
	struct expected *x = p;

	return shows_from(vt, x->r, x->first);
}

/* Waits for the whole list from records first.. : a key's output may
 * arrive in several pieces, and one row changed is not the picture. */
static bool
wait_list(struct vt *vt, const struct records *r, int first)
{
	struct expected x = { r, first };

	return mr_wait(vt, shows_expected, &x, SCREEN_WAIT_MS);
}

static int
list_rows(const struct vt *vt)
{
	return ms_last_row(vt) - MS_FIRST_ROW + 1;
}

struct selection {
	int row;
	const char *number;
};

static bool
shows_selection(struct vt *vt, void *p)
{
	struct selection *s = p;
	char *w = ms_first_word(vt, s->row);
	bool shown = ms_selected_row(vt) == s->row && strcmp(w, s->number) == 0
		&& ms_row_has(vt, ms_status_row(vt), s->number);

	free(w);
	return shown;
}

/* The selected row's record and the status line, which names it. */
static void
selected_is(struct vt *vt, int row, const char *number, const char *what)
{
	struct selection s = { row, number };

	screen_ok(vt, mr_wait(vt, shows_selection, &s, SCREEN_WAIT_MS),
		"%s: row %d selected, showing %s, named on the status line", what, row, number);
}

static void
test_moving(const char *db, const struct records *inq)
{
	struct vt *vt = mr_mado(db, NULL, NULL, 24, 80);
	int last = ms_last_row(vt), page = list_rows(vt);

	screen_ok(vt, wait_list(vt, inq, 0), "start: rows 2..%d show the first %d records in order",
		last, page);
	screen_ok(vt, ms_wait_status(vt, inq->number[0], SCREEN_WAIT_MS),
		"start: the status line names the selected record");
	screen_ok(vt, ms_row_has(vt, 0, "Inquiries"), "start: the title says Inquiries");
	screen_ok(vt, ms_selected_row(vt) == MS_FIRST_ROW && vt_attr_reverse(vt, MS_FIRST_ROW, 14)
		&& !vt_attr_reverse(vt, MS_FIRST_ROW, 79),
		"start: the first row is selected: its number in reverse video, the rest plain");
	screen_ok(vt, !vt_attr_reverse(vt, MS_FIRST_ROW + 1, 0) && !vt_attr_reverse(vt, last, 0),
		"start: other rows are not reversed");

	vt_key(vt, "Down");
	selected_is(vt, MS_FIRST_ROW + 1, inq->number[1], "Down");
	screen_ok(vt, !vt_attr_reverse(vt, MS_FIRST_ROW, 0),
		"Down: the previous row is plain again");
	vt_key(vt, "Up");
	selected_is(vt, MS_FIRST_ROW, inq->number[0], "Up");

	vt_key(vt, "PageDown");
	screen_ok(vt, wait_list(vt, inq, page), "PageDown: the next %d records, in order", page);
	selected_is(vt, MS_FIRST_ROW, inq->number[page], "PageDown");
	vt_key(vt, "Space");
	screen_ok(vt, wait_list(vt, inq, 2 * page), "Space: one page further");
	vt_key(vt, "PageUp");
	screen_ok(vt, wait_list(vt, inq, page), "PageUp: one page back");

	vt_key(vt, "End");
	screen_ok(vt, wait_list(vt, inq, inq->n - page),
		"End: the last %d records, the oldest at the bottom",
		page);
	selected_is(vt, last, inq->number[inq->n - 1], "End");
	screen_ok(vt, !ms_row_has(vt, ms_status_row(vt), "▼"),
		"End: the status line shows nothing more below");
	vt_key(vt, "Home");
	screen_ok(vt, wait_list(vt, inq, 0), "Home: back at the top");
	selected_is(vt, MS_FIRST_ROW, inq->number[0], "Home");
	screen_ok(vt, ms_row_has(vt, ms_status_row(vt), "▼"), "Home: more below is shown");

	vt_key(vt, "?");
	screen_ok(vt, ms_wait_swap(vt, "move-down", inq->number[0], SCREEN_WAIT_MS)
		&& ms_wait_row(vt, 0, "Keys", SCREEN_WAIT_MS) && vt_find_row(vt, "page-down") > 0,
		"help: ? shows the keys instead of the list");
	vt_key(vt, "q");
	screen_ok(vt, vt_wait_gone(vt, "move-down", SCREEN_WAIT_MS) && wait_list(vt, inq, 0),
		"help: q goes back to the list where it was");
	vt_key(vt, "Q");
	screen_ok(vt, vt_wait_exit(vt, SCREEN_WAIT_MS), "Q: mado quits");
	is_int(vt_close(vt), 0, "Q: mado exits 0");
}

/* One view by its key: its title and its first records. */
static void
view_by_key(struct vt *vt, const char *key, const char *title, const struct records *r)
{
	vt_key(vt, key);
	screen_ok(vt, ms_wait_row(vt, 0, title, SCREEN_WAIT_MS),
		"key %s: the title says %s", key, title);
	if (r->n > 0)
		screen_ok(vt, wait_list(vt, r, 0)
			&& ms_wait_selected(vt, MS_FIRST_ROW, SCREEN_WAIT_MS),
			"key %s: its records in order, the first selected", key);
	else
		screen_ok(vt, vt_wait_for(vt, "No tickets here.", SCREEN_WAIT_MS),
			"key %s: an empty list says so", key);
}

static bool
is_mine(const struct records *mine, const char *number)
{
	for (int i = 0; i < mine->n; i++)
		if (strcmp(mine->number[i], number) == 0)
			return true;
	return false;
}

/* My work is ordered by due date, which the CLI does not do: the rows
 * shown are my open tickets, as many as fit, whatever their order. */
static bool
shows_mine(struct vt *vt, void *p)
{
	const struct records *mine = p;
	int shown = 0;

	for (int row = MS_FIRST_ROW; row <= ms_last_row(vt); row++) {
		char *w = ms_first_word(vt, row);
		bool good = w[0] == '\0' || is_mine(mine, w);

		shown += w[0] != '\0';
		free(w);
		if (!good)
			return false;
	}
	return shown == (mine->n < list_rows(vt) ? mine->n : list_rows(vt));
}

static void
view_mywork(struct vt *vt, const struct records *mine)
{
	vt_key(vt, "m");
	screen_ok(vt, ms_wait_row(vt, 0, "My work", SCREEN_WAIT_MS), "key m: the title says My work");
	if (mine->n == 0)
		screen_ok(vt, vt_wait_for(vt, "No tickets here.", SCREEN_WAIT_MS),
			"key m: no open work of mine, and it says so");
	else
		screen_ok(vt, mr_wait(vt, shows_mine, (void *)mine, SCREEN_WAIT_MS),
			"key m: exactly my %d open tickets (as many as fit)", mine->n);
}

static void
test_views(const char *db, const struct records *inq)
{
	struct records inc = { 0 }, req = { 0 }, mine = { 0 };
	struct vt *vt;

	ok(records_load(&inc, db, "--kind", "incident")
		&& records_load(&req, db, "--kind", "request"),
		"views: the CLI lists the incidents and requests");
	vt = mr_mado(db, NULL, NULL, 24, 80);
	screen_ok(vt, wait_list(vt, inq, 0), "views: mado starts on the inquiries");
	view_by_key(vt, "2", "Incidents", &inc);
	view_by_key(vt, "3", "Requests", &req);
	ok(records_load(&mine, db, "--mine", "--open"), "views: the CLI lists my open work");
	view_mywork(vt, &mine);
	view_by_key(vt, "1", "Inquiries", inq);
	vt_close(vt);
	records_free(&inc);
	records_free(&req);
	records_free(&mine);
}

struct columns {
	const char *number, *queue, *owner, *updated, *subject;
};

/* Whether what row shows from col on is the subject, or a beginning of it
 * cut with an ellipsis that stays on the screen. */
static bool
subject_fits(const struct vt *vt, int row, int col, const char *subject)
{
	char *s = vt_row(vt, row), *begin = ms_prefix(subject, 3), *at = strstr(s, begin);
	int rows, cols;
	size_t len;
	bool fits = false;

	vt_size(vt, &rows, &cols);
	if (at != NULL && vt_col_of(vt, row, begin) == col) {
		len = strlen(at);
		fits = strcmp(at, subject) == 0
			|| (len > 3 && strcmp(at + len - 3, "…") == 0
				&& strncmp(at, subject, len - 3) == 0
				&& vt_col_of(vt, row, "…") < cols);
	}
	free(s);
	free(begin);
	return fits;
}

/* Every list row's number, queue, owner, update time and subject start at
 * the column of their header. Returns the number of rows that do not. */
static int
misaligned_rows(const struct vt *vt, const struct records *r, const struct columns *h)
{
	int bad = 0;
	int c_queue = vt_col_of(vt, MS_HEADER_ROW, h->queue);
	int c_owner = vt_col_of(vt, MS_HEADER_ROW, h->owner);
	int c_updated = vt_col_of(vt, MS_HEADER_ROW, h->updated);
	int c_subject = vt_col_of(vt, MS_HEADER_ROW, h->subject);

	for (int i = 0, row = MS_FIRST_ROW; row <= ms_last_row(vt) && i < r->n; i++, row++) {
		char *owner = ms_prefix(r->owner[i], 5);
		bool good = vt_col_of(vt, row, r->number[i]) == 0
			&& vt_col_of(vt, row, r->queue[i]) == c_queue
			&& (owner[0] == '\0' || vt_col_of(vt, row, owner) == c_owner)
			&& vt_col_of(vt, row, r->updated[i]) == c_updated
			&& subject_fits(vt, row, c_subject, r->subject[i]);

		if (!good) {
			printf("# row %d (%s) is not aligned under the headers\n", row, r->number[i]);
			bad++;
		}
		free(owner);
	}
	return bad;
}

/* Whether some row on screen has a subject with wide characters, so that
 * the alignment checks mean something. */
static bool
has_wide_subject(const struct vt *vt, const struct records *r)
{
	for (int i = 0; i < r->n && i < list_rows(vt); i++)
		if ((unsigned char)r->subject[i][0] >= 0xE3)
			return true;
	return false;
}

static void
test_layout(const char *db, const struct records *inq, int rows, int cols, bool ja)
{
	static const struct columns en = { "Number", "Queue", "Owner", "Updated", "Subject" };
	static const struct columns jah = { "番号", "キュー", "担当者", "更新日時", "件名" };
	const struct columns *h = ja ? &jah : &en;
	const char *const lang[] = { "--lang", "ja", NULL };
	struct vt *vt = mr_mado(db, ja ? lang : NULL, NULL, rows, cols);
	const char *what = ja ? "ja" : "en";

	screen_ok(vt, wait_list(vt, inq, 0) && ms_wait_status(vt, inq->number[0], SCREEN_WAIT_MS),
		"%s %dx%d: %d rows of records and the status line", what, cols, rows, list_rows(vt));
	screen_ok(vt, ms_wait_row(vt, MS_HEADER_ROW, h->subject, SCREEN_WAIT_MS)
		&& vt_col_of(vt, MS_HEADER_ROW, h->number) == 0, "%s %dx%d: the header row in %s",
		what, cols, rows, ja ? "Japanese" : "English");
	if (ja)
		screen_ok(vt, ms_row_has(vt, 0, "問合せ"),
			"ja %dx%d: the title is Japanese", cols, rows);
	ok(has_wide_subject(vt, inq),
		"%s %dx%d: Japanese subjects are on screen", what, cols, rows);
	is_int(misaligned_rows(vt, inq, h), 0,
		"%s %dx%d: every column of every row starts under its header, in cells", what, cols,
		rows);
	screen_ok(vt, ms_selected_row(vt) == MS_FIRST_ROW, "%s %dx%d: the first row selected", what,
		cols, rows);
	vt_close(vt);
}

/* A terminal that is not xterm, or no colour: everything is still shown
 * and the selection is still visible. */
static void
test_terminal(const char *db, const struct records *inq, const char *setting)
{
	const char *const env[] = { setting, NULL };
	struct vt *vt = mr_mado(db, NULL, env, 24, 80);
	bool colourless = true;

	screen_ok(vt, wait_list(vt, inq, 0) && ms_wait_status(vt, inq->number[0], SCREEN_WAIT_MS)
		&& ms_row_has(vt, 0, "Inquiries") && ms_row_has(vt, MS_HEADER_ROW, "Subject"),
		"%s: title, header, %d records and status line", setting, list_rows(vt));
	screen_ok(vt, ms_selected_row(vt) == MS_FIRST_ROW,
		"%s: the selected row is reversed", setting);
	vt_key(vt, "Down");
	selected_is(vt, MS_FIRST_ROW + 1, inq->number[1], setting);
	if (strcmp(setting, "NO_COLOR=1") == 0 || strcmp(setting, "TERM=vt100") == 0) {
		for (int row = 0; row < 24; row++)
			for (int col = 0; col < 80; col++)
				colourless = colourless && !vt_attr_colored(vt, row, col);
		screen_ok(vt, colourless && ms_row_reverse(vt, 0)
			&& ms_row_reverse(vt, ms_status_row(vt)),
			"%s: no colour at all; the title and status bars are reverse video", setting);
	}
	vt_close(vt);
}

/* The client follows the terminal's size, keeping the selected record. */
static void
test_resize(const char *db, const struct records *inq)
{
	struct vt *vt = mr_mado(db, NULL, NULL, 24, 80);
	static const int sizes[][2] = { { 40, 132 }, { 24, 80 }, { 12, 60 }, { 30, 100 } };

	screen_ok(vt, wait_list(vt, inq, 0), "resize: the list is shown at 80x24");
	for (int i = 0; i < 3; i++)
		vt_key(vt, "Down");
	selected_is(vt, MS_FIRST_ROW + 3, inq->number[3], "resize: before");
	for (size_t s = 0; s < sizeof sizes / sizeof sizes[0]; s++) {
		int rows = sizes[s][0], cols = sizes[s][1];

		vt_resize(vt, rows, cols);
		screen_ok(vt, ms_wait_status(vt, inq->number[3], SCREEN_WAIT_MS)
			&& ms_row_has(vt, 0, "Inquiries") && ms_row_has(vt, MS_HEADER_ROW, "Number"),
			"resize %dx%d: title, header and status line in their places", cols, rows);
		screen_ok(vt, wait_list(vt, inq, 0),
			"resize %dx%d: %d rows of records, in order", cols,
			rows, list_rows(vt));
		screen_ok(vt, ms_selected_row(vt) == MS_FIRST_ROW + 3,
			"resize %dx%d: the same record is selected", cols, rows);
	}
	vt_close(vt);
}

int
main(void)
{
	const char *const gen[] = { "--tickets", "300", "--kb", "20", "--calllogs", "20",
		"--seed", "3", NULL };
	static const char *const terminals[] = { "NO_COLOR=1", "TERM=vt100", "TERM=screen",
		"TERM=tmux-256color", "TERM=xterm" };
	struct mr_fixture f;
	struct records inq;

	mr_fixture_new(&f, "mado-screen-lists", gen);
	if (!records_load(&inq, f.db, "--kind", "inquiry") || inq.n < 100) {
		printf("Bail out! %d inquiries listed by the CLI\n", inq.n);
		records_free(&inq);
		mr_fixture_free(&f);
		return 1;
	}
	test_moving(f.db, &inq);
	test_views(f.db, &inq);
	test_layout(f.db, &inq, 24, 80, false);
	test_layout(f.db, &inq, 40, 132, false);
	test_layout(f.db, &inq, 24, 80, true);
	test_layout(f.db, &inq, 40, 132, true);
	for (size_t i = 0; i < sizeof terminals / sizeof terminals[0]; i++)
		test_terminal(f.db, &inq, terminals[i]);
	test_resize(f.db, &inq);
	records_free(&inq);
	mr_fixture_free(&f);
	return tap_done();
}
