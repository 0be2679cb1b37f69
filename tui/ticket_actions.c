/* The actions on one ticket (tui/ticket_actions.h). Who may do what is
 * core's to decide: every refusal comes back as an error and is shown as
 * it is. The status picker offers only what core says this actor may do. */
#include "ticket_actions.h"

#include <glib.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "core/master.h"
#include "core/workflow.h"
#include "tui/choices.h"
#include "tui/editor.h"
#include "tui/picker.h"
#include "tui/prompt.h"
#include "tui/textarea.h"
#include "tui/viewer.h"
#include "tui/views.h"

/* The picker value for "leave it as it is": '=' is in no code or login. */
#define KEEP "="

/* A refusal or error from core goes to the message line as it is. On
 * success what is on screen is read again (our own commits do not move
 * data_version, so the loop is told here) and the caller says what was
 * done. */
static bool
settle(struct tui *t, int st, const struct mado_err *e)
{
	if (st != MADO_OK) {
		tui_error(t, e);
		return false;
	}
	t->dirty |= DIRTY_DATA;
	return true;
}

/* ---- reply and note: a text area, then ticket_comment() ---- */

static void comment_done(struct tui *t, const char *text, void *ctx);

static void
open_comment(struct tui *t, struct ticket_target *tt, const char *initial)
{
	char *title = g_strdup_printf(tt->note ? _("Internal note on %s (not sent)")
		: _("Reply to the requester of %s"), tt->number);

	tui_push(t, textarea_new(t, title, initial, comment_done, tt));
	g_free(title);
}

static void
comment_done(struct tui *t, const char *text, void *ctx)
{
	struct ticket_target *tt = ctx;
	struct mado_err e = { 0 };
	int st;

	if (text == NULL)
		return;
	st = ticket_comment(t->db, &t->actor, tt->id, tt->note, text, &e);
	if (settle(t, st, &e))
		tui_message(t, tt->note ? _("%s: internal note saved") : _("%s: reply saved"),
			tt->number);
	/* A mistake must not cost what was written: back to the text, with
	 * the reason on the message line. A refusal would only come again. */
	if (st != MADO_OK && st != MADO_EPERM)
		open_comment(t, tt, text);
}

/* ---- status: a picker of the moves the workflow allows this actor ---- */

static void
status_done(struct tui *t, const char *status, void *ctx)
{
	struct ticket_target *tt = ctx;
	struct mado_err e = { 0 };

	if (status != NULL &&
	    settle(t, ticket_set_status(t->db, &t->actor, tt->id, status, &e), &e))
		tui_message(t, _("%s: status changed"), tt->number);
}

static void
start_status(struct tui *t, struct ticket_target *tt)
{
	struct workflow wf;
	const char *names[WF_MAX_TRANS], *labels[WF_MAX_TRANS];
	struct picker_item items[WF_MAX_TRANS];
	struct mado_err e = { 0 };
	int n = ticket_next_statuses(t->db, &t->actor, tt->id, &wf, names, labels, WF_MAX_TRANS,
		mado_i18n_lang(), &e);
	char *title;

	if (n < 0) {
		tui_error(t, &e);
		return;
	}
	if (n == 0) {
		tui_message(t, _("%s: no status change is open to you from here"), tt->number);
		return;
	}
	for (int i = 0; i < n; i++)
		items[i] = (struct picker_item){ names[i], labels[i] };
	title = g_strdup_printf(_("New status of %s"), tt->number);
	tui_push(t, picker_new(t, title, items, n, status_done, tt));
	g_free(title);
}

/* ---- assign: a picker of queues, then one of staff ---- */

/* Adds the active rows of master to c and opens a picker of them all;
 * c is freed either way (the picker copies the items). */
static void
pick_from_master(struct tui *t, struct choices *c, const char *master, const char *title,
	picker_done_fn done, void *ctx)
{
	struct mado_err e = { 0 };

	if (master_choices(t->db, &t->actor, master, choice_add, c, &e) != MADO_OK)
		tui_error(t, &e);
	else
		tui_push(t, choices_picker(t, title, c, done, ctx));
	choices_free(c);
}

static void
owner_done(struct tui *t, const char *owner, void *ctx)
{
	struct ticket_target *tt = ctx;
	struct mado_err e = { 0 };
	const char *queue = strcmp(tt->queue, KEEP) != 0 ? tt->queue : NULL;

	if (owner == NULL)
		return;
	if (strcmp(owner, KEEP) == 0)
		owner = NULL;
	if (queue == NULL && owner == NULL) {
		tui_message(t, _("%s: nothing changed"), tt->number);
		return;
	}
	if (settle(t, ticket_assign(t->db, &t->actor, tt->id, queue, owner, &e), &e))
		tui_message(t, _("%s: assigned"), tt->number);
}

static void
queue_done(struct tui *t, const char *queue, void *ctx)
{
	struct ticket_target *tt = ctx;
	struct choices c;
	char *title;

	if (queue == NULL)
		return;
	g_strlcpy(tt->queue, queue, sizeof tt->queue);
	choices_init(&c);
	choice_add(KEEP, _("(keep the owner)"), &c);
	/* The built-in administrator has no staff record to own tickets. */
	if (t->actor.staff_id != 0) {
		char *me = g_strdup_printf(_("me (%s)"), t->actor.name);

		choice_add(t->actor.login, me, &c);
		g_free(me);
	}
	choice_add("", _("(unassign)"), &c);
	title = g_strdup_printf(_("Owner of %s"), tt->number);
	pick_from_master(t, &c, "staff", title, owner_done, tt);
	g_free(title);
}

static void
start_assign(struct tui *t, struct ticket_target *tt)
{
	struct choices c;
	char *title = g_strdup_printf(_("Queue of %s"), tt->number);

	choices_init(&c);
	choice_add(KEEP, _("(keep the queue)"), &c);
	pick_from_master(t, &c, "queue", title, queue_done, tt);
	g_free(title);
}

/* ---- link: a picker of types, then a prompt for the other record ---- */

static void
link_target_done(struct tui *t, const char *text, void *ctx)
{
	struct ticket_target *tt = ctx;
	struct mado_err e = { 0 };
	char *target;

	if (text == NULL)
		return;
	target = g_strstrip(g_strdup(text));
	if (*target != '\0' &&
	    settle(t, ticket_link(t->db, &t->actor, tt->id, tt->rel, target, &e), &e))
		tui_message(t, _("%s: linked to %s"), tt->number, target);
	g_free(target);
}

static void
rel_done(struct tui *t, const char *rel, void *ctx)
{
	struct ticket_target *tt = ctx;
	bool faq;

	if (rel == NULL)
		return;
	g_strlcpy(tt->rel, rel, sizeof tt->rel);
	faq = strcmp(rel, "answered-with-faq") == 0;
	prompt_open(t, faq ? _("FAQ number: ") : _("Ticket number: "), "",
		faq ? "faq" : "ticket", NULL, link_target_done, tt);
}

static void
start_link(struct tui *t, struct ticket_target *tt)
{
	/* The names ticket_link() takes, as `mado ticket link` does. */
	const struct picker_item items[] = {
		{ "related", _("related to another ticket") },
		{ "duplicate-of", _("duplicate of another ticket") },
		{ "caused-by", _("caused by another ticket") },
		{ "answered-with-faq", _("answered with an FAQ article") },
	};
	char *title = g_strdup_printf(_("Link %s"), tt->number);

	tui_push(t, picker_new(t, title, items, G_N_ELEMENTS(items), rel_done, tt));
	g_free(title);
}

/* ---- edit-external: the body in $EDITOR ---- */

static void
edit_body(struct tui *t, struct ticket_target *tt)
{
	struct ticket_row row = { 0 };
	struct mado_err e = { 0 };
	char *text = NULL;
	int st = ticket_read(t->db, &t->actor, tt->id, &row, &e);
	const char *body = row.body != NULL ? row.body : "";

	if (st == MADO_OK)
		st = editor_run(t, body, &text, &e);
	if (st == MADO_OK && strcmp(text, body) == 0)
		tui_message(t, _("%s: the body is unchanged"), tt->number);
	else if (st == MADO_OK) {
		const char *fields[] = { "body" }, *values[] = { text };

		if (settle(t, ticket_update(t->db, &t->actor, tt->id, fields, values, 1, &e), &e))
			tui_message(t, _("%s: body saved"), tt->number);
	} else
		tui_error(t, &e);
	free(text);
	ticket_row_clear(&row);
	/* The editor had the terminal: paint everything again. */
	t->dirty |= DIRTY_ALL;
}

bool
ticket_action(struct tui *t, struct ticket_target *tt, enum tui_action a)
{
	struct mado_err e = { 0 };

	switch (a) {
	case ACT_REPLY:
	case ACT_NOTE:
		tt->note = a == ACT_NOTE;
		open_comment(t, tt, "");
		break;
	case ACT_STATUS: start_status(t, tt); break;
	case ACT_ASSIGN: start_assign(t, tt); break;
	case ACT_LINK: start_link(t, tt); break;
	case ACT_CLOSE:
		if (settle(t, ticket_close(t->db, &t->actor, tt->id, &e), &e))
			tui_message(t, _("%s: closed"), tt->number);
		break;
	case ACT_REOPEN:
		if (settle(t, ticket_reopen(t->db, &t->actor, tt->id, &e), &e))
			tui_message(t, _("%s: reopened"), tt->number);
		break;
	case ACT_EDIT: tui_push(t, view_form_new(t, tt->kind, tt->id)); break;
	case ACT_EDIT_EXTERNAL: edit_body(t, tt); break;
	case ACT_ATTACHMENTS: viewer_pick(t, "ticket", tt->id, tt->number); break;
	default: return false;
	}
	return true;
}
