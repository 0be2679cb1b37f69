/* madod's scheduled jobs. Each is one line in the table in jobs.c: its
 * name (the [jobs] key that overrides its time, and its row in the job
 * table), its default time of day (JST) and the function that runs it.
 * The end-of-shift report registers itself there the same way. */
#ifndef MADO_DAEMON_JOBS_H
#define MADO_DAEMON_JOBS_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>

#include "core/config.h"
#include "core/identity.h"
#include "db/db.h"

struct job_env {
	struct db *db;
	const struct config *cfg;
	const struct actor *actor;   /* the system account */
};

/* Runs the job; writes a one-line account of what it did into msg. */
typedef int (*job_fn)(const struct job_env *env, char *msg, size_t msgsz,
	struct mado_err *e);

/* The built-in jobs (jobs.c and job_*.c). */
int job_retention(const struct job_env *env, char *msg, size_t msgsz, struct mado_err *e);
int job_search_optimize(const struct job_env *env, char *msg, size_t msgsz,
	struct mado_err *e);
/* The daily shift summary at the end of the early and late shifts, on
 * business days (job_report.c). */
int job_report_early(const struct job_env *env, char *msg, size_t msgsz, struct mado_err *e);
int job_report_late(const struct job_env *env, char *msg, size_t msgsz, struct mado_err *e);

/* Whether a job of that name exists (check-config checks [jobs] keys). */
bool jobs_known(const char *name);

/* Records every job's schedule from the configuration (at start and
 * after a reload); logs failures. */
void jobs_schedule(struct db *db, const struct config *cfg);

/* Runs every job that is due and not running elsewhere, one after the
 * other, recording each run; stops early when *stop is set. */
void jobs_run_due(struct db *db, const struct config *cfg, const volatile sig_atomic_t *stop);

#endif
