/* The end-of-shift summary madod writes (and prints) on its own. */
#include "report_daily.h"

#include <glib.h>
#include <stdio.h>

#include "base/i18n.h"
#include "core/calendar.h"
#include "core/print.h"

/* Writes the summary of (day, shift) into output_dir and prints it when
 * [report] print says so; *path g_free(). */
static int
write_summary(struct db *db, const struct config *cfg, const char *day, const char *shift,
	char **path, struct mado_err *e)
{
	struct daily_spec spec;
	struct actor sys;
	struct rdoc d;
	char *name;
	int st;

	*path = NULL;
	if (cfg->report.output_dir == NULL)
		return mado_err_set(e, MADO_ECONFIG,
			_("%s: no [report] output_dir is configured for the shift summaries"),
			cfg->path != NULL ? cfg->path : "madoguchi.conf");
	if ((st = report_daily_spec(cfg, day, shift, &spec, e)) != MADO_OK)
		return st;
	identity_system(&sys);
	st = report_daily(db, &sys, cfg, &spec, &d, e);
	name = report_daily_filename(&spec);
	*path = g_build_filename(cfg->report.output_dir, name, NULL);
	g_free(name);
	if (st == MADO_OK)
		st = rdoc_pdf(&d, *path, e);
	if (st == MADO_OK && cfg->report.print &&
	    (st = print_pdf(*path, cfg->print.printer, d.title, e)) != MADO_OK)
		mado_err_prefix(e, _("%s was written but not printed: "), *path);
	rdoc_free(&d);
	return st;
}

int
report_daily_job(struct db *db, const struct config *cfg, const char *day, const char *shift,
	struct mado_err *e)
{
	char *path = NULL;
	int st = write_summary(db, cfg, day, shift, &path, e);

	g_free(path);
	return st;
}

int
report_daily_job_minute(const struct config *cfg, const char *shift)
{
	const struct shift *s = shift_find(&cfg->shifts, shift);

	return s != NULL && cfg->report.output_dir != NULL ? s->end_min : -1;
}

int
report_daily_end_of_shift(struct db *db, const struct config *cfg, const char *shift,
	int64_t now, char **path, struct mado_err *e)
{
	const struct shift *s = shift_find(&cfg->shifts, shift);
	struct jst j;
	char day[11];
	int64_t end;
	int len;

	*path = NULL;
	if (s == NULL)
		return mado_err_set(e, MADO_ECONFIG, _("no shift '%s' is configured"), shift);
	/* The shift that ended last, at or before now, began its length (a
	 * whole day for "all") before its end. */
	jst_from_time(now, &j);
	end = jst_to_time(j.year, j.month, j.day, 0, 0, 0) + (int64_t)s->end_min * 60;
	if (end > now)
		end -= 86400;
	len = (s->end_min - s->start_min + 1440) % 1440;
	jst_from_time(end - (int64_t)(len > 0 ? len : 1440) * 60, &j);
	if (!calendar_is_business_day(&cfg->calendar, j.year, j.month, j.day))
		return MADO_OK;
	g_snprintf(day, sizeof day, "%04d-%02d-%02d", j.year, j.month, j.day);
	return write_summary(db, cfg, day, shift, path, e);
}
