/* The filter and order of a ticket list (tui/view_tickets.c), and the
 * dialogs that change them: filter picks what to filter by, then its
 * value; clear-filter drops every filter; sort cycles the orders the
 * indexes serve; search asks for words in the subject; save-view keeps
 * all of it under a name and open-view brings a saved one back. */
#ifndef MADO_FILTER_H
#define MADO_FILTER_H

#include <glib.h>

#include "core/ticket_view.h"
#include "core/workflow.h"
#include "tui/tui.h"

/* The filter or the order changed: the list is read again from the top. */
typedef void (*filter_changed_fn)(struct tui *t, void *ctx);
/* A saved view of another list was chosen: show that list with q (kind:
 * inquiry, incident, request or mywork). May destroy the list filtered. */
typedef void (*filter_open_fn)(struct tui *t, const char *kind, const struct ticket_query *q,
	void *ctx);

struct list_filter {
	const char *kind;             /* inquiry, incident, request or mywork (static) */
	const struct workflow *wf;    /* the three kinds' workflows, owned by the list */
	struct ticket_query q;        /* what the user set; owned */
	filter_changed_fn changed;
	filter_open_fn open;
	void *ctx;                    /* for changed and open: the list */
	int asking;                   /* the filter whose value the dialog asks for */
};

/* kind as above; wf points at three workflows that outlive lf. My work
 * starts in due order, the others by update. */
void filter_init(struct list_filter *lf, const char *kind, const struct workflow *wf,
	filter_changed_fn changed, filter_open_fn open, void *ctx);
void filter_free(struct list_filter *lf);

/* lf takes a copy of q, in the list's first order when q's is not one
 * the list offers. */
void filter_set_query(struct list_filter *lf, const struct ticket_query *q);

/* Narrows f by the filter and sets its order; f points into lf after.
 * The owner of my work (already in f) stays. */
void filter_apply(const struct list_filter *lf, struct ticket_filter *f);


/* Handles filter, clear-filter, sort, search, save-view and open-view;
 * false for any other action. */
bool filter_act(struct tui *t, struct list_filter *lf, enum tui_action a);

/* Appends the active filter, and the order when it is not the list's
 * first, for the title: "status:対応中 queue:HELPDESK text:VPN"; nothing
 * when none. At most max bytes, cut between characters with "…". */
void filter_describe(const struct list_filter *lf, GString *out, size_t max);

/* The list's date column follows the order: its header, and a row's date
 * ("04-01 09:30"; "-" for a ticket without a due date). */
const char *filter_date_header(const struct list_filter *lf);
void filter_row_date(const struct list_filter *lf, const struct ticket_brief *b, char *buf,
	size_t n);

/* ---- saved views (tui/filter_views.c) ---- */

/* Asks for a name and saves the filter and order under it. */
void filter_save_view(struct tui *t, struct list_filter *lf);
/* A picker of the saved views; the one chosen is opened as below. */
void filter_choose_view(struct tui *t, struct list_filter *lf);
/* Shows the saved view called name: in this list when it is one of its
 * own, else in its list, which replaces this one (lf may be gone after).
 * Refusals and unknown names go to the message line. */
void filter_open_saved(struct tui *t, struct list_filter *lf, const char *name);

#endif
