/* Synonym groups: terms that stand for each other in searches (パスワード,
 * PW, パスワ). Statements only; core/synonym.c normalises, checks and
 * audits. Each row is one term of one group; norm (the term as queries
 * are compared with it) is unique, so a spelling is in one group at most. */
#ifndef MADO_SYNONYM_STORE_H
#define MADO_SYNONYM_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "db/db.h"

struct synonym_row {
	int64_t id, group_id;
	const char *term, *norm;   /* valid during the callback */
};
typedef void (*synonym_row_fn)(const struct synonym_row *r, void *ctx);

/* Every term, by group then as added. */
int synonym_each(struct db *db, synonym_row_fn fn, void *ctx, struct mado_err *e);

/* The other terms of the group of the term whose norm is given (none
 * when it is in no group), as added. */
int synonym_each_alt(struct db *db, const char *norm, synonym_row_fn fn, void *ctx,
	struct mado_err *e);

/* The group, row and term (copied into term, termsz bytes, when term is
 * not NULL) of norm; MADO_ENOTFOUND (no message) when absent. */
int synonym_find(struct db *db, const char *norm, int64_t *group_id, int64_t *id,
	char *term, size_t termsz, struct mado_err *e);

/* The terms of one group, as added. */
int synonym_each_in_group(struct db *db, int64_t group_id, synonym_row_fn fn, void *ctx,
	struct mado_err *e);

/* One more than the highest group in use (1 for none). */
int synonym_next_group(struct db *db, int64_t *out, struct mado_err *e);

/* The number of terms in a group. */
int synonym_group_size(struct db *db, int64_t group_id, int64_t *out, struct mado_err *e);

/* Adds a term; a norm in use fails with MADO_EDATA. */
int synonym_insert(struct db *db, int64_t group_id, const char *term, const char *norm,
	int64_t *id, struct mado_err *e);

int synonym_delete_id(struct db *db, int64_t id, struct mado_err *e);
int synonym_delete_all(struct db *db, struct mado_err *e);

#endif
