/* Private to mail intake (core/mail_intake.c, core/mail_alert.c): one
 * message on its way in. */
#ifndef MADO_MAIL_INTAKE_IMPL_H
#define MADO_MAIL_INTAKE_IMPL_H

#include <stdbool.h>
#include <stdint.h>

#include "core/alert_rule.h"
#include "core/calendar.h"
#include "core/identity.h"
#include "core/mail.h"
#include "core/mail_intake.h"

struct intake {
	/* the message, prepared before the transaction */
	const struct mail_intake_opts *opts;
	const char *queue;
	const char *raw;
	size_t len;
	const struct mail_msg *m;
	char *message_id;      /* the Message-ID, or "sha256:HEX" of raw */
	char *raw_sha256;
	char *sender;          /* "Name <addr>" as shown on comments */
	char *subject;         /* one line, never empty */
	char *text;            /* the body, with notes on what was left out */
	bool *part_fits;       /* m->nparts: within attachment.max_bytes */
	struct actor sys;
	struct calendar cal;
	int64_t now;
	/* what one run of the transaction decided (reset when it is retried) */
	struct mail_intake_result *out;
	int64_t comment_id;
	bool attach;           /* keep the raw message and the parts with the ticket */
	const char *occurrence; /* alert_occurrence kind to record, or NULL */
	int64_t occurred_at;
	bool after_hours;
};

/* An alert the rules matched: folds into, opens or recovers an incident. */
int intake_alert(struct db *db, struct intake *in, const struct alert_match *am,
	struct mado_err *e);

/* Mail about ticket id as an incoming comment (with the sender). */
int intake_comment(struct db *db, struct intake *in, int64_t id, const char *body,
	struct mado_err *e);

/* Whether a code of a master kind ("system", "category", "queue") exists. */
bool intake_code_known(struct db *db, const char *kind, const char *code);

#endif
