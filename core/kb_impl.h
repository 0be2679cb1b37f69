/* Private to the knowledge module (core/kb*.c): the text checks, master
 * look-ups, reading rule and storing step its operations share. Not for
 * use outside core/kb*.c. */
#ifndef MADO_KB_IMPL_H
#define MADO_KB_IMPL_H

#include <stdbool.h>
#include <stdint.h>

#include "core/kb.h"

/* The texts of an article as stored (tidied copies; free with
 * kb_text_clear()). */
struct kb_text {
	char *title, *question, *answer;
};

void kb_text_clear(struct kb_text *t);

/* A title as stored: valid UTF-8, one line, not blank once trimmed, at
 * most KB_TITLE_MAX characters. *out is newly allocated (g_free) on
 * success, NULL otherwise. */
int kb_tidy_title(const char *in, char **out, struct mado_err *e);
/* A question or answer as stored (NULL counts as ""): see kb_tidy_body,
 * then at most max characters and no control characters but newline and
 * tab. field names it in messages. *out as for kb_tidy_title. */
int kb_tidy_text(const char *field, const char *in, long max, char **out,
	struct mado_err *e);
/* The transformation alone, on valid UTF-8: no byte-order mark, LF line
 * ends, no blank lines before the text, no white space after it. Caller
 * frees with g_free(). */
char *kb_tidy_body(const char *s);

/* The draft's title, question and answer checked and tidied into t, and
 * its FAQ number (0 or 1 .. KB_FAQ_NO_MAX) checked. */
int kb_draft_check(const struct kb_draft *d, struct kb_text *t, struct mado_err *e);

/* A master code was given (not NULL, not ""). */
bool kb_given(const char *code);

/* A master code an article is to be filed under: it must exist and still
 * be in use (and, for a category, be meant for knowledge articles).
 * MADO_EDATA names the field and code. */
int kb_resolve_master(struct db *db, enum kb_master which, const char *code,
	struct kb_master_ref *ref, struct mado_err *e);

/* Internal articles are for operators; staff see public ones only. */
bool kb_may_see_internal(const struct actor *actor);

/* Article faq_no as this actor may read it (no view counted): MADO_EPERM
 * for an internal article and a staff member, MADO_ENOTFOUND ("no FAQ
 * with number N") when there is none. Free row with kb_row_clear(). */
int kb_article_get(struct db *db, const struct actor *actor, int64_t faq_no,
	struct kb_row *row, struct mado_err *e);

/* One audit row per field that differs between old and new (old NULL: a
 * new article, every field that has a value). Question and answer are
 * named by version ("version 3"): kb_version keeps their every text, so
 * the audit trail need not repeat them. */
int kb_audit_changes(struct db *db, const struct actor *actor, const char *action,
	const struct kb_row *old, const struct kb_row *new, struct mado_err *e);

/* Stores a new article from d's masters, number and flag and t's texts,
 * made from ticket source_ticket_id (0: none), with its version 1 and
 * audit rows, inside the caller's transaction. row receives it as stored
 * (free with kb_row_clear()). */
int kb_add_in_txn(struct db *db, const struct actor *actor, const struct kb_draft *d,
	const struct kb_text *t, int64_t source_ticket_id, struct kb_row *row,
	struct mado_err *e);

#endif
