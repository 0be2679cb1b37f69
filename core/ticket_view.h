/* What a ticket list shows beyond its kind: the filters and the order a
 * user sets, and the named views in which users keep them. */
#ifndef MADO_TICKET_VIEW_H
#define MADO_TICKET_VIEW_H

#include <stdbool.h>
#include <stdint.h>

#include "core/identity.h"
#include "db/ticket_store.h"

/* A list's filters and order. The strings are owned by the query (g_free;
 * ticket_query_clear frees them all); NULL means any. */
struct ticket_query {
	char *status, *queue, *owner, *category, *text;
	int64_t created_from, created_to;  /* Unix seconds, both inclusive; 0: no bound */
	enum ticket_sort sort;
};

void ticket_query_clear(struct ticket_query *q);
/* dst becomes a copy of src; dst's old strings are freed. */
void ticket_query_copy(struct ticket_query *dst, const struct ticket_query *src);
/* Replaces one of q's strings with a copy of value (NULL or "" clears it). */
void ticket_query_set(char **member, const char *value);
/* True when q narrows the list or orders it other than by update. */
bool ticket_query_active(const struct ticket_query *q);
/* Sets f's filters and order from q; f points at q's strings afterwards. */
void ticket_query_apply(const struct ticket_query *q, struct ticket_filter *f);

/* A day as typed ("2026-04-01", also "2026/4/1" and full-width digits;
 * "2026-04-01 13:00" for a time), in JST, to Unix seconds: its first
 * second, or with end its last. MADO_EDATA naming field otherwise. */
int ticket_query_day(const char *field, const char *text, bool end, int64_t *out,
	struct mado_err *e);

/* "updated", "created", "due" (as saved); NULL for no such order. */
const char *ticket_sort_name(enum ticket_sort s);

/* Saved views: a name per user (at most SAVED_VIEW_NAME_MAX characters,
 * one line), the list it belongs to (kind: inquiry, incident, request or
 * mywork) and the query. Saving, listing and deleting are for every
 * registered user (role staff), each on their own views only; saving and
 * deleting are audited. The built-in administrator has no staff record,
 * so no views. */
#define SAVED_VIEW_NAME_MAX 64

/* Saves q as name; a view of that name is replaced. */
int saved_view_save(struct db *db, const struct actor *actor, const char *name,
	const char *kind, const struct ticket_query *q, struct mado_err *e);
/* Calls fn for each of the actor's views, by name; kind and q are valid
 * during the call only. */
typedef void (*saved_view_fn)(const char *name, const char *kind,
	const struct ticket_query *q, void *ctx);
int saved_view_list(struct db *db, const struct actor *actor, saved_view_fn fn, void *ctx,
	struct mado_err *e);
/* The view called name: its kind (a static string) and a copy of its
 * query in q (free with ticket_query_clear). MADO_ENOTFOUND if none. */
int saved_view_open(struct db *db, const struct actor *actor, const char *name,
	const char **kind, struct ticket_query *q, struct mado_err *e);
int saved_view_delete(struct db *db, const struct actor *actor, const char *name,
	struct mado_err *e);

#endif
