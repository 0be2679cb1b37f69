#include "handover.h"

#include <stdlib.h>
#include <string.h>

#include "base/env.h"
#include "base/i18n.h"
#include "core/ticket.h"
#include "db/audit_store.h"
#include "db/handover_store.h"

enum { NOTE_MAX = 20000, ITEM_NOTE_MAX = 1000 };

static int
check_key(const struct handover_key *k, struct mado_err *e)
{
	const struct shift *s = shift_find(k->sh, k->shift);
	int64_t from, to;

	if (s == NULL)
		return mado_err_set(e, MADO_EUSAGE, _("--shift: no shift '%s' is configured"),
			k->shift);
	return shift_period(s, "--date", k->day, &from, &to, e);
}

static int
may_change(const struct actor *actor, const struct handover_key *k, struct mado_err *e)
{
	int st = role_require(actor, ROLE_SUPERVISOR, _("writing the shift handover"), e);

	return st != MADO_OK ? st : check_key(k, e);
}

struct change {
	const struct actor *actor;
	const struct handover_key *k;
	int64_t ticket_id;
	const char *ticket;     /* as the user gave it, for messages */
	const char *note;
	int op;                 /* 0 note, 1 pick, 2 unpick */
};

static int
audit(struct db *db, const struct change *c, int64_t id, const char *field, const char *old,
	const char *new, struct mado_err *e)
{
	struct audit_entry a = { .action = "update", .entity = "handover", .entity_id = id,
		.field = field, .old_value = old, .new_value = new };

	return actor_audit(db, c->actor, &a, e);
}

static int
change_txn(struct db *db, void *p, struct mado_err *e)
{
	struct change *c = p;
	char *note = NULL, *old = NULL, field[48];
	int64_t id;
	int st = handover_store_open(db, c->k->day, c->k->shift, c->actor->staff_id, mado_now(),
		&id, &note, e);

	if (st != MADO_OK)
		return st;
	g_snprintf(field, sizeof field, "item:%lld", (long long)c->ticket_id);
	if (c->op == 0) {
		st = handover_store_set_note(db, id, c->note, c->actor->staff_id, mado_now(), e);
		if (st == MADO_OK)
			st = audit(db, c, id, "note", note, c->note, e);
	} else if (c->op == 1) {
		st = handover_store_pick(db, id, c->ticket_id, c->note ? c->note : "", &old, e);
		if (st == MADO_OK)
			st = audit(db, c, id, field, old, c->note ? c->note : "", e);
	} else {
		st = handover_store_unpick(db, id, c->ticket_id, e);
		if (st == MADO_ENOTFOUND)
			st = mado_err_set(e, MADO_ENOTFOUND,
				_("%s is not in the handover of %s %s"), c->ticket, c->k->day,
				c->k->shift);
		if (st == MADO_OK)
			st = audit(db, c, id, field, "", NULL, e);
	}
	free(note);
	free(old);
	return st;
}

/* Text from the user: valid UTF-8, at most max bytes. */
static int
check_text(const char *what, const char *s, size_t max, struct mado_err *e)
{
	if (s != NULL && !g_utf8_validate(s, -1, NULL))
		return mado_err_set(e, MADO_EDATA, _("%s: not valid UTF-8"), what);
	if (s != NULL && strlen(s) > max)
		return mado_err_set(e, MADO_EDATA, _("%s: longer than %zu bytes"), what, max);
	return MADO_OK;
}

int
handover_set_note(struct db *db, const struct actor *actor, const struct handover_key *k,
	const char *note, struct mado_err *e)
{
	struct change c = { actor, k, 0, NULL, note, 0 };
	int st = may_change(actor, k, e);

	if (st == MADO_OK)
		st = check_text(_("handover note"), note, NOTE_MAX, e);
	return st != MADO_OK ? st : db_txn(db, change_txn, &c, e);
}

static int
item_change(struct db *db, const struct actor *actor, const struct handover_key *k,
	const char *ticket, const char *note, int op, struct mado_err *e)
{
	struct change c = { actor, k, 0, ticket, note, op };
	int st = may_change(actor, k, e);

	if (st == MADO_OK)
		st = check_text(_("item note"), note, ITEM_NOTE_MAX, e);
	if (st == MADO_OK)
		st = ticket_resolve(db, ticket, &c.ticket_id, e);
	return st != MADO_OK ? st : db_txn(db, change_txn, &c, e);
}

int
handover_pick(struct db *db, const struct actor *actor, const struct handover_key *k,
	const char *ticket, const char *note, struct mado_err *e)
{
	return item_change(db, actor, k, ticket, note, 1, e);
}

int
handover_unpick(struct db *db, const struct actor *actor, const struct handover_key *k,
	const char *ticket, struct mado_err *e)
{
	return item_change(db, actor, k, ticket, NULL, 2, e);
}

int
handover_read(struct db *db, const struct actor *actor, const struct handover_key *k,
	char **note, char **by, int64_t *at, shift_ticket_fn fn, void *ctx, struct mado_err *e)
{
	int st = role_require(actor, ROLE_OPERATOR, _("reading the shift handover"), e);

	*note = *by = NULL;
	*at = 0;
	if (st == MADO_OK)
		st = check_key(k, e);
	if (st == MADO_OK)
		st = handover_store_note(db, k->day, k->shift, note, by, at, e);
	if (st == MADO_OK)
		st = handover_store_items(db, k->day, k->shift, fn, ctx, e);
	return st;
}
