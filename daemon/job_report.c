/* The end-of-shift jobs: the daily shift summary of the shift that has
 * just ended, as a PDF in [report] output_dir (core/report_daily.h), on
 * business days; their time is the shift's end unless [jobs] says
 * otherwise. */
#include <glib.h>
#include <stdio.h>

#include "base/env.h"
#include "base/i18n.h"
#include "core/report_daily.h"
#include "daemon/jobs.h"

static int
run(const struct job_env *env, const char *shift, char *msg, size_t msgsz,
	struct mado_err *e)
{
	char *path = NULL;
	int st = report_daily_end_of_shift(env->db, env->cfg, shift, mado_now(), &path, e);

	if (st == MADO_OK && path == NULL)
		snprintf(msg, msgsz, "%s", _("not a business day: no summary"));
	else if (st == MADO_OK)
		snprintf(msg, msgsz, _("shift summary written to %s"), path);
	g_free(path);
	return st;
}

int
job_report_early(const struct job_env *env, char *msg, size_t msgsz, struct mado_err *e)
{
	return run(env, "early", msg, msgsz, e);
}

int
job_report_late(const struct job_env *env, char *msg, size_t msgsz, struct mado_err *e)
{
	return run(env, "late", msg, msgsz, e);
}
