/* Scheduled jobs (run by madod): each has a row in the job table with
 * its schedule ("daily HH:MM", JST, or "off"), when it runs next, and how
 * its last run went. A run is claimed first (running_since), so two
 * daemons on one database never run a job twice at once; a claim older
 * than JOB_STALE_SECONDS belongs to a run that died and may be taken over. */
#ifndef MADO_JOB_H
#define MADO_JOB_H

#include <stdbool.h>
#include <stdint.h>

#include "base/err.h"
#include "db/db.h"

enum { JOB_STALE_SECONDS = 6 * 3600 };

/* The first moment after now at minute (of the JST day). */
int64_t job_next_daily(int64_t now, int minute);

/* Records the job's schedule (minute of the JST day; -1: off) as of now. */
int job_schedule(struct db *db, const char *name, int minute, int64_t now,
	struct mado_err *e);

/* Claims the job when it is due at now; *claimed tells whether it is ours. */
int job_claim(struct db *db, const char *name, int64_t now, bool *claimed,
	struct mado_err *e);

/* Records the end of a run that started at started: status "ok" or
 * "failed", a one-line message, and the next run by the schedule. */
int job_finish(struct db *db, const char *name, int minute, int64_t started, bool ok,
	const char *message, struct mado_err *e);

#endif
