/* Changing a ticket's fields, and assigning it. */
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
#include "db/staff_store.h"
#include "forms/form.h"
#include "db/ticket_store.h"

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
		return ticket_check_line(f->name, value, TICKET_SUBJECT_MAX, false, e);
	case F_TEXT:
		return ticket_check_text(f->name, value, e);
	case F_EMAIL:
		return ticket_check_email(f->name, value, e);
	case F_REF:
		return ticket_check_line(f->name, value, 64, false, e);
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
		if (!ticket_parse_time(value, &t))
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
		st = ticket_change_value(db, u->actor, "update", u->id, u->columns[i], u->values[i], e);
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
};

static int
notify_owner(struct db *db, const struct assign_ctx *a, struct mado_err *e)
{
	struct staff_row owner = { 0 };
	int st = staff_by_login(db, a->owner, &owner, e);

	if (st == MADO_OK && owner.email[0] != '\0')
		st = outbox_add(db, "assign", a->id, 0, owner.email, owner.lang, mado_now(), e);
	staff_row_clear(&owner);
	return st;
}

static int
assign_txn(struct db *db, void *p, struct mado_err *e)
{
	struct assign_ctx *a = p;
	int st = MADO_OK;

	if (a->queue != NULL)
		st = ticket_change_value(db, a->actor, "assign", a->id, "queue", a->queue, e);
	if (st == MADO_OK && a->owner != NULL) {
		char *before = NULL;

		st = ticket_value_get(db, a->id, "owner", &before, e);
		if (st == MADO_OK)
			st = ticket_change_value(db, a->actor, "assign", a->id, "owner", a->owner, e);
		/* Tell the new owner at their address, unless they assigned it to
		 * themselves or have none. */
		if (st == MADO_OK && *a->owner && g_strcmp0(before, a->owner) != 0 &&
		    strcmp(a->owner, a->actor->login) != 0)
			st = notify_owner(db, a, e);
		free(before);
	}
	return st;
}

int
ticket_assign(struct db *db, const struct actor *actor, int64_t id, const char *queue,
	const char *owner, struct mado_err *e)
{
	struct assign_ctx a = { actor, id, queue, owner };
	int st = role_require(actor, ROLE_OPERATOR, _("assigning a ticket"), e);

	if (st == MADO_OK && owner != NULL && *owner && strcmp(owner, actor->login) != 0)
		st = role_require(actor, ROLE_SUPERVISOR, _("assigning a ticket to someone else"), e);
	if (st == MADO_OK && queue == NULL && owner == NULL)
		st = mado_err_set(e, MADO_EUSAGE, _("nothing to assign: give a queue or an owner"));
	if (st == MADO_OK && queue != NULL && *queue == '\0')
		st = mado_err_set(e, MADO_EDATA, _("queue: a ticket always has a queue once set"));
	return st != MADO_OK ? st : db_txn(db, assign_txn, &a, e);
}
