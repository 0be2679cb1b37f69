/* The supervisors' dashboard (supervisor role and above): every figure
 * read in one read transaction, so they agree with each other while other
 * users keep working. Moments are Unix seconds; weeks and months are JST.
 *
 *   open        tickets in a status that is neither resolved nor closed
 *               in their kind's workflow (share/workflows/KIND.wf)
 *   resolved    in a resolved status (answered, recovered, done,
 *               rejected): the work is done, the ticket not yet closed
 *   created, closed per week
 *               tickets created (created_at) and closed (closed_at) in
 *               each of the DASH_WEEKS weeks, Monday 00:00 JST to Monday,
 *               ending with the current week (so far)
 *   overdue     open tickets whose due date is now or past
 *   at risk     open tickets due later but within DASH_RISK_MINUTES of
 *               office time (core/calendar.h: office hours, weekends,
 *               national holidays and the year-end closure are skipped)
 *   per queue, per department
 *               open tickets by their queue, and by the department that
 *               owns the queue (queue.department_id); "" for none
 *   oldest open the DASH_OLDEST open tickets created first
 *   knowledge   articles, and their views, helpful and not-helpful votes
 *               summed over all time; the DASH_TOP_ARTICLES most viewed
 *   stale       articles not reviewed (never reviewed: not created) in
 *               the last DASH_STALE_MONTHS calendar months, and the oldest
 *   FAQ resolution (self-resolution rate, 自己解決率)
 *               over the same weeks as the trends: contacts the desk
 *               answered with an FAQ, out of all contacts answered or
 *               taken. Calls: started in the weeks, answered by the
 *               operator (対応区分 'answered') with at least one 利用FAQ,
 *               out of all calls received. Inquiries: created in the
 *               weeks and answered, linked answered_with_faq to an
 *               article (not one made from the inquiry itself), out of
 *               those answered. The rate is (calls with an FAQ +
 *               inquiries with an FAQ) / (calls + answered inquiries);
 *               0 when there are none. */
#ifndef MADO_DASHBOARD_H
#define MADO_DASHBOARD_H

#include <stdint.h>

#include "base/err.h"
#include "core/calendar.h"
#include "core/identity.h"
#include "db/dashboard_store.h"
#include "db/db.h"

enum {
	DASH_WEEKS = 12,
	DASH_KINDS = 3,          /* inquiry, incident, request */
	DASH_OLDEST = 10,
	DASH_TOP_ARTICLES = 5,
	DASH_RISK_MINUTES = 4 * 60,
	DASH_STALE_MONTHS = 12,
};

struct dash_kind {
	const char *kind;        /* static: "inquiry", "incident", "request" */
	int64_t open, resolved, overdue, at_risk;
	int64_t created[DASH_WEEKS], closed[DASH_WEEKS];  /* oldest week first */
	int64_t created_total, closed_total;              /* over the weeks */
};

struct dash_group {
	char *code, *name;       /* "" for tickets with no queue or department */
	int64_t open;
};

struct dash_item {
	int64_t id, created_at, due_at;  /* due_at 0 for none */
	char *number, *kind, *subject, *queue;
};

struct dash_article {
	int64_t faq_no, views, helpful, not_helpful;
	char *title;
};

struct dashboard {
	int64_t now;
	int64_t week_start[DASH_WEEKS];  /* Monday 00:00 JST, oldest first */
	int64_t risk_until;              /* due at or before this is at risk */
	int64_t stale_before;            /* reviewed before this is stale */
	struct dash_kind kinds[DASH_KINDS];
	struct dash_group *queues, *departments;  /* most open first */
	int nqueues, ndepartments;
	struct dash_item oldest[DASH_OLDEST];
	int noldest;
	struct dash_kb_sums kb;
	struct dash_article top[DASH_TOP_ARTICLES];
	int ntop;
	int64_t stale, stale_oldest_faq_no, stale_oldest_at;
	char *stale_oldest_title;        /* NULL when nothing is stale; free() */
	struct dash_faq_sums faq;
	double calls_faq_rate;           /* calls_faq / calls */
	double inquiries_faq_rate;       /* inquiries_faq / inquiries_answered */
	double faq_rate;                 /* the self-resolution rate above */
};

/* Reads the dashboard as of mado_now() with the office hours of cal.
 * MADO_EPERM below supervisor. Free out with dashboard_clear() either
 * way. */
int dashboard_read(struct db *db, const struct actor *actor, const struct calendar *cal,
	struct dashboard *out, struct mado_err *e);
void dashboard_clear(struct dashboard *d);

/* The Monday 00:00 JST that starts the week holding t. */
int64_t dashboard_week_of(int64_t t);

#endif
