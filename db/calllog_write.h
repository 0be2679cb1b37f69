/* Call logs (応対履歴), the writing side: statements only. Who may write
 * what, and what is valid, is decided in core/calllog_record.c. */
#ifndef MADO_CALLLOG_WRITE_H
#define MADO_CALLLOG_WRITE_H

#include <stdint.h>

#include "db/db.h"

/* A new call taken by operator_id at started_at; *id is its row id. */
int calllog_insert(struct db *db, const char *receipt_no, int64_t operator_id,
	int64_t started_at, int64_t *id, struct mado_err *e);

/* The row id of a 受付ID; MADO_ENOTFOUND (no message) when none. */
int calllog_id_by_receipt(struct db *db, const char *receipt_no, int64_t *id,
	struct mado_err *e);

/* The masters a call log refers to, each looked up by code with its own
 * fixed statement. */
enum calllog_master {
	CALLLOG_CONTACT_TYPE,  /* choice list contact_type */
	CALLLOG_OUTCOME,       /* choice list outcome */
	CALLLOG_DEPARTMENT,
	CALLLOG_CATEGORY,
	CALLLOG_PHONEBOOK,
	CALLLOG_FAQ,           /* kb_article by faq_no (code is the number) */
};
/* The id of code in master m; MADO_ENOTFOUND (no message) when none. */
int calllog_master_id(struct db *db, enum calllog_master m, const char *code, int64_t *id,
	struct mado_err *e);

/* Every writable column of one call log; ids 0 store NULL, times 0
 * store NULL. */
struct calllog_values {
	int64_t ended_at, wrapup_at;
	int64_t contact_type_id, department_id, outcome_id, category_id, transfer_to_id;
	int64_t faq_id[3];
	const char *inquiry_text, *response_text;
};
int calllog_write(struct db *db, int64_t id, const struct calllog_values *v,
	struct mado_err *e);
/* The stored ids and times of call log id (texts left NULL: read them
 * with calllog_by_id()); MADO_ENOTFOUND (no message) when none. */
int calllog_values_get(struct db *db, int64_t id, struct calllog_values *v,
	struct mado_err *e);

#endif
