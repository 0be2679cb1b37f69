/* The supervisors' dashboard (core/dashboard.h) on one screen: the counts
 * per kind with their weekly trends as sparklines across the top, then
 * four panels — open work per queue and per department as bars, the
 * oldest open items, and knowledge — two abreast on 80 columns, four
 * from 160, each as tall as the screen allows. Every figure is also a
 * number in text, so nothing depends on colour. Read again whenever
 * another process commits (the loop's data_version tick). */
#include <glib.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "core/dashboard.h"
#include "tui/chart.h"
#include "tui/page.h"
#include "tui/views.h"

enum {
	KIND_CELLS = 10, NUMS = 4, TOTAL_CELLS = 5,
	COUNTS_ROWS = 6,          /* heading, header, three kinds, the note */
	WIDE_COLS = 160,          /* four panels abreast from here */
	BAR_NAME_MAX = 16, BAR_NUM_CELLS = 6,
	NUMBER_CELLS = 16, AGE_CELLS = 5,
	PANELS = 4,
	KNOWLEDGE_LINES = 5,      /* before the most viewed: knowledge() */
};

struct dash_view {
	struct dashboard d;
	char title[128];
};

/* A region of the screen a panel is drawn in. */
struct box {
	int y, x, rows, cols;
};

static const char *
kind_label(const char *kind)
{
	return strcmp(kind, "inquiry") == 0 ? _("Inquiries")
		: strcmp(kind, "incident") == 0 ? _("Incidents") : _("Requests");
}

static void
number(char *buf, size_t size, int64_t n)
{
	g_snprintf(buf, size, "%" PRId64, n);
}

static void
percent(char *buf, size_t size, double rate)
{
	g_snprintf(buf, size, "%.1f%%", rate * 100);
}

/* ---- the counts across the top ---- */

/* One trend: the sparkline of the weeks, then their total. */
static void
trend(const struct painter *p, int y, int x, const int64_t *weeks, int64_t total)
{
	char *spark = chart_sparkline(p, weeks, DASH_WEEKS), num[24];
	int w = tw_width(spark, -1, p->ambi);

	number(num, sizeof num, total);
	draw_text(p, y, x + 1, spark, w, STYLE_NORMAL);
	draw_text_right(p, y, x + 1 + w, num, TOTAL_CELLS, STYLE_NORMAL);
	g_free(spark);
}

/* The numbers' columns: their cells (a space before each included) and
 * where they start. */
static const int num_cells[NUMS] = { 8, 9, 8, 8 };

static int
num_x(int i)
{
	int x = KIND_CELLS;

	for (int k = 0; k < i; k++)
		x += num_cells[k];
	return x;
}

static void
counts(struct tui *t, const struct dashboard *d, int y, int cols)
{
	const struct painter *p = &t->paint;
	const char *heads[NUMS] = { _("Open"), _("Resolved"), _("Overdue"), _("At risk") };
	int trend_cells = 1 + DASH_WEEKS * chart_cell_width(p) + TOTAL_CELLS;
	int x0 = num_x(NUMS);
	/* The trends that fit: created, then closed too. */
	int trends = MIN(2, MAX(0, (cols - x0) / trend_cells));
	char note[256], from[32], until[32];

	draw_text(p, y, 0, _("Tickets"), tw_width(_("Tickets"), -1, p->ambi), STYLE_HEADER);
	draw_text(p, y + 1, 0, _("Kind"), KIND_CELLS, STYLE_NORMAL);
	for (int i = 0; i < NUMS; i++)
		draw_text_right(p, y + 1, num_x(i) + 1, heads[i], num_cells[i] - 1, STYLE_NORMAL);
	if (trends > 0)
		draw_text_right(p, y + 1, x0, _("Created/wk"), trend_cells, STYLE_NORMAL);
	if (trends > 1)
		draw_text_right(p, y + 1, x0 + trend_cells, _("Closed/wk"), trend_cells,
			STYLE_NORMAL);
	for (int k = 0; k < DASH_KINDS; k++) {
		const struct dash_kind *dk = &d->kinds[k];
		const int64_t nums[NUMS] = { dk->open, dk->resolved, dk->overdue, dk->at_risk };
		int row = y + 2 + k;

		draw_text(p, row, 0, kind_label(dk->kind), KIND_CELLS, STYLE_NORMAL);
		for (int i = 0; i < NUMS; i++) {
			char num[24];

			number(num, sizeof num, nums[i]);
			/* Overdue in bold too; the number says it without. */
			draw_text_right(p, row, num_x(i) + 1, num, num_cells[i] - 1,
				i == 2 && nums[i] > 0 ? STYLE_EMPHASIS : STYLE_NORMAL);
		}
		if (trends > 0)
			trend(p, row, x0, dk->created, dk->created_total);
		if (trends > 1)
			trend(p, row, x0 + trend_cells, dk->closed, dk->closed_total);
	}
	page_time(d->week_start[0], from, sizeof from);
	from[10] = '\0';  /* the date of the first week's Monday */
	g_snprintf(note, sizeof note, _("%d weeks from Monday %s (JST); at risk: due by %s"),
		DASH_WEEKS, from, page_time(d->risk_until, until, sizeof until));
	draw_text(p, y + 5, 0, note, cols, STYLE_NOTE);
}

/* ---- the panels ---- */

static void
panel_heading(const struct painter *p, const struct box *b, const char *text)
{
	draw_text(p, b->y, b->x, text, MIN(tw_width(text, -1, p->ambi), b->cols), STYLE_HEADER);
}

/* Bars of the groups, longest first, as many as fit under the heading. */
static void
bars(const struct painter *p, const struct box *b, const char *heading,
	const struct dash_group *g, int n, const char *none)
{
	int name_cells = MIN(BAR_NAME_MAX, b->cols / 3);
	int bar_cells = b->cols - name_cells - BAR_NUM_CELLS - 1;
	int64_t max = n > 0 ? g[0].open : 0;

	panel_heading(p, b, heading);
	if (n == 0)
		draw_text(p, b->y + 1, b->x, _("nothing open"), b->cols, STYLE_NORMAL);
	for (int i = 0; i < n && i < b->rows - 1; i++) {
		const char *name = g[i].name[0] != '\0' ? g[i].name
			: g[i].code[0] != '\0' ? g[i].code : none;
		char *bar = chart_bar(p, g[i].open, max, bar_cells), num[24];
		int y = b->y + 1 + i;

		number(num, sizeof num, g[i].open);
		draw_text(p, y, b->x, name, name_cells, STYLE_NORMAL);
		draw_text_right(p, y, b->x + name_cells, num, BAR_NUM_CELLS, STYLE_NORMAL);
		draw_text(p, y, b->x + name_cells + BAR_NUM_CELLS + 1, bar, bar_cells, STYLE_NORMAL);
		g_free(bar);
	}
}

/* The oldest open items: number, days open, subject. */
static void
oldest(const struct painter *p, const struct box *b, const struct dashboard *d)
{
	int number_cells = MIN(NUMBER_CELLS, b->cols / 2);
	int subject_x = b->x + number_cells + AGE_CELLS + 2;

	panel_heading(p, b, _("Oldest open (days)"));
	if (d->noldest == 0)
		draw_text(p, b->y + 1, b->x, _("nothing open"), b->cols, STYLE_NORMAL);
	for (int i = 0; i < d->noldest && i < b->rows - 1; i++) {
		const struct dash_item *it = &d->oldest[i];
		char days[24];
		int y = b->y + 1 + i;

		number(days, sizeof days, (d->now - it->created_at) / 86400);
		draw_text(p, y, b->x, it->number, number_cells, STYLE_NORMAL);
		draw_text_right(p, y, b->x + number_cells, days, AGE_CELLS, STYLE_NORMAL);
		draw_text(p, y, subject_x, it->subject, b->x + b->cols - subject_x, STYLE_NORMAL);
	}
}

/* Knowledge: the self-resolution rate first, then use, staleness and
 * the most viewed, line by line as far as the panel reaches. */
static void
knowledge(const struct painter *p, const struct box *b, const struct dashboard *d)
{
	GPtrArray *lines = g_ptr_array_new_with_free_func(g_free);
	char all[24], calls[24], inq[24], day[32];

	percent(all, sizeof all, d->faq_rate);
	percent(calls, sizeof calls, d->calls_faq_rate);
	percent(inq, sizeof inq, d->inquiries_faq_rate);
	g_ptr_array_add(lines, g_strdup_printf(_("Self-resolution (FAQ) %s"), all));
	g_ptr_array_add(lines, g_strdup_printf(_("  calls: %lld of %lld with an FAQ (%s)"),
		(long long)d->faq.calls_faq, (long long)d->faq.calls, calls));
	g_ptr_array_add(lines, g_strdup_printf(_("  inquiries: %lld of %lld with an FAQ (%s)"),
		(long long)d->faq.inquiries_faq, (long long)d->faq.inquiries_answered, inq));
	g_ptr_array_add(lines, g_strdup_printf(_("Views %lld, helpful %lld, not helpful %lld"),
		(long long)d->kb.views, (long long)d->kb.helpful, (long long)d->kb.not_helpful));
	if (d->stale_oldest_title != NULL)
		g_ptr_array_add(lines, g_strdup_printf(_("Stale %lld, oldest FAQ-%lld (%.10s) %s"),
			(long long)d->stale, (long long)d->stale_oldest_faq_no,
			page_time(d->stale_oldest_at, day, sizeof day), d->stale_oldest_title));
	else
		g_ptr_array_add(lines, g_strdup(_("Stale 0")));
	for (int i = 0; i < d->ntop; i++)
		g_ptr_array_add(lines, g_strdup_printf(_("  FAQ-%lld %lld views %s"),
			(long long)d->top[i].faq_no, (long long)d->top[i].views, d->top[i].title));
	panel_heading(p, b, _("Knowledge"));
	for (int i = 0; i < (int)lines->len && i < b->rows - 1; i++)
		draw_text(p, b->y + 1 + i, b->x, g_ptr_array_index(lines, i), b->cols, STYLE_NORMAL);
	g_ptr_array_free(lines, TRUE);
}

/* The lines panel i would fill under its heading. */
static int
panel_lines(const struct dashboard *d, int i)
{
	const int n[PANELS] = { d->nqueues, d->ndepartments, d->noldest,
		KNOWLEDGE_LINES + d->ntop };

	return MAX(n[i], 1);  /* "nothing open" takes a line too */
}

static void
panel_draw(const struct painter *p, const struct box *b, const struct dashboard *d, int i)
{
	switch (i) {
	case 0:
		bars(p, b, _("Open by queue"), d->queues, d->nqueues, _("(no queue)"));
		break;
	case 1:
		bars(p, b, _("Open by department"), d->departments, d->ndepartments,
			_("(no department)"));
		break;
	case 2:
		oldest(p, b, d);
		break;
	default:
		knowledge(p, b, d);
		break;
	}
}

/* The four panels in a grid below the counts: two abreast from 80
 * cells (one under the other below that), four from WIDE_COLS. Each
 * grid row is as tall as its fullest panel needs (heading, lines, a
 * blank line); when they do not all fit, the tallest gives up a line
 * until they do, so a short list of queues leaves its room to the
 * oldest items. */
static void
panels(struct tui *t, const struct dashboard *d, int y, int rows, int cols)
{
	int ncols = cols >= WIDE_COLS ? 4 : cols >= 80 ? 2 : 1;
	int nrows = (PANELS + ncols - 1) / ncols;
	int width = (cols - (ncols - 1)) / ncols;
	int height[PANELS] = { 0 }, total = 0;

	for (int i = 0; i < PANELS; i++)
		height[i / ncols] = MAX(height[i / ncols], 1 + panel_lines(d, i) + 1);
	for (int r = 0; r < nrows; r++)
		total += height[r];
	while (total > rows) {
		int tallest = 0;

		for (int r = 1; r < nrows; r++)
			if (height[r] > height[tallest])
				tallest = r;
		if (height[tallest] <= 2)
			break;
		height[tallest]--;
		total--;
	}
	for (int i = 0; i < PANELS; i++) {
		int r = i / ncols, top = y;
		struct box b;

		for (int k = 0; k < r; k++)
			top += height[k];
		b = (struct box){ top, (i % ncols) * (width + 1), height[r] - 1, width };
		/* What does not fit on the screen at all is left out. */
		b.rows = MIN(b.rows, y + rows - top);
		if (b.rows >= 1)
			panel_draw(&t->paint, &b, d, i);
	}
}

/* ---- the view ---- */

static int
dv_load(struct view *v, struct mado_err *e)
{
	struct dash_view *dv = v->data;
	struct dashboard d;
	char at[32];
	int st = dashboard_read(v->tui->db, &v->tui->actor, &v->tui->cfg->calendar, &d, e);

	/* On failure what was shown stays. */
	if (st != MADO_OK) {
		dashboard_clear(&d);
		return st;
	}
	dashboard_clear(&dv->d);
	dv->d = d;
	g_snprintf(dv->title, sizeof dv->title, _("Dashboard %s"), page_time(d.now, at, sizeof at));
	return MADO_OK;
}

static const char *
dv_title(struct view *v)
{
	return ((struct dash_view *)v->data)->title;
}

static void
dv_draw(struct view *v, int rows, int cols)
{
	struct dash_view *dv = v->data;

	for (int i = 0; i < rows; i++) {
		move(1 + i, 0);
		clrtoeol();
	}
	if (rows < COUNTS_ROWS) {
		draw_text(&v->tui->paint, 1, 0, _("the window is too small for the dashboard"), cols,
			STYLE_NORMAL);
		return;
	}
	counts(v->tui, &dv->d, 1, cols);
	if (rows > COUNTS_ROWS + 1)
		panels(v->tui, &dv->d, 1 + COUNTS_ROWS + 1, rows - COUNTS_ROWS - 1, cols);
}

static void
dv_destroy(struct view *v)
{
	struct dash_view *dv = v->data;

	dashboard_clear(&dv->d);
	g_free(dv);
	g_free(v);
}

static const struct view_ops dashboard_ops = {
	.context = "detail", .title = dv_title, .load = dv_load, .draw = dv_draw,
	.destroy = dv_destroy,
};

struct view *
view_dashboard_new(struct tui *t)
{
	return view_new(t, &dashboard_ops, g_new0(struct dash_view, 1));
}
