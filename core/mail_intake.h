/* Taking one incoming message into the database, exactly once, in one
 * transaction: it joins its ticket (the ticket tag in the subject, else
 * In-Reply-To/References against the Message-IDs in mail_message), folds
 * into an open incident when an alert rule matches, is attached to the
 * ticket it concerns when it is a bounce, and otherwise creates a ticket
 * in the queue of the address it came to. The raw message is stored as a
 * blob and linked from mail_message. A message already taken in for that
 * queue (same Message-ID, or the content hash when it has none), or one
 * we sent ourselves, changes nothing and reports MAIL_DUPLICATE, so a
 * source may acknowledge it. */
#ifndef MADO_MAIL_INTAKE_H
#define MADO_MAIL_INTAKE_H

#include <stddef.h>
#include <stdint.h>

#include "base/err.h"
#include "db/db.h"

struct alert_rules;   /* core/alert_rule.h */
struct calendar;      /* core/calendar.h */

enum mail_disposition {
	MAIL_NEW,        /* a new ticket */
	MAIL_REPLY,      /* joined an existing ticket as incoming mail */
	MAIL_ALERT,      /* an alert: a new incident, or folded into an open one */
	MAIL_RECOVERY,   /* a recovery alert noted on its incident */
	MAIL_BOUNCE,     /* a delivery failure attached to the ticket it concerns */
	MAIL_DUPLICATE,  /* taken in before (this queue, or another of our addresses),
	                  * or sent by us */
	MAIL_IGNORED,    /* stored, but belongs to nothing (e.g. a bounce of nothing) */
};

struct mail_intake_opts {
	const struct alert_rules *alerts;  /* may be NULL: no alert folding */
	int autoreply_per_hour;            /* acknowledgements per sender per hour */
	const struct calendar *calendar;   /* office hours for after-hours alerts;
	                                    * NULL: calendar_default() */
};

struct mail_intake_result {
	enum mail_disposition disposition;
	int64_t ticket_id;                 /* 0 when none */
	char number[64];                   /* the ticket's number, "" when none */
	int64_t mail_id;                   /* the mail_message row */
};

/* queue: the queue code the address belongs to. Returns MADO_OK once the
 * message is durably committed (or was already); MADO_ETEMP when the
 * database stayed busy (try again later); MADO_EDATA only for a message
 * that cannot be stored at all; MADO_ENOTFOUND only when queue is none
 * of ours. */
int mail_intake(struct db *db, const struct mail_intake_opts *opts, const char *queue,
	const char *raw, size_t len, struct mail_intake_result *out, struct mado_err *e);

#endif
