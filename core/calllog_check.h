/* The writing rules (core/writing_rules.h) applied to call logs: the
 * refusal of a save that breaks an error-severity rule, and the review of
 * stored records for supervisors (mado calllog check). */
#ifndef MADO_CALLLOG_CHECK_H
#define MADO_CALLLOG_CHECK_H

#include <stdint.h>

#include "base/err.h"
#include "core/identity.h"
#include "core/writing_rules.h"
#include "db/db.h"

/* MADO_EDATA naming the field, the rule and where ("inquiry_text: [rule]
 * message (character 12: …)") when text breaks an error-severity rule of
 * field; MADO_OK otherwise or when rules is NULL. */
int calllog_check_text(const struct writing_rules *rules, const char *field,
	const char *text, struct mado_err *e);

/* One check a stored call log breaks; valid during the callback only. */
struct calllog_finding {
	const char *receipt_no;
	int64_t started_at;
	const char *field;                 /* "inquiry_text" or "response_text" */
	const struct wr_finding *finding;  /* message in the language messages are shown in */
};
typedef int (*calllog_finding_fn)(const struct calllog_finding *f, void *ctx,
	struct mado_err *e);

/* Calls fn for every check broken by the finished call logs (後処理終了
 * recorded: a record still being written is not judged) started in
 * [from, to), oldest first, a page at a time; *checked (may be NULL)
 * receives the number of records checked. Operator role. A non-zero
 * status from fn stops and is returned. */
int calllog_check_range(struct db *db, const struct actor *actor,
	const struct writing_rules *rules, int64_t from, int64_t to, calllog_finding_fn fn,
	void *ctx, int64_t *checked, struct mado_err *e);

#endif
