/* Contact-center figures for the office (supervisor role and above).
 *
 * The period is [from, to) in JST dates: --from 2026-11-01 --to
 * 2026-12-01 is November. A call belongs to the period, day and hour in
 * which it started (受付開始日時), so a call at 23:58 that ends after
 * midnight counts on its first day.
 *
 *   received    every call log started in the period
 *   transferred outcome (対応区分) 'transferred'
 *   handled     received - transferred
 *   one-stop    outcome 'answered': answered by the operator, with no
 *               transfer and no call back; the rate is one-stop / received
 *               (calls with no outcome yet count against it)
 *   talk time   ended - started, averaged over the calls that have ended
 *   handling    talk + after-call work = wrapup - started, averaged over
 *               the calls whose record is finished
 *   open        calls whose record is not finished (no 後処理終了) */
#ifndef MADO_REPORT_CALLS_H
#define MADO_REPORT_CALLS_H

#include <stdint.h>

#include "base/err.h"
#include "core/identity.h"
#include "db/db.h"
#include "db/report_store.h"

enum { CALLS_TOP_FAQS = 10 };

struct calls_figures {
	int64_t received, transferred, handled, one_stop, open;
	double one_stop_rate;   /* 0 to 1; 0 when no call was received */
	double avg_talk;        /* seconds; 0 when no call has ended */
	double avg_handling;    /* seconds; 0 when no record is finished */
};

/* "day", "hour", "department", "category", "operator" -> grouping; -1 if
 * unknown. */
int calls_grouping_parse(const char *name);

/* Parses the JST dates "YYYY-MM-DD" into [*from, *to) in Unix seconds.
 * MADO_EUSAGE naming the option for a malformed date or an empty period. */
int report_calls_period(const char *from_date, const char *to_date, int64_t *from,
	int64_t *to, struct mado_err *e);

void calls_figures_from(const struct calls_sums *s, struct calls_figures *out);

int report_calls_totals(struct db *db, const struct actor *actor, int64_t from, int64_t to,
	struct calls_figures *out, struct mado_err *e);

/* key and name valid during the callback only; see db/report_store.h for
 * the keys and their order. */
typedef void (*calls_figures_fn)(const char *key, const char *name,
	const struct calls_figures *f, void *ctx);
int report_calls_groups(struct db *db, const struct actor *actor, enum calls_grouping by,
	int64_t from, int64_t to, calls_figures_fn fn, void *ctx, struct mado_err *e);

/* The CALLS_TOP_FAQS FAQs used on the most calls. */
int report_calls_top_faqs(struct db *db, const struct actor *actor, int64_t from, int64_t to,
	calls_faq_fn fn, void *ctx, struct mado_err *e);
/* Calls whose records are still open, oldest first, at most limit. */
int report_calls_open(struct db *db, const struct actor *actor, int64_t from, int64_t to,
	int limit, calls_open_fn fn, void *ctx, struct mado_err *e);

#endif
