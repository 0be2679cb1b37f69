/* Retention of call logs (DOMAIN.md: kept for one fiscal year, then
 * exported and deleted). The setting retention.calllog.fiscal_years (N,
 * default 1) keeps the current fiscal year and the N before it; every
 * older fiscal year is archived as CSV, then deleted in batches, one
 * transaction and one audit row (action "retention_delete") per batch.
 * Admin role. */
#ifndef MADO_RETENTION_H
#define MADO_RETENTION_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "base/err.h"
#include "core/identity.h"
#include "db/db.h"

#define RETENTION_CALLLOG_KEY "retention.calllog.fiscal_years"
enum { RETENTION_CALLLOG_DEFAULT = 1, RETENTION_BATCH = 1000 };

/* One fiscal year past retention: [from, to) and its call logs. */
struct retention_year {
	int fy;
	int64_t from, to, count;
	int64_t batches;    /* after a run: batches deleted */
};

/* Writes the archive of year y; the call logs are deleted only when it
 * returns MADO_OK. The caller chooses where the file goes (the CLI writes
 * with the caller's rights) and writes it with retention_archive(). */
typedef int (*retention_archive_fn)(const struct retention_year *y, void *ctx,
	struct mado_err *e);
/* Told of each fiscal year past retention, after it was deleted (or, on a
 * dry run, instead). */
typedef void (*retention_year_fn)(const struct retention_year *y, void *ctx);

struct retention_opts {
	bool dry_run;             /* report only; change nothing, write nothing */
	int batch;                /* rows per transaction; 0: RETENTION_BATCH */
	retention_archive_fn archive;
	retention_year_fn done;   /* may be NULL */
	void *ctx;
};

/* The retention period in fiscal years; MADO_ECONFIG when the setting is
 * not a positive integer. */
int retention_calllog_years(struct db *db, int *years, struct mado_err *e);

/* Runs retention of call logs as of mado_now(). */
int retention_run(struct db *db, const struct actor *actor, const struct retention_opts *o,
	struct mado_err *e);

/* Where in dir the archive of fiscal year fy goes: calllog-FY<fy>.csv,
 * else, when a file of that name is there, the first free
 * calllog-FY<fy>-<n>.csv. An earlier archive of the year (a run cut
 * short, call logs of the year added later) holds rows that are deleted,
 * so it must never be replaced. Looked at with the caller's rights;
 * g_free(). */
char *retention_archive_path(const char *dir, int fy);

/* The archive of y: the call log export of its period, UTF-8 with BOM. */
int retention_archive(struct db *db, const struct actor *actor, const struct retention_year *y,
	FILE *fp, struct mado_err *e);

#endif
