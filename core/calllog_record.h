/* Recording call logs (応対履歴) as the call happens: start (受付開始日時,
 * 受付者, 受付ID), end (受付終了日時), save after the after-call work
 * (the chosen fields and 後処理終了), and turning a call into a ticket.
 * Each runs as one transaction with its audit rows (entity "calllog"). */
#ifndef MADO_CALLLOG_RECORD_H
#define MADO_CALLLOG_RECORD_H

#include <stdint.h>

#include "base/err.h"
#include "core/identity.h"
#include "core/ticket.h"
#include "core/writing_rules.h"
#include "db/db.h"

#define CALLLOG_RECEIPT_MAX 64
#define CALLLOG_FAQ_MAX 3

/* A 受付ID ("C20261122-00042") or "#ID" to its row id; MADO_ENOTFOUND
 * with a message when there is none. */
int calllog_resolve(struct db *db, const char *ref, int64_t *id, struct mado_err *e);

/* Starts a call now, taken by actor (operator role): *id and the 受付ID
 * drawn from the 'calllog' numbering rule (receipt may be NULL). */
int calllog_start(struct db *db, const struct actor *actor, int64_t *id,
	char receipt[CALLLOG_RECEIPT_MAX], struct mado_err *e);

/* Ends call id now (受付終了日時). Only the operator who took the call, or
 * a supervisor; a call already ended is MADO_EDATA. */
int calllog_end(struct db *db, const struct actor *actor, int64_t id, struct mado_err *e);

/* What a save changes. A NULL code or text leaves the field as it is; ""
 * clears it. faq NULL leaves the FAQs; otherwise the nfaq FAQ numbers
 * (at most CALLLOG_FAQ_MAX, each an existing article) replace them. */
struct calllog_fields {
	const char *contact_type;   /* 受付区分: choice code */
	const char *department;     /* 問い合わせ受付区分: department code */
	const char *outcome;        /* 対応区分: choice code */
	const char *category;       /* カテゴリー: category code */
	const char *transfer_to;    /* 転送先: phone book code */
	const char *inquiry_text;   /* 受付内容 */
	const char *response_text;  /* 対応内容 */
	const int64_t *faq;         /* 利用FAQ: FAQ numbers */
	int nfaq;
	const struct writing_rules *rules;  /* a text breaking an error-severity rule is
	                                     * refused (core/calllog_check.h); NULL: none */
};

/* Saves the fields and records 後処理終了 now (a call not yet ended ends
 * now too). Every check is made on the record as it would be: the
 * outcome 'transferred' needs a 転送先 and any other outcome refuses one;
 * codes must exist; texts must be UTF-8 without control characters other
 * than newline and, as they would be saved, follow f->rules' error-severity
 * rules. Only the operator who took the call, or a supervisor. */
int calllog_save(struct db *db, const struct actor *actor, int64_t id,
	const struct calllog_fields *f, struct mado_err *e);

/* Creates an inquiry or incident ("inquiry"|"incident") from call id: the
 * subject is the first line of 受付内容, the body both texts; the ticket
 * and the call are linked both ways. Operator role. */
int calllog_to_ticket(struct db *db, const struct actor *actor, int64_t id, const char *kind,
	int64_t *ticket_id, char number[TICKET_NUMBER_MAX], struct mado_err *e);

#endif
