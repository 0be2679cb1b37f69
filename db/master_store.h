/* Rows of the master tables (department, staff, queue, phonebook, category,
 * faq_class, vendor, vendor_contact, system) as vectors of text values.
 *
 * A table is named by its master kind. Its values come in the column order
 * of that kind in core/master.c, key columns first; references to other
 * masters travel as the other row's code (vendor_contact: vendor code),
 * booleans as "1"/"0", and an empty reference is stored as NULL. The store
 * checks only that the caller's column count matches its own; what values
 * are valid is core's business. */
#ifndef MADO_MASTER_STORE_H
#define MADO_MASTER_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "db/db.h"

/* Frees a NULL-terminated vector returned by master_store_get(). */
void master_values_free(char **values);

/* Looks a row up by its key (the first nkey values of the vector: the
 * kind's key columns). Sets *id and, when values is not NULL, a newly
 * allocated NULL-terminated vector of all n columns (caller frees with
 * master_values_free()). MADO_ENOTFOUND when there is no such row. */
int master_store_get(struct db *db, const char *kind, const char *const *key, size_t nkey,
	size_t n, int64_t *id, char ***values, struct mado_err *e);

/* Inserts a row from all n values; *id receives its id. */
int master_store_insert(struct db *db, const char *kind, const char *const *values,
	size_t n, int64_t *id, struct mado_err *e);

/* Rewrites every column of row id from the n values. */
int master_store_update(struct db *db, const char *kind, int64_t id,
	const char *const *values, size_t n, struct mado_err *e);

int master_store_delete(struct db *db, const char *kind, int64_t id, struct mado_err *e);

/* Calls fn once per table that still points at row id, with the table's
 * name and how many of its rows do (only counts above zero). Rows of the
 * audit trail count for staff: who acted must stay resolvable. */
typedef void (*master_ref_fn)(const char *table, int64_t count, void *ctx);
int master_store_references(struct db *db, const char *kind, int64_t id,
	master_ref_fn fn, void *ctx, struct mado_err *e);

/* Calls fn for every row ordered by key; the values are valid during the
 * call. A non-zero return from fn stops the walk and is returned. */
typedef int (*master_row_fn)(const char *const *values, size_t n, void *ctx);
int master_store_list(struct db *db, const char *kind, size_t n, master_row_fn fn,
	void *ctx, struct mado_err *e);

#endif
