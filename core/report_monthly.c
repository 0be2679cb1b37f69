#include "report_monthly.h"

#include <glib.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "base/env.h"
#include "base/i18n.h"
#include "core/calendar.h"
#include "core/report_common.h"
#include "db/choice_store.h"
#include "db/report_monthly_store.h"

enum { GRID_ROWS = 64, KEY_SIZE = 64 };

int
report_monthly_spec(int fy, int month, struct monthly_spec *out, struct mado_err *e)
{
	int64_t fy_to;

	memset(out, 0, sizeof *out);
	if (fy < 2000 || fy > 2999)
		return mado_err_set(e, MADO_EUSAGE, _("--fy: %d is not a fiscal year (2000–2999)"),
			fy);
	if (month < 0 || month > 12)
		return mado_err_set(e, MADO_EUSAGE, _("--month: %d is not a month (1–12)"), month);
	out->fy = fy;
	out->month = month;
	fiscal_year_bounds(fy, &out->fy_from, &fy_to);
	if (month == 0) {
		out->from = out->fy_from;
		out->to = fy_to;
	} else {
		int y = month >= 4 ? fy : fy + 1;

		out->from = jst_to_time(y, month, 1, 0, 0, 0);
		out->to = jst_to_time(y + month / 12, month % 12 + 1, 1, 0, 0, 0);
	}
	return MADO_OK;
}

char *
report_monthly_filename(const struct monthly_spec *s)
{
	char *rest = s->month != 0 ? g_strdup_printf("FY%d-%02d", s->fy, s->month)
		: g_strdup_printf("FY%d", s->fy);
	char *name = report_filename(_("Monthly operations report"), rest);

	g_free(rest);
	return name;
}

/* Counts by fiscal-year month (0 April … 11 March) for named rows. */
struct grid {
	int nrows;
	char key[GRID_ROWS][KEY_SIZE];
	char *name[GRID_ROWS];
	int64_t n[GRID_ROWS][12];
	const char *other;       /* the row for keys of no row (NULL: dropped) */
};

static int
grid_add(struct grid *g, const char *key, const char *name)
{
	/* The last row is kept for the other keys ("?"), so that a key past
	 * the named rows is counted there rather than dropped from the totals. */
	if (g->nrows >= GRID_ROWS - (strcmp(key, "?") != 0))
		return -1;
	g_strlcpy(g->key[g->nrows], key, KEY_SIZE);
	g->name[g->nrows] = g_strdup(name);
	return g->nrows++;
}

static void
grid_free(struct grid *g)
{
	for (int i = 0; i < g->nrows; i++)
		g_free(g->name[i]);
	g->nrows = 0;
}

static void
grid_count(const char *key, int month, int64_t n, void *p)
{
	struct grid *g = p;
	int r;

	for (r = 0; r < g->nrows && strcmp(g->key[r], key) != 0; r++)
		;
	if (r == g->nrows && g->other != NULL)
		for (r = 0; r < g->nrows && strcmp(g->key[r], "?") != 0; r++)
			;
	if (r == g->nrows && g->other != NULL)
		r = grid_add(g, "?", g->other);
	if (r >= 0 && r < g->nrows && month >= 1 && month <= 12)
		g->n[r][(month + 8) % 12] += n;
}

struct build {
	struct db *db;
	const struct monthly_spec *s;
	struct rdoc *d;
	struct report_flows flows;
	struct rdoc_table *t;
	int64_t sums[3], shown;
	struct grid *cats;       /* incident categories, for the status table */
};

/* The statistics table: a row per grid row, months up to the period's
 * end, a total column, and a total row when total_row. */
static void
grid_table(struct build *b, const char *first, const struct grid *g, bool total_row)
{
	static const char *const months[12] = {
		N_("Apr"), N_("May"), N_("Jun"), N_("Jul"), N_("Aug"), N_("Sep"), N_("Oct"),
		N_("Nov"), N_("Dec"), N_("Jan"), N_("Feb"), N_("Mar"),
	};
	const char *head[14];
	enum rdoc_align al[14];
	char cell[14][24];
	const char *cells[14];
	int last = b->s->month != 0 ? (b->s->month + 8) % 12 : 11;
	int64_t col[12] = { 0 }, all = 0;
	struct rdoc_table *t;

	head[0] = first;
	al[0] = RDOC_LEFT;
	for (int m = 0; m < 12; m++) {
		head[m + 1] = _(months[m]);
		al[m + 1] = RDOC_RIGHT;
	}
	head[13] = _("Total");
	al[13] = RDOC_RIGHT;
	t = rdoc_table(b->d, 14, head, al);
	for (int r = 0; r <= g->nrows; r++) {
		int64_t sum = 0;

		if (r == g->nrows && !total_row)
			break;
		cells[0] = r < g->nrows ? g->name[r] : _("Total");
		for (int m = 0; m < 12; m++) {
			int64_t n = r < g->nrows ? g->n[r][m] : col[m];

			if (r < g->nrows)
				col[m] += n;
			sum += n;
			cell[m][0] = '\0';
			if (m <= last)
				g_snprintf(cell[m], sizeof cell[m], "%" PRId64, n);
			cells[m + 1] = cell[m];
		}
		if (r < g->nrows)
			all += sum;
		g_snprintf(cell[12], sizeof cell[12], "%" PRId64, r < g->nrows ? sum : all);
		cells[13] = cell[12];
		rdoc_row(t, cells, r == g->nrows);
	}
}

static void
done_row(const struct done_request *r, void *p)
{
	struct build *b = p;
	char start[20], end[20], closed[20];
	const char *cells[6] = { r->number, r->kind_name, r->subject, start, end, closed };

	jst_format(r->work_start, start);
	jst_format(r->work_end, end);
	jst_format(r->closed_at, closed);
	if (b->t != NULL)
		rdoc_row(b->t, cells, false);
}

static void
done_count(const struct done_request *r, void *p)
{
	grid_count(r->kind, 4, 1, p);   /* every one in the one column */
}

static int
request_kind_row(const char *code, const char *name, const char *name_en, void *ctx)
{
	grid_add(ctx, code, strcmp(mado_i18n_lang(), "en") == 0 && name_en[0] ? name_en : name);
	return 0;
}

static int
routine_section(struct build *b, struct mado_err *e)
{
	const char *head[6] = { _("Number"), _("Kind"), _("Subject"), _("Work start"),
		_("Work end"), _("Closed") };
	const enum rdoc_align al[6] = { RDOC_LEFT, RDOC_LEFT, RDOC_LEFT, RDOC_LEFT, RDOC_LEFT,
		RDOC_LEFT };
	const char *khead[2] = { _("Kind"), _("Completed") };
	const enum rdoc_align kal[2] = { RDOC_LEFT, RDOC_RIGHT };
	struct grid *g = g_new0(struct grid, 1);
	int64_t total = 0;
	char n[24];
	int st;

	g->other = _("Other");
	rdoc_heading(b->d, _("Routine work done (requests completed)"));
	st = choice_store_list(b->db, "request_kind", request_kind_row, g, e);
	if (st == MADO_OK)
		st = monthly_store_requests(b->db, b->s->from, b->s->to, mado_i18n_lang(), done_count,
			g, e);
	if (st == MADO_OK) {
		struct rdoc_table *t = rdoc_table(b->d, 2, khead, kal);

		for (int r = 0; r < g->nrows; r++) {
			g_snprintf(n, sizeof n, "%" PRId64, g->n[r][0]);
			rdoc_row(t, (const char *[]){ g->name[r], n }, false);
			total += g->n[r][0];
		}
		g_snprintf(n, sizeof n, "%" PRId64, total);
		rdoc_row(t, (const char *[]){ _("Total"), n }, true);
	}
	grid_free(g);
	g_free(g);
	if (st != MADO_OK || b->s->month == 0 || total == 0)
		return st;
	b->t = rdoc_table(b->d, 6, head, al);
	st = monthly_store_requests(b->db, b->s->from, b->s->to, mado_i18n_lang(), done_row, b,
		e);
	b->t = NULL;
	return st;
}

static void
category_row(int64_t id, const char *name, void *ctx)
{
	char key[24];

	g_snprintf(key, sizeof key, "%" PRId64, id);
	grid_add(ctx, key, name);
}

/* Status per category kept in the categories grid's first three months'
 * cells: opened, closed, open at the end. */
static void
status_row(int64_t category_id, int64_t opened, int64_t closed, int64_t open, void *p)
{
	char key[24];

	g_snprintf(key, sizeof key, "%" PRId64, category_id);
	grid_count(key, 4, opened, p);
	grid_count(key, 5, closed, p);
	grid_count(key, 6, open, p);
}

static int
incident_section(struct build *b, struct mado_err *e)
{
	const char *head[4] = { _("Category"), _("Opened"), _("Closed"), _("Open at the end") };
	const enum rdoc_align al[4] = { RDOC_LEFT, RDOC_RIGHT, RDOC_RIGHT, RDOC_RIGHT };
	struct grid *g = g_new0(struct grid, 1);
	int64_t sum[3] = { 0 };
	char n[3][24];
	int st;

	g->other = _("Uncategorised");
	rdoc_heading(b->d, _("Incident status"));
	st = monthly_store_categories(b->db, category_row, g, e);
	if (st == MADO_OK)
		st = monthly_store_incidents(b->db, b->s->from, b->s->to, status_row, g, e);
	if (st == MADO_OK) {
		struct rdoc_table *t = rdoc_table(b->d, 4, head, al);

		for (int r = 0; r < g->nrows; r++) {
			for (int i = 0; i < 3; i++) {
				g_snprintf(n[i], sizeof n[i], "%" PRId64, g->n[r][i]);
				sum[i] += g->n[r][i];
			}
			rdoc_row(t, (const char *[]){ g->name[r], n[0], n[1], n[2] }, false);
		}
		for (int i = 0; i < 3; i++)
			g_snprintf(n[i], sizeof n[i], "%" PRId64, sum[i]);
		rdoc_row(t, (const char *[]){ _("Total"), n[0], n[1], n[2] }, true);
	}
	grid_free(g);
	g_free(g);
	return st;
}

static void
inquiry_row(const struct shift_ticket *t, void *p)
{
	struct build *b = p;
	char created[20];
	const char *cells[5] = { t->number, created, t->subject,
		report_status_label(&b->flows, t->kind, t->status), t->queue[0] ? t->queue : "—" };

	jst_format(t->created_at, created);
	created[10] = '\0';     /* the date */
	if (b->t != NULL)
		rdoc_row(b->t, cells, false);
	b->shown = t->total;
}

static int
inquiry_section(struct build *b, struct mado_err *e)
{
	const char *head[5] = { _("Number"), _("Date"), _("Subject"), _("Status"), _("Queue") };
	const enum rdoc_align al[5] = { RDOC_LEFT, RDOC_LEFT, RDOC_LEFT, RDOC_LEFT, RDOC_LEFT };
	char *line;
	int st;

	rdoc_heading(b->d, _("Inquiries"));
	b->shown = 0;
	b->t = b->s->month != 0 ? rdoc_table(b->d, 5, head, al) : NULL;
	/* For a year only their number: one row carries it. */
	st = monthly_store_inquiries(b->db, b->s->from, b->s->to, b->s->month != 0 ? -1 : 1,
		inquiry_row, b, e);
	b->t = NULL;
	line = g_strdup_printf(_("%" PRId64 " inquiries in the period."), b->shown);
	rdoc_paragraph(b->d, line);
	g_free(line);
	return st;
}

static int
stats_section(struct build *b, struct mado_err *e)
{
	struct grid *g = g_new0(struct grid, 1);
	char *heading = g_strdup_printf(_("Statistics of FY%d by month"), b->s->fy);
	int64_t alerts = 0;
	int st;

	rdoc_heading(b->d, heading);
	g_free(heading);
	/* Alerts received. */
	grid_add(g, "", _("Alerts received"));
	st = monthly_store_count(b->db, MONTHLY_ALERTS, b->s->fy_from, b->s->to, grid_count, g, e);
	for (int m = 0; m < 12; m++)
		alerts += g->n[0][m];
	if (st == MADO_OK && alerts == 0) {
		g_free(g->name[0]);
		g->name[0] = g_strdup(_("Incidents from alerts"));
		st = monthly_store_count(b->db, MONTHLY_ALERT_INCIDENTS, b->s->fy_from, b->s->to,
			grid_count, g, e);
	}
	if (st == MADO_OK) {
		rdoc_heading(b->d, _("Alerts received"));
		grid_table(b, _("Item"), g, false);
	}
	grid_free(g);
	/* After-hours incidents, called out or not. */
	memset(g, 0, sizeof *g);
	grid_add(g, "1", _("Called out (出勤有)"));
	grid_add(g, "0", _("No call-out (出勤無)"));
	if (st == MADO_OK)
		st = monthly_store_count(b->db, MONTHLY_AFTER_HOURS, b->s->fy_from, b->s->to,
			grid_count, g, e);
	if (st == MADO_OK) {
		rdoc_heading(b->d, _("After-hours incidents"));
		grid_table(b, _("Item"), g, true);
	}
	grid_free(g);
	/* Applications per kind. */
	memset(g, 0, sizeof *g);
	g->other = _("Other");
	if (st == MADO_OK)
		st = choice_store_list(b->db, "request_kind", request_kind_row, g, e);
	if (st == MADO_OK)
		st = monthly_store_count(b->db, MONTHLY_REQUEST_KINDS, b->s->fy_from, b->s->to,
			grid_count, g, e);
	if (st == MADO_OK) {
		rdoc_heading(b->d, _("Applications per kind"));
		grid_table(b, _("Kind"), g, true);
	}
	grid_free(g);
	/* Incidents per category. */
	memset(g, 0, sizeof *g);
	g->other = _("Uncategorised");
	if (st == MADO_OK)
		st = monthly_store_categories(b->db, category_row, g, e);
	if (st == MADO_OK)
		st = monthly_store_count(b->db, MONTHLY_INCIDENT_CATEGORY, b->s->fy_from, b->s->to,
			grid_count, g, e);
	if (st == MADO_OK) {
		rdoc_heading(b->d, _("Incidents per category"));
		grid_table(b, _("Category"), g, true);
	}
	grid_free(g);
	g_free(g);
	return st;
}

int
report_monthly(struct db *db, const struct actor *actor, const struct monthly_spec *s,
	struct rdoc *out, struct mado_err *e)
{
	struct build b = { .db = db, .s = s, .d = out };
	char now[20], *subtitle, *generated;
	int st;

	jst_format(mado_now(), now);
	subtitle = s->month != 0 ? g_strdup_printf(_("FY%d, month %d"), s->fy, s->month)
		: g_strdup_printf(_("FY%d, whole year"), s->fy);
	generated = g_strdup_printf(_("Created %s"), now);
	rdoc_init(out, _("Monthly operations report"), subtitle, generated);
	g_free(subtitle);
	g_free(generated);
	if ((st = role_require(actor, ROLE_SUPERVISOR, _("the monthly report"), e)) != MADO_OK ||
	    (st = report_flows_load(&b.flows, e)) != MADO_OK)
		return st;
	if ((st = routine_section(&b, e)) == MADO_OK && (st = incident_section(&b, e)) == MADO_OK &&
	    (st = inquiry_section(&b, e)) == MADO_OK)
		st = stats_section(&b, e);
	return st;
}
