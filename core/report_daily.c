#include "report_daily.h"

#include <glib.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "base/env.h"
#include "base/i18n.h"
#include "core/calendar.h"
#include "core/handover.h"
#include "core/report_calls.h"
#include "core/report_common.h"
#include "core/search.h"
#include "db/report_daily_store.h"

int
report_daily_spec(const struct config *cfg, const char *day, const char *shift,
	struct daily_spec *out, struct mado_err *e)
{
	const struct shift *s = shift_find(&cfg->shifts, shift != NULL ? shift : "all");

	memset(out, 0, sizeof *out);
	if (s == NULL)
		return mado_err_set(e, MADO_EUSAGE, _("--shift: no shift '%s' is configured"),
			shift);
	g_strlcpy(out->shift, s->name, sizeof out->shift);
	if (day != NULL)
		g_strlcpy(out->day, day, sizeof out->day);
	else
		shift_business_day(&cfg->shifts, mado_now(), out->day, sizeof out->day);
	if (day != NULL && strlen(day) != 10)
		return mado_err_set(e, MADO_EUSAGE, _("%s: '%s' is not a date (YYYY-MM-DD)"),
			"--date", day);
	return shift_period(s, "--date", out->day, &out->from, &out->to, e);
}

/* The shift as people call it. */
static const char *
shift_label(const char *name)
{
	if (strcmp(name, "early") == 0)
		return _("early shift");
	if (strcmp(name, "late") == 0)
		return _("late shift");
	if (strcmp(name, "all") == 0)
		return _("whole day");
	return name;
}

char *
report_daily_filename(const struct daily_spec *s)
{
	char *rest = g_strdup_printf("%s-%s", s->day, s->shift);
	char *name = report_filename(_("Daily operations report"), rest);

	g_free(rest);
	return name;
}

struct build {
	struct db *db;
	const struct actor *actor;
	const struct config *cfg;
	const struct daily_spec *s;
	struct rdoc *d;
	struct report_flows flows;
	char *done_json;
	struct rdoc_table *t;    /* the table being filled */
	/* A list's table is made with its first row (list_row), so an empty
	 * list prints as one line saying so, without a bare heading row. */
	int ncols;
	const char *const *head;
	const enum rdoc_align *align;
	int64_t total, shown;    /* rows of the list before its limit, and shown */
	int64_t sums[3];         /* ticket counts' totals */
	GPtrArray *items;        /* handover items read before their table */
};

static void
list_start(struct build *b, int ncols, const char *const *head, const enum rdoc_align *al)
{
	b->t = NULL;
	b->ncols = ncols;
	b->head = head;
	b->align = al;
	b->total = b->shown = 0;
}

static void
list_row(struct build *b, const char *const *cells)
{
	if (b->t == NULL)
		b->t = rdoc_table(b->d, b->ncols, b->head, b->align);
	rdoc_row(b->t, cells, false);
	b->shown++;
}

static void
none_if_empty(struct build *b, const char *text)
{
	if (b->shown == 0)
		rdoc_paragraph(b->d, text);
}

static void
staff_row(const char *login, const char *name, int64_t first, int64_t last, void *p)
{
	struct build *b = p;
	char f[20], l[20];
	const char *cells[4] = { name, login, f, l };

	jst_format(first, f);
	jst_format(last, l);
	list_row(b, cells);
}

static int
staff_section(struct build *b, struct mado_err *e)
{
	const char *head[4] = { _("Name"), _("Login"), _("First activity"), _("Last activity") };
	const enum rdoc_align al[4] = { RDOC_LEFT, RDOC_LEFT, RDOC_LEFT, RDOC_LEFT };
	char from[20], to[20], *period;
	int st;

	jst_format(b->s->from, from);
	jst_format(b->s->to, to);
	rdoc_heading(b->d, _("Period and staff on duty"));
	period = g_strdup_printf(_("Period: %s – %s"), from, to);
	rdoc_paragraph(b->d, period);
	g_free(period);
	list_start(b, 4, head, al);
	st = daily_store_staff(b->db, b->s->from, b->s->to, staff_row, b, e);
	none_if_empty(b, _("No staff activity was recorded in the period."));
	return st;
}

static void
count_row(const char *kind, const char *queue, int64_t created, int64_t done, int64_t open,
	void *p)
{
	struct build *b = p;
	char n[3][24];
	const char *cells[5] = { search_kind_label(kind), queue[0] ? queue : "—", n[0], n[1],
		n[2] };

	g_snprintf(n[0], sizeof n[0], "%" PRId64, created);
	g_snprintf(n[1], sizeof n[1], "%" PRId64, done);
	g_snprintf(n[2], sizeof n[2], "%" PRId64, open);
	b->sums[0] += created;
	b->sums[1] += done;
	b->sums[2] += open;
	rdoc_row(b->t, cells, false);
}

static int
count_section(struct build *b, struct mado_err *e)
{
	const char *head[5] = { _("Kind"), _("Queue"), _("New"), _("Resolved/closed"),
		_("Open") };
	const enum rdoc_align al[5] = { RDOC_LEFT, RDOC_LEFT, RDOC_RIGHT, RDOC_RIGHT, RDOC_RIGHT };
	char n[3][24];
	const char *total[5] = { _("Total"), "", n[0], n[1], n[2] };
	int st;

	rdoc_heading(b->d, _("Tickets by kind and queue"));
	b->t = rdoc_table(b->d, 5, head, al);
	memset(b->sums, 0, sizeof b->sums);
	st = daily_store_counts(b->db, b->s->from, b->s->to, b->done_json, count_row, b, e);
	for (int i = 0; i < 3; i++)
		g_snprintf(n[i], sizeof n[i], "%" PRId64, b->sums[i]);
	rdoc_row(b->t, total, true);
	return st;
}

static void
incident_row(const struct shift_ticket *t, void *p)
{
	struct build *b = p;
	char occurred[20], recovered[20];
	const char *cells[6] = { t->number, occurred, t->system[0] ? t->system : "—",
		t->impact[0] ? t->impact : "—", report_status_label(&b->flows, t->kind, t->status),
		recovered };

	jst_format(t->occurred_at != 0 ? t->occurred_at : t->created_at, occurred);
	jst_format(t->recovered_at, recovered);
	list_row(b, cells);
	b->total = t->total;
}

/* "… and N more" under a list cut at its limit. */
static void
more(struct build *b)
{
	if (b->total > b->shown) {
		char *s = g_strdup_printf(_("… and %" PRId64 " more"), b->total - b->shown);

		rdoc_paragraph(b->d, s);
		g_free(s);
	}
}

static int
incident_section(struct build *b, struct mado_err *e)
{
	const char *head[6] = { _("Number"), _("Occurred"), _("System"), _("Impact"),
		_("Status"), _("Recovered") };
	const enum rdoc_align al[6] = { RDOC_LEFT, RDOC_LEFT, RDOC_LEFT, RDOC_LEFT, RDOC_LEFT,
		RDOC_LEFT };
	int st;

	rdoc_heading(b->d, _("Incidents open or recovered during the shift"));
	list_start(b, 6, head, al);
	st = daily_store_incidents(b->db, b->s->from, b->s->to, REPORT_LIST_LIMIT, incident_row,
		b, e);
	none_if_empty(b, _("None."));
	more(b);
	return st;
}

static void
due_row(const struct shift_ticket *t, void *p)
{
	struct build *b = p;
	char due[20];
	const char *cells[6] = { t->number, search_kind_label(t->kind), due,
		report_status_label(&b->flows, t->kind, t->status), t->owner[0] ? t->owner : "—",
		t->subject };

	jst_format(t->due_at, due);
	list_row(b, cells);
	b->total = t->total;
}

static int
due_list(struct build *b, const char *heading, int64_t lo, int64_t hi, struct mado_err *e)
{
	const char *head[6] = { _("Number"), _("Kind"), _("Due"), _("Status"), _("Owner"),
		_("Subject") };
	const enum rdoc_align al[6] = { RDOC_LEFT, RDOC_LEFT, RDOC_LEFT, RDOC_LEFT, RDOC_LEFT,
		RDOC_LEFT };
	int st;

	rdoc_heading(b->d, heading);
	list_start(b, 6, head, al);
	st = daily_store_due(b->db, lo, hi, b->done_json, REPORT_LIST_LIMIT, due_row, b, e);
	none_if_empty(b, _("None."));
	more(b);
	return st;
}

static int
sla_section(struct build *b, struct mado_err *e)
{
	int64_t risk = calendar_add_business_minutes(&b->cfg->calendar, b->s->to,
		REPORT_RISK_MINUTES);
	int st = due_list(b, _("SLA breaches: open and past due at the end of the shift"),
		INT64_MIN, b->s->to, e);

	if (st == MADO_OK)
		st = due_list(b, _("At risk: due within the next 4 business hours"), b->s->to, risk,
			e);
	return st;
}

static int
calls_section(struct build *b, struct mado_err *e)
{
	const char *head[2] = { _("Calls"), _("Count") };
	const enum rdoc_align al[2] = { RDOC_LEFT, RDOC_RIGHT };
	struct calls_figures f;
	char n[3][24];
	int st = report_calls_totals(b->db, b->actor, b->s->from, b->s->to, &f, e);
	struct rdoc_table *t;

	if (st != MADO_OK || f.received == 0)
		return st;
	g_snprintf(n[0], sizeof n[0], "%" PRId64, f.received);
	g_snprintf(n[1], sizeof n[1], "%" PRId64, f.handled);
	g_snprintf(n[2], sizeof n[2], "%.1f %%", f.one_stop_rate * 100);
	rdoc_heading(b->d, _("Calls"));
	t = rdoc_table(b->d, 2, head, al);
	rdoc_row(t, (const char *[]){ _("Received"), n[0] }, false);
	rdoc_row(t, (const char *[]){ _("Handled"), n[1] }, false);
	rdoc_row(t, (const char *[]){ _("One-stop rate"), n[2] }, false);
	return MADO_OK;
}

/* Picked tickets are read with the note, which prints first: kept as
 * rows (g_strfreev) until then. */
static void
item_row(const struct shift_ticket *t, void *p)
{
	struct build *b = p;
	char **cells = g_new0(char *, 5);

	cells[0] = g_strdup(t->number);
	cells[1] = g_strdup(report_status_label(&b->flows, t->kind, t->status));
	cells[2] = g_strdup(t->subject);
	cells[3] = g_strdup(t->note);
	g_ptr_array_add(b->items, cells);
}

static int
handover_section(struct build *b, struct mado_err *e)
{
	const char *head[4] = { _("Number"), _("Status"), _("Subject"), _("Note") };
	const enum rdoc_align al[4] = { RDOC_LEFT, RDOC_LEFT, RDOC_LEFT, RDOC_LEFT };
	struct handover_key k = { &b->cfg->shifts, b->s->day, b->s->shift };
	char *note = NULL, *by = NULL, at[20];
	int64_t when;
	int st;

	b->items = g_ptr_array_new_with_free_func((GDestroyNotify)g_strfreev);
	st = handover_read(b->db, b->actor, &k, &note, &by, &when, item_row, b, e);
	if (st == MADO_OK) {
		rdoc_heading(b->d, _("Handover"));
		rdoc_paragraph(b->d, note[0] != '\0' ? note : _("No handover note."));
		if (when != 0) {
			char *line;

			jst_format(when, at);
			line = by[0] != '\0' ? g_strdup_printf(_("Written by %s, %s"), by, at)
				: g_strdup_printf(_("Written %s"), at);
			rdoc_paragraph(b->d, line);
			g_free(line);
		}
		rdoc_heading(b->d, _("Notable items"));
		list_start(b, 4, head, al);
		for (guint i = 0; i < b->items->len; i++)
			list_row(b, (const char *const *)b->items->pdata[i]);
		none_if_empty(b, _("None."));
	}
	g_ptr_array_free(b->items, TRUE);
	b->items = NULL;
	free(note);
	free(by);
	return st;
}

static void
open_row(const struct shift_ticket *t, void *p)
{
	struct build *b = p;
	char created[20];
	const char *cells[7] = { t->number, search_kind_label(t->kind), created,
		report_status_label(&b->flows, t->kind, t->status), t->queue[0] ? t->queue : "—",
		t->owner[0] ? t->owner : "—", t->subject };

	jst_format(t->created_at, created);
	list_row(b, cells);
	b->total = t->total;
}

static int
open_section(struct build *b, struct mado_err *e)
{
	const char *head[7] = { _("Number"), _("Kind"), _("Created"), _("Status"), _("Queue"),
		_("Owner"), _("Subject") };
	const enum rdoc_align al[7] = { RDOC_LEFT, RDOC_LEFT, RDOC_LEFT, RDOC_LEFT, RDOC_LEFT,
		RDOC_LEFT, RDOC_LEFT };
	int st;

	rdoc_heading(b->d, _("Open items for the next shift, oldest first"));
	list_start(b, 7, head, al);
	st = daily_store_open(b->db, b->s->to, b->done_json, REPORT_LIST_LIMIT, open_row, b, e);
	none_if_empty(b, _("None."));
	more(b);
	return st;
}

int
report_daily(struct db *db, const struct actor *actor, const struct config *cfg,
	const struct daily_spec *s, struct rdoc *out, struct mado_err *e)
{
	struct build b = { .db = db, .actor = actor, .cfg = cfg, .s = s, .d = out };
	char now[20], *subtitle, *generated;
	int st;

	jst_format(mado_now(), now);
	subtitle = g_strdup_printf("%s %s", s->day, shift_label(s->shift));
	generated = g_strdup_printf(_("Created %s"), now);
	rdoc_init(out, _("Daily operations report"), subtitle, generated);
	g_free(subtitle);
	g_free(generated);
	if ((st = role_require(actor, ROLE_SUPERVISOR, _("the daily shift summary"), e)) != MADO_OK ||
	    (st = report_flows_load(&b.flows, e)) != MADO_OK)
		return st;
	b.done_json = report_done_json(&b.flows);
	if ((st = staff_section(&b, e)) == MADO_OK && (st = count_section(&b, e)) == MADO_OK &&
	    (st = incident_section(&b, e)) == MADO_OK && (st = sla_section(&b, e)) == MADO_OK &&
	    (st = calls_section(&b, e)) == MADO_OK && (st = handover_section(&b, e)) == MADO_OK)
		st = open_section(&b, e);
	g_free(b.done_json);
	return st;
}
