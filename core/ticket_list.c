/* Lists of tickets, one page at a time, and a ticket's history. */
#include "ticket.h"
#include "ticket_impl.h"

#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/env.h"
#include "base/i18n.h"
#include "core/calendar.h"
#include "core/master.h"
#include "core/numbering.h"
#include "core/workflow.h"
#include "db/audit_store.h"
#include "db/master_store.h"
#include "forms/form.h"
#include "db/ticket_store.h"

/* A page is read with one row more than asked for; that row is not
 * passed on but tells that another page follows. */
struct list_page {
	ticket_brief_fn fn;
	void *ctx;
	int left;
	bool *more;
};

static void
list_page_row(const struct ticket_brief *b, void *p)
{
	struct list_page *pg = p;

	if (pg->left == 0) {
		*pg->more = true;
		return;
	}
	pg->left--;
	pg->fn(b, pg->ctx);
}

char *
ticket_statuses_json(const char *kind, unsigned flags, bool want, bool pairs,
	struct mado_err *e)
{
	GString *json = g_string_new("[");

	for (size_t k = 0; k < G_N_ELEMENTS(ticket_kinds); k++) {
		struct workflow wf;

		if (kind != NULL && strcmp(kind, ticket_kinds[k]) != 0)
			continue;
		if (workflow_load(&wf, ticket_kinds[k], e) != MADO_OK) {
			g_string_free(json, TRUE);
			return NULL;
		}
		for (int i = 0; i < wf.nstatuses; i++)
			if (((wf.statuses[i].flags & flags) != 0) != want)
				continue;
			else if (pairs)
				g_string_append_printf(json, "%s[\"%s\",\"%s\"]",
					json->len > 1 ? "," : "", ticket_kinds[k], wf.statuses[i].name);
			else
				g_string_append_printf(json, "%s\"%s\"", json->len > 1 ? "," : "",
					wf.statuses[i].name);
	}
	g_string_append_c(json, ']');
	return g_string_free(json, FALSE);
}

int
ticket_list(struct db *db, const struct actor *actor, struct ticket_filter *f, bool open_only,
	ticket_brief_fn fn, void *ctx, bool *more, struct mado_err *e)
{
	char *json = NULL;
	struct list_page pg = { fn, ctx, f->limit, more };
	int st = role_require(actor, ROLE_STAFF, _("listing tickets"), e);

	*more = false;
	if (st != MADO_OK)
		return st;
	if (f->limit < 1 || f->limit > TICKET_LIST_MAX)
		return mado_err_set(e, MADO_EUSAGE, _("limit: %d is out of range (1 to %d)"),
			f->limit, TICKET_LIST_MAX);
	if (f->kind != NULL && !ticket_kind_valid(f->kind))
		return mado_err_set(e, MADO_EUSAGE,
			_("kind: must be inquiry, incident or request, not '%s'"), f->kind);
	/* The open statuses of the kinds asked for, from the workflows. */
	if (open_only && (json = ticket_statuses_json(f->kind, WF_RESOLVED | WF_CLOSED, false,
	    false, e)) == NULL)
		return e->status;
	f->statuses_json = json;
	f->limit++;
	if (st == MADO_OK)
		st = ticket_list_page(db, f, list_page_row, &pg, e);
	f->limit--;
	f->statuses_json = NULL;
	g_free(json);
	return st;
}

int
ticket_history(struct db *db, const struct actor *actor, int64_t id,
	void (*fn)(const struct audit_row *r, void *ctx), void *ctx, struct mado_err *e)
{
	int st = role_require(actor, ROLE_STAFF, _("reading a ticket"), e);

	return st != MADO_OK ? st : audit_history(db, "ticket", id, fn, ctx, e);
}

struct conversation {
	comment_fn fn;
	void *ctx;
	bool notes;
};

static void
conversation_row(const struct comment_row *c, void *p)
{
	struct conversation *cv = p;

	if (cv->notes || strcmp(c->kind, "note") != 0)
		cv->fn(c, cv->ctx);
}

int
ticket_conversation(struct db *db, const struct actor *actor, int64_t id, comment_fn fn,
	void *ctx, struct mado_err *e)
{
	struct conversation cv = { fn, ctx, actor->role >= ROLE_OPERATOR };
	int st = role_require(actor, ROLE_STAFF, _("reading a ticket"), e);

	return st != MADO_OK ? st : comment_each(db, id, conversation_row, &cv, e);
}

int
desk_counts(struct db *db, const struct actor *actor, struct desk_counts *out,
	struct mado_err *e)
{
	char *open = NULL, *initial = NULL;
	int st = role_require(actor, ROLE_STAFF, _("reading the desk's counts"), e);

	memset(out, 0, sizeof *out);
	if (st == MADO_OK &&
	    ((open = ticket_statuses_json(NULL, WF_RESOLVED | WF_CLOSED, false, false, e)) == NULL ||
	    (initial = ticket_statuses_json(NULL, WF_INITIAL, true, false, e)) == NULL))
		st = e->status;
	if (st == MADO_OK && actor->staff_id > 0)
		st = ticket_count_owned(db, actor->login, open, &out->mine_open, e);
	if (st == MADO_OK && actor->role >= ROLE_OPERATOR)
		st = ticket_count_unowned(db, initial, &out->unowned_new, e);
	if (st == MADO_OK && actor->role >= ROLE_SUPERVISOR)
		st = outbox_count_failed(db, &out->mail_failed, e);
	g_free(open);
	g_free(initial);
	return st;
}
