/* Screen test of the report previews in the real mado: `:daily DATE
 * SHIFT` shows the daily shift summary's text under its title, w writes
 * its PDF into the current directory and says so; `:monthly FY MONTH`
 * shows the monthly report with its statistics; wrong arguments and a
 * user below supervisor are refused on the message line. */
#include "tests/screen/screen_tap.h"

#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tests/screen/mado_run.h"
#include "tests/screen/mado_screen.h"

int main(void);

static void
test_daily(const char *db, const char *dir)
{
	struct vt *vt = mr_mado(db, NULL, NULL, 40, 120);
	char *pdf = mr_path(dir, "Daily operations report-2025-05-30-early.pdf");
	struct stat sb;

	screen_ok(vt, ms_wait_status(vt, "INQ-", SCREEN_WAIT_MS), "daily: the list is shown");
	vt_send(vt, ":daily 2025-05-30 early\r");
	screen_ok(vt, ms_wait_row(vt, 0, "Daily operations report 2025-05-30 early shift",
		SCREEN_WAIT_MS), "daily: :daily 2025-05-30 early opens the summary");
	screen_ok(vt, vt_wait_for(vt, "Period: 2025-05-30 08:30 – 2025-05-30 17:15",
		SCREEN_WAIT_MS), "daily: the shift's period");
	screen_ok(vt, vt_wait_for(vt, "Tickets by kind and queue", SCREEN_WAIT_MS),
		"daily: the ticket counts follow");
	vt_key(vt, "w");
	screen_ok(vt, ms_wait_message(vt, "PDF written to Daily operations report-2025-05-30-early.pdf",
		SCREEN_WAIT_MS), "daily: w writes the PDF and says where");
	ok(stat(pdf, &sb) == 0 && sb.st_size > 1000, "daily: the PDF is in the current directory");
	vt_key(vt, "End");
	screen_ok(vt, vt_wait_for(vt, "Open items for the next shift", SCREEN_WAIT_MS),
		"daily: the open items at the end");
	vt_key(vt, "q");
	screen_ok(vt, vt_wait_gone(vt, "Daily operations report", SCREEN_WAIT_MS),
		"daily: q closes it");
	vt_send(vt, ":daily 2025-02-30\r");
	screen_ok(vt, ms_wait_message(vt, "not a date", SCREEN_WAIT_MS),
		"daily: a date that does not exist is refused");
	vt_send(vt, ":monthly 2025 5\r");
	screen_ok(vt, ms_wait_row(vt, 0, "Monthly operations report FY2025, month 5",
		SCREEN_WAIT_MS), "monthly: :monthly 2025 5 opens the report");
	vt_key(vt, "End");
	screen_ok(vt, vt_wait_for(vt, "Incidents per category", SCREEN_WAIT_MS),
		"monthly: the statistics at the end");
	vt_key(vt, "q");
	vt_send(vt, ":monthly 2025 13\r");
	screen_ok(vt, ms_wait_message(vt, "--month", SCREEN_WAIT_MS),
		"monthly: month 13 is refused");
	vt_key(vt, "Q");
	screen_ok(vt, vt_wait_exit(vt, SCREEN_WAIT_MS), "Q quits");
	vt_close(vt);
	free(pdf);
}

/* The user running the tests is the fixture's administrator; made an
 * operator, the summary is refused with core's message. */
static void
test_operator(const char *db)
{
	const struct passwd *pw = getpwuid(getuid());
	const char *const demote[] = { "admin", "user", "role", pw != NULL ? pw->pw_name : "?",
		"operator", NULL };
	struct vt *vt;

	if (mr_cli(db, demote, NULL) != 0) {
		tap_skip("operator: cannot make the test's user an operator");
		return;
	}
	vt = mr_mado(db, NULL, NULL, 24, 100);
	screen_ok(vt, ms_wait_status(vt, "INQ-", SCREEN_WAIT_MS), "operator: mado is up");
	vt_send(vt, ":daily 2025-05-30\r");
	screen_ok(vt, ms_wait_message(vt, "supervisor", SCREEN_WAIT_MS)
		&& !ms_row_has(vt, 0, "Daily operations report"),
		"operator: the summary is refused on the message line");
	vt_close(vt);
}

int
main(void)
{
	const char *const gen[] = { "--tickets", "60", "--kb", "5", "--calllogs", "50", "--seed", "7",
		NULL };
	struct mr_fixture f;

	mr_fixture_new(&f, "mado-screen-report", gen);
	/* mado writes the PDF into its current directory: the fixture's. */
	if (chdir(f.dir) != 0)
		tap_skip("cannot enter the fixture's directory");
	test_daily(f.db, f.dir);
	test_operator(f.db);
	mr_fixture_free(&f);
	return tap_done();
}
