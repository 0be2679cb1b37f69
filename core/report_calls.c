#include "report_calls.h"

#include <stdio.h>
#include <string.h>

#include "base/i18n.h"
#include "core/calendar.h"

static const char *const grouping_names[] = {
	[CALLS_BY_DAY] = "day", [CALLS_BY_HOUR] = "hour",
	[CALLS_BY_DEPARTMENT] = "department", [CALLS_BY_CATEGORY] = "category",
	[CALLS_BY_OPERATOR] = "operator",
};

int
calls_grouping_parse(const char *name)
{
	for (size_t i = 0; i < sizeof grouping_names / sizeof grouping_names[0]; i++)
		if (strcmp(name, grouping_names[i]) == 0)
			return (int)i;
	return -1;
}

/* A real calendar date: the round trip through jst_to_time() rejects
 * 2026-02-30 and the like. */
static int
parse_date(const char *opt, const char *s, int64_t *t, struct mado_err *e)
{
	int y, m, d, n = 0;
	struct jst j;

	if (sscanf(s, "%4d-%2d-%2d%n", &y, &m, &d, &n) != 3 || n != 10 || s[n] != '\0' ||
	    m < 1 || m > 12 || d < 1 || d > 31)
		return mado_err_set(e, MADO_EUSAGE, _("%s: '%s' is not a date (YYYY-MM-DD)"), opt, s);
	*t = jst_to_time(y, m, d, 0, 0, 0);
	jst_from_time(*t, &j);
	if (j.year != y || j.month != m || j.day != d)
		return mado_err_set(e, MADO_EUSAGE, _("%s: '%s' is not a date (YYYY-MM-DD)"), opt, s);
	return MADO_OK;
}

int
report_calls_period(const char *from_date, const char *to_date, int64_t *from, int64_t *to,
	struct mado_err *e)
{
	int st = parse_date("--from", from_date, from, e);

	if (st == MADO_OK)
		st = parse_date("--to", to_date, to, e);
	if (st == MADO_OK && *to <= *from)
		st = mado_err_set(e, MADO_EUSAGE,
			_("date range: the end must come after the start"));
	return st;
}

void
calls_figures_from(const struct calls_sums *s, struct calls_figures *out)
{
	out->received = s->received;
	out->transferred = s->transferred;
	out->handled = s->received - s->transferred;
	out->one_stop = s->one_stop;
	out->open = s->open;
	out->one_stop_rate = s->received > 0 ? (double)s->one_stop / (double)s->received : 0;
	out->avg_talk = s->talk_n > 0 ? (double)s->talk_s / (double)s->talk_n : 0;
	out->avg_handling = s->handle_n > 0 ? (double)s->handle_s / (double)s->handle_n : 0;
}

static int
may_read(const struct actor *actor, struct mado_err *e)
{
	return role_require(actor, ROLE_SUPERVISOR, _("reading call figures"), e);
}

int
report_calls_totals(struct db *db, const struct actor *actor, int64_t from, int64_t to,
	struct calls_figures *out, struct mado_err *e)
{
	struct calls_sums s;
	int st = may_read(actor, e);

	memset(out, 0, sizeof *out);
	if (st == MADO_OK)
		st = report_store_totals(db, from, to, &s, e);
	if (st == MADO_OK)
		calls_figures_from(&s, out);
	return st;
}

struct groups_ctx {
	calls_figures_fn fn;
	void *ctx;
};

static void
group_row(const char *key, const char *name, const struct calls_sums *s, void *p)
{
	struct groups_ctx *g = p;
	struct calls_figures f;

	calls_figures_from(s, &f);
	g->fn(key, name, &f, g->ctx);
}

int
report_calls_groups(struct db *db, const struct actor *actor, enum calls_grouping by,
	int64_t from, int64_t to, calls_figures_fn fn, void *ctx, struct mado_err *e)
{
	struct groups_ctx g = { fn, ctx };
	int st = may_read(actor, e);

	if (st == MADO_OK)
		st = report_store_groups(db, by, from, to, mado_i18n_lang(), group_row, &g, e);
	return st;
}

int
report_calls_top_faqs(struct db *db, const struct actor *actor, int64_t from, int64_t to,
	calls_faq_fn fn, void *ctx, struct mado_err *e)
{
	int st = may_read(actor, e);

	if (st == MADO_OK)
		st = report_store_top_faqs(db, from, to, CALLS_TOP_FAQS, fn, ctx, e);
	return st;
}

int
report_calls_open(struct db *db, const struct actor *actor, int64_t from, int64_t to,
	int limit, calls_open_fn fn, void *ctx, struct mado_err *e)
{
	int st = may_read(actor, e);

	if (st == MADO_OK)
		st = report_store_open(db, from, to, limit, fn, ctx, e);
	return st;
}
