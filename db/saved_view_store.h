/* Saved views: a user's named filters of a ticket list. The filter is one
 * JSON object that SQLite makes from the fields and reads back into them
 * (json_object, json_extract), so no JSON is written or parsed in C. Who
 * may save what is decided in core/ticket_view.c. */
#ifndef MADO_SAVED_VIEW_STORE_H
#define MADO_SAVED_VIEW_STORE_H

#include <stdint.h>

#include "db/db.h"

struct saved_view_row {
	int64_t id, staff_id, created_at;
	const char *name;
	const char *kind;                 /* inquiry, incident, request, mywork */
	const char *json;                 /* the filter as stored; ignored by put */
	const char *status, *queue, *owner, *category, *text, *sort; /* NULL: none */
	int64_t created_from, created_to; /* 0: none */
};
/* The row's strings are valid during the call only. */
typedef void (*saved_view_row_fn)(const struct saved_view_row *r, void *ctx);

/* Inserts the view, or gives the one of the same name and staff_id the
 * new kind and filter (keeping its id and created_at); *id is its id. */
int saved_view_put(struct db *db, const struct saved_view_row *r, int64_t *id,
	struct mado_err *e);
/* Calls fn for staff_id's view of that name, not at all when there is none. */
int saved_view_get(struct db *db, int64_t staff_id, const char *name, saved_view_row_fn fn,
	void *ctx, struct mado_err *e);
/* Calls fn for every view of staff_id, by name. */
int saved_view_each(struct db *db, int64_t staff_id, saved_view_row_fn fn, void *ctx,
	struct mado_err *e);
int saved_view_remove(struct db *db, int64_t id, struct mado_err *e);

#endif
