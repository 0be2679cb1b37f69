/* Moving a ticket through its workflow; replies, notes and links. */
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

struct status_ctx {
	const struct actor *actor;
	int64_t id;
	const char *kind;
	const char *target;    /* status name, or NULL with mode close/reopen */
	int mode;              /* 0 set, 1 close, 2 reopen */
};

/* A status notification to the ticket's requester, when it has an address. */
static int
notify_requester(struct db *db, const struct status_ctx *s, struct mado_err *e)
{
	char *to = NULL;
	int st = ticket_value_get(db, s->id, "requester_email", &to, e);

	if (st == MADO_OK && to != NULL)
		st = outbox_add(db, "status", s->id, 0, to, s->actor->lang, mado_now(), e);
	free(to);
	return st;
}

static int
status_txn(struct db *db, void *p, struct mado_err *e)
{
	struct status_ctx *s = p;
	struct workflow wf;
	char *cur = NULL, closed_at[24];
	int from, to, st;

	if ((st = workflow_load(&wf, s->kind, e)) ||
	    (st = ticket_value_get(db, s->id, "status", &cur, e)))
		return st;
	from = workflow_status(&wf, cur ? cur : "");
	free(cur);
	if (from < 0)
		return mado_err_set(e, MADO_EFAIL, _("ticket has a status its workflow does not know"));
	to = s->mode == 1 ? workflow_close_target(&wf, from)
		: s->mode == 2 ? workflow_reopen_target(&wf, from)
		: workflow_status(&wf, s->target);
	if (to < 0 && s->mode != 0)
		return mado_err_set(e, MADO_EDATA, s->mode == 1
			? _("%s: cannot be closed from status %s")
			: _("%s: status %s is not resolved or closed, so there is nothing to reopen"),
			s->kind, wf.statuses[from].name);
	if (to < 0 || to == from) {
		if (to == from)
			return mado_err_set(e, MADO_EDATA, _("the ticket is already %s"), s->target);
		workflow_check(&wf, from, -1, s->actor, e);
		mado_err_prefix(e, _("'%s' is not a status: "), s->target);
		return MADO_EDATA;
	}
	if ((st = workflow_check(&wf, from, to, s->actor, e)) ||
	    (st = ticket_change_value(db, s->actor, "status", s->id, "status", wf.statuses[to].name, e)))
		return st;
	/* closed_at follows the closed flag: set on closing, cleared on reopening. */
	snprintf(closed_at, sizeof closed_at, "%lld", (long long)mado_now());
	if ((wf.statuses[to].flags & WF_CLOSED) != (wf.statuses[from].flags & WF_CLOSED))
		st = ticket_value_set(db, s->id, "closed_at",
			(wf.statuses[to].flags & WF_CLOSED) ? closed_at : NULL, mado_now(), e);
	if (st == MADO_OK && strcmp(s->kind, "inquiry") == 0 &&
	    (wf.statuses[to].flags & WF_RESOLVED))
		st = ticket_value_set(db, s->id, "answered_at", closed_at, mado_now(), e);
	/* When answered, the requester is told by mail: an inquiry reaching a
	 * resolved status of its workflow from one that was not. */
	if (st == MADO_OK && strcmp(s->kind, "inquiry") == 0 &&
	    (wf.statuses[to].flags & WF_RESOLVED) && !(wf.statuses[from].flags & WF_RESOLVED))
		st = notify_requester(db, s, e);
	return st;
}

static int
status_change(struct db *db, const struct actor *actor, int64_t id, const char *status,
	int mode, struct mado_err *e)
{
	struct ticket_row row;
	struct status_ctx s = { actor, id, NULL, status, mode };
	int st = role_require(actor, ROLE_OPERATOR, _("changing a ticket's status"), e);

	if (st == MADO_OK)
		st = ticket_get(db, id, &row, e);
	if (st != MADO_OK)
		return st;
	s.kind = row.kind;
	st = db_txn(db, status_txn, &s, e);
	ticket_row_clear(&row);
	return st;
}

int
ticket_next_statuses(struct db *db, const struct actor *actor, int64_t id, struct workflow *wf,
	const char **names, const char **labels, int max, const char *lang, struct mado_err *e)
{
	struct ticket_row row;
	int from, n = 0;
	int st = ticket_read(db, actor, id, &row, e);

	if (st == MADO_OK)
		st = workflow_load(wf, row.kind, e);
	from = st == MADO_OK ? workflow_status(wf, row.status) : -1;
	ticket_row_clear(&row);
	if (st != MADO_OK)
		return -1;
	for (int i = 0; i < wf->ntrans && n < max; i++)
		if (wf->trans[i].from == from && actor->role >= wf->trans[i].role) {
			names[n] = wf->statuses[wf->trans[i].to].name;
			labels[n++] = workflow_label(wf, wf->trans[i].to, lang);
		}
	return n;
}

int
ticket_set_status(struct db *db, const struct actor *actor, int64_t id, const char *status,
	struct mado_err *e)
{
	return status_change(db, actor, id, status, 0, e);
}

int
ticket_close(struct db *db, const struct actor *actor, int64_t id, struct mado_err *e)
{
	return status_change(db, actor, id, NULL, 1, e);
}

int
ticket_reopen(struct db *db, const struct actor *actor, int64_t id, struct mado_err *e)
{
	return status_change(db, actor, id, NULL, 2, e);
}

struct comment_ctx {
	const struct actor *actor;
	int64_t id;
	const char *kind;      /* reply, note, incoming */
	const char *author;    /* the name shown */
	const char *body;
	int64_t comment_id;    /* out */
};

static int
comment_txn(struct db *db, void *p, struct mado_err *e)
{
	struct comment_ctx *c = p;
	int64_t now = mado_now();
	char *to = NULL, ref[32];
	int st = comment_insert(db, c->id, c->kind, c->actor->staff_id, c->author, c->body, now,
		&c->comment_id, e);

	snprintf(ref, sizeof ref, "comment:%lld", (long long)c->comment_id);
	if (st == MADO_OK)
		st = ticket_audit(db, c->actor, c->kind, c->id, ref, NULL, c->body, e);
	if (st == MADO_OK)
		st = ticket_touch(db, c->id, now, e);
	if (st == MADO_OK && strcmp(c->kind, "reply") == 0)
		st = ticket_value_get(db, c->id, "requester_email", &to, e);
	if (st == MADO_OK && to != NULL)
		st = outbox_add(db, "reply", c->id, c->comment_id, to, c->actor->lang, now, e);
	free(to);
	return st;
}

int
ticket_comment(struct db *db, const struct actor *actor, int64_t id, bool note,
	const char *body, struct mado_err *e)
{
	struct comment_ctx c = { actor, id, note ? "note" : "reply", actor->name, body, 0 };
	int st = role_require(actor, ROLE_OPERATOR,
		note ? _("adding an internal note") : _("replying to the requester"), e);

	if (st == MADO_OK && (body == NULL || strspn(body, " \t\r\n") == strlen(body)))
		st = mado_err_set(e, MADO_EDATA, _("body: must not be empty"));
	if (st == MADO_OK)
		st = ticket_check_text("body", body, e);
	return st != MADO_OK ? st : db_txn(db, comment_txn, &c, e);
}

int
ticket_incoming(struct db *db, const struct actor *actor, int64_t id, const char *author,
	const char *body, int64_t *comment_id, struct mado_err *e)
{
	struct comment_ctx c = { actor, id, "incoming", author, body ? body : "", 0 };
	int st = role_require(actor, ROLE_OPERATOR, _("recording incoming mail"), e);

	if (st == MADO_OK)
		st = ticket_check_text("body", c.body, e);
	if (st == MADO_OK)
		st = db_txn(db, comment_txn, &c, e);
	if (st == MADO_OK && comment_id != NULL)
		*comment_id = c.comment_id;
	return st;
}

/* "duplicate-of" on the command line, "duplicate_of" in the table. */
static const char *
link_rel(const char *rel)
{
	static const char *const rels[][2] = {
		{ "related", "related" }, { "duplicate-of", "duplicate_of" },
		{ "caused-by", "caused_by" }, { "answered-with-faq", "answered_with_faq" },
	};

	for (size_t i = 0; i < G_N_ELEMENTS(rels); i++)
		if (strcmp(rel, rels[i][0]) == 0 || strcmp(rel, rels[i][1]) == 0)
			return rels[i][1];
	return NULL;
}

struct link_ctx {
	const struct actor *actor;
	int64_t id, target;
	const char *rel, *dst_type, *target_ref;
};

static int
link_txn(struct db *db, void *p, struct mado_err *e)
{
	struct link_ctx *l = p;
	char value[96];
	int st = link_insert(db, "ticket", l->id, l->dst_type, l->target, l->rel,
		l->actor->staff_id, mado_now(), e);

	snprintf(value, sizeof value, "%s %s", l->rel, l->target_ref);
	return st != MADO_OK ? st : ticket_audit(db, l->actor, "link", l->id, "link", NULL, value, e);
}

int
ticket_link(struct db *db, const struct actor *actor, int64_t id, const char *rel,
	const char *target, struct mado_err *e)
{
	struct link_ctx l = { actor, id, 0, link_rel(rel ? rel : ""), "ticket", target };
	int st = role_require(actor, ROLE_OPERATOR, _("linking records"), e);

	if (st != MADO_OK)
		return st;
	if (l.rel == NULL)
		return mado_err_set(e, MADO_EUSAGE,
			_("'%s' is not a link type (related, duplicate-of, caused-by, answered-with-faq)"),
			rel ? rel : "");
	if (strcmp(l.rel, "answered_with_faq") == 0) {
		const char *no = g_str_has_prefix(target, "FAQ-") ? target + 4 : target;

		l.dst_type = "kb";
		st = faq_id_by_no(db, no, &l.target, e);
	} else
		st = ticket_resolve(db, target, &l.target, e);
	if (st != MADO_OK)
		return st;
	if (strcmp(l.dst_type, "ticket") == 0 && l.target == id)
		return mado_err_set(e, MADO_EDATA, _("a ticket cannot be linked to itself"));
	return db_txn(db, link_txn, &l, e);
}
