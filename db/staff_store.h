/* Staff rows: the people who use Madoguchi, with their role. */
#ifndef MADO_STAFF_STORE_H
#define MADO_STAFF_STORE_H

#include <stdint.h>

#include "db/db.h"

struct staff_row {
	int64_t id;
	char *login, *name, *name_kana, *email, *role, *lang;
	char *department;   /* department code, "" when none */
	int active;
	int64_t last_login; /* 0 when never */
};

/* Fills row (strings newly allocated; free with staff_row_clear()).
 * MADO_ENOTFOUND when no such login. */
int staff_by_login(struct db *db, const char *login, struct staff_row *row,
	struct mado_err *e);
int staff_by_id(struct db *db, int64_t id, struct staff_row *row, struct mado_err *e);
/* The active staff member with this mail address (case ignored; the
 * first by id when several share it); MADO_ENOTFOUND when none. */
int staff_by_email(struct db *db, const char *email, struct staff_row *row,
	struct mado_err *e);
void staff_row_clear(struct staff_row *row);

/* Inserts row (id ignored; department by code, which must exist).
 * MADO_EDATA when the login exists or the department is unknown. */
int staff_insert(struct db *db, const struct staff_row *row, int64_t *id,
	struct mado_err *e);
int staff_set_role(struct db *db, int64_t id, const char *role, struct mado_err *e);
int staff_touch_login(struct db *db, int64_t id, int64_t at, struct mado_err *e);

/* Calls fn for up to limit staff ordered by login, starting after
 * after_login ("" for the first page). The row is valid during the call. */
typedef int (*staff_row_fn)(const struct staff_row *row, void *ctx);
int staff_list(struct db *db, const char *after_login, int limit,
	staff_row_fn fn, void *ctx, struct mado_err *e);

#endif
