/* What monitoring alerts change on their incident (core/mail_intake.c):
 * one more occurrence of the failure, and the time it recovered. */
#include "ticket.h"
#include "ticket_impl.h"

#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "db/ticket_store.h"

struct alert_ctx {
	const struct actor *actor;
	int64_t id;
	bool recovery;          /* note recovered_at, else count an occurrence */
	int64_t recovered_at;
};

static int
alert_txn(struct db *db, void *p, struct mado_err *e)
{
	struct alert_ctx *a = p;
	char *old = NULL, value[24];
	int st = MADO_OK;

	if (!a->recovery) {
		st = ticket_value_get(db, a->id, "occurrences", &old, e);
		snprintf(value, sizeof value, "%lld", (old ? atoll(old) : 0) + 1);
		free(old);
	} else
		snprintf(value, sizeof value, "%lld", (long long)a->recovered_at);
	if (st == MADO_OK)
		st = ticket_change_value(db, a->actor, "alert", a->id,
			!a->recovery ? "occurrences" : "recovered_at", value, e);
	return st;
}

static int
alert_change(struct db *db, const struct actor *actor, int64_t id, bool recovery,
	int64_t recovered_at, struct mado_err *e)
{
	struct alert_ctx a = { actor, id, recovery, recovered_at };
	struct ticket_row row;
	int st = role_require(actor, ROLE_OPERATOR, _("recording a monitoring alert"), e);

	if (st == MADO_OK && (st = ticket_get(db, id, &row, e)) == MADO_OK) {
		if (strcmp(row.kind, "incident") != 0)
			st = mado_err_set(e, MADO_EDATA, _("%s is not an incident"), row.number);
		ticket_row_clear(&row);
	}
	return st != MADO_OK ? st : db_txn(db, alert_txn, &a, e);
}

int
ticket_alert_repeat(struct db *db, const struct actor *actor, int64_t id, struct mado_err *e)
{
	return alert_change(db, actor, id, false, 0, e);
}

int
ticket_alert_recovered(struct db *db, const struct actor *actor, int64_t id, int64_t at,
	struct mado_err *e)
{
	return alert_change(db, actor, id, true, at, e);
}
