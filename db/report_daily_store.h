/* The daily shift summary (db side): fixed statements over [from, to).
 * What counts as open, done or at risk is core's (core/report_daily.h);
 * the resolved and closed statuses of every kind come in as a JSON array
 * of "kind:status" strings (done_json), since the workflows are files. */
#ifndef MADO_REPORT_DAILY_STORE_H
#define MADO_REPORT_DAILY_STORE_H

#include <stdint.h>

#include "db/db.h"

/* SQL (db/ only): the ids of the incidents created before `to` and not
 * closed before `from` (both parameters' SQL text), read as the open
 * ones through the partial index of the not closed plus those closed
 * since from through the closing-time index, not every incident. */
#define REPORT_INCIDENTS_LIVE(from, to) \
	"(SELECT id FROM ticket INDEXED BY ticket_owner_due WHERE closed_at IS NULL" \
	" AND kind = 'incident' AND created_at < " to \
	" UNION ALL SELECT id FROM ticket WHERE closed_at >= " from \
	" AND kind = 'incident' AND created_at < " to ")"

/* One ticket line. Strings valid during the callback only; incident
 * fields are "" and 0 for the other lists, note "" except for handover
 * items. total is how many rows the list had before its limit. */
struct shift_ticket {
	const char *number, *kind, *subject, *status, *queue, *owner;
	int64_t created_at, due_at;      /* due_at 0: none */
	int64_t total;
	const char *system, *impact;     /* incidents */
	int64_t occurred_at, recovered_at;
	const char *note;                /* handover items */
};
typedef void (*shift_ticket_fn)(const struct shift_ticket *t, void *ctx);

/* Staff who did anything in the period (login, lock, any change): their
 * first and last audit row in it. By name. */
typedef void (*shift_staff_fn)(const char *login, const char *name, int64_t first,
	int64_t last, void *ctx);
int daily_store_staff(struct db *db, int64_t from, int64_t to, shift_staff_fn fn, void *ctx,
	struct mado_err *e);

/* Per kind (inquiry, incident, request) and queue (by name; "" none):
 * created in the period, moved to a done status or closed in it (each
 * ticket once), and open now among those created before to. */
typedef void (*shift_count_fn)(const char *kind, const char *queue, int64_t created,
	int64_t done, int64_t open, void *ctx);
int daily_store_counts(struct db *db, int64_t from, int64_t to, const char *done_json,
	shift_count_fn fn, void *ctx, struct mado_err *e);

/* Incidents created before to, neither closed nor recovered before from:
 * open or recovered during the period. Oldest first, at most limit. */
int daily_store_incidents(struct db *db, int64_t from, int64_t to, int limit,
	shift_ticket_fn fn, void *ctx, struct mado_err *e);

/* Open tickets with a due time in [lo, hi), soonest first, at most limit. */
int daily_store_due(struct db *db, int64_t lo, int64_t hi, const char *done_json, int limit,
	shift_ticket_fn fn, void *ctx, struct mado_err *e);

/* Open tickets created before to, oldest first, at most limit. */
int daily_store_open(struct db *db, int64_t to, const char *done_json, int limit,
	shift_ticket_fn fn, void *ctx, struct mado_err *e);

#endif
