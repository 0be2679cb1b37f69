#include "ticket.h"

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

#define SUBJECT_MAX_CHARS 200
#define BODY_MAX_BYTES (1 << 20)

static const char *const kinds[] = { "inquiry", "incident", "request" };

static bool
kind_valid(const char *kind)
{
	for (size_t i = 0; i < G_N_ELEMENTS(kinds); i++)
		if (kind != NULL && strcmp(kind, kinds[i]) == 0)
			return true;
	return false;
}

/* One line of text: valid UTF-8, no control characters (so it can never
 * break a mail header), not blank, at most max characters. */
static int
check_line(const char *field, const char *s, size_t max, bool required, struct mado_err *e)
{
	if (s == NULL || *s == '\0' || strspn(s, " \t\xe3\x80\x80") == strlen(s)) {
		if (required)
			return mado_err_set(e, MADO_EDATA, _("%s: must not be empty"), field);
		return MADO_OK;
	}
	if (!g_utf8_validate(s, -1, NULL))
		return mado_err_set(e, MADO_EDATA, _("%s: not valid UTF-8"), field);
	for (const char *p = s; *p; p = g_utf8_next_char(p))
		if (g_unichar_iscntrl(g_utf8_get_char(p)))
			return mado_err_set(e, MADO_EDATA,
				_("%s: must be one line without control characters"), field);
	if (g_utf8_strlen(s, -1) > (glong)max)
		return mado_err_set(e, MADO_EDATA, _("%s: longer than %zu characters"), field, max);
	return MADO_OK;
}

static int
check_text(const char *field, const char *s, struct mado_err *e)
{
	if (s == NULL)
		return MADO_OK;
	if (strlen(s) > BODY_MAX_BYTES)
		return mado_err_set(e, MADO_EDATA, _("%s: longer than %d bytes"), field, BODY_MAX_BYTES);
	if (!g_utf8_validate(s, -1, NULL))
		return mado_err_set(e, MADO_EDATA, _("%s: not valid UTF-8"), field);
	return MADO_OK;
}

static int
check_email(const char *field, const char *s, struct mado_err *e)
{
	const char *at;
	int st = check_line(field, s, 254, false, e);

	if (st != MADO_OK || s == NULL || *s == '\0')
		return st;
	at = strchr(s, '@');
	if (at == NULL || at == s || strchr(at + 1, '@') != NULL || strchr(at, '.') == NULL ||
	    strpbrk(s, " <>,;\"") != NULL)
		return mado_err_set(e, MADO_EDATA, _("%s: '%s' is not a mail address"), field, s);
	return MADO_OK;
}

static int
audit(struct db *db, const struct actor *a, const char *action, int64_t id,
	const char *field, const char *old_value, const char *new_value, struct mado_err *e)
{
	struct audit_entry ent = {
		.action = action, .entity = "ticket", .entity_id = id, .field = field,
		.old_value = old_value, .new_value = new_value,
	};

	return actor_audit(db, a, &ent, e);
}

static bool parse_time(const char *s, int64_t *out);

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
			if ((f->type == FORM_DATETIME || f->type == FORM_DATE) && parse_time(v, &t)) {
				snprintf(when, sizeof when, "%lld", (long long)t);
				v = when;
			}
			st = ticket_value_set(db, c->id, name, v, now, e);
		} else
			st = ticket_field_put(db, c->id, name, v, e);
		if (st == MADO_OK)
			st = audit(db, c->actor, "create", c->id, name, NULL, c->canonical[i], e);
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
		.requester_staff_id = 0, .created_by = c->actor->staff_id, .created_at = now,
		.request_kind = d->request_kind, .system = d->system,
	};
	int st;

	st = numbering_next(db, d->kind, now, c->number, sizeof c->number, e);
	ins.number = c->number;
	if (st == MADO_OK)
		st = ticket_insert(db, &ins, &c->id, e);
	if (st == MADO_OK)
		st = audit(db, c->actor, "create", c->id, "number", NULL, c->number, e);
	if (st == MADO_OK)
		st = audit(db, c->actor, "create", c->id, "subject", NULL, d->subject, e);
	if (st == MADO_OK && c->form != NULL)
		st = store_form(db, c, now, e);
	if (st == MADO_OK && d->requester_email != NULL && *d->requester_email != '\0')
		st = outbox_add(db, "ack", c->id, d->requester_email, c->actor->lang, now, e);
	if (st == MADO_OK && d->owner != NULL && *d->owner != '\0')
		st = audit(db, c->actor, "assign", c->id, "owner", NULL, d->owner, e);
	return st;
}

static int
check_draft(const struct ticket_draft *d, struct mado_err *e)
{
	static const char *const sources[] = { "phone", "mail", "alert", "counter", "web", "other" };
	int st;

	if (!kind_valid(d->kind))
		return mado_err_set(e, MADO_EDATA,
			_("kind: must be inquiry, incident or request, not '%s'"), d->kind ? d->kind : "");
	if ((st = check_line("subject", d->subject, SUBJECT_MAX_CHARS, true, e)) ||
	    (st = check_text("body", d->body, e)) ||
	    (st = check_line("requester_name", d->requester_name, 100, false, e)) ||
	    (st = check_email("requester_email", d->requester_email, e)))
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

/* A field change: read the old value, write the new, audit both, all in
 * the caller's transaction. Unchanged values write nothing. */
static int
change_value(struct db *db, const struct actor *a, const char *action, int64_t id,
	const char *field, const char *value, struct mado_err *e)
{
	char *old = NULL;
	int st = ticket_value_get(db, id, field, &old, e);

	if (value != NULL && *value == '\0')
		value = NULL;
	if (st == MADO_OK && g_strcmp0(old, value) != 0) {
		st = ticket_value_set(db, id, field, value, mado_now(), e);
		if (st == MADO_OK)
			st = audit(db, a, action, id, field, old, value, e);
	}
	free(old);
	return st;
}

/* The fields ticket_update() accepts, with how their values are checked. */
enum ftype { F_LINE, F_TEXT, F_PRIORITY, F_REF, F_BOOL, F_COUNT, F_TIME, F_EMAIL };
struct ufield {
	const char *name, *kind; /* kind "" = every kind */
	enum ftype type;
	const char *column;      /* ticket_store field name */
};
static const struct ufield ufields[] = {
	{ "subject", "", F_LINE, "subject" },
	{ "body", "", F_TEXT, "body" },
	{ "priority", "", F_PRIORITY, "priority" },
	{ "category", "", F_REF, "category" },
	{ "due", "", F_TIME, "due_at" },
	{ "requester_name", "", F_LINE, "requester_name" },
	{ "requester_email", "", F_EMAIL, "requester_email" },
	{ "system", "incident", F_REF, "system" },
	{ "occurred", "incident", F_TIME, "occurred_at" },
	{ "recovered", "incident", F_TIME, "recovered_at" },
	{ "triage", "incident", F_TEXT, "triage" },
	{ "impact", "incident", F_TEXT, "impact" },
	{ "cause", "incident", F_TEXT, "cause" },
	{ "recovery_plan", "incident", F_TEXT, "recovery_plan" },
	{ "recovery_report", "incident", F_TEXT, "recovery_report" },
	{ "prevention", "incident", F_TEXT, "prevention" },
	{ "after_hours", "incident", F_BOOL, "after_hours" },
	{ "callout", "incident", F_BOOL, "callout" },
	{ "persons", "request", F_COUNT, "persons" },
	{ "work_start", "request", F_TIME, "work_start" },
	{ "work_end", "request", F_TIME, "work_end" },
};

int
ticket_update_fields(const char *kind, const char **out, int max)
{
	int n = 0;

	for (size_t i = 0; i < G_N_ELEMENTS(ufields) && n < max - 1; i++)
		if (!*ufields[i].kind || (kind && strcmp(ufields[i].kind, kind) == 0))
			out[n++] = ufields[i].name;
	out[n] = NULL;
	return n;
}

/* Parses "YYYY-MM-DD" or "YYYY-MM-DD HH:MM" (JST) into Unix seconds. */
static bool
parse_time(const char *s, int64_t *out)
{
	int y, mo, d, h = 0, mi = 0, n = 0;

	if (sscanf(s, "%4d-%2d-%2d%n %2d:%2d%n", &y, &mo, &d, &n, &h, &mi, &n) < 3 ||
	    s[n] != '\0')
		return false;
	if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 ||
	    !g_date_valid_dmy((GDateDay)d, (GDateMonth)mo, (GDateYear)y))
		return false;
	*out = jst_to_time(y, mo, d, h, mi, 0);
	return true;
}

/* Checks value against the field's type and puts the stored form in buf. */
static int
normalise(const struct ufield *f, const char *value, char *buf, size_t n, const char **out,
	struct mado_err *e)
{
	char *end;
	long v;
	int64_t t;

	*out = value;
	if (value == NULL || *value == '\0')
		return f->type == F_LINE && strcmp(f->name, "subject") == 0
			? mado_err_set(e, MADO_EDATA, _("subject: must not be empty")) : MADO_OK;
	switch (f->type) {
	case F_LINE:
		return check_line(f->name, value, SUBJECT_MAX_CHARS, false, e);
	case F_TEXT:
		return check_text(f->name, value, e);
	case F_EMAIL:
		return check_email(f->name, value, e);
	case F_REF:
		return check_line(f->name, value, 64, false, e);
	case F_PRIORITY:
	case F_COUNT:
		v = strtol(value, &end, 10);
		if (*end != '\0' || (f->type == F_PRIORITY ? v < 1 || v > 5 : v < 1 || v > 10000))
			return mado_err_set(e, MADO_EDATA, f->type == F_PRIORITY
				? _("%s: must be a number from 1 to 5") : _("%s: must be a number from 1 to 10000"),
				f->name);
		snprintf(buf, n, "%ld", v);
		break;
	case F_BOOL:
		if (strcmp(value, "1") == 0 || g_ascii_strcasecmp(value, "yes") == 0 ||
		    g_ascii_strcasecmp(value, "true") == 0)
			snprintf(buf, n, "1");
		else if (strcmp(value, "0") == 0 || g_ascii_strcasecmp(value, "no") == 0 ||
		    g_ascii_strcasecmp(value, "false") == 0)
			snprintf(buf, n, "0");
		else
			return mado_err_set(e, MADO_EDATA, _("%s: must be yes or no"), f->name);
		break;
	case F_TIME:
		if (!parse_time(value, &t))
			return mado_err_set(e, MADO_EDATA,
				_("%s: '%s' is not a date (YYYY-MM-DD or YYYY-MM-DD HH:MM)"), f->name, value);
		snprintf(buf, n, "%lld", (long long)t);
		break;
	}
	*out = buf;
	return MADO_OK;
}

struct update_ctx {
	const struct actor *actor;
	int64_t id;
	int n;
	const char *columns[G_N_ELEMENTS(ufields)];
	const char *values[G_N_ELEMENTS(ufields)];
};

static int
update_txn(struct db *db, void *p, struct mado_err *e)
{
	struct update_ctx *u = p;
	int st = MADO_OK;

	for (int i = 0; i < u->n && st == MADO_OK; i++)
		st = change_value(db, u->actor, "update", u->id, u->columns[i], u->values[i], e);
	return st;
}

static const struct ufield *
ufield_find(const char *kind, const char *field)
{
	for (size_t i = 0; i < G_N_ELEMENTS(ufields); i++)
		if (strcmp(ufields[i].name, field) == 0 &&
		    (!*ufields[i].kind || strcmp(ufields[i].kind, kind) == 0))
			return &ufields[i];
	return NULL;
}

int
ticket_update(struct db *db, const struct actor *actor, int64_t id, const char *const *fields,
	const char *const *values, int n, struct mado_err *e)
{
	struct ticket_row row;
	struct update_ctx u = { .actor = actor, .id = id };
	char bufs[G_N_ELEMENTS(ufields)][32];
	int st;

	if ((st = role_require(actor, ROLE_OPERATOR, _("changing a ticket"), e)) ||
	    (st = ticket_get(db, id, &row, e)))
		return st;
	if (n < 1 || n > (int)G_N_ELEMENTS(ufields))
		st = mado_err_set(e, MADO_EUSAGE, _("give one or more FIELD=VALUE"));
	for (int i = 0; i < n && st == MADO_OK; i++) {
		const struct ufield *f = ufield_find(row.kind, fields[i]);

		for (int j = 0; j < i && f != NULL && st == MADO_OK; j++)
			if (u.columns[j] == f->column)
				st = mado_err_set(e, MADO_EUSAGE, _("%s: given twice"), fields[i]);
		if (st == MADO_OK && f == NULL) {
			const char *names[G_N_ELEMENTS(ufields) + 1];
			char *list;

			ticket_update_fields(row.kind, names, (int)G_N_ELEMENTS(names));
			list = g_strjoinv(", ", (char **)names);

			st = mado_err_set(e, MADO_EUSAGE,
				_("%s: no field '%s' to change; fields: %s"), row.kind, fields[i], list);
			g_free(list);
		}
		if (st == MADO_OK)
			st = normalise(f, values[i], bufs[i], sizeof bufs[i], &u.values[i], e);
		if (st == MADO_OK)
			u.columns[u.n++] = f->column;
	}
	ticket_row_clear(&row);
	return st != MADO_OK ? st : db_txn(db, update_txn, &u, e);
}

struct assign_ctx {
	const struct actor *actor;
	int64_t id;
	const char *queue, *owner;
	int64_t ticket_id_for_mail;
};

static int
assign_txn(struct db *db, void *p, struct mado_err *e)
{
	struct assign_ctx *a = p;
	int st = MADO_OK;

	if (a->queue != NULL)
		st = change_value(db, a->actor, "assign", a->id, "queue", a->queue, e);
	if (st == MADO_OK && a->owner != NULL) {
		char *before = NULL;

		st = ticket_value_get(db, a->id, "owner", &before, e);
		if (st == MADO_OK)
			st = change_value(db, a->actor, "assign", a->id, "owner", a->owner, e);
		/* Tell the new owner, unless they assigned it to themselves. */
		if (st == MADO_OK && *a->owner && g_strcmp0(before, a->owner) != 0 &&
		    strcmp(a->owner, a->actor->login) != 0)
			st = outbox_add(db, "assign", a->id, a->owner, "ja", mado_now(), e);
		free(before);
	}
	return st;
}

int
ticket_assign(struct db *db, const struct actor *actor, int64_t id, const char *queue,
	const char *owner, struct mado_err *e)
{
	struct assign_ctx a = { actor, id, queue, owner, 0 };
	int st = role_require(actor, ROLE_OPERATOR, _("assigning a ticket"), e);

	if (st == MADO_OK && owner != NULL && *owner && strcmp(owner, actor->login) != 0)
		st = role_require(actor, ROLE_SUPERVISOR, _("assigning a ticket to someone else"), e);
	if (st == MADO_OK && queue == NULL && owner == NULL)
		st = mado_err_set(e, MADO_EUSAGE, _("nothing to assign: give a queue or an owner"));
	if (st == MADO_OK && queue != NULL && *queue == '\0')
		st = mado_err_set(e, MADO_EDATA, _("queue: a ticket always has a queue once set"));
	return st != MADO_OK ? st : db_txn(db, assign_txn, &a, e);
}

struct status_ctx {
	const struct actor *actor;
	int64_t id;
	const char *kind;
	const char *target;    /* status name, or NULL with mode close/reopen */
	int mode;              /* 0 set, 1 close, 2 reopen */
};

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
	    (st = change_value(db, s->actor, "status", s->id, "status", wf.statuses[to].name, e)))
		return st;
	/* closed_at follows the closed flag: set on closing, cleared on reopening. */
	snprintf(closed_at, sizeof closed_at, "%lld", (long long)mado_now());
	if ((wf.statuses[to].flags & WF_CLOSED) != (wf.statuses[from].flags & WF_CLOSED))
		st = ticket_value_set(db, s->id, "closed_at",
			(wf.statuses[to].flags & WF_CLOSED) ? closed_at : NULL, mado_now(), e);
	if (st == MADO_OK && strcmp(s->kind, "inquiry") == 0 &&
	    (wf.statuses[to].flags & WF_RESOLVED))
		st = ticket_value_set(db, s->id, "answered_at", closed_at, mado_now(), e);
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
	bool note;
	const char *body;
};

static int
comment_txn(struct db *db, void *p, struct mado_err *e)
{
	struct comment_ctx *c = p;
	int64_t cid, now = mado_now();
	char *to = NULL, ref[32];
	int st = comment_insert(db, c->id, c->note ? "note" : "reply", c->actor->staff_id,
		c->actor->name, c->body, now, &cid, e);

	snprintf(ref, sizeof ref, "comment:%lld", (long long)cid);
	if (st == MADO_OK)
		st = audit(db, c->actor, c->note ? "note" : "reply", c->id, ref, NULL, c->body, e);
	if (st == MADO_OK)
		st = ticket_touch(db, c->id, now, e);
	if (st == MADO_OK && !c->note)
		st = ticket_value_get(db, c->id, "requester_email", &to, e);
	if (st == MADO_OK && to != NULL)
		st = outbox_add(db, "reply", c->id, to, c->actor->lang, now, e);
	free(to);
	return st;
}

int
ticket_comment(struct db *db, const struct actor *actor, int64_t id, bool note,
	const char *body, struct mado_err *e)
{
	struct comment_ctx c = { actor, id, note, body };
	int st = role_require(actor, ROLE_OPERATOR,
		note ? _("adding an internal note") : _("replying to the requester"), e);

	if (st == MADO_OK && (body == NULL || strspn(body, " \t\r\n") == strlen(body)))
		st = mado_err_set(e, MADO_EDATA, _("body: must not be empty"));
	if (st == MADO_OK)
		st = check_text("body", body, e);
	return st != MADO_OK ? st : db_txn(db, comment_txn, &c, e);
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
	return st != MADO_OK ? st : audit(db, l->actor, "link", l->id, "link", NULL, value, e);
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

int
ticket_list(struct db *db, const struct actor *actor, struct ticket_filter *f, bool open_only,
	ticket_brief_fn fn, void *ctx, bool *more, struct mado_err *e)
{
	GString *json = NULL;
	struct list_page pg = { fn, ctx, f->limit, more };
	int st = role_require(actor, ROLE_STAFF, _("listing tickets"), e);

	*more = false;
	if (st != MADO_OK)
		return st;
	if (f->limit < 1 || f->limit > TICKET_LIST_MAX)
		return mado_err_set(e, MADO_EUSAGE, _("limit: %d is out of range (1 to %d)"),
			f->limit, TICKET_LIST_MAX);
	if (f->kind != NULL && !kind_valid(f->kind))
		return mado_err_set(e, MADO_EUSAGE,
			_("kind: must be inquiry, incident or request, not '%s'"), f->kind);
	if (open_only) {
		/* The open statuses of every kind asked for, from the workflows. */
		json = g_string_new("[");
		for (size_t k = 0; k < G_N_ELEMENTS(kinds) && st == MADO_OK; k++) {
			struct workflow wf;

			if (f->kind != NULL && strcmp(f->kind, kinds[k]) != 0)
				continue;
			st = workflow_load(&wf, kinds[k], e);
			for (int i = 0; st == MADO_OK && i < wf.nstatuses; i++)
				if (!(wf.statuses[i].flags & (WF_RESOLVED | WF_CLOSED)))
					g_string_append_printf(json, "%s\"%s\"", json->len > 1 ? "," : "",
						wf.statuses[i].name);
		}
		g_string_append_c(json, ']');
		f->statuses_json = json->str;
	}
	f->limit++;
	if (st == MADO_OK)
		st = ticket_list_page(db, f, list_page_row, &pg, e);
	f->limit--;
	if (json != NULL) {
		f->statuses_json = NULL;
		g_string_free(json, TRUE);
	}
	return st;
}

int
ticket_history(struct db *db, const struct actor *actor, int64_t id,
	void (*fn)(const struct audit_row *r, void *ctx), void *ctx, struct mado_err *e)
{
	int st = role_require(actor, ROLE_STAFF, _("reading a ticket"), e);

	return st != MADO_OK ? st : audit_history(db, "ticket", id, fn, ctx, e);
}
