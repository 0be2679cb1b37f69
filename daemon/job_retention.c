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
	GString *done;
};

static int
write_year(FILE *fp, void *p, struct mado_err *e)
{
	struct archive_ctx *a = p;

	return retention_archive(a->env->db, a->env->actor, a->y, fp, e);
}

static char *
archive_path(const struct job_env *env, int fy)
{
	char name[32];

	snprintf(name, sizeof name, "calllog-FY%d.csv", fy);
	return g_build_filename(env->cfg->madod.archive_dir, name, NULL);
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
	path = archive_path(a->env, y->fy);
	a->y = y;
	st = mado_write_file(path, 0640, write_year, a, e);
	g_free(path);
	return st;
}

static void
year_done(const struct retention_year *y, void *p)
{
	struct archive_ctx *a = p;
	char *path = archive_path(a->env, y->fy);

	g_string_append_printf(a->done, _("%sFY%d: %" PRId64 " call logs archived to %s and"
		" deleted"), a->done->len ? "; " : "", y->fy, y->count, path);
	g_free(path);
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
	return st;
}
