/* The outbox for the people who look after it: the notifications and
 * their state, and sending a failed one again. Supervisors and above (the
 * ones the client's status line tells about failed notifications). */
#ifndef MADO_OUTBOX_ADMIN_H
#define MADO_OUTBOX_ADMIN_H

#include "core/identity.h"
#include "db/outbox_store.h"

#define OUTBOX_LIST_MAX 1000

/* Up to limit (1 to OUTBOX_LIST_MAX) rows of state ("pending", "sent",
 * "failed"; NULL: all), newest first. */
int outbox_admin_list(struct db *db, const struct actor *actor, const char *state, int limit,
	outbox_row_fn fn, void *ctx, struct mado_err *e);

/* Sends notification id again at the next pass, from its first attempt;
 * audited. MADO_EDATA when it was sent, MADO_ENOTFOUND when none. */
int outbox_admin_retry(struct db *db, const struct actor *actor, int64_t id,
	struct mado_err *e);

#endif
