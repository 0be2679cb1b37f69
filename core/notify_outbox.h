/* From an outbox row to a mail ready for SMTP, and what sending it did to
 * the row. The language is the recipient's: a staff member's own (their
 * staff.lang), anyone else the row's. The subject always carries the
 * ticket's tag ("[INQ-2026-000123]") so replies thread back; Message-ID,
 * In-Reply-To and References thread it with the ticket's mail. */
#ifndef MADO_NOTIFY_OUTBOX_H
#define MADO_NOTIFY_OUTBOX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/err.h"
#include "db/db.h"
#include "db/outbox_store.h"

struct notify_settings {
	const char *sharedir;   /* templates/mail/LANG/EVENT.txt below it */
	const char *from;       /* [smtp] from */
	const char *domain;     /* Message-IDs; NULL: the from address's domain */
	int max_attempts;       /* then the row is marked failed */
	int timeout;            /* [smtp] timeout, seconds: how long a claim lasts */
};

/* A due row a sender claimed, copied out: its strings are owned
 * (notify_due_clear()). */
struct notify_due {
	struct outbox_row row;
	char *strings[7];
};
void notify_due_clear(struct notify_due *due, int n);

/* Two senders at once (a second madod, madod send --once beside the
 * service) must not send a row twice. In one short transaction this takes
 * the rows due at now that no other sender holds, at most max and one per
 * ticket, none of a ticket another sender holds a row of (a second row of
 * a ticket waits for the next batch, so that it threads after the first
 * one's Message-ID), and claims them for notify_lease(timeout, rows)
 * seconds from mado_now(); notify_record() lets them go. A sender that
 * dies holding rows leaves them to be taken again when the claim runs
 * out: delivery is at least once, a mail being sent twice only when the
 * sender died after the server accepted it and before it was recorded.
 * *n is how many were taken. */
int notify_claim(struct db *db, const struct notify_settings *s, int64_t now,
	struct notify_due *due, int max, int *n, struct mado_err *e);
/* Lets the claimed rows go unsent (the pass could not go on). */
int notify_release(struct db *db, const struct notify_due *due, int n, struct mado_err *e);
/* Seconds a claim of rows lasts: longer than one SMTP connection sending
 * them can take, every answer waiting the whole timeout (the greeting,
 * EHLO, STARTTLS, AUTH, QUIT; MAIL, RCPT, DATA and twice for the end of
 * the data per mail), at most a day. */
int64_t notify_lease(int timeout, int rows);

/* One composed notification. Strings newly allocated; notify_item_clear(). */
struct notify_item {
	int64_t outbox_id, ticket_id, comment_id;
	int attempts;              /* before this one */
	char *sender;              /* envelope: the from address */
	char *recipient;
	char *subject;             /* UTF-8, as in the mail */
	char *message_id;          /* without <> */
	char *raw;                 /* CRLF lines */
	size_t len;
};
void notify_item_clear(struct notify_item *it);

/* Renders and builds the mail of row r. MADO_EDATA or MADO_ENOTFOUND
 * (naming template file and line, or the bad address) when it cannot be
 * made; the row then counts a failed attempt like a refused send. */
int notify_compose(struct db *db, const struct notify_settings *s, const struct outbox_row *r,
	struct notify_item *out, struct mado_err *e);

/* What came of one notification: sent (the mail the server accepted),
 * or not, with why (the server's answer or our error) and whether the
 * server refused it for good (a 5xx answer). */
struct notify_outcome {
	int64_t outbox_id;
	int attempts;                    /* before this one */
	const struct notify_item *sent;  /* NULL: not sent */
	bool permanent;
	char why[512];
	bool gave_up;                    /* set by notify_record() */
};

/* Records n outcomes in one transaction, letting their claims go. A sent
 * row is marked sent with
 * its Message-ID, its raw message kept as a blob and a mail_message 'out'
 * row written; a failed one counts an attempt, keeps why and waits
 * notify_backoff() before the next, or is marked failed (gave_up) once
 * max_attempts are used up or at once when permanent. A row another pass
 * recorded sent meanwhile keeps its state; this copy is kept beside it. */
int notify_record(struct db *db, const struct notify_settings *s, struct notify_outcome *o,
	int n, int64_t now, struct mado_err *e);

/* Renders every template (ja and en; ack, reply, status, assign) below
 * sharedir with sample values, calling fn for each that is missing or
 * wrong ("FILE:LINE: ..."); returns how many were. */
int notify_templates_check(const char *sharedir,
	void (*fn)(const struct mado_err *e, void *ctx), void *ctx);

/* Seconds to wait after the n-th failed attempt: 1, 2, 4, … minutes,
 * at most an hour. */
int64_t notify_backoff(int n);

#endif
