#include "job.h"

#include <stdio.h>

#include "base/env.h"
#include "db/job_store.h"

enum { JST_OFFSET = 9 * 3600, DAY = 24 * 3600 };

int64_t
job_next_daily(int64_t now, int minute)
{
	int64_t local = now + JST_OFFSET;
	int64_t t = local - local % DAY + (int64_t)minute * 60;

	if (t <= local)
		t += DAY;
	return t - JST_OFFSET;
}

int
job_schedule(struct db *db, const char *name, int minute, int64_t now, struct mado_err *e)
{
	char spec[32] = "off";

	if (minute >= 0)
		snprintf(spec, sizeof spec, "daily %02d:%02d", minute / 60, minute % 60);
	return job_store_schedule(db, name, spec, minute >= 0 ? job_next_daily(now, minute) : 0,
		e);
}

int
job_claim(struct db *db, const char *name, int64_t now, bool *claimed, struct mado_err *e)
{
	return job_store_claim(db, name, now, now - JOB_STALE_SECONDS, claimed, e);
}

int
job_finish(struct db *db, const char *name, int minute, int64_t started, bool ok,
	const char *message, struct mado_err *e)
{
	int64_t now = mado_now();

	return job_store_finish(db, name, started, ok ? "ok" : "failed", message,
		minute >= 0 ? job_next_daily(now, minute) : 0, e);
}
