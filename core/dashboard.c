/* The supervisors' dashboard (core/dashboard.h): the workflows say which
 * statuses are open or resolved, the calendar says when the weeks start
 * and what office time is left; the store counts, all in one snapshot. */
#include "dashboard.h"

#include <glib.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "base/env.h"
#include "base/i18n.h"
#include "core/ticket.h"
#include "core/workflow.h"

enum { DAY = 86400, WEEK = 7 * DAY };

static const char *const kinds[DASH_KINDS] = { "inquiry", "incident", "request" };

int64_t
dashboard_week_of(int64_t t)
{
	struct jst j;

	jst_from_time(t, &j);
	return jst_to_time(j.year, j.month, j.day, 0, 0, 0) - (int64_t)((j.wday + 6) % 7) * DAY;
}

/* The same moment DASH_STALE_MONTHS calendar months earlier (29 February
 * of a year that has none is 1 March). */
static int64_t
months_before(int64_t t, int months)
{
	struct jst j;
	int m;

	jst_from_time(t, &j);
	m = j.year * 12 + (j.month - 1) - months;
	return jst_to_time(m / 12, m % 12 + 1, j.day, j.hour, j.min, j.sec);
}

static struct dash_kind *
kind_of(struct dashboard *d, const char *kind)
{
	for (int i = 0; i < DASH_KINDS; i++)
		if (strcmp(d->kinds[i].kind, kind) == 0)
			return &d->kinds[i];
	return NULL;
}

static void
open_row(const char *kind, int64_t n, int64_t overdue, int64_t due_soon, void *p)
{
	struct dash_kind *k = kind_of(p, kind);

	if (k != NULL) {
		k->open = n;
		k->overdue = overdue;
		k->at_risk = due_soon;
	}
}

static void
resolved_row(const char *kind, int64_t n, int64_t overdue, int64_t due_soon, void *p)
{
	struct dash_kind *k = kind_of(p, kind);

	(void)overdue;
	(void)due_soon;
	if (k != NULL)
		k->resolved = n;
}

/* Which series a week's count goes to. */
struct week_ctx {
	struct dashboard *d;
	bool closed;
};

static void
week_row(const char *kind, int week, int64_t n, void *p)
{
	struct week_ctx *w = p;
	struct dash_kind *k = kind_of(w->d, kind);

	if (k == NULL || week < 0 || week >= DASH_WEEKS)
		return;
	(w->closed ? k->closed : k->created)[week] = n;
	*(w->closed ? &k->closed_total : &k->created_total) += n;
}

/* Groups are appended to a GArray of struct dash_group. */
static void
group_row(const char *code, const char *name, int64_t n, void *p)
{
	struct dash_group g = { g_strdup(code), g_strdup(name), n };

	g_array_append_val((GArray *)p, g);
}

static void
item_row(const struct dash_item_row *r, void *p)
{
	struct dashboard *d = p;
	struct dash_item *it;

	if (d->noldest == DASH_OLDEST)
		return;
	it = &d->oldest[d->noldest++];
	it->id = r->id;
	it->created_at = r->created_at;
	it->due_at = r->due_at;
	it->number = g_strdup(r->number);
	it->kind = g_strdup(r->kind);
	it->subject = g_strdup(r->subject);
	it->queue = g_strdup(r->queue);
}

static void
article_row(int64_t faq_no, const char *title, int64_t views, int64_t helpful,
	int64_t not_helpful, void *p)
{
	struct dashboard *d = p;

	if (d->ntop < DASH_TOP_ARTICLES)
		d->top[d->ntop++] = (struct dash_article){ faq_no, views, helpful, not_helpful,
			g_strdup(title) };
}

/* The groups gathered in a, handed over to *out and *n. */
static void
take_groups(GArray *a, struct dash_group **out, int *n)
{
	*n = (int)a->len;
	*out = (struct dash_group *)(void *)g_array_free(a, a->len == 0);
}

struct read_ctx {
	struct dashboard *d;
	const char *open_json, *resolved_json;
};

static int
read_txn(struct db *db, void *p, struct mado_err *e)
{
	struct read_ctx *c = p;
	struct dashboard *d = c->d;
	int64_t from = d->week_start[0];
	GArray *queues = g_array_new(FALSE, FALSE, sizeof(struct dash_group));
	GArray *departments = g_array_new(FALSE, FALSE, sizeof(struct dash_group));
	struct week_ctx created = { d, false }, closed = { d, true };
	int st = dash_store_by_kind(db, c->open_json, d->now, d->risk_until, open_row, d, e);

	if (st == MADO_OK)
		st = dash_store_by_kind(db, c->resolved_json, d->now, d->risk_until, resolved_row, d,
			e);
	if (st == MADO_OK)
		st = dash_store_created_weekly(db, from, DASH_WEEKS, week_row, &created, e);
	if (st == MADO_OK)
		st = dash_store_closed_weekly(db, from, DASH_WEEKS, week_row, &closed, e);
	if (st == MADO_OK)
		st = dash_store_by_queue(db, c->open_json, group_row, queues, e);
	if (st == MADO_OK)
		st = dash_store_by_department(db, c->open_json, mado_i18n_lang(), group_row,
			departments, e);
	if (st == MADO_OK)
		st = dash_store_oldest(db, c->open_json, DASH_OLDEST, item_row, d, e);
	if (st == MADO_OK)
		st = dash_store_kb_sums(db, &d->kb, e);
	if (st == MADO_OK)
		st = dash_store_top_viewed(db, DASH_TOP_ARTICLES, article_row, d, e);
	if (st == MADO_OK)
		st = dash_store_stale(db, d->stale_before, &d->stale, &d->stale_oldest_faq_no,
			&d->stale_oldest_title, &d->stale_oldest_at, e);
	if (st == MADO_OK)
		st = dash_store_faq_sums(db, from, d->now + 1, &d->faq, e);
	/* Kept even on failure, so that dashboard_clear() frees them. */
	take_groups(queues, &d->queues, &d->nqueues);
	take_groups(departments, &d->departments, &d->ndepartments);
	return st;
}

static double
rate(int64_t part, int64_t whole)
{
	return whole > 0 ? (double)part / (double)whole : 0;
}

int
dashboard_read(struct db *db, const struct actor *actor, const struct calendar *cal,
	struct dashboard *out, struct mado_err *e)
{
	struct read_ctx c = { out, NULL, NULL };
	int st;

	memset(out, 0, sizeof *out);
	for (int i = 0; i < DASH_KINDS; i++)
		out->kinds[i].kind = kinds[i];
	if ((st = role_require(actor, ROLE_SUPERVISOR, _("reading the dashboard"), e)) != MADO_OK)
		return st;
	out->now = mado_now();
	out->week_start[DASH_WEEKS - 1] = dashboard_week_of(out->now);
	for (int w = DASH_WEEKS - 2; w >= 0; w--)
		out->week_start[w] = out->week_start[w + 1] - WEEK;
	out->risk_until = calendar_add_business_minutes(cal, out->now, DASH_RISK_MINUTES);
	out->stale_before = months_before(out->now, DASH_STALE_MONTHS);
	/* Open: neither resolved nor closed; resolved: not yet closed. */
	if ((c.open_json = ticket_statuses_json(NULL, WF_RESOLVED | WF_CLOSED, false, true, e))
		== NULL)
		return e->status;
	c.resolved_json = ticket_statuses_json(NULL, WF_RESOLVED, true, true, e);
	if (c.resolved_json != NULL)
		st = db_read(db, read_txn, &c, e);
	else
		st = e->status;
	g_free((char *)c.open_json);
	g_free((char *)c.resolved_json);
	if (st == MADO_OK) {
		const struct dash_faq_sums *f = &out->faq;

		out->calls_faq_rate = rate(f->calls_faq, f->calls);
		out->inquiries_faq_rate = rate(f->inquiries_faq, f->inquiries_answered);
		out->faq_rate = rate(f->calls_faq + f->inquiries_faq,
			f->calls + f->inquiries_answered);
	}
	return st;
}

static void
groups_free(struct dash_group *g, int n)
{
	for (int i = 0; i < n; i++) {
		g_free(g[i].code);
		g_free(g[i].name);
	}
	g_free(g);
}

void
dashboard_clear(struct dashboard *d)
{
	groups_free(d->queues, d->nqueues);
	groups_free(d->departments, d->ndepartments);
	for (int i = 0; i < d->noldest; i++) {
		g_free(d->oldest[i].number);
		g_free(d->oldest[i].kind);
		g_free(d->oldest[i].subject);
		g_free(d->oldest[i].queue);
	}
	for (int i = 0; i < d->ntop; i++)
		g_free(d->top[i].title);
	free(d->stale_oldest_title);
	memset(d, 0, sizeof *d);
}
