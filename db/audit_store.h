/* The audit trail: one row per change (who, when, what, old, new), written
 * in the same transaction as the change. Each row's hash covers its fields
 * and the previous row's hash, so editing or removing a row breaks the
 * chain, and triggers refuse UPDATE and DELETE outright. */
#ifndef MADO_AUDIT_STORE_H
#define MADO_AUDIT_STORE_H

#include <stdint.h>

#include "db/db.h"

struct audit_entry {
	const char *action;     /* "create", "update", "status", "assign", "delete", "login", ... */
	const char *entity;     /* "ticket", "kb", "staff", "department", ... */
	int64_t entity_id;      /* 0 when not about one row */
	const char *field;      /* changed field or "" */
	const char *old_value;  /* NULL when none */
	const char *new_value;  /* NULL when none */
};

/* Appends one row; must run inside db_txn() so the chain cannot fork. */
int audit_append(struct db *db, int64_t actor_id, const char *actor,
	const struct audit_entry *a, struct mado_err *e);

/* Recomputes the whole chain. MADO_OK when intact; MADO_EDATA with the
 * first bad row id in *bad_id (and the message) when not. */
int audit_verify(struct db *db, int64_t *bad_id, struct mado_err *e);

/* Calls fn for each audit row of one entity, oldest first. */
struct audit_row {
	int64_t id, at, entity_id;
	const char *actor, *action, *entity, *field, *old_value, *new_value;
};
typedef void (*audit_row_fn)(const struct audit_row *row, void *ctx);
int audit_history(struct db *db, const char *entity, int64_t entity_id,
	audit_row_fn fn, void *ctx, struct mado_err *e);

#endif
