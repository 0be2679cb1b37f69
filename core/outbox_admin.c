#include "outbox_admin.h"

#include <stdio.h>
#include <string.h>

#include "base/env.h"
#include "base/i18n.h"
#include "db/audit_store.h"

int
outbox_admin_list(struct db *db, const struct actor *actor, const char *state, int limit,
	outbox_row_fn fn, void *ctx, struct mado_err *e)
{
	int st = role_require(actor, ROLE_SUPERVISOR, _("listing notifications"), e);

	if (st != MADO_OK)
		return st;
	if (state != NULL && strcmp(state, "pending") != 0 && strcmp(state, "sent") != 0 &&
	    strcmp(state, "failed") != 0)
		return mado_err_set(e, MADO_EUSAGE,
			_("state: must be pending, sent or failed, not '%s'"), state);
	if (limit < 1 || limit > OUTBOX_LIST_MAX)
		return mado_err_set(e, MADO_EUSAGE, _("limit: must be 1 to %d"), OUTBOX_LIST_MAX);
	return outbox_list(db, state, 0, limit, fn, ctx, e);
}

struct retry_ctx {
	const struct actor *actor;
	int64_t id;
	char state[16];
};

static int
keep_state(const struct outbox_row *r, void *ctx)
{
	struct retry_ctx *c = ctx;

	snprintf(c->state, sizeof c->state, "%s", r->state);
	return MADO_OK;
}

static int
retry_txn(struct db *db, void *p, struct mado_err *e)
{
	struct retry_ctx *c = p;
	struct audit_entry a = { .action = "retry", .entity = "outbox", .entity_id = c->id,
		.field = "state", .new_value = "pending" };
	int st = outbox_get(db, c->id, keep_state, c, e);

	if (st == MADO_ENOTFOUND)
		return mado_err_set(e, MADO_ENOTFOUND, _("no notification #%lld"), (long long)c->id);
	if (st == MADO_OK && strcmp(c->state, "sent") == 0)
		return mado_err_set(e, MADO_EDATA, _("notification #%lld was sent"),
			(long long)c->id);
	a.old_value = c->state;
	if (st == MADO_OK)
		st = outbox_retry(db, c->id, mado_now(), e);
	return st != MADO_OK ? st : actor_audit(db, c->actor, &a, e);
}

int
outbox_admin_retry(struct db *db, const struct actor *actor, int64_t id, struct mado_err *e)
{
	struct retry_ctx c = { actor, id, "" };
	int st = role_require(actor, ROLE_SUPERVISOR, _("sending a notification again"), e);

	return st != MADO_OK ? st : db_txn(db, retry_txn, &c, e);
}
