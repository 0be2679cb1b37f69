/* Sending the outbox by SMTP (libesmtp): one pass over the notifications
 * that are due, up to batch of them per connection, with STARTTLS and AUTH
 * as [smtp] says. What came of a connection's mails is recorded in one
 * transaction (the server has taken them all before any is recorded, so
 * one commit per mail would protect nothing): a mail the server accepted
 * is marked sent with its Message-ID and a mail_message row; a failure
 * counts an attempt and waits 1, 2, 4, …
 * minutes (at most an hour) before the next, until [smtp] max_attempts
 * mark it failed — which the client's status line shows. One sender at a
 * time: run this from one madod only. */
#ifndef MADO_NOTIFY_H
#define MADO_NOTIFY_H

#include <signal.h>

#include "base/err.h"
#include "core/config_smtp.h"
#include "db/db.h"

struct notify_cfg {
	const struct smtp_config *smtp;   /* [smtp] of the configuration */
	const char *sharedir;             /* templates; NULL: mado_sharedir() */
	int batch;                        /* mails per SMTP connection; 0: 100 */
	const volatile sig_atomic_t *stop; /* non-zero: end the pass after the
	                                    * connection under way; NULL: never */
};

struct notify_counts {
	int sent;      /* accepted by the server */
	int retry;     /* failed, tried again later */
	int failed;    /* failed for good (max_attempts, or refused permanently) */
	char last_error[512];   /* the last failure, "" when none */
};

/* Sends every row due now. Returns MADO_ECONFIG when [smtp] from is not
 * set, a database failure as it is; a server that is down or refuses is
 * no error of the pass (it is counted). */
int notify_run(struct db *db, const struct notify_cfg *cfg, struct notify_counts *out,
	struct mado_err *e);
/* What madod check-config says about sending: the server and sender on
 * stdout, each problem (a password file others can read, a template that
 * is missing or wrong) as "madod: ..." on stderr; returns how many
 * problems. No [smtp] from is no problem: nothing is sent then. */
int notify_check(const struct smtp_config *smtp, const char *sharedir);

/* The same, for the service loop: *sent is how many were accepted. */
int notify_run_once(struct db *db, const struct notify_cfg *cfg, int *sent,
	struct mado_err *e);

#endif
