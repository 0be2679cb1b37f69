#include "jobs.h"

#include <stdio.h>
#include <string.h>
#include <syslog.h>

#include "base/env.h"
#include "base/i18n.h"
#include "core/job.h"
#include "core/report_daily.h"
#include "core/search.h"
#include "daemon/log.h"

static const struct job_def {
	const char *name;
	int minute;          /* default time of day, JST */
	job_fn fn;
	const char *shift;   /* default time: the end of this shift (core/config_shift.h) */
} job_defs[] = {
	{ "retention", 2 * 60 + 30, job_retention, NULL },
	{ "search_optimize", 3 * 60, job_search_optimize, NULL },
	{ "report_early", -1, job_report_early, "early" },
	{ "report_late", -1, job_report_late, "late" },
};
enum { NJOBS = sizeof job_defs / sizeof job_defs[0] };

static int
minute_of(const struct config *cfg, const struct job_def *d)
{
	return madod_config_job_minute(&cfg->madod, d->name,
		d->shift != NULL ? report_daily_job_minute(cfg, d->shift) : d->minute);
}

int
job_search_optimize(const struct job_env *env, char *msg, size_t msgsz, struct mado_err *e)
{
	int st = search_upkeep(env->db, env->actor, SEARCH_OPTIMIZE, e);

	if (st == MADO_OK)
		snprintf(msg, msgsz, "%s", _("search index merged"));
	return st;
}

bool
jobs_known(const char *name)
{
	for (int i = 0; i < NJOBS; i++)
		if (strcmp(job_defs[i].name, name) == 0)
			return true;
	return false;
}

void
jobs_schedule(struct db *db, const struct config *cfg)
{
	struct mado_err e = { 0 };

	for (int i = 0; i < NJOBS; i++)
		if (job_schedule(db, job_defs[i].name, minute_of(cfg, &job_defs[i]), mado_now(), &e)
		    != MADO_OK)
			log_msg(LOG_ERR, _("job %s: cannot record its schedule: %s"), job_defs[i].name,
				e.msg);
}

void
jobs_run_due(struct db *db, const struct config *cfg, const volatile sig_atomic_t *stop)
{
	struct actor sys;
	struct job_env env = { db, cfg, &sys };

	identity_system(&sys);
	for (int i = 0; i < NJOBS && !*stop; i++) {
		const struct job_def *d = &job_defs[i];
		struct mado_err e = { 0 };
		char msg[sizeof e.msg] = "";
		int64_t now = mado_now();
		bool claimed = false;
		int st;

		if (job_claim(db, d->name, now, &claimed, &e) != MADO_OK) {
			log_msg(LOG_ERR, _("job %s: %s"), d->name, e.msg);
			continue;
		}
		if (!claimed)
			continue;
		log_msg(LOG_INFO, _("job %s: started"), d->name);
		st = d->fn(&env, msg, sizeof msg, &e);
		if (st != MADO_OK)
			snprintf(msg, sizeof msg, "%s", e.msg);
		log_msg(st == MADO_OK ? LOG_NOTICE : LOG_ERR, _("job %s: %s: %s"), d->name,
			st == MADO_OK ? "ok" : "failed", msg);
		if (job_finish(db, d->name, minute_of(cfg, d), now, st == MADO_OK, msg, &e) != MADO_OK)
			log_msg(LOG_ERR, _("job %s: cannot record the run: %s"), d->name, e.msg);
	}
}
