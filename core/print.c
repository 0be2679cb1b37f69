#include "print.h"

#include <glib.h>
#include <string.h>

#include "base/env.h"
#include "base/i18n.h"

/* An installed (setgid) mado does not look the programs up in the
 * caller's PATH. */
#define LP_PATH "/usr/bin/lp"
#define LPSTAT_PATH "/usr/bin/lpstat"

bool
print_printer_name_ok(const char *name)
{
	size_t n = name != NULL ? strlen(name) : 0;

	if (n == 0 || n > 127)
		return false;
	for (const unsigned char *p = (const unsigned char *)name; *p != '\0'; p++)
		if (*p <= ' ' || *p >= 0x7f || *p == '/' || *p == '#' || *p == '\\')
			return false;
	return true;
}

/* Runs argv, waiting for it, with the caller's rights and CUPS's
 * messages in English (they are matched below); *out and *err (NULL:
 * discarded) receive what it wrote (caller frees). */
static bool
spawn(const char *const *argv, char **out, char **err, int *status, GError **gerr)
{
	char **env = g_environ_setenv(g_get_environ(), "LC_ALL", "C", TRUE);
	GSpawnFlags flags = (mado_env_privileged() ? 0 : G_SPAWN_SEARCH_PATH)
		| (out == NULL ? G_SPAWN_STDOUT_TO_DEV_NULL : 0)
		| (err == NULL ? G_SPAWN_STDERR_TO_DEV_NULL : 0);
	gid_t saved = mado_as_caller();
	bool ran = g_spawn_sync(NULL, (char **)argv, env, flags, NULL, NULL, out, err, status,
		gerr);

	mado_as_program(saved);
	g_strfreev(env);
	return ran;
}

/* Whether the CUPS scheduler answers: lpstat -r says "scheduler is
 * running" or "scheduler is not running". */
static bool
scheduler_running(void)
{
	const char *argv[] = { mado_env_privileged() ? LPSTAT_PATH : "lpstat", "-r", NULL };
	char *out = NULL;
	int status = 0;
	bool running = spawn(argv, &out, NULL, &status, NULL)
		&& strstr(out, "scheduler is running") != NULL;

	g_free(out);
	return running;
}

/* What lp's failure means, from what it said (why). */
static int
failed(const char *printer, const char *why, struct mado_err *e)
{
	bool no_printer = strstr(why, "does not exist") != NULL;
	bool no_default = strstr(why, "No default destination") != NULL;

	/* lp says the same when it cannot reach the scheduler at all. */
	if ((no_printer || no_default || strstr(why, "Scheduler") != NULL) && !scheduler_running())
		return mado_err_set(e, MADO_ETEMP, _("cannot print: no printer is reachable, the"
			" print server (CUPS) does not answer (%s)"), why);
	if (no_printer && printer != NULL)
		return mado_err_set(e, MADO_ECONFIG, _("cannot print: unknown printer '%s' (%s)"),
			printer, why);
	if (no_default)
		return mado_err_set(e, MADO_ECONFIG, _("cannot print: no printer is set and CUPS has"
			" no default printer; set [print] printer or name one (%s)"), why);
	return mado_err_set(e, MADO_EFAIL, _("cannot print: %s"), why);
}

int
print_pdf(const char *path, const char *printer, const char *title, struct mado_err *e)
{
	const char *argv[8];
	char *name = NULL, *err = NULL;
	int n = 0, status = 0, st = MADO_OK;
	GError *gerr = NULL;

	if (printer != NULL && *printer == '\0')
		printer = NULL;
	if (printer != NULL && !print_printer_name_ok(printer))
		return mado_err_set(e, MADO_EUSAGE, _("'%s' is not a printer name (CUPS queue names"
			" have no spaces, '/', '#' or '\\')"), printer);
	argv[n++] = mado_env_privileged() ? LP_PATH : "lp";
	if (printer != NULL) {
		argv[n++] = "-d";
		argv[n++] = printer;
	}
	if (title != NULL) {
		/* One line: the job name shows in queues and banners. */
		name = g_strdup(title);
		for (char *p = name; *p != '\0'; p++)
			if ((unsigned char)*p < ' ' || *p == 0x7f)
				*p = ' ';
		argv[n++] = "-t";
		argv[n++] = name;
	}
	argv[n++] = "--";
	argv[n++] = path;
	argv[n] = NULL;
	if (!spawn(argv, NULL, &err, &status, &gerr)) {
		st = mado_err_set(e, MADO_ECONFIG, _("cannot print: %s could not be run (%s);"
			" install cups-client"), argv[0], gerr->message);
		g_error_free(gerr);
	} else if (!g_spawn_check_wait_status(status, NULL))
		st = failed(printer, g_strdelimit(g_strstrip(err), "\r\n", ' '), e);
	g_free(err);
	g_free(name);
	return st;
}
