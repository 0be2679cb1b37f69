/* The monthly report (db side): fixed statements over [from, to); what
 * the figures mean is in core/report_monthly.h. Months are JST months
 * (1 to 12) of the moment counted. */
#ifndef MADO_REPORT_MONTHLY_STORE_H
#define MADO_REPORT_MONTHLY_STORE_H

#include <stdint.h>

#include "db/db.h"
#include "db/report_daily_store.h"

/* Requests closed in the period, by request kind (choice sort order),
 * then closing time. Strings valid during the callback only. */
struct done_request {
	const char *number, *subject, *kind, *kind_name;
	int64_t work_start, work_end, closed_at;   /* 0: none */
};
typedef void (*done_request_fn)(const struct done_request *r, void *ctx);
int monthly_store_requests(struct db *db, int64_t from, int64_t to, const char *lang,
	done_request_fn fn, void *ctx, struct mado_err *e);

/* Incidents per category id (0: none): created in the period, closed in
 * it, and open at its end (created before to, not closed before to). */
typedef void (*incident_status_fn)(int64_t category_id, int64_t opened, int64_t closed,
	int64_t open, void *ctx);
int monthly_store_incidents(struct db *db, int64_t from, int64_t to, incident_status_fn fn,
	void *ctx, struct mado_err *e);

/* Inquiries created in the period, oldest first, at most limit (-1: all;
 * queue and status set; total is how many there are in all). */
int monthly_store_inquiries(struct db *db, int64_t from, int64_t to, int limit,
	shift_ticket_fn fn, void *ctx, struct mado_err *e);

/* The statistics counted per month of the period:
 *   ALERTS            alert_occurrence rows of kind 'problem' (key "")
 *   ALERT_INCIDENTS   incidents with source 'alert' (key "")
 *   AFTER_HOURS       after-hours incidents, key "1" called out, "0" not
 *   REQUEST_KINDS     requests, key the request kind's code
 *   INCIDENT_CATEGORY incidents, key the category id ("0": none)
 * Tickets by their creation time. */
enum monthly_count {
	MONTHLY_ALERTS, MONTHLY_ALERT_INCIDENTS, MONTHLY_AFTER_HOURS, MONTHLY_REQUEST_KINDS,
	MONTHLY_INCIDENT_CATEGORY,
};
typedef void (*monthly_count_fn)(const char *key, int month, int64_t n, void *ctx);
int monthly_store_count(struct db *db, enum monthly_count what, int64_t from, int64_t to,
	monthly_count_fn fn, void *ctx, struct mado_err *e);

/* The incident categories of the master (scope 'incident'), by id. */
typedef void (*category_fn)(int64_t id, const char *name, void *ctx);
int monthly_store_categories(struct db *db, category_fn fn, void *ctx, struct mado_err *e);

#endif
