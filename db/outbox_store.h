/* The outbox as madod sends it, and the mail_message rows of what was
 * sent: statements only. Rows are written by core (outbox_add in
 * db/ticket_store.h, in the transaction of the change they announce). */
#ifndef MADO_OUTBOX_STORE_H
#define MADO_OUTBOX_STORE_H

#include <stdint.h>

#include "db/db.h"

struct outbox_row {
	int64_t id, created_at, ticket_id, comment_id; /* 0: none */
	const char *event, *recipient, *lang, *state, *last_error;
	const char *message_id;   /* "" until sent */
	const char *ticket_number;  /* "" when the ticket is gone */
	int attempts;
	int64_t next_attempt_at, sent_at;   /* sent_at 0: not sent */
};
/* The row is valid during the call only. A non-zero return stops the
 * walk and is returned. */
typedef int (*outbox_row_fn)(const struct outbox_row *r, void *ctx);

/* Pending rows due at now (next_attempt_at <= now) that no sender holds
 * (claimed_until unset or before now), of tickets none of whose rows a
 * sender holds (so that they go out in order), in the order they fell due
 * (then by id), at most limit. */
int outbox_due(struct db *db, int64_t now, int limit, outbox_row_fn fn, void *ctx,
	struct mado_err *e);
/* Rows of one state ("pending", "sent", "failed"; NULL: all), newest
 * first, ids below before_id (0: from the newest), at most limit. */
int outbox_list(struct db *db, const char *state, int64_t before_id, int limit,
	outbox_row_fn fn, void *ctx, struct mado_err *e);
/* One row, through fn; MADO_ENOTFOUND when none. */
int outbox_get(struct db *db, int64_t id, outbox_row_fn fn, void *ctx, struct mado_err *e);

/* A sender takes row id until then (0: lets it go). Inside the
 * transaction that read it with outbox_due(). */
int outbox_claim(struct db *db, int64_t id, int64_t until, struct mado_err *e);
/* A pending row the server accepted: state sent, its Message-ID (without
 * <>), sent_at, the claim let go. MADO_ENOTFOUND when the row is not
 * pending. */
int outbox_set_sent(struct db *db, int64_t id, const char *message_id, int64_t at,
	struct mado_err *e);
/* A row not sent to be tried again now, from its first attempt
 * (attempts 0, state pending, last_error kept). MADO_ENOTFOUND when there
 * is no such row or it was sent. */
int outbox_retry(struct db *db, int64_t id, int64_t now, struct mado_err *e);
/* A failed attempt: attempts, the next try, the error and the state
 * ("pending" to try again, "failed" to give up), the claim let go. A row
 * another sender recorded sent meanwhile is left as it is. */
int outbox_set_attempt(struct db *db, int64_t id, int attempts, int64_t next_at,
	const char *state, const char *error, struct mado_err *e);

/* A mail we sent, for threading and the ticket's record. */
struct mail_out {
	int64_t ticket_id, comment_id, outbox_id;
	const char *message_id;   /* without <> */
	const char *sender, *subject;
	const char *raw_sha256;   /* the blob of the raw message, or NULL */
	int64_t at;
};
int mail_out_insert(struct db *db, const struct mail_out *m, struct mado_err *e);

/* The Message-IDs of a ticket's mail, in and out, oldest first (bounces
 * left out): fn(direction "in"/"out", message_id, ctx). */
typedef void (*mail_id_fn)(const char *direction, const char *message_id, void *ctx);
int mail_ids_of_ticket(struct db *db, int64_t ticket_id, mail_id_fn fn, void *ctx,
	struct mado_err *e);

#endif
