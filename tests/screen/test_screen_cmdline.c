/* Screen tests of the `:` command line of the real mado: Tab completes a
 * command and then its arguments from the database (a queue code, a
 * field name); :assign, :set and :status change the ticket shown, which
 * the screen and the CLI then show; an unknown value is named on the
 * message line; :filter narrows a list. And the user's own settings file
 * (XDG_CONFIG_HOME/madoguchi/mado.conf): ambiwidth=2 lays a subject of
 * ambiguous-width characters (○) out two cells each, keymap=vi binds j,
 * and a wrong value is reported on the message line with file and key. */
#include "tests/screen/screen_tap.h"

#include <stdlib.h>
#include <string.h>

#include "tests/screen/mado_run.h"
#include "tests/screen/mado_screen.h"

int main(void);

/* Types a command line without Enter. */
static void
type_command(struct vt *vt, const char *text)
{
	vt_key(vt, ":");
	vt_send(vt, text);
}

static void
run_command(struct vt *vt, const char *text)
{
	type_command(vt, text);
	vt_key(vt, "Enter");
}

/* The value of a field of the ticket view (" Priority  2" gives "2"),
 * or NULL when no row starts with the label. Newly allocated. */
static char *
field_value(const struct vt *vt, const char *label)
{
	size_t n = strlen(label);

	for (int row = 1; row <= ms_last_row(vt); row++) {
		char *s = vt_row(vt, row), *v = s + strspn(s, " ");

		if (strncmp(v, label, n) == 0 && v[n] == ' ') {
			char *out = strdup(v + n + strspn(v + n, " "));

			free(s);
			return out;
		}
		free(s);
	}
	return NULL;
}

struct field {
	const char *label, *want;
};

static bool
field_has(struct vt *vt, void *p)
{
	const struct field *f = p;
	char *v = field_value(vt, f->label);
	bool has = v != NULL && strstr(v, f->want) != NULL;

	free(v);
	return has;
}

static bool
wait_field(struct vt *vt, const char *label, const char *want)
{
	struct field f = { label, want };

	return mr_wait(vt, field_has, &f, SCREEN_WAIT_MS);
}

static void
test_complete_command(struct vt *vt)
{
	type_command(vt, "ass");
	vt_key(vt, "Tab");
	screen_ok(vt, ms_wait_row(vt, ms_message_row(vt), ":assign", SCREEN_WAIT_MS),
		"complete: : ass + Tab gives :assign");
	vt_key(vt, "C-g");
	screen_ok(vt, vt_wait_gone(vt, ":assign", SCREEN_WAIT_MS), "complete: C-g cancels it");
	run_command(vt, "assign HELPDESK");
	screen_ok(vt, ms_wait_message(vt, "works on the ticket shown", SCREEN_WAIT_MS),
		"assign on a list says it works on the ticket shown");
}

/* :assign with the queue completed from the queue master. */
static void
test_assign(struct vt *vt)
{
	char *queue = field_value(vt, "Queue");
	bool network = queue != NULL && strstr(queue, "(NETWORK)") != NULL;
	const char *prefix = network ? "assign PRI" : "assign NET";
	const char *code = network ? "PRINT" : "NETWORK";
	char line[64], shown[64];

	snprintf(line, sizeof line, ":assign %s", code);
	type_command(vt, prefix);
	vt_key(vt, "Tab");
	screen_ok(vt, ms_wait_row(vt, ms_message_row(vt), line, SCREEN_WAIT_MS),
		"assign: Tab completes the queue code %s", code);
	vt_key(vt, "Enter");
	snprintf(shown, sizeof shown, "(%s)", code);
	screen_ok(vt, ms_wait_message(vt, "assigned", SCREEN_WAIT_MS) && wait_field(vt, "Queue", shown),
		"assign: the ticket's queue is now %s", code);
	free(queue);

	run_command(vt, "assign NOPE");
	screen_ok(vt, ms_wait_message(vt, "no such queue 'NOPE'", SCREEN_WAIT_MS),
		"assign: an unknown queue is named on the message line");
}

/* :set with the field completed, and the change on screen and in the
 * database. */
static void
test_set(struct vt *vt, const char *db, const char *number)
{
	char *before = field_value(vt, "Priority"), *shown = NULL;
	const char *const args[] = { "ticket", "show", number, NULL };

	if (before != NULL && strcmp(before, "2") == 0) {
		run_command(vt, "set priority 4");
		wait_field(vt, "Priority", "4");
	}
	free(before);
	type_command(vt, "set pri");
	vt_key(vt, "Tab");
	screen_ok(vt, ms_wait_row(vt, ms_message_row(vt), ":set priority", SCREEN_WAIT_MS),
		"set: Tab completes the field name");
	vt_send(vt, "2");
	vt_key(vt, "Enter");
	screen_ok(vt, ms_wait_message(vt, "priority changed", SCREEN_WAIT_MS)
		&& wait_field(vt, "Priority", "2"),
		"set: :set priority 2 shows Priority 2");
	is_int(mr_cli(db, args, &shown), 0, "set: mado ticket show %s", number);
	ok(shown != NULL && strstr(shown, "Priority:       2\n") != NULL, "set: priority 2 was saved");
	free(shown);

	run_command(vt, "set colour red");
	screen_ok(vt, ms_wait_message(vt, "no field 'colour'", SCREEN_WAIT_MS),
		"set: an unknown field is named");
	run_command(vt, "status bogus");
	screen_ok(vt, ms_wait_message(vt, "'bogus' is not a status", SCREEN_WAIT_MS),
		"status: an unknown status is named, with those open from here");
}

static void
test_filter(struct vt *vt)
{
	run_command(vt, "filter queue HELPDESK");
	screen_ok(vt, ms_wait_row(vt, 0, "queue:HELPDESK", SCREEN_WAIT_MS),
		"filter: the title shows queue:HELPDESK");
	screen_ok(vt, ms_wait_row(vt, MS_FIRST_ROW, "HELPDESK", SCREEN_WAIT_MS),
		"filter: the rows are HELPDESK's");
	run_command(vt, "filter queue nope");
	screen_ok(vt, ms_wait_message(vt, "no queue 'nope'", SCREEN_WAIT_MS),
		"filter: an unknown queue is named");
	run_command(vt, "filter queue -");
	screen_ok(vt, vt_wait_gone(vt, "queue:HELPDESK", SCREEN_WAIT_MS), "filter: - drops it");
}

static void
test_commands(const char *db)
{
	struct vt *vt = mr_mado(db, NULL, NULL, 30, 100);
	char *number;

	screen_ok(vt, ms_wait_status(vt, "INQ-", SCREEN_WAIT_MS), "the list is shown");
	test_complete_command(vt);
	number = ms_first_word(vt, MS_FIRST_ROW);
	vt_key(vt, "Enter");
	screen_ok(vt, ms_wait_row(vt, 0, number, SCREEN_WAIT_MS) && wait_field(vt, "Priority", ""),
		"Enter opens %s", number);
	test_assign(vt);
	test_set(vt, db, number);
	vt_key(vt, "q");
	screen_ok(vt, ms_wait_row(vt, 0, "Inquiries", SCREEN_WAIT_MS), "q goes back to the list");
	test_filter(vt);
	free(number);
	vt_close(vt);
}

/* How many cells of the first row lie between the Subject column and the
 * "…" that cuts the subject, or -1; the screen (libvterm) draws ○ in one
 * cell. */
static int
cells_before_ellipsis(struct vt *vt, const char *number, int *jmoves)
{
	int sub, cut;

	screen_ok(vt, ms_wait_status(vt, number, SCREEN_WAIT_MS)
		&& vt_wait_for(vt, "…", SCREEN_WAIT_MS),
		"ambiwidth: the list shows %s, its subject cut", number);
	sub = vt_col_of(vt, MS_HEADER_ROW, "Subject");
	cut = vt_col_of(vt, MS_FIRST_ROW, "…");
	vt_key(vt, "j");
	*jmoves = ms_wait_selected(vt, MS_FIRST_ROW + 1, 2000);
	return sub >= 0 && cut > sub ? cut - sub : -1;
}

static void
test_settings(const char *db, const char *dir)
{
	const char *const args[] = { "ticket", "new", "--kind", "inquiry", "--subject",
		"○○○○○○○○○○○○○○○○○○○○○○○○○○○○○○○○○○○○○○○○○○○○○○○○○○○○○○○○○○○○", NULL };
	char *number = NULL, *wide = mr_settings(dir, "wide", "[client]\nambiwidth=2\nkeymap=vi\n");
	char *bad = mr_settings(dir, "bad", "[client]\nambiwidth=3\n");
	const char *const wide_env[] = { wide, NULL }, *const bad_env[] = { bad, NULL };
	struct vt *vt;
	int narrow_cells, wide_cells, j_narrow, j_wide;

	is_int(mr_cli(db, args, &number), 0, "ambiwidth: a ticket with a subject of ○");
	if (number != NULL)
		number[strcspn(number, "\n")] = '\0';

	vt = mr_mado(db, NULL, NULL, 24, 80);
	narrow_cells = cells_before_ellipsis(vt, number, &j_narrow);
	vt_close(vt);
	vt = mr_mado(db, NULL, wide_env, 24, 80);
	wide_cells = cells_before_ellipsis(vt, number, &j_wide);
	/* The column holds n ○ and "…" in one cell each when narrow, so it is
	 * narrow_cells + 1 wide; with two cells each, as many ○ as leave room
	 * for a two-cell "…". */
	screen_ok(vt, narrow_cells > 10 && wide_cells == (narrow_cells + 1 - 2) / 2,
		"ambiwidth=2: ○ takes two cells (%d ○ before the cut, %d when narrow)", wide_cells,
		narrow_cells);
	ok(!j_narrow && j_wide, "keymap=vi: j moves down (and not without it)");
	vt_close(vt);

	vt = mr_mado(db, NULL, bad_env, 24, 132); /* wide enough for the whole path */
	screen_ok(vt, ms_wait_message(vt, "mado.conf: [client] ambiwidth: must be 1 or 2, not '3'",
		SCREEN_WAIT_MS),
		"a wrong setting is named on the message line with its file and key");
	vt_close(vt);
	free(number);
	free(wide);
	free(bad);
}

int
main(void)
{
	const char *const gen[] = { "--tickets", "60", "--kb", "2", "--calllogs", "2", "--seed", "7",
		NULL };
	struct mr_fixture f;

	mr_fixture_new(&f, "mado-screen-cmdline", gen);
	test_commands(f.db);
	test_settings(f.db, f.dir);
	mr_fixture_free(&f);
	return tap_done();
}
