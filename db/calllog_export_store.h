/* Call logs for export and retention: statements only. Who may export or
 * delete is decided in core/calllog_export.c and core/retention.c. */
#ifndef MADO_CALLLOG_EXPORT_STORE_H
#define MADO_CALLLOG_EXPORT_STORE_H

#include <stdint.h>

#include "db/db.h"

/* One call log as exported: names, not ids, in Japanese (the export is for
 * Japanese Excel). Strings valid during the callback only, "" when none;
 * times 0 when not yet reached; faq_no 0 when none. */
struct calllog_export_row {
	int64_t id, started_at, ended_at, wrapup_at;
	const char *receipt_no, *operator_name, *contact_type, *department, *outcome;
	int64_t faq_no[3];
	const char *category, *inquiry_text, *response_text, *transfer_to;
};
typedef int (*calllog_export_fn)(const struct calllog_export_row *r, void *ctx,
	struct mado_err *e);

/* Calls fn for at most limit call logs started in [since, until) strictly
 * after the cursor (after_started, after_id), oldest first; *last_started
 * and *last_id receive the last row's key, *n the rows seen. A non-zero
 * status from fn stops the page and is returned. */
int calllog_export_page(struct db *db, int64_t since, int64_t until, int64_t after_started,
	int64_t after_id, int limit, calllog_export_fn fn, void *ctx, int64_t *last_started,
	int64_t *last_id, int *n, struct mado_err *e);

/* started_at of the oldest call log; *found 0 when there is none. */
int calllog_oldest_start(struct db *db, int64_t *at, int *found, struct mado_err *e);

/* Call logs started in [since, until). */
int calllog_count_range(struct db *db, int64_t since, int64_t until, int64_t *n,
	struct mado_err *e);

/* Deletes the (at most limit) oldest call logs started in [since, until)
 * and the links to and from them; the receipt ids of the first and last
 * deleted (in (started_at, id) order, newly allocated, caller frees even
 * on failure) and the count. Run inside db_txn(). */
int calllog_delete_batch(struct db *db, int64_t since, int64_t until, int limit,
	int64_t *count, char **first_receipt, char **last_receipt, struct mado_err *e);

/* The setting key as a newly allocated string (caller frees); *value
 * NULL when it is not set. */
int setting_get_text(struct db *db, const char *key, char **value, struct mado_err *e);

#endif
