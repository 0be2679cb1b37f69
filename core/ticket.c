/* Creating, finding and reading tickets; a request's form fields. */
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

struct create_ctx {
	const struct actor *actor;
	const struct ticket_draft *d;
	const char *status;
	struct form *form;      /* request kinds: the form the fields follow */
	char **canonical;       /* the fields' stored values, nfields of them */
	int64_t id;
	char number[TICKET_NUMBER_MAX];
};

/* Request form fields that are also columns of ticket_request. */
static const char *
request_column(const char *field)
{
	static const char *const cols[] = { "persons", "work_start", "work_end" };

	for (size_t i = 0; i < G_N_ELEMENTS(cols); i++)
		if (strcmp(field, cols[i]) == 0)
			return cols[i];
	return NULL;
}

/* Checks the request's fields against its form (every problem at once)
 * and the codes of master fields against the database. */
static int
check_form(struct db *db, struct create_ctx *c, struct mado_err *e)
{
	const struct ticket_draft *d = c->d;
	struct form_error *errs = NULL;
	GString *msg;
	int nerrs = 0, st;

	st = form_load_kind(mado_sharedir(), d->request_kind, &c->form, e);
	if (st == MADO_ENOTFOUND || st == MADO_EDATA)
		return mado_err_set(e, MADO_EDATA, _("request_kind: no form for '%s'"),
			d->request_kind);
	if (st != MADO_OK)
		return st;
	form_validate(c->form, d->field_names, d->field_values, d->nfields, &errs, &nerrs);
	msg = g_string_new(NULL);
	for (int i = 0; i < nerrs; i++)
		g_string_append_printf(msg, "%s%s: %s", i ? "\n" : "", errs[i].field, errs[i].message);
	form_errors_free(errs, nerrs);
	c->canonical = g_new0(char *, d->nfields + 1);
	for (int i = 0; i < d->nfields && nerrs == 0; i++) {
		const struct form_field *f = form_field(c->form, d->field_names[i]);
		char *why = NULL;

		form_normalise(f, d->field_values[i], &c->canonical[i], &why);
		g_free(why);
		if (f->type == FORM_MASTER && c->canonical[i] != NULL && *c->canonical[i]) {
			const struct master_kind *mk = master_kind_find(f->master);
			const char *key[1] = { c->canonical[i] };
			struct mado_err ignored = { 0 };
			int64_t mid;

			if (mk == NULL || master_store_get(db, f->master, key, 1, mk->ncols, &mid, NULL,
			    &ignored) != MADO_OK) {
				g_string_append_printf(msg, "%s%s: no such %s '%s'", msg->len ? "\n" : "",
					f->name, f->master, c->canonical[i]);
				nerrs++;
			}
		}
	}
	st = nerrs ? mado_err_set(e, MADO_EDATA, "%s", msg->str) : MADO_OK;
	g_string_free(msg, TRUE);
	return st;
}

/* Stores the checked form fields of a new request. */
static int
store_form(struct db *db, struct create_ctx *c, int64_t now, struct mado_err *e)
{
	int st = MADO_OK;

	for (int i = 0; i < c->d->nfields && st == MADO_OK; i++) {
		const char *name = c->d->field_names[i], *v = c->canonical[i];
		const struct form_field *f = form_field(c->form, name);
		char when[24];
		int64_t t;

		if (v == NULL || *v == '\0')
			continue;
		if (request_column(name) != NULL) {
			if ((f->type == FORM_DATETIME || f->type == FORM_DATE) && ticket_parse_time(v, &t)) {
				snprintf(when, sizeof when, "%lld", (long long)t);
				v = when;
			}
			st = ticket_value_set(db, c->id, name, v, now, e);
		} else
			st = ticket_field_put(db, c->id, name, v, e);
		if (st == MADO_OK)
			st = ticket_audit(db, c->actor, "create", c->id, name, NULL, c->canonical[i], e);
	}
	return st;
}

static int
create_txn(struct db *db, void *p, struct mado_err *e)
{
	struct create_ctx *c = p;
	const struct ticket_draft *d = c->d;
	int64_t now = mado_now();
	struct ticket_insert ins = {
		.kind = d->kind, .subject = d->subject, .body = d->body, .status = c->status,
		.source = d->source, .priority = d->priority ? d->priority : 3,
		.queue = d->queue, .owner = d->owner, .category = d->category,
		.requester_name = d->requester_name, .requester_email = d->requester_email,
		.requester_staff_id = d->requester_staff_id,
		.requester_contact_id = d->requester_contact_id, .created_by = c->actor->staff_id, .created_at = now,
		.request_kind = d->request_kind, .system = d->system,
		.occurred_at = d->occurred_at, .after_hours = d->after_hours,
	};
	int st;

	st = numbering_next(db, d->kind, now, c->number, sizeof c->number, e);
	ins.number = c->number;
	if (st == MADO_OK)
		st = ticket_insert(db, &ins, &c->id, e);
	if (st == MADO_OK)
		st = ticket_audit(db, c->actor, "create", c->id, "number", NULL, c->number, e);
	if (st == MADO_OK)
		st = ticket_audit(db, c->actor, "create", c->id, "subject", NULL, d->subject, e);
	if (st == MADO_OK && c->form != NULL)
		st = store_form(db, c, now, e);
	if (st == MADO_OK && !d->no_ack && d->requester_email != NULL &&
	    *d->requester_email != '\0')
		st = outbox_add(db, "ack", c->id, 0, d->requester_email, c->actor->lang, now, e);
	if (st == MADO_OK && d->owner != NULL && *d->owner != '\0')
		st = ticket_audit(db, c->actor, "assign", c->id, "owner", NULL, d->owner, e);
	return st;
}

static int
check_draft(const struct ticket_draft *d, struct mado_err *e)
{
	static const char *const sources[] = { "phone", "mail", "alert", "counter", "web", "other" };
	int st;

	if (!ticket_kind_valid(d->kind))
		return mado_err_set(e, MADO_EDATA,
			_("kind: must be inquiry, incident or request, not '%s'"), d->kind ? d->kind : "");
	if ((st = ticket_check_line("subject", d->subject, TICKET_SUBJECT_MAX, true, e)) ||
	    (st = ticket_check_text("body", d->body, e)) ||
	    (st = ticket_check_line("requester_name", d->requester_name, 100, false, e)) ||
	    (st = ticket_check_email("requester_email", d->requester_email, e)))
		return st;
	if (d->priority < 0 || d->priority > 5)
		return mado_err_set(e, MADO_EDATA, _("priority: must be 1 to 5"));
	if (d->source != NULL) {
		bool known = false;

		for (size_t i = 0; i < G_N_ELEMENTS(sources); i++)
			known = known || strcmp(d->source, sources[i]) == 0;
		if (!known)
			return mado_err_set(e, MADO_EDATA,
				_("source: must be phone, mail, alert, counter, web or other"));
	}
	if (strcmp(d->kind, "request") == 0 && (d->request_kind == NULL || !*d->request_kind))
		return mado_err_set(e, MADO_EDATA, _("request_kind: a request needs its kind"));
	if (strcmp(d->kind, "request") != 0 && d->request_kind != NULL)
		return mado_err_set(e, MADO_EDATA, _("request_kind: only requests have one"));
	if (strcmp(d->kind, "incident") != 0 && d->system != NULL)
		return mado_err_set(e, MADO_EDATA, _("system: only incidents have one"));
	if (strcmp(d->kind, "request") != 0 && d->nfields > 0)
		return mado_err_set(e, MADO_EDATA, _("%s: only requests have form fields"),
			d->field_names[0]);
	return MADO_OK;
}

int
ticket_create(struct db *db, const struct actor *actor, const struct ticket_draft *d,
	int64_t *id, char number[TICKET_NUMBER_MAX], struct mado_err *e)
{
	struct create_ctx c = { .actor = actor, .d = d };
	struct workflow wf;
	int st;

	if ((st = role_require(actor, ROLE_STAFF, _("creating a ticket"), e)) ||
	    (st = check_draft(d, e)) ||
	    (st = workflow_load(&wf, d->kind, e)))
		return st;
	/* Assigning to someone else at creation is the same decision as assigning. */
	if (d->owner != NULL && *d->owner && strcmp(d->owner, actor->login) != 0 &&
	    (st = role_require(actor, ROLE_SUPERVISOR, _("assigning a ticket to someone else"), e)))
		return st;
	c.status = wf.statuses[workflow_initial(&wf)].name;
	if (strcmp(d->kind, "request") == 0)
		st = check_form(db, &c, e);
	if (st == MADO_OK)
		st = db_txn(db, create_txn, &c, e);
	form_free(c.form);
	g_strfreev(c.canonical);
	if (st != MADO_OK)
		return st;
	if (id != NULL)
		*id = c.id;
	if (number != NULL)
		g_strlcpy(number, c.number, TICKET_NUMBER_MAX);
	return MADO_OK;
}

int
ticket_resolve(struct db *db, const char *ref, int64_t *id, struct mado_err *e)
{
	if (ref != NULL && ref[0] == '#' && ref[1] != '\0') {
		char *end;
		long long v = strtoll(ref + 1, &end, 10);
		struct ticket_row row;
		int st;

		if (*end != '\0' || v <= 0)
			return mado_err_set(e, MADO_EUSAGE, _("'%s' is not a ticket number"), ref);
		st = ticket_get(db, v, &row, e);
		ticket_row_clear(&row);
		*id = v;
		return st;
	}
	return ticket_id_by_number(db, ref ? ref : "", id, e);
}

int
ticket_read(struct db *db, const struct actor *actor, int64_t id, struct ticket_row *row,
	struct mado_err *e)
{
	int st = role_require(actor, ROLE_STAFF, _("reading a ticket"), e);

	memset(row, 0, sizeof *row);
	return st != MADO_OK ? st : ticket_get(db, id, row, e);
}
