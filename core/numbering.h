/* Numbering rules: a pattern per record kind such as "INQ-{FY}-{SEQ:6}".
 *   {FY}    Japanese fiscal year of the creation time (April–March), 4 digits
 *   {YYYY} {YY} {MM} {DD}  civil date in JST
 *   {SEQ:n} the sequence, zero-padded to n digits (n 1–12; {SEQ} = no padding)
 * The sequence counts per scope: the number with its {SEQ} part left out,
 * so "INQ-{FY}-{SEQ:6}" restarts at 1 every fiscal year. Numbers are drawn
 * inside the creating transaction, so they never repeat. */
#ifndef MADO_NUMBERING_H
#define MADO_NUMBERING_H

#include <stddef.h>
#include <stdint.h>

#include "base/err.h"
#include "db/db.h"

/* MADO_OK when pattern is well formed (exactly one {SEQ}, known tokens,
 * only printable characters); else MADO_EDATA naming the problem. */
int numbering_check(const char *pattern, struct mado_err *e);

/* Renders pattern for moment t and sequence seq into out, and the scope
 * (the number with the sequence replaced by "#") into scope. */
int numbering_render(const char *pattern, int64_t t, int64_t seq, char *out, size_t outsz,
	char *scope, size_t scopesz, struct mado_err *e);

/* Draws the next number for kind ("inquiry", "calllog", ...) at time t.
 * Must run inside db_txn(). */
int numbering_next(struct db *db, const char *kind, int64_t t, char *out, size_t outsz,
	struct mado_err *e);

#endif
