/* The contact center's figures for one month (issue 6), as a read-only
 * page: the totals, then a table by day, by department and by category,
 * then the most used FAQs. Core computes everything and refuses those
 * below supervisor; the numbers are laid out by screen cells, right
 * aligned, so that Japanese names never push a column out of line. */
#include <glib.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "base/env.h"
#include "base/i18n.h"
#include "base/textwidth.h"
#include "core/calendar.h"
#include "core/report_calls.h"
#include "tui/page.h"
#include "tui/views.h"

/* A table fits 80 columns: the name, then NUMS numbers a space apart. */
enum { NAME_CELLS = 14, NUM_CELLS = 9, NUMS = 7, TOTAL_CELLS = 10 };

struct figures_ctx {
	int year, month;
};

/* One table being filled: the page's ambiguous width and its lines. */
struct table {
	int ambi;
	GString *text;
};

/* Appends s laid out in cells cells, as align says. */
static void
cell(struct table *tb, const char *s, int cells, enum tw_align align)
{
	char *fit;

	if (align == TW_RIGHT) {
		g_string_append_c(tb->text, ' ');
		cells--;
	}
	fit = tw_fit(s, cells, tb->ambi, align);
	g_string_append(tb->text, fit);
	free(fit);
}

static void
table_head(struct table *tb, const char *first)
{
	const char *heads[NUMS] = {
		_("Received"), _("Handled"), _("Transf."), _("1-stop%"), _("Talk s"),
		_("Handl. s"), _("Open"),
	};

	cell(tb, first, NAME_CELLS, TW_LEFT);
	for (int i = 0; i < NUMS; i++)
		cell(tb, heads[i], NUM_CELLS, TW_RIGHT);
	g_string_append_c(tb->text, '\n');
}

static void
table_row(const char *key, const char *name, const struct calls_figures *f, void *ctx)
{
	struct table *tb = ctx;
	char nums[NUMS][32];

	g_snprintf(nums[0], sizeof nums[0], "%" PRId64, f->received);
	g_snprintf(nums[1], sizeof nums[1], "%" PRId64, f->handled);
	g_snprintf(nums[2], sizeof nums[2], "%" PRId64, f->transferred);
	g_snprintf(nums[3], sizeof nums[3], "%.1f", f->one_stop_rate * 100);
	g_snprintf(nums[4], sizeof nums[4], "%.0f", f->avg_talk);
	g_snprintf(nums[5], sizeof nums[5], "%.0f", f->avg_handling);
	g_snprintf(nums[6], sizeof nums[6], "%" PRId64, f->open);
	/* A department or category by its name, a day by its date. */
	cell(tb, name != NULL && name[0] != '\0' ? name : key[0] != '\0' ? key : "—", NAME_CELLS,
		TW_LEFT);
	for (int i = 0; i < NUMS; i++)
		cell(tb, nums[i], NUM_CELLS, TW_RIGHT);
	g_string_append_c(tb->text, '\n');
}

static void
faq_row(int64_t faq_no, const char *title, int64_t calls, void *ctx)
{
	struct table *tb = ctx;
	char no[32], n[32];

	g_snprintf(no, sizeof no, "FAQ-%" PRId64, faq_no);
	g_snprintf(n, sizeof n, "%" PRId64, calls);
	cell(tb, no, NAME_CELLS - 6, TW_LEFT);
	cell(tb, n, 6, TW_RIGHT);
	g_string_append(tb->text, "  ");
	g_string_append(tb->text, title);
	g_string_append_c(tb->text, '\n');
}

/* A number right-aligned in TOTAL_CELLS cells, then its unit. */
static void
total(struct page *p, int ambi, const char *label, const char *num, const char *unit)
{
	char *fit = tw_fit(num, TOTAL_CELLS, ambi, TW_RIGHT);
	char *s = g_strconcat(fit, unit, NULL);

	page_field(p, label, s);
	g_free(s);
	free(fit);
}

static void
totals(struct page *p, int ambi, const struct calls_figures *f)
{
	char buf[32];

	g_snprintf(buf, sizeof buf, "%" PRId64, f->received);
	total(p, ambi, _("Received"), buf, "");
	g_snprintf(buf, sizeof buf, "%" PRId64, f->handled);
	total(p, ambi, _("Handled"), buf, "");
	g_snprintf(buf, sizeof buf, "%" PRId64, f->transferred);
	total(p, ambi, _("Transferred"), buf, "");
	g_snprintf(buf, sizeof buf, "%.1f", f->one_stop_rate * 100);
	total(p, ambi, _("One-stop rate"), buf, " %");
	g_snprintf(buf, sizeof buf, "%.0f", f->avg_talk);
	total(p, ambi, _("Average talk time"), buf, _(" s"));
	g_snprintf(buf, sizeof buf, "%.0f", f->avg_handling);
	total(p, ambi, _("Average handling time"), buf, _(" s"));
	g_snprintf(buf, sizeof buf, "%" PRId64, f->open);
	total(p, ambi, _("Open records"), buf, "");
}

/* One breakdown under its heading; an empty one says so. */
static int
breakdown(struct tui *t, struct page *p, const char *heading, const char *first,
	enum calls_grouping by, int64_t from, int64_t to, struct mado_err *e)
{
	struct table tb = { t->paint.ambi, g_string_new(NULL) };
	size_t head_len;
	int st;

	table_head(&tb, first);
	head_len = tb.text->len;
	st = report_calls_groups(t->db, &t->actor, by, from, to, table_row, &tb, e);
	if (tb.text->len > 0)
		g_string_truncate(tb.text, tb.text->len - 1);  /* the last line's break */
	if (st == MADO_OK) {
		page_heading(p, heading);
		page_text(p, tb.text->len >= head_len ? tb.text->str : _("no calls"));
	}
	g_string_free(tb.text, TRUE);
	return st;
}

static int
top_faqs(struct tui *t, struct page *p, int64_t from, int64_t to, struct mado_err *e)
{
	struct table tb = { t->paint.ambi, g_string_new(NULL) };
	int st = report_calls_top_faqs(t->db, &t->actor, from, to, faq_row, &tb, e);

	if (tb.text->len > 0)
		g_string_truncate(tb.text, tb.text->len - 1);  /* the last line's break */
	if (st == MADO_OK) {
		page_heading(p, _("Most used FAQs (calls)"));
		page_text(p, tb.text->str);
	}
	g_string_free(tb.text, TRUE);
	return st;
}

static int
fill(struct tui *t, void *ctx, bool first, struct page *p, char *title, size_t title_size,
	struct mado_err *e)
{
	const struct figures_ctx *c = ctx;
	struct calls_figures f;
	char from_date[16], to_date[16];
	int64_t from, to;
	int st;

	(void)first;
	g_snprintf(from_date, sizeof from_date, "%04d-%02d-01", c->year, c->month);
	g_snprintf(to_date, sizeof to_date, "%04d-%02d-01", c->year + c->month / 12,
		c->month % 12 + 1);
	g_snprintf(title, title_size, _("Call figures %04d-%02d"), c->year, c->month);
	if ((st = report_calls_period(from_date, to_date, &from, &to, e)) != MADO_OK ||
	    (st = report_calls_totals(t->db, &t->actor, from, to, &f, e)) != MADO_OK)
		return st;
	totals(p, t->paint.ambi, &f);
	if ((st = breakdown(t, p, _("By day"), _("Day"), CALLS_BY_DAY, from, to, e)) != MADO_OK ||
	    (st = breakdown(t, p, _("By department"), _("Department"), CALLS_BY_DEPARTMENT, from,
		to, e)) != MADO_OK ||
	    (st = breakdown(t, p, _("By category"), _("Category"), CALLS_BY_CATEGORY, from, to,
		e)) != MADO_OK)
		return st;
	return top_faqs(t, p, from, to, e);
}

/* "YYYY-MM" with a month 1 to 12; anything else is refused. */
static bool
parse_month(const char *s, int *year, int *month)
{
	char *end;
	long y, m;

	if (strlen(s) != 7 || s[4] != '-' || !g_ascii_isdigit(s[0]) || !g_ascii_isdigit(s[5]))
		return false;
	y = strtol(s, &end, 10);
	if (end != s + 4)
		return false;
	m = strtol(s + 5, &end, 10);
	if (*end != '\0' || m < 1 || m > 12 || y < 1970)
		return false;
	*year = (int)y;
	*month = (int)m;
	return true;
}

struct view *
view_call_figures_new(struct tui *t, const char *month)
{
	struct figures_ctx *c = g_new0(struct figures_ctx, 1);
	struct mado_err e = { .status = MADO_EUSAGE };
	struct jst now;

	if (month == NULL) {
		jst_from_time(mado_now(), &now);
		c->year = now.year;
		c->month = now.month;
	} else if (!parse_month(month, &c->year, &c->month)) {
		g_snprintf(e.msg, sizeof e.msg, _("figures: a month is YYYY-MM, not '%s'"), month);
		tui_error(t, &e);
		g_free(c);
		return NULL;
	}
	return page_view_new(t, fill, c);
}
