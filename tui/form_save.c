/* Saving the edit form: every value is checked by its form first and the
 * refusals are put next to their fields; then core checks and writes all
 * of it in one transaction (core/ticket_save.h), and whatever it refuses
 * goes next to the field its message names. */
#include <glib.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "core/ticket_save.h"
#include "tui/form_view.h"
#include "tui/views.h"

/* Checks the fields of one form with form_validate(); *bad counts the
 * fields that got a message. */
static void
validate(struct form_view *fv, const struct form *form, bool own, int *bad)
{
	const char **names = g_new0(const char *, fv->n), **values = g_new0(const char *, fv->n);
	struct form_error *errs = NULL;
	int n = 0, nerrs = 0;

	for (int i = 0; i < fv->n; i++)
		if (fv->fields[i].own == own) {
			names[n] = fv->fields[i].def->name;
			values[n++] = fv->fields[i].value;
		}
	form_validate(form, names, values, n, &errs, &nerrs);
	for (int k = 0; k < nerrs; k++)
		for (int i = 0; i < fv->n; i++) {
			struct ffield *f = &fv->fields[i];

			if (f->own == own && f->error == NULL &&
			    strcmp(f->def->name, errs[k].field) == 0) {
				f->error = g_strdup(errs[k].message);
				(*bad)++;
			}
		}
	form_errors_free(errs, nerrs);
	g_free(names);
	g_free(values);
}

/* Every value in its canonical form (they are valid by now). */
static void
canonicalise(struct form_view *fv)
{
	for (int i = 0; i < fv->n; i++) {
		struct ffield *f = &fv->fields[i];
		char *canonical = NULL, *why = NULL;

		if (form_normalise(f->def, f->value, &canonical, &why) == MADO_OK) {
			g_free(f->value);
			f->value = canonical;
		}
		g_free(why);
	}
}

static void
say_attention(struct tui *t, int n)
{
	tui_message(t, ngettext("%d field needs attention; nothing was saved",
		"%d fields need attention; nothing was saved", (unsigned long)n), n);
}

/* Core's messages are "field: reason", one per line. Each goes next to
 * the field it names; the rest, and the count, go to the message line. */
static void
show_refusal(struct form_view *fv, const struct mado_err *e)
{
	char **lines = g_strsplit(e->msg, "\n", -1);
	GString *other = g_string_new(NULL);
	int placed = 0;

	for (char **l = lines; *l != NULL; l++) {
		const char *colon = strstr(*l, ": ");
		struct ffield *f = NULL;

		for (int i = 0; colon != NULL && i < fv->n && f == NULL; i++)
			if (strlen(fv->fields[i].def->name) == (size_t)(colon - *l) &&
			    strncmp(fv->fields[i].def->name, *l, (size_t)(colon - *l)) == 0)
				f = &fv->fields[i];
		if (f != NULL && f->error == NULL) {
			f->error = g_strdup(colon + 2);
			placed++;
		} else if (f == NULL)
			g_string_append_printf(other, "%s%s", other->len ? "; " : "", *l);
	}
	if (other->len > 0) {
		struct mado_err shown = { .status = e->status };

		g_strlcpy(shown.msg, other->str, sizeof shown.msg);
		tui_error(fv->tui, &shown);
	} else
		say_attention(fv->tui, placed);
	g_string_free(other, TRUE);
	g_strfreev(lines);
}

static const char *
value_of(struct form_view *fv, const char *name)
{
	for (int i = 0; i < fv->n; i++)
		if (strcmp(fv->fields[i].def->name, name) == 0)
			return fv->fields[i].value;
	return "";
}

/* "" means none to core's draft. */
static const char *
or_null(const char *s)
{
	return s != NULL && *s != '\0' ? s : NULL;
}

/* Own fields: a request's go with the draft (its form checks them all),
 * an incident's through ticket_update() in the same transaction. */
static int
save_new(struct form_view *fv, int64_t *id, char *number, struct mado_err *e)
{
	const char **names = g_new0(const char *, fv->n), **values = g_new0(const char *, fv->n);
	bool request = strcmp(fv->kind, "request") == 0;
	bool incident = strcmp(fv->kind, "incident") == 0;
	struct ticket_draft d = {
		.kind = fv->kind, .subject = value_of(fv, "subject"), .body = value_of(fv, "body"),
		.priority = atoi(value_of(fv, "priority")),
		.queue = or_null(value_of(fv, "queue")), .owner = or_null(value_of(fv, "owner")),
		.category = or_null(value_of(fv, "category")),
		.requester_name = value_of(fv, "requester_name"),
		.requester_email = value_of(fv, "requester_email"),
		.source = or_null(value_of(fv, "source")),
		.system = incident ? or_null(value_of(fv, "system")) : NULL,
		.request_kind = request ? fv->request_kind : NULL,
	};
	struct ticket_fields f = { names, values, 0 };
	int st;

	for (int i = 0; i < fv->n; i++) {
		const struct ffield *x = &fv->fields[i];

		/* An incident's system goes with the draft; empty details are unset. */
		if (x->own && (request ||
		    (*x->value != '\0' && strcmp(x->def->name, "system") != 0))) {
			names[f.n] = x->def->name;
			values[f.n++] = x->value;
		}
	}
	if (request) {
		d.field_names = names;
		d.field_values = values;
		d.nfields = f.n;
		f.n = 0;
	}
	st = ticket_save_new(fv->tui->db, &fv->tui->actor, &d, &f, id, number, e);
	g_free(names);
	g_free(values);
	return st;
}

/* Only what changed is sent; queue and owner through assignment. */
static int
save_edit(struct form_view *fv, struct mado_err *e)
{
	const char **names = g_new0(const char *, fv->n), **values = g_new0(const char *, fv->n);
	const char *queue = NULL, *owner = NULL;
	struct ticket_fields f = { names, values, 0 };
	int st;

	for (int i = 0; i < fv->n; i++) {
		const struct ffield *x = &fv->fields[i];

		if (x->fixed || strcmp(x->value, x->orig) == 0)
			continue;
		if (strcmp(x->def->name, "queue") == 0)
			queue = x->value;
		else if (strcmp(x->def->name, "owner") == 0)
			owner = x->value;
		else {
			names[f.n] = x->def->name;
			values[f.n++] = x->value;
		}
	}
	st = ticket_save_edit(fv->tui->db, &fv->tui->actor, fv->id, &f, queue, owner, e);
	g_free(names);
	g_free(values);
	return st;
}

static void
first_refused(struct form_view *fv)
{
	for (int i = 0; i < fv->n; i++)
		if (fv->fields[i].error != NULL) {
			fv->cur = i;
			return;
		}
}

void
form_save(struct form_view *fv)
{
	struct tui *t = fv->tui;
	struct mado_err e = { 0 };
	char number[TICKET_NUMBER_MAX] = "";
	int64_t id = fv->id;
	bool created = fv->id == 0;
	int bad = 0, st;

	t->dirty |= DIRTY_VIEW | DIRTY_STATUS;
	for (int i = 0; i < fv->n; i++) {
		g_free(fv->fields[i].error);
		fv->fields[i].error = NULL;
	}
	validate(fv, fv->common, false, &bad);
	if (fv->own != NULL)
		validate(fv, fv->own, true, &bad);
	if (bad > 0) {
		first_refused(fv);
		say_attention(t, bad);
		return;
	}
	canonicalise(fv);
	if (created)
		st = save_new(fv, &id, number, &e);
	else {
		g_strlcpy(number, fv->number, sizeof number);
		st = form_view_changed(fv) ? save_edit(fv, &e) : MADO_OK;
	}
	if (st != MADO_OK) {
		show_refusal(fv, &e);
		first_refused(fv);
		return;
	}
	/* The form is gone after this: only the copies are used. */
	tui_pop(t);
	if (created)
		tui_push(t, view_ticket_new(t, id));
	else
		t->dirty |= DIRTY_DATA; /* the ticket below shows the change */
	tui_message(t, _("%s saved"), number);
}
