/* Call logs (応対履歴): the list, newest call first, and one call log
 * with every field. Reading them needs the operator role (core decides;
 * a refusal shows on the message line). */
#include <glib.h>

#include "base/i18n.h"
#include "core/calendar.h"
#include "core/calllog.h"
#include "tui/list.h"
#include "tui/page.h"
#include "tui/views.h"

/* ---- the list ---- */

enum { COL_RECEIPT, COL_STARTED, COL_OPERATOR, COL_CONTACT, COL_DEPARTMENT, COL_OUTCOME,
	COL_ASKED, NCOLS };

struct calllog_list_view {
	struct list list;             /* first: the list views' functions find it */
	struct tui *tui;
};

static void
add_row(const struct calllog_brief *b, void *p)
{
	GPtrArray *out = p;
	const char *cells[NCOLS];
	char started[24];
	struct jst j;

	/* A fiscal year never repeats a day of the year: no year needed. */
	jst_from_time(b->started_at, &j);
	g_snprintf(started, sizeof started, "%02d-%02d %02d:%02d", j.month, j.day, j.hour, j.min);
	cells[COL_RECEIPT] = b->receipt_no;
	cells[COL_STARTED] = started;
	cells[COL_OPERATOR] = b->operator_name;
	cells[COL_CONTACT] = b->contact_type;
	cells[COL_DEPARTMENT] = b->department;
	cells[COL_OUTCOME] = b->outcome;
	cells[COL_ASKED] = b->first_line;
	g_ptr_array_add(out, list_row_new(b->id, b->started_at, cells, NCOLS));
}

static int
fetch(void *ctx, const struct list_row *from, bool backward, int n, GPtrArray *out, bool *more,
	struct mado_err *e)
{
	struct calllog_list_view *cv = ctx;
	struct calllog_filter f = {
		.limit = n, .backward = backward,
		.after_started = from != NULL ? from->key : 0, .after_id = from != NULL ? from->id : 0,
	};

	return calllog_list(cv->tui->db, &cv->tui->actor, &f, add_row, out, more, e);
}

static const char *
calllog_list_title(struct view *v)
{
	return _("Call logs");
}

/* Cells of each column in 80 columns, and what the terminal's extra
 * width goes to, in turn, while the first line of 受付内容 keeps at least
 * ASKED_KEEP cells: the names of operators, outcomes and departments read
 * best whole ("オペレーター回答", "清掃リサイクル課"). */
static const int narrow[NCOLS] = {
	[COL_RECEIPT] = 15, [COL_STARTED] = 11, [COL_OPERATOR] = 10, [COL_CONTACT] = 10,
	[COL_DEPARTMENT] = 10, [COL_OUTCOME] = 8, [COL_ASKED] = 10,
};
static const struct { int col, cells; } growth[] = {
	{ COL_OPERATOR, 12 }, { COL_OUTCOME, 12 }, { COL_DEPARTMENT, 12 },
	{ COL_OUTCOME, 16 }, { COL_DEPARTMENT, 16 },
};
enum { ASKED_KEEP = 24 };

static void
fit_columns(struct calllog_list_view *cv, int cols)
{
	int used = NCOLS - 1;  /* the gaps */

	for (int c = 0; c < NCOLS; c++) {
		cv->list.cols[c].min = narrow[c];
		if (c != COL_ASKED) {
			cv->list.cols[c].max = narrow[c];
			used += narrow[c];
		}
	}
	for (size_t i = 0; i < G_N_ELEMENTS(growth); i++) {
		struct list_column *col = &cv->list.cols[growth[i].col];
		int give = MIN(growth[i].cells - col->min, cols - ASKED_KEEP - used);

		if (give > 0) {
			col->min = col->max = col->min + give;
			used += give;
		}
	}
}

static void
calllog_list_draw(struct view *v, int rows, int cols)
{
	fit_columns(v->data, cols);
	list_view_draw(v, rows, cols);
}

static const struct view_ops calllog_list_ops = {
	.context = "list", .title = calllog_list_title, .load = list_view_load,
	.draw = calllog_list_draw, .act = list_view_act, .position = list_view_position,
	.destroy = list_view_destroy,
};

static struct view *calllog_view_new(struct tui *t, int64_t id);

struct view *
view_calllog_list_new(struct tui *t)
{
	struct calllog_list_view *cv = g_new0(struct calllog_list_view, 1);
	/* Widths are set for the terminal's at each draw (fit_columns()). */
	const struct list_column cols[NCOLS] = {
		[COL_RECEIPT] = { .header = _("Receipt ID") },
		[COL_STARTED] = { .header = _("Started") },
		[COL_OPERATOR] = { .header = _("Operator") },
		[COL_CONTACT] = { .header = _("Contact type") },
		[COL_DEPARTMENT] = { .header = _("Department") },
		[COL_OUTCOME] = { .header = _("Outcome") },
		[COL_ASKED] = { .header = _("What was asked") },
	};

	cv->tui = t;
	list_init(&cv->list, cols, NCOLS, (struct list_source){ fetch, cv });
	cv->list.empty = _("No call logs here.");
	cv->list.name_col = COL_RECEIPT;
	cv->list.open = calllog_view_new;
	return view_new(t, &calllog_list_ops, cv);
}

/* ---- one call log ---- */

/* "5:31": minutes and seconds between two moments, or "" when either is
 * missing. */
static const char *
duration(int64_t from, int64_t to, char *buf, size_t size)
{
	buf[0] = '\0';
	if (from != 0 && to >= from)
		g_snprintf(buf, size, "%lld:%02lld", (long long)((to - from) / 60),
			(long long)((to - from) % 60));
	return buf;
}

static void
fill_faqs(struct page *p, const struct calllog_row *c)
{
	bool any = false;

	for (int i = 0; i < 3; i++) {
		char *line;

		if (c->faq[i].faq_no == 0)
			continue;
		line = g_strdup_printf("%lld  %s", (long long)c->faq[i].faq_no, c->faq[i].title);
		page_field(p, any ? "" : _("FAQ used"), line);
		g_free(line);
		any = true;
	}
	if (!any)
		page_field(p, _("FAQ used"), "");
}

static void
fill_calllog(struct page *p, const struct calllog_row *c)
{
	char buf[32];

	page_field(p, _("Receipt ID"), c->receipt_no);
	page_field(p, _("Operator"), c->operator_name);
	page_field_time(p, _("Call started"), c->started_at);
	page_field_time(p, _("Call ended"), c->ended_at);
	page_field_time(p, _("After-call work done"), c->wrapup_at);
	page_field(p, _("Talk time"), duration(c->started_at, c->ended_at, buf, sizeof buf));
	page_field(p, _("Handling time"), duration(c->started_at, c->wrapup_at, buf, sizeof buf));
	page_field(p, _("Contact type"), c->contact_type_name);
	page_field(p, _("Department"), c->department_name);
	page_field(p, _("Outcome"), c->outcome_name);
	page_field(p, _("Category"), c->category_name);
	fill_faqs(p, c);
	if (c->transfer_to[0] != '\0') {
		char *to = c->transfer_to_phone[0] != '\0'
			? g_strdup_printf("%s (%s)", c->transfer_to_name, c->transfer_to_phone)
			: g_strdup(c->transfer_to_name);

		page_field(p, _("Transferred to"), to);
		g_free(to);
	}
	page_heading(p, _("What was asked"));
	page_text(p, c->inquiry_text);
	page_heading(p, _("What was answered"));
	page_text(p, c->response_text);
}

static int
fill_view(struct tui *t, void *ctx, bool first, struct page *p, char *title, size_t title_size,
	struct mado_err *e)
{
	const int64_t *id = ctx;
	struct calllog_row c;
	int st = calllog_read(t->db, &t->actor, *id, &c, e);

	if (st != MADO_OK)
		return st;
	g_snprintf(title, title_size, "%s %s", _("Call log"), c.receipt_no);
	fill_calllog(p, &c);
	calllog_row_clear(&c);
	return MADO_OK;
}

static struct view *
calllog_view_new(struct tui *t, int64_t id)
{
	return page_view_new(t, fill_view, g_memdup2(&id, sizeof id));
}
