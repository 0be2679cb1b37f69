/* The ticket lists: inquiries, incidents, requests and my work. One list
 * widget and a small description each; the data comes from core's
 * ticket_list() a page at a time. */
#include <glib.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "core/ticket.h"
#include "core/workflow.h"
#include "tui/filter.h"
#include "tui/list.h"
#include "tui/picker.h"
#include "tui/views.h"

enum { COL_NUMBER, COL_STATUS, COL_PRIORITY, COL_QUEUE, COL_OWNER, COL_UPDATED, COL_SUBJECT,
	NCOLS };

struct ticket_list_view {
	struct list list;             /* first: the list views' functions find it */
	struct tui *tui;
	enum ticket_list_kind which;
	struct ticket_filter filter;
	struct list_filter lf;        /* what the user filters by and the order */
	bool open_only;
	struct workflow wf[3];
	char title[256];
};

static const char *const kinds[3] = { "inquiry", "incident", "request" };

static const struct workflow *
workflow_of(const struct ticket_list_view *tv, const char *kind)
{
	for (int i = 0; i < 3; i++)
		if (strcmp(tv->wf[i].kind, kind) == 0)
			return &tv->wf[i];
	return NULL;
}

struct fetch_ctx {
	struct ticket_list_view *tv;
	GPtrArray *out;
};

static void
add_row(const struct ticket_brief *b, void *p)
{
	struct fetch_ctx *fc = p;
	const struct workflow *wf = workflow_of(fc->tv, b->kind);
	int s = wf != NULL ? workflow_status(wf, b->status) : -1;
	char prio[8], updated[32];
	const char *cells[NCOLS];
	struct list_row *row;

	snprintf(prio, sizeof prio, "%d", b->priority);
	filter_row_date(&fc->tv->lf, b, updated, sizeof updated);
	cells[COL_NUMBER] = b->number;
	cells[COL_STATUS] = s >= 0 ? workflow_label(wf, s, mado_i18n_lang()) : b->status;
	cells[COL_PRIORITY] = prio;
	cells[COL_QUEUE] = b->queue;
	cells[COL_OWNER] = b->owner;
	cells[COL_UPDATED] = updated;
	cells[COL_SUBJECT] = b->subject;
	row = list_row_new(b->id, b->key, cells, NCOLS);
	/* Finished work is set back, by attribute, not colour alone. */
	if (s >= 0 && (wf->statuses[s].flags & (WF_RESOLVED | WF_CLOSED)))
		row->style = STYLE_NOTE;
	g_ptr_array_add(fc->out, row);
}

static int
fetch(void *ctx, const struct list_row *from, bool backward, int n, GPtrArray *out, bool *more,
	struct mado_err *e)
{
	struct ticket_list_view *tv = ctx;
	struct ticket_filter f = tv->filter;
	struct fetch_ctx fc = { tv, out };

	filter_apply(&tv->lf, &f);
	f.limit = n;
	f.backward = backward;
	f.after_updated = from != NULL ? from->key : 0;
	f.after_id = from != NULL ? from->id : 0;
	return ticket_list(tv->tui->db, &tv->tui->actor, &f, tv->open_only, add_row, &fc, more, e);
}

static const char *
title(struct view *v)
{
	struct ticket_list_view *tv = v->data;
	static const char *const names[] = {
		[TICKETS_INQUIRIES] = N_("Inquiries"), [TICKETS_INCIDENTS] = N_("Incidents"),
		[TICKETS_REQUESTS] = N_("Requests"), [TICKETS_MYWORK] = N_("My work"),
	};
	GString *filter = g_string_new(NULL);

	filter_describe(&tv->lf, filter, 160);
	g_snprintf(tv->title, sizeof tv->title, "%s%s%s%s", _(names[tv->which]),
		tv->open_only ? _(" — open only") : "", filter->len ? " — " : "", filter->str);
	g_string_free(filter, TRUE);
	return tv->title;
}

/* A new record of the list's kind; my work mixes kinds, so it asks. */
static void
kind_chosen(struct tui *t, const char *kind, void *ctx)
{
	if (kind != NULL)
		tui_push(t, view_form_new(t, kind, 0));
}

static void
new_record(struct tui *t, enum ticket_list_kind which)
{
	const struct picker_item items[] = {
		{ "inquiry", _("Inquiry") }, { "incident", _("Incident") }, { "request", _("Request") },
	};

	if (which != TICKETS_MYWORK)
		kind_chosen(t, kinds[which], NULL);
	else
		tui_push(t, picker_new(t, _("New record"), items, 3, kind_chosen, NULL));
}

static bool
act(struct view *v, enum tui_action a)
{
	struct ticket_list_view *tv = v->data;

	if (a == ACT_NEW) {
		new_record(v->tui, tv->which);
		return true;
	}
	return filter_act(v->tui, &tv->lf, a) || list_act(&tv->list, v->tui, a);
}

static void
destroy(struct view *v)
{
	struct ticket_list_view *tv = v->data;

	list_free(&tv->list);
	filter_free(&tv->lf);
	g_free(tv);
	g_free(v);
}

/* The filter or the order changed: the date column follows the order,
 * and the list is read again from the top. */
static void
refilter(struct tui *t, void *ctx)
{
	struct ticket_list_view *tv = ctx;
	struct mado_err e = { 0 };

	tv->list.cols[COL_UPDATED].header = filter_date_header(&tv->lf);
	if (list_reset(&tv->list, &e) != MADO_OK)
		tui_error(t, &e);
	t->dirty |= DIRTY_VIEW | DIRTY_STATUS;
}

/* A saved view of another list: that list replaces this one. */
static void
open_saved(struct tui *t, const char *kind, const struct ticket_query *q, void *ctx)
{
	enum ticket_list_kind which = TICKETS_MYWORK;
	struct ticket_list_view *tv;
	struct view *v;

	for (int i = 0; i < 3; i++)
		if (strcmp(kind, kinds[i]) == 0)
			which = (enum ticket_list_kind)i;
	if ((v = view_ticket_list_new(t, which)) == NULL)
		return;
	tv = v->data;
	filter_set_query(&tv->lf, q);
	tv->list.cols[COL_UPDATED].header = filter_date_header(&tv->lf);
	tui_switch(t, v);
}

static const struct view_ops ticket_list_ops = {
	.context = "list", .title = title, .load = list_view_load, .draw = list_view_draw,
	.act = act, .position = list_view_position, .destroy = destroy,
};

struct view *
view_ticket_list_new(struct tui *t, enum ticket_list_kind which)
{
	struct ticket_list_view *tv = g_new0(struct ticket_list_view, 1);
	struct mado_err e = { 0 };
	const struct list_column cols[NCOLS] = {
		[COL_NUMBER] = { _("Number"), 15, 18, false },
		[COL_STATUS] = { _("Status"), 8, 12, false },
		[COL_PRIORITY] = { _("Pri"), 3, 3, true },
		[COL_QUEUE] = { _("Queue"), 8, 10, false },
		[COL_OWNER] = { _("Owner"), 10, 12, false },
		[COL_UPDATED] = { _("Updated"), 11, 11, false },
		[COL_SUBJECT] = { _("Subject"), 10, 0, false },
	};

	tv->tui = t;
	tv->which = which;
	for (int i = 0; i < 3; i++)
		if (workflow_load(&tv->wf[i], kinds[i], &e) != MADO_OK) {
			tui_error(t, &e);
			g_free(tv);
			return NULL;
		}
	if (which == TICKETS_MYWORK) {
		tv->filter.owner = t->actor.login;
		tv->open_only = true;
	} else
		tv->filter.kind = kinds[which];
	filter_init(&tv->lf, which == TICKETS_MYWORK ? "mywork" : kinds[which], tv->wf, refilter,
		open_saved, tv);
	list_init(&tv->list, cols, NCOLS, (struct list_source){ fetch, tv });
	tv->list.cols[COL_UPDATED].header = filter_date_header(&tv->lf);
	tv->list.empty = _("No tickets here.");
	tv->list.name_col = COL_NUMBER;
	tv->list.open = view_ticket_new;
	return view_new(t, &ticket_list_ops, tv);
}

struct list_filter *
view_ticket_list_filter(struct view *v)
{
	return v != NULL && v->ops == &ticket_list_ops
		? &((struct ticket_list_view *)v->data)->lf : NULL;
}
