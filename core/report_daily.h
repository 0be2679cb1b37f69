/* The daily shift summary (日次運用報告), handed over in print at the end
 * of every shift (supervisor role and above). Built as a struct rdoc; the
 * renderers make it text, CSV or PDF.
 *
 * For the shift's period [from, to) (core/config_shift.h):
 *   staff on duty     staff with any audit row in the period: a login,
 *                     lock or unlock of the client, or any change
 *   tickets           per kind and queue: created in the period; moved
 *                     to a resolved or closed status or closed in it
 *                     (each ticket once); open now among those created before its end
 *                     (open: neither closed nor in a resolved status)
 *   incidents         created before the end and neither closed nor
 *                     recovered before the start
 *   SLA               open tickets due before the end (overdue), and due
 *                     within the next 4 business hours after it (at risk)
 *   calls             core/report_calls.h over the period, when any
 *   handover          the supervisor's note and picked tickets
 *                     (core/handover.h)
 *   next shift        open tickets created before the end, oldest first
 * Lists show at most REPORT_LIST_LIMIT rows and say how many more. */
#ifndef MADO_REPORT_DAILY_H
#define MADO_REPORT_DAILY_H

#include <stdint.h>

#include "base/err.h"
#include "core/config.h"
#include "core/identity.h"
#include "core/rdoc.h"
#include "db/db.h"

enum { REPORT_LIST_LIMIT = 50, REPORT_RISK_MINUTES = 4 * 60 };

struct daily_spec {
	char day[11];              /* "YYYY-MM-DD", the day the shift starts */
	char shift[SHIFT_NAME];
	int64_t from, to;
};

/* day NULL: the business day running now (core/config_shift.h); shift
 * NULL: "all". MADO_EUSAGE naming --date or --shift when wrong. */
int report_daily_spec(const struct config *cfg, const char *day, const char *shift,
	struct daily_spec *out, struct mado_err *e);

/* Builds the summary into out (initialised here; rdoc_free() it even on
 * failure). */
int report_daily(struct db *db, const struct actor *actor, const struct config *cfg,
	const struct daily_spec *s, struct rdoc *out, struct mado_err *e);

/* "日次運用報告-2026-11-20-early.pdf" (the title in the messages'
 * language); no slash or control character. g_free(). */
char *report_daily_filename(const struct daily_spec *s);

/* madod's end-of-shift job: the summary of (day, shift) as the system
 * account, written as PDF into [report] output_dir (MADO_ECONFIG when not
 * set) and printed when [report] print is true. */
int report_daily_job(struct db *db, const struct config *cfg, const char *day,
	const char *shift, struct mado_err *e);

/* madod's job at the end of a shift (at its end time): the summary of the
 * shift that ended last (at or before now), when the day it started on is
 * a business day. *path (g_free(); NULL when skipped) is the PDF written. */
int report_daily_end_of_shift(struct db *db, const struct config *cfg, const char *shift,
	int64_t now, char **path, struct mado_err *e);
/* The job's time: the shift's end as a minute of the JST day; -1 (off)
 * when no such shift or no [report] output_dir is configured. */
int report_daily_job_minute(const struct config *cfg, const char *shift);

#endif
