/* Printing through a real CUPS: tests/servers/cups.sh runs this program
 * with a private cupsd and a cups-pdf queue (as root; as anyone else the
 * printing is skipped). Also [print] printer in the configuration. */
#include "tests/tap.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "core/config.h"
#include "core/print.h"
#include "core/rdoc.h"

int main(void);

static void
test_config(const char *dir)
{
	char *file = g_build_filename(dir, "madoguchi.conf", NULL);
	char *want;
	struct config cfg;
	struct mado_err e;

	g_setenv("MADO_CONFIG", file, TRUE);
	g_file_set_contents(file, "[print]\nprinter = desk-2F\n", -1, NULL);
	is_int(config_load(&cfg, &e), MADO_OK, "config: [print] printer read");
	is_str(cfg.print.printer, "desk-2F", "config: the printer");
	config_free(&cfg);

	g_file_set_contents(file, "[database]\npath = /x.db\n", -1, NULL);
	config_load(&cfg, &e);
	ok(cfg.print.printer == NULL, "config: no printer, CUPS's default then");
	config_free(&cfg);

	g_file_set_contents(file, "[print]\nprinter = 2F desk\n", -1, NULL);
	is_int(config_load(&cfg, &e), MADO_ECONFIG, "config: a printer name with a space");
	want = g_strdup_printf("%s: [print] printer: '2F desk' is not a CUPS queue name"
		" (no spaces, '/', '#' or '\\')", file);
	is_str(e.msg, want, "config: the message names file, group and key");
	g_free(want);
	g_unlink(file);
	g_free(file);
}

static void
test_names(void)
{
	struct mado_err e;

	ok(print_printer_name_ok("madotest1"), "name: plain");
	ok(print_printer_name_ok("Desk_2F-Canon.A3"), "name: punctuation");
	ok(!print_printer_name_ok(""), "name: empty");
	ok(!print_printer_name_ok("a b"), "name: space");
	ok(!print_printer_name_ok("a/b"), "name: slash");
	ok(!print_printer_name_ok("a#b"), "name: hash");
	ok(!print_printer_name_ok("窓口"), "name: not ASCII");
	is_int(print_pdf("/nonexistent.pdf", "a/b", "t", &e), MADO_EUSAGE,
		"print: a bad printer name is refused before lp runs");
	is_str(e.msg, "'a/b' is not a printer name (CUPS queue names have no spaces, '/', '#'"
		" or '\\')", "print: the message names it");
}

/* Runs argv (no shell); its standard output in *out when out is not NULL
 * (caller frees). True when it exited 0. */
static bool
run(const char *const *argv, char **out)
{
	int status = 0;

	return g_spawn_sync(NULL, (char **)argv, NULL,
			G_SPAWN_SEARCH_PATH | (out == NULL ? G_SPAWN_STDOUT_TO_DEV_NULL : 0), NULL,
			NULL, out, NULL, &status, NULL)
		&& g_spawn_check_wait_status(status, NULL);
}

/* Waits until the queue has no job left (cups-pdf has written its PDF). */
static bool
queue_empty(const char *printer)
{
	const char *argv[] = { "lpstat", "-o", printer, NULL };

	/* A bound so a stuck job fails the test instead of hanging it. */
	for (int i = 0; i < 1200; i++) {
		char *out = NULL;
		bool empty = run(argv, &out) && *out == '\0';

		g_free(out);
		if (empty)
			return true;
		g_usleep(100 * 1000);
	}
	return false;
}

/* The text of the one PDF in dir, or "" (caller frees). */
static char *
printed_text(const char *dir)
{
	GDir *dh = g_dir_open(dir, 0, NULL);
	const char *name;
	char *text = NULL;
	int pdfs = 0;

	while (dh != NULL && (name = g_dir_read_name(dh)) != NULL) {
		char *path = g_build_filename(dir, name, NULL);
		const char *argv[] = { "pdftotext", path, "-", NULL };

		if (g_str_has_suffix(name, ".pdf") && pdfs++ == 0 && !run(argv, &text)) {
			g_free(text);
			text = NULL;
		}
		g_free(path);
	}
	if (dh != NULL)
		g_dir_close(dh);
	is_int(pdfs, 1, "cups-pdf wrote one PDF");
	return text != NULL ? text : g_strdup("");
}

static void
test_cups(const char *dir)
{
	const char *printer = getenv("CUPS_PRINTER"), *out = getenv("CUPS_PDF_OUT");
	const char *script = getenv("CUPS_SH"), *cups_dir = getenv("CUPS_DIR");
	char *pdf = g_build_filename(dir, "日次.pdf", NULL);
	struct mado_err e;
	struct rdoc d;
	char *text;
	int st;

	rdoc_init(&d, "Madoguchi print test 日次運用報告", "2026-11-20 早番", "作成 2026-11-20 17:20");
	rdoc_paragraph(&d, "申し送り: 3階プリンタのトナー交換済み。");
	is_int(rdoc_pdf(&d, pdf, &e), MADO_OK, "the PDF to print");
	rdoc_free(&d);

	st = print_pdf(pdf, printer, "Madoguchi print test", &e);
	is_int(st, MADO_OK, "print_pdf to the cups-pdf queue");
	if (st != MADO_OK)
		printf("# %s\n", e.msg);
	ok(queue_empty(printer), "the job left the queue");
	text = printed_text(out);
	ok(strstr(text, "Madoguchi print test 日次運用報告") != NULL,
		"the printed PDF has the title as text");
	g_free(text);

	is_int(print_pdf(pdf, "nosuch", "x", &e), MADO_ECONFIG, "unknown printer: MADO_ECONFIG");
	ok(strstr(e.msg, "cannot print: unknown printer 'nosuch'") != NULL &&
		strstr(e.msg, "lp: Error - The printer or class does not exist.") != NULL,
		"unknown printer: says so, with lp's words (%s)", e.msg);

	is_int(print_pdf(pdf, NULL, "x", &e), MADO_ECONFIG, "no printer and no default");
	ok(strstr(e.msg, "CUPS has no default printer; set [print] printer") != NULL,
		"no default printer: says what to set (%s)", e.msg);

	ok(run((const char *const[]){ "sh", script, "stop", cups_dir, NULL }, NULL),
		"cupsd stopped");
	is_int(print_pdf(pdf, printer, "x", &e), MADO_ETEMP, "cupsd stopped: MADO_ETEMP");
	ok(strstr(e.msg, "cannot print: no printer is reachable, the print server (CUPS) does"
		" not answer (lp: ") != NULL, "cupsd stopped: no printer reachable (%s)", e.msg);
	ok(g_file_test(pdf, G_FILE_TEST_IS_REGULAR), "the PDF is kept");
	g_unlink(pdf);
	g_free(pdf);
}

int
main(void)
{
	char *dir = g_dir_make_tmp("print-XXXXXX", NULL);

	test_config(dir);
	test_names();
	if (geteuid() != 0)
		tap_skip("printing needs root: cupsd and cups-pdf's settings in /etc/cups"
			" (tests/servers/cups.sh)");
	else if (getenv("CUPS_PDF_OUT") == NULL || *getenv("CUPS_PDF_OUT") == '\0')
		ok(0, "run through tests/servers/cups.sh run (no CUPS_PDF_OUT)");
	else
		test_cups(dir);
	g_rmdir(dir);
	g_free(dir);
	return tap_done();
}
