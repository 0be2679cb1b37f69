#include "job_store.h"

#include <sqlite3.h>
#include <stddef.h>

int
job_store_schedule(struct db *db, const char *name, const char *schedule,
	int64_t next_run_at, struct mado_err *e)
{
	sqlite3_stmt *st = db_prepare(db,
		"INSERT INTO job(name, schedule, next_run_at) VALUES (?1, ?2, ?3)"
		" ON CONFLICT(name) DO UPDATE SET schedule = excluded.schedule,"
		"  next_run_at = CASE WHEN job.schedule <> excluded.schedule"
		"   OR job.next_run_at IS NULL THEN excluded.next_run_at ELSE job.next_run_at END", e);

	if (st == NULL)
		return e->status;
	db_bind_text(st, 1, name);
	db_bind_text(st, 2, schedule);
	db_bind_id(st, 3, next_run_at);
	return db_step_done(db, st, e);
}

int
job_store_claim(struct db *db, const char *name, int64_t now, int64_t stale_before,
	bool *claimed, struct mado_err *e)
{
	sqlite3_stmt *st = db_prepare(db,
		"UPDATE job SET running_since = ?2 WHERE name = ?1 AND next_run_at <= ?2"
		" AND (running_since IS NULL OR running_since < ?3)", e);
	int rc;

	*claimed = false;
	if (st == NULL)
		return e->status;
	db_bind_text(st, 1, name);
	sqlite3_bind_int64(st, 2, now);
	sqlite3_bind_int64(st, 3, stale_before);
	if ((rc = db_step_done(db, st, e)) == MADO_OK)
		*claimed = sqlite3_changes(db_handle(db)) == 1;
	return rc;
}

int
job_store_finish(struct db *db, const char *name, int64_t ran_at, const char *status,
	const char *message, int64_t next_run_at, struct mado_err *e)
{
	sqlite3_stmt *st = db_prepare(db,
		"UPDATE job SET last_run_at = ?2, last_status = ?3, last_message = ?4,"
		" next_run_at = ?5, running_since = NULL WHERE name = ?1", e);

	if (st == NULL)
		return e->status;
	db_bind_text(st, 1, name);
	sqlite3_bind_int64(st, 2, ran_at);
	db_bind_text(st, 3, status);
	db_bind_text(st, 4, message);
	sqlite3_bind_int64(st, 5, next_run_at);
	return db_step_done(db, st, e);
}
