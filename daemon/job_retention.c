/* The retention job: call logs of fiscal years past their retention are
 * archived to [jobs] archive_dir as calllog-FY<year>.csv (written through
 * a temporary file and renamed, mode 0640), then deleted (core/retention.h:
 * one transaction and one audit row per batch). */
#include <glib.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "base/file_write.h"
#include "base/i18n.h"
#include "core/retention.h"
#include "daemon/jobs.h"

struct archive_ctx {
	const struct job_env *env;
	const struct retention_year *y;
	char *path;              /* the year's archive, once written */
	GString *done;
};

static int
write_year(FILE *fp, void *p, struct mado_err *e)
{
	struct archive_ctx *a = p;

	return retention_archive(a->env->db, a->env->actor, a->y, fp, e);
}

static int
archive_year(const struct retention_year *y, void *p, struct mado_err *e)
{
	struct archive_ctx *a = p;
	char *path;
	int st;

	if (a->env->cfg->madod.archive_dir == NULL)
		return mado_err_set(e, MADO_ECONFIG, _("FY%d is past retention, but no [jobs]"
			" archive_dir is configured to archive it to"), y->fy);
	path = retention_archive_path(a->env->cfg->madod.archive_dir, y->fy);
	a->y = y;
	st = mado_write_file(path, 0640, write_year, a, e);
	g_free(a->path);
	a->path = path;
	return st;
}

static void
year_done(const struct retention_year *y, void *p)
{
	struct archive_ctx *a = p;

	g_string_append_printf(a->done, _("%sFY%d: %" PRId64 " call logs archived to %s and"
		" deleted"), a->done->len ? "; " : "", y->fy, y->count, a->path);
}

int
job_retention(const struct job_env *env, char *msg, size_t msgsz, struct mado_err *e)
{
	struct archive_ctx a = { .env = env, .done = g_string_new(NULL) };
	struct retention_opts o = { .archive = archive_year, .done = year_done, .ctx = &a };
	int st = retention_run(env->db, env->actor, &o, e);

	if (st == MADO_OK)
		snprintf(msg, msgsz, "%s", a.done->len ? a.done->str
			: _("no fiscal year past retention"));
	g_string_free(a.done, TRUE);
	g_free(a.path);
	return st;
}
