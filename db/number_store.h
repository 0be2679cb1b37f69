/* Numbering rules and their counters (see core/numbering.h). */
#ifndef MADO_NUMBER_STORE_H
#define MADO_NUMBER_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "db/db.h"

/* The pattern for kind into out; MADO_ENOTFOUND when none is set. */
int number_pattern(struct db *db, const char *kind, char *out, size_t outsz,
	struct mado_err *e);
int number_set_pattern(struct db *db, const char *kind, const char *pattern,
	struct mado_err *e);
/* Increments the counter for (kind, scope) and returns the new value in
 * *seq (1 for a new scope). Must run inside a write transaction. */
int number_bump(struct db *db, const char *kind, const char *scope, int64_t *seq,
	struct mado_err *e);
/* Raises the counter to at least last (used by bulk loaders). */
int number_raise(struct db *db, const char *kind, const char *scope, int64_t last,
	struct mado_err *e);

#endif
