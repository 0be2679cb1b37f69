/* The job table: madod's scheduled jobs, one row each (statements only;
 * when a job is due and what it does is decided in core/job.c). */
#ifndef MADO_JOB_STORE_H
#define MADO_JOB_STORE_H

#include <stdbool.h>
#include <stdint.h>

#include "db/db.h"

/* Creates the job's row, or updates its schedule; next_run_at is set
 * when the row is new, its schedule changed or it has none (0: never). */
int job_store_schedule(struct db *db, const char *name, const char *schedule,
	int64_t next_run_at, struct mado_err *e);

/* Marks the job running since now when it is due (next_run_at <= now)
 * and no one else runs it (running_since unset, or before stale_before,
 * a run that died). *claimed tells whether this caller got it: two
 * daemons on one database never run the same job at once. */
int job_store_claim(struct db *db, const char *name, int64_t now, int64_t stale_before,
	bool *claimed, struct mado_err *e);

/* Records a run's end: last_run_at, last_status, last_message, the next
 * run, and running_since cleared. */
int job_store_finish(struct db *db, const char *name, int64_t ran_at, const char *status,
	const char *message, int64_t next_run_at, struct mado_err *e);

#endif
