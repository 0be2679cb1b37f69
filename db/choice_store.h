/* The small code lists of table `choice` (contact type 受付区分, outcome
 * 対応区分, request kind), read for pickers and checks. */
#ifndef MADO_CHOICE_STORE_H
#define MADO_CHOICE_STORE_H

#include "db/db.h"

/* Calls fn for every active entry of list in its sort order (then code);
 * the strings are valid during the call. A non-zero return from fn stops
 * the walk and is returned. An unknown list simply has no entries. */
typedef int (*choice_row_fn)(const char *code, const char *name, const char *name_en,
	void *ctx);
int choice_store_list(struct db *db, const char *list, choice_row_fn fn, void *ctx,
	struct mado_err *e);

#endif
