/* Mail taken in and sent (mail_message), monitored failures folding into
 * incidents (alert_state, alert_occurrence) and the auto-reply log:
 * statements only. core/mail_intake.c decides what a message becomes. */
#ifndef MADO_MAIL_STORE_H
#define MADO_MAIL_STORE_H

#include <stdbool.h>
#include <stdint.h>

#include "db/db.h"

struct mail_insert {
	const char *direction;      /* in, out */
	const char *queue;          /* queue code, NULL for none */
	const char *message_id;     /* without <>, or "sha256:HEX" */
	int64_t ticket_id, comment_id; /* 0: none */
	const char *sender, *subject;
	const char *disposition;    /* new, reply, alert, recovery, bounce, duplicate, ignored */
	const char *raw_sha256;     /* the blob of the raw message, NULL for none */
	int64_t at;
};
int mail_insert(struct db *db, const struct mail_insert *m, int64_t *id, struct mado_err *e);

/* The incoming message_id taken in for queue: *id and the ticket it went
 * to (*ticket_id 0 for none). MADO_ENOTFOUND (no message) when not. */
int mail_find_in(struct db *db, const char *queue, const char *message_id, int64_t *id,
	int64_t *ticket_id, struct mado_err *e);

/* A message with message_id in direction ("in", "out", or NULL for
 * either): the ticket it belongs to, preferring a row that has one, then
 * the newest (*ticket_id 0 when it has none). MADO_ENOTFOUND (no message)
 * when there is no such message. */
int mail_lookup(struct db *db, const char *direction, const char *message_id,
	int64_t *ticket_id, struct mado_err *e);

/* Whether addr (lower case) is the address of one of our queues. */
int mail_is_queue_address(struct db *db, const char *addr, bool *out, struct mado_err *e);

/* The active staff member and vendor contact with this mail address
 * (case-insensitive); 0 for none. */
int mail_sender_match(struct db *db, const char *addr, int64_t *staff_id, int64_t *contact_id,
	struct mado_err *e);

/* Acknowledgements sent to sender since `since` (older entries of the
 * sender are dropped on the way), and one more sent at `at`. */
int autoreply_count(struct db *db, const char *sender, int64_t since, int64_t *n,
	struct mado_err *e);
int autoreply_add(struct db *db, const char *sender, int64_t at, struct mado_err *e);

/* The incident open for a monitored failure (rule, host, check):
 * MADO_ENOTFOUND (no message) when none is open. */
int alert_open_find(struct db *db, const char *rule, const char *host, const char *check,
	int64_t *ticket_id, struct mado_err *e);
/* Opens the failure on incident ticket_id, first seen at `at`. */
int alert_open_insert(struct db *db, int64_t ticket_id, const char *rule, const char *host,
	const char *check, int64_t at, struct mado_err *e);
/* Seen again at `at` (last_at only moves forward). */
int alert_seen(struct db *db, int64_t ticket_id, int64_t at, struct mado_err *e);
/* No longer open: recovered at `at`, or 0 when it ended otherwise (the
 * incident was resolved by hand). */
int alert_close(struct db *db, int64_t ticket_id, int64_t at, struct mado_err *e);
/* One problem or recovery report on the incident. */
int alert_occurrence_add(struct db *db, int64_t ticket_id, const char *kind, int64_t at,
	bool after_hours, int64_t mail_id, struct mado_err *e);

#endif
