/* The monthly report (月次運用報告 / 定例運用報告書), for a month of a
 * fiscal year or the whole year (supervisor role and above), built as a
 * struct rdoc. Months are JST calendar months; the fiscal year runs April
 * to March (core/calendar.h).
 *
 *   routine work      requests closed in the period, per kind, each with
 *                     its work start and end (the list for a month only)
 *   incident status   per category: created in the period, closed in it,
 *                     open at its end
 *   inquiries         those created in the month: number, date, subject,
 *                     status, queue (for the whole year: how many)
 *   statistics        by fiscal-year month, April … March, with totals,
 *                     from April to the end of the period (later months
 *                     blank):
 *     alerts received   monitoring alerts (alert_occurrence, 'problem');
 *                       when the year has none, incidents from alert mail
 *     after hours       incidents recorded after hours, 出勤有 / 出勤無
 *     applications      requests per request kind
 *     categories        incidents per category of the master (scope
 *                       incident), plus those without one
 *   Tickets count in the month of their creation (JST). */
#ifndef MADO_REPORT_MONTHLY_H
#define MADO_REPORT_MONTHLY_H

#include <stdint.h>

#include "base/err.h"
#include "core/identity.h"
#include "core/rdoc.h"
#include "db/db.h"

struct monthly_spec {
	int fy, month;             /* month 1–12, 0 for the whole fiscal year */
	int64_t from, to;          /* the period */
	int64_t fy_from;           /* 1 April of fy, 00:00 JST */
};

/* MADO_EUSAGE naming --fy or --month when out of range. */
int report_monthly_spec(int fy, int month, struct monthly_spec *out, struct mado_err *e);

/* Builds the report into out (initialised here; rdoc_free() it even on
 * failure). */
int report_monthly(struct db *db, const struct actor *actor, const struct monthly_spec *s,
	struct rdoc *out, struct mado_err *e);

/* "月次運用報告-FY2026-10.pdf", "月次運用報告-FY2026.pdf" (the title in
 * the messages' language). g_free(). */
char *report_monthly_filename(const struct monthly_spec *s);

#endif
