/* The filters and order of a ticket list, and saved views of them. */
#include "ticket_view.h"
#include "ticket_impl.h"

#include <glib.h>
#include <string.h>

#include "base/env.h"
#include "base/i18n.h"
#include "db/audit_store.h"
#include "db/saved_view_store.h"

#define QUERY_TEXT_MAX 200

static const char *const sort_names[] = {
	[TICKET_SORT_UPDATED] = "updated",
	[TICKET_SORT_CREATED] = "created",
	[TICKET_SORT_DUE] = "due",
};

static const char *const view_kinds[] = { "inquiry", "incident", "request", "mywork" };

void
ticket_query_clear(struct ticket_query *q)
{
	g_free(q->status);
	g_free(q->queue);
	g_free(q->owner);
	g_free(q->category);
	g_free(q->text);
	memset(q, 0, sizeof *q);
}

void
ticket_query_copy(struct ticket_query *dst, const struct ticket_query *src)
{
	struct ticket_query c = *src;

	/* Copied before dst is cleared, so dst may be src. */
	c.status = g_strdup(src->status);
	c.queue = g_strdup(src->queue);
	c.owner = g_strdup(src->owner);
	c.category = g_strdup(src->category);
	c.text = g_strdup(src->text);
	ticket_query_clear(dst);
	*dst = c;
}

void
ticket_query_set(char **member, const char *value)
{
	g_free(*member);
	*member = value != NULL && *value != '\0' ? g_strdup(value) : NULL;
}

void
ticket_query_apply(const struct ticket_query *q, struct ticket_filter *f)
{
	f->status = q->status;
	f->queue = q->queue;
	f->owner = q->owner;
	f->category = q->category;
	f->text = q->text;
	f->created_from = q->created_from;
	f->created_to = q->created_to;
	f->sort = q->sort;
}

int
ticket_query_day(const char *field, const char *text, bool end, int64_t *out,
	struct mado_err *e)
{
	/* NFKC turns full-width digits and hyphens, as an IME types them,
	 * into ASCII; NULL when text is not UTF-8. */
	char *norm = text != NULL ? g_utf8_normalize(text, -1, G_NORMALIZE_NFKC) : NULL;
	bool ok = false;

	if (norm != NULL) {
		g_strstrip(norm);
		g_strdelimit(norm, "/", '-');
		ok = ticket_parse_time(norm, out);
		if (ok && end && strchr(norm, ':') == NULL)
			*out += 24 * 60 * 60 - 1;
	}
	g_free(norm);
	if (!ok)
		return mado_err_set(e, MADO_EDATA, _("%s: not a date like 2026-04-01: '%s'"), field,
			text != NULL ? text : "");
	return MADO_OK;
}

const char *
ticket_sort_name(enum ticket_sort s)
{
	return (size_t)s < G_N_ELEMENTS(sort_names) ? sort_names[s] : NULL;
}

static enum ticket_sort
sort_parse(const char *name)
{
	for (size_t i = 0; i < G_N_ELEMENTS(sort_names); i++)
		if (g_strcmp0(name, sort_names[i]) == 0)
			return (enum ticket_sort)i;
	return TICKET_SORT_UPDATED;
}

/* The kind as our own static string, or NULL when it is none. */
static const char *
view_kind(const char *kind)
{
	for (size_t i = 0; i < G_N_ELEMENTS(view_kinds); i++)
		if (g_strcmp0(kind, view_kinds[i]) == 0)
			return view_kinds[i];
	return NULL;
}

/* Views are kept by staff id, which the built-in administrator lacks. */
static int
view_allowed(const struct actor *actor, const char *operation, struct mado_err *e)
{
	int st = role_require(actor, ROLE_STAFF, operation, e);

	if (st == MADO_OK && actor->staff_id <= 0)
		st = mado_err_set(e, MADO_EPERM,
			_("%s needs a staff record; %s has none (register with mado admin user add)"),
			operation, actor->login);
	return st;
}

/* A stored view as read back: what the audit compares. */
struct stored {
	bool found;
	int64_t id;
	char *kind, *json;
};

static void
stored_row(const struct saved_view_row *r, void *p)
{
	struct stored *s = p;

	s->found = true;
	s->id = r->id;
	s->kind = g_strdup(r->kind);
	s->json = g_strdup(r->json);
}

static void
stored_clear(struct stored *s)
{
	g_free(s->kind);
	g_free(s->json);
	memset(s, 0, sizeof *s);
}

static int
view_audit(struct db *db, const struct actor *a, const char *action, int64_t id,
	const char *field, const char *old_value, const char *new_value, struct mado_err *e)
{
	struct audit_entry ent = {
		.action = action, .entity = "saved_view", .entity_id = id, .field = field,
		.old_value = old_value, .new_value = new_value,
	};

	if (g_strcmp0(old_value, new_value) == 0)
		return MADO_OK;
	return actor_audit(db, a, &ent, e);
}

struct save_ctx {
	const struct actor *actor;
	struct saved_view_row row;
};

static int
save_txn(struct db *db, void *p, struct mado_err *e)
{
	struct save_ctx *s = p;
	struct stored old = { 0 }, now = { 0 };
	int64_t id = 0;
	int st = saved_view_get(db, s->row.staff_id, s->row.name, stored_row, &old, e);
	const char *action = old.found ? "update" : "create";

	if (st == MADO_OK)
		st = saved_view_put(db, &s->row, &id, e);
	if (st == MADO_OK)
		st = saved_view_get(db, s->row.staff_id, s->row.name, stored_row, &now, e);
	if (st == MADO_OK)
		st = view_audit(db, s->actor, action, id, "name", old.found ? s->row.name : NULL,
			s->row.name, e);
	if (st == MADO_OK)
		st = view_audit(db, s->actor, action, id, "kind", old.kind, now.kind, e);
	if (st == MADO_OK)
		st = view_audit(db, s->actor, action, id, "filter", old.json, now.json, e);
	stored_clear(&old);
	stored_clear(&now);
	return st;
}

int
saved_view_save(struct db *db, const struct actor *actor, const char *name, const char *kind,
	const struct ticket_query *q, struct mado_err *e)
{
	struct save_ctx s = { actor, {
		.staff_id = actor->staff_id, .created_at = mado_now(), .name = name,
		.kind = view_kind(kind), .status = q->status, .queue = q->queue, .owner = q->owner,
		.category = q->category, .text = q->text, .sort = ticket_sort_name(q->sort),
		.created_from = q->created_from, .created_to = q->created_to,
	} };
	int st = view_allowed(actor, _("saving a view"), e);

	if (st == MADO_OK)
		st = ticket_check_line("name", name, SAVED_VIEW_NAME_MAX, true, e);
	if (st == MADO_OK)
		st = ticket_check_line("text", q->text, QUERY_TEXT_MAX, false, e);
	if (st == MADO_OK && s.row.kind == NULL)
		st = mado_err_set(e, MADO_EUSAGE,
			_("kind: must be inquiry, incident, request or mywork, not '%s'"),
			kind != NULL ? kind : "");
	if (st == MADO_OK && s.row.sort == NULL)
		st = mado_err_set(e, MADO_EUSAGE, _("sort: unknown order %d"), (int)q->sort);
	return st != MADO_OK ? st : db_txn(db, save_txn, &s, e);
}

/* A row's filter as a query of copied strings; free with ticket_query_clear. */
static void
row_query(const struct saved_view_row *r, struct ticket_query *q)
{
	q->status = g_strdup(r->status);
	q->queue = g_strdup(r->queue);
	q->owner = g_strdup(r->owner);
	q->category = g_strdup(r->category);
	q->text = g_strdup(r->text);
	q->created_from = r->created_from;
	q->created_to = r->created_to;
	q->sort = sort_parse(r->sort);
}

struct list_ctx {
	saved_view_fn fn;
	void *ctx;
};

static void
list_row(const struct saved_view_row *r, void *p)
{
	struct list_ctx *l = p;
	struct ticket_query q = { 0 };

	row_query(r, &q);
	l->fn(r->name, r->kind, &q, l->ctx);
	ticket_query_clear(&q);
}

int
saved_view_list(struct db *db, const struct actor *actor, saved_view_fn fn, void *ctx,
	struct mado_err *e)
{
	struct list_ctx l = { fn, ctx };
	int st = view_allowed(actor, _("listing views"), e);

	return st != MADO_OK ? st : saved_view_each(db, actor->staff_id, list_row, &l, e);
}

struct open_ctx {
	const char **kind;
	struct ticket_query *q;
	bool found;
};

static void
open_row(const struct saved_view_row *r, void *p)
{
	struct open_ctx *o = p;

	o->found = true;
	*o->kind = view_kind(r->kind);
	ticket_query_clear(o->q);
	row_query(r, o->q);
}

int
saved_view_open(struct db *db, const struct actor *actor, const char *name, const char **kind,
	struct ticket_query *q, struct mado_err *e)
{
	struct open_ctx o = { kind, q, false };
	int st = view_allowed(actor, _("opening a view"), e);

	if (st == MADO_OK)
		st = saved_view_get(db, actor->staff_id, name, open_row, &o, e);
	if (st == MADO_OK && !o.found)
		st = mado_err_set(e, MADO_ENOTFOUND, _("no view called '%s'"), name);
	return st;
}

struct delete_ctx {
	const struct actor *actor;
	const char *name;
};

static int
delete_txn(struct db *db, void *p, struct mado_err *e)
{
	struct delete_ctx *d = p;
	struct stored old = { 0 };
	int st = saved_view_get(db, d->actor->staff_id, d->name, stored_row, &old, e);

	if (st == MADO_OK && !old.found)
		st = mado_err_set(e, MADO_ENOTFOUND, _("no view called '%s'"), d->name);
	if (st == MADO_OK)
		st = saved_view_remove(db, old.id, e);
	if (st == MADO_OK)
		st = view_audit(db, d->actor, "delete", old.id, "name", d->name, NULL, e);
	if (st == MADO_OK)
		st = view_audit(db, d->actor, "delete", old.id, "kind", old.kind, NULL, e);
	if (st == MADO_OK)
		st = view_audit(db, d->actor, "delete", old.id, "filter", old.json, NULL, e);
	stored_clear(&old);
	return st;
}

int
saved_view_delete(struct db *db, const struct actor *actor, const char *name,
	struct mado_err *e)
{
	struct delete_ctx d = { actor, name };
	int st = view_allowed(actor, _("deleting a view"), e);

	return st != MADO_OK ? st : db_txn(db, delete_txn, &d, e);
}
